#!/usr/bin/env bash
# Install the Debian/Ubuntu packages listed in packaging/apt.txt that the machine does not have yet.
#   bash packaging/install-system-deps.sh          # what `reportgen build` needs
#   bash packaging/install-system-deps.sh --test   # also what the test suite needs
# Runs apt-get as root, or through sudo; without either it prints the command to run and exits 1, unless
# only [optional] packages are missing: those are installed where possible and never fail the script.
set -euo pipefail
list="$(dirname "$0")/apt.txt"
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

required=()
optional=()
section=main
while IFS= read -r line; do
  line="${line%%#*}"; line="${line//[[:space:]]/}"
  [ -z "$line" ] && continue
  case "$line" in
    "[optional]") section=optional; continue ;;
    "[test]") section=test; continue ;;
  esac
  case "$section" in
    main) required+=("$line") ;;
    optional) optional+=("$line") ;;
    test) [ "$want_test" = 1 ] && required+=("$line") ;;
  esac
done < "$list"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for pkg in "${required[@]}"; do installed "$pkg" || missing+=("$pkg"); done
missing_optional=()
for pkg in "${optional[@]}"; do installed "$pkg" || missing_optional+=("$pkg"); done
if [ "${#missing[@]}" -eq 0 ] && [ "${#missing_optional[@]}" -eq 0 ]; then
  echo "system packages: all $(( ${#required[@]} + ${#optional[@]} )) present"
  exit 0
fi

skip_optional() {  # $1: why; the build works without them (same bytes), so this is a note, not a failure
  echo "note: optional system packages not installed (${missing_optional[*]}): $1; reportgen builds the same files without them" >&2
}
sudo=""
if ! command -v apt-get >/dev/null 2>&1; then
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "system packages missing: ${missing[*]} (not a Debian/Ubuntu machine: install their equivalents)" >&2
    exit 1
  fi
  skip_optional "not a Debian/Ubuntu machine"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if [ "${#missing[@]}" -gt 0 ] && command -v sudo >/dev/null 2>&1; then
    sudo="sudo"  # may ask for a password: the build cannot work without these
  elif [ "${#missing[@]}" -gt 0 ]; then
    echo "system packages missing: ${missing[*]}; run as root: apt-get update && apt-get install -y ${missing[*]} ${missing_optional[*]}" >&2
    exit 1
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"  # only optional ones: through sudo if it asks for nothing, never a password prompt for them
  else
    skip_optional "needs root (apt-get install -y ${missing_optional[*]})"
    exit 0
  fi
fi
echo "installing system packages: ${missing[*]} ${missing_optional[*]}"
$sudo apt-get update -qq
if [ "${#missing[@]}" -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for pkg in "${missing_optional[@]}"; do
  # One at a time: an optional package this release does not have must not stop the others.
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1; then
    missing_optional=("$pkg")
    skip_optional "apt-get could not install it on this release"
  fi
done
