//! The statistics of a [`Report`] in words and as text, csv and json: what `claimmark
//! compare --stats` adds, what the json always carries, and the sentences the HTML
//! report and the app's comparison view read out ([`reading`]).

use super::{blocks, csv_field, fit, percent, wrap};
use crate::compare::inference::{
    ALPHA, Independence, LEVEL, MIN_REPLICATES, Method, REPLICATES, SEED, Statistics, THIN_UNITS, Unit, p_is,
    p_text, significant,
};
use crate::compare::{Comparison, Measure, Report};
use serde::Serialize;
use std::fmt::Write as _;

/// A share with its interval, "4.3% [0.8–21.0]"; "n/a" for a row without units.
pub fn share_with_interval(statistics: &Statistics, row: usize, column: usize) -> String {
    match statistics.interval(row, column) {
        Some(i) => {
            format!("{} [{:.1}–{:.1}]", percent(statistics.share(row, column)), i.low * 100.0, i.high * 100.0)
        }
        None => "n/a".to_owned(),
    }
}

/// What the units of a share are, in words: "claims" or "documents (and quoted passages)".
fn units_noun(statistics: &Statistics, comparison: &Comparison) -> &'static str {
    match statistics.unit {
        Unit::Claims => "claims",
        Unit::Documents if comparison.row_passages.iter().any(|&p| p > 0) => "documents and quoted passages",
        Unit::Documents => "documents",
    }
}

