//! Reading and writing project files (RON).
//!
//! - Output is pretty and deterministic: the same project always gives the same bytes,
//!   so loading a saved file and saving it again reproduces it byte for byte.
//! - Loading refuses, with a message naming file, line and column: files over a size
//!   limit (before reading them), empty files, non-UTF-8 bytes, syntax and shape errors
//!   (from ron, including its recursion limit), unknown fields, newer format versions,
//!   and projects that fail the [`integrity`] checks. A load never writes anything.
//! - Saving is atomic ([`atomic`]): a temporary file beside the target is written and
//!   flushed, the previous version becomes `NAME.bak` (linked or copied under a
//!   temporary name, then renamed over the old one, so a `.bak` is never missing or
//!   written through), the temporary file is renamed over the target and the folder is
//!   synced; leftovers of killed saves are removed. A failed save leaves the old file as
//!   it was. Writers exclude each other with the locks of [`lock`]; [`disk`] tells
//!   whether a file changed since a version of it was loaded.

mod atomic;
pub mod disk;
mod error;
pub mod integrity;
mod locate;
pub mod lock;
pub mod migrate;
mod parallel;
mod reader;
mod writer;

pub use atomic::{backup_path, write_atomically, write_atomically_with};
pub use error::{LoadError, SaveError};
pub use integrity::Problem;
pub use locate::RecordPlace;
pub use lock::{Holder, LockError, OpenLock, ProjectLock};

use crate::model::{FORMAT_VERSION, Project};
use serde::Deserialize;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest project file read by default: 512 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Deepest nesting of RON values accepted; deeper files are refused (ron's limit).
/// A project needs 6 levels; the margin allows hand-written files and future fields.
pub const RECURSION_LIMIT: usize = 64;

/// The first line of every file we write.
pub const FILE_HEADER: &str =
    "// claimmark project. Spans count Unicode chars (code points) of each text; edit with care.\n";

/// How to load a file.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    /// Files larger than this are refused before reading.
    pub max_bytes: u64,
    /// Whether to refuse projects with integrity problems.
    pub check_integrity: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_bytes: DEFAULT_MAX_FILE_BYTES, check_integrity: true }
    }
}

/// Loads the project at `path` with the default options.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    load_with(path, LoadOptions::default())
}

/// Loads the project at `path`.
pub fn load_with(path: &Path, options: LoadOptions) -> Result<Project, LoadError> {
    let text = read_text(path, options.max_bytes)?;
    parse(&text, path, options.check_integrity)
}

/// Reads a file as UTF-8 text, refusing files over `max_bytes` before reading them.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, LoadError> {
    let io_error = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => LoadError::NotFound { path: path.to_owned() },
        _ => LoadError::Io { path: path.to_owned(), source },
    };
    let mut file = fs::File::open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if metadata.is_dir() {
        return Err(LoadError::Io {
            path: path.to_owned(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "this is a folder, not a project file"),
        });
    }
    if metadata.len() > max_bytes {
        return Err(LoadError::TooLarge { path: path.to_owned(), size: metadata.len(), limit: max_bytes });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // The file may grow between the size check and the read: read at most one byte
    // more than the limit to notice without reading it all.
    file.by_ref().take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() as u64 > max_bytes {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        // Only the valid part before the bad byte decides line and column.
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let (line, column) = integrity::line_column(&before, before.len());
        LoadError::NotUtf8 { path: path.to_owned(), line, column, byte_offset: valid }
    })
}

