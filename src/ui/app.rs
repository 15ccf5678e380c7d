//! The app: its state, the panels' arrangement, and the one place where actions from
//! the views are applied (through [`crate::edit`], so undo, autosave and the unsaved
//! marker see every change).

use super::StartOptions;
use super::commands::UiCommand;
use super::files::{FileState, PendingAfterPrompt};
use super::reader::{Reader, ReaderAction, ReaderView};
use super::search::SearchState;
use crate::anchor::{CharSpan, QuoteSelector};
use crate::edit::{ClaimRequest, Edit, History, MarkError, RecordEdit};
use crate::model::{ClaimId, DocumentId, IdAllocator, LabelId, Project, Taxonomy, Timestamp};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Settings kept between runs (in eframe's storage); panel sizes are kept by egui.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened projects, newest first.
    pub recent_files: Vec<PathBuf>,
    /// Name recorded as the reviewer of new claims.
    pub reviewer: String,
    /// Font size of the text in the reader.
    pub font_size: f32,
    /// Use the built-in file dialog even where a native one exists.
    pub builtin_file_dialog: bool,
    /// Whether the claims table is open.
    pub claims_table_open: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent_files: Vec::new(),
            reviewer: String::new(),
            font_size: 16.0,
            builtin_file_dialog: false,
            claims_table_open: false,
        }
    }
}

/// Most recent files remembered.
pub const MAX_RECENT_FILES: usize = 10;

/// Something the views ask the app to do; applied at the end of the frame.
// A frame makes a handful of actions; boxing the large edit variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Action {
    /// Run a command.
    Command(UiCommand),
    /// Change the project as one undoable step.
    Edit {
        /// The change.
        edit: Edit,
        /// What undo calls it ("Edit claimant").
        label: String,
        /// Consecutive edits with this key merge into one undo step (typing).
        merge_key: Option<String>,
    },
    /// End merging of typing into the current undo step.
    SealHistory,
    /// Show a document.
    SelectDocument(DocumentId),
    /// Select a claim (showing its document), or none.
    SelectClaim(Option<ClaimId>),
    /// Something the reader asked for.
    Reader(Box<ReaderAction>),
    /// Open a project file (asks about unsaved changes first).
    OpenPath(PathBuf),
    /// Show a message in the status line.
    Status(String),
    /// Open a web link in the system browser (http and https only).
    OpenUrl(String),
}

/// The open project with its history and where it lives.
pub struct OpenProject {
    /// The project.
    pub project: Project,
    /// The file it was loaded from or saved to; `None` for a new or sample project.
    pub path: Option<PathBuf>,
    /// Undo and redo.
    pub history: History,
    /// The history state at the last save (or load).
    pub saved_state: u64,
    /// Whether this is the bundled sample (saved only with Save As).
    pub is_sample: bool,
    /// Hands out ids for new records.
    pub ids: IdAllocator,
}

impl OpenProject {
    /// A freshly loaded project.
    pub fn new(project: Project, path: Option<PathBuf>, is_sample: bool) -> OpenProject {
        let ids = IdAllocator::for_project(&project);
        let history = History::new();
        let saved_state = history.state();
        OpenProject { project, path, history, saved_state, is_sample, ids }
    }

    /// Whether there are changes since the last save.
    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// The file name for the title bar.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => {
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into())
            }
            None if self.is_sample => crate::sample::SAMPLE_FILE_NAME.to_owned(),
            None => "untitled".to_owned(),
        }
    }
}

/// Which windows and bars are open.
#[derive(Clone, Debug, Default)]
pub struct Panels {
    /// The claims table.
    pub claims_table: bool,
    /// The outlets manager.
    pub outlets: bool,
    /// The sources manager.
    pub sources: bool,
    /// The search bar.
    pub search: bool,
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
    /// A recovery file newer than the project exists: restore it?
    Recovery {
        /// The recovery file.
        recovery: PathBuf,
    },
}

