//! doccano, Label Studio and W3C Web Annotation exports end to end: the sample project
//! through each format and back, the real command line (export, import, validate), a
//! malformed record in the middle of a file (reported at its line; the rest imports, or
//! with `--strict` nothing), W3C annotations re-anchored onto a project without their
//! texts, and golden files of a small fixture project compared byte for byte.
//!
//! Golden files live in `tests/golden/` (`doccano.jsonl`, `label-studio.json`,
//! `w3c.jsonld`; see `tests/golden_check/mod.rs` for how to regenerate them).

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report; helpers outside #[test] need this too.

mod golden_check;

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::interop::{self, ExportOptions, ExportSet, Format};
use claimmark::model::{
    Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, IdAllocator, LabelId, Outlet,
    OutletId, Project, QuotedPassage, Reviewer, ReviewerId, Source, SourceId, SourceKind, SourceLink,
    Taxonomy, Timestamp,
};
use claimmark::store;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

const FORMATS: [Format; 3] = [Format::Doccano, Format::LabelStudio, Format::W3c];

fn sample() -> Project {
    claimmark::sample::sample_project().unwrap()
}

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_projects")
        .join(claimmark::sample::SAMPLE_FILE_NAME)
}

fn claimmark(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimmark")).current_dir(dir).args(args).output().unwrap()
}

fn text_of(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = claimmark(dir, args);
    assert!(output.status.success(), "claimmark {args:?} failed: {}", text_of(&output));
    text_of(&output)
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let output = claimmark(dir, args);
    assert!(!output.status.success(), "claimmark {args:?} should fail: {}", text_of(&output));
    text_of(&output)
}

fn file_name(format: Format) -> String {
    format!("out.{}", format.extension())
}

fn texts(project: &Project) -> BTreeSet<String> {
    project.documents.iter().map(|d| d.text.to_string()).collect()
}

/// Every claim as (document text, start, end, label = kind).
fn spans(project: &Project) -> BTreeSet<(String, usize, usize, String)> {
    let documents = project.documents_by_id();
    project
        .claims
        .iter()
        .map(|c| (documents[&c.document].text.to_string(), c.span.start, c.span.end, c.kind.to_string()))
        .collect()
}

/// The claim fields every one of the three formats carries, by position.
type Fields = (String, usize, String, &'static str, String, String, Vec<String>);

fn claim_fields(project: &Project) -> BTreeSet<Fields> {
    let documents = project.documents_by_id();
    project
        .claims
        .iter()
        .map(|c| {
            (
                documents[&c.document].text.to_string(),
                c.span.start,
                c.verdict.to_string(),
                interop::attribution_id(c.attribution),
                c.claimant.clone(),
                c.note.clone(),
                c.frames.iter().map(ToString::to_string).collect(),
            )
        })
        .collect()
}

fn export_bytes(project: &Project, format: Format, options: &ExportOptions) -> Vec<u8> {
    let set = ExportSet::new(project, options);
    let mut bytes = Vec::new();
    let summary = interop::write_export(format, &set, &mut bytes).unwrap();
    assert_eq!(summary.skipped, Vec::<String>::new());
    assert_eq!((summary.documents, summary.claims), (project.documents.len(), project.claims.len()));
    bytes
}

fn with_text() -> ExportOptions {
    ExportOptions { with_text: true, ..Default::default() }
}

/// Merges `parsed` into `into`, refusing any problem or new kind.
fn merge(into: &Project, parsed: interop::ParsedImport) -> (Project, interop::ImportReport) {
    let mut ids = IdAllocator::for_project(into);
    let (edit, report) = interop::merge_import(into, &mut ids, parsed, true).unwrap();
    assert_eq!(report.problems, Vec::<String>::new());
    assert_eq!(report.new_kinds, Vec::<String>::new());
    let mut merged = into.clone();
    edit.apply(&mut merged).unwrap();
    assert_eq!(store::integrity::check(&merged), vec![]);
    (merged, report)
}

#[test]
fn the_sample_goes_through_each_format_and_back_unchanged() {
    let project = sample();
    for format in FORMATS {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file_name(format));
        fs::write(&path, export_bytes(&project, format, &with_text())).unwrap();
        let parsed = interop::read_import(format, &path).unwrap();
        assert_eq!(parsed.problems, vec![], "{format:?}");
        let empty = Project::new("empty", project.taxonomy.clone());
        let (merged, report) = merge(&empty, parsed);
        assert_eq!(report.documents_added, project.documents.len(), "{format:?}");
        assert_eq!(texts(&merged), texts(&project), "{format:?}");
        assert_eq!(spans(&merged), spans(&project), "{format:?}");
        assert_eq!(claim_fields(&merged), claim_fields(&project), "{format:?}");
        // The outlets of the documents come back. Quoted passages do not travel through
        // these formats (a claim names its passage's outlet in a field only), so the
        // sample's three outlets known only from passages are not made on import.
        let outlets = |p: &Project| {
            p.documents.iter().filter_map(|d| p.outlet_of(d)).map(|o| o.name.clone()).collect::<BTreeSet<_>>()
        };
        assert_eq!(outlets(&merged), outlets(&project), "{format:?}");
        assert_eq!(merged.outlets.len(), 5, "{format:?}");
        assert!(merged.documents.iter().all(|d| d.passages.is_empty()), "{format:?}");
        // Imported again, everything is already there.
        let parsed = interop::read_import(format, &path).unwrap();
        let (_, again) = merge(&merged, parsed);
        assert_eq!((again.documents_matched, again.claims_added), (project.documents.len(), 0), "{format:?}");
    }
}

