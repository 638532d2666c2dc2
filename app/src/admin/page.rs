//! `/admin`: staff accounts, categories (deadlines and default unit), routing rules and units,
//! each listed with a form that creates or changes one. Every form posts `admin_change`.

use super::api::{admin_overview, AdminChange, ADMIN_FORM};
use super::change_label;
use super::sections::{
    AccountsSection, AuditSection, CategoriesSection, Forms, RulesSection, StaffSection, Typed,
    UnitsSection,
};
use super::Overview;
use crate::accounts::api::typed_values;
use crate::admin::AdminTexts;
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::error::AppError;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/admin`. Signed out, it sends the visitor to sign in; anyone but an admin is told the
/// page is for admins.
#[component]
pub fn AdminPage() -> impl IntoView {
    let locale = use_locale();
    let t = AdminTexts::of(locale);
    let overview = Resource::new(|| (), |()| admin_overview());
    let typed = Resource::new(|| (), |()| typed_values(ADMIN_FORM.to_owned()));
    let done = use_query_map().read_untracked().get("done");
    view! {
        <Title text=t.admin_title />
        <section class="card admin">
            <h1>{t.admin_title}</h1>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || {
                    let done = done.clone();
                    Suspend::new(async move {
                        let overview = match gate(overview.await, Some(t.admin_only))? {
                            Ok(overview) => overview,
                            Err(instead) => return Ok(instead),
                        };
                        let typed = typed.await.unwrap_or_default();
                        Ok::<
                            _,
                            AppError,
                        >(view! { <AdminSections overview done typed /> }.into_any())
                    })
                }}
            </Suspense>
        </section>
    }
}

/// The admin page's sections, each a list and the forms that change it.
#[component]
fn AdminSections(
    overview: Overview,
    done: Option<String>,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = AdminTexts::of(locale);
    let forms = Forms {
        t,
        locale,
        typed: Typed(typed),
        error: url_error::<AdminChange>(),
    };
    let done_notice = done.and_then(|d| change_label(&d, t.locale())).map(|name| {
        view! {
            <p class="notice-ok" role="status">
                {(t.admin_saved)(&name)}
            </p>
        }
    });
    let Overview {
        units,
        categories,
        rules,
        staff,
        disabled,
        audit,
    } = overview;
    view! {
        {done_notice}
        <p class="form-error" role="alert"></p>
        <p class="hint">{t.admin_intro} " " <a href="/areas">{t.admin_area_codes}</a></p>
        <p>
            <a href="/admin/answers">{t.admin_answers_link}</a>
        </p>
        <StaffSection forms=forms.clone() staff units=units.clone() />
        <AccountsSection forms=forms.clone() disabled />
        <CategoriesSection forms=forms.clone() categories=categories.clone() units=units.clone() />
        <RulesSection forms=forms.clone() rules categories units=units.clone() />
        <UnitsSection forms units />
        <AuditSection audit />
    }
}
