//! Server-only request logic: filing (checks against the trees, the filing limit, routing),
//! what each viewer may see, and the resident's own actions through the state machine.

use super::lifecycle::{self, Action, Status};
use super::{
    mask_private_numbers, Category, EventView, MineItem, MinePage, Names, RequestDetail,
    RequestDraft, RequestView,
};
use crate::accounts::{CurrentUser, Role};
use crate::error::AppError;
use crate::requests::RequestRefusal;
use crate::ssr::Settings;
use ids::{EventId, PhotoId, RequestId, UnitId};

/// How far back "is it one of these?" looks, in days.
pub const SIMILAR_DAYS: i32 = 30;

/// What filing answers: the tracking number, and whether this call filed it (`false`: the
/// same form had been filed before, and its photos are not needed again).
pub struct Filed {
    pub tracking_number: String,
    pub created: bool,
}

/// Files `draft` with its stored `photos` for the signed-in resident. When open public
/// requests of the same category in the same community were filed in the last 30 days, it is
/// refused once (`similar`/`found`) so the resident can second one instead; ticking
/// `not_duplicate` files anyway. Filing the same
/// form again (its idempotency key) answers the first filing. A dispatcher (the hotline)
/// files for a caller, whose number finds or creates their record. Street and community staff
/// record a case they found (`draft.found`, see [`record_found`]). Errors: `Forbidden` (other
/// staff, or a resident naming a caller), `RateLimited` (residents only), `Invalid`
/// (`category`: unknown, not_a_leaf; `community`: not_a_community, not_ours; `similar`: found;
/// `caller_phone`: required from a dispatcher, staff when the number is a staff account's;
/// `source`: not_a_finder; `summon`: unknown, own).
pub async fn file(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
    draft: &RequestDraft,
    photos: &[super::photos::Stored],
) -> Result<Filed, AppError> {
    // Whom the request is for: the resident themself, the caller a dispatcher files for, or
    // (a found case) the staff member who recorded it.
    let resident_id = match (user.role, &draft.caller, &draft.found) {
        (Role::Resident, None, None) => user.id,
        (Role::Dispatcher, Some(caller), None) => {
            db::accounts::caller_record(conn, caller.phone.as_str(), &caller.name)
                .await?
                .ok_or_else(|| AppError::from(RequestRefusal::CallerPhoneStaff))?
        }
        (Role::Dispatcher, None, None) => {
            return Err(AppError::from(RequestRefusal::CallerPhoneRequired))
        }
        // Staff, or a lane steward reporting from their patch (see `record_found`).
        (Role::Handler | Role::AreaStaff | Role::Resident, None, Some(_)) => user.id,
        (_, None, Some(_)) => return Err(AppError::from(RequestRefusal::SourceNotFinder)),
        _ => return Err(AppError::Forbidden),
    };
    // The same form again (a double tap, a retry after a timeout): the first filing's answer,
    // before any check that the first filing itself would now fail ("is it one of these?").
    if let Some(filed) =
        db::requests::by_idempotency_key(conn, resident_id, &draft.idempotency_key).await?
    {
        return Ok(Filed {
            tracking_number: filed.tracking_number,
            created: false,
        });
    }
    let category = db::requests::category(conn, &draft.category_code)
        .await?
        .ok_or_else(|| AppError::from(RequestRefusal::CategoryUnknown))?;
    if !category.is_leaf {
        return Err(AppError::from(RequestRefusal::CategoryNotALeaf));
    }
    let place = db::requests::place(conn, &draft.community_code)
        .await?
        .ok_or_else(|| AppError::from(RequestRefusal::CommunityNotACommunity))?;
    if let Some(found) = &draft.found {
        return record_found(
            conn,
            settings,
            user,
            draft,
            found,
            (&category, place),
            photos,
        )
        .await;
    }
    if !draft.not_duplicate
        && !db::requests::similar(conn, category.id, place.community_id, SIMILAR_DAYS, 1)
            .await?
            .is_empty()
    {
        return Err(AppError::from(RequestRefusal::SimilarFound));
    }
    // The hourly limit is a resident's; the hotline files for every caller.
    let window = 3600;
    if user.role == Role::Resident
        && db::requests::filed_recently(conn, user.id, window).await? >= settings.filings_per_hour
    {
        return Err(AppError::RateLimited);
    }
    let (rule, unit) = db::requests::propose_unit(conn, category.id, place).await?;
    let new = db::requests::NewRequest {
        proposed_unit_id: unit,
        routing_rule_id: rule,
        ..new_request(resident_id, user, draft, (&category, place))
    };
    let filed = db::requests::file(conn, &new).await?;
    if filed.created {
        attach_photos(conn, filed.id, filed.first_event_id, photos).await?;
    }
    Ok(Filed {
        tracking_number: filed.tracking_number,
        created: filed.created,
    })
}

