//! doccano sequence-labelling JSON lines: one document a line,
//! `{"text": ..., "label": [[start, end, "LABEL"], ...], "meta": {...}, "claims": [...]}`.
//!
//! `label` is what doccano reads and writes. doccano keeps the keys it does not know as
//! the example's metadata and writes them back on export, so claimmark puts the
//! document's fields under `meta` ([`super::DocumentFields`]) and each span's claim
//! fields under `claims` (`{"start", "end", "label", ...ClaimFields}`, one entry per
//! `label` triple); a round trip through doccano keeps them.
//!
//! Offsets are UTF-16 code units by default: doccano 1.8.4 takes them from the browser,
//! where JavaScript strings count UTF-16 units, so an emoji (or each half of a flag)
//! counts two; its JSONL export writes them as they are and its import stores what it is
//! given without checking. Checked with doccano itself: over "Islamabad 🇵🇰 — Officials
//! said trade rose 40% to $1.2 billion 👍🏽 last year. Минобороны: 7 млрд долларов.", spans
//! drawn with the mouse came back as 43..62 ("40% to $1.2 billion") and 91..106 ("7 млрд
//! долларов"), where code points would be 41..60 and 87..102. A project with "Count
//! grapheme clusters as one character" on counts grapheme clusters instead (40..59 and
//! 85..100 there): `--offsets graphemes` writes and reads those. `--offsets chars` reads
//! files that count code points (claimmark's doccano exports before UTF-16 was the
//! default). The unit is chosen by the caller ([`super::Format::offsets`]); a claim whose
//! span splits a grapheme cluster cannot be written in graphemes and is reported skipped.
//!
//! doccano needs the text of every example, so `--no-text` does not apply: the text is
//! always written.
//!
//! Reading accepts claimmark's own lines and doccano's: spans under `label`, or the
//! older `labels`, or `entities` (the relation-extraction export), each span either
//! `[start, end, "LABEL"]` or `{"start_offset", "end_offset", "label"}`; the text under
//! `text` (or `data`, as doccano 1.x wrote it). A `claims` entry applies to the span with
//! its start, end and label; a span relabelled in doccano (no entry has its label, and an
//! entry at the same offsets has a label no span there has any more) keeps its new label
//! and takes the entry's other fields, claim id included, so that a re-import into the
//! project updates the claim.

use super::offsets::{OffsetMap, OffsetUnit};
use super::{
    ClaimFields, ClaimIn, DocumentFields, ExportSet, ExportSummary, ImportProblem, ImportedDocument,
    ImportedSpan, ParsedImport,
};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

/// One line of the export.
#[derive(Serialize)]
struct LineOut<'a> {
    text: &'a str,
    /// `[start, end, label]` triples, as doccano writes them.
    label: Vec<(usize, usize, &'a str)>,
    meta: DocumentFields<'a>,
    claims: Vec<ClaimOut<'a>>,
}

/// The claim behind one `label` triple.
#[derive(Serialize)]
struct ClaimOut<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    #[serde(flatten)]
    claim: ClaimFields<'a>,
}

/// Writes one JSON line per document, offsets counted in `unit`.
pub fn write(set: &ExportSet<'_>, unit: OffsetUnit, out: &mut dyn Write) -> io::Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    for document in &set.documents {
        let offsets = OffsetMap::new(&document.document.text);
        let mut labelled: Vec<(&crate::model::Claim, Vec<String>, usize, usize)> = Vec::new();
        for &claim in &document.claims {
            let labels = set.labels_or_skip(document, claim, &mut summary);
            if labels.is_empty() {
                continue;
            }
            let (Some(start), Some(end)) =
                (offsets.from_char(claim.span.start, unit), offsets.from_char(claim.span.end, unit))
            else {
                summary.skipped.push(format!(
                    "{}: span {}..{} splits a character or lies outside its text, so it has no offsets in {}",
                    claim.id,
                    claim.span.start,
                    claim.span.end,
                    unit.describe()
                ));
                continue;
            };
            labelled.push((claim, labels, start, end));
        }
        let mut line = LineOut {
            text: &document.document.text,
            label: Vec::new(),
            meta: set.document_fields(document),
            claims: Vec::new(),
        };
        for (claim, labels, start, end) in &labelled {
            summary.claims += 1;
            for label in labels {
                line.label.push((*start, *end, label));
                line.claims.push(ClaimOut {
                    start: *start,
                    end: *end,
                    label,
                    claim: set.claim_fields(document, claim),
                });
                summary.spans += 1;
            }
        }
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
        summary.documents += 1;
        set.tick();
    }
    Ok(summary)
}

