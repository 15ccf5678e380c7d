//! The app: it owns the open project with its history, the selection, the settings and
//! every view; it lays out the panels and windows; and it is the one place where commands
//! are applied. Each frame the views draw from a read-only [`ViewContext`] and send
//! [`AppCommand`]s into a [`CommandSink`]; at the end of the frame [`ClaimmarkApp`] applies
//! them in order, changing the project only through [`crate::edit`] so that undo,
//! autosave and the unsaved marker see every change.

use super::command::{AppCommand, CommandSink, Scope, UiCommand};
use super::compare::CompareWindow;
use super::conflicts::ConflictsWindow;
use super::detector::{Detector, SuggestedClaims};
use super::documents::DocumentsPanel;
use super::exchange::{ExportWindow, ImportWindow};
use super::files::{Files, PendingAfterPrompt, Prompt};
use super::find_all::FindAllWindow;
use super::goto::GoToBar;
use super::group_picker::GroupPicker;
use super::groups::GroupsWindow;
use super::guideline::GuidelineWindow;
use super::inspector::Inspector;
use super::managers::{OutletsWindow, SourcesWindow};
use super::menu::ShortcutsWindow;
use super::palette::CommandPalette;
use super::reader::{Reader, reader_id};
use super::reviewers::ReviewersView;
use super::search::SearchBar;
use super::session::{OpenProject, Selection, Session, Settings, ViewContext, Windows};
use super::table::ClaimsTable;
use super::widgets::excerpt;
use crate::anchor::CharSpan;
use crate::edit::{ClaimRequest, Edit, MarkError, RecordEdit};
use crate::model::{ClaimId, DocumentId, LabelId, LabelSet, Project, Taxonomy, Timestamp};
use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;

/// How the app starts.
#[derive(Clone, Debug)]
pub struct StartOptions {
    /// Project to open; `None` opens the bundled sample project.
    pub file: Option<PathBuf>,
    /// Whether to try the system's file dialogs (tests turn them off).
    pub native_dialogs: bool,
    /// Folder for the recovery file of work that has no project file yet (default: the
    /// app's data folder; tests use their own).
    pub data_dir: Option<PathBuf>,
}

impl Default for StartOptions {
    fn default() -> Self {
        StartOptions { file: None, native_dialogs: true, data_dir: None }
    }
}

