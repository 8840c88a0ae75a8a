#!/bin/sh
# Install (or upgrade) the KTP-el Mandiri regency server on Debian 12 / Ubuntu 24.04, as root:
#
#     sudo sh installer/server/install-server.sh [SOURCE] [--tls-name NAME_OR_ADDRESS]...
#     sudo sh installer/server/install-server.sh --wheels DIR [--tls-name ...]   # offline, from wheels
#
# SOURCE is this source tree (default) or a built wheel of ktp-mandiri. A server without Internet
# access installs from a folder of wheels made on another machine with
#     pip wheel --wheel-dir DIR '.[server]'
# What it does, every step of which docs/server-install.md also describes by hand:
#   - the system user ktp-server (no login, no home of its own besides the state folder)
#   - /opt/ktp-mandiri-server: a Python virtual environment with `pip install SOURCE[server]`
#     (its output in /opt/ktp-mandiri-server/pip-install.log, shown only when it fails)
#     and the backup tool (bin/ktp-mandiri-server-backup)
#   - /usr/local/sbin/ktp-mandiri-serverctl: runs a server command or the backup tool as the service
#     does (its user, server.env, its data folder), e.g. `ktp-mandiri-serverctl admin create NAME`
#   - /usr/local/sbin/ktp-mandiri-server-certificates: make-certificates.sh (renewal: --renew)
#   - /etc/ktp-mandiri-server/server.env (root:ktp-server 0640), only if it does not exist yet
#   - on the first install only: the regency CA and the server's certificate in
#     /etc/ktp-mandiri-server/tls (make-certificates.sh; the host's names and addresses + --tls-name)
#   - /var/lib/ktp-mandiri-server (state, SQLite by default) and /var/backups/ktp-mandiri-server, 0750
#   - the systemd units: ktp-mandiri-server.service, ktp-mandiri-server-backup.{service,timer}
# An upgrade (server.env exists) first makes a backup, never touches server.env or the certificates,
# restarts a running service (which migrates the database) and ends with a summary of what it did.
# It does not create the PostgreSQL role and database (see the doc), and a first install does not
# start the service: edit server.env first, then `systemctl enable --now ...`.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
WHEELS=""
SOURCE=""
TLS_NAMES=""
while [ $# -gt 0 ]; do
    case "$1" in
        --wheels) WHEELS=$2; SOURCE="ktp-mandiri"; shift ;;
        --tls-name) TLS_NAMES="$TLS_NAMES --tls-name $2"; shift ;;
        -*) echo "Opsi tidak dikenal: $1" >&2; exit 2 ;;
        *) SOURCE=$1 ;;
    esac
    shift
done
SOURCE=${SOURCE:-$(cd "$HERE/../.." && pwd)}
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

if [ ! -e "$ETC/server.env" ] && ! command -v openssl >/dev/null; then
    echo "openssl tidak ada (untuk sertifikat TLS): pasang dulu (apt install openssl)." >&2
    exit 1
fi

installed_version() {
    [ -x "$PREFIX/bin/python3" ] && "$PREFIX/bin/python3" -c \
        'import importlib.metadata as m; print(m.version("ktp-mandiri"))' 2>/dev/null || true
}
certificate_end() {
    [ -r "$ETC/tls/server.crt" ] && command -v openssl >/dev/null &&
        echo " Sertifikat server berlaku sampai $(openssl x509 -in "$ETC/tls/server.crt" -noout -enddate | cut -d= -f2)" \
            "(perpanjang: ktp-mandiri-server-certificates --renew)."
}

if ! getent passwd "$USER_NAME" >/dev/null; then
    mkdir -p /var/lib/ktp-mandiri-server
    adduser --system --group --home /var/lib/ktp-mandiri-server --no-create-home \
        --shell /usr/sbin/nologin "$USER_NAME"
fi

UPGRADE=""
[ -e "$ETC/server.env" ] && UPGRADE=1
BEFORE=$(installed_version)

# An upgrade backs the database up first, with the backup tool of the version being replaced.
BACKUP=""
if [ -n "$UPGRADE" ] && [ -x "$PREFIX/bin/ktp-mandiri-server-backup" ]; then
    echo "Mencadangkan database sebelum pembaruan ..."
    BACKUP=$(runuser -u "$USER_NAME" -- sh -c "cd /; set -a; . '$ETC/server.env'; set +a; \
        KTP_SERVER_DATA=/var/lib/ktp-mandiri-server '$PREFIX/bin/ktp-mandiri-server-backup'")
fi

