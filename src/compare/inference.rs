//! Uncertainty and tests of difference for a [`Comparison`]: what a researcher needs
//! before a share reads as a finding. Pure computation, deterministic (the Monte Carlo
//! tables come from a fixed seed), no distribution written by hand: the normal,
//! chi-square and hypergeometric distributions are `statrs`'s, the Monte Carlo tables
//! are drawn with `rand_distr`'s hypergeometric sampler.
//!
//! # The unit ([`Unit`])
//!
//! - **Claims**: a row's claims are its units and a cell's count its hits, exactly the
//!   comparison's shares. Right for "how does this outlet's output divide between
//!   kinds", but claims of one article are not independent of each other (one author,
//!   one topic), so tests on claims overstate how sure a difference between outlets is.
//! - **Documents**: a row's units are its texts — its outlets' documents and the
//!   passages other documents quote from them (under genre, its documents) — and a
//!   cell's hits the texts with at least one claim of the label. Right where the
//!   question is about outlets ("do state media use the security frame more often?"):
//!   documents are what an outlet publishes, and they are the sampling unit.
//!
//! # What is computed
//!
//! - A 95% **Wilson score interval** ([`wilson`]) for every share (hits of units).
//! - **Thin rows** ([`Statistics::thin_reasons`]): fewer than [`THIN_UNITS`] units, or
//!   all the row's claims from one document.
//! - The **test of the whole matrix** ([`Statistics::matrix`]): Pearson's chi-square test
//!   of independence of rows and columns (no continuity correction) with Cramér's V, on
//!   the rows and columns that hold any unit. Only where each unit falls in exactly one
//!   column: claims against kinds or verdicts. A claim can carry several frames and a
//!   document several kinds, so there the matrix is no contingency table and is not
//!   tested as one ([`Statistics::matrix_note`]); the column tests below still apply.
//! - **Column tests** ([`Statistics::columns`]): for each column, rows against "has the
//!   label / has not" (the same chi-square test), p-values adjusted for the number of
//!   columns tested (Holm).
//! - **Pairwise tests** ([`Statistics::pairwise`]) for one column: each pair of rows by
//!   Fisher's exact test (two-sided), p-values adjusted for the number of pairs (Holm).
//!
//! When the chi-square approximation is doubtful (Cochran: an expected count below 1,
//! or more than a fifth of them below 5), the test says so and its p-value comes from an
//! exact test instead: Fisher's for a 2×2 table, otherwise a Monte Carlo test of
//! [`REPLICATES`] random tables with the same margins (as R's
//! `chisq.test(simulate.p.value = TRUE)`); a large table gets fewer, never fewer than
//! [`MIN_REPLICATES`] (see [`replicates_for`]), and the report says how many.

use super::{Comparison, Dimension, Measure};
use crate::model::{Claim, DocumentId, Project};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::Distribution;
use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF, Discrete, Hypergeometric, Normal};
use std::collections::HashMap;

/// Confidence level of the intervals.
pub const LEVEL: f64 = 0.95;

/// Significance level the reports' words use ("differs beyond chance" below it).
pub const ALPHA: f64 = 0.05;

/// A row with fewer units than this is thin.
pub const THIN_UNITS: usize = 20;

/// Random tables of a Monte Carlo test: the standard error of a p-value near 0.05 is 0.002.
pub const REPLICATES: usize = 10_000;

/// The fewest random tables of a Monte Carlo test, however large the table (the standard
/// error of a p-value near 0.05 is 0.007).
pub const MIN_REPLICATES: usize = 1_000;

/// Hypergeometric draws a Monte Carlo test may make (about half a µs each on two cores):
/// a large table gets fewer tables, so that a report stays well under a second.
const DRAW_BUDGET: usize = 1_000_000;

/// Below this many successes or draws, a draw takes them one by one (statrs's sampler);
/// above, rand_distr's sampler, whose set-up costs more but does not grow.
const FEW: usize = 32;

/// The Monte Carlo tables run in this many chunks of their own seed, on as many threads:
/// the result does not depend on the number of cores.
const CHUNKS: usize = 4;

/// Seed of the Monte Carlo tables: the same report on every run.
pub const SEED: u64 = 16;

