"""Where the server keeps its data and which database it uses (options and environment variables)."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Sequence
from pathlib import Path

import platformdirs

DATA_ENV = "KTP_SERVER_DATA"
DATABASE_ENV = "KTP_SERVER_DATABASE_URL"
HOST_ENV = "KTP_SERVER_HOST"
PORT_ENV = "KTP_SERVER_PORT"
WORKERS_ENV = "KTP_SERVER_WORKERS"
TLS_CERT_ENV = "KTP_SERVER_TLS_CERT"
TLS_KEY_ENV = "KTP_SERVER_TLS_KEY"
TRUSTED_PROXIES_ENV = "KTP_SERVER_TRUSTED_PROXIES"
ADMIN_NETWORKS_ENV = "KTP_SERVER_ADMIN_NETWORKS"
DEFAULT_ADMIN_NETWORKS = "127.0.0.0/8,::1"
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


def trusted_proxies(override: Sequence[str] | str | None = None
                    ) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The reverse proxies whose X-Forwarded-For is believed: --trusted-proxy, else
    $KTP_SERVER_TRUSTED_PROXIES (addresses or networks, comma-separated); none by default.
    ValueError names an entry that is neither."""
    chosen = override if override is not None else os.environ.get(TRUSTED_PROXIES_ENV, "")
    return _networks(chosen)


def admin_networks(override: Sequence[str] | str | None = None
                   ) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The networks that may reach the regency and admin API (/v1/admin/): --admin-network, else
    $KTP_SERVER_ADMIN_NETWORKS (addresses or networks, comma-separated); this machine only by default
    (127.0.0.0/8 and ::1). ValueError names an entry that is neither."""
    chosen = override if override is not None else os.environ.get(ADMIN_NETWORKS_ENV, "")
    return _networks(chosen if chosen else DEFAULT_ADMIN_NETWORKS)


def _networks(chosen: Sequence[str] | str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    entries = chosen.split(",") if isinstance(chosen, str) else [p for item in chosen for p in item.split(",")]
    networks = []
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{entry!r} bukan alamat IP atau jaringan (contoh 127.0.0.1 atau 10.0.0.0/24)") from None
    return tuple(networks)
