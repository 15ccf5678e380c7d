//! Framing diff: how the members of one claim group word the same claim. Per member the
//! numbers its quote gives, the hedging, certainty and attribution words of its passage,
//! whether it is asserted or attributed, who claims it, the verdict, and a word-level
//! difference of its quote against the group's **reference member**, which is always
//! the group's first member (claim order: the first document, then position). Per aspect
//! ([`Aspect`]) whether the members differ, so that a reader sees at a glance what
//! changes from outlet to outlet.
//!
//! Pure computation over a [`GroupView`]: no egui, no project, no printing. It reuses
//! [`crate::suggest::quantities`] for numbers (never a second number parser) and
//! `similar` for the word difference.
//!
//! # When an aspect differs
//!
//! - **Numbers**: two members give the same numbers when every quantity of one has the
//!   same figure in the other and back. The same figure means [`quantity_match`] finds
//!   them compatible and, for ranges, both ends agree within [`NUMBER_TOLERANCE`]: "3,000"
//!   and "3000" are the same, "3,000" and "3,000 to 5,000" are not (a single value
//!   against a range always differs), and "$7 billion" and "7 billion" are the same
//!   figure. A member with no number differs from one with a number.
//! - **Hedges**: the sets of hedging and certainty words (case folded) differ.
//!   Attribution words ("said", "according to") are listed but not compared: speech
//!   verbs change with the sentence's build, and whether the claim is handed to a
//!   speaker is the attribution aspect.
//! - **Attribution**: asserted against attributed ([`Attribution`]).
//! - **Claimant**: the claimants differ after trimming and case folding ("" when not
//!   recorded counts as a claimant of its own).
//! - **Verdict**: the verdict ids differ.
//! - **Wording**: a member's quote differs from the reference's in at least one word.
//!
//! Each member carries its own flags against the reference member ([`MemberFraming::differs`])
//! and the group carries the union over members ([`FramingDiff::differs`]); a group with
//! fewer than two members never differs.

use super::{GroupView, Header, HedgeKind, MemberView};
use crate::model::Attribution;
use crate::suggest::{NUMBER_TOLERANCE, Quantity, QuantityKind, quantities, quantity_match};
use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices};

/// One thing in which the members of a group can differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aspect {
    /// The numbers the quotes give.
    Numbers,
    /// The hedging and certainty words of the passages.
    Hedges,
    /// Asserted by the outlet or attributed to a speaker.
    Attribution,
    /// Who asserts the claim.
    Claimant,
    /// The fact-checker's verdict.
    Verdict,
    /// The words of the quote.
    Wording,
}

impl Aspect {
    /// Every aspect, in the order the views show them.
    pub const ALL: [Aspect; 6] = [
        Aspect::Numbers,
        Aspect::Hedges,
        Aspect::Attribution,
        Aspect::Claimant,
        Aspect::Verdict,
        Aspect::Wording,
    ];

    /// The id used in exports and CSS classes.
    pub fn id(self) -> &'static str {
        match self {
            Aspect::Numbers => "numbers",
            Aspect::Hedges => "hedges",
            Aspect::Attribution => "attribution",
            Aspect::Claimant => "claimant",
            Aspect::Verdict => "verdict",
            Aspect::Wording => "wording",
        }
    }

    /// Name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Aspect::Numbers => "Numbers",
            Aspect::Hedges => "Hedging and certainty",
            Aspect::Attribution => "Asserted or attributed",
            Aspect::Claimant => "Claimant",
            Aspect::Verdict => "Verdict",
            Aspect::Wording => "Wording",
        }
    }
}

/// Which aspects differ, one flag per [`Aspect`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AspectFlags {
    /// The numbers differ.
    pub numbers: bool,
    /// The hedging and certainty words differ.
    pub hedges: bool,
    /// Asserted against attributed.
    pub attribution: bool,
    /// The claimants differ.
    pub claimant: bool,
    /// The verdicts differ.
    pub verdict: bool,
    /// The quotes' words differ.
    pub wording: bool,
}

