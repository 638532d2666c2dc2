//! `/volunteers`: for a resident, how they serve their community, the forms to offer, and the
//! coming duty shifts to sign up for; for area staff, the roles to decide on, the stewards to
//! appoint, the rosters to post and how the coming shifts are covered. Plain forms, checked
//! in the browser once hydrated.

pub mod organisations;

use super::api::{
    read_my_volunteering, read_staff_volunteering, AppointSteward, ChooseBoard, ConfirmFix,
    DecideVolunteer, OfferToServe, PostRoster, ShiftCheck, ShiftSignUp, NEED_FORM, ROSTER_FORM,
};
use super::forms::{VolunteerCheckedForm, VolunteerForm};
use super::organisations::api::{read_organisations, ORGANISATION_FORM};
use super::organisations::OrganisationsSeen;
use super::{
    CommunityFigures, MyVolunteering, RoleView, ShiftView, StaffVolunteering, ToConfirm,
    VolunteerKind, VolunteerStatus, VolunteerTexts,
};
use crate::accounts::api::typed_values;
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::components::{Field, TableScroll};
use crate::error::{field_message, AppError};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What `/volunteers` shows, by who is looking.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Seen {
    Resident(MyVolunteering),
    Staff(StaffVolunteering),
}

/// What was typed into a form before the server refused it: (field, value).
type Typed = Vec<(String, String)>;

/// Everything `/volunteers` reads, in one resource created with the page (a resource created
/// inside a suspended part of a server render may run without the request's context).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Loaded {
    seen: Seen,
    organisations: Option<OrganisationsSeen>,
    /// What was typed into the forms the server last refused: (form, fields).
    kept: Vec<(String, Typed)>,
}

impl Loaded {
    fn kept(&self, form: &str) -> Typed {
        self.kept
            .iter()
            .find(|(f, _)| *f == form)
            .map(|(_, kept)| kept.clone())
            .unwrap_or_default()
    }
}

async fn load() -> Result<Loaded, AppError> {
    let seen = match read_my_volunteering().await {
        Err(AppError::Forbidden) => read_staff_volunteering().await.map(Seen::Staff),
        other => other.map(Seen::Resident),
    }?;
    let organisations = read_organisations().await.ok();
    let mut kept = Vec::new();
    for form in [ROSTER_FORM, NEED_FORM, ORGANISATION_FORM] {
        let typed = typed_values(form.to_owned()).await.unwrap_or_default();
        kept.push((form.to_owned(), typed));
    }
    Ok(Loaded {
        seen,
        organisations,
        kept,
    })
}

/// `/volunteers?done=…`.
#[component]
pub fn VolunteersPage() -> impl IntoView {
    let t = VolunteerTexts::here();
    let seen = Resource::new(|| (), |()| load());
    let done = use_query_map().read_untracked().get("done");
    view! {
        <Title text=t.volunteers_title />
        <section class="card form volunteers">
            <h1>{t.volunteers_title}</h1>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || {
                    let done = done.clone();
                    Suspend::new(async move {
                        let seen = match seen.await {
                            Err(AppError::Unauthorized) => {
                                return Ok(
                                    // Signed out: what it is, and the way in.
                                    view! { <SignedOut /> }
                                        .into_any(),
                                );
                            }
                            other => other,
                        };
                        let loaded = match gate(seen, Some(t.volunteers_staff_only))? {
                            Ok(loaded) => loaded,
                            Err(instead) => return Ok(instead),
                        };
                        let kept = (
                            loaded.kept(ROSTER_FORM),
                            loaded.kept(NEED_FORM),
                            loaded.kept(ORGANISATION_FORM),
                        );
                        Ok::<
                            _,
                            AppError,
                        >(
                            view! {
                                <Done done />
                                {match loaded.seen {
                                    Seen::Resident(mine) => view! { <Mine mine /> }.into_any(),
                                    Seen::Staff(list) => {
                                        view! { <Staff list kept=(kept.0, kept.1) /> }.into_any()
                                    }
                                }}
                                {loaded
                                    .organisations
                                    .map(|seen| {
                                        view! {
                                            <organisations::OrganisationsPart seen kept=kept.2 />
                                        }
                                    })}
                            }
                                .into_any(),
                        )
                    })
                }}
            </Suspense>
        </section>
    }
}

