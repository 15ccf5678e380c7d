//! The comparison view: rows are outlets, affiliations or genres, columns frames, claim
//! kinds or verdicts. First a heat map, each cell the count and share of the row's claims
//! in one colour scale for the whole matrix ([`super::colours::heat_colour`]), with the
//! row names fixed at the left and the columns scrolling sideways; clicking a cell lists
//! its claims (click one to show it). Then the stacked bars of the HTML report: one bar
//! per row divided among the columns in their label colours. Last, which claim groups
//! each row covers and which it leaves out. The numbers are [`crate::compare::compare`]'s
//! and [`crate::compare::coverage`]'s, computed again only when the project or the choice
//! changes.
//!
//! Each cell's tooltip gives its share's 95% interval, and a thin row (few claims, or
//! all from one document) carries a "thin" tag that says why. Below the heat map,
//! "Is it more than chance?" (`compare/stats.rs`) reads the tests of difference out, with
//! the unit (claims or documents) and the column compared pair by pair to choose.
//!
//! Every heading, cell and bar piece is also a node for screen readers (and for the tests,
//! which check that headings and cells never overlap).

use super::colours::{heat_colour, text_on};
use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use super::widgets::hex_colour;
use crate::compare::inference::{self, Statistics};
use crate::compare::output::stats::reading;
use crate::compare::{Comparison, Coverage, Dimension, Measure, Unit, compare, coverage};
use crate::model::ClaimId;
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, StrokeKind, Ui, pos2, vec2};

/// The comparison window and its state between frames.
pub struct CompareWindow {
    /// Rows.
    pub by: Dimension,
    /// Columns.
    pub against: Measure,
    /// The clicked cell (row, column).
    pub cell: Option<(usize, usize)>,
    /// What the statistics count: claims or documents.
    pub unit: Unit,
    /// The id of the column whose rows are compared pair by pair; `None` for the one that
    /// differs most.
    pub pair_column: Option<String>,
    cache: Option<Cached>,
}

/// What the cached numbers depend on: the project's version and the choices.
type CacheKey = (u64, Dimension, Measure, Unit);

/// The numbers of the last key, and the pair column their statistics compare pairs on:
/// another pair column recomputes only the pairs.
struct Cached {
    key: CacheKey,
    comparison: Comparison,
    coverage: Coverage,
    statistics: Statistics,
    /// The statistics read out in sentences ([`crate::compare::output::stats::reading`]).
    reading: Vec<String>,
    pairs_on: Option<String>,
}

impl Default for CompareWindow {
    fn default() -> Self {
        CompareWindow {
            by: Dimension::Affiliation,
            against: Measure::Frame,
            cell: None,
            unit: Unit::Claims,
            pair_column: None,
            cache: None,
        }
    }
}

mod stats;

/// Width of the row names at the left of the heat map and the bars.
const ROW_LABEL_WIDTH: f32 = 190.0;
/// Width of the "thin" tag at the right of a thin row's name.
const THIN_TAG_WIDTH: f32 = 40.0;
/// Narrowest and widest cell: between them, as wide as the longest word of a heading.
const CELL_WIDTH: std::ops::RangeInclusive<f32> = 66.0..=124.0;
const CELL_HEIGHT: f32 = 36.0;
/// The column of each row's claim count.
const TOTAL_WIDTH: f32 = 70.0;
/// Text of headings, cells and bars: the app's small text size.
const SMALL: f32 = super::fonts::MIN_TEXT_SIZE;
const BAR_HEIGHT: f32 = 22.0;
const BAR_STEP: f32 = 30.0;

/// What the note above the heat map says about the counting.
pub fn counting_note(against: Measure) -> &'static str {
    match against {
        Measure::Frame => {
            "Each cell: how many of the row's claims carry the column's label, and their share of the row. \
             A claim with two frames counts in both, so frame shares can add up to more than 100%."
        }
        Measure::Kind | Measure::Verdict => {
            "Each cell: how many of the row's claims carry the column's label, and their share of the row. \
             Each claim has one, so a row's shares add up to 100%."
        }
    }
}

