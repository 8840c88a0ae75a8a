"""What one sync round did, counted by its steps (push.py, pull.py, photos.py) and returned by
SyncService.sync_now (service.py); a module of its own so the steps need not import the round."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SyncReport:
    pushed: int = 0
    batches: int = 0
    pulled: int = 0
    residents: int = 0
    photos: int = 0
    generation_changed: bool = False
    bytes_sent: int = 0
    bytes_received: int = 0
    recovered: list[str] = field(default_factory=list)  # serials of cards back from the regency (a restore)
