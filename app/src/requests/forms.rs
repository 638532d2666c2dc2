//! The request forms the browser checks before posting.

use super::{parse_note, DraftForm, RequestDraft};
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestForm {
    File,
    AddInfo,
}

impl FormCheck for RequestForm {
    const ALL: &'static [Self] = &[RequestForm::File, RequestForm::AddInfo];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        match self {
            RequestForm::File => {
                let form = DraftForm {
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
                    source: v("source"),
                    // The units to summon are checked on the server (a list).
                    summon: Vec::new(),
                };
                RequestDraft::parse(&form).map(drop)
            }
            RequestForm::AddInfo => parse_note(&v("note")).map(drop),
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            RequestForm::File => &[
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
                "source",
                "summon",
            ],
            RequestForm::AddInfo => &["note"],
        }
    }
}

crate::checked_form!(
    /// A request form (filing one, adding to one).
    RequestCheckedForm for RequestForm
);
