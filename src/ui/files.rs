//! Files in the app: new, open, save, save as, recent files, importing text documents
//! (dialog or drag and drop), the unsaved-changes prompt, autosave to a recovery file
//! and the offer to restore it. System dialogs (rfd) run on a thread so the window
//! keeps painting; where none is available, the built-in dialog opens instead.

use super::app::{Action, AppState, OpenProject, Prompt, Settings, set_status};
use super::file_dialog::{FileDialog, FileDialogMode, FileDialogResult};
use crate::edit::Edit;
use crate::interop::Format;
use crate::model::{Document, DocumentId, Project, Taxonomy};
use crate::store;
use crate::textfile::{default_title, read_document_text, unique_slug};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant, SystemTime};

/// How often unsaved work is written to the recovery file.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(30);

/// A system dialog that returns sooner than this is taken to have failed (no portal,
/// no zenity) rather than to have been cancelled by a person.
const NATIVE_FAILURE_WINDOW: Duration = Duration::from_millis(250);

/// What to do once unsaved changes are saved or discarded.
#[derive(Clone, Debug, PartialEq)]
pub enum PendingAfterPrompt {
    /// Start a new project.
    New,
    /// Open a file (`None`: ask which).
    Open(Option<PathBuf>),
    /// Open the bundled sample.
    OpenSample,
    /// Close the app.
    Quit,
}

/// What a file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Purpose {
    Open,
    SaveAs,
    Import,
    /// Where an export goes.
    ExportTo(Format),
    /// Files to import in a foreign format.
    ImportFrom(Format),
}

struct NativeDialog {
    purpose: Purpose,
    receiver: Receiver<Option<Vec<PathBuf>>>,
    started: Instant,
}

/// Dialogs in progress, autosave timing, and what follows a save.
pub struct FileState {
    /// Where work without a project file is autosaved.
    data_dir: Option<PathBuf>,
    native_dialogs: bool,
    native_failed: bool,
    native: Option<NativeDialog>,
    builtin: Option<(Purpose, FileDialog)>,
    last_autosave: Option<f64>,
    after_save: Option<PendingAfterPrompt>,
}

impl FileState {
    /// `native_dialogs`: whether to try the system's dialogs.
    pub fn new(native_dialogs: bool, data_dir: Option<PathBuf>) -> FileState {
        FileState {
            data_dir: data_dir.or_else(|| eframe::storage_dir("claimmark")),
            native_dialogs,
            native_failed: false,
            native: None,
            builtin: None,
            last_autosave: None,
            after_save: None,
        }
    }

    /// Whether a file dialog is open.
    pub fn dialog_open(&self) -> bool {
        self.native.is_some() || self.builtin.is_some()
    }
}

/// Does `pending` now, or first asks about unsaved changes.
pub fn request(ctx: &egui::Context, state: &mut AppState, pending: PendingAfterPrompt) {
    if state.open.is_dirty() {
        state.prompt = Some(Prompt::Unsaved { then: pending });
    } else {
        perform(ctx, state, pending);
    }
}

