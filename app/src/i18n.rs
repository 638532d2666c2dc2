//! The i18n layer: every visible string comes from a [`Texts`] catalogue, one per [`Locale`].
//!
//! A typed catalogue rather than a crate: a missing translation is a compile error, and the
//! strings are picked on the server, so none of this reaches the WASM unless an island asks for
//! it (islands receive their strings as props). The language is the `jiesu_lang` cookie's,
//! otherwise zh-CN; it is never guessed from Accept-Language (shared community devices and
//! headless browsers send en-US).

mod en;
mod zh_cn;

use serde::{Deserialize, Serialize};

/// The cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "jiesu_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag: `<html lang>`, the cookie value and the `/lang/{tag}` route.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// The locale named by the `jiesu_lang` cookie in a `Cookie` header, or zh-CN.
    pub fn from_cookie_header(header: &str) -> Locale {
        cookie_value(header, LANG_COOKIE)
            .and_then(Locale::from_tag)
            .unwrap_or_default()
    }

    /// The other language: what the switch in the header offers.
    pub fn other(self) -> Locale {
        match self {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::ZhCn => &zh_cn::TEXTS,
            Locale::En => &en::TEXTS,
        }
    }
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim())
}

/// The `Cookie` header of the request being answered (server only).
#[cfg(feature = "ssr")]
pub fn request_cookies() -> Option<String> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    let header = parts.headers.get(axum::http::header::COOKIE)?;
    header.to_str().ok().map(str::to_owned)
}

/// The locale of the page being rendered (provided by `App`), or zh-CN.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// The catalogue of the page being rendered.
pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

/// The locale of the request being answered, from its cookie (server only).
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    request_cookies().map_or_else(Locale::default, |h| Locale::from_cookie_header(&h))
}

/// Where the language switch goes: `/lang/{tag}?back={path}`, which sets the cookie and returns.
pub fn switch_href(to: Locale, back: &str) -> String {
    format!("/lang/{}?back={}", to.tag(), percent_encode(back))
}

