//! Label Studio JSON tasks: a JSON array with a task a line,
//! `{"id", "data": {"text", ...document fields}, "annotations": [{"result": [region...]}]}`,
//! each region `{"id", "from_name": "label", "to_name": "text", "type": "labels",
//! "value": {"start", "end", "text", "labels": [LABEL...]}, "meta": {...claim fields}}`.
//! It imports into a project whose labeling config is [`labeling_config`].
//!
//! Offsets are Unicode code points (Python string indices). Checked with Label Studio
//! 1.23.2 itself: three regions drawn with the mouse over "Islamabad 🇵🇰 — Officials said
//! trade rose 40% to $1.2 billion 👍🏽 last year. Минобороны: 7 млрд долларов. چالیس فیصد
//! اضافہ" came back as 41..60 ("40% to $1.2 billion"), 87..102 and 110..114: Python's
//! `text[start:end]` is `value.text` for all three, while UTF-16 units slice other words.
//! Its page highlights by the offsets, its Regions panel shows `value.text`.
//!
//! On reading, `value.text` is the truth: the offsets are taken as code points when the
//! text is there, else as UTF-16 code units (older Label Studio versions and JavaScript
//! tools wrote those, and so did claimmark before), and a region whose text is at
//! neither is reported, naming what each unit finds there, and skipped. A region without
//! `value.text` is read in code points. An offset past the text is reported with the
//! task's number and line, and the region is skipped.
//!
//! Label Studio needs the text of every task, so `--no-text` does not apply. A claim with
//! several labels (`--labels frame`) is one region with several labels. Every task has one
//! annotation, with an empty result when the document has no claim (a reviewed text with
//! nothing to mark).
//!
//! Reading accepts claimmark's tasks and Label Studio's own JSON export: regions of type
//! `labels` in every annotation that was not cancelled (predictions are not imported),
//! the text under `data.text` (or under the region's `to_name`, or the only string of
//! `data`), and the `JSON-MIN` export (`text` and `label` at the top of each task). The
//! claim fields in a region's `meta` are applied when present (round trip), with
//! `exported_labels`, the labels the export gave the region: a region still carrying
//! them is its claim, kind and all; one relabelled in Label Studio keeps its new labels
//! and the other fields. Without claim fields each label of a region becomes a span.

use super::json_scan;
use super::offsets::{OffsetMap, OffsetUnit};
use super::{
    ClaimFields, ClaimIn, DocumentFields, ExportSet, ExportSummary, ImportProblem, ImportedDocument,
    ImportedSpan, ParsedImport,
};
use serde::Serialize;
use serde_json::{Map, Value};
use std::io::{self, Write};
use std::path::Path;

/// One task.
#[derive(Serialize)]
struct TaskOut<'a> {
    id: usize,
    data: DataOut<'a>,
    annotations: Vec<AnnotationOut<'a>>,
}

/// The task's data: the text and the document's fields beside it (usable as `$title`
/// and so on in a labeling config).
#[derive(Serialize)]
struct DataOut<'a> {
    text: &'a str,
    #[serde(flatten)]
    document: DocumentFields<'a>,
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    result: Vec<RegionOut<'a>>,
}

#[derive(Serialize)]
struct RegionOut<'a> {
    id: &'a str,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    region_type: &'static str,
    value: ValueOut<'a>,
    meta: RegionMeta<'a>,
}

/// A region's `meta`: the claim's fields and the labels the export gave the region, so
/// that a reader can tell a region relabelled in Label Studio from an untouched one.
#[derive(Serialize)]
struct RegionMeta<'a> {
    #[serde(flatten)]
    claim: ClaimFields<'a>,
    exported_labels: Vec<String>,
}

#[derive(Serialize)]
struct ValueOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: Vec<String>,
}

/// Writes the tasks as a JSON array, one task a line.
pub fn write(set: &ExportSet<'_>, out: &mut dyn Write) -> io::Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    out.write_all(b"[")?;
    for (number, document) in set.documents.iter().enumerate() {
        let text = &*document.document.text;
        let index = crate::anchor::CharIndex::new(text);
        let mut result = Vec::new();
        for &claim in &document.claims {
            let labels = set.labels_or_skip(document, claim, &mut summary);
            if labels.is_empty() {
                continue;
            }
            let Some(quote) = index.slice(claim.span) else {
                summary
                    .skipped
                    .push(format!("{}: span {} lies outside its text", claim.id, claim.span.start));
                continue;
            };
            summary.claims += 1;
            summary.spans += labels.len();
            result.push(RegionOut {
                id: claim.id.as_str(),
                from_name: "label",
                to_name: "text",
                region_type: "labels",
                meta: RegionMeta {
                    claim: set.claim_fields(document, claim),
                    exported_labels: labels.clone(),
                },
                value: ValueOut { start: claim.span.start, end: claim.span.end, text: quote, labels },
            });
        }
        let task = TaskOut {
            id: number + 1,
            data: DataOut { text, document: set.document_fields(document) },
            annotations: vec![AnnotationOut { result }],
        };
        out.write_all(if number == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &task)?;
        summary.documents += 1;
        set.tick();
    }
    out.write_all(b"\n]\n")?;
    Ok(summary)
}

