//! Correcting a document's text (`edit::set_text`): one document of 0.1, 1 and 10 MB (the
//! sample's texts repeated) with 1k, 10k and 100k claims on its words, corrected in 100
//! places (a word changed, a sentence inserted, a space put back), and the edit applied
//! and undone. Growth must stay near 10x per 10x step (at most ~12x).
//! `cargo bench --bench retext`.

mod common;

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::edit::set_text;
use claimmark::model::{Claim, ClaimId, Document, DocumentId, LabelId, Project, Taxonomy, Timestamp};
use common::{Report, full_run, measure, sample_text_of};

/// A project of one document holding `text`, with `claims` claims on words spread over it.
fn project_of(text: &str, claims: usize) -> Project {
    let mut project = Project::new("retext", Taxonomy::builtin());
    project.documents.push(Document::new(DocumentId::new("doc"), "Doc", text));
    let words: Vec<CharSpan> = claimmark::edit::retext::words(&text.chars().collect::<Vec<_>>())
        .into_iter()
        .map(|w| CharSpan::new(w.start, w.end))
        .collect();
    let step = (words.len() / claims).max(1);
    let at = Timestamp("2026-11-30T00:00:00Z".into());
    for (n, span) in words.iter().step_by(step).take(claims).enumerate() {
        let quote = QuoteSelector::capture(text, *span).expect("a span of the text");
        project.claims.push(Claim::new(
            ClaimId::new(format!("claim-{n}")),
            DocumentId::new("doc"),
            *span,
            quote,
            LabelId::new("statistic"),
            LabelId::new("unverified"),
            at.clone(),
        ));
    }
    project
}

/// The text corrected in 100 places spread over it.
fn corrected(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 10_000);
    let step = text.len() / 100;
    let mut last = 0;
    for k in 1..=100 {
        let mut at = (k * step).min(text.len());
        while !text.is_char_boundary(at) {
            at += 1;
        }
        out.push_str(&text[last..at]);
        match k % 3 {
            0 => out.push_str(" A sentence the publisher added. "),
            1 => out.push('X'),
            _ => out.push(' '),
        }
        last = at;
    }
    out.push_str(&text[last..]);
    out
}

fn main() {
    let sizes: &[(usize, usize, usize)] = if full_run() {
        &[(100_000, 1_000, 5), (1_000_000, 10_000, 5), (10_000_000, 100_000, 3)]
    } else {
        &[(100_000, 1_000, 1)]
    };
    let mut bench = Report::new(
        "retext",
        "Correcting a document's text",
        "One document of the sample's texts repeated to each size, with claims on words spread over it, \
         corrected in 100 places (a letter glued to a word, a space, a sentence inserted): `edit::set_text` \
         finds the difference (patience diff on words, Myers on the chars between) and carries or flags \
         every claim; then the edit is applied and undone. A 10x step should cost at most ~12x.",
    );
    let mut last: Option<f64> = None;
    for &(bytes, claims, runs) in sizes {
        let text = sample_text_of(bytes);
        let project = project_of(&text, claims);
        let new = corrected(&text);
        let id = DocumentId::new("doc");
        let at = Timestamp("2026-12-01T00:00:00Z".into());
        let report = set_text(&project, &id, &new, &at, None).expect("the document");
        let megabytes = text.len() as f64 / 1e6;
        let timing = measure(runs, || set_text(&project, &id, &new, &at, None).expect("the document"));
        let what = format!(
            "{megabytes:.1} MB, {} claims: set_text ({} moved, {} flagged)",
            project.claims.len(),
            report.moved,
            report.flagged.len()
        );
        let median = timing.median_ms();
        bench.row(what, timing, None);
        if let Some(previous) = last {
            bench.note("  growth from the size before", format!("{:.1}x", median / previous));
        }
        last = Some(median);
        let mut applied = project.clone();
        let edit = report.edit.expect("a change");
        let timing = measure(runs, || {
            let undo = edit.clone().apply(&mut applied).expect("apply");
            undo.apply(&mut applied).expect("undo")
        });
        bench.row(format!("{megabytes:.1} MB: apply and undo the correction"), timing, None);
    }
    bench.finish();
}
