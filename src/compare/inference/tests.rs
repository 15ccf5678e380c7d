//! Every expected value here was computed outside claimmark. Published ones name their
//! publication; the others were printed by `scripts/stats-reference.py` (SciPy 1.17.1 and
//! statsmodels 0.15.0: `proportion_confint(method="wilson")`,
//! `chi2_contingency(correction=False)`, `association(method="cramer")`, `fisher_exact`,
//! `multipletests(method="holm")`, and a full enumeration of the tables with fixed
//! margins for the exact p-values a Monte Carlo test estimates).

use super::*;
use crate::compare::tests::{quoting, small};
use crate::compare::{Dimension, Measure, compare};

/// Rounds to 3 decimals, the precision the issue asks the tests to hold.
fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 5e-4, "{actual} is not {expected} to 3 decimals");
}

#[test]
fn wilson_intervals_match_newcombe_1998_and_statsmodels() {
    // Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
    // comparison of seven methods. Statistics in Medicine 17, 857-872, Table II, method 3
    // (score): 81/263 0.2553-0.3662, 15/148 0.0624-0.1605, 0/20 0-0.1611, 1/29
    // 0.0061-0.1718.
    let published = [
        ((81, 263), (0.2553, 0.3662)),
        ((15, 148), (0.0624, 0.1605)),
        ((0, 20), (0.0, 0.1611)),
        ((1, 29), (0.0061, 0.1718)),
    ];
    for ((x, n), (low, high)) in published {
        let interval = wilson(x, n).unwrap();
        assert!(
            (interval.low - low).abs() < 5e-5 && (interval.high - high).abs() < 5e-5,
            "{x}/{n}: {interval:?}"
        );
    }
    // statsmodels 0.15.0, proportion_confint(x, n, method="wilson").
    for ((x, n), (low, high)) in
        [((9, 11), (0.523019, 0.948632)), ((23, 23), (0.856883, 1.0)), ((30, 89), (0.247428, 0.440211))]
    {
        let interval = wilson(x, n).unwrap();
        close(interval.low, low);
        close(interval.high, high);
        assert_eq!((r3(interval.low), r3(interval.high)), (r3(low), r3(high)));
    }
    assert_eq!(wilson(0, 0), None);
    assert_eq!(wilson(3, 2), None);
}

#[test]
fn chi_square_matches_agresti_and_scipy() {
    // Agresti, A. (2007). An Introduction to Categorical Data Analysis, 2nd ed., Table
    // 2.5 (gender by party identification): X² = 30.1, df = 2, P < 0.001. SciPy:
    // X² = 30.070149, p = 2.95359e-07, Cramér's V = 0.104436.
    let test = independence(&[vec![762, 327, 468], vec![484, 239, 477]]).unwrap();
    close(test.statistic, 30.070149);
    assert_eq!(test.df, 2);
    assert!((test.p_value - 2.95359e-07).abs() < 1e-11);
    close(test.cramers_v, 0.104436);
    assert_eq!((test.method, test.n, test.expected_below_5), (Method::ChiSquare, 2757, 0));
    // SciPy: X² = 17.840814, df 4, p = 0.0013257, V = 0.325876.
    let test = independence(&[vec![12, 5, 9], vec![3, 14, 6], vec![7, 8, 20]]).unwrap();
    close(test.statistic, 17.840814);
    assert_eq!(test.df, 4);
    close(test.p_value, 0.0013257);
    close(test.cramers_v, 0.325876);
    // 2×2 without continuity correction: X² = 9.090909, p = 0.00256883, V = 0.301511.
    let test = independence(&[vec![20, 30], vec![35, 15]]).unwrap();
    close(test.statistic, 9.090909);
    close(test.p_value, 0.00256883);
    close(test.cramers_v, 0.301511);
}

#[test]
fn empty_rows_and_columns_are_left_out_and_too_little_is_not_tested() {
    let with_empty = independence(&[vec![20, 0, 30], vec![0, 0, 0], vec![35, 0, 15]]).unwrap();
    let plain = independence(&[vec![20, 30], vec![35, 15]]).unwrap();
    assert_eq!(with_empty, plain);
    assert_eq!(independence(&[vec![3, 4]]), None);
    assert_eq!(independence(&[vec![3, 0], vec![5, 0]]), None);
    assert_eq!(independence(&[]), None);
}

