//! The volunteering forms' parses: what each accepts and each refusal, as the browser and the
//! server both run them.

use super::*;

fn form<'a>(fields: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> String + 'a {
    move |name| {
        fields
            .iter()
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| *v)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn refused(refusal: VolunteerRefusal) -> AppError {
    AppError::from(refusal)
}

const APPOINTMENT: [(&str, &str); 4] = [
    ("community", "110108025014"),
    ("phone", "138 0000 0001"),
    ("patch", " 3号楼至5号楼 "),
    ("starts_on", "2026-12-07"),
];

#[test]
fn an_appointment_names_a_community_a_phone_a_patch_and_a_first_day() {
    let a = Appointment::parse(form(&APPOINTMENT)).expect("an appointment");
    assert_eq!(a.community, "110108025014");
    assert_eq!(a.phone.as_str(), "13800000001");
    assert_eq!(a.patch, "3号楼至5号楼");
    assert_eq!(a.starts_on.to_string(), "2026-12-07");
    let with = |name: &str, value: &'static str| {
        let mut fields = APPOINTMENT.to_vec();
        for field in fields.iter_mut().filter(|(k, _)| *k == name) {
            field.1 = value;
        }
        Appointment::parse(form(&fields))
    };
    assert_eq!(
        with("community", ""),
        Err(refused(VolunteerRefusal::CommunityRequired))
    );
    assert_eq!(
        with("phone", "12345"),
        Err(AppError::from(crate::accounts::AccountRefusal::PhoneFormat))
    );
    assert_eq!(
        with("patch", " "),
        Err(refused(VolunteerRefusal::PatchRequired))
    );
    assert_eq!(
        with("patch", "3号楼\n5号楼"),
        Err(refused(VolunteerRefusal::PatchFormat))
    );
    let long: &'static str = "楼".repeat(MAX_LINE + 1).leak();
    assert_eq!(
        with("patch", long),
        Err(refused(VolunteerRefusal::PatchTooLong))
    );
    assert_eq!(
        with("starts_on", "下周一"),
        Err(refused(VolunteerRefusal::StartsOnFormat))
    );
}

#[test]
fn a_party_member_names_their_organisation_and_a_volunteer_nothing() {
    assert_eq!(Offer::parse("volunteer", "ignored"), Ok(Offer::Volunteer));
    assert_eq!(
        Offer::parse("party_member", " 某某公司党支部 "),
        Ok(Offer::PartyMember {
            organisation: "某某公司党支部".to_owned()
        })
    );
    assert_eq!(Offer::Volunteer.kind(), VolunteerKind::Volunteer);
    assert_eq!(
        Offer::parse("party_member", ""),
        Err(refused(VolunteerRefusal::OrganisationRequired))
    );
    // Nobody appoints themselves a steward.
    for kind in ["steward", "mayor", ""] {
        assert_eq!(
            Offer::parse(kind, "x"),
            Err(refused(VolunteerRefusal::KindUnknown)),
            "{kind}"
        );
    }
}

#[test]
fn declining_and_ending_say_why_and_each_decision_has_one_way() {
    assert_eq!(Decision::parse("confirm", ""), Ok(Decision::Confirm));
    for decision in ["decline", "end"] {
        assert_eq!(
            Decision::parse(decision, "  "),
            Err(refused(VolunteerRefusal::ReasonRequired))
        );
    }
    assert_eq!(
        Decision::parse("promote", "x"),
        Err(refused(VolunteerRefusal::DecisionUnknown))
    );
    use VolunteerStatus::*;
    assert_eq!(Decision::Confirm.transition(), (Pending, Active, None));
    let end = Decision::parse("end", "搬走了").expect("an ending");
    assert_eq!(end.transition(), (Active, Ended, Some("搬走了")));
}

const ROSTER: [(&str, &str); 11] = [
    ("community", "110108025014"),
    ("title", "垃圾分类桶前值守"),
    ("place", "3号楼西侧桶站"),
    ("weekdays", "5"),
    ("weekdays", "1"),
    ("weekdays", "3"),
    ("starts", "07:00"),
    ("ends", "09:00"),
    ("places", "2"),
    ("first_day", "2026-12-07"),
    ("last_day", "2027-01-03"),
];

fn roster_with(name: &str, value: &'static str) -> Result<RosterDraft, AppError> {
    let mut fields: Vec<(&str, &str)> =
        ROSTER.iter().filter(|(k, _)| *k != name).copied().collect();
    fields.push((name, value));
    RosterDraft::parse(form(&fields))
}

