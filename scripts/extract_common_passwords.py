"""Write resources/data/common-passwords.txt: the 10,000 most common passwords of zxcvbn's frequency
list plus Indonesian ones, for the password rule (desktop/domain/passwords.py).

Run once (the output is committed): python scripts/extract_common_passwords.py zxcvbn-4.4.28.tar.gz
The sdist comes from PyPI (`pip download --no-deps --no-binary :all: zxcvbn==4.4.28`); it is read as
data (its list parsed with ast, nothing of it imported or run) and is no dependency of the program.
zxcvbn (Dropbox, Inc.; Python port by Daniel Wolf) is under the MIT licence.
"""

from __future__ import annotations

import ast
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "data" / "common-passwords.txt"
TOP = 10_000
# Common in Indonesia and absent from (or low in) the English-speaking lists.
INDONESIAN = [
    "bismillah", "bismillah123", "alhamdulillah", "assalamualaikum", "indonesia", "indonesia1", "indonesia123",
    "merdeka", "merdeka45", "garuda", "garuda123", "pancasila", "jakarta", "jakarta123", "bandung", "surabaya",
    "semarang", "tangerang", "banten", "sayang", "sayang123", "sayangku", "sayangkamu", "cinta", "cinta123",
    "cintaku", "kasih", "kasihku", "rahasia", "rahasia123", "katasandi", "katasandi123", "sandi123", "kucing",
    "kucing123", "anjing", "persija", "persib", "persebaya", "doraemon", "bidadari", "cantik", "ganteng",
    "bintang", "matahari", "pelangi", "selamat", "terserah", "kecamatan", "kelurahan", "ktp12345", "ektp1234",
    "dukcapil", "dukcapil123", "penduduk", "mandiri", "qwerty123", "password123", "12345678910", "sayangmama",
    "sayangibu", "mamapapa",
]
HEADER = """# The 10,000 most common passwords (zxcvbn 4.4.28's frequency list "passwords", MIT licence,
# Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc.; Python port by Daniel Wolf), then Indonesian
# ones. Made by scripts/extract_common_passwords.py; used by desktop/domain/passwords.py (lower case).
"""


def common_passwords(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("zxcvbn/frequency_lists.py"))
        source = archive.extractfile(member).read().decode("utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            # Each list is written "a,b,c".split(","): the string is the call's receiver.
            lists = {key.value: value.func.value.value for key, value in zip(node.keys, node.values, strict=True)}
            return lists["passwords"].split(",")[:TOP]
    raise SystemExit("no frequency lists in " + str(sdist))


def main(sdist: Path) -> None:
    words = list(dict.fromkeys(w.lower() for w in common_passwords(sdist) + INDONESIAN))
    OUT.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} passwords -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
