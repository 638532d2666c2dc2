//! `AppError`: the one error every server function returns, with its HTTP status.
//!
//! Database errors arrive as `db::DbError` (server only); anything unexpected is logged with its
//! cause and reaches the browser only as [`AppError::Internal`].

use crate::i18n::Locale;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What went wrong, in terms a page can show. A refused input ([`AppError::Invalid`]) carries
/// stable keys (`field`, `reason`) and its sentence in both languages, so that any page can
/// show it, whichever feature refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("not allowed")]
    Forbidden,
    #[error("invalid {field}: {reason}")]
    Invalid {
        field: String,
        reason: String,
        said: Said,
    },
    /// The action clashed with the database's state (a unique or check constraint no caller
    /// mapped to a field). Which constraint is logged, never sent.
    #[error("conflict")]
    Conflict,
    #[error("too many attempts")]
    RateLimited,
    /// The request itself could not be read (missing or malformed arguments).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Something we depend on (the SMS gateway) is not answering; trying later may work.
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
}

/// A sentence in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Said {
    pub fn in_language(&self, locale: Locale) -> Cow<'static, str> {
        locale.pick((&self.zh, &self.en)).clone()
    }
}

/// One way a feature's form can be refused: the field it concerns, a stable key for why, and
/// the sentence that says so. Made by [`refusals!`](crate::refusals).
pub trait Refusal: Copy + 'static {
    fn field(self) -> &'static str;
    fn reason(self) -> &'static str;
    /// The sentence, `(zh-CN, en)`.
    fn words(self) -> (&'static str, &'static str);

    /// The error this refusal is answered with.
    fn into_error(self) -> AppError {
        AppError::refused(self)
    }
}

/// Declares a feature's refusals: an enum whose every variant is written
/// `Variant = "field", "reason" => "中文", "English";`, and which converts into
/// [`AppError::Invalid`]. On the server each such enum is also listed (with
/// `inventory`) so that one test can show every refusal of every feature.
#[macro_export]
macro_rules! refusals {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $field:literal, $reason:literal => $zh:expr, $en:expr; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$( $name::$variant, )*];
        }

        impl $crate::error::Refusal for $name {
            fn field(self) -> &'static str {
                match self { $( $name::$variant => $field, )* }
            }
            fn reason(self) -> &'static str {
                match self { $( $name::$variant => $reason, )* }
            }
            fn words(self) -> (&'static str, &'static str) {
                match self { $( $name::$variant => ($zh, $en), )* }
            }
        }

        impl From<$name> for $crate::error::AppError {
            fn from(refusal: $name) -> Self {
                $crate::error::AppError::refused(refusal)
            }
        }

        #[cfg(feature = "ssr")]
        $crate::inventory::submit! {
            $crate::error::RefusalSet {
                name: stringify!($name),
                all: || $name::ALL.iter().map(|r| $crate::error::AppError::from(*r)).collect(),
            }
        }
    };
}

/// Every refusal of one feature's [`refusals!`] enum (server only: for tests that show them).
#[cfg(feature = "ssr")]
pub struct RefusalSet {
    pub name: &'static str,
    pub all: fn() -> Vec<AppError>,
}

#[cfg(feature = "ssr")]
inventory::collect!(RefusalSet);

/// Every refusal of every feature, as the errors they become.
#[cfg(feature = "ssr")]
pub fn every_refusal() -> impl Iterator<Item = (&'static str, AppError)> {
    inventory::iter::<RefusalSet>
        .into_iter()
        .flat_map(|set| (set.all)().into_iter().map(move |e| (set.name, e)))
}

impl AppError {
    /// A refused input, with its sentence in both languages.
    pub fn refused(refusal: impl Refusal) -> AppError {
        let (zh, en) = refusal.words();
        AppError::Invalid {
            field: refusal.field().to_owned(),
            reason: refusal.reason().to_owned(),
            said: Said {
                zh: Cow::Borrowed(zh),
                en: Cow::Borrowed(en),
            },
        }
    }

