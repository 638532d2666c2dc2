//! Server-only handling: applying a staff step to a request (one transaction: lock, ask who
//! may and the state machine, write, append the event, notify), and what staff pages read.

use super::{allowed, steps_for, HotSpot, QueueItem, QueuePage, StaffPanel, Step, SummonsView};
use crate::accounts::{CurrentUser, Role};
use crate::error::AppError;
use crate::handling::HandlingRefusal;
use crate::handling::HandlingRefusal as R;
use crate::requests::lifecycle;
use crate::requests::ssr::status;
use crate::requests::ssr::summon_units;
use crate::requests::ssr::{standing, Holder};
use crate::requests::{Names, Status};
use crate::requests::{Standing, UnitKind};
use crate::ssr::Settings;
use db::handling::{self as q, Change, Recipients};
use ids::{CategoryId, RequestId};

/// Applies `step` to the request with `tracking_number` for `user`, in the caller's
/// transaction: locks the row, checks who may (`allowed`, else `Forbidden`) and the state
/// machine (else `Invalid { field: "status", reason: "not_allowed" }`: someone else may have
/// just taken the step), writes the change, appends the event and notifies. Other errors:
/// `NotFound`; `Invalid` for `unit`, `units` (unknown, own), `category` (unknown,
/// not_a_leaf), `into` (unknown, same, finished). `photos` (stored) are the resolution's
/// evidence, kept with the resolve step only.
pub async fn apply(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
    tracking_number: &str,
    step: &Step,
    photos: &[crate::requests::photos::Stored],
) -> Result<(), AppError> {
    let request = q::lock(conn, tracking_number)
        .await?
        .ok_or(AppError::NotFound)?;
    let action = step.action();
    let holder = Holder {
        unit: request.unit_id,
        unit_kind: request.unit_kind.as_deref(),
        found_in: request.found_in,
    };
    let standing = standing(conn, user, request.id, holder).await?;
    if !allowed(user, action, standing) {
        return Err(AppError::Forbidden);
    }
    let from = status(&request.status)?;
    let to = lifecycle::next(from, action)?;
    let change = || Change {
        id: request.id,
        status: &to,
        unit_id: None,
        dispatched: false,
        responded: false,
        closure_code: None,
    };
    // What the event says, whether the resident sees it, and whom to tell.
    let mut note = String::new();
    let mut public = true;
    let mut tell: Vec<Recipients> = Vec::new();
    // The unit the event names: the one acting, or, for a dispatch, the one it went to.
    let mut event_unit = user.unit();
    match step {
        Step::Dispatch { unit, urgent } => {
            let unit_id = q::unit_id(conn, unit)
                .await?
                .ok_or_else(|| AppError::from(HandlingRefusal::UnitUnknown))?;
            if *urgent != request.urgent {
                let hours = category_hours(conn, request.category_id).await?;
                q::set_deadlines(conn, request.id, hours, *urgent).await?;
            }
            q::change(
                conn,
                &Change {
                    unit_id: Some(Some(unit_id)),
                    dispatched: true,
                    ..change()
                },
            )
            .await?;
            tell.extend([
                Recipients::Unit(unit_id),
                Recipients::User(request.resident_id),
            ]);
            event_unit = Some(unit_id);
        }
        Step::Answer { answer } => {
            let hotline = user.unit().ok_or(AppError::Forbidden)?;
            let answered = Change {
                unit_id: Some(Some(hotline)),
                responded: true,
                closure_code: Some(&crate::requests::ClosureCode::Answered),
                ..change()
            };
            q::change(conn, &answered).await?;
            note = answer.clone();
            tell.push(Recipients::User(request.resident_id));
        }
        Step::Reclassify { category } => {
            let hours = q::hours(conn, None, Some(category))
                .await?
                .ok_or_else(|| AppError::from(crate::requests::RequestRefusal::CategoryUnknown))?;
            if !hours.is_leaf {
                return Err(AppError::from(
                    crate::requests::RequestRefusal::CategoryNotALeaf,
                ));
            }
            q::set_deadlines(conn, request.id, hours, request.urgent).await?;
        }
        Step::Merge { into } => {
            let kept = q::lock(conn, into)
                .await?
                .ok_or_else(|| AppError::from(HandlingRefusal::IntoUnknown))?;
            if kept.id == request.id {
                return Err(AppError::from(HandlingRefusal::IntoSame));
            }
            let kept_status = status(&kept.status)?;
            if !kept_status.is_open() {
                return Err(AppError::from(HandlingRefusal::IntoFinished));
            }
            q::merge(conn, request.id, kept.id).await?;
            note = kept.tracking_number;
            tell.push(Recipients::User(request.resident_id));
        }
        Step::Accept => {
            q::change(conn, &change()).await?;
            if let Some(own) = user.unit() {
                q::take_pass(conn, request.id, own).await?;
            }
            tell.push(Recipients::User(request.resident_id));
        }
        Step::Return { reason } => {
            if let Some(own) = user.unit() {
                q::take_pass(conn, request.id, own).await?;
            }
            // A reopened answer back to intake: whoever it is dispatched to answers anew.
            if request.unit_kind.as_deref() == Some(UnitKind::HotlineCentre.as_str()) {
                let hours = category_hours(conn, request.category_id).await?;
                let respond = if request.urgent {
                    hours.urgent_respond
                } else {
                    hours.respond
                };
                q::restart_response(conn, request.id, respond).await?;
            }
            q::change(
                conn,
                &Change {
                    unit_id: Some(None),
                    ..change()
                },
            )
            .await?;
            note = reason.clone();
            public = false;
            tell.push(Recipients::Dispatchers);
        }
        Step::Respond { note: said } => {
            q::change(
                conn,
                &Change {
                    responded: true,
                    ..change()
                },
            )
            .await?;
            note = said.clone();
            tell.push(Recipients::User(request.resident_id));
        }
        Step::Progress {
            note: said,
            public: shown,
        } => {
            q::change(conn, &change()).await?;
            note = said.clone();
            public = *shown;
            if public {
                tell.push(Recipients::User(request.resident_id));
            }
        }
        Step::Resolve { code, explanation } => {
            q::change(
                conn,
                &Change {
                    closure_code: Some(code),
                    ..change()
                },
            )
            .await?;
            note = explanation.clone();
            tell.push(Recipients::User(request.resident_id));
        }
        Step::Whistle { units, reason } => {
            let refusals = (HandlingRefusal::UnitsUnknown, HandlingRefusal::UnitsOwn);
            let summoned = (request.id, request.urgent);
            summon_units(conn, settings, user, summoned, units, reason, refusals).await?;
            note = reason.clone();
        }
        Step::CheckIn { note: said } => {
            let unit = user.unit().ok_or(AppError::Forbidden)?;
            // `allowed` saw an open summons under the row lock, so this finds it.
            q::check_in(conn, request.id, unit, user.id)
                .await?
                .ok_or_else(|| AppError::from(crate::requests::RequestRefusal::StatusNotAllowed))?;
            note = said.clone();
            tell.extend(request.unit_id.map(Recipients::Unit));
        }
        Step::Contribute { note: said } => {
            note = said.clone();
            tell.extend(request.unit_id.map(Recipients::Unit));
        }
        Step::PassDown {
            community,
            note: said,
        } => {
            let own = user.unit().ok_or(AppError::Forbidden)?;
            let to = q::communities_of(conn, own)
                .await?
                .into_iter()
                .find(|c| &c.code == community)
                .ok_or_else(|| AppError::from(HandlingRefusal::CommunityNotOurs))?;
            let pass = (q::Direction::Down, own, to.id);
            hand_over(conn, settings, user, &request, change(), pass, said).await?;
            note = said.clone();
            tell.extend([
                Recipients::Unit(to.id),
                Recipients::User(request.resident_id),
            ]);
        }
        Step::RateSummons {
            summoned,
            scores: [arrived, cooperation, result],
            comment,
        } => {
            let own = user.unit().ok_or(AppError::Forbidden)?;
            let scores = q::SummonsScores {
                arrived: *arrived,
                cooperation: *cooperation,
                result: *result,
                comment,
            };
            let by = (own, user.id);
            let rated = match q::rate_summons(conn, request.id, summoned, by, &scores).await? {
                q::SummonsRated::Rated(unit) => unit,
                q::SummonsRated::NoSuchSummons => return Err(R::SummonedUnknown.into()),
                q::SummonsRated::NotContributed => return Err(R::SummonedNotContributed.into()),
                q::SummonsRated::Already => return Err(R::SummonedRatedAlready.into()),
            };
            // The scores are on the summons; the timeline keeps the comment, for staff.
            note = comment.clone();
            public = false;
            tell.push(Recipients::Unit(rated));
            event_unit = Some(own);
        }
        Step::Confirm { note: said } => {
            q::change(conn, &change()).await?;
            note = said.clone();
            tell.extend(request.unit_id.map(Recipients::Unit));
            tell.push(Recipients::User(request.resident_id));
        }
        Step::SendBack { reason } => {
            q::send_back(conn, request.id).await?;
            note = reason.clone();
            tell.extend(request.unit_id.map(Recipients::Unit));
            tell.push(Recipients::User(request.resident_id));
        }
        Step::PassUp { reason } => {
            let own = user.unit().ok_or(AppError::Forbidden)?;
            let office = q::street_office_above(conn, own)
                .await?
                .ok_or(AppError::Forbidden)?;
            let pass = (q::Direction::Up, own, office);
            hand_over(conn, settings, user, &request, change(), pass, reason).await?;
            note = reason.clone();
            tell.extend([
                Recipients::Unit(office),
                Recipients::User(request.resident_id),
            ]);
        }
    }
    let event_id = db::requests::append_event(
        conn,
        &db::requests::NewEvent {
            request_id: request.id,
            actor_id: Some(user.id),
            kind: action.as_str(),
            from_status: Some(&from),
            to_status: Some(&to),
            note: &note,
            is_public: public,
            unit_id: event_unit,
        },
    )
    .await?;
    // Evidence of the resolution, shown with it on the timeline.
    if matches!(step, Step::Resolve { .. }) {
        crate::requests::ssr::attach_photos(conn, request.id, Some(event_id), photos).await?;
    }
    for recipients in tell {
        q::notify(conn, recipients, request.id, action.as_str(), "").await?;
    }
    Ok(())
}

