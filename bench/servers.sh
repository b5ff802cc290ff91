#!/usr/bin/env bash
# The same WAR on Tomcat 10.1 and on WildFly 39 (both from Maven Central, default JVM settings, WildFly set up
# with the wildfly-config/ scripts), and Orthanc direct, in one run, on loopback:
#  1. frame retrieval (WADO-RS, 128 KiB MR frame, as OHIF asks for it): HTTP/1.1 over 6 connections (what a
#     browser opens per origin), plain and over TLS (wrk), and HTTP/2 over TLS on one connection with 6 and
#     with 32 concurrent streams (h2load). Two alternating rounds, averaged; ratios against Orthanc direct.
#  2. time to first image in Chromium (cold browser each visit), MR brain, each server over http (HTTP/1.1)
#     and https (HTTP/2); median of BENCH_RUNS (3) alternating visits.
#  3. the MPR/3D protocol on the CT volume, over HTTP/2 and HTTP/1.1: time until all 64 frames have arrived
#     and until the four viewports are painted, with the plugin's maxNumRequests (100/75/25: the WAR's default
#     over HTTP/1.1) and with the limits raised (200/150/100: the WAR's default over HTTP/2), and two candidates
#     sized to the viewer's Orthanc connections (32/16/16 and 16/8/8) over HTTP/2.
#  4. a burst over HTTP/2 as OHIF makes it with those limits: one connection, 200 concurrent streams of frame
#     requests, against a deployment whose viewer lane has 4 Orthanc connections (OrthancMaxConnections=4):
#     every request must be answered 2xx (queued for a connection, never a 502/503/504), with the latency spread.
# BENCH_SECONDS (default 10) is the length of each load run, BENCH_RUNS (3) the number of browser visits per
# case, BENCH_PARTS (default "1 2 3 4") which parts run.
. "$(dirname "$0")/common.sh"

BENCH="$ROOT/.cache/bench-servers"
ORTHANC_PORT=28042; TC_HTTP=28080; TC_HTTPS=28443; WF_HTTP=28180; WF_HTTPS=28543; WF_MGMT=29990
ORTHANC="http://127.0.0.1:$ORTHANC_PORT"
ORTHANC_PID=""; TOMCAT_PID=""; WILDFLY_PID=""
SECS="${BENCH_SECONDS:-10}"; RUNS="${BENCH_RUNS:-3}"
cleanup() { stop_pid "$TOMCAT_PID"; stop_pid "$WILDFLY_PID"; stop_pid "$ORTHANC_PID"; }
on_exit cleanup