/// The request `draft` files for `resident_id`, as `user`, in `category` and `place`: not
/// routed, not found by staff.
fn new_request<'a>(
    resident_id: ids::UserId,
    user: &CurrentUser,
    draft: &'a RequestDraft,
    (category, place): (&'a db::requests::FilingCategory, db::requests::Place),
) -> db::requests::NewRequest<'a> {
    db::requests::NewRequest {
        resident_id,
        filed_by: user.id,
        kind: &draft.kind,
        category,
        place,
        address: &draft.address,
        description: &draft.description,
        position: draft.position,
        is_public: draft.public,
        show_name: draft.show_name,
        proposed_unit_id: None,
        routing_rule_id: None,
        idempotency_key: &draft.idempotency_key,
        found: None,
    }
}

/// Records a case `user`'s unit found (主动治理) in `place`: in progress at that unit from the
/// start, recorded by `user` (who is told of its steps; nobody rates it). The units
/// `found.summon` names are summoned at once, as a whistle does, the description their reason.
/// From a hot spot, the case is linked to the hot spot's open requests, whose residents are
/// told on their own requests' timelines. Errors: `Invalid` for `source` (not_a_finder: the
/// unit is not a street office or a community's committee), `community` (not_ours), `summon`
/// (unknown, own).
async fn record_found(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
    draft: &RequestDraft,
    found: &super::Found,
    (category, place): (&db::requests::FilingCategory, db::requests::Place),
    photos: &[super::photos::Stored],
) -> Result<Filed, AppError> {
    let (unit, steward) = finder(conn, user, found).await?;
    // A steward is a resident: the residents' hourly limit holds for their reports too.
    if steward.is_some()
        && db::requests::filed_recently(conn, user.id, 3600).await? >= settings.filings_per_hour
    {
        return Err(AppError::RateLimited);
    }
    if !db::handling::finds_in(conn, unit, place.community_id).await? {
        let finder = db::handling::finder_area(conn, unit).await?.is_some();
        return Err(AppError::from(if finder {
            RequestRefusal::CommunityNotOurs
        } else {
            RequestRefusal::SourceNotFinder
        }));
    }
    let new = db::requests::NewRequest {
        found: Some(db::requests::Found {
            source: &found.source,
            unit_id: unit,
        }),
        ..new_request(user.id, user, draft, (category, place))
    };
    let filed = db::requests::file(conn, &new).await?;
    if !filed.created {
        return Ok(Filed {
            tracking_number: filed.tracking_number,
            created: false,
        });
    }
    attach_photos(conn, filed.id, filed.first_event_id, photos).await?;
    if let Some(steward) = steward {
        db::volunteers::steward_case(conn, filed.id, steward).await?;
    }
    if !found.summon.is_empty() {
        let to = lifecycle::next(Status::InProgress, Action::Whistle)?;
        let refusals = (RequestRefusal::SummonUnknown, RequestRefusal::SummonOwn);
        let case = (filed.id, false);
        summon_units(
            conn,
            settings,
            user,
            case,
            &found.summon,
            &draft.description,
            refusals,
        )
        .await?;
        db::requests::append_event(
            conn,
            &db::requests::NewEvent {
                request_id: filed.id,
                actor_id: Some(user.id),
                kind: Action::Whistle.as_str(),
                from_status: Some(&Status::InProgress),
                to_status: Some(&to),
                note: &draft.description,
                is_public: true,
                unit_id: Some(unit),
            },
        )
        .await?;
    }
    if found.source == super::Source::HotSpot {
        let spot = (place.community_id, category.id);
        let linked =
            db::handling::link_hot_spot(conn, filed.id, spot, super::HOT_SPOT_DAYS).await?;
        for request in linked {
            db::requests::append_event(
                conn,
                &db::requests::NewEvent {
                    request_id: request.request_id,
                    actor_id: Some(user.id),
                    kind: "case_opened",
                    from_status: None,
                    to_status: None,
                    note: &filed.tracking_number,
                    is_public: true,
                    unit_id: Some(unit),
                },
            )
            .await?;
            let resident = db::handling::Recipients::User(request.resident_id);
            let number = &filed.tracking_number;
            db::handling::notify(conn, resident, request.request_id, "case_opened", number).await?;
        }
    }
    Ok(Filed {
        tracking_number: filed.tracking_number,
        created: true,
    })
}

