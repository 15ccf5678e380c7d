//! Agreement coefficients as their authors defined them, over category codes (`usize`,
//! `0..categories`; for ordinal and interval data in scale order, equally spaced for
//! interval). Each returns `None` where the coefficient is undefined (no data, or no
//! variation to agree on) rather than a number that would mislead.
//!
//! - [`cohen_kappa`]: two raters, every item rated by both (Cohen 1960).
//! - [`fleiss_kappa`]: any fixed number of raters per item (Fleiss 1971).
//! - [`krippendorff_alpha`]: any number of coders, missing values allowed, nominal,
//!   ordinal or interval (Krippendorff, "Computing Krippendorff's Alpha-Reliability",
//!   2011), computed through the coincidence matrix.

/// How far apart two categories are for [`krippendorff_alpha`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Any two different categories are equally far apart.
    Nominal,
    /// Categories are ranked; the distance counts how many values lie between.
    Ordinal,
    /// Categories are equally spaced numbers (their codes).
    Interval,
}

/// Cohen's kappa of two raters who labelled the same items: `pairs[i]` holds both
/// labels of item `i`. (p_o − p_e) / (1 − p_e), with chance agreement p_e from each
/// rater's own label shares. `None` with no items, or when chance agreement is certain
/// (both raters gave one and the same label throughout).
pub fn cohen_kappa(pairs: &[(usize, usize)], categories: usize) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let (mut first, mut second) = (vec![0.0; categories], vec![0.0; categories]);
    let mut agreed = 0.0;
    for &(a, b) in pairs {
        *first.get_mut(a)? += 1.0;
        *second.get_mut(b)? += 1.0;
        if a == b {
            agreed += 1.0;
        }
    }
    let observed = agreed / n;
    let chance: f64 = first.iter().zip(&second).map(|(a, b)| (a / n) * (b / n)).sum();
    (chance < 1.0).then(|| (observed - chance) / (1.0 - chance))
}

/// Fleiss' kappa: `counts[i][j]` is how many raters put item `i` in category `j`; every
/// item has the same number of ratings, at least two. `None` otherwise, with no items,
/// or when every rating is of one category.
pub fn fleiss_kappa(counts: &[Vec<usize>]) -> Option<f64> {
    let raters: usize = counts.first()?.iter().sum();
    if raters < 2 || counts.iter().any(|row| row.iter().sum::<usize>() != raters) {
        return None;
    }
    let categories = counts.iter().map(Vec::len).max()?;
    let (items, raters) = (counts.len() as f64, raters as f64);
    let mut shares = vec![0.0; categories];
    let mut agreement = 0.0;
    for row in counts {
        let pairs_agreeing: f64 = row.iter().map(|&c| (c * c) as f64).sum::<f64>() - raters;
        agreement += pairs_agreeing / (raters * (raters - 1.0));
        for (share, &c) in shares.iter_mut().zip(row) {
            *share += c as f64;
        }
    }
    let observed = agreement / items;
    let chance: f64 = shares.iter().map(|s| (s / (items * raters)).powi(2)).sum();
    (chance < 1.0).then(|| (observed - chance) / (1.0 - chance))
}

