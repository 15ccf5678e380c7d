//! Merging and deleting the records other records refer to: an outlet (named by
//! documents) or a source (linked by claims). Each change is one [`Edit::Batch`] that also
//! updates what refers to the record, so that it is one undo step and never leaves a
//! dangling reference. Used by the outlets and sources managers of the app.

use super::{Edit, RecordEdit, SourcesChange};
use crate::model::{Document, OutletId, Project, SourceId, SourceLink, Timestamp};

/// One batch that points every document of `duplicate` at `keep` and removes
/// `duplicate`; `None` when either outlet is missing or they are the same.
pub fn merge_outlets(project: &Project, duplicate: &OutletId, keep: &OutletId) -> Option<Edit> {
    if duplicate == keep || project.outlet(duplicate).is_none() || project.outlet(keep).is_none() {
        return None;
    }
    let mut edits: Vec<Edit> = documents_of_outlet(project, duplicate)
        .into_iter()
        .map(|d| {
            let mut updated = d.clone();
            updated.outlet = Some(keep.clone());
            Edit::Document(RecordEdit::Replace(updated))
        })
        .collect();
    edits.push(Edit::Outlet(RecordEdit::Remove(duplicate.clone())));
    Some(Edit::Batch(edits))
}

/// One batch that sets the outlet of the documents of `outlet` to none and removes
/// `outlet`; `None` when it is missing.
pub fn delete_outlet(project: &Project, outlet: &OutletId) -> Option<Edit> {
    project.outlet(outlet)?;
    let mut edits: Vec<Edit> = documents_of_outlet(project, outlet)
        .into_iter()
        .map(|d| {
            let mut updated = d.clone();
            updated.outlet = None;
            Edit::Document(RecordEdit::Replace(updated))
        })
        .collect();
    edits.push(Edit::Outlet(RecordEdit::Remove(outlet.clone())));
    Some(Edit::Batch(edits))
}

/// One batch that moves every claim's link to `duplicate` over to `keep` (dropping it
/// where the claim links `keep` already, so a claim never links a source twice because
/// of the merge) and removes `duplicate`. Changed claims get `now` as their modified
/// time. `None` when either source is missing or they are the same.
pub fn merge_sources(
    project: &Project,
    duplicate: &SourceId,
    keep: &SourceId,
    now: &Timestamp,
) -> Option<Edit> {
    if duplicate == keep || project.source(duplicate).is_none() || project.source(keep).is_none() {
        return None;
    }
    let relinked = relinking(project, duplicate, now, |links| {
        let links_keep = links.iter().any(|l| &l.source == keep);
        links.retain(|l| !(links_keep && &l.source == duplicate));
        for link in links {
            if &link.source == duplicate {
                link.source = keep.clone();
            }
        }
    });
    Some(Edit::Batch(vec![relinked, Edit::Source(RecordEdit::Remove(duplicate.clone()))]))
}

/// One batch that unlinks `source` from every claim that links it (setting their
/// modified time to `now`) and removes `source`; `None` when it is missing.
pub fn delete_source(project: &Project, source: &SourceId, now: &Timestamp) -> Option<Edit> {
    project.source(source)?;
    let unlinked = relinking(project, source, now, |links| links.retain(|l| &l.source != source));
    Some(Edit::Batch(vec![unlinked, Edit::Source(RecordEdit::Remove(source.clone()))]))
}

/// The documents whose outlet is `outlet`, in project order.
pub fn documents_of_outlet<'a>(project: &'a Project, outlet: &OutletId) -> Vec<&'a Document> {
    project.documents.iter().filter(|d| d.outlet.as_ref() == Some(outlet)).collect()
}

