//! The options of an export: which label a span carries ([`LabelBy`]), which claims and
//! documents it keeps ([`ClaimFilter`]), and how documents are split into train/dev/test
//! parts ([`Split`]), parsed from the command line's `--labels`, `--filter` and `--split`;
//! `--offsets` is a unit of [`super::offsets`], checked against the format by
//! [`super::Format::offsets`].
//!
//! Options only choose; they never look at a format, and they never write anything.

use crate::model::{Claim, Document, LabelId, LabelSet, Origin, Outlet, Project};
use thiserror::Error;

/// Which property of a claim becomes the label of its span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelBy {
    /// The claim kind (default).
    #[default]
    Kind,
    /// Each frame: a claim with two frames gives two spans; one without gives none.
    Frame,
    /// The verdict.
    Verdict,
    /// The affiliation of the document's outlet (`unknown` without one).
    Affiliation,
}

impl LabelBy {
    /// Every choice, with its command-line name.
    pub const ALL: [(LabelBy, &'static str); 4] = [
        (LabelBy::Kind, "kind"),
        (LabelBy::Frame, "frame"),
        (LabelBy::Verdict, "verdict"),
        (LabelBy::Affiliation, "affiliation"),
    ];

    /// The choice named `name`.
    pub fn from_name(name: &str) -> Option<LabelBy> {
        LabelBy::ALL.iter().find(|(_, n)| *n == name).map(|(l, _)| *l)
    }

    /// The command-line name.
    pub fn name(self) -> &'static str {
        LabelBy::ALL.iter().find(|(l, _)| *l == self).map_or("kind", |(_, n)| n)
    }
}

/// Which claims (and documents) an export keeps. Empty lists keep everything; values
/// within one list are alternatives, lists are combined (all must hold).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Claim kind ids.
    pub kinds: Vec<String>,
    /// Verdict ids.
    pub verdicts: Vec<String>,
    /// Outlet ids or names (case-insensitive).
    pub outlets: Vec<String>,
    /// Affiliation ids of the document's outlet.
    pub affiliations: Vec<String>,
    /// Genre ids of the document.
    pub genres: Vec<String>,
    /// Reviewer ids or names (case-insensitive): their own marks, not the adjudicated set.
    pub reviewers: Vec<String>,
    /// Only the adjudicated set: the claims an editor settled (View → Reviewers).
    pub adjudicated: bool,
    /// How the claims came to be: `marked` (by hand), `suggested` (a detector
    /// suggestion a reviewer accepted), `detected` (`detect --apply`, no one decided).
    pub origins: Vec<String>,
}

/// A problem with export options.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum OptionError {
    /// A `--filter` that is not `KEY=VALUE[,VALUE...]`.
    #[error(
        "filter \"{0}\": expected KEY=VALUE[,VALUE...] with KEY one of kind, verdict, outlet, affiliation, genre, reviewer, origin"
    )]
    Filter(String),
    /// A `--split` that is not `NAME=SHARE,...` summing to 1.
    #[error(
        "split \"{0}\": expected NAME=SHARE,... with shares between 0 and 1 that add up to 1, e.g. train=0.8,dev=0.1,test=0.1"
    )]
    Split(String),
    /// An `--offsets` unit the format cannot count in.
    #[error("--offsets {unit}: {format} counts offsets in {allowed} only")]
    Offsets {
        /// The format's command-line name.
        format: &'static str,
        /// The unit asked for.
        unit: &'static str,
        /// The units the format can count in.
        allowed: String,
    },
    /// The adjudicated set and a reviewer's marks asked for at once.
    #[error(
        "--adjudicated keeps the editor's settled claims and --reviewer one reviewer's own marks: choose one"
    )]
    AdjudicatedAndReviewer,
    /// The adjudicated set asked for, and no claim is in it.
    #[error(
        "no claim of this project is adjudicated yet; settle the reviewers' marks in the app (View → Reviewers) first"
    )]
    NothingAdjudicated,
    /// The adjudicated set asked for, in a project without two reviewers' marks.
    #[error(
        "no claim of this project is adjudicated, and it holds no two reviewers' marks to settle: the adjudicated \
         set is made in the app (View → Reviewers) from two reviewers' marks, after merging their copies"
    )]
    NoReviewersToSettle,
    /// A reviewer the project does not have.
    #[error("no reviewer \"{name}\" in this project; its reviewers are: {known}")]
    UnknownReviewer {
        /// The name or id given.
        name: String,
        /// The project's reviewers' names.
        known: String,
    },
    /// An origin that is none of marked, suggested, detected.
    #[error("unknown origin \"{0}\" in the filter; a claim's origin is marked, suggested or detected")]
    UnknownOrigin(String),
    /// A label id that the project's taxonomy does not have.
    #[error("unknown {set} \"{id}\" in the filter; this project's are: {known}")]
    UnknownLabel {
        /// The label set.
        set: LabelSet,
        /// The id given.
        id: String,
        /// The ids the project has.
        known: String,
    },
}