/// Everything the app holds. Public so that tests can look at it.
pub struct AppState {
    /// The open project.
    pub open: OpenProject,
    /// The document shown in the reader.
    pub current_document: Option<DocumentId>,
    /// The selected claim.
    pub selected_claim: Option<ClaimId>,
    /// The reader's own state (selection, layout).
    pub reader: Reader,
    /// Settings kept between runs.
    pub settings: Settings,
    /// Open windows and bars.
    pub panels: Panels,
    /// Search in the current text.
    pub search: SearchState,
    /// Filter of the documents list.
    pub document_filter: String,
    /// The status line, and when it was set.
    pub status: Option<(String, f64)>,
    /// The open prompt, if any.
    pub prompt: Option<Prompt>,
    /// Dialogs, autosave and recovery.
    pub files: FileState,
    /// Move the focus to the claimant field next frame.
    pub focus_claimant: bool,
    /// Inputs for new records in the inspector.
    pub drafts: super::inspector::InspectorDrafts,
    /// The export and import windows.
    pub exchange: super::exchange::ExchangeState,
    /// Grouping suggestions for the selected claim.
    pub suggest: super::suggestions::SuggestState,
    /// The claim groups window.
    pub groups: super::groups::GroupsState,
    /// The comparison window.
    pub compare: super::compare::CompareState,
    /// The group picker, when open (G on a selected claim).
    pub group_picker: Option<super::group_picker::GroupPicker>,
    /// Kind used by Enter.
    pub last_kind: Option<LabelId>,
    /// Quit was confirmed: close without asking again.
    pub closing: bool,
    title: String,
}

/// The eframe app.
pub struct ClaimmarkApp {
    /// All state.
    pub state: AppState,
}

impl ClaimmarkApp {
    /// Creates the app: fonts, settings, and the project of `options` (or the sample).
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> ClaimmarkApp {
        super::fonts::install(&cc.egui_ctx);
        let settings: Settings =
            cc.storage.and_then(|storage| eframe::get_value(storage, eframe::APP_KEY)).unwrap_or_default();
        ClaimmarkApp::with_settings(&cc.egui_ctx, options, settings)
    }

    /// Creates the app with the given settings (tests pass their own).
    pub fn with_settings(ctx: &egui::Context, options: StartOptions, settings: Settings) -> ClaimmarkApp {
        let sample = || match crate::sample::sample_project() {
            Ok(project) => project,
            // The sample is tested; should it ever fail, start empty rather than not at all.
            Err(_) => Project::new("untitled", Taxonomy::builtin()),
        };
        let mut prompt = None;
        let open = match &options.file {
            None => OpenProject::new(sample(), None, true),
            Some(path) => match crate::store::load(path) {
                Ok(project) => OpenProject::new(project, Some(path.clone()), false),
                Err(error) => {
                    prompt = Some(Prompt::Error {
                        title: "Could not open the project".into(),
                        message: format!("{error}\n\nThe sample project is open instead."),
                    });
                    OpenProject::new(sample(), None, true)
                }
            },
        };
        let mut state = AppState {
            current_document: open.project.documents.first().map(|d| d.id.clone()),
            open,
            selected_claim: None,
            reader: Reader::default(),
            panels: Panels { claims_table: settings.claims_table_open, ..Panels::default() },
            settings,
            search: SearchState::default(),
            document_filter: String::new(),
            status: None,
            prompt,
            files: FileState::new(options.native_dialogs, options.data_dir.clone()),
            focus_claimant: false,
            drafts: super::inspector::InspectorDrafts::default(),
            exchange: super::exchange::ExchangeState::default(),
            group_picker: None,
            groups: super::groups::GroupsState::default(),
            suggest: super::suggestions::SuggestState::default(),
            compare: super::compare::CompareState::default(),
            last_kind: None,
            closing: false,
            title: String::new(),
        };
        if let Some(path) = state.open.path.clone() {
            super::files::remember_recent(&mut state.settings, &path);
        }
        // Unsaved work from last time: of this project, or work that had no file yet.
        if state.prompt.is_none() {
            super::files::offer_recovery(&mut state);
        }
        ctx.memory_mut(|m| m.request_focus(super::reader::reader_id()));
        ClaimmarkApp { state }
    }
}

