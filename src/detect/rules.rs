//! The patterns that propose candidates, sentence by sentence over the words of
//! [`super::scan`]:
//! - **numbers**: a number (any script's digits) with what comes with it: a currency
//!   sign or word, modifiers before it ("over", "between", "more than"), scale words
//!   ("billion", "млрд"), a second number of a range ("3,000 to 5,000"), a percent, and
//!   up to five words of what it counts ("ISIS-K* fighters", "in American military
//!   equipment", "a day"). Years, days of months, times and ordinals are not counts;
//! - **attributions**: a speech verb ("said", "estimated", "argued" …) with the words
//!   after it (after "that") as the statement and the words before it as the speaker;
//!   "according to X"; a statement followed by "X said". "He", "she" and "they" stand for
//!   the last person named;
//! - **dates** (a month with a day or year, a weekday after "on", "in 2003", "the
//!   1990s"): the clause with what happened, historical before 2010;
//! - **cue words** of events (met, signed, convened …), causes, predictions,
//!   comparisons, the past, policies and judgements: the clause that holds them.
//!
//! A clause runs between commas, semicolons, colons and dashes; a clause of fewer than
//! four words grows to the whole sentence. Of several proposals on the same span, the
//! best scored stays.

use super::scan::{Class, Scan, Word};
use super::{Candidate, Kind, Rule};
use crate::text::CharSpan;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

static SPEECH_VERBS: Lexicon = Lexicon::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "added",
    "adds",
    "noted",
    "argued",
    "argues",
    "arguing",
    "claimed",
    "claiming",
    "estimated",
    "estimates",
    "estimating",
    "warned",
    "warns",
    "announced",
    "alleged",
    "alleges",
    "alleging",
    "insisted",
    "insists",
    "stressed",
    "emphasized",
    "emphasised",
    "underscored",
    "contended",
    "contends",
    "contending",
    "maintained",
    "believes",
    "believed",
    "explained",
    "explains",
    "asserted",
    "asserts",
    "suggested",
    "acknowledged",
    "confirmed",
    "denied",
    "denies",
    "revealed",
    "wrote",
    "predicted",
    "observed",
    "remarked",
    "declared",
    "detailed",
    "заявил",
    "заявила",
    "заявили",
    "сказал",
    "сказала",
    "отметил",
    "отметила",
    "сообщил",
    "сообщила",
    "подчеркнул",
    "подчеркнула",
]);

static PRONOUNS: Lexicon = Lexicon::new(&["he", "she", "they", "он", "она", "они"]);

static ROLES: Lexicon = Lexicon::new(&[
    "analyst",
    "senator",
    "minister",
    "president",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "chief",
    "general",
    "dr",
    "mr",
    "mrs",
    "ms",
    "professor",
    "prof",
    "ambassador",
    "secretary",
    "commander",
    "leader",
    "envoy",
    "official",
    "director",
    "chairman",
    "governor",
]);

/// Words before a number that belong to it, longest first.
const MODIFIER_PHRASES: &[&[&str]] = &[
    &["as", "many", "as"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["up", "to"],
    &["at", "least"],
    &["close", "to"],
    &["over"],
    &["nearly"],
    &["about"],
    &["around"],
    &["almost"],
    &["approximately"],
    &["roughly"],
    &["some"],
    &["between"],
    &["only"],
    &["just"],
    &["under"],
    &["above"],
    &["below"],
    &["почти"],
    &["около"],
    &["более"],
    &["свыше"],
];

static SCALES: Lexicon = Lexicon::new(&[
    "thousand",
    "million",
    "billion",
    "trillion",
    "hundred",
    "mn",
    "bn",
    "lakh",
    "crore",
    "тысяч",
    "тысячи",
    "тыс",
    "млн",
    "млрд",
    "миллион",
    "миллиона",
    "миллионов",
    "миллиард",
    "миллиарда",
    "миллиардов",
]);

static CURRENCY_WORDS: Lexicon = Lexicon::new(&[
    "dollar",
    "dollars",
    "usd",
    "rupee",
    "rupees",
    "rs",
    "pkr",
    "euro",
    "euros",
    "eur",
    "pound",
    "pounds",
    "ruble",
    "rubles",
    "rouble",
    "roubles",
    "yuan",
    "riyal",
    "riyals",
    "afghani",
    "afghanis",
    "рублей",
    "рубля",
    "рубль",
    "долларов",
    "доллара",
    "доллар",
    "евро",
]);

/// Numbers written as words: a count when a counted noun or "of" follows ("Eight rounds
/// of bilateral consultations", "thousands of dollars"). "One" is left out (one side, one
/// of them).
static NUMBER_WORDS: Lexicon = Lexicon::new(&[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "dozens",
    "dozen",
    "две",
    "два",
    "три",
    "четыре",
    "пять",
    "десять",
    "сотни",
    "тысячи",
    "миллионы",
    "миллиарды",
]);

/// Words before a number word that make it a reference, not a count ("the two
/// countries", "both sides").
static DEFINITE: Lexicon =
    Lexicon::new(&["the", "these", "those", "its", "their", "his", "her", "our", "all"]);

const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '₽', '¥', '₹', '₨'];