/// For a visitor: what volunteering is, and signing in to take part.
#[component]
fn SignedOut() -> impl IntoView {
    let t = VolunteerTexts::here();
    view! {
        <p class="hint">{t.volunteers_intro}</p>
        <p>{t.volunteers_signed_out}</p>
        <p>
            <a class="button" href="/sign-in">
                {t.sign_in}
            </a>
        </p>
    }
}

/// The line that says what was just done.
#[component]
fn Done(done: Option<String>) -> impl IntoView {
    let t = VolunteerTexts::here();
    let said = match done.as_deref() {
        Some("asked") => t.done_asked,
        Some("signed") => t.done_signed,
        Some("cancelled") => t.done_cancelled,
        Some("decided") => t.done_decided,
        Some("appointed") => t.done_appointed,
        Some("roster") => t.done_roster,
        Some("checked_in") => t.done_checked_in,
        Some("checked_out") => t.done_checked_out,
        Some("confirmed") => t.done_confirmed,
        Some("need") => t.done_need,
        Some("board_on") => t.done_board_on,
        Some("board_off") => t.done_board_off,
        Some(other) => match organisations::done(other) {
            Some(said) => said,
            None => return ().into_any(),
        },
        None => return ().into_any(),
    };
    view! {
        <p class="notice-ok" role="status">
            {said}
        </p>
    }
    .into_any()
}

/// One role: its kind, where it stands, where and what.
#[component]
fn Role(role: RoleView) -> impl IntoView {
    let locale = use_locale();
    let t = VolunteerTexts::of(locale);
    let who = role.resident.map(|(name, phone)| {
        view! {
            <strong>{name}</strong>
            " "
            {phone}
            " · "
        }
    });
    view! {
        <p>
            {who}
            <span class=format!(
                "badge volunteer-{}",
                role.status.as_str(),
            )>{role.status.label(locale)}</span> " " {role.kind.label(locale)} " · "
            <a href=format!(
                "/volunteers/areas/{}",
                role.community_code,
            )>{role.community.get(locale).to_owned()}</a>
        </p>
        {role.patch.map(|p| view! { <p>{t.role_patch} {p}</p> })}
        {role.starts_on.map(|d| view! { <p>{t.role_starts_on} {d}</p> })}
        {role.organisation.map(|o| view! { <p>{t.role_organisation} {o}</p> })}
        {role.reason.map(|r| view! { <p>{t.role_reason} {r}</p> })}
    }
}

