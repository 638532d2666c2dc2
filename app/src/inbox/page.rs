//! `/inbox` (a plain page) and the header's unread badge (an island that listens to
//! `/inbox/events` with gloo's EventSource once hydrated).

use super::api::{my_inbox, MarkInboxRead};
use crate::components::fallbacks::gate;
use crate::error::AppError;
use crate::i18n::use_locale;
use crate::inbox::InboxTexts;
use crate::requests::event_label;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/inbox?before=…`: the signed-in user's notices, newest first.
#[component]
pub fn InboxPage() -> impl IntoView {
    let t = InboxTexts::here();
    let query = use_query_map();
    let inbox = Resource::new(
        move || query.read().get("before").and_then(|b| b.parse().ok()),
        my_inbox,
    );
    view! {
        <Title text=t.inbox_title />
        <section class="card">
            <h1>{t.inbox_title}</h1>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    let page = match gate(inbox.await, None)? {
                        Ok(page) => page,
                        Err(instead) => return Ok(instead),
                    };
                    Ok::<_, AppError>(view! { <Notices page /> }.into_any())
                })}
            </Suspense>
        </section>
    }
}

/// The kind of a hot-spot notification (most others are event kinds).
const HOT_SPOT: &str = "hot_spot";

/// The kinds of a verification decision's notification.
const VERIFICATION_KINDS: [&str; 3] = [
    "verification_approved",
    "verification_rejected",
    "verification_revoked",
];

/// The name of a verification notice for people, in `locale`.
pub fn verification_notice_label(key: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match key {
        "verification_approved" => ("居住认证已通过", "Residence verified"),
        "verification_rejected" => ("居住认证未通过", "Residence verification rejected"),
        "verification_revoked" => ("居住认证已撤销", "Residence verification revoked"),
        _ => return None,
    }))
}

/// The kinds of the notifications about a consultation opened from the resident's request;
/// the note is its title.
const CONSULTATION_KINDS: [&str; 3] = [
    "consultation_linked",
    "consultation_decided",
    "consultation_progress",
];

/// The name of a consultation notice for people, in `locale`.
pub fn consultation_notice_label(key: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match key {
        "consultation_linked" => (
            "您的诉求已提交议事厅商议",
            "Your request is put to a consultation",
        ),
        "consultation_decided" => (
            "您的诉求所涉议事已公布结果",
            "The consultation on your request has its outcome",
        ),
        "consultation_progress" => (
            "您的诉求所涉议事有新进展",
            "The consultation on your request has progress",
        ),
        _ => return None,
    }))
}

#[component]
fn Notices(page: super::InboxPage) -> impl IntoView {
    let locale = use_locale();
    let t = InboxTexts::of(locale);
    if page.notices.is_empty() {
        return view! { <p>{t.inbox_empty}</p> }.into_any();
    }
    let any_unread = page.notices.iter().any(|n| !n.read);
    view! {
        {any_unread
            .then(|| {
                view! {
                    <form method="post" action=MarkInboxRead::PATH>
                        <button type="submit" class="button secondary">
                            {t.mark_all_read}
                        </button>
                    </form>
                }
            })}
        <ul class="inbox">
            {page
                .notices
                .into_iter()
                .map(|n| {
                    let hot_spot = (n.kind == HOT_SPOT)
                        .then(|| {
                            let (community, category) = n.about.clone().unwrap_or_default();
                            // A hot spot says where, what and how many, and leads to the workspace's list.
                            view! {
                                " · "
                                {(t
                                    .hot_spot_notice)(
                                    &community.get(locale),
                                    &category.get(locale),
                                    &n.note,
                                )}
                                " "
                                <a href="/staff#hot-spots-heading">
                                    {crate::handling::HandlingTexts::of(locale).hot_spots_heading}
                                </a>
                            }
                        });
                    let label = if n.kind == HOT_SPOT {
                        t.hot_spot_label
                    } else if let Some(label) = verification_notice_label(&n.kind, locale) {
                        label
                    } else if let Some(label) = consultation_notice_label(&n.kind, locale) {
                        label
                    } else if let Some(label) = crate::volunteers::notice_label(&n.kind, locale) {
                        label
                    } else {
                        event_label(t, &n.kind)
                    };
                    let verification = VERIFICATION_KINDS
                        .contains(&n.kind.as_str())
                        .then(|| {
                            // A verification's reason, and the way to the account page.
                            view! {
                                {(!n.note.is_empty())
                                    .then(|| {
                                        view! {
                                            " · "
                                            {crate::verifications::VerificationTexts::of(locale)
                                                .verification_reason}
                                            {n.note.clone()}
                                        }
                                    })}
                                " "
                                <a href="/account#verification">
                                    {crate::verifications::VerificationTexts::of(locale)
                                        .verification_heading}
                                </a>
                            }
                        });
                    view! {
                        <li class:unread=!n.read>
                            <time>{crate::time::minute(n.at)}</time>
                            " "
                            <strong>{label.to_owned()}</strong>
                            {(!n.read)
                                .then(|| {
                                    view! {
                                        " "
                                        <span class="badge late">{t.unread_label}</span>
                                    }
                                })}
                            {n
                                .tracking_number
                                .map(|number| {
                                    view! {
                                        " · "
                                        <a class="tracking" href=format!("/requests/{number}")>
                                            {number.clone()}
                                        </a>
                                    }
                                })}
                            {hot_spot}
                            {verification}
                            {crate::volunteers::notice_label(&n.kind, locale)
                                .map(|_| {
                                    view! {
                                        {(!n.note.is_empty())
                                            .then(|| {
                                                view! {
                                                    " · "
                                                    {n.note.clone()}
                                                }
                                            })}
                                        " "
                                        <a href="/volunteers">
                                            {crate::volunteers::VolunteerTexts::of(locale)
                                                .volunteers_title}
                                        </a>
                                    }
                                })}
                            {CONSULTATION_KINDS
                                .contains(&n.kind.as_str())
                                .then(|| {
                                    view! {
                                        " · "
                                        {n.note.clone()}
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {page
            .next
            .map(|before| {
                view! {
                    <p>
                        <a href=format!("/inbox?before={before}")>{t.next_page}</a>
                    </p>
                }
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
            <span class="badge late" hidden=move || count.get() == 0>
                {move || count.get()}
            </span>
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
