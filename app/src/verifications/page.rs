//! The account page's residence verification section (residents) and `/verifications`
//! (area staff: approve, reject, revoke). Plain forms, checked in the browser once hydrated.

use super::api::{list_verifications, read_my_verification, AskVerification, DecideVerification};
use super::{MyVerification, StaffVerifications, Verification, VerificationStatus};
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::error::field_message;
use crate::error::AppError;
use crate::i18n::use_locale;
use crate::verifications::forms::{VerificationCheckedForm, VerificationForm};
use crate::verifications::VerificationTexts;
use ids::VerificationId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The verification section of a resident's account page: where it stands, and the form to
/// ask when they may.
#[component]
pub fn VerificationSection() -> impl IntoView {
    let t = VerificationTexts::here();
    let mine = Resource::new(|| (), |()| read_my_verification());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(mine) = mine.await else { return ().into_any() };
                // Staff have no home to verify: nothing to show.
                view! {
                    <section
                        class="card form"
                        id="verification"
                        aria-labelledby="verification-heading"
                    >
                        <h2 id="verification-heading">{t.verification_heading}</h2>
                        <p class="hint">{t.verification_intro}</p>
                        <MyStatus mine />
                    </section>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn MyStatus(mine: MyVerification) -> impl IntoView {
    let locale = use_locale();
    let t = VerificationTexts::of(locale);
    let error = url_error::<AskVerification>();
    let latest = mine.latest.map(|v| {
        let line = (t.verification_line)(&v.community.get(locale), &v.address);
        view! {
            <p class="verification-status" role="status">
                <span class=format!(
                    "badge verification-{}",
                    v.status.as_str(),
                )>{v.status.label(t.locale())}</span>
                " "
                {line}
            </p>
            {v.reason.map(|r| view! { <p>{t.verification_reason} {r}</p> })}
        }
    });
    let form = mine.can_ask.then(|| {
        view! {
            <VerificationCheckedForm
                form=VerificationForm::Ask
                action=AskVerification::PATH.to_owned()
            >
                <p class="form-error" role="alert"></p>
                <p class="field-error" id="verification-error">
                    {field_message(t, &error, "verification")}
                </p>
                <label for="verification-address">{t.verification_address_label}</label>
                <input
                    id="verification-address"
                    name="address"
                    autocomplete="address-line2"
                    aria-describedby="address-error verification-address-hint"
                />
                <p class="hint" id="verification-address-hint">
                    {t.verification_address_hint}
                </p>
                <p class="field-error" id="address-error">
                    {field_message(t, &error, "address")}
                </p>
                <button type="submit" class="button">
                    {t.verification_ask_button}
                </button>
            </VerificationCheckedForm>
        }
    });
    view! {
        {latest}
        {form}
    }
}

/// `/verifications`: for area staff, the residents asking to be verified in their area
/// (oldest first), to approve or reject with a reason, and the verified ones, to revoke.
#[component]
pub fn VerificationsPage() -> impl IntoView {
    let t = VerificationTexts::here();
    let list = Resource::new(|| (), |()| list_verifications());
    let done = use_query_map().read_untracked().get("done").is_some();
    view! {
        <Title text=t.verifications_title />
        <section class="card verifications">
            <h1>{t.verifications_title}</h1>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    let list = match gate(list.await, Some(t.verifications_staff_only))? {
                        Ok(list) => list,
                        Err(instead) => return Ok(instead),
                    };
                    Ok::<_, AppError>(view! { <StaffLists list done /> }.into_any())
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn StaffLists(list: StaffVerifications, done: bool) -> impl IntoView {
    let locale = use_locale();
    let t = VerificationTexts::of(locale);
    view! {
        <p class="hint">{(t.verifications_intro)(&list.area.get(locale))}</p>
        {done
            .then(|| {
                view! {
                    <p class="notice-ok" role="status">
                        {t.verifications_done}
                    </p>
                }
            })}
        <h2>{(t.verifications_pending_heading)(&list.pending.len())}</h2>
        {if list.pending.is_empty() {
            view! { <p>{t.verifications_none}</p> }.into_any()
        } else {
            view! {
                <ul class="verification-list">
                    {list.pending.into_iter().map(|v| view! { <Item v /> }).collect_view()}
                </ul>
            }
                .into_any()
        }}
        <h2>{(t.verifications_approved_heading)(&list.approved.len())}</h2>
        {if list.approved.is_empty() {
            view! { <p>{t.verifications_none}</p> }.into_any()
        } else {
            view! {
                <ul class="verification-list">
                    {list.approved.into_iter().map(|v| view! { <Item v /> }).collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

/// One decision form: `decision` with a reason when it needs one.
fn decision_form(
    id: VerificationId,
    decision: &'static str,
    button: &'static str,
    reason: Option<&'static str>,
) -> impl IntoView {
    let reason_id = format!("reason-{decision}-{id}");
    view! {
        <VerificationCheckedForm
            form=VerificationForm::Decide
            action=DecideVerification::PATH.to_owned()
        >
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="decision" value=decision />
            <p class="form-error" role="alert"></p>
            {match reason {
                Some(label) => {
                    view! {
                        <label for=reason_id.clone()>{label}</label>
                        <input id=reason_id name="reason" />
                    }
                        .into_any()
                }
                None => view! { <input type="hidden" name="reason" value="" /> }.into_any(),
            }}
            <button type="submit" class="button secondary">
                {button}
            </button>
        </VerificationCheckedForm>
    }
}

#[component]
fn Item(v: Verification) -> impl IntoView {
    let locale = use_locale();
    let t = VerificationTexts::of(locale);
    let (name, phone) = v.resident.clone().unwrap_or_default();
    let forms = match v.status {
        VerificationStatus::Pending => view! {
            {decision_form(v.id, "approve", t.verification_approve, None)}
            {decision_form(
                v.id,
                "reject",
                t.verification_reject,
                Some(t.verification_reject_reason),
            )}
        }
        .into_any(),
        VerificationStatus::Approved => decision_form(
            v.id,
            "revoke",
            t.verification_revoke,
            Some(t.verification_revoke_reason),
        )
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        <li>
            <p>
                <strong>{name}</strong>
                " "
                {phone}
                " · "
                {v.community.get(locale).to_owned()}
                " · "
                {v.address.clone()}
            </p>
            <p class="hint">
                {t.verification_asked_at} <time>{crate::time::minute(v.asked_at)}</time>
            </p>
            <div class="decisions">{forms}</div>
        </li>
    }
}
