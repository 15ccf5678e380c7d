//! brat standoff (<https://brat.nlplab.org/standoff.html>): a folder with, per document,
//! `NAME.txt` (the text, byte for byte) and `NAME.ann` (the annotations), plus the
//! collection's `annotation.conf` and `visual.conf`. Export and import.
//!
//! Offsets are chars (Unicode scalar values), end exclusive: brat is written in Python 3
//! and indexes the `.txt` as a Python `str`, and it reads the file without translating
//! line ends, so a CRLF counts as two chars in brat as in claimmark.
//!
//! What a `.ann` file holds, per span (a claim gives one span per label, so several under
//! `--labels frame` and none without a label):
//!
//! ```text
//! T1<TAB>statistic 12 26<TAB>3,000 fighters
//! A1<TAB>Verdict T1 false
//! A2<TAB>Attribution T1 attributed
//! #1<TAB>AnnotatorNotes T1<TAB>claim: claim-7; claimant: Maria Sultan; group: ISIS-K strength; note: UN range
//! R1<TAB>SameClaim Arg1:T1 Arg2:T4
//! ```
//!
//! - `T` lines: label, offsets, text. brat's text field cannot hold a line break (brat
//!   splits `.ann` files with Python's `splitlines`, which also breaks at U+2028, U+0085
//!   and a few control chars), so a span that crosses one is written as brat's
//!   discontinuous fragments `start end;start end`, split at the line breaks, with the
//!   fragments' texts joined by one space (brat's `DISCONT_SEP`); line breaks at the
//!   very ends of a span belong to no fragment, so they do not come back on import.
//!   Labels are written with any char other than letters, digits, `-` and `_` replaced
//!   by `_`, which brat's type names need.
//! - `A` lines: the claim's verdict id and its attribution (`asserted` / `attributed`).
//! - `#` lines: brat's `AnnotatorNotes`, one line of `key: value` fields separated by `; `:
//!   `claim` (its id), `kind` (only when the label is not the kind), `claimant`, `frames`
//!   (comma-separated ids), `sources` (`title <url> [relation]`, joined by ` | `), `group`
//!   (the group's name) and `note`; empty fields are left out. In values, `\` `;` tab and
//!   line breaks are escaped as `\\` `\;` `\t` `\n` `\r` (others as `\uXXXX`).
//! - `R` lines: `SameClaim` relations chaining the members of a claim group within one
//!   document, in text order. brat relations cannot cross documents, so a group whose
//!   members sit in different documents is kept only through the `group` note; import
//!   regroups spans by that name (and by `SameClaim` links).
//!
//! Import reads a folder (every `X.ann` with the `X.txt` beside it, in sub-folders too,
//! skipping hidden names) or single `.ann` files (a `.txt` path reads the `.ann` beside
//! it). It understands `T` lines (with fragments: the span runs from the first fragment's
//! start to the last one's end, since claimmark spans are continuous), `A` lines
//! `Verdict`/`Attribution`, `R` lines `SameClaim` and `#` `AnnotatorNotes` in the shape
//! above (any other note becomes the claim's note). Other line types (events,
//! normalisations, equivalences, other attributes and relations) are skipped, as brat
//! allows. A line that cannot be read — no tab, a bad or out-of-range offset, a missing
//! field, a text field that differs from the text at its offsets, a reference to an
//! unknown `T` — is an [`ImportProblem`] with its file and line; the rest imports. The
//! document's title is the file stem.
//!
//! Export writes files atomically but does not remove other files in the folder: export
//! into an empty folder.

use super::ParsedImport;
use super::export::write_file;
use super::fields::describe_sources;
use super::{
    ExportDocument, ExportSet, ExportSummary, ImportProblem, ImportedDocument, ImportedSpan, LabelBy,
};
use crate::anchor::{CharIndex, CharSpan};
use crate::model::{Label, LabelSet};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// Chars that end a line when Python reads a file with `str.splitlines` (brat's reader).
const LINE_BREAKS: [char; 10] =
    ['\n', '\r', '\u{0b}', '\u{0c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}', '\u{2029}'];

/// brat's separator between the texts of the fragments of a discontinuous span.
const FRAGMENT_SEPARATOR: &str = " ";

/// The name of the relation that links the spans of one claim group.
pub const SAME_CLAIM: &str = "SameClaim";

