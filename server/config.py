"""Where the server keeps its data and which database it uses (options and environment variables)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_ENV = "KTP_SERVER_DATA"
DATABASE_ENV = "KTP_SERVER_DATABASE_URL"
HOST_ENV = "KTP_SERVER_HOST"
PORT_ENV = "KTP_SERVER_PORT"
WORKERS_ENV = "KTP_SERVER_WORKERS"
TLS_CERT_ENV = "KTP_SERVER_TLS_CERT"
TLS_KEY_ENV = "KTP_SERVER_TLS_KEY"
DEFAULT_PORT = 8470


def data_dir(override: str | None = None) -> Path:
    chosen = override or os.environ.get(DATA_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir("KTP-el Mandiri Server", "Disdukcapil"))


def database_url(override: str | None = None, data: Path | None = None) -> str:
    """--database-url, else $KTP_SERVER_DATABASE_URL, else SQLite in the data folder."""
    chosen = override or os.environ.get(DATABASE_ENV)
    if chosen:
        return chosen
    folder = data or data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'ktp-mandiri-server.sqlite3'}"