impl CompareWindow {
    /// Shows the window while `open`; a click on a listed claim sends [`AppCommand::SelectClaim`].
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        let version = cx.version();
        let project = cx.project;
        let view = self;
        egui::Window::new("Compare outlets").open(open).default_size([1000.0, 620.0]).show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Rows:");
                egui::ComboBox::from_id_salt("compare-by")
                    .selected_text(view.by.name())
                    .show_ui(ui, |ui| {
                        for by in [Dimension::Outlet, Dimension::Affiliation, Dimension::Genre] {
                            ui.selectable_value(&mut view.by, by, by.name());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let label = ui.label("Columns:");
                egui::ComboBox::from_id_salt("compare-against")
                    .selected_text(view.against.name())
                    .show_ui(ui, |ui| {
                        for against in [Measure::Frame, Measure::Kind, Measure::Verdict] {
                            ui.selectable_value(&mut view.against, against, against.name());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let label = ui.label("Statistics count:");
                egui::ComboBox::from_id_salt("compare-unit")
                    .selected_text(view.unit.name())
                    .show_ui(ui, |ui| {
                        for unit in Unit::ALL {
                            ui.selectable_value(&mut view.unit, unit, unit.name());
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(
                        "Claims: each claim is one unit. Documents: each document (or quoted passage) counts \
                         once, with or without a claim of the label; use it when the question is about outlets.",
                    );
            });
            // A new choice of rows or columns compares pairs on the column that differs most.
            if view.cache.as_ref().is_some_and(|c| (c.key.1, c.key.2) != (view.by, view.against)) {
                view.pair_column = None;
            }
            let key = (version, view.by, view.against, view.unit);
            match view.cache.as_mut() {
                Some(cached) if cached.key == key => {
                    if cached.pairs_on != view.pair_column {
                        let column = view.pair_column.as_deref().and_then(|id| cached.comparison.column_of(id));
                        if let Some(column) = column {
                            cached.statistics = cached.statistics.with_pairs_on(column);
                            cached.reading = reading(&cached.comparison, &cached.statistics);
                        }
                        cached.pairs_on.clone_from(&view.pair_column);
                    }
                }
                _ => {
                    let comparison = compare(project, view.by, view.against);
                    let pair_column = view.pair_column.as_deref().and_then(|id| comparison.column_of(id));
                    let statistics = inference::statistics(project, &comparison, view.unit, pair_column);
                    if view.cache.as_ref().is_none_or(|c| (c.key.0, c.key.1, c.key.2) != (key.0, key.1, key.2)) {
                        view.cell = None;
                    }
                    view.cache = Some(Cached {
                        key,
                        coverage: coverage(project, view.by),
                        reading: reading(&comparison, &statistics),
                        comparison,
                        statistics,
                        pairs_on: view.pair_column.clone(),
                    });
                }
            }
            let Some(Cached { comparison, coverage, statistics, reading, .. }) = view.cache.as_ref() else {
                return;
            };
            ui.small(counting_note(comparison.against));
            let passages: usize = comparison.row_passages.iter().sum();
            if passages > 0 && view.by != Dimension::Genre {
                ui.small(format!(
                    "{} quoted from other outlets: their claims count for the outlet quoted, not for the page that quoted it.",
                    crate::text::count(passages, "passage")
                ));
            }
            egui::ScrollArea::vertical().id_salt("compare-scroll").show(ui, |ui| {
                ui.strong("Heat map: share of each row's claims");
                scale_ui(ui);
                if let Some(cell) = heat_map_ui(ui, comparison, statistics, view.cell) {
                    view.cell = Some(cell);
                }
                if let Some((row, column)) = view.cell {
                    cell_claims_ui(ui, project, comparison, row, column, commands);
                }
                ui.separator();
                if let Some(column) = stats::statistics_ui(ui, comparison, statistics, reading) {
                    view.pair_column = comparison.columns.get(column).map(|h| h.id.clone());
                }
                ui.separator();
                if let Some(cell) = bars_ui(ui, comparison) {
                    view.cell = Some(cell);
                }
                ui.separator();
                coverage_ui(ui, coverage);
            });
        });
    }
}

/// The width the matrix and the bars may take: what the window leaves, except in the
/// window's first (sizing) pass, where that is unbounded and the window would grow to
/// the whole matrix; there a width that fits the window's default size.
fn usable_width(ui: &Ui) -> f32 {
    if ui.is_sizing_pass() { 760.0 } else { ui.available_width() }
}

/// The colour of a column's label (grey where the column has none).
fn column_colour(hex: Option<&str>) -> Color32 {
    hex_colour(hex, Color32::from_rgb(0xc7, 0xc7, 0xc7))
}

/// The scale's legend: 0% to 100% in the heat map's colours.
fn scale_ui(ui: &mut Ui) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.small("0%");
        let (rect, _) = ui.allocate_exact_size(vec2(200.0, 12.0), Sense::hover());
        let steps = 40;
        for i in 0..steps {
            let x0 = rect.min.x + rect.width() * i as f32 / steps as f32;
            let x1 = rect.min.x + rect.width() * (i + 1) as f32 / steps as f32;
            let piece = Rect::from_x_y_ranges(x0..=x1, rect.y_range());
            ui.painter().rect_filled(piece, 0.0, heat_colour(f64::from(i) / f64::from(steps - 1), dark));
        }
        ui.small("100% of the row's claims (one scale for every cell)");
    });
}

/// How wide cells are for these headings: as wide as the longest word, within
/// [`CELL_WIDTH`], so that a heading breaks between words.
fn cell_width(ui: &Ui, comparison: &Comparison) -> f32 {
    let font = FontId::proportional(SMALL);
    let widest = comparison
        .columns
        .iter()
        .flat_map(|header| header.name.split_whitespace())
        .map(|word| {
            ui.fonts_mut(|f| f.layout_no_wrap(word.to_owned(), font.clone(), Color32::WHITE).size().x)
        })
        .fold(0.0_f32, f32::max);
    (widest + 10.0).clamp(*CELL_WIDTH.start(), *CELL_WIDTH.end())
}

/// Paints the heat map: the row names, then the headings and cells in a sideways
/// scrolling area; returns the cell clicked this frame.
fn heat_map_ui(
    ui: &mut Ui,
    comparison: &Comparison,
    statistics: &Statistics,
    selected: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let text = ui.visuals().strong_text_color();
    let small = FontId::proportional(SMALL);
    let width = cell_width(ui, comparison);
    let headers: Vec<_> = comparison
        .columns
        .iter()
        .map(|header| ui.fonts_mut(|f| f.layout(header.name.clone(), small.clone(), text, width - 6.0)))
        .collect();
    let header_height = headers.iter().map(|g| g.size().y).fold(0.0_f32, f32::max).max(SMALL) + 8.0;
    let rows = comparison.rows.len();
    let mut clicked = None;
    ui.horizontal_top(|ui| {
        // The row names stay in view while the columns scroll.
        let size = vec2(ROW_LABEL_WIDTH, header_height + CELL_HEIGHT * rows as f32);
        let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
        for (r, header) in comparison.rows.iter().enumerate() {
            let cell = Rect::from_min_size(
                pos2(rect.min.x, rect.min.y + header_height + CELL_HEIGHT * r as f32),
                vec2(ROW_LABEL_WIDTH - 8.0, CELL_HEIGHT - 2.0),
            );
            let thin = statistics.thin_reasons(r);
            let name_width = if thin.is_empty() { cell.width() } else { cell.width() - THIN_TAG_WIDTH };
            let galley =
                ui.fonts_mut(|f| f.layout(header.name.clone(), FontId::proportional(13.0), text, name_width));
            let top = cell.center().y - galley.size().y / 2.0;
            ui.painter_at(cell).galley(pos2(cell.min.x + 2.0, top), galley, text);
            let name = Rect::from_min_max(cell.min, pos2(cell.min.x + name_width, cell.max.y));
            let response = ui.interact(name, ui.scope_id().with(("heat-map-row", r)), Sense::hover());
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::RowHeader, true, &header.name));
            if !thin.is_empty() {
                stats::thin_tag_ui(ui, cell, r, &header.name, &thin);
            }
        }
        // As wide as the window leaves, never wider: more columns scroll, with a solid
        // scroll bar (egui's floating one hides until hovered) that says so.
        let columns_width = usable_width(ui);
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::horizontal()
            .id_salt("heat-map-columns")
            .max_width(columns_width)
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
            .show(ui, |ui| {
                clicked =
                    heat_map_cells_ui(ui, comparison, statistics, selected, &headers, width, header_height);
            });
    });
    clicked
}

