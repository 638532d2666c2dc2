//! `/admin`: staff accounts, categories (deadlines and default unit), routing rules and units,
//! each listed with a form that creates or changes one. Every form posts `admin_change`.

use super::api::{admin_overview, AdminChange, ADMIN_FORM};
use super::{CategoryItem, Overview, UnitItem, STAFF_ROLES, UNIT_KINDS};
use crate::accounts::api::typed_values;
use crate::components::checked_form::{url_error, CheckedForm, FormKind};
use crate::components::TableScroll;
use crate::error::AppError;
use crate::i18n::{field_message, use_locale, Texts};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The names of the admin changes, in the order of `Texts::admin_change_names`.
const CHANGES: [&str; 7] = [
    "staff",
    "category",
    "rule",
    "remove_rule",
    "unit",
    "disable",
    "enable",
];

/// `/admin`. Signed out, it sends the visitor to sign in; anyone but an admin is told the
/// page is for admins.
#[component]
pub fn AdminPage() -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let overview = Resource::new(|| (), |()| admin_overview());
    let typed = Resource::new(|| (), |()| typed_values(ADMIN_FORM.to_owned()));
    let done = use_query_map().read_untracked().get("done");
    view! {
        <Title text=t.admin_title />
        <section class="card admin">
            <h1>{t.admin_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let done = done.clone();
                    Suspend::new(async move {
                        let overview = match overview.await {
                            Err(AppError::Unauthorized) => {
                                return Ok(crate::components::layout::sign_in_first());
                            }
                            Err(AppError::Forbidden) => {
                                return Ok(view! { <p>{t.admin_only}</p> }.into_any());
                            }
                            other => other?,
                        };
                        let typed = typed.await.unwrap_or_default();
                        Ok::<_, AppError>(view! { <AdminSections overview done typed /> }.into_any())
                    })
                }}
            </Suspense>
        </section>
    }
}

/// What a form held when the server refused it, for that form only.
#[derive(Clone)]
struct Typed(Vec<(String, String)>);

impl Typed {
    fn change(&self) -> &str {
        self.get("change")
    }

    fn get(&self, field: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == field)
            .map_or("", |(_, v)| v.as_str())
    }

    /// What `field` of the `change` form held, or `fallback`.
    fn value(&self, change: &str, field: &str, fallback: &str) -> String {
        if self.change() == change {
            self.get(field).to_owned()
        } else {
            fallback.to_owned()
        }
    }
}

