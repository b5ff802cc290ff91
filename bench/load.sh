#!/usr/bin/env bash
# Load: the WAR on Tomcat 10.1 (-Xmx512m; DICOM JSON data source; sign-on off, as in the other benches) under
# CLIENTS (64) concurrent clients for DURATION (60) s, mixing what OHIF asks for: warm study documents
# (ohif-dicom-json, gzip), frames (WADO-RS, as stored), files (instances/{id}/file), QIDO (studies?limit=25 and
# a study's series) and OHIF's own files (index.html, the app bundle). Not a test: it asserts nothing.
#  phase 1  steady load;
#  phase 2  the same load with Orthanc frozen (SIGSTOP) for LOAD_STOP (10) s in the middle, then SIGCONT: the
#           requests are split into those answered before the freeze, those that overlapped it, and those sent
#           after Orthanc came back.
# Each client is one wrk connection (and one wrk thread, so that bench/load.lua can time each request) playing
# one route family: json 1/8 of the clients, frames 3/8, files 1/8, QIDO 1/8, OHIF files 2/8; a request picks
# one URL of its family at random. Reported per window and family: requests, answers by status, socket errors,
# answers slower than LOAD_TIMEOUT (10) s (what wrk calls timeouts), p50/p99 latency, answers per second; and
# for the server (after a forced GC): heap used, RSS, threads. The goals are printed beside the results.
#   DURATION=10 CLIENTS=16 bench/load.sh      # a quick try (phase 2 lasts at least LOAD_STOP + 10 s)
# Environment: DURATION (60), CLIENTS (64, at least 5), LOAD_STOP (10), LOAD_TIMEOUT (10), LOAD_WARMUP (10 s of
# the same load first, not reported), BENCH_ORTHANC_PORT (28242, and the next one for DICOM), BENCH_HTTP_PORT
# (28280). Logs, wrk's own output and every request: .cache/bench-load/.
. "$(dirname "$0")/../scripts/lib.sh"

BENCH="$ROOT/.cache/bench-load"
DURATION="${DURATION:-60}"
CLIENTS="${CLIENTS:-64}"
STOP="${LOAD_STOP:-10}"
TIMEOUT="${LOAD_TIMEOUT:-10}"
WARMUP="${LOAD_WARMUP:-10}"
O_PORT="${BENCH_ORTHANC_PORT:-28242}"   # not the other benches' ports: this one can run beside them
HTTP_PORT="${BENCH_HTTP_PORT:-28280}"
for v in DURATION CLIENTS STOP TIMEOUT WARMUP; do
  [[ "${!v}" =~ ^[0-9]+$ ]] && [ "${!v}" -gt 0 ] || die "$v must be a positive whole number (seconds or clients)"
done
[ "$CLIENTS" -ge 5 ] || die "CLIENTS must be at least 5 (one per route family)"
ORTHANC="http://127.0.0.1:$O_PORT"
WAR="http://127.0.0.1:$HTTP_PORT/ohif-bridge/"
ORTHANC_PID=""; TOMCAT_PID=""; WRK_PID=""

# stops what this script started, by PID; a frozen Orthanc gets SIGCONT first, else it could not act on SIGTERM
cleanup() {
  if [ -n "$WRK_PID" ]; then kill "$WRK_PID" 2>/dev/null || true; fi
  if [ -n "$ORTHANC_PID" ]; then kill -CONT "$ORTHANC_PID" 2>/dev/null || true; fi
  stop_pid "$TOMCAT_PID"
  stop_pid "$ORTHANC_PID"
}
on_exit cleanup

install_packages bench
# jcmd (heap after GC) comes with a JDK; the build needs one anyway, but a JRE may be what runs `java`
if ! command -v jcmd >/dev/null; then
  log "installing openjdk-17-jdk-headless (for jcmd)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless >/dev/null
