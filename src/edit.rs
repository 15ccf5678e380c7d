//! Every change to a [`Project`] as a value ([`Edit`]), applied in one place, with undo
//! and redo ([`History`]).
//!
//! The app and the command line change projects only through [`Edit`]s, so that undo,
//! autosave and the "unsaved changes" marker all see one path for change. An edit is
//! checked before anything changes: adding an id that exists, or changing a record that
//! does not, is refused and leaves the project as it was. Applying an edit returns its
//! inverse, which is what undo applies.
//!
//! New claims are made in one place, [`mark_claim`] (and [`ClaimRequest::into_claim`] for
//! imports, which check a whole batch at once).
//!
//! Nothing here does I/O or knows about the window.

mod batch;
mod mark;
pub mod records;
pub mod retext;

pub use mark::{ClaimRequest, MarkError, check_label, mark_claim, reviewer_of};
pub use retext::{Retext, place_claim, set_text};

use crate::model::{
    Claim, ClaimGroup, ClaimId, Conflict, ConflictId, Document, DocumentId, GroupId, Outlet, OutletId,
    Project, QuotedPassage, Rejection, Reviewer, ReviewerId, Source, SourceId, SourceLink, Taxonomy,
    Timestamp,
};
use crate::text::CharSpan;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use thiserror::Error;

/// A record kept in one of a project's lists, addressed by its id.
pub trait Record: Clone + std::fmt::Debug + PartialEq {
    /// The id type.
    type Id: Clone + std::fmt::Debug + Eq + std::hash::Hash + std::fmt::Display;
    /// What the record is called in messages ("claim", "outlet" ...).
    const NAME: &'static str;
    /// Its id.
    fn record_id(&self) -> &Self::Id;
    /// The list of the project that holds records of this type.
    fn list(project: &mut Project) -> &mut Vec<Self>;
    /// The [`Edit`] of a change to a record of this type.
    fn wrap(edit: RecordEdit<Self>) -> Edit;
    /// The change to a record of this type that `edit` is, if it is one.
    fn peek(edit: &Edit) -> Option<&RecordEdit<Self>>;
    /// `edit` as a change to a record of this type, if it is one.
    fn from_edit(edit: Edit) -> Option<RecordEdit<Self>>;
}

macro_rules! record {
    ($type:ty, $id:ty, $name:literal, $field:ident, $variant:ident) => {
        impl Record for $type {
            type Id = $id;
            const NAME: &'static str = $name;
            fn record_id(&self) -> &$id {
                &self.id
            }
            fn list(project: &mut Project) -> &mut Vec<Self> {
                &mut project.$field
            }
            fn wrap(edit: RecordEdit<Self>) -> Edit {
                Edit::$variant(edit)
            }
            fn peek(edit: &Edit) -> Option<&RecordEdit<Self>> {
                match edit {
                    Edit::$variant(edit) => Some(edit),
                    _ => None,
                }
            }
            fn from_edit(edit: Edit) -> Option<RecordEdit<Self>> {
                match edit {
                    Edit::$variant(edit) => Some(edit),
                    _ => None,
                }
            }
        }
    };
}

record!(Outlet, OutletId, "outlet", outlets, Outlet);
record!(Source, SourceId, "source", sources, Source);
record!(Document, DocumentId, "document", documents, Document);
record!(Claim, ClaimId, "claim", claims, Claim);
record!(ClaimGroup, GroupId, "group", groups, Group);
record!(Reviewer, ReviewerId, "reviewer", reviewers, Reviewer);
record!(Conflict, ConflictId, "conflict", conflicts, Conflict);

