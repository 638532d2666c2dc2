use super::*;

/// A form's fields.
type Pairs<'a> = &'a [(&'a str, &'a str)];

fn rating(pairs: &[(&str, &str)]) -> Result<Rating, AppError> {
    Rating::parse(pairs.iter().copied())
}

#[test]
fn a_rating_form_becomes_a_rating_or_names_the_refused_field() {
    assert_eq!(
        rating(&[
            ("outcome", "partly"),
            ("satisfaction", "3"),
            ("reasons", "speed"),
            ("reasons", "outcome"),
            ("reasons", "speed"),
            ("comment", "  修了一半  "),
        ]),
        Ok(Rating {
            outcome: Outcome::PartlyResolved,
            satisfaction: 3,
            reasons: vec!["outcome".into(), "speed".into()],
            comment: "修了一半".into(),
        })
    );
    let cases: [(Pairs, (&str, &str)); 6] = [
        (&[("satisfaction", "5")], ("outcome", "required")),
        (
            &[("outcome", "maybe"), ("satisfaction", "5")],
            ("outcome", "required"),
        ),
        (&[("outcome", "resolved")], ("satisfaction", "required")),
        (
            &[("outcome", "resolved"), ("satisfaction", "6")],
            ("satisfaction", "required"),
        ),
        (
            &[("outcome", "resolved"), ("satisfaction", "0")],
            ("satisfaction", "required"),
        ),
        (
            &[
                ("outcome", "resolved"),
                ("satisfaction", "4"),
                ("reasons", "luck"),
            ],
            ("reasons", "unknown"),
        ),
    ];
    for (pairs, (field, reason)) in cases {
        let refused = rating(pairs).err();
        assert_eq!(
            refused.as_ref().and_then(AppError::refused_as),
            Some((field, reason)),
            "{pairs:?}"
        );
    }
    let long = "好".repeat(MAX_COMMENT + 1);
    assert_eq!(
        rating(&[
            ("outcome", "resolved"),
            ("satisfaction", "4"),
            ("comment", &long)
        ]),
        Err(AppError::from(RatingRefusal::CommentTooLong))
    );
}

#[test]
fn only_not_resolved_or_dissatisfied_may_reopen() {
    for outcome in Outcome::ALL {
        for satisfaction in SATISFACTION {
            let r = Rating {
                outcome,
                satisfaction,
                reasons: Vec::new(),
                comment: String::new(),
            };
            assert_eq!(
                r.allows_reopen(),
                outcome == Outcome::NotResolved || satisfaction <= 2,
                "{outcome:?} {satisfaction}"
            );
            assert_eq!(r.is_satisfied(), satisfaction >= 4);
        }
    }
}

#[test]
fn outcomes_round_trip_through_their_names() {
    for o in Outcome::ALL {
        assert_eq!(Outcome::parse(o.as_str()), Some(o));
    }
    assert_eq!(Outcome::parse("yes"), None);
}
