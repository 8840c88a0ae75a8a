"""Signing in and out, the first administrator, the screen lock (each audited; no listed data changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.operations import SETTINGS, USERS, Op, QueryOp

if TYPE_CHECKING:
    from desktop.composition import Services
    from desktop.services.session import CurrentUser


def log_in(services: Services, username: str, password: str) -> Op:
    auth = services.auth
    return Op("login", "db", lambda: auth.login(username, password), ())


def log_out(services: Services, user: CurrentUser) -> Op:
    auth = services.auth
    return Op("logout", "db", lambda: auth.logout(user), ())


def set_up_station(services: Services, form: dict) -> Op:
    """The first run: the first administrator and the station's kecamatan. Returns the administrator."""

    def setup() -> CurrentUser:
        from desktop import station_account

        station_account.refuse_second_station()  # Windows: another account of this PC holds the station
        user = services.auth.create_first_admin(form["username"], form["full_name"], form["password"])
        station = services.stations.setup(user, form["kecamatan"], form["served"])
        station_account.claim(services.data_dir, station.name)
        return user

    return Op("station.setup", "db", setup, {USERS, SETTINGS})


def record_lock(services: Services, user: CurrentUser, action: str) -> Op:
    from desktop.services import audit

    clock = services.clock
    return Op(action, "db", lambda: audit.record(action, user, at=clock.now_utc()), ())


def unlock_screen(services: Services, user: CurrentUser, password: str) -> Op:
    auth = services.auth
    return Op("screen.unlock", "db", lambda: auth.confirm_password(user, password, "screen.unlock"), ())


def load_station(services: Services, demo: bool) -> QueryOp:
    """What the work needs after log-in: the station, demo NIKs, the printers to use."""

    def load():
        from desktop.services.demo import sample_niks
        from desktop.services.printer_choice import station_printers

        station = services.stations.require()
        services.regions  # noqa: B018 - load the region names here, not on the first keystroke
        return station, (sample_niks() if demo else {}), station_printers(station)

    return QueryOp("db", load)


def warm_up_renderer(services: Services) -> QueryOp:
    """The first card reads the font files, the blanko art and the portrait generator (~0.3-0.6 s): done
    once after start-up (desktop/ui/shell/warm_up.py), through the very path a scan draws with, so the
    first citizen does not wait for it."""

    def render() -> None:
        from desktop.render.card import counter_preview
        from desktop.render.samples import sample_cards

        # All three samples: a short card and one with every field at its longest fit their text at
        # different sizes, and each size is a font made once per lane (desktop/render/fonts.raw_font).
        for card in sample_cards().values():
            counter_preview(services.issuance.renderer, card)

    return QueryOp("render", render).quietly()
