//! Grouping suggestions on the sample project: with the groups taken away, do the other
//! members of each group come back among a claim's first suggestions?
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use claimmark::model::{GroupId, Project};
use claimmark::suggest::SuggestIndex;
use std::collections::HashMap;

const TOP: usize = 5;

fn sample() -> Project {
    claimmark::sample::sample_project().unwrap()
}

/// Claim indices by group, from the sample as shipped.
fn original_groups(project: &Project) -> HashMap<GroupId, Vec<usize>> {
    let mut groups: HashMap<GroupId, Vec<usize>> = HashMap::new();
    for (i, claim) in project.claims.iter().enumerate() {
        if let Some(group) = &claim.group {
            groups.entry(group.clone()).or_default().push(i);
        }
    }
    groups
}

fn ungrouped(project: &Project) -> Project {
    let mut copy = project.clone();
    for claim in &mut copy.claims {
        claim.group = None;
    }
    copy
}

/// For every grouped claim of the sample (all of them, none picked by hand): is another
/// member of its group among its first five suggestions once the groups are cleared?
#[test]
fn group_members_come_back_in_the_top_five() {
    let project = sample();
    let groups = original_groups(&project);
    let members_total: usize = groups.values().map(Vec::len).sum();
    assert!(groups.len() >= 6 && members_total >= 20, "the sample has its groups");
    let bare = ungrouped(&project);
    let index = SuggestIndex::new(&bare);
    let mut hits = 0;
    let mut ranks = Vec::new();
    for (group, members) in &groups {
        for &claim in members {
            let suggestions = index.suggest(&bare, claim, project.claims.len());
            let rank =
                suggestions.iter().position(|s| members.contains(&s.claim_index) && s.claim_index != claim);
            let hit = rank.is_some_and(|r| r < TOP);
            hits += usize::from(hit);
            ranks.push(rank);
            println!(
                "{} {:>2} {:<60} best member rank {:?}",
                group.as_str(),
                claim,
                project.claims[claim].quote.exact.chars().take(60).collect::<String>(),
                rank.map(|r| r + 1)
            );
            for s in suggestions.iter().take(TOP) {
                let marker = if members.contains(&s.claim_index) { "*" } else { " " };
                println!(
                    "      {marker} {:.3} {:<50} {:?}",
                    s.score,
                    project.claims[s.claim_index].quote.exact.chars().take(50).collect::<String>(),
                    s.reasons
                );
            }
        }
    }
    let rate = hits as f64 / members_total as f64;
    let reciprocal: f64 =
        ranks.iter().map(|r| r.map_or(0.0, |r| 1.0 / (r as f64 + 1.0))).sum::<f64>() / members_total as f64;
    let chance = chance_hit_rate(&project, &groups);
    println!(
        "hit rate at {TOP}: {hits}/{members_total} = {rate:.2}; mean reciprocal rank {reciprocal:.2}; \
         a random order would score {chance:.2}"
    );
    // Measured: 18 of 20 (0.90) among the 56 claims of the first sample; 16 of 20 (0.80)
    // among the 131 of the complete sample (issue 14), whose 75 new claims are more
    // claims of other documents to rank the members among. The threshold allows one
    // claim less, nothing more.
    assert!(rate >= 0.75, "hit rate {rate:.2} ({hits}/{members_total})");
    assert!(rate > 3.0 * chance, "hit rate {rate:.2} against chance {chance:.2}");
}

/// The expected hit rate if suggestions came in random order: for each grouped claim,
/// the chance that none of the other members is among `TOP` random picks from the claims
/// of other documents, taken from one.
fn chance_hit_rate(project: &Project, groups: &HashMap<GroupId, Vec<usize>>) -> f64 {
    let mut total = 0.0;
    let mut count = 0;
    for members in groups.values() {
        for &claim in members {
            let document = &project.claims[claim].document;
            let n = project.claims.iter().filter(|c| &c.document != document).count();
            let good = members.iter().filter(|&&m| &project.claims[m].document != document).count();
            let miss: f64 = (0..TOP).map(|k| (n - good - k) as f64 / (n - k) as f64).product();
            total += 1.0 - miss;
            count += 1;
        }
    }
    total / count as f64
}

/// On the sample as shipped: no claim is offered its own document's claims or its own
/// group's, every suggestion says why, and scores come best first within `0..=1`.
#[test]
fn suggestions_respect_documents_and_groups() {
    let project = sample();
    let index = SuggestIndex::new(&project);
    assert!(index.is_current(&project));
    let mut without = Vec::new();
    for (i, claim) in project.claims.iter().enumerate() {
        let suggestions = index.suggest(&project, i, 10);
        if suggestions.is_empty() {
            without.push(claim.id.as_str());
        }
        for pair in suggestions.windows(2) {
            assert!(pair[0].score >= pair[1].score);
        }
        for s in &suggestions {
            let other = &project.claims[s.claim_index];
            assert_ne!(other.document, claim.document, "claim {i}: same document");
            assert!(claim.group.is_none() || other.group != claim.group, "claim {i}: same group");
            assert!((0.0..=1.0).contains(&s.score));
            assert!(!s.reasons.is_empty(), "claim {i} → {}: no reason", s.claim_index);
            if let Some(group) = &other.group {
                let name = &project.group(group).unwrap().name;
                assert!(s.reasons.iter().any(|r| r.contains(name.as_str())), "{:?}", s.reasons);
            }
        }
    }
    // Only a claim that shares no word, name or number with a claim of another document
    // (nor its sentence with theirs) gets none: in the sample, Mushahid Hussain Syed's
    // `the multipolar shift is now a recognized reality`.
    assert_eq!(without, ["claim-66"], "claims without suggestions");
}
