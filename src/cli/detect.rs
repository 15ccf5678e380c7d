//! `claimmark detect`: the claim detector's candidates in a project's texts, scored by a
//! ranker trained on the project's claims, or with `--eval` the detector measured on
//! those claims, each document held out of training in turn.

use super::args::{DetectArgs, DetectFormat};
use super::run::change_project;
use crate::detect::eval::Sorted;
use crate::detect::eval::{Counts, Evaluation, evaluate};
use crate::detect::rank::{self, Ranker};
use crate::detect::{Candidate, candidates, suggestions};
use crate::edit::Edit;
use crate::model::{ClaimId, Document, DocumentId, Timestamp};
use crate::store;
use crate::team::agree::output::number as figure;
use crate::text::CharSpan;
use anyhow::{Result, bail};
use serde_json::json;
use std::collections::HashSet;
use std::process::ExitCode;

pub(super) fn detect(args: &DetectArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.min_score) {
        bail!("--min-score {} is not between 0 and 1", args.min_score);
    }
    let project = store::load(&args.file)?;
    let documents: Vec<&Document> = match &args.document {
        Some(id) => match project.documents.iter().find(|d| d.id.as_str() == id) {
            Some(document) => vec![document],
            None => {
                let known: Vec<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
                bail!("there is no document \"{id}\"; this project's are: {}", known.join(", "));
            }
        },
        None => project.documents.iter().collect(),
    };
    if args.eval && args.document.is_some() {
        bail!(
            "--eval measures the detector on the whole project (each document held out in turn); leave out --document"
        );
    }
    if args.eval {
        let evaluation = evaluate(&project, args.min_score);
        if evaluation.documents == 0 {
            bail!("this project has no claims to measure the detector against");
        }
        let text = match args.format {
            DetectFormat::Table => eval_table(&evaluation),
            DetectFormat::Json => format!("{:#}\n", eval_json(&evaluation)),
        };
        super::run::write_stdout(&text);
        return Ok(ExitCode::SUCCESS);
    }
    let ranker = suggestions::train(&project);
    if args.apply {
        return apply(args, &documents, &ranker);
    }
    // (document, candidate, whether a claim of the project overlaps it)
    let mut found: Vec<(&Document, Candidate, bool)> = Vec::new();
    for document in documents {
        let marked = Sorted::new(project.claims_in(&document.id).map(|c| c.span));
        let rejected: HashSet<CharSpan> =
            project.rejections.iter().filter(|r| r.document == document.id).map(|r| r.span).collect();
        let scored: Vec<Candidate> = candidates(&document.text)
            .into_iter()
            .filter_map(|mut candidate| {
                candidate.score = ranker.score(&rank::features(&document.text, &candidate));
                let kept = candidate.score >= args.min_score
                    && !(args.new && marked.any_overlaps(candidate.span))
                    && !rejected.contains(&candidate.span);
                kept.then_some(candidate)
            })
            .collect();
        for candidate in suggestions::best_of_overlapping(scored) {
            let is_marked = marked.any_overlaps(candidate.span);
            found.push((document, candidate, is_marked));
        }
    }
    let text = match args.format {
        DetectFormat::Table => candidates_table(&found, &ranker),
        DetectFormat::Json => {
            let list: Vec<serde_json::Value> = found
                .iter()
                .map(|(d, c, marked)| {
                    json!({
                        "document": d.id.as_str(),
                        "start": c.span.start,
                        "end": c.span.end,
                        "text": c.quote(&d.text),
                        "kind": c.kind.id(),
                        "claimant": c.claimant,
                        "score": (f64::from(c.score) * 1000.0).round() / 1000.0,
                        "reason": c.reason,
                        "marked": marked,
                    })
                })
                .collect();
            format!("{:#}\n", serde_json::Value::Array(list))
        }
    };
    super::run::write_stdout(&text);
    Ok(ExitCode::SUCCESS)
}

