//! Group views: every claim group with its members side by side, each with whose text
//! it is (a quoted passage's outlet, "via" the document's), how, and the passage that
//! holds it with its hedging, certainty and attribution words marked; the rules are in
//! the `compare` module's documentation. Pure computation: it never changes the project.

use super::{Header, Hedge, Passage, hedges, passage_with};
use crate::anchor::{CharIndex, CharSpan};
use crate::model::{Attribution, ClaimOutlet, DocumentId, GroupId, LabelSet, Outlet, OutletId, Project};
use crate::text::sentence_starts;
use serde::Serialize;
use std::collections::HashMap;

/// One member claim of a group, with what the side-by-side view shows of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberView {
    /// Index into `project.claims`.
    pub claim_index: usize,
    /// The claim's id.
    pub claim_id: String,
    /// The claim's exact text.
    pub quote: String,
    /// The document's id.
    pub document_id: String,
    /// The document's title.
    pub document_title: String,
    /// The document's URL, if recorded.
    pub document_url: Option<String>,
    /// The document's publication date, if recorded.
    pub published: Option<String>,
    /// The id of the outlet whose text the claim is, if recorded: the quoted passage's
    /// outlet when the claim sits in one, else the document's.
    pub outlet_id: Option<String>,
    /// That outlet's name, if recorded.
    pub outlet_name: Option<String>,
    /// That outlet's affiliation (id, name, colour), if an outlet is recorded.
    pub affiliation: Option<Header>,
    /// The document's own outlet's id when the claim sits in a passage it quotes from
    /// another outlet (shown as "via …"); `None` otherwise.
    pub via_outlet_id: Option<String>,
    /// That outlet's name.
    pub via_outlet_name: Option<String>,
    /// The document's genre, if recorded.
    pub genre: Option<Header>,
    /// The claim kind.
    pub kind: Header,
    /// Who asserts the claim ("" when not recorded).
    pub claimant: String,
    /// Asserted by the outlet or attributed to a speaker.
    pub attribution: Attribution,
    /// The verdict (id, name, colour).
    pub verdict: Header,
    /// The frames, in the claim's order.
    pub frames: Vec<Header>,
    /// The passage holding the claim. When the claim's span does not fit its document,
    /// the passage is the quote's exact text alone.
    pub passage: Passage,
    /// Hedging, certainty and attribution words in the passage (char offsets of the
    /// passage), from [`hedges`].
    pub hedges: Vec<Hedge>,
}

/// A claim group with its members, for the side-by-side view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupView {
    /// The group's id.
    pub group_id: String,
    /// The group's neutral wording of the shared claim.
    pub name: String,
    /// What the members share, how they differ.
    pub notes: String,
    /// Member claims in claim order (by document, then position); empty for a group
    /// without claims.
    pub members: Vec<MemberView>,
}

