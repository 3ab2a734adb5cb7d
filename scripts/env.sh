# Sourced by scripts/setup, scripts/serve and scripts/test: paths, PATH and pinned tool versions.
# The wasm-bindgen version is not pinned here: it is read from Cargo.lock.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# cargo and rustup need HOME; a bare CI environment may lack it.
export HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
TOOLS="$ROOT/.tools"                   # npm tools (git-ignored)
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"   # cargo tools (kept between clones on one machine)
export PATH="$TOOLS/node_modules/.bin:$CARGO_BIN:$PATH"

TRUNK_VERSION=0.21.14        # 0.22 needs a newer rustc than this machine has
BINARYEN_VERSION=132.0.0     # wasm-opt; Debian's binaryen 108 produces a blank page
AXE_CORE_VERSION=4.14.1      # accessibility checks in browser tests

# The wasm-bindgen version that Cargo.lock resolved (the CLI must match it exactly).
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Seconds since the epoch, for the timings the scripts print.
now_s() { date +%s; }
