//! `/consultations` (the list), `/consultations/new` (area staff) and `/consultations/{id}`
//! (the question, the ballot for verified residents while open, the results as the rule
//! allows, the outcome, and the staff's steps). All rendered on the server; the forms are
//! `ConsultationCheckedForm`s.

use super::api::{
    consultation_sources, list_consultations, read_consultation, CastBallot, ConsultationStep,
    CreateConsultation, DecideConsultation, HideComment, PostComment, PostConsultationUpdate,
    ReportComment, CONSULTATION_FORM, OUTCOME_FORM,
};
use super::{
    beijing_time_value, ConsultationSummary, ConsultationView, Phase, ResultsShown, Tally, MAX_LINE,
};
use super::{Chosen, LinkedConsultation, NoBallot, RequestGroup, Sources};
use crate::accounts::api::typed_values;
use crate::components::checked_form::url_error;
use crate::components::{Field, TableScroll};
use crate::consultations::forms::{ConsultationCheckedForm, ConsultationForm};
use crate::consultations::ConsultationTexts;
use crate::error::field_message;
use crate::error::AppError;
use crate::fields::field_value;
use crate::i18n::{use_locale, CommonTexts};
use crate::measures::charts::BarChart;
use ids::ConsultationId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The phase as a badge's text.
pub fn phase_label(t: &CommonTexts, phase: Phase) -> String {
    let t = ConsultationTexts::of(t.locale());
    match phase {
        Phase::Draft => t.locale().pick(("草稿", "Draft")).to_owned(),
        Phase::Upcoming => t.locale().pick(("未开始", "Not open yet")).to_owned(),
        Phase::Open => t.locale().pick(("投票中", "Open")).to_owned(),
        Phase::AwaitingDecision { days } => (t.consultation_awaiting)(&days),
        Phase::Decided => t.locale().pick(("已公布结果", "Decided")).to_owned(),
    }
}

/// The consultations a request was opened into, as rows of its facts (its page's `<dl>`).
#[component]
pub fn ConsultationFacts(consultations: Vec<LinkedConsultation>) -> impl IntoView {
    let t = ConsultationTexts::here();
    consultations
        .into_iter()
        .map(|c| {
            view! {
                <dt>{t.request_consultation}</dt>
                <dd>
                    <a href=format!("/consultations/{}", c.id)>{c.title}</a>
                    " · "
                    {phase_label(t, c.phase)}
                    {c
                        .outcome
                        .map(|o| {
                            view! {
                                <br />
                                {t.request_consultation_outcome}
                                {o}
                            }
                        })}
                </dd>
            }
        })
        .collect_view()
}

fn phase_badge(t: &'static ConsultationTexts, phase: Phase) -> impl IntoView {
    let late = matches!(phase, Phase::AwaitingDecision { .. });
    view! {
        <span class="badge" class:late=late>
            {phase_label(t, phase)}
        </span>
    }
}

/// "2026-12-01 09:00 – 2026-12-08 18:00" (Beijing time), or, when staff closed it early,
/// "2026-12-01 09:00 – 提前截止 2026-12-03 10:15".
fn period(t: &ConsultationTexts, s: &ConsultationSummary) -> String {
    let early = if s.planned_closes_at.is_some() {
        format!("{} ", t.consultation_closed_early)
    } else {
        String::new()
    };
    format!(
        "{} – {early}{}",
        crate::time::minute(s.opens_at),
        crate::time::minute(s.closes_at)
    )
}

/// `/consultations`: every published consultation, the latest closing first (and, for area
/// staff, their area's drafts).
#[component]
pub fn ConsultationsPage() -> impl IntoView {
    let locale = use_locale();
    let t = ConsultationTexts::of(locale);
    let list = Resource::new(|| (), |()| list_consultations());
    let user = Resource::new(|| (), |()| crate::accounts::api::who_am_i());
    view! {
        <Title text=t.consultations_title />
        <section class="card consultations">
            <h1>{t.consultations_title}</h1>
            <p class="hint">{t.consultations_intro}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let staff = matches!(
                        user.await,
                        Ok(Some(u))
                        if u.role == crate::accounts::Role::AreaStaff
                    );
                    staff
                        .then(|| {
                            view! {
                                <p>
                                    <a href="/consultations/new">{t.consultations_new_link}</a>
                                </p>
                            }
                        })
                })}
            </Suspense>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    let list = list.await?;
                    if list.is_empty() {
                        return Ok::<
                            _,
                            AppError,
                        >(view! { <p>{t.consultations_empty}</p> }.into_any());
                    }
                    Ok(
                        view! {
                            <ul class="topic-list">
                                {list
                                    .into_iter()
                                    .map(|c| {
                                        view! {
                                            <li>
                                                <h2>
                                                    <a href=format!(
                                                        "/consultations/{}",
                                                        c.id,
                                                    )>{c.title.clone()}</a>
                                                </h2>
                                                <p class="meta">
                                                    {phase_badge(t, c.phase)} " "
                                                    {c.area.get(locale).to_owned()} " · " {period(t, &c)}
                                                    {(c.reported > 0)
                                                        .then(|| {
                                                            view! {
                                                                " "
                                                                <a
                                                                    class="badge late"
                                                                    href=format!("/consultations/{}#discussion", c.id)
                                                                >
                                                                    {(t.consultation_reported_badge)(&c.reported)}
                                                                </a>
                                                            }
                                                        })}
                                                </p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any(),
                    )
                })}
            </Suspense>
        </section>
    }
}

