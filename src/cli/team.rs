//! `claimmark merge` (the three-way merge git runs as a merge driver), `claimmark
//! conflicts` (what a merge recorded), `claimmark agree` (agreement between reviewers)
//! and `claimmark git-setup` (telling git to use the driver). The merging itself is [`crate::team::merge`]; this file loads, locks,
//! writes and talks to git.

use super::args::{AgreeArgs, AgreeFormat, ConflictsArgs, GitSetupArgs, MergeArgs, SettleArgs};
use super::run::{change_project, lock_project, write_stdout};
use crate::model::{Conflict, ConflictKind, RecordKind, Timestamp};
use crate::store;
use crate::team::merge::{MergeInfo, merge as merge_projects};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The exit status of a merge that wrote nothing: a side did not load, or the result
/// could not be written. git then reports the file as conflicted.
const MERGE_FAILED: u8 = 2;

/// The line `git-setup` puts in `.gitattributes`.
const ATTRIBUTES_LINE: &str = "*.ron merge=claimmark";

/// `claimmark merge BASE OURS THEIRS [-o OUT]`: 0 clean, 1 with conflicts, 2 when
/// nothing was written.
pub(super) fn merge(args: &MergeArgs) -> ExitCode {
    match try_merge(args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("claimmark: {error}");
            ExitCode::from(MERGE_FAILED)
        }
    }
}

/// The merge; the number of conflicts it recorded.
fn try_merge(args: &MergeArgs) -> Result<usize> {
    let output = args.output.as_ref().unwrap_or(&args.ours);
    // Like every writer: the lock from before reading what is written to after writing.
    let _lock = lock_project(output)?;
    let load = |path: &Path, side: &str| -> Result<crate::model::Project> {
        // Each side is migrated to this build's format as it loads.
        store::load(path)
            .map_err(|error| anyhow::anyhow!("{error}\n({side} side of the merge; nothing was written)"))
    };
    let ours = load(&args.ours, "our")?;
    let theirs = load(&args.theirs, "their")?;
    // git gives an empty base when both branches added the file: then every record is
    // new on both sides, and the project's own fields start as ours.
    let base = if std::fs::metadata(&args.base).is_ok_and(|m| m.len() == 0) {
        let mut base = ours.clone();
        base.outlets.clear();
        base.sources.clear();
        base.documents.clear();
        base.claims.clear();
        base.groups.clear();
        base.reviewers.clear();
        base.conflicts.clear();
        base
    } else {
        load(&args.base, "base")?
    };
    let outcome = merge_projects(&base, &ours, &theirs, &MergeInfo { at: merge_time() });
    let problems = store::integrity::check(&outcome.project);
    if let Some(problem) = problems.first() {
        bail!("the merged project would not load ({problem}); nothing was written. Please report this.");
    }
    let text = store::to_ron_string(&outcome.project)?;
    // No `.bak`: git keeps every version, and a backup beside git's temporary file would
    // be left in the working tree.
    store::write_atomically(output, text.as_bytes(), false)?;
    for renumbered in &outcome.renumbered {
        eprintln!(
            "claimmark: their {} {} is {} now (ours has a different {} under that id)",
            renumbered.kind.noun(),
            renumbered.from,
            renumbered.to,
            renumbered.kind.noun()
        );
    }
    if outcome.conflicts_added > 0 {
        eprintln!(
            "claimmark: {}: merged with {}; ours is kept in place, both versions are recorded. List them with `claimmark conflicts {}`",
            output.display(),
            crate::text::count(outcome.conflicts_added, "conflict"),
            output.display()
        );
    }
    Ok(outcome.conflicts_added)
}

/// When the merge runs: `SOURCE_DATE_EPOCH` when set (reproducible merges), else now.
fn merge_time() -> Timestamp {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map_or_else(Timestamp::now, Timestamp::from_unix)
}

