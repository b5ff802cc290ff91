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

prepare_tomcat "$DEMO" "$HTTP_PORT"
mkdir -p "$DEMO/war"
cp "$ROOT/target/ohif-bridge.war" "$DEMO/war/$CONTEXT.war"
# the settings, as a hospital admin would give them: a context file (see README, "Configuration")
cat >"$TOMCAT_HOME/conf/Catalina/localhost/$CONTEXT.xml" <<XML
<Context docBase="$DEMO/war/$CONTEXT.war">
  <Parameter name="ohifbridge.OrthancUrl" value="http://127.0.0.1:8042" override="false"/>
  <Parameter name="ohifbridge.DataSource" value="$DATA_SOURCE" override="false"/>
  <Parameter name="ohifbridge.DataFolder" value="$DEMO/data/$CONTEXT" override="false"/>
  <Parameter name="ohifbridge.BackfillOnStart" value="true" override="false"/>
</Context>
XML

# DICOM JSON has no study list: the ready line then opens the MR brain (its Orthanc id is fixed by its UIDs)
URL="http://127.0.0.1:$HTTP_PORT/$CONTEXT/ohif/"
[ "$DATA_SOURCE" = dicom-json ] && URL="${URL}viewer?url=../studies/5765b8d0-abcaabfe-4416b976-4ebd9aab-47a6cae4/ohif-dicom-json"
start_tomcat "$DEMO/tomcat.log" "http://127.0.0.1:$HTTP_PORT/$CONTEXT/health"
curl -sf "$URL" >/dev/null || die "the WAR did not start; see $DEMO/tomcat.log"
echo "ohif-bridge ready: $URL"
wait "$TOMCAT_PID"
