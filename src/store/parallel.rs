//! Loading and saving a big project on every core, byte for byte and record for record
//! the same as on one.
//!
//! Nearly all of a big project is its `documents` and `claims` lists, and their records
//! are independent. In the layout our writer gives a file (one field a line, strings
//! with their line breaks escaped) each list runs from the line `    claims: [` to the
//! line `    ],`, and each record starts with the line `        (`. So:
//!
//! - **parse**: the lists are cut at record starts into one part per core, each part is
//!   read by our [`reader`] on its own thread, and the rest of the file (the lists left
//!   empty) on another; the parts are joined in order. A file not in that layout
//!   (written by hand), or any part the reader declines, makes [`parse`] answer `None`,
//!   and the caller reads the whole text on one thread (with `ron` when our reader
//!   declines it, which also gives an error its line and column).
//! - **serialize**: the project without its two lists, and each part of the lists as
//!   the lines its records take in the file ([`writer::write_items`]), are written on
//!   their own threads, and the parts are spliced into the empty lists. The result
//!   equals `ron`'s output on one thread; the tests compare them byte for byte.

use super::{reader, writer};
use crate::model::{
    Claim, ClaimGroup, Conflict, Document, Outlet, Project, Rejection, Reviewer, Source, Taxonomy,
};
use serde::Serialize;
use std::ops::Range;

/// Below this size one thread is as fast as several.
pub const MIN_PARALLEL_BYTES: usize = 2 << 20;

/// One level of indentation in our files.
const INDENT: &str = writer::INDENTOR;

/// How many threads to use (the cores there are, at most 8).
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
}

/// The byte range of the body of the top-level list `name` in our writer's layout:
/// from after the line `    NAME: [` to the start of the line `    ],`.
fn list_body(text: &str, name: &str) -> Option<Range<usize>> {
    let open = format!("\n{INDENT}{name}: [\n");
    let start = text.find(&open)? + open.len();
    let close = format!("\n{INDENT}],\n");
    let end = text[start - 1..].find(&close)? + start;
    Some(start..end)
}

/// Cuts `body` (a list body) into at most `parts` pieces at record starts.
fn cut(body: &str, parts: usize) -> Vec<&str> {
    let record = format!("\n{INDENT}{INDENT}(\n");
    let mut pieces = Vec::with_capacity(parts);
    let mut start = 0;
    for k in 1..parts {
        let mut target = body.len() * k / parts;
        while !body.is_char_boundary(target) {
            target += 1;
        }
        if target <= start {
            continue;
        }
        let Some(found) = body[target..].find(&record) else {
            break;
        };
        let at = target + found + 1;
        pieces.push(&body[start..at]);
        start = at;
    }
    pieces.push(&body[start..]);
    pieces
}

/// Parses `text` (a current-format project) with its big lists on several threads;
/// `None` when the text is not in our writer's layout or a part is not for our
/// [`reader`].
pub fn parse(text: &str) -> Option<Project> {
    parse_with(text, MIN_PARALLEL_BYTES, threads())
}

/// [`parse`] for texts of at least `min_bytes`, on `threads` threads.
fn parse_with(text: &str, min_bytes: usize, threads: usize) -> Option<Project> {
    if text.len() < min_bytes || threads < 2 {
        return None;
    }
    let documents = list_body(text, "documents")?;
    let claims = list_body(text, "claims")?;
    if documents.end > claims.start {
        return None;
    }
    // The project with both lists left empty.
    let mut rest = String::with_capacity(text.len() - documents.len() - claims.len());
    rest.push_str(&text[..documents.start]);
    rest.push_str(&text[documents.end..claims.start]);
    rest.push_str(&text[claims.end..]);
    let document_parts = cut(&text[documents], (threads / 4).max(1));
    let claim_parts = cut(&text[claims], threads);
    std::thread::scope(|scope| {
        let document_tasks: Vec<_> = document_parts
            .iter()
            .map(|part| scope.spawn(|| reader::read_items::<Document>(part).ok()))
            .collect();
        let claim_tasks: Vec<_> =
            claim_parts.iter().map(|part| scope.spawn(|| reader::read_items::<Claim>(part).ok())).collect();
        let mut project: Project = reader::read(&rest).ok()?;
        if !project.documents.is_empty() || !project.claims.is_empty() {
            return None;
        }
        project.documents = joined(document_tasks)?;
        project.claims = joined(claim_tasks)?;
        Some(project)
    })
}

