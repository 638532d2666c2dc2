use super::*;
use crate::accounts::UserId;
use crate::requests::lifecycle::next;
use crate::requests::sees_all;
use ids::UnitId;
use proptest::prelude::*;

fn standing(unit: i64, kind: UnitKind, summoned: Option<bool>) -> Standing {
    Standing {
        request_unit: Some(UnitId(unit)),
        unit_kind: Some(kind),
        summoned,
        confirms: false,
    }
}

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
    // Dispatchers act for the hotline centre (unit 1).
    let dispatcher = user(Role::Dispatcher, Some(1));
    let nobody = [
        user(Role::Resident, None),
        user(Role::AreaStaff, None),
        user(Role::Admin, None),
        // Whatever the session says, only handlers and area staff act for a unit.
        user(Role::Resident, Some(7)),
        user(Role::Admin, Some(7)),
    ];
    // Without a hotline centre, a dispatcher dispatches but answers nothing at intake.
    let dispatcher_without_hotline = user(Role::Dispatcher, None);
    // Every tier of holding unit, and both kinds of staff acting for a unit.
    for kind in UnitKind::ALL {
        let own = standing(7, kind, None);
        let summoned = |checked_in| standing(7, kind, Some(checked_in));
        for role in [Role::Handler, Role::AreaStaff] {
            let holder = user(role, Some(7));
            let other = user(role, Some(8));
            for (_, action) in STEPS {
                let dispatching = matches!(
                    action,
                    Action::Dispatch | Action::Reclassify | Action::Merge
                );
                let handling = match action {
                    Action::Accept | Action::Respond | Action::Progress | Action::Resolve => true,
                    Action::Whistle | Action::RateSummons => kind != UnitKind::HotlineCentre,
                    Action::Return => kind != UnitKind::Community,
                    Action::PassDown => kind == UnitKind::Street,
                    Action::PassUp => kind == UnitKind::Community,
                    _ => false,
                };
                let with = format!("{role:?} {kind:?} {action:?}");
                if role == Role::Handler {
                    assert_eq!(
                        allowed(&dispatcher, action, own),
                        dispatching || action == Action::Answer,
                        "{with}"
                    );
                    assert_eq!(
                        allowed(&dispatcher_without_hotline, action, own),
                        dispatching,
                        "{with}"
                    );
                }
                assert_eq!(allowed(&holder, action, own), handling, "{with}");
                assert!(!allowed(&other, action, own), "{with}");
                assert_eq!(
                    allowed(&other, action, summoned(false)),
                    action == Action::CheckIn,
                    "{with}"
                );
                assert_eq!(
                    allowed(&other, action, summoned(true)),
                    action == Action::Contribute,
                    "{with}"
                );
                for someone in &nobody {
                    assert!(!allowed(someone, action, own), "{:?} {with}", someone.role);
                    assert!(
                        !allowed(someone, action, summoned(false)),
                        "{:?} {with}",
                        someone.role
                    );
                }
            }
        }
    }
    // What the hotline centre holds (an answer at intake, reopened), its dispatchers settle
    // themselves or return to be dispatched; they summon nobody and pass nothing.
    let at_hotline = standing(1, UnitKind::HotlineCentre, None);
    for (_, action) in STEPS {
        let expected = matches!(
            action,
            Action::Dispatch
                | Action::Reclassify
                | Action::Merge
                | Action::Answer
                | Action::Accept
                | Action::Respond
                | Action::Progress
                | Action::Resolve
                | Action::Return
        );
        assert_eq!(
            allowed(&dispatcher, action, at_hotline),
            expected,
            "{action:?}"
        );
        assert!(
            !allowed(&user(Role::Handler, Some(7)), action, at_hotline),
            "{action:?}"
        );
    }
    // A handler without a unit handles nothing, even a request without one.
    let unitless = user(Role::Handler, None);
    let no_unit = Standing {
        request_unit: None,
        unit_kind: None,
        summoned: None,
        confirms: false,
    };
    for action in Action::ALL {
        assert!(!allowed(&unitless, action, no_unit), "{action:?}");
    }
    assert!(!sees_all(&unitless, no_unit));
}

#[test]
fn a_street_passes_down_and_a_community_passes_up_and_neither_the_other_way() {
    let street = user(Role::Handler, Some(7));
    let community = user(Role::AreaStaff, Some(9));
    let at_street = standing(7, UnitKind::Street, None);
    let at_community = standing(9, UnitKind::Community, None);
    // (The page offers a rating only once a summoned unit posted its part.)
    assert_eq!(
        steps_for(&street, Status::Accepted, at_street),
        vec!["respond", "whistle", "pass_down", "rate_summons"]
    );
    assert_eq!(
        steps_for(&community, Status::Dispatched, at_community),
        vec!["accept", "pass_up"]
    );
    assert_eq!(
        steps_for(&community, Status::Accepted, at_community),
        vec!["respond", "whistle", "pass_up", "rate_summons"]
    );
    // A street office must accept before passing down; a community never passes down.
    assert_eq!(
        steps_for(&street, Status::Dispatched, at_street),
        vec!["accept", "return"]
    );
    assert!(!allowed(&community, Action::PassDown, at_community));
    assert!(!allowed(&street, Action::PassUp, at_street));
    // Nobody passes a finished request on.
    for status in [
        Status::Resolved,
        Status::Closed,
        Status::Withdrawn,
        Status::Merged,
    ] {
        for (user, at) in [(&street, at_street), (&community, at_community)] {
            let steps = steps_for(user, status, at);
            assert!(
                !steps.iter().any(|s| s.starts_with("pass_")),
                "{status:?} {steps:?}"
            );
        }
    }
}

