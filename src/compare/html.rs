//! The comparison as ONE self-contained HTML file, readable offline in any browser:
//! inline CSS, inline SVG charts, no script, no fonts, images, style sheets or frames
//! loaded from anywhere. Links to the documents' own pages are plain anchors with
//! `rel="noreferrer noopener"`, written only for http(s) URLs, and load nothing until
//! clicked. Every text from the project is escaped (the texts hold quotes, `<`, `&`
//! and Persian). The output is deterministic: the same project gives the same bytes.
//!
//! Structure, top to bottom:
//! 1. a header with the project's name, description and counts, and the counting rules;
//! 2. `#heatmap`: an SVG heat map of the shares, with count and share written in each cell;
//! 3. `#bars`: an SVG of stacked bars, one per row, with a legend of the columns;
//! 4. `#table`: the counts and shares as an HTML table with row and column totals (and
//!    each row's quoted passages, when the project has any);
//!    Each share has its 95% Wilson interval (in the table, and in the heat map's
//!    tooltips), and thin rows are tagged;
//! 5. `#stats`: "Is it more than chance?" — the statistics read out in sentences, the
//!    thin rows, the test of the whole matrix, each column's test and the pairwise tests
//!    ([`crate::compare::inference`]);
//! 6. `#coverage`: per row the groups it covers and leaves out, then a group × row matrix;
//! 7. `#groups`: every group (`#g-1`, `#g-2` ...) with its framing diff (a table of
//!    members × aspects, the aspects that differ headed "≠ differs" and the cells that
//!    differ from the first member shaded and marked "≠", each quote with `<del>` and
//!    `<ins>` words against the first member's; `compare::framing_diff`), then its members side by side, one
//!    column per member: outlet (whose text the claim is, with "via" the document's
//!    outlet for a claim in a quoted passage) and affiliation badge, genre, claimant,
//!    voice (asserted or attributed), kind, verdict, frames, and the passage with the
//!    claim highlighted (`<mark class="claim">`) and hedging, certainty and attribution
//!    words marked (`<span class="hw hw-hedging">` ...);
//! 8. `#lexicon`: the words that are marked, and when.
//!
//! [`groups_page`] is the framing diff alone (`compare --groups --format html`): the same
//! shell, the groups section and the word list.
//!
//! Pure: returns a string, writes nothing.

use super::output::framing::{FRAMING_NOTE, claimant_text, differs_text, outlet_text};
use super::output::{counting_note, rows_note};
use super::{
    Aspect, Change, Condition, FramingDiff, GroupView, Header, HedgeKind, LEXICON, MemberView, Passage,
    Report, framing_diff,
};
use crate::model::{Attribution, Project, parse_colour};
use std::fmt::Write as _;

use crate::text::{escape_markup as escape, escape_markup_into as escape_into};

mod stats;

/// A label colour if it is a valid `#rrggbb`, else `fallback`; never text from the file
/// that is not a colour (it goes into style attributes).
fn colour(header_colour: Option<&str>, fallback: &'static str) -> String {
    match header_colour.and_then(parse_colour) {
        Some([r, g, b]) => format!("#{r:02x}{g:02x}{b:02x}"),
        None => fallback.to_owned(),
    }
}

/// Black or white, whichever reads better on `background` (`#rrggbb`).
fn ink_on(background: &str) -> &'static str {
    match parse_colour(background) {
        Some([r, g, b]) if 299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) < 150_000 => {
            "#ffffff"
        }
        _ => "#111111",
    }
}

/// A badge in a label's colour.
fn badge(out: &mut String, header: &Header, class: &str) {
    let background = colour(header.colour.as_deref(), "#8a8a8a");
    let _ = write!(
        out,
        "<span class=\"badge {class}\" style=\"background:{background};color:{}\">{}</span>",
        ink_on(&background),
        escape(&header.name)
    );
}

