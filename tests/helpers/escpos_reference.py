"""A small reader of ESC/POS, written from Epson's ESC/POS Command Reference (TM-T20/T82/T88 series), for
what a queue ticket sends to a receipt printer: the tests decode the bytes that reached the device with
it instead of trusting the library that wrote them (python-escpos) or our own encoder.

Commands read (anything else fails the test, so a new command is looked up before it is accepted):

    LF                    0A                    print the line buffer and feed one line
    ESC @                 1B 40                 initialize: buffer cleared, every mode back to its default
    ESC ! n               1B 21 n               print mode: bit 3 emphasized, bit 4 double height, bit 5
                                                double width (font A; bit 0 = font B)
    ESC E n               1B 45 n               emphasized (bold) on when n's lowest bit is 1
    ESC a n               1B 61 n               justification: 0/48 left, 1/49 centre, 2/50 right
    ESC d n               1B 64 n               print the buffer and feed n lines
    ESC t n               1B 74 n               character code table (0 = PC437, 16 = WPC1252)
    GS ! n                1D 21 n               character size: width = bits 4-6 + 1, height = bits 0-2 + 1
                                                (1-8 each; bits 3 and 7 must be 0)
    GS ( k pL pH cn fn .. 1D 28 6B              2D code, cn = 49 (QR Code), with k = pL + 256 pH bytes after
                                                pH:  fn 65 (Function 165) model n1 = 49/50/51, n2 = 0;
                                                fn 67 (167) module size n = 1-16; fn 69 (169) error
                                                correction n = 48-51 (L, M, Q, H); fn 80 (180) store the
                                                data, m = 48, d1..d(k-3); fn 81 (181) print the stored
                                                symbol, m = 48
    GS V m [n]            1D 56 m               cut: m = 0/48 full, 1/49 partial; m = 65/66 feed n then
                                                cut (full/partial); m = 97/98, 103/104 with n
    DLE EOT n             10 04 n               real-time status request (1 printer, 2 off-line cause,
                                                3 error cause, 4 roll paper sensor): answered, not printed
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A
ALIGN = {0: "left", 48: "left", 1: "center", 49: "center", 2: "right", 50: "right"}
QR_MODELS = {49: "1", 50: "2", 51: "micro"}
QR_LEVELS = {48: "L", 49: "M", 50: "Q", 51: "H"}
CUTS = {0: "full", 48: "full", 1: "partial", 49: "partial"}
CUTS_WITH_N = {65: "full", 66: "partial", 97: "full", 98: "partial", 103: "full", 104: "partial"}
CODE_TABLES = {0: "cp437", 16: "cp1252"}


class EscPosError(ValueError):
    """Bytes the reference does not allow (or that this reader was not taught): where and why."""


@dataclass(frozen=True)
class Line:
    text: str
    align: str
    bold: bool
    width: int  # character width multiplier (1-8)
    height: int  # character height multiplier (1-8)


@dataclass(frozen=True)
class QrCode:
    data: bytes
    model: str
    module: int  # dots per module
    level: str
    align: str


@dataclass(frozen=True)
class Cut:
    kind: str  # "full" or "partial"
    feed: int  # lines fed before the cut (0 when the command feeds none of its own)


@dataclass
class Receipt:
    """What the printer would do with the bytes, in order (`events`), and the same by kind."""

    events: list[object] = field(default_factory=list)
    initialized: int = 0
    status_requests: list[int] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [e for e in self.events if isinstance(e, Line)]

    @property
    def text(self) -> list[str]:
        return [line.text for line in self.lines]

    @property
    def qr_codes(self) -> list[QrCode]:
        return [e for e in self.events if isinstance(e, QrCode)]

    @property
    def cuts(self) -> list[Cut]:
        return [e for e in self.events if isinstance(e, Cut)]

    def line_with(self, words: str) -> Line:
        found = [line for line in self.lines if words in line.text]
        if len(found) != 1:
            raise AssertionError(f"{len(found)} printed lines hold {words!r}: {self.text}")
        return found[0]


@dataclass
class _Mode:
    align: str = "left"
    bold: bool = False
    width: int = 1
    height: int = 1
    table: int = 0
    qr_model: str = "2"
    qr_module: int = 3
    qr_level: str = "L"
    qr_data: bytes | None = None


def parse(data: bytes) -> Receipt:
    """The receipt those bytes print; EscPosError at the first byte the reference does not allow."""
    receipt, mode, line, i = Receipt(), _Mode(), bytearray(), 0

    def need(count: int, what: str) -> bytes:
        if i + count > len(data):
            raise EscPosError(f"{what} at byte {i} is cut short")
        return data[i:i + count]

    def flush() -> None:
        receipt.events.append(Line(bytes(line).decode(CODE_TABLES[mode.table]), mode.align, mode.bold,
                                   mode.width, mode.height))
        line.clear()

    while i < len(data):
        byte = data[i]
        if byte == LF:
            flush()
            i += 1
        elif byte == ESC:
            command = need(2, "ESC")[1]
            if command == 0x40:  # ESC @
                if line:
                    raise EscPosError(f"ESC @ at byte {i} would discard unprinted text {bytes(line)!r}")
                mode = _Mode()
                receipt.initialized += 1
                i += 2
                continue
            n = need(3, f"ESC {chr(command)!r}")[2]
            if command == 0x21:  # ESC !
                if n & 0b0100_0110:
                    raise EscPosError(f"ESC ! {n} at byte {i}: undefined bits")
                mode.bold, mode.height, mode.width = bool(n & 8), 2 if n & 16 else 1, 2 if n & 32 else 1
            elif command == 0x45:  # ESC E
                mode.bold = bool(n & 1)
            elif command == 0x61:  # ESC a
                if n not in ALIGN:
                    raise EscPosError(f"ESC a {n} at byte {i}: no such justification")
                if line:
                    raise EscPosError(f"ESC a at byte {i} in the middle of a line (only valid at its start)")
                mode.align = ALIGN[n]
            elif command == 0x64:  # ESC d
                if line:
                    flush()
                receipt.events.extend(Line("", mode.align, mode.bold, mode.width, mode.height) for _ in range(n))
            elif command == 0x74:  # ESC t
                if n not in CODE_TABLES:
                    raise EscPosError(f"ESC t {n} at byte {i}: code table not known to this reader")
                mode.table = n
            else:
                raise EscPosError(f"ESC {command:#04x} at byte {i}: not a command this reader knows")
            i += 3
        elif byte == GS:
            command = need(2, "GS")[1]
            if command == 0x21:  # GS !
                n = need(3, "GS !")[2]
                if n & 0b1000_1000:
                    raise EscPosError(f"GS ! {n:#04x} at byte {i}: undefined bits")
                mode.width, mode.height = (n >> 4) + 1, (n & 7) + 1
                i += 3
            elif command == 0x28:  # GS ( k
                head = need(5, "GS (")
                if head[2] != 0x6B:
                    raise EscPosError(f"GS ( {chr(head[2])!r} at byte {i}: only GS ( k is known")
                k = head[3] + 256 * head[4]
                body = need(5 + k, "GS ( k")[5:]
                _qr_function(body, mode, receipt, i)
                i += 5 + k
            elif command == 0x56:  # GS V
                m = need(3, "GS V")[2]
                if m in CUTS:
                    receipt.events.append(Cut(CUTS[m], 0))
                    i += 3
                elif m in CUTS_WITH_N:
                    receipt.events.append(Cut(CUTS_WITH_N[m], need(4, "GS V")[3]))
                    i += 4
                else:
                    raise EscPosError(f"GS V {m} at byte {i}: no such cut")
                if line:
                    raise EscPosError(f"GS V at byte {i} with unprinted text {bytes(line)!r}")
            else:
                raise EscPosError(f"GS {command:#04x} at byte {i}: not a command this reader knows")
        elif byte == DLE:
            command = need(3, "DLE")
            if command[1] != 0x04 or command[2] not in (1, 2, 3, 4):
                raise EscPosError(f"DLE {command[1:].hex()} at byte {i}: only DLE EOT 1-4 is known")
            receipt.status_requests.append(command[2])
            i += 3
        elif byte < 0x20 or byte == 0x7F:
            raise EscPosError(f"control byte {byte:#04x} at byte {i}: not a command this reader knows")
        else:
            line.append(byte)
            i += 1
    if line:
        raise EscPosError(f"text {bytes(line)!r} left in the buffer at the end: never printed")
    return receipt


def _qr_function(body: bytes, mode: _Mode, receipt: Receipt, at: int) -> None:
    if len(body) < 2 or body[0] != 49:
        raise EscPosError(f"GS ( k at byte {at}: cn {body[:1].hex()} is not 49 (QR Code)")
    fn, args = body[1], body[2:]
    if fn == 65:  # Function 165
        if len(args) != 2 or args[0] not in QR_MODELS or args[1] != 0:
            raise EscPosError(f"QR Function 165 at byte {at}: bad arguments {args.hex()}")
        mode.qr_model = QR_MODELS[args[0]]
    elif fn == 67:  # Function 167
        if len(args) != 1 or not 1 <= args[0] <= 16:
            raise EscPosError(f"QR Function 167 at byte {at}: module size {args.hex()} outside 1-16")
        mode.qr_module = args[0]
    elif fn == 69:  # Function 169
        if len(args) != 1 or args[0] not in QR_LEVELS:
            raise EscPosError(f"QR Function 169 at byte {at}: error correction {args.hex()} outside 48-51")
        mode.qr_level = QR_LEVELS[args[0]]
    elif fn == 80:  # Function 180
        if not args or args[0] != 48 or len(args) < 2:
            raise EscPosError(f"QR Function 180 at byte {at}: m must be 48 and data must follow")
        mode.qr_data = bytes(args[1:])
    elif fn == 81:  # Function 181
        if args != b"0":
            raise EscPosError(f"QR Function 181 at byte {at}: m must be 48")
        if mode.qr_data is None:
            raise EscPosError(f"QR Function 181 at byte {at}: no data stored (Function 180) to print")
        receipt.events.append(QrCode(mode.qr_data, mode.qr_model, mode.qr_module, mode.qr_level, mode.align))
    else:
        raise EscPosError(f"QR function {fn} at byte {at}: not one this reader knows")
