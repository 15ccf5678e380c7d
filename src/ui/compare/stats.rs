//! "Is it more than chance?" in the comparison view: the statistics of
//! [`crate::compare::inference`] read out in sentences (the same as the HTML report's),
//! each column's test, and the pairs of rows compared on a column the user picks; plus
//! the "thin" tag of a row and the interval in a cell's tooltip.

use crate::compare::Comparison;
use crate::compare::inference::{LEVEL, Statistics, Unit, p_text, significant};
use egui::{Align2, Color32, FontId, Rect, Sense, Ui, pos2, vec2};

/// The tag's colours: dark orange on light orange, as in the HTML report.
const THIN_INK: Color32 = Color32::from_rgb(0x7c, 0x2d, 0x12);
const THIN_FILL: Color32 = Color32::from_rgb(0xff, 0xed, 0xd5);

/// What a cell's tooltip adds: its share's interval, or with documents as the unit the
/// documents that carry the label and their interval.
pub(super) fn cell_interval(statistics: &Statistics, row: usize, column: usize) -> String {
    let level = LEVEL * 100.0;
    let Some(interval) = statistics.interval(row, column) else {
        return match statistics.unit {
            Unit::Claims => "no claims, no interval".to_owned(),
            Unit::Documents => "no documents, no interval".to_owned(),
        };
    };
    let range = format!("{level:.0}% interval {:.1}–{:.1}%", interval.low * 100.0, interval.high * 100.0);
    let thin = if statistics.is_thin(row) { "; a thin row" } else { "" };
    match statistics.unit {
        Unit::Claims => format!("{range}{thin}"),
        Unit::Documents => format!(
            "{} of {} {} have it ({:.0}%, {range}){thin}",
            statistics.hits[row][column],
            statistics.units[row],
            if statistics.by == crate::compare::Dimension::Genre {
                "documents"
            } else {
                "texts (documents or passages)"
            },
            statistics.share(row, column) * 100.0
        ),
    }
}

/// The "thin" tag at the right end of a row's name cell, its tooltip saying why.
pub(super) fn thin_tag_ui(ui: &mut Ui, cell: Rect, row: usize, name: &str, reasons: &[String]) {
    let small = FontId::proportional(super::SMALL);
    let tag = Rect::from_center_size(
        pos2(cell.max.x - super::THIN_TAG_WIDTH / 2.0, cell.center().y),
        vec2(super::THIN_TAG_WIDTH - 4.0, super::SMALL + 6.0),
    );
    let painter = ui.painter_at(cell);
    painter.rect_filled(tag, 4.0, THIN_FILL);
    painter.text(tag.center(), Align2::CENTER_CENTER, "thin", small, THIN_INK);
    let why = format!("{name} is a thin row: {}. Read its shares with care.", reasons.join("; "));
    let response = ui.interact(tag, ui.scope_id().with(("thin-row", row)), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &why));
    response.on_hover_text(why);
}

/// The section, with the statistics' `reading` (computed with them, not each frame);
/// returns the column chosen for the pairwise tests when the user picks one.
pub(super) fn statistics_ui(
    ui: &mut Ui,
    comparison: &Comparison,
    statistics: &Statistics,
    reading: &[String],
) -> Option<usize> {
    let mut chosen = None;
    ui.strong("Is it more than chance?");
    let unit = match statistics.unit {
        Unit::Claims => "claims",
        Unit::Documents => "documents (and quoted passages)",
    };
    ui.small(format!(
        "Unit: {unit}. Each cell's tooltip gives its share's {:.0}% interval; p below 0.05 reads as a difference \
         beyond chance.",
        LEVEL * 100.0
    ));
    for sentence in reading {
        ui.label(format!("• {sentence}"));
    }
    ui.collapsing("How to read the tests", |ui| {
        ui.label(crate::compare::output::stats::GLOSSARY);
    });
    egui::CollapsingHeader::new("Each column's test").id_salt("compare-column-tests").show(ui, |ui| {
        egui::Grid::new("compare-column-tests-grid").striped(true).num_columns(6).show(ui, |ui| {
            for heading in ["Column", "X²", "p", "p (Holm)", "Cramér's V", ""] {
                ui.strong(heading);
            }
            ui.end_row();
            for column_test in &statistics.columns {
                ui.label(&comparison.columns[column_test.column].name);
                match &column_test.test {
                    Some(test) => {
                        ui.label(format!("{:.2}", test.statistic));
                        ui.label(p_text(test.p_value))
                            .on_hover_text(format!("p from {}", test.method.name()));
                        ui.label(column_test.p_holm.map_or_else(String::new, p_text));
                        ui.label(format!("{:.2}", test.cramers_v));
                        ui.label(if column_test.p_holm.is_some_and(significant) {
                            "differs beyond chance"
                        } else {
                            "not significant"
                        });
                    }
                    None => {
                        ui.label("");
                        ui.label("not tested");
                        ui.label("");
                        ui.label("");
                        ui.label("no row has it, or every unit has it");
                    }
                }
                ui.end_row();
            }
        });
    });
    let Some(pairwise) = &statistics.pairwise else {
        return None;
    };
    ui.horizontal(|ui| {
        let label = ui.label("Compare pairs of rows on:");
        egui::ComboBox::from_id_salt("compare-pair-column")
            .selected_text(&comparison.columns[pairwise.column].name)
            .show_ui(ui, |ui| {
                for (column, header) in comparison.columns.iter().enumerate() {
                    if ui.selectable_label(column == pairwise.column, &header.name).clicked() {
                        chosen = Some(column);
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.small(format!(
        "Fisher's exact test of each pair of rows, p adjusted for {} (Holm).",
        crate::text::count(pairwise.pairs.len(), "pair")
    ));
    egui::Grid::new("compare-pairs-grid").striped(true).num_columns(5).show(ui, |ui| {
        for heading in ["Rows", "Shares", "p", "p (Holm)", ""] {
            ui.strong(heading);
        }
        ui.end_row();
        for pair in &pairwise.pairs {
            let (a, b) = (&comparison.rows[pair.a].name, &comparison.rows[pair.b].name);
            ui.label(format!("{a} vs {b}"));
            ui.label(format!(
                "{:.1}% vs {:.1}%",
                statistics.share(pair.a, pairwise.column) * 100.0,
                statistics.share(pair.b, pairwise.column) * 100.0
            ));
            ui.label(p_text(pair.p_value));
            ui.label(p_text(pair.p_holm));
            if significant(pair.p_holm) {
                let green = if ui.visuals().dark_mode {
                    egui::Color32::from_rgb(0x7d, 0xd3, 0x8f)
                } else {
                    egui::Color32::from_rgb(0x17, 0x66, 0x3a)
                };
                ui.label(egui::RichText::new("differs beyond chance").strong().color(green));
            } else {
                ui.label("not significant");
            }
            ui.end_row();
        }
    });
    chosen.filter(|&c| c != pairwise.column)
}
