//! [`Shelf`]: what changes rarely, kept in this process so that a page reads it without a
//! round trip, and [`Caches`], the shelves the features keep and what empties them.
//!
//! A shelf is never trusted blindly. Its entries are either emptied when Postgres announces a
//! change (reference data: areas, categories, units; `LISTEN jiesu_reference`, and, in the
//! process that made the change, at once), or checked against a generation the page reads in
//! one small query (the dashboards: the measures' generation, bumped by the fold). While the
//! listener is reconnecting, an announcement may be lost: the announced shelves then keep
//! nothing until it listens again.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

/// Values by key, each with the generation it was read at, up to a number of entries.
pub struct Shelf<K, V> {
    entries: RwLock<HashMap<K, (i64, Arc<V>)>>,
    /// Bumped by every emptying: a value read before one is not kept after it.
    emptied: AtomicU64,
    /// False while an announcement may have been lost: nothing is kept meanwhile.
    trusted: AtomicBool,
    capacity: usize,
}

impl<K: Eq + Hash, V> Shelf<K, V> {
    /// A shelf of up to `capacity` entries; `trusted` when nothing announces its changes (its
    /// entries are checked against a generation instead).
    pub fn new(capacity: usize, trusted: bool) -> Self {
        Shelf {
            entries: RwLock::new(HashMap::new()),
            emptied: AtomicU64::new(0),
            trusted: AtomicBool::new(trusted),
            capacity,
        }
    }

    /// The value of `key` read at `generation` (0 for an announced shelf), kept from an
    /// earlier call when there is one, otherwise from `load` (and kept for the next).
    pub async fn get<E>(
        &self,
        key: K,
        generation: i64,
        load: impl AsyncFnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        let kept = self.read().get(&key).cloned();
        if let Some((_, value)) = kept.filter(|(at, _)| *at == generation) {
            return Ok(value);
        }
        let emptied = self.emptied.load(Ordering::Acquire);
        let value = Arc::new(load().await?);
        if self.trusted.load(Ordering::Acquire) {
            let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
            // Checked under the lock that emptying takes: no emptying came between.
            let unchanged = self.emptied.load(Ordering::Acquire) == emptied;
            if entries.len() >= self.capacity {
                entries.clear();
            }
            if unchanged {
                entries.insert(key, (generation, Arc::clone(&value)));
            }
        }
        Ok(value)
    }

    /// Drops every entry (what it holds changed).
    pub fn empty(&self) {
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        self.emptied.fetch_add(1, Ordering::AcqRel);
        entries.clear();
    }

    /// Keeps nothing until [`Shelf::trust`] (an announcement may be lost meanwhile).
    fn distrust(&self) {
        self.trusted.store(false, Ordering::Release);
        self.empty();
    }