impl eframe::App for ClaimmarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let state = &mut self.state;
        let mut actions: Vec<Action> = UiCommand::pressed(&ctx).into_iter().map(Action::Command).collect();

        super::files::handle_dropped_files(&ctx, state, &mut actions);
        super::files::poll_dialogs(&ctx, state, &mut actions);

        egui::Panel::top("menu-bar").show(ui, |ui| menu_bar_ui(ui, state, &mut actions));
        egui::Panel::bottom("status-bar").show(ui, |ui| status_bar_ui(ui, state));
        // Side panels never take the reading column below half the window.
        let width = ui.available_width();
        egui::Panel::left("documents-panel")
            .resizable(true)
            .default_size(260.0)
            .size_range(160.0..=(width * 0.25).max(160.0))
            .show(ui, |ui| super::documents::documents_ui(ui, state, &mut actions));
        egui::Panel::right("inspector-panel")
            .resizable(true)
            .default_size(340.0)
            .size_range(260.0..=(width * 0.3).max(260.0))
            .show(ui, |ui| super::inspector::inspector_ui(ui, state, &mut actions));
        egui::CentralPanel::default().show(ui, |ui| central_ui(ui, state, &mut actions));

        super::table::claims_table_window(&ctx, state, &mut actions);
        super::managers::outlets_window(&ctx, state, &mut actions);
        super::managers::sources_window(&ctx, state, &mut actions);
        super::exchange::exchange_windows(&ctx, state, &mut actions);
        super::groups::groups_window(&ctx, state, &mut actions);
        super::compare::compare_window(&ctx, state, &mut actions);
        super::group_picker::group_picker_ui(&ctx, state, &mut actions);
        super::files::prompt_ui(&ctx, state, &mut actions);
        super::files::file_dialog_ui(&ctx, state, &mut actions);

        for action in actions {
            apply_action(&ctx, state, action);
        }
        super::files::autosave_if_due(&ctx, state);
        handle_close_request(&ctx, state);
        update_title(&ctx, state);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.state.settings.claims_table_open = self.state.panels.claims_table;
        eframe::set_value(storage, eframe::APP_KEY, &self.state.settings);
    }
}

