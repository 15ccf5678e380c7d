//! The bundled sample project (`sample_projects/pakistan-russia.ron`), compiled into the
//! binary so that the app opens on real work on a fresh machine.

use crate::model::Project;
use crate::store::{self, LoadError};
use std::path::Path;

/// The sample project's file name, used in messages and as the default "Save As" name.
pub const SAMPLE_FILE_NAME: &str = "pakistan-russia.ron";

/// The sample project's RON text.
pub const SAMPLE_PROJECT_RON: &str = include_str!("../sample_projects/pakistan-russia.ron");

/// The sample project, parsed and checked.
pub fn sample_project() -> Result<Project, LoadError> {
    store::parse(SAMPLE_PROJECT_RON, Path::new(SAMPLE_FILE_NAME), true)
}
