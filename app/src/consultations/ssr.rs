//! Server-only consultations: who may create, publish, close, decide and vote, each in the
//! caller's transaction; what a viewer may see of one (results only as its rule allows).

use super::{
    check_ballot, results_visible, Chosen, CommentView, ConsultationSummary, ConsultationView,
    Draft, LinkedConsultation, NewComment, NoBallot, OpenRequest, OptionView, Outcome, Phase,
    RequestGroup, ResultsShown, Sources, StaffStep, Tally,
};
use crate::accounts::{CurrentUser, Role};
use crate::consultations::ConsultationRefusal;
use crate::error::AppError;
use crate::requests::Names;
use db::consultations as q;
use db::consultations::discussion;
use ids::{AreaId, CommentId, ConsultationId, OptionId, RequestId};

/// The notification to the residents of the requests a consultation was opened from, when it
/// is published and when its outcome is.
pub const LINKED: &str = "consultation_linked";
pub const DECIDED: &str = "consultation_decided";
/// The notification to the same residents of each progress update after the outcome.
pub const PROGRESS: &str = "consultation_progress";

/// How many consultations the list shows.
const LIST_SIZE: i64 = 200;

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn phase(row: &q::ConsultationRow, now: i64) -> Phase {
    Phase::at(
        &row.status,
        row.opens_at.timestamp(),
        row.closes_at.timestamp(),
        now,
    )
}

fn summary(row: &q::ConsultationRow, now: i64) -> ConsultationSummary {
    ConsultationSummary {
        id: row.id,
        title: row.title.clone(),
        area: Names {
            zh: row.area_zh.clone(),
            en: row.area_en.clone(),
        },
        phase: phase(row, now),
        opens_at: row.opens_at.timestamp(),
        closes_at: row.closes_at.timestamp(),
        planned_closes_at: row.planned_closes_at.map(|t| t.timestamp()),
        reported: row.reported,
    }
}

/// The area of an area staff member, if the viewer is one.
fn staff_area(viewer: Option<&CurrentUser>) -> Option<AreaId> {
    viewer
        .filter(|v| v.role == Role::AreaStaff)
        .and_then(|v| v.scope_area_id)
}

/// Whether `viewer` is staff of an area containing area `area_id`.
async fn manages(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
    area_id: AreaId,
) -> Result<bool, AppError> {
    match staff_area(viewer) {
        Some(own) => Ok(q::area_within(conn, own, area_id).await?),
        None => Ok(false),
    }
}

/// Consultation `id`. Errors: `NotFound` (none, or a draft the viewer may not see).
async fn found(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
    id: ConsultationId,
) -> Result<(q::ConsultationRow, bool), AppError> {
    let row = q::list(conn, q::Which::One(id), 1)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let manage = manages(conn, viewer, row.area_id).await?;
    if row.status == "draft" && !manage {
        return Err(AppError::NotFound);
    }
    Ok((row, manage))
}

/// Area staff create a draft consultation for their area or one within it, linked to the
/// open requests it is opened from; its id. Errors: `Forbidden` (not area staff), `Invalid`:
/// `area` (unknown; outside: not within theirs), `closes_at` (past), `requests` (outside: a
/// request not open, or not in a community of the consultation's area).
pub async fn create(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    draft: &Draft,
) -> Result<ConsultationId, AppError> {
    let own = staff_area(Some(user)).ok_or(AppError::Forbidden)?;
    let area = match db::areas::by_code(conn, &draft.area).await {
        Ok(area) => area,
        Err(db::DbError::NotFound) => return Err(AppError::from(ConsultationRefusal::AreaUnknown)),
        Err(other) => return Err(other.into()),
    };
    if !q::area_within(conn, own, area.id).await? {
        return Err(AppError::from(ConsultationRefusal::AreaOutside));
    }
    if draft.closes_at <= now() {
        return Err(AppError::from(ConsultationRefusal::ClosesAtPast));
    }
    let time = |at: i64| chrono::DateTime::from_timestamp(at, 0).ok_or(AppError::Internal);
    let new = q::NewConsultation {
        area_id: area.id,
        title: &draft.title,
        background: &draft.background,
        question: &draft.question,
        max_choices: draft.max_choices,
        results_shown: draft.results_shown.as_str(),
        opens_at: time(draft.opens_at)?,
        closes_at: time(draft.closes_at)?,
        options: &draft.options,
        abstain: draft.abstain,
        created_by: user.id,
    };
    if !draft.requests.is_empty()
        && q::open_within(conn, area.id, &draft.requests).await?.len() != draft.requests.len()
    {
        return Err(AppError::from(ConsultationRefusal::RequestsOutside));
    }
    let id = q::create(conn, &new).await?;
    q::link_requests(conn, id, &draft.requests).await?;
    Ok(id)
}

