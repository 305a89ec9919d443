# Shared settings of the fault-injection and benchmark scripts (sourced, not run).
# Everything targets 127.0.0.1; every port follows the platform script's variables.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
STATE="${CIVIC_STATE_DIR:-$ROOT/deploy/.run}"
source "$ROOT/deploy/service-java.sh"
GW_PORT="${CIVIC_GATEWAY_PORT:-8080}"
CASES_PORT="${CIVIC_CASES_PORT:-8081}"
GRID_PORT="${CIVIC_GRID_PORT:-8082}"
ASSESSMENT_PORT="${CIVIC_ASSESSMENT_PORT:-8083}"
PG_PORT="${CIVIC_PG_PORT:-55432}"
KAFKA_PORT="${CIVIC_KAFKA_PORT:-19092}"
GW="http://127.0.0.1:$GW_PORT"
PLATFORM="$ROOT/deploy/platform"
FAULTS_LIB="$ROOT/deploy/faults/lib"

say() { printf '\033[1m[%s]\033[0m %s\n' "${TAG:-faults}" "$*" >&2; }
token() { "$PLATFORM" token "$@" | tail -1; }
psql_db() { PGPASSWORD=civic psql -h 127.0.0.1 -p "$PG_PORT" -U civic -qAt -v ON_ERROR_STOP=1 -d "$@"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The Kafka client jars the platform script fetched (any state folder that has them).
kafka_lib() {
  local d
  for d in "$STATE"/kafka/lib-*/ "$ROOT"/deploy/.run/kafka/lib-*/; do
    [[ -f "$d/.complete" ]] && { echo "${d%/}"; return 0; }
  done
  return 1
}

# Mint the tokens the probes use into a JSON file: name -> token. The run id makes subjects unique.
mint_tokens() { # mint_tokens <file> <run-id> <countyCode> <in-scope area> <out-of-scope area> <unit>
  local f=$1 run=$2 county=$3 t1=$4 t2=$5 unit=$6
  {
    echo "{"
    echo "\"admin\":\"$(token --sub "fq-admin-$run" --roles admin)\","
    local i; for i in 1 2 3 4 5 6 7 8; do echo "\"admin$i\":\"$(token --sub "fq-admin$i-$run" --roles admin)\","; done
    echo "\"citizen1\":\"$(token --sub "fq-cit1-$run" --roles citizen)\","
    echo "\"citizen2\":\"$(token --sub "fq-cit2-$run" --roles citizen)\","
    echo "\"officerIn\":\"$(token --sub "fq-po-$run" --roles petition_officer --area "$t1")\","
    echo "\"officerOut\":\"$(token --sub "fq-po2-$run" --roles petition_officer --area "$t2")\","
    echo "\"workerIn\":\"$(token --sub "fq-gw-$run" --roles grid_worker --area "$t1")\","
    echo "\"workerOut\":\"$(token --sub "fq-gw2-$run" --roles grid_worker --area "$t2")\","
    echo "\"supervisorIn\":\"$(token --sub "fq-sup-$run" --roles supervisor --area "$t1")\","
    echo "\"supervisorCounty\":\"$(token --sub "fq-supc-$run" --roles supervisor --area "$county")\","
    echo "\"supervisorOut\":\"$(token --sub "fq-sup2-$run" --roles supervisor --area "$t2")\","
    echo "\"analystIn\":\"$(token --sub "fq-an-$run" --roles analyst --area "$t1")\","
    echo "\"analystOut\":\"$(token --sub "fq-an2-$run" --roles analyst --area "$t2")\","
    echo "\"handlerOut\":\"$(token --sub "fq-h2-$run" --roles handler --unit "fq-other-unit-$run" --area "$t2")\","
    echo "\"partner1\":\"$(token --sub "fq-p1-$run" --roles partner --partner "fq-partner1-$run")\","
    echo "\"partner2\":\"$(token --sub "fq-p2-$run" --roles partner --partner "fq-partner2-$run")\""
    echo "}"
  } >"$f"
}
