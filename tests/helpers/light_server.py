"""`ktp-mandiri-server` as the tests start it (tests/helpers/regency.py): the real entry point, with the
light argon2 parameters the tests' own accounts get (Regency.bind, tests/helpers/fixtures.py). Without
them every log-in with an unknown name (the fuzzer's, the throttle tests') and every password set over
HTTP cost production argon2 in the server's process: a fifth of the API fuzz run went there.

Run as `python -m tests.helpers.light_server ARGS`. uvicorn starts its workers by spawning, and a spawned
worker runs this module's top level again (as `__mp_main__`), so the workers hash alike. The production
parameters are checked where they are the subject (tests/server/test_admin_login.py, test_services)."""

from __future__ import annotations

import sys

from argon2 import PasswordHasher

from server.security import set_hasher

set_hasher(PasswordHasher(time_cost=1, memory_cost=1024))

if __name__ == "__main__":
    from server.cli import main

    sys.exit(main())
