# Shared helpers of the benchmarks (sourced). Every figure is printed with its reference from the
# same run and the ratio, and appended to $BENCH_RESULTS (TSV: bar, what, measured, reference,
# ratio, verdict, date, command) for RESULTS.md.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../faults/lib" && pwd)/common.sh"
TAG=${TAG:-bench}
BENCH_LIB="$ROOT/deploy/bench/lib"
BENCH_RESULTS="${BENCH_RESULTS:-${TMPDIR:-/tmp}/civic-bench-results.tsv}"
DURATION="${BENCH_DURATION:-20}"          # seconds per wrk run (the spec's P2 says 60: BENCH_DURATION=60)
CONNS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
NGINX_PORT="${CIVIC_BENCH_NGINX_PORT:-9180}"

need() { command -v "$1" >/dev/null && return 0
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 ||
      { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
    command -v "$1" >/dev/null && return 0
  fi
  say "$1 is missing; install it with: sudo apt-get install -y $2"; exit 2
}
need_platform() { curl -fsS -o /dev/null --max-time 5 "$GW/q/health/ready" || { say "the platform is not ready at $GW (deploy/platform up)"; exit 2; }; }

# record <bar> <what> <measured> <reference> <ratio> <verdict>
record() {
  printf '%-4s %-46s measured %-14s reference %-16s ratio %-8s %s\n' "$1" "$2" "$3" "$4" "$5" "$6"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$(date -u +%Y-%m-%dT%H:%MZ)" "${BENCH_CMD:-$0}" >>"$BENCH_RESULTS"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
verdict() { if ge "$1" "$2"; then echo "met (≥ $2)"; else echo "NOT MET (< $2)"; fi; }
verdict_le() { if ge "$2" "$1"; then echo "met (≤ $2)"; else echo "NOT MET (> $2)"; fi; }

# wrk_run <label> <url> [wrk args...]: runs wrk with latency, leaves RPS, P50, P99 (ms), NON2XX, REQS in globals
wrk_run() {
  local label=$1 url=$2; shift 2
  [[ $url == http://127.0.0.1:* ]] || { say "refusing a non-loopback target $url"; exit 2; }
  local out; out="$(timeout $((DURATION + 60)) wrk --latency -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s "$@" "$url" 2>&1 || true)"
  echo "$out" >"${WORK:-/tmp}/wrk-$label.txt"
  RPS="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  REQS="$(awk '/requests in/ {print $1}' <<<"$out")"
  NON2XX="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"; NON2XX=${NON2XX:-0}
  ERRS="$(awk '/Socket errors/ {print $0}' <<<"$out")"
  TIMEOUTS="$(awk '/Socket errors/ {print $NF}' <<<"$out")"; TIMEOUTS=${TIMEOUTS:-0}
  P50="$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")"
  P99="$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")"
  say "$label: $RPS req/s, p50 $P50 ms, p99 $P99 ms, $REQS requests, non-2xx $NON2XX ${ERRS}"
}
# half_rate_pause <rate req/s> <connections>: the per-connection pause (ms, WRK_DELAY_MS) that offers about half of
# <rate> (a little under: the pause ignores each request's own time); 1 s when there is no rate to halve
half_rate_pause() { awk -v r="${1:-0}" -v c="$2" 'BEGIN { d = (r > 0 ? c * 1000 / (r / 2) : 1000); printf "%d", (d < 1 ? 1 : d) }'; }
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.3f", v / 1000; else if (v ~ /ms$/) printf "%.3f", v + 0; else if (v ~ /m$/) printf "%.3f", v * 60000; else if (v ~ /s$/) printf "%.3f", v * 1000; else print "n/a" }'; }

# Tokens for load: many subjects so the gateway's per-client rate limit (1200/min by default) is
# not what is measured. tokens_file <file> <count> <token args...>
tokens_file() {
  local f=$1 n=$2; shift 2
  local i; : >"$f"
  for ((i = 0; i < n; i++)); do token --sub "bench-$RANDOM-$i" "$@" >>"$f"; done
}
admin_token() { token --sub "bench-admin" --roles admin; }

# A bench county with one large grid (so random reports rarely fall within a dedupe radius).
# bench_areas <code-prefix> <lon> <lat> <size-deg>; prints the grid code
bench_areas() {
  local c=$1 lon=$2 lat=$3 d=$4 tok; tok="$(admin_token)"
  local poly="{\"type\":\"Polygon\",\"coordinates\":[[[$lon,$lat],[$(awk "BEGIN{print $lon+$d}"),$lat],[$(awk "BEGIN{print $lon+$d}"),$(awk "BEGIN{print $lat+$d}")],[$lon,$(awk "BEGIN{print $lat+$d}")],[$lon,$lat]]]}"
  local body
  for body in \
    "{\"code\":\"$c\",\"name\":\"bench $c\",\"level\":\"COUNTY\",\"population\":1000000,\"responsibleUnit\":\"$c-unit\"}" \
    "{\"code\":\"$c-T\",\"name\":\"bench T\",\"level\":\"TOWNSHIP\",\"parentCode\":\"$c\",\"population\":500000,\"responsibleUnit\":\"$c-T-unit\"}" \
    "{\"code\":\"$c-T-V\",\"name\":\"bench V\",\"level\":\"VILLAGE\",\"parentCode\":\"$c-T\",\"population\":100000,\"responsibleUnit\":\"$c-V-unit\"}" \
    "{\"code\":\"$c-T-V-G\",\"name\":\"bench G\",\"level\":\"GRID\",\"parentCode\":\"$c-T-V\",\"population\":50000,\"responsibleUnit\":\"$c-G-unit\",\"boundary\":$poly}"; do
    curl -sS -o /dev/null -X POST -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' --data-binary "$body" "$GW/api/v1/areas"
  done
  echo "$c-T-V-G"
}

# CPU time (clock ticks, user + system) of each part of the platform, one "name ticks" line each:
# the four services, Kafka, and PostgreSQL (the postmaster, its live backends and those that ended).
cpu_ticks() {
  local f name pid
  ticks() { awk '{ print $14 + $15 + ($16 + $17) * '"${2:-0}"' }' "/proc/$1/stat" 2>/dev/null || echo 0; }
  for f in "$STATE"/services/*.pid "$STATE/kafka/kafka.pid"; do
    name="$(basename "$f" .pid)"; pid="$(cat "$f" 2>/dev/null)" || continue
    echo "$name $(ticks "$pid")"
  done
  pid="$(head -1 "$STATE/postgres/data/postmaster.pid" 2>/dev/null)" || return 0
  local total; total="$(ticks "$pid" 1)"
  for f in $(pgrep -P "$pid"); do total=$((total + $(ticks "$f"))); done
  echo "postgresql $total"
}
# cpu_per_op <before file> <after file> <operations>: CPU milliseconds per operation, per part
cpu_per_op() {
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" 'NR == FNR { b[$1] = $2; next }
    { d = ($2 - b[$1]) * 1000 / hz / n; sum += d; printf "%s %.2f, ", $1, d } END { printf "total %.2f ms", sum }' "$1" "$2"
}