/// Consultation `id`, locked for a staff change by `user`. Errors: `NotFound`, `Forbidden`
/// (not staff of an area containing it).
async fn managed(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: ConsultationId,
) -> Result<q::ConsultationRow, AppError> {
    if !q::lock(conn, id, true).await? {
        return Err(AppError::NotFound);
    }
    match found(conn, Some(user), id).await? {
        (row, true) => Ok(row),
        (_, false) => Err(AppError::Forbidden),
    }
}

/// Staff of an area containing consultation `id` publish it (a draft) or close it now (while
/// open). Errors: `NotFound`, `Forbidden`, `Invalid { field: "status", reason:
/// "not_now" }`.
pub async fn staff_step(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: ConsultationId,
    step: StaffStep,
) -> Result<(), AppError> {
    let row = managed(conn, user, id).await?;
    let now = now();
    match (step, phase(&row, now)) {
        // Nobody could vote in it any more.
        (StaffStep::Publish, Phase::Draft) if row.closes_at.timestamp() <= now => {
            return Err(AppError::from(ConsultationRefusal::ClosesAtPast))
        }
        (StaffStep::Publish, Phase::Draft) => {
            q::publish(conn, id).await?;
            q::notify_filers(conn, id, LINKED).await?;
        }
        (StaffStep::Close, Phase::Open) => q::close_now(conn, id).await?,
        _ => return Err(AppError::from(ConsultationRefusal::StatusNotNow)),
    }
    Ok(())
}

/// Staff of an area containing consultation `id` publish its outcome once it has closed.
/// Errors: `NotFound`, `Forbidden`, `Invalid { field: "status", reason: "not_now" }`
/// (not closed yet, or decided already).
pub async fn decide(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: ConsultationId,
    outcome: &Outcome,
) -> Result<(), AppError> {
    let row = managed(conn, user, id).await?;
    if !matches!(phase(&row, now()), Phase::AwaitingDecision { .. }) {
        return Err(AppError::from(ConsultationRefusal::StatusNotNow));
    }
    q::decide(conn, id, &outcome.outcome, &outcome.by, outcome.due).await?;
    q::notify_filers(conn, id, DECIDED).await?;
    Ok(())
}

/// Staff of an area containing decided consultation `id` post how its outcome is going.
/// Errors: `NotFound`, `Forbidden`, `Invalid { field: "status", reason: "not_now" }` (no
/// outcome yet).
pub async fn post_update(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: ConsultationId,
    note: &str,
) -> Result<(), AppError> {
    let row = managed(conn, user, id).await?;
    if phase(&row, now()) != Phase::Decided {
        return Err(AppError::from(ConsultationRefusal::StatusNotNow));
    }
    q::add_update(conn, id, note, user.id).await?;
    q::notify_filers(conn, id, PROGRESS).await?;
    Ok(())
}

/// Whether `user` may take part in the discussion of consultation `row`: a resident verified
/// in its area, or its staff (`manage`); not in a draft.
async fn may_comment(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    row: &q::ConsultationRow,
    manage: bool,
) -> Result<bool, AppError> {
    Ok(row.status != "draft"
        && (manage
            || (user.role == Role::Resident
                && db::verifications::verified_in(conn, user.id, row.area_id).await?)))
}