/// The origin a filter value names (`marked`, `suggested`, `detected`, any case).
fn origin_of(value: &str) -> Option<Origin> {
    [Origin::Marked, Origin::Suggested, Origin::Detected]
        .into_iter()
        .find(|o| format!("{o:?}").eq_ignore_ascii_case(value.trim()))
}

impl ClaimFilter {
    /// Adds one `KEY=VALUE[,VALUE...]` condition.
    pub fn add(&mut self, condition: &str) -> Result<(), OptionError> {
        let Some((key, values)) = condition.split_once('=') else {
            return Err(OptionError::Filter(condition.to_owned()));
        };
        let values = values.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let list = match key.trim() {
            "kind" => &mut self.kinds,
            "verdict" => &mut self.verdicts,
            "outlet" => &mut self.outlets,
            "affiliation" => &mut self.affiliations,
            "genre" => &mut self.genres,
            "reviewer" => &mut self.reviewers,
            "origin" => &mut self.origins,
            _ => return Err(OptionError::Filter(condition.to_owned())),
        };
        let before = list.len();
        list.extend(values);
        if list.len() == before {
            return Err(OptionError::Filter(condition.to_owned()));
        }
        Ok(())
    }

    /// Checks that every label id in the filter exists in the project's taxonomy.
    pub fn check(&self, project: &Project) -> Result<(), OptionError> {
        if self.adjudicated && !self.reviewers.is_empty() {
            return Err(OptionError::AdjudicatedAndReviewer);
        }
        if self.adjudicated && !project.claims.iter().any(|c| c.adjudicated) {
            let marked_by: std::collections::HashSet<_> =
                project.claims.iter().filter_map(|c| c.reviewer.as_ref()).collect();
            return Err(match marked_by.len() {
                0 | 1 => OptionError::NoReviewersToSettle,
                _ => OptionError::NothingAdjudicated,
            });
        }
        for wanted in &self.reviewers {
            if !project
                .reviewers
                .iter()
                .any(|r| r.id.as_str() == wanted || r.name.eq_ignore_ascii_case(wanted))
            {
                let known: Vec<&str> = project.reviewers.iter().map(|r| r.name.as_str()).collect();
                return Err(OptionError::UnknownReviewer {
                    name: wanted.clone(),
                    known: if known.is_empty() { "none".to_owned() } else { known.join(", ") },
                });
            }
        }
        if let Some(origin) = self.origins.iter().find(|o| origin_of(o).is_none()) {
            return Err(OptionError::UnknownOrigin(origin.clone()));
        }
        let taxonomy = &project.taxonomy;
        for (set, ids) in [
            (LabelSet::ClaimKind, &self.kinds),
            (LabelSet::Verdict, &self.verdicts),
            (LabelSet::Affiliation, &self.affiliations),
            (LabelSet::Genre, &self.genres),
        ] {
            for id in ids {
                if !taxonomy.contains(set, &LabelId::new(id.as_str())) {
                    let known: Vec<&str> = taxonomy.labels(set).iter().map(|l| l.id.as_str()).collect();
                    return Err(OptionError::UnknownLabel { set, id: id.clone(), known: known.join(", ") });
                }
            }
        }
        Ok(())
    }

