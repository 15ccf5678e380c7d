//! Every format's offsets on one small text, with the expected values counted by hand
//! and written down here: never regenerated from the code, so a change of units (chars
//! against UTF-16 against tokens) fails here even when the golden files are updated.
//!
//! The text mixes Cyrillic, an emoji (one char, two UTF-16 code units), Arabic script
//! with Arabic-Indic digits and a CRLF line end:
//!
//! ```text
//! chars:  О н ␠ с к а з а л ␠ 😀 ␠ « 4  0  %  »  .  \r \n ق  ا  ل  :  ␠  ٣  ␠  م  ل  ا  ي  ي  ن  .
//! index:  0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33
//! ```
//!
//! 34 chars. Claim 1 is `«40%»`, chars 12..17; claim 2 is `٣ ملايين`, chars 25..33. In
//! UTF-16 every offset after the emoji is one more: 13..18 and 26..34.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::interop::{self, ExportOptions, ExportSet, Format};
use claimmark::model::{ClaimId, Document, DocumentId, LabelId, Project, Taxonomy, Timestamp};
use serde_json::{Value, json};
use std::path::Path;

const TEXT: &str = "Он сказал 😀 «40%».\r\nقال: ٣ ملايين.";

fn project() -> Project {
    let mut project = Project::new("By hand", Taxonomy::builtin());
    let document = Document::new(DocumentId::new("doc-1"), "A text", TEXT);
    for (id, span, kind, verdict) in [
        ("claim-1", CharSpan::new(12, 17), "statistic", "false"),
        ("claim-2", CharSpan::new(25, 33), "event", "unverified"),
    ] {
        project.claims.push(claimmark::model::Claim::new(
            ClaimId::new(id),
            document.id.clone(),
            span,
            QuoteSelector::capture(TEXT, span).unwrap(),
            LabelId::new(kind),
            LabelId::new(verdict),
            Timestamp::from_unix(1_763_900_000),
        ));
    }
    project.documents.push(document);
    project
}

fn export(format: Format) -> String {
    let project = project();
    let options = ExportOptions { with_text: true, ..ExportOptions::default() };
    let mut bytes = Vec::new();
    let summary = interop::write_export(format, &ExportSet::new(&project, &options), &mut bytes).unwrap();
    // ClaimReview writes only the rated claim.
    let claims = if format == Format::ClaimReview { 1 } else { 2 };
    assert_eq!((summary.documents, summary.claims), (1, claims), "{format:?}");
    String::from_utf8(bytes).unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn offsets(value: &Value, keys: [&str; 2]) -> (u64, u64) {
    (value[keys[0]].as_u64().unwrap(), value[keys[1]].as_u64().unwrap())
}

#[test]
fn the_quotes_of_the_two_claims_are_where_the_comment_says() {
    let project = project();
    let quotes: Vec<&str> = project.claims.iter().map(|c| c.quote.exact.as_str()).collect();
    assert_eq!(quotes, ["«40%»", "٣ ملايين"]);
    assert_eq!(TEXT.chars().count(), 34);
    assert_eq!(TEXT.encode_utf16().count(), 35);
}

#[test]
fn jsonl_counts_chars_and_tokens() {
    let line = json(export(Format::Jsonl).trim_end());
    let spans: Vec<(u64, u64, u64, u64, &str, &str)> = line["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let (start, end) = offsets(s, ["start", "end"]);
            let (first, last) = offsets(s, ["token_start", "token_end"]);
            (start, end, first, last, s["label"].as_str().unwrap(), s["text"].as_str().unwrap())
        })
        .collect();
    // Tokens: Он 0, сказал 1, 😀 2, « 3, 40 4, % 5, » 6, . 7, قال 8, : 9, ٣ 10, ملايين 11,
    // . 12; token_end is inclusive.
    assert_eq!(spans, [(12, 17, 3, 6, "statistic", "«40%»"), (25, 33, 10, 11, "event", "٣ ملايين")]);
    let tokens: Vec<(&str, u64, u64)> = line["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let (start, end) = offsets(t, ["start", "end"]);
            (t["text"].as_str().unwrap(), start, end)
        })
        .collect();
    assert_eq!(
        tokens,
        [
            ("Он", 0, 2),
            ("сказал", 3, 9),
            ("😀", 10, 11),
            ("«", 12, 13),
            ("40", 13, 15),
            ("%", 15, 16),
            ("»", 16, 17),
            (".", 17, 18),
            ("قال", 20, 23),
            (":", 23, 24),
            ("٣", 25, 26),
            ("ملايين", 27, 33),
            (".", 33, 34),
        ]
    );
}

