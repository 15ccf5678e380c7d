//! [`Report`] as one self-contained HTML page (loads nothing: no scripts, fonts or
//! images): the figures per pair and over all reviewers, a table per document, the
//! confusion of kinds as a heat map, and every passage where two reviewers disagree with
//! both marks shown in their context. Every text from the project is escaped.

use super::output::{kind_label, name, number, used_kinds};
use super::report::{Disagreement, Report};
use crate::anchor::CharIndex;
use crate::model::{Claim, ClaimId, Document, DocumentId, Project};
use crate::text::{CharSpan, escape_markup as escape};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt::Write as _;

const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #1d232a; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 2em; border-bottom: 1px solid #d5dbe1; }
table { border-collapse: collapse; margin: .6em 0; } th, td { padding: .25em .6em; border: 1px solid #d5dbe1; text-align: right; }
th:first-child, td:first-child { text-align: left; } th { background: #f1f4f7; }
.note { color: #56606b; font-size: .9em; } .lead { font-size: 1.05em; }
.heat td.cell { min-width: 3.5em; text-align: center; }
.passage { border-left: 4px solid #d5dbe1; margin: .8em 0; padding: .2em .8em; }
.passage .who { font-weight: 600; } .what { color: #8a3b12; font-size: .9em; }
mark.a { background: #cfe3ff; } mark.b { background: #ffe1b3; }
"#;

/// The page.
pub fn html(project: &Project, report: &Report) -> String {
    let mut out = String::new();
    let title = format!("Agreement between reviewers: {}", project.name);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(&title)
    );
    let names: Vec<String> = report.reviewers.iter().map(|r| name(project, r)).collect();
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"lead\">{} reviewers ({}) over {} documents: {} units (marks overlapping across reviewers), {} marked by all.</p>",
        names.len(),
        escape(&names.join(", ")),
        report.documents.len(),
        report.overall.units,
        report.overall.units_all_marked
    );
    let overall = &report.overall;
    let _ = writeln!(
        out,
        "<h2>Over all documents</h2>\n<table>\n<tr><th>pair</th><th>exact P</th><th>R</th><th>F1</th><th>overlap P</th><th>R</th><th>F1</th><th>κ kinds</th><th>κ verdicts</th></tr>"
    );
    for pair in &overall.pairs {
        let (e, o) = (&pair.exact, &pair.overlap);
        let _ = writeln!(
            out,
            "<tr><td>{} / {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&name(project, &pair.a)),
            escape(&name(project, &pair.b)),
            number(e.precision()),
            number(e.recall()),
            number(e.f1()),
            number(o.precision()),
            number(o.recall()),
            number(o.f1()),
            number(pair.kind_kappa),
            number(pair.verdict_kappa)
        );
    }
    let _ = writeln!(
        out,
        "</table>\n<p>All reviewers: Fleiss' κ on kinds <b>{}</b> (units marked by all); Krippendorff's α on kinds (nominal) <b>{}</b>, on verdicts (ordinal, unverified as missing) <b>{}</b>; unitizing α (where marks start and end, and their kinds) <b>{}</b>.</p>",
        number(overall.kind_fleiss),
        number(overall.kind_alpha),
        number(overall.verdict_alpha),
        number(overall.unitizing_alpha)
    );
    let _ = writeln!(
        out,
        "<p class=\"note\">P, R, F1: precision, recall and F1 of the second reviewer against the first; exact: the same span, overlap: spans sharing a char, paired one to one. κ: Cohen's kappa of overlapping pairs.</p>"
    );
    documents(&mut out, project, report);
    for (pair, matrix) in overall.pairs.iter().zip(&report.confusion) {
        let (a, b) = (name(project, &pair.a), name(project, &pair.b));
        let _ = writeln!(out, "<h2>Kinds: {} (rows) against {} (columns)</h2>", escape(&a), escape(&b));
        heat(&mut out, report, matrix);
    }
    let claims: HashMap<&ClaimId, &Claim> = project.claims.iter().map(|c| (&c.id, c)).collect();
    // Each document's char index, made once (a passage is cut by char offsets).
    let mut texts: HashMap<&DocumentId, (&Document, CharIndex<'_>)> = HashMap::new();
    for (pair, found) in overall.pairs.iter().zip(&report.disagreements) {
        let (a, b) = (name(project, &pair.a), name(project, &pair.b));
        let _ = writeln!(out, "<h2>Where {} and {} disagree ({})</h2>", escape(&a), escape(&b), found.len());
        for disagreement in found {
            let (document, index) = match texts.entry(&disagreement.document) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(new) => {
                    let Some(document) = project.document(&disagreement.document) else { continue };
                    new.insert((document, CharIndex::new(&document.text)))
                }
            };
            passage(&mut out, document, index, &claims, disagreement, (&a, &b));
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn documents(out: &mut String, project: &Project, report: &Report) {
    let _ = writeln!(
        out,
        "<h2>Per document</h2>\n<table>\n<tr><th>document</th><th>pair</th><th>exact F1</th><th>overlap F1</th><th>κ kinds</th><th>κ verdicts</th></tr>"
    );
    for (id, agreement) in &report.documents {
        let title = project.document(id).map_or(id.as_str(), |d| d.title.as_str());
        for pair in &agreement.pairs {
            let _ = writeln!(
                out,
                "<tr><td dir=\"auto\">{}</td><td>{} / {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(title),
                escape(&name(project, &pair.a)),
                escape(&name(project, &pair.b)),
                number(pair.exact.f1()),
                number(pair.overlap.f1()),
                number(pair.kind_kappa),
                number(pair.verdict_kappa)
            );
        }
    }
    out.push_str("</table>\n");
}

/// The confusion matrix, each cell shaded by its count against the largest.
fn heat(out: &mut String, report: &Report, matrix: &[Vec<usize>]) {
    let (used, label) = (used_kinds(matrix), |k| kind_label(report, k));
    let largest = matrix.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    out.push_str("<table class=\"heat\">\n<tr><th></th>");
    for &k in &used {
        let _ = write!(out, "<th>{}</th>", escape(&label(k)));
    }
    out.push_str("</tr>\n");
    for &x in &used {
        let _ = write!(out, "<tr><th>{}</th>", escape(&label(x)));
        for &y in &used {
            let count = matrix[x][y];
            let alpha = count as f64 / largest * 0.85;
            let hue = if x == y { "46,125,50" } else { "183,28,28" };
            let _ =
                write!(out, "<td class=\"cell\" style=\"background: rgba({hue},{alpha:.2})\">{count}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n<p class=\"note\">Green: the same kind; red: different kinds, or a mark the other did not match (none).</p>\n");
}

/// One disagreement in `document`: what differs, then each side's mark in the same
/// stretch of text.
fn passage(
    out: &mut String,
    document: &Document,
    index: &CharIndex<'_>,
    claims: &HashMap<&ClaimId, &Claim>,
    disagreement: &Disagreement,
    names: (&str, &str),
) {
    let a = disagreement.a.as_ref().and_then(|id| claims.get(id).copied());
    let b = disagreement.b.as_ref().and_then(|id| claims.get(id).copied());
    let what = disagreement.describe(names.0, names.1);
    let spans: Vec<CharSpan> = [a, b].iter().flatten().map(|c| c.span).collect();
    let (Some(start), Some(end)) = (spans.iter().map(|s| s.start).min(), spans.iter().map(|s| s.end).max())
    else {
        return;
    };
    let window = CharSpan::new(start.saturating_sub(60), (end + 60).min(index.char_count()));
    let _ = writeln!(
        out,
        "<div class=\"passage\"><div class=\"what\">{} · {}</div>",
        escape(&document.title),
        escape(&what)
    );
    for (claim, who, class) in [(a, names.0, "a"), (b, names.1, "b")] {
        let Some(claim) = claim else { continue };
        let part = |from: usize, to: usize| index.slice(CharSpan::new(from, to)).unwrap_or("");
        let span = claim.span;
        let before = if window.start > 0 { "…" } else { "" };
        let after = if window.end < index.char_count() { "…" } else { "" };
        let _ = writeln!(
            out,
            "<p dir=\"auto\"><span class=\"who\">{}</span> ({}, {}): {before}{}<mark class=\"{class}\">{}</mark>{}{after}</p>",
            escape(who),
            escape(claim.kind.as_str()),
            escape(claim.verdict.as_str()),
            escape(part(window.start, span.start.max(window.start))),
            escape(part(span.start, span.end)),
            escape(part(span.end.min(window.end), window.end))
        );
    }
    out.push_str("</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::QuoteSelector;
    use crate::model::{Document, DocumentId, LabelId, Reviewer, ReviewerId, Taxonomy, Timestamp};

    #[test]
    fn the_page_shows_both_marks_escaped_and_loads_nothing() {
        let text = "Officials said <3,000> fighters & more remain. It cost $7 billion.";
        let mut project = Project::new("A & B", Taxonomy::builtin());
        project.documents.push(Document::new(DocumentId::new("d"), "Report <1>", text));
        for (id, name) in [("ana", "Ana"), ("ben", "Ben <b>")] {
            project.reviewers.push(Reviewer { id: ReviewerId::new(id), name: name.into() });
        }
        for (n, (reviewer, start, end, kind)) in
            [("ana", 16, 21, "statistic"), ("ben", 15, 22, "statistic"), ("ana", 55, 65, "money")]
                .into_iter()
                .enumerate()
        {
            let span = CharSpan::new(start, end);
            let mut claim = Claim::new(
                ClaimId::new(format!("c{n}")),
                DocumentId::new("d"),
                span,
                QuoteSelector::capture(text, span).unwrap(),
                LabelId::new(kind),
                LabelId::new("unverified"),
                Timestamp::from_unix(0),
            );
            claim.reviewer = Some(ReviewerId::new(reviewer));
            project.claims.push(claim);
        }
        let report = Report::new(&project, None, None);
        let page = html(&project, &report);
        assert!(page.contains("Where Ana and Ben &lt;b&gt; disagree (2)"), "{page}");
        assert!(page.contains("<mark class=\"a\">3,000</mark>"), "{page}");
        assert!(page.contains("<mark class=\"b\">&lt;3,000&gt;</mark>"), "{page}");
        assert!(page.contains("only Ana marked it"));
        assert!(page.contains("Report &lt;1&gt; · different span"));
        for loads in ["<script", "src=", "href=", "url(", "@import"] {
            assert!(!page.contains(loads), "the page loads nothing: {loads}");
        }
    }
}
