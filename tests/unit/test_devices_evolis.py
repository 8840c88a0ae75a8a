"""The Evolis command language and session: bytes on the wire, reply framing, time-outs, status per
model, and where the card is after a fault (docs/printers.md, "fault x step")."""

from __future__ import annotations

import logging
import time
from collections import deque

import pytest

from desktop.devices.base import Fault, PrinterError, PrinterState
from desktop.devices.evolis import (
    EvolisOptions,
    GarbledReply,
    Nack,
    NoReply,
    Stalled,
    TransportGone,
    card_frames,
    frame,
    parse_reply,
)
from desktop.devices.evolis_models import FAMILIES, capabilities_for, family_of
from desktop.devices.evolis_session import EvolisSession
from tests.helpers.usb_fake import card_job

ACK, NACK = b"\x06", b"\x15"


def key_of(command: bytes) -> str:
    """`Db;y`, `Rlr;p`, `Ss`: the name, plus the first parameter of reads and downloads."""
    parts = command[1:].rstrip(b"\r").split(b";")
    name = parts[0].decode()
    if (name.startswith("R") or name.startswith("Db")) and len(parts) > 1:
        return f"{name};{parts[1].decode()}"
    return name


class FakePrinter:
    """A transport that answers by command: `script[key]` lists successive replies (bytes; None for
    silence; an exception to raise from the write), reads fall back to `values`, the rest to ACK."""

    def __init__(self, script=None, values=None, *, packet: int = 0) -> None:
        self.script = {key: deque(replies) for key, replies in (script or {}).items()}
        self.values = {"Rtp": b"Evolis Dualys 3\r", "Rsn": b"D123\r", "Rlr;p": b"OK\r", "Rlr;r": b"OK\r",
                       "Rco;c": b"12\r", "Rco;p": b"60\r", "Rco;I": b"140\r", "Rse;o": b"0.20\r",
                       "Rse;p": b"0.20\r", "Rfv": b"F1.2\r", **(values or {})}  # fmt: skip
        self.written: list[str] = []
        self.packet = packet
        self.cleared = self.resets = 0
        self._pending = b""
        self._at = 0.0

    def write(self, data: bytes) -> None:
        key = key_of(data)
        self.written.append(key)
        queue = self.script.get(key)
        reply = queue.popleft() if queue else self.values.get(key, ACK)
        if isinstance(reply, tuple):  # (seconds late, bytes)
            self._at, reply = time.monotonic() + reply[0], reply[1]
        if isinstance(reply, Exception):
            raise reply
        self._pending += reply or b""

    def read(self, timeout: float) -> bytes:
        if time.monotonic() < self._at:
            time.sleep(min(timeout, self._at - time.monotonic()))
            if time.monotonic() < self._at:
                return b""
        size = self.packet or len(self._pending)
        data, self._pending = self._pending[:size], self._pending[size:]
        return data

    def clear_halt(self) -> None:
        self.cleared += 1

    def reset(self) -> None:
        self.resets += 1


FAST = EvolisOptions(reply_timeout=0.05, print_timeout=0.05, status_timeout=0.05)


def session(printer: FakePrinter, options: EvolisOptions = FAST, family: str | None = None) -> EvolisSession:
    return EvolisSession(printer, options, capabilities_for(family) if family else None)


# -- framing --------------------------------------------------------------------------------


def test_frames_are_esc_name_params_cr():
    assert frame("Pr", "ymcko") == b"\x1bPr;ymcko\r"
    assert frame("Pem", 4) == b"\x1bPem;4\r"
    assert frame("Ss") == b"\x1bSs\r"
    assert frame("Pc", "k", "+") == b"\x1bPc;k;+\r"
    assert frame("Rlr", "p") == b"\x1bRlr;p\r"


def test_data_follows_the_last_separator_and_may_hold_cr():
    assert frame("Db", "k", 2, data=b"\x00\r\xff") == b"\x1bDb;k;2;\x00\r\xff\r"


@pytest.mark.parametrize("bad", ["a;b", "x\r", "\x1b", "é", "two words"])
def test_parameters_that_would_break_the_framing_are_refused(bad):
    with pytest.raises(ValueError):
        frame("Pr", bad)


