//! The command line's grammar: the clap types ([`Cli`], [`Command`], one `*Args` struct per
//! subcommand, the value enums) and the parsers of option values, with every help text and
//! example beside the option it describes.
//!
//! Like ripgrep's `flags/`, this module only says what the command line accepts: it must not
//! read or write a file nor touch a project. Running a parsed [`Command`] is `run`'s job.

use crate::compare::{Dimension, Measure, Unit};
use crate::interop::{Format, LabelBy, OffsetUnit};
use crate::model::SourceKind;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The examples of subcommands, in both builds' help.
macro_rules! examples_of_subcommands {
    () => {
        "  claimmark new \"Election 2026\" -o work.ron
  claimmark add-document work.ron article.txt --outlet \"Sputnik International\" --affiliation state-media --genre news-report
  claimmark mark work.ron sputnik --quote '$7 billion' --kind money --claimant 'Maria Sultan' --attributed
  claimmark validate sample_projects/*.ron
  claimmark stats work.ron --json
  claimmark compare work.ron --by affiliation --against frame --format html -o report.html"
    };
}

#[cfg(feature = "gui")]
const ABOUT: &str = "Mark, source and compare factual claims in news texts.

Without a subcommand, opens FILE (or the bundled sample project) in the app.";

#[cfg(not(feature = "gui"))]
const ABOUT: &str = "Mark, source and compare factual claims in news texts.

This build is the command line alone (built without the `gui` feature): give a subcommand.";

#[cfg(feature = "gui")]
const EXAMPLES: &str = concat!(
    "Examples:
  claimmark                                   open the bundled sample project
  claimmark work.ron                          open work.ron
",
    examples_of_subcommands!()
);

#[cfg(not(feature = "gui"))]
const EXAMPLES: &str = concat!("Examples:\n", examples_of_subcommands!());

/// The command line of `claimmark`.
#[derive(Debug, Parser)]
#[command(name = "claimmark", version, about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    #[cfg_attr(
        feature = "gui",
        doc = "Project file to open in the app (default: the bundled sample project)."
    )]
    #[cfg_attr(
        not(feature = "gui"),
        doc = "Project file (this build has no app to open it in: give a subcommand)."
    )]
    pub file: Option<PathBuf>,
    /// What to do without a window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// When `file` is not a file but looks like a mistyped subcommand ("validat"), the
    /// message to print instead of opening the app on a file that is not there.
    pub fn mistyped_subcommand(file: &std::path::Path) -> Option<String> {
        use clap::CommandFactory as _;
        let word = file.to_str()?;
        if file.exists() || word.contains(['/', '\\', '.']) {
            return None;
        }
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .filter(|n| n != "help")
            .collect();
        let nearest = names.iter().min_by_key(|name| edit_distance(word, name))?;
        let hint = if edit_distance(word, nearest) <= 2 {
            format!("; did you mean `{nearest}`?")
        } else {
            ".".to_owned()
        };
        Some(format!(
            "there is no file \"{word}\" and no subcommand \"{word}\"{hint} The subcommands are: {}",
            names.join(", ")
        ))
    }
}

/// The number of single-char insertions, deletions and substitutions between `a` and `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// The subcommands. A variant's doc comment is its one-line help, its `after_help` the
/// examples; its options are the fields of its `*Args` struct.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty project file.
    #[command(after_help = "Examples:
  claimmark new \"Pakistan and Russia\" -o pakistan-russia.ron
  claimmark new \"Desk\" -o desk.ron --taxonomy my.taxonomy.ron")]
    New(NewArgs),
    /// Add text files or saved web pages as documents, creating the outlet if it is new.
    #[command(after_help = "Examples:
  claimmark add-document work.ron a.txt b.txt
  claimmark add-document work.ron sputnik.txt --outlet \"Sputnik International\" --affiliation state-media \\
      --genre news-report --published 2025-12-17 --url https://sputnikglobe.com/...")]
    AddDocument(AddDocumentArgs),
    /// Add a source (report, statement, article ...) that claims can link to; prints its id.
    #[command(after_help = "Example:
  claimmark add-source work.ron --title \"SIGAR report, Aug 2022\" --url https://www.sigar.mil/... --kind report")]
    AddSource(AddSourceArgs),
    /// Replace a document's text (a typo, a re-captured article, a publisher's correction):
    /// claims on unchanged words are carried over, the others kept and flagged for
    /// re-anchoring.
    #[command(after_help = "Examples:
  claimmark set-text work.ron sputnik-2025-12-17-eurasian-forum corrected.txt
  claimmark set-text work.ron sputnik-2025-12-17-eurasian-forum recaptured.html --dry-run

Every claim is mapped through the difference of the old and the new text. A claim whose
quoted words survive unchanged lands on the same words; any other claim is kept, flagged
\"needs re-anchoring\", and listed, to be placed again in the app (View > Claims to re-anchor) or with claimmark place.
Passages move with the text. One undo step in the app; the file's previous version is kept as .bak.")]
    SetText(SetTextArgs),
    /// Place a claim on other words of its document: a claim a text correction flagged
    /// "needs re-anchoring", or any claim to move. Its quote is taken there and the flag
    /// cleared; kind, verdict, sources and everything else stay.
    #[command(after_help = "Examples:
  claimmark place work.ron claim-12 --quote \"between 3,000 to 5,000 ISIS-K* fighters\"
  claimmark place work.ron claim-12 --quote \"Daesh\" --occurrence 2

validate counts the claims that still need re-anchoring; set-text lists them.")]
    Place(PlaceArgs),
    /// Mark a passage as another outlet's text (a quoted or republished article).
    #[command(after_help = "Examples:
  claimmark add-passage work.ron defencepk-forum-2013-strategic-dialogue \\
      --from \"Strategic dialogue: Russian delegation\" --to \"framework of the Istanbul Process.\" \\
      --outlet \"The Express Tribune\" --affiliation private --published 2013-04
  claimmark add-passage work.ron afgazad-2024-07-14-sco-summit --span 273..6493 --outlet \"New Eastern Outlook\"")]
    AddPassage(AddPassageArgs),
    /// Put claims into a claim group (or take them out with the group `none`).
    #[command(after_help = "Examples:
  claimmark group work.ron group-2 claim-7 claim-31
  claimmark group work.ron none claim-7")]
    Group(GroupArgs),
    /// Add a claim group (the same claim across documents); prints its id.
    #[command(after_help = "Example:
  claimmark add-group work.ron \"Daesh / ISIS-K threatens the region from Afghanistan\"")]
    AddGroup(AddGroupArgs),
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
    Validate(ValidateArgs),
    /// Export claims as training data or for other tools (jsonl, doccano, brat, conll, csv,
    /// w3c, claimreview, label-studio).
    #[command(
        after_help = "Offsets are chars (Unicode code points, as Python and Label Studio count), except
doccano (UTF-16 code units, as doccano's page counts; --offsets graphemes for a doccano project
that counts grapheme clusters) and conll (tokens); the README says why for each format.

Examples:
  claimmark export work.ron --format jsonl -o claims.jsonl
  claimmark export work.ron --format csv --filter affiliation=state-media,forum > claims.csv
  claimmark export work.ron --format jsonl --labels frame --split train=0.8,dev=0.1,test=0.1 --seed 7 -o data.jsonl
      (writes data.train.jsonl, data.dev.jsonl, data.test.jsonl)
  claimmark export work.ron --format brat -o brat-folder
  claimmark export work.ron --format doccano --offsets graphemes -o doccano.jsonl
  claimmark export merged.ron --format jsonl --adjudicated -o final.jsonl   (the editor's settled claims)
  claimmark export merged.ron --format jsonl --reviewer Ana -o ana.jsonl    (one reviewer's own marks)
An existing file under -o (or a brat folder with files in it) is replaced only with --force."
    )]
    Export(ExportArgs),
    /// Import documents and claims from other tools into a project (created if missing).
    #[command(after_help = "Labels that match no claim kind are kept as new kinds and reported. A malformed
record is reported with its file and line; the rest is imported, or with --strict nothing is.

Examples:
  claimmark import work.ron --format doccano export.jsonl
  claimmark import new.ron --format brat brat-folder/
  claimmark import work.ron --format label-studio --strict tasks.json
  claimmark import work.ron --format doccano --offsets graphemes admin.jsonl
(Label Studio offsets are read as code points, or as UTF-16 units when the region's text
is there; doccano offsets as UTF-16 units unless --offsets says otherwise.)")]
    Import(ImportArgs),
    /// Rewrite project files in the canonical layout (after editing them by hand).
    #[command(after_help = "Exit status with --check: 0 when every file is already canonical, 1 otherwise.
Examples:
  claimmark fmt work.ron
  claimmark fmt --check sample_projects/*.ron")]
    Fmt(FmtArgs),
    /// Compare how outlets, affiliations or genres frame, classify and rate their claims,
    /// which claim groups each covers, and how each tells the grouped claims.
    #[command(after_help = "Shares are of the row's claims. A claim with two frames counts in both frame
columns, so a row's frame shares can add up to more than 100%; claims without frames
count under \"No frame\". The html report is one self-contained file that loads nothing.
--stats adds 95% intervals, thin rows and tests of difference to the table and csv (json
and html always have them); use --unit documents when the question is about outlets (see
the README).

With --stats the csv has one line per record, its kind first in the column record: cell
(row_id, row_name, column_id, column_name, unit, hits of units, share, ci_low, ci_high:
the 95% Wilson interval, thin: why the row is thin), matrix (the whole matrix's test:
units, statistic, df, p_value, cramers_v, method, replicates), column (each column's
test, with p_holm) and pair (row and other_row on column: p_value, p_holm). Fields a
record lacks are empty; fractions have 6 decimals. method is chi_square, fisher_exact or
monte_carlo (then replicates is the number of random tables).

With --groups: the framing diff of every claim group, each member against the group's
first member. The csv has one line per member with the columns group_id, group_name,
group_differs, member, reference, claim_id, outlet, via, attribution, claimant,
verdict_id, verdict_name, numbers, hedging, certainty, attribution_words, quote,
quote_diff, differs (the *differs columns hold aspect ids joined by \";\": numbers, hedges,
attribution, claimant, verdict, wording; quote_diff marks [-deleted-] and {+inserted+}).

Examples:
  claimmark compare work.ron
  claimmark compare work.ron --by outlet --against verdict
  claimmark compare work.ron --by affiliation --against kind --stats
  claimmark compare work.ron --stats --unit documents --column security-defense
  claimmark compare work.ron --format csv -o frames-by-affiliation.csv
  claimmark compare work.ron --format json | jq '.coverage.rows'
  claimmark compare work.ron --by genre --format html -o report.html
  claimmark compare work.ron --groups                 (how each outlet words each grouped claim)
  claimmark compare work.ron --groups --format csv -o framing.csv   (--by/--against are ignored)")]
    Compare(CompareArgs),
    /// Count documents, claims, outlets, sources and groups, and claims by kind, verdict,
    /// affiliation, outlet and genre.
    #[command(after_help = "Examples:
  claimmark stats work.ron
  claimmark stats work.ron --json | jq .claims_by_affiliation")]
    Stats(StatsArgs),
    /// Three-way merge of two copies of a project (git's merge driver): records matched
    /// by id, fields merged one by one, real disagreements recorded as conflicts.
    #[command(after_help = "Exit status: 0 clean, 1 when conflicts were recorded (list them with
`claimmark conflicts`), 2 when a side does not load (nothing is written).
Examples:
  claimmark merge base.ron mine.ron theirs.ron -o merged.ron
  claimmark merge %O %A %B -o %A      (as git runs it; see `claimmark git-setup`)")]
    Merge(MergeArgs),
    /// List the conflicts a merge recorded in a project.
    #[command(after_help = "Exit status: 0 when there are none, 1 when there are.
Example:
  claimmark conflicts work.ron")]
    Conflicts(ConflictsArgs),
    /// Settle a conflict a merge recorded: keep ours (in place) or take theirs.
    #[command(after_help = "Examples:
  claimmark conflicts work.ron
  claimmark settle work.ron conflict-1-k3x9qa --theirs
  claimmark settle work.ron conflict-2-k3x9qa --ours")]
    Settle(SettleArgs),
    /// How far reviewers agree: which claims both marked (exactly, or overlapping), on
    /// which kinds and verdicts, with Cohen's and Fleiss' kappa and Krippendorff's alpha.
    #[command(after_help = "One FILE: the reviewers of that project (after a merge, each claim carries its
reviewer). Several FILEs: copies of one project, each marked by its own reviewer (a
claim without a reviewer counts for its file); a document whose text differs between
copies is reported and left out. See the README's \"Agreement between reviewers\".
Examples:
  claimmark agree merged.ron
  claimmark agree merged.ron --reviewers Ana,Ben --documents doc-1,doc-3
  claimmark agree ana.ron ben.ron cy.ron --format csv -o agreement.csv
  claimmark agree merged.ron --format json | jq .overall
  claimmark agree merged.ron --format html -o agreement.html")]
    Agree(AgreeArgs),
    /// Propose check-worthy claims: the detector's candidates in a project's texts, or
    /// with --eval how well it finds the project's own claims.
    #[command(
        after_help = "Candidates are scored by the rules, or by a ranker trained on the project's own decisions
when it has enough of them (a candidate a claim overlaps is a yes, a rejected suggestion a
no). Spans a reviewer rejected are never listed. --apply marks what no claim covers yet as
claims (origin: detected), the best-scored of overlapping candidates only. --eval trains on
all documents but one and tests on that one, for each in turn. See the README's \"Claim
detection\".
Examples:
  claimmark detect work.ron --document sputnik-2025-12-17-eurasian-forum
  claimmark detect work.ron --min-score 0.7 --format json
  claimmark detect work.ron --new          (only what no claim covers yet)
  claimmark detect work.ron --apply --min-score 0.6 --reviewer Amina
  claimmark detect work.ron --eval"
    )]
    Detect(DetectArgs),
    /// Make git merge project files with `claimmark merge`: writes `*.ron merge=claimmark`
    /// to .gitattributes and the merge driver to the repository's .git/config.
    #[command(after_help = "Run it once in every clone (git does not share .git/config); it is safe to run
again. The driver runs this claimmark: plain `claimmark` when that is the one on PATH,
otherwise its full path (run git-setup again after moving it).
Example:
  claimmark git-setup
  claimmark git-setup ~/projects/fact-checks")]
    GitSetup(GitSetupArgs),
}

impl Command {
    /// The subcommand's name as typed (`mark`, `add-document` …).
    pub fn name(&self) -> &'static str {
        match self {
            Command::New(_) => "new",
            Command::AddDocument(_) => "add-document",
            Command::AddSource(_) => "add-source",
            Command::SetText(_) => "set-text",
            Command::Place(_) => "place",
            Command::AddPassage(_) => "add-passage",
            Command::Group(_) => "group",
            Command::AddGroup(_) => "add-group",
            Command::Mark(_) => "mark",
            Command::Validate(_) => "validate",
            Command::Export(_) => "export",
            Command::Import(_) => "import",
            Command::Fmt(_) => "fmt",
            Command::Compare(_) => "compare",
            Command::Stats(_) => "stats",
            Command::Merge(_) => "merge",
            Command::Conflicts(_) => "conflicts",
            Command::Settle(_) => "settle",
            Command::Agree(_) => "agree",
            Command::Detect(_) => "detect",
            Command::GitSetup(_) => "git-setup",
        }
    }
}

/// The arguments of `claimmark new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The project's name.
    pub name: String,
    /// Where to write it (refused if the file exists, unless --force).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Taxonomy file to embed (default: the built-in schemas/default.taxonomy.ron).
    #[arg(long)]
    pub taxonomy: Option<PathBuf>,
    /// Overwrite an existing file (its previous version is kept as .bak).
    #[arg(long)]
    pub force: bool,
}

/// The arguments of `claimmark add-document`.
#[derive(Debug, Args)]
pub struct AddDocumentArgs {
    /// The project file.
    pub file: PathBuf,
    /// Text files (UTF-8, kept exactly, only a byte-order mark dropped) or saved web pages
    /// (.html/.htm: their article and metadata) to add.
    #[arg(required = true)]
    pub texts: Vec<PathBuf>,
    /// Outlet name; an outlet with this name is created when there is none.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Affiliation id of a new outlet (default: unknown).
    #[arg(long)]
    pub affiliation: Option<String>,
    /// Genre id of the documents.
    #[arg(long)]
    pub genre: Option<String>,
    /// Title (one text file only; default: the text's first line).
    #[arg(long)]
    pub title: Option<String>,
    /// URL (one text file only).
    #[arg(long)]
    pub url: Option<String>,
    /// Publication date: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long)]
    pub published: Option<String>,
    /// Author / byline.
    #[arg(long)]
    pub author: Option<String>,
    /// Capture date: YYYY-MM-DD (default: none).
    #[arg(long)]
    pub captured: Option<String>,
    /// Add a text even when the project already has a document with the same text.
    #[arg(long)]
    pub allow_duplicate: bool,
}

/// The arguments of `claimmark set-text`.
#[derive(Debug, Args)]
pub struct SetTextArgs {
    /// The project file.
    pub file: PathBuf,
    /// The document's id.
    pub document: String,
    /// The new text: a UTF-8 text file, or a saved web page (.html/.htm) whose article is taken.
    pub text: PathBuf,
    /// Say how many claims would stay, move or be flagged (and list the flagged), and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// The arguments of `claimmark place`.
#[derive(Debug, Args)]
pub struct PlaceArgs {
    /// The project file.
    pub file: PathBuf,
    /// The claim's id.
    pub claim: String,
    /// The exact text of the claim's document to place it on.
    #[arg(long)]
    pub quote: String,
    /// Which occurrence of the quote, when it occurs more than once (1 = first).
    #[arg(long)]
    pub occurrence: Option<usize>,
    /// Allow a quote that starts or ends inside a word.
    #[arg(long)]
    pub partial_words: bool,
}

/// The arguments of `claimmark add-passage`.
#[derive(Debug, Args)]
pub struct AddPassageArgs {
    /// The project file.
    pub file: PathBuf,
    /// The document's id.
    pub document: String,
    /// Where the passage is, in chars of the text: START..END (end exclusive).
    #[arg(long)]
    pub span: Option<String>,
    /// The passage's first words, exactly as in the text.
    #[arg(long)]
    pub from: Option<String>,
    /// The passage's last words, exactly as in the text (their first occurrence after --from).
    #[arg(long)]
    pub to: Option<String>,
    /// Which occurrence of --from, when it occurs more than once (from 1).
    #[arg(long)]
    pub occurrence: Option<usize>,
    /// Whose text it is: an outlet's name (created when new).
    #[arg(long)]
    pub outlet: String,
    /// Affiliation id of a new outlet (default: unknown).
    #[arg(long)]
    pub affiliation: Option<String>,
    /// Where the outlet published it.
    #[arg(long)]
    pub url: Option<String>,
    /// When the outlet published it: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long)]
    pub published: Option<String>,
    /// How the passage was found and bounded.
    #[arg(long, default_value = "")]
    pub note: String,
}

/// The arguments of `claimmark add-source`.
#[derive(Debug, Args)]
pub struct AddSourceArgs {
    /// The project file.
    pub file: PathBuf,
    /// Title.
    #[arg(long)]
    pub title: String,
    /// URL.
    #[arg(long)]
    pub url: Option<String>,
    /// Publisher.
    #[arg(long)]
    pub publisher: Option<String>,
    /// Kind of source.
    #[arg(long, value_enum, default_value_t = SourceKindArg::Article)]
    pub kind: SourceKindArg,
    /// Notes: what it shows, where to look.
    #[arg(long, default_value = "")]
    pub notes: String,
}

/// The arguments of `claimmark group`.
#[derive(Debug, Args)]
pub struct GroupArgs {
    /// The project file.
    pub file: PathBuf,
    /// Group id (see `claimmark add-group`), or `none`.
    pub group: String,
    /// Claim ids.
    #[arg(required = true)]
    pub claims: Vec<String>,
}

/// The arguments of `claimmark add-group`.
#[derive(Debug, Args)]
pub struct AddGroupArgs {
    /// The project file.
    pub file: PathBuf,
    /// A neutral wording of the shared claim.
    pub name: String,
    /// Notes.
    #[arg(long, default_value = "")]
    pub notes: String,
}

/// The arguments of `claimmark mark`.
#[derive(Debug, Args)]
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
    /// Reviewer name (created when new); default: the CLAIMMARK_REVIEWER environment variable.
    #[arg(long, env = "CLAIMMARK_REVIEWER")]
    pub reviewer: Option<String>,
    /// Allow a quote that starts or ends inside a word.
    #[arg(long)]
    pub partial_words: bool,
}

/// The arguments of `claimmark merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O).
    pub base: PathBuf,
    /// Our version (git's %A): written in place unless -o says otherwise.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// Where to write the merged project (default: OURS).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// The arguments of `claimmark conflicts`.
#[derive(Debug, Args)]
pub struct ConflictsArgs {
    /// The project file.
    pub file: PathBuf,
}

/// The arguments of `claimmark agree`.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// The project file, or several copies of one project.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Only these reviewers (names or ids, comma-separated; at least two).
    #[arg(long, value_delimiter = ',')]
    pub reviewers: Vec<String>,
    /// Only these documents (ids, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub documents: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AgreeFormat::Table)]
    pub format: AgreeFormat,
    /// Output file (written atomically); standard output when left out.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// The arguments of `claimmark detect`.
#[derive(Debug, Args)]
pub struct DetectArgs {
    /// The project file.
    pub file: PathBuf,
    /// Only this document (its id).
    #[arg(long)]
    pub document: Option<String>,
    /// Keep candidates scored at least this (0 to 1). A ranker's score is the chance that
    /// a reviewer marks the candidate, and about a third of candidates are marked.
    #[arg(long, default_value_t = 0.3)]
    pub min_score: f32,
    /// Only candidates that no claim of the project overlaps yet (what is left to mark).
    #[arg(long)]
    pub new: bool,
    /// Measure against the project's own claims, leaving each document out of training
    /// in turn: precision, recall and F1 (exact and overlap), per kind and overall, and
    /// how many sentences holding a claim are flagged.
    #[arg(long, conflicts_with_all = ["apply", "new"])]
    pub eval: bool,
    /// Mark the candidates no claim covers yet as claims (origin: detected, which the
    /// ranker does not learn from; of overlapping ones, the best scored), and save the
    /// project.
    #[arg(long)]
    pub apply: bool,
    /// With --apply: who marks them (created when new); default: the CLAIMMARK_REVIEWER
    /// environment variable.
    #[arg(long, env = "CLAIMMARK_REVIEWER")]
    pub reviewer: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DetectFormat::Table)]
    pub format: DetectFormat,
}

/// Output formats of `claimmark detect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DetectFormat {
    /// Aligned text.
    Table,
    /// Everything, for scripts.
    Json,
}

/// Output formats of `claimmark agree`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AgreeFormat {
    /// Aligned text: per document and pair, the coefficients, the confusion of kinds.
    Table,
    /// One line per (document, pair of reviewers).
    Csv,
    /// Everything, for scripts.
    Json,
    /// One self-contained page: figures, per document, heat maps of kinds, and every
    /// passage where two reviewers disagree with both marks.
    Html,
}

/// The arguments of `claimmark settle`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("side").required(true).multiple(false))]
pub struct SettleArgs {
    /// The project file.
    pub file: PathBuf,
    /// The conflict's id, as `claimmark conflicts` lists it.
    pub conflict: String,
    /// Keep our version (the one in place).
    #[arg(long, group = "side")]
    pub ours: bool,
    /// Take their version.
    #[arg(long, group = "side")]
    pub theirs: bool,
}

/// The arguments of `claimmark git-setup`.
#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// A folder inside the git repository (default: the current one).
    pub dir: Option<PathBuf>,
}

/// The arguments of `claimmark validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Project files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// The arguments of `claimmark export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_parser = format_id)]
    pub format: Format,
    /// Output file (a folder for brat); standard output when left out.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// What a span's label is: kind, frame, verdict or affiliation.
    #[arg(long, default_value = "kind", value_parser = label_by)]
    pub labels: LabelBy,
    /// Keep only matching claims: KEY=VALUE[,VALUE...] with KEY kind, verdict, outlet,
    /// affiliation, genre, reviewer or origin (marked, suggested, detected) (repeat to
    /// combine).
    #[arg(long = "filter")]
    pub filters: Vec<String>,
    /// Only the claims of these reviewers (names or ids, comma-separated): the same as
    /// --filter reviewer=..., for a training set made of one reviewer's marks.
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Only the adjudicated set: the claims an editor settled in View → Reviewers (the
    /// final version of a text marked by several reviewers).
    #[arg(long, conflicts_with = "reviewer")]
    pub adjudicated: bool,
    /// Split by document into parts, e.g. train=0.8,dev=0.1,test=0.1 (needs -o).
    #[arg(long)]
    pub split: Option<String>,
    /// Seed of the split.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Include the document texts (default).
    #[arg(long, overrides_with = "no_text")]
    pub with_text: bool,
    /// Leave the document texts out where the format allows.
    #[arg(long, overrides_with = "with_text")]
    pub no_text: bool,
    /// doccano only: count offsets in utf16 (doccano's default), graphemes (a doccano
    /// project with "Count grapheme clusters as one character" on) or chars.
    #[arg(long, value_parser = offset_unit)]
    pub offsets: Option<OffsetUnit>,
    /// Replace files (and non-empty brat folders) that -o would overwrite; without it the
    /// export refuses and writes nothing.
    #[arg(long)]
    pub force: bool,
}

/// The arguments of `claimmark import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project file (created when missing).
    pub file: PathBuf,
    /// Input format: jsonl, doccano, brat, label-studio or w3c.
    #[arg(long, value_parser = format_id)]
    pub format: Format,
    /// Files (or brat folders) to read.
    #[arg(required = true)]
    pub sources: Vec<PathBuf>,
    /// Import nothing when any record is malformed.
    #[arg(long)]
    pub strict: bool,
    /// doccano only: the files count offsets in utf16 (doccano's default), graphemes (a
    /// doccano project with "Count grapheme clusters as one character" on) or chars.
    #[arg(long, value_parser = offset_unit)]
    pub offsets: Option<OffsetUnit>,
}

/// The arguments of `claimmark fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Project files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Only report files that are not canonical; change nothing.
    #[arg(long)]
    pub check: bool,
}

/// The arguments of `claimmark compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The project file.
    pub file: PathBuf,
    /// Rows: outlet, affiliation or genre.
    #[arg(long, default_value = "affiliation", value_parser = dimension_id)]
    pub by: Dimension,
    /// Columns: frame, kind or verdict.
    #[arg(long, default_value = "frame", value_parser = measure_id)]
    pub against: Measure,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// Add 95% Wilson intervals to every share, mark thin rows, and test the differences:
    /// chi-square with Cramér's V (exact or Monte Carlo when expected counts are small),
    /// each column on its own, and each pair of rows on one column (Fisher, Holm-adjusted).
    /// The json and the html report always have them.
    #[arg(long)]
    pub stats: bool,
    /// What a share counts for the statistics (--stats, json, html): claims, or documents
    /// with at least one claim of the label (the sampling unit when the question is about
    /// outlets).
    #[arg(long, default_value = "claims", value_parser = unit_id)]
    pub unit: Unit,
    /// The column whose rows are compared pair by pair (--stats, json, html): a label id
    /// such as security-defense, or its name; by default the column whose test found the
    /// strongest difference.
    #[arg(long, value_name = "LABEL")]
    pub column: Option<String>,
    /// Output file (written atomically); standard output when left out.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Instead of the matrix, the framing diff of every claim group: how each member
    /// words the claim (numbers, hedging and certainty words, asserted or attributed,
    /// claimant, verdict, a word diff of the quote against the group's first member),
    /// with what differs flagged. --by and --against are ignored.
    #[arg(long, conflicts_with_all = ["stats", "unit", "column"])]
    pub groups: bool,
}

/// The arguments of `claimmark stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The project file.
    pub file: PathBuf,
    /// Print a JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Output formats of `claimmark compare`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Aligned text: counts and shares per cell, row totals, group coverage (with
    /// --groups: per group each member's framing, what differs marked with *).
    Table,
    /// One line per (row, column) cell (with --groups: one line per group member).
    Csv,
    /// The whole comparison, coverage and group views (with --groups: the framing diffs).
    Json,
    /// One self-contained HTML report with charts and the groups side by side (with
    /// --groups: the groups and their framing diffs alone).
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

fn format_id(id: &str) -> Result<Format, String> {
    Format::from_id(id).ok_or_else(|| {
        let all: Vec<&str> = Format::ALL.iter().map(|f| f.id()).collect();
        format!("unknown format; use one of {}", all.join(", "))
    })
}

fn offset_unit(name: &str) -> Result<OffsetUnit, String> {
    OffsetUnit::from_name(name).ok_or_else(|| "use utf16, graphemes or chars".to_owned())
}

fn label_by(name: &str) -> Result<LabelBy, String> {
    LabelBy::from_name(name).ok_or_else(|| "use kind, frame, verdict or affiliation".to_owned())
}

fn dimension_id(id: &str) -> Result<Dimension, String> {
    Dimension::from_id(id).ok_or_else(|| "use outlet, affiliation or genre".to_owned())
}

fn measure_id(id: &str) -> Result<Measure, String> {
    Measure::from_id(id).ok_or_else(|| "use frame, kind or verdict".to_owned())
}

fn unit_id(id: &str) -> Result<Unit, String> {
    Unit::from_id(id).ok_or_else(|| "use claims or documents".to_owned())
}
