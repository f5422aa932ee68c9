#!/usr/bin/env python3
"""The table of scripts/bench-distinct.sh, as markdown, from its raw.txt.

    python3 scripts/bench-distinct-report.py target/bench-distinct/raw.txt \
        [target/bench-distinct/startup.json]
"""
import json
import os
import statistics
import sys

MIB = 1024.0
raw_path = sys.argv[1]
startup_json = sys.argv[2] if len(sys.argv) > 2 else None
lines = [l.rstrip("\n") for l in open(raw_path, encoding="utf-8") if l.strip()]
info, tp, ir, rss, worst, worstcpu = {}, {}, {}, {}, [], {}
for l in lines:
    f = l.split()
    if f[0] == "tp":                     # tp PROG empty|N wall user sys maxrss
        tp.setdefault((f[1], f[2]), []).append(tuple(map(float, f[3:7])))
    elif f[0] == "ir":
        ir[f[1]] = int(f[2])
    elif f[0] == "rss":                  # rss PROG K maxrss user sys
        rss[(f[1], int(f[2]))] = (int(f[3]), float(f[4]), float(f[5]))
    elif f[0] == "worst":                # worst NAME BYTES COLD WARM
        worst.append((f[1], int(f[2]), int(f[3]), int(f[4])))
    elif f[0] == "worstcpu":             # worstcpu NAME K user sys
        worstcpu[f[1]] = (int(f[2]), float(f[3]) + float(f[4]))
    elif f[0] == "lines":                # lines PROG COUNT
        info.setdefault("lines", []).append(f"{f[1]} {int(f[2]):,}")
    elif f[0] == "cputime":              # cputime startup maxrss user sys
        info["startup_cpu"] = float(f[3]) + float(f[4])
        info["startup_rss"] = int(f[2])
    else:
        info[f[0]] = l[len(f[0]) + 1:]
N = int(info["N"])


def fmt(x, d=0):
    return f"{x:,.{d}f}"


def cpu(t):
    return t[1] + t[2]


def per_round(prog):
    """questions/s of each round: whole run by CPU, steady by CPU, whole run by wall."""
    full, empty = tp.get((prog, "N"), []), tp.get((prog, "empty"), [])
    whole = [N / cpu(t) for t in full]
    steady = [N / max(cpu(t) - cpu(e), 1e-9) for t, e in zip(full, empty)]
    wall = [N / t[0] for t in full]
    return whole, steady, wall


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def rng(xs):
    return f"{fmt(min(xs))}-{fmt(max(xs))}" if xs else "-"


cw, cs, cwall = per_round("cspo")
bw, bs, bwall = per_round("bm25")
tw, ts, twall = per_round("bm25t")
ratio_steady = [a / b for a, b in zip(cs, bs)]
ratio_whole = [a / b for a, b in zip(cw, bw)]
ratio_wall = [a / b for a, b in zip(cwall, bwall)]
ratio_tuned = [a / b for a, b in zip(cs, ts)]
out = []
p = out.append
p(f"Machine: {info.get('machine', '?')}; load average {info.get('loadavg_start', '?')} at the start, "
  f"{info.get('loadavg_end', '?')} at the end; pinned with `{info.get('pin', 'none')}`.")
p(f"cspo-bot: `{info.get('binary', '?')}` ({info.get('version', '?')}); baseline: "
  f"scripts/bm25-baseline.py ({info.get('bm25', '?')}).")
p(f"Inputs: the first {fmt(N)} lines of `scripts/gen-questions.py --seed 14` (distinct); "
  f"lines answered of the first INSTR_N: {', '.join(info.get('lines', []))}.")
p("")
p(f"### Throughput on one core, {fmt(N)} distinct questions ({len(cs)} rounds, alternating; median, range)")
p("")
p("| | cspo-bot `ask --json` | BM25 baseline | ratio | BM25 `--tuned` | ratio |")
p("|---|---:|---:|---:|---:|---:|")
p(f"| questions/s by CPU time, steady (run minus the same program on empty input) | "
  f"**{fmt(med(cs))}** ({rng(cs)}) | {fmt(med(bs))} ({rng(bs)}) | **{med(ratio_steady):.2f}x** | "
  f"{fmt(med(ts))} ({rng(ts)}) | {med(ratio_tuned):.2f}x |")