/// The headings and cells of the heat map, with each row's claim count at the right.
fn heat_map_cells_ui(
    ui: &mut Ui,
    comparison: &Comparison,
    statistics: &Statistics,
    selected: Option<(usize, usize)>,
    headers: &[std::sync::Arc<egui::Galley>],
    width: f32,
    header_height: f32,
) -> Option<(usize, usize)> {
    let columns = comparison.columns.len();
    let size = vec2(
        width * columns as f32 + TOTAL_WIDTH,
        header_height + CELL_HEIGHT * comparison.rows.len() as f32,
    );
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let visuals = ui.visuals();
    let (dark, text) = (visuals.dark_mode, visuals.strong_text_color());
    let painter = ui.painter_at(rect);
    let small = FontId::proportional(SMALL);
    let origin = rect.min;
    let mut clicked = None;
    // Column headings, wrapped into their cell's width, standing on the cells.
    for (c, (header, galley)) in comparison.columns.iter().zip(headers).enumerate() {
        let x = origin.x + width * c as f32;
        let at = pos2(x + 3.0, origin.y + header_height - 4.0 - galley.size().y);
        let heading = Rect::from_min_size(at, galley.size());
        painter.galley(at, galley.clone(), text);
        let response = ui.interact(heading, ui.scope_id().with(("heat-map-heading", c)), Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ColumnHeader, true, &header.name));
    }
    let total_x = origin.x + width * columns as f32;
    painter.text(
        pos2(total_x + 6.0, origin.y + header_height - 4.0),
        Align2::LEFT_BOTTOM,
        "claims",
        small.clone(),
        text,
    );
    for (r, header) in comparison.rows.iter().enumerate() {
        let y = origin.y + header_height + CELL_HEIGHT * r as f32;
        for c in 0..columns {
            let cell = Rect::from_min_size(
                pos2(origin.x + width * c as f32, y),
                vec2(width - 2.0, CELL_HEIGHT - 2.0),
            );
            let (count, share) = (comparison.count(r, c), comparison.share(r, c));
            let fill = heat_colour(share, dark);
            painter.rect_filled(cell, 3.0, fill);
            if selected == Some((r, c)) {
                painter.rect_stroke(cell, 3.0, Stroke::new(2.0, text), StrokeKind::Inside);
            }
            if count > 0 {
                let label = format!("{count}\n{:.0}%", share * 100.0);
                painter.text(cell.center(), Align2::CENTER_CENTER, label, small.clone(), text_on(fill));
            }
            // Each cell is a button for the pointer and for screen readers.
            let response = ui.interact(cell, ui.scope_id().with(("heat-map-cell", r, c)), Sense::click());
            let description = format!(
                "{} × {}: {} ({:.0}%); {}",
                header.name,
                comparison.columns[c].name,
                crate::text::count(count, "claim"),
                share * 100.0,
                stats::cell_interval(statistics, r, c)
            );
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &description));
            let response = response.on_hover_text(&description);
            if response.clicked() {
                clicked = Some((r, c));
            }
        }
        painter.text(
            pos2(total_x + 6.0, y + CELL_HEIGHT / 2.0),
            Align2::LEFT_CENTER,
            comparison.row_claims[r].to_string(),
            small.clone(),
            text,
        );
    }
    clicked
}

