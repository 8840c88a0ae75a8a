"""Screenshots of pages and dialogs as build artefacts (build/screenshots/), and the check that no label's
text is elided or clipped at that size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def clipped_labels(root: QWidget) -> list[str]:
    """Visible labels whose text does not fit their box (cut off, or elided by a layout too small)."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
            continue
        rect = label.contentsRect()
        if label.wordWrap():
            needed = label.heightForWidth(rect.width() + 2 * label.margin())
            fits = needed <= label.height() + 1
        else:
            hint = label.sizeHint()
            fits = hint.width() <= label.width() + 1 and hint.height() <= label.height() + 1
        if not fits:
            found.append(f"{label.objectName() or '?'}: {label.text()[:60]!r} in {label.width()}x{label.height()}")
    return found


def save_screenshot(widget: QWidget, name: str) -> Path:
    """`widget` as it is drawn now, in build/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    widget.grab().save(str(path))
    return path