#[test]
fn a_rating_of_a_summons_needs_the_unit_and_three_scores_from_1_to_5() {
    let full = [
        ("summoned", "city_management"),
        ("arrived", "5"),
        ("cooperation", "4"),
        ("result", "3"),
        ("comment", " 按时到场 "),
    ];
    assert_eq!(
        Step::parse(&form("rate_summons", &full)),
        Ok(Step::RateSummons {
            summoned: "city_management".into(),
            scores: [5, 4, 3],
            comment: "按时到场".into(),
        })
    );
    for (field, bad, refusal) in [
        ("summoned", "", HandlingRefusal::SummonedRequired),
        ("arrived", "0", HandlingRefusal::ArrivedRequired),
        ("cooperation", "6", HandlingRefusal::CooperationRequired),
        ("result", "", HandlingRefusal::ResultRequired),
        ("result", "很好", HandlingRefusal::ResultRequired),
    ] {
        let pairs: Vec<(&str, &str)> = full
            .iter()
            .map(|&(k, v)| if k == field { (k, bad) } else { (k, v) })
            .collect();
        assert_eq!(
            Step::parse(&form("rate_summons", &pairs)),
            Err(AppError::from(refusal)),
            "{field}={bad}"
        );
    }
    let long = "字".repeat(MAX_NOTE + 1);
    let mut pairs = full.to_vec();
    pairs.push(("comment", &long));
    assert_eq!(
        Step::parse(&form("rate_summons", &pairs)),
        Err(AppError::from(HandlingRefusal::CommentTooLong))
    );
}

#[test]
fn a_pass_form_becomes_its_step_or_names_the_refused_field() {
    assert_eq!(
        Step::parse(&form(
            "pass_down",
            &[("community", "community:110108025014")]
        )),
        Ok(Step::PassDown {
            community: "community:110108025014".into(),
            note: String::new(),
        })
    );
    assert_eq!(
        Step::parse(&form("pass_down", &[("note", "请社区先上门看看")])),
        Err(AppError::from(HandlingRefusal::CommunityRequired))
    );
    assert_eq!(
        Step::parse(&form("pass_up", &[("reason", " ")])),
        Err(AppError::from(HandlingRefusal::ReasonRequired))
    );
    assert_eq!(
        Step::parse(&form("pass_up", &[("reason", "需要执法，社区办不了")])),
        Ok(Step::PassUp {
            reason: "需要执法，社区办不了".into()
        })
    );
}

#[test]
fn private_requests_are_seen_by_the_centre_the_unit_and_the_summoned_only() {
    let own = standing(7, UnitKind::Street, None);
    assert!(sees_all(&user(Role::Dispatcher, None), own));
    assert!(sees_all(&user(Role::Admin, None), own));
    assert!(sees_all(&user(Role::Handler, Some(7)), own));
    assert!(!sees_all(&user(Role::Handler, Some(8)), own));
    assert!(sees_all(
        &user(Role::Handler, Some(8)),
        standing(7, UnitKind::Street, Some(false))
    ));
    // A community's staff see what their committee handles, and nothing else.
    let at_community = standing(9, UnitKind::Community, None);
    assert!(sees_all(&user(Role::AreaStaff, Some(9)), at_community));
    assert!(!sees_all(&user(Role::AreaStaff, Some(9)), own));
    assert!(!sees_all(&user(Role::AreaStaff, None), own));
    assert!(!sees_all(&user(Role::Resident, None), own));
}

