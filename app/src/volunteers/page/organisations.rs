//! The organisations part of `/volunteers`: for a resident, the organisations they are the
//! contact for, the asks to answer and the form to report one; for area staff, the
//! organisations reporting within their area to decide on and ask, and the asks and their
//! answers. And the list the public sees on a community's or street's page.

use super::super::forms::{VolunteerCheckedForm, VolunteerForm};
use super::super::organisations::api::{
    AnswerAsk, AskResource, DecideOrganisation, ReportOrganisation,
};
use super::super::organisations::{
    AskStatus, AskView, OrganisationTexts, OrganisationView, OrganisationsSeen, ResourceKind,
};
use super::super::{VolunteerStatus, VolunteerTexts};
use crate::components::checked_form::url_error;
use crate::components::Field;
use crate::error::field_message;
use crate::i18n::use_locale;
use crate::requests::Names;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// What a `done` key of the organisation forms says, if it is one of theirs.
pub fn done(key: &str) -> Option<&'static str> {
    let t = OrganisationTexts::here();
    match key {
        "org_reported" => Some(t.done_reported),
        "org_asked" => Some(t.done_asked),
        "org_answered" => Some(t.done_answered),
        _ => None,
    }
}

/// The organisations part, as `seen`; `kept`: what was typed into the report form before a
/// refusal.
#[component]
pub fn OrganisationsPart(seen: OrganisationsSeen, kept: Vec<(String, String)>) -> impl IntoView {
    match seen {
        OrganisationsSeen::Contact {
            organisations,
            asks,
            report_areas,
        } => view! { <Contact organisations asks report_areas kept /> }.into_any(),
        OrganisationsSeen::Staff {
            organisations,
            asks,
        } => view! { <Staff organisations asks /> }.into_any(),
    }
}