#[test]
fn jsonl_reads_prodigy_lines_in_chars() {
    // "Он 😀 40%": О 0, н 1, ␠ 2, 😀 3, ␠ 4, 4 5, 0 6, % 7; "40%" is 5..8.
    let content = "{\"text\": \"Он 😀 40%\", \"spans\": [{\"start\": 5, \"end\": 8, \"label\": \"STAT\"}]}\n";
    let parsed = interop::jsonl::read(Path::new("p.jsonl"), content);
    assert_eq!(parsed.problems, vec![]);
    let span = &parsed.documents[0].spans[0];
    assert_eq!((span.start, span.end, span.label.as_str()), (5, 8, "STAT"));
}

#[test]
fn csv_counts_chars_and_quotes_the_context() {
    let output = export(Format::Csv);
    let mut reader = csv::Reader::from_reader(output.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let fields = |row: &csv::StringRecord| {
        ["start", "end", "text", "prefix", "suffix", "label", "verdict"]
            .map(|name| row[column(name)].to_owned())
    };
    assert_eq!(
        fields(&rows[0]),
        ["12", "17", "«40%»", "Он сказал 😀 ", ".\r\nقال: ٣ ملايين.", "statistic", "false"]
    );
    assert_eq!(
        fields(&rows[1]),
        ["25", "33", "٣ ملايين", "Он сказал 😀 «40%».\r\nقال: ", ".", "event", "unverified"]
    );
}

#[test]
fn doccano_counts_chars() {
    let line = json(export(Format::Doccano).trim_end());
    assert_eq!(line["label"], json!([[12, 17, "statistic"], [25, 33, "event"]]));
    assert_eq!(line["text"], TEXT);
}

#[test]
fn label_studio_counts_utf16_code_units() {
    let tasks = json(&export(Format::LabelStudio));
    let regions = tasks[0]["annotations"][0]["result"].as_array().unwrap();
    let values: Vec<(u64, u64, &str)> = regions
        .iter()
        .map(|r| {
            let (start, end) = offsets(&r["value"], ["start", "end"]);
            (start, end, r["value"]["text"].as_str().unwrap())
        })
        .collect();
    assert_eq!(values, [(13, 18, "«40%»"), (26, 34, "٣ ملايين")]);
}

#[test]
fn w3c_counts_code_points_and_quotes_the_context() {
    let collection = json(&export(Format::W3c));
    let items = collection["first"]["items"].as_array().unwrap();
    let selectors: Vec<&Value> = items.iter().map(|i| &i["target"]["selector"]).collect();
    assert_eq!(
        selectors[0],
        &json!([
            {"type": "TextQuoteSelector", "exact": "«40%»", "prefix": "Он сказал 😀 ", "suffix": ".\r\nقال: ٣ ملايين."},
            {"type": "TextPositionSelector", "start": 12, "end": 17}
        ])
    );
    assert_eq!(selectors[1][1], json!({"type": "TextPositionSelector", "start": 25, "end": 33}));
}

#[test]
fn brat_counts_chars() {
    let project = project();
    let folder = tempfile::tempdir().unwrap();
    let options = ExportOptions::default();
    interop::write_export_folder(Format::Brat, &ExportSet::new(&project, &options), folder.path()).unwrap();
    let ann = std::fs::read_to_string(folder.path().join("doc-1.ann")).unwrap();
    let t_lines: Vec<&str> = ann.lines().filter(|l| l.starts_with('T')).collect();
    assert_eq!(t_lines, ["T1\tstatistic 12 17\t«40%»", "T2\tevent 25 33\t٣ ملايين"]);
}

#[test]
fn conll_tags_whole_tokens_sentence_by_sentence() {
    let expected = "-DOCSTART- -X- O O\n\n\
                    Он\tO\nсказал\tO\n😀\tO\n«\tB-statistic\n40\tI-statistic\n%\tI-statistic\n»\tI-statistic\n.\tO\n\n\
                    قال\tO\n:\tO\n٣\tB-event\nملايين\tI-event\n.\tO\n\n";
    assert_eq!(export(Format::Conll), expected);
}

#[test]
fn claimreview_quotes_the_rated_claim_without_offsets() {
    let items = json(&export(Format::ClaimReview));
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 1, "the unverified claim-2 has no review");
    assert_eq!(items[0]["claimReviewed"], "«40%»");
    assert_eq!(items[0]["reviewRating"]["alternateName"], "False");
    assert_eq!(items[0]["reviewRating"]["ratingValue"], 2);
}
