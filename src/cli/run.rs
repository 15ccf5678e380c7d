//! Running a parsed [`Command`]: the dispatch from each subcommand to the function that
//! does it, the one place where an error becomes a one-line message and an exit code, the
//! load-change-check-save cycle of every subcommand that changes a project
//! ([`change_project`]) under the project's write lock ([`lock_project`]), and the
//! subcommands that only read projects (`validate`, `stats`) or rewrite their layout
//! (`fmt`).
//!
//! It must not open a window nor import `ui`: `main.rs` chooses between the two.

use super::args::{Command, FmtArgs, StatsArgs, ValidateArgs};
use super::{detect, exchange, project, team};
use crate::edit::Edit;
use crate::model::{IdAllocator, LabelId, LabelSet, OutletId, Project};
use crate::stats::ProjectStats;
use crate::store::{self, LockError, ProjectLock};
use anyhow::{Result, anyhow, bail};
use std::path::Path;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Duration;

/// The environment variable that sets how long a command waits for another writer of
/// its project, in seconds.
pub const LOCK_WAIT_VARIABLE: &str = "CLAIMMARK_LOCK_WAIT";

/// How this process names itself in lock files: `claimmark SUBCOMMAND`. Set once by
/// [`run`]; a global so that every writer deep in a subcommand names the same program.
static PROGRAM: OnceLock<String> = OnceLock::new();

