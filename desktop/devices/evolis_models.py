"""Which Evolis printer has which command: the programming guide's "command per printer" table.

Source: Evolis programming guide A5013 Rev. E, §7 "Command per Printer Summary Table", whose ticks
are repeated above each command's definition in §8-§20. The guide covers five families: Tattoo,
New Pebble, Dualys, Quantum and Kiosk. A command a model lacks is answered with NACK 1 (§5), so the
driver sends only what the model has and never lets READY depend on an optional read.

Primacy and Zenius (the models sold today) are not in the guide. They, and any model the station
does not recognise, get what the vendor's own driver sends to the nearest family the guide has
(NEAREST_FAMILY, DRIVER_SENDS): the Windows driver captured printing on a Dualys in 2010
(dpavlin/Printer-EVOLIS, test.windows/: `Pr;k`, `Pmi;F;s`, ..., `Ss`, `Sr`, `Dbc;k;2;83312;...`)
sent `Pmi;F;s` and `Sr` before the panels. That is the commands every family has plus those two;
docs/decisions.md says where this departs from "only what the guide ticks". `ktp-mandiri
printer-probe` records what a real printer answers; its conclusion, saved as a profile, overrides
this table for that printer.

Points of the guide this table depends on, and where it is unsure:
- `Sr` (front side) is ticked for Dualys and Quantum only (§8 S), although Rev. D2, the New Pebble
  guide, uses it in its own example (§12): the minimum does not send it, the side defaults to front.
- `Rse` (sensors) and `Rfv` (firmware) are Quantum and Kiosk only in Rev. E, but listed without
  ticks in Rev. D2 (New Pebble). We follow Rev. E.
- `Rco` letters (§8 R): p printed panels, c inserted cards, a average cleaning frequency, m maximum
  frequency between two cleanings, n cleanings performed, I cards left on the ribbon ("not
  accurate"; Rev. E's text layer has a capital I, the driver that ran on a Dualys sent `l`).
- `Rse` answers a voltage (§8 R "Reads the Sensors Voltage"); which voltage means "cover open" or
  "card present" is not in the guide: SENSOR_ON_VOLTS below is an ASSUMPTION, on the probe's list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


def _commands(names: str) -> frozenset[str]:
    return frozenset(names.split())


# §8 (printer commands) with all five ticks.
_EVERY = _commands(
    "Ase Db Dbc Mc Mf Mh Mr Pbm Pc Pem Pkn Pl Pms Pnl Pnw Ppn Pr Prm Pwcs Pwj Pwr Px Py Rbm Rck Rco "
    "Rem Rfn Rkn Rl Rlr Rmi Rms Rnl Rnw Rpn Rps Rr Rrm Rro Rs Rsn Rtp Rx Ry Sa Sc Scom Scp Sdm Se "
    "Seb Ser Si Sib Sie Sp Srs Ss Ssd St Stt Wb Wcb Wl Wt"
)
_NOT_TATTOO = _commands("Dbp Dbpc Pmi Pmk Ppk Psm Psp Rcr Rks Rmk Rpk Rsm Rsp Sic Sv")  # all but Tattoo
_QUANTUM_KIOSK = _commands("Pfm Piem Prs Pwm Rfm Rfv Riem Rrs Rsc Rse")  # Quantum and Kiosk only
_DUALYS_QUANTUM = _commands("Scs Sr")  # Dualys and Quantum only

SENSOR_LETTERS = "cmopr"  # §8 Rse: colour, magnetic/feeder stop, cover, card presence, disk rotation
COUNTER_LETTERS = "pcamnI"  # §8 Rco
SENSOR_ON_VOLTS = 2.5  # ASSUMED: at or above = cover open / card present (the guide gives no levels)

# Readings that cannot settle "is the blanko used?" until one real printer has shown what they mean
# (docs/printers.md, "What each reading is taken to mean"). Until the first office confirms one on its
# printer (the probe's checklist; kept in the printer's profile as `confirmed`), a fault after a panel
# went in leaves the job to a supervisor instead of writing the blanko off on that reading.
CONFIRMABLE = {
    "Rlr;p": "`Rlr;p` \"ERR CARD\" means a card in the printing module, not one waiting in the feeder",
    "Rse;p": f"`Rse;p` at {SENSOR_ON_VOLTS:g} V or more means a card at the card presence sensor",
}


@dataclass(frozen=True)
class Capabilities:
    """What one printer model understands."""

    family: str  # key of FAMILIES
    commands: frozenset[str]
    sensors: str = ""  # Rse letters ("" = no Rse)
    counters: str = COUNTER_LETTERS
    source: str = "guide"  # "guide", "driver" (what the real driver sends to the nearest family),
    # "minimum" (every family's commands: the file writer) or "profile"
    insertion_extra: tuple[str, ...] = ()  # parameters after `Pmi`'s first ("s": the driver's `Pmi;F;s`)
    confirmed: frozenset[str] = frozenset()  # readings the first office confirmed (CONFIRMABLE)

    def has(self, command: str) -> bool:
        return command in self.commands

    @property
    def label(self) -> str:
        return FAMILY_LABELS.get(self.family, self.family)


FAMILY_LABELS = {
    "tattoo": "Tattoo",
    "pebble": "New Pebble",
    "dualys": "Dualys",
    "quantum": "Quantum",
    "kiosk": "Kiosk",
    "primacy": "Primacy",
    "zenius": "Zenius",
    "unknown": "unknown model",
}

MINIMUM = Capabilities("unknown", _EVERY, source="minimum")

# Models outside the guide: the guide family each is nearest to, and what the vendor's Windows driver
# was captured sending to that family beyond the commands every family has (dpavlin/Printer-EVOLIS,
# test.windows/, eight streams to a Dualys: `Pmi;F;s` after `Pr`, `Sr` after `Ss`). `s` is not a
# `Pmi` parameter of the guide (§8 P: F, M, B only); it is sent because the driver sent it.
# Primacy succeeded the Dualys 3 and the Pebble 4, Zenius the Tattoo 2 and Pebble, but only the
# Dualys stream was captured: every model outside the guide is taken to be nearest to the Dualys.
NEAREST_FAMILY = {"primacy": "dualys", "zenius": "dualys", "unknown": "dualys"}
DRIVER_SENDS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "dualys": (_commands("Pmi Sr"), ("s",)),  # (commands, parameters after Pmi's insertion mode)
}


def _as_the_driver_sends(family: str) -> Capabilities:
    commands, insertion_extra = DRIVER_SENDS[NEAREST_FAMILY[family]]
    return Capabilities(family, _EVERY | commands, source="driver", insertion_extra=insertion_extra)


FAMILIES: dict[str, Capabilities] = {
    "tattoo": Capabilities("tattoo", _EVERY),
    "pebble": Capabilities("pebble", _EVERY | _NOT_TATTOO),
    "dualys": Capabilities("dualys", _EVERY | _NOT_TATTOO | _DUALYS_QUANTUM),
    "quantum": Capabilities(
        "quantum", _EVERY | _NOT_TATTOO | _QUANTUM_KIOSK | _DUALYS_QUANTUM, sensors=SENSOR_LETTERS
    ),
    "kiosk": Capabilities("kiosk", _EVERY | _NOT_TATTOO | _QUANTUM_KIOSK, sensors=SENSOR_LETTERS),
    # not in the guide (A5013 predates them): what the real driver sends to the nearest family
    "primacy": _as_the_driver_sends("primacy"),
    "zenius": _as_the_driver_sends("zenius"),
    "unknown": _as_the_driver_sends("unknown"),
}

# Printers named in `Rtp` replies, matched as words in any case ("Evolis Dualys 3" -> dualys).
_NAMES = (("pebble", "pebble"), ("dualys", "dualys"), ("quantum", "quantum"), ("kiosk", "kiosk"),
          ("tattoo", "tattoo"), ("primacy", "primacy"), ("zenius", "zenius"))  # fmt: skip


def family_of(model: str) -> str:
    """The family key for a model name as `Rtp` answers it; "unknown" when none matches."""
    text = model.lower()
    for needle, family in _NAMES:
        if needle in text:
            return family
    return "unknown"


def capabilities_for(model_or_family: str) -> Capabilities:
    """The table's row for a family key (`dualys`) or an `Rtp` model name."""
    key = model_or_family.lower()
    return FAMILIES.get(key) or FAMILIES[family_of(key)]


