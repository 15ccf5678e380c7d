//! Which claims the claims table shows and in what order: columns, sorting, the filter
//! text and the filter dropdowns. Plain functions over the project, no egui, so that they
//! are tested alone and the window only caches their results.

use crate::model::{Claim, LabelId, LabelSet, OutletId, Project, ReviewerId};
use std::collections::HashMap;

/// A column of the claims table; every column can sort the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableColumn {
    /// The document's title.
    Document,
    /// The outlet that published the document.
    Outlet,
    /// The claim's kind, in the taxonomy's order.
    Kind,
    /// The claim's verdict, in the taxonomy's order (its rating scale).
    Verdict,
    /// Who asserts the claim.
    Claimant,
    /// The quoted text.
    Quote,
    /// The claim's group.
    Group,
}

impl TableColumn {
    /// Every column, left to right.
    pub const ALL: [TableColumn; 7] = [
        TableColumn::Document,
        TableColumn::Outlet,
        TableColumn::Kind,
        TableColumn::Verdict,
        TableColumn::Claimant,
        TableColumn::Quote,
        TableColumn::Group,
    ];

    /// The header text.
    pub fn name(self) -> &'static str {
        match self {
            TableColumn::Document => "Document",
            TableColumn::Outlet => "Outlet",
            TableColumn::Kind => "Kind",
            TableColumn::Verdict => "Verdict",
            TableColumn::Claimant => "Claimant",
            TableColumn::Quote => "Quote",
            TableColumn::Group => "Group",
        }
    }

    /// What a click on the header does.
    pub fn tooltip(self) -> &'static str {
        match self {
            TableColumn::Document => "Sort by document title (click again to reverse)",
            TableColumn::Outlet => "Sort by outlet name (click again to reverse)",
            TableColumn::Kind => "Sort by kind, in the taxonomy's order (click again to reverse)",
            TableColumn::Verdict => "Sort by verdict, in the taxonomy's order (click again to reverse)",
            TableColumn::Claimant => "Sort by claimant (click again to reverse)",
            TableColumn::Quote => "Sort by quoted text (click again to reverse)",
            TableColumn::Group => "Sort by group name (click again to reverse)",
        }
    }
}

/// Which way a sorted column runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// A to Z, first taxonomy entry first.
    Ascending,
    /// Z to A, last taxonomy entry first.
    Descending,
}

/// How the table is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TableSort {
    /// The column sorted by.
    pub column: TableColumn,
    /// Which way.
    pub direction: SortDirection,
}

impl TableSort {
    /// The sort after a click on `column`'s header: ascending for a new column, the other
    /// way round for the current one.
    pub fn after_click(current: Option<TableSort>, column: TableColumn) -> TableSort {
        let direction = match current {
            Some(sort) if sort.column == column && sort.direction == SortDirection::Ascending => {
                SortDirection::Descending
            }
            _ => SortDirection::Ascending,
        };
        TableSort { column, direction }
    }
}

/// The indices into `project.claims` of the claims the table shows, in display order.
///
/// `filter` is split at white space; a claim is shown when every word occurs, ignoring
/// case, in its quote, claimant, document title, outlet name, outlet affiliation, kind,
/// verdict or group name. Without a sort the claims keep the project's order. Sorting
/// is stable: claims with equal keys keep the project's order, in both directions.
/// Text keys compare ignoring case; kinds and verdicts sort in the taxonomy's order
/// (labels missing from the taxonomy after the known ones, by id).
///
/// The table computes the same in steps it can cache apart ([`sorted_claims`], then
/// [`SearchText::filter`]): a stable sort of all claims, filtered, gives the same order
/// as the filtered claims sorted.
pub fn claim_rows(project: &Project, filter: &str, sort: Option<TableSort>) -> Vec<usize> {
    let order = sorted_claims(project, sort);
    let words = filter_words(filter);
    if words.is_empty() {
        return order;
    }
    SearchText::new(project).filter(&order, &words)
}

