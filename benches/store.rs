//! Load and save of a generated project of 1,000 documents (5 KB each) and 100,000
//! claims. Targets on the 2-core reference machine: load under 0.5 s, save under 0.5 s.
//! serde_json on the same data is the yardstick. Then the growth series: load and save
//! of 0.1, 1 and 10 MB of text with 1,000, 10,000 and 100,000 claims, each 10x step at
//! most 12x. `cargo bench --bench store`.

mod common;

use claimmark::generate::{GeneratedSize, generate_project};
use claimmark::model::Project;
use claimmark::store;
use common::{Report, Timing, full_run, measure};
use std::time::Duration;

fn main() {
    let (size, runs) = if full_run() { (GeneratedSize::BENCHMARK, 5) } else { (GeneratedSize::SMOKE, 1) };
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
    drop((project, text, json));
    growth_series(&mut report, dir.path());
    report.finish();
}

/// Load and save at 0.1, 1 and 10 MB of text with 1k, 10k and 100k claims (documents
/// and their length both growing by about √10 a step), with the growth per 10x.
fn growth_series(report: &mut Report, dir: &std::path::Path) {
    let sizes: &[(usize, usize, usize, usize)] = if full_run() {
        &[(10, 10_000, 1_000, 7), (32, 31_250, 10_000, 5), (100, 100_000, 100_000, 5)]
    } else {
        &[(3, 3_000, 100, 1), (10, 10_000, 1_000, 1)]
    };
    let mut previous: Option<(Timing, Timing)> = None;
    for &(documents, text_bytes, claims, runs) in sizes {
        let size = GeneratedSize {
            documents,
            text_bytes,
            claims,
            outlets: (documents / 3).max(2),
            groups: claims / 50,
            sources: claims / 100,
        };
        let project = generate_project(2, size);
        let path = dir.join(format!("growth-{claims}.ron"));
        let save = measure(runs, || store::save(&project, &path).expect("save"));
        let load = measure(runs, || store::load(&path).expect("load"));
        let megabytes = (documents * text_bytes) as f64 / 1e6;
        let thousands = if claims >= 1000 { format!("{}k", claims / 1000) } else { claims.to_string() };
        let label = format!("{megabytes:.1} MB / {thousands} claims");
        let growth = |now: Timing, before: Option<Timing>| {
            before.map_or_else(String::new, |before| {
                let factor = now.fastest.as_secs_f64() / before.fastest.as_secs_f64().max(1e-9);
                format!(" (x{factor:.1} for 10x{})", if factor > 12.0 { " ✘" } else { "" })
            })
        };
        report.row(format!("growth: save {label}{}", growth(save, previous.map(|p| p.0))), save, None);
        report.row(format!("growth: load {label}{}", growth(load, previous.map(|p| p.1))), load, None);
        previous = Some((save, load));
    }
}
