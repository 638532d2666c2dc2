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

/// A text message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub phone: String,
    pub body: String,
}

#[derive(serde::Serialize)]
struct Outgoing<'a> {
    phone: &'a str,
    message: &'a str,
}

/// How long the gateway may take to answer.
const GATEWAY_TIMEOUT: Duration = Duration::from_secs(5);

/// Sends `message` with the configured sender. Called after the transaction that made it is
/// committed, so a slow gateway holds no database connection. Errors: `Unavailable` (the
/// gateway failed or did not answer in time).
pub async fn send(
    pool: &db::PgPool,
    settings: &Settings,
    message: &Message,
) -> Result<(), AppError> {
    let (phone, body) = (message.phone.as_str(), message.body.as_str());
    let Some(gateway) = &settings.sms_gateway else {
        tracing::info!(phone, body, "SMS (development sender)");
        let mut conn = pool.acquire().await?;
        db::codes::keep_sent_message(&mut conn, phone, body).await?;
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
            // Without the URL: a key in its query string must not reach the log.
            let error = error.without_url();
            tracing::error!(%error, "the SMS gateway did not answer");
            Err(AppError::Unavailable)
        }
    }
}
