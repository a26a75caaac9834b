# Sourced by serve.sh, test.sh and bench.sh: installs what is missing and sets the tools' paths.
# Usage: source scripts/env.sh [browser]   ("browser" also installs Debian's Chromium)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
if [ "${1:-}" = browser ]; then bash scripts/setup-browser.sh; fi
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
cargo fetch --quiet
