#!/bin/sh
# The regency's TLS certificates, made by install-server.sh (docs/server-install.md, "Certificates"):
#
#     make-certificates.sh [--renew] [--tls-name NAME_OR_ADDRESS]... [--dir DIR] [--group GROUP]
#
# - a regency CA (10 years), made once: DIR/ca.crt (what every station is given: --ca-file) and
#   DIR/ca.key, readable by root only;
# - a server certificate signed by it (2 years) for the host's names and addresses and every
#   --tls-name: DIR/server.crt, and DIR/server.key readable by root and GROUP (the service's user).
# Existing files are kept; --renew re-issues the server certificate only (the CA stays, so stations
# keep trusting it), for the host's names and addresses of today plus the --tls-name values given
# before (kept in DIR/server.names) and now. DIR defaults to /etc/ktp-mandiri-server/tls, GROUP to
# ktp-server. Installed by install-server.sh as /usr/local/sbin/ktp-mandiri-server-certificates.
set -eu
DIR=/etc/ktp-mandiri-server/tls
GROUP=ktp-server
RENEW=""
NAMES=""
while [ $# -gt 0 ]; do
    case "$1" in
        --renew) RENEW=1 ;;
        --tls-name) NAMES="$NAMES $2"; shift ;;
        --dir) DIR=$2; shift ;;
        --group) GROUP=$2; shift ;;
        *) echo "Opsi tidak dikenal: $1" >&2; exit 2 ;;
    esac
    shift
done
if ! command -v openssl >/dev/null; then
    echo "openssl tidak ada: pasang dulu (apt install openssl)." >&2
    exit 1
fi
umask 077
install -d -m 0750 -g "$GROUP" "$DIR"
HOST=$(hostname)
if [ ! -e "$DIR/ca.key" ]; then
    openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 3650 -keyout "$DIR/ca.key" -out "$DIR/ca.crt" \
        -subj "/O=KTP-el Mandiri/CN=CA kabupaten $HOST" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" 2>/dev/null
    chmod 0600 "$DIR/ca.key"
    chmod 0644 "$DIR/ca.crt"
    echo "CA kabupaten dibuat: $DIR/ca.crt (berlaku 10 tahun; kuncinya $DIR/ca.key hanya untuk root)."
fi
if [ -e "$DIR/server.crt" ] && [ -z "$RENEW" ]; then
    echo "Sertifikat server tetap: $DIR/server.crt (perbarui dengan --renew)."
    exit 0
fi
# The host's names and addresses, and the stated ones (earlier and now); each once.
if [ -r "$DIR/server.names" ]; then
    NAMES="$(cat "$DIR/server.names") $NAMES"
fi
SAN=""
for name in "$HOST" $(hostname -f 2>/dev/null || true) localhost $(hostname -I 2>/dev/null || true) 127.0.0.1 $NAMES; do
    case "$name" in
        *:*|[0-9]*.[0-9]*.[0-9]*.[0-9]*) entry="IP:$name" ;;
        *) entry="DNS:$name" ;;
    esac
    case ",$SAN," in
        *",$entry,"*) ;;
        *) SAN="${SAN:+$SAN,}$entry" ;;
    esac
done
EXT=$(mktemp)
trap 'rm -f "$EXT" "$DIR/server.csr" "$DIR/server.key.new"' EXIT
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\nsubjectAltName=%s\n' "$SAN" > "$EXT"
openssl req -new -newkey rsa:2048 -sha256 -nodes -keyout "$DIR/server.key.new" -out "$DIR/server.csr" \
    -subj "/O=KTP-el Mandiri/CN=$HOST" 2>/dev/null
openssl x509 -req -sha256 -days 730 -in "$DIR/server.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -extfile "$EXT" -out "$DIR/server.crt.new" 2>/dev/null
chgrp "$GROUP" "$DIR/server.key.new"
chmod 0640 "$DIR/server.key.new"
chmod 0644 "$DIR/server.crt.new"
mv "$DIR/server.key.new" "$DIR/server.key"
mv "$DIR/server.crt.new" "$DIR/server.crt"
printf '%s\n' $NAMES | sort -u > "$DIR/server.names"  # one a line, each once
chmod 0644 "$DIR/server.names"
echo "Sertifikat server dibuat: $DIR/server.crt (berlaku 2 tahun) untuk $SAN."
if [ -n "$RENEW" ]; then
    echo "CA tetap: stasiun tidak perlu apa-apa. Mulai ulang server: systemctl restart ktp-mandiri-server"
else
    echo "Berikan $DIR/ca.crt ke setiap stasiun: berkas CA yang dipercaya saat pendaftaran (--ca-file)."
fi