/// Relative tolerance under which two probabilities or statistics count as equal (R's
/// `fisher.test` uses 1e-7 for the tables "as extreme as" the observed one).
const RELATIVE_TOLERANCE: f64 = 1e-7;

/// What a share counts: claims, or documents with at least one claim of the label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Each claim is one unit.
    #[default]
    Claims,
    /// Each document (or quoted passage) is one unit.
    Documents,
}

impl Unit {
    /// Every unit, in menu order.
    pub const ALL: [Unit; 2] = [Unit::Claims, Unit::Documents];

    /// The id used on the command line and in exports.
    pub fn id(self) -> &'static str {
        match self {
            Unit::Claims => "claims",
            Unit::Documents => "documents",
        }
    }

    /// The unit with this id (case and surrounding space ignored).
    pub fn from_id(id: &str) -> Option<Unit> {
        let id = id.trim();
        Unit::ALL.into_iter().find(|u| u.id().eq_ignore_ascii_case(id))
    }

    /// Name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Claims => "Claims",
            Unit::Documents => "Documents",
        }
    }
}

/// A confidence interval of a share, both ends in `0.0..=1.0`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// The normal quantile of a two-sided interval at `level` (1.96 at 95%).
fn z(level: f64) -> f64 {
    Normal::standard().inverse_cdf(1.0 - (1.0 - level) / 2.0)
}

/// The 95% Wilson score interval of `successes` out of `trials`; `None` without trials
/// (or with more successes than trials).
pub fn wilson(successes: usize, trials: usize) -> Option<Interval> {
    if trials == 0 || successes > trials {
        return None;
    }
    let z = z(LEVEL);
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2n = z * z / n;
    let centre = (p + z2n / 2.0) / (1.0 + z2n);
    let half = z / (1.0 + z2n) * (p * (1.0 - p) / n + z2n / (4.0 * n)).sqrt();
    Some(Interval { low: (centre - half).max(0.0), high: (centre + half).min(1.0) })
}

/// Where a test's p-value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The chi-square distribution (the expected counts are large enough).
    ChiSquare,
    /// Fisher's exact test (a 2×2 table).
    FisherExact,
    /// A Monte Carlo test of random tables with the table's margins
    /// ([`Independence::replicates`] of them).
    MonteCarlo,
}

impl Method {
    /// How a report names it.
    pub fn name(self) -> &'static str {
        match self {
            Method::ChiSquare => "chi-square",
            Method::FisherExact => "Fisher's exact test",
            Method::MonteCarlo => "Monte Carlo",
        }
    }
}

/// A chi-square test of independence of a table's rows and columns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Independence {
    /// Pearson's X², without continuity correction.
    pub statistic: f64,
    /// Degrees of freedom, (rows − 1)(columns − 1) of the table tested.
    pub df: usize,
    /// Units in the table.
    pub n: usize,
    /// The p-value of X² under the chi-square distribution.
    pub p_chi_square: f64,
    /// Cramér's V: 0 (no association) to 1.
    pub cramers_v: f64,
    /// Rows of the table tested (rows without units left out).
    pub rows: usize,
    /// Columns of the table tested (columns without units left out).
    pub columns: usize,
    /// Expected counts below 5.
    pub expected_below_5: usize,
    /// Expected counts below 1.
    pub expected_below_1: usize,
    /// Where [`Independence::p_value`] comes from.
    pub method: Method,
    /// Random tables drawn (0 unless [`Method::MonteCarlo`]).
    pub replicates: usize,
    /// The p-value to read: the chi-square one, or the exact one when the expected counts
    /// are too small.
    pub p_value: f64,
}

impl Independence {
    /// Whether the expected counts are too small for the chi-square distribution
    /// (Cochran's rule).
    pub fn small_expected(&self) -> bool {
        let cells = self.rows * self.columns;
        self.expected_below_1 > 0 || self.expected_below_5 * 5 > cells
    }
}