/// A change to one record of type `R`.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordEdit<R: Record> {
    /// Insert a new record at a position of its list (clamped to the list's length).
    Insert {
        /// Position in the list.
        index: usize,
        /// The record; its id must be new.
        record: R,
    },
    /// Replace the record with the same id.
    Replace(R),
    /// Remove the record with this id.
    Remove(R::Id),
    /// Replace the record at `index` when it has the record's id, else as
    /// [`RecordEdit::Replace`]. Inverses carry the position they know, so that undo
    /// and redo find their records without searching the list.
    ReplaceAt {
        /// Where the record is expected.
        index: usize,
        /// The new record.
        record: R,
    },
    /// Remove the record at `index` when it has `id`, else as [`RecordEdit::Remove`]
    /// (the inverse of an insert: the record it put there).
    RemoveAt {
        /// Where the record is expected.
        index: usize,
        /// Its id.
        id: R::Id,
    },
}

impl<R: Record> RecordEdit<R> {
    /// The position this edit names in `list`: `hint` when the record there has `id`,
    /// else the first record with `id`.
    fn locate(list: &[R], hint: Option<usize>, id: &R::Id) -> Option<usize> {
        match hint {
            Some(index) if list.get(index).is_some_and(|r| r.record_id() == id) => Some(index),
            _ => list.iter().position(|r| r.record_id() == id),
        }
    }
}

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A change to an outlet.
    Outlet(RecordEdit<Outlet>),
    /// A change to a source.
    Source(RecordEdit<Source>),
    /// A change to a document.
    Document(RecordEdit<Document>),
    /// A change to a claim.
    Claim(RecordEdit<Claim>),
    /// A change to a claim group.
    Group(RecordEdit<ClaimGroup>),
    /// A change to a reviewer.
    Reviewer(RecordEdit<Reviewer>),
    /// A change to a recorded conflict (settling one removes it; see
    /// [`crate::team::settle`]).
    Conflict(RecordEdit<Conflict>),
    /// New project name and description.
    ProjectInfo {
        /// Name.
        name: String,
        /// Description.
        description: String,
    },
    /// Replace the taxonomy.
    Taxonomy(Box<Taxonomy>),
    /// New source links for claims (a merge or a deletion of a source): only those
    /// fields change, so no claim is copied. All of them, or none when a claim is missing.
    ClaimSources(Vec<SourcesChange>),
    /// Suggestions of the claim detector turned down (`add`, appended, each replacing an
    /// entry of the same document and span), or taken back (`remove`, by document and
    /// span); `restore` puts entries back at their old places (an undo's). Applied in
    /// that order: removals, additions, restorations.
    Rejections {
        /// Entries to record.
        add: Vec<Rejection>,
        /// Document and span of entries to drop.
        remove: Vec<(DocumentId, CharSpan)>,
        /// Entries to put back, each at its position, in this order.
        restore: Vec<(usize, Rejection)>,
    },
    /// Several edits applied as one step: all of them, or none.
    Batch(Vec<Edit>),
}

/// The source links of one claim after an [`Edit::ClaimSources`], with the fields that
/// record the change.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcesChange {
    /// Where the claim is expected; it is searched for by id when another record is there.
    pub index: usize,
    /// The claim.
    pub id: ClaimId,
    /// Its links.
    pub sources: Vec<SourceLink>,
    /// Its modified time.
    pub modified: Timestamp,
    /// Who changed it last.
    pub modified_by: Option<ReviewerId>,
}

/// Applies an [`Edit::ClaimSources`]: swaps each change's fields with its claim's, so
/// that the changes, in reverse order, are the inverse.
fn apply_sources(project: &mut Project, mut changes: Vec<SourcesChange>) -> Result<Edit, EditError> {
    let claims = &mut project.claims;
    let named = |c: &SourcesChange| claims.get(c.index).is_some_and(|claim| claim.id == c.id);
    if !changes.iter().all(named) {
        // A position that holds another claim (the list changed behind the history):
        // the claims are found by id, in one pass over the list.
        let ids: Vec<&ClaimId> = changes.iter().map(|c| &c.id).collect();
        let found = batch::first_positions(claims, &ids);
        let mut placed = Vec::with_capacity(changes.len());
        for (change, position) in changes.iter().zip(found) {
            let keep = named(change).then_some(change.index);
            let Some(index) = keep.or(position) else {
                return Err(EditError::Missing { kind: Claim::NAME, id: change.id.to_string() });
            };
            placed.push(index);
        }
        changes.iter_mut().zip(placed).for_each(|(change, index)| change.index = index);
    }
    for change in &mut changes {
        let claim = &mut claims[change.index];
        std::mem::swap(&mut claim.sources, &mut change.sources);
        std::mem::swap(&mut claim.modified, &mut change.modified);
        std::mem::swap(&mut claim.modified_by, &mut change.modified_by);
    }
    changes.reverse();
    Ok(Edit::ClaimSources(changes))
}

