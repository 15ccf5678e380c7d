//! Files in the app: new, open, save, save as, recent files, importing text documents
//! (dialog or drag and drop), the unsaved-changes prompt, autosave to a recovery file
//! and the offer to restore it. System dialogs (rfd) run on a thread so the window
//! keeps painting; where none is available, the built-in dialog opens instead.
//!
//! [`Files`] works on the [`Session`] (the open project and the settings) for the app:
//! loading, saving and restoring replace or write the project file, never edit the
//! project. What concerns the rest of the app (a status message, the documents imported,
//! a path picked for the export window, a project replaced) is sent back as
//! [`AppCommand`]s for `app.rs` to apply.

use super::command::AppCommand;
use super::file_dialog::{FileDialog, FileDialogMode, FileDialogResult};
use super::page_preview::PageDraft;
use super::session::{OpenProject, Session};
use crate::edit::Edit;
use crate::interop::Format;
use crate::model::{Document, DocumentId, Project, Taxonomy};
use crate::store;
use crate::store::disk::{DiskChange, DiskVersion};
use crate::store::{LockError, OpenLock, ProjectLock};
use crate::textfile::{default_title, read_document, unique_slug};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant, SystemTime};

/// How the app names itself in lock files ("… is being written by the claimmark app").
const PROGRAM: &str = "the claimmark app";

/// How long a save waits for another writer (the command line) to finish.
const SAVE_WAIT: Duration = Duration::from_secs(3);

/// The first line of a recovery file, before the version of the project file its work
/// is based on.
const RECOVERY_BASE: &str = "// claimmark recovery, based on the project file at version ";

/// The version a recovery file's work is based on (its first line), and its project text.
fn recovery_parts(bytes: &[u8]) -> (Option<DiskVersion>, &[u8]) {
    let Some(rest) = bytes.strip_prefix(RECOVERY_BASE.as_bytes()) else {
        return (None, bytes);
    };
    let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    let version = std::str::from_utf8(&rest[..end]).ok().and_then(DiskVersion::from_token);
    (version, rest.get(end + 1..).unwrap_or_default())
}

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
    /// A document's corrected text.
    CorrectedText,
}

struct NativeDialog {
    purpose: Purpose,
    receiver: Receiver<Option<Vec<PathBuf>>>,
    started: Instant,
}

/// A modal question or message.
#[derive(Clone, Debug)]
pub enum Prompt {
    /// Unsaved changes: Save / Discard / Cancel, then do `then`.
    Unsaved {
        /// What to do after saving or discarding.
        then: PendingAfterPrompt,
    },
    /// An error to read and dismiss.
    Error {
        /// Title.
        title: String,
        /// The message (file:line:col: ...).
        message: String,
    },
    /// A recovery file that differs from the project exists: restore it?
    Recovery {
        /// The recovery file.
        recovery: PathBuf,
    },
    /// Another claimmark has the project open: it is open here read-only.
    OpenElsewhere {
        /// Who has it open ("the claimmark app (pid N, user U on H, since T)").
        holder: Option<String>,
    },
    /// The project file changed on disk since it was loaded or saved (another program
    /// wrote it): reload, save a copy, overwrite, or not now.
    ChangedOnDisk {
        /// Whether this stopped a save (else it was noticed when the window got focus).
        on_save: bool,
        /// When the file on disk was last modified.
        modified: Option<SystemTime>,
    },
}

/// Dialogs in progress, autosave timing, what follows a save, and the open prompt.
pub struct Files {
    /// Where work without a project file is autosaved.
    data_dir: Option<PathBuf>,
    native_dialogs: bool,
    native_failed: bool,
    native: Option<NativeDialog>,
    builtin: Option<(Purpose, FileDialog)>,
    last_autosave: Option<f64>,
    after_save: Option<PendingAfterPrompt>,
    /// The open prompt, if any.
    pub prompt: Option<Prompt>,
    /// Quit was confirmed: close without asking again.
    pub closing: bool,
    /// This app has the open project's file open (what a second app is told).
    presence: Option<OpenLock>,
    /// The next Save As proposes a copy's name (`NAME-copy.ron`), not the file's own.
    copy_name_next: bool,
}

impl Files {
    /// `native_dialogs`: whether to try the system's dialogs.
    pub fn new(native_dialogs: bool, data_dir: Option<PathBuf>) -> Files {
        Files {
            data_dir: data_dir.or_else(|| eframe::storage_dir("claimmark")),
            native_dialogs,
            native_failed: false,
            native: None,
            builtin: None,
            last_autosave: None,
            after_save: None,
            prompt: None,
            closing: false,
            presence: None,
            copy_name_next: false,
        }
    }

