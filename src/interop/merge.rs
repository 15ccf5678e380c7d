//! Merging an import into a project: [`merge_import`] turns what a reader found into one
//! [`Edit`] (one undo step in the app): documents (a text already in the project is
//! matched), outlets, groups, sources and reviewers by name, labels mapped to claim
//! kinds (or kept as new kinds, reported), claims made through
//! [`ClaimRequest::into_claim`] like every other new claim. A span that carries the id
//! of a claim of the project on the same span of the same document (a relabelled
//! export coming back) updates that claim in the same edit instead of adding another.
//! Malformed records are reported as `file:line: what; skipped` and left out before
//! anything is made of them, so that the rest imports and the project stays sound.
//!
//! It never reads files (the format readers do) and never applies the edit: the caller
//! does, so that a `--strict` import or a cancelled dialog changes nothing.

use super::{ImportedDocument, ImportedSource, ImportedSpan, ParsedImport};
use crate::anchor::{CharSpan, QuoteSelector};
use crate::edit::{ClaimRequest, Edit};
use crate::model::{
    Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, IdAllocator, Label, LabelId,
    LabelSet, Outlet, OutletId, Project, Reviewer, ReviewerId, Source, SourceId, SourceKind, SourceLink,
    Taxonomy, Timestamp, prefix,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// What merging an import into a project did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// New documents.
    pub documents_added: usize,
    /// Documents whose text was already in the project (claims were added to them).
    pub documents_matched: usize,
    /// New claims.
    pub claims_added: usize,
    /// Claims already in the project (same document, span and kind, or the same claim
    /// id and span with nothing changed), not added again.
    pub claims_existing: usize,
    /// Claims of the project changed by the import: a span carrying the claim's id, on
    /// its span, with another kind or other fields (a relabelled export re-imported).
    pub claims_updated: usize,
    /// Labels that matched no claim kind; kept as new kinds.
    pub new_kinds: Vec<String>,
    /// Records that could not be read or merged, as `file:line: message`.
    pub problems: Vec<String>,
}

const IMPORTED_KIND_COLOURS: [&str; 8] =
    ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3"];

/// Maps an imported label to a claim kind id: by id, by name, or by an id written
/// upper-case with underscores (`STATISTIC`, `ATTRIBUTED_STATEMENT`).
fn kind_for_label(kinds: &[Label], label: &str) -> Option<LabelId> {
    let normal = |s: &str| s.trim().to_lowercase().replace(['_', ' '], "-");
    let wanted = normal(label);
    kinds.iter().find(|k| normal(k.id.as_str()) == wanted || normal(&k.name) == wanted).map(|k| k.id.clone())
}

/// A kind id for an unknown label: lower-case, dashes.
fn new_kind_id(label: &str) -> String {
    let mut id = String::new();
    for c in label.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() { "imported".to_owned() } else { id }
}

/// Turns what a reader found into one edit of `project`: documents (a text already in
/// the project is matched, not added again), outlets by name, claims (a claim with the
/// same document, span and kind is not added twice; a span with the id of a claim on the
/// same span of the same document updates that claim's kind and fields), and labels
/// that match no claim kind become new kinds — reported, never dropped. A malformed
/// record (a document whose outlet has no name, a span with no label, a frame twice or a
/// nameless group, a span outside its text) is reported and left out, the rest merged,
/// so the edit always leaves a sound project. With `strict`, any problem refuses the
/// whole import; so does an import whose every document is malformed.
pub fn merge_import(
    project: &Project,
    ids: &mut IdAllocator,
    parsed: ParsedImport,
    strict: bool,
) -> Result<(Edit, ImportReport), ImportReport> {
    let mut report = ImportReport {
        problems: parsed.problems.iter().map(ToString::to_string).collect(),
        ..Default::default()
    };
    if parsed.documents.is_empty() {
        // Nothing readable at all: a wrong --format, or not an export. Never create or
        // change a project for that.
        report
            .problems
            .push("no document could be read from the files: is --format the format they are in?".into());
        return Err(report);
    }
    // Every document malformed: nothing to import, and no project made or changed for it.
    let documents = sound_records(parsed.documents, &mut report.problems);
    if documents.is_empty() {
        return Err(report);
    }
    let mut merge = Merge::new(project, ids, report);
    let imported = document_ids(project, documents);
    let mut claims = Vec::new();
    for (document, document_id, is_new) in &imported {
        if *is_new {
            merge.add_document(document, document_id);
        } else {
            merge.report.documents_matched += 1;
        }
        merge.add_claims(document, document_id, &mut claims);
    }
    let Merge { taxonomy, mut edits, report, .. } = merge;
    if strict && !report.problems.is_empty() {
        return Err(report);
    }
    if taxonomy != project.taxonomy {
        edits.insert(0, Edit::Taxonomy(Box::new(taxonomy)));
    }
    // Claims go in document order: the new documents are appended after the existing ones.
    let document_rank: HashMap<DocumentId, usize> = project
        .documents
        .iter()
        .map(|d| d.id.clone())
        .chain(imported.iter().filter(|(_, _, new)| *new).map(|(_, id, _)| id.clone()))
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let mut all_claims = project.claims.clone();
    all_claims.extend(claims);
    all_claims.sort_by_key(|c| (document_rank.get(&c.document).copied(), c.span.start, c.span.end));
    let project_ids: HashSet<&ClaimId> = project.claims.iter().map(|c| &c.id).collect();
    let new_ids: HashSet<ClaimId> =
        all_claims.iter().map(|c| c.id.clone()).filter(|id| !project_ids.contains(id)).collect();
    drop(project_ids);
    for (index, claim) in all_claims.into_iter().enumerate() {
        if new_ids.contains(&claim.id) {
            edits.push(Edit::Claim(crate::edit::RecordEdit::Insert { index, record: claim }));
        }
    }
    Ok((Edit::Batch(edits), report))
}