#[component]
fn Mine(mine: MyVolunteering) -> impl IntoView {
    let t = VolunteerTexts::here();
    let error = url_error::<OfferToServe>();
    let serves = mine
        .roles
        .iter()
        .any(|r| r.status == VolunteerStatus::Active);
    let join = mine.can_join.then(|| {
        view! {
            <h2>{t.join_heading}</h2>
            <VolunteerCheckedForm form=VolunteerForm::Offer action=OfferToServe::PATH.to_owned()>
                <p class="form-error" role="alert"></p>
                <input type="hidden" name="kind" value=VolunteerKind::Volunteer.as_str() />
                <input type="hidden" name="organisation" value="" />
                <p class="hint">{t.join_hint}</p>
                <p class="field-error" id="kind-error"></p>
                <button type="submit" class="button">
                    {t.join_button}
                </button>
            </VolunteerCheckedForm>
        }
    });
    let report = mine.can_report.then(|| {
        view! {
            <h2>{t.report_heading}</h2>
            <VolunteerCheckedForm form=VolunteerForm::Offer action=OfferToServe::PATH.to_owned()>
                <p class="form-error" role="alert"></p>
                <input type="hidden" name="kind" value=VolunteerKind::PartyMember.as_str() />
                <p class="hint">{t.report_hint}</p>
                <Field
                    id="v-organisation"
                    name="organisation"
                    label=t.organisation_label
                    error=error.clone()
                >
                    <input
                        id="v-organisation"
                        name="organisation"
                        autocomplete="organization"
                        aria-describedby="organisation-error"
                    />
                </Field>
                <p class="field-error" id="kind-error">
                    {field_message(t, &error, "kind")}
                </p>
                <button type="submit" class="button">
                    {t.report_button}
                </button>
            </VolunteerCheckedForm>
        }
    });
    let (shifts, minutes, no_shows) = mine.served;
    let served = (shifts > 0 || no_shows > 0).then(|| {
        let hours = hours(minutes);
        view! {
            <h2>{t.served_heading}</h2>
            <p class="served">{(t.served_line)(&shifts, &hours, &no_shows)}</p>
        }
    });
    let (needs, duty): (Vec<_>, Vec<_>) =
        mine.shifts.into_iter().partition(|s| s.details.is_some());
    let board = serves.then(|| view! { <BoardChoice shown=mine.recognised /> });
    view! {
        <p class="hint">{t.volunteers_intro}</p>
        <h2>{t.my_roles_heading}</h2>
        <RoleList roles=mine.roles staff=false empty=t.my_roles_none />
        {mine.steward.then(|| view! { <Steward to_confirm=mine.to_confirm /> })}
        {served}
        {board}
        {join}
        {report}
        {if serves {
            let error = url_error::<ShiftSignUp>().or_else(url_error::<ShiftCheck>);
            // A refused sign-up or check, said once above both lists (the form says it too).
            view! {
                <p class="field-error" id="shift-error">
                    {field_message(t, &error, "shift")}
                </p>
                <h2 id="needs">{t.needs_heading}</h2>
                <Needs needs staff=false />
                <h2 id="shifts">{t.shifts_heading}</h2>
                <Shifts shifts=duty staff=false />
            }
                .into_any()
        } else {
            view! {
                <h2 id="shifts">{t.shifts_heading}</h2>
                <p>{t.shifts_serve_first}</p>
            }
                .into_any()
        }}
    }
}

/// Whether the resident is on the recognition board, and the button to change it.
#[component]
fn BoardChoice(shown: bool) -> impl IntoView {
    let t = VolunteerTexts::here();
    let (said, button, value) = if shown {
        (t.board_mine_on, t.board_leave_button, "")
    } else {
        (t.board_mine_off, t.board_join_button, "1")
    };
    view! {
        <h2 id="board">{t.board_heading}</h2>
        <VolunteerCheckedForm form=VolunteerForm::Board action=ChooseBoard::PATH.to_owned()>
            <p class="form-error" role="alert"></p>
            <p class="hint">{said}</p>
            <input type="hidden" name="shown" value=value />
            <button type="submit" class="button secondary">
                {button}
            </button>
        </VolunteerCheckedForm>
    }
}