/// The choices of the table's filter dropdowns; `None` in a field shows every claim.
/// A claim is shown when it passes every field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ColumnFilters {
    /// Claims of this kind.
    pub kind: Option<LabelId>,
    /// Claims with this verdict.
    pub verdict: Option<LabelId>,
    /// Claims of documents of this outlet; `Some(None)`: of documents with no outlet
    /// recorded (or one the project lacks).
    pub outlet: Option<Option<OutletId>>,
    /// Claims of documents whose outlet has this affiliation.
    pub affiliation: Option<LabelId>,
    /// Claims marked by this reviewer; `Some(None)`: with no reviewer recorded.
    pub reviewer: Option<Option<ReviewerId>>,
}

impl ColumnFilters {
    /// Whether any dropdown narrows the claims.
    pub fn is_active(&self) -> bool {
        *self != ColumnFilters::default()
    }

    /// The claims of `order` that pass every dropdown, in `order`'s order.
    pub fn filter(&self, project: &Project, order: &[usize]) -> Vec<usize> {
        if !self.is_active() {
            return order.to_vec();
        }
        // A claim's outlet is its document's: looked up once per document.
        let outlets = project.outlets_by_id();
        let document_outlets: HashMap<_, Option<&crate::model::Outlet>> = project
            .documents
            .iter()
            .map(|d| (&d.id, d.outlet.as_ref().and_then(|id| outlets.get(id).copied())))
            .collect();
        let keeps = |claim: &Claim| {
            let outlet = document_outlets.get(&claim.document).copied().flatten();
            self.kind.as_ref().is_none_or(|kind| &claim.kind == kind)
                && self.verdict.as_ref().is_none_or(|verdict| &claim.verdict == verdict)
                && self.outlet.as_ref().is_none_or(|wanted| wanted.as_ref() == outlet.map(|o| &o.id))
                && self
                    .affiliation
                    .as_ref()
                    .is_none_or(|wanted| outlet.is_some_and(|o| &o.affiliation == wanted))
                && self.reviewer.as_ref().is_none_or(|wanted| wanted == &claim.reviewer)
        };
        order.iter().copied().filter(|&index| project.claims.get(index).is_some_and(keeps)).collect()
    }
}

/// The words of a filter, lowercased as [`SearchText`] lowercases.
pub fn filter_words(filter: &str) -> Vec<String> {
    filter.split_whitespace().map(lowercase).collect()
}

/// Appends `text` lowercased to `out`, one char at a time, so that a filter word and the
/// text it is looked for in are lowercased alike.
fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|byte| char::from(byte.to_ascii_lowercase())));
    } else {
        for c in text.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_lowercase(&mut out, text);
    out
}

/// The lowercased text a filter searches, for every claim of a project: built once per
/// project state, it makes each keystroke in the filter box a scan of plain substrings.
#[derive(Debug, Default)]
pub struct SearchText {
    /// Every claim's quote and claimant, lowercased, one per line, claim after claim.
    claim_text: String,
    /// Where each claim's part of `claim_text` ends.
    claim_ends: Vec<usize>,
    /// Lowercased text many claims share: a document's title, outlet and affiliation;
    /// a kind's, verdict's or group's name.
    shared: Vec<String>,
    /// Per claim: its document, kind, verdict and group in `shared`.
    claim_shared: Vec<[Option<u32>; 4]>,
}

