//! Agreement between reviewers (issue 13). [`measures`] holds the coefficients as
//! published, over plain numbers: Cohen's kappa, Fleiss' kappa and Krippendorff's
//! alpha. Matching reviewers' spans and reading their kinds and verdicts off a project
//! build on them.

pub mod measures;
