//! The file dialog's model of the disk: a folder's entries (sorted folders first, in natural
//! order), the file type filters, paths typed by the user, and how sizes, times and errors
//! read. Plain Rust without egui; it reads folders and never writes.

use std::cmp::Ordering;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// A choice of the "File type" list: a name and the extensions it shows.
#[derive(Clone, Debug)]
pub(super) struct FileFilter {
    pub(super) name: String,
    /// Lower case, without dot; empty for "All files".
    pub(super) extensions: Vec<String>,
}

impl FileFilter {
    /// Whether a file of this name is shown (`x.ron`, not `.ron` nor `xron`).
    pub(super) fn matches(&self, file_name: &str) -> bool {
        if self.extensions.is_empty() {
            return true;
        }
        let lower = file_name.to_lowercase();
        self.extensions.iter().any(|ext| {
            lower.strip_suffix(ext.as_str()).is_some_and(|stem| stem.len() > 1 && stem.ends_with('.'))
        })
    }

    /// The name as the list shows it, e.g. `Project (*.ron)`.
    pub(super) fn label(&self) -> String {
        if self.extensions.is_empty() {
            return self.name.clone();
        }
        let patterns: Vec<String> = self.extensions.iter().map(|ext| format!("*.{ext}")).collect();
        format!("{} ({})", self.name, patterns.join(", "))
    }
}

/// A file or folder of the folder shown.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    /// For display and sorting; lossy when the name is not valid Unicode (the path is exact).
    pub(super) name: String,
    pub(super) path: PathBuf,
    pub(super) is_dir: bool,
    pub(super) hidden: bool,
    /// Files only.
    pub(super) size: Option<u64>,
    pub(super) modified: Option<SystemTime>,
}

impl Entry {
    /// What a screen reader says after the name.
    pub(super) fn description(&self) -> String {
        if self.is_dir {
            return "Folder".to_owned();
        }
        let mut description = "File".to_owned();
        if let Some(size) = self.size {
            description.push_str(", ");
            description.push_str(&format_size(size));
        }
        if let Some(modified) = self.modified.and_then(format_modified) {
            description.push_str(", modified ");
            description.push_str(&modified);
        }
        description
    }
}

/// `start` when it is a folder, its folder when it is a file; else the home folder; else the root.
pub(super) fn start_folder(start: &Path) -> PathBuf {
    let start = normalize(&std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf()));
    if start.is_dir() {
        return start;
    }
    if start.is_file()
        && let Some(parent) = start.parent()
    {
        return parent.to_path_buf();
    }
    if let Some(home) = home_dir().filter(|home| home.is_dir()) {
        return home;
    }
    root_folder()
}

/// The root of the current folder's drive (`/` on Unix).
fn root_folder() -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|dir| dir.ancestors().last().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// The user's home folder, when the system knows an absolute one.
pub(super) fn home_dir() -> Option<PathBuf> {
    std::env::home_dir().filter(|home| home.is_absolute())
}

/// `typed` (a name, a relative or absolute path, `~` for home) resolved against `base`, with
/// `.` and `..` taken out as a shell's `cd` would.
pub(super) fn resolve_typed_path(base: &Path, typed: &str, home: Option<&Path>) -> PathBuf {
    let expanded = match (typed, home) {
        ("~", Some(home)) => home.to_path_buf(),
        (_, Some(home)) if typed.starts_with("~/") || typed.starts_with("~\\") => home.join(&typed[2..]),
        _ => PathBuf::from(typed),
    };
    normalize(&base.join(expanded))
}

/// Removes `.` and resolves `..` without asking the disk (so a link's name stays visible).
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if normal.file_name().is_some() {
                    normal.pop();
                } else if !normal.has_root() {
                    // A relative path that climbs above its start keeps its `..`.
                    normal.push(component);
                }
            }
            other => normal.push(other),
        }
    }
    normal
}

/// `path` with the filter's first extension added when its name has none.
pub(super) fn with_default_extension(path: PathBuf, filter: &FileFilter) -> PathBuf {
    match filter.extensions.first() {
        Some(extension) if path.extension().is_none() => {
            let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
            name.push(".");
            name.push(extension);
            path.with_file_name(name)
        }
        _ => path,
    }
}

/// The entries of `dir`: folders first, then files, each in natural order.
pub(super) fn read_folder(dir: &Path) -> io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for item in std::fs::read_dir(dir)? {
        // An entry that vanished while the folder was read is simply not listed.
        let Ok(item) = item else {
            continue;
        };
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        // Follow links, so that a link to a folder opens like a folder; a dangling link is a file.
        let metadata = std::fs::metadata(&path).or_else(|_| item.metadata()).ok();
        let is_dir = metadata.as_ref().is_some_and(std::fs::Metadata::is_dir);
        let hidden = name.starts_with('.') || metadata.as_ref().is_some_and(hidden_attribute);
        entries.push(Entry {
            size: metadata.as_ref().filter(|_| !is_dir).map(std::fs::Metadata::len),
            modified: metadata.as_ref().and_then(|m| m.modified().ok()),
            name,
            path,
            is_dir,
            hidden,
        });
    }
    entries.sort_by(|a, b| {
        b.is_dir.cmp(&a.is_dir).then_with(|| natural_cmp(&a.name, &b.name)).then_with(|| a.name.cmp(&b.name))
    });
    Ok(entries)
}

#[cfg(windows)]
fn hidden_attribute(metadata: &std::fs::Metadata) -> bool {
    use std::os::windows::fs::MetadataExt as _;
    const FILE_ATTRIBUTE_HIDDEN: u32 = 0x2;
    metadata.file_attributes() & FILE_ATTRIBUTE_HIDDEN != 0
}

