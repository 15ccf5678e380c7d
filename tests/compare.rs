//! `claimmark compare` on the sample project: the figures, counted by hand; the command
//! line in every format; and the HTML report opened in headless Chromium.
//!
//! How the expected figures were counted, independently of `claimmark::compare`:
//! - claims per outlet and per affiliation, since the sample marks quoted passages
//!   (issue 15): by hand from the claim list, as written up in the passages research
//!   (`counts.md`): every claim of the afgazad and Defence.pk documents with its
//!   `span.start`, compared with the three passages' spans (afgazad 273..6493, New Eastern
//!   Outlook; Defence.pk 170..2358, The Express Tribune, and 2929..8078, The Nation). All
//!   30 afgazad claims start inside NEO's passage (369 to 5916); the Defence.pk claims
//!   start at 477–2251 (16, Tribune), 2530 (claim-35, a member's reply, outside both) and
//!   3025–7857 (20, Nation). Then kinds tallied per row from the claim list and each
//!   row's sum checked against its claim count (23 + 0 + 1 + 23 + 18 + 30 + 16 + 20 =
//!   131); a second count by a script that parses the .ron on its own gave the same
//!   cells. The other three documents have no passage: their claims stay with their
//!   outlet (`grep -c 'document: "sputnik-' sample_projects/pakistan-russia.ron` = 23).
//! - claims per verdict: `claimmark stats --json sample_projects/pakistan-russia.ron`
//!   (`claims_by_verdict`).
//! - frames of the state-media row: the claims of the one Sputnik document, their
//!   `frames: [...]` lists read out of the .ron with a small regex script (split the
//!   `claims: [` block at `id: "claim-`, keep those with `document: "sputnik-...`, count
//!   each frame once per claim): security-defense 13, political 7, external-regulation 6,
//!   crime-punishment 3, economic 3, capacity-resources 1, legality 1, every other frame 0.
//! - frame mentions in all: `grep -o 'frames: \[[^]]*\]' FILE | grep -o '"[^"]*"' | wc -l`
//!   = 178 for 131 claims (`grep -o 'frames: \[[^]]*\]' FILE | grep -c ,` = 47 claims have
//!   two frames, none has none).
//! - group coverage: `grep -n 'group: Some("group-4")'` and the `document:` and `span:`
//!   lines of each hit: group-4 has claim-18 in the afgazad document (start 1684, inside
//!   NEO's passage: state-affiliated) and claim-28 in the Defence.pk thread (start 1197,
//!   inside The Express Tribune's: private), none elsewhere.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report; helpers outside #[test] need this too.

mod common;

use claimmark::compare::{self, Dimension, HedgeKind, Measure, NO_FRAME_ID, Report};
use common::html::{dump_dom, external_loads, text_of};
use std::path::PathBuf;
use std::process::{Command, Output};

fn sample() -> claimmark::model::Project {
    claimmark::sample::sample_project().unwrap()
}

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_projects/pakistan-russia.ron")
}

fn row(c: &compare::Comparison, id: &str) -> usize {
    c.rows.iter().position(|h| h.id == id).unwrap_or_else(|| panic!("no row {id}"))
}

fn column(c: &compare::Comparison, id: &str) -> usize {
    c.columns.iter().position(|h| h.id == id).unwrap_or_else(|| panic!("no column {id}"))
}