#[test]
fn a_page_offers_only_steps_the_machine_and_the_table_both_allow() {
    let own = standing(7, UnitKind::Department, None);
    let handler = user(Role::Handler, Some(7));
    assert_eq!(
        steps_for(&handler, Status::Dispatched, own),
        vec!["accept", "return"]
    );
    assert_eq!(
        steps_for(&handler, Status::Accepted, own),
        vec!["respond", "whistle", "rate_summons"]
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
    /// Random action sequences, from a resident's filing or a found case's start, never reach
    /// a state the lifecycle does not allow: the
    /// resolution needs an answer first in the same round (or is the hotline's answer at
    /// intake), acceptance a dispatch, a request
    /// closes only from resolved, finished ones stay finished, and actions that keep the
    /// status keep it.
    #[test]
    fn random_action_sequences_reach_no_illegal_state(
        found in any::<bool>(),
        actions in proptest::collection::vec(any_action(), 0..60),
    ) {
        // A resident's request starts at intake; a case staff found starts in progress at the
        // unit that found it, with nobody to contact first.
        let mut status = if found { Status::InProgress } else { Status::Submitted };
        let mut responded_this_round = found;
        let mut dispatched = found;
        for action in actions {
            let before = status;
            match next(status, action) {
                Err(_) => prop_assert_eq!(status, before),
                Ok(to) => {
                    prop_assert!(before.is_open() || action == Action::Reopen);
                    if to != before {
                        match to {
                            Status::Accepted => prop_assert!(dispatched && before == Status::Dispatched),
                            // The hotline's answer at intake is the response and the resolution.
                            Status::Resolved => prop_assert!(
                                responded_this_round
                                    || (action == Action::Answer && before == Status::Submitted)
                            ),
                            Status::Closed => prop_assert_eq!(before, Status::Resolved),
                            _ => {}
                        }
                    }
                    if matches!(
                        action,
                        Action::AddInfo
                            | Action::Reclassify
                            | Action::Whistle
                            | Action::CheckIn
                            | Action::Contribute
                            | Action::RateSummons
                    ) {
                        prop_assert_eq!(to, before);
                    }
                    match action {
                        Action::Dispatch | Action::Reopen => {
                            dispatched = true;
                            responded_this_round = false;
                        }
                        Action::Return => dispatched = false,
                        // A new unit holds it: it accepts and answers the resident again.
                        Action::PassDown | Action::PassUp => {
                            dispatched = true;
                            responded_this_round = false;
                        }
                        // The hotline's answer is its response (a found case starts answered,
                        // and a street sending one back keeps the round's response).
                        Action::Respond | Action::Answer => responded_this_round = true,
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

#[test]
fn an_answer_at_intake_needs_its_text_and_is_offered_only_at_intake() {
    assert_eq!(
        Step::parse(&form(
            "answer",
            &[("answer", " 供暖期从 11 月 15 日开始。 ")]
        )),
        Ok(Step::Answer {
            answer: "供暖期从 11 月 15 日开始。".into()
        })
    );
    assert_eq!(
        Step::parse(&form("answer", &[("answer", " \n ")])),
        Err(AppError::from(HandlingRefusal::AnswerRequired))
    );
    let long = "字".repeat(MAX_NOTE + 1);
    assert_eq!(
        Step::parse(&form("answer", &[("answer", &long)])),
        Err(AppError::from(HandlingRefusal::AnswerTooLong))
    );
    let dispatcher = user(Role::Dispatcher, Some(1));
    let unrouted = Standing {
        request_unit: None,
        unit_kind: None,
        summoned: None,
        confirms: false,
    };
    assert_eq!(
        steps_for(&dispatcher, Status::Submitted, unrouted),
        vec!["dispatch", "answer", "reclassify", "merge"]
    );
    // Once dispatched, it is the unit's: the hotline no longer answers it.
    let dispatched = standing(7, UnitKind::Street, None);
    assert_eq!(
        steps_for(&dispatcher, Status::Dispatched, dispatched),
        vec!["reclassify", "merge"]
    );
    // A reopened answer comes back to the hotline: settle it or return it to intake.
    let reopened = standing(1, UnitKind::HotlineCentre, None);
    assert_eq!(
        steps_for(&dispatcher, Status::Dispatched, reopened),
        vec!["reclassify", "merge", "accept", "return"]
    );
}

#[test]
fn a_found_case_is_confirmed_by_its_street_office_and_nobody_else() {
    // A case found in a community (its committee, unit 9, holds it) of street office 7's.
    let held = standing(9, UnitKind::Community, None);
    let at_the_office = Standing {
        confirms: true,
        ..held
    };
    for role in [Role::Handler, Role::AreaStaff] {
        let office = user(role, Some(7));
        let committee = user(role, Some(9));
        for action in [Action::Confirm, Action::SendBack] {
            assert!(
                allowed(&office, action, at_the_office),
                "{role:?} {action:?}"
            );
            // The unit that did the work does not confirm it itself.
            assert!(!allowed(&committee, action, held), "{role:?} {action:?}");
        }
        assert!(sees_all(&office, at_the_office), "{role:?}");
        assert_eq!(
            steps_for(&office, Status::Resolved, at_the_office),
            vec!["confirm", "send_back"]
        );
        // Only once it is resolved.
        assert!(steps_for(&office, Status::InProgress, at_the_office).is_empty());
    }
    for someone in [
        user(Role::Resident, None),
        user(Role::Admin, None),
        user(Role::Handler, None),
        user(Role::Resident, Some(7)),
    ] {
        for action in [Action::Confirm, Action::SendBack] {
            assert!(
                !allowed(&someone, action, at_the_office),
                "{:?}",
                someone.role
            );
        }
    }
    // A resident's request is rated by its resident: no unit confirms it.
    for kind in UnitKind::ALL {
        let office = user(Role::Handler, Some(7));
        assert!(!allowed(&office, Action::Confirm, standing(7, kind, None)));
    }
}