/// `/consultations/{id}`.
#[component]
pub fn ConsultationPage() -> impl IntoView {
    let t = ConsultationTexts::here();
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<ConsultationId>().ok());
    let done = use_query_map().read_untracked().get("done");
    let consultation = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => read_consultation(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let typed = Resource::new(|| (), |()| typed_values(OUTCOME_FORM.to_owned()));
    view! {
        <section class="card consultation">
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || {
                    let done = done.clone();
                    Suspend::new(async move {
                        let c = match consultation.await {
                            Err(AppError::NotFound) => {
                                return Ok(
                                    view! { <crate::components::fallbacks::NotFound /> }.into_any(),
                                );
                            }
                            other => other?,
                        };
                        let typed = typed.await.unwrap_or_default();
                        Ok::<_, AppError>(view! { <Consultation c done typed /> }.into_any())
                    })
                }}
            </Suspense>
        </section>
    }
}

/// What the step just taken says, from the `done` the form redirected with.
fn done_notice(t: &'static ConsultationTexts, done: Option<&str>) -> Option<&'static str> {
    match done {
        Some("created") => Some(t.consultation_created),
        Some("step") => Some(t.consultation_step_done),
        Some("voted") => Some(t.consultation_voted),
        Some("decided") => Some(t.consultation_decided),
        Some("commented") => Some(t.consultation_commented),
        Some("reported") => Some(t.consultation_comment_reported),
        Some("hidden") => Some(t.consultation_comment_hidden),
        Some("updated") => Some(t.consultation_updated),
        _ => None,
    }
}

/// An option as a page shows it: abstaining is named in the reader's language.
fn option_label(t: &ConsultationTexts, o: &super::OptionView) -> String {
    if o.abstain {
        t.consultation_abstain.to_owned()
    } else {
        o.label.clone()
    }
}

#[component]
fn Consultation(
    c: ConsultationView,
    done: Option<String>,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = ConsultationTexts::of(locale);
    let s = c.summary.clone();
    let notice = done_notice(t, done.as_deref());
    let choice_kind = if c.max_choices > 1 {
        (t.consultation_multiple)(&c.max_choices)
    } else {
        t.consultation_single.to_owned()
    };
    let mine: Vec<String> = c
        .options
        .iter()
        .filter(|o| c.my_choices.contains(&o.id))
        .map(|o| option_label(t, o))
        .collect();
    let ballot = c
        .can_vote
        .then(|| view! { <BallotForm c=c.clone() /> }.into_any());
    let manage = c
        .can_manage
        .then(|| view! { <StaffSteps id=s.id phase=s.phase typed /> }.into_any());
    let progress = (s.phase == Phase::Decided).then(|| {
        view! { <Progress id=s.id updates=c.updates.clone() can_post=c.can_manage /> }.into_any()
    });
    let discussion =
        (s.phase != Phase::Draft).then(|| view! { <Discussion c=c.clone() /> }.into_any());
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
        <p>
            <a href="/consultations">{t.consultations_title}</a>
        </p>
        <h1>{s.title.clone()}</h1>
        <p class="meta">
            {phase_badge(t, s.phase)} " " {s.area.get(locale).to_owned()} " · " {period(t, &s)}
        </p>
        <h2>{t.consultation_background}</h2>
        <p class="prose">{c.background.clone()}</p>
        <LinkedRequests numbers=c.requests.iter().map(|(_, n)| n.clone()).collect() />
        <h2>{c.question.clone()}</h2>
        <p class="hint">{choice_kind}</p>
        {(!c.can_vote)
            .then(|| {
                view! {
                    <ul>
                        {c
                            .options
                            .iter()
                            .map(|o| view! { <li>{option_label(t, o)}</li> })
                            .collect_view()}
                    </ul>
                }
            })}
        {(!mine.is_empty())
            .then(|| {
                view! {
                    <p>
                        <strong>{t.consultation_your_ballot}</strong>
                        {mine.join(t.list_separator)}
                    </p>
                }
            })}
        {ballot}
        {c.no_ballot.map(|why| view! { <NoBallotNotice why /> })}
        <ConsultationResults c=c.clone() />
        {c.outcome.clone().map(|o| view! { <ConsultationOutcome o /> })}
        {progress}
        {manage}
        {discussion}
    }
    .into_any()
}