/// The unit a found case is recorded for, and the steward who reported it, if one did: a
/// staff member's own unit; for a lane steward (小巷管家), their community's committee, on
/// patrol and summoning nobody. Errors: `Invalid { field: "source", reason: "not_a_finder" }`
/// (no such unit; a resident who is no steward; a steward's other source or summons).
async fn finder(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    found: &super::Found,
) -> Result<(UnitId, Option<ids::VolunteerId>), AppError> {
    let not_a_finder = || AppError::from(RequestRefusal::SourceNotFinder);
    if user.role != Role::Resident {
        return Ok((user.unit().ok_or_else(not_a_finder)?, None));
    }
    let (steward, _, committee, _) = db::volunteers::steward(conn, user.id)
        .await?
        .ok_or_else(not_a_finder)?;
    if found.source != super::Source::Patrol || !found.summon.is_empty() {
        return Err(not_a_finder());
    }
    Ok((committee, Some(steward)))
}

/// What `user` needs to record a case they found, or `None` when their unit does not record
/// found cases (only street offices and communities' committees do) and they are no lane
/// steward (who reports from their community, on patrol).
pub async fn finder_setup(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
) -> Result<Option<super::FinderSetup>, AppError> {
    if user.role == Role::Resident {
        let steward = db::volunteers::steward(conn, user.id).await?;
        return Ok(steward.map(|(_, _, _, area_code)| super::FinderSetup {
            area_code,
            units: Vec::new(),
            steward: true,
        }));
    }
    // The hotline centre a dispatcher acts for is neither: it has no finder's area.
    let Some(unit) = user.unit() else {
        return Ok(None);
    };
    let Some(area_code) = db::handling::finder_area(conn, unit).await? else {
        return Ok(None);
    };
    let units = db::handling::units(conn)
        .await?
        .into_iter()
        .filter(|u| u.id != unit)
        .map(super::UnitChoice::from)
        .collect();
    Ok(Some(super::FinderSetup {
        area_code,
        units,
        steward: false,
    }))
}

/// Summons the units with `codes` to request `request` (its id, and whether it is urgent,
/// which shortens the time to check in) for `user`'s unit (吹哨), each told; a unit summoned
/// already is not summoned again. Errors: `unknown` (no such unit), `own` (the caller's own
/// unit), `Forbidden` (the caller acts for no unit).
pub(crate) async fn summon_units(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
    (request_id, urgent): (RequestId, bool),
    codes: &[String],
    reason: &str,
    (unknown, own_unit): (impl crate::error::Refusal, impl crate::error::Refusal),
) -> Result<(), AppError> {
    let own = user.unit().ok_or(AppError::Forbidden)?;
    let minutes = if urgent {
        settings.urgent_check_in_minutes
    } else {
        settings.check_in_minutes
    };
    for code in codes {
        let unit_id = db::handling::unit_id(conn, code)
            .await?
            .ok_or_else(|| unknown.into_error())?;
        if unit_id == own {
            return Err(own_unit.into_error());
        }
        if db::handling::summon(conn, request_id, unit_id, own, user.id, reason, minutes).await? {
            let unit = db::handling::Recipients::Unit(unit_id);
            db::handling::notify(conn, unit, request_id, Action::Whistle.as_str(), "").await?;
        }
    }
    Ok(())
}

