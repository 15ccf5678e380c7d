//! W3C Web Annotation JSON-LD: one `AnnotationCollection` whose first (and only)
//! `AnnotationPage` is embedded, with an `Annotation` per claim:
//!
//! ```json
//! {"@context": ["http://www.w3.org/ns/anno.jsonld", {"claimmark": "urn:claimmark:vocab:"}],
//!  "id": "urn:claimmark:export:<project-slug>", "type": "AnnotationCollection",
//!  "label": "<project name>", "total": 3, "claimmark:labelSet": "kind",
//!  "claimmark:documents": [{"id": "<url or urn:claimmark:document:<slug>:<id>>",
//!      "type": "Text", "format": "text/plain", "claimmark:documentId": "doc-1", ...,
//!      "value": "<the text, with --with-text>"}],
//!  "first": {"id": "...:page-1", "type": "AnnotationPage", "startIndex": 0, "items": [
//!    {"id": "urn:claimmark:claim:<slug>:<claim-id>", "type": "Annotation",
//!     "motivation": "classifying", "created": ..., "modified": ..., "creator": {...},
//!     "body": [{"type": "TextualBody", "purpose": "tagging", "value": "statistic",
//!               "claimmark:labelSet": "kind"}, ...],
//!     "target": {"source": "<document id above>", "selector": [
//!        {"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
//!        {"type": "TextPositionSelector", "start", "end"}]},
//!     "claimmark:claimId": ..., "claimmark:claimant": ..., "claimmark:attribution": ...}]}}
//! ```
//!
//! A collection rather than a bare array because it names the export (`id`, `label`) and
//! has room for the documents. The documents are described once, in
//! `claimmark:documents`, and each annotation's `target.source` refers to one by its `id`
//! (the document's URL, or a `urn:claimmark:document:` IRI when it has none or shares it
//! with an earlier one): in JSON-LD both are the same node, so a text is not repeated
//! for each of its claims, and documents without claims are kept.
//!
//! Bodies: the kind and each frame are `tagging` bodies, the verdict an `assessing` one
//! (and the motivation is `assessing` when the verdict is not the taxonomy's default,
//! else `classifying`), the note a `describing` one, and sources `linking`
//! `SpecificResource`s. Each label body says its set in `claimmark:labelSet`; the
//! collection's `claimmark:labelSet` says which set `--labels` chose (under `--labels
//! affiliation` an extra tagging body carries the affiliation of the outlet whose text
//! the claim is). claimmark's other fields are `claimmark:`-prefixed terms in a
//! namespace the `@context` declares. The outlet of a claim is its document's
//! (`claimmark:outlet` of the document), except for a claim in a passage the document
//! quotes from another outlet: its annotation names that outlet (`claimmark:outlet`,
//! `claimmark:affiliation`) and the document's outlet it came through
//! (`claimmark:via`).
//!
//! Offsets (`TextPositionSelector`) count Unicode code points, as the Web Annotation
//! model specifies for text, which are claimmark's chars.
//!
//! Reading: with the texts embedded (`value` of a document, or of a `target.source`
//! object), the file rebuilds its documents and spans. Without them, the annotations are
//! re-anchored onto the documents of the project the import goes into
//! ([`read_with_project`]): `target.source` is matched to a document's URL, or to its id
//! in a `urn:claimmark:document:` IRI, and the span is taken from the
//! `TextPositionSelector` where the text there is the quote's exact text, else found
//! again by the `TextQuoteSelector` ([`crate::anchor::locate`]), so edits to a text
//! since the export do not lose its claims. That is the robust choice: a collection of
//! annotations on web pages (Hypothesis and friends) never carries the texts, and
//! claimmark's own export without `--with-text` still imports into the project it came
//! from. An annotation whose text cannot be found is reported and skipped.
//!
//! Foreign files are accepted as a collection, a page, a plain array of annotations or
//! one annotation; the label is the first `tagging` (or `classifying`) body, or
//! `bodyValue`. Each malformed annotation is reported with the line it starts on.
//!
//! This file runs a little over the house limit of 800 lines, on purpose: what is here
//! is the one format — its output records, the five container shapes it reads, and
//! re-anchoring onto a project's documents — and splitting it would put one format in
//! two files. What is not the format lives elsewhere: the JSON record scanner in
//! `json_scan`, the tests in `w3c/tests.rs`.

