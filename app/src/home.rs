//! `/`: what residents come for first (file a request, look one up by its number; once signed
//! in, their open requests and unread messages), then what Jiesu is and how a request travels.

pub mod texts;
pub use texts::HomeTexts;

use crate::accounts::api::who_am_i;
use crate::accounts::Role;
use crate::inbox::api::unread_count;
use crate::requests::api::my_requests;
use crate::requests::page::mine_lines;
use leptos::prelude::*;
use leptos_meta::Title;

/// How many open requests the home page lists before "all my requests".
const OPEN_SHOWN: usize = 3;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = HomeTexts::here();
    view! {
        <Title text="" />
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
            <p>
                <a class="button big" href="/requests/new">
                    {t.nav_file}
                </a>
            </p>
        </section>
        <section class="card form">
            <h2>{t.home_lookup_title}</h2>
            <form method="get" action="/lookup" class="lookup-row">
                <label for="home-number">
                    {crate::requests::RequestTexts::of(t.locale()).number_label}
                </label>
                <input
                    id="home-number"
                    name="number"
                    inputmode="numeric"
                    required
                    autocomplete="off"
                />
                <button type="submit" class="button">
                    {crate::requests::RequestTexts::of(t.locale()).lookup_submit}
                </button>
            </form>
        </section>
        <Suspense fallback=|| ()>{move || Suspend::new(my_corner())}</Suspense>
        <section class="card">
            <h2>{t.home_hotline_title}</h2>
            <p>{t.home_hotline_text}</p>
        </section>
        <section class="card">
            <h2>{t.home_steps_title}</h2>
            <ol class="steps">
                {t.home_steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}
            </ol>
        </section>
        <p>
            <a href="/areas">{t.home_browse_areas}</a>
        </p>
    }
}

/// A signed-in resident's open requests (the newest few) and unread messages; nothing for
/// anyone else.
async fn my_corner() -> Option<AnyView> {
    let t = HomeTexts::here();
    let user = who_am_i().await.ok().flatten()?;
    if user.role != Role::Resident {
        return None;
    }
    let unread = unread_count().await.unwrap_or_default();
    let open: Vec<_> = my_requests(None, None)
        .await
        .map(|page| page.items)
        .unwrap_or_default()
        .into_iter()
        .filter(|item| item.status.is_open())
        .take(OPEN_SHOWN)
        .collect();
    let list = mine_lines(open, t.home_mine_empty);
    let messages = (unread > 0).then(|| {
        view! {
            <p>
                <a href="/inbox">{t.home_unread}</a>
                " "
                <span class="badge late">{unread}</span>
            </p>
        }
    });
    Some(
        view! {
            <section class="card mine">
                <h2>{t.home_mine_title}</h2>
                {messages}
                {list}
                <p>
                    <a href="/requests/mine">{t.home_mine_all}</a>
                </p>
            </section>
        }
        .into_any(),
    )
}
