//! File format versions: finding the `format` field of a file before the rest is read
//! (so a newer file is refused with a clear message instead of a confusing field
//! error), and bringing older versions up to [`FORMAT_VERSION`].
//!
//! Format history (keep it here, one line per version):
//! - 1: the first format (2026-11). There is no older version yet, so [`STEPS`] is
//!   empty; the next format change adds `STEPS[0]`, turning a version-1 file into
//!   version 2 as a `ron::Value`, and a test with a version-1 file.

use crate::model::FORMAT_VERSION;

/// A migration step turns the generic RON value of a version-`n` file into version
/// `n + 1`. `STEPS[n - 1]` migrates from version `n`.
pub type Step = fn(&mut ron::Value) -> Result<(), String>;

/// The migration steps, oldest first; `STEPS.len() + 1 == FORMAT_VERSION`.
pub const STEPS: [Step; FORMAT_VERSION as usize - 1] = [];

/// The `format` field at the head of a project file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VersionField {
    /// The version number.
    pub version: u32,
    /// Byte offset of the number.
    pub byte_offset: usize,
}

/// Reads `format: N` where our writer puts it: the first field of the top-level struct,
/// after optional comments, `#![enable(...)]` attributes and a struct name. `None` when
/// the head has another shape; the full parse then reports what is wrong.
pub fn read_version(text: &str) -> Option<VersionField> {
    let mut rest = text.trim_start_matches('\u{feff}');
    let offset = |rest: &str| text.len() - rest.len();
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/")?.1;
        } else if rest.starts_with("#!") {
            rest = rest.split_once(']')?.1;
        } else {
            break;
        }
    }
    rest = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
    rest = rest.trim_start().strip_prefix('(')?.trim_start();
    rest = rest.strip_prefix("format")?.trim_start().strip_prefix(':')?.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let version = rest[..digits].parse().ok()?;
    Some(VersionField { version, byte_offset: offset(rest) })
}

/// Applies the steps from `from` up to [`FORMAT_VERSION`] to a parsed file.
pub fn migrate(value: &mut ron::Value, from: u32) -> Result<(), String> {
    let first = usize::try_from(from).map_err(|e| e.to_string())?.saturating_sub(1);
    for (i, step) in STEPS.iter().enumerate().skip(first) {
        step(value).map_err(|e| format!("migrating from format {} to {}: {e}", i + 1, i + 2))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_read_past_comments_attributes_and_struct_names() {
        let text = "// head\n/* block */\n#![enable(implicit_some)]\nProject(\n    format: 12,\n";
        let field = read_version(text).unwrap();
        assert_eq!(field.version, 12);
        assert_eq!(&text[field.byte_offset..field.byte_offset + 2], "12");
        assert_eq!(read_version("(format: 1, name: \"x\")").unwrap().version, 1);
        assert_eq!(read_version("(name: \"x\", format: 1)"), None);
        assert_eq!(read_version("(format: \"one\")"), None);
        assert_eq!(read_version("/* unterminated"), None);
    }
}
