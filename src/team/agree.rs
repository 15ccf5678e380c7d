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

/// `actual` is `expected` to 3 decimals (the precision the published figures have).
#[cfg(test)]
fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!((actual - expected).abs() < 0.0005, "{actual} is not {expected} to 3 decimals");
}