    /// The field and the reason of a refused input.
    pub fn refused_as(&self) -> Option<(&str, &str)> {
        match self {
            AppError::Invalid { field, reason, .. } => Some((field, reason)),
            _ => None,
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Invalid { .. } => 422,
            AppError::Conflict => 409,
            AppError::RateLimited => 429,
            AppError::BadRequest(_) => 400,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m)
            | ServerFnErrorErr::MissingArg(m)
            | ServerFnErrorErr::Deserialization(m) => AppError::BadRequest(m),
            // Transport failures seen by the browser: the page says "try again", no detail.
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<db::DbError> for AppError {
    fn from(error: db::DbError) -> Self {
        match error {
            db::DbError::NotFound => AppError::NotFound,
            db::DbError::Conflict { constraint } => {
                tracing::warn!(constraint, "unmapped constraint violation");
                AppError::Conflict
            }
            other @ (db::DbError::BadData(_) | db::DbError::Other(_)) => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        db::DbError::from(error).into()
    }
}

/// The sentence an [`AppError`](AppError) shows a user, in the language of `t`.
pub fn error_message(
    t: &crate::i18n::CommonTexts,
    error: &AppError,
) -> std::borrow::Cow<'static, str> {
    match error {
        AppError::Invalid { said, .. } => said.in_language(t.locale()),
        AppError::NotFound => t.not_found_text.into(),
        AppError::RateLimited => t.too_many_attempts.into(),
        AppError::Unavailable => t.service_unavailable.into(),
        AppError::Forbidden => t.forbidden.into(),
        _ => t.error_text.into(),
    }
}

/// The sentence the page's refusal summary shows for an error a form post came back with.
pub fn refusal_message(
    t: &crate::i18n::CommonTexts,
    error: &AppError,
) -> std::borrow::Cow<'static, str> {
    match error {
        AppError::Unauthorized => t.refusal_sign_in.into(),
        AppError::Conflict => t.refusal_conflict.into(),
        AppError::BadRequest(_) | AppError::Internal => t.refusal_failed.into(),
        other => error_message(t, other),
    }
}

/// The message for `field` in a refusal, if the refusal concerns that field.
pub fn field_message(
    t: &crate::i18n::CommonTexts,
    error: &Option<AppError>,
    field: &str,
) -> Option<std::borrow::Cow<'static, str>> {
    match error {
        Some(e @ AppError::Invalid { field: f, .. }) if f == field => Some(error_message(t, e)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_distinct_client_or_server_status() {
        let invalid = AppError::from(crate::accounts::AccountRefusal::PhoneFormat);
        assert_eq!(invalid.status(), 422);
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::RateLimited.status(), 429);
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn unreadable_arguments_are_the_callers_fault_not_ours() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("parent".into()));
        assert_eq!(err.status(), 400);
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Request("down".into()));
        assert_eq!(err, AppError::Internal);
    }

    #[test]
    fn a_refusal_is_shown_at_its_own_field_only_in_the_pages_language() {
        use crate::accounts::AccountRefusal;
        use crate::error::Refusal;
        use crate::i18n::Locale;
        let wrong = Some(AppError::from(AccountRefusal::PasswordWrong));
        let (zh, en) = AccountRefusal::PasswordWrong.words();
        let (zh_t, en_t) = (Locale::ZhCn.texts(), Locale::En.texts());
        assert_eq!(field_message(zh_t, &wrong, "password").as_deref(), Some(zh));
        assert_eq!(field_message(en_t, &wrong, "password").as_deref(), Some(en));
        assert_eq!(field_message(zh_t, &wrong, "phone"), None);
        let limited = Some(AppError::RateLimited);
        assert_eq!(field_message(zh_t, &limited, "phone"), None);
    }

    /// Every refusal of every feature has a sentence of its own in both languages: the
    /// English one in English, and none the same as the general "this is not right".
    #[cfg(feature = "ssr")]
    #[test]
    fn every_refusal_has_its_own_sentence_in_both_languages() {
        use crate::error::every_refusal;
        let all: Vec<_> = every_refusal().collect();
        assert!(all.len() > 150, "every feature's refusals ({})", all.len());
        for (set, error) in &all {
            for locale in Locale::ALL {
                let sentence = error_message(locale.texts(), error);
                assert!(!sentence.trim().is_empty(), "{set}: {error:?}");
                assert_ne!(sentence, locale.texts().invalid_input, "{set}: {error:?}");
            }
            let english = error_message(Locale::En.texts(), error);
            let chinese = error_message(Locale::ZhCn.texts(), error);
            let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
            assert!(chinese.chars().any(cjk), "{set}: {chinese}");
            // English, though it may quote a Chinese example (王女士).
            let latin = english.chars().filter(char::is_ascii_alphabetic).count();
            assert!(
                latin > english.chars().filter(|c| cjk(*c)).count() * 3,
                "{set}: {english}"
            );
        }
    }
}