#[test]
fn a_roster_is_a_shift_on_some_weekdays_between_two_days() {
    let r = RosterDraft::parse(form(&ROSTER)).expect("a roster");
    assert_eq!(r.weekdays, vec![1, 3, 5]);
    assert_eq!(
        (r.starts.to_string(), r.ends.to_string()),
        ("07:00:00".into(), "09:00:00".into())
    );
    assert_eq!(r.places, 2);
    let refusals = [
        ("title", "", VolunteerRefusal::TitleRequired),
        ("place", "", VolunteerRefusal::PlaceRequired),
        ("weekdays", "", VolunteerRefusal::WeekdaysRequired),
        ("weekdays", "8", VolunteerRefusal::WeekdaysUnknown),
        ("starts", "7点", VolunteerRefusal::StartsFormat),
        ("ends", "06:59", VolunteerRefusal::EndsBeforeStart),
        ("ends", "07:00", VolunteerRefusal::EndsBeforeStart),
        ("places", "0", VolunteerRefusal::PlacesFormat),
        ("places", "101", VolunteerRefusal::PlacesFormat),
        ("places", "两", VolunteerRefusal::PlacesFormat),
        ("first_day", "", VolunteerRefusal::FirstDayFormat),
        (
            "last_day",
            "2026-12-06",
            VolunteerRefusal::LastDayBeforeFirst,
        ),
        ("last_day", "2027-03-09", VolunteerRefusal::LastDayTooLong),
    ];
    for (field, value, refusal) in refusals {
        assert_eq!(
            roster_with(field, value),
            Err(refused(refusal)),
            "{field}={value}"
        );
    }
    // 92 days, first to last, is the longest.
    assert!(roster_with("last_day", "2027-03-08").is_ok());
}

#[test]
fn a_shift_is_covered_when_every_place_is_taken() {
    let mut shift = ShiftView {
        id: ids::ShiftId(1),
        roster: ids::RosterId(1),
        title: String::new(),
        place: String::new(),
        details: None,
        community: Names {
            zh: String::new(),
            en: String::new(),
        },
        starts_at: 0,
        ends_at: 1,
        places: 2,
        taken: 1,
        mine: false,
        upcoming: true,
        names: Vec::new(),
        checked_in: false,
        checked_out: false,
        can_check_in: false,
        can_check_out: false,
    };
    assert!(!shift.covered());
    shift.taken = 2;
    assert!(shift.covered());
}

#[test]
fn every_notice_has_a_name_in_both_languages() {
    use crate::i18n::Locale;
    for kind in [
        "volunteer_appointed",
        "volunteer_active",
        "volunteer_declined",
        "volunteer_ended",
        "shift_reminder",
        "shift_short",
    ] {
        for locale in [Locale::ZhCn, Locale::En] {
            assert!(notice_label(kind, locale).is_some(), "{kind}");
        }
    }
    assert_eq!(notice_label("volunteer_pending", Locale::ZhCn), None);
}

#[test]
fn the_share_of_shifts_covered_is_whole_percent_and_none_without_shifts() {
    let mut figures = CommunityFigures {
        organisations: 0,
        code: String::new(),
        name: Names {
            zh: String::new(),
            en: String::new(),
        },
        stewards: 0,
        volunteers: 0,
        party_members: 0,
        shifts: 0,
        covered: 0,
        minutes: 0,
        no_shows: 0,
        steward_cases: 0,
        steward_cases_settled: 0,
    };
    assert_eq!(figures.covered_percent(), None);
    (figures.shifts, figures.covered) = (3, 2);
    assert_eq!(figures.covered_percent(), Some(66));
}

const NEED: [(&str, &str); 8] = [
    ("community", "110108025014"),
    ("title", "帮独居老人买菜"),
    ("details", "三位老人，每人一份菜单"),
    ("place", "社区服务站"),
    ("day", "2026-12-12"),
    ("starts", "09:00"),
    ("ends", "11:00"),
    ("places", "2"),
];

#[test]
fn a_need_is_a_roster_of_its_one_day_that_says_what_is_needed() {
    let n = RosterDraft::parse_need(form(&NEED)).expect("a need");
    assert_eq!(n.details.as_deref(), Some("三位老人，每人一份菜单"));
    assert_eq!((n.first_day, n.last_day), (n.first_day, n.first_day));
    assert_eq!(n.first_day.to_string(), "2026-12-12");
    assert_eq!(n.weekdays, [6], "2026-12-12 is a Saturday");
    assert_eq!(n.places, 2);
    let with = |name: &str, value: &'static str| {
        let mut fields = NEED.to_vec();
        for field in fields.iter_mut().filter(|(k, _)| *k == name) {
            field.1 = value;
        }
        RosterDraft::parse_need(form(&fields))
    };
    assert_eq!(
        with("details", " "),
        Err(refused(VolunteerRefusal::DetailsRequired))
    );
    let long: &'static str = "长".repeat(MAX_DETAILS + 1).leak();
    assert_eq!(
        with("details", long),
        Err(refused(VolunteerRefusal::DetailsTooLong))
    );
    assert_eq!(
        with("day", "下周六"),
        Err(refused(VolunteerRefusal::DayFormat))
    );
    assert_eq!(
        with("ends", "08:00"),
        Err(refused(VolunteerRefusal::EndsBeforeStart))
    );
    assert_eq!(
        with("title", ""),
        Err(refused(VolunteerRefusal::TitleRequired))
    );
    // A roster is no need.
    assert_eq!(
        RosterDraft::parse(form(&NEED)).map(|r| r.details),
        Err(refused(VolunteerRefusal::WeekdaysRequired))
    );
}
