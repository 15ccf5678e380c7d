//! The property of correcting a document's text (`claimmark::edit::set_text`): after
//! random edits to a text with claims, every claim whose quoted words survive untouched
//! lands on the same words, every other claim is flagged for re-anchoring, and none is
//! lost; undo gives the project back exactly.
//!
//! The text is a row of distinct made-up words; the edits insert fresh words, delete
//! words, and change words a little (a letter added, dropped or changed, as a typo fix
//! does), each at a word's place. The test follows every word of the first text through
//! the edits, so it knows where each claim's words are afterwards without looking at
//! the library's difference.
#![allow(clippy::unwrap_used)]

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::edit::set_text;
use claimmark::model::{Claim, ClaimId, Document, DocumentId, LabelId, Project, Taxonomy, Timestamp};
use proptest::prelude::*;
use std::collections::HashSet;

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
        let undo = report.edit.map(|edit| edit.apply(&mut project).unwrap());

        prop_assert_eq!(project.claims.len(), spans.len(), "no claim is lost");
        prop_assert_eq!(report.unchanged + report.moved + report.flagged.len(), spans.len());
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
        if let Some(undo) = undo {
            undo.apply(&mut project).unwrap();
        }
        prop_assert_eq!(project, before, "undo gives everything back");
    }
}
