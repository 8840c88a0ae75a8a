"""The pictures on the card: the holder's photo and signature, or generated ones, and how they fit."""

from __future__ import annotations

from functools import lru_cache

from desktop.domain.card import CardData
from desktop.render.layout import Rect
from desktop.render.portrait import portrait_png, signature_png

# The same NIK always gives the same generated picture, so make it once per session.
generated_portrait = lru_cache(maxsize=256)(portrait_png)
generated_signature = lru_cache(maxsize=256)(signature_png)


def photo_png_for(card: CardData) -> bytes:
    """The holder's photo, or the demo portrait generated from the NIK when the record has none."""
    if card.photo_png is not None:
        return card.photo_png
    return generated_portrait(card.nik, card.birth_date.year, card.sex)


def signature_png_for(card: CardData) -> bytes:
    if card.signature_png is not None:
        return card.signature_png
    return generated_signature(card.nik, card.name)


def cover_crop(src_w: int, src_h: int, dst_w: float, dst_h: float) -> tuple[float, float, float, float]:
    """The centred part of the source with the target's proportions (the photo fills its box)."""
    if src_w * dst_h > src_h * dst_w:
        w = src_h * dst_w / dst_h
        return ((src_w - w) / 2, 0.0, w, float(src_h))
    h = src_w * dst_h / dst_w
    return (0.0, (src_h - h) / 2, float(src_w), h)


def contain_rect(src_w: int, src_h: int, box: Rect) -> Rect:
    """The largest rectangle with the source's proportions centred in `box` (the signature)."""
    x, y, w, h = box
    if src_w <= 0 or src_h <= 0 or w <= 0 or h <= 0:
        return (x, y, 0.0, 0.0)
    scale = min(w / src_w, h / src_h)
    return (x + (w - src_w * scale) / 2, y + (h - src_h * scale) / 2, src_w * scale, src_h * scale)
