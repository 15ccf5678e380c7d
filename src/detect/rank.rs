//! The ranker: a logistic regression over each candidate's features, trained on a
//! project's own decisions (a candidate that a reviewer's claim overlaps is a yes, one
//! that none overlaps a no), which re-scores candidates. With too little to learn from
//! (fewer than five of either answer) the rules' own score stands.
//!
//! Plain batch gradient descent with a little L2 regularization, from zero weights and
//! in a fixed order, so that the same project always gives the same model.

use super::{Candidate, Kind, Rule};
use crate::text::CharSpan;

/// Number of features.
pub const FEATURES: usize = 27;

/// All kinds, in the order of their one-hot features.
const KINDS: [Kind; 10] = Kind::ALL;

/// All rules, in the order of their one-hot features.
const RULES: [Rule; 5] = [Rule::Number, Rule::Attribution, Rule::Date, Rule::Cue, Rule::Statement];

/// Words that open the rest of a sentence rather than a statement of its own.
const CONTINUATIONS: &[&str] =
    &["and", "but", "or", "which", "who", "whom", "while", "when", "where", "as", "that"];

/// The features of candidate `c` of `text`, each in 0..1: the rules' score, its kind
/// and the rule that found it (one-hot), whether it holds a number, a currency sign, a
/// named claimant, its length in words (over 30, and whether it is under five words),
/// its share of capitalized words, whether it starts with a capital or with a word
/// that continues a sentence ("and", "which"), where it stands in the text (page
/// furniture gathers at the end), whether it prescribes ("should", "must"), and a bias
/// term's stand-in (always 1).
pub fn features(text: &str, c: &Candidate) -> [f32; FEATURES] {
    let mut f = [0.0; FEATURES];
    f[0] = c.score;
    if let Some(k) = KINDS.iter().position(|k| *k == c.kind) {
        f[1 + k] = 1.0;
    }
    let quote = c.quote(text);
    let words: Vec<&str> = quote.split_whitespace().collect();
    f[11] = f32::from(quote.chars().any(char::is_numeric));
    f[12] = f32::from(quote.chars().any(|ch| matches!(ch, '$' | '€' | '£' | '₽' | '¥' | '₹' | '₨')));
    f[13] = f32::from(c.claimant.is_some());
    f[14] = (words.len() as f32 / 30.0).min(1.0);
    let capitals = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    f[15] = if words.is_empty() { 0.0 } else { capitals as f32 / words.len() as f32 };
    f[16] = f32::from(quote.chars().next().is_some_and(char::is_uppercase));
    f[17] = 1.0;
    if let Some(r) = RULES.iter().position(|r| *r == c.rule) {
        f[18 + r] = 1.0;
    }
    f[23] = f32::from(words.len() < 5);
    f[24] = f32::from(words.first().is_some_and(|w| CONTINUATIONS.iter().any(|c| c.eq_ignore_ascii_case(w))));
    f[25] = if text.is_empty() { 0.0 } else { c.bytes.0 as f32 / text.len() as f32 };
    f[26] = f32::from(words.iter().any(|w| PRESCRIPTIVE.iter().any(|p| p.eq_ignore_ascii_case(w))));
    f
}

/// Words of what ought to be done: prescriptions, which the guideline leaves unmarked.
const PRESCRIPTIVE: &[&str] = &["should", "must", "ought", "shouldn't", "mustn't"];

/// A trained ranker, or the rules' own scores.
#[derive(Clone, Debug, PartialEq)]
pub enum Ranker {
    /// Too little to learn from: the rules' score.
    Rules,
    /// Logistic regression weights, one per feature.
    Learned([f32; FEATURES]),
}

/// Fewer examples of either answer than this: no training.
const MIN_EACH: usize = 5;

impl Ranker {
    /// Trains on `examples` (features, whether a reviewer marked it).
    pub fn train(examples: &[([f32; FEATURES], bool)]) -> Ranker {
        let yes = examples.iter().filter(|(_, y)| *y).count();
        if yes < MIN_EACH || examples.len() - yes < MIN_EACH {
            return Ranker::Rules;
        }
        let mut w = [0.0f32; FEATURES];
        let (rate, l2, rounds) = (0.5f32, 1e-3f32, 400);
        let n = examples.len() as f32;
        for _ in 0..rounds {
            let mut gradient = [0.0f32; FEATURES];
            for (x, y) in examples {
                let error = sigmoid(dot(&w, x)) - f32::from(*y);
                for (g, xi) in gradient.iter_mut().zip(x) {
                    *g += error * xi;
                }
            }
            for (wi, g) in w.iter_mut().zip(gradient) {
                *wi -= rate * (g / n + l2 * *wi);
            }
        }
        Ranker::Learned(w)
    }

    /// The score of a candidate with features `x`, 0..1.
    pub fn score(&self, x: &[f32; FEATURES]) -> f32 {
        match self {
            Ranker::Rules => x[0],
            Ranker::Learned(w) => sigmoid(dot(w, x)),
        }
    }
}

fn dot(w: &[f32; FEATURES], x: &[f32; FEATURES]) -> f32 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The training examples of one text: each candidate's features, and whether one of
/// the `marked` spans (a reviewer's claims) overlaps it.
pub fn examples(text: &str, candidates: &[Candidate], marked: &[CharSpan]) -> Vec<([f32; FEATURES], bool)> {
    candidates.iter().map(|c| (features(text, c), marked.iter().any(|m| m.overlaps(&c.span)))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(kind: Kind, score: f32) -> Candidate {
        Candidate {
            span: CharSpan::new(0, 3),
            bytes: (0, 3),
            kind,
            claimant: None,
            score,
            reason: "r".into(),
            rule: crate::detect::Rule::Number,
        }
    }

    #[test]
    fn with_too_few_answers_the_rules_score_stands() {
        let x = features("abc", &candidate(Kind::Money, 0.9));
        assert_eq!(Ranker::train(&[(x, true); 4]), Ranker::Rules);
        assert_eq!(Ranker::Rules.score(&x), 0.9);
    }

    #[test]
    fn it_learns_which_kinds_reviewers_mark() {
        // Reviewers mark every money candidate and no prediction, whatever the rules
        // said: the learned scores follow them.
        let text = "$7 billion will";
        let money = Candidate { span: CharSpan::new(0, 10), bytes: (0, 10), ..candidate(Kind::Money, 0.4) };
        let prediction =
            Candidate { span: CharSpan::new(11, 15), bytes: (11, 15), ..candidate(Kind::Prediction, 0.6) };
        let mut examples = Vec::new();
        for _ in 0..10 {
            examples.push((features(text, &money), true));
            examples.push((features(text, &prediction), false));
        }
        let ranker = Ranker::train(&examples);
        assert!(matches!(ranker, Ranker::Learned(_)));
        let (m, p) = (ranker.score(&features(text, &money)), ranker.score(&features(text, &prediction)));
        assert!(m > 0.8 && p < 0.2, "{m} {p}");
        assert_eq!(Ranker::train(&examples), ranker, "the same examples, the same model");
    }
}