/// `user` comments on consultation `id` (or replies to a comment); the comment's id.
/// Errors: `NotFound`, `Invalid`: `status` (not_now: a draft), `body` (not_verified: not a
/// resident verified in its area nor its staff), `parent` (unknown: not a comment of this
/// consultation, or a reply).
pub async fn comment(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: ConsultationId,
    comment: &NewComment,
) -> Result<CommentId, AppError> {
    let (row, manage) = found(conn, Some(user), id).await?;
    if row.status == "draft" {
        return Err(AppError::from(ConsultationRefusal::StatusNotNow));
    }
    if !may_comment(conn, user, &row, manage).await? {
        return Err(AppError::from(ConsultationRefusal::BodyNotVerified));
    }
    match discussion::add(conn, id, comment.parent, user.id, &comment.body).await {
        Ok(comment) => Ok(comment),
        Err(db::DbError::Conflict { constraint })
            if constraint == "consultation_comments_parent_fkey" =>
        {
            Err(AppError::from(ConsultationRefusal::ParentUnknown))
        }
        Err(other) => Err(other.into()),
    }
}

/// A resident reports comment `comment_id` (once; again changes nothing); its consultation.
/// Errors: `NotFound`, `Forbidden` (not a resident), `Invalid { field: "status", reason:
/// "not_now" }` (their own comment, or hidden already).
pub async fn report(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    comment_id: CommentId,
) -> Result<ConsultationId, AppError> {
    if user.role != Role::Resident {
        return Err(AppError::Forbidden);
    }
    let comment = discussion::lock(conn, comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    found(conn, Some(user), comment.consultation_id).await?;
    if comment.hidden || comment.author_id == user.id {
        return Err(AppError::from(ConsultationRefusal::StatusNotNow));
    }
    discussion::report(conn, comment_id, user.id).await?;
    Ok(comment.consultation_id)
}

/// Staff of an area containing its consultation hide comment `comment_id`, saying why; its
/// consultation. Errors: `NotFound`, `Forbidden`, `Invalid { field: "status", reason:
/// "not_now" }` (hidden already).
pub async fn hide(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    comment_id: CommentId,
    reason: &str,
) -> Result<ConsultationId, AppError> {
    let comment = discussion::lock(conn, comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !found(conn, Some(user), comment.consultation_id).await?.1 {
        return Err(AppError::Forbidden);
    }
    if comment.hidden {
        return Err(AppError::from(ConsultationRefusal::StatusNotNow));
    }
    discussion::hide(conn, comment_id, user.id, reason).await?;
    Ok(comment.consultation_id)
}

/// The consultations opened from request `request_id`, for its page.
pub async fn of_request(
    conn: &mut db::PgConnection,
    request_id: RequestId,
) -> Result<Vec<LinkedConsultation>, AppError> {
    let now = now();
    Ok(q::of_request(conn, request_id)
        .await?
        .into_iter()
        .map(|l| LinkedConsultation {
            id: l.id,
            title: l.label,
            phase: Phase::at(
                &l.status,
                l.opens_at.timestamp(),
                l.closes_at.timestamp(),
                now,
            ),
            outcome: l.outcome,
        })
        .collect())
}

/// The open request groups of area staff `user`'s area and, when `community` and `category`
/// name one, its requests. Errors: `Forbidden` (not area staff).
pub async fn sources(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    hot_spot_threshold: i64,
    community: Option<&str>,
    category: Option<&str>,
) -> Result<Sources, AppError> {
    let own = staff_area(Some(user)).ok_or(AppError::Forbidden)?;
    let groups: Vec<RequestGroup> = q::request_groups(conn, own)
        .await?
        .into_iter()
        .map(|g| RequestGroup {
            community: Names {
                zh: g.community_zh,
                en: g.community_en,
            },
            community_code: g.community_code,
            category: Names {
                zh: g.category_zh,
                en: g.category_en,
            },
            category_code: g.category_code,
            hot_spot: g.open >= hot_spot_threshold,
            open: g.open,
        })
        .collect();
    let chosen = match (community, category) {
        (Some(community), Some(category)) => {
            let group = groups
                .iter()
                .find(|g| g.community_code == community && g.category_code == category)
                .cloned();
            match group {
                Some(group) => Some(Chosen {
                    requests: q::open_requests(conn, own, community, category)
                        .await?
                        .into_iter()
                        .map(|r| OpenRequest {
                            id: r.id,
                            tracking_number: r.tracking_number,
                            summary: summary_line(&r.description),
                            at: r.created_at.timestamp(),
                        })
                        .collect(),
                    group,
                }),
                None => None,
            }
        }
        _ => None,
    };
    Ok(Sources { groups, chosen })
}

/// The first line of `text`, at most 60 characters.
fn summary_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    match line.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line.to_owned(),
    }
}