/// The lists the `tasks` read, joined in order (moved, into one allocation); `None` when
/// one of them was declined.
fn joined<T>(tasks: Vec<std::thread::ScopedJoinHandle<'_, Option<Vec<T>>>>) -> Option<Vec<T>> {
    let parts = tasks.into_iter().map(|task| task.join().ok().flatten()).collect::<Option<Vec<Vec<T>>>>()?;
    let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    parts.into_iter().for_each(|part| all.extend(part));
    Some(all)
}

/// The project's fields in the file's order, with the big lists borrowed (and left
/// empty for the skeleton): serializes exactly as [`Project`] does without struct names.
#[derive(Serialize)]
struct ProjectView<'a> {
    format: u32,
    name: &'a str,
    description: &'a str,
    taxonomy: &'a Taxonomy,
    outlets: &'a [Outlet],
    sources: &'a [Source],
    documents: &'a [Document],
    claims: &'a [Claim],
    groups: &'a [ClaimGroup],
    reviewers: &'a [Reviewer],
    conflicts: &'a [Conflict],
    #[serde(skip_serializing_if = "<[Rejection]>::is_empty")]
    rejections: &'a [Rejection],
}

/// The file's text for `project` (the header, then the project as our [`writer`]
/// writes it), with its big lists on several threads; `None` when it is small or
/// something in it is not for our writer (the caller then writes it on one thread).
pub fn serialize(project: &Project) -> Option<String> {
    serialize_with(project, MIN_PARALLEL_BYTES, threads())
}

/// [`serialize`] for projects of about `min_bytes` or more, on `threads` threads.
fn serialize_with(project: &Project, min_bytes: usize, threads: usize) -> Option<String> {
    let size: usize =
        project.documents.iter().map(|d| d.text.len()).sum::<usize>() + project.claims.len() * 600;
    if size < min_bytes || threads < 2 || project.claims.is_empty() || project.documents.is_empty() {
        return None;
    }
    let skeleton = ProjectView {
        format: project.format,
        name: &project.name,
        description: &project.description,
        taxonomy: &project.taxonomy,
        outlets: &project.outlets,
        sources: &project.sources,
        documents: &[],
        claims: &[],
        groups: &project.groups,
        reviewers: &project.reviewers,
        conflicts: &project.conflicts,
        rejections: &project.rejections,
    };
    let chunks = |len: usize, parts: usize| -> Vec<Range<usize>> {
        let step = len.div_ceil(parts.max(1)).max(1);
        (0..len).step_by(step).map(|start| start..(start + step).min(len)).collect()
    };
    let document_ranges = chunks(project.documents.len(), (threads / 4).max(1));
    let claim_ranges = chunks(project.claims.len(), threads);
    // The records of a top-level list, as they stand in the file: two levels in.
    fn part<T: Serialize>(items: &[T], bytes: usize) -> Option<String> {
        let mut out = String::with_capacity(bytes);
        writer::write_items(items, 2, &mut out).ok()?;
        Some(out)
    }
    let document_bytes =
        |r: &Range<usize>| project.documents[r.clone()].iter().map(|d| d.text.len() + 512).sum();
    let claim_bytes = |r: &Range<usize>| r.len() * 800;
    let (skeleton, documents, claims) = std::thread::scope(|scope| {
        let documents: Vec<_> = document_ranges
            .iter()
            .map(|r| scope.spawn(move || part(&project.documents[r.clone()], document_bytes(r))))
            .collect();
        let claims: Vec<_> = claim_ranges
            .iter()
            .map(|r| scope.spawn(move || part(&project.claims[r.clone()], claim_bytes(r))))
            .collect();
        let mut text = String::new();
        let skeleton = writer::write(&skeleton, &mut text).ok().map(|()| text);
        let join = |tasks: Vec<std::thread::ScopedJoinHandle<'_, Option<String>>>| {
            tasks.into_iter().map(|t| t.join().ok().flatten()).collect::<Option<Vec<String>>>()
        };
        (skeleton, join(documents), join(claims))
    });
    let (skeleton, documents, claims) = (skeleton?, documents?, claims?);
    let documents_empty = format!("\n{INDENT}documents: [],\n");
    let claims_empty = format!("\n{INDENT}claims: [],\n");
    let documents_at = skeleton.find(&documents_empty)?;
    let claims_at = skeleton.find(&claims_empty)?;
    if documents_at > claims_at {
        return None;
    }
    let parts_len = |parts: &[String]| parts.iter().map(String::len).sum::<usize>();
    let mut out = String::with_capacity(
        super::FILE_HEADER.len() + skeleton.len() + parts_len(&documents) + parts_len(&claims) + 64,
    );
    out.push_str(super::FILE_HEADER);
    out.push_str(&skeleton[..documents_at]);
    splice_list(&mut out, "documents", &documents);
    // From the comma after `[]`.
    out.push_str(&skeleton[documents_at + documents_empty.len() - 2..claims_at]);
    splice_list(&mut out, "claims", &claims);
    out.push_str(&skeleton[claims_at + claims_empty.len() - 2..]);
    out.push('\n');
    Some(out)
}

