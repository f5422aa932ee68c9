#!/usr/bin/env bash
# Distinct questions (issue 14): cspo-bot against a BM25 retrieval baseline on
# the same generated questions, in one run.
#
#   scripts/bench-distinct.sh                 # builds the release binary first
#   SKIP_BUILD=1 BIN=/path/to/cspo-bot scripts/bench-distinct.sh
#
# Measures, each on questions from scripts/gen-questions.py (seeded, every
# line distinct; the first K lines of a run of M are the run of K):
#
#  1. throughput on one core (taskset -c $CPU when available): N questions
#     (default 100,000) through `cspo-bot ask --json` and through
#     scripts/bm25-baseline.py (rank-bm25 as documented, and --tuned: the
#     same answers with the article's vocabulary filtered first), ROUNDS
#     times each, alternating; CPU time
#     (user + sys, /usr/bin/time) and wall time. "steady" subtracts each
#     program's own start-up (the same program run on empty input, same
#     round), so the ratio compares the per-question work;
#  2. instructions (callgrind) of both on the first INSTR_N (default 10,000)
#     of those questions, minus each one's run on empty input: exact and
#     independent of the machine's load;
#  3. peak RSS of cspo-bot after each of RSS_COUNTS distinct questions
#     (default 1,000 10,000 100,000 1,000,000; /usr/bin/time);
#  4. start-up to the first answer: instructions of `cspo-bot ask "When did
#     Japan join?"` (callgrind, whole process) and, split by callgrind
#     --dump-before=Engine::answer_at, the part before the first answer and
#     the first answer itself (with the exit); wall time with hyperfine (and of --version, the
#     process floor, and of the baseline answering one question);
#  5. the worst case: 1 KiB questions of adversarial shapes ("ok ok ok ...",
#     one long word, random letters, many clauses, flags, ...), each asked
#     twice after a warm-up question in one process under callgrind
#     --dump-after=write_answer_json: instructions of its first asking (cold:
#     includes compiling what it is the first to use) and its second (warm);
#     and CPU time of asking it K times in one process, minus the empty run
#     (K >= WORST_K, default 20, and enough for WORST_IR = 2e10 instructions;
#     instructions are not time: this code runs 3-20 G instructions/s here).
#
# Needs python3, valgrind, GNU time (apt-get install -y valgrind time
# hyperfine); hyperfine is optional. The baseline's venv (rank-bm25 from
# PyPI) is created on first use. Writes raw files and the table as markdown
# (table.md) to $OUT (default $CARGO_TARGET_DIR/bench-distinct), and prints
# the table.
#
# Knobs: N, ROUNDS (3), INSTR_N, RSS_COUNTS, SEED (14), CPU (0), WORST_K,
# SKIP_INSTR=1 (no callgrind of the throughput runs), SKIP_RSS_1M=1,
# SKIP_TP=1 (no throughput rounds), SKIP_RSS=1 (peak RSS after one question
# only).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${BIN:-$TARGET/release/cspo-bot}
OUT=${OUT:-$TARGET/bench-distinct}
N=${N:-100000}
ROUNDS=${ROUNDS:-3}
INSTR_N=${INSTR_N:-10000}
RSS_COUNTS=${RSS_COUNTS:-1000 10000 100000 1000000}
SEED=${SEED:-14}
CPU=${CPU:-0}
WORST_K=${WORST_K:-20}
VENV=${BENCH_VENV:-$TARGET/bench-venv}
export BENCH_VENV=$VENV
mkdir -p "$OUT"
RAW=$OUT/raw.txt
: > "$RAW"

if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release --locked
fi
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install -y time)"; exit 2; }
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install -y valgrind)"; exit 2; }
PIN=()
if command -v taskset >/dev/null; then PIN=(taskset -c "$CPU"); fi
rec() { echo "$*" >> "$RAW"; }

