//! Group coverage: which claim groups each row (outlet, affiliation or genre) covers and
//! which it leaves out, with the same rows as [`super::compare`]'s; the rules are in the
//! `compare` module's documentation. Pure counting: it never changes the project.

use super::{Dimension, Header, rows};
use crate::model::{GroupId, Project};
use std::collections::HashMap;

/// Which claim groups each row covers: the result of [`coverage`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// What the rows are.
    pub by: Dimension,
    /// Row headings, the same as [`compare`](super::compare)'s for this dimension.
    pub rows: Vec<Header>,
    /// The project's groups, in project order (colour `None`).
    pub groups: Vec<Header>,
    /// `members[row][group]`: claims of the group that count in the row (see the counting
    /// rules: a claim in a quoted passage counts for the passage's outlet).
    pub members: Vec<Vec<usize>>,
}

impl Coverage {
    /// Whether the row has at least one claim of the group.
    pub fn covers(&self, row: usize, group: usize) -> bool {
        self.members.get(row).and_then(|r| r.get(group)).is_some_and(|&n| n > 0)
    }

    /// The groups a row covers (indices into [`Coverage::groups`]).
    pub fn covered(&self, row: usize) -> Vec<usize> {
        (0..self.groups.len()).filter(|&g| self.covers(row, g)).collect()
    }

    /// The groups a row leaves out (indices into [`Coverage::groups`]).
    pub fn left_out(&self, row: usize) -> Vec<usize> {
        (0..self.groups.len()).filter(|&g| !self.covers(row, g)).collect()
    }

    /// The rows that cover a group (indices into [`Coverage::rows`]).
    pub fn rows_covering(&self, group: usize) -> Vec<usize> {
        (0..self.rows.len()).filter(|&r| self.covers(r, group)).collect()
    }
}

/// Which claim groups each row of `by` covers and leaves out; see the module docs.
pub fn coverage(project: &Project, by: Dimension) -> Coverage {
    let row_set = rows(project, by);
    let groups: Vec<Header> = project.groups.iter().map(|g| Header::plain(g.id.as_str(), &g.name)).collect();
    let group_index: HashMap<&GroupId, usize> =
        project.groups.iter().enumerate().map(|(i, g)| (&g.id, i)).collect();
    let mut members = vec![vec![0; groups.len()]; row_set.headers.len()];
    for claim in &project.claims {
        let Some(group) = claim.group.as_ref().and_then(|g| group_index.get(g)) else {
            continue;
        };
        if let Some(row) = row_set.row_of(claim) {
            members[row][*group] += 1;
        }
    }
    Coverage { by, rows: row_set.headers, groups, members }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{quoting, small};

    #[test]
    fn coverage_lists_groups_covered_and_left_out() {
        let p = small();
        let cov = coverage(&p, Dimension::Outlet);
        let ids: Vec<&str> = cov.rows.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["o1", "o2", "none"]);
        assert_eq!(cov.covered(0), [0]);
        assert_eq!(cov.left_out(0), [1]);
        assert_eq!(cov.covered(2), [1]);
        assert_eq!(cov.rows_covering(0), [0, 1]);
        assert_eq!(cov.members[0], [1, 0]);
    }

    #[test]
    fn a_claim_in_a_quoted_passage_covers_its_group_for_the_passages_outlet() {
        let cov = coverage(&quoting(), Dimension::Outlet);
        let ids: Vec<&str> = cov.rows.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["forum", "paper", "agency", "none"]);
        // g1: c1 outside the passages (forum), c2 in the newspaper's passage.
        assert_eq!(cov.rows_covering(0), [0, 1]);
        assert_eq!((cov.members[0][0], cov.members[1][0]), (1, 1));
    }
}