/// Records stored `photos` as request `request_id`'s, shown with event `event_id`.
pub(crate) async fn attach_photos(
    conn: &mut db::PgConnection,
    request_id: RequestId,
    event_id: Option<EventId>,
    photos: &[super::photos::Stored],
) -> Result<(), AppError> {
    for photo in photos {
        let size = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
        db::requests::add_photo(
            conn,
            &db::requests::NewPhoto {
                request_id,
                event_id,
                object_key: &photo.key,
                thumbnail_key: &photo.thumbnail_key,
                width: size(photo.width),
                height: size(photo.height),
                bytes: i32::try_from(photo.bytes).unwrap_or(i32::MAX),
            },
        )
        .await?;
    }
    Ok(())
}

/// Every category, for the filing form.
pub async fn categories(conn: &mut db::PgConnection) -> Result<Vec<Category>, AppError> {
    Ok(db::requests::categories(conn)
        .await?
        .into_iter()
        .map(|c| Category {
            code: c.code,
            parent_code: c.parent_code,
            name_zh: c.name_zh,
            name_en: c.name_en,
            respond_hours: c.respond_hours,
            resolve_hours: c.resolve_hours,
        })
        .collect())
}

/// The status a database row holds. Errors: `Internal` (a name the machine does not know).
pub(crate) fn status(s: &str) -> Result<Status, AppError> {
    Status::parse(s).ok_or_else(|| {
        tracing::error!(status = s, "unknown request status in the database");
        AppError::Internal
    })
}

/// Runs `lookup`, a guess at something private (a private request's filer's digits), after
/// checking that the client has not guessed wrong too often; a `NotFound` counts as a wrong
/// guess, with failed sign-ins from the same address. Errors: `RateLimited`, and `lookup`'s.
pub async fn guarded_guess<T>(
    conn: &mut db::PgConnection,
    settings: &crate::ssr::Settings,
    client_addr: Option<&str>,
    lookup: impl AsyncFnOnce(&mut db::PgConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    const KEY: &str = "lookup";
    let failures =
        db::accounts::recent_failures(conn, KEY, client_addr, settings.sign_in_window_secs).await?;
    if failures.from_client >= settings.sign_in_max_failures_per_client {
        return Err(AppError::RateLimited);
    }
    let found = lookup(conn).await;
    if matches!(found, Err(AppError::NotFound)) {
        db::accounts::record_failure(conn, KEY, client_addr).await?;
    }
    found
}

/// Where a request stands, as a staff member's standing to it depends on: the unit handling
/// it and its kind, and (a found case) its street.
pub struct Holder<'a> {
    pub unit: Option<UnitId>,
    pub unit_kind: Option<&'a str>,
    /// The street of a case staff found; `None` for a resident's request.
    pub found_in: Option<ids::AreaId>,
}

/// How `user` stands to request `request_id`, where it stands as `holder` says.
pub async fn standing(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    request_id: RequestId,
    holder: Holder<'_>,
) -> Result<super::Standing, AppError> {
    let (summoned, confirms) = match user.unit() {
        Some(unit) => (
            db::handling::summons_state(conn, request_id, unit).await?,
            match holder.found_in {
                Some(street) => db::handling::street_of(conn, unit).await? == Some(street),
                None => false,
            },
        ),
        None => (None, false),
    };
    Ok(super::Standing {
        request_unit: holder.unit,
        unit_kind: holder.unit_kind.and_then(super::UnitKind::parse),
        summoned,
        confirms,
    })
}

/// A request as a viewer may see it ([`view`]), and what the panels around it on its page
/// need to know.
pub struct Seen {
    pub view: RequestView,
    pub id: RequestId,
    /// A staff viewer's standing to it.
    pub standing: Option<super::Standing>,
    /// The unit the routing rules propose (what the dispatcher sees first).
    pub proposed_unit: Option<String>,
    pub urgent: bool,
    /// What else its page shows has anything (its page reads only those).
    pub has: Has,
    /// The topic it comes under.
    pub topic: Option<(ids::TopicId, String)>,
}

/// Which of a request's other parts have anything to read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Has {
    pub summons: bool,
    pub passes: bool,
    pub consultations: bool,
}

