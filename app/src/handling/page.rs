//! The staff's pages: `/staff` (the dispatcher's intake queue, or a unit's queue) and the
//! staff part of a request page (one form per step the viewer may take now), plus the
//! summoned units that everyone sees.

use super::api::{staff_queue, HandleRequest};
use super::{ClosureCode, HotSpot, QueueItem, QueuePage, StaffPanel, SummonsView, UnitChoice};
use crate::accounts::api::my_profile;
use crate::accounts::Role;
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::error::field_message;
use crate::error::AppError;
use crate::fields::field_value;
use crate::handling::forms::{HandlingCheckedForm, HandlingForm};
use crate::handling::HandlingTexts;
use crate::i18n::{use_locale, CommonTexts};
use crate::requests::page::{badge, category_options, deadline, UnitChecks};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The name of step `step` in the page's language.
pub fn step_name(t: &CommonTexts, step: &str) -> &'static str {
    super::step_label(step, t.locale()).unwrap_or_default()
}

/// The staff part of a request page: a form for each step `panel` offers. `typed`: what was
/// typed before the server refused a step (shown again).
#[component]
pub fn StaffPanelSection(
    number: String,
    panel: StaffPanel,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = HandlingTexts::of(locale);
    let error = url_error::<HandleRequest>();
    let typed_step = field_value(&typed, "step").map(str::to_owned);
    let value = move |step: &str, field: &str| {
        if typed_step.as_deref() != Some(step) {
            return String::new();
        }
        field_value(&typed, field).unwrap_or_default().to_owned()
    };
    let forms = panel
        .steps
        .clone()
        .into_iter()
        .map(|step| {
            let number = number.clone();
            let text = |field: &str| value(&step, field);
            let fields = match step.as_str() {
                "dispatch" => view! { <DispatchFields panel=panel.clone() /> }.into_any(),
                "answer" => view! { <AnswerFields answers=panel.answers.clone() typed=text("answer") /> }
                .into_any(),
                "reclassify" => view! {
                    <label for="category">{t.new_category_label}</label>
                    <select
                        id="category"
                        name="category"
                        required
                        aria-describedby="category-error"
                    >
                        {category_options(&panel.categories, "", t)}
                    </select>
                    <p class="field-error" id="category-error">
                        {field_message(t, &error, "category")}
                    </p>
                }
                .into_any(),
                "merge" => view! {
                    <label for="into">{t.into_label}</label>
                    <input
                        id="into"
                        name="into"
                        value=text("into")
                        inputmode="numeric"
                        placeholder="20261126-000123"
                        required
                        aria-describedby="into-error"
                    />
                    <p class="field-error" id="into-error">
                        {field_message(t, &error, "into")}
                    </p>
                }
                .into_any(),
                "return" => note_field("reason", t.reason_label, text("reason"), &error, t),
                "respond" => note_field("note", t.respond_note_label, text("note"), &error, t),
                "progress" => view! {
                    {note_field("note", t.progress_note_label, text("note"), &error, t)}
                    <label class="check">
                        <input type="checkbox" name="public" checked=true />
                        {t.progress_public_label}
                    </label>
                }
                .into_any(),
                "resolve" => view! { <ResolveFields closure=text("closure") explanation=text("explanation") /> }.into_any(),
                "whistle" => view! { <WhistleFields units=panel.units.clone() reason=text("reason") /> }.into_any(),
                "check_in" => note_field("note", t.check_in_note_label, text("note"), &error, t),
                "contribute" => note_field("note", t.contribution_label, text("note"), &error, t),
                "pass_down" => view! {
                    <PassDownFields
                        communities=panel.communities.clone()
                        chosen=text("community")
                        note=text("note")
                    />
                }
                .into_any(),
                "rate_summons" => view! { <RateSummonsFields to_rate=panel.to_rate.clone() /> }.into_any(),
                "confirm" => view! {
                    <label for="confirm-note">{t.confirm_note_label}</label>
                    <textarea
                        id="confirm-note"
                        name="note"
                        rows="2"
                        maxlength="2000"
                        aria-describedby="confirm-note-error"
                    >
                        {text("note")}
                    </textarea>
                    <p class="field-error" id="confirm-note-error" data-error-of="note">
                        {field_message(t, &error, "note")}
                    </p>
                }
                .into_any(),
                "send_back" => view! {
                    <label for="send-back-reason">{t.send_back_reason_label}</label>
                    <textarea
                        id="send-back-reason"
                        name="reason"
                        rows="3"
                        maxlength="2000"
                        required
                        aria-describedby="send-back-reason-error"
                    >
                        {text("reason")}
                    </textarea>
                    <p class="field-error" id="send-back-reason-error" data-error-of="reason">
                        {field_message(t, &error, "reason")}
                    </p>
                }
                .into_any(),
                "pass_up" => view! {
                    <label for="pass-up-reason">{t.pass_up_reason_label}</label>
                    <textarea
                        id="pass-up-reason"
                        name="reason"
                        rows="3"
                        maxlength="2000"
                        aria-describedby="pass-up-reason-error"
                    >
                        {text("reason")}
                    </textarea>
                    <p class="field-error" id="pass-up-reason-error" data-error-of="reason">
                        {field_message(t, &error, "reason")}
                    </p>
                }
                .into_any(),
                _ => ().into_any(),
            };
            let name = step_name(t, &step);
            let class = format!("staff-step step-{step}");
            let id = format!("step-{step}");
            // Picking a standard answer reloads the page with it in the answer's text area:
            // its own small form, outside the step's.
            let picker = (step == "answer" && !panel.answers.is_empty()).then(|| {
                view! { <StandardAnswerPicker number=number.clone() answers=panel.answers.clone() /> }
            });
            view! {
                <section class=class id=id>
                    <h3>{name}</h3>
                    {picker}
                    <HandlingCheckedForm
                        form=HandlingForm::Handle
                        action=HandleRequest::PATH.to_owned()
                        multipart=true
                    >
                        <input type="hidden" name="number" value=number.clone() />
                        <input type="hidden" name="step" value=step.clone() />
                        {fields}
                        <button type="submit" class="button">
                            {name}
                        </button>
                    </HandlingCheckedForm>
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="card form staff-panel" aria-labelledby="staff-heading">
            <h2 id="staff-heading">{t.staff_heading}</h2>
            <p class="form-error" role="alert"></p>
            {forms}
            <p>
                <a href="/staff">{t.back_to_queue}</a>
            </p>
        </section>
    }
}

/// The standard answers to start an answer from: choosing one loads the page again with it
/// in the answer (`?answer=` its id), to be edited before it is sent.
#[component]
fn StandardAnswerPicker(number: String, answers: Vec<super::AnswerChoice>) -> impl IntoView {
    let t = HandlingTexts::here();
    let chosen = use_query_map().read_untracked().get("answer");
    let options = answers
        .into_iter()
        .map(|a| {
            let id = a.id.to_string();
            let selected = chosen.as_deref() == Some(id.as_str());
            view! {
                <option value=id selected=selected>
                    {a.title}
                </option>
            }
        })
        .collect_view();
    view! {
        <form method="get" action=format!("/requests/{number}#step-answer") class="answer-picker">
            <label for="standard-answer">{t.standard_answer_label}</label>
            <select id="standard-answer" name="answer">
                {options}
            </select>
            <button type="submit" class="button secondary">
                {t.standard_answer_use}
            </button>
        </form>
    }
}

/// An answer at intake: its text (what a refused form held, else the standard answer the
/// page was loaded with), and what answering means.
#[component]
fn AnswerFields(answers: Vec<super::AnswerChoice>, typed: String) -> impl IntoView {
    let t = HandlingTexts::here();
    let error = url_error::<HandleRequest>();
    let chosen = use_query_map().read_untracked().get("answer");
    let text = if typed.is_empty() {
        answers
            .into_iter()
            .find(|a| chosen.as_deref() == Some(a.id.to_string().as_str()))
            .map(|a| a.body)
            .unwrap_or_default()
    } else {
        typed
    };
    view! {
        <p class="hint">{t.answer_hint}</p>
        <label for="answer">{t.answer_label}</label>
        <textarea
            id="answer"
            name="answer"
            rows="6"
            maxlength="2000"
            aria-describedby="answer-error"
        >
            {text}
        </textarea>
        <p class="field-error" id="answer-error">
            {field_message(t, &error, "answer")}
        </p>
    }
}

/// A dispatch: the unit (the routing rules' proposal chosen), and whether it is urgent.
#[component]
fn DispatchFields(panel: StaffPanel) -> impl IntoView {
    let locale = use_locale();
    let t = HandlingTexts::of(locale);
    let error = url_error::<HandleRequest>();
    view! {
        <label for="unit">{crate::requests::RequestTexts::of(t.locale()).unit_label}</label>
        <select id="unit" name="unit" required aria-describedby="unit-error">
            <option value="">{t.choose}</option>
            {panel
                .units
                .iter()
                .map(|u| {
                    let chosen = panel.proposed_unit.as_deref() == Some(u.code.as_str());
                    view! {
                        <option value=u.code.clone() selected=chosen>
                            {u.name.get(locale).to_owned()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <p class="field-error" id="unit-error">
            {field_message(t, &error, "unit")}
        </p>
        <label class="check">
            <input type="checkbox" name="urgent" checked=panel.urgent />
            {t.urgent_label}
        </label>
    }
}

/// A resolution: how the round closes, what was done, and photos as evidence. `closure` and
/// `explanation`: what a refused form held.
#[component]
fn ResolveFields(closure: String, explanation: String) -> impl IntoView {
    let t = HandlingTexts::here();
    let error = url_error::<HandleRequest>();
    let text = |field: &str| {
        if field == "closure" {
            closure.clone()
        } else {
            explanation.clone()
        }
    };
    view! {
        <label for="closure">{t.closure_label}</label>
        <select id="closure" name="closure" required aria-describedby="closure-error">
            <option value="">{t.choose}</option>
            {ClosureCode::ALL
                .iter()
                .map(|c| {
                    view! {
                        <option value=c.as_str() selected=text("closure") == c.as_str()>
                            {c.label(t.locale())}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <p class="field-error" id="closure-error">
            {field_message(t, &error, "closure")}
        </p>
        {note_field("explanation", t.explanation_label, text("explanation"), &error, t)}
        <label for="evidence">{t.evidence_label}</label>
        <input
            id="evidence"
            name="photos"
            type="file"
            multiple
            data-max-bytes=crate::requests::max_photo_bytes()
            accept="image/jpeg,image/png,image/webp"
            aria-describedby="photos-error"
        />
        <p class="field-error" id="photos-error">
            {field_message(t, &error, "photos")}
        </p>
    }
}

/// A whistle (吹哨): the units summoned and why. `reason`: what a refused form held.
#[component]
fn WhistleFields(units: Vec<super::UnitChoice>, reason: String) -> impl IntoView {
    let locale = use_locale();
    let t = HandlingTexts::of(locale);
    let error = url_error::<HandleRequest>();
    let text = |_: &str| reason.clone();
    view! {
        <fieldset aria-describedby="units-error">
            <legend>{t.units_label}</legend>
            <UnitChecks name="units" units ticked=Vec::new() />
        </fieldset>
        <p class="field-error" id="units-error">
            {field_message(t, &error, "units")}
        </p>
        {note_field("reason", t.whistle_reason_label, text("reason"), &error, t)}
    }
}

/// A required (or optional) text area called `name`, with its refusal.
fn note_field(
    name: &'static str,
    label: &'static str,
    typed: String,
    error: &Option<AppError>,
    t: &'static HandlingTexts,
) -> AnyView {
    let error_id = format!("{name}-error");
    view! {
        <label for=name>{label}</label>
        <textarea id=name name=name rows="3" maxlength="2000" aria-describedby=error_id.clone()>
            {typed}
        </textarea>
        <p class="field-error" id=error_id>
            {field_message(t, error, name)}
        </p>
    }
    .into_any()
}

/// A rating of a summoned unit's part: which unit, three scores from 1 to 5 (到位, 配合, 效果)
/// and a comment.
#[component]
fn RateSummonsFields(to_rate: Vec<UnitChoice>) -> impl IntoView {
    let locale = use_locale();
    let t = HandlingTexts::of(locale);
    let error = url_error::<HandleRequest>();
    let units = to_rate
        .into_iter()
        .map(|u| view! { <option value=u.code>{u.name.get(locale).to_owned()}</option> })
        .collect_view();
    let score = |name: &'static str, label: &'static str| {
        let id = format!("rate-{name}");
        let error_id = format!("{name}-error");
        let options = (1..=5)
            .rev()
            .map(|n| view! { <option value=n.to_string()>{t.score_labels[n - 1]}</option> })
            .collect_view();
        view! {
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-describedby=error_id.clone()>
                <option value="">{t.score_choose}</option>
                {options}
            </select>
            <p class="field-error" id=error_id>
                {field_message(t, &error, name)}
            </p>
        }
    };
    view! {
        <label for="rate-summoned">{t.summoned_label}</label>
        <select id="rate-summoned" name="summoned" aria-describedby="summoned-error">
            {units}
        </select>
        <p class="field-error" id="summoned-error">
            {field_message(t, &error, "summoned")}
        </p>
        {score("arrived", t.arrived_label)}
        {score("cooperation", t.cooperation_label)}
        {score("result", t.result_label)}
        <label for="rate-comment">{t.rating_comment_label}</label>
        <textarea
            id="rate-comment"
            name="comment"
            rows="2"
            maxlength="2000"
            aria-describedby="comment-error"
        ></textarea>
        <p class="field-error" id="comment-error">
            {field_message(t, &error, "comment")}
        </p>
    }
}

/// A pass down: which of the street's communities, and a note for it.
#[component]
fn PassDownFields(communities: Vec<UnitChoice>, chosen: String, note: String) -> impl IntoView {
    let locale = use_locale();
    let t = HandlingTexts::of(locale);
    let error = url_error::<HandleRequest>();
    let options = communities
        .into_iter()
        .map(|c| {
            let selected = c.code == chosen;
            view! {
                <option value=c.code selected=selected>
                    {c.name.get(locale).to_owned()}
                </option>
            }
        })
        .collect_view();
    view! {
        <label for="pass-community">{t.community_choice_label}</label>
        <select id="pass-community" name="community" aria-describedby="community-error">
            <option value="">{t.choose}</option>
            {options}
        </select>
        <p class="field-error" id="community-error">
            {field_message(t, &error, "community")}
        </p>
        <label for="pass-down-note">{t.pass_down_note_label}</label>
        <textarea id="pass-down-note" name="note" rows="3" maxlength="2000">
            {note}
        </textarea>
    }
}

/// Where something with a deadline stands (a summons' check-in, a pass to be taken): done at
/// a time, or waiting with its deadline; late either way when the deadline passed.
struct DeadlineState {
    done_at: Option<i64>,
    by: i64,
    /// Done, waiting, and the deadline's name.
    labels: (&'static str, &'static str, &'static str),
}

impl DeadlineState {
    fn view(self, t: &'static HandlingTexts, now: i64) -> impl IntoView {
        let (done, waiting, deadline) = self.labels;
        let late = super::is_late(self.done_at, self.by, now);
        let (text, class) = match self.done_at {
            Some(at) => (
                format!("{done} {}", crate::time::minute(at)),
                "badge status-resolved",
            ),
            None => (
                format!("{waiting}（{deadline} {}）", crate::time::minute(self.by)),
                "badge",
            ),
        };
        view! {
            <span class=class>{text}</span>
            {late
                .then(|| {
                    view! {
                        " "
                        <span class="badge late">{t.late_badge}</span>
                    }
                })}
        }
    }
}

/// The units summoned to a request and their check-ins.
#[component]
pub fn SummonsList(summons: Vec<SummonsView>) -> impl IntoView {
    let locale = use_locale();
    let t = HandlingTexts::of(locale);
    let now = chrono::Utc::now().timestamp();
    (!summons.is_empty()).then(|| {
        view! {
            <h2>{t.summons_heading}</h2>
            <ul class="summons">
                {summons
                    .into_iter()
                    .map(|s| {
                        let state = DeadlineState {
                            done_at: s.checked_in_at,
                            by: s.check_in_by,
                            labels: (
                                t.checked_in_label,
                                t.check_in_pending,
                                t.check_in_deadline_label,
                            ),
                        };
                        view! {
                            <li>
                                <strong>{s.unit.get(locale).to_owned()}</strong>
                                " "
                                {state.view(t, now)}
                                <p>{s.reason}</p>
                                {s
                                    .rating
                                    .map(|r| {
                                        view! {
                                            <p class="summons-rating">
                                                {(t
                                                    .summons_rating_line)(
                                                    &r.arrived,
                                                    &r.cooperation,
                                                    &r.result,
                                                )}
                                            </p>
                                            {(!r.comment.is_empty())
                                                .then(|| view! { <p class="hint">{r.comment}</p> })}
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// The passes of a request between its street office and its community (下派, 上报), each
/// with its deadline to be taken.
#[component]
pub fn PassesList(passes: Vec<super::PassView>) -> impl IntoView {
    let locale = use_locale();
    let t = HandlingTexts::of(locale);
    let now = chrono::Utc::now().timestamp();
    (!passes.is_empty()).then(|| {
        view! {
            <h2>{t.passes_heading}</h2>
            <ul class="summons">
                {passes
                    .into_iter()
                    .map(|p| {
                        let (from, to) = (p.from.get(locale), p.to.get(locale));
                        let line = if p.down {
                            (t.passed_down_line)(&from, &to)
                        } else {
                            (t.passed_up_line)(&from, &to)
                        };
                        let state = DeadlineState {
                            done_at: p.answered_at,
                            by: p.answer_by,
                            labels: (t.taken_label, t.take_pending, t.take_deadline_label),
                        };
                        view! {
                            <li>
                                <strong>{line}</strong>
                                " "
                                <span class="hint">{crate::time::minute(p.at)}</span>
                                " "
                                {state.view(t, now)}
                                {(!p.reason.is_empty()).then(|| view! { <p>{p.reason}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// `/staff`: the signed-in staff member's queue. Signed out, it sends the visitor to sign in.
#[component]
pub fn StaffQueuePage() -> impl IntoView {
    let t = HandlingTexts::here();
    let profile = Resource::new(|| (), |()| my_profile());
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok());
    let queue = Resource::new(page, staff_queue);
    view! {
        <Title text=t.staff_title />
        <section class="card">
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    let profile = match gate(profile.await, None)? {
                        Ok(profile) => profile,
                        Err(instead) => return Ok(instead),
                    };
                    let queue = queue.await;
                    let acts_for_unit = profile.role == Role::Handler
                        || (profile.role == Role::AreaStaff
                            && !matches!(queue, Err(AppError::Forbidden)));
                    let (title, intro) = match profile.role {
                        Role::Dispatcher => (t.intake_title, t.intake_intro),
                        _ if acts_for_unit => (t.unit_queue_title, t.unit_queue_intro),
                        _ => {
                            return Ok(
                                view! {
                                    <h1>{t.staff_title}</h1>
                                    <p>{t.staff_only}</p>
                                }
                                    .into_any(),
                            );
                        }
                    };
                    let QueuePage { hot_spots, records_found, items, page, more } = queue?;
                    let pages = view! {
                        <nav class="pager" aria-label=t.pages_label>
                            {(page > 0)
                                .then(|| {
                                    view! {
                                        <a href=format!(
                                            "/staff?page={}",
                                            page - 1,
                                        )>{t.previous_page}</a>
                                    }
                                })}
                            {more
                                .then(|| {
                                    view! {
                                        <a href=format!(
                                            "/staff?page={}",
                                            page + 1,
                                        )>{t.next_page}</a>
                                    }
                                })}
                        </nav>
                    };
                    Ok::<
                        _,
                        AppError,
                    >(
                        view! {
                            <h1>{title}</h1>
                            <p class="hint">{intro}</p>
                            {records_found
                                .then(|| {
                                    view! {
                                        <p>
                                            <a class="button secondary" href="/requests/new">
                                                {t.record_found_link}
                                            </a>
                                        </p>
                                    }
                                })}
                            <HotSpots hot_spots records_found />
                            <QueueList items dispatcher=profile.role == Role::Dispatcher />
                            {pages}
                        }
                            .into_any(),
                    )
                })}
            </Suspense>
        </section>
    }
}

/// The hot spots (未诉先办), each with a link to its requests in the public list and, for a
/// unit that records what it finds (`records_found`), one to open a case on it.
#[component]
fn HotSpots(hot_spots: Vec<HotSpot>, records_found: bool) -> impl IntoView {
    let locale = use_locale();
    let t = HandlingTexts::of(locale);
    (!hot_spots.is_empty()).then(|| {
        view! {
            <section class="hot-spots" aria-labelledby="hot-spots-heading">
                <h2 id="hot-spots-heading">{t.hot_spots_heading}</h2>
                <p class="hint">{t.hot_spots_intro}</p>
                <ul>
                    {hot_spots
                        .into_iter()
                        .map(|h| {
                            let line = (t
                                .hot_spot_line)(
                                &h.community.get(locale),
                                &h.street.get(locale),
                                &h.category.get(locale),
                                &h.open,
                            );
                            let href = format!(
                                "/requests?street={}&category={}",
                                h.street_code,
                                h.category_code,
                            );
                            let open_case = match h.case_number.clone() {
                                Some(number) => {
                                    let href = format!("/requests/{number}");
                                    // A case opened from it already: a link to that, not a second.
                                    view! {
                                        " "
                                        {t.hot_spot_case}
                                        " "
                                        <a class="tracking" href=href>
                                            {number}
                                        </a>
                                    }
                                        .into_any()
                                }
                                None if records_found => {
                                    let href = format!(
                                        "/requests/new?community={}&category={}&source=hot_spot",
                                        h.community_code,
                                        h.category_code,
                                    );
                                    view! {
                                        " "
                                        <a class="button secondary" href=href>
                                            {t.found_case_link}
                                        </a>
                                    }
                                        .into_any()
                                }
                                None => ().into_any(),
                            };
                            view! {
                                <li>
                                    <strong>{line}</strong>
                                    " "
                                    <a href=href>{t.hot_spot_link}</a>
                                    {open_case}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn QueueList(items: Vec<QueueItem>, dispatcher: bool) -> impl IntoView {
    let locale = use_locale();
    let t = HandlingTexts::of(locale);
    if items.is_empty() {
        return view! { <p>{t.queue_empty}</p> }.into_any();
    }
    view! {
        <ul class="request-list queue">
            {items
                .into_iter()
                .map(|item| {
                    let unit = item.unit.as_ref().map(|u| u.get(locale).to_owned());
                    let why = if !dispatcher {
                        None
                    } else if item.has_rule {
                        item.rule_area.as_ref().map(|a| (t.rule_reason)(&a.get(locale)))
                    } else {
                        Some(t.rule_fallback.to_owned())
                    };
                    let summoned = item
                        .check_in_by
                        .map(|by| {
                            view! {
                                <p class="summons-note">
                                    <strong>
                                        {(t.summons_from)(&unit.as_deref().unwrap_or(""))}
                                    </strong>
                                    " · "
                                    {t.check_in_deadline_label}
                                    " "
                                    {deadline(by, item.status, t)}
                                </p>
                            }
                        });
                    let passed = item
                        .passed
                        .as_ref()
                        .map(|(from, by)| {
                            view! {
                                <p class="summons-note">
                                    <strong>{(t.passed_from)(&from.get(locale))}</strong>
                                    " · "
                                    {t.take_deadline_label}
                                    " "
                                    {deadline(*by, item.status, t)}
                                </p>
                            }
                        });
                    let proposed = (dispatcher && unit.is_some())
                        .then(|| {
                            view! {
                                <p class="hint">
                                    {t.proposed_label} "：" {unit.clone()} " · " {why.clone()}
                                </p>
                            }
                        });
                    view! {
                        <li>
                            <p>
                                <a
                                    class="tracking"
                                    href=format!("/requests/{}", item.tracking_number)
                                >
                                    {item.tracking_number.clone()}
                                </a>
                                " "
                                {badge(item.status, t)}
                                {item
                                    .urgent
                                    .then(|| {
                                        view! {
                                            " "
                                            <span class="badge late">
                                                {crate::requests::RequestTexts::of(t.locale()).urgent_badge}
                                            </span>
                                        }
                                    })}
                                {(!item.is_public)
                                    .then(|| {
                                        view! {
                                            " "
                                            <span class="badge private">{t.private_badge}</span>
                                        }
                                    })}
                                {(item.returns > 0)
                                    .then(|| {
                                        view! {
                                            " "
                                            <span class="badge">
                                                {(t.returns_label)(&item.returns)}
                                            </span>
                                        }
                                    })}
                            </p>
                            <p class="summary">
                                {item.category.get(locale).to_owned()} " · "
                                {item.place.get(locale).to_owned()}
                            </p>
                            <p>{item.summary.clone()}</p>
                            {summoned}
                            {passed}
                            {proposed}
                            <p class="deadlines">
                                {crate::requests::RequestTexts::of(t.locale()).respond_by_label} " "
                                {deadline(item.respond_by, item.status, t)} " · "
                                {crate::requests::RequestTexts::of(t.locale()).resolve_by_label} " "
                                {deadline(item.resolve_by, item.status, t)}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
