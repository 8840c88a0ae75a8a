"""The card drawn once from one template: raster for the printer and preview, PDF proof, demo pictures.

Public API:
    render_front(card, template=None) -> QImage      render_back(card=None, template=None) -> QImage
    to_raster(image) -> CardRaster                   render_card_pdf(card, path, *, back=True, template=None)
    layout_front(card, template) -> list[TextBox]    load_template(path=None) / default_template()
    portrait_png(nik, birth_year, sex) -> bytes      signature_png(nik, name) -> bytes
    ensure_gui_app()
"""

from desktop.render.card import render_back, render_card_pdf, render_front, to_raster
from desktop.render.fonts import ensure_gui_app
from desktop.render.layout import TextBox, layout_front, photo_column
from desktop.render.portrait import portrait_png, signature_png
from desktop.render.template import (
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