# the baseline's interpreter (creates the venv on first use)
python3 scripts/bm25-baseline.py --versions > "$OUT/bm25-versions.txt"
PY=$VENV/bin/python3
BM25=("$PY" scripts/bm25-baseline.py)
BM25T=("$PY" scripts/bm25-baseline.py --tuned)

# ---- inputs -----------------------------------------------------------------
MAX=$N
for k in $RSS_COUNTS; do [ "$k" -gt "$MAX" ] && MAX=$k; done
[ -n "${SKIP_RSS_1M:-}" ] && [ "$MAX" -ge 1000000 ] && MAX=$N
Q=$OUT/questions-seed$SEED-$MAX.txt
if [ ! -s "$Q" ]; then
  echo "== generating $MAX distinct questions (seed $SEED)"
  python3 scripts/gen-questions.py --seed "$SEED" --count "$MAX" --stats > "$Q.tmp"
  mv "$Q.tmp" "$Q"
fi
# the generator's contract, checked on what is measured: MAX lines, no two
# alike even folded (lower case, words only), and a shorter run is a prefix
python3 - "$Q" "$MAX" "$SEED" <<'PY'
import re, subprocess, sys
path, n, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = open(path, encoding="utf-8").read().split("\n")[:-1]
keys = {" ".join(re.findall(r"\w+", l.lower())) for l in lines}
assert len(lines) == n, f"{len(lines)} lines, want {n}"
assert len(keys) == n, f"only {len(keys)} distinct questions of {n}"
head = subprocess.run([sys.executable, "scripts/gen-questions.py", "--seed", seed, "--count", "1000"],
                      capture_output=True, text=True, check=True).stdout.split("\n")[:-1]
assert head == lines[:1000], "the generator is not deterministic"
print(f"   {n:,} questions, all distinct; deterministic")
PY
head -n "$N" "$Q" > "$OUT/q-N.txt"
head -n "$INSTR_N" "$Q" > "$OUT/q-instr.txt"
: > "$OUT/empty.txt"

rec "machine $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) | nproc $(nproc)"
rec "binary $BIN $(stat -c %s "$BIN")"
rec "version $("$BIN" --version)"
rec "bm25 $(cat "$OUT/bm25-versions.txt")"
rec "pin ${PIN[*]:-none}"
rec "N $N"
rec "loadavg_start $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 1. throughput ----------------------------------------------------------
# run NAME INPUT CMD...: CPU and wall of CMD < INPUT, output to /dev/null
run() {
  local name=$1 input=$2; shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$OUT/time.tmp" "${PIN[@]}" "$@" < "$input" > /dev/null
  rec "$name $(cat "$OUT/time.tmp")"
}
echo "== throughput: $N distinct questions, $ROUNDS rounds, ${PIN[*]:-no pinning}"
[ -n "${SKIP_TP:-}" ] && ROUNDS=0
for r in $(seq "$ROUNDS"); do
  run "tp cspo empty" "$OUT/empty.txt" "$BIN" ask --json
  run "tp cspo N" "$OUT/q-N.txt" "$BIN" ask --json
  run "tp bm25 empty" "$OUT/empty.txt" "${BM25[@]}"
  run "tp bm25 N" "$OUT/q-N.txt" "${BM25[@]}"
  run "tp bm25t empty" "$OUT/empty.txt" "${BM25T[@]}"
  run "tp bm25t N" "$OUT/q-N.txt" "${BM25T[@]}"
  echo "   round $r done"
done
# both answer every line
"$BIN" ask --json < "$OUT/q-instr.txt" | wc -l | xargs -I{} echo "lines cspo {}" >> "$RAW"
"${BM25[@]}" < "$OUT/q-instr.txt" | wc -l | xargs -I{} echo "lines bm25 {}" >> "$RAW"