/// Why an edit was refused. The project is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    /// A record with this id exists already.
    #[error("a {kind} with id \"{id}\" exists already")]
    DuplicateId {
        /// Kind of record.
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// No record has this id.
    #[error("there is no {kind} with id \"{id}\"")]
    Missing {
        /// Kind of record.
        kind: &'static str,
        /// The id.
        id: String,
    },
}

fn apply_record<R: Record>(project: &mut Project, edit: RecordEdit<R>) -> Result<RecordEdit<R>, EditError> {
    let list = R::list(project);
    match edit {
        RecordEdit::Insert { index, record } => {
            if list.iter().any(|r| r.record_id() == record.record_id()) {
                return Err(EditError::DuplicateId { kind: R::NAME, id: record.record_id().to_string() });
            }
            let id = record.record_id().clone();
            let index = index.min(list.len());
            list.insert(index, record);
            Ok(RecordEdit::RemoveAt { index, id })
        }
        RecordEdit::Replace(record) => replace_at(list, None, record),
        RecordEdit::ReplaceAt { index, record } => replace_at(list, Some(index), record),
        RecordEdit::Remove(id) => remove_at(list, None, id),
        RecordEdit::RemoveAt { index, id } => remove_at(list, Some(index), id),
    }
}

/// [`Edit::Rejections`]: all of it, or nothing when an entry to remove is missing. The
/// inverse removes what this added or restored and puts back what it removed or
/// replaced, each at the position it had, so that undo gives the list exactly back.
fn apply_rejections(
    project: &mut Project,
    add: Vec<Rejection>,
    remove: Vec<(DocumentId, CharSpan)>,
    restore: Vec<(usize, Rejection)>,
) -> Result<Edit, EditError> {
    let list = &mut project.rejections;
    let find = |list: &[Rejection], (document, span): (&DocumentId, CharSpan)| {
        list.iter().rposition(|r| &r.document == document && r.span == span)
    };
    let mut keys = std::collections::HashSet::new();
    let missing = remove.iter().find(|(d, s)| !keys.insert((d, *s)) || find(list, (d, *s)).is_none());
    if let Some((document, span)) = missing {
        return Err(EditError::Missing {
            kind: "rejected suggestion",
            id: format!("{document} {}..{}", span.start, span.end),
        });
    }
    // What this edit takes out, with where it stood, in the order it went.
    let mut taken = Vec::new();
    for (document, span) in &remove {
        if let Some(index) = find(list, (document, *span)) {
            taken.push((index, list.remove(index)));
        }
    }
    // The keys of what this edit puts in.
    let mut put: Vec<(DocumentId, CharSpan)> = Vec::with_capacity(add.len() + restore.len());
    for rejection in add {
        let key = (rejection.document.clone(), rejection.span);
        let added_here = put.contains(&key);
        if let Some(index) = find(list, (&key.0, key.1)) {
            let old = list.remove(index);
            // An entry this edit added is replaced, and was not there before.
            if !added_here {
                taken.push((index, old));
            }
        }
        if !added_here {
            put.push(key);
        }
        list.push(rejection);
    }
    for (index, rejection) in restore {
        put.push((rejection.document.clone(), rejection.span));
        list.insert(index.min(list.len()), rejection);
    }
    taken.reverse();
    Ok(Edit::Rejections { add: Vec::new(), remove: put, restore: taken })
}

