//! The project file format: byte-identical round trips, every kind of bad input refused
//! with a message naming file, line and column while the file stays untouched, atomic
//! saves that keep a backup and fail cleanly.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report; helpers outside #[test] need this too.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::model::{
    DocumentId, FORMAT_VERSION, LabelId, Origin, Project, Rejection, SourceId, SourceLink,
};
use claimmark::sample::{SAMPLE_PROJECT_RON, sample_project};
use claimmark::store::{self, LoadError, LoadOptions};
use common::{char_offset_of, claim_on, corpus_text, small_project};
use std::fs;
use std::path::{Path, PathBuf};

fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Loads `bytes` from a file and returns the error; checks the file is unchanged.
fn load_error(bytes: &[u8]) -> (LoadError, PathBuf) {
    load_error_with(bytes, LoadOptions::default())
}

fn load_error_with(bytes: &[u8], options: LoadOptions) -> (LoadError, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "bad.ron", bytes);
    let error = store::load_with(&path, options).expect_err("the load must fail");
    assert_eq!(fs::read(&path).unwrap(), bytes, "a failed load must not touch the file");
    let entries: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "a load must not create files");
    (error, path)
}

fn sound_text() -> String {
    store::to_ron_string(&small_project()).unwrap()
}

fn assert_names_position(error: &LoadError, path: &Path, line: usize) {
    let message = error.to_string();
    let expected = format!("{}:{line}:", path.display());
    assert!(message.starts_with(&expected), "expected {expected}… in: {message}");
}

#[test]
fn sample_round_trip_is_byte_identical() {
    let project = sample_project().expect("the sample project loads");
    assert_eq!(store::to_ron_string(&project).unwrap(), SAMPLE_PROJECT_RON);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.ron");
    store::save(&project, &path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), SAMPLE_PROJECT_RON);
    assert_eq!(store::load(&path).unwrap(), project);
}

#[test]
fn saving_twice_gives_the_same_bytes_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut project = small_project();
    store::save(&project, &path).unwrap();
    let first = fs::read(&path).unwrap();
    assert!(!store::backup_path(&path).exists(), "no backup without a previous version");
    project.name = "renamed".into();
    store::save(&project, &path).unwrap();
    assert_eq!(fs::read(store::backup_path(&path)).unwrap(), first, ".bak holds the previous version");
    assert_eq!(store::load(&path).unwrap().name, "renamed");
    let names: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.len(), 2, "only the file and its backup remain: {names:?}");
}

#[test]
fn truncated_files_are_called_truncated_wherever_they_are_cut() {
    let text = sound_text();
    // Cut in the middle of a string, a field name, a number, between records, at the end.
    for fraction in [0.03, 0.1, 0.37, 0.5, 0.77, 0.93, 0.99] {
        let mut cut = (text.len() as f64 * fraction) as usize;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let (error, path) = load_error(&text.as_bytes()[..cut]);
        assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("truncated") && message.contains("bad.ron.bak"), "cut at {cut}: {message}");
        assert!(message.starts_with(&format!("{}:", path.display())));
    }
    // An error in the middle of a whole file is not called truncation.
    let broken = text.replacen("    name: \"small\",", "    name: \"small\" oops,", 1);
    let (error, _) = load_error(broken.as_bytes());
    assert!(!error.to_string().contains("truncated"), "{error}");
}

#[test]
fn wrong_type_is_refused_with_line_and_column() {
    let text = sound_text().replacen("format: 5,\n    name: \"small\"", "format: 5,\n    name: 17", 1);
    let (error, path) = load_error(text.as_bytes());
    assert!(matches!(error, LoadError::Syntax { line: 4, .. }), "{error:?}");
    assert_names_position(&error, &path, 4);
    assert!(error.to_string().contains("string"), "says what was expected: {error}");
}

#[test]
fn unknown_field_is_refused() {
    let text = sound_text().replacen("    name: \"small\",", "    name: \"small\",\n    colour: \"red\",", 1);
    let (error, path) = load_error(text.as_bytes());
    assert_names_position(&error, &path, 5);
    assert!(error.to_string().contains("colour"), "{error}");
}

#[test]
fn non_utf8_bytes_are_refused_with_position() {
    let mut bytes = sound_text().into_bytes();
    let at = bytes.windows(5).position(|w| w == b"name:").unwrap(); // on line 4
    bytes[at] = 0xff;
    let (error, path) = load_error(&bytes);
    assert!(matches!(error, LoadError::NotUtf8 { line: 4, column: 5, .. }), "{error:?}");
    assert_names_position(&error, &path, 4);
}