#[component]
fn AdminSections(
    overview: Overview,
    done: Option<String>,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let typed = Typed(typed);
    let error = url_error::<AdminChange>();
    // A refusal belongs to the form that was sent.
    let error_for = |change: &str| error.clone().filter(|_| typed.change() == change);
    let done_notice = done
        .and_then(|d| CHANGES.iter().position(|c| *c == d))
        .map(|i| view! { <p class="notice-ok" role="status">{t.admin_saved.replace("{change}", t.admin_change_names[i])}</p> });
    let Overview {
        units,
        categories,
        rules,
        staff,
        disabled,
        audit,
    } = overview;
    let unit_options = move |chosen: &str, units: &[UnitItem]| {
        units
            .iter()
            .map(|u| {
                view! {
                    <option value=u.code.clone() selected=u.code == chosen>
                        {format!("{} ({})", u.name.get(locale), u.code)}
                    </option>
                }
            })
            .collect_view()
    };
    let category_select = |id: &'static str, chosen: &str, categories: &[CategoryItem]| {
        view! {
            <select id=id name="category" required aria-describedby="category-error">
                <option value="">{t.choose}</option>
                {categories.iter().map(|c| view! {
                    <option value=c.code.clone() selected=c.code == chosen>
                        {if c.parent_code.is_some() { "　" } else { "" }}
                        {c.name.get(locale).to_owned()}
                    </option>
                }).collect_view()}
            </select>
        }
    };

    // Staff accounts.
    let e = error_for("staff");
    let v = |f: &str| typed.value("staff", f, "");
    let staff_rows = staff
        .iter()
        .map(|s| {
            let role_i = STAFF_ROLES.iter().position(|r| *r == s.role);
            view! {
                <tr>
                    <td>{s.display_name.clone()}</td>
                    <td>{s.phone.clone()}</td>
                    <td>{role_i.map(|i| t.staff_role_names[i])}</td>
                    <td>{s.place.as_ref().map(|p| p.get(locale).to_owned())} " " <code>{s.place_code.clone()}</code></td>
                </tr>
            }
        })
        .collect_view();
    let staff_form = admin_form("staff", t, view! {
            {text_field("staff-phone", "phone", t.phone_label, v("phone"), "tel", &e, t)}
            {text_field("staff-name", "display_name", t.display_name_label, v("display_name"), "text", &e, t)}
            <label for="staff-role">{t.role_label}</label>
            <select id="staff-role" name="role" required aria-describedby="role-error">
                <option value="">{t.choose}</option>
                {STAFF_ROLES.into_iter().enumerate().map(|(i, r)| view! {
                    <option value=r.as_str() selected=v("role") == r.as_str()>{t.staff_role_names[i]}</option>
                }).collect_view()}
            </select>
            <p class="field-error" id="role-error">{field_message(t, &e, "role")}</p>
            <label for="staff-unit">{t.staff_unit_label}</label>
            <select id="staff-unit" name="unit" aria-describedby="unit-error">
                <option value="">{t.choose}</option>
                {unit_options(&v("unit"), &units)}
            </select>
            <p class="field-error" id="unit-error">{field_message(t, &e, "unit")}</p>
            {text_field("staff-area", "area", t.staff_area_label, v("area"), "text", &e, t)}
            <label for="staff-password">{t.staff_password_label}</label>
            <input id="staff-password" name="password" type="password" autocomplete="new-password" aria-describedby="password-error" />
            <p class="field-error" id="password-error">{field_message(t, &e, "password")}</p>
        }
        .into_any(),
    );

    // Disabling and enabling accounts.
    let e = error_for("disable");
    let v = |f: &str| typed.value("disable", f, "");
    let disable_form = admin_form("disable", t, view! {
            {text_field("disable-phone", "phone", t.phone_label, v("phone"), "tel", &e, t)}
            <label for="disable-reason">{t.disable_reason_label}</label>
            <textarea id="disable-reason" name="reason" rows="2" maxlength="2000" aria-describedby="reason-error">{v("reason")}</textarea>
            <p class="field-error" id="reason-error">{field_message(t, &e, "reason")}</p>
        }
        .into_any(),
    );
    let e = error_for("enable");
    let v = |f: &str| typed.value("enable", f, "");
    let enable_form = admin_form(
        "enable",
        t,
        view! {
            {text_field("enable-phone", "phone", t.phone_label, v("phone"), "tel", &e, t)}
        }
        .into_any(),
    );
    // Lists, not tables: each entry reads on a phone without scrolling sideways.
    let disabled_rows = if disabled.is_empty() {
        view! { <p class="hint">{t.admin_none_disabled}</p> }.into_any()
    } else {
        let rows = disabled
            .into_iter()
            .map(|d| {
                let role_i = STAFF_ROLES.iter().position(|r| *r == d.role);
                view! {
                    <li>
                        <strong>{d.display_name}</strong> " " {d.phone} " · "
                        {role_i.map_or(t.role_names[0], |i| t.staff_role_names[i])}
                        <br />
                        {t.disabled_reason_prefix} {d.reason}
                        <br />
                        <span class="meta">{t.disabled_since_heading} " " {d.since}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="entry-list">{rows}</ul> }.into_any()
    };
    let audit_rows = audit
        .into_iter()
        .map(|a| {
            let action = CHANGES
                .iter()
                .position(|c| *c == a.action)
                .map_or(a.action.clone(), |i| t.admin_change_names[i].to_owned());
            view! {
                <li>
                    <span class="meta">{a.at} " · " {a.admin}</span>
                    <br />
                    <strong>{action}</strong> " " <code>{a.subject}</code> " " {a.detail}
                </li>
            }
        })
        .collect_view();

    // Categories: deadlines and default unit.
    let e = error_for("category");
    let v = |f: &str| typed.value("category", f, "");
    let category_rows = categories
        .iter()
        .map(|c| {
            let h = c.hours;
            view! {
                <tr>
                    <td>{if c.parent_code.is_some() { "　" } else { "" }}{c.name.get(locale).to_owned()} " " <code>{c.code.clone()}</code></td>
                    <td>{h.respond} " / " {h.resolve}</td>
                    <td>{h.urgent_respond} " / " {h.urgent_resolve}</td>
                    <td>{c.default_unit.as_ref().map_or(t.default_unit_street.to_owned(), |(_, n)| n.get(locale).to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    let hours_field = |field: &'static str, label: &'static str| {
        let id = format!("category-{field}");
        view! {
            <div>
                <label for=id.clone()>{label}</label>
                <input id=id name=field value=v(field) inputmode="numeric" required aria-describedby="hours-error" />
            </div>
        }
    };
    let category_form = admin_form(
        "category",
        t,
        view! {
            <label for="category-category">{t.category_label}</label>
            {category_select("category-category", &v("category"), &categories)}
            <p class="field-error" id="category-error">{field_message(t, &e, "category")}</p>
            <div class="hours">
                {hours_field("respond", t.respond_hours_label)}
                {hours_field("resolve", t.resolve_hours_label)}
                {hours_field("urgent_respond", t.urgent_respond_hours_label)}
                {hours_field("urgent_resolve", t.urgent_resolve_hours_label)}
            </div>
            <p class="field-error" id="hours-error">{field_message(t, &e, "hours")}</p>
            <label for="category-unit">{t.default_unit_label}</label>
            <select id="category-unit" name="unit" aria-describedby="unit-error">
                <option value="">{t.default_unit_street}</option>
                {unit_options(&v("unit"), &units)}
            </select>
            <p class="field-error" id="unit-error">{field_message(t, &e, "unit")}</p>
        }
        .into_any(),
    );

    // Routing rules.
    let e = error_for("rule");
    let v = |f: &str| typed.value("rule", f, "");
    let rule_rows = rules
        .iter()
        .map(|r| {
            let (category, area) = (r.category_code.clone(), r.area_code.clone());
            view! {
                <tr>
                    <td>{r.category.get(locale).to_owned()}</td>
                    <td>{r.area.get(locale).to_owned()} " " <code>{r.area_code.clone()}</code></td>
                    <td>{r.unit.get(locale).to_owned()}</td>
                    <td>
                        <CheckedForm kind=FormKind::Admin action=AdminChange::PATH.to_owned()
                            messages=FormKind::Admin.messages(t) multipart=true>
                            <input type="hidden" name="change" value="remove_rule" />
                            <input type="hidden" name="category" value=category />
                            <input type="hidden" name="area" value=area />
                            <p class="form-error" role="alert"></p>
                            <button type="submit" class="button secondary">{t.remove_rule_button}</button>
                        </CheckedForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let rule_form = admin_form(
        "rule",
        t,
        view! {
            <label for="rule-category">{t.category_label}</label>
            {category_select("rule-category", &v("category"), &categories)}
            <p class="field-error" id="category-error">{field_message(t, &e, "category")}</p>
            {text_field("rule-area", "area", t.rule_area_label, v("area"), "text", &e, t)}
            <label for="rule-unit">{t.unit_label}</label>
            <select id="rule-unit" name="unit" required aria-describedby="unit-error">
                <option value="">{t.choose}</option>
                {unit_options(&v("unit"), &units)}
            </select>
            <p class="field-error" id="unit-error">{field_message(t, &e, "unit")}</p>
        }
        .into_any(),
    );

    // Units.
    let e = error_for("unit");
    let v = |f: &str| typed.value("unit", f, "");
    let unit_rows = units
        .iter()
        .map(|u| {
            let kind_i = UNIT_KINDS.iter().position(|k| *k == u.kind);
            view! {
                <tr>
                    <td>{u.name.get(locale).to_owned()} " " <code>{u.code.clone()}</code></td>
                    <td>{kind_i.map(|i| t.unit_kind_names[i])}</td>
                    <td>{u.area.get(locale).to_owned()} " " <code>{u.area_code.clone()}</code></td>
                </tr>
            }
        })
        .collect_view();
    let unit_form = admin_form(
        "unit",
        t,
        view! {
            {text_field("unit-code", "unit_code", t.unit_code_label, v("unit_code"), "text", &e, t)}
            <label for="unit-kind">{t.unit_kind_label}</label>
            <select id="unit-kind" name="unit_kind" required aria-describedby="unit_kind-error">
                <option value="">{t.choose}</option>
                {UNIT_KINDS.into_iter().enumerate().map(|(i, k)| view! {
                    <option value=k selected=v("unit_kind") == k>{t.unit_kind_names[i]}</option>
                }).collect_view()}
            </select>
            <p class="field-error" id="unit_kind-error">{field_message(t, &e, "unit_kind")}</p>
            {text_field("unit-name-zh", "name_zh", t.name_zh_label, v("name_zh"), "text", &e, t)}
            {text_field("unit-name-en", "name_en", t.name_en_label, v("name_en"), "text", &e, t)}
            {text_field("unit-area", "area", t.unit_area_label, v("area"), "text", &e, t)}
        }
        .into_any(),
    );

    view! {
        {done_notice}
        <p class="form-error" role="alert"></p>
        <p class="hint">{t.admin_intro} " " <a href="/areas">{t.admin_area_codes}</a></p>
        <section aria-labelledby="admin-staff">
            <h2 id="admin-staff">{t.admin_staff_heading}</h2>
            <p class="hint">{t.admin_staff_intro}</p>
            <TableScroll label=t.admin_staff_heading>
                <table class="admin-table">
                    <thead><tr><th>{t.display_name_label}</th><th>{t.phone_label}</th><th>{t.role_label}</th><th>{t.staff_place_heading}</th></tr></thead>
                    <tbody>{staff_rows}</tbody>
                </table>
            </TableScroll>
            {staff_form}
        </section>
        <section aria-labelledby="admin-accounts">
            <h2 id="admin-accounts">{t.admin_accounts_heading}</h2>
            <p class="hint">{t.admin_accounts_intro}</p>
            {disabled_rows}
            {disable_form}
            {enable_form}
        </section>
        <section aria-labelledby="admin-categories">
            <h2 id="admin-categories">{t.admin_categories_heading}</h2>
            <p class="hint">{t.admin_categories_intro}</p>
            <TableScroll label=t.admin_categories_heading>
                <table class="admin-table">
                    <thead><tr><th>{t.category_label}</th><th>{t.hours_heading}</th><th>{t.urgent_hours_heading}</th><th>{t.default_unit_label}</th></tr></thead>
                    <tbody>{category_rows}</tbody>
                </table>
            </TableScroll>
            {category_form}
        </section>
        <section aria-labelledby="admin-rules">
            <h2 id="admin-rules">{t.admin_rules_heading}</h2>
            <p class="hint">{t.admin_rules_intro}</p>
            <TableScroll label=t.admin_rules_heading>
                <table class="admin-table">
                    <thead><tr><th>{t.category_label}</th><th>{t.rule_area_label}</th><th>{t.unit_label}</th><th></th></tr></thead>
                    <tbody>{rule_rows}</tbody>
                </table>
            </TableScroll>
            {rule_form}
        </section>
        <section aria-labelledby="admin-units">
            <h2 id="admin-units">{t.admin_units_heading}</h2>
            {unit_form}
            <details>
                <summary>{t.admin_units_all.replace("{n}", &units.len().to_string())}</summary>
                <TableScroll label=t.admin_units_heading>
                    <table class="admin-table">
                        <thead><tr><th>{t.unit_label}</th><th>{t.unit_kind_label}</th><th>{t.unit_area_label}</th></tr></thead>
                        <tbody>{unit_rows}</tbody>
                    </table>
                </TableScroll>
            </details>
        </section>
        <section aria-labelledby="admin-audit">
            <h2 id="admin-audit">{t.admin_audit_heading}</h2>
            <p class="hint">{t.admin_audit_intro}</p>
            <ol class="entry-list">{audit_rows}</ol>
        </section>
    }
}

/// One admin form: `change` names it (and its button); `fields` are its fields.
fn admin_form(change: &'static str, t: &'static Texts, fields: AnyView) -> impl IntoView {
    let name = CHANGES
        .iter()
        .position(|c| *c == change)
        .map_or("", |i| t.admin_change_names[i]);
    view! {
        <CheckedForm
            kind=FormKind::Admin
            action=AdminChange::PATH.to_owned()
            messages=FormKind::Admin.messages(t)
            multipart=true
        >
            <input type="hidden" name="change" value=change />
            <p class="form-error" role="alert"></p>
            {fields}
            <button type="submit" class="button">{name}</button>
        </CheckedForm>
    }
}

/// A labelled text input called `name` with its refusal.
fn text_field(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    typed: String,
    input_type: &'static str,
    error: &Option<AppError>,
    t: &'static Texts,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    view! {
        <label for=id>{label}</label>
        <input id=id name=name type=input_type value=typed aria-describedby=error_id.clone() />
        <p class="field-error" id=error_id>{field_message(t, error, name)}</p>
    }
}
