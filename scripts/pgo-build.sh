#!/usr/bin/env bash
# Build `outline` with profile-guided optimization (PGO): the same code as
# `cargo build --release`, laid out and inlined by the compiler from a
# profile of the binary at work.
#
#   scripts/pgo-build.sh              # -> target/pgo/outline
#   PGO_OUT=/opt/outline scripts/pgo-build.sh
#
# Steps:
#   1. finds llvm-profdata in the toolchain (rustup's `llvm-tools`
#      component, installed with `rustup component add llvm-tools` when
#      missing: it must match rustc's LLVM, which a distribution's
#      llvm-profdata seldom does);
#   2. builds an instrumented binary (`-Cprofile-generate`);
#   3. runs it on the training inputs: every fixture (`parse`, `parse
#      --format tree`, `check`), every article of ../shared/corpus when it is
#      there, and a 4 MB article made of the fixtures (long inputs take the
#      two-thread path, short ones do not);
#   4. merges the profiles and builds with them (`-Cprofile-use`);
#   5. checks that the optimized binary writes what the plain release build
#      writes, byte for byte, on every fixture and on the 4 MB article: the
#      profile changes the machine code, never the output.
#
# Environment:
#   PGO_OUT       where the binary goes (default target/pgo)
#   PGO_WORK      where the builds and profiles go (default a temp dir,
#                 removed at the end)
# The builds take about 2-3 minutes each on 2 cores.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'pgo-build.sh: error: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo is not on PATH"
PGO_OUT=${PGO_OUT:-$ROOT/target/pgo}
if [[ -n ${PGO_WORK:-} ]]; then
    WORK=$PGO_WORK
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/outline-pgo.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
fi

# --- 1. llvm-profdata --------------------------------------------------------
SYSROOT=$(rustc --print sysroot)
HOST=$(rustc -vV | sed -n 's/^host: //p')
PROFDATA=$SYSROOT/lib/rustlib/$HOST/bin/llvm-profdata
if [[ ! -x $PROFDATA ]]; then
    command -v rustup >/dev/null || die "no llvm-profdata at $PROFDATA, and no rustup to install llvm-tools"
    say "installing rustup's llvm-tools component (llvm-profdata)"
    rustup component add llvm-tools >&2 || die "rustup component add llvm-tools failed"
fi
[[ -x $PROFDATA ]] || die "no llvm-profdata at $PROFDATA"

# --- 2. instrumented build ---------------------------------------------------------
PROFILES=$WORK/profiles
rm -rf "$PROFILES"
mkdir -p "$PROFILES"
say "building the instrumented binary"
RUSTFLAGS="-Cprofile-generate=$PROFILES" CARGO_TARGET_DIR=$WORK/generate \
    cargo build --release --quiet --bin outline
TRAINEE=$WORK/generate/release/outline

# --- 3. training ---------------------------------------------------------------------
FIXTURES=()
while IFS= read -r -d '' file; do FIXTURES+=("$file"); done \
    < <(find fixtures -name '*.txt' -type f -print0 | LC_ALL=C sort -z)
((${#FIXTURES[@]} > 0)) || die "no fixtures under fixtures/"
LONG=$WORK/long.txt
while (($(stat -c %s "$LONG" 2>/dev/null || echo 0) < 4000000)); do
    for file in "${FIXTURES[@]}"; do cat "$file"; printf '\n\n'; done >>"$LONG"
done
CORPUS=()
if [[ -d ../shared/corpus ]]; then
    while IFS= read -r -d '' file; do CORPUS+=("$file"); done \
        < <(find ../shared/corpus -type f ! -name 'MANIFEST*' -print0 | LC_ALL=C sort -z)
fi
say "training on ${#FIXTURES[@]} fixtures, ${#CORPUS[@]} corpus files and a 4 MB article"
# Exit status 1 (findings) and 2 (an undecodable file) are part of the
# work being profiled, not failures of the training.
for file in "${FIXTURES[@]}"; do
    "$TRAINEE" parse "$file" >/dev/null 2>&1 || true
    "$TRAINEE" parse --format tree "$file" >/dev/null 2>&1 || true
    "$TRAINEE" check "$file" >/dev/null 2>&1 || true
done
for file in ${CORPUS[@]+"${CORPUS[@]}"}; do
    "$TRAINEE" parse "$file" >/dev/null 2>&1 || true
done
for _ in 1 2 3; do "$TRAINEE" parse "$LONG" >/dev/null; done

# --- 4. optimized build ----------------------------------------------------------------
"$PROFDATA" merge -o "$WORK/merged.profdata" "$PROFILES"
say "building with the profile"
RUSTFLAGS="-Cprofile-use=$WORK/merged.profdata" CARGO_TARGET_DIR=$WORK/use \
    cargo build --release --quiet --bin outline
mkdir -p "$PGO_OUT"
cp "$WORK/use/release/outline" "$PGO_OUT/outline"

# --- 5. same output as the plain build -----------------------------------------------
say "checking the output against the plain release build"
cargo build --release --quiet --bin outline
PLAIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/outline
[[ $PLAIN = /* ]] || PLAIN=$ROOT/$PLAIN
for file in "${FIXTURES[@]}" "$LONG"; do
    cmp -s <("$PLAIN" parse "$file" 2>&1) <("$PGO_OUT/outline" parse "$file" 2>&1) ||
        die "$file: the PGO build writes another outline than the plain build"
done
say "done: $PGO_OUT/outline"