#[test]
fn empty_files_are_refused() {
    for bytes in [&b""[..], b"  \n\t\n"] {
        let (error, _) = load_error(bytes);
        assert!(matches!(error, LoadError::Empty { .. }), "{error:?}");
        assert!(error.to_string().contains("empty"));
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    // Values the reader skips (here: while looking for a `format` field that is not
    // first) are where nesting could recurse without bound.
    let depth = 100_000;
    let text = format!("(name: {}{}, format: 1)", "[".repeat(depth), "]".repeat(depth));
    let (error, _) = load_error(text.as_bytes());
    assert!(matches!(error, LoadError::Syntax { line: 1, .. }), "{error:?}");
    assert!(error.to_string().contains("nested"), "{error}");
    let text = format!("(name: {}{}, format: 1)", "(".repeat(depth), ")".repeat(depth));
    let (error, _) = load_error(text.as_bytes());
    assert!(error.to_string().contains("nested"), "{error}");
}

#[test]
fn oversized_file_is_refused_before_reading() {
    let text = sound_text();
    let options = LoadOptions { max_bytes: 1000, ..LoadOptions::default() };
    let (error, _) = load_error_with(text.as_bytes(), options);
    assert!(matches!(error, LoadError::TooLarge { limit: 1000, .. }), "{error:?}");
    assert!(error.to_string().contains("over the limit"));
}

#[test]
fn newer_version_is_refused_naming_both_versions() {
    let newer = FORMAT_VERSION + 1;
    let text = sound_text().replacen(&format!("format: {FORMAT_VERSION},"), &format!("format: {newer},"), 1);
    // A newer file may have fields this build does not know: the version decides first.
    let text = text.replacen("    name: \"small\",", "    name: \"small\",\n    future_field: 3,", 1);
    let (error, _) = load_error(text.as_bytes());
    let message = error.to_string();
    assert!(matches!(error, LoadError::NewerVersion { .. }), "{error:?}");
    assert!(
        message.contains(&format!("version {newer}")) && message.contains(&format!("up to {FORMAT_VERSION}"))
    );
}

#[test]
fn version_zero_and_missing_version_are_refused() {
    let text = sound_text().replacen("format: 5,", "format: 0,", 1);
    let (error, path) = load_error(text.as_bytes());
    assert!(matches!(error, LoadError::UnknownVersion { line: 3, .. }), "{error:?}");
    assert_names_position(&error, &path, 3);
    let (error, _) = load_error(b"(name: \"x\")");
    assert!(error.to_string().contains("no `format` field"), "{error}");
}

#[test]
fn integrity_problems_name_the_claim_and_its_line() {
    let mut project = small_project();
    let text = project.documents[0].text.clone();
    let mut claim = claim_on("claim-2", "sputnik", &text, "$100 million a day for two decades");
    claim.document = DocumentId::new("missing-doc");
    project.claims.push(claim);
    let mut claim = claim_on("claim-3", "sputnik", &text, "Maria Sultan");
    claim.span = CharSpan::new(text.chars().count() - 2, text.chars().count() + 5);
    project.claims.push(claim);
    let mut claim = claim_on("claim-4", "sputnik", &text, "Moscow");
    claim.quote.exact = "Madrid".into();
    claim.sources.push(SourceLink { source: SourceId::new("source-9"), relation: LabelId::new("cited") });
    project.claims.push(claim);
    project.documents[0].outlet = Some("outlet-404".into());
    let saved = store::to_ron_string(&project).unwrap();
    let (error, path) = load_error(saved.as_bytes());
    let LoadError::Integrity { problems, .. } = &error else { panic!("{error:?}") };
    let lines = error.lines();
    assert_eq!(lines.len(), 5, "{lines:#?}");
    let line_of = |needle: &str| saved.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let expect = |subject: &str, fragment: &str, line: usize| {
        let found = lines.iter().find(|l| l.contains(subject) && l.contains(fragment));
        let found = found.unwrap_or_else(|| panic!("no line with {subject} / {fragment}: {lines:#?}"));
        assert!(found.starts_with(&format!("{}:{line}:", path.display())), "{found}");
    };
    expect("document sputnik", "outlet \"outlet-404\" does not exist", line_of("id: \"sputnik\""));
    expect("claim claim-2", "document \"missing-doc\" does not exist", line_of("id: \"claim-2\""));
    expect("claim claim-3", "runs past the end", line_of("id: \"claim-3\""));
    expect("claim claim-4", "\"Madrid\"", line_of("id: \"claim-4\""));
    expect("claim claim-4", "source \"source-9\" does not exist", line_of("id: \"claim-4\""));
    assert!(problems.iter().all(|p| p.position.is_some()));
}

#[test]
fn changed_text_is_caught_by_the_quote() {
    let mut project = small_project();
    let edited = project.documents[0].text.replacen("Dr. Roxolana", "Dr.  Roxolana", 1);
    project.documents[0].text = edited.into();
    let saved = store::to_ron_string(&project).unwrap();
    let (error, _) = load_error(saved.as_bytes());
    assert!(error.to_string().contains("the document text changed"), "{error}");
}

#[test]
fn unchecked_load_still_reads_a_project_with_problems() {
    let mut project = small_project();
    project.claims[0].document = DocumentId::new("gone");
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "p.ron", store::to_ron_string(&project).unwrap().as_bytes());
    assert!(store::load(&path).is_err());
    let options = LoadOptions { check_integrity: false, ..LoadOptions::default() };
    assert_eq!(store::load_with(&path, options).unwrap(), project);
}

