#!/usr/bin/env bash
# Regression check for speed work: the stages' output must not change. Ingests the challenge set
# (every wave under ../shared/dev/challenge, or the SET_DIRs given) into a scratch store and writes
# `factfinder export --format gold` to OUT; with --against BASE, compares OUT byte for byte with BASE.
# usage: bench/same_gold.sh OUT [--against BASE] [SET_DIR ...]
#   bench/same_gold.sh build/gold-before.jsonl          # on the commit before the change
#   bench/same_gold.sh build/gold-after.jsonl --against build/gold-before.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1; shift
base=""
if [ "${1:-}" = "--against" ]; then base=$2; shift 2; fi
[ $# -gt 0 ] || set -- ../shared/dev/challenge/*/
FF=.venv/bin/factfinder
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
mkdir -p "$(dirname "$out")"
for d in "$@"; do
  "$FF" ingest --db "$T/s.db" --no-progress "${d%/}/articles.jsonl" >/dev/null
done
"$FF" export --format gold --db "$T/s.db" > "$out"
echo "$out: $(wc -l < "$out") records, sha256 $(sha256sum "$out" | cut -c1-16)"
if [ -n "$base" ]; then
  if cmp -s "$base" "$out"; then echo "identical to $base"; else echo "DIFFERS from $base:"; diff "$base" "$out" | head -20; exit 1; fi
fi
