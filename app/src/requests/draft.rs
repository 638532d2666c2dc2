//! Keeping a half-written request in the browser (localStorage, through gloo) so that a reload
//! or a lost connection loses nothing; cleared once the request is filed. Hydrated pages only:
//! without JavaScript the server keeps what was typed when it refuses a form.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The localStorage key of the draft.
const DRAFT_KEY: &str = "jiesu:request-draft";

/// The fields a draft keeps (photos cannot be kept: they are chosen again).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Draft {
    kind: String,
    category: String,
    community: String,
    address: String,
    description: String,
    public: bool,
    show_name: bool,
}

impl Draft {
    fn is_empty(&self) -> bool {
        self.address.trim().is_empty() && self.description.trim().is_empty()
    }
}

/// Watches the form with id `form_id`: restores a kept draft into it when the form is fresh
/// (saying so with `restored_note`), and keeps every change.
#[island]
pub fn DraftKeeper(form_id: String, restored_note: String) -> impl IntoView {
    let (restored, set_restored) = signal(false);
    Effect::new(move |_| {
        let Some(form) = form(&form_id) else { return };
        if browser::restore(&form) {
            set_restored.set(true);
        }
        let form_id = form_id.clone();
        let handle = window_event_listener(leptos::ev::input, move |_| {
            if let Some(form) = self::form(&form_id) {
                browser::keep(&form);
            }
        });
        on_cleanup(move || handle.remove());
    });
    view! {
        <p class="notice-ok" role="status" hidden=move || !restored.get()>
            {restored_note}
        </p>
    }
}

/// Forgets the kept draft (the request was filed).
#[island]
pub fn DraftCleaner() -> impl IntoView {
    Effect::new(move |_| {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::delete(DRAFT_KEY);
    });
}

fn form(id: &str) -> Option<web_sys::HtmlFormElement> {
    use wasm_bindgen::JsCast;
    document().get_element_by_id(id)?.dyn_into().ok()
}

mod browser {
    use super::{Draft, DRAFT_KEY};
    use gloo_storage::{LocalStorage, Storage};
    use wasm_bindgen::JsCast;

    fn field(form: &web_sys::HtmlFormElement, name: &str) -> Option<web_sys::Element> {
        form.query_selector(&format!("[name={name}]"))
            .ok()
            .flatten()
    }

    fn value(form: &web_sys::HtmlFormElement, name: &str) -> String {
        let Some(el) = field(form, name) else {
            return String::new();
        };
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.value()
        } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.value()
        } else if let Some(text) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            text.value()
        } else {
            String::new()
        }
    }

    fn checked(form: &web_sys::HtmlFormElement, name: &str) -> bool {
        field(form, name)
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| input.checked())
    }

    fn set(form: &web_sys::HtmlFormElement, name: &str, to: &str) {
        let Some(el) = field(form, name) else { return };
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value(to);
        } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            // Only a choice the list offers (another street's community is not there).
            let offered = (0..select.length()).any(|i| {
                select
                    .item(i)
                    .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                    .is_some_and(|o| o.value() == to)
            });
            if offered {
                select.set_value(to);
            }
        } else if let Some(text) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            text.set_value(to);
        }
    }

    fn set_checked(form: &web_sys::HtmlFormElement, name: &str, to: bool) {
        if let Some(input) =
            field(form, name).and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_checked(to);
        }
    }

    /// Keeps what the form holds now.
    pub fn keep(form: &web_sys::HtmlFormElement) {
        let draft = Draft {
            kind: value(form, "kind"),
            category: value(form, "category"),
            community: value(form, "community"),
            address: value(form, "address"),
            description: value(form, "description"),
            public: checked(form, "public"),
            show_name: checked(form, "show_name"),
        };
        let _ = LocalStorage::set(DRAFT_KEY, &draft);
    }

    /// Puts a kept draft into a fresh form (one with no description yet); whether it did.
    pub fn restore(form: &web_sys::HtmlFormElement) -> bool {
        let Ok(draft) = LocalStorage::get::<Draft>(DRAFT_KEY) else {
            return false;
        };
        if draft.is_empty() || !value(form, "description").trim().is_empty() {
            return false;
        }
        for (name, to) in [
            ("kind", &draft.kind),
            ("category", &draft.category),
            ("community", &draft.community),
            ("address", &draft.address),
            ("description", &draft.description),
        ] {
            set(form, name, to);
        }
        set_checked(form, "public", draft.public);
        set_checked(form, "show_name", draft.show_name);
        true
    }
}
