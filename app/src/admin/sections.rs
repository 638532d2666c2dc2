//! The admin page's sections: staff accounts, disabled accounts, categories, routing rules,
//! units and the log, each a list and the forms that change it; and what their forms share
//! (`Forms`, with what a refused form held: `Typed`).

use super::api::AdminChange;
use super::{
    change_label, staff_role_label, unit_kind_label, AuditItem, CategoryItem, DisabledItem,
};
use super::{RuleItem, StaffItem, UnitItem, STAFF_ROLES, UNIT_KINDS};
use crate::admin::forms::{AdminCheckedForm, AdminForm};
use crate::admin::AdminTexts;
use crate::components::{Field, TableScroll};
use crate::error::{field_message, AppError};
use crate::fields::field_value;
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// What a form held when the server refused it, for that form only.
#[derive(Clone)]
pub(super) struct Typed(pub Vec<(String, String)>);

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

/// Staff accounts: who works where, and the form that opens or changes one.
#[component]
pub(super) fn StaffSection(
    forms: Forms,
    staff: Vec<StaffItem>,
    units: Vec<UnitItem>,
) -> impl IntoView {
    let (t, locale, typed) = (forms.t, forms.locale, &forms.typed);
    let e = forms.error_for("staff");
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
            )}
            {text_field(
                "staff-name",
                "display_name",
                crate::accounts::AccountTexts::of(t.locale()).display_name_label,
                v("display_name"),
                "text",
                &e,
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
                {unit_options(&v("unit"), &units, locale)}
            </select>
            <p class="field-error" id="unit-error">
                {field_message(t, &e, "unit")}
            </p>
            {text_field("staff-area", "area", t.staff_area_label, v("area"), "text", &e)}
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
    view! {
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
    }
}

/// Disabled accounts, and the forms that disable and enable one.
#[component]
pub(super) fn AccountsSection(forms: Forms, disabled: Vec<DisabledItem>) -> impl IntoView {
    let (t, typed) = (forms.t, &forms.typed);
    let e = forms.error_for("disable");
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
    let e = forms.error_for("enable");
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
    view! {
        <section aria-labelledby="admin-accounts">
            <h2 id="admin-accounts">{t.admin_accounts_heading}</h2>
            <p class="hint">{t.admin_accounts_intro}</p>
            {disabled_rows}
            {disable_form}
            {enable_form}
        </section>
    }
}

/// Categories with their deadlines and default units, and the form that changes one.
#[component]
pub(super) fn CategoriesSection(
    forms: Forms,
    categories: Vec<CategoryItem>,
    units: Vec<UnitItem>,
) -> impl IntoView {
    let (t, locale, typed) = (forms.t, forms.locale, &forms.typed);
    let e = forms.error_for("category");
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
    let request_texts = crate::requests::RequestTexts::of(locale);
    let category = category_select("category-category", &v("category"), &categories, t, locale);
    let unit = unit_options(&v("unit"), &units, locale);
    let own_community = own_community_option(v("unit") == crate::admin::OWN_COMMUNITY, t);
    let category_form = admin_form(
        "category",
        t,
        view! {
            <Field
                id="category-category"
                name="category"
                label=request_texts.category_label
                error=e.clone()
            >
                {category}
            </Field>
            <div class="hours">
                {hours_field("respond", t.respond_hours_label)}
                {hours_field("resolve", t.resolve_hours_label)}
                {hours_field("urgent_respond", t.urgent_respond_hours_label)}
                {hours_field("urgent_resolve", t.urgent_resolve_hours_label)}
            </div>
            <p class="field-error" id="hours-error">
                {field_message(t, &e, "hours")}
            </p>
            <Field id="category-unit" name="unit" label=t.default_unit_label error=e.clone()>
                <select id="category-unit" name="unit" aria-describedby="unit-error">
                    <option value="">{t.default_unit_street}</option>
                    {own_community}
                    {unit}
                </select>
            </Field>
        }
        .into_any(),
    );
    view! {
        <section aria-labelledby="admin-categories">
            <h2 id="admin-categories">{t.admin_categories_heading}</h2>
            <p class="hint">{t.admin_categories_intro}</p>
            <TableScroll label=t.admin_categories_heading>
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th>{request_texts.category_label}</th>
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
    }
}

/// Routing rules (a category in an area goes to a unit), and the form that adds one.
#[component]
pub(super) fn RulesSection(
    forms: Forms,
    rules: Vec<RuleItem>,
    categories: Vec<CategoryItem>,
    units: Vec<UnitItem>,
) -> impl IntoView {
    let (t, locale, typed) = (forms.t, forms.locale, &forms.typed);
    let e = forms.error_for("rule");
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
    let request_texts = crate::requests::RequestTexts::of(locale);
    let category = category_select("rule-category", &v("category"), &categories, t, locale);
    let unit = unit_options(&v("unit"), &units, locale);
    let own_community = own_community_option(v("unit") == crate::admin::OWN_COMMUNITY, t);
    let rule_form = admin_form(
        "rule",
        t,
        view! {
            <Field
                id="rule-category"
                name="category"
                label=request_texts.category_label
                error=e.clone()
            >
                {category}
            </Field>
            {text_field("rule-area", "area", t.rule_area_label, v("area"), "text", &e)}
            <Field id="rule-unit" name="unit" label=request_texts.unit_label error=e.clone()>
                <select id="rule-unit" name="unit" required aria-describedby="unit-error">
                    <option value="">{t.choose}</option>
                    {own_community}
                    {unit}
                </select>
            </Field>
        }
        .into_any(),
    );
    view! {
        <section aria-labelledby="admin-rules">
            <h2 id="admin-rules">{t.admin_rules_heading}</h2>
            <p class="hint">{t.admin_rules_intro}</p>
            <TableScroll label=t.admin_rules_heading>
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th>{request_texts.category_label}</th>
                            <th>{t.rule_area_label}</th>
                            <th>{request_texts.unit_label}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{rule_rows}</tbody>
                </table>
            </TableScroll>
            {rule_form}
        </section>
    }
}

/// The units, and the form that creates or changes one.
#[component]
pub(super) fn UnitsSection(forms: Forms, units: Vec<UnitItem>) -> impl IntoView {
    let (t, locale, typed) = (forms.t, forms.locale, &forms.typed);
    let e = forms.error_for("unit");
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
            {text_field("unit-code", "unit_code", t.unit_code_label, v("unit_code"), "text", &e)}
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
            {text_field("unit-name-zh", "name_zh", t.name_zh_label, v("name_zh"), "text", &e)}
            {text_field("unit-name-en", "name_en", t.name_en_label, v("name_en"), "text", &e)}
            {text_field("unit-area", "area", t.unit_area_label, v("area"), "text", &e)}
        }
        .into_any(),
    );
    view! {
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
    }
}

