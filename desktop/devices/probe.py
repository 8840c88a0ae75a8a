"""What a real Evolis printer answers, recorded byte for byte: the core of `ktp-mandiri printer-probe`.

The guide leaves open how replies are framed, which model has which command in practice, and what a
printer says in the states the simulator had to assume (docs/printers.md). The probe asks one real
printer and keeps everything: each command, the raw reply (hex), how long it took, and what the
station concluded (model, framing, the commands it answered), so the IT officer can send one file
back and the conclusion can be saved as a profile that overrides the capability table.

It reads the printer's error-management mode (`Rem`, §8 R) first, in whatever mode the printer is
in, runs every family's read commands once in that mode and once after `Pem;4` (ACK/NACK), and
restores the mode it found with `Pem;<mode>` at the end. Reads only: nothing moves.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field

from desktop.devices.evolis import (
    ACK,
    GarbledReply,
    Nack,
    NoReply,
    Stalled,
    frame,
    parse_reply,
)
from desktop.devices.evolis_models import (
    COUNTER_LETTERS,
    FAMILIES,
    SENSOR_LETTERS,
    PrinterProfile,
    capabilities_for,
    family_of,
)

# Every read of every family (§8 R), and two the guide does not have but a real driver used.
PROBE_READS: list[tuple[str, ...]] = [
    ("Rtp",), ("Rsn",), ("Rfv",), ("Rkn",), ("Rck",), ("Rem",), ("Rr",), ("Rmi",), ("Rcr",),
    ("Rlr", "p"), ("Rlr", "r"),
    *[("Rco", letter) for letter in COUNTER_LETTERS],
    *[("Rse", letter) for letter in SENSOR_LETTERS],
]  # fmt: skip
NOT_IN_GUIDE: list[tuple[str, ...]] = [("Rco", "l")]  # the Dualys driver's "cards left on this ribbon"

# What the simulator assumes and only a real printer can settle; the IT officer goes through it.
CHECKLIST = [
    "Kartu uji K (--test-card): panah dan tulisan 'KIRI ATAS' tercetak di pojok kiri atas sisi depan, "
    "tidak terbalik atau tercermin.",
    "Kartu uji warna: warna dan gradasi sesuai layar (urutan Y, M, C dan kedalaman 5 bit benar).",
    "Dbc: cetak kartu uji dengan --compress dbc3 lalu --compress dbc4; catat mana yang benar (atau "
    "keduanya ditolak). Hanya simpan profil dengan Dbc bila kartunya benar.",
    "Penutup terbuka saat printer diam: jalankan probe lagi, catat jawaban Rlr;p dan Rse;o.",
    "Feeder kosong: jalankan probe, catat jawaban Rlr;p; lalu cetak: catat kode NACK pada Ss.",
    "Kartu tertinggal di dalam (matikan printer saat mencetak, nyalakan lagi): catat Rlr;p dan Rse;p, "
    "dan jawaban printer pada kartu berikutnya.",
    "KONFIRMASI Rlr;p (panduan: 'ERR CARD' bila kartu di modul cetak ATAU di feeder): jalankan probe (1) "
    "dengan kartu tertinggal di modul cetak dan feeder kosong, (2) tanpa kartu di dalam tetapi feeder "
    "berisi blanko. Hanya bila 'ERR CARD' muncul pada (1) saja, tambahkan \"Rlr;p\" ke \"confirmed\" di "
    "profil printer; sampai itu, setiap gangguan setelah panel terkirim diputuskan supervisor.",
    "KONFIRMASI Rse;p (Quantum/Kiosk; ASUMSI: 2,5 V atau lebih = ada kartu): catat tegangan Rse;p dengan "
    "kartu di sensor dan tanpa kartu. Hanya bila batas 2,5 V memisahkan keduanya, tambahkan \"Rse;p\" ke "
    "\"confirmed\" di profil printer.",
    "KONFIRMASI Rse;o (Quantum/Kiosk; ASUMSI: 2,5 V atau lebih = penutup terbuka): catat tegangan Rse;o "
    "dengan penutup terbuka dan tertutup.",
    "Primacy, Zenius, atau model lain di luar panduan: catat apakah Pmi;F;s dan Sr dijawab ACK (dikirim "
    "seperti driver Windows resmi ke Dualys); bila ditolak, simpan profil agar tidak dikirim lagi.",
    "Hopper keluaran penuh (ASUMSI: NACK T pada Ss): catat jawaban sebenarnya.",
    "Kotak reject penuh (ASUMSI: NACK T pada Ser): catat jawaban sebenarnya.",
    "Kepala pendingin (ASUMSI: Se lebih lambat): catat lama setiap kartu saat mencetak 10 kartu berturut-turut.",
    "Perlu pembersihan (Rlr;r 'ERR NEED CLEANING'; ASUMSI: kartu tetap tercetak): catat apa yang terjadi.",
    "Ribbon salah (ASUMSI: NACK R pada Ss): pasang ribbon hitam dengan Pr;ymcko, catat jawaban Ss.",
]


@dataclass
class ProbeStep:
    phase: str  # "before" (the printer's own mode), "ack" (after Pem;4), "restore"
    command: str  # as text, e.g. "Rlr;p"
    sent_hex: str
    reply_hex: str
    seconds: float
    outcome: str  # value, ack, ok, nack <code>, silent, garbled, stalled
    value: str = ""
    framing: str = ""  # how a value was ended: CR, LF, CRLF, NUL, ... with "ACK+" before when so
    note: str = ""


@dataclass
class ProbeReport:
    uri: str
    started_at: str
    steps: list[ProbeStep] = field(default_factory=list)
    error_mode: str = ""  # Rem's answer before anything changed
    restored: bool = False
    conclusion: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        data = asdict(self)
        data["checklist"] = CHECKLIST
        return data


def exchange_raw(
    transport, command: bytes, *, timeout: float, quiet: float, settle: float = 0.05
) -> tuple[bytes, float, str]:
    """Send a command; gather what comes until `quiet` s pass without a byte (or `timeout` with none).

    Once what came reads as a whole reply, only `settle` s more are waited for (a LF after a CR).
    """
    try:
        transport.write(command)
    except Stalled as exc:
        return b"", 0.0, f"stalled: {exc}"
    except NoReply as exc:
        return b"", 0.0, f"write: {exc}"
    started = time.monotonic()
    data, last = b"", started
    while True:
        now = time.monotonic()
        pause = settle if data and _complete(data) else quiet
        wait = (last + pause - now) if data else (started + timeout - now)
        if wait <= 0:
            break
        try:
            chunk = transport.read(wait)
        except Stalled as exc:
            return data, time.monotonic() - started, f"stalled: {exc}"
        if chunk:
            data += chunk
            last = time.monotonic()
    return data, (last if data else time.monotonic()) - started, ""


def _complete(data: bytes) -> bool:
    """A value or a NACK is a whole reply; a lone ACK may still have its value coming."""
    outcome = classify(data)[0]
    return outcome == "value" or outcome.startswith("nack")


def classify(raw: bytes, note: str = "") -> tuple[str, str, str]:
    """(outcome, value, framing) of a raw reply."""
    if note.startswith("stalled"):
        return "stalled", "", ""
    if not raw.strip(b"\r\n\x00"):
        return "silent", "", ""
    try:
        reply, used = parse_reply(raw, text=True)
        if reply is not None:
            return "value", reply.value, _framing(raw, used)
    except Nack as nack:
        return f"nack {nack.code}", "", ""
    except GarbledReply:
        pass
    try:
        reply, used = parse_reply(raw, text=False, allow_ok=True)
        if reply is not None:
            return ("ack" if raw.lstrip(b"\r\n\x00")[:1] == bytes([ACK]) else "ok"), "", _framing(raw, used)
    except (Nack, GarbledReply):
        pass
    return "garbled", "", ""


def _framing(raw: bytes, used: int) -> str:
    body = raw.lstrip(b"\r\n\x00")
    prefix = "ACK+" if body[:1] == bytes([ACK]) and len(body) > 1 else ""
    tail = raw[used - 1 :]
    ends = "".join({0x0D: "CR", 0x0A: "LF", 0x00: "NUL", ACK: "ACK"}.get(b, "") + " " for b in tail).split()
    return prefix + ("".join(ends) if ends else "none")


def run_probe(transport, uri: str, *, timeout: float = 2.0, quiet: float = 0.3) -> ProbeReport:
    """Ask the printer every family's reads, in its own mode and in ACK/NACK mode; restore its mode."""
    report = ProbeReport(uri=uri, started_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))

    def ask(phase: str, name: str, *params: str, note: str = "") -> ProbeStep:
        command = frame(name, *params)
        raw, seconds, problem = exchange_raw(transport, command, timeout=timeout, quiet=quiet)
        outcome, value, framing = classify(raw, problem)
        step = ProbeStep(phase, ";".join((name, *params)), command.hex(), raw.hex(), round(seconds, 3), outcome,
                         value, framing, note or problem)
        report.steps.append(step)
        return step

    _drain(transport)
    mode = ask("before", "Rem")
    report.error_mode = mode.value
    for read in PROBE_READS:
        ask("before", *read)
    ask("ack", "Pem", "4")
    for read in PROBE_READS:
        ask("ack", *read)
    for read in NOT_IN_GUIDE:
        ask("ack", *read, note="not in the guide")
    found = re.match(r"\s*(\d+)", mode.value)
    if found:
        restore = ask("restore", "Pem", found.group(1))
        report.restored = restore.outcome in ("ack", "ok")
    report.conclusion = conclude(report)
    return report


