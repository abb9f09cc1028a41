#!/usr/bin/env bash
# Benchmark `outline parse` against pulldown-cmark and comrak (issue 6).
#
#   scripts/bench.sh                  # everything, ROUNDS=5
#   ROUNDS=3 CALLGRIND=0 scripts/bench.sh
#   PGO=1 scripts/bench.sh            # also the PGO build (scripts/pgo-build.sh)
#
# One run:
#   1. builds outline in release (honours CARGO_TARGET_DIR, default target/);
#   2. installs pinned pulldown-cmark and comrak with `cargo install --locked`
#      into $BENCH_TOOLS (default ~/.cache/outline-bench) if missing;
#   3. builds a ~$SIZE_MB MB input from the fixtures: the seed article and
#      every fixtures/layouts/*.txt and fixtures/markers/*.txt (sorted by
#      name), each followed by a blank line, repeated; every input made is
#      synced to disk before it is timed (its writeback would otherwise
#      land in the middle of the runs);
#   4. times `outline parse FILE >/dev/null` (JSON out),
#      `pulldown-cmark <FILE >/dev/null` (HTML out) and
#      `comrak FILE >/dev/null` (HTML out) interleaved over $ROUNDS rounds
#      (the order rotates each round); wall time from `date +%s%N`, peak RSS
#      from `/usr/bin/time -f %M`; prints medians, MB/s, peak RSS, RSS/input
#      and the speed ratios;
#   5. scaling: outline on the input and on ten copies of it (needs
#      10 x SIZE_MB of free space in the temp dir, otherwise falls back to a
#      5 MB / 50 MB pair);
#   5b. batch: `outline parse -j 1 DIR` against `-j 2 DIR` (JSON Lines out),
#      interleaved over $BATCH_ROUNDS rounds, on a directory of 10,000 small
#      files (each one of fixtures/layouts and fixtures/markers, in turn)
#      and on a mixed one: 2,560 small files and, as one file in 128, a
#      3 MB article of the fixtures (BATCH=0 skips it);
#   6. instructions per byte: `valgrind --tool=callgrind` for outline and
#      pulldown-cmark on a $CALLGRIND_MB MB input, and for outline pinned
#      to one core as well (`taskset -c 0`: repeatable within ~100 instructions;
#      callgrind runs ~50x slower than native: a few minutes for 10 MB;
#      CALLGRIND=0 skips it);
#   7. prints a summary table.
#
# MB = 10^6 bytes throughout. Environment:
#   ROUNDS        timed rounds per tool (default 5)
#   SCALE_ROUNDS  rounds for the scaling pair (default: ROUNDS)
#   SIZE_MB       size of the main input (default 50)
#   CALLGRIND_MB  size of the callgrind input (default 10)
#   CALLGRIND     0 to skip callgrind (default 1)
#   SCALING       0 to skip the x10 run (default 1)
#   BATCH         0 to skip the batch runs (default 1)
#   BATCH_ROUNDS  rounds for each batch pair (default 15: the runs are short
#                 and their times noisy)
#   BENCH_TOOLS   where pulldown-cmark and comrak are installed
#   PROFILE_TOP   functions listed from outline's callgrind profile (default 15)
#   PGO           1 to build outline with scripts/pgo-build.sh as well and
#                 time it beside the others (row `outline-pgo`, extra lines
#                 in the summary); the targets are judged on the plain
#                 release build, which is what `cargo install` gives
#   KEEP          1 to keep the temp dir with the inputs and callgrind files
#                 (callgrind_annotate WORK/callgrind.outline.out for more)
#   TMPDIR        where the temp dir goes (default /tmp)
# Network: only crates.io, through `cargo install`, and only when a tool is
# missing from BENCH_TOOLS.
set -euo pipefail

PULLDOWN_VERSION=0.13.6
COMRAK_VERSION=0.59.0

