//! Checks across the records of a project: every reference points at something that
//! exists, every id is unique, every label is in the project's taxonomy, every span
//! lies inside its text and its quote still matches. Pure: reads a [`Project`], returns
//! [`Problem`]s, changes nothing.

use crate::anchor::{CharIndex, QuoteCheck};
use crate::model::{LabelId, LabelSet, Project, is_partial_date};
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
    /// Where the record starts in the file (1-based line and column), when known.
    pub position: Option<(usize, usize)>,
}

impl Problem {
    fn new(subject: String, message: String) -> Problem {
        Problem { subject, message, position: None }
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
/// documents, claims, groups).
pub fn check(project: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    let taxonomy = &project.taxonomy;
    for problem in taxonomy.problems() {
        problems.push(Problem::new("taxonomy".into(), problem.message));
    }

    let outlet_ids = unique_ids(&mut problems, "outlet", project.outlets.iter().map(|o| o.id.as_str()));
    for outlet in &project.outlets {
        let subject = format!("outlet {}", outlet.id);
        if let Some(message) = label_problem(taxonomy, LabelSet::Affiliation, &outlet.affiliation) {
            problems.push(Problem::new(subject.clone(), message));
        }
        if outlet.name.trim().is_empty() {
            problems.push(Problem::new(subject, "has no name".into()));
        }
    }

    let source_ids = unique_ids(&mut problems, "source", project.sources.iter().map(|s| s.id.as_str()));
    let group_ids = unique_ids(&mut problems, "group", project.groups.iter().map(|g| g.id.as_str()));
    let reviewer_ids = unique_ids(&mut problems, "reviewer", project.reviewers.iter().map(|r| r.id.as_str()));
    unique_ids(&mut problems, "document", project.documents.iter().map(|d| d.id.as_str()));

    for document in &project.documents {
        let subject = format!("document {}", document.id);
        if let Some(outlet) = &document.outlet
            && !outlet_ids.contains(outlet.as_str())
        {
            problems.push(Problem::new(subject.clone(), format!("outlet \"{outlet}\" does not exist")));
        }
        if let Some(genre) = &document.genre
            && let Some(message) = label_problem(taxonomy, LabelSet::Genre, genre)
        {
            problems.push(Problem::new(subject.clone(), message));
        }
        if let Some(date) = &document.published
            && !is_partial_date(date)
        {
            problems.push(Problem::new(
                subject.clone(),
                format!("published date \"{date}\" is not YYYY-MM-DD, YYYY-MM or YYYY"),
            ));
        }
    }

    unique_ids(&mut problems, "claim", project.claims.iter().map(|c| c.id.as_str()));
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
            let other = scope.spawn(|| check_claims(&context, second));
            let mine = check_claims(&context, first);
            (mine, other.join().unwrap_or_default())
        });
        problems.extend(a);
        problems.extend(b);
    } else {
        problems.extend(check_claims(&context, claims));
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

/// The problems of `claims`, in order.
fn check_claims(context: &ClaimContext<'_>, claims: &[crate::model::Claim]) -> Vec<Problem> {
    let ClaimContext { project, document_index, source_ids, group_ids, reviewer_ids } = *context;
    let taxonomy = &project.taxonomy;
    let mut found = Vec::new();
    let mut text_indexes: Vec<Option<CharIndex<'_>>> = vec![None; project.documents.len()];
    for claim in claims {
        // The subject is written only when there is a problem: most claims have none.
        let mut report = |message: String| found.push(Problem::new(format!("claim {}", claim.id), message));
        match document_index.get(claim.document.as_str()) {
            None => report(format!("document \"{}\" does not exist", claim.document)),
            Some(&i) => {
                let text = &project.documents[i].text;
                let index = text_indexes[i].get_or_insert_with(|| CharIndex::new(text));
                let span = claim.span;
                match claim.quote.check(index, span) {
                    QuoteCheck::Matches => {}
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
                if span.is_empty() && span.end >= span.start {
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
                report(format!("frame \"{frame}\" is listed twice"));
            }
        }
        for link in &claim.sources {
            if !source_ids.contains(link.source.as_str()) {
                report(format!("source \"{}\" does not exist", link.source));
            }
        }
        if let Some(group) = &claim.group
            && !group_ids.contains(group.as_str())
        {
            report(format!("group \"{group}\" does not exist"));
        }
        if let Some(reviewer) = &claim.reviewer
            && !reviewer_ids.contains(reviewer.as_str())
        {
            report(format!("reviewer \"{reviewer}\" does not exist"));
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
    (!taxonomy.contains(set, id))
        .then(|| format!("{set} \"{id}\" is not in the project's taxonomy ({})", set.field_name()))
}

/// Collects ids, reporting each one that occurs twice.
fn unique_ids<'a>(
    problems: &mut Vec<Problem>,
    what: &str,
    ids: impl Iterator<Item = &'a str>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            problems.push(Problem::new(format!("{what} \"{id}\""), "has an empty id".into()));
        } else if !seen.insert(id) {
            problems.push(Problem::new(format!("{what} {id}"), "this id is used by two records".into()));
        }
    }
    seen
}

/// Fills in [`Problem::position`] by finding where each record's `id: "..."` stands in
/// `text`, the RON the project was read from.
pub fn locate_problems(text: &str, problems: &mut [Problem]) {
    let sections: [(&str, &str); 6] = [
        ("outlet ", "outlets: ["),
        ("source ", "sources: ["),
        ("document ", "documents: ["),
        ("claim ", "claims: ["),
        ("group ", "groups: ["),
        ("taxonomy", "taxonomy: ("),
    ];
    for problem in problems {
        let Some((prefix, section)) = sections.iter().find(|(p, _)| problem.subject.starts_with(p)) else {
            continue;
        };
        let Some(section_start) = text.find(section) else {
            continue;
        };
        let byte = match problem.subject.strip_prefix(prefix) {
            Some(id) if !id.is_empty() => {
                let needle = format!("id: {}", ron_string(id));
                text[section_start..].find(&needle).map(|offset| section_start + offset)
            }
            _ => Some(section_start),
        };
        if let Some(byte) = byte {
            problem.position = Some(line_column(text, byte));
        }
    }
}

/// How RON writes a string (quoted, escaped as our writer does).
fn ron_string(value: &str) -> String {
    let mut out = String::from('"');
    out.extend(value.chars().flat_map(char::escape_debug));
    out.push('"');
    out
}

/// 1-based line and column (in chars) of a byte offset.
pub fn line_column(text: &str, byte: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..byte.min(text.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = 1 + String::from_utf8_lossy(&before[line_start..]).chars().count();
    (line, column)
}
