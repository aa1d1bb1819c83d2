#!/usr/bin/env bash
# Runs the Aiken compiler pinned in aiken.toml, building it first when this machine has
# none: `bash scripts/aiken.sh build -t silent`, `bash scripts/aiken.sh check`, …
# `bash scripts/aiken.sh --path` only makes sure it is there and prints its path.
#
# Why: the compiler is not on npm (its npm package downloads a GitHub release, which this
# network cannot reach), so it is built from the Rust package registry, once per machine,
# into ~/.cargo/bin, where later runs find it. `npm run build` and `npm test` call this
# script, so the README's two commands still set up a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

want="$(sed -n 's/^compiler *= *"v\{0,1\}\([0-9.]*\)".*/\1/p' aiken.toml)"
[ -n "$want" ] || { echo "scripts/aiken.sh: aiken.toml names no compiler version" >&2; exit 1; }
root="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$root/bin:$PATH"

have_version() { "$1" --version 2>/dev/null | awk '{print $2}' | sed -e 's/+.*//' -e 's/^v//'; }

find_aiken() {
  for c in "$root/bin/aiken" "$(command -v aiken 2>/dev/null || true)"; do
    if [ -n "$c" ] && [ -x "$c" ] && [ "$(have_version "$c")" = "$want" ]; then echo "$c"; return 0; fi
  done
  return 1
}

if ! bin="$(find_aiken)"; then
  echo "scripts/aiken.sh: Aiken $want not found; building it from source with cargo (one-off, about 15 minutes on 2 cores)…" >&2
  command -v cargo >/dev/null || { echo "scripts/aiken.sh: cargo is not installed; install Rust (rustup) ≥ 1.94, then run again" >&2; exit 1; }
  rustc_minor="$(rustc --version | awk '{print $2}' | cut -d. -f2)"
  if [ "${rustc_minor:-0}" -lt 94 ]; then
    echo "scripts/aiken.sh: Aiken $want needs rustc ≥ 1.94 (found $(rustc --version)); run 'rustup update stable'" >&2
    exit 1
  fi
  if ! pkg-config --exists openssl 2>/dev/null; then
    echo "scripts/aiken.sh: installing the Debian packages the build needs (pkg-config, libssl-dev)…" >&2
    if [ "$(id -u)" = 0 ]; then apt-get update -qq >&2 && apt-get install -y -qq pkg-config libssl-dev >&2
    else sudo apt-get update -qq >&2 && sudo apt-get install -y -qq pkg-config libssl-dev >&2; fi \
      || { echo "scripts/aiken.sh: could not install pkg-config and libssl-dev" >&2; exit 1; }
  fi
  t0=$(date +%s)
  if ! cargo install aiken --locked --version "$want" --root "$root" >&2; then
    echo "scripts/aiken.sh: 'cargo install aiken --locked --version $want' failed (see above)" >&2
    exit 1
  fi
  echo "scripts/aiken.sh: built Aiken $want in $(( $(date +%s) - t0 )) s" >&2
  bin="$(find_aiken)" || { echo "scripts/aiken.sh: Aiken $want was built but is not at $root/bin" >&2; exit 1; }
fi

if [ "${1:-}" = "--path" ]; then echo "$bin"; exit 0; fi
exec "$bin" "$@"
