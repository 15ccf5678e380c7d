//! The command line, run as a user runs it: the real binary in a temporary folder.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report; helpers outside #[test] need this too.

mod common;

use claimmark::model::{Attribution, ClaimId, DocumentId, LabelId};
use claimmark::store;
use common::{claimmark, corpus_dir};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = claimmark(dir, args);
    assert!(output.status.success(), "claimmark {args:?} failed: {}{}", stdout(&output), stderr(&output));
    stdout(&output)
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let output = claimmark(dir, args);
    assert!(!output.status.success(), "claimmark {args:?} should fail: {}", stdout(&output));
    assert_eq!(output.status.code(), Some(1));
    format!("{}{}", stdout(&output), stderr(&output))
}

fn corpus(name: &str) -> String {
    corpus_dir().join(name).to_string_lossy().into_owned()
}

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";
const ARABNEWS: &str = "arabnews-oped-2020-regional-peace.txt";

/// A project with the Sputnik and Arab News texts.
fn project_with_documents(dir: &Path) -> PathBuf {
    ok(dir, &["new", "Test desk", "-o", "p.ron"]);
    ok(
        dir,
        &[
            "add-document",
            "p.ron",
            &corpus(SPUTNIK),
            "--outlet",
            "Sputnik International",
            "--affiliation",
            "state-media",
            "--genre",
            "news-report",
            "--published",
            "2025-12-17",
            "--url",
            "https://sputnikglobe.com/20251217/x.html",
        ],
    );
    ok(dir, &["add-document", "p.ron", &corpus(ARABNEWS), "--outlet", "Arab News", "--genre", "opinion"]);
    dir.join("p.ron")
}

#[test]
fn help_lists_every_subcommand_with_examples() {
    let dir = tempfile::tempdir().unwrap();
    let help = ok(dir.path(), &["--help"]);
    for sub in [
        "new",
        "add-document",
        "add-source",
        "add-group",
        "group",
        "mark",
        "validate",
        "fmt",
        "stats",
        "export",
        "import",
        "compare",
        "set-text",
        "place",
        "add-passage",
    ] {
        assert!(help.contains(&format!("  {sub} ")), "--help lacks {sub}");
        let sub_help = ok(dir.path(), &[sub, "--help"]);
        assert!(sub_help.contains("Example"), "{sub} --help has no example");
    }
}

#[test]
fn a_mistyped_subcommand_is_not_opened_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = claimmark(dir.path(), &["validat"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("no subcommand \"validat\"; did you mean `validate`?"), "{message}");
    let output = claimmark(dir.path(), &["xyzzy"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("The subcommands are: new, add-document"), "{}", stderr(&output));
    // A file that is there, or a name that looks like a file, is no subcommand.
    std::fs::write(dir.path().join("validat"), "").unwrap();
    assert!(!stderr(&claimmark(dir.path(), &["validat"])).contains("no subcommand"));
    assert!(!stderr(&claimmark(dir.path(), &["missing.ron"])).contains("no subcommand"));
}

#[test]
fn new_creates_a_valid_empty_project_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["new", "Desk", "-o", "desk.ron"]);
    let project = store::load(&dir.path().join("desk.ron")).unwrap();
    assert_eq!(project.name, "Desk");
    assert_eq!(project.taxonomy, claimmark::model::Taxonomy::builtin());
    let before = fs::read(dir.path().join("desk.ron")).unwrap();
    let message = fails(dir.path(), &["new", "Other", "-o", "desk.ron"]);
    assert!(message.contains("exists"), "{message}");
    assert_eq!(fs::read(dir.path().join("desk.ron")).unwrap(), before);
    ok(dir.path(), &["new", "Other", "-o", "desk.ron", "--force"]);
    assert_eq!(store::load(&dir.path().join("desk.ron")).unwrap().name, "Other");
}