/// How a test's p-value was reached, in words: "chi-square", or why an exact one.
pub fn method_words(test: &Independence) -> String {
    let cells = test.rows * test.columns;
    match test.method {
        Method::ChiSquare => "chi-square distribution".to_owned(),
        Method::FisherExact => format!(
            "Fisher's exact test, since {} of {cells} expected counts are below 5{}",
            test.expected_below_5,
            match test.expected_below_1 {
                0 => String::new(),
                n => format!(" ({n} below 1)"),
            }
        ),
        Method::MonteCarlo => format!(
            "Monte Carlo over {} random tables with the same totals, since {} of {cells} expected \
             counts are below 5{}, too few for the chi-square distribution",
            thousands(test.replicates),
            test.expected_below_5,
            match test.expected_below_1 {
                0 => String::new(),
                n => format!(" ({n} below 1)"),
            }
        ),
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A test in one parenthesis: "X² = 31.2, df = 25, p = 0.182 by chi-square distribution;
/// Cramér's V = 0.24".
pub fn test_words(test: &Independence) -> String {
    format!(
        "X² = {:.2}, df = {}, {} by {}; Cramér's V = {:.2}",
        test.statistic,
        test.df,
        p_is(test.p_value),
        method_words(test),
        test.cramers_v
    )
}

/// What the figures of the tests mean, for a reader who is no statistician.
pub const GLOSSARY: &str = "X² (chi-square) measures how far the counts are from what rows that did not differ \
would give; df is its degrees of freedom. p is the chance of a difference at least this large if the rows did not \
differ at all; p (Holm) is p adjusted for the number of tests made, so that testing many columns or pairs does not \
turn chance into findings. Cramér's V is the strength of the association, from 0 (none) to 1 (complete); with few \
units a large V can still be chance, which p tells.";

/// Why a test's p-value does not come from the chi-square distribution, when it does not.
pub const SMALL_COUNTS_NOTE: &str = "Monte Carlo or Fisher's exact test: that table's expected counts are too small \
for the chi-square distribution (one below 1, or more than a fifth below 5), so its p-value comes from random \
tables with the same totals (or, for a 2×2 table, from all of them).";

/// The plain-language reading of the statistics: thin rows, the matrix, the columns and
/// the pairs, each a sentence or two, for the table, the HTML report and the app.
pub fn reading(comparison: &Comparison, statistics: &Statistics) -> Vec<String> {
    let noun = units_noun(statistics, comparison);
    let mut sentences = Vec::new();
    let rows: Vec<usize> = (0..comparison.rows.len()).collect();
    let thin: Vec<usize> = rows.iter().copied().filter(|&r| statistics.is_thin(r)).collect();
    let thin_rule = format!("fewer than {THIN_UNITS} {noun}, or all claims from one document");
    if !rows.is_empty() && thin.len() == rows.len() {
        sentences.push(format!(
            "Every row is thin ({thin_rule}): its shares rest on too little to be rates of the outlet or group; \
             read them as what these texts say, with the wide intervals shown."
        ));
    } else if !thin.is_empty() {
        let names: Vec<String> = thin
            .iter()
            .map(|&r| format!("{} ({})", comparison.rows[r].name, statistics.thin_reasons(r).join("; ")))
            .collect();
        sentences.push(format!(
            "{} of {} rows are thin ({thin_rule}): {}. Read their shares with the wide intervals shown.",
            thin.len(),
            rows.len(),
            names.join(", ")
        ));
    }
    match (&statistics.matrix, statistics.matrix_note) {
        (Some(test), _) => {
            let differ = if significant(test.p_value) {
                "differ beyond what chance would give"
            } else {
                "do not differ beyond what chance would give"
            };
            sentences.push(format!(
                "Taken together, the rows' {}s {differ} ({}).",
                comparison.against.name().to_lowercase(),
                test_words(test)
            ));
        }
        (None, Some(note)) => sentences.push(note.to_owned()),
        (None, None) => {}
    }
    let tested: Vec<usize> =
        (0..comparison.columns.len()).filter(|&c| statistics.column_test(c).is_some()).collect();
    let differing: Vec<usize> =
        tested.iter().copied().filter(|&c| statistics.columns[c].p_holm.is_some_and(significant)).collect();
    if !tested.is_empty() {
        let columns = if tested.len() == 1 { "column" } else { "columns" };
        if differing.is_empty() {
            sentences.push(format!(
                "No single column differs between the rows beyond chance once the p-values are adjusted for the \
                 {} {columns} tested (Holm).",
                tested.len()
            ));
        } else {
            let names: Vec<String> = differing
                .iter()
                .map(|&c| {
                    format!(
                        "{} (adjusted {})",
                        comparison.columns[c].name,
                        p_is(statistics.columns[c].p_holm.unwrap_or(1.0))
                    )
                })
                .collect();
            sentences.push(format!(
                "Adjusted for the {} {columns} tested (Holm), these differ between the rows beyond chance: {}; \
                 the others do not.",
                tested.len(),
                names.join(", ")
            ));
        }
    }
    if let Some(pairwise) = &statistics.pairwise
        && !pairwise.pairs.is_empty()
    {
        let column = &comparison.columns[pairwise.column].name;
        let name = |r: usize| comparison.rows[r].name.as_str();
        let share = |r: usize| percent(statistics.share(r, pairwise.column));
        let holding: Vec<String> = pairwise
            .pairs
            .iter()
            .filter(|p| significant(p.p_holm))
            .map(|p| {
                format!(
                    "{} {} vs {} {} (adjusted {})",
                    name(p.a),
                    share(p.a),
                    name(p.b),
                    share(p.b),
                    p_is(p.p_holm)
                )
            })
            .collect();
        let pairs = pairwise.pairs.len();
        let pair_word = if pairs == 1 { "pair" } else { "pairs" };
        if holding.is_empty() {
            // The pair with the smallest p-value, to show how far from a finding it is.
            let closest = pairwise.pairs.iter().min_by(|a, b| a.p_value.total_cmp(&b.p_value));
            let closest = closest.map_or(String::new(), |p| {
                format!(
                    "; the closest, {} {} vs {} {}, has {} before and {} after adjustment",
                    name(p.a),
                    share(p.a),
                    name(p.b),
                    share(p.b),
                    p_is(p.p_value),
                    p_text(p.p_holm)
                )
            });
            sentences.push(format!(
                "On {column}, no two rows differ beyond chance (Fisher's exact test, {pairs} {pair_word}, Holm){closest}."
            ));
        } else {
            sentences.push(format!(
                "On {column}, these pairs of rows differ beyond chance (Fisher's exact test, adjusted for {pairs} \
                 {pair_word} by Holm): {}.",
                holding.join(", ")
            ));
            if !pairwise.asked {
                let column_holds =
                    statistics.columns.get(pairwise.column).and_then(|t| t.p_holm).is_some_and(significant);
                let column_test = if column_holds {
                    ""
                } else {
                    ", and its own test across all rows is not significant once adjusted for the columns"
                };
                sentences.push(format!(
                    "{column} was picked for the pairs because its test found the strongest difference{column_test}: \
                     a column chosen after looking at the data makes a pair that differs there a lead to check on \
                     more documents, not a finding."
                ));
            }
        }
    }
    sentences.push(match statistics.unit {
        Unit::Claims => "Claims are the unit here. Claims of one article share its author and topic, so these \
                         tests overstate how sure a difference between outlets is; with documents as the unit \
                         (--unit documents) each text counts once."
            .to_owned(),
        Unit::Documents => format!(
            "{} are the unit here: a share is the part of the row's {noun} with at least one claim of the label.",
            capitalised(noun)
        ),
    });
    sentences
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Wraps a sentence at spaces into lines of at most `width` chars after `indent`.
fn paragraph(out: &mut String, text: &str, indent: &str, width: usize) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
}

/// The text that `claimmark compare --stats` prints after the table: the reading, the
/// intervals of every share, the thin rows, the matrix test, the column tests and the
/// pairwise tests.
pub fn table(report: &Report) -> String {
    let comparison = &report.comparison;
    let statistics = &report.statistics;
    let noun = units_noun(statistics, comparison);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nStatistics: {noun} as the unit, {:.0}% Wilson intervals, p below {ALPHA} read as beyond chance.",
        LEVEL * 100.0
    );
    for sentence in reading(comparison, statistics) {
        paragraph(&mut out, &sentence, "  ", 100);
    }
    // The intervals, in blocks of columns like the table above.
    let name_width = comparison.rows.iter().map(|h| h.name.chars().count()).max().unwrap_or(0).clamp(11, 36);
    let lead = name_width + 2 + 6;
    let widths: Vec<usize> = vec![19; comparison.columns.len()];
    let headings: Vec<Vec<String>> = comparison.columns.iter().map(|h| wrap(&h.name, 19, 2)).collect();
    let _ = writeln!(out, "\nShare of the row's {noun} with the label, and its 95% interval:");
    for block in blocks(lead, &widths) {
        out.push('\n');
        let heading_lines = block.iter().map(|&c| headings[c].len()).max().unwrap_or(1);
        for line_index in 0..heading_lines {
            let last = line_index + 1 == heading_lines;
            let mut line = if last {
                format!("{:<name_width$}  {:>6}", comparison.by.name(), "n")
            } else {
                " ".repeat(lead)
            };
            for &column in &block {
                let offset = heading_lines - headings[column].len();
                let text = line_index.checked_sub(offset).and_then(|i| headings[column].get(i));
                let _ = write!(line, "  {:>19}", text.map_or("", String::as_str));
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
        for (row, heading) in comparison.rows.iter().enumerate() {
            let mut name = heading.name.clone();
            if statistics.is_thin(row) {
                name = format!("{} (thin)", fit(&name, name_width.saturating_sub(7)));
            }
            let mut line = format!("{:<name_width$}  {:>6}", fit(&name, name_width), statistics.units[row]);
            for &column in &block {
                let _ = write!(line, "  {:>19}", share_with_interval(statistics, row, column));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    let thin: Vec<usize> = (0..comparison.rows.len()).filter(|&r| statistics.is_thin(r)).collect();
    if !thin.is_empty() {
        let _ = writeln!(out, "\nThin rows (read their shares with care):");
        for row in thin {
            let _ =
                writeln!(out, "  {}: {}", comparison.rows[row].name, statistics.thin_reasons(row).join("; "));
        }
    }
    let _ = writeln!(out, "\nWhole matrix:");
    match (&statistics.matrix, statistics.matrix_note) {
        (Some(test), _) => {
            paragraph(&mut out, &format!("Chi-square test of independence: {}.", test_words(test)), "  ", 100)
        }
        (None, Some(note)) => paragraph(&mut out, note, "  ", 100),
        (None, None) => {}
    }
    let tested = statistics.columns.iter().filter(|t| t.test.is_some()).count();
    let _ = writeln!(
        out,
        "\nEach column: rows against \"has the label / has not\", p adjusted for {tested} columns (Holm):"
    );
    let column_width =
        comparison.columns.iter().map(|h| h.name.chars().count()).max().unwrap_or(6).clamp(6, 32);
    let _ = writeln!(
        out,
        "  {:<column_width$}  {:>9}  {:>3}  {:>7}  {:>9}  {:>5}  method",
        "column", "X²", "df", "p", "p (Holm)", "V"
    );
    for column_test in &statistics.columns {
        let name = fit(&comparison.columns[column_test.column].name, column_width);
        match &column_test.test {
            Some(test) => {
                let p_holm = column_test.p_holm.map_or_else(String::new, p_text);
                let verdict = if column_test.p_holm.is_some_and(significant) { "  differs" } else { "" };
                let _ = writeln!(
                    out,
                    "  {name:<column_width$}  {:>9.2}  {:>3}  {:>7}  {:>9}  {:>5.2}  {}{verdict}",
                    test.statistic,
                    test.df,
                    p_text(test.p_value),
                    p_holm,
                    test.cramers_v,
                    test.method.name()
                );
            }
            None => {
                let _ =
                    writeln!(out, "  {name:<column_width$}  not tested: no row has it, or every unit has it");
            }
        }
    }
    let exact =
        statistics.columns.iter().filter_map(|t| t.test.as_ref()).any(|t| t.method != Method::ChiSquare);
    if exact {
        paragraph(&mut out, SMALL_COUNTS_NOTE, "  ", 100);
    }
    if let Some(pairwise) = &statistics.pairwise {
        let column = &comparison.columns[pairwise.column];
        let _ = writeln!(
            out,
            "\nPairs of rows on \"{}\" ({}), Fisher's exact test, p adjusted for {} (Holm):",
            column.name,
            column.id,
            crate::text::count(pairwise.pairs.len(), "pair")
        );
        let width = name_width.min(28);
        for pair in &pairwise.pairs {
            let verdict = if significant(pair.p_holm) { "  differs" } else { "" };
            let _ = writeln!(
                out,
                "  {:<width$} {:>6}  vs  {:<width$} {:>6}   p {:>7}   p (Holm) {:>7}{verdict}",
                fit(&comparison.rows[pair.a].name, width),
                percent(statistics.share(pair.a, pairwise.column)),
                fit(&comparison.rows[pair.b].name, width),
                percent(statistics.share(pair.b, pairwise.column)),
                p_text(pair.p_value),
                p_text(pair.p_holm)
            );
        }
        if pairwise.pairs.is_empty() {
            let _ = writeln!(out, "  fewer than two rows hold {noun}");
        }
    }
    if comparison.against == Measure::Frame && statistics.unit == Unit::Claims {
        let _ = writeln!(
            out,
            "\nA claim with several frames counts in each; the tests treat each frame on its own."
        );
    }
    out.push_str("\nHow to read the tests:\n");
    paragraph(&mut out, GLOSSARY, "  ", 100);
    out
}

/// The header of the statistics csv.
pub const CSV_HEADER: &str = "record,row_id,row_name,column_id,column_name,other_row_id,other_row_name,unit,hits,units,\
share,ci_low,ci_high,thin,statistic,df,p_value,p_holm,cramers_v,method,replicates";

/// The csv of `claimmark compare --stats`: one line per record, its kind first:
/// `cell` (per row and column: hits of units, share, the 95% interval, why the row is
/// thin), `matrix` (the whole matrix's test, when there is one), `column` (each column's
/// test, with its Holm-adjusted p) and `pair` (two rows on the pairwise column). Fields a
/// record lacks are empty; fractions have 6 decimals.
pub fn csv(report: &Report) -> String {
    let comparison = &report.comparison;
    let statistics = &report.statistics;
    let unit = statistics.unit.id();
    let mut out = format!("{CSV_HEADER}\n");
    let float = |x: f64| format!("{x:.6}");
    let test_fields = |test: &Independence| [float(test.statistic), test.df.to_string(), float(test.p_value)];
    for (row, row_heading) in comparison.rows.iter().enumerate() {
        let thin = statistics.thin_reasons(row).join("; ");
        for (column, column_heading) in comparison.columns.iter().enumerate() {
            let interval = statistics.interval(row, column);
            let fields = [
                "cell".to_owned(),
                csv_field(&row_heading.id),
                csv_field(&row_heading.name),
                csv_field(&column_heading.id),
                csv_field(&column_heading.name),
                String::new(),
                String::new(),
                unit.to_owned(),
                statistics.hits[row][column].to_string(),
                statistics.units[row].to_string(),
                float(statistics.share(row, column)),
                interval.map_or_else(String::new, |i| float(i.low)),
                interval.map_or_else(String::new, |i| float(i.high)),
                csv_field(&thin),
            ];
            let _ = writeln!(out, "{},,,,,,,", fields.join(","));
        }
    }
    let method = |test: &Independence| {
        let replicates =
            if test.method == Method::MonteCarlo { test.replicates.to_string() } else { String::new() };
        format!("{},{replicates}", method_id(test.method))
    };
    if let Some(test) = &statistics.matrix {
        let [statistic, df, p] = test_fields(test);
        let _ = writeln!(
            out,
            "matrix,,,,,,,{unit},,{},,,,,{statistic},{df},{p},,{},{}",
            test.n,
            float(test.cramers_v),
            method(test)
        );
    }
    for column_test in &statistics.columns {
        let Some(test) = &column_test.test else { continue };
        let heading = &comparison.columns[column_test.column];
        let [statistic, df, p] = test_fields(test);
        let _ = writeln!(
            out,
            "column,,,{},{},,,{unit},{},{},,,,,{statistic},{df},{p},{},{},{}",
            csv_field(&heading.id),
            csv_field(&heading.name),
            statistics.hits.iter().map(|row| row[column_test.column]).sum::<usize>(),
            test.n,
            column_test.p_holm.map_or_else(String::new, float),
            float(test.cramers_v),
            method(test)
        );
    }
    if let Some(pairwise) = &statistics.pairwise {
        let heading = &comparison.columns[pairwise.column];
        for pair in &pairwise.pairs {
            let (a, b) = (&comparison.rows[pair.a], &comparison.rows[pair.b]);
            let _ = writeln!(
                out,
                "pair,{},{},{},{},{},{},{unit},,,,,,,,,{},{},,{},",
                csv_field(&a.id),
                csv_field(&a.name),
                csv_field(&heading.id),
                csv_field(&heading.name),
                csv_field(&b.id),
                csv_field(&b.name),
                float(pair.p_value),
                float(pair.p_holm),
                method_id(Method::FisherExact)
            );
        }
    }
    out
}

fn method_id(method: Method) -> &'static str {
    match method {
        Method::ChiSquare => "chi_square",
        Method::FisherExact => "fisher_exact",
        Method::MonteCarlo => "monte_carlo",
    }
}

/// The statistics in the json report.
#[derive(Serialize)]
pub struct JsonStatistics<'a> {
    unit: Unit,
    level: f64,
    alpha: f64,
    thin_below: usize,
    monte_carlo: JsonMonteCarlo,
    reading: Vec<String>,
    rows: Vec<JsonStatRow<'a>>,
    cells: Vec<JsonStatCell<'a>>,
    matrix: Option<&'a Independence>,
    matrix_note: Option<&'static str>,
    columns: Vec<JsonColumnTest<'a>>,
    pairwise: Option<JsonPairwise<'a>>,
}

#[derive(Serialize)]
struct JsonMonteCarlo {
    replicates: usize,
    min_replicates: usize,
    seed: u64,
}

#[derive(Serialize)]
struct JsonStatRow<'a> {
    row: &'a str,
    units: usize,
    claims: usize,
    claim_documents: usize,
    thin: Vec<String>,
}

#[derive(Serialize)]
struct JsonStatCell<'a> {
    row: &'a str,
    column: &'a str,
    hits: usize,
    units: usize,
    share: f64,
    interval: Option<crate::compare::inference::Interval>,
}

#[derive(Serialize)]
struct JsonColumnTest<'a> {
    column: &'a str,
    test: Option<&'a Independence>,
    p_holm: Option<f64>,
}

#[derive(Serialize)]
struct JsonPairwise<'a> {
    column: &'a str,
    /// Whether `--column` asked for it; false when it was picked as the column whose test
    /// found the strongest difference (after looking at the data).
    asked: bool,
    pairs: Vec<JsonPair<'a>>,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    a: &'a str,
    b: &'a str,
    p_value: f64,
    p_holm: f64,
}

