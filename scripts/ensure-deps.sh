#!/usr/bin/env bash
# Installs the Debian packages ActorStreams needs when they are missing.
# Usage: scripts/ensure-deps.sh [runtime|test]
#   runtime: nothing (the Kafka client's native library, librdkafka, comes bundled with the program)
#   test:    kcat (an independent Kafka client), PostgreSQL 15, python3 (test.sh sums the results with it),
#            chromium (the dashboard's browser tests drive it headless through Playwright) and, when no npm is on
#            the PATH, nodejs and npm (the lake's S3 tests install and run s3rver, an S3-compatible server, with them)
set -euo pipefail

profile="${1:-runtime}"
packages=()
if [[ "$profile" == "test" ]]; then
  packages+=(kcat postgresql python3 chromium)
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi
[[ ${#packages[@]} -eq 0 ]] && exit 0

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "actorstreams: missing packages ${missing[*]} and no apt-get to install them" >&2
  exit 1
fi
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "actorstreams: install as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "actorstreams: installing ${missing[*]} (apt)..." >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; refresh them when an install cannot find a package.
if ! "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/actorstreams-apt.log 2>&1; then
  "${sudo_cmd[@]}" apt-get update -q >>/tmp/actorstreams-apt.log 2>&1
  if ! "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/actorstreams-apt.log 2>&1; then
    echo "actorstreams: apt-get install ${missing[*]} failed; see /tmp/actorstreams-apt.log" >&2
    tail -n 20 /tmp/actorstreams-apt.log >&2
    exit 1
  fi
fi