#[test]
fn missing_file_and_folder_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let error = store::load(&dir.path().join("nope.ron")).unwrap_err();
    assert!(matches!(error, LoadError::NotFound { .. }) && error.to_string().contains("nope.ron"));
    let error = store::load(dir.path()).unwrap_err();
    assert!(error.to_string().contains("folder"), "{error}");
}

#[test]
fn hand_written_file_with_comments_and_struct_name_loads() {
    let text = sound_text().replacen(
        "(\n    format: 5,",
        "/* edited by hand */ Project(\n    format: 5, // version",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "p.ron", text.as_bytes());
    assert_eq!(store::load(&path).unwrap(), small_project());
}

#[test]
fn save_into_missing_folder_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder/p.ron");
    let error = store::save(&small_project(), &path).unwrap_err();
    assert!(error.to_string().contains("untouched"), "{error}");
    assert!(!dir.path().join("no-such-folder").exists());
}

#[test]
fn save_over_read_only_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&small_project(), &path).unwrap();
    let before = fs::read(&path).unwrap();
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    let mut project = small_project();
    project.name = "changed".into();
    let error = store::save(&project, &path).unwrap_err();
    assert!(error.to_string().contains("read-only"), "{error}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn save_follows_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    store::save(&small_project(), &real).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut project = small_project();
    project.name = "through the link".into();
    store::save(&project, &link).unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    assert_eq!(store::load(&real).unwrap().name, "through the link");
}

