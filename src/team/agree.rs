//! Agreement between reviewers (issue 13). [`measures`] holds the coefficients as
//! published, over plain numbers: Cohen's kappa, Fleiss' kappa and Krippendorff's
//! alpha. [`spans`] pairs two reviewers' marks (the same span, or overlapping ones) and
//! counts precision, recall, F1 and the confusion of kinds. Reading the marks, kinds
//! and verdicts off a project builds on both.

pub mod copies;
pub mod html;
pub mod measures;
pub mod output;
pub mod report;
pub mod spans;
