use super::*;

fn form(change: &str, pairs: &[(&str, &str)]) -> ChangeForm {
    ChangeForm::from_pairs(std::iter::once(("change", change)).chain(pairs.iter().copied()))
}

#[test]
fn hours_must_be_whole_and_keep_their_order() {
    assert_eq!(
        Hours::parse(" 24 ", "360", "2", "72"),
        Ok(Hours {
            respond: 24,
            resolve: 360,
            urgent_respond: 2,
            urgent_resolve: 72,
        })
    );
    assert!(Hours::parse("1", "1", "1", "1").is_ok());
    assert!(Hours::parse("8760", "8760", "8760", "8760").is_ok());
    let refused = Err(AppError::from(AdminRefusal::HoursInvalid));
    for bad in [
        ["0", "24", "1", "2"],      // nothing happens in no time
        ["8761", "9000", "1", "2"], // more than a year
        ["24", "12", "1", "2"],     // resolving before responding
        ["2", "24", "3", "4"],      // urgent slower than normal
        ["2", "24", "2", "1"],      // urgent resolve before urgent respond
        ["2", "24", "1", "48"],     // urgent resolve slower than normal
        ["2.5", "24", "1", "2"],    // whole hours
        ["", "24", "1", "2"],
    ] {
        assert_eq!(
            Hours::parse(bad[0], bad[1], bad[2], bad[3]),
            refused,
            "{bad:?}"
        );
    }
}

#[test]
fn an_admin_form_becomes_its_change_or_names_the_refused_field() {
    assert_eq!(
        Change::parse(&form(
            "category",
            &[
                ("category", "environment.noise"),
                ("respond", "2"),
                ("resolve", "24"),
                ("urgent_respond", "1"),
                ("urgent_resolve", "12"),
                ("unit", ""),
            ]
        )),
        Ok(Change::Category {
            category: "environment.noise".into(),
            hours: Hours {
                respond: 2,
                resolve: 24,
                urgent_respond: 1,
                urgent_resolve: 12,
            },
            default_unit: None,
        })
    );
    assert_eq!(
        Change::parse(&form(
            "staff",
            &[
                ("phone", "+86 139-0000-0077"),
                ("display_name", " 王 "),
                ("role", "handler"),
                ("unit", "city_management"),
                // Ignored for a handler.
                ("area", "110108"),
            ]
        )),
        Ok(Change::Staff {
            phone: Phone::parse("13900000077").expect("a number"),
            display_name: "王".into(),
            role: Role::Handler,
            unit: Some("city_management".into()),
            area: None,
            password: None,
        })
    );
    let staff = |role: &'static str, password: &'static str| {
        form(
            "staff",
            &[
                ("phone", "13900000077"),
                ("display_name", "王"),
                ("role", role),
                ("password", password),
            ],
        )
    };
    let long_name = "名".repeat(MAX_NAME + 1);
    let unit = |code: &'static str, kind: &'static str, zh: &str| ChangeForm {
        change: "unit".into(),
        unit_code: code.into(),
        unit_kind: kind.into(),
        name_zh: zh.into(),
        name_en: "A unit".into(),
        area: "110000".into(),
        ..ChangeForm::default()
    };
    let cases = [
        (form("drop_tables", &[]), ("change", "unknown")),
        (staff("resident", ""), ("role", "required")),
        (staff("king", ""), ("role", "required")),
        (staff("handler", ""), ("unit", "required")),
        (staff("area_staff", ""), ("area", "required")),
        (staff("dispatcher", "short"), ("password", "too_short")),
        (unit("a b", "utility", "某单位"), ("unit_code", "required")),
        (unit("gas", "bank", "某单位"), ("unit_kind", "required")),
        (unit("gas", "utility", " "), ("name_zh", "required")),
        (unit("gas", "utility", &long_name), ("name_zh", "too_long")),
        (
            form("rule", &[("category", "environment.noise"), ("unit", "x")]),
            ("area", "required"),
        ),
        (
            form("remove_rule", &[("area", "110108")]),
            ("category", "required"),
        ),
    ];
    for (form, (field, reason)) in cases {
        let refused = Change::parse(&form).err();
        assert_eq!(
            refused.as_ref().and_then(AppError::refused_as),
            Some((field, reason)),
            "{form:?}"
        );
    }
}

#[test]
fn every_posted_field_reaches_the_form() {
    for field in FIELDS {
        let form = ChangeForm::from_pairs([(field, "x")]);
        assert_ne!(form, ChangeForm::default(), "{field}");
    }
    assert_eq!(
        ChangeForm::from_pairs([("is_admin", "yes")]),
        ChangeForm::default()
    );
}

#[cfg(feature = "ssr")]
#[test]
fn every_field_a_change_refuses_has_refusals_with_sentences() {
    for field in REFUSED_FIELDS {
        assert!(
            crate::error::every_refusal()
                .any(|(_, e)| e.refused_as().is_some_and(|(f, _)| f == field)),
            "{field}"
        );
    }
}
