//! brat, CoNLL and ClaimReview exports end to end: the sample project through brat and
//! back, the real command line, problems in hand-edited `.ann` files, and golden files
//! of a small fixture project compared byte for byte.
//!
//! Golden files live in `tests/golden/` (see `tests/golden_check/mod.rs` for how to
//! regenerate them).

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report; helpers outside #[test] need this too.

mod golden_check;

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::interop::{self, ExportOptions, ExportSet, Format};
use claimmark::model::{
    Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, IdAllocator, LabelId, Outlet,
    OutletId, Project, QuotedPassage, Reviewer, ReviewerId, Source, SourceId, SourceKind, SourceLink,
    Timestamp,
};
use claimmark::store;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

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

/// Every claim as (document text, start, end, label = kind).
fn spans(project: &Project) -> BTreeSet<(String, usize, usize, String)> {
    let documents = project.documents_by_id();
    project
        .claims
        .iter()
        .map(|c| (documents[&c.document].text.to_string(), c.span.start, c.span.end, c.kind.to_string()))
        .collect()
}

/// Claim groups as sets of (document text, start, end): independent of ids.
fn groupings(project: &Project) -> BTreeSet<BTreeSet<(String, usize, usize)>> {
    let documents = project.documents_by_id();
    let mut groups: BTreeMap<&GroupId, BTreeSet<(String, usize, usize)>> = BTreeMap::new();
    for claim in &project.claims {
        if let Some(group) = &claim.group {
            let text = documents[&claim.document].text.to_string();
            groups.entry(group).or_default().insert((text, claim.span.start, claim.span.end));
        }
    }
    groups.into_values().collect()
}

/// Verdict, attribution, claimant and note of every claim, by position.
fn claim_fields(project: &Project) -> BTreeSet<(String, usize, String, &'static str, String, String)> {
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
            )
        })
        .collect()
}

fn merge_into_empty(parsed: interop::ParsedImport, taxonomy: &claimmark::model::Taxonomy) -> Project {
    let empty = Project::new("empty", taxonomy.clone());
    let mut ids = IdAllocator::for_project(&empty);
    let (edit, report) = interop::merge_import(&empty, &mut ids, parsed, true).unwrap();
    assert_eq!(report.problems, Vec::<String>::new());
    assert_eq!(report.new_kinds, Vec::<String>::new());
    let mut merged = empty;
    edit.apply(&mut merged).unwrap();
    assert_eq!(store::integrity::check(&merged), vec![]);
    merged
}

#[test]
fn the_sample_goes_through_brat_and_back_unchanged() {
    let project = sample();
    let folder = tempfile::tempdir().unwrap();
    let written =
        interop::export_to_path(&project, Format::Brat, &ExportOptions::default(), None, folder.path(), None)
            .unwrap();
    let summary = &written[0].1;
    assert_eq!((summary.documents, summary.claims), (project.documents.len(), project.claims.len()));
    assert_eq!(summary.skipped, Vec::<String>::new());
    let parsed = interop::read_import(Format::Brat, folder.path()).unwrap();
    assert_eq!(parsed.problems, vec![]);
    let merged = merge_into_empty(parsed, &project.taxonomy);
    let texts = |p: &Project| p.documents.iter().map(|d| d.text.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(texts(&merged), texts(&project));
    assert_eq!(merged.documents.len(), project.documents.len());
    let titles: BTreeSet<&str> = merged.documents.iter().map(|d| d.title.as_str()).collect();
    let ids: BTreeSet<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(titles, ids, "a document's title is its file stem");
    assert_eq!(spans(&merged), spans(&project));
    assert_eq!(claim_fields(&merged), claim_fields(&project));
    // Groups come back whole, also those whose members sit in different documents.
    assert_eq!(groupings(&merged), groupings(&project));
    let group_names = |p: &Project| p.groups.iter().map(|g| g.name.clone()).collect::<BTreeSet<_>>();
    assert_eq!(group_names(&merged), group_names(&project));
}

#[test]
fn command_line_exports_brat_imports_it_into_a_new_project_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let sample = sample.to_str().unwrap();
    let said = ok(dir.path(), &["export", sample, "--format", "brat", "-o", "brat-out"]);
    assert!(said.contains("brat-out: 5 documents, 131 claims, 131 spans"), "{said}");
    assert!(dir.path().join("brat-out/annotation.conf").is_file());
    let said = ok(dir.path(), &["import", "new.ron", "--format", "brat", "brat-out"]);
    assert!(said.contains("5 documents added"), "{said}");
    assert!(said.contains("131 claims added"), "{said}");
    ok(dir.path(), &["validate", "new.ron"]);
    let imported = store::load(&dir.path().join("new.ron")).unwrap();
    assert_eq!(spans(&imported), spans(&sample_project_loaded()));
    // A split writes a folder per part, and the parent folder imports them all.
    ok(dir.path(), &["export", sample, "--format", "brat", "--split", "a=0.6,b=0.4", "-o", "parts"]);
    assert!(dir.path().join("parts/a/annotation.conf").is_file());
    ok(dir.path(), &["import", "parts.ron", "--format", "brat", "parts"]);
    assert_eq!(store::load(&dir.path().join("parts.ron")).unwrap().claims.len(), 131);
}

