//! `claimmark agree` run as a program: reviewers of one project (each claim carries its
//! reviewer) and copies of one project (each file one reviewer), with the figures
//! counted by hand, the CSV and JSON forms, and a copy whose text changed.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report; helpers outside #[test] need this too.

mod common;

use std::path::Path;
use std::process::{Command, Output};

const TEXT: &str = "Officials said 3,000 to 5,000 fighters remain. The equipment was worth $7 billion. \
                    The withdrawal ended on 30 August 2021.\n";

/// Runs claimmark in `dir` with no reviewer from the environment.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .current_dir(dir)
        .args(args)
        .env_remove("CLAIMMARK_REVIEWER")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = run(dir, args);
    assert!(output.status.success(), "{args:?}: {}", common::printed(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// A project with the text as document `report`.
fn project(dir: &Path, file: &str) {
    std::fs::write(dir.join("report.txt"), TEXT).unwrap();
    ok(dir, &["new", "Agreement test", "--output", file]);
    ok(dir, &["add-document", file, "report.txt"]);
}

fn mark(dir: &Path, file: &str, quote: &str, kind: &str, verdict: &str, reviewer: Option<&str>) {
    let mut args = vec!["mark", file, "report", "--quote", quote, "--kind", kind, "--verdict", verdict];
    if let Some(reviewer) = reviewer {
        args.extend(["--reviewer", reviewer]);
    }
    ok(dir, &args);
}

/// Ana and Ben: the same fighters claim, the money claim Ben marks longer and as a
/// statistic, the date only Ana marks.
fn two_reviewers(dir: &Path, file: &str, ana: Option<&str>, ben: Option<&str>, ben_file: &str) {
    mark(dir, file, "3,000 to 5,000 fighters", "statistic", "unverified", ana);
    mark(dir, file, "worth $7 billion", "money", "false", ana);
    mark(dir, file, "ended on 30 August 2021", "event", "true", ana);
    mark(dir, ben_file, "3,000 to 5,000 fighters", "statistic", "unverified", ben);
    mark(dir, ben_file, "The equipment was worth $7 billion", "statistic", "misleading", ben);
}

fn f64_at(json: &serde_json::Value, pointer: &str) -> f64 {
    json.pointer(pointer)
        .and_then(serde_json::Value::as_f64)
        .unwrap_or_else(|| panic!("no number at {pointer}"))
}

/// Ana and Ben mark copies of one project, which `claimmark merge` (git's merge driver)
/// puts together in `p.ron`, each claim with its reviewer.
fn merged(dir: &Path) {
    project(dir, "base.ron");
    std::fs::copy(dir.join("base.ron"), dir.join("ana.ron")).unwrap();
    std::fs::copy(dir.join("base.ron"), dir.join("ben.ron")).unwrap();
    two_reviewers(dir, "ana.ron", Some("Ana"), Some("Ben"), "ben.ron");
    ok(dir, &["merge", "base.ron", "ana.ron", "ben.ron", "-o", "p.ron"]);
}

#[test]
fn the_reviewers_of_one_project_counted_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    merged(dir.path());
    let json: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["agree", "p.ron", "--format", "json"])).unwrap();
    let names: Vec<&str> =
        json["reviewers"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ana", "Ben"]);
    // Exact: the fighters claim only, 1 of Ana's 3 and of Ben's 2: P 1/2, R 1/3, F1 2/5.
    let pair = "/overall/pairs/0";
    assert_eq!(f64_at(&json, &format!("{pair}/exact/precision")), 0.5);
    assert!((f64_at(&json, &format!("{pair}/exact/recall")) - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(f64_at(&json, &format!("{pair}/exact/f1")), 0.4);
    // Overlapping: the money claim too: F1 = 2·2/5 = 0.8.
    assert_eq!(f64_at(&json, &format!("{pair}/overlap/f1")), 0.8);
    // Kinds of the matched marks: (statistic, statistic), (money, statistic): kappa 0
    // (Ana's shares 1/2 and 1/2, Ben's statistic 1: chance = observed = 1/2).
    assert_eq!(f64_at(&json, &format!("{pair}/kappa_kinds")), 0.0);
    // Verdicts: unverified is missing, so one pair (false, misleading) is left: with one
    // pair that disagrees, chance agreement is 0 and kappa is 0.
    assert_eq!(f64_at(&json, &format!("{pair}/kappa_verdicts")), 0.0);
    assert_eq!(json["overall"]["units"], 3);
    assert_eq!(json["overall"]["units_marked_by_all"], 2);

    let table = ok(dir.path(), &["agree", "p.ron"]);
    assert!(table.contains("Agreement of 2 reviewers (Ana, Ben) over 1 document"), "{table}");
    assert!(table.contains("0.500 0.333 0.400"), "exact P R F1 in the table:\n{table}");
    assert!(table.contains("Kinds of matched marks: Ana (rows) against Ben (columns)"), "{table}");

    ok(dir.path(), &["agree", "p.ron", "--format", "html", "-o", "agreement.html"]);
    let page = std::fs::read_to_string(dir.path().join("agreement.html")).unwrap();
    assert!(page.contains("Where Ana and Ben disagree (2)"), "the money claim and the date");
    assert!(page.contains("<mark class=\"b\">The equipment was worth $7 billion</mark>"));

    let csv = ok(dir.path(), &["agree", "p.ron", "--format", "csv", "--reviewers", "Ben,Ana"]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("document,reviewer_a,reviewer_b,exact_precision"));
    let overall = lines.next().unwrap();
    assert!(overall.starts_with("\"\",\"Ben\",\"Ana\",0.333333,0.500000,0.400000"), "{overall}");
}

#[test]
fn copies_are_reviewers_and_a_changed_text_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), "ana.ron");
    std::fs::copy(dir.path().join("ana.ron"), dir.path().join("ben.ron")).unwrap();
    two_reviewers(dir.path(), "ana.ron", None, None, "ben.ron");
    let json: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["agree", "ana.ron", "ben.ron", "--format", "json"])).unwrap();
    let names: Vec<&str> =
        json["reviewers"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["ana.ron", "ben.ron"]);
    assert_eq!(f64_at(&json, "/overall/pairs/0/overlap/f1"), 0.8);

    // A third copy whose text was corrected: its document is left out, and said so.
    project(dir.path(), "cy.ron");
    let corrected = TEXT.replace("30 August", "31 August");
    let mut cy = claimmark::store::load(&dir.path().join("cy.ron")).unwrap();
    cy.documents[0].text = corrected.as_str().into();
    claimmark::store::save(&cy, &dir.path().join("cy.ron")).unwrap();
    let output = run(dir.path(), &["agree", "ana.ron", "ben.ron", "cy.ron", "--format", "json"]);
    assert!(output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("left out document report (its text differs from the first copy's in cy.ron)"),
        "{said}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 0, "nothing is compared on a changed text");
}

