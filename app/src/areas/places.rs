//! Choosing a community: district → street → community, each step a plain GET form that
//! reloads the page with the choice in its query (no JavaScript needed). Used by registration
//! and the profile (and, later, by filing a request).

use super::api::list_areas;
use super::{Area, CITY_CODE};
use crate::areas::AreaTexts;
use crate::error::AppError;
use crate::i18n::{use_locale, CommonTexts, Locale};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The choices of the cascade for the district and street chosen so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Places {
    pub district: Option<String>,
    pub street: Option<String>,
    pub districts: Vec<Area>,
    pub streets: Vec<Area>,
    pub communities: Vec<Area>,
}

/// The cascade's choices for `district` and `street` (codes; unknown ones are ignored).
pub async fn load_places(
    district: Option<String>,
    street: Option<String>,
) -> Result<Places, AppError> {
    let districts = list_areas(CITY_CODE.to_owned()).await?.children;
    let Some(district) = district.filter(|d| districts.iter().any(|a| &a.code == d)) else {
        return Ok(Places {
            districts,
            ..Places::default()
        });
    };
    let streets = list_areas(district.clone()).await?.children;
    let Some(street) = street.filter(|s| streets.iter().any(|a| &a.code == s)) else {
        return Ok(Places {
            district: Some(district),
            districts,
            streets,
            ..Places::default()
        });
    };
    let communities = list_areas(street.clone()).await?.children;
    Ok(Places {
        district: Some(district),
        street: Some(street),
        districts,
        streets,
        communities,
    })
}

/// The district and street of a community code (division codes nest: 110108 → 110108025 →
/// 110108025014), for a cascade that starts at a known community.
pub fn parents_of(community_code: &str) -> (Option<String>, Option<String>) {
    let prefix = |n: usize| community_code.get(..n).map(str::to_owned);
    if community_code.len() == 12 {
        (prefix(6), prefix(9))
    } else {
        (None, None)
    }
}

/// `<option>`s for `areas`, `chosen` selected, after a "choose" placeholder.
pub fn area_options(
    areas: &[Area],
    chosen: Option<&str>,
    locale: Locale,
    t: &'static CommonTexts,
) -> impl IntoView {
    options(areas, chosen, t.choose, locale)
}

/// The district and street steps: a GET form to `action` that reloads it with `district` and
/// `street` in the query. Once hydrated it works in place: choosing a district lists its
/// streets, choosing a street fills the page's community list (`#community`), without a
/// reload; the buttons go. Where the page has no community list yet (registration shows its
/// form only once a street is chosen), choosing a street loads the page for it.
#[component]
pub fn PlaceSteps(places: Places, action: &'static str) -> AnyView {
    let locale = use_locale();
    let t = AreaTexts::of(locale);
    let texts = PlaceTexts {
        district: t.district_label.to_owned(),
        street: t.street_label.to_owned(),
        choose: t.choose.to_owned(),
        show_streets: t.show_streets.to_owned(),
        show_communities: t.show_communities.to_owned(),
    };
    // Erased: the pages around it are deep enough already for the compiler's type layouts.
    view! { <PlaceStepsIsland places action=action.to_owned() locale texts /> }.into_any()
}

/// The words of the place steps (an island gets its strings as props: the catalogues stay
/// out of the WASM).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceTexts {
    pub district: String,
    pub street: String,
    pub choose: String,
    pub show_streets: String,
    pub show_communities: String,
}