/// Hands the locked `request` to the unit `pass` names (下派 or 上报: `change` with that unit)
/// and records the pass, to be taken within the configured time.
async fn hand_over(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
    request: &q::Locked,
    change: Change<'_>,
    (direction, from, to): (q::Direction, ids::UnitId, ids::UnitId),
    note: &str,
) -> Result<(), AppError> {
    let handed = Change {
        unit_id: Some(Some(to)),
        ..change
    };
    q::change(conn, &handed).await?;
    let minutes = if request.urgent {
        settings.urgent_pass_minutes
    } else {
        settings.pass_minutes
    };
    q::pass(
        conn,
        request.id,
        direction,
        (from, to),
        user.id,
        note,
        minutes,
    )
    .await?;
    Ok(())
}

async fn category_hours(
    conn: &mut db::PgConnection,
    category_id: CategoryId,
) -> Result<q::Hours, AppError> {
    q::hours(conn, Some(category_id), None)
        .await?
        .ok_or(AppError::Internal)
}

/// The staff part of a request page for `user`, or `None` when they may take no step and no
/// unit is summoned (nothing to show). The units to dispatch to or summon are the city's,
/// the districts' and the streets' and the committee of the request's own community; a street
/// office passes down to its own communities.
pub async fn panel(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    (request_id, status, standing): (RequestId, Status, Standing),
    (proposed_unit, urgent): (Option<String>, bool),
) -> Result<Option<StaffPanel>, AppError> {
    let steps = steps_for(user, status, standing);
    if steps.is_empty() {
        return Ok(None);
    }
    let offers = |step: &str| steps.iter().any(|s| s == step);
    let choice = super::UnitChoice::from;
    let units = if offers("dispatch") || offers("whistle") {
        let mut rows = q::units(conn).await?;
        rows.extend(q::community_unit(conn, request_id).await?);
        rows.into_iter()
            .filter(|u| Some(u.id) != user.unit())
            .map(choice)
            .collect()
    } else {
        Vec::new()
    };
    let communities = match (offers("pass_down"), user.unit()) {
        (true, Some(own)) => q::communities_of(conn, own)
            .await?
            .into_iter()
            .map(choice)
            .collect(),
        _ => Vec::new(),
    };
    let categories = if offers("reclassify") {
        crate::requests::ssr::categories(conn).await?
    } else {
        Vec::new()
    };
    let to_rate: Vec<super::UnitChoice> = match (offers("rate_summons"), user.unit()) {
        (true, Some(own)) => q::summons_to_rate(conn, request_id, own)
            .await?
            .into_iter()
            .map(choice)
            .collect(),
        _ => Vec::new(),
    };
    let answers = if offers("answer") {
        db::answers::for_request(conn, request_id, super::ANSWER_CHOICES)
            .await?
            .into_iter()
            .map(|(id, title, body)| super::AnswerChoice { id, title, body })
            .collect()
    } else {
        Vec::new()
    };
    // Nothing to rate yet: no form for it.
    let steps = steps
        .into_iter()
        .filter(|s| s != "rate_summons" || !to_rate.is_empty())
        .collect();
    Ok(Some(StaffPanel {
        steps,
        units,
        proposed_unit,
        urgent,
        categories,
        communities,
        to_rate,
        answers,
    }))
}

