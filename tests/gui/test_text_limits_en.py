"""The length refusals of issue 19 read in English under `--lang en` (the services write them in Indonesian)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.errors import UserFacingError
from desktop.ui.application import install_translators
from desktop.ui.text import error_text


@pytest.fixture
def english(qapp):
    translators = install_translators(qapp, "en")
    assert translators
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()


def test_a_too_long_user_name_is_refused_in_english(english, station):
    with pytest.raises(UserFacingError) as caught:
        station.services.auth.login("u" * 70, "salah-sandi")
    assert error_text(caught.value) == "User name may be at most 64 characters long; 70 were entered."


def test_a_too_long_reason_is_refused_in_english(english, station):
    with pytest.raises(UserFacingError) as caught:
        station.services.quota.set_today(station.supervisor, "36.74.06", 150, "x" * 501)
    assert error_text(caught.value) == "Reason may be at most 500 characters long; 501 were entered."
