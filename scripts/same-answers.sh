#!/usr/bin/env bash
# Proof that a change to the engine changes no answer: runs the release
# binary on a fixed corpus and saves, or compares, its whole output
# (answers, HTML, sources, slots, follow-ups and trace, as `--json` prints
# them).
#
#     scripts/same-answers.sh save  answers-before.txt   # on the old code
#     scripts/same-answers.sh check answers-before.txt   # on the new code
#
# The corpus: every question of ../shared/eval/dev.jsonl,
# tests/eval/holdout*.jsonl and benches/data/mix.jsonl, and every example
# and reject of intents/*.toml, each asked alone (`ask --json`, fresh
# context each, one process), plus variants of each that exercise the
# stages a plain question skips (filler before and after, capitals, curly
# quotes, full-width letters, a flag, a typo, two clauses); and every
# dialog of those files and every example with `after`, one `chat --json`
# process each, in order. `check` exits 1 and shows the first differences
# when any byte differs.
#
# BIN defaults to $CARGO_TARGET_DIR/release/cspo-bot (or target/...).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: same-answers.sh save|check FILE}
file=${2:?usage: same-answers.sh save|check FILE}
bin=${BIN:-${CARGO_TARGET_DIR:-target}/release/cspo-bot}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'EOF'
import json, os, sys, tomllib, glob
tmp = sys.argv[1]
files = ["../shared/eval/dev.jsonl", *sorted(glob.glob("tests/eval/holdout*.jsonl")),
         "benches/data/mix.jsonl"]
singles, dialogs = [], []
for path in files:
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        c = json.loads(line)
        if "dialog" in c:
            d = [t["q"] if isinstance(t, dict) else t for t in c["dialog"]]
            dialogs.append(d)
            singles.extend(d)
        else:
            singles.append(c["q"])
for path in sorted(glob.glob("intents/*.toml")):
    if path.endswith("grammar.toml"):
        continue
    for i in tomllib.load(open(path, "rb")).get("intent", []):
        for e in i.get("examples", []):
            singles.append(e["q"])
            if e.get("after"):
                dialogs.append(e["after"] + [e["q"]])
        singles.extend(i.get("rejects", []))

def typo(q):
    # Swap two letters of the longest word: a question for the speller.
    words = q.split(" ")
    k = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[k]
    if len(w) >= 5:
        words[k] = w[:2] + w[3] + w[2] + w[4:]
    return " ".join(words)

base = list(singles)
for q in base:
    singles += [
        "hey " + q, q + " please", "so can you tell me " + q + " thanks",
        q.upper(), q.replace("'", "\u2019"), typo(q),
        "I have a question: " + q, "\uff2a\uff41\uff50\uff41\uff4e? " + q,
        q + " \U0001F1EF\U0001F1F5", "@cspo_bot " + q,
    ]
with open(os.path.join(tmp, "singles.txt"), "w", encoding="utf-8") as f:
    for q in singles:
        f.write(q.replace("\n", " ").replace("\r", " ") + "\n")
for k, d in enumerate(dialogs):
    with open(os.path.join(tmp, f"dialog-{k:05}.txt"), "w", encoding="utf-8") as f:
        for q in d:
            f.write(q.replace("\n", " ") + "\n")
print(f"{len(singles)} single questions, {len(dialogs)} dialogs "
      f"({sum(map(len, dialogs))} questions)", file=sys.stderr)
EOF

out="$tmp/out.txt"
"$bin" ask --json < "$tmp/singles.txt" > "$out"
for d in "$tmp"/dialog-*.txt; do
    echo "== $(basename "$d")" >> "$out"
    "$bin" chat --json < "$d" >> "$out"
done
echo "$(wc -l < "$out") lines of output" >&2

case "$mode" in
save) cp "$out" "$file" ;;
check)
    if [ -n "${KEEP:-}" ]; then cp "$out" "$KEEP"; fi
    if cmp -s "$out" "$file"; then
        echo "same answers: byte-identical to $file" >&2
    else
        echo "DIFFERENT from $file:" >&2
        diff "$file" "$out" | head -40 >&2
        exit 1
    fi
    ;;
*) echo "usage: same-answers.sh save|check FILE" >&2; exit 2 ;;
esac