impl SearchText {
    /// The search text of every claim of `project`.
    pub fn new(project: &Project) -> SearchText {
        let mut search = SearchText::default();
        let mut slots = SharedSlots::default();
        let taxonomy = &project.taxonomy;
        let documents = project.documents_by_id();
        search.claim_ends.reserve(project.claims.len());
        search.claim_shared.reserve(project.claims.len());
        for claim in &project.claims {
            push_lowercase(&mut search.claim_text, &claim.quote.exact);
            search.claim_text.push('\n');
            push_lowercase(&mut search.claim_text, &claim.claimant);
            search.claim_ends.push(search.claim_text.len());

            let document = documents.get(&claim.document).map(|document| {
                let text = || {
                    let mut text = lowercase(&document.title);
                    if let Some(outlet) = project.outlet_of(document) {
                        text.push('\n');
                        push_lowercase(&mut text, &outlet.name);
                        text.push('\n');
                        push_lowercase(
                            &mut text,
                            taxonomy.name_of(LabelSet::Affiliation, &outlet.affiliation),
                        );
                    }
                    text
                };
                slots.slot(&mut search, 0, document.id.as_str(), text)
            });
            let kind_name = || lowercase(taxonomy.name_of(LabelSet::ClaimKind, &claim.kind));
            let kind = slots.slot(&mut search, 1, claim.kind.as_str(), kind_name);
            let verdict_name = || lowercase(taxonomy.name_of(LabelSet::Verdict, &claim.verdict));
            let verdict = slots.slot(&mut search, 2, claim.verdict.as_str(), verdict_name);
            let group = claim.group.as_ref().map(|group_id| {
                let name =
                    || lowercase(project.group(group_id).map_or(group_id.as_str(), |g| g.name.as_str()));
                slots.slot(&mut search, 3, group_id.as_str(), name)
            });
            search.claim_shared.push([document.flatten(), kind, verdict, group.flatten()]);
        }
        search
    }

    /// Whether every word (lowercased, see [`filter_words`]) occurs in one of the
    /// claim's fields. Words hold no white space, so none matches across two fields.
    pub fn matches(&self, claim_index: usize, words: &[String]) -> bool {
        let start = match claim_index.checked_sub(1) {
            Some(previous) => self.claim_ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.claim_ends.get(claim_index).copied().unwrap_or(start);
        let own = self.claim_text.get(start..end).unwrap_or("");
        let shared = self.claim_shared.get(claim_index).copied().unwrap_or_default();
        let shared = || shared.into_iter().flatten().filter_map(|slot| self.shared.get(slot as usize));
        words
            .iter()
            .all(|word| own.contains(word.as_str()) || shared().any(|text| text.contains(word.as_str())))
    }

    /// The claims of `order` that match every word, in `order`'s order.
    pub fn filter(&self, order: &[usize], words: &[String]) -> Vec<usize> {
        order.iter().copied().filter(|&claim_index| self.matches(claim_index, words)).collect()
    }
}

/// Hands out the slots of [`SearchText::shared`], one per record or label.
#[derive(Default)]
struct SharedSlots<'a> {
    /// By kind of record (so that a document and a group with one id stay apart) and id.
    slots: HashMap<(u8, &'a str), u32>,
}

impl<'a> SharedSlots<'a> {
    /// The slot of a shared text, made with `text` on first use.
    fn slot(
        &mut self,
        search: &mut SearchText,
        category: u8,
        key: &'a str,
        text: impl FnOnce() -> String,
    ) -> Option<u32> {
        if let Some(&slot) = self.slots.get(&(category, key)) {
            return Some(slot);
        }
        let slot = u32::try_from(search.shared.len()).ok()?;
        search.shared.push(text());
        self.slots.insert((category, key), slot);
        Some(slot)
    }
}

/// The position of each label of `set` in the taxonomy; unknown ids come after, by id.
fn label_rank<'a>(project: &'a Project, set: LabelSet, id: &'a LabelId) -> (usize, &'a str) {
    let labels = project.taxonomy.labels(set);
    match labels.iter().position(|label| &label.id == id) {
        Some(position) => (position, ""),
        None => (labels.len(), id.as_str()),
    }
}

