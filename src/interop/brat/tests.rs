//! Unit tests of the brat export and import: fragments at line breaks, chars of the
//! `.txt`, the configuration files, notes escaped and read back, malformed `.ann` lines,
//! folders. Kept apart from `brat.rs` so that file holds the format alone.

use super::*;
use crate::anchor::QuoteSelector;
use crate::interop::ExportOptions;
use crate::model::{
    Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, LabelId, Project, Taxonomy,
    Timestamp,
};

/// Emoji (one char and a flag of two), Persian, curly quotes and CRLF line ends.
const TEXT: &str = "He said “3,000 fighters” 😀 crossed in 2024.\r\nکشور 🇵🇰 agreed; the “deal”\r\nwas signed.\r\n\r\nIt cost $7 billion.";

/// The char span of the first occurrence of `exact` in `text`.
fn span_of(text: &str, exact: &str) -> CharSpan {
    let byte = text.find(exact).unwrap();
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + exact.chars().count())
}

fn claim(id: &str, document: &Document, exact: &str, kind: &str, verdict: &str) -> Claim {
    let span = span_of(&document.text, exact);
    Claim::new(
        ClaimId::new(id),
        document.id.clone(),
        span,
        QuoteSelector::capture(&document.text, span).unwrap(),
        LabelId::new(kind),
        LabelId::new(verdict),
        Timestamp("2026-01-02T03:04:05Z".into()),
    )
}

fn document(id: &str, text: &str) -> Document {
    Document::new(DocumentId::new(id), id.to_owned(), text)
}

fn project() -> Project {
    let mut project = Project::new("t", Taxonomy::builtin());
    let doc = document("doc-1", TEXT);
    let mut fighters = claim("claim-1", &doc, "“3,000 fighters”", "statistic", "false");
    fighters.claimant = "Maria Sultan; analyst".into();
    fighters.attribution = Attribution::Attributed;
    fighters.note = "UN range:\t2,000–4,000\r\nsee \\report; 😀".into();
    fighters.frames = vec![LabelId::new("security-defense"), LabelId::new("economic")];
    fighters.group = Some(GroupId::new("group-1"));
    let mut crossing = claim("claim-2", &doc, "crossed in 2024.\r\nکشور 🇵🇰 agreed", "event", "true");
    crossing.group = Some(GroupId::new("group-1"));
    let deal = claim("claim-3", &doc, "“deal”\r\nwas signed", "event", "unverified");
    let money = claim("claim-4", &doc, "$7 billion", "money", "mostly-true");
    project.claims = vec![fighters, crossing, deal, money];
    project.documents.push(doc);
    project.groups.push(ClaimGroup {
        id: GroupId::new("group-1"),
        name: "Fighters; crossing".into(),
        notes: String::new(),
    });
    assert_eq!(crate::store::integrity::check(&project), vec![]);
    project
}

fn export(project: &Project, options: &ExportOptions) -> (tempfile::TempDir, ExportSummary) {
    let folder = tempfile::tempdir().unwrap();
    let set = ExportSet::new(project, options);
    let summary = write_folder(&set, folder.path()).unwrap();
    (folder, summary)
}

/// Slices by chars the plain way, independently of [`CharIndex`].
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn fragments_split_at_every_line_break_python_knows() {
    let text = "a\r\nb\u{2028}c\u{85}d";
    let index = CharIndex::new(text);
    let parts = fragments(&index, CharSpan::new(0, 8)).unwrap();
    assert_eq!(parts, [CharSpan::new(0, 1), CharSpan::new(3, 4), CharSpan::new(5, 6), CharSpan::new(7, 8)]);
    assert_eq!(fragments(&index, CharSpan::new(1, 3)).unwrap(), []);
    assert_eq!(fragments(&index, CharSpan::new(0, 9)), None);
}

