#!/usr/bin/env bash
# The DICOM JSON data source against Orthanc's own DICOMweb metadata, same Orthanc, same run:
#  A. study document of a 1,000- and a 5,000-instance study (clones of the real MR brain): cold (no 4202),
#     "records only" (4202 present, no assembled document: the plugin's usual case), warm from Orthanc (a WAR
#     that just started), warm from memory; against GET /dicom-web/studies/{uid}/metadata. min/median of
#     BENCH_RUNS (5) runs each, and ratios of the medians;
#  B. bytes on the wire (gzip) for 1,000 instances;
#  C. ingest: 1,000 instances sent with storescu to an Orthanc with preloading on vs one without, alternating,
#     BENCH_RUNS runs each; and how long after the upload every instance has its 4202 entry (BENCH_INGEST=0
#     skips this part).
. "$(dirname "$0")/../scripts/lib.sh"

BENCH="$ROOT/.cache/bench-json"
RUNS="${BENCH_RUNS:-5}"
O_PORT="${BENCH_ORTHANC_PORT:-28142}"          # the Orthanc of part A and B
ON_PORT=$((O_PORT + 10)); OFF_PORT=$((O_PORT + 20))   # part C: with and without preloading
HTTP_PORT="${BENCH_HTTP_PORT:-28180}"
WAR="http://127.0.0.1:$HTTP_PORT"
PIDS=()
TOMCAT_PID=""
cleanup() { stop_pid "$TOMCAT_PID"; for p in "${PIDS[@]}"; do stop_pid "$p"; done; }
on_exit cleanup

install_packages bench
build_shim
prepare_samples
log "preparing the cloned studies (1,000 and 5,000 instances of the real MR brain)"
make_clones "$CACHE/clones-1000" 1 50
make_clones "$CACHE/clones-5000" 1 250
[ -f "$ROOT/target/ohif-bridge.war" ] || (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)

# fresh_orthanc NAME HTTP_PORT: (re)starts an Orthanc with empty storage; sets ORTHANC_PID
fresh_orthanc() {
  local name="$1" port="$2" old="${ORTHANC_PIDS[$1]:-}"
  [ -n "$old" ] && stop_pid "$old"
  rm -rf "$BENCH/$name"
  start_orthanc "$BENCH/$name" "$port" $((port + 1))
  ORTHANC_PIDS[$name]=$ORTHANC_PID
  PIDS+=("$ORTHANC_PID")
}
declare -A ORTHANC_PIDS

send_dicom() { # send_dicom HTTP_PORT DIR: C-STORE every file of DIR in one association
  storescu -aec OHIFBRIDGE -aet BENCH +sd +r +sp "*.dcm" 127.0.0.1 $(($1 + 1)) "$2" >/dev/null 2>&1 \
    || die "storescu to port $(($1 + 1)) failed"
}

if [ -f "$BENCH/main/.loaded" ]; then  # the studies are loaded already (every part clears what it measures)
  start_orthanc "$BENCH/main" "$O_PORT" $((O_PORT + 1)); PIDS+=("$ORTHANC_PID")
else
  fresh_orthanc main "$O_PORT"
  log "loading the 1,000- and 5,000-instance studies into Orthanc (a few minutes, once)"
  send_dicom "$O_PORT" "$CACHE/clones-1000"
  send_dicom "$O_PORT" "$CACHE/clones-5000"
  touch "$BENCH/main/.loaded"
fi
fresh_orthanc on "$ON_PORT"
fresh_orthanc off "$OFF_PORT"

# Tomcat with the WAR three times: cache in memory, no memory cache, and preloading for part C
prepare_tomcat "$BENCH" "$HTTP_PORT"
TC="$TOMCAT_HOME"
rm -rf "$BENCH/data"
context() { # context NAME ORTHANC_PORT PRELOAD CACHE_MB
  cp "$ROOT/target/ohif-bridge.war" "$TC/webapps/$1.war"
  cat >"$TC/conf/Catalina/localhost/$1.xml" <<XML
<Context>
  <Parameter name="ohifbridge.OrthancUrl" value="http://127.0.0.1:$2" override="false"/>
  <Parameter name="ohifbridge.DataSource" value="dicom-json" override="false"/>
  <Parameter name="ohifbridge.SignOn" value="anonymous" override="false"/>
  <Parameter name="ohifbridge.Preload" value="$3" override="false"/>
  <Parameter name="ohifbridge.StudyCacheMegabytes" value="$4" override="false"/>
  <Parameter name="ohifbridge.DataFolder" value="$BENCH/data/$1" override="false"/>
</Context>
XML
}
context json "$O_PORT" false 64
context json-nomem "$O_PORT" false 0
context json-preload "$ON_PORT" true 64
start_tomcat "$BENCH/tomcat.log" "$WAR/json-preload/preload/status" "$WAR/json/health"

