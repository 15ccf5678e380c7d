//! Adjudication: an editor settles what two reviewers marked into the adjudicated set,
//! the claims with `adjudicated: true` (the final version that exports keep with
//! `--adjudicated`, and that agreement leaves out). Pure: reads the project and returns
//! one [`Edit`] per step, so that each step is one undo in the app.
//!
//! - [`places`]: each place in a document where either of two reviewers marked
//!   something (alike, or disagreeing: only one marked it; different span, kind or
//!   verdict), with whether the adjudicated set already covers it;
//! - [`accept`]: a copy of one reviewer's claim joins the set, as the editor's (every
//!   field kept: span, kind, verdict, claimant, sources, frames, group, note). A settled
//!   claim on the same span, or overlapping with the same kind, is the editor's earlier
//!   choice for that place: it goes, in the same step;
//! - [`accept_agreed`]: every place of a document where the two agree, not yet settled,
//!   accepted at once.
//!
//! A claim the editor marks anew in the Reviewers view is an ordinary mark with
//! `adjudicated` set ([`crate::edit::ClaimRequest::adjudicated`]).

use super::agree::report::{self, Disagreement};
use crate::anchor::CharSpan;
use crate::edit::{ClaimRequest, Edit, RecordEdit, reviewer_of};
use crate::model::{Claim, ClaimId, DocumentId, IdAllocator, Project, ReviewerId, Timestamp, prefix};
use thiserror::Error;

/// A place where two reviewers marked something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Their claims and how they differ ([`Disagreement::agrees`] when alike).
    pub outcome: Disagreement,
    /// From the first start to the last end of their claims.
    pub span: CharSpan,
    /// An adjudicated claim overlaps it.
    pub settled: bool,
}

/// Why a claim cannot be accepted. The project is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AdjudicateError {
    /// No claim has this id.
    #[error("there is no claim \"{0}\"")]
    NoClaim(ClaimId),
    /// The claim is itself in the adjudicated set.
    #[error("claim {0} is already in the adjudicated set")]
    IsAdjudicated(ClaimId),
    /// The set holds a claim with the same span, kind and verdict.
    #[error("claim {0} of the adjudicated set already settles this passage so")]
    AlreadySettled(ClaimId),
    /// Nothing to accept.
    #[error("nothing to accept: {0}")]
    Nothing(String),
    /// A text correction changed the claim's words: it is placed again first.
    #[error("claim {0} needs re-anchoring after a text correction; place it again first")]
    NeedsReanchoring(ClaimId),
}

/// Each place in `document` where reviewer `a` or `b` marked something, in text order.
/// Verdicts count as settled facts here: "unverified" against "false" is a
/// disagreement to settle (agreement figures treat "unverified" as no verdict). A place
/// is settled when a settled claim has the span of one of its claims, or overlaps it
/// with the kind of one of them (a settled claim nested in it, of another kind, does
/// not settle it).
pub fn places(project: &Project, document: &DocumentId, a: &ReviewerId, b: &ReviewerId) -> Vec<Place> {
    let positions = claim_positions(project, document);
    let claim_of =
        |id: &Option<ClaimId>| id.as_ref().and_then(|id| positions.get(id)).map(|&i| &project.claims[i]);
    let mut settled: Vec<&Claim> = project.claims_in(document).filter(|c| c.adjudicated).collect();
    settled.sort_by_key(|c| c.span.start);
    let longest = settled.iter().map(|c| c.span.len()).max().unwrap_or(0);
    let settles = |span: CharSpan, claims: &[&Claim]| {
        let from = settled.partition_point(|s| s.span.start + longest < span.start);
        settled[from..]
            .iter()
            .take_while(|s| s.span.start < span.end)
            .any(|s| claims.iter().any(|c| s.span == c.span || s.kind == c.kind && s.span.overlaps(&span)))
    };
    let mut found: Vec<Place> = report::places(project, a, b, document)
        .into_iter()
        .filter_map(|mut outcome| {
            let claims: Vec<&Claim> =
                [claim_of(&outcome.a), claim_of(&outcome.b)].into_iter().flatten().collect();
            let start = claims.iter().map(|c| c.span.start).min()?;
            let end = claims.iter().map(|c| c.span.end).max()?;
            if let [x, y] = claims.as_slice() {
                outcome.verdict |= x.verdict != y.verdict;
            }
            let span = CharSpan::new(start, end);
            Some(Place { settled: settles(span, &claims), outcome, span })
        })
        .collect();
    found.sort_by_key(|p| (p.span.start, p.span.end));
    found
}