#[test]
fn spans_are_chars_of_the_txt_and_line_breaks_become_fragments() {
    let project = project();
    let (folder, summary) = export(&project, &ExportOptions::default());
    assert_eq!((summary.documents, summary.claims, summary.spans), (1, 4, 4));
    let txt = std::fs::read_to_string(folder.path().join("doc-1.txt")).unwrap();
    assert_eq!(txt, TEXT, "the text is written byte for byte, CRLF included");
    let ann = std::fs::read_to_string(folder.path().join("doc-1.ann")).unwrap();
    let t_lines: Vec<&str> = ann.lines().filter(|l| l.starts_with('T')).collect();
    assert_eq!(t_lines.len(), 4);
    for (line, claim) in t_lines.iter().zip(&project.claims) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (label, offsets) = fields[1].split_once(' ').unwrap();
        assert_eq!(label, claim.kind.as_str());
        // Every fragment sliced by plain char counting; joined by brat's one space.
        let pieces: Vec<String> = offsets
            .split(';')
            .map(|f| {
                let (start, end) = f.split_once(' ').unwrap();
                chars(&txt, start.parse().unwrap(), end.parse().unwrap())
            })
            .collect();
        assert_eq!(pieces.join(" "), fields[2], "{line}");
        let claim_text = chars(&txt, claim.span.start, claim.span.end);
        assert_eq!(claim_text, claim.quote.exact);
        let expected: Vec<&str> = claim_text.split(['\r', '\n']).filter(|piece| !piece.is_empty()).collect();
        assert_eq!(pieces, expected, "fragments are the span's pieces between line breaks");
    }
    assert_eq!(t_lines[0], "T1\tstatistic 8 24\t“3,000 fighters”");
    assert_eq!(t_lines[1], "T2\tevent 27 43;45 59\tcrossed in 2024. کشور 🇵🇰 agreed");
    assert!(ann.contains("A1\tVerdict T1 false\nA2\tAttribution T1 attributed\n"), "{ann}");
    assert!(ann.contains("R1\tSameClaim Arg1:T1 Arg2:T2\n"), "{ann}");
    let note = ann.lines().find(|l| l.starts_with("#1\t")).unwrap();
    assert_eq!(
        note,
        "#1\tAnnotatorNotes T1\tclaim: claim-1; claimant: Maria Sultan\\; analyst; \
         frames: security-defense, economic; group: Fighters\\; crossing; \
         note: UN range:\\t2,000–4,000\\r\\nsee \\\\report\\; 😀"
    );
    for line in ann.split('\n').filter(|l| !l.is_empty()) {
        assert!(!line.contains(LINE_BREAKS), "{line:?}");
    }
}

