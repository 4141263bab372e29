#!/usr/bin/env bash
# The merge step after every shard has finished (docs/scale.md):
#   SHARD_COUNT=16 PARTIALS_DIR=/data/partials REPORT_DIR=/data/report deploy/merge.sh [--json]
# `ttlsim merge` refuses (exit 2) a missing or duplicate shard, or partials of different runs.
set -euo pipefail
: "${SHARD_COUNT:?set SHARD_COUNT, the number of shards}"
: "${PARTIALS_DIR:?set PARTIALS_DIR, where the partial results are}"
: "${REPORT_DIR:?set REPORT_DIR, where the report goes}"
partials=()
for ((i = 0; i < SHARD_COUNT; i++)); do partials+=("$PARTIALS_DIR/shard-$i.json"); done
exec ${TTLSIM:-ttlsim} merge "${partials[@]}" --out "$REPORT_DIR" "$@"