# ---- 2. instructions on the same questions ----------------------------------
ir() {  # ir FILE -> total instructions of a callgrind output file
  grep -m1 '^summary:' "$1" | awk '{print $2}'
}
cg() {  # cg NAME INPUT CMD...
  local name=$1 input=$2; shift 2
  valgrind --tool=callgrind --callgrind-out-file="$OUT/cg-$name.out" "$@" \
    < "$input" > /dev/null 2> "$OUT/cg-$name.log"
  rec "ir $name $(ir "$OUT/cg-$name.out")"
}
if [ -z "${SKIP_INSTR:-}" ]; then
  echo "== instructions (callgrind) on the first $INSTR_N questions"
  cg cspo-empty "$OUT/empty.txt" "$BIN" ask --json
  cg cspo-n "$OUT/q-instr.txt" "$BIN" ask --json
  cg bm25-empty "$OUT/empty.txt" "${BM25[@]}"
  cg bm25-n "$OUT/q-instr.txt" "${BM25[@]}"
  cg bm25t-empty "$OUT/empty.txt" "${BM25T[@]}"
  cg bm25t-n "$OUT/q-instr.txt" "${BM25T[@]}"
  rec "INSTR_N $INSTR_N"
fi

# ---- 3. peak RSS after K distinct questions ---------------------------------
echo "== peak RSS after $RSS_COUNTS distinct questions"
rss() { /usr/bin/time -f '%M %U %S' -o "$OUT/time.tmp" "$@" > /dev/null; cat "$OUT/time.tmp"; }
rec "rss cspo 1 $(echo 'When did Japan join?' | rss "$BIN" ask --json)"
[ -n "${SKIP_RSS:-}" ] && RSS_COUNTS=""
for k in $RSS_COUNTS; do
  [ "$k" -gt "$MAX" ] && continue
  head -n "$k" "$Q" > "$OUT/q-rss.txt"
  rec "rss cspo $k $(rss "$BIN" ask --json < "$OUT/q-rss.txt")"
done
rec "rss bm25 $N $(rss "${BM25[@]}" < "$OUT/q-N.txt")"
rm -f "$OUT/q-rss.txt"

# ---- 4. start-up ------------------------------------------------------------
echo "== start-up to the first answer"
S="When did Japan join?"
rm -f "$OUT"/cg-startup.out*
# parts: .1 up to the first Engine::answer_at (load, compile), then the
# answer (and the exit); the whole is their sum
valgrind --tool=callgrind --dump-before='cspo_bot::engine::Engine::answer_at' \
  --callgrind-out-file="$OUT/cg-startup.out" "$BIN" ask "$S" \
  > /dev/null 2> "$OUT/cg-startup.log"
whole=0; rest=0
for f in "$OUT"/cg-startup.out*; do
  n=$(ir "$f"); whole=$((whole + n))
  [ "$f" != "$OUT/cg-startup.out.1" ] && rest=$((rest + n))
done
rec "ir startup-whole $whole"
if [ -e "$OUT/cg-startup.out.1" ]; then
  rec "ir startup-before-first-answer $(ir "$OUT/cg-startup.out.1")"
  rec "ir first-answer $rest"
fi
valgrind --tool=callgrind --callgrind-out-file="$OUT/cg-version.out" "$BIN" --version \
  > /dev/null 2> "$OUT/cg-version.log"
rec "ir version $(ir "$OUT/cg-version.out")"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs "${STARTUP_RUNS:-20}" --export-json "$OUT/startup.json" \
    -n "cspo ask" "${PIN[*]} $BIN ask '$S'" \
    -n "cspo --version" "${PIN[*]} $BIN --version" \
    -n "bm25 one question" "bash -c \"echo '$S' | ${PIN[*]} ${BM25[*]}\"" > "$OUT/hyperfine.txt" 2>&1 \
    || echo "   (hyperfine failed; see $OUT/hyperfine.txt)"
else
  echo "   (no hyperfine: wall time of start-up skipped; apt-get install -y hyperfine)"
fi
rec "cputime startup $(rss "${PIN[@]}" "$BIN" ask "$S")"

