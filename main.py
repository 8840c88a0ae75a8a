"""KTP-el Mandiri entry point: `python main.py [command] [options]`."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