fn menu_bar_ui(ui: &mut egui::Ui, state: &mut AppState, actions: &mut Vec<Action>) {
    let command_button = |ui: &mut egui::Ui, command: UiCommand, enabled: bool, actions: &mut Vec<Action>| {
        let mut button = egui::Button::new(command.name());
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add_enabled(enabled, button).on_hover_text(command.tooltip()).clicked() {
            actions.push(Action::Command(command));
        }
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for command in [UiCommand::New, UiCommand::Open, UiCommand::Save, UiCommand::SaveAs] {
                command_button(ui, command, true, actions);
            }
            ui.menu_button("Open recent", |ui| {
                if state.settings.recent_files.is_empty() {
                    ui.label("No recent files");
                }
                for path in state.settings.recent_files.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        actions.push(Action::OpenPath(path));
                    }
                }
            });
            command_button(ui, UiCommand::OpenSample, true, actions);
            ui.separator();
            command_button(ui, UiCommand::ImportText, true, actions);
            command_button(ui, UiCommand::Export, true, actions);
            command_button(ui, UiCommand::Import, true, actions);
            ui.separator();
            ui.checkbox(&mut state.settings.builtin_file_dialog, "Use the built-in file dialog")
                .on_hover_text("Instead of the system's file dialog");
            ui.separator();
            command_button(ui, UiCommand::Quit, true, actions);
        });
        ui.menu_button("Edit", |ui| {
            let history = &state.open.history;
            let undo = history.undo_label().map_or("Undo".to_owned(), |l| format!("Undo {l}"));
            let redo = history.redo_label().map_or("Redo".to_owned(), |l| format!("Redo {l}"));
            let ctx = ui.ctx().clone();
            let shortcut = |c: UiCommand| c.shortcut().map(|s| ctx.format_shortcut(&s)).unwrap_or_default();
            if ui
                .add_enabled(
                    history.undo_label().is_some(),
                    egui::Button::new(undo).shortcut_text(shortcut(UiCommand::Undo)),
                )
                .clicked()
            {
                actions.push(Action::Command(UiCommand::Undo));
            }
            if ui
                .add_enabled(
                    history.redo_label().is_some(),
                    egui::Button::new(redo).shortcut_text(shortcut(UiCommand::Redo)),
                )
                .clicked()
            {
                actions.push(Action::Command(UiCommand::Redo));
            }
            ui.separator();
            command_button(ui, UiCommand::Find, true, actions);
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("Reviewer:");
                ui.add(egui::TextEdit::singleline(&mut state.settings.reviewer).desired_width(140.0))
                    .labelled_by(label.id)
                    .on_hover_text("Recorded as the reviewer of the claims you mark");
            });
        });
        ui.menu_button("View", |ui| {
            for command in [
                UiCommand::ToggleClaimsTable,
                UiCommand::ToggleGroups,
                UiCommand::ToggleCompare,
                UiCommand::ToggleOutlets,
                UiCommand::ToggleSources,
            ] {
                command_button(ui, command, true, actions);
            }
            command_button(ui, UiCommand::FocusText, true, actions);
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("Text size:");
                ui.add(egui::Slider::new(&mut state.settings.font_size, 11.0..=28.0)).labelled_by(label.id);
            });
        });
        ui.menu_button("Help", |ui| {
            ui.label("Marking claims:");
            ui.label("Select text (drag, double-click a word, shift-click, or Shift+arrows),");
            ui.label("then press a kind's key or Enter. Tab / J / K move between claims;");
            ui.label("Del deletes; Alt+Left/Right moves a claim's start, Alt+Shift+Left/Right its end.");
            ui.label("With a claim selected: Shift + a verdict's key sets the verdict, Alt + a frame's key");
            ui.label("adds or removes the frame, G puts it into a group, 1 to 5 group it with a suggestion.");
            ui.separator();
            let taxonomy = &state.open.project.taxonomy;
            ui.columns(2, |columns| {
                columns[0].strong("Kinds");
                for kind in &taxonomy.claim_kinds {
                    let key = kind.shortcut.map(|c| c.to_ascii_uppercase().to_string()).unwrap_or_default();
                    columns[0].label(format!("{key}  {}", kind.name));
                }
                columns[1].strong("Verdicts");
                for verdict in &taxonomy.verdicts {
                    let key = verdict
                        .shortcut
                        .map(|c| format!("Shift+{}", c.to_ascii_uppercase()))
                        .unwrap_or_default();
                    columns[1].label(format!("{key}  {}", verdict.name));
                }
            });
            ui.separator();
            ui.label(
                "Views: Claims table (Ctrl+T), Claim groups (Ctrl+Shift+G), Compare outlets (Ctrl+Shift+C).",
            );
        });
    });
}

fn status_bar_ui(ui: &mut egui::Ui, state: &AppState) {
    ui.horizontal(|ui| {
        let open = &state.open;
        let location = match &open.path {
            Some(path) => path.display().to_string(),
            None if open.is_sample => "bundled sample project (Save As to keep your changes)".into(),
            None => "not saved yet".into(),
        };
        ui.label(location);
        ui.separator();
        ui.label(format!(
            "{} · {} · {}",
            crate::text::count(open.project.documents.len(), "document"),
            crate::text::count(open.project.claims.len(), "claim"),
            crate::text::count(open.project.groups.len(), "group")
        ));
        if open.is_dirty() {
            ui.separator();
            ui.label("unsaved changes");
        }
        if let Some((message, _)) = &state.status {
            ui.separator();
            ui.label(message);
        }
    });
}

