//! Agreement between reviewers (issue 13). [`measures`] holds the coefficients as
//! published, over plain numbers: Cohen's kappa, Fleiss' kappa and Krippendorff's
//! alpha. [`spans`] pairs two reviewers' marks (the same span, or overlapping ones) and
//! counts precision, recall, F1 and the confusion of kinds; [`unitizing`] is
//! Krippendorff's unitizing alpha over cuts of a continuum. [`report`] reads a project's
//! reviewers' marks and builds on all three; [`copies`] makes several copies one project;
//! [`output`] and [`html`] write the report.

pub mod copies;
pub mod html;
pub mod measures;
pub mod output;
pub mod report;
pub mod spans;
pub mod unitizing;