/// The request with this tracking number as `viewer` may see it: everything for its resident
/// and the staff who handle it (`requests::sees_all`), the public part of a public request
/// for everyone else, and only the status of a private one, to whoever gives the last 4
/// digits of the filer's number (`phone_tail`). Errors: `NotFound` (also for a private
/// request without the right digits: nobody learns that the number exists).
pub async fn view(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
    tracking_number: &str,
    phone_tail: Option<&str>,
) -> Result<Seen, AppError> {
    let row = db::requests::by_tracking_number(conn, tracking_number)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = status(&row.status)?;
    // Who filed it sees all of it; the resident's own actions are a resident's (staff who
    // recorded a case they found act on it through the staff steps).
    let filed_it = viewer.is_some_and(|v| v.id == row.resident_id);
    let is_mine = filed_it && viewer.is_some_and(|v| v.role == Role::Resident);
    let source = super::Source::parse(&row.source).ok_or(AppError::Internal)?;
    let staff_viewer = viewer.filter(|v| v.role != Role::Resident);
    let knows_the_filer = phone_tail.is_some() && phone_tail == row.resident_phone_tail.as_deref();
    if !row.is_public && !filed_it && staff_viewer.is_none() && !knows_the_filer {
        return Err(AppError::NotFound);
    }
    let staff = match staff_viewer {
        Some(viewer) => {
            let holder = Holder {
                unit: row.unit_id,
                unit_kind: row.unit_kind.as_deref(),
                found_in: row.found_in,
            };
            let standing = standing(conn, viewer, row.id, holder).await?;
            Some((viewer, standing))
        }
        None => None,
    };
    let sees_all = staff.is_some_and(|(v, standing)| super::sees_all(v, standing));
    let mut view = RequestView {
        tracking_number: row.tracking_number.clone(),
        status,
        created_at: row.created_at.timestamp(),
        detail: None,
        is_mine,
        // A steward's found case is the committee's to settle, never to withdraw.
        can_withdraw: is_mine
            && source == super::Source::Resident
            && lifecycle::next(status, Action::Withdraw).is_ok(),
        can_add_info: is_mine && lifecycle::next(status, Action::AddInfo).is_ok(),
        can_second: false,
        seconded: false,
        merged_into: row.merged_into.clone(),
    };
    let standing = staff.map(|(_, standing)| standing);
    if let Some(viewer) = viewer.filter(|v| v.role == Role::Resident && !is_mine) {
        view.seconded = db::requests::has_seconded(conn, row.id, viewer.id).await?;
        view.can_second = !view.seconded && row.is_public && seconds_allowed(status);
    }
    let full = filed_it || sees_all;
    let has = Has {
        summons: row.has_summons,
        passes: row.has_passes,
        consultations: row.has_consultations,
    };
    let topic = row.topic_id.zip(row.topic_title.clone());
    if !full && !row.is_public {
        return Ok(Seen {
            view,
            id: row.id,
            standing,
            proposed_unit: row.proposed_unit_code,
            urgent: row.urgent,
            has,
            topic,
        });
    }
    // The resident sees their own words; the public sees them masked.
    let shown = |text: &str| {
        if full {
            text.to_owned()
        } else {
            mask_private_numbers(text)
        }
    };
    // Photos come with an event: the filing's are the request's own (the gallery); a
    // resolution's are its evidence, shown on the timeline.
    let photos = if row.has_photos {
        db::requests::photo_ids(conn, row.id).await?
    } else {
        Vec::new()
    };
    let events = db::requests::events(conn, row.id, !sees_all).await?;
    let filed_event = events.iter().find(|e| e.kind == "filed").map(|e| e.id);
    let photos_of = |event: Option<EventId>| -> Vec<PhotoId> {
        photos
            .iter()
            .filter(|p| p.event_id == event || (event == filed_event && p.event_id.is_none()))
            .map(|p| p.id)
            .collect()
    };
    let gallery = photos_of(filed_event);
    let events: Vec<EventView> = events
        .into_iter()
        .map(|e| EventView {
            photos: if Some(e.id) == filed_event {
                Vec::new()
            } else {
                photos_of(Some(e.id))
            },
            note: shown(&e.note),
            kind: e.kind,
            at: e.created_at.timestamp(),
            by_staff: e.actor_role.as_deref().is_some_and(|r| r != "resident"),
            is_public: e.is_public,
            unit: e.unit_zh.zip(e.unit_en).map(|(zh, en)| Names { zh, en }),
            rating: e.rating.as_deref().and_then(super::Outcome::parse),
        })
        .collect();
    let kind = super::RequestKind::parse(&row.kind).ok_or(AppError::Internal)?;
    view.detail = Some(RequestDetail {
        kind,
        category: Names {
            zh: row.category_zh,
            en: row.category_en,
        },
        place: Names {
            zh: format!("{} {} {}", row.district_zh, row.street_zh, row.community_zh),
            en: format!(
                "{}, {}, {}",
                row.community_en, row.street_en, row.district_en
            ),
        },
        address: shown(&row.address),
        description: shown(&row.description),
        is_public: row.is_public,
        resident_name: (full || row.show_name).then_some(row.resident_name),
        unit: row
            .unit_zh
            .zip(row.unit_en)
            .map(|(zh, en)| Names { zh, en }),
        seconds: row.seconds,
        respond_by: row.respond_by.timestamp(),
        resolve_by: row.resolve_by.timestamp(),
        events,
        photos: gallery,
        urgent: row.urgent,
        closure_code: row
            .closure_code
            .as_deref()
            .and_then(super::ClosureCode::parse),
        found: match (source, row.found_by_zh.zip(row.found_by_en)) {
            (super::Source::Resident, _) | (_, None) => None,
            (source, Some((zh, en))) => Some(super::FoundView {
                source,
                by: Names { zh, en },
                linked: db::handling::linked_numbers(conn, row.id).await?,
            }),
        },
    });
    Ok(Seen {
        view,
        id: row.id,
        standing,
        proposed_unit: row.proposed_unit_code,
        urgent: row.urgent,
        has,
        topic,
    })
}

