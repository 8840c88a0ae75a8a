"""A report's PDF drawn page by page (pdfium, through pypdfium2): what the preview shows and what the office
printer receives are the PDF's own pages, not a second rendering of the document.

Pdfium is not thread-safe: call these from one thread at a time (the GUI runs them on its `pdf` lane).
No Qt here: the pages are plain RGB bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

POINTS_PER_INCH = 72


@dataclass(frozen=True)
class PageImage:
    """One page as 8-bit RGB rows, `width` x `height` pixels at `dpi`."""

    width: int
    height: int
    dpi: float
    rgb: bytes

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True)
class PageText:
    """A run of a page's text and where it stands, in points from the page's top-left corner."""

    left: float
    top: float
    right: float
    bottom: float
    text: str


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points."""
    document = _open(data)
    try:
        return [document[i].get_size() for i in range(len(document))]
    finally:
        document.close()


def render(data: bytes, dpi: float, pages: range | None = None) -> list[PageImage]:
    """The PDF's pages (or those of `pages`) drawn at `dpi`, on white."""
    document = _open(data)
    try:
        images = []
        for index in pages if pages is not None else range(len(document)):
            bitmap = document[index].render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
            array = bitmap.to_numpy()  # height x width x 3, RGB
            images.append(PageImage(array.shape[1], array.shape[0], dpi, array.tobytes()))
        return images
    finally:
        document.close()


def text_runs(data: bytes) -> list[list[PageText]]:
    """Each page's text, a run per line as pdfium groups it."""
    document = _open(data)
    try:
        found = []
        for index in range(len(document)):
            page = document[index]
            height = page.get_height()
            text = page.get_textpage()
            runs = []
            for i in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(i)
                words = text.get_text_bounded(left, bottom, right, top).strip()
                if words:
                    runs.append(PageText(left, height - top, right, height - bottom, words))
            found.append(runs)
        return found
    finally:
        document.close()


def _open(data: bytes):
    import pypdfium2  # only when a report is shown or printed: start-up is measured (bench/)

    return pypdfium2.PdfDocument(data)