fn perform(ctx: &egui::Context, state: &mut AppState, pending: PendingAfterPrompt) {
    match pending {
        PendingAfterPrompt::New => {
            discard_recovery(state);
            replace_project(
                state,
                OpenProject::new(Project::new("untitled", Taxonomy::builtin()), None, false),
            );
            set_status(ctx, state, "New project: import text documents with Ctrl+I or drop .txt files here");
        }
        PendingAfterPrompt::Open(Some(path)) => open_path(ctx, state, &path),
        PendingAfterPrompt::Open(None) => start_dialog(state, Purpose::Open),
        PendingAfterPrompt::OpenSample => match crate::sample::sample_project() {
            Ok(project) => {
                discard_recovery(state);
                replace_project(state, OpenProject::new(project, None, true));
            }
            Err(error) => show_error(state, "Could not open the sample project", error.to_string()),
        },
        PendingAfterPrompt::Quit => {
            discard_recovery(state);
            state.closing = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// Loads the project at `path`; on failure the current project stays open and the
/// error (file:line:col) is shown.
pub fn open_path(ctx: &egui::Context, state: &mut AppState, path: &Path) {
    match store::load(path) {
        Ok(project) => {
            discard_recovery(state);
            replace_project(state, OpenProject::new(project, Some(path.to_owned()), false));
            remember_recent(&mut state.settings, path);
            set_status(ctx, state, format!("Opened {}", path.display()));
            offer_recovery(state);
        }
        Err(error) => {
            let lines = error.lines().join("\n");
            show_error(
                state,
                "Could not open the project",
                format!("{lines}\n\nThe current project stays open."),
            );
        }
    }
}

fn replace_project(state: &mut AppState, open: OpenProject) {
    state.current_document = open.project.documents.first().map(|d| d.id.clone());
    state.open = open;
    state.selected_claim = None;
    state.reader.reset();
    state.search.clear();
    state.files.last_autosave = None;
}

fn show_error(state: &mut AppState, title: &str, message: String) {
    state.prompt = Some(Prompt::Error { title: title.to_owned(), message });
}

/// Saves to the project's file, or asks for one (`as_new`, or no file yet).
pub fn save(ctx: &egui::Context, state: &mut AppState, as_new: bool) {
    match state.open.path.clone() {
        Some(path) if !as_new && !state.open.is_sample => save_to(ctx, state, &path),
        _ => start_dialog(state, Purpose::SaveAs),
    }
}

fn save_to(ctx: &egui::Context, state: &mut AppState, path: &Path) {
    match store::save(&state.open.project, path) {
        Ok(()) => {
            discard_recovery(state);
            let open = &mut state.open;
            open.path = Some(path.to_owned());
            open.is_sample = false;
            open.saved_state = open.history.state();
            remember_recent(&mut state.settings, path);
            set_status(ctx, state, format!("Saved {}", path.display()));
            if let Some(then) = state.files.after_save.take() {
                perform(ctx, state, then);
            }
        }
        Err(error) => {
            state.files.after_save = None;
            show_error(state, "Could not save", error.to_string());
        }
    }
}

/// Asks for text files to add as documents.
pub fn start_import(state: &mut AppState) {
    start_dialog(state, Purpose::Import);
}

/// Adds text files as documents, one undoable step; reports files that could not be read.
pub fn import_texts(ctx: &egui::Context, state: &mut AppState, paths: &[PathBuf]) {
    let open = &mut state.open;
    let mut taken: Vec<String> = open.project.documents.iter().map(|d| d.id.to_string()).collect();
    let mut edits = Vec::new();
    let mut failures = Vec::new();
    let mut first = None;
    for path in paths {
        match read_document_text(path) {
            Ok(text) => {
                let id = DocumentId::new(unique_slug(path, &mut taken));
                first.get_or_insert_with(|| id.clone());
                edits.push(Edit::Document(Edit::append(Document {
                    id,
                    title: default_title(&text, path),
                    outlet: None,
                    genre: None,
                    url: None,
                    published: None,
                    author: None,
                    captured: None,
                    // The file's name only: a local folder path would travel with the project.
                    notes: format!(
                        "Imported from {}",
                        path.file_name()
                            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
                    ),
                    text: Arc::from(text),
                })));
            }
            Err(error) => failures.push(error.to_string()),
        }
    }
    let count = edits.len();
    if count > 0 {
        let label =
            if count == 1 { "Import document".to_owned() } else { format!("Import {count} documents") };
        if let Err(error) = open.history.apply(&mut open.project, Edit::Batch(edits), label, None) {
            failures.push(error.to_string());
        } else if let Some(first) = first {
            super::app::apply_action(ctx, state, Action::SelectDocument(first));
            set_status(
                ctx,
                state,
                format!(
                    "Imported {}; record each one's outlet in the inspector",
                    crate::text::count(count, "document")
                ),
            );
        }
    }
    if !failures.is_empty() {
        show_error(state, "Some files were not imported", failures.join("\n"));
    }
}

/// Handles files dropped on the window: `.txt` files are imported, a `.ron` file opened.
pub fn handle_dropped_files(ctx: &egui::Context, state: &mut AppState, actions: &mut Vec<Action>) {
    let dropped: Vec<PathBuf> =
        ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).collect());
    if dropped.is_empty() {
        return;
    }
    let extension =
        |p: &PathBuf| p.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let texts: Vec<PathBuf> = dropped.iter().filter(|p| extension(p) == "txt").cloned().collect();
    let projects: Vec<PathBuf> = dropped.iter().filter(|p| extension(p) == "ron").cloned().collect();
    if !texts.is_empty() {
        import_texts(ctx, state, &texts);
    }
    if let Some(project) = projects.into_iter().next() {
        actions.push(Action::OpenPath(project));
    }
    let ignored = dropped.iter().filter(|p| !matches!(extension(p).as_str(), "txt" | "ron")).count();
    if ignored > 0 {
        set_status(
            ctx,
            state,
            format!("{ignored} dropped file(s) ignored: drop .txt texts or a .ron project"),
        );
    }
}

fn start_directory(state: &AppState) -> PathBuf {
    state
        .open
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_owned)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("/"))
}

