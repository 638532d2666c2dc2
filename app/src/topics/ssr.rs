//! Server-only 每月一题: publishing and progress (admins only, in the caller's transaction),
//! the candidates from last month's rollups, and the topics as pages and requests show them.

use super::{
    Candidate, Candidates, Choice, TopicChange, TopicList, TopicSummary, TopicView, UpdateView,
    CANDIDATES, MIN_RATED,
};
use crate::accounts::{CurrentUser, Role};
use crate::admin::ssr::admin_only;
use crate::error::AppError;
use crate::measures::ssr::current_month;
use crate::requests::Names;
use crate::topics::TopicRefusal;
use chrono::NaiveDate;
use db::topics as q;
use ids::TopicId;

/// How many topics the list shows.
const LIST_SIZE: i64 = 200;

/// Today in Beijing.
fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

fn first_day(month: crate::measures::Month) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(month.year, month.month, 1).ok_or(AppError::Internal)
}

fn names(zh: String, en: String) -> Names {
    Names { zh, en }
}

/// Applies `change` for `user`; the topic's id. Errors: `Forbidden` (publishing: not an admin;
/// progress: neither an admin nor acting for a unit of the topic's task force), `NotFound`
/// (progress on no topic), `Invalid`: `district`, `category`, `lead_unit`,
/// `co_units` (unknown: no such district, category or unit), `deadline` (past), `category`
/// (taken: the district has this month's topic for the category already).
pub async fn apply(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    change: &TopicChange,
) -> Result<TopicId, AppError> {
    match change {
        TopicChange::Publish(draft) => {
            admin_only(user)?;
            let district = match db::areas::by_code(conn, &draft.district).await {
                // The city itself for a city-wide topic.
                Ok(area) if area.level == "district" || area.level == "city" => area,
                Ok(_) | Err(db::DbError::NotFound) => {
                    return Err(AppError::from(TopicRefusal::DistrictUnknown))
                }
                Err(other) => return Err(other.into()),
            };
            let category = db::requests::category(conn, &draft.category)
                .await?
                .ok_or_else(|| AppError::from(crate::requests::RequestRefusal::CategoryUnknown))?;
            let lead_unit = db::handling::unit_id(conn, &draft.lead_unit)
                .await?
                .ok_or_else(|| AppError::from(TopicRefusal::LeadUnitUnknown))?;
            let mut co_unit_ids = Vec::with_capacity(draft.co_units.len());
            for code in &draft.co_units {
                co_unit_ids.push(
                    db::handling::unit_id(conn, code)
                        .await?
                        .ok_or_else(|| AppError::from(TopicRefusal::CoUnitsUnknown))?,
                );
            }
            if draft.deadline < today() {
                return Err(AppError::from(TopicRefusal::DeadlinePast));
            }
            let topic = q::NewTopic {
                month: first_day(current_month())?,
                district_id: district.id,
                category_id: category.id,
                title: &draft.title,
                description: &draft.description,
                target: &draft.target,
                target_count: draft
                    .target_count
                    .as_ref()
                    .map(|(n, unit)| (*n, unit.as_str())),
                deadline: draft.deadline,
                lead_unit_id: lead_unit,
                co_unit_ids: &co_unit_ids,
                published_by: user.id,
            };
            q::publish(conn, &topic)
                .await?
                .ok_or_else(|| AppError::from(TopicRefusal::CategoryTaken))
        }
        TopicChange::Progress {
            topic,
            percent,
            result,
            note,
        } => {
            let unit = poster(conn, user, *topic).await?;
            let progress = q::Progress {
                percent: *percent,
                result: *result,
                note,
            };
            if q::post_update(conn, *topic, &progress, (user.id, unit)).await? {
                Ok(*topic)
            } else {
                Err(AppError::NotFound)
            }
        }
        TopicChange::Document { topic, document } => {
            poster(conn, user, *topic).await?;
            let document = q::Document {
                title: &document.title,
                issuer: &document.issuer,
                issued_on: document.issued_on,
                link: &document.link,
                body: &document.body,
            };
            if q::add_document(conn, *topic, &document, user.id).await? {
                Ok(*topic)
            } else {
                Err(AppError::NotFound)
            }
        }
    }
}

/// Who posts progress or a document on `topic` for `user`: an admin for the city (`None`),
/// staff of a task force unit for that unit. Errors: `Forbidden` (anyone else).
async fn poster(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    topic: TopicId,
) -> Result<Option<ids::UnitId>, AppError> {
    match (user.role, user.unit()) {
        (Role::Admin, _) => Ok(None),
        (_, Some(unit)) if q::in_task_force(conn, topic, unit).await? => Ok(Some(unit)),
        _ => Err(AppError::Forbidden),
    }
}

fn summary(row: q::TopicRow, today: NaiveDate) -> TopicSummary {
    TopicSummary {
        id: row.id,
        citywide: row.district_code == crate::areas::CITY_CODE,
        month: row.month.format("%Y-%m").to_string(),
        district_code: row.district_code,
        district: names(row.district_zh, row.district_en),
        category_code: row.category_code,
        category: names(row.category_zh, row.category_en),
        title: row.title,
        lead_unit: names(row.lead_unit_zh, row.lead_unit_en),
        percent: row.percent,
        deadline: row.deadline.format("%Y-%m-%d").to_string(),
        overdue: row.deadline < today && row.percent < 100,
    }
}

