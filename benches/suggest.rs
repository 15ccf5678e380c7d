//! Grouping suggestions on the generated project of 1,000 documents and 100,000
//! claims: building the index, and the median time of one query over 100 claims spread
//! through the project. Target on the 2-core reference machine: under 50 ms per query.
//! `cargo bench --bench suggest`.

mod common;

use claimmark::generate::{GeneratedSize, generate_project};
use claimmark::suggest::SuggestIndex;
use common::{Report, full_run, measure};
use std::time::{Duration, Instant};

const QUERIES: usize = 100;
const LIMIT: usize = 10;

fn main() {
    let (size, build_runs) =
        if full_run() { (GeneratedSize::BENCHMARK, 3) } else { (GeneratedSize::SMOKE, 1) };
    let mut report = Report::new(
        "suggest",
        "Grouping suggestions",
        format!(
            "The generated project (seed 1) of {} documents and {} claims: building the \
             suggestion index (tokens, stems, entities, quantities, inverted indexes), then \
             one query (the best {LIMIT} claims of other documents, with reasons) for each of \
             {QUERIES} claims spread evenly through the project.",
            size.documents, size.claims
        ),
    );
    let project = generate_project(1, size);
    let build = measure(build_runs, || SuggestIndex::new(&project));
    report.row(format!("build the index ({} claims)", size.claims), build, Some(Duration::from_secs(3)));
    let index = SuggestIndex::new(&project);
    let step = (project.claims.len() / QUERIES).max(1);
    let claims: Vec<usize> = (0..project.claims.len()).step_by(step).take(QUERIES).collect();
    let mut times: Vec<Duration> = Vec::with_capacity(claims.len());
    let mut found = 0;
    for &claim in &claims {
        let start = Instant::now();
        let suggestions = std::hint::black_box(index.suggest(&project, claim, LIMIT));
        times.push(start.elapsed());
        found += suggestions.len();
    }
    times.sort();
    let query = common::Timing { median: times[times.len() / 2], fastest: times[0], runs: times.len() };
    report.row(
        format!("one query (median of {} claims)", claims.len()),
        query,
        Some(Duration::from_millis(50)),
    );
    let slowest = times.last().copied().unwrap_or_default();
    report.note("  slowest query", format!("{:.1} ms", slowest.as_secs_f64() * 1000.0));
    report.note("  suggestions per query", format!("{:.1}", found as f64 / claims.len().max(1) as f64));
    report.finish();
}