/// A labeling config for Label Studio that matches the export: a `Labels` tag named
/// `label` with every label of the export's set (in the taxonomy's colours) on a `Text`
/// tag named `text`.
pub fn labeling_config(set: &ExportSet<'_>) -> String {
    let mut config = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
    for label in set.label_set() {
        config.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            crate::text::escape_markup(label.id.as_str()),
            crate::text::escape_markup(&label.colour)
        ));
    }
    config.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n");
    config
}

/// Reads Label Studio tasks: a JSON array of tasks (or one task). A task that cannot be
/// read, and a region that is not a span of its text, are reported with the task's
/// number and the line where it starts; the other tasks import.
pub fn read(path: &Path, content: &str) -> ParsedImport {
    let mut parsed = ParsedImport::default();
    let lines = json_scan::LineIndex::new(content);
    let problem = |line: usize, message: String| ImportProblem { file: path.to_owned(), line, message };
    let records = match json_scan::records(content) {
        Ok(records) => records,
        Err(error) => {
            parsed.problems.push(problem(lines.line(error.byte), error.message));
            return parsed;
        }
    };
    for (number, record) in records.iter().enumerate() {
        let task_name = format!("task {}", number + 1);
        let line = lines.line(record.range.start);
        let task: Map<String, Value> = match json_scan::parse(content, &record.range) {
            Ok(task) => task,
            Err((offset, message)) => {
                parsed.problems.push(problem(
                    line + offset,
                    format!("{task_name} is not a task object: {message}; skipped"),
                ));
                continue;
            }
        };
        let mut report =
            |message: String| parsed.problems.push(problem(line, format!("{task_name}: {message}")));
        if let Some(mut document) = read_task(&task, &mut report) {
            document.origin = (path.to_owned(), line);
            parsed.documents.push(document);
        }
    }
    if let Some(error) = records.last().and_then(|r| r.broken.clone()) {
        parsed.problems.push(problem(lines.line(error.byte), error.message));
    }
    parsed
}

