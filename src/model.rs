//! The data of a claimmark project, exactly as it is saved: a [`Project`] holds its
//! documents (with their full text), outlets, sources, claims, claim groups, reviewers
//! and its own copy of the [`Taxonomy`].
//!
//! These are plain serde structs with no behaviour beyond look-ups. They know nothing
//! of files (see [`crate::store`]), of checks across records (see
//! [`crate::store::integrity`]) or of the window. Changes made by the app and the
//! command line go through [`crate::edit`].

mod ids;
mod taxonomy;
mod timestamp;

pub use ids::{ClaimId, ConflictId, DocumentId, GroupId, LabelId, OutletId, ReviewerId, SourceId};
pub use taxonomy::{DEFAULT_TAXONOMY_RON, Label, LabelSet, Taxonomy, TaxonomyProblem, parse_colour};
pub use timestamp::{Timestamp, is_partial_date};

use crate::anchor::{CharSpan, QuoteSelector};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// The file format version this build writes. Files of a newer version are refused;
/// older ones are migrated on load (see [`crate::store::migrate`]).
pub const FORMAT_VERSION: u32 = 5;

/// A whole annotation project: what one `.ron` file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// File format version; see [`FORMAT_VERSION`].
    pub format: u32,
    /// The project's name.
    pub name: String,
    /// What the project is about, who made it, how it was sampled.
    #[serde(default)]
    pub description: String,
    /// The label sets this project uses (its own copy).
    pub taxonomy: Taxonomy,
    /// Publishers of the documents.
    #[serde(default)]
    pub outlets: Vec<Outlet>,
    /// Reports, datasets, statements and fact-checks that claims are linked to.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The texts, in the order the user arranged them.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// The marked claims, ordered by document and position.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Sets of claims that are the same claim told by different documents.
    #[serde(default)]
    pub groups: Vec<ClaimGroup>,
    /// People who marked claims in this project.
    #[serde(default)]
    pub reviewers: Vec<Reviewer>,
    /// Disagreements a merge of two copies could not settle, for an editor to settle
    /// (format 2). Empty in a project nobody merged.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    /// Suggestions of the claim detector that a reviewer turned down (format 4): never
    /// proposed again, and what the detector's ranker learns "no" from. Not written
    /// while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
}

/// A publisher: a news site, broadcaster, forum, blog or agency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    /// Stable id.
    pub id: OutletId,
    /// Name as the outlet calls itself.
    pub name: String,
    /// Web domain, e.g. `sputnikglobe.com`.
    #[serde(default)]
    pub domain: Option<String>,
    /// Country of the owner or registration.
    #[serde(default)]
    pub country: Option<String>,
    /// Who stands behind it: an id of [`Taxonomy::affiliations`].
    pub affiliation: LabelId,
    /// Owner or parent organisation.
    #[serde(default)]
    pub owner: Option<String>,
    /// How the affiliation was established, caveats.
    #[serde(default)]
    pub notes: String,
}

/// One text: an article, post, thread or statement, with its full text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Stable id.
    pub id: DocumentId,
    /// Headline or a short description.
    pub title: String,
    /// Who published it; `None` until recorded.
    #[serde(default)]
    pub outlet: Option<OutletId>,
    /// What kind of text it is: an id of [`Taxonomy::genres`].
    #[serde(default)]
    pub genre: Option<LabelId>,
    /// Where it was published.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (as precise as known).
    #[serde(default)]
    pub published: Option<String>,
    /// Byline.
    #[serde(default)]
    pub author: Option<String>,
    /// When the text was captured, `YYYY-MM-DD` or a timestamp.
    #[serde(default)]
    pub captured: Option<String>,
    /// Remarks on the document (provenance, what was cut, republication chain).
    #[serde(default)]
    pub notes: String,
    /// Stretches of the text that reproduce another outlet's text (a forum post quoting
    /// a newspaper, an aggregator republishing an article), in text order, none
    /// overlapping another (format 5). A claim whose first char lies in one counts for
    /// that passage's outlet, with the document's outlet as the one it came `via`. Not
    /// written while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<QuotedPassage>,
    /// The text exactly as captured. Claim spans index its chars.
    pub text: Arc<str>,
}

