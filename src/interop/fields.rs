//! The claim and document fields every format carries where it has room, in both
//! directions: as exports write them ([`ClaimFields`], [`DocumentFields`],
//! [`SourceFields`], read off an [`ExportSet`]) and as claimmark's own exports are read
//! back ([`ClaimIn`]). Keeping both here lets every format name the fields the same way.
//!
//! A claim's outlet and affiliation are those of the outlet whose text it is: the
//! quoted passage's that holds its first char, with the document's own outlet as `via`,
//! else the document's ([`crate::model::ClaimOutlet`]). A document's are its own.
//!
//! Field views borrow from the project; they never change it, and they know no format.

use super::{ExportDocument, ExportSet, ImportedSource, ImportedSpan};
use crate::model::{Attribution, Claim, GroupId, LabelId, LabelSet, Source};
use serde::{Deserialize, Serialize};

impl<'a> ExportSet<'a> {
    /// The fields of a claim of `document` every format carries where it has room.
    pub fn claim_fields(&self, document: &ExportDocument<'a>, claim: &'a Claim) -> ClaimFields<'a> {
        let project = self.project;
        let taxonomy = &project.taxonomy;
        let group = claim.group.as_ref().and_then(|g| self.records.groups.get(g).copied());
        let owner = self.claim_outlet(document, claim);
        ClaimFields {
            id: claim.id.as_str(),
            kind: claim.kind.as_str(),
            kind_name: taxonomy.name_of(LabelSet::ClaimKind, &claim.kind),
            claimant: claim.claimant.as_str(),
            attribution: attribution_id(claim.attribution),
            outlet: owner.outlet.map(|o| o.name.as_str()),
            outlet_id: owner.outlet.map(|o| o.id.as_str()),
            affiliation: owner.outlet.map(|o| o.affiliation.as_str()),
            via: owner.via.map(|o| o.name.as_str()),
            verdict: claim.verdict.as_str(),
            verdict_name: taxonomy.name_of(LabelSet::Verdict, &claim.verdict),
            frames: claim.frames.iter().map(LabelId::as_str).collect(),
            sources: claim
                .sources
                .iter()
                .map(|link| {
                    let source = self.records.sources.get(&link.source).copied();
                    SourceFields {
                        id: link.source.as_str(),
                        title: source.map_or("", |s: &Source| s.title.as_str()),
                        url: source.and_then(|s| s.url.as_deref()),
                        relation: link.relation.as_str(),
                    }
                })
                .collect(),
            group: claim.group.as_ref().map(GroupId::as_str),
            group_name: group.map(|g| g.name.as_str()),
            note: claim.note.as_str(),
            reviewer: claim.reviewer.as_ref().map(|id| {
                project.reviewers.iter().find(|r| &r.id == id).map_or(id.as_str(), |r| r.name.as_str())
            }),
            created: claim.created.as_str(),
            modified: claim.modified.as_str(),
        }
    }

    /// The fields of a document every format carries where it has room.
    pub fn document_fields(&self, document: &ExportDocument<'a>) -> DocumentFields<'a> {
        let taxonomy = &self.project.taxonomy;
        let d = document.document;
        DocumentFields {
            id: d.id.as_str(),
            title: d.title.as_str(),
            url: d.url.as_deref(),
            published: d.published.as_deref(),
            author: d.author.as_deref(),
            outlet: document.outlet.map(|o| o.name.as_str()),
            outlet_id: document.outlet.map(|o| o.id.as_str()),
            affiliation: document.outlet.map(|o| o.affiliation.as_str()),
            affiliation_name: document
                .outlet
                .map(|o| taxonomy.name_of(LabelSet::Affiliation, &o.affiliation)),
            genre: d.genre.as_ref().map(LabelId::as_str),
            genre_name: d.genre.as_ref().map(|g| taxonomy.name_of(LabelSet::Genre, g)),
        }
    }
}

/// `asserted` or `attributed` ([`Attribution::id`]).
pub fn attribution_id(attribution: Attribution) -> &'static str {
    attribution.id()
}

