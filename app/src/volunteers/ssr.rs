//! Server-only volunteering: residents offer to serve and sign up for shifts; area staff
//! decide, appoint stewards and post rosters within their area; each in the caller's
//! transaction.

use super::{
    Appointment, CommunityFigures, Decision, Fix, MyVolunteering, Offer, RoleView, RosterDraft,
    ShiftView, StaffVolunteering, ToConfirm, VolunteerKind, VolunteerRefusal as R, VolunteerStatus,
    LIST_SIZE, SHIFT_DAYS,
};
use crate::accounts::{CurrentUser, Phone};
use crate::error::AppError;
use crate::requests::Names;
use chrono::Datelike;
use db::volunteers as q;
use ids::{AreaId, ShiftId, VolunteerId};

fn role_view(row: q::VolunteerRow, for_staff: bool) -> Result<RoleView, AppError> {
    let masked = Phone::parse(&row.resident_phone)
        .map(|p| p.masked())
        .unwrap_or_default();
    Ok(RoleView {
        id: row.id,
        kind: VolunteerKind::parse(&row.kind).ok_or(AppError::Internal)?,
        status: VolunteerStatus::parse(&row.status).ok_or(AppError::Internal)?,
        community: Names {
            zh: row.community_zh,
            en: row.community_en,
        },
        community_code: row.community_code,
        patch: row.patch,
        starts_on: row.starts_on.map(|d| d.format("%Y-%m-%d").to_string()),
        organisation: row.organisation,
        reason: row.reason,
        asked_at: row.created_at.timestamp(),
        resident: for_staff.then_some((row.resident_name, masked)),
    })
}

fn shift_view(row: q::ShiftRow, now: i64) -> ShiftView {
    let (starts, ends) = (row.starts_at.timestamp(), row.ends_at.timestamp());
    let signed = row.mine;
    let (checked_in, checked_out) = (row.checked_in_at.is_some(), row.checked_out_at.is_some());
    let early = i64::from(q::CHECK_IN_EARLY_MINUTES) * 60;
    let grace = i64::from(q::CHECK_OUT_GRACE_MINUTES) * 60;
    ShiftView {
        checked_in,
        checked_out,
        can_check_in: signed && !checked_in && (starts - early..=ends).contains(&now),
        can_check_out: signed && checked_in && !checked_out && now <= ends + grace,
        id: row.id,
        roster: row.roster_id,
        title: row.title,
        place: row.place,
        details: row.details,
        community: Names {
            zh: row.community_zh,
            en: row.community_en,
        },
        starts_at: row.starts_at.timestamp(),
        ends_at: row.ends_at.timestamp(),
        places: row.places,
        taken: row.taken,
        mine: row.mine,
        upcoming: starts > now,
        names: row.names,
    }
}

/// The coming shifts in `area_id` (the next `SHIFT_DAYS` days), for `viewer`.
async fn coming_shifts(
    conn: &mut db::PgConnection,
    area_id: AreaId,
    viewer: &CurrentUser,
    for_staff: bool,
) -> Result<Vec<ShiftView>, AppError> {
    let now = chrono::Utc::now();
    // Those just over too, while their people may still check out.
    let from = now - chrono::Duration::minutes(i64::from(q::CHECK_OUT_GRACE_MINUTES));
    let to = now + chrono::Duration::days(SHIFT_DAYS);
    let rows = q::shifts(conn, area_id, viewer.id, from, to, LIST_SIZE, for_staff).await?;
    let now = now.timestamp();
    Ok(rows.into_iter().map(|row| shift_view(row, now)).collect())
}

/// The community with `code`, which staff of area `area_id` manage (theirs, or one of their
/// street's; a district's staff decide, but neither appoint nor post rosters). Errors:
/// `Invalid { field: "community" }`: `required` (no such community), `outside`.
async fn community_of(
    conn: &mut db::PgConnection,
    code: &str,
    area_id: AreaId,
) -> Result<AreaId, AppError> {
    match q::community_in(conn, code, area_id).await? {
        None => Err(AppError::from(R::CommunityRequired)),
        Some((_, false)) => Err(AppError::from(R::CommunityOutside)),
        Some((id, true)) => Ok(id),
    }
}

