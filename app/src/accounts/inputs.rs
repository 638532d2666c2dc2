//! The fields every account form shares, each with its label and the refusal that concerns it:
//! the phone number, and a password (the one the account has, or a new one).

use crate::error::{field_message, AppError};
use crate::i18n::CommonTexts;
use leptos::prelude::*;

/// A mobile number: the phone's number pad, and autofill with the phone's own number.
#[component]
pub fn PhoneField(
    label: &'static str,
    /// What was typed before the server refused the form.
    #[prop(optional)]
    value: Option<String>,
    error: Option<AppError>,
) -> impl IntoView {
    let t = CommonTexts::here();
    view! {
        <label for="phone">{label}</label>
        <input
            id="phone"
            name="phone"
            value=value
            type="tel"
            inputmode="numeric"
            autocomplete="tel"
            required
            aria-describedby="phone-error"
        />
        <p class="field-error" id="phone-error">
            {field_message(t, &error, "phone")}
        </p>
    }
}

/// Which password a field asks for: password managers fill the current one in and offer to
/// make up a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Password {
    Current,
    /// At least 8 characters, as the server checks.
    New,
}

/// A password field named `name` (its element id is `id`, unique on the page).
#[component]
pub fn PasswordField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    kind: Password,
    error: Option<AppError>,
) -> impl IntoView {
    let t = CommonTexts::here();
    let error_id = format!("{name}-error");
    let (autocomplete, minlength) = match kind {
        Password::Current => ("current-password", None),
        Password::New => ("new-password", Some("8")),
    };
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            name=name
            type="password"
            autocomplete=autocomplete
            minlength=minlength
            required
            aria-describedby=error_id.clone()
        />
        <p class="field-error" id=error_id>
            {field_message(t, &error, name)}
        </p>
    }
}
