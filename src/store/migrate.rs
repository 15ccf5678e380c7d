//! File format versions: finding the `format` field of a file before the rest is read
//! (so a newer file is refused with a clear message instead of a confusing field
//! error), and bringing older versions up to [`FORMAT_VERSION`].
//!
//! Format history (keep it here, one line per version):
//! - 1: the first format (2026-11).
//! - 2: a team's format (2026-11, issue 12): `Project.conflicts` (what a merge could not
//!   settle) and `Claim.modified_by` (who changed a claim last); new ids carry a random
//!   tag (`claim-58-k3x9qa`), old ids stay as they are. Both fields have defaults, so
//!   [`STEPS`]`[0]` only checks the file's shape and sets `format: 2`.
//! - 3: adjudication (2026-11, issue 13): `Claim.adjudicated`, the editor's settled set
//!   (default `false`), so [`STEPS`]`[1]` only sets `format: 3`.
//! - 4: claim detection (2026-11, issue 14): `Claim.origin` (marked by hand or a
//!   detector suggestion accepted; default marked) and `Project.rejections` (suggestions
//!   turned down; default none), so [`STEPS`]`[2]` only sets `format: 4`.
//! - 5: documents as fact-checkers find them (2026-11, issue 15): `Document.passages`
//!   (stretches quoted from other outlets; default none) and `Claim.needs_reanchoring`
//!   (a claim a text correction could not carry over; default false), so [`STEPS`]`[3]`
//!   only sets `format: 5`.

use crate::model::FORMAT_VERSION;

/// A migration step turns the generic RON value of a version-`n` file into version
/// `n + 1`. `STEPS[n - 1]` migrates from version `n`.
pub type Step = fn(&mut ron::Value) -> Result<(), String>;

/// The migration steps, oldest first; `STEPS.len() + 1 == FORMAT_VERSION`.
pub const STEPS: [Step; FORMAT_VERSION as usize - 1] =
    [one_to_two, two_to_three, three_to_four, four_to_five];

/// Whether a file of version `from` reads as the current format as it is: every step
/// from it only adds fields with defaults (as 1 to 2 does). Such files are parsed
/// directly, which keeps the exact line and column of any error in them; the others go
/// through [`migrate`] on a `ron::Value`. (A `ron::Value` keeps no enum variant names,
/// so `into_rust` refuses `attribution: Attributed`: a future step that changes the
/// shape must turn such unit values back into names, or migrate typed records.)
pub fn reads_as_current(from: u32) -> bool {
    /// For each step of [`STEPS`]: whether it only adds fields with defaults.
    const ONLY_ADDS_DEFAULTS: [bool; FORMAT_VERSION as usize - 1] = [true, true, true, true];
    let first = usize::try_from(from).unwrap_or(usize::MAX).saturating_sub(1);
    ONLY_ADDS_DEFAULTS.iter().skip(first).all(|&only| only)
}

/// Format 1 to 2: the new fields (`conflicts`, a claim's `modified_by`) are absent from a
/// version-1 file and take their defaults, so only the version number changes.
fn one_to_two(value: &mut ron::Value) -> Result<(), String> {
    let map = project_record(value, 1)?;
    if map.keys().any(|k| matches!(k, ron::Value::String(s) if s == "conflicts")) {
        return Err("a format-1 file cannot have `conflicts`; was its version number changed by hand?".into());
    }
    set_version(map, 2);
    Ok(())
}

/// Format 2 to 3: `Claim.adjudicated` is absent from a version-2 file and takes its
/// default (not adjudicated), so only the version number changes.
fn two_to_three(value: &mut ron::Value) -> Result<(), String> {
    set_version(project_record(value, 2)?, 3);
    Ok(())
}

/// Format 3 to 4: `Claim.origin` and `Project.rejections` are absent from a version-3
/// file and take their defaults (marked by hand, nothing rejected).
fn three_to_four(value: &mut ron::Value) -> Result<(), String> {
    set_version(project_record(value, 3)?, 4);
    Ok(())
}

/// Format 4 to 5: `Document.passages` and `Claim.needs_reanchoring` are absent from a
/// version-4 file and take their defaults (no passages, nothing to re-anchor).
fn four_to_five(value: &mut ron::Value) -> Result<(), String> {
    set_version(project_record(value, 4)?, 5);
    Ok(())
}

/// The fields of a version-`version` project, which must have a `format` field.
fn project_record(value: &mut ron::Value, version: u32) -> Result<&mut ron::Map, String> {
    let ron::Value::Map(map) = value else {
        return Err(format!("the project is not a record `(format: {version}, name: ..., ...)`"));
    };
    if map.get(&ron::Value::String("format".into())).is_none() {
        return Err("the project has no `format` field".into());
    }
    Ok(map)
}

fn set_version(map: &mut ron::Map, version: u32) {
    map.insert(ron::Value::String("format".into()), ron::Value::Number(ron::value::Number::U32(version)));
}

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