/// A stretch of a document's text that comes from another outlet: a newspaper article
/// quoted in a forum thread, an article an aggregator republished.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotedPassage {
    /// Char offsets into the document text, end exclusive.
    pub span: CharSpan,
    /// Whose text it is.
    pub outlet: OutletId,
    /// Where the outlet published it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the outlet published it (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// How the passage was found and bounded; what the document changed of it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Document {
    /// The passage that holds char `at`, if any (passages are few, in text order).
    pub fn passage_at(&self, at: usize) -> Option<&QuotedPassage> {
        self.passages.iter().find(|p| p.span.start <= at && at < p.span.end)
    }
}

/// Where a claim or fact-check comes from or is checked against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id.
    pub id: SourceId,
    /// Title of the report, article, dataset or statement.
    pub title: String,
    /// Where to find it.
    #[serde(default)]
    pub url: Option<String>,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// What kind of source it is.
    pub kind: SourceKind,
    /// Remarks: what it shows, where in it to look.
    #[serde(default)]
    pub notes: String,
}

/// What kind of record a [`Source`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceKind {
    /// A news article or broadcast.
    Article,
    /// A report by a government, agency, NGO or think tank.
    Report,
    /// A dataset or statistical table.
    Dataset,
    /// An official statement, transcript or press release.
    Statement,
    /// A published fact-check.
    FactCheck,
    /// A post on social media or a forum.
    SocialMedia,
    /// Anything else.
    Other,
}

impl SourceKind {
    /// Every kind, in menu order.
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Article,
        SourceKind::Report,
        SourceKind::Dataset,
        SourceKind::Statement,
        SourceKind::FactCheck,
        SourceKind::SocialMedia,
        SourceKind::Other,
    ];

    /// Name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Article => "Article",
            SourceKind::Report => "Report",
            SourceKind::Dataset => "Dataset",
            SourceKind::Statement => "Official statement",
            SourceKind::FactCheck => "Fact-check",
            SourceKind::SocialMedia => "Social media post",
            SourceKind::Other => "Other",
        }
    }
}

/// A factual claim marked in a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable id.
    pub id: ClaimId,
    /// The document the span is in.
    pub document: DocumentId,
    /// Char offsets into the document text, end exclusive.
    pub span: CharSpan,
    /// The text at the span with some context, to find it again if the text changes.
    pub quote: QuoteSelector,
    /// What kind of claim: an id of [`Taxonomy::claim_kinds`].
    pub kind: LabelId,
    /// Who asserts it: a person or body named in the text. Empty when not yet recorded.
    #[serde(default)]
    pub claimant: String,
    /// Whether the outlet asserts it in its own voice or attributes it to someone.
    #[serde(default)]
    pub attribution: Attribution,
    /// Sources linked to the claim, each with its relation.
    #[serde(default)]
    pub sources: Vec<SourceLink>,
    /// Fact-check rating: an id of [`Taxonomy::verdicts`].
    pub verdict: LabelId,
    /// Framing dimensions the passage uses: ids of [`Taxonomy::frames`].
    #[serde(default)]
    pub frames: Vec<LabelId>,
    /// The group of same claims across documents, if any.
    #[serde(default)]
    pub group: Option<GroupId>,
    /// The reviewer's reasoning: what was checked, why the verdict.
    #[serde(default)]
    pub note: String,
    /// Who marked it.
    #[serde(default)]
    pub reviewer: Option<ReviewerId>,
    /// Who changed it last, when someone did after marking it (format 2).
    #[serde(default)]
    pub modified_by: Option<ReviewerId>,
    /// In the adjudicated set: an editor settled the reviewers' marks with this claim
    /// (accepted one reviewer's, or marked it anew); exports take `--adjudicated` to keep
    /// only these, and agreement leaves them out (format 3).
    #[serde(default)]
    pub adjudicated: bool,
    /// How the claim came to be: marked by a person, or a suggestion of the claim
    /// detector accepted (format 4). Not written for a claim marked by hand.
    #[serde(default, skip_serializing_if = "Origin::is_marked")]
    pub origin: Origin,
    /// The document's text was corrected and the claim's quoted text did not survive
    /// the change unchanged (format 5): its `span` is where the change put it, its
    /// `quote` still the old text, until a reviewer places it again. Not written while
    /// false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub needs_reanchoring: bool,
    /// When it was marked.
    pub created: Timestamp,
    /// When it was last changed.
    pub modified: Timestamp,
}

