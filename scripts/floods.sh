#!/usr/bin/env bash
# Time and memory of `outline parse` and `outline check` on generated floods,
# each at sizes n, 2n and 4n, and peak memory of `outline parse` on a 50 MB
# article made of the fixtures (issue 5: time linear in each flood's size,
# peak resident memory at most 3x the input for a 50 MB file).
#
#   bash scripts/floods.sh            # builds the release binary, prints the tables
#
# Flood kinds (n = the count at the smallest size):
#   separators     `--` lines                                    n = 10^6
#   brackets       `（` in one paragraph (one line)              n = 10^6
#   inline_points  `一是加快发展；二是…；…九十九是…；一是…` in one
#                  paragraph on one line (sequences of 99)     n = 2.5*10^5
#   wrapped_inline_points
#                  `（1）…；（2）…；` counting up, one point a line, in one
#                  hard-wrapped paragraph                      n = 2*10^4
#   headings       `一、` `（一）` `1.` `（1）` headings, blank-line separated
#                  (n groups of four)                            n = 10^5
#   em_dash        `——加快发展。` lines                           n = 2.6*10^5
#   long_line      one line of segmented text without a break    n = 5 MB
#
# Columns: elapsed seconds (%e) and CPU seconds (user + system) from
# /usr/bin/time; MB/s and the ratio to the previous size are computed from
# CPU seconds, which a loaded machine disturbs less than elapsed time (a
# linear kind shows ratios near 2.0); RSS is the peak resident set size,
# x input is RSS divided by the input's size.
#
# Environment:
#   CARGO_TARGET_DIR     where to build (default target/); the binary is
#                        $CARGO_TARGET_DIR/release/outline
#   OUTLINE_BIN          use this binary instead of building one
#   FLOODS_DIVISOR       divide every n by this (default 1), for a quick run
#   FLOODS_KINDS         the kinds to run (default: all, space separated)
#   FLOODS_MEM_CAP_MB    address-space cap per run, in MB (default 6144); a
#                        run that exceeds it is reported as `cap`
#   FLOODS_MEMORY_MB     size of the fixtures article (default 50)
#   FLOODS_KEEP          keep the generated files (printed folder)
#
# Needs python3 (to generate the inputs) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
DIVISOR="${FLOODS_DIVISOR:-1}"
KINDS="${FLOODS_KINDS:-separators brackets inline_points wrapped_inline_points headings em_dash long_line}"
CAP_MB="${FLOODS_MEM_CAP_MB:-6144}"
MEMORY_MB="${FLOODS_MEMORY_MB:-50}"

for tool in python3 /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "floods.sh: $tool is needed" >&2
    exit 2
  }
done

if [[ -n "${OUTLINE_BIN:-}" ]]; then
  BIN="$OUTLINE_BIN"
else
  echo "== cargo build --release (target dir: $TARGET_DIR)"
  CARGO_TARGET_DIR="$TARGET_DIR" cargo build --release --quiet
  BIN="$TARGET_DIR/release/outline"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/outline-floods.XXXXXX")"
if [[ -n "${FLOODS_KEEP:-}" ]]; then
  echo "== inputs kept in $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

# generate KIND COUNT FILE: write a flood of COUNT units.
generate() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys

kind, count, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
DIGITS = "零一二三四五六七八九"
UNITS = ["千", "百", "十", ""]


