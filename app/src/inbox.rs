//! The in-app inbox: what happened to a resident's requests and what a unit or the dispatchers
//! must attend to (dispatches, summons, missed deadlines), with an unread count in the header
//! that updates live (Server-Sent Events) once the page is hydrated. Without JavaScript the
//! inbox is a plain page.

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod texts;
pub use texts::InboxTexts;

use serde::{Deserialize, Serialize};

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i64,
    /// An event kind (`requests::EVENT_KINDS`), or `hot_spot`.
    pub kind: String,
    /// A hot spot's: how many requests are open.
    pub note: String,
    pub tracking_number: Option<String>,
    /// The request's community and category.
    pub about: Option<(crate::requests::Names, crate::requests::Names)>,
    pub at: i64,
    pub read: bool,
}

/// A page of the inbox, newest first; `next`: the id to page on from, when there is more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxPage {
    pub notices: Vec<Notice>,
    pub next: Option<i64>,
}

/// The URL the header's badge listens to.
pub const EVENTS_PATH: &str = "/inbox/events";
