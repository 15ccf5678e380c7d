//! Counts over a project: documents, claims and their spread over kinds, verdicts,
//! outlets, affiliations and genres. Pure computation, used by `claimmark stats` and
//! the app's status line.

use crate::model::{LabelSet, Project};
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
    /// Claims per affiliation id of the document's outlet ([`NONE_KEY`] without one).
    pub claims_by_affiliation: BTreeMap<String, usize>,
    /// Claims per outlet id ([`NONE_KEY`] for documents without one).
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
        let documents = project.documents_by_id();
        let outlets = project.outlets_by_id();
        let mut per_document: HashMap<&str, usize> = HashMap::new();
        for claim in &project.claims {
            *stats.claims_by_kind.entry(claim.kind.to_string()).or_default() += 1;
            *stats.claims_by_verdict.entry(claim.verdict.to_string()).or_default() += 1;
            *per_document.entry(claim.document.as_str()).or_default() += 1;
            if claim.group.is_some() {
                stats.grouped_claims += 1;
            }
        }
        for (document_id, count) in per_document {
            *stats.claims_by_document.entry(document_id.to_owned()).or_default() += count;
            let document = documents.get(&crate::model::DocumentId::new(document_id)).copied();
            let outlet = document.and_then(|d| d.outlet.as_ref()).and_then(|id| outlets.get(id).copied());
            let outlet_key = outlet.map_or(NONE_KEY.to_owned(), |o| o.id.to_string());
            let affiliation_key = outlet.map_or(NONE_KEY.to_owned(), |o| o.affiliation.to_string());
            let genre_key =
                document.and_then(|d| d.genre.as_ref()).map_or(NONE_KEY.to_owned(), ToString::to_string);
            *stats.claims_by_outlet.entry(outlet_key).or_default() += count;
            *stats.claims_by_affiliation.entry(affiliation_key).or_default() += count;
            *stats.claims_by_genre.entry(genre_key).or_default() += count;
        }
        stats
    }
}
