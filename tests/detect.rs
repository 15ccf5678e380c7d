//! `claimmark detect` run as a program on the bundled sample: candidates of one document
//! (the card's "$7 billion" among them), the evaluation against the sample's own
//! claims, and what it refuses.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use common::{claimmark, printed};
use std::path::Path;

fn sample(dir: &Path) {
    std::fs::write(dir.join("sample.ron"), claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = claimmark(dir, args);
    assert!(output.status.success(), "{args:?}: {}", printed(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_candidates_of_one_document_as_json_and_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path());
    let document = "sputnik-2025-12-17-eurasian-forum";
    let json = ok(dir.path(), &["detect", "sample.ron", "--document", document, "--format", "json"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|c| c["document"] == document));
    let money = list.iter().find(|c| c["text"] == "over $7 billion in American military equipment");
    let money = money.unwrap_or_else(|| panic!("no “$7 billion” among {json}"));
    assert_eq!(money["kind"], "money");
    assert_eq!(money["claimant"], "Maria Sultan");
    assert!(money["score"].as_f64().unwrap() >= 0.3);
    // The text holds the characters the offsets point at.
    let text = claimmark::sample::sample_project().unwrap();
    let text = &text.documents.iter().find(|d| d.id.as_str() == document).unwrap().text;
    for c in &list {
        let span = claimmark::text::CharSpan::new(
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(span.slice(text), c["text"].as_str());
    }
    let table = ok(dir.path(), &["detect", "sample.ron", "--document", document]);
    assert!(table.contains("scored by a ranker trained on the project's claims"), "{table}");
    assert!(table.contains("“over $7 billion in American military equipment”"), "{table}");
}

#[test]
fn the_evaluation_on_the_samples_claims() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path());
    let json = ok(dir.path(), &["detect", "sample.ron", "--eval", "--format", "json"]);
    let evaluation: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(evaluation["documents"], 5);
    assert_eq!(evaluation["overlap"]["claims"], 131);
    let found = evaluation["overlap"]["claims_found"].as_u64().unwrap();
    assert_eq!(evaluation["misses"].as_array().unwrap().len() as u64, 131 - found);
    let table = ok(dir.path(), &["detect", "sample.ron", "--eval"]);
    assert!(table.contains("Leave-one-document-out over 5 documents"), "{table}");
    assert!(table.lines().any(|l| l.starts_with("overall")), "{table}");
    assert!(table.contains("Sentences holding a claim flagged"), "{table}");
}

#[test]
fn an_unknown_document_and_a_score_outside_0_to_1_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path());
    let unknown = claimmark(dir.path(), &["detect", "sample.ron", "--document", "nope"]);
    assert!(!unknown.status.success());
    assert!(printed(&unknown).contains("there is no document \"nope\""), "{}", printed(&unknown));
    let score = claimmark(dir.path(), &["detect", "sample.ron", "--min-score", "2"]);
    assert!(!score.status.success());
    assert!(printed(&score).contains("not between 0 and 1"), "{}", printed(&score));
}

/// Each candidate says whether a claim of the project covers it; `--new` lists only
/// those none covers (what is left to mark).
#[test]
fn candidates_no_claim_covers_yet() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path());
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&ok(dir.path(), &["detect", "sample.ron", "--format", "json"])).unwrap();
    let new: Vec<serde_json::Value> =
        serde_json::from_str(&ok(dir.path(), &["detect", "sample.ron", "--new", "--format", "json"]))
            .unwrap();
    let project = claimmark::sample::sample_project().unwrap();
    let covered = |c: &serde_json::Value| {
        let span = claimmark::text::CharSpan::new(
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        project.claims.iter().any(|m| m.document.as_str() == c["document"] && m.span.overlaps(&span))
    };
    assert!(all.iter().all(|c| c["marked"] == covered(c)));
    assert!(all.iter().any(|c| c["marked"] == true) && all.iter().any(|c| c["marked"] == false));
    assert_eq!(new.len(), all.iter().filter(|c| c["marked"] == false).count());
    assert!(new.iter().all(|c| !covered(c)));
}