/// The indices of all claims of `project`, sorted (see [`claim_rows`]).
pub fn sorted_claims(project: &Project, sort: Option<TableSort>) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..project.claims.len()).collect();
    let Some(sort) = sort else {
        return rows;
    };
    let claims = &project.claims;
    // Keys that many claims share are computed once per document or group.
    match sort.column {
        TableColumn::Document => {
            let titles: HashMap<_, String> =
                project.documents.iter().map(|d| (&d.id, lowercase(&d.title))).collect();
            let missing = String::new();
            sort_by_key(&mut rows, sort.direction, |i| titles.get(&claims[i].document).unwrap_or(&missing));
        }
        TableColumn::Outlet => {
            let names: HashMap<_, String> = project
                .documents
                .iter()
                .map(|d| (&d.id, project.outlet_of(d).map_or_else(String::new, |o| lowercase(&o.name))))
                .collect();
            let missing = String::new();
            sort_by_key(&mut rows, sort.direction, |i| names.get(&claims[i].document).unwrap_or(&missing));
        }
        TableColumn::Kind => {
            sort_by_key(&mut rows, sort.direction, |i| {
                label_rank(project, LabelSet::ClaimKind, &claims[i].kind)
            });
        }
        TableColumn::Verdict => {
            sort_by_key(&mut rows, sort.direction, |i| {
                label_rank(project, LabelSet::Verdict, &claims[i].verdict)
            });
        }
        TableColumn::Claimant => sort_by_key(&mut rows, sort.direction, |i| lowercase(&claims[i].claimant)),
        TableColumn::Quote => sort_by_key(&mut rows, sort.direction, |i| lowercase(&claims[i].quote.exact)),
        TableColumn::Group => {
            let names: HashMap<_, String> =
                project.groups.iter().map(|g| (&g.id, lowercase(&g.name))).collect();
            let missing = String::new();
            sort_by_key(&mut rows, sort.direction, |i| {
                claims[i].group.as_ref().and_then(|group| names.get(group)).unwrap_or(&missing)
            });
        }
    }
    rows
}

