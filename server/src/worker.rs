//! The deadline worker: every interval, marks the respond-by, resolve-by and check-in
//! deadlines that passed unmet (once each), with an event and notifications, and closes the
//! resolved requests left unrated. Several server
//! processes may run it at once: each batch locks its rows with `SKIP LOCKED`.

use db::handling::{mark_overdue, Deadline};

/// Rows marked per transaction: a pass commits every batch, so a backlog (a restart after a
/// long pause) never holds one long transaction.
const BATCH: i64 = 500;

/// One pass over every kind of deadline, then over the resolved requests left unrated for
/// `ratings::RATE_DAYS` (closed); how many it marked or closed.
pub async fn pass(pool: &db::PgPool) -> Result<u64, db::DbError> {
    let mut total = 0;
    for which in [Deadline::Respond, Deadline::Resolve, Deadline::CheckIn] {
        total += in_batches(pool, |tx| Box::pin(mark_overdue(tx, which, BATCH))).await?;
    }
    let days = i32::try_from(app::ratings::RATE_DAYS).unwrap_or(7);
    total += in_batches(pool, |tx| {
        Box::pin(db::ratings::close_unrated(tx, days, BATCH))
    })
    .await?;
    Ok(total)
}

type Batch<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<u64, db::DbError>> + Send + 'a>>;

/// Runs `batch` in a transaction of its own until it does less than `BATCH`; the total.
async fn in_batches(
    pool: &db::PgPool,
    batch: impl for<'a> Fn(&'a mut db::PgConnection) -> Batch<'a>,
) -> Result<u64, db::DbError> {
    let mut total = 0;
    loop {
        let mut tx = pool.begin().await?;
        let done = batch(&mut tx).await?;
        tx.commit().await?;
        total += done;
        if done < u64::try_from(BATCH).unwrap_or(u64::MAX) {
            return Ok(total);
        }
    }
}

/// Runs a pass every `every` until the process ends.
pub async fn run(pool: db::PgPool, every: std::time::Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match pass(&pool).await {
            Ok(0) => {}
            Ok(marked) => tracing::info!(marked, "deadline worker marked unmet deadlines"),
            Err(error) => tracing::warn!(%error, "deadline worker pass failed"),
        }
    }
}

/// `server deadlines`: one pass against `DATABASE_URL` (migrated already), printed.
pub async fn pass_once(config: &crate::config::Config) -> Result<(), crate::StartupError> {
    let url = config
        .database_url
        .as_ref()
        .ok_or(crate::StartupError::Usage)?;
    let pool = crate::prepare_database(&url.0, config).await?;
    let started = std::time::Instant::now();
    let marked = pass(&pool).await.map_err(crate::StartupError::Worker)?;
    println!(
        "deadline worker: {marked} unmet deadlines marked in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
