//! `/sign-in`, and the account corner of the header.

use super::api::{who_am_i, SignIn, SignOut};
use super::Role;
use crate::components::checked_form::{url_error, CheckedForm, FormKind};
use crate::i18n::{field_message, form_message, use_texts};
use crate::inbox::api::unread_count;
use crate::inbox::page::InboxBadge;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/sign-in`. A refusal from the server (without JavaScript it comes back in the page's URL)
/// is shown next to the field it concerns.
#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_texts();
    let error = url_error::<SignIn>();
    view! {
        <Title text=t.sign_in_title />
        <section class="card form">
            <h1>{t.sign_in_title}</h1>
            <CheckedForm kind=FormKind::SignIn action=SignIn::PATH.to_owned() messages=FormKind::SignIn.messages(t)>
                <p class="form-error" role="alert">{form_message(t, &error)}</p>
                <label for="phone">{t.phone_label}</label>
                <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel"
                    required aria-describedby="phone-error" />
                <p class="field-error" id="phone-error">{field_message(t, &error, "phone")}</p>
                <label for="password">{t.password_label}</label>
                <input id="password" name="password" type="password" autocomplete="current-password"
                    required aria-describedby="password-error" />
                <p class="field-error" id="password-error">{field_message(t, &error, "password")}</p>
                <button type="submit" class="button">{t.sign_in}</button>
            </CheckedForm>
            <p class="form-links">
                <a href="/reset-password">{t.forgot_password}</a>
                <a href="/register">{t.register}</a>
            </p>
        </section>
    }
}

/// The header's account corner: the signed-in user's name, a link to their account and a
/// sign-out button; or sign-in and register links.
#[component]
pub fn AccountCorner() -> impl IntoView {
    let t = use_texts();
    let user = Resource::new(|| (), |()| who_am_i());
    let unread = Resource::new(|| (), |()| unread_count());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let user = user.await;
                let unread = unread.await.unwrap_or_default();
                match user {
                    Ok(Some(user)) => view! {
                        <div class="account">
                            <span class="user-name">{user.display_name}</span>
                            <InboxBadge unread label=t.inbox_title.to_owned() />
                            {match user.role {
                                Role::Resident => view! { <a href="/requests/mine">{t.nav_mine}</a> }.into_any(),
                                Role::Dispatcher | Role::Handler => view! { <a href="/staff">{t.nav_staff}</a> }.into_any(),
                                Role::Admin => view! { <a href="/admin">{t.nav_admin}</a> }.into_any(),
                                Role::AreaStaff => view! { <a href="/verifications">{t.nav_verifications}</a> }.into_any(),
                            }}
                            <a href="/account">{t.nav_account}</a>
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