/// Parses project RON. `path` only names the file in errors. A byte-order mark at the
/// start is dropped (line and column count from the first char after it), and a file
/// whose lines end in CR alone (old Mac line ends) is read as if they ended in LF.
pub fn parse(text: &str, path: &Path, check_integrity: bool) -> Result<Project, LoadError> {
    let path_buf = || path.to_owned();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path_buf() });
    }
    // Without this the header comment would run to the end of the file. Our writer
    // escapes line breaks inside strings, so every CR of such a file is a line end.
    let lf_text;
    let text = if text.contains('\r') && !text.contains('\n') {
        lf_text = text.replace('\r', "\n");
        lf_text.as_str()
    } else {
        text
    };
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    // Where the text ends: an error there means the file was cut short, whatever ron
    // says it expected.
    // (Counted only for an error: a pass over the whole text.)
    let text_end = || integrity::line_column(text, text.trim_end().len());
    let backup = backup_path(path);
    let backup_name =
        backup.file_name().map_or_else(|| "the .bak file".into(), |n| n.to_string_lossy().into_owned());
    let syntax = |error: ron::error::SpannedError| {
        // ron points before the white space (and comments) ahead of what it could not
        // take, such as the text after the project: name where that starts instead.
        let start = (error.span.start.line, error.span.start.col);
        let position = byte_at(text, start.0, start.1)
            .map(|byte| locate::next_token(text, byte))
            .filter(|&byte| byte < text.len())
            .map_or(start, |byte| integrity::line_column(text, byte));
        // Where the error's span ends (ron's span covers the token it could not take).
        let end = (error.span.end.line, error.span.end.col);
        let (last_line, last_column) = text_end();
        let at_end = end.0 > last_line || (end.0 == last_line && end.1 + 1 >= last_column);
        // A string that opens and never closes also runs into the end of the file.
        let open_string = matches!(error.code, ron::Error::ExpectedStringEnd)
            && byte_at(text, position.0, position.1).is_some_and(|byte| !closes_string(&text[byte..]));
        // Text after the project, or a stray char at its end, is no sign of a cut.
        let stray = matches!(error.code, ron::Error::TrailingCharacters | ron::Error::UnexpectedChar(_));
        let at_end = (at_end && !stray) || open_string;
        let mut message = describe_ron_error(&error.code);
        if at_end || matches!(error.code, ron::Error::Eof) {
            message = format!(
                "{message}; the file ends here, so it is probably truncated (restore it from {backup_name} if there is one)"
            );
        }
        LoadError::Syntax { path: path_buf(), line: position.0, column: position.1, message }
    };
    let version = match migrate::read_version(text) {
        Some(field) => field,
        None => {
            // The head is not in our writer's shape: find the version the slow way, or
            // let the parser say what is wrong.
            #[derive(Deserialize)]
            struct FormatOnly {
                format: Option<u32>,
            }
            // `format: 1` reads as `Some(1)` here, wherever the field stands.
            let probe: FormatOnly = options
                .clone()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                .from_str(text)
                .map_err(syntax)?;
            let Some(version) = probe.format else {
                return Err(LoadError::Syntax {
                    path: path_buf(),
                    line: 1,
                    column: 1,
                    message: "no `format` field: this is not a claimmark project (expected `(format: 1, name: ..., ...)`)".into(),
                });
            };
            migrate::VersionField { version, byte_offset: 0 }
        }
    };
    if version.version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            path: path_buf(),
            found: version.version,
            supported: FORMAT_VERSION,
        });
    }
    if version.version == 0 {
        let (line, column) = integrity::line_column(text, version.byte_offset);
        return Err(LoadError::UnknownVersion {
            path: path_buf(),
            line,
            column,
            found: 0,
            supported: FORMAT_VERSION,
        });
    }
    let project: Project = if version.version < FORMAT_VERSION && !migrate::reads_as_current(version.version)
    {
        let mut value: ron::Value = options.from_str(text).map_err(syntax)?;
        migrate::migrate(&mut value, version.version).map_err(|message| LoadError::Syntax {
            path: path_buf(),
            line: 1,
            column: 1,
            message,
        })?;
        let mut project: Project = value.into_rust().map_err(|error| LoadError::Syntax {
            path: path_buf(),
            line: 1,
            column: 1,
            message: format!("after migration: {}", describe_ron_error(&error)),
        })?;
        project.format = FORMAT_VERSION;
        project
    } else {
        // A big file in our layout is read on every core, a small one by our reader
        // on one; anything else (and any error, to report it with its place) by `ron`.
        let read = || parallel::parse(text).or_else(|| reader::read::<Project>(text).ok());
        let mut project = match read() {
            Some(project) => project,
            None => options.from_str::<Project>(text).map_err(syntax)?,
        };
        // An older file that reads as it is (see `migrate::reads_as_current`).
        project.format = FORMAT_VERSION;
        project
    };
    if check_integrity {
        let mut problems = integrity::check(&project);
        if !problems.is_empty() {
            integrity::locate_problems(text, &mut problems);
            return Err(LoadError::Integrity { path: path_buf(), problems });
        }
    }
    Ok(project)
}

