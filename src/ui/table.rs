//! The claims table: every claim of the project in one window, one row per claim, with
//! its document, outlet, kind, verdict, claimant, quote and group. Columns sort by a
//! click on their header, a filter box narrows the rows, and a click on a row selects
//! the claim and shows it in the reader (through [`AppCommand::SelectClaim`]).
//!
//! The table only reads the project; it never changes it. Which claims it shows and in
//! what order comes from [`claim_rows`], a plain function, and is cached between frames
//! (keyed by the project's history state, the filter and the sort), so that a frame with
//! 100,000 claims only lays out the rows in view.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use crate::model::{Claim, LabelId, LabelSet, Project, parse_colour};
use egui_extras::{Column, TableBuilder};
use std::collections::HashMap;
use std::sync::Arc;

/// A column of the claims table; every column can sort the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableColumn {
    /// The document's title.
    Document,
    /// The outlet that published the document.
    Outlet,
    /// The claim's kind, in the taxonomy's order.
    Kind,
    /// The claim's verdict, in the taxonomy's order (its rating scale).
    Verdict,
    /// Who asserts the claim.
    Claimant,
    /// The quoted text.
    Quote,
    /// The claim's group.
    Group,
}

impl TableColumn {
    /// Every column, left to right.
    pub const ALL: [TableColumn; 7] = [
        TableColumn::Document,
        TableColumn::Outlet,
        TableColumn::Kind,
        TableColumn::Verdict,
        TableColumn::Claimant,
        TableColumn::Quote,
        TableColumn::Group,
    ];

    /// The header text.
    pub fn name(self) -> &'static str {
        match self {
            TableColumn::Document => "Document",
            TableColumn::Outlet => "Outlet",
            TableColumn::Kind => "Kind",
            TableColumn::Verdict => "Verdict",
            TableColumn::Claimant => "Claimant",
            TableColumn::Quote => "Quote",
            TableColumn::Group => "Group",
        }
    }

    fn tooltip(self) -> &'static str {
        match self {
            TableColumn::Document => "Sort by document title (click again to reverse)",
            TableColumn::Outlet => "Sort by outlet name (click again to reverse)",
            TableColumn::Kind => "Sort by kind, in the taxonomy's order (click again to reverse)",
            TableColumn::Verdict => "Sort by verdict, in the taxonomy's order (click again to reverse)",
            TableColumn::Claimant => "Sort by claimant (click again to reverse)",
            TableColumn::Quote => "Sort by quoted text (click again to reverse)",
            TableColumn::Group => "Sort by group name (click again to reverse)",
        }
    }

    fn column(self) -> Column {
        let column = match self {
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
        column.at_least(50.0).clip(true)
    }
}

/// Which way a sorted column runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// A to Z, first taxonomy entry first.
    Ascending,
    /// Z to A, last taxonomy entry first.
    Descending,
}

/// How the table is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TableSort {
    /// The column sorted by.
    pub column: TableColumn,
    /// Which way.
    pub direction: SortDirection,
}

impl TableSort {
    /// The sort after a click on `column`'s header: ascending for a new column, the other
    /// way round for the current one.
    pub fn after_click(current: Option<TableSort>, column: TableColumn) -> TableSort {
        let direction = match current {
            Some(sort) if sort.column == column && sort.direction == SortDirection::Ascending => {
                SortDirection::Descending
            }
            _ => SortDirection::Ascending,
        };
        TableSort { column, direction }
    }
}

/// The indices into `project.claims` of the claims the table shows, in display order.
///
/// `filter` is split at white space; a claim is shown when every word occurs, ignoring
/// case, in its quote, claimant, document title, outlet name, outlet affiliation, kind,
/// verdict or group name. Without a sort the claims keep the project's order. Sorting
/// is stable: claims with equal keys keep the project's order, in both directions.
/// Text keys compare ignoring case; kinds and verdicts sort in the taxonomy's order
/// (labels missing from the taxonomy after the known ones, by id).
///
/// The table computes the same in steps it can cache apart ([`sorted_claims`], then
/// [`SearchText::filter`]): a stable sort of all claims, filtered, gives the same order
/// as the filtered claims sorted.
pub fn claim_rows(project: &Project, filter: &str, sort: Option<TableSort>) -> Vec<usize> {
    let order = sorted_claims(project, sort);
    let words = filter_words(filter);
    if words.is_empty() {
        return order;
    }
    SearchText::new(project).filter(&order, &words)
}