#[test]
fn persian_verse_and_curly_quotes_slice_the_right_text() {
    let afgazad = corpus_text("afgazad-2024-07-14-sco-summit.txt");
    let arabnews = corpus_text("arabnews-oped-2020-regional-peace.txt");
    let mut project = Project::new("scripts", claimmark::model::Taxonomy::builtin());
    project.documents.push(common::document("afgazad", &afgazad, None));
    project.documents.push(common::document("arabnews", &arabnews, None));
    let cases = [
        ("afgazad", &afgazad, "چو کشور نباشد تن من مباد"),
        ("afgazad", &afgazad, "کشور به دشمن"),
        (
            "afgazad",
            &afgazad,
            "“Insulting the Prophet (PBUH) does not count as an expression of artistic freedom”",
        ),
        ("arabnews", &arabnews, "Moscow’s support is vital"),
        (
            "arabnews",
            &arabnews,
            "“supported the launch of direct talks between the Afghan government and the Taliban movement while preventing Daesh from recruiting Taliban members.”",
        ),
    ];
    let mut expected = Vec::new();
    for (i, (document, text, needle)) in cases.iter().enumerate() {
        let needle = if text.contains(needle) { *needle } else { &needle[..needle.rfind('”').unwrap()] };
        let claim = claim_on(&format!("claim-{}", i + 1), document, text, needle);
        // Offsets computed without the library: bytes that start a char.
        assert_eq!(claim.span.start, char_offset_of(text, needle));
        expected.push((claim.id.clone(), needle.to_owned()));
        project.claims.push(claim);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scripts.ron");
    store::save(&project, &path).unwrap();
    let loaded = store::load(&path).unwrap();
    for (id, needle) in expected {
        let claim = loaded.claim(&id).unwrap();
        let text = &loaded.document(&claim.document).unwrap().text;
        assert_eq!(claim.span.slice(text), Some(needle.as_str()), "{id}");
        assert_eq!(claim.quote.exact, needle);
    }
}

#[test]
fn sample_texts_are_the_corpus_verbatim() {
    let project = sample_project().unwrap();
    assert_eq!(project.documents.len(), 5);
    for document in &project.documents {
        let file = common::corpus_dir().join(format!("{}.txt", document.id));
        assert_eq!(
            &*document.text,
            fs::read_to_string(&file).unwrap(),
            "{} differs from {}",
            document.id,
            file.display()
        );
    }
}

#[test]
fn every_sample_claim_slices_its_quote() {
    let project = sample_project().unwrap();
    assert!(project.claims.len() >= 40);
    for claim in &project.claims {
        let text = &project.document(&claim.document).unwrap().text;
        assert_eq!(claim.span.slice(text), Some(claim.quote.exact.as_str()), "{}", claim.id);
        let exact = &claim.quote.exact;
        assert_eq!(exact.trim(), exact, "{}: spans are trimmed", claim.id);
    }
}

/// The bundled sample as it was in format 1 (before issue 12), kept as it was.
const FORMAT_1_SAMPLE: &str = include_str!("data/pakistan-russia.format1.ron");

#[test]
fn a_format_1_file_loads_and_saves_as_the_current_format_with_every_claim() {
    assert!(FORMAT_1_SAMPLE.contains("\n    format: 1,\n"));
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "old.ron", FORMAT_1_SAMPLE.as_bytes());
    let project = store::load(&path).unwrap();
    assert_eq!(project.format, FORMAT_VERSION);
    assert_eq!(FORMAT_VERSION, 5);
    assert!(project.conflicts.is_empty() && project.rejections.is_empty());
    assert!(project.claims.iter().all(|c| c.modified_by.is_none() && !c.adjudicated && c.origin.is_marked()));
    // Loading never writes.
    assert_eq!(fs::read_to_string(&path).unwrap(), FORMAT_1_SAMPLE);
    store::save(&project, &path).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\n    format: 5,\n") && saved.contains("\n    conflicts: [],\n"), "{saved:.300}");
    assert!(saved.contains("\n            adjudicated: false,\n"), "{saved:.300}");
    // Claims marked by hand and a project with no rejections write neither field.
    assert!(!saved.contains("origin:") && !saved.contains("rejections:"), "{saved:.300}");
    let again = store::load(&path).unwrap();
    assert_eq!(again, project);
    // Every claim as it was. The bundled sample (now format 5) holds the same claims, in
    // the same order, with the full marking pass of issue 14 on top: claims added after
    // them, and a few of them revised (a span, kind, claimant or note), each of those
    // stamped with who changed it and when; every other claim is unchanged. Its documents
    // are the same but for the quoted passages marked in format 5 (issue 15) and the
    // sentence on them that two documents' notes gained.
    let sample = sample_project().unwrap();
    assert_eq!(again.documents.len(), sample.documents.len());
    for (old, now) in again.documents.iter().zip(&sample.documents) {
        let now =
            claimmark::model::Document { passages: Vec::new(), notes: old.notes.clone(), ..now.clone() };
        assert_eq!(old, &now);
    }
    let notes_changed: Vec<&str> = again
        .documents
        .iter()
        .zip(&sample.documents)
        .filter(|(old, now)| old.notes != now.notes)
        .map(|(_, now)| now.id.as_str())
        .collect();
    assert_eq!(notes_changed, ["afgazad-2024-07-14-sco-summit", "defencepk-forum-2013-strategic-dialogue"]);
    assert_eq!(again.taxonomy, sample.taxonomy);
    assert_eq!(again.claims.len(), 56);
    assert!(sample.claims.len() > again.claims.len());
    let mut revised = Vec::new();
    for (old, now) in again.claims.iter().zip(&sample.claims) {
        assert_eq!(now.id, old.id, "the old claims come first, in their order");
        if now.modified == old.modified {
            assert_eq!(now, old);
        } else {
            assert_eq!(
                (&now.document, &now.created, &now.reviewer),
                (&old.document, &old.created, &old.reviewer)
            );
            assert!(now.modified_by.is_some() && now.modified > old.modified, "{}", now.id);
            revised.push(now.id.as_str());
        }
    }
    let revised_in_the_pass = [
        "claim-1", "claim-2", "claim-3", "claim-10", "claim-20", "claim-21", "claim-24", "claim-42",
        "claim-44", "claim-46",
    ];
    assert_eq!(revised, revised_in_the_pass);
    // The step itself, as the generic migration runs it, sets the version.
    let mut value: ron::Value = ron::from_str(FORMAT_1_SAMPLE).unwrap();
    store::migrate::migrate(&mut value, 1).unwrap();
    let ron::Value::Map(map) = value else { panic!("not a map") };
    assert_eq!(
        map.get(&ron::Value::String("format".into())),
        Some(&ron::Value::Number(FORMAT_VERSION.into()))
    );
    assert!(store::migrate::reads_as_current(1));
}

