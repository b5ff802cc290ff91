#!/usr/bin/env bash
# The demo in one command: Orthanc (Debian packages) on 127.0.0.1:8042 with real sample studies (and a CT
# volume for MPR), the WAR built with OHIF from npm, deployed on Tomcat or WildFly (both from Maven Central)
# at http://127.0.0.1:8080/ohif-bridge/. Ctrl-C or SIGTERM stops everything it started. Running it again
# reuses what is installed and loaded.
#
#   scripts/demo.sh [--wildfly] [--https] [--keycloak] | --cluster
#     --wildfly   WildFly 39 instead of Tomcat 10.1, configured with the scripts in wildfly-config/ as a WildFly
#                 admin would run them (management on 127.0.0.1:9990)
#     --https     also HTTPS with HTTP/2 on 127.0.0.1:8443 with a self-signed certificate made here (your
#                 browser warns once); the printed URL is then https://localhost:8443/...
#     --keycloak  sign-on with OpenID Connect against a local Keycloak (Maven Central) on 127.0.0.1:8180 instead
#                 of BASIC: SignOn=oidc in the WAR on Tomcat, WildFly's own OIDC client (oidc.cli) on WildFly
#     --cluster   scale-out instead (scripts/demo-cluster.sh): PostgreSQL, two Orthancs on it, two Tomcat nodes
#                 sharing state and sessions, HAProxy in front on 127.0.0.1:8080
#   Sign-on: by default the server's own users (BASIC); the demo makes one user with the viewer and admin roles and
#   prints "ohif-bridge demo login: <user>:<password>" beside the ready line, and a second one whom the demo's access
#   rules (README, "Who sees which study") show one institution's studies only: "ohif-bridge demo login
#   (restricted): <user>:<password>"; then the audit trail's file.
#   environment: DEMO_HTTP_PORT (8080), DEMO_HTTPS_PORT (8443), DEMO_MANAGEMENT_PORT (9990, WildFly),
#                DEMO_CONTEXT (ohif-bridge), DEMO_DATA_SOURCE (dicom-web, or dicom-json),
#                DEMO_SERVER (tomcat or wildfly), DEMO_HTTPS (1 = on), DEMO_KEYCLOAK (1 = on),
#                DEMO_KEYCLOAK_PORT (8180)
. "$(dirname "$0")/lib.sh"

SERVER="${DEMO_SERVER:-tomcat}"
HTTPS="${DEMO_HTTPS:-0}"
KEYCLOAK="${DEMO_KEYCLOAK:-0}"
for arg in "$@"; do
  case "$arg" in
    --wildfly) SERVER=wildfly ;;
    --tomcat) SERVER=tomcat ;;
    --https) HTTPS=1 ;;
    --keycloak) KEYCLOAK=1 ;;
    --cluster) exec "$(dirname "$0")/demo-cluster.sh" ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) die "unknown option $arg (try --help)" ;;
  esac
done
HTTP_PORT="${DEMO_HTTP_PORT:-8080}"
HTTPS_PORT="${DEMO_HTTPS_PORT:-8443}"
MGMT_PORT="${DEMO_MANAGEMENT_PORT:-9990}"
KC_PORT="${DEMO_KEYCLOAK_PORT:-8180}"
CONTEXT="${DEMO_CONTEXT:-ohif-bridge}"
DATA_SOURCE="${DEMO_DATA_SOURCE:-dicom-web}"
case "$DATA_SOURCE" in dicom-web|dicom-json) ;; *) die "DEMO_DATA_SOURCE must be dicom-web or dicom-json";; esac
case "$SERVER" in tomcat|wildfly) ;; *) die "DEMO_SERVER must be tomcat or wildfly";; esac
# the demo realm (src/test/keycloak/ohif-realm.json) lets Keycloak send browsers back to these ports only
if [ "$KEYCLOAK" = 1 ] && { [ "$HTTP_PORT" != 8080 ] || [ "$HTTPS_PORT" != 8443 ]; }; then
  die "--keycloak needs DEMO_HTTP_PORT=8080 and DEMO_HTTPS_PORT=8443 (the demo realm's redirect URIs)"
fi
DEMO="$ROOT/.demo"
ORTHANC_PID=""
SERVER_PID=""
KEYCLOAK_PID=""

