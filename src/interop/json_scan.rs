//! Where the records of a JSON file are, so that a malformed one is reported at its own
//! line and the others still import: a small scanner that finds the byte ranges of
//! array elements and object members without interpreting them (serde parses each
//! record on its own). Used by the JSON formats that read a whole file (Label Studio,
//! W3C); JSON lines formats read a line at a time and need none of it.
//!
//! It must not decide what a record means: it only finds where records are.

use serde::de::DeserializeOwned;
use std::ops::Range;

/// Why scanning stopped, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanError {
    /// Byte offset in the file.
    pub byte: usize,
    /// What was expected.
    pub message: String,
}

/// A record: its bytes, and the error that ended the scan right after it, if any.
#[derive(Clone, Debug)]
pub struct Record {
    /// Bytes of the record's value.
    pub range: Range<usize>,
    /// Set on the last record read when the file breaks off after it.
    pub broken: Option<ScanError>,
}

/// 1-based line numbers of byte offsets.
pub struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line ends of `content`.
    pub fn new(content: &str) -> LineIndex {
        LineIndex {
            newlines: content.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i).collect(),
        }
    }

    /// The line of byte `byte`.
    pub fn line(&self, byte: usize) -> usize {
        self.newlines.partition_point(|&newline| newline < byte) + 1
    }
}

/// The records of a file that is a JSON array (its elements) or one JSON value (a
/// single record). Elements before a break in the array are returned, the break
/// recorded on the last one; a file that breaks before its first record is an error.
pub fn records(content: &str) -> Result<Vec<Record>, ScanError> {
    let bytes = content.as_bytes();
    let start = skip_space(bytes, 0);
    match bytes.get(start) {
        None => Err(ScanError { byte: 0, message: "the file is empty".to_owned() }),
        Some(b'[') => {
            let (ranges, broken) = array_elements(content, start);
            if ranges.is_empty()
                && let Some(broken) = broken
            {
                return Err(broken);
            }
            let count = ranges.len();
            Ok(ranges
                .into_iter()
                .enumerate()
                .map(|(i, range)| Record {
                    range,
                    broken: if i + 1 == count { broken.clone() } else { None },
                })
                .collect())
        }
        Some(_) => Ok(vec![Record { range: start..content.len(), broken: None }]),
    }
}

/// Parses the record at `range`; an error carries the lines from the record's first
/// line to the error's (0 on the first line) and serde's message.
pub fn parse<T: DeserializeOwned>(content: &str, range: &Range<usize>) -> Result<T, (usize, String)> {
    let Some(text) = content.get(range.clone()) else {
        return Err((0, "not a JSON value".to_owned()));
    };
    serde_json::from_str(text).map_err(|error| (error.line().saturating_sub(1), error.to_string()))
}

