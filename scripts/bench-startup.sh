#!/usr/bin/env bash
# Whole-process figures for BENCHMARKS.md: start-up to the first answer and
# peak RSS of `cspo-bot ask` on one question, and throughput and peak RSS of
# `cspo-bot ask --json` on 100,000 questions (the mix, repeated).
#
#   scripts/bench-startup.sh            # builds the release binary first
#   SKIP_BUILD=1 scripts/bench-startup.sh
#
# Needs hyperfine and GNU time (apt-get install -y hyperfine time).
# Uses $CARGO_TARGET_DIR (default: target). Writes its raw output to
# $OUT (default: $CARGO_TARGET_DIR/bench-startup).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/cspo-bot
OUT=${OUT:-$TARGET/bench-startup}
N=${N:-100000}
mkdir -p "$OUT"
if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release --locked
fi
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install -y hyperfine)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install -y time)"; exit 2; }

Q="When did Japan join?"
echo "== binary: $BIN ($(stat -c %s "$BIN") bytes)"
echo "== start-up to first answer: cspo-bot ask \"$Q\" (whole process: exec, load data and intents, compile, answer, exit)"
hyperfine -N --warmup 5 --runs ${RUNS:-50} \
  --export-json "$OUT/startup.json" \
  -n "ask one question" "$BIN ask '$Q'" \
  -n "process floor: cspo-bot --version (no engine)" "$BIN --version"

rss() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "== peak RSS, ask one question: $(rss "$BIN" ask "$Q") KiB"
echo "== peak RSS, --version:       $(rss "$BIN" --version) KiB"

# N questions: every question of the mix, in order, repeated.
python3 - "$N" > "$OUT/questions.txt" <<'PY'
import json, sys
n = int(sys.argv[1])
qs = []
for line in open("benches/data/mix.jsonl", encoding="utf-8"):
    c = json.loads(line)
    qs += [c["q"]] if "q" in c else c["dialog"]
for i in range(n):
    print(qs[i % len(qs)])
PY
echo
echo "== $N questions through ask --json (one process, fresh context per line, JSON out to /dev/null)"
/usr/bin/time -v "$BIN" ask --json < "$OUT/questions.txt" > /dev/null 2> "$OUT/time-100k.txt"
python3 - "$OUT/time-100k.txt" "$N" <<'PY'
import re, sys
t = open(sys.argv[1]).read(); n = int(sys.argv[2])
def get(k):
    return re.search(re.escape(k) + r":\s*(.+)", t).group(1).strip()
wall = get("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(p) for p in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
user = float(get("User time (seconds)")); sys_ = float(get("System time (seconds)"))
rss = int(get("Maximum resident set size (kbytes)"))
print(f"wall {secs:.2f} s, user {user:.2f} s, sys {sys_:.2f} s; {n / secs:,.0f} questions/s "
      f"({secs / n * 1e6:.2f} us a question, JSON output included); peak RSS {rss} KiB = {rss / 1024:.1f} MiB")
PY
