#!/usr/bin/env bash
# Makes sure the two services n8n's queue mode needs are installed: Redis (`redis-server`) and PostgreSQL (`initdb`,
# `postgres`, `pg_ctl`). Installs Debian's `redis-server` / `postgresql` packages with apt-get when missing (root only),
# without letting apt start their system services: the queue-mode suite starts its own throw-away instances on free
# loopback ports and stops them itself.
#
# Prints two lines on stdout:
#   REDIS_SERVER=<path of redis-server>
#   PG_BIN=<folder holding initdb, postgres, pg_ctl, createdb>
set -euo pipefail

find_pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  return 1
}

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
find_pg_bin >/dev/null || missing+=(postgresql)

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "queue-services: ${missing[*]} missing and not root: install them (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "queue-services: installing ${missing[*]} (apt-get)..." >&2
  # policy-rc.d answering 101 stops the packages' maintainer scripts from starting the system services.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    own_policy=1
  fi
  trap '[ "$own_policy" = 1 ] && rm -f "$policy"' EXIT
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

echo "REDIS_SERVER=$(command -v redis-server)"
echo "PG_BIN=$(find_pg_bin)"
