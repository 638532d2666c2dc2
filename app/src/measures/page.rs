//! The public dashboard: `/measures` (the city), `/measures/streets` (the whole ranking,
//! sortable), `/measures/districts/{code}`, `/measures/streets/{code}` (with its communities
//! ranked), `/measures/communities/{code}` (with its year by category) and
//! `/measures/units/{code}`, each for `?month=`.
//! Rendered on the server only: no island, so no WASM; sorting and the month are links and
//! a plain GET form.

use super::api::measures_dashboard;
use super::charts::{BarChart, Series, TrendChart};
use super::{
    rank, show_rate, show_score, Counts, Dashboard, Line, Month, SortKey, Subject, RANKING_SIZE,
};
use crate::components::fallbacks::ErrorPage;
use crate::components::TableScroll;
use crate::i18n::{use_locale, Locale};
use crate::measures::count_label;
use crate::measures::MeasureTexts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CityMeasuresPage() -> impl IntoView {
    view! { <MeasuresPage subject=Subject::City /> }
}

#[component]
pub fn DistrictMeasuresPage() -> impl IntoView {
    view! { <MeasuresPage subject=Subject::District /> }
}

#[component]
pub fn StreetMeasuresPage() -> impl IntoView {
    view! { <MeasuresPage subject=Subject::Street /> }
}

#[component]
pub fn CommunityMeasuresPage() -> impl IntoView {
    view! { <MeasuresPage subject=Subject::Community /> }
}

#[component]
pub fn UnitMeasuresPage() -> impl IntoView {
    view! { <MeasuresPage subject=Subject::Unit /> }
}

#[component]
pub fn StreetRankingPage() -> impl IntoView {
    let query = use_query_map();
    let sort = query
        .read_untracked()
        .get("sort")
        .map_or(SortKey::Score, |s| SortKey::parse(&s));
    let ascending = query.read_untracked().get("order").as_deref() == Some("asc");
    view! { <MeasuresPage subject=Subject::City ranking=(sort, ascending) /> }
}

/// One dashboard page; `ranking` makes it the whole sortable street ranking instead.
#[component]
fn MeasuresPage(
    subject: Subject,
    #[prop(optional)] ranking: Option<(SortKey, bool)>,
) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let code = params.read_untracked().get("code").unwrap_or_default();
    let month = query.read_untracked().get("month");
    let dashboard = Resource::new(
        move || (code.clone(), month.clone()),
        move |(code, month)| measures_dashboard(subject.as_str().to_owned(), code, month),
    );
    let t = MeasureTexts::here();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            <ErrorBoundary fallback=|errors| {
                view! { <ErrorPage errors /> }
            }>
                {move || Suspend::new(async move {
                    dashboard
                        .await
                        .map(|d| match ranking {
                            Some((key, ascending)) => {
                                view! { <Ranking d key ascending /> }.into_any()
                            }
                            None => view! { <Overview d /> }.into_any(),
                        })
                })}
            </ErrorBoundary>
        </Suspense>
    }
    .into_any()
}

fn subject_name(d: &Dashboard, locale: Locale) -> String {
    match d.subject {
        Subject::City => MeasureTexts::of(locale).measures_city.to_owned(),
        _ => d.name.get(locale).to_owned(),
    }
}

fn csv_href(d: &Dashboard, table: &str) -> String {
    format!(
        "/measures/csv?scope={}&code={}&month={}&table={table}",
        d.subject.as_str(),
        d.code,
        d.month
    )
}

fn signed(change: Option<f64>, unit: &str) -> String {
    change.map_or_else(|| "—".to_owned(), |c| format!("{c:+.1}{unit}"))
}

