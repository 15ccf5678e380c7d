//! [`Report`] as a table for people, CSV (one line per pair and document) and JSON
//! (everything, for scripts).

use super::report::{Agreement, Pair, Report};
use super::spans::Scores;
use crate::model::{Project, ReviewerId};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// A reviewer's name, or their id when the project has no name for them.
pub fn name(project: &Project, id: &ReviewerId) -> String {
    project.reviewers.iter().find(|r| &r.id == id).map_or_else(|| id.to_string(), |r| r.name.clone())
}

/// A coefficient to 3 decimals, or "–" where it is undefined.
pub fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.3}"))
}

fn prf(scores: &Scores) -> String {
    format!("{} {} {}", number(scores.precision()), number(scores.recall()), number(scores.f1()))
}

/// The aligned text table.
pub fn table(project: &Project, report: &Report) -> String {
    let mut out = String::new();
    let names: Vec<String> = report.reviewers.iter().map(|r| name(project, r)).collect();
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "Agreement of {} ({}) over {}: {} (marks overlapping across reviewers), {} marked by all.",
        count(names.len(), "reviewer", "reviewers"),
        names.join(", "),
        count(report.documents.len(), "document", "documents"),
        count(report.overall.units, "unit", "units"),
        report.overall.units_all_marked
    );
    if report.reviewers.len() < 2 {
        let _ = writeln!(out, "Agreement needs two reviewers with claims.");
        return out;
    }
    let _ = writeln!(
        out,
        "\nP R F1: precision, recall, F1 of the second reviewer against the first. κ: Cohen's kappa of matched (overlapping) marks.\n"
    );
    let _ = writeln!(
        out,
        "{:<36} {:<24} {:<17} {:<17} {:>8} {:>10}",
        "document", "pair", "exact P R F1", "overlap P R F1", "κ kinds", "κ verdicts"
    );
    let mut rows = vec![("all documents".to_owned(), &report.overall)];
    for (id, agreement) in &report.documents {
        let title = project.document(id).map(|d| d.title.as_str()).filter(|t| !t.trim().is_empty());
        let mut label = title.unwrap_or(id.as_str()).to_owned();
        if label.chars().count() > 35 {
            label = label.chars().take(34).chain(['…']).collect();
        }
        rows.push((label, agreement));
    }
    for (label, agreement) in &rows {
        for pair in &agreement.pairs {
            let pair_name = format!("{} / {}", name(project, &pair.a), name(project, &pair.b));
            let _ = writeln!(
                out,
                "{label:<36} {pair_name:<24} {:<17} {:<17} {:>8} {:>10}",
                prf(&pair.exact),
                prf(&pair.overlap),
                number(pair.kind_kappa),
                number(pair.verdict_kappa)
            );
        }
    }
    let overall = &report.overall;
    let _ = writeln!(
        out,
        "\nAll reviewers: Fleiss' κ on kinds {} (units marked by all); Krippendorff's α on kinds (nominal) {}, on verdicts (ordinal, unverified as missing) {}; unitizing α (where marks start and end, and their kinds) {}.",
        number(overall.kind_fleiss),
        number(overall.kind_alpha),
        number(overall.verdict_alpha),
        number(overall.unitizing_alpha)
    );
    let _ = writeln!(out, "\nOverlap F1 per claim kind:");
    for pair in &overall.pairs {
        let used: Vec<String> = pair
            .per_kind
            .iter()
            .filter(|(_, _, overlap)| overlap.reference + overlap.other > 0)
            .map(|(kind, _, overlap)| format!("{kind} {}", number(overlap.f1())))
            .collect();
        let pair_name = format!("{} / {}", name(project, &pair.a), name(project, &pair.b));
        let _ = writeln!(out, "  {pair_name}: {}", used.join(", "));
    }
    for (pair, matrix) in overall.pairs.iter().zip(&report.confusion) {
        confusion(&mut out, project, report, pair, matrix);
    }
    out
}

/// The confusion matrix of one pair, rows and columns of kinds either used.
fn confusion(out: &mut String, project: &Project, report: &Report, pair: &Pair, matrix: &[Vec<usize>]) {
    let (used, label) = (used_kinds(matrix), |k| kind_label(report, k));
    let _ = writeln!(
        out,
        "\nKinds of matched marks: {} (rows) against {} (columns); (none): not matched.",
        name(project, &pair.a),
        name(project, &pair.b)
    );
    let _ = write!(out, "{:<14}", "");
    for &k in &used {
        let _ = write!(out, " {:>12}", label(k));
    }
    let _ = writeln!(out);
    for &x in &used {
        let _ = write!(out, "{:<14}", label(x));
        for &y in &used {
            let _ = write!(out, " {:>12}", matrix[x][y]);
        }
        let _ = writeln!(out);
    }
}

