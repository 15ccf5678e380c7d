//! Settling a conflict that a merge recorded: the one [`Edit`] that takes our version
//! (in place already) or theirs and removes the conflict, so that settling is one undo
//! step in the app and one change on the command line. Pure: reads the project, returns
//! the edit; the caller applies it through [`crate::edit`].
//!
//! - ours: the conflict goes; for two claims on one span, their claim goes too;
//! - theirs: the field takes their value (a claim's span with its quote; a text with its
//!   claims found again in it), a record deleted on their side is deleted (with what
//!   refers to it: a group's members leave it, a document's claims go) or their record
//!   comes back; for two claims on one span, our claim goes. Their claim whose passage
//!   was lost cannot be taken: mark it again.
//!
//! An edit that would leave the project unsound is refused with the reason.

use crate::edit::{Edit, RecordEdit};
use crate::model::{
    Claim, ClaimGroup, ClaimId, Conflict, ConflictId, ConflictKind, Document, DocumentId, GroupId, Label,
    Outlet, OutletId, Project, RecordKind, Reviewer, ReviewerId, Source, SourceId,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// Which version to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Ours: the version the merge kept in place.
    Ours,
    /// Theirs: the version recorded in the conflict.
    Theirs,
}

/// Why a conflict cannot be settled that way. The project is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SettleError {
    /// No conflict has this id.
    #[error("there is no conflict \"{0}\"")]
    NoConflict(String),
    /// This way of settling it does not work; the message says why and what to do.
    #[error("conflict {id}: {reason}")]
    Cannot {
        /// The conflict.
        id: String,
        /// Why, in one sentence.
        reason: String,
    },
}

/// The edit that settles conflict `conflict_id` of `project` by keeping `side`.
pub fn settle(project: &Project, conflict_id: &ConflictId, side: Side) -> Result<Edit, SettleError> {
    let conflict = project
        .conflicts
        .iter()
        .find(|c| &c.id == conflict_id)
        .ok_or_else(|| SettleError::NoConflict(conflict_id.to_string()))?;
    let cannot = |reason: String| SettleError::Cannot { id: conflict.id.to_string(), reason };
    let claim_there = |id: &str| project.claim(&ClaimId::new(id)).is_some();
    let mut edits = Vec::new();
    match (side, conflict.kind) {
        (Side::Ours, ConflictKind::SameSpan) => {
            if let Some(other) = conflict.other.as_ref().filter(|o| claim_there(&o.id)) {
                edits.push(Edit::Claim(RecordEdit::Remove(ClaimId::new(other.id.clone()))));
            }
        }
        (Side::Ours, _) => {}
        (Side::Theirs, ConflictKind::SameSpan) => {
            if claim_there(&conflict.record.id) {
                edits.push(Edit::Claim(RecordEdit::Remove(ClaimId::new(conflict.record.id.clone()))));
            }
        }
        (Side::Theirs, ConflictKind::PassageLost) => {
            return Err(cannot(
                "their claim's passage is not in the text any more; mark it again where it belongs".into(),
            ));
        }
        (Side::Theirs, ConflictKind::Field | ConflictKind::DocumentText) => {
            edits.extend(take_field(project, conflict).map_err(cannot)?);
        }
        (Side::Theirs, ConflictKind::Deleted) => {
            edits.extend(take_record(project, conflict).map_err(cannot)?)
        }
    }
    edits.push(Edit::Conflict(RecordEdit::Remove(conflict.id.clone())));
    let edit = Edit::Batch(edits);
    // Refuse what would leave the project unsound (their record pointing at one that is
    // gone, a label still in use).
    let mut trial = project.clone();
    edit.clone().apply(&mut trial).map_err(|error| cannot(error.to_string()))?;
    if let Some(problem) = crate::store::integrity::check(&trial).first() {
        return Err(cannot(format!("the project would not be sound ({problem}); edit it by hand instead")));
    }
    Ok(edit)
}

/// Their version of the record, read from the conflict.
fn theirs<T: DeserializeOwned>(conflict: &Conflict) -> Result<Option<T>, String> {
    conflict
        .theirs
        .value
        .as_deref()
        .map(|text| ron::from_str(text).map_err(|error| format!("their version does not read: {error}")))
        .transpose()
}

/// `current` with `fields` taken from `from`.
fn with_fields<T: Serialize + DeserializeOwned>(current: &T, from: &T, fields: &[&str]) -> Result<T, String> {
    let (Ok(serde_json::Value::Object(mut map)), Ok(serde_json::Value::Object(source))) =
        (serde_json::to_value(current), serde_json::to_value(from))
    else {
        return Err("the record cannot be changed field by field".into());
    };
    for field in fields {
        let value = source.get(*field).ok_or_else(|| format!("the record has no field `{field}`"))?;
        map.insert((*field).to_owned(), value.clone());
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|error| error.to_string())
}

