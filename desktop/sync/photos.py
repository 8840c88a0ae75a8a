"""Residents' photos and signatures, as a part of SyncService (desktop/sync/service.py): fetched when
the counter asks and a few each round for print-ready residents, kept in a cache of bounded size.
"""

from __future__ import annotations

from peewee import fn

from desktop.store.models import Resident
from desktop.sync.client import ServerClient, SyncError
from desktop.sync.report import SyncReport

PHOTO_CACHE_BYTES = 200 * 1024 * 1024
PREFETCH_PER_ROUND = 50


class PhotoCache:
    """Mixed into SyncService: it has db and client()."""

    def fetch_images(self, nik: str, client: ServerClient | None = None) -> bool:
        """Fetch a resident's photo and signature into the cache; False when no photo was cached."""
        client = client or self.client()
        images: dict[str, tuple[bytes, str | None]] = {}
        for kind in ("photo", "signature"):
            try:
                reply = client.request("GET", f"/v1/residents/{nik}/{kind}", raw=True)
                images[kind] = (bytes(reply), reply.etag)
            except SyncError as exc:
                if exc.status != 404:
                    raise
                images[kind] = (b"", None)  # none on the server: not asked for again until it changes
        with self.db.atomic():
            for kind, (content, version) in images.items():
                column, version_column = getattr(Resident, kind), getattr(Resident, f"{kind}_version")
                where = Resident.nik == nik
                if content:
                    # Only the version the station's record names (or any, when it names none): an image
                    # newer than the record waits for the record's change, a late older reply is dropped.
                    where &= version_column.is_null() | (version_column == version)
                Resident.update({column: content, version_column: version if content else None}).where(where).execute()
            self._trim_cache()
        return Resident.select().where((Resident.nik == nik) & (fn.LENGTH(Resident.photo) > 0)).exists()

    def _trim_cache(self) -> None:
        total = Resident.select(fn.SUM(fn.LENGTH(Resident.photo)) + fn.COALESCE(fn.SUM(fn.LENGTH(Resident.signature)), 0)) \
            .where(Resident.source == "server").scalar() or 0
        if total <= PHOTO_CACHE_BYTES:
            return
        # Drop the images of residents who cannot be printed for now first, then the oldest.
        victims = (Resident.select(Resident.id).where(Resident.photo.is_null(False) & (Resident.source == "server"))
                   .order_by((Resident.record_status == "PRINT_READY_RECORD"), Resident.updated_at).limit(500))
        Resident.update(photo=None, signature=None).where(Resident.id.in_(victims)).execute()

    def _prefetch(self, client: ServerClient, report: SyncReport) -> None:
        """Photos of print-ready residents, a few each round, so the counter does not wait for them."""
        wanted = [r.nik for r in Resident.select(Resident.nik).where(
            (Resident.source == "server") & (Resident.record_status == "PRINT_READY_RECORD")
            & Resident.photo.is_null()).limit(PREFETCH_PER_ROUND)]
        for nik in wanted:
            report.photos += self.fetch_images(nik, client)
