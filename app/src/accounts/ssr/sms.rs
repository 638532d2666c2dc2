//! Sending a text message. In development and tests the message goes to the log and to the
//! `sms_outbox` table, where tests read it; in production to an HTTP SMS gateway, configured
//! by URL and key (`Settings::sms_gateway`).

use crate::error::AppError;
use crate::ssr::Settings;
use std::time::Duration;

/// An HTTP SMS gateway: `POST url` with `Authorization: Bearer key` and the JSON body
/// `{"phone": "13800000001", "message": "…"}`; any 2xx answer means sent.
#[derive(Clone, PartialEq, Eq)]
pub struct SmsGateway {
    pub url: String,
    pub key: String,
}

impl std::fmt::Debug for SmsGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsGateway")
            .field("url", &self.url)
            .field("key", &"[redacted]")
            .finish()
    }
}

#[derive(serde::Serialize)]
struct Outgoing<'a> {
    phone: &'a str,
    message: &'a str,
}

/// How long the gateway may take to answer.
const GATEWAY_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends `body` to `phone` with the configured sender. Errors: `Unavailable` (the gateway
/// failed or did not answer in time; the caller's transaction then keeps nothing).
pub async fn send(
    conn: &mut db::PgConnection,
    settings: &Settings,
    phone: &str,
    body: &str,
) -> Result<(), AppError> {
    let Some(gateway) = &settings.sms_gateway else {
        tracing::info!(phone, body, "SMS (development sender)");
        db::codes::keep_sent_message(conn, phone, body).await?;
        return Ok(());
    };
    static CLIENT: std::sync::LazyLock<reqwest::Client> = std::sync::LazyLock::new(|| {
        reqwest::Client::builder()
            .timeout(GATEWAY_TIMEOUT)
            .build()
            .unwrap_or_default()
    });
    let answer = CLIENT
        .post(&gateway.url)
        .bearer_auth(&gateway.key)
        .json(&Outgoing {
            phone,
            message: body,
        })
        .send()
        .await;
    match answer {
        Ok(response) if response.status().is_success() => Ok(()),
        Ok(response) => {
            tracing::error!(status = %response.status(), "the SMS gateway refused a message");
            Err(AppError::Unavailable)
        }
        Err(error) => {
            tracing::error!(%error, "the SMS gateway did not answer");
            Err(AppError::Unavailable)
        }
    }
}
