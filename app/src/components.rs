//! Widgets shared by several features.
pub mod checked_form;
pub mod fallbacks;

use leptos::prelude::*;

/// A table that may be wider than a phone: it scrolls sideways inside a region that takes
/// keyboard focus (so the arrow keys scroll it) and is named for screen readers.
#[component]
pub fn TableScroll(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            {children()}
        </div>
    }
}
