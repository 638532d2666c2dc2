//! CPU-heavy work on blocking threads, a few at once: password hashes and checks.

use crate::error::AppError;

/// Permits for CPU-heavy work (password hashes, photo decodes), each kind on its own: half
/// the cores (at least one), so a burst of it leaves the other half to everything else.
pub fn half_the_cores() -> tokio::sync::Semaphore {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    tokio::sync::Semaphore::new((cores / 2).max(1))
}

/// Password hashes computed at once.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> =
    std::sync::LazyLock::new(half_the_cores);

/// How long a password check may wait for its turn before the answer is "busy, try again".
const HASHING_QUEUE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs `work` (an argon2 hash or check) on a blocking thread once one of the few hashing
/// permits is free. Errors: `Unavailable` (waited too long), `Internal`.
async fn hashing<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = tokio::time::timeout(HASHING_QUEUE_WAIT, HASHING.acquire())
        .await
        .map_err(|_| {
            tracing::warn!("password hashing is saturated: a caller was told to try later");
            AppError::Unavailable
        })?
        .map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing task failed");
        AppError::Internal
    })
}

/// An argon2id hash (PHC string, salt included) of `password`, computed on a blocking thread
/// (~40 ms of CPU that must not stall other requests), a few at once at most. Never call it
/// inside a transaction. Errors: `Unavailable` (too many queued), `Internal`.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    hashing(move || hash_password_now(&password)).await?
}

/// The same, on this thread (start-up and demo data).
pub fn hash_password_now(password: &str) -> Result<String, AppError> {
    use argon2::PasswordHasher;
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
}

/// Whether `password` matches `hash`, on a blocking thread, a few at once at most. Without a
/// hash (an unknown number, a deleted account) it checks against a made-up hash, so the answer
/// takes as long either way. Never call it inside a transaction. Errors: `Unavailable`.
pub async fn password_matches(password: &str, hash: Option<String>) -> Result<bool, AppError> {
    use argon2::PasswordVerifier;
    static UNKNOWN: std::sync::LazyLock<Option<String>> =
        std::sync::LazyLock::new(|| hash_password_now("no account has this password").ok());
    let password = password.to_owned();
    let known = hash.is_some();
    // Check even without a hash: the answer must take as long either way.
    let matched = hashing(move || {
        let Some(hash) = hash.or_else(|| UNKNOWN.clone()) else {
            return false;
        };
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await?;
    Ok(known && matched)
}