/// The rows and columns of a confusion matrix that hold a count: the kinds either
/// reviewer used, and the last ("(none)") when some mark was not matched.
pub fn used_kinds(matrix: &[Vec<usize>]) -> Vec<usize> {
    let used =
        |k: usize| matrix[k].iter().sum::<usize>() + matrix.iter().map(|row| row[k]).sum::<usize>() > 0;
    (0..matrix.len()).filter(|&k| used(k)).collect()
}

/// The label of row or column `k` of a confusion matrix: a kind's id, or "(none)".
pub fn kind_label(report: &Report, k: usize) -> String {
    report.kinds.get(k).map_or_else(|| "(none)".to_owned(), |kind| kind.to_string())
}

/// One line per (document or all, pair): the figures of [`table`].
pub fn csv(project: &Project, report: &Report) -> String {
    let mut out = String::from(
        "document,reviewer_a,reviewer_b,exact_precision,exact_recall,exact_f1,overlap_precision,overlap_recall,overlap_f1,kappa_kinds,kappa_verdicts,marks_a,marks_b\n",
    );
    let field = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.6}"));
    let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut rows = vec![("", &report.overall)];
    rows.extend(report.documents.iter().map(|(id, a)| (id.as_str(), a)));
    for (document, agreement) in rows {
        for pair in &agreement.pairs {
            let (e, o) = (&pair.exact, &pair.overlap);
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{}",
                quoted(document),
                quoted(&name(project, &pair.a)),
                quoted(&name(project, &pair.b)),
                field(e.precision()),
                field(e.recall()),
                field(e.f1()),
                field(o.precision()),
                field(o.recall()),
                field(o.f1()),
                field(pair.kind_kappa),
                field(pair.verdict_kappa),
                e.reference,
                e.other
            );
        }
    }
    out
}

fn scores_json(scores: &Scores) -> Value {
    json!({
        "matched": scores.matched,
        "marks_a": scores.reference,
        "marks_b": scores.other,
        "precision": scores.precision(),
        "recall": scores.recall(),
        "f1": scores.f1(),
    })
}

fn agreement_json(project: &Project, agreement: &Agreement) -> Value {
    let pairs: Vec<Value> = agreement
        .pairs
        .iter()
        .map(|pair| {
            let per_kind: Vec<Value> = pair
                .per_kind
                .iter()
                .map(|(kind, exact, overlap)| json!({"kind": kind.as_str(), "exact": scores_json(exact), "overlap": scores_json(overlap)}))
                .collect();
            json!({
                "a": {"id": pair.a.as_str(), "name": name(project, &pair.a)},
                "b": {"id": pair.b.as_str(), "name": name(project, &pair.b)},
                "exact": scores_json(&pair.exact),
                "overlap": scores_json(&pair.overlap),
                "per_kind": per_kind,
                "kappa_kinds": pair.kind_kappa,
                "kappa_verdicts": pair.verdict_kappa,
            })
        })
        .collect();
    json!({
        "pairs": pairs,
        "units": agreement.units,
        "units_marked_by_all": agreement.units_all_marked,
        "fleiss_kappa_kinds": agreement.kind_fleiss,
        "alpha_kinds_nominal": agreement.kind_alpha,
        "alpha_verdicts_ordinal": agreement.verdict_alpha,
        "alpha_unitizing": agreement.unitizing_alpha,
    })
}

/// The whole report as JSON (numbers undefined for the data are `null`).
pub fn json(project: &Project, report: &Report) -> String {
    let documents: Vec<Value> = report
        .documents
        .iter()
        .map(|(id, agreement)| json!({"document": id.as_str(), "agreement": agreement_json(project, agreement)}))
        .collect();
    let confusion: Vec<Value> = report
        .overall
        .pairs
        .iter()
        .zip(&report.confusion)
        .map(|(pair, matrix)| json!({"a": pair.a.as_str(), "b": pair.b.as_str(), "matrix": matrix}))
        .collect();
    let kinds: Vec<&str> = report.kinds.iter().map(|k| k.as_str()).collect();
    let value = json!({
        "reviewers": report.reviewers.iter().map(|r| json!({"id": r.as_str(), "name": name(project, r)})).collect::<Vec<_>>(),
        "kinds": kinds,
        "overall": agreement_json(project, &report.overall),
        "documents": documents,
        "confusion_of_kinds": {"rows_and_columns": "kinds in order, then (none): not matched", "pairs": confusion},
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
