//! The growth series: every operation a user runs on a whole project, timed on 0.1, 1
//! and 10 MB of text with 1,000, 10,000 and 100,000 claims, and its growth factor per
//! 10x. A linear operation grows about 10x; a factor above 12 is marked as a defect.
//! Load and save of the project file and the app's frames are `benches/store.rs` and
//! `benches/frame.rs`. `cargo bench --bench growth`.
//!
//! `GROWTH_ONLY=undo,merge cargo bench --bench growth` times only the operations whose
//! name contains one of those words (to profile one with `perf record`), prints them and
//! leaves BENCHMARKS.md as it is. `GROWTH_PASSES=n` runs the series n times (2 by
//! default) and keeps each cell's fastest pass.
//!
//! The texts are the real corpus (`../shared/corpus`), concatenated to size: both the
//! number of documents and their length grow by √10 per step (10 documents of 10 KB, 32
//! of 31 KB, 100 of 100 KB), so that work quadratic in either shows. Claims do not
//! overlap and start and end on word boundaries; a tenth of them link one of two sources
//! of the same report (for the merge), a fifth are in a group.

mod common;

use claimmark::anchor::{CharIndex, CharSpan, QuoteSelector};
use claimmark::compare::{self, Dimension, Measure};
use claimmark::detect::suggestions;
use claimmark::edit::{self, ClaimRequest, Edit};
use claimmark::generate::Rng;
use claimmark::interop::{self, ExportOptions, Format};
use claimmark::model::{
    Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, IdAllocator, LabelId, Outlet,
    OutletId, Project, Reviewer, ReviewerId, Source, SourceId, SourceKind, SourceLink, Taxonomy, Timestamp,
};
use claimmark::stats::ProjectStats;
use claimmark::store::integrity;
use claimmark::suggest::SuggestIndex;
use claimmark::team::adjudicate;
use claimmark::team::agree::report::Report;
use common::{Timing, full_run, machine, today, write_section};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A factor per 10x above this is a defect: linear work grows 10x, and a little more
/// once the data leave the caches.
const DEFECT: f64 = 12.0;

/// One step of the series.
#[derive(Clone, Copy)]
struct Size {
    text_bytes: usize,
    documents: usize,
    claims: usize,
    runs: usize,
}

impl Size {
    fn label(self) -> String {
        let megabytes = self.text_bytes as f64 / 1e6;
        let claims =
            if self.claims >= 1000 { format!("{}k", self.claims / 1000) } else { self.claims.to_string() };
        format!("{megabytes} MB / {claims}")
    }
}

fn sizes() -> Vec<Size> {
    if full_run() {
        vec![
            Size { text_bytes: 100_000, documents: 10, claims: 1_000, runs: 7 },
            Size { text_bytes: 1_000_000, documents: 32, claims: 10_000, runs: 5 },
            Size { text_bytes: 10_000_000, documents: 100, claims: 100_000, runs: 3 },
        ]
    } else {
        vec![
            Size { text_bytes: 10_000, documents: 3, claims: 100, runs: 1 },
            Size { text_bytes: 100_000, documents: 10, claims: 1_000, runs: 1 },
        ]
    }
}

/// The corpus texts, in a fixed order.
fn corpus() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus at ../shared/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("a corpus text")).collect()
}

/// Document `n`'s text: a heading that makes it unique (an import matches equal texts),
/// then corpus texts from the `n`-th on, joined by blank lines, cut at a space near
/// `bytes`.
fn document_text(corpus: &[String], n: usize, bytes: usize) -> String {
    let mut text = format!("Capture {} of the archive\n\n", n + 1);
    let mut next = n;
    while text.len() < bytes {
        text.push_str(corpus[next % corpus.len()].trim());
        text.push_str("\n\n");
        next += 1;
    }
    let bytes = text.floor_char_boundary(bytes);
    let cut = text[..bytes].rfind(char::is_whitespace).unwrap_or(bytes);
    text.truncate(cut);
    text
}

/// The char spans of the words (runs of non-white-space) of `text`.
fn words(text: &str) -> Vec<CharSpan> {
    let mut words = Vec::new();
    let mut start = None;
    let mut count = 0;
    for (i, c) in text.chars().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push(CharSpan::new(s, i));
                start = None;
            }
            _ => {}
        }
        count = i + 1;
    }
    if let Some(s) = start {
        words.push(CharSpan::new(s, count));
    }
    words
}

