"""Guards against a Qt binding that leaks references to None (PySide6 6.12.0 on Python 3.11 does)."""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_keep_none_alive(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
    # A leaking binding loses one reference per call and aborts the process after a few thousand.
    assert sys.getrefcount(None) >= before - 50
