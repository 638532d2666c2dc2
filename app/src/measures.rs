//! The measures (三率): response, resolution and satisfaction rates, a composite score with
//! published weights, and the counts beside them, per month for the city, a district, a street
//! or a unit. The counting rules are in `db/migrations/20261207090000_answers_at_intake.sql`; this
//! module turns counts into rates, parses what a dashboard URL says, and orders a ranking.

pub mod api;
pub mod charts;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(test)]
mod tests;
pub mod texts;
pub use texts::{MeasureRefusal, MeasureTexts};

use crate::error::AppError;
use crate::requests::Names;
use serde::{Deserialize, Serialize};

/// Months a trend shows, ending with the month asked for.
pub const TREND_MONTHS: u32 = 12;
/// Streets at the top and at the bottom of the ranking on the dashboard.
pub const RANKING_SIZE: usize = 10;
/// The first month the dashboard answers for.
pub const FIRST_YEAR: i32 = 2000;

/// The name of one of a rollup's counts (`db::measures::COUNTS`) for people, in `locale`.
pub fn count_label(count: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match count {
        "filed" => ("诉求量", "Filed"),
        "dispatched" => ("已派单", "Dispatched"),
        "responded_on_time" => ("按时响应", "Answered on time"),
        "respond_overdue" => ("响应超时", "Respond-by missed"),
        "resolve_overdue" => ("办理超时", "Resolve-by missed"),
        "rated" => ("已评价", "Rated"),
        "resolved" => ("已解决", "Resolved"),
        "satisfied" => ("满意", "Satisfied"),
        "unrated" => ("未评价", "Unrated"),
        "reopened" => ("重办", "Reopened"),
        "returned" => ("退回", "Returned"),
        "whistles" => ("吹哨", "Whistles"),
        "late_check_ins" => ("报到迟到", "Late check-ins"),
        "passed_down" => ("下派社区", "Passed down to a community"),
        "passed_up" => ("社区上报", "Passed up by a community"),
        "late_passes" => ("签收超时", "Passes taken late"),
        "answered" => ("热线直接答复", "Answered at intake"),
        "found" => ("主动发现", "Found by staff"),
        "settled" => ("主动治理办结", "Found cases settled"),
        "settled_on_time" => ("按时办结", "Settled on time"),
        _ => return None,
    }))
}

/// A calendar month (Asia/Shanghai, as requests are counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    /// 1–12
    pub month: u32,
}