/// The words of a filter, lowercased as [`SearchText`] lowercases.
pub fn filter_words(filter: &str) -> Vec<String> {
    filter.split_whitespace().map(lowercase).collect()
}

/// Appends `text` lowercased to `out`, one char at a time, so that a filter word and the
/// text it is looked for in are lowercased alike.
fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|byte| char::from(byte.to_ascii_lowercase())));
    } else {
        for c in text.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_lowercase(&mut out, text);
    out
}

/// The lowercased text a filter searches, for every claim of a project: built once per
/// project state, it makes each keystroke in the filter box a scan of plain substrings.
#[derive(Debug, Default)]
pub struct SearchText {
    /// Every claim's quote and claimant, lowercased, one per line, claim after claim.
    claim_text: String,
    /// Where each claim's part of `claim_text` ends.
    claim_ends: Vec<usize>,
    /// Lowercased text many claims share: a document's title, outlet and affiliation;
    /// a kind's, verdict's or group's name.
    shared: Vec<String>,
    /// Per claim: its document, kind, verdict and group in `shared`.
    claim_shared: Vec<[Option<u32>; 4]>,
}

impl SearchText {
    /// The search text of every claim of `project`.
    pub fn new(project: &Project) -> SearchText {
        let mut search = SearchText::default();
        let mut slots = SharedSlots::default();
        let taxonomy = &project.taxonomy;
        let documents = project.documents_by_id();
        search.claim_ends.reserve(project.claims.len());
        search.claim_shared.reserve(project.claims.len());
        for claim in &project.claims {
            push_lowercase(&mut search.claim_text, &claim.quote.exact);
            search.claim_text.push('\n');
            push_lowercase(&mut search.claim_text, &claim.claimant);
            search.claim_ends.push(search.claim_text.len());

            let document = documents.get(&claim.document).map(|document| {
                let text = || {
                    let mut text = lowercase(&document.title);
                    if let Some(outlet) = project.outlet_of(document) {
                        text.push('\n');
                        push_lowercase(&mut text, &outlet.name);
                        text.push('\n');
                        push_lowercase(
                            &mut text,
                            taxonomy.name_of(LabelSet::Affiliation, &outlet.affiliation),
                        );
                    }
                    text
                };
                slots.slot(&mut search, 0, document.id.as_str(), text)
            });
            let kind_name = || lowercase(taxonomy.name_of(LabelSet::ClaimKind, &claim.kind));
            let kind = slots.slot(&mut search, 1, claim.kind.as_str(), kind_name);
            let verdict_name = || lowercase(taxonomy.name_of(LabelSet::Verdict, &claim.verdict));
            let verdict = slots.slot(&mut search, 2, claim.verdict.as_str(), verdict_name);
            let group = claim.group.as_ref().map(|group_id| {
                let name =
                    || lowercase(project.group(group_id).map_or(group_id.as_str(), |g| g.name.as_str()));
                slots.slot(&mut search, 3, group_id.as_str(), name)
            });
            search.claim_shared.push([document.flatten(), kind, verdict, group.flatten()]);
        }
        search
    }

    /// Whether every word (lowercased, see [`filter_words`]) occurs in one of the
    /// claim's fields. Words hold no white space, so none matches across two fields.
    pub fn matches(&self, claim_index: usize, words: &[String]) -> bool {
        let start = match claim_index.checked_sub(1) {
            Some(previous) => self.claim_ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.claim_ends.get(claim_index).copied().unwrap_or(start);
        let own = self.claim_text.get(start..end).unwrap_or("");
        let shared = self.claim_shared.get(claim_index).copied().unwrap_or_default();
        let shared = || shared.into_iter().flatten().filter_map(|slot| self.shared.get(slot as usize));
        words
            .iter()
            .all(|word| own.contains(word.as_str()) || shared().any(|text| text.contains(word.as_str())))
    }

    /// The claims of `order` that match every word, in `order`'s order.
    pub fn filter(&self, order: &[usize], words: &[String]) -> Vec<usize> {
        order.iter().copied().filter(|&claim_index| self.matches(claim_index, words)).collect()
    }
}

/// Hands out the slots of [`SearchText::shared`], one per record or label.
#[derive(Default)]
struct SharedSlots<'a> {
    /// By kind of record (so that a document and a group with one id stay apart) and id.
    slots: HashMap<(u8, &'a str), u32>,
}

impl<'a> SharedSlots<'a> {
    /// The slot of a shared text, made with `text` on first use.
    fn slot(
        &mut self,
        search: &mut SearchText,
        category: u8,
        key: &'a str,
        text: impl FnOnce() -> String,
    ) -> Option<u32> {
        if let Some(&slot) = self.slots.get(&(category, key)) {
            return Some(slot);
        }
        let slot = u32::try_from(search.shared.len()).ok()?;
        search.shared.push(text());
        self.slots.insert((category, key), slot);
        Some(slot)
    }
}

/// The position of each label of `set` in the taxonomy; unknown ids come after, by id.
fn label_rank<'a>(project: &'a Project, set: LabelSet, id: &'a LabelId) -> (usize, &'a str) {
    let labels = project.taxonomy.labels(set);
    match labels.iter().position(|label| &label.id == id) {
        Some(position) => (position, ""),
        None => (labels.len(), id.as_str()),
    }
}