/// `--apply`: marks the suggestions of `documents` that no claim covers (of overlapping
/// ones the best scored) as claims of origin "detected", in one change of the file
/// ([`suggestions::apply_all`]); nothing is written when there is nothing to mark.
/// Candidates of a kind the project's taxonomy lacks are left out and counted.
fn apply(args: &DetectArgs, documents: &[&Document], ranker: &Ranker) -> Result<ExitCode> {
    let ids: Vec<DocumentId> = documents.iter().map(|d| d.id.clone()).collect();
    let reviewer = args.reviewer.clone().filter(|name| !name.trim().is_empty());
    if reviewer.is_none() {
        eprintln!(
            "claimmark: no reviewer named (--reviewer NAME or {}): the claims marked record no one",
            super::run::REVIEWER_VARIABLE
        );
    }
    let (marked, unknown_kinds) = change_project(&args.file, |project, allocator| {
        // The file as locked now: it may have changed since it was read for the ranker.
        let applied = suggestions::apply_all(
            project,
            allocator,
            &ids,
            (ranker, args.min_score),
            reviewer.as_deref(),
            Timestamp::now(),
        );
        let marked: Vec<(ClaimId, DocumentId, String, &'static str)> = applied
            .claims
            .iter()
            .map(|(claim, document, candidate)| {
                let text = project.document(document).map_or("", |d| &d.text);
                (claim.clone(), document.clone(), candidate.quote(text).to_owned(), candidate.kind.id())
            })
            .collect();
        Ok((applied.edit.unwrap_or(Edit::Batch(Vec::new())), (marked, applied.unknown_kinds)))
    })?;
    for (claim, document, quote, kind) in &marked {
        say!("{claim}  {document}  {kind:<11} “{quote}”");
    }
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    say!(
        "{} marked as claims (origin: detected) in {}{}",
        plural(marked.len(), "suggestion", "suggestions"),
        args.file.display(),
        if unknown_kinds > 0 {
            format!(
                "; {} of kinds this project's taxonomy lacks left out",
                plural(unknown_kinds, "candidate", "candidates")
            )
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn candidates_table(found: &[(&Document, Candidate, bool)], ranker: &Ranker) -> String {
    let mut out = String::new();
    let scored_by = match ranker {
        Ranker::Rules => "the rules (too few claims in the project to learn from)",
        Ranker::Learned(_) => "a ranker trained on the project's claims",
    };
    out.push_str(&format!("{} candidates, scored by {scored_by}\n\n", found.len()));
    for (document, c, marked) in found {
        let quote = c.quote(&document.text);
        let shown: String = if quote.chars().count() > 70 {
            format!("{}…", quote.chars().take(69).collect::<String>())
        } else {
            quote.to_owned()
        };
        out.push_str(&format!(
            "{}  {}..{}  {:<11} {:.2}  “{shown}”{}\n    {}{}\n",
            document.id,
            c.span.start,
            c.span.end,
            c.kind.id(),
            c.score,
            if *marked { "  (a claim covers it)" } else { "" },
            c.reason,
            c.claimant.as_ref().map(|who| format!("; claimant: {who}")).unwrap_or_default()
        ));
    }
    out
}

fn counts_json(counts: &Counts) -> serde_json::Value {
    json!({
        "precision": counts.precision(),
        "recall": counts.recall(),
        "f1": counts.f1(),
        "candidates": counts.proposed,
        "candidates_matched": counts.useful,
        "claims": counts.marked,
        "claims_found": counts.found,
    })
}

fn eval_json(evaluation: &Evaluation) -> serde_json::Value {
    let kinds: serde_json::Map<String, serde_json::Value> = evaluation
        .per_kind
        .iter()
        .map(|(kind, (exact, overlap))| {
            (kind.clone(), json!({"exact": counts_json(exact), "overlap": counts_json(overlap)}))
        })
        .collect();
    let (flagged, sentences) = evaluation.sentences;
    json!({
        "min_score": evaluation.min_score,
        "documents": evaluation.documents,
        "exact": counts_json(&evaluation.exact),
        "overlap": counts_json(&evaluation.overlap),
        "kinds": kinds,
        "sentences": {"with_claims": sentences, "flagged": flagged,
                      "recall": (sentences > 0).then(|| flagged as f64 / sentences as f64)},
        "misses": evaluation.misses.iter().map(|(d, kind, quote)| json!({"document": d.as_str(), "kind": kind, "text": quote})).collect::<Vec<_>>(),
    })
}

fn eval_table(evaluation: &Evaluation) -> String {
    let documents = evaluation.documents;
    let mut out = format!(
        "Leave-one-document-out over {documents} document{}, candidates scored at least {}\n",
        if documents == 1 { "" } else { "s" },
        evaluation.min_score
    );
    if documents == 1 {
        out.push_str(
            "(one document: there is no other to train on, so the rules' own scores are measured)\n",
        );
    }
    out.push_str(
        "Per kind, P counts the candidates proposed as that kind that found a claim, and R the claims of \
         that kind found by a candidate of any kind.\n\n",
    );
    out.push_str(&format!(
        "{:<12} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}\n",
        "kind", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1", "claims", "cands"
    ));
    let mut row = |name: &str, exact: &Counts, overlap: &Counts| {
        out.push_str(&format!(
            "{:<12} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}\n",
            name,
            figure(exact.precision()),
            figure(exact.recall()),
            figure(exact.f1()),
            figure(overlap.precision()),
            figure(overlap.recall()),
            figure(overlap.f1()),
            overlap.marked,
            overlap.proposed
        ));
    };
    for (kind, (exact, overlap)) in &evaluation.per_kind {
        row(kind, exact, overlap);
    }
    row("overall", &evaluation.exact, &evaluation.overlap);
    let (flagged, sentences) = evaluation.sentences;
    out.push_str(&format!(
        "\nSentences holding a claim flagged: {flagged} of {sentences} ({})\n",
        figure((sentences > 0).then(|| flagged as f64 / sentences as f64))
    ));
    if !evaluation.misses.is_empty() {
        out.push_str(&format!("\nClaims no candidate found ({}):\n", evaluation.misses.len()));
        for (document, kind, quote) in &evaluation.misses {
            out.push_str(&format!("  {document}  {kind}: “{quote}”\n"));
        }
    }
    out
}
