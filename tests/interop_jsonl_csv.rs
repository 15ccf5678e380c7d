//! jsonl and csv exports, the options every export has (labels, filters, splits, texts),
//! and the jsonl import: the sample project through jsonl and back, golden files of a
//! small fixture, spans over emoji, Persian script and CRLF line ends checked by a
//! second implementation, the command line.
//!
//! Golden files: `tests/golden/jsonl.jsonl`, `tests/golden/claims.csv` (see
//! `tests/golden_check/mod.rs` for how to regenerate them).
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod golden_check;

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::interop::{self, ExportOptions, ExportSet, Format, LabelBy};
use claimmark::model::{
    Attribution, Claim, ClaimId, Document, DocumentId, IdAllocator, LabelId, Outlet, OutletId, Project,
    QuotedPassage, Taxonomy, Timestamp,
};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

const TRICKY: &str = "Sultan’s “estimate”: 3,000 😀 fighters\r\nکشور نباشد 🇵🇰 flag\r\n$7 billion.";

fn claim(id: &str, document: &str, text: &str, needle: &str, kind: &str) -> Claim {
    let start = common_offset(text, needle);
    let span = CharSpan::new(start, start + needle.chars().count());
    Claim {
        claimant: "Maria Sultan".into(),
        attribution: Attribution::Attributed,
        frames: vec![LabelId::new("security-defense"), LabelId::new("political")],
        note: "a note, with \"quotes\"".into(),
        ..Claim::new(
            ClaimId::new(id),
            DocumentId::new(document),
            span,
            QuoteSelector::capture(text, span).unwrap(),
            LabelId::new(kind),
            LabelId::new("unverified"),
            Timestamp::from_unix(1_763_900_000),
        )
    }
}

fn outlet(id: &str, name: &str, affiliation: &str) -> Outlet {
    Outlet {
        id: OutletId::new(id),
        name: name.into(),
        domain: None,
        country: None,
        affiliation: LabelId::new(affiliation),
        owner: None,
        notes: String::new(),
    }
}

fn passage(text: &str, quoted: &str, outlet: &str) -> QuotedPassage {
    let start = common_offset(text, quoted);
    QuotedPassage {
        span: CharSpan::new(start, start + quoted.chars().count()),
        outlet: OutletId::new(outlet),
        url: None,
        published: None,
        note: String::new(),
    }
}