install_packages bench
build_shim
prepare_samples
prepare_volume
[ -f "$ROOT/target/ohif-bridge.war" ] || (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
PW="$ROOT/.cache/bench/pw"
[ -d "$PW/node_modules/playwright-core" ] || (mkdir -p "$PW" && cd "$PW" && npm init -y >/dev/null && npm install --silent playwright-core@1.65.1 >/dev/null)
mkdir -p "$BENCH"
PASS="bench-keystore-secret"
bash "$ROOT/wildfly-config/make-demo-keystore.sh" "$BENCH/keystore.p12" "$PASS" >/dev/null

rm -rf "$BENCH/orthanc"
start_orthanc "$BENCH/orthanc" "$ORTHANC_PORT" $((ORTHANC_PORT + 1))
upload_samples "$ORTHANC"

# the default user part of app-config.js, and a copy with the request limits raised
DEFAULT_JS="$ROOT/src/main/resources/org/ohifbridge/ohif/app-config-user.js"
# limits_copy NAME I T P: a copy of the default user part with maxNumRequests I/T/P, as app-config-NAME.js
limits_copy() {
  sed -e "s/interaction: 100,/interaction: $2,/" -e "s/thumbnail: 75,/thumbnail: $3,/" -e "s/prefetch: 25,/prefetch: $4,/" \
    "$DEFAULT_JS" >"$BENCH/app-config-$1.js"
  cmp -s "$DEFAULT_JS" "$BENCH/app-config-$1.js" && die "could not change maxNumRequests in a copy of $DEFAULT_JS"
  return 0
}
limits_copy raised 200 150 100
limits_copy lane 32 16 16
limits_copy half 16 8 8

# Tomcat: HTTP and HTTPS (HTTP/2) connectors; the WAR three times: as shipped (the embedded user part, whose
# limits the WAR raises by itself over HTTP/2), and with the plugin's limits and the raised ones as files
prepare_tomcat "$BENCH" "$TC_HTTP" "$TC_HTTPS" "$BENCH/keystore.p12" "$PASS"
cp "$ROOT/target/ohif-bridge.war" "$BENCH/ohif-bridge.war"
cp "$DEFAULT_JS" "$BENCH/app-config-plugin.js"
for ctx in ohif-bridge plugin raised lane half narrow; do
  cfg=""
  case "$ctx" in
    ohif-bridge) ;;
    narrow) cfg="<Parameter name=\"ohifbridge.OrthancMaxConnections\" value=\"4\" override=\"false\"/>" ;;
    *) cfg="<Parameter name=\"ohifbridge.UserConfiguration\" value=\"$BENCH/app-config-$ctx.js\" override=\"false\"/>" ;;
  esac
  cat >"$TOMCAT_HOME/conf/Catalina/localhost/$ctx.xml" <<XML
<Context docBase="$BENCH/ohif-bridge.war"><Parameter name="ohifbridge.OrthancUrl" value="$ORTHANC" override="false"/><Parameter name="ohifbridge.SignOn" value="anonymous" override="false"/>$cfg</Context>
XML
done
start_tomcat "$BENCH/tomcat.log" "http://127.0.0.1:$TC_HTTP/ohif-bridge/health" "http://127.0.0.1:$TC_HTTP/plugin/health" \
  "http://127.0.0.1:$TC_HTTP/raised/health" "http://127.0.0.1:$TC_HTTP/lane/health" "http://127.0.0.1:$TC_HTTP/half/health" \
  "http://127.0.0.1:$TC_HTTP/narrow/health"

# WildFly: a fresh standalone.xml, then the admin's scripts
prepare_wildfly "$BENCH"
cp "$WILDFLY_HOME/standalone/configuration/standalone.xml.orig" "$WILDFLY_HOME/standalone/configuration/standalone.xml" 2>/dev/null \
  || cp "$WILDFLY_HOME/standalone/configuration/standalone.xml" "$WILDFLY_HOME/standalone/configuration/standalone.xml.orig"
start_wildfly "$BENCH/wildfly.log" "$WF_HTTP" "$WF_HTTPS" "$WF_MGMT"
cat >"$BENCH/wildfly.properties" <<PROPS
orthanc.url=$ORTHANC
sign.on=anonymous
war.path=$BENCH/ohif-bridge.war
keystore.path=$BENCH/keystore.p12
keystore.password=$PASS
PROPS
for f in settings https deploy; do
  wildfly_cli "$WF_MGMT" --properties="$BENCH/wildfly.properties" --file="$ROOT/wildfly-config/$f.cli"
done
curl -sf "http://127.0.0.1:$WF_HTTP/ohif-bridge/health" >/dev/null || die "WildFly: the WAR does not answer"

# the frame OHIF would ask for first, and the CT volume's study
FRAME="$(brain_frame "$ORTHANC")"
VOLUME_STUDY="$(curl -sf -X POST "$ORTHANC/tools/find" -d '{"Level":"Study","Query":{"PatientID":"CTVOL1"},"Expand":true}' \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].MainDicomTags.StudyInstanceUID))')"
[ -n "$VOLUME_STUDY" ] || die "sample lookup failed"
ACCEPT='accept: multipart/related; type=application/octet-stream; transfer-syntax=*'