@pytest.mark.parametrize("ribbon", ["ymckoko", "k", "ymckos", "h", "YMCKO"])
def test_ribbons_the_station_cannot_print_with_are_refused(ribbon):
    with pytest.raises(ValueError):
        EvolisOptions(ribbon=ribbon)


def test_the_defaults_are_plain_db_and_the_vendor_sdk_time_outs():
    options = EvolisOptions()
    assert options.compression is None  # plain Db
    assert (options.reply_timeout, options.print_timeout, options.status_timeout) == (30.0, 300.0, 3.0)


def test_card_sequence_follows_the_model():
    minimum = [label for label, _ in card_frames(card_job(), EvolisOptions())]
    assert minimum == ["Ss", "y", "m", "c", "k", "o", "Se"]  # no Sr: not every family has it
    dualys = [label for label, _ in card_frames(card_job(), EvolisOptions(), FAMILIES["dualys"])]
    assert dualys == ["Ss", "Sr", "y", "m", "c", "k", "o", "Se"]
    duplex = card_frames(card_job(back=True), EvolisOptions(ribbon="ymckok"), FAMILIES["dualys"])
    assert [label for label, _ in duplex] == ["Ss", "Sr", "y", "m", "c", "k", "o", "Sv", "k", "Se"]
    frames = dict(duplex)
    assert frames["Ss"] == b"\x1bSs\r" and frames["Sr"] == b"\x1bSr\r" and frames["Se"] == b"\x1bSe\r"
    assert frames["y"].startswith(b"\x1bDb;y;32;")
    with pytest.raises(PrinterError) as caught:  # Tattoo has no Sv (§8 S)
        card_frames(card_job(back=True), EvolisOptions(), FAMILIES["tattoo"])
    assert caught.value.card_consumed is False


# -- replies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [b"Zenius\r", b"Zenius\n", b"Zenius\r\n", b"Zenius\x00", b"\x06Zenius\r", b"\x06Zenius\x00", b"\n\x00Zenius\r",
     b"Zenius\x00ius\r"],
)  # fmt: skip
def test_values_end_with_cr_lf_crlf_or_nul_and_may_follow_an_ack(reply):
    parsed, used = parse_reply(reply, text=True)
    assert parsed.value == "Zenius"
    assert reply[used - 1] in b"\r\n\x00"


def test_acks_and_ok():
    assert parse_reply(ACK, text=False)[0].ack
    assert parse_reply(b"\x00\x06", text=False) == (parse_reply(ACK, text=False)[0], 2)
    assert parse_reply(b"OK\r", text=False, allow_ok=True)[0].ack


def test_incomplete_replies_wait_for_more():
    assert parse_reply(b"", text=False) == (None, 0)
    assert parse_reply(NACK, text=False) == (None, 0)
    assert parse_reply(b"Zen", text=True) == (None, 0)
    assert parse_reply(ACK, text=True) == (None, 0)  # the ACK, the value still to come
    assert parse_reply(b"\r\n", text=True) == (None, 0)


@pytest.mark.parametrize("packet", [1, 2, 3, 64])
@pytest.mark.parametrize("framing", [b"\r", b"\n", b"\r\n", b"\x00"])
def test_a_value_split_over_usb_packets_is_put_together(packet, framing):
    printer = FakePrinter(values={"Rtp": b"\x06Evolis Primacy" + framing, "Rsn": b"P77" + framing}, packet=packet)
    evolis = session(printer, family="primacy")
    identity = evolis.identity()
    assert (identity.model, identity.serial) == ("Evolis Primacy", "P77")


@pytest.mark.parametrize(
    ("code", "fault"),
    [("T", Fault.JAM), ("C", Fault.COVER_OPEN), ("F", Fault.NO_CARD), ("R", Fault.RIBBON),
     ("1", Fault.COMMAND_ERROR), ("2", Fault.COMMAND_ERROR), ("K", Fault.COMMAND_ERROR)],
)  # fmt: skip
def test_nack_codes_map_to_faults(code, fault):
    with pytest.raises(Nack) as caught:
        parse_reply(NACK + code.encode(), text=False)
    assert caught.value.code == code
    assert caught.value.fault is fault


