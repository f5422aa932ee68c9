#!/usr/bin/env python3
"""A small BM25 retrieval bot over the article: the baseline of issue 14.

    scripts/bm25-baseline.py < questions.txt > answers.jsonl

For each line of stdin it prints one JSON line, {"answer": SENTENCE}: the
article sentence that ranks first under BM25 (Okapi, rank-bm25's defaults
k1=1.5, b=0.75) against the question's words, or {"answer": "I don't know
that."} when no word of the question is in the article. It streams like
`cspo-bot ask --json`: a question's answer is written before the program
waits for more input (output is flushed whenever the input read so far
holds no further complete line), so it can sit behind a pipe as a bot.

The article is data/article.txt, split into sentences (a sentence ends at
". ", "? " or "! ", a closing quote included, or at a paragraph break;
the one-line "CLICK HERE..." advert is a sentence like any other, as a
naive retrieval bot would keep it). Words are lower-cased runs of letters
and digits; no stemming, no stop words.

rank-bm25 comes from PyPI: on first use the script creates a virtualenv
(default target/bench-venv, or $BENCH_VENV), installs rank-bm25 into it
(pinned below; numpy comes with it) and re-runs itself there. `--versions`
prints the versions in use.
"""
import json
import os
import re
import subprocess
import sys

RANK_BM25 = "rank-bm25==0.2.2"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.environ.get("BENCH_VENV") or os.path.join(ROOT, "target", "bench-venv")


def ensure_venv():
    try:
        import rank_bm25  # noqa: F401
        return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python3")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV) or os.environ.get("BM25_IN_VENV"):
        sys.exit(f"bm25-baseline: rank_bm25 not importable in {VENV}; remove it and retry")
    if not os.path.exists(py):
        print(f"bm25-baseline: creating {VENV} with {RANK_BM25}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check", RANK_BM25],
                   check=True, stdout=sys.stderr)
    os.environ["BM25_IN_VENV"] = "1"
    os.execv(py, [py, os.path.abspath(__file__), *sys.argv[1:]])


WORD = re.compile(r"[a-z0-9]+")


def words(text):
    return WORD.findall(text.lower())


def sentences(text):
    out = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if not para:
            continue
        # cut after . ? ! (and a closing quote) followed by a space and a capital or a
        # quote, but not after the abbreviations of titles and countries ("Gen.", "U.S.")
        para = re.sub(r"\b(Gen|Mr|Mrs|Dr|St|U\.S|U\.K)\. ", "\\1.\0", para)
        parts = re.split(r"(?<=[.?!][\u201d\"]) (?=[A-Z\u201c\"])|(?<=[.?!]) (?=[A-Z\u201c\"])", para)
        out += [p.replace("\0", " ") for p in parts if p]
    return out


def main():
    ensure_venv()
    import numpy
    import rank_bm25
    if "--versions" in sys.argv:
        from importlib.metadata import version
        print(f"python {sys.version.split()[0]}, rank-bm25 {version('rank-bm25')}, "
              f"numpy {numpy.__version__}")
        return
    path = os.path.join(ROOT, "data", "article.txt")
    sents = sentences(open(path, encoding="utf-8").read())
    bm25 = rank_bm25.BM25Okapi([words(s) for s in sents])
    vocab = {w for s in sents for w in words(s)}
    answers = [json.dumps({"answer": s}, ensure_ascii=False) + "\n" for s in sents]
    decline = json.dumps({"answer": "I don't know that."}) + "\n"

    if "--tuned" in sys.argv:
        def answer(line):
            # the same answer: a word outside the article adds 0 to every score
            q = [w for w in words(line.decode("utf-8", "replace")) if w in vocab]
            if not q:
                return decline
            return answers[int(numpy.argmax(bm25.get_scores(q)))]
    else:
        def answer(line):
            # rank-bm25 as documented: get_scores(tokenized_query)
            scores = bm25.get_scores(words(line.decode("utf-8", "replace")))
            best = int(numpy.argmax(scores))
            # every idf is > 0 (rank-bm25 floors them), so 0 means no word matched
            return answers[best] if scores[best] > 0 else decline

    out = sys.stdout
    rest = b""
    while True:
        chunk = os.read(0, 1 << 16)
        if not chunk:
            break
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        for line in lines:
            out.write(answer(line))
        out.flush()
    if rest:
        out.write(answer(rest))
        out.flush()


if __name__ == "__main__":
    main()