/// The eframe app.
pub struct ClaimmarkApp {
    session: Session,
    selection: Selection,
    files: Files,
    windows: Windows,
    documents: DocumentsPanel,
    inspector: Inspector,
    reader: Reader,
    search: SearchBar,
    table: ClaimsTable,
    outlets: OutletsWindow,
    sources: SourcesWindow,
    export: ExportWindow,
    import: ImportWindow,
    groups: GroupsWindow,
    compare: CompareWindow,
    shortcuts: ShortcutsWindow,
    guideline: GuidelineWindow,
    find_all: FindAllWindow,
    go_to: GoToBar,
    conflicts: ConflictsWindow,
    correction: super::correction::TextCorrection,
    reanchor: super::correction::ReanchorWindow,
    passage: super::passages::PassageWindow,
    page_preview: super::page_preview::PagePreview,
    reviewers: ReviewersView,
    detector: Detector,
    group_picker: Option<GroupPicker>,
    palette: CommandPalette,
    status: Option<String>,
    /// When the status message was first shown (the frame's time), to clear it later.
    status_since: Option<f64>,
    /// Whether the claims table is the window in use: opened with its key, or clicked
    /// last. Esc closes it then.
    claims_table_active: bool,
    /// The widget that had the keyboard focus at the end of the last frame (Esc in a
    /// field leaves the field, and closes nothing).
    focused_last_frame: Option<egui::Id>,
    /// Whether the window had the system's focus last frame (getting it back is when
    /// the project file is checked for changes made by other programs).
    window_focused: bool,
    title: String,
    /// Commands sent from outside the frame ([`ClaimmarkApp::send`]), applied next frame.
    queued: Vec<AppCommand>,
    /// Give the text the focus at the start of the next frame (a modal that just closed
    /// still holds it this frame).
    focus_text: bool,
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
        let mut files = Files::new(options.native_dialogs, options.data_dir.clone());
        let open = match &options.file {
            None => OpenProject::new(sample(), None, true),
            Some(path) => match crate::store::disk::load_versioned(path) {
                Ok((project, version)) => OpenProject::loaded(project, path.clone(), version),
                Err(error) => {
                    files.show_error(
                        "Could not open the project",
                        format!("{error}\n\nThe sample project is open instead."),
                    );
                    OpenProject::new(sample(), None, true)
                }
            },
        };
        let windows = Windows { claims_table: settings.claims_table_open, ..Windows::default() };
        let mut app = ClaimmarkApp {
            selection: Selection {
                document: open.project.documents.first().map(|d| d.id.clone()),
                ..Selection::default()
            },
            session: Session { open, settings },
            files,
            windows,
            documents: DocumentsPanel::default(),
            inspector: Inspector::default(),
            reader: Reader::default(),
            search: SearchBar::default(),
            table: ClaimsTable::default(),
            outlets: OutletsWindow::default(),
            sources: SourcesWindow::default(),
            export: ExportWindow::default(),
            import: ImportWindow::default(),
            groups: GroupsWindow::default(),
            compare: CompareWindow::default(),
            shortcuts: ShortcutsWindow,
            guideline: GuidelineWindow,
            find_all: FindAllWindow::default(),
            go_to: GoToBar::default(),
            conflicts: ConflictsWindow::default(),
            correction: Default::default(),
            reanchor: Default::default(),
            passage: Default::default(),
            page_preview: Default::default(),
            reviewers: ReviewersView::default(),
            detector: Detector::default(),
            group_picker: None,
            palette: CommandPalette::default(),
            status: None,
            status_since: None,
            claims_table_active: false,
            focused_last_frame: None,
            window_focused: true,
            title: String::new(),
            queued: Vec::new(),
            focus_text: false,
        };
        if let Some(path) = app.session.open.path.clone() {
            app.session.settings.remember_recent(&path);
        }
        // Unsaved work from last time: of this project, or work that had no file yet.
        if app.files.prompt.is_none() {
            app.files.opened(&mut app.session);
        }
        app.announce_open_work();
        // The first document opens at its top, not where egui's remembered scroll
        // offset of the last run (another text, perhaps another project) would put it.
        app.reader.reset();
        ctx.memory_mut(|m| m.request_focus(reader_id()));
        app
    }

    /// A project just opened with conflicts from a merge: says so, and shows them; and
    /// with claims a text correction left to place again: says so, and lists them.
    fn announce_open_work(&mut self) {
        let flagged = self.session.open.project.claims.iter().filter(|c| c.needs_reanchoring).count();
        if flagged > 0 {
            self.windows.reanchor = true;
            self.set_status(format!(
                "{} to re-anchor after a text correction: see View > Claims to re-anchor",
                crate::text::count(flagged, "claim")
            ));
        }
        let count = self.session.open.project.conflicts.len();
        if count > 0 {
            self.windows.conflicts = true;
            self.set_status(format!(
                "This project holds {} from a merge: settle them in the Conflicts window (Ctrl+Shift+K)",
                crate::text::count(count, "conflict")
            ));
        }
    }

    /// The open project with its history and file.
    pub fn open_project(&self) -> &OpenProject {
        &self.session.open
    }

    /// The project.
    pub fn project(&self) -> &Project {
        &self.session.open.project
    }

    /// What is selected.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.session.settings
    }

    /// Which windows are open.
    pub fn windows(&self) -> &Windows {
        &self.windows
    }

    /// The reader (its caret, selection and where text is on screen).
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// The claim detector's suggestions shown for the document, while View → Suggested
    /// claims is on.
    pub fn suggested(&self) -> Option<&SuggestedClaims> {
        suggested(&self.windows, &self.detector, &self.selection)
    }

    /// The open prompt, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.files.prompt.as_ref()
    }

    /// How many times the index of grouping suggestions has been built.
    pub fn suggestion_index_builds(&self) -> usize {
        self.inspector.suggestions.builds()
    }

    /// The status line's message.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether quitting was confirmed.
    pub fn is_closing(&self) -> bool {
        self.files.closing
    }

    /// What the search bar looks for.
    pub fn search_query(&self) -> &str {
        &self.search.query
    }

    /// Whether the search bar is shown.
    pub fn search_open(&self) -> bool {
        self.search.open
    }

    /// The export window (its choices and last result).
    pub fn export_window(&self) -> &ExportWindow {
        &self.export
    }

    /// The import window (its files and last result).
    pub fn import_window(&self) -> &ImportWindow {
        &self.import
    }

    /// Sends a command as a view would; it is applied at the start of the next frame,
    /// before anything is drawn.
    pub fn send(&mut self, command: AppCommand) {
        self.queued.push(command);
    }

    /// Applies a command at once, outside a frame (benchmarks time the frame after it).
    pub fn apply_now(&mut self, ctx: &egui::Context, command: AppCommand) {
        self.apply_all(ctx, vec![command]);
    }
}

