use super::*;
use ids::{CommentId, OptionId, RequestId};

fn form(overrides: &[(&'static str, &'static str)]) -> impl Fn(&str) -> String {
    let mut fields: Vec<(&'static str, &'static str)> = vec![
        ("area", "110108025014"),
        ("title", "楼下空地怎么用"),
        ("background", "小区3号楼下有一块空地，居民有不同想法。"),
        ("question", "这块空地改成什么？"),
        ("options", "停车位\n 健身器材 \n\n儿童游乐区\n"),
        ("max_choices", "1"),
        ("abstain", "on"),
        ("results_shown", "after_vote"),
        ("opens_at", "2026-12-01T09:00"),
        ("closes_at", "2026-12-08T18:00"),
    ];
    for (k, v) in overrides {
        fields.retain(|(name, _)| name != k);
        fields.push((k, v));
    }
    move |name: &str| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_default()
    }
}

fn refused(refusal: R) -> Result<Draft, AppError> {
    Err(refusal.into())
}

#[test]
fn a_consultation_form_is_read_with_its_options_in_order_and_beijing_times() {
    let draft = Draft::parse(form(&[])).expect("valid");
    assert_eq!(draft.options, ["停车位", "健身器材", "儿童游乐区"]);
    assert_eq!(draft.max_choices, 1);
    assert!(draft.abstain);
    assert_eq!(draft.results_shown, ResultsShown::AfterVote);
    // 09:00 in Beijing is 01:00 UTC.
    let opens = chrono::DateTime::from_timestamp(draft.opens_at, 0).expect("a time");
    assert_eq!(opens.to_rfc3339(), "2026-12-01T01:00:00+00:00");
    assert_eq!(beijing_time_value(draft.opens_at), "2026-12-01T09:00");
}

#[test]
fn each_field_of_a_consultation_is_refused_by_name() {
    let twenty_one: &'static str = Box::leak(
        (1..=21)
            .map(|i| format!("方案{i}"))
            .collect::<Vec<_>>()
            .join("\n")
            .into_boxed_str(),
    );
    let cases = [
        (form(&[("area", "")]), refused(R::AreaRequired)),
        (form(&[("title", " ")]), refused(R::TitleRequired)),
        (form(&[("question", "两\n行")]), refused(R::QuestionFormat)),
        (form(&[("options", "只有一个")]), refused(R::OptionsTooFew)),
        (form(&[("options", twenty_one)]), refused(R::OptionsTooMany)),
        (
            form(&[("options", "甲\n乙\n甲")]),
            refused(R::OptionsRepeated),
        ),
        (form(&[("max_choices", "4")]), refused(R::MaxChoicesFormat)),
        (form(&[("max_choices", "0")]), refused(R::MaxChoicesFormat)),
        (
            form(&[("results_shown", "never")]),
            refused(R::ResultsShownRequired),
        ),
        (form(&[("opens_at", "明天")]), refused(R::OpensAtFormat)),
        (
            form(&[("closes_at", "2026-12-01T08:59")]),
            refused(R::ClosesAtBeforeOpen),
        ),
    ];
    for (value, expected) in cases {
        assert_eq!(Draft::parse(value), expected);
    }
}

#[test]
fn a_ballot_chooses_known_options_within_the_maximum_and_abstains_alone() {
    let option = |id: i64, abstain: bool| OptionView {
        id: OptionId(id),
        label: String::new(),
        abstain,
        votes: None,
    };
    let options = [
        option(1, false),
        option(2, false),
        option(3, false),
        option(9, true),
    ];
    assert_eq!(
        parse_ballot([
            ("id", "5"),
            ("options", "2"),
            ("options", " 3 "),
            ("options", "2")
        ]),
        Ok(vec![OptionId(2), OptionId(3)])
    );
    assert_eq!(
        parse_ballot([("id", "5")]),
        Err(AppError::from(ConsultationRefusal::OptionsRequired))
    );
    assert_eq!(
        parse_ballot([("options", "二")]),
        Err(AppError::from(ConsultationRefusal::OptionsUnknown))
    );
    assert_eq!(
        check_ballot(&[OptionId(2), OptionId(3)], &options, 2),
        Ok(())
    );
    assert_eq!(check_ballot(&[OptionId(9)], &options, 1), Ok(()));
    assert_eq!(
        check_ballot(&[OptionId(1), OptionId(2), OptionId(3)], &options, 2),
        Err(AppError::from(ConsultationRefusal::OptionsTooManyChosen))
    );
    assert_eq!(
        check_ballot(&[OptionId(1), OptionId(9)], &options, 2),
        Err(AppError::from(ConsultationRefusal::OptionsAbstainAlone))
    );
    assert_eq!(
        check_ballot(&[OptionId(4)], &options, 2),
        Err(AppError::from(ConsultationRefusal::OptionsUnknown)),
        "another consultation's option"
    );
}

