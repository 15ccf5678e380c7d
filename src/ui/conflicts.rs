//! The conflicts a merge recorded (View → Conflicts, Ctrl+Shift+K), for an editor to
//! settle: each with what it is about, our version (the one in place) and theirs side by
//! side, the passage of a claim in its context, and Keep ours / Take theirs, each one
//! undoable step through [`crate::team::settle`]; Show selects the record so it can be
//! edited in the inspector (then Keep ours keeps the edited version).

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use crate::model::{ClaimId, Conflict, ConflictSide, DocumentId, Project, RecordKind};
use crate::team::settle::{Side, settle};

/// The conflicts window, with what it shows of each conflict, worked out once for each
/// version of the project (not every frame: a passage is cut from its document's text).
#[derive(Debug, Default)]
pub struct ConflictsWindow {
    shown: Option<(u64, Vec<Shown>)>,
}

/// One conflict as the window shows it.
#[derive(Debug)]
struct Shown {
    headline: String,
    /// Ours, then theirs: who and when, the value (`None`: deleted), the passage.
    sides: [(String, Option<String>, Option<String>); 2],
    /// The claim that Show selects, when the conflict is about one still in the project.
    claim: Option<ClaimId>,
}

impl Shown {
    fn of(project: &Project, conflict: &Conflict) -> Shown {
        let field = conflict.field.as_deref();
        let is_claim = conflict.record.kind == RecordKind::Claim;
        let side = |side: &ConflictSide| {
            let value = side.value.as_deref().map(|record| field_text(record, field));
            let passage =
                side.value.as_deref().filter(|_| is_claim).and_then(|record| passage(project, record));
            (who(project, side), value, passage)
        };
        let claim = Some(ClaimId::new(conflict.record.id.as_str()))
            .filter(|id| is_claim && project.claim(id).is_some());
        Shown { headline: headline(conflict), sides: [side(&conflict.ours), side(&conflict.theirs)], claim }
    }
}

/// Chars of context shown around a claim's passage.
const CONTEXT: usize = 60;

/// The value of `field` in a record written as one line of RON (`None`: the whole
/// record), as RON text; the record itself when the field is not found.
pub fn field_text(record: &str, field: Option<&str>) -> String {
    let Some(field) = field else {
        return record.to_owned();
    };
    let Ok(ron::Value::Map(map)) = ron::from_str::<ron::Value>(record) else {
        return record.to_owned();
    };
    map.iter()
        .find(|(key, _)| matches!(key, ron::Value::String(k) if k == field))
        .and_then(|(_, value)| match value {
            // A text as a reader writes it, not with RON's escapes (Bob\'s).
            ron::Value::String(text) => Some(format!("\"{text}\"")),
            other => ron::to_string(other).ok(),
        })
        .unwrap_or_else(|| record.to_owned())
}

/// A side's passage in its document: `…before [passage] after…`, for a claim record.
fn passage(project: &Project, record: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Span {
        start: usize,
        end: usize,
    }
    #[derive(serde::Deserialize)]
    struct ClaimPlace {
        document: DocumentId,
        span: Span,
    }
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    // Only the two fields are read; the others are skipped.
    let value: ron::Value = options.from_str(record).ok()?;
    let place: ClaimPlace = value.into_rust().ok()?;
    let text = &project.document(&place.document)?.text;
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (place.span.start.min(chars.len()), place.span.end.min(chars.len()));
    let piece = |a: usize, b: usize| -> String {
        chars[a..b].iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect()
    };
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(chars.len());
    Some(format!(
        "{}{}[{}]{}{}",
        if from > 0 { "…" } else { "" },
        piece(from, start),
        piece(start, end),
        piece(end, to),
        if to < chars.len() { "…" } else { "" }
    ))
}

/// What a conflict is about, in a line: "claim claim-3, field verdict: both changed a field".
pub fn headline(conflict: &Conflict) -> String {
    let record = format!("{:?}", conflict.record.kind).to_lowercase();
    let field = conflict.field.as_deref().map(|f| format!(", field {f}")).unwrap_or_default();
    format!("{record} {}{field}: {}", conflict.record.id, conflict.kind.name())
}

