//! Grouping suggestions: for a selected claim, the claims of *other* documents that most
//! likely tell the same claim, best first, each with a score in `0..=1` and the reasons
//! a reviewer can check at a glance ("both say 3,000", "ISIS-K = Daesh", "similar
//! wording 0.42").
//!
//! A [`SuggestIndex`] is built once per state of the claims and texts. It reads every
//! document once (UAX #29 words and sentences, see [`crate::text::tokenize`]) and keeps,
//! per claim, four kinds of features:
//!
//! - **quantities** in the claim text ([`quantities`]): numbers with thousands
//!   separators and decimals, scale words and suffixes (million, bn, lakh), money,
//!   percentages, years and decades, durations ("two decades", "20-year"), rates ("a
//!   day") and ranges ("3,000 to 5,000"). Close values (within [`NUMBER_TOLERANCE`])
//!   of compatible kinds match; years match only exactly.
//! - **named entities** in the claim and its sentence ([`entities`]): capitalised words,
//!   normalised (case, diacritics, possessive), and the names of the [`ALIASES`] table,
//!   so that "ISIS-K" meets "Daesh". Rare entities count more (inverse sentence
//!   frequency).
//! - **wording** of the claim: a tf-idf cosine over light word stems (stop words
//!   removed) blended with a cosine over character trigrams, which catches
//!   "counterterrorism" against "counter-terrorism".
//! - **wording of the sentence(s)** the claim sits in, with a smaller weight.
//!
//! A query walks inverted indexes (stems, sentence stems, entity keys, number buckets)
//! to gather candidates sharing at least one feature, keeps the best
//! [`CANDIDATES_RESCORED`] of them by a quick linear score, and scores those exactly (see
//! [`WEIGHT_TEXT`] and its siblings for the blend). Group membership and documents are
//! read from the project at query time, so accepting a suggestion (a group change)
//! needs no rebuild; adding, deleting or re-spanning claims or editing texts does (see
//! [`SuggestIndex::is_current`]).
//!
//! Pure: no egui, no files, no threads; it never changes the project.

use crate::anchor::{CharIndex, CharSpan};
use crate::model::Project;
use crate::text::{Spanned, token_range, tokenize};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash as _, Hasher as _};
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation as _;

/// Weight of the claims' own wording (stems and trigrams) in the score.
pub const WEIGHT_TEXT: f32 = 0.40;
/// Weight of the wording of the claims' sentences.
pub const WEIGHT_SENTENCE: f32 = 0.15;
/// Weight of shared named entities. Counts only when the selected claim or its sentence
/// names an entity; otherwise the other weights are scaled up to keep scores in `0..=1`.
pub const WEIGHT_ENTITIES: f32 = 0.25;
/// Weight of shared quantities. Counts only when the selected claim states a quantity;
/// otherwise the other weights are scaled up.
pub const WEIGHT_NUMBERS: f32 = 0.20;
/// Share of stems (rather than character trigrams) in the wording similarity.
pub const STEM_SHARE: f32 = 0.75;
/// A candidate that is already in a group scores this much more (times its score, so a
/// group lifts similar claims without pulling up unrelated ones), capped at 1.
pub const GROUP_BONUS: f32 = 0.15;
/// Relative difference under which two values are the same figure (3%).
pub const NUMBER_TOLERANCE: f64 = 0.03;
/// Entity evidence (sum of inverse sentence frequencies of shared entities) at which the
/// entity part of the score reaches one half; it approaches 1 as evidence grows.
pub const ENTITY_HALF: f32 = 4.0;
/// An entity named only in the sentence around a claim, not in the claim itself, counts
/// this much.
pub const SENTENCE_ENTITY_FACTOR: f32 = 0.6;
/// How many of the candidates found through the inverted indexes are scored exactly.
pub const CANDIDATES_RESCORED: usize = 300;

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

/// A suggested claim for the selected one.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Index into `project.claims`.
    pub claim_index: usize,
    /// How alike the two claims are, `0..=1`.
    pub score: f32,
    /// Short reasons for the user, strongest first: "both say 3,000", "ISIS-K = Daesh",
    /// "similar wording 0.42", "in group “…”".
    pub reasons: Vec<String>,
}

/// What a [`Quantity`] measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuantityKind {
    /// A plain number or count ("3,000 fighters", "7.12 billion").
    Count,
    /// An amount of money ("$7 billion", "5 million rupees").
    Money,
    /// A percentage ("5%", "5 per cent").
    Percent,
    /// A calendar year ("2013"); a decade ("1980s") is the range of its years.
    Year,
    /// A length of time in years ("two decades" is 20, "18 months" is 1.5).
    Duration,
    /// An ordinal ("24th").
    Ordinal,
}

/// A number found in a text, normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value, or the low end of a range ("3,000" is 3000.0, "$7 billion" 7e9).
    pub value: f64,
    /// The high end of a range ("3,000 to 5,000"), `None` for a single value.
    pub high: Option<f64>,
    /// What it measures.
    pub kind: QuantityKind,
    /// ISO code of the currency of money, when the text says it ("$" is `USD`).
    pub currency: Option<&'static str>,
    /// The time unit of a rate ("a day" is `day`).
    pub per: Option<&'static str>,
    /// The words as written, e.g. "$100 million a day".
    pub text: String,
}

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

// ---------------------------------------------------------------------------------------
// Words

/// A token of a document with what the features need of it.
struct Tok<'a> {
    raw: &'a str,
    /// Lower case, diacritics folded, possessive and inner dots/apostrophes removed;
    /// numbers keep their separators.
    norm: String,
    span: CharSpan,
    sentence: usize,
    /// Contains a letter or digit (not punctuation).
    word: bool,
}

fn analyse_tokens(text: &str) -> Vec<Tok<'_>> {
    let index = CharIndex::new(text);
    tokenize(text)
        .into_iter()
        .map(|token| {
            let raw = index.slice(token.span).unwrap_or("");
            let word = raw.chars().any(char::is_alphanumeric);
            Tok {
                raw,
                norm: if word { normalize_word(raw) } else { String::new() },
                span: token.span,
                sentence: token.sentence,
                word,
            }
        })
        .collect()
}

impl Spanned for Tok<'_> {
    fn span(&self) -> CharSpan {
        self.span
    }
}

fn strip_possessive(raw: &str) -> &str {
    ["’s", "'s", "’S", "'S"].iter().find_map(|p| raw.strip_suffix(p)).filter(|r| !r.is_empty()).unwrap_or(raw)
}

/// Lower case, diacritics folded, possessive and inner dots and apostrophes removed
/// ("U.S" → "us", "Daesh’s" → "daesh"). Numbers keep their separators.
fn normalize_word(raw: &str) -> String {
    let raw = strip_possessive(raw);
    let numeric = raw.starts_with(|c: char| c.is_ascii_digit());
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if !numeric && matches!(c, '.' | '\'' | '’') {
            continue;
        }
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue; // combining accents
        }
        for lower in c.to_lowercase() {
            out.push(fold_char(lower));
        }
    }
    out
}

/// Folds a lower-case Latin letter with a diacritic to its base letter.
fn fold_char(c: char) -> char {
    const FOLDS: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("çćĉċč", 'c'),
        ("ďđ", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ĝğġģ", 'g'),
        ("ĥħ", 'h'),
        ("ìíîïĩīĭįı", 'i'),
        ("ĵ", 'j'),
        ("ķ", 'k'),
        ("ĺļľŀł", 'l'),
        ("ñńņňŉ", 'n'),
        ("òóôõöøōŏő", 'o'),
        ("ŕŗř", 'r'),
        ("śŝşš", 's'),
        ("ţťŧ", 't'),
        ("ùúûüũūŭůűų", 'u'),
        ("ŵ", 'w'),
        ("ýÿŷ", 'y'),
        ("źżž", 'z'),
    ];
    if c.is_ascii() {
        return c;
    }
    FOLDS.iter().find(|(from, _)| from.contains(c)).map_or(c, |&(_, to)| to)
}

