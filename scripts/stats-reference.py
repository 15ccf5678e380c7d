"""Reference values for the tests of src/compare/inference.rs, computed outside claimmark.

Run: python3 -m venv /tmp/sp && /tmp/sp/bin/pip install scipy statsmodels
     /tmp/sp/bin/python scripts/stats-reference.py
The values printed here are written into the unit tests of src/compare/inference/tests.rs
with this script named as their source (SciPy and statsmodels, versions printed first).
"""
import itertools
import math

import scipy
import statsmodels
from scipy.stats import chi2_contingency, fisher_exact, hypergeom
from scipy.stats.contingency import association
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

print("scipy", scipy.__version__, "statsmodels", statsmodels.__version__)

print("# Wilson 95% (statsmodels proportion_confint method='wilson')")
for x, n in [(81, 263), (15, 148), (0, 20), (1, 29), (9, 11), (23, 23), (30, 89)]:
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    print(f"{x}/{n}: {lo:.6f} {hi:.6f}")

print("# chi-square without continuity correction (scipy chi2_contingency correction=False), Cramer's V")
for table in [
    [[762, 327, 468], [484, 239, 477]],  # Agresti (2007), Table 2.5: gender by party identification
    [[12, 5, 9], [3, 14, 6], [7, 8, 20]],
    [[20, 30], [35, 15]],
]:
    chi2, p, df, expected = chi2_contingency(table, correction=False)
    v = association(table, method="cramer", correction=False)
    print(table, f"X2={chi2:.6f} df={df} p={p:.6g} V={v:.6f} min_expected={expected.min():.3f}")

print("# Fisher's exact test, two-sided (scipy fisher_exact)")
for table in [
    [[3, 1], [1, 3]],  # Fisher's tea-tasting experiment (Agresti 2002, sec. 3.5.1: P = 0.486)
    [[10, 90], [25, 75]],
    [[0, 12], [7, 5]],
    [[1200, 48800], [1320, 48680]],
    [[9, 2], [14, 9]],
]:
    odds, p = fisher_exact(table, alternative="two-sided")
    print(table, f"p={p:.8g}")

print("# Holm (statsmodels multipletests method='holm')")
for ps in [[0.01, 0.04, 0.03, 0.005], [0.2, 0.5, 0.01]]:
    print(ps, list(map(lambda v: round(float(v), 6), multipletests(ps, method="holm")[1])))


def exact_chi2_p(table):
    """P(X2 >= observed) over all tables with the same margins, under independence
    (multivariate hypergeometric probabilities): the value a Monte Carlo test estimates."""
    rows = [sum(r) for r in table]
    cols = [sum(c) for c in zip(*table)]
    n = sum(rows)

    def x2(t):
        return sum((t[i][j] - rows[i] * cols[j] / n) ** 2 / (rows[i] * cols[j] / n)
                   for i in range(len(rows)) for j in range(len(cols)))

    observed = x2(table)
    total = 0.0

    def tables(i, left):
        if i == len(rows) - 1:
            yield [left]
            return
        for row in itertools.product(*[range(min(c, rows[i]) + 1) for c in left]):
            if sum(row) == rows[i] and all(r <= c for r, c in zip(row, left)):
                for rest in tables(i + 1, [c - r for c, r in zip(left, row)]):
                    yield [list(row)] + rest

    def probability(t):
        # product of row multinomials over the column multinomial
        num = math.prod(math.factorial(r) for r in rows) * math.prod(math.factorial(c) for c in cols)
        den = math.factorial(n) * math.prod(math.factorial(x) for r in t for x in r)
        return num / den

    for t in tables(0, cols):
        if x2(t) >= observed * (1 - 1e-12):
            total += probability(t)
    return observed, total


print("# exact P(X2 >= observed) with fixed margins (full enumeration)")
for table in [[[3, 1, 0], [1, 2, 4]], [[2, 0, 1], [0, 3, 1], [1, 1, 4]]]:
    observed, p = exact_chi2_p(table)
    print(table, f"X2={observed:.6f} exact p={p:.6f}")

print("# the sample project, claims by affiliation against kind (rows: state media, state-affiliated, private,")
print("# forum, unknown; the aggregator has no claims), counts as tests/compare.rs establishes them by hand")
import numpy as np
from scipy.stats import random_table

sample = np.array([
    [1, 3, 1, 1, 2, 3, 0, 2, 5, 5],
    [0, 0, 10, 6, 5, 1, 1, 10, 8, 12],
    [1, 0, 10, 1, 0, 3, 0, 2, 15, 4],
    [0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
    [0, 0, 2, 5, 0, 1, 0, 0, 5, 5],
])
chi2, p, df, expected = chi2_contingency(sample, correction=False)
v = association(sample, method="cramer", correction=False)
print(f"X2={chi2:.6f} df={df} p_chi2={p:.6f} V={v:.6f} expected<5: {(expected < 5).sum()} of {expected.size}")
tables = random_table(sample.sum(axis=1), sample.sum(axis=0), seed=1).rvs(200_000)
rows, cols = sample.sum(axis=1), sample.sum(axis=0)
e = np.outer(rows, cols) / sample.sum()
x2 = (((tables - e) ** 2) / e).sum(axis=(1, 2))
print(f"Monte Carlo p over 200,000 tables: {(x2 >= chi2 * (1 - 1e-12)).mean():.5f}")
print("Historical: state-affiliated 10/53 vs unknown 0/18, Fisher p =",
      f"{fisher_exact([[10, 43], [0, 18]])[1]:.6f}")
