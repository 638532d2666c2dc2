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
            result: None,
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

#[test]
fn a_countable_target_is_a_whole_number_above_0_with_what_it_counts() {
    let parsed = |count: &'static str, unit: &'static str| {
        let mut pairs = publish_with("target_count", count);
        pairs.push(("target_unit", unit));
        TopicChange::parse(pairs.iter().copied())
    };
    let Ok(TopicChange::Publish(draft)) = parsed("200,000", " 户 ") else {
        panic!("a countable target");
    };
    assert_eq!(draft.target_count, Some((200_000, "户".to_owned())));
    let Ok(TopicChange::Publish(draft)) = parsed("", "") else {
        panic!("no count: fine");
    };
    assert_eq!(draft.target_count, None);
    for bad in ["0", "-5", "二十万", "1.5", "2000000000"] {
        let mut pairs = publish_with("target_count", bad);
        pairs.push(("target_unit", "户"));
        assert_eq!(refusal(&pairs), refused("target_count", "format"), "{bad}");
    }
    let pairs = publish_with("target_count", "100");
    assert_eq!(refusal(&pairs), refused("target_unit", "required"));
    let mut pairs = publish_with("target_count", "100");
    pairs.push(("target_unit", "户户户户户户户户户户户"));
    assert_eq!(refusal(&pairs), refused("target_unit", "too_long"));
    // Progress may say the count reached.
    let progress = |result: &'static str| {
        [
            ("change", "progress"),
            ("topic", "7"),
            ("percent", "84"),
            ("result", result),
            ("update", "又发证 2 万户"),
        ]
    };
    let Ok(TopicChange::Progress { result, .. }) =
        TopicChange::parse(progress("168,000").iter().copied())
    else {
        panic!("progress with a count");
    };
    assert_eq!(result, Some(168_000));
    assert_eq!(refusal(&progress("十六万")), refused("result", "format"));
}

#[test]
fn a_document_needs_its_title_issuer_date_and_a_link_or_its_text() {
    let document = |link: &'static str, text: &'static str| {
        vec![
            ("change", "document"),
            ("topic", "7"),
            ("doc_title", " 关于解决不动产登记历史遗留问题的意见 "),
            ("doc_issuer", "北京市规划和自然资源委员会"),
            ("doc_date", "2026-03-01"),
            ("doc_link", link),
            ("doc_text", text),
        ]
    };
    let Ok(TopicChange::Document { topic, document: d }) = TopicChange::parse(
        document("https://example.gov.cn/a.html", "")
            .iter()
            .copied(),
    ) else {
        panic!("a document with a link");
    };
    assert_eq!(topic, TopicId(7));
    assert_eq!(d.title, "关于解决不动产登记历史遗留问题的意见");
    assert_eq!(
        d.issued_on,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date")
    );
    assert!(TopicChange::parse(document("", "一、……").iter().copied()).is_ok());
    assert_eq!(refusal(&document("", " ")), refused("doc_text", "required"));
    for bad in [
        "javascript:alert(1)",
        "ftp://x",
        "https://a b",
        "www.gov.cn",
    ] {
        assert_eq!(
            refusal(&document(bad, "")),
            refused("doc_link", "format"),
            "{bad}"
        );
    }
    for (field, value, expected) in [
        ("doc_title", "", refused("doc_title", "required")),
        ("doc_issuer", "", refused("doc_issuer", "required")),
        ("doc_date", "3月1日", refused("doc_date", "format")),
    ] {
        let pairs: Vec<(&str, &str)> = document("https://a.cn", "")
            .into_iter()
            .map(|(k, v)| if k == field { (k, value) } else { (k, v) })
            .collect();
        assert_eq!(refusal(&pairs), expected, "{field}");
    }
}
