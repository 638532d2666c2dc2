//! The resident's part of their request page once a unit resolved it: the rating form, their
//! rating, and the reopen (重办) form while it is allowed.

use super::api::{RateRequest, ReopenRequest};
use super::{reason_label, satisfaction_label, Outcome, RatingView, REASONS, SATISFACTION};
use crate::components::checked_form::url_error;
use crate::components::Field;
use crate::error::field_message;
use crate::ratings::forms::{RatingCheckedForm, RatingForm};
use crate::ratings::RatingTexts;
use crate::requests::forms::{RequestCheckedForm, RequestForm};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The rating form (`can_rate`), the rating given, and the reopen form (`can_reopen`).
#[component]
pub fn ResidentRating(
    number: String,
    can_rate: bool,
    can_reopen: bool,
    rating: Option<RatingView>,
) -> impl IntoView {
    let reopen_refused = url_error::<ReopenRequest>().is_some();
    let until = rating.as_ref().and_then(|r| r.reopen_until);
    let rate = can_rate.then(|| view! { <RateForm number=number.clone() /> });
    let given = rating.map(|r| view! { <YourRating r /> });
    let reopen = (can_reopen || reopen_refused).then(|| view! { <ReopenForm number until /> });
    view! {
        {rate}
        {given}
        {reopen}
    }
}

/// The rating form: the outcome, the satisfaction, what was wrong or right, a comment.
#[component]
fn RateForm(number: String) -> impl IntoView {
    let t = RatingTexts::here();
    let rate_error = url_error::<RateRequest>();
    let rate_number = number;
    let outcomes = Outcome::ALL
        .into_iter()
        .map(|o| {
            view! {
                <label class="check">
                    <input type="radio" name="outcome" value=o.as_str() required />
                    {o.label(t.locale())}
                </label>
            }
        })
        .collect_view();
    let levels = SATISFACTION
        .rev()
        .map(|level| {
            view! {
                <label class="check">
                    <input type="radio" name="satisfaction" value=level.to_string() required />
                    {satisfaction_label(level, t.locale())}
                </label>
            }
        })
        .collect_view();
    let reasons = REASONS
        .into_iter()
        .map(|r| {
            view! {
                <label class="check">
                    <input type="checkbox" name="reasons" value=r />
                    {reason_label(r, t.locale())}
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="card form rating" aria-labelledby="rate-heading">
            <h2 id="rate-heading">{t.rate_heading}</h2>
            <p>{t.rate_intro}</p>
            <RatingCheckedForm
                form=RatingForm::Rate
                action=RateRequest::PATH.to_owned()
                multipart=true
            >
                <p class="form-error" role="alert"></p>
                <input type="hidden" name="number" value=rate_number />
                <fieldset aria-describedby="outcome-error">
                    <legend>{t.outcome_label}</legend>
                    {outcomes}
                </fieldset>
                <p class="field-error" id="outcome-error">
                    {field_message(t, &rate_error, "outcome")}
                </p>
                <fieldset aria-describedby="satisfaction-error">
                    <legend>{t.satisfaction_label}</legend>
                    {levels}
                </fieldset>
                <p class="field-error" id="satisfaction-error">
                    {field_message(t, &rate_error, "satisfaction")}
                </p>
                <fieldset aria-describedby="reasons-error">
                    <legend>{t.reasons_label}</legend>
                    {reasons}
                </fieldset>
                <p class="field-error" id="reasons-error">
                    {field_message(t, &rate_error, "reasons")}
                </p>
                <label for="comment">{t.comment_label}</label>
                <textarea
                    id="comment"
                    name="comment"
                    rows="3"
                    maxlength="500"
                    aria-describedby="comment-error"
                ></textarea>
                <p class="field-error" id="comment-error">
                    {field_message(t, &rate_error, "comment")}
                </p>
                <button type="submit" class="button">
                    {t.rate_button}
                </button>
            </RatingCheckedForm>
        </section>
    }
}

/// The resident's rating of the latest round, as they gave it.
#[component]
fn YourRating(r: RatingView) -> impl IntoView {
    let t = RatingTexts::here();
    let outcome = r.rating.outcome.label(t.locale());
    view! {
        <section class="card your-rating">
            <h2>{t.your_rating_heading}</h2>
            <p>
                <strong>{outcome}</strong>
                " · "
                {satisfaction_label(r.rating.satisfaction, t.locale())}
                " · "
                {crate::time::minute(r.at)}
            </p>
            {(!r.rating.comment.is_empty()).then(|| view! { <p>{r.rating.comment.clone()}</p> })}
        </section>
    }
}

/// Reopening (重办) a closed request, until `until` (Unix seconds), with the reason.
#[component]
fn ReopenForm(number: String, until: Option<i64>) -> impl IntoView {
    let t = RatingTexts::here();
    let reopen_error = url_error::<ReopenRequest>();
    let until = until.map(crate::time::minute);
    view! {
        <section class="card form" aria-labelledby="reopen-heading">
            <h2 id="reopen-heading">{t.reopen_heading}</h2>
            <p>{t.reopen_intro} " " <strong>{until}</strong></p>
            <RequestCheckedForm form=RequestForm::AddInfo action=ReopenRequest::PATH.to_owned()>
                <p class="form-error" role="alert"></p>
                <input type="hidden" name="number" value=number />
                <Field id="reopen-note" name="note" label=t.reopen_reason_label error=reopen_error>
                    <textarea
                        id="reopen-note"
                        name="note"
                        rows="3"
                        maxlength="2000"
                        required
                        aria-describedby="note-error"
                    ></textarea>
                </Field>
                <button type="submit" class="button">
                    {t.reopen_button}
                </button>
            </RequestCheckedForm>
        </section>
    }
}