/// The requests a consultation was opened from, as links.
#[component]
fn LinkedRequests(numbers: Vec<String>) -> impl IntoView {
    let t = ConsultationTexts::here();
    (!numbers.is_empty()).then(|| {
        view! {
            <h2>{t.consultation_requests_heading}</h2>
            <ul class="inline-list">
                {numbers
                    .into_iter()
                    .map(|number| {
                        view! {
                            <li>
                                <a class="tracking" href=format!("/requests/{number}")>
                                    {number.clone()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// Why the reader has no ballot, with the way to one where there is a way.
#[component]
fn NoBallotNotice(why: NoBallot) -> impl IntoView {
    let t = ConsultationTexts::here();
    let (text, link) = match why {
        NoBallot::SignIn => (t.no_ballot_sign_in, Some(("/sign-in", t.sign_in))),
        NoBallot::Staff => (t.no_ballot_staff, None),
        NoBallot::Unverified => (
            t.no_ballot_unverified,
            Some(("/account#verification", t.no_ballot_verify_link)),
        ),
    };
    view! {
        <p class="notice no-ballot">
            {text}
            {link
                .map(|(href, label)| {
                    view! {
                        " "
                        <a href=href>{label}</a>
                    }
                })}
        </p>
    }
}

/// The results where the rule lets the reader see them (live while open when it says so), or
/// when and how they will be shown.
#[component]
fn ConsultationResults(c: ConsultationView) -> impl IntoView {
    let t = ConsultationTexts::here();
    let s = &c.summary;
    if let Some((ballots, eligible)) = c.turnout {
        let tally = Tally {
            votes: c.options.iter().map(|o| o.votes.unwrap_or(0)).collect(),
            ballots,
            eligible,
        };
        let texts = ResultsTexts {
            heading: t.consultation_results_heading.to_owned(),
            question: c.question.clone(),
            turnout: t.consultation_turnout.to_owned(),
            option: t.consultation_option.to_owned(),
            votes: t.consultation_votes.to_owned(),
            live: t.consultation_live.to_owned(),
        };
        let labels = c.options.iter().map(|o| option_label(t, o)).collect();
        return view! { <Results id=s.id live=c.live labels tally texts /> }.into_any();
    }
    if s.phase == Phase::Draft {
        return ().into_any();
    }
    match c.withheld_until {
        Some(n) => view! { <p class="hint">{(t.consultation_results_withheld)(&n)}</p> }.into_any(),
        None => {
            let rule = c.results_shown.label(t.locale());
            view! { <p class="hint">{t.consultation_results_label} " · " {rule}</p> }.into_any()
        }
    }
}

/// What was decided, by whom, by when.
#[component]
fn ConsultationOutcome(o: super::Outcome) -> impl IntoView {
    let t = ConsultationTexts::here();
    view! {
        <h2>{t.consultation_outcome_heading}</h2>
        <p class="prose">{o.outcome}</p>
        <dl class="facts">
            <dt>{t.consultation_outcome_by}</dt>
            <dd>{o.by}</dd>
            <dt>{t.consultation_outcome_due}</dt>
            <dd>{o.due.format("%Y-%m-%d").to_string()}</dd>
        </dl>
    }
}

/// Progress after the outcome, newest first; its staff post more.
#[component]
fn Progress(id: ConsultationId, updates: Vec<(i64, String)>, can_post: bool) -> impl IntoView {
    let t = ConsultationTexts::here();
    let error = url_error::<PostConsultationUpdate>();
    view! {
        <section id="progress" aria-labelledby="progress-heading">
            <h2 id="progress-heading">{t.consultation_progress_heading}</h2>
            {if updates.is_empty() {
                view! { <p>{t.consultation_no_updates}</p> }.into_any()
            } else {
                view! {
                    <ol class="updates">
                        {updates
                            .into_iter()
                            .map(|(at, note)| {
                                view! {
                                    <li>
                                        <time>{crate::time::minute(at)}</time>
                                        <p class="prose">{note}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            {can_post
                .then(|| {
                    view! {
                        <ConsultationCheckedForm
                            form=ConsultationForm::Update
                            action=PostConsultationUpdate::PATH.to_owned()
                        >
                            <input type="hidden" name="id" value=id.to_string() />
                            <p class="form-error" role="alert"></p>
                            <label for="update">{t.consultation_update_label}</label>
                            <textarea
                                id="update"
                                name="update"
                                rows="3"
                                maxlength=super::MAX_UPDATE.to_string()
                                aria-describedby="update-error"
                            ></textarea>
                            <p class="field-error" id="update-error">
                                {field_message(t, &error, "update")}
                            </p>
                            <button type="submit" class="button">
                                {t.consultation_update_button}
                            </button>
                        </ConsultationCheckedForm>
                    }
                })}
        </section>
    }
}

/// The discussion: comments, each with its replies; forms to comment and reply for those who
/// may, to report for residents, to hide for its staff.
#[component]
fn Discussion(c: ConsultationView) -> impl IntoView {
    let t = ConsultationTexts::here();
    let id = c.summary.id;
    let (top, replies): (Vec<_>, Vec<_>) =
        c.comments.iter().cloned().partition(|c| c.parent.is_none());
    let count = c.comments.len();
    let can_comment = c.can_comment;
    let comment_form = can_comment.then(|| {
        view! {
            <ConsultationCheckedForm
                form=ConsultationForm::Comment
                action=PostComment::PATH.to_owned()
            >
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="parent" value="" />
                <label for="body">{t.discussion_comment_label}</label>
                <textarea
                    id="body"
                    name="body"
                    rows="3"
                    maxlength=super::MAX_COMMENT.to_string()
                    aria-describedby="body-error"
                ></textarea>
                <p class="field-error" id="body-error"></p>
                <button type="submit" class="button">
                    {t.comment_button}
                </button>
            </ConsultationCheckedForm>
        }
        .into_any()
    });
    view! {
        <section id="discussion" class="discussion" aria-labelledby="discussion-heading">
            <h2 id="discussion-heading">{t.discussion_heading} " (" {count} ")"</h2>
            <p class="hint">{t.discussion_who}</p>
            <p class="form-error" role="alert"></p>
            {comment_form}
            {top.is_empty().then(|| view! { <p>{t.discussion_empty}</p> })}
            <ol class="comments">
                {top
                    .into_iter()
                    .map(|comment| {
                        let own: Vec<_> = replies
                            .iter()
                            .filter(|r| r.parent == Some(comment.id))
                            .cloned()
                            .collect();
                        let parent = comment.id;
                        view! {
                            <li>
                                <CommentItem
                                    comment
                                    can_report=c.can_report
                                    can_manage=c.can_manage
                                />
                                {(!own.is_empty())
                                    .then(|| {
                                        view! {
                                            <ol class="replies">
                                                {own
                                                    .into_iter()
                                                    .map(|reply| {
                                                        view! {
                                                            <li>
                                                                <CommentItem
                                                                    comment=reply
                                                                    can_report=c.can_report
                                                                    can_manage=c.can_manage
                                                                />
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ol>
                                        }
                                    })}
                                {can_comment
                                    .then(|| {
                                        view! {
                                            <details class="reply">
                                                <summary>{t.comment_reply}</summary>
                                                <ConsultationCheckedForm
                                                    form=ConsultationForm::Comment
                                                    action=PostComment::PATH.to_owned()
                                                >
                                                    <input type="hidden" name="id" value=id.to_string() />
                                                    <input
                                                        type="hidden"
                                                        name="parent"
                                                        value=parent.to_string()
                                                    />
                                                    <p class="form-error" role="alert"></p>
                                                    <label for=format!(
                                                        "reply-{parent}",
                                                    )>{t.comment_reply}</label>
                                                    <textarea
                                                        id=format!("reply-{parent}")
                                                        name="body"
                                                        rows="2"
                                                        maxlength=super::MAX_COMMENT.to_string()
                                                    ></textarea>
                                                    <button type="submit" class="button secondary">
                                                        {t.comment_reply_button}
                                                    </button>
                                                </ConsultationCheckedForm>
                                            </details>
                                        }
                                    })}
                            </li>
                        }
                            .into_any()
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// One comment: who, when, what (or why it is hidden), and the report and hide controls.
#[component]
fn CommentItem(comment: super::CommentView, can_report: bool, can_manage: bool) -> impl IntoView {
    let t = ConsultationTexts::here();
    let hidden = comment.body.is_none();
    let text = match (&comment.body, &comment.hidden_reason) {
        (Some(body), _) => view! { <p class="prose">{body.clone()}</p> }.into_any(),
        (None, reason) => view! {
            <p class="hint hidden-comment">
                {(t.comment_hidden)(&reason.as_deref().unwrap_or_default())}
            </p>
        }
        .into_any(),
    };
    let report = (can_report && !comment.mine && !hidden).then(|| {
        if comment.reported {
            view! { <span class="hint">{t.comment_reported}</span> }.into_any()
        } else {
            view! {
                <form method="post" action=ReportComment::PATH class="inline">
                    <input type="hidden" name="comment" value=comment.id.to_string() />
                    <button type="submit" class="text-button">
                        {t.comment_report}
                    </button>
                </form>
            }
            .into_any()
        }
    });
    let moderate = (can_manage && !hidden).then(|| {
        let reason_id = format!("hide-reason-{}", comment.id);
        view! {
            <details class="moderate">
                <summary>{t.comment_hide}</summary>
                <ConsultationCheckedForm
                    form=ConsultationForm::HideComment
                    action=HideComment::PATH.to_owned()
                >
                    <input type="hidden" name="comment" value=comment.id.to_string() />
                    <p class="form-error" role="alert"></p>
                    <label for=reason_id.clone()>{t.comment_hide_reason}</label>
                    <input
                        id=reason_id
                        name="reason"
                        maxlength=crate::requests::MAX_NOTE.to_string()
                    />
                    <button type="submit" class="button secondary">
                        {t.comment_hide}
                    </button>
                </ConsultationCheckedForm>
            </details>
        }
        .into_any()
    });
    let reports = comment.reports.filter(|n| *n > 0).map(|n| {
        view! {
            " "
            <span class="badge late">{(t.comment_reports)(&n)}</span>
        }
    });
    view! {
        <article class="comment" id=format!("comment-{}", comment.id)>
            <p class="meta">
                <strong>{comment.author.clone()}</strong>
                {comment
                    .by_staff
                    .then(|| {
                        view! {
                            " "
                            <span class="badge">{t.comment_staff_badge}</span>
                        }
                    })}
                " · "
                <time>{crate::time::minute(comment.at)}</time>
                {reports}
            </p>
            {text}
            {report}
            {moderate}
        </article>
    }
}

/// The words of the results, in the page's language (an island has no locale of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsTexts {
    pub heading: String,
    pub question: String,
    /// "{ballots} … {eligible} … {share}".
    pub turnout: String,
    pub option: String,
    pub votes: String,
    pub live: String,
}

/// The results: turnout, a bar chart and a table of the options (`labels`, in order). While
/// `live`, they follow the consultation's events (Server-Sent Events, through gloo's
/// EventSource) once hydrated; only then does the "live" badge show (without JavaScript the
/// page does not change by itself).
#[island]
pub fn Results(
    id: ConsultationId,
    live: bool,
    labels: Vec<String>,
    tally: Tally,
    texts: ResultsTexts,
) -> impl IntoView {
    let (tally, set_tally) = signal(tally);
    let (following, set_following) = signal(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if live {
            live::follow(id, set_tally);
            set_following.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (id, set_tally, set_following);
    });
    let heading = texts.heading.clone();
    move || {
        let tally = tally.get();
        let turnout = texts
            .turnout
            .replace("{ballots}", &tally.ballots.to_string())
            .replace("{eligible}", &tally.eligible.to_string())
            .replace("{share}", &tally.share());
        let bars: Vec<(String, i64)> = labels
            .iter()
            .cloned()
            .zip(tally.votes.iter().copied().chain(std::iter::repeat(0)))
            .collect();
        let (option, votes) = (texts.option.clone(), texts.votes.clone());
        view! {
            <h2>
                {heading.clone()}
                {(live && following.get())
                    .then(|| {
                        view! {
                            " "
                            <span class="badge">{texts.live.clone()}</span>
                        }
                    })}
            </h2>
            <p id="turnout" aria-live="polite">
                {turnout}
            </p>
            <BarChart
                id="consultation-results"
                title=heading.clone()
                description=texts.question.clone()
                bars=bars.clone()
            />
            <TableScroll label=heading.clone()>
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th scope="col">{option}</th>
                            <th scope="col">{votes}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {bars
                            .into_iter()
                            .map(|(label, votes)| {
                                view! {
                                    <tr>
                                        <td>{label}</td>
                                        <td class="number">{votes}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </TableScroll>
        }
    }
}

#[cfg(feature = "hydrate")]
mod live {
    use super::Tally;
    use futures::StreamExt;
    use ids::ConsultationId;
    use leptos::prelude::*;

    /// Sets `tally` from every `tally` event of consultation `id` until the page goes away.
    pub fn follow(id: ConsultationId, tally: WriteSignal<Tally>) {
        let path = super::super::events_path(id);
        let Ok(mut source) = gloo_net::eventsource::futures::EventSource::new(&path) else {
            return;
        };
        let Ok(mut events) = source.subscribe("tally") else {
            return;
        };
        leptos::task::spawn_local(async move {
            // An error (a lost connection) is followed by the browser's own reconnection.
            while let Some(event) = events.next().await {
                let Ok((_, message)) = event else { continue };
                if let Some(next) = message.data().as_string().and_then(|d| Tally::decode(&d)) {
                    tally.set(next);
                }
            }
            source.close();
        });
    }
}

#[component]
fn BallotForm(c: ConsultationView) -> impl IntoView {
    let t = ConsultationTexts::here();
    let error = url_error::<CastBallot>();
    let input_type = if c.max_choices > 1 {
        "checkbox"
    } else {
        "radio"
    };
    view! {
        <h2>
            {if c.my_choices.is_empty() {
                t.consultation_vote_heading
            } else {
                t.consultation_change_heading
            }}
        </h2>
        <ConsultationCheckedForm
            form=ConsultationForm::Ballot
            action=CastBallot::PATH.to_owned()
            multipart=true
        >
            <input type="hidden" name="id" value=c.summary.id.to_string() />
            <p class="form-error" role="alert"></p>
            <fieldset aria-describedby="options-error">
                <legend>{c.question.clone()}</legend>
                {c
                    .options
                    .iter()
                    .map(|o| {
                        let id = format!("option-{}", o.id);
                        let label = if o.abstain {
                            t.consultation_abstain.to_owned()
                        } else {
                            o.label.clone()
                        };
                        view! {
                            <div class="choice">
                                <input
                                    type=input_type
                                    id=id.clone()
                                    name="options"
                                    value=o.id.to_string()
                                    checked=c.my_choices.contains(&o.id)
                                />
                                <label for=id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <p class="field-error" id="options-error">
                {field_message(t, &error, "options")}
            </p>
            <button type="submit" class="button">
                {t.consultation_vote_button}
            </button>
        </ConsultationCheckedForm>
    }
}

/// Publish (a draft), close now (open), publish the outcome (closed).
#[component]
fn StaffSteps(id: ConsultationId, phase: Phase, typed: Vec<(String, String)>) -> impl IntoView {
    let t = ConsultationTexts::here();
    // What a refused outcome held: nothing typed is lost.
    let v = move |name: &str| field_value(&typed, name).unwrap_or_default().to_owned();
    let decide_error = url_error::<DecideConsultation>();
    let step = |name: &'static str, button: &'static str| {
        view! {
            <form method="post" action=ConsultationStep::PATH>
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="step" value=name />
                <button type="submit" class="button secondary">
                    {button}
                </button>
            </form>
        }
    };
    let form = match phase {
        Phase::Draft => step("publish", t.consultation_publish).into_any(),
        Phase::Open => step("close", t.consultation_close).into_any(),
        Phase::AwaitingDecision { .. } => view! {
            <h3>{t.consultation_outcome_form}</h3>
            <ConsultationCheckedForm
                form=ConsultationForm::Outcome
                action=DecideConsultation::PATH.to_owned()
            >
                <input type="hidden" name="id" value=id.to_string() />
                <p class="form-error" role="alert"></p>
                <label for="plan">{t.consultation_outcome_what}</label>
                <textarea id="plan" name="plan" rows="4" aria-describedby="plan-error">
                    {v("plan")}
                </textarea>
                <p class="field-error" id="plan-error">
                    {field_message(t, &decide_error, "plan")}
                </p>
                <label for="outcome-by">{t.consultation_outcome_by}</label>
                <input
                    id="outcome-by"
                    name="by"
                    value=v("by")
                    maxlength=MAX_LINE.to_string()
                    aria-describedby="by-error"
                />
                <p class="field-error" id="by-error">
                    {field_message(t, &decide_error, "by")}
                </p>
                <label for="outcome-due">{t.consultation_outcome_due}</label>
                <input
                    id="outcome-due"
                    name="due"
                    type="date"
                    value=v("due")
                    aria-describedby="due-error"
                />
                <p class="field-error" id="due-error">
                    {field_message(t, &decide_error, "due")}
                </p>
                <button type="submit" class="button">
                    {t.consultation_decide_button}
                </button>
            </ConsultationCheckedForm>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        <section class="staff-panel" aria-labelledby="consultation-staff">
            <h2 id="consultation-staff">{t.consultation_staff_heading}</h2>
            <p class="form-error" role="alert"></p>
            {form}
        </section>
    }
}

/// `/consultations/new`: area staff put a question to their area (or an area within it).
#[component]
pub fn NewConsultationPage() -> impl IntoView {
    let t = ConsultationTexts::here();
    let user = Resource::new(|| (), |()| crate::accounts::api::who_am_i());
    let typed = Resource::new(|| (), |()| typed_values(CONSULTATION_FORM.to_owned()));
    let query = use_query_map().read_untracked().clone();
    let sources = Resource::new(
        move || (query.get("community"), query.get("category")),
        |(community, category)| consultation_sources(community, category),
    );
    view! {
        <Title text=t.consultations_new_title />
        <section class="card form">
            <h1>{t.consultations_new_title}</h1>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) if u.role == crate::accounts::Role::AreaStaff => {
                            let typed = typed.await.unwrap_or_default();
                            let sources = sources
                                .await
                                .unwrap_or(Sources {
                                    groups: Vec::new(),
                                    chosen: None,
                                });
                            view! {
                                <SourceGroups groups=sources.groups />
                                <NewConsultationForm typed chosen=sources.chosen />
                            }
                                .into_any()
                        }
                        Ok(Some(_)) => view! { <p>{t.verifications_staff_only}</p> }.into_any(),
                        _ => crate::components::fallbacks::sign_in_first(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The open request groups of the staff member's area, each a way to a pre-filled form.
#[component]
fn SourceGroups(groups: Vec<RequestGroup>) -> impl IntoView {
    let locale = use_locale();
    let t = ConsultationTexts::of(locale);
    view! {
        <section class="sources" aria-labelledby="sources-heading">
            <h2 id="sources-heading">{t.consultation_sources_heading}</h2>
            <p class="hint">{t.consultation_sources_intro}</p>
            {if groups.is_empty() {
                view! { <p>{t.consultation_sources_empty}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {groups
                            .into_iter()
                            .map(|g| {
                                let line = (t
                                    .consultation_source_line)(
                                    &g.community.get(locale),
                                    &g.category.get(locale),
                                    &g.open,
                                );
                                let href = format!(
                                    "/consultations/new?community={}&category={}",
                                    g.community_code,
                                    g.category_code,
                                );
                                view! {
                                    <li>
                                        {g
                                            .hot_spot
                                            .then(|| {
                                                view! {
                                                    <span class="badge late">{t.hot_spot_badge}</span>
                                                    " "
                                                }
                                            })} {line} " "
                                        <a href=href>{t.consultation_source_choose}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn NewConsultationForm(typed: Vec<(String, String)>, chosen: Option<Chosen>) -> impl IntoView {
    let locale = use_locale();
    let t = ConsultationTexts::of(locale);
    let e = url_error::<CreateConsultation>();
    // A chosen group of requests fills in the area, the title and the background.
    let prefill = |name: &str| -> String {
        let Some(chosen) = &chosen else {
            return String::new();
        };
        let g = &chosen.group;
        let fill = |template: fn(
            &dyn std::fmt::Display,
            &dyn std::fmt::Display,
            &dyn std::fmt::Display,
        ) -> String| {
            template(
                &g.community.get(locale),
                &g.category.get(locale),
                &chosen.requests.len(),
            )
        };
        match name {
            "area" => g.community_code.clone(),
            "title" => fill(t.consultation_prefill_title),
            // Only how many: what residents wrote is theirs, and a draft may become public.
            "background" => fill(t.consultation_prefill_background),
            _ => String::new(),
        }
    };
    let refused = !typed.is_empty();
    let linked = chosen.as_ref().map(|chosen| {
        view! { <LinkedRequestChoices requests=chosen.requests.clone() refused kept=typed.clone() /> }
    });
    // What a refused form held, else `fallback`.
    let v =
        |name: &str, fallback: String| field_value(&typed, name).map_or(fallback, str::to_owned);
    let (area, title, background) = (
        v("area", prefill("area")),
        v("title", prefill("title")),
        v("background", prefill("background")),
    );
    let (question, options) = (v("question", String::new()), v("options", String::new()));
    let abstain = !refused || !v("abstain", String::new()).is_empty();
    let max_choices = v("max_choices", "1".to_owned());
    let results_shown = v("results_shown", ResultsShown::AfterVote.as_str().to_owned());
    let now = chrono::Utc::now().timestamp();
    let opens_at = v("opens_at", beijing_time_value(now));
    let closes_at = v("closes_at", beijing_time_value(now + 7 * 86_400));
    let rules = ResultsShown::ALL
        .iter()
        .map(|r| {
            view! {
                <option value=r.as_str() selected=results_shown == r.as_str()>
                    {r.label(locale)}
                </option>
            }
        })
        .collect_view();
    // Built here, not inside the form: the form's children must own what they show.
    let fields = view! {
        <Field id="c-area" name="area" label=t.consultation_area_label error=e.clone()>
            <input
                id="c-area"
                name="area"
                value=area
                inputmode="numeric"
                aria-describedby="area-error area-hint"
            />
            <p class="hint" id="area-hint">
                {t.consultation_area_hint}
                " "
                <a href="/areas">{t.admin_area_codes}</a>
            </p>
        </Field>
        <Field id="c-title" name="title" label=t.consultation_title_label error=e.clone()>
            <input id="c-title" name="title" value=title aria-describedby="title-error" />
        </Field>
        <Field id="c-background" name="background" label=t.consultation_background error=e.clone()>
            <textarea
                id="c-background"
                name="background"
                rows="5"
                aria-describedby="background-error"
            >
                {background}
            </textarea>
        </Field>
        <Field id="c-question" name="question" label=t.consultation_question_label error=e.clone()>
            <input
                id="c-question"
                name="question"
                value=question
                aria-describedby="question-error"
            />
        </Field>
        <Field id="c-options" name="options" label=t.consultation_options_label error=e.clone()>
            <textarea
                id="c-options"
                name="options"
                rows="5"
                aria-describedby="options-error options-hint"
            >
                {options}
            </textarea>
            <p class="hint" id="options-hint">
                {t.consultation_options_hint}
            </p>
        </Field>
        <div class="choice">
            <input type="checkbox" id="c-abstain" name="abstain" checked=abstain />
            <label for="c-abstain">{t.consultation_abstain_label}</label>
        </div>
        <Field id="c-max" name="max_choices" label=t.consultation_max_label error=e.clone()>
            <input
                id="c-max"
                name="max_choices"
                type="number"
                min="1"
                max="20"
                value=max_choices
                aria-describedby="max_choices-error"
            />
        </Field>
        <Field
            id="c-results"
            name="results_shown"
            label=t.consultation_results_label
            error=e.clone()
        >
            <select id="c-results" name="results_shown" aria-describedby="results_shown-error">
                {rules}
            </select>
        </Field>
        <Field id="c-opens" name="opens_at" label=t.consultation_opens_label error=e.clone()>
            <input
                id="c-opens"
                name="opens_at"
                type="datetime-local"
                value=opens_at
                aria-describedby="opens_at-error"
            />
        </Field>
        <Field id="c-closes" name="closes_at" label=t.consultation_closes_label error=e.clone()>
            <input
                id="c-closes"
                name="closes_at"
                type="datetime-local"
                value=closes_at
                aria-describedby="closes_at-error"
            />
        </Field>
    }
    .into_any();
    view! {
        <ConsultationCheckedForm
            form=ConsultationForm::New
            action=CreateConsultation::PATH.to_owned()
            multipart=true
        >
            <p class="form-error" role="alert"></p>
            {fields}
            {linked}
            <p class="field-error" id="requests-error">
                {field_message(t, &e, "requests")}
            </p>
            <button type="submit" class="button">
                {t.consultation_create_button}
            </button>
        </ConsultationCheckedForm>
    }
}

/// The open requests a new consultation is opened from, each a checkbox: all ticked, or after
/// a refusal as the form held them (`kept`).
#[component]
fn LinkedRequestChoices(
    requests: Vec<super::OpenRequest>,
    refused: bool,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let t = ConsultationTexts::here();
    view! {
        <fieldset aria-describedby="requests-error">
            <legend>{t.consultation_requests_label}</legend>
            {requests
                .into_iter()
                .map(|r| {
                    let id = format!("request-{}", r.id);
                    let value = r.id.to_string();
                    let checked = !refused
                        || kept.iter().any(|(k, v)| k == "requests" && *v == value);
                    // After a refusal, as the form held it; else all.
                    view! {
                        <div class="choice">
                            <input
                                type="checkbox"
                                id=id.clone()
                                name="requests"
                                value=value
                                checked=checked
                            />
                            <label for=id>{r.tracking_number} " " {r.summary}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
