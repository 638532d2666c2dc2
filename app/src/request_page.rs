//! The request page, composed from its panels: the request itself (`requests`), the staff
//! steps and the summons (`handling`), the resident's rating (`ratings`), and the
//! consultations and the 每月一题 topic it belongs to. It sits above those features, so that
//! `requests` depends on none of them.

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::consultations::LinkedConsultation;
use crate::handling::{PassView, StaffPanel, SummonsView};
use crate::ratings::RatingPanel;
use crate::requests::RequestView;
use serde::{Deserialize, Serialize};

/// Everything a request's page shows, as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestPageView {
    #[serde(flatten)]
    pub request: RequestView,
    /// What a staff viewer may do here (`None` for residents and visitors).
    pub staff: Option<StaffPanel>,
    #[serde(flatten)]
    pub rating: RatingPanel,
    /// The units summoned to it (吹哨) and their check-ins.
    pub summons: Vec<SummonsView>,
    /// Its passes between the street office and the community (下派, 上报).
    pub passes: Vec<PassView>,
    /// The 每月一题 topic its category and district come under (id, title).
    pub topic: Option<(ids::TopicId, String)>,
    /// The consultations opened from it, with their outcomes once decided.
    pub consultations: Vec<LinkedConsultation>,
}

impl std::ops::Deref for RequestPageView {
    type Target = RequestView;

    /// The request itself.
    fn deref(&self) -> &RequestView {
        &self.request
    }
}
