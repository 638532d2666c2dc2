//! Times as Jiesu shows them: Beijing time (Asia/Shanghai, UTC+8 all year), from Unix seconds
//! (what wire types carry).

use chrono::{DateTime, FixedOffset};

const BEIJING_SECS: i32 = 8 * 3600;

fn beijing(unix_secs: i64) -> Option<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(BEIJING_SECS)?;
    Some(DateTime::from_timestamp(unix_secs, 0)?.with_timezone(&offset))
}

/// `2026-11-26 14:03`, Beijing time.
pub fn minute(unix_secs: i64) -> String {
    beijing(unix_secs)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// `2026-11-26`, Beijing time.
pub fn day(unix_secs: i64) -> String {
    beijing(unix_secs)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// `14:03`, Beijing time.
pub fn clock(unix_secs: i64) -> String {
    beijing(unix_secs)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}

/// Today's date in Beijing (server-side: pages use `day`, which costs the browser nothing).
#[cfg(feature = "ssr")]
pub fn today_in_beijing() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::seconds(i64::from(BEIJING_SECS))).date_naive()
}

/// The weekday in Beijing, 1 (Monday) to 7 (Sunday); 0 for a time out of range.
pub fn weekday(unix_secs: i64) -> u32 {
    use chrono::Datelike;
    beijing(unix_secs).map_or(0, |t| t.weekday().number_from_monday())
}

/// RFC 3339 with the Beijing offset: `2026-11-26T14:03:00+08:00` (for data downloads).
pub fn rfc3339(unix_secs: i64) -> String {
    beijing(unix_secs)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

/// How long until `deadline` from `now`, in whole hours (negative once past).
pub fn hours_left(deadline: i64, now: i64) -> i64 {
    (deadline - now).div_euclid(3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_in_beijing() {
        // 2026-11-26 06:03:00 UTC
        let t = 1_795_672_980;
        assert_eq!(minute(t), "2026-11-26 14:03");
        assert_eq!(
            (day(t), clock(t), weekday(t)),
            ("2026-11-26".into(), "14:03".into(), 4)
        );
        assert_eq!(rfc3339(t), "2026-11-26T14:03:00+08:00");
    }

    #[test]
    fn hours_left_round_down_and_go_negative() {
        assert_eq!(hours_left(7200, 0), 2);
        assert_eq!(hours_left(7199, 0), 1);
        assert_eq!(hours_left(0, 1), -1);
    }
}
