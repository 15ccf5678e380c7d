//! Correcting a document's text: the property of `claimmark::edit::set_text` (after
//! random edits to a text with claims, every claim whose quoted words survive untouched
//! lands on the same words, every other claim is flagged for re-anchoring, and none is
//! lost, through a first correction and a second on top of it; undo gives the project
//! back exactly), and `claimmark set-text` run as a program
//! on the sample.
//!
//! In the property test the text is a row of distinct made-up words; the edits insert fresh words, delete
//! words, and change words a little (a letter added, dropped or changed, as a typo fix
//! does), each at a word's place. The test follows every word of the first text through
//! the edits, so it knows where each claim's words are afterwards without looking at
//! the library's difference.
#![allow(clippy::unwrap_used)]

mod common;

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::edit::set_text;
use claimmark::model::{Claim, ClaimId, Document, DocumentId, LabelId, Project, Taxonomy, Timestamp};
use common::{claimmark, printed};
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::Path;

/// One word of the text: its letters, the word of the first text it is (none for an
/// inserted word or a changed one), and what follows it.
#[derive(Clone, Debug)]
struct Word {
    letters: String,
    origin: Option<usize>,
    separator: &'static str,
}

#[derive(Clone, Debug)]
enum Change {
    /// Insert `count` fresh words before word `at` (of the text as it is then).
    Insert { at: usize, count: usize },
    /// Delete `count` words from word `at`.
    Delete { at: usize, count: usize },
    /// Change word `at` a little.
    Typo { at: usize, how: u8 },
}

fn render(words: &[Word]) -> String {
    let mut text = String::new();
    for (i, word) in words.iter().enumerate() {
        text.push_str(&word.letters);
        if i + 1 < words.len() {
            text.push_str(word.separator);
        }
    }
    text
}

/// Char span of words `first..=last` in `words`.
fn span_of(words: &[Word], first: usize, last: usize) -> CharSpan {
    let mut at = 0;
    let mut start = 0;
    for (i, word) in words.iter().enumerate() {
        if i == first {
            start = at;
        }
        at += word.letters.chars().count();
        if i == last {
            return CharSpan::new(start, at);
        }
        at += word.separator.chars().count();
    }
    unreachable!("word {last} is past the text")
}

struct Fresh {
    used: HashSet<String>,
    next: u64,
}

impl Fresh {
    /// A word used nowhere before, made from `seed`.
    fn word(&mut self, seed: u64) -> String {
        const LETTERS: &[char] = &['a', 'e', 'i', 'o', 'u', 'k', 'l', 'm', 'n', 'r', 's', 't', 'ü', 'ş'];
        loop {
            self.next += 1;
            let mut x = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(self.next.wrapping_mul(1442695040888963407));
            let len = 3 + (x % 6) as usize;
            let mut word = String::new();
            for _ in 0..len {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                word.push(LETTERS[((x >> 33) % LETTERS.len() as u64) as usize]);
            }
            if self.used.insert(word.clone()) {
                return word;
            }
        }
    }
}

fn apply(words: &mut Vec<Word>, change: &Change, fresh: &mut Fresh, seed: u64) {
    match *change {
        Change::Insert { at, count } => {
            let at = at % (words.len() + 1);
            for k in 0..count {
                let word = Word { letters: fresh.word(seed + k as u64), origin: None, separator: " " };
                words.insert(at + k, word);
            }
        }
        Change::Delete { at, count } => {
            if words.len() > 1 {
                let at = at % words.len();
                let end = (at + count).min(words.len() - 1).max(at + 1);
                words.drain(at..end);
            }
        }
        Change::Typo { at, how } => {
            let at = at % words.len();
            let word = &mut words[at];
            fresh.used.insert(word.letters.clone());
            let mut letters: Vec<char> = word.letters.chars().collect();
            match how % 3 {
                0 => letters.push('x'),
                1 if letters.len() > 1 => {
                    letters.pop();
                }
                _ => letters[0] = if letters[0] == 'q' { 'z' } else { 'q' },
            }
            let mut letters: String = letters.into_iter().collect();
            // Never back to a word the text had (a letter added, then dropped): the
            // test could not tell the word came back.
            while !fresh.used.insert(letters.clone()) {
                letters.push('x');
            }
            word.letters = letters;
            word.origin = None;
        }
    }
}

