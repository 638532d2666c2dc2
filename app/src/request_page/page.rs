//! `/requests/{number}`: a request as the viewer may see it, with the panels around it: the
//! staff steps, the resident's rating, the consultations and topic it belongs to, and what the
//! resident may do.

use super::api::view_request;
use super::RequestPageView;
use crate::accounts::api::typed_values;
use crate::consultations::page::ConsultationFacts;
use crate::error::AppError;
use crate::handling::api::HANDLE_FORM;
use crate::handling::page::{step_name, PassesList, StaffPanelSection, SummonsList};
use crate::ratings::page::ResidentRating;
use crate::ratings::RatingTexts;
use crate::requests::draft::DraftCleaner;
use crate::requests::page::{FiledNotice, RequestActions, RequestCard};
use crate::requests::RequestTexts;
use crate::topics::page::TopicFact;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/requests/{number}?tail=…`: the request, or a page that says there is none (a private
/// one without the right `tail` looks the same).
#[component]
pub fn RequestPage() -> impl IntoView {
    let t = RequestTexts::here();
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let tail = move || query.read().get("tail").filter(|t| !t.is_empty());
    let request = Resource::new(
        move || (number(), tail()),
        |(number, tail)| view_request(number, tail),
    );
    let typed = Resource::new(|| (), |()| typed_values(HANDLE_FORM.to_owned()));
    let filed = query.read_untracked().get("filed").is_some();
    let done = query.read_untracked().get("done");
    view! {
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || {
                let done = done.clone();
                Suspend::new(async move {
                    let typed = typed.await.unwrap_or_default();
                    match request.await {
                        Err(AppError::NotFound) => {
                            Ok(
                                view! {
                                    <section class="card">
                                        <h1>{t.not_found_title}</h1>
                                        <p>{t.request_not_found_hint}</p>
                                        <p>
                                            <a class="button" href="/lookup">
                                                {t.lookup_title}
                                            </a>
                                        </p>
                                    </section>
                                }
                                    .into_any(),
                            )
                        }
                        other => {
                            other
                                .map(|page| {
                                    view! { <RequestSections page filed done typed /> }.into_any()
                                })
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// The page's sections, in their order: notices, the request, the staff steps, the rating,
/// the resident's other actions.
#[component]
fn RequestSections(
    page: RequestPageView,
    filed: bool,
    /// The step just taken (`?done=…`).
    done: Option<String>,
    /// What a staff form held when the server refused it.
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let t = RequestTexts::here();
    let request = page.request;
    let staff_viewer = page.staff.is_some();
    let title = format!("{} {}", t.request_title, request.tracking_number);
    let notice = (filed && (request.is_mine || staff_viewer))
        .then(|| view! { <FiledNotice view=request.clone() /> });
    let done_notice = done
        .filter(|_| staff_viewer || request.detail.is_some())
        .map(|step| {
            let ratings = RatingTexts::of(t.locale());
            let name = match step.as_str() {
                "rated" => ratings.rate_button,
                "reopened" => ratings.reopen_button,
                other => step_name(t, other),
            };
            (!name.is_empty()).then(|| {
                view! {
                    <p class="notice-ok" role="status">
                        {(t.step_done)(&name)}
                    </p>
                }
            })
        });
    let number = request.tracking_number.clone();
    let staff_panel = page
        .staff
        .map(|panel| view! { <StaffPanelSection number=number.clone() panel typed /> });
    let rating = request.is_mine.then(|| {
        view! {
            <ResidentRating
                number=number.clone()
                can_rate=page.rating.can_rate
                can_reopen=page.rating.can_reopen
                rating=page.rating.rating
            />
        }
    });
    let facts = view! {
        <ConsultationFacts consultations=page.consultations />
        <TopicFact topic=page.topic />
    }
    .into_any();
    let summons = view! {
        <SummonsList summons=page.summons />
        <PassesList passes=page.passes />
    }
    .into_any();
    let cleaner = (filed && request.is_mine).then(|| view! { <DraftCleaner /> });
    view! {
        <Title text=title />
        {cleaner}
        {notice}
        {done_notice}
        <RequestCard view=request.clone() facts summons />
        {staff_panel}
        {rating}
        <RequestActions view=request />
    }
}
