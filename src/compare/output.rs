//! Text renderings of a [`Report`] for `claimmark compare`: an aligned table, csv (one
//! line per cell) and json (everything, deterministic). Pure: each returns a string and
//! writes nothing; the command line decides where it goes. The framing diffs of
//! `compare --groups` are rendered by [`framing`].

pub mod framing;

use super::{Comparison, Coverage, Dimension, GroupView, Header, LEXICON, LexiconEntry, Measure, Report};
use crate::model::Project;
use serde::Serialize;
use std::fmt::Write as _;

pub mod stats;

/// Widest line the table aims for; wider comparisons are printed in blocks of columns.
const TABLE_WIDTH: usize = 110;

/// One sentence on how the cells are counted, for the table, csv readers and json.
pub fn counting_note(comparison: &Comparison) -> String {
    let base = format!(
        "Claims by {} against {}: count and share of the row's claims.",
        comparison.by.id(),
        comparison.against.id()
    );
    match comparison.against {
        Measure::Frame => format!(
            "{base} A claim with several frames counts in each of them, so a row's frame shares can add up to \
             more than 100%; claims without frames count under \"No frame\"."
        ),
        Measure::Kind | Measure::Verdict => {
            format!(
                "{base} Each claim has one {}, so a row's shares add up to 100%.",
                comparison.against.id()
            )
        }
    }
}

/// One sentence on which rows there are and where a claim counts, for the table and the
/// HTML report.
pub fn rows_note(by: Dimension) -> &'static str {
    match by {
        Dimension::Outlet => {
            "Rows are the outlets that have at least one document or quoted passage. A claim inside a passage \
             that a document quotes from another outlet counts for that outlet (its first char decides), via the \
             document's outlet; a \"none\" row gathers claims without an outlet."
        }
        Dimension::Affiliation => {
            "Rows are the affiliations of the outlets that have at least one document or quoted passage. A claim \
             inside a passage that a document quotes from another outlet counts for that outlet's affiliation \
             (its first char decides); a \"none\" row gathers claims without an outlet."
        }
        Dimension::Genre => {
            "Rows are the genres that have at least one document. A claim counts in its document's genre, inside \
             a quoted passage too; a \"none\" row gathers claims of documents without a genre."
        }
    }
}

/// A share as a percentage with one decimal.
fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Cuts `text` to at most `width` chars, ending in "…" when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Breaks a heading into at most `lines` lines of at most `width` chars at spaces; an
/// overlong word or a last line that does not hold the rest ends in "…".
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut wrapped: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        if wrapped.len() == lines {
            break;
        }
        let mut line = word.to_owned();
        while let Some(next) = words.peek() {
            if line.chars().count() + 1 + next.chars().count() > width {
                break;
            }
            line.push(' ');
            line.push_str(next);
            words.next();
        }
        if wrapped.len() + 1 == lines && words.peek().is_some() {
            line.push_str(" …");
        }
        wrapped.push(fit(&line, width));
    }
    wrapped
}

/// One cell: the count right-aligned in `count_width`, then the share.
fn cell_text(count: usize, share: f64, count_width: usize) -> String {
    format!("{count:>count_width$} {:>6}", percent(share))
}

/// The columns in blocks that fit [`TABLE_WIDTH`] after a lead of `lead` chars, each
/// column `widths[c]` wide plus two spaces before it.
fn blocks(lead: usize, widths: &[usize]) -> Vec<Vec<usize>> {
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut used = lead;
    for (column, width) in widths.iter().enumerate() {
        match blocks.last_mut() {
            Some(block) if used + 2 + width <= TABLE_WIDTH => block.push(column),
            _ => {
                blocks.push(vec![column]);
                used = lead;
            }
        }
        used += 2 + width;
    }
    blocks
}

