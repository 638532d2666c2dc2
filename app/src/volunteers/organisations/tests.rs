//! The organisation forms' parses: what each accepts and each refusal, as the browser and the
//! server both run them.

use super::*;

const REPORT: [(&str, &str); 8] = [
    ("area", "110108025014"),
    ("name", " 某科技公司党支部 "),
    ("contact_name", "王书记"),
    ("contact_phone", "139 0000 0499"),
    ("room", "会议室一间"),
    ("people", ""),
    ("skill", " "),
    ("money", "每年物资 1 万元"),
];

fn report(name: &str, value: &'static str) -> Result<OrganisationDraft, AppError> {
    let mut fields = REPORT.to_vec();
    for field in fields.iter_mut().filter(|(k, _)| *k == name) {
        field.1 = value;
    }
    OrganisationDraft::parse(|n| {
        fields
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_default()
    })
}

#[test]
fn a_report_names_the_organisation_its_contact_and_what_it_offers() {
    let r = report("", "").expect("a report");
    assert_eq!(r.name, "某科技公司党支部");
    assert_eq!(r.contact_phone.as_str(), "13900000499");
    assert_eq!(
        r.resources,
        [
            (ResourceKind::Room, "会议室一间".to_owned()),
            (ResourceKind::Money, "每年物资 1 万元".to_owned())
        ],
        "blank lines are left out, in the list's order"
    );
    let refused = |r: OrganisationRefusal| Err(AppError::from(r));
    assert_eq!(report("area", ""), refused(R::AreaRequired));
    assert_eq!(report("name", ""), refused(R::NameRequired));
    assert_eq!(report("name", "某公司\n党支部"), refused(R::NameFormat));
    assert_eq!(report("contact_name", " "), refused(R::ContactRequired));
    assert_eq!(
        report("contact_phone", "010-12345678"),
        refused(R::ContactPhoneFormat)
    );
    let long: &'static str = "长".repeat(MAX_RESOURCE + 1).leak();
    assert_eq!(report("skill", long), refused(R::SkillTooLong));
    let mut none = REPORT.to_vec();
    for (k, v) in none.iter_mut() {
        if ["room", "people", "skill", "money"].contains(k) {
            *v = " ";
        }
    }
    let parsed = OrganisationDraft::parse(|n| {
        none.iter()
            .find(|(k, _)| *k == n)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_default()
    });
    assert_eq!(parsed, refused(R::ResourcesRequired));
}

#[test]
fn an_ask_says_what_and_when_and_an_answer_declining_says_why() {
    let a = AskDraft::parse(" 借会议室 ", "2026-12-12").expect("an ask");
    assert_eq!(
        (a.what.as_str(), a.needed_on.to_string().as_str()),
        ("借会议室", "2026-12-12")
    );
    assert_eq!(
        AskDraft::parse("", "2026-12-12"),
        Err(AppError::from(R::WhatRequired))
    );
    assert_eq!(
        AskDraft::parse("借会议室", "周六"),
        Err(AppError::from(R::NeededOnFormat))
    );

    assert_eq!(
        Answer::parse("agreed", ""),
        Ok(Answer {
            status: AskStatus::Agreed,
            note: String::new()
        })
    );
    assert_eq!(
        Answer::parse("declined", " "),
        Err(AppError::from(R::NoteRequired))
    );
    assert_eq!(
        Answer::parse("declined", "那天有活动"),
        Ok(Answer {
            status: AskStatus::Declined,
            note: "那天有活动".to_owned()
        })
    );
    assert_eq!(
        Answer::parse("asked", ""),
        Err(AppError::from(R::AnswerUnknown))
    );
}
