//! `/admin`: staff accounts, categories (deadlines and default unit), routing rules and units,
//! each listed with a form that creates or changes one. Every form posts `admin_change`.

use super::api::{admin_overview, AdminChange, ADMIN_FORM};
use super::sections::{
    AccountsSection, AuditSection, CategoriesSection, RulesSection, StaffSection, UnitsSection,
};
use super::Overview;
use crate::accounts::api::typed_values;
use crate::admin::AdminTexts;
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::error::AppError;
use crate::fields::field_value;
use crate::i18n::{use_locale, Locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The name of an administrative change for people, in `locale`.
pub fn change_label(key: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match key {
        "staff" => ("保存账号", "Save staff account"),
        "category" => ("保存类别", "Save category"),
        "rule" => ("保存规则", "Save rule"),
        "remove_rule" => ("删除规则", "Remove rule"),
        "unit" => ("保存单位", "Save unit"),
        "disable" => ("停用账号", "Disable account"),
        "enable" => ("恢复账号", "Enable account"),
        _ => return None,
    }))
}

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

/// What a form held when the server refused it, for that form only.
#[derive(Clone)]
pub(super) struct Typed(Vec<(String, String)>);

impl Typed {
    pub fn change(&self) -> &str {
        self.get("change")
    }

    fn get(&self, field: &str) -> &str {
        field_value(&self.0, field).unwrap_or_default()
    }

    /// What `field` of the `change` form held, or `fallback`.
    pub fn value(&self, change: &str, field: &str, fallback: &str) -> String {
        if self.change() == change {
            self.get(field).to_owned()
        } else {
            fallback.to_owned()
        }
    }
}

/// What every section's forms share: the page's words and language, and the form the server
/// refused, with what it held.
#[derive(Clone)]
pub(super) struct Forms {
    pub t: &'static AdminTexts,
    pub locale: Locale,
    pub typed: Typed,
    pub error: Option<AppError>,
}

impl Forms {
    /// The refusal the server answered, if `change` is the form it refused.
    pub fn error_for(&self, change: &str) -> Option<AppError> {
        self.error.clone().filter(|_| self.typed.change() == change)
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
        <StaffSection forms=forms.clone() staff units=units.clone() />
        <AccountsSection forms=forms.clone() disabled />
        <CategoriesSection forms=forms.clone() categories=categories.clone() units=units.clone() />
        <RulesSection forms=forms.clone() rules categories units=units.clone() />
        <UnitsSection forms units />
        <AuditSection audit />
    }
}
