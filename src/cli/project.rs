//! The subcommands that build a project up: `new`, `add-document`, `add-source`,
//! `add-group`, `group` and `mark`. Each checks its arguments against the project, builds
//! one [`Edit`] and hands it to [`change_project`], which saves only a sound result.
//!
//! Claims are made by [`edit::mark_claim`] only, as in the app; this module finds the span
//! of a quote and turns the arguments into a [`ClaimRequest`], nothing more.

use super::args::{
    AddDocumentArgs, AddGroupArgs, AddPassageArgs, AddSourceArgs, GroupArgs, MarkArgs, NewArgs, PlaceArgs,
    SetTextArgs,
};
use super::run::{change_project, lock_project};
use crate::anchor::{CharSpan, byte_to_char};
use crate::edit::{self, ClaimRequest, Edit, MarkError, RecordEdit};
use crate::model::{
    Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, IdAllocator, LabelId, LabelSet,
    Outlet, OutletId, Project, Source, SourceId, SourceLink, Taxonomy, Timestamp, is_partial_date, prefix,
};
use crate::store;
use crate::textfile::{default_title, unique_slug};
use anyhow::{Result, anyhow, bail};
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

/// `claimmark new`: writes an empty project with the built-in taxonomy or `--taxonomy`'s.
pub(super) fn new(args: NewArgs) -> Result<ExitCode> {
    let NewArgs { name, output, taxonomy, force } = args;
    let _lock = lock_project(&output)?;
    if output.exists() && !force {
        bail!("{}: the file exists; choose another name or pass --force", output.display());
    }
    let taxonomy = match taxonomy {
        None => Taxonomy::builtin(),
        Some(path) => load_taxonomy(&path)?,
    };
    store::save(&Project::new(name.as_str(), taxonomy), &output)?;
    say!("{}: created project \"{name}\"", output.display());
    Ok(ExitCode::SUCCESS)
}

/// Reads and checks a taxonomy file.
fn load_taxonomy(path: &Path) -> Result<Taxonomy> {
    let text = store::read_text(path, store::DEFAULT_MAX_FILE_BYTES)?;
    let taxonomy: Taxonomy = ron::Options::default()
        .with_recursion_limit(store::RECURSION_LIMIT)
        .from_str(&text)
        .map_err(|e| anyhow!("{}:{}:{}: {}", path.display(), e.span.start.line, e.span.start.col, e.code))?;
    if let Some(problem) = taxonomy.problems().first() {
        bail!("{}: {}", path.display(), problem.message);
    }
    Ok(taxonomy)
}

