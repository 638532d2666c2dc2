//! `CheckedForm`: a plain HTML form posting to a server function. Once hydrated, it first
//! checks its fields with the same `parse` the server runs and, when one is refused, shows why
//! next to it and posts nothing. Without JavaScript the server refuses instead and the page
//! shows its answer in the same places (`#<field>-error`).

use crate::accounts as a;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Which form a `CheckedForm` is, naming the parse that checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormKind {
    SignIn,
    Register,
    ConfirmCode,
    ResetRequest,
    ResetPassword,
    Profile,
    ChangePassword,
    DeleteAccount,
    FileRequest,
    AddInfo,
}

impl FormKind {
    /// Checks the form's values (`value(name)`: the field called `name`, "" if missing) with
    /// the parse the server runs. Errors: that parse's `Invalid`.
    pub fn check(self, value: impl Fn(&str) -> String) -> Result<(), AppError> {
        let v = value;
        match self {
            FormKind::SignIn => a::Credentials::parse(&v("phone"), &v("password")).map(drop),
            FormKind::Register => a::Registration::parse(
                &v("phone"),
                &v("password"),
                &v("display_name"),
                &v("community"),
            )
            .map(drop),
            FormKind::ConfirmCode => a::parse_code(&v("code")).map(drop),
            FormKind::ResetRequest => a::Phone::parse(&v("phone")).map(drop),
            FormKind::ResetPassword => {
                a::PasswordReset::parse(&v("phone"), &v("code"), &v("password")).map(drop)
            }
            FormKind::Profile => {
                a::ProfileUpdate::parse(&v("display_name"), &v("community")).map(drop)
            }
            FormKind::ChangePassword => {
                a::PasswordChange::parse(&v("current_password"), &v("new_password")).map(drop)
            }
            FormKind::DeleteAccount => a::parse_password_confirmation(&v("password")).map(drop),
            FormKind::FileRequest => {
                let form = crate::requests::DraftForm {
                    kind: v("kind"),
                    category: v("category"),
                    community: v("community"),
                    address: v("address"),
                    description: v("description"),
                    public: !v("public").is_empty(),
                    show_name: !v("show_name").is_empty(),
                    latitude: v("latitude"),
                    longitude: v("longitude"),
                    idempotency_key: v("idempotency_key"),
                    not_duplicate: !v("not_duplicate").is_empty(),
                };
                crate::requests::RequestDraft::parse(&form).map(drop)
            }
            FormKind::AddInfo => crate::requests::parse_note(&v("note")).map(drop),
        }
    }

    /// The fields whose refusals this form shows.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            FormKind::SignIn => &["phone", "password"],
            FormKind::Register => &["phone", "password", "display_name", "community"],
            FormKind::ConfirmCode => &["code", "phone"],
            FormKind::ResetRequest => &["phone"],
            FormKind::ResetPassword => &["phone", "code", "password"],
            FormKind::Profile => &["display_name", "community"],
            FormKind::ChangePassword => &["current_password", "new_password"],
            FormKind::DeleteAccount => &["password"],
            FormKind::FileRequest => &[
                "kind",
                "category",
                "community",
                "address",
                "description",
                "position",
                "idempotency_key",
                "similar",
                "photos",
            ],
            FormKind::AddInfo => &["note"],
        }
    }

    /// The sentences the browser may need for this form, in the page's language.
    pub fn messages(self, texts: &crate::i18n::Texts) -> Vec<(String, String, String)> {
        crate::i18n::refusal_messages(texts, self.fields())
    }
}

/// The refusal of server function `S` that a plain form post brought back in this page's URL.
pub fn url_error<S: leptos::server_fn::ServerFn<Error = AppError>>() -> Option<AppError> {
    use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == S::PATH)
        .map(|e| leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(e.err()))
}

/// A form of `kind` posting to `action`, with `children` as its fields (each with a
/// `<p class="field-error" id="<field>-error">` for its refusal). `messages` are the
/// sentences of `kind.messages()`. `multipart` posts `multipart/form-data` (for files).
#[island]
pub fn CheckedForm(
    kind: FormKind,
    action: String,
    messages: Vec<(String, String, String)>,
    #[prop(optional)] multipart: Option<bool>,
    /// The form element's id, for other islands that work with it.
    #[prop(optional)]
    id: Option<String>,
    children: Children,
) -> impl IntoView {
    let enctype = multipart.unwrap_or(false).then_some("multipart/form-data");
    let form = NodeRef::<leptos::html::Form>::new();
    let check = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = form.get() else { return };
        match refuse(&form, kind, &messages) {
            Some(refusal) => {
                ev.prevent_default();
                show(&form, refusal);
            }
            // Posting: a second tap must not post (and text a code) again.
            None => set_busy(&form),
        }
    };
    // Coming back to this page (the back button keeps it as it was), it can be used again.
    #[cfg(feature = "hydrate")]
    let _ = window_event_listener(leptos::ev::pageshow, move |_| {
        if let Some(form) = form.get_untracked() {
            let _ = form.remove_attribute("aria-busy");
            for_each(&form, "button", |node| {
                use wasm_bindgen::JsCast;
                if let Some(button) = node.dyn_ref::<web_sys::Element>() {
                    let _ = button.remove_attribute("disabled");
                }
            });
        }
    });
    view! {
        <form id=id method="post" action=action enctype=enctype on:submit=check node_ref=form novalidate>
            {children()}
        </form>
    }
}