fn suggested_name(state: &AppState) -> String {
    match &state.open.path {
        Some(path) => path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        None if state.open.is_sample => crate::sample::SAMPLE_FILE_NAME.to_owned(),
        None => "untitled.ron".to_owned(),
    }
}

/// Whether a system dialog can plausibly open: a session bus for the desktop portal, or
/// zenity on the path (rfd's fallback).
fn native_dialog_plausible() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    bus || zenity
}

fn start_dialog(state: &mut AppState, purpose: Purpose) {
    if state.files.dialog_open() {
        return;
    }
    let directory = start_directory(state);
    let name = match purpose {
        Purpose::ExportTo(format) => export_name(state, format),
        _ => suggested_name(state),
    };
    let files = &mut state.files;
    let native = files.native_dialogs
        && !files.native_failed
        && !state.settings.builtin_file_dialog
        && native_dialog_plausible();
    if native {
        let (sender, receiver) = channel();
        let (thread_directory, thread_name) = (directory.clone(), name.clone());
        let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
            let (directory, name) = (thread_directory, thread_name);
            let dialog = rfd::FileDialog::new().set_directory(&directory);
            let result = match purpose {
                Purpose::Open => {
                    dialog.add_filter("claimmark project", &["ron"]).pick_file().map(|p| vec![p])
                }
                Purpose::SaveAs => dialog
                    .add_filter("claimmark project", &["ron"])
                    .set_file_name(name)
                    .save_file()
                    .map(|p| vec![p]),
                Purpose::Import => dialog.add_filter("Text", &["txt"]).pick_files(),
                Purpose::ExportTo(format) if format.writes_folder() => {
                    dialog.set_file_name(name).save_file().map(|p| vec![p])
                }
                Purpose::ExportTo(format) => dialog
                    .add_filter(format.id(), &[format.extension()])
                    .set_file_name(name)
                    .save_file()
                    .map(|p| vec![p]),
                Purpose::ImportFrom(format) => {
                    dialog.add_filter(format.id(), &import_extensions(format)).pick_files()
                }
            };
            let _ = sender.send(result);
        });
        if spawned.is_ok() {
            files.native = Some(NativeDialog { purpose, receiver, started: Instant::now() });
            return;
        }
    }
    files.builtin = Some((purpose, builtin_dialog(purpose, directory, name)));
}

fn builtin_dialog(purpose: Purpose, directory: PathBuf, name: String) -> FileDialog {
    let project = vec![("claimmark project".to_owned(), vec!["ron".to_owned()])];
    match purpose {
        Purpose::Open => FileDialog::new(FileDialogMode::Open, "Open project", directory, project),
        Purpose::SaveAs => {
            FileDialog::new(FileDialogMode::Save, "Save project as", directory, project).with_file_name(name)
        }
        Purpose::Import => FileDialog::new(
            FileDialogMode::OpenMany,
            "Import text documents",
            directory,
            vec![("Text".to_owned(), vec!["txt".to_owned()])],
        ),
        Purpose::ExportTo(format) if format.writes_folder() => {
            FileDialog::new(FileDialogMode::Save, "Export to a new folder", directory, Vec::new())
                .with_file_name(name)
        }
        Purpose::ExportTo(format) => FileDialog::new(
            FileDialogMode::Save,
            format!("Export as {}", format.id()),
            directory,
            vec![(format.id().to_owned(), vec![format.extension().to_owned()])],
        )
        .with_file_name(name),
        Purpose::ImportFrom(format) => FileDialog::new(
            FileDialogMode::OpenMany,
            format!("Import {} files", format.id()),
            directory,
            vec![(
                format.id().to_owned(),
                import_extensions(format).iter().map(|e| (*e).to_owned()).collect(),
            )],
        ),
    }
}

/// File extensions an import of `format` reads.
fn import_extensions(format: Format) -> Vec<&'static str> {
    match format {
        Format::Brat => vec!["ann"],
        Format::Jsonl | Format::Doccano => vec!["jsonl", "json"],
        Format::LabelStudio => vec!["json"],
        Format::W3c => vec!["jsonld", "json"],
        other => vec![other.extension()],
    }
}

/// The proposed name of an export: the project's file name with the format's extension.
fn export_name(state: &AppState, format: Format) -> String {
    let stem = state
        .open
        .path
        .as_ref()
        .and_then(|p| p.file_stem())
        .map_or_else(|| "claims".to_owned(), |s| s.to_string_lossy().into_owned());
    if format.writes_folder() {
        format!("{stem}-{}", format.id())
    } else {
        format!("{stem}.{}", format.extension())
    }
}

