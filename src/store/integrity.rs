//! Checks across the records of a project: every reference points at something that
//! exists, every id is unique, every label is in the project's taxonomy, every span
//! lies inside its text and its quote still matches. Pure: reads a [`Project`], returns
//! [`Problem`]s, changes nothing.

use super::locate::{Locator, RecordPlace};
use crate::anchor::{CharIndex, QuoteCheck};
use crate::model::{ConflictKind, LabelId, LabelSet, Project, RecordKind, RecordRef, is_partial_date};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// One thing wrong with a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The record it is about, e.g. `claim claim-17` or `taxonomy`.
    pub subject: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where the record stands in the file (1-based line and column of its `id`, or of
    /// its start), once [`locate_problems`] has found it.
    pub position: Option<(usize, usize)>,
    /// Which record of the file it is about (the n-th of its list), for
    /// [`locate_problems`].
    pub place: Option<RecordPlace>,
}

impl Problem {
    fn new(subject: String, message: String, place: RecordPlace) -> Problem {
        Problem { subject, message, position: None, place: Some(place) }
    }

    /// `file:line:col: subject: message` (without line and column when unknown).
    pub fn display_with_path(&self, path: &Path) -> String {
        match self.position {
            Some((line, column)) => format!("{}:{line}:{column}: {self}", path.display()),
            None => format!("{}: {self}", path.display()),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject, self.message)
    }
}

/// Every integrity problem of `project`, in file order (taxonomy, outlets, sources,
/// documents, claims, groups, conflicts).
pub fn check(project: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    let taxonomy = &project.taxonomy;
    for problem in taxonomy.problems() {
        let place = RecordPlace { fields: taxonomy_fields(problem.set), index: problem.index };
        problems.push(Problem::new("taxonomy".into(), problem.message, place));
    }

    let outlet_ids = unique_ids(&mut problems, OUTLETS, project.outlets.iter().map(|o| o.id.as_str()));
    for (index, outlet) in project.outlets.iter().enumerate() {
        let place = RecordPlace { index: Some(index), ..OUTLETS };
        let subject = subject("outlet", outlet.id.as_str(), index);
        if let Some(message) = label_problem(taxonomy, LabelSet::Affiliation, &outlet.affiliation) {
            problems.push(Problem::new(subject.clone(), message, place));
        }
        if outlet.name.trim().is_empty() {
            problems.push(Problem::new(subject, "has no name".into(), place));
        }
    }

    let source_ids = unique_ids(&mut problems, SOURCES, project.sources.iter().map(|s| s.id.as_str()));
    let group_ids = unique_ids(&mut problems, GROUPS, project.groups.iter().map(|g| g.id.as_str()));
    let reviewer_ids = unique_ids(&mut problems, REVIEWERS, project.reviewers.iter().map(|r| r.id.as_str()));
    unique_ids(&mut problems, DOCUMENTS, project.documents.iter().map(|d| d.id.as_str()));

    for (index, document) in project.documents.iter().enumerate() {
        let place = RecordPlace { index: Some(index), ..DOCUMENTS };
        let subject = subject("document", document.id.as_str(), index);
        if let Some(outlet) = &document.outlet
            && !outlet_ids.contains(outlet.as_str())
        {
            let message = format!("outlet {} does not exist", quoted(outlet.as_str()));
            problems.push(Problem::new(subject.clone(), message, place));
        }
        if let Some(genre) = &document.genre
            && let Some(message) = label_problem(taxonomy, LabelSet::Genre, genre)
        {
            problems.push(Problem::new(subject.clone(), message, place));
        }
        if let Some(date) = &document.published
            && !is_partial_date(date)
        {
            problems.push(Problem::new(
                subject.clone(),
                format!("published date {} is not YYYY-MM-DD, YYYY-MM or YYYY", quoted(date)),
                place,
            ));
        }
        for message in passage_problems(document, &outlet_ids) {
            problems.push(Problem::new(subject.clone(), message, place));
        }
    }

    unique_ids(&mut problems, CLAIMS, project.claims.iter().map(|c| c.id.as_str()));
    let document_index: HashMap<&str, usize> =
        project.documents.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let context = ClaimContext {
        project,
        document_index: &document_index,
        source_ids: &source_ids,
        group_ids: &group_ids,
        reviewer_ids: &reviewer_ids,
    };
    // Claims are checked on two threads for large projects: loading 100,000 claims checks
    // every quote against its text.
    let claims = &project.claims;
    if claims.len() >= 20_000 {
        let (first, second) = claims.split_at(claims.len() / 2);
        let (a, b) = std::thread::scope(|scope| {
            let other = scope.spawn(|| check_claims(&context, second, first.len()));
            let mine = check_claims(&context, first, 0);
            (mine, other.join().unwrap_or_default())
        });
        problems.extend(a);
        problems.extend(b);
    } else {
        problems.extend(check_claims(&context, claims, 0));
    }
    check_conflicts(project, &mut problems);
    check_rejections(project, &document_index, &reviewer_ids, &mut problems);
    problems
}