impl eframe::App for ClaimmarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Commands sent from outside the frame take effect before anything is drawn.
        let queued = std::mem::take(&mut self.queued);
        self.apply_all(&ctx, queued);
        // The theme of the settings, whatever set another (a test harness, a changed setting).
        super::fonts::apply_theme(&ctx, self.session.settings.theme);
        if self.focus_text {
            // A modal of the last frame (the palette, the group picker) keeps the focus
            // from the text until a frame has passed without it.
            if ctx.memory(|m| m.top_modal_layer()).is_none() {
                ctx.memory_mut(|m| m.request_focus(reader_id()));
                self.focus_text = false;
            } else {
                ctx.request_repaint();
            }
        }
        self.expire_status(&ctx);
        let (pressed, typed) = ctx.input_mut(|i| UiCommand::pressed_then_typed(i, Scope::Global));
        // Keys typed in the same frame as Ctrl+F or Ctrl+G go to the field it opens.
        match pressed.last() {
            Some(UiCommand::Find) => self.search.hold_keys(typed),
            Some(UiCommand::GoTo) => self.go_to.hold_keys(typed),
            _ => ctx.input_mut(|i| typed.release_after(i)),
        }
        let mut commands: Vec<AppCommand> = pressed.into_iter().map(AppCommand::Run).collect();
        commands.extend(self.window_keys(&ctx).into_iter().map(AppCommand::Run));
        self.files.handle_dropped_files(&ctx, &self.session, &mut commands);
        self.files.poll_dialogs(&ctx, &mut self.session, &mut commands);

        if self.windows.suggested_claims {
            let open = &self.session.open;
            self.detector.refresh(
                &ctx,
                &open.project,
                open.history.state(),
                self.selection.document.as_ref(),
                self.session.settings.suggestion_threshold,
            );
        }
        let (documents_width, inspector_width);
        {
            let summary = open_summary(&self.session.open);
            let (cx, mut sink) = views_input(
                &mut self.session,
                &self.selection,
                suggested(&self.windows, &self.detector, &self.selection),
            );
            let windows = &mut self.windows;
            egui::Panel::top("menu-bar").show(ui, |ui| super::menu::menu_bar_ui(ui, &cx, windows, &mut sink));
            let status = self.status.as_deref();
            egui::Panel::bottom("status-bar").show(ui, |ui| status_bar_ui(ui, summary, status));
            // Side panels never take the reading column below half the window.
            let width = ui.available_width();
            let documents = SidePanel {
                id_salt: "documents-panel",
                right: false,
                default_width: 260.0,
                widths: 160.0..=(width * 0.25).max(160.0),
            };
            let given = cx.settings.documents_panel_width;
            let shown = documents.panel(ui, given).show(ui, |ui| self.documents.ui(ui, &cx, &mut sink));
            documents_width = documents.given_width(shown.response.rect.width(), given);
            let inspector = SidePanel {
                id_salt: "inspector-panel",
                right: true,
                default_width: 340.0,
                widths: 260.0..=(width * 0.3).max(260.0),
            };
            let given = cx.settings.inspector_panel_width;
            let shown = inspector.panel(ui, given).show(ui, |ui| self.inspector.ui(ui, &cx, &mut sink));
            inspector_width = inspector.given_width(shown.response.rect.width(), given);
            egui::CentralPanel::default().show(ui, |ui| {
                self.search.ui(ui, &cx, &mut sink);
                self.go_to.ui(ui, &cx, &mut sink);
                if windows.reviewers {
                    self.reviewers.ui(ui, &cx, &mut sink);
                }
                if windows.suggested_claims {
                    self.detector.bar_ui(ui, &cx, &mut sink);
                }
                central_ui(ui, &cx, &mut self.reader, &self.search, &mut sink);
            });

            self.table.show(&ctx, &mut windows.claims_table, &cx, &mut sink);
            self.outlets.show(&ctx, &mut windows.outlets, &cx, &mut sink);
            self.sources.show(&ctx, &mut windows.sources, &cx, &mut sink);
            self.export.show(&ctx, &mut windows.export, &cx, &mut sink);
            self.import.show(&ctx, &mut windows.import, &cx, &mut sink);
            self.groups.show(&ctx, &mut windows.groups, &cx, &mut sink);
            self.compare.show(&ctx, &mut windows.compare, &cx, &mut sink);
            self.shortcuts.show(&ctx, &mut windows.shortcuts, &cx);
            self.guideline.show(&ctx, &mut windows.guideline);
            self.find_all.show(&ctx, &mut windows.find_all, &cx, &mut sink);
            self.conflicts.show(&ctx, &mut windows.conflicts, &cx, &mut sink);
            self.correction.show(&ctx, &mut windows.correction, &cx, &mut sink);
            self.reanchor.show(&ctx, &mut windows.reanchor, &cx, &mut sink);
            self.passage.show(&ctx, &cx, &mut sink);
            self.page_preview.show(&ctx, &cx, &mut sink);
            if let Some(picker) = &mut self.group_picker
                && !picker.show(&ctx, &cx, &mut sink)
            {
                self.group_picker = None;
            }
            self.palette.show(&ctx, &mut sink);
            commands.extend(sink.into_commands());
        }
        self.files.prompt_ui(&ctx, &mut self.session, &mut commands);
        self.files.file_dialog_ui(&ctx, &mut self.session, &mut commands);

        // What commands change is drawn in the next frame: ask for it rather than wait for
        // more input (a key's change must not wait for the mouse to move).
        // (Sealing the history changes nothing on screen.)
        let mut changed = commands.iter().any(|c| !matches!(c, AppCommand::SealHistory));
        self.apply_all(&ctx, commands);
        let mut out = Vec::new();
        let window_focused = ctx.input(|i| i.focused);
        if window_focused && !self.window_focused {
            self.files.check_outside_change(&mut self.session, &mut out);
            // A question it asks is drawn now, not at the next mouse move.
            changed = true;
        }
        self.window_focused = window_focused;
        self.files.autosave_if_due(&ctx, &self.session, &mut out);
        changed |= !out.is_empty();
        self.apply_all(&ctx, out);
        if changed {
            ctx.request_repaint();
        }
        let settings = &mut self.session.settings;
        settings.documents_panel_width = documents_width;
        settings.inspector_panel_width = inspector_width;
        self.focused_last_frame = ctx.memory(|m| m.focused());
        self.handle_close_request(&ctx);
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.session.settings.claims_table_open = self.windows.claims_table;
        eframe::set_value(storage, eframe::APP_KEY, &self.session.settings);
    }
}

