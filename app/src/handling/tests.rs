use super::*;
use crate::accounts::UserId;
use crate::requests::lifecycle::next;
use crate::requests::sees_all;
use ids::UnitId;
use proptest::prelude::*;

fn user(role: Role, unit: Option<i64>) -> CurrentUser {
    CurrentUser {
        id: UserId(1),
        display_name: "x".into(),
        role,
        unit_id: unit.map(UnitId),
        scope_area_id: None,
    }
}

fn form(step: &str, pairs: &[(&str, &str)]) -> StepForm {
    StepForm::from_pairs(std::iter::once(("step", step)).chain(pairs.iter().copied()))
}

#[test]
fn a_staff_form_becomes_its_step_or_names_the_refused_field() {
    assert_eq!(
        Step::parse(&form(
            "dispatch",
            &[("unit", "street:110108025"), ("urgent", "on")]
        )),
        Ok(Step::Dispatch {
            unit: "street:110108025".into(),
            urgent: true,
        })
    );
    assert_eq!(
        Step::parse(&form("dispatch", &[])),
        Err(AppError::from(HandlingRefusal::UnitRequired))
    );
    assert_eq!(
        Step::parse(&form("return", &[("reason", "  ")])),
        Err(AppError::from(HandlingRefusal::ReasonRequired))
    );
    assert_eq!(
        Step::parse(&form("resolve", &[("closure", "resolved")])),
        Err(AppError::from(HandlingRefusal::ExplanationRequired))
    );
    assert_eq!(
        Step::parse(&form(
            "resolve",
            &[("closure", "fixed"), ("explanation", "done")]
        )),
        Err(AppError::from(HandlingRefusal::ClosureRequired))
    );
    let long = "字".repeat(MAX_NOTE + 1);
    assert_eq!(
        Step::parse(&form("respond", &[("note", &long)])),
        Err(AppError::from(crate::requests::RequestRefusal::NoteTooLong))
    );
    assert_eq!(
        Step::parse(&form("merge", &[("into", "nonsense")])),
        Err(AppError::from(HandlingRefusal::IntoInvalid))
    );
    assert_eq!(
        Step::parse(&form("escalate", &[])),
        Err(AppError::from(HandlingRefusal::StepUnknown))
    );
    assert_eq!(
        Step::parse(&form("whistle", &[("reason", "需要城管配合")])),
        Err(AppError::from(HandlingRefusal::UnitsRequired))
    );
    assert_eq!(
        Step::parse(&form(
            "whistle",
            &[
                ("units", "b"),
                ("units", "a"),
                ("units", "b"),
                ("reason", " 需要配合 ")
            ]
        )),
        Ok(Step::Whistle {
            units: vec!["a".into(), "b".into()],
            reason: "需要配合".into()
        })
    );
    let many: Vec<(&str, &str)> = (0..=MAX_SUMMONED).map(|_| ("units", "a")).collect();
    assert_eq!(
        Step::parse(&form("whistle", &many)),
        Err(AppError::from(HandlingRefusal::UnitsTooMany))
    );
}

#[test]
fn closure_codes_round_trip() {
    for code in ClosureCode::ALL {
        assert_eq!(ClosureCode::parse(code.as_str()), Some(code));
    }
    assert_eq!(ClosureCode::parse("done"), None);
}

#[test]
fn who_may_take_which_step() {
    let own = Standing {
        request_unit: Some(UnitId(7)),
        summoned: None,
    };
    let summoned = |checked_in| Standing {
        request_unit: Some(UnitId(7)),
        summoned: Some(checked_in),
    };
    let dispatcher = user(Role::Dispatcher, None);
    let handler = user(Role::Handler, Some(7));
    let other_handler = user(Role::Handler, Some(8));
    let nobody = [
        user(Role::Resident, None),
        user(Role::AreaStaff, None),
        user(Role::Admin, None),
    ];
    for (_, action) in STEPS {
        let dispatching = matches!(
            action,
            Action::Dispatch | Action::Reclassify | Action::Merge
        );
        let handling = matches!(
            action,
            Action::Accept
                | Action::Return
                | Action::Respond
                | Action::Progress
                | Action::Resolve
                | Action::Whistle
        );
        assert_eq!(allowed(&dispatcher, action, own), dispatching, "{action:?}");
        assert_eq!(allowed(&handler, action, own), handling, "{action:?}");
        assert!(!allowed(&other_handler, action, own), "{action:?}");
        assert_eq!(
            allowed(&other_handler, action, summoned(false)),
            action == Action::CheckIn,
            "{action:?}"
        );
        assert_eq!(
            allowed(&other_handler, action, summoned(true)),
            action == Action::Contribute,
            "{action:?}"
        );
        for someone in &nobody {
            assert!(
                !allowed(someone, action, own),
                "{:?} {action:?}",
                someone.role
            );
        }
    }
    // A handler without a unit handles nothing, even a request without one.
    let unitless = user(Role::Handler, None);
    let no_unit = Standing {
        request_unit: None,
        summoned: None,
    };
    assert!(!allowed(&unitless, Action::Accept, no_unit));
    assert!(!sees_all(&unitless, no_unit));
}

