//! CoNLL-style BIO tags, export only: one token a line, `TOKEN<TAB>TAG`, with `TAG`
//! `B-LABEL` on the first token of a claim, `I-LABEL` on its other tokens and `O`
//! elsewhere; a blank line after every sentence. Each document starts with the line
//! `-DOCSTART- -X- O O` and a blank line: the document separator of CoNLL-2003 in the
//! form spaCy's `conll_ner` converter splits documents on (readers that test for a line
//! starting with `-DOCSTART-`, such as Hugging Face's and flair's, read it too).
//!
//! ```text
//! -DOCSTART- -X- O O
//!
//! She<TAB>O
//! estimated<TAB>O
//! 3,000<TAB>B-statistic
//! fighters<TAB>I-statistic
//! .<TAB>O
//!
//! ```
//!
//! Offsets are tokens: the format has no char offsets, only the order of the tokens.
//! Tokens and sentences come from [`crate::text::tokenize`] (Unicode word and sentence
//! boundaries, a blank line ends a sentence); white space is never a token. A claim whose
//! span starts or ends inside a token tags the whole token. A claim that runs across a
//! sentence boundary (say, across a line break) keeps the two sentences together: no
//! blank line is written inside a tagged span, so every `I-` follows its `B-` in the
//! same sentence. A token cannot hold a tab or
//! a line break; in the rare case that Unicode segmentation glues white space to a
//! combining mark, that white space (and the control chars Python splits lines at) is
//! written as `_`, so that each line keeps exactly two fields.
//!
//! A token carries one tag, so overlapping claims cannot all be tagged. The rule: the
//! claim covering the most tokens wins; between equally long ones the one that starts
//! first, then the one first in the document's claim order; under `--labels frame` a
//! claim's first frame wins over its others. Every span that loses is listed in
//! [`ExportSummary::skipped`] with its claim id and the claim that took its tokens.
//! Claims with no label under `--labels` (a claim without frames) and claims that cover
//! no token are listed there too.

use super::{ExportDocument, ExportSet, ExportSummary};
use crate::anchor::CharIndex;
use crate::model::{Claim, ClaimId};
use crate::text::{Token, token_range, tokenize};
use std::cmp::Reverse;
use std::collections::HashSet;
use std::io::{self, Write};

/// The line that starts each document.
pub const DOCSTART: &str = "-DOCSTART- -X- O O";

/// A span that asks for BIO tags.
struct Candidate<'c> {
    claim: &'c Claim,
    label: String,
    /// First token.
    first: usize,
    /// One past the last token.
    end: usize,
    /// Position in the document's claims, then among the claim's labels.
    order: usize,
}

/// What one token is tagged with: the index of the winning candidate.
type Owners = Vec<Option<usize>>;

/// Writes the BIO tags of every document.
pub fn write(set: &ExportSet<'_>, out: &mut dyn Write) -> io::Result<ExportSummary> {
    let mut summary = ExportSummary::default();
    for document in &set.documents {
        let text = &*document.document.text;
        let index = CharIndex::new(text);
        let tokens = tokenize(text);
        let (candidates, owners) = assign(set, document, &tokens, &mut summary);
        writeln!(out, "{DOCSTART}")?;
        writeln!(out)?;
        let mut sentence = None;
        for (i, token) in tokens.iter().enumerate() {
            // No sentence break inside a tagged span: an I- tag must follow its B- in the
            // same sentence, or readers drop or split the claim.
            let continues_span = i > 0 && owners[i].is_some() && owners[i] == owners[i - 1];
            if sentence.is_some_and(|s| s != token.sentence) && !continues_span {
                writeln!(out)?;
            }
            sentence = Some(token.sentence);
            let word = clean(index.slice(token.span).unwrap_or_default());
            match owners[i] {
                None => writeln!(out, "{word}\tO")?,
                Some(owner) => {
                    let candidate = &candidates[owner];
                    let prefix = if i == candidate.first { 'B' } else { 'I' };
                    writeln!(out, "{word}\t{prefix}-{}", clean(&candidate.label))?;
                }
            }
        }
        if !tokens.is_empty() {
            writeln!(out)?;
        }
        summary.documents += 1;
        set.tick();
    }
    Ok(summary)
}