#[test]
fn unknown_reviewers_and_documents_are_refused_with_what_there_is() {
    let dir = tempfile::tempdir().unwrap();
    merged(dir.path());
    let output = run(dir.path(), &["agree", "p.ron", "--reviewers", "Ana,Zoe"]);
    assert!(!output.status.success());
    assert!(common::printed(&output).contains("no reviewer \"Zoe\" (the reviewers: Ana, Ben)"));
    let output = run(dir.path(), &["agree", "p.ron", "--documents", "nope"]);
    assert!(!output.status.success());
    assert!(common::printed(&output).contains("no document \"nope\""));
    // One reviewer only: said, not a crash.
    let output = run(dir.path(), &["agree", "p.ron", "--reviewers", "Ana"]);
    assert!(common::printed(&output).contains("at least two reviewers"));
}

/// The fixture `sample_projects/three-reviewers.ron` (Amina, Bruno and Chen on the
/// Sputnik and Arab News texts; see the README) gives the same figures merged as its
/// copies in `tests/data/agree` do. The unit counts, Fleiss' kappa and the alpha on kinds
/// were recomputed by a script outside the project when the fixture was made.
#[test]
fn the_three_reviewers_fixture_merged_and_as_copies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let merged = ok(root, &["agree", "sample_projects/three-reviewers.ron", "--format", "json"]);
    let copies = ["tests/data/agree/amina.ron", "tests/data/agree/bruno.ron", "tests/data/agree/chen.ron"];
    let mut args = vec!["agree"];
    args.extend(copies);
    args.extend(["--format", "json"]);
    assert_eq!(ok(root, &args), merged, "the copies' claims carry their reviewers");
    let json: serde_json::Value = serde_json::from_str(&merged).unwrap();
    assert_eq!(json["overall"]["units"], 32);
    assert_eq!(json["overall"]["units_marked_by_all"], 13);
    let close = |pointer: &str, expected: f64| {
        let actual = f64_at(&json, pointer);
        assert!((actual - expected).abs() < 0.0005, "{pointer}: {actual} is not {expected}");
    };
    close("/overall/fleiss_kappa_kinds", 0.636);
    close("/overall/alpha_kinds_nominal", 0.719);
    close("/overall/alpha_verdicts_ordinal", 0.640);
    close("/overall/alpha_unitizing", 0.525);
    // Bruno and Chen never chose the same span; Amina and Chen agree most.
    assert_eq!(f64_at(&json, "/overall/pairs/2/exact/f1"), 0.0);
    close("/overall/pairs/1/overlap/f1", 0.808);
}

