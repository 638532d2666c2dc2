//! Help with the filing form once it is hydrated: a search box over the category list and a
//! "use my position" button (the browser's geolocation). Both are rendered hidden in the form
//! (`#category-search`, `#locate`) and shown by this island, since without JavaScript they
//! could do nothing: the grouped category list and the address field are enough to file.

use leptos::prelude::*;

/// The sentences the aids show, in the page's language.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AidTexts {
    /// "No category matches".
    pub no_match: String,
    /// "Finding your position…".
    pub locating: String,
    /// "Position added (within about {m} m)."
    pub located: String,
    /// "Your position could not be found…".
    pub locate_failed: String,
}

/// Shows and runs the filing form's category search and position button.
#[island]
pub fn FilingAids(texts: AidTexts) -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::start(texts.clone());
        #[cfg(not(feature = "hydrate"))]
        let _ = &texts;
    });
}

/// Whether category `name` (or its group's name) matches what was typed: every word of it
/// appears, ignoring case.
pub fn category_matches(query: &str, name: &str, group: &str) -> bool {
    let haystack = format!("{name} {group}").to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// The sentence for a found position of `accuracy` metres.
pub fn located_sentence(template: &str, accuracy: f64) -> String {
    // Rounded to tens of metres: "within about 3 m" promises more than a phone knows.
    let metres = ((accuracy / 10.0).ceil() * 10.0).max(10.0);
    template.replace("{m}", &format!("{metres:.0}"))
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{category_matches, located_sentence, AidTexts};
    use leptos::prelude::document;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

    fn by_id<T: JsCast>(id: &str) -> Option<T> {
        document().get_element_by_id(id)?.dyn_into().ok()
    }

    pub fn start(texts: AidTexts) {
        category_search(texts.no_match.clone());
        position_button(texts);
    }

    fn category_search(no_match: String) {
        let (Some(search), Some(select)) = (
            by_id::<HtmlInputElement>("category-search"),
            by_id::<HtmlSelectElement>("category"),
        ) else {
            return;
        };
        search.set_hidden(false);
        let status = by_id::<HtmlElement>("category-search-status");
        let input = search.clone();
        let filter = Closure::<dyn FnMut()>::new(move || {
            let shown = filter_options(&select, &input.value());
            if let Some(status) = &status {
                let text = (shown == 0).then_some(no_match.as_str());
                status.set_text_content(text);
            }
        });
        let _ = search.add_event_listener_with_callback("input", filter.as_ref().unchecked_ref());
        filter.forget();
        // Enter in the search box chooses, it does not file the request.
        let keep_form =
            Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(|e: web_sys::KeyboardEvent| {
                if e.key() == "Enter" {
                    e.prevent_default();
                }
            });
        let _ =
            search.add_event_listener_with_callback("keydown", keep_form.as_ref().unchecked_ref());
        keep_form.forget();
    }

    /// Hides the options (and groups) that do not match `query`; how many stay shown. When
    /// exactly one stays, it is chosen.
    fn filter_options(select: &HtmlSelectElement, query: &str) -> u32 {
        let mut shown = Vec::new();
        let options = select.options();
        for i in 0..options.length() {
            let Some(option) = options
                .item(i)
                .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
            else {
                continue;
            };
            if option.value().is_empty() {
                continue;
            }
            let group = option
                .parent_element()
                .and_then(|p| p.get_attribute("label"))
                .unwrap_or_default();
            let matches = category_matches(query, &option.text(), &group);
            option.set_hidden(!matches);
            // Safari ignores `hidden` on options; a disabled one cannot be chosen at least.
            option.set_disabled(!matches);
            if matches {
                shown.push(option);
            }
        }
        if let Ok(groups) = select.query_selector_all("optgroup") {
            for i in 0..groups.length() {
                if let Some(group) = groups
                    .item(i)
                    .and_then(|g| g.dyn_into::<HtmlElement>().ok())
                {
                    let any = group
                        .query_selector("option:not([hidden])")
                        .ok()
                        .flatten()
                        .is_some();
                    group.set_hidden(!any);
                }
            }
        }
        if let [only] = shown.as_slice() {
            if !query.trim().is_empty() {
                only.set_selected(true);
            }
        }
        u32::try_from(shown.len()).unwrap_or(u32::MAX)
    }

    fn position_button(texts: AidTexts) {
        let (Some(button), Some(status), Some(latitude), Some(longitude)) = (
            by_id::<HtmlElement>("locate"),
            by_id::<HtmlElement>("locate-status"),
            by_id::<HtmlInputElement>("latitude"),
            by_id::<HtmlInputElement>("longitude"),
        ) else {
            return;
        };
        let Ok(geolocation) = leptos::prelude::window().navigator().geolocation() else {
            return;
        };
        if let Some(wrapper) = button.parent_element() {
            let _ = wrapper.remove_attribute("hidden");
        }
        let on_click = Closure::<dyn FnMut()>::new(move || {
            status.set_text_content(Some(&texts.locating));
            let (found_status, lat, lon, template) = (
                status.clone(),
                latitude.clone(),
                longitude.clone(),
                texts.located.clone(),
            );
            let found = Closure::once_into_js(move |position: JsValue| {
                let coords = position.unchecked_into::<web_sys::Position>().coords();
                lat.set_value(&format!("{:.6}", coords.latitude()));
                lon.set_value(&format!("{:.6}", coords.longitude()));
                found_status
                    .set_text_content(Some(&located_sentence(&template, coords.accuracy())));
            });
            let (failed_status, failed) = (status.clone(), texts.locate_failed.clone());
            let refused = Closure::once_into_js(move |_error: JsValue| {
                failed_status.set_text_content(Some(&failed));
            });
            let options = web_sys::PositionOptions::new();
            options.set_enable_high_accuracy(true);
            options.set_timeout(15_000);
            let _ = geolocation.get_current_position_with_error_callback_and_options(
                found.unchecked_ref(),
                Some(refused.unchecked_ref()),
                &options,
            );
        });
        let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_matches_every_typed_word_in_its_name_or_group() {
        assert!(category_matches("噪音", "施工噪音", "环境保护"));
        assert!(category_matches("环境", "施工噪音", "环境保护"));
        assert!(category_matches(
            "NOISE",
            "Construction noise",
            "Environment"
        ));
        assert!(category_matches(
            "noise environment",
            "Construction noise",
            "Environment"
        ));
        assert!(category_matches("", "Construction noise", "Environment"));
        assert!(!category_matches(
            "water",
            "Construction noise",
            "Environment"
        ));
        assert!(!category_matches(
            "noise water",
            "Construction noise",
            "Environment"
        ));
    }

    #[test]
    fn a_position_is_described_to_the_nearest_ten_metres_at_best() {
        assert_eq!(located_sentence("±{m} m", 3.2), "±10 m");
        assert_eq!(located_sentence("±{m} m", 41.0), "±50 m");
        assert_eq!(located_sentence("约{m}米", 1200.0), "约1200米");
    }
}