@pytest.mark.parametrize(
    ("reply", "text"),
    [(b"\x15Z", False), (b"\xfe\x00\x13", False), (b"OK\r", False), (b"Zen\x01ius\r", True), (b"\x06\r", True),
     (b"A" * 300, True)],
)  # fmt: skip
def test_anything_else_is_garbled(reply, text):
    with pytest.raises(GarbledReply):
        parse_reply(reply, text=text)


def test_every_nack_is_logged_with_its_command(caplog):
    evolis = session(FakePrinter({"Pr": [NACK + b"2"]}), family="dualys")
    with caplog.at_level(logging.WARNING, logger="ktp.devices"), pytest.raises(Nack):
        evolis.setup()
    assert any("Pr" in r.getMessage() and "NACK 2" in r.getMessage() for r in caplog.records)


def test_a_lost_reply_is_drained_before_the_next_command():
    printer = FakePrinter({"Pr": [None], "Ss": [NACK + b"F"]})
    evolis = session(printer, family="dualys")
    with pytest.raises(NoReply):
        evolis.command("Pr", "ymcko")
    printer._pending = ACK  # the late ACK of the first command arrives
    with pytest.raises(Nack) as caught:  # and must not be taken as this command's answer
        evolis.command("Ss")
    assert caught.value.code == "F"


# -- set-up, time-outs, status per model ------------------------------------------------------


def test_setup_reads_the_model_and_sends_only_what_it_has():
    printer = FakePrinter(values={"Rtp": b"Evolis Tattoo\r"})
    evolis = session(printer)
    evolis.setup()
    assert printer.written == ["Pem", "Rtp", "Pr"]  # Tattoo has no Pmi (§8 P)
    assert evolis.capabilities.family == "tattoo"
    printer = FakePrinter()
    session(printer).setup()
    assert printer.written == ["Pem", "Rtp", "Pr", "Pmi"]


@pytest.mark.parametrize(
    ("model", "family"),
    [("Evolis Dualys 3", "dualys"), ("NEW PEBBLE 4", "pebble"), ("Quantum2", "quantum"), ("Evolis KC200 Kiosk", "kiosk"),
     ("Tattoo RW", "tattoo"), ("Evolis Primacy", "primacy"), ("Zenius Expert", "zenius"), ("Evolis Badgy", "unknown")],
)  # fmt: skip
def test_the_model_name_picks_the_row_of_the_table(model, family):
    assert family_of(model) == family


@pytest.mark.parametrize(
    ("family", "reads"),
    [("tattoo", ["Rlr;p", "Rlr;r"]), ("pebble", ["Rlr;p", "Rlr;r"]), ("dualys", ["Rlr;p", "Rlr;r"]),
     ("quantum", ["Rse;o", "Rlr;p", "Rlr;r"]), ("kiosk", ["Rse;o", "Rlr;p", "Rlr;r"]),
     ("primacy", ["Rlr;p", "Rlr;r"]), ("zenius", ["Rlr;p", "Rlr;r"]), ("unknown", ["Rlr;p", "Rlr;r"])],
)  # fmt: skip
def test_status_reads_only_what_the_model_has(family, reads):
    printer = FakePrinter()
    evolis = session(printer, family=family)
    evolis.needs_setup = False
    assert evolis.status().state is PrinterState.READY
    assert printer.written == reads
    printer.written.clear()
    evolis.identity()
    evolis.counters()
    firmware = ["Rfv"] if family in ("quantum", "kiosk") else []  # §8 R: Rfv on Quantum and Kiosk only
    assert printer.written == [*firmware, "Rtp", "Rsn", "Rco;c", "Rco;p", "Rco;I"]


@pytest.mark.parametrize(
    ("values", "state", "fault", "detail"),
    [({}, PrinterState.READY, None, ""),
     ({"Rlr;p": b"NO CARD\r"}, PrinterState.READY, None, "last card: NO CARD"),  # stale until the next card
     ({"Rlr;r": b"ERR NEED CLEANING\r"}, PrinterState.READY, None, "cleaning needed"),
     ({"Rse;o": b"4.80\r"}, PrinterState.ATTENTION, Fault.COVER_OPEN, "cover open (sensor)"),
     ({"Rlr;p": None}, PrinterState.UNKNOWN, Fault.NO_REPLY, None),
     ({"Rlr;p": b"\xfe\x00"}, PrinterState.UNKNOWN, Fault.GARBLED, None),
     ({"Rse;o": b"open\r"}, PrinterState.UNKNOWN, Fault.GARBLED, None),
     ({"Rlr;p": NACK + b"C"}, PrinterState.ATTENTION, Fault.COVER_OPEN, None)],
)  # fmt: skip
def test_ready_needs_a_valid_reply_and_no_known_fault(values, state, fault, detail):
    evolis = session(FakePrinter(values=values), family="quantum")
    evolis.needs_setup = False
    status = evolis.status()
    assert (status.state, status.fault) == (state, fault)
    if detail is not None:
        assert status.detail == detail