fn claim(id: usize, text: &str, span: CharSpan) -> Claim {
    let quote = QuoteSelector::capture(text, span).unwrap();
    Claim::new(
        ClaimId::new(format!("claim-{id}")),
        DocumentId::new("doc"),
        span,
        quote,
        LabelId::new("statistic"),
        LabelId::new("unverified"),
        Timestamp("2026-11-30T00:00:00Z".into()),
    )
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..200usize, 1..4usize).prop_map(|(at, count)| Change::Insert { at, count }),
        (0..200usize, 1..4usize).prop_map(|(at, count)| Change::Delete { at, count }),
        (0..200usize, 0..3u8).prop_map(|(at, how)| Change::Typo { at, how }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn claims_on_untouched_words_land_on_them_and_every_other_claim_is_flagged(
        word_count in 3..60usize,
        separators in proptest::collection::vec(0..10u8, 60),
        claims in proptest::collection::vec((0..60usize, 0..4usize), 1..12),
        changes in proptest::collection::vec(change(), 1..6),
        second in proptest::collection::vec(change(), 0..4),
        seed in any::<u64>(),
    ) {
        let mut fresh = Fresh { used: HashSet::new(), next: 0 };
        let mut words: Vec<Word> = (0..word_count)
            .map(|i| Word {
                letters: fresh.word(seed ^ i as u64),
                origin: Some(i),
                separator: match separators[i] { 0 => ", ", 1 => ". ", 2 => "\n\n", _ => " " },
            })
            .collect();
        let old_text = render(&words);
        let spans: Vec<(usize, usize)> =
            claims.iter().map(|&(first, len)| (first % word_count, (first % word_count + len).min(word_count - 1))).collect();
        let mut project = Project::new("p", Taxonomy::builtin());
        project.documents.push(Document::new(DocumentId::new("doc"), "Doc", old_text.as_str()));
        for (i, &(first, last)) in spans.iter().enumerate() {
            project.claims.push(claim(i, &old_text, span_of(&words, first, last)));
        }
        let before = project.clone();

        for (k, change) in changes.iter().enumerate() {
            apply(&mut words, change, &mut fresh, seed.wrapping_add(1000 * k as u64));
        }
        let new_text = render(&words);
        let at = Timestamp("2026-12-01T00:00:00Z".into());
        let report = set_text(&project, &DocumentId::new("doc"), &new_text, &at, None).unwrap();
        let mut counts = (report.unchanged, report.moved + report.restored, report.flagged.len());
        let undo = report.edit.map(|edit| edit.apply(&mut project).unwrap());
        // A second correction on top of the first (none when `second` is empty): a claim
        // flagged by the first stays flagged, however its replacement moves.
        let after_first = project.clone();
        for (k, change) in second.iter().enumerate() {
            apply(&mut words, change, &mut fresh, seed.wrapping_add(77_000 + 1000 * k as u64));
        }
        let new_text = render(&words);
        if new_text != *project.documents[0].text {
            let again = set_text(&project, &DocumentId::new("doc"), &new_text, &at, None).unwrap();
            counts = (again.unchanged, again.moved + again.restored, again.flagged.len());
            if let Some(edit) = again.edit {
                edit.apply(&mut project).unwrap();
            }
        }

        prop_assert_eq!(project.claims.len(), spans.len(), "no claim is lost");
        prop_assert_eq!(counts.0 + counts.1 + counts.2, spans.len());
        let chars: Vec<char> = new_text.chars().collect();
        for (i, &(first, last)) in spans.iter().enumerate() {
            let claim = project.claims.iter().find(|c| c.id.as_str() == format!("claim-{i}")).unwrap();
            // Where the claim's words are now, when all of them survive in a row (a word
            // keeps the separator after it, so the text between them is the same).
            let now = words.iter().position(|w| w.origin == Some(first)).filter(|&start| {
                (first..=last).enumerate().all(|(k, origin)| words.get(start + k).is_some_and(|w| w.origin == Some(origin)))
            });
            match now {
                Some(start) => {
                    prop_assert!(!claim.needs_reanchoring, "claim-{i} on untouched words was flagged: {:?} in {:?} -> {:?}", claim.quote.exact, old_text, new_text);
                    prop_assert_eq!(claim.span, span_of(&words, start, start + last - first));
                    let landed: String = chars[claim.span.start..claim.span.end].iter().collect();
                    prop_assert_eq!(&landed, &claim.quote.exact);
                }
                None => {
                    prop_assert!(claim.needs_reanchoring, "claim-{i} lost words but was not flagged: {:?} in {:?} -> {:?} at {:?}", claim.quote.exact, old_text, new_text, claim.span);
                    prop_assert!(claim.span.end <= chars.len());
                }
            }
        }
        prop_assert!(claimmark::store::integrity::check(&project).is_empty(), "{:?}", claimmark::store::integrity::check(&project));
        // Undo of the first correction (after the second is put back) gives everything back.
        project = after_first;
        if let Some(undo) = undo {
            undo.apply(&mut project).unwrap();
        }
        prop_assert_eq!(project, before, "undo gives everything back");
    }
}

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum";