/// Whether the string opening at the start of `from` (a `"`) is closed: an unescaped `"`
/// follows.
fn closes_string(from: &str) -> bool {
    let mut escaped = false;
    for c in from.chars().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return true,
            _ => {}
        }
    }
    false
}

/// The byte offset of 1-based `line` and `column` (in chars).
fn byte_at(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start =
        if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)? };
    let rest = &text[line_start..];
    let offset = rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i);
    Some(line_start + offset)
}

/// ron's message in a user's words: what was found and what was expected, naming
/// records as a user knows them ("a claim", "the project") rather than by the program's
/// type names, with a hint where ron's own is terse.
fn describe_ron_error(error: &ron::Error) -> String {
    use ron::Error as E;
    match error {
        E::Eof => "the file ends in the middle of the project".into(),
        E::ExceededRecursionLimit => format!(
            "values are nested more than {RECURSION_LIMIT} levels deep; this is not a claimmark project"
        ),
        E::TrailingCharacters => {
            "unexpected text after the end of the project (its closing `)`); delete it".into()
        }
        E::NoSuchStructField { expected, found, outer } => {
            format!("unknown field `{found}`{}; {}", in_record(outer.as_deref()), one_of(expected, "fields"))
        }
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", in_record(outer.as_deref()))
        }
        E::DuplicateStructField { field, outer } => {
            format!("field `{field}` is given twice{}", in_record(outer.as_deref()))
        }
        E::NoSuchEnumVariant { expected, found, outer } => format!(
            "unknown value `{found}`{}; {}",
            outer.as_deref().and_then(type_in_words).map(|what| format!(" for {what}")).unwrap_or_default(),
            one_of(expected, "values")
        ),
        E::InvalidValueForType { expected, found } => {
            format!("expected {} but found {found}", expected_in_words(expected))
        }
        E::ExpectedDifferentLength { expected, found } => {
            format!(
                "expected {} but found {}",
                expected_in_words(expected),
                crate::text::count(*found, "element")
            )
        }
        E::ExpectedDifferentStructName { found, .. } => {
            format!(
                "unexpected name `{found}` before `(`; write this record as `(...)`, with no name or its own"
            )
        }
        E::ExpectedNamedStructLike(name) => struct_expected(name),
        E::ExpectedStructName(name) => struct_expected(name),
        E::ExpectedString => "expected a string `\"...\"`".into(),
        E::ExpectedInteger => "expected a whole number".into(),
        E::ExpectedBoolean => "expected `true` or `false`".into(),
        E::SuggestRawIdentifier(found) => format!("unexpected `{found}` where a field name was expected"),
        E::ExpectedArray => "expected a list `[...]`".into(),
        E::UnclosedLineComment => "a `//` comment runs to the end of the file".into(),
        E::Message(message) => words_for_types(message),
        other => words_for_types(&other.to_string()),
    }
}

/// The message for a missing `(` where a record of type `name` was expected.
fn struct_expected(name: &str) -> String {
    match type_in_words(name) {
        Some("the project") => "expected a claimmark project `(format: 1, name: ..., ...)`".into(),
        Some(what) => format!("expected `(` opening {what}"),
        None => "expected `(` opening a record".into(),
    }
}

/// ` in a claim` for a record's type name, nothing for one a user would not know.
fn in_record(outer: Option<&str>) -> String {
    outer.and_then(type_in_words).map(|what| format!(" in {what}")).unwrap_or_default()
}

