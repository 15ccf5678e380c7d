//! `claimmark compare --stats` on the sample project, as a program: the reading says the
//! rows are thin and which differences are not significant, and every figure agrees with
//! values computed outside claimmark by `scripts/stats-reference.py` (SciPy 1.17.1 and
//! statsmodels 0.15.0) from the sample's counts of claims by affiliation against kind.
//! Those counts are the hand-established ones of `tests/compare.rs` (state media 23,
//! state-affiliated 53, private 36, forum 1, aggregator 0, unknown 18 claims):
//!
//! ```text
//! state media       [1, 3, 1, 1, 2, 3, 0, 2, 5, 5]
//! state-affiliated  [0, 0, 10, 6, 5, 1, 1, 10, 8, 12]
//! private           [1, 0, 10, 1, 0, 3, 0, 2, 15, 4]
//! forum             [0, 0, 0, 0, 0, 0, 0, 1, 0, 0]
//! unknown           [0, 0, 2, 5, 0, 1, 0, 0, 5, 5]
//! ```

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use common::html::{dump_dom, external_loads, text_of};
use std::path::{Path, PathBuf};
use std::process::Output;

fn sample_path() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_projects/pakistan-russia.ron")
        .display()
        .to_string()
}

fn claimmark(args: &[&str]) -> Output {
    common::claimmark(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn ok(args: &[&str]) -> String {
    let output = claimmark(args);
    assert!(output.status.success(), "claimmark {args:?} failed: {}", common::printed(&output));
    String::from_utf8(output.stdout).unwrap()
}

fn close(actual: &serde_json::Value, expected: f64, tolerance: f64) {
    let actual = actual.as_f64().unwrap_or_else(|| panic!("{actual} is no number"));
    assert!((actual - expected).abs() < tolerance, "{actual} is not {expected} (± {tolerance})");
}

/// The statistics' cell of a row and column (by id).
fn cell<'a>(statistics: &'a serde_json::Value, row: &str, column: &str) -> &'a serde_json::Value {
    statistics["cells"].as_array().unwrap().iter().find(|c| c["row"] == row && c["column"] == column).unwrap()
}

const KIND_BY_AFFILIATION: [&str; 4] = ["--by", "affiliation", "--against", "kind"];

fn json(extra: &[&str]) -> serde_json::Value {
    let sample = sample_path();
    let mut args = vec!["compare", sample.as_str()];
    args.extend(KIND_BY_AFFILIATION);
    args.extend(["--format", "json"]);
    args.extend(extra);
    serde_json::from_str(&ok(&args)).unwrap()
}

#[test]
fn the_table_reads_the_sample_as_thin_and_names_what_is_not_significant() {
    let sample = sample_path();
    let mut args = vec!["compare", sample.as_str()];
    args.extend(KIND_BY_AFFILIATION);
    let plain = ok(&args);
    args.push("--stats");
    let table = ok(&args);
    assert!(table.starts_with(&plain), "--stats adds to the table, it changes nothing of it");
    let stats = &table[plain.len()..];
    // The reading wraps at 100 chars: compare with single spaces.
    let words = stats.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "5 of 6 rows are thin",
        "State media (all 23 claims come from a single document)",
        "Aggregator / republisher (no claims)",
        "Unknown (only 18 claims, fewer than 20; all 18 claims come from a single document)",
        // SciPy: X² = 62.203961, df = 36, Cramér's V = 0.344543.
        "X² = 62.20, df = 36",
        "Cramér's V = 0.34",
        "No single column differs between the rows beyond chance once the p-values are adjusted for the 10 columns",
        "On Historical, no two rows differ beyond chance",
        "Claims are the unit here.",
    ] {
        assert!(words.contains(expected), "{expected:?} missing from\n{stats}");
    }
    // statsmodels: 1 of 23 claims, Wilson 0.007717..0.209912; 10 of 53, 0.105853..0.313585.
    let state_media = stats.lines().find(|l| l.starts_with("State media (thin)")).unwrap();
    assert!(state_media.contains("4.3% [0.8–21.0]"), "{state_media}");
    let state_affiliated =
        stats.lines().find(|l| l.starts_with("State-affiliated ") && l.contains("18.9%")).unwrap();
    assert!(state_affiliated.contains("18.9% [10.6–31.4]"), "{state_affiliated}");
    // SciPy fisher_exact([[10, 43], [0, 18]]) = 0.055754: Historical, state-affiliated vs unknown.
    let pair = stats.lines().find(|l| l.contains("State-affiliated") && l.contains("vs  Unknown")).unwrap();
    assert!(pair.contains("p   0.056"), "{pair}");
}

