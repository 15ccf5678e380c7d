//! Correcting a document's text (a typo, a re-captured article, a publisher's
//! correction) without losing a claim: [`set_text`] maps every claim, passage and
//! rejected suggestion of the document through the difference of the old and the new
//! text, and returns one [`Edit`] (one undo step) with what happened to each claim.
//!
//! # The difference
//!
//! The words of both texts (runs of letters and digits) are matched with `similar`'s
//! patience diff, which anchors on words found once in each text; the text between two
//! matched words is then compared char by char (Myers), so "fighter" → "fighters" keeps
//! "fighter" and a comma turned into a semicolon keeps the words around it. The result
//! is a list of [`Segment`]s: stretches of chars the two texts share, in order.
//!
//! # What happens to a claim
//!
//! - **Unchanged** or **moved**: its whole span lies in one shared stretch, and no word
//!   was glued onto either end ("3,000" → "3,0000" is a change, "fighters." →
//!   "fighters;" is not). It lands on the same chars of the new text, with its quote's
//!   context taken again. "Unchanged" when its span stays where it was.
//! - **Flagged** (`needs_reanchoring`): any other claim. It is kept, never dropped nor
//!   moved onto other words: its span covers what took the place of its text (empty
//!   where the text was only deleted), and its quote keeps the old text, until a
//!   reviewer places it again ([`place_claim`]).
//!
//! A claim flagged before stays flagged unless the new text gives back its quoted text
//! exactly where the difference puts it. Passages keep their ends where the chars at
//! them are shared, and grow over a change at an end; one left empty is dropped.
//! Rejected suggestions whose text changed are dropped (the detector judges the new
//! text afresh).

use super::{Edit, EditError, RecordEdit};
use crate::anchor::{CharIndex, CharSpan, QuoteSelector};
use crate::model::{Claim, ClaimId, Document, DocumentId, Project, QuotedPassage, ReviewerId, Timestamp};
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
use std::ops::Range;
use std::time::{Duration, Instant};

/// Longest a diff may search for the smallest difference before it settles for a
/// coarser one (two whole re-captures of a long text): claims in a coarse difference
/// are flagged rather than moved, never misplaced.
const DIFF_DEADLINE: Duration = Duration::from_secs(4);

/// What [`set_text`] does to a document and its claims.
#[derive(Debug)]
pub struct Retext {
    /// The change: the document's new text and passages, the claims carried over or
    /// flagged, the rejections dropped. `None` when the text is the same.
    pub edit: Option<Edit>,
    /// Claims on the same span (their quote's context taken again where it changed).
    pub unchanged: usize,
    /// Claims on the same words at another place.
    pub moved: usize,
    /// Claims flagged for re-anchoring (including those flagged before that stay so),
    /// in claim order.
    pub flagged: Vec<ClaimId>,
    /// Claims flagged before that the new text gives back, now placed.
    pub restored: usize,
    /// Passages left empty by the change, dropped.
    pub passages_dropped: usize,
    /// Rejected suggestions on changed text, dropped.
    pub rejections_dropped: usize,
}

/// A stretch of chars the old and the new text share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// First char in the old text.
    pub old: usize,
    /// First char in the new text.
    pub new: usize,
    /// Chars.
    pub len: usize,
}