/// The edit that copies claim `id` into the adjudicated set as `editor`'s (a reviewer
/// record is added for a new name), with the id of the copy. A settled claim on the same
/// span, or overlapping it with the same kind, is replaced; so is one settled as
/// `instead_of` (the other reviewer's claim of the same place: same span and kind).
pub fn accept(
    project: &Project,
    ids: &mut IdAllocator,
    id: &ClaimId,
    instead_of: Option<&ClaimId>,
    editor: Option<&str>,
    at: Timestamp,
) -> Result<(Edit, ClaimId), AdjudicateError> {
    // Two passes over the claims (100,000 of them is a list larger than the processor's
    // cache): one finds the claim and the other reviewer's, one gathers the document's
    // settled claims and where the copy goes in document order.
    let (mut found, mut other) = (None, None);
    for (i, c) in project.claims.iter().enumerate() {
        if &c.id == id {
            found = Some(i);
        } else if Some(&c.id) == instead_of {
            other = Some(i);
        }
        if found.is_some() && (other.is_some() || instead_of.is_none()) {
            break;
        }
    }
    let claim = &project.claims[found.ok_or_else(|| AdjudicateError::NoClaim(id.clone()))?];
    if claim.adjudicated {
        return Err(AdjudicateError::IsAdjudicated(id.clone()));
    }
    if claim.needs_reanchoring {
        return Err(AdjudicateError::NeedsReanchoring(id.clone()));
    }
    let other = other.map(|i| &project.claims[i]).filter(|o| o.document == claim.document);
    let documents = project.document_positions();
    let key = (documents.get(&claim.document).copied(), claim.span.start, claim.span.end);
    let mut settled: Vec<(usize, &Claim)> = Vec::new();
    let mut insert_at = None;
    for ((i, c), rank) in project.claims.iter().enumerate().zip(project.claim_document_positions(&documents))
    {
        if insert_at.is_none() && (rank, c.span.start, c.span.end) > key {
            insert_at = Some(i);
        }
        if c.adjudicated && c.document == claim.document {
            settled.push((i, c));
        }
    }
    if let Some((_, same)) = settled
        .iter()
        .find(|(_, c)| c.span == claim.span && c.kind == claim.kind && c.verdict == claim.verdict)
    {
        return Err(AdjudicateError::AlreadySettled(same.id.clone()));
    }
    let mut edits = Vec::new();
    let editor = reviewer_of(project, ids, editor, &mut edits);
    let copy = settled_copy(claim, ClaimId::new(ids.next(prefix::CLAIM)), editor, at);
    let new_id = copy.id.clone();
    // The new claim first, at its place in document order; then the replaced claims go,
    // from the last (each position still holds its claim when its turn comes).
    let index = insert_at.unwrap_or(project.claims.len());
    edits.push(Edit::Claim(RecordEdit::Insert { index, record: copy }));
    for (i, replaced) in settled.iter().rev().filter(|(_, c)| replaces(c, claim, other)) {
        let at = if *i >= index { i + 1 } else { *i };
        edits.push(Edit::Claim(RecordEdit::RemoveAt { index: at, id: replaced.id.clone() }));
    }
    let edit = if edits.len() == 1 { edits.remove(0) } else { Edit::Batch(edits) };
    Ok((edit, new_id))
}