/// [`RecordEdit::Replace`], at `hint` when the record there has the id.
fn replace_at<R: Record>(list: &mut [R], hint: Option<usize>, record: R) -> Result<RecordEdit<R>, EditError> {
    let Some(index) = RecordEdit::locate(list, hint, record.record_id()) else {
        return Err(EditError::Missing { kind: R::NAME, id: record.record_id().to_string() });
    };
    Ok(RecordEdit::ReplaceAt { index, record: std::mem::replace(&mut list[index], record) })
}

/// [`RecordEdit::Remove`], at `hint` when the record there has the id.
fn remove_at<R: Record>(
    list: &mut Vec<R>,
    hint: Option<usize>,
    id: R::Id,
) -> Result<RecordEdit<R>, EditError> {
    let Some(index) = RecordEdit::locate(list, hint, &id) else {
        return Err(EditError::Missing { kind: R::NAME, id: id.to_string() });
    };
    Ok(RecordEdit::Insert { index, record: list.remove(index) })
}

impl Edit {
    /// Records `by` as who last changed every claim this edit replaces (the claims it
    /// adds keep their creator in `reviewer`; removals change no one's claim).
    pub fn stamp_changes_by(&mut self, by: &ReviewerId) {
        match self {
            Edit::Claim(RecordEdit::Replace(claim) | RecordEdit::ReplaceAt { record: claim, .. }) => {
                claim.modified_by = Some(by.clone())
            }
            Edit::ClaimSources(changes) => changes.iter_mut().for_each(|c| c.modified_by = Some(by.clone())),
            Edit::Batch(edits) => edits.iter_mut().for_each(|edit| edit.stamp_changes_by(by)),
            _ => {}
        }
    }

    /// Applies the edit and returns its inverse. On error nothing has changed.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::Outlet(e) => Edit::Outlet(apply_record(project, e)?),
            Edit::Source(e) => Edit::Source(apply_record(project, e)?),
            Edit::Document(e) => Edit::Document(apply_record(project, e)?),
            Edit::Claim(e) => Edit::Claim(apply_record(project, e)?),
            Edit::Group(e) => Edit::Group(apply_record(project, e)?),
            Edit::Reviewer(e) => Edit::Reviewer(apply_record(project, e)?),
            Edit::Conflict(e) => Edit::Conflict(apply_record(project, e)?),
            Edit::ProjectInfo { name, description } => Edit::ProjectInfo {
                name: std::mem::replace(&mut project.name, name),
                description: std::mem::replace(&mut project.description, description),
            },
            Edit::Taxonomy(taxonomy) => {
                Edit::Taxonomy(Box::new(std::mem::replace(&mut project.taxonomy, *taxonomy)))
            }
            Edit::ClaimSources(changes) => apply_sources(project, changes)?,
            Edit::Rejections { add, remove, restore } => apply_rejections(project, add, remove, restore)?,
            // One by one in effect, in time linear in the project and the batch.
            Edit::Batch(edits) => batch::apply(project, edits)?,
        })
    }

    /// Adds a claim at its place in document order (by document, then position).
    pub fn add_claim(project: &Project, claim: Claim) -> Edit {
        let positions = project.document_positions();
        let key = (positions.get(&claim.document).copied(), claim.span.start, claim.span.end);
        let index = project
            .claims
            .iter()
            .zip(project.claim_document_positions(&positions))
            .position(|(c, rank)| (rank, c.span.start, c.span.end) > key)
            .unwrap_or(project.claims.len());
        Edit::Claim(RecordEdit::Insert { index, record: claim })
    }

    /// The edit that replaces `claim` by its copy changed by `change` and stamped as
    /// modified `at`; `None` when `change` changes nothing.
    pub fn replace_claim(claim: &Claim, at: Timestamp, change: impl FnOnce(&mut Claim)) -> Option<Edit> {
        let mut updated = claim.clone();
        change(&mut updated);
        if updated == *claim {
            return None;
        }
        updated.modified = at;
        Some(Edit::Claim(RecordEdit::Replace(updated)))
    }

    /// The edit that adds `passage` to `document` at its place in text order; `Err` with
    /// the passage it overlaps, which passages never do.
    pub fn add_passage(document: &Document, passage: QuotedPassage) -> Result<Edit, &QuotedPassage> {
        if let Some(other) = document.passages.iter().find(|p| p.span.overlaps(&passage.span)) {
            return Err(other);
        }
        let mut updated = document.clone();
        let at = updated.passages.partition_point(|p| p.span.start < passage.span.start);
        updated.passages.insert(at, passage);
        Ok(Edit::Document(RecordEdit::Replace(updated)))
    }

    /// Adds a record at the end of its list.
    pub fn append<R: Record>(record: R) -> RecordEdit<R> {
        RecordEdit::Insert { index: usize::MAX, record }
    }
}