/// One line about a conflict.
fn describe(conflict: &Conflict) -> String {
    let record = match conflict.record.kind {
        RecordKind::Project | RecordKind::Taxonomy => conflict.record.kind.noun().to_owned(),
        kind => format!("{} {}", kind.noun(), conflict.record.id),
    };
    let field = conflict.field.as_deref().map(|f| format!(" `{f}`")).unwrap_or_default();
    let who = |side: &crate::model::ConflictSide| {
        let mut parts = Vec::new();
        if side.value.is_none() {
            parts.push("deleted".to_owned());
        }
        if let Some(reviewer) = &side.reviewer {
            parts.push(format!("by {reviewer}"));
        }
        if let Some(at) = &side.modified {
            parts.push(at.to_string());
        }
        if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }
    };
    let other = match (&conflict.other, conflict.kind) {
        (Some(other), ConflictKind::SameSpan) => format!(" and their claim {}", other.id),
        _ => String::new(),
    };
    format!(
        "{}: {record}{other}{field}: {}; ours{}, theirs{}; merged {}",
        conflict.id,
        conflict.kind.name(),
        who(&conflict.ours),
        who(&conflict.theirs),
        conflict.merged
    )
}

/// `claimmark conflicts FILE`: one line per recorded conflict; exit 1 when any.
pub(super) fn conflicts(args: &ConflictsArgs) -> Result<ExitCode> {
    let project = store::load(&args.file)?;
    if project.conflicts.is_empty() {
        say!("{}: no conflicts", args.file.display());
        return Ok(ExitCode::SUCCESS);
    }
    say!("{}: {}", args.file.display(), crate::text::count(project.conflicts.len(), "conflict"));
    for conflict in &project.conflicts {
        say!("{}", describe(conflict));
    }
    Ok(ExitCode::FAILURE)
}

/// `claimmark settle FILE CONFLICT --ours|--theirs`: one edit, under the write lock.
pub(super) fn settle(args: &SettleArgs) -> Result<ExitCode> {
    use crate::team::settle::{Side, settle};
    let side = if args.theirs { Side::Theirs } else { Side::Ours };
    let conflict = crate::model::ConflictId::new(args.conflict.as_str());
    let left = change_project(&args.file, |project, _ids| {
        let edit = settle(project, &conflict, side)?;
        Ok((edit, project.conflicts.len() - 1))
    })?;
    say!(
        "{}: {} settled ({}); {} left",
        args.file.display(),
        args.conflict,
        if args.theirs { "theirs taken" } else { "ours kept" },
        crate::text::count(left, "conflict")
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs git with `args` in `dir`; its standard output, trimmed.
fn git(dir: &Path, args: &[&str]) -> Result<(bool, String)> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("could not run git; is it installed and on PATH?")?;
    Ok((output.status.success(), String::from_utf8_lossy(&output.stdout).trim().to_owned()))
}

/// How the driver names this program: `claimmark` when that is this binary on PATH
/// (it then survives upgrades and moves of the repository), else its full path.
fn program_for_git() -> Result<String> {
    let exe = std::env::current_exe().context("could not tell where this claimmark is")?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(if cfg!(windows) { "claimmark.exe" } else { "claimmark" }))
            .find(|candidate| candidate.is_file())
    });
    if on_path.and_then(|p| p.canonicalize().ok()).is_some_and(|p| p == exe) {
        return Ok("claimmark".into());
    }
    let path = exe.to_string_lossy().replace('\\', "/");
    // git runs the driver through a shell.
    Ok(format!("'{}'", path.replace('\'', r"'\''")))
}