/// The stacked bars of the HTML report: each row's bar divided among the columns, in the
/// columns' label colours, with a legend; returns the cell whose piece was clicked.
fn bars_ui(ui: &mut Ui, comparison: &Comparison) -> Option<(usize, usize)> {
    ui.strong("Stacked bars per row");
    ui.small(if comparison.against == Measure::Frame {
        "Each bar divides a row's frame assignments (a claim with two frames counts twice) among the frames."
    } else {
        "Each bar divides a row's claims among the columns."
    });
    let text = ui.visuals().strong_text_color();
    let colours: Vec<Color32> =
        comparison.columns.iter().map(|h| column_colour(h.colour.as_deref())).collect();
    let bar_width = (usable_width(ui) - ROW_LABEL_WIDTH - TOTAL_WIDTH - 16.0).max(200.0);
    let size = vec2(ROW_LABEL_WIDTH + bar_width + TOTAL_WIDTH, BAR_STEP * comparison.rows.len() as f32);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    let small = FontId::proportional(SMALL);
    let mut clicked = None;
    for (r, header) in comparison.rows.iter().enumerate() {
        let y = rect.min.y + BAR_STEP * r as f32;
        let label = Rect::from_min_size(pos2(rect.min.x, y), vec2(ROW_LABEL_WIDTH - 8.0, BAR_HEIGHT));
        let galley =
            ui.fonts_mut(|f| f.layout_no_wrap(header.name.clone(), FontId::proportional(13.0), text));
        ui.painter_at(label).galley(
            pos2(label.min.x + 2.0, label.center().y - galley.size().y / 2.0),
            galley,
            text,
        );
        let bar = Rect::from_min_size(pos2(rect.min.x + ROW_LABEL_WIDTH, y), vec2(bar_width, BAR_HEIGHT));
        painter.rect_stroke(bar, 0.0, Stroke::new(1.0, ui.visuals().weak_text_color()), StrokeKind::Outside);
        let total = comparison.row_label_total(r);
        let mut x = bar.min.x;
        for (c, column) in comparison.columns.iter().enumerate() {
            let count = comparison.count(r, c);
            if count == 0 || total == 0 {
                continue;
            }
            let piece_width = bar_width * count as f32 / total as f32;
            let piece = Rect::from_x_y_ranges(x..=x + piece_width, bar.y_range());
            painter.rect_filled(piece, 0.0, colours[c]);
            let unit = if comparison.against == Measure::Frame { "frame assignment" } else { "claim" };
            let description = format!(
                "Bar of {}: {}, {count} of {} ({:.0}%)",
                header.name,
                column.name,
                crate::text::count(total, unit),
                100.0 * count as f32 / total as f32
            );
            let response = ui
                .interact(piece, ui.scope_id().with(("bar-piece", r, c)), Sense::click())
                .on_hover_text(&description);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &description));
            if response.clicked() {
                clicked = Some((r, c));
            }
            x += piece_width;
        }
        painter.text(
            pos2(bar.max.x + 8.0, bar.center().y),
            Align2::LEFT_CENTER,
            crate::text::count(comparison.row_claims[r], "claim"),
            small.clone(),
            text,
        );
    }
    // The legend: each column's colour and name, in as many columns as the bars' width
    // holds (a wrapping row would not wrap in the window's sizing pass, and widen it).
    let per_row = ((usable_width(ui) / 240.0) as usize).max(1);
    egui::Grid::new("bars-legend").num_columns(per_row).show(ui, |ui| {
        for (i, (header, colour)) in comparison.columns.iter().zip(&colours).enumerate() {
            ui.horizontal(|ui| {
                super::widgets::colour_swatch(ui, *colour);
                super::widgets::small_unbroken(ui, &header.name);
            });
            if (i + 1) % per_row == 0 {
                ui.end_row();
            }
        }
    });
    clicked
}