/// The char offset of `needle` in `text`, counted independently: bytes that start a char.
fn common_offset(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).unwrap();
    text.as_bytes()[..byte].iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Two documents; the tricky one (Sputnik's) quotes its last line, "$7 billion.", from
/// The Nation, so claim-3 is The Nation's via Sputnik International.
fn fixture() -> Project {
    let mut project = Project::new("fixture", Taxonomy::builtin());
    project.outlets.push(outlet("outlet-1", "Sputnik International", "state-media"));
    project.outlets.push(outlet("outlet-2", "The Nation", "private"));
    for (id, text) in [("tricky", TRICKY), ("plain", "Moscow and Islamabad agreed.")] {
        project.documents.push(Document {
            id: DocumentId::new(id),
            title: format!("The {id} text"),
            outlet: (id == "tricky").then(|| OutletId::new("outlet-1")),
            genre: Some(LabelId::new("news-report")),
            url: None,
            published: Some("2025-12-17".into()),
            author: None,
            captured: None,
            notes: String::new(),
            passages: Vec::new(),
            text: Arc::from(text),
        });
    }
    project.documents[0].passages = vec![passage(TRICKY, "$7 billion.", "outlet-2")];
    project.claims.push(claim("claim-1", "tricky", TRICKY, "3,000 😀 fighters", "statistic"));
    project.claims.push(claim("claim-2", "tricky", TRICKY, "کشور نباشد 🇵🇰", "evaluative"));
    project.claims.push(claim("claim-3", "tricky", TRICKY, "$7 billion", "money"));
    project.claims.push(claim(
        "claim-4",
        "plain",
        "Moscow and Islamabad agreed.",
        "Islamabad agreed",
        "event",
    ));
    project
}

fn export(project: &Project, format: Format, options: &ExportOptions) -> String {
    let set = ExportSet::new(project, options);
    let mut bytes = Vec::new();
    interop::write_export(format, &set, &mut bytes).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn with_text() -> ExportOptions {
    ExportOptions { with_text: true, ..ExportOptions::default() }
}

#[test]
fn jsonl_and_csv_match_their_golden_files() {
    golden_check::check("jsonl.jsonl", export(&fixture(), Format::Jsonl, &with_text()).as_bytes());
    golden_check::check("claims.csv", export(&fixture(), Format::Csv, &with_text()).as_bytes());
}

#[test]
fn jsonl_spans_slice_the_right_text_in_chars_and_tokens() {
    let output = export(&fixture(), Format::Jsonl, &with_text());
    let first: Value = serde_json::from_str(output.lines().next().unwrap()).unwrap();
    let text = first["text"].as_str().unwrap();
    assert_eq!(text, TRICKY, "CRLF and all kept");
    let chars: Vec<char> = text.chars().collect();
    let tokens = first["tokens"].as_array().unwrap();
    for span in first["spans"].as_array().unwrap() {
        let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
        let sliced: String = chars[start..end].iter().collect();
        assert_eq!(sliced, span["text"].as_str().unwrap());
        // token_end is inclusive, and the tokens cover the span.
        let first_token = &tokens[span["token_start"].as_u64().unwrap() as usize];
        let last_token = &tokens[span["token_end"].as_u64().unwrap() as usize];
        assert_eq!(first_token["start"].as_u64().unwrap() as usize, start);
        assert_eq!(last_token["end"].as_u64().unwrap() as usize, end);
    }
    for token in tokens {
        let (start, end) =
            (token["start"].as_u64().unwrap() as usize, token["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[start..end].iter().collect::<String>(), token["text"].as_str().unwrap());
    }
}

#[test]
fn csv_rows_slice_the_right_text_in_chars() {
    let output = export(&fixture(), Format::Csv, &with_text());
    let mut reader = csv::Reader::from_reader(output.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    for row in &rows {
        let text = if &row[1] == "tricky" { TRICKY } else { "Moscow and Islamabad agreed." };
        let (start, end): (usize, usize) = (row[9].parse().unwrap(), row[10].parse().unwrap());
        assert_eq!(text.chars().skip(start).take(end - start).collect::<String>(), &row[11]);
    }
    assert_eq!(&rows[0][7], "state-media", "the outlet's affiliation is in every row");
    // claim-3 is in The Nation's passage: its outlet and affiliation, via Sputnik (the
    // last column).
    assert_eq!((&rows[2][5], &rows[2][7], &rows[2][28]), ("The Nation", "private", "Sputnik International"));
    assert_eq!(&rows[0][28], "", "no via outside a passage");
}

#[test]
fn labels_filters_and_no_text() {
    let project = fixture();
    let frames = export(&project, Format::Jsonl, &ExportOptions { labels: LabelBy::Frame, ..with_text() });
    let labels: Vec<String> = frames
        .lines()
        .flat_map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["label"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(labels.len(), 8, "two frames per claim give two spans each");
    assert!(labels.iter().all(|l| l == "security-defense" || l == "political"));
    let mut filter = interop::ClaimFilter::default();
    filter.add("kind=money,event").unwrap();
    let money = export(&project, Format::Csv, &ExportOptions { filter: filter.clone(), ..with_text() });
    assert_eq!(csv::Reader::from_reader(money.as_bytes()).records().count(), 2);
    filter.add("affiliation=state-media").unwrap();
    let state_media = export(&project, Format::Jsonl, &ExportOptions { filter, ..with_text() });
    assert_eq!(state_media.lines().count(), 1, "the document without a state-media outlet is left out");
    let no_text = export(&project, Format::Jsonl, &ExportOptions::default());
    let line: Value = serde_json::from_str(no_text.lines().next().unwrap()).unwrap();
    assert!(line.get("text").is_none() && line.get("tokens").is_none());
    assert_eq!(line["spans"].as_array().unwrap().len(), 3);
}

#[test]
fn the_sample_goes_through_jsonl_and_back_unchanged() {
    let sample = claimmark::sample::sample_project().unwrap();
    let output = export(&sample, Format::Jsonl, &with_text());
    let parsed = interop::jsonl::read(Path::new("sample.jsonl"), &output);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let empty = Project::new("empty", Taxonomy::builtin());
    let mut ids = IdAllocator::for_project(&empty);
    let (edit, report) = interop::merge_import(&empty, &mut ids, parsed, true).unwrap();
    assert!(report.new_kinds.is_empty());
    let mut imported = empty;
    edit.apply(&mut imported).unwrap();
    let key = |p: &Project| -> BTreeSet<(String, usize, usize, String, String, String)> {
        p.claims
            .iter()
            .map(|c| {
                let text = p.document(&c.document).unwrap().text.to_string();
                (
                    text,
                    c.span.start,
                    c.span.end,
                    c.kind.to_string(),
                    c.claimant.clone(),
                    c.verdict.to_string(),
                )
            })
            .collect()
    };
    assert_eq!(key(&imported), key(&sample));
    let texts =
        |p: &Project| -> BTreeSet<String> { p.documents.iter().map(|d| d.text.to_string()).collect() };
    assert_eq!(texts(&imported), texts(&sample));
    let ids = |p: &Project| -> Vec<String> { p.documents.iter().map(|d| d.id.to_string()).collect() };
    assert_eq!(ids(&imported), ids(&sample), "document ids come back");
    // Reviewers and source links come back too.
    type Extras = BTreeSet<(usize, usize, Option<String>, Vec<(String, String)>)>;
    let extras = |p: &Project| -> Extras {
        p.claims
            .iter()
            .map(|c| {
                let reviewer = c
                    .reviewer
                    .as_ref()
                    .and_then(|r| p.reviewers.iter().find(|x| &x.id == r))
                    .map(|r| r.name.clone());
                let sources = c
                    .sources
                    .iter()
                    .map(|l| (p.source(&l.source).unwrap().title.clone(), l.relation.to_string()))
                    .collect();
                (c.span.start, c.span.end, reviewer, sources)
            })
            .collect()
    };
    assert_eq!(extras(&imported), extras(&sample));
    assert_eq!(imported.groups.len(), sample.groups.len(), "groups come back by name");
    assert_eq!(claimmark::store::integrity::check(&imported), vec![]);
}

fn run(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_claimmark")).current_dir(dir).args(args).output().unwrap();
    let text =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[test]
fn the_command_line_splits_filters_and_imports_strictly() {
    let dir = tempfile::tempdir().unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_projects/pakistan-russia.ron");
    let sample = sample.to_str().unwrap();
    let (ok, out) = run(
        dir.path(),
        &[
            "export",
            sample,
            "--format",
            "jsonl",
            "--split",
            "train=0.6,dev=0.2,test=0.2",
            "--seed",
            "3",
            "-o",
            "data.jsonl",
        ],
    );
    assert!(ok, "{out}");
    let lines = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap().lines().count();
    assert_eq!((lines("data.train.jsonl"), lines("data.dev.jsonl"), lines("data.test.jsonl")), (3, 1, 1));
    let first = std::fs::read(dir.path().join("data.train.jsonl")).unwrap();
    std::fs::write(dir.path().join("data.train.jsonl"), "overwritten below").unwrap();
    let (ok, out) = run(
        dir.path(),
        &[
            "export",
            sample,
            "--format",
            "jsonl",
            "--split",
            "train=0.6,dev=0.2,test=0.2",
            "--seed",
            "3",
            "-o",
            "data.jsonl",
            "--force",
        ],
    );
    assert!(ok, "{out}");
    assert_eq!(std::fs::read(dir.path().join("data.train.jsonl")).unwrap(), first, "stable across runs");
    let (ok, out) = run(dir.path(), &["export", sample, "--format", "csv", "--filter", "verdict=nonsense"]);
    assert!(!ok && out.contains("unknown verdict \"nonsense\""), "{out}");
    let (ok, out) = run(dir.path(), &["export", sample, "--format", "jsonl", "--split", "train=0.9"]);
    assert!(!ok && out.contains("split"), "{out}");

    // A broken line in the middle: reported with file and line; --strict writes nothing.
    let mut text = std::fs::read_to_string(dir.path().join("data.train.jsonl")).unwrap();
    text.insert_str(text.find('\n').unwrap() + 1, "{\"text\": 42}\n");
    std::fs::write(dir.path().join("broken.jsonl"), text).unwrap();
    let (ok, out) =
        run(dir.path(), &["import", "strict.ron", "--format", "jsonl", "--strict", "broken.jsonl"]);
    assert!(!ok && out.contains("broken.jsonl:2:"), "{out}");
    assert!(!dir.path().join("strict.ron").exists());
    let (ok, out) = run(dir.path(), &["import", "lenient.ron", "--format", "jsonl", "broken.jsonl"]);
    assert!(ok && out.contains("broken.jsonl:2:") && out.contains("3 documents added"), "{out}");
    let (ok, out) = run(dir.path(), &["validate", "lenient.ron"]);
    assert!(ok, "{out}");
}

#[test]
fn every_sample_span_starts_and_ends_on_token_boundaries() {
    // spaCy's strict char_span and Prodigy refuse spans that cut a token: run-together
    // sentences in the captured texts ("payroll.The") must not glue a claim's last word
    // to the next sentence.
    let sample = claimmark::sample::sample_project().unwrap();
    let output = export(&sample, Format::Jsonl, &with_text());
    let mut checked = 0;
    for line in output.lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        let tokens = value["tokens"].as_array().unwrap();
        for span in value["spans"].as_array().unwrap() {
            let first = &tokens[span["token_start"].as_u64().unwrap() as usize];
            let last = &tokens[span["token_end"].as_u64().unwrap() as usize];
            assert_eq!(first["start"], span["start"], "{}", span["text"]);
            assert_eq!(last["end"], span["end"], "{}", span["text"]);
            checked += 1;
        }
    }
    assert_eq!(checked, sample.claims.len());
}

#[test]
fn importing_with_the_wrong_format_writes_nothing_and_says_which_format() {
    let dir = tempfile::tempdir().unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_projects/pakistan-russia.ron");
    let (ok, out) =
        run(dir.path(), &["export", sample.to_str().unwrap(), "--format", "doccano", "-o", "d.jsonl"]);
    assert!(ok, "{out}");
    let (ok, out) = run(dir.path(), &["import", "wrong.ron", "--format", "jsonl", "d.jsonl"]);
    assert!(!ok, "{out}");
    assert!(out.contains("--format doccano") && out.contains("d.jsonl:1:"), "{out}");
    assert!(!dir.path().join("wrong.ron").exists(), "no project is created from nothing");
    let (ok, out) = run(dir.path(), &["import", "wrong.ron", "--format", "w3c", "d.jsonl"]);
    assert!(!ok && out.contains("is --format the format"), "{out}");
    assert!(!dir.path().join("wrong.ron").exists());
}

#[test]
fn a_label_studio_export_comes_with_its_labeling_config() {
    let dir = tempfile::tempdir().unwrap();
    let sample = claimmark::sample::sample_project().unwrap();
    let out = dir.path().join("tasks.json");
    interop::export_to_path(&sample, Format::LabelStudio, &with_text(), None, &out, None).unwrap();
    let config = std::fs::read_to_string(dir.path().join("tasks.config.xml")).unwrap();
    assert!(
        config.starts_with("<View>") && config.contains("<Text name=\"text\" value=\"$text\"/>"),
        "{config}"
    );
    for kind in &sample.taxonomy.claim_kinds {
        assert!(config.contains(&format!("<Label value=\"{}\"", kind.id)), "{}", kind.id);
    }
}

#[test]
fn a_claim_changed_in_a_jsonl_export_is_updated_on_reimport_not_added_again() {
    let dir = tempfile::tempdir().unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_projects/pakistan-russia.ron");
    std::fs::copy(&sample, dir.path().join("work.ron")).unwrap();
    let project = claimmark::store::load(&sample).unwrap();
    let (ok, out) = run(dir.path(), &["export", "work.ron", "--format", "jsonl", "-o", "claims.jsonl"]);
    assert!(ok, "{out}");
    let content = std::fs::read_to_string(dir.path().join("claims.jsonl")).unwrap();
    let mut lines: Vec<Value> = content.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The first span gets another kind (label and claim record) and another verdict.
    let span = &mut lines[0]["spans"][0];
    let new_kind = if span["label"] == "causal" { "policy" } else { "causal" };
    span["label"] = new_kind.into();
    span["claim"]["kind"] = new_kind.into();
    span["claim"]["verdict"] = "misleading".into();
    let claim_id = span["claim"]["id"].as_str().unwrap().to_owned();
    let content: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join("claims.jsonl"), content).unwrap();
    let (ok, out) = run(dir.path(), &["import", "work.ron", "--format", "jsonl", "claims.jsonl"]);
    assert!(ok, "{out}");
    let after = claimmark::store::load(&dir.path().join("work.ron")).unwrap();
    assert_eq!(after.claims.len(), project.claims.len(), "no second claim: {out}");
    let claim = after.claims.iter().find(|c| c.id.as_str() == claim_id).unwrap();
    assert_eq!((claim.kind.as_str(), claim.verdict.as_str()), (new_kind, "misleading"));
    let expected = format!("0 claims added ({} already there), 1 updated", project.claims.len() - 1);
    assert!(out.contains(&expected), "{out}");
}

/// A forum thread that pastes a newspaper's "Ten died.": one claim inside the passage,
/// one in the member's own words.
fn quoting_thread() -> Project {
    const THREAD: &str = "Paste: Ten died. Me: sad.";
    let mut project = Project::new("quoting", Taxonomy::builtin());
    project.outlets = vec![outlet("forum", "Forum", "forum"), outlet("paper", "Paper", "private")];
    let mut thread = Document::new(DocumentId::new("thread"), "Thread", THREAD);
    thread.outlet = Some(OutletId::new("forum"));
    thread.passages = vec![passage(THREAD, "Ten died.", "paper")];
    project.documents = vec![thread];
    for (id, needle) in [("c1", "Ten died"), ("c2", "sad")] {
        let start = common_offset(THREAD, needle);
        let span = CharSpan::new(start, start + needle.chars().count());
        project.claims.push(Claim::new(
            ClaimId::new(id),
            DocumentId::new("thread"),
            span,
            QuoteSelector::capture(THREAD, span).unwrap(),
            LabelId::new("event"),
            LabelId::new("unverified"),
            Timestamp::from_unix(0),
        ));
    }
    assert_eq!(claimmark::store::integrity::check(&project), vec![]);
    project
}

#[test]
fn a_claim_in_a_quoted_passage_is_exported_as_its_outlets_via_the_documents() {
    let project = quoting_thread();
    // Written by hand: "Paste: Ten died. Me: sad." has the passage "Ten died." at chars
    // 7..16; tokens Paste 0, ":" 1, Ten 2, died 3, "." 4, Me 5, ":" 6, sad 7, "." 8. The
    // document's meta stays the forum's; c1 (7..15, inside) is the paper's via the
    // forum, c2 (21..24, outside) the forum's with no via.
    let claim_fields = |id: &str, outlet: &str, outlet_id: &str, affiliation: &str, via: &str| {
        format!(
            r#""claim":{{"id":"{id}","kind":"event","kind_name":"Event","claimant":"","attribution":"asserted","outlet":"{outlet}","outlet_id":"{outlet_id}","affiliation":"{affiliation}","via":{via},"verdict":"unverified","verdict_name":"Unverified","frames":[],"sources":[],"group":null,"group_name":null,"note":"","reviewer":null,"created":"1970-01-01T00:00:00Z","modified":"1970-01-01T00:00:00Z"}}"#
        )
    };
    let expected = format!(
        r#"{{"meta":{{"id":"thread","title":"Thread","url":null,"published":null,"author":null,"outlet":"Forum","outlet_id":"forum","affiliation":"forum","affiliation_name":"Forum / user-generated","genre":null,"genre_name":null}},"spans":[{{"start":7,"end":15,"token_start":2,"token_end":3,"label":"event","text":"Ten died",{}}},{{"start":21,"end":24,"token_start":7,"token_end":7,"label":"event","text":"sad",{}}}]}}"#,
        claim_fields("c1", "Paper", "paper", "private", r#""Forum""#),
        claim_fields("c2", "Forum", "forum", "forum", "null"),
    );
    assert_eq!(export(&project, Format::Jsonl, &ExportOptions::default()), format!("{expected}\n"));

    // The CSV's outlet, outlet_id and affiliation columns and the last, via, by hand
    // likewise.
    let csv = export(&project, Format::Csv, &ExportOptions::default());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "claim_id,document_id,document_title,document_url,published,outlet,outlet_id,affiliation,genre,\
         start,end,text,prefix,suffix,label,kind,kind_name,claimant,attribution,verdict,frames,sources,group,\
         group_name,note,reviewer,created,modified,via"
    );
    assert_eq!(
        lines[1],
        "c1,thread,Thread,,,Paper,paper,private,,7,15,Ten died,Paste: ,. Me: sad.,event,event,Event,,\
         asserted,unverified,,,,,,,1970-01-01T00:00:00Z,1970-01-01T00:00:00Z,Forum"
    );
    assert_eq!(
        lines[2],
        "c2,thread,Thread,,,Forum,forum,forum,,21,24,sad,Paste: Ten died. Me: ,.,event,event,Event,,\
         asserted,unverified,,,,,,,1970-01-01T00:00:00Z,1970-01-01T00:00:00Z,"
    );
    assert_eq!(lines.len(), 3);

    // Under --labels affiliation the label is the passage's outlet's affiliation.
    let by_affiliation = export(
        &project,
        Format::Jsonl,
        &ExportOptions { labels: LabelBy::Affiliation, ..ExportOptions::default() },
    );
    let line: Value = serde_json::from_str(by_affiliation.trim_end()).unwrap();
    let labels: Vec<&str> =
        line["spans"].as_array().unwrap().iter().map(|s| s["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["private", "forum"]);
}
