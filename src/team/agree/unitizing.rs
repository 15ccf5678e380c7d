//! Krippendorff's unitizing alpha (α_u): agreement on where units start and end and
//! what category they are, over a continuum (here: a text's chars) that coders cut into
//! units and gaps. As defined in Krippendorff, "On the reliability of unitizing
//! continuous data" (Sociological Methodology 25, 1995) and "Content Analysis" (2nd ed.,
//! 2004, section 12.4), per category `c`:
//!
//! - each coder's continuum is a row of segments: their units of `c`, and gaps (the rest,
//!   other categories included);
//! - observed disagreement D_o(c): for each pair of coders, each pair of their segments
//!   that intersect adds δ² = (b − b')² + (e − e')² when both are units (beginnings and
//!   ends), l² when one is a unit of length l inside a gap of the other, and nothing
//!   otherwise; D_o = 2 Σ / (m (m − 1) L²) for m coders and length L;
//! - expected disagreement D_e(c) = (2 / L) · Σ over units u of [(N_c − 1)(2l³ − 3l² +
//!   l) / 3 + l² · Σ over gaps g with l_g ≥ l of (l_g − l + 1)] / [mL (mL − 1) − Σ_u
//!   l (l − 1)], with N_c units of `c` in all and every coder's gaps;
//! - α_u(c) = 1 − D_o(c) / D_e(c), and over all categories α_u = 1 − Σ D_o / Σ D_e.
//!
//! A coder's units of one category must not overlap: a unit that overlaps an earlier
//! one of the same coder and category is left out.

/// A unit: chars `start..end` of the continuum, with a category code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// First position.
    pub start: u64,
    /// One past the last position.
    pub end: u64,
    /// The category's code.
    pub category: usize,
}

/// The disagreements of each category (indexed by code; both zero where no coder used
/// the category).
#[derive(Clone, Debug, PartialEq)]
pub struct Unitizing {
    /// D_o per category.
    pub observed: Vec<f64>,
    /// D_e per category.
    pub expected: Vec<f64>,
}

impl Unitizing {
    /// α_u over all categories; `None` when nothing was unitized.
    pub fn alpha(&self) -> Option<f64> {
        let expected: f64 = self.expected.iter().sum();
        (expected > 0.0).then(|| 1.0 - self.observed.iter().sum::<f64>() / expected)
    }

    /// α_u of one category; `None` when no coder used it.
    pub fn category_alpha(&self, category: usize) -> Option<f64> {
        let expected = *self.expected.get(category)?;
        (expected > 0.0).then(|| 1.0 - self.observed[category] / expected)
    }
}

/// A segment of one coder's row: `start..end`, a unit or a gap.
#[derive(Clone, Copy)]
struct Segment {
    start: u64,
    end: u64,
    unit: bool,
}

/// The disagreements over `0..length`, `units[coder]` holding each coder's units.
pub fn unitizing(length: u64, units: &[Vec<Unit>], categories: usize) -> Unitizing {
    let coders = units.len();
    let mut result = Unitizing { observed: vec![0.0; categories], expected: vec![0.0; categories] };
    if coders < 2 || length == 0 {
        return result;
    }
    for category in 0..categories {
        let rows: Vec<Vec<Segment>> = units.iter().map(|own| row(own, category, length)).collect();
        if rows.iter().all(|r| r.iter().all(|s| !s.unit)) {
            continue;
        }
        let mut sum = 0.0;
        for i in 0..coders {
            for j in i + 1..coders {
                sum += pair_disagreement(&rows[i], &rows[j]);
            }
        }
        let (m, l) = (coders as f64, length as f64);
        result.observed[category] = 2.0 * sum / (m * (m - 1.0) * l * l);
        result.expected[category] = expected(&rows, m, l);
    }
    result
}

/// One coder's row for `category`: their units of it in order (an overlapping one left
/// out) and the gaps between them, covering `0..length`.
fn row(units: &[Unit], category: usize, length: u64) -> Vec<Segment> {
    let mut own: Vec<(u64, u64)> = units
        .iter()
        .filter(|u| u.category == category && u.start < u.end && u.end <= length)
        .map(|u| (u.start, u.end))
        .collect();
    own.sort_unstable();
    let mut segments = Vec::with_capacity(own.len() * 2 + 1);
    let mut at = 0;
    for (start, end) in own {
        if start < at {
            continue;
        }
        if start > at {
            segments.push(Segment { start: at, end: start, unit: false });
        }
        segments.push(Segment { start, end, unit: true });
        at = end;
    }
    if at < length {
        segments.push(Segment { start: at, end: length, unit: false });
    }
    segments
}