# rps TOOL URL: requests/s of one run. HTTP/1.1 with wrk (BENCH_CONNECTIONS=6; it fails on any non-2xx
# answer); HTTP/2 with h2load on one connection, TOOL = h2:N for N concurrent streams. (h2load's HTTP/1.1 mode
# is not used: it does not count Tomcat's status lines, which have no reason phrase.)
rps() {
  local tool="$1" url="$2" out
  if [ "$tool" = h1 ]; then
    BENCH_CONNECTIONS=6 BENCH_SECONDS="$SECS" wrk_run "$url" "$ACCEPT" | awk '{print $1}'
    return
  fi
  out="$(h2load -D "$SECS" --warm-up-time=1 -c 1 -m "${tool#h2:}" -H "$ACCEPT" "$url" 2>&1)" || die "h2load failed: $out"
  grep -Eq 'status codes: [0-9]+ 2xx, 0 3xx, 0 4xx, 0 5xx' <<<"$out" && grep -q ' 0 errored, 0 timeout' <<<"$out" \
    || die "h2load saw errors for $url: $(grep -E '^(requests|status codes):' <<<"$out" | tr '\n' ' ')"
  awk '/^finished in/ {print $4}' <<<"$out"
}
mean() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (a+b)/2}'; }

part() { [[ " ${BENCH_PARTS:-1 2 3 4} " == *" $1 "* ]]; }

if part 1; then
# warm-up of both JVMs
for u in "http://127.0.0.1:$TC_HTTP/ohif-bridge/$FRAME" "http://127.0.0.1:$WF_HTTP/ohif-bridge/$FRAME"; do
  BENCH_CONNECTIONS=4 BENCH_SECONDS=5 wrk_run "$u" "$ACCEPT" >/dev/null
done

declare -A R
CASES=("orthanc|h1 6 conn|h1|$ORTHANC/$FRAME")
for s in "tomcat|$TC_HTTP|$TC_HTTPS" "wildfly|$WF_HTTP|$WF_HTTPS"; do
  IFS='|' read -r name http https <<<"$s"
  CASES+=("$name|h1 6 conn|h1|http://127.0.0.1:$http/ohif-bridge/$FRAME"
          "$name|h1 TLS 6 conn|h1|https://127.0.0.1:$https/ohif-bridge/$FRAME"
          "$name|h2 TLS 1 conn x 6|h2:6|https://127.0.0.1:$https/ohif-bridge/$FRAME"
          "$name|h2 TLS 1 conn x 32|h2:32|https://127.0.0.1:$https/ohif-bridge/$FRAME")
done
for round in 1 2; do
  for c in "${CASES[@]}"; do
    IFS='|' read -r name label tool url <<<"$c"
    R["$name|$label|$round"]="$(rps "$tool" "$url")"
  done
done
printf '\nframe retrieval, 128 KiB MR frame, requests/s (mean of 2 rounds of %s s)\n' "$SECS"
printf '%-8s %-22s %10s %14s\n' server protocol "req/s" "vs Orthanc"
base="$(mean "${R[orthanc|h1 6 conn|1]}" "${R[orthanc|h1 6 conn|2]}")"
for c in "${CASES[@]}"; do
  IFS='|' read -r name label _ _ <<<"$c"
  v="$(mean "${R[$name|$label|1]}" "${R[$name|$label|2]}")"
  printf '%-8s %-22s %10s %14s\n' "$name" "$label" "$v" "$(ratio "$v" "$base")"
done
for label in "h1 6 conn" "h1 TLS 6 conn" "h2 TLS 1 conn x 6" "h2 TLS 1 conn x 32"; do
  t="$(mean "${R[tomcat|$label|1]}" "${R[tomcat|$label|2]}")"; w="$(mean "${R[wildfly|$label|1]}" "${R[wildfly|$label|2]}")"
  printf 'WildFly / Tomcat, %-20s %s\n' "$label:" "$(ratio "$w" "$t")"
done