/// The aligned text table: per row the count and share of each column, the row's
/// documents (and quoted passages, when there are any) and claims, a line of column
/// totals; then the group coverage per row.
/// Wide comparisons are printed in blocks of columns that fit about 110 chars.
pub fn table(project: &Project, report: &Report) -> String {
    let comparison = &report.comparison;
    let mut out = String::new();
    let _ = writeln!(out, "{}", project.name);
    let _ = writeln!(out, "{}", counting_note(comparison));
    let _ = writeln!(out, "{}", rows_note(comparison.by));
    if comparison.skipped_claims > 0 {
        let _ = writeln!(
            out,
            "{} claims are in documents missing from the project and are not counted.",
            comparison.skipped_claims
        );
    }
    let rows = &comparison.rows;
    let name_width = rows.iter().map(|h| h.name.chars().count()).max().unwrap_or(0).clamp(11, 36);
    let total_share = |column: usize| -> f64 {
        let total = comparison.column_total(column);
        if comparison.total_claims > 0 { total as f64 / comparison.total_claims as f64 } else { 0.0 }
    };
    // Every cell of a column gets as many digits as its total (the largest count).
    let count_widths: Vec<usize> =
        (0..comparison.columns.len()).map(|c| comparison.column_total(c).to_string().len()).collect();
    let widths: Vec<usize> = count_widths.iter().map(|w| (w + 7).max(13)).collect();
    let headings: Vec<Vec<String>> =
        comparison.columns.iter().zip(&widths).map(|(h, &w)| wrap(&h.name, w, 3)).collect();
    // The quoted passages of each row, in a column of their own when there are any.
    let with_passages = comparison.row_passages.iter().any(|&n| n > 0);
    let lead = name_width + 2 + 5 + if with_passages { 2 + 8 } else { 0 } + 2 + 6;
    let blocks = blocks(lead, &widths);
    let documents: usize = comparison.row_documents.iter().sum();
    let passages: usize = comparison.row_passages.iter().sum();
    let lead_line = |name: &str, documents: &str, passages: &str, claims: &str| -> String {
        let passages = if with_passages { format!("  {passages:>8}") } else { String::new() };
        format!("{:<name_width$}  {documents:>5}{passages}  {claims:>6}", fit(name, name_width))
    };
    for block in &blocks {
        out.push('\n');
        let heading_lines = block.iter().map(|&c| headings[c].len()).max().unwrap_or(1);
        for line_index in 0..heading_lines {
            let last = line_index + 1 == heading_lines;
            let mut line = if last {
                lead_line(comparison.by.name(), "docs", "passages", "claims")
            } else {
                lead_line("", "", "", "")
            };
            for &column in block {
                // Headings sit on the last lines, so that short ones line up with long ones.
                let offset = heading_lines - headings[column].len();
                let text = line_index.checked_sub(offset).and_then(|i| headings[column].get(i));
                let width = widths[column];
                let _ = write!(line, "  {:>width$}", text.map_or("", String::as_str));
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
        for (row, heading) in rows.iter().enumerate() {
            let mut line = lead_line(
                &heading.name,
                &comparison.row_documents[row].to_string(),
                &comparison.row_passages[row].to_string(),
                &comparison.row_claims[row].to_string(),
            );
            for &column in block {
                let text = cell_text(
                    comparison.count(row, column),
                    comparison.share(row, column),
                    count_widths[column],
                );
                let _ = write!(line, "  {text:>width$}", width = widths[column]);
            }
            let _ = writeln!(out, "{line}");
        }
        let mut line = lead_line(
            "all",
            &documents.to_string(),
            &passages.to_string(),
            &comparison.total_claims.to_string(),
        );
        for &column in block {
            let text = cell_text(comparison.column_total(column), total_share(column), count_widths[column]);
            let _ = write!(line, "  {text:>width$}", width = widths[column]);
        }
        let _ = writeln!(out, "{line}");
    }
    coverage_table(&mut out, &report.coverage);
    out
}

fn coverage_table(out: &mut String, coverage: &Coverage) {
    let _ = writeln!(
        out,
        "\nGroup coverage by {} ({} groups): a row covers a group when a claim of it counts in the row.",
        coverage.by.id(),
        coverage.groups.len()
    );
    let group_line = |group: usize| -> String {
        let heading = &coverage.groups[group];
        format!("{}  {}", heading.id, heading.name)
    };
    for (row, heading) in coverage.rows.iter().enumerate() {
        let covered = coverage.covered(row);
        let left_out = coverage.left_out(row);
        let _ = writeln!(
            out,
            "{}: covers {} of {}, leaves out {}",
            heading.name,
            covered.len(),
            coverage.groups.len(),
            left_out.len()
        );
        for (what, groups) in [("covers", &covered), ("leaves out", &left_out)] {
            for (i, &group) in groups.iter().enumerate() {
                let label = if i == 0 { what } else { "" };
                let members = coverage.members[row][group];
                let members = match members {
                    0 => String::new(),
                    1 => " (1 claim)".to_owned(),
                    n => format!(" ({n} claims)"),
                };
                let _ = writeln!(out, "  {label:<11}{}{members}", group_line(group));
            }
        }
    }
}

/// Quotes a csv field when it holds a comma, quote, line break or edge space (RFC 4180).
fn csv_field(value: &str) -> String {
    let needs_quotes = value.contains([',', '"', '\n', '\r']) || value.trim() != value;
    if needs_quotes { format!("\"{}\"", value.replace('"', "\"\"")) } else { value.to_owned() }
}

/// The csv: a header, then one line per (row, column) cell in row order: row id and
/// name, column id and name, count, share of the row's claims (a fraction, 6 decimals)
/// and the row's claims.
pub fn csv(report: &Report) -> String {
    let comparison = &report.comparison;
    let mut out = String::from("row_id,row_name,column_id,column_name,count,share,row_claims\n");
    for (row, row_heading) in comparison.rows.iter().enumerate() {
        for (column, column_heading) in comparison.columns.iter().enumerate() {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{:.6},{}",
                csv_field(&row_heading.id),
                csv_field(&row_heading.name),
                csv_field(&column_heading.id),
                csv_field(&column_heading.name),
                comparison.count(row, column),
                comparison.share(row, column),
                comparison.row_claims[row]
            );
        }
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    project: JsonProject<'a>,
    by: super::Dimension,
    against: Measure,
    note: String,
    /// The unit of every span and offset in `groups`.
    offsets: &'static str,
    rows: Vec<JsonRow<'a>>,
    columns: Vec<JsonColumn<'a>>,
    cells: Vec<JsonCell<'a>>,
    total_claims: usize,
    skipped_claims: usize,
    coverage: JsonCoverage<'a>,
    groups: &'a [GroupView],
    lexicon: &'static [LexiconEntry],
    statistics: stats::JsonStatistics<'a>,
}

#[derive(Serialize)]
struct JsonProject<'a> {
    name: &'a str,
    description: &'a str,
    documents: usize,
    claims: usize,
    groups: usize,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    #[serde(flatten)]
    header: &'a Header,
    documents: usize,
    passages: usize,
    claims: usize,
}

#[derive(Serialize)]
struct JsonColumn<'a> {
    #[serde(flatten)]
    header: &'a Header,
    claims: usize,
}