/// The results of consultation `id` for a page following them live, if `viewer` may see them
/// and they may still change (it is open): the published tally (`public_tally`), `Some(None)`
/// while none is; `None` when there is nothing to follow.
pub async fn live_tally(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
    id: ConsultationId,
    min_ballots: i64,
) -> Result<Option<Option<Tally>>, AppError> {
    let (row, _) = found(conn, viewer, id).await?;
    let phase = phase(&row, now());
    let voted = match viewer.filter(|v| v.role == Role::Resident) {
        Some(v) => !q::choices(conn, id, v.id).await?.is_empty(),
        None => false,
    };
    let rule = ResultsShown::parse(&row.results_shown).ok_or(AppError::Internal)?;
    if phase != Phase::Open || !results_visible(rule, phase, voted) {
        return Ok(None);
    }
    public_tally(conn, id, min_ballots).await.map(Some)
}

/// The results of open consultation `id` that viewers may see: the last tally published, or
/// a new one once at least `min_ballots` ballots were cast or changed since (the first with
/// votes needs `min_ballots` voters; before anyone voted, the empty tally is published, which
/// tells nothing about anyone). One ballot alone never changes what anyone sees, so nobody
/// learns a neighbour's choice by watching the count move. `None` while nothing was
/// published.
pub async fn public_tally(
    conn: &mut db::PgConnection,
    id: ConsultationId,
    min_ballots: i64,
) -> Result<Option<Tally>, AppError> {
    let published = q::published_tally(conn, id).await?;
    let since = published.as_ref().map(|p| p.published_at);
    let changed = q::ballots_changed_since(conn, id, since).await?;
    if changed >= min_ballots.max(1) || (published.is_none() && changed == 0) {
        let tally = tally(conn, id).await?;
        q::publish_tally(conn, id, &tally.votes, tally.ballots, tally.eligible).await?;
        return Ok(Some(tally));
    }
    Ok(published.map(|p| Tally {
        votes: p.votes,
        ballots: p.ballots,
        eligible: p.eligible,
    }))
}

/// The results of consultation `id` now.
pub async fn tally(conn: &mut db::PgConnection, id: ConsultationId) -> Result<Tally, AppError> {
    let votes = q::options(conn, id)
        .await?
        .iter()
        .map(|o| o.votes)
        .collect();
    let (ballots, eligible) = q::turnout(conn, id).await?;
    Ok(Tally {
        votes,
        ballots,
        eligible,
    })
}

