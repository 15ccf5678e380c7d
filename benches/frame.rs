//! CPU time of one frame of the real app (egui pass + tessellation, no GPU), with the
//! sample project's longest text on screen and with a generated 1 MB text holding
//! 10,000 claims; and of the frame right after a claim is added. Targets on the 2-core
//! reference machine: under 4 ms (sample), under 8 ms (1 MB) when nothing changes, under
//! 16 ms for the frame after adding a claim. `cargo bench --bench frame`.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::generate::{GeneratedSize, generate_project};
use claimmark::model::LabelId;
use claimmark::ui::StartOptions;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use claimmark::ui::session::Settings;
use common::{Report, Timing, full_run};
use eframe::App as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Driver {
    ctx: egui::Context,
    app: ClaimmarkApp,
    frame: eframe::Frame,
    time: f64,
}

impl Driver {
    fn new(file: Option<PathBuf>) -> Driver {
        let ctx = egui::Context::default();
        claimmark::ui::fonts::install(&ctx);
        let options = StartOptions {
            file,
            native_dialogs: false,
            data_dir: Some(std::env::temp_dir().join(format!("claimmark-test-data-{}", std::process::id()))),
        };
        let app = ClaimmarkApp::with_settings(&ctx, options, Settings::default());
        Driver { ctx, app, frame: eframe::Frame::_new_kittest(), time: 0.0 }
    }

    /// One frame: the egui pass and tessellation, as eframe does before painting.
    fn frame(&mut self) -> Duration {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0))),
            time: Some(self.time),
            ..Default::default()
        };
        let start = Instant::now();
        let (app, frame) = (&mut self.app, &mut self.frame);
        let output = self.ctx.run_ui(input, |ui| app.ui(ui, frame));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        start.elapsed()
    }

    fn frames(&mut self, count: usize) -> Timing {
        let mut times: Vec<Duration> = (0..count).map(|_| self.frame()).collect();
        times.sort();
        Timing { median: times[times.len() / 2], fastest: times[0], runs: times.len() }
    }

    fn show_longest_document(&mut self) -> usize {
        let project = &self.app.project();
        let longest = project.documents.iter().max_by_key(|d| d.text.chars().count()).map(|d| d.id.clone());
        let chars = project.documents.iter().map(|d| d.text.chars().count()).max().unwrap_or(0);
        if let Some(longest) = longest {
            let ctx = self.ctx.clone();
            self.app.apply_now(&ctx, AppCommand::SelectDocument(longest));
        }
        chars
    }
}

fn main() {
    let (frames, text_bytes, claims) = if full_run() { (300, 1_000_000, 10_000) } else { (5, 50_000, 500) };
    let mut report = Report::new(
        "frame",
        "Reader: CPU time of one frame",
        "The real app driven without a window (egui pass + tessellation, no GPU) at 1400×900; \
         median over many frames after the first layout. \"After adding a claim\" is the frame \
         right after a claim is marked in the visible text.",
    );

    // The sample project, longest text on screen.
    let mut sample = Driver::new(None);
    let chars = sample.show_longest_document();
    sample.frames(3);
    let steady = sample.frames(frames);
    report.row(
        format!("sample project, longest text ({chars} chars), nothing changes"),
        steady,
        Some(Duration::from_millis(4)),
    );

    // A generated 1 MB text with 10,000 claims, scrolled to the middle.
    let size = GeneratedSize { documents: 1, text_bytes, claims, outlets: 1, groups: 10, sources: 5 };
    let project = generate_project(3, size);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.ron");
    claimmark::store::save(&project, &path).expect("save");
    let mut big = Driver::new(Some(path));
    let chars = big.show_longest_document();
    let first = Instant::now();
    big.frame();
    let first = first.elapsed();
    report.note(
        "1 MB text: first frame (lays out the visible paragraphs)",
        format!("{:.1} ms", first.as_secs_f64() * 1e3),
    );
    let ctx = big.ctx.clone();
    big.app.apply_now(&ctx, AppCommand::SelectText(CharSpan::new(chars / 2, chars / 2)));
    big.frames(3);
    let steady = big.frames(frames);
    report.row(
        format!("generated text ({chars} chars, {claims} claims), nothing changes"),
        steady,
        Some(Duration::from_millis(8)),
    );

    // The frame after adding a claim, in the visible part of the 1 MB text.
    let mut after_add = Vec::new();
    for i in 0..frames.min(100) {
        let start = chars / 2 + 40 * i;
        let span = CharSpan::new(start, start + 12);
        let ctx = big.ctx.clone();
        big.app.apply_now(&ctx, AppCommand::Mark { span, kind: LabelId::new("statistic") });
        after_add.push(big.frame());
        big.frame();
    }
    after_add.sort();
    let timing =
        Timing { median: after_add[after_add.len() / 2], fastest: after_add[0], runs: after_add.len() };
    report.row("generated text: the frame after adding a claim", timing, Some(Duration::from_millis(16)));
    let slowest = after_add[after_add.len() - 1];
    report.note("  slowest of those frames", format!("{:.1} ms", slowest.as_secs_f64() * 1e3));
    report.finish();
}
