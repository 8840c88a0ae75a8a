"""The card drawn once from one template: raster for the printer and preview, PDF proof, demo pictures.

Public API:
    render_front(card, template=None) -> QImage      render_back(card=None, template=None) -> QImage
    to_raster(image) -> CardRaster                   render_card_pdf(card, path, *, back=True, template=None)
    layout_front(card, template) -> list[TextBox]    load_template(path=None) / default_template()
    portrait_png(nik, birth_year, sex) -> bytes      signature_png(nik, name) -> bytes
    ensure_gui_app()
"""

from desktop.render.none_refcount import keep_none_alive

keep_none_alive()  # before any Qt call: see none_refcount.py

from desktop.render.card import render_back, render_card_pdf, render_front, to_raster  # noqa: E402
from desktop.render.fonts import ensure_gui_app  # noqa: E402
from desktop.render.layout import TextBox, layout_front, photo_column  # noqa: E402
from desktop.render.portrait import portrait_png, signature_png  # noqa: E402
from desktop.render.template import (  # noqa: E402
    Template,
    TemplateError,
    default_template,
    load_template,
)

__all__ = [
    "Template",
    "TemplateError",
    "TextBox",
    "default_template",
    "ensure_gui_app",
    "layout_front",
    "load_template",
    "photo_column",
    "portrait_png",
    "render_back",
    "render_card_pdf",
    "render_front",
    "signature_png",
    "to_raster",
]
