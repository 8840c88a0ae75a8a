"""Fill unfinished translations in ktp_en.ts from a JSON mapping {"Context|source" or "source": "English"}.

Usage: python scripts/fill_translations.py MAP.json, then `python -m desktop.i18n update` (restores
lupdate's formatting) and `python -m desktop.i18n build`.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS_FILE = Path(__file__).resolve().parent.parent / "resources" / "translations" / "ktp_en.ts"


def fill(mapping: dict[str, str]) -> list[tuple[str, str]]:
    tree = ET.parse(TS_FILE)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            english = mapping.get(f"{name}|{source}") or mapping.get(source)
            if english is None:
                missing.append((name, source))
                continue
            translation.text = english
            translation.attrib.pop("type", None)
    tree.write(TS_FILE, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        left = fill(json.load(handle))
    for context, source in left:
        print(f"no translation given for [{context}] {source}")
    sys.exit(1 if left else 0)