def test_status_waits_a_few_seconds_and_says_unknown():
    options = EvolisOptions(status_timeout=0.1)
    evolis = session(FakePrinter(values={"Rlr;p": (0.5, b"OK\r")}), options, family="dualys")
    evolis.needs_setup = False
    started = time.monotonic()
    assert evolis.status().state is PrinterState.UNKNOWN
    assert time.monotonic() - started < 0.4


def test_se_waits_the_print_time_out_and_other_commands_the_reply_time_out():
    options = EvolisOptions(reply_timeout=0.05, print_timeout=1.0, status_timeout=0.05)
    printer = FakePrinter({"Se": [(0.3, ACK)]})
    session(printer, options, family="dualys").print_card(card_job())  # a slow Se is fine
    printer = FakePrinter({"Db;m": [(0.3, ACK)]})
    with pytest.raises(PrinterError) as caught:  # a slow panel reply is not
        session(printer, options, family="dualys").print_card(card_job())
    assert caught.value.fault is Fault.NO_REPLY


# -- where is the card after a fault (docs/printers.md "fault x step") -------------------------


def run_card(script, values=None, family="dualys", confirmed=()):
    """`confirmed`: the readings the office confirmed on this printer (its profile's `confirmed`)."""
    from dataclasses import replace

    printer = FakePrinter(script, values)
    evolis = session(printer, family=family)
    evolis.capabilities = replace(evolis.capabilities, confirmed=frozenset(confirmed))
    evolis.needs_setup = False
    try:
        evolis.print_card(card_job())
    except PrinterError as exc:
        return exc, printer
    raise AssertionError("the card printed")


@pytest.mark.parametrize("code", ["F", "R", "C", "T"])
def test_ss_refused_leaves_the_blanko_in_the_feeder(code):
    error, printer = run_card({"Ss": [NACK + code.encode()]})
    assert error.card_consumed is False
    assert printer.written == ["Ss"]  # nothing to reset, nothing to ask


def test_no_reply_to_ss_resets_the_parser_and_returns_the_blanko():
    error, printer = run_card({"Ss": [None]})
    assert (error.fault, error.card_consumed) == (Fault.NO_REPLY, False)
    assert printer.written[:2] == ["Ss", "Srs"] and printer.cleared == 1


def test_a_refused_first_panel_ends_the_sequence_and_returns_the_blanko():
    error, printer = run_card({"Db;y": [NACK + b"2"]})
    assert (error.fault, error.card_consumed) == (Fault.COMMAND_ERROR, False)
    assert printer.written[:4] == ["Ss", "Sr", "Db;y", "Srs"]
    assert "Ser" not in printer.written


@pytest.mark.parametrize("failure", [NoReply("took no data for 15 s"), Stalled("EPIPE"), TransportGone("unplugged")])
def test_a_first_panel_that_did_not_get_through_returns_the_blanko(failure):
    error, printer = run_card({"Db;y": [failure]})
    assert error.card_consumed is False
    if not isinstance(failure, TransportGone):
        assert "Srs" in printer.written and printer.cleared == 1


@pytest.mark.parametrize(("confirmed", "consumed"), [((), None), (("Rlr;p",), True)])
def test_a_jam_during_a_later_panel_with_the_card_inside_spoils_it_and_rejects_it(confirmed, consumed):
    # "ERR CARD": inside the printing module or the feeder (§8 Rlr): spoiled only once confirmed
    error, printer = run_card({"Db;m": [NACK + b"T"]}, {"Rlr;p": b"ERR CARD\r"}, confirmed=confirmed)
    assert (error.fault, error.card_consumed) == (Fault.JAM, consumed)
    assert printer.written[-2:] == ["Rlr;p", "Ser"]