/// How long a status message stays.
const STATUS_SECONDS: f64 = 8.0;

/// The layer of the claims table window.
fn claims_table_layer() -> egui::LayerId {
    egui::LayerId::new(egui::Order::Middle, super::table::window_id())
}

/// A side panel that keeps the width it was given: egui keeps the width a panel last
/// had, so a window narrowed for a while (or a first frame before the window has its
/// size) would shrink it for good. The width the user gave it by dragging its edge is
/// kept in the settings and put back whenever it fits again.
struct SidePanel {
    id_salt: &'static str,
    right: bool,
    default_width: f32,
    widths: std::ops::RangeInclusive<f32>,
}

impl SidePanel {
    /// The egui panel, its width put back to `given` as far as it fits now (egui keys a
    /// panel's state by the scope of the `ui` it is shown in and its salt).
    fn panel(&self, ui: &egui::Ui, given: Option<f32>) -> egui::Panel {
        let id = ui.scope_id().with(self.id_salt);
        let ctx = ui.ctx();
        if let Some(given) = given
            && let Some(mut state) = egui::PanelState::load(ctx, id)
        {
            let width = given.clamp(*self.widths.start(), *self.widths.end());
            let rect = &mut state.outer_rect;
            if (rect.width() - width).abs() > 0.5 {
                match self.right {
                    true => rect.min.x = rect.max.x - width,
                    false => rect.max.x = rect.min.x + width,
                }
                ctx.data_mut(|d| d.insert_persisted(id, state));
            }
        }
        let panel =
            if self.right { egui::Panel::right(self.id_salt) } else { egui::Panel::left(self.id_salt) };
        panel.resizable(true).default_size(self.default_width).size_range(self.widths.clone())
    }

    /// The width the panel is given after it was shown `shown` wide: the width shown,
    /// unless the window squeezed it below the width `given` before.
    fn given_width(&self, shown: f32, given: Option<f32>) -> Option<f32> {
        let squeezed = shown >= *self.widths.end() - 0.5 && given.is_some_and(|g| g > shown);
        if squeezed { given } else { Some(shown) }
    }
}

/// What views draw from (the project, read-only) and where they send commands (with the
/// project's id allocator, the one part of the session they may use up).
fn views_input<'a>(
    session: &'a mut Session,
    selection: &'a Selection,
    suggested: Option<&'a SuggestedClaims>,
) -> (ViewContext<'a>, CommandSink<'a>) {
    let Session { open, settings } = session;
    let cx = ViewContext { project: &open.project, history: &open.history, selection, settings, suggested };
    (cx, CommandSink::new(&mut open.ids))
}

/// The detector's suggestions for the document shown, while View → Suggested claims is on.
fn suggested<'a>(
    windows: &Windows,
    detector: &'a Detector,
    selection: &Selection,
) -> Option<&'a SuggestedClaims> {
    let list = detector.shown().filter(|list| selection.document.as_ref() == Some(&list.document));
    if windows.suggested_claims { list } else { None }
}

/// The status line's left part: where the project lives, its counts, unsaved changes.
fn open_summary(open: &OpenProject) -> Vec<String> {
    let location = match &open.path {
        Some(path) if open.read_only => {
            format!("{} (read-only: open in another claimmark; Save asks for another name)", path.display())
        }
        Some(path) => path.display().to_string(),
        None if open.is_sample => "bundled sample project (Save As to keep your changes)".into(),
        None => "not saved yet".into(),
    };
    let project = &open.project;
    let mut counts = format!(
        "{} · {} · {}",
        crate::text::count(project.documents.len(), "document"),
        crate::text::count(project.claims.len(), "claim"),
        crate::text::count(project.groups.len(), "group")
    );
    if !project.conflicts.is_empty() {
        counts.push_str(&format!(
            " · {} to settle (Ctrl+Shift+K)",
            crate::text::count(project.conflicts.len(), "conflict")
        ));
    }
    let mut summary = vec![location, counts];
    if open.is_dirty() {
        summary.push("unsaved changes".to_owned());
    }
    summary
}

fn status_bar_ui(ui: &mut egui::Ui, summary: Vec<String>, status: Option<&str>) {
    ui.horizontal(|ui| {
        for (i, part) in summary.iter().enumerate() {
            if i > 0 {
                ui.separator();
            }
            ui.label(part);
        }
        if let Some(message) = status {
            ui.separator();
            ui.label(message);
        }
    });
}

fn central_ui(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    reader: &mut Reader,
    search: &SearchBar,
    commands: &mut CommandSink<'_>,
) {
    let Some(document) = cx.document() else {
        ui.centered_and_justified(|ui| {
            ui.label("No document. Import text files with File > Import text documents (Ctrl+I) or drop .txt files here.");
        });
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.heading(&document.title);
    });
    ui.horizontal_wrapped(|ui| {
        super::widgets::document_badges_ui(ui, cx.project, document);
    });
    ui.separator();
    reader.ui(ui, cx, search, commands);
}