/// The shared stretches of `old` and `new` (char offsets), in order, adjacent ones
/// joined.
pub fn shared_segments(old: &[char], new: &[char]) -> Vec<Segment> {
    let deadline = Some(Instant::now() + DIFF_DEADLINE);
    let old_words = words(old);
    let new_words = words(new);
    let old_tokens: Vec<&[char]> = old_words.iter().map(|r| &old[r.clone()]).collect();
    let new_tokens: Vec<&[char]> = new_words.iter().map(|r| &new[r.clone()]).collect();
    let mut segments: Vec<Segment> = Vec::new();
    let mut push = |segment: Segment| {
        if segment.len == 0 {
            return;
        }
        match segments.last_mut() {
            Some(last) if last.old + last.len == segment.old && last.new + last.len == segment.new => {
                last.len += segment.len
            }
            _ => segments.push(segment),
        }
    };
    // The text between two matched words (or before the first, after the last): the
    // same, or compared char by char.
    let gap = |old_range: Range<usize>, new_range: Range<usize>, push: &mut dyn FnMut(Segment)| {
        let (old_part, new_part) = (&old[old_range.clone()], &new[new_range.clone()]);
        if old_part == new_part {
            push(Segment { old: old_range.start, new: new_range.start, len: old_part.len() });
            return;
        }
        for op in capture_diff_slices_deadline(Algorithm::Myers, old_part, new_part, deadline) {
            if let DiffOp::Equal { old_index, new_index, len } = op {
                push(Segment { old: old_range.start + old_index, new: new_range.start + new_index, len });
            }
        }
    };
    let (mut old_at, mut new_at) = (0, 0);
    for op in capture_diff_slices_deadline(Algorithm::Patience, &old_tokens, &new_tokens, deadline) {
        if let DiffOp::Equal { old_index, new_index, len } = op {
            for k in 0..len {
                let (old_word, new_word) = (&old_words[old_index + k], &new_words[new_index + k]);
                gap(old_at..old_word.start, new_at..new_word.start, &mut push);
                push(Segment { old: old_word.start, new: new_word.start, len: old_word.len() });
                (old_at, new_at) = (old_word.end, new_word.end);
            }
        }
    }
    gap(old_at..old.len(), new_at..new.len(), &mut push);
    segments
}

/// The words of a text: runs of letters and digits, as char ranges. They are what the
/// two texts are first matched by, so that the spaces and commas every text is full of
/// never outweigh a word.
pub fn words(chars: &[char]) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            words.push(start..i);
        } else {
            i += 1;
        }
    }
    words
}

/// Old char offsets to new ones, through the shared stretches.
pub struct CharMap<'a> {
    segments: &'a [Segment],
    old: &'a [char],
    new: &'a [char],
}

impl<'a> CharMap<'a> {
    /// The map of `old` to `new` through `segments` (from [`shared_segments`]).
    pub fn new(segments: &'a [Segment], old: &'a [char], new: &'a [char]) -> CharMap<'a> {
        CharMap { segments, old, new }
    }

    /// The shared stretch that holds old char `at`.
    fn segment_of(&self, at: usize) -> Option<&Segment> {
        let after = self.segments.partition_point(|s| s.old <= at);
        let segment = self.segments.get(after.checked_sub(1)?)?;
        (at < segment.old + segment.len).then_some(segment)
    }

    /// Where `span` of the old text is in the new one, when its chars are all shared in
    /// one stretch and no word was glued onto its ends.
    pub fn carry(&self, span: CharSpan) -> Option<CharSpan> {
        if span.is_empty() {
            return None;
        }
        let segment = self.segment_of(span.start)?;
        if span.end > segment.old + segment.len {
            return None;
        }
        let new = CharSpan::new(segment.new + span.start - segment.old, segment.new + span.end - segment.old);
        let glued = |text: &[char], before: usize| {
            before > 0
                && text.get(before).is_some_and(|c| c.is_alphanumeric())
                && text[before - 1].is_alphanumeric()
        };
        let same_ends = glued(self.old, span.start) == glued(self.new, new.start)
            && glued(self.old, span.end) == glued(self.new, new.end);
        same_ends.then_some(new)
    }

    /// Where a span that starts at old char `at` starts in the new text: the same char
    /// when it is shared, else where the change that took its place starts.
    pub fn start(&self, at: usize) -> usize {
        if let Some(segment) = self.segment_of(at) {
            return segment.new + at - segment.old;
        }
        // In a change: the end of the shared stretch before it.
        let before = self.segments.partition_point(|s| s.old + s.len <= at);
        before.checked_sub(1).map_or(0, |i| self.segments[i].new + self.segments[i].len)
    }

    /// Where a span that ends at old char `at` (exclusive) ends in the new text: after
    /// the same char when it is shared, else where the change that took its place ends.
    pub fn end(&self, at: usize) -> usize {
        if at > 0
            && let Some(segment) = self.segment_of(at - 1)
        {
            return segment.new + at - segment.old;
        }
        // In a change: the start of the shared stretch after it.
        let after = self.segments.partition_point(|s| s.old < at);
        self.segments.get(after).map_or(self.new.len(), |s| s.new)
    }

    /// [`CharMap::start`] and [`CharMap::end`] of a span, the end never before the start.
    pub fn cover(&self, span: CharSpan) -> CharSpan {
        let start = self.start(span.start);
        CharSpan::new(start, self.end(span.end).max(start))
    }
}

/// Whether `span` of `new` sits as `quote` did in its text: no word glued onto either
/// end unless one was in the quote's own context.
fn in_old_context(quote: &QuoteSelector, new: &[char], span: CharSpan) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let (first, last) = (quote.exact.chars().next(), quote.exact.chars().last());
    let glued_before = alnum(quote.prefix.chars().last()) && alnum(first);
    let glued_after = alnum(quote.suffix.chars().next()) && alnum(last);
    let before = span.start.checked_sub(1).and_then(|i| new.get(i).copied());
    glued_before == (alnum(before) && alnum(new.get(span.start).copied()))
        && glued_after
            == (alnum(new.get(span.end).copied())
                && alnum(span.end.checked_sub(1).and_then(|i| new.get(i).copied())))
}

