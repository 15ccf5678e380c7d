//! File → Export… and File → Import…: the formats and options of `claimmark export` and
//! `claimmark import` in two windows. Exports run on a thread over a copy of the project
//! with a progress bar; imports are read on a thread and merged as one undoable step.
//! Both end with a summary of what was written, added or skipped. An export never
//! replaces anything silently: the destination's extension follows the format, and an
//! existing file (or a brat folder with files in it) is replaced only after the window
//! asked and "Replace" was clicked.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use crate::edit::Edit;
use crate::interop::{
    self, ClaimFilter, ExportOptions, ExportSummary, Format, ImportReport, LabelBy, OffsetUnit, ParsedImport,
    Split,
};
use crate::model::{LabelSet, Project};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What an export wrote where, or why it failed.
pub type ExportOutcome = Result<ExportDone, String>;

/// A finished export: its format, and what it wrote to each file or folder.
#[derive(Clone, Debug)]
pub struct ExportDone {
    /// The format written.
    pub format: Format,
    /// Each file or folder written (one per part of a split), with its counts.
    pub written: Vec<(PathBuf, ExportSummary)>,
}

/// The question asked before an export replaces what is there.
struct ReplaceQuestion {
    /// The destination and format asked about; changing either drops the question.
    destination: String,
    format: Format,
    /// What the export would replace.
    occupied: Vec<PathBuf>,
}

/// The export window: its choices and the export in progress.
pub struct ExportWindow {
    /// Output format.
    pub format: Format,
    /// What a span's label is.
    pub labels: LabelBy,
    /// Keep only these claims.
    pub filter: ClaimFilter,
    /// Include the texts.
    pub with_text: bool,
    /// The offset unit, for a format that offers a choice (doccano); `None` for its default.
    pub offsets: Option<OffsetUnit>,
    /// Split into parts.
    pub split_enabled: bool,
    /// The split, as on the command line.
    pub split: String,
    /// Seed of the split.
    pub seed: u64,
    /// Where to write.
    pub destination: String,
    running: Option<Running<ExportOutcome>>,
    /// Asked before replacing existing files; `None` when nothing is asked.
    replace_question: Option<ReplaceQuestion>,
    /// What the last export did, or why it failed.
    pub result: Option<ExportOutcome>,
}

impl Default for ExportWindow {
    fn default() -> Self {
        ExportWindow {
            format: Format::Jsonl,
            labels: LabelBy::Kind,
            filter: ClaimFilter::default(),
            with_text: true,
            offsets: None,
            split_enabled: false,
            split: "train=0.8,dev=0.1,test=0.1".into(),
            seed: 1,
            destination: String::new(),
            running: None,
            replace_question: None,
            result: None,
        }
    }
}

/// The import window: its choices and the import in progress.
pub struct ImportWindow {
    /// Input format.
    pub format: Format,
    /// Files (or brat folders) to read.
    pub sources: Vec<PathBuf>,
    /// Import nothing when any record is malformed.
    pub strict: bool,
    /// The offset unit of the files, for a format that offers a choice (doccano); `None`
    /// for its default.
    pub offsets: Option<OffsetUnit>,
    running: Option<Running<ParsedImport>>,
    /// What the last import did, or why it failed.
    pub result: Option<Result<ImportReport, ImportReport>>,
}

impl Default for ImportWindow {
    fn default() -> Self {
        ImportWindow {
            format: Format::Jsonl,
            sources: Vec::new(),
            strict: false,
            offsets: None,
            running: None,
            result: None,
        }
    }
}

struct Running<T> {
    receiver: Receiver<T>,
    progress: Arc<AtomicUsize>,
    total: usize,
}

fn checkbox_list(ui: &mut egui::Ui, title: &str, options: &[(String, String)], chosen: &mut Vec<String>) {
    let label =
        if chosen.is_empty() { format!("{title}: all") } else { format!("{title}: {}", chosen.len()) };
    egui::CollapsingHeader::new(label).id_salt(("export-filter", title)).show(ui, |ui| {
        for (id, name) in options {
            let mut checked = chosen.contains(id);
            if ui.checkbox(&mut checked, name).changed() {
                if checked {
                    chosen.push(id.clone());
                } else {
                    chosen.retain(|c| c != id);
                }
            }
        }
    });
}

