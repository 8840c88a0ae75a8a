"""`file://PATH`: the exact byte stream the USB driver would send, appended to a file.

The same `EvolisSession` that drives the USB printer writes here, over a transport that answers
every command with ACK, so the file holds what the printer would get: the set-up on each open,
then one card sequence after another. Useful to inspect the protocol, to replay to a printer by
hand, and to test the device layer without hardware.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import BinaryIO

from desktop.devices.base import (
    CardJob,
    Fault,
    Printer,
    PrinterError,
    PrinterIdentity,
    PrinterState,
    PrinterStatus,
    ProgressCallback,
)
from desktop.devices.evolis import ACK, EvolisOptions, card_frames
from desktop.devices.evolis_models import MINIMUM, capabilities_for
from desktop.devices.evolis_session import EvolisSession
from desktop.errors import UserFacingError

log = logging.getLogger("ktp.devices")


class FileTransport:
    """Appends what is written; answers each write with one ACK, like a printer with no faults."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self._owed = 0

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self._owed += 1

    def read(self, timeout: float) -> bytes:
        if not self._owed:
            return b""
        self._owed -= 1
        return bytes([ACK])


class FilePrinter(Printer):
    def __init__(
        self, path: str | Path, *, options: EvolisOptions | None = None, uri: str | None = None
    ) -> None:
        self.path = Path(path)
        self.uri = uri or f"file://{self.path}"
        self.options = options or EvolisOptions()
        self._stream: BinaryIO | None = None
        self._session: EvolisSession | None = None
        self._cards = 0

    def open(self) -> None:
        if self._stream is not None:
            return
        if not self.path.parent.is_dir():
            raise UserFacingError(
                f"Folder '{self.path.parent}' untuk printer '{self.uri}' tidak ada. Buat foldernya atau pilih file lain.",
                code="printer_not_found",
            )
        try:
            self._stream = self.path.open("ab")
        except OSError as exc:
            raise UserFacingError(
                f"File '{self.path}' tidak bisa ditulis. Periksa izin foldernya.", code="printer_not_found"
            ) from exc
        # No printer answers here: the model's row comes from the URI (`model=`), else the minimum.
        capabilities = capabilities_for(self.options.model) if self.options.model else MINIMUM
        self._session = EvolisSession(FileTransport(self._stream), self.options, capabilities)
        self._session.setup()
        self._stream.flush()
        log.info("opened %s", self.uri)

    def close(self) -> None:
        stream, self._stream, self._session = self._stream, None, None
        if stream is not None:
            stream.close()

    def status(self) -> PrinterStatus:
        if self._stream is not None or self.path.parent.is_dir():
            return PrinterStatus(PrinterState.READY)
        return PrinterStatus(PrinterState.DISCONNECTED, Fault.DISCONNECTED, f"no folder {self.path.parent}")

    def identity(self) -> PrinterIdentity:
        return PrinterIdentity(model="Evolis byte stream (file)", serial=self.path.name, firmware="")

    def counters(self) -> dict[str, int]:
        return {"cards_printed": self._cards}

    def print_card(self, job: CardJob, progress: ProgressCallback | None = None) -> None:
        if self._session is None or self._stream is None:
            raise PrinterError(Fault.DISCONNECTED, "file printer is not open", card_consumed=False)
        frames = card_frames(job, self.options, self._session.capabilities)
        try:
            self._session.print_card(job, progress, frames)
            self._stream.flush()
        except OSError as exc:
            raise PrinterError(
                Fault.DISCONNECTED, f"could not write {self.path}: {exc}", card_consumed=False
            ) from exc
        self._cards += 1
