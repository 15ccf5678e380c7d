//! Three-way semantic merge of two copies of a project that share a base: what `git
//! merge` runs through `claimmark merge BASE OURS THEIRS`.
//!
//! The rules, in the order they run:
//!
//! 1. **Same mark, same id.** Claims that both sides added (not in the base) on the
//!    same span of the same document with the same kind are one mark: theirs takes
//!    ours' id and the two merge field by field. With different kinds both are kept and
//!    a [`ConflictKind::SameSpan`] conflict names both. Claims of two different
//!    reviewers (by name) are never paired: each is that reviewer's mark, which
//!    agreement between reviewers compares (`claimmark agree`). Claims of the
//!    adjudicated set pair with each other whoever settled them (two editors settling
//!    one passage differently is a conflict), never with a reviewer's mark.
//! 2. **Same id, different records.** Ids minted apart before ids had a random tag
//!    (`claim-58` on both sides for different claims) collide: a record both sides
//!    added under one id with different content (claims, outlets, sources, groups,
//!    reviewers, documents `doc-N`) gets a fresh id on their side, and their references
//!    to it follow ([`MergeOutcome::renumbered`]). A reviewer both sides added under
//!    the same name becomes one reviewer (ours' id).
//! 3. **Records matched by id** in every list (outlets, sources, documents, claims,
//!    groups, reviewers, each set of taxonomy labels, recorded conflicts). Order: the
//!    base's order, then ours' new records, then theirs'; claims are then put in
//!    document order (by document, then position), as the app keeps them.
//!    - changed on one side only: that side's version;
//!    - deleted on one side, unchanged on the other: deleted;
//!    - deleted on one side, changed on the other: ours in place (deleted or changed)
//!      and a [`ConflictKind::Deleted`] conflict with both versions;
//!    - changed on both: fields merge one by one (each record serialized to a JSON
//!      value, so one rule covers every record type). A field changed on one side takes
//!      that side's value; a list field (a claim's frames and source links) merges as a
//!      set (base order, then ours' additions, then theirs'; removed when either side
//!      removed it); a field both changed differently keeps ours and records a
//!      [`ConflictKind::Field`] conflict ([`ConflictKind::DocumentText`] for a text). A
//!      claim's span and quote are one field (a moved claim); its `modified` and
//!      `modified_by` come from the side that changed it last, and never conflict (nor
//!      does who settled a claim both sides settled: ours' editor stays).
//! 4. **No dangling ids.** A record one side deleted that the merged project still
//!    refers to (their new claim in a group ours deleted, a document whose outlet went)
//!    is kept, and a [`ConflictKind::Deleted`] conflict (unless one is recorded already)
//!    lets an editor delete it for good. Nothing is silently unlinked.
//! 5. **Claims fit their text.** A claim whose quote no longer matches its document's
//!    merged text (the text changed on the other side) is found again by its quote and
//!    moved; when the quote is not in the text any more the claim is left out and a
//!    [`ConflictKind::PassageLost`] conflict holds it.
//! 6. **Rejected suggestions merge as a set** (by document and span): one taken back on
//!    either side is gone, one made on either side is kept, unless its text changed in
//!    the merge (it might point at other words now: the detector may propose it again).
//!
//! The output depends on the three inputs and [`MergeInfo`] only: the same inputs give
//! the same project, byte for byte once saved (new ids take a tag hashed from the
//! inputs, not a random one). The merged project passes [`crate::store::integrity`].
//! This module must not read or write files.

use crate::anchor::{CharIndex, CharSpan, QuoteCheck, QuoteSelector};
use crate::model::{
    Claim, ClaimGroup, Conflict, ConflictId, ConflictKind, ConflictSide, Document, FORMAT_VERSION,
    IdAllocator, Label, LabelSet, Outlet, Project, RecordKind, RecordRef, Rejection, Reviewer, ReviewerId,
    Source, Timestamp, prefix,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};

/// What a merge needs besides the three projects.
#[derive(Clone, Debug)]
pub struct MergeInfo {
    /// When the merge runs: stamped on the conflicts it records.
    pub at: Timestamp,
}

/// The result of [`merge`].
#[derive(Clone, Debug)]
pub struct MergeOutcome {
    /// The merged project, with the conflicts of this merge appended to
    /// [`Project::conflicts`].
    pub project: Project,
    /// How many conflicts this merge recorded (0: a clean merge).
    pub conflicts_added: usize,
    /// Their records that got a fresh id because ours added a different record under
    /// the same id.
    pub renumbered: Vec<Renumbered>,
}

/// A record of their side that got a new id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renumbered {
    /// Which kind of record.
    pub kind: RecordKind,
    /// Its id on their side.
    pub from: String,
    /// Its id in the merged project.
    pub to: String,
}

/// Merges `ours` and `theirs`, two descendants of `base`; see the module's rules.
pub fn merge(base: &Project, ours: &Project, theirs: &Project, info: &MergeInfo) -> MergeOutcome {
    let mut merger = Merger::new(base, ours, theirs, info);
    let mut theirs = theirs.clone();
    merger.pair_same_marks(&mut theirs);
    merger.renumber_collisions(&mut theirs);
    let project = merger.merge_project(&theirs);
    let project = merger.keep_referenced(project, &theirs);
    let project = merger.fit_passages(project, &theirs);
    let project = merger.fit_claims(project, &theirs);
    merger.finish(project)
}