#[test]
fn configuration_lists_labels_relations_and_attributes() {
    let (folder, _) = export(&project(), &ExportOptions::default());
    let conf = std::fs::read_to_string(folder.path().join("annotation.conf")).unwrap();
    for section in ["[entities]", "[relations]", "[events]", "[attributes]"] {
        assert!(conf.contains(&format!("\n{section}\n")), "{section} in {conf}");
    }
    let entities: Vec<&str> =
        conf.split("[entities]\n").nth(1).unwrap().lines().take_while(|l| !l.is_empty()).collect();
    let kinds: Vec<String> = Taxonomy::builtin().claim_kinds.iter().map(|k| k.id.to_string()).collect();
    assert_eq!(entities, kinds);
    assert!(conf.contains("SameClaim\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
    assert!(conf.contains(
        "Verdict\tArg:<ENTITY>, Value:unverified|true|mostly-true|half-true|misleading|false|unsupported\n"
    ));
    assert!(conf.contains("Attribution\tArg:<ENTITY>, Value:asserted|attributed\n"));
    let visual = std::fs::read_to_string(folder.path().join("visual.conf")).unwrap();
    assert!(visual.contains("statistic | Statistic / quantity\n"), "{visual}");
    assert!(visual.contains("statistic\tbgColor:#1f77b4, fgColor:white\n"), "{visual}");
}

#[test]
fn export_reads_back_with_spans_labels_and_claim_fields() {
    let project = project();
    let (folder, _) = export(&project, &ExportOptions::default());
    let parsed = read(folder.path());
    assert_eq!(parsed.problems, vec![]);
    let [document] = &parsed.documents[..] else { panic!("{parsed:?}") };
    assert_eq!(document.text, TEXT);
    assert_eq!(document.title.as_deref(), Some("doc-1"));
    let spans: Vec<(usize, usize, &str)> =
        document.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
    let claims: Vec<(usize, usize, &str)> =
        project.claims.iter().map(|c| (c.span.start, c.span.end, c.kind.as_str())).collect();
    assert_eq!(spans, claims, "the span crossing the line break comes back whole");
    let fighters = &document.spans[0];
    assert_eq!(fighters.verdict.as_deref(), Some("false"));
    assert_eq!(fighters.attribution.as_deref(), Some("attributed"));
    assert_eq!(fighters.claimant.as_deref(), Some("Maria Sultan; analyst"));
    assert_eq!(fighters.note.as_deref(), Some(project.claims[0].note.as_str()));
    assert_eq!(fighters.frames, ["security-defense", "economic"]);
    assert_eq!(fighters.group.as_deref(), Some("Fighters; crossing"));
    assert_eq!(document.spans[1].group.as_deref(), Some("Fighters; crossing"));
    assert_eq!(document.spans[2].group, None);
    // Merged into an empty project: the same texts, spans, kinds, verdicts and group.
    let empty = Project::new("e", Taxonomy::builtin());
    let mut ids = crate::model::IdAllocator::for_project(&empty);
    let (edit, report) = crate::interop::merge_import(&empty, &mut ids, parsed, true).unwrap();
    assert_eq!((report.documents_added, report.claims_added), (1, 4));
    let mut merged = empty.clone();
    edit.apply(&mut merged).unwrap();
    assert_eq!(crate::store::integrity::check(&merged), vec![]);
    let verdicts: Vec<&str> = merged.claims.iter().map(|c| c.verdict.as_str()).collect();
    assert_eq!(verdicts, ["false", "true", "unverified", "mostly-true"]);
    assert_eq!(merged.groups.len(), 1);
    assert_eq!(merged.claims[0].group, merged.claims[1].group);
}

#[test]
fn other_labels_keep_the_kind_in_the_note_and_unlabelled_claims_are_skipped() {
    let project = project();
    let options = ExportOptions { labels: LabelBy::Frame, ..Default::default() };
    let (folder, summary) = export(&project, &options);
    assert_eq!((summary.claims, summary.spans), (1, 2), "two frames give two spans");
    assert_eq!(summary.skipped.len(), 3);
    assert!(summary.skipped[0].starts_with("claim-2: no label under --labels frame"));
    let ann = std::fs::read_to_string(folder.path().join("doc-1.ann")).unwrap();
    assert!(ann.contains("T1\tsecurity-defense 8 24\t"));
    assert!(ann.contains("T2\teconomic 8 24\t"));
    assert!(ann.contains("; kind: statistic; "));
    let parsed = read(folder.path());
    let labels: Vec<&str> = parsed.documents[0].spans.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["statistic", "statistic"], "the kind in the note wins over the label");
}

#[test]
fn notes_escape_and_parse_back() {
    let fields = NoteFields {
        claim: Some("claim-9".into()),
        claimant: Some(" two;\tthree\\; \u{2028}".into()),
        note: Some("line one\nline two: \\u2028 stays".into()),
        ..Default::default()
    };
    let line = fields.to_line();
    assert!(!line.contains(LINE_BREAKS) && !line.contains('\t'), "{line}");
    assert_eq!(NoteFields::parse(&line), fields);
    // A note written by a person in brat is the claim's note, as it stands.
    let foreign = NoteFields::parse("Check against the UN report; page 4");
    assert_eq!(foreign.note.as_deref(), Some("Check against the UN report; page 4"));
    assert_eq!(NoteFields::parse("url: http://x; note: y").note.as_deref(), Some("url: http://x; note: y"));
}

#[test]
fn malformed_lines_are_reported_with_file_and_line_and_the_rest_imports() {
    let text = "Sultan said 3,000 fighters\nand کشور 😀 too.";
    let ann = [
        "T1\tstatistic 12 26\t3,000 fighters",
        "T2\tstatistic 12 99\t3,000 fighters",
        "T3\tstatistic twelve 26\t3,000 fighters",
        "T4\tstatistic 12 26",
        "T5\tstatistic 0 6\tSultans",
        "this line has no tab",
        "E1\tAttack:T1 Agent:T5",
        "N1\tReference T1 Wikipedia:123\tfighter",
        "*\tEquiv T1 T6",
        "A1\tVerdict T9 false",
        "A2\tAttribution T1 quoted",
        "R1\tSameClaim Arg1:T1",
        "#1\tAnnotatorNotes T8\tlost",
        "T6\tplace 12 17;27 30\t3,000 and",
        "A3\tNegation T6",
        "T6\tplace 31 35\tکشور",
        "T7\tmoney 31 37\tکشور 😀",
        "#2\tAnnotatorNotes T7\tclaimant: Sultan",
        "",
    ]
    .join("\r\n");
    let (spans, problems) = parse_ann(Path::new("x.ann"), &ann, text, "x");
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 12, 14, 16, 10, 11, 13], "{problems:#?}");
    assert!(problems.iter().all(|p| p.file == Path::new("x.ann")));
    assert_eq!(problems[0].to_string(), format!("x.ann:2: {}", problems[0].message));
    let message = |i: usize| problems[i].message.as_str();
    assert!(message(0).contains("do not fit the text of 42 chars"), "{}", message(0));
    assert!(message(1).contains("not two whole numbers"), "{}", message(1));
    assert!(message(2).contains("text field is missing"), "{}", message(2));
    assert!(message(3).contains("differs from the text"), "{}", message(3));
    assert!(message(4).contains("expected an id, a tab"), "{}", message(4));
    assert!(message(5).contains("SameClaim Arg1:T1 Arg2:T2"), "{}", message(5));
    assert!(
        message(6).contains("includes the text between its fragments \" fighters\\n\""),
        "{}",
        message(6)
    );
    assert!(message(7).contains("defined twice"), "{}", message(7));
    assert!(message(8).contains("T9, which is not a span"), "{}", message(8));
    assert!(message(9).contains("expected asserted or attributed"), "{}", message(9));
    assert!(message(10).contains("T8, which is not a span"), "{}", message(10));
    let read: Vec<(usize, usize, &str)> = spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
    assert_eq!(read, [(12, 26, "statistic"), (12, 30, "place"), (31, 37, "money")]);
    assert_eq!(chars(text, 31, 37), "کشور 😀");
    assert_eq!(spans[2].claimant.as_deref(), Some("Sultan"), "a note may come after its span");
    assert_eq!(spans[0].attribution, None);
}

