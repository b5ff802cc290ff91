#!/usr/bin/env bash
# Access rules, measured side by side in one run (a benchmark: it asserts nothing). One Orthanc with the samples and
# the 10 cloned studies, one Tomcat holding the WAR twice, both with SignOn=container and the same user:
#   /open-access   no StudyRulesFile: every study, one search of Orthanc per study search;
#   /three-rules   three rules for the user's three roles (StudyDescription with an A, a B, a C): three searches of
#                  Orthanc per study search, merged, checked and paged in the WAR.
# OHIF's study list query (limit=101, its include fields) with wrk, BENCH_CONNECTIONS (8) connections for
# BENCH_SECONDS (10) s, alternating rounds (BENCH_ROUNDS, 3); then one study's metadata (a route that looks the study
# up in Orthanc's index, kept 10 s). Prints requests/s and the ratio. Logs: .cache/bench-access/.
. "$(dirname "$0")/../scripts/lib.sh"

BENCH="$ROOT/.cache/bench-access"
SECS="${BENCH_SECONDS:-10}"; CONNS="${BENCH_CONNECTIONS:-8}"; ROUNDS="${BENCH_ROUNDS:-3}"
O_PORT=28542; HTTP=28580
ORTHANC_PID=""; TOMCAT_PID=""
cleanup() { stop_pid "$TOMCAT_PID"; stop_pid "$ORTHANC_PID"; }
on_exit cleanup

install_packages bench
build_shim
prepare_samples
make_clones "$CACHE/clones-200" 10 1
[ -f "$ROOT/target/ohif-bridge.war" ] || (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
rm -rf "$BENCH" && mkdir -p "$BENCH"
start_orthanc "$BENCH/orthanc" "$O_PORT" $((O_PORT + 1))
ORTHANC="http://127.0.0.1:$O_PORT"
upload_samples "$ORTHANC"
find "$CACHE/clones-200" -name '*.dcm' -print0 | xargs -0 -n 20 -P 2 sh -c \
  'for f; do curl -sf -X POST --data-binary @"$f" "$0/instances" >/dev/null; done' "$ORTHANC"

prepare_tomcat "$BENCH" "$HTTP"
PASS="$BENCH/bench.password"; (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PASS")
(umask 077 && cat >"$TOMCAT_HOME/conf/tomcat-users.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
  <user username="bench" password="$(cat "$PASS")" roles="ohif-viewer,rule-1,rule-2,rule-3"/>
</tomcat-users>
XML
)
cat >"$BENCH/rules.json" <<'JSON'
{"rules": [
  {"name": "descriptions with an A", "role": "rule-1", "studies": {"StudyDescription": "*A*"}},
  {"name": "descriptions with a B", "role": "rule-2", "studies": {"StudyDescription": "*B*"}},
  {"name": "descriptions with a C", "role": "rule-3", "studies": {"StudyDescription": "*C*"}}]}
JSON
for ctx in open-access three-rules; do
  rules=""
  [ "$ctx" = three-rules ] && rules="<Parameter name=\"ohifbridge.StudyRulesFile\" value=\"$BENCH/rules.json\" override=\"false\"/>"
  cat >"$TOMCAT_HOME/conf/Catalina/localhost/$ctx.xml" <<XML
<Context docBase="$ROOT/target/ohif-bridge.war">
  <Parameter name="ohifbridge.OrthancUrl" value="$ORTHANC" override="false"/>
  <Parameter name="ohifbridge.SignOn" value="container" override="false"/>
  <Parameter name="ohifbridge.DataFolder" value="$BENCH/data-$ctx" override="false"/>
  $rules
</Context>
XML
done
AUTH="Authorization: Basic $(printf 'bench:%s' "$(cat "$PASS")" | base64 -w0)"
start_tomcat "$BENCH/tomcat.log"
for _ in $(seq 1 600); do
  curl -sf -H "$AUTH" "http://127.0.0.1:$HTTP/three-rules/health" >/dev/null 2>&1 \
    && curl -sf -H "$AUTH" "http://127.0.0.1:$HTTP/open-access/health" >/dev/null 2>&1 && break
  sleep 0.2
done

QUERY="dicom-web/studies?limit=101&offset=0&fuzzymatching=false&includefield=00081030%2C00080060"
n_open="$(curl -sf -H "$AUTH" "http://127.0.0.1:$HTTP/open-access/$QUERY" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
n_rules="$(curl -sf -H "$AUTH" "http://127.0.0.1:$HTTP/three-rules/$QUERY" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
BRAIN=0.0.0.0.2.8811.20010413115754.12432
META="dicom-web/studies/$BRAIN/series"
rps() { BENCH_SECONDS="$SECS" BENCH_CONNECTIONS="$CONNS" wrk_rps "$1" "$AUTH" 'Accept: application/dicom+json'; }
declare -A R
for round in $(seq 1 "$ROUNDS"); do
  for ctx in open-access three-rules; do
    R["qido|$ctx|$round"]="$(rps "http://127.0.0.1:$HTTP/$ctx/$QUERY")"
    R["series|$ctx|$round"]="$(rps "http://127.0.0.1:$HTTP/$ctx/$META")"
  done
done
printf '\nrequests/s (mean of %s rounds of %s s, %s connections); %s studies in Orthanc, %s of them open to the\n' \
  "$ROUNDS" "$SECS" "$CONNS" "$n_open" "$n_rules"
printf 'user with the three rules (overlapping: one study may match several)\n'
printf '%-44s %12s %12s %10s\n' "" "no rules" "3 rules" "3 / none"
for kind in qido series; do
  a=(); b=()
  for round in $(seq 1 "$ROUNDS"); do a+=("${R[$kind|open-access|$round]}"); b+=("${R[$kind|three-rules|$round]}"); done
  x="$(mean "${a[@]}")"; y="$(mean "${b[@]}")"
  label="study search (OHIF's study list query)"; [ "$kind" = series ] && label="series of one study (study looked up)"
  printf '%-44s %12s %12s %10s\n' "$label" "$x" "$y" "$(awk -v a="$x" -v b="$y" 'BEGIN {printf "%.2f", b/a}')"
done
