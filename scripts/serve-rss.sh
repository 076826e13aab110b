#!/usr/bin/env bash
# Measures the resident memory of `bina serve --demo` (issue 2's budget:
# under 100 MB): starts it on a fresh SQLite file, signs in as every demo
# account, requests the main pages and API lists three times, and prints
# VmRSS (now) and VmHWM (peak, including the demo fill at start).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/bina" ./cmd/bina
"$dir/bina" serve --db "$dir/bina.db" --demo --addr 127.0.0.1:18089 >"$dir/out" 2>"$dir/err" &
pid=$!
for _ in $(seq 1 100); do curl -fs http://127.0.0.1:18089/healthz >/dev/null 2>&1 && break; sleep 0.1; done
echo "after start:  $(grep -E 'VmRSS' /proc/$pid/status | tr -s ' ')"
base=http://127.0.0.1:18089
for u in admin staf petugas tamu; do
  curl -s -c "$dir/cj-$u" -o /dev/null -d "name=$u&password=bina-demo-2026" $base/masuk
done
for _ in 1 2 3; do
  for u in admin staf petugas tamu; do
    for p in / /umkm /koperasi "/umkm?q=kerupuk" "/umkm?kecamatan=61.12.01&size=mikro" /umkm/100 /umkm/5000 \
             /koperasi/5 /koperasi/300 "/api/v1/enterprises?limit=200" "/umkm?sort=-updated" /umkm/baru; do
      curl -s -b "$dir/cj-$u" -o /dev/null "$base$p"
    done
  done
done
echo "after load:   $(grep -E 'VmRSS' /proc/$pid/status | tr -s ' ')"
echo "peak:         $(grep -E 'VmHWM' /proc/$pid/status | tr -s ' ')"
