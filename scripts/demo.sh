#!/usr/bin/env bash
# The demo in one command: Orthanc (Debian packages) on 127.0.0.1:8042 with real sample studies, the WAR
# built with OHIF from npm, deployed on Tomcat (Maven Central) at http://127.0.0.1:8080/ohif-bridge/.
# Ctrl-C or SIGTERM stops everything it started. Running it again reuses what is installed and loaded.
#
#   scripts/demo.sh            # environment: DEMO_HTTP_PORT (8080), DEMO_CONTEXT (ohif-bridge),
#                              #   DEMO_DATA_SOURCE (dicom-web, or dicom-json)
. "$(dirname "$0")/lib.sh"

HTTP_PORT="${DEMO_HTTP_PORT:-8080}"
CONTEXT="${DEMO_CONTEXT:-ohif-bridge}"
DATA_SOURCE="${DEMO_DATA_SOURCE:-dicom-web}"
case "$DATA_SOURCE" in dicom-web|dicom-json) ;; *) die "DEMO_DATA_SOURCE must be dicom-web or dicom-json";; esac
DEMO="$ROOT/.demo"
TOMCAT_VERSION="$(pom_property tomcat.version)"
TOMCAT="$DEMO/apache-tomcat-$TOMCAT_VERSION"
ORTHANC_PID=""
TOMCAT_PID=""

cleanup() {
  trap - INT TERM EXIT
  log "stopping"
  stop_pid "$TOMCAT_PID"
  stop_pid "$ORTHANC_PID"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

install_packages
build_shim
prepare_samples
mkdir -p "$DEMO"

if (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null; then die "port $HTTP_PORT on 127.0.0.1 is already in use"; fi

start_orthanc "$DEMO/orthanc" 8042 4242
log "Orthanc running on 127.0.0.1:8042 (pid $ORTHANC_PID), storage $DEMO/orthanc/db"
if [ ! -f "$DEMO/orthanc/.samples-loaded" ]; then
  upload_samples http://127.0.0.1:8042
  touch "$DEMO/orthanc/.samples-loaded"
fi

log "building the WAR (OHIF $(pom_property ohif.version) from npm); log in $DEMO/build.log"
(cd "$ROOT" && mvn -B -ntp package -DskipTests) >"$DEMO/build.log" 2>&1 \
  || { tail -n 40 "$DEMO/build.log" >&2; die "the build failed; see $DEMO/build.log"; }

unpack_tomcat "$TOMCAT_VERSION" "$DEMO"
cat >"$TOMCAT/conf/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector address="127.0.0.1" port="$HTTP_PORT" protocol="HTTP/1.1" connectionTimeout="20000"
               socket.appWriteBufSize="262144"/>
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
    </Engine>
  </Service>
</Server>
XML
rm -rf "$TOMCAT/webapps"/* "$TOMCAT/work/Catalina"
mkdir -p "$TOMCAT/conf/Catalina/localhost" "$DEMO/war"
cp "$ROOT/target/ohif-bridge.war" "$DEMO/war/$CONTEXT.war"
# the settings, as a hospital admin would give them: a context file (see README, "Configuration")
cat >"$TOMCAT/conf/Catalina/localhost/$CONTEXT.xml" <<XML
<Context docBase="$DEMO/war/$CONTEXT.war">
  <Parameter name="ohifbridge.OrthancUrl" value="http://127.0.0.1:8042" override="false"/>
  <Parameter name="ohifbridge.DataSource" value="$DATA_SOURCE" override="false"/>
  <Parameter name="ohifbridge.DataFolder" value="$DEMO/data/$CONTEXT" override="false"/>
  <Parameter name="ohifbridge.BackfillOnStart" value="true" override="false"/>
</Context>
XML

CATALINA_OUT="$DEMO/tomcat.log" "$TOMCAT/bin/catalina.sh" run >"$DEMO/tomcat.log" 2>&1 &
TOMCAT_PID=$!
URL="http://127.0.0.1:$HTTP_PORT/$CONTEXT/ohif/"
# DICOM JSON has no study list: the ready line then opens the MR brain (its Orthanc id is fixed by its UIDs)
[ "$DATA_SOURCE" = dicom-json ] && URL="${URL}viewer?url=../studies/5765b8d0-abcaabfe-4416b976-4ebd9aab-47a6cae4/ohif-dicom-json"
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/$CONTEXT/health" >/dev/null 2>&1 && break
  kill -0 "$TOMCAT_PID" 2>/dev/null || die "Tomcat exited; see $DEMO/tomcat.log"
  sleep 0.2
done
curl -sf "$URL" >/dev/null || die "the WAR did not start; see $DEMO/tomcat.log"
echo "ohif-bridge ready: $URL"
wait "$TOMCAT_PID"