/// How many of "my requests" a page shows.
pub const MINE_PAGE: i64 = 20;

/// A page of the signed-in resident's requests, newest first.
pub async fn mine(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    status_filter: Option<Status>,
    before: Option<RequestId>,
) -> Result<MinePage, AppError> {
    let rows = db::requests::list_mine(
        conn,
        user.id,
        status_filter.as_ref().map(|s| s as &dyn db::keys::Status),
        before,
        MINE_PAGE + 1,
    )
    .await?;
    let more = rows.len() as i64 > MINE_PAGE;
    let mut items = Vec::with_capacity(rows.len());
    let mut last_id = None;
    for row in rows.into_iter().take(MINE_PAGE as usize) {
        last_id = Some(row.id);
        items.push(MineItem {
            tracking_number: row.tracking_number,
            category: Names {
                zh: row.category_zh,
                en: row.category_en,
            },
            summary: row.description.chars().take(60).collect(),
            status: status(&row.status)?,
            respond_by: row.respond_by.timestamp(),
            resolve_by: row.resolve_by.timestamp(),
            created_at: row.created_at.timestamp(),
        });
    }
    Ok(MinePage {
        items,
        next: if more { last_id } else { None },
    })
}

/// Applies the resident's `action` to their own request: locks the row, asks the state
/// machine, writes the status and appends the event, in the caller's transaction. Errors:
/// `NotFound`, `Forbidden` (not theirs), `Invalid { field: "status", reason: "not_allowed" }`.
pub async fn act_on_own(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    tracking_number: &str,
    action: Action,
    note: &str,
) -> Result<(), AppError> {
    let id = db::requests::id_of(conn, tracking_number)
        .await?
        .ok_or(AppError::NotFound)?;
    let (current, resident_id, found) = db::requests::lock(conn, id).await?;
    // Staff who recorded a case they found are its `resident_id`, but act through their steps;
    // a steward who reported one may add to it, but it is the committee's to settle.
    if resident_id != user.id || user.role != Role::Resident || (found && action != Action::AddInfo)
    {
        return Err(AppError::Forbidden);
    }
    let from = status(&current)?;
    let to = lifecycle::next(from, action)?;
    if to != from {
        db::requests::set_status(conn, id, &to).await?;
    }
    db::requests::append_event(
        conn,
        &db::requests::NewEvent {
            request_id: id,
            actor_id: Some(user.id),
            kind: action.as_str(),
            from_status: Some(&from),
            to_status: Some(&to),
            note,
            is_public: true,
            unit_id: None,
        },
    )
    .await?;
    Ok(())
}

