//! Right-to-left text: which chars belong to a right-to-left script. The reader lays out
//! paragraphs holding such chars word by word itself (egui has no bidirectional layout)
//! and trusts only the ends of right-to-left words; claim spans widen to whole
//! right-to-left words for the same reason ([`crate::anchor::claim_span_from_selection`]).
//!
//! The test is by script block, not by bidi class: the reader must treat the Arabic-script
//! digits (bidi class EN and AN) and the vowel marks (NSM) of a right-to-left word as part
//! of it, and a bidi class alone would leave them out. The unit tests check the blocks
//! against the Unicode bidi classes of the `unicode-bidi` crate: every strong
//! right-to-left char (R, AL) is in them.

/// Whether `c` belongs to a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo,
/// and the Arabic presentation forms), letters, digits and marks alike.
pub fn is_rtl_char(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_bidi::{BidiClass, bidi_class};

    #[test]
    fn right_to_left_scripts_but_not_latin() {
        assert!("کشور نباشد".chars().filter(|c| !c.is_whitespace()).all(is_rtl_char));
        assert!("שלום ۲۰۲۴ ١٢".chars().filter(|c| !c.is_whitespace()).all(is_rtl_char));
        assert!(!"Pakistan 2024 “—” é 😀".chars().any(is_rtl_char));
    }

    #[test]
    fn every_strong_right_to_left_char_is_in_the_blocks() {
        let missing: Vec<String> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL) && !is_rtl_char(c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        // The right-to-left mark is a control, not a letter of a script.
        assert_eq!(missing, ["U+200F"]);
        // The blocks hold more than the strong letters: digits and marks of those scripts.
        for c in ['\u{06F4}', '\u{0664}', '\u{064E}'] {
            assert!(is_rtl_char(c) && !matches!(bidi_class(c), BidiClass::R | BidiClass::AL));
        }
    }
}
