//! Reading multipart forms: their text fields and the photos chosen in them.

use crate::error::AppError;

/// The text fields of a multipart form, in order (a repeated name comes once per value; file
/// fields are skipped). Errors: `BadRequest` (not a readable multipart form).
pub async fn form_pairs(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(form_parts(data, None).await?.pairs)
}

/// A form's fields as borrowed pairs, as the parses take them.
pub fn borrowed(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// What [`form_parts`] read of a multipart form.
#[derive(Debug, Default)]
pub struct FormParts {
    /// The text fields, in order (a repeated name comes once per value).
    pub pairs: Vec<(String, String)>,
    /// The photos, each within the size limit.
    pub uploads: Vec<Vec<u8>>,
    /// Why the photos were refused (`Invalid { field: "photos" }`, `too_many` or `too_large`):
    /// the rest of the form was still read, so that what was typed can be shown again.
    pub photos_refused: Option<AppError>,
}

/// A multipart form's text fields, in order, and the files chosen in its `photos` field when
/// `max_photo_bytes` is given (empty file fields and any other file field are skipped). A
/// photo over the limit, or one too many, is read to its end and dropped, and the form read on:
/// the refusal comes back with every text field (see [`FormParts`]). Errors: `BadRequest` (not
/// a readable multipart form).
pub async fn form_parts(
    data: leptos::server_fn::codec::MultipartData,
    max_photo_bytes: Option<usize>,
) -> Result<FormParts, AppError> {
    let bad = |e: &dyn std::fmt::Display| AppError::BadRequest(format!("form: {e}"));
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| bad(&"not a multipart form"))?;
    let mut parts = FormParts::default();
    while let Some(mut field) = multipart.next_field().await.map_err(|e| bad(&e))? {
        let name = field.name().unwrap_or_default().to_owned();
        if field.file_name().is_none() {
            // A browser sends a text area's line breaks as CRLF but counts each as one
            // character (maxlength, and the same parse run in the page): so does the server.
            let text = field.text().await.map_err(|e| bad(&e))?;
            parts.pairs.push((name, text.replace("\r\n", "\n")));
            continue;
        }
        let Some(max_bytes) = max_photo_bytes.filter(|_| name == "photos") else {
            continue;
        };
        let mut bytes = Vec::new();
        let mut over = false;
        while let Some(chunk) = field.chunk().await.map_err(|e| bad(&e))? {
            // Past the limit the rest is read and dropped: answering before the browser has
            // sent it all would reset its connection, and the form would be lost.
            over |= bytes.len() + chunk.len() > max_bytes;
            if !over {
                bytes.extend_from_slice(&chunk);
            }
        }
        use crate::requests::RequestRefusal;
        let refusal = if over {
            Some(RequestRefusal::PhotosTooLarge)
        } else if !bytes.is_empty() && parts.uploads.len() == crate::requests::MAX_PHOTOS {
            Some(RequestRefusal::PhotosTooMany)
        } else {
            None
        };
        match refusal {
            Some(refusal) => {
                parts.uploads.clear();
                parts.photos_refused.get_or_insert(refusal.into());
            }
            None if !bytes.is_empty() && parts.photos_refused.is_none() => {
                parts.uploads.push(bytes)
            }
            None => {}
        }
    }
    Ok(parts)
}