fn central_ui(ui: &mut egui::Ui, state: &mut AppState, actions: &mut Vec<Action>) {
    if state.panels.search {
        super::search::search_bar_ui(ui, state, actions);
    }
    let project = &state.open.project;
    let Some(document) = state.current_document.as_ref().and_then(|id| project.document(id)) else {
        ui.centered_and_justified(|ui| {
            ui.label("No document. Import text files with File > Import text documents (Ctrl+I) or drop .txt files here.");
        });
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.heading(&document.title);
    });
    ui.horizontal_wrapped(|ui| {
        super::documents::document_badges_ui(ui, project, document);
    });
    ui.separator();
    let selected_group =
        state.selected_claim.as_ref().and_then(|id| project.claim(id)).and_then(|c| c.group.as_ref());
    let default_kind = state
        .last_kind
        .clone()
        .or_else(|| project.taxonomy.claim_kinds.first().map(|k| k.id.clone()))
        .unwrap_or_else(|| LabelId::new("claim"));
    let matches = state.search.matches_for(&document.id);
    let view = ReaderView {
        project,
        document,
        project_version: state.open.history.state(),
        selected_claim: state.selected_claim.as_ref(),
        selected_group,
        search_matches: matches,
        current_match: state.search.current,
        default_kind: &default_kind,
        font_size: state.settings.font_size,
    };
    let mut reader_actions = Vec::new();
    state.reader.ui(ui, &view, &mut reader_actions);
    actions.extend(reader_actions.into_iter().map(|a| Action::Reader(Box::new(a))));
}

/// Applies one action.
pub fn apply_action(ctx: &egui::Context, state: &mut AppState, action: Action) {
    match action {
        Action::Command(command) => run_command(ctx, state, command),
        Action::Edit { edit, label, merge_key } => apply_edit(state, edit, &label, merge_key),
        Action::SealHistory => state.open.history.seal(),
        Action::SelectDocument(document) => show_document(state, document),
        Action::SelectClaim(None) => state.selected_claim = None,
        Action::SelectClaim(Some(claim_id)) => select_claim(state, claim_id),
        Action::Reader(action) => apply_reader_action(ctx, state, *action),
        Action::OpenPath(path) => super::files::request(ctx, state, PendingAfterPrompt::Open(Some(path))),
        Action::Status(message) => set_status(ctx, state, message),
        Action::OpenUrl(url) => {
            let scheme = url.split_once("://").map(|(scheme, _)| scheme.to_ascii_lowercase());
            if matches!(scheme.as_deref(), Some("http" | "https")) {
                ctx.open_url(egui::OpenUrl::new_tab(url));
            } else {
                set_status(ctx, state, format!("Not opened: only http(s) links open in the browser ({url})"));
            }
        }
    }
}

/// Sets the status line.
pub fn set_status(ctx: &egui::Context, state: &mut AppState, message: impl Into<String>) {
    state.status = Some((message.into(), ctx.input(|i| i.time)));
}

fn apply_edit(state: &mut AppState, edit: Edit, label: &str, merge_key: Option<String>) {
    let open = &mut state.open;
    if let Err(error) = open.history.apply(&mut open.project, edit, label, merge_key) {
        state.prompt = Some(Prompt::Error { title: format!("{label} failed"), message: error.to_string() });
    }
    // A claim or document may be gone after the edit (delete, undo of an add).
    fix_selection(state);
}

fn fix_selection(state: &mut AppState) {
    let project = &state.open.project;
    if state.selected_claim.as_ref().is_some_and(|id| project.claim(id).is_none()) {
        state.selected_claim = None;
    }
    if state.current_document.as_ref().is_none_or(|id| project.document(id).is_none()) {
        state.current_document = project.documents.first().map(|d| d.id.clone());
        state.reader.reset();
    }
}

fn show_document(state: &mut AppState, document: DocumentId) {
    if state.current_document.as_ref() != Some(&document) {
        state.current_document = Some(document);
        // The selected claim stays selected (shown in the inspector) so that the members
        // of its group stay marked in the other documents.
        state.reader.reset();
    }
}

