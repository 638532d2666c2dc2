//! Server-only consultations: who may create, publish, close, decide and vote, each in the
//! caller's transaction; what a viewer may see of one (results only as its rule allows).

use super::{
    check_ballot, results_visible, ConsultationSummary, ConsultationView, Draft, OptionView,
    Outcome, Phase, ResultsShown, StaffStep,
};
use crate::accounts::{CurrentUser, Role};
use crate::error::AppError;
use crate::requests::Names;
use db::consultations as q;

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
    }
}

/// The area of an area staff member, if the viewer is one.
fn staff_area(viewer: Option<&CurrentUser>) -> Option<i64> {
    viewer
        .filter(|v| v.role == Role::AreaStaff)
        .and_then(|v| v.scope_area_id)
}

/// Whether `viewer` is staff of an area containing area `area_id`.
async fn manages(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
    area_id: i64,
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
    id: i64,
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

/// Area staff create a draft consultation for their area or one within it; its id. Errors:
/// `Forbidden` (not area staff), `Invalid`: `area` (unknown; outside: not within theirs),
/// `closes_at` (past).
pub async fn create(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    draft: &Draft,
) -> Result<i64, AppError> {
    let own = staff_area(Some(user)).ok_or(AppError::Forbidden)?;
    let area = match db::areas::by_code(conn, &draft.area).await {
        Ok(area) => area,
        Err(db::DbError::NotFound) => return Err(AppError::invalid("area", "unknown")),
        Err(other) => return Err(other.into()),
    };
    if !q::area_within(conn, own, area.id).await? {
        return Err(AppError::invalid("area", "outside"));
    }
    if draft.closes_at <= now() {
        return Err(AppError::invalid("closes_at", "past"));
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
        created_by: user.id.0,
    };
    Ok(q::create(conn, &new).await?)
}

/// Consultation `id`, locked for a staff change by `user`. Errors: `NotFound`, `Forbidden`
/// (not staff of an area containing it).
async fn managed(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: i64,
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
    id: i64,
    step: StaffStep,
) -> Result<(), AppError> {
    let row = managed(conn, user, id).await?;
    let now = now();
    match (step, phase(&row, now)) {
        // Nobody could vote in it any more.
        (StaffStep::Publish, Phase::Draft) if row.closes_at.timestamp() <= now => {
            return Err(AppError::invalid("closes_at", "past"))
        }
        (StaffStep::Publish, Phase::Draft) => q::publish(conn, id).await?,
        (StaffStep::Close, Phase::Open) => q::close_now(conn, id).await?,
        _ => return Err(AppError::invalid("status", "not_now")),
    }
    Ok(())
}

/// Staff of an area containing consultation `id` publish its outcome once it has closed.
/// Errors: `NotFound`, `Forbidden`, `Invalid { field: "status", reason: "not_now" }`
/// (not closed yet, or decided already).
pub async fn decide(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: i64,
    outcome: &Outcome,
) -> Result<(), AppError> {
    let row = managed(conn, user, id).await?;
    if !matches!(phase(&row, now()), Phase::AwaitingDecision { .. }) {
        return Err(AppError::invalid("status", "not_now"));
    }
    q::decide(conn, id, &outcome.outcome, &outcome.by, outcome.due).await?;
    Ok(())
}

/// The resident casts or changes their ballot in consultation `id`. Errors: `NotFound`,
/// `Forbidden` (not a resident), `Invalid`: `ballot` (not_open: before opening, after
/// closing or a draft; not_verified: not verified in a community of its area), `options`
/// (see `check_ballot`).
pub async fn vote(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: i64,
    chosen: &[i64],
) -> Result<(), AppError> {
    if user.role != Role::Resident {
        return Err(AppError::Forbidden);
    }
    // One statement: the consultation (locked for share), the resident's standing, the options.
    let ballot_box = q::ballot_box(conn, id, user.id.0)
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
        return Err(AppError::invalid("ballot", "not_open"));
    }
    if !ballot_box.verified {
        return Err(AppError::invalid("ballot", "not_verified"));
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
    q::cast(conn, id, user.id.0, chosen).await?;
    Ok(())
}

async fn options(
    conn: &mut db::PgConnection,
    id: i64,
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
pub async fn view(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
    id: i64,
) -> Result<ConsultationView, AppError> {
    let (row, can_manage) = found(conn, viewer, id).await?;
    let now = now();
    let phase = phase(&row, now);
    let resident = viewer.filter(|v| v.role == Role::Resident);
    let my_choices = match resident {
        Some(v) => q::choices(conn, id, v.id.0).await?,
        None => Vec::new(),
    };
    let can_vote = match resident {
        Some(v) if phase == Phase::Open => {
            db::verifications::verified_in(conn, v.id.0, row.area_id).await?
        }
        _ => false,
    };
    let rule = ResultsShown::parse(&row.results_shown).ok_or(AppError::Internal)?;
    let shown = results_visible(rule, phase, !my_choices.is_empty());
    let options = options(conn, id, shown).await?;
    let turnout = if shown {
        Some(q::turnout(conn, id).await?)
    } else {
        None
    };
    let outcome = match (row.outcome.clone(), row.outcome_by.clone(), row.outcome_due) {
        (Some(outcome), Some(by), Some(due)) => Some(Outcome { outcome, by, due }),
        _ => None,
    };
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
        can_manage,
        outcome,
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
