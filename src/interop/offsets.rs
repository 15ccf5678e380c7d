//! Offsets in the units other tools count: chars (Unicode scalar values, what claimmark,
//! Python and so Label Studio 1.23 count), UTF-16 code units (what JavaScript, and so
//! doccano's browser page, counts), grapheme clusters (doccano's "count grapheme clusters
//! as one character" projects) and UTF-8 bytes. One [`OffsetMap`] per text converts many
//! offsets without rescanning.
//!
//! Nothing here knows a format: the format files say which unit they count in.

use unicode_segmentation::UnicodeSegmentation as _;

/// A unit in which a format counts offsets into a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode scalar values (Python `str` indices, W3C TextPositionSelector).
    Chars,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
    /// Extended grapheme clusters (what a reader sees as one character: a flag, an emoji
    /// with its skin tone, a CRLF line end).
    Graphemes,
    /// UTF-8 bytes.
    Bytes,
    /// Whole tokens (CoNLL).
    Tokens,
}

impl OffsetUnit {
    /// The units a person can choose with `--offsets`, with their names.
    pub const CHOOSABLE: [(OffsetUnit, &'static str); 3] =
        [(OffsetUnit::Utf16, "utf16"), (OffsetUnit::Graphemes, "graphemes"), (OffsetUnit::Chars, "chars")];

    /// The unit named `name` on the command line (`utf16`, `graphemes`, `chars`).
    pub fn from_name(name: &str) -> Option<OffsetUnit> {
        OffsetUnit::CHOOSABLE.iter().find(|(_, n)| *n == name).map(|(unit, _)| *unit)
    }

    /// The name on the command line (`bytes` and `tokens` cannot be chosen but have names
    /// for messages).
    pub fn name(self) -> &'static str {
        match self {
            OffsetUnit::Chars => "chars",
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Graphemes => "graphemes",
            OffsetUnit::Bytes => "bytes",
            OffsetUnit::Tokens => "tokens",
        }
    }

    /// How the README names the unit.
    pub fn describe(self) -> &'static str {
        match self {
            OffsetUnit::Chars => "Unicode code points (chars)",
            OffsetUnit::Utf16 => "UTF-16 code units",
            OffsetUnit::Graphemes => "grapheme clusters",
            OffsetUnit::Bytes => "UTF-8 bytes",
            OffsetUnit::Tokens => "tokens",
        }
    }
}

/// The UTF-16, grapheme and byte offset of every char boundary of one text.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    /// `utf16[i]` is the UTF-16 offset of char `i`; one extra entry for the end.
    utf16: Vec<u32>,
    /// `bytes[i]` is the byte offset of char `i`; one extra entry for the end.
    bytes: Vec<u32>,
    /// `graphemes[g]` is the char offset where grapheme cluster `g` starts; one extra
    /// entry for the end.
    graphemes: Vec<u32>,
}

impl OffsetMap {
    /// Indexes `text` (one pass over its chars, one over its grapheme clusters).
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
        let mut graphemes = vec![0u32];
        let mut chars = 0u32;
        for cluster in text.graphemes(true) {
            chars += cluster.chars().count() as u32;
            graphemes.push(chars);
        }
        OffsetMap { utf16, bytes, graphemes }
    }

    /// Number of chars.
    pub fn char_count(&self) -> usize {
        self.utf16.len() - 1
    }

    /// The length of the text in `unit` (not [`OffsetUnit::Tokens`], which gives 0).
    pub fn len_in(&self, unit: OffsetUnit) -> usize {
        self.from_char(self.char_count(), unit).unwrap_or_default()
    }

    /// Converts a char offset (0 to the char count) to `unit` (not [`OffsetUnit::Tokens`]);
    /// `None` past the end, and in graphemes inside a cluster (a flag's second half).
    pub fn from_char(&self, char_offset: usize, unit: OffsetUnit) -> Option<usize> {
        match unit {
            OffsetUnit::Chars => (char_offset <= self.char_count()).then_some(char_offset),
            OffsetUnit::Utf16 => self.utf16.get(char_offset).map(|&u| u as usize),
            OffsetUnit::Bytes => self.bytes.get(char_offset).map(|&b| b as usize),
            OffsetUnit::Graphemes => {
                let offset = u32::try_from(char_offset).ok()?;
                self.graphemes.binary_search(&offset).ok()
            }
            OffsetUnit::Tokens => None,
        }
    }

    /// Converts an offset in `unit` to chars; `None` past the end or between the two
    /// halves of a surrogate pair / inside a UTF-8 sequence.
    pub fn to_char(&self, offset: usize, unit: OffsetUnit) -> Option<usize> {
        let table = match unit {
            OffsetUnit::Chars => return (offset <= self.char_count()).then_some(offset),
            OffsetUnit::Graphemes => return self.graphemes.get(offset).map(|&c| c as usize),
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

    #[test]
    fn grapheme_clusters_count_a_flag_and_a_crlf_as_one() {
        // a 0, 🇵 1, 🇰 2, b 3, \r 4, \n 5, c 6: seven chars; clusters a, 🇵🇰, b, \r\n, c.
        let map = OffsetMap::new("a🇵🇰b\r\nc");
        assert_eq!(map.char_count(), 7);
        assert_eq!(map.len_in(OffsetUnit::Graphemes), 5);
        assert_eq!(map.from_char(3, OffsetUnit::Graphemes), Some(2));
        assert_eq!(map.from_char(2, OffsetUnit::Graphemes), None, "between the flag's two halves");
        assert_eq!(map.from_char(5, OffsetUnit::Graphemes), None, "between CR and LF");
        assert_eq!(map.to_char(4, OffsetUnit::Graphemes), Some(6));
        assert_eq!(map.to_char(6, OffsetUnit::Graphemes), None, "past the end");
        assert_eq!(map.len_in(OffsetUnit::Utf16), 9);
        assert_eq!(OffsetUnit::from_name("graphemes"), Some(OffsetUnit::Graphemes));
        assert_eq!(OffsetUnit::from_name("bytes"), None);
    }
}