/// A record of one of the project's lists.
trait Record: Clone + PartialEq + Serialize + DeserializeOwned {
    fn key(&self) -> &str;
    /// Who made this version and when, when the record says.
    fn who_when(&self) -> (Option<ReviewerId>, Option<Timestamp>) {
        (None, None)
    }
}

macro_rules! record {
    ($($t:ty),*) => {$(
        impl Record for $t {
            fn key(&self) -> &str {
                self.id.as_str()
            }
        }
    )*};
}
record!(Outlet, Source, Document, ClaimGroup, Reviewer, Label, Conflict);

impl Record for Claim {
    fn key(&self) -> &str {
        self.id.as_str()
    }
    fn who_when(&self) -> (Option<ReviewerId>, Option<Timestamp>) {
        (self.modified_by.clone().or_else(|| self.reviewer.clone()), Some(self.modified.clone()))
    }
}

/// One line of RON for a record or value in a conflict.
fn ron_line<T: Serialize>(value: &T) -> String {
    ron::to_string(value).unwrap_or_else(|error| format!("(unwritable: {error})"))
}

fn side<T: Record>(record: Option<&T>) -> ConflictSide {
    let (reviewer, modified) = record.map(Record::who_when).unwrap_or_default();
    ConflictSide { value: record.map(ron_line), reviewer, modified }
}

struct Merger<'a> {
    base: &'a Project,
    ours: &'a Project,
    at: Timestamp,
    ids: IdAllocator,
    conflicts: Vec<Conflict>,
    renumbered: Vec<Renumbered>,
    /// Records with a conflict of this merge about them as a whole.
    in_conflict: HashSet<RecordRef>,
}

/// FNV-1a: a hash that is the same on every run and machine (std's is seeded).
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    *hash ^= 0xff;
    *hash = hash.wrapping_mul(0x0100_0000_01b3);
}

/// Every id of `project`'s lists, with the prefix an allocator knows them by.
fn all_ids(project: &Project) -> Vec<(&'static str, &str)> {
    let mut ids = Vec::new();
    ids.extend(project.documents.iter().map(|r| (prefix::DOCUMENT, r.id.as_str())));
    ids.extend(project.claims.iter().map(|r| (prefix::CLAIM, r.id.as_str())));
    ids.extend(project.outlets.iter().map(|r| (prefix::OUTLET, r.id.as_str())));
    ids.extend(project.sources.iter().map(|r| (prefix::SOURCE, r.id.as_str())));
    ids.extend(project.groups.iter().map(|r| (prefix::GROUP, r.id.as_str())));
    ids.extend(project.reviewers.iter().map(|r| (prefix::REVIEWER, r.id.as_str())));
    ids.extend(project.conflicts.iter().map(|r| (prefix::CONFLICT, r.id.as_str())));
    ids
}

