//! `server`: serves Jiesu. `server pg start|stop` manages the private PostgreSQL cluster for
//! scripts (it prints the cluster's `DATABASE_URL`); `server deadlines` runs one pass of the
//! deadline worker against `DATABASE_URL` and prints what it marked and how long it took;
//! `server measures check` recomputes the measures from the event log and reports any
//! difference (exit status 1 if there is one); `server measures rebuild` recounts them;
//! `server add-admin PHONE NAME` creates an admin account with the password read from
//! standard input.

use std::process::ExitCode;

/// mimalloc, not the system's malloc: with photos decoded on blocking threads, glibc's per-thread
/// arenas kept what a burst of filings with photos had used (370 MB resident just after one and
/// 280 MB after the page views that followed; with mimalloc 230 MB and 89 MB: it gives memory
/// back). `scripts/bench/all.sh` prints the figure.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    server::telemetry::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let config = server::config::Config::from_env();
    let result = match args.as_slice() {
        [] => server::serve(config).await,
        ["pg", "start"] => server::postgres::start_for_scripts(&config.data_dir).await,
        ["pg", "stop"] => server::postgres::stop_for_scripts(&config.data_dir).await,
        ["deadlines"] => server::worker::pass_once(&config).await,
        ["measures", "check"] => server::worker::measures(&config, false).await,
        ["measures", "rebuild"] => server::worker::measures(&config, true).await,
        ["add-admin", phone, name] => server::add_admin(&config, phone, name).await,
        _ => Err(server::StartupError::Usage),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            eprintln!("jiesu: {error}");
            ExitCode::FAILURE
        }
    }
}
