//! Our own writer of project files: the bytes `ron`'s pretty serializer writes with our
//! layout ([`super::pretty_config`]: four spaces, `\n`, no struct names, records a line
//! per field down to [`DEPTH_LIMIT`]), about three times faster.
//!
//! `ron` escapes a string one char at a time through an iterator, and that was half the
//! time of saving a 100,000-claim project; here a run of plain ASCII is copied at once
//! and only the other chars go through `char::escape_debug`, the function `ron` uses, so
//! the output cannot differ. The structure (parentheses, commas, indentation, the depth
//! at which records go on one line) follows `ron::ser` 0.12 step by step.
//!
//! It writes only what our model is made of (structs, lists, options, strings, chars,
//! integers, booleans, unit enum variants); anything else (maps, floats, bytes, a name
//! that `ron` would write as a raw identifier) is [`Unsupported`], and the caller writes
//! the file with `ron` instead. Tests compare the two byte for byte.

use serde::Serialize;
use serde::ser::{self, Impossible};
use std::fmt::{self, Write as _};

/// Records deeper than this are written on one line (`ron`'s `depth_limit`).
pub const DEPTH_LIMIT: usize = 3;

/// One level of indentation.
pub(super) const INDENTOR: &str = "    ";

/// The value holds something this writer does not write; write it with `ron`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the project writer does not write {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Unsupported(message.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, Unsupported>;

/// Appends `value` as `ron::ser::to_string_pretty` with our layout writes it.
pub fn write<T: Serialize + ?Sized>(value: &T, out: &mut String) -> Result {
    value.serialize(&mut Writer { out, indent: 0, is_empty: None })
}

/// Appends each item of `items` as `ron` writes it as an element of a list that is the
/// field of a record at indentation level `level - 1` (say, the claims of a project at
/// level 2): the indentation, the item, `,` and a line break. Joining these parts for
/// all items gives the list's lines.
pub fn write_items<T: Serialize>(items: &[T], level: usize, out: &mut String) -> Result {
    debug_assert!(level <= DEPTH_LIMIT, "items at level {level} are written on one line");
    for item in items {
        push_indent(out, level);
        item.serialize(&mut Writer { out, indent: level, is_empty: None })?;
        out.push_str(",\n");
    }
    Ok(())
}

fn push_indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str(INDENTOR);
    }
}

/// The state `ron::ser::Serializer` keeps for our layout.
struct Writer<'a> {
    out: &'a mut String,
    /// How deep the compound being written is (`ron`'s `Pretty::indent`).
    indent: usize,
    /// Whether the compound just opened is empty (`ron`'s `is_empty`).
    is_empty: Option<bool>,
}

impl Writer<'_> {
    fn start_indent(&mut self) {
        self.indent += 1;
        if self.indent <= DEPTH_LIMIT && !self.is_empty.unwrap_or(false) {
            self.out.push('\n');
        }
    }

    fn indent(&mut self) {
        if self.indent <= DEPTH_LIMIT {
            push_indent(self.out, self.indent);
        }
    }

    fn end_indent(&mut self) {
        if self.indent <= DEPTH_LIMIT && !self.is_empty.unwrap_or(false) {
            push_indent(self.out, self.indent - 1);
        }
        self.indent -= 1;
        self.is_empty = None;
    }

    /// Between two elements or fields: a line break where records go a line per
    /// field, a space where they stay on one line.
    fn separate(&mut self) {
        self.out.push(',');
        self.out.push(if self.indent <= DEPTH_LIMIT { '\n' } else { ' ' });
    }

    /// After the last element or field, where records go a line per field.
    fn close(&mut self, any: bool) {
        if any && self.indent <= DEPTH_LIMIT {
            self.out.push_str(",\n");
        }
        self.end_indent();
    }

    /// A field or variant name, which `ron` writes as it is when it is a plain
    /// identifier (ours all are) and as `r#name` otherwise.
    fn identifier(&mut self, name: &str) -> Result {
        let plain = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && !["true", "false", "Some", "None", "inf", "inff32", "inff64", "NaN", "NaNf32", "NaNf64"]
                .contains(&name);
        if !plain {
            return Err(Unsupported(format!("the name {name:?}")));
        }
        self.out.push_str(name);
        Ok(())
    }

    fn integer(&mut self, value: impl fmt::Display) -> Result {
        let _ = write!(self.out, "{value}");
        Ok(())
    }
}