    /// Whether the document-level conditions hold for `document`.
    pub fn keeps_document(&self, document: &Document, outlet: Option<&Outlet>) -> bool {
        let outlet_ok = self.outlets.is_empty()
            || outlet.is_some_and(|o| {
                self.outlets.iter().any(|v| v == o.id.as_str() || v.eq_ignore_ascii_case(o.name.trim()))
            });
        let affiliation = outlet.map_or("unknown", |o| o.affiliation.as_str());
        let affiliation_ok =
            self.affiliations.is_empty() || self.affiliations.iter().any(|v| v == affiliation);
        let genre_ok = self.genres.is_empty()
            || document.genre.as_ref().is_some_and(|g| self.genres.iter().any(|v| v == g.as_str()));
        outlet_ok && affiliation_ok && genre_ok
    }

    /// Whether the claim-level conditions hold for `claim`.
    pub fn keeps_claim(&self, project: &Project, claim: &Claim) -> bool {
        let kind_ok = self.kinds.is_empty() || self.kinds.iter().any(|v| v == claim.kind.as_str());
        let verdict_ok =
            self.verdicts.is_empty() || self.verdicts.iter().any(|v| v == claim.verdict.as_str());
        let origin_ok =
            self.origins.is_empty() || self.origins.iter().any(|o| origin_of(o) == Some(claim.origin));
        kind_ok && verdict_ok && origin_ok && self.in_set(project, claim)
    }

    /// Whether the filter chooses one set of claims: the adjudicated set, or some
    /// reviewers' marks. A document without a claim of that set was not marked by it, so
    /// an export leaves it out (it is no negative example).
    pub fn chooses_set(&self) -> bool {
        self.adjudicated || !self.reviewers.is_empty()
    }

    /// Whether `claim` is of the set the filter chooses (any claim when it chooses none).
    pub fn in_set(&self, project: &Project, claim: &Claim) -> bool {
        // A reviewer's marks are their own claims, not those they settled as the editor.
        let reviewer_ok = self.reviewers.is_empty()
            || !claim.adjudicated
                && claim.reviewer.as_ref().is_some_and(|id| {
                    let name = project.reviewers.iter().find(|r| &r.id == id).map_or("", |r| r.name.as_str());
                    self.reviewers.iter().any(|v| v == id.as_str() || v.eq_ignore_ascii_case(name))
                });
        reviewer_ok && (!self.adjudicated || claim.adjudicated)
    }

    /// Whether no condition is set.
    pub fn is_empty(&self) -> bool {
        [
            &self.kinds,
            &self.verdicts,
            &self.outlets,
            &self.affiliations,
            &self.genres,
            &self.reviewers,
            &self.origins,
        ]
        .iter()
        .all(|l| l.is_empty())
            && !self.adjudicated
    }
}

/// A split of the documents into named parts (train/dev/test), by document.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// Part names and shares, in order; shares add up to 1.
    pub parts: Vec<(String, f64)>,
    /// Seed of the assignment.
    pub seed: u64,
}

impl Split {
    /// Parses `train=0.8,dev=0.1,test=0.1`.
    pub fn parse(spec: &str, seed: u64) -> Result<Split, OptionError> {
        let error = || OptionError::Split(spec.to_owned());
        let mut parts = Vec::new();
        for part in spec.split(',') {
            let (name, share) = part.split_once('=').ok_or_else(error)?;
            let share: f64 = share.trim().parse().map_err(|_| error())?;
            let name = name.trim();
            if name.is_empty() || !(0.0..=1.0).contains(&share) || parts.iter().any(|(n, _)| n == name) {
                return Err(error());
            }
            parts.push((name.to_owned(), share));
        }
        let total: f64 = parts.iter().map(|(_, s)| s).sum();
        if parts.is_empty() || (total - 1.0).abs() > 1e-6 {
            return Err(error());
        }
        Ok(Split { parts, seed })
    }