/// Pearson's chi-square test of independence of `table` (rows of counts), with Cramér's V
/// and, when the expected counts are too small, an exact p-value (Fisher's for 2×2, Monte
/// Carlo otherwise). Rows and columns without any count are left out; `None` when fewer
/// than two of either remain.
pub fn independence(table: &[Vec<usize>]) -> Option<Independence> {
    let columns = table.iter().map(Vec::len).max().unwrap_or(0);
    let column_totals: Vec<usize> =
        (0..columns).map(|c| table.iter().map(|r| r.get(c).copied().unwrap_or(0)).sum()).collect();
    let kept_columns: Vec<usize> = (0..columns).filter(|&c| column_totals[c] > 0).collect();
    let kept: Vec<Vec<usize>> = table
        .iter()
        .filter(|r| r.iter().any(|&x| x > 0))
        .map(|r| kept_columns.iter().map(|&c| r.get(c).copied().unwrap_or(0)).collect())
        .collect();
    if kept.len() < 2 || kept_columns.len() < 2 {
        return None;
    }
    let row_totals: Vec<usize> = kept.iter().map(|r| r.iter().sum()).collect();
    let column_totals: Vec<usize> = kept_columns.iter().map(|&c| column_totals[c]).collect();
    let n: usize = row_totals.iter().sum();
    let expected = |r: usize, c: usize| row_totals[r] as f64 * column_totals[c] as f64 / n as f64;
    let statistic = pearson(&kept, &row_totals, &column_totals, n);
    let (mut below_5, mut below_1) = (0, 0);
    for r in 0..kept.len() {
        for c in 0..kept_columns.len() {
            let e = expected(r, c);
            below_5 += usize::from(e < 5.0);
            below_1 += usize::from(e < 1.0);
        }
    }
    let df = (kept.len() - 1) * (kept_columns.len() - 1);
    let p_chi_square = ChiSquared::new(df as f64).map_or(f64::NAN, |d| d.sf(statistic));
    let smaller = kept.len().min(kept_columns.len()) - 1;
    let cramers_v = (statistic / (n as f64 * smaller as f64)).sqrt();
    let mut test = Independence {
        statistic,
        df,
        n,
        p_chi_square,
        cramers_v,
        rows: kept.len(),
        columns: kept_columns.len(),
        expected_below_5: below_5,
        expected_below_1: below_1,
        method: Method::ChiSquare,
        replicates: 0,
        p_value: p_chi_square,
    };
    if test.small_expected() {
        if kept.len() == 2 && kept_columns.len() == 2 {
            test.method = Method::FisherExact;
            test.p_value = fisher_exact([kept[0][0], kept[0][1], kept[1][0], kept[1][1]]);
        } else {
            test.method = Method::MonteCarlo;
            test.replicates = replicates_for(kept.len(), kept_columns.len());
            test.p_value = monte_carlo(statistic, &row_totals, &column_totals, test.replicates, SEED);
        }
    }
    Some(test)
}

/// Pearson's X² of a table without empty rows or columns, given its margins.
fn pearson(table: &[Vec<usize>], row_totals: &[usize], column_totals: &[usize], n: usize) -> f64 {
    let n = n as f64;
    let mut statistic = 0.0;
    for (row, &row_total) in table.iter().zip(row_totals) {
        for (&observed, &column_total) in row.iter().zip(column_totals) {
            let expected = row_total as f64 * column_total as f64 / n;
            let difference = observed as f64 - expected;
            statistic += difference * difference / expected;
        }
    }
    statistic
}

/// A hypergeometric distribution of `draws` from `population` with `successes`; `None`
/// when the numbers do not fit (more draws or successes than the population).
fn hypergeometric(population: usize, successes: usize, draws: usize) -> Option<Hypergeometric> {
    Hypergeometric::new(population as u64, successes as u64, draws as u64).ok()
}