def chinese(n):
    """1..=9999 in the usual spelling: 十一, 一百零五."""
    digits = [n // 1000, n // 100 % 10, n // 10 % 10, n % 10]
    out, zero = "", False
    for d, unit in zip(digits, UNITS):
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if not (d == 1 and unit == "十" and not out):
            out += DIGITS[d]
        out += unit
    return out


def chunks():
    """The flood as pieces of text, at most ~1 MB each."""
    if kind == "separators":
        yield "标题\n\n"
        for start in range(0, count, 100_000):
            yield "--\n" * min(100_000, count - start)
    elif kind == "brackets":
        yield "标题\n\n　　"
        for start in range(0, count, 300_000):
            yield "（" * min(300_000, count - start)
        yield "。\n"
    elif kind == "inline_points":
        yield "标题\n\n　　"
        piece = []
        for i in range(count):
            piece.append(chinese(i % 99 + 1) + "是加快发展；")
            if len(piece) == 50_000:
                yield "".join(piece)
                piece = []
        yield "".join(piece) + "\n"
    elif kind == "wrapped_inline_points":
        yield "标题\n\n　　主要任务是：（1）加快发展\n"
        piece = []
        for i in range(2, count + 1):
            piece.append(f"各项工作；（{i}）加快发展\n")
            if len(piece) == 50_000:
                yield "".join(piece)
                piece = []
        yield "".join(piece) + "各项工作。\n"
    elif kind == "headings":
        yield "标题\n\n"
        piece = []
        for i in range(count):
            number = i % 9999 + 1
            numeral = chinese(number)
            piece.append(
                f"{numeral}、标题\n\n（{numeral}）标题\n\n{number}.标题\n\n（{number}）标题\n\n"
            )
            if len(piece) == 10_000:
                yield "".join(piece)
                piece = []
        yield "".join(piece)
    elif kind == "em_dash":
        yield "标题\n\n"
        for start in range(0, count, 50_000):
            yield "——加快发展。\n" * min(50_000, count - start)
    elif kind == "long_line":
        unit = "人工智能 引领 科技，创新（助推）产业 结构 升级。".encode()
        # count is in bytes
        whole, rest = divmod(count, len(unit))
        block = 10_000
        for start in range(0, whole, block):
            yield (unit * min(block, whole - start)).decode()
        yield unit[:rest].decode(errors="ignore")
    else:
        sys.exit(f"unknown kind {kind}")


with open(path, "w", encoding="utf-8", newline="") as out:
    for chunk in chunks():
        out.write(chunk)
PY
}

# The smallest count of each kind.
base_count() {
  case "$1" in
    separators) echo 1000000 ;;
    brackets) echo 1000000 ;;
    inline_points) echo 250000 ;;
    wrapped_inline_points) echo 20000 ;;
    headings) echo 100000 ;;
    em_dash) echo 260000 ;;
    long_line) echo 5000000 ;;
  esac
}

# measure FILE ARGS...: run the binary under /usr/bin/time with the memory
# cap; prints "STATUS ELAPSED CPU PEAK_KB" (STATUS `cap` when the cap was hit).
measure() {
  local file="$1"
  shift
  local stats="$WORK/time.txt"
  local status=0
  (
    ulimit -v $((CAP_MB * 1024))
    /usr/bin/time -f '%e %U %S %M' -o "$stats" "$BIN" "$@" "$file" >/dev/null 2>"$WORK/stderr.txt"
  ) || status=$?
  local elapsed user system peak
  read -r elapsed user system peak < <(tail -n 1 "$stats")
  if [[ "$status" -ne 0 && "$status" -ne 1 ]]; then
    if grep -qi "memory\|alloc" "$WORK/stderr.txt"; then
      status=cap
    fi
  fi
  echo "$status $elapsed $(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }') $peak"
}

echo
echo "== floods (n, 2n, 4n each; memory cap ${CAP_MB} MB a run)"
printf '%-22s %-6s %9s %7s %8s %8s %7s %6s %7s %8s\n' \
  kind command count "size MB" elapsed "cpu s" "MB/s" ratio "RSS MB" "x input"
