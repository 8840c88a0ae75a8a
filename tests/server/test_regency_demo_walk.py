"""The demo walk of issue 17 (item 9): `python3 dev.py demo --regency` set up as the demo does
(devtools/regency_demo.py: a real server process, two enrolled stations of one hub), loket 1 prints a
citizen and loket 2 is refused the same citizen, in the words of its same-day rule with where."""

from __future__ import annotations

import pytest

from desktop.composition import build_services
from desktop.devices.simulator import forget_simulators
from desktop.domain.record_status import PRINT_READY
from desktop.errors import UserFacingError
from desktop.store.models import PrintJob, Resident
from desktop.sync.link import NikTaken
from devtools.regency_demo import set_up
from tests.helpers.leases import Counter


@pytest.fixture(autouse=True)
def _qt_app(qapp):
    """Rendering needs a Qt application."""
    yield
    forget_simulators()


def station(data, number: int) -> Counter:
    services = build_services(data)
    return Counter(services, services.clock, services.auth.login("operator", "operator123"),
                   services.auth.login("supervisor", "supervisor123"), f"sim://walk{number}?delay=0")


def test_loket_2_of_the_demo_is_refused_the_citizen_loket_1_printed(tmp_path):
    demo = set_up(tmp_path, residents_count=40)
    lokets = []
    try:
        lokets = [station(data, number) for number, data in enumerate(demo.stations, start=1)]
        first, second = lokets
        first.use()
        nik = Resident.select().where(Resident.record_status == PRINT_READY).order_by(Resident.nik).first().nik
        card = first.print(nik)
        assert card.notes == ()  # the claim was answered

        with pytest.raises(NikTaken) as refused:  # loket 1's card is still on its way to the regency
            second.print(nik)
        assert str(refused.value).startswith("KTP-el untuk NIK ini sedang dicetak di Hub Pamulang loket 1")
        first.round()
        with pytest.raises(UserFacingError) as refused:
            second.print(nik)
        assert str(refused.value).startswith(f"KTP-el untuk NIK ini sudah dicetak hari ini (blanko "
                                             f"{card.blanko_serial}, di Hub Pamulang loket 1, pukul ")
        second.use()
        assert PrintJob.select().count() == 0  # nothing reserved at loket 2
    finally:
        for loket in lokets:
            loket.close()
        demo.stop()
