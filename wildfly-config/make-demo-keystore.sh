#!/bin/sh
# Demo only: a self-signed PKCS12 keystore for https.cli, for CN=localhost with SAN dns:localhost, ip:127.0.0.1
# (RSA 2048, valid 825 days, alias "ohif-bridge"). Browsers will warn about it; use a real certificate in production.
#
#   wildfly-config/make-demo-keystore.sh /etc/ohif-bridge/server.p12 'changeit'
#
# Idempotent: an existing keystore is kept as it is (the password is only checked against it). Delete the file
# to get a new one. The keystore is created with mode 600: WildFly's user must be able to read it.
set -eu

if [ $# -ne 2 ] || [ -z "$1" ] || [ -z "$2" ]; then
    echo "usage: $0 KEYSTORE_PATH PASSWORD" >&2
    exit 2
fi
KEYSTORE=$1
# handed to keytool through the environment, so it does not show in the process list
OHIF_BRIDGE_KS_PASSWORD=$2
export OHIF_BRIDGE_KS_PASSWORD

if [ -e "$KEYSTORE" ]; then
    if keytool -list -storetype PKCS12 -keystore "$KEYSTORE" -storepass:env OHIF_BRIDGE_KS_PASSWORD >/dev/null 2>&1; then
        echo "keeping existing keystore $KEYSTORE"
        exit 0
    fi
    echo "$KEYSTORE exists but cannot be opened with this password; not touching it" >&2
    exit 1
fi

mkdir -p "$(dirname "$KEYSTORE")"
umask 077
keytool -genkeypair -noprompt \
    -alias ohif-bridge \
    -keyalg RSA -keysize 2048 -validity 825 \
    -dname "CN=localhost, OU=ohif-bridge demo, O=ohif-bridge" \
    -ext "SAN=dns:localhost,ip:127.0.0.1" \
    -ext "EKU=serverAuth" \
    -storetype PKCS12 -keystore "$KEYSTORE" \
    -storepass:env OHIF_BRIDGE_KS_PASSWORD -keypass:env OHIF_BRIDGE_KS_PASSWORD
echo "created $KEYSTORE:"
keytool -list -v -storetype PKCS12 -keystore "$KEYSTORE" -storepass:env OHIF_BRIDGE_KS_PASSWORD \
    | grep -E '^(Alias name|Owner|Valid from|Signature algorithm name|Subject Public Key Algorithm)|DNSName|IPAddress'