/// Sorts `rows` by `key`, stably in both directions: equal keys keep their order.
fn sort_by_key<K: Ord>(rows: &mut Vec<usize>, direction: SortDirection, mut key: impl FnMut(usize) -> K) {
    let mut keyed: Vec<(K, usize)> = rows.iter().map(|&row| (key(row), row)).collect();
    match direction {
        SortDirection::Ascending => keyed.sort_by(|a, b| a.0.cmp(&b.0)),
        SortDirection::Descending => keyed.sort_by(|a, b| b.0.cmp(&a.0)),
    }
    rows.clear();
    rows.extend(keyed.into_iter().map(|(_, row)| row));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{
        Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, Outlet, OutletId, Taxonomy,
        Timestamp,
    };
    use std::sync::Arc;

    const TEXT: &str = "alpha beta gamma delta epsilon zeta eta theta iota kappa";

    fn document(id: &str, title: &str, outlet: Option<&str>) -> Document {
        Document {
            id: DocumentId::new(id),
            title: title.into(),
            outlet: outlet.map(OutletId::new),
            genre: None,
            url: None,
            published: None,
            author: None,
            captured: None,
            notes: String::new(),
            passages: Vec::new(),
            text: Arc::from(TEXT),
        }
    }

    fn outlet(id: &str, name: &str, affiliation: &str) -> Outlet {
        Outlet {
            id: OutletId::new(id),
            name: name.into(),
            domain: None,
            country: None,
            affiliation: LabelId::new(affiliation),
            owner: None,
            notes: String::new(),
        }
    }

    fn claim(id: &str, document: &str, word: &str, kind: &str, verdict: &str, claimant: &str) -> Claim {
        let start = TEXT.find(word).unwrap();
        let span = CharSpan::new(start, start + word.len());
        Claim {
            claimant: claimant.into(),
            attribution: Attribution::Attributed,
            ..Claim::new(
                ClaimId::new(id),
                DocumentId::new(document),
                span,
                QuoteSelector::capture(TEXT, span).unwrap(),
                LabelId::new(kind),
                LabelId::new(verdict),
                Timestamp::from_unix(1_700_000_000),
            )
        }
    }

    /// Claims 0..=5; the builtin taxonomy orders kinds statistic, money, event, …,
    /// prediction and verdicts unverified, true, mostly-true, half-true, misleading, false.
    fn project() -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        project.outlets.push(outlet("o-zeta", "Zeta Times", "private"));
        project.outlets.push(outlet("o-alpha", "alpha News", "state-media"));
        project.documents.push(document("d-m", "Middle report", Some("o-zeta")));
        project.documents.push(document("d-a", "another story", Some("o-alpha")));
        project.documents.push(document("d-z", "Zebra crossing", None));
        project.groups.push(ClaimGroup {
            id: GroupId::new("g-1"),
            name: "Shared figure".into(),
            notes: String::new(),
        });
        project.claims = vec![
            claim("c0", "d-m", "alpha", "money", "false", "Boris"),
            claim("c1", "d-m", "beta", "statistic", "true", "anna"),
            claim("c2", "d-a", "gamma", "money", "unverified", "Carla"),
            claim("c3", "d-a", "delta", "event", "false", "boris"),
            claim("c4", "d-z", "epsilon", "statistic", "misleading", ""),
            claim("c5", "d-z", "zeta", "prediction", "true", "Anna"),
        ];
        project.claims[3].group = Some(GroupId::new("g-1"));
        project
    }

    fn sorted(column: TableColumn, direction: SortDirection) -> Vec<usize> {
        claim_rows(&project(), "", Some(TableSort { column, direction }))
    }

    use SortDirection::{Ascending, Descending};

    #[test]
    fn unsorted_unfiltered_keeps_project_order() {
        assert_eq!(claim_rows(&project(), "", None), vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(claim_rows(&project(), "   ", None), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn sorts_by_document_title_ignoring_case_ties_in_claim_order() {
        // "another story" < "Middle report" < "Zebra crossing"
        assert_eq!(sorted(TableColumn::Document, Ascending), vec![2, 3, 0, 1, 4, 5]);
        assert_eq!(sorted(TableColumn::Document, Descending), vec![4, 5, 0, 1, 2, 3]);
    }

    #[test]
    fn sorts_by_outlet_name_with_no_outlet_first() {
        // no outlet ("") < "alpha News" < "Zeta Times"
        assert_eq!(sorted(TableColumn::Outlet, Ascending), vec![4, 5, 2, 3, 0, 1]);
        assert_eq!(sorted(TableColumn::Outlet, Descending), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn sorts_by_kind_in_taxonomy_order() {
        // statistic (1, 4) < money (0, 2) < event (3) < prediction (5)
        assert_eq!(sorted(TableColumn::Kind, Ascending), vec![1, 4, 0, 2, 3, 5]);
        assert_eq!(sorted(TableColumn::Kind, Descending), vec![5, 3, 0, 2, 1, 4]);
    }

    #[test]
    fn sorts_by_verdict_in_taxonomy_order() {
        // unverified (2) < true (1, 5) < misleading (4) < false (0, 3)
        assert_eq!(sorted(TableColumn::Verdict, Ascending), vec![2, 1, 5, 4, 0, 3]);
        assert_eq!(sorted(TableColumn::Verdict, Descending), vec![0, 3, 4, 1, 5, 2]);
    }

    #[test]
    fn sorts_by_claimant_ignoring_case_ties_keep_claim_order_both_ways() {
        // "" (4) < anna (1) = Anna (5) < Boris (0) = boris (3) < Carla (2)
        assert_eq!(sorted(TableColumn::Claimant, Ascending), vec![4, 1, 5, 0, 3, 2]);
        assert_eq!(sorted(TableColumn::Claimant, Descending), vec![2, 0, 3, 1, 5, 4]);
    }

    #[test]
    fn sorts_by_quote_and_group() {
        // alpha beta delta epsilon gamma zeta
        assert_eq!(sorted(TableColumn::Quote, Ascending), vec![0, 1, 3, 4, 2, 5]);
        assert_eq!(sorted(TableColumn::Quote, Descending), vec![5, 2, 4, 3, 1, 0]);
        assert_eq!(sorted(TableColumn::Group, Ascending), vec![0, 1, 2, 4, 5, 3]);
        assert_eq!(sorted(TableColumn::Group, Descending), vec![3, 0, 1, 2, 4, 5]);
    }

    #[test]
    fn unknown_labels_sort_after_known_ones_by_id() {
        let mut project = project();
        project.claims[0].kind = LabelId::new("zz-unknown");
        project.claims[2].kind = LabelId::new("aa-unknown");
        let rows =
            claim_rows(&project, "", Some(TableSort { column: TableColumn::Kind, direction: Ascending }));
        assert_eq!(rows, vec![1, 4, 3, 5, 2, 0]);
    }

    #[test]
    fn filter_ignores_case_over_every_field() {
        let project = project();
        let filter = |text: &str| claim_rows(&project, text, None);
        assert_eq!(filter("GAMMA"), vec![2], "quote");
        assert_eq!(filter("bOrIs"), vec![0, 3], "claimant");
        assert_eq!(filter("zebra"), vec![4, 5], "document title");
        assert_eq!(filter("ALPHA NEWS"), vec![2, 3], "outlet name, two words");
        assert_eq!(filter("state media"), vec![2, 3], "affiliation");
        assert_eq!(filter("statistic / QUANTITY"), vec![1, 4], "kind name");
        assert_eq!(filter("misleading"), vec![4], "verdict name");
        assert_eq!(filter("shared"), vec![3], "group name");
        assert_eq!(filter("nothing like this"), Vec::<usize>::new());
    }

    #[test]
    fn every_filter_word_must_match_and_not_across_fields() {
        let project = project();
        assert_eq!(claim_rows(&project, "anna zebra", None), vec![5]);
        // "beta" is claim 1's quote and "anna" its claimant: no word spans both.
        assert_eq!(claim_rows(&project, "betaanna", None), Vec::<usize>::new());
    }

    #[test]
    fn filter_then_sort() {
        let rows = claim_rows(
            &project(),
            "true",
            Some(TableSort { column: TableColumn::Claimant, direction: Descending }),
        );
        assert_eq!(rows, vec![1, 5]);
    }

    #[test]
    fn dropdowns_keep_the_claims_that_pass_every_choice() {
        let mut project = project();
        project.reviewers.push(crate::model::Reviewer { id: ReviewerId::new("r-1"), name: "Ana".into() });
        project.claims[2].reviewer = Some(ReviewerId::new("r-1"));
        let all: Vec<usize> = (0..project.claims.len()).collect();
        let rows = |filters: ColumnFilters| filters.filter(&project, &all);
        assert_eq!(rows(ColumnFilters::default()), all);
        assert_eq!(rows(ColumnFilters { kind: Some(LabelId::new("money")), ..Default::default() }), [0, 2]);
        assert_eq!(rows(ColumnFilters { verdict: Some(LabelId::new("true")), ..Default::default() }), [1, 5]);
        let outlet =
            |id: Option<&str>| ColumnFilters { outlet: Some(id.map(OutletId::new)), ..Default::default() };
        assert_eq!(rows(outlet(Some("o-alpha"))), [2, 3]);
        assert_eq!(rows(outlet(None)), [4, 5], "no outlet recorded");
        let affiliation = ColumnFilters { affiliation: Some(LabelId::new("private")), ..Default::default() };
        assert_eq!(rows(affiliation), [0, 1]);
        let reviewer = |id: Option<&str>| ColumnFilters {
            reviewer: Some(id.map(ReviewerId::new)),
            ..Default::default()
        };
        assert_eq!(rows(reviewer(Some("r-1"))), [2]);
        assert_eq!(rows(reviewer(None)), [0, 1, 3, 4, 5], "no reviewer recorded");
        let both = ColumnFilters {
            kind: Some(LabelId::new("money")),
            outlet: Some(Some(OutletId::new("o-zeta"))),
            ..Default::default()
        };
        assert_eq!(rows(both), [0]);
        // The order given is kept.
        let kind = ColumnFilters { kind: Some(LabelId::new("statistic")), ..Default::default() };
        assert_eq!(kind.filter(&project, &[4, 3, 1]), [4, 1]);
    }

    #[test]
    fn header_clicks_sort_then_reverse() {
        let first = TableSort::after_click(None, TableColumn::Claimant);
        assert_eq!(first, TableSort { column: TableColumn::Claimant, direction: Ascending });
        let second = TableSort::after_click(Some(first), TableColumn::Claimant);
        assert_eq!(second.direction, Descending);
        assert_eq!(TableSort::after_click(Some(second), TableColumn::Claimant).direction, Ascending);
        let other = TableSort::after_click(Some(second), TableColumn::Kind);
        assert_eq!(other, TableSort { column: TableColumn::Kind, direction: Ascending });
    }
}
