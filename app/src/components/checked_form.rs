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
    /// A staff step on a request (`handling::Step`).
    Handle,
    /// An administrative change (`admin::Change`).
    Admin,
    /// A resident's rating (`ratings::Rating`).
    Rate,
    /// Publishing a topic or posting its progress (`topics::TopicChange`).
    Topic,
    /// A resident asking to be verified (`verifications::parse_address`).
    AskVerification,
    /// Area staff deciding on a verification (`verifications::Decision`).
    Decide,
    /// A new consultation (`consultations::Draft`).
    Consultation,
    /// A resident's ballot (`consultations::parse_ballot`).
    Ballot,
    /// A consultation's outcome (`consultations::Outcome`).
    Outcome,
    /// A comment or reply in a consultation's discussion (`consultations::NewComment`).
    Comment,
    /// A moderator hiding a comment (`consultations::parse_hide_reason`).
    HideComment,
    /// Progress after a consultation's outcome (`consultations::parse_update`).
    ConsultationUpdate,
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
                    caller_phone: v("caller_phone"),
                    caller_name: v("caller_name"),
                };
                crate::requests::RequestDraft::parse(&form).map(drop)
            }
            FormKind::AddInfo => crate::requests::parse_note(&v("note")).map(drop),
            FormKind::Handle => {
                // The browser sees the first of the repeated `units`: enough to tell none.
                let first_unit = v("units");
                let pairs = [
                    "step",
                    "unit",
                    "urgent",
                    "note",
                    "public",
                    "reason",
                    "closure",
                    "explanation",
                    "category",
                    "into",
                ]
                .map(|name| (name, v(name)));
                let form = crate::handling::StepForm::from_pairs(
                    pairs
                        .iter()
                        .map(|(k, v)| (*k, v.as_str()))
                        .chain(std::iter::once(("units", first_unit.as_str()))),
                );
                crate::handling::Step::parse(&form).map(drop)
            }
            FormKind::Admin => {
                let values = crate::admin::FIELDS.map(|name| (name, v(name)));
                let form = crate::admin::ChangeForm::from_pairs(
                    values.iter().map(|(k, v)| (*k, v.as_str())),
                );
                crate::admin::Change::parse(&form).map(drop)
            }
            FormKind::AskVerification => {
                crate::verifications::parse_address(&v("address")).map(drop)
            }
            FormKind::Consultation => crate::consultations::Draft::parse(&v).map(drop),
            FormKind::Ballot => {
                // The browser sees the first of the chosen `options`: enough to tell none.
                let first = v("options");
                crate::consultations::parse_ballot([("options", first.as_str())]).map(drop)
            }
            FormKind::Outcome => {
                crate::consultations::Outcome::parse(&v("plan"), &v("by"), &v("due")).map(drop)
            }
            FormKind::Decide => {
                crate::verifications::Decision::parse(&v("decision"), &v("reason")).map(drop)
            }
            FormKind::Comment => {
                crate::consultations::NewComment::parse(&v("body"), &v("parent")).map(drop)
            }
            FormKind::HideComment => {
                crate::consultations::parse_hide_reason(&v("reason")).map(drop)
            }
            FormKind::ConsultationUpdate => {
                crate::consultations::parse_update(&v("update")).map(drop)
            }
            FormKind::Topic => {
                // The browser sees the first of the repeated `co_units`.
                let values = crate::topics::FIELDS.map(|name| (name, v(name)));
                crate::topics::TopicChange::parse(values.iter().map(|(k, v)| (*k, v.as_str())))
                    .map(drop)
            }
            FormKind::Rate => {
                // The browser sees the first of the repeated `reasons`.
                let values = ["outcome", "satisfaction", "reasons", "comment"].map(|n| (n, v(n)));
                crate::ratings::Rating::parse(values.iter().map(|(k, v)| (*k, v.as_str())))
                    .map(drop)
            }
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
                "caller_phone",
                "caller_name",
            ],
            FormKind::AddInfo => &["note"],
            FormKind::Handle => &[
                "step",
                "unit",
                "units",
                "note",
                "reason",
                "closure",
                "explanation",
                "category",
                "into",
                "status",
                "photos",
            ],
            FormKind::Admin => &crate::admin::REFUSED_FIELDS,
            FormKind::Topic => &crate::topics::FIELDS,
            FormKind::AskVerification => &["address", "verification"],
            FormKind::Decide => &["decision", "reason", "status"],
            FormKind::Consultation => &crate::consultations::DRAFT_FIELDS,
            FormKind::Ballot => &["options", "ballot"],
            FormKind::Outcome => &["plan", "by", "due", "status"],
            FormKind::Comment => &["body", "parent"],
            FormKind::HideComment => &["reason", "status"],
            FormKind::ConsultationUpdate => &["update", "status"],
            FormKind::Rate => &["outcome", "satisfaction", "reasons", "comment", "status"],
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