fn skip_space(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// One past the closing quote of the string whose opening quote is at `pos`.
fn string_end(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// One past the end of the JSON value that starts at `pos`; brackets are matched by
/// depth only, strings are skipped whole.
fn value_end(bytes: &[u8], pos: usize) -> Option<usize> {
    match *bytes.get(pos)? {
        b'"' => string_end(bytes, pos),
        b'[' | b'{' => {
            let mut depth = 0usize;
            let mut i = pos;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        b']' | b'}' | b',' | b':' => None,
        _ => {
            let mut i = pos;
            while bytes
                .get(i)
                .is_some_and(|b| !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
            {
                i += 1;
            }
            Some(i)
        }
    }
}

/// The elements of the array whose `[` is at `pos`, and where the array breaks off if
/// it is not well-formed.
pub fn array_elements(content: &str, pos: usize) -> (Vec<Range<usize>>, Option<ScanError>) {
    let bytes = content.as_bytes();
    let mut elements = Vec::new();
    let mut i = skip_space(bytes, pos + 1);
    if bytes.get(i) == Some(&b']') {
        return (elements, None);
    }
    loop {
        let Some(end) = value_end(bytes, i) else {
            let message = "a value that does not end (a bracket or quote missing?); what follows is not read";
            return (elements, Some(ScanError { byte: i, message: message.to_owned() }));
        };
        elements.push(i..end);
        i = skip_space(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = skip_space(bytes, i + 1),
            Some(b']') => return (elements, None),
            _ => {
                let message = "expected \",\" or \"]\" after a value; what follows is not read";
                return (elements, Some(ScanError { byte: i, message: message.to_owned() }));
            }
        }
    }
}

/// The members of the object whose `{` is at `pos` (keys decoded), and where the
/// object breaks off if it is not well-formed. A list or object value that does not
/// end is the last member, running to the end of the file, so that a scan of it finds
/// the records before its break (and reports the break).
pub fn object_members(content: &str, pos: usize) -> (Vec<(String, Range<usize>)>, Option<ScanError>) {
    let bytes = content.as_bytes();
    let mut members = Vec::new();
    let mut i = skip_space(bytes, pos + 1);
    if bytes.get(i) == Some(&b'}') {
        return (members, None);
    }
    let broken = |byte: usize, message: &str| Some(ScanError { byte, message: message.to_owned() });
    loop {
        let key = (bytes.get(i) == Some(&b'"'))
            .then(|| string_end(bytes, i))
            .flatten()
            .and_then(|end| Some((serde_json::from_str::<String>(content.get(i..end)?).ok()?, end)));
        let Some((key, key_end)) = key else {
            return (members, broken(i, "expected a key in quotes"));
        };
        i = skip_space(bytes, key_end);
        if bytes.get(i) != Some(&b':') {
            return (members, broken(i, "expected \":\" after a key"));
        }
        i = skip_space(bytes, i + 1);
        let Some(end) = value_end(bytes, i) else {
            if matches!(bytes.get(i), Some(b'[' | b'{')) {
                members.push((key, i..content.len()));
                return (members, None);
            }
            return (members, broken(i, "a value that does not end (a bracket or quote missing?)"));
        };
        members.push((key, i..end));
        i = skip_space(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = skip_space(bytes, i + 1),
            Some(b'}') => return (members, None),
            _ => return (members, broken(i, "expected \",\" or \"}\" after a value")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_elements_members_and_lines_past_tricky_strings() {
        let content =
            "[\n {\"a\": \"] } \\\" [\"},\n 7 ,\n\n \"x,y\", [1, [2]], {\"b\": {\"c\": [\"{\"]}}\n]";
        let (elements, broken) = array_elements(content, 0);
        assert_eq!(broken, None);
        let texts: Vec<&str> = elements.iter().map(|r| &content[r.clone()]).collect();
        assert_eq!(
            texts,
            ["{\"a\": \"] } \\\" [\"}", "7", "\"x,y\"", "[1, [2]]", "{\"b\": {\"c\": [\"{\"]}}"]
        );
        let lines = LineIndex::new(content);
        let starts: Vec<usize> = elements.iter().map(|r| lines.line(r.start)).collect();
        assert_eq!(starts, [2, 3, 5, 5, 5]);
        let last = elements[4].start;
        let (members, broken) = object_members(content, last);
        assert_eq!(broken, None);
        assert_eq!(members[0].0, "b");
        let (inner, _) = object_members(content, members[0].1.start);
        assert_eq!(&content[inner[0].1.clone()], "[\"{\"]");
    }

    #[test]
    fn a_broken_array_keeps_the_records_before_the_break() {
        let content = "[{\"a\": 1}, {\"b\": 2} {\"c\": 3}]";
        let records = records(content).unwrap();
        assert_eq!(records.len(), 2);
        assert!(records[1].broken.as_ref().unwrap().message.starts_with("expected \",\""));
        let unterminated = "[{\"a\": 1}, {\"b\": \"open]";
        let records = super::records(unterminated).unwrap();
        assert_eq!((records.len(), records[0].broken.as_ref().unwrap().byte), (1, 11));
        assert!(super::records("[{\"a\": ").is_err());
        assert!(super::records("  ").is_err());
        assert_eq!(super::records(" {\"one\": 1}").unwrap()[0].range, 1..11);
    }
}