#[island]
fn PlaceStepsIsland(
    places: Places,
    action: String,
    locale: Locale,
    texts: PlaceTexts,
) -> impl IntoView {
    let (district, set_district) = signal(places.district.clone().unwrap_or_default());
    let (streets, set_streets) = signal(places.streets.clone());
    let (street, set_street) = signal(places.street.clone().unwrap_or_default());
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    let districts = places.districts.clone();
    let choose = texts.choose.clone();
    let choose_too = texts.choose.clone();
    let on_district = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        set_district.set(code.clone());
        set_street.set(String::new());
        set_streets.set(Vec::new());
        fill_communities(&[], &choose, locale);
        if !code.is_empty() {
            leptos::task::spawn_local(async move {
                if let Some(streets) = children_of(&code).await {
                    set_streets.set(streets);
                }
            });
        }
    };
    let action_for_street = action.clone();
    let on_street = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        set_street.set(code.clone());
        if code.is_empty() {
            fill_communities(&[], &choose_too, locale);
            return;
        }
        if !has_community_list() {
            let to = format!(
                "{action_for_street}?district={}&street={code}",
                district.get_untracked()
            );
            let _ = window().location().set_href(&to);
            return;
        }
        let choose = choose_too.clone();
        leptos::task::spawn_local(async move {
            if let Some(communities) = children_of(&code).await {
                fill_communities(&communities, &choose, locale);
            }
        });
    };
    let PlaceTexts {
        district: district_label,
        street: street_label,
        choose: choose_label,
        show_streets,
        show_communities,
    } = texts;
    let button = move || {
        if streets.get().is_empty() {
            show_streets.clone()
        } else {
            show_communities.clone()
        }
    };
    let choose_street = choose_label.clone();
    view! {
        <form method="get" action=action class="place-steps">
            <label for="district">{district_label}</label>
            <select id="district" name="district" on:change=on_district>
                {options(&districts, places.district.as_deref(), &choose_label, locale)}
            </select>
            <Show when=move || !streets.get().is_empty()>
                <label for="street">{street_label.clone()}</label>
                <select id="street" name="street" on:change=on_street.clone()>
                    {
                        let choose = choose_street.clone();
                        move || options(
                            &streets.get(),
                            Some(street.get_untracked().as_str()),
                            &choose,
                            locale,
                        )
                    }
                </select>
            </Show>
            <button type="submit" class="button secondary" hidden=move || live.get()>
                {button}
            </button>
        </form>
    }
}

/// `<option>`s for `areas`, `chosen` selected, after the `choose` placeholder.
fn options(areas: &[Area], chosen: Option<&str>, choose: &str, locale: Locale) -> impl IntoView {
    let chosen = chosen.map(str::to_owned);
    let choices = areas
        .iter()
        .map(|a| {
            let selected = chosen.as_deref() == Some(a.code.as_str());
            view! {
                <option value=a.code.clone() selected=selected>
                    {a.name(locale).to_owned()}
                </option>
            }
        })
        .collect_view();
    view! {
        <option value="">{choose.to_owned()}</option>
        {choices}
    }
}

/// The areas directly below `code`, from the `list_areas` server function through a plain
/// `fetch`: the server functions' own browser client would add about 30 KB to the WASM for
/// this one call.
async fn children_of(code: &str) -> Option<Vec<Area>> {
    use leptos::server_fn::ServerFn;
    use wasm_bindgen::JsCast;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    // A division code is digits only: nothing to encode.
    init.set_body(&wasm_bindgen::JsValue::from_str(&format!("code={code}")));
    let headers = web_sys::Headers::new().ok()?;
    headers
        .set("content-type", "application/x-www-form-urlencoded")
        .ok()?;
    init.set_headers(&headers);
    let sent = window().fetch_with_str_and_init(super::api::ListAreas::PATH, &init);
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(sent)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    serde_json::from_str::<super::AreaListing>(&text)
        .ok()
        .map(|listing| listing.children)
}

/// Whether the page has the community list the street step fills.
fn has_community_list() -> bool {
    document().get_element_by_id("community").is_some()
}

/// Puts `communities` (after the `choose` placeholder) into the page's community list.
fn fill_communities(communities: &[Area], choose: &str, locale: Locale) {
    use wasm_bindgen::JsCast;
    let Some(select) = document()
        .get_element_by_id("community")
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    else {
        return;
    };
    select.options().set_length(0);
    let choices = std::iter::once((choose, "")).chain(
        communities
            .iter()
            .map(|a| (a.name(locale), a.code.as_str())),
    );
    for (text, value) in choices {
        if let Ok(option) = web_sys::HtmlOptionElement::new_with_text_and_value(text, value) {
            let _ = select.append_child(&option);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_community_code_names_its_street_and_district() {
        assert_eq!(
            parents_of("110108025014"),
            (Some("110108".into()), Some("110108025".into()))
        );
        assert_eq!(parents_of("110108"), (None, None));
    }
}
