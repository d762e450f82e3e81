# Shared set-up for scripts/run.sh and scripts/test.sh (sourced, not run).
# Installs the Debian packages Qt and Xvfb need when missing (as root or with sudo; otherwise
# prints the exact apt-get line and stops), creates .venv if absent and installs the package.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
PYTHON="${PYTHON:-python3}"

# Libraries Qt's xcb platform plugin and VTK's OpenGL need at run time.
RUNTIME_PACKAGES=(libgl1 libgl1-mesa-dri libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxrender1
  libxi6 libsm6 libice6 libx11-xcb1)
# A virtual display for the window tests.
TEST_PACKAGES=(xvfb xauth)

ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0 # not Debian/Ubuntu: nothing to check
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "setup: installing system packages with sudo: ${missing[*]}"
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these system packages are missing: ${missing[*]}" >&2
    echo "setup: install them as root, then run this command again:" >&2
    echo "  sudo sh -c '$line'" >&2
    exit 1
  fi
}

ensure_venv() {
  # $1: the extras to install, e.g. "" or "[test,build]"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: creating the virtual environment $VENV"
    if ! "$PYTHON" -m venv "$VENV"; then
      echo "setup: '$PYTHON -m venv' failed; on Debian/Ubuntu install python3-venv:" >&2
      echo "  sudo apt-get install -y python3-venv" >&2
      exit 1
    fi
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
  fi
  echo "setup: installing tp-explorer$1 into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$REPO$1"
  # An editable install leaves the package's bytecode to the first start, and none is written
  # where PYTHONDONTWRITEBYTECODE is set: compile it now (~0.15 s off every start).
  "$VENV/bin/python" -m compileall -q "$REPO/tp_explorer" >/dev/null || true
}
