//! `/topics` (every topic), `/topics/{id}` (one, with its progress; admins post progress
//! there) and `/topics/new` (admins: last month's candidates and the publishing form). All
//! are rendered on the server; the forms are `TopicCheckedForm`s posting `topic_change`.

use super::api::{read_topic, topic_candidates, topics_list, ChangeTopic, TOPIC_FORM};
use super::{Candidate, Candidates, Choice, TopicSummary, TopicView, MAX_CO_UNITS};
use crate::accounts::api::typed_values;
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::components::{Field, TableScroll};
use crate::error::field_message;
use crate::error::AppError;
use crate::fields::field_value;
use crate::i18n::use_locale;
use crate::measures::charts::BarChart;
use crate::topics::forms::{TopicCheckedForm, TopicForm};
use crate::topics::TopicTexts;
use ids::TopicId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/topics`: every topic, newest first.
#[component]
pub fn TopicsPage() -> impl IntoView {
    let t = TopicTexts::here();
    let list = Resource::new(|| (), |()| topics_list());
    view! {
        <Title text=t.topics_title />
        <section class="card topics">
            <h1>{t.topics_title}</h1>
            <p class="hint">{t.topics_intro}</p>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    let list = list.await?;
                    Ok::<
                        _,
                        AppError,
                    >(
                        view! {
                            {list
                                .can_publish
                                .then(|| {
                                    view! {
                                        <p>
                                            <a class="button" href="/topics/new">
                                                {t.topics_publish_link}
                                            </a>
                                        </p>
                                    }
                                })}
                            <TopicCards topics=list.topics />
                        }
                            .into_any(),
                    )
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TopicCards(topics: Vec<TopicSummary>) -> impl IntoView {
    let locale = use_locale();
    let t = TopicTexts::of(locale);
    if topics.is_empty() {
        return view! { <p>{t.topics_empty}</p> }.into_any();
    }
    view! {
        <ul class="topic-list">
            {topics
                .into_iter()
                .map(|topic| {
                    view! {
                        <li>
                            <h2>
                                <a href=format!("/topics/{}", topic.id)>{topic.title.clone()}</a>
                            </h2>
                            <p class="meta">{meta_line(t, locale, &topic)}</p>
                            <Progress topic />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// "2026-11 · 朝阳区 · 噪声扰民 · 牵头：…"
/// The topic a request comes under, as a row of its facts (its page's `<dl>`).
#[component]
pub fn TopicFact(topic: Option<(TopicId, String)>) -> impl IntoView {
    let t = TopicTexts::here();
    topic.map(|(id, title)| {
        view! {
            <dt>{t.topic_of_request}</dt>
            <dd>
                <a href=format!("/topics/{id}")>{title}</a>
            </dd>
        }
    })
}

fn meta_line(t: &'static TopicTexts, locale: crate::i18n::Locale, topic: &TopicSummary) -> String {
    format!(
        "{} · {} · {} · {}{}",
        (t.topic_month)(&topic.month),
        if topic.citywide {
            t.topic_citywide
        } else {
            topic.district.get(locale)
        },
        topic.category.get(locale),
        t.topic_lead_label,
        topic.lead_unit.get(locale)
    )
}

/// The topic's progress bar, percentage and deadline.
#[component]
fn Progress(topic: TopicSummary) -> impl IntoView {
    let t = TopicTexts::here();
    let percent = (t.topic_percent)(&topic.percent);
    view! {
        <p class="topic-progress">
            <progress max="100" value=topic.percent.to_string() aria-label=t.topic_progress_label>
                {percent.clone()}
            </progress>
            " "
            <strong>{percent}</strong>
            " · "
            {t.topic_deadline_label}
            {topic.deadline.clone()}
            {topic
                .overdue
                .then(|| {
                    view! {
                        " "
                        <span class="badge late">{t.topic_overdue}</span>
                    }
                })}
        </p>
    }
}

/// `/topics/{id}`: one topic, its progress updates, and (for admins and the topic's task
/// force) the progress form.
#[component]
pub fn TopicPage() -> impl IntoView {
    let t = TopicTexts::here();
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<TopicId>().ok());
    let done = use_query_map().read_untracked().get("done");
    let topic = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => read_topic(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let typed = Resource::new(|| (), |()| typed_values(TOPIC_FORM.to_owned()));
    view! {
        <section class="card topic">
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || {
                    let done = done.clone();
                    Suspend::new(async move {
                        let topic = match topic.await {
                            Err(AppError::NotFound) => {
                                return Ok(
                                    view! { <crate::components::fallbacks::NotFound /> }.into_any(),
                                );
                            }
                            other => other?,
                        };
                        let typed = typed.await.unwrap_or_default();
                        Ok::<_, AppError>(view! { <TopicDetail topic done typed /> }.into_any())
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn TopicDetail(
    topic: TopicView,
    done: Option<String>,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = TopicTexts::of(locale);
    let s = topic.summary.clone();
    let notice = match done.as_deref() {
        Some("published") => Some(t.topic_published),
        Some("progress") => Some(t.topic_progress_posted),
        Some("document") => Some(t.topic_document_added),
        _ => None,
    };
    let co_units = if topic.co_units.is_empty() {
        t.topic_no_co_units.to_owned()
    } else {
        topic
            .co_units
            .iter()
            .map(|u| u.get(locale).to_owned())
            .collect::<Vec<_>>()
            .join(t.list_separator)
    };
    let requests_href = format!(
        "/requests?district={}&category={}",
        s.district_code, s.category_code
    );
    let measures_href = format!("/measures/districts/{}", s.district_code);
    // A city-wide topic covers every district's requests of its kind.
    let (requests_href, measures_href, requests_text, measures_text) = if s.citywide {
        (
            format!("/requests?category={}", s.category_code),
            "/measures".to_owned(),
            t.topic_requests_link_city,
            t.topic_measures_link_city,
        )
    } else {
        (
            requests_href,
            measures_href,
            t.topic_requests_link,
            t.topic_measures_link,
        )
    };
    let area = if s.citywide {
        t.topic_citywide.to_owned()
    } else {
        s.district.get(locale).to_owned()
    };
    let count = topic
        .target_count
        .clone()
        .map(|(of, unit)| view! { <Count topic=topic.clone() of unit /> });
    let documents = view! { <Documents documents=topic.documents.clone() /> };
    let unit = topic.target_count.as_ref().map(|(_, unit)| unit.clone());
    let updates = topic
        .updates
        .iter()
        .rev()
        .map(|u| {
            let by = match &u.unit {
                Some(unit) => unit.get(locale).to_owned(),
                None => t.topic_posted_by_city.to_owned(),
            };
            view! {
                <li>
                    <time>{crate::time::minute(u.at)}</time>
                    " "
                    <strong>{(t.topic_percent)(&u.percent)}</strong>
                    " · "
                    <span class="posted-by">{by}</span>
                    <p>{u.note.clone()}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=s.title.clone() />
        {notice
            .map(|n| {
                view! {
                    <p class="notice-ok" role="status">
                        {n}
                    </p>
                }
            })}
        <p class="breadcrumb">
            <a href="/topics">{t.topics_title}</a>
        </p>
        <h1>{s.title.clone()}</h1>
        <Progress topic=s.clone() />
        <dl class="facts">
            <dt>{t.topic_month_label}</dt>
            <dd>{s.month.clone()}</dd>
            <dt>{t.district_label}</dt>
            <dd>{area}</dd>
            <dt>{crate::requests::RequestTexts::of(t.locale()).category_label}</dt>
            <dd>{s.category.get(locale).to_owned()}</dd>
            <dt>{t.topic_lead_heading}</dt>
            <dd>{s.lead_unit.get(locale).to_owned()}</dd>
            <dt>{t.topic_co_units_heading}</dt>
            <dd>{co_units}</dd>
            <dt>{t.topic_target_heading}</dt>
            <dd>{topic.target.clone()}</dd>
            <dt>{t.topic_published_label}</dt>
            <dd>{crate::time::minute(topic.published_at)}</dd>
        </dl>
        {count}
        <h2>{t.topic_description_heading}</h2>
        <p class="prose">{topic.description.clone()}</p>
        {documents}
        <p>
            <a href=requests_href>{requests_text}</a>
            " · "
            <a href=measures_href>{measures_text}</a>
        </p>
        <h2>{t.topic_updates_heading}</h2>
        {if topic.updates.is_empty() {
            view! { <p>{t.topic_no_updates}</p> }.into_any()
        } else {
            view! {
                <ol class="timeline" reversed>
                    {updates}
                </ol>
            }
                .into_any()
        }}
        {topic
            .can_post
            .then(|| {
                view! {
                    <ProgressForm id=s.id percent=s.percent unit typed=typed.clone() />
                    <DocumentForm id=s.id typed />
                }
            })}
    }
    .into_any()
}

/// What a refused form held, or `fallback` when it was another form.
fn typed_value(typed: &[(String, String)], change: &str, field: &str, fallback: &str) -> String {
    let get = |name: &str| field_value(typed, name);
    if get("change") == Some(change) {
        get(field).unwrap_or_default().to_owned()
    } else {
        fallback.to_owned()
    }
}

/// A count with its thousands grouped: 168,000.
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A countable target: how far it is, and a bar for the target and each update's count.
#[component]
fn Count(topic: super::TopicView, of: i64, unit: String) -> impl IntoView {
    let t = TopicTexts::here();
    let done = topic.result_count;
    let percent = crate::measures::show_rate(Some(done as f64 * 100.0 / of as f64));
    let mut bars = vec![(t.topic_chart_target.to_owned(), of)];
    bars.extend(
        topic
            .updates
            .iter()
            .filter_map(|u| u.result.map(|n| (crate::time::minute(u.at), n))),
    );
    view! {
        <p class="topic-count">
            <strong>{(t.topic_reached)(&grouped(done), &grouped(of), &unit, &percent)}</strong>
        </p>
        <BarChart
            id="topic-count"
            title=(t.topic_chart_title)(&unit)
            description=t.topic_chart_desc.to_owned()
            bars
        />
    }
}

/// The policy documents issued for the topic: each a link, or its text to open.
#[component]
fn Documents(documents: Vec<super::DocumentView>) -> impl IntoView {
    let t = TopicTexts::here();
    let list = documents
        .into_iter()
        .map(|d| {
            let title = if d.link.is_empty() {
                view! { <strong>{d.title}</strong> }.into_any()
            } else {
                view! {
                    <a href=d.link rel="noopener noreferrer nofollow">
                        {d.title}
                    </a>
                }
                .into_any()
            };
            let text = (!d.body.is_empty()).then(|| {
                view! {
                    <details>
                        <summary>{t.topic_document_text}</summary>
                        <p class="prose">{d.body}</p>
                    </details>
                }
            });
            view! { <li>{title} <span class="meta">" · " {d.issuer} " · " {d.issued_on}</span> {text}</li> }
        })
        .collect::<Vec<_>>();
    view! {
        <h2>{t.topic_documents_heading}</h2>
        {if list.is_empty() {
            view! { <p>{t.topic_no_documents}</p> }.into_any()
        } else {
            view! { <ul class="entry-list documents">{list}</ul> }.into_any()
        }}
    }
}

/// Lists a policy document (admins and the task force).
#[component]
fn DocumentForm(id: TopicId, typed: Vec<(String, String)>) -> impl IntoView {
    let t = TopicTexts::here();
    let e = url_error::<ChangeTopic>();
    let v = move |field: &str| typed_value(&typed, "document", field, "");
    let line = |name: &'static str, label: &'static str, kind: &'static str| {
        let input_id = format!("topic-{name}");
        let error_id = format!("{name}-error");
        let (value, message) = (v(name), field_message(t, &e, name));
        view! {
            <label for=input_id.clone()>{label}</label>
            <input id=input_id name=name type=kind value=value aria-describedby=error_id.clone() />
            <p class="field-error" id=error_id>
                {message}
            </p>
        }
    };
    let fields = [
        line("doc_title", t.topic_doc_title_label, "text"),
        line("doc_issuer", t.topic_doc_issuer_label, "text"),
        line("doc_date", t.topic_doc_date_label, "date"),
        line("doc_link", t.topic_doc_link_label, "text"),
    ];
    let (text, text_message) = (v("doc_text"), field_message(t, &e, "doc_text"));
    view! {
        <div class="form">
            <h2>{t.topic_add_document_heading}</h2>
            <TopicCheckedForm
                form=TopicForm::Change
                action=ChangeTopic::PATH.to_owned()
                multipart=true
            >
                <input type="hidden" name="change" value="document" />
                <input type="hidden" name="topic" value=id.to_string() />
                <p class="form-error" role="alert"></p>
                {fields}
                <label for="topic-doc-text">{t.topic_doc_text_label}</label>
                <textarea
                    id="topic-doc-text"
                    name="doc_text"
                    rows="4"
                    aria-describedby="doc_text-error"
                >
                    {text}
                </textarea>
                <p class="field-error" id="doc_text-error">
                    {text_message}
                </p>
                <button type="submit" class="button">
                    {t.topic_add_document_button}
                </button>
            </TopicCheckedForm>
        </div>
    }
}

#[component]
fn ProgressForm(
    id: TopicId,
    percent: i16,
    /// What a countable target counts: the form asks for the count reached.
    unit: Option<String>,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let t = TopicTexts::here();
    let e = url_error::<ChangeTopic>();
    let v = move |field: &str, fallback: &str| typed_value(&typed, "progress", field, fallback);
    let result = unit.map(|unit| {
        view! {
            <label for="topic-result">{(t.topic_result_label)(&unit)}</label>
            <input
                id="topic-result"
                name="result"
                inputmode="numeric"
                value=v("result", "")
                aria-describedby="result-error"
            />
            <p class="field-error" id="result-error">
                {field_message(t, &e, "result")}
            </p>
        }
    });
    view! {
        <div class="form">
            <h2>{t.topic_post_heading}</h2>
            <p class="hint">{t.topic_post_hint}</p>
            <TopicCheckedForm
                form=TopicForm::Change
                action=ChangeTopic::PATH.to_owned()
                multipart=true
            >
                <input type="hidden" name="change" value="progress" />
                <input type="hidden" name="topic" value=id.to_string() />
                <p class="form-error" role="alert"></p>
                <label for="topic-percent">{t.topic_percent_label}</label>
                <input
                    id="topic-percent"
                    name="percent"
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    inputmode="numeric"
                    value=v("percent", &percent.to_string())
                    aria-describedby="percent-error"
                />
                <p class="field-error" id="percent-error">
                    {field_message(t, &e, "percent")}
                </p>
                {result}
                <label for="topic-update">{t.topic_update_label}</label>
                <textarea id="topic-update" name="update" rows="4" aria-describedby="update-error">
                    {v("update", "")}
                </textarea>
                <p class="field-error" id="update-error">
                    {field_message(t, &e, "update")}
                </p>
                <button type="submit" class="button">
                    {t.topic_post_button}
                </button>
            </TopicCheckedForm>
        </div>
    }
}

/// `/topics/new?district=…&category=…`: for admins, last month's candidates and the form
/// (a candidate's link fills in its district and category).
#[component]
pub fn NewTopicPage() -> impl IntoView {
    let t = TopicTexts::here();
    let query = use_query_map().read_untracked();
    let chosen = (
        query.get("district").unwrap_or_default(),
        query.get("category").unwrap_or_default(),
    );
    let candidates = Resource::new(|| (), |()| topic_candidates());
    let typed = Resource::new(|| (), |()| typed_values(TOPIC_FORM.to_owned()));
    view! {
        <Title text=t.topics_new_title />
        <section class="card topics-new">
            <h1>{t.topics_new_title}</h1>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || {
                    let chosen = chosen.clone();
                    Suspend::new(async move {
                        let candidates = match gate(candidates.await, Some(t.admin_only))? {
                            Ok(candidates) => candidates,
                            Err(instead) => return Ok(instead),
                        };
                        let typed = typed.await.unwrap_or_default();
                        Ok::<_, AppError>(view! { <Publish candidates chosen typed /> }.into_any())
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn CandidateTable(caption: &'static str, rows: Vec<Candidate>) -> impl IntoView {
    let locale = use_locale();
    let t = TopicTexts::of(locale);
    if rows.is_empty() {
        return view! {
            <h2>{caption}</h2>
            <p>{t.topics_no_candidates}</p>
        }
        .into_any();
    }
    view! {
        <TableScroll label=caption>
            <table class="admin-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.district_label}</th>
                        <th scope="col">
                            {crate::requests::RequestTexts::of(t.locale()).category_label}
                        </th>
                        <th scope="col">{t.topics_filed}</th>
                        <th scope="col">{t.topics_rated}</th>
                        <th scope="col">{t.topics_satisfaction}</th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|c| {
                            let action = match c.topic {
                                Some(id) => {
                                    view! { <a href=format!("/topics/{id}")>{t.topics_taken}</a> }
                                        .into_any()
                                }
                                None => {
                                    view! {
                                        <a href=format!(
                                            "/topics/new?district={}&category={}#topic-form",
                                            c.district_code,
                                            c.category_code,
                                        )>{t.topics_choose}</a>
                                    }
                                        .into_any()
                                }
                            };
                            view! {
                                <tr>
                                    <td>{c.district.get(locale).to_owned()}</td>
                                    <td>{c.category.get(locale).to_owned()}</td>
                                    <td class="number">{c.filed}</td>
                                    <td class="number">{c.rated}</td>
                                    <td class="number">
                                        {crate::measures::show_rate(c.satisfaction)}
                                    </td>
                                    <td>{action}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

/// `<option>`s for `choices`, `chosen` selected.
fn options(choices: &[Choice], chosen: &[String], locale: crate::i18n::Locale) -> impl IntoView {
    choices
        .iter()
        .map(|c| {
            view! {
                <option value=c.code.clone() selected=chosen.contains(&c.code)>
                    {if c.nested { "　" } else { "" }}
                    {format!("{} ({})", c.name.get(locale), c.code)}
                </option>
            }
        })
        .collect_view()
}

#[component]
fn Publish(
    candidates: Candidates,
    chosen: (String, String),
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let t = TopicTexts::here();
    let Candidates {
        month,
        most_filed,
        least_satisfied,
        districts,
        categories,
        units,
    } = candidates;
    // Built here, not inside the form: the form's children must own what they show.
    let fields = view! { <PublishFields districts categories units chosen typed /> }.into_any();
    view! {
        <p class="hint">{(t.topics_new_intro)(&month)}</p>
        <CandidateTable caption=t.topics_most_filed rows=most_filed />
        <CandidateTable caption=t.topics_least_satisfied rows=least_satisfied />
        <div class="form">
            <h2 id="topic-form">{t.topics_form_heading}</h2>
            <TopicCheckedForm
                form=TopicForm::Change
                action=ChangeTopic::PATH.to_owned()
                multipart=true
            >
                <input type="hidden" name="change" value="publish" />
                <p class="form-error" role="alert"></p>
                {fields}
                <button type="submit" class="button">
                    {t.topics_publish_button}
                </button>
            </TopicCheckedForm>
        </div>
    }
    .into_any()
}

/// The publishing form's fields, each with its label and its refusal; a refused form comes
/// back with what was typed.
#[component]
fn PublishFields(
    districts: Vec<Choice>,
    categories: Vec<Choice>,
    units: Vec<Choice>,
    /// The district and category the candidate chosen above suggests.
    chosen: (String, String),
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = TopicTexts::of(locale);
    let e = url_error::<ChangeTopic>();
    let co_units: Vec<String> = typed
        .iter()
        .filter(|(k, _)| k == "co_units")
        .map(|(_, v)| v.clone())
        .collect();
    let v = |field: &str, fallback: &str| typed_value(&typed, "publish", field, fallback);
    let select = move |id: &'static str, name: &'static str, choices: &[Choice], chosen: String| {
        view! {
            <select id=id name=name aria-describedby=format!("{name}-error")>
                <option value="">{t.choose}</option>
                {options(choices, &[chosen], locale)}
            </select>
        }
    };
    let (title, description, target, deadline) = (
        v("title", ""),
        v("description", ""),
        v("target", ""),
        v("deadline", ""),
    );
    let (target_count, target_unit) = (v("target_count", ""), v("target_unit", ""));
    let district = select(
        "topic-district",
        "district",
        &districts,
        v("district", &chosen.0),
    );
    let category = select(
        "topic-category",
        "category",
        &categories,
        v("category", &chosen.1),
    );
    let lead = select("topic-lead", "lead_unit", &units, v("lead_unit", ""));
    let co_unit_options = options(&units, &co_units, locale);
    view! {
        <Field id="topic-title" name="title" label=t.topic_title_label error=e.clone()>
            <input id="topic-title" name="title" value=title aria-describedby="title-error" />
        </Field>
        <Field
            id="topic-description"
            name="description"
            label=t.topic_description_heading
            error=e.clone()
        >
            <textarea
                id="topic-description"
                name="description"
                rows="5"
                aria-describedby="description-error"
            >
                {description}
            </textarea>
        </Field>
        <Field id="topic-district" name="district" label=t.district_label error=e.clone()>
            {district}
        </Field>
        <Field
            id="topic-category"
            name="category"
            label=crate::requests::RequestTexts::of(locale).category_label
            error=e.clone()
        >
            {category}
        </Field>
        <Field id="topic-lead" name="lead_unit" label=t.topic_lead_heading error=e.clone()>
            {lead}
        </Field>
        <Field id="topic-co-units" name="co_units" label=t.topic_co_units_heading error=e.clone()>
            <select
                id="topic-co-units"
                name="co_units"
                multiple
                size="6"
                aria-describedby="co_units-error co-units-hint"
            >
                {co_unit_options}
            </select>
            <p class="hint" id="co-units-hint">
                {(t.topic_co_units_hint)(&MAX_CO_UNITS)}
            </p>
        </Field>
        <Field id="topic-target" name="target" label=t.topic_target_heading error=e.clone()>
            <input id="topic-target" name="target" value=target aria-describedby="target-error" />
        </Field>
        <Field
            id="topic-target-count"
            name="target_count"
            label=t.topic_target_count_label
            error=e.clone()
        >
            <input
                id="topic-target-count"
                name="target_count"
                inputmode="numeric"
                value=target_count
                aria-describedby="target_count-error"
            />
        </Field>
        <Field
            id="topic-target-unit"
            name="target_unit"
            label=t.topic_target_unit_label
            error=e.clone()
        >
            <input
                id="topic-target-unit"
                name="target_unit"
                value=target_unit
                aria-describedby="target_unit-error"
            />
        </Field>
        <Field id="topic-deadline" name="deadline" label=t.topic_deadline_heading error=e>
            <input
                id="topic-deadline"
                name="deadline"
                type="date"
                value=deadline
                aria-describedby="deadline-error"
            />
        </Field>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped_by_thousands() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (168_000, "168,000"),
            (-1_234_567, "-1,234,567"),
        ];
        for (n, text) in cases {
            assert_eq!(super::grouped(n), text);
        }
    }
}
