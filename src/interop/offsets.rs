//! Offsets in the units other tools count: chars (Unicode scalar values, what claimmark
//! and Python count), UTF-16 code units (what JavaScript, and so Label Studio, counts)
//! and UTF-8 bytes. One [`OffsetMap`] per text converts many offsets without rescanning.

/// A unit in which a format counts offsets into a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Unicode scalar values (Python `str` indices, W3C TextPositionSelector).
    Chars,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
    /// UTF-8 bytes.
    Bytes,
    /// Whole tokens (CoNLL).
    Tokens,
}

impl OffsetUnit {
    /// How the README names the unit.
    pub fn describe(self) -> &'static str {
        match self {
            OffsetUnit::Chars => "Unicode code points (chars)",
            OffsetUnit::Utf16 => "UTF-16 code units",
            OffsetUnit::Bytes => "UTF-8 bytes",
            OffsetUnit::Tokens => "tokens",
        }
    }
}

/// The UTF-16 and byte offset of every char boundary of one text.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    /// `utf16[i]` is the UTF-16 offset of char `i`; one extra entry for the end.
    utf16: Vec<u32>,
    /// `bytes[i]` is the byte offset of char `i`; one extra entry for the end.
    bytes: Vec<u32>,
}

impl OffsetMap {
    /// Indexes `text` (one pass).
    pub fn new(text: &str) -> OffsetMap {
        let mut utf16 = Vec::with_capacity(text.len() + 1);
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let (mut u, mut b) = (0u32, 0u32);
        for c in text.chars() {
            utf16.push(u);
            bytes.push(b);
            u += c.len_utf16() as u32;
            b += c.len_utf8() as u32;
        }
        utf16.push(u);
        bytes.push(b);
        OffsetMap { utf16, bytes }
    }

    /// Number of chars.
    pub fn char_count(&self) -> usize {
        self.utf16.len() - 1
    }

    /// Converts a char offset (0 to the char count) to `unit` (not [`OffsetUnit::Tokens`]).
    pub fn from_char(&self, char_offset: usize, unit: OffsetUnit) -> Option<usize> {
        match unit {
            OffsetUnit::Chars => (char_offset <= self.char_count()).then_some(char_offset),
            OffsetUnit::Utf16 => self.utf16.get(char_offset).map(|&u| u as usize),
            OffsetUnit::Bytes => self.bytes.get(char_offset).map(|&b| b as usize),
            OffsetUnit::Tokens => None,
        }
    }

    /// Converts an offset in `unit` to chars; `None` past the end or between the two
    /// halves of a surrogate pair / inside a UTF-8 sequence.
    pub fn to_char(&self, offset: usize, unit: OffsetUnit) -> Option<usize> {
        let table = match unit {
            OffsetUnit::Chars => return (offset <= self.char_count()).then_some(offset),
            OffsetUnit::Utf16 => &self.utf16,
            OffsetUnit::Bytes => &self.bytes,
            OffsetUnit::Tokens => return None,
        };
        let offset = u32::try_from(offset).ok()?;
        table.binary_search(&offset).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_and_persian_convert_both_ways() {
        let text = "a😀b کشور";
        let map = OffsetMap::new(text);
        assert_eq!(map.char_count(), 8);
        // 😀 is one char, two UTF-16 units, four bytes.
        assert_eq!(map.from_char(2, OffsetUnit::Utf16), Some(3));
        assert_eq!(map.from_char(2, OffsetUnit::Bytes), Some(5));
        assert_eq!(map.to_char(3, OffsetUnit::Utf16), Some(2));
        assert_eq!(map.to_char(2, OffsetUnit::Utf16), None, "inside the surrogate pair");
        // Persian letters: one UTF-16 unit, two bytes each.
        assert_eq!(map.from_char(8, OffsetUnit::Utf16), Some(9));
        assert_eq!(map.from_char(8, OffsetUnit::Bytes), Some(text.len()));
        assert_eq!(map.to_char(text.len(), OffsetUnit::Bytes), Some(8));
        assert_eq!(map.to_char(9, OffsetUnit::Chars), None);
        // UTF-16 counted independently, by encoding.
        for i in 0..=8 {
            let prefix: String = text.chars().take(i).collect();
            assert_eq!(map.from_char(i, OffsetUnit::Utf16), Some(prefix.encode_utf16().count()));
        }
    }
}
