//! `/sign-in`.

use super::api::SignIn;
use crate::accounts::forms::{AccountCheckedForm, AccountForm};
use crate::accounts::AccountTexts;
use crate::components::checked_form::url_error;
use crate::error::field_message;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/sign-in`. A refusal from the server (without JavaScript it comes back in the page's URL)
/// is shown next to the field it concerns.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = AccountTexts::here();
    let error = url_error::<SignIn>();
    view! {
        <Title text=t.sign_in_title />
        <section class="card form">
            <h1>{t.sign_in_title}</h1>
            <AccountCheckedForm form=AccountForm::SignIn action=SignIn::PATH.to_owned()>
                <p class="form-error" role="alert"></p>
                <label for="phone">{t.phone_label}</label>
                <input
                    id="phone"
                    name="phone"
                    type="tel"
                    inputmode="numeric"
                    autocomplete="tel"
                    required
                    aria-describedby="phone-error"
                />
                <p class="field-error" id="phone-error">
                    {field_message(t, &error, "phone")}
                </p>
                <label for="password">{t.password_label}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-describedby="password-error"
                />
                <p class="field-error" id="password-error">
                    {field_message(t, &error, "password")}
                </p>
                <button type="submit" class="button">
                    {t.sign_in}
                </button>
            </AccountCheckedForm>
            <p class="form-links">
                <a href="/reset-password">{t.forgot_password}</a>
                <a href="/register">{t.register}</a>
            </p>
        </section>
    }
}