impl AspectFlags {
    /// The flag of `aspect`.
    pub fn get(self, aspect: Aspect) -> bool {
        match aspect {
            Aspect::Numbers => self.numbers,
            Aspect::Hedges => self.hedges,
            Aspect::Attribution => self.attribution,
            Aspect::Claimant => self.claimant,
            Aspect::Verdict => self.verdict,
            Aspect::Wording => self.wording,
        }
    }

    /// The aspects that differ, in [`Aspect::ALL`]'s order.
    pub fn differing(self) -> Vec<Aspect> {
        Aspect::ALL.into_iter().filter(|&a| self.get(a)).collect()
    }

    fn union(self, other: AspectFlags) -> AspectFlags {
        AspectFlags {
            numbers: self.numbers || other.numbers,
            hedges: self.hedges || other.hedges,
            attribution: self.attribution || other.attribution,
            claimant: self.claimant || other.claimant,
            verdict: self.verdict || other.verdict,
            wording: self.wording || other.wording,
        }
    }
}

/// A number a member's quote gives.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FramedNumber {
    /// The words as written ("between 3,000 to 5,000" gives "3,000 to 5,000").
    pub text: String,
    /// The value, or the low end of a range.
    pub value: f64,
    /// The high end of a range; `None` for a single value.
    pub high: Option<f64>,
    /// What it measures: count, money, percent, year, duration or ordinal.
    pub kind: &'static str,
    /// ISO code of the currency of money, when the text says it.
    pub currency: Option<&'static str>,
    /// The time unit of a rate ("a day" is `day`).
    pub per: Option<&'static str>,
    #[serde(skip)]
    quantity: Quantity,
}

impl FramedNumber {
    fn of(quantity: Quantity) -> FramedNumber {
        FramedNumber {
            text: quantity.text.clone(),
            value: quantity.value,
            high: quantity.high,
            kind: kind_id(quantity.kind),
            currency: quantity.currency,
            per: quantity.per,
            quantity,
        }
    }

    /// The normalised value as a reader checks it: "3000", "3000–5000", "7000000000 USD",
    /// "5%", "20 years" (a duration), "100000000 USD a day", "ordinal 24".
    pub fn normalised(&self) -> String {
        let mut out = plain_number(self.value);
        if let Some(high) = self.high {
            out.push('–');
            out.push_str(&plain_number(high));
        }
        if let Some(currency) = self.currency {
            out.push(' ');
            out.push_str(currency);
        }
        match self.kind {
            "percent" => out.push('%'),
            "duration" => out.push_str(" years"),
            "ordinal" => out.insert_str(0, "ordinal "),
            _ => {}
        }
        if let Some(per) = self.per {
            out.push_str(" a ");
            out.push_str(per);
        }
        out
    }
}

fn kind_id(kind: QuantityKind) -> &'static str {
    match kind {
        QuantityKind::Count => "count",
        QuantityKind::Money => "money",
        QuantityKind::Percent => "percent",
        QuantityKind::Year => "year",
        QuantityKind::Duration => "duration",
        QuantityKind::Ordinal => "ordinal",
    }
}

/// A number without a fraction when it has none ("3000", "2.5").
fn plain_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { format!("{value}") }
}

/// A hedging, certainty or attribution word of a member's passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FramedWord {
    /// The word or phrase, lower case.
    pub word: String,
    /// What it does.
    pub kind: HedgeKind,
}

/// How a piece of a quote compares with the reference member's quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// In both quotes.
    Equal,
    /// Only in this member's quote.
    Inserted,
    /// Only in the reference's quote.
    Deleted,
}

/// A run of a quote's text with one [`Change`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffSegment {
    /// Equal, inserted or deleted.
    pub change: Change,
    /// The text of the run (words with the spaces and punctuation between them).
    pub text: String,
}