#[component]
fn Overview(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let t = MeasureTexts::of(locale);
    let name = subject_name(&d, locale);
    let heading = format!("{name} · {} · {}", t.measures_title, d.month);
    let this = d.this_month();
    let empty = this == Counts::default();
    let up = d.parent.as_ref().map(|p| {
        let text = (t.measures_back_to)(&p.name.get(locale));
        view! {
            <a href=p.subject.href(&p.code, d.month)>{text}</a>
            " · "
        }
    });
    let back = (d.subject != Subject::City).then(|| {
        view! {
            <p class="back">
                {up} <a href=Subject::City.href("", d.month)>{t.measures_back_city}</a>
            </p>
        }
    });
    let communities = (d.subject == Subject::Street).then(|| {
        view! {
            <section>
                <h2>{t.measures_communities_heading}</h2>
                <p class="hint">{t.measures_communities_hint}</p>
                <LineTable
                    d=d.clone()
                    label=t.measures_communities_heading
                    lines=d.communities.clone()
                    link=Some(Subject::Community)
                    table="communities"
                />
            </section>
        }
    });
    let year = (d.subject == Subject::Community).then(|| {
        let from = d.month.minus(super::TREND_MONTHS - 1);
        let heading = (t.measures_year_heading)(&from, &d.month);
        view! {
            <section>
                <h2>{heading.clone()}</h2>
                <p class="hint">{t.measures_year_hint}</p>
                <LineTable
                    d=d.clone()
                    label=heading
                    lines=d.year.clone()
                    link=None
                    table="year"
                    ranked=false
                />
            </section>
        }
    });
    // A street's or community's volunteering page (the volunteers feature's).
    let service = matches!(d.subject, Subject::Street | Subject::Community).then(|| {
        view! {
            <p>
                <a href=format!("/volunteers/areas/{}", d.code)>{t.measures_service_link}</a>
            </p>
        }
    });
    let streets = (!d.streets.is_empty()).then(|| street_sections(&d, t));
    let districts = (!d.districts.is_empty()).then(|| {
        view! {
            <section>
                <h2>{t.measures_districts_heading}</h2>
                <LineTable
                    d=d.clone()
                    label=t.measures_districts_heading
                    lines=d.districts.clone()
                    link=Some(Subject::District)
                    table="districts"
                />
            </section>
        }
    });
    let units = (!d.units.is_empty()).then(|| {
        view! {
            <section>
                <h2>{t.measures_units_heading}</h2>
                <LineTable
                    d=d.clone()
                    label=t.measures_units_heading
                    lines=d.units.clone()
                    link=Some(Subject::Unit)
                    table="units"
                />
            </section>
        }
    });
    view! {
        <Title text=heading.clone() />
        <section class="measures">
            {back} <h1>{heading}</h1> <p>{t.measures_intro}</p> {service} <MonthForm d=d.clone() />
            {empty.then(|| view! { <p class="notice">{t.measures_no_data}</p> })}
            <Compare d=d.clone() /> <Formulas d=d.clone() /> <Trend d=d.clone() />
            <Proactive d=d.clone() /> <Categories d=d.clone() /> {year}
            {(d.subject == Subject::City).then(|| view! { <Intake d=d.clone() /> })} {communities}
            {streets} {districts} {units}
        </section>
    }
    .into_any()
}

/// A plain GET form: works without JavaScript.
#[component]
fn MonthForm(d: Dashboard) -> impl IntoView {
    let t = MeasureTexts::here();
    view! {
        <form class="month-form" method="get">
            <label for="month">{t.measures_month_label}</label>
            <input
                id="month"
                name="month"
                type="month"
                value=d.month.to_string()
                max=d.latest.to_string()
                min=format!("{}-01", super::FIRST_YEAR)
                pattern="[0-9]{4}-[0-9]{2}"
            />
            <button type="submit" class="button secondary">
                {t.measures_month_show}
            </button>
        </form>
    }
    .into_any()
}