fn cell_claims_ui(
    ui: &mut Ui,
    project: &crate::model::Project,
    comparison: &Comparison,
    row: usize,
    column: usize,
    commands: &mut CommandSink<'_>,
) {
    let claims = comparison.claims_in(row, column);
    ui.strong(format!(
        "{} × {}: {}",
        comparison.rows[row].name,
        comparison.columns[column].name,
        crate::text::count(claims.len(), "claim")
    ));
    for &index in claims.iter().take(200) {
        let Some(claim) = project.claims.get(index) else {
            continue;
        };
        let document = project.document(&claim.document).map_or("?", |d| d.title.as_str());
        let mut quote: String = claim.quote.exact.chars().take(100).collect();
        if claim.quote.exact.chars().count() > 100 {
            quote.push('…');
        }
        if ui.link(format!("“{quote}” in {document}")).clicked() {
            commands.send(AppCommand::SelectClaim(Some(ClaimId::new(claim.id.as_str()))));
        }
    }
    if claims.len() > 200 {
        ui.small(format!("and {} more", claims.len() - 200));
    }
}

fn coverage_ui(ui: &mut Ui, coverage: &Coverage) {
    ui.strong("Claim groups each row tells, and leaves out");
    if coverage.groups.is_empty() {
        ui.small("The project has no claim groups.");
        return;
    }
    let names = |groups: Vec<usize>| -> String {
        let list: Vec<&str> = groups.iter().map(|&g| coverage.groups[g].name.as_str()).collect();
        if list.is_empty() { "none".into() } else { list.join("; ") }
    };
    // A block per row rather than a grid: long group names wrap within the window.
    let width = ui.available_width().clamp(300.0, 900.0);
    for (r, row) in coverage.rows.iter().enumerate() {
        ui.scope(|ui| {
            ui.set_max_width(width);
            let covered = coverage.covered(r);
            ui.label(
                egui::RichText::new(format!(
                    "{}: tells {} of {}",
                    row.name,
                    covered.len(),
                    coverage.groups.len()
                ))
                .strong(),
            );
            ui.add(egui::Label::new(format!("tells: {}", names(covered))).wrap());
            ui.add(egui::Label::new(format!("leaves out: {}", names(coverage.left_out(r)))).wrap());
        });
        ui.add_space(4.0);
    }
}
