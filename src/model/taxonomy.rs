//! The label sets a project uses: claim kinds, outlet affiliations, document genres,
//! framing dimensions, verdicts and source relations. A project embeds its own copy, so
//! a file stays readable without the tool's defaults. The defaults ship as
//! `schemas/default.taxonomy.ron` and are compiled into the binary.
//!
//! This module only describes and checks label sets; it does not know about claims.

use super::ids::LabelId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The default taxonomy as shipped in `schemas/default.taxonomy.ron`.
pub const DEFAULT_TAXONOMY_RON: &str = include_str!("../../schemas/default.taxonomy.ron");

/// The label sets of a project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// A name for this taxonomy, e.g. "claimmark default".
    pub name: String,
    /// What kind of factual claim a span is (statistic, money, event ...).
    pub claim_kinds: Vec<Label>,
    /// Who stands behind an outlet (state media, forum, private ...).
    pub affiliations: Vec<Label>,
    /// What kind of text a document is (news report, op-ed ...).
    pub genres: Vec<Label>,
    /// Framing dimensions (the 15 of the Media Frames Corpus by default).
    pub frames: Vec<Label>,
    /// Fact-check ratings; the first entry is the verdict of a new claim.
    pub verdicts: Vec<Label>,
    /// How a source relates to a claim (cited in text, supports, contradicts ...).
    pub source_relations: Vec<Label>,
}

/// One entry of a label set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Stable id, referred to by claims, outlets and documents.
    pub id: LabelId,
    /// Name shown to the user.
    pub name: String,
    /// Display colour as `#rrggbb`.
    pub colour: String,
    /// Key that applies this label where the set is offered (a letter or digit).
    pub shortcut: Option<char>,
    /// One line saying when to use this label.
    pub description: String,
}

/// Names one of the label sets of a [`Taxonomy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelSet {
    /// [`Taxonomy::claim_kinds`]
    ClaimKind,
    /// [`Taxonomy::affiliations`]
    Affiliation,
    /// [`Taxonomy::genres`]
    Genre,
    /// [`Taxonomy::frames`]
    Frame,
    /// [`Taxonomy::verdicts`]
    Verdict,
    /// [`Taxonomy::source_relations`]
    SourceRelation,
}

impl LabelSet {
    /// Every label set, in file order.
    pub const ALL: [LabelSet; 6] = [
        LabelSet::ClaimKind,
        LabelSet::Affiliation,
        LabelSet::Genre,
        LabelSet::Frame,
        LabelSet::Verdict,
        LabelSet::SourceRelation,
    ];

    /// The field name of this set in the taxonomy file.
    pub fn field_name(self) -> &'static str {
        match self {
            LabelSet::ClaimKind => "claim_kinds",
            LabelSet::Affiliation => "affiliations",
            LabelSet::Genre => "genres",
            LabelSet::Frame => "frames",
            LabelSet::Verdict => "verdicts",
            LabelSet::SourceRelation => "source_relations",
        }
    }

    /// A human name of one entry of this set ("claim kind", "verdict" ...).
    pub fn singular(self) -> &'static str {
        match self {
            LabelSet::ClaimKind => "claim kind",
            LabelSet::Affiliation => "affiliation",
            LabelSet::Genre => "genre",
            LabelSet::Frame => "frame",
            LabelSet::Verdict => "verdict",
            LabelSet::SourceRelation => "source relation",
        }
    }
}

impl fmt::Display for LabelSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.singular())
    }
}