const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "already",
    "am",
    "amid",
    "among",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
];

/// Capitalised words that are titles, weekdays or sentence glue rather than names (month
/// names are in [`MONTHS`]).
const NOT_NAMES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "president",
    "prime",
    "minister",
    "deputy",
    "general",
    "chief",
    "former",
    "foreign",
    "secretary",
    "senior",
    "first",
    "then",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: &[&str] = &[
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
];

fn is_stop_word(norm: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect()).contains(norm)
}

/// British spellings mapped to American ones before stemming, so both stem alike.
const SPELLINGS: &[(&str, &str)] = &[
    ("neighbour", "neighbor"),
    ("behaviour", "behavior"),
    ("favour", "favor"),
    ("labour", "labor"),
    ("honour", "honor"),
    ("colour", "color"),
    ("harbour", "harbor"),
    ("endeavour", "endeavor"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    ("centre", "center"),
    ("programme", "program"),
];

/// A light stem: British spellings made American, one common suffix removed (plural,
/// -ing, -ed, -ly, -ment, -ness, -ship), then cut to six letters, so that "relations",
/// "relationship" and "relationships" meet, as do "improve", "improving" and
/// "improvement". Words in other scripts are kept whole.
fn stem(norm: &str) -> String {
    if !norm.is_ascii() || norm.len() <= 3 {
        return norm.to_owned();
    }
    let mut word = norm.to_owned();
    for (british, american) in SPELLINGS {
        if word.contains(british) {
            word = word.replace(british, american);
        }
    }
    // -ise/-ize: the same key for both spellings.
    for (from, to) in
        [("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"), ("ise", "ize")]
    {
        if let Some(base) = word.strip_suffix(from) {
            word = format!("{base}{to}");
            break;
        }
    }
    const SUFFIXES: &[(&str, &str)] = &[
        ("nesses", ""),
        ("ments", ""),
        ("ships", ""),
        ("ings", ""),
        ("ness", ""),
        ("ment", ""),
        ("ship", ""),
        ("ing", ""),
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ];
    for (suffix, replacement) in SUFFIXES {
        let Some(base) = word.strip_suffix(suffix) else { continue };
        if base.len() < 3 {
            continue;
        }
        let allowed = match *suffix {
            "es" => ["s", "x", "z", "ch", "sh"].iter().any(|e| base.ends_with(e)),
            "s" => !["s", "u", "i"].iter().any(|e| base.ends_with(e)),
            _ => true,
        };
        if allowed {
            word = format!("{base}{replacement}");
            break;
        }
    }
    word.truncate(6);
    word
}

/// Whether a token's words count for wording similarity.
fn is_content_word(tok: &Tok<'_>) -> bool {
    tok.word
        && tok.norm.chars().any(char::is_alphabetic)
        && tok.norm.chars().count() >= 2
        && !is_stop_word(&tok.norm)
}

// ---------------------------------------------------------------------------------------
// Entities

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
struct Mention {
    first: usize,
    last: usize,
    key: String,
}

/// The chars of a mention, with the closing dot of an abbreviation ("U.S.").
fn mention_span(toks: &[Tok<'_>], mention: &Mention) -> CharSpan {
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
fn find_mentions(toks: &[Tok<'_>]) -> Vec<Mention> {
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

// ---------------------------------------------------------------------------------------
// Quantities

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("dozen", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

const SCALE_WORDS: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("lakh", 1e5),
    ("million", 1e6),
    ("mn", 1e6),
    ("mln", 1e6),
    ("crore", 1e7),
    ("billion", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("trillion", 1e12),
    ("tn", 1e12),
    ("trn", 1e12),
];

/// Suffixes glued to digits ("7bn", "3k"): scale factor.
const SCALE_SUFFIXES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("m", 1e6),
    ("mn", 1e6),
    ("mln", 1e6),
    ("b", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("t", 1e12),
    ("tn", 1e12),
    ("trn", 1e12),
];

const CURRENCY_SYMBOLS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("us$", "USD"),
    ("usd", "USD"),
    ("€", "EUR"),
    ("eur", "EUR"),
    ("£", "GBP"),
    ("₽", "RUB"),
    ("rs", "PKR"),
    ("pkr", "PKR"),
    ("¥", "CNY"),
    ("₹", "INR"),
];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("usd", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("pound", "GBP"),
    ("pounds", "GBP"),
    ("ruble", "RUB"),
    ("rubles", "RUB"),
    ("rouble", "RUB"),
    ("roubles", "RUB"),
    ("rupee", "PKR"),
    ("rupees", "PKR"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
];

/// Time units of durations, in years.
const DURATION_UNITS: &[(&str, f64)] = &[
    ("year", 1.0),
    ("years", 1.0),
    ("yr", 1.0),
    ("yrs", 1.0),
    ("decade", 10.0),
    ("decades", 10.0),
    ("century", 100.0),
    ("centuries", 100.0),
    ("month", 1.0 / 12.0),
    ("months", 1.0 / 12.0),
    ("week", 7.0 / 365.25),
    ("weeks", 7.0 / 365.25),
    ("day", 1.0 / 365.25),
    ("days", 1.0 / 365.25),
];

const RATE_UNITS: &[(&str, &str)] = &[
    ("hour", "hour"),
    ("day", "day"),
    ("week", "week"),
    ("month", "month"),
    ("year", "year"),
    ("annum", "year"),
];

const RATE_WORDS: &[(&str, &str)] = &[
    ("hourly", "hour"),
    ("daily", "day"),
    ("weekly", "week"),
    ("monthly", "month"),
    ("annually", "year"),
    ("yearly", "year"),
];

fn lookup<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == key).map(|&(_, v)| v)
}

/// A number at the start of a token: its value and the letters glued after it.
/// Thousands separators are commas between groups of three digits; one comma before
/// other than three digits is a decimal comma.
fn parse_numeric(raw: &str) -> Option<(f64, &str)> {
    let digits_end = raw.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(raw.len());
    let (number, suffix) = raw.split_at(digits_end);
    if !number.starts_with(|c: char| c.is_ascii_digit()) || number.ends_with([',', '.']) {
        return None;
    }
    let groups: Vec<&str> = number.split(',').collect();
    let plain = if groups.len() == 1 {
        number.to_owned()
    } else if groups[0].len() <= 3
        && groups[1..groups.len() - 1].iter().all(|g| g.len() == 3)
        && groups.last().is_some_and(|g| g.split('.').next().is_some_and(|whole| whole.len() == 3))
    {
        groups.concat()
    } else if groups.len() == 2 && !number.contains('.') {
        number.replace(',', ".")
    } else {
        return None;
    };
    Some((plain.parse::<f64>().ok()?, suffix))
}

/// What the scanner found at a token.
enum Scanned {
    /// A quantity over tokens `first..=last`, and the factor of its scale word (1 if
    /// none) so that a range can share it ("3 to 5 million").
    Found { quantity: Quantity, first: usize, last: usize, scale: f64 },
    /// Number-like words that are not a quantity here (a bare "two", a day of a
    /// month); skip to after `last`.
    Skip { last: usize },
}

/// The normalised word at token `i`, or the punctuation as written; "" past the end.
fn tok_norm<'a>(toks: &'a [Tok<'_>], i: usize) -> &'a str {
    toks.get(i).map_or("", |t| if t.word { t.norm.as_str() } else { t.raw })
}

fn scan_quantity(toks: &[Tok<'_>], start: usize, allow_range: bool) -> Option<Scanned> {
    let mut j = start;
    let mut currency = None;
    let starts_number =
        |i: usize| toks.get(i).is_some_and(|t| t.raw.starts_with(|c: char| c.is_ascii_digit()));
    // Currency before the number: "$7", "US$ 7", "Rs 500".
    if tok_norm(toks, j) == "us" && toks.get(j + 1).is_some_and(|t| t.raw == "$") && starts_number(j + 2) {
        currency = Some("USD");
        j += 2;
    } else if let Some(code) = lookup(CURRENCY_SYMBOLS, tok_norm(toks, j))
        && starts_number(j + 1)
    {
        currency = Some(code);
        j += 1;
    }
    let tok = toks.get(j)?;
    let first = j;
    let mut kind = None;
    let mut high = None;
    let mut scale = 1.0;
    let mut value;
    let mut bare_word = false;
    let mut plain_four_digits = false;
    if let Some((number, suffix)) = parse_numeric(tok.raw) {
        value = number;
        let suffix_lower = suffix.to_lowercase();
        match suffix_lower.as_str() {
            "" => plain_four_digits = tok.raw.len() == 4 && tok.raw.bytes().all(|b| b.is_ascii_digit()),
            "s" if tok.raw.len() == 5 && value.fract() == 0.0 && (value as i64) % 10 == 0 => {
                // A decade: "1980s".
                kind = Some(QuantityKind::Year);
                high = Some(value + 9.0);
            }
            "st" | "nd" | "rd" | "th" => kind = Some(QuantityKind::Ordinal),
            other => {
                let factor = lookup(SCALE_SUFFIXES, other)?;
                scale = factor;
                value *= factor;
            }
        }
    } else if let Some(number) = lookup(NUMBER_WORDS, &tok.norm) {
        value = number;
        bare_word = true;
        // "twenty-five"
        if number >= 20.0
            && toks.get(j + 1).is_some_and(|t| t.raw == "-")
            && let Some(unit) =
                toks.get(j + 2).and_then(|t| lookup(NUMBER_WORDS, &t.norm)).filter(|&u| u < 10.0)
        {
            value += unit;
            j += 2;
        }
    } else {
        return None;
    }
    let mut last = j;
    if kind.is_none() {
        // Scale words: "7.12 billion", "two hundred thousand".
        while let Some(factor) = lookup(SCALE_WORDS, tok_norm(toks, last + 1)) {
            if factor == 1e2 && value >= 100.0 {
                break;
            }
            value *= factor;
            scale *= factor;
            bare_word = false;
            last += 1;
        }
        let next = tok_norm(toks, last + 1);
        if next == "%" || next == "percent" || next == "pct" {
            kind = Some(QuantityKind::Percent);
            last += 1;
        } else if next == "per" && tok_norm(toks, last + 2) == "cent" {
            kind = Some(QuantityKind::Percent);
            last += 2;
        } else if let Some(code) = lookup(CURRENCY_WORDS, next) {
            currency = Some(code);
            last += 1;
        } else if currency.is_none() {
            let dash = usize::from(next == "-");
            if let Some(years) = lookup(DURATION_UNITS, tok_norm(toks, last + 1 + dash)) {
                kind = Some(QuantityKind::Duration);
                value *= years;
                last += 1 + dash;
            }
        }
        if currency.is_some() {
            kind = Some(QuantityKind::Money);
        }
    }
    let mut per = None;
    if matches!(kind, None | Some(QuantityKind::Money)) {
        let next = tok_norm(toks, last + 1);
        if matches!(next, "a" | "an" | "per" | "each" | "every")
            && let Some(unit) = lookup(RATE_UNITS, tok_norm(toks, last + 2))
        {
            per = Some(unit);
            last += 2;
        } else if let Some(unit) = lookup(RATE_WORDS, next) {
            per = Some(unit);
            last += 1;
        }
    }
    let kind = match kind {
        Some(kind) => kind,
        None if bare_word => return Some(Scanned::Skip { last }),
        None if plain_four_digits && scale == 1.0 && per.is_none() && (1000.0..=2100.0).contains(&value) => {
            QuantityKind::Year
        }
        None => {
            // A day of a month ("August 20", "10 January") is a date, not a figure.
            let previous_word =
                (0..first).rev().find(|&i| toks[i].word).map_or("", |i| toks[i].norm.as_str());
            let is_day = value.fract() == 0.0 && (1.0..=31.0).contains(&value) && scale == 1.0;
            if is_day && (MONTHS.contains(&previous_word) || MONTHS.contains(&tok_norm(toks, last + 1))) {
                return Some(Scanned::Skip { last });
            }
            QuantityKind::Count
        }
    };
    let mut quantity = Quantity { value, high, kind, currency, per, text: String::new() };
    // Ranges: "3,000 to 5,000", "3,000–5,000", "between 3 and 5 million".
    if allow_range && high.is_none() {
        let joiner = tok_norm(toks, last + 1);
        let previous_word = (0..first).rev().find(|&i| toks[i].word).map_or("", |i| toks[i].norm.as_str());
        let joins = matches!(joiner, "to" | "-" | "–" | "—" | "or")
            || (joiner == "and" && previous_word == "between");
        if joins
            && let Some(Scanned::Found { quantity: other, last: other_last, scale: other_scale, .. }) =
                scan_quantity(toks, last + 2, false)
            && other.high.is_none()
        {
            let mut low = quantity.clone();
            if scale == 1.0 && other_scale > 1.0 && low.value < 1000.0 {
                low.value *= other_scale;
            }
            if low.kind == QuantityKind::Count && other.kind != QuantityKind::Count {
                low.kind = other.kind;
            }
            let mut other = other;
            if other.kind == QuantityKind::Count && low.kind != QuantityKind::Count {
                other.kind = low.kind;
            }
            let currencies_agree =
                low.currency.is_none() || other.currency.is_none() || low.currency == other.currency;
            if low.kind == other.kind && currencies_agree && low.per == other.per {
                quantity = Quantity {
                    value: low.value.min(other.value),
                    high: Some(low.value.max(other.value)),
                    kind: low.kind,
                    currency: low.currency.or(other.currency),
                    per: low.per,
                    text: String::new(),
                };
                last = other_last;
            }
        }
    }
    Some(Scanned::Found { quantity, first: start, last, scale })
}

/// Quantities of a tokenised text with the token ranges they cover.
fn find_quantities(toks: &[Tok<'_>], index: &CharIndex<'_>) -> Vec<(usize, usize, Quantity)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let starts_number = toks[i].raw.starts_with(|c: char| c.is_ascii_digit())
            || lookup(CURRENCY_SYMBOLS, tok_norm(toks, i)).is_some()
            || tok_norm(toks, i) == "us"
            || lookup(NUMBER_WORDS, &toks[i].norm).is_some();
        if !starts_number {
            i += 1;
            continue;
        }
        match scan_quantity(toks, i, true) {
            Some(Scanned::Found { mut quantity, first, last, .. }) => {
                let span = CharSpan::new(toks[first].span.start, toks[last].span.end);
                quantity.text = index.slice(span).unwrap_or("").to_owned();
                found.push((first, last, quantity));
                i = last + 1;
            }
            Some(Scanned::Skip { last }) => i = last + 1,
            None => i += 1,
        }
    }
    found
}

/// The quantities stated in `text`, in order: "3,000" is 3000, "$7 billion" 7e9 US
/// dollars, "100 million a day" 1e8 per day, "between 3,000 to 5,000" the range
/// 3000–5000, "5%" 5 percent, "2013" a year, "two decades" a duration of 20 years.
/// Number words count only with a scale or unit ("two decades", not "two nations").
pub fn quantities(text: &str) -> Vec<Quantity> {
    let toks = analyse_tokens(text);
    find_quantities(&toks, &CharIndex::new(text)).into_iter().map(|(_, _, q)| q).collect()
}

/// How well two quantities match, `0..=1`: 1 for the same figure (within
/// [`NUMBER_TOLERANCE`]; years exactly), less for a value inside the other's range,
/// for plain numbers against money, and for years (common in any news text).
pub fn quantity_match(a: &Quantity, b: &Quantity) -> f32 {
    use QuantityKind::{Count, Duration, Money, Ordinal, Percent, Year};
    if a.per != b.per {
        return 0.0;
    }
    let (exact, strength) = match (a.kind, b.kind) {
        (Year, Year) => (true, 0.6),
        (Ordinal, Ordinal) => (true, 0.5),
        (Percent, Percent) | (Duration, Duration) | (Count, Count) => (false, 1.0),
        (Money, Money) if a.currency.is_none() || b.currency.is_none() || a.currency == b.currency => {
            (false, 1.0)
        }
        (Money, Count) | (Count, Money) => (false, 0.8),
        _ => return 0.0,
    };
    let close = |x: f64, y: f64| {
        if exact { x == y } else { (x - y).abs() <= NUMBER_TOLERANCE * x.abs().max(y.abs()) }
    };
    let (a_low, a_high) = (a.value, a.high.unwrap_or(a.value));
    let (b_low, b_high) = (b.value, b.high.unwrap_or(b.value));
    let fit = match (a.high.is_some(), b.high.is_some()) {
        (false, false) => {
            if close(a_low, b_low) {
                1.0
            } else {
                0.0
            }
        }
        (true, true) => {
            if close(a_low, b_low) && close(a_high, b_high) {
                1.0
            } else if a_low <= b_high && b_low <= a_high {
                0.5
            } else {
                0.0
            }
        }
        _ => {
            let (single, low, high) =
                if a.high.is_some() { (b_low, a_low, a_high) } else { (a_low, b_low, b_high) };
            if close(single, low) || close(single, high) {
                0.75
            } else if low <= single && single <= high {
                0.5
            } else {
                0.0
            }
        }
    };
    fit * strength
}

/// Keys under which a quantity is indexed: exact values for years and ordinals, buckets
/// of [`NUMBER_TOLERANCE`] width on a log scale for the rest (a query looks in the
/// neighbouring buckets too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum NumberKey {
    Year(i64),
    Ordinal(i64),
    Bucket(i64),
}

fn bucket(value: f64) -> i64 {
    if value == 0.0 {
        return 0;
    }
    let b = (value.abs().ln() / NUMBER_TOLERANCE.ln_1p()).floor() as i64;
    if value < 0.0 { -(b.abs() + 1) * 1_000_000 } else { b + 1 }
}

/// The keys a quantity is stored under.
fn index_keys(quantity: &Quantity) -> Vec<NumberKey> {
    let high = quantity.high.unwrap_or(quantity.value);
    match quantity.kind {
        QuantityKind::Year => {
            let (low, high) = (quantity.value as i64, high as i64);
            if high - low <= 20 {
                (low..=high).map(NumberKey::Year).collect()
            } else {
                vec![NumberKey::Year(low), NumberKey::Year(high)]
            }
        }
        QuantityKind::Ordinal => vec![NumberKey::Ordinal(quantity.value as i64)],
        _ => {
            let mut keys = vec![NumberKey::Bucket(bucket(quantity.value))];
            if quantity.high.is_some() {
                keys.push(NumberKey::Bucket(bucket(high)));
            }
            keys
        }
    }
}

/// Keys a query quantity looks under: its own keys and the neighbouring buckets.
fn query_keys(quantity: &Quantity) -> Vec<NumberKey> {
    let mut keys = Vec::new();
    for key in index_keys(quantity) {
        match key {
            NumberKey::Bucket(b) => keys.extend([b - 1, b, b + 1].map(NumberKey::Bucket)),
            other => keys.push(other),
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

// ---------------------------------------------------------------------------------------
// Vectors

/// A sparse vector: (feature id, weight), sorted by id.
type Sparse = Vec<(u32, f32)>;

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Cosine of two sorted sets of trigram hashes.
fn set_cosine(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f32 / ((a.len() * b.len()) as f32).sqrt()
}

/// Hashes of the character trigrams of the words, each word padded with a space.
fn trigrams<'a>(words: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut hashes = Vec::new();
    for word in words {
        let chars: Vec<char> = std::iter::once(' ').chain(word.chars()).chain(std::iter::once(' ')).collect();
        for window in chars.windows(3) {
            // FNV-1a over the three chars.
            let mut hash: u32 = 0x811c_9dc5;
            for &c in window {
                hash = (hash ^ c as u32).wrapping_mul(0x0100_0193);
            }
            hashes.push(hash);
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// Counts to tf-idf weights of unit length, sorted by id.
fn weigh(counts: &[(u32, u32)], idf: &[f32]) -> Sparse {
    let mut vector: Sparse =
        counts.iter().map(|&(id, count)| (id, (1.0 + (count as f32).ln()) * idf[id as usize])).collect();
    vector.sort_unstable_by_key(|&(id, _)| id);
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut vector {
            *w /= norm;
        }
    }
    vector
}

fn count_ids(ids: impl Iterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut ids: Vec<u32> = ids.collect();
    ids.sort_unstable();
    let mut counts: Vec<(u32, u32)> = Vec::with_capacity(ids.len());
    for id in ids {
        match counts.last_mut() {
            Some((last, count)) if *last == id => *count += 1,
            _ => counts.push((id, 1)),
        }
    }
    counts
}

/// Inverse frequency over sentences; ubiquitous features weigh close to nothing.
fn idf(document_frequency: u32, sentences: u32) -> f32 {
    ((sentences as f32 + 1.0) / (document_frequency as f32 + 0.5)).ln().max(0.01)
}

// ---------------------------------------------------------------------------------------
// The index

/// An entity of a claim: its key, whether the claim itself names it (rather than only
/// its sentence) and how it is written there.
#[derive(Clone, Debug)]
struct ClaimEntity {
    key: u32,
    in_claim: bool,
    surface: u32,
}

#[derive(Clone, Debug, Default)]
struct ClaimFeatures {
    /// Index into the project's documents, `u32::MAX` when the document is missing.
    document: u32,
    /// Claim wording, tf-idf of stems, unit length.
    stems: Sparse,
    /// Index into [`SuggestIndex::contexts`].
    context: u32,
    trigrams: Vec<u32>,
    /// Sorted by key, one per key.
    entities: Vec<ClaimEntity>,
    quantities: Vec<Quantity>,
}

/// Features of every claim of a project and inverted indexes over them, built once per
/// state of the claims and texts; see the module documentation.
#[derive(Clone, Debug, Default)]
pub struct SuggestIndex {
    claims: Vec<ClaimFeatures>,
    /// Sentence wording (tf-idf of stems, unit length), shared by claims in the same
    /// sentence(s).
    contexts: Vec<Sparse>,
    /// Claims per context.
    context_claims: Vec<Vec<u32>>,
    /// Inverse sentence frequency per entity key.
    entity_idf: Vec<f32>,
    /// How entities are written, by surface id.
    surfaces: Vec<String>,
    /// Stem id → (claim, weight in the claim's stem vector).
    stem_postings: Vec<Vec<(u32, f32)>>,
    /// Stem id → (context, weight in the context vector).
    context_postings: Vec<Vec<(u32, f32)>>,
    /// Entity key → (claim, factor: 1 in the claim, [`SENTENCE_ENTITY_FACTOR`] in the
    /// sentence only).
    entity_postings: Vec<Vec<(u32, f32)>>,
    /// Number key → claims.
    number_postings: HashMap<NumberKey, Vec<u32>>,
    fingerprint: u64,
}

/// What one document contributes before weights are known.
struct RawClaim {
    claim_index: usize,
    document: u32,
    stem_counts: Vec<(u32, u32)>,
    context: u32,
    trigrams: Vec<u32>,
    entities: Vec<ClaimEntity>,
    quantities: Vec<Quantity>,
}

#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_owned(), id);
        self.names.push(name.to_owned());
        id
    }
}

fn fingerprint(project: &Project) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    project.documents.len().hash(&mut hasher);
    for document in &project.documents {
        document.id.as_str().hash(&mut hasher);
        document.text.len().hash(&mut hasher);
    }
    project.claims.len().hash(&mut hasher);
    for claim in &project.claims {
        claim.id.as_str().hash(&mut hasher);
        claim.document.as_str().hash(&mut hasher);
        claim.span.hash(&mut hasher);
    }
    hasher.finish()
}

impl SuggestIndex {
    /// Reads every document and claim of `project` and builds the index.
    pub fn new(project: &Project) -> SuggestIndex {
        let mut stems = Interner::default();
        let mut entity_keys = Interner::default();
        let mut surfaces = Interner::default();
        let mut stem_df: Vec<u32> = Vec::new();
        let mut entity_df: Vec<u32> = Vec::new();
        let mut sentence_count: u32 = 0;
        let mut raw_contexts: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut raw_claims: Vec<RawClaim> = Vec::with_capacity(project.claims.len());

        let document_index: HashMap<&str, usize> =
            project.documents.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        let mut claims_by_document: Vec<Vec<usize>> = vec![Vec::new(); project.documents.len()];
        for (claim_index, claim) in project.claims.iter().enumerate() {
            if let Some(&d) = document_index.get(claim.document.as_str()) {
                claims_by_document[d].push(claim_index);
            }
        }

        for (d, document) in project.documents.iter().enumerate() {
            let text: &str = &document.text;
            let toks = analyse_tokens(text);
            let char_index = CharIndex::new(text);
            let stem_ids: Vec<Option<u32>> =
                toks.iter().map(|t| is_content_word(t).then(|| stems.id(&stem(&t.norm)))).collect();
            let mentions = find_mentions(&toks);
            let mention_keys: Vec<u32> = mentions.iter().map(|m| entity_keys.id(&m.key)).collect();
            let found_quantities = find_quantities(&toks, &char_index);
            // Token range of each sentence.
            let mut sentence_ranges: Vec<(usize, usize)> = Vec::new();
            for (i, tok) in toks.iter().enumerate() {
                if tok.sentence >= sentence_ranges.len() {
                    sentence_ranges.resize(tok.sentence + 1, (i, i));
                    sentence_ranges[tok.sentence] = (i, i);
                }
                sentence_ranges[tok.sentence].1 = i + 1;
            }
            // Frequencies over sentences.
            sentence_count += sentence_ranges.iter().filter(|(a, b)| a < b).count() as u32;
            stem_df.resize(stems.names.len(), 0);
            entity_df.resize(entity_keys.names.len(), 0);
            for &(a, b) in &sentence_ranges {
                let mut ids: Vec<u32> = stem_ids[a..b].iter().flatten().copied().collect();
                ids.sort_unstable();
                ids.dedup();
                for id in ids {
                    stem_df[id as usize] += 1;
                }
            }
            let mut mention_sentences: Vec<(usize, u32)> =
                mentions.iter().zip(&mention_keys).map(|(m, &k)| (toks[m.first].sentence, k)).collect();
            mention_sentences.sort_unstable();
            mention_sentences.dedup();
            for &(_, key) in &mention_sentences {
                entity_df[key as usize] += 1;
            }

            let mut contexts_here: HashMap<(usize, usize), u32> = HashMap::new();
            for &claim_index in &claims_by_document[d] {
                let claim = &project.claims[claim_index];
                let Some((first, end)) = token_range(&toks, claim.span) else {
                    raw_claims.push(RawClaim {
                        claim_index,
                        document: d as u32,
                        stem_counts: Vec::new(),
                        context: u32::MAX,
                        trigrams: Vec::new(),
                        entities: Vec::new(),
                        quantities: Vec::new(),
                    });
                    continue;
                };
                let sentences = (toks[first].sentence, toks[end - 1].sentence);
                let context = *contexts_here.entry(sentences).or_insert_with(|| {
                    let (a, b) = (sentence_ranges[sentences.0].0, sentence_ranges[sentences.1].1);
                    raw_contexts.push(count_ids(stem_ids[a..b].iter().flatten().copied()));
                    (raw_contexts.len() - 1) as u32
                });
                let stem_counts = count_ids(stem_ids[first..end].iter().flatten().copied());
                let claim_trigrams =
                    trigrams((first..end).filter(|&i| stem_ids[i].is_some()).map(|i| toks[i].norm.as_str()));
                let (context_first, context_end) =
                    (sentence_ranges[sentences.0].0, sentence_ranges[sentences.1].1);
                let mut entities: Vec<ClaimEntity> = Vec::new();
                for (mention, &key) in mentions.iter().zip(&mention_keys) {
                    if mention.last < context_first || mention.first >= context_end {
                        continue;
                    }
                    let in_claim = mention.last >= first && mention.first < end;
                    let span = mention_span(&toks, mention);
                    let surface = surfaces.id(strip_possessive(char_index.slice(span).unwrap_or("")));
                    match entities.iter_mut().find(|e| e.key == key) {
                        Some(existing) if in_claim && !existing.in_claim => {
                            *existing = ClaimEntity { key, in_claim, surface };
                        }
                        Some(_) => {}
                        None => entities.push(ClaimEntity { key, in_claim, surface }),
                    }
                }
                entities.sort_unstable_by_key(|e| e.key);
                let quantities = found_quantities
                    .iter()
                    .filter(|(a, b, _)| *b >= first && *a < end)
                    .map(|(_, _, q)| q.clone())
                    .collect();
                raw_claims.push(RawClaim {
                    claim_index,
                    document: d as u32,
                    stem_counts,
                    context,
                    trigrams: claim_trigrams,
                    entities,
                    quantities,
                });
            }
        }

        let stem_idf: Vec<f32> = stem_df.iter().map(|&df| idf(df, sentence_count)).collect();
        let entity_idf: Vec<f32> = entity_df.iter().map(|&df| idf(df, sentence_count)).collect();
        let contexts: Vec<Sparse> = raw_contexts.iter().map(|counts| weigh(counts, &stem_idf)).collect();
        let mut context_claims: Vec<Vec<u32>> = vec![Vec::new(); contexts.len()];
        let mut claims: Vec<ClaimFeatures> =
            vec![
                ClaimFeatures { document: u32::MAX, context: u32::MAX, ..ClaimFeatures::default() };
                project.claims.len()
            ];
        let mut stem_postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); stems.names.len()];
        let mut context_postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); stems.names.len()];
        let mut entity_postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); entity_keys.names.len()];
        let mut number_postings: HashMap<NumberKey, Vec<u32>> = HashMap::new();
        for (context, vector) in contexts.iter().enumerate() {
            for &(id, weight) in vector {
                context_postings[id as usize].push((context as u32, weight));
            }
        }
        for raw in raw_claims {
            let c = raw.claim_index as u32;
            let stems_vector = weigh(&raw.stem_counts, &stem_idf);
            for &(id, weight) in &stems_vector {
                stem_postings[id as usize].push((c, weight));
            }
            if let Some(members) = context_claims.get_mut(raw.context as usize) {
                members.push(c);
            }
            for entity in &raw.entities {
                let factor = if entity.in_claim { 1.0 } else { SENTENCE_ENTITY_FACTOR };
                entity_postings[entity.key as usize].push((c, factor));
            }
            let mut keys: Vec<NumberKey> = raw.quantities.iter().flat_map(index_keys).collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                number_postings.entry(key).or_default().push(c);
            }
            claims[raw.claim_index] = ClaimFeatures {
                document: raw.document,
                stems: stems_vector,
                context: raw.context,
                trigrams: raw.trigrams,
                entities: raw.entities,
                quantities: raw.quantities,
            };
        }
        SuggestIndex {
            claims,
            contexts,
            context_claims,
            entity_idf,
            surfaces: surfaces.names,
            stem_postings,
            context_postings,
            entity_postings,
            number_postings,
            fingerprint: fingerprint(project),
        }
    }

    /// Number of claims indexed.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// Whether no claim is indexed.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// Whether the index still describes `project`: the same documents (by id and text
    /// length) and claims (by id, document and span). Group changes keep it current.
    /// Costs one pass over the claims; call it after edits, not every frame.
    pub fn is_current(&self, project: &Project) -> bool {
        fingerprint(project) == self.fingerprint
    }

    /// The best `limit` candidates for the claim at `claim_index` (index into
    /// `project.claims`), best first. Never the claim's own document, never a claim
    /// already in its group. Empty when the index does not match the project's claims.
    pub fn suggest(&self, project: &Project, claim_index: usize, limit: usize) -> Vec<Suggestion> {
        if project.claims.len() != self.claims.len() || limit == 0 {
            return Vec::new();
        }
        let (Some(query), Some(query_claim)) =
            (self.claims.get(claim_index), project.claims.get(claim_index))
        else {
            return Vec::new();
        };
        let weights = self.active_weights(query);
        let mut acc = vec![0.0f32; self.claims.len()];
        let text_weight = weights.text * STEM_SHARE;
        for &(id, wq) in &query.stems {
            for &(c, wc) in &self.stem_postings[id as usize] {
                acc[c as usize] += text_weight * wq * wc;
            }
        }
        if let Some(context) = self.contexts.get(query.context as usize) {
            let mut context_acc = vec![0.0f32; self.contexts.len()];
            for &(id, wq) in context {
                for &(other, wc) in &self.context_postings[id as usize] {
                    context_acc[other as usize] += wq * wc;
                }
            }
            for (other, similarity) in context_acc.into_iter().enumerate() {
                if similarity > 0.0 {
                    for &c in &self.context_claims[other] {
                        acc[c as usize] += weights.sentence * similarity;
                    }
                }
            }
        }
        for entity in &query.entities {
            let factor = if entity.in_claim { 1.0 } else { SENTENCE_ENTITY_FACTOR };
            let gain = weights.entities * self.entity_idf[entity.key as usize] * factor / ENTITY_HALF;
            for &(c, other_factor) in &self.entity_postings[entity.key as usize] {
                acc[c as usize] += gain * other_factor;
            }
        }
        if !query.quantities.is_empty() {
            let mut keys: Vec<NumberKey> = query.quantities.iter().flat_map(query_keys).collect();
            keys.sort_unstable();
            keys.dedup();
            let gain = weights.numbers / query.quantities.len() as f32;
            for key in keys {
                for &c in self.number_postings.get(&key).map_or(&[][..], Vec::as_slice) {
                    acc[c as usize] += gain;
                }
            }
        }
        // Candidates: other documents, not in the selected claim's group.
        let query_group = query_claim.group.as_ref();
        let mut candidates: Vec<(f32, u32)> = acc
            .iter()
            .enumerate()
            .filter(|&(c, &score)| {
                score > 0.0
                    && self.claims[c].document != query.document
                    && self.claims[c].document != u32::MAX
                    && (query_group.is_none() || project.claims[c].group.as_ref() != query_group)
            })
            .map(|(c, &score)| {
                let bonus = if project.claims[c].group.is_some() { 1.0 + GROUP_BONUS } else { 1.0 };
                (score * bonus, c as u32)
            })
            .collect();
        if candidates.len() > CANDIDATES_RESCORED {
            candidates.select_nth_unstable_by(CANDIDATES_RESCORED - 1, |a, b| b.0.total_cmp(&a.0));
            candidates.truncate(CANDIDATES_RESCORED);
        }
        let mut scored: Vec<(f32, usize, Parts)> = candidates
            .into_iter()
            .map(|(_, c)| {
                let parts = self.compare(query, &self.claims[c as usize]);
                let mut score = parts.blend(&weights);
                if project.claims[c as usize].group.is_some() {
                    score = (score * (1.0 + GROUP_BONUS)).min(1.0);
                }
                (score, c as usize, parts)
            })
            .filter(|(score, _, _)| *score > 0.0)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, c, parts)| Suggestion {
                claim_index: c,
                score,
                reasons: self.reasons(project, query, c, &parts),
            })
            .collect()
    }

    /// The weights that apply to a query: numbers and entities only when the selected
    /// claim has them, all scaled to sum to one.
    fn active_weights(&self, query: &ClaimFeatures) -> Weights {
        let numbers = if query.quantities.is_empty() { 0.0 } else { WEIGHT_NUMBERS };
        let entities = if query.entities.is_empty() { 0.0 } else { WEIGHT_ENTITIES };
        let total = WEIGHT_TEXT + WEIGHT_SENTENCE + numbers + entities;
        Weights {
            text: WEIGHT_TEXT / total,
            sentence: WEIGHT_SENTENCE / total,
            entities: entities / total,
            numbers: numbers / total,
        }
    }

    /// The parts of the similarity of two claims.
    fn compare(&self, query: &ClaimFeatures, other: &ClaimFeatures) -> Parts {
        let stems = dot(&query.stems, &other.stems);
        let trigrams = set_cosine(&query.trigrams, &other.trigrams);
        let text = STEM_SHARE * stems + (1.0 - STEM_SHARE) * trigrams;
        let sentence =
            match (self.contexts.get(query.context as usize), self.contexts.get(other.context as usize)) {
                (Some(a), Some(b)) => dot(a, b),
                _ => 0.0,
            };
        let mut shared_entities = Vec::new();
        let mut evidence = 0.0;
        let (mut i, mut j) = (0, 0);
        while i < query.entities.len() && j < other.entities.len() {
            let (a, b) = (&query.entities[i], &other.entities[j]);
            match a.key.cmp(&b.key) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let factor = |e: &ClaimEntity| if e.in_claim { 1.0 } else { SENTENCE_ENTITY_FACTOR };
                    let gain = self.entity_idf[a.key as usize] * factor(a) * factor(b);
                    evidence += gain;
                    shared_entities.push((gain, a.surface, b.surface));
                    i += 1;
                    j += 1;
                }
            }
        }
        let entities = evidence / (evidence + ENTITY_HALF);
        let mut matched_numbers = Vec::new();
        let mut number_sum = 0.0;
        for (qi, q) in query.quantities.iter().enumerate() {
            let best = other
                .quantities
                .iter()
                .enumerate()
                .map(|(oi, o)| (quantity_match(q, o), oi))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((strength, oi)) = best
                && strength > 0.0
            {
                number_sum += strength;
                matched_numbers.push((strength, qi, oi));
            }
        }
        let numbers = if query.quantities.is_empty() || other.quantities.is_empty() {
            0.0
        } else {
            (number_sum / ((query.quantities.len() * other.quantities.len()) as f32).sqrt()).min(1.0)
        };
        shared_entities.sort_by(|a, b| b.0.total_cmp(&a.0));
        matched_numbers.sort_by(|a, b| b.0.total_cmp(&a.0));
        Parts { text, sentence, entities, numbers, shared_entities, matched_numbers }
    }

    fn reasons(&self, project: &Project, query: &ClaimFeatures, c: usize, parts: &Parts) -> Vec<String> {
        let other = &self.claims[c];
        let mut reasons = Vec::new();
        for &(_, qi, oi) in parts.matched_numbers.iter().take(2) {
            let (q, o) = (&query.quantities[qi], &other.quantities[oi]);
            reasons.push(if q.text.eq_ignore_ascii_case(&o.text) {
                format!("both say {}", q.text)
            } else if q.high.is_some() == o.high.is_some() {
                format!("{} ≈ {}", q.text, o.text)
            } else if q.high.is_some() {
                format!("{} within {}", o.text, q.text)
            } else {
                format!("{} within {}", q.text, o.text)
            });
        }
        let entity_reason = |&(_, qs, os): &(f32, u32, u32)| {
            let (q, o) = (&self.surfaces[qs as usize], &self.surfaces[os as usize]);
            if normalize_word(q) == normalize_word(o) {
                format!("both name {q}")
            } else {
                format!("{q} = {o}")
            }
        };
        let mut named = 0;
        for shared in &parts.shared_entities {
            let (gain, qs, os) = *shared;
            // A name found in a third of all sentences or more explains little, unless
            // it is written differently (an alias the user may not see at once).
            let same_words =
                normalize_word(&self.surfaces[qs as usize]) == normalize_word(&self.surfaces[os as usize]);
            if named == 3 || (same_words && gain < 1.0) {
                continue;
            }
            named += 1;
            reasons.push(entity_reason(shared));
        }
        if parts.text >= 0.1 {
            reasons.push(format!("similar wording {:.2}", parts.text));
        }
        if parts.sentence >= 0.15 && parts.sentence > parts.text + 0.05 {
            reasons.push(format!("similar sentence {:.2}", parts.sentence));
        }
        if reasons.is_empty() {
            // Only weak evidence: say what the strongest part is, so no suggestion comes
            // without a reason.
            reasons.push(match parts.shared_entities.first() {
                Some(shared) if parts.entities >= parts.text.max(parts.sentence) => entity_reason(shared),
                _ if parts.text >= parts.sentence => format!("similar wording {:.2}", parts.text),
                _ => format!("similar sentence {:.2}", parts.sentence),
            });
        }
        if let Some(group_id) = &project.claims[c].group {
            let name = project.group(group_id).map_or(group_id.as_str(), |g| g.name.as_str());
            reasons.push(format!("in group “{name}”: accept to join it"));
        }
        reasons
    }
}

