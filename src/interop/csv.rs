//! A CSV row per claim with every field, plus the outlet and affiliation the claim counts
//! for: a quoted passage's outlet when the claim sits in one, with the document's own
//! outlet in `via` (empty outside passages), else the document's outlet. `via` came with
//! format 5 and is the last column, so that readers that take columns by position keep
//! working.
//! `start`/`end` are chars; `text` is the claim's exact text. Lists (frames, sources) are
//! joined with ` | `. The header is [`COLUMNS`]; `schemas/claims.csv.schema.json`
//! describes them.

use super::fields::describe_sources;
use super::{ExportSet, ExportSummary};
use std::io::{self, Write};

/// The columns, in order.
pub const COLUMNS: [&str; 29] = [
    "claim_id",
    "document_id",
    "document_title",
    "document_url",
    "published",
    "outlet",
    "outlet_id",
    "affiliation",
    "genre",
    "start",
    "end",
    "text",
    "prefix",
    "suffix",
    "label",
    "kind",
    "kind_name",
    "claimant",
    "attribution",
    "verdict",
    "frames",
    "sources",
    "group",
    "group_name",
    "note",
    "reviewer",
    "created",
    "modified",
    "via",
];

/// Writes the header and one row per claim (per label under `--labels frame`).
pub fn write(set: &ExportSet<'_>, out: &mut dyn Write) -> io::Result<ExportSummary> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    let mut summary = ExportSummary::default();
    for document in &set.documents {
        let fields = set.document_fields(document);
        for claim in &document.claims {
            let labels = set.labels_or_skip(document, claim, &mut summary);
            if labels.is_empty() {
                continue;
            }
            let c = set.claim_fields(document, claim);
            let (start, end) = (claim.span.start.to_string(), claim.span.end.to_string());
            let frames = c.frames.join(" | ");
            let sources = describe_sources(&c.sources);
            for label in labels {
                writer.write_record([
                    c.id,
                    fields.id,
                    fields.title,
                    fields.url.unwrap_or_default(),
                    fields.published.unwrap_or_default(),
                    c.outlet.unwrap_or_default(),
                    c.outlet_id.unwrap_or_default(),
                    c.affiliation.unwrap_or_default(),
                    fields.genre.unwrap_or_default(),
                    &start,
                    &end,
                    &claim.quote.exact,
                    &claim.quote.prefix,
                    &claim.quote.suffix,
                    &label,
                    c.kind,
                    c.kind_name,
                    c.claimant,
                    c.attribution,
                    c.verdict,
                    &frames,
                    &sources,
                    c.group.unwrap_or_default(),
                    c.group_name.unwrap_or_default(),
                    c.note,
                    c.reviewer.unwrap_or_default(),
                    c.created,
                    c.modified,
                    c.via.unwrap_or_default(),
                ])?;
                summary.spans += 1;
            }
            summary.claims += 1;
        }
        summary.documents += 1;
        set.tick();
    }
    writer.flush()?;
    Ok(summary)
}
