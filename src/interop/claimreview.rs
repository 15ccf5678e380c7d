//! schema.org [ClaimReview](https://schema.org/ClaimReview) JSON-LD, export only, shaped
//! after Google's fact-check structured-data guidance: a JSON array with one
//! `ClaimReview` per fact-checked claim, each carrying its own `@context` so that any
//! item can be pasted into a page's `<script type="application/ld+json">` on its own.
//!
//! A claim is fact-checked when its verdict is not the taxonomy's first verdict (the
//! default of a new claim, `unverified`): the others are the ratings. Claims still at the
//! default are left out and counted in one line of [`ExportSummary::skipped`].
//!
//! ```json
//! {
//!   "@context": "https://schema.org",
//!   "@type": "ClaimReview",
//!   "identifier": "claim-7",
//!   "claimReviewed": "3,000 to 5,000 ISIS-K fighters",
//!   "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 6, "worstRating": 1,
//!                    "alternateName": "False", "name": "False"},
//!   "itemReviewed": {"@type": "Claim",
//!                    "author": {"@type": "Person", "name": "Maria Sultan"},
//!                    "appearance": [{"@type": "CreativeWork", "url": "https://…", "headline": "…",
//!                                    "publisher": {"@type": "Organization", "name": "Sputnik"}}],
//!                    "datePublished": "2025-12-17"},
//!   "datePublished": "2026-11-23",
//!   "author": {"@type": "Person", "name": "reviewer"},
//!   "reviewBody": "the reviewer's note"
//! }
//! ```
//!
//! - No offsets: a ClaimReview quotes the claim (`claimReviewed`, its exact text) and
//!   points at the document (`appearance`), it does not locate the claim inside it.
//! - The rating scale follows the taxonomy's verdict order, read as best to worst: of the
//!   `n` verdicts after the default, the first gets `ratingValue` `n` (= `bestRating`),
//!   the last `1` (= `worstRating`; Google wants it above 0). With the default taxonomy:
//!   true 6, mostly-true 5, half-true 4, misleading 3, false 2, unsupported 1. Reorder the
//!   project's verdicts to change the scale. `alternateName` and `name` are the verdict's
//!   name, which is what Google shows.
//! - `itemReviewed.author` is the claimant (left out when not recorded). It is an
//!   `Organization` when the claimant is the name of an outlet or of a source's publisher,
//!   or, unless it names a person's role (author, spokesperson, official, minister, user,
//!   Dr. ...), when it holds a word for a body (ministry, office, government, forum,
//!   agency ...); otherwise a `Person`. This is a heuristic: check it before publishing.
//! - `itemReviewed.datePublished` is the document's publication date, when known;
//!   `firstAppearance` is the earliest dated other document where a claim of the same
//!   group appears, when it is dated before this one.
//! - A claim in a passage the document quotes from another outlet (a newspaper article
//!   pasted into a forum thread) has a second `appearance`: the original, a
//!   `CreativeWork` with the passage's URL and date when recorded and that outlet as
//!   `publisher` (no `headline`: it is not recorded apart from the text); its
//!   `itemReviewed.datePublished` is the passage's date when recorded.
//! - The review's `author` is its reviewer (`Person`), or the project (`Organization`)
//!   when no reviewer is recorded; its `datePublished` is the day the claim was last
//!   changed; `reviewBody` is the reviewer's note (left out when empty).
//! - `url`, which Google requires, is the address of the published fact-check page;
//!   claimmark does not know it, so it is left out: add it when publishing.
//!
//! `--labels` only decides which claims have a label: under `--labels frame` a claim
//! without frames is skipped (and listed), as in the other formats.

use super::{ExportSet, ExportSummary};
use crate::anchor::CharIndex;
use crate::model::{
    Claim, Document, DocumentId, GroupId, LabelSet, Outlet, OutletId, Project, QuotedPassage, is_partial_date,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

/// One `ClaimReview` item.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    type_name: &'static str,
    identifier: &'a str,
    claim_reviewed: &'a str,
    review_rating: Rating<'a>,
    item_reviewed: ClaimItem<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    author: Agent<'a>,
    #[serde(skip_serializing_if = "str::is_empty")]
    review_body: &'a str,
}