use super::json_scan::{self, LineIndex};
use super::{ExportSet, ExportSummary, ImportProblem, ImportedDocument, ImportedSpan, LabelBy, ParsedImport};
use crate::anchor::{CharIndex, CharSpan, QuoteSelector};
use crate::model::Project;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

/// The Web Annotation JSON-LD context.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The namespace of claimmark's own terms (`claimmark:claimant` and so on). It ends in
/// `:` so that JSON-LD 1.1 accepts `claimmark` as a prefix.
pub const CLAIMMARK_NAMESPACE: &str = "urn:claimmark:vocab:";

#[derive(Serialize)]
struct CollectionOut<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, Namespaces),
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    #[serde(rename = "claimmark:labelSet")]
    label_set: &'static str,
    #[serde(rename = "claimmark:documents")]
    documents: Vec<DocumentOut<'a>>,
    first: PageOut<'a>,
}

#[derive(Serialize)]
struct Namespaces {
    claimmark: &'static str,
}

#[derive(Serialize)]
struct PageOut<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<AnnotationOut<'a>>,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    format: &'static str,
    #[serde(rename = "claimmark:documentId")]
    document_id: &'a str,
    #[serde(rename = "claimmark:title")]
    title: &'a str,
    #[serde(rename = "claimmark:url", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "claimmark:published", skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(rename = "claimmark:author", skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(rename = "claimmark:outlet", skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    #[serde(rename = "claimmark:affiliation", skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'a str>,
    #[serde(rename = "claimmark:genre", skip_serializing_if = "Option::is_none")]
    genre: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: &'a str,
    modified: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<AgentOut<'a>>,
    body: Vec<BodyOut<'a>>,
    target: TargetOut<'a>,
    #[serde(rename = "claimmark:claimId")]
    claim_id: &'a str,
    #[serde(rename = "claimmark:claimant", skip_serializing_if = "str::is_empty")]
    claimant: &'a str,
    #[serde(rename = "claimmark:attribution")]
    attribution: &'a str,
    #[serde(rename = "claimmark:group", skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(rename = "claimmark:groupId", skip_serializing_if = "Option::is_none")]
    group_id: Option<&'a str>,
    /// For a claim in a quoted passage only: the passage's outlet, its affiliation, and
    /// the document's outlet it came via.
    #[serde(rename = "claimmark:outlet", skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    #[serde(rename = "claimmark:affiliation", skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'a str>,
    #[serde(rename = "claimmark:via", skip_serializing_if = "Option::is_none")]
    via: Option<&'a str>,
}

#[derive(Serialize)]
struct AgentOut<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum BodyOut<'a> {
    Text(TextualBodyOut<'a>),
    Link(LinkOut<'a>),
}

#[derive(Serialize)]
struct TextualBodyOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(rename = "claimmark:labelSet", skip_serializing_if = "Option::is_none")]
    label_set: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
}

impl TextualBodyOut<'_> {
    /// A `TextualBody` with a purpose and a value, and nothing else yet.
    fn new(purpose: &'static str, value: String) -> Self {
        TextualBodyOut { kind: "TextualBody", purpose, value, format: None, label_set: None, label: None }
    }
}

#[derive(Serialize)]
struct LinkOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    source: String,
    #[serde(rename = "claimmark:title")]
    title: &'a str,
    #[serde(rename = "claimmark:relation")]
    relation: &'a str,
}

#[derive(Serialize)]
struct TargetOut<'a> {
    source: &'a str,
    selector: (QuoteOut, PositionOut),
}