/// A lane steward's part: reporting from their patch, and confirming fixes on site.
#[component]
fn Steward(to_confirm: Vec<ToConfirm>) -> impl IntoView {
    let locale = use_locale();
    let t = VolunteerTexts::of(locale);
    let error = url_error::<ConfirmFix>();
    let list = if to_confirm.is_empty() {
        view! { <p>{t.to_confirm_none}</p> }.into_any()
    } else {
        view! {
            <ul class="confirm-list">
                {to_confirm
                    .into_iter()
                    .map(|r| {
                        let href = format!("/requests/{}", r.number);
                        let number = r.number.clone();
                        let form = if r.confirmed {
                            view! { <span class="badge">{t.confirmed_already}</span> }.into_any()
                        } else {
                            let photo_id = format!("fix-photo-{}", r.number);
                            let note_id = format!("fix-note-{}", r.number);
                            view! {
                                <VolunteerCheckedForm
                                    form=VolunteerForm::Fix
                                    action=ConfirmFix::PATH.to_owned()
                                    multipart=true
                                >
                                    <input type="hidden" name="number" value=number />
                                    <p class="form-error" role="alert"></p>
                                    <label for=photo_id.clone()>{t.confirm_photo_label}</label>
                                    <input
                                        id=photo_id
                                        name="photos"
                                        type="file"
                                        accept="image/jpeg,image/png,image/webp"
                                        capture="environment"
                                        data-max-bytes=crate::requests::max_photo_bytes()
                                        aria-describedby="photos-error"
                                    />
                                    <label for=note_id.clone()>{t.confirm_note_label}</label>
                                    <input id=note_id name="note" aria-describedby="note-error" />
                                    <button type="submit" class="button">
                                        {t.confirm_fix_button}
                                    </button>
                                </VolunteerCheckedForm>
                            }
                                .into_any()
                        };
                        view! {
                            <li>
                                <p>
                                    <a class="tracking" href=href>
                                        {r.number}
                                    </a>
                                    " · "
                                    {r.category.get(locale).to_owned()}
                                    " · "
                                    {r.address.clone()}
                                </p>
                                {form}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2>{t.steward_heading}</h2>
        <p>
            <a class="button" href="/requests/new?source=patrol">
                {t.steward_report_link}
            </a>
        </p>
        <h3 id="to-confirm">{t.to_confirm_heading}</h3>
        <p class="hint">{t.to_confirm_hint}</p>
        {["photos", "note", "fix", "status"]
            .map(|field| {
                view! {
                    <p class="field-error" id=format!("{field}-error")>
                        {field_message(t, &error, field)}
                    </p>
                }
            })}
        {list}
    }
}

/// `2026-12-07 周一 07:00–09:00`: a shift's day and hours in Beijing time.
fn shift_when(shift: &ShiftView, t: &VolunteerTexts) -> String {
    use crate::time::{clock, day, weekday};
    let on = (t.weekday_names)(weekday(shift.starts_at) as usize);
    let (from, to) = (clock(shift.starts_at), clock(shift.ends_at));
    format!("{} {on} {from}–{to}", day(shift.starts_at))
}

/// The coming shifts: when, where, how covered; for a resident the sign-up button, for staff
/// who signed up.
#[component]
fn Shifts(shifts: Vec<ShiftView>, staff: bool) -> impl IntoView {
    let locale = use_locale();
    let t = VolunteerTexts::of(locale);
    if shifts.is_empty() {
        return view! { <p>{t.shifts_none}</p> }.into_any();
    }
    // One block per roster, in the order of its next shift.
    let mut rosters: Vec<Vec<ShiftView>> = Vec::new();
    for shift in shifts {
        match rosters.iter_mut().find(|r| r[0].roster == shift.roster) {
            Some(roster) => roster.push(shift),
            None => rosters.push(vec![shift]),
        }
    }
    view! {
        {rosters
            .into_iter()
            .map(|shifts| {
                let first = &shifts[0];
                let heading = first.title.clone();
                let place = format!("{} · {}", first.place, first.community.get(locale));
                let details = first.details.clone().map(|d| view! { <p>{d}</p> });
                view! {
                    <section class="roster">
                        <h3>{heading}</h3>
                        {details}
                        <p class="hint">{place}</p>
                        <ul class="shift-list">
                            {shifts
                                .into_iter()
                                .map(|s| view! { <ShiftRow s staff /> })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()}
    }
    .into_any()
}

/// The community's needs: as shifts, each with what it needs.
#[component]
fn Needs(needs: Vec<ShiftView>, staff: bool) -> impl IntoView {
    let t = VolunteerTexts::here();
    if needs.is_empty() {
        view! { <p>{t.needs_none}</p> }.into_any()
    } else {
        view! { <Shifts shifts=needs staff /> }.into_any()
    }
}

/// One shift: when, how covered, the viewer's part; for staff, who signed up.
#[component]
fn ShiftRow(s: ShiftView, staff: bool) -> impl IntoView {
    let t = VolunteerTexts::here();
    let when = shift_when(&s, t);
    let cover = if s.covered() {
        view! { <span class="badge shift-covered">{t.shift_covered}</span> }.into_any()
    } else {
        view! { <span class="badge shift-short">{(t.shift_short)(&(s.places - s.taken))}</span> }
            .into_any()
    };
    let mark = s.mine.then(|| {
        let mark = if s.checked_out {
            t.shift_checked_out
        } else if s.checked_in {
            t.shift_checked_in
        } else {
            t.shift_mine
        };
        view! {
            " "
            <span class="badge">{mark}</span>
        }
    });
    let action = if staff { None } else { resident_action(&s, t) };
    let names =
        (staff && !s.names.is_empty()).then(|| view! { <p>{t.shift_who} {s.names.join("、")}</p> });
    view! {
        <li class="shift" data-shift=s.id.to_string()>
            <p>
                <time>{when}</time>
            </p>
            <p>{(t.shift_places)(&s.taken, &s.places)} " " {cover} {mark}</p>
            {names}
            {action}
        </li>
    }
}

/// What a resident may do with a shift now: check in or out on site, or sign up or cancel
/// before it begins.
fn resident_action(s: &ShiftView, t: &'static VolunteerTexts) -> Option<AnyView> {
    let id = s.id.to_string();
    let form = move |action: String,
                     field: &'static str,
                     value: &'static str,
                     label: &'static str,
                     class: &'static str| {
        view! {
            <VolunteerCheckedForm form=VolunteerForm::Shift action>
                <input type="hidden" name="shift" value=id.clone() />
                <input type="hidden" name=field value=value />
                <p class="form-error" role="alert"></p>
                <button type="submit" class=class>
                    {label}
                </button>
            </VolunteerCheckedForm>
        }
        .into_any()
    };
    let check = ShiftCheck::PATH.to_owned();
    let sign = ShiftSignUp::PATH.to_owned();
    if s.can_check_in {
        Some(form(check, "out", "", t.shift_check_in, "button"))
    } else if s.can_check_out {
        Some(form(check, "out", "1", t.shift_check_out, "button"))
    } else if s.upcoming && s.mine {
        Some(form(
            sign,
            "cancel",
            "1",
            t.shift_cancel,
            "button secondary",
        ))
    } else if s.upcoming && !s.covered() {
        Some(form(sign, "cancel", "", t.shift_sign_up, "button"))
    } else {
        None
    }
}

/// One decision form posting to `action` about `id`: `decision`, with a reason when it needs
/// one.
fn decision_form(
    action: &'static str,
    id: String,
    decision: &'static str,
    button: &'static str,
    reason: Option<&'static str>,
) -> impl IntoView {
    // Unique on the page, where roles and organisations may share an id.
    let what = action.rsplit('/').next().unwrap_or_default();
    let reason_id = format!("reason-{what}-{decision}-{id}");
    view! {
        <VolunteerCheckedForm form=VolunteerForm::Decide action=action.to_owned()>
            <input type="hidden" name="id" value=id />
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
        </VolunteerCheckedForm>
    }
}

/// Roles, each with the decisions its status allows when `staff` look; `empty` when there
/// are none.
#[component]
fn RoleList(roles: Vec<RoleView>, staff: bool, empty: &'static str) -> impl IntoView {
    let t = VolunteerTexts::here();
    if roles.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ul class="volunteer-list">
            {roles
                .into_iter()
                .map(|role| {
                    let forms = staff
                        .then(|| {
                            decisions(DecideVolunteer::PATH, role.id.to_string(), role.status, t)
                        });
                    view! {
                        <li>
                            <Role role />
                            {forms}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The decisions (posted to `action`) on a role or an organisation `id` of `status`:
/// confirming what waits (declining it, which needs a reason, folded beside), ending what
/// serves (folded: it is rarer, and needs a reason).
pub fn decisions(
    action: &'static str,
    id: String,
    status: VolunteerStatus,
    t: &'static VolunteerTexts,
) -> AnyView {
    let folded = |decision, button, reason| {
        view! {
            <details class="decision">
                <summary>{button}</summary>
                {decision_form(action, id.clone(), decision, button, Some(reason))}
            </details>
        }
    };
    match status {
        VolunteerStatus::Pending => view! {
            <div class="decisions">
                {decision_form(action, id.clone(), "confirm", t.confirm_button, None)}
                {folded("decline", t.decline_button, t.decline_reason)}
            </div>
        }
        .into_any(),
        VolunteerStatus::Active => {
            view! { <div class="decisions">{folded("end", t.end_button, t.end_reason)}</div> }
                .into_any()
        }
        VolunteerStatus::Declined | VolunteerStatus::Ended => ().into_any(),
    }
}

/// `kept`: what was typed into the roster and need forms before a refusal.
#[component]
fn Staff(list: StaffVolunteering, kept: (Typed, Typed)) -> impl IntoView {
    let locale = use_locale();
    let t = VolunteerTexts::of(locale);
    let (pending, serving) = (list.pending.len(), list.serving.len());
    let figures_hint =
        (!list.figures.is_empty()).then(|| view! { <p class="hint">{t.figures_hint}</p> });
    let manage = (!list.communities.is_empty()).then(|| {
        let communities = list.communities.clone();
        view! {
            <AppointForm communities=communities.clone() />
            <h2>{t.roster_heading}</h2>
            <RosterFields communities=communities.clone() kept=kept.0 />
            <h2>{t.need_heading}</h2>
            <NeedFields communities kept=kept.1 />
        }
    });
    let (needs, duty): (Vec<_>, Vec<_>) =
        list.shifts.into_iter().partition(|s| s.details.is_some());
    let page = list.area_page.map(|code| {
        view! {
            <p>
                <a href=format!("/volunteers/areas/{code}")>{t.area_page_link}</a>
            </p>
        }
    });
    view! {
        <p class="hint">{(t.staff_intro)(&list.area.get(locale))}</p>
        {page}
        <h2>{(t.pending_heading)(&pending)}</h2>
        <RoleList roles=list.pending staff=true empty=t.none />
        <h2>{(t.serving_heading)(&serving)}</h2>
        <RoleList roles=list.serving staff=true empty=t.none />
        <h2 id="shifts">{t.shifts_heading}</h2>
        <Shifts shifts=duty staff=true />
        <h2 id="needs">{t.needs_heading}</h2>
        <Needs needs staff=true />
        {manage}
        <Figures heading=(t.figures_heading)(&list.month) figures=list.figures />
        {figures_hint}
    }
}

/// Figures per community under `heading`, from the rollups, each linking to its page.
#[component]
pub fn Figures(heading: String, figures: Vec<CommunityFigures>) -> impl IntoView {
    let locale = use_locale();
    let t = VolunteerTexts::of(locale);
    if figures.is_empty() {
        return ().into_any();
    }
    let rows = figures
        .into_iter()
        .map(|f| {
            let covered = f.covered_percent().map_or_else(
                || "—".to_owned(),
                |p| format!("{p}% ({}/{})", f.covered, f.shifts),
            );
            let hours = hours(f.minutes);
            view! {
                <tr>
                    <th scope="row" class="name">
                        <a href=format!(
                            "/volunteers/areas/{}",
                            f.code,
                        )>{f.name.get(locale).to_owned()}</a>
                    </th>
                    <td>{f.stewards}</td>
                    <td>{f.volunteers}</td>
                    <td>{f.party_members}</td>
                    <td>{f.organisations}</td>
                    <td>{covered}</td>
                    <td>{hours}</td>
                    <td>{f.no_shows}</td>
                    <td>{format!("{} / {}", f.steward_cases, f.steward_cases_settled)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="figures">{heading}</h2>
        <TableScroll label=t.figures_label>
            <table class="figures">
                <thead>
                    <tr>
                        <th scope="col" class="name">
                            {t.col_community}
                        </th>
                        <th scope="col">{t.col_stewards}</th>
                        <th scope="col">{t.col_volunteers}</th>
                        <th scope="col">{t.col_party}</th>
                        <th scope="col">{t.col_organisations}</th>
                        <th scope="col">{t.col_covered}</th>
                        <th scope="col">{t.col_hours}</th>
                        <th scope="col">{t.col_no_shows}</th>
                        <th scope="col">{t.col_cases}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

/// Hours to one decimal place.
pub fn hours(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

/// The community field: a choice among several, or the one there is.
fn community_field(
    communities: &[(String, crate::requests::Names)],
    chosen: &str,
    id: &'static str,
    error: Option<AppError>,
) -> impl IntoView {
    let locale = use_locale();
    let t = VolunteerTexts::of(locale);
    match communities {
        [(code, _)] => {
            view! { <input type="hidden" name="community" value=code.clone() /> }.into_any()
        }
        _ => {
            let options = communities
                .iter()
                .map(|(code, names)| {
                    view! {
                        <option value=code.clone() selected=chosen == code>
                            {names.get(locale).to_owned()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <Field id name="community" label=t.community_label error>
                    <select id=id name="community" aria-describedby="community-error">
                        {options}
                    </select>
                </Field>
            }
            .into_any()
        }
    }
}

/// Today's date in Beijing, as a `date` field's value.
fn today() -> String {
    day_after(0)
}

/// The date `days` after today in Beijing, as a `date` field's value.
fn day_after(days: i64) -> String {
    crate::time::day(chrono::Utc::now().timestamp() + days * 86_400)
}

#[component]
fn AppointForm(communities: Vec<(String, crate::requests::Names)>) -> impl IntoView {
    let t = VolunteerTexts::here();
    let e = url_error::<AppointSteward>();
    let community = community_field(&communities, "", "a-community", e.clone());
    view! {
        <h2>{t.appoint_heading}</h2>
        <VolunteerCheckedForm form=VolunteerForm::Appoint action=AppointSteward::PATH.to_owned()>
            <p class="form-error" role="alert"></p>
            <p class="hint">{t.appoint_hint}</p>
            {community}
            <Field id="a-phone" name="phone" label=t.phone_label error=e.clone()>
                <input
                    id="a-phone"
                    name="phone"
                    type="tel"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-describedby="phone-error"
                />
            </Field>
            <Field id="a-patch" name="patch" label=t.patch_label error=e.clone()>
                <input id="a-patch" name="patch" aria-describedby="patch-error" />
            </Field>
            <Field id="a-starts-on" name="starts_on" label=t.starts_on_label error=e.clone()>
                <input
                    id="a-starts-on"
                    name="starts_on"
                    type="date"
                    value=today()
                    aria-describedby="starts_on-error"
                />
            </Field>
            <button type="submit" class="button">
                {t.appoint_button}
            </button>
        </VolunteerCheckedForm>
    }
}

/// A field of the need form: its ids are its own (`n-<name>`), as the roster form above has
/// fields of the same names; its refusal shows in `data-error-of`.
fn need_field(
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
    error: &Option<AppError>,
) -> impl IntoView {
    let t = VolunteerTexts::here();
    let id = format!("n-{name}");
    let error_id = format!("n-{name}-error");
    let input = if kind == "textarea" {
        view! {
            <textarea id=id.clone() name=name rows="3" aria-describedby=error_id.clone()>
                {value}
            </textarea>
        }
        .into_any()
    } else {
        view! { <input id=id.clone() name=name type=kind value=value aria-describedby=error_id.clone() /> }
            .into_any()
    };
    view! {
        <label for=id>{label}</label>
        {input}
        <p class="field-error" id=error_id data-error-of=name>
            {field_message(t, error, name)}
        </p>
    }
}

/// The need form's fields, as typed before a refusal (`kept`) or with their defaults.
#[component]
fn NeedFields(
    communities: Vec<(String, crate::requests::Names)>,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let t = VolunteerTexts::here();
    // Only the form refused shows the refusal (the roster form posts to the same place).
    let e = (!kept.is_empty()).then(url_error::<PostRoster>).flatten();
    let v = |name: &str, default: &str| {
        kept.iter()
            .find(|(k, _)| k == name)
            .map_or_else(|| default.to_owned(), |(_, v)| v.clone())
    };
    let community = match communities.as_slice() {
        [(code, _)] => {
            view! { <input type="hidden" name="community" value=code.clone() /> }.into_any()
        }
        _ => {
            let chosen = v("community", "");
            let locale = use_locale();
            view! {
                <label for="n-community">{t.community_label}</label>
                <select id="n-community" name="community">
                    {communities
                        .iter()
                        .map(|(code, names)| {
                            view! {
                                <option value=code.clone() selected=chosen == *code>
                                    {names.get(locale).to_owned()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="field-error" data-error-of="community">
                    {field_message(t, &e, "community")}
                </p>
            }
            .into_any()
        }
    };
    let fields = view! {
        {need_field("title", t.need_title_label, "text", v("title", ""), &e)}
        {need_field("details", t.details_label, "textarea", v("details", ""), &e)}
        {need_field("place", t.place_label, "text", v("place", ""), &e)}
        {need_field("day", t.day_label, "date", v("day", &day_after(1)), &e)}
        {need_field("starts", t.starts_label, "time", v("starts", "09:00"), &e)}
        {need_field("ends", t.ends_label, "time", v("ends", "11:00"), &e)}
        {need_field("places", t.need_places_label, "number", v("places", "2"), &e)}
    };
    view! {
        <VolunteerCheckedForm
            form=VolunteerForm::Need
            action=PostRoster::PATH.to_owned()
            multipart=true
        >
            <p class="form-error" role="alert"></p>
            <p class="hint">{t.need_hint}</p>
            <input type="hidden" name="kind" value="need" />
            {community}
            {fields}
            <button type="submit" class="button">
                {t.need_button}
            </button>
        </VolunteerCheckedForm>
    }
}

/// The roster form's fields, as typed before a refusal (`kept`) or with their defaults.
#[component]
fn RosterFields(
    communities: Vec<(String, crate::requests::Names)>,
    kept: Vec<(String, String)>,
) -> impl IntoView {
    let t = VolunteerTexts::here();
    let refused = !kept.is_empty();
    // Only the form refused shows the refusal (the need form posts to the same place).
    let e = refused.then(url_error::<PostRoster>).flatten();
    let v = |name: &str, default: String| {
        kept.iter()
            .find(|(k, _)| k == name)
            .map_or(default, |(_, v)| v.clone())
    };
    let community = community_field(
        &communities,
        &v("community", String::new()),
        "r-community",
        e.clone(),
    );
    let days = (1..=7usize)
        .map(|d| {
            let id = format!("r-weekday-{d}");
            let value = d.to_string();
            let checked = if refused {
                kept.iter().any(|(k, v)| k == "weekdays" && *v == value)
            } else {
                d <= 5
            };
            view! {
                <span class="choice inline">
                    <input
                        type="checkbox"
                        id=id.clone()
                        name="weekdays"
                        value=value
                        checked=checked
                    />
                    <label for=id>{(t.weekday_names)(d)}</label>
                </span>
            }
        })
        .collect_view();
    let title = v("title", String::new());
    let place = v("place", String::new());
    let starts = v("starts", "07:00".to_owned());
    let ends = v("ends", "09:00".to_owned());
    let places = v("places", "2".to_owned());
    let first_day = v("first_day", today());
    let last_day = v("last_day", day_after(27));
    let fields = view! {
        {community}
        <Field id="r-title" name="title" label=t.title_label error=e.clone()>
            <input id="r-title" name="title" value=title aria-describedby="title-error" />
        </Field>
        <Field id="r-place" name="place" label=t.place_label error=e.clone()>
            <input id="r-place" name="place" value=place aria-describedby="place-error" />
        </Field>
        <fieldset aria-describedby="weekdays-error">
            <legend>{t.weekdays_label}</legend>
            {days}
        </fieldset>
        <p class="field-error" id="weekdays-error">
            {field_message(t, &e, "weekdays")}
        </p>
        <Field id="r-starts" name="starts" label=t.starts_label error=e.clone()>
            <input
                id="r-starts"
                name="starts"
                type="time"
                value=starts
                aria-describedby="starts-error"
            />
        </Field>
        <Field id="r-ends" name="ends" label=t.ends_label error=e.clone()>
            <input id="r-ends" name="ends" type="time" value=ends aria-describedby="ends-error" />
        </Field>
        <Field id="r-places" name="places" label=t.places_label error=e.clone()>
            <input
                id="r-places"
                name="places"
                type="number"
                min="1"
                max=super::MAX_PLACES.to_string()
                inputmode="numeric"
                value=places
                aria-describedby="places-error"
            />
        </Field>
        <Field id="r-first-day" name="first_day" label=t.first_day_label error=e.clone()>
            <input
                id="r-first-day"
                name="first_day"
                type="date"
                value=first_day
                aria-describedby="first_day-error"
            />
        </Field>
        <Field id="r-last-day" name="last_day" label=t.last_day_label error=e.clone()>
            <input
                id="r-last-day"
                name="last_day"
                type="date"
                value=last_day
                aria-describedby="last_day-error"
            />
        </Field>
    };
    view! {
        <VolunteerCheckedForm
            form=VolunteerForm::Roster
            action=PostRoster::PATH.to_owned()
            multipart=true
        >
            <p class="form-error" role="alert"></p>
            <p class="hint">{t.roster_hint}</p>
            {fields}
            <button type="submit" class="button">
                {t.roster_button}
            </button>
        </VolunteerCheckedForm>
    }
}
