//! Claim detection: candidate generation over the corpus's texts repeated to 0.1, 1 and
//! 10 MB. Targets on the 2-core reference machine: at least 20 MB/s, so a 1 MB text in
//! under 50 ms, and growth in proportion to the text (a 10x step at most ~12x).
//! `cargo bench --bench detect`.

mod common;

use claimmark::detect::candidates;
use claimmark::detect::eval::{Counts, evaluate};
use claimmark::detect::rank::{self, Ranker};
use claimmark::sample::sample_project;
use claimmark::team::agree::output::number as figure;
use common::{Report, full_run, machine, measure, sample_text_of, today, write_section};
use std::fmt::Write as _;
use std::time::Duration;

/// The detector measured on the sample's claims (`claimmark detect --eval` at 0.3), with
/// the targets of issue 14 and the claims it missed.
fn quality(project: &claimmark::model::Project) -> String {
    let evaluation = evaluate(project, 0.3);
    let mut out = String::from("## Claim detection: quality on the sample\n\n");
    out.push_str(
        "`claimmark detect sample_projects/pakistan-russia.ron --eval`: each document's candidates \
         scored by a ranker trained on the other documents, those at 0.3 or more kept, matched one to \
         one to the document's claims (exactly, and by the largest overlap). Targets of issue 14, on a \
         complete sample: overlap recall at least 0.85 (0.95 for statistic and money) at overlap \
         precision at least 0.5, sentence recall at least 0.95. The sample marks every \
         check-worthy claim of its texts (the full marking of issue 14).\n\n",
    );
    let _ = writeln!(out, "Measured {} on {}.\n", today(), machine());
    out.push_str("| kind | claims | candidates | exact P | exact R | overlap P | overlap R | overlap F1 |\n");
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    let mut row = |name: &str, exact: &Counts, overlap: &Counts| {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} | {} | {} |",
            overlap.marked,
            overlap.proposed,
            figure(exact.precision()),
            figure(exact.recall()),
            figure(overlap.precision()),
            figure(overlap.recall()),
            figure(overlap.f1())
        );
    };
    for (kind, (exact, overlap)) in &evaluation.per_kind {
        row(kind, exact, overlap);
    }
    row("**overall**", &evaluation.exact, &evaluation.overlap);
    let (flagged, sentences) = evaluation.sentences;
    let _ = writeln!(out, "\nSentences holding a claim flagged: {flagged} of {sentences}.\n");
    let _ = writeln!(out, "Claims no kept candidate overlaps ({}):\n", evaluation.misses.len());
    for (document, kind, quote) in &evaluation.misses {
        let _ = writeln!(out, "- {document}, {kind}: “{quote}”");
    }
    out
}

fn main() {
    let (sizes, runs): (&[usize], usize) =
        if full_run() { (&[100_000, 1_000_000, 10_000_000], 5) } else { (&[100_000], 1) };
    let mut bench = Report::new(
        "detect",
        "Claim detection: candidates of a text",
        "The five sample texts repeated to each size. Candidate generation scans the text once into \
         words and sentences and applies every pattern (numbers, money, attributions, dates, cue words, \
         then the clauses none of them found) per sentence. Target: at least 20 MB/s (1 MB in under 50 ms).",
    );
    let mut last: Option<(usize, f64)> = None;
    for &size in sizes {
        let text = sample_text_of(size);
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
    // The same text with no stop and no line break (hostile or broken input): one
    // "sentence", cut by the scan into bounded pieces, so as fast as the text itself.
    let flat: String = sample_text_of(*sizes.last().unwrap_or(&100_000))
        .chars()
        .map(|c| if matches!(c, '.' | '!' | '?' | '\n') { ' ' } else { c })
        .collect();
    let megabytes = flat.len() as f64 / 1e6;
    let timing = measure(runs, || candidates(&flat));
    let target = Duration::from_secs_f64(megabytes / 20.0);
    bench.row(format!("{megabytes:.1} MB with no sentence stop"), timing, Some(target));
    // Scoring: candidates, their features and a ranker trained on the sample's claims,
    // over a 1 MB text (target: under 0.5 s).
    let project = sample_project().expect("the bundled sample loads");
    let mut examples = Vec::new();
    for document in &project.documents {
        let marked: Vec<_> = project.claims_in(&document.id).map(|c| c.span).collect();
        examples.extend(rank::examples(&document.text, &candidates(&document.text), &marked));
    }
    let ranker = Ranker::train(&examples);
    let text = sample_text_of(1_000_000);
    let timing = measure(runs, || {
        candidates(&text)
            .iter()
            .map(|c| ranker.score(&rank::features(&text, c)))
            .filter(|s| *s >= 0.3)
            .count()
    });
    bench.row("scoring 1 MB (candidates, features, ranker)", timing, Some(Duration::from_millis(500)));
    bench.finish();
    if full_run() {
        write_section("detect-quality", &quality(&project));
    }
}