/// `claimmark git-setup [DIR]`.
pub(super) fn git_setup(args: &GitSetupArgs) -> Result<ExitCode> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let (inside, top) = git(&dir, &["rev-parse", "--show-toplevel"])?;
    if !inside || top.is_empty() {
        bail!("{} is not inside a git repository; run `git init` or `git clone` first", dir.display());
    }
    let top = PathBuf::from(top);
    // .gitattributes, shared with everyone through commits.
    let attributes = top.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(error).with_context(|| format!("could not read {}", attributes.display())),
    };
    if existing.lines().any(|line| line.trim() == ATTRIBUTES_LINE) {
        say!("{}: already has `{ATTRIBUTES_LINE}`", attributes.display());
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES_LINE);
        text.push('\n');
        store::write_atomically(&attributes, text.as_bytes(), false)?;
        say!("{}: added `{ATTRIBUTES_LINE}` (commit it so that everyone merges alike)", attributes.display());
    }
    // The driver, in this clone's .git/config (git never shares it).
    let driver = format!("{} merge %O %A %B -o %A", program_for_git()?);
    for (key, value) in [
        ("merge.claimmark.name", "claimmark: semantic merge of project files"),
        ("merge.claimmark.driver", &driver),
    ] {
        let (_, current) = git(&top, &["config", "--local", "--get", key])?;
        if current == value {
            say!("git config {key}: already `{value}`");
            continue;
        }
        let (ok, _) = git(&top, &["config", "--local", key, value])?;
        if !ok {
            bail!("`git config {key}` failed in {}", top.display());
        }
        say!("git config {key} = `{value}`");
    }
    Ok(ExitCode::SUCCESS)
}

/// `claimmark agree FILE... [--reviewers ..] [--documents ..] [--format ..] [-o OUT]`.
pub(super) fn agree(args: &AgreeArgs) -> Result<ExitCode> {
    use crate::model::DocumentId;
    use crate::team::agree::{copies, html, output, report::Report};
    let mut loaded = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let name =
            file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        loaded.push((name, store::load(file)?));
    }
    let project = if loaded.len() == 1 {
        loaded.pop().map(|(_, project)| project).context("a project")?
    } else {
        let (combined, left_out) = copies::combine(&loaded);
        for gone in &left_out {
            eprintln!("claimmark: left out document {} ({} in {})", gone.document, gone.reason, gone.copy);
        }
        combined
    };
    let reviewers = if args.reviewers.is_empty() {
        None
    } else {
        let mut ids = Vec::new();
        for wanted in &args.reviewers {
            let found = project.reviewers.iter().find(|r| r.id.as_str() == wanted || r.name == *wanted);
            let Some(reviewer) = found else {
                let known: Vec<&str> = project.reviewers.iter().map(|r| r.name.as_str()).collect();
                bail!("no reviewer \"{wanted}\" (the reviewers: {})", known.join(", "));
            };
            ids.push(reviewer.id.clone());
        }
        if ids.len() < 2 {
            bail!("--reviewers needs at least two reviewers");
        }
        Some(ids)
    };
    let documents: Vec<DocumentId> = args.documents.iter().map(DocumentId::new).collect();
    if let Some(missing) = documents.iter().find(|d| project.document(d).is_none()) {
        bail!("no document \"{missing}\" in the project");
    }
    let documents = (!documents.is_empty()).then_some(documents);
    let report = Report::new(&project, reviewers.as_deref(), documents.as_deref());
    if report.reviewers.len() < 2 {
        eprintln!(
            "claimmark: agreement needs two reviewers with claims; found {} (give several copies, or a merged project whose claims carry reviewers)",
            report.reviewers.len()
        );
    }
    let text = match args.format {
        AgreeFormat::Table => output::table(&project, &report),
        AgreeFormat::Csv => output::csv(&project, &report),
        AgreeFormat::Json => output::json(&project, &report),
        AgreeFormat::Html => html::html(&project, &report),
    };
    match &args.output {
        Some(path) => {
            store::write_atomically(path, text.as_bytes(), false)?;
            eprintln!(
                "{}: {} reviewers, {} documents",
                path.display(),
                report.reviewers.len(),
                report.documents.len()
            );
        }
        None => write_stdout(&text),
    }
    Ok(ExitCode::SUCCESS)
}