/// Σ δ² over the intersecting segments of two rows, walked together.
fn pair_disagreement(a: &[Segment], b: &[Segment]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        let (g, h) = (a[i], b[j]);
        sum += distance(g, h);
        match g.end.cmp(&h.end) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// δ² of two intersecting segments.
fn distance(g: Segment, h: Segment) -> f64 {
    let square = |x: u64, y: u64| (x.abs_diff(y) as f64).powi(2);
    let inside = |unit: Segment, gap: Segment| gap.start <= unit.start && unit.end <= gap.end;
    match (g.unit, h.unit) {
        (true, true) => square(g.start, h.start) + square(g.end, h.end),
        (true, false) if inside(g, h) => square(g.end, g.start),
        (false, true) if inside(h, g) => square(h.end, h.start),
        _ => 0.0,
    }
}

/// D_e of one category from every coder's row.
fn expected(rows: &[Vec<Segment>], m: f64, l: f64) -> f64 {
    let lengths = |unit: bool| -> Vec<f64> {
        rows.iter().flatten().filter(|s| s.unit == unit).map(|s| (s.end - s.start) as f64).collect()
    };
    let (units, mut gaps) = (lengths(true), lengths(false));
    gaps.sort_unstable_by(f64::total_cmp);
    // Sums of the gap lengths from each position to the end.
    let mut from = vec![0.0; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        from[k] = from[k + 1] + gaps[k];
    }
    let n = units.len() as f64;
    let mut sum = 0.0;
    for &u in &units {
        let first = gaps.partition_point(|&g| g < u);
        let longer = (gaps.len() - first) as f64;
        // Σ over gaps at least as long as u of (l_g − u + 1).
        let fits = from[first] - longer * (u - 1.0);
        sum += (n - 1.0) * (2.0 * u * u * u - 3.0 * u * u + u) / 3.0 + u * u * fits;
    }
    let pairs = m * l * (m * l - 1.0) - units.iter().map(|u| u * (u - 1.0)).sum::<f64>();
    2.0 / l * sum / pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `actual` rounds to `expected` at `places` decimals.
    fn close(actual: Option<f64>, expected: f64, places: f64) {
        let actual = actual.expect("a value");
        assert!((actual - expected).abs() <= 0.5 * 10f64.powf(-places), "{actual} is not {expected}");
    }

    fn unit(start: u64, length: u64, category: usize) -> Unit {
        Unit { start, end: start + length, category }
    }

    /// Krippendorff (2004), "Content Analysis", 2nd ed., p. 254: two coders, a continuum
    /// of 300 (150 to 450, here shifted to 0 to 300), categories c and k. Published: α_u
    /// 0.8591 over both; c: D_o 0.0144, D_e 0.0532, α 0.7286; k: D_o 0, D_e 0.0490, α 1.
    /// (DKPro Agreement's test suite checks its implementation against the same figures.)
    #[test]
    fn krippendorffs_2004_example_gives_the_published_alphas() {
        let (c, k) = (0, 1);
        let first = vec![unit(75, 70, c), unit(220, 30, c), unit(30, 60, k), unit(150, 50, k)];
        let second =
            vec![unit(70, 80, c), unit(205, 20, c), unit(250, 20, c), unit(30, 60, k), unit(150, 50, k)];
        let result = unitizing(300, &[first, second], 2);
        // The book's 0.8591 is 1 − 0.0144 / (0.0532 + 0.0490), from the rounded
        // disagreements; unrounded it is 0.8587: the same to 3 decimals.
        close(result.alpha(), 0.859, 3.0);
        close(Some(result.observed[c]), 0.0144, 4.0);
        close(Some(result.expected[c]), 0.0532, 4.0);
        close(result.category_alpha(c), 0.7286, 4.0);
        close(Some(result.observed[k]), 0.0, 4.0);
        close(Some(result.expected[k]), 0.0490, 4.0);
        close(result.category_alpha(k), 1.0, 4.0);
    }

    /// Krippendorff (1995), p. 57: four pairs of coders (A to D) on a continuum of 24, whose
    /// observed disagreements are published as 0.03125, 2.26736, 0.02777 and 0.38715
    /// (A by hand: δ² 8 for the units at 2–10 and 4–8, 10 for 14–20 and 15–17, so
    /// D_o = 2 · 18 / (2 · 1 · 24²)). The expected disagreements in that paper carry a
    /// misprint (Krippendorff 2004 corrects the formula), so only D_o is checked here.
    #[test]
    fn krippendorffs_1995_examples_give_the_published_observed_disagreements() {
        // Each coder's units as (start, length).
        type Coder = Vec<(u64, u64)>;
        let examples: [(Coder, Coder, f64); 4] = [
            (vec![(2, 8), (14, 6)], vec![(4, 4), (15, 2)], 0.03125),
            (vec![(0, 18)], vec![(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)], 2.26736),
            (
                vec![(2, 6), (10, 2), (14, 4), (20, 2)],
                vec![(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)],
                0.02777,
            ),
            (
                vec![(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)],
                vec![(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)],
                0.38715,
            ),
        ];
        for (first, second, published) in examples {
            let coder = |units: &[(u64, u64)]| units.iter().map(|&(s, l)| unit(s, l, 0)).collect::<Vec<_>>();
            let observed = unitizing(24, &[coder(&first), coder(&second)], 1).observed[0];
            // The paper cuts the figures after 5 decimals (0.02777 for 0.027777...).
            assert!((0.0..0.00001).contains(&(observed - published)), "{observed} is not {published}");
        }
    }

    #[test]
    fn identical_cuts_agree_fully_and_nothing_cut_is_undefined() {
        let same = vec![unit(2, 5, 0), unit(10, 3, 1)];
        let result = unitizing(20, &[same.clone(), same.clone(), same], 2);
        close(result.alpha(), 1.0, 6.0);
        assert_eq!(unitizing(20, &[vec![], vec![]], 2).alpha(), None);
        assert_eq!(unitizing(20, &[vec![unit(2, 5, 0)]], 1).alpha(), None, "one coder");
        // An overlapping unit of the same coder and category is left out.
        let overlapping = vec![unit(2, 5, 0), unit(4, 5, 0)];
        assert_eq!(unitizing(20, &[overlapping, vec![unit(2, 5, 0)]], 1).alpha(), Some(1.0));
    }
}