fn sample_project_loaded() -> Project {
    store::load(&sample_path()).unwrap()
}

#[test]
fn a_malformed_ann_line_is_reported_and_the_rest_imports_unless_strict() {
    let dir = tempfile::tempdir().unwrap();
    let sample_file = sample_path();
    ok(dir.path(), &["export", sample_file.to_str().unwrap(), "--format", "brat", "-o", "brat-out"]);
    let project = sample();
    let document = &project.documents[0];
    let ann_path = dir.path().join("brat-out").join(format!("{}.ann", document.id));
    let ann = fs::read_to_string(&ann_path).unwrap();
    // Break the second T line's end offset: past the end of the text.
    let mut lines: Vec<String> = ann.lines().map(str::to_owned).collect();
    let (index, line) = lines.iter().enumerate().filter(|(_, l)| l.starts_with('T')).nth(1).unwrap();
    let (head, text) = line.rsplit_once('\t').unwrap();
    let (label_start, _) = head.rsplit_once(' ').unwrap();
    lines[index] = format!("{label_start} 999999\t{text}");
    fs::write(&ann_path, lines.join("\n") + "\n").unwrap();
    let line_number = index + 1;

    let strict = claimmark(dir.path(), &["import", "strict.ron", "--format", "brat", "--strict", "brat-out"]);
    assert_eq!(strict.status.code(), Some(1), "{}", text_of(&strict));
    let said = text_of(&strict);
    assert!(said.contains(&format!("{}.ann:{line_number}:", document.id)), "{said}");
    assert!(!dir.path().join("strict.ron").exists(), "--strict writes nothing");

    let said = ok(dir.path(), &["import", "new.ron", "--format", "brat", "brat-out"]);
    assert!(said.contains(&format!("{}.ann:{line_number}: T", document.id)), "{said}");
    assert!(said.contains("do not fit the text"), "{said}");
    assert!(said.contains("130 claims added"), "{said}");
    let imported = store::load(&dir.path().join("new.ron")).unwrap();
    let mut expected = spans(&project);
    // The .ann lists a document's claims in text order, not in the project's.
    let mut claims: Vec<&Claim> = project.claims_in(&document.id).collect();
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    let lost = claims[1];
    assert!(expected.remove(&(
        document.text.to_string(),
        lost.span.start,
        lost.span.end,
        lost.kind.to_string()
    )));
    assert_eq!(spans(&imported), expected);
}

#[test]
fn conll_of_the_sample_has_a_tag_per_token_and_a_docstart_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let said =
        ok(dir.path(), &["export", sample_path().to_str().unwrap(), "--format", "conll", "-o", "s.conll"]);
    let conll = fs::read_to_string(dir.path().join("s.conll")).unwrap();
    let project = sample();
    assert_eq!(conll.matches("-DOCSTART- -X- O O\n\n").count(), project.documents.len());
    let tokens: usize = project.documents.iter().map(|d| claimmark::text::tokenize(&d.text).len()).sum();
    let lines: Vec<&str> = conll.lines().filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-")).collect();
    assert_eq!(lines.len(), tokens, "one line per token");
    let mut begins = 0;
    let mut previous = "O";
    for line in conll.lines() {
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            previous = "O"; // a sentence or document ends
            continue;
        }
        let (token, tag) = line.split_once('\t').unwrap();
        assert!(!token.is_empty() && !token.contains(char::is_whitespace) && !tag.contains('\t'), "{line:?}");
        if let Some(label) = tag.strip_prefix("I-") {
            let continues = previous.strip_prefix("B-").or_else(|| previous.strip_prefix("I-"));
            assert_eq!(continues, Some(label), "I- follows its B- or I- in the same sentence: {line:?}");
        } else if tag.starts_with("B-") {
            begins += 1;
        } else {
            assert_eq!(tag, "O");
        }
        previous = tag;
    }
    // Every claim is tagged unless it overlaps a longer (or earlier) one.
    let overlapping = said.matches("not tagged: overlaps").count();
    assert_eq!(begins + overlapping, project.claims.len(), "{said}");
    assert!(said.contains(&format!("{begins} spans")), "{said}");
}