/// The filing form's fields and photo uploads from its multipart body (unknown fields are
/// ignored, as are empty file fields). Errors: see `crate::ssr::form_parts`.
pub async fn read_form(
    data: leptos::server_fn::codec::MultipartData,
    max_bytes: usize,
) -> Result<(super::DraftForm, crate::ssr::FormParts), AppError> {
    let mut parts = crate::ssr::form_parts(data, Some(max_bytes)).await?;
    let mut form = super::DraftForm::default();
    for (name, value) in std::mem::take(&mut parts.pairs) {
        match name.as_str() {
            "kind" => form.kind = value,
            "category" => form.category = value,
            "community" => form.community = value,
            "address" => form.address = value,
            "description" => form.description = value,
            "public" => form.public = true,
            "show_name" => form.show_name = true,
            "latitude" => form.latitude = value,
            "longitude" => form.longitude = value,
            "idempotency_key" => form.idempotency_key = value,
            "not_duplicate" => form.not_duplicate = true,
            "caller_phone" => form.caller_phone = value,
            "caller_name" => form.caller_name = value,
            "source" => form.source = value,
            "summon" if !value.is_empty() => form.summon.push(value),
            _ => {}
        }
    }
    Ok((form, parts))
}

/// What was typed into the filing form, to show again after a refusal.
pub fn typed_pairs(form: &super::DraftForm) -> Vec<(&'static str, &str)> {
    let flag = |on: bool| if on { "on" } else { "" };
    vec![
        ("kind", form.kind.as_str()),
        ("category", form.category.as_str()),
        ("community", form.community.as_str()),
        ("address", form.address.as_str()),
        ("description", form.description.as_str()),
        ("public", flag(form.public)),
        ("show_name", flag(form.show_name)),
        ("latitude", form.latitude.as_str()),
        ("longitude", form.longitude.as_str()),
        ("caller_phone", form.caller_phone.as_str()),
        ("caller_name", form.caller_name.as_str()),
        ("source", form.source.as_str()),
    ]
    .into_iter()
    .chain(form.summon.iter().map(|code| ("summon", code.as_str())))
    .collect()
}

/// Whether a request in `status` may still be seconded: open and not yet resolved.
fn seconds_allowed(status: Status) -> bool {
    status.is_open() && status != Status::Resolved
}

fn public_item(row: db::requests::PublicRow) -> Result<super::PublicItem, AppError> {
    Ok(super::PublicItem {
        tracking_number: row.tracking_number,
        category: Names {
            zh: row.category_zh,
            en: row.category_en,
        },
        place: Names {
            zh: format!("{} {}", row.street_zh, row.community_zh),
            en: format!("{}, {}", row.community_en, row.street_en),
        },
        summary: mask_private_numbers(&row.description.chars().take(80).collect::<String>()),
        status: status(&row.status)?,
        seconds: row.seconds,
        created_at: row.created_at.timestamp(),
    })
}

/// How many public requests a page shows.
pub const PUBLIC_PAGE: i64 = 20;

/// The filters of the public list, as codes (empty: any).
#[derive(Debug, Clone, Default)]
pub struct PublicQuery {
    pub district: Option<String>,
    pub street: Option<String>,
    pub category: Option<String>,
    pub status: Option<Status>,
    pub before: Option<RequestId>,
}

