//! `/areas` and `/areas/{code}`: browse the area tree, one level at a time.

use super::api::list_areas;
use super::components::{AreaEntry, AreaList};
use super::{AreaLevel, AreaListing, CITY_CODE};
use crate::areas::AreaTexts;
use crate::components::fallbacks::ErrorPage;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AreaPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || {
        params
            .read()
            .get("code")
            .unwrap_or_else(|| CITY_CODE.to_owned())
    };
    let listing = Resource::new(code, list_areas);
    let t = AreaTexts::here();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            // Inside the Suspense, so that the server renders the error once the data is in.
            <ErrorBoundary fallback=|errors| {
                view! { <ErrorPage errors /> }
            }>
                {move || Suspend::new(async move {
                    listing.await.map(|listing| view! { <Listing listing /> })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn Listing(listing: AreaListing) -> impl IntoView {
    let locale = use_locale();
    let t = AreaTexts::of(locale);
    let AreaListing {
        area,
        parent_code,
        children,
    } = listing;
    let title = if area.level == AreaLevel::City {
        t.areas_title.to_owned()
    } else {
        area.name(locale).to_owned()
    };
    let heading = match area.level {
        AreaLevel::City | AreaLevel::District => t.area_streets,
        _ => t.area_communities,
    };
    let back = parent_code.map(|code| {
        let href = if code == CITY_CODE {
            "/areas".to_owned()
        } else {
            format!("/areas/{code}")
        };
        view! {
            <p class="back">
                <a href=href>{t.area_back}</a>
            </p>
        }
    });
    let intro = (area.level == AreaLevel::City).then(|| view! { <p>{t.areas_intro}</p> });
    // A district's or street's figures, with its streets or communities ranked.
    let figures = match area.level {
        AreaLevel::District => Some(format!("/measures/districts/{}", area.code)),
        AreaLevel::Street => Some(format!("/measures/streets/{}", area.code)),
        _ => None,
    }
    .map(|href| {
        view! {
            <p>
                <a href=href>{t.area_figures}</a>
            </p>
        }
    });
    let entries: Vec<AreaEntry> = children
        .iter()
        .map(|child| AreaEntry {
            name: child.name(locale).to_owned(),
            href: (child.children > 0).then(|| format!("/areas/{}", child.code)),
            note: (child.children > 0)
                .then(|| format!(" · {} {}", t.area_children_count, child.children)),
        })
        .collect();
    let subheading = (area.level != AreaLevel::City).then_some(heading);
    view! {
        <Title text=title.clone() />
        <section class="areas">
            {back} <h1>{title}</h1> {intro} {figures} {subheading.map(|h| view! { <h2>{h}</h2> })}
            {if children.is_empty() {
                view! { <p>{t.area_none}</p> }.into_any()
            } else {
                view! {
                    <AreaList
                        entries
                        filter_label=t.area_filter_label.to_owned()
                        no_match=t.area_filter_none.to_owned()
                    />
                }
                    .into_any()
            }}
        </section>
    }
}
