//! The subcommands that carry claims out of a project or into it: `export` and `import`
//! (the formats of other tools, through [`crate::interop`]) and `compare` (the framing
//! report, through [`crate::compare`]). Summaries and warnings go to standard error, so
//! standard output holds only the data.
//!
//! The formats themselves live in `interop` and `compare`; this module only picks the
//! destination, reports what was written, and must not know a format's details.

use super::args::{CompareArgs, CompareFormat, ExportArgs, ImportArgs};
use super::run::{lock_project, write_stdout};
use crate::compare::{Report, html, output as render};
use crate::interop::{
    ClaimFilter, ExportOptions, ExportSet, ExportSummary, Format, ParsedImport, Split, export_to_path,
    merge_import, occupied_destinations, read_import_into, write_export,
};
use crate::model::{IdAllocator, Project, Taxonomy};
use crate::store;
use crate::text::count;
use anyhow::{Result, bail};
use std::path::Path;
use std::process::ExitCode;

/// `claimmark export`: checks the filters and the split, then writes the export to `-o` (one
/// file per part of a split) or standard output.
pub(super) fn export(args: ExportArgs) -> Result<ExitCode> {
    let ExportArgs {
        file,
        format,
        output,
        labels,
        mut filters,
        reviewer,
        adjudicated,
        split,
        seed,
        with_text: _,
        no_text,
        offsets,
        force,
    } = args;
    format.offsets(offsets)?;
    let project = store::load(&file)?;
    filters.extend(reviewer.map(|names| format!("reviewer={names}")));
    let mut filter = ClaimFilter { adjudicated, ..ClaimFilter::default() };
    for condition in &filters {
        filter.add(condition)?;
    }
    filter.check(&project)?;
    if no_text && !matches!(format, Format::Jsonl | Format::W3c) {
        eprintln!(
            "claimmark: note: --no-text has no effect on {}, which always carries the texts (or none)",
            format.id()
        );
    }
    let options = ExportOptions { labels, filter, with_text: !no_text, offsets };
    let split = split.map(|spec| Split::parse(&spec, seed)).transpose()?;
    if let Some(output) = &output
        && !force
    {
        let occupied = occupied_destinations(format, split.as_ref(), output);
        if !occupied.is_empty() {
            let names: Vec<String> = occupied.iter().map(|p| p.display().to_string()).collect();
            bail!(
                "{} already exist{}; nothing was written. Add --force to replace {}, or give another -o",
                names.join(", "),
                if names.len() == 1 { "s" } else { "" },
                if names.len() == 1 { "it" } else { "them" }
            );
        }
    }
    write_to(&project, format, &options, split.as_ref(), output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

fn write_to(
    project: &Project,
    format: Format,
    options: &ExportOptions,
    split: Option<&Split>,
    output: Option<&Path>,
) -> Result<()> {
    use std::io::Write as _;
    let Some(output) = output else {
        if format.writes_folder() || split.is_some() {
            bail!("{} exports and splits write several files; give a destination with -o", format.id());
        }
        let set = ExportSet::new(project, options);
        let mut bytes = Vec::new();
        let summary = write_export(format, &set, &mut bytes)?;
        let mut stdout = std::io::stdout().lock();
        if let Err(error) = stdout.write_all(&bytes).and_then(|()| stdout.flush())
            && error.kind() != std::io::ErrorKind::BrokenPipe
        {
            return Err(error.into());
        }
        report_export("standard output", &summary);
        return Ok(());
    };
    let written = export_to_path(project, format, options, split, output, None)?;
    for (path, summary) in &written {
        report_export(&path.display().to_string(), summary);
    }
    Ok(())
}

fn report_export(destination: &str, summary: &ExportSummary) {
    eprintln!(
        "{destination}: {}, {}, {}",
        count(summary.documents, "document"),
        count(summary.claims, "claim"),
        count(summary.spans, "span")
    );
    if summary.documents == 0 {
        eprintln!("  warning: this part holds no document (too few documents for the split's shares?)");
    }
    for skipped in &summary.skipped {
        eprintln!("  skipped {skipped}");
    }
}

/// `claimmark import`: reads every source, merges what it found into the project (created
/// when missing) and saves it, or with `--strict` and a malformed record changes nothing.
pub(super) fn import(args: &ImportArgs) -> Result<ExitCode> {
    let ImportArgs { file, format, sources, strict, offsets } = args;
    let (format, strict, offsets) = (*format, *strict, *offsets);
    if !format.importable() {
        bail!("claimmark imports jsonl, doccano, brat, label-studio and w3c, not {}", format.id());
    }
    format.offsets(offsets)?;
    // Held from before reading the project until after saving it.
    let _lock = lock_project(file)?;
    let project = if file.exists() {
        store::load(file)?
    } else {
        let name = file.file_stem().map_or_else(|| "imported".into(), |s| s.to_string_lossy().into_owned());
        Project::new(name, Taxonomy::builtin())
    };
    let mut parsed = ParsedImport::default();
    for source in sources {
        match read_import_into(format, source, &project, offsets) {
            Ok(found) => {
                parsed.documents.extend(found.documents);
                parsed.problems.extend(found.problems);
            }
            Err(problem) => parsed.problems.push(problem),
        }
    }
    let mut ids = IdAllocator::for_project(&project);
    let (edit, report) = match merge_import(&project, &mut ids, parsed, strict) {
        Ok(result) => result,
        Err(report) => {
            for problem in &report.problems {
                eprintln!("{problem}");
            }
            let why = if strict { "--strict imports nothing then" } else { "nothing could be imported" };
            bail!("{} problem(s); {why}, and {} is unchanged", report.problems.len(), file.display());
        }
    };
    let mut project = project;
    edit.apply(&mut project)?;
    if let Some(problem) = store::integrity::check(&project).first() {
        bail!("{}: the import would break the project: {problem}; nothing was written", file.display());
    }
    store::save(&project, file)?;
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    say!(
        "{}: {} documents added ({} already there), {} claims added ({} already there), {} updated",
        file.display(),
        report.documents_added,
        report.documents_matched,
        report.claims_added,
        report.claims_existing,
        report.claims_updated
    );
    if !report.new_kinds.is_empty() {
        say!("labels kept as new claim kinds: {}", report.new_kinds.join(", "));
    }
    if report.claims_added + report.claims_existing + report.claims_updated == 0 {
        if report.problems.is_empty() {
            eprintln!(
                "claimmark: warning: no claim was found in the files; if they hold annotations, check that --format {} is their format",
                format.id()
            );
        } else {
            // The files hold records the reader could not place; the problems say why.
            eprintln!("claimmark: warning: no claim was imported; the problems above say why");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `claimmark compare`: renders the report and writes it to `-o` or standard output.
pub(super) fn compare(args: &CompareArgs) -> Result<ExitCode> {
    let project = store::load(&args.file)?;
    if args.groups {
        return compare_groups(args, &project);
    }
    let pair_column = match &args.column {
        None => None,
        Some(id) => {
            let comparison = crate::compare::compare(&project, args.by, args.against);
            let wanted = id.trim();
            let by_name = || comparison.columns.iter().position(|h| h.name.eq_ignore_ascii_case(wanted));
            let Some(index) = comparison.column_of(wanted).or_else(by_name) else {
                let ids: Vec<&str> = comparison.columns.iter().map(|h| h.id.as_str()).collect();
                let lower = wanted.to_lowercase();
                let near: Vec<&str> = comparison
                    .columns
                    .iter()
                    .filter(|h| h.id.contains(&lower) || h.name.to_lowercase().contains(&lower))
                    .map(|h| h.id.as_str())
                    .collect();
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean {}?)", near.join(" or "))
                };
                eprintln!(
                    "claimmark: --column {id}: no {} column of that id or name{hint}; the columns are: {}",
                    args.against.id(),
                    ids.join(", ")
                );
                return Ok(ExitCode::from(2));
            };
            Some(index)
        }
    };
    let report = Report::with_statistics(&project, args.by, args.against, args.unit, pair_column);
    let statistics_shown = args.stats || matches!(args.format, CompareFormat::Json | CompareFormat::Html);
    if !statistics_shown && (args.column.is_some() || args.unit != crate::compare::Unit::Claims) {
        eprintln!(
            "claimmark: note: --unit and --column choose the statistics, which the {} shows only with --stats",
            if args.format == CompareFormat::Csv { "csv" } else { "table" }
        );
    }
    let text = match args.format {
        CompareFormat::Table if args.stats => {
            let mut text = render::table(&project, &report);
            text.push_str(&render::stats::table(&report));
            text
        }
        CompareFormat::Table => render::table(&project, &report),
        CompareFormat::Csv if args.stats => render::stats::csv(&report),
        CompareFormat::Csv => render::csv(&report),
        CompareFormat::Json => {
            let mut json = render::json(&project, &report)?;
            json.push('\n');
            json
        }
        CompareFormat::Html => html::html(&project, &report),
    };
    match &args.output {
        Some(output) => {
            store::write_atomically(output, text.as_bytes(), false)?;
            eprintln!(
                "{}: {} rows × {} columns, {} groups",
                output.display(),
                report.comparison.rows.len(),
                report.comparison.columns.len(),
                report.groups.len()
            );
        }
        None => write_stdout(&text),
    }
    Ok(ExitCode::SUCCESS)
}

/// `compare --groups`: the framing diff of every group instead of the matrix.
fn compare_groups(args: &CompareArgs, project: &Project) -> Result<ExitCode> {
    let views = crate::compare::group_views(project);
    let diffs = crate::compare::framing_diffs(&views);
    let text = match args.format {
        CompareFormat::Table => render::framing::table(project, &diffs),
        CompareFormat::Csv => render::framing::csv(&diffs),
        CompareFormat::Json => {
            let mut json = render::framing::json(project, &diffs)?;
            json.push('\n');
            json
        }
        CompareFormat::Html => html::groups_page(project, &views),
    };
    match &args.output {
        Some(output) => {
            store::write_atomically(output, text.as_bytes(), false)?;
            eprintln!("{}: framing diff of {} groups", output.display(), diffs.len());
        }
        None => write_stdout(&text),
    }
    Ok(ExitCode::SUCCESS)
}
