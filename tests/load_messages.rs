//! Every load problem names `file:line:col` in a user's words (issue 10, item 7):
//! integrity problems at the record they are about (the n-th of its list, whatever its
//! id holds), a byte-order mark dropped, old Mac line ends read, text after the project
//! not called truncation, and no type name of the program in any message.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::model::{
    ClaimGroup, DocumentId, GroupId, LabelId, OutletId, Project, Reviewer, ReviewerId, Source, SourceId,
    SourceKind,
};
use claimmark::store;
use common::{claim_on, small_project};
use std::path::Path;

/// The message of loading `text` as `bad.ron`.
fn error_of(text: &str) -> String {
    store::parse(text, Path::new("bad.ron"), true).unwrap_err().to_string()
}

/// 1-based line and column (in chars) of the `nth` (0-based) `needle` in `text`, with
/// lines ending at `line_end`: counted here apart from the library.
fn place_of(text: &str, needle: &str, nth: usize, line_end: char) -> (usize, usize) {
    let byte = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("no {nth}th {needle:?}")).0;
    let before = &text[..byte];
    let line = 1 + before.matches(line_end).count();
    let column = 1 + before.rsplit(line_end).next().unwrap().chars().count();
    (line, column)
}

/// Asserts that `message` has the line `bad.ron:LINE:COL: what`, at the `nth` `needle`.
fn assert_line(message: &str, text: &str, needle: &str, nth: usize, what: &str) {
    let (line, column) = place_of(text, needle, nth, '\n');
    let expected = format!("bad.ron:{line}:{column}: {what}");
    assert!(message.lines().any(|l| l.trim() == expected), "expected {expected:?} in:\n{message}");
}

/// A project with a record in every list, so that each can be given a bad id.
fn full_project() -> Project {
    let mut project = small_project();
    project.sources.push(Source {
        id: SourceId::new("source-1"),
        title: "UN report".into(),
        url: None,
        publisher: None,
        kind: SourceKind::Other,
        notes: String::new(),
    });
    project.groups.push(ClaimGroup {
        id: GroupId::new("group-1"),
        name: "Fighters".into(),
        notes: String::new(),
    });
    project.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-1"), name: "Ana".into() });
    project
}