#[test]
fn new_with_a_custom_taxonomy_embeds_it_and_refuses_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let taxonomy = claimmark::model::DEFAULT_TAXONOMY_RON.replace("\"claimmark default\"", "\"custom desk\"");
    fs::write(dir.path().join("t.ron"), taxonomy).unwrap();
    ok(dir.path(), &["new", "Desk", "-o", "d.ron", "--taxonomy", "t.ron"]);
    assert_eq!(store::load(&dir.path().join("d.ron")).unwrap().taxonomy.name, "custom desk");
    let broken = claimmark::model::DEFAULT_TAXONOMY_RON.replace("\"#1f77b4\"", "\"blue\"");
    fs::write(dir.path().join("broken.ron"), broken).unwrap();
    let message = fails(dir.path(), &["new", "Desk", "-o", "e.ron", "--taxonomy", "broken.ron"]);
    assert!(message.contains("broken.ron") && message.contains("#rrggbb"), "{message}");
    assert!(!dir.path().join("e.ron").exists());
}

#[test]
fn add_document_keeps_the_text_exactly_and_creates_outlets_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_documents(dir.path());
    ok(
        dir.path(),
        &["add-document", "p.ron", &corpus("afgazad-2024-07-14-sco-summit.txt"), "--outlet", "arab news"],
    );
    let project = store::load(&path).unwrap();
    assert_eq!(project.documents.len(), 3);
    assert_eq!(project.outlets.len(), 2, "\"arab news\" matches the existing outlet");
    let sputnik = &project.documents[0];
    assert_eq!(&*sputnik.text, fs::read_to_string(corpus(SPUTNIK)).unwrap());
    assert_eq!(sputnik.id.as_str(), "sputnik-2025-12-17-eurasian-forum");
    // The default title is the first line, shortened to 120 chars.
    assert!(sputnik.title.starts_with("date 2025-12-17 https://sputnikglobe.com/"), "{}", sputnik.title);
    assert!(sputnik.title.ends_with('…') && sputnik.title.chars().count() == 121);
    assert_eq!(sputnik.published.as_deref(), Some("2025-12-17"));
    let outlet = project.outlet_of(sputnik).unwrap();
    assert_eq!(outlet.affiliation.as_str(), "state-media");
    assert_eq!(outlet.domain.as_deref(), Some("sputnikglobe.com"));
    assert_eq!(project.outlet_of(&project.documents[1]).unwrap().affiliation.as_str(), "unknown");
    assert_eq!(project.documents[2].outlet, project.documents[1].outlet);
}

#[test]
fn add_document_refuses_bad_input_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_documents(dir.path());
    let before = fs::read(&path).unwrap();
    fs::write(dir.path().join("cp1256.txt"), b"Pakistan \xe1\xc7\xe5\xe6\xd1 news").unwrap();
    fs::write(dir.path().join("good.txt"), "A good text.").unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["add-document", "p.ron", "good.txt", "cp1256.txt"], "cp1256.txt:1: not UTF-8"),
        (&["add-document", "p.ron", "good.txt", "--genre", "gossip"], "unknown genre \"gossip\""),
        (
            &["add-document", "p.ron", "good.txt", "--outlet", "X", "--affiliation", "spy"],
            "unknown affiliation",
        ),
        (&["add-document", "p.ron", "good.txt", "--published", "17.12.2025"], "expected YYYY-MM-DD"),
        (&["add-document", "p.ron", "missing.txt"], "missing.txt"),
        (
            &["add-document", "p.ron", "good.txt", "--outlet", "Arab News", "--affiliation", "state-media"],
            "exists with affiliation",
        ),
    ];
    for (args, expected) in cases {
        let message = fails(dir.path(), args);
        assert!(message.contains(expected), "{args:?}: expected {expected:?} in {message}");
        assert_eq!(fs::read(&path).unwrap(), before, "{args:?} changed the project");
    }
}

#[test]
fn empty_and_duplicate_texts_and_groups_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_documents(dir.path());
    let before = fs::read(&path).unwrap();
    fs::write(dir.path().join("empty.txt"), " \n").unwrap();
    let message = fails(dir.path(), &["add-document", "p.ron", "empty.txt"]);
    assert!(message.contains("holds no text"), "{message}");
    let message = fails(dir.path(), &["add-document", "p.ron", &corpus(SPUTNIK)]);
    assert!(
        message.contains("has this very text already") && message.contains("--allow-duplicate"),
        "{message}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    ok(dir.path(), &["add-document", "p.ron", &corpus(SPUTNIK), "--allow-duplicate"]);
    assert_eq!(store::load(&path).unwrap().documents.len(), 3);

    let message = fails(dir.path(), &["add-group", "p.ron", "  "]);
    assert!(message.contains("needs a name"), "{message}");
    let id = ok(dir.path(), &["add-group", "p.ron", "Daesh threat"]);
    let message = fails(dir.path(), &["add-group", "p.ron", "daesh threat "]);
    assert!(message.contains(id.trim()), "{message}");
}

