//! The claims table: every claim of the project in one window, one row per claim, with
//! its document, outlet, kind, verdict, claimant, quote and group. Columns sort by a
//! click on their header, a filter box and dropdowns (kind, verdict, outlet,
//! affiliation, reviewer) narrow the rows, and a click on a row selects the claim and
//! shows it in the reader (through [`AppCommand::SelectClaim`]).
//!
//! The table only reads the project; it never changes it. Which claims it shows and in
//! what order comes from [`claim_rows`], a plain function, and is cached between frames
//! (keyed by the project's history state, the filter and the sort), so that a frame with
//! 100,000 claims only lays out the rows in view.

mod rows;

pub use rows::{
    ColumnFilters, SearchText, SortDirection, TableColumn, TableSort, claim_rows, filter_words, sorted_claims,
};

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use crate::model::{Claim, LabelId, LabelSet, Project, parse_colour};
use egui_extras::{Column, TableBuilder};
use std::sync::Arc;

/// The table's own inputs.
#[derive(Clone, Debug, Default)]
struct TableInputs {
    filter: String,
    columns: ColumnFilters,
    sort: Option<TableSort>,
    /// The selected claim the table last scrolled to.
    shown_selection: Option<crate::model::ClaimId>,
}

/// Identifies the project's content: equal stamps mean equal claims, documents and
/// labels. The history state alone repeats when another project is opened (each starts
/// at 0), so the address and length of the claims are part of it: a newly opened
/// project is built while the old one still lives, so its claims sit elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ProjectStamp {
    history_state: u64,
    claims_address: usize,
    claims_len: usize,
}

impl ProjectStamp {
    fn of(cx: &ViewContext<'_>) -> ProjectStamp {
        let claims = &cx.project.claims;
        ProjectStamp {
            history_state: cx.version(),
            claims_address: claims.as_ptr().addr(),
            claims_len: claims.len(),
        }
    }
}

/// What the table computed for one project state, kept between frames: the sorted
/// order for the last sort, the search text once a filter was typed, and the rows for
/// the last sort and filter. Typing redoes only the filtering; a header click only the
/// sort and the filtering.
#[derive(Clone, Debug, Default)]
struct RowCache {
    stamp: Option<ProjectStamp>,
    sorted: Option<(Option<TableSort>, Arc<Vec<usize>>)>,
    search: Option<Arc<SearchText>>,
    rows: Option<(RowsKey, Arc<Vec<usize>>)>,
}

/// What the rows shown depend on besides the project: the sort, the filter text and
/// the dropdowns.
#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    sort: Option<TableSort>,
    filter: String,
    columns: ColumnFilters,
}

/// Id of the claims table window (and of its layer).
pub fn window_id() -> egui::Id {
    egui::Id::unique("claims-table-window")
}

/// The claims table window and its state between frames.
#[derive(Default)]
pub struct ClaimsTable {
    inputs: TableInputs,
    cache: RowCache,
}

impl ClaimsTable {
    /// The rows for the project, filter and sort, from the cache when they did not change;
    /// the flag says whether they were computed afresh.
    fn cached_rows(&mut self, cx: &ViewContext<'_>) -> (Arc<Vec<usize>>, bool) {
        let stamp = ProjectStamp::of(cx);
        let inputs = &self.inputs;
        let key =
            RowsKey { sort: inputs.sort, filter: inputs.filter.clone(), columns: inputs.columns.clone() };
        if let Some((shown, rows)) = &self.cache.rows
            && self.cache.stamp == Some(stamp)
            && *shown == key
        {
            return (Arc::clone(rows), false);
        }
        if self.cache.stamp != Some(stamp) {
            self.cache = RowCache { stamp: Some(stamp), ..RowCache::default() };
        }
        let cache = &mut self.cache;
        let project = cx.project;
        let sorted = match &cache.sorted {
            Some((sort, sorted)) if *sort == inputs.sort => Arc::clone(sorted),
            _ => {
                let sorted = Arc::new(sorted_claims(project, inputs.sort));
                cache.sorted = Some((inputs.sort, Arc::clone(&sorted)));
                sorted
            }
        };
        let words = filter_words(&inputs.filter);
        let rows = if words.is_empty() {
            sorted
        } else {
            let search = cache.search.get_or_insert_with(|| Arc::new(SearchText::new(project)));
            Arc::new(search.filter(&sorted, &words))
        };
        let rows =
            if inputs.columns.is_active() { Arc::new(inputs.columns.filter(project, &rows)) } else { rows };
        cache.rows = Some((key, Arc::clone(&rows)));
        (rows, true)
    }