/// The problems of the detector's rejected suggestions: a document that exists, a span
/// inside its text, a kind of the taxonomy, a known reviewer, each span once.
fn check_rejections(
    project: &Project,
    document_index: &HashMap<&str, usize>,
    reviewer_ids: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) {
    let mut seen = HashSet::new();
    // Each document's length in chars, counted once.
    let mut lengths: Vec<Option<usize>> = vec![None; project.documents.len()];
    for (index, rejection) in project.rejections.iter().enumerate() {
        let place = RecordPlace { index: Some(index), ..REJECTIONS };
        let subject = format!("rejected suggestion #{}", index + 1);
        let mut report = |message: String| problems.push(Problem::new(subject.clone(), message, place));
        let span = rejection.span;
        match document_index.get(rejection.document.as_str()) {
            None => report(format!("document {} does not exist", quoted(rejection.document.as_str()))),
            Some(&i) => {
                let chars = *lengths[i].get_or_insert_with(|| project.documents[i].text.chars().count());
                if span.start >= span.end || span.end > chars {
                    report(format!(
                        "span {}..{} is not a stretch of document {} ({chars} chars)",
                        span.start, span.end, rejection.document
                    ));
                }
            }
        }
        if !crate::model::DETECTOR_KINDS.contains(&rejection.kind.as_str()) {
            let kinds = crate::model::DETECTOR_KINDS.join(", ");
            report(format!("kind {} is none of the detector's ({kinds})", quoted(rejection.kind.as_str())));
        }
        if let Some(reviewer) = &rejection.reviewer
            && !reviewer_ids.contains(reviewer.as_str())
        {
            report(format!("reviewer {} does not exist", quoted(reviewer.as_str())));
        }
        if !rejection.at.is_well_formed() {
            report(format!("time \"{}\" is not YYYY-MM-DDTHH:MM:SSZ", rejection.at));
        }
        if !seen.insert((rejection.document.as_str(), span)) {
            report(format!(
                "span {}..{} of document {} is rejected by an earlier entry too",
                span.start, span.end, rejection.document
            ));
        }
    }
}

