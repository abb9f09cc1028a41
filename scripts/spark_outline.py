#!/usr/bin/env python3
"""Outline a corpus with Spark: articles -> `outline parse --jsonl` -> Parquet.

    spark_outline.py --outline PATH [--master URL] [--partitions N]
                     [--ship] OUTPUT_DIR INPUT [INPUT ...]

Reads every `*.txt` and `*.md` file (any case) under each INPUT directory
(recursively; an INPUT may also be a single file) with Spark's `binaryFile`
source, decodes it to text in Python (see `decode_article`), pipes the
articles as JSON Lines `{"id": ..., "text": ..., "decoded_as": ...}` through
`outline parse --jsonl` with `RDD.pipe`, one process per partition, and
writes OUTPUT_DIR as Parquet (replacing it) with one row per article:

    id           string  INPUT's folder name / path inside it ("corpus/legal/x.md");
                         a file INPUT: its file name
    decoded_as   string  how Python decoded the bytes: utf-8, utf-16le,
                         utf-16be or gb18030, then " bom" if a byte order mark
                         was removed, " lossy" if bytes were replaced by U+FFFD
    title        string  the outline's title text (null: no title)
    n_sections   int     section nodes anywhere in the tree
    n_points     int     point nodes anywhere in the tree (not inline_points)
    outline_json string  the outline document, compact JSON (docs/json.md);
                         its source.name is the id
    error        string  the tool's message when it answered with an error
                         (then outline_json is null); null otherwise

Unlike `outline parse DIR`, Spark's file sources skip files and folders whose
names start with `.` or `_` (Hadoop's hidden-file rule) and empty (0-byte)
files: those get no row.

Why Python decodes: `--jsonl` carries text, not bytes, so the encoding is
settled here, before the tool sees the article. `decode_article` follows the
tool's own `--encoding auto` steps (src/decode.rs) except the last: a byte
order mark decides; BOM-less mostly-ASCII UTF-16 is sniffed; valid UTF-8 is
UTF-8; invalid UTF-8 with at least four valid non-ASCII characters per bad
sequence is lossy UTF-8; anything else is GB18030 (a superset of GBK), lossy
if it has to be, where the tool would ask chardetng (which may also answer
Big5, Shift_JIS, windows-1252 ...). The outline's `source` then describes the
UTF-8 text the tool received: `encoding` is "utf-8", `bom` false, and
`bytes` the UTF-8 length, whatever the file was.

The binary: `--outline PATH` runs PATH on every worker. `RDD.pipe` starts it
with an empty environment, where a bare name is looked up only in
/bin:/usr/bin, so give a path; a bare name is looked up on the driver's PATH
here and made absolute. In local mode (`local`, `local[N]`) that is all:
the tasks run in the driver's process. On a cluster, either install the
binary at the same path on every node, or ship it: `--ship` adds it with
`SparkContext.addFile` and runs it as `./NAME` in the executor's working
directory, where Spark puts added files (as `spark-submit --files
PATH/outline` does; then pass `--outline ./outline`). In local mode `--ship`
changes nothing.
"""

import argparse
import json
import os
import shlex
import shutil
import sys

# The field `outline parse --jsonl` writes the outline document to, and the
# one it writes instead for a line it could not take.
OUTLINE_FIELD = "outline"
ERROR_FIELD = "error"

# Hadoop glob for the file names to read: *.txt and *.md in any case, as
# `outline parse DIR` takes by default.
NAME_GLOB = "*.{[tT][xX][tT],[mM][dD]}"

# Invalid UTF-8 is still read as UTF-8 with this many valid non-ASCII
# characters per malformed sequence (UTF8_EVIDENCE_RATIO in src/decode.rs).
UTF8_EVIDENCE_RATIO = 4


def _mostly_utf8(data):
    """Invalid UTF-8 with >= 4 valid non-ASCII characters per malformed
    sequence: the text decoded with U+FFFD for each, else None. Python and
    Rust both replace each maximal malformed subpart with one U+FFFD."""
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    chars = non_ascii - errors
    if errors > 0 and chars >= errors * UTF8_EVIDENCE_RATIO:
        return text
    return None


def _sniff_utf16(data):
    """BOM-less, mostly-ASCII UTF-16 (as sniff_utf16 in src/decode.rs)."""
    if len(data) < 8 or len(data) % 2:
        return None
    units = len(data) // 2
    if data.count(0) * 4 < units * 3:  # each such unit has a zero byte
        return None
    le = sum(1 for i in range(0, len(data), 2) if data[i + 1] == 0 and data[i] != 0)
    be = sum(1 for i in range(0, len(data), 2) if data[i] == 0 and data[i + 1] != 0)
    if le * 4 >= units * 3:
        return "utf-16le"
    if be * 4 >= units * 3:
        return "utf-16be"
    return None


def _decode(data, encoding, label):
    try:
        return data.decode(encoding), label
    except UnicodeDecodeError:
        return data.decode(encoding, errors="replace"), label + " lossy"


def decode_article(data):
    """Bytes -> (text, decoded_as). Never raises (RDD.pipe feeds the process
    from a thread, where an exception would be lost)."""
    data = bytes(data)
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", "utf-8 bom")
    if data.startswith(b"\xff\xfe"):
        return _decode(data[2:], "utf-16-le", "utf-16le bom")
    if data.startswith(b"\xfe\xff"):
        return _decode(data[2:], "utf-16-be", "utf-16be bom")
    utf16 = _sniff_utf16(data)
    if utf16:
        return _decode(data, utf16.replace("16", "16-"), utf16)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8 lossy"
    return _decode(data, "gb18030", "gb18030")


