"""Fill unfinished translations in ktp_en.ts from a JSON mapping {"Context|source" or "source": "English"}.

Usage: python scripts/fill_translations.py MAP.json, then `python -m desktop.i18n update` (restores lupdate's
formatting) and `python -m desktop.i18n build`.
"""
import json
import sys
import xml.etree.ElementTree as ET

path = "resources/translations/ktp_en.ts"
mapping = json.load(open(sys.argv[1]))
tree = ET.parse(path)
missing = []
for ctx in tree.getroot().iter("context"):
    name = ctx.findtext("name")
    for msg in ctx.iter("message"):
        src = msg.findtext("source")
        tr = msg.find("translation")
        if tr is not None and (tr.get("type") == "unfinished" or not (tr.text or "").strip()):
            if tr.get("type") == "obsolete" or tr.get("type") == "vanished":
                continue
            en = mapping.get(f"{name}|{src}") or mapping.get(src)
            if en is None:
                missing.append((name, src)); continue
            tr.text = en
            tr.attrib.pop("type", None)
tree.write(path, encoding="utf-8", xml_declaration=True)
print("missing:", missing)