/// `span` widened to whole words where it starts or ends inside one (what replaced a
/// flagged claim's words, as the reviewer will want to see it).
fn whole_words(text: &[char], span: CharSpan) -> CharSpan {
    let alnum = |i: usize| text.get(i).is_some_and(|c| c.is_alphanumeric());
    let (mut start, mut end) = (span.start, span.end);
    if start < end || alnum(start) {
        while start > 0 && alnum(start - 1) && alnum(start) {
            start -= 1;
        }
    }
    while end > 0 && end < text.len() && alnum(end - 1) && alnum(end) {
        end += 1;
    }
    CharSpan::new(start, end.max(start))
}

/// `passages` carried through `map`: each end kept where its char is shared, grown over a
/// change at an end, but never over the passage before it (a change between two passages
/// goes to the later one's start, not to both); one left empty is dropped.
pub fn carry_passages(passages: &[QuotedPassage], map: &CharMap<'_>) -> Vec<QuotedPassage> {
    let mut carried: Vec<QuotedPassage> = Vec::with_capacity(passages.len());
    for passage in passages {
        let mut span = map.cover(passage.span);
        if let Some(previous) = carried.last_mut() {
            previous.span.end = previous.span.end.min(span.start.max(previous.span.start));
            span.start = span.start.max(previous.span.end);
        }
        if !span.is_empty() {
            carried.push(QuotedPassage { span, ..passage.clone() });
        }
    }
    carried.retain(|p| !p.span.is_empty());
    carried
}

/// `passages` of `old` text moved onto `new` (a merge that took one side's passages and
/// the other side's text).
pub fn passages_onto(passages: &[QuotedPassage], old: &str, new: &str) -> Vec<QuotedPassage> {
    let (old, new): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    let segments = shared_segments(&old, &new);
    carry_passages(passages, &CharMap::new(&segments, &old, &new))
}

