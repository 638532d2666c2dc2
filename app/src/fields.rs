//! A form's fields: finding one by name, and the checks that the fields of many forms share
//! (a required text, an optional one, a one-line text, a code picked from a list). Each refuses with the refusal its caller names, so that
//! the sentence is the feature's own.

use crate::error::{AppError, Refusal};

/// The value of the first field called `name` among a form's `pairs`, if it has one.
pub fn field_value<'a, K: AsRef<str>, V: AsRef<str>>(
    pairs: &'a [(K, V)],
    name: &str,
) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k.as_ref() == name)
        .map(|(_, v)| v.as_ref())
}

/// A required text, trimmed, of at most `max` characters. Refused with `empty` or `too_long`.
pub fn required_text(
    value: &str,
    max: usize,
    empty: impl Refusal,
    too_long: impl Refusal,
) -> Result<String, AppError> {
    let value = value.trim();
    if value.is_empty() {
        Err(empty.into_error())
    } else {
        optional_text(value, max, too_long)
    }
}

/// An optional text, trimmed, of at most `max` characters. Refused with `too_long`.
pub fn optional_text(value: &str, max: usize, too_long: impl Refusal) -> Result<String, AppError> {
    let value = value.trim();
    if value.chars().count() > max {
        Err(too_long.into_error())
    } else {
        Ok(value.to_owned())
    }
}

/// A required text on one line (no line breaks or other control characters). Refused with
/// `empty`, `too_long` or `format`.
pub fn one_line(
    value: &str,
    max: usize,
    empty: impl Refusal,
    too_long: impl Refusal,
    format: impl Refusal,
) -> Result<String, AppError> {
    let value = required_text(value, max, empty, too_long)?;
    if value.chars().any(char::is_control) {
        Err(format.into_error())
    } else {
        Ok(value)
    }
}

/// A code from a list (a unit's, a category's, an area's): letters, digits, `.`, `_`, `:`
/// and `-`, at most 64. Refused with `missing` (an empty field or anything else).
pub fn list_code(value: &str, missing: impl Refusal) -> Result<String, AppError> {
    let value = value.trim();
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'));
    if ok {
        Ok(value.to_owned())
    } else {
        Err(missing.into_error())
    }
}