/// One member of a group, with what the framing diff shows of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberFraming {
    /// The claim's id.
    pub claim_id: String,
    /// The name of the outlet whose text the claim is, if recorded.
    pub outlet: Option<String>,
    /// The document's own outlet when the claim sits in a passage it quotes from another
    /// (`via_outlet_name` in json, as in the comparison's group views).
    #[serde(rename = "via_outlet_name")]
    pub via: Option<String>,
    /// Asserted by the outlet or attributed to a speaker.
    pub attribution: Attribution,
    /// Who asserts the claim ("" when not recorded).
    pub claimant: String,
    /// The verdict (id, name, colour).
    pub verdict: Header,
    /// The claim's exact text.
    pub quote: String,
    /// The numbers the quote gives, in order.
    pub numbers: Vec<FramedNumber>,
    /// The hedging, certainty and attribution words of the passage, each once (first
    /// use), in passage order.
    pub words: Vec<FramedWord>,
    /// The quote against the reference member's: the reference's own quote is one
    /// equal segment.
    pub quote_diff: Vec<DiffSegment>,
    /// The aspects in which this member differs from the reference member.
    pub differs: AspectFlags,
}

impl MemberFraming {
    /// The words of `kind`, comma separated.
    pub fn words_of(&self, kind: HedgeKind) -> String {
        let words: Vec<&str> =
            self.words.iter().filter(|w| w.kind == kind).map(|w| w.word.as_str()).collect();
        words.join(", ")
    }

    /// The numbers as written, each with its normalised value ("3,000 to 5,000 (3000–5000)").
    pub fn numbers_text(&self) -> String {
        let numbers: Vec<String> =
            self.numbers.iter().map(|n| format!("{} ({})", n.text, n.normalised())).collect();
        numbers.join("; ")
    }

    /// The quote with the difference marked in plain text: `[-deleted-]`, `{+inserted+}`.
    pub fn marked_quote(&self) -> String {
        let mut out = String::new();
        for segment in &self.quote_diff {
            match segment.change {
                Change::Equal => out.push_str(&segment.text),
                Change::Deleted => {
                    out.push_str("[-");
                    out.push_str(&segment.text);
                    out.push_str("-]");
                }
                Change::Inserted => {
                    out.push_str("{+");
                    out.push_str(&segment.text);
                    out.push_str("+}");
                }
            }
        }
        out
    }
}

/// The framing diff of one group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FramingDiff {
    /// The group's id.
    pub group_id: String,
    /// The group's name.
    pub name: String,
    /// The index in `members` of the reference member: always 0, the group's first member.
    pub reference: usize,
    /// The members in the group view's order.
    pub members: Vec<MemberFraming>,
    /// The aspects in which any member differs from the reference.
    pub differs: AspectFlags,
}

/// Whether two quantities are the same figure (see the module docs).
fn same_figure(a: &Quantity, b: &Quantity) -> bool {
    if quantity_match(a, b) <= 0.0 || a.high.is_some() != b.high.is_some() {
        return false;
    }
    let close = |x: f64, y: f64| {
        let exact = matches!(a.kind, QuantityKind::Year | QuantityKind::Ordinal);
        if exact { x == y } else { (x - y).abs() <= NUMBER_TOLERANCE * x.abs().max(y.abs()) }
    };
    close(a.value, b.value) && close(a.high.unwrap_or(a.value), b.high.unwrap_or(b.value))
}

/// Whether every number of `a` has the same figure in `b` and back.
fn same_numbers(a: &[FramedNumber], b: &[FramedNumber]) -> bool {
    let covered = |from: &[FramedNumber], to: &[FramedNumber]| {
        from.iter().all(|x| to.iter().any(|y| same_figure(&x.quantity, &y.quantity)))
    };
    covered(a, b) && covered(b, a)
}

/// The hedging and certainty words (not attribution), sorted, for comparing.
fn hedge_set(words: &[FramedWord]) -> Vec<&str> {
    let mut set: Vec<&str> =
        words.iter().filter(|w| w.kind != HedgeKind::Attribution).map(|w| w.word.as_str()).collect();
    set.sort_unstable();
    set.dedup();
    set
}

fn fold(text: &str) -> String {
    text.trim().to_lowercase()
}