/// A claim's fields as exports write them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimFields<'a> {
    /// Claim id.
    pub id: &'a str,
    /// Kind id.
    pub kind: &'a str,
    /// Kind name.
    pub kind_name: &'a str,
    /// Who asserts it.
    pub claimant: &'a str,
    /// `asserted` or `attributed`.
    pub attribution: &'a str,
    /// The name of the outlet whose text the claim is: the quoted passage's outlet when
    /// the claim's first char lies in one ([`crate::model::QuotedPassage`]), else the
    /// document's.
    pub outlet: Option<&'a str>,
    /// That outlet's id.
    pub outlet_id: Option<&'a str>,
    /// That outlet's affiliation id.
    pub affiliation: Option<&'a str>,
    /// The document's own outlet's name when the claim sits in a passage it quotes from
    /// another outlet (a forum that pastes a newspaper article); `None` otherwise.
    pub via: Option<&'a str>,
    /// Verdict id.
    pub verdict: &'a str,
    /// Verdict name.
    pub verdict_name: &'a str,
    /// Frame ids.
    pub frames: Vec<&'a str>,
    /// Linked sources.
    pub sources: Vec<SourceFields<'a>>,
    /// Group id.
    pub group: Option<&'a str>,
    /// Group name.
    pub group_name: Option<&'a str>,
    /// The reviewer's note.
    pub note: &'a str,
    /// Reviewer name.
    pub reviewer: Option<&'a str>,
    /// When marked.
    pub created: &'a str,
    /// When last changed.
    pub modified: &'a str,
}

/// A source link as exports write it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceFields<'a> {
    /// Source id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: Option<&'a str>,
    /// Relation id.
    pub relation: &'a str,
}

/// A document's fields as exports write them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentFields<'a> {
    /// Document id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: Option<&'a str>,
    /// Publication date.
    pub published: Option<&'a str>,
    /// Author.
    pub author: Option<&'a str>,
    /// The document's own outlet's name (its claims in quoted passages count for
    /// another: see [`ClaimFields::outlet`]).
    pub outlet: Option<&'a str>,
    /// Outlet id.
    pub outlet_id: Option<&'a str>,
    /// Affiliation id.
    pub affiliation: Option<&'a str>,
    /// Affiliation name.
    pub affiliation_name: Option<&'a str>,
    /// Genre id.
    pub genre: Option<&'a str>,
    /// Genre name.
    pub genre_name: Option<&'a str>,
}

/// Linked sources as one piece of text, `title <url> [relation]` joined by ` | `: the CSV
/// export's `sources` column and brat's `sources` note field.
pub(crate) fn describe_sources(sources: &[SourceFields<'_>]) -> String {
    let described: Vec<String> = sources
        .iter()
        .map(|s| match s.url {
            Some(url) => format!("{} <{url}> [{}]", s.title, s.relation),
            None => format!("{} [{}]", s.title, s.relation),
        })
        .collect();
    described.join(" | ")
}

/// The claim fields claimmark's exports write ([`ClaimFields`]), as read back: all
/// optional, so that files from other tools read too. jsonl has them under a span's
/// `claim`, doccano in `claims`, Label Studio in a region's `meta`.
#[derive(Deserialize, Default)]
pub struct ClaimIn {
    /// Claim id: a re-import into the project it came from updates that claim.
    pub id: Option<String>,
    /// Kind id (the label may be another property under `--labels`).
    pub kind: Option<String>,
    /// Claimant.
    pub claimant: Option<String>,
    /// `asserted` / `attributed`.
    pub attribution: Option<String>,
    /// Verdict id.
    pub verdict: Option<String>,
    /// Frame ids.
    #[serde(default)]
    pub frames: Vec<String>,
    /// Group name.
    pub group_name: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Reviewer name.
    pub reviewer: Option<String>,
    /// Linked sources.
    #[serde(default)]
    pub sources: Vec<ImportedSource>,
}

impl ClaimIn {
    /// The span with these fields (the kind, when given, wins over the label).
    pub fn apply(self, span: &mut ImportedSpan) {
        if let Some(kind) = self.kind {
            span.label = kind;
        }
        span.claimant = self.claimant.filter(|c| !c.is_empty());
        span.attribution = self.attribution;
        span.verdict = self.verdict;
        span.frames = self.frames;
        span.group = self.group_name;
        span.note = self.note.filter(|n| !n.is_empty());
        span.reviewer = self.reviewer.filter(|r| !r.is_empty());
        span.sources = self.sources;
        span.claim_id = self.id.filter(|id| !id.trim().is_empty());
    }
}
