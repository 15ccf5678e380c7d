//! Timing and reporting shared by the benchmarks (custom harness: `harness = false`).
//!
//! Under `cargo bench` each benchmark runs at full size and writes its section of
//! BENCHMARKS.md (between `<!-- BEGIN name -->` and `<!-- END name -->`) with the
//! machine and date. Under `cargo test --benches` it runs at a small size as a smoke
//! test and writes nothing.
#![allow(dead_code)] // Each benchmark uses a different part of this module.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Whether we run under `cargo bench` (full size) rather than as a test.
pub fn full_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The bundled sample's texts repeated (each a paragraph of its own) to at least `bytes`.
pub fn sample_text_of(bytes: usize) -> String {
    let project = claimmark::sample::sample_project().expect("the bundled sample loads");
    let mut text = String::with_capacity(bytes + 10_000);
    while text.len() < bytes {
        for document in &project.documents {
            text.push_str(&document.text);
            text.push_str("\n\n");
        }
    }
    text
}

/// Runs `f` `runs` times and returns the median and the fastest duration.
pub fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> Timing {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    Timing { median: times[times.len() / 2], fastest: times[0], runs: times.len() }
}

/// Result of [`measure`].
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// Median of the runs.
    pub median: Duration,
    /// Fastest run.
    pub fastest: Duration,
    /// Number of runs.
    pub runs: usize,
}

impl Timing {
    /// Milliseconds of the median.
    pub fn median_ms(&self) -> f64 {
        self.median.as_secs_f64() * 1000.0
    }
}

/// One table of results, printed and (in a full run) written to BENCHMARKS.md.
pub struct Report {
    name: &'static str,
    title: String,
    intro: String,
    rows: Vec<[String; 4]>,
}

impl Report {
    /// A report for section `name`.
    pub fn new(name: &'static str, title: impl Into<String>, intro: impl Into<String>) -> Report {
        Report { name, title: title.into(), intro: intro.into(), rows: Vec::new() }
    }

    /// Adds a measured row with its target (or "—").
    pub fn row(&mut self, what: impl Into<String>, timing: Timing, target: Option<Duration>) {
        let verdict = match target {
            Some(target) if timing.median <= target => format!("under {} ms ✔", target.as_millis()),
            Some(target) => format!("OVER {} ms ✘", target.as_millis()),
            None => "—".into(),
        };
        let what = what.into();
        let median = format!("{:.1} ms", timing.median_ms());
        let fastest = format!("{:.1} ms (of {})", timing.fastest.as_secs_f64() * 1000.0, timing.runs);
        println!("{what:<56} median {median:>12}  fastest {fastest:>18}  {verdict}");
        self.rows.push([what, median, fastest, verdict]);
    }

    /// Adds a row with a plain value (a size, a count).
    pub fn note(&mut self, what: impl Into<String>, value: impl Into<String>) {
        let (what, value) = (what.into(), value.into());
        println!("{what:<56} {value}");
        self.rows.push([what, value, String::new(), String::new()]);
    }

    /// Prints the table; in a full run also replaces this report's section of BENCHMARKS.md.
    pub fn finish(self) {
        if !full_run() {
            return;
        }
        let mut section = String::new();
        let _ = writeln!(section, "## {}\n", self.title);
        let _ = writeln!(section, "{}\n", self.intro);
        let _ = writeln!(section, "Measured {} on {}.\n", today(), machine());
        let _ = writeln!(section, "| what | median | fastest | target |\n|---|---|---|---|");
        for [what, median, fastest, verdict] in &self.rows {
            let _ = writeln!(section, "| {what} | {median} | {fastest} | {verdict} |");
        }
        write_section(self.name, &section);
    }
}

/// Replaces the section `name` of BENCHMARKS.md (between its `BEGIN` and `END` markers)
/// with `section`, or appends it; the heading, intro and table are the caller's.
pub fn write_section(name: &str, section: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            "# Benchmarks\n\nWritten by `cargo bench` (release build); each section by its benchmark in `benches/`.\n".into()
        });
    let begin = format!("<!-- BEGIN {name} -->");
    let end = format!("<!-- END {name} -->");
    let block = format!("{begin}\n{section}{end}");
    let new = match (old.find(&begin), old.find(&end)) {
        (Some(b), Some(e)) if b < e => format!("{}{block}{}", &old[..b], &old[e + end.len()..]),
        _ => format!("{}\n{block}\n", old.trim_end()),
    };
    std::fs::write(&path, new).expect("BENCHMARKS.md is writable");
    println!("wrote section \"{name}\" of {}", path.display());
}

/// Today's date, UTC.
pub fn today() -> String {
    claimmark::model::Timestamp::now().as_str()[..10].to_owned()
}

/// CPU model, core count, memory and OS, as far as /proc and /etc tell.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or_else(String::new, |kb| format!(", {} GiB RAM", kb / 1024 / 1024));
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|o| {
            o.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=").map(|v| v.trim_matches('"').to_owned()))
        })
        .unwrap_or_default();
    format!("{model}, {cores} cores{memory}, {os}")
}