/// `claimmark add-document`: adds the text files as documents, one line per file added.
pub(super) fn add_document(args: AddDocumentArgs) -> Result<ExitCode> {
    let added = add_documents(&args)?;
    for (text, added) in args.texts.iter().zip(&added) {
        let document = &added.document;
        say!("{}: added {} as {}", args.file.display(), text.display(), document.id);
        // What a saved page gave, to check (and correct in the app or with the options).
        if !added.from_page {
            continue;
        }
        let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "none found".into());
        say!("  title: {}", document.title);
        say!("  url: {}", or_none(&document.url));
        say!("  author: {}", or_none(&document.author));
        say!("  published: {}", or_none(&document.published));
        match (&added.outlet, &added.site) {
            (Some(outlet), _) => say!("  outlet: {outlet}"),
            (None, Some(site)) => say!(
                "  outlet: none; the page names its site \"{site}\", which the project has no outlet of: set it in the app's inspector (Outlet, or New outlet), or next time add the page with --outlet \"{site}\""
            ),
            (None, None) => say!("  outlet: none"),
        }
        say!(
            "  text: {} chars in {} paragraphs",
            document.text.chars().count(),
            document.text.split("\n\n").count()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `claimmark set-text`: the document's new text, its claims carried over or flagged.
/// `claimmark place`: puts a claim on the quoted words of its document, its flag cleared.
pub(super) fn place(args: &PlaceArgs) -> Result<ExitCode> {
    let id = ClaimId::new(args.claim.trim());
    let (span, was_flagged) = change_project(&args.file, |project, _| {
        let Some(claim) = project.claim(&id) else {
            bail!("no claim \"{id}\" in {}", args.file.display());
        };
        let Some(document) = project.document(&claim.document) else {
            bail!("claim {id} is in document {}, which the project lacks", claim.document);
        };
        let span =
            quote_span(&document.text, &document.id, &args.quote, args.occurrence, args.partial_words)?;
        let was_flagged = claim.needs_reanchoring;
        let edit = edit::place_claim(project, &id, span, Timestamp::now())
            .ok_or_else(|| anyhow!("claim {id} cannot be placed on {}..{}", span.start, span.end))?;
        Ok((edit, (span, was_flagged)))
    })?;
    say!(
        "{}: {id} placed on {}..{}{}",
        args.file.display(),
        span.start,
        span.end,
        if was_flagged { " (no longer needs re-anchoring)" } else { "" }
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn set_text(args: &SetTextArgs) -> Result<ExitCode> {
    let (text, _) = crate::textfile::read_document(&args.text)?;
    if text.trim().is_empty() {
        bail!("{}: the file holds no text; the document was not changed", args.text.display());
    }
    let id = DocumentId::new(args.document.trim());
    let reviewer_name = std::env::var(super::run::REVIEWER_VARIABLE).ok();
    // What happens to each claim, and the flagged ones' lines, from the project as read.
    let work_out = |project: &Project| -> Result<(edit::Retext, Vec<String>)> {
        let Some(document) = project.document(&id) else {
            let known: Vec<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
            bail!("{}: no document \"{id}\"; its documents are: {}", args.file.display(), known.join(", "));
        };
        if *document.text == *text {
            bail!("{}: document {id} has this very text already; nothing was changed", args.file.display());
        }
        let by = reviewer_name.as_deref().and_then(|name| project.reviewer_by_name(name)).map(|r| &r.id);
        let retext = edit::set_text(project, &id, &text, &Timestamp::now(), by)?;
        // One pass over the claims, not a search per flagged claim.
        let ids: std::collections::HashSet<&ClaimId> = retext.flagged.iter().collect();
        let flagged = project
            .claims
            .iter()
            .filter(|claim| ids.contains(&claim.id))
            .map(|claim| format!("  {} \"{}\"", claim.id, claim.quote.exact))
            .collect();
        Ok((retext, flagged))
    };
    let (retext, flagged) = if args.dry_run {
        work_out(&store::load(&args.file)?)?
    } else {
        change_project(&args.file, |project, _| {
            let (mut retext, flagged) = work_out(project)?;
            let edit = retext.edit.take().ok_or_else(|| anyhow!("the text did not change"))?;
            Ok((edit, (retext, flagged)))
        })?
    };
    say!(
        "{}: {id} {}: {} claims unchanged, {} moved, {} flagged for re-anchoring{}",
        args.file.display(),
        if args.dry_run { "would get the new text (dry run, nothing written)" } else { "has its new text" },
        retext.unchanged,
        retext.moved,
        retext.flagged.len(),
        if retext.restored > 0 { format!(", {} placed again", retext.restored) } else { String::new() }
    );
    if !flagged.is_empty() {
        say!("needs re-anchoring (place each again in the app: View > Claims to re-anchor):");
        for line in &flagged {
            say!("{line}");
        }
    }
    if retext.passages_dropped > 0 {
        say!("{} passages were left empty by the change and dropped", retext.passages_dropped);
    }
    if retext.rejections_dropped > 0 {
        say!("{} rejected suggestions on changed text were dropped", retext.rejections_dropped);
    }
    Ok(ExitCode::SUCCESS)
}

/// The id of the outlet called `name`, or of a new one (with `affiliation`, default
/// unknown, and the domain of `url`) whose addition is pushed onto `edits`.
fn outlet_named(
    project: &Project,
    ids: &mut IdAllocator,
    name: &str,
    affiliation: Option<&str>,
    url: Option<&str>,
    edits: &mut Vec<Edit>,
) -> Result<OutletId> {
    if let Some(existing) = project.outlet_by_name(name) {
        if let Some(affiliation) = affiliation
            && existing.affiliation.as_str() != affiliation
        {
            bail!(
                "outlet \"{}\" exists with affiliation \"{}\"; leave out --affiliation or change the outlet in the app",
                existing.name,
                existing.affiliation
            );
        }
        return Ok(existing.id.clone());
    }
    let affiliation = LabelId::new(affiliation.unwrap_or("unknown"));
    if !project.taxonomy.contains(LabelSet::Affiliation, &affiliation) {
        let known: Vec<&str> =
            project.taxonomy.labels(LabelSet::Affiliation).iter().map(|l| l.id.as_str()).collect();
        bail!("unknown affiliation \"{affiliation}\"; this project's are: {}", known.join(", "));
    }
    let outlet = Outlet::new(OutletId::new(ids.next(prefix::OUTLET)), name, affiliation, url);
    let id = outlet.id.clone();
    edits.push(Edit::Outlet(Edit::append(outlet)));
    Ok(id)
}

/// `claimmark add-passage`: marks a passage of a document as another outlet's text.
pub(super) fn add_passage(args: AddPassageArgs) -> Result<ExitCode> {
    let file = args.file.clone();
    let (outlet, span, claims) = change_project(&file, |project, ids| {
        let id = DocumentId::new(args.document.trim());
        let Some(document) = project.document(&id) else {
            let known: Vec<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
            bail!("no document \"{id}\"; its documents are: {}", known.join(", "));
        };
        let span = passage_span(document, &args)?;
        if let Some(date) = &args.published
            && !is_partial_date(date)
        {
            bail!("--published \"{date}\": expected YYYY-MM-DD, YYYY-MM or YYYY");
        }
        let mut edits = Vec::new();
        let outlet = outlet_named(
            project,
            ids,
            &args.outlet,
            args.affiliation.as_deref(),
            args.url.as_deref(),
            &mut edits,
        )?;
        let passage = crate::model::QuotedPassage {
            span,
            outlet: outlet.clone(),
            url: args.url.clone(),
            published: args.published.clone(),
            note: args.note.clone(),
        };
        let added = Edit::add_passage(document, passage).map_err(|other| {
            anyhow!(
                "the passage {}..{} overlaps the passage {}..{} from outlet {}; passages do not overlap",
                span.start,
                span.end,
                other.span.start,
                other.span.end,
                other.outlet
            )
        })?;
        edits.push(added);
        let claims = project.claims_starting_in(&id, span);
        let name = project.outlet(&outlet).map_or_else(|| args.outlet.trim().to_owned(), |o| o.name.clone());
        Ok((Edit::Batch(edits), (name, span, claims)))
    })?;
    say!(
        "{}: passage {}..{} of {} marked as {outlet}'s text; {} in it count for it",
        file.display(),
        span.start,
        span.end,
        args.document.trim(),
        crate::text::count(claims, "claim")
    );
    Ok(ExitCode::SUCCESS)
}

/// The chars `add-passage` names: `--span START..END`, or from the start of `--from` to the
/// end of the first `--to` after it.
fn passage_span(document: &Document, args: &AddPassageArgs) -> Result<CharSpan> {
    let chars = document.text.chars().count();
    let span = match (&args.span, &args.from, &args.to) {
        (Some(span), None, None) => {
            let parse = |n: &str| n.trim().parse::<usize>().ok();
            let (start, end) = span
                .split_once("..")
                .and_then(|(a, b)| Some((parse(a)?, parse(b)?)))
                .ok_or_else(|| anyhow!("--span \"{span}\": expected START..END in chars, e.g. 170..2358"))?;
            CharSpan::new(start, end)
        }
        (None, Some(from), Some(to)) => {
            let first = quote_span(&document.text, &document.id, from, args.occurrence, true)
                .map_err(|error| anyhow!("--from: {error}"))?;
            // `--to` ends the passage: its first occurrence that ends after `--from` does.
            let from_byte = crate::anchor::char_to_byte(&document.text, first.start).unwrap_or(0);
            let from_end = crate::anchor::char_to_byte(&document.text, first.end).unwrap_or(from_byte);
            let Some(end_byte) = document.text[from_byte..]
                .match_indices(to.as_str())
                .map(|(at, _)| from_byte + at + to.len())
                .find(|&end| end >= from_end)
            else {
                bail!("--to does not occur after --from in document {}; copy it exactly", document.id);
            };
            CharSpan::new(first.start, byte_to_char(&document.text, end_byte).unwrap_or(chars))
        }
        _ => bail!("say where the passage is: --span START..END, or --from TEXT --to TEXT"),
    };
    if span.end <= span.start || span.end > chars {
        bail!("the passage {}..{} is not inside the text ({chars} chars)", span.start, span.end);
    }
    Ok(span)
}

/// A document `add-document` added, with what the command says of it.
struct Added {
    document: Document,
    /// Made from a saved web page.
    from_page: bool,
    /// The name of its outlet.
    outlet: Option<String>,
    /// The site a page names when no outlet of the project has that name.
    site: Option<String>,
}

/// Adds the text files and saved pages of `args` to its project as documents.
fn add_documents(args: &AddDocumentArgs) -> Result<Vec<Added>> {
    let texts = &args.texts;
    if texts.len() > 1 && (args.title.is_some() || args.url.is_some()) {
        bail!("--title and --url describe one document; add the files one at a time");
    }
    // Read every text before touching the project, so one bad file changes nothing.
    let mut contents = Vec::with_capacity(texts.len());
    let mut pages = Vec::with_capacity(texts.len());
    for path in texts {
        let (text, page) = crate::textfile::read_document(path)?;
        if text.trim().is_empty() {
            bail!("{}: the file holds no text; nothing was added", path.display());
        }
        contents.push(text);
        pages.push(page);
    }
    change_project(&args.file, |project, ids| {
        if !args.allow_duplicate {
            for (path, text) in texts.iter().zip(&contents) {
                if let Some(existing) = project.documents.iter().find(|d| *d.text == **text) {
                    bail!(
                        "{}: document {} has this very text already; pass --allow-duplicate to add it again",
                        path.display(),
                        existing.id
                    );
                }
            }
        }
        let taxonomy = &project.taxonomy;
        let check_label = |set: LabelSet, id: &str| -> Result<LabelId> {
            let id = LabelId::new(id);
            if !taxonomy.contains(set, &id) {
                let known: Vec<&str> = taxonomy.labels(set).iter().map(|l| l.id.as_str()).collect();
                bail!("unknown {set} \"{id}\"; this project's are: {}", known.join(", "));
            }
            Ok(id)
        };
        let genre = args.genre.as_deref().map(|g| check_label(LabelSet::Genre, g)).transpose()?;
        for (what, date) in [("--published", &args.published), ("--captured", &args.captured)] {
            if let Some(date) = date
                && !is_partial_date(date)
            {
                bail!("{what} \"{date}\": expected YYYY-MM-DD, YYYY-MM or YYYY");
            }
        }
        let mut edits = Vec::new();
        let outlet_id = match &args.outlet {
            None => {
                if args.affiliation.is_some() {
                    bail!("--affiliation describes an outlet; give the outlet with --outlet");
                }
                None
            }
            Some(name) => Some(outlet_named(
                project,
                ids,
                name,
                args.affiliation.as_deref(),
                args.url.as_deref(),
                &mut edits,
            )?),
        };
        let mut taken: Vec<String> = project.documents.iter().map(|d| d.id.to_string()).collect();
        let mut added = Vec::new();
        for ((path, text), page) in texts.iter().zip(contents).zip(&pages) {
            let id = DocumentId::new(unique_slug(path, &mut taken));
            let mut document = Document::new(id, default_title(&text, path), text);
            // A saved page's own metadata where the options give none.
            let site = page.as_ref().and_then(|page| page.fill(&mut document, project));
            let options = [
                (&mut document.url, &args.url),
                (&mut document.published, &args.published),
                (&mut document.author, &args.author),
                (&mut document.captured, &args.captured),
            ];
            for (field, value) in options {
                if value.is_some() {
                    field.clone_from(value);
                }
            }
            if let Some(title) = &args.title {
                document.title.clone_from(title);
            }
            if outlet_id.is_some() {
                document.outlet.clone_from(&outlet_id);
            }
            document.genre.clone_from(&genre);
            let outlet = match (&args.outlet, &document.outlet) {
                (Some(name), _) => Some(name.trim().to_owned()),
                (None, Some(id)) => project.outlets.iter().find(|o| &o.id == id).map(|o| o.name.clone()),
                (None, None) => None,
            };
            edits.push(Edit::Document(Edit::append(document.clone())));
            added.push(Added { document, from_page: page.is_some(), outlet, site });
        }
        Ok((Edit::Batch(edits), added))
    })
}

/// `claimmark add-source`: adds a source; prints its id.
pub(super) fn add_source(args: AddSourceArgs) -> Result<ExitCode> {
    let AddSourceArgs { file, title, url, publisher, kind, notes } = args;
    let id = change_project(&file, |_, ids| {
        let source = Source {
            id: SourceId::new(ids.next(prefix::SOURCE)),
            title,
            url,
            publisher,
            kind: kind.into(),
            notes,
        };
        let id = source.id.clone();
        Ok((Edit::Source(Edit::append(source)), id))
    })?;
    say!("{id}");
    Ok(ExitCode::SUCCESS)
}

/// `claimmark group`: puts claims into a group, or with the group `none` takes them out.
pub(super) fn group(args: GroupArgs) -> Result<ExitCode> {
    let GroupArgs { file, group, claims } = args;
    change_project(&file, |project, _| {
        let group = match group.as_str() {
            "none" => None,
            id => {
                let id = GroupId::new(id);
                if project.group(&id).is_none() {
                    let known: Vec<&str> = project.groups.iter().map(|g| g.id.as_str()).collect();
                    bail!("there is no group \"{id}\"; this project's are: {}", known.join(", "));
                }
                Some(id)
            }
        };
        // Claims by id, once: a command may name thousands.
        let by_id: HashMap<&str, &Claim> = project.claims.iter().rev().map(|c| (c.id.as_str(), c)).collect();
        let mut edits = Vec::new();
        for claim_id in &claims {
            let Some(claim) = by_id.get(claim_id.as_str()) else {
                bail!("there is no claim \"{claim_id}\"");
            };
            let mut updated = (*claim).clone();
            updated.group = group.clone();
            updated.modified = Timestamp::now();
            edits.push(Edit::Claim(RecordEdit::Replace(updated)));
        }
        Ok((Edit::Batch(edits), ()))
    })?;
    say!("{}: {} regrouped", file.display(), crate::text::count(claims.len(), "claim"));
    Ok(ExitCode::SUCCESS)
}

/// `claimmark add-group`: adds a claim group under a name no other group has; prints its id.
pub(super) fn add_group(args: AddGroupArgs) -> Result<ExitCode> {
    let AddGroupArgs { file, name, notes } = args;
    let id = change_project(&file, |project, ids| {
        let name = name.trim().to_owned();
        if name.is_empty() {
            bail!("a group needs a name: a neutral wording of the shared claim");
        }
        if let Some(existing) = project.groups.iter().find(|g| g.name.trim().eq_ignore_ascii_case(&name)) {
            bail!(
                "group {} is already called \"{}\"; use its id with `mark --group`",
                existing.id,
                existing.name
            );
        }
        let group = ClaimGroup { id: GroupId::new(ids.next(prefix::GROUP)), name, notes };
        let id = group.id.clone();
        Ok((Edit::Group(Edit::append(group)), id))
    })?;
    say!("{id}");
    Ok(ExitCode::SUCCESS)
}

/// `claimmark mark`: marks the quoted text as a claim; prints the new claim's id.
pub(super) fn mark(args: MarkArgs) -> Result<ExitCode> {
    let file = args.file.clone();
    let id = change_project(&file, |project, ids| mark_edit(project, ids, args))?;
    say!("{id}");
    Ok(ExitCode::SUCCESS)
}

/// The edit that adds the claim `args` describe, made by [`edit::mark_claim`].
fn mark_edit(project: &Project, ids: &mut IdAllocator, args: MarkArgs) -> Result<(Edit, ClaimId)> {
    let document_id = DocumentId::new(args.document.as_str());
    // The document is looked up here only to find the quote; edit::mark_claim checks the
    // rest. A wrong kind is reported before a quote that is hard to place.
    let kind = LabelId::new(args.kind.as_str());
    edit::check_label(&project.taxonomy, LabelSet::ClaimKind, &kind)?;
    let span = match project.document(&document_id) {
        Some(document) => {
            quote_span(&document.text, &document_id, &args.quote, args.occurrence, args.partial_words)?
        }
        None => CharSpan::new(0, 0),
    };
    let mut request = ClaimRequest::new(document_id, span, kind);
    request.verdict = args.verdict.as_deref().map(LabelId::new);
    request.claimant = args.claimant;
    request.attribution = if args.attributed { Attribution::Attributed } else { Attribution::Asserted };
    request.sources = args
        .sources
        .iter()
        .map(|link| {
            let (source, relation) = link.split_once(':').unwrap_or((link, "cited"));
            SourceLink { source: SourceId::new(source), relation: LabelId::new(relation) }
        })
        .collect();
    request.frames = args.frames.iter().map(|f| LabelId::new(f.as_str())).collect();
    request.group = args.group.as_deref().map(GroupId::new);
    request.note = args.note;
    request.reviewer = args.reviewer;
    edit::mark_claim(project, ids, request, Timestamp::now()).map_err(|error| match error {
        MarkError::NoSource(_) => anyhow!("{error}; add it with `claimmark add-source`"),
        MarkError::NoGroup(_) => anyhow!("{error}; add it with `claimmark add-group`"),
        error => anyhow!(error),
    })
}

/// The span of `quote` in `text`: its only occurrence, or occurrence `occurrence` (from 1);
/// whole words unless `partial_words`.
fn quote_span(
    text: &str,
    document_id: &DocumentId,
    quote: &str,
    occurrence: Option<usize>,
    partial_words: bool,
) -> Result<CharSpan> {
    if quote.trim().is_empty() {
        bail!("the quote is empty; give the claim's exact text with --quote");
    }
    let starts: Vec<usize> = text.match_indices(quote).map(|(byte, _)| byte).collect();
    if starts.is_empty() {
        bail!("the quote does not occur in document {document_id}; copy it exactly, with its punctuation");
    }
    let byte = match (occurrence, starts.len()) {
        (None, 1) => starts[0],
        (None, n) => {
            bail!("the quote occurs {n} times in document {document_id}; say which with --occurrence 1..{n}")
        }
        (Some(k), n) if k == 0 || k > n => bail!("--occurrence {k}: the quote occurs {n} times"),
        (Some(k), _) => starts[k - 1],
    };
    if quote.trim() != quote {
        bail!("the quote starts or ends with white space; claims are trimmed, leave it out");
    }
    let before = text[..byte].chars().next_back();
    let after = text[byte + quote.len()..].chars().next();
    let inside_word = |outside: Option<char>, edge: Option<char>| {
        outside.is_some_and(char::is_alphanumeric) && edge.is_some_and(char::is_alphanumeric)
    };
    if !partial_words
        && (inside_word(before, quote.chars().next()) || inside_word(after, quote.chars().next_back()))
    {
        bail!(
            "the quote starts or ends inside a word; quote whole words (or pass --partial-words if you mean it)"
        );
    }
    let start = byte_to_char(text, byte).unwrap_or_default();
    Ok(CharSpan::new(start, start + quote.chars().count()))
}
