//! `/sign-in`, and the account corner of the header.

use super::api::{who_am_i, SignIn, SignOut};
use crate::error::AppError;
use crate::i18n::{error_message, use_texts};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// The sign-in form. A plain HTML form: without JavaScript it posts, and a refusal comes back
/// in the page's URL, shown next to the field it concerns.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<SignIn>::new();
    let error = move || action.value().get().and_then(Result::err);
    let field_error = move |field: &'static str| {
        move || {
            error().and_then(|e| match &e {
                AppError::Invalid { field: f, .. } if f == field => Some(error_message(t, &e)),
                _ => None,
            })
        }
    };
    let form_error = move || {
        error().and_then(|e| (!matches!(e, AppError::Invalid { .. })).then(|| error_message(t, &e)))
    };
    view! {
        <Title text=t.sign_in_title />
        <section class="card form">
            <h1>{t.sign_in_title}</h1>
            <ActionForm action>
                <p class="form-error" role="alert">{form_error}</p>
                <label for="phone">{t.phone_label}</label>
                <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" required />
                <p class="field-error" id="phone-error">{field_error("phone")}</p>
                <label for="password">{t.password_label}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
                <p class="field-error" id="password-error">{field_error("password")}</p>
                <button type="submit" class="button">{t.sign_in}</button>
            </ActionForm>
        </section>
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
                    _ => view! { <a class="account" href="/sign-in">{t.sign_in}</a> }.into_any(),
                }
            })}
        </Suspense>
    }
}
