//! Quantities: the numbers a text states, normalised (thousands separators, scale words
//! and suffixes, money, percentages, years and decades, durations, rates, ranges), how
//! well two of them match, and the keys under which the index finds close values.
//! Knows nothing of claims or projects.

use super::words::{MONTHS, Tok, analyse_tokens};
use crate::anchor::{CharIndex, CharSpan};

/// Relative difference under which two values are the same figure (3%).
pub const NUMBER_TOLERANCE: f64 = 0.03;

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
pub(super) fn find_quantities(toks: &[Tok<'_>], index: &CharIndex<'_>) -> Vec<(usize, usize, Quantity)> {
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
pub(super) enum NumberKey {
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
pub(super) fn index_keys(quantity: &Quantity) -> Vec<NumberKey> {
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
pub(super) fn query_keys(quantity: &Quantity) -> Vec<NumberKey> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
