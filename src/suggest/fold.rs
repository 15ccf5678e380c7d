//! Diacritic folding: a Latin letter with accents, cedilla, caron or stroke becomes its
//! base letter, so that "Çelik" and "Celik" are one name. Letters of other scripts are
//! kept as they are (Cyrillic "й" stays "й"), and so is anything without a base letter
//! ("ß", "æ").

use unicode_normalization::char::decompose_canonical;

/// Folds a lower-case Latin letter with a diacritic to its base letter: the ASCII letter
/// its canonical decomposition (Unicode NFD) starts with, or for the few letters whose
/// stroke or dot Unicode does not decompose, the letter beneath.
pub(super) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        'ø' => 'o',
        'đ' => 'd',
        'ħ' => 'h',
        'ı' => 'i',
        'ł' | 'ŀ' => 'l',
        'ŉ' => 'n',
        'ŧ' => 't',
        _ => {
            let mut base = None;
            decompose_canonical(c, |part| {
                base.get_or_insert(part);
            });
            base.filter(char::is_ascii_alphabetic).unwrap_or(c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(word: &str) -> String {
        word.chars().map(fold_char).collect()
    }

    #[test]
    fn latin_letters_lose_their_diacritics_other_scripts_stay() {
        assert_eq!(fold("çelik ünal łódź øst đaković ıspanya"), "celik unal lodz ost dakovic ispanya");
        assert_eq!(fold("ștefan tržič nguyễn"), "stefan trzic nguyen");
        assert_eq!(fold("йемен ß æ کشور"), "йемен ß æ کشور");
    }
}
