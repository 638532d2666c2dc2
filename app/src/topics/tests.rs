use super::*;
use ids::TopicId;

const PUBLISH: [(&str, &str); 9] = [
    ("change", "publish"),
    ("title", " 夜间施工噪声 "),
    ("description", "上月朝阳区夜间施工噪声投诉最多。"),
    ("district", "110105"),
    ("category", "environment.noise"),
    ("lead_unit", "district:110105"),
    ("target", "夜间施工投诉下降一半"),
    ("deadline", "2026-12-31"),
    ("co_units", "city_management"),
];

/// `PUBLISH` with `field` set to `value` (added when absent).
fn publish_with(field: &'static str, value: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut pairs: Vec<_> = PUBLISH
        .iter()
        .copied()
        .filter(|(k, _)| *k != field)
        .collect();
    pairs.push((field, value));
    pairs
}

fn refusal(pairs: &[(&str, &str)]) -> (String, String) {
    match TopicChange::parse(pairs.iter().copied()) {
        Err(AppError::Invalid { field, reason, .. }) => (field, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn refused(field: &str, reason: &str) -> (String, String) {
    (field.to_owned(), reason.to_owned())
}

#[test]
fn a_topic_is_read_trimmed_with_its_co_units_once_each() {
    let mut pairs = PUBLISH.to_vec();
    pairs.extend([
        ("co_units", "city_management"),
        ("co_units", ""),
        ("co_units", "waterworks"),
    ]);
    let TopicChange::Publish(draft) = TopicChange::parse(pairs.iter().copied()).expect("valid")
    else {
        panic!("a publishing form publishes");
    };
    assert_eq!(draft.title, "夜间施工噪声");
    assert_eq!(draft.district, "110105");
    assert_eq!(draft.lead_unit, "district:110105");
    assert_eq!(draft.co_units, ["city_management", "waterworks"]);
    assert_eq!(
        draft.deadline,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("a date")
    );
}

#[test]
fn each_publishing_field_is_refused_by_name() {
    let long_title = "题".repeat(MAX_TITLE + 1);
    let long_title: &'static str = Box::leak(long_title.into_boxed_str());
    let cases = [
        (publish_with("title", "  "), refused("title", "required")),
        (
            publish_with("title", long_title),
            refused("title", "too_long"),
        ),
        (publish_with("title", "两\n行"), refused("title", "format")),
        (
            publish_with("description", ""),
            refused("description", "required"),
        ),
        (
            publish_with("district", ""),
            refused("district", "required"),
        ),
        (
            publish_with("category", "噪声"),
            refused("category", "required"),
        ),
        (
            publish_with("lead_unit", ""),
            refused("lead_unit", "required"),
        ),
        (
            publish_with("co_units", "district:110105"),
            refused("co_units", "lead"),
        ),
        (
            publish_with("co_units", "a b"),
            refused("co_units", "required"),
        ),
        (publish_with("target", ""), refused("target", "required")),
        (
            publish_with("deadline", "2026-13-01"),
            refused("deadline", "format"),
        ),
        (
            publish_with("deadline", "31/12/2026"),
            refused("deadline", "format"),
        ),
        (
            publish_with("change", "delete"),
            refused("change", "unknown"),
        ),
    ];
    for (pairs, expected) in cases {
        assert_eq!(refusal(&pairs), expected, "{pairs:?}");
    }
    let mut many = PUBLISH.to_vec();
    let codes: Vec<String> = (0..=MAX_CO_UNITS).map(|i| format!("unit{i}")).collect();
    many.extend(codes.iter().map(|c| ("co_units", c.as_str())));
    assert_eq!(refusal(&many), refused("co_units", "too_many"));
}

#[test]
fn progress_takes_a_whole_percentage_from_0_to_100_and_a_note() {
    let progress = |percent: &'static str, update: &'static str| {
        [
            ("change", "progress"),
            ("topic", "7"),
            ("percent", percent),
            ("update", update),
        ]
    };
    assert_eq!(
        TopicChange::parse(progress("40%", " 已约谈三家施工单位 ").iter().copied()),
        Ok(TopicChange::Progress {
            topic: TopicId(7),
            percent: 40,
            note: "已约谈三家施工单位".to_owned()
        })
    );
    for bad in ["101", "-1", "4.5", "", "许多"] {
        assert_eq!(
            refusal(&progress(bad, "x")),
            refused("percent", "format"),
            "{bad}"
        );
    }
    assert_eq!(refusal(&progress("0", " ")), refused("update", "required"));
    let mut no_topic = progress("10", "x").to_vec();
    no_topic[1] = ("topic", "abc");
    assert_eq!(refusal(&no_topic), refused("topic", "required"));
}

#[test]
fn every_refusal_has_a_sentence_in_both_languages() {
    use crate::error::Refusal;
    for refusal in TopicRefusal::ALL {
        let (zh, en) = refusal.words();
        assert!(
            !zh.trim().is_empty() && !en.trim().is_empty(),
            "{refusal:?}"
        );
        assert_ne!(zh, en, "{refusal:?}");
        assert!(
            !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{refusal:?}"
        );
    }
}
