//! `/sign-in`, and the account corner of the header.

use super::api::{who_am_i, SignIn, SignOut};
use super::Credentials;
use crate::error::AppError;
use crate::i18n::{field_message, form_message, use_texts};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// `/sign-in`. A refusal from the server (without JavaScript it comes back in the page's URL)
/// is shown next to the field it concerns.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<SignIn>::new();
    let error = action.value().get_untracked().and_then(Result::err);
    let message_for = |field: &str| field_message(t, &error, field).map(str::to_owned);
    let form_error = form_message(t, &error).map(str::to_owned);
    let texts = SignInTexts {
        phone_label: t.phone_label.to_owned(),
        password_label: t.password_label.to_owned(),
        submit: t.sign_in.to_owned(),
        phone_format: t.phone_format.to_owned(),
        password_required: t.password_required.to_owned(),
    };
    view! {
        <Title text=t.sign_in_title />
        <section class="card form">
            <h1>{t.sign_in_title}</h1>
            <SignInForm
                texts
                phone_error=message_for("phone")
                password_error=message_for("password")
                form_error
            />
        </section>
    }
}

/// The sign-in form's strings, translated on the server (islands get strings as props).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInTexts {
    pub phone_label: String,
    pub password_label: String,
    pub submit: String,
    pub phone_format: String,
    pub password_required: String,
}

/// The sign-in form: a plain HTML form posting to the server function. Once hydrated, it
/// first checks the fields with the same `Credentials::parse` the server runs, and only posts
/// what would pass.
#[island]
pub fn SignInForm(
    texts: SignInTexts,
    phone_error: Option<String>,
    password_error: Option<String>,
    form_error: Option<String>,
) -> impl IntoView {
    let (phone_error, set_phone_error) = signal(phone_error);
    let (password_error, set_password_error) = signal(password_error);
    let phone = NodeRef::<leptos::html::Input>::new();
    let password = NodeRef::<leptos::html::Input>::new();
    let SignInTexts {
        phone_label,
        password_label,
        submit,
        phone_format,
        password_required,
    } = texts;
    let check = move |ev: leptos::ev::SubmitEvent| {
        let value = |input: NodeRef<leptos::html::Input>| {
            input.get().map(|i| i.value()).unwrap_or_default()
        };
        set_phone_error.set(None);
        set_password_error.set(None);
        if let Err(AppError::Invalid { field, .. }) =
            Credentials::parse(&value(phone), &value(password))
        {
            ev.prevent_default();
            match field.as_str() {
                "phone" => set_phone_error.set(Some(phone_format.clone())),
                _ => set_password_error.set(Some(password_required.clone())),
            }
        }
    };
    view! {
        <form method="post" action=SignIn::PATH on:submit=check novalidate>
            <p class="form-error" role="alert">{form_error}</p>
            <label for="phone">{phone_label}</label>
            <input
                id="phone"
                name="phone"
                type="tel"
                inputmode="numeric"
                autocomplete="tel"
                required
                node_ref=phone
                aria-describedby="phone-error"
            />
            <p class="field-error" id="phone-error">{phone_error}</p>
            <label for="password">{password_label}</label>
            <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                node_ref=password
                aria-describedby="password-error"
            />
            <p class="field-error" id="password-error">{password_error}</p>
            <button type="submit" class="button">{submit}</button>
        </form>
    }
}

/// The header's account corner: the signed-in user's name and a sign-out button, or a
/// sign-in link.
#[component]
pub fn AccountCorner() -> impl IntoView {
    let t = use_texts();
    let user = Resource::new(|| (), |()| who_am_i());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) => view! {
                        <div class="account">
                            <span class="user-name">{user.display_name}</span>
                            <ActionForm action=sign_out>
                                <button type="submit" class="link-button">{t.sign_out}</button>
                            </ActionForm>
                        </div>
                    }
                    .into_any(),
                    _ => view! {
                        <div class="account">
                            <a href="/sign-in">{t.sign_in}</a>
                            <a href="/register">{t.register}</a>
                        </div>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