/// The resident's roles, what they may offer, and their community's coming shifts. Errors:
/// `Forbidden` (not a resident).
pub async fn mine(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
) -> Result<MyVolunteering, AppError> {
    user.resident_only()?;
    let roles = q::list(conn, q::Which::Resident(user.id), 20)
        .await?
        .into_iter()
        .map(|row| role_view(row, false))
        .collect::<Result<Vec<_>, _>>()?;
    let live = |kind: VolunteerKind| {
        roles.iter().any(|r| {
            r.kind == kind && matches!(r.status, VolunteerStatus::Pending | VolunteerStatus::Active)
        })
    };
    let (can_join, can_report) = (
        !live(VolunteerKind::Volunteer),
        !live(VolunteerKind::PartyMember),
    );
    let shifts = match q::serves_in(conn, user.id).await? {
        Some(community) => coming_shifts(conn, community, user, false).await?,
        None => Vec::new(),
    };
    let served = q::served(conn, user.id).await?;
    let steward = q::steward(conn, user.id).await?;
    let to_confirm = match &steward {
        Some((_, community, _, _)) => q::to_confirm(conn, *community, user.id, LIST_SIZE)
            .await?
            .into_iter()
            .map(|row| ToConfirm {
                number: row.tracking_number,
                category: Names {
                    zh: row.category_zh,
                    en: row.category_en,
                },
                // As on the public page: a number typed into the address is masked.
                address: crate::requests::mask_private_numbers(&row.address),
                resolved_at: row.resolved_at.map(|at| at.timestamp()),
                confirmed: row.confirmed,
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(MyVolunteering {
        roles,
        can_join,
        can_report,
        shifts,
        served,
        steward: steward.is_some(),
        to_confirm,
        recognised: q::recognised(conn, user.id).await?,
    })
}

/// The resident offers to serve their home community. Errors: `Forbidden` (not a
/// resident), `Invalid { field: "kind", reason: "live" }` (asked already, or serving).
pub async fn offer(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    offer: &Offer,
) -> Result<(), AppError> {
    user.resident_only()?;
    let organisation = match offer {
        Offer::PartyMember { organisation } => Some(organisation.as_str()),
        Offer::Volunteer => None,
    };
    q::ask(conn, user.id, &offer.kind(), organisation)
        .await?
        .map(drop)
        .ok_or_else(|| AppError::from(R::KindLive))
}

/// Area staff's page. Errors: `Forbidden` (not area staff).
pub async fn staff(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
) -> Result<StaffVolunteering, AppError> {
    let area_id = user.staff_area()?;
    let (zh, en) = db::areas::names(conn, area_id).await?;
    let (code, level) = db::areas::code_and_level(conn, area_id).await?;
    let area_page = matches!(level.as_str(), "community" | "street").then_some(code);
    let communities = q::managed_communities(conn, area_id)
        .await?
        .into_iter()
        .map(|(code, zh, en)| (code, Names { zh, en }))
        .collect();
    let (pending, serving): (Vec<_>, Vec<_>) = q::list(conn, q::Which::InArea(area_id), LIST_SIZE)
        .await?
        .into_iter()
        .map(|row| role_view(row, true))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .partition(|r| r.status == VolunteerStatus::Pending);
    let shifts = coming_shifts(conn, area_id, user, true).await?;
    let month = this_month();
    let figures = q::figures(conn, area_id, month)
        .await?
        .into_iter()
        .map(figures_of)
        .collect();
    Ok(StaffVolunteering {
        area: Names { zh, en },
        area_page,
        communities,
        pending,
        serving,
        shifts,
        month: month.format("%Y-%m").to_string(),
        figures,
    })
}

/// The first day of this month in Beijing.
pub fn this_month() -> chrono::NaiveDate {
    let today = crate::time::today_in_beijing();
    today.with_day(1).unwrap_or(today)
}

pub fn figures_of(r: q::FiguresRow) -> CommunityFigures {
    CommunityFigures {
        code: r.code,
        name: Names {
            zh: r.name_zh,
            en: r.name_en,
        },
        stewards: r.stewards,
        volunteers: r.volunteers,
        party_members: r.party_members,
        organisations: r.organisations,
        shifts: r.shifts,
        covered: r.covered,
        minutes: r.minutes,
        no_shows: r.no_shows,
        steward_cases: r.steward_cases,
        steward_cases_settled: r.steward_cases_settled,
    }
}

/// Area staff decide on role `id`, and its resident hears of it. Errors: `Forbidden` (not
/// area staff, or its community lies outside their area), `NotFound`, `Invalid { field:
/// "status", reason: "not_now" }` (confirming or declining what is not pending, ending what
/// is not active).
pub async fn decide(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: VolunteerId,
    decision: &Decision,
) -> Result<(), AppError> {
    let area_id = user.staff_area()?;
    let found = q::lock(conn, id, area_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !found.in_area {
        return Err(AppError::Forbidden);
    }
    let (from, to, reason) = decision.transition();
    if found.status != from.as_str() {
        return Err(AppError::from(R::StatusNotNow));
    }
    q::decide(conn, id, &to, reason, user.id).await?;
    let kind = format!("volunteer_{}", to.as_str());
    db::verifications::notify(conn, found.resident_id, &kind, reason.unwrap_or_default()).await?;
    Ok(())
}

/// Area staff appoint a steward. Errors: `Forbidden` (not area staff), `Invalid`:
/// `community` (required: no such community; outside), `phone` (not_verified: not a
/// resident verified in that community; already: a steward already).
pub async fn appoint(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    a: &Appointment,
) -> Result<(), AppError> {
    let area_id = user.staff_area()?;
    let community = community_of(conn, &a.community, area_id).await?;
    match q::appoint(
        conn,
        community,
        a.phone.as_str(),
        &a.patch,
        a.starts_on,
        user.id,
    )
    .await?
    {
        q::Appointed::NotVerified => Err(AppError::from(R::PhoneNotVerified)),
        q::Appointed::Already => Err(AppError::from(R::PhoneAlready)),
        q::Appointed::Done(_, resident) => {
            db::verifications::notify(conn, resident, "volunteer_appointed", &a.patch).await?;
            Ok(())
        }
    }
}

/// Area staff post a duty roster and its shifts. Errors: `Forbidden` (not area staff),
/// `Invalid`: `community` (required, outside), `last_day` (past: no shift of it is still to
/// come).
pub async fn post_roster(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    d: &RosterDraft,
) -> Result<(), AppError> {
    let area_id = user.staff_area()?;
    let community_id = community_of(conn, &d.community, area_id).await?;
    let roster = q::NewRoster {
        community_id,
        title: &d.title,
        place: &d.place,
        weekdays: &d.weekdays,
        starts: d.starts,
        ends: d.ends,
        places: d.places,
        first_day: d.first_day,
        last_day: d.last_day,
        details: d.details.as_deref(),
    };
    let (_, shifts) = q::create_roster(conn, &roster, user.id).await?;
    if shifts == 0 {
        let past = if d.details.is_some() {
            R::DayPast
        } else {
            R::LastDayPast
        };
        return Err(AppError::from(past));
    }
    Ok(())
}

/// A resident signs up for shift `id`, or cancels (`cancel`). Errors: `Forbidden` (not a
/// resident), `NotFound`, `Invalid { field: "shift" }`: full, past, already, not_serving,
/// not_signed (cancelling what they are not signed up for, or what has begun).
pub async fn shift(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: ShiftId,
    cancel: bool,
) -> Result<(), AppError> {
    user.resident_only()?;
    if cancel {
        return if q::cancel(conn, id, user.id).await? {
            Ok(())
        } else {
            Err(AppError::from(R::ShiftNotSigned))
        };
    }
    match q::sign_up(conn, id, user.id).await? {
        q::SignUp::Done => Ok(()),
        q::SignUp::NotFound => Err(AppError::NotFound),
        q::SignUp::Past => Err(AppError::from(R::ShiftPast)),
        q::SignUp::Full => Err(AppError::from(R::ShiftFull)),
        q::SignUp::Already => Err(AppError::from(R::ShiftAlready)),
        q::SignUp::NotServing => Err(AppError::from(R::ShiftNotServing)),
    }
}

/// A resident checks in (`out`: out) on site for shift `id`. Errors: `Forbidden` (not a
/// resident), `Invalid { field: "shift" }`: not_signed, not_now (outside its window),
/// checked (in or out already, or out before in).
pub async fn check(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: ShiftId,
    out: bool,
) -> Result<(), AppError> {
    user.resident_only()?;
    match q::check(conn, id, user.id, out).await? {
        q::Checked::Done => Ok(()),
        q::Checked::NotSigned => Err(AppError::from(R::ShiftNotSigned)),
        q::Checked::NotNow => Err(AppError::from(R::ShiftNotNow)),
        q::Checked::Already => Err(AppError::from(R::ShiftChecked)),
    }
}

/// A lane steward confirms on site that request `fix.number` of their community is fixed,
/// with `photos`: a public line on its timeline, its resident told. The state does not change:
/// the resident's rating still decides. Errors: `Forbidden` (not a resident), `NotFound` (also
/// a request of another community, or private and not theirs), `Invalid`: `fix` (not_steward,
/// already: confirmed this round), `status` (not_now: not resolved).
pub async fn confirm_fix(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    fix: &Fix,
    photos: &[crate::requests::photos::Stored],
) -> Result<(), AppError> {
    user.resident_only()?;
    let (_, community, _, _) = q::steward(conn, user.id)
        .await?
        .ok_or_else(|| AppError::from(R::FixNotSteward))?;
    let request = q::confirmable(conn, &fix.number, community, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Another community's, or private: nobody learns that the number exists.
    if !request.theirs {
        return Err(AppError::NotFound);
    }
    if request.status != crate::requests::Status::Resolved.as_str() {
        return Err(AppError::from(R::StatusNotNow));
    }
    if request.confirmed {
        return Err(AppError::from(R::FixAlready));
    }
    let kind = "steward_confirmed";
    let event = db::requests::append_event(
        conn,
        &db::requests::NewEvent {
            request_id: request.id,
            actor_id: Some(user.id),
            kind,
            from_status: None,
            to_status: None,
            note: &fix.note,
            is_public: true,
            unit_id: None,
        },
    )
    .await?;
    crate::requests::ssr::attach_photos(conn, request.id, Some(event), photos).await?;
    if request.resident_id != user.id {
        let resident = db::handling::Recipients::User(request.resident_id);
        db::handling::notify(conn, resident, request.id, kind, &fix.note).await?;
    }
    Ok(())
}

/// The resident chooses to be on the recognition board (`shown`), or not. Errors:
/// `Forbidden` (not a resident).
pub async fn recognise(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    shown: bool,
) -> Result<(), AppError> {
    user.resident_only()?;
    q::recognise(conn, user.id, shown).await?;
    Ok(())
}
