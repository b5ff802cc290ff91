#!/usr/bin/env bash
# The demo in one command: Orthanc (Debian packages) on 127.0.0.1:8042 with real sample studies (and a CT
# volume for MPR), the WAR built with OHIF from npm, deployed on Tomcat or WildFly (both from Maven Central)
# at http://127.0.0.1:8080/ohif-bridge/. Ctrl-C or SIGTERM stops everything it started. Running it again
# reuses what is installed and loaded.
#
#   scripts/demo.sh [--wildfly] [--https]
#     --wildfly   WildFly 39 instead of Tomcat 10.1, configured with the scripts in wildfly-config/ as a WildFly
#                 admin would run them (management on 127.0.0.1:9990)
#     --https     also HTTPS with HTTP/2 on 127.0.0.1:8443 with a self-signed certificate made here (your
#                 browser warns once); the printed URL is then https://localhost:8443/...
#   environment: DEMO_HTTP_PORT (8080), DEMO_HTTPS_PORT (8443), DEMO_MANAGEMENT_PORT (9990, WildFly),
#                DEMO_CONTEXT (ohif-bridge), DEMO_DATA_SOURCE (dicom-web, or dicom-json),
#                DEMO_SERVER (tomcat or wildfly), DEMO_HTTPS (1 = on)
. "$(dirname "$0")/lib.sh"

SERVER="${DEMO_SERVER:-tomcat}"
HTTPS="${DEMO_HTTPS:-0}"
for arg in "$@"; do
  case "$arg" in
    --wildfly) SERVER=wildfly ;;
    --tomcat) SERVER=tomcat ;;
    --https) HTTPS=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown option $arg (try --help)" ;;
  esac
done
HTTP_PORT="${DEMO_HTTP_PORT:-8080}"
HTTPS_PORT="${DEMO_HTTPS_PORT:-8443}"
MGMT_PORT="${DEMO_MANAGEMENT_PORT:-9990}"
CONTEXT="${DEMO_CONTEXT:-ohif-bridge}"
DATA_SOURCE="${DEMO_DATA_SOURCE:-dicom-web}"
case "$DATA_SOURCE" in dicom-web|dicom-json) ;; *) die "DEMO_DATA_SOURCE must be dicom-web or dicom-json";; esac
case "$SERVER" in tomcat|wildfly) ;; *) die "DEMO_SERVER must be tomcat or wildfly";; esac
DEMO="$ROOT/.demo"
ORTHANC_PID=""
SERVER_PID=""

cleanup() {
  trap - INT TERM EXIT
  log "stopping"
  stop_pid "$SERVER_PID"
  stop_pid "$ORTHANC_PID"
}
on_exit cleanup

install_packages
build_shim
prepare_samples
prepare_volume
mkdir -p "$DEMO"

ports=("$HTTP_PORT")
[ "$HTTPS" = 1 ] && ports+=("$HTTPS_PORT")
[ "$SERVER" = wildfly ] && ports+=("$MGMT_PORT")
for p in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port $p on 127.0.0.1 is already in use"; fi
done

start_orthanc "$DEMO/orthanc" 8042 4242
log "Orthanc running on 127.0.0.1:8042 (pid $ORTHANC_PID), storage $DEMO/orthanc/db"
if [ ! -f "$DEMO/orthanc/.samples-loaded-2" ]; then
  upload_samples http://127.0.0.1:8042
  touch "$DEMO/orthanc/.samples-loaded-2"
fi

log "building the WAR (OHIF $(pom_property ohif.version) from npm); log in $DEMO/build.log"
(cd "$ROOT" && mvn -B -ntp package -DskipTests) >"$DEMO/build.log" 2>&1 \
  || { tail -n 40 "$DEMO/build.log" >&2; die "the build failed; see $DEMO/build.log"; }
mkdir -p "$DEMO/war"
cp "$ROOT/target/ohif-bridge.war" "$DEMO/war/$CONTEXT.war"