    /// Shows the window while `open` (its close button clears it); a click on a row sends
    /// [`AppCommand::SelectClaim`].
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        if !*open {
            // A closed table keeps its filter and sort but not the rows (memory, and a
            // stale stamp could match a later project).
            self.cache = RowCache::default();
            return;
        }
        // At first below the text, not over the top of the reader, where a claim the table
        // jumps to is scrolled to.
        let screen = ctx.content_rect();
        egui::Window::new("Claims table")
            .id(window_id())
            .open(open)
            .resizable(true)
            .default_size([900.0, 400.0])
            // A window that shrank to fewer rows while filtering would jump under the pointer.
            .min_size([760.0, 380.0])
            .pivot(egui::Align2::CENTER_BOTTOM)
            .default_pos(screen.center_bottom() - egui::vec2(0.0, 40.0))
            .show(ctx, |ui| self.table_ui(ui, cx, commands));
    }

    /// The filter bar and the table.
    fn table_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        let project = cx.project;

        ui.horizontal(|ui| {
            let label = ui.label("Filter claims:");
            ui.add(
                egui::TextEdit::singleline(&mut self.inputs.filter)
                    .hint_text("quote, claimant, document, outlet, kind, verdict")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
            if !self.inputs.filter.is_empty() && ui.button("Clear").on_hover_text("Show all claims").clicked()
            {
                self.inputs.filter.clear();
            }
        });
        let (rows, recomputed) = ui
            .horizontal_wrapped(|ui| {
                column_filters_ui(ui, project, &mut self.inputs.columns);
                let (rows, recomputed) = self.cached_rows(cx);
                ui.separator();
                ui.label(format!("{} of {} claims", rows.len(), project.claims.len()));
                (rows, recomputed)
            })
            .inner;
        ui.separator();

        // Follow the selection (made here, in the reader or elsewhere) and keep it in view
        // when the order changes. Finding its row is linear, so only on a change.
        let inputs = &mut self.inputs;
        let selected = cx.claim_id();
        let scroll_to_row = if recomputed || inputs.shown_selection.as_ref() != selected {
            inputs.shown_selection = selected.cloned();
            selected
                .and_then(|id| project.claims.iter().position(|claim| &claim.id == id))
                .and_then(|index| rows.iter().position(|&row| row == index))
        } else {
            None
        };

        let sort_before = inputs.sort;
        let row_height = ui.text_style_height(&egui::TextStyle::Body).max(ui.spacing().interact_size.y);
        // Labels that select text would take the click meant for the row.
        ui.style_mut().interaction.selectable_labels = false;
        let mut builder = TableBuilder::new(ui)
            .id_salt("claims-table")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        for column in TableColumn::ALL {
            builder = builder.column(column_width(column));
        }
        if let Some(row) = scroll_to_row {
            builder = builder.scroll_to_row(row, None);
        }
        builder
            .header(row_height + 4.0, |mut header| {
                for column in TableColumn::ALL {
                    header.col(|ui| header_ui(ui, column, &mut inputs.sort));
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let Some(claim) = rows.get(row.index()).and_then(|&index| project.claims.get(index))
                    else {
                        return;
                    };
                    row.set_selected(selected == Some(&claim.id));
                    for column in TableColumn::ALL {
                        row.col(|ui| cell_ui(ui, project, claim, column));
                    }
                    if row.response().clicked() {
                        commands.send(AppCommand::SelectClaim(Some(claim.id.clone())));
                    }
                });
            });

        if inputs.sort != sort_before {
            // The rows of this frame were sorted before the click: show the new order now.
            ui.ctx().request_repaint();
        }
    }
}