impl Month {
    /// Reads `2026-11`. Errors: `month` with `format` (not a month) or `too_early` (before
    /// [`FIRST_YEAR`]); a month after `latest` is `not_yet`.
    pub fn parse(text: &str, latest: Month) -> Result<Month, AppError> {
        let format = || AppError::from(MeasureRefusal::MonthFormat);
        let (year, month) = text.trim().split_once('-').ok_or_else(format)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(format());
        }
        let year: i32 = year.parse().map_err(|_| format())?;
        let month: u32 = month.parse().map_err(|_| format())?;
        if !(1..=12).contains(&month) {
            return Err(format());
        }
        let parsed = Month { year, month };
        if year < FIRST_YEAR {
            return Err(MeasureRefusal::MonthTooEarly.into());
        }
        if parsed > latest {
            return Err(MeasureRefusal::MonthNotYet.into());
        }
        Ok(parsed)
    }

    /// The month `n` months before this one.
    pub fn minus(self, n: u32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 - n as i32;
        Month {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn previous(self) -> Month {
        self.minus(1)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// What was counted for one scope and month (see the migration for each count's rule).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub filed: i64,
    pub dispatched: i64,
    pub responded_on_time: i64,
    pub respond_overdue: i64,
    pub resolve_overdue: i64,
    pub rated: i64,
    pub resolved: i64,
    pub satisfied: i64,
    pub unrated: i64,
    pub reopened: i64,
    pub returned: i64,
    pub whistles: i64,
    pub late_check_ins: i64,
    pub passed_down: i64,
    pub passed_up: i64,
    pub late_passes: i64,
    /// Answered by the hotline at intake (直接答复), never dispatched.
    pub answered: i64,
    /// Cases staff found themselves (主动治理), against the unit that found them; none of them
    /// counts in the three rates.
    pub found: i64,
    /// Found cases the street confirmed fixed, against the unit that resolved them.
    pub settled: i64,
    /// Of those settled, resolved before their resolve-by.
    pub settled_on_time: i64,
}

/// A share in per cent, or `None` when nothing was counted below the line.
fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

impl Counts {
    /// From the counts in the order the database keeps them (`db::measures::COUNTS`).
    pub fn from_slice(counts: &[i64]) -> Counts {
        let at = |i: usize| counts.get(i).copied().unwrap_or(0);
        Counts {
            filed: at(0),
            dispatched: at(1),
            responded_on_time: at(2),
            respond_overdue: at(3),
            resolve_overdue: at(4),
            rated: at(5),
            resolved: at(6),
            satisfied: at(7),
            unrated: at(8),
            reopened: at(9),
            returned: at(10),
            whistles: at(11),
            late_check_ins: at(12),
            passed_down: at(13),
            passed_up: at(14),
            late_passes: at(15),
            answered: at(16),
            found: at(17),
            settled: at(18),
            settled_on_time: at(19),
        }
    }

    /// The counts, each with its name, in the order the database keeps them
    /// (`db::measures::COUNTS`).
    pub fn named(&self) -> [(&'static str, i64); 20] {
        [
            ("filed", self.filed),
            ("dispatched", self.dispatched),
            ("responded_on_time", self.responded_on_time),
            ("respond_overdue", self.respond_overdue),
            ("resolve_overdue", self.resolve_overdue),
            ("rated", self.rated),
            ("resolved", self.resolved),
            ("satisfied", self.satisfied),
            ("unrated", self.unrated),
            ("reopened", self.reopened),
            ("returned", self.returned),
            ("whistles", self.whistles),
            ("late_check_ins", self.late_check_ins),
            ("passed_down", self.passed_down),
            ("passed_up", self.passed_up),
            ("late_passes", self.late_passes),
            ("answered", self.answered),
            ("found", self.found),
            ("settled", self.settled),
            ("settled_on_time", self.settled_on_time),
        ]
    }

    /// These counts and `other`'s, added up.
    pub fn plus(&self, other: &Counts) -> Counts {
        let sums: Vec<i64> = self
            .named()
            .iter()
            .zip(other.named())
            .map(|((_, a), (_, b))| a + b)
            .collect();
        Counts::from_slice(&sums)
    }

    /// Dispatched requests answered before their respond-by, of those dispatched.
    pub fn response_rate(&self) -> Option<f64> {
        percent(self.responded_on_time, self.dispatched)
    }

    /// Rated requests their resident says were resolved, of those rated.
    pub fn resolution_rate(&self) -> Option<f64> {
        percent(self.resolved, self.rated)
    }

    /// Rated requests rated satisfied or very satisfied, of those rated.
    pub fn satisfaction_rate(&self) -> Option<f64> {
        percent(self.satisfied, self.rated)
    }

    /// Respond-by and resolve-by deadlines missed.
    pub fn overdue(&self) -> i64 {
        self.respond_overdue + self.resolve_overdue
    }

    /// The composite score (0–100): the weighted rates. `None` until something was both
    /// dispatched and rated, so that nobody ranks on a rate with nothing under it.
    pub fn score(&self, weights: Weights) -> Option<f64> {
        let response = self.response_rate()?;
        let resolution = self.resolution_rate()?;
        let satisfaction = self.satisfaction_rate()?;
        Some(
            (f64::from(weights.response) * response
                + f64::from(weights.resolution) * resolution
                + f64::from(weights.satisfaction) * satisfaction)
                / 100.0,
        )
    }
}

/// The weights of the composite score, in per cent; they add up to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub response: u8,
    pub resolution: u8,
    pub satisfaction: u8,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            response: 10,
            resolution: 45,
            satisfaction: 45,
        }
    }
}

impl Weights {
    /// Reads `10,45,45` (response, resolution, satisfaction). Errors: `weights` with `format`
    /// (not three whole numbers) or `sum` (they do not add up to 100).
    pub fn parse(text: &str) -> Result<Weights, AppError> {
        let parts: Vec<u8> = text
            .split(',')
            .map(|p| p.trim().parse::<u8>())
            .collect::<Result<_, _>>()
            .map_err(|_| MeasureRefusal::WeightsFormat)?;
        let [response, resolution, satisfaction] = parts[..] else {
            return Err(MeasureRefusal::WeightsFormat.into());
        };
        if u32::from(response) + u32::from(resolution) + u32::from(satisfaction) != 100 {
            return Err(MeasureRefusal::WeightsSum.into());
        }
        Ok(Weights {
            response,
            resolution,
            satisfaction,
        })
    }
}

/// One row of a table: a district, street, unit or category, and what it counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The area's, unit's or category's code.
    pub code: String,
    pub name: Names,
    pub counts: Counts,
    /// A unit's ratings by the streets that summoned it, this month (units only).
    #[serde(default)]
    pub summons: Option<SummonsScore>,
}

/// How the units that summoned a unit (吹哨) rated its part in a month: the mean of the three
/// scores (到位, 配合, 效果; 1–5) over all its ratings, and how many ratings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SummonsScore {
    pub mean: f64,
    pub ratings: i64,
}

/// One month of a trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthLine {
    pub month: Month,
    pub counts: Counts,
}

/// What a dashboard page is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    City,
    District,
    Street,
    Community,
    Unit,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::City => "city",
            Subject::District => "district",
            Subject::Street => "street",
            Subject::Community => "community",
            Subject::Unit => "unit",
        }
    }

    /// Reads `city`, `district`, `street`, `community` or `unit`. Errors: `scope` with
    /// `unknown`.
    pub fn parse(text: &str) -> Result<Subject, AppError> {
        [
            Subject::City,
            Subject::District,
            Subject::Street,
            Subject::Community,
            Subject::Unit,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
        .ok_or_else(|| AppError::from(MeasureRefusal::ScopeUnknown))
    }

    /// The page's address for `code` and `month`.
    pub fn href(self, code: &str, month: Month) -> String {
        match self {
            Subject::City => format!("/measures?month={month}"),
            Subject::District => format!("/measures/districts/{code}?month={month}"),
            Subject::Street => format!("/measures/streets/{code}?month={month}"),
            Subject::Community => format!("/measures/communities/{code}?month={month}"),
            Subject::Unit => format!("/measures/units/{code}?month={month}"),
        }
    }
}