p(f"| questions/s by CPU time, whole run (start-up included) | {fmt(med(cw))} ({rng(cw)}) | "
  f"{fmt(med(bw))} ({rng(bw)}) | {med(ratio_whole):.2f}x | {fmt(med(tw))} | "
  f"{med([a / b for a, b in zip(cw, tw)]):.2f}x |")
p(f"| questions/s by wall time, whole run (load-sensitive) | {fmt(med(cwall))} ({rng(cwall)}) | "
  f"{fmt(med(bwall))} ({rng(bwall)}) | {med(ratio_wall):.2f}x | {fmt(med(twall))} | "
  f"{med([a / b for a, b in zip(cwall, twall)]):.2f}x |")
ce = [cpu(t) for t in tp.get(("cspo", "empty"), [])]
be = [cpu(t) for t in tp.get(("bm25", "empty"), [])]
te = [cpu(t) for t in tp.get(("bm25t", "empty"), [])]
p(f"| CPU of a run on empty input (load, no question) | {med(ce) * 1000:.0f} ms | {med(be) * 1000:.0f} ms | "
  f"| {med(te) * 1000:.0f} ms | |")
cr = [t[3] for t in tp.get(("cspo", "N"), [])]
br = [t[3] for t in tp.get(("bm25", "N"), [])]
tr = [t[3] for t in tp.get(("bm25t", "N"), [])]
p(f"| peak RSS after {fmt(N)} | {med(cr) / MIB:.1f} MiB | {med(br) / MIB:.1f} MiB | | {med(tr) / MIB:.1f} MiB | |")
if "cspo-n" in ir:
    k = int(info["INSTR_N"])
    ci = (ir["cspo-n"] - ir["cspo-empty"]) / k
    bi = (ir["bm25-n"] - ir["bm25-empty"]) / k
    ti = (ir["bm25t-n"] - ir["bm25t-empty"]) / k if "bm25t-n" in ir else float("nan")
    info["ci"] = ci
    p(f"| instructions a question (callgrind, first {fmt(k)} questions, minus empty input) | "
      f"**{fmt(ci)}** | {fmt(bi)} | {bi / ci:.2f}x | {fmt(ti)} | {ti / ci:.2f}x |")
    p(f"| instructions of a run on empty input | {fmt(ir['cspo-empty'] / 1e6, 1)} M | "
      f"{fmt(ir['bm25-empty'] / 1e6, 1)} M | | {fmt(ir.get('bm25t-empty', 0) / 1e6, 1)} M | |")
    if cs:
        # CPU time per instruction in the throughput runs (same questions' first INSTR_N)
        info["ns_per_ir"] = 1e9 / med(cs) / ci
p("")

p("### Peak RSS of `cspo-bot ask --json` after K distinct questions (one process)")
p("")
p("| K | peak RSS | CPU |")
p("|---:|---:|---:|")
for (prog, k), (m, u, s) in sorted(rss.items(), key=lambda x: (x[0][0], x[0][1])):
    if prog == "cspo":
        p(f"| {fmt(k)} | {m / MIB:.1f} MiB | {u + s:.2f} s |")
p("")

p("### Start-up to the first answer")
p("")
p("| | instructions (callgrind) | wall (hyperfine, mean ± sd, min) |")
p("|---|---:|---:|")
hf = {}
if startup_json and os.path.exists(startup_json):
    for r in json.load(open(startup_json))["results"]:
        hf[r["command"]] = r
def hfs(name):
    r = hf.get(name)
    if not r:
        return "-"
    return f"{r['mean'] * 1000:.1f} ± {r['stddev'] * 1000:.1f} ms, min {r['min'] * 1000:.1f} ms"
p(f"| `cspo-bot ask \"When did Japan join?\"`, whole process | **{fmt(ir.get('startup-whole', 0) / 1e6, 1)} M** | {hfs('cspo ask')} |")
if "startup-before-first-answer" in ir:
    p(f"| of which before the first `Engine::answer_at` (load, compile) | {fmt(ir['startup-before-first-answer'] / 1e6, 1)} M | |")
    p(f"| of which the first answer (cold) and the exit | {fmt(ir['first-answer'] / 1e6, 2)} M | |")
