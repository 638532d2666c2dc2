//! The fields every account form shares, each with its label and the refusal that concerns it:
//! the phone number, and a password (the one the account has, or a new one).

use crate::components::Field;
use crate::error::AppError;
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
    view! {
        <Field id="phone" name="phone" label error>
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
        </Field>
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
    let (autocomplete, minlength) = match kind {
        Password::Current => ("current-password", None),
        Password::New => ("new-password", Some("8")),
    };
    view! {
        <Field id name label error>
            <input
                id=id
                name=name
                type="password"
                autocomplete=autocomplete
                minlength=minlength
                required
                aria-describedby=format!("{name}-error")
            />
        </Field>
    }
}
