#!/usr/bin/env bash
# Fuzz the outline crate with cargo-fuzz (libFuzzer) on stable Rust.
#
#   scripts/fuzz.sh TARGET SECONDS   run one target (parse_check, structured,
#                                    linear_time) for SECONDS seconds
#   scripts/fuzz.sh smoke            run each target for 20 seconds
#
# cargo-fuzz passes nightly-only -Z flags to rustc; RUSTC_BOOTSTRAP=1 makes
# the stable toolchain accept them. The corpus fuzz/corpus/TARGET is seeded
# from fixtures/**/*.txt; the log goes to fuzz/logs/TARGET.log; crashes,
# timeouts and slow inputs land in fuzz/artifacts/TARGET/. Exits non-zero when
# a run wrote a new artifact or failed.
#
# The targets are built with debug assertions (integer overflow panics) and
# without a sanitizer: the crate and its parsing have no unsafe code, ASan
# makes a run about 30 times slower and distorts linear_time's timings, and
# switching sanitizers rebuilds everything. Set FUZZ_SANITIZER=address to
# fuzz with AddressSanitizer (it works on stable too). FUZZ_ARGS adds
# libFuzzer flags.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
FUZZ="$ROOT/fuzz"
export RUSTC_BOOTSTRAP=1

usage() {
  echo "usage: scripts/fuzz.sh TARGET SECONDS | scripts/fuzz.sh smoke" >&2
  echo "targets: parse_check structured linear_time" >&2
  exit 2
}

ensure_cargo_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install cargo-fuzz --locked
  fi
}

seed() {
  local target=$1 corpus="$FUZZ/corpus/$1"
  mkdir -p "$corpus"
  local file name
  while IFS= read -r -d '' file; do
    name=${file#fixtures/}
    name=${name//\//_}
    cp -f "$file" "$corpus/seed_$name"
  done < <(find fixtures -name '*.txt' -type f -print0)
}

run_one() {
  local target=$1 seconds=$2
  case $target in
    parse_check | structured | linear_time) ;;
    *) usage ;;
  esac
  [[ $seconds =~ ^[0-9]+$ ]] || usage

  local sanitizer=${FUZZ_SANITIZER:-none}
  local extra=(-print_final_stats=1)
  case $target in
    # Seeds longer than -max_len are cut to it. An input that takes over
    # 10 s is a timeout artifact.
    parse_check) extra+=(-timeout=10 -max_len=8192 -dict="$FUZZ/outline.dict") ;;
    structured) extra+=(-timeout=10 -max_len=4096) ;;
    # A unit of at most 64 bytes, each run parsing ~600 KB in all (see
    # fuzz_targets/linear_time.rs): allow 30 s before a timeout or a
    # slow-unit artifact, since the target itself judges the timings.
    linear_time) extra+=(-timeout=30 -report_slow_units=30 -max_len=160) ;;
  esac
  # shellcheck disable=SC2206
  extra+=(${FUZZ_ARGS:-})

  seed "$target"
  local artifacts="$FUZZ/artifacts/$target" log="$FUZZ/logs/$target.log"
  mkdir -p "$artifacts" "$FUZZ/logs"
  local before stamp="$FUZZ/logs/.$target.start"
  before=$(find "$artifacts" -type f | wc -l)
  touch "$stamp"

  # Debug assertions (-a) turn integer overflow into a panic.
  local flags=(--fuzz-dir "$FUZZ" -a --sanitizer "$sanitizer")
  echo "== $target: build (sanitizer $sanitizer)"
  cargo fuzz build "${flags[@]}" "$target" 2>&1 | tail -n 3

  echo "== $target: fuzz ${seconds}s, log $log"
  local status=0
  cargo fuzz run "${flags[@]}" "$target" "$FUZZ/corpus/$target" -- \
    -max_total_time="$seconds" "${extra[@]}" >"$log" 2>&1 || status=$?

  local after
  after=$(find "$artifacts" -type f | wc -l)
  local last
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  echo "   last: ${last:-(no status line)}"
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" |
    sed 's/^/   /' || true
  if ((after > before)) || ((status != 0)); then
    echo "   FAILED (exit $status, $((after - before)) new artifact(s) in $artifacts):"
    grep -E -m 5 "panicked at|invariant violations|superlinear|ERROR: libFuzzer|SUMMARY" "$log" |
      sed 's/^/   /' || true
    find "$artifacts" -type f -newer "$stamp" | sed 's/^/   artifact: /'
    return 1
  fi
  echo "   ok: no crash"
}

ensure_cargo_fuzz
case ${1:-} in
  smoke)
    [[ $# -eq 1 ]] || usage
    failed=0
    for target in parse_check structured linear_time; do
      run_one "$target" 20 || failed=1
    done
    exit "$failed"
    ;;
  "") usage ;;
  *)
    [[ $# -eq 2 ]] || usage
    run_one "$1" "$2"
    ;;
esac
