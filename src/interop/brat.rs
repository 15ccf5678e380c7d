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
        let labels = set.labels_or_skip(claim, document.outlet, summary);
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
        let fields = set.claim_fields(claim);
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
mod tests {
    use super::*;
    use crate::anchor::QuoteSelector;
    use crate::interop::ExportOptions;
    use crate::model::{
        Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, LabelId, Project, Taxonomy,
        Timestamp,
    };

    /// Emoji (one char and a flag of two), Persian, curly quotes and CRLF line ends.
    const TEXT: &str = "He said “3,000 fighters” 😀 crossed in 2024.\r\nکشور 🇵🇰 agreed; the “deal”\r\nwas signed.\r\n\r\nIt cost $7 billion.";

    /// The char span of the first occurrence of `exact` in `text`.
    fn span_of(text: &str, exact: &str) -> CharSpan {
        let byte = text.find(exact).unwrap();
        let start = text[..byte].chars().count();
        CharSpan::new(start, start + exact.chars().count())
    }

    fn claim(id: &str, document: &Document, exact: &str, kind: &str, verdict: &str) -> Claim {
        let span = span_of(&document.text, exact);
        Claim::new(
            ClaimId::new(id),
            document.id.clone(),
            span,
            QuoteSelector::capture(&document.text, span).unwrap(),
            LabelId::new(kind),
            LabelId::new(verdict),
            Timestamp("2026-01-02T03:04:05Z".into()),
        )
    }

    fn document(id: &str, text: &str) -> Document {
        Document::new(DocumentId::new(id), id.to_owned(), text)
    }

