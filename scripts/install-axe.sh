#!/usr/bin/env bash
# Puts axe-core's axe.min.js (4.12, from the PyPI package axe-playwright-python 0.1.8, which ships it)
# at .build/axe/axe.min.js for the browser tests' accessibility check. The package goes into a
# virtual environment of its own (without its Playwright dependency: only the script is used).
set -euo pipefail
cd "$(dirname "$0")/.."
target=.build/axe/axe.min.js
[ -s "$target" ] && exit 0

if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  echo "Installing: python3 python3-venv"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends python3 python3-venv
fi
venv=.build/axe-venv
[ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check --no-deps 'axe-playwright-python==0.1.8'
script=$("$venv/bin/python" -c 'import axe_playwright_python, os; print(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"))')
mkdir -p .build/axe
cp "$script" "$target"
head -c 40 "$target" | grep -q 'axe v4.12' || { echo "unexpected axe.min.js version" >&2; exit 1; }