    /// Whether a file dialog is open.
    pub fn dialog_open(&self) -> bool {
        self.native.is_some() || self.builtin.is_some()
    }
}

impl Files {
    /// Does `pending` now, or first asks about unsaved changes.
    pub fn request(
        &mut self,
        ctx: &egui::Context,
        session: &mut Session,
        out: &mut Vec<AppCommand>,
        pending: PendingAfterPrompt,
    ) {
        if session.open.is_dirty() {
            self.prompt = Some(Prompt::Unsaved { then: pending });
        } else {
            self.perform(ctx, session, out, pending);
        }
    }

    fn perform(
        &mut self,
        ctx: &egui::Context,
        session: &mut Session,
        out: &mut Vec<AppCommand>,
        pending: PendingAfterPrompt,
    ) {
        match pending {
            PendingAfterPrompt::New => {
                self.discard_recovery(session);
                self.replace_project(
                    session,
                    out,
                    OpenProject::new(Project::new("untitled", Taxonomy::builtin()), None, false),
                );
                out.push(AppCommand::Status(
                    "New project: import text documents with Ctrl+I or drop .txt files here".into(),
                ));
            }
            PendingAfterPrompt::Open(Some(path)) => self.open_path(session, out, &path),
            PendingAfterPrompt::Open(None) => self.start_dialog(session, Purpose::Open),
            PendingAfterPrompt::OpenSample => match crate::sample::sample_project() {
                Ok(project) => {
                    self.discard_recovery(session);
                    self.replace_project(session, out, OpenProject::new(project, None, true));
                }
                Err(error) => self.show_error("Could not open the sample project", error.to_string()),
            },
            PendingAfterPrompt::Quit => {
                self.discard_recovery(session);
                self.closing = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Loads the project at `path`; on failure the current project stays open and the
    /// error (file:line:col) is shown.
    pub fn open_path(&mut self, session: &mut Session, out: &mut Vec<AppCommand>, path: &Path) {
        match store::disk::load_versioned(path) {
            Ok((project, version)) => {
                self.discard_recovery(session);
                self.replace_project(session, out, OpenProject::loaded(project, path.to_owned(), version));
                session.settings.remember_recent(path);
                out.push(AppCommand::Status(format!("Opened {}", path.display())));
                self.opened(session);
            }
            Err(error) => {
                let lines = error.lines().join("\n");
                self.show_error(
                    "Could not open the project",
                    format!("{lines}\n\nThe current project stays open."),
                );
            }
        }
    }

    fn replace_project(&mut self, session: &mut Session, out: &mut Vec<AppCommand>, open: OpenProject) {
        if open.path != session.open.path {
            self.presence = None;
        }
        session.open = open;
        self.last_autosave = None;
        out.push(AppCommand::ProjectReplaced);
    }

    /// Shows an error to read and dismiss.
    pub fn show_error(&mut self, title: &str, message: String) {
        self.prompt = Some(Prompt::Error { title: title.to_owned(), message });
    }

    /// Saves to the project's file, or asks for one (`as_new`, or no file yet).
    pub fn save(
        &mut self,
        ctx: &egui::Context,
        session: &mut Session,
        out: &mut Vec<AppCommand>,
        as_new: bool,
    ) {
        match session.open.path.clone() {
            Some(path) if !as_new && !session.open.is_sample && !session.open.read_only => {
                self.save_to(ctx, session, out, &path);
            }
            _ => self.start_dialog(session, Purpose::SaveAs),
        }
    }

    fn save_to(
        &mut self,
        ctx: &egui::Context,
        session: &mut Session,
        out: &mut Vec<AppCommand>,
        path: &Path,
    ) {
        let own_file = session.open.path.as_deref().is_some_and(|open| same_file(open, path));
        if own_file && session.open.read_only {
            self.after_save = None;
            self.copy_name_next = true;
            self.show_error(
                "Not saved: the file is open in another claimmark",
                format!(
                    "{} is open read-only here, since another claimmark window has it open. Save under \
                     another name (File > Save As), or reopen it and choose Edit anyway.",
                    path.display()
                ),
            );
            return;
        }
        // The command line's writers wait while this save checks and writes.
        let Some(lock) = self.lock_for_saving(path) else {
            return;
        };
        // Never overwrite what another program wrote since we loaded or saved: ask
        // (whatever the path is called: a Save As to the same file is this file).
        if own_file && let Some(DiskChange::Changed(now)) = self.outside_change(session) {
            self.prompt = Some(Prompt::ChangedOnDisk { on_save: true, modified: now.modified });
            return;
        }
        self.overwrite(ctx, session, out, path, &lock);
    }

    /// Takes the write lock of `path`, waiting [`SAVE_WAIT`] for another writer; says why
    /// not when it cannot (and then nothing is saved).
    fn lock_for_saving(&mut self, path: &Path) -> Option<ProjectLock> {
        match ProjectLock::acquire(path, PROGRAM, SAVE_WAIT, |_| {}) {
            Ok(lock) => Some(lock),
            Err(error) => {
                self.after_save = None;
                self.show_error(
                    "Could not save",
                    format!(
                        "{error}\n\nNothing was written; your changes are still here. Save again in a moment."
                    ),
                );
                None
            }
        }
    }

    /// Saves to `path` whatever is there, holding its write lock.
    fn overwrite(
        &mut self,
        ctx: &egui::Context,
        session: &mut Session,
        out: &mut Vec<AppCommand>,
        path: &Path,
        _lock: &ProjectLock,
    ) {
        match store::disk::save_versioned(&session.open.project, path) {
            Ok(version) => {
                self.discard_recovery(session);
                let moved = !session.open.path.as_deref().is_some_and(|open| same_file(open, path));
                let open = &mut session.open;
                open.disk = Some(version);
                open.path = Some(path.to_owned());
                open.is_sample = false;
                open.saved_state = open.history.state();
                if moved {
                    // Saved under a new name: that file is the one open here now.
                    open.read_only = false;
                    self.presence = None;
                    self.take_presence(session);
                }
                session.settings.remember_recent(path);
                out.push(AppCommand::Status(format!("Saved {}", path.display())));
                if let Some(then) = self.after_save.take() {
                    self.perform(ctx, session, out, then);
                }
            }
            Err(error) => {
                self.after_save = None;
                self.show_error("Could not save", error.to_string());
            }
        }
    }

    /// Asks for text files to add as documents.
    pub fn start_import(&mut self, session: &Session) {
        self.start_dialog(session, Purpose::Import);
    }

    /// Adds text files and saved web pages as documents, one undoable step; reports files
    /// that could not be read. A page gives its article, and its title, address, author
    /// and date (and its site's outlet when the project has one of that name).
    pub fn import_texts(&mut self, session: &Session, out: &mut Vec<AppCommand>, paths: &[PathBuf]) {
        let open = &session.open;
        let mut taken: Vec<String> = open.project.documents.iter().map(|d| d.id.to_string()).collect();
        let mut edits = Vec::new();
        let mut pages = Vec::new();
        let mut failures = Vec::new();
        let mut first = None;
        for path in paths {
            match read_document(path) {
                Ok((text, page)) => {
                    let id = DocumentId::new(unique_slug(path, &mut taken));
                    let mut document = Document::new(id, default_title(&text, path), text);
                    // The file's name only: a local folder path would travel with the project.
                    let name = path
                        .file_name()
                        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
                    document.notes = format!("Imported from {name}");
                    match page {
                        // A page waits to be checked before it is added.
                        Some(page) => {
                            let site = page.fill(&mut document, &open.project);
                            pages.push(PageDraft { file: name, document, site });
                        }
                        None => {
                            first.get_or_insert_with(|| document.id.clone());
                            edits.push(Edit::Document(Edit::append(document)));
                        }
                    }
                }
                Err(error) => failures.push(error.to_string()),
            }
        }
        let count = edits.len();
        if count > 0 {
            let label =
                if count == 1 { "Import document".to_owned() } else { format!("Import {count} documents") };
            out.push(AppCommand::Edit { edit: Edit::Batch(edits), label, merge_key: None });
            if let Some(first) = first {
                out.push(AppCommand::SelectDocument(first));
            }
            out.push(AppCommand::Status(format!(
                "Imported {}; record each one's outlet in the inspector",
                crate::text::count(count, "document")
            )));
        }
        if !pages.is_empty() {
            out.push(AppCommand::Status(format!(
                "{}: check what was found in each before it is added",
                crate::text::count(pages.len(), "saved page")
            )));
            out.push(AppCommand::PreviewPages(pages));
        }
        if !failures.is_empty() {
            self.show_error("Some files were not imported", failures.join("\n"));
        }
    }

    /// Handles files dropped on the window: `.txt` files and saved `.html` pages are imported,
    /// a `.ron` file opened.
    pub fn handle_dropped_files(
        &mut self,
        ctx: &egui::Context,
        session: &Session,
        out: &mut Vec<AppCommand>,
    ) {
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).collect());
        if dropped.is_empty() {
            return;
        }
        let extension =
            |p: &PathBuf| p.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let texts: Vec<PathBuf> = dropped
            .iter()
            .filter(|p| matches!(extension(p).as_str(), "txt" | "html" | "htm"))
            .cloned()
            .collect();
        let projects: Vec<PathBuf> = dropped.iter().filter(|p| extension(p) == "ron").cloned().collect();
        if !texts.is_empty() {
            self.import_texts(session, out, &texts);
        }
        if let Some(project) = projects.into_iter().next() {
            out.push(AppCommand::OpenPath(project));
        }
        let ignored = dropped
            .iter()
            .filter(|p| !matches!(extension(p).as_str(), "txt" | "html" | "htm" | "ron"))
            .count();
        if ignored > 0 {
            out.push(AppCommand::Status(format!(
                "{ignored} dropped file(s) ignored: drop .txt texts, saved .html pages or a .ron project"
            )));
        }
    }

    fn start_dialog(&mut self, session: &Session, purpose: Purpose) {
        if self.dialog_open() {
            return;
        }
        let directory = start_directory(session);
        let copy = std::mem::take(&mut self.copy_name_next);
        let name = match purpose {
            Purpose::ExportTo(format) => export_name(session, format),
            Purpose::SaveAs if copy || session.open.read_only => copy_name(session),
            _ => suggested_name(session),
        };
        let files = self;
        let native = files.native_dialogs
            && !files.native_failed
            && !session.settings.builtin_file_dialog
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
                    Purpose::Import => {
                        dialog.add_filter("Text or saved web page", &["txt", "html", "htm"]).pick_files()
                    }
                    Purpose::CorrectedText => dialog
                        .add_filter("Text or saved web page", &["txt", "html", "htm"])
                        .pick_file()
                        .map(|p| vec![p]),
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

    /// Asks where to write an export.
    pub fn choose_export_destination(&mut self, session: &Session, format: Format) {
        self.start_dialog(session, Purpose::ExportTo(format));
    }

    /// Asks which file holds a document's corrected text.
    pub fn choose_corrected_text(&mut self, session: &Session) {
        self.start_dialog(session, Purpose::CorrectedText);
    }

    /// Asks which files to import.
    pub fn choose_import_sources(&mut self, session: &Session, format: Format) {
        self.start_dialog(session, Purpose::ImportFrom(format));
    }

    /// Collects the answer of a system dialog running on its thread.
    pub fn poll_dialogs(&mut self, ctx: &egui::Context, session: &mut Session, out: &mut Vec<AppCommand>) {
        let Some(native) = &self.native else {
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
        self.native = None;
        match answer {
            Some(paths) => self.picked(ctx, session, out, purpose, paths),
            None if failed => {
                // No portal and no zenity: rfd gives up at once. Use the built-in dialog
                // from now on.
                self.native_failed = true;
                out.push(AppCommand::Status(
                    "No system file dialog is available here; using the built-in one".into(),
                ));
                self.start_dialog(session, purpose);
            }
            None => self.after_save = None,
        }
    }

    /// Shows the built-in file dialog, if open.
    pub fn file_dialog_ui(&mut self, ctx: &egui::Context, session: &mut Session, out: &mut Vec<AppCommand>) {
        let Some((purpose, dialog)) = &mut self.builtin else {
            return;
        };
        let purpose = *purpose;
        match dialog.show(ctx) {
            FileDialogResult::Pending => {}
            FileDialogResult::Cancelled => {
                self.builtin = None;
                self.after_save = None;
            }
            FileDialogResult::Picked(paths) => {
                self.builtin = None;
                self.picked(ctx, session, out, purpose, paths);
            }
        }
    }

    fn picked(
        &mut self,
        ctx: &egui::Context,
        session: &mut Session,
        out: &mut Vec<AppCommand>,
        purpose: Purpose,
        paths: Vec<PathBuf>,
    ) {
        match purpose {
            Purpose::Open => {
                if let Some(path) = paths.into_iter().next() {
                    self.open_path(session, out, &path);
                }
            }
            Purpose::SaveAs => {
                if let Some(mut path) = paths.into_iter().next() {
                    if path.extension().is_none() {
                        path.set_extension("ron");
                    }
                    self.save_to(ctx, session, out, &path);
                }
            }
            Purpose::Import => self.import_texts(session, out, &paths),
            Purpose::ExportTo(format) => {
                if let Some(mut path) = paths.into_iter().next() {
                    if !format.writes_folder() && path.extension().is_none() {
                        path.set_extension(format.extension());
                    }
                    out.push(AppCommand::ExportDestinationChosen(path));
                }
            }
            Purpose::ImportFrom(_) => out.push(AppCommand::ImportSourcesChosen(paths)),
            Purpose::CorrectedText => {
                if let Some(path) = paths.into_iter().next() {
                    out.push(AppCommand::CorrectedTextChosen(path));
                }
            }
        }
    }

    /// Shows the open prompt (unsaved changes, error, recovery), if any.
    pub fn prompt_ui(&mut self, ctx: &egui::Context, session: &mut Session, out: &mut Vec<AppCommand>) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        let mut close = false;
        match prompt {
            Prompt::Unsaved { then } => {
                let name = session.open.display_name();
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
                        if ui
                            .button("Discard")
                            .on_hover_text("Lose the changes since the last save")
                            .clicked()
                        {
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
                        self.prompt = None;
                        self.after_save = Some(then);
                        self.save(ctx, session, out, false);
                        return;
                    }
                    Some("discard") => {
                        self.prompt = None;
                        self.discard_recovery(session);
                        self.perform(ctx, session, out, then);
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
                // Whether another program saved the project after this work was autosaved.
                let changed_since = session.open.path.as_deref().is_some_and(|path| {
                    let base = std::fs::read(&recovery).ok().and_then(|bytes| recovery_parts(&bytes).0);
                    base.is_none_or(|base| !matches!(base.compare(path), Ok(DiskChange::Unchanged)))
                });
                let _ = egui::Modal::new(egui::Id::unique("recovery-prompt")).show(ctx, |ui| {
                    ui.set_max_width(480.0);
                    ui.heading("Restore unsaved work?");
                    ui.label(format!(
                        "{} holds unsaved work{when} that differs from {}. \
                         Restore it, or discard it to keep the file as it is.",
                        recovery.display(),
                        session.open.display_name()
                    ));
                    if changed_since {
                        ui.label(format!(
                            "{} was saved by another program after this work was autosaved: the restored \
                             work does not hold those changes, so saving it asks first (Reload, Save a \
                             copy or Overwrite).",
                            session.open.display_name()
                        ));
                    }
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
                // Esc or a click beside it is no choice: the file stays, and the
                // question with it (autosave must not write over it meanwhile).
                match choice {
                    Some(true) => {
                        // Cleared first: a failed restore shows its own error.
                        self.prompt = None;
                        self.restore_recovery(session, out, &recovery);
                        return;
                    }
                    Some(false) => {
                        let _ = std::fs::remove_file(&recovery);
                        close = true;
                    }
                    None => {}
                }
            }
            Prompt::ChangedOnDisk { on_save, modified } => {
                self.changed_on_disk_ui(ctx, session, out, on_save, modified);
                return;
            }
            Prompt::OpenElsewhere { holder } => {
                let name = session.open.display_name();
                let mut edit_anyway = false;
                let response = egui::Modal::new(egui::Id::unique("open-elsewhere-prompt")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading(format!("{name} is open in another claimmark"));
                    ui.label(format!(
                        "{} has it open. It is open here read-only: Save asks for another name, so \
                         neither window saves over the other's work.",
                        holder.as_deref().unwrap_or("Another claimmark window")
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        close |= ui.button("Keep read-only").clicked();
                        edit_anyway = ui
                            .button("Edit anyway")
                            .on_hover_text(
                                "Both windows may then save this file; each asks before saving over \
                                 what the other saved",
                            )
                            .clicked();
                    });
                });
                if edit_anyway {
                    session.open.read_only = false;
                    out.push(AppCommand::Status(format!("{name} is open for editing in two windows")));
                    close = true;
                }
                close |= response.should_close();
            }
        }
        if close {
            self.prompt = None;
        }
    }

    fn restore_recovery(&mut self, session: &mut Session, out: &mut Vec<AppCommand>, recovery: &Path) {
        let base = std::fs::read(recovery).ok().and_then(|bytes| recovery_parts(&bytes).0);
        match store::load(recovery) {
            Ok(project) => {
                let path = session.open.path.clone();
                let mut open = OpenProject::new(project, path, session.open.is_sample);
                // The restored work is not in the project file yet; the file is still the
                // version loaded (a save checks it), and read-only if it was.
                open.saved_state = u64::MAX;
                // The work is based on the version it names (an unknown one when it names
                // none): a save over a file changed since asks first.
                open.disk = session.open.path.as_ref().map(|_| base.unwrap_or_else(DiskVersion::unknown));
                open.read_only = session.open.read_only;
                self.replace_project(session, out, open);
                out.push(AppCommand::Status("Restored unsaved work; save to keep it".into()));
            }
            Err(error) => self.show_error("Could not restore", error.to_string()),
        }
    }

    /// Where unsaved work of the open project is autosaved.
    pub fn recovery_file(&self, session: &Session) -> Option<PathBuf> {
        match &session.open.path {
            Some(path) => Some(store::recovery_path(path)),
            None => self.data_dir.as_ref().map(|dir| dir.join("untitled.ron.recovery")),
        }
    }

    /// Writes unsaved work to the recovery file every [`AUTOSAVE_INTERVAL`].
    pub fn autosave_if_due(&mut self, ctx: &egui::Context, session: &Session, out: &mut Vec<AppCommand>) {
        if !session.open.is_dirty() {
            self.last_autosave = None;
            return;
        }
        let now = ctx.input(|i| i.time);
        let Some(last) = self.last_autosave else {
            // Count from the first unsaved change.
            self.last_autosave = Some(now);
            ctx.request_repaint_after(AUTOSAVE_INTERVAL);
            return;
        };
        if now - last < AUTOSAVE_INTERVAL.as_secs_f64() {
            ctx.request_repaint_after(Duration::from_secs_f64(
                AUTOSAVE_INTERVAL.as_secs_f64() - (now - last),
            ));
            return;
        }
        self.last_autosave = Some(now);
        ctx.request_repaint_after(AUTOSAVE_INTERVAL);
        self.write_recovery(session, out);
    }

    /// Writes the recovery file now.
    pub fn write_recovery(&mut self, session: &Session, out: &mut Vec<AppCommand>) {
        let Some(path) = self.recovery_file(session) else {
            return;
        };
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        // The version of the project file this work is based on, so that a restore knows
        // whether the file changed since.
        let base = session.open.disk.as_ref().map(|d| format!("{RECOVERY_BASE}{}\n", d.token()));
        let result =
            store::to_ron_string(&session.open.project).map_err(|e| e.to_string()).and_then(|text| {
                let bytes = [base.unwrap_or_default().as_bytes(), text.as_bytes()].concat();
                store::write_atomically(&path, &bytes, false).map_err(|e| e.to_string())
            });
        if let Err(error) = result {
            out.push(AppCommand::Status(format!("Autosave failed: {error}")));
        }
    }

    fn discard_recovery(&self, session: &Session) {
        if let Some(path) = self.recovery_file(session) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Offers to restore the recovery file of the open project when it holds anything
    /// else than the project: whatever the files' times (the project file may have been
    /// touched after the autosave by the command line, git or a sync tool). A recovery
    /// file equal to the project is removed: it holds nothing to restore.
    pub fn offer_recovery(&mut self, session: &Session) {
        let Some(recovery) = self.recovery_file(session) else {
            return;
        };
        let Ok(recovered) = std::fs::read(&recovery) else {
            return;
        };
        let (_, recovered) = recovery_parts(&recovered);
        let same = session.open.path.as_deref().is_some_and(|path| {
            std::fs::read(path).is_ok_and(|bytes| bytes == recovered)
                || store::to_ron_string(&session.open.project).is_ok_and(|text| text.as_bytes() == recovered)
        });
        if same {
            let _ = std::fs::remove_file(&recovery);
        } else {
            self.prompt = Some(Prompt::Recovery { recovery });
        }
    }

    /// After a project file was opened (at start or from the menu): says so to a second
    /// app, or opens read-only when another app has it; offers this app's recovery
    /// file (not when another app has the file open: the recovery file is that app's).
    pub fn opened(&mut self, session: &mut Session) {
        self.take_presence(session);
        if !session.open.read_only && self.prompt.is_none() {
            self.offer_recovery(session);
        }
    }

    /// Marks the open project's file as open in this app, or (another app has it open)
    /// makes the project read-only and says who has it.
    fn take_presence(&mut self, session: &mut Session) {
        let Some(path) = session.open.path.clone() else {
            self.presence = None;
            return;
        };
        if self.presence.as_ref().is_some_and(|p| p.lock_file() == store::lock::open_lock_path(&path)) {
            // Already ours (the same file opened again).
            return;
        }
        match OpenLock::try_acquire(&path, PROGRAM) {
            Ok(lock) => self.presence = Some(lock),
            Err(LockError::Held { holder, .. }) => {
                session.open.read_only = true;
                self.prompt = Some(Prompt::OpenElsewhere { holder: holder.map(|h| h.to_string()) });
            }
            // A folder this user may not write: saving will say so.
            Err(LockError::Io { .. }) => {}
        }
    }

    /// What became of the open project's file since it was loaded or saved; `None`
    /// without a file, or when it cannot be read (the save then says why).
    fn outside_change(&self, session: &Session) -> Option<DiskChange> {
        let path = session.open.path.as_deref()?;
        session.open.disk.as_ref()?.compare(path).ok()
    }

    /// Looks whether another program changed the project file (called when the window
    /// gets the focus back): an unchanged project is reloaded at once, a project with
    /// unsaved changes asks first.
    pub fn check_outside_change(&mut self, session: &mut Session, out: &mut Vec<AppCommand>) {
        if self.prompt.is_some() || self.dialog_open() {
            return;
        }
        match self.outside_change(session) {
            Some(DiskChange::Changed(now)) if session.open.is_dirty() => {
                self.prompt = Some(Prompt::ChangedOnDisk { on_save: false, modified: now.modified });
            }
            Some(DiskChange::Changed(_)) => self.reload(session, out),
            Some(DiskChange::Missing) => out.push(AppCommand::Status(format!(
                "{} was moved or deleted by another program; Save writes it again",
                session.open.display_name()
            ))),
            Some(DiskChange::Unchanged) | None => {}
        }
    }

    /// Loads the project file again, keeping unsaved changes in a copy beside it first.
    fn reload(&mut self, session: &mut Session, out: &mut Vec<AppCommand>) {
        let Some(path) = session.open.path.clone() else {
            return;
        };
        let kept = if session.open.is_dirty() {
            match self.keep_unsaved_copy(session, &path) {
                Ok(copy) => Some(copy),
                Err(message) => {
                    self.show_error("Could not keep the unsaved changes; nothing was reloaded", message);
                    return;
                }
            }
        } else {
            None
        };
        match store::disk::load_versioned(&path) {
            Ok((project, version)) => {
                // The autosave was of the work now kept in the copy.
                self.discard_recovery(session);
                let read_only = session.open.read_only;
                session.open = OpenProject::loaded(project, path.clone(), version);
                session.open.read_only = read_only;
                self.last_autosave = None;
                out.push(AppCommand::ProjectReloaded);
                out.push(AppCommand::Status(match kept {
                    Some(copy) => format!(
                        "Reloaded {} as another program saved it; your unsaved changes are in {}",
                        path.display(),
                        copy.display()
                    ),
                    None => format!("Reloaded {}: another program changed it", path.display()),
                }));
            }
            Err(error) => {
                let lines = error.lines().join("\n");
                self.show_error(
                    "Could not reload the project",
                    format!(
                        "{lines}\n\nThe project stays open as it was{}.",
                        match kept {
                            Some(copy) => format!("; its unsaved changes are also in {}", copy.display()),
                            None => String::new(),
                        }
                    ),
                );
            }
        }
    }

    /// Writes the open project to `NAME.unsaved-DATE-TIMEZ.ron` (UTC) beside `path`; returns where.
    fn keep_unsaved_copy(&self, session: &Session, path: &Path) -> Result<PathBuf, String> {
        let copy = stamped_beside(path, "unsaved");
        let text = store::to_ron_string(&session.open.project).map_err(|e| e.to_string())?;
        store::write_atomically(&copy, text.as_bytes(), false).map_err(|e| e.to_string())?;
        Ok(copy)
    }

    /// The question when the project file changed on disk.
    fn changed_on_disk_ui(
        &mut self,
        ctx: &egui::Context,
        session: &mut Session,
        out: &mut Vec<AppCommand>,
        on_save: bool,
        modified: Option<SystemTime>,
    ) {
        #[derive(Clone, Copy)]
        enum Choice {
            Reload,
            SaveCopy,
            Overwrite,
            Cancel,
        }
        let name = session.open.display_name();
        let dirty = session.open.is_dirty();
        let when = modified.map(describe_age).unwrap_or_default();
        let mut choice = None;
        let response = egui::Modal::new(egui::Id::unique("changed-on-disk-prompt")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(format!("{name} changed on disk"));
            ui.label(format!(
                "Another program (the command line, another claimmark, git or a sync tool) saved \
                 {name}{} since you opened or saved it here. {}",
                if when.is_empty() {
                    String::new()
                } else {
                    format!(" (modified {})", when.trim_start().trim_start_matches("from "))
                },
                if on_save {
                    "Saving now would overwrite its changes."
                } else {
                    "You have unsaved changes here."
                }
            ));
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                let reload = if dirty { "Reload, keep my changes in a copy" } else { "Reload" };
                if ui
                    .button(reload)
                    .on_hover_text(
                        "Open the file as the other program saved it; your unsaved changes are \
                         written to NAME.unsaved-DATE-TIME.ron beside it first",
                    )
                    .clicked()
                {
                    choice = Some(Choice::Reload);
                }
                if ui.button("Save a copy…").on_hover_text("Save this project under another name").clicked()
                {
                    choice = Some(Choice::SaveCopy);
                }
                if ui
                    .button("Overwrite")
                    .on_hover_text(format!(
                        "Replace the file with this project; the other program's version is kept beside it \
                         as {}.replaced-DATE-TIMEZ.ron",
                        name.trim_end_matches(".ron")
                    ))
                    .clicked()
                {
                    choice = Some(Choice::Overwrite);
                }
                let cancel = if on_save { "Cancel" } else { "Not now" };
                if ui.button(cancel).on_hover_text("Keep editing; the next save asks again").clicked() {
                    choice = Some(Choice::Cancel);
                }
            });
        });
        if response.should_close() {
            choice = choice.or(Some(Choice::Cancel));
        }
        let Some(choice) = choice else {
            return;
        };
        self.prompt = None;
        match choice {
            Choice::Reload => {
                self.after_save = None;
                self.reload(session, out);
            }
            Choice::SaveCopy => {
                self.copy_name_next = true;
                self.start_dialog(session, Purpose::SaveAs);
            }
            Choice::Overwrite => match session.open.path.clone() {
                Some(path) => {
                    let Some(lock) = self.lock_for_saving(&path) else {
                        return;
                    };
                    // The version being replaced is kept beside it, not only in the .bak
                    // that the next save replaces.
                    match keep_replaced_version(&path) {
                        Ok(kept) => {
                            self.overwrite(ctx, session, out, &path, &lock);
                            if let Some(kept) = kept {
                                out.push(AppCommand::Status(format!(
                                    "Saved {}; the version another program saved is kept in {}",
                                    path.display(),
                                    kept.display()
                                )));
                            }
                        }
                        Err(message) => {
                            self.after_save = None;
                            self.show_error("Not saved: could not keep the other version", message);
                        }
                    }
                }
                None => self.after_save = None,
            },
            Choice::Cancel => {
                self.after_save = None;
                out.push(AppCommand::Status(format!("Not saved: {name} changed on disk")));
            }
        }
    }
}

fn start_directory(session: &Session) -> PathBuf {
    session
        .open
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_owned)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("/"))
}

