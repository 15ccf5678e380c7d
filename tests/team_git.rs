//! Two reviewers on one project in git: `claimmark git-setup`, a branch each, `git
//! merge` through the real git binary and claimmark as its merge driver; and `claimmark
//! merge` / `claimmark conflicts` on their own.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report; helpers outside #[test] need this too.

mod common;

use claimmark::model::{ClaimId, LabelId, Project};
use claimmark::sample::SAMPLE_PROJECT_RON;
use claimmark::store;
use common::{claimmark, printed};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn ok(dir: &Path, args: &[&str]) -> String {
    let output = claimmark(dir, args);
    assert!(output.status.success(), "claimmark {args:?}: {}", printed(&output));
    String::from_utf8(output.stdout).unwrap()
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-11-30T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-30T10:00:00Z")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap()
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let output = git(dir, args);
    assert!(output.status.success(), "git {args:?}: {}", printed(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// Changes the project through the library, as the app would, and saves it.
fn change(dir: &Path, change: impl FnOnce(&mut Project)) {
    let path = dir.join("p.ron");
    let mut project = store::load(&path).unwrap();
    change(&mut project);
    store::save(&project, &path).unwrap();
    let _ = fs::remove_file(dir.join("p.ron.bak"));
}

fn set_verdict(project: &mut Project, claim: &str, verdict: &str) {
    let claim = project.claims.iter_mut().find(|c| c.id.as_str() == claim).unwrap();
    claim.verdict = LabelId::new(verdict);
}

/// Marks the first `words` words of document `index`'s paragraph `paragraph` as `kind`.
fn mark(dir: &Path, project: &Project, index: usize, paragraph: usize, kind: &str, reviewer: &str) -> String {
    let document = &project.documents[index];
    let lines: Vec<&str> = document.text.split('\n').filter(|l| l.split_whitespace().count() > 14).collect();
    let line = lines[paragraph % lines.len()];
    let quote: Vec<&str> = line.split_whitespace().skip(3).take(6).collect();
    let quote = quote.join(" ");
    let id = ok(
        dir,
        &[
            "mark",
            "p.ron",
            document.id.as_str(),
            "--quote",
            &quote,
            "--occurrence",
            "1",
            "--partial-words",
            "--kind",
            kind,
            "--reviewer",
            reviewer,
        ],
    );
    id.trim().to_owned()
}

#[test]
fn two_reviewers_branches_merge_in_git_with_one_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    git_ok(dir, &["init", "-q", "-b", "main"]);
    git_ok(dir, &["config", "user.name", "Editor"]);
    git_ok(dir, &["config", "user.email", "editor@example.org"]);
    fs::write(dir.join("p.ron"), SAMPLE_PROJECT_RON).unwrap();
    fs::write(dir.join(".gitignore"), ".*.lock\n.*.open\n*.bak\n").unwrap();
    let said = ok(dir, &["git-setup"]);
    assert!(said.contains("added `*.ron merge=claimmark`"), "{said}");
    assert!(said.contains("merge.claimmark.driver"), "{said}");
    // Idempotent.
    let again = ok(dir, &["git-setup", "."]);
    assert!(again.contains("already"), "{again}");
    assert_eq!(fs::read_to_string(dir.join(".gitattributes")).unwrap().matches("merge=claimmark").count(), 1);
    let driver = git_ok(dir, &["config", "merge.claimmark.driver"]);
    assert!(driver.trim().ends_with("merge %O %A %B -o %A"), "{driver}");
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", "sample"]);
    let base = store::load(&dir.join("p.ron")).unwrap();

    // Ana: claims on documents 0 and 1, a verdict, a source, a group, claim-2's verdict.
    git_ok(dir, &["checkout", "-q", "-b", "ana"]);
    let ana_same = mark(dir, &base, 0, 1, "event", "Ana");
    let ana_other = mark(dir, &base, 1, 1, "event", "Ana");
    let ana_source = ok(dir, &["add-source", "p.ron", "--title", "Ana's report"]).trim().to_owned();
    let ana_group = ok(dir, &["add-group", "p.ron", "Ana's group"]).trim().to_owned();
    ok(dir, &["group", "p.ron", &ana_group, &ana_same]);
    change(dir, |p| {
        set_verdict(p, "claim-1", "false");
        set_verdict(p, "claim-2", "false");
    });
    git_ok(dir, &["commit", "-q", "-am", "Ana's work"]);

    // Bob, from main: claims on documents 0 (another passage) and 2, other verdicts, a
    // source, a group, and claim-2's verdict set differently: the one real conflict.
    git_ok(dir, &["checkout", "-q", "main"]);
    git_ok(dir, &["checkout", "-q", "-b", "bob"]);
    let bob_same = mark(dir, &base, 0, 0, "statistic", "Bob");
    let bob_other = mark(dir, &base, 2, 1, "event", "Bob");
    let bob_source = ok(dir, &["add-source", "p.ron", "--title", "Bob's dataset"]).trim().to_owned();
    let bob_group = ok(dir, &["add-group", "p.ron", "Bob's group"]).trim().to_owned();
    ok(dir, &["group", "p.ron", &bob_group, &bob_other]);
    change(dir, |p| {
        set_verdict(p, "claim-3", "misleading");
        set_verdict(p, "claim-2", "true");
    });
    git_ok(dir, &["commit", "-q", "-am", "Bob's work"]);

    // The editor merges Bob's branch into Ana's.
    git_ok(dir, &["checkout", "-q", "ana"]);
    let merge = git(dir, &["merge", "--no-edit", "bob"]);
    assert!(!merge.status.success(), "the conflict must stop the merge: {}", printed(&merge));
    let unmerged = git_ok(dir, &["diff", "--name-only", "--diff-filter=U"]);
    assert_eq!(unmerged.trim(), "p.ron");
    let merged_text = fs::read_to_string(dir.join("p.ron")).unwrap();
    assert!(!merged_text.contains("<<<<<<<"));
    let merged = store::load(&dir.join("p.ron")).unwrap();
    for id in base.claims.iter().map(|c| c.id.as_str()).chain([
        ana_same.as_str(),
        ana_other.as_str(),
        bob_same.as_str(),
        bob_other.as_str(),
    ]) {
        assert!(merged.claim(&ClaimId::new(id)).is_some(), "{id} is missing");
    }
    assert_eq!(merged.claims.len(), base.claims.len() + 4);
    let verdict = |id: &str| merged.claim(&ClaimId::new(id)).unwrap().verdict.as_str().to_owned();
    assert_eq!(
        (verdict("claim-1"), verdict("claim-3"), verdict("claim-2")),
        ("false".into(), "misleading".into(), "false".into())
    );
    for source in [&ana_source, &bob_source] {
        assert!(merged.sources.iter().any(|s| s.id.as_str() == source), "{source}");
    }
    let group_of = |id: &str| merged.claim(&ClaimId::new(id)).unwrap().group.clone().unwrap();
    assert_eq!(group_of(&ana_same).as_str(), ana_group);
    assert_eq!(group_of(&bob_other).as_str(), bob_group);
    assert_eq!(merged.reviewers.len(), base.reviewers.len() + 2);
    assert_eq!(merged.conflicts.len(), 1);
    // claimmark conflicts names it and fails.
    let output = claimmark(dir, &["conflicts", "p.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let listed = printed(&output);
    assert!(listed.contains("claim claim-2 `verdict`: both changed a field"), "{listed}");
    ok(dir, &["validate", "p.ron"]);
    // No leftovers of the driver in the working tree.
    let status = git_ok(dir, &["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(status.trim(), "UU p.ron", "{status}");
    // The editor takes Bob's verdict and commits the merge.
    let conflict = merged.conflicts[0].id.to_string();
    let said = ok(dir, &["settle", "p.ron", &conflict, "--theirs"]);
    assert!(said.contains("theirs taken") && said.contains("0 conflicts left"), "{said}");
    let settled = store::load(&dir.join("p.ron")).unwrap();
    assert_eq!(settled.claim(&ClaimId::new("claim-2")).unwrap().verdict.as_str(), "true");
    assert_eq!(claimmark(dir, &["conflicts", "p.ron"]).status.code(), Some(0));
    let _ = fs::remove_file(dir.join("p.ron.bak"));
    git_ok(dir, &["commit", "-qam", "Merge Bob's work"]);
    let status = git_ok(dir, &["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(status.trim(), "", "{status}");
}

#[test]
fn merge_exit_codes_and_a_side_that_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    // Base and ours: the sample as it was in format 1 (56 claims), saved in the current
    // format. Theirs: the same file still in format 1, with one verdict changed; a
    // format-1 side is migrated first.
    let format_1 = include_str!("data/pakistan-russia.format1.ron");
    fs::write(dir.join("old.ron"), format_1).unwrap();
    store::save(&store::load(&dir.join("old.ron")).unwrap(), &dir.join("base.ron")).unwrap();
    fs::copy(dir.join("base.ron"), dir.join("ours.ron")).unwrap();
    let theirs = format_1.replacen("verdict: \"unverified\"", "verdict: \"false\"", 1);
    fs::write(dir.join("theirs.ron"), &theirs).unwrap();
    let output = claimmark(dir, &["merge", "base.ron", "ours.ron", "theirs.ron", "-o", "out.ron"]);
    assert_eq!(output.status.code(), Some(0), "{}", printed(&output));
    let out = store::load(&dir.join("out.ron")).unwrap();
    assert!(out.conflicts.is_empty());
    assert_eq!(ok(dir, &["conflicts", "out.ron"]).trim(), "out.ron: no conflicts");
    // Without -o ours is written in place, as git's driver expects.
    let output = claimmark(dir, &["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(output.status.code(), Some(0), "{}", printed(&output));
    assert_eq!(store::load(&dir.join("ours.ron")).unwrap(), out);
    assert!(!dir.join("ours.ron.bak").exists());
    // A truncated side: exit 2, its file:line:col, nothing written.
    let before = fs::read(dir.join("ours.ron")).unwrap();
    fs::write(dir.join("cut.ron"), &SAMPLE_PROJECT_RON[..SAMPLE_PROJECT_RON.len() / 2]).unwrap();
    let output = claimmark(dir, &["merge", "base.ron", "ours.ron", "cut.ron"]);
    assert_eq!(output.status.code(), Some(2));
    let message = printed(&output);
    assert!(message.contains("cut.ron:") && message.contains("their side"), "{message}");
    assert_eq!(fs::read(dir.join("ours.ron")).unwrap(), before);
    // Both added the file (git's base is then empty): one project, every record once.
    fs::write(dir.join("empty.ron"), "").unwrap();
    let output = claimmark(dir, &["merge", "empty.ron", "base.ron", "theirs.ron", "-o", "added.ron"]);
    assert_eq!(output.status.code(), Some(1), "{}", printed(&output));
    let added = store::load(&dir.join("added.ron")).unwrap();
    assert_eq!(added.claims.len(), out.claims.len());
    assert_eq!(added.conflicts.len(), 1, "the verdict theirs.ron changed: {:?}", added.conflicts);
    // Usage errors are exit 2 (clap's).
    assert_eq!(claimmark(dir, &["merge", "base.ron"]).status.code(), Some(2));
}

/// Two reviewers mark the same passage as the same kind on their branches: git's merge
/// (through the driver) keeps both marks, each with its reviewer, and no conflict, so
/// `claimmark agree` on the merged file counts them as agreeing.
#[test]
fn the_same_passage_marked_on_two_branches_stays_two_marks_for_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    git_ok(dir, &["init", "-q", "-b", "main"]);
    git_ok(dir, &["config", "user.name", "Editor"]);
    git_ok(dir, &["config", "user.email", "editor@example.org"]);
    fs::write(dir.join("p.ron"), SAMPLE_PROJECT_RON).unwrap();
    fs::write(dir.join(".gitignore"), ".*.lock\n.*.open\n*.bak\n").unwrap();
    ok(dir, &["git-setup"]);
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", "sample"]);
    let base = store::load(&dir.join("p.ron")).unwrap();
    git_ok(dir, &["checkout", "-q", "-b", "ana"]);
    let anas = mark(dir, &base, 0, 3, "event", "Ana");
    git_ok(dir, &["commit", "-q", "-am", "Ana's mark"]);
    git_ok(dir, &["checkout", "-q", "main"]);
    git_ok(dir, &["checkout", "-q", "-b", "bob"]);
    let bobs = mark(dir, &base, 0, 3, "event", "Bob");
    git_ok(dir, &["commit", "-q", "-am", "Bob's mark"]);
    git_ok(dir, &["checkout", "-q", "ana"]);
    let merge = git(dir, &["merge", "--no-edit", "bob"]);
    assert!(merge.status.success(), "no conflict: {}", printed(&merge));
    let merged = store::load(&dir.join("p.ron")).unwrap();
    let by = |id: &str| {
        let claim = merged.claim(&ClaimId::new(id)).unwrap_or_else(|| panic!("{id} is kept"));
        let reviewer = claim.reviewer.as_ref().unwrap();
        merged.reviewers.iter().find(|r| &r.id == reviewer).unwrap().name.clone()
    };
    assert_eq!((by(&anas), by(&bobs)), ("Ana".to_owned(), "Bob".to_owned()));
    assert!(merged.conflicts.is_empty());
    let agree = ok(dir, &["agree", "p.ron", "--reviewers", "Ana,Bob", "--format", "csv"]);
    let overall = agree.lines().nth(1).unwrap();
    assert!(overall.starts_with("\"\",\"Ana\",\"Bob\",1.000000,1.000000,1.000000"), "{overall}");
}

/// Two editors settle the three reviewers' marks on their own branches: git (through
/// the driver) makes the passage both settled one claim of the adjudicated set, with a
/// conflict on the verdict they settled differently, and keeps what only one settled;
/// `export --adjudicated` of the merge holds both.
#[test]
fn two_editors_settling_on_two_branches_merge_into_one_adjudicated_set() {
    use claimmark::model::{IdAllocator, Timestamp};
    use claimmark::team::adjudicate;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    git_ok(dir, &["init", "-q", "-b", "main"]);
    git_ok(dir, &["config", "user.name", "Editor"]);
    git_ok(dir, &["config", "user.email", "editor@example.org"]);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/three-reviewers.ron");
    fs::copy(fixture, dir.join("p.ron")).unwrap();
    fs::write(dir.join(".gitignore"), ".*.lock\n.*.open\n*.bak\n").unwrap();
    ok(dir, &["git-setup"]);
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", "three reviewers"]);
    let base = store::load(&dir.join("p.ron")).unwrap();
    let amina = base.reviewer_by_name("Amina").unwrap().id.clone();
    let aminas: Vec<ClaimId> = base
        .claims
        .iter()
        .filter(|c| c.reviewer.as_ref() == Some(&amina))
        .map(|c| c.id.clone())
        .take(2)
        .collect();
    // Settles `claim` as `editor`, with `verdict` when given.
    let settle = |claim: &ClaimId, editor: &str, verdict: Option<&str>| {
        change(dir, |project| {
            let mut ids = IdAllocator::for_project(project);
            let at = Timestamp::from_unix(1_800_000_000);
            let (edit, copy) = adjudicate::accept(project, &mut ids, claim, None, Some(editor), at).unwrap();
            edit.apply(project).unwrap();
            if let Some(verdict) = verdict {
                set_verdict(project, copy.as_str(), verdict);
            }
        });
    };
    git_ok(dir, &["checkout", "-q", "-b", "eve"]);
    settle(&aminas[0], "Eve", Some("true"));
    git_ok(dir, &["commit", "-q", "-am", "Eve settles"]);
    git_ok(dir, &["checkout", "-q", "main"]);
    git_ok(dir, &["checkout", "-q", "-b", "fay"]);
    settle(&aminas[0], "Fay", Some("misleading"));
    settle(&aminas[1], "Fay", None);
    git_ok(dir, &["commit", "-q", "-am", "Fay settles"]);
    git_ok(dir, &["checkout", "-q", "eve"]);
    let merge = git(dir, &["merge", "--no-edit", "fay"]);
    assert!(!merge.status.success(), "the verdicts differ: a conflict ({})", printed(&merge));
    let merged = store::load(&dir.join("p.ron")).unwrap();
    let settled: Vec<_> = merged.claims.iter().filter(|c| c.adjudicated).collect();
    assert_eq!(settled.len(), 2, "{settled:#?}");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field.as_deref(), Some("verdict"));
    assert_eq!(merged.claims.len(), base.claims.len() + 2, "every reviewer's mark is kept");
    let exported = ok(dir, &["export", "p.ron", "--format", "csv", "--adjudicated"]);
    let records = exported.lines().filter(|l| l.starts_with("claim-")).count();
    assert_eq!(records, 2, "the two settled claims: {exported}");
    assert!(exported.contains(",Eve,") && exported.contains(",Fay,"), "each with who settled it");
}
