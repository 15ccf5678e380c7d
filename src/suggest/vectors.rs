//! Vectors: sparse tf-idf vectors over interned feature ids, their dot product, and sets
//! of character trigram hashes with their cosine. Plain arithmetic, no text rules.

use std::collections::HashMap;

/// A sparse vector: (feature id, weight), sorted by id.
pub(super) type Sparse = Vec<(u32, f32)>;

pub(super) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Cosine of two sorted sets of trigram hashes.
pub(super) fn set_cosine(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f32 / ((a.len() * b.len()) as f32).sqrt()
}

/// Hashes of the character trigrams of the words, each word padded with a space.
pub(super) fn trigrams<'a>(words: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut hashes = Vec::new();
    for word in words {
        let chars: Vec<char> = std::iter::once(' ').chain(word.chars()).chain(std::iter::once(' ')).collect();
        for window in chars.windows(3) {
            // FNV-1a over the three chars.
            let mut hash: u32 = 0x811c_9dc5;
            for &c in window {
                hash = (hash ^ c as u32).wrapping_mul(0x0100_0193);
            }
            hashes.push(hash);
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// Counts to tf-idf weights of unit length, sorted by id.
pub(super) fn weigh(counts: &[(u32, u32)], idf: &[f32]) -> Sparse {
    let mut vector: Sparse =
        counts.iter().map(|&(id, count)| (id, (1.0 + (count as f32).ln()) * idf[id as usize])).collect();
    vector.sort_unstable_by_key(|&(id, _)| id);
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut vector {
            *w /= norm;
        }
    }
    vector
}

pub(super) fn count_ids(ids: impl Iterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut ids: Vec<u32> = ids.collect();
    ids.sort_unstable();
    let mut counts: Vec<(u32, u32)> = Vec::with_capacity(ids.len());
    for id in ids {
        match counts.last_mut() {
            Some((last, count)) if *last == id => *count += 1,
            _ => counts.push((id, 1)),
        }
    }
    counts
}

/// Inverse frequency over sentences; ubiquitous features weigh close to nothing.
pub(super) fn idf(document_frequency: u32, sentences: u32) -> f32 {
    ((sentences as f32 + 1.0) / (document_frequency as f32 + 0.5)).ln().max(0.01)
}

/// Feature names (stems, entity keys, surfaces) to dense ids, in order of first use.
#[derive(Default)]
pub(super) struct Interner {
    ids: HashMap<String, u32>,
    /// Names by id.
    pub(super) names: Vec<String>,
}

impl Interner {
    /// The id of `name`, a new one the first time.
    pub(super) fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_owned(), id);
        self.names.push(name.to_owned());
        id
    }
}
