//! The WASM entry point. cargo-leptos builds this crate for `wasm32-unknown-unknown`; the page's
//! hydration script calls [`hydrate`] once the module has loaded.

// Without this `use`, the islands are not linked into the module and nothing hydrates.
#[allow(
    unused_imports,
    reason = "links every #[island] of `app` into the WASM module"
)]
use app::*;

/// Prepares island hydration, then marks `<body data-hydrated>` once the islands are live, so
/// that browser tests (and curious people) can tell.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Leptos' loader walks the page and hydrates each island right after this function returns,
    // in microtasks; a zero-delay timer runs after all of them.
    leptos::prelude::set_timeout(mark_hydrated, std::time::Duration::ZERO);
}

fn mark_hydrated() {
    if let Some(body) = leptos::prelude::document().body() {
        // Failing to set an attribute changes nothing for the user; the browser tests would notice.
        let _ = body.set_attribute("data-hydrated", "true");
    }
    // The service worker (public/sw.js) keeps the shell and shows the offline page; a browser
    // without one (or refusing it) just goes on without.
    let _ = leptos::prelude::window()
        .navigator()
        .service_worker()
        .register("/sw.js");
}
