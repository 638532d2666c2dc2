//! Live results across server processes: each process announces the consultations that took
//! its ballots (batched, through Postgres), and every page in a process following one
//! consultation gets the same tally, read once per burst of ballots however many pages follow
//! it.

use super::Tally;
use crate::ssr::Hub;
use ids::ConsultationId;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::{watch, Notify};

/// How often a process announces the consultations that took its ballots: the longest a page
/// waits for a ballot to show, before its reader's own pause.
const ANNOUNCE_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// Ballots announced to this process (by Postgres, from whichever process took them) and the
/// consultations whose results pages here follow.
#[derive(Clone)]
pub struct LiveResults {
    ballots: Hub<ConsultationId>,
    followed: Arc<Mutex<HashMap<ConsultationId, watch::Sender<Option<Tally>>>>>,
    /// Consultations that took ballots here since they were last announced.
    cast: Arc<Mutex<HashSet<ConsultationId>>>,
    cast_signal: Arc<Notify>,
}

impl LiveResults {
    pub fn new() -> LiveResults {
        LiveResults {
            ballots: Hub::new(db::consultations::BALLOTS_CHANNEL),
            followed: Arc::default(),
            cast: Arc::default(),
            cast_signal: Arc::default(),
        }
    }

    /// Listens for ballots (see `Hub::listen`) and announces this process's, until the
    /// process ends.
    pub async fn listen(self, pool: db::PgPool) {
        tokio::join!(
            self.ballots.clone().listen(pool.clone()),
            self.announce_cast(pool)
        );
    }

    /// Notes that consultation `id` took a ballot, committed: every process hears of it
    /// within `ANNOUNCE_EVERY`, with the other consultations that took ballots meanwhile.
    pub fn cast(&self, id: ConsultationId) {
        lock(&self.cast).insert(id);
        self.cast_signal.notify_one();
    }

    async fn announce_cast(&self, pool: db::PgPool) {
        loop {
            self.cast_signal.notified().await;
            tokio::time::sleep(ANNOUNCE_EVERY).await;
            let ids: Vec<ConsultationId> =
                std::mem::take(&mut *lock(&self.cast)).into_iter().collect();
            if ids.is_empty() {
                // A wake-up left from the last batch, whose ballots went with it.
                continue;
            }
            let sent = async {
                let mut conn = pool.acquire().await?;
                db::consultations::announce_ballots(&mut conn, &ids).await
            };
            if let Err(error) = sent.await {
                // Their pages catch up with the next ballot's announcement.
                tracing::warn!(%error, "could not announce ballots");
            }
        }
    }

    /// The published tallies of consultation `id` from now on (see `ssr::public_tally`, with
    /// `min_ballots`), each looked up after a burst of ballots; starts reading them if no page
    /// here follows it yet. Reading stops once no page does.
    pub fn follow(
        &self,
        pool: &db::PgPool,
        id: ConsultationId,
        min_ballots: i64,
    ) -> watch::Receiver<Option<Tally>> {
        let mut followed = lock(&self.followed);
        if let Some(sender) = followed.get(&id) {
            return sender.subscribe();
        }
        let (sender, receiver) = watch::channel(None);
        followed.insert(id, sender.clone());
        let reader = Reader {
            live: self.clone(),
            ballots: self.ballots.subscribe(),
            pool: pool.clone(),
            id,
            min_ballots,
        };
        tokio::spawn(reader.run(sender));
        receiver
    }

    /// How many consultations pages in this process follow now.
    pub fn followed(&self) -> usize {
        lock(&self.followed).len()
    }
}

impl Default for LiveResults {
    fn default() -> Self {
        LiveResults::new()
    }
}

/// Reads one consultation's tally after each burst of its ballots, for the pages following it.
struct Reader {
    live: LiveResults,
    ballots: tokio::sync::broadcast::Receiver<ConsultationId>,
    pool: db::PgPool,
    id: ConsultationId,
    min_ballots: i64,
}

impl Reader {
    async fn run(mut self, sender: watch::Sender<Option<Tally>>) {
        use tokio::sync::broadcast::error::TryRecvError;
        loop {
            tokio::select! {
                () = sender.closed() => {
                    // Nobody follows it: stop, unless a page started following meanwhile.
                    let mut followed = lock(&self.live.followed);
                    if sender.receiver_count() == 0 {
                        followed.remove(&self.id);
                        return;
                    }
                }
                more = Hub::wait_for(&mut self.ballots, self.id) => {
                    if !more {
                        // The hub is gone (the process is ending): so are the streams.
                        let mut followed = lock(&self.live.followed);
                        followed.remove(&self.id);
                        return;
                    }
                    // A burst of ballots is read once.
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    while matches!(
                        self.ballots.try_recv(),
                        Ok(_) | Err(TryRecvError::Lagged(_))
                    ) {}
                    // A failed read skips this update: the next ballot brings another. Nothing
                    // published yet: nothing to send.
                    if let Ok(Some(tally)) = self.read().await {
                        sender.send_replace(Some(tally));
                    }
                }
            }
        }
    }

    async fn read(&self) -> Result<Option<Tally>, crate::error::AppError> {
        let mut conn = self.pool.acquire().await?;
        super::ssr::public_tally(&mut conn, self.id, self.min_ballots).await
    }
}

/// The value behind `mutex`, even if a thread panicked holding it (each update is whole).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
