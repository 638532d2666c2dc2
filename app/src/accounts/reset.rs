//! `/reset-password` and `/reset-password/confirm`: a forgotten password is replaced with the
//! help of a code texted to the number, as at registration.

use super::api::{RequestPasswordReset, ResetPassword};
use super::inputs::{Password, PasswordField, PhoneField};
use super::Phone;
use crate::accounts::forms::{AccountCheckedForm, AccountForm};
use crate::accounts::AccountTexts;
use crate::components::checked_form::url_error;
use crate::error::field_message;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/reset-password`: the number to text a code to.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let t = AccountTexts::here();
    let error = url_error::<RequestPasswordReset>();
    view! {
        <Title text=t.reset_title />
        <section class="card form">
            <h1>{t.reset_title}</h1>
            <p>{t.reset_intro}</p>
            <AccountCheckedForm
                form=AccountForm::ResetRequest
                action=RequestPasswordReset::PATH.to_owned()
            >
                <p class="form-error" role="alert"></p>
                <PhoneField label=t.phone_label error=error.clone() />
                <button type="submit" class="button">
                    {t.send_code}
                </button>
            </AccountCheckedForm>
        </section>
    }
}

/// `/reset-password/confirm?phone=…`: the code and the new password.
#[component]
pub fn ResetConfirmPage() -> impl IntoView {
    let t = AccountTexts::here();
    let phone = use_query_map()
        .read_untracked()
        .get("phone")
        .unwrap_or_default();
    let masked = Phone::parse(&phone).map(|p| p.masked()).unwrap_or_default();
    let error = url_error::<ResetPassword>();
    let code_message = field_message(t, &error, "code").or(field_message(t, &error, "phone"));
    view! {
        <Title text=t.reset_confirm_title />
        <section class="card form">
            <h1>{t.reset_confirm_title}</h1>
            <p>{t.reset_confirm_intro} " " <strong>{masked}</strong></p>
            <AccountCheckedForm
                form=AccountForm::ResetPassword
                action=ResetPassword::PATH.to_owned()
            >
                <p class="form-error" role="alert"></p>
                <input type="hidden" name="phone" value=phone.clone() />
                <label for="code">{t.code_label}</label>
                <input
                    id="code"
                    name="code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength="7"
                    required
                    aria-describedby="code-error"
                />
                <p class="field-error" id="code-error">
                    {code_message}
                </p>
                <PasswordField
                    id="password"
                    name="password"
                    label=t.new_password_label
                    kind=Password::New
                    error=error.clone()
                />
                <button type="submit" class="button">
                    {t.reset_submit}
                </button>
            </AccountCheckedForm>
            <p>
                <a href="/reset-password">{t.reset_start_again}</a>
            </p>
        </section>
    }
}