/// A page of public requests, newest first. Unknown codes match nothing.
pub async fn public(
    conn: &mut db::PgConnection,
    query: &PublicQuery,
) -> Result<super::PublicPage, AppError> {
    let empty = super::PublicPage {
        items: Vec::new(),
        next: None,
    };
    let district_id = match &query.district {
        Some(code) => match db::requests::area_id(conn, code, "district").await? {
            Some(id) => Some(id),
            None => return Ok(empty),
        },
        None => None,
    };
    let street_id = match &query.street {
        Some(code) => match db::requests::area_id(conn, code, "street").await? {
            Some(id) => Some(id),
            None => return Ok(empty),
        },
        None => None,
    };
    let family = match &query.category {
        Some(code) => {
            let ids = db::requests::category_family(conn, code).await?;
            if ids.is_empty() {
                return Ok(empty);
            }
            Some(ids)
        }
        None => None,
    };
    let filter = db::requests::PublicFilter {
        district_id,
        street_id,
        category_ids: family.as_deref(),
        status: query.status.as_ref().map(|s| s as &dyn db::keys::Status),
    };
    let rows = db::requests::list_public(conn, filter, query.before, PUBLIC_PAGE + 1).await?;
    let more = rows.len() as i64 > PUBLIC_PAGE;
    let rows: Vec<_> = rows.into_iter().take(PUBLIC_PAGE as usize).collect();
    let next = if more {
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok(super::PublicPage {
        items: rows
            .into_iter()
            .map(public_item)
            .collect::<Result<_, _>>()?,
        next,
    })
}

/// Open public requests like the one being filed: same category, same community, last 30
/// days. Unknown codes find nothing.
pub async fn similar(
    conn: &mut db::PgConnection,
    category: &str,
    community: &str,
) -> Result<Vec<super::PublicItem>, AppError> {
    let (Some(category), Some(place)) = (
        db::requests::category(conn, category).await?,
        db::requests::place(conn, community).await?,
    ) else {
        return Ok(Vec::new());
    };
    db::requests::similar(conn, category.id, place.community_id, SIMILAR_DAYS, 5)
        .await?
        .into_iter()
        .map(public_item)
        .collect()
}

/// The signed-in resident seconds ("me too") someone else's open public request. Errors:
/// `Forbidden` (staff), `NotFound` (or private), `Invalid { field: "second" }` with reason
/// `own`, `closed` or `already`.
pub async fn second(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    tracking_number: &str,
) -> Result<(), AppError> {
    if user.role != Role::Resident {
        return Err(AppError::Forbidden);
    }
    let row = db::requests::by_tracking_number(conn, tracking_number)
        .await?
        .filter(|r| r.is_public)
        .ok_or(AppError::NotFound)?;
    if row.resident_id == user.id {
        return Err(AppError::from(RequestRefusal::SecondOwn));
    }
    if !seconds_allowed(status(&row.status)?) {
        return Err(AppError::from(RequestRefusal::SecondClosed));
    }
    db::requests::second(conn, row.id, user.id)
        .await
        .map_err(|e| match e {
            db::DbError::Conflict { .. } => AppError::from(RequestRefusal::SecondAlready),
            other => other.into(),
        })
}

/// `GET /photos/{id}` and `/photos/{id}/thumbnail`: a request's photo, to whoever may see the
/// request (anyone for a public one; its resident and the staff handling it for a private one
/// (`requests::sees_all`); 404 otherwise,
/// so nobody learns a private photo exists).
pub async fn photo_response(
    state: &crate::ssr::AppState,
    session: &tower_sessions::Session,
    id: PhotoId,
    thumbnail: bool,
) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let found = async {
        // The viewer first: the session store reads with a connection of its own.
        let viewer =
            crate::accounts::ssr::session_user(&state.pool, &state.settings, session).await?;
        let mut conn = state.pool.acquire().await?;
        let photo = db::requests::photo(&mut conn, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !photo.is_public {
            let allowed = match viewer {
                Some(v) if v.id == photo.resident_id => true,
                Some(v) if v.role != Role::Resident => {
                    // Who sees all of it does not depend on the tier of the unit holding it.
                    let holder = Holder {
                        unit: photo.unit_id,
                        unit_kind: None,
                        found_in: photo.found_in,
                    };
                    let standing = standing(&mut conn, &v, photo.request_id, holder).await?;
                    super::sees_all(&v, standing)
                }
                _ => false,
            };
            if !allowed {
                return Err(AppError::NotFound);
            }
        }
        let key = if thumbnail {
            &photo.thumbnail_key
        } else {
            &photo.object_key
        };
        let bytes = state.photos.get(key).await?;
        Ok::<_, AppError>((bytes, photo.is_public))
    }
    .await;
    match found {
        Ok((bytes, public)) => {
            let cache = if public {
                "public, max-age=86400"
            } else {
                "private, max-age=3600"
            };
            (
                [
                    (header::CONTENT_TYPE, "image/jpeg"),
                    (header::CACHE_CONTROL, cache),
                ],
                bytes,
            )
                .into_response()
        }
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}