/// The project of one step of the series (seeded, the same every run).
fn corpus_project(corpus: &[String], size: Size) -> Project {
    let mut rng = Rng::new(11);
    let taxonomy = Taxonomy::builtin();
    let ids = |labels: &[claimmark::model::Label]| -> Vec<LabelId> {
        labels.iter().map(|l| l.id.clone()).collect()
    };
    let (kinds, verdicts, frames) =
        (ids(&taxonomy.claim_kinds), ids(&taxonomy.verdicts), ids(&taxonomy.frames));
    let (affiliations, relations) = (ids(&taxonomy.affiliations), ids(&taxonomy.source_relations));
    let mut project = Project::new("growth", taxonomy);
    project.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-1"), name: "desk".into() });
    let outlets = (size.documents / 3).max(2);
    for i in 1..=outlets {
        project.outlets.push(Outlet {
            id: OutletId::new(format!("outlet-{i}")),
            name: format!("Outlet {i}"),
            domain: Some(format!("outlet{i}.example")),
            country: None,
            affiliation: rng.pick(&affiliations).clone(),
            owner: None,
            notes: String::new(),
        });
    }
    // Sources 1 and 2 are the same report entered twice: the merge joins them.
    let sources = (size.claims / 100).max(3);
    for i in 1..=sources {
        project.sources.push(Source {
            id: SourceId::new(format!("source-{i}")),
            title: if i <= 2 { "Ministry statement".into() } else { format!("Report {i}") },
            url: Some(format!("https://reports.example/{i}")),
            publisher: None,
            kind: SourceKind::Report,
            notes: String::new(),
        });
    }
    let groups = (size.claims / 50).max(2);
    for i in 1..=groups {
        project.groups.push(ClaimGroup {
            id: GroupId::new(format!("group-{i}")),
            name: format!("Shared claim {i}"),
            notes: String::new(),
        });
    }
    let created = Timestamp::from_unix(1_763_900_000);
    let mut claim_number = 0;
    for d in 0..size.documents {
        let text = document_text(corpus, d, size.text_bytes / size.documents);
        let document_id = DocumentId::new(format!("doc-{}", d + 1));
        let index = CharIndex::new(&text);
        let words = words(&text);
        let here = size.claims / size.documents + usize::from(d < size.claims % size.documents);
        // One claim in each of `here` equal slots of words, from the slot's first word.
        let slot = words.len() / here.max(1);
        assert!(slot >= 2, "a text of {} words cannot hold {here} claims", words.len());
        for c in 0..here {
            let first = c * slot;
            let last = first + rng.below(slot.min(12) - 1);
            let span = CharSpan::new(words[first].start, words[last].end);
            let quote = QuoteSelector::capture_indexed(&index, span).expect("a span inside the text");
            claim_number += 1;
            let mut claim = Claim::new(
                ClaimId::new(format!("claim-{claim_number}")),
                document_id.clone(),
                span,
                quote,
                rng.pick(&kinds).clone(),
                rng.pick(&verdicts).clone(),
                created.clone(),
            );
            claim.claimant = format!("Speaker {}", rng.below(300));
            claim.attribution =
                if rng.below(2) == 0 { Attribution::Asserted } else { Attribution::Attributed };
            let source = match rng.below(10) {
                0 => Some(1 + rng.below(2)),
                1 | 2 => Some(3 + rng.below(sources - 2)),
                _ => None,
            };
            claim.sources = source
                .map(|s| SourceLink {
                    source: SourceId::new(format!("source-{s}")),
                    relation: rng.pick(&relations).clone(),
                })
                .into_iter()
                .collect();
            claim.frames = vec![rng.pick(&frames).clone()];
            claim.group =
                (rng.below(5) == 0).then(|| GroupId::new(format!("group-{}", 1 + rng.below(groups))));
            claim.reviewer = Some(ReviewerId::new("reviewer-1"));
            project.claims.push(claim);
        }
        let mut document = Document::new(document_id, format!("Capture {}", d + 1), text);
        document.outlet = Some(OutletId::new(format!("outlet-{}", 1 + d % outlets)));
        document.url = Some(format!("https://outlet.example/{}", d + 1));
        document.published = Some("2024-07-14".into());
        project.documents.push(document);
    }
    assert!(integrity::check(&project).is_empty(), "the workload is a sound project");
    project
}