    /// Assigns each of `document_ids` to a part: documents are ordered by a seeded hash
    /// of their id (stable across runs and independent of their order in the project),
    /// then cut into parts whose sizes follow the shares (largest remainders). Returns
    /// the part index of each document, in the order given.
    pub fn assign(&self, document_ids: &[&str]) -> Vec<usize> {
        let n = document_ids.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (seeded_hash(self.seed, document_ids[i]), document_ids[i]));
        // Sizes by largest remainder.
        let exact: Vec<f64> = self.parts.iter().map(|(_, s)| s * n as f64).collect();
        let mut sizes: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
        let mut remainders: Vec<(usize, f64)> =
            exact.iter().enumerate().map(|(i, e)| (i, e - e.floor())).collect();
        remainders.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut missing = n - sizes.iter().sum::<usize>();
        for (i, _) in remainders {
            if missing == 0 {
                break;
            }
            sizes[i] += 1;
            missing -= 1;
        }
        let mut assignment = vec![0; n];
        let mut next = 0;
        for (part, size) in sizes.iter().enumerate() {
            for &document in &order[next..next + size] {
                assignment[document] = part;
            }
            next += size;
        }
        assignment
    }
}

/// FNV-1a of the seed and a string: stable across Rust versions and platforms.
fn seeded_hash(seed: u64, text: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// What an export writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportOptions {
    /// What a span's label is.
    pub labels: LabelBy,
    /// Which claims and documents.
    pub filter: ClaimFilter,
    /// Whether to include document texts (formats that can leave them out do so when false).
    pub with_text: bool,
    /// The unit offsets are counted in, for a format that offers a choice (doccano);
    /// `None` for the format's default ([`super::Format::offsets`] checks a choice).
    pub offsets: Option<super::offsets::OffsetUnit>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Taxonomy;

    #[test]
    fn filters_parse_and_check_their_labels() {
        let mut filter = ClaimFilter::default();
        filter.add("kind=money,statistic").unwrap();
        filter.add("verdict=false").unwrap();
        assert_eq!(filter.kinds, ["money", "statistic"]);
        assert!(filter.add("colour=red").is_err());
        assert!(filter.add("kind=").is_err());
        assert!(filter.add("kind").is_err());
        let project = Project::new("t", Taxonomy::builtin());
        assert!(filter.check(&project).is_ok());
        filter.add("genre=gossip").unwrap();
        assert!(matches!(filter.check(&project), Err(OptionError::UnknownLabel { .. })));
        let mut by_origin = ClaimFilter::default();
        by_origin.add("origin=Marked,suggested").unwrap();
        assert!(by_origin.check(&project).is_ok());
        by_origin.add("origin=robot").unwrap();
        assert_eq!(by_origin.check(&project), Err(OptionError::UnknownOrigin("robot".into())));
    }

    #[test]
    fn splits_are_stable_by_document_and_follow_the_shares() {
        let split = Split::parse("train=0.8,dev=0.1,test=0.1", 42).unwrap();
        let ids: Vec<String> = (0..100).map(|i| format!("doc-{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let assignment = split.assign(&refs);
        let count = |part: usize| assignment.iter().filter(|&&p| p == part).count();
        assert_eq!((count(0), count(1), count(2)), (80, 10, 10));
        assert_eq!(assignment, split.assign(&refs), "stable across runs");
        // Independent of the order of the documents.
        let mut reversed = refs.clone();
        reversed.reverse();
        let mut again = split.assign(&reversed);
        again.reverse();
        assert_eq!(assignment, again);
        let other_seed = Split::parse("train=0.8,dev=0.1,test=0.1", 7).unwrap().assign(&refs);
        assert_ne!(assignment, other_seed);
        // Five documents, 80/10/10: largest remainders give 4/1/0.
        let five = split.assign(&refs[..5]);
        assert_eq!(five.iter().filter(|&&p| p == 0).count(), 4);
        for bad in ["train=0.8,dev=0.1", "train=1.2,dev=-0.2", "train", "a=0.5,a=0.5", ""] {
            assert!(Split::parse(bad, 1).is_err(), "{bad}");
        }
    }
}
