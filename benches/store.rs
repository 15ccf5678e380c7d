//! Load and save of a generated project of 1,000 documents (5 KB each) and 100,000
//! claims. Targets on the 2-core reference machine: load under 0.5 s, save under 0.5 s.
//! serde_json on the same data is the yardstick. `cargo bench --bench store`.

mod common;

use claimmark::generate::{GeneratedSize, generate_project};
use claimmark::model::Project;
use claimmark::store;
use common::{Report, full_run, measure};
use std::time::Duration;

fn main() {
    let (size, runs) = if full_run() {
        (GeneratedSize::BENCHMARK, 5)
    } else {
        (
            GeneratedSize {
                documents: 20,
                text_bytes: 5_000,
                claims: 2_000,
                outlets: 4,
                groups: 20,
                sources: 10,
            },
            1,
        )
    };
    let mut report = Report::new(
        "store",
        "Project files: load and save",
        format!(
            "A generated project (`claimmark::generate`, seed 1) of {} documents of {} KB and {} claims; \
             load = read + parse + integrity check, save = serialize + atomic write with fsync and .bak. \
             serde_json (pretty) on the same data is the yardstick.",
            size.documents,
            size.text_bytes / 1000,
            size.claims
        ),
    );
    let project = generate_project(1, size);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("generated.ron");

    // Issue 11's targets for the 100,000-claim project on the 2-core reference machine.
    let second = Some(Duration::from_millis(500));
    let save = measure(runs, || store::save(&project, &path).expect("save"));
    report.row("save (store::save, RON, atomic)", save, second);
    let bytes = std::fs::metadata(&path).expect("saved").len();
    report.note("file size (RON)", format!("{:.1} MB", bytes as f64 / 1e6));
    let load = measure(runs, || store::load(&path).expect("load"));
    report.row("load (store::load, RON, with integrity check)", load, second);

    let text = std::fs::read_to_string(&path).expect("saved");
    report.row("  of which: serialize to RON text", measure(runs, || store::to_ron_string(&project)), None);
    report.row(
        "  of which: parse RON text",
        measure(runs, || store::parse(&text, &path, false).expect("parse")),
        None,
    );
    report.row("  of which: integrity check", measure(runs, || store::integrity::check(&project)), None);

    let json = serde_json::to_string_pretty(&project).expect("json");
    let json_save = measure(runs, || serde_json::to_string_pretty(&project));
    report.row("yardstick: serde_json::to_string_pretty", json_save, None);
    let json_load = measure(runs, || serde_json::from_str::<Project>(&json).expect("json parse"));
    report.row("yardstick: serde_json::from_str", json_load, None);
    let ratio = |a: common::Timing, b: common::Timing| a.median.as_secs_f64() / b.median.as_secs_f64();
    report.note("load ÷ serde_json::from_str", format!("{:.1}x", ratio(load, json_load)));
    report.note("save ÷ serde_json::to_string_pretty (no file)", format!("{:.1}x", ratio(save, json_save)));
    report.note("file size (JSON, pretty)", format!("{:.1} MB", json.len() as f64 / 1e6));
    report.finish();
}