#[test]
fn w3c_without_texts_reanchors_onto_the_documents_of_the_project() {
    let project = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-text.jsonld");
    fs::write(&path, export_bytes(&project, Format::W3c, &ExportOptions::default())).unwrap();
    // On its own the file has no texts: every source is reported, nothing imports.
    let alone = interop::read_import(Format::W3c, &path).unwrap();
    assert_eq!(alone.documents.len(), 0);
    assert_eq!(alone.problems.len(), project.documents.len());
    // Into the sample's documents without their claims, the claims come back.
    let mut documents_only = project.clone();
    documents_only.claims.clear();
    documents_only.groups.clear();
    let parsed = interop::read_import_into(Format::W3c, &path, &documents_only, None).unwrap();
    assert_eq!(parsed.problems, vec![]);
    let (merged, report) = merge(&documents_only, parsed);
    assert_eq!((report.documents_added, report.documents_matched), (0, project.documents.len()));
    assert_eq!(spans(&merged), spans(&project));
    assert_eq!(claim_fields(&merged), claim_fields(&project));
}

#[test]
fn the_command_line_exports_imports_and_validates_each_format() {
    let sample_path = sample_path();
    let sample_arg = sample_path.to_str().unwrap();
    let project = sample();
    for format in FORMATS {
        let dir = tempfile::tempdir().unwrap();
        let out = file_name(format);
        let said = ok(dir.path(), &["export", sample_arg, "--format", format.id(), "-o", &out]);
        assert!(said.contains(&format!("{} claims", project.claims.len())), "{said}");
        let said = ok(dir.path(), &["import", "new.ron", "--format", format.id(), &out]);
        assert!(said.contains(&format!("{} claims added", project.claims.len())), "{format:?}: {said}");
        ok(dir.path(), &["validate", "new.ron"]);
        let imported = store::load(&dir.path().join("new.ron")).unwrap();
        assert_eq!(texts(&imported), texts(&project), "{format:?}");
        assert_eq!(spans(&imported), spans(&project), "{format:?}");
    }
    // w3c without texts imports into the project it came from: every claim is already there.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(&sample_path, dir.path().join("work.ron")).unwrap();
    ok(dir.path(), &["export", "work.ron", "--format", "w3c", "--no-text", "-o", "bare.jsonld"]);
    let said = ok(dir.path(), &["import", "work.ron", "--format", "w3c", "bare.jsonld"]);
    let expected = format!("0 claims added ({} already there)", project.claims.len());
    assert!(said.contains(&expected), "{said}");
}