#[test]
fn a_format_2_file_loads_with_no_claim_adjudicated_and_a_format_3_one_keeps_them() {
    let format_2 = FORMAT_1_SAMPLE.replacen("\n    format: 1,\n", "\n    format: 2,\n", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "two.ron", format_2.as_bytes());
    let project = store::load(&path).unwrap();
    assert_eq!(project.format, FORMAT_VERSION);
    assert!(project.claims.iter().all(|c| !c.adjudicated));
    assert!(store::migrate::reads_as_current(2));
    let mut value: ron::Value = ron::from_str(&format_2).unwrap();
    store::migrate::migrate(&mut value, 2).unwrap();
    let ron::Value::Map(map) = value else { panic!("not a map") };
    assert_eq!(
        map.get(&ron::Value::String("format".into())),
        Some(&ron::Value::Number(FORMAT_VERSION.into()))
    );
    // A settled claim is saved as such and read back.
    let mut settled = project.clone();
    settled.claims[0].adjudicated = true;
    store::save(&settled, &path).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("adjudicated: true,"));
    assert_eq!(store::load(&path).unwrap(), settled);
}

#[test]
fn a_format_3_file_loads_with_claims_marked_by_hand_and_a_format_4_one_keeps_suggestions_and_rejections() {
    let format_3 = FORMAT_1_SAMPLE.replacen("\n    format: 1,\n", "\n    format: 3,\n", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(&dir, "three.ron", format_3.as_bytes());
    let project = store::load(&path).unwrap();
    assert_eq!(project.format, FORMAT_VERSION);
    assert!(project.claims.iter().all(|c| c.origin == Origin::Marked) && project.rejections.is_empty());
    assert!(store::migrate::reads_as_current(3));
    let mut value: ron::Value = ron::from_str(&format_3).unwrap();
    store::migrate::migrate(&mut value, 3).unwrap();
    let ron::Value::Map(map) = value else { panic!("not a map") };
    assert_eq!(
        map.get(&ron::Value::String("format".into())),
        Some(&ron::Value::Number(FORMAT_VERSION.into()))
    );
    // An accepted suggestion and a rejected one are saved and read back.
    let mut decided = project.clone();
    decided.claims[0].origin = Origin::Suggested;
    let claim = &decided.claims[1];
    decided.rejections.push(Rejection {
        document: claim.document.clone(),
        span: claim.span,
        kind: claim.kind.clone(),
        reviewer: None,
        at: claim.created.clone(),
    });
    store::save(&decided, &path).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert_eq!(saved.matches("origin: Suggested,").count(), 1, "{saved:.300}");
    assert!(saved.contains("\n    rejections: [\n"), "{saved:.300}");
    assert_eq!(store::load(&path).unwrap(), decided);
    // A rejection of a document the project lacks is named, with its line.
    let field = format!("document: \"{}\",\n            span", claim.document);
    let at = saved.rfind(&field).unwrap();
    let broken =
        format!("{}document: \"nowhere\",\n            span{}", &saved[..at], &saved[at + field.len()..]);
    assert_ne!(broken, saved);
    let path = temp_file(&dir, "broken.ron", broken.as_bytes());
    let error = store::load(&path).unwrap_err().to_string();
    assert!(error.contains("rejected suggestion #1: document \"nowhere\" does not exist"), "{error}");
    // The line of the record's start, the one before its `document` field.
    let line = broken[..at].lines().count() - 1;
    assert!(error.contains(&format!("broken.ron:{line}:")), "{error}");
}

#[test]
fn a_format_1_file_with_an_error_still_names_its_line() {
    let text = FORMAT_1_SAMPLE.replacen("attribution: Attributed", "attribution: Maybe", 1);
    let (error, path) = load_error(text.as_bytes());
    let line =
        1 + FORMAT_1_SAMPLE[..FORMAT_1_SAMPLE.find("attribution: Attributed").unwrap()].matches('\n').count();
    assert_names_position(&error, &path, line);
}