/// Everything one dashboard page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub subject: Subject,
    /// The district's or unit's code ('' for the city).
    pub code: String,
    pub name: Names,
    pub month: Month,
    /// The newest month with requests: the default, and the last one a URL may ask for.
    pub latest: Month,
    pub weights: Weights,
    /// [`TREND_MONTHS`] months ending with `month`, oldest first; the last two are this
    /// month and the one before.
    pub trend: Vec<MonthLine>,
    /// This month by category, most requests first.
    pub categories: Vec<Line>,
    /// This month's streets (the city's or the district's), ranked by score.
    pub streets: Vec<Line>,
    /// This month's districts (the city page only), ranked by score.
    pub districts: Vec<Line>,
    /// This month's units (the city's departments and offices, or the district's), ranked.
    pub units: Vec<Line>,
    /// This month's answers at intake by category (the city page only): the hotline centre's
    /// counts, whose ratings are the answered requests'.
    #[serde(default)]
    pub answered: Vec<Line>,
    /// The hotline centre's code, for its own page (the city page only).
    #[serde(default)]
    pub hotline: Option<String>,
    /// The area above a street's or a community's (its district's or street's page).
    #[serde(default)]
    pub parent: Option<Parent>,
    /// A street's communities this month, every one (with nothing counted too), ranked.
    #[serde(default)]
    pub communities: Vec<Line>,
    /// A community's [`TREND_MONTHS`] months ending with `month`, by category: every
    /// category, those with no request too ("no waste-sorting complaint all year"), most
    /// filed first.
    #[serde(default)]
    pub year: Vec<Line>,
}

/// The page above a dashboard's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parent {
    pub subject: Subject,
    pub code: String,
    pub name: Names,
}

impl Dashboard {
    /// This month's counts.
    pub fn this_month(&self) -> Counts {
        self.trend.last().map(|m| m.counts).unwrap_or_default()
    }

    /// The previous month's counts.
    pub fn last_month(&self) -> Counts {
        self.trend
            .len()
            .checked_sub(2)
            .and_then(|i| self.trend.get(i))
            .map(|m| m.counts)
            .unwrap_or_default()
    }
}

/// A column a ranking can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    Score,
    Response,
    Resolution,
    Satisfaction,
    Filed,
    Overdue,
    Returned,
    Unrated,
}

impl SortKey {
    pub const ALL: [SortKey; 8] = [
        SortKey::Score,
        SortKey::Response,
        SortKey::Resolution,
        SortKey::Satisfaction,
        SortKey::Filed,
        SortKey::Overdue,
        SortKey::Returned,
        SortKey::Unrated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Score => "score",
            SortKey::Response => "response",
            SortKey::Resolution => "resolution",
            SortKey::Satisfaction => "satisfaction",
            SortKey::Filed => "filed",
            SortKey::Overdue => "overdue",
            SortKey::Returned => "returned",
            SortKey::Unrated => "unrated",
        }
    }

    /// The key named `text`; the score for anything else.
    pub fn parse(text: &str) -> SortKey {
        SortKey::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .unwrap_or(SortKey::Score)
    }

    /// The value a line is ordered by; `None` sorts last either way.
    pub fn value(self, counts: &Counts, weights: Weights) -> Option<f64> {
        match self {
            SortKey::Score => counts.score(weights),
            SortKey::Response => counts.response_rate(),
            SortKey::Resolution => counts.resolution_rate(),
            SortKey::Satisfaction => counts.satisfaction_rate(),
            SortKey::Filed => Some(counts.filed as f64),
            SortKey::Overdue => Some(counts.overdue() as f64),
            SortKey::Returned => Some(counts.returned as f64),
            SortKey::Unrated => Some(counts.unrated as f64),
        }
    }
}

/// Orders `lines` by `key`, highest first unless `ascending`; lines without a value last,
/// ties by code, so the order is the same on every page view.
pub fn rank(lines: &mut [Line], key: SortKey, ascending: bool, weights: Weights) {
    lines.sort_by(|a, b| {
        let (x, y) = (key.value(&a.counts, weights), key.value(&b.counts, weights));
        let by_value = match (x, y) {
            (Some(x), Some(y)) if ascending => x.total_cmp(&y),
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_value.then_with(|| a.code.cmp(&b.code))
    });
}

/// A rate as the pages print it: one decimal and a per cent sign, or a dash.
pub fn show_rate(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{r:.1}%"))
}

/// A score (points out of 100) as the pages print it: one decimal, or a dash.
pub fn show_score(score: Option<f64>) -> String {
    score.map_or_else(|| "—".to_owned(), |s| format!("{s:.1}"))
}
