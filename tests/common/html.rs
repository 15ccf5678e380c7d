//! Checks of HTML reports: what would load from elsewhere, and the page as headless
//! Chromium parses it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Tags that load something, with the attributes through which they load it.
const LOADING_TAGS: &[&str] = &[
    "script", "link", "img", "iframe", "frame", "source", "object", "embed", "video", "audio", "track",
    "image", "use", "input",
];
const LOADING_ATTRIBUTES: &[&str] = &["src", "href", "xlink:href", "data", "srcset", "poster", "action"];

/// Everything in `html` that would load from another host: `src`/`href`... of loading
/// tags and CSS `url(...)`/`@import` pointing at http(s) or `//`.
pub fn external_loads(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let external = |value: &str| {
        let value = value.trim_start_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
        value.starts_with("http:") || value.starts_with("https:") || value.starts_with("//")
    };
    let mut found = Vec::new();
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if LOADING_TAGS.contains(&name.as_str()) {
            for attribute in LOADING_ATTRIBUTES {
                for (at, _) in tag.match_indices(&format!("{attribute}=")) {
                    let preceded_by_space = tag[..at].ends_with(|c: char| c.is_whitespace());
                    if preceded_by_space && external(&tag[at + attribute.len() + 1..]) {
                        found.push(format!("<{tag}>"));
                    }
                }
            }
        }
        rest = &after[end..];
    }
    for pattern in ["url(", "@import"] {
        for (at, _) in lower.match_indices(pattern) {
            if external(&lower[at + pattern.len()..]) {
                found.push(lower[at..(at + 60).min(lower.len())].to_owned());
            }
        }
    }
    found
}

/// The Chromium binary, or a failure that says how to get it.
pub fn chromium() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "chromium is not installed, and the HTML report test needs it: run the tests with scripts/test.sh, \
         which installs it (apt-get install chromium) before `cargo test`"
    );
}

/// `chromium --headless --dump-dom` of a file: the DOM after parsing, as HTML.
pub fn dump_dom(file: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", file.display());
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.path().display()),
            "--dump-dom",
            &url,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
        text
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium exited with {status}");
            break;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// The text of serialized HTML: tags dropped, entities decoded.
pub fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => in_tag = false,
            (false, c) => text.push(c),
            (true, _) => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}