/// The documents and spans that can become records of a project, in order: a document
/// whose outlet has no name is left out with all its spans, a span with no label, a
/// frame given twice or a group with no name is left out of its document; each one left
/// out is reported as `file:line: what; skipped`. Checked before anything is made, so a
/// record left out leaves no trace (no new kind, outlet or group) in the edit.
fn sound_records(documents: Vec<ImportedDocument>, problems: &mut Vec<String>) -> Vec<ImportedDocument> {
    let mut sound = Vec::with_capacity(documents.len());
    for mut document in documents {
        let (file, line) = &document.origin;
        let at = format!("{}:{line}", file.display());
        if document.outlet.as_deref().is_some_and(|name| name.trim().is_empty()) {
            problems.push(format!(
                "{at}: the document's outlet has an empty name; skipped with its {}",
                crate::text::count(document.spans.len(), "span")
            ));
            continue;
        }
        document.spans.retain(|span| {
            let Some(what) = span_problem(span) else {
                return true;
            };
            problems.push(format!("{at}: span {}..{} {what}; skipped", span.start, span.end));
            false
        });
        sound.push(document);
    }
    sound
}

/// What makes an imported span malformed, if anything: fields that would give the
/// project a nameless kind or group, or a claim with a frame twice.
fn span_problem(span: &ImportedSpan) -> Option<String> {
    if span.label.trim().is_empty() {
        return Some("has an empty label".into());
    }
    if let Some(frame) =
        span.frames.iter().enumerate().find_map(|(i, f)| span.frames[..i].contains(f).then_some(f))
    {
        return Some(format!("({}) lists frame \"{frame}\" twice", span.label.trim()));
    }
    if span.group.as_deref().is_some_and(|name| name.trim().is_empty()) {
        return Some(format!("({}) names a group with an empty name", span.label.trim()));
    }
    None
}

/// The project's id for each imported document, and whether it is new: a text already in
/// the project, or met earlier in this import, is matched; a new one keeps the file's own
/// id when that is free, else gets a slug of its title made unique.
fn document_ids(
    project: &Project,
    documents: Vec<ImportedDocument>,
) -> Vec<(ImportedDocument, DocumentId, bool)> {
    let documents_by_text: HashMap<&str, DocumentId> =
        project.documents.iter().map(|d| (&*d.text, d.id.clone())).collect();
    let mut taken_ids: HashSet<String> = project.documents.iter().map(|d| d.id.to_string()).collect();
    let mut new_texts: HashMap<String, DocumentId> = HashMap::new();
    documents
        .into_iter()
        .map(|document| {
            if let Some(id) = documents_by_text.get(document.text.as_str()).or(new_texts.get(&document.text))
            {
                return (document, id.clone(), false);
            }
            let own_id =
                document.id.as_deref().map(str::trim).filter(|id| !id.is_empty() && !taken_ids.contains(*id));
            if let Some(id) = own_id.map(str::to_owned) {
                taken_ids.insert(id.clone());
                new_texts.insert(document.text.clone(), DocumentId::new(id.as_str()));
                return (document, DocumentId::new(id), true);
            }
            let base = document.title.as_deref().map(new_kind_id).unwrap_or_else(|| "doc".into());
            let base: String = base.chars().take(50).collect();
            let mut id = base.clone();
            let mut n = 2;
            while taken_ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            taken_ids.insert(id.clone());
            new_texts.insert(document.text.clone(), DocumentId::new(id.as_str()));
            (document, DocumentId::new(id), true)
        })
        .collect()
}