fn select_claim(state: &mut AppState, claim_id: ClaimId) {
    let Some(claim) = state.open.project.claim(&claim_id) else {
        return;
    };
    let (document, span) = (claim.document.clone(), claim.span);
    show_document(state, document);
    state.selected_claim = Some(claim_id);
    state.reader.anchor = span.start;
    state.reader.caret = span.start;
    state.reader.scroll_to(span.start);
}

fn apply_reader_action(ctx: &egui::Context, state: &mut AppState, action: ReaderAction) {
    match action {
        // The reader has placed its caret and scrolls itself; selecting from the text
        // must not jump the view.
        ReaderAction::SelectClaim(claim) => state.selected_claim = claim,
        ReaderAction::Mark { span, kind } => mark_claim(ctx, state, span, kind),
        ReaderAction::Delete(claim_id) => {
            let label = "Delete claim".to_owned();
            apply_edit(state, Edit::Claim(RecordEdit::Remove(claim_id)), &label, None);
            set_status(ctx, state, "Claim deleted (Ctrl+Z brings it back)");
        }
        ReaderAction::Resize { claim, span } => {
            let Some(mut updated) = state.open.project.claim(&claim).cloned() else {
                return;
            };
            let Some(text) = state.open.project.document(&updated.document).map(|d| d.text.clone()) else {
                return;
            };
            let Some(quote) = QuoteSelector::capture(&text, span) else {
                return;
            };
            updated.span = span;
            updated.quote = quote;
            updated.modified = Timestamp::now();
            apply_edit(state, Edit::Claim(RecordEdit::Replace(updated)), "Move claim boundary", None);
        }
        ReaderAction::SetKind { claim, kind } => {
            let Some(mut updated) = state.open.project.claim(&claim).cloned() else {
                return;
            };
            updated.kind = kind.clone();
            updated.modified = Timestamp::now();
            apply_edit(state, Edit::Claim(RecordEdit::Replace(updated)), "Change kind", None);
            state.last_kind = Some(kind);
        }
        ReaderAction::SetVerdict { claim, verdict } => {
            let Some(mut updated) = state.open.project.claim(&claim).cloned() else {
                return;
            };
            if updated.verdict != verdict {
                let name =
                    state.open.project.taxonomy.name_of(crate::model::LabelSet::Verdict, &verdict).to_owned();
                updated.verdict = verdict;
                updated.modified = Timestamp::now();
                apply_edit(state, Edit::Claim(RecordEdit::Replace(updated)), "Change verdict", None);
                set_status(ctx, state, format!("Verdict: {name}"));
            }
        }
        ReaderAction::ToggleFrame { claim, frame } => {
            let Some(mut updated) = state.open.project.claim(&claim).cloned() else {
                return;
            };
            let name = state.open.project.taxonomy.name_of(crate::model::LabelSet::Frame, &frame).to_owned();
            let added = !updated.frames.contains(&frame);
            if added {
                updated.frames.push(frame);
            } else {
                updated.frames.retain(|f| f != &frame);
            }
            updated.modified = Timestamp::now();
            let label = if added { "Add frame" } else { "Remove frame" };
            apply_edit(state, Edit::Claim(RecordEdit::Replace(updated)), label, None);
            set_status(ctx, state, format!("{label}: {name}"));
        }
        ReaderAction::AcceptSuggestion { claim, number } => {
            match super::suggestions::accept_shown(state, &claim, number) {
                Some(Action::Edit { edit, label, merge_key }) => {
                    apply_edit(state, edit, &label, merge_key);
                    set_status(ctx, state, format!("Grouped with suggestion {}", number + 1));
                }
                _ => set_status(ctx, state, format!("No suggestion {} to group with", number + 1)),
            }
        }
        ReaderAction::PickGroup(claim) => {
            state.group_picker = Some(super::group_picker::GroupPicker::new(claim))
        }
        ReaderAction::Status(message) => set_status(ctx, state, message),
    }
}