/// The resident casts or changes their ballot in consultation `id`. Errors: `NotFound`,
/// `Forbidden` (not a resident), `Invalid`: `ballot` (not_open: before opening, after
/// closing or a draft; not_verified: not verified in a community of its area), `options`
/// (see `check_ballot`). Needs no transaction: the ballot is written by one statement, which
/// checks again under its lock that it is still allowed.
pub async fn vote(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: ConsultationId,
    chosen: &[OptionId],
) -> Result<(), AppError> {
    if user.role != Role::Resident {
        return Err(AppError::Forbidden);
    }
    // One statement: the consultation, the resident's standing, the options.
    let ballot_box = q::ballot_box(conn, id, user.id)
        .await?
        .filter(|b| b.status != "draft")
        .ok_or(AppError::NotFound)?;
    let phase = Phase::at(
        &ballot_box.status,
        ballot_box.opens_at.timestamp(),
        ballot_box.closes_at.timestamp(),
        now(),
    );
    if phase != Phase::Open {
        return Err(AppError::from(ConsultationRefusal::BallotNotOpen));
    }
    if !ballot_box.verified {
        return Err(AppError::from(ConsultationRefusal::BallotNotVerified));
    }
    let options: Vec<OptionView> = ballot_box
        .option_ids
        .iter()
        .zip(&ballot_box.abstains)
        .map(|(id, abstain)| OptionView {
            id: *id,
            label: String::new(),
            abstain: *abstain,
            votes: None,
        })
        .collect();
    check_ballot(chosen, &options, ballot_box.max_choices)?;
    if !q::cast(conn, id, user.id, chosen).await? {
        // Closed, or the verification revoked, since the ballot box was read.
        return Err(AppError::from(ConsultationRefusal::BallotNotOpen));
    }
    Ok(())
}

async fn options(
    conn: &mut db::PgConnection,
    id: ConsultationId,
    with_votes: bool,
) -> Result<Vec<OptionView>, AppError> {
    Ok(q::options(conn, id)
        .await?
        .into_iter()
        .map(|o| OptionView {
            id: o.id,
            label: o.label,
            abstain: o.abstain,
            votes: with_votes.then_some(o.votes),
        })
        .collect())
}

/// Consultation `id` as `viewer` may see it: results only as its rule allows, the viewer's
/// own ballot for them only. Errors: `NotFound`.
///
/// While it is open, the results are the published tally (`public_tally` with
/// `min_ballots`): none until enough residents have voted.
pub async fn view(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
    id: ConsultationId,
    min_ballots: i64,
) -> Result<ConsultationView, AppError> {
    let (row, can_manage) = found(conn, viewer, id).await?;
    let now = now();
    let phase = phase(&row, now);
    let resident = viewer.filter(|v| v.role == Role::Resident);
    let my_choices = match resident {
        Some(v) => q::choices(conn, id, v.id).await?,
        None => Vec::new(),
    };
    let can_vote = match resident {
        Some(v) if phase == Phase::Open => {
            db::verifications::verified_in(conn, v.id, row.area_id).await?
        }
        _ => false,
    };
    let no_ballot = match viewer {
        _ if phase != Phase::Open || can_vote => None,
        None => Some(NoBallot::SignIn),
        Some(v) if v.role != Role::Resident => Some(NoBallot::Staff),
        Some(_) => Some(NoBallot::Unverified),
    };
    let rule = ResultsShown::parse(&row.results_shown).ok_or(AppError::Internal)?;
    let shown = results_visible(rule, phase, !my_choices.is_empty());
    // Open: what was last published, never the count of this moment; else the count.
    let live = shown && phase == Phase::Open;
    let mut options = options(conn, id, shown && !live).await?;
    let mut withheld_until = None;
    let turnout = if live {
        match public_tally(conn, id, min_ballots).await? {
            Some(published) => {
                for (option, votes) in options.iter_mut().zip(published.votes) {
                    option.votes = Some(votes);
                }
                Some((published.ballots, published.eligible))
            }
            None => {
                withheld_until = Some(min_ballots);
                None
            }
        }
    } else if shown {
        Some(q::turnout(conn, id).await?)
    } else {
        None
    };
    let outcome = match (row.outcome.clone(), row.outcome_by.clone(), row.outcome_due) {
        (Some(outcome), Some(by), Some(due)) => Some(Outcome { outcome, by, due }),
        _ => None,
    };
    let can_comment = match viewer {
        Some(v) => may_comment(conn, v, &row, can_manage).await?,
        None => false,
    };
    let viewer_id = viewer.map(|v| v.id);
    let comments = discussion::comments(conn, id, viewer_id, super::MAX_COMMENTS)
        .await?
        .into_iter()
        .map(|c| CommentView {
            id: c.id,
            parent: c.parent_id,
            author: c.author_name,
            by_staff: c.by_staff,
            // Residents' words are public here: numbers in them are masked, but for their
            // author.
            body: if Some(c.author_id) == viewer_id {
                c.body
            } else {
                c.body.map(|b| crate::requests::mask_private_numbers(&b))
            },
            hidden_reason: c.hidden_reason,
            at: c.created_at.timestamp(),
            reports: can_manage.then_some(c.reports),
            reported: c.reported_by_viewer,
            mine: Some(c.author_id) == viewer_id,
        })
        .collect();
    let updates = q::updates(conn, id)
        .await?
        .into_iter()
        .map(|u| (u.created_at.timestamp(), u.note))
        .collect();
    Ok(ConsultationView {
        summary: summary(&row, now),
        area_code: row.area_code,
        background: row.background,
        question: row.question,
        max_choices: row.max_choices,
        results_shown: rule,
        options,
        turnout,
        my_choices,
        can_vote,
        no_ballot,
        can_manage,
        outcome,
        updates,
        // Private requests stay out of public view: their numbers are for its staff.
        requests: q::requests_of(conn, id, can_manage).await?,
        comments,
        can_comment,
        can_report: resident.is_some() && phase != Phase::Draft,
        live: live && withheld_until.is_none(),
        withheld_until,
    })
}