fn is_admin(viewer: Option<&CurrentUser>) -> bool {
    viewer.is_some_and(|v| v.role == Role::Admin)
}

/// Every topic, newest first (at most `LIST_SIZE`).
pub async fn list(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
) -> Result<TopicList, AppError> {
    let today = today();
    let topics = q::list(conn, None, LIST_SIZE)
        .await?
        .into_iter()
        .map(|row| summary(row, today))
        .collect();
    Ok(TopicList {
        topics,
        can_publish: is_admin(viewer),
    })
}

/// Topic `id` with its co-units and progress. Errors: `NotFound`.
pub async fn view(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
    id: TopicId,
) -> Result<TopicView, AppError> {
    let row = q::list(conn, Some(id), 1)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let description = row.description.clone();
    let target = row.target.clone();
    let target_count = row.target_count.map(|n| (n, row.target_unit.clone()));
    let result_count = row.result_count;
    let documents = q::documents(conn, id)
        .await?
        .into_iter()
        .map(|d| super::DocumentView {
            title: d.title,
            issuer: d.issuer,
            issued_on: d.issued_on.format("%Y-%m-%d").to_string(),
            link: d.link,
            body: d.body,
        })
        .collect();
    let published_at = row.published_at.timestamp();
    let co_units = q::co_units(conn, id)
        .await?
        .into_iter()
        .map(|u| names(u.name_zh, u.name_en))
        .collect();
    let updates = q::updates(conn, id)
        .await?
        .into_iter()
        .map(|u| UpdateView {
            percent: u.percent,
            result: u.result_count,
            note: u.note,
            at: u.posted_at.timestamp(),
            unit: u.unit_zh.zip(u.unit_en).map(|(zh, en)| names(zh, en)),
        })
        .collect();
    let can_post = match viewer {
        Some(v) => match poster(conn, v, id).await {
            Ok(_) => true,
            Err(AppError::Forbidden) => false,
            Err(other) => return Err(other),
        },
        None => false,
    };
    Ok(TopicView {
        summary: summary(row, today()),
        description,
        target,
        target_count,
        result_count,
        documents,
        co_units,
        published_at,
        updates,
        can_post,
    })
}

fn candidate(row: q::CandidateRow) -> Candidate {
    Candidate {
        satisfaction: (row.rated > 0).then(|| row.satisfied as f64 * 100.0 / row.rated as f64),
        district_code: row.district_code,
        district: names(row.district_zh, row.district_en),
        category_code: row.category_code,
        category: names(row.category_zh, row.category_en),
        filed: row.filed,
        rated: row.rated,
        topic: row.topic_id,
    }
}

/// Last month's candidates (most filed; least satisfied among those rated `MIN_RATED` times
/// or more), each marked when this month's topic for it is out, and the form's choices.
/// Errors: `Forbidden` (not an admin).
pub async fn candidates(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
) -> Result<Candidates, AppError> {
    admin_only(user)?;
    let this_month = current_month();
    let last_month = this_month.previous();
    let (from, published) = (first_day(last_month)?, first_day(this_month)?);
    let ranked = |rows: Vec<q::CandidateRow>| rows.into_iter().map(candidate).collect();
    let most_filed =
        ranked(q::candidates(conn, from, published, q::Rank::MostFiled, CANDIDATES).await?);
    let least_satisfied = ranked(
        q::candidates(
            conn,
            from,
            published,
            q::Rank::LeastSatisfied {
                min_rated: MIN_RATED,
            },
            CANDIDATES,
        )
        .await?,
    );
    let districts = q::districts(conn)
        .await?
        .into_iter()
        .map(|d| {
            // The city comes first: a city-wide topic, whose task force spans districts.
            let name = if d.code == crate::areas::CITY_CODE {
                names(
                    format!("{}（全市）", d.name_zh),
                    format!("{} (city-wide)", d.name_en),
                )
            } else {
                names(d.name_zh, d.name_en)
            };
            Choice {
                code: d.code,
                name,
                nested: false,
            }
        })
        .collect();
    let categories = db::admin::categories(conn, crate::admin::OWN_COMMUNITY)
        .await?
        .into_iter()
        .map(|c| Choice {
            nested: c.parent_code.is_some(),
            code: c.code,
            name: names(c.name_zh, c.name_en),
        })
        .collect();
    // The hotline centre answers at intake; it leads no topic.
    let units = db::admin::units(conn)
        .await?
        .into_iter()
        .filter(|u| u.kind != "hotline_centre")
        .map(|u| Choice {
            code: u.code,
            name: names(u.name_zh, u.name_en),
            nested: false,
        })
        .collect();
    Ok(Candidates {
        month: last_month.to_string(),
        most_filed,
        least_satisfied,
        districts,
        categories,
        units,
    })
}
