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

/// One form field: its label, the control given as children (with `aria-describedby` naming
/// `{name}-error`), and the refusal that concerns the field, in the reader's language.
#[component]
pub fn Field(
    /// The control's element id.
    id: &'static str,
    /// The form field's name, which refusals name.
    name: &'static str,
    label: &'static str,
    error: Option<crate::error::AppError>,
    children: Children,
) -> impl IntoView {
    let t = crate::i18n::CommonTexts::here();
    view! {
        <label for=id>{label}</label>
        {children()}
        <p class="field-error" id=format!("{name}-error")>
            {crate::error::field_message(t, &error, name)}
        </p>
    }
}