    fn project() -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        let doc = document("doc-1", TEXT);
        let mut fighters = claim("claim-1", &doc, "“3,000 fighters”", "statistic", "false");
        fighters.claimant = "Maria Sultan; analyst".into();
        fighters.attribution = Attribution::Attributed;
        fighters.note = "UN range:\t2,000–4,000\r\nsee \\report; 😀".into();
        fighters.frames = vec![LabelId::new("security-defense"), LabelId::new("economic")];
        fighters.group = Some(GroupId::new("group-1"));
        let mut crossing = claim("claim-2", &doc, "crossed in 2024.\r\nکشور 🇵🇰 agreed", "event", "true");
        crossing.group = Some(GroupId::new("group-1"));
        let deal = claim("claim-3", &doc, "“deal”\r\nwas signed", "event", "unverified");
        let money = claim("claim-4", &doc, "$7 billion", "money", "mostly-true");
        project.claims = vec![fighters, crossing, deal, money];
        project.documents.push(doc);
        project.groups.push(ClaimGroup {
            id: GroupId::new("group-1"),
            name: "Fighters; crossing".into(),
            notes: String::new(),
        });
        assert_eq!(crate::store::integrity::check(&project), vec![]);
        project
    }

    fn export(project: &Project, options: &ExportOptions) -> (tempfile::TempDir, ExportSummary) {
        let folder = tempfile::tempdir().unwrap();
        let set = ExportSet::new(project, options);
        let summary = write_folder(&set, folder.path()).unwrap();
        (folder, summary)
    }

    /// Slices by chars the plain way, independently of [`CharIndex`].
    fn chars(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn fragments_split_at_every_line_break_python_knows() {
        let text = "a\r\nb\u{2028}c\u{85}d";
        let index = CharIndex::new(text);
        let parts = fragments(&index, CharSpan::new(0, 8)).unwrap();
        assert_eq!(
            parts,
            [CharSpan::new(0, 1), CharSpan::new(3, 4), CharSpan::new(5, 6), CharSpan::new(7, 8)]
        );
        assert_eq!(fragments(&index, CharSpan::new(1, 3)).unwrap(), []);
        assert_eq!(fragments(&index, CharSpan::new(0, 9)), None);
    }

    #[test]
    fn spans_are_chars_of_the_txt_and_line_breaks_become_fragments() {
        let project = project();
        let (folder, summary) = export(&project, &ExportOptions::default());
        assert_eq!((summary.documents, summary.claims, summary.spans), (1, 4, 4));
        let txt = std::fs::read_to_string(folder.path().join("doc-1.txt")).unwrap();
        assert_eq!(txt, TEXT, "the text is written byte for byte, CRLF included");
        let ann = std::fs::read_to_string(folder.path().join("doc-1.ann")).unwrap();
        let t_lines: Vec<&str> = ann.lines().filter(|l| l.starts_with('T')).collect();
        assert_eq!(t_lines.len(), 4);
        for (line, claim) in t_lines.iter().zip(&project.claims) {
            let fields: Vec<&str> = line.split('\t').collect();
            let (label, offsets) = fields[1].split_once(' ').unwrap();
            assert_eq!(label, claim.kind.as_str());
            // Every fragment sliced by plain char counting; joined by brat's one space.
            let pieces: Vec<String> = offsets
                .split(';')
                .map(|f| {
                    let (start, end) = f.split_once(' ').unwrap();
                    chars(&txt, start.parse().unwrap(), end.parse().unwrap())
                })
                .collect();
            assert_eq!(pieces.join(" "), fields[2], "{line}");
            let claim_text = chars(&txt, claim.span.start, claim.span.end);
            assert_eq!(claim_text, claim.quote.exact);
            let expected: Vec<&str> =
                claim_text.split(['\r', '\n']).filter(|piece| !piece.is_empty()).collect();
            assert_eq!(pieces, expected, "fragments are the span's pieces between line breaks");
        }
        assert_eq!(t_lines[0], "T1\tstatistic 8 24\t“3,000 fighters”");
        assert_eq!(t_lines[1], "T2\tevent 27 43;45 59\tcrossed in 2024. کشور 🇵🇰 agreed");
        assert!(ann.contains("A1\tVerdict T1 false\nA2\tAttribution T1 attributed\n"), "{ann}");
        assert!(ann.contains("R1\tSameClaim Arg1:T1 Arg2:T2\n"), "{ann}");
        let note = ann.lines().find(|l| l.starts_with("#1\t")).unwrap();
        assert_eq!(
            note,
            "#1\tAnnotatorNotes T1\tclaim: claim-1; claimant: Maria Sultan\\; analyst; \
             frames: security-defense, economic; group: Fighters\\; crossing; \
             note: UN range:\\t2,000–4,000\\r\\nsee \\\\report\\; 😀"
        );
        for line in ann.split('\n').filter(|l| !l.is_empty()) {
            assert!(!line.contains(LINE_BREAKS), "{line:?}");
        }
    }

    #[test]
    fn configuration_lists_labels_relations_and_attributes() {
        let (folder, _) = export(&project(), &ExportOptions::default());
        let conf = std::fs::read_to_string(folder.path().join("annotation.conf")).unwrap();
        for section in ["[entities]", "[relations]", "[events]", "[attributes]"] {
            assert!(conf.contains(&format!("\n{section}\n")), "{section} in {conf}");
        }
        let entities: Vec<&str> =
            conf.split("[entities]\n").nth(1).unwrap().lines().take_while(|l| !l.is_empty()).collect();
        let kinds: Vec<String> = Taxonomy::builtin().claim_kinds.iter().map(|k| k.id.to_string()).collect();
        assert_eq!(entities, kinds);
        assert!(conf.contains("SameClaim\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
        assert!(conf.contains(
            "Verdict\tArg:<ENTITY>, Value:unverified|true|mostly-true|half-true|misleading|false|unsupported\n"
        ));
        assert!(conf.contains("Attribution\tArg:<ENTITY>, Value:asserted|attributed\n"));
        let visual = std::fs::read_to_string(folder.path().join("visual.conf")).unwrap();
        assert!(visual.contains("statistic | Statistic / quantity\n"), "{visual}");
        assert!(visual.contains("statistic\tbgColor:#1f77b4, fgColor:white\n"), "{visual}");
    }

    #[test]
    fn export_reads_back_with_spans_labels_and_claim_fields() {
        let project = project();
        let (folder, _) = export(&project, &ExportOptions::default());
        let parsed = read(folder.path());
        assert_eq!(parsed.problems, vec![]);
        let [document] = &parsed.documents[..] else { panic!("{parsed:?}") };
        assert_eq!(document.text, TEXT);
        assert_eq!(document.title.as_deref(), Some("doc-1"));
        let spans: Vec<(usize, usize, &str)> =
            document.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
        let claims: Vec<(usize, usize, &str)> =
            project.claims.iter().map(|c| (c.span.start, c.span.end, c.kind.as_str())).collect();
        assert_eq!(spans, claims, "the span crossing the line break comes back whole");
        let fighters = &document.spans[0];
        assert_eq!(fighters.verdict.as_deref(), Some("false"));
        assert_eq!(fighters.attribution.as_deref(), Some("attributed"));
        assert_eq!(fighters.claimant.as_deref(), Some("Maria Sultan; analyst"));
        assert_eq!(fighters.note.as_deref(), Some(project.claims[0].note.as_str()));
        assert_eq!(fighters.frames, ["security-defense", "economic"]);
        assert_eq!(fighters.group.as_deref(), Some("Fighters; crossing"));
        assert_eq!(document.spans[1].group.as_deref(), Some("Fighters; crossing"));
        assert_eq!(document.spans[2].group, None);
        // Merged into an empty project: the same texts, spans, kinds, verdicts and group.
        let empty = Project::new("e", Taxonomy::builtin());
        let mut ids = crate::model::IdAllocator::for_project(&empty);
        let (edit, report) = crate::interop::merge_import(&empty, &mut ids, parsed, true).unwrap();
        assert_eq!((report.documents_added, report.claims_added), (1, 4));
        let mut merged = empty.clone();
        edit.apply(&mut merged).unwrap();
        assert_eq!(crate::store::integrity::check(&merged), vec![]);
        let verdicts: Vec<&str> = merged.claims.iter().map(|c| c.verdict.as_str()).collect();
        assert_eq!(verdicts, ["false", "true", "unverified", "mostly-true"]);
        assert_eq!(merged.groups.len(), 1);
        assert_eq!(merged.claims[0].group, merged.claims[1].group);
    }

    #[test]
    fn other_labels_keep_the_kind_in_the_note_and_unlabelled_claims_are_skipped() {
        let project = project();
        let options = ExportOptions { labels: LabelBy::Frame, ..Default::default() };
        let (folder, summary) = export(&project, &options);
        assert_eq!((summary.claims, summary.spans), (1, 2), "two frames give two spans");
        assert_eq!(summary.skipped.len(), 3);
        assert!(summary.skipped[0].starts_with("claim-2: no label under --labels frame"));
        let ann = std::fs::read_to_string(folder.path().join("doc-1.ann")).unwrap();
        assert!(ann.contains("T1\tsecurity-defense 8 24\t"));
        assert!(ann.contains("T2\teconomic 8 24\t"));
        assert!(ann.contains("; kind: statistic; "));
        let parsed = read(folder.path());
        let labels: Vec<&str> = parsed.documents[0].spans.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["statistic", "statistic"], "the kind in the note wins over the label");
    }

    #[test]
    fn notes_escape_and_parse_back() {
        let fields = NoteFields {
            claim: Some("claim-9".into()),
            claimant: Some(" two;\tthree\\; \u{2028}".into()),
            note: Some("line one\nline two: \\u2028 stays".into()),
            ..Default::default()
        };
        let line = fields.to_line();
        assert!(!line.contains(LINE_BREAKS) && !line.contains('\t'), "{line}");
        assert_eq!(NoteFields::parse(&line), fields);
        // A note written by a person in brat is the claim's note, as it stands.
        let foreign = NoteFields::parse("Check against the UN report; page 4");
        assert_eq!(foreign.note.as_deref(), Some("Check against the UN report; page 4"));
        assert_eq!(
            NoteFields::parse("url: http://x; note: y").note.as_deref(),
            Some("url: http://x; note: y")
        );
    }

    #[test]
    fn malformed_lines_are_reported_with_file_and_line_and_the_rest_imports() {
        let text = "Sultan said 3,000 fighters\nand کشور 😀 too.";
        let ann = [
            "T1\tstatistic 12 26\t3,000 fighters",
            "T2\tstatistic 12 99\t3,000 fighters",
            "T3\tstatistic twelve 26\t3,000 fighters",
            "T4\tstatistic 12 26",
            "T5\tstatistic 0 6\tSultans",
            "this line has no tab",
            "E1\tAttack:T1 Agent:T5",
            "N1\tReference T1 Wikipedia:123\tfighter",
            "*\tEquiv T1 T6",
            "A1\tVerdict T9 false",
            "A2\tAttribution T1 quoted",
            "R1\tSameClaim Arg1:T1",
            "#1\tAnnotatorNotes T8\tlost",
            "T6\tplace 12 17;27 30\t3,000 and",
            "A3\tNegation T6",
            "T6\tplace 31 35\tکشور",
            "T7\tmoney 31 37\tکشور 😀",
            "#2\tAnnotatorNotes T7\tclaimant: Sultan",
            "",
        ]
        .join("\r\n");
        let (spans, problems) = parse_ann(Path::new("x.ann"), &ann, text, "x");
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 12, 14, 16, 10, 11, 13], "{problems:#?}");
        assert!(problems.iter().all(|p| p.file == Path::new("x.ann")));
        assert_eq!(problems[0].to_string(), format!("x.ann:2: {}", problems[0].message));
        let message = |i: usize| problems[i].message.as_str();
        assert!(message(0).contains("do not fit the text of 42 chars"), "{}", message(0));
        assert!(message(1).contains("not two whole numbers"), "{}", message(1));
        assert!(message(2).contains("text field is missing"), "{}", message(2));
        assert!(message(3).contains("differs from the text"), "{}", message(3));
        assert!(message(4).contains("expected an id, a tab"), "{}", message(4));
        assert!(message(5).contains("SameClaim Arg1:T1 Arg2:T2"), "{}", message(5));
        assert!(
            message(6).contains("includes the text between its fragments \" fighters\\n\""),
            "{}",
            message(6)
        );
        assert!(message(7).contains("defined twice"), "{}", message(7));
        assert!(message(8).contains("T9, which is not a span"), "{}", message(8));
        assert!(message(9).contains("expected asserted or attributed"), "{}", message(9));
        assert!(message(10).contains("T8, which is not a span"), "{}", message(10));
        let read: Vec<(usize, usize, &str)> =
            spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
        assert_eq!(read, [(12, 26, "statistic"), (12, 30, "place"), (31, 37, "money")]);
        assert_eq!(chars(text, 31, 37), "کشور 😀");
        assert_eq!(spans[2].claimant.as_deref(), Some("Sultan"), "a note may come after its span");
        assert_eq!(spans[0].attribution, None);
    }

    #[test]
    fn same_claim_links_from_elsewhere_name_their_group_after_the_first_member() {
        let text = "A said X happened. B said X happened too.";
        let ann = "T1\tevent 7 17\tX happened\nT2\tevent 26 36\tX happened\nT3\tevent 0 1\tA\nR1\tSameClaim Arg1:T2 Arg2:T1\n";
        let (spans, problems) = parse_ann(Path::new("y.ann"), ann, text, "y");
        assert_eq!(problems, vec![]);
        let groups: Vec<Option<&str>> = spans.iter().map(|s| s.group.as_deref()).collect();
        assert_eq!(groups, [Some("X happened"), Some("X happened"), None]);
    }

    #[test]
    fn reading_a_folder_pairs_ann_and_txt_and_reports_a_missing_text() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path();
        std::fs::write(path.join("b.txt"), "Two 😀 words").unwrap();
        std::fs::write(path.join("b.ann"), "T1\tword 6 11\twords\n").unwrap();
        std::fs::create_dir(path.join("part")).unwrap();
        std::fs::write(path.join("part/a.txt"), "کشور").unwrap();
        std::fs::write(path.join("part/a.ann"), "T1\tplace 0 4\tکشور\n").unwrap();
        std::fs::write(path.join("orphan.ann"), "T1\tword 0 1\tx\n").unwrap();
        std::fs::write(path.join(".hidden.ann"), "garbage").unwrap();
        let parsed = read(path);
        let titles: Vec<&str> = parsed.documents.iter().filter_map(|d| d.title.as_deref()).collect();
        assert_eq!(titles, ["b", "a"]);
        assert_eq!(parsed.problems.len(), 1);
        assert!(parsed.problems[0].file.ends_with("orphan.txt"), "{:?}", parsed.problems);
        // A single .ann file, or its .txt, reads the pair.
        assert_eq!(read(&path.join("b.ann")).documents.len(), 1);
        assert_eq!(read(&path.join("b.txt")).documents[0].spans.len(), 1);
        let empty = tempfile::tempdir().unwrap();
        assert!(read(empty.path()).problems[0].message.contains("no .ann files"));
        assert_eq!(read(&path.join("b.json")).documents.len(), 0);
    }

    #[test]
    fn file_names_are_safe_and_unique() {
        let mut names = FileNames::default();
        assert_eq!(names.name_for("doc-1"), "doc-1");
        assert_eq!(names.name_for("DOC-1"), "DOC-1-2");
        assert_eq!(names.name_for("../etc/passwd"), "_etc_passwd");
        assert_eq!(names.name_for("..."), "document");
        assert_eq!(names.name_for("کشور 1"), "کشور_1");
        assert_eq!(type_name("price tag|x"), "price_tag_x");
    }
}