/// The fixture's export of `format` with one malformed record inserted after the first,
/// and the 1-based line of the malformed record.
fn with_malformed_record(format: Format) -> (String, usize) {
    let export = String::from_utf8(export_bytes(&fixture(), format, &with_text())).unwrap();
    match format {
        Format::Doccano => {
            let (first, rest) = export.split_once('\n').unwrap();
            (format!("{first}\n{{\"text\": \"never closed\n{rest}"), 2)
        }
        Format::LabelStudio => {
            (export.replacen("\n{\"id\":2,", "\n{\"data\": {\"text\": \"x\"}, oops},\n{\"id\":2,", 1), 3)
        }
        Format::W3c => {
            // Before the second annotation of the pretty-printed page.
            let marker = "\"id\": \"urn:claimmark:claim:";
            let second = export.match_indices(marker).nth(1).unwrap().0;
            let line_start = export[..second].rfind('\n').unwrap();
            let opening = export[..line_start].rfind('\n').unwrap() + 1;
            let line = export[..opening].matches('\n').count() + 1;
            let mut content = export.clone();
            content.insert_str(opening, "      {\"type\": \"Annotation\", \"target\": 5},\n");
            (content, line)
        }
        _ => unreachable!(),
    }
}

#[test]
fn a_malformed_record_is_reported_at_its_line_and_the_rest_imports_unless_strict() {
    let fixture = fixture();
    for format in FORMATS {
        let dir = tempfile::tempdir().unwrap();
        let out = file_name(format);
        let (content, line) = with_malformed_record(format);
        fs::write(dir.path().join(&out), content).unwrap();
        // With --strict nothing is written.
        let said = fails(dir.path(), &["import", "strict.ron", "--format", format.id(), "--strict", &out]);
        assert!(said.contains(&format!("{out}:{line}: ")), "{format:?}: {said}");
        assert!(!dir.path().join("strict.ron").exists(), "{format:?}");
        // Without, the problem is reported and the other records import.
        let said = ok(dir.path(), &["import", "new.ron", "--format", format.id(), &out]);
        assert!(said.contains(&format!("{out}:{line}: ")), "{format:?}: {said}");
        ok(dir.path(), &["validate", "new.ron"]);
        let imported = store::load(&dir.path().join("new.ron")).unwrap();
        assert_eq!(texts(&imported), texts(&fixture), "{format:?}");
        assert_eq!(spans(&imported), spans(&fixture), "{format:?}");
    }
}

/// Two short documents (one with an emoji, one Persian with a flag and CRLF) and three
/// claims with every field set somewhere; the first document quotes "$7 billion." from
/// another outlet (a passage), so the money claim is that outlet's, via Sputnik.
fn fixture() -> Project {
    let mut project = Project::new("Golden desk", Taxonomy::builtin());
    project.outlets = vec![
        Outlet {
            id: OutletId::new("outlet-1"),
            name: "Sputnik International".into(),
            domain: Some("sputnikglobe.com".into()),
            country: Some("Russia".into()),
            affiliation: LabelId::new("state-media"),
            owner: None,
            notes: String::new(),
        },
        Outlet {
            id: OutletId::new("outlet-2"),
            name: "The Express Tribune".into(),
            domain: Some("tribune.com.pk".into()),
            country: Some("Pakistan".into()),
            affiliation: LabelId::new("private"),
            owner: None,
            notes: String::new(),
        },
    ];
    project.sources = vec![Source {
        id: SourceId::new("source-1"),
        title: "UN Monitoring Team report".into(),
        url: Some("https://example.org/un-report".into()),
        publisher: None,
        kind: SourceKind::Report,
        notes: String::new(),
    }];
    project.reviewers = vec![Reviewer { id: ReviewerId::new("reviewer-1"), name: "Ana Analyst".into() }];
    project.groups = vec![ClaimGroup {
        id: GroupId::new("group-1"),
        name: "Thousands of fighters".into(),
        notes: String::new(),
    }];
    let document = |id: &str, outlet: Option<&str>, url: Option<&str>, text: &str| Document {
        id: DocumentId::new(id),
        title: format!("Title of {id}"),
        outlet: outlet.map(OutletId::new),
        genre: Some(LabelId::new("news-report")),
        url: url.map(str::to_owned),
        published: Some("2025-12-17".into()),
        author: None,
        captured: None,
        notes: String::new(),
        passages: Vec::new(),
        text: Arc::from(text),
    };
    project.documents = vec![
        document(
            "forum",
            Some("outlet-1"),
            Some("https://sputnikglobe.com/forum"),
            "Sultan said 😀 “3,000 fighters” and $7 billion.",
        ),
        document("persian-post", None, None, "کشور نباشد 🇵🇰 — ۴۰ درصد بیشتر.\r\nEnd."),
    ];
    // "$7 billion." closes the text: chars 35..46 (the emoji is one char).
    let quoted = "$7 billion.";
    let start = project.documents[0].text.chars().count() - quoted.chars().count();
    project.documents[0].passages = vec![QuotedPassage {
        span: CharSpan::new(start, start + quoted.chars().count()),
        outlet: OutletId::new("outlet-2"),
        url: None,
        published: Some("2025-12-16".into()),
        note: String::new(),
    }];
    let claim = |id: &str, document: usize, quote: &str, kind: &str| {
        let text = &project.documents[document].text;
        let byte = text.find(quote).unwrap();
        let start = text[..byte].chars().count();
        let span = CharSpan::new(start, start + quote.chars().count());
        Claim {
            modified: Timestamp::from_unix(1_763_900_600),
            ..Claim::new(
                ClaimId::new(id),
                project.documents[document].id.clone(),
                span,
                QuoteSelector::capture(text, span).unwrap(),
                LabelId::new(kind),
                LabelId::new("unverified"),
                Timestamp::from_unix(1_763_900_000),
            )
        }
    };
    let mut fighters = claim("claim-1", 0, "“3,000 fighters”", "statistic");
    fighters.claimant = "Sultan".into();
    fighters.attribution = Attribution::Attributed;
    fighters.frames = vec![LabelId::new("security-defense")];
    fighters.group = Some(GroupId::new("group-1"));
    fighters.reviewer = Some(ReviewerId::new("reviewer-1"));
    fighters.sources =
        vec![SourceLink { source: SourceId::new("source-1"), relation: LabelId::new("contradicts") }];
    let mut money = claim("claim-2", 0, "$7 billion", "money");
    money.verdict = LabelId::new("false");
    money.note = "No budget line says “7 billion”.".into();
    let mut persian = claim("claim-3", 1, "کشور نباشد 🇵🇰", "evaluative");
    persian.frames = vec![LabelId::new("cultural-identity"), LabelId::new("political")];
    persian.claimant = "وزیر".into();
    project.claims = vec![fighters, money, persian];
    assert_eq!(store::integrity::check(&project), vec![], "the fixture is a sound project");
    project
}

