//! `/sign-in`.

use super::api::SignIn;
use super::inputs::{Password, PasswordField, PhoneField};
use crate::accounts::forms::{AccountCheckedForm, AccountForm};
use crate::accounts::AccountTexts;
use crate::components::checked_form::url_error;
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
                <PhoneField label=t.phone_label error=error.clone() />
                <PasswordField
                    id="password"
                    name="password"
                    label=t.password_label
                    kind=Password::Current
                    error=error.clone()
                />
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