/// The passes of request `request_id` between its street office and its community.
pub async fn passes(
    conn: &mut db::PgConnection,
    request_id: RequestId,
) -> Result<Vec<super::PassView>, AppError> {
    Ok(q::passes(conn, request_id)
        .await?
        .into_iter()
        .map(|p| super::PassView {
            down: p.direction == "down",
            from: Names {
                zh: p.from_zh,
                en: p.from_en,
            },
            to: Names {
                zh: p.to_zh,
                en: p.to_en,
            },
            reason: p.reason,
            answer_by: p.answer_by.timestamp(),
            answered_at: p.answered_at.map(|t| t.timestamp()),
            at: p.created_at.timestamp(),
        })
        .collect())
}

/// The units summoned to request `request_id`, with their ratings; the raters' comments only
/// for a viewer who `sees_all` of it (staff handling it or summoned to it).
pub async fn summons(
    conn: &mut db::PgConnection,
    request_id: RequestId,
    sees_all: bool,
) -> Result<Vec<SummonsView>, AppError> {
    Ok(q::summons(conn, request_id)
        .await?
        .into_iter()
        .map(|s| SummonsView {
            code: s.unit_code,
            unit: Names {
                zh: s.unit_zh,
                en: s.unit_en,
            },
            reason: s.reason,
            check_in_by: s.check_in_by.timestamp(),
            checked_in_at: s.checked_in_at.map(|t| t.timestamp()),
            contributed: s.contributed,
            rating: match (s.arrived, s.cooperation, s.result) {
                (Some(arrived), Some(cooperation), Some(result)) => Some(super::SummonsRating {
                    arrived,
                    cooperation,
                    result,
                    comment: if sees_all {
                        s.comment.unwrap_or_default()
                    } else {
                        String::new()
                    },
                }),
                _ => None,
            },
        })
        .collect())
}