/// The edits that give the conflict's field their value.
fn take_field(project: &Project, conflict: &Conflict) -> Result<Vec<Edit>, String> {
    let field = conflict.field.as_deref().ok_or("the conflict names no field")?;
    let id = conflict.record.id.as_str();
    let missing = || format!("the record {id} is not in the project any more");
    macro_rules! replace {
        ($find:ident, $id:ty, $variant:ident, $t:ty) => {{
            let current = project.$find(&<$id>::new(id)).ok_or_else(missing)?;
            let theirs: $t = theirs(conflict)?.ok_or("the conflict holds no version of theirs")?;
            vec![Edit::$variant(RecordEdit::Replace(with_fields(current, &theirs, &[field])?))]
        }};
    }
    Ok(match conflict.record.kind {
        RecordKind::Project | RecordKind::Taxonomy => {
            let value: String = theirs(conflict)?.ok_or("the conflict holds no value of theirs")?;
            match (conflict.record.kind, field) {
                (RecordKind::Project, "name") => {
                    vec![Edit::ProjectInfo { name: value, description: project.description.clone() }]
                }
                (RecordKind::Project, "description") => {
                    vec![Edit::ProjectInfo { name: project.name.clone(), description: value }]
                }
                (RecordKind::Taxonomy, "name") => {
                    let mut taxonomy = project.taxonomy.clone();
                    taxonomy.name = value;
                    vec![Edit::Taxonomy(Box::new(taxonomy))]
                }
                _ => return Err(format!("unknown field `{field}`")),
            }
        }
        RecordKind::Outlet => replace!(outlet, OutletId, Outlet, Outlet),
        RecordKind::Source => replace!(source, SourceId, Source, Source),
        RecordKind::Group => replace!(group, GroupId, Group, ClaimGroup),
        RecordKind::Reviewer => {
            let current = project.reviewers.iter().find(|r| r.id.as_str() == id).ok_or_else(missing)?;
            let theirs: Reviewer = theirs(conflict)?.ok_or("the conflict holds no version of theirs")?;
            vec![Edit::Reviewer(RecordEdit::Replace(with_fields(current, &theirs, &[field])?))]
        }
        RecordKind::Claim => {
            let current = project.claim(&ClaimId::new(id)).ok_or_else(missing)?;
            let theirs: Claim = theirs(conflict)?.ok_or("the conflict holds no version of theirs")?;
            let fields: &[&str] = if field == "span" { &["span", "quote"] } else { &[field] };
            vec![Edit::Claim(RecordEdit::Replace(with_fields(current, &theirs, fields)?))]
        }
        RecordKind::Document => {
            let current = project.document(&DocumentId::new(id)).ok_or_else(missing)?;
            let theirs: Document = theirs(conflict)?.ok_or("the conflict holds no version of theirs")?;
            let document = with_fields(current, &theirs, &[field])?;
            if field == "text" {
                // Their text as a correction of ours: claims, passages and rejections
                // carried through the difference, a claim whose words are not in their
                // text kept and flagged to place again.
                let at = crate::model::Timestamp::now();
                let retext = crate::edit::set_text(project, &current.id, &document.text, &at, None)
                    .map_err(|error| error.to_string())?;
                return Ok(retext.edit.into_iter().collect());
            }
            vec![Edit::Document(RecordEdit::Replace(document))]
        }
        kind => {
            let set = kind.label_set().ok_or("unknown kind of record")?;
            let mut taxonomy = project.taxonomy.clone();
            let labels = taxonomy.labels_mut(set);
            let at = labels.iter().position(|l| l.id.as_str() == id).ok_or_else(missing)?;
            let theirs: Label = theirs(conflict)?.ok_or("the conflict holds no version of theirs")?;
            labels[at] = with_fields(&labels[at], &theirs, &[field])?;
            vec![Edit::Taxonomy(Box::new(taxonomy))]
        }
    })
}

