//! A map of the catalog that can say what it held before the migration being replayed: while a
//! migration is journaled, the first change to an entry saves the entry as it was. The checks read
//! the schema before a migration through these pre-images ([`super::Before`]) while the replay
//! applies each statement as soon as it is parsed, so no syntax tree outlives its statement and no
//! copy of the catalog is made per migration (a full copy before each of the corpus's 994
//! migrations costs twice as much as the whole run). A migration PostgreSQL refuses is undone
//! from the same journal.

use std::collections::btree_map::{self, BTreeMap};

use super::names::Key;

/// Keyed by catalog [`Key`] unless said otherwise; a set is a `Tracked<(), K>`.
#[derive(Debug, Clone)]
pub struct Tracked<V, K = Key> {
    map: BTreeMap<K, V>,
    /// While journaled: each entry changed since [`Tracked::begin`], as it was then (`None`: absent).
    saved: Option<BTreeMap<K, Option<V>>>,
}

impl<V, K> Default for Tracked<V, K> {
    fn default() -> Self {
        Tracked { map: BTreeMap::new(), saved: None }
    }
}

impl<V: Clone, K: Ord + Clone> Tracked<V, K> {
    /// Start journaling (forgetting an earlier journal).
    pub fn begin(&mut self) {
        self.saved = Some(BTreeMap::new());
    }

    /// Stop journaling: the changes stay.
    pub fn commit(&mut self) {
        self.saved = None;
    }

    /// Undo every change since [`Tracked::begin`]; journaling goes on, with nothing changed.
    pub fn rollback(&mut self) {
        let Some(saved) = self.saved.as_mut() else { return };
        for (key, old) in std::mem::take(saved) {
            match old {
                Some(value) => self.map.insert(key, value),
                None => self.map.remove(&key),
            };
        }
    }

    /// Save the entry as it is, unless it was saved already (or nothing is journaled).
    fn save(&mut self, key: &K) {
        if let Some(saved) = self.saved.as_mut() {
            if !saved.contains_key(key) {
                saved.insert(key.clone(), self.map.get(key).cloned());
            }
        }
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        self.map.get(key)
    }

    /// The entry as it was when journaling began (as it is, when not journaled).
    pub fn get_before(&self, key: &K) -> Option<&V> {
        match self.saved.as_ref().and_then(|saved| saved.get(key)) {
            Some(old) => old.as_ref(),
            None => self.map.get(key),
        }
    }

    pub fn contains_key(&self, key: &K) -> bool {
        self.map.contains_key(key)
    }

    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        // Entries the migration changed already (most: the tables it creates) are saved: one
        // lookup in the journal, one in the map.
        if let Some(saved) = self.saved.as_mut() {
            if !saved.contains_key(key) {
                let old = self.map.get(key)?.clone();
                saved.insert(key.clone(), Some(old));
            }
        }
        self.map.get_mut(key)
    }

    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.save(&key);
        self.map.insert(key, value)
    }

    /// Insert `value` unless `key` holds one already (then nothing changes).
    pub fn insert_if_absent(&mut self, key: K, value: impl FnOnce() -> V) {
        if !self.map.contains_key(&key) {
            self.insert(key, value());
        }
    }

    pub fn remove(&mut self, key: &K) -> Option<V> {
        self.save(key);
        self.map.remove(key)
    }

    /// Keep the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        let gone: Vec<K> =
            self.map.iter().filter(|(key, value)| !keep(key, value)).map(|(key, _)| key.clone()).collect();
        for key in &gone {
            self.remove(key);
        }
    }

    /// Change the entries `wanted` selects with `change` (each is saved first).
    pub fn update_where(&mut self, wanted: impl Fn(&K, &V) -> bool, mut change: impl FnMut(&K, &mut V)) {
        let keys: Vec<K> =
            self.map.iter().filter(|(key, value)| wanted(key, value)).map(|(key, _)| key.clone()).collect();
        for key in keys {
            self.save(&key);
            if let Some(value) = self.map.get_mut(&key) {
                change(&key, value);
            }
        }
    }

    pub fn iter(&self) -> btree_map::Iter<'_, K, V> {
        self.map.iter()
    }

    pub fn keys(&self) -> btree_map::Keys<'_, K, V> {
        self.map.keys()
    }

    pub fn values(&self) -> btree_map::Values<'_, K, V> {
        self.map.values()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A collection with a journal, whatever it holds: what [`super::Catalog`] begins, commits and
/// rolls back together.
pub trait Journal {
    fn begin(&mut self);
    fn commit(&mut self);
    fn rollback(&mut self);
}

impl<V: Clone, K: Ord + Clone> Journal for Tracked<V, K> {
    fn begin(&mut self) {
        Tracked::begin(self);
    }

    fn commit(&mut self) {
        Tracked::commit(self);
    }

    fn rollback(&mut self) {
        Tracked::rollback(self);
    }
}

impl<V: Clone, K: Ord + Clone> FromIterator<(K, V)> for Tracked<V, K> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Tracked { map: iter.into_iter().collect(), saved: None }
    }
}

impl<'a, V, K> IntoIterator for &'a Tracked<V, K> {
    type Item = (&'a K, &'a V);
    type IntoIter = btree_map::Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.map.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_before_is_read_back_and_restored() {
        let mut map: Tracked<u32> = [(Key::public("a"), 1), (Key::public("b"), 2)].into_iter().collect();
        map.begin();
        *map.get_mut(&Key::public("a")).unwrap() = 10;
        *map.get_mut(&Key::public("a")).unwrap() = 11;
        map.remove(&Key::public("b"));
        map.insert(Key::public("c"), 3);
        map.update_where(|_, v| *v == 3, |_, v| *v = 30);
        assert_eq!(map.get(&Key::public("c")), Some(&30));
        assert_eq!(map.get(&Key::public("a")), Some(&11));
        assert_eq!(map.get_before(&Key::public("a")), Some(&1), "the first change saved it");
        assert_eq!(map.get_before(&Key::public("b")), Some(&2));
        assert_eq!(map.get_before(&Key::public("c")), None, "new in this migration");
        map.rollback();
        let now: Vec<(String, u32)> = map.iter().map(|(k, v)| (k.name.clone(), *v)).collect();
        assert_eq!(now, [("a".to_string(), 1), ("b".to_string(), 2)]);
        map.insert(Key::public("d"), 4);
        map.commit();
        assert_eq!(map.get_before(&Key::public("d")), Some(&4), "not journaled: as it is");
    }
}