/// Weights after [`SuggestIndex::active_weights`].
struct Weights {
    text: f32,
    sentence: f32,
    entities: f32,
    numbers: f32,
}

/// Similarity parts of two claims, each `0..=1`, and what matched.
struct Parts {
    text: f32,
    sentence: f32,
    entities: f32,
    numbers: f32,
    /// (evidence, query surface, other surface), strongest first.
    shared_entities: Vec<(f32, u32, u32)>,
    /// (strength, query quantity, other quantity), strongest first.
    matched_numbers: Vec<(f32, usize, usize)>,
}

impl Parts {
    fn blend(&self, weights: &Weights) -> f32 {
        (weights.text * self.text
            + weights.sentence * self.sentence
            + weights.entities * self.entities
            + weights.numbers * self.numbers)
            .clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::QuoteSelector;
    use crate::model::{Claim, ClaimId, Document, DocumentId, GroupId, LabelId, Taxonomy, Timestamp};

    fn one(text: &str) -> Quantity {
        let found = quantities(text);
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn numbers_are_normalised() {
        let q = one("between 3,000 to 5,000 ISIS-K* fighters");
        assert_eq!((q.value, q.high, q.kind), (3000.0, Some(5000.0), QuantityKind::Count));
        assert_eq!(q.text, "3,000 to 5,000");
        let q = one("over $7 billion in American military equipment");
        assert_eq!((q.value, q.kind, q.currency), (7e9, QuantityKind::Money, Some("USD")));
        assert_eq!(q.text, "$7 billion");
        let q = one("some 7.12 billion people");
        assert_eq!((q.value, q.kind), (7.12e9, QuantityKind::Count));
        let q = one("it cost 100 million a day");
        assert_eq!((q.value, q.per, q.text.as_str()), (1e8, Some("day"), "100 million a day"));
        let q = one("growth of 5% last year");
        assert_eq!((q.value, q.kind, q.text.as_str()), (5.0, QuantityKind::Percent, "5%"));
        assert_eq!(one("3,000 fighters").value, 3000.0);
        assert_eq!(one("5 per cent").kind, QuantityKind::Percent);
        assert_eq!(one("a 7bn deal").value, 7e9);
        assert_eq!(one("1,234.5 tonnes").value, 1234.5);
        assert_eq!(one("3 to 5 million people").high, Some(5e6));
        assert_eq!(one("3 to 5 million people").value, 3e6);
        assert_eq!(one("3,000–5,000").high, Some(5000.0));
        let q = one("Rs 500 crore");
        assert_eq!((q.value, q.currency), (5e9, Some("PKR")));
        let q = one("two million dollars");
        assert_eq!((q.value, q.kind), (2e6, QuantityKind::Money));
        let q = one("visited Russia in 2003");
        assert_eq!((q.value, q.kind), (2003.0, QuantityKind::Year));
        let q = one("bitter enemies in the 1980s");
        assert_eq!((q.value, q.high, q.kind), (1980.0, Some(1989.0), QuantityKind::Year));
        assert_eq!(one("the 24th SCO Summit").kind, QuantityKind::Ordinal);
        let q = one("the 20-year war");
        assert_eq!((q.value, q.kind), (20.0, QuantityKind::Duration));
        let both = quantities("$100 million a day for two decades");
        assert_eq!(both.len(), 2);
        assert_eq!((both[0].value, both[0].kind, both[0].per), (1e8, QuantityKind::Money, Some("day")));
        assert_eq!(
            (both[1].value, both[1].kind, both[1].text.as_str()),
            (20.0, QuantityKind::Duration, "two decades")
        );
        // Not figures: bare number words, days of months, stray letters after digits.
        assert_eq!(quantities("the two nations met on August 20 and 10 January"), vec![]);
        assert_eq!(quantities("an F16 and 5G"), vec![]);
    }

    #[test]
    fn quantities_match_when_close_and_compatible() {
        let m = |a: &str, b: &str| quantity_match(&one(a), &one(b));
        assert_eq!(m("3,000 fighters", "3000 men"), 1.0);
        assert_eq!(m("3,000", "3,050"), 1.0); // within 3%
        assert_eq!(m("3,000", "3,200"), 0.0);
        assert_eq!(m("$7 billion", "7 billion dollars"), 1.0);
        assert_eq!(m("$7 billion", "7.1 billion"), 0.8); // money against a plain number
        assert_eq!(m("$7 billion", "7 billion rubles"), 0.0);
        assert_eq!(m("the 20-year war", "for two decades"), 1.0);
        assert_eq!(m("5%", "5 per cent"), 1.0);
        assert_eq!(m("5%", "5 tanks"), 0.0);
        assert_eq!(m("in 2013", "in 2013"), 0.6); // years are weaker evidence
        assert_eq!(m("in 2013", "in 2014"), 0.0); // and never approximate
        assert_eq!(m("in 1985", "the 1980s"), 0.3);
        assert_eq!(m("3,000 to 5,000", "3,000 to 5,000"), 1.0);
        assert_eq!(m("3,000 to 5,000", "4,000"), 0.5);
        assert_eq!(m("3,000 to 5,000", "5,000"), 0.75);
        assert_eq!(m("100 million a day", "100 million"), 0.0); // a rate is not a total
    }

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

    #[test]
    fn stems_join_word_forms() {
        assert_eq!(stem("relations"), stem("relationships"));
        assert_eq!(stem("improving"), stem("improvement"));
        assert_eq!(stem("neighbouring"), stem("neighbors"));
        assert_eq!(stem("organisation"), stem("organization"));
        assert_eq!(stem("defence"), stem("defense"));
        assert_eq!(stem("terrorists"), stem("terrorism"));
        assert_ne!(stem("security"), stem("secret"));
    }

    // ---- small projects

    fn document(id: &str, text: &str) -> Document {
        Document::new(DocumentId::new(id), id.to_owned(), text)
    }

    fn project_claim(document: &Document, span: CharSpan) -> Claim {
        Claim::new(
            ClaimId::new("claim"),
            document.id.clone(),
            span,
            QuoteSelector::capture(&document.text, span).unwrap(),
            LabelId::new("statistic"),
            LabelId::new("unverified"),
            Timestamp::from_unix(0),
        )
    }

    /// A project with one document per entry, each sentence of it marked as a claim.
    fn project(documents: &[&[&str]]) -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        for (d, sentences) in documents.iter().enumerate() {
            let text = sentences.join(" ");
            let document = document(&format!("doc-{d}"), &text);
            let mut start = 0;
            for (s, sentence) in sentences.iter().enumerate() {
                let span = CharSpan::new(start, start + sentence.chars().count());
                start = span.end + 1;
                let mut claim = project_claim(&document, span);
                claim.id = ClaimId::new(format!("claim-{d}-{s}"));
                project.claims.push(claim);
            }
            project.documents.push(document);
        }
        project
    }

    /// A project with one document per (text, claim) pair, the claim marked where its
    /// words first occur in the text.
    fn project_with_contexts(documents: &[(&str, &str)]) -> Project {
        let mut project = project(&[]);
        for (d, (text, exact)) in documents.iter().enumerate() {
            let document = document(&format!("doc-{d}"), text);
            let start = text[..text.find(exact).unwrap()].chars().count();
            let span = CharSpan::new(start, start + exact.chars().count());
            let mut claim = project_claim(&document, span);
            claim.id = ClaimId::new(format!("claim-{d}-0"));
            project.claims.push(claim);
            project.documents.push(document);
        }
        project
    }

    fn ids(project: &Project, suggestions: &[Suggestion]) -> Vec<String> {
        suggestions.iter().map(|s| project.claims[s.claim_index].id.as_str().to_owned()).collect()
    }

    #[test]
    fn wording_ranks_the_closer_text_first() {
        let project = project(&[
            &["The two countries set up working groups on counterterrorism and media."],
            &["A joint working group on counter-terrorism was set up by both countries."],
            &["Media groups praised the new stadium in the capital."],
            &["The weather in the capital was hot and humid."],
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-1-0", "claim-2-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score + 0.1);
        assert!(suggestions[0].reasons.iter().any(|r| r.starts_with("similar wording")));
        assert!(suggestions.iter().all(|s| (0.0..=1.0).contains(&s.score)));
    }

    #[test]
    fn numbers_and_aliases_give_reasons() {
        let project = project(&[
            &["Sultan estimated between 3,000 to 5,000 ISIS-K fighters in the country."],
            &["Daesh has 3,000 to 5,000 men there, officials say."],
            &["The army has 3,000 trucks."],
            &["Officials say the country is calm."],
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions)[..2], ["claim-1-0", "claim-2-0"], "{suggestions:?}");
        let reasons = &suggestions[0].reasons;
        assert!(reasons.contains(&"both say 3,000 to 5,000".to_owned()), "{reasons:?}");
        assert!(reasons.contains(&"ISIS-K = Daesh".to_owned()), "{reasons:?}");
        assert!(
            suggestions[1].reasons.contains(&"3,000 within 3,000 to 5,000".to_owned()),
            "{suggestions:?}"
        );
    }

    #[test]
    fn shared_entities_decide_between_equal_wordings() {
        // Both candidates say "recruits in Nangarhar"; only one names the same group.
        let project = project(&[
            &["Officials warned that Daesh recruits in Nangarhar."],
            &["Officials warned that the club recruits in Nangarhar."],
            &["Officials warned that ISIS-K recruits in Nangarhar."],
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-2-0", "claim-1-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score + 0.02, "{suggestions:?}");
        assert_eq!(suggestions[0].reasons[0], "Daesh = ISIS-K");
    }

    #[test]
    fn trigrams_catch_spelling_variants() {
        let joined = trigrams(["counterterrorism"].into_iter());
        assert!(set_cosine(&joined, &trigrams(["counter", "terrorism"].into_iter())) > 0.7);
        assert!(set_cosine(&joined, &trigrams(["cooperation"].into_iter())) < 0.2);
        // Stems and names tie; the misspelt country still wins on its letters.
        let project = project(&[
            &["Kazakhstan signs pipeline deal."],
            &["Turkmenistan signs deal."],
            &["Kazakstan signs deal."],
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-2-0", "claim-1-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score + 0.02, "{suggestions:?}");
    }

    #[test]
    fn sentences_decide_between_equal_claims() {
        let project = project_with_contexts(&[
            ("After long talks on gas prices, the deal was signed.", "the deal was signed"),
            ("At the football stadium, the deal was signed.", "the deal was signed"),
            ("The deal was signed after long talks on gas prices.", "deal was signed"),
        ]);
        let index = SuggestIndex::new(&project);
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-2-0", "claim-1-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score + 0.05, "{suggestions:?}");
    }

    #[test]
    fn never_the_same_document_nor_the_same_group() {
        let mut project = project(&[
            &[
                "Russia and Pakistan held strategic talks in Moscow.",
                "Russia and Pakistan held strategic talks in Moscow again.",
            ],
            &["Russia and Pakistan held strategic talks in Moscow, officials said."],
            &["Pakistan and Russia held strategic talks in Moscow on trade."],
            &["Pakistan and Russia held strategic talks in Moscow on trade."],
        ]);
        let index = SuggestIndex::new(&project);
        let all = ids(&project, &index.suggest(&project, 0, 10));
        assert_eq!(all.len(), 3, "{all:?}");
        assert!(!all.contains(&"claim-0-1".to_owned()), "same document: {all:?}");
        // Put claim 0 and doc-1's claim in a group: doc-1's claim is no longer offered.
        project.claims[0].group = Some(GroupId::new("group-1"));
        project.claims[2].group = Some(GroupId::new("group-1"));
        // Doc-3's claim joins another group: it gets the bonus over its twin in doc-2.
        project.claims[4].group = Some(GroupId::new("group-2"));
        assert!(index.is_current(&project), "group changes need no rebuild");
        let suggestions = index.suggest(&project, 0, 10);
        assert_eq!(ids(&project, &suggestions), ["claim-3-0", "claim-2-0"], "{suggestions:?}");
        assert!(suggestions[0].score > suggestions[1].score);
        assert!(
            suggestions[0].reasons.last().is_some_and(|r| r.starts_with("in group “group-2”")),
            "{suggestions:?}"
        );
        // A claim outside any group sees every claim of the other documents.
        assert_eq!(index.suggest(&project, 3, 10).len(), 4);
    }

    #[test]
    fn stale_or_bad_queries_give_nothing() {
        let mut project = project(&[&["Russia and Pakistan met."], &["Pakistan and Russia met."]]);
        let index = SuggestIndex::new(&project);
        assert_eq!(index.len(), 2);
        assert_eq!(index.suggest(&project, 0, 5).len(), 1);
        assert_eq!(index.suggest(&project, 2, 5), vec![]);
        assert_eq!(index.suggest(&project, 0, 0), vec![]);
        project.claims[1].span.end -= 1;
        assert!(!index.is_current(&project));
        project.claims.pop();
        assert_eq!(index.suggest(&project, 0, 5), vec![]);
        assert!(SuggestIndex::new(&Project::new("empty", Taxonomy::builtin())).is_empty());
    }
}
