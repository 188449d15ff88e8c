#!/usr/bin/env bash
# Installs a real n8n (pinned version) into a cache folder outside the project, once.
# Prints the folder on stdout. Re-running is a no-op when the install is complete.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.8.4}"
CACHE_ROOT="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-voice-campaigns}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
if [ -x "$DIR/node_modules/.bin/n8n" ] && [ -f "$DIR/.complete" ]; then
  echo "$DIR"
  exit 0
fi
mkdir -p "$DIR"
cat > "$DIR/package.json" <<JSON
{
  "name": "n8n-runtime-cache",
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
echo "Installing n8n $N8N_VERSION into $DIR (first time only, a few minutes)..." >&2
(cd "$DIR" && npm install --no-audit --no-fund --loglevel=error >&2)
touch "$DIR/.complete"
echo "$DIR"