/// An organisation: name, where it reports, its status, contact (for those who may see it),
/// and its resource list; `ask`: each resource with the form to ask for it.
fn organisation(o: OrganisationView, ask: bool) -> impl IntoView {
    let locale = use_locale();
    let t = OrganisationTexts::of(locale);
    // The public sees only confirmed ones, and no contact: no status to say.
    let status = o.contact.is_some().then(|| {
        view! {
            <span class=format!(
                "badge volunteer-{}",
                o.status.as_str(),
            )>{o.status.label(locale)}</span>
        }
    });
    let contact = o
        .contact
        .map(|(name, phone)| view! { <p>{t.contact} {name} " " {phone}</p> });
    let reason = o.reason.map(|r| view! { <p>{t.reason} {r}</p> });
    let asking = ask && o.status == VolunteerStatus::Active;
    view! {
        <p>
            <strong>{o.name}</strong>
            " "
            {status}
            " · "
            {o.area.get(locale).to_owned()}
        </p>
        {contact}
        {reason}
        <ul class="resource-list">
            {o
                .resources
                .into_iter()
                .map(|r| {
                    let form = asking.then(|| ask_form(r.id));
                    view! {
                        <li>
                            <strong>{r.kind.label(locale)}</strong>
                            {locale.pick(("：", ": "))}
                            {r.what}
                            {form}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The form staff ask for resource `id` with, folded.
fn ask_form(id: ids::ResourceId) -> impl IntoView {
    let t = OrganisationTexts::here();
    let what_id = format!("ask-what-{id}");
    let day_id = format!("ask-day-{id}");
    view! {
        <details class="decision">
            <summary>{t.ask_summary}</summary>
            <VolunteerCheckedForm form=VolunteerForm::Ask action=AskResource::PATH.to_owned()>
                <input type="hidden" name="resource" value=id.to_string() />
                <p class="form-error" role="alert"></p>
                <label for=what_id.clone()>{t.what_label}</label>
                <input id=what_id name="what" />
                <label for=day_id.clone()>{t.needed_on_label}</label>
                <input
                    id=day_id
                    name="needed_on"
                    type="date"
                    value=crate::time::day(chrono::Utc::now().timestamp())
                />
                <button type="submit" class="button secondary">
                    {t.ask_button}
                </button>
            </VolunteerCheckedForm>
        </details>
    }
}

/// The asks: what, for when, by whom, and the answer; `answer`: the forms to answer those
/// waiting (the organisation's contact).
#[component]
fn Asks(asks: Vec<AskView>, answer: bool) -> impl IntoView {
    let locale = use_locale();
    let t = OrganisationTexts::of(locale);
    if asks.is_empty() {
        return view! { <p>{t.none}</p> }.into_any();
    }
    view! {
        <ul class="volunteer-list">
            {asks
                .into_iter()
                .map(|a| {
                    let forms = (answer && a.status == AskStatus::Asked).then(|| answer_form(a.id));
                    let said = a
                        .answer
                        .filter(|s| !s.is_empty())
                        .map(|s| view! { <p>{t.answer_said} {s}</p> });
                    view! {
                        <li>
                            <p>
                                <span class=format!(
                                    "badge ask-{}",
                                    a.status.as_str(),
                                )>{a.status.label(locale)}</span>
                                " "
                                <strong>{a.organisation}</strong>
                                " · "
                                {a.resource_kind.label(locale)}
                            </p>
                            <p>{(t.asked_by)(&a.area.get(locale), &a.needed_on)} {a.what}</p>
                            {said}
                            {forms}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The contact's answer to ask `id`: agreeing (a note optional), or, folded, saying why it
/// cannot.
fn answer_form(id: ids::AskId) -> impl IntoView {
    let t = OrganisationTexts::here();
    let form =
        move |answer: AskStatus, button: &'static str, label: &'static str, class: &'static str| {
            let note_id = format!("answer-{}-{id}", answer.as_str());
            view! {
                <VolunteerCheckedForm form=VolunteerForm::Answer action=AnswerAsk::PATH.to_owned()>
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="answer" value=answer.as_str() />
                    <p class="form-error" role="alert"></p>
                    <label for=note_id.clone()>{label}</label>
                    <input id=note_id name="note" />
                    <button type="submit" class=class>
                        {button}
                    </button>
                </VolunteerCheckedForm>
            }
        };
    view! {
        <div class="decisions">
            {form(AskStatus::Agreed, t.agree_button, t.answer_label, "button")}
            <details class="decision">
                <summary>{t.decline_button}</summary>
                {form(AskStatus::Declined, t.decline_button, t.answer_hint, "button secondary")}
            </details>
        </div>
    }
}

#[component]
fn Contact(
    organisations: Vec<OrganisationView>,
    asks: Vec<AskView>,
    report_areas: Vec<(String, Names)>,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let t = OrganisationTexts::here();
    let error = url_error::<AnswerAsk>();
    let mine = (!organisations.is_empty()).then(|| {
        view! {
            <h2 id="organisations">{t.mine_heading}</h2>
            <ul class="volunteer-list">
                {organisations
                    .into_iter()
                    .map(|o| view! { <li>{organisation(o, false)}</li> })
                    .collect_view()}
            </ul>
            <h3 id="asks">{t.asks_to_me_heading}</h3>
            {["answer", "note"]
                .map(|field| {
                    view! { <p class="field-error">{field_message(t, &error, field)}</p> }
                })}
            <Asks asks answer=true />
        }
    });
    let report = (!report_areas.is_empty()).then(|| view! { <ReportForm report_areas kept /> });
    view! {
        {mine}
        {report}
    }
}

/// The form a resident reports an organisation with, as typed before a refusal (`kept`).
#[component]
fn ReportForm(report_areas: Vec<(String, Names)>, kept: Vec<(String, String)>) -> impl IntoView {
    let locale = use_locale();
    let t = OrganisationTexts::of(locale);
    let e = url_error::<ReportOrganisation>();
    let v = |name: &str| -> String {
        kept.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let chosen = v("area");
    let (name, contact_name, contact_phone) = (v("name"), v("contact_name"), v("contact_phone"));
    let offered: Vec<String> = ResourceKind::ALL.iter().map(|k| v(k.as_str())).collect();
    let areas = report_areas
        .into_iter()
        .map(|(code, names)| {
            let selected = code == chosen;
            view! {
                <option value=code selected=selected>
                    {names.get(locale).to_owned()}
                </option>
            }
        })
        .collect_view();
    let resources = ResourceKind::ALL
        .iter()
        .zip(offered)
        .enumerate()
        .map(|(i, (kind, value))| {
            let id = format!("o-{}", kind.as_str());
            view! {
                <label for=id.clone()>{kind.label(locale)}</label>
                <input
                    id=id
                    name=kind.as_str()
                    value=value
                    placeholder=(t.resource_hint)(i)
                    aria-describedby=format!("{}-error", kind.as_str())
                />
                <p class="field-error" id=format!("{}-error", kind.as_str())>
                    {field_message(t, &e, kind.as_str())}
                </p>
            }
        })
        .collect_view();
    view! {
        <h2 id="report-organisation">{t.report_heading}</h2>
        <VolunteerCheckedForm
            form=VolunteerForm::Organisation
            action=ReportOrganisation::PATH.to_owned()
            multipart=true
        >
            <p class="form-error" role="alert"></p>
            <p class="hint">{t.report_hint}</p>
            <Field id="o-area" name="area" label=t.area_label error=e.clone()>
                <select id="o-area" name="area" aria-describedby="area-error">
                    {areas}
                </select>
            </Field>
            <Field id="o-name" name="name" label=t.name_label error=e.clone()>
                <input
                    id="o-name"
                    name="name"
                    value=name
                    autocomplete="organization"
                    aria-describedby="name-error"
                />
            </Field>
            <Field
                id="o-contact-name"
                name="contact_name"
                label=t.contact_name_label
                error=e.clone()
            >
                <input
                    id="o-contact-name"
                    name="contact_name"
                    value=contact_name
                    autocomplete="name"
                    aria-describedby="contact_name-error"
                />
            </Field>
            <Field
                id="o-contact-phone"
                name="contact_phone"
                label=t.contact_phone_label
                error=e.clone()
            >
                <input
                    id="o-contact-phone"
                    name="contact_phone"
                    value=contact_phone
                    type="tel"
                    inputmode="numeric"
                    autocomplete="tel"
                    aria-describedby="contact_phone-error"
                />
            </Field>
            <fieldset aria-describedby="resources-error">
                <legend>{t.resources_legend}</legend>
                {resources}
            </fieldset>
            <p class="field-error" id="resources-error">
                {field_message(t, &e, "resources")}
            </p>
            <button type="submit" class="button">
                {t.report_button}
            </button>
        </VolunteerCheckedForm>
    }
}

#[component]
fn Staff(organisations: Vec<OrganisationView>, asks: Vec<AskView>) -> impl IntoView {
    let t = OrganisationTexts::here();
    let v = VolunteerTexts::here();
    let decided = url_error::<DecideOrganisation>();
    let asked = url_error::<AskResource>();
    let count = organisations.len();
    let list = if organisations.is_empty() {
        view! { <p>{t.none}</p> }.into_any()
    } else {
        view! {
            <ul class="volunteer-list">
                {organisations
                    .into_iter()
                    .map(|o| {
                        let (id, status) = (o.id, o.status);
                        let forms = super::decisions(
                            DecideOrganisation::PATH,
                            id.to_string(),
                            status,
                            v,
                        );
                        view! { <li>{organisation(o, true)} {forms}</li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2 id="organisations">{(t.staff_heading)(&count)}</h2>
        {["decision", "reason", "status", "what", "needed_on", "resource"]
            .map(|field| {
                let error = if ["what", "needed_on", "resource"].contains(&field) {
                    &asked
                } else {
                    &decided
                };
                view! { <p class="field-error">{field_message(t, error, field)}</p> }
            })}
        {list}
        <h2 id="asks">{t.asks_heading}</h2>
        <Asks asks answer=false />
    }
}

/// The confirmed organisations as everyone sees them: name, where, what they offer.
#[component]
pub fn PublicOrganisations(list: Vec<OrganisationView>) -> impl IntoView {
    let t = OrganisationTexts::here();
    if list.is_empty() {
        return view! { <p>{t.none}</p> }.into_any();
    }
    view! {
        <ul class="volunteer-list">
            {list.into_iter().map(|o| view! { <li>{organisation(o, false)}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}