/// The claims that link `source` with their links changed by `change`, as one edit of
/// those links (and the claims' modified times, set to `now`): no claim is copied.
fn relinking(
    project: &Project,
    source: &SourceId,
    now: &Timestamp,
    change: impl Fn(&mut Vec<SourceLink>),
) -> Edit {
    let linking =
        project.claims.iter().enumerate().filter(|(_, c)| c.sources.iter().any(|l| &l.source == source));
    let changes = linking.map(|(index, claim)| {
        let mut sources = claim.sources.clone();
        change(&mut sources);
        let (modified, modified_by) = (now.clone(), claim.modified_by.clone());
        SourcesChange { index, id: claim.id.clone(), sources, modified, modified_by }
    });
    Edit::ClaimSources(changes.collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{Claim, ClaimId, DocumentId, LabelId, Outlet, Source, SourceKind, Taxonomy};

    fn project() -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        for (id, name) in [("outlet-1", "Keep"), ("outlet-2", "Duplicate")] {
            project.outlets.push(Outlet {
                id: OutletId::new(id),
                name: name.into(),
                domain: None,
                country: None,
                affiliation: LabelId::new("unknown"),
                owner: None,
                notes: String::new(),
            });
        }
        for (id, title) in [("source-1", "Keep"), ("source-2", "Duplicate")] {
            project.sources.push(Source {
                id: SourceId::new(id),
                title: title.into(),
                url: None,
                publisher: None,
                kind: SourceKind::Report,
                notes: String::new(),
            });
        }
        let text = "One claim. Two claims. Three claims.";
        for (index, outlet) in
            [Some("outlet-2"), Some("outlet-1"), Some("outlet-2"), None].into_iter().enumerate()
        {
            let mut document =
                Document::new(DocumentId::new(format!("doc-{index}")), format!("Document {index}"), text);
            document.outlet = outlet.map(OutletId::new);
            project.documents.push(document);
        }
        let link = |source: &str, relation: &str| SourceLink {
            source: SourceId::new(source),
            relation: LabelId::new(relation),
        };
        let links = [
            vec![link("source-2", "cited")],
            vec![link("source-1", "supports"), link("source-2", "cited")],
            vec![link("source-1", "cited")],
        ];
        for (index, sources) in links.into_iter().enumerate() {
            let span = CharSpan::new(0, 3);
            project.claims.push(Claim {
                sources,
                ..Claim::new(
                    ClaimId::new(format!("claim-{index}")),
                    DocumentId::new("doc-0"),
                    span,
                    QuoteSelector::capture(text, span).unwrap(),
                    LabelId::new("statistic"),
                    LabelId::new("unverified"),
                    Timestamp::from_unix(1),
                )
            });
        }
        project
    }

    #[test]
    fn merging_outlets_moves_documents_and_undoes_in_one_step() {
        let original = project();
        let mut project = original.clone();
        let edit = merge_outlets(&project, &OutletId::new("outlet-2"), &OutletId::new("outlet-1")).unwrap();
        let inverse = edit.apply(&mut project).unwrap();
        assert!(project.outlet(&OutletId::new("outlet-2")).is_none());
        let outlets: Vec<Option<&str>> =
            project.documents.iter().map(|d| d.outlet.as_ref().map(OutletId::as_str)).collect();
        assert_eq!(outlets, [Some("outlet-1"), Some("outlet-1"), Some("outlet-1"), None]);
        inverse.apply(&mut project).unwrap();
        assert_eq!(project, original);
        assert!(merge_outlets(&project, &OutletId::new("outlet-1"), &OutletId::new("outlet-1")).is_none());
        assert!(merge_outlets(&project, &OutletId::new("outlet-9"), &OutletId::new("outlet-1")).is_none());
    }

    #[test]
    fn deleting_an_outlet_clears_it_from_documents() {
        let original = project();
        let mut project = original.clone();
        let inverse =
            delete_outlet(&project, &OutletId::new("outlet-2")).unwrap().apply(&mut project).unwrap();
        assert!(project.outlet(&OutletId::new("outlet-2")).is_none());
        assert!(project.documents.iter().all(|d| d.outlet.as_ref().is_none_or(|o| o.as_str() == "outlet-1")));
        assert_eq!(project.documents[1].outlet, Some(OutletId::new("outlet-1")));
        inverse.apply(&mut project).unwrap();
        assert_eq!(project, original);
    }

    #[test]
    fn merging_sources_keeps_one_link_per_claim() {
        let original = project();
        let mut project = original.clone();
        let now = Timestamp::from_unix(1_800_000_000);
        let edit =
            merge_sources(&project, &SourceId::new("source-2"), &SourceId::new("source-1"), &now).unwrap();
        let inverse = edit.apply(&mut project).unwrap();
        assert!(project.source(&SourceId::new("source-2")).is_none());
        let links = |i: usize| -> Vec<(String, String)> {
            project.claims[i].sources.iter().map(|l| (l.source.to_string(), l.relation.to_string())).collect()
        };
        assert_eq!(links(0), [("source-1".to_owned(), "cited".to_owned())]);
        // Claim 1 linked both: the link to the kept source stays, with its relation.
        assert_eq!(links(1), [("source-1".to_owned(), "supports".to_owned())]);
        assert_eq!(links(2), [("source-1".to_owned(), "cited".to_owned())]);
        assert_eq!(project.claims[0].modified, now);
        assert_eq!(project.claims[2].modified, Timestamp::from_unix(1), "an untouched claim keeps its time");
        inverse.apply(&mut project).unwrap();
        assert_eq!(project, original);
    }

    #[test]
    fn deleting_a_source_unlinks_it_from_claims() {
        let original = project();
        let mut project = original.clone();
        let now = Timestamp::from_unix(1_800_000_000);
        let inverse =
            delete_source(&project, &SourceId::new("source-2"), &now).unwrap().apply(&mut project).unwrap();
        assert!(project.source(&SourceId::new("source-2")).is_none());
        assert!(project.claims.iter().all(|c| c.sources.iter().all(|l| l.source.as_str() != "source-2")));
        assert_eq!(project.claims[1].sources.len(), 1);
        assert_eq!(project.claims[1].modified, now);
        inverse.apply(&mut project).unwrap();
        assert_eq!(project, original);
    }
}
