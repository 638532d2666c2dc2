//! `/volunteers/areas/:code`: who serves a community or a street, for its leaders and for
//! everyone: this month's figures from the rollups (people serving, organisations reporting,
//! shifts covered, hours served, stewards' cases and how they ended), the stewards' patches,
//! the confirmed organisations and what they offer (never their contacts), and the
//! recognition board, which lists only those who chose to be on it.

use super::page::hours;
use super::{CommunityFigures, VolunteerKind, VolunteerTexts};
use crate::components::fallbacks::ErrorPage;
use crate::error::AppError;
use crate::i18n::use_locale;
use crate::requests::Names;
use crate::volunteers::organisations::OrganisationView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// A community's or a street's page of who serves it, for leaders and the public: figures
/// from the rollups, stewards' patches, confirmed organisations (no contacts), and the
/// recognition board (only those who chose it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaService {
    pub code: String,
    pub name: Names,
    /// A street (its communities listed), or a community.
    pub street: bool,
    /// `2026-12`.
    pub month: String,
    /// The whole area's figures this month (a street's: its communities' added up, with the
    /// organisations reporting to the street itself).
    pub total: CommunityFigures,
    /// A street's communities, each.
    pub communities: Vec<CommunityFigures>,
    /// Stewards' patches: (patch, community, a name only when they chose the board).
    pub patches: Vec<(String, Names, Option<String>)>,
    pub organisations: Vec<OrganisationView>,
    pub board: Vec<BoardEntry>,
}

/// One person on the recognition board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardEntry {
    pub name: String,
    pub community: Names,
    pub kinds: Vec<VolunteerKind>,
    pub shifts: i32,
    pub minutes: i64,
}