/// Whose voice a claim is in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attribution {
    /// The outlet (or the author) states it in its own voice.
    #[default]
    Asserted,
    /// The text attributes it to a speaker ("she estimated", "according to").
    Attributed,
}

impl Attribution {
    /// The id exports and reports write: `asserted` or `attributed`.
    pub fn id(self) -> &'static str {
        match self {
            Attribution::Asserted => "asserted",
            Attribution::Attributed => "attributed",
        }
    }

    /// Name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Attribution::Asserted => "Asserted by the outlet",
            Attribution::Attributed => "Attributed to a speaker",
        }
    }
}

/// How a claim came to be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// A reviewer selected the span and marked it (or an import brought it in).
    #[default]
    Marked,
    /// The claim detector proposed it and a reviewer accepted it (View → Suggested
    /// claims).
    Suggested,
    /// `claimmark detect --apply` marked it: no reviewer decided on it (the detector's
    /// ranker does not learn from it).
    Detected,
}

impl Origin {
    /// Whether the claim was marked by hand (the default, not written to the file).
    pub fn is_marked(&self) -> bool {
        *self == Origin::Marked
    }

    /// Name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Marked => "Marked by a reviewer",
            Origin::Suggested => "Suggested by the detector, accepted",
            Origin::Detected => "Marked by the detector (detect --apply)",
        }
    }
}

/// The claim detector's kinds, by id (`crate::detect::Kind::id`): what a
/// [`Rejection`]'s kind may be.
pub const DETECTOR_KINDS: [&str; 10] = [
    "statistic",
    "money",
    "event",
    "attributed",
    "causal",
    "prediction",
    "comparison",
    "historical",
    "policy",
    "evaluative",
];

/// A suggestion of the claim detector that a reviewer turned down: this span of this
/// document is not proposed again (whatever kind), and the ranker takes it as a "no".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// The document.
    pub document: DocumentId,
    /// The span the detector proposed (chars, end exclusive).
    pub span: CharSpan,
    /// The kind the detector proposed, by the detector's own id (`statistic`, `money`,
    /// `event`, `attributed`, `causal`, `prediction`, `comparison`, `historical`,
    /// `policy`, `evaluative`), whatever the project's taxonomy calls its kinds.
    pub kind: LabelId,
    /// Who turned it down.
    #[serde(default)]
    pub reviewer: Option<ReviewerId>,
    /// When.
    pub at: Timestamp,
}

/// A link from a claim to a source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLink {
    /// The source.
    pub source: SourceId,
    /// How it relates: an id of [`Taxonomy::source_relations`].
    pub relation: LabelId,
}

/// The same claim as told by several documents: the unit of framing comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimGroup {
    /// Stable id.
    pub id: GroupId,
    /// A neutral wording of the shared claim.
    pub name: String,
    /// What the members share, how they differ.
    #[serde(default)]
    pub notes: String,
}

/// A person who marks claims.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    /// Stable id.
    pub id: ReviewerId,
    /// Name or handle.
    pub name: String,
}