/// Asks where to write an export.
pub fn choose_export_destination(state: &mut AppState, format: Format) {
    start_dialog(state, Purpose::ExportTo(format));
}

/// Asks which files to import.
pub fn choose_import_sources(state: &mut AppState, format: Format) {
    start_dialog(state, Purpose::ImportFrom(format));
}

/// Collects the answer of a system dialog running on its thread.
pub fn poll_dialogs(ctx: &egui::Context, state: &mut AppState, _actions: &mut [Action]) {
    let Some(native) = &state.files.native else {
        return;
    };
    let answer = match native.receiver.try_recv() {
        Ok(answer) => answer,
        Err(TryRecvError::Empty) => {
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        }
        Err(TryRecvError::Disconnected) => None,
    };
    let purpose = native.purpose;
    let failed = answer.is_none() && native.started.elapsed() < NATIVE_FAILURE_WINDOW;
    state.files.native = None;
    match answer {
        Some(paths) => picked(ctx, state, purpose, paths),
        None if failed => {
            // No portal and no zenity: rfd gives up at once. Use the built-in dialog
            // from now on.
            state.files.native_failed = true;
            set_status(ctx, state, "No system file dialog is available here; using the built-in one");
            start_dialog(state, purpose);
        }
        None => state.files.after_save = None,
    }
}

/// Shows the built-in file dialog, if open.
pub fn file_dialog_ui(ctx: &egui::Context, state: &mut AppState, _actions: &mut [Action]) {
    let Some((purpose, dialog)) = &mut state.files.builtin else {
        return;
    };
    let purpose = *purpose;
    match dialog.show(ctx) {
        FileDialogResult::Pending => {}
        FileDialogResult::Cancelled => {
            state.files.builtin = None;
            state.files.after_save = None;
        }
        FileDialogResult::Picked(paths) => {
            state.files.builtin = None;
            picked(ctx, state, purpose, paths);
        }
    }
}

fn picked(ctx: &egui::Context, state: &mut AppState, purpose: Purpose, paths: Vec<PathBuf>) {
    match purpose {
        Purpose::Open => {
            if let Some(path) = paths.into_iter().next() {
                open_path(ctx, state, &path);
            }
        }
        Purpose::SaveAs => {
            if let Some(mut path) = paths.into_iter().next() {
                if path.extension().is_none() {
                    path.set_extension("ron");
                }
                save_to(ctx, state, &path);
            }
        }
        Purpose::Import => import_texts(ctx, state, &paths),
        Purpose::ExportTo(format) => {
            if let Some(mut path) = paths.into_iter().next() {
                if !format.writes_folder() && path.extension().is_none() {
                    path.set_extension(format.extension());
                }
                state.exchange.export.destination = path.display().to_string();
            }
        }
        Purpose::ImportFrom(_) => {
            for path in paths {
                if !state.exchange.import.sources.contains(&path) {
                    state.exchange.import.sources.push(path);
                }
            }
        }
    }
}

/// Shows the open prompt (unsaved changes, error, recovery), if any.
pub fn prompt_ui(ctx: &egui::Context, state: &mut AppState, _actions: &mut [Action]) {
    let Some(prompt) = state.prompt.clone() else {
        return;
    };
    let mut close = false;
    match prompt {
        Prompt::Unsaved { then } => {
            let name = state.open.display_name();
            let mut choice = None;
            let response = egui::Modal::new(egui::Id::unique("unsaved-prompt")).show(ctx, |ui| {
                ui.set_max_width(420.0);
                ui.heading("Unsaved changes");
                ui.label(format!("Save the changes to {name} first?"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        choice = Some("save");
                    }
                    if ui.button("Discard").on_hover_text("Lose the changes since the last save").clicked() {
                        choice = Some("discard");
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some("cancel");
                    }
                });
            });
            if response.should_close() {
                choice = choice.or(Some("cancel"));
            }
            match choice {
                Some("save") => {
                    state.prompt = None;
                    state.files.after_save = Some(then);
                    save(ctx, state, false);
                    return;
                }
                Some("discard") => {
                    state.prompt = None;
                    discard_recovery(state);
                    perform(ctx, state, then);
                    return;
                }
                Some(_) => close = true,
                None => {}
            }
        }
        Prompt::Error { title, message } => {
            let response = egui::Modal::new(egui::Id::unique("error-prompt")).show(ctx, |ui| {
                ui.set_max_width(640.0);
                ui.heading(&title);
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    ui.label(egui::RichText::new(&message).monospace());
                });
                ui.add_space(8.0);
                ui.button("OK").clicked()
            });
            close = response.inner || response.should_close();
        }
        Prompt::Recovery { recovery } => {
            let mut choice = None;
            let when = modified_time(&recovery).map(describe_age).unwrap_or_default();
            let response = egui::Modal::new(egui::Id::unique("recovery-prompt")).show(ctx, |ui| {
                ui.set_max_width(480.0);
                ui.heading("Restore unsaved work?");
                ui.label(format!(
                    "{} holds unsaved work{when} that is newer than {}.",
                    recovery.display(),
                    state.open.display_name()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        choice = Some(true);
                    }
                    if ui.button("Discard it").clicked() {
                        choice = Some(false);
                    }
                });
            });
            match choice {
                Some(true) => {
                    restore_recovery(ctx, state, &recovery);
                    close = true;
                }
                Some(false) => {
                    let _ = std::fs::remove_file(&recovery);
                    close = true;
                }
                None => close = response.should_close(),
            }
        }
    }
    if close {
        state.prompt = None;
    }
}

