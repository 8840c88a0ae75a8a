"""Synthetic portraits and signatures for demo residents, drawn from the NIK so they never change.

Nothing here looks like a real person: a neutral head-and-shoulders figure on the official photo
background (red for odd birth years, blue for even ones) and a handwriting-like scribble. The same
NIK gives the same bytes on every call and every machine (seeded RNG, no fonts, no clock).
"""

from __future__ import annotations

import hashlib
import math
import random

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

PORTRAIT_SIZE = (300, 400)  # 3:4, the proportions of the card's photo box
SIGNATURE_SIZE = (480, 180)
# The photo backgrounds the regulation asks for; a card printer's red and blue, not a brand colour.
RED_BACKGROUND = "#c4161c"
BLUE_BACKGROUND = "#1c4f9c"

_SKIN = ("#f0c8a4", "#e2b08a", "#cf9870", "#b57c55", "#92603f")
_HAIR = ("#17120e", "#221914", "#2d2119", "#101010", "#3a2a1e")
_CLOTHES = ("#1d1d1f", "#f1f1f1", "#2a3a56", "#4f2b2b", "#3b4a3a", "#e9e4d6")
_HIJAB = ("#f2f2f2", "#1d1d1d", "#6a3a58", "#2d4e6d", "#7b6a55", "#3e5a45")
_INK = ("#14163d", "#101010", "#1d2a5e")


def photo_background(birth_year: int) -> str:
    """Red for odd birth years, blue for even ones."""
    return RED_BACKGROUND if birth_year % 2 else BLUE_BACKGROUND