/// The filter dropdowns: kind, verdict, outlet, affiliation and reviewer, each "All" or
/// one choice, and a button that sets them all back to "All".
fn column_filters_ui(ui: &mut egui::Ui, project: &Project, filters: &mut ColumnFilters) {
    let taxonomy = &project.taxonomy;
    let labels = |set: LabelSet| -> Vec<(LabelId, String, Option<egui::Color32>)> {
        taxonomy
            .labels(set)
            .iter()
            .map(|l| (l.id.clone(), l.name.clone(), Some(super::widgets::label_colour(project, set, &l.id))))
            .collect()
    };
    choice_ui(ui, "Kind:", "table-kind", &mut filters.kind, labels(LabelSet::ClaimKind));
    choice_ui(ui, "Verdict:", "table-verdict", &mut filters.verdict, labels(LabelSet::Verdict));
    let mut outlets: Vec<(Option<crate::model::OutletId>, String, Option<egui::Color32>)> =
        project.outlets.iter().map(|o| (Some(o.id.clone()), o.name.clone(), None)).collect();
    outlets.push((None, "No outlet recorded".into(), None));
    choice_ui(ui, "Outlet:", "table-outlet", &mut filters.outlet, outlets);
    choice_ui(
        ui,
        "Affiliation:",
        "table-affiliation",
        &mut filters.affiliation,
        labels(LabelSet::Affiliation),
    );
    let mut reviewers: Vec<(Option<crate::model::ReviewerId>, String, Option<egui::Color32>)> =
        project.reviewers.iter().map(|r| (Some(r.id.clone()), r.name.clone(), None)).collect();
    reviewers.push((None, "No reviewer recorded".into(), None));
    choice_ui(ui, "Reviewer:", "table-reviewer", &mut filters.reviewer, reviewers);
    if filters.is_active()
        && ui.button("All claims").on_hover_text("Set every dropdown back to All").clicked()
    {
        *filters = ColumnFilters::default();
    }
}

/// A labelled dropdown of "All" and `options` (value, name, colour of a swatch).
fn choice_ui<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    salt: &str,
    current: &mut Option<T>,
    options: Vec<(T, String, Option<egui::Color32>)>,
) {
    let label = ui.label(label);
    let selected = current
        .as_ref()
        .and_then(|value| options.iter().find(|(v, ..)| v == value))
        .map_or("All", |(_, name, _)| name.as_str());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(selected)
        .width(130.0)
        .truncate()
        .show_ui(ui, |ui| {
            if ui.selectable_label(current.is_none(), "All").clicked() {
                *current = None;
            }
            for (value, name, colour) in &options {
                let chosen = ui
                    .horizontal(|ui| {
                        if let Some(colour) = colour {
                            super::widgets::colour_swatch(ui, *colour);
                        }
                        ui.selectable_label(current.as_ref() == Some(value), name).clicked()
                    })
                    .inner;
                if chosen {
                    *current = Some(value.clone());
                }
            }
        })
        .response
        .labelled_by(label.id);
}

/// A header: a button with the column's name and, when the table is sorted by it, a
/// triangle pointing up (ascending) or down (descending). The triangle is painted, not a
/// glyph: the bundled fonts have no ▲ or ▼. Screen readers get the sort in words and as
/// the node's sort direction.
fn header_ui(ui: &mut egui::Ui, column: TableColumn, sort: &mut Option<TableSort>) {
    let direction = sort.filter(|s| s.column == column).map(|s| s.direction);
    let name = egui::RichText::new(column.name()).strong();
    let arrow_id = egui::IdSalt::new(("sort-arrow", column));
    let button = match direction {
        None => egui::Button::selectable(false, name),
        Some(_) => egui::Button::selectable(true, (name, egui::Atom::custom(arrow_id, egui::vec2(9.0, 9.0)))),
    };
    let atoms = button.atom_ui(ui);
    if let (Some(direction), Some(rect)) = (direction, atoms.rect(arrow_id)) {
        let colour = ui.visuals().strong_text_color();
        let rect = egui::Rect::from_center_size(rect.center(), egui::vec2(8.0, 6.0));
        let points = match direction {
            SortDirection::Ascending => vec![rect.left_bottom(), rect.right_bottom(), rect.center_top()],
            SortDirection::Descending => vec![rect.left_top(), rect.right_top(), rect.center_bottom()],
        };
        ui.painter().add(egui::Shape::convex_polygon(points, colour, egui::Stroke::NONE));
    }
    let response = atoms.response.on_hover_text(column.tooltip());
    let label = header_label(column, direction);
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, direction.is_some(), &label));
    if let Some(direction) = direction {
        let direction = match direction {
            SortDirection::Ascending => egui::accesskit::SortDirection::Ascending,
            SortDirection::Descending => egui::accesskit::SortDirection::Descending,
        };
        ui.ctx().accesskit_node_builder(response.id, |node| node.set_sort_direction(direction));
    }
    if response.clicked() {
        *sort = Some(TableSort::after_click(*sort, column));
    }
}