/// The HTML report of the fixture: self-contained, and what headless Chromium parses
/// holds every part (the figures, the heat maps, the disagreements with both marks).
#[test]
fn the_html_report_loads_nothing_and_parses_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = dir.path().join("agreement.html");
    let fixture = root.join("sample_projects/three-reviewers.ron");
    ok(root, &["agree", fixture.to_str().unwrap(), "--format", "html", "-o", file.to_str().unwrap()]);
    let source = std::fs::read_to_string(&file).unwrap();
    assert_eq!(common::html::external_loads(&source), Vec::<String>::new());
    assert!(!source.to_ascii_lowercase().contains("<script"));
    let dom = common::html::dump_dom(&file);
    assert!(dom.contains("class=\"heat\""), "the heat maps are in the DOM");
    let text = common::html::text_of(&dom);
    for part in [
        "Agreement between reviewers: Three reviewers",
        "Fleiss' κ on kinds 0.636",
        "Kinds: Amina (rows) against Bruno (columns)",
        "Where Bruno and Chen disagree",
        "only Amina marked it",
        "different span",
    ] {
        assert!(text.contains(part), "{part:?} is on the page");
    }
    // Both marks of one disagreement: Chen's "$7 billion" inside Bruno's longer clause.
    assert!(dom.contains("<mark class=\"b\">$7 billion</mark>"), "Chen's tight span");
}

