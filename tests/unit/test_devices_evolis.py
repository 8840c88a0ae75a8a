"""The Evolis command language: exact bytes on the wire, reply validation, faults and blanko accounting."""

from __future__ import annotations

from collections import deque

import pytest

from desktop.devices import panels as pn
from desktop.devices.base import Fault, PrinterError, PrinterState
from desktop.devices.evolis import (
    EvolisOptions,
    EvolisSession,
    GarbledReply,
    Nack,
    NoReply,
    TransportGone,
    card_frames,
    frame,
    panel_frame,
    parse_reply,
)
from tests.helpers.usb_fake import card_job

ACK, NACK = b"\x06", b"\x15"


class ScriptedTransport:
    """Answers each write with the next scripted reply (None: silence; an exception: raised)."""

    def __init__(self, replies):
        self.replies = deque(replies)
        self.written: list[bytes] = []
        self._pending = b""

    def write(self, data: bytes) -> None:
        self.written.append(bytes(data))
        reply = self.replies.popleft() if self.replies else ACK
        if isinstance(reply, Exception):
            raise reply
        self._pending += reply or b""

    def read(self, timeout: float) -> bytes:
        data, self._pending = self._pending, b""
        return data


def names(written: list[bytes]) -> list[str]:
    return [w[1:].split(b";", 1)[0].rstrip(b"\r").decode() for w in written]


FAST = EvolisOptions(reply_timeout=0.05, data_timeout=0.05, print_timeout=0.05)


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


def test_plain_panel_download_is_db_with_the_packed_panel():
    plane = pn.raster_to_panels(card_job().front)["k"]
    command = panel_frame("k", plane, 2, compress=False)
    header = b"\x1bDb;k;2;"
    assert command.startswith(header) and command.endswith(b"\r")
    assert len(command) == len(header) + 82_296 + 1
    assert command[len(header) : -1] == pn.pack_panel(plane, 2)


def test_compressed_panel_download_carries_first_line_and_byte_count():
    plane = pn.raster_to_panels(card_job().front)["k"]
    first, data = pn.compress_panel(plane, 2)
    command = panel_frame("k", plane, 2, compress=True)
    assert command == b"\x1bDbc;k;2;" + f"{first};{len(data)};".encode() + data + b"\r"


def test_card_sequence_is_ss_sr_panels_se_and_duplex_adds_sv():
    single = [label for label, _ in card_frames(card_job(), EvolisOptions())]
    assert single == ["Ss", "Sr", "y", "m", "c", "k", "o", "Se"]
    duplex = [label for label, _ in card_frames(card_job(back=True), EvolisOptions(ribbon="ymckok"))]
    assert duplex == ["Ss", "Sr", "y", "m", "c", "k", "o", "Sv", "k", "Se"]
    frames = dict(card_frames(card_job(), EvolisOptions()))
    assert frames["Ss"] == b"\x1bSs\r" and frames["Sr"] == b"\x1bSr\r" and frames["Se"] == b"\x1bSe\r"
    assert frames["y"].startswith(b"\x1bDbc;y;32;")


# -- replies --------------------------------------------------------------------------------


def test_ack_and_values_parse():
    assert parse_reply(ACK, text=False)[0].ack
    assert parse_reply(b"Zenius\r", text=True) == (parse_reply(b"Zenius\r", text=True)[0], 7)
    assert parse_reply(b"Zenius\r", text=True)[0].value == "Zenius"
    assert parse_reply(b"OK\r", text=False, allow_ok=True)[0].ack


def test_incomplete_replies_wait_for_more():
    assert parse_reply(b"", text=False) == (None, 0)
    assert parse_reply(NACK, text=False) == (None, 0)
    assert parse_reply(b"Zen", text=True) == (None, 0)


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
    [(b"\x15Z", False), (b"\xfe\x00\x13", False), (b"OK\r", False), (b"\x06", True),
     (b"Zen\x00ius\r", True), (b"\r", True), (b"A" * 300, True)],
)  # fmt: skip
def test_anything_else_is_garbled(reply, text):
    with pytest.raises(GarbledReply):
        parse_reply(reply, text=text)


# -- session --------------------------------------------------------------------------------


def test_setup_sends_ack_mode_ribbon_and_feeder_in_that_order():
    transport = ScriptedTransport([ACK, ACK, ACK])
    EvolisSession(transport, EvolisOptions(ribbon="ymckok")).setup()
    assert transport.written == [b"\x1bPem;4\r", b"\x1bPr;ymckok\r", b"\x1bPmi;F\r"]