/// The page of community or street `code`. Errors: `NotFound` (no such community or street).
#[server(endpoint = "volunteers/area")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn read_area_service(code: String) -> Result<AreaService, AppError> {
    use crate::ssr::{respond, state};
    respond(
        async {
            let mut conn = state()?.pool.acquire().await?;
            ssr::area(&mut conn, &code).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::{AreaService, BoardEntry, CommunityFigures};
    use crate::error::AppError;
    use crate::requests::Names;
    use crate::volunteers::organisations::ssr::{organisations, Eyes};
    use crate::volunteers::ssr::{figures_of, this_month};
    use crate::volunteers::{VolunteerKind, LIST_SIZE};
    use db::volunteers as q;

    /// The page of community or street `code`. Errors: `NotFound`.
    pub async fn area(conn: &mut db::PgConnection, code: &str) -> Result<AreaService, AppError> {
        let area = db::areas::by_code(conn, code).await?;
        let street = match area.level.as_str() {
            "street" => true,
            "community" => false,
            _ => return Err(AppError::NotFound),
        };
        let month = this_month();
        let communities: Vec<CommunityFigures> = q::figures(conn, area.id, month)
            .await?
            .into_iter()
            .map(figures_of)
            .collect();
        let name = Names {
            zh: area.name_zh,
            en: area.name_en,
        };
        let mut total = CommunityFigures {
            code: area.code.clone(),
            name: name.clone(),
            ..CommunityFigures::default()
        };
        for f in &communities {
            total.add(f);
        }
        if street {
            total.organisations += q::own_organisations(conn, area.id).await?;
        }
        let patches = q::patches(conn, area.id, LIST_SIZE)
            .await?
            .into_iter()
            .map(|p| {
                let community = Names {
                    zh: p.community_zh,
                    en: p.community_en,
                };
                (p.patch, community, p.name)
            })
            .collect();
        let board = q::board(conn, area.id, LIST_SIZE)
            .await?
            .into_iter()
            .map(|b| BoardEntry {
                name: b.name,
                community: Names {
                    zh: b.community_zh,
                    en: b.community_en,
                },
                kinds: b
                    .kinds
                    .iter()
                    .filter_map(|k| VolunteerKind::parse(k))
                    .collect(),
                shifts: b.shifts,
                minutes: b.minutes,
            })
            .collect();
        let serving = db::organisations::Which::Serving(area.id);
        Ok(AreaService {
            code: area.code,
            name,
            street,
            month: month.format("%Y-%m").to_string(),
            total,
            communities: if street { communities } else { Vec::new() },
            patches,
            organisations: organisations(conn, serving, Eyes::Public).await?,
            board,
        })
    }
}

/// `/volunteers/areas/:code`.
#[component]
pub fn AreaServicePage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let page = Resource::new(move || code.clone(), read_area_service);
    let t = VolunteerTexts::here();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            <ErrorBoundary fallback=|errors| {
                view! { <ErrorPage errors /> }
            }>
                {move || Suspend::new(async move { page.await.map(|a| view! { <Area a /> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn Area(a: AreaService) -> impl IntoView {
    let locale = use_locale();
    let t = VolunteerTexts::of(locale);
    let title = (t.area_title)(&a.name.get(locale));
    let f = &a.total;
    let covered = f.covered_percent().map_or_else(
        || "—".to_owned(),
        |p| format!("{p}% ({}/{})", f.covered, f.shifts),
    );
    let figures = [
        (t.col_stewards, f.stewards.to_string()),
        (t.col_volunteers, f.volunteers.to_string()),
        (t.col_party, f.party_members.to_string()),
        (t.col_organisations, f.organisations.to_string()),
        (t.col_covered, covered),
        (t.col_hours, hours(f.minutes)),
        (t.col_no_shows, f.no_shows.to_string()),
        (
            t.col_cases,
            format!("{} / {}", f.steward_cases, f.steward_cases_settled),
        ),
    ]
    .into_iter()
    .map(|(label, value)| {
        view! {
            <div>
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    })
    .collect_view();
    let communities = (!a.communities.is_empty())
        .then(|| view! { <super::page::Figures heading=t.figures_label.to_owned() figures=a.communities /> });
    let patches = if a.patches.is_empty() {
        view! { <p>{t.none}</p> }.into_any()
    } else {
        view! {
            <ul class="patch-list">
                {a
                    .patches
                    .into_iter()
                    .map(|(patch, community, name)| {
                        let who = name.unwrap_or_else(|| t.steward_heading.to_owned());
                        view! {
                            <li>
                                <strong>{patch}</strong>
                                " · "
                                {who}
                                " · "
                                {community.get(locale).to_owned()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=title.clone() />
        <section class="card volunteers area-service">
            <h1>{title}</h1>
            <p class="hint">{t.area_hint}</p>
            <h2>{(t.figures_heading)(&a.month)}</h2>
            <dl class="service-figures">{figures}</dl>
            <p class="hint">{t.figures_hint}</p>
            {communities}
            <h2>{t.patches_heading}</h2>
            {patches}
            <h2>{t.organisations_heading}</h2>
            <super::page::organisations::PublicOrganisations list=a.organisations />
            <h2 id="board">{t.board_heading}</h2>
            <p class="hint">{t.board_hint}</p>
            <Board board=a.board />
        </section>
    }
}

/// The recognition board: name, community, how they serve, what they have served.
#[component]
fn Board(board: Vec<BoardEntry>) -> impl IntoView {
    let locale = use_locale();
    let t = VolunteerTexts::of(locale);
    if board.is_empty() {
        return view! { <p>{t.board_none}</p> }.into_any();
    }
    view! {
        <ol class="board">
            {board
                .into_iter()
                .map(|b| {
                    let kinds = b
                        .kinds
                        .iter()
                        .map(|k: &VolunteerKind| k.label(locale))
                        .collect::<Vec<_>>()
                        .join("、");
                    let served = (t.board_served)(&b.shifts, &hours(b.minutes));
                    view! {
                        <li>
                            <strong>{b.name}</strong>
                            " · "
                            {b.community.get(locale).to_owned()}
                            <p class="hint">{kinds} " · " {served}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
