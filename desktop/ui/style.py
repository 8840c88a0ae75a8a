"""The application's look (docs/ui-style.md): one stylesheet built from one palette, a type scale and a
spacing scale, and `set_state` that gives a label the colour of its state through a property (never an
inline colour). Tests read `PALETTE` and `TEXT_ON` to compute the contrast of every text colour."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# Colours by meaning. Text colours reach at least 4.5:1 on every background they stand on (TEXT_ON).
PALETTE = {
    "text": "#1b2530",        # body text
    "muted": "#44525f",       # secondary text, hints, "3 dari 16 angka"
    "ok": "#0b6b2b",          # done, ready, valid
    "busy": "#1f4e9c",        # working: printing, checking
    "warn": "#7a4300",        # look at it, nothing is refused
    "action": "#b00020",      # needs action now: the only red
    "focus": "#1f4e9c",       # the focus mark
    "window": "#f6f8fa",      # page background
    "panel": "#ffffff",       # boxes, fields, the log-in card
    "header": "#e9eff5",      # header and status bar
    "border": "#8796a5",      # field and button borders
    "primary": "#1f6f43",     # the print button
    "primary_text": "#ffffff",
    "training": "#fff1c2",    # the training banner (simulated printers)
    "ok_bg": "#e3f4e8", "warn_bg": "#fff4d6", "action_bg": "#fde7e9",
    "tv": "#10233a", "tv_text": "#ffffff", "tv_flash": "#ffd84d",  # the now-serving screen (issue 25)
}

# (text colour, background) pairs the stylesheet and the widgets use: each must reach 4.5:1.
TEXT_ON = [
    (fg, bg) for fg in ("text", "muted", "ok", "busy", "warn", "action") for bg in ("window", "panel", "header")
] + [("primary_text", "primary"), ("text", "training"), ("text", "ok_bg"), ("text", "warn_bg"),
     ("text", "action_bg"), ("ok", "ok_bg"), ("action", "action_bg"), ("warn", "warn_bg"),
     ("tv_text", "tv"), ("text", "tv_flash")]

# Type scale (points) and spacing scale (pixels).
TYPE = {"small": 9, "body": 10, "section": 11, "title": 14, "number": 36}  # number: a queue ticket's at the door
SPACE = {"xs": 4, "s": 8, "m": 12, "l": 16}

STATES = ("ok", "busy", "warn", "action", "muted", "")
BOX_MARGINS = (SPACE["s"], SPACE["xs"], SPACE["s"], SPACE["xs"])  # inside a group box: its frame pads already

_P = PALETTE
STYLESHEET = f"""
QWidget {{ font-size: {TYPE['body']}pt; color: {_P['text']}; }}
QMainWindow, #workPage, #loginPage, #firstRunPage {{ background: {_P['window']}; }}
QGroupBox {{ font-size: {TYPE['section']}pt; font-weight: bold; background: {_P['panel']};
  border: 1px solid #c9d3dc; border-radius: 6px; margin-top: 12px; padding: {SPACE['xs']}px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {SPACE['m']}px; padding: 0 4px; }}
QGroupBox QLabel, QGroupBox QCheckBox, QGroupBox QComboBox, QGroupBox QLineEdit, QGroupBox QPushButton,
QGroupBox QTableView {{ font-weight: normal; }}
QLabel[state="ok"] {{ color: {_P['ok']}; }}
QLabel[state="busy"] {{ color: {_P['busy']}; }}
QLabel[state="warn"] {{ color: {_P['warn']}; }}
QLabel[state="action"] {{ color: {_P['action']}; font-weight: bold; }}
QLabel[state="muted"] {{ color: {_P['muted']}; }}
QPushButton {{ background: #f1f4f7; border: 2px solid #b7c2cc; border-radius: 4px; padding: 4px 12px;
  min-height: 22px; }}
QPushButton:hover {{ border-color: {_P['border']}; }}
QPushButton:focus {{ border: 2px solid {_P['focus']}; background: #dfe9f6; }}
QPushButton:disabled {{ color: #6b7784; background: #eceff2; }}
QLineEdit, QComboBox {{ background: {_P['panel']}; border: 2px solid #b7c2cc; border-radius: 4px;
  padding: 3px 6px; }}
QLineEdit:focus, QComboBox:focus {{ border: 2px solid {_P['focus']}; }}
QCheckBox:focus {{ color: {_P['focus']}; text-decoration: underline; }}
QTableView:focus, QListView:focus {{ border: 2px solid {_P['focus']}; }}
#header, #statusBar {{ background: {_P['header']}; border-bottom: 1px solid #c9d6e3; }}
#statusBar {{ border-top: 1px solid #c9d6e3; border-bottom: none; }}
#headerStation {{ font-size: {TYPE['section']}pt; }}
#pageTitle {{ font-size: {TYPE['title']}pt; font-weight: bold; color: #1f3b5c; padding-bottom: 6px; }}
#loginCard {{ background: {_P['panel']}; border: 1px solid #c9d6e3; border-radius: 6px; padding: 12px; }}
#errorLabel {{ color: {_P['action']}; }}
#demoHint, #loginStation {{ color: {_P['muted']}; padding-top: 6px; }}
#printButton {{ font-size: {TYPE['section']}pt; font-weight: bold; }}
#printButton:enabled {{ background: {_P['primary']}; color: {_P['primary_text']}; border-color: {_P['primary']}; }}
#printButton:enabled:focus {{ border: 3px solid {_P['text']}; }}
#blockersLabel {{ color: {_P['text']}; }}
#trainingBanner {{ background: {_P['training']}; color: {_P['text']}; font-weight: bold; padding: 1px 8px;
  border: 1px solid #d9c27a; border-radius: 3px; }}
#messageText {{ color: {_P['text']}; }}
#doorPlaces {{ font-size: {TYPE['title']}pt; font-weight: bold; }}
#doorNumber {{ font-size: {TYPE['number']}pt; font-weight: bold; }}
#callingBox {{ background: {_P['panel']}; border: 1px solid #c9d3dc; border-radius: 6px; }}
#callingTicket {{ font-size: {TYPE['section']}pt; font-weight: bold; }}
"""

# The now-serving screen (desktop/ui/pages/queue/now_serving.py): read across a waiting room, light on
# dark; a call turns the screen yellow for a moment (the property `flash`).
NOW_SERVING_STYLESHEET = f"""
#nowServing {{ background: {_P['tv']}; }}
#nowServing[flash="true"] {{ background: {_P['tv_flash']}; }}
#nowServing QLabel {{ color: {_P['tv_text']}; background: transparent; }}
#nowServing[flash="true"] QLabel {{ color: {_P['text']}; }}
#nowServingTitle {{ font-size: 28pt; }}
#nowServingNumber {{ font-size: 140pt; font-weight: bold; }}
#nowServingEarlierTitle {{ font-size: 20pt; }}
#nowServingEarlier QLabel {{ font-size: 54pt; font-weight: bold; }}
"""


def set_state(widget: QWidget, state: str) -> None:
    """Colour `widget`'s text for a state of STATES ("" is plain text), through the stylesheet."""
    assert state in STATES, state
    if widget.property("state") == state:
        return
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def colour(state: str) -> str:
    """A state's text colour, for rich text (the header's numbers) and item views."""
    return PALETTE[state]