fi
build_shim
prepare_samples
[ -f "$ROOT/target/ohif-bridge.war" ] || (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
mkdir -p "$BENCH"
rm -rf "$BENCH/orthanc" "$BENCH/data" "$BENCH"/*.rows "$BENCH"/*.wrk "$BENCH"/gc.log*
start_orthanc "$BENCH/orthanc" "$O_PORT" $((O_PORT + 1))
upload_samples "$ORTHANC"

# Tomcat with the WAR as the other benches set it up (open on loopback), with the DICOM JSON data source
prepare_tomcat "$BENCH" "$HTTP_PORT"
cp "$ROOT/target/ohif-bridge.war" "$TOMCAT_HOME/webapps/ohif-bridge.war"
cat >"$TOMCAT_HOME/conf/Catalina/localhost/ohif-bridge.xml" <<XML
<!-- benches measure serving, not sign-on: the WAR runs open on loopback -->
<Context>
  <Parameter name="ohifbridge.OrthancUrl" value="$ORTHANC" override="false"/>
  <Parameter name="ohifbridge.DataSource" value="dicom-json" override="false"/>
  <Parameter name="ohifbridge.SignOn" value="anonymous" override="false"/>
  <Parameter name="ohifbridge.DataFolder" value="$BENCH/data" override="false"/>
</Context>
XML
# a small heap, as a modest server would give it; one GC line per collection, to look at afterwards
export CATALINA_OPTS="-Xmx512m -Xlog:gc:file=$BENCH/gc.log:uptime"
start_tomcat "$BENCH/tomcat.log" "${WAR}health"
[ "$(cat "/proc/$TOMCAT_PID/comm" 2>/dev/null)" = java ] || die "pid $TOMCAT_PID is not Tomcat's JVM"

# the URL lists, one file per route family: a path, then its headers, tab-separated (read by bench/load.lua)
APP_JS="$(curl -sf "${WAR}ohif/index.html" | grep -o 'app\.bundle\.[0-9a-f]*\.js' | head -1)"
[ -n "$APP_JS" ] || die "the WAR's index.html names no app bundle"
rm -rf "$BENCH/urls" && mkdir -p "$BENCH/urls"
python3 - "$ORTHANC" "/ohif-bridge/" "$APP_JS" "$BENCH/urls" <<'PY'
import json, sys, urllib.request
orthanc, ctx, app_js, out = sys.argv[1:]
get = lambda path: json.load(urllib.request.urlopen(orthanc + path))
studies = {s["ID"]: s["MainDicomTags"]["StudyInstanceUID"] for s in get("/studies?expand")}
series = {s["ID"]: (studies[s["ParentStudy"]], s["MainDicomTags"]["SeriesInstanceUID"]) for s in get("/series?expand")}
instances = get("/instances?expand")
frame = "Accept: multipart/related; type=application/octet-stream; transfer-syntax=*"   # as OHIF asks
lists = {
    "json": [f"{ctx}studies/{i}/ohif-dicom-json\tAccept-Encoding: gzip" for i in studies],
    "frames": [f"{ctx}dicom-web/studies/{series[i['ParentSeries']][0]}/series/{series[i['ParentSeries']][1]}"
               f"/instances/{i['MainDicomTags']['SOPInstanceUID']}/frames/1\t{frame}" for i in instances],
    "files": [f"{ctx}instances/{i['ID']}/file" for i in instances],
    # as many study searches as series searches: half of the QIDO requests each
    "qido": [f"{ctx}dicom-web/studies/{uid}/series\tAccept: application/dicom+json" for uid in studies.values()]
            + [f"{ctx}dicom-web/studies?limit=25\tAccept: application/dicom+json"] * len(studies),
    "assets": [f"{ctx}ohif/index.html\tAccept-Encoding: gzip", f"{ctx}ohif/{app_js}\tAccept-Encoding: gzip"],
}
for name, urls in lists.items():
    with open(f"{out}/{name}.txt", "w") as f:
        f.write("".join(u + "\n" for u in urls))
print(f"{len(studies)} studies, {len(instances)} instances", file=sys.stderr)
PY

# every URL answers 2xx once before the load; the study documents are computed here, so that the load sees
# them warm (the first opening of a study reads all its instances from Orthanc)
for f in "$BENCH"/urls/*.txt; do
  while IFS=$'\t' read -r path h1 _; do
    code=""
    for _ in $(seq 1 60); do
      code="$(curl -s -o /dev/null -w '%{http_code}' ${h1:+-H "$h1"} "http://127.0.0.1:$HTTP_PORT$path")"
      [[ "$code" == 2* ]] && break; sleep 1
    done
    [[ "$code" == 2* ]] || die "$path answered $code; see $BENCH/tomcat.log"
  done <"$f"
done

# the families of the CLIENTS connections, in wrk's thread order: shares of 8, at least one each, the rest to frames
FAMILIES="$(awk -v n="$CLIENTS" 'BEGIN {
  split("json frames files qido assets", f, " "); split("1 3 1 1 2", w, " "); left = n
  for (i = 1; i <= 5; i++) { c[i] = int(n * w[i] / 8); if (c[i] < 1) c[i] = 1; left -= c[i] }
  c[2] += left
  for (i = 1; i <= 5; i++) for (k = 0; k < c[i]; k++) printf "%s ", f[i] }')"

now_ms() { date +%s%3N; }
# load NAME SECONDS: the mix for SECONDS in the background (WRK_PID); every request ends up in NAME.rows
load() {
  LOAD_FAMILIES="$FAMILIES" LOAD_URLS="$BENCH/urls" LOAD_LOG="$BENCH/$1.rows" \
    wrk -t"$CLIENTS" -c"$CLIENTS" -d"$2s" --timeout "${TIMEOUT}s" -s "$ROOT/bench/load.lua" \
    "http://127.0.0.1:$HTTP_PORT/" >"$BENCH/$1.wrk" 2>&1 &
  WRK_PID=$!
}
finish() { # finish NAME: waits for the run and checks that it left its requests
  wait "$WRK_PID" || die "wrk failed; see $BENCH/$1.wrk"
  WRK_PID=""
  [ -s "$BENCH/$1.rows" ] || die "wrk recorded no requests; see $BENCH/$1.wrk"
}
# server LABEL: heap used after a forced full GC, RSS and threads of Tomcat's JVM, appended to server.txt
server() {
  jcmd "$TOMCAT_PID" GC.run >/dev/null || die "jcmd cannot attach to pid $TOMCAT_PID"
  local heap rss threads
  # the heap's "used" figures (one for G1, one per generation for the other collectors), not the metaspace's
  heap="$(jcmd "$TOMCAT_PID" GC.heap_info | awk '/Metaspace|class space/ {next}
    match($0, /used [0-9]+K/) {s += substr($0, RSTART + 5, RLENGTH - 6)} END {print s + 0}')"
  rss="$(ps -o rss= -p "$TOMCAT_PID" | tr -d ' ')"
  threads="$(awk '/^Threads:/ {print $2}' "/proc/$TOMCAT_PID/status")"
  printf '%s\t%s\t%s\t%s\n' "$1" "$heap" "$rss" "$threads" >>"$BENCH/server.txt"
}
: >"$BENCH/server.txt"

log "warm-up: $WARMUP s, $CLIENTS clients ($FAMILIES)"
load warmup "$WARMUP"; finish warmup
server "after warm-up"

log "phase 1: steady load, $DURATION s"
load steady "$DURATION"; finish steady
server "after phase 1"

# phase 2: the freeze in the middle, and at least 5 s of load on either side of it
LEN=$(( DURATION > STOP + 10 ? DURATION : STOP + 10 ))
BEFORE=$(( (LEN - STOP) / 2 ))
log "phase 2: $LEN s of the same load, Orthanc stopped (SIGSTOP) from second $BEFORE for $STOP s"
load outage "$LEN"
sleep "$BEFORE"
kill -STOP "$ORTHANC_PID"; STOP_MS="$(now_ms)"
sleep "$STOP"
kill -CONT "$ORTHANC_PID"; CONT_MS="$(now_ms)"
finish outage
server "after phase 2"

# the report: per window and family, then the compact table and the goals
python3 - "$BENCH" "$STOP_MS" "$CONT_MS" "$TIMEOUT" "$CLIENTS" "$FAMILIES" <<'PY'
import collections, sys
bench, stop_ms, cont_ms, timeout, clients, families = sys.argv[1:]
stop_ms, cont_ms, timeout_ms = float(stop_ms), float(cont_ms), float(timeout) * 1000
FAMILIES = ["json", "frames", "files", "qido", "assets"]
ARCHIVE = {"json", "frames", "files", "qido"}
share = collections.Counter(families.split())

def rows(name):
    with open(f"{bench}/{name}.rows") as f:
        for line in f:
            fam, start, end, status = line.split()
            yield fam, float(start), float(end), int(status)

def windows(name, split):
    """{window: (seconds, [(family, latency_ms, status)])}; split: by the freeze, else one window"""
    rs = list(rows(name))
    first = min(r[1] for r in rs)
    last = max(r[2] for r in rs if r[3] > 0)
    if not split:
        return {"steady": (last - first, [(f, e - s, st) for f, s, e, st in rs])}
    w = {"before stop": [], "Orthanc stopped": [], "after stop": []}
    for f, s, e, st in rs:
        # answered before the freeze / overlapping it (sent during it, or waiting when it began) / sent after it
        key = "before stop" if st != -1 and e < stop_ms else "after stop" if s >= cont_ms else "Orthanc stopped"
        w[key].append((f, e - s, st))
    return {"before stop": (stop_ms - first, w["before stop"]), "Orthanc stopped": (cont_ms - stop_ms, w["Orthanc stopped"]),
            "after stop": (last - cont_ms, w["after stop"])}

def pct(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, max(0, int(-(-p * len(sorted_values) // 100)) - 1))] if sorted_values else 0

def stats(ms, reqs):
    answered = [(lat, st) for _, lat, st in reqs if st > 0]
    lats = sorted(lat for lat, _ in answered)
    bad = collections.Counter(st for _, st in answered if not 200 <= st < 400)
    return {"requests": len(reqs), "ok": sum(1 for _, st in answered if 200 <= st < 400), "bad": bad,
            "socket": sum(1 for _, _, st in reqs if st == 0), "cut": sum(1 for _, _, st in reqs if st == -1),
            "slow": sum(1 for lat in lats if lat > timeout_ms), "p50": pct(lats, 50), "p99": pct(lats, 99),
            "rps": len(answered) / (ms / 1000) if ms > 0 else 0}

def errors(s):  # errors: answers that are not 2xx/3xx, socket errors and answers slower than the timeout
    return sum(s["bad"].values()) + s["socket"] + s["slow"]

def by_status(s):
    return " ".join(f"{k}x{v}" for k, v in sorted(s["bad"].items())) or "-"

head = (f"{'window':<16} {'family':<7} {'clients':>7} {'requests':>8} {'2xx/3xx':>8} {'socket':>6} {'>' + timeout + 's':>5} "
        f"{'cut':>4} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}  non-2xx/3xx by status")
def line(window, fam, s, n):
    return (f"{window:<16} {fam:<7} {n:>7} {s['requests']:>8} {s['ok']:>8} {s['socket']:>6} {s['slow']:>5} {s['cut']:>4} "
            f"{s['p50']:>8.1f} {s['p99']:>8.1f} {s['rps']:>8.1f}  {by_status(s)}")

results = {}
for phase, name, split in (("phase 1: steady load", "steady", False), ("phase 2: Orthanc stopped in the middle", "outage", True)):
    print(f"\n{phase} ({clients} clients)\n{head}")
    for window, (ms, reqs) in windows(name, split).items():
        results[window] = {"all": stats(ms, reqs)}
        for fam in FAMILIES:
            results[window][fam] = stats(ms, [r for r in reqs if r[0] == fam])
        for fam in ["all"] + FAMILIES:
            print(line(window, fam, results[window][fam], int(clients) if fam == "all" else share[fam]))
print("(requests: sent in the window; 2xx/3xx, socket errors and 'cut' (no answer yet when the run ended) add up to")
print(f" it with the other statuses; '>{timeout}s': answered, but slower than a client with a {timeout} s timeout waits;"
      " latencies of all answers)")

print(f"\nsummary: {clients} clients, all route families\n{head}")
for window, r in results.items():
    print(line(window, "all", r["all"], int(clients)))
print(f"\n{'server (Tomcat JVM, -Xmx512m)':<30} {'heap after GC':>14} {'RSS':>10} {'threads':>8}")
with open(f"{bench}/server.txt") as f:
    for label, heap, rss, threads in (l.rstrip("\n").split("\t") for l in f):
        print(f"{label:<30} {int(heap) / 1024:>10.1f} MiB {int(rss) / 1024:>6.1f} MiB {threads:>8}")

outside = sum(errors(results[w]["all"]) for w in ("steady", "before stop", "after stop"))
stopped = results["Orthanc stopped"]
other = sum(v for fam in ARCHIVE for k, v in stopped[fam]["bad"].items() if k != 504) + sum(stopped[f]["socket"] for f in ARCHIVE)
assets_errors = sum(errors(results[w]["assets"]) for w in results)
assets_served = all(results[w]["assets"]["ok"] > 0 for w in results)
met = lambda ok: "met" if ok else "NOT met"
print("\ngoals (not asserted):")
print(f"  0 errors outside the stopped window: {outside} ({met(outside == 0)})")
print(f"  archive routes inside it answer 2xx/3xx, 504 or late: other answers and socket errors {other} ({met(other == 0)})")
print(f"  OHIF files served throughout: answered in every window: {'yes' if assets_served else 'no'}, errors {assets_errors}"
      f" ({met(assets_served and assets_errors == 0)})")
PY

# what the server logged, up to and including its shutdown: warnings and worse, alike ones counted together
stop_pid "$TOMCAT_PID"; TOMCAT_PID=""
printf '\nTomcat log (%s), warnings and worse:\n' "$BENCH/tomcat.log"
grep -E '^[0-9].* (WARNING|SEVERE) ' "$BENCH/tomcat.log" | sed -E 's/^.* (WARNING|SEVERE) \[[^]]*\] /\1 /' | cut -c1-200 \
  | sort | uniq -c | sort -rn | head -12 || true
# the collector's own pauses, not the full collections that jcmd asked for
printf 'GC (%s): %s pauses, the longest %s ms\n' "$BENCH/gc.log" \
  "$(grep 'Pause' "$BENCH/gc.log" | grep -vc 'Diagnostic Command' || true)" \
  "$(grep 'Pause' "$BENCH/gc.log" | grep -v 'Diagnostic Command' | grep -o '[0-9.]*ms$' | sort -g | tail -1 | tr -d 'ms')"