O="http://127.0.0.1:$O_PORT"
study_of() { # Orthanc id and StudyInstanceUID of the study a clone folder holds
  local uid; uid=$(dcmdump +P 0020,000d "$(find "$1" -name '*.dcm' | head -1)" | sed 's/.*\[\(.*\)\].*/\1/')
  local id; id=$(curl -sf -X POST "$O/tools/find" -d "{\"Level\":\"Study\",\"Query\":{\"StudyInstanceUID\":\"$uid\"}}" \
    | grep -o '[0-9a-f]\{8\}\(-[0-9a-f]\{8\}\)\{4\}' | head -1)
  echo "$id $uid"
}
seconds() { curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{http_code} %{time_total} %{size_download}\n' "$1"; }
# time_runs LABEL URL [PREPARE]: RUNS timings (after PREPARE each time); prints "min median bytes"
time_runs() {
  local url="$2" prep="${3:-}" out=() code t bytes
  for _ in $(seq 1 "$RUNS"); do
    [ -n "$prep" ] && eval "$prep"
    read -r code t bytes < <(seconds "$url")
    [ "$code" = 200 ] || die "$url answered $code"
    out+=("$t")
  done
  printf '%s\n' "${out[@]}" | sort -g | awk -v b="$bytes" '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f %.3f %d\n", a[1], m, b}'
}
settle() { # waits until the WAR has written back what the last opening computed (its count stops moving)
  local before after
  after=$(curl -sf "$WAR/$1/preload/status" | grep -o '"computed":[0-9]*' | tail -1)
  for _ in $(seq 1 600); do
    sleep 0.5; before="$after"
    after=$(curl -sf "$WAR/$1/preload/status" | grep -o '"computed":[0-9]*' | tail -1)
    [ "$before" = "$after" ] && return 0
  done
}
clear_study_cache() { # clear_study_cache ID [records]: forget the assembled document (and the 4202 records)
  settle json-nomem
  curl -sf -X DELETE "$O/studies/$1/metadata/4203" >/dev/null 2>&1 || true
  if [ "${2:-}" = records ]; then
    for i in $(curl -sf "$O/studies/$1/instances" | grep -o '"ID" : "[0-9a-f-]*"' | grep -o '[0-9a-f]\{8\}\(-[0-9a-f]\{8\}\)\{4\}'); do
      echo "url = \"$O/instances/$i/metadata/4202\""
    done > "$BENCH/delete.curl"
    curl -s -X DELETE -K "$BENCH/delete.curl" >/dev/null 2>&1 || true
  fi
}

printf '\nA. study document vs DICOMweb metadata (seconds, %s runs; gzip accepted)\n' "$RUNS"
printf '%-12s %-38s %8s %8s %10s %9s\n' "study" "what" "min" "median" "bytes" "/DICOMweb"
# the WAR as in production: its code compiled by the JIT (one cold and one warm opening of each study, untimed)
for n in 1000 5000; do
  read -r ID UID_ < <(study_of "$CACHE/clones-$n")
  clear_study_cache "$ID" records; seconds "$WAR/json-nomem/studies/$ID/ohif-dicom-json" >/dev/null
  seconds "$WAR/json-nomem/studies/$ID/ohif-dicom-json" >/dev/null; seconds "$O/dicom-web/studies/$UID_/metadata" >/dev/null
done
for n in 1000 5000; do
  read -r ID UID_ < <(study_of "$CACHE/clones-$n")
  [ -n "$ID" ] || die "study of clones-$n not found"
  read -r dmin dmed dbytes < <(time_runs dw "$O/dicom-web/studies/$UID_/metadata")
  read -r cmin cmed cbytes < <(time_runs cold "$WAR/json-nomem/studies/$ID/ohif-dicom-json" "clear_study_cache $ID records")
  settle json-nomem
  read -r rmin rmed rbytes < <(time_runs records "$WAR/json-nomem/studies/$ID/ohif-dicom-json" "clear_study_cache $ID")
  seconds "$WAR/json-nomem/studies/$ID/ohif-dicom-json" >/dev/null
  read -r wmin wmed wbytes < <(time_runs warm "$WAR/json-nomem/studies/$ID/ohif-dicom-json")
  seconds "$WAR/json/studies/$ID/ohif-dicom-json" >/dev/null
  read -r mmin mmed mbytes < <(time_runs memory "$WAR/json/studies/$ID/ohif-dicom-json")
  row() { printf '%-12s %-38s %8s %8s %10s %9s\n' "$n inst." "$1" "$2" "$3" "$4" "$(awk -v a="$3" -v b="$dmed" 'BEGIN {printf "%.3f", a/b}')"; }
  row "DICOMweb /metadata (Orthanc)" "$dmin" "$dmed" "$dbytes"
  row "WAR cold: no 4202 (goal <= 1.0)" "$cmin" "$cmed" "$cbytes"
  row "WAR 4202 only, no document" "$rmin" "$rmed" "$rbytes"
  row "WAR warm, document in Orthanc (goal <= 0.1)" "$wmin" "$wmed" "$wbytes"
  row "WAR warm, document in memory" "$mmin" "$mmed" "$mbytes"
  [ "$n" = 1000 ] && BYTES_1000="$mbytes" && DW_BYTES_1000="$dbytes"
done

printf '\nB. bytes on the wire for 1,000 instances (gzip): WAR %s (goal <= 102400), DICOMweb metadata %s\n' \
  "$BYTES_1000" "$DW_BYTES_1000"

[ "${BENCH_INGEST:-1}" = 0 ] && exit 0
printf '\nC. ingest of 1,000 instances (storescu, one association), preloading on vs off, %s runs each\n' "$RUNS"
ON=(); OFF=(); COVER=()
for r in $(seq 1 "$RUNS"); do
  fresh_orthanc off "$OFF_PORT"
  t0=$(date +%s.%N); send_dicom "$OFF_PORT" "$CACHE/clones-1000"; t1=$(date +%s.%N)
  OFF+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b-a}')")
  fresh_orthanc on "$ON_PORT"
  # the preloading WAR notices the new Orthanc (its change log starts again) and follows it
  for _ in $(seq 1 300); do
    curl -sf "$WAR/json-preload/preload/status" | grep -q '"state":"up to date"' && break; sleep 0.1
  done
  t0=$(date +%s.%N); send_dicom "$ON_PORT" "$CACHE/clones-1000"; t1=$(date +%s.%N)
  ON+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b-a}')")
  last=$(curl -sf "http://127.0.0.1:$ON_PORT/changes?last" | grep -o '"Last" : [0-9]*' | grep -o '[0-9]*$')
  for _ in $(seq 1 1200); do
    pos=$(curl -sf "$WAR/json-preload/preload/status" | grep -o '"position":[0-9-]*' | grep -o '[0-9-]*$')
    [ -n "$pos" ] && [ "$pos" -ge "$last" ] && break; sleep 0.1
  done
  t2=$(date +%s.%N)
  COVER+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.2f", b-a}')")
  missing=0
  for i in $(curl -sf "http://127.0.0.1:$ON_PORT/instances" | grep -o '[0-9a-f]\{8\}\(-[0-9a-f]\{8\}\)\{4\}'); do
    curl -sf -o /dev/null "http://127.0.0.1:$ON_PORT/instances/$i/metadata/4202" || missing=$((missing + 1))
  done
  printf '  run %s: off %5ss   on %5ss   every 4202 written %5ss after the upload; instances without 4202: %s\n' \
    "$r" "${OFF[-1]}" "${ON[-1]}" "${COVER[-1]}" "$missing"
done
stats() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f %.2f\n", a[1], m}'; }
read -r offmin offmed < <(stats "${OFF[@]}"); read -r onmin onmed < <(stats "${ON[@]}"); read -r cmin cmed < <(stats "${COVER[@]}")
printf '  upload time min/median: off %s/%s s, on %s/%s s; throughput loss (median) %s %% (goal <= 10)\n' \
  "$offmin" "$offmed" "$onmin" "$onmed" "$(awk -v a="$onmed" -v b="$offmed" 'BEGIN {printf "%.1f", 100*(1-b/a)}')"
printf '  every instance had 4202 %s s (min) / %s s (median) after its upload ended\n' "$cmin" "$cmed"
