//! The deadline worker: every interval, marks the respond-by, resolve-by and check-in
//! deadlines that passed unmet (once each), with an event and notifications, closes the
//! resolved requests left unrated and keeps the duty rosters (reminders, short shifts,
//! no-shows), then raises the hot spots that appeared. Several server
//! processes may run it at once: each batch locks its rows with `SKIP LOCKED`.

use db::handling::{mark_overdue, Deadline};

/// Rows marked per transaction: a pass commits every batch, so a backlog (a restart after a
/// long pause) never holds one long transaction.
const BATCH: i64 = 500;

/// One pass over every kind of deadline, then over the resolved requests left unrated for
/// `ratings::RATE_DAYS` (closed); how many it marked or closed.
pub async fn pass(pool: &db::PgPool) -> Result<u64, db::DbError> {
    let mut total = 0;
    for which in [
        Deadline::Respond,
        Deadline::Resolve,
        Deadline::CheckIn,
        Deadline::Pass,
    ] {
        total += in_batches(pool, |tx| Box::pin(mark_overdue(tx, which, BATCH))).await?;
    }
    let days = i32::try_from(app::ratings::RATE_DAYS).unwrap_or(7);
    total += in_batches(pool, |tx| {
        Box::pin(db::ratings::close_unrated(tx, days, BATCH))
    })
    .await?;
    total += duty(pool).await?;
    Ok(total)
}

/// The duty rosters' part of a pass: reminds whoever signed up for a shift starting soon,
/// tells a community's staff of a shift still short of people in time to fill it, and closes
/// the shifts over (no-shows, check-outs never made); how many.
async fn duty(pool: &db::PgPool) -> Result<u64, db::DbError> {
    use app::volunteers::{REMIND_HOURS, SHORT_HOURS};
    use db::volunteers::{close_shifts, remind, tell_short};
    let mut total = in_batches(pool, |tx| Box::pin(remind(tx, REMIND_HOURS, BATCH))).await?;
    total += in_batches(pool, |tx| Box::pin(tell_short(tx, SHORT_HOURS, BATCH))).await?;
    total += in_batches(pool, |tx| Box::pin(close_shifts(tx, BATCH))).await?;
    Ok(total)
}

type Batch<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<u64, db::DbError>> + Send + 'a>>;

/// Runs `batch` in a transaction of its own until it does less than `BATCH`; the total.
async fn in_batches(
    pool: &db::PgPool,
    batch: impl for<'a> Fn(&'a mut db::PgConnection) -> Batch<'a>,
) -> Result<u64, db::DbError> {
    in_batches_of(pool, BATCH, batch).await
}

async fn in_batches_of(
    pool: &db::PgPool,
    size: i64,
    batch: impl for<'a> Fn(&'a mut db::PgConnection) -> Batch<'a>,
) -> Result<u64, db::DbError> {
    let mut total = 0;
    loop {
        let mut tx = pool.begin().await?;
        let done = batch(&mut tx).await?;
        tx.commit().await?;
        total += done;
        if done < u64::try_from(size).unwrap_or(u64::MAX) {
            return Ok(total);
        }
    }
}

/// Pending requests recounted per transaction.
const RECOUNT_BATCH: i32 = 2000;

/// Deltas folded per transaction.
const FOLD_BATCH: i64 = 5000;

/// Recounts every request whose events are not counted yet, then folds every pending
/// measures delta into the rollups; how many deltas it folded.
pub async fn fold(pool: &db::PgPool) -> Result<u64, db::DbError> {
    in_batches_of(pool, i64::from(RECOUNT_BATCH), |tx| {
        Box::pin(db::measures::recount_pending(tx, RECOUNT_BATCH))
    })
    .await?;
    in_batches_of(pool, FOLD_BATCH, |tx| {
        Box::pin(db::measures::fold(tx, FOLD_BATCH))
    })
    .await
}

/// Folds the measures' deltas every `every` until the process ends, so the dashboard is
/// a few seconds behind the events at most.
pub async fn run_folds(pool: db::PgPool, every: std::time::Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if let Err(error) = fold(&pool).await {
            tracing::warn!(%error, "folding the measures failed");
        }
    }
}

