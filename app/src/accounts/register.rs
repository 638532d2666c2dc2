//! `/register` and `/register/confirm`: a resident registers with a number confirmed by a
//! code. Plain HTML forms: the place is chosen by reloading the page (no JavaScript needed),
//! then the details are posted; refusals come back next to their fields.

use super::api::{typed_values, ConfirmPhone, Register, REGISTER_FORM};
use super::Phone;
use crate::areas::api::list_areas;
use crate::areas::{Area, CITY_CODE};
use crate::error::AppError;
use crate::i18n::{field_message, form_message, use_locale, use_texts, Locale, Texts};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The choices of the place cascade for the district and street chosen so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Places {
    districts: Vec<Area>,
    streets: Vec<Area>,
    communities: Vec<Area>,
}

async fn load_places(district: Option<String>, street: Option<String>) -> Result<Places, AppError> {
    let districts = list_areas(CITY_CODE.to_owned()).await?.children;
    let Some(district) = district.filter(|d| districts.iter().any(|a| &a.code == d)) else {
        return Ok(Places {
            districts,
            ..Places::default()
        });
    };
    let streets = list_areas(district).await?.children;
    let Some(street) = street.filter(|s| streets.iter().any(|a| &a.code == s)) else {
        return Ok(Places {
            districts,
            streets,
            ..Places::default()
        });
    };
    let communities = list_areas(street).await?.children;
    Ok(Places {
        districts,
        streets,
        communities,
    })
}

fn options(
    areas: &[Area],
    chosen: Option<&str>,
    locale: Locale,
    t: &'static Texts,
) -> impl IntoView {
    let chosen = chosen.map(str::to_owned);
    view! {
        <option value="">{t.choose}</option>
        {areas
            .iter()
            .map(|a| {
                let selected = chosen.as_deref() == Some(a.code.as_str());
                view! { <option value=a.code.clone() selected=selected>{a.name(locale).to_owned()}</option> }
            })
            .collect_view()}
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_texts();
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
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let district = chosen("district");
                    let street = chosen("street");
                    let typed = typed.await.unwrap_or_default();
                    places.await.map(|places| view! { <RegisterSteps places district street typed /> })
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RegisterSteps(
    places: Places,
    district: Option<String>,
    street: Option<String>,
    /// What was typed before the server refused it (no password).
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let typed_value = |field: &str| {
        typed
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (typed_phone, typed_name, typed_community) = (
        typed_value("phone"),
        typed_value("display_name"),
        typed_value("community"),
    );
    let locale = use_locale();
    let t = locale.texts();
    let action = ServerAction::<Register>::new();
    let error = action.value().get_untracked().and_then(Result::err);
    let Places {
        districts,
        streets,
        communities,
    } = places;
    let place_button = if streets.is_empty() {
        t.show_streets
    } else {
        t.show_communities
    };
    let street_select = (!streets.is_empty()).then(|| {
        view! {
            <label for="street">{t.street_label}</label>
            <select id="street" name="street">{options(&streets, street.as_deref(), locale, t)}</select>
        }
    });
    let details = (!communities.is_empty()).then(|| {
        view! {
            <h2>{t.register_details_step}</h2>
            <ActionForm action>
                <p class="form-error" role="alert">{form_message(t, &error)}</p>
                <label for="community">{t.community_label}</label>
                <select id="community" name="community" required>{options(&communities, Some(typed_community.as_str()), locale, t)}</select>
                <p class="field-error" id="community-error">{field_message(t, &error, "community")}</p>
                <label for="phone">{t.phone_label}</label>
                <input id="phone" name="phone" value=typed_phone type="tel" inputmode="numeric" autocomplete="tel" required />
                <p class="field-error" id="phone-error">{field_message(t, &error, "phone")}</p>
                <label for="display_name">{t.display_name_label}</label>
                <input id="display_name" name="display_name" value=typed_name autocomplete="nickname" maxlength="20" required />
                <p class="field-error" id="display_name-error">{field_message(t, &error, "display_name")}</p>
                <label for="password">{t.password_new_label}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required />
                <p class="field-error" id="password-error">{field_message(t, &error, "password")}</p>
                <button type="submit" class="button">{t.send_code}</button>
            </ActionForm>
        }
    });
    view! {
        <h2>{t.register_place_step}</h2>
        <form method="get" action="/register">
            <label for="district">{t.district_label}</label>
            <select id="district" name="district">{options(&districts, district.as_deref(), locale, t)}</select>
            {street_select}
            <button type="submit" class="button secondary">{place_button}</button>
        </form>
        {details}
    }
}

/// `/register/confirm?phone=…`: the code from the text message.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let phone = query.read_untracked().get("phone").unwrap_or_default();
    let masked = Phone::parse(&phone).map(|p| p.masked()).unwrap_or_default();
    let action = ServerAction::<ConfirmPhone>::new();
    let error = action.value().get_untracked().and_then(Result::err);
    let message = field_message(t, &error, "code")
        .or(field_message(t, &error, "phone"))
        .or(form_message(t, &error));
    view! {
        <Title text=t.confirm_title />
        <section class="card form">
            <h1>{t.confirm_title}</h1>
            <p>{t.confirm_intro} " " <strong>{masked}</strong></p>
            <ActionForm action>
                <input type="hidden" name="phone" value=phone />
                <label for="code">{t.code_label}</label>
                <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="7" required />
                <p class="field-error" id="code-error" role="alert">{message}</p>
                <button type="submit" class="button">{t.confirm}</button>
            </ActionForm>
            <p><a href="/register">{t.register}</a></p>
        </section>
    }
}
