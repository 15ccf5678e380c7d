//! Text helpers shared by every layer: wording of counts for messages. Nothing here knows
//! about projects, files or the window.

/// "1 claim", "2 claims": a count with its noun (nouns with a regular plural).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_plural_except_for_one() {
        assert_eq!(count(0, "claim"), "0 claims");
        assert_eq!(count(1, "claim"), "1 claim");
        assert_eq!(count(2, "document"), "2 documents");
    }
}