#[test]
fn claimreview_of_the_sample_has_every_fact_checked_claim() {
    let dir = tempfile::tempdir().unwrap();
    let output =
        claimmark(dir.path(), &["export", sample_path().to_str().unwrap(), "--format", "claimreview"]);
    assert!(output.status.success(), "{}", text_of(&output));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let project = sample();
    let default = project.taxonomy.default_verdict().unwrap();
    let mut rated: Vec<&Claim> = project.claims.iter().filter(|c| &c.verdict != default).collect();
    // Written document by document (project order), each document's claims in text order.
    let document_index = |c: &Claim| project.documents.iter().position(|d| d.id == c.document).unwrap();
    rated.sort_by_key(|c| (document_index(c), c.span.start, c.span.end));
    assert!(!rated.is_empty() && rated.len() < project.claims.len());
    let written: Vec<&str> = items.iter().map(|i| i["identifier"].as_str().unwrap()).collect();
    let expected: Vec<&str> = rated.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(written, expected);
    for (item, claim) in items.iter().zip(&rated) {
        assert_eq!(item["@type"], "ClaimReview");
        assert_eq!(item["claimReviewed"], claim.quote.exact);
        let name = project.taxonomy.name_of(claimmark::model::LabelSet::Verdict, &claim.verdict);
        assert_eq!(item["reviewRating"]["alternateName"], name);
        let value = item["reviewRating"]["ratingValue"].as_u64().unwrap();
        assert!((1..=item["reviewRating"]["bestRating"].as_u64().unwrap()).contains(&value));
    }
}

// ---------------------------------------------------------------------------------
// Golden files

/// Two short documents (English with emoji, curly quotes and CRLF line ends; Persian
/// with a flag and a zero-width non-joiner, its first line quoted from the English
/// document's outlet), three claims (one across a line break), one group across both
/// documents.
fn fixture() -> Project {
    let mut project = Project::new("Golden desk", claimmark::model::Taxonomy::builtin());
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
            name: "Persian forum".into(),
            domain: None,
            country: None,
            affiliation: LabelId::new("forum"),
            owner: None,
            notes: String::new(),
        },
    ];
    project.sources = vec![Source {
        id: SourceId::new("source-1"),
        title: "UN Monitoring Team report".into(),
        url: Some("https://example.org/un-report".into()),
        publisher: Some("United Nations".into()),
        kind: SourceKind::Report,
        notes: String::new(),
    }];
    project.reviewers = vec![Reviewer { id: ReviewerId::new("reviewer-1"), name: "Ana Analyst".into() }];
    project.groups = vec![ClaimGroup {
        id: GroupId::new("group-1"),
        name: "ISIS-K has thousands of fighters".into(),
        notes: String::new(),
    }];
    let document =
        |id: &str, title: &str, outlet: &str, url: Option<&str>, published: &str, text: &str| Document {
            id: DocumentId::new(id),
            title: title.into(),
            outlet: Some(OutletId::new(outlet)),
            genre: Some(LabelId::new("news-report")),
            url: url.map(str::to_owned),
            published: Some(published.into()),
            author: None,
            captured: None,
            notes: String::new(),
            passages: Vec::new(),
            text: Arc::from(text),
        };
    let english = document(
        "sputnik-forum",
        "Forum lays groundwork",
        "outlet-1",
        Some("https://sputnikglobe.com/forum"),
        "2025-12-17",
        "Sultan said “3,000 to 5,000 fighters” 😀 are active.\r\nAbout 4,000\r\nfighters remain, organisers said.\r\n",
    );
    let mut persian = document(
        "persian-post",
        "پست انجمن",
        "outlet-2",
        None,
        "2025-11",
        "وزیر گفت ۳۰۰۰ جنگجو فعال‌اند 🇵🇰.\nکشور آماده است.",
    );
    // The forum post's first line is quoted from Sputnik (chars 0..32: the flag is two
    // chars, the zero-width non-joiner one): claim-3 is Sputnik's, via the forum.
    let quoted = "وزیر گفت ۳۰۰۰ جنگجو فعال‌اند 🇵🇰.";
    persian.passages = vec![QuotedPassage {
        span: CharSpan::new(0, quoted.chars().count()),
        outlet: OutletId::new("outlet-1"),
        url: Some("https://sputnik.af/fa/minister".into()),
        published: Some("2025-11-02".into()),
        note: String::new(),
    }];
    let claim = |id: &str, document: &Document, exact: &str, kind: &str, verdict: &str| {
        let byte = document.text.find(exact).unwrap();
        let start = document.text[..byte].chars().count();
        let span = CharSpan::new(start, start + exact.chars().count());
        Claim {
            group: Some(GroupId::new("group-1")),
            reviewer: Some(ReviewerId::new("reviewer-1")),
            modified: Timestamp("2026-01-06T11:30:00Z".into()),
            ..Claim::new(
                ClaimId::new(id),
                document.id.clone(),
                span,
                QuoteSelector::capture(&document.text, span).unwrap(),
                LabelId::new(kind),
                LabelId::new(verdict),
                Timestamp("2026-01-05T10:00:00Z".into()),
            )
        }
    };
    let mut range = claim("claim-1", &english, "3,000 to 5,000 fighters", "statistic", "misleading");
    range.claimant = "Maria Sultan".into();
    range.attribution = Attribution::Attributed;
    range.frames = vec![LabelId::new("security-defense")];
    range.sources =
        vec![SourceLink { source: SourceId::new("source-1"), relation: LabelId::new("contradicts") }];
    range.note = "UN range: 2,000–4,000; the text gives no source.".into();
    let mut remain = claim("claim-2", &english, "About 4,000\r\nfighters remain", "statistic", "unverified");
    remain.claimant = "Forum organisers".into();
    remain.attribution = Attribution::Attributed;
    let mut persian_claim = claim("claim-3", &persian, "۳۰۰۰ جنگجو فعال‌اند", "statistic", "false");
    persian_claim.claimant = "وزیر".into();
    persian_claim.note = "No minister said this;\tunsourced.".into();
    persian_claim.reviewer = None;
    project.claims = vec![range, remain, persian_claim];
    project.documents = vec![english, persian];
    assert_eq!(store::integrity::check(&project), vec![], "the fixture is a sound project");
    project
}

