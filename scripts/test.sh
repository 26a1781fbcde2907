#!/usr/bin/env bash
# The whole test suite, from a bare Debian machine: dependencies, the engine test bed, then
# format, lint, types, unit and end-to-end tests, the bundle, and a check that dist/ is fresh.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
phase() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

phase "install dependencies"
npm ci --no-audit --no-fund --loglevel=error

phase "start the engine test bed"
export STAGEGATE_ENGINE_SESSION="test-$$"
bash scripts/engine.sh up
# Stop only what this run started, also when a test fails.
trap 'bash scripts/engine.sh down' EXIT

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

phase "end-to-end tests (real engine and registry)"
npm run --silent test:e2e

phase "done"
