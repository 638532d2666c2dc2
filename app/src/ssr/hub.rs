//! [`Hub`]: announcements from Postgres fanned out to the pages connected to this process.

/// Announcements from Postgres (`LISTEN` on one channel, each payload an id of what changed:
/// a user's inbox, a consultation's ballots), fanned out to the pages connected to this
/// process, whichever process wrote them.
#[derive(Clone)]
pub struct Hub<Id> {
    channel: &'static str,
    sender: tokio::sync::broadcast::Sender<Id>,
}

impl<Id> Hub<Id>
where
    Id: std::str::FromStr + Copy + Eq + Send + 'static,
{
    pub fn new(channel: &'static str) -> Self {
        Hub {
            channel,
            sender: tokio::sync::broadcast::channel(1024).0,
        }
    }

    /// Listens on Postgres until the process ends, reconnecting after a lost connection.
    pub async fn listen(self, pool: db::PgPool) {
        loop {
            if let Err(error) = self.listen_once(&pool).await {
                tracing::warn!(%error, channel = self.channel, "listener lost its connection; reconnecting");
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    }

    async fn listen_once(&self, pool: &db::PgPool) -> Result<(), sqlx::Error> {
        let mut listener = listener(pool, self.channel).await?;
        loop {
            let message = listener.recv().await?;
            if let Ok(id) = message.payload().parse() {
                // Nobody listening is fine: no page about it is open here.
                let _ = self.sender.send(id);
            }
        }
    }

    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Id> {
        self.sender.subscribe()
    }

    /// Waits for an announcement about `id` (or for falling behind, which may have lost one);
    /// false once the hub is gone.
    pub async fn wait_for(receiver: &mut tokio::sync::broadcast::Receiver<Id>, id: Id) -> bool {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match receiver.recv().await {
                Ok(announced) if announced == id => return true,
                Err(RecvError::Lagged(_)) => return true,
                Ok(_) => {}
                Err(RecvError::Closed) => return false,
            }
        }
    }
}

/// A listener on `channel`, on a connection of its own: not one of `pool`'s, which serve
/// requests (a listener holds its connection for good), but made with the same options.
pub async fn listener(
    pool: &db::PgPool,
    channel: &str,
) -> Result<sqlx::postgres::PgListener, sqlx::Error> {
    let own = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect_lazy_with(pool.connect_options().as_ref().clone());
    let mut listener = sqlx::postgres::PgListener::connect_with(&own).await?;
    listener.listen(channel).await?;
    Ok(listener)
}
