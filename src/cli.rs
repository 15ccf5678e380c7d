//! The command line: every operation that needs no window (`new`, `add-document`,
//! `add-source`, `add-group`, `mark`, `validate`, `stats`, `compare` ...). Parses
//! arguments with clap, changes projects only through [`crate::edit`] and saves them
//! through [`crate::store`].
//! This is the binary's edge: errors become one-line messages and exit codes here.

use crate::anchor::{CharSpan, byte_to_char};
use crate::edit::{self, ClaimRequest, Edit, MarkError, RecordEdit};
use crate::model::{
    Attribution, ClaimGroup, ClaimId, Document, DocumentId, GroupId, IdAllocator, LabelId, LabelSet, Outlet,
    OutletId, Project, Source, SourceId, SourceKind, SourceLink, Taxonomy, Timestamp, is_partial_date,
    prefix,
};
use crate::stats::ProjectStats;
use crate::store;
use crate::textfile::{default_title, domain_of, read_document_text, unique_slug};
use anyhow::{Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

const ABOUT: &str = "Mark, source and compare factual claims in news texts.

Without a subcommand, opens FILE (or the bundled sample project) in the app.";

const EXAMPLES: &str = "Examples:
  claimmark                                   open the bundled sample project
  claimmark work.ron                          open work.ron
  claimmark new \"Election 2026\" -o work.ron
  claimmark add-document work.ron article.txt --outlet \"Sputnik International\" --affiliation state-media --genre news-report
  claimmark mark work.ron sputnik --quote '$7 billion' --kind money --claimant 'Maria Sultan' --attributed
  claimmark validate sample_projects/*.ron
  claimmark stats work.ron --json
  claimmark compare work.ron --by affiliation --against frame --format html -o report.html";

/// The command line of `claimmark`.
#[derive(Debug, Parser)]
#[command(name = "claimmark", version, about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    /// Project file to open in the app (default: the bundled sample project).
    pub file: Option<PathBuf>,
    /// What to do without a window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty project file.
    #[command(after_help = "Examples:
  claimmark new \"Pakistan and Russia\" -o pakistan-russia.ron
  claimmark new \"Desk\" -o desk.ron --taxonomy my.taxonomy.ron")]
    New {
        /// The project's name.
        name: String,
        /// Where to write it (refused if the file exists, unless --force).
        #[arg(short, long)]
        output: PathBuf,
        /// Taxonomy file to embed (default: the built-in schemas/default.taxonomy.ron).
        #[arg(long)]
        taxonomy: Option<PathBuf>,
        /// Overwrite an existing file (its previous version is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Add UTF-8 text files as documents, creating the outlet if it is new.
    #[command(after_help = "Examples:
  claimmark add-document work.ron a.txt b.txt
  claimmark add-document work.ron sputnik.txt --outlet \"Sputnik International\" --affiliation state-media \\
      --genre news-report --published 2025-12-17 --url https://sputnikglobe.com/...")]
    AddDocument {
        /// The project file.
        file: PathBuf,
        /// Text files to add (UTF-8; the text is kept exactly, only a byte-order mark is dropped).
        #[arg(required = true)]
        texts: Vec<PathBuf>,
        /// Outlet name; an outlet with this name is created when there is none.
        #[arg(long)]
        outlet: Option<String>,
        /// Affiliation id of a new outlet (default: unknown).
        #[arg(long)]
        affiliation: Option<String>,
        /// Genre id of the documents.
        #[arg(long)]
        genre: Option<String>,
        /// Title (one text file only; default: the text's first line).
        #[arg(long)]
        title: Option<String>,
        /// URL (one text file only).
        #[arg(long)]
        url: Option<String>,
        /// Publication date: YYYY-MM-DD, YYYY-MM or YYYY.
        #[arg(long)]
        published: Option<String>,
        /// Author / byline.
        #[arg(long)]
        author: Option<String>,
        /// Capture date: YYYY-MM-DD (default: none).
        #[arg(long)]
        captured: Option<String>,
        /// Add a text even when the project already has a document with the same text.
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// Add a source (report, statement, article ...) that claims can link to; prints its id.
    #[command(after_help = "Example:
  claimmark add-source work.ron --title \"SIGAR report, Aug 2022\" --url https://www.sigar.mil/... --kind report")]
    AddSource {
        /// The project file.
        file: PathBuf,
        /// Title.
        #[arg(long)]
        title: String,
        /// URL.
        #[arg(long)]
        url: Option<String>,
        /// Publisher.
        #[arg(long)]
        publisher: Option<String>,
        /// Kind of source.
        #[arg(long, value_enum, default_value_t = SourceKindArg::Article)]
        kind: SourceKindArg,
        /// Notes: what it shows, where to look.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Put claims into a claim group (or take them out with the group `none`).
    #[command(after_help = "Examples:
  claimmark group work.ron group-2 claim-7 claim-31
  claimmark group work.ron none claim-7")]
    Group {
        /// The project file.
        file: PathBuf,
        /// Group id (see `claimmark add-group`), or `none`.
        group: String,
        /// Claim ids.
        #[arg(required = true)]
        claims: Vec<String>,
    },
    /// Add a claim group (the same claim across documents); prints its id.
    #[command(after_help = "Example:
  claimmark add-group work.ron \"Daesh / ISIS-K threatens the region from Afghanistan\"")]
    AddGroup {
        /// The project file.
        file: PathBuf,
        /// A neutral wording of the shared claim.
        name: String,
        /// Notes.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Mark a claim by quoting its exact text; prints the new claim's id.
    #[command(after_help = "Examples:
  claimmark mark work.ron sputnik --quote 'over $7 billion in American military equipment' --kind money \\
      --claimant \"Maria Sultan\" --attributed --frame security-defense --verdict unverified
  claimmark mark work.ron arabnews --quote 'Daesh' --occurrence 2 --kind event
(The document id is shown by `claimmark add-document`; by default it is the text file's
name without extension. Single quotes keep the shell from reading $ in the quote.)")]
    Mark(MarkArgs),
    /// Check project files: syntax, versions, references, spans and quotes.
    #[command(after_help = "Exit status: 0 when every file is sound, 1 otherwise (one line per problem).
Example:
  claimmark validate sample_projects/*.ron")]
    Validate {
        /// Project files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export claims as training data or for other tools (jsonl, doccano, brat, conll, csv,
    /// w3c, claimreview, label-studio).
    #[command(after_help = "Offsets are chars (Unicode code points), except label-studio (UTF-16 code units,
as JavaScript counts) and conll (tokens); the README says why for each format.

Examples:
  claimmark export work.ron --format jsonl -o claims.jsonl
  claimmark export work.ron --format csv --filter affiliation=state-media,forum > claims.csv
  claimmark export work.ron --format jsonl --labels frame --split train=0.8,dev=0.1,test=0.1 --seed 7 -o data.jsonl
      (writes data.train.jsonl, data.dev.jsonl, data.test.jsonl)
  claimmark export work.ron --format brat -o brat-folder")]
    Export {
        /// The project file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_parser = format_id)]
        format: crate::interop::Format,
        /// Output file (a folder for brat); standard output when left out.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// What a span's label is: kind, frame, verdict or affiliation.
        #[arg(long, default_value = "kind", value_parser = label_by)]
        labels: crate::interop::LabelBy,
        /// Keep only matching claims: KEY=VALUE[,VALUE...] with KEY kind, verdict, outlet,
        /// affiliation, genre or reviewer (repeat to combine).
        #[arg(long = "filter")]
        filters: Vec<String>,
        /// Split by document into parts, e.g. train=0.8,dev=0.1,test=0.1 (needs -o).
        #[arg(long)]
        split: Option<String>,
        /// Seed of the split.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Include the document texts (default).
        #[arg(long, overrides_with = "no_text")]
        with_text: bool,
        /// Leave the document texts out where the format allows.
        #[arg(long, overrides_with = "with_text")]
        no_text: bool,
    },
    /// Import documents and claims from other tools into a project (created if missing).
    #[command(after_help = "Labels that match no claim kind are kept as new kinds and reported. A malformed
record is reported with its file and line; the rest is imported, or with --strict nothing is.

Examples:
  claimmark import work.ron --format doccano export.jsonl
  claimmark import new.ron --format brat brat-folder/
  claimmark import work.ron --format label-studio --strict tasks.json")]
    Import {
        /// The project file (created when missing).
        file: PathBuf,
        /// Input format: jsonl, doccano, brat, label-studio or w3c.
        #[arg(long, value_parser = format_id)]
        format: crate::interop::Format,
        /// Files (or brat folders) to read.
        #[arg(required = true)]
        sources: Vec<PathBuf>,
        /// Import nothing when any record is malformed.
        #[arg(long)]
        strict: bool,
    },
    /// Rewrite project files in the canonical layout (after editing them by hand).
    #[command(after_help = "Exit status with --check: 0 when every file is already canonical, 1 otherwise.
Examples:
  claimmark fmt work.ron
  claimmark fmt --check sample_projects/*.ron")]
    Fmt {
        /// Project files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only report files that are not canonical; change nothing.
        #[arg(long)]
        check: bool,
    },
    /// Compare how outlets, affiliations or genres frame, classify and rate their claims,
    /// which claim groups each covers, and how each tells the grouped claims.
    #[command(after_help = "Shares are of the row's claims. A claim with two frames counts in both frame
columns, so a row's frame shares can add up to more than 100%; claims without frames
count under \"No frame\". The html report is one self-contained file that loads nothing.

Examples:
  claimmark compare work.ron
  claimmark compare work.ron --by outlet --against verdict
  claimmark compare work.ron --format csv -o frames-by-affiliation.csv
  claimmark compare work.ron --format json | jq '.coverage.rows'
  claimmark compare work.ron --by genre --format html -o report.html")]
    Compare {
        /// The project file.
        file: PathBuf,
        /// Rows: outlet, affiliation or genre.
        #[arg(long, default_value = "affiliation", value_parser = dimension_id)]
        by: crate::compare::Dimension,
        /// Columns: frame, kind or verdict.
        #[arg(long, default_value = "frame", value_parser = measure_id)]
        against: crate::compare::Measure,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
        /// Output file (written atomically); standard output when left out.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Count documents, claims, outlets, sources and groups, and claims by kind, verdict,
    /// affiliation, outlet and genre.
    #[command(after_help = "Examples:
  claimmark stats work.ron
  claimmark stats work.ron --json | jq .claims_by_affiliation")]
    Stats {
        /// The project file.
        file: PathBuf,
        /// Print a JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Output formats of `claimmark compare`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Aligned text: counts and shares per cell, row totals, group coverage.
    Table,
    /// One line per (row, column) cell.
    Csv,
    /// The whole comparison, coverage and group views.
    Json,
    /// One self-contained HTML report with charts and the groups side by side.
    Html,
}

/// Kinds of source, as written on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SourceKindArg {
    /// A news article or broadcast.
    Article,
    /// A report by a government, agency, NGO or think tank.
    Report,
    /// A dataset.
    Dataset,
    /// An official statement or transcript.
    Statement,
    /// A published fact-check.
    FactCheck,
    /// A social media or forum post.
    SocialMedia,
    /// Anything else.
    Other,
}

impl From<SourceKindArg> for SourceKind {
    fn from(kind: SourceKindArg) -> SourceKind {
        match kind {
            SourceKindArg::Article => SourceKind::Article,
            SourceKindArg::Report => SourceKind::Report,
            SourceKindArg::Dataset => SourceKind::Dataset,
            SourceKindArg::Statement => SourceKind::Statement,
            SourceKindArg::FactCheck => SourceKind::FactCheck,
            SourceKindArg::SocialMedia => SourceKind::SocialMedia,
            SourceKindArg::Other => SourceKind::Other,
        }
    }
}

/// Prints a line to standard output. A closed pipe (`claimmark stats f | head`) ends
/// the program quietly instead of panicking as `println!` would.
macro_rules! say {
    ($($arg:tt)*) => {
        write_stdout(&format!("{}\n", format_args!($($arg)*)))
    };
}

fn write_stdout(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("claimmark: could not write to standard output: {error}");
        std::process::exit(1);
    }
}

/// Runs the command line of the current process.
/// Runs one subcommand and turns its error into a one-line message on stderr.
pub fn main(command: Command) -> ExitCode {
    match run(command) {
        Ok(code) => code,
        Err(error) => {
            // Our errors carry their causes in their own message; the chain would repeat them.
            eprintln!("claimmark: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one subcommand.
pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::New { name, output, taxonomy, force } => {
            new_project(&name, &output, taxonomy.as_deref(), force)?;
            say!("{}: created project \"{name}\"", output.display());
        }
        Command::AddDocument {
            file,
            texts,
            outlet,
            affiliation,
            genre,
            title,
            url,
            published,
            author,
            captured,
            allow_duplicate,
        } => {
            let metadata = DocumentArgs {
                outlet,
                affiliation,
                genre,
                title,
                url,
                published,
                author,
                captured,
                allow_duplicate,
            };
            let ids = add_documents(&file, &texts, &metadata)?;
            for (text, id) in texts.iter().zip(&ids) {
                say!("{}: added {} as {id}", file.display(), text.display());
            }
        }
        Command::AddSource { file, title, url, publisher, kind, notes } => {
            let id = change_project(&file, |_, ids| {
                let source = Source {
                    id: SourceId::new(ids.next(prefix::SOURCE)),
                    title,
                    url,
                    publisher,
                    kind: kind.into(),
                    notes,
                };
                let id = source.id.clone();
                Ok((Edit::Source(Edit::append(source)), id))
            })?;
            say!("{id}");
        }
        Command::Group { file, group, claims } => {
            let count = claims.len();
            change_project(&file, |project, _| {
                let group = match group.as_str() {
                    "none" => None,
                    id => {
                        let id = GroupId::new(id);
                        if project.group(&id).is_none() {
                            let known: Vec<&str> = project.groups.iter().map(|g| g.id.as_str()).collect();
                            bail!("there is no group \"{id}\"; this project's are: {}", known.join(", "));
                        }
                        Some(id)
                    }
                };
                let mut edits = Vec::new();
                for claim_id in &claims {
                    let Some(claim) = project.claim(&ClaimId::new(claim_id.as_str())) else {
                        bail!("there is no claim \"{claim_id}\"");
                    };
                    let mut updated = claim.clone();
                    updated.group = group.clone();
                    updated.modified = Timestamp::now();
                    edits.push(Edit::Claim(RecordEdit::Replace(updated)));
                }
                Ok((Edit::Batch(edits), ()))
            })?;
            say!("{}: {} regrouped", file.display(), crate::text::count(count, "claim"));
        }
        Command::AddGroup { file, name, notes } => {
            let id = change_project(&file, |project, ids| {
                let name = name.trim().to_owned();
                if name.is_empty() {
                    bail!("a group needs a name: a neutral wording of the shared claim");
                }
                if let Some(existing) =
                    project.groups.iter().find(|g| g.name.trim().eq_ignore_ascii_case(&name))
                {
                    bail!(
                        "group {} is already called \"{}\"; use its id with `mark --group`",
                        existing.id,
                        existing.name
                    );
                }
                let group = ClaimGroup { id: GroupId::new(ids.next(prefix::GROUP)), name, notes };
                let id = group.id.clone();
                Ok((Edit::Group(Edit::append(group)), id))
            })?;
            say!("{id}");
        }
        Command::Mark(request) => {
            let file = request.file.clone();
            let id = change_project(&file, |project, ids| mark(project, ids, request))?;
            say!("{id}");
        }
        Command::Export { file, format, output, labels, filters, split, seed, with_text: _, no_text } => {
            let project = store::load(&file)?;
            let mut filter = crate::interop::ClaimFilter::default();
            for condition in &filters {
                filter.add(condition)?;
            }
            filter.check(&project)?;
            if no_text && !matches!(format, crate::interop::Format::Jsonl | crate::interop::Format::W3c) {
                eprintln!(
                    "claimmark: note: --no-text has no effect on {}, which always carries the texts (or none)",
                    format.id()
                );
            }
            let options = crate::interop::ExportOptions { labels, filter, with_text: !no_text };
            let split = split.map(|spec| crate::interop::Split::parse(&spec, seed)).transpose()?;
            export(&project, format, &options, split.as_ref(), output.as_deref())?;
        }
        Command::Import { file, format, sources, strict } => return import(&file, format, &sources, strict),
        Command::Validate { files } => return Ok(validate(&files)),
        Command::Fmt { files, check } => return fmt(&files, check),
        Command::Compare { file, by, against, format, output } => {
            compare(&file, by, against, format, output.as_deref())?;
        }
        Command::Stats { file, json } => {
            let project = store::load(&file)?;
            if json {
                say!("{}", serde_json::to_string_pretty(&ProjectStats::of(&project))?);
            } else {
                write_stdout(&stats_table(&project));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn new_project(name: &str, output: &Path, taxonomy: Option<&Path>, force: bool) -> Result<()> {
    if output.exists() && !force {
        bail!("{}: the file exists; choose another name or pass --force", output.display());
    }
    let taxonomy = match taxonomy {
        None => Taxonomy::builtin(),
        Some(path) => load_taxonomy(path)?,
    };
    store::save(&Project::new(name, taxonomy), output)?;
    Ok(())
}

/// Reads and checks a taxonomy file.
pub fn load_taxonomy(path: &Path) -> Result<Taxonomy> {
    let text = store::read_text(path, store::DEFAULT_MAX_FILE_BYTES)?;
    let taxonomy: Taxonomy =
        ron::Options::default().with_recursion_limit(store::RECURSION_LIMIT).from_str(&text).map_err(
            |e| anyhow::anyhow!("{}:{}:{}: {}", path.display(), e.span.start.line, e.span.start.col, e.code),
        )?;
    if let Some(problem) = taxonomy.problems().first() {
        bail!("{}: {}", path.display(), problem.message);
    }
    Ok(taxonomy)
}

/// Loads `file`, applies the edit `change` builds, validates and saves; returns what
/// `change` returned beside the edit. Nothing is written when anything fails.
fn change_project<T>(
    file: &Path,
    change: impl FnOnce(&Project, &mut IdAllocator) -> Result<(Edit, T)>,
) -> Result<T> {
    let mut project = store::load(file)?;
    let mut ids = IdAllocator::for_project(&project);
    let (edit, value) = change(&project, &mut ids)?;
    edit.apply(&mut project)?;
    let problems = store::integrity::check(&project);
    if let Some(problem) = problems.first() {
        bail!("{}: the change would break the project: {problem}; nothing was written", file.display());
    }
    store::save(&project, file)?;
    Ok(value)
}

/// Document fields given on the command line.
#[derive(Debug, Default)]
pub struct DocumentArgs {
    /// Outlet name.
    pub outlet: Option<String>,
    /// Affiliation id for a new outlet.
    pub affiliation: Option<String>,
    /// Genre id.
    pub genre: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Capture date.
    pub captured: Option<String>,
    /// Add texts the project already has.
    pub allow_duplicate: bool,
}

/// Adds text files to the project at `file` as documents; returns their ids.
pub fn add_documents(file: &Path, texts: &[PathBuf], args: &DocumentArgs) -> Result<Vec<DocumentId>> {
    if texts.len() > 1 && (args.title.is_some() || args.url.is_some()) {
        bail!("--title and --url describe one document; add the files one at a time");
    }
    // Read every text before touching the project, so one bad file changes nothing.
    let mut contents = Vec::with_capacity(texts.len());
    for path in texts {
        let text = read_document_text(path)?;
        if text.trim().is_empty() {
            bail!("{}: the file holds no text; nothing was added", path.display());
        }
        contents.push(text);
    }
    change_project(file, |project, ids| {
        if !args.allow_duplicate {
            for (path, text) in texts.iter().zip(&contents) {
                if let Some(existing) = project.documents.iter().find(|d| *d.text == **text) {
                    bail!(
                        "{}: document {} has this very text already; pass --allow-duplicate to add it again",
                        path.display(),
                        existing.id
                    );
                }
            }
        }
        let taxonomy = &project.taxonomy;
        let check_label = |set: LabelSet, id: &str| -> Result<LabelId> {
            let id = LabelId::new(id);
            if !taxonomy.contains(set, &id) {
                let known: Vec<&str> = taxonomy.labels(set).iter().map(|l| l.id.as_str()).collect();
                bail!("unknown {set} \"{id}\"; this project's are: {}", known.join(", "));
            }
            Ok(id)
        };
        let genre = args.genre.as_deref().map(|g| check_label(LabelSet::Genre, g)).transpose()?;
        for (what, date) in [("--published", &args.published), ("--captured", &args.captured)] {
            if let Some(date) = date
                && !is_partial_date(date)
            {
                bail!("{what} \"{date}\": expected YYYY-MM-DD, YYYY-MM or YYYY");
            }
        }
        let mut edits = Vec::new();
        let outlet_id = match &args.outlet {
            None => {
                if args.affiliation.is_some() {
                    bail!("--affiliation describes an outlet; give the outlet with --outlet");
                }
                None
            }
            Some(name) => match project.outlet_by_name(name) {
                Some(existing) => {
                    if let Some(affiliation) = &args.affiliation
                        && existing.affiliation.as_str() != affiliation
                    {
                        bail!(
                            "outlet \"{}\" exists with affiliation \"{}\"; leave out --affiliation or change the outlet in the app",
                            existing.name,
                            existing.affiliation
                        );
                    }
                    Some(existing.id.clone())
                }
                None => {
                    let affiliation =
                        check_label(LabelSet::Affiliation, args.affiliation.as_deref().unwrap_or("unknown"))?;
                    let outlet = Outlet {
                        id: OutletId::new(ids.next(prefix::OUTLET)),
                        name: name.trim().to_owned(),
                        domain: args.url.as_deref().and_then(domain_of),
                        country: None,
                        affiliation,
                        owner: None,
                        notes: String::new(),
                    };
                    let id = outlet.id.clone();
                    edits.push(Edit::Outlet(Edit::append(outlet)));
                    Some(id)
                }
            },
        };
        let mut taken: Vec<String> = project.documents.iter().map(|d| d.id.to_string()).collect();
        let mut added = Vec::new();
        for (path, text) in texts.iter().zip(contents) {
            let id = DocumentId::new(unique_slug(path, &mut taken));
            let title = args.title.clone().unwrap_or_else(|| default_title(&text, path));
            edits.push(Edit::Document(Edit::append(Document {
                id: id.clone(),
                title,
                outlet: outlet_id.clone(),
                genre: genre.clone(),
                url: args.url.clone(),
                published: args.published.clone(),
                author: args.author.clone(),
                captured: args.captured.clone(),
                notes: String::new(),
                text: Arc::from(text),
            })));
            added.push(id);
        }
        Ok((Edit::Batch(edits), added))
    })
}

/// The arguments of `claimmark mark`.
#[derive(Debug, clap::Args)]
pub struct MarkArgs {
    /// The project file.
    pub file: PathBuf,
    /// Document id.
    pub document: String,
    /// The exact text of the claim as it stands in the document.
    #[arg(long)]
    pub quote: String,
    /// Which occurrence of the quote, when it occurs more than once (1 = first).
    #[arg(long)]
    pub occurrence: Option<usize>,
    /// Claim kind id.
    #[arg(long)]
    pub kind: String,
    /// Who asserts it.
    #[arg(long, default_value = "")]
    pub claimant: String,
    /// The text attributes the claim to the claimant (default: asserted by the outlet).
    #[arg(long)]
    pub attributed: bool,
    /// Verdict id (default: the taxonomy's first verdict).
    #[arg(long)]
    pub verdict: Option<String>,
    /// Frame id (repeat for several).
    #[arg(long = "frame")]
    pub frames: Vec<String>,
    /// Source link as SOURCE_ID or SOURCE_ID:RELATION (relation default: cited; repeatable).
    #[arg(long = "source")]
    pub sources: Vec<String>,
    /// Group id.
    #[arg(long)]
    pub group: Option<String>,
    /// Note: what was checked, why the verdict.
    #[arg(long, default_value = "")]
    pub note: String,
    /// Reviewer name (created when new).
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Allow a quote that starts or ends inside a word.
    #[arg(long)]
    pub partial_words: bool,
}

fn mark(project: &Project, ids: &mut IdAllocator, args: MarkArgs) -> Result<(Edit, ClaimId)> {
    let document_id = DocumentId::new(args.document.as_str());
    // The document is looked up here only to find the quote; edit::mark_claim checks the
    // rest. A wrong kind is reported before a quote that is hard to place.
    let kind = LabelId::new(args.kind.as_str());
    edit::check_label(&project.taxonomy, LabelSet::ClaimKind, &kind)?;
    let span = match project.document(&document_id) {
        Some(document) => {
            quote_span(&document.text, &document_id, &args.quote, args.occurrence, args.partial_words)?
        }
        None => CharSpan::new(0, 0),
    };
    let mut request = ClaimRequest::new(document_id, span, kind);
    request.verdict = args.verdict.as_deref().map(LabelId::new);
    request.claimant = args.claimant;
    request.attribution = if args.attributed { Attribution::Attributed } else { Attribution::Asserted };
    request.sources = args
        .sources
        .iter()
        .map(|link| {
            let (source, relation) = link.split_once(':').unwrap_or((link, "cited"));
            SourceLink { source: SourceId::new(source), relation: LabelId::new(relation) }
        })
        .collect();
    request.frames = args.frames.iter().map(|f| LabelId::new(f.as_str())).collect();
    request.group = args.group.as_deref().map(GroupId::new);
    request.note = args.note;
    request.reviewer = args.reviewer;
    edit::mark_claim(project, ids, request, Timestamp::now()).map_err(|error| match error {
        MarkError::NoSource(_) => anyhow!("{error}; add it with `claimmark add-source`"),
        MarkError::NoGroup(_) => anyhow!("{error}; add it with `claimmark add-group`"),
        error => anyhow!(error),
    })
}

/// The span of `quote` in `text`: its only occurrence, or occurrence `occurrence` (from 1);
/// whole words unless `partial_words`.
fn quote_span(
    text: &str,
    document_id: &DocumentId,
    quote: &str,
    occurrence: Option<usize>,
    partial_words: bool,
) -> Result<CharSpan> {
    if quote.trim().is_empty() {
        bail!("the quote is empty; give the claim's exact text with --quote");
    }
    let starts: Vec<usize> = text.match_indices(quote).map(|(byte, _)| byte).collect();
    if starts.is_empty() {
        bail!("the quote does not occur in document {document_id}; copy it exactly, with its punctuation");
    }
    let byte = match (occurrence, starts.len()) {
        (None, 1) => starts[0],
        (None, n) => {
            bail!("the quote occurs {n} times in document {document_id}; say which with --occurrence 1..{n}")
        }
        (Some(k), n) if k == 0 || k > n => bail!("--occurrence {k}: the quote occurs {n} times"),
        (Some(k), _) => starts[k - 1],
    };
    if quote.trim() != quote {
        bail!("the quote starts or ends with white space; claims are trimmed, leave it out");
    }
    let before = text[..byte].chars().next_back();
    let after = text[byte + quote.len()..].chars().next();
    let inside_word = |outside: Option<char>, edge: Option<char>| {
        outside.is_some_and(char::is_alphanumeric) && edge.is_some_and(char::is_alphanumeric)
    };
    if !partial_words
        && (inside_word(before, quote.chars().next()) || inside_word(after, quote.chars().next_back()))
    {
        bail!(
            "the quote starts or ends inside a word; quote whole words (or pass --partial-words if you mean it)"
        );
    }
    let start = byte_to_char(text, byte).unwrap_or_default();
    Ok(CharSpan::new(start, start + quote.chars().count()))
}

/// Validates each file; prints one line per problem (or `FILE: ok`).
fn validate(files: &[PathBuf]) -> ExitCode {
    let mut sound = true;
    for file in files {
        match store::load(file) {
            Ok(project) => say!(
                "{}: ok ({} documents, {} claims)",
                file.display(),
                project.documents.len(),
                project.claims.len()
            ),
            Err(error) => {
                sound = false;
                for line in error.lines() {
                    say!("{line}");
                }
            }
        }
    }
    if sound { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn format_id(id: &str) -> std::result::Result<crate::interop::Format, String> {
    crate::interop::Format::from_id(id).ok_or_else(|| {
        let all: Vec<&str> = crate::interop::Format::ALL.iter().map(|f| f.id()).collect();
        format!("unknown format; use one of {}", all.join(", "))
    })
}

fn dimension_id(id: &str) -> std::result::Result<crate::compare::Dimension, String> {
    crate::compare::Dimension::from_id(id).ok_or_else(|| "use outlet, affiliation or genre".to_owned())
}

fn measure_id(id: &str) -> std::result::Result<crate::compare::Measure, String> {
    crate::compare::Measure::from_id(id).ok_or_else(|| "use frame, kind or verdict".to_owned())
}

/// `claimmark compare`: renders the report and writes it to `output` or standard output.
fn compare(
    file: &Path,
    by: crate::compare::Dimension,
    against: crate::compare::Measure,
    format: CompareFormat,
    output: Option<&Path>,
) -> Result<()> {
    use crate::compare::{Report, html, output as render};
    let project = store::load(file)?;
    let report = Report::new(&project, by, against);
    let text = match format {
        CompareFormat::Table => render::table(&project, &report),
        CompareFormat::Csv => render::csv(&report),
        CompareFormat::Json => {
            let mut json = render::json(&project, &report)?;
            json.push('\n');
            json
        }
        CompareFormat::Html => html::html(&project, &report),
    };
    match output {
        Some(output) => {
            store::write_atomically(output, text.as_bytes(), false)?;
            eprintln!(
                "{}: {} rows × {} columns, {} groups",
                output.display(),
                report.comparison.rows.len(),
                report.comparison.columns.len(),
                report.groups.len()
            );
        }
        None => write_stdout(&text),
    }
    Ok(())
}

fn label_by(name: &str) -> std::result::Result<crate::interop::LabelBy, String> {
    crate::interop::LabelBy::from_name(name)
        .ok_or_else(|| "use kind, frame, verdict or affiliation".to_owned())
}

fn export(
    project: &Project,
    format: crate::interop::Format,
    options: &crate::interop::ExportOptions,
    split: Option<&crate::interop::Split>,
    output: Option<&Path>,
) -> Result<()> {
    use std::io::Write as _;
    let Some(output) = output else {
        if format.writes_folder() || split.is_some() {
            bail!("{} exports and splits write several files; give a destination with -o", format.id());
        }
        let set = crate::interop::ExportSet::new(project, options);
        let mut bytes = Vec::new();
        let summary = crate::interop::write_export(format, &set, &mut bytes)?;
        let mut stdout = std::io::stdout().lock();
        if let Err(error) = stdout.write_all(&bytes).and_then(|()| stdout.flush())
            && error.kind() != std::io::ErrorKind::BrokenPipe
        {
            return Err(error.into());
        }
        report_export("standard output", &summary);
        return Ok(());
    };
    let written = crate::interop::export_to_path(project, format, options, split, output, None)?;
    for (path, summary) in &written {
        report_export(&path.display().to_string(), summary);
    }
    Ok(())
}

fn report_export(destination: &str, summary: &crate::interop::ExportSummary) {
    use crate::text::count;
    eprintln!(
        "{destination}: {}, {}, {}",
        count(summary.documents, "document"),
        count(summary.claims, "claim"),
        count(summary.spans, "span")
    );
    if summary.documents == 0 {
        eprintln!("  warning: this part holds no document (too few documents for the split's shares?)");
    }
    for skipped in &summary.skipped {
        eprintln!("  skipped {skipped}");
    }
}

fn import(
    file: &Path,
    format: crate::interop::Format,
    sources: &[PathBuf],
    strict: bool,
) -> Result<ExitCode> {
    if !format.importable() {
        bail!("claimmark imports jsonl, doccano, brat, label-studio and w3c, not {}", format.id());
    }
    let project = if file.exists() {
        store::load(file)?
    } else {
        let name = file.file_stem().map_or_else(|| "imported".into(), |s| s.to_string_lossy().into_owned());
        Project::new(name, Taxonomy::builtin())
    };
    let mut parsed = crate::interop::ParsedImport::default();
    for source in sources {
        match crate::interop::read_import_into(format, source, &project) {
            Ok(found) => {
                parsed.documents.extend(found.documents);
                parsed.problems.extend(found.problems);
            }
            Err(problem) => parsed.problems.push(problem),
        }
    }
    let mut ids = IdAllocator::for_project(&project);
    let (edit, report) = match crate::interop::merge_import(&project, &mut ids, parsed, strict) {
        Ok(result) => result,
        Err(report) => {
            for problem in &report.problems {
                eprintln!("{problem}");
            }
            let why = if strict { "--strict imports nothing then" } else { "nothing could be imported" };
            bail!("{} problem(s); {why}, and {} is unchanged", report.problems.len(), file.display());
        }
    };
    let mut project = project;
    edit.apply(&mut project)?;
    if let Some(problem) = store::integrity::check(&project).first() {
        bail!("{}: the import would break the project: {problem}; nothing was written", file.display());
    }
    store::save(&project, file)?;
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    say!(
        "{}: {} documents added ({} already there), {} claims added ({} already there)",
        file.display(),
        report.documents_added,
        report.documents_matched,
        report.claims_added,
        report.claims_existing
    );
    if !report.new_kinds.is_empty() {
        say!("labels kept as new claim kinds: {}", report.new_kinds.join(", "));
    }
    if report.claims_added + report.claims_existing == 0 {
        eprintln!(
            "claimmark: warning: no claim was found in the files; if they hold annotations, check that --format {} is their format",
            format.id()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Rewrites files canonically, or with `check` reports those that are not.
fn fmt(files: &[PathBuf], check: bool) -> Result<ExitCode> {
    let mut canonical = true;
    for file in files {
        let text = store::read_text(file, store::DEFAULT_MAX_FILE_BYTES)?;
        let project = store::parse(&text, file, true)?;
        let formatted = store::to_ron_string(&project)?;
        if formatted == text {
            continue;
        }
        canonical = false;
        if check {
            say!("{}: not in canonical layout; run `claimmark fmt {}`", file.display(), file.display());
        } else {
            store::write_atomically(file, formatted.as_bytes(), true)?;
            say!("{}: rewritten", file.display());
        }
    }
    Ok(if canonical || !check { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The `stats` table: counts, then claims by kind, verdict, affiliation, genre, outlet.
pub fn stats_table(project: &Project) -> String {
    use std::fmt::Write as _;
    let stats = ProjectStats::of(project);
    let mut out = String::new();
    let _ = writeln!(out, "{}", project.name);
    for (what, count) in [
        ("documents", stats.documents),
        ("claims", stats.claims),
        ("outlets", stats.outlets),
        ("sources", stats.sources),
        ("groups", stats.groups),
        ("grouped claims", stats.grouped_claims),
    ] {
        let _ = writeln!(out, "  {what:<16}{count:>7}");
    }
    let taxonomy = &project.taxonomy;
    let sections: [(&str, Option<LabelSet>, &std::collections::BTreeMap<String, usize>); 5] = [
        ("claims by kind", Some(LabelSet::ClaimKind), &stats.claims_by_kind),
        ("claims by verdict", Some(LabelSet::Verdict), &stats.claims_by_verdict),
        ("claims by affiliation", Some(LabelSet::Affiliation), &stats.claims_by_affiliation),
        ("claims by genre", Some(LabelSet::Genre), &stats.claims_by_genre),
        ("claims by outlet", None, &stats.claims_by_outlet),
    ];
    for (title, set, counts) in sections {
        let _ = writeln!(out, "{title}");
        let name = |key: &str| -> String {
            match set {
                Some(set) => taxonomy.name_of(set, &LabelId::new(key)).to_owned(),
                None => project.outlet(&OutletId::new(key)).map_or(key.to_owned(), |o| o.name.clone()),
            }
        };
        for (key, count) in counts {
            let _ = writeln!(out, "  {:<44}{count:>7}", name(key));
        }
    }
    out
}
