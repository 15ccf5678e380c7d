//! Three-way merge of two copies of the generated 100,000-claim project with 1,000
//! changes on each side (verdicts, notes, frames, deleted and new claims, a new group).
//! Target on the 2-core reference machine: under 2 s. `cargo bench --bench merge`.

mod common;

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::generate::{GeneratedSize, generate_project};
use claimmark::model::{Claim, ClaimGroup, ClaimId, GroupId, IdAllocator, Project, Timestamp, prefix};
use claimmark::team::merge::{MergeInfo, merge};
use common::{Report, full_run, measure};
use std::time::Duration;

/// `changes` edits on a copy of `base`, every `step`-th claim from `offset`.
fn edited(base: &Project, changes: usize, offset: usize, tag: &str) -> Project {
    let mut project = base.clone();
    let mut ids = IdAllocator::with_tag(base, tag);
    let n = project.claims.len();
    let step = n / changes.max(1);
    let verdicts: Vec<_> = project.taxonomy.verdicts.iter().map(|l| l.id.clone()).collect();
    let frames: Vec<_> = project.taxonomy.frames.iter().map(|l| l.id.clone()).collect();
    let group =
        ClaimGroup { id: GroupId::new(ids.next(prefix::GROUP)), name: tag.into(), notes: String::new() };
    let mut deleted = Vec::new();
    for k in 0..changes {
        let i = (offset + k * step) % n;
        let claim = &mut project.claims[i];
        match k % 5 {
            0 => claim.verdict = verdicts[k % verdicts.len()].clone(),
            1 => claim.note = format!("{tag} checked {k}"),
            2 => claim.frames.push(frames[k % frames.len()].clone()),
            3 => claim.group = Some(group.id.clone()),
            _ => deleted.push(claim.id.clone()),
        }
    }
    project.groups.push(group);
    project.claims.retain(|c| !deleted.contains(&c.id));
    // As many new claims as deleted ones, at the start of documents.
    for (k, _) in deleted.iter().enumerate() {
        let document = &project.documents[k % project.documents.len()];
        let span = CharSpan::new((k + offset) % 50, (k + offset) % 50 + 7);
        let Some(quote) = QuoteSelector::capture(&document.text, span) else { continue };
        let claim = Claim::new(
            ClaimId::new(ids.next(prefix::CLAIM)),
            document.id.clone(),
            span,
            quote,
            project.taxonomy.claim_kinds[0].id.clone(),
            verdicts[0].clone(),
            Timestamp::from_unix(1_800_000_000),
        );
        project.claims.push(claim);
    }
    project
}

fn main() {
    let (size, changes, runs) =
        if full_run() { (GeneratedSize::BENCHMARK, 1_000, 3) } else { (GeneratedSize::SMOKE, 50, 1) };
    let mut report = Report::new(
        "merge",
        "Three-way merge of two copies",
        format!(
            "Two copies of a generated project (`claimmark::generate`, seed 1) of {} documents and {} claims, \
             {changes} changes on each side (verdicts, notes, frames, groups, deleted and new claims), \
             merged with `team::merge::merge` (in memory; loading and saving are the `store` benchmark's).",
            size.documents, size.claims
        ),
    );
    let base = generate_project(1, size);
    let ours = edited(&base, changes, 0, "aaaaaa");
    let theirs = edited(&base, changes, 7, "bbbbbb");
    let info = MergeInfo { at: Timestamp::from_unix(1_800_000_000) };
    let outcome = merge(&base, &ours, &theirs, &info);
    report.note("merged claims", outcome.project.claims.len().to_string());
    report.note("conflicts recorded", outcome.conflicts_added.to_string());
    report.row(
        "merge (team::merge::merge)",
        measure(runs, || merge(&base, &ours, &theirs, &info)),
        Some(Duration::from_secs(2)),
    );
    report.row(
        "  for scale: integrity check of the result",
        measure(runs, || claimmark::store::integrity::check(&outcome.project)),
        None,
    );
    report.finish();
}
