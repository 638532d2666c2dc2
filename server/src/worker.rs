//! The deadline worker: every interval, marks the respond-by, resolve-by and check-in
//! deadlines that passed unmet (once each), with an event and notifications. Several server
//! processes may run it at once: each batch locks its rows with `SKIP LOCKED`.

use db::handling::{mark_overdue, Deadline};

/// Rows marked per transaction: a pass commits every batch, so a backlog (a restart after a
/// long pause) never holds one long transaction.
const BATCH: i64 = 500;

/// One pass over every kind of deadline; how many it marked.
pub async fn pass(pool: &db::PgPool) -> Result<u64, db::DbError> {
    let mut total = 0;
    for which in [Deadline::Respond, Deadline::Resolve, Deadline::CheckIn] {
        loop {
            let mut tx = pool.begin().await?;
            let marked = mark_overdue(&mut tx, which, BATCH).await?;
            tx.commit().await?;
            total += marked;
            if marked < u64::try_from(BATCH).unwrap_or(u64::MAX) {
                break;
            }
        }
    }
    Ok(total)
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
