"""The documentation a clone carries: links that resolve inside the repository, an architecture page
that names every package and every command."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from desktop.app import build_parser

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _links(markdown: Path) -> list[str]:
    text = markdown.read_text(encoding="utf-8")
    return re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)


def test_readme_links_resolve_inside_the_repository():
    readme = ROOT / "README.md"
    targets = [t for t in _links(readme) if "://" not in t]
    assert "docs/architecture.md" in targets
    for target in targets:
        path = (readme.parent / target).resolve()
        assert path.is_relative_to(ROOT), f"{target} points outside the repository"
        assert path.exists(), f"{target} does not exist"
    assert "../shared" not in readme.read_text(encoding="utf-8")


def test_architecture_page_names_every_desktop_package():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    packages = sorted(p.parent.name for p in (ROOT / "desktop").glob("*/__init__.py"))
    assert len(packages) >= 8
    assert [p for p in packages if f"desktop/{p}" not in text] == []


def test_architecture_page_lists_every_command():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert [name for name in sub.choices if f"ktp-mandiri {name}" not in text] == []