/// Every published or decided consultation, and the drafts of the viewer's area for its
/// staff; the latest closing first.
pub async fn list(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
) -> Result<Vec<ConsultationSummary>, AppError> {
    let which = q::Which::Listed {
        drafts_of: staff_area(viewer),
    };
    let now = now();
    Ok(q::list(conn, which, LIST_SIZE)
        .await?
        .iter()
        .map(|row| summary(row, now))
        .collect())
}

/// `GET /consultations/{id}/events`: consultation `id`'s results as Server-Sent Events
/// (`tally`, see `Tally::encode`), now and after ballots are cast (at most one a second),
/// while the viewer may see them and they may change; 204 otherwise (the browser stops
/// asking), 404 for a consultation the viewer may not see.
pub async fn events(
    state: crate::ssr::AppState,
    session: tower_sessions::Session,
    id: ConsultationId,
) -> axum::response::Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use axum::response::IntoResponse;
    let viewer = crate::accounts::ssr::session_user(&state.pool, &state.settings, &session)
        .await
        .ok()
        .flatten();
    // Following before the first read: a ballot in between still brings an update.
    let min_ballots = state.settings.live_results_min_ballots;
    let tallies = state.ballots.follow(&state.pool, id, min_ballots);
    let first = async {
        let mut conn = state.pool.acquire().await?;
        live_tally(&mut conn, viewer.as_ref(), id, min_ballots).await
    }
    .await;
    let first = match first {
        Ok(Some(tally)) => tally,
        Ok(None) => return axum::http::StatusCode::NO_CONTENT.into_response(),
        Err(error) => {
            return axum::http::StatusCode::from_u16(error.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
                .into_response()
        }
    };
    // The published tally now (if any), then each newly published one.
    let stream = futures::stream::unfold(
        (tallies, first.clone(), first),
        |(mut tallies, pending, last)| async move {
            let tally = match pending {
                Some(tally) => tally,
                None => loop {
                    tallies.changed().await.ok()?;
                    let next = tallies.borrow_and_update().clone();
                    if let Some(tally) = next.filter(|t| Some(t) != last.as_ref()) {
                        break tally;
                    }
                },
            };
            let event = Event::default().event("tally").data(tally.encode());
            Some((
                Ok::<_, std::convert::Infallible>(event),
                (tallies, None, Some(tally)),
            ))
        },
    );
    // A viewer's stream ends with their session (what they may see may depend on who they
    // are); an anonymous one sees what everyone sees.
    let ends: futures::future::Either<_, futures::future::Pending<()>> = match viewer {
        Some(user) => {
            futures::future::Either::Left(crate::ssr::session_ends(state.clone(), session, user.id))
        }
        None => futures::future::Either::Right(futures::future::pending()),
    };
    Sse::new(futures::StreamExt::take_until(stream, ends))
        .keep_alive(KeepAlive::default())
        .into_response()
}