#[test]
fn same_claim_links_from_elsewhere_name_their_group_after_the_first_member() {
    let text = "A said X happened. B said X happened too.";
    let ann = "T1\tevent 7 17\tX happened\nT2\tevent 26 36\tX happened\nT3\tevent 0 1\tA\nR1\tSameClaim Arg1:T2 Arg2:T1\n";
    let (spans, problems) = parse_ann(Path::new("y.ann"), ann, text, "y");
    assert_eq!(problems, vec![]);
    let groups: Vec<Option<&str>> = spans.iter().map(|s| s.group.as_deref()).collect();
    assert_eq!(groups, [Some("X happened"), Some("X happened"), None]);
}

#[test]
fn reading_a_folder_pairs_ann_and_txt_and_reports_a_missing_text() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path();
    std::fs::write(path.join("b.txt"), "Two 😀 words").unwrap();
    std::fs::write(path.join("b.ann"), "T1\tword 6 11\twords\n").unwrap();
    std::fs::create_dir(path.join("part")).unwrap();
    std::fs::write(path.join("part/a.txt"), "کشور").unwrap();
    std::fs::write(path.join("part/a.ann"), "T1\tplace 0 4\tکشور\n").unwrap();
    std::fs::write(path.join("orphan.ann"), "T1\tword 0 1\tx\n").unwrap();
    std::fs::write(path.join(".hidden.ann"), "garbage").unwrap();
    let parsed = read(path);
    let titles: Vec<&str> = parsed.documents.iter().filter_map(|d| d.title.as_deref()).collect();
    assert_eq!(titles, ["b", "a"]);
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].file.ends_with("orphan.txt"), "{:?}", parsed.problems);
    // A single .ann file, or its .txt, reads the pair.
    assert_eq!(read(&path.join("b.ann")).documents.len(), 1);
    assert_eq!(read(&path.join("b.txt")).documents[0].spans.len(), 1);
    let empty = tempfile::tempdir().unwrap();
    assert!(read(empty.path()).problems[0].message.contains("no .ann files"));
    assert_eq!(read(&path.join("b.json")).documents.len(), 0);
}

#[test]
fn file_names_are_safe_and_unique() {
    let mut names = FileNames::default();
    assert_eq!(names.name_for("doc-1"), "doc-1");
    assert_eq!(names.name_for("DOC-1"), "DOC-1-2");
    assert_eq!(names.name_for("../etc/passwd"), "_etc_passwd");
    assert_eq!(names.name_for("..."), "document");
    assert_eq!(names.name_for("کشور 1"), "کشور_1");
    assert_eq!(type_name("price tag|x"), "price_tag_x");
}