#[test]
fn the_json_carries_the_tests_with_scipys_values() {
    let value = json(&[]);
    let statistics = &value["statistics"];
    assert_eq!(statistics["unit"], "claims");
    let matrix = &statistics["matrix"];
    // SciPy chi2_contingency(correction=False) of the table above.
    close(&matrix["statistic"], 62.203961, 5e-4);
    assert_eq!(matrix["df"], 36);
    close(&matrix["p_chi_square"], 0.004303, 5e-4);
    close(&matrix["cramers_v"], 0.344543, 5e-4);
    assert_eq!((matrix["rows"].as_u64(), matrix["columns"].as_u64()), (Some(5), Some(10)));
    assert_eq!(matrix["expected_below_5"], 41, "SciPy: 41 of 50 expected counts below 5");
    // Too many small expected counts: the p-value to read is a Monte Carlo one. SciPy's
    // random_table over 200,000 tables gives 0.04407; 10,000 tables have a standard
    // error of 0.002.
    assert_eq!(matrix["method"], "monte_carlo");
    close(&matrix["p_value"], 0.04407, 0.006);
    // Wilson intervals (statsmodels): private, policy 15 of 36: 0.271406..0.577997.
    let cell = cell(statistics, "private", "policy");
    assert_eq!((cell["hits"].as_u64(), cell["units"].as_u64()), (Some(15), Some(36)));
    close(&cell["interval"]["low"], 0.271406, 5e-4);
    close(&cell["interval"]["high"], 0.577997, 5e-4);
    // Every row is listed with why it is thin.
    let rows = statistics["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let state_affiliated = rows.iter().find(|r| r["row"] == "state-affiliated").unwrap();
    assert_eq!(state_affiliated["claim_documents"], 2);
    assert_eq!(state_affiliated["thin"].as_array().unwrap().len(), 0, "53 claims from two documents");
    let forum = rows.iter().find(|r| r["row"] == "forum").unwrap();
    assert_eq!(forum["thin"][0], "only 1 claim, fewer than 20");
    // The pair column was picked after looking: the json says so.
    assert_eq!(statistics["pairwise"]["asked"], false);
    // Deterministic: the Monte Carlo tables come from a fixed seed.
    assert_eq!(json(&[]), value);
}

#[test]
fn a_chosen_column_is_compared_pair_by_pair() {
    let value = json(&["--column", "policy"]);
    let pairwise = &value["statistics"]["pairwise"];
    assert_eq!(pairwise["column"], "policy");
    assert_eq!(pairwise["asked"], true);
    let pairs = pairwise["pairs"].as_array().unwrap();
    // Five rows with claims: ten pairs.
    assert_eq!(pairs.len(), 10);
    // SciPy fisher_exact([[8, 45], [15, 21]]) = 0.006777: policy, state-affiliated 8 of
    // 53 vs private 15 of 36.
    let pair = pairs.iter().find(|p| p["a"] == "state-affiliated" && p["b"] == "private").unwrap();
    close(&pair["p_value"], 0.006777, 5e-4);
    // Holm over ten pairs: at least ten times the smallest p-value, capped at 1.
    let smallest = pairs.iter().map(|p| p["p_value"].as_f64().unwrap()).fold(1.0, f64::min);
    let smallest_adjusted = pairs.iter().map(|p| p["p_holm"].as_f64().unwrap()).fold(1.0, f64::min);
    assert!((smallest_adjusted - (smallest * 10.0).min(1.0)).abs() < 1e-9);

    let sample = sample_path();
    let output = claimmark(&["compare", &sample, "--against", "kind", "--stats", "--column", "policies"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--column policies") && stderr.contains("policy, evaluative"), "{stderr}");
}

#[test]
fn documents_as_the_unit_count_each_text_once() {
    let value = json(&["--unit", "documents"]);
    let statistics = &value["statistics"];
    assert_eq!(statistics["unit"], "documents");
    // Documents can hold several kinds: no test of the whole matrix, a note instead.
    assert!(statistics["matrix"].is_null());
    assert!(statistics["matrix_note"].as_str().unwrap().contains("not one contingency table"));
    // A row's units are its documents and quoted passages.
    let units: Vec<(String, u64)> = statistics["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["row"].as_str().unwrap().to_owned(), r["units"].as_u64().unwrap()))
        .collect();
    let expected: Vec<(String, u64)> = value["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let units = r["documents"].as_u64().unwrap() + r["passages"].as_u64().unwrap();
            (r["id"].as_str().unwrap().to_owned(), units)
        })
        .collect();
    assert_eq!(units, expected);
    // Private: the two newspaper articles pasted into the Defence.pk thread, both with
    // policy claims (15 claims between them).
    let cell = cell(statistics, "private", "policy");
    assert_eq!((cell["hits"].as_u64(), cell["units"].as_u64()), (Some(2), Some(2)));
    // Every row is thin under documents.
    assert!(statistics["reading"][0].as_str().unwrap().starts_with("Every row is thin"));
}

#[test]
fn the_stats_csv_has_one_record_per_cell_test_and_pair() {
    let sample = sample_path();
    let mut args = vec!["compare", sample.as_str()];
    args.extend(KIND_BY_AFFILIATION);
    args.extend(["--stats", "--format", "csv"]);
    let text = ok(&args);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header.len(), 21);
    assert_eq!(&header[..3], ["record", "row_id", "row_name"]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let count = |kind: &str| records.iter().filter(|r| &r[0] == kind).count();
    assert_eq!(count("cell"), 6 * 10);
    assert_eq!(count("matrix"), 1);
    assert_eq!(count("column"), 10);
    assert_eq!(count("pair"), 10);
    let field = |record: &csv::StringRecord, name: &str| {
        record[header.iter().position(|h| h == name).unwrap()].to_owned()
    };
    let cell =
        records.iter().find(|r| &r[0] == "cell" && &r[1] == "state-media" && &r[3] == "statistic").unwrap();
    assert_eq!((field(cell, "hits"), field(cell, "units")), ("1".to_owned(), "23".to_owned()));
    assert_eq!(
        (field(cell, "ci_low"), field(cell, "ci_high")),
        ("0.007717".to_owned(), "0.209912".to_owned())
    );
    assert_eq!(field(cell, "thin"), "all 23 claims come from a single document");
    let matrix = records.iter().find(|r| &r[0] == "matrix").unwrap();
    assert_eq!(field(matrix, "statistic"), "62.203961");
    assert_eq!(
        (field(matrix, "method"), field(matrix, "replicates")),
        ("monte_carlo".to_owned(), "10000".to_owned())
    );
    // Without --stats the csv is unchanged.
    let plain = ok(&["compare", &sample, "--format", "csv"]);
    assert!(plain.starts_with("row_id,row_name,column_id,column_name,count,share,row_claims\n"));
}

#[test]
fn the_html_report_says_it_in_headless_chromium_and_loads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let sample = sample_path();
    let mut args = vec!["compare", sample.as_str()];
    args.extend(KIND_BY_AFFILIATION);
    let file_arg = file.display().to_string();
    args.extend(["--format", "html", "-o", file_arg.as_str()]);
    ok(&args);
    let source = std::fs::read_to_string(&file).unwrap();
    assert_eq!(external_loads(&source), Vec::<String>::new());
    assert!(!source.to_ascii_lowercase().contains("<script"));
    let dom = dump_dom(&file);
    assert!(dom.contains("id=\"stats\""), "the statistics section is in the DOM");
    let text = text_of(&dom);
    for expected in [
        "Is it more than chance?",
        "5 of 6 rows are thin",
        "No single column differs between the rows beyond chance",
        "Chi-square test of independence of rows and columns: X² = 62.20, df = 36",
        "[0.8–21.0]",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the page");
    }
    // Every thin row carries the tag in the table, with its reasons as the tooltip.
    assert!(
        dom.contains("<span class=\"thin\" title=\"all 23 claims come from a single document\">thin</span>")
    );
    assert_eq!(dom.matches("class=\"differs\"").count(), 0, "nothing differs after adjustment on the sample");
}

#[test]
fn options_that_would_do_nothing_are_refused_or_named() {
    let sample = sample_path();
    // --groups has no statistics: asking for them is a usage error.
    for extra in [["--stats"].as_slice(), &["--unit", "documents"], &["--column", "policy"]] {
        let mut args = vec!["compare", sample.as_str(), "--groups"];
        args.extend(extra);
        let output = claimmark(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", common::printed(&output));
        assert!(common::printed(&output).contains("cannot be used with"), "{}", common::printed(&output));
    }
    // The table without --stats shows no statistics: --unit says so, and changes nothing.
    let mut args = vec!["compare", sample.as_str(), "--unit", "documents"];
    let output = claimmark(&args);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("shows only with --stats"));
    args.truncate(2);
    assert_eq!(ok(&args), String::from_utf8(output.stdout).unwrap());
    // A column by its name; an unknown one is a usage error with the nearest ids.
    let by_name = json(&["--column", "policy / POSITION"]);
    assert_eq!(by_name["statistics"]["pairwise"]["column"], "policy");
    let output = claimmark(&["compare", &sample, "--against", "frame", "--stats", "--column", "security"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean security-defense?"), "{stderr}");
}
