//! Server-only inbox: reading pages, and the live unread count. The `inbox` hub listens on
//! Postgres (`LISTEN jiesu_inbox`) and fans each announcement out to the browsers connected
//! to this process, so a notification written by any process reaches every open page.

use super::{InboxPage, Notice};
use crate::error::AppError;
use crate::requests::Names;
use ids::UserId;

/// A page of user `user_id`'s notices.
pub async fn page(
    conn: &mut db::PgConnection,
    user_id: UserId,
    before: Option<i64>,
    limit: i64,
) -> Result<InboxPage, AppError> {
    let rows = db::inbox::list(conn, user_id, before, limit + 1).await?;
    let more = rows.len() as i64 > limit;
    let notices: Vec<Notice> = rows
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|r| Notice {
            id: r.id,
            kind: r.kind,
            note: r.note,
            tracking_number: r.tracking_number,
            about: r
                .community_zh
                .zip(r.community_en)
                .zip(r.category_zh.zip(r.category_en))
                .map(
                    |((community_zh, community_en), (category_zh, category_en))| {
                        (
                            Names {
                                zh: community_zh,
                                en: community_en,
                            },
                            Names {
                                zh: category_zh,
                                en: category_en,
                            },
                        )
                    },
                ),
            at: r.created_at.timestamp(),
            read: r.read,
        })
        .collect();
    let next = if more {
        notices.last().map(|n| n.id)
    } else {
        None
    };
    Ok(InboxPage { notices, next })
}

/// `GET /inbox/events`: the signed-in user's unread count as Server-Sent Events (`unread`),
/// now and after every new notification; 401 when signed out.
pub async fn events(
    state: crate::ssr::AppState,
    session: tower_sessions::Session,
) -> axum::response::Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    use axum::response::IntoResponse;
    let user = async {
        crate::accounts::ssr::session_user(&state.pool, &state.settings, &session)
            .await?
            .ok_or(AppError::Unauthorized)
    }
    .await;
    let user = match user {
        Ok(user) => user.id,
        Err(error) => {
            let status = axum::http::StatusCode::from_u16(error.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            return status.into_response();
        }
    };
    let receiver = state.inbox.subscribe();
    let pool = state.pool.clone();
    let ends = crate::ssr::session_ends(state.clone(), session, user);
    // The first event is the count now; then one per announcement for this user.
    let stream = futures::stream::unfold((receiver, true), move |(mut receiver, first)| {
        let pool = pool.clone();
        async move {
            if !first && !crate::ssr::Hub::wait_for(&mut receiver, user).await {
                return None;
            }
            let count = async {
                let mut conn = pool.acquire().await?;
                db::inbox::unread(&mut conn, user).await
            }
            .await
            .unwrap_or_default();
            let event = Event::default().event("unread").data(count.to_string());
            Some((Ok::<_, std::convert::Infallible>(event), (receiver, false)))
        }
    });
    // The stream ends with the session (signed out, disabled, expired).
    Sse::new(futures::StreamExt::take_until(stream, ends))
        .keep_alive(KeepAlive::default())
        .into_response()
}
