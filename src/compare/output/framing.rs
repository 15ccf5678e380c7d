//! Text renderings of the framing diffs for `claimmark compare --groups`: an aligned
//! table, csv (one line per member) and json (everything, deterministic). Pure: each
//! returns a string and writes nothing.

use super::csv_field;
use crate::compare::{Aspect, AspectFlags, FramingDiff, HedgeKind, MemberFraming};
use crate::model::Project;
use serde::Serialize;
use std::fmt::Write as _;

/// The sentence that says what the framing diff compares, for the table and the pages.
pub const FRAMING_NOTE: &str = "Each group's members are compared with its first member (the reference): the \
numbers their quotes give, the hedging and certainty words of their sentences, asserted or attributed, the \
claimant, the verdict, and the words of the quote.";

/// The outlet, with "via" the document's outlet for a claim in a quoted passage.
pub fn outlet_text(member: &MemberFraming) -> String {
    let outlet = member.outlet.as_deref().unwrap_or("no outlet recorded");
    match &member.via {
        Some(via) => format!("{outlet} (via {via})"),
        None => outlet.to_owned(),
    }
}

/// The claimant, or "claimant not recorded".
pub fn claimant_text(member: &MemberFraming) -> &str {
    if member.claimant.trim().is_empty() { "claimant not recorded" } else { member.claimant.as_str() }
}

/// The hedging, certainty and attribution words as "hedging: estimated · attribution: said".
pub fn words_text(member: &MemberFraming) -> String {
    let parts: Vec<String> = HedgeKind::ALL
        .iter()
        .filter_map(|&kind| {
            let words = member.words_of(kind);
            (!words.is_empty()).then(|| format!("{}: {words}", kind.id()))
        })
        .collect();
    if parts.is_empty() { "none".to_owned() } else { parts.join(" · ") }
}

/// The aspect ids of `flags`, joined by `;`.
fn aspect_ids(flags: AspectFlags) -> String {
    flags.differing().iter().map(|a| a.id()).collect::<Vec<_>>().join(";")
}

/// One sentence on what differs in a group.
pub fn differs_text(diff: &FramingDiff) -> String {
    if diff.members.len() < 2 {
        return "One member: nothing to compare.".to_owned();
    }
    let differing = diff.differs.differing();
    if differing.is_empty() {
        return "The members agree in every aspect.".to_owned();
    }
    let names: Vec<String> = differing.iter().map(|a| a.name().to_lowercase()).collect();
    let same: Vec<String> =
        Aspect::ALL.iter().filter(|a| !differing.contains(a)).map(|a| a.name().to_lowercase()).collect();
    let mut text = format!("Differs in: {}.", names.join(", "));
    if !same.is_empty() {
        let _ = write!(text, " Same: {}.", same.join(", "));
    }
    text
}

/// The aligned table: per group its name and what differs, then per member the outlet,
/// voice and claimant, verdict, numbers, hedges and the quote with the word diff marked;
/// a line that differs from the reference member starts with `*`.
pub fn table(project: &Project, diffs: &[FramingDiff]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", project.name);
    let _ = writeln!(out, "Framing diff of {} claim groups.", diffs.len());
    let _ = writeln!(
        out,
        "{FRAMING_NOTE} In the quotes [-words-] are the reference's only and {{+words+}} the member's only; \
         a * marks what differs from the reference."
    );
    for (index, diff) in diffs.iter().enumerate() {
        let _ = writeln!(out, "\nGroup {}: {} ({})", index + 1, diff.name, diff.group_id);
        if diff.members.is_empty() {
            let _ = writeln!(out, "  No claims in this group yet.");
            continue;
        }
        let _ = writeln!(out, "  {}", differs_text(diff));
        for (number, member) in diff.members.iter().enumerate() {
            let reference = if number == diff.reference { " (reference)" } else { "" };
            let _ =
                writeln!(out, "  {}. {}{reference}  [{}]", number + 1, outlet_text(member), member.claim_id);
            let mark = |differs: bool| if differs { '*' } else { ' ' };
            let flags = member.differs;
            let numbers = member.numbers_text();
            let lines = [
                (
                    flags.attribution || flags.claimant,
                    "voice",
                    format!("{}, {}", member.attribution.id(), claimant_text(member)),
                ),
                (flags.verdict, "verdict", member.verdict.name.clone()),
                (flags.numbers, "numbers", if numbers.is_empty() { "none".to_owned() } else { numbers }),
                (flags.hedges, "hedges", words_text(member)),
                (flags.wording, "quote", member.marked_quote()),
            ];
            for (differs, what, text) in lines {
                let _ = writeln!(out, "   {} {what:<8} {text}", mark(differs));
            }
        }
    }
    out
}

/// The csv columns of [`csv`], in order.
pub const CSV_COLUMNS: [&str; 19] = [
    "group_id",
    "group_name",
    "group_differs",
    "member",
    "reference",
    "claim_id",
    "outlet",
    "via",
    "attribution",
    "claimant",
    "verdict_id",
    "verdict_name",
    "numbers",
    "hedging",
    "certainty",
    "attribution_words",
    "quote",
    "quote_diff",
    "differs",
];

/// The csv: a header ([`CSV_COLUMNS`]), then one line per member of every group, groups
/// in project order. `group_differs` and `differs` are aspect ids joined by `;` (the
/// group's, and this member's against the reference); `member` counts from 1 and
/// `reference` is `true` for the first; `numbers` is "as written (normalised)" joined by
/// `; `; the word columns are comma-separated lower-case words; `quote_diff` marks
/// `[-deleted-]` and `{+inserted+}` words against the reference's quote.
pub fn csv(diffs: &[FramingDiff]) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    for diff in diffs {
        for (number, member) in diff.members.iter().enumerate() {
            let fields = [
                diff.group_id.clone(),
                diff.name.clone(),
                aspect_ids(diff.differs),
                (number + 1).to_string(),
                (number == diff.reference).to_string(),
                member.claim_id.clone(),
                member.outlet.clone().unwrap_or_default(),
                member.via.clone().unwrap_or_default(),
                member.attribution.id().to_owned(),
                member.claimant.clone(),
                member.verdict.id.clone(),
                member.verdict.name.clone(),
                member.numbers_text(),
                member.words_of(HedgeKind::Hedging),
                member.words_of(HedgeKind::Certainty),
                member.words_of(HedgeKind::Attribution),
                member.quote.clone(),
                member.marked_quote(),
                aspect_ids(member.differs),
            ];
            let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
    }
    out
}

#[derive(Serialize)]
struct JsonFraming<'a> {
    project: &'a str,
    note: &'static str,
    /// Which member each group's members are compared with.
    reference: &'static str,
    aspects: Vec<&'static str>,
    groups: &'a [FramingDiff],
}

/// The json: the project's name, the aspects compared, and every group's framing diff
/// (members with their numbers, words, quote diff and flags). Deterministic.
pub fn json(project: &Project, diffs: &[FramingDiff]) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&JsonFraming {
        project: &project.name,
        note: FRAMING_NOTE,
        reference: "the group's first member (claim order: first document, then position)",
        aspects: Aspect::ALL.iter().map(|a| a.id()).collect(),
        groups: diffs,
    })
}