/// The edits that make the record as their side has it: deleted, or their version.
fn take_record(project: &Project, conflict: &Conflict) -> Result<Vec<Edit>, String> {
    let id = conflict.record.id.as_str();
    let mut edits = Vec::new();
    macro_rules! take {
        ($find:expr, $variant:ident, $t:ty, $new_id:expr, $unlink:expr) => {{
            let current = $find;
            match (theirs::<$t>(conflict)?, current) {
                (Some(record), Some(_)) => edits.push(Edit::$variant(RecordEdit::Replace(record))),
                (Some(record), None) => edits.push(Edit::$variant(Edit::append(record))),
                (None, Some(_)) => {
                    edits.extend($unlink);
                    edits.push(Edit::$variant(RecordEdit::Remove($new_id)));
                }
                (None, None) => {}
            }
        }};
    }
    let claims_where = |keep: &dyn Fn(&Claim) -> Option<Claim>| -> Vec<Edit> {
        project.claims.iter().filter_map(|c| keep(c).map(|c| Edit::Claim(RecordEdit::Replace(c)))).collect()
    };
    match conflict.record.kind {
        RecordKind::Claim => {
            let current = project.claim(&ClaimId::new(id));
            match (theirs::<Claim>(conflict)?, current) {
                (Some(claim), Some(_)) => edits.push(Edit::Claim(RecordEdit::Replace(claim))),
                (Some(claim), None) => edits.push(Edit::add_claim(project, claim)),
                (None, Some(_)) => edits.push(Edit::Claim(RecordEdit::Remove(ClaimId::new(id)))),
                (None, None) => {}
            }
        }
        RecordKind::Group => take!(
            project.group(&GroupId::new(id)),
            Group,
            ClaimGroup,
            GroupId::new(id),
            claims_where(&|c| (c.group.as_ref().map(GroupId::as_str) == Some(id))
                .then(|| Claim { group: None, ..c.clone() }))
        ),
        RecordKind::Source => take!(
            project.source(&SourceId::new(id)),
            Source,
            Source,
            SourceId::new(id),
            claims_where(&|c| c.sources.iter().any(|l| l.source.as_str() == id).then(|| {
                let mut c = c.clone();
                c.sources.retain(|l| l.source.as_str() != id);
                c
            }))
        ),
        RecordKind::Reviewer => take!(
            project.reviewers.iter().find(|r| r.id.as_str() == id),
            Reviewer,
            Reviewer,
            ReviewerId::new(id),
            claims_where(&|c| {
                let named = |r: &Option<ReviewerId>| r.as_ref().map(ReviewerId::as_str) == Some(id);
                (named(&c.reviewer) || named(&c.modified_by)).then(|| {
                    let mut c = c.clone();
                    for r in [&mut c.reviewer, &mut c.modified_by] {
                        if named(r) {
                            *r = None;
                        }
                    }
                    c
                })
            })
        ),
        RecordKind::Outlet => take!(
            project.outlet(&OutletId::new(id)),
            Outlet,
            Outlet,
            OutletId::new(id),
            project
                .documents
                .iter()
                .filter(|d| d.outlet.as_ref().map(OutletId::as_str) == Some(id))
                .map(|d| Edit::Document(RecordEdit::Replace(Document { outlet: None, ..d.clone() })))
                .collect::<Vec<_>>()
        ),
        RecordKind::Document => take!(
            project.document(&DocumentId::new(id)),
            Document,
            Document,
            DocumentId::new(id),
            project
                .claims
                .iter()
                .filter(|c| c.document.as_str() == id)
                .map(|c| Edit::Claim(RecordEdit::Remove(c.id.clone())))
                .collect::<Vec<_>>()
        ),
        RecordKind::Project | RecordKind::Taxonomy => {
            return Err("the project itself cannot be deleted".into());
        }
        kind => {
            let set = kind.label_set().ok_or("unknown kind of record")?;
            let mut taxonomy = project.taxonomy.clone();
            let labels = taxonomy.labels_mut(set);
            let at = labels.iter().position(|l| l.id.as_str() == id);
            match (theirs::<Label>(conflict)?, at) {
                (Some(label), Some(at)) => labels[at] = label,
                (Some(label), None) => labels.push(label),
                (None, Some(at)) => {
                    labels.remove(at);
                }
                (None, None) => {}
            }
            edits.push(Edit::Taxonomy(Box::new(taxonomy)));
        }
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{LabelId, Timestamp};
    use crate::team::merge::{MergeInfo, merge};

    fn info() -> MergeInfo {
        MergeInfo { at: Timestamp::from_unix(1_800_000_000) }
    }

    fn claim_mut<'p>(project: &'p mut Project, id: &str) -> &'p mut Claim {
        project.claims.iter_mut().find(|c| c.id.as_str() == id).unwrap()
    }

    /// A merged sample with conflicts: a verdict both changed, a claim deleted on our
    /// side and changed on theirs, a group deleted on theirs and changed on ours, the
    /// project's name.
    fn conflicted() -> Project {
        let base = crate::sample::sample_project().unwrap();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        claim_mut(&mut ours, "claim-2").verdict = LabelId::new("false");
        claim_mut(&mut theirs, "claim-2").verdict = LabelId::new("true");
        ours.claims.retain(|c| c.id.as_str() != "claim-3");
        claim_mut(&mut theirs, "claim-3").note = "kept by them".into();
        let group = base.groups[0].id.clone();
        ours.groups[0].notes = "our notes".into();
        theirs.groups.retain(|g| g.id != group);
        for c in &mut theirs.claims {
            if c.group.as_ref() == Some(&group) {
                c.group = None;
            }
        }
        ours.name = "Ours".into();
        theirs.name = "Theirs".into();
        let outcome = merge(&base, &ours, &theirs, &info());
        assert_eq!(outcome.conflicts_added, 4, "{:#?}", outcome.project.conflicts);
        outcome.project
    }

    fn conflict_on(project: &Project, kind: RecordKind) -> ConflictId {
        project.conflicts.iter().find(|c| c.record.kind == kind).unwrap().id.clone()
    }

    fn settled(project: &Project, kind: RecordKind, side: Side) -> Project {
        let mut project = project.clone();
        let id = conflict_on(&project, kind);
        let edit = settle(&project, &id, side).unwrap();
        let undo = edit.apply(&mut project).unwrap();
        assert!(crate::store::integrity::check(&project).is_empty());
        assert!(project.conflicts.iter().all(|c| c.id != id));
        // One undo step brings the conflict back.
        let mut undone = project.clone();
        undo.apply(&mut undone).unwrap();
        assert!(undone.conflicts.iter().any(|c| c.id == id));
        project
    }

    #[test]
    fn settling_takes_ours_or_theirs_in_one_edit() {
        let project = conflicted();
        let claim2 = ClaimId::new("claim-2");
        let verdict = |p: &Project| p.claim(&claim2).unwrap().verdict.as_str().to_owned();
        assert_eq!(verdict(&settled(&project, RecordKind::Claim, Side::Ours)), "false");
        // The verdict conflict is the first claim conflict.
        let theirs = settled(&project, RecordKind::Claim, Side::Theirs);
        assert_eq!(verdict(&theirs), "true");
        // claim-3: deleted on ours, changed on theirs.
        let deleted = project.conflicts.iter().find(|c| c.record.id == "claim-3").unwrap().id.clone();
        let mut back = project.clone();
        settle(&project, &deleted, Side::Theirs).unwrap().apply(&mut back).unwrap();
        assert_eq!(back.claim(&ClaimId::new("claim-3")).unwrap().note, "kept by them");
        assert!(crate::store::integrity::check(&back).is_empty());
        // The group theirs deleted: taking theirs deletes it and its members leave it.
        let group = project.groups[0].id.clone();
        let without = settled(&project, RecordKind::Group, Side::Theirs);
        assert!(without.group(&group).is_none());
        assert!(without.claims.iter().all(|c| c.group.as_ref() != Some(&group)));
        assert_eq!(
            settled(&project, RecordKind::Group, Side::Ours).group(&group).unwrap().notes,
            "our notes"
        );
        // The project's name.
        assert_eq!(settled(&project, RecordKind::Project, Side::Theirs).name, "Theirs");
        assert_eq!(settled(&project, RecordKind::Project, Side::Ours).name, "Ours");
        assert!(matches!(
            settle(&project, &ConflictId::new("conflict-404"), Side::Ours),
            Err(SettleError::NoConflict(_))
        ));
    }

    #[test]
    fn taking_their_text_carries_our_claims_and_passages_over_it_and_flags_what_it_lost() {
        let base = crate::sample::sample_project().unwrap();
        let at =
            base.documents.iter().position(|d| d.id.as_str() == "sputnik-2025-12-17-eurasian-forum").unwrap();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let old = base.documents[at].text.to_string();
        ours.documents[at].text = old.replacen("two nations.The", "two nations. The", 1).into();
        theirs.documents[at].text =
            format!("Captured again. {}", old.replacen("3,000 to 5,000", "3,000 and 5,000", 1)).into();
        ours.documents[at].passages.push(crate::model::QuotedPassage {
            span: crate::anchor::CharSpan::new(600, 900),
            outlet: crate::model::OutletId::new("outlet-4"),
            url: None,
            published: None,
            note: String::new(),
        });
        // Our claims sit on our text (the merge test's rule 5 keeps them there).
        let merged = merge(&base, &ours, &theirs, &info()).project;
        let conflict =
            merged.conflicts.iter().find(|c| c.kind == ConflictKind::DocumentText).unwrap().id.clone();
        let mut project = merged.clone();
        let edit = settle(&project, &conflict, Side::Theirs).unwrap();
        edit.apply(&mut project).unwrap();
        assert!(crate::store::integrity::check(&project).is_empty());
        let document = &project.documents[at];
        assert!(document.text.starts_with("Captured again. "));
        assert_eq!(project.claims.len(), merged.claims.len(), "no claim is lost");
        let range = project.claims.iter().find(|c| c.quote.exact.contains("3,000 to 5,000")).unwrap();
        assert!(range.needs_reanchoring, "the claim whose words they changed is flagged, not refused");
        let shift = "Captured again. ".chars().count();
        assert_eq!(document.passages[0].span, crate::anchor::CharSpan::new(600 + shift, 900 + shift));
    }
}
