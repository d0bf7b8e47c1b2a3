//! A vector whose clones share storage: fixed-size chunks behind `Arc`s,
//! copied only when written (copy-on-write per chunk).
//!
//! Logs and invariant histories grow with the execution. The timeline keeps a
//! clone of the whole simulation every few hundred events (for seeking), so
//! a plain `Vec` would make every checkpoint cost the full history. Here a
//! clone costs one pointer per chunk, and a push copies at most one chunk.

use std::ops::Index;
use std::sync::Arc;

const CHUNK: usize = 128;

#[derive(Clone, Debug)]
pub struct ChunkedVec<T> {
    chunks: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T> Default for ChunkedVec<T> {
    fn default() -> Self {
        ChunkedVec { chunks: Vec::new(), len: 0 }
    }
}

impl<T: Clone> ChunkedVec<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        (i < self.len).then(|| &self.chunks[i / CHUNK][i % CHUNK])
    }

    pub fn last(&self) -> Option<&T> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }

    pub fn push(&mut self, value: T) {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        let last = self.chunks.last_mut().expect("a chunk was just ensured");
        Arc::make_mut(last).push(value);
        self.len += 1;
    }

    /// Sets element `i` (which must exist).
    pub fn set(&mut self, i: usize, value: T) {
        assert!(i < self.len, "index {i} out of bounds ({})", self.len);
        Arc::make_mut(&mut self.chunks[i / CHUNK])[i % CHUNK] = value;
    }

    /// Keeps the first `len` elements.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        let chunks = len.div_ceil(CHUNK);
        self.chunks.truncate(chunks);
        if let Some(last) = self.chunks.last_mut() {
            let keep = len - (chunks - 1) * CHUNK;
            if last.len() > keep {
                Arc::make_mut(last).truncate(keep);
            }
        }
        self.len = len;
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// Elements `from..` as a plain vector.
    pub fn tail(&self, from: usize) -> Vec<T> {
        (from..self.len).filter_map(|i| self.get(i).cloned()).collect()
    }
}

impl<T: Clone> Index<usize> for ChunkedVec<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        self.get(i).unwrap_or_else(|| panic!("index {i} out of bounds ({})", self.len))
    }
}

impl<T: Clone + PartialEq> PartialEq for ChunkedVec<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<T: Clone + Eq> Eq for ChunkedVec<T> {}

impl<T: Clone> FromIterator<T> for ChunkedVec<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut v = ChunkedVec::new();
        for x in iter {
            v.push(x);
        }
        v
    }
}

impl<T: Clone> From<Vec<T>> for ChunkedVec<T> {
    fn from(v: Vec<T>) -> Self {
        v.into_iter().collect()
    }
}

impl<T: Clone> Extend<T> for ChunkedVec<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for x in iter {
            self.push(x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_vec_through_pushes_truncates_and_sets() {
        let mut v = ChunkedVec::new();
        let mut model = Vec::new();
        for i in 0..1000u32 {
            v.push(i);
            model.push(i);
            if i % 97 == 0 {
                let to = (i as usize * 7) % (model.len() + 1);
                v.truncate(to);
                model.truncate(to);
            }
            if i % 13 == 0 && !model.is_empty() {
                let at = i as usize % model.len();
                v.set(at, i + 1);
                model[at] = i + 1;
            }
            assert_eq!(v.len(), model.len());
        }
        assert!(v.iter().eq(model.iter()));
        assert_eq!(v.tail(5), model[5..].to_vec());
        assert_eq!(v.last(), model.last());
    }

    #[test]
    fn clones_do_not_see_later_writes() {
        let mut a: ChunkedVec<u32> = (0..300).collect();
        let b = a.clone();
        a.set(10, 99);
        a.truncate(200);
        a.push(7);
        assert_eq!(b.len(), 300);
        assert_eq!(b[10], 10);
        assert_eq!(a[10], 99);
        assert_eq!(a[200], 7);
    }
}
