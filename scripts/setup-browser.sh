#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver, for the in-browser and end-to-end tests. Never a tool's own
# browser download: this machine reaches the package registries only.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then exit 0; fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "setup: installing Debian's chromium and chromium-driver"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