/// What a record is, how to spoil its id, the `id: ...` to find, which one of them, and
/// the problem's message.
type Case = (&'static str, fn(&mut Project), &'static str, usize, &'static str);

#[test]
fn an_empty_id_is_placed_at_its_record_in_every_list() {
    let cases: [Case; 7] = [
        ("outlet", |p| p.outlets[0].id = OutletId::new(""), "id: \"\"", 0, "outlet #1 \"\": has an empty id"),
        (
            "source",
            |p| p.sources[0].id = SourceId::new(" "),
            "id: \" \"",
            0,
            "source #1 \" \": has an empty id",
        ),
        ("group", |p| p.groups[0].id = GroupId::new(""), "id: \"\"", 0, "group #1 \"\": has an empty id"),
        (
            "reviewer",
            |p| p.reviewers[0].id = ReviewerId::new("\t"),
            "id: \"\\t\"",
            0,
            "reviewer #1 \"\\t\": has an empty id",
        ),
        (
            "claim",
            |p| {
                let text = p.documents[0].text.clone();
                p.claims.push(claim_on("", "sputnik", &text, "Maria Sultan"));
            },
            "id: \"\"",
            0,
            "claim #2 \"\": has an empty id",
        ),
        (
            "taxonomy label",
            |p| p.taxonomy.frames[2].id = LabelId::new(""),
            "id: \"\"",
            0,
            "taxonomy: frame #3 has an empty id",
        ),
        (
            "document",
            |p| {
                p.documents[0].id = DocumentId::new("");
                p.claims.clear();
            },
            "id: \"\"",
            0,
            "document #1 \"\": has an empty id",
        ),
    ];
    for (what, change, needle, nth, message) in cases {
        let mut project = full_project();
        change(&mut project);
        let text = store::to_ron_string(&project).unwrap();
        let error = error_of(&text);
        assert_line(&error, &text, needle, nth, message);
        assert!(error.starts_with("bad.ron: the project has "), "{what}: {error}");
    }
}

#[test]
fn a_repeated_id_is_placed_at_the_later_record() {
    let mut project = full_project();
    let text = project.documents[0].text.clone();
    project.claims.push(claim_on("claim-1", "sputnik", &text, "Maria Sultan"));
    let second_outlet = project.outlets[0].clone();
    project.outlets.push(second_outlet);
    let saved = store::to_ron_string(&project).unwrap();
    let error = error_of(&saved);
    let repeated = "this id is used by an earlier record too; give this one another";
    assert_line(&error, &saved, "id: \"claim-1\"", 1, &format!("claim claim-1: {repeated}"));
    assert_line(&error, &saved, "id: \"outlet-1\"", 1, &format!("outlet outlet-1: {repeated}"));
}

#[test]
fn ids_with_line_breaks_or_odd_unicode_are_placed_even_on_one_huge_line() {
    let mut project = full_project();
    let text = project.documents[0].text.clone();
    let odd = "\u{202e}کلیم-۱ 🇵🇰 e\u{301} \"q\" \\";
    project.claims.push(claim_on("a\nb", "nowhere", &text, "Maria Sultan"));
    project.claims.push(claim_on(odd, "nowhere", &text, "Moscow"));
    let pretty = store::to_ron_string(&project).unwrap();
    // The same project as one line of RON, as a script might write it: over 15,000 chars.
    let one_line = ron::to_string(&project).unwrap();
    assert!(!one_line.contains('\n') && one_line.chars().count() > 15_000);
    for saved in [pretty, one_line] {
        let error = error_of(&saved);
        // Each problem stays on one line: the line break in the id is shown escaped.
        assert_eq!(error.lines().count(), 3, "{error}");
        // The id as RON writes it, after `id:` and the space a pretty file has.
        let space = if saved.contains("id: ") { " " } else { "" };
        let needle_of = |id: &str| format!("id:{space}{}", ron::to_string(id).unwrap());
        assert_line(
            &error,
            &saved,
            &needle_of("a\nb"),
            0,
            "claim #2 \"a\\nb\": document \"nowhere\" does not exist",
        );
        assert_line(
            &error,
            &saved,
            &needle_of(odd),
            0,
            &format!("claim {odd}: document \"nowhere\" does not exist"),
        );
    }
}

#[test]
fn a_byte_order_mark_is_dropped_with_lf_or_crlf_line_ends() {
    let project = full_project();
    let text = store::to_ron_string(&project).unwrap();
    let crlf = text.replace('\n', "\r\n");
    for body in [&text, &crlf] {
        let with_mark = format!("\u{feff}{body}");
        assert_eq!(store::parse(&with_mark, Path::new("bom.ron"), true).unwrap(), project);
    }
    // Columns count from the first char after the mark.
    let mut broken = project.clone();
    broken.reviewers[0].id = ReviewerId::new("");
    let text = store::to_ron_string(&broken).unwrap();
    let error = error_of(&format!("\u{feff}{}", text.replace('\n', "\r\n")));
    assert_line(&error, &text, "id: \"\"", 0, "reviewer #1 \"\": has an empty id");
    // A mark on a file with a syntax error on line 1 does not shift its column.
    let error = error_of("\u{feff}(format: 1, name: 7)");
    assert_eq!(error, "bad.ron:1:19: expected a string `\"...\"`");
    assert_eq!(error_of("(format: 1, name: 7)"), error);
}

#[test]
fn old_mac_line_ends_load_and_are_counted_as_lines() {
    let project = full_project();
    let text = store::to_ron_string(&project).unwrap();
    let cr_only = text.replace('\n', "\r");
    assert_eq!(store::parse(&cr_only, Path::new("mac.ron"), true).unwrap(), project);
    let mut broken = project.clone();
    broken.groups[0].id = GroupId::new("");
    let cr_only = store::to_ron_string(&broken).unwrap().replace('\n', "\r");
    let error = error_of(&cr_only);
    let (line, column) = place_of(&cr_only, "id: \"\"", 0, '\r');
    assert!(line > 100, "on a line of its own: {line}");
    let expected = format!("bad.ron:{line}:{column}: group #1 \"\": has an empty id");
    assert!(error.lines().any(|l| l.trim() == expected), "{expected} in {error}");
}

#[test]
fn text_after_the_project_is_named_as_such_not_as_truncation() {
    let text = store::to_ron_string(&full_project()).unwrap();
    let lines = text.lines().count();
    assert_eq!(text.chars().last(), Some('\n'));
    for (tail, line, column) in [
        (") oops\n", lines + 1, 1),
        ("x", lines + 1, 1),
        ("\n\n  garbage here", lines + 3, 3),
        (" // note\n;", lines + 2, 1),
    ] {
        let error = error_of(&format!("{text}{tail}"));
        assert_eq!(
            error,
            format!(
                "bad.ron:{line}:{column}: unexpected text after the end of the project (its closing `)`); delete it"
            ),
            "tail {tail:?}"
        );
    }
}

#[test]
fn messages_name_records_not_the_program_types() {
    let text = store::to_ron_string(&full_project()).unwrap();
    let first = |needle: &str| place_of(&text, needle, 0, '\n');
    let at = |(line, column): (usize, usize), offset: usize| format!("bad.ron:{line}:{}: ", column + offset);
    let without_kind = text.replacen("        kind: \"statistic\",\n", "", 1);
    let cases = [
        ("[1, 2]".to_owned(), "bad.ron:1:1: expected a claimmark project `(format: 1, name: ..., ...)`".to_owned()),
        (
            "(format: 1, name: \"x\", taxonomy: 5)".into(),
            "bad.ron:1:34: expected `(` opening the taxonomy".into(),
        ),
        (
            text.replacen("span: (", "span: \"x\", spam: (", 1),
            format!("{}expected `(` opening a span `(start, end)`", at(first("span: ("), 6)),
        ),
        (without_kind.clone(), {
            // ron notices at the claim's closing `)`.
            let (line, column) = place_of(&without_kind, "        ),\n    ],\n    groups", 0, '\n');
            format!("bad.ron:{line}:{}: missing field `kind` in a claim", column + 8)
        }),
        (
            text.replacen("attribution: Attributed", "attribution: Maybe", 1),
            format!(
                "{}unknown value `Maybe` for an attribution (`Asserted` or `Attributed`); expected one of `Asserted`, `Attributed`",
                at(first("attribution: Attributed"), 13)
            ),
        ),
        (
            text.replacen("(\n    format: 5", "Claim(\n    format: 5", 1),
            "bad.ron:2:1: unexpected name `Claim` before `(`; write this record as `(...)`, with no name or its own"
                .into(),
        ),
    ];
    for (input, expected) in cases {
        let error = error_of(&input);
        assert_eq!(error, expected);
        for internal in ["FormatOnly", "struct ", "Project", "Claim\"", "CharSpan", "Taxonomy", "Attribution"]
        {
            assert!(!error.contains(internal), "{error}");
        }
    }
    // The field that names the version need not come first.
    let moved = text.replacen("    format: 5,\n", "", 1).replacen(
        "    name: \"small\",",
        "    name: \"small\",\n    format: 5,",
        1,
    );
    assert_eq!(store::parse(&moved, Path::new("moved.ron"), true).unwrap(), full_project());
}
