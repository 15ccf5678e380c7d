//! Counts over a project: documents, claims and their spread over kinds, verdicts,
//! outlets, affiliations and genres. Pure computation, used by `claimmark stats` and
//! the app's status line.

use crate::model::{ClaimOutlet, LabelSet, Outlet, OutletId, Project};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Key under which claims of documents without an outlet (or genre) are counted.
pub const NONE_KEY: &str = "none";

/// The counts of a project. Maps are keyed by taxonomy id (or outlet id), sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ProjectStats {
    /// Project name.
    pub name: String,
    /// Number of documents.
    pub documents: usize,
    /// Number of claims.
    pub claims: usize,
    /// Number of outlets.
    pub outlets: usize,
    /// Number of sources.
    pub sources: usize,
    /// Number of claim groups.
    pub groups: usize,
    /// Claims that belong to a group.
    pub grouped_claims: usize,
    /// Claims per claim kind id.
    pub claims_by_kind: BTreeMap<String, usize>,
    /// Claims per verdict id.
    pub claims_by_verdict: BTreeMap<String, usize>,
    /// Claims per affiliation id of the outlet they count for ([`NONE_KEY`] without
    /// one): a quoted passage's outlet for a claim in one, else the document's, as in
    /// [`crate::compare`].
    pub claims_by_affiliation: BTreeMap<String, usize>,
    /// Claims per id of the outlet they count for ([`NONE_KEY`] without one).
    pub claims_by_outlet: BTreeMap<String, usize>,
    /// Claims per genre id ([`NONE_KEY`] for documents without one).
    pub claims_by_genre: BTreeMap<String, usize>,
    /// Claims per document id.
    pub claims_by_document: BTreeMap<String, usize>,
}

impl ProjectStats {
    /// Counts `project`. Every label of the taxonomy appears in the maps, with 0 where
    /// no claim has it, so that tables line up across projects.
    pub fn of(project: &Project) -> ProjectStats {
        let taxonomy = &project.taxonomy;
        let zeroes = |set: LabelSet| -> BTreeMap<String, usize> {
            taxonomy.labels(set).iter().map(|l| (l.id.to_string(), 0)).collect()
        };
        let mut stats = ProjectStats {
            name: project.name.clone(),
            documents: project.documents.len(),
            claims: project.claims.len(),
            outlets: project.outlets.len(),
            sources: project.sources.len(),
            groups: project.groups.len(),
            claims_by_kind: zeroes(LabelSet::ClaimKind),
            claims_by_verdict: zeroes(LabelSet::Verdict),
            claims_by_affiliation: zeroes(LabelSet::Affiliation),
            claims_by_genre: zeroes(LabelSet::Genre),
            claims_by_outlet: project.outlets.iter().map(|o| (o.id.to_string(), 0)).collect(),
            claims_by_document: project.documents.iter().map(|d| (d.id.to_string(), 0)).collect(),
            ..ProjectStats::default()
        };
        let outlets = project.outlets_by_id();
        let outlet_of = |id: &OutletId| outlets.get(id).copied();
        let positions = project.document_positions();
        let mut per_document = vec![0; project.documents.len()];
        let mut per_missing_document: HashMap<&str, usize> = HashMap::new();
        for (claim, position) in project.claims.iter().zip(project.claim_document_positions(&positions)) {
            *stats.claims_by_kind.entry(claim.kind.to_string()).or_default() += 1;
            *stats.claims_by_verdict.entry(claim.verdict.to_string()).or_default() += 1;
            if claim.group.is_some() {
                stats.grouped_claims += 1;
            }
            let Some(at) = position else {
                *per_missing_document.entry(claim.document.as_str()).or_default() += 1;
                continue;
            };
            per_document[at] += 1;
            // A claim in a quoted passage counts for the passage's outlet (as in
            // `compare`); claims of documents without passages are counted per document.
            let document = &project.documents[at];
            if !document.passages.is_empty() {
                stats.count_outlet(ClaimOutlet::of(document, claim.span, outlet_of).outlet, 1);
            }
        }
        for (document, count) in project.documents.iter().zip(per_document) {
            if count == 0 {
                continue;
            }
            *stats.claims_by_document.entry(document.id.to_string()).or_default() += count;
            let genre_key = document.genre.as_ref().map_or(NONE_KEY.to_owned(), ToString::to_string);
            *stats.claims_by_genre.entry(genre_key).or_default() += count;
            if document.passages.is_empty() {
                stats.count_outlet(document.outlet.as_ref().and_then(outlet_of), count);
            }
        }
        for (document_id, count) in per_missing_document {
            *stats.claims_by_document.entry(document_id.to_owned()).or_default() += count;
            stats.count_outlet(None, count);
            *stats.claims_by_genre.entry(NONE_KEY.to_owned()).or_default() += count;
        }
        stats
    }