/// A disagreement between two copies of a project that a merge
/// ([`crate::team::merge`]) could not settle: the merged project keeps one version in
/// place (ours, the copy merged into) and this record holds both, for an editor to
/// settle. Settling it means changing the record (or not) and removing the conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// Stable id, `conflict-N-TAG`.
    pub id: ConflictId,
    /// What kind of disagreement it is.
    pub kind: ConflictKind,
    /// The record it is about.
    pub record: RecordRef,
    /// The field both sides changed (`verdict`, `text` ...); `None` when the conflict is
    /// about the whole record (one side deleted it, the other changed it; two claims on
    /// one span).
    #[serde(default)]
    pub field: Option<String>,
    /// The other record involved: for [`ConflictKind::SameSpan`], their claim (ours is
    /// [`Conflict::record`]); both claims are kept.
    #[serde(default)]
    pub other: Option<RecordRef>,
    /// The record as it was in the common base (one line of RON); `None` when it did
    /// not exist there (both sides added it).
    #[serde(default)]
    pub base: Option<String>,
    /// Our version: the one kept in the project.
    pub ours: ConflictSide,
    /// Their version.
    pub theirs: ConflictSide,
    /// When the merge ran.
    pub merged: Timestamp,
}

/// What two sides disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConflictKind {
    /// Both sides changed [`Conflict::field`] of the record to different values.
    Field,
    /// One side deleted the record (its value is `None`), the other changed it.
    Deleted,
    /// Both sides marked the same span of the same document with different kinds.
    SameSpan,
    /// Both sides changed the document's text, differently.
    DocumentText,
    /// Their claim's passage is not in the merged document text (the text changed on
    /// our side), so the claim is left out; its version is in [`Conflict::theirs`].
    PassageLost,
}

impl ConflictKind {
    /// The kind in a user's words.
    pub fn name(self) -> &'static str {
        match self {
            ConflictKind::Field => "both changed a field",
            ConflictKind::Deleted => "deleted on one side, changed on the other",
            ConflictKind::SameSpan => "same passage marked as different kinds",
            ConflictKind::DocumentText => "document text changed on both sides",
            ConflictKind::PassageLost => "claim's passage no longer in the text",
        }
    }
}

/// Which record a [`Conflict`] is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordRef {
    /// Which list it is in.
    pub kind: RecordKind,
    /// Its id (empty for the project itself and the taxonomy).
    pub id: String,
}

/// The kinds of record a project holds; a label's kind names its set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RecordKind {
    /// The project's own fields (`name`, `description`).
    Project,
    /// The taxonomy's own fields (`name`).
    Taxonomy,
    /// An entry of [`Taxonomy::claim_kinds`].
    ClaimKind,
    /// An entry of [`Taxonomy::affiliations`].
    Affiliation,
    /// An entry of [`Taxonomy::genres`].
    Genre,
    /// An entry of [`Taxonomy::frames`].
    Frame,
    /// An entry of [`Taxonomy::verdicts`].
    Verdict,
    /// An entry of [`Taxonomy::source_relations`].
    SourceRelation,
    /// An [`Outlet`].
    Outlet,
    /// A [`Source`].
    Source,
    /// A [`Document`].
    Document,
    /// A [`Claim`].
    Claim,
    /// A [`ClaimGroup`].
    Group,
    /// A [`Reviewer`].
    Reviewer,
}

impl RecordKind {
    /// The record kind of the entries of a label set.
    pub fn of_label_set(set: LabelSet) -> RecordKind {
        match set {
            LabelSet::ClaimKind => RecordKind::ClaimKind,
            LabelSet::Affiliation => RecordKind::Affiliation,
            LabelSet::Genre => RecordKind::Genre,
            LabelSet::Frame => RecordKind::Frame,
            LabelSet::Verdict => RecordKind::Verdict,
            LabelSet::SourceRelation => RecordKind::SourceRelation,
        }
    }

    /// The kind in a word, as messages name it: "claim", "outlet", "frame" ...
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Project => "project",
            RecordKind::Taxonomy => "taxonomy",
            RecordKind::Outlet => "outlet",
            RecordKind::Source => "source",
            RecordKind::Document => "document",
            RecordKind::Claim => "claim",
            RecordKind::Group => "group",
            RecordKind::Reviewer => "reviewer",
            kind => kind.label_set().map_or("label", LabelSet::singular),
        }
    }

    /// The label set whose entries are of this kind, if any.
    pub fn label_set(self) -> Option<LabelSet> {
        LabelSet::ALL.into_iter().find(|&set| RecordKind::of_label_set(set) == self)
    }
}

/// One side's version in a [`Conflict`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictSide {
    /// The whole record on this side, as one line of RON; `None` when this side deleted
    /// it (or, for a claim, never had it).
    #[serde(default)]
    pub value: Option<String>,
    /// Who made this side's version, when the record says (a claim's last reviewer).
    #[serde(default)]
    pub reviewer: Option<ReviewerId>,
    /// When this side's version was made, when the record says (a claim's `modified`).
    #[serde(default)]
    pub modified: Option<Timestamp>,
}

impl Claim {
    /// A claim as freshly marked: in the outlet's own voice, with no claimant, sources,
    /// frames, group, note or reviewer yet; created and last changed `at`.
    pub fn new(
        id: ClaimId,
        document: DocumentId,
        span: CharSpan,
        quote: QuoteSelector,
        kind: LabelId,
        verdict: LabelId,
        at: Timestamp,
    ) -> Claim {
        Claim {
            id,
            document,
            span,
            quote,
            kind,
            claimant: String::new(),
            attribution: Attribution::Asserted,
            sources: Vec::new(),
            verdict,
            frames: Vec::new(),
            group: None,
            note: String::new(),
            reviewer: None,
            modified_by: None,
            adjudicated: false,
            origin: Origin::Marked,
            needs_reanchoring: false,
            created: at.clone(),
            modified: at,
        }
    }
}

impl Outlet {
    /// A new outlet named `name` (trimmed) with `affiliation`, its domain taken from `url`
    /// when there is one; no country, owner or notes yet.
    pub fn new(id: OutletId, name: &str, affiliation: LabelId, url: Option<&str>) -> Outlet {
        Outlet {
            id,
            name: name.trim().to_owned(),
            domain: url.and_then(crate::textfile::domain_of),
            country: None,
            affiliation,
            owner: None,
            notes: String::new(),
        }
    }
}

impl Document {
    /// A document with only an id, a title and its text; every other field empty.
    pub fn new(id: DocumentId, title: impl Into<String>, text: impl Into<Arc<str>>) -> Document {
        Document {
            id,
            title: title.into(),
            outlet: None,
            genre: None,
            url: None,
            published: None,
            author: None,
            captured: None,
            notes: String::new(),
            passages: Vec::new(),
            text: text.into(),
        }
    }
}

impl Project {
    /// An empty project with the given name and taxonomy.
    pub fn new(name: impl Into<String>, taxonomy: Taxonomy) -> Project {
        Project {
            format: FORMAT_VERSION,
            name: name.into(),
            description: String::new(),
            taxonomy,
            outlets: Vec::new(),
            sources: Vec::new(),
            documents: Vec::new(),
            claims: Vec::new(),
            groups: Vec::new(),
            reviewers: Vec::new(),
            conflicts: Vec::new(),
            rejections: Vec::new(),
        }
    }

    /// The document with this id.
    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| &d.id == id)
    }

    /// The outlet with this id.
    pub fn outlet(&self, id: &OutletId) -> Option<&Outlet> {
        self.outlets.iter().find(|o| &o.id == id)
    }

    /// The outlet whose name matches, ignoring case and surrounding space.
    pub fn outlet_by_name(&self, name: &str) -> Option<&Outlet> {
        let name = name.trim();
        self.outlets.iter().find(|o| o.name.trim().eq_ignore_ascii_case(name))
    }

    /// The reviewer called `name`, ignoring case and surrounding space (so that "Ana",
    /// "ana" and " Ana " are one person).
    pub fn reviewer_by_name(&self, name: &str) -> Option<&Reviewer> {
        let name = name.trim();
        self.reviewers.iter().find(|r| r.name.trim().eq_ignore_ascii_case(name))
    }

    /// The source with this id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|c| &c.id == id)
    }

    /// The group with this id.
    pub fn group(&self, id: &GroupId) -> Option<&ClaimGroup> {
        self.groups.iter().find(|g| &g.id == id)
    }

    /// The outlet of a document, if recorded.
    pub fn outlet_of(&self, document: &Document) -> Option<&Outlet> {
        document.outlet.as_ref().and_then(|id| self.outlet(id))
    }

    /// Whose text a claim of `document` at `span` is: the outlet of the passage that
    /// holds its first char, else the document's outlet (see [`ClaimOutlet`]).
    pub fn claim_outlet<'a>(&'a self, document: &'a Document, span: CharSpan) -> ClaimOutlet<'a> {
        ClaimOutlet::of(document, span, |id| self.outlet(id))
    }

    /// How many claims of `document` start in `span`: those a passage there counts for
    /// its outlet.
    pub fn claims_starting_in(&self, document: &DocumentId, span: CharSpan) -> usize {
        self.claims_in(document).filter(|c| span.start <= c.span.start && c.span.start < span.end).count()
    }

    /// Claims of one document, in file order.
    pub fn claims_in<'a>(&'a self, document: &'a DocumentId) -> impl Iterator<Item = &'a Claim> + 'a {
        self.claims.iter().filter(move |c| &c.document == document)
    }

    /// The position of each document in `documents`, by id (the first of a repeated id).
    pub fn document_positions(&self) -> HashMap<&DocumentId, usize> {
        self.documents.iter().enumerate().rev().map(|(i, d)| (&d.id, i)).collect()
    }

    /// The position in `positions` (see [`Project::document_positions`]) of each claim's
    /// document, in claim order; `None` for a document the project lacks. Claims come in
    /// runs of one document, whose position is looked up once per run.
    pub fn claim_document_positions<'a>(
        &'a self,
        positions: &'a HashMap<&'a DocumentId, usize>,
    ) -> impl Iterator<Item = Option<usize>> + 'a {
        let mut run: Option<(&DocumentId, Option<usize>)> = None;
        self.claims.iter().map(move |claim| match run {
            Some((id, at)) if *id == claim.document => at,
            _ => run.insert((&claim.document, positions.get(&claim.document).copied())).1,
        })
    }

    /// Documents by id, for look-ups in loops over many claims.
    pub fn documents_by_id(&self) -> HashMap<&DocumentId, &Document> {
        self.documents.iter().map(|d| (&d.id, d)).collect()
    }

    /// Outlets by id, for look-ups in loops over many claims.
    pub fn outlets_by_id(&self) -> HashMap<&OutletId, &Outlet> {
        self.outlets.iter().map(|o| (&o.id, o)).collect()
    }
}

/// Whose text a claim is, for counting it by outlet: the outlet of the passage it sits
/// in (a newspaper a forum quotes), with the document's own outlet as `via`; or, outside
/// passages, the document's outlet alone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClaimOutlet<'a> {
    /// The outlet the claim counts for: the passage's, else the document's. `None` when
    /// not recorded (or naming no outlet of the project).
    pub outlet: Option<&'a Outlet>,
    /// The document's own outlet, when the claim sits in a passage of another's.
    pub via: Option<&'a Outlet>,
    /// The passage the claim sits in.
    pub passage: Option<&'a QuotedPassage>,
}