/// Fisher's exact test of the 2×2 table `[a, b, c, d]` (rows `a b` and `c d`),
/// two-sided: the probability, with the margins fixed, of the tables no more probable
/// than the observed one (R's `fisher.test` and SciPy's `fisher_exact`).
pub fn fisher_exact([a, b, c, d]: [usize; 4]) -> f64 {
    let n = a + b + c + d;
    // The count in the top left cell is hypergeometric: draws are the first row, successes
    // the first column.
    let Some(law) = hypergeometric(n, a + c, a + b) else { return 1.0 };
    let (low, high) = (law_min(&law), law_max(&law));
    if low == high {
        return 1.0;
    }
    let observed = law.ln_pmf(a as u64);
    let bound = observed + RELATIVE_TOLERANCE.ln_1p();
    // The pmf rises to its mode and falls after it: the tables no more probable than the
    // observed one are the two tails [low, left] and [right, high].
    let mode = ((a + b + 1) as f64 * (a + c + 1) as f64 / (n + 2) as f64).floor() as u64;
    let mode = mode.clamp(low, high);
    let rising = |x: u64| law.ln_pmf(x) <= bound;
    // Largest x in [low, mode] with pmf <= bound (none when even `low` is above it).
    let left = last_true(low, mode, rising);
    // Smallest x in [mode, high] with pmf <= bound.
    let right = first_true(mode, high, |x| law.ln_pmf(x) <= bound);
    let mut p = 0.0;
    if let Some(left) = left {
        p += tail_sum(&law, (low..=left).rev());
    }
    if let Some(right) = right {
        // The mode can be in both tails only when every table is as probable as the
        // observed one; count it once.
        let from = if left == Some(right) { right + 1 } else { right };
        if from <= high {
            p += tail_sum(&law, from..=high);
        }
    }
    p.min(1.0)
}

fn law_min(law: &Hypergeometric) -> u64 {
    statrs::statistics::Min::min(law)
}

fn law_max(law: &Hypergeometric) -> u64 {
    statrs::statistics::Max::max(law)
}

/// The sum of the pmf over `xs`, which run from the tail's inner end outward (the pmf
/// falls along them), stopping once a term is too small to change the sum.
fn tail_sum(law: &Hypergeometric, xs: impl Iterator<Item = u64>) -> f64 {
    let mut sum = 0.0;
    for x in xs {
        let term = law.ln_pmf(x).exp();
        if term <= sum * f64::EPSILON * 1e-3 || term == 0.0 {
            break;
        }
        sum += term;
    }
    sum
}

/// The largest x in `low..=high` for which `holds` is true, where `holds` is true on a
/// prefix of the range (a rising pmf below a bound).
fn last_true(low: u64, high: u64, holds: impl Fn(u64) -> bool) -> Option<u64> {
    if !holds(low) {
        return None;
    }
    let (mut yes, mut no) = (low, high + 1);
    while no - yes > 1 {
        let mid = yes + (no - yes) / 2;
        if holds(mid) { yes = mid } else { no = mid }
    }
    Some(yes)
}

/// The smallest x in `low..=high` for which `holds` is true, where `holds` is true on a
/// suffix of the range (a falling pmf below a bound).
fn first_true(low: u64, high: u64, holds: impl Fn(u64) -> bool) -> Option<u64> {
    if !holds(high) {
        return None;
    }
    let (mut no, mut yes) = (low, high);
    if holds(low) {
        return Some(low);
    }
    while yes - no > 1 {
        let mid = no + (yes - no) / 2;
        if holds(mid) { yes = mid } else { no = mid }
    }
    Some(yes)
}

/// How many random tables a Monte Carlo test of a `rows` × `columns` table draws:
/// [`REPLICATES`], fewer when each table takes many draws ((rows − 1)(columns − 1) of
/// them), never fewer than [`MIN_REPLICATES`]; a multiple of the chunks.
pub fn replicates_for(rows: usize, columns: usize) -> usize {
    let draws = (rows.saturating_sub(1) * columns.saturating_sub(1)).max(1);
    let replicates = (DRAW_BUDGET / draws).clamp(MIN_REPLICATES, REPLICATES);
    replicates - replicates % CHUNKS
}

/// The Monte Carlo p-value of X² = `observed` for tables with these margins:
/// `(1 + tables with X² at least observed) / (replicates + 1)`. The tables are drawn in
/// [`CHUNKS`] chunks on threads of their own, chunk k from seed `seed + k`.
fn monte_carlo(observed: f64, rows: &[usize], columns: &[usize], replicates: usize, seed: u64) -> f64 {
    let threshold = observed * (1.0 - 64.0 * f64::EPSILON);
    let per_chunk = replicates.div_ceil(CHUNKS);
    let at_least: usize = std::thread::scope(|scope| {
        let chunks: Vec<_> = (0..CHUNKS as u64)
            .map(|k| scope.spawn(move || chunk(threshold, rows, columns, per_chunk, seed + k)))
            .collect();
        chunks.into_iter().map(|c| c.join().unwrap_or(0)).sum()
    });
    (1 + at_least) as f64 / (per_chunk * CHUNKS + 1) as f64
}