    /// Counts `count` claims for `outlet` and its affiliation ([`NONE_KEY`] without one).
    fn count_outlet(&mut self, outlet: Option<&Outlet>, count: usize) {
        let outlet_key = outlet.map_or(NONE_KEY, |o| o.id.as_str());
        let affiliation_key = outlet.map_or(NONE_KEY, |o| o.affiliation.as_str());
        *self.claims_by_outlet.entry(outlet_key.to_owned()).or_default() += count;
        *self.claims_by_affiliation.entry(affiliation_key.to_owned()).or_default() += count;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{Claim, ClaimId, Document, DocumentId, LabelId, QuotedPassage, Taxonomy, Timestamp};

    fn outlet(id: &str, affiliation: &str) -> Outlet {
        Outlet {
            id: OutletId::new(id),
            name: id.to_owned(),
            domain: None,
            country: None,
            affiliation: LabelId::new(affiliation),
            owner: None,
            notes: String::new(),
        }
    }

    fn claim(id: &str, document: &str, start: usize) -> Claim {
        Claim::new(
            ClaimId::new(id),
            DocumentId::new(document),
            CharSpan::new(start, start + 2),
            QuoteSelector::default(),
            LabelId::new("event"),
            LabelId::new("unverified"),
            Timestamp::from_unix(0),
        )
    }

    #[test]
    fn a_claim_in_a_quoted_passage_counts_for_the_passages_outlet() {
        let mut project = Project::new("t", Taxonomy::builtin());
        project.outlets = vec![outlet("forum", "forum"), outlet("paper", "private")];
        let mut thread = Document::new(DocumentId::new("thread"), "Thread", "0123456789");
        thread.outlet = Some(OutletId::new("forum"));
        thread.passages = vec![QuotedPassage {
            span: CharSpan::new(2, 6),
            outlet: OutletId::new("paper"),
            url: None,
            published: None,
            note: String::new(),
        }];
        let plain = Document::new(DocumentId::new("plain"), "Plain", "0123456789");
        project.documents = vec![thread, plain];
        // Before, at the start of, at the last char of, and just after the passage (2..6);
        // one claim in the document without an outlet, one in a missing document.
        project.claims = ["0:thread", "2:thread", "5:thread", "6:thread", "0:plain", "0:gone"]
            .iter()
            .enumerate()
            .map(|(i, at)| {
                let (start, document) = at.split_once(':').unwrap();
                claim(&format!("c{i}"), document, start.parse().unwrap())
            })
            .collect();
        let stats = ProjectStats::of(&project);
        let count = |map: &BTreeMap<String, usize>, key: &str| map.get(key).copied().unwrap_or(0);
        assert_eq!(count(&stats.claims_by_outlet, "forum"), 2);
        assert_eq!(count(&stats.claims_by_outlet, "paper"), 2);
        assert_eq!(count(&stats.claims_by_outlet, NONE_KEY), 2);
        assert_eq!(count(&stats.claims_by_affiliation, "private"), 2);
        assert_eq!(count(&stats.claims_by_affiliation, "forum"), 2);
        assert_eq!(count(&stats.claims_by_affiliation, NONE_KEY), 2);
        assert_eq!(count(&stats.claims_by_document, "thread"), 4);
        assert_eq!(count(&stats.claims_by_document, "gone"), 1);
        assert_eq!(count(&stats.claims_by_genre, NONE_KEY), 6);
    }
}