/// The problems of the recorded conflicts: unique ids, and a record that exists unless
/// one side deleted it (its value is `None`); a same-span conflict names two claims.
fn check_conflicts(project: &Project, problems: &mut Vec<Problem>) {
    if project.conflicts.is_empty() {
        return;
    }
    unique_ids(problems, CONFLICTS, project.conflicts.iter().map(|c| c.id.as_str()));
    for (index, conflict) in project.conflicts.iter().enumerate() {
        let place = RecordPlace { index: Some(index), ..CONFLICTS };
        let subject = subject("conflict", conflict.id.as_str(), index);
        for record in std::iter::once(&conflict.record).chain(&conflict.other) {
            if !may_be_absent(conflict) && !record_exists(project, record) {
                let article = if matches!(record.kind, RecordKind::Project | RecordKind::Taxonomy) {
                    "the "
                } else {
                    ""
                };
                let message = format!(
                    "{article}{} {} does not exist, and neither side deleted it",
                    record.kind.noun(),
                    quoted(&record.id)
                );
                problems.push(Problem::new(subject.clone(), message, place));
            }
        }
        if conflict.ours.value.is_none() && conflict.theirs.value.is_none() {
            problems.push(Problem::new(subject.clone(), "has neither our nor their version".into(), place));
        }
        if conflict.kind == ConflictKind::SameSpan && conflict.other.is_none() {
            problems.push(Problem::new(
                subject,
                "names only one of the two claims on the span".into(),
                place,
            ));
        }
    }
}

/// Whether the records of `conflict` may be missing from the project: one side deleted
/// it, or its passage was lost (the claim is kept in the conflict instead).
pub fn may_be_absent(conflict: &crate::model::Conflict) -> bool {
    conflict.ours.value.is_none()
        || conflict.theirs.value.is_none()
        || conflict.kind == ConflictKind::PassageLost
}

/// Whether the record `record` names is in `project`.
pub fn record_exists(project: &Project, record: &RecordRef) -> bool {
    let id = record.id.as_str();
    match record.kind {
        RecordKind::Project | RecordKind::Taxonomy => id.is_empty(),
        RecordKind::Outlet => project.outlets.iter().any(|r| r.id.as_str() == id),
        RecordKind::Source => project.sources.iter().any(|r| r.id.as_str() == id),
        RecordKind::Document => project.documents.iter().any(|r| r.id.as_str() == id),
        RecordKind::Claim => project.claims.iter().any(|r| r.id.as_str() == id),
        RecordKind::Group => project.groups.iter().any(|r| r.id.as_str() == id),
        RecordKind::Reviewer => project.reviewers.iter().any(|r| r.id.as_str() == id),
        kind => kind.label_set().is_some_and(|set| project.taxonomy.contains(set, &LabelId::new(id))),
    }
}

/// The problems of a document's passages: each inside the text, not empty, of an outlet
/// of the project, with a date of the right shape, in text order and none overlapping
/// the one before.
fn passage_problems(document: &crate::model::Document, outlet_ids: &HashSet<&str>) -> Vec<String> {
    if document.passages.is_empty() {
        return Vec::new();
    }
    let chars = document.text.chars().count();
    let mut problems = Vec::new();
    let mut previous_end = 0;
    for (i, passage) in document.passages.iter().enumerate() {
        let name = format!("passage {} ({}..{})", i + 1, passage.span.start, passage.span.end);
        let span = passage.span;
        if span.end <= span.start {
            problems.push(format!("{name} is empty or ends before it starts"));
        } else if span.end > chars {
            problems.push(format!("{name} runs past the end of the text ({chars} chars)"));
        }
        if i > 0 && span.start < previous_end {
            problems.push(format!("{name} overlaps the passage before it or comes before it"));
        }
        previous_end = previous_end.max(span.end);
        if !outlet_ids.contains(passage.outlet.as_str()) {
            problems.push(format!("{name}: outlet {} does not exist", quoted(passage.outlet.as_str())));
        }
        if let Some(date) = &passage.published
            && !is_partial_date(date)
        {
            problems
                .push(format!("{name}: published date {} is not YYYY-MM-DD, YYYY-MM or YYYY", quoted(date)));
        }
    }
    problems
}

/// What checking claims needs to know of the rest of the project.
struct ClaimContext<'a> {
    project: &'a Project,
    document_index: &'a HashMap<&'a str, usize>,
    source_ids: &'a HashSet<&'a str>,
    group_ids: &'a HashSet<&'a str>,
    reviewer_ids: &'a HashSet<&'a str>,
}