for kind in $KINDS; do
  base=$(( $(base_count "$kind") / DIVISOR ))
  for command in parse check; do
    previous=""
    for factor in 1 2 4; do
      count=$((base * factor))
      file="$WORK/$kind-$factor.txt"
      [[ -f "$file" ]] || generate "$kind" "$count" "$file"
      bytes=$(stat -c %s "$file")
      if [[ "$command" == parse ]]; then
        read -r status elapsed cpu peak < <(measure "$file" parse)
      else
        read -r status elapsed cpu peak < <(measure "$file" check --format json)
      fi
      size_mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
      rate=$(awk -v b="$bytes" -v t="$cpu" 'BEGIN { if (t > 0) printf "%.1f", b / 1e6 / t; else print "-" }')
      ratio="-"
      if [[ -n "$previous" ]]; then
        ratio=$(awk -v a="$cpu" -v p="$previous" 'BEGIN { if (p > 0) printf "%.2f", a / p; else print "-" }')
      fi
      rss_mb=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
      times=$(awk -v k="$peak" -v b="$bytes" 'BEGIN { printf "%.1f", k * 1024 / b }')
      note=""
      case "$status" in
        0) ;;
        1) [[ "$command" == check ]] || note=" exit 1" ;;
        cap) note=" OUT OF MEMORY at the ${CAP_MB} MB cap" ;;
        *) note=" exit $status: $(head -c 200 "$WORK/stderr.txt" | tr '\n' ' ')" ;;
      esac
      printf '%-22s %-6s %9d %7s %8s %8s %7s %6s %7s %8s%s\n' \
        "$kind" "$command" "$count" "$size_mb" "$elapsed" "$cpu" "$rate" "$ratio" \
        "$rss_mb" "$times" "$note"
      previous="$cpu"
      [[ "$factor" == 1 ]] && first="$cpu"
    done
    # 4n against n: about 4 when linear, 16 when quadratic.
    awk -v a="$previous" -v f="$first" -v k="$kind" -v c="$command" 'BEGIN {
      if (f >= 0.2) {
        r = a / f
        printf "%-22s %-6s cpu(4n)/cpu(n) = %.2f: %s\n", k, c, r, (r <= 5.5 ? "linear" : "SUPERLINEAR")
      } else {
        printf "%-22s %-6s under 0.2 s of CPU at n: too fast to judge\n", k, c
      }
    }'
  done
  rm -f "$WORK/$kind"-*.txt
done

echo
echo "== memory: outline parse on a ${MEMORY_MB} MB article made of the fixtures"
article="$WORK/article.txt"
seeds=(fixtures/ai-industry-upgrade.txt fixtures/layouts/*.txt)
python3 - "$article" "$MEMORY_MB" "${seeds[@]}" <<'PY'
import sys

path, megabytes, seeds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
round_ = b"".join(open(seed, "rb").read().rstrip(b"\n") + b"\n\n--\n\n" for seed in seeds)
target = megabytes * 1_000_000
with open(path, "wb") as out:
    out.write(round_ * (target // len(round_) + 1))
PY
bytes=$(stat -c %s "$article")
echo "input: ${seeds[*]} repeated, $bytes bytes"
for command in parse check; do
  if [[ "$command" == parse ]]; then
    args=(parse)
  else
    args=(check --format json)
  fi
  status=0
  (
    ulimit -v $((CAP_MB * 1024))
    /usr/bin/time -v "$BIN" "${args[@]}" "$article" >/dev/null 2>"$WORK/verbose.txt"
  ) || status=$?
  peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/verbose.txt")
  elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$WORK/verbose.txt")
  user=$(awk -F': ' '/User time/ { print $2 }' "$WORK/verbose.txt")
  system=$(awk -F': ' '/System time/ { print $2 }' "$WORK/verbose.txt")
  ratio=$(awk -v k="${peak:-0}" -v b="$bytes" 'BEGIN { printf "%.2f", k * 1024 / b }')
  verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 3 ? "within 3x" : "OVER 3x") }')
  echo "outline ${args[*]}: exit $status, elapsed $elapsed, user ${user}s, system ${system}s"
  echo "  Maximum resident set size (kbytes): ${peak:-?}  = ${ratio} x the input ($bytes bytes): $verdict"
done