/// Draws `replicates` random tables with these margins and counts those whose X² reaches
/// `threshold`. Each table is drawn row by row, each row's counts column by column from
/// the hypergeometric distribution of what is left: the distribution of tables with
/// these margins under independence.
fn chunk(threshold: f64, rows: &[usize], columns: &[usize], replicates: usize, seed: u64) -> usize {
    let n: usize = rows.iter().sum();
    let mut rng = StdRng::seed_from_u64(seed);
    let mut table = vec![vec![0; columns.len()]; rows.len()];
    let mut left = columns.to_vec();
    let mut at_least = 0usize;
    for _ in 0..replicates {
        left.copy_from_slice(columns);
        let mut population = n;
        for (row, &total) in table.iter_mut().zip(rows) {
            let mut draws = total;
            let mut rest = population;
            for (cell, column_left) in row.iter_mut().zip(left.iter_mut()) {
                let x = draw(&mut rng, rest, *column_left, draws);
                *cell = x;
                rest -= *column_left;
                *column_left -= x;
                draws -= x;
            }
            population -= total;
        }
        if pearson(&table, rows, columns, n) >= threshold {
            at_least += 1;
        }
    }
    at_least
}

/// One draw of the hypergeometric distribution: of `draws` taken from `population`
/// holding `successes`, how many are successes. With few successes or few draws statrs's
/// sampler takes them one by one (the count is distributed alike with the two swapped);
/// otherwise rand_distr's, constant time whatever the counts.
fn draw(rng: &mut StdRng, population: usize, successes: usize, draws: usize) -> usize {
    if draws == 0 || successes == 0 {
        return 0;
    }
    if successes == population {
        return draws;
    }
    if draws == population {
        return successes;
    }
    let (more, fewer) = if successes >= draws { (successes, draws) } else { (draws, successes) };
    if fewer <= FEW {
        return hypergeometric(population, more, fewer)
            .map_or(0, |law| Distribution::<u64>::sample(&law, rng) as usize);
    }
    rand_distr::Hypergeometric::new(population as u64, successes as u64, draws as u64)
        .map_or(0, |law| law.sample(rng) as usize)
}

/// Holm's step-down adjustment of `p_values` for their number: the k-th smallest is
/// multiplied by (m − k + 1), kept at least as large as the smaller ones', at most 1.
pub fn holm(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]));
    let mut adjusted = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (rank, &index) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * p_values[index]).min(1.0));
        adjusted[index] = running;
    }
    adjusted
}

/// The test of one column: rows against "has the label / has not".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnTest {
    /// Index into the comparison's columns.
    pub column: usize,
    /// The test; `None` when the column cannot differ (no row, or every unit, has it).
    pub test: Option<Independence>,
    /// Its p-value adjusted for the number of columns tested (Holm); `None` untested.
    pub p_holm: Option<f64>,
}

/// Two rows compared on one column by Fisher's exact test.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairTest {
    /// Index of the first row.
    pub a: usize,
    /// Index of the second row.
    pub b: usize,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Adjusted for the number of pairs (Holm).
    pub p_holm: f64,
}

/// Each pair of rows compared on one column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pairwise {
    /// Index into the comparison's columns.
    pub column: usize,
    /// Every pair of rows that hold units, in row order.
    pub pairs: Vec<PairTest>,
    /// Whether the column was asked for; otherwise it was picked as the one whose test
    /// found the strongest difference (after looking at the data).
    pub asked: bool,
}