/// A quote's tokens, each with the white space after it: a run of letters and digits
/// (a number keeps its separators: "3,000", "7.5"), or any other char alone, so that
/// punctuation never glues to a word.
fn tokens(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &(byte, c)) in chars.iter().enumerate() {
        let Some(&(_, previous)) = i.checked_sub(1).and_then(|p| chars.get(p)) else {
            continue;
        };
        if c.is_whitespace() {
            continue;
        }
        let in_number = (c == ',' || c == '.')
            && previous.is_ascii_digit()
            && chars.get(i + 1).is_some_and(|&(_, next)| next.is_ascii_digit());
        let after_separator = c.is_ascii_digit()
            && (previous == ',' || previous == '.')
            && i >= 2
            && chars[i - 2].1.is_ascii_digit();
        let joined = (c.is_alphanumeric() && previous.is_alphanumeric()) || in_number || after_separator;
        if !joined {
            out.push(&text[start..byte]);
            start = byte;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The word-level difference of `quote` against `reference`: `similar`'s patience diff
/// over [`tokens`]. Changes with no equal text between them make one deletion followed
/// by one insertion; white space that both end in is given to the equal text after them,
/// so that the markers hug the words ("[-two bitter-]{+former cold war+} rivals").
/// The equal and deleted segments spell `reference`, the equal and inserted ones `quote`.
pub fn word_diff(reference: &str, quote: &str) -> Vec<DiffSegment> {
    let old = tokens(reference);
    let new = tokens(quote);
    // Tokens are compared without the white space after them: a word at the end of one
    // quote and in the middle of the other is the same word.
    let old_words: Vec<&str> = old.iter().map(|t| t.trim_end()).collect();
    let new_words: Vec<&str> = new.iter().map(|t| t.trim_end()).collect();
    let mut segments: Vec<DiffSegment> = Vec::new();
    let (mut deleted, mut inserted) = (String::new(), String::new());
    for op in capture_diff_slices(Algorithm::Patience, &old_words, &new_words) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                flush(&mut segments, &mut deleted, &mut inserted);
                for (old_token, new_token) in old[old_range].iter().zip(&new[new_range]) {
                    // The same word; white space that differs after it is a change of its own.
                    let word = new_token.trim_end();
                    push(&mut segments, Change::Equal, word);
                    deleted.push_str(&old_token[word.len()..]);
                    inserted.push_str(&new_token[word.len()..]);
                    flush(&mut segments, &mut deleted, &mut inserted);
                }
            }
            DiffTag::Delete => deleted.push_str(&old[old_range].concat()),
            DiffTag::Insert => inserted.push_str(&new[new_range].concat()),
            DiffTag::Replace => {
                deleted.push_str(&old[old_range].concat());
                inserted.push_str(&new[new_range].concat());
            }
        }
    }
    flush(&mut segments, &mut deleted, &mut inserted);
    merge_short_equalities(segments)
}

/// A run of a diff: equal text, or a change (what the reference has, what the member has).
enum Run {
    Equal(String),
    Changed(String, String),
}

/// Folds an equal run between two changes into them when it is less than half as long
/// (in chars) as the longer side of the change before it and of the change after it: two
/// different sentences share "the" and "to", and marking those as kept only chops the
/// difference into pieces. Equal text as long as a replaced word stays (" 3,000 "
/// between "between"/"some" and "to 5,000"). Repeated until nothing folds; the equal
/// and deleted runs still spell the reference, the equal and inserted ones the quote.
fn merge_short_equalities(segments: Vec<DiffSegment>) -> Vec<DiffSegment> {
    let mut runs: Vec<Run> = Vec::with_capacity(segments.len());
    for segment in segments {
        match (segment.change, runs.last_mut()) {
            (Change::Equal, _) => runs.push(Run::Equal(segment.text)),
            (Change::Deleted, Some(Run::Changed(deleted, _))) => deleted.push_str(&segment.text),
            (Change::Inserted, Some(Run::Changed(_, inserted))) => inserted.push_str(&segment.text),
            (Change::Deleted, _) => runs.push(Run::Changed(segment.text, String::new())),
            (Change::Inserted, _) => runs.push(Run::Changed(String::new(), segment.text)),
        }
    }
    let longer = |run: &Run| match run {
        Run::Changed(deleted, inserted) => deleted.chars().count().max(inserted.chars().count()),
        Run::Equal(_) => 0,
    };
    let mut i = 1;
    while i + 1 < runs.len() {
        let fold = match &runs[i] {
            Run::Equal(text) => {
                let twice = 2 * text.chars().count();
                twice < longer(&runs[i - 1]) && twice < longer(&runs[i + 1])
            }
            Run::Changed(..) => false,
        };
        if !fold {
            i += 1;
            continue;
        }
        let after = runs.remove(i + 1);
        let equal = runs.remove(i);
        if let (
            Run::Changed(deleted, inserted),
            Run::Equal(text),
            Run::Changed(more_deleted, more_inserted),
        ) = (&mut runs[i - 1], equal, after)
        {
            deleted.push_str(&text);
            deleted.push_str(&more_deleted);
            inserted.push_str(&text);
            inserted.push_str(&more_inserted);
        }
        // The grown change may now fold the equal run before it.
        i = i.saturating_sub(2).max(1);
    }
    let mut out = Vec::with_capacity(runs.len() + 2);
    for run in runs {
        match run {
            Run::Equal(text) => push(&mut out, Change::Equal, &text),
            Run::Changed(mut deleted, mut inserted) => flush(&mut out, &mut deleted, &mut inserted),
        }
    }
    out
}

