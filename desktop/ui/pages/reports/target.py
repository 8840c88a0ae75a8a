"""The file a report (page.py) or an archived copy (archive.py) is saved to: typed in a field, not picked in
Qt's file dialog (its own words are not in the application's catalogue)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit


def follow_name(edit: QLineEdit, name: str) -> None:
    """Another report chosen: the field keeps its folder (home at first) and takes the report's file name."""
    folder = Path(edit.text()).parent if edit.text().strip() else Path.home()
    edit.setText(str(folder / name))


def typed_target(edit: QLineEdit, as_csv: bool) -> Path | None:
    """The path typed, its ending made to fit what is saved; None when the field is empty."""
    text = edit.text().strip()
    return Path(text).with_suffix(".csv" if as_csv else ".pdf") if text else None
