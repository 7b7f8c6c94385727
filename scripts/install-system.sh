#!/usr/bin/env bash
# Installs the Debian packages Qorgau needs (OCR with Kazakh + Russian, Chromium for the page tests).
# Idempotent: does nothing when every package is already installed.
set -euo pipefail

PACKAGES=(tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus chromium fonts-dejavu-core)

missing=()
for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
fi
echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