/// Intervals, thin rows and tests of a [`Comparison`]; see the module docs.
#[derive(Clone, Debug, PartialEq)]
pub struct Statistics {
    /// What a share counts.
    pub unit: Unit,
    /// What the rows are.
    pub by: Dimension,
    /// Units per row: its claims, or its texts (documents and quoted passages).
    pub units: Vec<usize>,
    /// `hits[row][column]`: units of the row with the column's label.
    pub hits: Vec<Vec<usize>>,
    /// `intervals[row][column]`: the Wilson interval of the share; `None` for a row
    /// without units.
    pub intervals: Vec<Vec<Option<Interval>>>,
    /// Per row: the documents its claims come from.
    pub claim_documents: Vec<usize>,
    /// Per row: its claims.
    pub claims: Vec<usize>,
    /// The test of the whole matrix; `None` with a reason in [`Statistics::matrix_note`].
    pub matrix: Option<Independence>,
    /// Why the matrix is not tested as a whole, when it is not.
    pub matrix_note: Option<&'static str>,
    /// One test per column, in column order.
    pub columns: Vec<ColumnTest>,
    /// Pairwise tests of one column: the one asked for, else the column whose test found
    /// the strongest evidence of a difference; `None` without rows to compare.
    pub pairwise: Option<Pairwise>,
}

impl Statistics {
    /// The share of the row's units with the column's label (0 without units).
    pub fn share(&self, row: usize, column: usize) -> f64 {
        let hits = self.hits.get(row).and_then(|r| r.get(column)).copied().unwrap_or(0);
        match self.units.get(row) {
            Some(&units) if units > 0 => hits as f64 / units as f64,
            _ => 0.0,
        }
    }

    /// The interval of a cell (`None` for a row without units or out of range).
    pub fn interval(&self, row: usize, column: usize) -> Option<Interval> {
        self.intervals.get(row).and_then(|r| r.get(column)).copied().flatten()
    }

    /// Why a row is thin, in words a reader understands; empty when it is not.
    pub fn thin_reasons(&self, row: usize) -> Vec<String> {
        let mut reasons = Vec::new();
        let (few, one_document) = self.thin(row);
        let units = self.units.get(row).copied().unwrap_or(0);
        // Under outlet and affiliation a row's texts are documents and quoted passages.
        let texts = self.by != Dimension::Genre;
        let noun = match (self.unit, units, texts) {
            (Unit::Claims, 1, _) => "claim",
            (Unit::Claims, _, _) => "claims",
            (Unit::Documents, 1, false) => "document",
            (Unit::Documents, _, false) => "documents",
            (Unit::Documents, 1, true) => "text (document or quoted passage)",
            (Unit::Documents, _, true) => "texts (documents or quoted passages)",
        };
        if units == 0 {
            reasons.push(match (self.unit, texts) {
                (Unit::Claims, _) => "no claims".to_owned(),
                (Unit::Documents, false) => "no documents".to_owned(),
                (Unit::Documents, true) => "no documents or quoted passages".to_owned(),
            });
        } else if few {
            reasons.push(format!("only {units} {noun}, fewer than {THIN_UNITS}"));
        }
        if one_document {
            let claims = self.claims.get(row).copied().unwrap_or(0);
            reasons.push(format!("all {claims} claims come from a single document"));
        }
        reasons
    }

    /// The two reasons a row can be thin: fewer units than [`THIN_UNITS`], and more than
    /// one claim, all from a single document.
    fn thin(&self, row: usize) -> (bool, bool) {
        let units = self.units.get(row).copied().unwrap_or(0);
        let claims = self.claims.get(row).copied().unwrap_or(0);
        (units < THIN_UNITS, claims > 1 && self.claim_documents.get(row).copied().unwrap_or(0) == 1)
    }

    /// Whether a row is thin: few units, or claims from one document (no words built:
    /// the app asks for every cell of every frame).
    pub fn is_thin(&self, row: usize) -> bool {
        let (few, one_document) = self.thin(row);
        few || one_document
    }

    /// The same statistics with the pairs of rows compared on `column` (as asked for);
    /// only the pairs are computed again. Out of range, the pairs stay as they are.
    pub fn with_pairs_on(&self, column: usize) -> Statistics {
        let mut statistics = self.clone();
        if self.hits.first().is_some_and(|row| column < row.len()) {
            statistics.pairwise = Some(pairwise(&self.hits, &self.units, column));
        }
        statistics
    }

    /// The test of a column, if it was tested.
    pub fn column_test(&self, column: usize) -> Option<&ColumnTest> {
        self.columns.get(column).filter(|t| t.test.is_some())
    }
}

/// "p = 0.023", or "p < 0.001" (a p-value in a sentence).
pub fn p_is(p: f64) -> String {
    let text = p_text(p);
    if text.starts_with('<') { format!("p {text}") } else { format!("p = {text}") }
}

