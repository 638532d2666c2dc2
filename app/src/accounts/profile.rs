//! `/account`: the signed-in resident's own data. Change the name and home community (the
//! community is chosen as at registration), change the password, download everything as
//! JSON, delete the account. `/account/deleted` says goodbye.

use super::api::{
    my_profile, typed_values, ChangePassword, DeleteAccount, DownloadMyData, UpdateProfile,
    PROFILE_FORM,
};
use super::inputs::{Password, PasswordField};
use super::Profile;
use crate::accounts::forms::{AccountCheckedForm, AccountForm};
use crate::accounts::AccountTexts;
use crate::areas::places::{area_options, load_places, parents_of, PlaceSteps};
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::error::field_message;
use crate::error::AppError;
use crate::fields::field_value;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/account?district=…&street=…&saved=…`. Signed out, it sends the visitor to sign in.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = AccountTexts::here();
    let query = use_query_map();
    let chosen = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let profile = Resource::new(|| (), |()| my_profile());
    let typed = Resource::new(|| (), |()| typed_values(PROFILE_FORM.to_owned()));
    view! {
        <Title text=t.profile_title />
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                let profile = match gate(profile.await, None)? {
                    Ok(profile) => profile,
                    Err(instead) => return Ok(instead),
                };
                let typed = typed.await.unwrap_or_default();
                let home = profile.home.first().map(|a| a.code.clone()).unwrap_or_default();
                let (home_district, home_street) = parents_of(&home);
                let district = chosen("district").or(home_district);
                let street = chosen("street").or(home_street);
                let places = load_places(district, street).await?;
                let saved = chosen("saved");
                Ok::<
                    _,
                    AppError,
                >(view! { <AccountSections profile places typed saved /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn AccountSections(
    profile: Profile,
    places: crate::areas::places::Places,
    /// What was typed into the profile form before the server refused it.
    typed: Vec<(String, String)>,
    saved: Option<String>,
) -> impl IntoView {
    let t = AccountTexts::here();
    let saved = match saved.as_deref() {
        Some("profile") => Some(t.saved_profile),
        Some("password") => Some(t.saved_password),
        Some("verification") => Some(t.verification_asked),
        _ => None,
    };
    view! {
        <ProfileFacts profile=profile.clone() saved />
        <crate::verifications::page::VerificationSection />
        <DetailsForm profile places typed />
        <PasswordForm />
        <MyDataSection />
        <DeleteAccountForm />
    }
}

/// Who the account is, with what was just saved.
#[component]
fn ProfileFacts(profile: Profile, saved: Option<&'static str>) -> impl IntoView {
    let locale = use_locale();
    let t = AccountTexts::of(locale);
    let home_names = profile
        .home
        .iter()
        .rev()
        .map(|a| a.name(locale).to_owned())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <section class="card">
            <h1>{t.profile_title}</h1>
            <p class="notice-ok" role="status">
                {saved}
            </p>
            <dl class="facts">
                <dt>{t.display_name_label}</dt>
                <dd class="profile-name">{profile.display_name}</dd>
                <dt>{t.phone_label}</dt>
                <dd>{profile.phone_masked}</dd>
                <dt>{t.profile_role}</dt>
                <dd>{profile.role.label(t.locale())}</dd>
                <dt>{t.profile_home}</dt>
                <dd class="profile-home">{home_names}</dd>
            </dl>
        </section>
    }
}

/// The home community and the name, with what was typed before a refusal.
#[component]
fn DetailsForm(
    profile: Profile,
    places: crate::areas::places::Places,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = AccountTexts::of(locale);
    let typed_value = |field: &str| field_value(&typed, field).map(str::to_owned);
    let name = typed_value("display_name").unwrap_or(profile.display_name.clone());
    let community = typed_value("community").or(profile.home.first().map(|a| a.code.clone()));
    let details_error = url_error::<UpdateProfile>();
    let communities = places.communities.clone();
    view! {
        <section class="card form">
            <h2>{t.profile_details_title}</h2>
            <PlaceSteps places action="/account" />
            <AccountCheckedForm form=AccountForm::Profile action=UpdateProfile::PATH.to_owned()>
                <p class="form-error" role="alert"></p>
                <label for="community">{t.community_label}</label>
                <select id="community" name="community" required aria-describedby="community-error">
                    {area_options(&communities, community.as_deref(), locale, t)}
                </select>
                <p class="field-error" id="community-error">
                    {field_message(t, &details_error, "community")}
                </p>
                <label for="display_name">{t.display_name_label}</label>
                <input
                    id="display_name"
                    name="display_name"
                    value=name
                    autocomplete="nickname"
                    maxlength="20"
                    required
                    aria-describedby="display_name-error"
                />
                <p class="field-error" id="display_name-error">
                    {field_message(t, &details_error, "display_name")}
                </p>
                <button type="submit" class="button">
                    {t.save}
                </button>
            </AccountCheckedForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let t = AccountTexts::here();
    let password_error = url_error::<ChangePassword>();
    view! {
        <section class="card form">
            <h2>{t.password_title}</h2>
            <AccountCheckedForm
                form=AccountForm::ChangePassword
                action=ChangePassword::PATH.to_owned()
            >
                <p class="form-error" role="alert"></p>
                <PasswordField
                    id="current_password"
                    name="current_password"
                    label=t.current_password_label
                    kind=Password::Current
                    error=password_error.clone()
                />
                <PasswordField
                    id="new_password"
                    name="new_password"
                    label=t.new_password_label
                    kind=Password::New
                    error=password_error.clone()
                />
                <button type="submit" class="button">
                    {t.password_title}
                </button>
            </AccountCheckedForm>
        </section>
    }
}

#[component]
fn MyDataSection() -> impl IntoView {
    let t = AccountTexts::here();
    view! {
        <section class="card">
            <h2>{t.my_data_title}</h2>
            <p>{t.my_data_text}</p>
            <a class="button secondary" href=DownloadMyData::PATH download="jiesu-my-data.json">
                {t.my_data_title}
            </a>
        </section>
    }
}

#[component]
fn DeleteAccountForm() -> impl IntoView {
    let t = AccountTexts::here();
    let delete_error = url_error::<DeleteAccount>();
    view! {
        <section class="card form danger-zone">
            <h2>{t.delete_title}</h2>
            <p>{t.delete_text}</p>
            <AccountCheckedForm
                form=AccountForm::DeleteAccount
                action=DeleteAccount::PATH.to_owned()
            >
                <p class="form-error" role="alert"></p>
                <PasswordField
                    id="delete_password"
                    name="password"
                    label=t.delete_password_label
                    kind=Password::Current
                    error=delete_error.clone()
                />
                <button type="submit" class="button danger">
                    {t.delete_title}
                </button>
            </AccountCheckedForm>
        </section>
    }
}

#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    let t = AccountTexts::here();
    view! {
        <Title text=t.deleted_title />
        <section class="notice" role="status">
            <h1>{t.deleted_title}</h1>
            <p>{t.deleted_text}</p>
            <p>
                <a href="/">{t.back_home}</a>
            </p>
        </section>
    }
}