/// `export --reviewer NAME` takes one reviewer's claims out of the merged fixture: a
/// training set of one reviewer's marks.
#[test]
fn an_export_of_one_reviewers_claims() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = root.join("sample_projects/three-reviewers.ron");
    let out = dir.path().join("bruno.jsonl");
    let args = ["export", fixture.to_str().unwrap(), "--format", "jsonl", "--reviewer", "Bruno", "-o"];
    let mut args = args.to_vec();
    args.push(out.to_str().unwrap());
    ok(root, &args);
    let text = std::fs::read_to_string(&out).unwrap();
    let spans: usize = text
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .map(|doc| doc["spans"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(spans, 20, "Bruno's 20 claims, none of Amina's or Chen's");
}

/// The spans of each line of a jsonl export, as (start, end, label).
fn jsonl_spans(text: &str) -> Vec<(u64, u64, String)> {
    text.lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .flat_map(|doc| doc["spans"].as_array().cloned().unwrap_or_default())
        .map(|s| {
            (
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
                s["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `export --adjudicated` keeps only the claims an editor settled: refused (with why)
/// while there are none, then the settled ones only; `--reviewer Ana` keeps Ana's own
/// marks, not the claims she settled as the editor; the two options together are refused.
#[test]
fn an_export_of_the_adjudicated_set() {
    use claimmark::model::{IdAllocator, Timestamp};
    use claimmark::team::adjudicate;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    merged(d);
    let refused = run(d, &["export", "p.ron", "--format", "jsonl", "--adjudicated"]);
    assert!(!refused.status.success());
    assert!(
        common::printed(&refused).contains("no claim of this project is adjudicated yet"),
        "{}",
        common::printed(&refused)
    );
    // Ana, as the editor, settles the place both marked alike and Ben's money claim.
    let path = d.join("p.ron");
    let mut project = claimmark::store::load(&path).unwrap();
    let ana = project.reviewer_by_name("Ana").unwrap().id.clone();
    let ben = project.reviewer_by_name("Ben").unwrap().id.clone();
    let document = project.documents[0].id.clone();
    let at = Timestamp::from_unix(1_800_000_000);
    let mut ids = IdAllocator::for_project(&project);
    let (edit, count) =
        adjudicate::accept_agreed(&project, &mut ids, &document, (&ana, &ben), Some("Ana"), at.clone())
            .unwrap();
    assert_eq!(count, 1);
    edit.apply(&mut project).unwrap();
    let bens = project
        .claims
        .iter()
        .find(|c| {
            c.reviewer.as_ref() == Some(&ben)
                && c.kind.as_str() == "statistic"
                && c.quote.exact.contains("$7")
        })
        .unwrap()
        .id
        .clone();
    let (edit, _) = adjudicate::accept(&project, &mut ids, &bens, None, Some("Ana"), at).unwrap();
    edit.apply(&mut project).unwrap();
    claimmark::store::save(&project, &path).unwrap();

    let settled = ok(d, &["export", "p.ron", "--format", "jsonl", "--adjudicated"]);
    // "3,000 to 5,000 fighters" is 15..38, "The equipment was worth $7 billion" 47..81.
    assert_eq!(jsonl_spans(&settled), [(15, 38, "statistic".to_owned()), (47, 81, "statistic".to_owned())]);
    let anas = ok(d, &["export", "p.ron", "--format", "jsonl", "--reviewer", "Ana"]);
    assert_eq!(jsonl_spans(&anas).len(), 3, "Ana's three marks, not the two she settled");
    let both = run(d, &["export", "p.ron", "--format", "jsonl", "--adjudicated", "--reviewer", "Ana"]);
    assert!(!both.status.success());
    assert!(common::printed(&both).contains("cannot be used with"), "{}", common::printed(&both));
    // The agreement is the reviewers' as before: the settled claims are no one's marks.
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["agree", "p.ron", "--format", "json"])).unwrap();
    assert_eq!(json.pointer("/reviewers").and_then(|r| r.as_array()).map(Vec::len), Some(2));
}

/// With a set of claims chosen (the adjudicated set, a reviewer's marks), documents that
/// set did not mark are left out (they are no negative examples); a reviewer the project
/// does not have, and the adjudicated set of a project without reviewers, are refused
/// with what there is.
#[test]
fn an_export_of_one_set_leaves_out_what_it_did_not_mark_and_refuses_unknown_names() {
    use claimmark::model::{IdAllocator, Timestamp};
    use claimmark::team::adjudicate;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = d.join("three.ron");
    std::fs::copy(root.join("sample_projects/three-reviewers.ron"), &path).unwrap();
    let mut project = claimmark::store::load(&path).unwrap();
    // One claim of the first document settled.
    let first = project.documents[0].id.clone();
    let claim = project.claims.iter().find(|c| c.document == first).unwrap().id.clone();
    let mut ids = IdAllocator::for_project(&project);
    let (edit, _) = adjudicate::accept(
        &project,
        &mut ids,
        &claim,
        None,
        Some("Eve"),
        Timestamp::from_unix(1_800_000_000),
    )
    .unwrap();
    edit.apply(&mut project).unwrap();
    claimmark::store::save(&project, &path).unwrap();
    let settled = ok(d, &["export", "three.ron", "--format", "jsonl", "--adjudicated"]);
    assert_eq!(settled.lines().count(), 1, "only the document with a settled claim");
    assert_eq!(jsonl_spans(&settled).len(), 1);
    let all = ok(d, &["export", "three.ron", "--format", "jsonl"]);
    assert_eq!(all.lines().count(), 2, "without a set chosen, every document");

    let unknown = run(d, &["export", "three.ron", "--format", "jsonl", "--reviewer", "Zed"]);
    assert!(!unknown.status.success());
    let message = common::printed(&unknown);
    assert!(message.contains("no reviewer \"Zed\"") && message.contains("Amina, Bruno, Chen"), "{message}");

    std::fs::write(d.join("sample.ron"), claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    let none = run(d, &["export", "sample.ron", "--format", "jsonl", "--adjudicated"]);
    assert!(!none.status.success());
    assert!(
        common::printed(&none).contains("no two reviewers' marks to settle"),
        "{}",
        common::printed(&none)
    );
}
