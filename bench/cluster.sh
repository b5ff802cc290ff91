#!/usr/bin/env bash
# Scale-out, measured side by side in one run (a benchmark: it asserts nothing). Everything private on loopback:
# PostgreSQL (Orthanc's index and the WAR's state), two Orthancs on it, two Tomcat nodes with the WAR (DICOM JSON,
# sign-on off, state in the database), and two HAProxys: one over node 1 only, one over both.
#  1. throughput through the load balancer, one replica vs two: warm study documents (gzip) and frames, wrk with
#     BENCH_CONNECTIONS (32) connections for BENCH_SECONDS (10) s, two alternating rounds averaged. On a 2-core
#     machine both nodes, both Orthancs and wrk share the same cores: the ratio says what a second replica adds
#     there, not on two machines.
#  2. what the database costs the preload: the 200 cloned slices ingested (then deleted) in alternating rounds,
#     once with the preload on a node that keeps its position in the database (the lease holder), once on a node
#     that keeps it in a file; time from the end of the upload until every instance has its metadata 4202.
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_ROUNDS (2). Logs: .cache/bench-cluster/.
. "$(dirname "$0")/../scripts/lib.sh"

BENCH="$ROOT/.cache/bench-cluster"
SECS="${BENCH_SECONDS:-10}"; CONNS="${BENCH_CONNECTIONS:-32}"; ROUNDS="${BENCH_ROUNDS:-2}"
PG_PORT=28432; O_PORTS=(28342 28344); N_PORTS=(28381 28382 28383); LB1=28390; LB2=28391
PIDS=(); NODE_PIDS=("" "" "")
cleanup() {
  local i
  for p in "${NODE_PIDS[@]}"; do stop_pid "$p"; done
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
}
on_exit cleanup

