# shellcheck shell=bash
# Shared by the benchmarks: one Orthanc with the samples and one Tomcat holding both the WAR (/ohif-bridge)
# and, for comparison, the same patched OHIF files as a plain webapp served by Tomcat's DefaultServlet
# (/static). Everything on loopback, started here and stopped by PID on exit.
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

BENCH="$ROOT/.cache/bench"
B_ORTHANC_PORT="${BENCH_ORTHANC_PORT:-28042}"
B_HTTP_PORT="${BENCH_HTTP_PORT:-28080}"
WAR_BASE="http://127.0.0.1:$B_HTTP_PORT/ohif-bridge/"
STATIC_BASE="http://127.0.0.1:$B_HTTP_PORT/static/"
ORTHANC_URL="http://127.0.0.1:$B_ORTHANC_PORT"
ORTHANC_PID=""
TOMCAT_PID=""

bench_cleanup() {
  stop_pid "$TOMCAT_PID"
  stop_pid "$ORTHANC_PID"
}

bench_setup() {
  on_exit bench_cleanup
  install_packages bench
  build_shim
  prepare_samples
  [ -f "$ROOT/target/ohif-bridge.war" ] || (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
  rm -rf "$BENCH/orthanc"
  start_orthanc "$BENCH/orthanc" "$B_ORTHANC_PORT" $((B_ORTHANC_PORT + 1))
  upload_samples "$ORTHANC_URL"

  TOMCAT_APP_WRITE_BUF="${BENCH_APP_WRITE_BUF:-262144}" prepare_tomcat "$BENCH" "$B_HTTP_PORT"
  local tc="$TOMCAT_HOME"
  cp "$ROOT/target/ohif-bridge.war" "$tc/webapps/ohif-bridge.war"
  cat >"$tc/conf/Catalina/localhost/ohif-bridge.xml" <<XML
<!-- benches measure serving, not sign-on: the WAR runs open on loopback -->
<Context><Parameter name="ohifbridge.OrthancUrl" value="$ORTHANC_URL" override="false"/><Parameter name="ohifbridge.SignOn" value="anonymous" override="false"/></Context>
XML
  # the same patched files as a plain webapp; its two pages filled in for /static/ once
  cp -r "$ROOT/target/ohif-npm/dist-patched" "$tc/webapps/static"
  sed -i 's#{{BASE_ATTR}}#/static/#g; s#{{BASE_JS}}#/static/#g' "$tc/webapps/static/index.html"
  start_tomcat "$BENCH/tomcat.log" "${WAR_BASE}health" "$STATIC_BASE"
  curl -sf "${WAR_BASE}ohif/app-config.js" | sed "s#/ohif-bridge/ohif/#/static/#g" >"$tc/webapps/static/app-config.js"
}

# wrk_run URL [header]: prints "requests/s p50_ms bytes_per_request" for one run of BENCH_SECONDS (10) with
# BENCH_CONNECTIONS (16) connections on 2 threads
wrk_run() {
  local url="$1" hdr="${2:-}" out c="${BENCH_CONNECTIONS:-16}"
  local t=2; [ "$c" -lt 2 ] && t=1
  if [ -n "$hdr" ]; then out="$(wrk -t$t -c"$c" -d"${BENCH_SECONDS:-10}"s --latency -H "$hdr" "$url")"
  else out="$(wrk -t$t -c"$c" -d"${BENCH_SECONDS:-10}"s --latency "$url")"; fi
  local rps p50 bytes reqs
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")"
  reqs="$(awk '/requests in/ {print $1}' <<<"$out")"
  bytes="$(awk '/requests in/ {v=$5; sub(/,/,"",v); m=1; if (v ~ /KB$/) m=1024; if (v ~ /MB$/) m=1048576; if (v ~ /GB$/) m=1073741824; sub(/[KMG]?B$/,"",v); print v*m}' <<<"$out")"
  grep -q 'Non-2xx' <<<"$out" && die "non-2xx answers from $url"
  echo "$rps $p50 $(awk -v b="$bytes" -v r="$reqs" 'BEGIN {printf "%.0f", b/r}')"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }

# first_value TAG: the first value of a DICOM JSON tag in the first object of a DICOMweb answer on stdin
first_value() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0][process.argv[1]].Value[0]))' "$1"; }

# brain_frame ORTHANC_URL: the WADO-RS path (no leading slash) of the MR brain's first frame, 256x256x16 bits
BRAIN=0.0.0.0.2.8811.20010413115754.12432
brain_frame() {
  local series sop
  series="$(curl -sf "$1/dicom-web/studies/$BRAIN/series" | first_value 0020000E)"
  sop="$(curl -sf "$1/dicom-web/studies/$BRAIN/series/$series/instances" | first_value 00080018)"
  [ -n "$sop" ] || die "the MR brain is not in the Orthanc at $1"
  echo "dicom-web/studies/$BRAIN/series/$series/instances/$sop/frames/1"
}