# ---- 5. the worst case: 1 KiB questions -------------------------------------
echo "== worst case: 1 KiB questions"
python3 - "$OUT/worst" "$SEED" <<'PY'
import random, sys
out, seed = sys.argv[1], int(sys.argv[2])
r = random.Random(seed)
def kib(unit):
    s = ""
    while len((s + unit).encode()) <= 1024:
        s += unit
    return s.rstrip(" ")
letters = "abcdefghijklmnopqrstuvwxyz"
rand_words = " ".join("".join(r.choice(letters) for _ in range(r.randint(3, 9))) for _ in range(200))
while len(rand_words.encode()) > 1024:
    rand_words = rand_words.rsplit(" ", 1)[0]
shapes = [
    ("ok-ok-ok", kib("ok ")),
    ("please-thanks", kib("please thanks ")),
    ("one-word", "a" * 1024),
    ("a-a-a", kib("a ")),
    ("random-words", rand_words),
    ("question-repeated", kib("when did japan join ")),
    ("clauses-and", kib("when did japan join and ")),
    ("typos-repeated", kib("wen did japn jion ")),
    ("entity-repeated", kib("japan ")),
    ("quote-search", "what did saltzman say about " + kib("threats training debris ")[:990]),
    ("years", kib("2018 ")),
    ("punctuation", kib("? ")),
    ("flags", kib("\U0001F1EF\U0001F1F5 ")),
    ("fullwidth", kib("\uff4a\uff41\uff50\uff41\uff4e ")),
]
with open(out + ".txt", "w", encoding="utf-8") as f, open(out + "-names.txt", "w") as g:
    f.write("When did Japan join?\n")           # warm-up: the engine's first answer
    for name, q in shapes:
        q = q.encode()[:1024].decode("utf-8", "ignore")
        assert "\n" not in q
        f.write(q + "\n" + q + "\n")             # cold, then warm
        g.write(f"{name} {len(q.encode())}\n")
        open(f"{out}-{name}.line", "w", encoding="utf-8").write(q)
    f.write("hi\n")                                # its part holds the exit
PY
rm -f "$OUT"/cg-worst.out*
# a part ends after each answer is written: part 1 is start-up and the
# warm-up question; then each shape twice (engine, JSON and write)
valgrind --tool=callgrind --dump-after='cspo_bot::cli::write_answer_json' \
  --callgrind-out-file="$OUT/cg-worst.out" "$BIN" ask --json < "$OUT/worst.txt" \
  > "$OUT/worst-answers.jsonl" 2> "$OUT/cg-worst.log"
i=2
while read -r name bytes; do
  rec "worst $name $bytes $(ir "$OUT/cg-worst.out.$i") $(ir "$OUT/cg-worst.out.$((i + 1))")"
  i=$((i + 2))
done < "$OUT/worst-names.txt"
# CPU time: each shape K times in one process (K at least WORST_K, and enough
# for ~WORST_IR instructions, so /usr/bin/time's 10 ms resolution does not
# matter), minus the empty run
while read -r name bytes; do
  line=$(cat "$OUT/worst-$name.line")
  warm=$(grep "^worst $name " "$RAW" | awk '{print $5}')
  k=$(( ${WORST_IR:-20000000000} / (warm + 1) ))
  [ "$k" -lt "$WORST_K" ] && k=$WORST_K
  python3 -c 'import sys; sys.stdout.write((sys.argv[1] + "\n") * int(sys.argv[2]))' "$line" "$k" > "$OUT/worst-k.txt"
  /usr/bin/time -f '%U %S' -o "$OUT/time.tmp" "${PIN[@]}" "$BIN" ask --json < "$OUT/worst-k.txt" > /dev/null
  rec "worstcpu $name $k $(cat "$OUT/time.tmp")"
done < "$OUT/worst-names.txt"
rm -f "$OUT/worst-k.txt" "$OUT/time.tmp"
rec "loadavg_end $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- the table --------------------------------------------------------------
python3 scripts/bench-distinct-report.py "$RAW" "$OUT/startup.json" > "$OUT/table.md"
cat "$OUT/table.md"
echo
echo "(raw figures: $RAW; table: $OUT/table.md)"