fn restore_recovery(ctx: &egui::Context, state: &mut AppState, recovery: &Path) {
    match store::load(recovery) {
        Ok(project) => {
            let path = state.open.path.clone();
            let mut open = OpenProject::new(project, path, state.open.is_sample);
            // The restored work is not in the project file yet.
            open.saved_state = u64::MAX;
            replace_project(state, open);
            set_status(ctx, state, "Restored unsaved work; save to keep it");
        }
        Err(error) => show_error(state, "Could not restore", error.to_string()),
    }
}

/// Where unsaved work of the open project is autosaved.
pub fn recovery_file(state: &AppState) -> Option<PathBuf> {
    match &state.open.path {
        Some(path) => Some(store::recovery_path(path)),
        None => state.files.data_dir.as_ref().map(|dir| dir.join("untitled.ron.recovery")),
    }
}

/// Writes unsaved work to the recovery file every [`AUTOSAVE_INTERVAL`].
pub fn autosave_if_due(ctx: &egui::Context, state: &mut AppState) {
    if !state.open.is_dirty() {
        state.files.last_autosave = None;
        return;
    }
    let now = ctx.input(|i| i.time);
    let Some(last) = state.files.last_autosave else {
        // Count from the first unsaved change.
        state.files.last_autosave = Some(now);
        ctx.request_repaint_after(AUTOSAVE_INTERVAL);
        return;
    };
    if now - last < AUTOSAVE_INTERVAL.as_secs_f64() {
        ctx.request_repaint_after(Duration::from_secs_f64(AUTOSAVE_INTERVAL.as_secs_f64() - (now - last)));
        return;
    }
    state.files.last_autosave = Some(now);
    ctx.request_repaint_after(AUTOSAVE_INTERVAL);
    write_recovery(ctx, state);
}

/// Writes the recovery file now.
pub fn write_recovery(ctx: &egui::Context, state: &mut AppState) {
    let Some(path) = recovery_file(state) else {
        return;
    };
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let result = store::to_ron_string(&state.open.project)
        .map_err(|e| e.to_string())
        .and_then(|text| store::write_atomically(&path, text.as_bytes(), false).map_err(|e| e.to_string()));
    if let Err(error) = result {
        set_status(ctx, state, format!("Autosave failed: {error}"));
    }
}

fn discard_recovery(state: &AppState) {
    if let Some(path) = recovery_file(state) {
        let _ = std::fs::remove_file(path);
    }
}

/// Offers to restore the recovery file of the open project when it is newer.
pub fn offer_recovery(state: &mut AppState) {
    let Some(recovery) = recovery_file(state) else {
        return;
    };
    let Some(recovered) = modified_time(&recovery) else {
        return;
    };
    let project_time = state.open.path.as_deref().and_then(modified_time);
    if project_time.is_none_or(|t| recovered > t) {
        state.prompt = Some(Prompt::Recovery { recovery });
    }
}

fn modified_time(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn describe_age(time: SystemTime) -> String {
    let Ok(age) = SystemTime::now().duration_since(time) else {
        return String::new();
    };
    let minutes = age.as_secs() / 60;
    match minutes {
        0 => " from less than a minute ago".into(),
        1..=119 => format!(" from {minutes} minutes ago"),
        _ => format!(" from {} hours ago", minutes / 60),
    }
}

/// Puts `path` first in the recent files.
pub fn remember_recent(settings: &mut Settings, path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    settings.recent_files.retain(|p| p != &path);
    settings.recent_files.insert(0, path);
    settings.recent_files.truncate(super::app::MAX_RECENT_FILES);
}
