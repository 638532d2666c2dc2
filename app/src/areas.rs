//! Areas: Beijing's tree of districts, streets and towns, communities and villages. Browsed
//! here; chosen as a home community, a request's place or a staff member's scope elsewhere.

pub mod api;
pub mod components;
pub mod page;
pub mod places;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod texts;
pub use texts::AreaTexts;

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// The division code of the city, the root of the tree.
pub const CITY_CODE: &str = "110000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AreaLevel {
    City,
    District,
    Street,
    Community,
}

impl AreaLevel {
    pub fn parse(s: &str) -> Option<AreaLevel> {
        match s {
            "city" => Some(AreaLevel::City),
            "district" => Some(AreaLevel::District),
            "street" => Some(AreaLevel::Street),
            "community" => Some(AreaLevel::Community),
            _ => None,
        }
    }
}

/// One area as pages see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub code: String,
    pub level: AreaLevel,
    pub name_zh: String,
    pub name_en: String,
    /// How many areas lie directly below this one.
    pub children: i64,
}

impl Area {
    pub fn name(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.name_zh,
            Locale::En => &self.name_en,
        }
    }
}

/// An area, the code of the one above it, and the areas directly below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaListing {
    pub area: Area,
    pub parent_code: Option<String>,
    pub children: Vec<Area>,
}

#[cfg(feature = "ssr")]
impl TryFrom<db::areas::AreaRow> for Area {
    type Error = crate::error::AppError;

    fn try_from(row: db::areas::AreaRow) -> Result<Self, Self::Error> {
        let level = AreaLevel::parse(&row.level).ok_or_else(|| {
            tracing::error!(level = row.level, "unknown area level in the database");
            crate::error::AppError::Internal
        })?;
        Ok(Area {
            code: row.code,
            level,
            name_zh: row.name_zh,
            name_en: row.name_en,
            children: row.children,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_the_database_allows_is_known() {
        for level in ["city", "district", "street", "community"] {
            assert!(AreaLevel::parse(level).is_some(), "{level}");
        }
        assert_eq!(AreaLevel::parse("province"), None);
    }

    #[test]
    fn an_area_is_named_in_the_pages_language() {
        let area = Area {
            code: "110108".into(),
            level: AreaLevel::District,
            name_zh: "海淀区".into(),
            name_en: "Haidian District".into(),
            children: 29,
        };
        assert_eq!(area.name(Locale::ZhCn), "海淀区");
        assert_eq!(area.name(Locale::En), "Haidian District");
    }
}