/// Raises the hot spots that appeared since the last pass (`threshold` or more open requests
/// of one category in one community within `handling::HOT_SPOT_DAYS`): the dispatchers and
/// that street's office are notified once a window; how many it raised.
pub async fn raise_hot_spots(pool: &db::PgPool, threshold: i64) -> Result<u64, db::DbError> {
    let mut tx = pool.begin().await?;
    let raised =
        db::handling::raise_hot_spots(&mut tx, threshold, app::handling::HOT_SPOT_DAYS).await?;
    tx.commit().await?;
    Ok(raised)
}

/// Runs a pass, then raises the new hot spots, every `every` until the process ends.
pub async fn run(pool: db::PgPool, every: std::time::Duration, hot_spot_threshold: i64) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match pass(&pool).await {
            Ok(0) => {}
            Ok(marked) => tracing::info!(marked, "deadline worker marked unmet deadlines"),
            Err(error) => tracing::warn!(%error, "deadline worker pass failed"),
        }
        match raise_hot_spots(&pool, hot_spot_threshold).await {
            Ok(0) => {}
            Ok(raised) => tracing::info!(raised, "hot spots raised"),
            Err(error) => tracing::warn!(%error, "raising hot spots failed"),
        }
    }
}

/// The database of a one-off command: `DATABASE_URL`, migrated.
pub(crate) async fn command_database(
    config: &crate::config::Config,
) -> Result<db::PgPool, crate::StartupError> {
    let url = config
        .database_url
        .as_ref()
        .ok_or(crate::StartupError::Usage)?;
    crate::prepare_database(&url.0, config).await
}

/// `server deadlines`: one pass against `DATABASE_URL` (migrated already), printed.
pub async fn pass_once(config: &crate::config::Config) -> Result<(), crate::StartupError> {
    let pool = command_database(config).await?;
    let started = std::time::Instant::now();
    let marked = pass(&pool).await.map_err(crate::StartupError::Worker)?;
    let raised = raise_hot_spots(&pool, config.settings.hot_spot_threshold)
        .await
        .map_err(crate::StartupError::Worker)?;
    println!(
        "deadline worker: {marked} unmet deadlines marked, {raised} hot spots raised in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `server measures check`: recomputes every rollup from the event log and prints any
/// difference; fails when there is one. `server measures rebuild`: counts the rollups again
/// from the log (after a bulk load that bypassed the event trigger).
pub async fn measures(
    config: &crate::config::Config,
    rebuild: bool,
) -> Result<(), crate::StartupError> {
    let pool = command_database(config).await?;
    let started = std::time::Instant::now();
    if rebuild {
        let mut tx = pool
            .begin()
            .await
            .map_err(|e| crate::StartupError::Worker(e.into()))?;
        let rows = db::measures::rebuild(&mut tx)
            .await
            .map_err(crate::StartupError::Worker)?;
        tx.commit()
            .await
            .map_err(|e| crate::StartupError::Worker(e.into()))?;
        println!(
            "measures: {rows} rollup rows counted from the event log in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let mut conn = pool
        .acquire()
        .await
        .map_err(|e| crate::StartupError::Worker(e.into()))?;
    let found = db::measures::check(&mut conn, 20)
        .await
        .map_err(crate::StartupError::Worker)?;
    for d in &found.rollups {
        println!(
            "rollup {} {} {} category {}: the event log says {:?}, kept {:?} ({})",
            d.month,
            d.scope,
            d.scope_id,
            d.category_id,
            d.expected,
            d.kept,
            db::measures::COUNTS.join(", ")
        );
    }
    for id in &found.requests {
        println!("request {id}: its counted contribution differs from its event log");
    }
    println!(
        "measures check: {} rollup rows and {} requests differ (at most 20 of each listed), {:.1} s",
        found.rollups.len(),
        found.requests.len(),
        started.elapsed().as_secs_f64()
    );
    if found.is_clean() {
        Ok(())
    } else {
        Err(crate::StartupError::Inconsistent)
    }
}