/// Appends a run, joined to the last one when it has the same change.
fn push(segments: &mut Vec<DiffSegment>, change: Change, text: &str) {
    if text.is_empty() {
        return;
    }
    match segments.last_mut() {
        Some(last) if last.change == change => last.text.push_str(text),
        _ => segments.push(DiffSegment { change, text: text.to_owned() }),
    }
}

/// Writes the pending deletion and insertion (see [`word_diff`]) and empties them.
fn flush(segments: &mut Vec<DiffSegment>, deleted: &mut String, inserted: &mut String) {
    let mut common = String::new();
    if !deleted.is_empty() && !inserted.is_empty() {
        let shared = deleted
            .chars()
            .rev()
            .zip(inserted.chars().rev())
            .take_while(|(a, b)| a == b && a.is_whitespace())
            .count();
        for _ in 0..shared {
            if let Some(c) = deleted.pop() {
                common.insert(0, c);
            }
            inserted.pop();
        }
    }
    push(segments, Change::Deleted, deleted);
    push(segments, Change::Inserted, inserted);
    push(segments, Change::Equal, &common);
    deleted.clear();
    inserted.clear();
}

fn member_framing(member: &MemberView) -> MemberFraming {
    let mut words: Vec<FramedWord> = Vec::with_capacity(member.hedges.len());
    for hedge in &member.hedges {
        let word = hedge.word.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if !words.iter().any(|w| w.word == word && w.kind == hedge.kind) {
            words.push(FramedWord { word, kind: hedge.kind });
        }
    }
    MemberFraming {
        claim_id: member.claim_id.clone(),
        outlet: member.outlet_name.clone(),
        via: member.via_outlet_name.clone(),
        attribution: member.attribution,
        claimant: member.claimant.clone(),
        verdict: member.verdict.clone(),
        quote: member.quote.clone(),
        numbers: quantities(&member.quote).into_iter().map(FramedNumber::of).collect(),
        words,
        quote_diff: Vec::new(),
        differs: AspectFlags::default(),
    }
}

/// The framing diff of `group`; see the module docs. The reference member is the first.
pub fn framing_diff(group: &GroupView) -> FramingDiff {
    let mut members: Vec<MemberFraming> = group.members.iter().map(member_framing).collect();
    let mut differs = AspectFlags::default();
    if let Some(reference_view) = group.members.first() {
        let reference = members[0].clone();
        let reference_hedges = hedge_set(&reference.words);
        for (framing, view) in members.iter_mut().zip(&group.members) {
            framing.quote_diff = if view.quote == reference_view.quote {
                vec![DiffSegment { change: Change::Equal, text: view.quote.clone() }]
            } else {
                word_diff(&reference_view.quote, &view.quote)
            };
            framing.differs = AspectFlags {
                numbers: !same_numbers(&reference.numbers, &framing.numbers),
                hedges: reference_hedges != hedge_set(&framing.words),
                attribution: reference.attribution != framing.attribution,
                claimant: fold(&reference.claimant) != fold(&framing.claimant),
                verdict: reference.verdict.id != framing.verdict.id,
                wording: framing
                    .quote_diff
                    .iter()
                    .any(|s| s.change != Change::Equal && !s.text.trim().is_empty()),
            };
            differs = differs.union(framing.differs);
        }
    }
    FramingDiff { group_id: group.group_id.clone(), name: group.name.clone(), reference: 0, members, differs }
}

