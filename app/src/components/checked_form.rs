//! Checked forms: a plain HTML form posting to a server function. Once hydrated, it first
//! checks its fields with the same `parse` the server runs and, when one is refused, shows why
//! next to it and posts nothing. Without JavaScript the server refuses instead and the page
//! shows its answer in the same places (`#<field>-error`). Each feature declares its forms
//! ([`FormCheck`]) and their island ([`checked_form!`](crate::checked_form)) in its folder.

use crate::error::AppError;
use leptos::prelude::*;

/// A feature's forms that the browser checks before posting: an enum with a variant per
/// form, each naming the parse the server runs. A feature declares its forms where they live
/// and an island for them with [`checked_form!`](crate::checked_form).
pub trait FormCheck: Copy + std::fmt::Debug + 'static {
    /// Every form of the feature (for the test that reaches them all).
    const ALL: &'static [Self];

    /// Checks the form's values (`value(name)`: the field called `name`, "" if missing) with
    /// the parse the server runs. Errors: that parse's `Invalid`.
    fn check(self, value: &dyn Fn(&str) -> String) -> Result<(), AppError>;

    /// The fields whose refusals this form shows in place (each has a `#<field>-error`).
    fn fields(self) -> &'static [&'static str];
}

/// Declares the island of a feature's [`FormCheck`] forms: `<Island form=… action=…>` with
/// the form's fields as children (each with a `<p class="field-error" id="<field>-error">`
/// for its refusal); `multipart` posts `multipart/form-data` (for files), `id` names the
/// form element for other islands. A plain HTML form posting to a server function; once
/// hydrated, it first runs the form's check and, when a field is refused, shows why next to
/// it in the page's language and posts nothing.
#[macro_export]
macro_rules! checked_form {
    ($(#[$meta:meta])* $island:ident for $form:ty) => {
        $(#[$meta])*
        #[leptos::island]
        pub fn $island(
            form: $form,
            action: String,
            #[prop(optional)] multipart: Option<bool>,
            #[prop(optional)] id: Option<String>,
            children: leptos::children::Children,
        ) -> impl leptos::IntoView {
            $crate::components::checked_form::checked_form(
                std::rc::Rc::new(move |value: &dyn Fn(&str) -> String| {
                    $crate::components::checked_form::FormCheck::check(form, value)
                }),
                action,
                multipart.unwrap_or(false),
                id,
                children,
            )
        }

        #[cfg(feature = "ssr")]
        $crate::inventory::submit! {
            $crate::components::checked_form::FormSet {
                name: stringify!($form),
                forms: || {
                    <$form as $crate::components::checked_form::FormCheck>::ALL
                        .iter()
                        .map(|form| $crate::components::checked_form::Declared {
                            name: format!("{form:?}"),
                            check: std::boxed::Box::new(move |value| {
                                $crate::components::checked_form::FormCheck::check(*form, value)
                            }),
                            fields: $crate::components::checked_form::FormCheck::fields(*form),
                        })
                        .collect()
                },
            }
        }
    };
}

/// A form's fields as a check reads them: the value of the field called `name`, "" if none.
pub type Values<'a> = &'a dyn Fn(&str) -> String;

/// What checks a form.
pub type CheckFn = dyn Fn(Values) -> Result<(), AppError>;

/// A form's check, as the island runs it.
pub type Check = std::rc::Rc<CheckFn>;

/// Every form of one feature (server only: for the test that reaches them all).
#[cfg(feature = "ssr")]
pub struct FormSet {
    pub name: &'static str,
    pub forms: fn() -> Vec<Declared>,
}

/// One declared form: its name, its check and the fields that show refusals.
#[cfg(feature = "ssr")]
pub struct Declared {
    pub name: String,
    pub check: Box<CheckFn>,
    pub fields: &'static [&'static str],
}

#[cfg(feature = "ssr")]
inventory::collect!(FormSet);

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

/// The view of every [`checked_form!`] island.
pub fn checked_form(
    check: Check,
    action: String,
    multipart: bool,
    id: Option<String>,
    children: Children,
) -> impl IntoView {
    let enctype = multipart.then_some("multipart/form-data");
    let form = NodeRef::<leptos::html::Form>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = form.get() else { return };
        match refuse(&form, &check) {
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
        <form
            id=id
            method="post"
            action=action
            enctype=enctype
            on:submit=on_submit
            node_ref=form
            novalidate
        >
            {children()}
        </form>
    }
}

/// The field refused and why, if the browser's check refuses the form.
fn refuse(form: &web_sys::HtmlFormElement, check: &Check) -> Option<(String, String)> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let value = |name: &str| data.get(name).as_string().unwrap_or_default();
    let checked = check(&value).and_then(|()| match chosen_photos(form) {
        Some((chosen, max_bytes)) => crate::requests::check_chosen_photos(&chosen, max_bytes),
        None => Ok(()),
    });
    match checked {
        Err(AppError::Invalid { field, said, .. }) => {
            Some((field, said.in_language(page_locale()).into_owned()))
        }
        _ => None,
    }
}

/// The language of the page, from `<html lang>`.
fn page_locale() -> crate::i18n::Locale {
    leptos::prelude::document()
        .document_element()
        .map(|html| html.get_attribute("lang").unwrap_or_default())
        .and_then(|tag| crate::i18n::Locale::from_tag(&tag))
        .unwrap_or_default()
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
    // A field's place: `#<field>-error`, or, where two forms of one page share a field's
    // name, a paragraph of its own id marked `data-error-of="<field>"`.
    let target = [
        format!("[data-error-of={field}]"),
        format!("#{field}-error"),
        ".form-error".to_owned(),
    ]
    .iter()
    .find_map(|selector| form.query_selector(selector).ok().flatten());
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// Every form of every feature, posted empty, is refused the way the server would refuse
    /// it (or passes), and a refused field has its place on the form.
    #[test]
    fn every_form_checks_its_fields_as_the_server_would() {
        let empty = |_: &str| String::new();
        let forms: Vec<Declared> = inventory::iter::<FormSet>
            .into_iter()
            .flat_map(|set| (set.forms)())
            .collect();
        assert!(forms.len() >= 22, "every feature's forms ({})", forms.len());
        for form in &forms {
            if let Err(error) = (form.check)(&empty) {
                let (field, _) = error.refused_as().expect("a refusal");
                assert!(form.fields.contains(&field), "{}: {field}", form.name);
            }
        }
        let sign_in = forms.iter().find(|f| f.name == "SignIn").expect("sign-in");
        let with = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
                    .unwrap_or_default()
            }
        };
        let refused = |form: &Declared, pairs| {
            (form.check)(&with(pairs))
                .err()
                .and_then(|e| e.refused_as().map(|(f, _)| f.to_owned()))
        };
        assert_eq!(
            refused(sign_in, &[("phone", "13800000001")]),
            Some("password".into())
        );
        assert_eq!(
            refused(sign_in, &[("phone", "13800000001"), ("password", "x")]),
            None
        );
        let named = |name: &str| forms.iter().find(|f| f.name == name).expect(name);
        assert_eq!(
            refused(named("ResetRequest"), &[("phone", "1")]),
            Some("phone".into())
        );
        assert_eq!(
            refused(
                named("ChangePassword"),
                &[("current_password", "x"), ("new_password", "short")]
            ),
            Some("new_password".into())
        );
        assert_eq!(
            refused(named("DeleteAccount"), &[]),
            Some("password".into())
        );
    }
}
