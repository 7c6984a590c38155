#!/usr/bin/env bash
# Install the Debian/Ubuntu packages listed in packaging/apt.txt that the machine does not have yet.
#   bash packaging/install-system-deps.sh          # what `reportgen build` needs
#   bash packaging/install-system-deps.sh --test   # also what the test suite needs
# Runs apt-get as root, or through sudo; without either it prints the command to run and exits 1.
set -euo pipefail
list="$(dirname "$0")/apt.txt"
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

wanted=()
section=main
while IFS= read -r line; do
  line="${line%%#*}"; line="${line//[[:space:]]/}"
  [ -z "$line" ] && continue
  if [ "$line" = "[test]" ]; then section=test; continue; fi
  if [ "$section" = main ] || [ "$want_test" = 1 ]; then wanted+=("$line"); fi
done < "$list"

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages: all ${#wanted[@]} present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system packages missing: ${missing[*]} (not a Debian/Ubuntu machine: install their equivalents)" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "system packages missing: ${missing[*]}; run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
