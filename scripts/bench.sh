#!/usr/bin/env bash
# Benchmark (not a test): builds the release site and prints its compressed size and timings.
source "$(dirname "$0")/env.sh" browser
trunk build --release
node scripts/bench.mjs "$@"