/// The edit that accepts, as `editor`'s, `a`'s claim of every place in `document` where
/// reviewers `a` and `b` agree and the adjudicated set has nothing yet; with how many.
pub fn accept_agreed(
    project: &Project,
    ids: &mut IdAllocator,
    document: &DocumentId,
    (a, b): (&ReviewerId, &ReviewerId),
    editor: Option<&str>,
    at: Timestamp,
) -> Result<(Edit, usize), AdjudicateError> {
    let agreed: Vec<ClaimId> = places(project, document, a, b)
        .into_iter()
        .filter(|p| p.outcome.agrees() && !p.settled)
        .filter_map(|p| p.outcome.a)
        .collect();
    let positions = claim_positions(project, document);
    // Claims waiting to be placed again are left to the editor (their span no longer
    // holds their words).
    let placed: Vec<ClaimId> = agreed
        .iter()
        .filter(|id| positions.get(id).is_none_or(|&i| !project.claims[i].needs_reanchoring))
        .cloned()
        .collect();
    if placed.is_empty() && !agreed.is_empty() {
        return Err(AdjudicateError::Nothing(
            "the claims both marked alike here need re-anchoring after a text correction; place them again first"
                .into(),
        ));
    }
    let agreed = placed;
    if agreed.is_empty() {
        return Err(AdjudicateError::Nothing(
            "every place where the two agree in this document is settled already".into(),
        ));
    }
    let mut edits = Vec::new();
    let editor = reviewer_of(project, ids, editor, &mut edits);
    let documents = project.document_positions();
    let rank = documents.get(document).copied();
    // Where each copy goes in document order, worked out in one pass: after every claim
    // of an earlier document or starting (and ending) before it.
    let mut copies: Vec<Claim> = agreed
        .iter()
        .filter_map(|id| positions.get(id).map(|&i| &project.claims[i]))
        .map(|claim| settled_copy(claim, ClaimId::new(ids.next(prefix::CLAIM)), editor.clone(), at.clone()))
        .collect();
    copies.sort_by_key(|c| (c.span.start, c.span.end));
    let ranks: Vec<Option<usize>> = project.claim_document_positions(&documents).collect();
    let count = copies.len();
    let mut next = 0;
    for (inserted, copy) in copies.into_iter().enumerate() {
        let key = (rank, copy.span.start, copy.span.end);
        while next < project.claims.len() {
            let c = &project.claims[next];
            if (ranks[next], c.span.start, c.span.end) > key {
                break;
            }
            next += 1;
        }
        edits.push(Edit::Claim(RecordEdit::Insert { index: next + inserted, record: copy }));
    }
    Ok((Edit::Batch(edits), count))
}

/// `claim` as a member of the adjudicated set: the editor's, made `at`.
fn settled_copy(claim: &Claim, id: ClaimId, editor: Option<ReviewerId>, at: Timestamp) -> Claim {
    let request = ClaimRequest {
        document: claim.document.clone(),
        span: claim.span,
        kind: claim.kind.clone(),
        verdict: Some(claim.verdict.clone()),
        claimant: claim.claimant.clone(),
        attribution: claim.attribution,
        sources: claim.sources.clone(),
        frames: claim.frames.clone(),
        group: claim.group.clone(),
        note: claim.note.clone(),
        reviewer: None,
        adjudicated: true,
        origin: claim.origin,
    };
    request.into_claim(id, claim.quote.clone(), claim.verdict.clone(), editor, at)
}

/// Whether accepting `claim` replaces the settled claim `settled`: the same span, or
/// overlapping with the same kind, or a copy of `other` (same span and kind).
fn replaces(settled: &Claim, claim: &Claim, other: Option<&Claim>) -> bool {
    settled.span == claim.span
        || settled.kind == claim.kind && settled.span.overlaps(&claim.span)
        || other.is_some_and(|o| settled.span == o.span && settled.kind == o.kind)
}

/// The position in the project of each claim of `document`, by id.
fn claim_positions<'a>(
    project: &'a Project,
    document: &DocumentId,
) -> std::collections::HashMap<&'a ClaimId, usize> {
    project
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| &c.document == document)
        .map(|(i, c)| (&c.id, i))
        .collect()
}

#[cfg(test)]
mod tests;