/// The indices of all claims of `project`, sorted (see [`claim_rows`]).
pub fn sorted_claims(project: &Project, sort: Option<TableSort>) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..project.claims.len()).collect();
    let Some(sort) = sort else {
        return rows;
    };
    let claims = &project.claims;
    // Keys that many claims share are computed once per document or group.
    match sort.column {
        TableColumn::Document => {
            let titles: HashMap<_, String> =
                project.documents.iter().map(|d| (&d.id, lowercase(&d.title))).collect();
            let missing = String::new();
            sort_by_key(&mut rows, sort.direction, |i| titles.get(&claims[i].document).unwrap_or(&missing));
        }
        TableColumn::Outlet => {
            let names: HashMap<_, String> = project
                .documents
                .iter()
                .map(|d| (&d.id, project.outlet_of(d).map_or_else(String::new, |o| lowercase(&o.name))))
                .collect();
            let missing = String::new();
            sort_by_key(&mut rows, sort.direction, |i| names.get(&claims[i].document).unwrap_or(&missing));
        }
        TableColumn::Kind => {
            sort_by_key(&mut rows, sort.direction, |i| {
                label_rank(project, LabelSet::ClaimKind, &claims[i].kind)
            });
        }
        TableColumn::Verdict => {
            sort_by_key(&mut rows, sort.direction, |i| {
                label_rank(project, LabelSet::Verdict, &claims[i].verdict)
            });
        }
        TableColumn::Claimant => sort_by_key(&mut rows, sort.direction, |i| lowercase(&claims[i].claimant)),
        TableColumn::Quote => sort_by_key(&mut rows, sort.direction, |i| lowercase(&claims[i].quote.exact)),
        TableColumn::Group => {
            let names: HashMap<_, String> =
                project.groups.iter().map(|g| (&g.id, lowercase(&g.name))).collect();
            let missing = String::new();
            sort_by_key(&mut rows, sort.direction, |i| {
                claims[i].group.as_ref().and_then(|group| names.get(group)).unwrap_or(&missing)
            });
        }
    }
    rows
}

/// Sorts `rows` by `key`, stably in both directions: equal keys keep their order.
fn sort_by_key<K: Ord>(rows: &mut Vec<usize>, direction: SortDirection, mut key: impl FnMut(usize) -> K) {
    let mut keyed: Vec<(K, usize)> = rows.iter().map(|&row| (key(row), row)).collect();
    match direction {
        SortDirection::Ascending => keyed.sort_by(|a, b| a.0.cmp(&b.0)),
        SortDirection::Descending => keyed.sort_by(|a, b| b.0.cmp(&a.0)),
    }
    rows.clear();
    rows.extend(keyed.into_iter().map(|(_, row)| row));
}

/// The table's own inputs.
#[derive(Clone, Debug, Default)]
struct TableInputs {
    filter: String,
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
    rows: Option<(Option<TableSort>, String, Arc<Vec<usize>>)>,
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
        if let Some((sort, filter, rows)) = &self.cache.rows
            && self.cache.stamp == Some(stamp)
            && *sort == inputs.sort
            && *filter == inputs.filter
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
        cache.rows = Some((inputs.sort, inputs.filter.clone(), Arc::clone(&rows)));
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