/// One merge under way: the taxonomy as it grows (new kinds), the project's records by
/// name or key together with those this import adds, the edits so far and the report.
/// Each record is looked up by name first and made only when missing, so an import
/// never adds a second outlet, group, source or reviewer of the same name.
struct Merge<'p, 'i> {
    ids: &'i mut IdAllocator,
    taxonomy: Taxonomy,
    default_verdict: LabelId,
    now: Timestamp,
    edits: Vec<Edit>,
    report: ImportReport,
    existing: HashSet<(DocumentId, CharSpan, LabelId)>,
    /// Claims of the project an imported span has already been matched to by id.
    matched_by_id: HashSet<ClaimId>,
    /// The project's claims by id (the first of a repeated id, as a search would find).
    claims_by_id: HashMap<&'p ClaimId, &'p Claim>,
    outlets_by_name: HashMap<String, OutletId>,
    groups_by_name: HashMap<String, GroupId>,
    reviewers_by_name: HashMap<String, ReviewerId>,
    sources_by_key: HashMap<(String, Option<String>), SourceId>,
}

impl<'p, 'i> Merge<'p, 'i> {
    fn new(project: &'p Project, ids: &'i mut IdAllocator, report: ImportReport) -> Merge<'p, 'i> {
        let taxonomy = project.taxonomy.clone();
        let default_verdict =
            taxonomy.default_verdict().cloned().unwrap_or_else(|| LabelId::new("unverified"));
        let by_name = |name: &str| name.trim().to_lowercase();
        Merge {
            ids,
            taxonomy,
            default_verdict,
            now: Timestamp::now(),
            edits: Vec::new(),
            report,
            existing: project.claims.iter().map(|c| (c.document.clone(), c.span, c.kind.clone())).collect(),
            matched_by_id: HashSet::new(),
            claims_by_id: project.claims.iter().rev().map(|c| (&c.id, c)).collect(),
            outlets_by_name: project.outlets.iter().map(|o| (by_name(&o.name), o.id.clone())).collect(),
            groups_by_name: project.groups.iter().map(|g| (by_name(&g.name), g.id.clone())).collect(),
            reviewers_by_name: project.reviewers.iter().map(|r| (by_name(&r.name), r.id.clone())).collect(),
            sources_by_key: project
                .sources
                .iter()
                .map(|s| ((by_name(&s.title), s.url.clone()), s.id.clone()))
                .collect(),
        }
    }

