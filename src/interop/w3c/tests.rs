//! Unit tests of the W3C Web Annotation export and import: positions in code points,
//! the export read back with and without its texts, foreign shapes and malformed
//! annotations, IRI slugs. Kept apart from `w3c.rs` so that file holds the format alone.

use super::*;
use crate::interop::ExportOptions;
use crate::interop::fixtures::tricky_project;
use std::path::PathBuf;

fn export(project: &Project, options: &ExportOptions) -> (String, ExportSummary) {
    let set = ExportSet::new(project, options);
    let mut bytes = Vec::new();
    let summary = write(&set, &mut bytes).unwrap();
    (String::from_utf8(bytes).unwrap(), summary)
}

fn with_text() -> ExportOptions {
    ExportOptions { with_text: true, ..Default::default() }
}

fn spans(parsed: &ParsedImport) -> Vec<(String, usize, usize, String)> {
    parsed
        .documents
        .iter()
        .flat_map(|d| d.spans.iter().map(|s| (d.text.clone(), s.start, s.end, s.label.clone())))
        .collect()
}

fn project_spans(project: &Project) -> Vec<(String, usize, usize, String)> {
    project
        .claims
        .iter()
        .map(|c| {
            let text = project.document(&c.document).unwrap().text.to_string();
            (text, c.span.start, c.span.end, c.kind.to_string())
        })
        .collect()
}

#[test]
fn positions_are_code_points_that_slice_each_claims_text() {
    let project = tricky_project();
    let (out, summary) = export(&project, &with_text());
    assert_eq!((summary.documents, summary.claims, summary.spans), (2, 7, 7));
    let collection: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(collection["@context"][0], ANNO_CONTEXT);
    assert_eq!(collection["@context"][1]["claimmark"], CLAIMMARK_NAMESPACE);
    assert_eq!(collection["type"], "AnnotationCollection");
    assert_eq!(collection["total"], 7);
    let documents = collection["claimmark:documents"].as_array().unwrap();
    let items = collection["first"]["items"].as_array().unwrap();
    for item in items {
        let claim_id = item["claimmark:claimId"].as_str().unwrap();
        let claim = project.claims.iter().find(|c| c.id.as_str() == claim_id).unwrap();
        let source = &item["target"]["source"];
        let document = documents.iter().find(|d| &d["id"] == source).unwrap();
        let text = document["value"].as_str().unwrap();
        let position = &item["target"]["selector"][1];
        assert_eq!(position["type"], "TextPositionSelector");
        let (start, end) =
            (position["start"].as_u64().unwrap() as usize, position["end"].as_u64().unwrap() as usize);
        // Code points, counted independently of the library.
        let sliced: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(sliced, claim.quote.exact);
        assert_eq!(item["target"]["selector"][0]["exact"], sliced);
        assert_eq!(item["body"][0]["value"], claim.kind.as_str());
        assert_eq!(item["id"], format!("urn:claimmark:claim:tricky-texts:{claim_id}"));
    }
    assert_eq!(items.len(), 7);
    assert_eq!(documents[0]["id"], "https://example.org/one");
    assert_eq!(documents[1]["id"], "urn:claimmark:document:tricky-texts:doc-2");
    // The verdict decides the motivation; the note is a describing body.
    assert_eq!(items[3]["motivation"], "assessing");
    assert_eq!(items[0]["motivation"], "classifying");
    assert!(items[3]["body"].as_array().unwrap().iter().any(|b| b["purpose"] == "describing"));
}

#[test]
fn own_export_with_texts_reads_back_the_same_documents_spans_and_fields() {
    let project = tricky_project();
    let (out, _) = export(&project, &with_text());
    let parsed = read(Path::new("w.jsonld"), &out);
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(spans(&parsed), project_spans(&project));
    let first = &parsed.documents[0];
    assert_eq!(first.url.as_deref(), Some("https://example.org/one"));
    assert_eq!((first.title.as_deref(), first.outlet.as_deref()), (Some("Title of doc-1"), Some("Sputnik")));
    assert_eq!(parsed.documents[1].url, None);
    assert_eq!(first.spans[0].claimant.as_deref(), Some("Maria Sultan"));
    assert_eq!(first.spans[0].attribution.as_deref(), Some("attributed"));
    assert_eq!(first.spans[2].frames, ["security-defense", "political"]);
    assert_eq!(first.spans[3].verdict.as_deref(), Some("false"));
    assert_eq!(first.spans[3].note.as_deref(), Some("Checked against the “budget”."));
    assert_eq!(first.origin.0, PathBuf::from("w.jsonld"));
}

#[test]
fn without_texts_annotations_reanchor_onto_the_projects_documents() {
    let project = tricky_project();
    let (out, _) = export(&project, &ExportOptions::default());
    assert!(!out.contains("\"value\": \"“Prices"), "no texts without --with-text");
    // Alone, the file cannot rebuild its texts: each source is reported.
    let alone = read(Path::new("w.jsonld"), &out);
    assert_eq!(alone.documents, vec![]);
    assert_eq!(alone.problems.len(), 2);
    assert!(alone.problems[0].message.contains("https://example.org/one"), "{:?}", alone.problems);
    // Into the project: matched by URL (doc-1) and by document IRI (doc-2).
    let parsed = read_with_project(Path::new("w.jsonld"), &out, Some(&project));
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(spans(&parsed), project_spans(&project));
    // Into a project whose texts were edited since: the quotes find the claims again.
    let mut edited = project.clone();
    for document in &mut edited.documents {
        document.text = format!("Breaking 😀: {}", document.text).into();
    }
    let parsed = read_with_project(Path::new("w.jsonld"), &out, Some(&edited));
    assert_eq!(parsed.problems, vec![]);
    for document in &parsed.documents {
        for span in &document.spans {
            let exact = CharSpan::new(span.start, span.end).slice(&document.text).unwrap();
            let claim =
                project.claims.iter().find(|c| c.kind.as_str() == span.label && c.quote.exact == exact);
            assert!(claim.is_some(), "{exact:?} ({})", span.label);
        }
    }
    assert_eq!(parsed.documents[0].spans[0].start, project.claims[0].span.start + 12);
    // A project without those documents: reported.
    let empty = Project::new("e", crate::model::Taxonomy::builtin());
    let parsed = read_with_project(Path::new("w.jsonld"), &out, Some(&empty));
    assert!(parsed.problems[0].message.contains("no document of the project has that URL or id"));
}

