//! The comparison view: rows are outlets, affiliations or genres, columns frames, claim
//! kinds or verdicts, each cell the count and share of the row's claims, drawn as a heat
//! map; clicking a cell lists its claims (click one to show it). Below, which claim
//! groups each row covers and which it leaves out. The numbers are
//! [`crate::compare::compare`]'s and [`crate::compare::coverage`]'s, computed again only
//! when the project or the choice changes.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use super::widgets::hex_colour;
use crate::compare::{Comparison, Coverage, Dimension, Measure, compare, coverage};
use crate::model::ClaimId;

/// The comparison window and its state between frames.
pub struct CompareWindow {
    /// Rows.
    pub by: Dimension,
    /// Columns.
    pub against: Measure,
    /// The clicked cell (row, column).
    pub cell: Option<(usize, usize)>,
    cache: Option<((u64, Dimension, Measure), Comparison, Coverage)>,
}

impl Default for CompareWindow {
    fn default() -> Self {
        CompareWindow { by: Dimension::Affiliation, against: Measure::Frame, cell: None, cache: None }
    }
}

const ROW_LABEL_WIDTH: f32 = 190.0;
const CELL_WIDTH: f32 = 74.0;
const CELL_HEIGHT: f32 = 34.0;
const HEADER_HEIGHT: f32 = 46.0;

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
            });
            let key = (version, view.by, view.against);
            if view.cache.as_ref().is_none_or(|(k, _, _)| *k != key) {
                view.cache = Some((key, compare(project, view.by, view.against), coverage(project, view.by)));
                view.cell = None;
            }
            let Some((_, comparison, coverage)) = view.cache.as_ref() else {
                return;
            };
            ui.small(
            "Each cell: how many of the row's claims carry the column's label, and their share of the row. \
             A claim with two frames counts in both, so frame shares can add up to more than 100%.",
        );
            egui::ScrollArea::both().id_salt("compare-scroll").show(ui, |ui| {
                if let Some(cell) = heat_map_ui(ui, comparison, view.cell) {
                    view.cell = Some(cell);
                }
                if let Some((row, column)) = view.cell {
                    cell_claims_ui(ui, project, comparison, row, column, commands);
                }
                ui.separator();
                coverage_ui(ui, coverage);
            });
        });
    }
}

fn colour_of(hex: Option<&str>) -> egui::Color32 {
    hex_colour(hex, egui::Color32::from_rgb(70, 130, 200))
}

/// Paints the heat map; returns the cell clicked this frame.
fn heat_map_ui(
    ui: &mut egui::Ui,
    comparison: &Comparison,
    selected: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let columns = comparison.columns.len();
    let size = egui::vec2(
        ROW_LABEL_WIDTH + CELL_WIDTH * (columns as f32 + 1.0),
        HEADER_HEIGHT + CELL_HEIGHT * comparison.rows.len() as f32,
    );
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let mut clicked = None;
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let text = visuals.strong_text_color();
    let small = egui::FontId::proportional(12.0);
    let origin = rect.min;
    // Column headers, wrapped into the cell width.
    for (c, header) in comparison.columns.iter().enumerate() {
        let x = origin.x + ROW_LABEL_WIDTH + CELL_WIDTH * c as f32;
        let galley = ui.fonts_mut(|f| f.layout(header.name.clone(), small.clone(), text, CELL_WIDTH - 4.0));
        painter.galley(egui::pos2(x + 2.0, origin.y + 2.0), galley, text);
    }
    let total_x = origin.x + ROW_LABEL_WIDTH + CELL_WIDTH * columns as f32;
    painter.text(
        egui::pos2(total_x + 4.0, origin.y + 2.0),
        egui::Align2::LEFT_TOP,
        "claims",
        small.clone(),
        text,
    );
    for (r, header) in comparison.rows.iter().enumerate() {
        let y = origin.y + HEADER_HEIGHT + CELL_HEIGHT * r as f32;
        let galley = ui.fonts_mut(|f| {
            f.layout(header.name.clone(), egui::FontId::proportional(13.0), text, ROW_LABEL_WIDTH - 8.0)
        });
        painter.galley(egui::pos2(origin.x + 2.0, y + 4.0), galley, text);
        for c in 0..columns {
            let cell = egui::Rect::from_min_size(
                egui::pos2(origin.x + ROW_LABEL_WIDTH + CELL_WIDTH * c as f32, y),
                egui::vec2(CELL_WIDTH - 2.0, CELL_HEIGHT - 2.0),
            );
            let share = comparison.share(r, c);
            let base = colour_of(comparison.columns[c].colour.as_deref());
            let alpha = (30.0 + 225.0 * share.min(1.0)) as u8;
            let fill = if comparison.count(r, c) == 0 {
                visuals.faint_bg_color
            } else {
                egui::Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha)
            };
            painter.rect_filled(cell, 3.0, fill);
            if selected == Some((r, c)) {
                painter.rect_stroke(cell, 3.0, egui::Stroke::new(2.0, text), egui::StrokeKind::Inside);
            }
            if comparison.count(r, c) > 0 {
                let label = format!("{}\n{:.0}%", comparison.count(r, c), share * 100.0);
                painter.text(cell.center(), egui::Align2::CENTER_CENTER, label, small.clone(), text);
            }
            // Each cell is a button for the pointer and for screen readers.
            let response =
                ui.interact(cell, ui.scope_id().with(("heat-map-cell", r, c)), egui::Sense::click());
            let description = format!(
                "{} × {}: {} ({:.0}%)",
                header.name,
                comparison.columns[c].name,
                crate::text::count(comparison.count(r, c), "claim"),
                share * 100.0
            );
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &description));
            if response.clicked() {
                clicked = Some((r, c));
            }
        }
        painter.text(
            egui::pos2(total_x + 4.0, y + CELL_HEIGHT / 2.0),
            egui::Align2::LEFT_CENTER,
            comparison.row_claims[r].to_string(),
            small.clone(),
            text,
        );
    }
    clicked
}

fn cell_claims_ui(
    ui: &mut egui::Ui,
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

fn coverage_ui(ui: &mut egui::Ui, coverage: &Coverage) {
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