#[test]
fn claims_per_affiliation_row() {
    let project = sample();
    let c = compare::compare(&project, Dimension::Affiliation, Measure::Frame);
    let rows: Vec<(&str, usize, usize, usize)> = c
        .rows
        .iter()
        .enumerate()
        .map(|(i, h)| (h.id.as_str(), c.row_documents[i], c.row_passages[i], c.row_claims[i]))
        .collect();
    // (row, documents, passages, claims), taxonomy order. Recounted by hand for the
    // passages (see the top of this file): state-affiliated is Arab News (23) and NEO's
    // passage (30); private has no document, only the Tribune's (16) and The Nation's
    // (20) passages; the forum keeps claim-35; afgazad (aggregator) keeps its document
    // and no claim. Partisan and public-broadcaster have neither: no row.
    assert_eq!(
        rows,
        [
            ("state-media", 1, 0, 23),
            ("state-affiliated", 1, 1, 53),
            ("private", 0, 2, 36),
            ("forum", 1, 0, 1),
            ("aggregator", 1, 0, 0),
            ("unknown", 1, 0, 18),
        ]
    );
    assert_eq!((c.total_claims, c.skipped_claims), (131, 0));
    // 15 frames and "no frame"; no claim of the sample lacks a frame.
    assert_eq!(c.columns.len(), 16);
    assert_eq!(c.column_total(column(&c, NO_FRAME_ID)), 0);
    let mentions: usize = (0..c.columns.len()).map(|k| c.column_total(k)).sum();
    assert_eq!(mentions, 178, "a claim with two frames counts in both");
}

#[test]
fn state_media_frames() {
    let project = sample();
    let c = compare::compare(&project, Dimension::Affiliation, Measure::Frame);
    let state = row(&c, "state-media");
    let expected = [
        ("security-defense", 13),
        ("political", 7),
        ("external-regulation", 6),
        ("crime-punishment", 3),
        ("economic", 3),
        ("capacity-resources", 1),
        ("legality", 1),
        ("morality", 0),
        ("public-opinion", 0),
    ];
    for (frame, count) in expected {
        assert_eq!(c.count(state, column(&c, frame)), count, "state media × {frame}");
    }
    let security = column(&c, "security-defense");
    assert!((c.share(state, security) - 13.0 / 23.0).abs() < 1e-12);
    // Every claim behind the cell is a Sputnik claim with that frame.
    let claims = c.claims_in(state, security);
    assert_eq!(claims.len(), 13);
    for &index in claims {
        let claim = &project.claims[index];
        assert_eq!(claim.document.as_str(), "sputnik-2025-12-17-eurasian-forum");
        assert!(claim.frames.iter().any(|f| f.as_str() == "security-defense"));
    }
    // 13+7+6+3+3+1+1 = 34 frame mentions on 23 claims: shares add up past 100%.
    let sum: f64 = (0..c.columns.len()).map(|k| c.share(state, k)).sum();
    assert!((sum - 34.0 / 23.0).abs() < 1e-12, "{sum}");
}

#[test]
fn verdict_column_totals() {
    let project = sample();
    let c = compare::compare(&project, Dimension::Outlet, Measure::Verdict);
    let totals: Vec<(&str, usize)> =
        c.columns.iter().enumerate().map(|(k, h)| (h.id.as_str(), c.column_total(k))).collect();
    assert_eq!(
        totals,
        [
            ("unverified", 82),
            ("true", 29),
            ("mostly-true", 15),
            ("half-true", 1),
            ("misleading", 2),
            ("false", 1),
            ("unsupported", 1),
        ]
    );
    // By outlet: eight rows in project order, Sputnik first with 23 claims; the three
    // outlets known from passages have no document but rows (hand count, top of file).
    assert_eq!(
        c.rows.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["outlet-1", "outlet-2", "outlet-3", "outlet-4", "outlet-5", "outlet-6", "outlet-7", "outlet-8"]
    );
    assert_eq!(c.row_claims, [23, 0, 1, 23, 18, 30, 16, 20]);
    for r in 0..c.rows.len() {
        let sum: f64 = (0..c.columns.len()).map(|k| c.share(r, k)).sum();
        // Afghanistan Azad's row has no claim left, so no share.
        let expected = if c.row_claims[r] == 0 { 0.0 } else { 1.0 };
        assert!((sum - expected).abs() < 1e-12, "one verdict per claim: shares add up to 100%");
    }
}

#[test]
fn claims_per_genre_row() {
    let project = sample();
    let c = compare::compare(&project, Dimension::Genre, Measure::Kind);
    let rows: Vec<(&str, usize)> =
        c.rows.iter().map(|h| h.id.as_str()).zip(c.row_claims.iter().copied()).collect();
    // stats --json claims_by_genre: news-report 41 (Sputnik 23 + the unknown outlet 18).
    assert_eq!(rows, [("news-report", 41), ("opinion", 23), ("forum-thread", 37), ("republication", 30)]);
    assert_eq!(c.columns.len(), project.taxonomy.claim_kinds.len());
}

