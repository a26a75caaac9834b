#!/usr/bin/env bash
# Installs what building and serving the lab needs, pinned, from the package registries only.
# Idempotent: every step checks first, so a second run costs seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# rustfmt and clippy: the style gates of the test command.
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    echo "setup: adding the $component component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  echo "setup: installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# Not --locked: its lock file pins a webpki-roots the registry no longer serves.
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  echo "setup: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt comes from the npm package binaryen (Debian's 108 breaks the output); the pinned
# package-lock.json also brings playwright-core and axe-core for the browser tests.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (binaryen, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi
