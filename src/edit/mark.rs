//! Making a claim: the one place where a new claim is checked against its project and
//! built. The app (a selection marked in the reader), the command line (`claimmark mark`)
//! and the imports all describe the claim they want as a [`ClaimRequest`]; the app and the
//! command line call [`mark_claim`], which checks the request against the project, and
//! imports, which check their records themselves in one pass over a batch, build through
//! [`ClaimRequest::into_claim`] so that every claim gets the same normalisation.
//!
//! Nothing here changes a project: the result is an [`Edit`] to apply.

use super::Edit;
use crate::anchor::{CharSpan, QuoteSelector};
use crate::model::{
    Attribution, Claim, ClaimId, DocumentId, GroupId, IdAllocator, LabelId, LabelSet, Origin, Project,
    Reviewer, ReviewerId, SourceId, SourceLink, Taxonomy, Timestamp, prefix,
};
use thiserror::Error;

/// What a new claim is made of: where it stands, what kind it is, and whatever else is
/// already known of it. [`ClaimRequest::new`] gives a claim in the outlet's own voice with
/// the taxonomy's default verdict and nothing else; set the other fields as needed.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimRequest {
    /// The document the claim stands in.
    pub document: DocumentId,
    /// Its span in the document's text (chars, end exclusive).
    pub span: CharSpan,
    /// Claim kind id.
    pub kind: LabelId,
    /// Verdict id; `None` for the taxonomy's default (its first verdict).
    pub verdict: Option<LabelId>,
    /// Who asserts it (trimmed when the claim is built).
    pub claimant: String,
    /// Asserted by the outlet or attributed to the claimant.
    pub attribution: Attribution,
    /// Links to sources.
    pub sources: Vec<SourceLink>,
    /// Frame ids (a frame given twice is kept once).
    pub frames: Vec<LabelId>,
    /// The claim group it joins.
    pub group: Option<GroupId>,
    /// What was checked, why the verdict.
    pub note: String,
    /// The reviewer's name; a reviewer record is added when the name is new. `None` or a
    /// blank name records no reviewer.
    pub reviewer: Option<String>,
    /// The claim joins the adjudicated set (an editor's settled version).
    pub adjudicated: bool,
    /// Marked by hand, or a detector suggestion accepted.
    pub origin: Origin,
}

/// Why a claim could not be made. Nothing has changed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MarkError {
    /// The document is not in the project.
    #[error("there is no document \"{document}\"; this project's are: {}", known.join(", "))]
    NoDocument {
        /// The id asked for.
        document: DocumentId,
        /// The project's document ids.
        known: Vec<String>,
    },
    /// The span holds no text.
    #[error("the span {start}..{end} holds no text; select at least one character", start = span.start, end = span.end)]
    EmptySpan {
        /// The span.
        span: CharSpan,
    },
    /// The span runs past the end of the text.
    #[error("the span {start}..{end} runs past the end of the document ({chars} chars)", start = span.start, end = span.end)]
    OutsideText {
        /// The span.
        span: CharSpan,
        /// The length of the text in chars.
        chars: usize,
    },
    /// A label id is not in the project's taxonomy.
    #[error("unknown {set} \"{id}\"; this project's are: {}", known.join(", "))]
    UnknownLabel {
        /// The label set.
        set: LabelSet,
        /// The id asked for.
        id: LabelId,
        /// The set's ids.
        known: Vec<String>,
    },
    /// The taxonomy has no verdicts to give a new claim.
    #[error("the taxonomy has no verdicts; add one before marking claims")]
    NoVerdicts,
    /// A source link names a source the project lacks.
    #[error("there is no source \"{0}\"")]
    NoSource(SourceId),
    /// The group is not in the project.
    #[error("there is no group \"{0}\"")]
    NoGroup(GroupId),
    /// The same span of the same document is already marked with this kind.
    #[error("claim {existing} already marks this text as {kind}; nothing was added")]
    AlreadyMarked {
        /// The claim that marks it.
        existing: ClaimId,
        /// The kind.
        kind: LabelId,
    },
}

impl ClaimRequest {
    /// A claim of `kind` over `span` of `document`, in the outlet's own voice, with the
    /// default verdict and no claimant, sources, frames, group, note or reviewer.
    pub fn new(document: DocumentId, span: CharSpan, kind: LabelId) -> ClaimRequest {
        ClaimRequest {
            document,
            span,
            kind,
            verdict: None,
            claimant: String::new(),
            attribution: Attribution::Asserted,
            sources: Vec::new(),
            frames: Vec::new(),
            group: None,
            note: String::new(),
            reviewer: None,
            adjudicated: false,
            origin: Origin::Marked,
        }
    }

    /// The reviewer name, trimmed; `None` when there is none or it is blank.
    pub fn reviewer_name(&self) -> Option<&str> {
        self.reviewer.as_deref().map(str::trim).filter(|name| !name.is_empty())
    }

    /// Builds the claim. The caller has checked the request against its project and
    /// resolved the verdict and the reviewer: `quote` is the text at the span, `verdict`
    /// stands in for a request without one. The claimant is trimmed and repeated frames
    /// kept once.
    pub fn into_claim(
        self,
        id: ClaimId,
        quote: QuoteSelector,
        verdict: LabelId,
        reviewer: Option<ReviewerId>,
        at: Timestamp,
    ) -> Claim {
        let mut claim =
            Claim::new(id, self.document, self.span, quote, self.kind, self.verdict.unwrap_or(verdict), at);
        claim.claimant = self.claimant.trim().to_owned();
        claim.attribution = self.attribution;
        claim.sources = self.sources;
        let mut seen = std::collections::HashSet::new();
        claim.frames = self.frames.into_iter().filter(|frame| seen.insert(frame.clone())).collect();
        claim.group = self.group;
        claim.note = self.note;
        claim.reviewer = reviewer;
        claim.adjudicated = self.adjudicated;
        claim.origin = self.origin;
        claim
    }
}

/// The id of the reviewer named `name` (trimmed, not blank), with the edit that adds
/// their record to `edits` when the project does not know them yet.
pub fn reviewer_of(
    project: &Project,
    ids: &mut IdAllocator,
    name: Option<&str>,
    edits: &mut Vec<Edit>,
) -> Option<ReviewerId> {
    let name = name.map(str::trim).filter(|n| !n.is_empty())?;
    Some(match project.reviewer_by_name(name) {
        Some(reviewer) => reviewer.id.clone(),
        None => {
            let reviewer =
                Reviewer { id: ReviewerId::new(ids.next(prefix::REVIEWER)), name: name.to_owned() };
            let id = reviewer.id.clone();
            edits.push(Edit::Reviewer(Edit::append(reviewer)));
            id
        }
    })
}

/// `Ok` when `id` is in the taxonomy's `set`, otherwise the error naming the set's ids.
pub fn check_label(taxonomy: &Taxonomy, set: LabelSet, id: &LabelId) -> Result<(), MarkError> {
    if taxonomy.contains(set, id) {
        return Ok(());
    }
    Err(MarkError::UnknownLabel {
        set,
        id: id.clone(),
        known: taxonomy.labels(set).iter().map(|l| l.id.to_string()).collect(),
    })
}

/// Checks `request` against `project` and returns the edit that adds the claim (with its
/// reviewer, when the name is new) as one step, and the new claim's id.
///
/// Refused when the document, a label, a source or the group is missing, when the span is
/// empty or runs past the text, or when the same span is already marked with this kind in
/// the same set (by the same reviewer, or in the adjudicated set).
pub fn mark_claim(
    project: &Project,
    ids: &mut IdAllocator,
    request: ClaimRequest,
    at: Timestamp,
) -> Result<(Edit, ClaimId), MarkError> {
    let Some(document) = project.document(&request.document) else {
        return Err(MarkError::NoDocument {
            document: request.document,
            known: project.documents.iter().map(|d| d.id.to_string()).collect(),
        });
    };
    let span = request.span;
    if span.start >= span.end {
        return Err(MarkError::EmptySpan { span });
    }
    let Some(quote) = QuoteSelector::capture(&document.text, span) else {
        return Err(MarkError::OutsideText { span, chars: document.text.chars().count() });
    };
    let taxonomy = &project.taxonomy;
    let check = |set: LabelSet, id: &LabelId| check_label(taxonomy, set, id);
    check(LabelSet::ClaimKind, &request.kind)?;
    let default_verdict = match &request.verdict {
        Some(verdict) => {
            check(LabelSet::Verdict, verdict)?;
            verdict.clone()
        }
        None => taxonomy.default_verdict().cloned().ok_or(MarkError::NoVerdicts)?,
    };
    for frame in &request.frames {
        check(LabelSet::Frame, frame)?;
    }
    for link in &request.sources {
        if project.source(&link.source).is_none() {
            return Err(MarkError::NoSource(link.source.clone()));
        }
        check(LabelSet::SourceRelation, &link.relation)?;
    }
    if let Some(group) = &request.group
        && project.group(group).is_none()
    {
        return Err(MarkError::NoGroup(group.clone()));
    }
    // A duplicate is one of the same set: the adjudicated set, or the same reviewer's
    // marks (two reviewers may mark one span alike: that is agreement).
    // (A name new to the project has no claims yet.)
    let named = request.reviewer_name().map(|name| project.reviewer_by_name(name).map(|r| &r.id));
    let same_reviewer = |c: &Claim| match named {
        None => c.reviewer.is_none(),
        Some(known) => known.is_some() && c.reviewer.as_ref() == known,
    };
    let same_set =
        |c: &Claim| c.adjudicated == request.adjudicated && (request.adjudicated || same_reviewer(c));
    if let Some(existing) =
        project.claims_in(&request.document).find(|c| c.span == span && c.kind == request.kind && same_set(c))
    {
        return Err(MarkError::AlreadyMarked { existing: existing.id.clone(), kind: request.kind });
    }
    let mut edits = Vec::new();
    let reviewer = reviewer_of(project, ids, request.reviewer_name(), &mut edits);
    let id = ClaimId::new(ids.next(prefix::CLAIM));
    let claim = request.into_claim(id.clone(), quote, default_verdict, reviewer, at);
    edits.push(Edit::add_claim(project, claim));
    let edit = if edits.len() == 1 { edits.remove(0) } else { Edit::Batch(edits) };
    Ok((edit, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimGroup, Document, Source, SourceKind};

    const TEXT: &str = "Officials said trade rose 40% to $1.2 billion last year.";

    fn project() -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        project.documents.push(Document::new(DocumentId::new("d"), "D", TEXT));
        project.sources.push(Source {
            id: SourceId::new("s"),
            title: "Report".into(),
            url: None,
            publisher: None,
            kind: SourceKind::Other,
            notes: String::new(),
        });
        project.groups.push(ClaimGroup { id: GroupId::new("g"), name: "G".into(), notes: String::new() });
        project
    }

    fn span_of(word: &str) -> CharSpan {
        let start = TEXT.find(word).unwrap();
        CharSpan::new(start, start + word.len())
    }

    fn mark(project: &mut Project, request: ClaimRequest) -> Result<ClaimId, MarkError> {
        let mut ids = IdAllocator::for_project(project);
        let (edit, id) = mark_claim(project, &mut ids, request, Timestamp::from_unix(7))?;
        edit.apply(project).unwrap();
        Ok(id)
    }

    #[test]
    fn a_plain_request_gives_the_default_verdict_and_a_captured_quote() {
        let mut project = project();
        let span = span_of("40% to $1.2 billion");
        let id =
            mark(&mut project, ClaimRequest::new(DocumentId::new("d"), span, LabelId::new("money"))).unwrap();
        assert!(id.as_str().starts_with("claim-1-"), "{id}");
        let claim = project.claim(&id).unwrap();
        assert_eq!(claim.quote.exact, "40% to $1.2 billion");
        assert_eq!(claim.quote.prefix, "Officials said trade rose ");
        assert_eq!(claim.verdict.as_str(), "unverified");
        assert_eq!(claim.attribution, Attribution::Asserted);
        assert_eq!(claim.reviewer, None);
        assert_eq!(claim.created, Timestamp::from_unix(7));
        assert!(project.reviewers.is_empty());
    }

    #[test]
    fn every_field_is_kept_claimant_trimmed_frames_once_and_a_new_reviewer_added() {
        let mut project = project();
        let mut request =
            ClaimRequest::new(DocumentId::new("d"), span_of("trade rose 40%"), LabelId::new("statistic"));
        request.verdict = Some(LabelId::new("false"));
        request.claimant = "  Officials ".into();
        request.attribution = Attribution::Attributed;
        request.sources = vec![SourceLink { source: SourceId::new("s"), relation: LabelId::new("supports") }];
        request.frames = vec![LabelId::new("economic"), LabelId::new("economic")];
        request.group = Some(GroupId::new("g"));
        request.note = "checked".into();
        request.reviewer = Some(" Ana ".into());
        let id = mark(&mut project, request).unwrap();
        let claim = project.claim(&id).unwrap();
        assert_eq!(claim.claimant, "Officials");
        assert_eq!(claim.verdict.as_str(), "false");
        assert_eq!(claim.frames, [LabelId::new("economic")]);
        assert_eq!(claim.group, Some(GroupId::new("g")));
        assert_eq!(claim.note, "checked");
        assert_eq!(project.reviewers.len(), 1);
        assert_eq!(project.reviewers[0].name, "Ana");
        assert_eq!(claim.reviewer.as_ref(), Some(&project.reviewers[0].id));
        // The same reviewer, written differently, is not added twice.
        let mut again = ClaimRequest::new(DocumentId::new("d"), span_of("last year"), LabelId::new("event"));
        again.reviewer = Some("ana".into());
        let second = mark(&mut project, again).unwrap();
        assert_eq!(project.reviewers.len(), 1);
        assert_eq!(project.claim(&second).unwrap().reviewer.as_ref(), Some(&project.reviewers[0].id));
    }

    #[test]
    fn bad_requests_are_refused_with_what_was_wrong() {
        let mut project = project();
        let d = || DocumentId::new("d");
        let good = span_of("trade");
        let refused =
            |project: &mut Project, request: ClaimRequest| mark(project, request).unwrap_err().to_string();
        assert!(
            refused(&mut project, ClaimRequest::new(DocumentId::new("x"), good, LabelId::new("event")))
                .contains("there is no document \"x\"; this project's are: d")
        );
        assert!(
            refused(&mut project, ClaimRequest::new(d(), CharSpan::new(3, 3), LabelId::new("event")))
                .contains("holds no text")
        );
        assert!(
            refused(&mut project, ClaimRequest::new(d(), CharSpan::new(50, 90), LabelId::new("event")))
                .contains("runs past the end of the document (56 chars)")
        );
        assert!(
            refused(&mut project, ClaimRequest::new(d(), good, LabelId::new("rumour")))
                .contains("unknown claim kind \"rumour\"")
        );
        let mut request = ClaimRequest::new(d(), good, LabelId::new("event"));
        request.frames = vec![LabelId::new("nope")];
        assert!(refused(&mut project, request).contains("unknown frame \"nope\""));
        let mut request = ClaimRequest::new(d(), good, LabelId::new("event"));
        request.sources = vec![SourceLink { source: SourceId::new("t"), relation: LabelId::new("cited") }];
        assert_eq!(refused(&mut project, request), "there is no source \"t\"");
        let mut request = ClaimRequest::new(d(), good, LabelId::new("event"));
        request.group = Some(GroupId::new("h"));
        assert_eq!(refused(&mut project, request), "there is no group \"h\"");
        assert!(project.claims.is_empty());
        // The same span with the same kind is refused; with another kind it is a new claim.
        let first = mark(&mut project, ClaimRequest::new(d(), good, LabelId::new("event"))).unwrap();
        assert_eq!(
            mark(&mut project, ClaimRequest::new(d(), good, LabelId::new("event"))),
            Err(MarkError::AlreadyMarked { existing: first, kind: LabelId::new("event") })
        );
        assert!(mark(&mut project, ClaimRequest::new(d(), good, LabelId::new("money"))).is_ok());
        assert_eq!(project.claims.len(), 2);
        // Another reviewer's mark of the same span and kind is theirs (agreement); the
        // adjudicated set holds one claim per span and kind too.
        let by = |name: &str, adjudicated: bool| ClaimRequest {
            reviewer: Some(name.to_owned()),
            adjudicated,
            ..ClaimRequest::new(d(), good, LabelId::new("event"))
        };
        assert!(mark(&mut project, by("Ana", false)).is_ok());
        assert!(matches!(mark(&mut project, by("Ana", false)), Err(MarkError::AlreadyMarked { .. })));
        assert!(mark(&mut project, by("Ben", false)).is_ok());
        let settled = mark(&mut project, by("Eve", true)).unwrap();
        assert!(project.claim(&settled).unwrap().adjudicated);
        assert_eq!(
            mark(&mut project, by("Ana", true)),
            Err(MarkError::AlreadyMarked { existing: settled, kind: LabelId::new("event") })
        );
        assert_eq!(project.claims.len(), 5);
    }
}