/// The administration log: who changed what, newest first.
#[component]
pub(super) fn AuditSection(audit: Vec<AuditItem>) -> impl IntoView {
    let t = AdminTexts::here();
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
    view! {
        <section aria-labelledby="admin-audit">
            <h2 id="admin-audit">{t.admin_audit_heading}</h2>
            <p class="hint">{t.admin_audit_intro}</p>
            <ol class="entry-list">{audit_rows}</ol>
        </section>
    }
}

/// The units as the options of a `<select>`, `chosen` selected.
/// The option of a rule's unit that means "the committee of the request's own community".
fn own_community_option(selected: bool, t: &'static AdminTexts) -> impl IntoView {
    view! {
        <option value=crate::admin::OWN_COMMUNITY selected=selected>
            {t.own_community}
        </option>
    }
}

fn unit_options(chosen: &str, units: &[UnitItem], locale: Locale) -> impl IntoView {
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
}

/// The categories as a `<select>` (leaves under their groups), `chosen` selected.
fn category_select(
    id: &'static str,
    chosen: &str,
    categories: &[CategoryItem],
    t: &'static AdminTexts,
    locale: Locale,
) -> impl IntoView {
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
}

/// One admin form: `change` names it (and its button); `fields` are its fields.
fn admin_form(change: &'static str, t: &'static AdminTexts, fields: AnyView) -> impl IntoView {
    let name = change_label(change, t.locale()).unwrap_or_default();
    view! {
        <div class="form">
            <AdminCheckedForm
                form=AdminForm::Change
                action=AdminChange::PATH.to_owned()
                multipart=true
            >
                <input type="hidden" name="change" value=change />
                <p class="form-error" role="alert"></p>
                {fields}
                <button type="submit" class="button">
                    {name}
                </button>
            </AdminCheckedForm>
        </div>
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
) -> impl IntoView {
    view! {
        <Field id name label error=error.clone()>
            <input
                id=id
                name=name
                type=input_type
                value=typed
                aria-describedby=format!("{name}-error")
            />
        </Field>
    }
}
