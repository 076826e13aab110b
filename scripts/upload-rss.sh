#!/usr/bin/env bash
# Measures the peak resident memory of `bina serve --demo` while a field
# officer uploads the hostile spreadsheets kept in internal/sheet/testdata
# (a 1 MB zip bomb, a 200 KB file with a 200 MB cell) and a CSV with a 64 MB
# cell (issue 10's budget: refused with the server under 150 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/bina" ./cmd/bina
"$dir/bina" serve --db "$dir/bina.db" --demo --addr 127.0.0.1:18091 >"$dir/out" 2>"$dir/err" &
pid=$!
for _ in $(seq 1 300); do curl -fs http://127.0.0.1:18091/healthz >/dev/null 2>&1 && break; sleep 0.1; done
base=http://127.0.0.1:18091
curl -s -c "$dir/cj" -o /dev/null -d "name=petugas&password=bina-demo-2026" $base/masuk
echo "after start: $(grep -E 'VmRSS' /proc/$pid/status | tr -s ' ')  $(grep -E 'VmHWM' /proc/$pid/status | tr -s ' ')"
{ printf 'nama_usaha;desa\n"'; head -c $((64<<20)) /dev/zero | tr '\0' 'a'; printf '";Kapur\n'; } >"$dir/hugecell.csv"
for f in internal/sheet/testdata/zipbomb.xlsx internal/sheet/testdata/hugecell.xlsx "$dir/hugecell.csv"; do
  csrf=$(curl -s -b "$dir/cj" $base/impor | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
  code=$(curl -s -b "$dir/cj" -o "$dir/page" -w '%{http_code}' -F "csrf=$csrf" -F entity=enterprise -F "file=@$f" $base/impor)
  echo "$(basename "$f"): HTTP $code, $(grep -o 'Berkas tidak dapat diimpor.</strong>[^<]*' "$dir/page" | head -1 | sed 's/<[^>]*>//g')"
done
echo "after uploads: $(grep -E 'VmRSS' /proc/$pid/status | tr -s ' ')"
echo "peak (the demo fill at start included): $(grep -E 'VmHWM' /proc/$pid/status | tr -s ' ')"