fi

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
visit() { NODE_PATH="$PW/node_modules" node "$ROOT/bench/ttfi.js" "$@" | awk '{print $2}'; }
if part 2; then
printf '\ntime to first image in Chromium, MR brain, cold browser, median of %s (ms)\n' "$RUNS"
declare -A T
TARGETS=("tomcat http/1.1|http://127.0.0.1:$TC_HTTP" "tomcat h2|https://127.0.0.1:$TC_HTTPS"
         "wildfly http/1.1|http://127.0.0.1:$WF_HTTP" "wildfly h2|https://127.0.0.1:$WF_HTTPS")
for _ in $(seq 1 "$RUNS"); do
  for t in "${TARGETS[@]}"; do
    IFS='|' read -r label base <<<"$t"
    T["$label"]+="$(visit image "$base/ohif-bridge/ohif/viewer?StudyInstanceUIDs=$BRAIN") "
  done
done
for t in "${TARGETS[@]}"; do
  IFS='|' read -r label _ <<<"$t"
  printf '%-18s %8s   (%s)\n' "$label" "$(tr ' ' '\n' <<<"${T[$label]}" | grep . | median)" "${T[$label]% }"
done

fi

if part 3; then
printf '\nMPR/3D on the 64-slice CT volume (Tomcat, 900x650 window), median of %s (ms from navigation start)\n' "$RUNS"
printf '%-44s %14s %14s\n' "" "frames in" "4 viewports"
declare -A V
VARIANTS=("h2, maxNumRequests 100/75/25 (plugin)|https://127.0.0.1:$TC_HTTPS/plugin"
          "h2, maxNumRequests 200/150/100|https://127.0.0.1:$TC_HTTPS/raised"
          "h2, maxNumRequests 32/16/16|https://127.0.0.1:$TC_HTTPS/lane"
          "h2, maxNumRequests 16/8/8|https://127.0.0.1:$TC_HTTPS/half"
          "http/1.1, maxNumRequests 100/75/25 (plugin)|http://127.0.0.1:$TC_HTTP/plugin"
          "http/1.1, maxNumRequests 200/150/100|http://127.0.0.1:$TC_HTTP/raised")
for _ in $(seq 1 "$RUNS"); do
  for v in "${VARIANTS[@]}"; do
    IFS='|' read -r label base <<<"$v"
    read -r _ frames _ painted _ < <(NODE_PATH="$PW/node_modules" node "$ROOT/bench/ttfi.js" volume \
      "$base/ohif/viewer?StudyInstanceUIDs=$VOLUME_STUDY&hangingprotocolId=mprAnd3DVolumeViewport")
    V["$label|f"]+="$frames "; V["$label|p"]+="$painted "
  done
done
for v in "${VARIANTS[@]}"; do
  IFS='|' read -r label _ <<<"$v"
  printf '%-44s %14s %14s   (%s / %s)\n' "$label" "$(tr ' ' '\n' <<<"${V[$label|f]}" | grep . | median)" \
    "$(tr ' ' '\n' <<<"${V[$label|p]}" | grep . | median)" "${V[$label|f]% }" "${V[$label|p]% }"
done
fi

if part 4; then
printf '\nHTTP/2 burst: 1 connection x 200 streams of frame requests for %s s, Tomcat, viewer lane of 4 Orthanc connections\n' "$SECS"
out="$(h2load -D "$SECS" --warm-up-time=1 -c 1 -m 200 -H "$ACCEPT" "https://127.0.0.1:$TC_HTTPS/narrow/$FRAME" 2>&1)" \
  || die "h2load failed: $out"
grep -E '^(finished in|requests:|status codes:|time for request:)' <<<"$out" | sed 's/^/  /'
grep -Eq 'status codes: [0-9]+ 2xx, 0 3xx, 0 4xx, 0 5xx' <<<"$out" && grep -q ' 0 errored, 0 timeout' <<<"$out" \
  && echo "  every request answered 2xx: queued for a connection, none refused" \
  || echo "  GOAL MISSED: some requests were not answered 2xx"
fi