/// Krippendorff's alpha: `units[u]` holds the values the coders gave unit `u` (missing
/// values left out; a unit with fewer than two values is not pairable and counts for
/// nothing). α = 1 − D_o / D_e over the coincidence matrix. `None` with fewer than two
/// pairable values, a code out of range, or no variation at all (every value the same).
pub fn krippendorff_alpha(units: &[Vec<usize>], categories: usize, metric: Metric) -> Option<f64> {
    // The coincidence matrix: each ordered pair of values within a unit, weighted by
    // 1 / (values in the unit − 1).
    let mut coincidences = vec![vec![0.0; categories]; categories];
    let mut in_unit = vec![0usize; categories];
    for unit in units.iter().filter(|u| u.len() >= 2) {
        in_unit.iter_mut().for_each(|n| *n = 0);
        for &value in unit {
            *in_unit.get_mut(value)? += 1;
        }
        let weight = 1.0 / (unit.len() - 1) as f64;
        for c in (0..categories).filter(|&c| in_unit[c] > 0) {
            for k in (0..categories).filter(|&k| in_unit[k] > 0) {
                let pairs = in_unit[c] * (in_unit[k] - usize::from(c == k));
                coincidences[c][k] += pairs as f64 * weight;
            }
        }
    }
    let totals: Vec<f64> = coincidences.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = totals.iter().sum();
    if n < 2.0 {
        return None;
    }
    let distance = |c: usize, k: usize| -> f64 {
        match metric {
            Metric::Nominal => f64::from(u8::from(c != k)),
            Metric::Ordinal => {
                let (low, high) = (c.min(k), c.max(k));
                let between: f64 = totals[low..=high].iter().sum();
                (between - (totals[c] + totals[k]) / 2.0).powi(2)
            }
            Metric::Interval => (c as f64 - k as f64).powi(2),
        }
    };
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..categories {
        for k in 0..categories {
            let d = distance(c, k);
            observed += coincidences[c][k] * d;
            expected += totals[c] * totals[k] * d;
        }
    }
    (expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
}

#[cfg(test)]
mod tests {
    use super::super::close;
    use super::*;

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    /// observers, twelve units, values 1 to 5 with missing data. Published: nominal
    /// 0.743, ordinal 0.815, interval 0.849.
    #[test]
    fn krippendorffs_worked_example_gives_the_published_alphas() {
        let rows: [[u8; 12]; 4] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
            [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
        ];
        // Codes 0..5 for the values 1..5 (0 in the table is a missing value).
        let units: Vec<Vec<usize>> = (0..12)
            .map(|u| rows.iter().filter(|r| r[u] > 0).map(|r| usize::from(r[u] - 1)).collect())
            .collect();
        close(krippendorff_alpha(&units, 5, Metric::Nominal), 0.743);
        close(krippendorff_alpha(&units, 5, Metric::Ordinal), 0.815);
        close(krippendorff_alpha(&units, 5, Metric::Interval), 0.849);
    }

    /// By hand: two coders, four units, nominal. Units (a,a) (a,b) (b,b) (b,b): the
    /// coincidences are o_aa = 2, o_ab = o_ba = 1, o_bb = 4; n_a = 3, n_b = 5, n = 8.
    /// α = 1 − (n − 1) · (o_ab + o_ba) / (n_a n_b + n_b n_a) = 1 − 7 · 2 / 30 = 0.533.
    #[test]
    fn a_small_nominal_alpha_matches_the_hand_computation() {
        let units = vec![vec![0, 0], vec![0, 1], vec![1, 1], vec![1, 1]];
        close(krippendorff_alpha(&units, 2, Metric::Nominal), 1.0 - 14.0 / 30.0);
    }

    #[test]
    fn alpha_is_undefined_without_pairs_or_variation_and_ignores_lone_values() {
        assert_eq!(krippendorff_alpha(&[vec![0]], 2, Metric::Nominal), None);
        assert_eq!(krippendorff_alpha(&[vec![1, 1], vec![1, 1]], 2, Metric::Ordinal), None);
        assert_eq!(krippendorff_alpha(&[vec![0, 3]], 2, Metric::Nominal), None, "a code out of range");
        let with_lone = vec![vec![0, 0], vec![0, 1], vec![1, 1], vec![1, 1], vec![0]];
        close(krippendorff_alpha(&with_lone, 2, Metric::Nominal), 1.0 - 14.0 / 30.0);
        close(krippendorff_alpha(&[vec![0, 0], vec![1, 1]], 2, Metric::Nominal), 1.0);
    }

    /// Cohen's kappa, the two-rater example of the Wikipedia article "Cohen's kappa" (50
    /// grant proposals: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no): p_o = 0.7,
    /// p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.5, κ = 0.4.
    #[test]
    fn cohens_kappa_of_the_proposals_example_is_0_4() {
        let mut pairs = Vec::new();
        for (pair, times) in [((0, 0), 20), ((0, 1), 5), ((1, 0), 10), ((1, 1), 15)] {
            pairs.extend(std::iter::repeat_n(pair, times));
        }
        close(cohen_kappa(&pairs, 2), 0.4);
        assert_eq!(cohen_kappa(&[], 2), None);
        assert_eq!(cohen_kappa(&[(1, 1), (1, 1)], 2), None, "chance agreement is certain");
        close(cohen_kappa(&[(0, 1), (1, 0)], 2), -1.0);
    }

    /// Fleiss' kappa, the worked example of the Wikipedia article "Fleiss' kappa" (10
    /// subjects, 14 raters, 5 categories): P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
    #[test]
    fn fleiss_kappa_of_the_fourteen_raters_example_is_0_210() {
        let counts: Vec<Vec<usize>> = vec![
            vec![0, 0, 0, 0, 14],
            vec![0, 2, 6, 4, 2],
            vec![0, 0, 3, 5, 6],
            vec![0, 3, 9, 2, 0],
            vec![2, 2, 8, 1, 1],
            vec![7, 7, 0, 0, 0],
            vec![3, 2, 6, 3, 0],
            vec![2, 5, 3, 2, 2],
            vec![6, 5, 2, 1, 0],
            vec![0, 2, 2, 3, 7],
        ];
        close(fleiss_kappa(&counts), 0.210);
        assert_eq!(fleiss_kappa(&[vec![2, 1], vec![1, 1]]), None, "items with different numbers of ratings");
        assert_eq!(fleiss_kappa(&[vec![3, 0], vec![3, 0]]), None, "one category only");
    }

    /// Three coders, twenty units, four categories, a tenth of the values missing (drawn
    /// with a seed), against statistics packages outside the project, Python:
    /// `krippendorff` 0.9.0 (`alpha`, with `value_domain=[0,1,2,3]`) for alpha;
    /// statsmodels 0.15.0 (`fleiss_kappa` on `aggregate_raters`) and scikit-learn 1.9.1
    /// (`cohen_kappa_score`, the first two coders) on the eleven units all three coded.
    #[test]
    fn the_measures_agree_with_statistics_packages() {
        // -1: missing.
        let table: [[i8; 20]; 3] = [
            [2, 1, -1, 0, -1, 0, 2, 0, 1, 0, 0, 3, 3, 0, 1, 0, -1, 0, 0, 1],
            [2, 1, 3, 0, 0, 0, 1, -1, 1, 0, 0, 3, 3, -1, 1, 0, 3, 3, -1, 1],
            [2, 1, 3, 0, 0, 2, 2, 0, -1, 0, 0, 3, 3, 0, 1, -1, 3, 0, 0, -1],
        ];
        let rows: Vec<Vec<Option<usize>>> =
            table.iter().map(|row| row.iter().map(|&v| usize::try_from(v).ok()).collect()).collect();
        let units: Vec<Vec<usize>> = (0..20).map(|u| rows.iter().filter_map(|r| r[u]).collect()).collect();
        close(krippendorff_alpha(&units, 4, Metric::Nominal), 0.833);
        close(krippendorff_alpha(&units, 4, Metric::Ordinal), 0.812);
        close(krippendorff_alpha(&units, 4, Metric::Interval), 0.811);
        let complete: Vec<usize> = (0..20).filter(|&u| rows.iter().all(|r| r[u].is_some())).collect();
        let counts: Vec<Vec<usize>> = complete
            .iter()
            .map(|&u| (0..4).map(|c| rows.iter().filter(|r| r[u] == Some(c)).count()).collect())
            .collect();
        close(fleiss_kappa(&counts), 0.748);
        let pairs: Vec<(usize, usize)> =
            complete.iter().filter_map(|&u| Some((rows[0][u]?, rows[1][u]?))).collect();
        close(cohen_kappa(&pairs, 4), 0.747);
    }

    /// With two raters Fleiss' kappa is Scott's pi, which a small case shows by hand:
    /// items (a,a) (a,b) (b,b) (b,b): P̄ = (1 + 0 + 1 + 1) / 4 = 0.75, shares a = 3/8,
    /// b = 5/8, P̄_e = 34/64, κ = (0.75 − 0.53125) / (1 − 0.53125) = 0.467.
    #[test]
    fn fleiss_kappa_of_two_raters_matches_the_hand_computation() {
        let counts = vec![vec![2, 0], vec![1, 1], vec![0, 2], vec![0, 2]];
        close(fleiss_kappa(&counts), (0.75 - 34.0 / 64.0) / (1.0 - 34.0 / 64.0));
    }
}
