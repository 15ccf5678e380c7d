//! Helpers shared by the integration tests: corpus texts and small projects.
#![allow(dead_code)] // Each test binary uses a different part of this module.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

pub mod html;

use claimmark::anchor::{CharSpan, QuoteSelector};
use claimmark::model::{
    Attribution, Claim, ClaimId, Document, DocumentId, LabelId, Outlet, OutletId, Project, Taxonomy,
    Timestamp,
};
#[cfg(feature = "gui")]
use claimmark::ui::StartOptions;
#[cfg(feature = "gui")]
use claimmark::ui::app::ClaimmarkApp;
#[cfg(feature = "gui")]
use egui_kittest::Harness;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

/// The shared corpus folder, `../shared/corpus`, which every checkout (and CI) has beside
/// it. Missing, the tests fail here rather than compare the sample with itself.
pub fn corpus_dir() -> PathBuf {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        shared.is_dir(),
        "{} is missing: the tests read the real corpus texts from ../shared/corpus beside the checkout",
        shared.display()
    );
    shared
}

/// A corpus text by file name.
pub fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(name)).unwrap()
}

/// The char offset of the first occurrence of `needle`, counted independently of the
/// library: a char starts at every byte that is not a UTF-8 continuation byte.
pub fn char_offset_of(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    text.as_bytes()[..byte].iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// A claim on `needle`'s first occurrence in `text`.
pub fn claim_on(id: &str, document: &str, text: &str, needle: &str) -> Claim {
    let start = char_offset_of(text, needle);
    let span = CharSpan::new(start, start + needle.chars().count());
    Claim {
        claimant: "Maria Sultan".into(),
        attribution: Attribution::Attributed,
        frames: vec![LabelId::new("security-defense")],
        ..Claim::new(
            ClaimId::new(id),
            DocumentId::new(document),
            span,
            QuoteSelector::capture(text, span).unwrap(),
            LabelId::new("statistic"),
            LabelId::new("unverified"),
            Timestamp::from_unix(1_763_900_000),
        )
    }
}

/// A document with the given text.
pub fn document(id: &str, text: &str, outlet: Option<&str>) -> Document {
    Document {
        id: DocumentId::new(id),
        title: format!("Title of {id}"),
        outlet: outlet.map(OutletId::new),
        genre: Some(LabelId::new("news-report")),
        url: Some("https://example.org/a".into()),
        published: Some("2025-12-17".into()),
        author: None,
        captured: None,
        notes: String::new(),
        passages: Vec::new(),
        text: Arc::from(text),
    }
}

/// A small sound project: one outlet, the Sputnik text, one claim.
pub fn small_project() -> Project {
    let text = corpus_text("sputnik-2025-12-17-eurasian-forum.txt");
    let mut project = Project::new("small", Taxonomy::builtin());
    project.outlets.push(Outlet {
        id: OutletId::new("outlet-1"),
        name: "Sputnik International".into(),
        domain: Some("sputnikglobe.com".into()),
        country: Some("Russia".into()),
        affiliation: LabelId::new("state-media"),
        owner: Some("MIA \"Rossiya Segodnya\"".into()),
        notes: String::new(),
    });
    project.documents.push(document("sputnik", &text, Some("outlet-1")));
    project.claims.push(claim_on("claim-1", "sputnik", &text, "between 3,000 to 5,000 ISIS-K* fighters"));
    project
}

#[cfg(feature = "gui")]
/// The app on `file` (the sample project when `None`) in a headless 1400×900 harness,
/// with no system file dialogs and `data_dir` for autosaved work without a file;
/// `step_dt` is the time one frame takes (1/60 s where a test waits for real time).
pub fn open_app_with(file: Option<&Path>, step_dt: f32, data_dir: PathBuf) -> Harness<'static, ClaimmarkApp> {
    let file = file.map(Path::to_owned);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // A view full of widgets new to egui (another document, a window opening) takes a
        // few frames to settle: each new widget asks for one more frame to style itself.
        // `run` still fails when the app never settles.
        .with_max_steps(12)
        .with_step_dt(step_dt)
        .build_eframe(move |cc| {
            ClaimmarkApp::new(cc, StartOptions { file, native_dialogs: false, data_dir: Some(data_dir) })
        });
    harness.run();
    harness
}

/// A data folder of this test process, for [`open_app_with`].
pub fn test_data_dir() -> PathBuf {
    std::env::temp_dir().join(format!("claimmark-test-data-{}", std::process::id()))
}

#[cfg(feature = "gui")]
/// The app on the project at `path`, frames of kittest's default length.
pub fn open_app(path: &Path) -> Harness<'static, ClaimmarkApp> {
    open_app_with(Some(path), 0.25, test_data_dir())
}

#[cfg(feature = "gui")]
/// Sets the recent files of the app's settings, as a past session would have left them.
pub fn set_recent_files(harness: &mut Harness<'static, ClaimmarkApp>, files: Vec<PathBuf>) {
    let settings =
        claimmark::ui::session::Settings { recent_files: files, ..harness.state().settings().clone() };
    harness.state_mut().send(claimmark::ui::command::AppCommand::ChangeSettings(settings));
    harness.run();
}

/// Runs the real `claimmark` binary with `args` in `dir`, without a display (a run that
/// would open the app says so and ends instead).
pub fn claimmark(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .current_dir(dir)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

/// The copy of unsaved work the app wrote beside a project in `dir` (`NAME.unsaved-…`)
/// when it reloaded a file changed behind its back.
pub fn unsaved_copy(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().contains(".unsaved-"))
        .expect("a copy of the unsaved work")
}

/// What a run printed: its standard output, then its standard error.
pub fn printed(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}