/// Appends `\n    NAME: [\n`, the list's lines `parts` and `    ]`.
fn splice_list(out: &mut String, name: &str, parts: &[String]) {
    out.push('\n');
    out.push_str(INDENT);
    out.push_str(name);
    out.push_str(": [\n");
    for part in parts {
        out.push_str(part);
    }
    out.push_str(INDENT);
    out.push(']');
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::generate::{GeneratedSize, generate_project};

    fn big() -> Project {
        let size = GeneratedSize {
            documents: 40,
            text_bytes: 20_000,
            claims: 6_000,
            outlets: 5,
            groups: 30,
            sources: 8,
        };
        generate_project(11, size)
    }

    /// [`big`] with an accepted suggestion and a rejected one: both fields written.
    fn decided() -> Project {
        let mut decided = big();
        decided.claims[7].origin = crate::model::Origin::Suggested;
        let claim = &decided.claims[9];
        let rejection = crate::model::Rejection {
            document: claim.document.clone(),
            span: claim.span,
            kind: claim.kind.clone(),
            reviewer: None,
            at: claim.created.clone(),
        };
        decided.rejections.push(rejection);
        decided
    }

    #[test]
    fn the_parallel_output_is_the_one_thread_output_byte_for_byte() {
        for project in [big(), crate::sample::sample_project().unwrap(), decided()] {
            let one = super::super::to_ron_string_with_ron(&project).unwrap();
            // At every size, on 2 and on 3 threads (parts of unequal length).
            for threads in [2, 3] {
                let many = serialize_with(&project, 0, threads).unwrap();
                if one != many {
                    let at = one
                        .bytes()
                        .zip(many.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(one.len().min(many.len()));
                    let from = one.floor_char_boundary(at.saturating_sub(200));
                    panic!(
                        "outputs differ for {} on {threads} threads at byte {at}:\n--- one thread:\n{}\n--- parallel:\n{}",
                        project.name,
                        &one[from..one.floor_char_boundary((at + 200).min(one.len()))],
                        &many[from..many.floor_char_boundary((at + 200).min(many.len()))]
                    );
                }
            }
        }
    }

    #[test]
    fn the_parallel_parse_gives_the_same_project_and_declines_other_layouts() {
        for project in [big(), crate::sample::sample_project().unwrap(), decided()] {
            let text = super::super::to_ron_string_with_ron(&project).unwrap();
            for threads in [2, 3, 8] {
                assert_eq!(parse_with(&text, 0, threads).unwrap(), project, "{threads} threads");
            }
        }
        let text = super::super::to_ron_string_with_ron(&big()).unwrap();
        // Not our layout (a list's first record on its opening line): declined, not misread.
        let squeezed = text.replacen("\n    claims: [\n", "\n    claims: [", 1);
        assert!(parse_with(&squeezed, 0, 2).is_none());
        // A broken record: declined, so that the one-thread parse reports it.
        let broken = text.replacen("kind: \"", "kind: ", 1);
        assert!(parse_with(&broken, 0, 2).is_none());
    }
}
