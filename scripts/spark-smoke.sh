#!/usr/bin/env bash
# Spark smoke test: runs scripts/spark_outline.py in Spark local mode over
# fixtures/ and ../shared/corpus (when present), then checks that every
# article came back, once, with the outline the CLI gives directly.
#
#   bash scripts/spark-smoke.sh
#
# Installs what it needs: pyspark and pyarrow (pinned) from PyPI into a venv
# under $OUTLINE_SPARK_CACHE (default ~/.cache/outline-spark), reused on later
# runs; Java 17+ is expected on the machine, and openjdk-17-jre-headless is
# installed with apt-get (as root) when `java` is missing. Builds outline in
# release mode ($CARGO_TARGET_DIR is honoured), unless OUTLINE_BIN names a
# binary already built (CI passes the debug build its tests made).
#
# The check reads the Parquet back with pyarrow (not Spark) and, per article
# (*.txt and *.md under the inputs, as the job reads them):
#   - exactly one row (none for a 0-byte file: Spark skips those), with no
#     error, decoded_as as decode_article says, title/n_sections/n_points
#     matching outline_json;
#   - outline_json equal, as a JSON value, to `outline parse -` run directly
#     on the same UTF-8 text (what Python decoded), source.name set equal;
#   - reported, not failed: whether it also equals `outline parse FILE` on the
#     original bytes (for files not in plain UTF-8, source.encoding, bom and
#     bytes set aside, since the job hands the tool re-encoded text).
# Prints `N passed, M failed`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PYSPARK_VERSION=4.3.0
PYARROW_VERSION=26.0.1   # the check reads the Parquet back with pyarrow, not Spark
CACHE=${OUTLINE_SPARK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/outline-spark}
VENV=$CACHE/pyspark-$PYSPARK_VERSION
START=$(date +%s.%N)
STEP_START=$START

elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() { echo "== $*"; STEP_START=$(date +%s.%N); }
done_step() { echo "   ($(elapsed "$STEP_START") s)"; }

