#!/bin/sh
# One-shot namespace job (the `temporal-namespace` service in docker-compose.yml; scripts/temporal-postgres.sh
# runs it too). Waits for the frontend to serve, then creates dondoc's namespace, or, when it exists, sets
# its retention to the configured value. Idempotent.
#
# Environment: TEMPORAL_ADDRESS (temporal:7233), TEMPORAL_NAMESPACE (dondoc),
# TEMPORAL_NAMESPACE_RETENTION (30d: how long CLOSED workflow histories stay queryable; dondoc's durable
# record is the DONDOC_EVENTS stream, so this bounds only Temporal's storage), TEMPORAL_CLI (temporal).
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-dondoc}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-30d}"
CLI="${TEMPORAL_CLI:-temporal}"

tries=0
until "$CLI" operator cluster health --address "$ADDRESS" 2>/dev/null | grep -q SERVING; do
  tries=$((tries + 1))
  [ "$tries" -lt 90 ] || { echo "create-namespace: frontend $ADDRESS not serving after 180 s" >&2; exit 1; }
  sleep 2
done

if "$CLI" operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "create-namespace: $NAMESPACE exists; setting retention $RETENTION"
  "$CLI" operator namespace update --address "$ADDRESS" --namespace "$NAMESPACE" --retention "$RETENTION"
else
  echo "create-namespace: creating $NAMESPACE (retention $RETENTION)"
  "$CLI" operator namespace create --address "$ADDRESS" --namespace "$NAMESPACE" --retention "$RETENTION" \
    --description "dondoc: plan task x unit assignment workflows"
fi

# A fresh namespace takes a moment to reach every frontend's cache; wait until it answers.
tries=0
until "$CLI" operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 30 ] || { echo "create-namespace: $NAMESPACE not visible after 60 s" >&2; exit 1; }
  sleep 2
done
echo "create-namespace: done"