#[test]
fn private_requests_are_seen_by_the_centre_the_unit_and_the_summoned_only() {
    let own = Standing {
        request_unit: Some(UnitId(7)),
        summoned: None,
    };
    assert!(sees_all(&user(Role::Dispatcher, None), own));
    assert!(sees_all(&user(Role::Admin, None), own));
    assert!(sees_all(&user(Role::Handler, Some(7)), own));
    assert!(!sees_all(&user(Role::Handler, Some(8)), own));
    assert!(sees_all(
        &user(Role::Handler, Some(8)),
        Standing {
            request_unit: Some(UnitId(7)),
            summoned: Some(false)
        }
    ));
    assert!(!sees_all(&user(Role::AreaStaff, None), own));
    assert!(!sees_all(&user(Role::Resident, None), own));
}

#[test]
fn a_page_offers_only_steps_the_machine_and_the_table_both_allow() {
    let own = Standing {
        request_unit: Some(UnitId(7)),
        summoned: None,
    };
    let handler = user(Role::Handler, Some(7));
    assert_eq!(
        steps_for(&handler, Status::Dispatched, own),
        vec!["accept", "return"]
    );
    assert_eq!(
        steps_for(&handler, Status::Accepted, own),
        vec!["respond", "whistle"]
    );
    assert_eq!(
        steps_for(&user(Role::Dispatcher, None), Status::Submitted, own),
        vec!["dispatch", "reclassify", "merge"]
    );
    assert!(steps_for(&handler, Status::Closed, own).is_empty());
}

/// What one random step stands for in the property test: an action by the one who may take
/// it.
fn any_action() -> impl Strategy<Value = Action> {
    proptest::sample::select(Action::ALL.to_vec())
}

proptest! {
    /// Random action sequences never reach a state the lifecycle does not allow: the
    /// resolution needs an answer first in the same round, acceptance a dispatch, a request
    /// closes only from resolved, finished ones stay finished, and actions that keep the
    /// status keep it.
    #[test]
    fn random_action_sequences_reach_no_illegal_state(actions in proptest::collection::vec(any_action(), 0..60)) {
        let mut status = Status::Submitted;
        let mut responded_this_round = false;
        let mut dispatched = false;
        for action in actions {
            let before = status;
            match next(status, action) {
                Err(_) => prop_assert_eq!(status, before),
                Ok(to) => {
                    prop_assert!(before.is_open() || action == Action::Reopen);
                    if to != before {
                        match to {
                            Status::Accepted => prop_assert!(dispatched && before == Status::Dispatched),
                            Status::Resolved => prop_assert!(responded_this_round),
                            Status::Closed => prop_assert_eq!(before, Status::Resolved),
                            _ => {}
                        }
                    }
                    if matches!(
                        action,
                        Action::AddInfo | Action::Reclassify | Action::Whistle | Action::CheckIn | Action::Contribute
                    ) {
                        prop_assert_eq!(to, before);
                    }
                    match action {
                        Action::Dispatch | Action::Reopen => {
                            dispatched = true;
                            responded_this_round = false;
                        }
                        Action::Return => dispatched = false,
                        Action::Respond => responded_this_round = true,
                        _ => {}
                    }
                    status = to;
                }
            }
            if matches!(before, Status::Withdrawn | Status::Merged) {
                prop_assert_eq!(status, before);
            }
        }
    }
}
