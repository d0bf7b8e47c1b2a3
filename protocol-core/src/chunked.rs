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
        self.iter_from(0)
    }

    /// Elements `from..`, without stepping over the ones before.
    pub fn iter_from(&self, from: usize) -> impl DoubleEndedIterator<Item = &T> + '_ {
        let (chunk, skip) = (from / CHUNK, from % CHUNK);
        let first = self.chunks.get(chunk).map_or(&[][..], |c| c.get(skip..).unwrap_or_default());
        first.iter().chain(self.chunks.iter().skip(chunk + 1).flat_map(|c| c.iter()))
    }

    /// Elements `from..` as a plain vector.
    pub fn tail(&self, from: usize) -> Vec<T> {
        self.iter_from(from).cloned().collect()
    }

    /// Every element, as a plain vector.
    pub fn to_vec(&self) -> Vec<T> {
        self.tail(0)
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

/// A map from slot numbers (small, mostly consecutive integers, as in a
/// Multi-Paxos log) to values, stored in a [`ChunkedVec`] indexed by slot:
/// clones share storage the same way.
#[derive(Clone, Debug)]
pub struct SlotMap<T> {
    slots: ChunkedVec<Option<T>>,
    len: usize,
}

impl<T> Default for SlotMap<T> {
    fn default() -> Self {
        SlotMap { slots: ChunkedVec::default(), len: 0 }
    }
}

impl<T: Clone> SlotMap<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many slots hold a value.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, slot: u64) -> Option<&T> {
        usize::try_from(slot).ok().and_then(|i| self.slots.get(i)).and_then(Option::as_ref)
    }

    pub fn contains_key(&self, slot: u64) -> bool {
        self.get(slot).is_some()
    }

    /// Puts `value` in `slot`, replacing what was there.
    pub fn insert(&mut self, slot: u64, value: T) {
        let i = usize::try_from(slot).expect("a slot number fits in memory");
        while self.slots.len() <= i {
            self.slots.push(None);
        }
        if self.slots[i].is_none() {
            self.len += 1;
        }
        self.slots.set(i, Some(value));
    }

    /// The slots holding a value, in order, with their values.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &T)> + '_ {
        self.iter_from(0)
    }

    /// The same from slot `from` on.
    pub fn iter_from(&self, from: u64) -> impl Iterator<Item = (u64, &T)> + '_ {
        let from = usize::try_from(from).unwrap_or(usize::MAX).min(self.slots.len());
        (from as u64..).zip(self.slots.iter_from(from)).filter_map(|(s, v)| v.as_ref().map(|v| (s, v)))
    }

    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.iter().map(|(s, _)| s)
    }

    pub fn values(&self) -> impl Iterator<Item = &T> + '_ {
        self.iter().map(|(_, v)| v)
    }

    /// The highest slot holding a value.
    pub fn last_key(&self) -> Option<u64> {
        (0..self.slots.len()).rev().find(|&i| self.slots[i].is_some()).map(|i| i as u64)
    }
}

impl<T: Clone + PartialEq> PartialEq for SlotMap<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<T: Clone + Eq> Eq for SlotMap<T> {}

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
    fn a_slot_map_behaves_like_a_btree_map() {
        use std::collections::BTreeMap;
        let mut m = SlotMap::new();
        let mut model = BTreeMap::new();
        assert_eq!(m.last_key(), None);
        for i in 0..600u64 {
            let slot = (i * 37) % 401;
            m.insert(slot, i);
            model.insert(slot, i);
            assert_eq!(m.len(), model.len());
        }
        assert!(m.iter().eq(model.iter().map(|(&k, v)| (k, v))));
        assert!(m.iter_from(150).eq(model.range(150..).map(|(&k, v)| (k, v))));
        assert_eq!(m.iter_from(10_000).count(), 0);
        assert_eq!(m.last_key(), model.keys().next_back().copied());
        assert_eq!(m.get(37), model.get(&37));
        assert!(!m.contains_key(401) && m.get(u64::MAX).is_none());
        let snapshot = m.clone();
        m.insert(5, 0);
        assert_ne!(snapshot, m);
        assert_eq!(snapshot.get(5), model.get(&5));
    }

    #[test]
    fn iter_from_starts_anywhere() {
        let v: ChunkedVec<u32> = (0..300).collect();
        for from in [0, 1, 127, 128, 129, 299, 300, 1000] {
            assert!(v.iter_from(from).eq((from as u32..300).collect::<Vec<_>>().iter()), "{from}");
        }
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
