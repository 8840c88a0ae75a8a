"""Reading a compiled Qt translation (.qm): its (context, source) pairs, to compare against Qt's own catalogues.

The layout (magic, then tagged sections; the messages section holds tagged records with the context,
source text and translation) is that of QTranslator's loader in Qt's qtranslator.cpp.
"""

from __future__ import annotations

import struct
from pathlib import Path

MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95, 0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])
_MESSAGES = 0x69
_END, _TRANSLATION, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 5, 6, 7, 8
_TEXT_TAGS = {2: None, _TRANSLATION: "translation", 4: None, _SOURCE: "source", _CONTEXT: "context",
              _COMMENT: "comment"}


def qm_messages(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    if data[:16] != MAGIC:
        raise ValueError(f"{path} is not a .qm file")
    messages, i = b"", 16
    while i < len(data):
        tag, length = data[i], struct.unpack(">I", data[i + 1:i + 5])[0]
        if tag == _MESSAGES:
            messages = data[i + 5:i + 5 + length]
        i += 5 + length
    found, record, j = [], {}, 0
    while j < len(messages):
        tag = messages[j]
        j += 1
        if tag == _END:
            found.append(record)
            record = {}
        elif tag == _OBSOLETE1:
            continue
        elif tag in _TEXT_TAGS:
            length = struct.unpack(">I", messages[j:j + 4])[0]
            j += 4
            if length == 0xFFFFFFFF:
                continue
            value, j = messages[j:j + length], j + length
            key = _TEXT_TAGS[tag]
            if key == "translation":
                record[key] = value.decode("utf-16-be")
            elif key is not None:
                record[key] = value.decode("utf-8", "replace")
        else:
            raise ValueError(f"{path}: unknown tag {tag:#x} at {j - 1}")
    return found