as_root_apt() {
  if [ "$(id -u)" != 0 ]; then
    echo "spark-smoke: need $* (apt-get as root); install it and rerun" >&2
    exit 2
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

step "java"
if ! command -v java >/dev/null 2>&1; then
  echo "   java missing: installing openjdk-17-jre-headless"
  as_root_apt openjdk-17-jre-headless
fi
JAVA_VERSION_LINE=$(java -version 2>&1 | head -n 1)
JAVA_MAJOR=$(echo "$JAVA_VERSION_LINE" | sed -E 's/.*version "([0-9]+)[^"]*".*/\1/')
echo "   $JAVA_VERSION_LINE"
if ! [ "$JAVA_MAJOR" -ge 17 ] 2>/dev/null; then
  echo "spark-smoke: pyspark $PYSPARK_VERSION needs Java 17 or later" >&2
  exit 2
fi
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  export JAVA_HOME
fi
echo "   JAVA_HOME=$JAVA_HOME"
done_step

step "pyspark $PYSPARK_VERSION and pyarrow $PYARROW_VERSION in $VENV"
if "$VENV/bin/python" -c "
import sys, pyspark, pyarrow
sys.exit((pyspark.__version__, pyarrow.__version__) != ('$PYSPARK_VERSION', '$PYARROW_VERSION'))
" 2>/dev/null; then
  echo "   already installed"
else
  rm -rf "$VENV"
  mkdir -p "$CACHE"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    echo "   python3 -m venv failed: installing python3-venv"
    as_root_apt python3-venv
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install --disable-pip-version-check -q \
    "pyspark==$PYSPARK_VERSION" "pyarrow==$PYARROW_VERSION"
fi
"$VENV/bin/python" -c "
import sys, pyspark, pyarrow
print('   pyspark', pyspark.__version__, '/ pyarrow', pyarrow.__version__, 'on Python', sys.version.split()[0])
"
done_step

if [ -n "${OUTLINE_BIN:-}" ]; then
  step "outline binary from OUTLINE_BIN"
  case $OUTLINE_BIN in /*) OUTLINE=$OUTLINE_BIN ;; *) OUTLINE=$ROOT/$OUTLINE_BIN ;; esac
  if [ ! -x "$OUTLINE" ]; then
    echo "spark-smoke: OUTLINE_BIN=$OUTLINE_BIN is not an executable file" >&2
    exit 2
  fi
else
  step "cargo build --release"
  cargo build --release --quiet --bin outline
  TARGET_DIR=${CARGO_TARGET_DIR:-target}
  case $TARGET_DIR in /*) ;; *) TARGET_DIR=$ROOT/$TARGET_DIR ;; esac
  OUTLINE=$TARGET_DIR/release/outline
fi
echo "   $OUTLINE"
done_step

INPUTS=("$ROOT/fixtures")
if [ -d "$ROOT/../shared/corpus" ]; then
  INPUTS+=("$(cd "$ROOT/../shared/corpus" && pwd)")
else
  echo "   (../shared/corpus not present: fixtures only)"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/spark-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export PYSPARK_PYTHON=$VENV/bin/python
export PYSPARK_DRIVER_PYTHON=$VENV/bin/python
export SPARK_LOCAL_IP=127.0.0.1   # bind and advertise loopback only
export PYTHONDONTWRITEBYTECODE=1  # no scripts/__pycache__ left behind
# Spark's own log: errors only, to stderr.
cat > "$WORK/log4j2.properties" <<'EOF'
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
EOF
export PYSPARK_SUBMIT_ARGS="--conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false --driver-java-options -Dlog4j2.configurationFile=file:$WORK/log4j2.properties pyspark-shell"

step "spark job: local[2] over ${INPUTS[*]}"
if ! "$VENV/bin/python" "$ROOT/scripts/spark_outline.py" --master 'local[2]' --partitions 2 \
  --outline "$OUTLINE" "$WORK/outlines.parquet" "${INPUTS[@]}"; then
  echo "spark-smoke: the Spark job failed after $(elapsed "$START") s"
  echo "0 passed, 1 failed"
  exit 1
fi
done_step

step "check against the CLI"
status=0
"$VENV/bin/python" - "$WORK/outlines.parquet" "$OUTLINE" "$WORK/summary" "${INPUTS[@]}" <<'PY' || status=$?
import copy, json, os, subprocess, sys
sys.path.insert(0, os.path.join(os.getcwd(), "scripts"))
import spark_outline as job
import pyarrow.parquet as pq

parquet, outline, summary, inputs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]

# Read back with pyarrow: the Parquet must be readable outside Spark too.
table = pq.read_table(parquet)
schema = [(f.name, str(f.type)) for f in table.schema]
rows = table.to_pylist()

expected_schema = [("id", "string"), ("decoded_as", "string"), ("title", "string"),
                   ("n_sections", "int32"), ("n_points", "int32"),
                   ("outline_json", "string"), ("error", "string")]
problems = []
if schema != expected_schema:
    problems.append("schema: %s, expected %s" % (schema, expected_schema))

skipped_empty = []

def articles(top):
    """(id, path) of the files the job reads: *.txt/*.md in any case, not
    under a name starting with '.' or '_' (Spark's hidden-file rule), not
    empty (Spark's file sources skip 0-byte files)."""
    prefix = os.path.basename(top.rstrip("/"))
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(files):
            if name.startswith((".", "_")):
                continue
            if os.path.splitext(name)[1].lower() in (".txt", ".md"):
                path = os.path.join(folder, name)
                if os.path.getsize(path) == 0:
                    skipped_empty.append(prefix + "/" + os.path.relpath(path, top))
                    continue
                yield prefix + "/" + os.path.relpath(path, top), path

def cli(args, data=None):
    done = subprocess.run([outline, "parse"] + args, input=data, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError("outline parse %s: exit %d: %s"
                           % (" ".join(args), done.returncode, done.stderr.decode(errors="replace")))
    return json.loads(done.stdout)

def relaxed(doc, name, drop=()):
    doc = copy.deepcopy(doc)
    doc["source"]["name"] = name
    for key in drop:
        doc["source"].pop(key, None)
    return doc

by_id = {}
for row in rows:
    if row["id"] in by_id:
        problems.append("%s: more than one row" % row["id"])
    by_id[row["id"]] = row

passed = failed = 0
same_as_file, differs_from_file = 0, []
seen = set()
for top in inputs:
    for article_id, path in articles(top):
        seen.add(article_id)
        errors = []
        row = by_id.get(article_id)
        if row is None:
            errors.append("missing from the Parquet output")
        elif row["error"] is not None or row["outline_json"] is None:
            errors.append("error row: %s" % row["error"])
        else:
            data = open(path, "rb").read()
            text, decoded_as = job.decode_article(data)
            got = json.loads(row["outline_json"])
            if row["decoded_as"] != decoded_as:
                errors.append("decoded_as %r, expected %r" % (row["decoded_as"], decoded_as))
            if got["source"]["name"] != article_id:
                errors.append("source.name %r" % got["source"]["name"])
            title = (got.get("title") or {}).get("text")
            if (row["title"], row["n_sections"], row["n_points"]) != (title,) + job.count_nodes(got):
                errors.append("title/n_sections/n_points %r do not match outline_json"
                              % ((row["title"], row["n_sections"], row["n_points"]),))
            direct = cli(["-"], text.encode("utf-8"))
            if relaxed(direct, article_id) != got:
                errors.append("outline differs from `outline parse -` on the same UTF-8 text")
            on_file = cli([path])
            drop = () if decoded_as == "utf-8" else ("encoding", "bom", "bytes")
            if relaxed(on_file, article_id, drop) == relaxed(got, article_id, drop):
                same_as_file += 1
            else:
                differs_from_file.append("%s (job read %s; the CLI reads %s)"
                                         % (article_id, decoded_as, on_file["source"]["encoding"]))
        if errors:
            failed += 1
            for e in errors:
                print("FAIL %s: %s" % (article_id, e))
        else:
            passed += 1

for extra in sorted(set(by_id) - seen):
    problems.append("%s: in the output but not an input article" % extra)
for p in problems:
    print("FAIL %s" % p)
failed += len(problems)

print("   %d rows; %d articles passed every check" % (len(rows), passed))
print("   %d of %d also equal to `outline parse FILE` on the original bytes%s"
      % (same_as_file, same_as_file + len(differs_from_file),
         " (source.encoding/bom/bytes aside when not plain UTF-8)"))
for e in skipped_empty:
    print("   not expected in the output: %s (0 bytes: Spark's file sources skip empty files)" % e)
for d in differs_from_file:
    print("   differs from `outline parse FILE` (reported, not counted): %s" % d)
with open(summary, "w") as out:
    out.write("%d passed, %d failed\n" % (passed, failed))
sys.exit(1 if failed else 0)
PY
done_step
echo "spark-smoke: total $(elapsed "$START") s"
if [ -s "$WORK/summary" ]; then
  cat "$WORK/summary"
else
  echo "spark-smoke: the check did not finish (exit $status)"
  echo "0 passed, 1 failed"
fi
exit $(( status != 0 ))
