//! `/admin/answers`: the standard answers library, each entry with a form that changes it,
//! and a form for a new one. Every form posts `edit_answers`.

use super::api::{answer_library, EditAnswers, ANSWERS_FORM};
use super::forms::{AnswerCheckedForm, AnswerForm};
use super::{AnswerTexts, Entry, Library};
use crate::accounts::api::typed_values;
use crate::components::checked_form::url_error;
use crate::components::fallbacks::gate;
use crate::error::{field_message, AppError};
use crate::fields::field_value;
use crate::i18n::use_locale;
use crate::requests::Category;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/admin/answers`. Signed out, it sends the visitor to sign in; anyone but an admin is told
/// the page is for admins.
#[component]
pub fn AnswersPage() -> impl IntoView {
    let t = AnswerTexts::here();
    let library = Resource::new(|| (), |()| answer_library());
    let typed = Resource::new(|| (), |()| typed_values(ANSWERS_FORM.to_owned()));
    let done = use_query_map().read_untracked().get("done");
    view! {
        <Title text=t.answers_title />
        <section class="card admin answers">
            <h1>{t.answers_title}</h1>
            <p>
                <a href="/admin">{t.answers_back}</a>
            </p>
            <Suspense fallback=move || {
                view! { <p>{t.loading}</p> }
            }>
                {move || {
                    let done = done.clone();
                    Suspend::new(async move {
                        let library = match gate(library.await, Some(t.answers_only))? {
                            Ok(library) => library,
                            Err(instead) => return Ok(instead),
                        };
                        let typed = typed.await.unwrap_or_default();
                        Ok::<_, AppError>(view! { <LibraryView library done typed /> }.into_any())
                    })
                }}
            </Suspense>
        </section>
    }
}

/// The notice after an edit, the entries, and the new entry's form.
#[component]
fn LibraryView(
    library: Library,
    done: Option<String>,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let t = AnswerTexts::here();
    let notice = match done.as_deref() {
        Some("save") => Some(t.answers_saved),
        Some("remove") => Some(t.answers_removed),
        _ => None,
    }
    .map(|text| {
        view! {
            <p class="notice-ok" role="status">
                {text}
            </p>
        }
    });
    // A refused form is shown again with what was typed: the entry's whose id it held.
    let typed_id = field_value(&typed, "id").unwrap_or_default().to_owned();
    let typed_for = move |id: &str| {
        if typed_id == id {
            typed.clone()
        } else {
            Vec::new()
        }
    };
    let Library {
        entries,
        categories,
    } = library;
    let empty = entries
        .is_empty()
        .then(|| view! { <p>{t.answers_empty}</p> });
    let entries = entries
        .into_iter()
        .map(|entry| {
            let typed = typed_for(&entry.id.to_string());
            view! { <EntryView entry categories=categories.clone() typed /> }
        })
        .collect_view();
    let new_typed = typed_for("");
    let open_new = !new_typed.is_empty();
    view! {
        {notice}
        <p class="form-error" role="alert"></p>
        <p class="hint">{t.answers_intro}</p>
        <details class="answer-new" open=open_new>
            <summary>{t.answers_new}</summary>
            <EntryForm entry=None categories typed=new_typed />
        </details>
        {empty}
        <ul class="answer-list">{entries}</ul>
    }
}

/// One entry: its title, categories and text, a form to change it and one to remove it.
#[component]
fn EntryView(
    entry: Entry,
    categories: Vec<Category>,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = AnswerTexts::of(locale);
    let names = if entry.categories.is_empty() {
        t.answers_any_category.to_owned()
    } else {
        entry
            .categories
            .iter()
            .map(|(_, n)| n.get(locale).to_owned())
            .collect::<Vec<_>>()
            .join(locale.pick(("、", ", ")))
    };
    let refused = !typed.is_empty();
    let id = entry.id.to_string();
    view! {
        <li class="answer-entry">
            <h2>{entry.title.clone()}</h2>
            <p class="meta">
                {names} " · " {(t.answers_updated)(&crate::time::minute(entry.updated_at))}
            </p>
            <p class="answer-body">{entry.body.clone()}</p>
            <details open=refused>
                <summary>{t.answers_edit}</summary>
                <EntryForm entry=Some(entry) categories typed />
            </details>
            <AnswerCheckedForm
                form=AnswerForm::Edit
                action=EditAnswers::PATH.to_owned()
                multipart=true
            >
                <input type="hidden" name="edit" value="remove" />
                <input type="hidden" name="id" value=id />
                <button type="submit" class="button secondary">
                    {t.answers_remove}
                </button>
            </AnswerCheckedForm>
        </li>
    }
}

/// The form that saves an entry (`entry` none: a new one), showing what was `typed` into it
/// before the server refused it, else the entry as it is.
#[component]
fn EntryForm(
    entry: Option<Entry>,
    categories: Vec<Category>,
    typed: Vec<(String, String)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = AnswerTexts::of(locale);
    let error = if typed.is_empty() {
        None
    } else {
        url_error::<EditAnswers>()
    };
    let id = entry.as_ref().map(|e| e.id.to_string()).unwrap_or_default();
    // Ids unique on the page: "new" or the entry's id.
    let key = if id.is_empty() {
        "new".to_owned()
    } else {
        id.clone()
    };
    let (title, body, chosen): (String, String, Vec<String>) = if typed.is_empty() {
        match &entry {
            Some(e) => (
                e.title.clone(),
                e.body.clone(),
                e.categories.iter().map(|(code, _)| code.clone()).collect(),
            ),
            None => Default::default(),
        }
    } else {
        (
            field_value(&typed, "title").unwrap_or_default().to_owned(),
            field_value(&typed, "body").unwrap_or_default().to_owned(),
            typed
                .iter()
                .filter(|(k, _)| k == "categories")
                .map(|(_, v)| v.clone())
                .collect(),
        )
    };
    let boxes = categories
        .iter()
        .map(|c| {
            let checked = chosen.contains(&c.code);
            let class = if c.parent_code.is_some() {
                "check leaf"
            } else {
                "check parent"
            };
            view! {
                <label class=class>
                    <input type="checkbox" name="categories" value=c.code.clone() checked=checked />
                    {c.name(locale).to_owned()}
                </label>
            }
        })
        .collect_view();
    let field = move |name: &str| format!("{name}-{key}");
    view! {
        <AnswerCheckedForm form=AnswerForm::Edit action=EditAnswers::PATH.to_owned() multipart=true>
            <input type="hidden" name="edit" value="save" />
            <input type="hidden" name="id" value=id />
            <label for=field("title")>{t.answers_title_label}</label>
            <input
                id=field("title")
                name="title"
                value=title
                maxlength=super::TITLE_MAX.to_string()
                aria-describedby=field("title-error")
            />
            <p class="field-error" id=field("title-error") data-error-of="title">
                {field_message(t, &error, "title")}
            </p>
            <label for=field("body")>{t.answers_body_label}</label>
            <textarea
                id=field("body")
                name="body"
                rows="6"
                maxlength=super::BODY_MAX.to_string()
                aria-describedby=field("body-error")
            >
                {body}
            </textarea>
            <p class="field-error" id=field("body-error") data-error-of="body">
                {field_message(t, &error, "body")}
            </p>
            <fieldset class="answer-categories" aria-describedby=field("categories-error")>
                <legend>{t.answers_categories_label}</legend>
                {boxes}
            </fieldset>
            <p class="field-error" id=field("categories-error") data-error-of="categories">
                {field_message(t, &error, "categories")}
            </p>
            <p class="field-error" data-error-of="id">
                {field_message(t, &error, "id")}
            </p>
            <button type="submit" class="button">
                {t.answers_save}
            </button>
        </AnswerCheckedForm>
    }
}