#[derive(Serialize)]
struct QuoteOut {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: String,
    prefix: String,
    suffix: String,
}

#[derive(Serialize)]
struct PositionOut {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

/// A lower-case slug of a name for IRIs: letters and digits, runs of anything else as
/// one `-`, non-ASCII percent-encoded.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { "project".to_owned() } else { iri_segment(slug) }
}

/// The bytes an IRI segment keeps as they are: ASCII letters, digits and `-._~` (the
/// unreserved characters of RFC 3986); every other byte is percent-encoded.
const IRI_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// `text` as one segment of a `urn:` IRI: every byte but ASCII letters, digits and
/// `-._~` percent-encoded (upper-case hex).
fn iri_segment(text: &str) -> String {
    utf8_percent_encode(text, IRI_SEGMENT).to_string()
}

/// Undoes [`iri_segment`]; `None` when the result is not UTF-8.
fn decode_segment(segment: &str) -> Option<String> {
    percent_decode_str(segment).decode_utf8().ok().map(Cow::into_owned)
}

/// The IRI prefix of documents without a URL.
const DOCUMENT_IRI: &str = "urn:claimmark:document:";

/// Writes the collection (pretty-printed JSON-LD).
pub fn write(set: &ExportSet<'_>, out: &mut dyn Write) -> io::Result<ExportSummary> {
    let project = set.project;
    let project_slug = slug(&project.name);
    let mut summary = ExportSummary::default();
    let default_verdict = project.taxonomy.default_verdict();
    let mut documents = Vec::new();
    let mut items = Vec::new();
    let mut sources_used: HashSet<String> = HashSet::new();
    let source_iris: Vec<String> = set
        .documents
        .iter()
        .map(|document| {
            let d = document.document;
            let urn = format!("{DOCUMENT_IRI}{project_slug}:{}", iri_segment(d.id.as_str()));
            // Two documents with one URL would be one node in JSON-LD: the later gets its urn.
            match &d.url {
                Some(url) if !url.trim().is_empty() && sources_used.insert(url.clone()) => url.clone(),
                _ => urn,
            }
        })
        .collect();
    for (document, source) in set.documents.iter().zip(&source_iris) {
        let fields = set.document_fields(document);
        let text = &*document.document.text;
        documents.push(DocumentOut {
            id: source.clone(),
            kind: "Text",
            format: "text/plain",
            document_id: fields.id,
            title: fields.title,
            url: fields.url,
            published: fields.published,
            author: fields.author,
            outlet: fields.outlet,
            affiliation: fields.affiliation,
            genre: fields.genre,
            value: set.options.with_text.then_some(text),
        });
        let index = CharIndex::new(text);
        for &claim in &document.claims {
            let labels = set.labels_or_skip(document, claim, &mut summary);
            if labels.is_empty() {
                continue;
            }
            let Some(quote) = QuoteSelector::capture_indexed(&index, claim.span) else {
                summary
                    .skipped
                    .push(format!("{}: span {} lies outside its text", claim.id, claim.span.start));
                continue;
            };
            let c = set.claim_fields(document, claim);
            let in_passage = set.claim_outlet(document, claim).passage.is_some();
            let taxonomy = &project.taxonomy;
            let tag = |purpose, value: &str, set_name, name| {
                let body = TextualBodyOut::new(purpose, value.to_owned());
                BodyOut::Text(TextualBodyOut { label_set: Some(set_name), label: Some(name), ..body })
            };
            let mut body = vec![tag("tagging", c.kind, "kind", c.kind_name)];
            for frame in &claim.frames {
                let name = taxonomy.name_of(crate::model::LabelSet::Frame, frame);
                body.push(tag("tagging", frame.as_str(), "frame", name));
            }
            body.push(tag("assessing", c.verdict, "verdict", c.verdict_name));
            if set.options.labels == LabelBy::Affiliation {
                for label in &labels {
                    let tag = TextualBodyOut::new("tagging", label.clone());
                    body.push(BodyOut::Text(TextualBodyOut { label_set: Some("affiliation"), ..tag }));
                }
            }
            if !c.note.is_empty() {
                let note = TextualBodyOut::new("describing", c.note.to_owned());
                body.push(BodyOut::Text(TextualBodyOut { format: Some("text/plain"), ..note }));
            }
            for source in &c.sources {
                body.push(BodyOut::Link(LinkOut {
                    kind: "SpecificResource",
                    purpose: "linking",
                    source: match source.url {
                        Some(url) => url.to_owned(),
                        None => format!("urn:claimmark:source:{project_slug}:{}", iri_segment(source.id)),
                    },
                    title: source.title,
                    relation: source.relation,
                }));
            }
            let creator = claim.reviewer.as_ref().map(|id| AgentOut {
                id: format!("urn:claimmark:reviewer:{project_slug}:{}", iri_segment(id.as_str())),
                kind: "Person",
                name: c.reviewer.unwrap_or(id.as_str()),
            });
            items.push(AnnotationOut {
                id: format!("urn:claimmark:claim:{project_slug}:{}", iri_segment(c.id)),
                kind: "Annotation",
                motivation: if Some(&claim.verdict) == default_verdict { "classifying" } else { "assessing" },
                created: c.created,
                modified: c.modified,
                creator,
                body,
                target: TargetOut {
                    source,
                    selector: (
                        QuoteOut {
                            kind: "TextQuoteSelector",
                            exact: quote.exact,
                            prefix: quote.prefix,
                            suffix: quote.suffix,
                        },
                        PositionOut {
                            kind: "TextPositionSelector",
                            start: claim.span.start,
                            end: claim.span.end,
                        },
                    ),
                },
                claim_id: c.id,
                claimant: c.claimant,
                attribution: c.attribution,
                group: c.group_name,
                group_id: c.group,
                outlet: in_passage.then_some(c.outlet).flatten(),
                affiliation: in_passage.then_some(c.affiliation).flatten(),
                via: c.via,
            });
            summary.claims += 1;
            summary.spans += labels.len();
        }
        summary.documents += 1;
        set.tick();
    }
    let collection = CollectionOut {
        context: (ANNO_CONTEXT, Namespaces { claimmark: CLAIMMARK_NAMESPACE }),
        id: format!("urn:claimmark:export:{project_slug}"),
        kind: "AnnotationCollection",
        label: &project.name,
        total: items.len(),
        label_set: set.options.labels.name(),
        documents,
        first: PageOut {
            id: format!("urn:claimmark:export:{project_slug}:page-1"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    out.write_all(b"\n")?;
    Ok(summary)
}

// ---------------------------------------------------------------------------------
// Reading

/// A document resource: an entry of `claimmark:documents`, or a `target.source` object.
#[derive(Deserialize, Default, Clone)]
struct DocumentIn {
    id: Option<String>,
    value: Option<String>,
    #[serde(rename = "claimmark:text")]
    text: Option<String>,
    #[serde(rename = "claimmark:documentId")]
    document_id: Option<String>,
    #[serde(rename = "claimmark:title")]
    title: Option<String>,
    #[serde(rename = "claimmark:url")]
    url: Option<String>,
    #[serde(rename = "claimmark:published")]
    published: Option<String>,
    #[serde(rename = "claimmark:author")]
    author: Option<String>,
    #[serde(rename = "claimmark:outlet")]
    outlet: Option<String>,
    #[serde(rename = "claimmark:affiliation")]
    affiliation: Option<String>,
    #[serde(rename = "claimmark:genre")]
    genre: Option<String>,
}

impl DocumentIn {
    fn text(&self) -> Option<&str> {
        self.value.as_deref().or(self.text.as_deref())
    }

    /// The document's web address: `claimmark:url`, or an `http(s)` id.
    fn url(&self) -> Option<&str> {
        self.url.as_deref().or_else(|| self.id.as_deref().filter(|id| id.starts_with("http")))
    }
}

/// Where the records of the file are.
#[derive(Default)]
struct Layout {
    documents: Vec<Range<usize>>,
    annotations: Vec<Range<usize>>,
    problems: Vec<(usize, String)>,
}

/// Finds the documents and annotations of a collection, a page, an array of annotations
/// or one annotation, without parsing them (each is parsed on its own, so that one
/// malformed annotation costs only itself).
fn layout(content: &str) -> Layout {
    let mut layout = Layout::default();
    let records = match json_scan::records(content) {
        Ok(records) => records,
        Err(error) => {
            layout.problems.push((error.byte, error.message));
            return layout;
        }
    };
    let note_break = |broken: Option<json_scan::ScanError>, layout: &mut Layout| {
        if let Some(error) = broken {
            layout.problems.push((error.byte, error.message));
        }
    };
    let top_is_array = content.trim_start().starts_with('[');
    if top_is_array {
        let broken = records.last().and_then(|r| r.broken.clone());
        layout.annotations = records.into_iter().map(|r| r.range).collect();
        note_break(broken, &mut layout);
        return layout;
    }
    let Some(top) = records.into_iter().next() else {
        return layout;
    };
    if !opens(content, top.range.start, '{') {
        layout.problems.push((top.range.start, "not a JSON object or array".to_owned()));
        return layout;
    }
    let (members, broken) = json_scan::object_members(content, top.range.start);
    note_break(broken, &mut layout);
    let member = |members: &[(String, Range<usize>)], key: &str| {
        members.iter().find(|(k, _)| k == key).map(|(_, range)| range.clone())
    };
    let elements = |range: Range<usize>, layout: &mut Layout| -> Vec<Range<usize>> {
        if !opens(content, range.start, '[') {
            layout.problems.push((range.start, "expected a list".to_owned()));
            return Vec::new();
        }
        let (elements, broken) = json_scan::array_elements(content, range.start);
        if let Some(error) = broken {
            layout.problems.push((error.byte, error.message));
        }
        elements
    };
    if let Some(range) = member(&members, "claimmark:documents") {
        layout.documents = elements(range, &mut layout);
    }
    if let Some(range) = member(&members, "items").or_else(|| member(&members, "@graph")) {
        layout.annotations = elements(range, &mut layout);
    } else if let Some(first) = member(&members, "first") {
        if opens(content, first.start, '{') {
            let (page, broken) = json_scan::object_members(content, first.start);
            note_break(broken, &mut layout);
            match member(&page, "items") {
                Some(items) => layout.annotations = elements(items, &mut layout),
                None => layout.problems.push((first.start, "the first page has no \"items\"".to_owned())),
            }
        } else {
            let message =
                "the collection's first page is a link, not embedded; export it with its pages inline";
            layout.problems.push((first.start, message.to_owned()));
        }
    } else if member(&members, "target").is_some() {
        layout.annotations = vec![top.range];
    } else {
        let message = "neither an annotation nor a collection or page of annotations (no \"target\", \"items\" or \"first\")";
        layout.problems.push((top.range.start, message.to_owned()));
    }
    layout
}

/// Whether the value at byte `pos` starts with `bracket`.
fn opens(content: &str, pos: usize, bracket: char) -> bool {
    content.get(pos..).is_some_and(|rest| rest.starts_with(bracket))
}

/// An annotation as read, before its text is known.
struct AnnotationIn {
    line: usize,
    source: String,
    embedded: Option<DocumentIn>,
    position: Option<CharSpan>,
    quote: Option<QuoteSelector>,
    span: ImportedSpan,
}

/// Reads a file of Web Annotations whose texts are embedded; annotations without their
/// text are reported (see [`read_with_project`]).
pub fn read(path: &Path, content: &str) -> ParsedImport {
    read_with_project(path, content, None)
}

/// Reads a file of Web Annotations; annotations whose text is not in the file are
/// re-anchored onto `project`'s documents (by URL or claimmark document IRI, then by
/// position and quote).
pub fn read_with_project(path: &Path, content: &str, project: Option<&Project>) -> ParsedImport {
    let mut parsed = ParsedImport::default();
    let project_documents = project.map(ProjectDocuments::new);
    let lines = LineIndex::new(content);
    let problem = |line: usize, message: String| ImportProblem { file: path.to_owned(), line, message };
    let layout = layout(content);
    for (byte, message) in layout.problems {
        parsed.problems.push(problem(lines.line(byte), message));
    }
    // Documents listed in the file, by IRI, in file order.
    let mut order: Vec<String> = Vec::new();
    let mut by_source: HashMap<String, Vec<usize>> = HashMap::new();
    let mut listed: HashMap<String, (DocumentIn, usize)> = HashMap::new();
    for range in &layout.documents {
        let line = lines.line(range.start);
        match json_scan::parse::<DocumentIn>(content, range) {
            Ok(document) => {
                let Some(id) = document.id.clone() else {
                    parsed.problems.push(problem(line, "a document without an \"id\"; skipped".to_owned()));
                    continue;
                };
                if !by_source.contains_key(&id) {
                    order.push(id.clone());
                    by_source.insert(id.clone(), Vec::new());
                }
                listed.insert(id, (document, line));
            }
            Err((offset, message)) => {
                parsed.problems.push(problem(line + offset, format!("not a document: {message}; skipped")))
            }
        }
    }
    let mut annotations: Vec<AnnotationIn> = Vec::new();
    for (number, range) in layout.annotations.iter().enumerate() {
        let line = lines.line(range.start);
        let name = format!("annotation {}", number + 1);
        let value: Value = match json_scan::parse(content, range) {
            Ok(value) => value,
            Err((offset, message)) => {
                parsed
                    .problems
                    .push(problem(line + offset, format!("{name} is not JSON: {message}; skipped")));
                continue;
            }
        };
        match read_annotation(&value, line) {
            Ok(annotation) => {
                let of_source = by_source.entry(annotation.source.clone()).or_insert_with(|| {
                    order.push(annotation.source.clone());
                    Vec::new()
                });
                of_source.push(annotations.len());
                annotations.push(annotation);
            }
            Err(message) => parsed.problems.push(problem(line, format!("{name}: {message}; skipped"))),
        }
    }
    // Each source's text: embedded in the file, else the project's document.
    for source in order {
        let of_source: Vec<&AnnotationIn> = by_source
            .get(&source)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&i| annotations.get(i))
            .collect();
        let embedded = of_source.iter().find_map(|a| a.embedded.clone().filter(|d| d.text().is_some()));
        let listed_entry = listed.get(&source);
        let line =
            listed_entry.map(|(_, line)| *line).or_else(|| of_source.first().map(|a| a.line)).unwrap_or(0);
        let description = embedded
            .or_else(|| listed_entry.map(|(d, _)| d.clone()))
            .unwrap_or_else(|| DocumentIn { id: Some(source.clone()), ..DocumentIn::default() });
        let text = match description.text() {
            Some(text) => text.to_owned(),
            None => {
                if of_source.is_empty() {
                    continue; // A document listed without text or claims adds nothing.
                }
                match project_documents.as_ref().and_then(|p| project_document(p, &source, &description)) {
                    Some(text) => text.to_owned(),
                    None => {
                        let hint = if project.is_some() {
                            "and no document of the project has that URL or id"
                        } else {
                            "and there is no project to find it in"
                        };
                        parsed.problems.push(problem(
                            line,
                            format!(
                                "the text of {source} is not in the file (export with --with-text) {hint}; its {} annotation(s) are skipped",
                                of_source.len()
                            ),
                        ));
                        continue;
                    }
                }
            }
        };
        let index = CharIndex::new(&text);
        let mut spans = Vec::new();
        for annotation in of_source {
            match anchor(&text, &index, annotation) {
                Some(span) => {
                    spans.push(ImportedSpan { start: span.start, end: span.end, ..annotation.span.clone() })
                }
                None => {
                    let message = match (&annotation.quote, annotation.position) {
                        (Some(quote), _) => {
                            format!("the quote {:?} is not in the text of {source}", quote.exact)
                        }
                        (None, position) => format!(
                            "the TextPositionSelector {} lies outside the text of {source} ({} code points)",
                            position.map_or_else(String::new, |p| format!("{}..{}", p.start, p.end)),
                            index.char_count()
                        ),
                    };
                    parsed.problems.push(problem(annotation.line, format!("{message}; skipped")));
                }
            }
        }
        parsed.documents.push(ImportedDocument {
            id: description.document_id.clone(),
            title: description.title.clone(),
            url: description.url().map(str::to_owned),
            published: description.published.clone(),
            author: description.author.clone(),
            outlet: description.outlet.clone(),
            affiliation: description.affiliation.clone(),
            genre: description.genre.clone(),
            text,
            spans,
            origin: (path.to_owned(), line),
        });
    }
    parsed
}

/// The text of the project's document that `source` names: by URL, then by the id in a
/// claimmark document IRI or the listed `claimmark:documentId`.
fn project_document<'p>(
    documents: &ProjectDocuments<'p>,
    source: &str,
    description: &DocumentIn,
) -> Option<&'p str> {
    let url = description.url().unwrap_or(source);
    // The first document in project order with either URL.
    let by_url = [url, source].iter().filter_map(|u| documents.by_url.get(u).copied()).min();
    let id = source
        .strip_prefix(DOCUMENT_IRI)
        .and_then(|rest| rest.rsplit(':').next())
        .and_then(decode_segment)
        .or_else(|| description.document_id.clone());
    let by_id = || id.and_then(|id| documents.by_id.get(id.as_str()).copied());
    by_url.or_else(by_id).map(|i| &*documents.project.documents[i].text)
}