#[test]
fn a_claim_is_not_marked_twice_and_group_puts_claims_into_groups() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_documents(dir.path());
    let doc = "sputnik-2025-12-17-eurasian-forum";
    let first = ok(
        dir.path(),
        &["mark", "p.ron", doc, "--quote", "$100 million a day for two decades", "--kind", "money"],
    );
    let message = fails(
        dir.path(),
        &["mark", "p.ron", doc, "--quote", "$100 million a day for two decades", "--kind", "money"],
    );
    assert!(message.contains(&format!("claim {} already marks this text", first.trim())), "{message}");
    // The same text as another kind is a second claim, as in the app.
    let second = ok(
        dir.path(),
        &["mark", "p.ron", doc, "--quote", "$100 million a day for two decades", "--kind", "statistic"],
    );
    let group = ok(dir.path(), &["add-group", "p.ron", "Cost of the US war"]);
    ok(dir.path(), &["group", "p.ron", group.trim(), first.trim(), second.trim()]);
    let project = store::load(&path).unwrap();
    assert!(project.claims.iter().all(|c| c.group.as_ref().map(|g| g.as_str()) == Some(group.trim())));
    ok(dir.path(), &["group", "p.ron", "none", second.trim()]);
    assert_eq!(store::load(&path).unwrap().claim(&ClaimId::new(second.trim())).unwrap().group, None);
    let message = fails(dir.path(), &["group", "p.ron", "group-9", first.trim()]);
    assert!(message.contains("no group \"group-9\""), "{message}");
    let message = fails(dir.path(), &["group", "p.ron", group.trim(), "claim-99"]);
    assert!(message.contains("no claim \"claim-99\""), "{message}");
}

#[test]
fn reviewer_names_are_one_person_whatever_their_case_and_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_documents(dir.path());
    let doc = "sputnik-2025-12-17-eurasian-forum";
    for (quote, name) in [("Maria Sultan", "Ana"), ("Prokhor Tebin", "ana"), ("Roxolana Zigon", " Ana ")] {
        ok(
            dir.path(),
            &[
                "mark",
                "p.ron",
                doc,
                "--quote",
                quote,
                "--occurrence",
                "1",
                "--kind",
                "event",
                "--reviewer",
                name,
            ],
        );
    }
    let project = store::load(&path).unwrap();
    assert_eq!(project.reviewers.len(), 1);
    assert_eq!(project.reviewers[0].name, "Ana");
    let message = fails(dir.path(), &["mark", "p.ron", "doc-1", "--quote", "x", "--kind", "event"]);
    assert!(message.contains("this project's are: sputnik-2025-12-17-eurasian-forum, arabnews"), "{message}");
}