impl ClaimmarkApp {
    /// Applies `commands` in order, and the commands that applying them sends.
    fn apply_all(&mut self, ctx: &egui::Context, commands: Vec<AppCommand>) {
        let mut queue: VecDeque<AppCommand> = commands.into();
        while let Some(command) = queue.pop_front() {
            let mut more = Vec::new();
            self.apply(ctx, command, &mut more);
            // What a command sends happens right after it, before the commands after it.
            for follow_up in more.into_iter().rev() {
                queue.push_front(follow_up);
            }
        }
    }

    /// Applies one command; what it sends in turn goes to `more`.
    fn apply(&mut self, ctx: &egui::Context, command: AppCommand, more: &mut Vec<AppCommand>) {
        match command {
            AppCommand::Run(command) => self.run(ctx, command, more),
            AppCommand::Edit { edit, label, merge_key } => {
                self.apply_edit(edit, &label, merge_key);
            }
            AppCommand::SealHistory => self.session.open.history.seal(),
            AppCommand::SelectDocument(document) => self.show_document(document),
            AppCommand::SelectClaim(None) | AppCommand::SelectClaimInText(None) => {
                self.selection.claim = None
            }
            AppCommand::SelectClaim(Some(claim_id)) => self.select_claim(claim_id),
            // The reader has placed its caret and scrolls itself; selecting from the text
            // must not jump the view.
            AppCommand::SelectClaimInText(Some(claim_id)) => self.selection.claim = Some(claim_id),
            AppCommand::Mark { span, kind } => self.mark_claim(ctx, span, kind),
            AppCommand::DeleteClaim(claim_id) => {
                if self.apply_edit(Edit::Claim(RecordEdit::Remove(claim_id)), "Delete claim", None) {
                    self.set_status("Claim deleted (Ctrl+Z brings it back)");
                }
            }
            AppCommand::UseKind(kind) => self.selection.last_kind = Some(kind),
            AppCommand::SetLanes(lanes) => self.selection.lanes = lanes,
            AppCommand::Adjudicate { claim, instead_of } => self.adjudicate(Some((claim, instead_of))),
            AppCommand::AdjudicateAgreed => self.adjudicate(None),
            AppCommand::AcceptSuggestion { claim, number } => {
                let (cx, mut sink) = views_input(
                    &mut self.session,
                    &self.selection,
                    suggested(&self.windows, &self.detector, &self.selection),
                );
                let accepted = self.inspector.suggestions.accept_shown(&cx, &claim, number, &mut sink);
                more.extend(sink.into_commands());
                more.push(AppCommand::Status(if accepted {
                    format!("Grouped with suggestion {}", number + 1)
                } else {
                    format!("No suggestion {} to group with", number + 1)
                }));
            }
            AppCommand::PickGroup(claim) => {
                self.group_picker = Some(GroupPicker::new(claim));
                // At once, so that the text reads no key of the next frame.
                ctx.memory_mut(|m| m.request_focus(super::group_picker::query_field_id()));
            }
            AppCommand::SelectText(span) => self.reader.select(span),
            AppCommand::FocusClaimant => self.focus_claimant(ctx),
            AppCommand::TypeAhead(keys) => match &mut self.group_picker {
                Some(picker) if picker.wants_type_ahead() => picker.hold_keys(keys),
                _ if self.inspector.focus_claimant => self.inspector.hold_keys(keys),
                _ => self.reader.hold_keys(keys),
            },
            AppCommand::OpenPath(path) => {
                self.files.request(ctx, &mut self.session, more, PendingAfterPrompt::Open(Some(path)));
            }
            AppCommand::ChooseExportDestination(format) => {
                self.files.choose_export_destination(&self.session, format);
            }
            AppCommand::ChooseImportSources(format) => {
                self.files.choose_import_sources(&self.session, format);
            }
            AppCommand::ExportDestinationChosen(path) => self.export.set_destination(&path),
            AppCommand::ImportSourcesChosen(paths) => self.import.add_sources(paths),
            AppCommand::ProjectReloaded => {
                let project = &self.session.open.project;
                let selection = &mut self.selection;
                if selection.document.as_ref().is_some_and(|d| project.document(d).is_some()) {
                    self.reader.reloaded();
                } else {
                    selection.document = project.documents.first().map(|d| d.id.clone());
                    self.reader.reset();
                }
                if selection.claim.as_ref().is_none_or(|c| project.claim(c).is_none()) {
                    selection.claim = None;
                }
                self.search.clear();
                self.group_picker = None;
            }
            AppCommand::ProjectReplaced => {
                self.announce_open_work();
                let project = &self.session.open.project;
                self.selection = Selection {
                    document: project.documents.first().map(|d| d.id.clone()),
                    claim: None,
                    last_kind: None,
                    // Another project's reviewers: the view picks two of these.
                    lanes: None,
                };
                self.reader.reset();
                self.search.clear();
                self.group_picker = None;
                self.detector.reset();
                // Pages and passages of the project closed are not added to this one.
                self.page_preview.pages.clear();
                self.passage.draft = None;
            }
            AppCommand::TakeSuggestedClaim { document, candidate, kind } => {
                self.take_suggestion(&document, &candidate, kind)
            }
            AppCommand::RejectSuggestedClaim { document, candidate } => {
                if !self.still_open(&document, &candidate) {
                    return;
                }
                let open = &mut self.session.open;
                let Some(doc) = open.project.document(&document) else { return };
                let reviewer = Some(self.session.settings.reviewer.as_str());
                let edit = crate::detect::suggestions::reject(
                    &open.project,
                    &mut open.ids,
                    doc,
                    &candidate,
                    reviewer,
                    Timestamp::now(),
                );
                let quote = excerpt(candidate.quote(&doc.text), 60);
                if self.apply_edit(edit, "Reject suggested claim", None) {
                    self.set_status(format!("Rejected “{quote}”: not proposed again (Ctrl+Z takes it back)"));
                }
            }
            AppCommand::ChangeSettings(settings) => self.session.settings = settings,
            AppCommand::StartPassage(span) => {
                if let Some(document) = &self.selection.document {
                    self.passage.start(&self.session.open.project, document, span);
                }
            }
            AppCommand::ChooseCorrectedText => self.files.choose_corrected_text(&self.session),
            AppCommand::CorrectedTextChosen(path) => {
                if let Err(error) = self.correction.load(&path) {
                    self.files.show_error("Not loaded", error);
                }
            }
            AppCommand::ShowReanchor => self.windows.reanchor = true,
            AppCommand::PreviewPages(pages) => self.page_preview.add(pages),
            AppCommand::Status(message) => self.set_status(message),
            AppCommand::Error { title, message } => self.files.show_error(&title, message),
            AppCommand::OpenUrl(url) => {
                if let Some(url) = super::widgets::web_url(&url) {
                    ctx.open_url(egui::OpenUrl::new_tab(url));
                } else {
                    self.set_status(format!("Not opened: only http(s) links open in the browser ({url})"));
                }
            }
        }
    }