impl<'a> ClaimOutlet<'a> {
    /// Whose text a claim at `span` of `document` is; `outlet` looks an outlet up by id
    /// (a map in loops over many claims, [`Project::outlet`] otherwise).
    pub fn of(
        document: &'a Document,
        span: CharSpan,
        outlet: impl Fn(&OutletId) -> Option<&'a Outlet>,
    ) -> ClaimOutlet<'a> {
        let own = document.outlet.as_ref();
        match document.passage_at(span.start) {
            Some(passage) => ClaimOutlet {
                outlet: outlet(&passage.outlet),
                via: own.and_then(&outlet),
                passage: Some(passage),
            },
            None => ClaimOutlet { outlet: own.and_then(&outlet), via: None, passage: None },
        }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Hands out fresh ids of the form `PREFIX-N-TAG`, never one already in the project.
///
/// `N` continues after the highest number of its kind in the project (read from old
/// `PREFIX-N` ids and new `PREFIX-N-TAG` ids alike), so ids stay readable and ordered;
/// `TAG` is six base-32 chars drawn at random once per allocator, that is once per
/// session of the app or run of the command line. Two reviewers who copy a project and
/// mark claims apart therefore mint different ids (`claim-58-k3x9qa` and
/// `claim-58-w7fd2m`) without talking to each other, and a merge can match records by
/// id. Existing ids are never rewritten.
///
/// Ids are never reused within a session, even after a delete, so that undo can bring a
/// record back under its old id.
#[derive(Clone, Debug)]
pub struct IdAllocator {
    next: HashMap<&'static str, u64>,
    tag: String,
}

impl Default for IdAllocator {
    fn default() -> Self {
        IdAllocator { next: HashMap::new(), tag: random_tag() }
    }
}

/// The chars of an id's tag: lower-case letters and digits without `l`, `o`, `0` and
/// `1`, which read alike.
const TAG_ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";

/// How many chars a tag has: 30 random bits, so two sessions share a tag about once in
/// a billion pairs (and then still only collide on ids of the same number).
pub const TAG_LEN: usize = 6;

/// A fresh random tag. std's `RandomState` is keyed from the operating system's random
/// source (once per thread, then varied per instance); hashing the time, the process id
/// and a counter with it gives tags that differ between processes, machines and
/// allocators of one process, without a crate of its own.
fn random_tag() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    hasher.write_u128(now.as_nanos());
    hasher.write_u32(std::process::id());
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let mut bits = hasher.finish();
    let mut tag = String::with_capacity(TAG_LEN);
    for _ in 0..TAG_LEN {
        tag.push(char::from(TAG_ALPHABET[(bits & 31) as usize]));
        bits >>= 5;
    }
    tag
}