#[test]
fn mark_finds_the_quote_and_records_the_claim() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_documents(dir.path());
    let doc = "sputnik-2025-12-17-eurasian-forum";
    let source = ok(dir.path(), &["add-source", "p.ron", "--title", "DoD report", "--kind", "report"]);
    let group = ok(dir.path(), &["add-group", "p.ron", "US equipment left in Afghanistan"]);
    let id = ok(
        dir.path(),
        &[
            "mark",
            "p.ron",
            doc,
            "--quote",
            "over $7 billion in American military equipment",
            "--kind",
            "money",
            "--claimant",
            "Maria Sultan",
            "--attributed",
            "--frame",
            "security-defense",
            "--frame",
            "economic",
            "--source",
            &format!("{}:supports", source.trim()),
            "--group",
            group.trim(),
            "--verdict",
            "mostly-true",
            "--note",
            "DoD: $7.12 billion",
            "--reviewer",
            "Ana",
        ],
    );
    let project = store::load(&path).unwrap();
    let claim = project.claim(&ClaimId::new(id.trim())).unwrap();
    let text = &project.document(&DocumentId::new(doc)).unwrap().text;
    assert_eq!(claim.span.slice(text), Some("over $7 billion in American military equipment"));
    assert_eq!(claim.attribution, Attribution::Attributed);
    assert_eq!(claim.frames, vec![LabelId::new("security-defense"), LabelId::new("economic")]);
    assert_eq!(claim.sources[0].relation.as_str(), "supports");
    assert_eq!(project.reviewers[0].name, "Ana");
    assert_eq!(claim.verdict.as_str(), "mostly-true");

    // The Arab News text repeats a paragraph: the quote must say which occurrence.
    let arab = "arabnews-oped-2020-regional-peace";
    let repeated = "cannot be ignored by the great powers nor regional actors";
    let message = fails(dir.path(), &["mark", "p.ron", arab, "--quote", repeated, "--kind", "evaluative"]);
    assert!(message.contains("occurs 2 times"), "{message}");
    let second = ok(
        dir.path(),
        &["mark", "p.ron", arab, "--quote", repeated, "--occurrence", "2", "--kind", "evaluative"],
    );
    let first = ok(
        dir.path(),
        &["mark", "p.ron", arab, "--quote", repeated, "--occurrence", "1", "--kind", "evaluative"],
    );
    let project = store::load(&path).unwrap();
    let span = |id: &str| project.claim(&ClaimId::new(id.trim())).unwrap().span;
    assert!(span(&first).start < span(&second).start);
    // Claims are kept in document order.
    let order: Vec<&str> = project.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(order, vec![id.trim(), first.trim(), second.trim()]);

    let before = fs::read(&path).unwrap();
    for (args, expected) in [
        (vec!["--kind", "event", "--quote", "not in the text at all"], "does not occur"),
        (vec!["--kind", "event", "--quote", "aria Sultan"], "inside a word"),
        (vec!["--kind", "event", "--quote", "Maria Sulta"], "inside a word"),
        (vec!["--kind", "event", "--quote", " Maria Sultan"], "white space"),
        (vec!["--quote", "Zigon", "--kind", "rumour"], "unknown claim kind"),
        (
            vec!["--kind", "event", "--quote", "Dr. Prokhor Tebin", "--source", "source-99"],
            "no source \"source-99\"",
        ),
        (
            vec!["--kind", "event", "--quote", "Dr. Prokhor Tebin", "--group", "group-99"],
            "no group \"group-99\"",
        ),
    ] {
        let mut full = vec!["mark", "p.ron", doc];
        full.extend(args);
        let message = fails(dir.path(), &full);
        assert!(message.contains(expected), "{full:?}: {message}");
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    ok(
        dir.path(),
        &[
            "mark",
            "p.ron",
            doc,
            "--kind",
            "event",
            "--quote",
            "Sulta",
            "--occurrence",
            "2",
            "--partial-words",
        ],
    );
}

