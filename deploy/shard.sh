#!/usr/bin/env bash
# One shard of a ttlsim run, as a Kubernetes Indexed Job pod or a Slurm array task runs it (docs/scale.md):
#   SHARD_COUNT=16 PARTIALS_DIR=/data/partials deploy/shard.sh replay /data/logs/requests.csv
# The shard index comes from JOB_COMPLETION_INDEX (Kubernetes), else SLURM_ARRAY_TASK_ID (Slurm), else
# SHARD_INDEX. The partial result goes to $PARTIALS_DIR/shard-<index>.json, written whole (a temporary
# file renamed), so a merge never reads half a partial. TTLSIM is the command (default: ttlsim).
set -euo pipefail
index="${JOB_COMPLETION_INDEX:-${SLURM_ARRAY_TASK_ID:-${SHARD_INDEX:-}}}"
: "${index:?set JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or SHARD_INDEX}"
: "${SHARD_COUNT:?set SHARD_COUNT, the number of shards}"
: "${PARTIALS_DIR:?set PARTIALS_DIR, where the partial results go}"
mkdir -p "$PARTIALS_DIR"
out="$PARTIALS_DIR/shard-$index.json"
# One thread per shard: the machine's other cores belong to the other pods or tasks.
${TTLSIM:-ttlsim} "$@" --shard "$index/$SHARD_COUNT" --workers 1 > "$out.tmp"
mv "$out.tmp" "$out"
