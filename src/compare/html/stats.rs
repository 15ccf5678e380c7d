//! The `#stats` section of the HTML report ("Is it more than chance?"): the reading of
//! the statistics in sentences, the shares with their 95% intervals when documents are
//! the unit (with claims, the table above carries them), the thin rows, the test of the
//! whole matrix, the column tests and the pairwise tests.

use super::{escape, percent};
use crate::compare::Report;
use crate::compare::inference::{ALPHA, LEVEL, Method, Unit, p_is, p_text, significant};
use crate::compare::output::stats::{
    GLOSSARY, SMALL_COUNTS_NOTE, method_words, reading, share_with_interval,
};
use std::fmt::Write as _;

/// The interval of a cell as the table and the heat map's tooltips write it, "95%
/// interval 0.8–21.0%"; empty for a row without units.
pub(super) fn interval_words(report: &Report, row: usize, column: usize) -> String {
    report.statistics.interval(row, column).map_or_else(String::new, |i| {
        format!("{:.0}% interval {:.1}–{:.1}%", LEVEL * 100.0, i.low * 100.0, i.high * 100.0)
    })
}

/// The thin marker after a row's name: a tag whose tooltip says why.
pub(super) fn thin_tag(out: &mut String, report: &Report, row: usize) {
    let reasons = report.statistics.thin_reasons(row);
    if !reasons.is_empty() {
        let _ = write!(out, " <span class=\"thin\" title=\"{}\">thin</span>", escape(&reasons.join("; ")));
    }
}