#[test]
fn validate_reports_one_line_per_problem_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_documents(dir.path());
    let doc = "sputnik-2025-12-17-eurasian-forum";
    ok(dir.path(), &["mark", "p.ron", doc, "--quote", "Maria Sultan", "--kind", "attributed"]);
    assert!(ok(dir.path(), &["validate", "p.ron"]).contains("p.ron: ok (2 documents, 1 claims)"));
    // Break the claim's document reference and its quote, and make a second file that
    // does not parse.
    let text = fs::read_to_string(&path).unwrap();
    let broken = text.replace(&format!("document: \"{doc}\""), "document: \"gone\"");
    fs::write(dir.path().join("broken.ron"), broken).unwrap();
    let text = text.replace("exact: \"Maria Sultan\"", "exact: \"Maria Sultana\"");
    fs::write(dir.path().join("quote.ron"), text).unwrap();
    fs::write(dir.path().join("syntax.ron"), "(format: 1, name: \"x\",, )").unwrap();
    let output = claimmark(dir.path(), &["validate", "p.ron", "broken.ron", "quote.ron", "syntax.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(lines[0].starts_with("p.ron: ok"));
    assert!(
        lines[1].starts_with("broken.ron:")
            && lines[1].contains("claim claim-1-")
            && lines[1].contains(": document \"gone\" does not exist")
    );
    assert!(lines[2].starts_with("quote.ron:") && lines[2].contains("\"Maria Sultana\""));
    assert!(lines[3].starts_with("syntax.ron:1:"), "{}", lines[3]);
    let line_col: Vec<&str> = lines[1].splitn(4, ':').collect();
    assert!(line_col[1].parse::<usize>().unwrap() > 1 && line_col[2].parse::<usize>().unwrap() >= 1);
}

#[test]
fn stats_counts_by_kind_verdict_and_affiliation() {
    let dir = tempfile::tempdir().unwrap();
    project_with_documents(dir.path());
    let doc = "sputnik-2025-12-17-eurasian-forum";
    ok(
        dir.path(),
        &["mark", "p.ron", doc, "--quote", "$100 million a day for two decades", "--kind", "money"],
    );
    ok(
        dir.path(),
        &["mark", "p.ron", doc, "--quote", "Maria Sultan", "--kind", "attributed", "--verdict", "true"],
    );
    ok(
        dir.path(),
        &[
            "mark",
            "p.ron",
            "arabnews-oped-2020-regional-peace",
            "--quote",
            "Moscow’s support is vital",
            "--kind",
            "evaluative",
        ],
    );
    ok(dir.path(), &["add-group", "p.ron", "g"]);
    let json: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["stats", "p.ron", "--json"])).unwrap();
    assert_eq!(json["documents"], 2);
    assert_eq!(json["claims"], 3);
    assert_eq!(json["outlets"], 2);
    assert_eq!(json["sources"], 0);
    assert_eq!(json["groups"], 1);
    assert_eq!(json["claims_by_kind"]["money"], 1);
    assert_eq!(json["claims_by_kind"]["statistic"], 0);
    assert_eq!(json["claims_by_verdict"]["unverified"], 2);
    assert_eq!(json["claims_by_affiliation"]["state-media"], 2);
    assert_eq!(json["claims_by_affiliation"]["unknown"], 1);
    let table = ok(dir.path(), &["stats", "p.ron"]);
    assert!(table.contains("State media") && table.contains("Sputnik International"), "{table}");
}

#[test]
fn fmt_rewrites_hand_edits_canonically_and_check_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_with_documents(dir.path());
    let canonical = fs::read_to_string(&path).unwrap();
    ok(dir.path(), &["fmt", "--check", "p.ron"]);
    let edited = canonical.replace("    name: \"Test desk\",", "    name:   \"Test desk\"  ,   // edited");
    fs::write(&path, &edited).unwrap();
    let message = fails(dir.path(), &["fmt", "--check", "p.ron"]);
    assert!(message.contains("not in canonical layout"));
    assert_eq!(fs::read_to_string(&path).unwrap(), edited, "--check changes nothing");
    ok(dir.path(), &["fmt", "p.ron"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), canonical);
}

#[test]
fn without_a_display_the_app_says_so_in_one_line_and_the_subcommands_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_claimmark"))
            .current_dir(dir.path())
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    };
    let output = run(&[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("no display"), "{message}");
    assert!(run(&["new", "Desk", "-o", "d.ron"]).status.success());
    assert!(run(&["validate", "d.ron"]).status.success());
}

