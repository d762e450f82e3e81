#!/usr/bin/env bash
# Set up from nothing (system libraries, Xvfb, .venv with the test and build extras), then run
# every check: lint, format, layer contracts, the knowledge file, and the whole test suite under
# a virtual display that pytest starts itself (pytest-xvfb). Extra arguments go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ensure_debian_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_venv "[test,build]"
cd "$REPO"
export PATH="$VENV/bin:$PATH"
unset QT_QPA_PLATFORM # the 3D widget needs a real (virtual) X display, not Qt's offscreen plugin

echo "== ruff check";           ruff check .
echo "== ruff format --check";  ruff format --check .
echo "== import contracts";     lint-imports --no-cache
echo "== knowledge file";       tp-explorer check regions.yaml
echo "== pytest";               python -m pytest "$@"