/// How many requests a queue page shows.
pub const QUEUE_PAGE: i64 = 100;

/// Page `page` (from 0) of the staff member's queue: the intake queue for a dispatcher, their
/// unit's for whoever acts for a unit (a handler, a community's staff). Errors: `Forbidden`
/// (anyone else).
pub async fn queue(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
    page: u32,
) -> Result<QueuePage, AppError> {
    // One more than a page, to tell whether another follows.
    let (limit, offset) = (QUEUE_PAGE + 1, QUEUE_PAGE * i64::from(page));
    let rows = match (user.role, user.unit()) {
        (Role::Dispatcher, _) => q::intake(conn, limit, offset).await?,
        (_, Some(unit)) => q::unit_queue(conn, unit, limit, offset).await?,
        _ => return Err(AppError::Forbidden),
    };
    let more = rows.len() as i64 > QUEUE_PAGE;
    let items = rows
        .into_iter()
        .take(QUEUE_PAGE as usize)
        .map(|r| {
            let names = |zh: Option<String>, en: Option<String>| {
                zh.zip(en).map(|(zh, en)| Names { zh, en })
            };
            Ok(QueueItem {
                status: status(&r.status)?,
                is_public: r.is_public,
                tracking_number: r.tracking_number,
                category: Names {
                    zh: r.category_zh,
                    en: r.category_en,
                },
                place: Names {
                    zh: r.place_zh,
                    en: r.place_en,
                },
                summary: r.description.chars().take(80).collect(),
                urgent: r.urgent,
                respond_by: r.respond_by.timestamp(),
                resolve_by: r.resolve_by.timestamp(),
                created_at: r.created_at.timestamp(),
                unit: names(r.unit_zh, r.unit_en),
                rule_area: names(r.rule_area_zh, r.rule_area_en),
                has_rule: r.has_rule,
                check_in_by: r.check_in_by.map(|t| t.timestamp()),
                returns: r.returns,
                passed: names(r.passed_zh, r.passed_en).zip(r.take_by.map(|t| t.timestamp())),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let hot_spots = if page == 0 {
        hot_spots(conn, settings, user).await?
    } else {
        Vec::new()
    };
    // Street offices and communities' committees have a finder's area; the hotline centre a
    // dispatcher acts for has none.
    let records_found = match user.unit() {
        Some(unit) => q::finder_area(conn, unit).await?.is_some(),
        None => false,
    };
    Ok(QueuePage {
        records_found,
        hot_spots,
        items,
        page,
        more,
    })
}

/// The hot spots `user` should know of: all for a dispatcher, its street's for a street
/// office, none for other units.
async fn hot_spots(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
) -> Result<Vec<HotSpot>, AppError> {
    let street = match (user.role, user.unit()) {
        (Role::Dispatcher, _) => None,
        (_, Some(unit)) => match q::street_of(conn, unit).await? {
            Some(street) => Some(street),
            None => return Ok(Vec::new()),
        },
        _ => return Ok(Vec::new()),
    };
    let rows = q::hot_spots(
        conn,
        settings.hot_spot_threshold,
        super::HOT_SPOT_DAYS,
        street,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|h| HotSpot {
            community_code: h.community_code,
            community: Names {
                zh: h.community_zh,
                en: h.community_en,
            },
            street: Names {
                zh: h.street_zh,
                en: h.street_en,
            },
            street_code: h.street_code,
            category: Names {
                zh: h.category_zh,
                en: h.category_en,
            },
            category_code: h.category_code,
            open: h.open,
            case_number: h.case_number,
        })
        .collect())
}