fn export_bytes(project: &Project, format: Format) -> Vec<u8> {
    let options = ExportOptions::default();
    let set = ExportSet::new(project, &options);
    let mut bytes = Vec::new();
    interop::write_export(format, &set, &mut bytes).unwrap();
    bytes
}

#[test]
fn brat_golden_files() {
    let project = fixture();
    let folder = tempfile::tempdir().unwrap();
    let options = ExportOptions::default();
    let summary =
        interop::write_export_folder(Format::Brat, &ExportSet::new(&project, &options), folder.path())
            .unwrap();
    assert_eq!((summary.documents, summary.claims, summary.spans), (2, 3, 3));
    let mut names: Vec<String> = fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "annotation.conf",
            "persian-post.ann",
            "persian-post.txt",
            "sputnik-forum.ann",
            "sputnik-forum.txt",
            "visual.conf"
        ]
    );
    for name in &names {
        golden_check::check(&format!("brat/{name}"), &fs::read(folder.path().join(name)).unwrap());
    }
    if !golden_check::updating() {
        let mut golden: Vec<String> = fs::read_dir(golden_check::dir().join("brat"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        golden.sort();
        assert_eq!(golden, names, "no stale golden files");
    }
    // The golden folder itself imports back to the fixture's spans and group.
    let parsed = interop::read_import(Format::Brat, &golden_check::dir().join("brat")).unwrap();
    let merged = merge_into_empty(parsed, &project.taxonomy);
    assert_eq!(spans(&merged), spans(&project));
    assert_eq!(groupings(&merged), groupings(&project));
    assert_eq!(claim_fields(&merged), claim_fields(&project));
}

#[test]
fn conll_golden_file() {
    golden_check::check("conll.conll", &export_bytes(&fixture(), Format::Conll));
}

#[test]
fn claimreview_golden_file() {
    let bytes = export_bytes(&fixture(), Format::ClaimReview);
    golden_check::check("claimreview.jsonld", &bytes);
    let items: Vec<serde_json::Value> = serde_json::from_slice(&bytes).unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["identifier"].as_str().unwrap()).collect();
    assert_eq!(ids, ["claim-1", "claim-3"], "the unverified claim-2 has no review");
    // claim-1 appears in its document only; claim-3, in the passage the forum quotes
    // from Sputnik, also in the original, dated by the passage.
    assert_eq!(items[0]["itemReviewed"]["appearance"].as_array().unwrap().len(), 1);
    let claim_3 = &items[1]["itemReviewed"];
    let appearances = claim_3["appearance"].as_array().unwrap();
    assert_eq!(appearances.len(), 2);
    assert_eq!(appearances[0]["publisher"]["name"], "Persian forum");
    assert_eq!(appearances[1]["publisher"]["name"], "Sputnik International");
    assert_eq!(appearances[1]["url"], "https://sputnik.af/fa/minister");
    assert_eq!(appearances[1]["datePublished"], "2025-11-02");
    assert!(appearances[1].get("headline").is_none());
    assert_eq!(claim_3["datePublished"], "2025-11-02");
}
