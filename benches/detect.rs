//! Claim detection: candidate generation over the corpus's texts repeated to 0.1, 1 and
//! 10 MB. Targets on the 2-core reference machine: at least 20 MB/s, so a 1 MB text in
//! under 50 ms, and growth in proportion to the text (a 10x step at most ~12x).
//! `cargo bench --bench detect`.

mod common;

use claimmark::detect::candidates;
use claimmark::detect::rank::{self, Ranker};
use claimmark::sample::sample_project;
use common::{Report, full_run, measure};
use std::time::Duration;

/// The five sample texts, repeated (each a paragraph of its own) to at least `bytes`.
fn text_of(bytes: usize) -> String {
    let project = sample_project().expect("the bundled sample loads");
    let mut text = String::with_capacity(bytes + 10_000);
    while text.len() < bytes {
        for document in &project.documents {
            text.push_str(&document.text);
            text.push_str("\n\n");
        }
    }
    text
}

fn main() {
    let (sizes, runs): (&[usize], usize) =
        if full_run() { (&[100_000, 1_000_000, 10_000_000], 5) } else { (&[100_000], 1) };
    let mut bench = Report::new(
        "detect",
        "Claim detection: candidates of a text",
        "The five sample texts repeated to each size. Candidate generation scans the text once into \
         words and sentences and applies every pattern (numbers, money, attributions, dates, cue words) \
         per sentence. Target: at least 20 MB/s (1 MB in under 50 ms).",
    );
    let mut last: Option<(usize, f64)> = None;
    for &size in sizes {
        let text = text_of(size);
        let count = candidates(&text).len();
        let timing = measure(runs, || candidates(&text));
        let megabytes = text.len() as f64 / 1e6;
        let per_second = megabytes / timing.fastest.as_secs_f64();
        let target = Duration::from_secs_f64(megabytes / 20.0);
        bench.row(format!("{megabytes:.1} MB, {count} candidates"), timing, Some(target));
        bench.note(format!("  {megabytes:.1} MB: throughput"), format!("{per_second:.0} MB/s"));
        if let Some((previous, ms)) = last {
            let growth = timing.median_ms() / ms;
            bench.note(format!("  {previous} → {size} bytes"), format!("{growth:.1}x"));
        }
        last = Some((size, timing.median_ms()));
    }
    // Scoring: candidates, their features and a ranker trained on the sample's claims,
    // over a 1 MB text (target: under 0.5 s).
    let project = sample_project().expect("the bundled sample loads");
    let mut examples = Vec::new();
    for document in &project.documents {
        let marked: Vec<_> = project.claims_in(&document.id).map(|c| c.span).collect();
        examples.extend(rank::examples(&document.text, &candidates(&document.text), &marked));
    }
    let ranker = Ranker::train(&examples);
    let text = text_of(1_000_000);
    let timing = measure(runs, || {
        candidates(&text)
            .iter()
            .map(|c| ranker.score(&rank::features(&text, c)))
            .filter(|s| *s >= 0.3)
            .count()
    });
    bench.row("scoring 1 MB (candidates, features, ranker)", timing, Some(Duration::from_millis(500)));
    bench.finish();
}
