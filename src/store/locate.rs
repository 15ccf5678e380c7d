//! Finding a record in the RON text of a project: where the `index`-th element of a list
//! field (`claims`, `taxonomy.frames` ...) stands, and its `id` field, so that an
//! integrity problem names the line and column of the record it is about — the n-th
//! record, whatever its id holds (empty, repeated, line breaks, any Unicode), and
//! however the file is spaced, commented or named.
//!
//! It only reads text the parser has already accepted; on anything unexpected it gives
//! up (`None`) rather than guess. It must not parse values: it skips them.

/// Which record of a file a problem is about: the fields to follow from the top-level
/// struct (`["claims"]`, `["taxonomy", "frames"]`, `["taxonomy"]`) and, for a list, the
/// index of the record in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordPlace {
    /// Field names from the top-level struct down.
    pub fields: &'static [&'static str],
    /// The element of the list the last field holds, if the problem is about one.
    pub index: Option<usize>,
}

/// A cursor over RON text that steps over white space, comments and whole values.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    /// Steps over white space and comments (`//` to the line end, nested `/* */`).
    fn skip_trivia(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.at += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if trimmed.starts_with("/*") {
                let mut depth = 0usize;
                let mut offset = 0;
                let bytes = trimmed.as_bytes();
                while offset < bytes.len() {
                    if bytes[offset..].starts_with(b"/*") {
                        depth += 1;
                        offset += 2;
                    } else if bytes[offset..].starts_with(b"*/") {
                        depth -= 1;
                        offset += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        offset += 1;
                    }
                }
                self.at += offset;
            } else {
                return;
            }
        }
    }

    /// Takes `c` (after trivia) when it comes next.
    fn eat(&mut self, c: char) -> bool {
        self.skip_trivia();
        if self.peek() == Some(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// An identifier, number or keyword: the run of chars that are none of RON's
    /// punctuation (possibly empty).
    fn word(&mut self) -> &'a str {
        self.skip_trivia();
        let rest = self.rest();
        let len = rest.find(|c: char| c.is_whitespace() || "()[]{},:\"'/".contains(c)).unwrap_or(rest.len());
        self.at += len;
        &rest[..len]
    }

    /// Steps over a string starting here: `"..."` with escapes, `r#"..."#`, `b"..."`.
    fn skip_string(&mut self) -> Option<()> {
        let rest = self.rest();
        let raw = rest.strip_prefix('b').unwrap_or(rest);
        if let Some(after_r) = raw.strip_prefix('r') {
            let hashes = after_r.len() - after_r.trim_start_matches('#').len();
            let body = after_r[hashes..].strip_prefix('"')?;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = body.find(&close)?;
            self.at += rest.len() - body.len() + end + close.len();
            return Some(());
        }
        let body = raw.strip_prefix('"')?;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    self.at += rest.len() - body.len() + i + 1;
                    return Some(());
                }
                _ => {}
            }
        }
        None
    }

    /// Steps over one value: a string, a char, a bracketed group, or a word (a number,
    /// `None`, a name) with the group it names (`Some(..)`, `Claim(..)`).
    fn skip_value(&mut self) -> Option<()> {
        self.skip_trivia();
        match self.peek()? {
            '"' => self.skip_string(),
            'r' | 'b' if self.rest()[1..].starts_with(['"', '#', 'r']) => {
                // A raw string, or a raw identifier (`r#type`) taken as a word.
                let before = self.at;
                self.skip_string().or_else(|| {
                    self.at = before;
                    (!self.word().is_empty()).then_some(())
                })
            }
            '\'' => {
                let rest = self.rest();
                let escaped = rest[1..].starts_with('\\');
                let from = if escaped { 3 } else { 1 };
                let close = rest.get(from..)?.find('\'')?;
                self.at += from + close + 1;
                Some(())
            }
            '(' | '[' | '{' => self.skip_group(),
            _ => {
                if self.word().is_empty() {
                    return None;
                }
                self.skip_trivia();
                if self.peek() == Some('(') { self.skip_group() } else { Some(()) }
            }
        }
    }

    /// Steps over a bracketed group starting here, with everything nested in it.
    fn skip_group(&mut self) -> Option<()> {
        let close = match self.peek()? {
            '(' => ')',
            '[' => ']',
            '{' => '}',
            _ => return None,
        };
        self.at += 1;
        loop {
            if self.eat(close) {
                return Some(());
            }
            self.skip_value()?;
            // Map entries and struct fields: `key: value`.
            if self.eat(':') {
                self.skip_value()?;
            }
            self.eat(',');
        }
    }

    /// Steps into the struct starting here (an optional name, then `(`).
    fn enter_struct(&mut self) -> Option<()> {
        self.skip_trivia();
        if self.peek() != Some('(') {
            self.word();
        }
        self.eat('(').then_some(())
    }

    /// Inside a struct: the byte offsets of the field `name`'s key and value, leaving the
    /// cursor at the value.
    fn find_field(&mut self, name: &str) -> Option<(usize, usize)> {
        loop {
            self.skip_trivia();
            if self.peek() == Some(')') {
                return None;
            }
            let key_at = self.at;
            let key = self.word();
            let key = key.strip_prefix("r#").unwrap_or(key);
            if key.is_empty() || !self.eat(':') {
                return None;
            }
            self.skip_trivia();
            if key == name {
                return Some((key_at, self.at));
            }
            self.skip_value()?;
            self.eat(',');
        }
    }

    /// Inside a list (after `[`): the byte offset of every element.
    fn elements(&mut self) -> Option<Vec<usize>> {
        let mut starts = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek() == Some(']') {
                return Some(starts);
            }
            starts.push(self.at);
            self.skip_value()?;
            self.eat(',');
        }
    }
}