/// Appends `value` escaped as `ron` escapes strings: `char::escape_debug` of each char.
fn push_escaped(out: &mut String, value: &str) {
    out.reserve(value.len() + 2);
    out.push('"');
    let mut rest = value;
    while !rest.is_empty() {
        // The longest run that escape_debug leaves as it is and that needs no decoding:
        // printable ASCII other than the quotes and the backslash.
        let plain = rest
            .bytes()
            .position(|b| !(b' '..=b'~').contains(&b) || matches!(b, b'"' | b'\'' | b'\\'))
            .unwrap_or(rest.len());
        out.push_str(&rest[..plain]);
        rest = &rest[plain..];
        let Some(c) = rest.chars().next() else { break };
        out.extend(c.escape_debug());
        rest = &rest[c.len_utf8()..];
    }
    out.push('"');
}

fn unsupported<T>(what: &str) -> Result<T> {
    Err(Unsupported(what.to_owned()))
}

impl<'a, 'b> ser::Serializer for &'a mut Writer<'b> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result {
        self.integer(v)
    }

    fn serialize_i16(self, v: i16) -> Result {
        self.integer(v)
    }

    fn serialize_i32(self, v: i32) -> Result {
        self.integer(v)
    }

    fn serialize_i64(self, v: i64) -> Result {
        self.integer(v)
    }

    fn serialize_u8(self, v: u8) -> Result {
        self.integer(v)
    }

    fn serialize_u16(self, v: u16) -> Result {
        self.integer(v)
    }

    fn serialize_u32(self, v: u32) -> Result {
        self.integer(v)
    }

    fn serialize_u64(self, v: u64) -> Result {
        self.integer(v)
    }

    fn serialize_f32(self, _: f32) -> Result {
        unsupported("a floating-point number")
    }

    fn serialize_f64(self, _: f64) -> Result {
        unsupported("a floating-point number")
    }

    fn serialize_char(self, v: char) -> Result {
        // As `ron` writes a char: as it is, with only the backslash and the quote escaped.
        self.out.push('\'');
        if v == '\\' || v == '\'' {
            self.out.push('\\');
        }
        self.out.push(v);
        self.out.push('\'');
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result {
        push_escaped(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result {
        unsupported("bytes")
    }

    fn serialize_none(self) -> Result {
        self.out.push_str("None");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        self.out.push_str("Some(");
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_unit(self) -> Result {
        self.out.push_str("()");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.identifier(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        self.out.push('(');
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.identifier(variant)?;
        self.out.push('(');
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a, 'b>> {
        self.out.push('[');
        if let Some(len) = len {
            self.is_empty = Some(len == 0);
        }
        self.start_indent();
        Ok(Compound { writer: self, any: false, kind: Kind::Seq })
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'a, 'b>> {
        // Tuple members go on one line (`separate_tuple_members` is off).
        self.out.push('(');
        Ok(Compound { writer: self, any: false, kind: Kind::Tuple })
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'b>> {
        self.serialize_tuple(len)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.identifier(variant)?;
        self.serialize_tuple(len)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        unsupported("a map")
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'b>> {
        self.out.push('(');
        self.is_empty = Some(len == 0);
        self.start_indent();
        Ok(Compound { writer: self, any: false, kind: Kind::Struct })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.identifier(variant)?;
        self.serialize_struct(name, len)
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Seq,
    Tuple,
    Struct,
}

/// A list, tuple or struct being written.
pub struct Compound<'a, 'b> {
    writer: &'a mut Writer<'b>,
    /// Whether an element or field has been written.
    any: bool,
    kind: Kind,
}

impl Compound<'_, '_> {
    /// Before an element (of a list) or a field (of a struct).
    fn next(&mut self) {
        if std::mem::replace(&mut self.any, true) {
            match self.kind {
                Kind::Tuple => self.writer.out.push_str(", "),
                Kind::Seq | Kind::Struct => self.writer.separate(),
            }
        }
        if !matches!(self.kind, Kind::Tuple) {
            self.writer.indent();
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.next();
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.next();
        self.writer.identifier(key)?;
        self.writer.out.push_str(": ");
        value.serialize(&mut *self.writer)
    }

    fn finish(self, closing: char) -> Result {
        if !matches!(self.kind, Kind::Tuple) {
            self.writer.close(self.any);
        }
        self.writer.out.push(closing);
        Ok(())
    }
}

/// The serde traits of the compounds: an element (of a list or tuple) or a field (of a
/// struct), and the closing bracket.
macro_rules! compound {
    ($trait:ident, $method:ident, $closing:literal) => {
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Unsupported;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.element(value)
            }

            fn end(self) -> Result {
                self.finish($closing)
            }
        }
    };
    ($trait:ident) => {
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Unsupported;

            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
                self.field(key, value)
            }

            fn end(self) -> Result {
                self.finish(')')
            }
        }
    };
}

compound!(SerializeSeq, serialize_element, ']');
compound!(SerializeTuple, serialize_element, ')');
compound!(SerializeTupleStruct, serialize_field, ')');
compound!(SerializeTupleVariant, serialize_field, ')');
compound!(SerializeStruct);
compound!(SerializeStructVariant);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::generate::Rng;
    use crate::model::{
        Conflict, ConflictId, ConflictKind, ConflictSide, Project, RecordKind, RecordRef, ReviewerId,
        Timestamp,
    };
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn ours<T: Serialize + ?Sized>(value: &T) -> std::result::Result<String, Unsupported> {
        let mut out = String::new();
        write(value, &mut out).map(|()| out)
    }

    fn rons<T: Serialize + ?Sized>(value: &T) -> String {
        ron::Options::default().to_string_pretty(value, super::super::pretty_config()).unwrap()
    }

    /// Asserts that our writer and `ron` write `value` alike, showing where they part.
    fn assert_same<T: Serialize + ?Sized>(value: &T) {
        let (ours, rons) = (ours(value).unwrap(), rons(value));
        if ours != rons {
            let at = ours
                .bytes()
                .zip(rons.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(ours.len().min(rons.len()));
            let from = ours.floor_char_boundary(at.saturating_sub(120));
            panic!(
                "our writer and ron differ at byte {at}:\n--- ours:\n{}\n--- ron:\n{}",
                &ours[from..ours.floor_char_boundary((at + 120).min(ours.len()))],
                &rons[from..rons.floor_char_boundary((at + 120).min(rons.len()))]
            );
        }
    }

    /// Chars of every kind `escape_debug` treats apart: plain ASCII, the quotes and the
    /// backslash, control chars (C0, DEL, C1), line and paragraph separators, combining
    /// marks (escaped by `char::escape_debug`), format chars (bidi marks, zero-width
    /// joiner, BOM), unassigned and private-use code points, letters of other scripts,
    /// an emoji.
    const PALETTE: &[char] = &[
        'a',
        'Z',
        '7',
        ' ',
        '~',
        '"',
        '\'',
        '\\',
        '\0',
        '\t',
        '\n',
        '\r',
        '\u{1}',
        '\u{1f}',
        '\u{7f}',
        '\u{80}',
        '\u{9f}',
        '\u{a0}',
        '\u{ad}',
        'é',
        '\u{301}',
        '\u{2028}',
        '\u{2029}',
        '\u{200b}',
        '\u{200d}',
        '\u{200f}',
        '\u{202e}',
        '\u{feff}',
        '\u{378}',
        '\u{e000}',
        '\u{10ffff}',
        'Ж',
        'ش',
        '\u{94c}',
        '中',
        '😀',
        '{',
        '}',
        '(',
        ')',
        '#',
        'r',
    ];

    fn random_text(rng: &mut Rng, len: usize) -> String {
        (0..len).map(|_| *rng.pick(PALETTE)).collect()
    }

    /// A random text of `min` to `min + spread - 1` chars.
    fn some_text(rng: &mut Rng, min: usize, spread: usize) -> String {
        let len = min + rng.below(spread);
        random_text(rng, len)
    }

    #[test]
    fn the_sample_project_is_written_as_ron_writes_it() {
        assert_same(&crate::sample::sample_project().unwrap());
    }

    /// Every record type with every optional field set, and strings and chars of every
    /// kind (seeded, 200 rounds).
    #[test]
    fn every_field_and_every_kind_of_char_is_written_as_ron_writes_it() {
        let mut rng = Rng::new(7);
        let base = crate::sample::sample_project().unwrap();
        for round in 0..200 {
            let mut project: Project = base.clone();
            let len = if round % 10 == 0 { 0 } else { 1 + rng.below(40) };
            project.name = random_text(&mut rng, len);
            project.description = some_text(&mut rng, 0, 8);
            for label in project.taxonomy.claim_kinds.iter_mut() {
                label.shortcut = Some(*rng.pick(PALETTE));
                label.description = random_text(&mut rng, 5);
            }
            for claim in project.claims.iter_mut().take(5) {
                claim.note = some_text(&mut rng, 1, 30);
                claim.claimant = some_text(&mut rng, 0, 4);
                claim.quote.exact = some_text(&mut rng, 1, 10);
                claim.modified_by = Some(ReviewerId::new(random_text(&mut rng, 3)));
                if rng.below(2) == 0 {
                    claim.frames.clear();
                }
            }
            for document in project.documents.iter_mut().take(2) {
                document.text = random_text(&mut rng, 50).into();
                document.author = Some(random_text(&mut rng, 4));
            }
            let side = |rng: &mut Rng| ConflictSide {
                value: (rng.below(3) > 0).then(|| random_text(rng, 12)),
                reviewer: (rng.below(2) == 0).then(|| ReviewerId::new(random_text(rng, 3))),
                modified: (rng.below(2) == 0).then(|| Timestamp::from_unix(1_700_000_000)),
            };
            project.conflicts.push(Conflict {
                id: ConflictId::new(random_text(&mut rng, 6)),
                kind: ConflictKind::SameSpan,
                record: RecordRef { kind: RecordKind::Claim, id: random_text(&mut rng, 5) },
                field: Some(random_text(&mut rng, 3)),
                other: Some(RecordRef { kind: RecordKind::SourceRelation, id: "x".into() }),
                base: (rng.below(2) == 0).then(|| random_text(&mut rng, 9)),
                ours: side(&mut rng),
                theirs: side(&mut rng),
                merged: Timestamp::from_unix(1_700_000_000),
            });
            assert_same(&project);
        }
    }

    #[derive(Serialize)]
    struct Empty {}

    #[derive(Serialize)]
    struct Newtype(u8);

    #[derive(Serialize)]
    struct Pair(i32, Option<char>);

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Wrapped(String),
        Tuple(u16, bool),
        Record { a: Vec<u32>, b: Option<Box<Shape>> },
    }

    #[derive(Serialize)]
    struct Nest {
        empty: Empty,
        lists: Vec<Vec<Vec<Vec<u64>>>>,
        empty_lists: Vec<Vec<u8>>,
        shapes: Vec<Shape>,
        pair: Pair,
        newtype: Newtype,
        unit: (),
        tuple: (i64, &'static str),
        deep: Option<Option<Vec<Nest>>>,
    }

    fn nest(depth: usize) -> Nest {
        Nest {
            empty: Empty {},
            lists: vec![vec![], vec![vec![vec![1, 2], vec![]], vec![vec![3]]]],
            empty_lists: vec![vec![], vec![]],
            shapes: vec![
                Shape::Unit,
                Shape::Wrapped("w".into()),
                Shape::Tuple(3, true),
                Shape::Record { a: vec![], b: Some(Box::new(Shape::Record { a: vec![9], b: None })) },
            ],
            pair: Pair(-4, Some('\'')),
            newtype: Newtype(8),
            unit: (),
            tuple: (-1, "t"),
            deep: (depth > 0).then(|| Some(vec![nest(depth - 1), nest(depth - 1)])),
        }
    }

    /// Shapes our model does not use today (tuples, newtypes, variants with data, empty
    /// structs, lists in lists across the depth limit): a field of such a shape added
    /// later is still written as `ron` writes it.
    #[test]
    fn other_shapes_are_written_as_ron_writes_them() {
        assert_same(&nest(3));
        assert_same(&Vec::<u8>::new());
        assert_same(&vec![Empty {}]);
        assert_same(&Some(vec![Shape::Unit]));
    }

    #[test]
    fn the_items_of_a_list_are_its_lines_in_the_whole_file() {
        let project = crate::sample::sample_project().unwrap();
        let whole = rons(&project);
        let mut items = String::new();
        write_items(&project.claims, 2, &mut items).unwrap();
        assert!(whole.contains(&format!("\n    claims: [\n{items}    ],\n")));
    }

    #[test]
    fn what_ron_would_write_otherwise_is_declined() {
        let mut map = BTreeMap::new();
        map.insert(1, 2);
        assert!(ours(&map).is_err());
        assert!(ours(&1.5f64).is_err());
        assert!(ours(&vec![0.5f32]).is_err());
        #[derive(Serialize)]
        #[allow(non_camel_case_types)]
        enum Raw {
            r#true,
        }
        assert!(ours(&Raw::r#true).is_err(), "ron writes r#true");
        #[derive(Serialize)]
        struct Keyword {
            #[serde(rename = "Some")]
            some: u8,
        }
        assert!(ours(&Keyword { some: 1 }).is_err(), "ron writes r#Some");
    }
}