/// What `claimmark import` does after reading its files: merge, apply, check (not save).
fn import(format: Format, path: &Path, into: &Project) -> (Project, Edit) {
    let parsed = interop::read_import_into(format, path, into, None).expect("an importable export");
    let mut ids = IdAllocator::for_project(into);
    let (edit, _report) = interop::merge_import(into, &mut ids, parsed, false).expect("an import");
    let mut project = into.clone();
    let inverse = edit.apply(&mut project).expect("the import applies");
    assert!(integrity::check(&project).is_empty(), "{} import breaks the project", format.id());
    (project, inverse)
}

/// Whether to run again after `times`: at least `runs` runs, and more (up to 50) while
/// they took under half a second in all, so that quick operations are timed often
/// enough to see past the other work of a shared machine.
/// As a smoke test (`cargo test --benches`), `runs` runs only.
fn again(times: &[Duration], runs: usize) -> bool {
    let spent: Duration = times.iter().sum();
    times.len() < runs.max(1) || (full_run() && times.len() < 50 && spent < Duration::from_millis(500))
}

/// Evicts the processor's caches: writes a buffer twice the size of the last-level
/// cache. Every run starts with the project in memory and not in the caches, as a
/// user's single command finds it; otherwise a quick operation repeated on a 1 MB project
/// (7 MB in memory) runs from the cache while the same on 10 MB cannot, and the growth
/// factor measures the cache's size instead of the operation.
fn evict_caches() {
    static BUFFER: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    let buffer = BUFFER.get_or_init(|| {
        let cache = std::fs::read_to_string("/sys/devices/system/cpu/cpu0/cache/index3/size")
            .ok()
            .and_then(|s| s.trim().strip_suffix('K').and_then(|k| k.parse::<usize>().ok()))
            .map_or(32 << 20, |kilobytes| kilobytes << 10);
        Mutex::new(vec![0; 2 * cache])
    });
    let mut buffer = buffer.lock().expect("the buffer");
    for line in buffer.chunks_mut(64) {
        line[0] = line[0].wrapping_add(1);
    }
    std::hint::black_box(&mut *buffer);
}

/// Times `f` (see [`again`] for how often).
fn sample<T>(runs: usize, mut f: impl FnMut() -> T) -> Timing {
    let mut times = Vec::new();
    while again(&times, runs) {
        evict_caches();
        let start = Instant::now();
        std::hint::black_box(f());
        times.push(start.elapsed());
    }
    timing_of(times)
}

/// Times `change` (which changes the project and returns the edit that undoes it), and
/// undoes it untimed after each run.
fn measure_edit(runs: usize, project: &mut Project, mut change: impl FnMut(&mut Project) -> Edit) -> Timing {
    let mut times = Vec::new();
    while again(&times, runs) {
        evict_caches();
        let start = Instant::now();
        let inverse = change(project);
        times.push(start.elapsed());
        inverse.apply(project).expect("undo");
    }
    timing_of(times)
}

fn timing_of(mut times: Vec<Duration>) -> Timing {
    times.sort();
    Timing { median: times[times.len() / 2], fastest: times[0], runs: times.len() }
}

/// The words of `GROWTH_ONLY` (comma-separated), when it is set.
fn only() -> Option<Vec<String>> {
    let words = std::env::var("GROWTH_ONLY").ok()?;
    Some(words.split(',').map(str::trim).filter(|w| !w.is_empty()).map(str::to_owned).collect())
}

/// Whether to time the operation `what` (see [`only`]).
fn wanted(what: &str) -> bool {
    only().is_none_or(|words| words.iter().any(|w| what.contains(w.as_str())))
}

/// Times `f` as the row `what` when it is [`wanted`].
fn row<T>(rows: &mut Vec<(String, Timing)>, what: &str, runs: usize, f: impl FnMut() -> T) {
    if wanted(what) {
        rows.push((what.to_owned(), sample(runs, f)));
    }
}

