#!/bin/bash
# One-shot topic creation for the compose stack (the topics of the event contract, 6 partitions,
# civicsafety.areas.v1, civicsafety.units.v1 and the gateway's key store compacted, a .dlq twin per event topic).
# Idempotent: --if-not-exists, so `docker compose up` can run it again.
set -euo pipefail
bootstrap="${BOOTSTRAP_SERVERS:-kafka:9092}"
partitions="${TOPIC_PARTITIONS:-6}"
kt=/opt/kafka/bin/kafka-topics.sh

create() { # create <topic> [--config k=v ...]
  local topic=$1; shift
  "$kt" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor 1 "$@"
  echo "topic $topic ready"
}

for t in civicsafety.areas.v1 civicsafety.units.v1 civicsafety.grid.v1 civicsafety.cases.v1 civicsafety.assessment.v1; do
  if [[ $t == civicsafety.areas.v1 || $t == civicsafety.units.v1 ]]; then
    create "$t" --config cleanup.policy=compact
  else
    create "$t"
  fi
  create "$t.dlq"
done
# Partner API keys (hashed) of the gateway: every gateway instance reads the whole topic.
create civicsafety.gateway-keys.v1 --config cleanup.policy=compact