impl<'a> Merger<'a> {
    fn new(base: &'a Project, ours: &'a Project, theirs: &Project, info: &MergeInfo) -> Merger<'a> {
        // The tag of new ids: a hash of what the sides added, so the same merge gives
        // the same ids.
        let base_ids: HashSet<&str> = all_ids(base).into_iter().map(|(_, id)| id).collect();
        let mut hash = 0xcbf2_9ce4_8422_2325;
        for project in [ours, theirs] {
            for (_, id) in all_ids(project) {
                if !base_ids.contains(id) {
                    fnv(&mut hash, id.as_bytes());
                }
            }
            fnv(&mut hash, &project.claims.len().to_le_bytes());
        }
        fnv(&mut hash, info.at.as_str().as_bytes());
        const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
        let tag: String = (0..crate::model::TAG_LEN)
            .map(|i| char::from(ALPHABET[((hash >> (5 * i)) & 31) as usize]))
            .collect();
        let mut ids = IdAllocator::with_tag(ours, tag);
        for project in [base, theirs] {
            for (prefix, id) in all_ids(project) {
                ids.observe(prefix, std::iter::once(id));
            }
        }
        Merger {
            base,
            ours,
            at: info.at.clone(),
            ids,
            conflicts: Vec::new(),
            renumbered: Vec::new(),
            in_conflict: HashSet::new(),
        }
    }

    fn conflict(&mut self, kind: ConflictKind, record: RecordRef, field: Option<String>) -> &mut Conflict {
        let id = ConflictId::new(self.ids.next(prefix::CONFLICT));
        self.conflicts.push(Conflict {
            id,
            kind,
            record,
            field,
            other: None,
            base: None,
            ours: ConflictSide::default(),
            theirs: ConflictSide::default(),
            merged: self.at.clone(),
        });
        let last = self.conflicts.len() - 1;
        &mut self.conflicts[last]
    }

    /// Rule 1: their new claims on the span of one of ours' new claims.
    fn pair_same_marks(&mut self, theirs: &mut Project) {
        let base_ids: HashSet<&str> = self.base.claims.iter().map(|c| c.id.as_str()).collect();
        let mut ours_new: HashMap<(&str, usize, usize), Vec<&Claim>> = HashMap::new();
        for claim in self.ours.claims.iter().filter(|c| !base_ids.contains(c.id.as_str())) {
            ours_new
                .entry((claim.document.as_str(), claim.span.start, claim.span.end))
                .or_default()
                .push(claim);
        }
        // Who marked a claim, by name (the two copies gave one person different ids).
        let hand = |project: &Project, claim: &Claim| -> Option<String> {
            let id = claim.reviewer.as_ref()?;
            let reviewer = project.reviewers.iter().find(|r| &r.id == id)?;
            Some(reviewer.name.trim().to_lowercase())
        };
        let mut renames = Vec::new();
        for claim in theirs.claims.iter().filter(|c| !base_ids.contains(c.id.as_str())) {
            let Some(on_span) = ours_new.get(&(claim.document.as_str(), claim.span.start, claim.span.end))
            else {
                continue;
            };
            // Two reviewers' marks of one span stay two marks: they are what agreement
            // between reviewers compares. The adjudicated set is one set, whichever
            // editor settled a claim, and never pairs with a reviewer's mark.
            let theirs_hand = hand(theirs, claim);
            let on_span: Vec<&Claim> = on_span
                .iter()
                .copied()
                .filter(|o| o.adjudicated == claim.adjudicated)
                .filter(|o| {
                    claim.adjudicated
                        || match (hand(self.ours, o), &theirs_hand) {
                            (Some(ours_hand), Some(theirs_hand)) => ours_hand == *theirs_hand,
                            _ => true,
                        }
                })
                .collect();
            if on_span.iter().any(|o| o.id == claim.id) {
                continue; // one id: merged as one record anyway
            }
            if let Some(same) = on_span.iter().find(|o| o.kind == claim.kind) {
                renames.push((claim.id.as_str().to_owned(), same.id.as_str().to_owned()));
            } else if let Some(first) = on_span.first() {
                let record = RecordRef { kind: RecordKind::Claim, id: first.id.to_string() };
                let other = RecordRef { kind: RecordKind::Claim, id: claim.id.to_string() };
                let (ours_side, theirs_side) = (side(Some(*first)), side(Some(claim)));
                let conflict = self.conflict(ConflictKind::SameSpan, record, Some("kind".into()));
                conflict.other = Some(other);
                conflict.ours = ours_side;
                conflict.theirs = theirs_side;
            }
        }
        for (from, to) in renames {
            rename(theirs, RecordKind::Claim, &from, &to);
        }
    }

    /// Rule 2: ids both sides added for different records.
    fn renumber_collisions(&mut self, theirs: &mut Project) {
        // One reviewer under one name.
        let base_reviewers: HashSet<&str> = self.base.reviewers.iter().map(|r| r.id.as_str()).collect();
        let mut renames = Vec::new();
        for reviewer in theirs.reviewers.iter().filter(|r| !base_reviewers.contains(r.id.as_str())) {
            if let Some(same) = self.ours.reviewers.iter().find(|o| {
                !base_reviewers.contains(o.id.as_str())
                    && o.id != reviewer.id
                    && o.name.trim().eq_ignore_ascii_case(reviewer.name.trim())
            }) && !theirs.reviewers.iter().any(|t| t.id == same.id)
            {
                renames.push((reviewer.id.to_string(), same.id.to_string()));
            }
        }
        for (from, to) in renames {
            rename(theirs, RecordKind::Reviewer, &from, &to);
            theirs.reviewers.retain(|r| r.id.as_str() != to);
            if let Some(ours) = self.ours.reviewers.iter().find(|r| r.id.as_str() == to) {
                theirs.reviewers.push(ours.clone());
            }
        }
        fn collisions<T: Record>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<String> {
            let base: HashSet<&str> = base.iter().map(Record::key).collect();
            let ours: HashMap<&str, &T> = ours.iter().map(|r| (r.key(), r)).collect();
            theirs
                .iter()
                .filter(|t| !base.contains(t.key()) && ours.get(t.key()).is_some_and(|o| *o != *t))
                .map(|t| t.key().to_owned())
                .collect()
        }
        let kinds: [(RecordKind, &'static str, Vec<String>); 6] = [
            (
                RecordKind::Claim,
                prefix::CLAIM,
                collisions(&self.base.claims, &self.ours.claims, &theirs.claims),
            ),
            (
                RecordKind::Outlet,
                prefix::OUTLET,
                collisions(&self.base.outlets, &self.ours.outlets, &theirs.outlets),
            ),
            (
                RecordKind::Source,
                prefix::SOURCE,
                collisions(&self.base.sources, &self.ours.sources, &theirs.sources),
            ),
            (
                RecordKind::Group,
                prefix::GROUP,
                collisions(&self.base.groups, &self.ours.groups, &theirs.groups),
            ),
            (
                RecordKind::Reviewer,
                prefix::REVIEWER,
                collisions(&self.base.reviewers, &self.ours.reviewers, &theirs.reviewers),
            ),
            (
                RecordKind::Document,
                prefix::DOCUMENT,
                collisions(&self.base.documents, &self.ours.documents, &theirs.documents)
                    .into_iter()
                    .filter(|id| crate::model::id_number(prefix::DOCUMENT, id).is_some())
                    .collect(),
            ),
        ];
        for (kind, prefix, ids) in kinds {
            for from in ids {
                // A claim both sides made on one span with one kind was paired by rule 1.
                if kind == RecordKind::Claim
                    && let (Some(o), Some(t)) = (
                        self.ours.claims.iter().find(|c| c.id.as_str() == from),
                        theirs.claims.iter().find(|c| c.id.as_str() == from),
                    )
                    && o.document == t.document
                    && o.span == t.span
                    && o.kind == t.kind
                {
                    continue;
                }
                let to = self.ids.next(prefix);
                rename(theirs, kind, &from, &to);
                for conflict in &mut self.conflicts {
                    if let Some(other) = &mut conflict.other
                        && other.kind == kind
                        && other.id == from
                    {
                        other.id.clone_from(&to);
                    }
                }
                self.renumbered.push(Renumbered { kind, from, to });
            }
        }
    }

    /// Rule 3: every list and field.
    fn merge_project(&mut self, theirs: &Project) -> Project {
        let (base, ours) = (self.base, self.ours);
        let mut project = Project::new(String::new(), ours.taxonomy.clone());
        project.format = FORMAT_VERSION;
        project.name = self.scalar(RecordKind::Project, "name", &base.name, &ours.name, &theirs.name);
        project.description = self.scalar(
            RecordKind::Project,
            "description",
            &base.description,
            &ours.description,
            &theirs.description,
        );
        let (bt, ot, tt) = (&base.taxonomy, &ours.taxonomy, &theirs.taxonomy);
        project.taxonomy.name = self.scalar(RecordKind::Taxonomy, "name", &bt.name, &ot.name, &tt.name);
        for set in LabelSet::ALL {
            let merged =
                self.list(RecordKind::of_label_set(set), bt.labels(set), ot.labels(set), tt.labels(set));
            *project.taxonomy.labels_mut(set) = merged;
        }
        project.outlets = self.list(RecordKind::Outlet, &base.outlets, &ours.outlets, &theirs.outlets);
        project.sources = self.list(RecordKind::Source, &base.sources, &ours.sources, &theirs.sources);
        project.documents =
            self.list(RecordKind::Document, &base.documents, &ours.documents, &theirs.documents);
        project.claims = self.list(RecordKind::Claim, &base.claims, &ours.claims, &theirs.claims);
        project.groups = self.list(RecordKind::Group, &base.groups, &ours.groups, &theirs.groups);
        project.reviewers =
            self.list(RecordKind::Reviewer, &base.reviewers, &ours.reviewers, &theirs.reviewers);
        // Recorded conflicts: one settled (removed) on either side is settled.
        let ours_conflicts: HashSet<&str> = ours.conflicts.iter().map(|c| c.id.as_str()).collect();
        let theirs_conflicts: HashSet<&str> = theirs.conflicts.iter().map(|c| c.id.as_str()).collect();
        let base_conflicts: HashSet<&str> = base.conflicts.iter().map(|c| c.id.as_str()).collect();
        project.conflicts = ours
            .conflicts
            .iter()
            .filter(|c| !base_conflicts.contains(c.id.as_str()) || theirs_conflicts.contains(c.id.as_str()))
            .chain(theirs.conflicts.iter().filter(|c| {
                !base_conflicts.contains(c.id.as_str()) && !ours_conflicts.contains(c.id.as_str())
            }))
            .cloned()
            .collect();
        // Rejected suggestions, a set by document and span: one taken back (undone) on
        // either side is gone, one added on either side is kept; a span of a text that
        // the merge changed (the side's text is not the merged one) is dropped, as it may
        // now point at other words.
        let key = |r: &Rejection| (r.document.clone(), r.span);
        let keys = |list: &[Rejection]| list.iter().map(key).collect::<HashSet<_>>();
        let (base_keys, ours_keys, theirs_keys) =
            (keys(&base.rejections), keys(&ours.rejections), keys(&theirs.rejections));
        // Per side, the documents whose text is the merged one: compared once each.
        let merged_texts: HashMap<&str, &str> =
            project.documents.iter().map(|d| (d.id.as_str(), d.text.as_ref())).collect();
        let (ours_unchanged, theirs_unchanged) =
            (unchanged_documents(ours, &merged_texts), unchanged_documents(theirs, &merged_texts));
        let same_text = |unchanged: &HashSet<&str>, r: &Rejection| unchanged.contains(r.document.as_str());
        let from_ours = ours
            .rejections
            .iter()
            .filter(|r| !base_keys.contains(&key(r)) || theirs_keys.contains(&key(r)))
            .filter(|r| same_text(&ours_unchanged, r));
        let from_theirs = theirs
            .rejections
            .iter()
            .filter(|r| !base_keys.contains(&key(r)) && !ours_keys.contains(&key(r)))
            .filter(|r| same_text(&theirs_unchanged, r));
        project.rejections = from_ours.chain(from_theirs).cloned().collect();
        project
    }

    /// A plain field of the project or the taxonomy.
    fn scalar(
        &mut self,
        kind: RecordKind,
        field: &str,
        base: &String,
        ours: &String,
        theirs: &String,
    ) -> String {
        if ours == theirs || base == theirs {
            return ours.clone();
        }
        if base == ours {
            return theirs.clone();
        }
        let record = RecordRef { kind, id: String::new() };
        let conflict = self.conflict(ConflictKind::Field, record, Some(field.to_owned()));
        conflict.base = Some(ron_line(base));
        conflict.ours.value = Some(ron_line(ours));
        conflict.theirs.value = Some(ron_line(theirs));
        ours.clone()
    }

    /// One list: records matched by id.
    fn list<T: Record>(&mut self, kind: RecordKind, base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
        fn index<T: Record>(list: &[T]) -> HashMap<&str, usize> {
            list.iter().enumerate().map(|(i, r)| (r.key(), i)).collect()
        }
        let (base_at, ours_at, theirs_at) = (index(base), index(ours), index(theirs));
        let mut merged = Vec::with_capacity(ours.len().max(theirs.len()));
        for b in base {
            let o = ours_at.get(b.key()).map(|&i| &ours[i]);
            let t = theirs_at.get(b.key()).map(|&i| &theirs[i]);
            let record = RecordRef { kind, id: b.key().to_owned() };
            match (o, t) {
                (Some(o), Some(t)) => merged.push(self.record(kind, Some(b), o, t)),
                (None, None) => {}
                (Some(o), None) if o == b => {}
                (None, Some(t)) if t == b => {}
                (o, t) => {
                    // Deleted on one side, changed on the other: ours in place.
                    if let Some(o) = o {
                        merged.push(o.clone());
                    }
                    let (ours_side, theirs_side) = (side(o), side(t));
                    self.in_conflict.insert(record.clone());
                    let conflict = self.conflict(ConflictKind::Deleted, record, None);
                    conflict.base = Some(ron_line(b));
                    conflict.ours = ours_side;
                    conflict.theirs = theirs_side;
                }
            }
        }
        for o in ours.iter().filter(|o| !base_at.contains_key(o.key())) {
            match theirs_at.get(o.key()) {
                Some(&i) => merged.push(self.record(kind, None, o, &theirs[i])),
                None => merged.push(o.clone()),
            }
        }
        merged.extend(
            theirs
                .iter()
                .filter(|t| !base_at.contains_key(t.key()) && !ours_at.contains_key(t.key()))
                .cloned(),
        );
        merged
    }

    /// One record both sides have: field by field.
    fn record<T: Record>(&mut self, kind: RecordKind, base: Option<&T>, ours: &T, theirs: &T) -> T {
        if ours == theirs || base == Some(theirs) {
            return ours.clone();
        }
        if base == Some(ours) {
            return theirs.clone();
        }
        let to_map = |r: &T| match serde_json::to_value(r) {
            Ok(serde_json::Value::Object(map)) => Some(map),
            _ => None,
        };
        let (Some(mut o), Some(mut t)) = (to_map(ours), to_map(theirs)) else {
            return ours.clone();
        };
        let mut b = base.and_then(to_map);
        // A field the file leaves out at its default is that default on every side, so
        // that a change from or to it is merged like any other.
        for (field, default) in omitted_defaults(kind) {
            for map in [Some(&mut o), Some(&mut t), b.as_mut()].into_iter().flatten() {
                map.entry(field.clone()).or_insert_with(|| default.clone());
            }
        }
        let null = serde_json::Value::Null;
        let mut merged = o.clone();
        let mut conflicting = Vec::new();
        let claim = kind == RecordKind::Claim;
        if claim {
            // A claim's span, quote and re-anchoring flag change together (a moved claim,
            // a claim found again or flagged by a corrected text): one field, `span`.
            let pair = |map: &serde_json::Map<String, serde_json::Value>| {
                (map.get("span").cloned(), map.get("quote").cloned(), map.get("needs_reanchoring").cloned())
            };
            let (op, tp, bp) = (pair(&o), pair(&t), b.as_ref().map(pair));
            if op != tp {
                if bp.as_ref() == Some(&op) {
                    for f in ["span", "quote", "needs_reanchoring"] {
                        merged.insert(f.into(), t.get(f).cloned().unwrap_or(serde_json::Value::Null));
                    }
                } else if bp.as_ref() != Some(&tp) {
                    conflicting.push("span".to_owned());
                }
            }
        }
        // Who settled a claim of the adjudicated set is no finding of its own: when two
        // editors settled one passage, ours' name stays, and only what they settled
        // differently conflicts.
        let settled =
            |m: &serde_json::Map<String, serde_json::Value>| m.get("adjudicated") == Some(&true.into());
        let settled_by_both = claim && settled(&o) && settled(&t);
        for (field, ov) in &o {
            let tv = t.get(field).unwrap_or(&null);
            let bv = b.as_ref().map(|b| b.get(field).unwrap_or(&null));
            let bookkeeping = matches!(
                field.as_str(),
                "modified" | "modified_by" | "created" | "span" | "quote" | "needs_reanchoring"
            ) || settled_by_both && field == "reviewer";
            if ov == tv || claim && bookkeeping {
                continue;
            }
            let value = match (bv, ov, tv) {
                (Some(bv), _, _) if bv == ov => tv.clone(),
                (Some(bv), _, _) if bv == tv => ov.clone(),
                // A document's passages are one field: positions in one text, in order.
                (bv, serde_json::Value::Array(oa), serde_json::Value::Array(ta)) if field != "passages" => {
                    serde_json::Value::Array(merge_set(bv.and_then(|b| b.as_array()), oa, ta))
                }
                // Added on both sides: a value left empty on one side is no change.
                (None, ov, tv) if is_empty(ov) => tv.clone(),
                (None, ov, tv) if is_empty(tv) => ov.clone(),
                _ => {
                    conflicting.push(field.clone());
                    ov.clone()
                }
            };
            merged.insert(field.clone(), value);
        }
        if claim {
            // Who changed it last, and when: the later side's.
            let later = |m: &serde_json::Map<String, serde_json::Value>| {
                m.get("modified").and_then(|v| v.as_str()).unwrap_or_default().to_owned()
            };
            let newest = if later(&t) > later(&o) { &t } else { &o };
            for f in ["modified", "modified_by"] {
                merged.insert(f.into(), newest.get(f).cloned().unwrap_or(serde_json::Value::Null));
            }
            if let Some(created) = [o.get("created"), t.get("created")]
                .into_iter()
                .flatten()
                .min_by(|a, b| a.as_str().unwrap_or_default().cmp(b.as_str().unwrap_or_default()))
            {
                merged.insert("created".into(), created.clone());
            }
        }
        let result: T =
            serde_json::from_value(serde_json::Value::Object(merged)).unwrap_or_else(|_| ours.clone());
        for field in conflicting {
            let kind_of = if kind == RecordKind::Document && field == "text" {
                ConflictKind::DocumentText
            } else {
                ConflictKind::Field
            };
            let record = RecordRef { kind, id: ours.key().to_owned() };
            let (ours_side, theirs_side) = (side(Some(ours)), side(Some(theirs)));
            let conflict = self.conflict(kind_of, record, Some(field));
            conflict.base = base.map(ron_line);
            conflict.ours = ours_side;
            conflict.theirs = theirs_side;
        }
        result
    }

    /// Rule 4: records the merged project refers to stay.
    fn keep_referenced(&mut self, mut project: Project, theirs: &Project) -> Project {
        // A few rounds: a kept document may refer to a deleted outlet.
        for _ in 0..4 {
            let mut missing: Vec<RecordRef> = Vec::new();
            {
                let outlets: HashSet<&str> = project.outlets.iter().map(|r| r.id.as_str()).collect();
                let sources: HashSet<&str> = project.sources.iter().map(|r| r.id.as_str()).collect();
                let documents: HashSet<&str> = project.documents.iter().map(|r| r.id.as_str()).collect();
                let groups: HashSet<&str> = project.groups.iter().map(|r| r.id.as_str()).collect();
                let reviewers: HashSet<&str> = project.reviewers.iter().map(|r| r.id.as_str()).collect();
                let mut need = |kind: RecordKind, id: &str, present: bool| {
                    let record = RecordRef { kind, id: id.to_owned() };
                    if !present && !missing.contains(&record) {
                        missing.push(record);
                    }
                };
                let taxonomy = &project.taxonomy;
                let mut label = |set: LabelSet, id: &crate::model::LabelId| {
                    need(RecordKind::of_label_set(set), id.as_str(), taxonomy.contains(set, id));
                };
                for outlet in &project.outlets {
                    label(LabelSet::Affiliation, &outlet.affiliation);
                }
                for document in &project.documents {
                    if let Some(genre) = &document.genre {
                        label(LabelSet::Genre, genre);
                    }
                }
                for claim in &project.claims {
                    label(LabelSet::ClaimKind, &claim.kind);
                    label(LabelSet::Verdict, &claim.verdict);
                    for frame in &claim.frames {
                        label(LabelSet::Frame, frame);
                    }
                    for link in &claim.sources {
                        label(LabelSet::SourceRelation, &link.relation);
                    }
                }
                let mut need = |kind: RecordKind, id: &str, present: bool| {
                    let record = RecordRef { kind, id: id.to_owned() };
                    if !present && !missing.contains(&record) {
                        missing.push(record);
                    }
                };
                for document in &project.documents {
                    if let Some(outlet) = &document.outlet {
                        need(RecordKind::Outlet, outlet.as_str(), outlets.contains(outlet.as_str()));
                    }
                }
                for claim in &project.claims {
                    need(
                        RecordKind::Document,
                        claim.document.as_str(),
                        documents.contains(claim.document.as_str()),
                    );
                    for link in &claim.sources {
                        need(
                            RecordKind::Source,
                            link.source.as_str(),
                            sources.contains(link.source.as_str()),
                        );
                    }
                    if let Some(group) = &claim.group {
                        need(RecordKind::Group, group.as_str(), groups.contains(group.as_str()));
                    }
                    for reviewer in claim.reviewer.iter().chain(&claim.modified_by) {
                        need(RecordKind::Reviewer, reviewer.as_str(), reviewers.contains(reviewer.as_str()));
                    }
                }
                for reviewer in project.rejections.iter().filter_map(|r| r.reviewer.as_ref()) {
                    need(RecordKind::Reviewer, reviewer.as_str(), reviewers.contains(reviewer.as_str()));
                }
            }
            if missing.is_empty() {
                break;
            }
            for record in missing {
                self.restore(&mut project, theirs, &record);
            }
        }
        project
    }

    /// Puts back a record one side deleted, in the version of a side that has it.
    fn restore(&mut self, project: &mut Project, theirs: &Project, record: &RecordRef) {
        fn find<'p, T: Record>(lists: [&'p [T]; 3], id: &str) -> [Option<&'p T>; 3] {
            lists.map(|list| list.iter().find(|r| r.key() == id))
        }
        let (base, ours) = (self.base, self.ours);
        let id = record.id.as_str();
        macro_rules! put_back {
            ($list:ident) => {{
                let [b, o, t] = find([&base.$list[..], &ours.$list[..], &theirs.$list[..]], id);
                let Some(kept) = o.or(t).or(b) else { return };
                project.$list.push(kept.clone());
                (b.map(ron_line), side(o), side(t))
            }};
        }
        let (base_value, ours_side, theirs_side) = match record.kind {
            RecordKind::Outlet => put_back!(outlets),
            RecordKind::Source => put_back!(sources),
            RecordKind::Document => put_back!(documents),
            RecordKind::Group => put_back!(groups),
            RecordKind::Reviewer => put_back!(reviewers),
            kind => {
                let Some(set) = kind.label_set() else { return };
                let [b, o, t] = find(
                    [base.taxonomy.labels(set), ours.taxonomy.labels(set), theirs.taxonomy.labels(set)],
                    id,
                );
                let Some(kept) = o.or(t).or(b) else { return };
                project.taxonomy.labels_mut(set).push(kept.clone());
                (b.map(ron_line), side(o), side(t))
            }
        };
        if self.in_conflict.insert(record.clone()) {
            let conflict = self.conflict(ConflictKind::Deleted, record.clone(), None);
            conflict.base = base_value;
            conflict.ours = ours_side;
            conflict.theirs = theirs_side;
        }
    }

    /// Passages one side marked on a text the merge took from the other side: carried
    /// through the difference of the two texts, as a correction carries them.
    fn fit_passages(&self, mut project: Project, theirs: &Project) -> Project {
        let sides: [HashMap<&str, &Document>; 2] =
            [self.ours, theirs].map(|side| side.documents.iter().map(|d| (d.id.as_str(), d)).collect());
        for document in &mut project.documents {
            let from = sides.iter().filter_map(|side| side.get(document.id.as_str())).find(|side| {
                side.passages == document.passages
                    && !document.passages.is_empty()
                    && *side.text != *document.text
            });
            if let Some(side) = from {
                document.passages =
                    crate::edit::retext::passages_onto(&side.passages, &side.text, &document.text);
            }
        }
        project
    }

    /// Rule 5: claims whose text changed on the other side.
    fn fit_claims(&mut self, mut project: Project, theirs: &Project) -> Project {
        let ours_docs: HashMap<&str, &Document> =
            self.ours.documents.iter().map(|d| (d.id.as_str(), d)).collect();
        let theirs_docs: HashMap<&str, &Document> =
            theirs.documents.iter().map(|d| (d.id.as_str(), d)).collect();
        let ours_claims: HashMap<&str, &Claim> =
            self.ours.claims.iter().map(|c| (c.id.as_str(), c)).collect();
        let theirs_claims: HashMap<&str, &Claim> = theirs.claims.iter().map(|c| (c.id.as_str(), c)).collect();
        let documents: HashMap<&str, &Document> =
            project.documents.iter().map(|d| (d.id.as_str(), d)).collect();
        // Per document, once: whether its merged text is ours' and theirs' text.
        let same_texts: HashMap<&str, (bool, bool)> = project
            .documents
            .iter()
            .map(|document| {
                let same = |side: &HashMap<&str, &Document>| {
                    side.get(document.id.as_str()).is_some_and(|d| {
                        std::sync::Arc::ptr_eq(&d.text, &document.text) || d.text == document.text
                    })
                };
                (document.id.as_str(), (same(&ours_docs), same(&theirs_docs)))
            })
            .collect();
        let mut lost = Vec::new();
        let mut moved = Vec::new();
        let mut clamped = Vec::new();
        let mut indexes: HashMap<&str, CharIndex<'_>> = HashMap::new();
        for (i, claim) in project.claims.iter().enumerate() {
            let Some(document) = documents.get(claim.document.as_str()) else { continue };
            let id = claim.id.as_str();
            // A claim as one side has it, on that side's text, is sound.
            let (same_as_ours, same_as_theirs) = same_texts.get(id_of(document)).copied().unwrap_or_default();
            let sound = (same_as_ours && ours_claims.get(id).is_some_and(|c| *c == claim))
                || (same_as_theirs && theirs_claims.get(id).is_some_and(|c| *c == claim));
            if sound {
                continue;
            }
            let index = indexes.entry(document.id.as_str()).or_insert_with(|| CharIndex::new(&document.text));
            let check = claim.quote.check(index, claim.span);
            if check == QuoteCheck::Matches {
                continue;
            }
            if claim.needs_reanchoring {
                // Waits for a reviewer anyway: kept, its span kept inside the text.
                if check == QuoteCheck::OutOfRange {
                    let end = index.char_count();
                    clamped.push((i, CharSpan::new(claim.span.start.min(end), claim.span.end.min(end))));
                }
                continue;
            }
            match crate::anchor::locate(&document.text, &claim.quote, Some(claim.span))
                .and_then(|span| Some((span, QuoteSelector::capture_indexed(index, span)?)))
            {
                Some((span, quote)) => moved.push((i, span, quote)),
                None => lost.push(i),
            }
        }
        for (i, span) in clamped {
            project.claims[i].span = span;
        }
        for (i, span, quote) in moved {
            project.claims[i].span = span;
            project.claims[i].quote = quote;
        }
        for &i in lost.iter().rev() {
            let claim = project.claims.remove(i);
            let record = RecordRef { kind: RecordKind::Claim, id: claim.id.to_string() };
            let (ours_side, theirs_side) = (
                side(ours_claims.get(claim.id.as_str()).copied()),
                side(theirs_claims.get(claim.id.as_str()).copied()),
            );
            let base = self.base.claim(&claim.id).map(ron_line);
            let conflict = self.conflict(ConflictKind::PassageLost, record, None);
            conflict.base = base;
            conflict.ours = ours_side;
            conflict.theirs = theirs_side;
        }
        project
    }

    fn finish(self, mut project: Project) -> MergeOutcome {
        // Claims in document order, as the app keeps them.
        let rank: HashMap<&str, usize> =
            project.documents.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        let mut claims = std::mem::take(&mut project.claims);
        // Stable, so claims on one span keep the merge's order; the key is looked up once
        // per claim.
        claims.sort_by_cached_key(|c| (rank.get(c.document.as_str()).copied(), c.span.start, c.span.end));
        project.claims = claims;
        // Conflicts the sides had recorded about a record the merge deleted are moot.
        let mut kept = std::mem::take(&mut project.conflicts);
        kept.retain(|conflict| {
            crate::store::integrity::may_be_absent(conflict)
                || std::iter::once(&conflict.record)
                    .chain(&conflict.other)
                    .all(|record| crate::store::integrity::record_exists(&project, record))
        });
        project.conflicts = kept;
        // A rejected suggestion of a document the merge deleted, or past the end of its
        // merged text, says nothing any more.
        let lengths: HashMap<&str, usize> =
            project.documents.iter().map(|d| (d.id.as_str(), d.text.chars().count())).collect();
        let rejections = std::mem::take(&mut project.rejections);
        project.rejections = rejections
            .into_iter()
            .filter(|r| lengths.get(r.document.as_str()).is_some_and(|&chars| r.span.end <= chars))
            .collect();
        let conflicts_added = self.conflicts.len();
        project.conflicts.extend(self.conflicts);
        MergeOutcome { project, conflicts_added, renumbered: self.renumbered }
    }
}