/// The statistics of `report` as the json report writes them.
pub fn json_value(report: &Report) -> JsonStatistics<'_> {
    let comparison = &report.comparison;
    let statistics = &report.statistics;
    let row_id = |row: usize| comparison.rows[row].id.as_str();
    let column_id = |column: usize| comparison.columns[column].id.as_str();
    let mut cells = Vec::with_capacity(comparison.rows.len() * comparison.columns.len());
    for row in 0..comparison.rows.len() {
        for column in 0..comparison.columns.len() {
            cells.push(JsonStatCell {
                row: row_id(row),
                column: column_id(column),
                hits: statistics.hits[row][column],
                units: statistics.units[row],
                share: statistics.share(row, column),
                interval: statistics.interval(row, column),
            });
        }
    }
    JsonStatistics {
        unit: statistics.unit,
        level: LEVEL,
        alpha: ALPHA,
        thin_below: THIN_UNITS,
        monte_carlo: JsonMonteCarlo { replicates: REPLICATES, min_replicates: MIN_REPLICATES, seed: SEED },
        reading: reading(comparison, statistics),
        rows: (0..comparison.rows.len())
            .map(|row| JsonStatRow {
                row: row_id(row),
                units: statistics.units[row],
                claims: statistics.claims[row],
                claim_documents: statistics.claim_documents[row],
                thin: statistics.thin_reasons(row),
            })
            .collect(),
        cells,
        matrix: statistics.matrix.as_ref(),
        matrix_note: statistics.matrix_note,
        columns: statistics
            .columns
            .iter()
            .map(|t| JsonColumnTest { column: column_id(t.column), test: t.test.as_ref(), p_holm: t.p_holm })
            .collect(),
        pairwise: statistics.pairwise.as_ref().map(|p| JsonPairwise {
            column: column_id(p.column),
            asked: p.asked,
            pairs: p
                .pairs
                .iter()
                .map(|pair| JsonPair {
                    a: row_id(pair.a),
                    b: row_id(pair.b),
                    p_value: pair.p_value,
                    p_holm: pair.p_holm,
                })
                .collect(),
        }),
    }
}