/// Whether `c` ends a line for brat.
fn is_line_break(c: char) -> bool {
    LINE_BREAKS.contains(&c)
}

/// The fragments brat needs for `span` of `text`: the runs of chars between line breaks,
/// as char spans; `None` when the span lies outside the text. A span without line breaks
/// is its own single fragment; one of nothing but line breaks has none.
pub fn fragments(index: &CharIndex<'_>, span: CharSpan) -> Option<Vec<CharSpan>> {
    let text = index.slice(span)?;
    let mut fragments = Vec::new();
    let mut start = None;
    for (offset, c) in (span.start..).zip(text.chars()) {
        match (is_line_break(c), start) {
            (true, Some(first)) => {
                fragments.push(CharSpan::new(first, offset));
                start = None;
            }
            (false, None) => start = Some(offset),
            _ => {}
        }
    }
    if let Some(first) = start {
        fragments.push(CharSpan::new(first, span.end));
    }
    Some(fragments)
}

/// A label as a brat type name (and a verdict id as an attribute value): letters, digits,
/// `-` and `_`; anything else becomes `_`.
pub fn type_name(label: &str) -> String {
    let name: String =
        label.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if name.is_empty() { "_".to_owned() } else { name }
}

/// Escapes a note value for one `.ann` line (see the module docs).
fn escape(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c if is_line_break(c) => {
                let _ = write!(escaped, "\\u{:04X}", u32::from(c));
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// Undoes [`escape`]; an unknown escape keeps its backslash.
fn unescape(value: &str) -> String {
    let mut plain = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            plain.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('\\') => plain.push('\\'),
            Some(';') => plain.push(';'),
            Some('t') => plain.push('\t'),
            Some('n') => plain.push('\n'),
            Some('r') => plain.push('\r'),
            Some('u') => {
                let hex: String = chars.clone().skip(1).take(4).collect();
                let decoded = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                match decoded.filter(|_| hex.len() == 4) {
                    Some(decoded) => {
                        plain.push(decoded);
                        // The `u` and three digits here, the last digit below.
                        chars.nth(3);
                    }
                    None => {
                        plain.push('\\');
                        continue;
                    }
                }
            }
            _ => {
                plain.push('\\');
                continue;
            }
        }
        chars.next();
    }
    plain
}

/// The keys of the note fields, in the order they are written.
const NOTE_KEYS: [&str; 7] = ["claim", "kind", "claimant", "frames", "sources", "group", "note"];

/// The claim fields a `#` note line carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteFields {
    /// Claim id.
    pub claim: Option<String>,
    /// Kind id (written when the label is not the kind).
    pub kind: Option<String>,
    /// Claimant.
    pub claimant: Option<String>,
    /// Frame ids.
    pub frames: Vec<String>,
    /// Sources as text (not imported: sources are records of their own).
    pub sources: Option<String>,
    /// Group name.
    pub group: Option<String>,
    /// The reviewer's note.
    pub note: Option<String>,
}

impl NoteFields {
    /// The note as one `.ann` line's text: `key: value` fields joined by `; `.
    pub fn to_line(&self) -> String {
        let frames = self.frames.join(", ");
        let values = [
            self.claim.as_deref(),
            self.kind.as_deref(),
            self.claimant.as_deref(),
            Some(frames.as_str()),
            self.sources.as_deref(),
            self.group.as_deref(),
            self.note.as_deref(),
        ];
        let fields: Vec<String> = NOTE_KEYS
            .iter()
            .zip(values)
            .filter_map(|(key, value)| {
                value.filter(|v| !v.is_empty()).map(|v| format!("{key}: {}", escape(v)))
            })
            .collect();
        fields.join("; ")
    }

