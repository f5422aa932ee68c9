#!/usr/bin/env python3
"""Prints BENCHMARKS.md's engine table from criterion's results.

    cargo bench --bench engine
    python3 scripts/bench-report.py [CRITERION_DIR]

CRITERION_DIR defaults to $CARGO_TARGET_DIR/criterion (or target/criterion).
Times are criterion's mean estimates (median in brackets); every `mix/*`
and `stage/*` benchmark is one pass over the mix (or over the inputs that
stage sees during one pass), so per-question figures divide by the number
of questions in the mix and add up.
"""
import json
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.environ.get("CARGO_TARGET_DIR", "target"), "criterion")


def load(group, name):
    d = os.path.join(root, group, name, "new")
    try:
        est = json.load(open(os.path.join(d, "estimates.json")))
        bench = json.load(open(os.path.join(d, "benchmark.json")))
    except FileNotFoundError:
        return None
    n = (bench.get("throughput") or {}).get("Elements") or 1
    return {"mean": est["mean"]["point_estimate"], "median": est["median"]["point_estimate"], "n": n}


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} us"
    return f"{ns:.0f} ns"


floor = load("mix", "floor_matches")
answer = load("mix", "answer")
if not floor or not answer:
    sys.exit(f"no criterion results under {root}: run `cargo bench --bench engine` first")
n = answer["n"]
fq = floor["mean"] / n

print(f"Mix: {n} questions. Floor: `mix/floor_matches` = {fmt_ns(fq)} a question.\n")
print("| benchmark | one pass over the mix | per question | questions/s (1 thread) | x floor |")
print("|---|---:|---:|---:|---:|")
rows = [
    ("mix", "answer", "**Engine::answer (whole engine)**"),
    ("mix", "floor_matches", "floor: RegexSet::matches (engine's set, bodies)"),
    ("mix", "floor_is_match", "RegexSet::is_match (engine's set, bodies)"),
    ("mix", "floor_whole_patterns", "RegexSet::matches, whole patterns, big DFA cache"),
    ("stage", "normalize", "stage: normalize + chat respellings"),
    ("stage", "correct", "stage: typo correction (questions whose first attempt failed)"),
    ("stage", "tag", "stage: entity tagging"),
    ("stage", "regexset", "stage: RegexSet pass alone (first attempts)"),
    ("stage", "candidates", "stage: candidates (filler split + RegexSet + sort)"),
    ("stage", "captures", "stage: captures of the winners"),
    ("stage", "correct_every_question", "(what if: speller on every question)"),
]
res = {}
for g, name, label in rows:
    r = load(g, name)
    if not r:
        continue
    res[name] = r
    per = r["mean"] / n
    print(f"| {label} | {fmt_ns(r['mean'])} | {fmt_ns(per)} | {1e9 / per:,.0f} | {per / fq:.2f} |")
stages = ["normalize", "correct", "tag", "candidates", "captures"]
if all(s in res for s in stages):
    total = sum(res[s]["mean"] for s in stages)
    rest = answer["mean"] - total
    print(f"| stages above, summed (without what-if, regexset inside candidates) | {fmt_ns(total)} | {fmt_ns(total / n)} | | {total / n / fq:.2f} |")
    print(f"| remainder: slots, answer computation, rendering, trace (answer - stages) | {fmt_ns(rest)} | {fmt_ns(rest / n)} | | {rest / n / fq:.2f} |")

kinds = [(k, load("kind", k)) for k in ("direct", "followup", "retried", "declined")]
if any(r for _, r in kinds):
    print("\n| Engine::answer by kind of question | questions | per question | x floor |")
    print("|---|---:|---:|---:|")
    for k, r in kinds:
        if r:
            print(f"| {k} | {r['n']} | {fmt_ns(r['mean'] / r['n'])} | {r['mean'] / r['n'] / fq:.2f} |")
load_r = load("startup", "load")
if load_r:
    print(f"\nEngine::load (in process): {fmt_ns(load_r['mean'])} (median {fmt_ns(load_r['median'])})")