/// `s` with everything but unreserved characters and `/` percent-encoded (for `?back=`).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Every visible string of Jiesu, by place of use.
pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    /// What search engines show under the site's name.
    pub meta_description: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_areas: &'static str,
    /// The language switch's label, written in the language it switches *to*.
    pub switch_to_this_language: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_hotline_title: &'static str,
    pub home_hotline_text: &'static str,
    pub home_steps_title: &'static str,
    pub home_steps: [&'static str; 4],
    pub home_browse_areas: &'static str,
    /// The home page's lookup card and, for a signed-in resident, their open requests.
    pub home_lookup_title: &'static str,
    pub home_mine_title: &'static str,
    pub home_mine_empty: &'static str,
    pub home_mine_all: &'static str,
    pub home_unread: &'static str,
    /// The header: the menu's button, who is signed in, and the large-text switch
    /// (长辈模式), whose label says what it switches *to*.
    pub nav_menu: &'static str,
    /// The refusal summary at the top of a page a form post came back to, and what it says of
    /// refusals that have no sentence of their own.
    pub refusal_title: &'static str,
    /// A private request in a staff queue.
    pub private_badge: &'static str,
    /// Whose word a closed request's closure code is (the unit's, not the resident's rating).
    pub closure_by_unit: &'static str,
    /// On the timeline, a closing by the resident's rating, before its outcome.
    pub closed_by_rating: &'static str,
    pub refusal_sign_in: &'static str,
    pub refusal_conflict: &'static str,
    pub refusal_failed: &'static str,
    pub signed_in_as: &'static str,
    pub large_text_on: &'static str,
    pub large_text_off: &'static str,
    pub areas_title: &'static str,
    pub areas_intro: &'static str,
    pub area_streets: &'static str,
    pub area_communities: &'static str,
    pub area_children_count: &'static str,
    pub area_none: &'static str,
    pub area_filter_label: &'static str,
    pub area_filter_none: &'static str,
    pub area_back: &'static str,
    pub loading: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub footer: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub sign_in_title: &'static str,
    pub phone_label: &'static str,
    pub password_label: &'static str,
    pub phone_format: &'static str,
    pub password_required: &'static str,
    pub password_wrong: &'static str,
    pub too_many_attempts: &'static str,
    pub invalid_input: &'static str,
    pub register: &'static str,
    pub register_title: &'static str,
    pub register_place_step: &'static str,
    pub register_details_step: &'static str,
    pub district_label: &'static str,
    pub street_label: &'static str,
    pub community_label: &'static str,
    pub choose: &'static str,
    pub show_streets: &'static str,
    pub show_communities: &'static str,
    pub display_name_label: &'static str,
    pub password_new_label: &'static str,
    pub send_code: &'static str,
    pub confirm_title: &'static str,
    pub confirm_intro: &'static str,
    pub code_label: &'static str,
    pub confirm: &'static str,
    pub phone_taken: &'static str,
    pub password_too_short: &'static str,
    pub password_too_long: &'static str,
    pub display_name_required: &'static str,
    pub display_name_too_long: &'static str,
    pub community_required: &'static str,
    pub community_not_a_community: &'static str,
    pub code_format: &'static str,
    pub code_wrong: &'static str,
    pub code_expired: &'static str,
    pub code_too_many_tries: &'static str,
    pub code_start_again: &'static str,
    pub nav_account: &'static str,
    pub forgot_password: &'static str,
    pub reset_title: &'static str,
    pub reset_intro: &'static str,
    pub reset_confirm_title: &'static str,
    pub reset_confirm_intro: &'static str,
    pub reset_submit: &'static str,
    pub reset_start_again: &'static str,
    pub profile_title: &'static str,
    pub profile_role: &'static str,
    pub profile_home: &'static str,
    pub profile_details_title: &'static str,
    pub save: &'static str,
    pub saved_profile: &'static str,
    pub saved_password: &'static str,
    pub password_title: &'static str,
    pub current_password_label: &'static str,
    pub new_password_label: &'static str,
    pub my_data_title: &'static str,
    pub my_data_text: &'static str,
    pub delete_title: &'static str,
    pub delete_text: &'static str,
    pub delete_password_label: &'static str,
    pub deleted_title: &'static str,
    pub deleted_text: &'static str,
    pub current_password_required: &'static str,
    pub current_password_wrong: &'static str,
    pub service_unavailable: &'static str,
    /// Resident, dispatcher, handler, area staff, admin (the order of `Role`).
    pub role_names: [&'static str; 5],
    /// The text carrying a code: `{code}` and `{minutes}` are filled in.
    pub sms_code: &'static str,
    /// The text a password reset sends to a number without an account.
    pub sms_no_account: &'static str,
    /// The text to a number that asked to register but already has an account.
    pub sms_already_registered: &'static str,
    /// The text to a staff number that asked for a password reset (only an admin resets it).
    pub sms_staff_reset: &'static str,
    /// The text to a disabled account's number that asked for a password reset.
    pub sms_account_disabled: &'static str,
    /// The hour's budget of texts is spent: no code can be sent now.
    pub phone_texts_spent: &'static str,
    /// The right password of an account an admin disabled.
    pub password_disabled: &'static str,
    /// Shown on every page while the demo accounts exist.
    pub demo_data_banner: &'static str,
    /// Results are followed live but fewer than {n} residents have voted.
    pub consultation_results_withheld: &'static str,
    pub password_mismatch: &'static str,
    pub nav_file: &'static str,
    pub nav_mine: &'static str,
    pub nav_lookup: &'static str,
    pub file_title: &'static str,
    pub file_intro: &'static str,
    pub file_place_step: &'static str,
    pub file_details_step: &'static str,
    pub kind_label: &'static str,
    pub category_label: &'static str,
    pub address_label: &'static str,
    pub description_label: &'static str,
    pub public_label: &'static str,
    pub show_name_label: &'static str,
    pub submit_request: &'static str,
    pub staff_cannot_file: &'static str,
    pub filed_notice: &'static str,
    pub filed_deadline: &'static str,
    pub request_title: &'static str,
    pub tracking_label: &'static str,
    pub status_label: &'static str,
    pub respond_by_label: &'static str,
    pub resolve_by_label: &'static str,
    pub filed_at_label: &'static str,
    pub unit_label: &'static str,
    pub unit_pending: &'static str,
    pub place_label: &'static str,
    pub visibility_label: &'static str,
    pub public_yes: &'static str,
    pub public_no: &'static str,
    pub resident_label: &'static str,
    pub seconds_label: &'static str,
    pub description_heading: &'static str,
    pub timeline_heading: &'static str,
    pub private_request: &'static str,
    pub add_info_heading: &'static str,
    pub note_label: &'static str,
    pub add_info_submit: &'static str,
    pub withdraw_heading: &'static str,
    pub withdraw_text: &'static str,
    pub withdraw_button: &'static str,
    pub hours_left: &'static str,
    pub overdue: &'static str,
    pub mine_title: &'static str,
    pub mine_empty: &'static str,
    pub status_filter_label: &'static str,
    pub all_statuses: &'static str,
    pub filter: &'static str,
    pub older: &'static str,
    pub lookup_title: &'static str,
    pub lookup_intro: &'static str,
    pub number_label: &'static str,
    pub tail_label: &'static str,
    pub tail_hint: &'static str,
    pub tail_format: &'static str,
    /// A request page found nothing: the number is wrong, or the request is private.
    pub request_not_found_hint: &'static str,
    pub lookup_submit: &'static str,
    pub kind_required: &'static str,
    pub category_required: &'static str,
    pub category_unknown: &'static str,
    pub category_not_a_leaf: &'static str,
    pub address_too_long: &'static str,
    pub description_too_short: &'static str,
    pub description_too_long: &'static str,
    pub position_invalid: &'static str,
    pub form_expired: &'static str,
    pub note_required: &'static str,
    pub note_too_long: &'static str,
    pub number_format: &'static str,
    pub status_not_allowed: &'static str,
    pub forbidden: &'static str,
    pub nav_public: &'static str,
    pub public_title: &'static str,
    pub public_intro: &'static str,
    pub any_district: &'static str,
    pub any_street: &'static str,
    pub any_category: &'static str,
    pub public_empty: &'static str,
    pub next_page: &'static str,
    pub second_button: &'static str,
    pub seconded_notice: &'static str,
    pub similar_title: &'static str,
    pub similar_intro: &'static str,
    pub not_duplicate_label: &'static str,
    pub similar_found: &'static str,
    pub second_own: &'static str,
    pub second_closed: &'static str,
    pub second_already: &'static str,
    pub photos_label: &'static str,
    pub photos_heading: &'static str,
    pub photo_alt: &'static str,
    pub photos_type: &'static str,
    pub photos_too_many_pixels: &'static str,
    pub photos_unreadable: &'static str,
    pub photos_too_large: &'static str,
    pub photos_too_many: &'static str,
    pub photos_choose_again: &'static str,
    pub upload_too_large_title: &'static str,
    pub upload_too_large: &'static str,
    pub back: &'static str,
    pub draft_restored: &'static str,
    pub inbox_title: &'static str,
    pub inbox_empty: &'static str,
    pub mark_all_read: &'static str,
    pub unread_label: &'static str,
    pub nav_staff: &'static str,
    pub staff_title: &'static str,
    pub intake_title: &'static str,
    pub intake_intro: &'static str,
    pub unit_queue_title: &'static str,
    pub unit_queue_intro: &'static str,
    pub queue_empty: &'static str,
    pub staff_only: &'static str,
    pub proposed_label: &'static str,
    pub rule_reason: &'static str,
    pub rule_fallback: &'static str,
    pub returns_label: &'static str,
    pub urgent_badge: &'static str,
    pub summons_from: &'static str,
    pub check_in_deadline_label: &'static str,
    pub staff_heading: &'static str,
    pub step_done: &'static str,
    pub urgent_label: &'static str,
    pub reason_label: &'static str,
    pub respond_note_label: &'static str,
    pub progress_note_label: &'static str,
    pub progress_public_label: &'static str,
    pub closure_label: &'static str,
    pub explanation_label: &'static str,
    pub units_label: &'static str,
    pub whistle_reason_label: &'static str,
    pub check_in_note_label: &'static str,
    pub contribution_label: &'static str,
    pub into_label: &'static str,
    pub new_category_label: &'static str,
    pub summons_heading: &'static str,
    pub checked_in_label: &'static str,
    pub check_in_pending: &'static str,
    pub late_badge: &'static str,
    pub internal_badge: &'static str,
    pub merged_notice: &'static str,
    pub back_to_queue: &'static str,
    pub unit_required: &'static str,
    pub unit_unknown: &'static str,
    pub units_required: &'static str,
    pub units_too_many: &'static str,
    pub units_unknown: &'static str,
    pub units_own: &'static str,
    pub reason_required: &'static str,
    pub reason_too_long: &'static str,
    pub explanation_required: &'static str,
    pub explanation_too_long: &'static str,
    pub closure_required: &'static str,
    pub into_invalid: &'static str,
    pub into_unknown: &'static str,
    pub into_same: &'static str,
    pub into_finished: &'static str,
    pub step_unknown: &'static str,
    /// In the order of `handling::STEPS`.
    pub step_names: [&'static str; 11],
    /// In the order of `handling::ClosureCode::ALL`.
    pub closure_names: [&'static str; 5],
    pub category_search_label: &'static str,
    pub category_search_placeholder: &'static str,
    pub category_no_match: &'static str,
    pub locate_button: &'static str,
    pub locating: &'static str,
    /// "{m}": metres.
    pub located: &'static str,
    pub locate_failed: &'static str,
    pub uploading: &'static str,
    pub upload_failed: &'static str,
    pub nav_admin: &'static str,
    pub admin_title: &'static str,
    pub admin_only: &'static str,
    pub admin_intro: &'static str,
    pub admin_area_codes: &'static str,
    pub admin_saved: &'static str,
    pub admin_staff_heading: &'static str,
    pub admin_staff_intro: &'static str,
    pub role_label: &'static str,
    pub staff_unit_label: &'static str,
    pub staff_area_label: &'static str,
    pub staff_password_label: &'static str,
    pub staff_place_heading: &'static str,
    pub admin_categories_heading: &'static str,
    pub admin_categories_intro: &'static str,
    pub hours_heading: &'static str,
    pub urgent_hours_heading: &'static str,
    pub respond_hours_label: &'static str,
    pub resolve_hours_label: &'static str,
    pub urgent_respond_hours_label: &'static str,
    pub urgent_resolve_hours_label: &'static str,
    pub default_unit_label: &'static str,
    pub default_unit_street: &'static str,
    pub admin_rules_heading: &'static str,
    pub admin_rules_intro: &'static str,
    pub rule_area_label: &'static str,
    pub remove_rule_button: &'static str,
    pub admin_units_heading: &'static str,
    pub admin_units_all: &'static str,
    pub unit_code_label: &'static str,
    pub unit_kind_label: &'static str,
    pub name_zh_label: &'static str,
    pub name_en_label: &'static str,
    pub unit_area_label: &'static str,
    pub change_unknown: &'static str,
    pub unit_code_required: &'static str,
    pub unit_kind_required: &'static str,
    pub name_required: &'static str,
    pub name_too_long: &'static str,
    pub area_required: &'static str,
    pub area_unknown: &'static str,
    pub rule_unknown: &'static str,
    pub hours_invalid: &'static str,
    pub role_required: &'static str,
    pub role_own: &'static str,
    pub phone_resident: &'static str,
    /// In the order of `admin::page::CHANGES`.
    pub admin_change_names: [&'static str; 7],
    pub admin_accounts_heading: &'static str,
    pub admin_accounts_intro: &'static str,
    pub disable_reason_label: &'static str,
    /// Before a disabled account's reason in the list ("原因：").
    pub disabled_reason_prefix: &'static str,
    pub disabled_since_heading: &'static str,
    pub admin_none_disabled: &'static str,
    pub admin_audit_heading: &'static str,
    pub admin_audit_intro: &'static str,
    pub phone_unknown: &'static str,
    pub phone_own: &'static str,
    /// In the order of `admin::STAFF_ROLES`.
    pub staff_role_names: [&'static str; 4],
    /// In the order of `admin::UNIT_KINDS`.
    pub unit_kind_names: [&'static str; 5],
    pub caller_heading: &'static str,
    pub caller_intro: &'static str,
    pub caller_phone_label: &'static str,
    pub caller_name_label: &'static str,
    pub caller_phone_format: &'static str,
    pub caller_phone_required: &'static str,
    pub caller_phone_staff: &'static str,
    pub caller_name_required: &'static str,
    pub caller_name_too_long: &'static str,
    pub evidence_label: &'static str,
    pub previous_page: &'static str,
    pub pages_label: &'static str,
    pub rate_heading: &'static str,
    pub rate_intro: &'static str,
    pub outcome_label: &'static str,
    pub satisfaction_label: &'static str,
    pub reasons_label: &'static str,
    pub comment_label: &'static str,
    pub rate_button: &'static str,
    pub your_rating_heading: &'static str,
    pub reopen_heading: &'static str,
    pub reopen_intro: &'static str,
    pub reopen_reason_label: &'static str,
    pub reopen_button: &'static str,
    pub outcome_required: &'static str,
    pub satisfaction_required: &'static str,
    pub reasons_unknown: &'static str,
    pub comment_too_long: &'static str,
    pub reopen_satisfied: &'static str,
    pub reopen_too_late: &'static str,
    pub reopen_unrated: &'static str,
    /// In the order of `ratings::Outcome::ALL`.
    pub outcome_names: [&'static str; 3],
    /// From 1 (very dissatisfied) to 5.
    pub satisfaction_names: [&'static str; 5],
    /// In the order of `ratings::REASONS`.
    pub reason_names: [&'static str; 3],
    pub hot_spots_heading: &'static str,
    pub hot_spots_intro: &'static str,
    pub hot_spot_line: &'static str,
    pub hot_spot_link: &'static str,
    /// A hot-spot notification's label, and its line ({community}, {category}, {n}).
    pub hot_spot_label: &'static str,
    pub hot_spot_notice: &'static str,
    pub nav_measures: &'static str,
    pub measures_title: &'static str,
    pub measures_intro: &'static str,
    pub measures_city: &'static str,
    pub measures_month_label: &'static str,
    pub measures_month_show: &'static str,
    pub measures_compare_heading: &'static str,
    pub measures_measure_column: &'static str,
    pub measures_change_column: &'static str,
    pub measures_response: &'static str,
    pub measures_resolution: &'static str,
    pub measures_satisfaction: &'static str,
    pub measures_score: &'static str,
    pub measures_overdue: &'static str,
    pub measures_formulas_heading: &'static str,
    pub measures_formula_response: &'static str,
    pub measures_formula_resolution: &'static str,
    pub measures_formula_satisfaction: &'static str,
    pub measures_formula_score: &'static str,
    pub measures_rules: &'static str,
    pub measures_updated: &'static str,
    pub measures_trend_heading: &'static str,
    pub measures_trend_title: &'static str,
    pub measures_trend_desc: &'static str,
    pub measures_categories_heading: &'static str,
    pub measures_categories_title: &'static str,
    pub measures_categories_desc: &'static str,
    pub measures_streets_top: &'static str,
    pub measures_streets_bottom: &'static str,
    pub measures_streets_all: &'static str,
    pub measures_streets_title: &'static str,
    pub measures_streets_heading: &'static str,
    pub measures_districts_heading: &'static str,
    pub measures_units_heading: &'static str,
    pub measures_rank_column: &'static str,
    pub measures_name_column: &'static str,
    pub measures_month_column: &'static str,
    pub measures_csv: &'static str,
    pub measures_no_data: &'static str,
    pub measures_unranked: &'static str,
    pub measures_back_city: &'static str,
    pub measures_sort_hint: &'static str,
    pub measures_sorted_by: &'static str,
    pub month_format: &'static str,
    pub month_not_yet: &'static str,
    pub month_too_early: &'static str,
    pub scope_unknown: &'static str,
    pub table_unknown: &'static str,
    /// In the order of `db::measures::COUNTS`.
    pub count_names: [&'static str; 13],
    /// Inquiry, help, complaint, report, suggestion, praise (the order of `RequestKind`).
    pub kind_names: [&'static str; 6],
    /// In the order of `Status`.
    pub status_names: [&'static str; 9],
    /// In the order of `requests::EVENT_KINDS`.
    pub event_names: [&'static str; 20],
    // Consultations
    pub nav_consultations: &'static str,
    pub consultations_title: &'static str,
    pub consultations_intro: &'static str,
    pub consultations_new_link: &'static str,
    pub consultations_empty: &'static str,
    pub consultations_new_title: &'static str,
    pub consultation_abstain: &'static str,
    pub consultation_abstain_label: &'static str,
    pub consultation_area_label: &'static str,
    pub consultation_area_hint: &'static str,
    pub consultation_background: &'static str,
    pub consultation_title_label: &'static str,
    pub consultation_question_label: &'static str,
    pub consultation_options_label: &'static str,
    pub consultation_options_hint: &'static str,
    pub consultation_max_label: &'static str,
    pub consultation_results_label: &'static str,
    pub consultation_opens_label: &'static str,
    pub consultation_closes_label: &'static str,
    pub consultation_create_button: &'static str,
    pub consultation_created: &'static str,
    pub consultation_step_done: &'static str,
    pub consultation_voted: &'static str,
    pub consultation_decided: &'static str,
    pub consultation_single: &'static str,
    pub consultation_multiple: &'static str,
    pub consultation_results_heading: &'static str,
    pub consultation_option: &'static str,
    pub consultation_votes: &'static str,
    pub consultation_turnout: &'static str,
    pub consultation_your_ballot: &'static str,
    pub consultation_vote_heading: &'static str,
    pub consultation_change_heading: &'static str,
    pub consultation_vote_button: &'static str,
    pub consultation_outcome_heading: &'static str,
    pub consultation_outcome_what: &'static str,
    pub consultation_outcome_by: &'static str,
    pub consultation_outcome_due: &'static str,
    pub consultation_outcome_form: &'static str,
    pub consultation_decide_button: &'static str,
    pub consultation_staff_heading: &'static str,
    pub consultation_publish: &'static str,
    pub consultation_close: &'static str,
    pub consultation_awaiting: &'static str,
    pub options_too_few: &'static str,
    pub options_too_many_consultation: &'static str,
    pub options_too_long: &'static str,
    pub options_repeated: &'static str,
    pub options_required: &'static str,
    pub options_unknown: &'static str,
    pub options_too_many_chosen: &'static str,
    pub options_abstain_alone: &'static str,
    pub max_choices_format: &'static str,
    pub results_shown_required: &'static str,
    pub time_format: &'static str,
    pub closes_before_open: &'static str,
    pub closes_past: &'static str,
    pub area_outside: &'static str,
    pub question_required: &'static str,
    pub question_too_long: &'static str,
    pub background_required: &'static str,
    pub background_too_long: &'static str,
    pub ballot_not_open: &'static str,
    pub ballot_not_verified: &'static str,
    pub status_not_now: &'static str,
    pub plan_required: &'static str,
    pub plan_too_long: &'static str,
    pub by_required: &'static str,
    pub by_too_long: &'static str,
    pub due_format: &'static str,
    pub consultation_phase_names: [&'static str; 4],
    pub results_shown_names: [&'static str; 3],
    pub consultation_requests_heading: &'static str,
    pub discussion_heading: &'static str,
    pub discussion_who: &'static str,
    pub discussion_empty: &'static str,
    pub discussion_comment_label: &'static str,
    pub comment_button: &'static str,
    pub comment_reply: &'static str,
    pub comment_reply_button: &'static str,
    pub comment_staff_badge: &'static str,
    pub comment_hidden: &'static str,
    pub comment_report: &'static str,
    pub comment_reported: &'static str,
    pub comment_reports: &'static str,
    pub comment_hide: &'static str,
    pub comment_hide_reason: &'static str,
    pub consultation_commented: &'static str,
    pub consultation_comment_reported: &'static str,
    pub consultation_comment_hidden: &'static str,
    pub consultation_updated: &'static str,
    pub consultation_progress_heading: &'static str,
    pub consultation_no_updates: &'static str,
    pub consultation_update_label: &'static str,
    pub consultation_update_button: &'static str,
    pub consultation_live: &'static str,
    pub consultation_closed_early: &'static str,
    /// Why an open consultation shows no ballot to this viewer, and where to go about it.
    pub no_ballot_sign_in: &'static str,
    pub no_ballot_staff: &'static str,
    pub no_ballot_unverified: &'static str,
    pub no_ballot_verify_link: &'static str,
    pub consultation_sources_heading: &'static str,
    pub consultation_sources_intro: &'static str,
    pub consultation_sources_empty: &'static str,
    pub consultation_source_line: &'static str,
    pub consultation_source_choose: &'static str,
    pub hot_spot_badge: &'static str,
    pub consultation_prefill_title: &'static str,
    pub consultation_prefill_background: &'static str,
    pub consultation_requests_label: &'static str,
    pub request_consultation: &'static str,
    pub request_consultation_outcome: &'static str,
    pub body_required: &'static str,
    pub body_too_long: &'static str,
    pub comment_not_verified: &'static str,
    pub parent_unknown: &'static str,
    pub requests_unknown: &'static str,
    pub requests_outside: &'static str,
    pub consultation_notice_names: [&'static str; 3],
    pub consultation_reported_badge: &'static str,
    // Residence verification
    pub nav_verifications: &'static str,
    pub verification_heading: &'static str,
    pub verification_intro: &'static str,
    pub verification_line: &'static str,
    pub verification_reason: &'static str,
    pub verification_address_label: &'static str,
    pub verification_address_hint: &'static str,
    pub verification_ask_button: &'static str,
    pub verification_asked: &'static str,
    pub verifications_title: &'static str,
    pub verifications_staff_only: &'static str,
    pub verifications_intro: &'static str,
    pub verifications_done: &'static str,
    pub verifications_pending_heading: &'static str,
    pub verifications_approved_heading: &'static str,
    pub verifications_none: &'static str,
    pub verification_approve: &'static str,
    pub verification_reject: &'static str,
    pub verification_reject_reason: &'static str,
    pub verification_revoke: &'static str,
    pub verification_revoke_reason: &'static str,
    pub verification_asked_at: &'static str,
    pub address_required: &'static str,
    pub verification_live: &'static str,
    pub decision_unknown: &'static str,
    pub verification_status_names: [&'static str; 5],
    pub verification_notice_names: [&'static str; 3],
    // 每月一题
    pub nav_topics: &'static str,
    pub list_separator: &'static str,
    pub topics_title: &'static str,
    pub topics_intro: &'static str,
    pub topics_publish_link: &'static str,
    pub topics_empty: &'static str,
    pub topic_month: &'static str,
    pub topic_lead_label: &'static str,
    pub topic_percent: &'static str,
    pub topic_progress_label: &'static str,
    pub topic_deadline_label: &'static str,
    pub topic_overdue: &'static str,
    pub topic_published: &'static str,
    pub topic_progress_posted: &'static str,
    pub topic_no_co_units: &'static str,
    pub topic_month_label: &'static str,
    pub topic_lead_heading: &'static str,
    pub topic_co_units_heading: &'static str,
    pub topic_co_units_hint: &'static str,
    pub topic_target_heading: &'static str,
    pub topic_published_label: &'static str,
    pub topic_description_heading: &'static str,
    pub topic_requests_link: &'static str,
    pub topic_measures_link: &'static str,
    pub topic_updates_heading: &'static str,
    pub topic_no_updates: &'static str,
    pub topic_post_heading: &'static str,
    pub topic_percent_label: &'static str,
    pub topic_update_label: &'static str,
    pub topic_post_button: &'static str,
    pub topic_title_label: &'static str,
    pub topic_deadline_heading: &'static str,
    pub topic_of_request: &'static str,
    pub topics_new_title: &'static str,
    pub topics_new_intro: &'static str,
    pub topics_most_filed: &'static str,
    pub topics_least_satisfied: &'static str,
    pub topics_no_candidates: &'static str,
    pub topics_filed: &'static str,
    pub topics_rated: &'static str,
    pub topics_satisfaction: &'static str,
    pub topics_taken: &'static str,
    pub topics_choose: &'static str,
    pub topics_form_heading: &'static str,
    pub topics_publish_button: &'static str,
    pub topic_title_required: &'static str,
    pub topic_title_too_long: &'static str,
    pub topic_line_format: &'static str,
    pub topic_description_required: &'static str,
    pub topic_target_required: &'static str,
    pub topic_target_too_long: &'static str,
    pub district_required: &'static str,
    pub district_unknown: &'static str,
    pub topic_category_taken: &'static str,
    pub lead_unit_required: &'static str,
    pub co_units_required: &'static str,
    pub co_units_lead: &'static str,
    pub co_units_too_many: &'static str,
    pub deadline_format: &'static str,
    pub deadline_past: &'static str,
    pub topic_required: &'static str,
    pub percent_format: &'static str,
    pub update_required: &'static str,
    pub update_too_long: &'static str,
}

type Pick = fn(&Texts) -> &'static str;

/// Every refusal a form can show, by field and reason (the stable keys of
/// [`AppError::Invalid`](crate::error::AppError::Invalid)), with its sentence.
const REFUSALS: &[(&str, &str, Pick)] = &[
    ("phone", "format", |t| t.phone_format),
    ("phone", "taken", |t| t.phone_taken),
    ("phone", "texts_spent", |t| t.phone_texts_spent),
    ("password", "disabled", |t| t.password_disabled),
    ("password", "required", |t| t.password_required),
    ("password", "wrong", |t| t.password_wrong),
    ("password", "too_short", |t| t.password_too_short),
    ("password", "too_long", |t| t.password_too_long),
    ("password", "mismatch", |t| t.password_mismatch),
    ("kind", "required", |t| t.kind_required),
    ("category", "required", |t| t.category_required),
    ("category", "unknown", |t| t.category_unknown),
    ("category", "not_a_leaf", |t| t.category_not_a_leaf),
    ("address", "too_long", |t| t.address_too_long),
    ("description", "too_short", |t| t.description_too_short),
    ("description", "too_long", |t| t.description_too_long),
    ("position", "invalid", |t| t.position_invalid),
    ("idempotency_key", "missing", |t| t.form_expired),
    ("note", "required", |t| t.note_required),
    ("note", "too_long", |t| t.note_too_long),
    ("number", "format", |t| t.number_format),
    ("tail", "format", |t| t.tail_format),
    ("status", "not_allowed", |t| t.status_not_allowed),
    ("similar", "found", |t| t.similar_found),
    ("photos", "type", |t| t.photos_type),
    ("photos", "too_many_pixels", |t| t.photos_too_many_pixels),
    ("photos", "unreadable", |t| t.photos_unreadable),
    ("photos", "too_large", |t| t.photos_too_large),
    ("photos", "too_many", |t| t.photos_too_many),
    ("second", "own", |t| t.second_own),
    ("second", "closed", |t| t.second_closed),
    ("second", "already", |t| t.second_already),
    ("display_name", "required", |t| t.display_name_required),
    ("display_name", "too_long", |t| t.display_name_too_long),
    ("community", "required", |t| t.community_required),
    ("community", "not_a_community", |t| {
        t.community_not_a_community
    }),
    ("code", "format", |t| t.code_format),
    ("code", "wrong", |t| t.code_wrong),
    ("code", "expired", |t| t.code_expired),
    ("code", "too_many_tries", |t| t.code_too_many_tries),
    ("code", "start_again", |t| t.code_start_again),
    ("current_password", "required", |t| {
        t.current_password_required
    }),
    ("current_password", "wrong", |t| t.current_password_wrong),
    ("new_password", "too_short", |t| t.password_too_short),
    ("new_password", "too_long", |t| t.password_too_long),
    ("unit", "required", |t| t.unit_required),
    ("unit", "unknown", |t| t.unit_unknown),
    ("units", "required", |t| t.units_required),
    ("units", "too_many", |t| t.units_too_many),
    ("units", "unknown", |t| t.units_unknown),
    ("units", "own", |t| t.units_own),
    ("reason", "required", |t| t.reason_required),
    ("reason", "too_long", |t| t.reason_too_long),
    ("explanation", "required", |t| t.explanation_required),
    ("explanation", "too_long", |t| t.explanation_too_long),
    ("closure", "required", |t| t.closure_required),
    ("into", "invalid", |t| t.into_invalid),
    ("into", "unknown", |t| t.into_unknown),
    ("into", "same", |t| t.into_same),
    ("into", "finished", |t| t.into_finished),
    ("step", "unknown", |t| t.step_unknown),
    ("outcome", "required", |t| t.outcome_required),
    ("satisfaction", "required", |t| t.satisfaction_required),
    ("reasons", "unknown", |t| t.reasons_unknown),
    ("comment", "too_long", |t| t.comment_too_long),
    ("reopen", "satisfied", |t| t.reopen_satisfied),
    ("reopen", "too_late", |t| t.reopen_too_late),
    ("reopen", "unrated", |t| t.reopen_unrated),
    ("caller_phone", "format", |t| t.caller_phone_format),
    ("caller_phone", "required", |t| t.caller_phone_required),
    ("caller_phone", "staff", |t| t.caller_phone_staff),
    ("caller_name", "required", |t| t.caller_name_required),
    ("caller_name", "too_long", |t| t.caller_name_too_long),
    ("change", "unknown", |t| t.change_unknown),
    ("unit_code", "required", |t| t.unit_code_required),
    ("unit_kind", "required", |t| t.unit_kind_required),
    ("name_zh", "required", |t| t.name_required),
    ("name_zh", "too_long", |t| t.name_too_long),
    ("name_en", "required", |t| t.name_required),
    ("name_en", "too_long", |t| t.name_too_long),
    ("area", "required", |t| t.area_required),
    ("area", "unknown", |t| t.area_unknown),
    ("rule", "unknown", |t| t.rule_unknown),
    ("hours", "invalid", |t| t.hours_invalid),
    ("role", "required", |t| t.role_required),
    ("role", "own", |t| t.role_own),
    ("phone", "resident", |t| t.phone_resident),
    ("phone", "unknown", |t| t.phone_unknown),
    ("phone", "own", |t| t.phone_own),
    ("month", "format", |t| t.month_format),
    ("month", "not_yet", |t| t.month_not_yet),
    ("month", "too_early", |t| t.month_too_early),
    ("scope", "unknown", |t| t.scope_unknown),
    ("table", "unknown", |t| t.table_unknown),
    ("options", "too_few", |t| t.options_too_few),
    ("options", "too_many", |t| t.options_too_many_consultation),
    ("options", "too_long", |t| t.options_too_long),
    ("options", "repeated", |t| t.options_repeated),
    ("options", "required", |t| t.options_required),
    ("options", "too_many_chosen", |t| t.options_too_many_chosen),
    ("options", "unknown", |t| t.options_unknown),
    ("options", "abstain_alone", |t| t.options_abstain_alone),
    ("max_choices", "format", |t| t.max_choices_format),
    ("results_shown", "required", |t| t.results_shown_required),
    ("opens_at", "format", |t| t.time_format),
    ("closes_at", "format", |t| t.time_format),
    ("closes_at", "before_open", |t| t.closes_before_open),
    ("closes_at", "past", |t| t.closes_past),
    ("area", "outside", |t| t.area_outside),
    ("question", "required", |t| t.question_required),
    ("question", "too_long", |t| t.question_too_long),
    ("question", "format", |t| t.topic_line_format),
    ("background", "required", |t| t.background_required),
    ("background", "too_long", |t| t.background_too_long),
    ("ballot", "not_open", |t| t.ballot_not_open),
    ("ballot", "not_verified", |t| t.ballot_not_verified),
    ("status", "not_now", |t| t.status_not_now),
    ("plan", "required", |t| t.plan_required),
    ("plan", "too_long", |t| t.plan_too_long),
    ("by", "required", |t| t.by_required),
    ("by", "too_long", |t| t.by_too_long),
    ("by", "format", |t| t.topic_line_format),
    ("due", "format", |t| t.due_format),
    ("body", "required", |t| t.body_required),
    ("body", "too_long", |t| t.body_too_long),
    ("body", "not_verified", |t| t.comment_not_verified),
    ("parent", "unknown", |t| t.parent_unknown),
    ("requests", "unknown", |t| t.requests_unknown),
    ("requests", "outside", |t| t.requests_outside),
    ("address", "required", |t| t.address_required),
    ("verification", "live", |t| t.verification_live),
    ("decision", "unknown", |t| t.decision_unknown),
    ("title", "required", |t| t.topic_title_required),
    ("title", "too_long", |t| t.topic_title_too_long),
    ("title", "format", |t| t.topic_line_format),
    ("description", "required", |t| t.topic_description_required),
    ("target", "required", |t| t.topic_target_required),
    ("target", "too_long", |t| t.topic_target_too_long),
    ("target", "format", |t| t.topic_line_format),
    ("district", "required", |t| t.district_required),
    ("district", "unknown", |t| t.district_unknown),
    ("category", "taken", |t| t.topic_category_taken),
    ("lead_unit", "required", |t| t.lead_unit_required),
    ("lead_unit", "unknown", |t| t.unit_unknown),
    ("co_units", "required", |t| t.co_units_required),
    ("co_units", "unknown", |t| t.units_unknown),
    ("co_units", "lead", |t| t.co_units_lead),
    ("co_units", "too_many", |t| t.co_units_too_many),
    ("deadline", "format", |t| t.deadline_format),
    ("deadline", "past", |t| t.deadline_past),
    ("topic", "required", |t| t.topic_required),
    ("percent", "format", |t| t.percent_format),
    ("update", "required", |t| t.update_required),
    ("update", "too_long", |t| t.update_too_long),
];

/// The sentence an [`AppError`](crate::error::AppError) shows a user.
pub fn error_message(texts: &Texts, error: &crate::error::AppError) -> &'static str {
    use crate::error::AppError;
    match error {
        AppError::NotFound => texts.not_found_text,
        AppError::RateLimited => texts.too_many_attempts,
        AppError::Unavailable => texts.service_unavailable,
        AppError::Forbidden => texts.forbidden,
        AppError::Invalid { field, reason } => REFUSALS
            .iter()
            .find(|(f, r, _)| f == field && r == reason)
            .map_or(texts.invalid_input, |(_, _, pick)| pick(texts)),
        _ => texts.error_text,
    }
}

/// Every refusal that has its own sentence: (field, reason).
pub fn refusal_keys() -> impl Iterator<Item = (&'static str, &'static str)> {
    REFUSALS.iter().map(|(field, reason, _)| (*field, *reason))
}

/// The sentence the page's refusal summary shows for an error a form post came back with.
pub fn refusal_message(texts: &Texts, error: &crate::error::AppError) -> &'static str {
    use crate::error::AppError;
    match error {
        AppError::Unauthorized => texts.refusal_sign_in,
        AppError::Conflict => texts.refusal_conflict,
        AppError::BadRequest(_) | AppError::Internal => texts.refusal_failed,
        other => error_message(texts, other),
    }
}

/// The sentences of every refusal of these fields, for an island that checks a form in the
/// browser: (field, reason, sentence).
pub fn refusal_messages(texts: &Texts, fields: &[&str]) -> Vec<(String, String, String)> {
    REFUSALS
        .iter()
        .filter(|(f, _, _)| fields.contains(f))
        .map(|(f, r, pick)| (f.to_string(), r.to_string(), pick(texts).to_owned()))
        .collect()
}

/// The message for `field` in a refusal, if the refusal concerns that field.
pub fn field_message(
    t: &'static Texts,
    error: &Option<crate::error::AppError>,
    field: &str,
) -> Option<&'static str> {
    match error {
        Some(e @ crate::error::AppError::Invalid { field: f, .. }) if f == field => {
            Some(error_message(t, e))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_decides_and_anything_else_is_chinese() {
        assert_eq!(Locale::from_cookie_header("a=1; jiesu_lang=en"), Locale::En);
        assert_eq!(Locale::from_cookie_header("jiesu_lang=zh-CN"), Locale::ZhCn);
        assert_eq!(Locale::from_cookie_header("jiesu_lang=fr"), Locale::ZhCn);
        assert_eq!(Locale::from_cookie_header(""), Locale::ZhCn);
        assert_eq!(Locale::from_cookie_header("xjiesu_lang=en"), Locale::ZhCn);
    }

    #[test]
    fn the_switch_carries_the_page_back_encoded() {
        assert_eq!(
            switch_href(Locale::En, "/areas/110108?q=海"),
            "/lang/en?back=/areas/110108%3Fq%3D%E6%B5%B7"
        );
    }

    #[test]
    fn a_refusal_is_shown_at_its_own_field_only() {
        use crate::error::AppError;
        let t = Locale::ZhCn.texts();
        let wrong = Some(AppError::invalid("password", "wrong"));
        assert_eq!(field_message(t, &wrong, "password"), Some(t.password_wrong));
        assert_eq!(field_message(t, &wrong, "phone"), None);
        let limited = Some(AppError::RateLimited);
        assert_eq!(field_message(t, &limited, "phone"), None);
    }

    #[test]
    fn every_refusal_has_its_own_sentence_in_both_languages() {
        use crate::error::AppError;
        for locale in Locale::ALL {
            let t = locale.texts();
            for (field, reason, _) in REFUSALS {
                let message = error_message(t, &AppError::invalid(field, reason));
                assert_ne!(message, t.invalid_input, "{field}.{reason} in {locale:?}");
            }
            let unknown = AppError::invalid("phone", "no_such_reason");
            assert_eq!(error_message(t, &unknown), t.invalid_input);
        }
        let island = refusal_messages(Locale::En.texts(), &["code"]);
        assert!(island.iter().all(|(f, _, _)| f == "code"));
        assert!(island.contains(&(
            "code".into(),
            "wrong".into(),
            Locale::En.texts().code_wrong.into()
        )));
    }

    /// Every `invalid("field", "reason")` written in the code (the refusals the server
    /// functions return) has its own sentence: none falls back to "this is not right".
    #[test]
    fn every_refusal_the_code_returns_has_a_sentence() {
        fn literal(s: &str) -> Option<(&str, &str)> {
            let s = s.trim_start().strip_prefix('"')?;
            let end = s.find('"')?;
            Some((&s[..end], &s[end + 1..]))
        }
        let mut folders = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
        let mut found = Vec::new();
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("read src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let code = std::fs::read_to_string(&path).expect("read a source file");
                    for (at, _) in code.match_indices("invalid(") {
                        let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
                        if code[line_start..at].trim_start().starts_with("//") {
                            continue;
                        }
                        let rest = &code[at + "invalid(".len()..];
                        let Some((field, rest)) = literal(rest) else {
                            continue;
                        };
                        let Some(rest) = rest.trim_start().strip_prefix(',') else {
                            continue;
                        };
                        let Some((reason, _)) = literal(rest) else {
                            continue;
                        };
                        found.push((field.to_owned(), reason.to_owned(), path.clone()));
                    }
                }
            }
        }
        assert!(
            found.len() > 100,
            "the scan finds the refusals ({})",
            found.len()
        );
        let known: Vec<_> = refusal_keys().collect();
        let missing: Vec<_> = found
            .iter()
            .filter(|(f, r, _)| !known.contains(&(f.as_str(), r.as_str())))
            // The tests' own made-up refusals, and the measures' weights, which only an
            // operator's configuration gives (refused at start-up, in the log).
            .filter(|(_, r, _)| r != "no_such_reason")
            .filter(|(f, _, _)| f != "weights")
            .collect();
        assert!(
            missing.is_empty(),
            "refusals without a sentence: {missing:?}"
        );
    }

    #[test]
    fn both_catalogues_are_filled_in() {
        for locale in Locale::ALL {
            let t = locale.texts();
            for s in [
                t.app_name,
                t.home_title,
                t.not_found_title,
                t.error_text,
                t.nav_home,
            ] {
                assert!(!s.trim().is_empty(), "{locale:?} has an empty string");
            }
        }
        assert_ne!(
            Locale::ZhCn.texts().home_title,
            Locale::En.texts().home_title
        );
    }
}