#[test]
fn phases_follow_the_clock_and_results_follow_the_rule() {
    let (opens, closes) = (1_000, 2_000);
    assert_eq!(Phase::at("draft", opens, closes, 1_500), Phase::Draft);
    assert_eq!(Phase::at("published", opens, closes, 999), Phase::Upcoming);
    assert_eq!(Phase::at("published", opens, closes, 1_000), Phase::Open);
    assert_eq!(
        Phase::at("published", opens, closes, 2_000 + 3 * 86_400 + 5),
        Phase::AwaitingDecision { days: 3 }
    );
    assert_eq!(Phase::at("decided", opens, closes, 1_500), Phase::Decided);

    use ResultsShown::*;
    let open = Phase::Open;
    let closed = Phase::AwaitingDecision { days: 0 };
    assert!(results_visible(Live, open, false));
    assert!(!results_visible(Live, Phase::Upcoming, false));
    assert!(!results_visible(AfterVote, open, false));
    assert!(results_visible(AfterVote, open, true));
    assert!(!results_visible(AfterClose, open, true));
    for rule in ResultsShown::ALL {
        assert!(results_visible(rule, closed, false));
        assert!(results_visible(rule, Phase::Decided, false));
    }
}

#[test]
fn an_outcome_says_what_by_whom_and_by_when() {
    assert_eq!(
        Outcome::parse(" 建健身角 ", "社区居委会", "2027-03-31").map(|o| o.by),
        Ok("社区居委会".to_owned())
    );
    assert_eq!(
        Outcome::parse("", "社区居委会", "2027-03-31"),
        Err(AppError::from(ConsultationRefusal::PlanRequired))
    );
    assert_eq!(
        Outcome::parse("建健身角", "", "2027-03-31"),
        Err(AppError::from(ConsultationRefusal::ByRequired))
    );
    assert_eq!(
        Outcome::parse("建健身角", "居委会", "明年春天"),
        Err(AppError::from(ConsultationRefusal::DueFormat))
    );
}

#[test]
fn the_requests_a_consultation_is_opened_from_are_ids_once_each() {
    assert!(Draft::parse(form(&[])).expect("valid").requests.is_empty());
    let draft = Draft::parse(form(&[("requests", "12\n7 12")])).expect("valid");
    assert_eq!(draft.requests, [RequestId(12), RequestId(7)]);
    assert_eq!(
        Draft::parse(form(&[("requests", "12\nabc")])),
        refused(R::RequestsUnknown)
    );
}

#[test]
fn a_comment_has_text_within_its_limit_and_replies_name_a_comment() {
    assert_eq!(
        NewComment::parse("  建议做健身角 ", ""),
        Ok(NewComment {
            body: "建议做健身角".to_owned(),
            parent: None
        })
    );
    assert_eq!(
        NewComment::parse("同意", "41").map(|c| c.parent),
        Ok(Some(CommentId(41)))
    );
    assert_eq!(
        NewComment::parse(" \n ", ""),
        Err(AppError::from(ConsultationRefusal::BodyRequired))
    );
    let long = "字".repeat(MAX_COMMENT + 1);
    assert_eq!(
        NewComment::parse(&long, ""),
        Err(AppError::from(ConsultationRefusal::BodyTooLong))
    );
    assert!(NewComment::parse(&"字".repeat(MAX_COMMENT), "").is_ok());
    // Several lines are fine in a comment.
    assert!(NewComment::parse("第一\n第二", "").is_ok());
    assert_eq!(
        NewComment::parse("同意", "第一条"),
        Err(AppError::from(ConsultationRefusal::ParentUnknown))
    );
    assert_eq!(
        parse_update(""),
        Err(AppError::from(ConsultationRefusal::UpdateRequired))
    );
    assert_eq!(
        parse_hide_reason(" "),
        Err(AppError::from(ConsultationRefusal::ReasonRequired))
    );
}

#[test]
fn a_tally_travels_as_numbers_and_anything_else_is_dropped() {
    let tally = Tally {
        votes: vec![3, 0, 12],
        ballots: 15,
        eligible: 40,
    };
    assert_eq!(tally.encode(), "15 40 3 0 12");
    assert_eq!(Tally::decode(&tally.encode()), Some(tally.clone()));
    assert_eq!(tally.share(), "37.5%");
    for bad in ["", "15", "15 forty 3", "15 40 3 x"] {
        assert_eq!(Tally::decode(bad), None, "{bad:?}");
    }
    let nobody = Tally {
        votes: vec![],
        ballots: 0,
        eligible: 0,
    };
    assert_eq!(Tally::decode("0 0"), Some(nobody.clone()));
    assert_eq!(nobody.share(), "—");
}
