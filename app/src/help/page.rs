//! The help page.

use super::HelpTexts;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/help`: questions residents ask most, each with its answer.
#[component]
pub fn HelpPage() -> impl IntoView {
    let t = HelpTexts::here();
    view! {
        <Title text=t.help_title />
        <section class="card">
            <h1>{t.help_title}</h1>
            <p class="lead">{t.help_intro}</p>
            {t
                .help_answers
                .iter()
                .map(|(question, answer)| {
                    view! {
                        <h2>{*question}</h2>
                        <p>{*answer}</p>
                    }
                })
                .collect_view()}
            <p class="hint">{t.help_large_text}</p>
            <p class="hint">{t.help_phone}</p>
        </section>
    }
}
