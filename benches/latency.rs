//! Per-question latency of `Engine::answer` over the mix: the distribution
//! criterion's means hide. Answers the whole mix ROUNDS times (conversations
//! in order, fresh context each), timing every question on its own, and
//! prints for each question its median time across rounds, summarised as
//! percentiles over the mix, overall and by kind, plus the single-thread
//! throughput of a whole pass.
//!
//!     cargo bench --bench latency            # ROUNDS=300 by default
//!     BENCH_ROUNDS=1000 cargo bench --bench latency
//!
//! Each timing includes one `Instant::now()` pair (~20-40 ns here).

mod common;

use common::{Kind, Plan, answer_mix, load_engine, load_mix};
use cspo_bot::Context;
use std::hint::black_box;
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn summary(label: &str, mut xs: Vec<f64>) {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mean = xs.iter().sum::<f64>() / xs.len().max(1) as f64;
    println!(
        "| {label:<10} | {:>5} | {:>8.2} | {:>8.2} | {:>8.2} | {:>8.2} | {:>8.2} |",
        xs.len(),
        mean,
        percentile(&xs, 0.5),
        percentile(&xs, 0.9),
        percentile(&xs, 0.99),
        xs.last().copied().unwrap_or(f64::NAN),
    );
}

/// One floor pass: `RegexSet::matches` on each question's bodies. Not
/// inlined, for `callgrind --toggle-collect='*floor_pass*'`.
#[inline(never)]
fn floor_pass(set: &regex::RegexSet, bodies: &[String]) -> usize {
    bodies.iter().map(|b| set.matches(b).iter().count()).sum()
}

fn main() {
    // `cargo bench` passes "--bench"; a filter that names another bench skips us.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !args.is_empty() && !args.iter().any(|a| "latency".contains(a.as_str())) {
        return;
    }
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let engine = load_engine();
    let plan = Plan::new(&engine, load_mix());
    println!("{}", plan.describe());

    // Warm up, then time whole passes for throughput.
    for _ in 0..20 {
        black_box(answer_mix(&engine, &plan.conversations));
    }
    let n = plan.questions();
    let mut best_pass = f64::INFINITY;
    let t0 = Instant::now();
    for _ in 0..rounds {
        let t = Instant::now();
        black_box(answer_mix(&engine, black_box(&plan.conversations)));
        best_pass = best_pass.min(t.elapsed().as_secs_f64());
    }
    let mean_pass = t0.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "throughput, one thread: {:.0} questions/s (mean pass {:.1} us, best {:.1} us, {} questions)",
        n as f64 / mean_pass,
        mean_pass * 1e6,
        best_pass * 1e6,
        n
    );

    // Per question: times across rounds.
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); n];
    for _ in 0..rounds {
        let mut i = 0;
        for conv in &plan.conversations {
            let mut ctx = Context::default();
            for q in conv {
                let t = Instant::now();
                let a = engine.answer(black_box(q), &mut ctx);
                let e = t.elapsed();
                black_box(a);
                times[i].push(e.as_secs_f64() * 1e6);
                i += 1;
            }
        }
    }
    let medians: Vec<f64> = times
        .iter_mut()
        .map(|t| {
            t.sort_by(|a, b| a.partial_cmp(b).unwrap());
            t[t.len() / 2]
        })
        .collect();
    println!();
    println!("per-question latency of Engine::answer, us (median of {rounds} rounds per question)");
    println!("| questions  |     n |     mean |      p50 |      p90 |      p99 |      max |");
    println!("|------------|------:|---------:|---------:|---------:|---------:|---------:|");
    summary("all", medians.clone());
    for k in Kind::ALL {
        let xs: Vec<f64> = plan
            .asked
            .iter()
            .zip(&medians)
            .filter(|(a, _)| a.kind == k)
            .map(|(_, m)| *m)
            .collect();
        if !xs.is_empty() {
            summary(k.name(), xs);
        }
    }
    // The floor, for a profiler to set beside answer_mix (same passes).
    // Warmed up as answer_mix is: the set is built on first use (the engine
    // runs its own forward DFA) and its lazy DFA fills on the first passes.
    let set = engine.intents().regex_set();
    for _ in 0..20 {
        for b in &plan.floor_bodies {
            black_box(set.matches(black_box(b)));
        }
    }
    for _ in 0..rounds {
        black_box(floor_pass(set, black_box(&plan.floor_bodies)));
    }

    let mut slow: Vec<(f64, &str)> = plan
        .asked
        .iter()
        .zip(&medians)
        .map(|(a, m)| (*m, a.question.as_str()))
        .collect();
    slow.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    println!();
    println!("slowest questions:");
    for (m, q) in slow.iter().take(5) {
        println!("  {m:>8.2} us  {q:?}");
    }
}