/// Runs one subcommand and turns its error into a one-line message on stderr.
pub fn main(command: Command) -> ExitCode {
    match run(command) {
        Ok(code) => code,
        Err(error) => {
            // Our errors carry their causes in their own message; the chain would repeat them.
            eprintln!("claimmark: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one subcommand; its exit code, or the error that stopped it.
pub fn run(command: Command) -> Result<ExitCode> {
    let _ = PROGRAM.set(format!("claimmark {}", command.name()));
    match command {
        Command::New(args) => project::new(args),
        Command::AddDocument(args) => project::add_document(args),
        Command::AddSource(args) => project::add_source(args),
        Command::SetText(args) => project::set_text(&args),
        Command::Place(args) => project::place(&args),
        Command::AddPassage(args) => project::add_passage(args),
        Command::Group(args) => project::group(args),
        Command::AddGroup(args) => project::add_group(args),
        Command::Mark(args) => project::mark(args),
        Command::Validate(args) => Ok(validate(&args)),
        Command::Export(args) => exchange::export(args),
        Command::Import(args) => exchange::import(&args),
        Command::Fmt(args) => fmt(&args),
        Command::Compare(args) => exchange::compare(&args),
        Command::Stats(args) => stats(&args),
        Command::Merge(args) => Ok(team::merge(&args)),
        Command::Conflicts(args) => team::conflicts(&args),
        Command::Agree(args) => team::agree(&args),
        Command::Detect(args) => detect::detect(&args),
        Command::Settle(args) => team::settle(&args),
        Command::GitSetup(args) => team::git_setup(&args),
    }
}

/// Writes `text` to standard output. A closed pipe (`claimmark stats f | head`) ends the
/// program quietly instead of panicking as `print!` would.
pub(super) fn write_stdout(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("claimmark: could not write to standard output: {error}");
        std::process::exit(1);
    }
}

/// Takes the write lock of the project `file` (which need not exist yet), waiting for
/// another writer as long as [`LOCK_WAIT_VARIABLE`] says (10 s by default) and saying
/// once on standard error whom it waits for. Hold it from before reading the project
/// until after saving it.
pub(super) fn lock_project(file: &Path) -> Result<ProjectLock> {
    let wait = match std::env::var(LOCK_WAIT_VARIABLE) {
        Err(_) => store::lock::DEFAULT_WAIT,
        Ok(value) => value
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
            .ok_or_else(|| {
                anyhow!(
                    "{LOCK_WAIT_VARIABLE}={value}: expected a number of seconds to wait, such as 10 or 0.5"
                )
            })?,
    };
    let program = PROGRAM.get().map_or("claimmark", String::as_str);
    let mut told = false;
    let lock = ProjectLock::acquire(file, program, wait, |holder| {
        if !told {
            told = true;
            let holder = holder.map_or_else(|| "another program".to_owned(), ToString::to_string);
            eprintln!(
                "claimmark: {} is being written by {holder}; waiting up to {:.0} s",
                file.display(),
                wait.as_secs_f64().ceil()
            );
        }
    });
    lock.map_err(|error| match error {
        LockError::Held { .. } => anyhow!(
            "{error}; nothing was written. Try again when it has finished, or wait longer with {LOCK_WAIT_VARIABLE}=SECONDS"
        ),
        LockError::Io { ref source, .. } if source.kind() == std::io::ErrorKind::PermissionDenied => {
            anyhow!("{error}; nothing was written (changing a project needs write permission on its folder)")
        }
        LockError::Io { .. } => anyhow!("{error}; nothing was written"),
    })
}

/// The environment variable that names the reviewer of the command line's changes.
pub(super) const REVIEWER_VARIABLE: &str = "CLAIMMARK_REVIEWER";

/// Loads `file`, applies the edit `change` builds, validates and saves, all under the
/// project's write lock; returns what `change` returned beside the edit. Nothing is
/// written when anything fails. Claims the edit replaces are stamped as changed by the
/// reviewer [`REVIEWER_VARIABLE`] names, when the project has one of that name.
pub(super) fn change_project<T>(
    file: &Path,
    change: impl FnOnce(&Project, &mut IdAllocator) -> Result<(Edit, T)>,
) -> Result<T> {
    // Locked before reading: ids and checks must see every change saved before ours.
    let _lock = lock_project(file)?;
    let mut project = store::load(file)?;
    let mut ids = IdAllocator::for_project(&project);
    let (mut edit, value) = change(&project, &mut ids)?;
    // Nothing to change (`detect --apply` with nothing left): the file is not rewritten.
    if matches!(&edit, Edit::Batch(edits) if edits.is_empty()) {
        return Ok(value);
    }
    // Who changed a claim: the reviewer the environment names, once the project knows them
    // (`mark --reviewer` adds one).
    if let Ok(name) = std::env::var(REVIEWER_VARIABLE)
        && let Some(reviewer) = project.reviewer_by_name(&name)
    {
        edit.stamp_changes_by(&reviewer.id.clone());
    }
    edit.apply(&mut project)?;
    let problems = store::integrity::check(&project);
    if let Some(problem) = problems.first() {
        bail!("{}: the change would break the project: {problem}; nothing was written", file.display());
    }
    store::save(&project, file)?;
    Ok(value)
}

/// `claimmark validate`: one line per problem (or `FILE: ok`); fails when any file has one.
fn validate(args: &ValidateArgs) -> ExitCode {
    let mut sound = true;
    for file in &args.files {
        match store::load(file) {
            Ok(project) => {
                say!(
                    "{}: ok ({} documents, {} claims)",
                    file.display(),
                    project.documents.len(),
                    project.claims.len()
                );
                let flagged = project.claims.iter().filter(|c| c.needs_reanchoring).count();
                if flagged > 0 {
                    say!(
                        "{}: {} to re-anchor after a text correction (View > Claims to re-anchor)",
                        file.display(),
                        crate::text::count(flagged, "claim")
                    );
                }
            }
            Err(error) => {
                sound = false;
                for line in error.lines() {
                    say!("{line}");
                }
            }
        }
    }
    if sound { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// `claimmark fmt`: rewrites files canonically (each under its write lock), or with
/// `--check` reports those that are not.
fn fmt(args: &FmtArgs) -> Result<ExitCode> {
    let mut canonical = true;
    for file in &args.files {
        let _lock = if args.check { None } else { Some(lock_project(file)?) };
        let text = store::read_text(file, store::DEFAULT_MAX_FILE_BYTES)?;
        let project = store::parse(&text, file, true)?;
        let formatted = store::to_ron_string(&project)?;
        if formatted == text {
            continue;
        }
        canonical = false;
        if args.check {
            say!("{}: not in canonical layout; run `claimmark fmt {}`", file.display(), file.display());
        } else {
            store::write_atomically(file, formatted.as_bytes(), true)?;
            say!("{}: rewritten", file.display());
        }
    }
    Ok(if canonical || !args.check { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// `claimmark stats`: the table, or with `--json` one JSON object.
fn stats(args: &StatsArgs) -> Result<ExitCode> {
    let project = store::load(&args.file)?;
    if args.json {
        say!("{}", serde_json::to_string_pretty(&ProjectStats::of(&project))?);
    } else {
        write_stdout(&stats_table(&project));
    }
    Ok(ExitCode::SUCCESS)
}

/// The `stats` table: counts, then claims by kind, verdict, affiliation, genre, outlet.
fn stats_table(project: &Project) -> String {
    use std::fmt::Write as _;
    let stats = ProjectStats::of(project);
    let mut out = String::new();
    let _ = writeln!(out, "{}", project.name);
    for (what, count) in [
        ("documents", stats.documents),
        ("claims", stats.claims),
        ("outlets", stats.outlets),
        ("sources", stats.sources),
        ("groups", stats.groups),
        ("grouped claims", stats.grouped_claims),
    ] {
        let _ = writeln!(out, "  {what:<16}{count:>7}");
    }
    let taxonomy = &project.taxonomy;
    let sections: [(&str, Option<LabelSet>, &std::collections::BTreeMap<String, usize>); 5] = [
        ("claims by kind", Some(LabelSet::ClaimKind), &stats.claims_by_kind),
        ("claims by verdict", Some(LabelSet::Verdict), &stats.claims_by_verdict),
        ("claims by affiliation", Some(LabelSet::Affiliation), &stats.claims_by_affiliation),
        ("claims by genre", Some(LabelSet::Genre), &stats.claims_by_genre),
        ("claims by outlet", None, &stats.claims_by_outlet),
    ];
    for (title, set, counts) in sections {
        let _ = writeln!(out, "{title}");
        let name = |key: &str| -> String {
            match set {
                Some(set) => taxonomy.name_of(set, &LabelId::new(key)).to_owned(),
                None => project.outlet(&OutletId::new(key)).map_or(key.to_owned(), |o| o.name.clone()),
            }
        };
        for (key, count) in counts {
            let _ = writeln!(out, "  {:<44}{count:>7}", name(key));
        }
    }
    out
}