fn suggested_name(session: &Session) -> String {
    match &session.open.path {
        Some(path) => path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        None if session.open.is_sample => crate::sample::SAMPLE_FILE_NAME.to_owned(),
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

fn builtin_dialog(purpose: Purpose, directory: PathBuf, name: String) -> FileDialog {
    let project = vec![("claimmark project".to_owned(), vec!["ron".to_owned()])];
    match purpose {
        Purpose::Open => FileDialog::new(FileDialogMode::Open, "Open project", directory, project),
        Purpose::SaveAs => {
            FileDialog::new(FileDialogMode::Save, "Save project as", directory, project).with_file_name(name)
        }
        Purpose::CorrectedText => FileDialog::new(
            FileDialogMode::Open,
            "Corrected text of the document",
            directory,
            vec![(
                "Text or saved web page".to_owned(),
                vec!["txt".to_owned(), "html".to_owned(), "htm".to_owned()],
            )],
        ),
        Purpose::Import => FileDialog::new(
            FileDialogMode::OpenMany,
            "Import text documents",
            directory,
            vec![(
                "Text or saved web page".to_owned(),
                vec!["txt".to_owned(), "html".to_owned(), "htm".to_owned()],
            )],
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
fn export_name(session: &Session, format: Format) -> String {
    let stem = session
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

/// Whether `a` and `b` name the same file (however they are written: relative or
/// absolute, through links), or the same path when neither exists yet.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The name a copy of the open project is proposed under: `NAME-copy.ron` (or
/// `NAME-copy-2.ron` ... when taken).
fn copy_name(session: &Session) -> String {
    let stem = match &session.open.path {
        Some(path) => path.file_stem().map_or_else(|| "project".into(), |s| s.to_string_lossy().into_owned()),
        None => "untitled".into(),
    };
    let directory = start_directory(session);
    let mut name = format!("{stem}-copy.ron");
    let mut n = 1;
    while directory.join(&name).exists() {
        n += 1;
        name = format!("{stem}-copy-{n}.ron");
    }
    name
}

/// Copies the file at `path` to `NAME.replaced-DATE-TIMEZ.ron` beside it before it is
/// overwritten; returns where (`None` when there is no file).
fn keep_replaced_version(path: &Path) -> Result<Option<PathBuf>, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("{}: {error}", path.display())),
    };
    let copy = stamped_beside(path, "replaced");
    store::write_atomically(&copy, &bytes, false).map_err(|e| e.to_string())?;
    Ok(Some(copy))
}

/// A name beside `path` for a copy of it made now, that no file has yet:
/// `NAME.WHAT-DATE-TIMEZ.ron` (UTC), then `…-2.ron`, `…-3.ron`.
fn stamped_beside(path: &Path, what: &str) -> PathBuf {
    let stem = path.file_stem().map_or_else(|| "project".into(), |s| s.to_string_lossy().into_owned());
    let stamp = jiff::Timestamp::now().strftime("%Y-%m-%d-%H%M%SZ").to_string();
    let mut copy = path.with_file_name(format!("{stem}.{what}-{stamp}.ron"));
    let mut n = 1;
    while copy.exists() {
        n += 1;
        copy = path.with_file_name(format!("{stem}.{what}-{stamp}-{n}.ron"));
    }
    copy
}
