//! Named entities: the alias table ([`ALIASES`]) of names that news texts write in
//! different ways ("Daesh", "ISIS-K"), and the mentions of names in a text: alias forms
//! first, then runs of capitalised words. Knows nothing of claims or projects.

use super::words::{MONTHS, NOT_NAMES, Tok, analyse_tokens, is_stop_word, normalize_word, strip_possessive};
use crate::anchor::{CharIndex, CharSpan};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation as _;

/// One entry of the alias table: the name shown in reasons and every form that means it.
///
/// Forms are matched word by word, ignoring case, diacritics, dots and apostrophes
/// inside words and punctuation between them (so "US" also finds "U.S.", "Daesh" finds
/// "Da'esh", "al-Qaeda" finds "Al Qaeda", "ISIS-K" finds "ISIS-K*"), except that words
/// of one or two capital letters ("US", "UN", the "K" of "IS-K") must be capitals in the
/// text too, so "us" is not the United States. The longest form wins ("Russian
/// Federation" over "Russian").
#[derive(Clone, Copy, Debug)]
pub struct Alias {
    /// The canonical name.
    pub name: &'static str,
    /// Every spelling, abbreviation, demonym and metonym (capital city as government).
    pub forms: &'static [&'static str],
}

/// The alias table: entities that news texts name in different ways. Capitals stand for
/// their governments ("Moscow", "Washington") because that is how the corpus uses them;
/// demonyms ("Afghan", "American") count as their country.
pub const ALIASES: &[Alias] = &[
    Alias {
        name: "Islamic State",
        forms: &[
            "Islamic State",
            "Daesh",
            "ISIS",
            "ISIS-K",
            "ISIL",
            "IS-K",
            "ISKP",
            "Islamic State Khorasan",
            "Islamic State Khorasan Province",
            "Islamic State of Iraq and Syria",
            "Islamic State of Iraq and the Levant",
        ],
    },
    Alias {
        name: "SCO",
        forms: &["SCO", "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"],
    },
    Alias {
        name: "United States",
        forms: &[
            "US",
            "USA",
            "United States",
            "United States of America",
            "America",
            "American",
            "Americans",
            "Washington",
            "Yanks",
        ],
    },
    Alias {
        name: "Russia",
        forms: &["Russia", "Russian Federation", "Russian", "Russians", "Moscow", "Kremlin"],
    },
    Alias { name: "Pakistan", forms: &["Pakistan", "Pakistani", "Pakistanis", "Islamabad"] },
    Alias { name: "Afghanistan", forms: &["Afghanistan", "Afghan", "Afghans", "Kabul"] },
    Alias { name: "Taliban", forms: &["Taliban", "Taleban"] },
    Alias { name: "al-Qaeda", forms: &["al-Qaeda", "al-Qaida"] },
    Alias {
        name: "NATO",
        forms: &["NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"],
    },
    Alias { name: "BRICS", forms: &["BRICS"] },
    Alias { name: "CPEC", forms: &["CPEC", "China-Pakistan Economic Corridor"] },
    Alias { name: "IMF", forms: &["IMF", "International Monetary Fund"] },
    Alias { name: "United Nations", forms: &["UN", "United Nations"] },
    Alias { name: "Soviet Union", forms: &["Soviet Union", "USSR", "Soviet", "Soviets"] },
];

/// A named entity found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    /// The key that equal entities share: the alias name for table entries ("Islamic
    /// State"), else the lower-case word without diacritics or possessive ("putin").
    pub key: String,
    /// The words as written, without a possessive ("Daesh", "ISIS-K").
    pub text: String,
    /// Chars of the mention in the text.
    pub span: CharSpan,
}

struct FormWord {
    norm: String,
    /// Must be written in capitals (short all-capital forms such as "US").
    capitals: bool,
}

struct AliasMatcher {
    /// Forms by their first normalised word, longest first: (words, alias index).
    by_first: HashMap<String, Vec<(Vec<FormWord>, usize)>>,
}

fn alias_matcher() -> &'static AliasMatcher {
    static MATCHER: OnceLock<AliasMatcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut by_first: HashMap<String, Vec<(Vec<FormWord>, usize)>> = HashMap::new();
        for (alias_index, alias) in ALIASES.iter().enumerate() {
            for form in alias.forms {
                let words: Vec<FormWord> = form
                    .split_word_bounds()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .map(|w| {
                        let letters: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
                        FormWord {
                            norm: normalize_word(w),
                            capitals: letters.chars().count() <= 2 && letters.chars().all(char::is_uppercase),
                        }
                    })
                    .collect();
                let Some(first) = words.first() else { continue };
                by_first.entry(first.norm.clone()).or_default().push((words, alias_index));
            }
        }
        for forms in by_first.values_mut() {
            forms.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        AliasMatcher { by_first }
    })
}

/// An entity mention by token indices.
pub(super) struct Mention {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) key: String,
}

