//! The frame around every page: header with navigation, the language and text-size switches,
//! the refusal summary, main, footer. It sits above the features (it links to them and shows
//! the inbox badge); what pages show instead of themselves is in `components::fallbacks`.

use crate::accounts::api::{who_am_i, SignOut};
use crate::accounts::{CurrentUser, Role};
use crate::components::checked_form::page_refusal;
use crate::components::fallbacks::ErrorPage;
use crate::error::refusal_message;
use crate::i18n::{cookie_value, percent_encode, switch_href, use_locale, CommonTexts};
use crate::inbox::api::unread_count;
use crate::inbox::page::InboxBadge;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// The cookie that remembers 长辈模式 (large text, high contrast), set by `/text-size/{size}`.
pub const TEXT_SIZE_COOKIE: &str = "jiesu_text";

crate::keyed_enum! {
    /// The two text sizes of the site: standard, and large (长辈模式). The key is the cookie's
    /// value and the `/text-size/{size}` route's.
    #[derive(Default)]
    pub enum TextSize {
        #[default]
        Standard = "standard";
        Large = "large";
    }
}

impl TextSize {
    /// The size named by the cookie in a `Cookie` header, or standard.
    pub fn from_cookie_header(header: &str) -> TextSize {
        cookie_value(header, TEXT_SIZE_COOKIE)
            .and_then(TextSize::parse)
            .unwrap_or_default()
    }

    /// The class `<html>` carries, which the stylesheet scales everything by.
    pub fn class(self) -> Option<&'static str> {
        (self == TextSize::Large).then_some("large-text")
    }
}

/// The text size of the request being answered, from its cookie (server only).
#[cfg(feature = "ssr")]
pub fn request_text_size() -> TextSize {
    crate::i18n::request_cookies()
        .map_or_else(TextSize::default, |h| TextSize::from_cookie_header(&h))
}

/// Where the large-text switch goes: `/text-size/{size}?back={path}`, which sets the cookie and
/// returns (a link: it works without JavaScript).
pub fn text_size_href(to: TextSize, back: &str) -> String {
    format!("/text-size/{}?back={}", to.as_str(), percent_encode(back))
}

#[component]
pub fn Layout(text_size: TextSize, children: Children) -> impl IntoView {
    let locale = use_locale();
    let t = CommonTexts::of(locale);
    let location = use_location();
    // The switches return to this very page, query included.
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let query = search.trim_start_matches('?');
    let here = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    let other = locale.other();
    let (size_to, size_label) = match text_size {
        TextSize::Standard => (TextSize::Large, t.large_text_on),
        TextSize::Large => (TextSize::Standard, t.large_text_off),
    };
    // Demo accounts have published passwords: nobody should take this site for a real one.
    #[cfg(feature = "ssr")]
    let demo = use_context::<crate::ssr::AppState>().is_some_and(|s| s.settings.demo_accounts);
    #[cfg(not(feature = "ssr"))]
    let demo = false;
    let demo_banner = demo.then(|| {
        view! {
            <p class="demo-banner" role="note">
                {t.demo_data_banner}
            </p>
        }
    });
    // Every refusal a form post came back with, at the top of the page (the fields it concerns
    // say it again beside them).
    let refusal = page_refusal().map(|error| {
        view! {
            <p class="refusal" role="alert">
                <strong>{t.refusal_title}</strong>
                " "
                {refusal_message(t, &error)}
            </p>
        }
    });
    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() {
                t.app_name.to_string()
            } else {
                format!("{page} · {}", t.app_name)
            }
        } />
        <a class="skip" href="#main">
            {t.skip_to_content}
        </a>
        {demo_banner}
        <header class="site-header">
            <div class="bar">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">
                        "12345"
                    </span>
                    <span class="brand-name">{t.app_name}</span>
                </a>
                <span class="switches">
                    <a class="switch text-size-switch" href=text_size_href(size_to, &here)>
                        {size_label}
                    </a>
                    <a
                        class="switch lang-switch"
                        href=switch_href(other, &here)
                        hreflang=other.tag()
                        lang=other.tag()
                    >
                        {other.texts().switch_to_this_language}
                    </a>
                </span>
            </div>
            <SiteNav />
        </header>
        <main id="main">
            {refusal}
            <ErrorBoundary fallback=|errors| {
                view! { <ErrorPage errors /> }
            }>{children()}</ErrorBoundary>
        </main>
        <footer class="site-footer">
            <p>{t.footer}</p>
        </footer>
    }
}