    /// Runs a named command.
    fn run(&mut self, ctx: &egui::Context, command: UiCommand, more: &mut Vec<AppCommand>) {
        let files = &mut self.files;
        let session = &mut self.session;
        match command {
            UiCommand::New => files.request(ctx, session, more, PendingAfterPrompt::New),
            UiCommand::Open => files.request(ctx, session, more, PendingAfterPrompt::Open(None)),
            UiCommand::OpenSample => files.request(ctx, session, more, PendingAfterPrompt::OpenSample),
            UiCommand::Quit => files.request(ctx, session, more, PendingAfterPrompt::Quit),
            UiCommand::Save => files.save(ctx, session, more, false),
            UiCommand::SaveAs => files.save(ctx, session, more, true),
            UiCommand::ImportText => files.start_import(session),
            UiCommand::Export => self.windows.export = true,
            UiCommand::Import => self.windows.import = true,
            UiCommand::Undo | UiCommand::Redo => {
                let open = &mut self.session.open;
                let before: HashSet<ClaimId> = open.project.claims.iter().map(|c| c.id.clone()).collect();
                let message = if command == UiCommand::Undo {
                    open.history
                        .undo(&mut open.project)
                        .map_or("Nothing to undo".into(), |l| format!("Undid: {l}"))
                } else {
                    open.history
                        .redo(&mut open.project)
                        .map_or("Nothing to redo".into(), |l| format!("Redid: {l}"))
                };
                self.fix_selection();
                // A claim it brings back (undo of a delete, redo of a mark) is selected.
                let back = self.session.open.project.claims.iter().find(|c| !before.contains(&c.id));
                if let Some(claim_id) = back.map(|c| c.id.clone()) {
                    self.select_claim(claim_id);
                }
                self.set_status(message);
            }
            UiCommand::Find => self.search.start(),
            UiCommand::GoTo => self.go_to.start(),
            UiCommand::FindInAllDocuments => {
                self.windows.find_all = true;
                self.find_all.start();
            }
            UiCommand::CommandPalette => self.palette.start(),
            UiCommand::ToggleClaimsTable => {
                self.windows.claims_table ^= true;
                self.claims_table_active = self.windows.claims_table;
            }
            UiCommand::CloseWindow => self.windows.claims_table = false,
            UiCommand::ToggleGroups => self.windows.groups ^= true,
            UiCommand::ToggleCompare => self.windows.compare ^= true,
            UiCommand::ToggleOutlets => self.windows.outlets ^= true,
            UiCommand::ToggleSources => self.windows.sources ^= true,
            UiCommand::ToggleShortcuts => self.windows.shortcuts ^= true,
            UiCommand::ToggleGuideline => self.windows.guideline ^= true,
            UiCommand::ToggleConflicts => self.windows.conflicts ^= true,
            UiCommand::CorrectText => self.windows.correction ^= true,
            UiCommand::ToggleReanchor => self.windows.reanchor ^= true,
            UiCommand::ToggleReviewers => {
                self.windows.reviewers ^= true;
                // The lanes go with the view; it picks two reviewers when shown again.
                if !self.windows.reviewers {
                    self.selection.lanes = None;
                }
            }
            UiCommand::ToggleKindLabels => self.session.settings.kind_labels ^= true,
            UiCommand::ToggleSuggestedClaims => {
                self.windows.suggested_claims ^= true;
                let state =
                    if self.windows.suggested_claims { "on: Tab goes to the next one" } else { "off" };
                self.set_status(format!("Suggested claims {state}"));
            }
            UiCommand::NextDocument | UiCommand::PreviousDocument => {
                let forward = command == UiCommand::NextDocument;
                let open = &self.session.open.project;
                if let Some(document) =
                    self.documents.neighbour(open, self.selection.document.as_ref(), forward)
                {
                    more.push(AppCommand::SelectDocument(document));
                }
            }
            UiCommand::FocusText => {
                ctx.memory_mut(|m| m.request_focus(reader_id()));
                self.focus_text = true;
            }
            text_command => {
                // A text command given by name (the palette): as if its key were pressed
                // in the text, which then gets the focus.
                let (cx, mut sink) = views_input(
                    &mut self.session,
                    &self.selection,
                    suggested(&self.windows, &self.detector, &self.selection),
                );
                self.reader.run_command(text_command, &cx, &self.search, &mut sink);
                more.extend(sink.into_commands());
                if !text_command.takes_focus() {
                    more.push(AppCommand::Run(UiCommand::FocusText));
                }
            }
        }
    }