    /// Adds a new document (and its outlet when the project has none of that name).
    fn add_document(&mut self, document: &ImportedDocument, document_id: &DocumentId) {
        let outlet = document.outlet.as_ref().map(|name| self.outlet(name, document));
        let genre = document
            .genre
            .as_deref()
            .map(LabelId::new)
            .filter(|g| self.taxonomy.contains(LabelSet::Genre, g));
        let (file, line) = &document.origin;
        self.edits.push(Edit::Document(Edit::append(Document {
            id: document_id.clone(),
            title: document
                .title
                .clone()
                .unwrap_or_else(|| crate::textfile::default_title(&document.text, file)),
            outlet,
            genre,
            url: document.url.clone(),
            published: document.published.clone().filter(|d| crate::model::is_partial_date(d)),
            author: document.author.clone(),
            captured: None,
            // The file's name only: a local folder path would travel with the project.
            notes: format!(
                "Imported from {}:{line}",
                file.file_name()
                    .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned())
            ),
            passages: Vec::new(),
            text: document.text.as_str().into(),
        })));
        self.report.documents_added += 1;
    }

    /// Makes a claim of every span of `document` that is not in the project yet, or
    /// updates the claim whose id it carries; a span outside its text is reported and
    /// skipped.
    fn add_claims(&mut self, document: &ImportedDocument, document_id: &DocumentId, claims: &mut Vec<Claim>) {
        let index = crate::anchor::CharIndex::new(&document.text);
        for span in &document.spans {
            let char_span = CharSpan::new(span.start, span.end);
            let Some(quote) =
                (span.start < span.end).then(|| QuoteSelector::capture_indexed(&index, char_span)).flatten()
            else {
                let (file, line) = &document.origin;
                self.report.problems.push(format!(
                    "{}:{line}: span {}..{} ({}) lies outside its text of {} chars; skipped",
                    file.display(),
                    span.start,
                    span.end,
                    span.label,
                    index.char_count()
                ));
                continue;
            };
            let kind = self.kind(&span.label);
            if let Some(claim) = self.same_claim(span, document_id, char_span) {
                self.update(claim, span, kind);
                continue;
            }
            if !self.existing.insert((document_id.clone(), char_span, kind.clone())) {
                self.report.claims_existing += 1;
                continue;
            }
            let claim_id = ClaimId::new(self.ids.next(prefix::CLAIM));
            claims.push(self.claim(span, document_id, char_span, kind, quote, claim_id));
            self.report.claims_added += 1;
        }
    }

    /// The claim of the project that `span` was exported from: the one with its claim id,
    /// in the same document on the same span, not matched by an earlier span of this
    /// import. A claim id alone is not enough: another project may use the same ids.
    fn same_claim(
        &mut self,
        span: &ImportedSpan,
        document_id: &DocumentId,
        char_span: CharSpan,
    ) -> Option<&'p Claim> {
        let claim_id = ClaimId::new(span.claim_id.as_deref()?);
        let claim = *self.claims_by_id.get(&claim_id)?;
        let same = claim.document == *document_id && claim.span == char_span;
        (same && self.matched_by_id.insert(claim_id)).then_some(claim)
    }

    /// Updates `claim` to the kind and fields of `span`, its export coming back; nothing
    /// when nothing changed (counted as already there), nor when another claim already
    /// marks the span with the new kind (two claims of one kind on one span are refused
    /// everywhere else too).
    fn update(&mut self, claim: &'p Claim, span: &ImportedSpan, kind: LabelId) {
        let key = |kind: &LabelId| (claim.document.clone(), claim.span, kind.clone());
        if kind != claim.kind && self.existing.contains(&key(&kind)) {
            self.report.claims_existing += 1;
            return;
        }
        let wanted = self.claim(
            span,
            &claim.document,
            claim.span,
            kind.clone(),
            claim.quote.clone(),
            claim.id.clone(),
        );
        let edit = Edit::replace_claim(claim, self.now.clone(), |updated| {
            updated.kind = wanted.kind;
            updated.verdict = wanted.verdict;
            // Claimants are trimmed on the way in; one typed with a space is unchanged.
            if updated.claimant.trim() != wanted.claimant {
                updated.claimant = wanted.claimant;
            }
            updated.attribution = wanted.attribution;
            updated.sources = wanted.sources;
            updated.frames = wanted.frames;
            updated.group = wanted.group;
            updated.note = wanted.note;
            updated.reviewer = wanted.reviewer;
        });
        let Some(edit) = edit else {
            self.report.claims_existing += 1;
            return;
        };
        self.existing.remove(&key(&claim.kind));
        self.existing.insert(key(&kind));
        self.edits.push(edit);
        self.report.claims_updated += 1;
    }

    /// The claim of one imported span, through [`ClaimRequest::into_claim`] like every new
    /// claim; fields the project's taxonomy does not know fall back to its defaults.
    fn claim(
        &mut self,
        span: &ImportedSpan,
        document_id: &DocumentId,
        char_span: CharSpan,
        kind: LabelId,
        quote: QuoteSelector,
        claim_id: ClaimId,
    ) -> Claim {
        let taxonomy = &self.taxonomy;
        let verdict = span
            .verdict
            .as_deref()
            .map(LabelId::new)
            .filter(|v| taxonomy.contains(LabelSet::Verdict, v))
            .unwrap_or_else(|| self.default_verdict.clone());
        let frames = span
            .frames
            .iter()
            .map(|f| LabelId::new(f.as_str()))
            .filter(|f| taxonomy.contains(LabelSet::Frame, f))
            .collect::<Vec<_>>();
        let group = span.group.as_deref().map(|name| self.group(name));
        let mut request = ClaimRequest::new(document_id.clone(), char_span, kind);
        request.verdict = Some(verdict);
        request.claimant = span.claimant.clone().unwrap_or_default();
        request.attribution = if span.attribution.as_deref() == Some("attributed") {
            Attribution::Attributed
        } else {
            Attribution::Asserted
        };
        request.sources = span
            .sources
            .iter()
            .filter(|source| !source.title.trim().is_empty() || source.url.is_some())
            .map(|source| self.source_link(source))
            .collect();
        request.frames = frames;
        request.group = group;
        request.note = span.note.clone().unwrap_or_default();
        request.reviewer = span.reviewer.clone();
        let reviewer = request.reviewer_name().map(|name| self.reviewer(name));
        request.into_claim(claim_id, quote, self.default_verdict.clone(), reviewer, self.now.clone())
    }

    /// The claim kind of an imported label; a label that matches none becomes a new kind
    /// (with a free id and the next colour), reported in [`ImportReport::new_kinds`].
    fn kind(&mut self, label: &str) -> LabelId {
        if let Some(kind) = kind_for_label(&self.taxonomy.claim_kinds, label) {
            return kind;
        }
        let mut id = new_kind_id(label);
        while self.taxonomy.contains(LabelSet::ClaimKind, &LabelId::new(id.as_str())) {
            id.push('-');
            id.push('x');
        }
        let colour = IMPORTED_KIND_COLOURS[self.report.new_kinds.len() % IMPORTED_KIND_COLOURS.len()];
        self.taxonomy.claim_kinds.push(Label {
            id: LabelId::new(id.as_str()),
            name: label.trim().to_owned(),
            colour: colour.to_owned(),
            shortcut: None,
            description: format!("Imported label \"{}\"", label.trim()),
        });
        self.report.new_kinds.push(label.trim().to_owned());
        LabelId::new(id)
    }

    /// The outlet named `name` (any case), made with the document's affiliation and the
    /// domain of its URL when the project has none.
    fn outlet(&mut self, name: &str, document: &ImportedDocument) -> OutletId {
        let key = name.trim().to_lowercase();
        if let Some(id) = self.outlets_by_name.get(&key) {
            return id.clone();
        }
        let affiliation = document
            .affiliation
            .as_deref()
            .map(LabelId::new)
            .filter(|a| self.taxonomy.contains(LabelSet::Affiliation, a))
            .unwrap_or_else(|| LabelId::new("unknown"));
        let outlet = Outlet::new(
            OutletId::new(self.ids.next(prefix::OUTLET)),
            name,
            affiliation,
            document.url.as_deref(),
        );
        let id = outlet.id.clone();
        self.outlets_by_name.insert(key, id.clone());
        self.edits.push(Edit::Outlet(Edit::append(outlet)));
        id
    }

    /// The claim group named `name` (any case), made when the project has none.
    fn group(&mut self, name: &str) -> GroupId {
        let key = name.trim().to_lowercase();
        if let Some(id) = self.groups_by_name.get(&key) {
            return id.clone();
        }
        let group = ClaimGroup {
            id: GroupId::new(self.ids.next(prefix::GROUP)),
            name: name.trim().to_owned(),
            notes: String::new(),
        };
        let id = group.id.clone();
        self.groups_by_name.insert(key, id.clone());
        self.edits.push(Edit::Group(Edit::append(group)));
        id
    }

    /// A link to the source with this title (any case) and URL, made when the project has
    /// none; the relation falls back to `cited` when the taxonomy does not know it.
    fn source_link(&mut self, source: &ImportedSource) -> SourceLink {
        let key = (source.title.trim().to_lowercase(), source.url.clone());
        let id = match self.sources_by_key.get(&key) {
            Some(id) => id.clone(),
            None => {
                let record = Source {
                    id: SourceId::new(self.ids.next(prefix::SOURCE)),
                    title: source.title.trim().to_owned(),
                    url: source.url.clone(),
                    publisher: None,
                    kind: SourceKind::Other,
                    notes: String::new(),
                };
                let id = record.id.clone();
                self.sources_by_key.insert(key, id.clone());
                self.edits.push(Edit::Source(Edit::append(record)));
                id
            }
        };
        let relation = source
            .relation
            .as_deref()
            .map(LabelId::new)
            .filter(|r| self.taxonomy.contains(LabelSet::SourceRelation, r))
            .unwrap_or_else(|| LabelId::new("cited"));
        SourceLink { source: id, relation }
    }

    /// The reviewer named `name` (any case), made when the project has none.
    fn reviewer(&mut self, name: &str) -> ReviewerId {
        let key = name.to_lowercase();
        if let Some(id) = self.reviewers_by_name.get(&key) {
            return id.clone();
        }
        let reviewer =
            Reviewer { id: ReviewerId::new(self.ids.next(prefix::REVIEWER)), name: name.to_owned() };
        let id = reviewer.id.clone();
        self.reviewers_by_name.insert(key, id.clone());
        self.edits.push(Edit::Reviewer(Edit::append(reviewer)));
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn labels_map_to_kinds_by_id_name_or_shouting_case() {
        let kinds = Taxonomy::builtin().claim_kinds;
        assert_eq!(kind_for_label(&kinds, "money").unwrap().as_str(), "money");
        assert_eq!(kind_for_label(&kinds, "MONEY").unwrap().as_str(), "money");
        assert_eq!(kind_for_label(&kinds, "Attributed statement").unwrap().as_str(), "attributed");
        assert_eq!(kind_for_label(&kinds, "ATTRIBUTED_STATEMENT").unwrap().as_str(), "attributed");
        assert_eq!(kind_for_label(&kinds, "RUMOUR"), None);
        assert_eq!(new_kind_id("Named Entity / ORG"), "named-entity-org");
    }

    #[test]
    fn merge_adds_documents_claims_and_unknown_kinds_and_matches_known_texts() {
        let project = Project::new("t", Taxonomy::builtin());
        let mut ids = IdAllocator::for_project(&project);
        let text = "Sultan said 3,000 fighters and $7 billion.";
        let parsed = ParsedImport {
            documents: vec![ImportedDocument {
                title: Some("A text".into()),
                text: text.into(),
                outlet: Some("Sputnik".into()),
                affiliation: Some("state-media".into()),
                spans: vec![
                    ImportedSpan { start: 12, end: 26, label: "STATISTIC".into(), ..Default::default() },
                    ImportedSpan {
                        start: 31,
                        end: 41,
                        label: "price tag".into(),
                        claimant: Some("Sultan".into()),
                        ..Default::default()
                    },
                    ImportedSpan { start: 31, end: 99, label: "money".into(), ..Default::default() },
                ],
                origin: (PathBuf::from("in.jsonl"), 1),
                ..Default::default()
            }],
            problems: vec![],
        };
        let (edit, report) = merge_import(&project, &mut ids, parsed.clone(), false).unwrap();
        assert_eq!(report.documents_added, 1);
        assert_eq!(report.claims_added, 2);
        assert_eq!(report.new_kinds, ["price tag"]);
        assert_eq!(report.problems.len(), 1, "the span past the text is reported");
        assert!(report.problems[0].starts_with("in.jsonl:1: span 31..99"), "{:?}", report.problems);
        let mut merged = project.clone();
        edit.apply(&mut merged).unwrap();
        assert_eq!(crate::store::integrity::check(&merged), vec![]);
        assert_eq!(merged.claims[1].span.slice(text), Some("$7 billion"));
        assert_eq!(merged.claims[1].kind.as_str(), "price-tag");
        assert_eq!(merged.outlets[0].affiliation.as_str(), "state-media");
        // The same import again matches the text and adds nothing.
        let (edit, report) = merge_import(&merged, &mut ids, parsed.clone(), false).unwrap();
        assert_eq!((report.documents_matched, report.claims_added, report.claims_existing), (1, 0, 2));
        let before = merged.clone();
        edit.apply(&mut merged).unwrap();
        assert_eq!(merged.claims, before.claims);
        // Strict refuses an import with a problem.
        assert!(merge_import(&project, &mut ids, parsed, true).is_err());
    }

    #[test]
    fn a_span_with_the_id_of_a_claim_on_the_same_span_updates_it_in_the_same_edit() {
        let text = "Sultan said 3,000 fighters and $7 billion.";
        let mut project = Project::new("t", Taxonomy::builtin());
        project.documents.push(Document::new(DocumentId::new("doc-1"), "A text", text));
        for (id, start, end, kind) in [("claim-1", 12, 26, "statistic"), ("claim-2", 31, 41, "money")] {
            let span = CharSpan::new(start, end);
            project.claims.push(Claim::new(
                ClaimId::new(id),
                DocumentId::new("doc-1"),
                span,
                QuoteSelector::capture(text, span).unwrap(),
                LabelId::new(kind),
                LabelId::new("unverified"),
                Timestamp::from_unix(1_763_900_000),
            ));
        }
        let span = |start, end, label: &str, claim_id: &str| ImportedSpan {
            start,
            end,
            label: label.into(),
            verdict: Some("unverified".into()),
            claim_id: Some(claim_id.into()),
            ..Default::default()
        };
        let parsed = |spans| ParsedImport {
            documents: vec![ImportedDocument { text: text.into(), spans, ..Default::default() }],
            problems: vec![],
        };
        let mut ids = IdAllocator::for_project(&project);
        let relabelled = parsed(vec![
            // Relabelled and its verdict changed: claim-1 is updated.
            ImportedSpan { verdict: Some("false".into()), ..span(12, 26, "event", "claim-1") },
            // Unchanged: already there.
            span(31, 41, "money", "claim-2"),
        ]);
        let (edit, report) = merge_import(&project, &mut ids, relabelled, false).unwrap();
        assert_eq!((report.claims_added, report.claims_existing, report.claims_updated), (0, 1, 1));
        let mut merged = project.clone();
        let undo = edit.apply(&mut merged).unwrap();
        assert_eq!(merged.claims.len(), 2);
        assert_eq!((merged.claims[0].kind.as_str(), merged.claims[0].verdict.as_str()), ("event", "false"));
        assert_eq!(merged.claims[1], project.claims[1]);
        assert_eq!(crate::store::integrity::check(&merged), vec![]);
        undo.apply(&mut merged).unwrap();
        assert_eq!(merged.claims, project.claims, "one edit undoes the update");
        // The id on another span, or on a span where another claim already has the new
        // kind, updates nothing.
        let elsewhere = parsed(vec![span(0, 6, "event", "claim-1"), span(31, 41, "statistic", "claim-2")]);
        let mut crowded = project.clone();
        crowded.claims[0].span = CharSpan::new(31, 41);
        crowded.claims[0].quote = QuoteSelector::capture(text, CharSpan::new(31, 41)).unwrap();
        let (_, report) = merge_import(&crowded, &mut ids, elsewhere, false).unwrap();
        assert_eq!((report.claims_added, report.claims_existing, report.claims_updated), (1, 1, 0));
    }

    /// Every field of an imported record, in turn, takes hostile values (empty, blank, a
    /// line break, a byte-order mark, quotes, right-to-left marks, a long value, repeats,
    /// spans out of range), on a new document and on a re-imported claim (the update
    /// path). Without `strict` the merge applies and leaves a sound project holding the
    /// good document; every record it reports sits at its line; with `strict` a reported
    /// problem imports nothing.
    #[test]
    fn hostile_field_values_are_merged_soundly_or_reported_and_skipped() {
        let text = "Sultan said 3,000 fighters and $7 billion.";
        let mut project = Project::new("t", Taxonomy::builtin());
        project.documents.push(Document::new(DocumentId::new("doc-1"), "A text", text));
        let span = CharSpan::new(12, 26);
        project.claims.push(Claim::new(
            ClaimId::new("claim-1"),
            DocumentId::new("doc-1"),
            span,
            QuoteSelector::capture(text, span).unwrap(),
            LabelId::new("statistic"),
            LabelId::new("unverified"),
            Timestamp::from_unix(1_763_900_000),
        ));
        let good_text = "A good record: 40 drones.";
        let good = ImportedDocument {
            text: good_text.into(),
            spans: vec![ImportedSpan { start: 15, end: 24, label: "statistic".into(), ..Default::default() }],
            origin: (PathBuf::from("in.jsonl"), 1),
            ..Default::default()
        };
        let new_document = ImportedDocument {
            text: "Hostile text here.".into(),
            spans: vec![ImportedSpan { start: 0, end: 7, label: "event".into(), ..Default::default() }],
            origin: (PathBuf::from("in.jsonl"), 2),
            ..Default::default()
        };
        let update = ImportedDocument {
            spans: vec![ImportedSpan {
                start: 12,
                end: 26,
                label: "event".into(),
                claim_id: Some("claim-1".into()),
                ..Default::default()
            }],
            text: text.into(),
            ..new_document.clone()
        };
        let long = "x".repeat(20_000);
        let values: Vec<&str> = vec![
            "",
            " ",
            "\n",
            "\r\n",
            "\u{feff}",
            "a\"b\\c",
            "\u{202e}x\u{200f}",
            "é\u{301}",
            &long,
            "event",
        ];
        type Change = Box<dyn Fn(&mut ImportedDocument, &str)>;
        let on_span = |change: fn(&mut ImportedSpan, &str)| -> Change {
            Box::new(move |document: &mut ImportedDocument, value: &str| {
                change(&mut document.spans[0], value)
            })
        };
        let some = |value: &str| Some(value.to_owned());
        let changes: Vec<(&str, Change)> = vec![
            ("id", Box::new(move |d, v| d.id = some(v))),
            ("title", Box::new(move |d, v| d.title = some(v))),
            ("url", Box::new(move |d, v| d.url = some(v))),
            ("published", Box::new(move |d, v| d.published = some(v))),
            ("author", Box::new(move |d, v| d.author = some(v))),
            ("outlet", Box::new(move |d, v| d.outlet = some(v))),
            ("affiliation", Box::new(move |d, v| d.affiliation = some(v))),
            ("genre", Box::new(move |d, v| d.genre = some(v))),
            ("text", Box::new(move |d, v| d.text = v.to_owned())),
            ("label", on_span(|s, v| s.label = v.to_owned())),
            ("claimant", on_span(|s, v| s.claimant = Some(v.to_owned()))),
            ("attribution", on_span(|s, v| s.attribution = Some(v.to_owned()))),
            ("verdict", on_span(|s, v| s.verdict = Some(v.to_owned()))),
            ("frame", on_span(|s, v| s.frames = vec![v.to_owned()])),
            ("frame twice", on_span(|s, v| s.frames = vec![v.to_owned(), "economic".into(), v.to_owned()])),
            ("group", on_span(|s, v| s.group = Some(v.to_owned()))),
            ("note", on_span(|s, v| s.note = Some(v.to_owned()))),
            ("reviewer", on_span(|s, v| s.reviewer = Some(v.to_owned()))),
            ("claim id", on_span(|s, v| s.claim_id = Some(v.to_owned()))),
            (
                "source title",
                on_span(|s, v| {
                    s.sources = vec![ImportedSource { title: v.into(), url: None, relation: None }]
                }),
            ),
            (
                "source url",
                on_span(|s, v| {
                    s.sources =
                        vec![ImportedSource { title: "T".into(), url: Some(v.into()), relation: None }]
                }),
            ),
            (
                "source relation",
                on_span(|s, v| {
                    s.sources =
                        vec![ImportedSource { title: "T".into(), url: None, relation: Some(v.into()) }]
                }),
            ),
            (
                "two spans",
                Box::new(move |d, v| {
                    let mut twin = d.spans[0].clone();
                    twin.label = v.to_owned();
                    d.spans.push(twin);
                }),
            ),
        ];
        let spans: [(usize, usize); 5] = [(0, 0), (7, 3), (0, 10_000), (usize::MAX - 1, usize::MAX), (0, 7)];
        let mut cases = Vec::new();
        for (field, change) in &changes {
            for value in &values {
                for base in [&new_document, &update] {
                    let mut document = base.clone();
                    change(&mut document, value);
                    cases.push((format!("{field} = {value:.20?}"), document));
                }
            }
        }
        for (start, end) in spans {
            let mut document = new_document.clone();
            (document.spans[0].start, document.spans[0].end) = (start, end);
            cases.push((format!("span {start}..{end}"), document));
        }
        for (case, hostile) in cases {
            let parsed = ParsedImport { documents: vec![good.clone(), hostile], problems: vec![] };
            let mut ids = IdAllocator::for_project(&project);
            let (edit, report) = merge_import(&project, &mut ids, parsed.clone(), false)
                .unwrap_or_else(|report| panic!("{case}: {report:?}"));
            let mut merged = project.clone();
            edit.apply(&mut merged).unwrap_or_else(|error| panic!("{case}: {error}"));
            assert_eq!(crate::store::integrity::check(&merged), vec![], "{case}: {report:?}");
            let good_document = merged.documents.iter().find(|d| &*d.text == good_text).expect(&case);
            assert!(merged.claims.iter().any(|c| c.document == good_document.id), "{case}");
            for problem in &report.problems {
                assert!(problem.starts_with("in.jsonl:2: "), "{case}: {problem}");
            }
            if !report.problems.is_empty() {
                assert!(merge_import(&project, &mut ids, parsed, true).is_err(), "{case}: strict");
            }
        }
    }

    #[test]
    fn malformed_records_are_reported_and_skipped_and_leave_no_trace() {
        let project = Project::new("t", Taxonomy::builtin());
        let document =
            |line: usize, text: &str, outlet: Option<&str>, spans: Vec<ImportedSpan>| ImportedDocument {
                text: text.into(),
                outlet: outlet.map(Into::into),
                spans,
                origin: (PathBuf::from("in.jsonl"), line),
                ..Default::default()
            };
        let span = |label: &str| ImportedSpan { start: 0, end: 4, label: label.into(), ..Default::default() };
        let parsed = ParsedImport {
            documents: vec![
                document(1, "Good one.", Some("Dawn"), vec![span("statistic")]),
                document(2, "Nameless outlet.", Some(" "), vec![span("event")]),
                document(
                    3,
                    "Bad spans.",
                    None,
                    vec![
                        span(""),
                        ImportedSpan { frames: vec!["economic".into(), "economic".into()], ..span("rumour") },
                        ImportedSpan { group: Some(String::new()), ..span("gossip") },
                        span("money"),
                    ],
                ),
            ],
            problems: vec![],
        };
        let mut ids = IdAllocator::for_project(&project);
        let (edit, report) = merge_import(&project, &mut ids, parsed.clone(), false).unwrap();
        assert_eq!(
            report.problems,
            [
                "in.jsonl:2: the document's outlet has an empty name; skipped with its 1 span",
                "in.jsonl:3: span 0..4 has an empty label; skipped",
                "in.jsonl:3: span 0..4 (rumour) lists frame \"economic\" twice; skipped",
                "in.jsonl:3: span 0..4 (gossip) names a group with an empty name; skipped",
            ]
        );
        assert!(report.new_kinds.is_empty(), "a skipped span makes no kind: {:?}", report.new_kinds);
        let mut merged = project.clone();
        edit.apply(&mut merged).unwrap();
        assert_eq!(crate::store::integrity::check(&merged), vec![]);
        let texts: Vec<&str> = merged.documents.iter().map(|d| &*d.text).collect();
        assert_eq!(texts, ["Good one.", "Bad spans."]);
        let kinds: Vec<&str> = merged.claims.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(kinds, ["statistic", "money"]);
        assert!(merged.groups.is_empty());
        assert_eq!(merged.outlets.len(), 1);
        assert!(merge_import(&project, &mut ids, parsed, true).is_err());
        // Only malformed records: nothing to import.
        let only_bad = ParsedImport { documents: vec![document(1, "x", Some(""), vec![])], problems: vec![] };
        let report = merge_import(&project, &mut ids, only_bad, false).unwrap_err();
        assert_eq!(report.problems.len(), 1);
    }
}