/// White to dark blue by share (0..=1).
fn heat(share: f64) -> String {
    let t = share.clamp(0.0, 1.0);
    let mix = |low: f64, high: f64| (low + (high - low) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(247.0, 8.0), mix(251.0, 48.0), mix(255.0, 107.0))
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Whether a URL may become a link: http(s) only, as everywhere in claimmark.
fn linkable(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

const STYLE: &str = r#"
:root { --ink: #1b1b1b; --muted: #5f6368; --line: #d8dadd; --paper: #ffffff; --soft: #f4f5f7; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem clamp(0.75rem, 3vw, 2.5rem) 4rem; color: var(--ink); background: var(--paper);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.75rem 0 .25rem; }
p.lead { color: var(--muted); max-width: 70rem; }
nav a { margin-right: 1rem; }
a { color: #1a55a8; }
.note { background: var(--soft); border-left: 4px solid #7a9cc6; padding: .5rem .75rem; max-width: 70rem; }
.chart { overflow-x: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
svg .small { font-size: 10px; }
table { border-collapse: collapse; margin: .5rem 0; }
tbody th { min-width: 11rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; }
th { background: var(--soft); text-align: left; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.num small { color: var(--muted); }
tr.total td, tr.total th { border-top: 2px solid #999; font-weight: 600; }
.scroll { overflow-x: auto; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .8rem; line-height: 1.35rem;
  white-space: nowrap; }
.chip { display: inline-block; padding: 0 .4rem; margin: 0 .2rem .2rem 0; border-radius: .3rem; font-size: .8rem;
  border: 1px solid var(--line); background: var(--soft); }
ul.coverage li { margin-bottom: .5rem; }
.covers { color: #17663a; } .leaves { color: #9a3412; }
td.yes { background: #e6f4ea; text-align: center; } td.no { color: #b0b3b8; text-align: center; }
.group { border-top: 1px solid var(--line); padding-top: .25rem; }
.group .notes { color: var(--muted); max-width: 70rem; margin: .25rem 0 .75rem; }
.members { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(17rem, 1fr); gap: .75rem;
  overflow-x: auto; padding-bottom: .5rem; }
.member { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .75rem; background: #fff; min-width: 0; }
.member header { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; margin-bottom: .35rem; }
.member .outlet { font-weight: 700; }
.member .via { color: var(--muted); font-size: .85rem; }
.member dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; margin: .25rem 0 .5rem;
  font-size: .85rem; }
.member dt { color: var(--muted); }
.member dd { margin: 0; overflow-wrap: anywhere; }
.passage { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); border-radius: .35rem;
  padding: .5rem .6rem; margin: .25rem 0; unicode-bidi: plaintext; }
mark.claim { background: #fff0a8; box-shadow: 0 0 0 1px #e0c200 inset; border-radius: .15rem; color: inherit; }
.hw { border-radius: .15rem; }
.hw-hedging { text-decoration: underline wavy #d97706; text-decoration-thickness: 1.5px; background: #fff4e5; }
.hw-certainty { text-decoration: underline double #b91c1c; font-weight: 700; background: #fdecec; }
.hw-attribution { text-decoration: underline dotted #2563eb; text-decoration-thickness: 2px; background: #eaf1ff; }
.cut { color: var(--muted); }
table.framing { font-size: .85rem; max-width: 100%; }
table.framing caption { text-align: left; color: var(--muted); padding-bottom: .2rem; }
table.framing td, table.framing th { max-width: 28rem; overflow-wrap: break-word; }
table.framing thead th { min-width: 6rem; }
th.differs { background: #fde7c8; }
td.diffcell { background: #fff1dc; box-shadow: inset 3px 0 0 #d97706; }
.flag { font-weight: 700; color: #8a4b00; white-space: nowrap; }
del { background: #fde2e2; color: #8a1c1c; text-decoration: line-through; text-decoration-thickness: 1.5px; }
ins { background: #d7f5dd; color: #14532d; text-decoration: underline; text-decoration-thickness: 1.5px; }
.marks { font-size: .8rem; color: var(--muted); margin: .25rem 0 0; }
.claim-id { font-size: .75rem; color: var(--muted); margin-top: .35rem; }
.lexicon dd { margin: 0 0 .75rem; }
.thin { display: inline-block; padding: 0 .35rem; margin-left: .3rem; border-radius: .3rem; font-size: .75rem;
  font-weight: 600; color: #7c2d12; background: #ffedd5; border: 1px solid #fdba74; }
ul.reading li { margin-bottom: .4rem; max-width: 70rem; }
tr.differs th, tr.differs td { background: #e6f4ea; font-weight: 600; }
footer.page { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media print { .members { grid-auto-flow: row; grid-template-columns: repeat(2, 1fr); } .chart, .scroll { overflow: visible; } }
"#;

/// The whole report as one HTML document; see the module docs for its structure.
pub fn html(project: &Project, report: &Report) -> String {
    let comparison = &report.comparison;
    let mut out = String::with_capacity(64 * 1024 + report.groups.len() * 4096);
    let title = format!(
        "{} — {} by {} against {}",
        project.name,
        "framing comparison",
        comparison.by.id(),
        comparison.against.id()
    );
    page_start(&mut out, &title);
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(&project.name));
    if !project.description.trim().is_empty() {
        let _ = writeln!(out, "<p class=\"lead\" dir=\"auto\">{}</p>", escape(&project.description));
    }
    let _ = writeln!(
        out,
        "<p>{} documents, {} claims, {} claim groups. Rows: <b>{}</b>; columns: <b>{}</b>.</p>",
        project.documents.len(),
        project.claims.len(),
        project.groups.len(),
        escape(comparison.by.name()),
        escape(comparison.against.name())
    );
    let _ = writeln!(
        out,
        "<nav><a href=\"#heatmap\">Heat map</a><a href=\"#bars\">Bars</a><a href=\"#table\">Table</a><a href=\"#stats\">More than chance?</a>\
         <a href=\"#coverage\">Coverage</a><a href=\"#groups\">Groups side by side</a><a href=\"#lexicon\">Marked words</a></nav>"
    );
    let _ = writeln!(out, "<p class=\"note\">{}", escape(&counting_note(comparison)));
    out.push(' ');
    out.push_str(&escape(rows_note(comparison.by)));
    if comparison.skipped_claims > 0 {
        let _ = write!(
            out,
            " {} claims are in documents missing from the project and are not counted.",
            comparison.skipped_claims
        );
    }
    out.push_str("</p>\n</header>\n");
    heatmap(&mut out, report);
    bars(&mut out, report);
    table(&mut out, report);
    stats::section(&mut out, report);
    coverage(&mut out, report);
    groups_section(&mut out, &report.groups);
    lexicon(&mut out);
    page_end(&mut out);
    out
}

/// The document head (with the policy that forbids every load) and the opening body tag.
fn page_start(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
}

/// The footer and the closing tags.
fn page_end(out: &mut String) {
    out.push_str(
        "<footer class=\"page\">Made with claimmark from the project file alone; this page loads nothing \
         from the network.</footer>\n</body>\n</html>\n",
    );
}

/// The framing diff of every group as one page (`compare --groups --format html`): the
/// report's shell and its groups section (each group's framing table and members side
/// by side) and the word list, nothing else. Loads nothing, as the report.
pub fn groups_page(project: &Project, groups: &[GroupView]) -> String {
    let mut out = String::with_capacity(16 * 1024 + groups.len() * 6144);
    page_start(&mut out, &format!("{} — how each outlet words the grouped claims", project.name));
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(&project.name));
    if !project.description.trim().is_empty() {
        let _ = writeln!(out, "<p class=\"lead\" dir=\"auto\">{}</p>", escape(&project.description));
    }
    let _ = writeln!(
        out,
        "<p>{} claim groups, {} grouped claims.</p>\n<nav><a href=\"#groups\">Groups</a><a href=\"#lexicon\">Marked words</a></nav>\n\
         <p class=\"note\">{}</p>\n</header>",
        groups.len(),
        groups.iter().map(|g| g.members.len()).sum::<usize>(),
        escape(FRAMING_NOTE)
    );
    groups_section(&mut out, groups);
    lexicon(&mut out);
    page_end(&mut out);
    out
}

fn heatmap(out: &mut String, report: &Report) {
    let c = &report.comparison;
    let (label_width, cell_width, cell_height, header_height) = (240.0, 64.0, 38.0, 170.0);
    let width = label_width + cell_width * c.columns.len() as f64 + 100.0;
    let height = header_height + cell_height * c.rows.len() as f64 + 12.0;
    let _ = writeln!(
        out,
        "<section id=\"heatmap\"><h2>Heat map: share of each row’s claims</h2>\n<div class=\"chart\">\
         <svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-label=\"Heat map of shares\">"
    );
    for (column, header) in c.columns.iter().enumerate() {
        let x = label_width + cell_width * (column as f64 + 0.5);
        let _ = writeln!(
            out,
            "<text transform=\"translate({x},{}) rotate(-45)\"><title>{}</title>{}</text>",
            header_height - 8.0,
            escape(&header.name),
            escape(&fit(&header.name, 30))
        );
    }
    for (row, header) in c.rows.iter().enumerate() {
        let y = header_height + cell_height * row as f64;
        let thin = report.statistics.thin_reasons(row);
        let (thin_title, thin_mark) = if thin.is_empty() {
            (String::new(), "")
        } else {
            (format!(" (thin: {})", thin.join("; ")), " · thin")
        };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}{}</title>{}{thin_mark}</text>",
            label_width - 8.0,
            y + cell_height / 2.0 + 4.0,
            escape(&header.name),
            escape(&thin_title),
            escape(&fit(&header.name, if thin.is_empty() { 34 } else { 27 }))
        );
        for column in 0..c.columns.len() {
            let x = label_width + cell_width * column as f64;
            let share = c.share(row, column);
            let count = c.count(row, column);
            let ink = if share > 0.5 { "#ffffff" } else { "#222222" };
            let interval = match report.statistics.unit {
                super::Unit::Claims => format!("; {}", stats::interval_words(report, row, column)),
                super::Unit::Documents => String::new(),
            };
            let _ = writeln!(
                out,
                "<g><title>{} × {}: {count} of {} claims ({}{interval})</title>\
                 <rect x=\"{x}\" y=\"{y}\" width=\"{cell_width}\" height=\"{cell_height}\" fill=\"{}\" stroke=\"#ffffff\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" style=\"fill:{ink};font-weight:700\">{count}</text>\
                 <text class=\"small\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" style=\"fill:{ink}\">{}</text></g>",
                escape(&header.name),
                escape(&c.columns[column].name),
                c.row_claims[row],
                percent(share),
                heat(share),
                x + cell_width / 2.0,
                y + 16.0,
                x + cell_width / 2.0,
                y + 30.0,
                percent(share)
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{} claims</text>",
            label_width + cell_width * c.columns.len() as f64 + 8.0,
            y + cell_height / 2.0 + 4.0,
            c.row_claims[row]
        );
    }
    out.push_str("</svg></div></section>\n");
}

fn bars(out: &mut String, report: &Report) {
    let c = &report.comparison;
    let (label_width, bar_width, bar_height, step) = (240.0, 600.0, 22.0, 32.0);
    let legend_columns = 3;
    let legend_rows = c.columns.len().div_ceil(legend_columns);
    let bars_height = step * c.rows.len() as f64;
    let width = label_width + bar_width + 110.0;
    let height = bars_height + 20.0 + 20.0 * legend_rows as f64 + 10.0;
    let what = if c.against == super::Measure::Frame {
        "Each bar divides a row’s frame assignments (a claim with two frames counts twice) among the frames."
    } else {
        "Each bar divides a row’s claims among the columns."
    };
    let _ = writeln!(
        out,
        "<section id=\"bars\"><h2>Stacked bars per row</h2><p>{what}</p>\n<div class=\"chart\">\
         <svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-label=\"Stacked bars per row\">"
    );
    let colours: Vec<String> = c.columns.iter().map(|h| colour(h.colour.as_deref(), "#c7c7c7")).collect();
    for (row, header) in c.rows.iter().enumerate() {
        let y = step * row as f64 + 4.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
            label_width - 8.0,
            y + bar_height / 2.0 + 4.0,
            escape(&header.name),
            escape(&fit(&header.name, 34))
        );
        let total = c.row_label_total(row);
        let _ = writeln!(
            out,
            "<rect x=\"{label_width}\" y=\"{y}\" width=\"{bar_width}\" height=\"{bar_height}\" fill=\"none\" stroke=\"#d8dadd\"/>"
        );
        let mut x = label_width;
        for (column, column_header) in c.columns.iter().enumerate() {
            let count = c.count(row, column);
            if count == 0 || total == 0 {
                continue;
            }
            let w = bar_width * count as f64 / total as f64;
            let _ = writeln!(
                out,
                "<rect x=\"{x:.2}\" y=\"{y}\" width=\"{w:.2}\" height=\"{bar_height}\" fill=\"{}\"><title>{} × {}: {count} ({} of the row’s claims)</title></rect>",
                colours[column],
                escape(&header.name),
                escape(&column_header.name),
                percent(c.share(row, column))
            );
            x += w;
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{} claims</text>",
            label_width + bar_width + 8.0,
            y + bar_height / 2.0 + 4.0,
            c.row_claims[row]
        );
    }
    for (column, header) in c.columns.iter().enumerate() {
        let x = 10.0 + 280.0 * (column % legend_columns) as f64;
        let y = bars_height + 20.0 + 20.0 * (column / legend_columns) as f64;
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{y}\">{}</text>",
            y - 10.0,
            colours[column],
            x + 18.0,
            escape(&fit(&header.name, 40))
        );
    }
    out.push_str("</svg></div></section>\n");
}

fn table(out: &mut String, report: &Report) {
    let c = &report.comparison;
    let _ = write!(
        out,
        "<section id=\"table\"><h2>Table: count and share of the row’s claims</h2>\n<p>Under each share, its 95% \
         interval (Wilson) when claims are the unit: the range of shares these claims are consistent with. \
         <span class=\"thin\">thin</span> marks a row with fewer than 20 claims or all its claims from one \
         document.</p>\n<div class=\"scroll\"><table class=\"counts\">\n\
         <thead><tr><th>{}</th><th>Documents</th>",
        escape(c.by.name())
    );
    let with_passages = c.row_passages.iter().any(|&n| n > 0);
    if with_passages {
        out.push_str("<th>Quoted passages</th>");
    }
    out.push_str("<th>Claims</th>");
    for header in &c.columns {
        let _ = write!(out, "<th>{}</th>", escape(&header.name));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (row, header) in c.rows.iter().enumerate() {
        let _ = write!(out, "<tr><th>{}", escape(&header.name));
        stats::thin_tag(out, report, row);
        let _ = write!(out, "</th><td class=\"num\">{}</td>", c.row_documents[row]);
        if with_passages {
            let _ = write!(out, "<td class=\"num\">{}</td>", c.row_passages[row]);
        }
        let _ = write!(out, "<td class=\"num\">{}</td>", c.row_claims[row]);
        let claims_unit = report.statistics.unit == super::Unit::Claims;
        for column in 0..c.columns.len() {
            let interval =
                if claims_unit { stats::interval_words(report, row, column) } else { String::new() };
            let interval = match report.statistics.interval(row, column) {
                Some(i) if claims_unit => {
                    format!(
                        "<br><small title=\"{}\">[{:.1}–{:.1}]</small>",
                        escape(&interval),
                        i.low * 100.0,
                        i.high * 100.0
                    )
                }
                _ => String::new(),
            };
            let _ = write!(
                out,
                "<td class=\"num\">{}<br><small>{}</small>{interval}</td>",
                c.count(row, column),
                percent(c.share(row, column))
            );
        }
        out.push_str("</tr>\n");
    }
    let documents: usize = c.row_documents.iter().sum();
    let _ = write!(out, "<tr class=\"total\"><th>All</th><td class=\"num\">{documents}</td>");
    if with_passages {
        let passages: usize = c.row_passages.iter().sum();
        let _ = write!(out, "<td class=\"num\">{passages}</td>");
    }
    let _ = write!(out, "<td class=\"num\">{}</td>", c.total_claims);
    for column in 0..c.columns.len() {
        let total = c.column_total(column);
        let share = if c.total_claims > 0 { total as f64 / c.total_claims as f64 } else { 0.0 };
        let _ = write!(out, "<td class=\"num\">{total}<br><small>{}</small></td>", percent(share));
    }
    out.push_str("</tr>\n</tbody></table></div></section>\n");
}

fn group_link(out: &mut String, report: &Report, group: usize) {
    let name = report.coverage.groups.get(group).map_or("", |g| g.name.as_str());
    let _ = write!(out, "<a href=\"#g-{}\">{}</a>", group + 1, escape(name));
}

fn coverage(out: &mut String, report: &Report) {
    let coverage = &report.coverage;
    let _ = writeln!(
        out,
        "<section id=\"coverage\"><h2>Coverage: which claim groups each {} tells</h2>\n\
         <p>A row covers a group when at least one claim of the group counts in the row (a claim in a quoted passage counts for the passage’s outlet).</p>\n<ul class=\"coverage\">",
        escape(coverage.by.id())
    );
    for (row, header) in coverage.rows.iter().enumerate() {
        let covered = coverage.covered(row);
        let left_out = coverage.left_out(row);
        let _ = write!(
            out,
            "<li><b>{}</b>: covers {} of {} groups",
            escape(&header.name),
            covered.len(),
            coverage.groups.len()
        );
        for (class, what, groups) in [("covers", "Covers", &covered), ("leaves", "Leaves out", &left_out)] {
            if groups.is_empty() {
                continue;
            }
            let _ = write!(out, "<br><span class=\"{class}\">{what}:</span> ");
            for (i, &group) in groups.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                group_link(out, report, group);
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n<div class=\"scroll\"><table class=\"coverage\"><thead><tr><th>Group</th>");
    for header in &coverage.rows {
        let _ = write!(out, "<th>{}</th>", escape(&header.name));
    }
    out.push_str("<th>Rows covering</th></tr></thead>\n<tbody>\n");
    for group in 0..coverage.groups.len() {
        out.push_str("<tr><th>");
        group_link(out, report, group);
        out.push_str("</th>");
        for row in 0..coverage.rows.len() {
            let members = coverage.members[row][group];
            if members > 0 {
                let _ = write!(out, "<td class=\"yes\">✓ {members}</td>");
            } else {
                out.push_str("<td class=\"no\">—</td>");
            }
        }
        let _ = writeln!(out, "<td class=\"num\">{}</td></tr>", coverage.rows_covering(group).len());
    }
    out.push_str("</tbody></table></div></section>\n");
}

fn groups_section(out: &mut String, groups: &[GroupView]) {
    let _ = writeln!(
        out,
        "<section id=\"groups\"><h2>Groups side by side</h2>\n<p>Each group is one claim as several documents tell \
         it. First how each member words it: a table of the members against the group's first member (the \
         reference), where an aspect in which the members differ is headed <span class=\"flag\">≠ differs</span> \
         and each cell that differs from the reference is <span class=\"diffcell\">≠ shaded</span>; in the \
         quotes, words the reference has and the member lacks are <del>struck out</del> and words only the member \
         has are <ins>underlined</ins>. Then one column per member. In the passages the claim is <mark class=\"claim\">highlighted</mark>; \
         <span class=\"hw hw-hedging\">hedging</span>, <span class=\"hw hw-certainty\">certainty</span> and \
         <span class=\"hw hw-attribution\">attribution</span> words are marked (see <a href=\"#lexicon\">the word list</a>).</p>"
    );
    for (index, group) in groups.iter().enumerate() {
        let _ = writeln!(
            out,
            "<section class=\"group\" id=\"g-{}\"><h3 dir=\"auto\">{}</h3>",
            index + 1,
            escape(&group.name)
        );
        if !group.notes.trim().is_empty() {
            let _ = writeln!(out, "<p class=\"notes\" dir=\"auto\">{}</p>", escape(&group.notes));
        }
        if group.members.is_empty() {
            out.push_str("<p class=\"notes\">No claims in this group yet.</p></section>\n");
            continue;
        }
        framing_table(out, &framing_diff(group));
        out.push_str("<div class=\"members\">\n");
        for member in &group.members {
            member_card(out, member);
        }
        out.push_str("</div></section>\n");
    }
    out.push_str("</section>\n");
}

/// The framing diff of a group as a table: one row per member, one column per aspect;
/// an aspect in which members differ is headed "≠ differs", a cell that differs from the
/// reference member says "≠" and is shaded; the quote shows the word diff in `<del>` and
/// `<ins>`.
fn framing_table(out: &mut String, diff: &FramingDiff) {
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"framing\"><caption>How the members word it. {}</caption>\n<thead><tr><th>Member</th>",
        escape(&differs_text(diff))
    );
    let columns = [
        (Aspect::Attribution, "Voice"),
        (Aspect::Claimant, "Claimant"),
        (Aspect::Verdict, "Verdict"),
        (Aspect::Numbers, "Numbers"),
        (Aspect::Hedges, "Hedging, certainty (attribution) words"),
        (Aspect::Wording, "Quote, against member 1"),
    ];
    for (aspect, heading) in columns {
        if diff.differs.get(aspect) {
            let _ = write!(
                out,
                "<th class=\"differs {}\">{heading} <span class=\"flag\">≠ differs</span></th>",
                aspect.id()
            );
        } else {
            let _ = write!(out, "<th class=\"{}\">{heading}</th>", aspect.id());
        }
    }
    out.push_str("</tr></thead>\n<tbody>");
    for (number, member) in diff.members.iter().enumerate() {
        let _ = write!(out, "<tr><th dir=\"auto\">{}. {}", number + 1, escape(&outlet_text(member)));
        if number == diff.reference {
            out.push_str(" <small>(reference)</small>");
        }
        out.push_str("</th>");
        for (aspect, _) in columns {
            if member.differs.get(aspect) {
                out.push_str("<td class=\"diffcell\" dir=\"auto\"><span class=\"flag\">≠</span> ");
            } else {
                out.push_str("<td dir=\"auto\">");
            }
            match aspect {
                Aspect::Attribution => out.push_str(member.attribution.id()),
                Aspect::Claimant => escape_into(out, claimant_text(member)),
                Aspect::Verdict => badge(out, &member.verdict, "verdict"),
                Aspect::Numbers => {
                    if member.numbers.is_empty() {
                        out.push_str("<span class=\"cut\">none</span>");
                    }
                    for (i, number) in member.numbers.iter().enumerate() {
                        if i > 0 {
                            out.push_str("; ");
                        }
                        let _ = write!(
                            out,
                            "{} <small>({})</small>",
                            escape(&number.text),
                            escape(&number.normalised())
                        );
                    }
                }
                Aspect::Hedges => {
                    if member.words.is_empty() {
                        out.push_str("<span class=\"cut\">none</span>");
                    }
                    for (i, word) in member.words.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        let (open, close) =
                            if word.kind == HedgeKind::Attribution { ("(", ")") } else { ("", "") };
                        let _ = write!(
                            out,
                            "{open}<span class=\"hw hw-{}\">{}</span>{close}",
                            word.kind.id(),
                            escape(&word.word)
                        );
                    }
                }
                Aspect::Wording => {
                    for segment in &member.quote_diff {
                        match segment.change {
                            Change::Equal => escape_into(out, &segment.text),
                            Change::Deleted => {
                                let _ = write!(out, "<del>{}</del>", escape(&segment.text));
                            }
                            Change::Inserted => {
                                let _ = write!(out, "<ins>{}</ins>", escape(&segment.text));
                            }
                        }
                    }
                }
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

fn member_card(out: &mut String, member: &MemberView) {
    out.push_str("<article class=\"member\"><header>");
    let _ = write!(
        out,
        "<span class=\"outlet\" dir=\"auto\">{}</span>",
        escape(member.outlet_name.as_deref().unwrap_or("No outlet recorded"))
    );
    if let Some(via) = &member.via_outlet_name {
        let _ = write!(out, "<span class=\"via\" dir=\"auto\">via {}</span>", escape(via));
    }
    if let Some(affiliation) = &member.affiliation {
        badge(out, affiliation, "affiliation");
    }
    out.push_str("</header><dl>");
    out.push_str("<dt>Document</dt><dd dir=\"auto\">");
    match member.document_url.as_deref().filter(|url| linkable(url)) {
        Some(url) => {
            let _ = write!(
                out,
                "<a href=\"{}\" rel=\"noreferrer noopener\" target=\"_blank\">{}</a>",
                escape(url.trim()),
                escape(&member.document_title)
            );
        }
        None => escape_into(out, &member.document_title),
    }
    if let Some(published) = &member.published {
        let _ = write!(out, " · {}", escape(published));
    }
    out.push_str("</dd>");
    let dd = |out: &mut String, term: &str, value: &str| {
        let _ = write!(out, "<dt>{term}</dt><dd dir=\"auto\">{}</dd>", escape(value));
    };
    dd(out, "Genre", member.genre.as_ref().map_or("not recorded", |g| g.name.as_str()));
    dd(out, "Claimant", if member.claimant.trim().is_empty() { "not recorded" } else { &member.claimant });
    dd(
        out,
        "Voice",
        match member.attribution {
            Attribution::Asserted => "Asserted by the outlet",
            Attribution::Attributed => "Attributed to a speaker",
        },
    );
    dd(out, "Kind", &member.kind.name);
    out.push_str("<dt>Verdict</dt><dd>");
    badge(out, &member.verdict, "verdict");
    out.push_str("</dd><dt>Frames</dt><dd>");
    if member.frames.is_empty() {
        out.push_str("none");
    }
    for frame in &member.frames {
        let _ = write!(out, "<span class=\"chip\">{}</span>", escape(&frame.name));
    }
    out.push_str("</dd></dl>");
    passage(out, &member.passage, &member.hedges);
    let mut kinds = HedgeKind::ALL.iter().filter_map(|&kind| {
        let words: Vec<String> =
            member.hedges.iter().filter(|h| h.kind == kind).map(|h| escape(&h.word.to_lowercase())).collect();
        (!words.is_empty()).then(|| format!("{}: {}", kind.name(), words.join(", ")))
    });
    if let Some(first) = kinds.next() {
        let rest: Vec<String> = kinds.collect();
        let _ = write!(out, "<p class=\"marks\">{first}");
        for more in rest {
            let _ = write!(out, " · {more}");
        }
        out.push_str("</p>");
    }
    let _ = writeln!(out, "<div class=\"claim-id\">{}</div></article>", escape(&member.claim_id));
}

/// The passage with the claim in `<mark class="claim">` and hedge words in spans.
fn passage(out: &mut String, passage: &Passage, hedges: &[super::Hedge]) {
    let chars: Vec<char> = passage.text.chars().collect();
    let len = chars.len();
    let (claim_start, claim_end) = (passage.claim.start.min(len), passage.claim.end.min(len));
    let mut cuts = vec![0, len, claim_start, claim_end];
    for hedge in hedges {
        cuts.push(hedge.span.start.min(len));
        cuts.push(hedge.span.end.min(len));
    }
    cuts.sort_unstable();
    cuts.dedup();
    out.push_str("<p class=\"passage\" dir=\"auto\">");
    if passage.cut_before {
        out.push_str("<span class=\"cut\">… </span>");
    }
    let mut in_claim = false;
    for window in cuts.windows(2) {
        let (a, b) = (window[0], window[1]);
        let inside = claim_start <= a && b <= claim_end && claim_start < claim_end;
        if inside != in_claim {
            out.push_str(if inside { "<mark class=\"claim\">" } else { "</mark>" });
            in_claim = inside;
        }
        let text: String = chars[a..b].iter().collect();
        match hedges.iter().find(|h| h.span.start <= a && b <= h.span.end) {
            Some(hedge) => {
                let _ = write!(
                    out,
                    "<span class=\"hw hw-{}\" title=\"{}\">{}</span>",
                    hedge.kind.id(),
                    hedge.kind.name(),
                    escape(&text)
                );
            }
            None => escape_into(out, &text),
        }
    }
    if in_claim {
        out.push_str("</mark>");
    }
    if passage.cut_after {
        out.push_str("<span class=\"cut\"> …</span>");
    }
    out.push_str("</p>");
}

fn lexicon(out: &mut String) {
    out.push_str(
        "<section id=\"lexicon\"><h2>Marked words</h2>\n<p>Whole words, ignoring case; phrases match as phrases \
         and the longest match wins. The list marks words, not meanings: read each mark in its passage.</p>\n\
         <dl class=\"lexicon\">\n",
    );
    for kind in HedgeKind::ALL {
        let _ = write!(out, "<dt><span class=\"hw hw-{}\">{}</span></dt><dd>", kind.id(), kind.name());
        let words: Vec<String> = LEXICON
            .iter()
            .filter(|entry| entry.kind == kind)
            .map(|entry| match entry.condition {
                Condition::Always => escape(entry.phrase),
                Condition::BeforeNumber => {
                    format!("{} <small>(before a number)</small>", escape(entry.phrase))
                }
                Condition::NotMonth => format!("{} <small>(not the month)</small>", escape(entry.phrase)),
            })
            .collect();
        out.push_str(&words.join(", "));
        out.push_str("</dd>\n");
    }
    out.push_str("</dl></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::CharSpan;

    #[test]
    fn colours_from_the_file_never_reach_styles_unchecked() {
        assert_eq!(colour(Some("#1F77b4"), "#000000"), "#1f77b4");
        assert_eq!(colour(Some("red;background:url(x)"), "#8a8a8a"), "#8a8a8a");
        assert_eq!(ink_on("#ffffff"), "#111111");
        assert_eq!(ink_on("#1f1f1f"), "#ffffff");
    }

    #[test]
    fn only_http_links() {
        assert!(linkable("https://sputnikglobe.com/x") && linkable("HTTP://a.b"));
        assert!(!linkable("javascript:alert(1)") && !linkable("file:///etc/passwd") && !linkable("//a.b"));
    }

    #[test]
    fn passages_mark_the_claim_and_hedges_across_its_edges() {
        let text = "He said <b> it is in fact 3,000 & more.";
        let claim_start = text.find("fact").unwrap();
        let p = Passage {
            text: text.into(),
            claim: CharSpan::new(claim_start, text.len() - 1),
            start: 0,
            cut_before: true,
            cut_after: false,
        };
        let marks = super::super::hedges(text);
        let mut out = String::new();
        passage(&mut out, &p, &marks);
        assert_eq!(
            out,
            "<p class=\"passage\" dir=\"auto\"><span class=\"cut\">… </span>He \
             <span class=\"hw hw-attribution\" title=\"Attribution\">said</span> &lt;b&gt; it is \
             <span class=\"hw hw-certainty\" title=\"Certainty / booster\">in </span>\
             <mark class=\"claim\"><span class=\"hw hw-certainty\" title=\"Certainty / booster\">fact</span> \
             3,000 &amp; more</mark>.</p>"
        );
    }

    #[test]
    fn a_member_in_a_quoted_passage_is_shown_via_the_documents_outlet() {
        let project = crate::compare::tests::quoting();
        let report = Report::new(&project, super::super::Dimension::Outlet, super::super::Measure::Kind);
        let page = html(&project, &report);
        assert_eq!(page.matches("<span class=\"via\" dir=\"auto\">via Outlet forum</span>").count(), 1);
        assert!(page.contains("<span class=\"outlet\" dir=\"auto\">Outlet paper</span><span class=\"via\""));
        // Each row's quoted passages are in the table.
        assert!(page.contains("<th>Quoted passages</th>"));
        // Its three claims make it thin; the tag says why.
        assert!(page.contains(
            "<tr><th>Outlet paper <span class=\"thin\" title=\"only 3 claims, fewer than 20\">thin</span></th>\
             <td class=\"num\">0</td><td class=\"num\">2</td><td class=\"num\">3</td>"
        ));
    }
}
