//! stub (temporary shim with the agreed API so the rest of the app compiles; the real
//! dialog replaces this whole file)
#![allow(missing_docs)]
use std::path::PathBuf;
pub enum FileDialogMode {
    Open,
    OpenMany,
    Save,
}
pub enum FileDialogResult {
    Pending,
    Cancelled,
    Picked(Vec<PathBuf>),
}
pub struct FileDialog;
impl FileDialog {
    pub fn new(
        _m: FileDialogMode,
        _t: impl Into<String>,
        _d: PathBuf,
        _f: Vec<(String, Vec<String>)>,
    ) -> Self {
        FileDialog
    }
    pub fn with_file_name(self, _n: impl Into<String>) -> Self {
        self
    }
    pub fn show(&mut self, _c: &egui::Context) -> FileDialogResult {
        FileDialogResult::Cancelled
    }
}
