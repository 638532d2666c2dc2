//! The resident's pages: `/requests/new` (file), `/requests/mine`, `/requests/{number}` (a
//! request, as the viewer may see it) and `/lookup` (find one by its tracking number).

use super::aids::{AidTexts, FilingAids};
use super::api::{
    finder_setup, list_categories, my_requests, public_requests, similar_requests, AddInformation,
    FileRequest, SecondRequest, WithdrawRequest, FILE_FORM,
};
use super::draft::DraftKeeper;
use super::{
    event_label, Category, FinderSetup, PublicItem, RequestKind, RequestView, Source, Status,
};
use crate::accounts::api::{my_profile, typed_values};
use crate::accounts::Role;
use crate::areas::places::{area_options, load_places, parents_of, PlaceSteps, Places};
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::components::Field;
use crate::error::AppError;
use crate::error::{error_message, field_message};
use crate::fields::field_value;
use crate::i18n::{use_locale, CommonTexts};
use crate::requests::forms::{RequestCheckedForm, RequestForm};
use crate::requests::RequestRefusal;
use crate::requests::RequestTexts;
use ids::{PhotoId, RequestId};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// A fresh idempotency key for a form (a UUID v4).
fn new_key() -> String {
    #[cfg(feature = "ssr")]
    {
        let b: [u8; 16] = rand::random();
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        let version = format!("4{}", &hex[13..16]);
        let variant = format!("{:x}{}", 8 | (b[8] & 0x3), &hex[17..20]);
        format!(
            "{}-{}-{version}-{variant}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[20..]
        )
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// `/requests/new?district=…&street=…`: the filing form. Signed out, it sends the visitor to
/// sign in. Street and community staff record a case they found here
/// (`?community=…&category=…&source=hot_spot` opens one from a hot spot).
#[component]
pub fn FileRequestPage() -> impl IntoView {
    let t = RequestTexts::here();
    let query = use_query_map();
    let chosen = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let profile = Resource::new(|| (), |()| my_profile());
    let categories = Resource::new(|| (), |()| list_categories());
    let typed = Resource::new(|| (), |()| typed_values(FILE_FORM.to_owned()));
    let finder = Resource::new(|| (), |()| finder_setup());
    view! {
        <section class="card form">
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    let profile = match gate(profile.await, None)? {
                        Ok(profile) => profile,
                        Err(instead) => {
                            return Ok(
                                view! {
                                    <Title text=t.file_title />
                                    <h1>{t.file_title}</h1>
                                    {instead}
                                }
                                    .into_any(),
                            );
                        }
                    };
                    let for_caller = profile.role == Role::Dispatcher;
                    let steward_asks = profile.role == Role::Resident
                        && chosen("source").as_deref() == Some(Source::Patrol.as_str());
                    let finder = if matches!(profile.role, Role::Handler | Role::AreaStaff)
                        || steward_asks
                    {
                        finder.await?
                    } else {
                        None
                    };
                    let title = match &finder {
                        Some(f) if f.steward => t.steward_report_title,
                        Some(_) => t.found_title,
                        None => t.file_title,
                    };
                    if profile.role != Role::Resident && !for_caller && finder.is_none() {
                        return Ok(
                            // A lane steward reports from their patch when they ask to
                            // (`?source=patrol`); else they file as any resident.
                            // Only the hotline files for others (callers); staff of other
                            // units do not file.
                            view! {
                                <Title text=title />
                                <h1>{title}</h1>
                                <p>{t.staff_cannot_file}</p>
                            }
                                .into_any(),
                        );
                    }
                    let typed = typed.await.unwrap_or_default();
                    let typed_community = field_value(&typed, "community").map(str::to_owned);
                    let finder_area = finder.as_ref().map(|f| f.area_code.clone());
                    let start = typed_community
                        .or_else(|| chosen("community"))
                        .or_else(|| finder_area.clone().filter(|code| code.len() == 12))
                        .or_else(|| profile.home.first().map(|a| a.code.clone()))
                        .unwrap_or_default();
                    let (district, street) = match parents_of(&start) {
                        (None, None) => {
                            let street = finder_area.filter(|code| code.len() == 9);
                            (street.as_ref().and_then(|s| s.get(..6)).map(str::to_owned), street)
                        }
                        parents => parents,
                    };
                    let places = load_places(
                            chosen("district").or(district),
                            chosen("street").or(street),
                        )
                        .await?;
                    let categories = categories.await?;
                    let similar = if url_error::<FileRequest>()
                        == Some(AppError::from(RequestRefusal::SimilarFound))
                    {
                        let typed_category = field_value(&typed, "category")
                            .unwrap_or_default()
                            .to_owned();
                        similar_requests(typed_category, start.clone()).await.unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    let asked = (
                        chosen("category").unwrap_or_default(),
                        chosen("source").unwrap_or_default(),
                    );
                    Ok::<
                        _,
                        AppError,
                    >(
                        // A finder starts in their own area: their community, or their street.
                        view! {
                            <Title text=title />
                            <h1>{title}</h1>
                            <FileSteps
                                places
                                categories
                                typed
                                start
                                similar
                                for_caller
                                finder
                                asked
                            />
                        }
                            .into_any(),
                    )
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn FileSteps(
    places: Places,
    categories: Vec<Category>,
    /// What was typed before the server refused it.
    typed: Vec<(String, String)>,
    /// The community to preselect.
    start: String,
    /// Open requests like this one, when the server found some ("is it one of these?").
    similar: Vec<PublicItem>,
    /// A hotline operator files for a caller: the form asks for the caller's number and name.
    for_caller: bool,
    /// Street or community staff record a case they found: how, and whom to summon.
    finder: Option<FinderSetup>,
    /// The category and the source the address asks for (a case from a hot spot).
    asked: (String, String),
) -> impl IntoView {
    let locale = use_locale();
    let t = RequestTexts::of(locale);
    let error = url_error::<FileRequest>();
    let value = |field: &str| field_value(&typed, field).map(str::to_owned);
    let refused = !typed.is_empty();
    let kind = value("kind").unwrap_or_default();
    let (asked_category, asked_source) = asked;
    let category = value("category").unwrap_or(asked_category);
    let source = value("source").unwrap_or(asked_source);
    let summoned: Vec<String> = typed
        .iter()
        .filter(|(name, _)| name == "summon")
        .map(|(_, code)| code.clone())
        .collect();
    let finds = finder.is_some();
    let steward = finder.as_ref().is_some_and(|f| f.steward);
    let intro = match (finds, steward) {
        (_, true) => t.steward_report_hint,
        (true, false) => t.found_intro,
        (false, false) => t.file_intro,
    };
    let description = value("description").unwrap_or_default();
    let address = value("address").unwrap_or_default();
    // A fresh form is public; a refused one comes back as it was.
    let public = if refused {
        value("public").is_some_and(|v| !v.is_empty())
    } else {
        true
    };
    let show_name = value("show_name").is_some_and(|v| !v.is_empty());
    let latitude = value("latitude").unwrap_or_default();
    let caller_phone = value("caller_phone").unwrap_or_default();
    let caller_name = value("caller_name").unwrap_or_default();
    let longitude = value("longitude").unwrap_or_default();
    let aid_texts = AidTexts {
        no_match: t.category_no_match.to_owned(),
        locating: t.locating.to_owned(),
        located: t.located.to_owned(),
        locate_failed: t.locate_failed.to_owned(),
    };
    let communities = places.communities.clone();
    let found_similar = !similar.is_empty();
    let similar_section = found_similar.then(|| {
        view! {
            <section class="similar" aria-labelledby="similar-title">
                <h2 id="similar-title">{t.similar_title}</h2>
                <p>{t.similar_intro}</p>
                <PublicList items=similar />
            </section>
        }
    });
    let details = (!communities.is_empty()).then(|| {
        view! {
            <h2>{t.file_details_step}</h2>
            <DraftKeeper form_id="file-form".to_owned() restored_note=t.draft_restored.to_owned() />
            <FilingAids texts=aid_texts />
            <RequestCheckedForm
                form=RequestForm::File
                action=FileRequest::PATH.to_owned()
                multipart=true
                id="file-form".to_owned()
            >
                <p class="form-error" role="alert"></p>
                <input type="hidden" name="idempotency_key" value=new_key() />
                {for_caller.then(|| view! { <CallerFields phone=caller_phone name=caller_name /> })}
                {finder
                    .map(|finder| {
                        if finder.steward {
                            view! {
                                <input type="hidden" name="source" value=Source::Patrol.as_str() />
                                <p class="field-error" id="source-error">
                                    {field_message(t, &error, "source")}
                                </p>
                            }
                                .into_any()
                        } else {
                            view! { <FoundFields units=finder.units source summoned /> }.into_any()
                        }
                    })}
                <label for="community">{t.community_label}</label>
                <select id="community" name="community" required aria-describedby="community-error">
                    {area_options(&communities, Some(start.as_str()), locale, t)}
                </select>
                <p class="field-error" id="community-error">
                    {field_message(t, &error, "community")}
                </p>
                <label for="kind">{t.kind_label}</label>
                <select id="kind" name="kind" required aria-describedby="kind-error">
                    <option value="">{t.choose}</option>
                    {RequestKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=kind == k.as_str()>
                                    {k.label(t.locale())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="field-error" id="kind-error">
                    {field_message(t, &error, "kind")}
                </p>
                <CategoryField categories chosen=category />
                <label for="address">{t.address_label}</label>
                <input
                    id="address"
                    name="address"
                    value=address
                    maxlength="200"
                    aria-describedby="address-error"
                />
                <p class="field-error" id="address-error">
                    {field_message(t, &error, "address")}
                </p>
                <input type="hidden" id="latitude" name="latitude" value=latitude />
                <input type="hidden" id="longitude" name="longitude" value=longitude />
                // Shown once hydrated, where the browser can tell its position (FilingAids).
                <p class="locate" hidden>
                    <button type="button" id="locate" class="button secondary">
                        {t.locate_button}
                    </button>
                    " "
                    <span id="locate-status" role="status"></span>
                </p>
                <label for="description">{t.description_label}</label>
                <textarea
                    id="description"
                    name="description"
                    rows="6"
                    maxlength="2000"
                    required
                    aria-describedby="description-error"
                >
                    {description}
                </textarea>
                <p class="field-error" id="description-error">
                    {field_message(t, &error, "description")}
                </p>
                <p class="field-error" id="position-error">
                    {field_message(t, &error, "position")}
                </p>
                <PhotosField refused />
                <label class="check">
                    <input type="checkbox" name="public" checked=public />
                    {t.public_label}
                </label>
                // A found case names no resident.
                {(!finds)
                    .then(|| {
                        view! {
                            <label class="check">
                                <input type="checkbox" name="show_name" checked=show_name />
                                {t.show_name_label}
                            </label>
                        }
                    })}
                {found_similar
                    .then(|| {
                        view! {
                            <label class="check">
                                <input type="checkbox" name="not_duplicate" />
                                {t.not_duplicate_label}
                            </label>
                        }
                    })}
                <UploadProgress />
                <button type="submit" class="button">
                    {if finds { t.submit_found } else { t.submit_request }}
                </button>
            </RequestCheckedForm>
        }
    });
    view! {
        {similar_section}
        <p>{intro}</p>
        <h2>{t.file_place_step}</h2>
        <PlaceSteps places action="/requests/new" />
        {details}
    }
}

/// A case staff found: how they found it, and the departments to summon at once (吹哨).
#[component]
fn FoundFields(
    units: Vec<super::UnitChoice>,
    /// The source to preselect (a key).
    source: String,
    /// The units to tick (their codes).
    summoned: Vec<String>,
) -> impl IntoView {
    let locale = use_locale();
    let t = RequestTexts::of(locale);
    let error = url_error::<FileRequest>();
    let any_summoned = !summoned.is_empty();
    view! {
        <fieldset class="found">
            <legend>{t.found_heading}</legend>
            <label for="source">{t.source_label}</label>
            <select id="source" name="source" required aria-describedby="source-error">
                <option value="">{t.choose}</option>
                {Source::ALL
                    .into_iter()
                    .filter(|s| *s != Source::Resident)
                    .map(|s| {
                        view! {
                            <option value=s.as_str() selected=source == s.as_str()>
                                {s.label(locale)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id="source-error">
                {field_message(t, &error, "source")}
            </p>
            <details class="summon" open=any_summoned>
                <summary>{t.summon_label}</summary>
                <p class="hint">{t.summon_hint}</p>
                <UnitChecks name="summon" units ticked=summoned />
            </details>
            <p class="field-error" id="summon-error">
                {field_message(t, &error, "summon")}
            </p>
        </fieldset>
    }
}

/// Checkboxes called `name` for `units` (their codes), `ticked` ticked: the city's departments
/// and utilities first; the districts' governments and the street offices (hundreds) folded
/// below, unfolded when one of them is ticked.
#[component]
pub fn UnitChecks(
    name: &'static str,
    units: Vec<super::UnitChoice>,
    ticked: Vec<String>,
) -> impl IntoView {
    use super::UnitKind;
    let locale = use_locale();
    let t = RequestTexts::of(locale);
    let (first, rest): (Vec<_>, Vec<_>) = units
        .into_iter()
        .partition(|u| matches!(u.kind, Some(UnitKind::Department | UnitKind::Utility)));
    let check = |u: super::UnitChoice| {
        let on = ticked.contains(&u.code);
        view! {
            <label class="check">
                <input type="checkbox" name=name value=u.code checked=on />
                {u.name.get(locale).to_owned()}
            </label>
        }
    };
    let open = rest.iter().any(|u| ticked.contains(&u.code));
    let more = (!rest.is_empty()).then(|| {
        let summary = (t.more_units)(&rest.len());
        view! {
            <details class="more-units" open=open>
                <summary>{summary}</summary>
                {rest.into_iter().map(check).collect_view()}
            </details>
        }
    });
    view! {
        {first.into_iter().map(check).collect_view()}
        {more}
    }
}

/// A hotline operator's filing: the caller's number and how to address them.
#[component]
fn CallerFields(phone: String, name: String) -> impl IntoView {
    let t = RequestTexts::here();
    let error = url_error::<FileRequest>();
    let (caller_phone, caller_name) = (phone, name);
    view! {
        <fieldset class="caller">
            <legend>{t.caller_heading}</legend>
            <p class="hint">{t.caller_intro}</p>
            <label for="caller_phone">{t.caller_phone_label}</label>
            <input
                id="caller_phone"
                name="caller_phone"
                type="tel"
                inputmode="tel"
                required
                value=caller_phone
                aria-describedby="caller_phone-error"
            />
            <p class="field-error" id="caller_phone-error">
                {field_message(t, &error, "caller_phone")}
            </p>
            <label for="caller_name">{t.caller_name_label}</label>
            <input
                id="caller_name"
                name="caller_name"
                required
                maxlength="20"
                value=caller_name
                aria-describedby="caller_name-error"
            />
            <p class="field-error" id="caller_name-error">
                {field_message(t, &error, "caller_name")}
            </p>
        </fieldset>
    }
}

/// The category: a search box (once hydrated) over the list of categories, `chosen` selected.
#[component]
fn CategoryField(categories: Vec<Category>, chosen: String) -> impl IntoView {
    let t = RequestTexts::here();
    let error = url_error::<FileRequest>();
    let category = chosen;
    view! {
        <label for="category">{t.category_label}</label>
        // Shown once hydrated (FilingAids): it filters the list below.
        <input
            type="search"
            id="category-search"
            class="category-search"
            hidden
            autocomplete="off"
            aria-label=t.category_search_label
            placeholder=t.category_search_placeholder
            aria-controls="category"
            aria-describedby="category-search-status"
        />
        <p class="hint" id="category-search-status" role="status"></p>
        <select id="category" name="category" required aria-describedby="category-error">
            {category_options(&categories, &category, t)}
        </select>
        <p class="field-error" id="category-error">
            {field_message(t, &error, "category")}
        </p>
    }
}

/// The photos field; after a refusal (`refused`) it asks for them again (a browser does not
/// keep chosen files across a post).
#[component]
fn PhotosField(refused: bool) -> impl IntoView {
    let t = RequestTexts::here();
    let error = url_error::<FileRequest>();
    view! {
        <label for="photos">{t.photos_label}</label>
        <input
            id="photos"
            name="photos"
            type="file"
            multiple
            data-max-bytes=super::max_photo_bytes()
            accept="image/jpeg,image/png,image/webp"
            aria-describedby="photos-error"
        />
        <p class="field-error" id="photos-error">
            {field_message(t, &error, "photos")}
            {(refused && field_message(t, &error, "photos").is_none())
                .then_some(t.photos_choose_again)}
        </p>
    }
}

/// How far an upload has got, and what to do when it fails (both shown once hydrated).
#[component]
fn UploadProgress() -> impl IntoView {
    let t = RequestTexts::here();
    view! {
        <p class="upload-progress" hidden>
            <label>
                {t.uploading}" "<progress max="1" value="0"></progress>" "<output></output>
            </label>
        </p>
        <p class="upload-failed" role="alert" hidden>
            {t.upload_failed}
        </p>
    }
}

/// The category `<select>`'s options: leaves grouped under their parents.
pub(crate) fn category_options(
    categories: &[Category],
    chosen: &str,
    t: &CommonTexts,
) -> impl IntoView {
    let t = RequestTexts::of(t.locale());
    let locale = use_locale();
    let groups: Vec<(&Category, Vec<&Category>)> = categories
        .iter()
        .filter(|c| c.parent_code.is_none())
        .map(|parent| {
            let leaves = categories
                .iter()
                .filter(|c| c.parent_code.as_deref() == Some(parent.code.as_str()))
                .collect();
            (parent, leaves)
        })
        .collect();
    let option = move |c: &Category| {
        view! {
            <option value=c.code.clone() selected=c.code == chosen>
                {c.name(locale).to_owned()}
            </option>
        }
    };
    view! {
        <option value="">{t.choose}</option>
        {groups
            .into_iter()
            .map(|(parent, leaves)| {
                if leaves.is_empty() {
                    option(parent).into_any()
                } else {
                    // A top-level category without children is a leaf itself ("other").
                    view! {
                        <optgroup label=parent
                            .name(locale)
                            .to_owned()>{leaves.into_iter().map(option).collect_view()}</optgroup>
                    }
                        .into_any()
                }
            })
            .collect_view()}
    }
}

/// A status badge.
pub(crate) fn badge(status: Status, t: &CommonTexts) -> impl IntoView {
    view! { <span class=format!("badge status-{}", status.as_str())>{status.label(t.locale())}</span> }
}

/// A deadline with the time left, red once past (only while the request is open).
pub(crate) fn deadline(at: i64, status: Status, t: &CommonTexts) -> impl IntoView {
    let t = RequestTexts::of(t.locale());
    let now = chrono::Utc::now().timestamp();
    let left = crate::time::hours_left(at, now);
    let open = status.is_open() && status != Status::Resolved;
    let note = match (open, at < now) {
        (false, _) => String::new(),
        (true, true) => t.overdue.to_owned(),
        (true, false) => (t.hours_left)(&left),
    };
    let class = if open && at < now {
        "deadline overdue"
    } else {
        "deadline"
    };
    view! { <span class=class>{crate::time::minute(at)} " " <em>{note}</em></span> }
}

/// Thumbnails of photos `ids`, each linking to the whole photo.
fn photo_list(ids: &[PhotoId], t: &'static RequestTexts) -> impl IntoView {
    view! {
        <ul class="photos">
            {ids
                .iter()
                .map(|id| {
                    view! {
                        <li>
                            <a href=format!("/photos/{id}")>
                                <img
                                    src=format!("/photos/{id}/thumbnail")
                                    alt=t.photo_alt
                                    loading="lazy"
                                />
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Right after filing: the tracking number to note and when the unit will answer (for the
/// resident, or the hotline operator who filed for a caller).
#[component]
pub fn FiledNotice(view: RequestView) -> impl IntoView {
    let t = RequestTexts::here();
    // A found case is in progress at once: what counts next is its resolve-by.
    let found = view.detail.as_ref().is_some_and(|d| d.found.is_some());
    let by = view
        .detail
        .as_ref()
        .map(|d| crate::time::minute(if found { d.resolve_by } else { d.respond_by }));
    let (said, deadline) = if found {
        (t.found_notice, t.found_deadline)
    } else {
        (t.filed_notice, t.filed_deadline)
    };
    view! {
        <section class="notice-ok" role="status">
            <p>{said} " " <strong class="tracking">{view.tracking_number.clone()}</strong></p>
            <p>{deadline} " " <strong>{by}</strong></p>
        </section>
    }
}

/// A request's card: its number, status and facts, description, photos and timeline. `facts`
/// are more rows of its facts (after the category), `summons` goes before the timeline: what
/// other features show of it.
#[component]
pub fn RequestCard(view: RequestView, facts: AnyView, summons: AnyView) -> impl IntoView {
    let locale = use_locale();
    let t = RequestTexts::of(locale);
    let status = view.status;
    let merged = view.merged_into.clone().map(|into| {
        view! {
            <p class="notice-ok">
                {t.merged_notice} " " <a class="tracking" href=format!("/requests/{into}")>
                    {into.clone()}
                </a>
            </p>
        }
    });
    let body = match view.detail {
        None => view! {
            <dl class="facts">
                <dt>{t.status_label}</dt>
                <dd>{badge(status, t)}</dd>
                <dt>{t.filed_at_label}</dt>
                <dd>{crate::time::minute(view.created_at)}</dd>
            </dl>
            <p class="hint">{t.private_request}</p>
        }
        .into_any(),
        Some(d) => {
            let unit = d
                .unit
                .as_ref()
                .map_or(t.unit_pending.to_owned(), |u| u.get(locale).to_owned());
            view! {
                <dl class="facts">
                    <dt>{t.status_label}</dt>
                    <dd>
                        {badge(status, t)}
                        {d
                            .urgent
                            .then(|| {
                                view! {
                                    " "
                                    <span class="badge late">{t.urgent_badge}</span>
                                }
                            })}
                        {d
                            .closure_code
                            .map(|c| {
                                view! {
                                    " "
                                    <span class="badge">
                                        {t.closure_by_unit} {c.label(t.locale())}
                                    </span>
                                }
                            })}
                    </dd>
                    {d
                        .found
                        .as_ref()
                        .map(|f| {
                            view! {
                                <dt>{t.source_fact}</dt>
                                <dd>
                                    {f.source.label(locale)} " · " {f.by.get(locale).to_owned()}
                                </dd>
                            }
                        })}
                    <dt>{t.kind_label}</dt>
                    <dd>{d.kind.label(locale)}</dd>
                    <dt>{t.category_label}</dt>
                    <dd>{d.category.get(locale).to_owned()}</dd>
                    {facts}
                    <dt>{t.place_label}</dt>
                    <dd>{d.place.get(locale).to_owned()} " " {d.address.clone()}</dd>
                    <dt>{t.unit_label}</dt>
                    <dd>{unit}</dd>
                    <dt>{t.respond_by_label}</dt>
                    <dd>{deadline(d.respond_by, status, t)}</dd>
                    <dt>{t.resolve_by_label}</dt>
                    <dd>{deadline(d.resolve_by, status, t)}</dd>
                    <dt>{t.filed_at_label}</dt>
                    <dd>{crate::time::minute(view.created_at)}</dd>
                    <dt>{t.visibility_label}</dt>
                    <dd>{if d.is_public { t.public_yes } else { t.public_no }}</dd>
                    {d
                        .resident_name
                        .clone()
                        .map(|name| {
                            view! {
                                <dt>{t.resident_label}</dt>
                                <dd>{name}</dd>
                            }
                        })}
                    <dt>{t.seconds_label}</dt>
                    <dd>{d.seconds}</dd>
                </dl>
                <h2>{t.description_heading}</h2>
                <p class="description">{d.description.clone()}</p>
                {(!d.photos.is_empty())
                    .then(|| {
                        view! {
                            <h2>{t.photos_heading}</h2>
                            {photo_list(&d.photos, t)}
                        }
                    })}
                {d
                    .found
                    .as_ref()
                    .filter(|f| !f.linked.is_empty())
                    .map(|f| {
                        view! {
                            <h2>{t.linked_heading}</h2>
                            <ul class="linked">
                                {f
                                    .linked
                                    .iter()
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
                    })}
                {summons}
                <Timeline events=d.events />
            }
            .into_any()
        }
    };
    view! {
        <section class="card request">
            // The number stays whole: it is read out over the phone.
            <h1>
                {t.request_title} " " <span class="nowrap">{view.tracking_number.clone()}</span>
            </h1>
            {merged}
            {body}
        </section>
    }
}

/// A request's timeline: its events, internal ones marked (staff see them).
#[component]
fn Timeline(events: Vec<super::EventView>) -> impl IntoView {
    let locale = use_locale();
    let t = RequestTexts::of(locale);
    view! {
        <h2>{t.timeline_heading}</h2>
        <ol class="timeline">
            {events
                .iter()
                .map(|e| {
                    view! {
                        <li class:internal=!e.is_public>
                            <time>{crate::time::minute(e.at)}</time>
                            " "
                            <strong>{event_label(t, &e.kind).to_owned()}</strong>
                            {e
                                .unit
                                .as_ref()
                                .map(|u| {
                                    view! {
                                        " · "
                                        <span class="unit">{u.get(locale).to_owned()}</span>
                                    }
                                })}
                            {e
                                .rating
                                .map(|o| {
                                    view! {
                                        " · "
                                        {t.closed_by_rating}
                                        {o.label(t.locale())}
                                    }
                                })}
                            {(!e.is_public)
                                .then(|| {
                                    view! {
                                        " "
                                        <span class="badge">{t.internal_badge}</span>
                                    }
                                })}
                            {(!e.note.is_empty())
                                .then(|| {
                                    if e.kind == "case_opened" {
                                        let href = format!("/requests/{}", e.note);
                                        // The note is the case's tracking number.
                                        view! {
                                            <p>
                                                <a class="tracking" href=href>
                                                    {e.note.clone()}
                                                </a>
                                            </p>
                                        }
                                            .into_any()
                                    } else {
                                        view! { <p>{e.note.clone()}</p> }.into_any()
                                    }
                                })}
                            {(!e.photos.is_empty()).then(|| photo_list(&e.photos, t))}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// What a resident may do on a request besides rating it: second someone else's ("me too"),
/// add information to their own, withdraw it.
#[component]
pub fn RequestActions(view: RequestView) -> impl IntoView {
    let t = RequestTexts::here();
    let add_error = url_error::<AddInformation>();
    let withdraw_error = url_error::<WithdrawRequest>();
    let second_error = url_error::<SecondRequest>();
    let number = view.tracking_number.clone();
    let (for_add, for_second, for_withdraw) = (number.clone(), number.clone(), number);
    let add_info = view.can_add_info.then(|| view! {
        <section class="card form">
            <h2>{t.add_info_heading}</h2>
            <RequestCheckedForm form=RequestForm::AddInfo action=AddInformation::PATH.to_owned()>
                <p class="form-error" role="alert"></p>
                <input type="hidden" name="number" value=for_add />
                <Field id="note" name="note" label=t.note_label error=add_error>
                    <textarea
                        id="note"
                        name="note"
                        rows="3"
                        maxlength="2000"
                        required
                        aria-describedby="note-error"
                    ></textarea>
                </Field>
                <button type="submit" class="button">
                    {t.add_info_submit}
                </button>
            </RequestCheckedForm>
        </section>
    });
    let second = (view.can_second || view.seconded || second_error.is_some()).then(|| {
        view! {
            <section class="card">
                <p class="form-error" role="alert">
                    {second_error.as_ref().map(|e| error_message(t, e))}
                </p>
                {if view.seconded {
                    view! { <p class="notice-ok">{t.seconded_notice}</p> }.into_any()
                } else {
                    view! {
                        <form method="post" action=SecondRequest::PATH>
                            <input type="hidden" name="number" value=for_second.clone() />
                            <button type="submit" class="button">
                                {t.second_button}
                            </button>
                        </form>
                    }
                        .into_any()
                }}
            </section>
        }
    });
    let withdraw = view.can_withdraw.then(|| {
        view! {
            <section class="card">
                <h2>{t.withdraw_heading}</h2>
                <p>{t.withdraw_text}</p>
                <p class="form-error" role="alert">
                    {withdraw_error.as_ref().map(|e| error_message(t, e))}
                </p>
                <form method="post" action=WithdrawRequest::PATH>
                    <input type="hidden" name="number" value=for_withdraw />
                    <button type="submit" class="button secondary">
                        {t.withdraw_button}
                    </button>
                </form>
            </section>
        }
    });
    view! {
        {second}
        {add_info}
        {withdraw}
    }
}

/// `/requests/mine?status=…&before=…`: the signed-in resident's requests, newest first.
#[component]
pub fn MyRequestsPage() -> impl IntoView {
    let t = RequestTexts::here();
    let query = use_query_map();
    let status = move || query.read().get("status").filter(|s| !s.is_empty());
    let before = move || {
        query
            .read()
            .get("before")
            .and_then(|b| b.parse::<RequestId>().ok())
    };
    let page = Resource::new(move || (status(), before()), |(s, b)| my_requests(s, b));
    view! {
        <Title text=t.mine_title />
        <section class="card">
            <h1>{t.mine_title}</h1>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    let chosen = status();
                    match page.await {
                        Err(AppError::Unauthorized) => {
                            Ok(crate::components::fallbacks::sign_in_first())
                        }
                        Err(other) => Err(other),
                        Ok(page) => Ok(view! { <MineList page chosen /> }.into_any()),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A request's tracking number, linking to its page, and its status.
fn number_and_status(number: &str, status: Status, t: &'static RequestTexts) -> impl IntoView {
    view! {
        <a href=format!("/requests/{number}") class="tracking">
            {number.to_owned()}
        </a>
        " "
        {badge(status, t)}
    }
}

/// The signed-in resident's own requests, one line each (or `empty` when there are none).
pub(crate) fn mine_lines(items: Vec<super::MineItem>, empty: &'static str) -> AnyView {
    let locale = use_locale();
    let t = RequestTexts::of(locale);
    if items.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ul class="request-list">
            {items
                .into_iter()
                .map(|item| {
                    view! {
                        <li>
                            {number_and_status(&item.tracking_number, item.status, t)}
                            <p class="summary">
                                {item.category.get(locale).to_owned()} " · " {item.summary.clone()}
                            </p>
                            <p class="deadlines">
                                {t.respond_by_label} ": "
                                {deadline(item.respond_by, item.status, t)}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn MineList(page: super::MinePage, chosen: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let t = RequestTexts::of(locale);
    let next = page.next.map(|before| {
        let status = chosen.clone().unwrap_or_default();
        view! {
            <p>
                <a href=format!("/requests/mine?status={status}&before={before}")>{t.older}</a>
            </p>
        }
    });
    let items = mine_lines(page.items, t.mine_empty);
    view! {
        <form method="get" action="/requests/mine" class="filter">
            <label for="status">{t.status_filter_label}</label>
            <select id="status" name="status">
                <option value="">{t.all_statuses}</option>
                {Status::ALL
                    .iter()
                    .map(|s| {
                        let selected = chosen.as_deref() == Some(s.as_str());
                        view! {
                            <option value=s.as_str() selected=selected>
                                {s.label(t.locale())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="button secondary">
                {t.filter}
            </button>
        </form>
        {items}
        {next}
        <p>
            <a class="button" href="/requests/new">
                {t.nav_file}
            </a>
        </p>
    }
}

/// `/lookup?number=…`: find a request by its tracking number, signed in or not.
#[component]
pub fn LookupPage() -> impl IntoView {
    let t = RequestTexts::here();
    let query = use_query_map();
    let typed = query.read_untracked().get("number").unwrap_or_default();
    let typed_tail = query.read_untracked().get("tail").unwrap_or_default();
    let parsed = (!typed.trim().is_empty()).then(|| {
        let number = super::parse_tracking_number(&typed)?;
        let tail = (!typed_tail.trim().is_empty())
            .then(|| super::parse_phone_tail(&typed_tail))
            .transpose()?;
        Ok::<_, AppError>(match tail {
            Some(tail) => format!("/requests/{number}?tail={tail}"),
            None => format!("/requests/{number}"),
        })
    });
    let (redirect, error) = match parsed {
        Some(Ok(path)) => (Some(path), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    view! {
        <Title text=t.lookup_title />
        {redirect.map(|path| view! { <Redirect path /> })}
        <section class="card form">
            <h1>{t.lookup_title}</h1>
            <p>{t.lookup_intro}</p>
            <form method="get" action="/lookup">
                <label for="number">{t.number_label}</label>
                <input
                    id="number"
                    name="number"
                    value=typed
                    inputmode="numeric"
                    required
                    aria-describedby="number-error"
                />
                <p class="field-error" id="number-error">
                    {field_message(t, &error, "number")}
                </p>
                <label for="tail">{t.tail_label}</label>
                <input
                    id="tail"
                    name="tail"
                    value=typed_tail
                    inputmode="numeric"
                    maxlength="4"
                    autocomplete="off"
                    aria-describedby="tail-hint tail-error"
                />
                <p class="hint" id="tail-hint">
                    {t.tail_hint}
                </p>
                <p class="field-error" id="tail-error">
                    {field_message(t, &error, "tail")}
                </p>
                <button type="submit" class="button">
                    {t.lookup_submit}
                </button>
            </form>
        </section>
    }
}

/// Lines of public requests, each linking to its page.
#[component]
fn PublicList(items: Vec<PublicItem>) -> impl IntoView {
    let locale = use_locale();
    let t = RequestTexts::of(locale);
    view! {
        <ul class="request-list">
            {items
                .into_iter()
                .map(|item| {
                    view! {
                        <li>
                            {number_and_status(&item.tracking_number, item.status, t)}
                            <p class="summary">
                                {item.category.get(locale).to_owned()} " · "
                                {item.place.get(locale).to_owned()}
                            </p> <p>{item.summary.clone()}</p>
                            <p class="meta">
                                {crate::time::minute(item.created_at)} " · " {t.seconds_label} " "
                                {item.seconds}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// `/requests?district=…&street=…&category=…&status=…&before=…`: public requests, newest
/// first. Every filter is a plain GET form (choosing a district offers its streets after
/// reloading).
#[component]
pub fn PublicRequestsPage() -> impl IntoView {
    let t = RequestTexts::here();
    let query = use_query_map();
    let get = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let page = Resource::new(
        move || {
            (
                get("district"),
                get("street"),
                get("category"),
                get("status"),
                get("before"),
            )
        },
        |(d, s, c, st, b)| public_requests(d, s, c, st, b.and_then(|b| b.parse().ok())),
    );
    let categories = Resource::new(|| (), |()| list_categories());
    view! {
        <Title text=t.public_title />
        <section class="card">
            <h1>{t.public_title}</h1>
            <p>{t.public_intro}</p>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || Suspend::new(async move {
                    let chosen = PublicFilters {
                        district: get("district"),
                        street: get("street"),
                        category: get("category"),
                        status: get("status"),
                    };
                    let places = load_places(chosen.district.clone(), None).await?;
                    let categories = categories.await?;
                    let page = page.await?;
                    Ok::<_, AppError>(view! { <PublicSections chosen places categories page /> })
                })}
            </Suspense>
        </section>
    }
}

/// The public list's filters as chosen (codes and a status name).
#[derive(Debug, Clone, Default)]
struct PublicFilters {
    district: Option<String>,
    street: Option<String>,
    category: Option<String>,
    status: Option<String>,
}

impl PublicFilters {
    /// The list's address with these filters and `before`.
    fn href(&self, before: RequestId) -> String {
        let part = |key: &str, v: &Option<String>| {
            v.as_ref()
                .map(|v| format!("{key}={v}&"))
                .unwrap_or_default()
        };
        format!(
            "/requests?{}{}{}{}before={before}",
            part("district", &self.district),
            part("street", &self.street),
            part("category", &self.category),
            part("status", &self.status)
        )
    }
}

#[component]
fn PublicSections(
    chosen: PublicFilters,
    places: Places,
    categories: Vec<Category>,
    page: super::PublicPage,
) -> impl IntoView {
    let locale = use_locale();
    let t = RequestTexts::of(locale);
    let next = page.next.map(|before| {
        view! {
            <p>
                <a href=chosen.href(before)>{t.next_page}</a>
            </p>
        }
    });
    let streets = (!places.streets.is_empty()).then(|| {
        view! {
            <label for="street">{t.street_label}</label>
            <select id="street" name="street">
                <option value="">{t.any_street}</option>
                {places
                    .streets
                    .iter()
                    .map(|a| {
                        let selected = chosen.street.as_deref() == Some(a.code.as_str());
                        view! {
                            <option value=a.code.clone() selected=selected>
                                {a.name(locale).to_owned()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
    });
    let items = if page.items.is_empty() {
        view! { <p>{t.public_empty}</p> }.into_any()
    } else {
        view! { <PublicList items=page.items /> }.into_any()
    };
    view! {
        <form method="get" action="/requests" class="filter">
            <label for="district">{t.district_label}</label>
            <select id="district" name="district">
                <option value="">{t.any_district}</option>
                {places
                    .districts
                    .iter()
                    .map(|a| {
                        let selected = chosen.district.as_deref() == Some(a.code.as_str());
                        view! {
                            <option value=a.code.clone() selected=selected>
                                {a.name(locale).to_owned()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {streets}
            <label for="category">{t.category_label}</label>
            <select id="category" name="category">
                <option value="">{t.any_category}</option>
                {categories
                    .iter()
                    .map(|c| {
                        let selected = chosen.category.as_deref() == Some(c.code.as_str());
                        let name = if c.parent_code.is_some() {
                            format!("\u{3000}{}", c.name(locale))
                        } else {
                            c.name(locale).to_owned()
                        };
                        // Leaves indented under their group (an ideographic space).
                        view! {
                            <option value=c.code.clone() selected=selected>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <label for="status">{t.status_label}</label>
            <select id="status" name="status">
                <option value="">{t.all_statuses}</option>
                {Status::ALL
                    .iter()
                    .map(|s| {
                        let selected = chosen.status.as_deref() == Some(s.as_str());
                        view! {
                            <option value=s.as_str() selected=selected>
                                {s.label(t.locale())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="button secondary">
                {t.filter}
            </button>
        </form>
        {items}
        {next}
    }
}