        let (rows, recomputed) = ui
            .horizontal(|ui| {
                let label = ui.label("Filter claims:");
                ui.add(
                    egui::TextEdit::singleline(&mut self.inputs.filter)
                        .hint_text("quote, claimant, document, outlet, kind, verdict")
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
                if !self.inputs.filter.is_empty()
                    && ui.button("Clear").on_hover_text("Show all claims").clicked()
                {
                    self.inputs.filter.clear();
                }
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
            builder = builder.column(column.column());
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
            let voice = match claim.attribution {
                crate::model::Attribution::Attributed => "attributed",
                crate::model::Attribution::Asserted => "asserted",
            };
            ui.small(voice).on_hover_text(claim.attribution.name());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{
        Attribution, ClaimGroup, ClaimId, Document, DocumentId, GroupId, Outlet, OutletId, Taxonomy,
        Timestamp,
    };

    const TEXT: &str = "alpha beta gamma delta epsilon zeta eta theta iota kappa";

    fn document(id: &str, title: &str, outlet: Option<&str>) -> Document {
        Document {
            id: DocumentId::new(id),
            title: title.into(),
            outlet: outlet.map(OutletId::new),
            genre: None,
            url: None,
            published: None,
            author: None,
            captured: None,
            notes: String::new(),
            text: Arc::from(TEXT),
        }
    }

    fn outlet(id: &str, name: &str, affiliation: &str) -> Outlet {
        Outlet {
            id: OutletId::new(id),
            name: name.into(),
            domain: None,
            country: None,
            affiliation: LabelId::new(affiliation),
            owner: None,
            notes: String::new(),
        }
    }

    fn claim(id: &str, document: &str, word: &str, kind: &str, verdict: &str, claimant: &str) -> Claim {
        let start = TEXT.find(word).unwrap();
        let span = CharSpan::new(start, start + word.len());
        Claim {
            claimant: claimant.into(),
            attribution: Attribution::Attributed,
            ..Claim::new(
                ClaimId::new(id),
                DocumentId::new(document),
                span,
                QuoteSelector::capture(TEXT, span).unwrap(),
                LabelId::new(kind),
                LabelId::new(verdict),
                Timestamp::from_unix(1_700_000_000),
            )
        }
    }

    /// Claims 0..=5; the builtin taxonomy orders kinds statistic, money, event, …,
    /// prediction and verdicts unverified, true, mostly-true, half-true, misleading, false.
    fn project() -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        project.outlets.push(outlet("o-zeta", "Zeta Times", "private"));
        project.outlets.push(outlet("o-alpha", "alpha News", "state-media"));
        project.documents.push(document("d-m", "Middle report", Some("o-zeta")));
        project.documents.push(document("d-a", "another story", Some("o-alpha")));
        project.documents.push(document("d-z", "Zebra crossing", None));
        project.groups.push(ClaimGroup {
            id: GroupId::new("g-1"),
            name: "Shared figure".into(),
            notes: String::new(),
        });
        project.claims = vec![
            claim("c0", "d-m", "alpha", "money", "false", "Boris"),
            claim("c1", "d-m", "beta", "statistic", "true", "anna"),
            claim("c2", "d-a", "gamma", "money", "unverified", "Carla"),
            claim("c3", "d-a", "delta", "event", "false", "boris"),
            claim("c4", "d-z", "epsilon", "statistic", "misleading", ""),
            claim("c5", "d-z", "zeta", "prediction", "true", "Anna"),
        ];
        project.claims[3].group = Some(GroupId::new("g-1"));
        project
    }

    fn sorted(column: TableColumn, direction: SortDirection) -> Vec<usize> {
        claim_rows(&project(), "", Some(TableSort { column, direction }))
    }

    use SortDirection::{Ascending, Descending};

    #[test]
    fn unsorted_unfiltered_keeps_project_order() {
        assert_eq!(claim_rows(&project(), "", None), vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(claim_rows(&project(), "   ", None), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn sorts_by_document_title_ignoring_case_ties_in_claim_order() {
        // "another story" < "Middle report" < "Zebra crossing"
        assert_eq!(sorted(TableColumn::Document, Ascending), vec![2, 3, 0, 1, 4, 5]);
        assert_eq!(sorted(TableColumn::Document, Descending), vec![4, 5, 0, 1, 2, 3]);
    }

    #[test]
    fn sorts_by_outlet_name_with_no_outlet_first() {
        // no outlet ("") < "alpha News" < "Zeta Times"
        assert_eq!(sorted(TableColumn::Outlet, Ascending), vec![4, 5, 2, 3, 0, 1]);
        assert_eq!(sorted(TableColumn::Outlet, Descending), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn sorts_by_kind_in_taxonomy_order() {
        // statistic (1, 4) < money (0, 2) < event (3) < prediction (5)
        assert_eq!(sorted(TableColumn::Kind, Ascending), vec![1, 4, 0, 2, 3, 5]);
        assert_eq!(sorted(TableColumn::Kind, Descending), vec![5, 3, 0, 2, 1, 4]);
    }

    #[test]
    fn sorts_by_verdict_in_taxonomy_order() {
        // unverified (2) < true (1, 5) < misleading (4) < false (0, 3)
        assert_eq!(sorted(TableColumn::Verdict, Ascending), vec![2, 1, 5, 4, 0, 3]);
        assert_eq!(sorted(TableColumn::Verdict, Descending), vec![0, 3, 4, 1, 5, 2]);
    }

    #[test]
    fn sorts_by_claimant_ignoring_case_ties_keep_claim_order_both_ways() {
        // "" (4) < anna (1) = Anna (5) < Boris (0) = boris (3) < Carla (2)
        assert_eq!(sorted(TableColumn::Claimant, Ascending), vec![4, 1, 5, 0, 3, 2]);
        assert_eq!(sorted(TableColumn::Claimant, Descending), vec![2, 0, 3, 1, 5, 4]);
    }

    #[test]
    fn sorts_by_quote_and_group() {
        // alpha beta delta epsilon gamma zeta
        assert_eq!(sorted(TableColumn::Quote, Ascending), vec![0, 1, 3, 4, 2, 5]);
        assert_eq!(sorted(TableColumn::Quote, Descending), vec![5, 2, 4, 3, 1, 0]);
        assert_eq!(sorted(TableColumn::Group, Ascending), vec![0, 1, 2, 4, 5, 3]);
        assert_eq!(sorted(TableColumn::Group, Descending), vec![3, 0, 1, 2, 4, 5]);
    }

    #[test]
    fn unknown_labels_sort_after_known_ones_by_id() {
        let mut project = project();
        project.claims[0].kind = LabelId::new("zz-unknown");
        project.claims[2].kind = LabelId::new("aa-unknown");
        let rows =
            claim_rows(&project, "", Some(TableSort { column: TableColumn::Kind, direction: Ascending }));
        assert_eq!(rows, vec![1, 4, 3, 5, 2, 0]);
    }

    #[test]
    fn filter_ignores_case_over_every_field() {
        let project = project();
        let filter = |text: &str| claim_rows(&project, text, None);
        assert_eq!(filter("GAMMA"), vec![2], "quote");
        assert_eq!(filter("bOrIs"), vec![0, 3], "claimant");
        assert_eq!(filter("zebra"), vec![4, 5], "document title");
        assert_eq!(filter("ALPHA NEWS"), vec![2, 3], "outlet name, two words");
        assert_eq!(filter("state media"), vec![2, 3], "affiliation");
        assert_eq!(filter("statistic / QUANTITY"), vec![1, 4], "kind name");
        assert_eq!(filter("misleading"), vec![4], "verdict name");
        assert_eq!(filter("shared"), vec![3], "group name");
        assert_eq!(filter("nothing like this"), Vec::<usize>::new());
    }

    #[test]
    fn every_filter_word_must_match_and_not_across_fields() {
        let project = project();
        assert_eq!(claim_rows(&project, "anna zebra", None), vec![5]);
        // "beta" is claim 1's quote and "anna" its claimant: no word spans both.
        assert_eq!(claim_rows(&project, "betaanna", None), Vec::<usize>::new());
    }

    #[test]
    fn filter_then_sort() {
        let rows = claim_rows(
            &project(),
            "true",
            Some(TableSort { column: TableColumn::Claimant, direction: Descending }),
        );
        assert_eq!(rows, vec![1, 5]);
    }

    #[test]
    fn header_clicks_sort_then_reverse() {
        let first = TableSort::after_click(None, TableColumn::Claimant);
        assert_eq!(first, TableSort { column: TableColumn::Claimant, direction: Ascending });
        let second = TableSort::after_click(Some(first), TableColumn::Claimant);
        assert_eq!(second.direction, Descending);
        assert_eq!(TableSort::after_click(Some(second), TableColumn::Claimant).direction, Ascending);
        let other = TableSort::after_click(Some(second), TableColumn::Kind);
        assert_eq!(other, TableSort { column: TableColumn::Kind, direction: Ascending });
    }
}