static PERCENT_WORDS: Lexicon = Lexicon::new(&["percent", "percentage", "процентов", "процента", "процент"]);

/// Words that end what a number counts (verbs, conjunctions, pronouns).
static STOPS: Lexicon = Lexicon::new(&[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "should",
    "must",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "and",
    "or",
    "but",
    "as",
    "if",
    "than",
    "then",
    "when",
    "while",
    "to",
    "from",
    "by",
    "with",
    "on",
    "at",
    "this",
    "these",
    "those",
    "it",
    "its",
    "they",
    "their",
    "he",
    "she",
    "his",
    "her",
    "we",
    "our",
    "not",
    "also",
    "now",
    "still",
    "already",
    "since",
    "after",
    "before",
    "during",
    "into",
    "the",
    "last",
    "next",
    "ago",
    "earlier",
    "later",
    "yesterday",
    "today",
]);

/// Words that may join what a number counts once, when a counted word follows.
static CONNECTORS: Lexicon = Lexicon::new(&["in", "of", "for", "a", "per", "each", "worth"]);

static MONTHS: Lexicon = Lexicon::new(&[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]);

static WEEKDAYS: Lexicon =
    Lexicon::new(&["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

/// Cue words and phrases (as words in a row), with the kind, the score and the words of
/// the reason.
const CUES: &[(&[&str], Kind, f32)] = &[
    (&["because"], Kind::Causal, 0.6),
    (&["due", "to"], Kind::Causal, 0.6),
    (&["led", "to"], Kind::Causal, 0.6),
    (&["leading", "to"], Kind::Causal, 0.55),
    (&["caused"], Kind::Causal, 0.6),
    (&["causing"], Kind::Causal, 0.55),
    (&["resulted", "in"], Kind::Causal, 0.6),
    (&["resulting", "in"], Kind::Causal, 0.55),
    (&["as", "a", "result"], Kind::Causal, 0.6),
    (&["enabled", "by"], Kind::Causal, 0.6),
    (&["thanks", "to"], Kind::Causal, 0.5),
    (&["owing", "to"], Kind::Causal, 0.55),
    (&["driven", "by"], Kind::Causal, 0.5),
    (&["fueled"], Kind::Causal, 0.5),
    (&["fuelled"], Kind::Causal, 0.5),
    (&["will"], Kind::Prediction, 0.55),
    (&["shall"], Kind::Prediction, 0.5),
    (&["expected", "to"], Kind::Prediction, 0.55),
    (&["likely", "to"], Kind::Prediction, 0.5),
    (&["set", "to"], Kind::Prediction, 0.45),
    (&["plans", "to"], Kind::Prediction, 0.5),
    (&["going", "to"], Kind::Prediction, 0.45),
    (&["could"], Kind::Prediction, 0.4),
    (&["would"], Kind::Prediction, 0.35),
    (&["might"], Kind::Prediction, 0.35),
    (&["more", "than"], Kind::Comparison, 0.45),
    (&["less", "than"], Kind::Comparison, 0.45),
    (&["fewer", "than"], Kind::Comparison, 0.45),
    (&["largest"], Kind::Comparison, 0.5),
    (&["biggest"], Kind::Comparison, 0.5),
    (&["highest"], Kind::Comparison, 0.5),
    (&["lowest"], Kind::Comparison, 0.5),
    (&["greatest"], Kind::Comparison, 0.45),
    (&["compared"], Kind::Comparison, 0.5),
    (&["twice"], Kind::Comparison, 0.45),
    (&["first-ever"], Kind::Historical, 0.55),
    (&["former"], Kind::Historical, 0.45),
    (&["formerly"], Kind::Historical, 0.45),
    (&["decades"], Kind::Historical, 0.45),
    (&["history"], Kind::Historical, 0.4),
    (&["historic"], Kind::Historical, 0.4),
    (&["soviet"], Kind::Historical, 0.5),
    (&["cold", "war"], Kind::Historical, 0.5),
    (&["agreed"], Kind::Policy, 0.5),
    (&["pledged"], Kind::Policy, 0.5),
    (&["vowed"], Kind::Policy, 0.5),
    (&["committed", "to"], Kind::Policy, 0.45),
    (&["supports"], Kind::Policy, 0.45),
    (&["supporting"], Kind::Policy, 0.45),
    (&["opposes"], Kind::Policy, 0.45),
    (&["calls", "for"], Kind::Policy, 0.45),
    (&["called", "for"], Kind::Policy, 0.45),
    (&["abides"], Kind::Policy, 0.45),
    (&["policy"], Kind::Policy, 0.4),
    (&["urged"], Kind::Policy, 0.45),
    (&["does", "not"], Kind::Policy, 0.35),
    (&["was", "not"], Kind::Policy, 0.3),
    (&["met"], Kind::Event, 0.45),
    (&["convened"], Kind::Event, 0.5),
    (&["visited"], Kind::Event, 0.45),
    (&["visits"], Kind::Event, 0.4),
    (&["visit"], Kind::Event, 0.35),
    (&["signed"], Kind::Event, 0.5),
    (&["held"], Kind::Event, 0.4),
    (&["hosted"], Kind::Event, 0.45),
    (&["launched"], Kind::Event, 0.45),
    (&["constituted"], Kind::Event, 0.45),
    (&["established"], Kind::Event, 0.45),
    (&["killed"], Kind::Event, 0.5),
    (&["attacked"], Kind::Event, 0.5),
    (&["concluded"], Kind::Event, 0.45),
    (&["has", "given"], Kind::Event, 0.4),
    (&["withdrew"], Kind::Event, 0.45),
    (&["installed"], Kind::Event, 0.4),
    (&["significant"], Kind::Evaluative, 0.35),
    (&["primary"], Kind::Evaluative, 0.3),
    (&["threat"], Kind::Evaluative, 0.35),
    (&["dominance"], Kind::Evaluative, 0.35),
    (&["broader"], Kind::Evaluative, 0.3),
    (&["increasing"], Kind::Evaluative, 0.35),
    (&["growing"], Kind::Evaluative, 0.35),
    (&["improving"], Kind::Evaluative, 0.35),
    (&["struggling"], Kind::Evaluative, 0.35),
    (&["endangering"], Kind::Evaluative, 0.35),
    (&["shambles"], Kind::Evaluative, 0.4),
    (&["cannot", "be", "ignored"], Kind::Evaluative, 0.4),
    (&["reflected"], Kind::Evaluative, 0.3),
    (&["critical"], Kind::Evaluative, 0.3),
    (&["failure"], Kind::Evaluative, 0.35),
    (&["impact"], Kind::Evaluative, 0.3),
];

/// Words that open the rest of a sentence ("and highlighted its dangerous aftermath",
/// "which is due in Islamabad"): a short such clause is no statement of its own.
static CONTINUATIONS: Lexicon = Lexicon::new(&[
    "and", "but", "or", "which", "who", "whom", "whose", "while", "when", "where", "as", "if", "although",
    "though", "whereas", "since", "because", "that",
]);

/// Prepositions that end what a number counts ("Eight rounds of bilateral consultations
/// | between Pakistan and Russia"); "in", "of", "for" … are connectors instead.
static PREPOSITIONS: Lexicon = Lexicon::new(&[
    "between",
    "with",
    "from",
    "on",
    "at",
    "by",
    "into",
    "across",
    "against",
    "among",
    "during",
    "after",
    "before",
    "under",
    "over",
    "through",
    "within",
    "without",
    "toward",
    "towards",
    "amid",
    "alongside",
    "including",
    "like",
    "near",
    "since",
    "until",
]);

/// Words a span does not end on.
static FUNCTION_WORDS: Lexicon = Lexicon::new(&[
    "the", "a", "an", "of", "for", "to", "in", "on", "at", "by", "with", "from", "and", "or", "but", "as",
    "its", "their", "his", "her", "this", "that", "these", "those",
]);

/// Words of positions and commitments, for the kind of a statement no pattern found.
static POLICY_HINTS: Lexicon = Lexicon::new(&[
    "commitment",
    "committed",
    "cooperation",
    "cooperating",
    "emphasized",
    "emphasizing",
    "stressed",
    "decided",
    "decision",
    "welcome",
    "support",
    "supported",
    "ready",
    "prepared",
    "importance",
    "agreement",
    "framework",
    "strengthen",
    "promote",
    "promoting",
    "position",
    "stance",
    "priority",
    "policy",
    "reiterated",
]);

/// Marks that end a clause.
fn separates(c: &str) -> bool {
    matches!(c, "," | ";" | ":" | "—" | "–" | "(" | ")")
}

/// Marks left off the ends of a span.
fn trimmed_off(c: &str) -> bool {
    matches!(
        c,
        "," | ";"
            | ":"
            | "."
            | "!"
            | "?"
            | "—"
            | "–"
            | "-"
            | "("
            | ")"
            | "\""
            | "“"
            | "”"
            | "‘"
            | "’"
            | "'"
            | "«"
            | "»"
            | "…"
            | "؟"
            | "。"
    )
}

/// Whether `word` is one of `list` (lower case; non-ASCII words are lowered first):
/// for the short lists written in place.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|l| l.eq_ignore_ascii_case(word))
    } else {
        let lower = word.to_lowercase();
        list.contains(&lower.as_str())
    }
}

