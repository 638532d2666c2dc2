//! Rebuilds this crate when a migration is added or changed: `sqlx::migrate!` embeds the
//! `migrations` folder, which cargo does not otherwise watch.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