/// `expected one of `a`, `b``.
fn one_of(expected: &[&str], none: &str) -> String {
    match expected {
        [] => format!("there are no {none}"),
        [one] => format!("expected `{one}`"),
        many => format!(
            "expected one of {}",
            many.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// A user's name for a type of the project file, `None` for one that is not.
fn type_in_words(name: &str) -> Option<&'static str> {
    Some(match name {
        "Project" | "FormatOnly" => "the project",
        "Taxonomy" => "the taxonomy",
        "Label" => "a label",
        "Outlet" => "an outlet",
        "Document" => "a document",
        "Source" => "a source",
        "SourceKind" => "a source kind",
        "Claim" => "a claim",
        "CharSpan" => "a span `(start, end)`",
        "QuoteSelector" => "a quote `(exact, prefix, suffix)`",
        "Attribution" => "an attribution (`Asserted` or `Attributed`)",
        "SourceLink" => "a source link `(source, relation)`",
        "ClaimGroup" => "a group",
        "Reviewer" => "a reviewer",
        "Conflict" => "a conflict",
        "ConflictSide" => "a conflict's side `(value, reviewer, modified)`",
        "RecordRef" => "a record reference `(kind, id)`",
        "Timestamp" => "a time `YYYY-MM-DDTHH:MM:SSZ`",
        _ => return None,
    })
}

/// What serde says it expected (`struct Claim`, `u32`, `a sequence`), in a user's words.
fn expected_in_words(expected: &str) -> String {
    let name = ["tuple struct ", "unit struct ", "newtype struct ", "struct ", "enum "]
        .iter()
        .find_map(|kind| expected.strip_prefix(kind))
        .unwrap_or(expected);
    if let Some(words) = type_in_words(name) {
        return words.to_owned();
    }
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number (0 or more)".into(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a sequence" => "a list `[...]`".into(),
        "option" => "`Some(...)` or `None`".into(),
        "a borrowed string" => "a string".into(),
        other => words_for_types(other),
    }
}

/// Replaces the program's type names in a message (`struct Claim`, `Project`) by a
/// user's words.
fn words_for_types(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(|c: char| c.is_ascii_uppercase()) {
        let word_len = rest[start..].find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len() - start);
        let word = rest[start..start + word_len].trim_matches('`');
        let before_is_word = rest[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        match type_in_words(word).filter(|_| !before_is_word) {
            Some(words) => {
                let head = &rest[..start];
                let head = ["tuple struct ", "unit struct ", "struct ", "enum "]
                    .iter()
                    .find_map(|kind| head.strip_suffix(kind))
                    .unwrap_or(head);
                out.push_str(head.strip_suffix('`').unwrap_or(head));
                out.push_str(words);
                rest = &rest[start + word_len..];
                rest = rest.strip_prefix('`').unwrap_or(rest);
            }
            None => {
                out.push_str(&rest[..start + word_len]);
                rest = &rest[start + word_len..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How our files are laid out: records (documents, claims, labels) get a line per
/// field; what they hold (a span, a quote, a source link, a list of frames) stays on one
/// line: shorter files that load faster and diff by field.
fn pretty_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .depth_limit(writer::DEPTH_LIMIT)
}

/// The file's text for a project: pretty, deterministic RON behind [`FILE_HEADER`],
/// written by our own writer ([`writer`], the bytes `ron` writes, faster) and a big
/// project's lists on every core ([`parallel`]).
pub fn to_ron_string(project: &Project) -> Result<String, ron::Error> {
    if let Some(text) = parallel::serialize(project) {
        return Ok(text);
    }
    let mut text = String::with_capacity(estimated_size(project));
    text.push_str(FILE_HEADER);
    match writer::write(project, &mut text) {
        Ok(()) => {
            text.push('\n');
            Ok(text)
        }
        // Something our writer does not write: `ron` does.
        Err(_) => to_ron_string_with_ron(project),
    }
}

/// [`to_ron_string`] written by `ron` itself, on one thread: what our writer must equal.
fn to_ron_string_with_ron(project: &Project) -> Result<String, ron::Error> {
    let mut text = String::with_capacity(estimated_size(project));
    text.push_str(FILE_HEADER);
    let body = ron::Options::default().to_string_pretty(project, pretty_config())?;
    text.push_str(&body);
    text.push('\n');
    Ok(text)
}

fn estimated_size(project: &Project) -> usize {
    let texts: usize = project.documents.iter().map(|d| d.text.len() + 512).sum();
    texts + project.claims.len() * 700 + 64 * 1024
}

/// Saves `project` to `path` atomically, keeping the previous version as `NAME.bak`.
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    save_text(project, path).map(drop)
}

/// [`save`], returning the text written.
fn save_text(project: &Project, path: &Path) -> Result<String, SaveError> {
    let text = to_ron_string(project).map_err(|error| SaveError {
        path: path.to_owned(),
        step: "writing the project as RON",
        source: io::Error::other(error.to_string()),
    })?;
    write_atomically(path, text.as_bytes(), true)?;
    Ok(text)
}

/// Where unsaved work on `path` is autosaved: `NAME.recovery` beside it.
pub fn recovery_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".recovery");
    path.with_file_name(name)
}