/// The edit that gives document `id` the text `new_text`, with every claim, passage and
/// rejection of it carried over or flagged (see the module's notes); changed claims are
/// stamped as modified `at` by `by`.
pub fn set_text(
    project: &Project,
    id: &DocumentId,
    new_text: &str,
    at: &Timestamp,
    by: Option<&ReviewerId>,
) -> Result<Retext, EditError> {
    let Some(position) = project.documents.iter().position(|d| &d.id == id) else {
        return Err(EditError::Missing { kind: <Document as super::Record>::NAME, id: id.to_string() });
    };
    let document = &project.documents[position];
    let mut retext = Retext {
        edit: None,
        unchanged: 0,
        moved: 0,
        flagged: Vec::new(),
        restored: 0,
        passages_dropped: 0,
        rejections_dropped: 0,
    };
    if *document.text == *new_text {
        retext.unchanged = project.claims_in(id).count();
        return Ok(retext);
    }
    let old: Vec<char> = document.text.chars().collect();
    let new: Vec<char> = new_text.chars().collect();
    let segments = shared_segments(&old, &new);
    let map = CharMap::new(&segments, &old, &new);
    let index = CharIndex::new(new_text);

    let mut edits = Vec::new();
    for (i, claim) in project.claims.iter().enumerate().filter(|(_, c)| &c.document == id) {
        let mut updated = claim.clone();
        // A flagged claim's span holds what replaced its words: it is placed again only
        // where the new text gives back its quoted words in their old context.
        let candidates = if claim.needs_reanchoring {
            vec![map.carry(claim.span), Some(map.cover(claim.span))]
        } else {
            vec![map.carry(claim.span)]
        };
        let found = candidates
            .into_iter()
            .flatten()
            .filter(|span| !claim.needs_reanchoring || in_old_context(&claim.quote, &new, *span))
            .find_map(|span| {
                let quote = QuoteSelector::capture_indexed(&index, span)?;
                (quote.exact == claim.quote.exact).then_some((span, quote))
            });
        match found {
            // Checked against the stored quote: the words at the new place are its words.
            Some((span, quote)) if quote.exact == claim.quote.exact => {
                if claim.needs_reanchoring {
                    retext.restored += 1;
                } else if span == claim.span {
                    retext.unchanged += 1;
                } else {
                    retext.moved += 1;
                }
                updated.span = span;
                updated.quote = quote;
                updated.needs_reanchoring = false;
            }
            _ => {
                updated.span = whole_words(&new, map.cover(claim.span));
                updated.needs_reanchoring = true;
                retext.flagged.push(claim.id.clone());
            }
        }
        if updated != *claim {
            updated.modified = at.clone();
            updated.modified_by = by.cloned().or(updated.modified_by);
            edits.push(Edit::Claim(RecordEdit::ReplaceAt { index: i, record: updated }));
        }
    }

    let mut changed = document.clone();
    changed.text = new_text.into();
    changed.passages = carry_passages(&document.passages, &map);
    retext.passages_dropped = document.passages.len() - changed.passages.len();
    edits.insert(0, Edit::Document(RecordEdit::ReplaceAt { index: position, record: changed }));

    let mut remove = Vec::new();
    let mut add = Vec::new();
    for rejection in project.rejections.iter().filter(|r| &r.document == id) {
        match map.carry(rejection.span) {
            Some(span) if span == rejection.span => {}
            Some(span) => {
                remove.push((id.clone(), rejection.span));
                add.push(crate::model::Rejection { span, ..rejection.clone() });
            }
            None => {
                remove.push((id.clone(), rejection.span));
                retext.rejections_dropped += 1;
            }
        }
    }
    if !remove.is_empty() {
        edits.push(Edit::Rejections { add, remove, restore: Vec::new() });
    }
    retext.edit = Some(Edit::Batch(edits));
    Ok(retext)
}

/// The edit that places claim `id` on `span` of its document (a reviewer's answer to
/// "needs re-anchoring", or any move of a claim): its quote taken there, the flag
/// cleared. `None` when the claim, its document or the span is not there, or the span is
/// empty.
pub fn place_claim(project: &Project, id: &ClaimId, span: CharSpan, at: Timestamp) -> Option<Edit> {
    let claim: &Claim = project.claim(id)?;
    let document = project.document(&claim.document)?;
    if span.is_empty() {
        return None;
    }
    let quote = QuoteSelector::capture(&document.text, span)?;
    Edit::replace_claim(claim, at, |c| {
        c.span = span;
        c.quote = quote;
        c.needs_reanchoring = false;
    })
}

#[cfg(test)]
mod tests;
