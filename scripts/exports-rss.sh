#!/usr/bin/env bash
# Measures the peak resident memory of `bina serve --demo` while 120 viewers
# ask for the whole UMKM list as .xlsx at once (issue 10's budget: under
# 300 MB). Usage: scripts/exports-rss.sh [MAX_EXPORTS] (default 4, the
# server's default; a large number shows the server without the bound).
set -euo pipefail
cd "$(dirname "$0")/.."
max=${1:-4}
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/bina" ./cmd/bina
"$dir/bina" serve --db "$dir/bina.db" --demo --addr 127.0.0.1:18090 --max-exports "$max" >"$dir/out" 2>"$dir/err" &
pid=$!
for _ in $(seq 1 300); do curl -fs http://127.0.0.1:18090/healthz >/dev/null 2>&1 && break; sleep 0.1; done
base=http://127.0.0.1:18090
curl -s -c "$dir/cj" -o /dev/null -d "name=tamu&password=bina-demo-2026" $base/masuk
echo "before:  $(grep -E 'VmRSS' /proc/$pid/status | tr -s ' ')"
for i in $(seq 1 120); do
  curl -s -b "$dir/cj" -o /dev/null -w '%{http_code}\n' "$base/umkm/ekspor?format=xlsx" >>"$dir/codes" &
done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
echo "answers: $(sort "$dir/codes" | uniq -c | tr -s ' ' | tr '\n' ' ')"
echo "peak:    $(grep -E 'VmHWM' /proc/$pid/status | tr -s ' ')"
