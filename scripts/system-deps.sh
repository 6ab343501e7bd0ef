#!/usr/bin/env bash
# Install the system libraries Qt (and the PDF checks) need on Debian/Ubuntu.
# Usage: scripts/system-deps.sh test|gui   — installs what is missing when root, else prints the exact command.
set -euo pipefail
what="${1:-test}"
case "$(uname -s)" in
  Linux) ;;
  Darwin) echo "macOS: no system packages needed (Qt ships in the PySide6 wheel)."; exit 0 ;;
  *) echo "Windows: no system packages needed (Qt ships in the PySide6 wheel)."; exit 0 ;;
esac
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian-family system: install your distribution's packages for OpenGL/EGL, fontconfig, xkbcommon,"
  echo "dbus, the DejaVu fonts, a CJK and a Thai TrueType font, and poppler-utils (and xcb-cursor/icccm/keysyms for a"
  echo "real window)."
  exit 0
fi
# The PDF prints Chinese, Japanese and Korean names in a CJK font and Thai names in a Thai one found on the system
# (else as boxes): both for the app's Export PDF as for the tests.
pkgs="libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core"
pkgs="$pkgs fonts-wqy-microhei fonts-tlwg-loma-ttf"
if [ "$what" = test ]; then
  pkgs="$pkgs poppler-utils"
else
  pkgs="$pkgs libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0"
  pkgs="$pkgs libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0"
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get update && apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
  echo "Installing system packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo sh -c "DEBIAN_FRONTEND=noninteractive $cmd"
else
  echo "These system packages are missing:$missing"
  echo "Run as root:  $cmd"
  [ "$what" = test ] && exit 1 || exit 0
fi