    /// Reads a note line: fields in claimmark's shape, or else the whole text as the note.
    pub fn parse(line: &str) -> NoteFields {
        let mut fields = NoteFields::default();
        let mut pieces = Vec::new();
        let mut piece = String::new();
        let mut escaped = false;
        for c in line.chars() {
            if c == ';' && !escaped {
                pieces.push(std::mem::take(&mut piece));
                continue;
            }
            escaped = c == '\\' && !escaped;
            piece.push(c);
        }
        pieces.push(piece);
        for (number, piece) in pieces.iter().enumerate() {
            let piece = if number == 0 { piece.as_str() } else { piece.strip_prefix(' ').unwrap_or(piece) };
            let Some((key, value)) = piece.split_once(": ") else {
                return NoteFields {
                    note: Some(line.to_owned()).filter(|l| !l.trim().is_empty()),
                    ..Default::default()
                };
            };
            let value = unescape(value);
            match key {
                "claim" => fields.claim = Some(value),
                "kind" => fields.kind = Some(value),
                "claimant" => fields.claimant = Some(value),
                "frames" => {
                    fields.frames = value
                        .split(',')
                        .map(str::trim)
                        .filter(|f| !f.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                "sources" => fields.sources = Some(value),
                "group" => fields.group = Some(value),
                "note" => fields.note = Some(value),
                _ => {
                    return NoteFields {
                        note: Some(line.to_owned()).filter(|l| !l.trim().is_empty()),
                        ..Default::default()
                    };
                }
            }
        }
        fields
    }
}

// ---------------------------------------------------------------------------------
// Export

/// File names for documents: the document id with characters that are unsafe in file
/// names replaced by `_`, made unique (ignoring case, for case-insensitive file systems)
/// with `-2`, `-3` ...
#[derive(Default)]
struct FileNames {
    taken: HashSet<String>,
}

impl FileNames {
    fn name_for(&mut self, document_id: &str) -> String {
        let safe: String = document_id
            .chars()
            .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
            .collect();
        let safe = safe.trim_start_matches('.');
        let base = if safe.is_empty() { "document" } else { safe };
        let mut name = base.to_owned();
        let mut n = 2;
        while !self.taken.insert(name.to_lowercase()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        name
    }
}

/// Writes the `.txt` and `.ann` of every document, then `annotation.conf` and
/// `visual.conf`, into `folder` (created if missing). Every file is written atomically.
pub fn write_folder(set: &ExportSet<'_>, folder: &Path) -> io::Result<ExportSummary> {
    std::fs::create_dir_all(folder)?;
    let mut summary = ExportSummary::default();
    let mut names = FileNames::default();
    let mut used_types: Vec<String> = Vec::new();
    for document in &set.documents {
        let name = names.name_for(document.document.id.as_str());
        let ann = annotations(set, document, &mut summary, &mut used_types);
        write_file(&folder.join(format!("{name}.txt")), document.document.text.as_bytes())?;
        write_file(&folder.join(format!("{name}.ann")), ann.as_bytes())?;
        summary.documents += 1;
        set.tick();
    }
    let types = entity_types(set.label_set(), &used_types);
    write_file(&folder.join("annotation.conf"), annotation_conf(set, &types).as_bytes())?;
    write_file(&folder.join("visual.conf"), visual_conf(&types).as_bytes())?;
    Ok(summary)
}

/// The `.ann` text of one document.
fn annotations(
    set: &ExportSet<'_>,
    document: &ExportDocument<'_>,
    summary: &mut ExportSummary,
    used_types: &mut Vec<String>,
) -> String {
    let text = &*document.document.text;
    let index = CharIndex::new(text);
    let mut ann = String::new();
    let (mut t, mut a, mut notes) = (0, 0, 0);
    // Group id → the first T of each member claim, in text order.
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for claim in &document.claims {
        let labels = set.labels_or_skip(document, claim, summary);
        if labels.is_empty() {
            continue;
        }
        let Some(fragments) = fragments(&index, claim.span) else {
            summary.skipped.push(format!("{}: its span lies outside the document text", claim.id));
            continue;
        };
        if fragments.is_empty() {
            summary.skipped.push(format!("{}: its span holds nothing but line breaks", claim.id));
            continue;
        }
        let offsets: Vec<String> = fragments.iter().map(|f| format!("{} {}", f.start, f.end)).collect();
        let offsets = offsets.join(";");
        let texts: Vec<&str> = fragments.iter().map(|f| index.slice(*f).unwrap_or_default()).collect();
        let span_text = texts.join(FRAGMENT_SEPARATOR);
        let fields = set.claim_fields(document, claim);
        let note = NoteFields {
            claim: Some(fields.id.to_owned()),
            kind: (set.options.labels != LabelBy::Kind).then(|| fields.kind.to_owned()),
            claimant: Some(fields.claimant.to_owned()),
            frames: fields.frames.iter().map(|f| (*f).to_owned()).collect(),
            sources: Some(describe_sources(&fields.sources)),
            group: fields.group_name.map(str::to_owned),
            note: Some(fields.note.to_owned()),
        }
        .to_line();
        let first_t = t + 1;
        for label in &labels {
            let label = type_name(label);
            if !used_types.contains(&label) {
                used_types.push(label.clone());
            }
            t += 1;
            let _ = writeln!(ann, "T{t}\t{label} {offsets}\t{span_text}");
            a += 1;
            let _ = writeln!(ann, "A{a}\tVerdict T{t} {}", type_name(fields.verdict));
            a += 1;
            let _ = writeln!(ann, "A{a}\tAttribution T{t} {}", fields.attribution);
            notes += 1;
            let _ = writeln!(ann, "#{notes}\tAnnotatorNotes T{t}\t{note}");
            summary.spans += 1;
        }
        summary.claims += 1;
        if let Some(group) = fields.group {
            match groups.iter_mut().find(|(g, _)| *g == group) {
                Some((_, members)) => members.push(first_t),
                None => groups.push((group, vec![first_t])),
            }
        }
    }
    let mut r = 0;
    for (_, members) in &groups {
        for pair in members.windows(2) {
            r += 1;
            let _ = writeln!(ann, "R{r}\t{SAME_CLAIM} Arg1:T{} Arg2:T{}", pair[0], pair[1]);
        }
    }
    ann
}

/// The entity types of the export: the taxonomy set behind `--labels`, then any other
/// label used, in the order first used.
fn entity_types<'a>(label_set: &'a [Label], used: &[String]) -> Vec<(String, Option<&'a Label>)> {
    let mut types: Vec<(String, Option<&Label>)> = Vec::new();
    for label in label_set {
        let name = type_name(label.id.as_str());
        if !types.iter().any(|(n, _)| *n == name) {
            types.push((name, Some(label)));
        }
    }
    for name in used {
        if !types.iter().any(|(n, _)| n == name) {
            types.push((name.clone(), None));
        }
    }
    types
}

/// brat's `annotation.conf` for the export.
fn annotation_conf(set: &ExportSet<'_>, types: &[(String, Option<&Label>)]) -> String {
    let mut conf = String::new();
    let _ = writeln!(conf, "# brat annotation configuration written by claimmark.");
    let _ = writeln!(conf, "# Entity types are the claims' labels (--labels {}).", set.options.labels.name());
    let _ = writeln!(conf, "\n[entities]");
    for (name, _) in types {
        let _ = writeln!(conf, "{name}");
    }
    let _ = writeln!(conf, "\n[relations]");
    let _ = writeln!(conf, "# Spans that tell the same claim (a claimmark claim group) in one document.");
    let _ = writeln!(conf, "{SAME_CLAIM}\tArg1:<ENTITY>, Arg2:<ENTITY>");
    let _ = writeln!(conf, "\n[events]");
    let _ = writeln!(conf, "\n[attributes]");
    let verdicts: Vec<String> =
        set.project.taxonomy.labels(LabelSet::Verdict).iter().map(|v| type_name(v.id.as_str())).collect();
    let _ = writeln!(conf, "Verdict\tArg:<ENTITY>, Value:{}", verdicts.join("|"));
    let _ = writeln!(conf, "Attribution\tArg:<ENTITY>, Value:asserted|attributed");
    conf
}

/// brat's `visual.conf`: the taxonomy's names and colours.
fn visual_conf(types: &[(String, Option<&Label>)]) -> String {
    let display = |name: &str| name.replace(['|', '\t', '\n', '\r'], "/");
    let mut conf = String::new();
    let _ =
        writeln!(conf, "# brat visual configuration written by claimmark: the taxonomy's names and colours.");
    let _ = writeln!(conf, "\n[labels]");
    for (name, label) in types {
        let _ = writeln!(conf, "{name} | {}", display(label.map_or(name.as_str(), |l| l.name.as_str())));
    }
    let _ = writeln!(conf, "{SAME_CLAIM} | Same claim");
    let _ = writeln!(conf, "Verdict | Verdict");
    let _ = writeln!(conf, "Attribution | Attribution");
    let _ = writeln!(conf, "\n[drawing]");
    let _ = writeln!(conf, "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken");
    let _ = writeln!(conf, "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5");
    for (name, label) in types {
        let Some(label) = label else { continue };
        let Some([r, g, b]) = crate::model::parse_colour(&label.colour) else { continue };
        // Dark backgrounds get white text (relative luminance, ITU-R BT.601 weights).
        let luminance = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
        let foreground = if luminance < 128.0 { "white" } else { "black" };
        let _ = writeln!(conf, "{name}\tbgColor:{}, fgColor:{foreground}", label.colour.to_lowercase());
    }
    let _ = writeln!(conf, "{SAME_CLAIM}\tcolor:#555555, dashArray:3-3, arrowHead:none");
    conf
}

// ---------------------------------------------------------------------------------
// Import

/// Reads a brat folder or `.ann` file (see the module docs). Never fails as a whole:
/// what cannot be read is in [`ParsedImport::problems`].
pub fn read(path: &Path) -> ParsedImport {
    let mut parsed = ParsedImport::default();
    let whole = |message: String| ImportProblem { file: path.to_owned(), line: 0, message };
    let ann_files = if path.is_dir() {
        let mut files = Vec::new();
        if let Err(error) = collect_ann_files(path, &mut files) {
            parsed.problems.push(whole(format!("cannot list the folder: {error}")));
            return parsed;
        }
        if files.is_empty() {
            parsed.problems.push(whole(
                "no .ann files in this folder; give the folder a brat export wrote, or .ann files".to_owned(),
            ));
        }
        files
    } else {
        match path.extension().and_then(|e| e.to_str()) {
            Some("ann") => vec![path.to_owned()],
            Some("txt") => vec![path.with_extension("ann")],
            _ => {
                parsed.problems.push(whole(
                    "not a brat folder or .ann file; give the folder with X.txt and X.ann files".to_owned(),
                ));
                return parsed;
            }
        }
    };
    for ann_path in ann_files {
        read_pair(&ann_path, &mut parsed);
    }
    parsed
}

/// Every `.ann` file under `folder`, sorted, skipping hidden files and folders.
fn collect_ann_files(folder: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.file_name().and_then(|n| n.to_str()).is_some_and(|n| !n.starts_with('.')))
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_ann_files(&entry, files)?;
        } else if entry.extension().is_some_and(|e| e == "ann") {
            files.push(entry);
        }
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String, ImportProblem> {
    crate::store::read_text(path, crate::store::DEFAULT_MAX_FILE_BYTES).map_err(|error| ImportProblem {
        file: path.to_owned(),
        line: 0,
        message: error.to_string(),
    })
}

/// Reads one `.ann` file with the `.txt` beside it.
fn read_pair(ann_path: &Path, parsed: &mut ParsedImport) {
    let txt_path = ann_path.with_extension("txt");
    let (ann, text) = match (read_text(ann_path), read_text(&txt_path)) {
        (Ok(ann), Ok(text)) => (ann, text),
        (Err(problem), _) | (_, Err(problem)) => {
            parsed.problems.push(problem);
            return;
        }
    };
    let title = ann_path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let (spans, problems) = parse_ann(ann_path, &ann, &text, title.as_deref().unwrap_or_default());
    parsed.problems.extend(problems);
    parsed.documents.push(ImportedDocument {
        // brat exports name each file after the document id.
        id: title.clone(),
        title,
        text,
        spans,
        origin: (ann_path.to_owned(), 1),
        ..Default::default()
    });
}

/// Reads the annotations of one `.ann` file against its text; `file` and `stem` only
/// name things in messages and made-up group names.
pub fn parse_ann(file: &Path, ann: &str, text: &str, stem: &str) -> (Vec<ImportedSpan>, Vec<ImportProblem>) {
    let index = CharIndex::new(text);
    let mut problems = Vec::new();
    let mut bounds: Vec<ImportedSpan> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut attributes: Vec<(usize, String, String, Option<String>)> = Vec::new();
    let mut notes: Vec<(usize, String, String)> = Vec::new();
    let mut links: Vec<(usize, String, String)> = Vec::new();
    let ann = ann.strip_prefix('\u{feff}').unwrap_or(ann);
    for (number, line) in ann.split('\n').enumerate() {
        let line_number = number + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let mut problem = |message: String| {
            problems.push(ImportProblem { file: file.to_owned(), line: line_number, message })
        };
        let Some((id, rest)) = line.split_once('\t') else {
            problem("expected an id, a tab and the annotation (ID<TAB>TYPE ...); skipped".to_owned());
            continue;
        };
        let (data, tail) = match rest.split_once('\t') {
            Some((data, tail)) => (data, Some(tail)),
            None => (rest, None),
        };
        match id.chars().next() {
            Some('T') => match text_bound(&index, data, tail) {
                Ok((span, warning)) => {
                    if by_id.contains_key(id) {
                        problem(format!("{id} is defined twice; this one is skipped"));
                        continue;
                    }
                    if let Some(warning) = warning {
                        problem(format!("{id}: {warning}"));
                    }
                    by_id.insert(id.to_owned(), bounds.len());
                    bounds.push(span);
                }
                Err(message) => problem(format!("{id}: {message}; skipped")),
            },
            Some('A') => {
                let mut words = data.split_whitespace();
                let (Some(name), Some(target)) = (words.next(), words.next()) else {
                    problem(format!("{id}: expected \"ATTRIBUTE TARGET [VALUE]\"; skipped"));
                    continue;
                };
                attributes.push((
                    line_number,
                    name.to_owned(),
                    target.to_owned(),
                    words.next().map(str::to_owned),
                ));
            }
            Some('R') => {
                let mut words = data.split_whitespace();
                if words.next() != Some(SAME_CLAIM) {
                    continue;
                }
                let args: Vec<&str> =
                    words.filter_map(|w| w.split_once(':').map(|(_, target)| target)).collect();
                let [first, second] = args[..] else {
                    problem(format!("{id}: expected \"{SAME_CLAIM} Arg1:T1 Arg2:T2\"; skipped"));
                    continue;
                };
                links.push((line_number, first.to_owned(), second.to_owned()));
            }
            Some('#') => {
                let mut words = data.split_whitespace();
                if words.next() != Some("AnnotatorNotes") {
                    continue;
                }
                let Some(target) = words.next() else {
                    problem(format!("{id}: expected \"AnnotatorNotes TARGET<TAB>NOTE\"; skipped"));
                    continue;
                };
                notes.push((line_number, target.to_owned(), tail.unwrap_or_default().to_owned()));
            }
            // Events, normalisations, equivalences, old-style modifiers: not claimmark's.
            _ => {}
        }
    }
    let mut problem_at =
        |line: usize, message: String| problems.push(ImportProblem { file: file.to_owned(), line, message });
    for (line, name, target, value) in attributes {
        let Some(&bound) = by_id.get(&target) else {
            if matches!(name.as_str(), "Verdict" | "Attribution") {
                problem_at(
                    line,
                    format!("{name} refers to {target}, which is not a span of this file; skipped"),
                );
            }
            continue;
        };
        let span = &mut bounds[bound];
        match (name.as_str(), value) {
            ("Verdict", Some(value)) => span.verdict = Some(value),
            ("Attribution", Some(value)) if matches!(value.as_str(), "asserted" | "attributed") => {
                span.attribution = Some(value);
            }
            ("Verdict" | "Attribution", value) => problem_at(
                line,
                format!(
                    "{name} of {target} has value {}; expected {}; skipped",
                    value.as_deref().unwrap_or("(none)"),
                    if name == "Verdict" { "a verdict id" } else { "asserted or attributed" }
                ),
            ),
            _ => {}
        }
    }
    for (line, target, note) in notes {
        let Some(&bound) = by_id.get(&target) else {
            problem_at(
                line,
                format!("the note refers to {target}, which is not a span of this file; skipped"),
            );
            continue;
        };
        let fields = NoteFields::parse(&note);
        let span = &mut bounds[bound];
        if let Some(kind) = fields.kind.filter(|k| !k.is_empty()) {
            span.label = kind;
        }
        span.claimant = fields.claimant.filter(|c| !c.is_empty());
        if !fields.frames.is_empty() {
            span.frames = fields.frames;
        }
        span.group = fields.group.filter(|g| !g.trim().is_empty());
        span.note = fields.note.filter(|n| !n.is_empty());
    }
    // SameClaim links: spans linked directly or through others form one group.
    let mut parent: Vec<usize> = (0..bounds.len()).collect();
    let mut linked = vec![false; bounds.len()];
    for (line, first, second) in links {
        let (Some(&a), Some(&b)) = (by_id.get(&first), by_id.get(&second)) else {
            problem_at(
                line,
                format!("{SAME_CLAIM} links {first} and {second}, not both spans of this file; skipped"),
            );
            continue;
        };
        let (root_a, root_b) = (root(&mut parent, a), root(&mut parent, b));
        parent[root_b.max(root_a)] = root_a.min(root_b);
        linked[a] = true;
        linked[b] = true;
    }
    // A linked group's name: the first group note among its members, else the text of
    // its first member (brat files from elsewhere have no group notes).
    let mut names: HashMap<usize, String> = HashMap::new();
    for i in 0..bounds.len() {
        if !linked[i] {
            continue;
        }
        let group_root = root(&mut parent, i);
        if let Some(group) = &bounds[i].group {
            names.entry(group_root).or_insert_with(|| group.clone());
        }
    }
    for i in 0..bounds.len() {
        if !linked[i] || bounds[i].group.is_some() {
            continue;
        }
        let group_root = root(&mut parent, i);
        let name = names.entry(group_root).or_insert_with(|| {
            let first = &bounds[group_root];
            let text = index.slice(CharSpan::new(first.start, first.end)).unwrap_or(stem);
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        });
        bounds[i].group = Some(name.clone());
    }
    (bounds, problems)
}

/// The representative of `i`'s set in a union-find forest (the smallest index, since
/// unions point the larger root at the smaller).
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Reads the `TYPE START END[;START END...]` part and the text of a `T` line: the span
/// from the first fragment's start to the last one's end, and a warning when the gaps
/// between fragments hold more than white space (they become part of the span).
fn text_bound(
    index: &CharIndex<'_>,
    data: &str,
    text_field: Option<&str>,
) -> Result<(ImportedSpan, Option<String>), String> {
    let Some((label, offsets)) = data.trim().split_once(' ') else {
        return Err("expected \"TYPE START END<TAB>TEXT\"".to_owned());
    };
    let mut fragments = Vec::new();
    for fragment in offsets.split(';') {
        let numbers: Vec<&str> = fragment.split_whitespace().collect();
        let [start, end] = numbers[..] else {
            return Err(format!("offsets \"{fragment}\" are not \"START END\""));
        };
        let (Ok(start), Ok(end)) = (start.parse::<usize>(), end.parse::<usize>()) else {
            return Err(format!("offsets \"{fragment}\" are not two whole numbers"));
        };
        if start >= end || end > index.char_count() {
            return Err(format!(
                "offsets {start} {end} do not fit the text of {} chars (brat counts chars)",
                index.char_count()
            ));
        }
        fragments.push(CharSpan::new(start, end));
    }
    fragments.sort();
    if fragments.windows(2).any(|pair| pair[0].end > pair[1].start) {
        return Err(format!("fragments \"{offsets}\" overlap"));
    }
    let Some(text_field) = text_field else {
        return Err("the text field is missing (expected \"TYPE START END<TAB>TEXT\")".to_owned());
    };
    let texts: Vec<&str> = fragments.iter().map(|f| index.slice(*f).unwrap_or_default()).collect();
    let expected = texts.join(FRAGMENT_SEPARATOR);
    if text_field != expected {
        return Err(format!(
            "the text \"{text_field}\" differs from the text at {offsets}, \"{}\"; is the .txt the one it was made for?",
            expected.escape_debug()
        ));
    }
    let (Some(first), Some(last)) = (fragments.first(), fragments.last()) else {
        return Err("no offsets".to_owned());
    };
    let covered_gaps: Vec<&str> = fragments
        .windows(2)
        .filter_map(|pair| index.slice(CharSpan::new(pair[0].end, pair[1].start)))
        .filter(|gap| !gap.chars().all(char::is_whitespace))
        .collect();
    let warning = (!covered_gaps.is_empty()).then(|| {
        format!(
            "claimmark spans are continuous: imported as {}..{}, which includes the text between its fragments \"{}\"",
            first.start,
            last.end,
            covered_gaps.join("\", \"").escape_debug()
        )
    });
    let span =
        ImportedSpan { start: first.start, end: last.end, label: label.to_owned(), ..Default::default() };
    Ok((span, warning))
}

#[cfg(test)]
mod tests;