/// The problems of `claims`, in order; `first` is the index of `claims[0]` in the project.
fn check_claims(context: &ClaimContext<'_>, claims: &[crate::model::Claim], first: usize) -> Vec<Problem> {
    let ClaimContext { project, document_index, source_ids, group_ids, reviewer_ids } = *context;
    let taxonomy = &project.taxonomy;
    let mut found = Vec::new();
    let mut text_indexes: Vec<Option<CharIndex<'_>>> = vec![None; project.documents.len()];
    for (index, claim) in claims.iter().enumerate() {
        let index = first + index;
        // The subject is written only when there is a problem: most claims have none.
        let mut report = |message: String| {
            let place = RecordPlace { index: Some(index), ..CLAIMS };
            found.push(Problem::new(subject("claim", claim.id.as_str(), index), message, place));
        };
        match document_index.get(claim.document.as_str()) {
            None => report(format!("document {} does not exist", quoted(claim.document.as_str()))),
            Some(&i) => {
                let text = &project.documents[i].text;
                let index = text_indexes[i].get_or_insert_with(|| CharIndex::new(text));
                let span = claim.span;
                match claim.quote.check(index, span) {
                    QuoteCheck::Matches => {}
                    // A claim a text correction could not carry over keeps its old quote
                    // until a reviewer places it again.
                    QuoteCheck::ExactDiffers | QuoteCheck::ContextDiffers if claim.needs_reanchoring => {}
                    QuoteCheck::OutOfRange if span.end < span.start => {
                        report(format!("span {}..{} ends before it starts", span.start, span.end));
                    }
                    QuoteCheck::OutOfRange => report(format!(
                        "span {}..{} runs past the end of document {} ({} chars)",
                        span.start,
                        span.end,
                        claim.document,
                        index.char_count()
                    )),
                    QuoteCheck::ExactDiffers => report(format!(
                        "the text at span {}..{} is {:?} but the quote says {:?}; the document text changed",
                        span.start,
                        span.end,
                        index.slice(span).unwrap_or_default(),
                        claim.quote.exact
                    )),
                    QuoteCheck::ContextDiffers => report(format!(
                        "the text around span {}..{} no longer matches the quote's prefix/suffix; the document text changed",
                        span.start, span.end
                    )),
                }
                if span.is_empty() && span.end >= span.start && !claim.needs_reanchoring {
                    report(format!("span {}..{} is empty", span.start, span.end));
                }
            }
        }
        for (set, id) in std::iter::once((LabelSet::ClaimKind, &claim.kind))
            .chain(std::iter::once((LabelSet::Verdict, &claim.verdict)))
            .chain(claim.frames.iter().map(|f| (LabelSet::Frame, f)))
            .chain(claim.sources.iter().map(|s| (LabelSet::SourceRelation, &s.relation)))
        {
            if let Some(message) = label_problem(taxonomy, set, id) {
                report(message);
            }
        }
        for (i, frame) in claim.frames.iter().enumerate() {
            if claim.frames[..i].contains(frame) {
                report(format!("frame {} is listed twice", quoted(frame.as_str())));
            }
        }
        for link in &claim.sources {
            if !source_ids.contains(link.source.as_str()) {
                report(format!("source {} does not exist", quoted(link.source.as_str())));
            }
        }
        if let Some(group) = &claim.group
            && !group_ids.contains(group.as_str())
        {
            report(format!("group {} does not exist", quoted(group.as_str())));
        }
        for reviewer in claim.reviewer.iter().chain(&claim.modified_by) {
            if !reviewer_ids.contains(reviewer.as_str()) {
                report(format!("reviewer {} does not exist", quoted(reviewer.as_str())));
            }
        }
        for (name, time) in [("created", &claim.created), ("modified", &claim.modified)] {
            if !time.is_well_formed() {
                report(format!("{name} time \"{time}\" is not YYYY-MM-DDTHH:MM:SSZ"));
            }
        }
    }
    found
}