/// Writes the section.
pub(super) fn section(out: &mut String, report: &Report) {
    let c = &report.comparison;
    let s = &report.statistics;
    let unit = match s.unit {
        Unit::Claims => "claims",
        Unit::Documents => "documents (and quoted passages)",
    };
    let _ = writeln!(
        out,
        "<section id=\"stats\"><h2>Is it more than chance?</h2>\n<p>Unit: <b>{unit}</b>. Every share has a {:.0}% \
         Wilson interval; a p-value below {ALPHA} reads as a difference beyond chance. Rows with fewer than 20 \
         units, or whose claims all come from one document, are marked <span class=\"thin\">thin</span>.</p>",
        LEVEL * 100.0
    );
    out.push_str("<ul class=\"reading\">\n");
    for sentence in reading(c, s) {
        let _ = writeln!(out, "<li>{}</li>", escape(&sentence));
    }
    out.push_str("</ul>\n");
    if s.unit == Unit::Documents {
        out.push_str(
            "<h3>Share of each row’s documents with at least one claim of the label</h3>\n<div class=\"scroll\">\
             <table class=\"intervals\"><thead><tr><th>Row</th><th>Documents</th>",
        );
        for header in &c.columns {
            let _ = write!(out, "<th>{}</th>", escape(&header.name));
        }
        out.push_str("</tr></thead><tbody>\n");
        for (row, header) in c.rows.iter().enumerate() {
            let _ = write!(out, "<tr><th>{}", escape(&header.name));
            thin_tag(out, report, row);
            let _ = write!(out, "</th><td class=\"num\">{}</td>", s.units[row]);
            for column in 0..c.columns.len() {
                let _ = write!(
                    out,
                    "<td class=\"num\">{}<br><small>{}</small></td>",
                    s.hits[row][column],
                    escape(&share_with_interval(s, row, column))
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table></div>\n");
    }
    let thin: Vec<usize> = (0..c.rows.len()).filter(|&r| s.is_thin(r)).collect();
    if !thin.is_empty() {
        out.push_str("<h3>Thin rows</h3>\n<ul class=\"thin-rows\">\n");
        for row in thin {
            let _ = writeln!(
                out,
                "<li><b>{}</b>: {}</li>",
                escape(&c.rows[row].name),
                escape(&s.thin_reasons(row).join("; "))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>The whole matrix</h3>\n");
    match (&s.matrix, s.matrix_note) {
        (Some(test), _) => {
            let _ = writeln!(
                out,
                "<p>Chi-square test of independence of rows and columns: X² = {:.2}, df = {}, <b>{}</b> ({}); \
                 Cramér’s V = {:.2} ({} claims, {} rows × {} columns with claims).</p>",
                test.statistic,
                test.df,
                p_is(test.p_value),
                escape(&method_words(test)),
                test.cramers_v,
                test.n,
                test.rows,
                test.columns
            );
        }
        (None, Some(note)) => {
            let _ = writeln!(out, "<p>{}</p>", escape(note));
        }
        (None, None) => {}
    }
    let tested = s.columns.iter().filter(|t| t.test.is_some()).count();
    let _ = writeln!(
        out,
        "<h3>Each column</h3>\n<p>Each column on its own: rows against “has the label / has not”, p-values \
         adjusted for the {tested} columns tested (Holm).</p>\n<div class=\"scroll\"><table class=\"tests\">\
         <thead><tr><th>Column</th><th>X²</th><th>df</th><th>p</th><th>p (Holm)</th><th>Cramér’s V</th>\
         <th>p from</th><th>Reading</th></tr></thead><tbody>"
    );
    for column_test in &s.columns {
        let name = escape(&c.columns[column_test.column].name);
        match &column_test.test {
            Some(test) => {
                let differs = column_test.p_holm.is_some_and(significant);
                let _ = writeln!(
                    out,
                    "<tr{}><th>{name}</th><td class=\"num\">{:.2}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                     <td class=\"num\">{}</td><td class=\"num\">{:.2}</td><td>{}</td><td>{}</td></tr>",
                    if differs { " class=\"differs\"" } else { "" },
                    test.statistic,
                    test.df,
                    p_text(test.p_value),
                    column_test.p_holm.map_or_else(String::new, p_text),
                    test.cramers_v,
                    escape(test.method.name()),
                    if differs { "differs beyond chance" } else { "not significant" }
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<tr><th>{name}</th><td colspan=\"7\">not tested: no row has it, or every unit has it</td></tr>"
                );
            }
        }
    }
    out.push_str("</tbody></table></div>\n");
    let exact = s.columns.iter().filter_map(|t| t.test.as_ref()).any(|t| t.method != Method::ChiSquare);
    if exact {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(SMALL_COUNTS_NOTE));
    }
    if let Some(pairwise) = &s.pairwise {
        let column = &c.columns[pairwise.column];
        let _ = writeln!(
            out,
            "<h3>Pairs of rows on “{}”</h3>\n<p>Fisher’s exact test (two-sided) of each pair of rows, p-values \
             adjusted for {} (Holm). <code>claimmark compare --stats --column ID</code> picks another \
             column.</p>\n<div class=\"scroll\"><table class=\"tests\"><thead><tr><th>Row</th><th>Share</th>\
             <th>Row</th><th>Share</th><th>p</th><th>p (Holm)</th><th>Reading</th></tr></thead><tbody>",
            escape(&column.name),
            crate::text::count(pairwise.pairs.len(), "pair")
        );
        for pair in &pairwise.pairs {
            let differs = significant(pair.p_holm);
            let _ = writeln!(
                out,
                "<tr{}><th>{}</th><td class=\"num\">{}</td><th>{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td>{}</td></tr>",
                if differs { " class=\"differs\"" } else { "" },
                escape(&c.rows[pair.a].name),
                percent(s.share(pair.a, pairwise.column)),
                escape(&c.rows[pair.b].name),
                percent(s.share(pair.b, pairwise.column)),
                p_text(pair.p_value),
                p_text(pair.p_holm),
                if differs { "differs beyond chance" } else { "not significant" }
            );
        }
        out.push_str("</tbody></table></div>\n");
    }
    let _ = writeln!(out, "<h3>How to read the tests</h3>\n<p class=\"note\">{}</p>", escape(GLOSSARY));
    out.push_str("</section>\n");
}
