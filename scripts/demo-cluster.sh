#!/usr/bin/env bash
# scripts/demo.sh --cluster: the scale-out set-up of the README's "Scaling out" on one machine, every part private
# and on loopback: PostgreSQL (Debian's binaries, its own cluster in .demo-cluster/, never the system service) with
# the Orthanc index and the WAR's state; two Orthancs on it (orthanc-postgresql) sharing one storage folder; two
# Tomcat nodes in a Tribes cluster (sessions replicated), each with the WAR on its own Orthanc, sharing the database;
# HAProxy round-robin in front on 127.0.0.1:8080 with health checks on health/ready. Prints the URL and a login
# (viewer, admin and metrics roles). Ctrl-C stops everything it started.
#   environment: DEMO_HTTP_PORT (8080, HAProxy), DEMO_CONTEXT (ohif-bridge)
. "$(dirname "$0")/lib.sh"

LB_PORT="${DEMO_HTTP_PORT:-8080}"
CONTEXT="${DEMO_CONTEXT:-ohif-bridge}"
DEMO="$ROOT/.demo-cluster"
PG_PORT=15432; ORTHANC_PORTS=(8042 8043); DICOM_PORTS=(4242 4243); NODE_PORTS=(8081 8082); RECEIVERS=(4100 4101)
PIDS=()
cleanup() {
  trap - INT TERM EXIT
  log "stopping"
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
}
on_exit cleanup

install_packages cluster
build_shim
prepare_samples
for p in "$LB_PORT" "$PG_PORT" "${ORTHANC_PORTS[@]}" "${DICOM_PORTS[@]}" "${NODE_PORTS[@]}" "${RECEIVERS[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port $p on 127.0.0.1 is already in use"; fi
done
mkdir -p "$DEMO"

start_postgres "$DEMO/postgres" "$PG_PORT"
PIDS+=("$PG_PID")
log "PostgreSQL on 127.0.0.1:$PG_PORT (pid $PG_PID), data in $DEMO/postgres"
for i in 0 1; do
  start_orthanc_pg "$DEMO/orthanc-$i" "${ORTHANC_PORTS[$i]}" "${DICOM_PORTS[$i]}" "$DEMO/orthanc-storage" \
    "$DEMO/postgres" "$PG_PORT"
  PIDS+=("$ORTHANC_PID")
  log "Orthanc $((i + 1)) on 127.0.0.1:${ORTHANC_PORTS[$i]} (pid $ORTHANC_PID), index in PostgreSQL"
done
if [ ! -f "$DEMO/.samples-loaded" ]; then
  upload_samples "http://127.0.0.1:${ORTHANC_PORTS[0]}"
  touch "$DEMO/.samples-loaded"
fi

log "building the WAR; log in $DEMO/build.log"
(cd "$ROOT" && mvn -B -ntp package -DskipTests) >"$DEMO/build.log" 2>&1 \
  || { tail -n 40 "$DEMO/build.log" >&2; die "the build failed; see $DEMO/build.log"; }
mkdir -p "$DEMO/war"
cp "$ROOT/target/ohif-bridge.war" "$DEMO/war/$CONTEXT.war"

prepare_tomcat "$DEMO" "${NODE_PORTS[0]}"
DEMO_USER=demo
[ -f "$DEMO/demo-user.pass" ] || (umask 077 && head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$DEMO/demo-user.pass")
demo_users "$TOMCAT_HOME/conf/tomcat-users.xml" "$DEMO_USER" "$DEMO/demo-user.pass"
for i in 0 1; do
  base="$DEMO/node-$((i + 1))"
  tomcat_node "$base" "${NODE_PORTS[$i]}" "${RECEIVERS[$i]}" "${RECEIVERS[*]}"
  cat >"$base/conf/Catalina/localhost/$CONTEXT.xml" <<XML
<Context docBase="$DEMO/war/$CONTEXT.war">
  <Manager className="org.apache.catalina.ha.session.DeltaManager" expireSessionsOnShutdown="false"
           notifyListenersOnReplication="true"/>
  <Parameter name="ohifbridge.OrthancUrl" value="http://127.0.0.1:${ORTHANC_PORTS[$i]}" override="false"/>
  <Parameter name="ohifbridge.DataSource" value="dicom-json" override="false"/>
  <Parameter name="ohifbridge.DataFolder" value="$base/data" override="false"/>
  <Parameter name="ohifbridge.BackfillOnStart" value="true" override="false"/>
  <Parameter name="ohifbridge.DatabaseUrl" value="jdbc:postgresql://127.0.0.1:$PG_PORT/bridge" override="false"/>
  <Parameter name="ohifbridge.DatabaseUser" value="bridge" override="false"/>
  <Parameter name="ohifbridge.DatabasePasswordFile" value="$DEMO/postgres/bridge.password" override="false"/>
</Context>
XML
  start_tomcat_node "$base" "$base/tomcat.log" "http://127.0.0.1:${NODE_PORTS[$i]}/$CONTEXT/health/live"
  PIDS+=("$TOMCAT_PID")
  log "node $((i + 1)): Tomcat on 127.0.0.1:${NODE_PORTS[$i]} (pid $TOMCAT_PID), log $base/tomcat.log"
done
start_haproxy "$DEMO/haproxy" "$LB_PORT" "$CONTEXT" "127.0.0.1:${NODE_PORTS[0]}" "127.0.0.1:${NODE_PORTS[1]}"
PIDS+=("$HAPROXY_PID")

log "ohif-bridge demo login: $DEMO_USER:$(cat "$DEMO/demo-user.pass")"
log "which node works in the background: curl -u $DEMO_USER:… http://127.0.0.1:$LB_PORT/$CONTEXT/preload/status"
log "metrics: http://127.0.0.1:$LB_PORT/$CONTEXT/metrics; the audit trail of both nodes: .../admin/audit"
log "try: kill one node's pid above, and go on reading"
log "ready: http://127.0.0.1:$LB_PORT/$CONTEXT/ (HAProxy over two nodes)"
wait "$HAPROXY_PID"
