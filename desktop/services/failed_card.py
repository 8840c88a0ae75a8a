"""The byte stream of the last card a printer failed on, kept for the support bundle.

A remote helper needs the failed card's command framing (which commands, in which order, with which
parameters and byte counts) to tell a wrong stream from a printer fault. The panel data in it is the
citizen's photo, name and NIK as pixels, so the bundle gets the stream with every panel's data zeroed
(the same length, so the counts still check), and the real one only when asked for with a confirmation
(`support-bundle --include-card-stream`, a confirm dialog in the GUI).

Only the last failed card is kept (`failed-card/` in the data folder, files 0600, replaced by the next
failure), beside a database that already holds the same data.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path

from desktop.devices.base import PrinterError
from desktop.devices.evolis import command_name

log = logging.getLogger("ktp.issuance")

FOLDER = "failed-card"
STREAM = "stream.bin"
ABOUT = "about.json"
DATA_COMMANDS = ("Db", "Dbc")  # the commands that carry a panel's pixels


def data_start(command: bytes) -> int | None:
    """Where a panel command's data begins (after `ESC Db;panel;levels;` or the `Dbc` header of three or
    four fields); None for a command that carries none."""
    name = command_name(command)
    if name == "Db":
        head = command.split(b";", 3)
        return len(b";".join(head[:3])) + 1 if len(head) == 4 else None
    if name == "Dbc":
        head = command.split(b";", 5)
        if len(head) < 5:
            return None
        three = len(b";".join(head[:4])) + 1
        if head[3].isdigit() and int(head[3]) == len(command) - three - 1:  # Dbc;panel;levels;count;data
            return three
        return len(b";".join(head[:5])) + 1  # Dbc;panel;levels;first line;count;data
    return None


def keep(data_dir: Path, job_id: str, error: PrinterError, at: datetime) -> None:
    """Keep the failed card's stream (when its printer sent one), replacing the last one; never raises."""
    frames = error.card_stream
    if not frames:
        return
    folder = Path(data_dir) / FOLDER
    index, offset = [], 0
    for label, command in frames:
        start = data_start(command) if command_name(command) in DATA_COMMANDS else None
        index.append({"label": label, "command": command_name(command), "offset": offset, "length": len(command),
                      "data_offset": None if start is None else offset + start})
        offset += len(command)
    about = {"job": job_id[:8], "at": at.isoformat(), "fault": error.fault.value, "detail": error.detail,
             "card_consumed": error.card_consumed, "frames": index}
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        for name, data in ((STREAM, b"".join(command for _, command in frames)),
                           (ABOUT, json.dumps(about, indent=2).encode("utf-8"))):
            path = folder / name
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
    except OSError as exc:  # the bundle misses it; the card's outcome is what matters now
        log.warning("the failed card's stream was not kept: %s", exc)


def bundle_members(data_dir: Path, include_stream: bool) -> dict[str, bytes]:
    """The last failed card for the support bundle: its description and its stream with the panels'
    data zeroed, and the real stream only when `include_stream` (asked for and confirmed)."""
    folder = Path(data_dir) / FOLDER
    try:
        stream = (folder / STREAM).read_bytes()
        about = json.loads((folder / ABOUT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    zeroed = bytearray(stream)
    for frame in about.get("frames", []):
        start, end = frame.get("data_offset"), frame["offset"] + frame["length"] - 1  # the CR stays
        if start is not None and 0 <= start <= end <= len(zeroed):
            zeroed[start:end] = bytes(end - start)
    members = {f"{FOLDER}/{ABOUT}": json.dumps(about, indent=2).encode("utf-8"),
               f"{FOLDER}/stream-panels-zeroed.bin": bytes(zeroed)}
    if include_stream:
        members[f"{FOLDER}/stream.bin"] = stream
    return members