/// A project's documents by URL and by id (the first of each, by position), built once
/// for an import that looks up every document it reads.
struct ProjectDocuments<'p> {
    project: &'p Project,
    by_url: HashMap<&'p str, usize>,
    by_id: HashMap<&'p str, usize>,
}

impl<'p> ProjectDocuments<'p> {
    fn new(project: &'p Project) -> ProjectDocuments<'p> {
        let (mut by_url, mut by_id) = (HashMap::new(), HashMap::new());
        for (i, document) in project.documents.iter().enumerate().rev() {
            if let Some(url) = document.url.as_deref() {
                by_url.insert(url, i);
            }
            by_id.insert(document.id.as_str(), i);
        }
        ProjectDocuments { project, by_url, by_id }
    }
}

/// The span of an annotation in `text`: its position when the text there is its quote
/// (or it has no quote), else where the quote is found again.
fn anchor(text: &str, index: &CharIndex<'_>, annotation: &AnnotationIn) -> Option<CharSpan> {
    let at_position = annotation.position.and_then(|span| Some((span, index.slice(span)?)));
    match (&annotation.quote, at_position) {
        (None, Some((span, _))) => Some(span),
        (Some(quote), Some((span, exact))) if exact == quote.exact => Some(span),
        (Some(quote), _) => crate::anchor::locate(text, quote, annotation.position),
        (None, None) => None,
    }
}

/// A `value`, or each value of a list, as a list.
fn as_list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    }
}

