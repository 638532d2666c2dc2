//! Islands of the areas feature: the parts of its pages that come alive in the browser.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One entry of an area list, ready to show (translated on the server: islands get their
/// strings as props, which keeps the catalogue out of the WASM).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaEntry {
    pub name: String,
    /// Where the areas below this one are listed; `None` for an area with nothing below.
    pub href: Option<String>,
    pub note: Option<String>,
}

/// Whether an entry named `name` matches what was typed in the filter box.
pub fn matches_filter(name: &str, query: &str) -> bool {
    let query = query.trim();
    query.is_empty() || name.to_lowercase().contains(&query.to_lowercase())
}

/// A list of areas. Once hydrated, a box above it filters the list as one types (a street has
/// up to ~60 communities); without JavaScript the box stays hidden and the whole list shows.
#[island]
pub fn AreaList(entries: Vec<AreaEntry>, filter_label: String, no_match: String) -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let (live, set_live) = signal(false);
    // Effects run only in the browser: this is the moment the filter starts working.
    Effect::new(move |_| set_live.set(true));
    let names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
    let nothing_matches = move || !names.iter().any(|name| matches_filter(name, &query.read()));
    let items = entries
        .into_iter()
        .map(|entry| {
            let AreaEntry { name, href, note } = entry;
            let shown = {
                let name = name.clone();
                move || matches_filter(&name, &query.read())
            };
            let label = match href {
                Some(href) => view! { <a href=href>{name}</a> }.into_any(),
                None => view! { <span>{name}</span> }.into_any(),
            };
            view! {
                <li hidden=move || {
                    !shown()
                }>{label} {note.map(|note| view! { <span class="count">{note}</span> })}</li>
            }
        })
        .collect_view();
    view! {
        <label class="filter" hidden=move || !live.get()>
            <span>{filter_label}</span>
            <input
                type="search"
                autocomplete="off"
                on:input=move |ev| set_query.set(event_target_value(&ev))
            />
        </label>
        <ul class="area-list">{items}</ul>
        <p class="muted" role="status" hidden=move || !(live.get() && nothing_matches())>
            {no_match}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::matches_filter;

    #[test]
    fn the_filter_matches_part_of_a_name_in_either_script() {
        assert!(matches_filter("上河村社区", "上河"));
        assert!(matches_filter("上河村社区", "  "));
        assert!(!matches_filter("曙光花园社区", "上河"));
        assert!(matches_filter("Shanghecun Community", "shanghe"));
    }
}