/// A reviewer's correction of the Sputnik capture, as (char offset, old text, new text):
/// a space put back wherever the capture ran two sentences together ("two nations.The
/// outlined"), and "between 3,000 to 5,000" corrected to "between 3,000 and 5,000".
fn correction(text: &str) -> Vec<(usize, String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut edits = Vec::new();
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] == '.' && chars[i - 1].is_lowercase() && chars[i + 1].is_uppercase() {
            edits.push((i + 1, String::new(), " ".to_owned()));
        }
    }
    let number = common::char_offset_of(text, "3,000 to 5,000");
    edits.push((number + "3,000 ".len(), "to".to_owned(), "and".to_owned()));
    edits.sort();
    edits
}

fn corrected(text: &str, edits: &[(usize, String, String)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for (offset, old, new) in edits {
        out.extend(&chars[at..*offset]);
        out.push_str(new);
        at = offset + old.chars().count();
    }
    out.extend(&chars[at..]);
    out
}

fn sample(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    path
}

#[test]
fn set_text_carries_the_samples_claims_over_a_real_correction_and_flags_the_changed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let before = claimmark::store::load(&path).unwrap();
    let document = before.documents.iter().find(|d| d.id.as_str() == SPUTNIK).unwrap();
    let edits = correction(&document.text);
    assert!(edits.len() > 5, "the capture runs many sentences together: {edits:?}");
    std::fs::write(dir.path().join("corrected.txt"), corrected(&document.text, &edits)).unwrap();

    // Where each claim should be, worked out from the edits alone: a claim an edit
    // touches (an edit inside it, or an insertion strictly between its ends) is flagged;
    // any other moves by the length the edits before it added.
    let mut expected = Vec::new();
    for claim in before.claims.iter().filter(|c| c.document.as_str() == SPUTNIK) {
        let (start, end) = (claim.span.start, claim.span.end);
        let touched = edits.iter().any(|(at, old, _)| {
            let old_end = at + old.chars().count();
            if old.is_empty() { start < *at && *at < end } else { *at < end && start < old_end }
        });
        let shift: isize = edits
            .iter()
            .filter(|(at, _, _)| *at <= start)
            .map(|(_, old, new)| new.chars().count() as isize - old.chars().count() as isize)
            .sum();
        let at =
            CharSpan::new(start.checked_add_signed(shift).unwrap(), end.checked_add_signed(shift).unwrap());
        expected.push((claim.id.clone(), (!touched).then_some(at)));
    }
    let flagged: Vec<_> =
        expected.iter().filter(|(_, at)| at.is_none()).map(|(id, _)| id.to_string()).collect();
    let unchanged = before
        .claims
        .iter()
        .filter(|c| expected.iter().any(|(id, at)| *id == c.id && *at == Some(c.span)))
        .count();
    let range = before.claims.iter().find(|c| c.quote.exact.contains("3,000 to 5,000")).unwrap();
    assert!(flagged.contains(&range.id.to_string()), "the corrected range is among them");
    assert!(unchanged > 0 && flagged.len() < expected.len() / 2, "most claims survive the correction");

    let dry = claimmark(dir.path(), &["set-text", "sample.ron", SPUTNIK, "corrected.txt", "--dry-run"]);
    assert!(dry.status.success(), "{}", printed(&dry));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        claimmark::sample::SAMPLE_PROJECT_RON,
        "a dry run writes nothing"
    );

    let run = claimmark(dir.path(), &["set-text", "sample.ron", SPUTNIK, "corrected.txt"]);
    assert!(run.status.success(), "{}", printed(&run));
    let said = printed(&run);
    let moved = expected.len() - unchanged - flagged.len();
    let counts =
        format!("{unchanged} claims unchanged, {moved} moved, {} flagged for re-anchoring", flagged.len());
    assert!(said.contains(&counts), "{said}\nexpected {counts}");
    assert_eq!(
        printed(&dry).replace("would get the new text (dry run, nothing written)", "has its new text"),
        said
    );
    for id in &flagged {
        assert!(said.contains(&format!("  {id} \"")), "{id} is listed: {said}");
    }

    let after = claimmark::store::load(&path).unwrap();
    assert_eq!(after.claims.len(), before.claims.len(), "no claim is lost");
    let text: Vec<char> =
        after.documents.iter().find(|d| d.id.as_str() == SPUTNIK).unwrap().text.chars().collect();
    for (id, at) in &expected {
        let claim = after.claims.iter().find(|c| c.id == *id).unwrap();
        let old = before.claims.iter().find(|c| c.id == *id).unwrap();
        match at {
            Some(span) => {
                assert!(!claim.needs_reanchoring, "{id}");
                assert_eq!(claim.span, *span, "{id}");
                assert_eq!(text[span.start..span.end].iter().collect::<String>(), old.quote.exact, "{id}");
            }
            None => {
                assert!(claim.needs_reanchoring, "{id} is flagged");
                assert_eq!(claim.quote.exact, old.quote.exact, "{id} keeps its old text to show");
            }
        }
    }
    // The other documents' claims are as they were.
    let others =
        |p: &Project| p.claims.iter().filter(|c| c.document.as_str() != SPUTNIK).cloned().collect::<Vec<_>>();
    assert_eq!(others(&after), others(&before));
    let validate = claimmark(dir.path(), &["validate", "sample.ron"]);
    assert!(validate.status.success(), "{}", printed(&validate));
    assert!(
        printed(&validate)
            .contains(&format!("{} to re-anchor", claimmark::text::count(flagged.len(), "claim"))),
        "{}",
        printed(&validate)
    );
    assert!(dir.path().join("sample.ron.bak").exists(), "the previous version is kept");
    // An export leaves the flagged claims out, naming them: their spans no longer hold
    // their words.
    let export = claimmark(dir.path(), &["export", "sample.ron", "--format", "jsonl", "-o", "claims.jsonl"]);
    assert!(export.status.success(), "{}", printed(&export));
    let written = std::fs::read_to_string(dir.path().join("claims.jsonl")).unwrap();
    for id in &flagged {
        assert!(
            printed(&export).contains(&format!("skipped {id}: needs re-anchoring")),
            "{}",
            printed(&export)
        );
        assert!(!written.contains(&format!("\"{id}\"")), "{id} is not exported");
    }
    assert!(printed(&export).contains(&format!("{} claims", before.claims.len() - flagged.len())));
}