/// Undo and redo stacks, with consecutive edits of one field merged into one step.
#[derive(Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The state of the project before any step of this history.
    base_state: u64,
    /// Edits with the same merge key within this time are one step; zero means the
    /// default of 1.5 s.
    pub merge_window: Duration,
}

#[derive(Debug)]
struct Step {
    label: String,
    inverse: Edit,
    merge_key: Option<String>,
    at: Instant,
    /// Identifies the project state after this step, for the unsaved-changes marker.
    state: u64,
}

/// Hands out project state numbers unique in this process, so that a state seen in one
/// project is never mistaken for one of another project opened later.
fn fresh_state() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// An empty history.
    pub fn new() -> History {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            base_state: fresh_state(),
            merge_window: Duration::ZERO,
        }
    }

    /// Applies `edit` as one undoable step called `label`. Consecutive edits with the
    /// same `merge_key` (say, `"claim-17/claimant"` while typing) become one step unless
    /// more than the merge window passed between them or [`History::seal`] was called.
    pub fn apply(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: impl Into<String>,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        let inverse = edit.apply(project)?;
        self.redo.clear();
        let state = fresh_state();
        let now = Instant::now();
        let window =
            if self.merge_window.is_zero() { Duration::from_millis(1500) } else { self.merge_window };
        if let (Some(key), Some(top)) = (&merge_key, self.undo.last_mut())
            && top.merge_key.as_ref() == Some(key)
            && now.duration_since(top.at) <= window
        {
            // Keep the oldest inverse: undo returns to before the first keystroke.
            top.at = now;
            top.state = state;
            return Ok(());
        }
        self.undo.push(Step { label: label.into(), inverse, merge_key, at: now, state });
        Ok(())
    }

    /// Ends merging: the next edit starts a new step even with the same key (call it
    /// when a text field loses focus).
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.merge_key = None;
        }
    }

    /// Undoes the newest step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.undo.pop()?;
        self.reverse(project, step, true)
    }

    /// Redoes the newest undone step; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.redo.pop()?;
        self.reverse(project, step, false)
    }

    fn reverse(&mut self, project: &mut Project, step: Step, undoing: bool) -> Option<String> {
        let label = step.label.clone();
        match step.inverse.apply(project) {
            Ok(inverse) => {
                let moved =
                    Step { label: step.label, inverse, merge_key: None, at: step.at, state: step.state };
                if undoing {
                    self.redo.push(moved)
                } else {
                    self.undo.push(moved)
                }
                Some(label)
            }
            // The stacks only hold inverses of edits that succeeded on this very
            // project, so this cannot happen unless the project was changed behind the
            // history's back; drop both stacks rather than undo the wrong thing.
            Err(_) => {
                self.undo.clear();
                self.redo.clear();
                None
            }
        }
    }

    /// Label of the step undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// Label of the step redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Identifies the current project state: equal values mean equal projects (as far
    /// as this history knows). Compare with the value at the last save to tell whether
    /// there are unsaved changes.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(self.base_state, |s| s.state)
    }

    /// Forgets all steps (after loading another project).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_undo_and_redo_give_the_list_back_exactly() {
        let rejection = |start: usize, at: u64| Rejection {
            document: DocumentId::new("d"),
            span: CharSpan::new(start, start + 3),
            kind: LabelId::new("money"),
            reviewer: None,
            at: Timestamp::from_unix(at),
        };
        let mut project = Project::new("p", Taxonomy::builtin());
        project.rejections = vec![rejection(0, 1), rejection(10, 1), rejection(20, 1)];
        let key = |start: usize| (DocumentId::new("d"), CharSpan::new(start, start + 3));
        for edit in [
            // The same span rejected again (a newer entry replaces the first).
            Edit::Rejections { add: vec![rejection(0, 2)], remove: Vec::new(), restore: Vec::new() },
            // One taken back, one added twice in one edit.
            Edit::Rejections {
                add: vec![rejection(30, 2), rejection(30, 3)],
                remove: vec![key(10)],
                restore: Vec::new(),
            },
            // Every one taken back.
            Edit::Rejections { add: Vec::new(), remove: vec![key(20), key(0), key(10)], restore: Vec::new() },
        ] {
            let before = project.clone();
            let inverse = edit.clone().apply(&mut project).unwrap();
            let after = project.clone();
            let redo = inverse.apply(&mut project).unwrap();
            assert_eq!(project, before, "undo of {edit:?}");
            redo.apply(&mut project).unwrap();
            assert_eq!(project, after, "redo of {edit:?}");
            project = before;
        }
        // Taking back what is not there changes nothing.
        let before = project.clone();
        let missing =
            Edit::Rejections { add: vec![rejection(40, 1)], remove: vec![key(50)], restore: Vec::new() };
        assert!(missing.apply(&mut project).is_err());
        assert_eq!(project, before);
        let twice = Edit::Rejections { add: Vec::new(), remove: vec![key(0), key(0)], restore: Vec::new() };
        assert!(twice.apply(&mut project).is_err());
        assert_eq!(project, before);
    }
    use crate::model::{LabelId, OutletId, Taxonomy};

    fn outlet(id: &str, name: &str) -> Outlet {
        Outlet {
            id: OutletId::new(id),
            name: name.into(),
            domain: None,
            country: None,
            affiliation: LabelId::new("unknown"),
            owner: None,
            notes: String::new(),
        }
    }

    fn project() -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        project.outlets.push(outlet("outlet-1", "Sputnik"));
        project
    }

    #[test]
    fn every_edit_has_an_inverse_that_restores_the_project() {
        let original = project();
        let edits = vec![
            Edit::Outlet(Edit::append(outlet("outlet-2", "Arab News"))),
            Edit::Outlet(RecordEdit::Replace(outlet("outlet-1", "Sputnik International"))),
            Edit::Outlet(RecordEdit::Remove(OutletId::new("outlet-1"))),
            Edit::ProjectInfo { name: "renamed".into(), description: "d".into() },
            Edit::Batch(vec![
                Edit::Outlet(RecordEdit::Insert { index: 0, record: outlet("outlet-3", "Forum") }),
                Edit::Outlet(RecordEdit::Replace(outlet("outlet-1", "x"))),
            ]),
        ];
        for edit in edits {
            let mut changed = original.clone();
            let inverse = edit.clone().apply(&mut changed).unwrap();
            assert_ne!(changed, original, "{edit:?} changes something");
            inverse.apply(&mut changed).unwrap();
            assert_eq!(changed, original, "the inverse of {edit:?} restores the project");
        }
    }

    #[test]
    fn inverses_name_positions_which_are_used_only_when_they_hold_the_record() {
        let mut project = project();
        project.outlets.push(outlet("outlet-2", "Arab News"));
        // An insert's inverse names where the record went; a replace's where it was.
        let insert = Edit::Outlet(RecordEdit::Insert { index: 9, record: outlet("outlet-3", "Forum") });
        let undo = insert.apply(&mut project).unwrap();
        let id = OutletId::new("outlet-3");
        assert_eq!(undo, Edit::Outlet(RecordEdit::RemoveAt { index: 2, id: id.clone() }));
        let replace = Edit::Outlet(RecordEdit::Replace(outlet("outlet-2", "Arab News Daily")));
        let undo = replace.apply(&mut project).unwrap();
        assert_eq!(
            undo,
            Edit::Outlet(RecordEdit::ReplaceAt { index: 1, record: outlet("outlet-2", "Arab News") })
        );
        // A position holding another record: the record is searched for, as without one.
        let remove = Edit::Outlet(RecordEdit::RemoveAt { index: 0, id: id.clone() });
        let undo = remove.apply(&mut project).unwrap();
        assert_eq!(undo, Edit::Outlet(RecordEdit::Insert { index: 2, record: outlet("outlet-3", "Forum") }));
        let far = Edit::Outlet(RecordEdit::ReplaceAt { index: 99, record: outlet("outlet-1", "Sputnik") });
        assert!(far.apply(&mut project).is_ok());
        // With a repeated id (a broken file) the named position decides which one goes.
        project.outlets.push(outlet("outlet-1", "twin"));
        let remove = Edit::Outlet(RecordEdit::RemoveAt { index: 2, id: OutletId::new("outlet-1") });
        remove.apply(&mut project).unwrap();
        let names: Vec<&str> = project.outlets.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Sputnik", "Arab News Daily"]);
        let missing = Edit::Outlet(RecordEdit::RemoveAt { index: 0, id });
        assert!(matches!(missing.apply(&mut project), Err(EditError::Missing { .. })));
    }

    #[test]
    fn a_change_of_source_links_swaps_only_those_fields_and_finds_moved_claims() {
        use crate::anchor::CharSpan;
        let mut project = project();
        let text = "One claim. Two claims.";
        project.documents.push(Document::new(DocumentId::new("doc-1"), "D", text));
        for (n, start) in [(1, 0), (2, 11)] {
            let (span, at) = (CharSpan::new(start, start + 3), Timestamp::from_unix(1));
            let quote = crate::anchor::QuoteSelector::capture(text, span).unwrap();
            let id = ClaimId::new(format!("claim-{n}"));
            let kind = crate::model::LabelId::new("quantity");
            let verdict = crate::model::LabelId::new("unverified");
            project.claims.push(Claim::new(id, DocumentId::new("doc-1"), span, quote, kind, verdict, at));
        }
        let original = project.clone();
        let link =
            SourceLink { source: SourceId::new("source-1"), relation: crate::model::LabelId::new("cited") };
        let change = |index: usize, n: usize| SourcesChange {
            index,
            id: ClaimId::new(format!("claim-{n}")),
            sources: vec![link.clone()],
            modified: Timestamp::from_unix(5),
            modified_by: None,
        };
        // The second claim named at the first's position: found by its id.
        let mut edit = Edit::ClaimSources(vec![change(0, 1), change(0, 2)]);
        edit.stamp_changes_by(&ReviewerId::new("reviewer-1"));
        let inverse = edit.apply(&mut project).unwrap();
        for claim in &project.claims {
            assert_eq!(claim.sources, std::slice::from_ref(&link));
            assert_eq!(claim.modified, Timestamp::from_unix(5));
            assert_eq!(claim.modified_by, Some(ReviewerId::new("reviewer-1")));
            assert_eq!(claim.quote.exact.len(), 3, "the rest of the claim is kept");
        }
        inverse.apply(&mut project).unwrap();
        assert_eq!(project, original);
        // A missing claim refuses the whole change.
        let missing = Edit::ClaimSources(vec![change(0, 1), change(1, 9)]);
        assert!(matches!(missing.apply(&mut project), Err(EditError::Missing { .. })));
        assert_eq!(project, original);
    }

    #[test]
    fn refused_edits_change_nothing_and_batches_roll_back() {
        let mut changed = project();
        let duplicate = Edit::Outlet(Edit::append(outlet("outlet-1", "again")));
        assert!(matches!(duplicate.apply(&mut changed), Err(EditError::DuplicateId { .. })));
        let missing = Edit::Outlet(RecordEdit::Replace(outlet("outlet-9", "x")));
        assert!(matches!(missing.apply(&mut changed), Err(EditError::Missing { .. })));
        let batch = Edit::Batch(vec![
            Edit::Outlet(Edit::append(outlet("outlet-2", "new"))),
            Edit::Outlet(RecordEdit::Remove(OutletId::new("outlet-9"))),
        ]);
        assert!(batch.apply(&mut changed).is_err());
        assert_eq!(changed, project(), "the first half of the batch was rolled back");
    }

    #[test]
    fn typing_merges_into_one_step_until_sealed() {
        let mut project = project();
        let mut history = History::new();
        let saved = history.state();
        for name in ["S", "Sp", "Spu"] {
            let edit = Edit::Outlet(RecordEdit::Replace(outlet("outlet-1", name)));
            history.apply(&mut project, edit, "Edit name", Some("outlet-1/name".into())).unwrap();
        }
        assert_ne!(history.state(), saved);
        history.seal();
        let edit = Edit::Outlet(RecordEdit::Replace(outlet("outlet-1", "Spux")));
        history.apply(&mut project, edit, "Edit name", Some("outlet-1/name".into())).unwrap();
        assert_eq!(history.undo(&mut project).as_deref(), Some("Edit name"));
        assert_eq!(project.outlets[0].name, "Spu", "the sealed step undoes alone");
        history.undo(&mut project);
        assert_eq!(project.outlets[0].name, "Sputnik", "three keystrokes were one step");
        assert_eq!(history.state(), saved, "back at the saved state");
        assert_eq!(history.undo(&mut project), None);
        history.redo(&mut project);
        assert_eq!(project.outlets[0].name, "Spu");
        assert_eq!(history.redo_label(), Some("Edit name"));
    }

    #[test]
    fn a_pause_longer_than_the_window_starts_a_new_step() {
        let mut project = project();
        let mut history = History { merge_window: Duration::from_millis(1), ..History::new() };
        let edit = |name: &str| Edit::Outlet(RecordEdit::Replace(outlet("outlet-1", name)));
        history.apply(&mut project, edit("A"), "Edit name", Some("k".into())).unwrap();
        std::thread::sleep(Duration::from_millis(5));
        history.apply(&mut project, edit("AB"), "Edit name", Some("k".into())).unwrap();
        history.undo(&mut project);
        assert_eq!(project.outlets[0].name, "A");
    }

    #[test]
    fn a_new_edit_clears_redo_and_states_differ_between_histories() {
        let mut project = project();
        let mut history = History::new();
        history
            .apply(&mut project, Edit::Outlet(Edit::append(outlet("outlet-2", "x"))), "Add", None)
            .unwrap();
        history.undo(&mut project);
        history
            .apply(&mut project, Edit::Outlet(Edit::append(outlet("outlet-3", "y"))), "Add", None)
            .unwrap();
        assert_eq!(history.redo_label(), None);
        assert_ne!(History::new().state(), History::new().state());
    }

    #[test]
    fn claims_are_added_in_document_order() {
        let text = "alpha beta gamma";
        let mut project = project();
        project.documents.push(crate::model::Document::new(DocumentId::new("d"), String::new(), text));
        let claim = |id: &str, start: usize, end: usize| {
            let span = crate::anchor::CharSpan::new(start, end);
            Claim::new(
                ClaimId::new(id),
                DocumentId::new("d"),
                span,
                crate::anchor::QuoteSelector::capture(text, span).unwrap(),
                LabelId::new("event"),
                LabelId::new("unverified"),
                crate::model::Timestamp::from_unix(0),
            )
        };
        for (id, start, end) in [("c3", 11, 16), ("c1", 0, 5), ("c2", 6, 10)] {
            Edit::add_claim(&project, claim(id, start, end)).apply(&mut project).unwrap();
        }
        let order: Vec<&str> = project.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(order, ["c1", "c2", "c3"]);
    }
}