def test_a_fault_during_a_later_panel_the_printer_cannot_place_is_left_for_settlement():
    error, printer = run_card({"Db;c": [NACK + b"R"]})
    assert (error.fault, error.card_consumed) == (Fault.RIBBON, None)
    assert "Rlr;p" in printer.written


def test_a_feeder_error_during_a_later_panel_returns_the_blanko():
    error, _ = run_card({"Db;m": [NACK + b"F"]})
    assert (error.fault, error.card_consumed) == (Fault.NO_CARD, False)


def test_silence_during_a_later_panel_resets_then_asks():
    error, printer = run_card({"Db;m": [None]}, {"Rlr;p": b"ERR CARD\r"}, confirmed=["Rlr;p"])
    assert (error.fault, error.card_consumed) == (Fault.NO_REPLY, True)
    after = printer.written[printer.written.index("Db;m") + 1 :]
    assert after == ["Srs", "Pem", "Pr", "Pmi", "Rlr;p", "Ser"]  # reset, set up again (a restart), ask, reject


def test_a_parser_that_does_not_answer_srs_gets_a_usb_reset():
    error, printer = run_card({"Db;m": [None], "Srs": [None]})
    assert error.card_consumed is None
    assert printer.resets == 1


def test_unplugged_after_a_complete_panel_is_left_for_settlement():
    error, _ = run_card({"Db;m": [TransportGone("unplugged")]})
    assert (error.fault, error.card_consumed) == (Fault.DISCONNECTED, None)


@pytest.mark.parametrize(
    ("reply", "values", "fault", "consumed"),
    [(NACK + b"T", {"Rlr;p": b"ERR CARD\r"}, Fault.JAM, True),
     (NACK + b"T", {}, Fault.JAM, None),
     (NACK + b"C", {"Rlr;p": b"ERR CARD\r"}, Fault.COVER_OPEN, True),
     (NACK + b"R", {"Rlr;p": b"ERR CARD\r"}, Fault.RIBBON, True),
     (NACK + b"F", {}, Fault.NO_CARD, False),
     (None, {}, Fault.NO_REPLY, None),
     (b"\xfe", {"Rlr;p": b"ERR CARD\r"}, Fault.GARBLED, True),
     (TransportGone("unplugged"), {}, Fault.DISCONNECTED, None)],
)  # fmt: skip
@pytest.mark.parametrize("confirmed", [False, True])
def test_faults_at_se(reply, values, fault, consumed, confirmed):
    error, printer = run_card({"Se": [reply]}, values, confirmed=["Rlr;p"] if confirmed else [])
    # an unconfirmed "ERR CARD" never writes the blanko off: the supervisor decides
    assert (error.fault, error.card_consumed) == (fault, consumed if confirmed or consumed is not True else None)
    assert "Ser" not in printer.written  # the sequence ended with Se


@pytest.mark.parametrize(("confirmed", "consumed"), [((), None), (("Rlr;p",), None), (("Rse;p",), True)])
def test_a_card_presence_sensor_answers_where_the_model_has_one(confirmed, consumed):
    # the sensor's levels are assumed (2.5 V): they settle it only once confirmed on the printer
    error, printer = run_card({"Se": [NACK + b"C"]}, {"Rse;p": b"4.80\r"}, family="quantum", confirmed=confirmed)
    assert (error.fault, error.card_consumed) == (Fault.COVER_OPEN, consumed)
    assert "Rse;p" in printer.written


def test_a_good_card_sends_the_whole_sequence_and_reports_progress():
    steps = []
    printer = FakePrinter()
    evolis = session(printer, family="dualys")
    evolis.print_card(card_job(), steps.append)
    assert printer.written == ["Pem", "Pr", "Pmi", "Ss", "Sr", "Db;y", "Db;m", "Db;c", "Db;k", "Db;o", "Se"]
    assert [s.step for s in steps][-2:] == ["printing", "done"]
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_a_chip_job_is_refused_before_anything_is_sent():
    from dataclasses import replace

    printer = FakePrinter()
    evolis = session(printer, family="dualys")
    evolis.needs_setup = False
    with pytest.raises(PrinterError) as caught:
        evolis.print_card(replace(card_job(), encode_chip=True))
    assert (caught.value.fault, caught.value.card_consumed) == (Fault.COMMAND_ERROR, False)
    assert printer.written == []
