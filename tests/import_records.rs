//! `claimmark import` keeps the good records of a file with a malformed one (issue 10,
//! item 6): the malformed record is reported as `file:line: what; skipped`, the good ones
//! are in the saved project and the status is 0; with `--strict` nothing is written and
//! the status is 1. Runs the real binary.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::store;
use common::{claimmark, printed};
use std::fs;

/// Two good lines around `bad` (line 2), as jsonl.
fn jsonl_around(bad: &str) -> String {
    [
        r#"{"text": "Sultan said 3,000 fighters crossed.", "meta": {"outlet": "Dawn"}, "spans": [{"start": 12, "end": 26, "label": "statistic"}]}"#,
        bad,
        r#"{"text": "The deal is worth $7 billion.", "spans": [{"start": 18, "end": 28, "label": "money", "claim": {"frames": ["economic"]}}]}"#,
    ]
    .join("\n")
        + "\n"
}

/// Imports `content` (as `name`) without and with `--strict`: the good records are saved,
/// `bad_text`'s record is not, the report names `name:2` with `wording`; strict writes
/// nothing, neither into a new project nor into an existing one.
fn imports_all_but_the_bad_record(format: &str, name: &str, content: &str, bad_text: &str, wording: &str) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), content).unwrap();
    let output = claimmark(dir.path(), &["import", "p.ron", "--format", format, name]);
    let said = printed(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    let line = format!("{name}:2: {wording}");
    assert!(said.lines().any(|l| l == line), "expected the line {line:?} in:\n{said}");
    let project = store::load(&dir.path().join("p.ron")).unwrap();
    let texts: Vec<&str> = project.documents.iter().map(|d| &*d.text).collect();
    assert!(texts.contains(&"Sultan said 3,000 fighters crossed."), "{texts:?}");
    assert!(texts.contains(&"The deal is worth $7 billion."), "{texts:?}");
    let kinds: Vec<&str> = project.claims.iter().map(|c| c.kind.as_str()).collect();
    assert!(kinds.contains(&"statistic") && kinds.contains(&"money"), "{kinds:?}");
    let bad_document = project.documents.iter().find(|d| &*d.text == bad_text);
    if let Some(bad_document) = bad_document {
        assert!(!project.claims.iter().any(|c| c.document == bad_document.id), "the bad span was skipped");
    }
    assert!(store::integrity::check(&project).is_empty());

    // --strict: a new project is not created, an existing one is not touched.
    let output = claimmark(dir.path(), &["import", "new.ron", "--format", format, "--strict", name]);
    let said = printed(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.lines().any(|l| l == line), "{said}");
    assert!(said.contains("--strict imports nothing then"), "{said}");
    assert!(!dir.path().join("new.ron").exists());
    let output = claimmark(dir.path(), &["new", "Desk", "-o", "existing.ron"]);
    assert!(output.status.success(), "{}", printed(&output));
    let before = fs::read(dir.path().join("existing.ron")).unwrap();
    let output = claimmark(dir.path(), &["import", "existing.ron", "--format", format, "--strict", name]);
    assert_eq!(output.status.code(), Some(1), "{}", printed(&output));
    assert_eq!(fs::read(dir.path().join("existing.ron")).unwrap(), before, "--strict changes nothing");
}

#[test]
fn a_span_with_an_empty_label_is_skipped_and_the_rest_imported() {
    let bad = r#"{"text": "A rumour spread fast.", "spans": [{"start": 2, "end": 8, "label": ""}]}"#;
    let content = jsonl_around(bad);
    imports_all_but_the_bad_record(
        "jsonl",
        "in.jsonl",
        &content,
        "A rumour spread fast.",
        "span 2..8 has an empty label; skipped",
    );
}

#[test]
fn a_doccano_label_that_is_blank_is_skipped_and_the_rest_imported() {
    let content = [
        r#"{"text": "Sultan said 3,000 fighters crossed.", "label": [[12, 26, "statistic"]]}"#,
        r#"{"text": "A rumour spread fast.", "label": [[2, 8, "  "]]}"#,
        r#"{"text": "The deal is worth $7 billion.", "label": [[18, 28, "money"]]}"#,
    ]
    .join("\n");
    imports_all_but_the_bad_record(
        "doccano",
        "in.jsonl",
        &content,
        "A rumour spread fast.",
        "span 2..8 has an empty label; skipped",
    );
}

#[test]
fn a_document_whose_outlet_has_an_empty_name_is_skipped_and_the_rest_imported() {
    let bad = r#"{"text": "Nobody's outlet said 40 drones.", "meta": {"outlet": ""}, "spans": [{"start": 21, "end": 30, "label": "statistic"}]}"#;
    let content = jsonl_around(bad);
    imports_all_but_the_bad_record(
        "jsonl",
        "in.jsonl",
        &content,
        "Nobody's outlet said 40 drones.",
        "the document's outlet has an empty name; skipped with its 1 span",
    );
    // Neither saved nor named: no outlet without a name was made.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("in.jsonl"), &content).unwrap();
    claimmark(dir.path(), &["import", "p.ron", "--format", "jsonl", "in.jsonl"]);
    let project = store::load(&dir.path().join("p.ron")).unwrap();
    let outlets: Vec<&str> = project.outlets.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(outlets, ["Dawn"]);
    assert_eq!(project.documents.len(), 2);
}

#[test]
fn a_span_tagged_with_a_frame_twice_is_skipped_and_the_rest_imported() {
    let bad = r#"{"text": "Talks framed as security.", "spans": [{"start": 0, "end": 5, "label": "event", "claim": {"frames": ["security-defense", "security-defense"]}}]}"#;
    imports_all_but_the_bad_record(
        "jsonl",
        "in.jsonl",
        &jsonl_around(bad),
        "Talks framed as security.",
        "span 0..5 (event) lists frame \"security-defense\" twice; skipped",
    );
}