# a self-signed certificate for localhost and 127.0.0.1 (demo only), its password readable by us only
KEYSTORE="$DEMO/demo-keystore.p12"
if [ "$HTTPS" = 1 ]; then
  [ -s "$DEMO/keystore.pass" ] || (umask 077 && od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$DEMO/keystore.pass")
  bash "$ROOT/wildfly-config/make-demo-keystore.sh" "$KEYSTORE" "$(cat "$DEMO/keystore.pass")" >/dev/null
fi

if [ "$SERVER" = tomcat ]; then
  if [ "$HTTPS" = 1 ]; then
    prepare_tomcat "$DEMO" "$HTTP_PORT" "$HTTPS_PORT" "$KEYSTORE" "$(cat "$DEMO/keystore.pass")"
  else
    prepare_tomcat "$DEMO" "$HTTP_PORT"
  fi
  # the settings, as a hospital admin would give them: a context file (see README, "Configuration")
  cat >"$TOMCAT_HOME/conf/Catalina/localhost/$CONTEXT.xml" <<XML
<Context docBase="$DEMO/war/$CONTEXT.war">
  <Parameter name="ohifbridge.OrthancUrl" value="http://127.0.0.1:8042" override="false"/>
  <Parameter name="ohifbridge.DataSource" value="$DATA_SOURCE" override="false"/>
  <Parameter name="ohifbridge.DataFolder" value="$DEMO/data/$CONTEXT" override="false"/>
  <Parameter name="ohifbridge.BackfillOnStart" value="true" override="false"/>
</Context>
XML
  start_tomcat "$DEMO/tomcat.log" "http://127.0.0.1:$HTTP_PORT/$CONTEXT/health"
  SERVER_PID="$TOMCAT_PID"
  SERVER_LOG="$DEMO/tomcat.log"
else
  prepare_wildfly "$DEMO"
  start_wildfly "$DEMO/wildfly.log" "$HTTP_PORT" "$HTTPS_PORT" "$MGMT_PORT"
  SERVER_PID="$WILDFLY_PID"
  SERVER_LOG="$WILDFLY_HOME/standalone/log/server.log"
  # the settings and the deployment, as a WildFly admin would do it (README, "WildFly")
  props="$DEMO/ohif-bridge.properties"
  (umask 077 && cat >"$props" <<PROPS
orthanc.url=http://127.0.0.1:8042
data.source=$DATA_SOURCE
data.folder=$DEMO/data/$CONTEXT
backfill.on.start=true
war.path=$DEMO/war/$CONTEXT.war
war.runtime.name=$CONTEXT.war
keystore.path=$KEYSTORE
keystore.password=$( [ "$HTTPS" = 1 ] && cat "$DEMO/keystore.pass" )
PROPS
)
  wildfly_cli "$MGMT_PORT" --properties="$props" --file="$ROOT/wildfly-config/settings.cli"
  [ "$HTTPS" = 1 ] && wildfly_cli "$MGMT_PORT" --properties="$props" --file="$ROOT/wildfly-config/https.cli"
  wildfly_cli "$MGMT_PORT" --properties="$props" --file="$ROOT/wildfly-config/deploy.cli"
fi

# DICOM JSON has no study list: the ready line then opens the MR brain (its Orthanc id is fixed by its UIDs)
PAGE="ohif/"
[ "$DATA_SOURCE" = dicom-json ] && PAGE="${PAGE}viewer?url=../studies/5765b8d0-abcaabfe-4416b976-4ebd9aab-47a6cae4/ohif-dicom-json"
curl -sf "http://127.0.0.1:$HTTP_PORT/$CONTEXT/$PAGE" >/dev/null || die "the WAR did not start; see $SERVER_LOG"
URL="http://127.0.0.1:$HTTP_PORT/$CONTEXT/$PAGE"
if [ "$HTTPS" = 1 ]; then
  curl -sfk "https://127.0.0.1:$HTTPS_PORT/$CONTEXT/health" >/dev/null || die "HTTPS does not answer; see $SERVER_LOG"
  URL="https://localhost:$HTTPS_PORT/$CONTEXT/$PAGE"
fi
echo "ohif-bridge ready: $URL"
wait "$SERVER_PID"
