#!/usr/bin/env bash
# Debian packages the tests need: Chromium (browser tests), poppler-utils (pdftoppm: label sheets),
# Noto fonts (labels in Latin, Arabic and Ethiopic script), PostgreSQL client tools (pg_dump).
# Installs only what is missing; needs root or sudo when something is.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v pg_dump >/dev/null || missing+=(postgresql-client)
[ -f /usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf ] || missing+=(fonts-noto-core)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