#[test]
fn coverage_of_group_4() {
    let project = sample();
    let cov = compare::coverage(&project, Dimension::Affiliation);
    let group = cov.groups.iter().position(|g| g.id == "group-4").unwrap();
    let covering: Vec<&str> = cov.rows_covering(group).into_iter().map(|r| cov.rows[r].id.as_str()).collect();
    assert_eq!(covering, ["state-affiliated", "private"]);
    let state = cov.rows.iter().position(|r| r.id == "state-media").unwrap();
    assert!(cov.left_out(state).contains(&group));
    // Sputnik covers every group but group-4.
    let covered: Vec<&str> = cov.covered(state).into_iter().map(|g| cov.groups[g].id.as_str()).collect();
    assert_eq!(covered, ["group-1", "group-2", "group-3", "group-5", "group-6"]);
}

#[test]
fn group_views_hold_passages_and_hedges() {
    let project = sample();
    let views = compare::group_views(&project);
    assert_eq!(views.len(), 6);
    let members: Vec<usize> = views.iter().map(|v| v.members.len()).collect();
    // From the grep of `group: Some(...)`: 4, 4, 5, 2, 3, 2 (20 grouped claims).
    assert_eq!(members, [4, 4, 5, 2, 3, 2]);
    for view in &views {
        for member in &view.members {
            let claim = &project.claims[member.claim_index];
            assert_eq!(member.passage.claim.slice(&member.passage.text), Some(claim.quote.exact.as_str()));
            assert!(
                member.passage.text.chars().count()
                    <= compare::MAX_PASSAGE_CHARS.max(claim.quote.exact.chars().count())
            );
        }
    }
    // Sputnik's ISIS-K claim: "She estimated that between 3,000 to 5,000 ISIS-K* fighters ..."
    let sputnik = views[0].members.iter().find(|m| m.outlet_id.as_deref() == Some("outlet-1")).unwrap();
    assert!(
        sputnik.passage.text.starts_with("She estimated that between 3,000 to 5,000"),
        "{}",
        sputnik.passage.text
    );
    assert!(sputnik.hedges.iter().any(|h| h.word == "estimated" && h.kind == HedgeKind::Hedging));
    assert_eq!(sputnik.affiliation.as_ref().unwrap().name, "State media");
}

fn claimmark(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimmark")).args(args).output().unwrap()
}