#[cfg(not(windows))]
fn hidden_attribute(_metadata: &std::fs::Metadata) -> bool {
    false
}

/// Why a folder could not be listed or made, in a few words.
pub(super) fn describe_io_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "it does not exist".to_owned(),
        io::ErrorKind::PermissionDenied => "you do not have permission".to_owned(),
        io::ErrorKind::NotADirectory => "it is not a folder".to_owned(),
        io::ErrorKind::AlreadyExists => "something of that name already exists".to_owned(),
        _ => error.to_string(),
    }
}

/// Case-insensitive order in which digit runs compare as numbers: `file2` before `file10`.
fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.is_empty(), b.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        let (a_run, a_digits, a_rest) = split_run(a);
        let (b_run, b_digits, b_rest) = split_run(b);
        let order = if a_digits && b_digits {
            let (a_num, b_num) = (a_run.trim_start_matches('0'), b_run.trim_start_matches('0'));
            a_num.len().cmp(&b_num.len()).then_with(|| a_num.cmp(b_num))
        } else {
            a_run.chars().flat_map(char::to_lowercase).cmp(b_run.chars().flat_map(char::to_lowercase))
        };
        if order != Ordering::Equal {
            return order;
        }
        (a, b) = (a_rest, b_rest);
    }
}

/// The leading run of ASCII digits or of other characters, whether it is digits, and the rest.
fn split_run(text: &str) -> (&str, bool, &str) {
    let digits = text.starts_with(|c: char| c.is_ascii_digit());
    let end = text.find(|c: char| c.is_ascii_digit() != digits).unwrap_or(text.len());
    let (run, rest) = text.split_at(end);
    (run, digits, rest)
}

/// `999 B`, `1.5 kB`, `2.5 GB`: powers of 1000, one decimal.
pub(super) fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// `YYYY-MM-DD HH:MM UTC` (the app has no time zone data); none before 1970.
pub(super) fn format_modified(time: SystemTime) -> Option<String> {
    time.duration_since(UNIX_EPOCH).ok()?;
    let instant = jiff::Timestamp::try_from(time).ok()?;
    Some(instant.strftime("%Y-%m-%d %H:%M UTC").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_is_case_insensitive_and_numeric() {
        let mut names = vec!["file10.ron", "File2.ron", "file1.ron", "b", "A", "a2", "a10", "x007", "x7"];
        names.sort_by(|a, b| natural_cmp(a, b).then_with(|| a.cmp(b)));
        assert_eq!(names, ["A", "a2", "a10", "b", "file1.ron", "File2.ron", "file10.ron", "x007", "x7"]);
    }

    #[test]
    fn filters_match_extensions_case_insensitively() {
        let ron = FileFilter { name: "Project".into(), extensions: vec!["ron".into(), "tar.gz".into()] };
        assert!(ron.matches("a.ron"));
        assert!(ron.matches("A.RON"));
        assert!(ron.matches("b.tar.gz"));
        assert!(!ron.matches("a.ron.bak"));
        assert!(!ron.matches("aron"));
        assert!(!ron.matches("notes.txt"));
        assert_eq!(ron.label(), "Project (*.ron, *.tar.gz)");
        let all = FileFilter { name: "All files".into(), extensions: vec![] };
        assert!(all.matches("anything"));
    }

    #[test]
    fn default_extension_only_when_the_name_has_none() {
        let ron = FileFilter { name: "Project".into(), extensions: vec!["ron".into()] };
        let all = FileFilter { name: "All files".into(), extensions: vec![] };
        assert_eq!(with_default_extension(PathBuf::from("/d/name"), &ron), PathBuf::from("/d/name.ron"));
        assert_eq!(with_default_extension(PathBuf::from("/d/name.txt"), &ron), PathBuf::from("/d/name.txt"));
        assert_eq!(with_default_extension(PathBuf::from("/d/name"), &all), PathBuf::from("/d/name"));
    }

    #[test]
    fn typed_paths_resolve_against_the_folder_and_home() {
        let base = Path::new("/data/projects");
        let home = Path::new("/home/me");
        assert_eq!(resolve_typed_path(base, "a.ron", Some(home)), PathBuf::from("/data/projects/a.ron"));
        assert_eq!(resolve_typed_path(base, "../x", Some(home)), PathBuf::from("/data/x"));
        assert_eq!(resolve_typed_path(base, "./sub/./y", Some(home)), PathBuf::from("/data/projects/sub/y"));
        assert_eq!(resolve_typed_path(base, "/etc", Some(home)), PathBuf::from("/etc"));
        assert_eq!(resolve_typed_path(base, "~", Some(home)), PathBuf::from("/home/me"));
        assert_eq!(resolve_typed_path(base, "~/docs", Some(home)), PathBuf::from("/home/me/docs"));
        assert_eq!(resolve_typed_path(base, "/..", Some(home)), PathBuf::from("/"));
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(999), "999 B");
        assert_eq!(format_size(1500), "1.5 kB");
        assert_eq!(format_size(999_999), "1.0 MB");
        assert_eq!(format_size(2_500_000_000), "2.5 GB");
    }

    #[test]
    fn modification_times_are_minutes_in_utc() {
        let time = UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        assert_eq!(format_modified(time).as_deref(), Some("2023-11-14 22:13 UTC"));
        let before_1970 = UNIX_EPOCH - std::time::Duration::from_secs(60);
        assert_eq!(format_modified(before_1970), None);
    }
}
