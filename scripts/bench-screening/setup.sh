#!/usr/bin/env bash
# Sets up the Python side of the name-screening comparison (OpenSanctions' nomenklatura).
# Idempotent: installs only what is missing, and reinstalls the venv's packages only when
# requirements.txt has changed since the last successful run.
#
#   scripts/bench-screening/setup.sh
#
# Environment:
#   LIAISON_BENCH_VENV  where the venv goes (default: ~/.cache/liaison/nomenklatura-venv)
#   PYTHON              interpreter to build the venv from (default: python3)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${LIAISON_BENCH_VENV:-$HOME/.cache/liaison/nomenklatura-venv}"
python="${PYTHON:-python3}"
requirements="$here/requirements.txt"
start=$SECONDS

say() { printf 'setup: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# 1. Debian packages. PyICU compiles against the system ICU (libicu-dev, found via pkg-config).
missing=()
for pkg in libicu-dev pkg-config python3-venv; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo: install ${missing[*]} by hand"
    sudo="sudo"
  fi
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
else
  say "Debian packages present: libicu-dev pkg-config python3-venv"
fi

# 2. The venv, outside the repository.
command -v "$python" >/dev/null || die "no '$python' on PATH (set PYTHON=...)"
if [[ ! -x "$venv/bin/python" ]]; then
  say "creating venv at $venv with $("$python" --version 2>&1)"
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv"
else
  say "venv exists at $venv"
fi

# 3. The pinned packages; skipped when this requirements.txt was already installed.
stamp="$venv/.liaison-requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  say "requirements already installed"
else
  say "installing requirements (building PyICU takes a few minutes)"
  "$venv/bin/pip" install --disable-pip-version-check -q -r "$requirements"
  echo "$want" >"$stamp"
fi

# 4. Check that the matcher imports and runs.
"$venv/bin/python" - <<'EOF'
import icu
from nomenklatura.matching import get_algorithm
assert get_algorithm("logic-v2") is not None, "nomenklatura has no logic-v2"
print(f"setup: ok: nomenklatura logic-v2 available, ICU {icu.ICU_VERSION}", flush=True)
EOF
say "done in $((SECONDS - start)) s; run: $venv/bin/python $here/nomenklatura_pairs.py PAIRS.jsonl"