/// `claimmark place` puts a flagged claim on the corrected words: its quote taken there,
/// the flag cleared, everything else kept; an unknown claim or quote changes nothing.
#[test]
fn place_puts_a_flagged_claim_on_the_corrected_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let before = claimmark::store::load(&path).unwrap();
    let document = before.documents.iter().find(|d| d.id.as_str() == SPUTNIK).unwrap();
    std::fs::write(dir.path().join("corrected.txt"), corrected(&document.text, &correction(&document.text)))
        .unwrap();
    let run = claimmark(dir.path(), &["set-text", "sample.ron", SPUTNIK, "corrected.txt"]);
    assert!(run.status.success(), "{}", printed(&run));
    let flagged = claimmark::store::load(&path).unwrap();
    let range = flagged.claims.iter().find(|c| c.quote.exact.contains("3,000 to 5,000")).unwrap().clone();
    assert!(range.needs_reanchoring);
    let to_re_anchor = flagged.claims.iter().filter(|c| c.needs_reanchoring).count();

    // Refusals write nothing.
    let written = std::fs::read_to_string(&path).unwrap();
    for args in [
        ["place", "sample.ron", "claim-9999", "--quote", "3,000 and 5,000"],
        ["place", "sample.ron", range.id.as_str(), "--quote", "3,000 to 5,000"],
    ] {
        let run = claimmark(dir.path(), &args);
        assert_eq!(run.status.code(), Some(1), "{args:?}: {}", printed(&run));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), written, "{args:?} wrote nothing");
    }

    let new_words = range.quote.exact.replace("3,000 to 5,000", "3,000 and 5,000");
    let run = claimmark(dir.path(), &["place", "sample.ron", range.id.as_str(), "--quote", &new_words]);
    assert!(run.status.success(), "{}", printed(&run));
    assert!(printed(&run).contains("(no longer needs re-anchoring)"), "{}", printed(&run));
    let after = claimmark::store::load(&path).unwrap();
    let placed = after.claims.iter().find(|c| c.id == range.id).unwrap();
    assert!(!placed.needs_reanchoring);
    assert_eq!(placed.quote.exact, new_words);
    let text = &after.documents.iter().find(|d| d.id.as_str() == SPUTNIK).unwrap().text;
    let chars: String = text.chars().skip(placed.span.start).take(placed.span.len()).collect();
    assert_eq!(chars, new_words, "the span holds the words");
    assert_eq!(
        (placed.kind.clone(), placed.verdict.clone(), placed.frames.clone()),
        (range.kind, range.verdict, range.frames)
    );
    assert_eq!(after.claims.iter().filter(|c| c.needs_reanchoring).count(), to_re_anchor - 1);
    let validate = claimmark(dir.path(), &["validate", "sample.ron"]);
    assert!(validate.status.success(), "{}", printed(&validate));
}

