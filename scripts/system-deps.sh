#!/usr/bin/env bash
# Debian packages the tests need: Chromium (browser tests), poppler-utils (pdftoppm: label sheets),
# PostgreSQL client tools (pg_dump). The label and page fonts come with the project (static/fonts).
# Installs only what is missing; needs root or sudo when something is.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v pg_dump >/dev/null || missing+=(postgresql-client)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
