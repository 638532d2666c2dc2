//! Jiesu's user interface: the HTML shell, the routes and, per feature, pages, islands and
//! server functions. Compiled twice: with `ssr` for the server and with `hydrate` for the
//! browser, where only the `#[island]`s come alive (see the README's architecture paragraph).

pub mod accounts;
pub mod admin;
pub mod answers;
pub mod areas;
pub mod components;
pub mod consultations;
pub mod error;
pub mod fields;
pub mod handling;
pub mod help;
pub mod home;
pub mod i18n;
pub mod inbox;
pub mod keyed;
pub mod layout;
pub mod measures;
pub mod ratings;
pub mod request_page;
pub mod requests;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod time;
pub mod topics;
pub mod verifications;
pub mod volunteers;

/// For [`refusals!`]: each feature's refusals are listed on the server.
#[cfg(feature = "ssr")]
#[doc(hidden)]
pub use inventory;

use crate::i18n::CommonTexts;
use components::fallbacks::NotFound;
use layout::Layout;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The whole HTML document, rendered on the server for every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let locale = i18n::request_locale();
    #[cfg(feature = "ssr")]
    let text_size = layout::request_text_size();
    #[cfg(feature = "ssr")]
    ssr::set_page_csp();
    #[cfg(not(feature = "ssr"))]
    let locale = i18n::Locale::default();
    #[cfg(not(feature = "ssr"))]
    let text_size = layout::TextSize::default();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag() class=text_size.class()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#b71c1c" />
                <meta name="description" content=CommonTexts::of(locale).meta_description />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="apple-touch-icon" href="/icon-192.png" />
                <HashedStylesheet options=options.clone() id="jiesu" />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App locale text_size />
            </body>
        </html>
    }
}

/// The application: layout and routes. Every route renders completely on the server
/// (`SsrMode::Async`), so pages read and forms post without JavaScript.
#[component]
pub fn App(locale: i18n::Locale, text_size: layout::TextSize) -> impl IntoView {
    provide_meta_context();
    provide_context(locale);
    view! {
        <Router>
            <Layout text_size>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/register")
                        view=accounts::register::RegisterPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/register/confirm")
                        view=accounts::register::ConfirmPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/sign-in")
                        view=accounts::page::SignInPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/reset-password")
                        view=accounts::reset::ResetPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/reset-password/confirm")
                        view=accounts::reset::ResetConfirmPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account")
                        view=accounts::profile::AccountPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/account/deleted")
                        view=accounts::profile::AccountDeletedPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/requests")
                        view=requests::page::PublicRequestsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/requests/new")
                        view=requests::page::FileRequestPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/requests/mine")
                        view=requests::page::MyRequestsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/requests/:number")
                        view=request_page::page::RequestPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/inbox") view=inbox::page::InboxPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/staff")
                        view=handling::page::StaffQueuePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin") view=admin::page::AdminPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/answers")
                        view=answers::page::AnswersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/lookup")
                        view=requests::page::LookupPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/measures")
                        view=measures::page::CityMeasuresPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/measures/streets")
                        view=measures::page::StreetRankingPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/measures/streets/:code")
                        view=measures::page::StreetMeasuresPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/measures/communities/:code")
                        view=measures::page::CommunityMeasuresPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/measures/districts/:code")
                        view=measures::page::DistrictMeasuresPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/measures/units/:code")
                        view=measures::page::UnitMeasuresPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/topics") view=topics::page::TopicsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/topics/new")
                        view=topics::page::NewTopicPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/topics/:id")
                        view=topics::page::TopicPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/consultations")
                        view=consultations::page::ConsultationsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/consultations/new")
                        view=consultations::page::NewConsultationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/consultations/:id")
                        view=consultations::page::ConsultationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/verifications")
                        view=verifications::page::VerificationsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/volunteers")
                        view=volunteers::page::VolunteersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/volunteers/areas/:code")
                        view=volunteers::area::AreaServicePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/help") view=help::page::HelpPage ssr=SsrMode::Async />
                    <Route path=path!("/areas") view=areas::page::AreaPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/areas/:code")
                        view=areas::page::AreaPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}