#[test]
fn fisher_exact_matches_the_tea_tasting_and_scipy() {
    // Fisher's tea-tasting experiment: P = 0.486 (Agresti 2002, Categorical Data Analysis,
    // 2nd ed., sec. 3.5.1, two-sided); SciPy 0.48571429.
    close(fisher_exact([3, 1, 1, 3]), 0.48571429);
    // SciPy fisher_exact, two-sided.
    close(fisher_exact([10, 90, 25, 75]), 0.0085035715);
    close(fisher_exact([0, 12, 7, 5]), 0.004576659);
    close(fisher_exact([9, 2, 14, 9]), 0.27143388);
    // 100,000 units: the tails are summed only while their terms count.
    let p = fisher_exact([1200, 48800, 1320, 48680]);
    assert!((p - 0.016335066).abs() < 1e-6, "{p}");
    // Degenerate tables: one value possible.
    assert_eq!(fisher_exact([0, 0, 0, 0]), 1.0);
    assert_eq!(fisher_exact([5, 0, 7, 0]), 1.0);
    // Symmetric in rows, columns and transposition.
    let p = fisher_exact([9, 2, 14, 9]);
    for t in [[14, 9, 9, 2], [2, 9, 9, 14], [9, 14, 2, 9]] {
        assert!((fisher_exact(t) - p).abs() < 1e-12, "{t:?}");
    }
}

#[test]
fn holm_matches_statsmodels() {
    // statsmodels multipletests(method="holm").
    let adjusted = holm(&[0.01, 0.04, 0.03, 0.005]);
    for (a, e) in adjusted.iter().zip([0.03, 0.06, 0.06, 0.02]) {
        close(*a, e);
    }
    let adjusted = holm(&[0.2, 0.5, 0.01]);
    for (a, e) in adjusted.iter().zip([0.4, 0.5, 0.03]) {
        close(*a, e);
    }
    assert!(holm(&[]).is_empty());
}

#[test]
fn small_expected_counts_fall_back_on_an_exact_or_monte_carlo_test() {
    // Full enumeration of the tables with these margins: P(X² >= 4.877976) = 0.103030.
    let test = independence(&[vec![3, 1, 0], vec![1, 2, 4]]).unwrap();
    close(test.statistic, 4.877976);
    assert!(test.small_expected());
    assert_eq!((test.method, test.replicates), (Method::MonteCarlo, REPLICATES));
    // 10,000 tables: the standard error at p = 0.1 is 0.003.
    assert!((test.p_value - 0.103030).abs() < 0.02, "{}", test.p_value);
    assert!(test.p_chi_square < 0.1, "the chi-square approximation is off here: {}", test.p_chi_square);
    // P(X² >= 8.395833) = 0.075025.
    let test = independence(&[vec![2, 0, 1], vec![0, 3, 1], vec![1, 1, 4]]).unwrap();
    close(test.statistic, 8.395833);
    assert_eq!(test.method, Method::MonteCarlo);
    assert!((test.p_value - 0.075025).abs() < 0.02, "{}", test.p_value);
    // The same seed, the same p-value.
    assert_eq!(independence(&[vec![2, 0, 1], vec![0, 3, 1], vec![1, 1, 4]]).unwrap().p_value, test.p_value);
    // A 2×2 table with small expected counts takes Fisher's exact test.
    let test = independence(&[vec![0, 12], vec![7, 5]]).unwrap();
    assert_eq!(test.method, Method::FisherExact);
    close(test.p_value, 0.004576659);
}

#[test]
fn monte_carlo_tables_keep_the_margins() {
    let rows = [7, 1, 12, 0, 5];
    let columns = [10, 3, 12];
    let mut rng = StdRng::seed_from_u64(1);
    for _ in 0..200 {
        let mut left = columns.to_vec();
        let mut population: usize = rows.iter().sum();
        let mut table = Vec::new();
        for &total in &rows {
            let (mut draws, mut rest) = (total, population);
            let mut row = Vec::new();
            for column_left in left.iter_mut() {
                let x = draw(&mut rng, rest, *column_left, draws);
                assert!(x <= *column_left && x <= draws);
                row.push(x);
                rest -= *column_left;
                *column_left -= x;
                draws -= x;
            }
            assert_eq!(draws, 0, "a row is drawn whole");
            population -= total;
            table.push(row);
        }
        assert!(left.iter().all(|&l| l == 0), "every column is used up");
    }
}

#[test]
fn statistics_of_claims_give_intervals_thin_rows_and_tests() {
    let p = small();
    let c = compare(&p, Dimension::Affiliation, Measure::Verdict);
    let s = statistics(&p, &c, Unit::Claims, None);
    assert_eq!(s.units, c.row_claims);
    assert_eq!(s.hits, c.counts);
    // state-media: 2 of 3 claims true; statsmodels wilson(2, 3) = 0.207655, 0.938510.
    let t = c.columns.iter().position(|h| h.id == "true").unwrap();
    let interval = s.interval(0, t).unwrap();
    close(interval.low, 0.207655);
    close(interval.high, 0.938510);
    // Both rows are thin: few claims; the "none" row's two claims come from one document.
    assert_eq!(s.thin_reasons(0), ["only 3 claims, fewer than 20"]);
    assert_eq!(
        s.thin_reasons(1),
        ["only 2 claims, fewer than 20", "all 2 claims come from a single document"]
    );
    assert_eq!(s.claim_documents, [2, 1]);
    // Verdicts are exclusive: the matrix is tested; every expected count is small, so
    // the p-value is a Monte Carlo one.
    let matrix = s.matrix.as_ref().unwrap();
    assert_eq!((matrix.rows, matrix.columns, matrix.method), (2, 3, Method::MonteCarlo));
    assert!(s.matrix_note.is_none());
    // One column test per column; columns without claims are not tested.
    assert_eq!(s.columns.len(), c.columns.len());
    let tested: Vec<&str> =
        s.columns.iter().filter(|t| t.test.is_some()).map(|t| c.columns[t.column].id.as_str()).collect();
    assert_eq!(tested, ["unverified", "true", "false"], "in taxonomy order");
    let pairwise = s.pairwise.as_ref().unwrap();
    assert_eq!(pairwise.pairs.len(), 1);
    assert_eq!((pairwise.pairs[0].a, pairwise.pairs[0].b), (0, 1));
}