/// This month against the last: the rates, the score and every count.
#[component]
fn Compare(d: Dashboard) -> impl IntoView {
    let t = MeasureTexts::here();
    let (now, before) = (d.this_month(), d.last_month());
    let w = d.weights;
    let show: [fn(Option<f64>) -> String; 4] = [show_rate, show_rate, show_rate, show_score];
    let rates = [
        (
            t.measures_response,
            now.response_rate(),
            before.response_rate(),
        ),
        (
            t.measures_resolution,
            now.resolution_rate(),
            before.resolution_rate(),
        ),
        (
            t.measures_satisfaction,
            now.satisfaction_rate(),
            before.satisfaction_rate(),
        ),
        (t.measures_score, now.score(w), before.score(w)),
    ];
    let rate_rows = rates
        .into_iter()
        .zip(show)
        .map(|((label, a, b), show)| {
            let change = a.zip(b).map(|(a, b)| a - b);
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{show(a)}</td>
                    <td>{show(b)}</td>
                    <td>{signed(change, "")}</td>
                </tr>
            }
        })
        .collect_view();
    let (a, b) = (Counts::named(&now), Counts::named(&before));
    let count_rows = a
        .iter()
        .zip(b.iter())
        .map(|((count, a), (_, b))| {
            view! {
                <tr>
                    <th scope="row">{count_label(count, t.locale())}</th>
                    <td>{a.to_string()}</td>
                    <td>{b.to_string()}</td>
                    <td>{format!("{:+}", a - b)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section>
            <h2>{t.measures_compare_heading}</h2>
            <TableScroll label=t.measures_compare_heading>
                <table class="figures compare">
                    <thead>
                        <tr>
                            <th scope="col" class="name">
                                {t.measures_measure_column}
                            </th>
                            <th scope="col">{d.month.to_string()}</th>
                            <th scope="col">{d.month.previous().to_string()}</th>
                            <th scope="col">{t.measures_change_column}</th>
                        </tr>
                    </thead>
                    <tbody>{rate_rows}{count_rows}</tbody>
                </table>
            </TableScroll>
            <p class="hint">{t.measures_updated}</p>
        </section>
    }
    .into_any()
}

#[component]
fn Formulas(d: Dashboard) -> impl IntoView {
    let t = MeasureTexts::here();
    let w = d.weights;
    let score = (t.measures_formula_score)(&w.response, &w.resolution, &w.satisfaction);
    view! {
        <section class="formulas">
            <h2>{t.measures_formulas_heading}</h2>
            <ul>
                <li>{t.measures_formula_response}</li>
                <li>{t.measures_formula_resolution}</li>
                <li>{t.measures_formula_satisfaction}</li>
                <li>{score}</li>
                <li>{t.measures_formula_summons}</li>
            </ul>
            <p>{t.measures_rules}</p>
        </section>
    }
    .into_any()
}

#[component]
fn Trend(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let t = MeasureTexts::of(locale);
    let name = subject_name(&d, locale);
    let from = d
        .trend
        .first()
        .map(|m| m.month.to_string())
        .unwrap_or_default();
    let series = vec![
        Series {
            label: t.measures_response,
            class: "response",
            values: d.trend.iter().map(|m| m.counts.response_rate()).collect(),
        },
        Series {
            label: t.measures_resolution,
            class: "resolution",
            values: d.trend.iter().map(|m| m.counts.resolution_rate()).collect(),
        },
        Series {
            label: t.measures_satisfaction,
            class: "satisfaction",
            values: d
                .trend
                .iter()
                .map(|m| m.counts.satisfaction_rate())
                .collect(),
        },
    ];
    let rows = d
        .trend
        .iter()
        .rev()
        .map(|m| {
            let c = &m.counts;
            view! {
                <tr>
                    <th scope="row">{m.month.to_string()}</th>
                    <td>{c.filed.to_string()}</td>
                    <td>{show_rate(c.response_rate())}</td>
                    <td>{show_rate(c.resolution_rate())}</td>
                    <td>{show_rate(c.satisfaction_rate())}</td>
                    <td>{show_score(c.score(d.weights))}</td>
                    <td>{c.rated.to_string()}</td>
                    <td>{c.unrated.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section>
            <h2>{t.measures_trend_heading}</h2>
            <TrendChart
                id="trend"
                title=(t.measures_trend_title)(&name)
                description=(t.measures_trend_desc)(&from, &d.month)
                trend=d.trend.clone()
                series
            />
            <TableScroll label=t.measures_trend_heading>
                <table class="figures">
                    <thead>
                        <tr>
                            <th scope="col" class="name">
                                {t.measures_month_column}
                            </th>
                            <th scope="col">{count_label("filed", t.locale())}</th>
                            <th scope="col">{t.measures_response}</th>
                            <th scope="col">{t.measures_resolution}</th>
                            <th scope="col">{t.measures_satisfaction}</th>
                            <th scope="col">{t.measures_score}</th>
                            <th scope="col">{count_label("rated", t.locale())}</th>
                            <th scope="col">{count_label("unrated", t.locale())}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableScroll>
            <p>
                <a class="csv" href=csv_href(&d, "trend") download>
                    {t.measures_csv}
                </a>
            </p>
        </section>
    }
    .into_any()
}

/// The cases staff found themselves (主动治理), month by month, apart from the three rates:
/// found, settled (confirmed by the street), settled on time. Shown once there is one.
#[component]
fn Proactive(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let t = MeasureTexts::of(locale);
    let any = d
        .trend
        .iter()
        .any(|m| m.counts.found > 0 || m.counts.settled > 0);
    any.then(move || {
        let rows = d
            .trend
            .iter()
            .rev()
            .map(|m| {
                let c = &m.counts;
                let on_time =
                    (c.settled > 0).then(|| c.settled_on_time as f64 * 100.0 / c.settled as f64);
                view! {
                    <tr>
                        <th scope="row">{m.month.to_string()}</th>
                        <td>{c.found.to_string()}</td>
                        <td>{c.settled.to_string()}</td>
                        <td>{c.settled_on_time.to_string()}</td>
                        <td>{show_rate(on_time)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section>
                <h2>{t.measures_proactive_heading}</h2>
                <p class="hint">{t.measures_proactive_intro}</p>
                <TableScroll label=t.measures_proactive_heading>
                    <table class="figures">
                        <thead>
                            <tr>
                                <th scope="col" class="name">
                                    {t.measures_month_column}
                                </th>
                                <th scope="col">{t.measures_found_short}</th>
                                <th scope="col">{t.measures_settled_short}</th>
                                <th scope="col">{t.measures_on_time_short}</th>
                                <th scope="col">{t.measures_on_time_share}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableScroll>
            </section>
        }
    })
}

#[component]
fn Categories(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let t = MeasureTexts::of(locale);
    let bars: Vec<(String, i64)> = d
        .categories
        .iter()
        .take(RANKING_SIZE)
        .map(|l| (l.name.get(locale).to_owned(), l.counts.filed))
        .collect();
    let chart = (!bars.is_empty()).then(|| {
        view! {
            <BarChart
                id="categories"
                title=(t.measures_categories_title)(&d.month)
                description=t.measures_categories_desc.to_owned()
                bars
            />
        }
    });
    view! {
        <section>
            <h2>{t.measures_categories_heading}</h2>
            {chart}
            <LineTable
                d=d.clone()
                label=t.measures_categories_heading
                lines=d.categories.clone()
                link=None
                table="categories"
                ranked=false
            />
        </section>
    }
    .into_any()
}

/// Received, dispatched and answered at intake by category, with the answered requests'
/// resolution and satisfaction rates (the hotline centre's ratings).
#[component]
fn Intake(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let t = MeasureTexts::of(locale);
    let row = |name: String, all: &Counts, answers: &Counts| {
        let share = crate::measures::show_rate(
            (all.filed > 0).then(|| answers.answered as f64 * 100.0 / all.filed as f64),
        );
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td>{all.filed.to_string()}</td>
                <td>{all.dispatched.to_string()}</td>
                <td>{all.answered.to_string()}</td>
                <td>{share}</td>
                <td>{crate::measures::show_rate(answers.resolution_rate())}</td>
                <td>{crate::measures::show_rate(answers.satisfaction_rate())}</td>
            </tr>
        }
    };
    let of = |code: &str| {
        d.answered
            .iter()
            .find(|l| l.code == code)
            .map(|l| l.counts)
            .unwrap_or_default()
    };
    let rows = d
        .categories
        .iter()
        .map(|l| row(l.name.get(locale).to_owned(), &l.counts, &of(&l.code)))
        .collect_view();
    let answered_total = d
        .answered
        .iter()
        .fold(Counts::default(), |sum, l| sum.plus(&l.counts));
    let total = row(
        t.measures_all_categories.to_owned(),
        &d.this_month(),
        &answered_total,
    );
    let link = d.hotline.as_ref().map(|code| {
        view! {
            <p>
                <a href=Subject::Unit.href(code, d.month)>{t.measures_hotline_page}</a>
            </p>
        }
    });
    let label = move |count: &str| count_label(count, locale).unwrap_or_default();
    view! {
        <section class="intake">
            <h2>{t.measures_intake_heading}</h2>
            <p class="hint">{t.measures_intake_intro}</p>
            <TableScroll label=t.measures_intake_heading>
                <table class="figures">
                    <thead>
                        <tr>
                            <th scope="col" class="name">
                                {t.measures_name_column}
                            </th>
                            <th scope="col">{t.measures_received}</th>
                            <th scope="col">{label("dispatched")}</th>
                            <th scope="col">{label("answered")}</th>
                            <th scope="col">{t.measures_answered_share}</th>
                            <th scope="col">{t.measures_answered_resolution}</th>
                            <th scope="col">{t.measures_answered_satisfaction}</th>
                        </tr>
                    </thead>
                    <tbody>{total} {rows}</tbody>
                </table>
            </TableScroll>
            {link}
        </section>
    }
    .into_any()
}

fn street_sections(d: &Dashboard, t: &'static MeasureTexts) -> impl IntoView {
    let scored: Vec<Line> = d
        .streets
        .iter()
        .filter(|l| l.counts.score(d.weights).is_some())
        .cloned()
        .collect();
    let top: Vec<Line> = scored.iter().take(RANKING_SIZE).cloned().collect();
    let bottom: Vec<Line> = scored
        .iter()
        .skip(scored.len().saturating_sub(RANKING_SIZE).max(top.len()))
        .cloned()
        .collect();
    let first_bottom = scored.len() - bottom.len();
    let whole = match d.subject {
        // The city's ranking has a page of its own; a district's streets all show here.
        Subject::City => view! {
            <p>
                <a href=format!("/measures/streets?month={}", d.month)>{t.measures_streets_all}</a>
            </p>
        }
        .into_any(),
        _ => view! {
            <h3>{t.measures_streets_heading}</h3>
            <LineTable
                d=d.clone()
                label=t.measures_streets_heading
                lines=d.streets.clone()
                link=Some(Subject::Street)
                table="streets"
            />
        }
        .into_any(),
    };
    view! {
        <section>
            <h2>{t.measures_streets_title}</h2>
            <p class="hint">{t.measures_unranked}</p>
            <h3>{t.measures_streets_top}</h3>
            <LineTable
                d=d.clone()
                label=t.measures_streets_top
                lines=top
                link=Some(Subject::Street)
                table=""
            />
            {(!bottom.is_empty())
                .then(|| {
                    view! {
                        <h3>{t.measures_streets_bottom}</h3>
                        <LineTable
                            d=d.clone()
                            label=t.measures_streets_bottom
                            lines=bottom
                            link=Some(Subject::Street)
                            table=""
                            first_rank=first_bottom
                        />
                    }
                })}
            {whole}
        </section>
    }
    .into_any()
}

/// The whole street ranking of the city, sortable by any column (links, so it works without
/// JavaScript).
#[component]
fn Ranking(d: Dashboard, key: SortKey, ascending: bool) -> impl IntoView {
    let t = MeasureTexts::here();
    let heading = format!("{} · {}", t.measures_streets_title, d.month);
    let mut lines = d.streets.clone();
    rank(&mut lines, key, ascending, d.weights);
    view! {
        <Title text=heading.clone() />
        <section class="measures">
            <p class="back">
                <a href=Subject::City.href("", d.month)>{t.measures_back_city}</a>
            </p>
            <h1>{heading}</h1>
            <MonthForm d=d.clone() />
            <p class="hint">{t.measures_sort_hint} " " {t.measures_unranked}</p>
            <p class="hint">{t.measures_sorted_by} {column(t, key)}</p>
            <LineTable
                d=d.clone()
                label=t.measures_streets_title
                lines
                link=Some(Subject::Street)
                table="streets"
                sorted=Some((key, ascending))
            />
            <Formulas d=d.clone() />
        </section>
    }
    .into_any()
}

/// A column's heading.
fn column(t: &'static MeasureTexts, key: SortKey) -> &'static str {
    match key {
        SortKey::Score => t.measures_score,
        SortKey::Response => t.measures_response,
        SortKey::Resolution => t.measures_resolution,
        SortKey::Satisfaction => t.measures_satisfaction,
        SortKey::Filed => count_label("filed", t.locale()).unwrap_or_default(),
        SortKey::Overdue => t.measures_overdue,
        SortKey::Returned => count_label("returned", t.locale()).unwrap_or_default(),
        SortKey::Unrated => count_label("unrated", t.locale()).unwrap_or_default(),
    }
}

/// A line's figure in column `key`.
fn cell(key: SortKey, c: &Counts, weights: super::Weights) -> String {
    match key {
        SortKey::Score => show_score(c.score(weights)),
        SortKey::Response | SortKey::Resolution | SortKey::Satisfaction => {
            show_rate(key.value(c, weights))
        }
        SortKey::Filed => c.filed.to_string(),
        SortKey::Overdue => c.overdue().to_string(),
        SortKey::Returned => c.returned.to_string(),
        SortKey::Unrated => c.unrated.to_string(),
    }
}

/// The heading of column `key`: a link that sorts the street ranking by it when `sorted`
/// says how the table is sorted now (choosing the sorted column again reverses it; another
/// starts highest first).
fn heading(
    t: &'static MeasureTexts,
    key: SortKey,
    month: Month,
    sorted: Option<(SortKey, bool)>,
) -> impl IntoView {
    let Some((by, ascending)) = sorted else {
        return view! { <th scope="col">{column(t, key)}</th> }.into_any();
    };
    let is_sorted = key == by;
    let order = if is_sorted && !ascending {
        "asc"
    } else {
        "desc"
    };
    let href = format!(
        "/measures/streets?month={month}&sort={}&order={order}",
        key.as_str()
    );
    let aria = is_sorted.then_some(if ascending { "ascending" } else { "descending" });
    let arrow = match (is_sorted, ascending) {
        (false, _) => "",
        (true, true) => " ▲",
        (true, false) => " ▼",
    };
    view! {
        <th scope="col" aria-sort=aria>
            <a href=href>{column(t, key)}{arrow}</a>
        </th>
    }
    .into_any()
}

/// A table of lines (areas, units or categories) with their rates, score and main counts;
/// `link` makes names link to their own page; `table` names the CSV download ('' for none);
/// `sorted` makes the headings sort the street ranking.
#[component]
fn LineTable(
    d: Dashboard,
    /// What the table shows, for screen readers (it scrolls sideways on a phone).
    #[prop(into)]
    label: String,
    lines: Vec<Line>,
    link: Option<Subject>,
    table: &'static str,
    #[prop(default = true)] ranked: bool,
    #[prop(default = 0)] first_rank: usize,
    #[prop(default = None)] sorted: Option<(SortKey, bool)>,
) -> impl IntoView {
    let locale = use_locale();
    let t = MeasureTexts::of(locale);
    let month: Month = d.month;
    // The department ranking shows how the streets that summoned them rated them, first.
    let with_summons = table == "units";
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let name = l.name.get(locale).to_owned();
            let name = match link {
                Some(subject) => {
                    view! { <a href=subject.href(&l.code, month)>{name}</a> }.into_any()
                }
                None => name.into_any(),
            };
            let cells = SortKey::ALL
                .into_iter()
                .map(|key| view! { <td>{cell(key, &l.counts, d.weights)}</td> })
                .collect_view();
            let summons = with_summons.then(|| {
                let text = l.summons.map_or_else(
                    || "—".to_owned(),
                    |s| format!("{:.1} ({})", s.mean, s.ratings),
                );
                view! { <td>{text}</td> }
            });
            view! {
                <tr>
                    {ranked.then(|| view! { <td>{(first_rank + i + 1).to_string()}</td> })}
                    <th scope="row">{name}</th> {summons} {cells}
                </tr>
            }
        })
        .collect_view();
    let headings = SortKey::ALL
        .into_iter()
        .map(|key| heading(t, key, month, sorted))
        .collect_view();
    let csv = (!table.is_empty()).then(|| {
        view! {
            <p>
                <a class="csv" href=csv_href(&d, table) download>
                    {t.measures_csv}
                </a>
            </p>
        }
    });
    view! {
        <TableScroll label=label>
            <table class="figures">
                <thead>
                    <tr>
                        {ranked.then(|| view! { <th scope="col">{t.measures_rank_column}</th> })}
                        <th scope="col" class="name">
                            {t.measures_name_column}
                        </th>
                        {with_summons
                            .then(|| view! { <th scope="col">{t.measures_summons_column}</th> })}
                        {headings}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
        {csv}
    }
    .into_any()
}