#[test]
fn foreign_shapes_and_malformed_annotations_are_read_or_reported_by_line() {
    let content = r#"[
  {"type": "Annotation", "motivation": "tagging", "bodyValue": "RUMOUR",
   "target": {"source": {"id": "https://example.org/a", "type": "Text", "value": "Say 😀 it: 40% more"},
              "selector": {"type": "TextQuoteSelector", "exact": "40%", "prefix": "it: "}}},
  {"type": "Annotation", "body": [], "target": {"source": "https://example.org/a",
   "selector": {"type": "TextQuoteSelector", "exact": "more"}}},
  {"type": "Annotation", "target": "https://example.org/a"},
  {"type": "Annotation", "body": {"type": "TextualBody", "purpose": "tagging", "value": "EVENT"},
   "target": {"source": "https://example.org/a",
              "selector": [{"type": "TextPositionSelector", "start": 7, "end": 9},
                           {"type": "TextQuoteSelector", "exact": "it"}]}},
  {"type": "Annotation", oops},
  {"body": {"purpose": "tagging", "value": "money"}, "target": {"source": "https://example.org/a",
   "selector": {"type": "TextPositionSelector", "start": 14, "end": 18}}},
  {"body": {"purpose": "tagging", "value": "money"}, "target": {"source": "https://example.org/a",
   "selector": {"type": "TextQuoteSelector", "exact": "absent"}}}
]"#;
    let parsed = read(Path::new("f.json"), content);
    let problems: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0].starts_with("f.json:5: annotation 2: no label"), "{problems:#?}");
    assert!(problems[1].starts_with("f.json:7: annotation 3: \"target\" has no \"source\""));
    assert!(problems[2].starts_with("f.json:12: annotation 5 is not JSON"));
    assert!(problems[3].starts_with("f.json:15: the quote \"absent\" is not in the text"));
    assert_eq!(parsed.documents.len(), 1);
    let document = &parsed.documents[0];
    assert_eq!(document.text, "Say 😀 it: 40% more");
    assert_eq!(document.url.as_deref(), Some("https://example.org/a"));
    let found: Vec<(usize, usize, &str)> =
        document.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
    // The quote wins over a position that does not hold it (here one counted in UTF-16).
    assert_eq!(found, [(10, 13, "RUMOUR"), (6, 8, "EVENT"), (14, 18, "money")]);
}

#[test]
fn collections_whose_pages_are_links_or_broken_are_reported() {
    let linked = r#"{"type": "AnnotationCollection", "first": "https://example.org/page1"}"#;
    let parsed = read(Path::new("c.jsonld"), linked);
    assert!(parsed.problems[0].message.contains("first page is a link"));
    let broken = "{\"type\": \"AnnotationPage\", \"items\": [\n{\"target\": 1},\n{\"body\": \"x\"";
    let parsed = read(Path::new("c.jsonld"), broken);
    let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 2], "{:?}", parsed.problems);
    assert_eq!(
        slug("Pakistan and Russia: five texts, 2013-2025"),
        "pakistan-and-russia-five-texts-2013-2025"
    );
    assert_eq!(slug("کشور"), "%DA%A9%D8%B4%D9%88%D8%B1");
    assert_eq!(decode_segment(&iri_segment("doc:1 ü")).as_deref(), Some("doc:1 ü"));
    // By hand: ':' is 3A, ' ' is 20, 'ü' is C3 BC in UTF-8; '-._~' stay.
    assert_eq!(iri_segment("doc:1 ü-._~"), "doc%3A1%20%C3%BC-._~");
    assert_eq!(decode_segment("100%25 %zz%"), Some("100% %zz%".to_owned()), "a stray % stays");
    assert_eq!(decode_segment("%C3"), None, "half a char is not UTF-8");
}

/// The look-up built once per import finds what a search of the documents in project
/// order finds: the first document with either URL, else the one with the id.
#[test]
fn project_documents_are_found_by_url_first_then_by_id_in_project_order() {
    let mut project = tricky_project();
    let mut twin = project.documents[0].clone();
    twin.id = crate::model::DocumentId::new("twin");
    twin.text = "a later copy".into();
    project.documents.push(twin);
    let url = project.documents[0].url.clone().unwrap();
    let documents = ProjectDocuments::new(&project);
    let described = |url: Option<&str>, id: Option<&str>| DocumentIn {
        url: url.map(str::to_owned),
        document_id: id.map(str::to_owned),
        ..DocumentIn::default()
    };
    let text_of = |i: usize| Some(&*project.documents[i].text);
    assert_eq!(project_document(&documents, &url, &described(None, None)), text_of(0), "the first of two");
    assert_eq!(project_document(&documents, "urn:x", &described(Some(&url), None)), text_of(0));
    let id_of_second = project.documents[1].id.to_string();
    assert_eq!(project_document(&documents, "urn:x", &described(None, Some(&id_of_second))), text_of(1));
    assert_eq!(project_document(&documents, "urn:x", &described(None, Some("twin"))), text_of(2));
    assert_eq!(project_document(&documents, "urn:x", &described(None, Some("absent"))), None);
}
