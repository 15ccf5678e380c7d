//! Framing comparison of the generated project of 1,000 documents and 100,000 claims
//! (2,000 groups, about 20,000 grouped claims): `compare`, `coverage`, `group_views`
//! (passages and hedge words), the framing diffs of every group, the statistics
//! (intervals and tests of difference), and the json and html reports. Target on the
//! 2-core reference machine: `compare` under 1 s (it runs when the app's comparison view
//! opens); statistics, coverage, group views, framing diffs and each report rendering
//! under 1 s as well.
//! `cargo bench --bench compare`.

mod common;

use claimmark::compare::{self, Dimension, Measure, Report, Unit, inference};
use claimmark::generate::{GeneratedSize, generate_project};
use common::{Report as BenchReport, full_run, measure};
use std::time::Duration;

fn main() {
    let (size, runs) = if full_run() { (GeneratedSize::BENCHMARK, 5) } else { (GeneratedSize::SMOKE, 1) };
    let mut bench = BenchReport::new(
        "compare",
        "Framing comparison: compare, coverage, group views, reports",
        format!(
            "The generated project (seed 1) of {} documents, {} claims, {} outlets and {} groups. \
             `compare` counts every claim into its row and columns; group views find each grouped \
             claim's passage (UAX #29 sentences) and its hedge words; the reports render a computed \
             `Report` to a string (no file written).",
            size.documents, size.claims, size.outlets, size.groups
        ),
    );
    let project = generate_project(1, size);
    let second = Some(Duration::from_secs(1));
    let timing = measure(runs, || compare::compare(&project, Dimension::Affiliation, Measure::Frame));
    bench.row(format!("compare by affiliation against frame ({} claims)", size.claims), timing, second);
    let timing = measure(runs, || compare::compare(&project, Dimension::Outlet, Measure::Verdict));
    bench.row("compare by outlet against verdict", timing, second);
    // Intervals, thin rows and tests (issue 16): the whole matrix, every column, and every
    // pair of rows on the column that differs most, with claims and with documents as
    // the unit.
    for (by, against, unit) in [
        (Dimension::Outlet, Measure::Verdict, Unit::Claims),
        (Dimension::Outlet, Measure::Frame, Unit::Claims),
        (Dimension::Outlet, Measure::Frame, Unit::Documents),
        (Dimension::Affiliation, Measure::Kind, Unit::Claims),
    ] {
        let comparison = compare::compare(&project, by, against);
        let timing = measure(runs, || inference::statistics(&project, &comparison, unit, None));
        let statistics = inference::statistics(&project, &comparison, unit, None);
        let monte_carlo = statistics
            .matrix
            .iter()
            .chain(statistics.columns.iter().filter_map(|c| c.test.as_ref()))
            .filter(|t| t.method == inference::Method::MonteCarlo)
            .count();
        let pairs = statistics.pairwise.as_ref().map_or(0, |p| p.pairs.len());
        bench.row(
            format!(
                "statistics by {} against {}, {} as the unit ({} rows, {} columns, {pairs} pairs, {monte_carlo} \
                 Monte Carlo tests)",
                by.id(),
                against.id(),
                unit.id(),
                comparison.rows.len(),
                comparison.columns.len()
            ),
            timing,
            second,
        );
    }
    // The worst case of the Monte Carlo test: a verdict given to three claims only makes
    // expected counts below 1, so the whole 100,000-claim table is tested by drawing
    // 10,000 random tables like it.
    let mut rare = project.clone();
    for claim in rare.claims.iter_mut().take(3) {
        claim.verdict = claimmark::model::LabelId::new("rare-verdict");
    }
    let comparison = compare::compare(&rare, Dimension::Outlet, Measure::Verdict);
    let timing = measure(runs, || inference::statistics(&rare, &comparison, Unit::Claims, None));
    let statistics = inference::statistics(&rare, &comparison, Unit::Claims, None);
    let (method, tables) =
        statistics.matrix.as_ref().map_or(("none", 0), |t| (t.method.name(), t.replicates));
    bench.row(
        format!("statistics with a verdict on 3 claims only (the matrix by {method}, {tables} tables)"),
        timing,
        second,
    );
    let timing = measure(runs, || compare::coverage(&project, Dimension::Outlet));
    bench.row("coverage by outlet", timing, second);
    let timing = measure(runs, || compare::group_views(&project));
    let views = compare::group_views(&project);
    let members: usize = views.iter().map(|v| v.members.len()).sum();
    bench.row(format!("group views ({} groups, {members} members)", views.len()), timing, second);
    let timing = measure(runs, || compare::framing_diffs(&views));
    bench.row("framing diffs of every group (numbers, hedges, word diffs)", timing, second);
    let timing = measure(runs, || compare::framing_diffs(&compare::group_views(&project)));
    bench.row("group views + framing diffs of every group", timing, second);
    let timing = measure(runs, || Report::new(&project, Dimension::Affiliation, Measure::Frame));
    bench.row("report computed (compare + coverage + group views)", timing, None);
    let report = Report::new(&project, Dimension::Affiliation, Measure::Frame);
    let timing = measure(runs, || compare::output::json(&project, &report).expect("json"));
    bench.row("json report rendered", timing, second);
    let json = compare::output::json(&project, &report).expect("json");
    bench.note("  json size", format!("{:.1} MB", json.len() as f64 / 1e6));
    let timing = measure(runs, || compare::html::html(&project, &report));
    bench.row("html report rendered", timing, second);
    let html = compare::html::html(&project, &report);
    bench.note("  html size", format!("{:.1} MB", html.len() as f64 / 1e6));
    bench.finish();
}