/// Whether a p-value is below [`ALPHA`].
pub fn significant(p: f64) -> bool {
    p < ALPHA
}

/// A p-value as reports print it: three decimals, "< 0.001" below that, four next to
/// [`ALPHA`] (so that 0.0501 does not read as 0.050 beside "below 0.05"), and "< 0.0500"
/// for one that would print as 0.0500 but is below it.
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".to_owned()
    } else if (p - ALPHA).abs() < 0.0005 {
        let text = format!("{p:.4}");
        // A p-value a hair below ALPHA must not print as ALPHA itself.
        if significant(p) && text == format!("{ALPHA:.4}") { format!("< {ALPHA:.4}") } else { text }
    } else {
        format!("{p:.3}")
    }
}

/// Intervals, thin rows and tests of `comparison` (computed from `project`) with `unit`
/// as the unit; pairwise tests on `pair_column` when given (an index into the columns),
/// else on the column whose test has the smallest adjusted p-value.
pub fn statistics(
    project: &Project,
    comparison: &Comparison,
    unit: Unit,
    pair_column: Option<usize>,
) -> Statistics {
    let rows = comparison.rows.len();
    let columns = comparison.columns.len();
    let texts = Texts::new(project, comparison.by);
    // The row of every counted claim, then in one pass over the claims in project order
    // (memory order: on 100,000 claims a pass row by row jumps across the whole list) the
    // text (document, or passage of one) each sits in, and the documents each row's
    // claims come from.
    let mut row_of = vec![usize::MAX; project.claims.len()];
    for row in 0..rows {
        for column in 0..columns {
            for &claim in comparison.claims_in(row, column) {
                row_of[claim] = row;
            }
        }
    }
    let mut claim_text: Vec<Option<(usize, usize)>> = vec![None; project.claims.len()];
    let mut row_documents: Vec<(usize, usize)> = Vec::new();
    let mut last_document = vec![usize::MAX; rows];
    for ((claim, &row), text) in project.claims.iter().zip(&row_of).zip(claim_text.iter_mut()) {
        if row == usize::MAX {
            continue;
        }
        *text = texts.of(project, claim);
        // A document's claims mostly follow each other: keep one pair per run.
        if let Some((_, document)) = *text
            && last_document[row] != document
        {
            last_document[row] = document;
            row_documents.push((row, document));
        }
    }
    row_documents.sort_unstable();
    row_documents.dedup();
    let mut claim_documents = vec![0; rows];
    for (row, _) in row_documents {
        claim_documents[row] += 1;
    }
    let (units, hits): (Vec<usize>, Vec<Vec<usize>>) = match unit {
        Unit::Claims => (comparison.row_claims.clone(), comparison.counts.clone()),
        Unit::Documents => {
            let units = match comparison.by {
                Dimension::Genre => comparison.row_documents.clone(),
                Dimension::Outlet | Dimension::Affiliation => comparison
                    .row_documents
                    .iter()
                    .zip(&comparison.row_passages)
                    .map(|(d, p)| d + p)
                    .collect(),
            };
            let mut stamp: Vec<usize> = vec![usize::MAX; texts.count];
            let mut hits = vec![vec![0; columns]; rows];
            let mut cell_id = 0;
            for (row, row_hits) in hits.iter_mut().enumerate() {
                for (column, hit) in row_hits.iter_mut().enumerate() {
                    for claim in comparison.claims_in(row, column) {
                        if let Some((text, _)) = claim_text[*claim]
                            && stamp[text] != cell_id
                        {
                            stamp[text] = cell_id;
                            *hit += 1;
                        }
                    }
                    cell_id += 1;
                }
            }
            (units, hits)
        }
    };
    let intervals =
        hits.iter().zip(&units).map(|(row, &n)| row.iter().map(|&x| wilson(x, n)).collect()).collect();
    let exclusive = unit == Unit::Claims && comparison.against != Measure::Frame;
    let (matrix, matrix_note) = if exclusive {
        let table: Vec<Vec<usize>> = hits.clone();
        let test = independence(&table);
        let note =
            test.is_none().then_some("Fewer than two rows or two columns hold claims: nothing to compare.");
        (test, note)
    } else if unit == Unit::Documents {
        (
            None,
            Some(
                "A document can hold claims of several labels, so the matrix of documents is not one contingency \
                 table; each column is tested on its own below.",
            ),
        )
    } else {
        (
            None,
            Some(
                "A claim can carry several frames, so the matrix of frames is not one contingency table; each \
                 frame is tested on its own below.",
            ),
        )
    };
    let mut column_tests: Vec<ColumnTest> = (0..columns)
        .map(|column| {
            let table: Vec<Vec<usize>> = hits
                .iter()
                .zip(&units)
                .filter(|(_, n)| **n > 0)
                .map(|(row, &n)| vec![row[column], n - row[column].min(n)])
                .collect();
            ColumnTest { column, test: independence(&table), p_holm: None }
        })
        .collect();
    let tested: Vec<usize> = (0..columns).filter(|&c| column_tests[c].test.is_some()).collect();
    let p: Vec<f64> =
        tested.iter().filter_map(|&c| column_tests[c].test.as_ref().map(|t| t.p_value)).collect();
    for (&column, adjusted) in tested.iter().zip(holm(&p)) {
        column_tests[column].p_holm = Some(adjusted);
    }
    let asked = pair_column.is_some_and(|c| c < columns);
    let chosen = pair_column.filter(|&c| c < columns).or_else(|| {
        tested
            .iter()
            .copied()
            .min_by(|&a, &b| {
                let p = |c: usize| column_tests[c].p_holm.unwrap_or(1.0);
                p(a).total_cmp(&p(b)).then(a.cmp(&b))
            })
            .or_else(|| (0..columns).find(|&c| comparison.column_total(c) > 0))
    });
    let pairwise = chosen.map(|column| Pairwise { asked, ..pairwise(&hits, &units, column) });
    Statistics {
        unit,
        by: comparison.by,
        units,
        hits,
        intervals,
        claim_documents,
        claims: comparison.row_claims.clone(),
        matrix,
        matrix_note,
        columns: column_tests,
        pairwise,
    }
}