# pip's own chatter (and setuptools' warnings while it builds from a source tree) goes to a log,
# shown whole only when pip fails.
python3 -m venv "$PREFIX"
PIP_LOG=$PREFIX/pip-install.log
if ! {
    if [ -n "$WHEELS" ]; then
        "$PREFIX/bin/pip" install --no-input --no-index --find-links "$WHEELS" --upgrade "${SOURCE}[server]"
    else
        "$PREFIX/bin/pip" install --no-input --upgrade pip &&
        "$PREFIX/bin/pip" install --no-input --upgrade "${SOURCE}[server]"
    fi
} >"$PIP_LOG" 2>&1; then
    cat "$PIP_LOG" >&2
    echo "pip gagal memasang ${SOURCE}[server] (keluaran di atas, juga di $PIP_LOG); tidak ada yang diubah selain $PREFIX." >&2
    exit 1
fi
AFTER=$(installed_version)
{ echo "#!$PREFIX/bin/python3"; cat "$HERE/server_backup.py"; } > "$PREFIX/bin/ktp-mandiri-server-backup"
chmod 0755 "$PREFIX/bin/ktp-mandiri-server-backup"
install -m 0755 "$HERE/ktp-mandiri-serverctl" "$PREFIX/bin/ktp-mandiri-serverctl"
ln -sf "$PREFIX/bin/ktp-mandiri-serverctl" /usr/local/sbin/ktp-mandiri-serverctl
install -m 0755 "$HERE/make-certificates.sh" "$PREFIX/bin/ktp-mandiri-server-certificates"
ln -sf "$PREFIX/bin/ktp-mandiri-server-certificates" /usr/local/sbin/ktp-mandiri-server-certificates
mkdir -p "$PREFIX/share"
install -m 0644 "$HERE/../../docs/server-install.md" "$PREFIX/share/server-install.md" 2>/dev/null || true

install -d -m 0750 -o root -g "$USER_NAME" "$ETC"
if [ -z "$UPGRADE" ]; then
    install -m 0640 -o root -g "$USER_NAME" "$HERE/server.env" "$ETC/server.env"
    # shellcheck disable=SC2086 # each --tls-name NAME pair is two words
    sh "$HERE/make-certificates.sh" --dir "$ETC/tls" --group "$USER_NAME" $TLS_NAMES
fi
install -d -m 0750 -o "$USER_NAME" -g "$USER_NAME" /var/lib/ktp-mandiri-server /var/backups/ktp-mandiri-server

for unit in ktp-mandiri-server.service ktp-mandiri-server-backup.service ktp-mandiri-server-backup.timer; do
    install -m 0644 "$HERE/$unit" "/etc/systemd/system/$unit"
done
RESTARTED=""
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    if systemctl is-active --quiet ktp-mandiri-server.service; then
        # an upgrade: migrate (ExecStartPre) and serve again
        if ! systemctl restart ktp-mandiri-server.service; then
            echo "Program diperbarui, tetapi layanan gagal dimulai ulang: lihat journalctl -u ktp-mandiri-server." >&2
            exit 1
        fi
        RESTARTED=1
    fi
fi

if [ -z "$UPGRADE" ]; then
    echo "Terpasang di $PREFIX (ktp-mandiri $AFTER). Langkah berikut: sunting $ETC/server.env (database), lalu"
    echo "    systemctl enable --now ktp-mandiri-server.service ktp-mandiri-server-backup.timer"
    echo "    ktp-mandiri-serverctl admin create NAMA"
    echo "Sertifikat di $ETC/tls (server.crt, server.key; CA: ca.crt, kuncinya ca.key hanya untuk root)."
    echo "Setiap stasiun diberi $ETC/tls/ca.crt: ktp-mandiri enrol https://SERVER:8470 KODE --ca-file ca.crt"
    exit 0
fi
echo "Pembaruan selesai: ktp-mandiri ${BEFORE:-?} -> $AFTER di $PREFIX."
echo "- ${BACKUP:-Tidak ada cadangan (alat cadangan belum terpasang).}"
echo "- $ETC/server.env dan sertifikat di $ETC/tls tidak diubah.$(certificate_end)"
echo "- Unit systemd, ktp-mandiri-serverctl dan ktp-mandiri-server-certificates diperbarui."
if [ -n "$RESTARTED" ]; then
    echo "- Layanan dimulai ulang: skema database sudah diperbarui (migrate). Periksa: ktp-mandiri-serverctl check"
else
    echo "- Layanan tidak berjalan: skema database diperbarui saat dimulai (systemctl start ktp-mandiri-server)."
fi
