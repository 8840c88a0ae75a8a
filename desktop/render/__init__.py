"""The card drawn once from one template, in two layers: the print layer (personal data, all the printer
gets) and the blanko art (pre-printed by the card maker; preview and proof only).

Public API:
    render_front(card, template=None) -> QImage      the front's print layer (white = no ink)
    render_back(template=None) -> QImage | None      the back's print layer (None: the back is pre-printed)
    blanko_front(template=None) / blanko_back(...)   the blanko art
    render_preview(card, template=None) -> QImage    print layer over blanko art (compose(raster, art))
    to_raster(image) -> CardRaster                   render_card_pdf(card, path, *, back=True, template=None)
    layout_front(card, template) -> list[TextBox]    load_template(path=None) / default_template()
    portrait_png(nik, birth_year, sex) -> bytes      signature_png(nik, name) -> bytes
    ensure_gui_app()
"""

from desktop.render.card import (
    blanko_back,
    blanko_front,
    compose,
    render_back,
    render_card_pdf,
    render_front,
    render_preview,
    to_raster,
)
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
    "blanko_back",
    "blanko_front",
    "compose",
    "render_preview",
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