def count_nodes(node):
    """(sections, points) anywhere in an outline document."""
    sections = points = 0
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            kind = item.get("type")
            sections += kind == "section"
            points += kind == "point"
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return sections, points


def article_line(path, content, root, prefix):
    """One JSON line for `outline parse --jsonl`."""
    if root is None:  # a file given as INPUT
        article_id = prefix
    elif path.startswith(root + "/"):
        article_id = prefix + "/" + path[len(root) + 1:]
    else:  # not expected; keep the full path rather than fail
        article_id = path
    text, decoded_as = decode_article(content)
    record = {"id": article_id, "text": text, "decoded_as": decoded_as}
    return json.dumps(record, ensure_ascii=False)


def result_row(line):
    """One line of `outline parse --jsonl` output -> a Parquet row (tuple)."""
    record = json.loads(line)
    outline = record.get(OUTLINE_FIELD)
    article_id = record.get("id")
    if not isinstance(article_id, str):
        article_id = json.dumps(article_id) if article_id is not None else None
    if outline is None:
        error = record.get(ERROR_FIELD) or "no %r field in: %s" % (OUTLINE_FIELD, line[:200])
        return (article_id, record.get("decoded_as"), None, None, None, None, error)
    title = (outline.get("title") or {}).get("text")
    n_sections, n_points = count_nodes(outline)
    outline_json = json.dumps(outline, ensure_ascii=False, separators=(",", ":"))
    return (article_id, record.get("decoded_as"), title, n_sections, n_points, outline_json, None)


def _qualify(spark, path):
    """Hadoop's qualified form of PATH (file:/abs/dir, hdfs://host/dir) and
    whether it is a directory."""
    if "://" not in path and not path.startswith("file:"):
        path = os.path.abspath(path)
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    qualified = fs.makeQualified(hpath)
    return qualified.toString().rstrip("/"), fs.getFileStatus(qualified).isDirectory()


def read_articles(spark, inputs):
    """An RDD of JSON lines, one per article, with ids unique over INPUTs."""
    rdds, prefixes = [], set()
    for given in inputs:
        root, is_dir = _qualify(spark, given)
        prefix = os.path.basename(given.rstrip("/")) or given
        if prefix in prefixes:
            sys.exit("spark_outline: two inputs named %r would give the same ids" % prefix)
        prefixes.add(prefix)
        reader = spark.read.format("binaryFile")
        if is_dir:
            reader = reader.option("recursiveFileLookup", "true").option("pathGlobFilter", NAME_GLOB)
        frame = reader.load(root).select("path", "content")
        dir_root = root if is_dir else None
        rdds.append(frame.rdd.map(
            lambda row, r=dir_root, p=prefix: article_line(row.path, row.content, r, p)))
    return rdds[0] if len(rdds) == 1 else spark.sparkContext.union(rdds)


def outline_command(spark, outline, ship):
    """The command line RDD.pipe runs on the workers."""
    master = spark.sparkContext.master
    # Local mode runs the tasks in the driver's process, where added files are
    # not in the working directory: there the path itself is used.
    local = master == "local" or master.startswith("local[")
    if ship and not local:
        spark.sparkContext.addFile(os.path.abspath(outline))
        binary = "./" + os.path.basename(outline)
    elif "/" not in outline:
        binary = shutil.which(outline)
        if binary is None:
            sys.exit("spark_outline: %r is not on PATH; give --outline PATH" % outline)
    elif local:
        binary = os.path.abspath(outline)
    else:  # as given: a path on every node, or ./NAME shipped with --files
        binary = outline
    return shlex.quote(binary) + " parse --jsonl"


SCHEMA_DDL = ("id STRING, decoded_as STRING, title STRING, n_sections INT, "
              "n_points INT, outline_json STRING, error STRING")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Outline articles with Spark: *.txt/*.md -> outline parse --jsonl -> Parquet.")
    parser.add_argument("output", help="Parquet output directory (replaced)")
    parser.add_argument("inputs", nargs="+", help="input directories (or files)")
    parser.add_argument("--outline", default="outline",
                        help="the outline binary (default: `outline` on PATH)")
    parser.add_argument("--ship", action="store_true",
                        help="send the binary to the executors (SparkContext.addFile) "
                             "and run it as ./NAME there (clusters; not local mode)")
    parser.add_argument("--partitions", type=int, default=None,
                        help="partitions = outline processes (default: Spark's default parallelism)")
    parser.add_argument("--master", default=None,
                        help="Spark master, e.g. local[2] (default: spark-submit's "
                             "--master; local[*] when run with python)")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("outline")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        command = outline_command(spark, args.outline, args.ship)
        lines = read_articles(spark, args.inputs)
        partitions = args.partitions or spark.sparkContext.defaultParallelism
        results = (lines.repartition(partitions)
                        .pipe(command, checkCode=True)
                        .map(result_row))
        frame = spark.createDataFrame(results, SCHEMA_DDL)
        frame.write.mode("overwrite").parquet(args.output)
        total, failed = (spark.read.parquet(args.output)
                         .selectExpr("count(*)", "count(error)").first())
        print("spark_outline: %d articles, %d errors -> %s (%s: %s, %d partitions)"
              % (total, failed, args.output, spark.sparkContext.master, command, partitions))
        return 1 if failed else 0
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