cleanup() {
  trap - INT TERM EXIT
  log "stopping"
  stop_pid "$SERVER_PID"
  stop_pid "$ORTHANC_PID"
  stop_pid "$KEYCLOAK_PID"
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
[ "$KEYCLOAK" = 1 ] && ports+=("$KC_PORT")
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

# sign-on: the server's own users (one demo user, password made here and kept readable by us only), or Keycloak
if [ "$KEYCLOAK" = 1 ]; then
  prepare_keycloak "$ROOT/.cache"
  log "starting Keycloak on 127.0.0.1:$KC_PORT (realm ohif, imported at each start)"
  start_keycloak "$DEMO/keycloak.log" "$KC_PORT"
  ISSUER="http://127.0.0.1:$KC_PORT/realms/ohif"
  # the realm's test client (src/test/keycloak/ohif-realm.json): its secret is public, fine for a loopback demo only
  (umask 077 && sed -n 's/.*"secret": "\([^"]*\)".*/\1/p' "$ROOT/src/test/keycloak/ohif-realm.json" >"$DEMO/oidc-client.secret")
  LOGIN="viewer:viewer-pw"
else
  DEMO_USER=demo
  [ -s "$DEMO/demo-user.pass" ] || (umask 077 && od -An -N9 -tx1 /dev/urandom | tr -d ' \n' >"$DEMO/demo-user.pass")
  LOGIN="$DEMO_USER:$(cat "$DEMO/demo-user.pass")"
  # a second user whom the demo's access rules show one institution's studies only
  RESTRICTED_USER=jfk
  [ -s "$DEMO/restricted-user.pass" ] || (umask 077 && od -An -N9 -tx1 /dev/urandom | tr -d ' \n' >"$DEMO/restricted-user.pass")
  RESTRICTED_LOGIN="$RESTRICTED_USER:$(cat "$DEMO/restricted-user.pass")"
  demo_rules "$DEMO/study-rules.json"
fi

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
  # the audit trail in a file of its own, bare JSON lines (README, "Audit trail": the same lines)
  if ! grep -q 5ohifaudit "$TOMCAT_HOME/conf/logging.properties"; then
    # (the distribution's file ends its lines with CR LF: the name goes before the CR)
    sed -i 's/^\(handlers = [^\r]*\)/\1, 5ohifaudit.org.apache.juli.FileHandler/' "$TOMCAT_HOME/conf/logging.properties"
    cat >>"$TOMCAT_HOME/conf/logging.properties" <<'PROPS'

5ohifaudit.org.apache.juli.FileHandler.level = INFO
5ohifaudit.org.apache.juli.FileHandler.directory = ${catalina.base}/logs
5ohifaudit.org.apache.juli.FileHandler.prefix = ohif-audit.
5ohifaudit.org.apache.juli.FileHandler.formatter = java.util.logging.SimpleFormatter
java.util.logging.SimpleFormatter.format = %5$s%n
ohif-bridge.audit.handlers = 5ohifaudit.org.apache.juli.FileHandler
ohif-bridge.audit.useParentHandlers = false
PROPS
  fi
  AUDIT_LOG="$TOMCAT_HOME/logs/ohif-audit.<date>.log"
  if [ "$KEYCLOAK" = 1 ]; then
    SIGN_ON="<Parameter name=\"ohifbridge.SignOn\" value=\"oidc\" override=\"false\"/>
  <Parameter name=\"ohifbridge.OidcIssuer\" value=\"$ISSUER\" override=\"false\"/>
  <Parameter name=\"ohifbridge.OidcClientId\" value=\"ohif-bridge\" override=\"false\"/>
  <Parameter name=\"ohifbridge.OidcClientSecretFile\" value=\"$DEMO/oidc-client.secret\" override=\"false\"/>"
  else
    SIGN_ON="<!-- SignOn=container (the default): BASIC against conf/tomcat-users.xml -->
  <Parameter name=\"ohifbridge.StudyRulesFile\" value=\"$DEMO/study-rules.json\" override=\"false\"/>"
    demo_users "$TOMCAT_HOME/conf/tomcat-users.xml" "$DEMO_USER" "$DEMO/demo-user.pass" \
      "$RESTRICTED_USER" "$DEMO/restricted-user.pass"
  fi
  # the settings, as a hospital admin would give them: a context file (see README, "Configuration")
  cat >"$TOMCAT_HOME/conf/Catalina/localhost/$CONTEXT.xml" <<XML
<Context docBase="$DEMO/war/$CONTEXT.war">
  $SIGN_ON
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
  # the demo user in WildFly's ApplicationRealm (groups become roles), as add-user.sh is meant to be used
  # (a second run finds it there already, with the same password)
  if [ "$KEYCLOAK" != 1 ]; then
    "$WILDFLY_HOME/bin/add-user.sh" -a -s -u "$DEMO_USER" -p "$(cat "$DEMO/demo-user.pass")" \
      -g ohif-viewer,ohif-admin,ohif-metrics,radiology >/dev/null 2>&1 || true
    "$WILDFLY_HOME/bin/add-user.sh" -a -s -u "$RESTRICTED_USER" -p "$(cat "$DEMO/restricted-user.pass")" \
      -g ohif-viewer,jfk-imaging >/dev/null 2>&1 || true
  fi
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
oidc.provider.url=${ISSUER:-}
oidc.client.id=ohif-bridge
oidc.client.secret=$( [ "$KEYCLOAK" = 1 ] && cat "$DEMO/oidc-client.secret" )
oidc.ssl.required=NONE
oidc.deployment=$CONTEXT.war
study.rules.file=$( [ "$KEYCLOAK" != 1 ] && echo "$DEMO/study-rules.json" )
PROPS
)
  wildfly_cli "$MGMT_PORT" --properties="$props" --file="$ROOT/wildfly-config/settings.cli"
  # OIDC through WildFly itself: the secure-deployment exists before the WAR is deployed
  if [ "$KEYCLOAK" = 1 ]; then
    wildfly_cli "$MGMT_PORT" --properties="$props" --file="$ROOT/wildfly-config/oidc.cli"
  else # back to BASIC after an earlier --keycloak run (README: removing the secure-deployment)
    "$WILDFLY_HOME/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$MGMT_PORT" \
      --command="/subsystem=elytron-oidc-client/secure-deployment=$CONTEXT.war:remove" >/dev/null 2>&1 || true
  fi
  wildfly_cli "$MGMT_PORT" --file="$ROOT/wildfly-config/audit-log.cli"
  AUDIT_LOG="$WILDFLY_HOME/standalone/log/ohif-audit.log"
  [ "$HTTPS" = 1 ] && wildfly_cli "$MGMT_PORT" --properties="$props" --file="$ROOT/wildfly-config/https.cli"
  wildfly_cli "$MGMT_PORT" --properties="$props" --file="$ROOT/wildfly-config/deploy.cli"