/// The accessible name of a column header: "Claimant", "Claimant, sorted ascending".
fn header_label(column: TableColumn, direction: Option<SortDirection>) -> String {
    match direction {
        None => column.name().to_owned(),
        Some(SortDirection::Ascending) => format!("{}, sorted ascending", column.name()),
        Some(SortDirection::Descending) => format!("{}, sorted descending", column.name()),
    }
}

/// The most chars of a quote shown in its cell; the cell truncates it further.
const QUOTE_EXCERPT_CHARS: usize = 160;

fn cell_ui(ui: &mut egui::Ui, project: &Project, claim: &Claim, column: TableColumn) {
    match column {
        TableColumn::Document => match project.document(&claim.document) {
            Some(document) => {
                ui.label(&document.title).on_hover_text(&document.title);
            }
            None => {
                ui.weak(format!("missing document {}", claim.document));
            }
        },
        TableColumn::Outlet => {
            match project.document(&claim.document).and_then(|document| project.outlet_of(document)) {
                Some(outlet) => {
                    // The badge first: its colour reads at a glance, and a narrow column
                    // truncates the name rather than hide the badge.
                    super::widgets::label_badge(ui, project, LabelSet::Affiliation, &outlet.affiliation);
                    ui.label(&outlet.name);
                }
                None => {
                    ui.weak("no outlet recorded");
                }
            }
        }
        TableColumn::Kind => swatch_and_name_ui(ui, project, LabelSet::ClaimKind, &claim.kind),
        TableColumn::Verdict => swatch_and_name_ui(ui, project, LabelSet::Verdict, &claim.verdict),
        TableColumn::Claimant => {
            if claim.claimant.trim().is_empty() {
                ui.weak("not recorded");
            } else {
                ui.label(&claim.claimant);
            }
            ui.small(claim.attribution.id()).on_hover_text(claim.attribution.name());
        }
        TableColumn::Quote => {
            let excerpt: String = claim
                .quote
                .exact
                .chars()
                .take(QUOTE_EXCERPT_CHARS)
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            ui.label(excerpt).on_hover_ui(|ui| {
                ui.set_max_width(420.0);
                ui.label(format!("…{}«{}»{}…", claim.quote.prefix, claim.quote.exact, claim.quote.suffix));
            });
        }
        TableColumn::Group => {
            if let Some(group) = &claim.group {
                match project.group(group) {
                    Some(group) => ui.label(&group.name),
                    None => ui.weak(group.as_str()),
                };
            }
        }
    }
}

/// A small square in a label's colour, then its name.
fn swatch_and_name_ui(ui: &mut egui::Ui, project: &Project, set: LabelSet, id: &LabelId) {
    let label = project.taxonomy.label(set, id);
    let colour = label
        .and_then(|label| parse_colour(&label.colour))
        .map_or(egui::Color32::GRAY, |[r, g, b]| egui::Color32::from_rgb(r, g, b));
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
    ui.label(label.map_or(id.as_str(), |label| label.name.as_str()));
}

/// The column's initial width and how it resizes.
fn column_width(column: TableColumn) -> Column {
    let width = match column {
        // Together about the width of the window's default size.
        TableColumn::Document => Column::initial(120.0),
        TableColumn::Outlet => Column::initial(150.0),
        TableColumn::Kind => Column::initial(110.0),
        TableColumn::Verdict => Column::initial(90.0),
        TableColumn::Claimant => Column::initial(140.0),
        TableColumn::Quote => Column::initial(180.0),
        // The last column takes what is left of the window's width.
        TableColumn::Group => Column::remainder(),
    };
    width.at_least(50.0).clip(true)
}