#[test]
fn broken_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    project_with_documents(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .current_dir(dir.path())
        .args(["stats", "p.ron"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once, like `| head -0`
    let output = child.wait_with_output().unwrap();
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

/// Whether this process can write into a folder without write permission (root can).
fn privileged(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let writable = fs::write(&probe, b"").is_ok();
    let _ = fs::remove_file(probe);
    writable
}

#[cfg(unix)]
#[test]
fn save_into_read_only_folder_fails_cleanly_with_the_old_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let folder = dir.path().join("read-only");
    fs::create_dir(&folder).unwrap();
    let path = project_with_documents(&folder);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let before = fs::read(&path).unwrap();
    let args = ["add-group", "p.ron", "a group"];
    let output = if privileged(&folder) {
        // Running as root, permissions do not bind: run the command as `nobody`.
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_claimmark")])
            .args(args)
            .current_dir(&folder)
            .output()
            .expect("setpriv (util-linux) is needed to test permissions as root")
    } else {
        claimmark(&folder, &args)
    };
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    // Refused at the lock file, before anything is read.
    assert!(
        message.contains("p.ron: could not take the lock") && message.contains("nothing was written"),
        "{message}"
    );
    assert!(message.contains("write permission on its folder"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before);
    let names: Vec<_> = fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(names.iter().all(|n| n == "p.ron" || n == "p.ron.bak"), "left behind: {names:?}");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn export_refuses_to_replace_an_existing_file_or_folder_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_projects/pakistan-russia.ron");
    let sample = sample.to_str().unwrap();
    let claims = dir.path().join("claims.jsonl");
    fs::write(&claims, "work of an afternoon\n").unwrap();
    let said = fails(dir.path(), &["export", sample, "--format", "jsonl", "-o", "claims.jsonl"]);
    assert!(
        said.contains("claims.jsonl already exists; nothing was written. Add --force to replace it"),
        "{said}"
    );
    assert_eq!(fs::read_to_string(&claims).unwrap(), "work of an afternoon\n", "left as it was");
    ok(dir.path(), &["export", sample, "--format", "jsonl", "-o", "claims.jsonl", "--force"]);
    assert!(fs::read_to_string(&claims).unwrap().starts_with("{\"text\":"));
    // Label Studio's labeling config beside the tasks counts too.
    fs::write(dir.path().join("tasks.config.xml"), "<View/>").unwrap();
    let said = fails(dir.path(), &["export", sample, "--format", "label-studio", "-o", "tasks.json"]);
    assert!(said.contains("tasks.config.xml already exists"), "{said}");
    assert!(!dir.path().join("tasks.json").exists());
    // Every part of a split.
    fs::write(dir.path().join("data.dev.jsonl"), "").unwrap();
    let said = fails(
        dir.path(),
        &["export", sample, "--format", "jsonl", "--split", "train=0.8,dev=0.2", "-o", "data.jsonl"],
    );
    assert!(said.contains("data.dev.jsonl already exists"), "{said}");
    assert!(!dir.path().join("data.train.jsonl").exists(), "no part is written");
    // A brat folder: an empty one is filled, one with files in it is replaced only with --force.
    fs::create_dir(dir.path().join("brat-out")).unwrap();
    ok(dir.path(), &["export", sample, "--format", "brat", "-o", "brat-out"]);
    let said = fails(dir.path(), &["export", sample, "--format", "brat", "-o", "brat-out"]);
    assert!(said.contains("brat-out already exists"), "{said}");
    ok(dir.path(), &["export", sample, "--format", "brat", "-o", "brat-out", "--force"]);
    // Standard output is never a file to protect.
    ok(dir.path(), &["export", sample, "--format", "csv"]);
}

#[test]
fn the_reviewer_of_a_mark_comes_from_the_environment_when_not_given() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.txt");
    fs::write(&text, "Officials said trade rose 40% last year.").unwrap();
    assert!(claimmark(dir.path(), &["new", "Who", "-o", "p.ron"]).status.success());
    assert!(claimmark(dir.path(), &["add-document", "p.ron", "a.txt"]).status.success());
    let output = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .current_dir(dir.path())
        .args(["mark", "p.ron", "a", "--quote", "rose 40%", "--kind", "statistic"])
        .env("CLAIMMARK_REVIEWER", "Bob")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let project = claimmark::store::load(&dir.path().join("p.ron")).unwrap();
    let bob = project.reviewers.iter().find(|r| r.name == "Bob").expect("Bob is a reviewer now");
    assert_eq!(project.claims[0].reviewer.as_ref(), Some(&bob.id));
}

#[test]
fn a_claim_grouped_from_the_command_line_records_the_reviewer_of_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Officials said trade rose 40% last year.").unwrap();
    assert!(claimmark(dir.path(), &["new", "Who", "-o", "p.ron"]).status.success());
    assert!(claimmark(dir.path(), &["add-document", "p.ron", "a.txt"]).status.success());
    let as_reviewer = |name: &str, args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_claimmark"))
            .current_dir(dir.path())
            .args(args)
            .env("CLAIMMARK_REVIEWER", name)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    };
    let claim = as_reviewer("Bob", &["mark", "p.ron", "a", "--quote", "rose 40%", "--kind", "statistic"]);
    // Ana is known to the project once she has marked a claim.
    as_reviewer("Ana", &["mark", "p.ron", "a", "--quote", "last year", "--kind", "event"]);
    let group = as_reviewer("Ana", &["add-group", "p.ron", "Trade"]);
    as_reviewer("Ana", &["group", "p.ron", group.as_str(), claim.as_str()]);
    let project = claimmark::store::load(&dir.path().join("p.ron")).unwrap();
    let name_of = |id: Option<&claimmark::model::ReviewerId>| {
        id.and_then(|id| project.reviewers.iter().find(|r| &r.id == id)).map(|r| r.name.clone())
    };
    let grouped = project.claims.iter().find(|c| c.id.as_str() == claim).unwrap();
    assert_eq!(name_of(grouped.reviewer.as_ref()).as_deref(), Some("Bob"), "Bob made it");
    assert_eq!(name_of(grouped.modified_by.as_ref()).as_deref(), Some("Ana"), "Ana grouped it");
}

