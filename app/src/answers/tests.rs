use super::*;
use crate::error::AppError;

fn parse(pairs: &[(&str, &str)]) -> Result<Edit, AppError> {
    Edit::parse(pairs.iter().copied())
}

/// The field and reason of a refusal (`None`: accepted).
fn why(parsed: Result<Edit, AppError>) -> Option<(String, String)> {
    parsed
        .err()
        .and_then(|e| e.refused_as().map(|(f, r)| (f.to_owned(), r.to_owned())))
}

fn refused(field: &str, reason: &str) -> Option<(String, String)> {
    Some((field.to_owned(), reason.to_owned()))
}

#[test]
fn a_new_answer_is_trimmed_and_its_categories_sorted_once_each() {
    let edit = parse(&[
        ("edit", "save"),
        ("id", ""),
        ("title", "  供暖季时间 "),
        ("body", " 11 月 15 日开始。 "),
        ("categories", "housing.heating"),
        ("categories", "housing"),
        ("categories", "housing.heating"),
    ]);
    assert_eq!(
        edit,
        Ok(Edit::Save {
            id: None,
            title: "供暖季时间".into(),
            body: "11 月 15 日开始。".into(),
            categories: vec!["housing".into(), "housing.heating".into()],
        })
    );
}

#[test]
fn an_answer_for_every_category_names_none() {
    let edit = parse(&[("edit", "save"), ("id", "7"), ("title", "t"), ("body", "b")]);
    assert_eq!(
        edit,
        Ok(Edit::Save {
            id: Some(ids::StandardAnswerId(7)),
            title: "t".into(),
            body: "b".into(),
            categories: vec![],
        })
    );
}

#[test]
fn each_field_is_refused_with_its_reason() {
    let save =
        |title: &str, body: &str| parse(&[("edit", "save"), ("title", title), ("body", body)]);
    assert_eq!(why(save(" ", "b")), refused("title", "required"));
    assert_eq!(
        why(save(&"题".repeat(TITLE_MAX + 1), "b")),
        refused("title", "too_long")
    );
    assert_eq!(why(save("one\ntwo", "b")), refused("title", "too_long"));
    assert_eq!(why(save("t", "")), refused("body", "required"));
    assert_eq!(
        why(save("t", &"字".repeat(BODY_MAX + 1))),
        refused("body", "too_long")
    );
    assert!(save(&"题".repeat(TITLE_MAX), &"字".repeat(BODY_MAX)).is_ok());
    assert_eq!(
        why(parse(&[
            ("edit", "save"),
            ("title", "t"),
            ("body", "b"),
            ("categories", "no way")
        ])),
        refused("categories", "invalid")
    );
    let many: Vec<(&str, &str)> = (0..=MAX_CATEGORIES).map(|_| ("categories", "x")).collect();
    let mut pairs = vec![("edit", "save"), ("title", "t"), ("body", "b")];
    pairs.extend(many);
    assert_eq!(why(parse(&pairs)), refused("categories", "too_many"));
    assert_eq!(
        why(parse(&[
            ("edit", "save"),
            ("id", "x"),
            ("title", "t"),
            ("body", "b")
        ])),
        refused("id", "invalid")
    );
    assert_eq!(why(parse(&[("edit", "remove")])), refused("id", "invalid"));
    assert_eq!(
        parse(&[("edit", "remove"), ("id", "3")]),
        Ok(Edit::Remove {
            id: ids::StandardAnswerId(3)
        })
    );
    assert_eq!(
        why(parse(&[("edit", "rename")])),
        refused("edit", "unknown")
    );
}