fi

# the ready line opens the launcher (the study list of {ctx}/, in both data sources)
PAGE=""
curl -sf "http://127.0.0.1:$HTTP_PORT/$CONTEXT/health" >/dev/null || die "the WAR did not start; see $SERVER_LOG"
if [ "$KEYCLOAK" = 1 ]; then
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept: text/html' "http://127.0.0.1:$HTTP_PORT/$CONTEXT/$PAGE")
  [ "$code" = 302 ] || die "the viewer does not send browsers to Keycloak (HTTP $code); see $SERVER_LOG"
else
  curl -sf -u "$LOGIN" "http://127.0.0.1:$HTTP_PORT/$CONTEXT/$PAGE" >/dev/null || die "the demo user cannot open the viewer; see $SERVER_LOG"
fi
URL="http://127.0.0.1:$HTTP_PORT/$CONTEXT/$PAGE"
if [ "$HTTPS" = 1 ]; then
  curl -sfk "https://127.0.0.1:$HTTPS_PORT/$CONTEXT/health" >/dev/null || die "HTTPS does not answer; see $SERVER_LOG"
  URL="https://localhost:$HTTPS_PORT/$CONTEXT/$PAGE"
fi
echo "ohif-bridge ready: $URL"
echo "ohif-bridge demo login: $LOGIN"
if [ -n "${RESTRICTED_LOGIN:-}" ]; then
  list="$(curl -sf -u "$RESTRICTED_LOGIN" "http://127.0.0.1:$HTTP_PORT/$CONTEXT/")" || list=""
  grep -q "RT ANKLE" <<<"$list" && ! grep -q "BRAIN" <<<"$list" \
    || die "the restricted demo user does not see exactly the JFK Imaging Center's studies; see $SERVER_LOG"
  echo "ohif-bridge demo login (restricted): $RESTRICTED_LOGIN"
fi
echo "ohif-bridge audit trail: $AUDIT_LOG"
wait "$SERVER_PID"