/// The "Offsets" choice of a format that can count in several units (doccano), in a grid
/// row; nothing for the others. A unit the format cannot count in falls back to its default.
fn offsets_ui(ui: &mut egui::Ui, format: Format, offsets: &mut Option<OffsetUnit>) {
    if format.offsets(*offsets).is_err() {
        *offsets = None;
    }
    let units = format.offset_units();
    if units.len() < 2 {
        return;
    }
    let name = |unit: OffsetUnit| match unit {
        OffsetUnit::Utf16 => format!("{} (default)", unit.describe()),
        OffsetUnit::Graphemes => format!("{} (grapheme mode)", unit.describe()),
        _ => unit.describe().to_owned(),
    };
    let label = ui.label("Offsets");
    let mut chosen = offsets.unwrap_or(format.offset_unit());
    egui::ComboBox::from_id_salt(("offsets", format.id()))
        .selected_text(name(chosen))
        .show_ui(ui, |ui| {
            for &unit in units {
                ui.selectable_value(&mut chosen, unit, name(unit));
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(
            "doccano counts UTF-16 code units; a doccano project with “Count grapheme clusters as one \
             character” on counts grapheme clusters",
        );
    *offsets = (chosen != format.offset_unit()).then_some(chosen);
    ui.end_row();
}

fn label_options(project: &Project, set: LabelSet) -> Vec<(String, String)> {
    project.taxonomy.labels(set).iter().map(|l| (l.id.to_string(), l.name.clone())).collect()
}

impl ExportWindow {
    /// Where the export goes (from a file dialog).
    pub fn set_destination(&mut self, path: &std::path::Path) {
        let mut path = path.to_owned();
        if !self.format.writes_folder() && path.extension().is_none() {
            path.set_extension(self.format.extension());
        }
        self.destination = path.display().to_string();
    }

    /// Shows the window while `open`; "Choose…" sends [`AppCommand::ChooseExportDestination`].
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        let mut start = false;
        let mut choose = false;
        let (mut replace, mut cancel) = (false, false);
        egui::Window::new("Export claims").open(open).default_width(460.0).show(ctx, |ui| {
            let project = cx.project;
            let export = &mut *self;
            let format_before = export.format;
            egui::Grid::new("export-grid").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
                let label = ui.label("Format");
                egui::ComboBox::from_id_salt("export-format")
                    .selected_text(export.format.id())
                    .show_ui(ui, |ui| {
                        for format in Format::ALL {
                            ui.selectable_value(&mut export.format, format, format.id())
                                .on_hover_text(format!("offsets in {}", format.offset_unit().describe()));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                if export.format != format_before {
                    export.follow_format();
                }
                offsets_ui(ui, export.format, &mut export.offsets);
                let label = ui.label("Span label");
                egui::ComboBox::from_id_salt("export-labels")
                    .selected_text(export.labels.name())
                    .show_ui(ui, |ui| {
                        for (choice, name) in LabelBy::ALL {
                            ui.selectable_value(&mut export.labels, choice, name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                ui.label("Texts");
                ui.checkbox(&mut export.with_text, "include the document texts");
                ui.end_row();
                ui.label("Split");
                ui.horizontal(|ui| {
                    ui.checkbox(&mut export.split_enabled, "by document:");
                    ui.add_enabled(
                        export.split_enabled,
                        egui::TextEdit::singleline(&mut export.split).desired_width(170.0),
                    )
                    .on_hover_text("NAME=SHARE,... adding up to 1");
                    let seed_label = ui.label("seed");
                    ui.add_enabled(export.split_enabled, egui::DragValue::new(&mut export.seed))
                        .labelled_by(seed_label.id);
                });
                ui.end_row();
            });
            ui.label(egui::RichText::new("Keep only (none ticked: all)").strong());
            checkbox_list(
                ui,
                "Kinds",
                &label_options(project, LabelSet::ClaimKind),
                &mut export.filter.kinds,
            );
            checkbox_list(
                ui,
                "Verdicts",
                &label_options(project, LabelSet::Verdict),
                &mut export.filter.verdicts,
            );
            checkbox_list(
                ui,
                "Affiliations",
                &label_options(project, LabelSet::Affiliation),
                &mut export.filter.affiliations,
            );
            checkbox_list(ui, "Genres", &label_options(project, LabelSet::Genre), &mut export.filter.genres);
            let outlets: Vec<(String, String)> =
                project.outlets.iter().map(|o| (o.id.to_string(), o.name.clone())).collect();
            checkbox_list(ui, "Outlets", &outlets, &mut export.filter.outlets);
            let reviewers: Vec<(String, String)> =
                project.reviewers.iter().map(|r| (r.id.to_string(), r.name.clone())).collect();
            checkbox_list(ui, "Reviewers", &reviewers, &mut export.filter.reviewers);
            ui.checkbox(&mut export.filter.adjudicated, "Adjudicated claims only")
                .on_hover_text("The claims an editor settled in the Reviewers view: the final version");
            ui.separator();
            let what = if export.format.writes_folder() { "Into folder" } else { "Into file" };
            ui.horizontal(|ui| {
                let label = ui.label(what);
                ui.add(
                    egui::TextEdit::singleline(&mut export.destination)
                        .desired_width(300.0)
                        .hint_text("where to write"),
                )
                .labelled_by(label.id);
                choose = ui.button("Choose…").clicked();
            });
            if export
                .replace_question
                .as_ref()
                .is_some_and(|q| q.destination != export.destination || q.format != export.format)
            {
                export.replace_question = None;
            }
            let running = export.running.is_some();
            let ready =
                !export.destination.trim().is_empty() && !running && export.replace_question.is_none();
            start = ui.add_enabled(ready, egui::Button::new("Export")).clicked();
            if let Some(question) = &export.replace_question {
                let names: Vec<String> = question.occupied.iter().map(|p| p.display().to_string()).collect();
                let (verb, pronoun) = if names.len() == 1 { ("exists", "it") } else { ("exist", "them") };
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{} already {verb}. Replace {pronoun} with this {} export?",
                        names.join(", "),
                        question.format.id()
                    ),
                );
                ui.horizontal(|ui| {
                    replace = ui.button("Replace").clicked();
                    cancel = ui.button("Cancel").clicked();
                });
            }
            if let Some(running) = &export.running {
                let done = running.progress.load(Ordering::Relaxed);
                let fraction = if running.total == 0 { 1.0 } else { done as f32 / running.total as f32 };
                ui.add(
                    egui::ProgressBar::new(fraction.min(1.0))
                        .text(format!("{done} of {} documents", running.total)),
                );
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
            match &export.result {
                Some(Ok(done)) => {
                    for (path, summary) in &done.written {
                        ui.label(format!(
                            "Wrote {} to {}: {} documents, {} claims, {} spans",
                            done.format.id(),
                            path.display(),
                            summary.documents,
                            summary.claims,
                            summary.spans
                        ));
                        let beside: Vec<String> = interop::export_destinations(done.format, None, path)
                            .iter()
                            .skip(1)
                            .map(|p| p.display().to_string())
                            .collect();
                        if !beside.is_empty() {
                            ui.small(format!("and beside it {}", beside.join(", ")));
                        }
                        if !summary.skipped.is_empty() {
                            ui.collapsing(format!("{} skipped", summary.skipped.len()), |ui| {
                                for line in &summary.skipped {
                                    ui.small(line);
                                }
                            });
                        }
                    }
                }
                Some(Err(message)) => {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
                None => {}
            }
        });
        if choose {
            commands.send(AppCommand::ChooseExportDestination(self.format));
        } else if start {
            self.ask_or_start(cx.project);
        } else if replace {
            self.replace_question = None;
            self.start(cx.project);
        } else if cancel {
            self.replace_question = None;
        }
        self.poll(commands);
    }

    /// The destination renamed for a newly chosen format (`claims.jsonl` becomes
    /// `claims.json` for label-studio, `claims` for brat's folder).
    fn follow_format(&mut self) {
        let destination = self.destination.trim();
        if !destination.is_empty() {
            self.destination =
                self.format.destination_for(std::path::Path::new(destination)).display().to_string();
        }
    }

    /// The options and split of the export as chosen, or why they cannot run.
    fn plan(&self, project: &Project) -> Result<(ExportOptions, Option<Split>), String> {
        self.filter.check(project).map_err(|error| error.to_string())?;
        let split = match self.split_enabled {
            true => Some(Split::parse(&self.split, self.seed).map_err(|error| error.to_string())?),
            false => None,
        };
        let options = ExportOptions {
            labels: self.labels,
            filter: self.filter.clone(),
            with_text: self.with_text,
            offsets: self.offsets,
        };
        Ok((options, split))
    }

    /// Starts the export, or first asks whether to replace what its destination holds.
    fn ask_or_start(&mut self, project: &Project) {
        self.result = None;
        let split = match self.plan(project) {
            Ok((_, split)) => split,
            Err(message) => {
                self.result = Some(Err(message));
                return;
            }
        };
        let destination = PathBuf::from(self.destination.trim());
        let occupied = interop::occupied_destinations(self.format, split.as_ref(), &destination);
        if occupied.is_empty() {
            self.start(project);
        } else {
            self.replace_question = Some(ReplaceQuestion {
                destination: self.destination.clone(),
                format: self.format,
                occupied,
            });
        }
    }

    /// Runs the export on a thread over its own copy of the project.
    fn start(&mut self, project: &Project) {
        let export = self;
        export.result = None;
        let (options, split) = match export.plan(project) {
            Ok(plan) => plan,
            Err(message) => {
                export.result = Some(Err(message));
                return;
            }
        };
        let project = project.clone();
        let format = export.format;
        let destination = PathBuf::from(export.destination.trim());
        let total = interop::ExportSet::new(&project, &options).documents.len();
        let progress = Arc::new(AtomicUsize::new(0));
        let (sender, receiver) = channel();
        let thread_progress = Arc::clone(&progress);
        let spawned = std::thread::Builder::new().name("export".into()).spawn(move || {
            let result = interop::export_to_path(
                &project,
                format,
                &options,
                split.as_ref(),
                &destination,
                Some(&thread_progress),
            )
            .map(|written| ExportDone { format, written })
            .map_err(|e| format!("The export failed: {e}"));
            let _ = sender.send(result);
        });
        match spawned {
            Ok(_) => export.running = Some(Running { receiver, progress, total }),
            Err(error) => export.result = Some(Err(format!("Could not start the export: {error}"))),
        }
    }

    fn poll(&mut self, commands: &mut CommandSink<'_>) {
        let export = self;
        let Some(running) = &export.running else {
            return;
        };
        match running.receiver.try_recv() {
            Ok(result) => {
                if let Ok(done) = &result {
                    let paths: Vec<String> =
                        done.written.iter().map(|(p, _)| p.display().to_string()).collect();
                    commands.status(format!("Exported {} to {}", done.format.id(), paths.join(", ")));
                }
                export.result = Some(result);
                export.running = None;
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                export.result = Some(Err("The export stopped unexpectedly".into()));
                export.running = None;
            }
        }
    }
}

impl ImportWindow {
    /// Adds files to read (from a file dialog).
    pub fn add_sources(&mut self, paths: Vec<PathBuf>) {
        for path in paths {
            if !self.sources.contains(&path) {
                self.sources.push(path);
            }
        }
    }

    /// Shows the window while `open`; "Add files…" sends [`AppCommand::ChooseImportSources`],
    /// a finished import is sent as one edit.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        let mut choose = false;
        let mut start = false;
        egui::Window::new("Import from other tools").open(open).default_width(460.0).show(ctx, |ui| {
        let import = &mut *self;
        ui.horizontal(|ui| {
            let label = ui.label("Format");
            egui::ComboBox::from_id_salt("import-format")
                .selected_text(import.format.id())
                .show_ui(ui, |ui| {
                    for format in Format::ALL.into_iter().filter(|f| f.importable()) {
                        ui.selectable_value(&mut import.format, format, format.id())
                            .on_hover_text(format!("offsets in {}", format.offset_unit().describe()));
                    }
                })
                .response
                .labelled_by(label.id);
        });
        egui::Grid::new("import-offsets").num_columns(2).show(ui, |ui| {
            offsets_ui(ui, import.format, &mut import.offsets);
        });
        ui.label(egui::RichText::new("Files").strong());
        let mut remove = None;
        for (i, source) in import.sources.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(source.display().to_string());
                if ui.small_button("Remove").clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            import.sources.remove(i);
        }
        choose = ui.button("Add files…").clicked();
        ui.checkbox(&mut import.strict, "Strict: import nothing if any record is malformed");
        ui.small("Labels that match no claim kind are kept as new kinds. Texts already in the project get the new claims; a claim exported from this project and relabelled elsewhere is updated.");
        start = ui.add_enabled(!import.sources.is_empty() && import.running.is_none(), egui::Button::new("Import")).clicked();
        if let Some(running) = &import.running {
            let done = running.progress.load(Ordering::Relaxed);
            ui.add(egui::ProgressBar::new(done as f32 / running.total.max(1) as f32).text(format!("read {done} of {} files", running.total)));
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        match &import.result {
            Some(Ok(report)) => {
                ui.label(format!(
                    "Added {} documents ({} already there) and {} claims ({} already there); {} updated.",
                    report.documents_added,
                    report.documents_matched,
                    report.claims_added,
                    report.claims_existing,
                    report.claims_updated
                ));
                if !report.new_kinds.is_empty() {
                    ui.label(format!("New claim kinds: {}", report.new_kinds.join(", ")));
                }
                problems_ui(ui, &report.problems);
            }
            Some(Err(report)) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("Nothing imported: {} problem(s) and Strict is on.", report.problems.len()),
                );
                problems_ui(ui, &report.problems);
            }
            None => {}
        }
    });
        if choose {
            commands.send(AppCommand::ChooseImportSources(self.format));
        }
        if start {
            self.start(cx);
        }
        self.poll(cx, commands);
    }

    fn start(&mut self, cx: &ViewContext<'_>) {
        let import = self;
        import.result = None;
        let sources = import.sources.clone();
        let format = import.format;
        let offsets = import.offsets;
        // W3C files without embedded texts re-anchor onto this project's documents.
        let project = cx.project.clone();
        let progress = Arc::new(AtomicUsize::new(0));
        let thread_progress = Arc::clone(&progress);
        let (sender, receiver) = channel();
        let total = sources.len();
        let spawned = std::thread::Builder::new().name("import".into()).spawn(move || {
            let mut parsed = ParsedImport::default();
            for source in &sources {
                match interop::read_import_into(format, source, &project, offsets) {
                    Ok(found) => {
                        parsed.documents.extend(found.documents);
                        parsed.problems.extend(found.problems);
                    }
                    Err(problem) => parsed.problems.push(problem),
                }
                thread_progress.fetch_add(1, Ordering::Relaxed);
            }
            let _ = sender.send(parsed);
        });
        if spawned.is_ok() {
            import.running = Some(Running { receiver, progress, total });
        }
    }

    fn poll(&mut self, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        let Some(running) = &self.running else {
            return;
        };
        let parsed = match running.receiver.try_recv() {
            Ok(parsed) => parsed,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => ParsedImport::default(),
        };
        self.running = None;
        match interop::merge_import(cx.project, commands.ids(), parsed, self.strict) {
            Ok((edit, report)) => {
                let changes = report.documents_added + report.claims_added + report.claims_updated;
                if changes > 0 || !report.new_kinds.is_empty() {
                    let label = if report.claims_updated == 0 {
                        format!("Import {} claims", report.claims_added)
                    } else {
                        format!("Import {} claims, update {}", report.claims_added, report.claims_updated)
                    };
                    commands.edit(edit, label);
                } else {
                    drop::<Edit>(edit);
                }
                self.result = Some(Ok(report));
            }
            Err(report) => self.result = Some(Err(report)),
        }
    }
}

fn problems_ui(ui: &mut egui::Ui, problems: &[String]) {
    if problems.is_empty() {
        return;
    }
    ui.collapsing(format!("{} problem(s)", problems.len()), |ui| {
        egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
            for problem in problems {
                ui.small(problem);
            }
        });
    });
}
