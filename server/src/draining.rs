//! Stopping without cutting anyone off. On SIGTERM the server stops taking connections and
//! finishes the requests it has; a live stream (Server-Sent Events) would never finish, so
//! every stream ends then, and its browser reconnects, through the proxy, to another server.
//! Each stream's first event is the state now (the unread count, the tally), so nothing
//! announced meanwhile is missed.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use futures::StreamExt;
use tokio::sync::watch;

/// Starts the draining (held by whatever watches for the signal).
pub struct Drain(watch::Sender<bool>);

/// Whether the draining started (held by the middleware).
#[derive(Clone)]
pub struct Draining(watch::Receiver<bool>);

/// A drain and what it tells.
pub fn channel() -> (Drain, Draining) {
    let (start, started) = watch::channel(false);
    (Drain(start), Draining(started))
}

impl Drain {
    /// Every live stream ends now, and every one opened from now on ends at once.
    pub fn start(&self) {
        self.0.send_replace(true);
    }
}

impl Draining {
    async fn started(mut self) {
        // An error: the drain is gone, which only happens when the process ends.
        let _ = self.0.wait_for(|started| *started).await;
    }
}

/// Ends the event streams when the draining starts; other responses pass untouched.
pub async fn end_streams(
    State(draining): State<Draining>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let stream = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    if !stream {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = body.into_data_stream().take_until(draining.started());
    Response::from_parts(parts, Body::from_stream(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::response::sse::{Event, Sse};
    use http_body_util::BodyExt;
    use std::time::Duration;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_stream_ends_when_draining_starts_and_a_page_is_untouched() {
        let (drain, draining) = channel();
        let app = axum::Router::new()
            .route(
                "/events",
                axum::routing::get(|| async {
                    let ticks = futures::stream::repeat_with(|| {
                        Ok::<_, std::convert::Infallible>(Event::default().data("tick"))
                    })
                    .then(|event| async {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        event
                    });
                    Sse::new(ticks)
                }),
            )
            .route("/page", axum::routing::get(|| async { "page" }))
            .layer(axum::middleware::from_fn_with_state(
                draining.clone(),
                end_streams,
            ));
        let get = |uri: &str| Request::get(uri).body(Body::empty()).expect("request");

        let mut body = app
            .clone()
            .oneshot(get("/events"))
            .await
            .expect("answered")
            .into_body();
        let first = body.frame().await.expect("a frame").expect("data");
        assert!(first
            .data_ref()
            .is_some_and(|d| d.starts_with(b"data: tick")));
        drain.start();
        let rest = tokio::time::timeout(Duration::from_secs(5), body.collect())
            .await
            .expect("the stream ended");
        assert!(rest.is_ok());

        // Opened while draining: ends at once. A page is answered whole.
        let late = app.clone().oneshot(get("/events")).await.expect("answered");
        let late = tokio::time::timeout(Duration::from_secs(5), late.into_body().collect())
            .await
            .expect("ended at once");
        assert!(late.is_ok());
        let page = app.oneshot(get("/page")).await.expect("answered");
        let page = page.into_body().collect().await.expect("a body").to_bytes();
        assert_eq!(&page[..], b"page");
    }
}
