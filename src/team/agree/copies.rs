//! Several copies of one project, each marked by its own reviewer, as one project for
//! [`super::report::Report`]: the first copy's documents, and every copy's claims with
//! their reviewers (a claim without one counts for the copy's name). A document is
//! matched across copies by id; one whose text differs from the first copy's is left
//! out, with its claims, and reported, so that no span is compared on shifted offsets.

use crate::model::{DocumentId, Project, Reviewer, ReviewerId};
use std::collections::{HashMap, HashSet};

/// A document left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// The document.
    pub document: DocumentId,
    /// The copy whose text differs, or that lacks the document.
    pub copy: String,
    /// What differs.
    pub reason: String,
}

/// The copies (each with the name it is reported under, a file name) as one project,
/// and the documents left out.
pub fn combine(copies: &[(String, Project)]) -> (Project, Vec<LeftOut>) {
    let Some((_, first)) = copies.first() else {
        return (Project::new("", crate::model::Taxonomy::builtin()), Vec::new());
    };
    let mut combined = first.clone();
    combined.claims.clear();
    combined.reviewers.clear();
    let mut left_out = Vec::new();
    let texts: HashMap<&DocumentId, &str> = first.documents.iter().map(|d| (&d.id, &d.text[..])).collect();
    let mut excluded: HashSet<DocumentId> = HashSet::new();
    for (name, copy) in &copies[1..] {
        let theirs: HashMap<&DocumentId, &str> =
            copy.documents.iter().map(|d| (&d.id, &d.text[..])).collect();
        for (id, text) in &texts {
            let reason = match theirs.get(id) {
                None if copy.claims.iter().any(|c| &c.document == *id) => "missing, though claims name it",
                None => continue,
                Some(t) if t != text => "its text differs from the first copy's",
                Some(_) => continue,
            };
            if excluded.insert((*id).clone()) {
                left_out.push(LeftOut { document: (*id).clone(), copy: name.clone(), reason: reason.into() });
            }
        }
    }
    let mut seen: HashSet<(ReviewerId, &str)> = HashSet::new();
    for (name, copy) in copies {
        let own = ReviewerId::new(name);
        let names: HashMap<&ReviewerId, &str> =
            copy.reviewers.iter().map(|r| (&r.id, r.name.as_str())).collect();
        for claim in &copy.claims {
            if excluded.contains(&claim.document) || !texts.contains_key(&claim.document) {
                continue;
            }
            let reviewer = claim.reviewer.clone().unwrap_or_else(|| own.clone());
            // A claim in two copies (marked before they were handed out) counts once.
            if !seen.insert((reviewer.clone(), claim.id.as_str())) {
                continue;
            }
            if !combined.reviewers.iter().any(|r| r.id == reviewer) {
                let shown = names.get(&reviewer).map_or(name.as_str(), |n| n);
                combined.reviewers.push(Reviewer { id: reviewer.clone(), name: shown.to_owned() });
            }
            let mut claim = claim.clone();
            claim.reviewer = Some(reviewer);
            combined.claims.push(claim);
        }
    }
    (combined, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{Claim, ClaimId, Document, LabelId, Taxonomy, Timestamp};

    fn copy(texts: &[(&str, &str)], claims: &[(&str, &str, usize)]) -> Project {
        let mut project = Project::new("copy", Taxonomy::builtin());
        for (id, text) in texts {
            project.documents.push(Document::new(DocumentId::new(*id), "D", *text));
        }
        for (id, document, start) in claims {
            let text = &project.document(&DocumentId::new(*document)).unwrap().text;
            let span = CharSpan::new(*start, start + 3);
            project.claims.push(Claim::new(
                ClaimId::new(*id),
                DocumentId::new(*document),
                span,
                QuoteSelector::capture(text, span).unwrap(),
                LabelId::new("statistic"),
                LabelId::new("unverified"),
                Timestamp::from_unix(0),
            ));
        }
        project
    }

    #[test]
    fn copies_become_reviewers_and_a_changed_text_is_left_out() {
        let a =
            copy(&[("d1", "One two three."), ("d2", "Four five six.")], &[("c1", "d1", 0), ("c2", "d2", 0)]);
        let b =
            copy(&[("d1", "One two three."), ("d2", "Four, five six.")], &[("c1", "d1", 0), ("c9", "d2", 5)]);
        let (combined, left_out) = combine(&[("ana.ron".into(), a), ("ben.ron".into(), b)]);
        assert_eq!(left_out.len(), 1);
        assert_eq!(left_out[0].document, DocumentId::new("d2"));
        assert_eq!(left_out[0].copy, "ben.ron");
        let who: Vec<(&str, &str)> =
            combined.claims.iter().map(|c| (c.id.as_str(), c.reviewer.as_ref().unwrap().as_str())).collect();
        assert_eq!(who, [("c1", "ana.ron"), ("c1", "ben.ron")]);
        let names: Vec<&str> = combined.reviewers.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["ana.ron", "ben.ron"]);
    }
}