#[test]
fn golden_files_match_the_fixtures_export_byte_for_byte_and_import_back() {
    let fixture = fixture();
    for (format, name) in [
        (Format::Doccano, "doccano.jsonl"),
        (Format::LabelStudio, "label-studio.json"),
        (Format::W3c, "w3c.jsonld"),
    ] {
        let bytes = export_bytes(&fixture, format, &with_text());
        assert_eq!(bytes, export_bytes(&fixture, format, &with_text()), "{format:?}: deterministic");
        golden_check::check(name, &bytes);
        // The golden file itself imports back to the fixture's texts, spans and fields.
        let parsed = interop::read_import(format, &golden_check::dir().join(name)).unwrap();
        assert_eq!(parsed.problems, vec![], "{format:?}");
        let (merged, _) = merge(&Project::new("empty", Taxonomy::builtin()), parsed);
        assert_eq!(texts(&merged), texts(&fixture), "{format:?}");
        assert_eq!(spans(&merged), spans(&fixture), "{format:?}");
        assert_eq!(claim_fields(&merged), claim_fields(&fixture), "{format:?}");
        let groups = |p: &Project| p.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>();
        assert_eq!(groups(&merged), groups(&fixture), "{format:?}");
    }
}

/// A Label Studio 1.23.2 export (JSON) of regions drawn with the mouse in its page over a
/// text with a flag and a skin-toned emoji: offsets in code points (issue 9).
const LABEL_STUDIO_1_23_EXPORT: &str = r#"[{"id": 1, "annotations": [{"id": 1, "completed_by": 1, "result": [
 {"value": {"start": 41, "end": 60, "text": "40% to $1.2 billion", "labels": ["statistic"]}, "id": "a1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
 {"value": {"start": 87, "end": 102, "text": "7 млрд долларов", "labels": ["money"]}, "id": "a2", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"}],
 "was_cancelled": false, "ground_truth": false, "lead_time": 20.1, "task": 1, "project": 1}],
 "drafts": [], "predictions": [], "meta": {}, "inner_id": 1,
 "data": {"text": "Islamabad 🇵🇰 — Officials said trade rose 40% to $1.2 billion 👍🏽 last year. Минобороны: 7 млрд долларов."}}]
"#;