def _rng(*parts: str) -> random.Random:
    # sha256, not hash(): Python salts str hashes per process, and the picture must never change.
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _png(img: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Low compression effort: these are small and made often; size matters less than speed.
    img.save(buffer, "PNG", 80)
    buffer.close()
    return bytes(data.data())


def _shade(colour: str, factor: float) -> QColor:
    c = QColor(colour)
    return QColor(
        min(255, round(c.red() * factor)),
        min(255, round(c.green() * factor)),
        min(255, round(c.blue() * factor)),
    )


def portrait_image(nik: str, birth_year: int, sex: str) -> QImage:
    """The portrait as a QImage (RGB32), for callers that draw it straight away."""
    rng = _rng("portrait", nik)
    w, h = PORTRAIT_SIZE
    female = sex.strip().upper()[:1] in ("P", "F", "W")
    skin = rng.choice(_SKIN)
    hair = rng.choice(_HAIR)
    clothes = rng.choice(_CLOTHES)
    hijab = rng.choice(_HIJAB) if female and rng.random() < 0.6 else None

    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor(photo_background(birth_year)))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)

    cx = w / 2 + rng.uniform(-4, 4)
    head_rx, head_ry = rng.uniform(58, 66), rng.uniform(76, 84)
    head_cy = rng.uniform(178, 188)

    # Long hair falls behind the shoulders, so it is drawn first.
    if female and hijab is None:
        p.setBrush(QColor(hair))
        p.drawRoundedRect(QRectF(cx - head_rx - 14, head_cy - head_ry - 8, 2 * head_rx + 28, 215), 60, 40)

    # Shoulders and chest: a wide ellipse cut by the bottom edge.
    shoulder_w = rng.uniform(135, 150)
    p.setBrush(QColor(clothes))
    p.drawEllipse(QPointF(cx, h + 40), shoulder_w, 125)
    # Neck, a little darker than the face; a V of skin where the collar opens.
    p.setBrush(_shade(skin, 0.9))
    p.drawRect(QRectF(cx - 25, head_cy + head_ry - 30, 50, 75))
    if hijab is None:
        v = QPainterPath(QPointF(cx - 28, h - 112))
        v.lineTo(cx + 28, h - 112)
        v.lineTo(cx, h - 62 + rng.uniform(-10, 10))
        v.closeSubpath()
        p.drawPath(v)
        collar = QColor("#f7f7f7") if clothes != "#f1f1f1" else QColor("#dcdcdc")
        p.setPen(QPen(collar, 7))
        p.drawLine(QPointF(cx - 30, h - 116), QPointF(cx, h - 62))
        p.drawLine(QPointF(cx + 30, h - 116), QPointF(cx, h - 62))
        p.setPen(Qt.PenStyle.NoPen)

    if hijab is not None:
        # A head scarf framing the face and falling over the shoulders.
        p.setBrush(QColor(hijab))
        p.drawEllipse(QPointF(cx, head_cy - 4), head_rx + 20, head_ry + 22)
        spread = head_rx + rng.uniform(50, 62)
        drape = QPainterPath(QPointF(cx - head_rx - 20, head_cy - 4))
        drape.cubicTo(
            QPointF(cx - head_rx - 24, head_cy + 90),
            QPointF(cx - spread, h - 90),
            QPointF(cx - spread, h + 2),
        )
        drape.lineTo(cx + spread, h + 2)
        drape.cubicTo(
            QPointF(cx + spread, h - 90),
            QPointF(cx + head_rx + 24, head_cy + 90),
            QPointF(cx + head_rx + 20, head_cy - 4),
        )
        drape.closeSubpath()
        p.drawPath(drape)
    else:
        # Ears, then the hair cap behind the face.
        p.setBrush(_shade(skin, 0.93))
        for side in (-1, 1):
            p.drawEllipse(QPointF(cx + side * (head_rx - 2), head_cy + 4), 11, 17)
        p.setBrush(QColor(hair))
        p.drawEllipse(QPointF(cx, head_cy - rng.uniform(14, 22)), head_rx + 4, head_ry - 4)

    # The face; with a scarf only an oval opening shows.
    p.setBrush(QColor(skin))
    if hijab is not None:
        p.drawEllipse(QPointF(cx, head_cy + 6), head_rx - 8, head_ry - 8)
    else:
        p.drawEllipse(QPointF(cx, head_cy + 10), head_rx, head_ry - 6)

    # Neutral features: eyes open, mouth closed, facing the camera.
    eye_y = head_cy + rng.uniform(0, 6)
    eye_dx = rng.uniform(22, 27)
    p.setBrush(QColor("#fbfbf8"))
    for side in (-1, 1):
        p.drawEllipse(QPointF(cx + side * eye_dx, eye_y), 8.5, 4.6)
    p.setBrush(QColor("#2a1d15"))
    for side in (-1, 1):
        p.drawEllipse(QPointF(cx + side * eye_dx, eye_y), 4.0, 4.0)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor(hair), 3.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    brow = rng.uniform(12, 16)
    for side in (-1, 1):
        p.drawLine(
            QPointF(cx + side * (eye_dx - 10), eye_y - brow),
            QPointF(cx + side * (eye_dx + 10), eye_y - brow - 2),
        )
    p.setPen(QPen(_shade(skin, 0.72), 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    nose = QPainterPath(QPointF(cx - 2, eye_y + 8))
    nose.quadTo(QPointF(cx - 7, eye_y + 30), QPointF(cx + 6, eye_y + 31))
    p.drawPath(nose)
    p.setPen(QPen(_shade(skin, 0.6), 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    mouth_y = eye_y + rng.uniform(46, 52)
    mouth = QPainterPath(QPointF(cx - 15, mouth_y))
    mouth.quadTo(QPointF(cx, mouth_y + 3), QPointF(cx + 15, mouth_y))
    p.drawPath(mouth)
    p.end()
    return img


def portrait_png(nik: str, birth_year: int, sex: str) -> bytes:
    """A PNG head-and-shoulders figure, 300 x 400 px, red background for odd birth years, blue for even."""
    return _png(portrait_image(nik, birth_year, sex))


def _signature_points(rng: random.Random, name: str) -> list[QPointF]:
    """Letter-like strokes (humps, loops, dips, tall loops) joined as one fast, slanted line."""
    words = name.split() or ["X"]
    letters = max(5, min(9, len(words[0]))) + (1 if len(words) > 1 else 0)
    w, h = SIGNATURE_SIZE
    base = h * 0.64
    x = rng.uniform(26, 44)
    adv = (w - 110 - x) / letters
    pts = [(x + 6, base + 6), (x + 12, base - rng.uniform(80, 100)), (x - 8, base - 55), (x + 10, base - 12)]
    x += adv * 0.6
    for _ in range(letters):
        a = adv * rng.uniform(0.8, 1.2)
        hg = rng.uniform(22, 36)
        kind = rng.choices(("hump", "loop", "dip", "tall"), weights=(4, 3, 3, 2))[0]
        if kind == "hump":
            pts += [(x + a * 0.3, base - hg), (x + a * 0.75, base - hg * 0.8), (x + a, base)]
        elif kind == "loop":
            pts += [
                (x + a * 0.7, base - hg * 0.7),
                (x + a * 0.25, base - hg * 0.75),
                (x + a * 0.35, base),
                (x + a, base - 4),
            ]
        elif kind == "dip":
            pts += [
                (x + a * 0.2, base - hg),
                (x + a * 0.5, base + 2),
                (x + a * 0.8, base - hg * 0.9),
                (x + a, base - 2),
            ]
        else:
            pts += [
                (x + a * 0.7, base - hg * 2.3),
                (x + a * 0.35, base - hg * 2.0),
                (x + a * 0.55, base),
                (x + a, base - 6),
            ]
        x += a
    slant = rng.uniform(0.18, 0.32)  # right-handed writing leans forward
    return [QPointF(px + slant * (base - py), py) for px, py in pts]


def _smooth(points: list[QPointF]) -> QPainterPath:
    # Catmull-Rom through the points, written as cubic Beziers: a pen never draws corners.
    path = QPainterPath(points[0])
    pts = [points[0], *points, points[-1]]
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        c1 = p1 + (p2 - p0) / 6
        c2 = p2 - (p3 - p1) / 6
        path.cubicTo(c1, c2, p2)
    return path


def signature_image(nik: str, name: str) -> QImage:
    """The signature as a QImage with a transparent background (ARGB32 premultiplied)."""
    rng = _rng("signature", nik, name)
    w, h = SIGNATURE_SIZE
    img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(Qt.BrushStyle.NoBrush)
    pen = QPen(
        QColor(rng.choice(_INK)), rng.uniform(3.6, 4.6), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap
    )
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.drawPath(_smooth(_signature_points(rng, name)))
    # A closing flourish under the name, slightly rising.
    start = QPointF(rng.uniform(20, 60), h * 0.8)
    end = QPointF(w - rng.uniform(20, 60), h * rng.uniform(0.62, 0.76))
    flourish = QPainterPath(start)
    bend = rng.uniform(-25, 15)
    flourish.cubicTo(QPointF(w * 0.35, h * 0.86 + bend), QPointF(w * 0.7, h * 0.78), end)
    p.drawPath(flourish)
    if rng.random() < 0.5:  # some people dot or tick the end
        angle = rng.uniform(-0.6, 0.2)
        tip = QPointF(end.x() - 18 * math.cos(angle), end.y() - 18 * math.sin(angle) - 14)
        p.drawLine(end, tip)
    p.end()
    return img


def signature_png(nik: str, name: str) -> bytes:
    """A PNG handwriting-like stroke on a transparent background, 480 x 180 px."""
    return _png(signature_image(nik, name))
