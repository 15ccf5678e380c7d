//! Exporting the generated project of 1,000 documents and 100,000 claims to jsonl and
//! csv. Target on the 2-core reference machine: under 1 s each. `cargo bench --bench export`.

mod common;

use claimmark::generate::{GeneratedSize, generate_project};
use claimmark::interop::{self, ExportOptions, Format};
use common::{Report, full_run, measure};
use std::time::Duration;

fn main() {
    let (size, runs) = if full_run() { (GeneratedSize::BENCHMARK, 5) } else { (GeneratedSize::SMOKE, 1) };
    let mut report = Report::new(
        "export",
        "Exports: jsonl and csv",
        format!(
            "The generated project (seed 1) of {} documents and {} claims exported to a file \
             (serialize + atomic write), all claims, labels by kind, texts included.",
            size.documents, size.claims
        ),
    );
    let project = generate_project(1, size);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let options = ExportOptions { with_text: true, ..ExportOptions::default() };
    for format in [Format::Jsonl, Format::Csv] {
        let out = dir.path().join(format!("out.{}", format.extension()));
        let timing = measure(runs, || {
            interop::export_to_path(&project, format, &options, None, &out, None).expect("export")
        });
        report.row(
            format!("export {} ({} claims)", format.id(), size.claims),
            timing,
            Some(Duration::from_secs(1)),
        );
        let bytes = std::fs::metadata(&out).map_or(0, |m| m.len());
        report.note(format!("  {} file size", format.id()), format!("{:.1} MB", bytes as f64 / 1e6));
    }
    report.finish();
}
