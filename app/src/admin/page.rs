//! `/admin`: staff accounts, categories (deadlines and default unit), routing rules and units,
//! each listed with a form that creates or changes one. Every form posts `admin_change`.

use super::api::{admin_overview, AdminChange, ADMIN_FORM};
use super::{staff_role_label, unit_kind_label, CategoryItem, Overview, UnitItem};
use super::{STAFF_ROLES, UNIT_KINDS};
use crate::accounts::api::typed_values;
use crate::admin::forms::{AdminCheckedForm, AdminForm};
use crate::admin::AdminTexts;
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::components::TableScroll;
use crate::error::field_message;
use crate::error::AppError;
use crate::fields::field_value;
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
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
struct Typed(Vec<(String, String)>);

impl Typed {
    fn change(&self) -> &str {
        self.get("change")
    }

    fn get(&self, field: &str) -> &str {
        field_value(&self.0, field).unwrap_or_default()
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
    let t = AdminTexts::of(locale);
    let typed = Typed(typed);
    let error = url_error::<AdminChange>();
    // A refusal belongs to the form that was sent.
    let error_for = |change: &str| error.clone().filter(|_| typed.change() == change);
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
                {categories
                    .iter()
                    .map(|c| {
                        view! {
                            <option value=c.code.clone() selected=c.code == chosen>
                                {if c.parent_code.is_some() { "　" } else { "" }}
                                {c.name.get(locale).to_owned()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
    };

    // Staff accounts.
    let e = error_for("staff");
    let v = |f: &str| typed.value("staff", f, "");
    let staff_rows = staff
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <td>{s.display_name.clone()}</td>
                    <td>{s.phone.clone()}</td>
                    <td>{staff_role_label(s.role, t.locale())}</td>
                    <td>
                        {s.place.as_ref().map(|p| p.get(locale).to_owned())} " "
                        <code>{s.place_code.clone()}</code>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let staff_form = admin_form(
        "staff",
        t,
        view! {
            {text_field(
                "staff-phone",
                "phone",
                crate::accounts::AccountTexts::of(t.locale()).phone_label,
                v("phone"),
                "tel",
                &e,
                t,
            )}
            {text_field(
                "staff-name",
                "display_name",
                crate::accounts::AccountTexts::of(t.locale()).display_name_label,
                v("display_name"),
                "text",
                &e,
                t,
            )}
            <label for="staff-role">{t.role_label}</label>
            <select id="staff-role" name="role" required aria-describedby="role-error">
                <option value="">{t.choose}</option>
                {STAFF_ROLES
                    .into_iter()
                    .map(|r| {
                        view! {
                            <option value=r.as_str() selected=v("role") == r.as_str()>
                                {staff_role_label(r, t.locale())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id="role-error">
                {field_message(t, &e, "role")}
            </p>
            <label for="staff-unit">{t.staff_unit_label}</label>
            <select id="staff-unit" name="unit" aria-describedby="unit-error">
                <option value="">{t.choose}</option>
                {unit_options(&v("unit"), &units)}
            </select>
            <p class="field-error" id="unit-error">
                {field_message(t, &e, "unit")}
            </p>
            {text_field("staff-area", "area", t.staff_area_label, v("area"), "text", &e, t)}
            <label for="staff-password">{t.staff_password_label}</label>
            <input
                id="staff-password"
                name="password"
                type="password"
                autocomplete="new-password"
                aria-describedby="password-error"
            />
            <p class="field-error" id="password-error">
                {field_message(t, &e, "password")}
            </p>
        }
        .into_any(),
    );

    // Disabling and enabling accounts.
    let e = error_for("disable");
    let v = |f: &str| typed.value("disable", f, "");
    let disable_form = admin_form(
        "disable",
        t,
        view! {
            {text_field(
                "disable-phone",
                "phone",
                crate::accounts::AccountTexts::of(t.locale()).phone_label,
                v("phone"),
                "tel",
                &e,
                t,
            )}
            <label for="disable-reason">{t.disable_reason_label}</label>
            <textarea
                id="disable-reason"
                name="reason"
                rows="2"
                maxlength="2000"
                aria-describedby="reason-error"
            >
                {v("reason")}
            </textarea>
            <p class="field-error" id="reason-error">
                {field_message(t, &e, "reason")}
            </p>
        }
        .into_any(),
    );
    let e = error_for("enable");
    let v = |f: &str| typed.value("enable", f, "");
    let enable_form = admin_form(
        "enable",
        t,
        view! {
            {text_field(
                "enable-phone",
                "phone",
                crate::accounts::AccountTexts::of(t.locale()).phone_label,
                v("phone"),
                "tel",
                &e,
                t,
            )}
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
                view! {
                    <li>
                        <strong>{d.display_name}</strong>
                        " "
                        {d.phone}
                        " · "
                        {staff_role_label(d.role, t.locale())}
                        <br />
                        {t.disabled_reason_prefix}
                        {d.reason}
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
            let action =
                change_label(&a.action, t.locale()).map_or(a.action.clone(), str::to_owned);
            view! {
                <li>
                    <span class="meta">{a.at} " · " {a.admin}</span>
                    <br />
                    <strong>{action}</strong>
                    " "
                    <code>{a.subject}</code>
                    " "
                    {a.detail}
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
                    <td>
                        {if c.parent_code.is_some() { "　" } else { "" }}
                        {c.name.get(locale).to_owned()} " " <code>{c.code.clone()}</code>
                    </td>
                    <td>{h.respond} " / " {h.resolve}</td>
                    <td>{h.urgent_respond} " / " {h.urgent_resolve}</td>
                    <td>
                        {c
                            .default_unit
                            .as_ref()
                            .map_or(
                                t.default_unit_street.to_owned(),
                                |(_, n)| n.get(locale).to_owned(),
                            )}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let hours_field = |field: &'static str, label: &'static str| {
        let id = format!("category-{field}");
        view! {
            <div>
                <label for=id.clone()>{label}</label>
                <input
                    id=id
                    name=field
                    value=v(field)
                    inputmode="numeric"
                    required
                    aria-describedby="hours-error"
                />
            </div>
        }
    };
    let category_form = admin_form(
        "category",
        t,
        view! {
            <label for="category-category">
                {crate::requests::RequestTexts::of(t.locale()).category_label}
            </label>
            {category_select("category-category", &v("category"), &categories)}
            <p class="field-error" id="category-error">
                {field_message(t, &e, "category")}
            </p>
            <div class="hours">
                {hours_field("respond", t.respond_hours_label)}
                {hours_field("resolve", t.resolve_hours_label)}
                {hours_field("urgent_respond", t.urgent_respond_hours_label)}
                {hours_field("urgent_resolve", t.urgent_resolve_hours_label)}
            </div>
            <p class="field-error" id="hours-error">
                {field_message(t, &e, "hours")}
            </p>
            <label for="category-unit">{t.default_unit_label}</label>
            <select id="category-unit" name="unit" aria-describedby="unit-error">
                <option value="">{t.default_unit_street}</option>
                {unit_options(&v("unit"), &units)}
            </select>
            <p class="field-error" id="unit-error">
                {field_message(t, &e, "unit")}
            </p>
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
                        <AdminCheckedForm
                            form=AdminForm::Change
                            action=AdminChange::PATH.to_owned()
                            multipart=true
                        >
                            <input type="hidden" name="change" value="remove_rule" />
                            <input type="hidden" name="category" value=category />
                            <input type="hidden" name="area" value=area />
                            <p class="form-error" role="alert"></p>
                            <button type="submit" class="button secondary">
                                {t.remove_rule_button}
                            </button>
                        </AdminCheckedForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let rule_form = admin_form(
        "rule",
        t,
        view! {
            <label for="rule-category">
                {crate::requests::RequestTexts::of(t.locale()).category_label}
            </label>
            {category_select("rule-category", &v("category"), &categories)}
            <p class="field-error" id="category-error">
                {field_message(t, &e, "category")}
            </p>
            {text_field("rule-area", "area", t.rule_area_label, v("area"), "text", &e, t)}
            <label for="rule-unit">
                {crate::requests::RequestTexts::of(t.locale()).unit_label}
            </label>
            <select id="rule-unit" name="unit" required aria-describedby="unit-error">
                <option value="">{t.choose}</option>
                {unit_options(&v("unit"), &units)}
            </select>
            <p class="field-error" id="unit-error">
                {field_message(t, &e, "unit")}
            </p>
        }
        .into_any(),
    );

    // Units.
    let e = error_for("unit");
    let v = |f: &str| typed.value("unit", f, "");
    let unit_rows = units
        .iter()
        .map(|u| {
            view! {
                <tr>
                    <td>{u.name.get(locale).to_owned()} " " <code>{u.code.clone()}</code></td>
                    <td>{unit_kind_label(&u.kind, t.locale())}</td>
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
                {UNIT_KINDS
                    .into_iter()
                    .map(|k| {
                        view! {
                            <option value=k selected=v("unit_kind") == k>
                                {unit_kind_label(k, t.locale())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id="unit_kind-error">
                {field_message(t, &e, "unit_kind")}
            </p>
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
                    <thead>
                        <tr>
                            <th>
                                {crate::accounts::AccountTexts::of(t.locale()).display_name_label}
                            </th>
                            <th>{crate::accounts::AccountTexts::of(t.locale()).phone_label}</th>
                            <th>{t.role_label}</th>
                            <th>{t.staff_place_heading}</th>
                        </tr>
                    </thead>
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
                    <thead>
                        <tr>
                            <th>{crate::requests::RequestTexts::of(t.locale()).category_label}</th>
                            <th>{t.hours_heading}</th>
                            <th>{t.urgent_hours_heading}</th>
                            <th>{t.default_unit_label}</th>
                        </tr>
                    </thead>
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
                    <thead>
                        <tr>
                            <th>{crate::requests::RequestTexts::of(t.locale()).category_label}</th>
                            <th>{t.rule_area_label}</th>
                            <th>{crate::requests::RequestTexts::of(t.locale()).unit_label}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{rule_rows}</tbody>
                </table>
            </TableScroll>
            {rule_form}
        </section>
        <section aria-labelledby="admin-units">
            <h2 id="admin-units">{t.admin_units_heading}</h2>
            {unit_form}
            <details>
                <summary>{(t.admin_units_all)(&units.len())}</summary>
                <TableScroll label=t.admin_units_heading>
                    <table class="admin-table">
                        <thead>
                            <tr>
                                <th>{crate::requests::RequestTexts::of(t.locale()).unit_label}</th>
                                <th>{t.unit_kind_label}</th>
                                <th>{t.unit_area_label}</th>
                            </tr>
                        </thead>
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
fn admin_form(change: &'static str, t: &'static AdminTexts, fields: AnyView) -> impl IntoView {
    let name = change_label(change, t.locale()).unwrap_or_default();
    view! {
        <AdminCheckedForm form=AdminForm::Change action=AdminChange::PATH.to_owned() multipart=true>
            <input type="hidden" name="change" value=change />
            <p class="form-error" role="alert"></p>
            {fields}
            <button type="submit" class="button">
                {name}
            </button>
        </AdminCheckedForm>
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
    t: &'static AdminTexts,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    view! {
        <label for=id>{label}</label>
        <input id=id name=name type=input_type value=typed aria-describedby=error_id.clone() />
        <p class="field-error" id=error_id>
            {field_message(t, error, name)}
        </p>
    }
}