/// A word list looked up by hash (built on first use), in any case.
struct Lexicon {
    words: &'static [&'static str],
    set: OnceLock<HashSet<&'static str>>,
}

impl Lexicon {
    const fn new(words: &'static [&'static str]) -> Lexicon {
        Lexicon { words, set: OnceLock::new() }
    }

    fn has(&self, word: &str) -> bool {
        let set = self.set.get_or_init(|| self.words.iter().copied().collect());
        with_lower(word, |lower| set.contains(lower))
    }
}

/// Runs `f` on `word` in lower case, without allocating for a short ASCII word.
fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    if !word.is_ascii() {
        return f(&word.to_lowercase());
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(word);
    }
    let mut buffer = [0u8; 32];
    match buffer.get_mut(..word.len()) {
        Some(lower) => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            f(std::str::from_utf8(lower).unwrap_or_default())
        }
        None => f(&word.to_ascii_lowercase()),
    }
}

/// The cues by their first word.
fn cue_index() -> &'static HashMap<&'static str, Vec<usize>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<usize>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (n, (words, _, _)) in CUES.iter().enumerate() {
            index.entry(words[0]).or_default().push(n);
        }
        index
    })
}

/// Proposes the candidates of every sentence of `scan`.
pub fn apply(text: &str, scan: &Scan) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut people = People::default();
    for range in &scan.sentences {
        let sentence = Sentence { text, words: &scan.words[range.clone()] };
        // Page furniture and headings hold no claim to mark (the guideline leaves
        // headlines out); a heading's names are still learned for the pronouns.
        if sentence.is_metadata() {
            continue;
        }
        if sentence.is_heading() {
            people.learn(&sentence);
            continue;
        }
        let mut found = Vec::new();
        let attribution = sentence.attribution(&mut people);
        if let Some(a) = &attribution {
            found.push(a.candidate.clone());
        }
        sentence.numbers(&mut found);
        sentence.dates(&mut found);
        sentence.cues(&mut found);
        if let Some(a) = &attribution {
            // A statement holding claims of its own (a count, a date, a cause …) is
            // proposed as those claims, each the speaker's; one that holds none is
            // proposed whole, as what the speaker said.
            let inside = |c: &Candidate| {
                a.content.start <= c.span.start && c.span.end <= a.content.end && c.span != a.content
            };
            if found.iter().any(|c| c.kind != Kind::Attributed && inside(c)) {
                found.retain(|c| c.span != a.candidate.span || c.kind != Kind::Attributed);
            }
        }
        sentence.statements(&mut found);
        // The speaker owns what stands inside their statement.
        if let Some(a) = &attribution {
            for candidate in
                found.iter_mut().filter(|c| a.owns.start <= c.span.start && c.span.end <= a.owns.end)
            {
                candidate.claimant = a.candidate.claimant.clone();
            }
        }
        // Of several proposals of one span, the best scored.
        found.sort_by(|a, b| {
            (a.span, b.score).partial_cmp(&(b.span, a.score)).unwrap_or(std::cmp::Ordering::Equal)
        });
        found.dedup_by(|a, b| a.span == b.span);
        people.learn(&sentence);
        out.extend(found);
    }
    out
}

