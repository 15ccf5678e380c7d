//! spaCy / Prodigy-style JSON lines: one document a line, with
//! `text`, `meta` (the document's fields), `tokens` (`text`, `start`, `end`, `id`, `ws`)
//! and `spans` (`start`, `end`, `token_start`, `token_end`, `label`, and the claim's
//! fields under `claim`). Offsets are chars (Python string indices, which spaCy and
//! Prodigy use); `token_end` is inclusive, as in Prodigy. Reading accepts the same shape
//! (only `text` is required; `tokens` are ignored), so Prodigy and spaCy exports import.

use super::{
    ClaimFields, ClaimIn, DocumentFields, ExportSet, ExportSummary, ImportProblem, ImportedDocument,
    ImportedSpan, ParsedImport,
};
use crate::text::{token_range, tokenize};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::Path;

#[derive(Serialize)]
struct Line<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    meta: DocumentFields<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenOut<'a>>>,
    spans: Vec<SpanOut<'a>>,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: String,
    text: &'a str,
    claim: ClaimFields<'a>,
}

/// Writes one JSON line per document.
pub fn write(set: &ExportSet<'_>, out: &mut dyn Write) -> io::Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    for document in &set.documents {
        let text = &*document.document.text;
        let index = crate::anchor::CharIndex::new(text);
        let tokens = tokenize(text);
        let mut spans = Vec::new();
        for claim in &document.claims {
            let Some((first, end)) = token_range(&tokens, claim.span) else {
                summary.skipped.push(format!("{}: covers no token", claim.id));
                continue;
            };
            let labels = set.labels_of(document, claim);
            if !labels.is_empty() {
                summary.claims += 1;
            }
            for label in labels {
                spans.push(SpanOut {
                    start: claim.span.start,
                    end: claim.span.end,
                    token_start: first,
                    token_end: end - 1,
                    label,
                    text: index.slice(claim.span).unwrap_or_default(),
                    claim: set.claim_fields(document, claim),
                });
                summary.spans += 1;
            }
        }
        let token_list = set.options.with_text.then(|| {
            tokens
                .iter()
                .enumerate()
                .map(|(id, t)| TokenOut {
                    text: index.slice(t.span).unwrap_or_default(),
                    start: t.span.start,
                    end: t.span.end,
                    id,
                    ws: t.space_after,
                })
                .collect()
        });
        let line = Line {
            text: set.options.with_text.then_some(text),
            meta: set.document_fields(document),
            tokens: token_list,
            spans,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
        summary.documents += 1;
        set.tick();
    }
    Ok(summary)
}

#[derive(Deserialize)]
struct LineIn {
    text: String,
    #[serde(default)]
    meta: MetaIn,
    #[serde(default)]
    spans: Vec<SpanIn>,
    /// Keys of other tools' lines, read only to say which format the file is in.
    #[serde(default)]
    label: Option<serde_json::Value>,
    #[serde(default)]
    labels: Option<serde_json::Value>,
    #[serde(default)]
    entities: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
struct MetaIn {
    id: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    author: Option<String>,
    outlet: Option<String>,
    affiliation: Option<String>,
    genre: Option<String>,
}

#[derive(Deserialize)]
struct SpanIn {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    claim: Option<ClaimIn>,
}

/// Reads JSON lines; a line that is not a document with a text is reported with its
/// line number and skipped.
pub fn read(path: &Path, content: &str) -> ParsedImport {
    let mut parsed = ParsedImport::default();
    for (number, line) in content.lines().enumerate() {
        let line_number = number + 1;
        if line.trim().is_empty() {
            continue;
        }
        let problem = |message: String| ImportProblem { file: path.to_owned(), line: line_number, message };
        let record: LineIn = match serde_json::from_str(line) {
            Ok(record) => record,
            Err(error) => {
                parsed.problems.push(problem(format!("not a document with a \"text\": {error}")));
                continue;
            }
        };
        if record.spans.is_empty()
            && (record.label.is_some() || record.labels.is_some() || record.entities.is_some())
        {
            parsed.problems.push(problem(
                "this line has doccano's `label` (or `labels`, `entities`) and no `spans`: import the file with --format doccano"
                    .into(),
            ));
            continue;
        }
        let char_count = record.text.chars().count();
        let mut spans = Vec::new();
        for span in record.spans {
            if span.start >= span.end || span.end > char_count {
                parsed.problems.push(problem(format!(
                    "span {}..{} ({}) does not fit the text of {char_count} chars; skipped",
                    span.start, span.end, span.label
                )));
                continue;
            }
            let mut imported =
                ImportedSpan { start: span.start, end: span.end, label: span.label, ..Default::default() };
            if let Some(claim) = span.claim {
                claim.apply(&mut imported);
            }
            spans.push(imported);
        }
        let meta = record.meta;
        parsed.documents.push(ImportedDocument {
            id: meta.id,
            title: meta.title,
            text: record.text,
            url: meta.url,
            published: meta.published,
            author: meta.author,
            outlet: meta.outlet,
            affiliation: meta.affiliation,
            genre: meta.genre,
            spans,
            origin: (path.to_owned(), line_number),
        });
    }
    parsed
}
