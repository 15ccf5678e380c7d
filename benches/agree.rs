//! Agreement between three reviewers over the generated project of 1,000 documents: a
//! third of its 100,000 claims, each marked by three reviewers (the first as generated,
//! the second with every tenth kind changed, the third with every fifth span two chars
//! longer and every tenth claim missed), about 97,000 marks in all. Target on the
//! 2-core reference machine: the report (every pair, every document, units, kappas and
//! alphas) under 1 s. `cargo bench --bench agree`.

mod common;

use claimmark::generate::{GeneratedSize, generate_project};
use claimmark::model::{ClaimId, IdAllocator, Project, Reviewer, ReviewerId, Timestamp};
use claimmark::team::adjudicate;
use claimmark::team::agree::{output, report::Report};
use common::{Report as BenchReport, full_run, measure};
use std::time::Duration;

/// The generated project's claims as three reviewers' marks.
fn three_reviewers(mut project: Project) -> Project {
    let kinds: Vec<_> = project.taxonomy.claim_kinds.iter().map(|k| k.id.clone()).collect();
    let names = ["Ana", "Ben", "Cy"];
    project.reviewers = names
        .iter()
        .map(|name| Reviewer { id: ReviewerId::new(name.to_lowercase()), name: (*name).into() })
        .collect();
    let originals: Vec<_> = project.claims.iter().step_by(3).cloned().collect();
    let mut claims = Vec::with_capacity(originals.len() * 3);
    for (n, original) in originals.iter().enumerate() {
        for (r, name) in names.iter().enumerate() {
            if r == 2 && n % 10 == 0 {
                continue;
            }
            let mut claim = original.clone();
            claim.id = ClaimId::new(format!("{}-{}", original.id, r));
            claim.reviewer = Some(ReviewerId::new(name.to_lowercase()));
            if r == 1 && n % 10 == 3 {
                let at = kinds.iter().position(|k| *k == claim.kind).unwrap_or(0);
                claim.kind = kinds[(at + 1) % kinds.len()].clone();
            }
            if r == 2 && n % 5 == 1 {
                claim.span.end += 2;
            }
            claims.push(claim);
        }
    }
    project.claims = claims;
    project
}

fn main() {
    let (size, runs) = if full_run() { (GeneratedSize::BENCHMARK, 5) } else { (GeneratedSize::SMOKE, 1) };
    let project = three_reviewers(generate_project(1, size));
    let mut bench = BenchReport::new(
        "agree",
        "Agreement between reviewers: claimmark agree",
        format!(
            "The generated project (seed 1) of {} documents; a third of its {} claims each marked by three \
             reviewers (the second reviewer changes every tenth kind, the third makes every fifth span two \
             chars longer and misses every tenth claim): {} marks. The report computes, per pair of \
             reviewers and per document, exact and overlapping matches, per-kind scores and Cohen's kappas, \
             and over all reviewers the units with Fleiss' kappa and Krippendorff's alphas.",
            size.documents,
            size.claims,
            project.claims.len()
        ),
    );
    let second = Some(Duration::from_secs(1));
    let timing = measure(runs, || Report::new(&project, None, None));
    bench.row(format!("report over {} marks of 3 reviewers", project.claims.len()), timing, second);
    let report = Report::new(&project, None, None);
    let timing = measure(runs, || output::table(&project, &report));
    bench.row("table rendered", timing, second);
    let timing = measure(runs, || output::json(&project, &report));
    bench.row("json rendered", timing, second);
    // What the app's Reviewers view works out after each change of the project: the
    // pair's report, the lanes of one document, and the edit of one step of settling.
    let (ana, ben) = (ReviewerId::new("ana"), ReviewerId::new("ben"));
    let pair = [ana.clone(), ben.clone()];
    let timing = measure(runs, || Report::new(&project, Some(&pair), None));
    bench.row("report of one pair (the Reviewers view's figures)", timing, second);
    let timing = measure(runs, || project.clone());
    bench.row("a copy of the project (handed to a background thread)", timing, second);
    let document = project.documents[0].id.clone();
    let timing = measure(runs, || adjudicate::places(&project, &document, &ana, &ben));
    bench.row("places of one document's lanes", timing, second);
    let first = project
        .claims
        .iter()
        .find(|c| c.document == document)
        .map(|c| c.id.clone())
        .unwrap_or_else(|| ClaimId::new("none"));
    let at = Timestamp::from_unix(1_800_000_000);
    let timing = measure(runs, || {
        let mut ids = IdAllocator::for_project(&project);
        adjudicate::accept(&project, &mut ids, &first, None, Some("Eve"), at.clone())
    });
    bench.row("accepting one claim (the edit, with the ids of the project)", timing, second);
    let timing = measure(runs, || {
        let mut ids = IdAllocator::for_project(&project);
        adjudicate::accept_agreed(&project, &mut ids, &document, (&ana, &ben), Some("Eve"), at.clone())
    });
    bench.row("accepting all alike in one document (the edit)", timing, second);
    let overall = &report.overall;
    let alpha = overall.kind_alpha.map_or_else(|| "–".into(), |a| format!("{a:.3}"));
    bench.note("  units (marked by all)", format!("{} ({})", overall.units, overall.units_all_marked));
    bench.note("  Krippendorff's alpha on kinds", alpha);
    bench.finish();
}