p(f"| `cspo-bot --version` (process floor) | {fmt(ir.get('version', 0) / 1e6, 1)} M | {hfs('cspo --version')} |")
p(f"| BM25 baseline, one question (interpreter, numpy, index) | | {hfs('bm25 one question')} |")
if "startup_cpu" in info:
    p(f"| CPU time of `ask` one question (user + sys, /usr/bin/time) | | {info['startup_cpu'] * 1000:.0f} ms |")
p("")

p("### Worst case: 1 KiB questions (one process, after a warm-up question)")
p("")
p("| shape | bytes | instructions, first asking (cold) | instructions, second (warm) | CPU a question (warm; K askings, /usr/bin/time) | warm instructions / the mean question's |")
p("|---|---:|---:|---:|---:|---:|")
worst_ms = 0.0
for name, b, cold, warm in worst:
    k, c = worstcpu.get(name, (0, 0.0))
    base = ce and med(ce) or 0.0
    ms = max(c - base, 0.0) / k * 1000 if k else float("nan")
    worst_ms = max(worst_ms, ms)
    typ = f"{warm / info['ci']:.1f}x" if "ci" in info else "-"
    p(f"| {name} | {b} | {fmt(cold)} | {fmt(warm)} | {ms:.3f} ms (K = {fmt(k)}) | {typ} |")
p("")
info["worst_ms"] = worst_ms
info["worst_ir"] = max((max(c, w) for _, _, c, w in worst), default=0)

p("### Targets of issue 14, today")
p("")
p("| target | today | gap | met? |")
p("|---|---|---|---|")
q = med(cs)
p(f"| >= 300,000 distinct questions/s on one core (`ask --json`) | {fmt(q)}/s (CPU, steady) | "
  f"{300000 / q:.1f}x short | {'yes' if q >= 300000 else '**no**'} |")
rr = med(ratio_steady)
p(f"| >= 10x the BM25 baseline, same inputs, same run | {rr:.2f}x (CPU, steady; {med(ratio_tuned):.2f}x "
  f"against `--tuned`) | {10 / rr:.1f}x short | {'yes' if rr >= 10 else '**no**'} |")
rs = sorted((k, m) for (prog, k), (m, _, _) in rss.items() if prog == "cspo")
if rs:
    kmax, mmax = rs[-1]
    k1 = [m for k, m in rs if k >= 1000][:1] or [rs[0][1]]
    p(f"| peak RSS <= 20 MiB after 1,000,000 distinct, and flat | {mmax / MIB:.1f} MiB after {fmt(kmax)} "
      f"({k1[0] / MIB:.1f} MiB after 1,000: {'flat' if mmax <= k1[0] * 1.1 else 'growing'}) | "
      f"{mmax / MIB / 20:.1f}x over | {'yes' if mmax / MIB <= 20 and mmax <= k1[0] * 1.1 else '**no**'} |")
st = hf.get("cspo ask")
if st:
    p(f"| start-up to first answer <= 20 ms | {st['min'] * 1000:.0f} ms wall min, {st['mean'] * 1000:.0f} ms mean "
      f"(loaded); {fmt(ir.get('startup-whole', 0) / 1e6)} M instructions | "
      f"{st['min'] * 1000 / 20:.1f}x over (min) | {'yes' if st['min'] <= 0.020 else '**no**'} |")
p(f"| any question <= 1 ms (linear in its length) | worst 1 KiB shape {worst_ms:.1f} ms CPU warm, "
  f"{fmt(info['worst_ir'] / 1e6, 1)} M instructions (cold or warm, the larger) | "
  f"{worst_ms:.1f}x over | {'yes' if worst_ms <= 1 else '**no**'} |")
p("| engine <= 3x its honest floor | not measured by this harness (benches/latency.rs: see above) | | |")
p("| end to end >= 90% of the echo bot | not measured by this harness (benches/e2e.rs) | | |")
print("\n".join(out))