/// Every group of the project with its members; see the module docs.
pub fn group_views(project: &Project) -> Vec<GroupView> {
    let taxonomy = &project.taxonomy;
    let documents = project.documents_by_id();
    let outlets: HashMap<&OutletId, &Outlet> = project.outlets_by_id();
    let group_index: HashMap<&GroupId, usize> =
        project.groups.iter().enumerate().map(|(i, g)| (&g.id, i)).collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); project.groups.len()];
    for (claim_index, claim) in project.claims.iter().enumerate() {
        if let Some(&group) = claim.group.as_ref().and_then(|g| group_index.get(g)) {
            members[group].push(claim_index);
        }
    }
    let mut sentences: HashMap<&DocumentId, (CharIndex<'_>, Vec<usize>)> = HashMap::new();
    let mut view = |claim_index: usize| -> MemberView {
        let claim = &project.claims[claim_index];
        let document = documents.get(&claim.document).copied();
        let passage = document
            .and_then(|document| {
                let (index, starts) = sentences
                    .entry(&claim.document)
                    .or_insert_with(|| (CharIndex::new(&document.text), sentence_starts(&document.text)));
                passage_with(index, starts, claim.span)
            })
            .unwrap_or_else(|| Passage {
                text: claim.quote.exact.clone(),
                claim: CharSpan::new(0, claim.quote.exact.chars().count()),
                start: claim.span.start,
                cut_before: false,
                cut_after: false,
            });
        let owner = document.map(|d| ClaimOutlet::of(d, claim.span, |id| outlets.get(id).copied()));
        let outlet = owner.and_then(|o| o.outlet);
        let via = owner.and_then(|o| o.via);
        MemberView {
            claim_index,
            claim_id: claim.id.to_string(),
            quote: claim.quote.exact.clone(),
            document_id: claim.document.to_string(),
            document_title: document.map_or_else(|| claim.document.to_string(), |d| d.title.clone()),
            document_url: document.and_then(|d| d.url.clone()),
            published: document.and_then(|d| d.published.clone()),
            outlet_id: outlet.map(|o| o.id.to_string()),
            outlet_name: outlet.map(|o| o.name.clone()),
            affiliation: outlet.map(|o| Header::of_label(taxonomy, LabelSet::Affiliation, &o.affiliation)),
            via_outlet_id: via.map(|o| o.id.to_string()),
            via_outlet_name: via.map(|o| o.name.clone()),
            genre: document
                .and_then(|d| d.genre.as_ref())
                .map(|g| Header::of_label(taxonomy, LabelSet::Genre, g)),
            kind: Header::of_label(taxonomy, LabelSet::ClaimKind, &claim.kind),
            claimant: claim.claimant.clone(),
            attribution: claim.attribution,
            verdict: Header::of_label(taxonomy, LabelSet::Verdict, &claim.verdict),
            frames: claim.frames.iter().map(|f| Header::of_label(taxonomy, LabelSet::Frame, f)).collect(),
            hedges: hedges(&passage.text),
            passage,
        }
    };
    project
        .groups
        .iter()
        .zip(members)
        .map(|(group, claims)| GroupView {
            group_id: group.id.to_string(),
            name: group.name.clone(),
            notes: group.notes.clone(),
            members: claims.into_iter().map(&mut view).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{quoting, small};

    #[test]
    fn group_views_show_members_with_their_outlets() {
        let p = small();
        let views = group_views(&p);
        assert_eq!(views.len(), 2);
        assert_eq!(views[0].members.iter().map(|m| m.claim_id.as_str()).collect::<Vec<_>>(), ["c1", "c3"]);
        let m = &views[0].members[0];
        assert_eq!(m.outlet_name.as_deref(), Some("Outlet o1"));
        assert_eq!(m.affiliation.as_ref().unwrap().id, "state-media");
        assert_eq!(m.affiliation.as_ref().unwrap().name, "State media");
        assert_eq!(m.verdict.id, "true");
        assert_eq!(m.passage.text, "Text one.");
        assert_eq!(m.passage.claim, CharSpan::new(0, 4));
        let m = &views[1].members[0];
        assert_eq!((m.outlet_name.as_ref(), m.affiliation.as_ref(), m.genre.as_ref()), (None, None, None));
    }

    #[test]
    fn a_member_in_a_quoted_passage_shows_that_outlet_via_the_documents() {
        let p = quoting();
        let views = group_views(&p);
        let members = &views[0].members;
        assert_eq!(members.iter().map(|m| m.claim_id.as_str()).collect::<Vec<_>>(), ["c1", "c2"]);
        let outside = &members[0];
        assert_eq!(outside.outlet_name.as_deref(), Some("Outlet forum"));
        assert_eq!((outside.via_outlet_id.as_ref(), outside.via_outlet_name.as_ref()), (None, None));
        let inside = &members[1];
        assert_eq!(inside.outlet_id.as_deref(), Some("paper"));
        assert_eq!(inside.outlet_name.as_deref(), Some("Outlet paper"));
        assert_eq!(inside.affiliation.as_ref().unwrap().id, "private");
        assert_eq!(inside.via_outlet_id.as_deref(), Some("forum"));
        assert_eq!(inside.via_outlet_name.as_deref(), Some("Outlet forum"));
        // The genre stays the thread's.
        assert_eq!(inside.genre.as_ref().unwrap().id, "forum-thread");
    }
}
