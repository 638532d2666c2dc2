//! `/`: what Jiesu is and how a request travels.

use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text="" />
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
        </section>
        <section class="card">
            <h2>{t.home_hotline_title}</h2>
            <p>{t.home_hotline_text}</p>
        </section>
        <section class="card">
            <h2>{t.home_steps_title}</h2>
            <ol class="steps">{t.home_steps.iter().map(|step| view! { <li>{*step}</li> }).collect_view()}</ol>
        </section>
        <p>
            <a class="button" href="/areas">{t.home_browse_areas}</a>
        </p>
    }
}