/// Decides which span tags each token (see the module docs for the rule); returns the
/// candidates and, per token, the winning candidate.
fn assign<'c>(
    set: &ExportSet<'c>,
    document: &ExportDocument<'c>,
    tokens: &[Token],
    summary: &mut ExportSummary,
) -> (Vec<Candidate<'c>>, Owners) {
    let mut candidates = Vec::new();
    for claim in &document.claims {
        let labels = set.labels_or_skip(document, claim, summary);
        if labels.is_empty() {
            continue;
        }
        let Some((first, end)) = token_range(tokens, claim.span) else {
            summary.skipped.push(format!("{}: covers no token", claim.id));
            continue;
        };
        for label in labels {
            let order = candidates.len();
            candidates.push(Candidate { claim, label, first, end, order });
        }
    }
    let mut ranking: Vec<usize> = (0..candidates.len()).collect();
    ranking.sort_by_key(|&i| {
        let c = &candidates[i];
        (Reverse(c.end - c.first), c.first, c.order)
    });
    let mut owners: Owners = vec![None; tokens.len()];
    let mut tagged_claims: HashSet<&ClaimId> = HashSet::new();
    for i in ranking {
        let candidate = &candidates[i];
        let taken = (candidate.first..candidate.end).find_map(|t| owners[t]);
        match taken {
            Some(winner) => {
                let winner = &candidates[winner];
                let reason = if winner.claim.id == candidate.claim.id {
                    format!("its label {} is already tagged; a token carries one label", winner.label)
                } else {
                    format!(
                        "overlaps {} ({}), which covers more tokens or starts first",
                        winner.claim.id, winner.label
                    )
                };
                summary
                    .skipped
                    .push(format!("{} ({}): not tagged: {reason}", candidate.claim.id, candidate.label));
            }
            None => {
                owners[candidate.first..candidate.end].fill(Some(i));
                summary.spans += 1;
                tagged_claims.insert(&candidate.claim.id);
            }
        }
    }
    summary.claims += tagged_claims.len();
    (candidates, owners)
}