fn who(project: &Project, side: &ConflictSide) -> String {
    let name = side.reviewer.as_ref().map(|id| {
        project.reviewers.iter().find(|r| &r.id == id).map_or_else(|| id.to_string(), |r| r.name.clone())
    });
    match (name, &side.modified) {
        (Some(name), Some(at)) => format!("{name}, {}", at.as_str()),
        (Some(name), None) => name,
        (None, Some(at)) => at.as_str().to_owned(),
        (None, None) => String::new(),
    }
}

impl ConflictsWindow {
    /// Shows the window while `open`.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        if !*open {
            return;
        }
        let project = cx.project;
        let version = cx.history.state();
        if self.shown.as_ref().is_none_or(|(v, _)| *v != version) {
            let shown = project.conflicts.iter().map(|c| Shown::of(project, c)).collect();
            self.shown = Some((version, shown));
        }
        let shown = self.shown.as_ref().map_or(&[][..], |(_, s)| s.as_slice());
        egui::Window::new("Conflicts").open(open).default_size([760.0, 520.0]).show(ctx, |ui| {
            if project.conflicts.is_empty() {
                ui.label("No conflicts: every merge of this project is settled.");
                return;
            }
            ui.label(format!(
                "{} recorded by a merge. Ours is the version in place; Keep ours or Take theirs \
                     settles one (Ctrl+Z undoes it). Show selects the record, to edit it first.",
                crate::text::count(project.conflicts.len(), "conflict")
            ));
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (conflict, shown) in project.conflicts.iter().zip(shown) {
                    conflict_ui(ui, project, conflict, shown, commands);
                    ui.separator();
                }
            });
        });
    }
}

fn conflict_ui(
    ui: &mut egui::Ui,
    project: &Project,
    conflict: &Conflict,
    shown: &Shown,
    commands: &mut CommandSink<'_>,
) {
    ui.push_id(conflict.id.as_str(), |ui| {
        ui.strong(&shown.headline);
        ui.columns(2, |columns| {
            for (column, (title, (by, value, passage))) in
                columns.iter_mut().zip(["Ours (in place)", "Theirs"].into_iter().zip(&shown.sides))
            {
                column.label(egui::RichText::new(title).strong());
                if !by.is_empty() {
                    column.weak(by);
                }
                match value {
                    None => {
                        column.label("deleted (or not there)");
                    }
                    Some(value) => {
                        column.label(egui::RichText::new(value).monospace());
                        if let Some(passage) = passage {
                            column.weak(passage);
                        }
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            for (label, side) in [("Keep ours", Side::Ours), ("Take theirs", Side::Theirs)] {
                if ui.button(label).clicked() {
                    match settle(project, &conflict.id, side) {
                        Ok(edit) => {
                            commands.edit(edit, format!("Settle conflict: {label}"));
                            commands.status(format!("{}: {}", conflict.id, label.to_lowercase()));
                        }
                        Err(error) => commands.status(error.to_string()),
                    }
                }
            }
            if let Some(id) = &shown.claim
                && ui.button("Show").on_hover_text("Select the claim in the text, to edit it").clicked()
            {
                commands.send(AppCommand::SelectClaim(Some(id.clone())));
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_read_out_of_a_record_line() {
        let record = r#"(id: "claim-1", verdict: "false", frames: ["economic"], group: None)"#;
        assert_eq!(field_text(record, Some("verdict")), "\"false\"");
        assert_eq!(field_text(record, Some("frames")), "[\"economic\"]");
        assert_eq!(field_text(record, None), record);
        assert_eq!(field_text(record, Some("nothing")), record, "the record when the field is not there");
        assert_eq!(field_text(r#"(claimant: "Bob\'s reading")"#, Some("claimant")), "\"Bob's reading\"");
    }
}