/// The chars of a mention, with the closing dot of an abbreviation ("U.S.").
pub(super) fn mention_span(toks: &[Tok<'_>], mention: &Mention) -> CharSpan {
    let last = &toks[mention.last];
    let dot = last.raw.contains('.')
        && toks.get(mention.last + 1).is_some_and(|t| t.raw == "." && t.span.start == last.span.end);
    CharSpan::new(toks[mention.first].span.start, last.span.end + usize::from(dot))
}

fn is_capitalised(raw: &str) -> bool {
    raw.chars().next().is_some_and(char::is_uppercase)
}

/// Entity mentions of a tokenised text: alias forms first (longest match), then runs of
/// adjacent capitalised words, each as the whole run ("vladimir putin") and as its last
/// word ("putin", which is how later mentions name a person). A single capitalised word
/// that starts a sentence counts only when the text capitalises it elsewhere too, so
/// "Relations between…" names nothing.
pub(super) fn find_mentions(toks: &[Tok<'_>]) -> Vec<Mention> {
    let matcher = alias_matcher();
    let words: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].word).collect();
    let sentence_start = |p: usize| p == 0 || toks[words[p - 1]].sentence != toks[words[p]].sentence;
    let is_name_word = |tok: &Tok<'_>| {
        is_capitalised(tok.raw)
            && tok.norm.chars().any(char::is_alphabetic)
            && !tok.norm.starts_with(|c: char| c.is_ascii_digit())
            && !is_stop_word(&tok.norm)
            && !NOT_NAMES.contains(&tok.norm.as_str())
            && !MONTHS.contains(&tok.norm.as_str())
    };
    let mut capitalised_inside: HashSet<&str> = HashSet::new();
    for p in 0..words.len() {
        if !sentence_start(p) && is_name_word(&toks[words[p]]) {
            capitalised_inside.insert(&toks[words[p]].norm);
        }
    }
    let mut mentions = Vec::new();
    let mut p = 0;
    while p < words.len() {
        let tok = &toks[words[p]];
        let alias_match = matcher.by_first.get(&tok.norm).and_then(|forms| {
            forms.iter().find(|(form, _)| {
                form.iter().enumerate().all(|(k, form_word)| {
                    let Some(&i) = words.get(p + k) else { return false };
                    let candidate = &toks[i];
                    candidate.sentence == tok.sentence
                        && candidate.norm == form_word.norm
                        && (!form_word.capitals
                            || candidate.raw.chars().filter(|c| c.is_alphanumeric()).all(char::is_uppercase))
                })
            })
        });
        if let Some((form, alias_index)) = alias_match {
            let last = words[p + form.len() - 1];
            mentions.push(Mention { first: words[p], last, key: format!("={}", ALIASES[*alias_index].name) });
            p += form.len();
            continue;
        }
        if is_name_word(tok) {
            // A run of adjacent capitalised words: "Vladimir Putin", "Joint Working Group".
            let mut end = p + 1;
            while end < words.len()
                && words[end] == words[end - 1] + 1
                && toks[words[end]].sentence == tok.sentence
                && is_name_word(&toks[words[end]])
                && !matcher.by_first.contains_key(&toks[words[end]].norm)
            {
                end += 1;
            }
            if end - p > 1 || !sentence_start(p) || capitalised_inside.contains(tok.norm.as_str()) {
                let last = words[end - 1];
                if end - p > 1 {
                    let key =
                        words[p..end].iter().map(|&i| toks[i].norm.as_str()).collect::<Vec<_>>().join(" ");
                    mentions.push(Mention { first: words[p], last, key });
                }
                mentions.push(Mention { first: last, last, key: toks[last].norm.clone() });
            }
            p = end;
            continue;
        }
        p += 1;
    }
    mentions
}

/// The named entities of `text`, in order: alias-table names (keyed by the alias name)
/// and other capitalised words (keyed by their normalised form).
pub fn entities(text: &str) -> Vec<EntityMention> {
    let toks = analyse_tokens(text);
    let index = CharIndex::new(text);
    find_mentions(&toks)
        .into_iter()
        .map(|m| {
            let span = mention_span(&toks, &m);
            let key = m.key.strip_prefix('=').map_or_else(|| m.key.clone(), str::to_owned);
            EntityMention { key, text: strip_possessive(index.slice(span).unwrap_or("")).to_owned(), span }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_meet() {
        let keys = |text: &str| entities(text).into_iter().map(|e| e.key).collect::<Vec<_>>();
        for text in [
            "Daesh’s fighters",
            "ISIS-K* fighters",
            "the IS-K cell",
            "Islamic State Khorasan Province",
            "ISKP",
        ] {
            assert_eq!(keys(text), ["Islamic State"], "{text}");
        }
        for text in [
            "the Shanghai Cooperation Organisation",
            "the Shanghai Cooperation Organization",
            "the SCO forum",
        ] {
            assert_eq!(keys(text), ["SCO"], "{text}");
        }
        let found = entities("The U.S. and the Russian Federation, said the Kremlin.");
        let named: Vec<(&str, &str)> = found.iter().map(|e| (e.key.as_str(), e.text.as_str())).collect();
        assert_eq!(
            named,
            [("United States", "U.S."), ("Russia", "Russian Federation"), ("Russia", "Kremlin")]
        );
        // Lower-case "us" is a pronoun; a sentence-initial common word names nothing.
        assert_eq!(keys("Let us meet. Relations between them improved."), Vec::<String>::new());
        assert_eq!(
            keys("President Vladimir Putin met Putin’s critics"),
            ["vladimir putin", "putin", "putin"]
        );
        assert_eq!(keys("Ünal Çelik"), ["unal celik", "celik"]);
        for text in ["U.S.", "Al Qaeda", "al-Qa'ida", "Da'esh", "U.S.S.R.", "U.N."] {
            assert_eq!(entities(text).len(), 1, "{text}");
        }
        // Every form is needed: none is another one written differently, and each is
        // found as one mention of its own alias.
        let mut forms: Vec<String> = ALIASES
            .iter()
            .flat_map(|a| a.forms.iter())
            .map(|form| {
                let words: Vec<String> = form
                    .split_word_bounds()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .map(normalize_word)
                    .collect();
                words.join(" ")
            })
            .collect();
        let total = forms.len();
        forms.sort();
        forms.dedup();
        assert_eq!(forms.len(), total, "a form is listed twice");
        for alias in ALIASES {
            for form in alias.forms {
                let found = entities(form);
                assert_eq!(found.len(), 1, "{form}");
                assert_eq!(found[0].key, alias.name, "{form}");
            }
        }
    }
}