/// One task's document and spans.
fn read_task(task: &Map<String, Value>, report: &mut dyn FnMut(String)) -> Option<ImportedDocument> {
    // The JSON-MIN export has the data fields and the regions at the top of the task.
    let data = match task.get("data") {
        Some(Value::Object(data)) => data,
        Some(_) => {
            report("\"data\" is not an object; skipped".to_owned());
            return None;
        }
        None => task,
    };
    let mut regions: Vec<&Value> = Vec::new();
    match task.get("annotations") {
        None => {}
        Some(Value::Array(annotations)) => {
            for annotation in annotations {
                if annotation.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
                    continue;
                }
                match annotation.get("result") {
                    Some(Value::Array(result)) => regions.extend(result.iter().filter(|r| {
                        r.get("type")
                            .and_then(Value::as_str)
                            .is_some_and(|t| t.eq_ignore_ascii_case("labels"))
                    })),
                    _ => report("an annotation has no \"result\" list; it is left out".to_owned()),
                }
            }
        }
        Some(_) => {
            report("\"annotations\" is not a list; skipped".to_owned());
            return None;
        }
    }
    if task.get("data").is_none()
        && let Some(Value::Array(minimal)) = task.get("label")
    {
        regions.extend(minimal.iter());
    }
    let to_name = regions.iter().find_map(|r| r.get("to_name").and_then(Value::as_str));
    let only_string = {
        let mut strings = data.values().filter_map(Value::as_str);
        match (strings.next(), strings.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    };
    let Some(text) = ["text"]
        .into_iter()
        .chain(to_name)
        .find_map(|key| data.get(key).and_then(Value::as_str))
        .or(only_string)
    else {
        report("no text in \"data\" (expected \"data\": {\"text\": ...}); skipped".to_owned());
        return None;
    };
    let offsets = OffsetMap::new(text);
    let index = crate::anchor::CharIndex::new(text);
    let mut spans = Vec::new();
    for (number, region) in regions.iter().enumerate() {
        let name = match region.get("id").and_then(Value::as_str) {
            Some(id) => format!("region {id}"),
            None => format!("region {}", number + 1),
        };
        match read_region(region, &offsets, &index) {
            Ok(found) => spans.extend(found),
            Err(message) => report(format!("{name}: {message}; skipped")),
        }
    }
    let field = |key: &str| data.get(key).and_then(Value::as_str).map(str::to_owned);
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

/// The char span of a region's offsets `start..end`: as code points (Label Studio 1.23)
/// when `expected`, its `value.text`, is there or when it has none; else as UTF-16 code
/// units (older versions, JavaScript tools) when the text is there. Otherwise an error
/// naming what each unit finds at the offsets.
fn locate(
    start: usize,
    end: usize,
    expected: Option<&str>,
    offsets: &OffsetMap,
    index: &crate::anchor::CharIndex<'_>,
) -> Result<(usize, usize), String> {
    let in_unit = |unit: OffsetUnit| Some((offsets.to_char(start, unit)?, offsets.to_char(end, unit)?));
    let Some(expected) = expected else {
        return in_unit(OffsetUnit::Chars).ok_or_else(|| {
            format!("span {start}..{end} lies past the text of {} code points", offsets.char_count())
        });
    };
    let mut found = Vec::new();
    for unit in [OffsetUnit::Chars, OffsetUnit::Utf16] {
        match in_unit(unit) {
            Some((start_char, end_char)) => {
                let at_span =
                    index.slice(crate::anchor::CharSpan::new(start_char, end_char)).unwrap_or_default();
                if at_span == expected {
                    return Ok((start_char, end_char));
                }
                found.push(format!("{at_span:?} in {}", unit.describe()));
            }
            None if end > offsets.len_in(unit) => {
                found.push(format!("nothing in {} (the text has {})", unit.describe(), offsets.len_in(unit)));
            }
            None => found.push(format!("half a character in {}", unit.describe())),
        }
    }
    Err(format!(
        "\"value.text\" {expected:?} is not at {start}..{end}: counted in code points and then in UTF-16 code units, the offsets give {}",
        found.join(" and ")
    ))
}

/// The spans of one region (one per label, or one with claimmark's claim fields).
fn read_region(
    region: &Value,
    offsets: &OffsetMap,
    index: &crate::anchor::CharIndex<'_>,
) -> Result<Vec<ImportedSpan>, String> {
    // JSON-MIN regions are the value itself.
    let value = region.get("value").unwrap_or(region);
    let offset = |key: &str| value.get(key).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
    let (Some(start), Some(end)) = (offset("start"), offset("end")) else {
        return Err(
            "\"value\" has no numeric \"start\" and \"end\" (only plain text regions import)".to_owned()
        );
    };
    if start >= end {
        return Err(format!("span {start}..{end} is empty or reversed"));
    }
    let expected = value.get("text").and_then(Value::as_str);
    let (start_char, end_char) = locate(start, end, expected, offsets, index)?;
    let labels: Vec<&str> = value
        .get("labels")
        .and_then(Value::as_array)
        .map(|labels| labels.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if labels.is_empty() {
        return Err("\"value.labels\" holds no label".to_owned());
    }
    let span = |label: &str| ImportedSpan {
        start: start_char,
        end: end_char,
        label: label.to_owned(),
        ..Default::default()
    };
    let meta = region.get("meta").filter(|meta| meta.get("kind").is_some());
    let Some(meta) = meta else {
        return Ok(labels.into_iter().map(span).collect());
    };
    let fields = serde_json::from_value::<ClaimIn>(meta.clone())
        .map_err(|error| format!("the claim fields in \"meta\" are malformed: {error}"))?;
    // Untouched since the export, the region is its claim, kind and all; relabelled in
    // Label Studio, its new labels are the spans' labels and the other fields stay.
    let exported: Option<Vec<&str>> = meta
        .get("exported_labels")
        .and_then(Value::as_array)
        .map(|labels| labels.iter().filter_map(Value::as_str).collect());
    if exported.is_none_or(|exported| exported == labels) {
        let mut imported = span(labels[0]);
        fields.apply(&mut imported);
        return Ok(vec![imported]);
    }
    let mut relabelled = span(labels[0]);
    ClaimIn { kind: None, ..fields }.apply(&mut relabelled);
    Ok(labels
        .into_iter()
        .map(|label| ImportedSpan { label: label.to_owned(), ..relabelled.clone() })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::fixtures::tricky_project;
    use crate::interop::{ExportOptions, LabelBy};

    fn export(project: &crate::model::Project, options: &ExportOptions) -> (String, ExportSummary) {
        let set = ExportSet::new(project, options);
        let mut bytes = Vec::new();
        let summary = write(&set, &mut bytes).unwrap();
        (String::from_utf8(bytes).unwrap(), summary)
    }

    #[test]
    fn offsets_are_code_points_that_slice_each_claims_text() {
        let project = tricky_project();
        let (out, summary) = export(&project, &ExportOptions::default());
        assert_eq!((summary.documents, summary.claims, summary.spans), (2, 7, 7));
        let tasks: Vec<Value> = serde_json::from_str(&out).unwrap();
        let mut checked = 0;
        for (task, document) in tasks.iter().zip(&project.documents) {
            let text = task["data"]["text"].as_str().unwrap();
            assert_eq!(text, &*document.text);
            // Sliced as Python would, independently of the library.
            let chars: Vec<char> = text.chars().collect();
            for region in task["annotations"][0]["result"].as_array().unwrap() {
                let value = &region["value"];
                let (start, end) =
                    (value["start"].as_u64().unwrap() as usize, value["end"].as_u64().unwrap() as usize);
                let sliced: String = chars[start..end].iter().collect();
                let claim = project.claims.iter().find(|c| c.id.as_str() == region["id"]).unwrap();
                assert_eq!(sliced, claim.quote.exact);
                assert_eq!(value["text"], sliced);
                assert_eq!(value["labels"][0], claim.kind.as_str());
                checked += 1;
            }
        }
        assert_eq!(checked, 7);
        // After the emoji before "😀😀 x", code points, not UTF-16 units.
        let first = &tasks[0]["annotations"][0]["result"];
        assert_eq!(first[4]["value"]["start"].as_u64(), Some(project.claims[4].span.start as u64));
        // One task a line, so a task's line is its number plus one.
        assert!(out.starts_with("[\n{\"id\":1,") && out.contains("\n{\"id\":2,") && out.ends_with("}\n]\n"));
    }

    #[test]
    fn frame_labels_are_one_region_with_several_labels() {
        let project = tricky_project();
        let options = ExportOptions { labels: LabelBy::Frame, ..Default::default() };
        let (out, summary) = export(&project, &options);
        assert_eq!((summary.claims, summary.spans, summary.skipped.len()), (5, 6, 2));
        let tasks: Vec<Value> = serde_json::from_str(&out).unwrap();
        let regions = tasks[0]["annotations"][0]["result"].as_array().unwrap();
        assert_eq!(regions[1]["value"]["labels"], serde_json::json!(["security-defense", "political"]));
        let set = ExportSet::new(&project, &options);
        let config = labeling_config(&set);
        assert!(config.contains("<Label value=\"security-defense\" background=\"#"));
        assert!(config.contains("<Text name=\"text\" value=\"$text\"/>"));
    }

    #[test]
    fn own_export_reads_back_in_chars_with_claim_fields() {
        let project = tricky_project();
        let (out, _) = export(&project, &ExportOptions::default());
        let parsed = read(Path::new("t.json"), &out);
        assert_eq!(parsed.problems, vec![]);
        let spans: Vec<(usize, usize, &str)> = parsed
            .documents
            .iter()
            .flat_map(|d| d.spans.iter().map(|s| (s.start, s.end, s.label.as_str())))
            .collect();
        let expected: Vec<(usize, usize, &str)> =
            project.claims.iter().map(|c| (c.span.start, c.span.end, c.kind.as_str())).collect();
        assert_eq!(spans, expected);
        let first = &parsed.documents[0];
        assert_eq!((first.origin.1, parsed.documents[1].origin.1), (2, 3));
        assert_eq!(first.outlet.as_deref(), Some("Sputnik"));
        assert_eq!(first.spans[3].note.as_deref(), Some("Checked against the “budget”."));
        assert_eq!(first.spans[2].frames, ["security-defense", "political"]);
    }

    #[test]
    fn bad_offsets_and_texts_are_reported_with_the_task_and_line() {
        // "a😀b": a=0, 😀=1, b=2 in code points; a=0, 😀=1..3, b=3 in UTF-16.
        let content = r#"[
{"data": {"text": "a😀b"}, "annotations": [{"result": [
  {"id": "ok", "type": "labels", "value": {"start": 1, "end": 3, "text": "😀", "labels": ["EVENT"]}},
  {"id": "cp", "type": "labels", "value": {"start": 2, "end": 3, "text": "b", "labels": ["EVENT"]}},
  {"id": "half", "type": "labels", "value": {"start": 2, "end": 4, "text": "b", "labels": ["EVENT"]}},
  {"id": "far", "type": "labels", "value": {"start": 0, "end": 9, "labels": ["EVENT"]}},
  {"id": "wrong", "type": "labels", "value": {"start": 0, "end": 1, "text": "b", "labels": ["EVENT"]}},
  {"id": "html", "type": "labels", "value": {"start": "/p[1]", "end": "/p[2]", "labels": ["EVENT"]}},
  {"id": "rel", "type": "relation", "from_id": "ok", "to_id": "half"}
]}, {"was_cancelled": true, "result": [{"type": "labels", "value": {"start": 0, "end": 1, "labels": ["NO"]}}]}]},
{"data": "not an object"},
{"data": {"text": "fine"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 4, "labels": ["A", "B"]}}]}]},
{"data": {"text": "x"}, oops},
{"text": "min 😀 export", "label": [{"start": 4, "end": 6, "text": "😀", "labels": ["MIN"]}]},
{"data": {"content": "other key"}, "annotations": [{"result": [{"type": "labels", "to_name": "content", "value": {"start": 0, "end": 5, "labels": ["K"]}}]}]},
{"data": {"text": "relabelled"}, "annotations": [{"result": [
  {"type": "labels", "value": {"start": 0, "end": 5, "labels": ["money"]}, "meta": {"kind": "statistic", "claimant": "Ann", "exported_labels": ["statistic"]}},
  {"type": "labels", "value": {"start": 5, "end": 10, "labels": ["event"]}, "meta": {"kind": "event", "claimant": "Bo", "exported_labels": ["event"]}}
]}]}
]"#;
        let parsed = read(Path::new("ls.json"), content);
        let problems: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 6, "{problems:#?}");
        assert_eq!(
            problems[0],
            "ls.json:2: task 1: region half: \"value.text\" \"b\" is not at 2..4: counted in code points and \
             then in UTF-16 code units, the offsets give nothing in Unicode code points (chars) (the text has 3) \
             and half a character in UTF-16 code units; skipped"
        );
        assert!(
            problems[1]
                .starts_with("ls.json:2: task 1: region far: span 0..9 lies past the text of 3 code points")
        );
        assert!(
            problems[2].starts_with(
                "ls.json:2: task 1: region wrong: \"value.text\" \"b\" is not at 0..1: counted in code points \
                 and then in UTF-16 code units, the offsets give \"a\" in Unicode code points (chars) and \"a\" in"
            ),
            "{}",
            problems[2]
        );
        assert!(problems[3].starts_with("ls.json:2: task 1: region html: \"value\" has no numeric"));
        assert!(problems[4].starts_with("ls.json:11: task 2: \"data\" is not an object"));
        assert!(problems[5].starts_with("ls.json:13: task 4 is not a task object"));
        let texts: Vec<&str> = parsed.documents.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["a😀b", "fine", "min 😀 export", "other key", "relabelled"]);
        let spans = |i: usize| -> Vec<(usize, usize, String)> {
            parsed.documents[i].spans.iter().map(|s| (s.start, s.end, s.label.clone())).collect()
        };
        // "ok" as UTF-16 (its text is not at 1..3 in code points), "cp" as code points.
        assert_eq!(spans(0), [(1, 2, "EVENT".into()), (2, 3, "EVENT".into())]);
        assert_eq!(spans(1), [(0, 4, "A".into()), (0, 4, "B".into())]);
        assert_eq!(spans(2), [(4, 5, "MIN".into())]);
        assert_eq!(spans(3), [(0, 5, "K".into())]);
        // Relabelled in Label Studio: the new label wins over the exported kind, the
        // other claim fields stay; untouched, the kind and fields come back.
        assert_eq!(spans(4), [(0, 5, "money".into()), (5, 10, "event".into())]);
        let claimants: Vec<Option<&str>> =
            parsed.documents[4].spans.iter().map(|s| s.claimant.as_deref()).collect();
        assert_eq!(claimants, [Some("Ann"), Some("Bo")]);
        assert_eq!(parsed.documents[2].origin.1, 14);
        // Not JSON at all: one problem for the file.
        let parsed = read(Path::new("ls.json"), "\n\n  ");
        assert_eq!(parsed.problems.len(), 1);
    }
}