install_packages cluster
build_shim
prepare_samples
make_clones "$CACHE/clones-200" 10 1
[ -f "$ROOT/target/ohif-bridge.war" ] || (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
rm -rf "$BENCH" && mkdir -p "$BENCH"
start_postgres "$BENCH/postgres" "$PG_PORT"; PIDS+=("$PG_PID")
for i in 0 1; do
  start_orthanc_pg "$BENCH/orthanc-$i" "${O_PORTS[$i]}" $((O_PORTS[i] + 1)) "$BENCH/storage" "$BENCH/postgres" "$PG_PORT"
  PIDS+=("$ORTHANC_PID")
done
upload_samples "http://127.0.0.1:${O_PORTS[0]}"

prepare_tomcat "$BENCH" "${N_PORTS[0]}"
# node N (1, 2: database; 3: file) on Orthanc ((N-1) % 2); started by start_node N, stopped by stop_node N
for n in 1 2 3; do
  base="$BENCH/node-$n"
  tomcat_node "$base" "${N_PORTS[$((n - 1))]}" $((28400 + n)) "$((28400 + n))"
  db=""
  [ "$n" != 3 ] && db="<Parameter name=\"ohifbridge.DatabaseUrl\" value=\"jdbc:postgresql://127.0.0.1:$PG_PORT/bridge\" override=\"false\"/>
  <Parameter name=\"ohifbridge.DatabaseUser\" value=\"bridge\" override=\"false\"/>
  <Parameter name=\"ohifbridge.DatabasePasswordFile\" value=\"$BENCH/postgres/bridge.password\" override=\"false\"/>"
  cat >"$base/conf/Catalina/localhost/ohif-bridge.xml" <<XML
<Context docBase="$ROOT/target/ohif-bridge.war">
  <Parameter name="ohifbridge.OrthancUrl" value="http://127.0.0.1:${O_PORTS[$(((n - 1) % 2))]}" override="false"/>
  <Parameter name="ohifbridge.DataSource" value="dicom-json" override="false"/>
  <Parameter name="ohifbridge.SignOn" value="anonymous" override="false"/>
  <Parameter name="ohifbridge.DataFolder" value="$base/data" override="false"/>
  $db
</Context>
XML
done
start_node() {
  start_tomcat_node "$BENCH/node-$1" "$BENCH/node-$1/tomcat.log" "http://127.0.0.1:${N_PORTS[$(($1 - 1))]}/ohif-bridge/health/live"
  NODE_PIDS[$(($1 - 1))]="$TOMCAT_PID"
}
stop_node() { stop_pid "${NODE_PIDS[$(($1 - 1))]}"; NODE_PIDS[$(($1 - 1))]=""; }
start_node 1; start_node 2
start_haproxy "$BENCH/lb1" "$LB1" ohif-bridge "127.0.0.1:${N_PORTS[0]}"; PIDS+=("$HAPROXY_PID")
start_haproxy "$BENCH/lb2" "$LB2" ohif-bridge "127.0.0.1:${N_PORTS[0]}" "127.0.0.1:${N_PORTS[1]}"; PIDS+=("$HAPROXY_PID")
sleep 3 # two health checks each

O1="http://127.0.0.1:${O_PORTS[0]}"
STUDY="$(curl -sf -X POST "$O1/tools/find" -d '{"Level":"Study","Query":{"PatientID":"*"},"Expand":false}' | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')"
FRAME="$(curl -sf "$O1/instances?since=0&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')"
JSON_PATH="studies/$STUDY/ohif-dicom-json"
FILE_PATH="instances/$FRAME/file"
for lb in $LB1 $LB2; do  # warm: every node builds or reads the document once
  for _ in 1 2 3 4; do curl -sf -H 'Accept-Encoding: gzip' "http://127.0.0.1:$lb/ohif-bridge/$JSON_PATH" >/dev/null; done
done
rps() { BENCH_SECONDS="$SECS" BENCH_CONNECTIONS="$CONNS" wrk_rps "$@"; }
declare -A R
for round in $(seq 1 "$ROUNDS"); do
  for lb in $LB1 $LB2; do
    R["json|$lb|$round"]="$(rps "http://127.0.0.1:$lb/ohif-bridge/$JSON_PATH" 'Accept-Encoding: gzip')"
    R["file|$lb|$round"]="$(rps "http://127.0.0.1:$lb/ohif-bridge/$FILE_PATH")"
  done
done
printf '\n1. through HAProxy, requests/s (mean of %s rounds of %s s, %s connections)\n' "$ROUNDS" "$SECS" "$CONNS"
printf '%-34s %12s %12s %14s\n' "" "1 replica" "2 replicas" "2 / 1"
for kind in json file; do
  one=(); two=()
  for round in $(seq 1 "$ROUNDS"); do one+=("${R[$kind|$LB1|$round]}"); two+=("${R[$kind|$LB2|$round]}"); done
  a="$(mean "${one[@]}")"; b="$(mean "${two[@]}")"
  label="warm study document (gzip)"; [ "$kind" = file ] && label="instance file (MR slice)"
  printf '%-34s %12s %12s %14s\n' "$label" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", b/a}')"
done

# 2. the preload's position in the database vs in a file
stop_node 2
covered_after_upload() { # prints ms from the end of the upload until all have 4202
  local ids=() f t0 missing
  while IFS= read -r -d '' f; do
    ids+=("$(curl -sf -X POST --data-binary @"$f" -H 'Content-Type: application/dicom' "$O1/instances" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ID"])')")
  done < <(find "$CACHE/clones-200" -name '*.dcm' -print0 | sort -z)
  t0=$(date +%s%N)
  for _ in $(seq 1 1200); do
    missing=0
    for id in "${ids[@]}"; do
      curl -sf -o /dev/null "$O1/instances/$id/metadata/4202" || { missing=1; break; }
    done
    [ $missing = 0 ] && break
    sleep 0.1
  done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  for id in "${ids[@]}"; do curl -sf -X DELETE "$O1/instances/$id" >/dev/null; done
}
# waits until node N's preload runs and has read the change log to its end
following() {
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:${N_PORTS[$(($1 - 1))]}/ohif-bridge/preload/status" | grep -q '"state":"up to date"' && return 0
    sleep 0.5
  done
  die "node $1's preload does not follow the change log; see $BENCH/node-$1/tomcat.log"
}
declare -a DBT FT
for round in $(seq 1 "$ROUNDS"); do
  # node 1 holds the lease (node 2 is stopped): the database mode
  following 1
  DBT+=("$(covered_after_upload)")
  stop_node 1; start_node 3
  following 3
  FT+=("$(covered_after_upload)")
  stop_node 3; start_node 1
done
printf '\n2. preload of 200 new instances: ms from the end of the upload until all have 4202 (%s rounds)\n' "$ROUNDS"
printf '%-34s %12s   (%s)\n' "position in the database" "$(mean "${DBT[@]}")" "${DBT[*]}"
printf '%-34s %12s   (%s)\n' "position in a file" "$(mean "${FT[@]}")" "${FT[*]}"
printf '%-34s %12s\n' "database / file" "$(awk -v a="$(mean "${DBT[@]}")" -v b="$(mean "${FT[@]}")" 'BEGIN {printf "%.2f", a/b}')"