# -- per-printer profiles (written by `ktp-mandiri printer-probe --save-profile`) -------------

PROFILE_VERSION = 1


@dataclass(frozen=True)
class PrinterProfile:
    """What a probe found out about one printer; overrides the table for it."""

    family: str
    has: frozenset[str] = frozenset()  # commands the printer answered although the table lacks them
    lacks: frozenset[str] = frozenset()  # commands the table lists but the printer refused (NACK 1)
    sensors: str | None = None
    counters: str | None = None
    compression: str | None = None  # "none", "dbc3" or "dbc4" once a test card settled it
    model: str = ""
    confirmed: frozenset[str] = frozenset()  # CONFIRMABLE readings the office confirmed on this printer

    def capabilities(self) -> Capabilities:
        base = capabilities_for(self.family)
        return Capabilities(
            base.family,
            (base.commands | self.has) - self.lacks,
            base.sensors if self.sensors is None else self.sensors,
            base.counters if self.counters is None else self.counters,
            source="profile",
            insertion_extra=base.insertion_extra,
            confirmed=self.confirmed,
        )

    def to_json(self) -> dict:
        return {
            "version": PROFILE_VERSION,
            "model": self.model,
            "family": self.family,
            "has": sorted(self.has),
            "lacks": sorted(self.lacks),
            "sensors": self.sensors,
            "counters": self.counters,
            "compression": self.compression,
            "confirmed": sorted(self.confirmed),
        }

    @classmethod
    def from_json(cls, data: dict) -> PrinterProfile:
        if data.get("version") != PROFILE_VERSION:
            raise ValueError(f"printer profile version {data.get('version')!r}, expected {PROFILE_VERSION}")
        family = str(data.get("family", "unknown"))
        if family not in FAMILIES:
            raise ValueError(f"unknown printer family {family!r} in profile")
        compression = data.get("compression")
        if compression not in (None, "none", "dbc3", "dbc4"):
            raise ValueError(f"unknown compression {compression!r} in profile")
        confirmed = frozenset(map(str, data.get("confirmed", ())))
        if not confirmed <= CONFIRMABLE.keys():
            raise ValueError(f"unknown confirmed readings {sorted(confirmed - CONFIRMABLE.keys())} in profile; "
                             f"known: {', '.join(CONFIRMABLE)}")
        return cls(
            family=family,
            confirmed=confirmed,
            has=frozenset(map(str, data.get("has", ()))),
            lacks=frozenset(map(str, data.get("lacks", ()))),
            sensors=data.get("sensors"),
            counters=data.get("counters"),
            compression=compression,
            model=str(data.get("model", "")),
        )


def profile_key(vendor_id: int, product_id: int, serial: str | None) -> str:
    """The file name stem of a printer's profile: VID_PID_SERIAL (serial kept to safe characters)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (serial or "noserial"))
    return f"{vendor_id:04X}_{product_id:04X}_{safe}"


def load_profile(directory: Path | None, key: str) -> PrinterProfile | None:
    """The saved profile for a printer, or None; a broken file is an error worth seeing, not skipped."""
    if directory is None:
        return None
    path = Path(directory) / f"{key}.json"
    if not path.exists():
        return None
    try:
        return PrinterProfile.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, json.JSONDecodeError) as exc:
        raise ValueError(f"printer profile {path} is not valid: {exc}") from exc


def save_profile(directory: Path, key: str, profile: PrinterProfile) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{key}.json"
    path.write_text(json.dumps(profile.to_json(), indent=2) + "\n", encoding="utf-8")
    return path