fn ok(args: &[&str]) -> String {
    let output = claimmark(args);
    assert!(
        output.status.success(),
        "claimmark {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn cli_table() {
    let sample = sample_path();
    let table = ok(&["compare", sample.to_str().unwrap()]);
    for name in [
        "State media",
        "State-affiliated",
        "Private / commercial",
        "Forum / user-generated",
        "Aggregator / republisher",
        "Unknown",
    ] {
        assert!(table.contains(name), "{name} missing from\n{table}");
    }
    assert!(table.contains("more than 100%"), "the table says frame shares can add past 100%");
    let state = table.lines().find(|l| l.contains("State media") && l.contains("56.5%")).unwrap();
    assert!(state.contains(" 13  56.5%"), "{state}");
    assert!(table.contains("leaves out group-4"), "{table}");
    let by_outlet = ok(&["compare", sample.to_str().unwrap(), "--by", "outlet", "--against", "verdict"]);
    assert!(by_outlet.contains("Sputnik International") && by_outlet.contains("Unverified"));
}

#[test]
fn cli_csv_parses() {
    let sample = sample_path();
    let text = ok(&["compare", sample.to_str().unwrap(), "--format", "csv", "--against", "verdict"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["row_id", "row_name", "column_id", "column_name", "count", "share", "row_claims"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 6 * 7, "6 affiliation rows × 7 verdicts");
    let mut unverified = 0;
    for record in &records {
        let count: usize = record[4].parse().unwrap();
        let share: f64 = record[5].parse().unwrap();
        let claims: usize = record[6].parse().unwrap();
        // The aggregator's row (the afgazad document, all of whose claims are NEO's) has
        // no claim: its shares are 0.
        let expected = if claims == 0 { 0.0 } else { count as f64 / claims as f64 };
        assert!((share - expected).abs() < 1e-6);
        if &record[2] == "unverified" {
            unverified += count;
        }
    }
    assert_eq!(unverified, 82);
    let forum = records.iter().find(|r| &r[0] == "forum").unwrap();
    // Only claim-35, a member's reply, is the forum's: the pasted articles are passages.
    assert_eq!((&forum[1], &forum[6]), ("Forum / user-generated", "1"));
}

#[test]
fn cli_json_has_everything_and_is_deterministic() {
    let sample = sample_path();
    let args = ["compare", sample.to_str().unwrap(), "--format", "json"];
    let text = ok(&args);
    assert_eq!(text, ok(&args), "same input, same bytes");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    for key in
        ["project", "by", "against", "note", "rows", "columns", "cells", "coverage", "groups", "lexicon"]
    {
        assert!(json.get(key).is_some(), "json lacks {key}");
    }
    assert_eq!(json["by"], "affiliation");
    assert_eq!(json["against"], "frame");
    assert_eq!(json["rows"].as_array().unwrap().len(), 6);
    let cell = json["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["row"] == "state-media" && c["column"] == "security-defense")
        .unwrap();
    assert_eq!(cell["count"], 13);
    assert_eq!(cell["claims"].as_array().unwrap().len(), 13);
    let coverage = json["coverage"]["rows"].as_array().unwrap();
    // group-4 through claim-28 in The Express Tribune's passage; no private outlet tells
    // group-1.
    let private = coverage.iter().find(|r| r["row"] == "private").unwrap();
    assert!(private["covered"].as_array().unwrap().contains(&"group-4".into()));
    assert!(private["left_out"].as_array().unwrap().contains(&"group-1".into()));
    let group = &json["groups"][0];
    assert_eq!(group["group_id"], "group-1");
    let member = &group["members"][0];
    for key in [
        "claim_id",
        "document_title",
        "outlet_name",
        "via_outlet_name",
        "affiliation",
        "genre",
        "claimant",
        "attribution",
        "verdict",
        "frames",
        "passage",
        "hedges",
    ] {
        assert!(member.get(key).is_some(), "member lacks {key}");
    }
}

/// The rows of `compare --format csv`, in order: (row id, row's claims, count per column).
fn csv_matrix(text: &str) -> Vec<(String, usize, Vec<usize>)> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows: Vec<(String, usize, Vec<usize>)> = Vec::new();
    for record in reader.records().map(Result::unwrap) {
        let count: usize = record[4].parse().unwrap();
        match rows.last_mut() {
            Some((id, _, counts)) if id == &record[0] => counts.push(count),
            _ => rows.push((record[0].to_owned(), record[6].parse().unwrap(), vec![count])),
        }
    }
    rows
}

/// `compare --by outlet` and `--by affiliation` against the claim kinds on the sample with
/// its three quoted passages, through the real binary. The cells were counted by hand
/// (see the top of this file): each claim of the afgazad and Defence.pk documents
/// assigned by the passage holding its first char, then its kind tallied per row from
/// the claim list. Columns in taxonomy order: statistic, money, event, attributed,
/// causal, prediction, comparison, historical, policy, evaluative.
#[test]
fn cli_counts_claims_in_quoted_passages_for_their_outlets() {
    let sample = sample_path();
    let sample = sample.to_str().unwrap();
    let by_outlet = ok(&["compare", sample, "--by", "outlet", "--against", "kind", "--format", "csv"]);
    let expected: [(&str, usize, [usize; 10]); 8] = [
        // statistic 7; money 5, 9, 65; event 57; attributed 68; causal 6, 64; prediction 2,
        // 10, 67; historical 4, 60; policy 1, 11, 58, 59, 61; evaluative 3, 8, 62, 63, 66.
        ("outlet-1", 23, [1, 3, 1, 1, 2, 3, 0, 2, 5, 5]),
        // Afghanistan Azad: its whole article is NEO's passage; a row of zeros.
        ("outlet-2", 0, [0; 10]),
        // Defence.pk: claim-35 (historical), a member's reply between the two passages.
        ("outlet-3", 1, [0, 0, 0, 0, 0, 0, 0, 1, 0, 0]),
        // event 41, 42, 109, 119–122; attributed 45, 114; causal 47, 117; prediction 110;
        // historical 44; policy 46, 111, 112, 116, 118; evaluative 39, 40, 43, 113, 115.
        ("outlet-4", 23, [0, 0, 7, 2, 2, 1, 0, 1, 5, 5]),
        // event 48, 52; attributed 50, 54, 126–128; prediction 131; policy 53, 123, 124,
        // 129, 130; evaluative 49, 51, 55, 56, 125.
        ("outlet-5", 18, [0, 0, 2, 5, 0, 1, 0, 0, 5, 5]),
        // New Eastern Outlook: event 13, 24, 76; attributed 20, 25, 80, 81; causal 70, 77,
        // 82; comparison 84; historical 14–19, 23, 69, 72; policy 21, 74, 75; evaluative
        // 12, 22, 71, 73, 78, 79, 83.
        ("outlet-6", 30, [0, 0, 3, 4, 3, 0, 1, 9, 3, 7]),
        // The Express Tribune: event 31, 32; prediction 85, 86; historical 28, 30; policy
        // 27, 29, 33, 34, 87, 89, 91; evaluative 26, 88, 90.
        ("outlet-7", 16, [0, 0, 2, 0, 0, 2, 0, 2, 7, 3]),
        // The Nation: statistic 92; event 38, 96, 99–101, 104, 105, 107; attributed 95;
        // prediction 93; policy 36, 37, 94, 97, 98, 103, 106, 108; evaluative 102.
        ("outlet-8", 20, [1, 0, 8, 1, 0, 1, 0, 0, 8, 1]),
    ];
    let expected: Vec<(String, usize, Vec<usize>)> =
        expected.iter().map(|(id, claims, counts)| ((*id).to_owned(), *claims, counts.to_vec())).collect();
    assert_eq!(csv_matrix(&by_outlet), expected);

    let by_affiliation =
        ok(&["compare", sample, "--by", "affiliation", "--against", "kind", "--format", "csv"]);
    // Sums of the outlet rows: state-affiliated = Arab News + NEO, private = the Tribune
    // + The Nation; aggregator keeps a row for the afgazad document, with no claim.
    let expected: [(&str, usize, [usize; 10]); 6] = [
        ("state-media", 23, [1, 3, 1, 1, 2, 3, 0, 2, 5, 5]),
        ("state-affiliated", 53, [0, 0, 10, 6, 5, 1, 1, 10, 8, 12]),
        ("private", 36, [1, 0, 10, 1, 0, 3, 0, 2, 15, 4]),
        ("forum", 1, [0, 0, 0, 0, 0, 0, 0, 1, 0, 0]),
        ("aggregator", 0, [0; 10]),
        ("unknown", 18, [0, 0, 2, 5, 0, 1, 0, 0, 5, 5]),
    ];
    let expected: Vec<(String, usize, Vec<usize>)> =
        expected.iter().map(|(id, claims, counts)| ((*id).to_owned(), *claims, counts.to_vec())).collect();
    assert_eq!(csv_matrix(&by_affiliation), expected);

    // Each row's documents and quoted passages, from the JSON.
    let json = ok(&["compare", sample, "--by", "outlet", "--against", "kind", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows: Vec<(&str, u64, u64)> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (r["name"].as_str().unwrap(), r["documents"].as_u64().unwrap(), r["passages"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Sputnik International", 1, 0),
            ("Afghanistan Azad", 1, 0),
            ("Defence.pk (Pakistan Defence Forum)", 1, 0),
            ("Arab News", 1, 0),
            ("Unknown outlet (no masthead captured)", 1, 0),
            ("New Eastern Outlook", 0, 1),
            ("The Express Tribune", 0, 1),
            ("The Nation", 0, 1),
        ]
    );
    // The table says so.
    let table = ok(&["compare", sample, "--by", "outlet", "--against", "kind"]);
    let nation = table.lines().find(|l| l.starts_with("The Nation")).unwrap();
    assert!(nation.starts_with("The Nation                                0         1      20"), "{nation}");
}

#[test]
fn cli_refuses_unknown_dimensions() {
    let sample = sample_path();
    let output = claimmark(&["compare", sample.to_str().unwrap(), "--by", "country"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("use outlet, affiliation or genre"));
}

#[test]
fn the_scan_for_external_loads_finds_them() {
    assert_eq!(external_loads("<p>see https://example.org</p><a href=\"https://x.org\">x</a>").len(), 0);
    assert_eq!(external_loads("<img alt=x src=\"https://x.org/a.png\">").len(), 1);
    assert_eq!(external_loads("<SCRIPT src='//cdn.example/x.js'></script>").len(), 1);
    assert_eq!(external_loads("<link rel=stylesheet href=http://x.org/a.css>").len(), 1);
    assert_eq!(external_loads("<style>body{background:url( 'https://x.org/a.png')}</style>").len(), 1);
    assert_eq!(external_loads("<style>@import \"//x.org/a.css\";</style>").len(), 1);
}

#[test]
fn html_report_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let sample_file = sample_path();
    let output = claimmark(&[
        "compare",
        sample_file.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let source = std::fs::read_to_string(&file).unwrap();

    // Self-contained: nothing loads from elsewhere; links to the documents are plain
    // anchors that send no referrer; no script at all.
    assert_eq!(external_loads(&source), Vec::<String>::new());
    assert!(!source.to_ascii_lowercase().contains("<script"));
    let mut links = 0;
    for (at, _) in source.match_indices("<a href=\"http") {
        let tag = &source[at..at + source[at..].find('>').unwrap()];
        assert!(tag.contains("rel=\"noreferrer"), "{tag}");
        links += 1;
    }
    assert!(links >= 1, "the Sputnik document's URL is a link");

    // Deterministic: the same project gives the same bytes.
    let project = sample();
    let report = Report::new(&project, Dimension::Affiliation, Measure::Frame);
    assert_eq!(compare::html::html(&project, &report), source);

    let dom = dump_dom(&file);
    assert!(dom.contains("<svg") && dom.contains("id=\"heatmap\""), "the charts are in the DOM");
    let dom_text = text_of(&dom);
    assert!(dom_text.contains("Pakistan and Russia: five texts, 2013-2025"));
    let mut passages = 0;
    for group in &report.groups {
        assert!(dom_text.contains(&group.name), "group {} missing from the DOM", group.name);
        for member in &group.members {
            assert!(
                dom_text.contains(&member.passage.text),
                "passage of {} missing from the DOM: {}",
                member.claim_id,
                member.passage.text
            );
            assert!(dom_text.contains(&member.quote));
            passages += 1;
        }
    }
    assert_eq!(passages, 20);
    assert_eq!(dom.matches("<mark class=\"claim\">").count(), 20 + 1, "one per member, one in the legend");
    assert!(dom.contains("<span class=\"hw hw-hedging\" title=\"Hedging\">estimated</span>"));
    // The afgazad capture's Persian masthead is not in a passage, but its outlet is: the
    // members from the NEO article it republished show "via Afghanistan Azad".
    assert!(dom_text.contains("via Afghanistan Azad"));
    // Each group's framing diff: a table of members against the first, what differs
    // flagged in text, the quotes' words struck out and inserted.
    assert_eq!(dom.matches("<table class=\"framing\">").count(), report.groups.len());
    assert!(dom_text.contains("Numbers ≠ differs"), "group-4's numbers differ");
    assert!(dom.contains("<td class=\"diffcell\" dir=\"auto\"><span class=\"flag\">≠</span> 1980s <small>(1980–1989)</small></td>"));
    assert!(dom.contains("<del>sided</del>") && dom.contains("<ins>along</ins>"));
}

/// `compare --groups`, checked against the sample's texts as read by hand:
/// - group-4 is claim-18 (afgazad, inside New Eastern Outlook's passage: "Pakistan sided
///   with the US bloc against the Soviet Union in the Cold War", asserted, Abbas
///   Hashemite (author), true; no number) and claim-28 (Defence.pk, inside The Express
///   Tribune's passage: "Islamabad and Moscow remained bitter enemies in the 1980s when
///   Pakistan along with ...", asserted, The Express Tribune, mostly true; "1980s" is
///   the years 1980–1989); neither sentence has a hedging or certainty word.
/// - group-1's first member is claim-8 (Sputnik), whose sentence begins "She estimated
///   that between 3,000 to 5,000 ISIS-K* fighters"; its quote ("posing a direct security
///   threat to neighboring Pakistan") gives no number. Its second, claim-24 (NEO), sits
///   in "... cooperation with the regional countries is the only solution for ...".
/// - group-3's first member, claim-2 (Sputnik): "... an absolutely new era of our
///   relationships," Zigon stated, ...
#[test]
fn cli_groups_table_shows_how_each_member_words_the_claim() {
    let sample = sample_path();
    let table = ok(&["compare", sample.to_str().unwrap(), "--groups"]);
    assert_eq!(
        table,
        ok(&["compare", sample.to_str().unwrap(), "--groups", "--by", "genre"]),
        "--by is ignored"
    );
    assert_eq!(table.matches("a * marks what differs").count(), 1, "the note once:\n{table}");
    let group_4 = &table[table.find("Group 4: ").unwrap()..table.find("Group 5: ").unwrap()];
    assert!(group_4.contains("Differs in: numbers, claimant, verdict, wording."), "{group_4}");
    assert!(group_4.contains("Same: hedging and certainty, asserted or attributed."), "{group_4}");
    assert!(
        group_4.contains("1. New Eastern Outlook (via Afghanistan Azad) (reference)  [claim-18]"),
        "{group_4}"
    );
    assert!(group_4.contains("     numbers  none\n"), "the reference gives no number: {group_4}");
    assert!(group_4.contains("   * numbers  1980s (1980–1989)\n"), "{group_4}");
    assert!(group_4.contains("   * verdict  Mostly true\n"), "{group_4}");
    assert!(group_4.contains("   * voice    asserted, The Express Tribune\n"), "{group_4}");
    assert!(
        group_4.contains("   * quote    {+Islamabad and Moscow remained bitter enemies in the 1980s when +}Pakistan [-sided-]{+along+} with"),
        "{group_4}"
    );
    let group_1 = &table[table.find("Group 1: ").unwrap()..table.find("Group 2: ").unwrap()];
    assert!(group_1.contains("     hedges   hedging: estimated\n"), "{group_1}");
    assert!(group_1.contains("   * hedges   certainty: only\n"), "{group_1}");
    let group_3 = &table[table.find("Group 3: ").unwrap()..table.find("Group 4: ").unwrap()];
    assert!(group_3.contains("     hedges   certainty: absolutely · attribution: stated\n"), "{group_3}");
}

#[test]
fn cli_groups_csv_parses_one_line_per_member() {
    let sample = sample_path();
    let text = ok(&["compare", sample.to_str().unwrap(), "--groups", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), compare::output::framing::CSV_COLUMNS);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 20, "4 + 4 + 5 + 2 + 3 + 2 members");
    let help = ok(&["compare", "--help"]).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains(&compare::output::framing::CSV_COLUMNS.join(", ")),
        "--help names the columns: {help}"
    );
    let field = |record: &csv::StringRecord, name: &str| {
        let column = compare::output::framing::CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
        record[column].to_owned()
    };
    for record in &records {
        if field(record, "reference") == "true" {
            assert_eq!(field(record, "member"), "1");
            assert_eq!(field(record, "quote_diff"), field(record, "quote"), "the reference against itself");
            assert_eq!(field(record, "differs"), "");
        }
    }
    let tribune = records.iter().find(|r| field(r, "claim_id") == "claim-28").unwrap();
    assert_eq!(field(tribune, "group_id"), "group-4");
    assert_eq!(field(tribune, "group_differs"), "numbers;claimant;verdict;wording");
    assert_eq!(field(tribune, "differs"), "numbers;claimant;verdict;wording");
    assert_eq!(field(tribune, "numbers"), "1980s (1980–1989)");
    assert_eq!(
        (field(tribune, "outlet"), field(tribune, "via")),
        ("The Express Tribune".into(), "Defence.pk (Pakistan Defence Forum)".into())
    );
    assert_eq!(field(tribune, "verdict_id"), "mostly-true");
    assert!(field(tribune, "quote").starts_with("Islamabad and Moscow remained bitter enemies in the 1980s"));
    let neo = records.iter().find(|r| field(r, "claim_id") == "claim-24").unwrap();
    assert_eq!((field(neo, "hedging"), field(neo, "certainty")), (String::new(), "only".into()));
    let sputnik = records.iter().find(|r| field(r, "claim_id") == "claim-8").unwrap();
    assert_eq!(
        (field(sputnik, "hedging"), field(sputnik, "attribution")),
        ("estimated".into(), "attributed".into())
    );
}

#[test]
fn cli_groups_json_has_every_member_and_is_deterministic() {
    let sample = sample_path();
    let args = ["compare", sample.to_str().unwrap(), "--groups", "--format", "json"];
    let text = ok(&args);
    assert_eq!(text, ok(&args), "same input, same bytes");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 6);
    let group_4 = groups.iter().find(|g| g["group_id"] == "group-4").unwrap();
    assert_eq!(group_4["differs"]["numbers"], true);
    assert_eq!(group_4["differs"]["hedges"], false);
    assert_eq!(group_4["differs"]["attribution"], false);
    let tribune = &group_4["members"][1];
    assert_eq!(tribune["claim_id"], "claim-28");
    assert_eq!(
        tribune["numbers"],
        serde_json::json!([{"text": "1980s", "value": 1980.0, "high": 1989.0, "kind": "year", "currency": null, "per": null}])
    );
    // The segments spell the member's quote (equal + inserted) and the reference's
    // (equal + deleted).
    let spell = |member: &serde_json::Value, side: &str| -> String {
        member["quote_diff"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["change"] == "equal" || s["change"] == side)
            .map(|s| s["text"].as_str().unwrap())
            .collect()
    };
    assert_eq!(spell(tribune, "inserted"), tribune["quote"].as_str().unwrap());
    assert_eq!(spell(tribune, "deleted"), group_4["members"][0]["quote"].as_str().unwrap());
    assert_eq!(
        tribune["quote_diff"][0],
        serde_json::json!({"change": "inserted", "text": "Islamabad and Moscow remained bitter enemies in the 1980s when "})
    );
    let neo = &groups[0]["members"][1];
    assert_eq!(neo["words"], serde_json::json!([{"word": "only", "kind": "certainty"}]));
    assert_eq!(neo["differs"]["hedges"], true);
}

#[test]
fn cli_groups_html_page_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("groups.html");
    let sample_file = sample_path();
    ok(&[
        "compare",
        sample_file.to_str().unwrap(),
        "--groups",
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ]);
    let source = std::fs::read_to_string(&file).unwrap();
    assert_eq!(external_loads(&source), Vec::<String>::new());
    assert!(!source.to_ascii_lowercase().contains("<script"));
    let project = sample();
    assert_eq!(
        compare::html::groups_page(&project, &compare::group_views(&project)),
        source,
        "deterministic"
    );
    let dom = dump_dom(&file);
    assert_eq!(dom.matches("<table class=\"framing\">").count(), 6, "one framing table per group");
    assert!(dom.contains(
        "<ins>Islamabad and Moscow remained bitter enemies in the 1980s when </ins>Pakistan <del>sided</del>"
    ));
    let text = text_of(&dom);
    assert!(text.contains("Numbers ≠ differs"), "group-4's numbers differ");
    assert!(text.contains("1980s (1980–1989)"));
    assert!(
        !dom.contains("id=\"heatmap\"") && !dom.contains("id=\"coverage\""),
        "the groups alone, no matrix"
    );
}