    fn set_status(&mut self, message: impl Into<String>) {
        self.status = Some(message.into());
        self.status_since = None;
    }

    /// Clears the status message once it has been shown for [`STATUS_SECONDS`], and asks
    /// for a frame then.
    fn expire_status(&mut self, ctx: &egui::Context) {
        if self.status.is_none() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let shown_for = now - *self.status_since.get_or_insert(now);
        if shown_for >= STATUS_SECONDS {
            self.status = None;
            self.status_since = None;
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(STATUS_SECONDS - shown_for));
        }
    }

    /// The keys of the window in use ([`Scope::Window`]: Esc closes the claims table),
    /// when no field, menu or modal takes them first. A click decides which window is in
    /// use; opening the table with its key makes it the one.
    fn window_keys(&mut self, ctx: &egui::Context) -> Vec<UiCommand> {
        if let Some(pos) = ctx.input(|i| i.pointer.any_pressed().then(|| i.pointer.press_origin()).flatten())
        {
            self.claims_table_active = ctx.layer_id_at(pos) == Some(claims_table_layer());
        }
        let free = self.focused_last_frame.is_none_or(|id| id == reader_id())
            && ctx.memory(|m| m.top_modal_layer()).is_none()
            && !egui::Popup::is_any_open(ctx);
        if self.windows.claims_table && self.claims_table_active && free {
            ctx.input_mut(|i| UiCommand::pressed(i, Scope::Window))
        } else {
            Vec::new()
        }
    }

    /// Applies `edit` as one undo step; `false` (with the error shown) when it was refused.
    fn apply_edit(&mut self, mut edit: Edit, label: &str, merge_key: Option<String>) -> bool {
        let open = &mut self.session.open;
        // Who changed a claim: the reviewer working in this app, once the project knows them.
        if let Some(reviewer) = open.project.reviewer_by_name(&self.session.settings.reviewer) {
            edit.stamp_changes_by(&reviewer.id.clone());
        }
        let result = open.history.apply(&mut open.project, edit, label, merge_key);
        if let Err(error) = &result {
            self.files.show_error(&format!("{label} failed"), error.to_string());
        }
        // A claim or document may be gone after the edit (delete, undo of an add).
        self.fix_selection();
        result.is_ok()
    }

    fn fix_selection(&mut self) {
        let project = &self.session.open.project;
        if self.selection.claim.as_ref().is_some_and(|id| project.claim(id).is_none()) {
            self.selection.claim = None;
        }
        if self.selection.document.as_ref().is_none_or(|id| project.document(id).is_none()) {
            self.selection.document = project.documents.first().map(|d| d.id.clone());
            self.reader.reset();
        }
    }

    fn show_document(&mut self, document: DocumentId) {
        if self.selection.document.as_ref() != Some(&document) {
            self.selection.document = Some(document);
            // The selected claim stays selected (shown in the inspector) so that the members
            // of its group stay marked in the other documents.
            self.reader.reset();
        }
    }

    fn select_claim(&mut self, claim_id: ClaimId) {
        let Some(claim) = self.session.open.project.claim(&claim_id) else {
            return;
        };
        let (document, span) = (claim.document.clone(), claim.span);
        self.show_document(document);
        self.selection.claim = Some(claim_id);
        self.reader.place_caret(span.start);
    }

    /// Marks a new claim in the current document, selects it and sends the focus to its
    /// claimant field. A span already marked with this kind is selected instead.
    fn mark_claim(&mut self, ctx: &egui::Context, span: CharSpan, kind: LabelId) {
        let Some(document_id) = self.selection.document.clone() else {
            return;
        };
        let mut request = ClaimRequest::new(document_id, span, kind.clone());
        request.reviewer = Some(self.session.settings.reviewer.clone());
        // In the Reviewers view the editor marks the settled version.
        request.adjudicated = self.selection.lanes.is_some();
        let open = &mut self.session.open;
        match crate::edit::mark_claim(&open.project, &mut open.ids, request, Timestamp::now()) {
            Ok((edit, claim_id)) => {
                let kind_name = open.project.taxonomy.name_of(LabelSet::ClaimKind, &kind).to_owned();
                if self.apply_edit(edit, &format!("Mark {kind_name} claim"), None) {
                    if self.selection.lanes.is_some() {
                        self.set_status(format!(
                            "Marked a claim of your own ({kind_name}) into the adjudicated set"
                        ));
                    }
                    self.selection.last_kind = Some(kind);
                    self.selection.claim = Some(claim_id);
                    self.focus_claimant(ctx);
                }
            }
            Err(MarkError::AlreadyMarked { existing, .. }) => {
                self.set_status("That span is already marked with this kind; selected it.");
                self.select_claim(existing);
            }
            Err(error) => self.set_status(format!("Not marked: {error}")),
        }
    }

    /// Whether `candidate` is still open in `document`: no claim overlaps it and no one
    /// rejected its span (a decision sent on a list of an older version may not be);
    /// says why not in the status line.
    fn still_open(&mut self, document: &DocumentId, candidate: &crate::detect::Candidate) -> bool {
        let project = &self.session.open.project;
        let claimed = project.claims_in(document).any(|c| c.span.overlaps(&candidate.span));
        let rejected = project.rejections.iter().any(|r| &r.document == document && r.span == candidate.span);
        if claimed || rejected {
            let why = if claimed { "a claim covers it now" } else { "it was rejected" };
            self.set_status(format!("That suggestion is no longer open: {why}"));
        }
        !claimed && !rejected
    }

    /// Marks a suggestion of the detector as a claim of `kind`, of origin suggested, as
    /// the reviewer of the settings; one undo step. The focus stays in the text, on the
    /// next suggestion (the reader has moved there).
    fn take_suggestion(
        &mut self,
        document: &DocumentId,
        candidate: &crate::detect::Candidate,
        kind: LabelId,
    ) {
        if !self.still_open(document, candidate) {
            return;
        }
        let open = &mut self.session.open;
        let Some(doc) = open.project.document(document) else { return };
        let reviewer = Some(self.session.settings.reviewer.as_str());
        let result = crate::detect::suggestions::accept(
            &open.project,
            &mut open.ids,
            doc,
            candidate,
            crate::detect::suggestions::Take { kind: kind.clone(), origin: crate::model::Origin::Suggested },
            reviewer,
            Timestamp::now(),
        );
        let quote = excerpt(candidate.quote(&doc.text), 60);
        match result {
            Ok((edit, _)) => {
                let kind_name = open.project.taxonomy.name_of(LabelSet::ClaimKind, &kind).to_owned();
                if self.apply_edit(edit, &format!("Accept suggested {kind_name} claim"), None) {
                    self.selection.last_kind = Some(kind);
                    self.set_status(format!("Accepted “{quote}” as {kind_name} (Ctrl+Z takes it back)"));
                }
            }
            Err(error) => self.set_status(format!("Not accepted: {error}")),
        }
    }

    /// Copies `claim` (a reviewer's) into the adjudicated set, or with `None` every claim
    /// the two reviewers of the lanes marked alike in the document shown; one undo step,
    /// as the reviewer working in this app (the editor). The copy is selected.
    fn adjudicate(&mut self, claim: Option<(ClaimId, Option<ClaimId>)>) {
        use crate::team::adjudicate;
        let open = &mut self.session.open;
        let editor = Some(self.session.settings.reviewer.as_str());
        let result = match (&claim, &self.selection.lanes, &self.selection.document) {
            (Some((id, other)), _, _) => {
                adjudicate::accept(&open.project, &mut open.ids, id, other.as_ref(), editor, Timestamp::now())
                    .map(|(edit, copy)| (edit, Some(copy), 1))
            }
            (None, Some(lanes), Some(document)) => {
                let pair = (&lanes.upper, &lanes.lower);
                adjudicate::accept_agreed(
                    &open.project,
                    &mut open.ids,
                    document,
                    pair,
                    editor,
                    Timestamp::now(),
                )
                .map(|(edit, count)| (edit, None, count))
            }
            (None, _, _) => return self.set_status("Open View > Reviewers and choose two reviewers first."),
        };
        match result {
            Ok((edit, copy, count)) => {
                let label = if copy.is_some() { "Accept claim" } else { "Accept agreed claims" };
                if self.apply_edit(edit, label, None) {
                    if let Some(copy) = copy {
                        self.selection.claim = Some(copy);
                    }
                    let what =
                        if count == 1 { "1 more claim".to_owned() } else { format!("{count} more claims") };
                    let total = self.session.open.project.claims.iter().filter(|c| c.adjudicated).count();
                    self.set_status(format!(
                        "Settled {what} ({total} in the adjudicated set); Ctrl+Z takes it back"
                    ));
                }
            }
            Err(error) => self.set_status(format!("Not accepted: {error}")),
        }
    }

    /// Sends the focus to the claimant field of the selected claim: away from the text at
    /// once, so that the text reads no key of the next frame, and into the field as soon
    /// as it takes keys (with the keys typed meanwhile).
    fn focus_claimant(&mut self, ctx: &egui::Context) {
        ctx.memory_mut(|m| m.request_focus(super::inspector::claimant_field_id()));
        self.inspector.focus_claimant = true;
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.files.closing
            && self.session.open.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.files.prompt = Some(Prompt::Unsaved { then: PendingAfterPrompt::Quit });
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let open = &self.session.open;
        let marker = if open.is_dirty() { " •" } else { "" };
        let read_only = if open.read_only { " (read-only)" } else { "" };
        let title = format!("{}{read_only}{marker} — claimmark", open.display_name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