#[derive(Serialize)]
struct JsonCell<'a> {
    row: &'a str,
    column: &'a str,
    count: usize,
    share: f64,
    claims: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonCoverage<'a> {
    groups: &'a [Header],
    rows: Vec<JsonCoverageRow<'a>>,
}

#[derive(Serialize)]
struct JsonCoverageRow<'a> {
    row: &'a str,
    covered: Vec<&'a str>,
    left_out: Vec<&'a str>,
    /// Member claims per covered group, in group order.
    members: Vec<JsonMembers<'a>>,
}

#[derive(Serialize)]
struct JsonMembers<'a> {
    group: &'a str,
    claims: usize,
}

/// The json: the project's name and counts, the rows and columns with their totals, every
/// cell with its count, share and claim ids, the coverage (covered and left-out group ids
/// per row), every group view, the hedge lexicon and the statistics ([`stats`]).
/// Deterministic: no maps with random order, no timestamps.
pub fn json(project: &Project, report: &Report) -> Result<String, serde_json::Error> {
    let comparison = &report.comparison;
    let coverage = &report.coverage;
    let claim_id = |index: &usize| project.claims.get(*index).map_or("", |c| c.id.as_str());
    let mut cells = Vec::with_capacity(comparison.rows.len() * comparison.columns.len());
    for (row, row_heading) in comparison.rows.iter().enumerate() {
        for (column, column_heading) in comparison.columns.iter().enumerate() {
            cells.push(JsonCell {
                row: &row_heading.id,
                column: &column_heading.id,
                count: comparison.count(row, column),
                share: comparison.share(row, column),
                claims: comparison.claims_in(row, column).iter().map(claim_id).collect(),
            });
        }
    }
    let group_id = |group: usize| coverage.groups[group].id.as_str();
    let value = JsonReport {
        project: JsonProject {
            name: &project.name,
            description: &project.description,
            documents: project.documents.len(),
            claims: project.claims.len(),
            groups: project.groups.len(),
        },
        by: comparison.by,
        against: comparison.against,
        note: counting_note(comparison),
        offsets: "chars (Unicode code points) of the passage, or of the document for passage.start",
        rows: comparison
            .rows
            .iter()
            .enumerate()
            .map(|(row, header)| JsonRow {
                header,
                documents: comparison.row_documents[row],
                passages: comparison.row_passages[row],
                claims: comparison.row_claims[row],
            })
            .collect(),
        columns: comparison
            .columns
            .iter()
            .enumerate()
            .map(|(column, header)| JsonColumn { header, claims: comparison.column_total(column) })
            .collect(),
        cells,
        total_claims: comparison.total_claims,
        skipped_claims: comparison.skipped_claims,
        coverage: JsonCoverage {
            groups: &coverage.groups,
            rows: coverage
                .rows
                .iter()
                .enumerate()
                .map(|(row, header)| JsonCoverageRow {
                    row: &header.id,
                    covered: coverage.covered(row).into_iter().map(group_id).collect(),
                    left_out: coverage.left_out(row).into_iter().map(group_id).collect(),
                    members: coverage
                        .covered(row)
                        .into_iter()
                        .map(|group| JsonMembers {
                            group: group_id(group),
                            claims: coverage.members[row][group],
                        })
                        .collect(),
                })
                .collect(),
        },
        groups: &report.groups,
        lexicon: LEXICON,
        statistics: stats::json_value(report),
    };
    serde_json::to_string_pretty(&value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("MIA \"Rossiya\""), "\"MIA \"\"Rossiya\"\"\"");
        assert_eq!(csv_field(" edge"), "\" edge\"");
    }

    #[test]
    fn headings_wrap_at_spaces() {
        assert_eq!(wrap("Capacity and resources", 13, 3), ["Capacity and", "resources"]);
        assert_eq!(
            wrap("Legality, constitutionality and jurisprudence", 13, 3),
            ["Legality,", "constitution…", "and …"]
        );
        assert_eq!(wrap("Economic", 13, 3), ["Economic"]);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("Security and defense", 8), "Securit…");
        assert_eq!(fit("Short", 8), "Short");
    }

    #[test]
    fn the_table_counts_each_rows_quoted_passages() {
        let project = crate::compare::tests::quoting();
        let report = Report::new(&project, Dimension::Outlet, Measure::Verdict);
        let table = table(&project, &report);
        let lines: Vec<&str> = table.lines().collect();
        // The paper published no document of the project; two documents quote it.
        assert!(lines.contains(&"Outlet               docs  passages  claims     Unverified           True    Mostly true      Half true"), "{table}");
        assert!(lines.contains(&"Outlet paper            0         2       3       0   0.0%       3 100.0%       0   0.0%       0   0.0%"), "{table}");
        assert!(lines.contains(&"all                     2         3       6       0   0.0%       6 100.0%       0   0.0%       0   0.0%"), "{table}");
        assert!(table.contains("counts for that outlet (its first char decides)"));
        // Without passages, no such column.
        let small = crate::compare::tests::small();
        let table = super::table(&small, &Report::new(&small, Dimension::Outlet, Measure::Verdict));
        assert!(!table.contains("passages  claims") && table.contains("docs  claims"), "{table}");
    }
}