/// A problem when `id` is not in `set` of the taxonomy.
fn label_problem(taxonomy: &crate::model::Taxonomy, set: LabelSet, id: &LabelId) -> Option<String> {
    (!taxonomy.contains(set, id)).then(|| {
        format!("{set} {} is not in the project's taxonomy ({})", quoted(id.as_str()), set.field_name())
    })
}

const OUTLETS: RecordPlace = RecordPlace { fields: &["outlets"], index: None };
const SOURCES: RecordPlace = RecordPlace { fields: &["sources"], index: None };
const DOCUMENTS: RecordPlace = RecordPlace { fields: &["documents"], index: None };
const CLAIMS: RecordPlace = RecordPlace { fields: &["claims"], index: None };
const GROUPS: RecordPlace = RecordPlace { fields: &["groups"], index: None };
const REVIEWERS: RecordPlace = RecordPlace { fields: &["reviewers"], index: None };
const CONFLICTS: RecordPlace = RecordPlace { fields: &["conflicts"], index: None };
const REJECTIONS: RecordPlace = RecordPlace { fields: &["rejections"], index: None };

/// The fields from the top of a file to a set of the taxonomy.
fn taxonomy_fields(set: LabelSet) -> &'static [&'static str] {
    match set {
        LabelSet::ClaimKind => &["taxonomy", "claim_kinds"],
        LabelSet::Affiliation => &["taxonomy", "affiliations"],
        LabelSet::Genre => &["taxonomy", "genres"],
        LabelSet::Frame => &["taxonomy", "frames"],
        LabelSet::Verdict => &["taxonomy", "verdicts"],
        LabelSet::SourceRelation => &["taxonomy", "source_relations"],
    }
}

/// `claim claim-17`; a blank id or one with control characters is named by its place
/// and quoted (`claim #3 ""`, `claim #4 "a\nb"`), so a message stays one line and says
/// which record it is.
fn subject(what: &str, id: &str, index: usize) -> String {
    if id.trim().is_empty() || id.chars().any(char::is_control) {
        format!("{what} #{} {}", index + 1, quoted(id))
    } else {
        format!("{what} {id}")
    }
}

/// `value` in double quotes, its control characters (line breaks, tabs) escaped so that
/// a message stays on one line.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Collects ids, reporting each blank one and each one used by an earlier record (at
/// the later record: the one to change).
fn unique_ids<'a>(
    problems: &mut Vec<Problem>,
    list: RecordPlace,
    ids: impl Iterator<Item = &'a str>,
) -> HashSet<&'a str> {
    let what = match list.fields {
        ["outlets"] => "outlet",
        ["sources"] => "source",
        ["documents"] => "document",
        ["claims"] => "claim",
        ["groups"] => "group",
        ["conflicts"] => "conflict",
        _ => "reviewer",
    };
    let mut seen = HashSet::new();
    for (index, id) in ids.enumerate() {
        let place = RecordPlace { index: Some(index), ..list };
        if id.trim().is_empty() {
            problems.push(Problem::new(subject(what, id, index), "has an empty id".into(), place));
        } else if !seen.insert(id) {
            problems.push(Problem::new(
                subject(what, id, index),
                "this id is used by an earlier record too; give this one another".into(),
                place,
            ));
        }
    }
    seen
}

/// Fills in [`Problem::position`] by finding the record each problem is about in `text`,
/// the RON the project was read from: the n-th record of its list, pointing at its `id`.
pub fn locate_problems(text: &str, problems: &mut [Problem]) {
    let mut locator = Locator::new(text);
    for problem in problems {
        let Some(place) = &problem.place else {
            continue;
        };
        if let Some(byte) = locator.locate(place) {
            problem.position = Some(line_column(text, byte));
        }
    }
}

/// 1-based line and column (in chars) of a byte offset.
pub fn line_column(text: &str, byte: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..byte.min(text.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = 1 + String::from_utf8_lossy(&before[line_start..]).chars().count();
    (line, column)
}
