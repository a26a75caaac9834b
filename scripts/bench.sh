#!/usr/bin/env bash
# Benchmark (not a test): builds the release site and prints its compressed size and timings.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-browser.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release
node scripts/bench.mjs "$@"
