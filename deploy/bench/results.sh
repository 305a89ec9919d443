#!/usr/bin/env bash
# Renders the TSV the benchmarks append to ($BENCH_RESULTS) as the Markdown table of RESULTS.md.
#   deploy/bench/lib/results.sh [tsv] > table.md
f="${1:-${BENCH_RESULTS:-/tmp/civic-bench-results.tsv}}"
echo "| bar | what | measured | reference | ratio | verdict | date (UTC) | command |"
echo "|---|---|---|---|---|---|---|---|"
awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | `%s` |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$f"
