//! Months, rates, weights and the ranking's order.

use super::*;
use crate::error::AppError;

const LATEST: Month = Month {
    year: 2026,
    month: 11,
};

#[test]
fn a_month_is_read_from_the_url_or_refused_with_a_reason() {
    assert_eq!(
        Month::parse("2026-11", LATEST),
        Ok(Month {
            year: 2026,
            month: 11
        })
    );
    assert_eq!(
        Month::parse(" 2025-01 ", LATEST).map(|m| m.to_string()),
        Ok("2025-01".to_owned())
    );
    let refused = [
        ("", "format"),
        ("2026", "format"),
        ("2026-13", "format"),
        ("2026-00", "format"),
        ("2026-1", "format"),
        ("26-11", "format"),
        ("2026/11", "format"),
        ("abcd-ef", "format"),
        ("2026-12", "not_yet"),
        ("2027-01", "not_yet"),
        ("1999-12", "too_early"),
    ];
    for (text, reason) in refused {
        let refused = Month::parse(text, LATEST).err();
        assert_eq!(
            refused.as_ref().and_then(AppError::refused_as),
            Some(("month", reason)),
            "{text:?}"
        );
    }
}

#[test]
fn months_count_back_across_years() {
    assert_eq!(LATEST.minus(0), LATEST);
    assert_eq!(LATEST.minus(10).to_string(), "2026-01");
    assert_eq!(LATEST.minus(11).to_string(), "2025-12");
    assert_eq!(LATEST.minus(23).to_string(), "2024-12");
    assert_eq!(LATEST.minus(24).to_string(), "2024-11");
    assert_eq!(LATEST.previous().to_string(), "2026-10");
}

#[test]
fn rates_divide_by_what_was_dispatched_or_rated_and_are_absent_without_it() {
    let none = Counts::default();
    assert_eq!(none.response_rate(), None);
    assert_eq!(none.resolution_rate(), None);
    assert_eq!(none.satisfaction_rate(), None);
    assert_eq!(none.score(Weights::default()), None);
    let c = Counts {
        filed: 10,
        dispatched: 8,
        responded_on_time: 6,
        rated: 4,
        resolved: 1,
        satisfied: 3,
        unrated: 2,
        ..Counts::default()
    };
    assert_eq!(c.response_rate(), Some(75.0));
    assert_eq!(c.resolution_rate(), Some(25.0));
    assert_eq!(c.satisfaction_rate(), Some(75.0));
    // 0.10 × 75 + 0.45 × 25 + 0.45 × 75
    assert_eq!(c.score(Weights::default()), Some(52.5));
    let equal = Weights::parse("34, 33, 33").expect("weights");
    let score = c.score(equal).expect("a score");
    assert!((score - (34.0 * 75.0 + 33.0 * 25.0 + 33.0 * 75.0) / 100.0).abs() < 1e-9);
    // Dispatched but nothing rated yet: no score.
    let unrated = Counts {
        rated: 0,
        resolved: 0,
        satisfied: 0,
        ..c
    };
    assert_eq!(unrated.score(Weights::default()), None);
    assert_eq!(Counts::from_slice(&[10, 8, 6, 0, 0, 4, 1, 3, 2]), c);
}

#[test]
fn the_counts_are_named_and_read_in_the_order_the_database_keeps_them() {
    let slice: Vec<i64> = (1..=20).collect();
    let counts = Counts::from_slice(&slice);
    let named = counts.named();
    #[cfg(feature = "ssr")]
    assert_eq!(named.map(|(name, _)| name), db::measures::COUNTS);
    assert_eq!(named.map(|(_, n)| n).to_vec(), slice);
    for (name, _) in named {
        assert!(
            count_label(name, crate::i18n::Locale::ZhCn).is_some(),
            "{name}"
        );
    }
}

#[test]
fn weights_are_three_per_cents_adding_up_to_100() {
    assert_eq!(Weights::parse("10,45,45"), Ok(Weights::default()));
    assert_eq!(
        Weights::parse("0,50,50"),
        Ok(Weights {
            response: 0,
            resolution: 50,
            satisfaction: 50
        })
    );
    for (text, reason) in [
        ("10,45", "format"),
        ("10,45,45,0", "format"),
        ("a,b,c", "format"),
        ("-10,55,55", "format"),
        ("10,45,46", "sum"),
        ("0,0,0", "sum"),
    ] {
        let refused = Weights::parse(text).err();
        assert_eq!(
            refused.as_ref().and_then(AppError::refused_as),
            Some(("weights", reason)),
            "{text}"
        );
    }
}

fn line(code: &str, dispatched: i64, on_time: i64, rated: i64, good: i64) -> Line {
    Line {
        code: code.to_owned(),
        name: Default::default(),
        counts: Counts {
            filed: dispatched,
            dispatched,
            responded_on_time: on_time,
            rated,
            resolved: good,
            satisfied: good,
            ..Counts::default()
        },
        summons: None,
    }
}

#[test]
fn a_ranking_puts_the_best_first_the_unscored_last_and_ties_by_code() {
    let mut lines = vec![
        line("d", 0, 0, 0, 0),
        line("c", 10, 10, 10, 5),
        line("b", 10, 10, 10, 9),
        line("a", 10, 10, 10, 5),
    ];
    rank(&mut lines, SortKey::Score, false, Weights::default());
    let order: Vec<&str> = lines.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(order, ["b", "a", "c", "d"]);
    rank(&mut lines, SortKey::Score, true, Weights::default());
    let order: Vec<&str> = lines.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(
        order,
        ["a", "c", "b", "d"],
        "ascending: still unscored last"
    );
    rank(&mut lines, SortKey::Filed, false, Weights::default());
    assert_eq!(lines.last().map(|l| l.code.as_str()), Some("d"));
    assert_eq!(SortKey::parse("nonsense"), SortKey::Score);
    assert_eq!(SortKey::parse("returned"), SortKey::Returned);
}

#[test]
fn a_rate_prints_with_one_decimal_or_a_dash() {
    assert_eq!(show_rate(Some(66.666)), "66.7%");
    assert_eq!(show_rate(None), "—");
    assert_eq!(show_score(Some(74.166)), "74.2");
    assert_eq!(show_score(None), "—");
}

#[test]
fn counts_add_up_count_by_count() {
    let a = Counts::from_slice(&(1..=20).collect::<Vec<i64>>());
    let b = Counts::from_slice(&[10; 20]);
    let sum: Vec<i64> = a.plus(&b).named().iter().map(|(_, n)| *n).collect();
    assert_eq!(sum, (11..=30).collect::<Vec<i64>>());
    assert_eq!(Counts::default().plus(&a), a);
}