/// Reads doccano JSON lines with offsets in UTF-16 code units (doccano's default).
pub fn read(path: &Path, content: &str) -> ParsedImport {
    read_in(path, content, OffsetUnit::Utf16)
}

/// Reads doccano JSON lines with offsets in `unit`; a line that is not a document with a
/// text, and a span that is not a span of that text, are reported with the line number
/// and skipped.
pub fn read_in(path: &Path, content: &str, unit: OffsetUnit) -> ParsedImport {
    let mut parsed = ParsedImport::default();
    for (number, line) in content.lines().enumerate() {
        let line_number = number + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut problem = |message: String| {
            parsed.problems.push(ImportProblem { file: path.to_owned(), line: line_number, message });
        };
        let record: Map<String, Value> = match serde_json::from_str(line) {
            Ok(record) => record,
            Err(error) => {
                problem(format!("not a JSON object: {error}; skipped"));
                continue;
            }
        };
        if let Some(document) = read_record(&record, unit, &mut problem) {
            parsed.documents.push(ImportedDocument { origin: (path.to_owned(), line_number), ..document });
        }
    }
    parsed
}

/// One line's document; problems go to `problem`.
fn read_record(
    record: &Map<String, Value>,
    unit: OffsetUnit,
    problem: &mut dyn FnMut(String),
) -> Option<ImportedDocument> {
    let Some(text) = ["text", "data"].iter().find_map(|key| record.get(*key).and_then(Value::as_str)) else {
        problem("no \"text\" (the document's text as a string); skipped".to_owned());
        return None;
    };
    let offsets = OffsetMap::new(text);
    // doccano 1.x nested the metadata once more (`meta.meta`); claimmark's extras may sit
    // at the top level or inside `meta`, depending on the doccano version that exported.
    let meta = record.get("meta").and_then(Value::as_object);
    let inner_meta = meta.and_then(|m| m.get("meta")).and_then(Value::as_object);
    let field = |key: &str| -> Option<String> {
        [meta, inner_meta]
            .into_iter()
            .flatten()
            .find_map(|m| m.get(key).and_then(Value::as_str))
            .map(str::to_owned)
    };
    let claims = [Some(record), meta, inner_meta]
        .into_iter()
        .flatten()
        .find_map(|m| m.get("claims").and_then(Value::as_array))
        .map_or(&[][..], Vec::as_slice);
    let entries = ["label", "labels", "entities"]
        .iter()
        .find_map(|key| record.get(*key))
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let triples: Vec<Option<(usize, usize, &str)>> = entries.iter().map(span_entry).collect();
    // The claim entries and the triples' labels by span, found once: a search of the
    // record's lists for each triple was quadratic in a text's spans.
    let mut claims_at: HashMap<(u64, u64), Vec<&Value>> = HashMap::new();
    for claim in claims {
        let offset = |key: &str| claim.get(key).and_then(Value::as_u64);
        if let (Some(start), Some(end)) = (offset("start"), offset("end")) {
            claims_at.entry((start, end)).or_default().push(claim);
        }
    }
    let mut labels_at: HashMap<(usize, usize), Vec<&str>> = HashMap::new();
    for &(start, end, label) in triples.iter().flatten() {
        labels_at.entry((start, end)).or_default().push(label);
    }
    let mut spans = Vec::new();
    for (position, (entry, triple)) in entries.iter().zip(&triples).enumerate() {
        let Some((start, end, label)) = *triple else {
            problem(format!(
                "label {} is not [start, end, \"LABEL\"] or {{\"start_offset\", \"end_offset\", \"label\"}}: {entry}; skipped",
                position + 1
            ));
            continue;
        };
        let (Some(start_char), Some(end_char)) = (offsets.to_char(start, unit), offsets.to_char(end, unit))
        else {
            let length = offsets.len_in(unit);
            let why = if start.max(end) > length {
                format!("does not fit the text of {length} {}", unit.describe())
            } else {
                format!("splits a character ({} are counted)", unit.describe())
            };
            problem(format!("span {start}..{end} ({label}) {why}; skipped"));
            continue;
        };
        if start_char >= end_char {
            problem(format!("span {start}..{end} ({label}) is empty or reversed; skipped"));
            continue;
        }
        let mut span =
            ImportedSpan { start: start_char, end: end_char, label: label.to_owned(), ..Default::default() };
        let at_span = claims_at.get(&(start as u64, end as u64)).map_or(&[][..], Vec::as_slice);
        let labels_here = labels_at.get(&(start, end)).map_or(&[][..], Vec::as_slice);
        let claim_label = |c: &Value| c.get("label").and_then(Value::as_str).map(str::to_owned);
        // The entry of this very triple; else, relabelled in doccano, the entry at the same
        // span whose label no triple there has any more: its fields but the new label.
        let exact = at_span.iter().copied().find(|c| claim_label(c).as_deref() == Some(label));
        let relabelled = at_span.iter().copied().find(|c| {
            let old = claim_label(c);
            !labels_here.iter().any(|&l| old.as_deref() == Some(l))
        });
        if let Some((extra, relabelled)) = exact.map(|e| (e, false)).or(relabelled.map(|e| (e, true))) {
            match serde_json::from_value::<ClaimIn>(extra.clone()) {
                Ok(fields) if relabelled => ClaimIn { kind: None, ..fields }.apply(&mut span),
                Ok(fields) => fields.apply(&mut span),
                Err(error) => problem(format!(
                    "the claim fields of span {start}..{end} ({label}) are malformed ({error}); the span is imported without them"
                )),
            }
        }
        spans.push(span);
    }
    Some(ImportedDocument {
        id: field("id"),
        title: field("title"),
        text: text.to_owned(),
        url: field("url"),
        published: field("published"),
        author: field("author"),
        outlet: field("outlet"),
        affiliation: field("affiliation"),
        genre: field("genre"),
        spans,
        origin: Default::default(),
    })
}