#[test]
fn add_passage_marks_another_outlets_text_by_its_first_and_last_words_or_its_span() {
    // The sample's Defence.pk thread pastes The Express Tribune's article: chars
    // 170..2358, counted by hand from its headline to its last sentence (see the sample's
    // passage note).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.ron");
    fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    let thread = "defencepk-forum-2013-strategic-dialogue";
    let mut project = store::load(&path).unwrap();
    // Without passages, to mark them anew.
    project.documents.iter_mut().for_each(|d| d.passages.clear());
    store::save(&project, &path).unwrap();
    let said = ok(
        dir.path(),
        &[
            "add-passage",
            "sample.ron",
            thread,
            "--from",
            "Strategic dialogue: Russian delegation due this month",
            "--to",
            "in the framework of the Istanbul Process.",
            "--outlet",
            "Karachi Tribune Test",
            "--affiliation",
            "private",
            "--published",
            "2013-04",
        ],
    );
    let project = store::load(&path).unwrap();
    let document = project.document(&DocumentId::new(thread)).unwrap();
    let outlet = project.outlet_by_name("Karachi Tribune Test").expect("created");
    assert_eq!(outlet.affiliation.as_str(), "private");
    let passage = &document.passages[0];
    assert_eq!((passage.span.start, passage.span.end), (170, 2358));
    assert_eq!(passage.published.as_deref(), Some("2013-04"));
    let inside = project.claims_in(&document.id).filter(|c| (170..2358).contains(&c.span.start)).count();
    assert!(
        said.contains(&format!(
            "passage 170..2358 of {thread} marked as {}'s text; {inside} claims in it",
            outlet.name
        )),
        "{said}"
    );
    // By span, into an outlet the project has; an overlapping one is refused.
    ok(dir.path(), &["add-passage", "sample.ron", thread, "--span", "2929..8078", "--outlet", "Arab News"]);
    let message = fails(
        dir.path(),
        &["add-passage", "sample.ron", thread, "--span", "2000..3000", "--outlet", "Arab News"],
    );
    assert!(message.contains("overlaps the passage 170..2358"), "{message}");
    for (args, says) in [
        (vec!["--span", "10..99999"], "is not inside the text"),
        (vec!["--span", "ten..twenty"], "expected START..END"),
        (vec!["--from", "no such words", "--to", "x"], "does not occur"),
        // "--to" inside "--from" does not end the passage there.
        (
            vec![
                "--from",
                "Strategic dialogue: Russian delegation due this month",
                "--to",
                "Russian delegation due",
            ],
            "does not occur after",
        ),
        (vec![], "say where the passage is"),
    ] {
        let mut all = vec!["add-passage", "sample.ron", thread, "--outlet", "Arab News"];
        all.extend(args);
        assert!(fails(dir.path(), &all).contains(says), "{says}");
    }
    assert_eq!(store::load(&path).unwrap().document(&DocumentId::new(thread)).unwrap().passages.len(), 2);
}