/// Whether a `type` or `purpose` (a string or a list of them) includes `wanted`.
fn has(value: Option<&Value>, wanted: &str) -> bool {
    as_list(value).iter().any(|v| v.as_str() == Some(wanted))
}

/// An annotation's source, selectors and claim fields.
fn read_annotation(annotation: &Value, line: usize) -> Result<AnnotationIn, String> {
    if !annotation.is_object() {
        return Err("not an object".to_owned());
    }
    let targets = as_list(annotation.get("target"));
    let Some(target) = targets.first() else {
        return Err("no \"target\"".to_owned());
    };
    let (source, embedded) = match target.get("source") {
        Some(Value::String(iri)) => (iri.clone(), None),
        Some(object @ Value::Object(_)) => {
            let document: DocumentIn = serde_json::from_value(object.clone())
                .map_err(|error| format!("\"target.source\" is not a document resource: {error}"))?;
            let Some(id) = document.id.clone() else {
                return Err("\"target.source\" has no \"id\"".to_owned());
            };
            (id, Some(document))
        }
        _ => return Err("\"target\" has no \"source\" (a document IRI or resource)".to_owned()),
    };
    let mut position = None;
    let mut quote = None;
    for selector in as_list(target.get("selector")) {
        let text = |key: &str| selector.get(key).and_then(Value::as_str).map(str::to_owned);
        if has(selector.get("type"), "TextPositionSelector") {
            let offset =
                |key: &str| selector.get(key).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
            let (Some(start), Some(end)) = (offset("start"), offset("end")) else {
                return Err("a TextPositionSelector without numeric \"start\" and \"end\"".to_owned());
            };
            if start >= end {
                return Err(format!("the TextPositionSelector {start}..{end} is empty or reversed"));
            }
            position = Some(CharSpan::new(start, end));
        } else if has(selector.get("type"), "TextQuoteSelector") {
            let Some(exact) = text("exact").filter(|e| !e.is_empty()) else {
                return Err("a TextQuoteSelector without \"exact\" text".to_owned());
            };
            quote = Some(QuoteSelector {
                exact,
                prefix: text("prefix").unwrap_or_default(),
                suffix: text("suffix").unwrap_or_default(),
            });
        }
    }
    if position.is_none() && quote.is_none() {
        return Err("no TextQuoteSelector or TextPositionSelector in \"target.selector\"".to_owned());
    }
    let bodies: Vec<&Value> = as_list(annotation.get("body")).into_iter().filter(|b| b.is_object()).collect();
    let value_of = |body: &Value| body.get("value").and_then(Value::as_str).map(str::to_owned);
    let in_set = |set: &str| -> Vec<String> {
        bodies
            .iter()
            .filter(|b| b.get("claimmark:labelSet").and_then(Value::as_str) == Some(set))
            .filter_map(|b| value_of(b))
            .collect()
    };
    let with_purpose =
        |purpose: &str| bodies.iter().filter(|b| has(b.get("purpose"), purpose)).find_map(|b| value_of(b));
    let motivation = annotation.get("motivation");
    let label = in_set("kind")
        .into_iter()
        .next()
        .or_else(|| with_purpose("tagging"))
        .or_else(|| with_purpose("classifying"))
        .or_else(|| {
            let tags = has(motivation, "tagging") || has(motivation, "classifying");
            annotation.get("bodyValue").and_then(Value::as_str).filter(|_| tags).map(str::to_owned)
        })
        .filter(|label| !label.trim().is_empty());
    let Some(label) = label else {
        return Err("no label: expected a TextualBody with \"purpose\": \"tagging\"".to_owned());
    };
    let field = |key: &str| annotation.get(key).and_then(Value::as_str).map(str::to_owned);
    let span = ImportedSpan {
        start: 0,
        end: 0,
        label,
        claimant: field("claimmark:claimant").filter(|c| !c.is_empty()),
        attribution: field("claimmark:attribution"),
        verdict: in_set("verdict").into_iter().next().or_else(|| with_purpose("assessing")),
        frames: in_set("frame"),
        group: field("claimmark:group"),
        note: with_purpose("describing").or_else(|| with_purpose("commenting")).filter(|n| !n.is_empty()),
        ..ImportedSpan::default()
    };
    Ok(AnnotationIn { line, source, embedded, position, quote, span })
}

#[cfg(test)]
mod tests;
