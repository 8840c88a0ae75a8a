#!/bin/sh
# Install (or upgrade) the KTP-el Mandiri regency server on Debian 12 / Ubuntu 24.04, as root:
#
#     sudo sh installer/server/install-server.sh [SOURCE]
#     sudo sh installer/server/install-server.sh --wheels DIR     # offline, from a folder of wheels
#
# SOURCE is this source tree (default) or a built wheel of ktp-mandiri. A server without Internet
# access installs from a folder of wheels made on another machine with
#     pip wheel --wheel-dir DIR '.[server]'
# What it does, every step of which docs/server-install.md also describes by hand:
#   - the system user ktp-server (no login, no home of its own besides the state folder)
#   - /opt/ktp-mandiri-server: a Python virtual environment with `pip install SOURCE[server]`
#     and the backup tool (bin/ktp-mandiri-server-backup)
#   - /etc/ktp-mandiri-server/server.env (root:ktp-server 0640), only if it does not exist yet
#   - /var/lib/ktp-mandiri-server (state, SQLite by default) and /var/backups/ktp-mandiri-server, 0750
#   - the systemd units: ktp-mandiri-server.service, ktp-mandiri-server-backup.{service,timer}
# It does not create the PostgreSQL role and database, nor the TLS certificate (see the doc), and it
# does not start the service: edit server.env first, then `systemctl enable --now ...`.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
WHEELS=""
if [ "${1:-}" = "--wheels" ]; then
    WHEELS=$2
    SOURCE="ktp-mandiri"
else
    SOURCE=${1:-$(cd "$HERE/../.." && pwd)}
fi
PREFIX=/opt/ktp-mandiri-server
ETC=/etc/ktp-mandiri-server
USER_NAME=ktp-server

if [ "$(id -u)" != 0 ]; then
    echo "Jalankan sebagai root (sudo)." >&2
    exit 1
fi
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Server memerlukan Python 3.11 atau lebih baru (python3)." >&2
    exit 1
fi

if ! getent passwd "$USER_NAME" >/dev/null; then
    mkdir -p /var/lib/ktp-mandiri-server
    adduser --system --group --home /var/lib/ktp-mandiri-server --no-create-home \
        --shell /usr/sbin/nologin "$USER_NAME"
fi

# An upgrade backs the database up first, with the backup tool of the version being replaced.
if [ -x "$PREFIX/bin/ktp-mandiri-server-backup" ] && [ -r "$ETC/server.env" ]; then
    echo "Mencadangkan database sebelum pembaruan ..."
    runuser -u "$USER_NAME" -- sh -c "set -a; . '$ETC/server.env'; set +a; \
        KTP_SERVER_DATA=/var/lib/ktp-mandiri-server '$PREFIX/bin/ktp-mandiri-server-backup'"
fi

python3 -m venv "$PREFIX"
if [ -n "$WHEELS" ]; then
    "$PREFIX/bin/pip" install --quiet --no-index --find-links "$WHEELS" --upgrade "${SOURCE}[server]"
else
    "$PREFIX/bin/pip" install --quiet --upgrade pip
    "$PREFIX/bin/pip" install --quiet --upgrade "${SOURCE}[server]"
fi
{ echo "#!$PREFIX/bin/python3"; cat "$HERE/server_backup.py"; } > "$PREFIX/bin/ktp-mandiri-server-backup"
chmod 0755 "$PREFIX/bin/ktp-mandiri-server-backup"
mkdir -p "$PREFIX/share"
install -m 0644 "$HERE/../../docs/server-install.md" "$PREFIX/share/server-install.md" 2>/dev/null || true

install -d -m 0750 -o root -g "$USER_NAME" "$ETC"
if [ ! -e "$ETC/server.env" ]; then
    install -m 0640 -o root -g "$USER_NAME" "$HERE/server.env" "$ETC/server.env"
fi
install -d -m 0750 -o "$USER_NAME" -g "$USER_NAME" /var/lib/ktp-mandiri-server /var/backups/ktp-mandiri-server

for unit in ktp-mandiri-server.service ktp-mandiri-server-backup.service ktp-mandiri-server-backup.timer; do
    install -m 0644 "$HERE/$unit" "/etc/systemd/system/$unit"
done
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl try-restart ktp-mandiri-server.service  # an upgrade: migrate (ExecStartPre) and serve again
fi

echo "Terpasang di $PREFIX. Langkah berikut: sunting $ETC/server.env (database, TLS), lalu"
echo "    systemctl enable --now ktp-mandiri-server.service ktp-mandiri-server-backup.timer"