/// Fisher's exact test of every pair of rows with units on `column`, Holm-adjusted.
fn pairwise(hits: &[Vec<usize>], units: &[usize], column: usize) -> Pairwise {
    let rows: Vec<usize> = (0..units.len()).filter(|&r| units[r] > 0).collect();
    let mut pairs = Vec::new();
    for (i, &a) in rows.iter().enumerate() {
        for &b in &rows[i + 1..] {
            let (x, y) = (hits[a][column].min(units[a]), hits[b][column].min(units[b]));
            let p_value = fisher_exact([x, units[a] - x, y, units[b] - y]);
            pairs.push(PairTest { a, b, p_value, p_holm: p_value });
        }
    }
    let adjusted = holm(&pairs.iter().map(|p| p.p_value).collect::<Vec<_>>());
    for (pair, p) in pairs.iter_mut().zip(adjusted) {
        pair.p_holm = p;
    }
    Pairwise { column, pairs, asked: true }
}

/// Numbers every text of the project (a document's own text, each passage it quotes)
/// and finds the text a claim sits in.
struct Texts<'a> {
    by: Dimension,
    /// Per document id: its index and the number of its first text.
    documents: HashMap<&'a DocumentId, (usize, usize)>,
    count: usize,
}

impl<'a> Texts<'a> {
    fn new(project: &'a Project, by: Dimension) -> Texts<'a> {
        let mut documents = HashMap::with_capacity(project.documents.len());
        let mut count = 0;
        for (index, document) in project.documents.iter().enumerate() {
            documents.entry(&document.id).or_insert((index, count));
            count += 1 + document.passages.len();
        }
        Texts { by, documents, count }
    }

    /// The text a claim counts in (under genre, always its document's own) and its
    /// document's index; `None` when its document is not in the project.
    fn of(&self, project: &Project, claim: &Claim) -> Option<(usize, usize)> {
        let &(index, first) = self.documents.get(&claim.document)?;
        if self.by == Dimension::Genre {
            return Some((first, index));
        }
        let document = &project.documents[index];
        let passage = document
            .passages
            .iter()
            .position(|p| p.span.start <= claim.span.start && claim.span.start < p.span.end);
        Some((first + passage.map_or(0, |p| p + 1), index))
    }
}

#[cfg(test)]
mod tests;
