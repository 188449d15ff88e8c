#!/usr/bin/env bash
# Installs a real n8n (and the Node it runs on) into the cache folder outside the project, once; prints its folder.
# The work is done by scripts/install-n8n.js (see its header for the options: --n8n=<latest|oldest|x.y.z>, --all,
# --clean-npm-config, --check); N8N_VERSION picks the version as --n8n does (default: the latest pinned).
set -euo pipefail
exec node "$(dirname "$0")/install-n8n.js" "$@"