def _drain(transport) -> None:
    while transport.read(0.05):
        pass


def conclude(report: ProbeReport) -> dict:
    """Model, family, framing and the commands answered, as the station reads the steps."""
    ack_steps = [s for s in report.steps if s.phase == "ack"]
    model = next((s.value for s in report.steps if s.command == "Rtp" and s.outcome == "value"), "")
    family = family_of(model) if model else "unknown"
    table = capabilities_for(family)
    answered = sorted({s.command for s in ack_steps if s.outcome == "value"})
    refused = {s.command: s.outcome for s in ack_steps if s.outcome.startswith("nack")}
    silent = sorted(s.command for s in ack_steps if s.outcome in ("silent", "garbled", "stalled"))
    names_answered = {c.split(";")[0] for c in answered}
    names_refused = {c.split(";")[0] for c, o in refused.items() if o == "nack 1"}
    guide_reads = {read[0] for read in PROBE_READS}
    has = sorted((names_answered - table.commands) & guide_reads)
    lacks = sorted((names_refused - names_answered) & table.commands)
    sensors = "".join(c for c in SENSOR_LETTERS if f"Rse;{c}" in answered)
    counters = "".join(c for c in COUNTER_LETTERS if f"Rco;{c}" in answered)
    profile = PrinterProfile(
        family=family, has=frozenset(has), lacks=frozenset(lacks), sensors=sensors, counters=counters,
        model=model,
    )
    framings = sorted({s.framing for s in report.steps if s.outcome == "value" and s.framing})
    return {
        "model": model,
        "family": family,
        "in_guide": family in FAMILIES and FAMILIES[family].source == "guide",
        "framing": framings,
        "ack_mode_taken": any(s.command == "Pem;4" and s.outcome in ("ack", "ok") for s in report.steps),
        "answered": answered,
        "refused": refused,
        "silent": silent,
        "table_says_has_but_refused": lacks,
        "answered_but_not_in_table": has,
        "profile": profile.to_json(),
    }
