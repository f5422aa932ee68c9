//! Engine benchmarks over the question mix (issue 5).
//!
//! Every benchmark of the `mix` and `stage` groups does one pass over the
//! whole mix (or over the inputs one stage sees during that pass) and reports
//! throughput in questions, so the per-question times of the stages add up
//! and compare directly with `mix/answer` and the floor:
//!
//! - `mix/answer`: `Engine::answer` on every question, each conversation
//!   with a fresh context: the engine's real cost.
//! - `mix/floor_matches`: the floor: a bare `RegexSet::matches` of the
//!   engine's compiled set over each question's final tagged text with the
//!   filler taken off (precomputed, `IntentSet::bodies`; the set holds the
//!   pattern bodies). `mix/floor_is_match` is `RegexSet::is_match`.
//!   `mix/floor_whole_patterns` is one `matches` pass of a set of the whole
//!   patterns (filler included, as written) over the whole tagged text,
//!   given a lazy-DFA cache big enough to run in the DFA.
//! - `stage/*`: the engine's first attempt at each question, stage by
//!   stage (see `common`): normalize (+ chat respellings), tagging, the
//!   `RegexSet` pass alone and as `candidates` (filler split, set, sort),
//!   captures of the winner, and typo correction of the questions whose
//!   first attempt matched nothing. What `mix/answer` spends beyond their
//!   sum is the further attempts (corrected variants, clauses of long
//!   messages, follow-up rewrites), slot resolution, the answer
//!   computation, rendering and the trace.
//! - `kind/*`: `Engine::answer` on the questions of one kind (direct,
//!   follow-up, retried after correction or by clause, declined), each in
//!   the context it is asked in.
//! - `startup/load`: `Engine::load` (read and validate data and intents,
//!   compile every pattern, build the tagger and the speller).
//!
//! `scripts/bench-report.py` turns the results into BENCHMARKS.md's table.

mod common;

use common::{Kind, Plan, answer_mix, load_engine, load_mix, respell, whole_pattern_set};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn benches(c: &mut Criterion) {
    let engine = load_engine();
    let plan = Plan::new(&engine, load_mix());
    eprintln!("{}", plan.describe());
    let n = plan.questions() as u64;
    let set = engine.intents().regex_set();

    let mut g = c.benchmark_group("mix");
    g.throughput(Throughput::Elements(n));
    g.bench_function("answer", |b| {
        b.iter(|| answer_mix(&engine, black_box(&plan.conversations)))
    });
    g.bench_function("floor_matches", |b| {
        b.iter(|| {
            for t in &plan.floor_bodies {
                black_box(set.matches(black_box(t)));
            }
        })
    });
    g.bench_function("floor_is_match", |b| {
        b.iter(|| {
            for t in &plan.floor_bodies {
                black_box(set.is_match(black_box(t)));
            }
        })
    });
    let whole = whole_pattern_set(&engine);
    g.bench_function("floor_whole_patterns", |b| {
        b.iter(|| {
            for t in &plan.floor_in {
                black_box(whole.matches(black_box(t)));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Elements(n));
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for q in &plan.raw {
                let n = engine.normalize(black_box(q));
                if !n.is_empty() {
                    black_box(respell(&engine, &n));
                }
            }
        })
    });
    g.bench_function("correct", |b| {
        b.iter(|| {
            for t in &plan.correct_in {
                black_box(engine.correct(black_box(t)));
            }
        })
    });
    g.bench_function("correct_every_question", |b| {
        b.iter(|| {
            for t in &plan.tag_in {
                black_box(engine.correct(black_box(t)));
            }
        })
    });
    g.bench_function("tag", |b| {
        b.iter(|| {
            for t in &plan.tag_in {
                black_box(engine.tag(black_box(t)));
            }
        })
    });
    let set_bodies: Vec<&str> = plan
        .set_in
        .iter()
        .flat_map(|t| engine.intents().bodies(t))
        .collect();
    g.bench_function("regexset", |b| {
        b.iter(|| {
            for t in &set_bodies {
                black_box(set.matches(black_box(t)));
            }
        })
    });
    g.bench_function("candidates", |b| {
        b.iter(|| {
            for t in &plan.set_in {
                black_box(engine.intents().candidates(black_box(t)));
            }
        })
    });
    g.bench_function("captures", |b| {
        let intents = &engine.intents().intents;
        b.iter(|| {
            for (i, p, t) in &plan.cap_in {
                black_box(intents[*i].patterns[*p].regex.captures(black_box(t)));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("kind");
    for k in Kind::ALL {
        let asked = plan.of_kind(k);
        if asked.is_empty() {
            continue;
        }
        g.throughput(Throughput::Elements(asked.len() as u64));
        g.bench_function(k.name(), |b| {
            b.iter_batched_ref(
                || asked.iter().map(|a| a.before.clone()).collect::<Vec<_>>(),
                |ctxs| {
                    for (a, ctx) in asked.iter().zip(ctxs.iter_mut()) {
                        black_box(engine.answer(black_box(&a.question), ctx));
                    }
                },
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(4));
    let root = common::root();
    let (data, intents) = (root.join("data"), root.join("intents"));
    g.bench_function("load", |b| {
        b.iter(|| cspo_bot::Engine::load(black_box(&data), black_box(&intents)).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = engine;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);
    targets = benches
}
criterion_main!(engine);