/// The field refused and why, if the browser's check refuses the form.
fn refuse(
    form: &web_sys::HtmlFormElement,
    kind: FormKind,
    messages: &[(String, String, String)],
) -> Option<(String, String)> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let value = |name: &str| data.get(name).as_string().unwrap_or_default();
    match kind.check(value) {
        Err(AppError::Invalid { field, reason }) => {
            let message = messages
                .iter()
                .find(|(f, r, _)| *f == field && *r == reason)
                .map(|(_, _, m)| m.clone())
                .unwrap_or_default();
            Some((field, message))
        }
        _ => None,
    }
}

/// Shows `message` under `field` (or above the form when the field has no place, like a
/// hidden one), clearing earlier messages, and moves there.
fn show(form: &web_sys::HtmlFormElement, (field, message): (String, String)) {
    use wasm_bindgen::JsCast;
    for selector in [".field-error", ".form-error"] {
        for_each(form, selector, |node| node.set_text_content(None));
    }
    for_each(form, "[aria-invalid]", |node| {
        if let Some(element) = node.dyn_ref::<web_sys::Element>() {
            let _ = element.remove_attribute("aria-invalid");
        }
    });
    let target = form
        .query_selector(&format!("#{field}-error"))
        .ok()
        .flatten()
        .or_else(|| form.query_selector(".form-error").ok().flatten());
    if let Some(target) = target {
        target.set_text_content(Some(&message));
    }
    if let Ok(Some(input)) = form.query_selector(&format!("[name={field}]:not([type=hidden])")) {
        let _ = input.set_attribute("aria-invalid", "true");
        if let Some(input) = input.dyn_ref::<web_sys::HtmlElement>() {
            let _ = input.focus();
        }
    }
}

/// Disables the form's buttons while it posts.
fn set_busy(form: &web_sys::HtmlFormElement) {
    use wasm_bindgen::JsCast;
    let _ = form.set_attribute("aria-busy", "true");
    for_each(form, "button", |node| {
        if let Some(button) = node.dyn_ref::<web_sys::Element>() {
            let _ = button.set_attribute("disabled", "");
        }
    });
}

fn for_each(form: &web_sys::HtmlFormElement, selector: &str, mut f: impl FnMut(&web_sys::Node)) {
    if let Ok(nodes) = form.query_selector_all(selector) {
        for i in 0..nodes.length() {
            if let Some(node) = nodes.item(i) {
                f(&node);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_checks_its_form_as_the_server_would() {
        let form = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
                    .unwrap_or_default()
            }
        };
        let refused = |kind: FormKind, pairs| match kind.check(form(pairs)) {
            Err(AppError::Invalid { field, .. }) => Some(field),
            _ => None,
        };
        assert_eq!(
            refused(FormKind::SignIn, &[("phone", "13800000001")]),
            Some("password".into())
        );
        assert_eq!(
            refused(
                FormKind::SignIn,
                &[("phone", "13800000001"), ("password", "x")]
            ),
            None
        );
        assert_eq!(
            refused(FormKind::ResetRequest, &[("phone", "1")]),
            Some("phone".into())
        );
        assert_eq!(
            refused(
                FormKind::ChangePassword,
                &[("current_password", "x"), ("new_password", "short")]
            ),
            Some("new_password".into())
        );
        assert_eq!(
            refused(FormKind::DeleteAccount, &[]),
            Some("password".into())
        );
        // Every refused field has a place (and a sentence) on its form.
        for kind in [
            FormKind::SignIn,
            FormKind::Register,
            FormKind::ConfirmCode,
            FormKind::ResetRequest,
            FormKind::ResetPassword,
            FormKind::Profile,
            FormKind::ChangePassword,
            FormKind::DeleteAccount,
            FormKind::FileRequest,
            FormKind::AddInfo,
        ] {
            if let Some(field) = refused(kind, &[]) {
                assert!(kind.fields().contains(&field.as_str()), "{kind:?}: {field}");
                let messages = kind.messages(crate::i18n::Locale::ZhCn.texts());
                assert!(
                    messages.iter().any(|(f, _, _)| *f == field),
                    "{kind:?}: {field}"
                );
            }
        }
    }
}