#[test]
fn frames_and_documents_are_not_tested_as_one_table() {
    let p = small();
    let c = compare(&p, Dimension::Affiliation, Measure::Frame);
    let s = statistics(&p, &c, Unit::Claims, None);
    assert!(s.matrix.is_none());
    assert!(s.matrix_note.unwrap().contains("several frames"));
    let c = compare(&p, Dimension::Affiliation, Measure::Verdict);
    let s = statistics(&p, &c, Unit::Documents, Some(0));
    assert!(s.matrix.is_none());
    assert!(s.matrix_note.unwrap().contains("document can hold"));
    assert_eq!(s.pairwise.as_ref().unwrap().column, 0);
}

#[test]
fn documents_count_once_per_label_and_passages_are_texts_of_their_outlet() {
    let p = quoting();
    let c = compare(&p, Dimension::Outlet, Measure::Kind);
    // Rows (documents, passages, claims): forum (1, 0, 2), paper (0, 2, 3), agency (0, 1,
    // 0), none (1, 0, 1).
    let s = statistics(&p, &c, Unit::Documents, None);
    assert_eq!(s.units, [1, 2, 1, 1]);
    let event = c.columns.iter().position(|h| h.id == "event").unwrap();
    // The forum's two claims are in one text; the paper's three in its two passages (the
    // thread's and the orphan's); the agency's passage holds none.
    let hits: Vec<usize> = s.hits.iter().map(|r| r[event]).collect();
    assert_eq!(hits, [1, 2, 0, 1]);
    assert_eq!(s.share(1, event), 1.0);
    // The paper's claims come from two documents; the forum's from one.
    assert_eq!(s.claim_documents, [1, 2, 0, 1]);
    assert_eq!(s.thin_reasons(1), ["only 2 texts (documents or quoted passages), fewer than 20"]);
    assert_eq!(s.thin_reasons(2), ["only 1 text (document or quoted passage), fewer than 20"]);
    // Under genre the passages stay in their document: the thread is one text.
    let c = compare(&p, Dimension::Genre, Measure::Kind);
    let s = statistics(&p, &c, Unit::Documents, None);
    assert_eq!(s.units, [1, 1]);
    assert_eq!(s.hits.iter().map(|r| r[event]).collect::<Vec<_>>(), [1, 1]);
}

#[test]
fn p_values_print_with_three_decimals() {
    assert_eq!(p_text(0.04567), "0.046");
    assert_eq!(p_text(0.0004), "< 0.001");
    assert_eq!(p_text(0.0501), "0.0501", "next to 0.05, four decimals");
    assert_eq!(p_text(0.0499), "0.0499");
    assert!(significant(0.049) && !significant(0.05));
    // Just below 0.05 it is significant, and must not print as "0.050" or "0.0500", which
    // are not below 0.05.
    assert_eq!(p_text(0.0496), "0.0496");
    assert_eq!(p_text(0.04999), "< 0.0500");
    assert_eq!(p_text(0.0503), "0.0503");
    assert_eq!(p_text(0.0494), "0.049");
}

#[test]
fn large_tables_draw_fewer_random_tables_but_never_too_few() {
    assert_eq!(replicates_for(2, 3), REPLICATES);
    assert_eq!(replicates_for(5, 10), REPLICATES, "the sample's 5 × 10 table: 36 draws a table");
    // 40 outlets × 8 verdicts: 273 draws a table, 1,000,000 draws in all.
    assert_eq!(replicates_for(40, 8), 3660);
    assert_eq!(replicates_for(1000, 100), MIN_REPLICATES);
    let test = independence(&[vec![3, 1, 0], vec![1, 2, 4]]).unwrap();
    assert_eq!(test.replicates, REPLICATES);
}

#[test]
fn pairs_on_another_column_are_the_same_as_asking_for_it() {
    let p = small();
    let c = compare(&p, Dimension::Affiliation, Measure::Verdict);
    for unit in Unit::ALL {
        let first = statistics(&p, &c, unit, None);
        for column in 0..c.columns.len() {
            assert_eq!(
                first.with_pairs_on(column),
                statistics(&p, &c, unit, Some(column)),
                "{unit:?} {column}"
            );
        }
        assert_eq!(first.with_pairs_on(99), first, "out of range, nothing changes");
    }
}