/// The refusal any form post brought back in this page's URL, whichever form sent it: the
/// layout shows it at the top of the page, so that it is never lost (say, the form that sent
/// it is gone now that the consultation has closed).
pub fn page_refusal() -> Option<AppError> {
    // Read from the URL itself: the router provides its `ServerActionError` only to what its
    // `<Routes>` render, and the layout is around them.
    let query = leptos_router::hooks::use_query_map();
    let encoded = query.read_untracked().get("__err")?;
    Some(leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&encoded))
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
            None => {
                set_busy(&form);
                #[cfg(feature = "hydrate")]
                if upload::with_progress(&form) {
                    ev.prevent_default();
                }
            }
        }
    };
    // Coming back to this page (the back button keeps it as it was), it can be used again.
    #[cfg(feature = "hydrate")]
    let _ = window_event_listener(leptos::ev::pageshow, move |_| {
        if let Some(form) = form.get_untracked() {
            set_enabled(&form, true);
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
    let checked = kind.check(value).and_then(|()| match chosen_photos(form) {
        Some((chosen, max_bytes)) => crate::requests::check_chosen_photos(&chosen, max_bytes),
        None => Ok(()),
    });
    match checked {
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

/// The photos chosen in the form's `photos` field (size, type) and the most bytes one may
/// have (its `data-max-bytes`), when it has such a field.
fn chosen_photos(form: &web_sys::HtmlFormElement) -> Option<(Vec<(u64, String)>, u64)> {
    use wasm_bindgen::JsCast;
    let input = form
        .query_selector("input[type=file][name=photos][data-max-bytes]")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    let max_bytes = input.get_attribute("data-max-bytes")?.parse().ok()?;
    let files = input.files()?;
    let chosen = (0..files.length())
        .filter_map(|i| files.get(i))
        .map(|file| (file.size() as u64, file.type_()))
        .collect();
    Some((chosen, max_bytes))
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
    set_enabled(form, false);
}

fn set_enabled(form: &web_sys::HtmlFormElement, enabled: bool) {
    use wasm_bindgen::JsCast;
    let _ = if enabled {
        form.remove_attribute("aria-busy")
    } else {
        form.set_attribute("aria-busy", "true")
    };
    for_each(form, "button", |node| {
        if let Some(button) = node.dyn_ref::<web_sys::Element>() {
            let _ = if enabled {
                button.remove_attribute("disabled")
            } else {
                button.set_attribute("disabled", "")
            };
        }
    });
}

/// Posting a form with files through `XMLHttpRequest`, so that a `<progress>` in it shows how
/// much has been sent. The server answers as it answers a plain post (a redirect to the next
/// page, or back to the form with the refusal), and the browser then goes where it was sent.
#[cfg(feature = "hydrate")]
mod upload {
    use super::set_enabled;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlElement, HtmlFormElement, HtmlProgressElement};

    fn has_files(form: &HtmlFormElement) -> bool {
        form.query_selector_all("input[type=file]")
            .map(|inputs| {
                (0..inputs.length()).any(|i| {
                    inputs
                        .item(i)
                        .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .and_then(|input| input.files())
                        .is_some_and(|files| files.length() > 0)
                })
            })
            .unwrap_or(false)
    }

    fn find<T: JsCast>(form: &HtmlFormElement, selector: &str) -> Option<T> {
        form.query_selector(selector)
            .ok()
            .flatten()?
            .dyn_into()
            .ok()
    }

    /// Starts posting `form` with progress when it has files and a `.upload-progress`
    /// `<progress>`; whether it did (the plain post must then not happen).
    pub fn with_progress(form: &HtmlFormElement) -> bool {
        let Some(bar) = find::<HtmlProgressElement>(form, ".upload-progress progress") else {
            return false;
        };
        if !has_files(form) {
            return false;
        }
        post(form, bar).is_ok()
    }

    fn post(form: &HtmlFormElement, bar: HtmlProgressElement) -> Result<(), wasm_bindgen::JsValue> {
        let data = web_sys::FormData::new_with_form(form)?;
        let xhr = web_sys::XmlHttpRequest::new()?;
        xhr.open("POST", &form.action())?;
        // Answer as to a plain form post: a redirect to the page to show.
        xhr.set_request_header("Accept", "text/html")?;
        // Kept on the redirect it follows: the page it fetches then leaves the typed values
        // for the browser's own visit (`ssr::take_typed`).
        xhr.set_request_header("X-Jiesu-Upload", "1")?;
        let shown = find::<HtmlElement>(form, ".upload-progress");
        let failed = find::<HtmlElement>(form, ".upload-failed");
        if let Some(shown) = &shown {
            shown.set_hidden(false);
        }
        if let Some(failed) = &failed {
            failed.set_hidden(true);
        }
        let percent = find::<HtmlElement>(form, ".upload-progress output");
        let on_progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() && e.total() > 0.0 {
                    let share = e.loaded() / e.total();
                    bar.set_value(share);
                    if let Some(percent) = &percent {
                        percent.set_text_content(Some(&format!("{:.0}%", share * 100.0)));
                    }
                }
            });
        xhr.upload()?
            .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
        let (answered, again) = (xhr.clone(), form.clone());
        let on_load = Closure::once_into_js(move || {
            let status = answered.status().unwrap_or(0);
            let to = answered.response_url();
            if (200..300).contains(&status) && !to.is_empty() {
                let _ = leptos::prelude::window().location().assign(&to);
            } else {
                // An answer that is not a page to go to (a body too large, say): post the
                // plain way, so the browser shows the server's own answer.
                let _ = again.submit();
            }
        });
        xhr.set_onload(Some(on_load.unchecked_ref()));
        let broken = form.clone();
        let on_error = Closure::once_into_js(move || {
            if let Some(shown) = &shown {
                shown.set_hidden(true);
            }
            if let Some(failed) = &failed {
                failed.set_hidden(false);
            }
            set_enabled(&broken, true);
        });
        xhr.set_onerror(Some(on_error.unchecked_ref()));
        xhr.send_with_opt_form_data(Some(&data))
    }
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
            FormKind::Handle,
            FormKind::Comment,
            FormKind::HideComment,
            FormKind::ConsultationUpdate,
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
