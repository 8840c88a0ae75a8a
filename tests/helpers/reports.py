"""Reading a report's PDF back as a person would: its text (pdftotext) and its page count."""

from __future__ import annotations

import subprocess


def pdf_text(data: bytes, layout: bool = True) -> str:
    return subprocess.run(["pdftotext", *(["-layout"] if layout else []), "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")


def pdf_info(data: bytes, check: bool = True) -> dict[str, str]:
    """pdfinfo's fields: 'Pages', 'Page size', ... (without `check`, a file still being written gives {})."""
    out = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=check).stdout.decode("utf-8")
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}