/// The ids of `side`'s documents whose text is the one in `merged` (by id).
fn unchanged_documents<'p>(side: &'p Project, merged: &HashMap<&str, &str>) -> HashSet<&'p str> {
    side.documents
        .iter()
        .filter(|d| merged.get(d.id.as_str()) == Some(&d.text.as_ref()))
        .map(|d| d.id.as_str())
        .collect()
}

fn id_of(document: &Document) -> &str {
    document.id.as_str()
}

/// Whether a field's value is empty (`None`, `""`, `[]`): what a new record starts with.
fn is_empty(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The items of a list field: those of the base both kept, then ours' additions, then
/// theirs'.
/// The fields of a record of `kind` that the file leaves out at their default, with it.
fn omitted_defaults(kind: RecordKind) -> Vec<(String, serde_json::Value)> {
    let pairs: Vec<(&str, serde_json::Value)> = match kind {
        RecordKind::Document => vec![("passages", serde_json::Value::Array(Vec::new()))],
        RecordKind::Claim => vec![("needs_reanchoring", false.into()), ("origin", "Marked".into())],
        _ => Vec::new(),
    };
    pairs.into_iter().map(|(field, value)| (field.to_owned(), value)).collect()
}

fn merge_set(
    base: Option<&Vec<serde_json::Value>>,
    ours: &[serde_json::Value],
    theirs: &[serde_json::Value],
) -> Vec<serde_json::Value> {
    let empty = Vec::new();
    let base = base.unwrap_or(&empty);
    let mut out: Vec<serde_json::Value> =
        base.iter().filter(|v| ours.contains(v) && theirs.contains(v)).cloned().collect();
    for v in ours.iter().chain(theirs) {
        if !base.contains(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// Gives the record `from` of `project` the id `to`, with every reference to it.
fn rename(project: &mut Project, kind: RecordKind, from: &str, to: &str) {
    let rename_ref = |r: &mut RecordRef| {
        if r.kind == kind && r.id == from {
            to.clone_into(&mut r.id);
        }
    };
    for conflict in &mut project.conflicts {
        rename_ref(&mut conflict.record);
        if let Some(other) = &mut conflict.other {
            rename_ref(other);
        }
    }
    macro_rules! ids {
        ($list:ident) => {
            for record in &mut project.$list {
                if record.id.as_str() == from {
                    record.id = to.into();
                }
            }
        };
    }
    match kind {
        RecordKind::Claim => ids!(claims),
        RecordKind::Outlet => {
            ids!(outlets);
            for d in &mut project.documents {
                if d.outlet.as_ref().is_some_and(|o| o.as_str() == from) {
                    d.outlet = Some(to.into());
                }
            }
        }
        RecordKind::Source => {
            ids!(sources);
            for link in project.claims.iter_mut().flat_map(|c| c.sources.iter_mut()) {
                if link.source.as_str() == from {
                    link.source = to.into();
                }
            }
        }
        RecordKind::Group => {
            ids!(groups);
            for c in &mut project.claims {
                if c.group.as_ref().is_some_and(|g| g.as_str() == from) {
                    c.group = Some(to.into());
                }
            }
        }
        RecordKind::Reviewer => {
            ids!(reviewers);
            for c in &mut project.claims {
                for r in [&mut c.reviewer, &mut c.modified_by] {
                    if r.as_ref().is_some_and(|r| r.as_str() == from) {
                        *r = Some(to.into());
                    }
                }
            }
            for r in project.rejections.iter_mut().map(|r| &mut r.reviewer) {
                if r.as_ref().is_some_and(|r| r.as_str() == from) {
                    *r = Some(to.into());
                }
            }
        }
        RecordKind::Document => {
            ids!(documents);
            for c in &mut project.claims {
                if c.document.as_str() == from {
                    c.document = to.into();
                }
            }
            for r in &mut project.rejections {
                if r.document.as_str() == from {
                    r.document = to.into();
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