/// The framing diff of every group, in the groups' order.
pub fn framing_diffs(groups: &[GroupView]) -> Vec<FramingDiff> {
    groups.iter().map(framing_diff).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::CharSpan;
    use crate::compare::{Passage, hedges};

    fn member(claim_id: &str, quote: &str, sentence: &str) -> MemberView {
        let start = sentence.find(quote).map_or(0, |b| sentence[..b].chars().count());
        MemberView {
            claim_index: 0,
            claim_id: claim_id.into(),
            quote: quote.into(),
            document_id: format!("doc-{claim_id}"),
            document_title: format!("Document {claim_id}"),
            document_url: None,
            published: None,
            outlet_id: Some(format!("outlet-{claim_id}")),
            outlet_name: Some(format!("Outlet {claim_id}")),
            affiliation: None,
            via_outlet_id: None,
            via_outlet_name: None,
            genre: None,
            kind: Header { id: "statistic".into(), name: "Statistic".into(), colour: None },
            claimant: "Maria Sultan".into(),
            attribution: Attribution::Attributed,
            verdict: Header { id: "unverified".into(), name: "Unverified".into(), colour: None },
            frames: Vec::new(),
            hedges: hedges(sentence),
            passage: Passage {
                text: sentence.into(),
                claim: CharSpan::new(start, start + quote.chars().count()),
                start: 0,
                cut_before: false,
                cut_after: false,
            },
        }
    }

    fn group(members: Vec<MemberView>) -> GroupView {
        GroupView { group_id: "group-1".into(), name: "Fighters".into(), notes: String::new(), members }
    }

    fn segments(diff: &[DiffSegment]) -> Vec<(Change, &str)> {
        diff.iter().map(|s| (s.change, s.text.as_str())).collect()
    }

    #[test]
    fn a_single_figure_against_a_range_differs_and_the_same_figure_written_otherwise_does_not() {
        let diff = framing_diff(&group(vec![
            member("a", "3,000 ISIS-K fighters", "There are 3,000 ISIS-K fighters."),
            member("b", "3,000 to 5,000 ISIS-K fighters", "There are 3,000 to 5,000 ISIS-K fighters."),
            member("c", "3000 ISIS-K fighters", "There are 3000 ISIS-K fighters."),
        ]));
        let [a, b, c] = &diff.members[..] else { panic!("three members") };
        assert_eq!(
            (a.numbers[0].text.as_str(), a.numbers[0].value, a.numbers[0].high),
            ("3,000", 3000.0, None)
        );
        assert_eq!(
            (b.numbers[0].text.as_str(), b.numbers[0].value, b.numbers[0].high),
            ("3,000 to 5,000", 3000.0, Some(5000.0))
        );
        assert_eq!(b.numbers[0].normalised(), "3000–5000");
        assert_eq!(b.numbers_text(), "3,000 to 5,000 (3000–5000)");
        assert!(!a.differs.numbers, "the reference never differs from itself");
        assert!(b.differs.numbers);
        assert!(!c.differs.numbers, "3000 is 3,000");
        assert!(diff.differs.numbers);
        // A number against none differs too.
        let none = framing_diff(&group(vec![
            member("a", "3,000 fighters", "3,000 fighters."),
            member("b", "thousands of fighters", "thousands of fighters."),
        ]));
        assert!(none.members[0].numbers.len() == 1 && none.members[1].numbers.is_empty());
        assert!(none.differs.numbers);
        // Money with and without the sign is the same figure.
        let money = framing_diff(&group(vec![
            member("a", "$7 billion in aid", "$7 billion in aid."),
            member("b", "7 billion dollars in aid", "7 billion dollars in aid."),
        ]));
        assert!(!money.differs.numbers);
        assert_eq!(money.members[0].numbers[0].normalised(), "7000000000 USD");
        let other = framing_diff(&group(vec![
            member("a", "for two decades, 5% of $100 million a day", "x"),
            member("b", "the 20-year war, 5 per cent of 100 million dollars a day", "x"),
        ]));
        let normalised: Vec<String> = other.members[0].numbers.iter().map(FramedNumber::normalised).collect();
        assert_eq!(normalised, ["20 years", "5%", "100000000 USD a day"]);
        assert!(!other.differs.numbers, "{:?}", other.members[1].numbers);
    }

    #[test]
    fn a_hedge_only_one_member_uses_differs_and_attribution_words_do_not_count() {
        let diff = framing_diff(&group(vec![
            member("a", "3,000 fighters", "An estimated 3,000 fighters are there, she said."),
            member("b", "3,000 fighters", "Clearly 3,000 fighters are there, according to him."),
            member("c", "3,000 fighters", "An Estimated 3,000 fighters are there."),
        ]));
        let [a, b, c] = &diff.members[..] else { panic!("three members") };
        assert_eq!(
            a.words,
            [
                FramedWord { word: "estimated".into(), kind: HedgeKind::Hedging },
                FramedWord { word: "said".into(), kind: HedgeKind::Attribution },
            ]
        );
        assert_eq!(b.words_of(HedgeKind::Certainty), "clearly");
        assert_eq!(b.words_of(HedgeKind::Hedging), "");
        assert_eq!(b.words_of(HedgeKind::Attribution), "according to");
        assert!(b.differs.hedges, "estimated against clearly");
        assert!(!c.differs.hedges, "the same hedge in other case; no attribution word does not count");
        assert!(diff.differs.hedges);
        assert!(!diff.differs.numbers && !diff.differs.wording);
    }

    #[test]
    fn asserted_against_attributed_claimants_and_verdicts() {
        let mut b = member("b", "3,000 fighters", "3,000 fighters.");
        b.attribution = Attribution::Asserted;
        b.claimant = "Sputnik".into();
        let mut c = member("c", "3,000 fighters", "3,000 fighters.");
        c.claimant = "  maria sultan ".into();
        c.verdict = Header { id: "false".into(), name: "False".into(), colour: None };
        let diff = framing_diff(&group(vec![member("a", "3,000 fighters", "3,000 fighters."), b, c]));
        let flags: Vec<Vec<Aspect>> = diff.members.iter().map(|m| m.differs.differing()).collect();
        assert_eq!(flags, [vec![], vec![Aspect::Attribution, Aspect::Claimant], vec![Aspect::Verdict]]);
        assert_eq!(diff.differs.differing(), [Aspect::Attribution, Aspect::Claimant, Aspect::Verdict]);
    }

    #[test]
    fn quotes_are_diffed_word_by_word_against_the_first_member() {
        let diff = framing_diff(&group(vec![
            member("a", "between 3,000 to 5,000 ISIS-K fighters", "x"),
            member("b", "some 3,000 ISIS-K fighters, officials say", "x"),
            member("c", "between 3,000 to 5,000 ISIS-K fighters", "x"),
        ]));
        assert_eq!(
            segments(&diff.members[0].quote_diff),
            [(Change::Equal, "between 3,000 to 5,000 ISIS-K fighters")]
        );
        assert_eq!(
            segments(&diff.members[1].quote_diff),
            [
                (Change::Deleted, "between"),
                (Change::Inserted, "some"),
                (Change::Equal, " 3,000 "),
                (Change::Deleted, "to 5,000 "),
                (Change::Equal, "ISIS-K fighters"),
                (Change::Inserted, ", officials say"),
            ]
        );
        assert_eq!(
            diff.members[1].marked_quote(),
            "[-between-]{+some+} 3,000 [-to 5,000 -]ISIS-K fighters{+, officials say+}"
        );
        assert!(diff.members[1].differs.wording && !diff.members[2].differs.wording);
        assert_eq!(diff.reference, 0);
    }

    #[test]
    fn replaced_words_read_as_one_deletion_then_one_insertion() {
        assert_eq!(
            segments(&word_diff("the two bitter rivals", "the former cold war rivals")),
            [
                (Change::Equal, "the "),
                (Change::Deleted, "two bitter"),
                (Change::Inserted, "former cold war"),
                (Change::Equal, " rivals"),
            ]
        );
        assert_eq!(tokens("ISIS-K, 3,000 or 7.5."), ["ISIS", "-", "K", ", ", "3,000 ", "or ", "7.5", "."]);
    }

    #[test]
    fn short_words_two_different_sentences_share_are_not_kept_alone() {
        // From the sample's group-1: Sputnik's quote against New Eastern Outlook's. Kept
        // alone, "to" and "the" would chop the difference into five pieces.
        assert_eq!(
            segments(&word_diff(
                "posing a direct security threat to neighboring Pakistan",
                "the terrorist organization using the Afghan soil to conduct terrorism in the neighboring countries"
            )),
            [
                (Change::Deleted, "posing a direct security threat to"),
                (
                    Change::Inserted,
                    "the terrorist organization using the Afghan soil to conduct terrorism in the"
                ),
                (Change::Equal, " neighboring "),
                (Change::Deleted, "Pakistan"),
                (Change::Inserted, "countries"),
            ]
        );
    }

    #[test]
    fn the_segments_spell_both_quotes() {
        let spell = |diff: &[DiffSegment], side: Change| -> String {
            diff.iter()
                .filter(|s| s.change == Change::Equal || s.change == side)
                .map(|s| s.text.as_str())
                .collect()
        };
        for (reference, quote) in [
            (
                "Islamabad and Moscow remained bitter enemies in the 1980s",
                "Pakistan sided with the US bloc in the Cold War",
            ),
            ("a  x b", "a b c"),
            ("", "new words"),
            ("old words", ""),
            ("Daesh’s subsidiaries, in Afghanistan.", "Daesh, in  Afghanistan!"),
            ("a deal", "a deal on Monday"),
            ("the army has  3,000\ntroops ", " the army has 3,000 troops"),
        ] {
            let diff = word_diff(reference, quote);
            assert_eq!(spell(&diff, Change::Deleted), reference);
            assert_eq!(spell(&diff, Change::Inserted), quote);
        }
        // Every pair of the sample's first 50 claims, which share words and numbers here
        // and there.
        let project = crate::sample::sample_project().unwrap();
        let quotes: Vec<&str> = project.claims.iter().take(50).map(|c| c.quote.exact.as_str()).collect();
        for reference in &quotes {
            for quote in &quotes {
                let diff = word_diff(reference, quote);
                assert_eq!(spell(&diff, Change::Deleted), *reference);
                assert_eq!(spell(&diff, Change::Inserted), *quote);
                assert!(diff.windows(2).all(|w| w[0].change != w[1].change), "runs are joined: {diff:?}");
                assert!(diff.iter().all(|s| !s.text.is_empty()));
            }
        }
    }

    #[test]
    fn a_word_at_the_end_of_one_quote_is_the_same_word_and_white_space_is_no_wording() {
        // The last word of the reference, followed by more words in the quote, is kept.
        assert_eq!(
            segments(&word_diff(
                "Pakistan and Russia signed a deal",
                "Pakistan and Russia signed a deal on Monday"
            )),
            [(Change::Equal, "Pakistan and Russia signed a deal"), (Change::Inserted, " on Monday")]
        );
        // The same words broken over lines or spaced twice: no word differs.
        let diff = framing_diff(&group(vec![
            member("a", "the army has 3,000 troops", "x"),
            member("b", "the army has 3,000\ntroops", "x"),
            member("c", "the army has  3,000 troops", "x"),
        ]));
        assert!(!diff.members[1].differs.wording, "{:?}", diff.members[1].quote_diff);
        assert!(!diff.members[2].differs.wording, "{:?}", diff.members[2].quote_diff);
        assert!(!diff.differs.wording);
    }

    #[test]
    fn a_group_of_one_or_none_differs_in_nothing() {
        assert_eq!(framing_diff(&group(vec![])).differs, AspectFlags::default());
        let one = framing_diff(&group(vec![member("a", "3,000 fighters", "Reportedly 3,000 fighters.")]));
        assert_eq!(one.differs, AspectFlags::default());
        assert_eq!(one.members[0].words_of(HedgeKind::Hedging), "reportedly");
    }
}
