//! Server-only helpers for server functions, by what each is for: the shared state and the
//! error-to-status bridge (`state`), what the process keeps in memory of what changes rarely
//! (`cache`), announcements to live pages (`hub`), who is asking and the transaction an
//! action runs in (`session`), the response's CSP and the client's address (`http`), password
//! hashing off the async threads (`hashing`), and multipart forms (`multipart`).

mod cache;
mod hashing;
mod http;
mod hub;
mod multipart;
mod session;
mod state;

pub use cache::{Caches, Shelf, Shelves, REFERENCE_CHANNEL};
pub use hashing::{half_the_cores, hash_password, hash_password_now, password_matches};
pub use http::{client_addr, client_key, set_page_csp};
pub use hub::Hub;
pub use multipart::{borrowed, form_pairs, form_parts, FormParts};
pub use session::{
    current_user, dry_run, in_transaction, keeping_typed, session, session_ends, take_typed,
    UPLOAD_HEADER,
};
pub use state::{respond, state, AppState, Settings};