def test_status_ready_only_from_valid_replies():
    transport = ScriptedTransport([b"0.20\r", b"OK\r", b"995\r"])
    status = EvolisSession(transport, FAST).status()
    assert status.state is PrinterState.READY
    assert transport.written == [b"\x1bRse;o\r", b"\x1bRlr;p\r", b"\x1bRco;r\r"]


@pytest.mark.parametrize(
    ("replies", "state", "fault"),
    [([b"4.80\r"], PrinterState.ATTENTION, Fault.COVER_OPEN),
     ([b"0.20\r", b"NO CARD\r"], PrinterState.ATTENTION, Fault.NO_CARD),
     ([b"0.20\r", b"ERR CARD\r"], PrinterState.ATTENTION, Fault.JAM),
     ([b"0.20\r", b"OK\r", b"0\r"], PrinterState.ATTENTION, Fault.RIBBON),
     ([None], PrinterState.UNKNOWN, Fault.NO_REPLY),
     ([b"\xfe\x00"], PrinterState.UNKNOWN, Fault.GARBLED),
     ([b"open\r"], PrinterState.UNKNOWN, Fault.GARBLED),
     ([b"0.20\r", b"OK\r", b"many\r"], PrinterState.UNKNOWN, Fault.GARBLED),
     ([b"0.20\r", b"OK\r", ACK], PrinterState.UNKNOWN, Fault.GARBLED)],
)  # fmt: skip
def test_status_reports_faults_and_unknown_never_ready(replies, state, fault):
    status = EvolisSession(ScriptedTransport(replies), FAST).status()
    assert (status.state, status.fault) == (state, fault)


def test_a_lost_reply_is_drained_before_the_next_command():
    transport = ScriptedTransport([None, ACK])
    session = EvolisSession(transport, FAST)
    with pytest.raises(NoReply):
        session.command("Pr", "ymcko")
    transport._pending = b"\x06"  # the late ACK of the first command arrives
    transport.replies.appendleft(b"\x15F")
    with pytest.raises(Nack) as caught:  # the late ACK must not be taken as this command's answer
        session.command("Ss")
    assert caught.value.code == "F"


def run_card(replies) -> tuple[PrinterError | None, list[str]]:
    transport = ScriptedTransport(replies)
    try:
        EvolisSession(transport, FAST).print_card(card_job())
    except PrinterError as exc:
        return exc, names(transport.written)
    return None, names(transport.written)


def test_a_good_card_sends_the_whole_sequence_and_reports_progress():
    steps = []
    transport = ScriptedTransport([])
    EvolisSession(transport, FAST).print_card(card_job(), steps.append)
    assert names(transport.written) == ["Ss", "Sr", "Dbc", "Dbc", "Dbc", "Dbc", "Dbc", "Se"]
    assert [s.step for s in steps][-2:] == ["printing", "done"]
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


@pytest.mark.parametrize(
    ("replies", "fault", "consumed"),
    [([NACK + b"F"], Fault.NO_CARD, False),
     ([NACK + b"R"], Fault.RIBBON, False),
     ([NACK + b"C"], Fault.COVER_OPEN, False),
     ([None], Fault.NO_REPLY, False),
     ([b"\xfe"], Fault.GARBLED, False),
     ([TransportGone("gone")], Fault.DISCONNECTED, False),
     ([ACK, ACK, ACK, ACK, ACK, ACK, ACK, NACK + b"T"], Fault.JAM, True),
     ([ACK, ACK, ACK, TransportGone("unplugged")], Fault.DISCONNECTED, True),
     ([ACK, ACK, None], Fault.NO_REPLY, True),
     ([ACK, ACK, ACK, b"\x00\x00"], Fault.GARBLED, True)],
)  # fmt: skip
def test_card_faults_and_whether_the_blanko_left_the_feeder(replies, fault, consumed):
    error, sent = run_card(replies)
    assert error is not None
    assert (error.fault, error.card_consumed) == (fault, consumed)
    assert sent[0] == "Ss"
    assert "Se" not in sent[:-1]


def test_a_command_error_mid_card_sends_the_card_to_the_reject_box():
    error, sent = run_card([ACK, ACK, NACK + b"2", ACK])
    assert (error.fault, error.card_consumed) == (Fault.COMMAND_ERROR, True)
    assert sent == ["Ss", "Sr", "Dbc", "Ser"]


def test_a_chip_job_is_refused_before_anything_is_sent():
    from dataclasses import replace

    transport = ScriptedTransport([])
    with pytest.raises(PrinterError) as caught:
        EvolisSession(transport).print_card(replace(card_job(), encode_chip=True))
    assert (caught.value.fault, caught.value.card_consumed) == (Fault.COMMAND_ERROR, False)
    assert transport.written == []