/// `[start, end, "LABEL"]` or `{"start_offset", "end_offset", "label"}`.
fn span_entry(entry: &Value) -> Option<(usize, usize, &str)> {
    let offset = |v: Option<&Value>| v.and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
    match entry {
        Value::Array(items) if items.len() == 3 => {
            Some((offset(items.first())?, offset(items.get(1))?, items.get(2)?.as_str()?))
        }
        Value::Object(fields) => Some((
            offset(fields.get("start_offset"))?,
            offset(fields.get("end_offset"))?,
            fields.get("label")?.as_str()?,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::fixtures::tricky_project;
    use crate::interop::{ExportOptions, LabelBy};
    use std::path::PathBuf;

    fn export_in(
        project: &crate::model::Project,
        options: &ExportOptions,
        unit: OffsetUnit,
    ) -> (String, ExportSummary) {
        let set = ExportSet::new(project, options);
        let mut bytes = Vec::new();
        let summary = write(&set, unit, &mut bytes).unwrap();
        (String::from_utf8(bytes).unwrap(), summary)
    }

    fn export(project: &crate::model::Project, options: &ExportOptions) -> (String, ExportSummary) {
        export_in(project, options, OffsetUnit::Utf16)
    }

    #[test]
    fn offsets_are_utf16_code_units_that_slice_each_claims_text() {
        let project = tricky_project();
        let (out, summary) = export(&project, &ExportOptions::default());
        assert_eq!((summary.documents, summary.claims, summary.spans), (2, 7, 7));
        let mut checked = 0;
        for (line, document) in out.lines().zip(&project.documents) {
            let value: Value = serde_json::from_str(line).unwrap();
            let text = value["text"].as_str().unwrap();
            assert_eq!(text, &*document.text, "the text is written exactly, CRLF included");
            // Sliced as JavaScript would, independently of the library.
            let units: Vec<u16> = text.encode_utf16().collect();
            let claims = value["claims"].as_array().unwrap();
            for (triple, claim_out) in value["label"].as_array().unwrap().iter().zip(claims) {
                let (start, end) =
                    (triple[0].as_u64().unwrap() as usize, triple[1].as_u64().unwrap() as usize);
                let sliced = String::from_utf16(&units[start..end]).unwrap();
                let claim = project.claims.iter().find(|c| c.id.as_str() == claim_out["id"]).unwrap();
                assert_eq!(sliced, claim.quote.exact);
                assert_eq!(triple[2], claim.kind.as_str());
                assert_eq!((&claim_out["start"], &claim_out["end"]), (&triple[0], &triple[1]));
                checked += 1;
            }
        }
        assert_eq!(checked, 7);
        // Before "😀😀 x" the emoji counts two and the flag four: 3 more than code points.
        let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert_eq!(first["label"][4][0], project.claims[4].span.start + 3);
    }

    #[test]
    fn grapheme_offsets_count_a_flag_and_a_crlf_as_one_and_read_back() {
        let project = tricky_project();
        let (out, summary) = export_in(&project, &ExportOptions::default(), OffsetUnit::Graphemes);
        assert_eq!((summary.claims, summary.skipped.len()), (7, 0));
        // doc-2 "A 🇵🇰 line.\r\n\r\nکشور و 😀 «آزادی» — done": A 0, ␠ 1, 🇵🇰 2, ␠ 3, l 4 … . 8,
        // \r\n 9, \r\n 10, ک 11 …: the flag is 2..3; "کشور و 😀 «آزادی»" starts at 11 and
        // has 16 clusters (ک ش و ر ␠ و ␠ 😀 ␠ « آ ز ا د ی »), so 11..27.
        let second: Value = serde_json::from_str(out.lines().nth(1).unwrap()).unwrap();
        assert_eq!(second["label"], serde_json::json!([[2, 3, "event"], [11, 27, "evaluative"]]));
        let parsed = read_in(Path::new("g.jsonl"), &out, OffsetUnit::Graphemes);
        assert_eq!(parsed.problems, vec![]);
        let spans: Vec<(usize, usize)> =
            parsed.documents.iter().flat_map(|d| d.spans.iter().map(|s| (s.start, s.end))).collect();
        let expected: Vec<(usize, usize)> =
            project.claims.iter().map(|c| (c.span.start, c.span.end)).collect();
        assert_eq!(spans, expected);
        // A span that starts inside the flag cannot be written in graphemes.
        let mut split_flag = project.clone();
        split_flag.claims[5].span = crate::anchor::CharSpan::new(3, 4);
        let (_, summary) = export_in(&split_flag, &ExportOptions::default(), OffsetUnit::Graphemes);
        assert_eq!(summary.skipped.len(), 1);
        assert!(
            summary.skipped[0].starts_with("claim-6: span 3..4 splits a character"),
            "{:?}",
            summary.skipped
        );
    }

    #[test]
    fn frame_labels_give_a_triple_per_frame_and_skip_claims_without_one() {
        let project = tricky_project();
        let options = ExportOptions { labels: LabelBy::Frame, ..Default::default() };
        let (out, summary) = export(&project, &options);
        assert_eq!((summary.claims, summary.spans, summary.skipped.len()), (5, 6, 2));
        assert!(summary.skipped[0].starts_with("claim-2: no label under --labels frame"));
        let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        let labels: Vec<&str> =
            first["label"].as_array().unwrap().iter().map(|t| t[2].as_str().unwrap()).collect();
        assert_eq!(labels, ["economic", "security-defense", "political", "economic"]);
        assert_eq!(first["claims"][1]["kind"], "attributed");
        assert_eq!(first["meta"]["outlet"], "Sputnik");
    }

    #[test]
    fn own_export_reads_back_with_claim_fields() {
        let project = tricky_project();
        let (out, _) = export(&project, &ExportOptions::default());
        let parsed = read(Path::new("d.jsonl"), &out);
        assert_eq!(parsed.problems, vec![]);
        assert_eq!(parsed.documents.len(), 2);
        let first = &parsed.documents[0];
        assert_eq!(first.text, &*project.documents[0].text);
        assert_eq!(first.title.as_deref(), Some("Title of doc-1"));
        assert_eq!(first.outlet.as_deref(), Some("Sputnik"));
        assert_eq!(first.affiliation.as_deref(), Some("state-media"));
        assert_eq!(first.origin, (PathBuf::from("d.jsonl"), 1));
        let money = &first.spans[3];
        assert_eq!((money.label.as_str(), money.verdict.as_deref()), ("money", Some("false")));
        assert_eq!(money.note.as_deref(), Some("Checked against the “budget”."));
        assert_eq!(first.spans[0].claimant.as_deref(), Some("Maria Sultan"));
        assert_eq!(first.spans[0].attribution.as_deref(), Some("attributed"));
        assert_eq!(first.spans[2].frames, ["security-defense", "political"]);
    }

    #[test]
    fn reads_doccano_shapes_and_reports_bad_lines_and_spans() {
        let content = concat!(
            r#"{"id": 1, "text": "Sultan said 3,000.", "label": [[12, 17, "STATISTIC"]], "Comments": []}"#,
            "\n\n",
            r#"{"text": "old labels key", "labels": [[0, 3, "EVENT"], [4, 99, "EVENT"], ["a"]]}"#,
            "\n",
            "{not json\n",
            r#"{"label": [[0, 1, "X"]]}"#,
            "\n",
            r#"{"id": 9, "text": "relation 😀 format", "entities": [{"id": 1, "label": "ORG", "start_offset": 9, "end_offset": 11}, {"id": 2, "label": "ORG", "start_offset": 10, "end_offset": 11}], "relations": []}"#,
            "\n",
            r#"{"data": "doccano one", "label": [[0, 7, "X"]], "meta": {"meta": {"title": "Old"}}}"#,
            "\n",
            r#"{"text": "relabelled", "label": [[0, 5, "money"]], "claims": [{"start": 0, "end": 5, "label": "statistic", "id": "claim-9", "kind": "statistic", "claimant": "Ann"}]}"#,
            "\n",
        );
        let parsed = read(Path::new("in.jsonl"), content);
        let texts: Vec<&str> = parsed.documents.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Sultan said 3,000.", "old labels key", "relation 😀 format", "doccano one", "relabelled"]
        );
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 3, 4, 5, 6], "{:?}", parsed.problems);
        assert!(parsed.problems[0].message.contains("4..99 (EVENT) does not fit the text of 14 UTF-16"));
        assert!(parsed.problems[3].message.contains("no \"text\""));
        assert!(parsed.problems[4].message.contains("10..11 (ORG) splits a character"));
        assert_eq!(parsed.documents[0].spans[0].label, "STATISTIC");
        assert_eq!(parsed.documents[1].origin.1, 3);
        // UTF-16: the emoji is two units, one char.
        assert_eq!((parsed.documents[2].spans[0].start, parsed.documents[2].spans[0].end), (9, 10));
        assert_eq!(parsed.documents[3].title.as_deref(), Some("Old"));
        // A claims entry for another label does not undo a relabelling in doccano; its
        // other fields stay.
        let relabelled = &parsed.documents[4].spans[0];
        assert_eq!((relabelled.label.as_str(), relabelled.claimant.as_deref()), ("money", Some("Ann")));
        assert_eq!(relabelled.claim_id.as_deref(), Some("claim-9"));
    }
}