#[test]
fn a_real_label_studio_export_imports_every_region_without_a_format_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ls.json"), LABEL_STUDIO_1_23_EXPORT).unwrap();
    let said = ok(dir.path(), &["import", "new.ron", "--format", "label-studio", "ls.json"]);
    assert!(said.contains("2 claims added"), "{said}");
    assert!(!said.contains("warning"), "{said}");
    let project = store::load(&dir.path().join("new.ron")).unwrap();
    let quotes: Vec<&str> = project.claims.iter().map(|c| c.quote.exact.as_str()).collect();
    assert_eq!(quotes, ["40% to $1.2 billion", "7 млрд долларов"]);
    // Exported again, the regions have the offsets Label Studio gave them.
    ok(dir.path(), &["export", "new.ron", "--format", "label-studio", "-o", "again.json"]);
    let again: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("again.json")).unwrap()).unwrap();
    let result = &again[0]["annotations"][0]["result"];
    assert_eq!((&result[0]["value"]["start"], &result[0]["value"]["end"]), (&41.into(), &60.into()));
    assert_eq!((&result[1]["value"]["start"], &result[1]["value"]["end"]), (&87.into(), &102.into()));
}

#[test]
fn doccano_offsets_follow_the_offsets_option_and_other_formats_refuse_it() {
    let sample_path = sample_path();
    let sample_arg = sample_path.to_str().unwrap();
    let project = sample();
    let dir = tempfile::tempdir().unwrap();
    for offsets in ["utf16", "graphemes", "chars"] {
        let out = format!("{offsets}.jsonl");
        ok(dir.path(), &["export", sample_arg, "--format", "doccano", "--offsets", offsets, "-o", &out]);
        let project_file = format!("{offsets}.ron");
        let said =
            ok(dir.path(), &["import", &project_file, "--format", "doccano", "--offsets", offsets, &out]);
        assert!(said.contains(&format!("{} claims added", project.claims.len())), "{offsets}: {said}");
        let imported = store::load(&dir.path().join(&project_file)).unwrap();
        assert_eq!(spans(&imported), spans(&project), "{offsets}");
    }
    let refused = fails(dir.path(), &["export", sample_arg, "--format", "jsonl", "--offsets", "utf16"]);
    assert!(refused.contains("--offsets utf16: jsonl counts offsets in chars only"), "{refused}");
    let refused = fails(
        dir.path(),
        &["import", "x.ron", "--format", "label-studio", "--offsets", "graphemes", "utf16.jsonl"],
    );
    assert!(refused.contains("label-studio counts offsets in chars only"), "{refused}");
    assert!(!dir.path().join("x.ron").exists());
    let refused = fails(dir.path(), &["export", sample_arg, "--format", "doccano", "--offsets", "bytes"]);
    assert!(refused.contains("use utf16, graphemes or chars"), "{refused}");
}

/// Another kind for a claim of `kind` (one the built-in taxonomy has).
fn other_kind(kind: &str) -> &'static str {
    if kind == "causal" { "policy" } else { "causal" }
}

/// Exports the sample in `format`, lets `relabel` change one claim's kind in the file
/// (returning that claim's id and its new kind), imports the file into the project it came
/// from, and checks that the claim was updated, not added again.
fn relabel_round_trip(format: Format, relabel: impl Fn(&str) -> (String, String, String)) {
    let project = sample();
    let dir = tempfile::tempdir().unwrap();
    fs::copy(sample_path(), dir.path().join("work.ron")).unwrap();
    let out = file_name(format);
    ok(dir.path(), &["export", "work.ron", "--format", format.id(), "-o", &out]);
    // Imported unchanged, every claim is already there and none is updated.
    let said_unchanged = ok(dir.path(), &["import", "work.ron", "--format", format.id(), &out]);
    let (content, claim_id, new_kind) = relabel(&fs::read_to_string(dir.path().join(&out)).unwrap());
    fs::write(dir.path().join(&out), content).unwrap();
    let said = ok(dir.path(), &["import", "work.ron", "--format", format.id(), &out]);
    let after = store::load(&dir.path().join("work.ron")).unwrap();
    assert_eq!(after.claims.len(), project.claims.len(), "{format:?}: no second claim: {said}");
    let claim = after.claims.iter().find(|c| c.id.as_str() == claim_id).unwrap();
    assert_eq!(claim.kind.as_str(), new_kind, "{format:?}");
    let unchanged = format!("0 claims added ({} already there), 0 updated", project.claims.len());
    assert!(said_unchanged.contains(&unchanged), "{format:?}: {said_unchanged}");
    let expected = format!("0 claims added ({} already there), 1 updated", project.claims.len() - 1);
    assert!(said.contains(&expected), "{format:?}: {said}");
    let before = project.claims.iter().find(|c| c.id.as_str() == claim_id).unwrap();
    assert_eq!(
        (&claim.span, &claim.verdict, &claim.claimant),
        (&before.span, &before.verdict, &before.claimant)
    );
    ok(dir.path(), &["validate", "work.ron"]);
}