/// A problem found in a taxonomy by [`Taxonomy::problems`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxonomyProblem {
    /// The set the problem is in.
    pub set: LabelSet,
    /// The label it is about (0-based, in the set), when it is about one.
    pub index: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Taxonomy {
    /// The default taxonomy compiled into the binary.
    ///
    /// # Panics
    /// Never in a released build: a test checks that the shipped file parses.
    pub fn builtin() -> Taxonomy {
        ron::from_str(DEFAULT_TAXONOMY_RON).expect("schemas/default.taxonomy.ron is valid")
    }

    /// The labels of one set.
    pub fn labels(&self, set: LabelSet) -> &[Label] {
        match set {
            LabelSet::ClaimKind => &self.claim_kinds,
            LabelSet::Affiliation => &self.affiliations,
            LabelSet::Genre => &self.genres,
            LabelSet::Frame => &self.frames,
            LabelSet::Verdict => &self.verdicts,
            LabelSet::SourceRelation => &self.source_relations,
        }
    }

    /// The labels of one set, for changing them.
    pub fn labels_mut(&mut self, set: LabelSet) -> &mut Vec<Label> {
        match set {
            LabelSet::ClaimKind => &mut self.claim_kinds,
            LabelSet::Affiliation => &mut self.affiliations,
            LabelSet::Genre => &mut self.genres,
            LabelSet::Frame => &mut self.frames,
            LabelSet::Verdict => &mut self.verdicts,
            LabelSet::SourceRelation => &mut self.source_relations,
        }
    }

    /// The label with this id in a set.
    pub fn label(&self, set: LabelSet, id: &LabelId) -> Option<&Label> {
        self.labels(set).iter().find(|label| &label.id == id)
    }

    /// The display name of a label, or its raw id when the set lacks it.
    pub fn name_of<'a>(&'a self, set: LabelSet, id: &'a LabelId) -> &'a str {
        self.label(set, id).map_or(id.as_str(), |label| label.name.as_str())
    }

    /// Whether a set holds this id.
    pub fn contains(&self, set: LabelSet, id: &LabelId) -> bool {
        self.label(set, id).is_some()
    }

    /// The verdict a new claim starts with: the first verdict of the taxonomy.
    pub fn default_verdict(&self) -> Option<&LabelId> {
        self.verdicts.first().map(|label| &label.id)
    }

    /// Everything wrong with this taxonomy: empty sets, duplicate ids or shortcuts,
    /// bad colours, empty names.
    pub fn problems(&self) -> Vec<TaxonomyProblem> {
        let mut problems = Vec::new();
        for set in LabelSet::ALL {
            let labels = self.labels(set);
            if labels.is_empty() {
                let message = format!("the {} set is empty", set.field_name());
                problems.push(TaxonomyProblem { set, index: None, message });
            }
            for (index, label) in labels.iter().enumerate() {
                let mut report =
                    |message: String| problems.push(TaxonomyProblem { set, index: Some(index), message });
                if label.id.as_str().trim().is_empty() {
                    report(format!("{set} #{} has an empty id", index + 1));
                }
                if label.name.trim().is_empty() {
                    report(format!("{set} \"{}\" has an empty name", label.id));
                }
                if parse_colour(&label.colour).is_none() {
                    report(format!(
                        "{set} \"{}\" has colour \"{}\"; expected #rrggbb",
                        label.id, label.colour
                    ));
                }
                let earlier = &labels[..index];
                if earlier.iter().any(|other| other.id == label.id) {
                    report(format!("{set} id \"{}\" is used twice", label.id));
                }
                if let Some(key) = label.shortcut {
                    if !key.is_ascii_alphanumeric() {
                        report(format!("{set} \"{}\" has shortcut '{key}'; use a letter or digit", label.id));
                    }
                    let clash = earlier.iter().find(|other| {
                        other.shortcut.map(|k| k.to_ascii_lowercase()) == Some(key.to_ascii_lowercase())
                    });
                    if let Some(other) = clash {
                        report(format!(
                            "{set} \"{}\" and \"{}\" share the shortcut '{key}'",
                            other.id, label.id
                        ));
                    }
                }
            }
        }
        problems
    }
}

/// Parses `#rrggbb` into its red, green and blue bytes.
pub fn parse_colour(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_has_no_problems() {
        let taxonomy: Taxonomy = ron::from_str(DEFAULT_TAXONOMY_RON).unwrap();
        assert_eq!(taxonomy.problems(), vec![]);
        assert_eq!(taxonomy.frames.len(), 15, "the 15 Media Frames Corpus dimensions");
        assert_eq!(taxonomy.default_verdict().unwrap().as_str(), "unverified");
        for set in LabelSet::ALL {
            for label in taxonomy.labels(set) {
                assert!(label.shortcut.is_some(), "{set} {} lacks a shortcut", label.id);
                assert!(!label.description.is_empty(), "{set} {} lacks a description", label.id);
            }
        }
    }

    #[test]
    fn kind_shortcuts_leave_navigation_keys_free() {
        // J and K move between claims in the reader, G groups, Q switches the voice; N,
        // U and D go to and settle disagreements in the Reviewers view (where they come
        // first): a kind on them would not fire there.
        let taxonomy = Taxonomy::builtin();
        for kind in &taxonomy.claim_kinds {
            let key = kind.shortcut.unwrap().to_ascii_lowercase();
            assert!(
                !matches!(key, 'j' | 'k' | 'g' | 'q' | 'n' | 'u' | 'd'),
                "kind {} uses the key {key}",
                kind.id
            );
        }
    }

    #[test]
    fn problems_are_found() {
        let mut taxonomy = Taxonomy::builtin();
        taxonomy.claim_kinds[1].id = taxonomy.claim_kinds[0].id.clone();
        taxonomy.verdicts[0].colour = "red".into();
        taxonomy.frames[1].shortcut = taxonomy.frames[0].shortcut;
        taxonomy.genres.clear();
        let messages: Vec<String> = taxonomy.problems().into_iter().map(|p| p.message).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("is used twice")));
        assert!(messages.iter().any(|m| m.contains("expected #rrggbb")));
        assert!(messages.iter().any(|m| m.contains("share the shortcut")));
        assert!(messages.iter().any(|m| m.contains("genres set is empty")));
    }

    #[test]
    fn colours_parse() {
        assert_eq!(parse_colour("#1f77b4"), Some([0x1f, 0x77, 0xb4]));
        assert_eq!(parse_colour("1f77b4"), None);
        assert_eq!(parse_colour("#1f77b"), None);
        assert_eq!(parse_colour("#ééé"), None);
    }
}
