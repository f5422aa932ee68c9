#!/usr/bin/env python3
"""Builds benches/data/mix.jsonl, the question mix the benchmarks run.

The mix is every question of the development set (shared/eval/dev.jsonl) and
of the held-out set (tests/eval/holdout.jsonl), dialogs kept as dialogs, plus
the EXTRA questions below: more typos, chat spellings, off-topic chatter,
addressed messages and follow-up dialogs, so that the mix has roughly the
shape of real traffic (about 70% in scope, 20-25% declined, 5-10% needing
typo correction, 10-15% follow-ups inside dialogs).

Output: one conversation per line, {"q": "..."} for a one-question
conversation or {"dialog": ["...", "..."]} for questions asked in order in
one conversation. Expectations are dropped: the mix is for timing, the eval
sets are for correctness. The output is committed, so the benchmarks never
need shared/; re-run this only to change the mix:

    python3 scripts/bench-mix.py [DEV.jsonl] > benches/data/mix.jsonl
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "eval", "dev.jsonl")
if not os.path.exists(DEV):
    DEV = "/work/shared/eval/dev.jsonl"
HOLDOUT = os.path.join(ROOT, "tests", "eval", "holdout.jsonl")

EXTRA = [
    # typos the speller fixes (or tries to)
    "wen did japn join",
    "when did germnay join the cspo",
    "is norwey a member",
    "who are the memebrs",
    "how many contries are in the cspo",
    "what did saltzmn say",
    "who is gen whitting",
    "were was the meeting held",
    "who hostd the meeting",
    "when did austrailia join",
    "did they discus debris",
    "waht is the cspo",
    "is itlay a member?",
    "which countires joined in 2020",
    "who joind in 2023",
    "whos brose",
    # chat forms, addressing, flags, punctuation
    "@cspo_bot when did 🇯🇵 join?",
    "/ask who hosted the meeting",
    "WHEN DID THE U.S. JOIN???",
    "hey bot, is 🇳🇴 in it?",
    "so... who are the members then?",
    "ok thanks!!",
    "pls tell me when the meeting was",
    "r u a bot",
    "what's the CSpO's purpose?",
    "Did the U.K. join before New Zealand?",
    # off-topic and noise
    "lol",
    "👍",
    "can you help me with my homework",
    "what time is it",
    "how are you doing today?",
    "who is the president of france",
    "translate hello into french",
    "what is the meaning of life",
    "is pluto a planet",
    "when is the next spacex launch",
    "how many moons does jupiter have",
    "send me the link",
    "?",
    "Hello? Anyone there? I have a question about the meeting in Toulouse last December and what the ten countries agreed to do about space debris and the threats they talked about",
    "qwertyuiop",
    "what did the president say about the economy",
]

EXTRA_DIALOGS = [
    ["when did canada join", "and japan?", "what about itlay?"],
    ["who is saltzman", "what did he say?", "what else did he say?", "and whiting?"],
    ["who joined in 2018", "and 2023?", "how many?"],
    ["where was the meeting", "when?", "who hosted it?", "who took part?"],
    ["is brazil a member", "and germany?", "since when?"],
    ["what did they discuss", "did they talk about debris?", "thanks"],
    ["hi", "what is the cspo", "who are the members", "when did norway join", "thank you"],
]


def cases(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            yield json.loads(line)


def main():
    out = []
    for path in (DEV, HOLDOUT):
        for c in cases(path):
            if "dialog" in c:
                out.append({"dialog": [t["q"] for t in c["dialog"]]})
            else:
                out.append({"q": c["q"]})
    out += [{"q": q} for q in EXTRA]
    out += [{"dialog": d} for d in EXTRA_DIALOGS]
    for c in out:
        print(json.dumps(c, ensure_ascii=False))


if __name__ == "__main__":
    main()