#[test]
fn a_region_relabelled_in_label_studio_updates_its_claim_on_reimport() {
    relabel_round_trip(Format::LabelStudio, |content| {
        let mut tasks: serde_json::Value = serde_json::from_str(content).unwrap();
        let region = &mut tasks[0]["annotations"][0]["result"][0];
        let new_kind = other_kind(region["value"]["labels"][0].as_str().unwrap());
        region["value"]["labels"] = serde_json::json!([new_kind]);
        let claim_id = region["id"].as_str().unwrap().to_owned();
        (tasks.to_string(), claim_id, new_kind.to_owned())
    });
}

#[test]
fn a_span_relabelled_in_doccano_updates_its_claim_on_reimport() {
    relabel_round_trip(Format::Doccano, |content| {
        let mut lines: Vec<serde_json::Value> =
            content.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        // doccano changes the label triple; the claims entry keeps the exported label.
        let triple = &mut lines[0]["label"][0];
        let new_kind = other_kind(triple[2].as_str().unwrap());
        triple[2] = new_kind.into();
        let claim_id = lines[0]["claims"][0]["id"].as_str().unwrap().to_owned();
        let content: String = lines.iter().map(|l| format!("{l}\n")).collect();
        (content, claim_id, new_kind.to_owned())
    });
}

#[test]
fn a_claim_in_a_quoted_passage_names_that_outlet_via_the_documents_in_each_format() {
    let fixture = fixture();
    let json = |format: Format| -> serde_json::Value {
        let bytes = export_bytes(&fixture, format, &with_text());
        match format {
            // doccano: the first line, the forum document.
            Format::Doccano => serde_json::from_slice(bytes.split(|&b| b == b'\n').next().unwrap()).unwrap(),
            _ => serde_json::from_slice(&bytes).unwrap(),
        }
    };
    // claim-1 sits outside the passage: Sputnik's, no via; claim-2 ("$7 billion") inside
    // The Express Tribune's: that outlet and affiliation, via Sputnik.
    let check = |format: Format, outside: &serde_json::Value, inside: &serde_json::Value| {
        assert_eq!(outside["outlet"], "Sputnik International", "{format:?}");
        assert_eq!(outside["affiliation"], "state-media", "{format:?}");
        assert!(outside["via"].is_null(), "{format:?}");
        assert_eq!(inside["outlet"], "The Express Tribune", "{format:?}");
        assert_eq!(inside["outlet_id"], "outlet-2", "{format:?}");
        assert_eq!(inside["affiliation"], "private", "{format:?}");
        assert_eq!(inside["via"], "Sputnik International", "{format:?}");
    };
    let doccano = json(Format::Doccano);
    check(Format::Doccano, &doccano["claims"][0], &doccano["claims"][1]);
    assert_eq!(doccano["meta"]["outlet"], "Sputnik International", "the document's own outlet");
    let label_studio = json(Format::LabelStudio);
    let regions = &label_studio[0]["annotations"][0]["result"];
    check(Format::LabelStudio, &regions[0]["meta"], &regions[1]["meta"]);
    // W3C: the annotation of a claim in a passage names its outlet; the others leave it
    // to their document.
    let w3c = json(Format::W3c);
    let items = &w3c["first"]["items"];
    assert_eq!(items[1]["claimmark:claimId"], "claim-2");
    assert_eq!(items[1]["claimmark:outlet"], "The Express Tribune");
    assert_eq!(items[1]["claimmark:affiliation"], "private");
    assert_eq!(items[1]["claimmark:via"], "Sputnik International");
    for key in ["claimmark:outlet", "claimmark:affiliation", "claimmark:via"] {
        assert!(items[0].get(key).is_none(), "{key}");
    }
    assert_eq!(w3c["claimmark:documents"][0]["claimmark:outlet"], "Sputnik International");
}
