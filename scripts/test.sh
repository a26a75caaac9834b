#!/usr/bin/env bash
# Every test of the lab: native (core, loader corpus, catalogue, command line), in the browser
# (wasm-bindgen-test in headless Chromium) and end to end (Playwright + axe-core against the
# built site). Installs what is missing first, from the package registries only.
source "$(dirname "$0")/env.sh" browser

step() { printf '\n==> %s\n' "$*"; }

mkdir -p target
step "style: rustfmt, and clippy with warnings as errors (native and wasm32)"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings

step "native tests (cargo test)"
cargo test --quiet 2>&1 | tee target/native-tests.log
native=$(grep -Eo '^test result: ok\. [0-9]+ passed' target/native-tests.log | awk '{s+=$4} END {print s+0}')

step "instructor check of the lab's own pack"
cargo run --quiet --bin seclab -- check exercises

step "browser tests (wasm-bindgen-test in headless Chromium)"
cargo test --target wasm32-unknown-unknown --test web 2>&1 | tee target/browser-tests.log
browser=$(grep -Eo 'test result: ok\. [0-9]+ passed' target/browser-tests.log | awk '{s+=$4} END {print s+0}')

step "release build of the site (trunk)"
trunk build --release

step "end-to-end tests (Playwright, Debian's Chromium, axe-core)"
node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee target/e2e-tests.log
e2e=$(grep -Eo '^# pass [0-9]+' target/e2e-tests.log | awk '{print $3}')

printf '\nnative: %s passed; browser: %s passed; end-to-end: %s passed\n' "$native" "$browser" "$e2e"
printf '%s passed, 0 failed\n' "$((native + browser + e2e))"
