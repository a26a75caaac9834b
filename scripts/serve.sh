#!/usr/bin/env bash
# Installs what is missing, builds the lab and serves it on http://127.0.0.1:8080.
# Exercise files are fetched at run time: edit or add one in exercises/ (and list it in
# catalog.toml), and trunk copies it again; reload the page.
source "$(dirname "$0")/env.sh"
exec trunk serve --release "$@"