/// Every operation at one size, in the table's order.
fn operations(project: &Project, size: Size, dir: &Path) -> Vec<(String, Timing)> {
    let runs = size.runs;
    let mut rows: Vec<(String, Timing)> = Vec::new();
    let options = ExportOptions { with_text: true, ..ExportOptions::default() };
    let mut exported: Vec<(Format, PathBuf)> = Vec::new();
    let empty = Project::new("imported", Taxonomy::builtin());
    let import_row = |format: Format| format!("import {} into a new project", format.id());
    for format in Format::ALL {
        let out = dir.join(format!("export-{}.{}", format.id(), format.extension()));
        let export = || interop::export_to_path(project, format, &options, None, &out, None).expect("export");
        let what = format!("export {}", format.id());
        // The imports and the undo read the exports: written untimed when not timed.
        let read_later =
            format.importable() && (wanted(&import_row(format)) || wanted("undo the jsonl import"));
        if wanted(&what) {
            row(&mut rows, &what, runs, export);
        } else if read_later {
            export();
        }
        exported.push((format, out));
    }
    for (format, path) in exported.iter().filter(|(f, _)| f.importable()) {
        row(&mut rows, &import_row(*format), runs, || import(*format, path, &empty));
    }
    // The import undone and done again, as the app's undo and redo apply it.
    let (jsonl, _) = &exported[0];
    assert_eq!(*jsonl, Format::Jsonl);
    if wanted("undo the jsonl import") {
        let (mut imported, mut undo) = import(Format::Jsonl, &exported[0].1, &empty);
        let mut times = Vec::new();
        while again(&times, runs) {
            // As the app's history does: the edit moves in, its inverse comes out.
            evict_caches();
            let start = Instant::now();
            let redo = undo.apply(&mut imported).expect("undo the import");
            times.push(start.elapsed());
            undo = redo.apply(&mut imported).expect("redo the import");
        }
        rows.push(("undo the jsonl import".into(), timing_of(times)));
    }
    // A relabelled export coming back: every other claim with another kind.
    let what = "import a relabelled jsonl into its project (updates)";
    if wanted(what) {
        let mut relabelled = project.clone();
        let kinds: Vec<LabelId> = project.taxonomy.claim_kinds.iter().map(|k| k.id.clone()).collect();
        for (i, claim) in relabelled.claims.iter_mut().enumerate().filter(|(i, _)| i % 2 == 0) {
            let at = kinds.iter().position(|k| *k == claim.kind).unwrap_or(0);
            claim.kind = kinds[(at + 1 + i % (kinds.len() - 1)) % kinds.len()].clone();
        }
        let back = dir.join("relabelled.jsonl");
        interop::export_to_path(&relabelled, Format::Jsonl, &options, None, &back, None).expect("export");
        drop(relabelled);
        row(&mut rows, what, runs, || import(Format::Jsonl, &back, project));
    }

    row(&mut rows, "integrity check", runs, || integrity::check(project));
    row(&mut rows, "stats", runs, || ProjectStats::of(project));
    row(&mut rows, "compare: report (counts, statistics, coverage, group views)", runs, || {
        compare::Report::new(project, Dimension::Affiliation, Measure::Frame)
    });
    // By affiliation, whose rows are the same at every size: by outlet the rows grow with
    // the project (3, 10, 33 outlets), and the pairs of rows with their square, which
    // `benches/compare.rs` times on its own (780 pairs of 40 outlets).
    let what = "compare: statistics by affiliation against verdict (claims, then documents)";
    if wanted(what) {
        let comparison = compare::compare(project, Dimension::Affiliation, Measure::Verdict);
        row(&mut rows, what, runs, || {
            [compare::Unit::Claims, compare::Unit::Documents]
                .map(|unit| compare::inference::statistics(project, &comparison, unit, None))
        });
    }
    let what = "compare: framing diffs of every group";
    if wanted(what) {
        let views = compare::group_views(project);
        row(&mut rows, what, runs, || compare::framing_diffs(&views));
    }
    let report = compare::Report::new(project, Dimension::Affiliation, Measure::Frame);
    row(&mut rows, "compare: table", runs, || compare::output::table(project, &report));
    row(&mut rows, "compare: csv", runs, || compare::output::csv(&report));
    row(&mut rows, "compare: json", runs, || compare::output::json(project, &report).expect("json"));
    row(&mut rows, "compare: html", runs, || compare::html::html(project, &report));
    drop(report);
    row(&mut rows, "suggestions: build the index", runs, || SuggestIndex::new(project));
    let what = "suggestions: 100 queries";
    if wanted(what) {
        let index = SuggestIndex::new(project);
        let step = (project.claims.len() / 100).max(1);
        row(&mut rows, what, runs, || {
            (0..project.claims.len())
                .step_by(step)
                .map(|c| index.suggest(project, c, 10).len())
                .sum::<usize>()
        });
    }

    // Two reviewers (every other claim the second's): the Reviewers view's figures and
    // the steps of settling their marks.
    let adjudication = [
        "agreement: report of two reviewers",
        "adjudication: places of one document",
        "adjudication: accept one claim (the edit)",
    ];
    if adjudication.iter().any(|w| wanted(w)) {
        let mut two = project.clone();
        two.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-2"), name: "second".into() });
        for claim in two.claims.iter_mut().skip(1).step_by(2) {
            claim.reviewer = Some(ReviewerId::new("reviewer-2"));
        }
        let (first, second) = (ReviewerId::new("reviewer-1"), ReviewerId::new("reviewer-2"));
        row(&mut rows, adjudication[0], runs, || Report::new(&two, None, None));
        // The document of the middle claim, and that claim.
        let middle = two.claims[two.claims.len() / 2].clone();
        row(&mut rows, adjudication[1], runs, || adjudicate::places(&two, &middle.document, &first, &second));
        let mut ids = IdAllocator::for_project(&two);
        let at = Timestamp::from_unix(1_764_000_000);
        row(&mut rows, adjudication[2], runs.max(5), || {
            adjudicate::accept(&two, &mut ids, &middle.id, None, Some("editor"), at.clone()).expect("a claim")
        });
    }

    // The claim detector in a project: its ranker trained on every claim (the texts
    // read for candidates), and the suggestions of the middle claim's document.
    row(&mut rows, "detector: train the ranker on the project", runs, || suggestions::train(project));
    let what = "detector: suggestions of one document";
    if wanted(what) {
        let ranker = suggestions::train(project);
        let middle = &project.claims[project.claims.len() / 2].document;
        let document = project.document(middle).expect("the claim's document");
        row(&mut rows, what, runs, || suggestions::suggestions(project, document, &ranker, 0.3).len());
    }

    let mut project = project.clone();
    let now = Timestamp::from_unix(1_764_000_000);
    let (source_1, source_2) = (SourceId::new("source-1"), SourceId::new("source-2"));
    let what = "merge two sources (a tenth of the claims)";
    if wanted(what) {
        let timing = measure_edit(runs, &mut project, |p| {
            let merge = edit::records::merge_sources(p, &source_2, &source_1, &now).expect("two sources");
            merge.apply(p).expect("merge")
        });
        rows.push((what.into(), timing));
    }
    let what = "delete a source (a twentieth of the claims)";
    if wanted(what) {
        let timing = measure_edit(runs, &mut project, |p| {
            let delete = edit::records::delete_source(p, &source_1, &now).expect("a source");
            delete.apply(p).expect("delete")
        });
        rows.push((what.into(), timing));
    }
    let what = "merge two outlets";
    if wanted(what) {
        let timing = measure_edit(runs, &mut project, |p| {
            let outlet = OutletId::new("outlet-1");
            let merge =
                edit::records::merge_outlets(p, &OutletId::new("outlet-2"), &outlet).expect("two outlets");
            merge.apply(p).expect("merge")
        });
        rows.push((what.into(), timing));
    }
    // Rejecting a suggestion: a span of the first document, a hundred times over (a
    // project keeps a rejection per decision).
    let what = "detector: reject a suggestion (after 100)";
    if wanted(what) {
        let document = project.documents[0].clone();
        let mut ids = IdAllocator::for_project(&project);
        let candidates = claimmark::detect::candidates(&document.text);
        for candidate in candidates.iter().take(100) {
            let reject =
                suggestions::reject(&project, &mut ids, &document, candidate, Some("reviewer"), now.clone());
            reject.apply(&mut project).expect("reject");
        }
        let candidate = candidates.get(100).or(candidates.last()).expect("a candidate").clone();
        let timing = measure_edit(runs.max(5), &mut project, |p| {
            let reject =
                suggestions::reject(p, &mut ids, &document, &candidate, Some("reviewer"), now.clone());
            reject.apply(p).expect("reject")
        });
        rows.push((what.into(), timing));
    }
    // A claim on the last document's last span, with another kind than the one there.
    let what = "mark one claim";
    let Some(last) = project.claims.last().cloned().filter(|_| wanted(what)) else { return rows };
    let kind = project.taxonomy.claim_kinds.iter().map(|k| k.id.clone()).find(|k| *k != last.kind);
    let kind = kind.expect("two kinds");
    let mut ids = IdAllocator::for_project(&project);
    let timing = measure_edit(runs.max(5), &mut project, |p| {
        let request = ClaimRequest::new(last.document.clone(), last.span, kind.clone());
        let (mark, _) = edit::mark_claim(p, &mut ids, request, now.clone()).expect("a new claim");
        mark.apply(p).expect("mark")
    });
    rows.push((what.into(), timing));
    rows
}

