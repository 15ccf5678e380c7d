//! `claimmark detect` run as a program on the bundled sample: candidates of one document
//! (the card's "$7 billion" among them), the evaluation against the sample's own
//! claims, `--apply`, and what it refuses.

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
    // Every candidate no claim covers is still listed with --new; a few more may be,
    // which lost to an overlapping candidate that a claim covers.
    assert!(all.iter().filter(|c| c["marked"] == false).all(|c| new.contains(c)));
    assert!(new.iter().all(|c| !covered(c) && c["marked"] == false));
    // Overlapping candidates are proposed once, the best scored.
    for list in [&all, &new] {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                let overlap = a["document"] == b["document"]
                    && a["start"].as_u64() < b["end"].as_u64()
                    && b["start"].as_u64() < a["end"].as_u64();
                assert!(!overlap, "{a} {b}");
            }
        }
    }
}

#[test]
fn apply_marks_what_is_left_once_and_a_rejected_span_is_never_listed() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path());
    let path = dir.path().join("sample.ron");
    let before = claimmark::store::load(&path).unwrap();
    let left: Vec<serde_json::Value> = serde_json::from_str(&ok(
        dir.path(),
        &["detect", "sample.ron", "--new", "--min-score", "0.5", "--format", "json"],
    ))
    .unwrap();
    assert!(!left.is_empty());
    // One of them rejected in the file, as the app records it.
    let rejected = &left[0];
    let mut project = before.clone();
    project.rejections.push(claimmark::model::Rejection {
        document: rejected["document"].as_str().unwrap().into(),
        span: claimmark::anchor::CharSpan::new(
            rejected["start"].as_u64().unwrap() as usize,
            rejected["end"].as_u64().unwrap() as usize,
        ),
        kind: rejected["kind"].as_str().unwrap().into(),
        reviewer: None,
        at: claimmark::model::Timestamp::now(),
    });
    claimmark::store::save(&project, &path).unwrap();
    let all = ok(dir.path(), &["detect", "sample.ron", "--min-score", "0", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&all).unwrap();
    let same = |c: &serde_json::Value| {
        c["document"] == rejected["document"]
            && c["start"] == rejected["start"]
            && c["end"] == rejected["end"]
    };
    assert!(!all.iter().any(same), "a rejected span is listed again");

    let said =
        ok(dir.path(), &["detect", "sample.ron", "--apply", "--min-score", "0.5", "--reviewer", "Dana"]);
    let applied = claimmark::store::load(&path).unwrap();
    let new: Vec<&claimmark::model::Claim> =
        applied.claims.iter().filter(|c| before.claim(&c.id).is_none()).collect();
    assert!(!new.is_empty());
    assert!(
        said.contains(&format!("{} suggestions marked as claims (origin: detected)", new.len())),
        "{said}"
    );
    let dana = applied.reviewer_by_name("Dana").unwrap().id.clone();
    for claim in &new {
        assert_eq!(claim.origin, claimmark::model::Origin::Detected, "{}", claim.id);
        assert_eq!(claim.reviewer.as_ref(), Some(&dana));
        // None overlaps a claim that was there, another new one, or the rejected span.
        assert!(!before.claims_in(&claim.document).any(|c| c.span.overlaps(&claim.span)), "{}", claim.id);
        assert!(
            new.iter().filter(|o| o.document == claim.document && o.span.overlaps(&claim.span)).count() == 1
        );
        assert!(
            !(claim.document.as_str() == rejected["document"]
                && claim.span.start as u64 == rejected["start"])
        );
    }
    assert!(claimmark::store::integrity::check(&applied).is_empty());
    // Applied claims teach the ranker nothing: a second run finds nothing more to mark,
    // and leaves the file as it was.
    let bytes = std::fs::read(&path).unwrap();
    let again =
        ok(dir.path(), &["detect", "sample.ron", "--apply", "--min-score", "0.5", "--reviewer", "Dana"]);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "not rewritten");
    assert!(again.contains("0 suggestions marked"), "{again}");
    assert_eq!(claimmark::store::load(&path).unwrap().claims.len(), applied.claims.len());
    // A training set without what nobody decided on: --filter origin=marked,suggested.
    let export =
        ok(dir.path(), &["export", "sample.ron", "--format", "jsonl", "--filter", "origin=marked,suggested"]);
    let exported: usize = export
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap()["spans"].as_array().unwrap().len()
        })
        .sum();
    assert_eq!(exported, before.claims.len(), "the detected claims left out");
    let wrong = common::claimmark(
        dir.path(),
        &["export", "sample.ron", "--format", "jsonl", "--filter", "origin=robot"],
    );
    assert!(!wrong.status.success());
    assert!(common::printed(&wrong).contains("marked, suggested or detected"), "{}", common::printed(&wrong));
    // --apply with --eval is refused.
    let output = common::claimmark(dir.path(), &["detect", "sample.ron", "--eval", "--apply"]);
    assert!(!output.status.success());
}