/// The people named so far, for "he", "she" and a bare family name.
#[derive(Default)]
struct People {
    names: Vec<String>,
}

impl People {
    /// The last person whose name ends with `family` (or the last person, for a pronoun).
    fn resolve(&self, word: &str) -> Option<String> {
        if PRONOUNS.has(word) {
            return self.names.last().cloned();
        }
        self.names.iter().rev().find(|n| n.rsplit(' ').next() == Some(word)).cloned()
    }

    /// Remembers the names of `sentence`: runs of two to four capitalized words after a
    /// role word or before a verb-like lower-case word.
    fn learn(&mut self, sentence: &Sentence<'_>) {
        let words = sentence.words;
        let mut i = 0;
        while i < words.len() {
            let run = sentence.capital_run(i);
            if (2..=4).contains(&run) {
                let after_role = i > 0 && ROLES.has(sentence.word(i - 1))
                    || i > 1 && sentence.word(i - 1) == "." && ROLES.has(sentence.word(i - 2));
                let before_lower = words.get(i + run).is_some_and(|w| w.class == Class::Alpha && !w.capital);
                if after_role || before_lower {
                    let name = sentence.join(i, i + run);
                    self.names.retain(|n| n != &name);
                    self.names.push(name);
                }
                i += run;
            } else {
                i += run.max(1);
            }
        }
    }
}

/// A statement put in a speaker's mouth.
struct Attribution {
    candidate: Candidate,
    /// The statement's chars.
    content: CharSpan,
    /// What the speaker owns: the statement, and when it follows the verb the rest of
    /// the sentence too ("…, contending this violated US regulations").
    owns: CharSpan,
}

struct Sentence<'a> {
    text: &'a str,
    words: &'a [Word],
}

