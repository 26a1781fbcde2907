#!/usr/bin/env bash
# Quick start: runs stagegate on the bundled example app, against a local engine and registry.
# Sets up what it needs (Node packages for the CLI are bundled in dist/; the engine test bed).
set -euo pipefail
cd "$(dirname "$0")/.."
# The quick start needs only the classic path (engine 20.10 and its own client).
bash scripts/engine.sh up classic
echo
echo "== stagegate plan"
node dist/cli/index.js plan --file examples/greeter/Dockerfile
echo
echo "== stagegate run (tests in the tester stage, then build and push the runtime stage)"
node dist/cli/index.js run \
  --context examples/greeter \
  --tag 127.0.0.1:5000/examples/greeter:latest \
  --push \
  --network none \
  --summary /tmp/stagegate-summary.md
echo
echo "The job summary is in /tmp/stagegate-summary.md"
