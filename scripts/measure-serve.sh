#!/usr/bin/env bash
# Measures the foundation's performance goals on the real binary:
#   - time from exec to the first 200 from /healthz on an empty SQLite database
#   - resident memory (VmRSS) of the idle server after start-up
# Usage: scripts/measure-serve.sh [runs]   (default 10)
set -euo pipefail
runs=${1:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/lantai" ./cmd/lantai
port=18931
total=0
for i in $(seq "$runs"); do
  db="$work/db$i/lantai.db"
  start=$(date +%s%N)
  "$work/lantai" serve --db "$db" --addr 127.0.0.1:$port >/dev/null 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.002; done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  total=$(( total + ms ))
  echo "run $i: ready in ${ms} ms"
  if [ "$i" = "$runs" ]; then
    sleep 3
    curl -fs "http://127.0.0.1:$port/" >/dev/null
    sleep 1
    echo "idle RSS after start and one page: $(grep VmRSS /proc/$pid/status)"
  fi
  kill -TERM $pid; wait $pid || true
done
echo "mean ready time: $(( total / runs )) ms over $runs runs"
