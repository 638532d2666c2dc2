//! `/register` and `/register/confirm`: a resident registers with a number confirmed by a
//! code. The place is chosen by reloading the page (no JavaScript needed), then the details
//! are posted; refusals come back next to their fields.

use super::api::{typed_values, ConfirmPhone, Register, REGISTER_FORM};
use super::inputs::{Password, PasswordField, PhoneField};
use super::Phone;
use crate::accounts::forms::{AccountCheckedForm, AccountForm};
use crate::accounts::AccountTexts;
use crate::areas::places::{area_options, load_places, PlaceSteps, Places};
use crate::components::checked_form::url_error;
use crate::error::field_message;
use crate::fields::field_value;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/register?district=…&street=…`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = AccountTexts::here();
    let query = use_query_map();
    let chosen = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let places = Resource::new(
        move || (chosen("district"), chosen("street")),
        |(d, s)| load_places(d, s),
    );
    let typed = Resource::new(|| (), |()| typed_values(REGISTER_FORM.to_owned()));
    view! {
        <Title text=t.register_title />
        <section class="card form">
            <h1>{t.register_title}</h1>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    let typed = typed.await.unwrap_or_default();
                    places.await.map(|places| view! { <RegisterSteps places typed /> })
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RegisterSteps(
    places: Places,
    /// What was typed before the server refused it (no password).
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let typed_value = |field: &str| field_value(&typed, field).unwrap_or_default().to_owned();
    let (typed_phone, typed_name, typed_community) = (
        typed_value("phone"),
        typed_value("display_name"),
        typed_value("community"),
    );
    let locale = use_locale();
    let t = AccountTexts::of(locale);
    let error = url_error::<Register>();
    let communities = places.communities.clone();
    let details = (!communities.is_empty()).then(|| {
        view! {
            <h2>{t.register_details_step}</h2>
            <AccountCheckedForm form=AccountForm::Register action=Register::PATH.to_owned()>
                <p class="form-error" role="alert"></p>
                <label for="community">{t.community_label}</label>
                <select id="community" name="community" required aria-describedby="community-error">
                    {area_options(&communities, Some(typed_community.as_str()), locale, t)}
                </select>
                <p class="field-error" id="community-error">
                    {field_message(t, &error, "community")}
                </p>
                <PhoneField label=t.phone_label value=typed_phone.clone() error=error.clone() />
                <label for="display_name">{t.display_name_label}</label>
                <input
                    id="display_name"
                    name="display_name"
                    value=typed_name.clone()
                    autocomplete="nickname"
                    maxlength="20"
                    required
                    aria-describedby="display_name-error"
                />
                <p class="field-error" id="display_name-error">
                    {field_message(t, &error, "display_name")}
                </p>
                <PasswordField
                    id="password"
                    name="password"
                    label=t.password_new_label
                    kind=Password::New
                    error=error.clone()
                />
                <button type="submit" class="button">
                    {t.send_code}
                </button>
            </AccountCheckedForm>
        }
    });
    view! {
        <h2>{t.register_place_step}</h2>
        <PlaceSteps places action="/register" />
        {details}
    }
}

/// `/register/confirm?phone=…`: the code from the text message.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let t = AccountTexts::here();
    let query = use_query_map();
    let phone = query.read_untracked().get("phone").unwrap_or_default();
    let masked = Phone::parse(&phone).map(|p| p.masked()).unwrap_or_default();
    let error = url_error::<ConfirmPhone>();
    let message = field_message(t, &error, "code").or(field_message(t, &error, "phone"));
    view! {
        <Title text=t.confirm_title />
        <section class="card form">
            <h1>{t.confirm_title}</h1>
            <p>{t.confirm_intro} " " <strong>{masked}</strong></p>
            <AccountCheckedForm form=AccountForm::ConfirmCode action=ConfirmPhone::PATH.to_owned()>
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
                <p class="field-error" id="code-error" role="alert">
                    {message}
                </p>
                <button type="submit" class="button">
                    {t.confirm}
                </button>
            </AccountCheckedForm>
            <p>
                <a href="/register">{t.register}</a>
            </p>
        </section>
    }
}