/// A verdict as a schema.org `Rating`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating<'a> {
    #[serde(rename = "@type")]
    type_name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_value: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_rating: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_rating: Option<usize>,
    alternate_name: &'a str,
    name: &'a str,
}

/// The claim as a schema.org `Claim`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimItem<'a> {
    #[serde(rename = "@type")]
    type_name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    appearance: Vec<Appearance<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_appearance: Option<Appearance<'a>>,
}

/// A document as a schema.org `CreativeWork`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    type_name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Agent<'a>>,
}

/// A `Person` or an `Organization`.
#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    type_name: &'static str,
    name: &'a str,
}

impl<'a> Agent<'a> {
    fn organization(name: &'a str) -> Agent<'a> {
        Agent { type_name: "Organization", name }
    }

    fn person(name: &'a str) -> Agent<'a> {
        Agent { type_name: "Person", name }
    }
}

/// The numeric rating of each verdict id: `(ratingValue, bestRating)`, `None` for the
/// default verdict and ids the taxonomy lacks.
pub fn rating_scale(project: &Project, verdict: &str) -> Option<(usize, usize)> {
    let rated = project.taxonomy.labels(LabelSet::Verdict).get(1..)?;
    let position = rated.iter().position(|v| v.id.as_str() == verdict)?;
    Some((rated.len() - position, rated.len()))
}

/// Writes a JSON array of `ClaimReview` items, one per fact-checked claim.
pub fn write(set: &ExportSet<'_>, out: &mut dyn Write) -> io::Result<ExportSummary> {
    let project = set.project;
    let taxonomy = &project.taxonomy;
    let default_verdict = taxonomy.default_verdict();
    let mut summary = ExportSummary::default();
    let mut reviews = Vec::new();
    let mut unreviewed = 0;
    let group_documents = documents_by_group(project);
    // The first appearance of a group's claim seen from a document, worked out once per
    // group and document (a search of the group's documents) rather than per claim.
    let mut first_appearances: HashMap<(&GroupId, &DocumentId), Option<&Document>> = HashMap::new();
    let known = Known::of(project);
    for document in &set.documents {
        let d = document.document;
        let index = CharIndex::new(&d.text);
        let mut written = false;
        for claim in &document.claims {
            if Some(&claim.verdict) == default_verdict {
                unreviewed += 1;
                continue;
            }
            if set.labels_or_skip(document, claim, &mut summary).is_empty() {
                continue;
            }
            let owner = set.claim_outlet(document, claim);
            let mut appearances = vec![appearance(&known, d)];
            appearances.extend(owner.passage.map(|passage| quoted_appearance(passage, owner.outlet)));
            let verdict_name = taxonomy.name_of(LabelSet::Verdict, &claim.verdict);
            let scale = rating_scale(project, claim.verdict.as_str());
            let claim_text = index.slice(claim.span).unwrap_or(&claim.quote.exact);
            let reviewer = claim
                .reviewer
                .as_ref()
                .and_then(|id| project.reviewers.iter().find(|r| &r.id == id))
                .map(|r| r.name.as_str())
                .filter(|name| !name.trim().is_empty());
            let modified = claim.modified.as_str().get(..10).filter(|date| is_partial_date(date));
            reviews.push(ClaimReview {
                context: "https://schema.org",
                type_name: "ClaimReview",
                identifier: claim.id.as_str(),
                claim_reviewed: claim_text,
                review_rating: Rating {
                    type_name: "Rating",
                    rating_value: scale.map(|(value, _)| value),
                    best_rating: scale.map(|(_, best)| best),
                    worst_rating: scale.map(|_| 1),
                    alternate_name: verdict_name,
                    name: verdict_name,
                },
                item_reviewed: ClaimItem {
                    type_name: "Claim",
                    author: claimant(&known, claim),
                    appearance: appearances,
                    date_published: owner
                        .passage
                        .and_then(|p| p.published.as_deref())
                        .or(d.published.as_deref()),
                    first_appearance: claim
                        .group
                        .as_ref()
                        .and_then(|group| {
                            *first_appearances.entry((group, &d.id)).or_insert_with(|| {
                                group_documents.get(group).and_then(|members| first_appearance(members, d))
                            })
                        })
                        .map(|first| appearance(&known, first)),
                },
                date_published: modified,
                author: match reviewer {
                    Some(name) => Agent::person(name),
                    None => Agent::organization(project.name.as_str()),
                },
                review_body: claim.note.as_str(),
            });
            summary.claims += 1;
            summary.spans += 1;
            written = true;
        }
        if written {
            summary.documents += 1;
        }
        set.tick();
    }
    if unreviewed > 0 {
        let default = default_verdict.map_or("", |v| v.as_str());
        summary.skipped.push(format!(
            "{unreviewed} claim(s) with the default verdict \"{default}\": not fact-checked yet, so no ClaimReview"
        ));
    }
    let mut bytes = serde_json::to_vec_pretty(&reviews)?;
    bytes.push(b'\n');
    out.write_all(&bytes)?;
    Ok(summary)
}

/// What every claim's review looks up in the project, found once: outlets by id, and
/// the names of outlets and sources' publishers (ASCII lower case, trimmed), which make
/// a claimant an organization.
struct Known<'a> {
    outlets: HashMap<&'a OutletId, &'a Outlet>,
    publishers: HashSet<String>,
}

impl<'a> Known<'a> {
    fn of(project: &'a Project) -> Known<'a> {
        let outlet_names = project.outlets.iter().map(|o| o.name.as_str());
        let publisher_names = project.sources.iter().filter_map(|s| s.publisher.as_deref());
        Known {
            // The first of a repeated id wins, as `Project::outlet` finds it.
            outlets: project.outlets.iter().rev().map(|o| (&o.id, o)).collect(),
            publishers: outlet_names.chain(publisher_names).map(|n| n.trim().to_ascii_lowercase()).collect(),
        }
    }
}

/// The document as a `CreativeWork`.
fn appearance<'a>(known: &Known<'a>, document: &'a Document) -> Appearance<'a> {
    Appearance {
        type_name: "CreativeWork",
        url: document.url.as_deref(),
        headline: Some(document.title.as_str()),
        date_published: document.published.as_deref(),
        publisher: document
            .outlet
            .as_ref()
            .and_then(|id| known.outlets.get(id))
            .map(|o| Agent::organization(o.name.as_str())),
    }
}

/// The original of a passage a document quotes from another outlet, as a
/// `CreativeWork`: its URL and date when recorded, and that outlet as publisher (its
/// headline is in the document's text, not recorded apart).
fn quoted_appearance<'a>(passage: &'a QuotedPassage, outlet: Option<&'a Outlet>) -> Appearance<'a> {
    Appearance {
        type_name: "CreativeWork",
        url: passage.url.as_deref(),
        headline: None,
        date_published: passage.published.as_deref(),
        publisher: outlet.map(|o| Agent::organization(o.name.as_str())),
    }
}

/// Words that make a claimant a person even when it also names a body ("Foreign Office
/// spokesperson X", "forum user").
const PERSON_WORDS: [&str; 24] = [
    "author",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "official",
    "minister",
    "president",
    "user",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "professor",
    "ambassador",
    "envoy",
    "secretary",
    "general",
    "chairman",
    "director",
    "analyst",
    "expert",
    "reporter",
    "correspondent",
];

/// Words that name a body rather than a person.
const ORGANIZATION_WORDS: [&str; 33] = [
    "ministry",
    "office",
    "government",
    "agency",
    "council",
    "committee",
    "commission",
    "department",
    "embassy",
    "army",
    "forces",
    "military",
    "police",
    "parliament",
    "assembly",
    "court",
    "party",
    "union",
    "bank",
    "institute",
    "university",
    "organisation",
    "organization",
    "organisers",
    "organizers",
    "forum",
    "outlet",
    "association",
    "foundation",
    "company",
    "newspaper",
    "nato",
    "un",
];

/// The claimant as a `Person` or an `Organization` (see the module docs), `None` when
/// not recorded.
fn claimant<'a>(known: &Known<'_>, claim: &'a Claim) -> Option<Agent<'a>> {
    let name = claim.claimant.trim();
    if name.is_empty() {
        return None;
    }
    // `eq_ignore_ascii_case` with each name, as one set lookup.
    if known.publishers.contains(&name.to_ascii_lowercase()) {
        return Some(Agent::organization(name));
    }
    let words: Vec<String> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if !has(&PERSON_WORDS) && has(&ORGANIZATION_WORDS) {
        Some(Agent::organization(name))
    } else {
        Some(Agent::person(name))
    }
}

/// Whether partial date `a` (`YYYY[-MM[-DD]]`) is certainly before `b`: compared at the
/// precision both have.
fn dated_before(a: &str, b: &str) -> bool {
    let common = a.len().min(b.len());
    a.get(..common) < b.get(..common)
}

/// The documents holding a claim of each group, in project order.
fn documents_by_group(project: &Project) -> HashMap<&GroupId, Vec<&Document>> {
    let documents = project.documents_by_id();
    let mut by_group: HashMap<&GroupId, Vec<&Document>> = HashMap::new();
    let mut seen: HashSet<(&GroupId, &DocumentId)> = HashSet::new();
    for claim in &project.claims {
        if let (Some(group), Some(document)) = (&claim.group, documents.get(&claim.document))
            && seen.insert((group, &document.id))
        {
            by_group.entry(group).or_default().push(document);
        }
    }
    let order: HashMap<&DocumentId, usize> =
        project.documents.iter().enumerate().map(|(i, d)| (&d.id, i)).collect();
    for members in by_group.values_mut() {
        members.sort_by_key(|d| order.get(&d.id));
    }
    by_group
}

/// Of `group_documents` (in project order), the earliest dated one other than `document`,
/// when it is dated before `document` (the first in project order among equals).
fn first_appearance<'a>(group_documents: &[&'a Document], document: &Document) -> Option<&'a Document> {
    let published = document.published.as_deref()?;
    let mut earliest: Option<(&str, &Document)> = None;
    for &other in group_documents {
        let Some(date) = other.published.as_deref() else { continue };
        if other.id != document.id
            && dated_before(date, published)
            && earliest.is_none_or(|(best, _)| dated_before(date, best))
        {
            earliest = Some((date, other));
        }
    }
    earliest.map(|(_, other)| other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::interop::{ExportOptions, LabelBy};
    use crate::model::{
        ClaimId, Document, DocumentId, LabelId, Outlet, OutletId, Reviewer, ReviewerId, Taxonomy, Timestamp,
    };
    use serde_json::Value;
    use std::sync::Arc;

    const TEXT: &str = "He said “3,000 fighters” 😀 crossed.\r\nکشور 🇵🇰 agreed on $7 billion.";

    fn document(id: &str, text: &str, published: Option<&str>) -> Document {
        Document {
            id: DocumentId::new(id),
            title: format!("Title of {id}"),
            outlet: None,
            genre: None,
            url: None,
            published: published.map(str::to_owned),
            author: None,
            captured: None,
            notes: String::new(),
            passages: Vec::new(),
            text: Arc::from(text),
        }
    }

    fn claim(id: &str, document: &Document, exact: &str, verdict: &str) -> Claim {
        let byte = document.text.find(exact).unwrap();
        let start = document.text[..byte].chars().count();
        let span = CharSpan::new(start, start + exact.chars().count());
        Claim {
            modified: Timestamp("2026-02-03T04:05:06Z".into()),
            ..Claim::new(
                ClaimId::new(id),
                document.id.clone(),
                span,
                QuoteSelector::capture(&document.text, span).unwrap(),
                LabelId::new("statistic"),
                LabelId::new(verdict),
                Timestamp("2026-01-02T03:04:05Z".into()),
            )
        }
    }

    fn export(project: &Project, options: &ExportOptions) -> (Vec<Value>, ExportSummary) {
        let set = ExportSet::new(project, options);
        let mut out = Vec::new();
        let summary = write(&set, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with("]\n"));
        let Value::Array(items) = serde_json::from_str(&text).unwrap() else { panic!("{text}") };
        (items, summary)
    }

    fn project() -> Project {
        let mut project = Project::new("Desk", Taxonomy::builtin());
        project.outlets.push(Outlet {
            id: OutletId::new("outlet-1"),
            name: "Sputnik".into(),
            domain: None,
            country: None,
            affiliation: LabelId::new("state-media"),
            owner: None,
            notes: String::new(),
        });
        project.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-1"), name: "Ana".into() });
        let mut first = document("doc-1", TEXT, Some("2025-12-17"));
        first.outlet = Some(OutletId::new("outlet-1"));
        first.url = Some("https://example.org/a".into());
        let second = document("doc-2", "کشور 🇵🇰 said 3,000.", None);
        let mut fighters = claim("claim-1", &first, "“3,000 fighters”", "false");
        fighters.claimant = "Maria Sultan".into();
        fighters.note = "UN: 2,000–4,000 😀".into();
        fighters.reviewer = Some(ReviewerId::new("reviewer-1"));
        let crossed = claim("claim-2", &first, "crossed", "unverified");
        let mut money = claim("claim-3", &first, "$7 billion", "mostly-true");
        money.claimant = "Russia’s Ministry of Defense".into();
        let persian = claim("claim-4", &second, "کشور 🇵🇰", "unsupported");
        project.claims = vec![fighters, crossed, money, persian];
        project.documents = vec![first, second];
        assert_eq!(crate::store::integrity::check(&project), vec![]);
        project
    }

    #[test]
    fn every_rated_claim_and_no_other_with_its_verdict_name_and_scale() {
        let project = project();
        let (items, summary) = export(&project, &ExportOptions::default());
        let ids: Vec<&str> = items.iter().map(|i| i["identifier"].as_str().unwrap()).collect();
        assert_eq!(ids, ["claim-1", "claim-3", "claim-4"], "the unverified claim-2 is left out");
        let names: Vec<&str> =
            items.iter().map(|i| i["reviewRating"]["alternateName"].as_str().unwrap()).collect();
        assert_eq!(names, ["False", "Mostly true", "Unsupported / no evidence"]);
        let values: Vec<u64> =
            items.iter().map(|i| i["reviewRating"]["ratingValue"].as_u64().unwrap()).collect();
        assert_eq!(values, [2, 5, 1]);
        for item in &items {
            assert_eq!(item["@context"], "https://schema.org");
            assert_eq!(item["@type"], "ClaimReview");
            assert_eq!(item["reviewRating"]["bestRating"], 6);
            assert_eq!(item["reviewRating"]["worstRating"], 1);
            assert_eq!(item["reviewRating"]["name"], item["reviewRating"]["alternateName"]);
            assert_eq!(item["datePublished"], "2026-02-03");
            assert!(item.get("url").is_none(), "claimmark does not know the fact-check's address");
        }
        assert_eq!((summary.documents, summary.claims, summary.spans), (2, 3, 3));
        assert_eq!(summary.skipped.len(), 1);
        assert!(summary.skipped[0].starts_with("1 claim(s) with the default verdict \"unverified\""));
        let first = &items[0];
        assert_eq!(first["claimReviewed"], "“3,000 fighters”");
        assert_eq!(first["reviewBody"], "UN: 2,000–4,000 😀");
        assert_eq!(first["author"], serde_json::json!({"@type": "Person", "name": "Ana"}));
        let item = &first["itemReviewed"];
        assert_eq!(item["author"], serde_json::json!({"@type": "Person", "name": "Maria Sultan"}));
        assert_eq!(item["datePublished"], "2025-12-17");
        assert_eq!(
            item["appearance"],
            serde_json::json!([{
                "@type": "CreativeWork",
                "url": "https://example.org/a",
                "headline": "Title of doc-1",
                "datePublished": "2025-12-17",
                "publisher": {"@type": "Organization", "name": "Sputnik"}
            }])
        );
        assert_eq!(items[1]["itemReviewed"]["author"]["@type"], "Organization");
        assert_eq!(items[1]["author"], serde_json::json!({"@type": "Organization", "name": "Desk"}));
        assert!(items[1].get("reviewBody").is_none());
        let persian = &items[2];
        assert_eq!(persian["claimReviewed"], "کشور 🇵🇰");
        assert!(persian["itemReviewed"].get("author").is_none());
        assert!(persian["itemReviewed"].get("datePublished").is_none());
        assert_eq!(persian["itemReviewed"]["appearance"][0].as_object().unwrap().len(), 2);
    }

    #[test]
    fn the_scale_follows_the_taxonomy_order() {
        let mut project = project();
        assert_eq!(rating_scale(&project, "true"), Some((6, 6)));
        assert_eq!(rating_scale(&project, "unverified"), None);
        project.taxonomy.verdicts.swap(1, 5);
        assert_eq!(rating_scale(&project, "false"), Some((6, 6)));
        assert_eq!(rating_scale(&project, "true"), Some((2, 6)));
    }

    #[test]
    fn labels_skip_claims_without_one_and_output_is_deterministic() {
        let mut project = project();
        project.claims[0].frames = vec![LabelId::new("economic")];
        let options = ExportOptions { labels: LabelBy::Frame, ..Default::default() };
        let (items, summary) = export(&project, &options);
        assert_eq!(items.len(), 1);
        assert_eq!(summary.skipped.len(), 3);
        assert!(summary.skipped[0].starts_with("claim-3: no label under --labels frame"));
        let bytes = |options: &ExportOptions| {
            let mut out = Vec::new();
            write(&ExportSet::new(&project, options), &mut out).unwrap();
            out
        };
        assert_eq!(bytes(&options), bytes(&options));
    }

    #[test]
    fn the_first_appearance_is_the_earliest_dated_other_member_of_the_group() {
        let mut project = project();
        let group = crate::model::GroupId::new("group-1");
        project.groups.push(crate::model::ClaimGroup {
            id: group.clone(),
            name: "g".into(),
            notes: String::new(),
        });
        project.documents[1].published = Some("2025-03".into());
        let third = document("doc-3", "کشور 🇵🇰 again", Some("2025-03-02"));
        project.claims.push(claim("claim-5", &third, "کشور", "false"));
        project.documents.push(third);
        for index in [0, 3, 4] {
            project.claims[index].group = Some(group.clone());
        }
        let (items, _) = export(&project, &ExportOptions::default());
        let first = |id: &str| {
            let item = items.iter().find(|i| i["identifier"] == id).unwrap();
            item["itemReviewed"].get("firstAppearance").map(|f| f["headline"].clone())
        };
        // doc-2 ("2025-03") is not certainly before doc-3 ("2025-03-02"): same month.
        assert_eq!(first("claim-1"), Some(Value::from("Title of doc-2")));
        assert_eq!(first("claim-4"), None);
        assert_eq!(first("claim-5"), None);
        assert!(dated_before("2019-12", "2020-05-01"));
        assert!(!dated_before("2020", "2020-05-01") && !dated_before("2020-05-01", "2020"));
    }

    #[test]
    fn claimants_are_people_unless_they_name_a_body() {
        let project = project();
        let kind = |name: &str| {
            let mut c = project.claims[0].clone();
            c.claimant = name.into();
            claimant(&Known::of(&project), &c).map(|agent| agent.type_name)
        };
        assert_eq!(kind("Maria Sultan"), Some("Person"));
        assert_eq!(kind("sputnik"), Some("Organization"), "an outlet of the project");
        assert_eq!(kind("Russia’s Ministry of Defense"), Some("Organization"));
        assert_eq!(kind("Foreign Office Spokesperson Aizaz Ahmed Chaudhry"), Some("Person"));
        assert_eq!(kind("Forum user (reply; name not captured)"), Some("Person"));
        assert_eq!(kind("Unknown outlet (no masthead captured)"), Some("Organization"));
        assert_eq!(kind("  "), None);
    }
}
