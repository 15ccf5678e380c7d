//! Text helpers shared by every layer: wording of counts for messages, escaping for
//! markup. Nothing here knows about projects, files or the window.

/// "1 claim", "2 claims": a count with its noun (nouns with a regular plural).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// Escapes text for HTML, SVG and XML, in text and in attribute values (quoted with `"`
/// or `'`); control characters, which neither allows, become U+FFFD.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_markup_into(&mut out, text);
    out
}

/// [`escape_markup`], appending to `out`.
pub fn escape_markup_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not allowed in HTML.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
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

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_markup("a < b & \"c\" 'd' > کشور"),
            "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; کشور"
        );
        assert_eq!(escape_markup("bell\u{7}"), "bell\u{FFFD}");
    }
}
