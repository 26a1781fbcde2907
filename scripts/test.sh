#!/usr/bin/env bash
# The whole test suite, from a bare Debian machine: dependencies, the engine test bed, then
# format, lint, types, unit and end-to-end tests (once per builder path), the bundle, and a check
# that dist/ is fresh.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
phase() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

phase "install dependencies"
npm ci --no-audit --no-fund --loglevel=error

phase "start the engine test bed"
export STAGEGATE_ENGINE_SESSION="test-$$"
# Stop only what this run started, also when a test (or setting up one of the paths) fails.
trap 'bash scripts/engine.sh down' EXIT
# Every path: classic, buildx-20, buildx-26. A path that cannot be set up fails the run here.
bash scripts/engine.sh up

phase "format, lint, types"
npm run --silent format:check
npm run --silent lint
npm run --silent typecheck

phase "bundle, and check that the committed dist/ is fresh"
npm run --silent bundle
if [ -n "$(git status --porcelain -- dist)" ]; then
  git status --short -- dist
  echo "dist/ is stale: run 'npm run bundle' and commit dist/." >&2
  exit 1
fi

phase "unit tests"
npm run --silent test:unit

# One e2e run per builder path (scripts/engine.sh: classic, buildx-20, buildx-26). This script is
# what CI runs, so a path that is not set up is a failure here (CI=true makes the harness fail
# instead of skip), whether or not the CI system sets CI. Every path runs even when an earlier
# one fails, so one run shows them all; the run fails if any did.
e2e_failed=()
for e2e_path in classic buildx-20 buildx-26; do
  phase "end-to-end tests on the $e2e_path path (real engine and registry)"
  env_file="${STAGEGATE_ENGINE_STATE:-/tmp/stagegate-engine}/paths/$e2e_path.env"
  # The path's env also for suites that read process.env directly (the harness loads it itself).
  if (
    if [ -f "$env_file" ]; then set -a && . "$env_file" && set +a; fi
    CI=true STAGEGATE_E2E_PATH=$e2e_path npm run --silent test:e2e
  ); then :; else e2e_failed+=("$e2e_path"); fi
done
if [ ${#e2e_failed[@]} -gt 0 ]; then
  echo "end-to-end tests failed on: ${e2e_failed[*]}" >&2
  exit 1
fi

phase "done"