/// A token or label as one field of a line: white space and the control chars that end
/// lines in Python become `_`.
fn clean(field: &str) -> String {
    field
        .chars()
        .map(|c| if c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}') { '_' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::interop::{ExportOptions, LabelBy};
    use crate::model::{ClaimId, Document, DocumentId, LabelId, Project, Taxonomy, Timestamp};

    /// Emoji, Persian, curly quotes, CRLF line ends and a blank line (a sentence end).
    const TEXT: &str =
        "He said “3,000 fighters” 😀 crossed.\r\nکشور 🇵🇰 agreed on $7 billion\r\n\r\nThe deal was signed";

    fn document(id: &str, text: &str) -> Document {
        Document::new(DocumentId::new(id), id.to_owned(), text)
    }

    /// A claim on the first occurrence of `exact`, cut by `trim` chars at each end (to
    /// put its ends inside tokens).
    fn claim(id: &str, document: &Document, exact: &str, kind: &str, trim: usize) -> Claim {
        let byte = document.text.find(exact).unwrap();
        let start = document.text[..byte].chars().count() + trim;
        let span = CharSpan::new(start, start + exact.chars().count() - 2 * trim);
        Claim::new(
            ClaimId::new(id),
            document.id.clone(),
            span,
            QuoteSelector::capture(&document.text, span).unwrap(),
            LabelId::new(kind),
            LabelId::new("unverified"),
            Timestamp("2026-01-02T03:04:05Z".into()),
        )
    }

    fn export(project: &Project, options: &ExportOptions) -> (String, ExportSummary) {
        let set = ExportSet::new(project, options);
        let mut out = Vec::new();
        let summary = write(&set, &mut out).unwrap();
        (String::from_utf8(out).unwrap(), summary)
    }

    /// The documents of an export: per document, its sentences of (token, tag).
    fn parse(conll: &str) -> Vec<Vec<Vec<(String, String)>>> {
        let mut documents = Vec::new();
        for block in conll.split(&format!("{DOCSTART}\n")).skip(1) {
            let block = block.strip_prefix('\n').expect("a blank line after -DOCSTART-");
            assert!(block.is_empty() || block.ends_with("\n\n"), "{block:?}");
            let sentences = block
                .split("\n\n")
                .filter(|s| !s.is_empty())
                .map(|sentence| {
                    sentence
                        .lines()
                        .map(|line| {
                            let (token, tag) = line.split_once('\t').unwrap();
                            assert!(!tag.contains('\t'), "{line:?}");
                            (token.to_owned(), tag.to_owned())
                        })
                        .collect()
                })
                .collect();
            documents.push(sentences);
        }
        assert!(conll.starts_with(DOCSTART));
        documents
    }

    #[test]
    fn tokens_and_tags_line_up_sentence_by_sentence() {
        let mut project = Project::new("t", Taxonomy::builtin());
        let first = document("doc-1", TEXT);
        let second = document("doc-2", "Nothing to see.");
        let empty = document("doc-3", "");
        project.claims = vec![
            claim("claim-1", &first, "“3,000 fighters”", "statistic", 0),
            claim("claim-2", &first, "کشور 🇵🇰 agreed", "event", 0),
            claim("claim-3", &first, "$7 billion", "money", 0),
            // Ends inside "deal" and "signed": the whole tokens are tagged.
            claim("claim-4", &first, "deal was signed", "event", 1),
        ];
        project.documents = vec![first, second, empty];
        let (conll, summary) = export(&project, &ExportOptions::default());
        assert_eq!((summary.documents, summary.claims, summary.spans), (3, 4, 4));
        assert_eq!(summary.skipped, Vec::<String>::new());
        let documents = parse(&conll);
        assert_eq!(documents.len(), 3, "a -DOCSTART- per document");
        assert_eq!(conll.matches(DOCSTART).count(), 3);
        // Tokens and sentences are those of the tokenizer, counted again here by chars.
        let tokens = tokenize(TEXT);
        let words: Vec<String> =
            tokens.iter().map(|t| TEXT.chars().skip(t.span.start).take(t.span.len()).collect()).collect();
        let sentences = tokens.last().unwrap().sentence + 1;
        assert_eq!(documents[0].len(), sentences);
        let flat: Vec<&(String, String)> = documents[0].iter().flatten().collect();
        assert_eq!(flat.iter().map(|(w, _)| w.clone()).collect::<Vec<_>>(), words);
        let mut sentence_sizes = vec![0; sentences];
        for token in &tokens {
            sentence_sizes[token.sentence] += 1;
        }
        assert_eq!(documents[0].iter().map(Vec::len).collect::<Vec<_>>(), sentence_sizes);
        let tagged: Vec<(&str, &str)> =
            flat.iter().filter(|(_, tag)| tag != "O").map(|(w, t)| (w.as_str(), t.as_str())).collect();
        assert_eq!(
            tagged,
            [
                ("“", "B-statistic"),
                ("3,000", "I-statistic"),
                ("fighters", "I-statistic"),
                ("”", "I-statistic"),
                ("کشور", "B-event"),
                ("🇵🇰", "I-event"),
                ("agreed", "I-event"),
                ("$", "B-money"),
                ("7", "I-money"),
                ("billion", "I-money"),
                ("deal", "B-event"),
                ("was", "I-event"),
                ("signed", "I-event"),
            ]
        );
        assert!(flat.iter().any(|(w, tag)| w == "😀" && tag == "O"));
        assert_eq!(
            documents[1],
            [[("Nothing", "O"), ("to", "O"), ("see", "O"), (".", "O")]
                .map(|(w, t)| (w.to_owned(), t.to_owned()))
                .to_vec()]
        );
        assert!(documents[2].is_empty());
        assert!(conll.ends_with(&format!("{DOCSTART}\n\n")), "the empty document has its header only");
    }

    #[test]
    fn a_claim_across_a_sentence_boundary_keeps_its_sentences_together() {
        let mut project = Project::new("t", Taxonomy::builtin());
        let doc = document("doc-1", "First one.\r\nAbout 4,000\r\nfighters remain. Last one.");
        project.claims = vec![claim("claim-1", &doc, "About 4,000\r\nfighters remain", "statistic", 0)];
        project.documents = vec![doc];
        let sentences = tokenize(&project.documents[0].text).last().unwrap().sentence + 1;
        assert_eq!(sentences, 4, "the tokenizer breaks after each line end");
        let (conll, _) = export(&project, &ExportOptions::default());
        let documents = parse(&conll);
        let words =
            |sentence: &Vec<(String, String)>| sentence.iter().map(|(w, _)| w.clone()).collect::<Vec<_>>();
        let sentences: Vec<Vec<String>> = documents[0].iter().map(words).collect();
        assert_eq!(
            sentences,
            [
                vec!["First", "one", "."],
                vec!["About", "4,000", "fighters", "remain", "."],
                vec!["Last", "one", "."]
            ]
        );
        assert_eq!(documents[0][1][2], ("fighters".to_owned(), "I-statistic".to_owned()));
    }

    #[test]
    fn overlaps_go_to_the_longest_claim_then_the_earliest() {
        let mut project = Project::new("t", Taxonomy::builtin());
        let doc = document("doc-1", "one two three four five six seven");
        project.claims = vec![
            claim("short", &doc, "two three", "event", 0),
            claim("long", &doc, "three four five", "statistic", 0),
            claim("tie-late", &doc, "five six", "money", 0),
            claim("tie-early", &doc, "one two", "money", 0),
            claim("inside", &doc, "seven", "money", 0),
        ];
        project.documents = vec![doc];
        let (conll, summary) = export(&project, &ExportOptions::default());
        let tags: Vec<&str> =
            conll.lines().skip(2).filter_map(|l| l.split_once('\t')).map(|(_, t)| t).collect();
        assert_eq!(tags, ["B-money", "I-money", "B-statistic", "I-statistic", "I-statistic", "O", "B-money"]);
        assert_eq!((summary.claims, summary.spans), (3, 3));
        assert_eq!(summary.skipped.len(), 2);
        // "short" ties with "tie-early" (two tokens each), which starts first.
        assert!(
            summary.skipped[0].starts_with("short (event): not tagged: overlaps tie-early"),
            "{:?}",
            summary.skipped
        );
        assert!(
            summary.skipped[1].starts_with("tie-late (money): not tagged: overlaps long"),
            "{:?}",
            summary.skipped
        );
        // The same project gives the same bytes.
        assert_eq!(export(&project, &ExportOptions::default()).0, conll);
    }

    #[test]
    fn a_claim_tags_one_label_and_unlabelled_claims_are_counted() {
        let mut project = Project::new("t", Taxonomy::builtin());
        let doc = document("doc-1", "Costs rose by $7 billion and more.");
        let mut framed = claim("claim-1", &doc, "$7 billion", "money", 0);
        framed.frames = vec![LabelId::new("economic"), LabelId::new("security-defense")];
        let unframed = claim("claim-2", &doc, "Costs rose", "event", 0);
        project.claims = vec![unframed, framed];
        project.documents = vec![doc];
        let options = ExportOptions { labels: LabelBy::Frame, ..Default::default() };
        let (conll, summary) = export(&project, &options);
        assert!(conll.contains("$\tB-economic\n7\tI-economic\nbillion\tI-economic\n"), "{conll}");
        assert_eq!((summary.claims, summary.spans), (1, 1));
        assert_eq!(summary.skipped.len(), 2);
        assert!(summary.skipped.iter().any(|s| s.starts_with("claim-2: no label under --labels frame")));
        assert!(summary.skipped.iter().any(|s| s.starts_with("claim-1 (security-defense): not tagged")));
    }

    #[test]
    fn fields_never_hold_white_space() {
        // Word segmentation glues a combining mark to the space before it.
        let text = "a \u{301}b\tc";
        let words: Vec<&str> = tokenize(text).iter().map(|t| t.span.slice(text).unwrap()).collect();
        let cleaned: Vec<String> = words.iter().map(|w| clean(w)).collect();
        assert!(cleaned.iter().all(|w| !w.contains(char::is_whitespace)), "{cleaned:?}");
        assert_eq!(clean("x\u{2028}y\u{1e}z"), "x_y_z");
    }
}