    fn trust(&self) {
        self.empty();
        self.trusted.store(true, Ordering::Release);
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<K, (i64, Arc<V>)>> {
        self.entries.read().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The shelves of this process, shared by its requests.
#[derive(Clone)]
pub struct Caches(Arc<Shelves>);

/// The shelves by what they hold.
pub struct Shelves {
    /// The category tree (announced on `jiesu_reference`).
    pub categories: Shelf<(), Vec<crate::requests::Category>>,
    /// An area and the areas below it, by code (announced on `jiesu_reference`).
    pub areas: Shelf<String, crate::areas::AreaListing>,
    /// Dashboards by subject, code, month and the month it is now, at the measures'
    /// generation.
    pub dashboards: Shelf<crate::measures::ssr::DashboardKey, crate::measures::Dashboard>,
}

/// The channel that announces a change to the reference data (areas, categories, units).
pub const REFERENCE_CHANNEL: &str = "jiesu_reference";

impl Default for Caches {
    fn default() -> Self {
        Self::new()
    }
}

impl Caches {
    /// Empty shelves; the announced ones keep nothing until [`Caches::listen`] listens.
    pub fn new() -> Self {
        // Beijing has about 350 areas with areas below them; a dashboard is some KB (a street's
        // lists all its communities): a crawler asking for every one fills a bounded shelf.
        Caches(Arc::new(Shelves {
            categories: Shelf::new(1, false),
            areas: Shelf::new(1_000, false),
            dashboards: Shelf::new(1_000, true),
        }))
    }

    /// The reference data changed (in this process: the announcement reaches the others).
    pub fn reference_changed(&self) {
        self.0.categories.empty();
        self.0.areas.empty();
    }

    fn announced(&self, trusted: bool) {
        if trusted {
            self.0.categories.trust();
            self.0.areas.trust();
        } else {
            self.0.categories.distrust();
            self.0.areas.distrust();
        }
    }

    /// Listens for changes to the reference data until the process ends; the announced
    /// shelves keep nothing while the connection is lost.
    pub async fn listen(self, pool: db::PgPool) {
        loop {
            if let Err(error) = self.listen_once(&pool).await {
                tracing::warn!(%error, "the caches' listener lost its connection; reconnecting");
            }
            self.announced(false);
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    }

    async fn listen_once(&self, pool: &db::PgPool) -> Result<(), sqlx::Error> {
        let mut listener = super::hub::listener(pool, REFERENCE_CHANNEL).await?;
        // Whatever changed before this point is read afresh: the shelves start empty.
        self.announced(true);
        // `None`: the connection was lost, and announcements with it.
        while listener.try_recv().await?.is_some() {
            self.reference_changed();
        }
        Ok(())
    }
}

impl std::ops::Deref for Caches {
    type Target = Shelves;

    fn deref(&self) -> &Shelves {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Shelf;

    async fn load(n: u32) -> Result<u32, ()> {
        Ok(n)
    }

    #[tokio::test]
    async fn keeps_a_value_until_emptied_or_another_generation() {
        let shelf = Shelf::new(10, true);
        assert_eq!(
            *shelf
                .get("a", 1, async || load(1).await)
                .await
                .expect("loaded"),
            1
        );
        assert_eq!(
            *shelf
                .get("a", 1, async || load(2).await)
                .await
                .expect("loaded"),
            1
        );
        assert_eq!(
            *shelf
                .get("a", 2, async || load(3).await)
                .await
                .expect("loaded"),
            3
        );
        shelf.empty();
        assert_eq!(
            *shelf
                .get("a", 2, async || load(4).await)
                .await
                .expect("loaded"),
            4
        );
    }

    #[tokio::test]
    async fn keeps_nothing_untrusted_nor_what_was_read_across_an_emptying() {
        let shelf = Shelf::new(10, false);
        assert_eq!(
            *shelf
                .get("a", 0, async || load(1).await)
                .await
                .expect("loaded"),
            1
        );
        assert_eq!(
            *shelf
                .get("a", 0, async || load(2).await)
                .await
                .expect("loaded"),
            2
        );
        shelf.trust();
        let read_before_a_change = shelf
            .get("a", 0, async || {
                shelf.empty();
                load(3).await
            })
            .await
            .expect("loaded");
        assert_eq!(*read_before_a_change, 3);
        assert_eq!(
            *shelf
                .get("a", 0, async || load(4).await)
                .await
                .expect("loaded"),
            4
        );
        assert_eq!(
            *shelf
                .get("a", 0, async || load(5).await)
                .await
                .expect("loaded"),
            4
        );
        shelf.distrust();
        assert_eq!(
            *shelf
                .get("a", 0, async || load(6).await)
                .await
                .expect("loaded"),
            6
        );
        assert_eq!(
            *shelf
                .get("a", 0, async || load(7).await)
                .await
                .expect("loaded"),
            7
        );
    }

    #[tokio::test]
    async fn holds_at_most_its_capacity() {
        let shelf = Shelf::new(2, true);
        for n in 0..5 {
            shelf
                .get(n, 0, async || load(n).await)
                .await
                .expect("loaded");
        }
        assert!(shelf.read().len() <= 2);
        assert_eq!(
            *shelf
                .get(4, 0, async || load(9).await)
                .await
                .expect("loaded"),
            4
        );
    }
}