ROUNDS=${ROUNDS:-5}
SCALE_ROUNDS=${SCALE_ROUNDS:-$ROUNDS}
SIZE_MB=${SIZE_MB:-50}
CALLGRIND_MB=${CALLGRIND_MB:-10}
CALLGRIND=${CALLGRIND:-1}
SCALING=${SCALING:-1}
BATCH=${BATCH:-1}
BATCH_ROUNDS=${BATCH_ROUNDS:-15}
BENCH_TOOLS=${BENCH_TOOLS:-$HOME/.cache/outline-bench}
KEEP=${KEEP:-0}
PGO=${PGO:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench.sh: error: %s\n' "$*" >&2; exit 1; }
now_ns() { date +%s%N; }

for n in ROUNDS SCALE_ROUNDS BATCH_ROUNDS SIZE_MB CALLGRIND_MB; do
    [[ ${!n} =~ ^[1-9][0-9]*$ ]] || die "$n must be a positive integer (got '${!n}')"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package 'time')"
command -v cargo >/dev/null || die "cargo is not on PATH"

START_NS=$(now_ns)

# --- 1. outline ----------------------------------------------------------
TARGET_DIR=${CARGO_TARGET_DIR:-target}
[[ $TARGET_DIR = /* ]] || TARGET_DIR=$ROOT/$TARGET_DIR
OUTLINE=$TARGET_DIR/release/outline
say "building outline (release, target dir $TARGET_DIR)"
CARGO_TARGET_DIR=$TARGET_DIR cargo build --release --quiet --bin outline
[[ -x $OUTLINE ]] || die "no binary at $OUTLINE after the build"
OUTLINE_VERSION="$("$OUTLINE" --version | awk '{print $NF}') ($(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo '+dirty'))"

OUTLINE_PGO=""
if [[ $PGO = 1 ]]; then
    say "building outline with profile-guided optimization (scripts/pgo-build.sh, about 6 min)"
    PGO_OUT=$TARGET_DIR/pgo CARGO_TARGET_DIR=$TARGET_DIR bash "$ROOT/scripts/pgo-build.sh" ||
        die "scripts/pgo-build.sh failed"
    OUTLINE_PGO=$TARGET_DIR/pgo/outline
fi

# --- 2. pulldown-cmark and comrak ------------------------------------------
install_tool() { # crate version -> prints the binary path
    local crate=$1 version=$2 dir=$BENCH_TOOLS/$1-$2
    if [[ ! -x $dir/bin/$crate ]]; then
        say "installing $crate $version into $dir (cargo install --locked; 1 min for pulldown-cmark, up to 10 min for comrak on 2 cores)"
        # A temp target dir of its own, not the project's.
        env -u CARGO_TARGET_DIR cargo install "$crate" --version "=$version" \
            --locked --quiet --root "$dir" >&2 \
            || die "cargo install $crate $version failed"
    fi
    printf '%s\n' "$dir/bin/$crate"
}
PULLDOWN=$(install_tool pulldown-cmark "$PULLDOWN_VERSION")
COMRAK=$(install_tool comrak "$COMRAK_VERSION")

# --- 3. inputs -------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/outline-bench.XXXXXX")
cleanup() { if [[ $KEEP = 1 ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

UNIT=$WORK/unit.txt
{
    for f in fixtures/ai-industry-upgrade.txt \
        $(LC_ALL=C ls fixtures/layouts/*.txt fixtures/markers/*.txt); do
        cat "$f"
        # A line break if the file lacks a final one, then a blank line.
        [[ -z $(tail -c1 "$f") ]] || printf '\n'
        printf '\n'
    done
} >"$UNIT"
UNIT_BYTES=$(stat -c %s "$UNIT")

make_input() { # file megabytes: whole units, at least that many MB
    local file=$1 bytes=$(($2 * 1000000))
    local copies=$(((bytes + UNIT_BYTES - 1) / UNIT_BYTES))
    local i
    for ((i = 0; i < copies; i++)); do cat "$UNIT"; done >"$file"
    settle "$file"
}
# settle FILE...: write the files out to disk now, so that the kernel's
# writeback of their dirty pages (about 30 s after they were written) does
# not fall in the middle of the timed runs on this small machine.
settle() { sync "$@" 2>/dev/null || sync; }
size_of() { stat -c %s "$1"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }

INPUT=$WORK/input.txt
make_input "$INPUT" "$SIZE_MB"
INPUT_BYTES=$(size_of "$INPUT")
say "input: $INPUT_BYTES bytes ($(mb "$INPUT_BYTES") MB; $((INPUT_BYTES / UNIT_BYTES)) copies of a $UNIT_BYTES-byte unit of fixtures)"

# --- timing helpers ----------------------------------------------------------
# measure TOOL FILE: runs the tool once, prints "SECONDS RSS_KB".
measure() {
    local tool=$1 file=$2 t0 t1 status=0
    t0=$(now_ns)
    case $tool in
        outline) /usr/bin/time -f '%e %M' -o "$WORK/time" "$OUTLINE" parse "$file" >/dev/null 2>"$WORK/stderr" || status=$? ;;
        outline-pgo) /usr/bin/time -f '%e %M' -o "$WORK/time" "$OUTLINE_PGO" parse "$file" >/dev/null 2>"$WORK/stderr" || status=$? ;;
        pulldown-cmark) /usr/bin/time -f '%e %M' -o "$WORK/time" "$PULLDOWN" <"$file" >/dev/null 2>"$WORK/stderr" || status=$? ;;
        comrak) /usr/bin/time -f '%e %M' -o "$WORK/time" "$COMRAK" --config-file none "$file" >/dev/null 2>"$WORK/stderr" || status=$? ;;
        *) die "unknown tool $tool" ;;
    esac
    t1=$(now_ns)
    if ((status != 0)); then
        cat "$WORK/stderr" >&2
        die "$tool on $file exited with status $status"
    fi
    awk -v ns=$((t1 - t0)) 'END { printf "%.4f %d\n", ns / 1e9, $2 }' "$WORK/time"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { sort -g | tail -n1; }

# --- 4. interleaved rounds ---------------------------------------------------
TOOLS=(outline pulldown-cmark comrak)
[[ $PGO = 1 ]] && TOOLS+=(outline-pgo)
cat "$INPUT" >/dev/null # into the page cache
say "warm-up: one untimed run of each tool"
for tool in "${TOOLS[@]}"; do measure "$tool" "$INPUT" >/dev/null; done

say "timing ${TOOLS[*]} on $(mb "$INPUT_BYTES") MB, $ROUNDS interleaved rounds"
: >"$WORK/runs"
for ((r = 0; r < ROUNDS; r++)); do
    line="round $((r + 1))/$ROUNDS:"
    for ((k = 0; k < ${#TOOLS[@]}; k++)); do
        tool=${TOOLS[$(((r + k) % ${#TOOLS[@]}))]}
        result=$(measure "$tool" "$INPUT")
        read -r secs rss <<<"$result"
        printf '%s %s %s\n' "$tool" "$secs" "$rss" >>"$WORK/runs"
        line+=" $tool ${secs}s $((rss / 1024))MiB;"
    done
    say "$line"
done

declare -A SECS RSS_MB RATIO_RSS MBPS
for tool in "${TOOLS[@]}"; do
    SECS[$tool]=$(awk -v t="$tool" '$1 == t { print $2 }' "$WORK/runs" | median)
    rss_kb=$(awk -v t="$tool" '$1 == t { print $3 }' "$WORK/runs" | maximum)
    RSS_MB[$tool]=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
    RATIO_RSS[$tool]=$(awk -v k="$rss_kb" -v b="$INPUT_BYTES" 'BEGIN { printf "%.2f", k * 1024 / b }')
    MBPS[$tool]=$(awk -v s="${SECS[$tool]}" -v b="$INPUT_BYTES" 'BEGIN { printf "%.1f", b / 1e6 / s }')
done
SPEED_VS_PULLDOWN=$(awk -v o="${SECS[outline]}" -v p="${SECS[pulldown-cmark]}" 'BEGIN { printf "%.2f", p / o }')
SPEED_VS_COMRAK=$(awk -v o="${SECS[outline]}" -v c="${SECS[comrak]}" 'BEGIN { printf "%.2f", c / o }')
if [[ $PGO = 1 ]]; then
    PGO_VS_PULLDOWN=$(awk -v o="${SECS[outline-pgo]}" -v p="${SECS[pulldown-cmark]}" 'BEGIN { printf "%.2f", p / o }')
fi

# --- 5. scaling ----------------------------------------------------------------
SCALE_RATIO=skipped SCALE_DESC="" SCALE_T1="" SCALE_T10=""
if [[ $SCALING = 1 ]]; then
    avail_kb=$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')
    mem_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
    need=$((INPUT_BYTES * 10 / 1024))
    # Memory: ten times outline's peak on the x1 input, plus a fifth.
    outline_rss_kb=$(awk '$1 == "outline" { print $3 }' "$WORK/runs" | maximum)
    need_mem=$((outline_rss_kb * 12))
    if ((avail_kb > need * 2 && mem_kb > need_mem)); then
        BASE=$INPUT
    else
        say "scaling: not enough room for 10 x $(mb "$INPUT_BYTES") MB (disk: ${avail_kb} kB free, need $((need * 2)); memory: ${mem_kb} kB available, need $need_mem); using a 5 MB base"
        BASE=$WORK/base5.txt
        make_input "$BASE" 5
    fi
    BIG=$WORK/x10.txt
    for i in 1 2 3 4 5 6 7 8 9 10; do cat "$BASE"; done >"$BIG"
    settle "$BIG"
    BASE_BYTES=$(size_of "$BASE")
    SCALE_DESC="$(mb "$BASE_BYTES") MB -> $(mb "$(size_of "$BIG")") MB"
    say "scaling: outline on $SCALE_DESC, $SCALE_ROUNDS interleaved rounds"
    cat "$BIG" >/dev/null
    : >"$WORK/scale"
    for ((r = 0; r < SCALE_ROUNDS; r++)); do
        result=$(measure outline "$BASE")
        read -r s1 _ <<<"$result"
        result=$(measure outline "$BIG")
        read -r s10 rss10 <<<"$result"
        printf 'x1 %s\nx10 %s\n' "$s1" "$s10" >>"$WORK/scale"
        say "round $((r + 1))/$SCALE_ROUNDS: x1 ${s1}s, x10 ${s10}s (peak RSS $((rss10 / 1024)) MiB)"
    done
    SCALE_T1=$(awk '$1 == "x1" { print $2 }' "$WORK/scale" | median)
    SCALE_T10=$(awk '$1 == "x10" { print $2 }' "$WORK/scale" | median)
    SCALE_RATIO=$(awk -v a="$SCALE_T1" -v b="$SCALE_T10" 'BEGIN { printf "%.2f", b / a }')
    rm -f "$BIG"
fi

# --- 5b. batch -------------------------------------------------------------------
declare -A BATCH_RATIO BATCH_T1 BATCH_T2
if [[ $BATCH = 1 ]]; then
    SMALL=($(LC_ALL=C ls fixtures/layouts/*.txt fixtures/markers/*.txt))
    LARGE=$WORK/large.txt
    make_input "$LARGE" 3
    mkdir -p "$WORK/batch-small" "$WORK/batch-mixed"
    for ((i = 0; i < 10000; i++)); do
        cp "${SMALL[$((i % ${#SMALL[@]}))]}" "$WORK/batch-small/$(printf '%05d' "$i").txt"
    done
    for ((i = 0; i < 2560; i++)); do
        if ((i % 128 == 5)); then src=$LARGE; else src=${SMALL[$((i % ${#SMALL[@]}))]}; fi
        cp "$src" "$WORK/batch-mixed/$(printf '%05d' "$i").txt"
    done
    settle
    # batch_time DIR JOBS: seconds of one run.
    batch_time() {
        local t0 t1
        t0=$(now_ns)
        "$OUTLINE" parse -j "$2" "$1" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; die "outline parse -j $2 $1 failed"; }
        t1=$(now_ns)
        awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.4f\n", ns / 1e9 }'
    }
    for set in small mixed; do
        dir=$WORK/batch-$set
        cat "$dir"/* >/dev/null
        batch_time "$dir" 2 >/dev/null # warm-up
        say "batch: outline parse -j 1 / -j 2 on $set ($(ls "$dir" | wc -l) files, $(mb "$(du -sb "$dir" | cut -f1)") MB), $BATCH_ROUNDS interleaved rounds"
        : >"$WORK/batch-$set.runs"
        for ((r = 0; r < BATCH_ROUNDS; r++)); do
            if ((r % 2)); then order="2 1"; else order="1 2"; fi
            line="round $((r + 1))/$BATCH_ROUNDS:"
            for jobs in $order; do
                secs=$(batch_time "$dir" "$jobs")
                printf 'j%s %s\n' "$jobs" "$secs" >>"$WORK/batch-$set.runs"
                line+=" -j $jobs ${secs}s;"
            done
            say "$line"
        done
        BATCH_T1[$set]=$(awk '$1 == "j1" { print $2 }' "$WORK/batch-$set.runs" | median)
        BATCH_T2[$set]=$(awk '$1 == "j2" { print $2 }' "$WORK/batch-$set.runs" | median)
        BATCH_RATIO[$set]=$(awk -v a="${BATCH_T1[$set]}" -v b="${BATCH_T2[$set]}" 'BEGIN { printf "%.2f", a / b }')
    done
    rm -rf "$WORK/batch-small" "$WORK/batch-mixed"
fi

# --- 6. callgrind ----------------------------------------------------------------
declare -A IR IR_PER_BYTE
IR[outline]="" IR[pulldown-cmark]=""
IR_PER_BYTE[outline]="-" IR_PER_BYTE[pulldown-cmark]="-" IR_PER_BYTE[comrak]="-" IR_PER_BYTE[outline-pgo]="-"
CG_TOOLS=(outline pulldown-cmark)
# outline again on one core: callgrind runs one thread at a time either
# way, but with two the builder hands more paragraphs' inline-point
# searches to the writer by timing, so the total moves by about 1% from
# run to run; pinned to one core it repeats within about 100 instructions.
command -v taskset >/dev/null && CG_TOOLS+=(outline-1core)
[[ $PGO = 1 ]] && CG_TOOLS+=(outline-pgo)
CG_SECS=""
if [[ $CALLGRIND = 1 ]] && ! command -v valgrind >/dev/null; then
    say "callgrind: valgrind is not installed (Debian package 'valgrind'); skipping"
    CALLGRIND=0
fi
if [[ $CALLGRIND = 1 ]]; then
    CG_INPUT=$WORK/callgrind.txt
    make_input "$CG_INPUT" "$CALLGRIND_MB"
    CG_BYTES=$(size_of "$CG_INPUT")
    say "callgrind: ${CG_TOOLS[*]} on $(mb "$CG_BYTES") MB (slow: ~50x native; about 1-2 min for 10 MB at the current speed)"
    cg0=$(now_ns)
    for tool in "${CG_TOOLS[@]}"; do
        out=$WORK/callgrind.$tool.out
        t0=$(now_ns)
        case $tool in
            outline) valgrind --tool=callgrind --callgrind-out-file="$out" "$OUTLINE" parse "$CG_INPUT" >/dev/null 2>"$WORK/valgrind.$tool.log" ;;
            outline-1core) taskset -c 0 valgrind --tool=callgrind --callgrind-out-file="$out" "$OUTLINE" parse "$CG_INPUT" >/dev/null 2>"$WORK/valgrind.$tool.log" ;;
            outline-pgo) valgrind --tool=callgrind --callgrind-out-file="$out" "$OUTLINE_PGO" parse "$CG_INPUT" >/dev/null 2>"$WORK/valgrind.$tool.log" ;;
            pulldown-cmark) valgrind --tool=callgrind --callgrind-out-file="$out" "$PULLDOWN" <"$CG_INPUT" >/dev/null 2>"$WORK/valgrind.$tool.log" ;;
        esac || { cat "$WORK/valgrind.$tool.log" >&2; die "callgrind run of $tool failed"; }
        # "summary:" (older valgrind) or "totals:" holds the total Ir.
        IR[$tool]=$(awk '/^(summary|totals):/ { print $2; exit }' "$out")
        [[ -n ${IR[$tool]} ]] || die "no total in $out"
        IR_PER_BYTE[$tool]=$(awk -v i="${IR[$tool]}" -v b="$CG_BYTES" 'BEGIN { printf "%.1f", i / b }')
        say "callgrind $tool: ${IR[$tool]} Ir, ${IR_PER_BYTE[$tool]} Ir/byte ($(awk -v ns=$(($(now_ns) - t0)) 'BEGIN { printf "%.0f", ns / 1e9 }') s)"
    done
    CG_SECS=$(awk -v ns=$(($(now_ns) - cg0)) 'BEGIN { printf "%.0f", ns / 1e9 }')
    # Where outline's instructions go: own Ir per function (inlined code
    # merged into its function), from callgrind_annotate.
    if command -v callgrind_annotate >/dev/null; then
        callgrind_annotate --auto=no --threshold=100 "$WORK/callgrind.outline.out" 2>/dev/null |
            awk -v t="${IR[outline]}" '
                /^ *[0-9,]+ \(/ && !/PROGRAM TOTALS/ {
                    ir = $1; gsub(",", "", ir); line = $0
                    sub(/^ *[0-9,]+ \( *[0-9.]+%\) +/, "", line); sub(/ \[[^]]*\]$/, "", line)
                    own[substr(line, index(line, ":") + 1)] += ir
                }
                END { for (f in own) printf "%6.2f%%  %s\n", 100 * own[f] / t, substr(f, 1, 100) }' |
            sort -rn | head -n "${PROFILE_TOP:-15}" >"$WORK/profile" || true
    fi
    IR_RATIO=$(awk -v o="${IR[outline]}" -v p="${IR[pulldown-cmark]}" 'BEGIN { printf "%.3f", o / p }')
    if [[ -n ${IR[outline-1core]:-} ]]; then
        IR_RATIO_1CORE=$(awk -v o="${IR[outline-1core]}" -v p="${IR[pulldown-cmark]}" 'BEGIN { printf "%.3f", o / p }')
    fi
    if [[ $PGO = 1 ]]; then
        PGO_IR_RATIO=$(awk -v o="${IR[outline-pgo]}" -v p="${IR[pulldown-cmark]}" 'BEGIN { printf "%.2f", o / p }')
    fi
fi

# --- 7. summary --------------------------------------------------------------------
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "NOT met" }'; }
TOTAL_SECS=$(awk -v ns=$(($(now_ns) - START_NS)) 'BEGIN { printf "%.0f", ns / 1e9 }')

echo
echo "outline benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (wall times are noisy when it exceeds the cores; Ir/byte is not)"
echo "input: $(mb "$INPUT_BYTES") MB ($INPUT_BYTES bytes) of fixtures; median of $ROUNDS interleaved rounds; MB = 10^6 bytes"
echo
printf '%-15s %-22s %9s %9s %14s %10s %9s\n' tool version "median s" "MB/s" "peak RSS MB" "RSS/input" "Ir/byte"
for tool in "${TOOLS[@]}"; do
    case $tool in
        outline) version=$OUTLINE_VERSION ;;
        pulldown-cmark) version=$PULLDOWN_VERSION ;;
        comrak) version=$COMRAK_VERSION ;;
        outline-pgo) version="$OUTLINE_VERSION pgo" ;;
    esac
    printf '%-15s %-22s %9s %9s %14s %10s %9s\n' "$tool" "$version" "${SECS[$tool]}" "${MBPS[$tool]}" \
        "${RSS_MB[$tool]}" "${RATIO_RSS[$tool]}" "${IR_PER_BYTE[$tool]}"
done
echo
echo "outline parse: JSON out; pulldown-cmark: HTML out (stdin); comrak: HTML out (file, --config-file none)"
echo
printf '%-44s %10s   %s\n' "figure" "value" "target"
printf '%-44s %10s   %s\n' "speed vs pulldown-cmark (t_pd / t_outline)" "$SPEED_VS_PULLDOWN" ">= 1.0: $(verdict "$SPEED_VS_PULLDOWN" '>=' 1.0)"
printf '%-44s %10s   %s\n' "speed vs comrak (t_comrak / t_outline)" "$SPEED_VS_COMRAK" "-"
if [[ $PGO = 1 ]]; then
    printf '%-44s %10s   %s\n' "PGO build: speed vs pulldown-cmark" "$PGO_VS_PULLDOWN" "- (the targets are judged on the plain build)"
fi
printf '%-44s %10s   %s\n' "outline peak RSS / input" "${RATIO_RSS[outline]}" "<= 2.5: $(verdict "${RATIO_RSS[outline]}" '<=' 2.5)"
if [[ $SCALE_RATIO != skipped ]]; then
    printf '%-44s %10s   %s\n' "time x10 / time x1 ($SCALE_DESC)" "$SCALE_RATIO" "<= 11: $(verdict "$SCALE_RATIO" '<=' 11) (${SCALE_T1}s -> ${SCALE_T10}s)"
else
    printf '%-44s %10s\n' "time x10 / time x1" skipped
fi
if [[ $BATCH = 1 ]]; then
    printf '%-44s %10s   %s\n' "batch, 10,000 small files: -j 2 vs -j 1" "${BATCH_RATIO[small]}" ">= 1.3: $(verdict "${BATCH_RATIO[small]}" '>=' 1.3) (${BATCH_T1[small]}s -> ${BATCH_T2[small]}s)"
    printf '%-44s %10s   %s\n' "batch, mixed (1 file in 128 of 3 MB): same" "${BATCH_RATIO[mixed]}" "- (${BATCH_T1[mixed]}s -> ${BATCH_T2[mixed]}s)"
else
    printf '%-44s %10s\n' "batch -j 2 vs -j 1" skipped
fi
if [[ $CALLGRIND = 1 ]]; then
    printf '%-44s %10s   %s\n' "Ir/byte outline / pulldown-cmark ($(mb "$CG_BYTES") MB)" "$IR_RATIO" "<= 1.0: $(verdict "$IR_RATIO" '<=' 1.0) (callgrind took ${CG_SECS}s)"
    if [[ -n ${IR_RATIO_1CORE:-} ]]; then
        printf '%-44s %10s   %s\n' "the same, outline on one core (taskset -c 0)" "$IR_RATIO_1CORE" "- (repeatable; ${IR_PER_BYTE[outline-1core]} Ir/byte)"
    fi
    if [[ $PGO = 1 ]]; then
        printf '%-44s %10s   %s\n' "PGO build: Ir/byte / pulldown-cmark" "$PGO_IR_RATIO" "-"
    fi
else
    printf '%-44s %10s\n' "Ir/byte outline / pulldown-cmark" skipped
fi
if [[ -s $WORK/profile ]]; then
    echo
    echo "outline: own instructions per function on the callgrind input (top ${PROFILE_TOP:-15}, share of total Ir)"
    cat "$WORK/profile"
fi
echo
echo "total time of this run: ${TOTAL_SECS}s"