/// The header's navigation. On one row: what people come for (file, track; their own requests
/// and messages once signed in; a staff member's workspace), then a menu holding the rest. The
/// menu is a `<details>`: it opens without JavaScript.
#[component]
fn SiteNav() -> impl IntoView {
    let t = CommonTexts::here();
    let user = Resource::new(|| (), |()| who_am_i());
    let unread = Resource::new(|| (), |()| unread_count());
    view! {
        <nav class="site-nav" aria-label=t.nav_label>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let user = user.await.ok().flatten();
                    let unread = match user {
                        Some(_) => unread.await.unwrap_or_default(),
                        None => 0,
                    };
                    view! {
                        <ul class="primary">
                            <li>
                                <a href="/requests/new">{t.nav_file}</a>
                            </li>
                            <li>
                                <a href="/lookup">{t.nav_lookup}</a>
                            </li>
                            {user
                                .as_ref()
                                .map(|user| {
                                    view! {
                                        <li>{role_link(user, t)}</li>
                                        <li>
                                            <InboxBadge unread label=t.inbox_title.to_owned() />
                                        </li>
                                    }
                                })}
                            {user
                                .is_none()
                                .then(|| {
                                    view! {
                                        <li>
                                            <a href="/sign-in">{t.sign_in}</a>
                                        </li>
                                    }
                                })}
                        </ul>
                        <Menu user t />
                    }
                })}
            </Suspense>
        </nav>
    }
}

/// Whether `user` is a community's staff: area staff who also act for its committee.
fn community_staff(user: &CurrentUser) -> bool {
    user.role == Role::AreaStaff && user.unit().is_some()
}

/// The link to what a signed-in user's role is here for (a community's staff: its committee's
/// queue; their area's verifications are in the menu).
fn role_link(user: &CurrentUser, t: &'static CommonTexts) -> impl IntoView {
    let (href, label) = match user.role {
        Role::Resident => ("/requests/mine", t.nav_mine),
        Role::Dispatcher | Role::Handler => ("/staff", t.nav_staff),
        Role::AreaStaff if community_staff(user) => ("/staff", t.nav_staff),
        Role::Admin => ("/admin", t.nav_admin),
        Role::AreaStaff => ("/verifications", t.nav_verifications),
    };
    view! { <a href=href>{label}</a> }
}

/// The rest of the site, and the account: who is signed in, their account page and signing
/// out; or signing in and registering.
#[component]
fn Menu(user: Option<CurrentUser>, t: &'static CommonTexts) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let account = match user {
        Some(user) => {
            let community = community_staff(&user);
            view! {
                <p class="user-name">
                    <span>{t.signed_in_as}</span>
                    " "
                    <strong>{user.display_name}</strong>
                </p>
                <ul>
                    {community
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/verifications">{t.nav_verifications}</a>
                                </li>
                            }
                        })} <li>
                        <a href="/account">{t.nav_account}</a>
                    </li> <li>
                        <ActionForm action=sign_out>
                            <button type="submit" class="link-button">
                                {t.sign_out}
                            </button>
                        </ActionForm>
                    </li>
                </ul>
            }
            .into_any()
        }
        None => view! {
            <ul>
                <li>
                    <a href="/sign-in">{t.sign_in}</a>
                </li>
                <li>
                    <a href="/register">{t.register}</a>
                </li>
            </ul>
        }
        .into_any(),
    };
    view! {
        <details class="menu">
            <summary>{t.nav_menu}</summary>
            <div class="menu-panel">
                <ul>
                    <li>
                        <a href="/">{t.nav_home}</a>
                    </li>
                    <li>
                        <a href="/requests">{t.nav_public}</a>
                    </li>
                    <li>
                        <a href="/measures">{t.nav_measures}</a>
                    </li>
                    <li>
                        <a href="/topics">{t.nav_topics}</a>
                    </li>
                    <li>
                        <a href="/consultations">{t.nav_consultations}</a>
                    </li>
                    <li>
                        <a href="/volunteers">
                            {crate::volunteers::VolunteerTexts::of(t.locale()).volunteers_title}
                        </a>
                    </li>
                    <li>
                        <a href="/areas">{t.nav_areas}</a>
                    </li>
                    <li>
                        <a href="/help">{crate::help::HelpTexts::of(t.locale()).help_title}</a>
                    </li>
                </ul>
                <div class="menu-account">{account}</div>
            </div>
        </details>
    }
}
