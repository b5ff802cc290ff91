#!/usr/bin/env bash
# Static assets: the WAR (OhifAssetResource: manifest lookup, precompressed gzip) against Tomcat's
# DefaultServlet serving the same patched files, in the same Tomcat, same run. Prints requests/s ratios
# and the bytes a browser downloads on a first visit of the study list.
. "$(dirname "$0")/common.sh"
bench_setup

printf '\n%-44s %10s %10s %8s %12s\n' "asset (2 threads, 16 connections)" "req/s" "p50 ms" "ratio" "bytes/req"
for asset in app.bundle.css "$(cd "$ROOT/target/ohif-npm/dist-patched" && ls 1180.bundle.*.js)" \
             "$(cd "$ROOT/target/ohif-npm/dist-patched" && ls 89.bundle.*.js)" 0ddf166f7a343eda.wasm; do
  read -r s_rps s_p50 s_b < <(wrk_run "$STATIC_BASE$asset")
  read -r w_rps w_p50 w_b < <(wrk_run "${WAR_BASE}ohif/$asset")
  read -r g_rps g_p50 g_b < <(wrk_run "${WAR_BASE}ohif/$asset" "Accept-Encoding: gzip")
  printf '%-44s %10s %10s %8s %12s\n' "$asset DefaultServlet" "$s_rps" "$s_p50" "1.00" "$s_b"
  printf '%-44s %10s %10s %8s %12s\n' "$asset WAR identity" "$w_rps" "$w_p50" "$(ratio "$w_rps" "$s_rps")" "$w_b"
  printf '%-44s %10s %10s %8s %12s\n' "$asset WAR gzip" "$g_rps" "$g_p50" "$(ratio "$g_rps" "$s_rps")" "$g_b"
done

# first visit of the study list in Chromium: bytes on the wire as the browser counts them (transferSize)
command -v node >/dev/null || die "node is needed"
PW="$BENCH/pw"
[ -d "$PW/node_modules/playwright-core" ] || (mkdir -p "$PW" && cd "$PW" && npm init -y >/dev/null && npm install --silent playwright-core@1.65.1 >/dev/null)
printf '\nfirst visit of the study list (Chromium, empty cache)\n'
for base in "$STATIC_BASE" "${WAR_BASE}ohif/"; do
  NODE_PATH="$PW/node_modules" node "$ROOT/bench/first-visit.js" "$base"
done | tee "$BENCH/first-visit.txt"
awk '{b[NR]=$5} END {printf "bytes on the wire, WAR / DefaultServlet: %.2f\n", b[2]/b[1]}' "$BENCH/first-visit.txt"
