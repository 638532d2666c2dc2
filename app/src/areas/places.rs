//! Choosing a community: district → street → community, each step a plain GET form that
//! reloads the page with the choice in its query (no JavaScript needed). Used by registration
//! and the profile (and, later, by filing a request).

use super::api::list_areas;
use super::{Area, CITY_CODE};
use crate::error::AppError;
use crate::i18n::{use_locale, Locale, Texts};
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

/// The district and street steps: a GET form to `action` that reloads it with `district` and
/// `street` in the query.
#[component]
pub fn PlaceSteps(places: Places, action: &'static str) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let button = if places.streets.is_empty() {
        t.show_streets
    } else {
        t.show_communities
    };
    let street_select = (!places.streets.is_empty()).then(|| {
        view! {
            <label for="street">{t.street_label}</label>
            <select id="street" name="street">
                {area_options(&places.streets, places.street.as_deref(), locale, t)}
            </select>
        }
    });
    view! {
        <form method="get" action=action class="place-steps">
            <label for="district">{t.district_label}</label>
            <select id="district" name="district">
                {area_options(&places.districts, places.district.as_deref(), locale, t)}
            </select>
            {street_select}
            <button type="submit" class="button secondary">{button}</button>
        </form>
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