/// The byte offset of the first char at or after `byte` that is neither white space
/// nor part of a comment: where the next token of `text` starts.
pub fn next_token(text: &str, byte: usize) -> usize {
    let mut scanner = Scanner { text, at: byte.min(text.len()) };
    scanner.skip_trivia();
    scanner.at
}

/// Steps past the top of a file (`#![enable(..)]` attributes, an optional struct name)
/// into the project's `(`.
fn enter_project(scanner: &mut Scanner<'_>) -> Option<()> {
    loop {
        scanner.skip_trivia();
        if !scanner.rest().starts_with("#!") {
            break;
        }
        scanner.at += 2;
        scanner.skip_group()?;
    }
    scanner.enter_struct()
}

/// Finds records of one file, remembering the elements of each list it has walked, so
/// that placing many problems costs one pass over each list.
pub struct Locator<'a> {
    text: &'a str,
    lists: Vec<(&'static [&'static str], Option<Vec<usize>>)>,
}

impl<'a> Locator<'a> {
    /// A locator over `text`, the RON a project was read from.
    pub fn new(text: &'a str) -> Locator<'a> {
        Locator { text, lists: Vec::new() }
    }

    /// The byte offset of the field at the end of `fields`: its key.
    fn field(&self, fields: &[&str]) -> Option<(usize, usize)> {
        let mut scanner = Scanner { text: self.text, at: 0 };
        enter_project(&mut scanner)?;
        let mut found = None;
        for (depth, name) in fields.iter().enumerate() {
            if depth > 0 {
                scanner.enter_struct()?;
            }
            found = Some(scanner.find_field(name)?);
        }
        found
    }

    /// Where `place` stands: the `id` field of the record when it has one, else the
    /// record's start; the key of the field for a place without an index.
    pub fn locate(&mut self, place: &RecordPlace) -> Option<usize> {
        let Some(index) = place.index else {
            return self.field(place.fields).map(|(key, _)| key);
        };
        let cached = self.lists.iter().position(|(fields, _)| *fields == place.fields);
        let slot = match cached {
            Some(slot) => slot,
            None => {
                let elements = self.field(place.fields).and_then(|(_, value)| {
                    let mut scanner = Scanner { text: self.text, at: value };
                    scanner.eat('[').then(|| scanner.elements()).flatten()
                });
                self.lists.push((place.fields, elements));
                self.lists.len() - 1
            }
        };
        let start = *self.lists[slot].1.as_ref()?.get(index)?;
        let mut scanner = Scanner { text: self.text, at: start };
        let id = scanner.enter_struct().and_then(|()| scanner.find_field("id")).map(|(key, _)| key);
        Some(id.unwrap_or(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'t>(text: &'t str, fields: &'static [&'static str], index: Option<usize>) -> Option<&'t str> {
        Locator::new(text).locate(&RecordPlace { fields, index }).map(|offset| &text[offset..])
    }

    #[test]
    fn finds_the_nth_record_past_comments_strings_and_names() {
        let text = r##"// head
#![enable(implicit_some)]
Project(format: 1, name: "a ( [ \" claims: [", /* claims: [ /* nested */ */
  taxonomy: (frames: [(id: "x"), (name: 'c', id: "y")]),
  claims: [
    Claim(note: r#"]) ("#, id: ""),
    (span: (1, 2), quote: (exact: "«ü\n»", prefix: "", suffix: ""), id: "dup"),
    (id: "dup"), (kind: Some("x")),
  ],
)"##;
        assert!(at(text, &["claims"], Some(0)).unwrap().starts_with("id: \"\")"));
        assert!(at(text, &["claims"], Some(1)).unwrap().starts_with("id: \"dup\"),\n"));
        assert!(at(text, &["claims"], Some(2)).unwrap().starts_with("id: \"dup\"), ("));
        assert!(at(text, &["claims"], Some(3)).unwrap().starts_with("(kind"), "no id: the record");
        assert_eq!(at(text, &["claims"], Some(4)), None);
        assert!(at(text, &["taxonomy", "frames"], Some(1)).unwrap().starts_with("id: \"y\""));
        assert!(at(text, &["taxonomy"], None).unwrap().starts_with("taxonomy: (frames"));
        assert_eq!(at(text, &["outlets"], Some(0)), None);
        assert_eq!(at("(claims: [(id: \"never closed", &["claims"], Some(1)), None);
    }
}
