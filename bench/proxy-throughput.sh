#!/usr/bin/env bash
# Frames, files and QIDO: through the WAR against straight from Orthanc, same run, alternating (direct, nginx,
# WAR, direct, nginx, WAR) so drift hits all. nginx (Debian's, proxy_pass with keep-alive upstream
# connections) is a reference proxy: WAR/nginx shows what the WAR costs beyond the extra hop that any proxy
# pays. Prints throughput ratios (goal >= 0.9) and p50 latency overheads, for 1 connection (one request at a
# time), 6 (what a browser opens per origin over HTTP/1.1) and 16 (saturation).
. "$(dirname "$0")/common.sh"
bench_setup

NGINX_PORT=$((B_HTTP_PORT + 1))
NGINX_DIR="$BENCH/nginx"
NGINX_BASE="http://127.0.0.1:$NGINX_PORT/"
NGINX_PID=""
rm -rf "$NGINX_DIR" && mkdir -p "$NGINX_DIR/logs"
cat >"$NGINX_DIR/nginx.conf" <<CONF
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  upstream orthanc { server 127.0.0.1:$B_ORTHANC_PORT; keepalive 32; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://orthanc;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # buffered (nginx's default) in memory, never in temporary files: a tuned reference
      proxy_buffer_size 64k;
      proxy_buffers 32 64k;
      proxy_busy_buffers_size 256k;
      proxy_max_temp_file_size 0;
    }
  }
}
CONF
/usr/sbin/nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -g 'daemon off; user root;' &
NGINX_PID=$!
trap 'stop_pid "$NGINX_PID"; bench_cleanup' EXIT
for _ in $(seq 1 50); do curl -sf "${NGINX_BASE}system" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf "${NGINX_BASE}system" >/dev/null || die "nginx did not start; see $NGINX_DIR/logs/error.log"

FRAME="$(brain_frame "$ORTHANC_URL")"
XA_ID="$(curl -sf -X POST "$ORTHANC_URL/tools/find" -d '{"Level":"Instance","Query":{"Modality":"XA"}}' \
  | grep -o '[0-9a-f]\{8\}\(-[0-9a-f]\{8\}\)\{4\}' | head -1)"
[ -n "$XA_ID" ] || die "sample lookup failed"
ACCEPT='Accept: multipart/related; type=application/octet-stream; transfer-syntax=*'

# warm the WAR's JIT before measuring
BENCH_SECONDS=5 BENCH_CONNECTIONS=4 wrk_run "$WAR_BASE$FRAME" "$ACCEPT" >/dev/null
BENCH_SECONDS=5 BENCH_CONNECTIONS=4 wrk_run "${WAR_BASE}instances/$XA_ID/file" >/dev/null

mean() { awk -v a="$1" -v b="$2" 'BEGIN {print (a+b)/2}'; }
for BENCH_CONNECTIONS in 1 6 16; do
printf '\n%-30s %9s %9s %9s %8s %8s %8s %9s %9s %12s\n' "$BENCH_CONNECTIONS connection(s)" "direct/s" "nginx/s" "WAR/s" \
  "dir p50" "ngx p50" "WAR p50" "WAR/dir" "WAR/ngx" "WAR-dir p50"
for pair in "frame 256x256x16 (128 KiB)|$FRAME|$ACCEPT" "file 96-frame XA (1.7 MB)|instances/$XA_ID/file|" \
            "study QIDO (JSON)|dicom-web/studies|"; do
  IFS='|' read -r label path hdr <<<"$pair"
  read -r d1 dp1 _ < <(wrk_run "$ORTHANC_URL/$path" "$hdr")
  read -r n1 np1 _ < <(wrk_run "$NGINX_BASE$path" "$hdr")
  read -r w1 wp1 _ < <(wrk_run "$WAR_BASE$path" "$hdr")
  read -r d2 dp2 _ < <(wrk_run "$ORTHANC_URL/$path" "$hdr")
  read -r n2 np2 _ < <(wrk_run "$NGINX_BASE$path" "$hdr")
  read -r w2 wp2 _ < <(wrk_run "$WAR_BASE$path" "$hdr")
  d=$(mean "$d1" "$d2"); n=$(mean "$n1" "$n2"); w=$(mean "$w1" "$w2")
  dp=$(mean "$dp1" "$dp2"); np=$(mean "$np1" "$np2"); wp=$(mean "$wp1" "$wp2")
  printf '%-30s %9.1f %9.1f %9.1f %8.2f %8.2f %8.2f %9s %9s %9.2f ms\n' "$label" "$d" "$n" "$w" "$dp" "$np" "$wp" \
    "$(ratio "$w" "$d")" "$(ratio "$w" "$n")" "$(awk -v a="$wp" -v b="$dp" 'BEGIN {print a-b}')"
done
done
