//! `/inbox` (a plain page) and the header's unread badge (an island that listens to
//! `/inbox/events` with gloo's EventSource once hydrated).

use super::api::{my_inbox, MarkInboxRead};
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use crate::requests::event_label;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/inbox?before=…`: the signed-in user's notices, newest first.
#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let inbox = Resource::new(
        move || query.read().get("before").and_then(|b| b.parse().ok()),
        my_inbox,
    );
    view! {
        <Title text=t.inbox_title />
        <section class="card">
            <h1>{t.inbox_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let page = match inbox.await {
                        Err(AppError::Unauthorized) => {
                            return Ok(crate::components::layout::sign_in_first());
                        }
                        other => other?,
                    };
                    Ok::<_, AppError>(view! { <Notices page /> }.into_any())
                })}
            </Suspense>
        </section>
    }
}

/// The kind of a hot-spot notification (most others are event kinds).
const HOT_SPOT: &str = "hot_spot";

/// The kinds of a verification decision's notification, in the order of
/// `Texts::verification_notice_names`.
const VERIFICATION_KINDS: [&str; 3] = [
    "verification_approved",
    "verification_rejected",
    "verification_revoked",
];

/// The kinds of the notifications about a consultation opened from the resident's request,
/// in the order of `Texts::consultation_notice_names`; the note is its title.
const CONSULTATION_KINDS: [&str; 3] = [
    "consultation_linked",
    "consultation_decided",
    "consultation_progress",
];

#[component]
fn Notices(page: super::InboxPage) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    if page.notices.is_empty() {
        return view! { <p>{t.inbox_empty}</p> }.into_any();
    }
    let any_unread = page.notices.iter().any(|n| !n.read);
    view! {
        {any_unread.then(|| view! {
            <form method="post" action=MarkInboxRead::PATH>
                <button type="submit" class="button secondary">{t.mark_all_read}</button>
            </form>
        })}
        <ul class="inbox">
            {page.notices.into_iter().map(|n| {
                // A hot spot says where, what and how many, and leads to the workspace's list.
                let hot_spot = (n.kind == HOT_SPOT).then(|| {
                    let (community, category) = n.about.clone().unwrap_or_default();
                    view! {
                        " · " {t.hot_spot_notice
                            .replace("{community}", community.get(locale))
                            .replace("{category}", category.get(locale))
                            .replace("{n}", &n.note)}
                        " " <a href="/staff#hot-spots-heading">{t.hot_spots_heading}</a>
                    }
                });
                let label = if n.kind == HOT_SPOT {
                    t.hot_spot_label
                } else if let Some(i) = VERIFICATION_KINDS.iter().position(|k| *k == n.kind) {
                    t.verification_notice_names[i]
                } else if let Some(i) = CONSULTATION_KINDS.iter().position(|k| *k == n.kind) {
                    t.consultation_notice_names[i]
                } else {
                    event_label(t, &n.kind)
                };
                // A verification's reason, and the way to the account page.
                let verification = VERIFICATION_KINDS.contains(&n.kind.as_str()).then(|| view! {
                    {(!n.note.is_empty()).then(|| view! { " · " {t.verification_reason} {n.note.clone()} })}
                    " " <a href="/account#verification">{t.verification_heading}</a>
                });
                view! {
                    <li class:unread=!n.read>
                        <time>{crate::time::minute(n.at)}</time>
                        " " <strong>{label.to_owned()}</strong>
                        {(!n.read).then(|| view! { " " <span class="badge late">{t.unread_label}</span> })}
                        {n.tracking_number.map(|number| view! {
                            " · " <a class="tracking" href=format!("/requests/{number}")>{number.clone()}</a>
                        })}
                        {hot_spot}
                        {verification}
                        {CONSULTATION_KINDS.contains(&n.kind.as_str()).then(|| view! { " · " {n.note.clone()} })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {page.next.map(|before| view! {
            <p><a href=format!("/inbox?before={before}")>{t.next_page}</a></p>
        })}
    }
    .into_any()
}

/// The header's link to the inbox with its unread count, kept current while the page is
/// open (Server-Sent Events from `/inbox/events`, through gloo's EventSource).
#[island]
pub fn InboxBadge(unread: i64, label: String) -> impl IntoView {
    let (count, set_count) = signal(unread);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        live::follow(set_count);
        #[cfg(not(feature = "hydrate"))]
        let _ = set_count;
    });
    view! {
        <a href="/inbox" class="inbox-link">
            {label}
            <span class="badge late" hidden=move || count.get() == 0>{move || count.get()}</span>
        </a>
    }
}

#[cfg(feature = "hydrate")]
mod live {
    use futures::StreamExt;
    use leptos::prelude::*;

    /// Sets `count` from every `unread` event until the page goes away.
    pub fn follow(count: WriteSignal<i64>) {
        let Ok(mut source) =
            gloo_net::eventsource::futures::EventSource::new(super::super::EVENTS_PATH)
        else {
            return;
        };
        let Ok(mut events) = source.subscribe("unread") else {
            return;
        };
        leptos::task::spawn_local(async move {
            while let Some(Ok((_, message))) = events.next().await {
                if let Some(n) = message.data().as_string().and_then(|d| d.parse().ok()) {
                    count.set(n);
                }
            }
            source.close();
        });
    }
}