/// The number `N` of an id `PREFIX-N` or `PREFIX-N-TAG` of this prefix, `None` for an
/// id of another shape (imported ids such as `T7` are kept as they are, and ignored).
pub fn id_number(prefix: &str, id: &str) -> Option<u64> {
    let rest = id.strip_prefix(prefix)?.strip_prefix('-')?;
    let digits = match rest.split_once('-') {
        Some((digits, tag)) if !tag.is_empty() && tag.bytes().all(|b| b.is_ascii_alphanumeric()) => digits,
        Some(_) => return None,
        None => rest,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Id prefixes, one per kind of record.
pub mod prefix {
    /// Prefix of document ids.
    pub const DOCUMENT: &str = "doc";
    /// Prefix of claim ids.
    pub const CLAIM: &str = "claim";
    /// Prefix of outlet ids.
    pub const OUTLET: &str = "outlet";
    /// Prefix of source ids.
    pub const SOURCE: &str = "source";
    /// Prefix of group ids.
    pub const GROUP: &str = "group";
    /// Prefix of reviewer ids.
    pub const REVIEWER: &str = "reviewer";
    /// Prefix of conflict ids.
    pub const CONFLICT: &str = "conflict";
}

impl IdAllocator {
    /// An allocator that continues after the highest numbered id of each kind in `project`.
    pub fn for_project(project: &Project) -> IdAllocator {
        let mut allocator = IdAllocator::default();
        allocator.observe(prefix::DOCUMENT, project.documents.iter().map(|d| d.id.as_str()));
        allocator.observe(prefix::CLAIM, project.claims.iter().map(|c| c.id.as_str()));
        allocator.observe(prefix::OUTLET, project.outlets.iter().map(|o| o.id.as_str()));
        allocator.observe(prefix::SOURCE, project.sources.iter().map(|s| s.id.as_str()));
        allocator.observe(prefix::GROUP, project.groups.iter().map(|g| g.id.as_str()));
        allocator.observe(prefix::REVIEWER, project.reviewers.iter().map(|r| r.id.as_str()));
        allocator.observe(prefix::CONFLICT, project.conflicts.iter().map(|c| c.id.as_str()));
        allocator
    }

    /// An allocator like [`IdAllocator::for_project`] with a given tag instead of a random
    /// one: for tests and generated projects that must come out the same on every run.
    pub fn with_tag(project: &Project, tag: impl Into<String>) -> IdAllocator {
        IdAllocator { tag: tag.into(), ..IdAllocator::for_project(project) }
    }

    /// This allocator's random component of new ids.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Makes later ids of this prefix number above every id in `ids` (old or new form).
    pub fn observe<'a>(&mut self, prefix: &'static str, ids: impl Iterator<Item = &'a str>) {
        let highest = ids.filter_map(|id| id_number(prefix, id)).max().unwrap_or(0);
        let next = self.next.entry(prefix).or_insert(1);
        *next = (*next).max(highest + 1);
    }

    /// A fresh id with this prefix: `PREFIX-N-TAG`.
    pub fn next(&mut self, prefix: &'static str) -> String {
        let next = self.next.entry(prefix).or_insert(1);
        let id = format!("{prefix}-{next}-{}", self.tag);
        *next += 1;
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocator_continues_after_highest_and_ignores_foreign_ids() {
        let mut project = Project::new("t", Taxonomy::builtin());
        for id in ["doc-3", "doc-10", "T7", "doc-x", "doc-12-k3x9qa", "doc-40-", "doc-50-a-b"] {
            project.documents.push(Document::new(DocumentId::new(id), String::new(), ""));
        }
        let mut allocator = IdAllocator::with_tag(&project, "test22");
        assert_eq!(allocator.next(prefix::DOCUMENT), "doc-13-test22");
        assert_eq!(allocator.next(prefix::DOCUMENT), "doc-14-test22");
        assert_eq!(allocator.next(prefix::CLAIM), "claim-1-test22");
    }

    #[test]
    fn old_and_new_ids_both_give_their_number() {
        assert_eq!(id_number("claim", "claim-58"), Some(58));
        assert_eq!(id_number("claim", "claim-58-k3x9qa"), Some(58));
        assert_eq!(id_number("claim", "claims-58"), None);
        assert_eq!(id_number("claim", "claim-"), None);
        assert_eq!(id_number("claim", "claim-x-k3x9qa"), None);
        assert_eq!(id_number("claim", "claim-5-"), None);
        assert_eq!(id_number("claim", "doc-5"), None);
    }

    #[test]
    fn allocators_on_copies_of_one_project_never_mint_the_same_id() {
        let project = crate::sample::sample_project().unwrap();
        let mut ours = IdAllocator::for_project(&project);
        let mut theirs = IdAllocator::for_project(&project.clone());
        assert_ne!(ours.tag(), theirs.tag());
        let existing: std::collections::HashSet<&str> =
            project.claims.iter().map(|c| c.id.as_str()).collect();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..5_000 {
            for allocator in [&mut ours, &mut theirs] {
                for prefix in [prefix::CLAIM, prefix::SOURCE, prefix::OUTLET] {
                    let id = allocator.next(prefix);
                    assert!(!existing.contains(id.as_str()), "{id} exists");
                    assert!(seen.insert(id.clone()), "{id} minted twice");
                }
            }
        }
        // New numbers continue after the sample's highest old-style id (claim-131).
        let first = IdAllocator::for_project(&project).next(prefix::CLAIM);
        assert!(first.starts_with("claim-132-"), "{first}");
        let tag = first.rsplit('-').next().unwrap();
        assert_eq!(tag.len(), TAG_LEN);
        assert!(tag.bytes().all(|b| TAG_ALPHABET.contains(&b)));
        // Many allocators of one process have different tags.
        let tags: std::collections::HashSet<String> =
            (0..1_000).map(|_| IdAllocator::default().tag().to_owned()).collect();
        assert_eq!(tags.len(), 1_000);
    }
}
