//! Plain text files as documents: reading them (UTF-8 only, size-limited), and the
//! defaults a new document gets from its file (id slug, title). Used by the command line
//! and the app's import, so both treat a text file the same way.

pub mod html;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Largest text file read as one document: 64 MiB.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a text file could not become a document.
#[derive(Debug, Error)]
pub enum TextFileError {
    /// The file could not be read.
    #[error("{path}: could not read the text file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The file is over [`MAX_TEXT_BYTES`].
    #[error("{path}: {size} bytes is over the limit of {limit} bytes for one document")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not UTF-8.
    #[error(
        "{path}:{line}: not UTF-8 text (bad byte at offset {byte_offset}); convert it first, e.g. `iconv -f WINDOWS-1256 -t UTF-8`"
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first bad byte.
        line: usize,
        /// Offset of the first bad byte.
        byte_offset: usize,
    },
    /// A saved web page that gives no document.
    #[error("{path}: {source}")]
    Page {
        /// The file.
        path: PathBuf,
        /// Why.
        source: html::HtmlError,
    },
}

/// Whether `path` names a saved web page (`.html`, `.htm`, any case).
pub fn is_web_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Reads a file for a new document: a saved web page's article and metadata
/// ([`html::extract`]), or a text file's text ([`read_document_text`]) with no metadata.
pub fn read_document(path: &Path) -> Result<(String, Option<html::Page>), TextFileError> {
    if !is_web_page(path) {
        return read_document_text(path).map(|text| (text, None));
    }
    let bytes = read_bytes(path)?;
    let page =
        html::extract(&bytes).map_err(|source| TextFileError::Page { path: path.to_owned(), source })?;
    Ok((page.text.clone(), Some(page)))
}

/// The bytes of a file of at most [`MAX_TEXT_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, TextFileError> {
    let io_error = |source| TextFileError::Io { path: path.to_owned(), source };
    let metadata = fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(io_error(io::Error::new(io::ErrorKind::InvalidInput, "this is a folder")));
    }
    if metadata.len() > MAX_TEXT_BYTES {
        return Err(TextFileError::TooLarge {
            path: path.to_owned(),
            size: metadata.len(),
            limit: MAX_TEXT_BYTES,
        });
    }
    fs::read(path).map_err(io_error)
}

/// Reads a text file for a new document: UTF-8 only, kept exactly as it is except that
/// a leading byte-order mark is dropped.
pub fn read_document_text(path: &Path) -> Result<String, TextFileError> {
    let bytes = read_bytes(path)?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let line = 1 + error.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count();
        TextFileError::NotUtf8 { path: path.to_owned(), line, byte_offset: valid }
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// A document id from the file name (lower-case letters, digits and dashes), different
/// from every id in `taken`, which it joins.
pub fn unique_slug(path: &Path, taken: &mut Vec<String>) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
    let mut slug = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { "doc".to_owned() } else { slug.chars().take(60).collect() };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// The first non-empty line of a text, shortened to 120 chars, or the file's name.
pub fn default_title(text: &str, path: &Path) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    if line.is_empty() {
        return path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    }
    let mut title: String = line.chars().take(120).collect();
    if line.chars().count() > 120 {
        title.push('…');
    }
    title
}

/// `example.com` from `https://www.example.com/path`.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_tidy() {
        let mut taken = vec!["sputnik".to_owned()];
        assert_eq!(unique_slug(Path::new("/x/Sputnik.txt"), &mut taken), "sputnik-2");
        assert_eq!(unique_slug(Path::new("a b__c.txt"), &mut taken), "a-b-c");
        assert_eq!(unique_slug(Path::new("کشور.txt"), &mut taken), "doc");
        assert_eq!(unique_slug(Path::new("کشور.txt"), &mut taken), "doc-2");
    }

    #[test]
    fn domains_and_titles() {
        assert_eq!(domain_of("https://www.SputnikGlobe.com/2025/x?a=1").as_deref(), Some("sputnikglobe.com"));
        assert_eq!(domain_of("http://user@host:8080/p").as_deref(), Some("host"));
        assert_eq!(domain_of("no scheme"), None);
        assert_eq!(default_title("\n\n  Headline \nbody", Path::new("f.txt")), "Headline");
        assert_eq!(default_title("  \n", Path::new("dir/f.txt")), "f");
    }

    #[test]
    fn bom_is_dropped_and_bad_bytes_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        fs::write(&path, "\u{feff}text").unwrap();
        assert_eq!(read_document_text(&path).unwrap(), "text");
        fs::write(&path, b"ok\nline two \xff").unwrap();
        let error = read_document_text(&path).unwrap_err();
        assert!(matches!(error, TextFileError::NotUtf8 { line: 2, byte_offset: 12, .. }), "{error:?}");
    }
}