/// How many times the whole series runs; each cell keeps its fastest pass. A pass
/// through all sizes takes two minutes, and other work on this shared machine slows
/// whole stretches of one by a quarter (once all the 10 MB imports of a run).
fn passes() -> usize {
    let asked = std::env::var("GROWTH_PASSES").ok().and_then(|n| n.parse().ok());
    if full_run() { asked.unwrap_or(2).max(1) } else { 1 }
}

fn main() {
    let corpus = corpus();
    let sizes = sizes();
    let projects: Vec<Project> = sizes.iter().map(|size| corpus_project(&corpus, *size)).collect();
    let mut table: Vec<(String, Vec<Timing>)> = Vec::new();
    for pass in 1..=passes() {
        for (k, (size, project)) in sizes.iter().zip(&projects).enumerate() {
            let started = Instant::now();
            let dir = tempfile::tempdir().expect("a temporary folder");
            for (i, (what, timing)) in operations(project, *size, dir.path()).into_iter().enumerate() {
                let fastest = timing.fastest.as_secs_f64() * 1000.0;
                println!(
                    "{:<14} {what:<56} fastest {fastest:>9.2} ms, median {:>9.2} ms (of {})",
                    size.label(),
                    timing.median_ms(),
                    timing.runs
                );
                match table.get_mut(i) {
                    None => table.push((what, vec![timing])),
                    Some((_, timings)) => match timings.get_mut(k) {
                        None => timings.push(timing),
                        Some(kept) => {
                            let runs = kept.runs + timing.runs;
                            if timing.fastest < kept.fastest {
                                *kept = timing;
                            }
                            kept.runs = runs;
                        }
                    },
                }
            }
            println!("pass {pass}, {}: {:.1} s in all", size.label(), started.elapsed().as_secs_f64());
        }
    }
    if !full_run() || only().is_some() {
        return;
    }
    let mut section = String::new();
    let _ = writeln!(section, "## Growth: every operation on 0.1, 1 and 10 MB\n");
    let _ = writeln!(
        section,
        "Projects built from the real corpus texts concatenated to size (10 documents of 10 KB, \
         32 of 31 KB, 100 of 100 KB) with 1k, 10k and 100k non-overlapping claims on word \
         boundaries (a fifth in groups, a tenth linking one of two entries of the same source). \
         Each time is the fastest of at least 7, 5 and 3 runs (quick operations run again, \
         up to 50 times, until they have taken half a second) in each of {} passes through \
         all sizes, which other work on the machine disturbs least. Before each run the processor's caches are emptied (a buffer \
         twice the last-level cache is written): a run finds the project in memory, as a \
         user's single command does, and not in the cache from the run before, which a 1 MB \
         project fits and a 10 MB one does not. Imports read, merge, apply and check (no save); exports \
         write a file. ×10 is the growth from one size to the next (10x text and claims): \
         linear work grows about 10x, above {DEFECT} is a defect (✘).\n",
        passes()
    );
    let _ = writeln!(section, "Measured {} on {}.\n", today(), machine());
    let header: Vec<String> = sizes.iter().map(|s| s.label()).collect();
    let _ = writeln!(section, "| operation | {} | ×10 | ×10 |", header.join(" | "));
    let _ = writeln!(section, "|---|{}---|---|", "---|".repeat(sizes.len()));
    for (what, timings) in &table {
        let times: Vec<String> = timings.iter().map(|t| format_time(t.fastest)).collect();
        let factors: Vec<String> = timings
            .windows(2)
            .map(|w| {
                let factor = w[1].fastest.as_secs_f64() / w[0].fastest.as_secs_f64().max(1e-9);
                format!("{factor:.1}{}", if factor > DEFECT { " ✘" } else { "" })
            })
            .collect();
        let _ = writeln!(section, "| {what} | {} | {} |", times.join(" | "), factors.join(" | "));
    }
    write_section("growth", &section);
}

fn format_time(time: Duration) -> String {
    let ms = time.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else if ms >= 10.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.2} ms")
    }
}