impl<'a> Sentence<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.words[i].text(self.text)
    }

    fn is_word(&self, i: usize, list: &[&str]) -> bool {
        i < self.words.len() && is_one_of(self.word(i), list)
    }

    fn is_in(&self, i: usize, lexicon: &Lexicon) -> bool {
        i < self.words.len() && lexicon.has(self.word(i))
    }

    /// Words `from..to` as they stand in the text.
    fn join(&self, from: usize, to: usize) -> String {
        let (a, b) = (self.words[from].bytes.0, self.words[to - 1].bytes.1);
        self.text[a..b].to_owned()
    }

    /// How many capitalized words (names) run from `i`.
    fn capital_run(&self, i: usize) -> usize {
        self.words[i..].iter().take_while(|w| w.class == Class::Alpha && w.capital).count()
    }

    /// A line of dates, links or tags: no lower-case word of the text's own, or a link.
    fn is_metadata(&self) -> bool {
        let link = self.words.iter().any(|w| {
            let t = w.text(self.text);
            t.eq_ignore_ascii_case("http") || t.eq_ignore_ascii_case("https") || t.eq_ignore_ascii_case("www")
        });
        let lower_words = self
            .words
            .iter()
            .filter(|w| w.class == Class::Alpha && !w.capital && w.end - w.start > 2)
            .take(2)
            .count();
        // A line of tags: many commas, no capital letter.
        let commas = self.words.iter().filter(|w| w.text(self.text) == ",").count();
        let tags = commas >= 5 && !self.words.iter().any(|w| w.capital) && commas * 5 >= self.words.len();
        link || lower_words < 2 || tags
    }

    /// A heading or a title: a line of fewer than twelve words that does not end as a
    /// sentence does.
    fn is_heading(&self) -> bool {
        let ends = self.words.last().is_some_and(|w| {
            w.class == Class::Mark
                && matches!(w.text(self.text), "." | "!" | "?" | "”" | "\"" | "؟" | "。" | "…")
        });
        !ends && self.words.iter().filter(|w| w.class != Class::Mark).count() < 12
    }

    /// A footnote or an author's line: it starts with `*`.
    fn is_footnote(&self) -> bool {
        self.words.first().is_some_and(|w| w.text(self.text) == "*")
    }

    /// The span of words `from..to`, trimmed of punctuation at both ends; `None` when
    /// nothing is left.
    fn span(&self, mut from: usize, mut to: usize) -> Option<(CharSpan, (usize, usize))> {
        while from < to && self.words[from].class == Class::Mark && trimmed_off(self.word(from)) {
            from += 1;
        }
        while to > from && self.words[to - 1].class == Class::Mark && trimmed_off(self.word(to - 1)) {
            to -= 1;
        }
        (from < to).then(|| {
            let (first, last) = (self.words[from], self.words[to - 1]);
            (CharSpan::new(first.start, last.end), (first.bytes.0, last.bytes.1))
        })
    }

    /// The words of the clause around word `i`: between separators, or the whole
    /// sentence when that clause has fewer than four words.
    fn clause(&self, i: usize) -> (usize, usize) {
        let start =
            self.words[..i].iter().rposition(|w| w.class == Class::Mark && separates(w.text(self.text)));
        let end = self.words[i..].iter().position(|w| w.class == Class::Mark && separates(w.text(self.text)));
        let (from, to) = (start.map_or(0, |s| s + 1), end.map_or(self.words.len(), |e| i + e));
        let content = self.words[from..to].iter().filter(|w| w.class != Class::Mark).count();
        if content < 4 { (0, self.words.len()) } else { (from, to) }
    }

    /// [`Sentence::clause`] around word `i`, starting after the last number or sum of
    /// money found before `i` in it: "Eight rounds of bilateral consultations … will be
    /// held in Islamabad on April 25" is two claims, the count and what will happen.
    fn clause_past_numbers(&self, i: usize, found: &[Candidate]) -> (usize, usize) {
        let (from, to) = self.clause(i);
        let first = self.words[from].start;
        let anchor = self.words[i].start;
        let after = found
            .iter()
            .filter(|c| matches!(c.kind, Kind::Statistic | Kind::Money))
            .filter(|c| first <= c.span.start && c.span.end <= anchor)
            .map(|c| c.span.end)
            .max();
        match after {
            Some(end) => ((from..i).find(|&k| self.words[k].start >= end).unwrap_or(i), to),
            None => (from, to),
        }
    }

    fn candidate(
        &self,
        from: usize,
        to: usize,
        (kind, rule): (Kind, Rule),
        score: f32,
        reason: String,
    ) -> Option<Candidate> {
        let (span, bytes) = self.span(from, to)?;
        Some(Candidate { span, bytes, kind, claimant: None, score, reason, rule })
    }

    /// A speech verb with its statement and speaker, or "according to X".
    fn attribution(&self, people: &mut People) -> Option<Attribution> {
        let n = self.words.len();
        if let Some(k) = (0..n.saturating_sub(1))
            .find(|&k| self.is_word(k, &["according"]) && self.is_word(k + 1, &["to"]))
        {
            let run = if k + 2 < n { self.capital_run(k + 2) } else { 0 };
            let speaker_end = if run > 0 {
                k + 2 + run
            } else {
                (k + 2..n).find(|&j| self.words[j].class == Class::Mark).unwrap_or(n)
            };
            if speaker_end > k + 2 {
                let speaker = self.join(k + 2, speaker_end);
                let speaker = people.resolve(&speaker).unwrap_or(speaker);
                // "According to X, …" or "… , according to X."
                let (from, to) = if k == 0 { (speaker_end, n) } else { (0, k) };
                return self.attributed(from, to, speaker, "according to");
            }
        }
        let v = (1..n).find(|&i| {
            let w = self.words[i];
            w.class == Class::Alpha && !w.capital && SPEECH_VERBS.has(self.word(i))
        })?;
        let verb = self.word(v).to_owned();
        // The speaker: past an appositive (", a co-organizer of the forum,") to a name.
        let mut end = v;
        if self.words[end - 1].class == Class::Mark
            && self.word(end - 1) == ","
            && let Some(comma) = self.words[..end - 1].iter().rposition(|w| w.text(self.text) == ",")
        {
            end = comma;
        }
        let run_start = self.words[..end]
            .iter()
            .rposition(|w| !(w.class == Class::Alpha && w.capital))
            .map_or(0, |p| p + 1);
        let speaker = if run_start < end {
            let name = self.join(run_start, end);
            people.resolve(&name).unwrap_or(name)
        } else if end > 0 && self.is_in(end - 1, &PRONOUNS) {
            people.resolve(self.word(end - 1))?
        } else {
            return None;
        };
        // The statement: after the verb (and "that"), or, when the verb closes the
        // sentence ("…, Zigon stated"), before the speaker.
        let mut from = v + 1;
        while from < n
            && (self.is_word(from, &["that", "how", "что", "out"]) || self.words[from].class == Class::Mark)
        {
            from += 1;
        }
        let after = self.words[from.min(n)..].iter().filter(|w| w.class != Class::Mark).count();
        if after >= 3 {
            let to = self.statement_end(from);
            return self.attributed(from, to, speaker, &verb);
        }
        let before = self.words[..run_start].iter().rposition(|w| w.text(self.text) == ",")?;
        self.attributed(0, before, speaker, &verb)
    }

    /// Where a statement starting at word `from` ends: the sentence's end, or a comma
    /// before "adding", "while" or a second speech verb.
    fn statement_end(&self, from: usize) -> usize {
        (from..self.words.len())
            .find(|&j| {
                self.word(j) == ","
                    && (self.is_word(j + 1, &["adding", "while", "whereas"])
                        || self.is_in(j + 1, &SPEECH_VERBS)
                        || j + 2 < self.words.len() && self.is_in(j + 2, &SPEECH_VERBS))
            })
            .unwrap_or(self.words.len())
    }

    fn attributed(&self, from: usize, to: usize, speaker: String, cue: &str) -> Option<Attribution> {
        let (span, bytes) = self.span(from, to)?;
        let numbers = self.words[from..to].iter().any(|w| w.class == Class::Number);
        let score = if numbers { 0.8 } else { 0.7 };
        let reason = format!("a statement attributed to {speaker} (“{cue}”)");
        let candidate = Candidate {
            span,
            bytes,
            kind: Kind::Attributed,
            claimant: Some(speaker),
            score,
            reason,
            rule: Rule::Attribution,
        };
        let owns = match self.words.last() {
            Some(last) if from > 0 => CharSpan::new(span.start, last.end.max(span.end)),
            _ => span,
        };
        Some(Attribution { candidate, content: span, owns })
    }

    /// Numbers with what they count, sums of money and percentages.
    fn numbers(&self, found: &mut Vec<Candidate>) {
        let n = self.words.len();
        let mut i = 0;
        while i < n {
            let word = self.words[i];
            let in_words = self.is_number_word(i);
            if !(word.class == Class::Number && self.is_count(i) || in_words) {
                i += 1;
                continue;
            }
            let mut money = false;
            let mut percent = false;
            // Before: a currency sign, then a modifier ("over", "more than", "between").
            let sign_start = if i > 0 && self.is_currency_sign(i - 1) {
                money = true;
                i - 1
            } else {
                i
            };
            let mut from = sign_start;
            for phrase in MODIFIER_PHRASES {
                let len = phrase.len();
                if from >= len && phrase.iter().enumerate().all(|(k, w)| self.is_word(from - len + k, &[w])) {
                    from -= len;
                    break;
                }
            }
            // After: scales, a range's second number, a percent, currency words.
            let mut to = i + 1;
            loop {
                if self.is_in(to, &SCALES) {
                    to += 1;
                } else if self.is_in(to, &PERCENT_WORDS) || to < n && self.word(to) == "%" {
                    percent = true;
                    to += 1;
                } else if self.is_word(to, &["per"]) && self.is_word(to + 1, &["cent"]) {
                    percent = true;
                    to += 2;
                } else if self.is_in(to, &CURRENCY_WORDS) {
                    money = true;
                    to += 1;
                } else if (self.is_word(to, &["to", "and"]) || to < n && matches!(self.word(to), "-" | "–"))
                    && self.number_at(to + 1)
                {
                    to += 2;
                } else if (self.is_word(to, &["to", "and"]) || to < n && matches!(self.word(to), "-" | "–"))
                    && self.is_currency_sign(to + 1)
                    && self.number_at(to + 2)
                {
                    to += 3;
                } else {
                    break;
                }
            }
            let number_end = to;
            // What it counts: up to six words, two connectors among them ("a day for two
            // decades"); after a percent only "of" what ("40% of voters").
            let mut counted = 0;
            let mut connectors = 0;
            while to < n && counted < 6 {
                let w = self.words[to];
                let t = self.word(to);
                if w.class == Class::Alpha && CONNECTORS.has(t) {
                    if connectors == 2 || percent && t != "of" {
                        break;
                    }
                    // A second connector does not lead to a name: "… for two decades in
                    // Afghanistan" counts decades, not places.
                    let next = self.words.get(to + 1);
                    if next.is_some_and(|x| {
                        x.class != Class::Mark
                            && !STOPS.has(x.text(self.text))
                            && !(connectors == 1 && x.capital)
                    }) {
                        connectors += 1;
                        to += 1;
                        continue;
                    }
                    break;
                }
                let counts = match w.class {
                    Class::Alpha => {
                        !(STOPS.has(t)
                            || SPEECH_VERBS.has(t)
                            || PREPOSITIONS.has(t)
                            || percent && connectors == 0)
                    }
                    Class::Mark => t == "*" && to > number_end,
                    Class::Number => connectors > 0 && !self.is_year(to),
                };
                if !counts {
                    break;
                }
                to += 1;
                counted += 1;
            }
            // "thousands of dollars": the currency among what it counts.
            money |= (number_end..to).any(|j| self.is_in(j, &CURRENCY_WORDS));
            if in_words && to == number_end {
                // A number word with nothing counted is no claim ("the other two").
                i += 1;
                continue;
            }
            let shown = self.join(sign_start, number_end);
            let (kind, score, reason) = if money {
                (Kind::Money, 0.9, format!("a sum of money (“{}”)", shown.trim()))
            } else if percent {
                (Kind::Statistic, 0.85, format!("a percentage (“{}”)", shown.trim()))
            } else if to > number_end {
                (Kind::Statistic, 0.85, format!("a number with what it counts (“{}”)", self.join(i, to)))
            } else {
                (Kind::Statistic, 0.6, format!("a number (“{}”)", shown.trim()))
            };
            if let Some(candidate) = self.candidate(from, to, (kind, Rule::Number), score, reason) {
                found.push(candidate);
            }
            i = number_end.max(i + 1);
        }
    }

    fn is_currency_sign(&self, i: usize) -> bool {
        i < self.words.len()
            && self.words[i].class == Class::Mark
            && self.word(i).chars().next().is_some_and(|c| CURRENCY_SIGNS.contains(&c))
    }

    /// A number written as a word that counts something: not after "the", "both" …,
    /// and followed by a word that is not a verb or a conjunction.
    fn is_number_word(&self, i: usize) -> bool {
        self.words[i].class == Class::Alpha
            && NUMBER_WORDS.has(self.word(i))
            && !(i > 0 && self.is_in(i - 1, &DEFINITE))
            && self.words.get(i + 1).is_some_and(|w| w.class == Class::Alpha && !STOPS.has(w.text(self.text)))
    }

    fn number_at(&self, i: usize) -> bool {
        i < self.words.len() && self.words[i].class == Class::Number
    }

    /// Whether the number at `i` counts something: not a year, a day of a month, a
    /// time, part of a date or an ordinal.
    fn is_count(&self, i: usize) -> bool {
        let word = self.words[i];
        let t = self.word(i);
        if t.chars().any(char::is_alphabetic) {
            // "24th", "1990s", "17T17" count nothing; "20-year" is a length.
            return t.split_once('-').is_some_and(|(n, unit)| {
                n.chars().all(char::is_numeric) && unit.chars().all(char::is_alphabetic)
            });
        }
        if self.is_year(i) {
            return self.is_in(i + 1, &SCALES) || i > 0 && self.is_currency_sign(i - 1);
        }
        // Seven digits or more with no separator: a telephone number, an id.
        if t.chars().filter(|c| c.is_numeric()).count() >= 7 && t.chars().all(char::is_numeric) {
            return false;
        }
        let month_near = (i > 0 && self.is_month(i - 1))
            || self.is_month(i + 1)
            || (i > 1 && self.word(i - 1) == "." && self.is_month(i - 2));
        if month_near {
            return false;
        }
        // Touching ':' '/' or '-' with digits on the other side: a time or a date.
        let touching = |j: usize| {
            j < self.words.len()
                && matches!(self.word(j), ":" | "/" | "-" | "+")
                && (self.words[j].start == word.end || self.words[j].end == word.start)
        };
        !(touching(i + 1) && self.number_at(i + 2) && self.words[i + 2].start == self.words[i + 1].end
            || i >= 2
                && touching(i - 1)
                && self.number_at(i - 2)
                && self.words[i - 2].end == self.words[i - 1].start)
    }

    fn is_year(&self, i: usize) -> bool {
        let t = self.word(i);
        t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) && matches!(t.parse::<u32>(), Ok(1800..=2100))
    }

    fn is_month(&self, i: usize) -> bool {
        i < self.words.len() && self.words[i].class == Class::Alpha && MONTHS.has(self.word(i))
            && (self.words[i].capital || !self.word(i).is_ascii())
            // "may" the verb is no month; "May" at a sentence's start is left out too.
            && !(self.word(i) == "May" && i == 0)
    }

    /// Dates with what happened: the clause around a date.
    fn dates(&self, found: &mut Vec<Candidate>) {
        let n = self.words.len();
        for i in 0..n {
            let t = self.word(i);
            let (date, year) = if self.is_month(i) {
                let year = (i + 1..(i + 5).min(n))
                    .find(|&j| self.is_year(j))
                    .and_then(|j| self.word(j).parse::<u32>().ok());
                let day = self.number_at(i + 1)
                    || i > 0 && self.number_at(i - 1)
                    || i + 2 < n && self.word(i + 1) == "." && self.number_at(i + 2);
                if !(day || year.is_some()) {
                    continue;
                }
                (t.to_owned(), year)
            } else if self.is_in(i, &WEEKDAYS) && i > 0 && self.is_word(i - 1, &["on"]) {
                (format!("on {t}"), None)
            } else if self.is_year(i)
                && i > 0
                && self.is_word(i - 1, &["in", "since", "until", "by", "after", "before", "the"])
            {
                (format!("{} {t}", self.word(i - 1)), t.parse().ok())
            } else if self.words[i].class == Class::Number
                && t.len() == 5
                && t.ends_with('s')
                && t[..4].bytes().all(|b| b.is_ascii_digit())
            {
                (t.to_owned(), t[..4].parse().ok())
            } else {
                continue;
            };
            let historical = year.is_some_and(|y| y < 2010);
            // Below the cue words': a date in a clause that predicts is a prediction.
            let (kind, score, what) = if historical {
                (Kind::Historical, 0.55, "a statement about the past")
            } else {
                (Kind::Event, 0.5, "a date with what happened")
            };
            let (from, to) = self.clause_past_numbers(i, found);
            if let Some(candidate) =
                self.candidate(from, to, (kind, Rule::Date), score, format!("{what} (“{date}”)"))
            {
                found.push(candidate);
            }
        }
    }

    /// What no pattern found: each stretch of a clause of five words or more that no
    /// candidate touches (a whole clause, or what is left of one beside a candidate) is
    /// proposed as a statement, at a low score, its kind guessed from its words. Most sentences of a news text state something a desk would check; the
    /// ranker learns which of these a project marks.
    fn statements(&self, found: &mut Vec<Candidate>) {
        let n = self.words.len();
        let question = self.words.last().is_some_and(|w| matches!(w.text(self.text), "?" | "؟"));
        if self.is_footnote() || question {
            return;
        }
        // The words each candidate touches, by their starts (sorted), summed from a
        // difference array: linear in the words and candidates.
        let mut depth = vec![0i32; n + 1];
        for candidate in found.iter() {
            let first = self.words.partition_point(|w| w.end <= candidate.span.start);
            let last = self.words.partition_point(|w| w.start < candidate.span.end);
            if first < last {
                depth[first] += 1;
                depth[last] -= 1;
            }
        }
        let mut covered = vec![false; n];
        let mut running = 0;
        for (k, flag) in covered.iter_mut().enumerate() {
            running += depth[k];
            *flag = running > 0;
        }
        let mut i = 0;
        while i < n {
            if covered[i] || self.words[i].class == Class::Mark && separates(self.word(i)) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n && !covered[j] && !(self.words[j].class == Class::Mark && separates(self.word(j))) {
                j += 1;
            }
            let content = self.words[i..j].iter().filter(|w| w.class != Class::Mark).count();
            let lower = self.words[i..j].iter().filter(|w| w.class == Class::Alpha && !w.capital).count();
            let continues = self.is_in(i, &CONTINUATIONS) && content < 7;
            if content >= 5 && lower >= 2 && !continues {
                let past = self.words[i..j].iter().any(|w| {
                    let t = w.text(self.text);
                    w.class == Class::Alpha && !w.capital && t.len() > 4 && t.ends_with("ed")
                });
                let policy = (i..j).any(|k| self.is_in(k, &POLICY_HINTS));
                let (kind, what) = if policy {
                    (Kind::Policy, "a position or commitment")
                } else if past {
                    (Kind::Event, "a statement of what happened")
                } else {
                    (Kind::Evaluative, "a statement")
                };
                let reason = format!("{what} (no pattern found: a low score)");
                // Not ending on "the", "of" … where another candidate cut the clause.
                let mut end = j;
                while end > i + 1 && self.is_in(end - 1, &FUNCTION_WORDS) {
                    end -= 1;
                }
                if let Some(candidate) = self.candidate(i, end, (kind, Rule::Statement), 0.35, reason) {
                    found.push(candidate);
                }
            }
            i = j;
        }
    }

    /// Cue words of causes, predictions, comparisons, the past and policies.
    fn cues(&self, found: &mut Vec<Candidate>) {
        let n = self.words.len();
        for i in 0..n {
            if self.words[i].class != Class::Alpha {
                continue;
            }
            let Some(found_cues) = with_lower(self.word(i), |lower| cue_index().get(lower)) else {
                continue;
            };
            for (cue, kind, score) in found_cues.iter().map(|&n| &CUES[n]) {
                if i + cue.len() > n
                    || !cue.iter().enumerate().skip(1).all(|(k, c)| self.is_word(i + k, &[c]))
                {
                    continue;
                }
                // "more than 3,000" is a number's, not a comparison.
                if *kind == Kind::Comparison && self.number_at(i + cue.len()) {
                    continue;
                }
                // After a count in the clause, the cue's claim starts at the cue ("Eight
                // rounds … | will be held in Islamabad").
                let (from, to) = match self.clause_past_numbers(i, found) {
                    (from, to) if from > self.clause(i).0 => (i, to),
                    clause => clause,
                };
                let shown = self.join(i, i + cue.len());
                let what = match kind {
                    Kind::Causal => "a cause or effect",
                    Kind::Prediction => "a prediction or what may happen",
                    Kind::Comparison => "a comparison",
                    Kind::Historical => "a statement about the past",
                    Kind::Event => "something that happened",
                    Kind::Evaluative => "a judgement stated as fact",
                    _ => "a stated policy or commitment",
                };
                if let Some(candidate) =
                    self.candidate(from, to, (*kind, Rule::Cue), *score, format!("{what} (“{shown}”)"))
                {
                    found.push(candidate);
                }
            }
        }
    }
}
