#!/usr/bin/env bash
# Runs Keycloak (an unpacked keycloak-quarkus-dist) in the foreground on 127.0.0.1 and stops it by PID when this
# script gets TERM/INT/HUP or when the process that started it (Maven, the demo) is gone.
#   run-keycloak.sh KEYCLOAK_HOME PORT [more kc.sh start-dev options]
# The realm files in KEYCLOAK_HOME/data/import are imported at each start into an in-memory database.
# KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD come from the environment (the caller's choice; never printed).
set -u
home=$1 port=$2
shift 2
parent=$PPID
# kc.sh runs java as a child (and execs it after a re-augmentation): stop both the child and the script's own PID
"$home/bin/kc.sh" start-dev --db=dev-mem --http-host=127.0.0.1 --http-port="$port" --import-realm "$@" &
kc=$!
stop() {
  pkill -TERM -P "$kc" 2>/dev/null
  kill -TERM "$kc" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$kc" 2>/dev/null || break; sleep 0.25; done
  pkill -KILL -P "$kc" 2>/dev/null
  kill -KILL "$kc" 2>/dev/null
  exit 0
}
trap stop TERM INT HUP
while kill -0 "$kc" 2>/dev/null; do
  kill -0 "$parent" 2>/dev/null || stop
  sleep 2 &
  wait $!
done
wait "$kc"