/// Marks a new claim in the current document, selects it and sends the focus to its
/// claimant field. A span already marked with this kind is selected instead.
pub fn mark_claim(ctx: &egui::Context, state: &mut AppState, span: CharSpan, kind: LabelId) {
    let Some(document_id) = state.current_document.clone() else {
        return;
    };
    let mut request = ClaimRequest::new(document_id, span, kind.clone());
    request.reviewer = Some(state.settings.reviewer.clone());
    let open = &mut state.open;
    match crate::edit::mark_claim(&open.project, &mut open.ids, request, Timestamp::now()) {
        Ok((edit, claim_id)) => {
            let kind_name =
                open.project.taxonomy.name_of(crate::model::LabelSet::ClaimKind, &kind).to_owned();
            apply_edit(state, edit, &format!("Mark {kind_name} claim"), None);
            state.last_kind = Some(kind);
            state.selected_claim = Some(claim_id);
            state.focus_claimant = true;
        }
        Err(MarkError::AlreadyMarked { existing, .. }) => {
            set_status(ctx, state, "That span is already marked with this kind; selected it.");
            select_claim(state, existing);
        }
        Err(error) => set_status(ctx, state, format!("Not marked: {error}")),
    }
}

fn run_command(ctx: &egui::Context, state: &mut AppState, command: UiCommand) {
    match command {
        UiCommand::New => super::files::request(ctx, state, PendingAfterPrompt::New),
        UiCommand::Open => super::files::request(ctx, state, PendingAfterPrompt::Open(None)),
        UiCommand::OpenSample => super::files::request(ctx, state, PendingAfterPrompt::OpenSample),
        UiCommand::Save => super::files::save(ctx, state, false),
        UiCommand::SaveAs => super::files::save(ctx, state, true),
        UiCommand::ImportText => super::files::start_import(state),
        UiCommand::Export => state.exchange.export.open = true,
        UiCommand::Import => state.exchange.import.open = true,
        UiCommand::Undo => {
            let open = &mut state.open;
            let message = match open.history.undo(&mut open.project) {
                Some(label) => format!("Undid: {label}"),
                None => "Nothing to undo".into(),
            };
            fix_selection(state);
            set_status(ctx, state, message);
        }
        UiCommand::Redo => {
            let open = &mut state.open;
            let message = match open.history.redo(&mut open.project) {
                Some(label) => format!("Redid: {label}"),
                None => "Nothing to redo".into(),
            };
            fix_selection(state);
            set_status(ctx, state, message);
        }
        UiCommand::Find => {
            state.panels.search = true;
            state.search.focus_requested = true;
        }
        UiCommand::ToggleClaimsTable => state.panels.claims_table = !state.panels.claims_table,
        UiCommand::ToggleOutlets => state.panels.outlets = !state.panels.outlets,
        UiCommand::ToggleGroups => state.groups.open = !state.groups.open,
        UiCommand::ToggleCompare => state.compare.open = !state.compare.open,
        UiCommand::ToggleSources => state.panels.sources = !state.panels.sources,
        UiCommand::FocusText => ctx.memory_mut(|m| m.request_focus(super::reader::reader_id())),
        UiCommand::Quit => super::files::request(ctx, state, PendingAfterPrompt::Quit),
    }
}

fn handle_close_request(ctx: &egui::Context, state: &mut AppState) {
    if ctx.input(|i| i.viewport().close_requested()) && !state.closing && state.open.is_dirty() {
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        state.prompt = Some(Prompt::Unsaved { then: PendingAfterPrompt::Quit });
    }
}

fn update_title(ctx: &egui::Context, state: &mut AppState) {
    let marker = if state.open.is_dirty() { " •" } else { "" };
    let title = format!("{}{marker} — claimmark", state.open.display_name());
    if title != state.title {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        state.title = title;
    }
}

impl AppState {
    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }
}