#[test]
fn set_text_refuses_an_unknown_document_the_same_text_and_an_empty_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample(dir.path());
    let project = claimmark::store::load(&path).unwrap();
    let text = &project.documents.iter().find(|d| d.id.as_str() == SPUTNIK).unwrap().text;
    std::fs::write(dir.path().join("same.txt"), text.as_bytes()).unwrap();
    std::fs::write(dir.path().join("empty.txt"), " \n").unwrap();
    std::fs::write(dir.path().join("new.txt"), "Another text.").unwrap();
    for (args, says) in [
        (
            vec!["set-text", "sample.ron", "no-such-doc", "new.txt"],
            "no document \"no-such-doc\"; its documents are: ",
        ),
        (
            vec!["set-text", "sample.ron", SPUTNIK, "same.txt"],
            "has this very text already; nothing was changed",
        ),
        (vec!["set-text", "sample.ron", SPUTNIK, "empty.txt"], "the file holds no text"),
        (vec!["set-text", "sample.ron", SPUTNIK, "missing.txt"], "missing.txt"),
    ] {
        let output = claimmark(dir.path(), &args);
        assert!(!output.status.success(), "{args:?}");
        assert!(printed(&output).contains(says), "{args:?}: {}", printed(&output));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), claimmark::sample::SAMPLE_PROJECT_RON);
    }
    // A whole new text: every claim of the document is kept, flagged.
    let output = claimmark(dir.path(), &["set-text", "sample.ron", SPUTNIK, "new.txt"]);
    assert!(output.status.success(), "{}", printed(&output));
    let after = claimmark::store::load(&path).unwrap();
    let of_sputnik: Vec<_> = after.claims.iter().filter(|c| c.document.as_str() == SPUTNIK).collect();
    assert_eq!(of_sputnik.len(), project.claims_in(&claimmark::model::DocumentId::new(SPUTNIK)).count());
    assert!(of_sputnik.iter().all(|c| c.needs_reanchoring && c.span.end <= "Another text.".len()));
}
