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
//! UTF-16 every offset after the emoji is one more: 13..18 and 26..34. In grapheme
//! clusters the CRLF (chars 18 and 19) is one: claim 2 is 24..32.
//!
//! The last tests take the text Label Studio 1.23.2 and doccano 1.8.4 were tried on, and
//! the offsets those programs gave for regions drawn with the mouse in their own pages.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::interop::{self, ExportOptions, ExportSet, Format, OffsetUnit};
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

fn export_in(format: Format, unit: OffsetUnit) -> String {
    let project = project();
    let options = ExportOptions { with_text: true, offsets: Some(unit), ..ExportOptions::default() };
    let mut bytes = Vec::new();
    interop::write_export(format, &ExportSet::new(&project, &options), &mut bytes).unwrap();
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
fn doccano_counts_utf16_code_units_by_default_graphemes_or_chars_when_asked() {
    // UTF-16: the emoji counts two, so every offset after it is one more than in chars.
    let line = json(export(Format::Doccano).trim_end());
    assert_eq!(line["label"], json!([[13, 18, "statistic"], [26, 34, "event"]]));
    assert_eq!((&line["claims"][1]["start"], &line["claims"][1]["end"]), (&json!(26), &json!(34)));
    assert_eq!(line["text"], TEXT);
    // Grapheme clusters: the emoji is one, and so is the CRLF: claim 2 is one less than
    // in chars (24..32), claim 1 (before the CRLF) the same as in chars.
    let line = json(export_in(Format::Doccano, OffsetUnit::Graphemes).trim_end());
    assert_eq!(line["label"], json!([[12, 17, "statistic"], [24, 32, "event"]]));
    let line = json(export_in(Format::Doccano, OffsetUnit::Chars).trim_end());
    assert_eq!(line["label"], json!([[12, 17, "statistic"], [25, 33, "event"]]));
}

#[test]
fn label_studio_counts_code_points() {
    let tasks = json(&export(Format::LabelStudio));
    let regions = tasks[0]["annotations"][0]["result"].as_array().unwrap();
    let values: Vec<(u64, u64, &str)> = regions
        .iter()
        .map(|r| {
            let (start, end) = offsets(&r["value"], ["start", "end"]);
            (start, end, r["value"]["text"].as_str().unwrap())
        })
        .collect();
    assert_eq!(values, [(12, 17, "«40%»"), (25, 33, "٣ ملايين")]);
}

/// The text Label Studio 1.23.2 and doccano 1.8.4 were tried on (issue 9), counted by hand:
///
/// - `Islamabad ` is 0..10; the flag 🇵🇰 is two code points (10, 11), each two UTF-16
///   units, and one grapheme cluster; ` — Officials said trade rose ` is 12..41.
/// - `40% to $1.2 billion` (19 chars) is 41..60 in code points, 43..62 in UTF-16 (+2 for
///   the flag), 40..59 in grapheme clusters (−1).
/// - ` ` 60; 👍🏽 is two code points (61 and the skin tone 62), each two UTF-16 units, one
///   grapheme cluster; ` last year. Минобороны: ` is 63..87.
/// - `7 млрд долларов` (15 chars) is 87..102 in code points, 91..106 in UTF-16 (+4),
///   85..100 in grapheme clusters (−2).
/// - `. چالیس ` is 102..110; `فیصد` is 110..114 in code points (114..118 in UTF-16).
const ISSUE_TEXT: &str = "Islamabad 🇵🇰 — Officials said trade rose 40% to $1.2 billion 👍🏽 last year. \
                          Минобороны: 7 млрд долларов. چالیس فیصد اضافہ";

const ISSUE_QUOTES: [&str; 3] = ["40% to $1.2 billion", "7 млрд долларов", "فیصد"];

fn issue_project() -> Project {
    let mut project = Project::new("Issue 9", Taxonomy::builtin());
    let document = Document::new(DocumentId::new("islamabad"), "Islamabad", ISSUE_TEXT);
    for (n, (start, end)) in [(41, 60), (87, 102), (110, 114)].into_iter().enumerate() {
        let span = CharSpan::new(start, end);
        project.claims.push(claimmark::model::Claim::new(
            ClaimId::new(format!("claim-{}", n + 1)),
            document.id.clone(),
            span,
            QuoteSelector::capture(ISSUE_TEXT, span).unwrap(),
            LabelId::new("statistic"),
            LabelId::new("unverified"),
            Timestamp::from_unix(1_763_900_000),
        ));
    }
    project.documents.push(document);
    project
}

fn export_issue(format: Format, offsets: Option<OffsetUnit>) -> String {
    let project = issue_project();
    let options = ExportOptions { with_text: true, offsets, ..ExportOptions::default() };
    let mut bytes = Vec::new();
    interop::write_export(format, &ExportSet::new(&project, &options), &mut bytes).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn the_exports_give_the_offsets_label_studio_and_doccano_gave_themselves() {
    let project = issue_project();
    let quotes: Vec<&str> = project.claims.iter().map(|c| c.quote.exact.as_str()).collect();
    assert_eq!(quotes, ISSUE_QUOTES, "the spans are where the comment says");
    // Label Studio 1.23.2 drew these three regions with the mouse: 41..60, 87..102, 110..114.
    let tasks = json(&export_issue(Format::LabelStudio, None));
    let regions: Vec<(u64, u64)> = tasks[0]["annotations"][0]["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| offsets(&r["value"], ["start", "end"]))
        .collect();
    assert_eq!(regions, [(41, 60), (87, 102), (110, 114)]);
    // doccano 1.8.4 drew 43..62 and 91..106, and 40..59 and 85..100 in grapheme mode.
    let label = |offsets| json(export_issue(Format::Doccano, offsets).trim_end())["label"].clone();
    assert_eq!(label(None)[0], json!([43, 62, "statistic"]));
    assert_eq!(label(None)[1], json!([91, 106, "statistic"]));
    assert_eq!(label(Some(OffsetUnit::Graphemes))[0], json!([40, 59, "statistic"]));
    assert_eq!(label(Some(OffsetUnit::Graphemes))[1], json!([85, 100, "statistic"]));
}

#[test]
fn label_studio_files_import_in_code_points_and_older_utf16_files_too() {
    // A task as Label Studio 1.23.2 exports it (JSON), regions drawn in its page.
    let task = |regions: &[(u64, u64, &str)]| {
        let result: Vec<Value> = regions
            .iter()
            .enumerate()
            .map(|(n, (start, end, text))| {
                json!({"value": {"start": start, "end": end, "text": text, "labels": ["statistic"]},
                       "id": format!("r{n}"), "from_name": "label", "to_name": "text", "type": "labels",
                       "origin": "manual"})
            })
            .collect();
        json!([{"id": 1, "annotations": [{"id": 1, "completed_by": 1, "result": result,
                 "was_cancelled": false, "ground_truth": false, "lead_time": 12.5, "task": 1, "project": 1}],
                "drafts": [], "predictions": [], "data": {"text": ISSUE_TEXT}, "meta": {}, "inner_id": 1}])
        .to_string()
    };
    let chars: Vec<(usize, usize)> = vec![(41, 60), (87, 102), (110, 114)];
    let code_points =
        task(&[(41, 60, ISSUE_QUOTES[0]), (87, 102, ISSUE_QUOTES[1]), (110, 114, ISSUE_QUOTES[2])]);
    let utf16 = task(&[(43, 62, ISSUE_QUOTES[0]), (91, 106, ISSUE_QUOTES[1]), (114, 118, ISSUE_QUOTES[2])]);
    for content in [code_points, utf16] {
        let parsed = interop::label_studio::read(Path::new("ls.json"), &content);
        assert_eq!(parsed.problems, vec![]);
        let spans: Vec<(usize, usize)> = parsed.documents[0].spans.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(spans, chars);
    }
    // A text at neither is skipped, saying what each unit finds there.
    let parsed = interop::label_studio::read(Path::new("ls.json"), &task(&[(42, 61, ISSUE_QUOTES[0])]));
    assert_eq!(parsed.documents[0].spans, vec![]);
    let problem = parsed.problems[0].to_string();
    assert!(problem.contains("\"0% to $1.2 billion \" in Unicode code points"), "{problem}");
    assert!(problem.contains("\" 40% to $1.2 billio\" in UTF-16 code units"), "{problem}");
}

#[test]
fn doccano_files_import_in_utf16_code_units_or_graphemes_when_asked() {
    // A line as doccano 1.8.4 exports it, spans drawn in its page.
    let line = |spans: [(u64, u64); 2]| {
        json!({"id": 7, "text": ISSUE_TEXT, "Comments": [],
               "label": [[spans[0].0, spans[0].1, "statistic"], [spans[1].0, spans[1].1, "statistic"]]})
        .to_string()
    };
    for (content, unit) in [
        (line([(43, 62), (91, 106)]), OffsetUnit::Utf16),
        (line([(40, 59), (85, 100)]), OffsetUnit::Graphemes),
        (line([(41, 60), (87, 102)]), OffsetUnit::Chars),
    ] {
        let parsed = interop::doccano::read_in(Path::new("admin.jsonl"), &content, unit);
        assert_eq!(parsed.problems, vec![], "{unit:?}");
        let spans: Vec<(usize, usize)> = parsed.documents[0].spans.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(spans, [(41, 60), (87, 102)], "{unit:?}");
    }
    // The default is UTF-16, as doccano's default project counts.
    let parsed = interop::doccano::read(Path::new("admin.jsonl"), &line([(43, 62), (91, 106)]));
    assert_eq!((parsed.documents[0].spans[0].start, parsed.documents[0].spans[0].end), (41, 60));
}

/// Slices the exports the way the peers' own programs do, independently of claimmark:
/// Label Studio's backend as Python `str` indices (code points), doccano's page as
/// JavaScript string indices (UTF-16 units). In Rust always; with the real `python3` and
/// `node` too when they are installed.
#[test]
fn python_and_javascript_slice_the_exports_to_the_claims_quotes() {
    let project = issue_project();
    let tasks = json(&export_issue(Format::LabelStudio, None));
    let doccano = export_issue(Format::Doccano, None);
    let line = json(doccano.trim_end());
    let text_chars: Vec<char> = ISSUE_TEXT.chars().collect();
    let text_units: Vec<u16> = ISSUE_TEXT.encode_utf16().collect();
    for (n, claim) in project.claims.iter().enumerate() {
        let (start, end) = offsets(&tasks[0]["annotations"][0]["result"][n]["value"], ["start", "end"]);
        let python: String = text_chars[start as usize..end as usize].iter().collect();
        assert_eq!(python, claim.quote.exact);
        let (start, end) = (line["label"][n][0].as_u64().unwrap(), line["label"][n][1].as_u64().unwrap());
        let javascript = String::from_utf16(&text_units[start as usize..end as usize]).unwrap();
        assert_eq!(javascript, claim.quote.exact);
    }
    let dir = tempfile::tempdir().unwrap();
    let ls_path = dir.path().join("tasks.json");
    let doccano_path = dir.path().join("doccano.jsonl");
    std::fs::write(&ls_path, tasks.to_string()).unwrap();
    std::fs::write(&doccano_path, &doccano).unwrap();
    let quotes = json!(ISSUE_QUOTES).to_string();
    let python = "import json, sys\n\
                  tasks = json.load(open(sys.argv[1], encoding='utf-8'))\n\
                  text = tasks[0]['data']['text']\n\
                  got = [text[r['value']['start']:r['value']['end']] for r in tasks[0]['annotations'][0]['result']]\n\
                  assert got == json.loads(sys.argv[2]), got\n\
                  assert all(r['value']['text'] == g for r, g in zip(tasks[0]['annotations'][0]['result'], got))\n";
    let javascript = "const fs = require('fs');\n\
                      // With -e, the first argument is process.argv[1].\n\
                      const line = JSON.parse(fs.readFileSync(process.argv[1], 'utf8').trim());\n\
                      const got = line.label.map(([s, e]) => line.text.slice(s, e));\n\
                      if (JSON.stringify(got) !== process.argv[2]) { console.error(got); process.exit(1); }\n";
    for (program, args) in [
        ("python3", vec!["-c", python, ls_path.to_str().unwrap(), &quotes]),
        ("node", vec!["-e", javascript, doccano_path.to_str().unwrap(), &quotes]),
    ] {
        match std::process::Command::new(program).args(&args).output() {
            Ok(output) => assert!(
                output.status.success(),
                "{program} sliced the export differently: {}",
                String::from_utf8_lossy(&output.stderr)
            ),
            Err(error) => eprintln!("{program} is not installed ({error}); only the Rust slicing ran"),
        }
    }
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
