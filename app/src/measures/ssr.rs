//! Server-only: a dashboard's figures, read from the rollups (never from the requests
//! table), and the same tables as CSV (open data).

use super::{Counts, Dashboard, Line, Month, MonthLine, Subject, Weights, TREND_MONTHS};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::measures::MeasureRefusal;
use crate::measures::MeasureTexts;
use crate::requests::Names;
use chrono::{Datelike, NaiveDate};
use db::measures::{self as m, MeasureRow, Query, Scope};

/// The month it is now in Beijing: the newest a dashboard answers for.
pub fn current_month() -> Month {
    let now = chrono::Utc::now() + chrono::Duration::hours(8);
    Month {
        year: now.year(),
        month: now.month(),
    }
}

fn first_day(month: Month) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(month.year, month.month, 1).ok_or(AppError::Internal)
}

fn line(row: MeasureRow, by_category: bool) -> Line {
    let counts = Counts::from_slice(&row.counts);
    if by_category {
        Line {
            code: row.category_code,
            name: Names {
                zh: row.category_zh,
                en: row.category_en,
            },
            counts,
            summons: None,
        }
    } else {
        Line {
            code: row.code,
            name: Names {
                zh: row.name_zh,
                en: row.name_en,
            },
            counts,
            summons: None,
        }
    }
}

/// One month's rows of `scope` as lines (one per category when `by_category`).
async fn month_lines(
    conn: &mut db::PgConnection,
    scope: Scope,
    scope_id: Option<i64>,
    within: Option<i64>,
    month: Month,
    by_category: bool,
    keep: impl Fn(&MeasureRow) -> bool,
) -> Result<Vec<Line>, AppError> {
    let day = first_day(month)?;
    let rows = m::read(
        conn,
        Query {
            scope,
            scope_id,
            within,
            from: day,
            to: day,
            by_category,
        },
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter(keep)
        .map(|row| line(row, by_category))
        .collect())
}

/// What a dashboard kept in memory is for: the month it is now is part of it, as a dashboard
/// names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DashboardKey {
    subject: Subject,
    code: String,
    month: Month,
    latest: Month,
}

/// The dashboard of `subject` (`code` names the district or unit) for `month` (`None` or
/// empty: this month), kept in this process while the rollups' generation stays the same.
/// Errors: `Invalid { month, .. }` (see [`Month::parse`]), `NotFound` (no such district or
/// unit).
pub async fn dashboard(
    conn: &mut db::PgConnection,
    caches: &crate::ssr::Caches,
    subject: Subject,
    code: &str,
    month: Option<&str>,
    weights: Weights,
) -> Result<Dashboard, AppError> {
    let latest = current_month();
    let month = match month.map(str::trim).filter(|m| !m.is_empty()) {
        Some(text) => Month::parse(text, latest)?,
        None => latest,
    };
    let generation = db::measures::generation(conn).await?;
    let key = DashboardKey {
        subject,
        code: code.to_owned(),
        month,
        latest,
    };
    let read = async || read_dashboard(conn, key.clone(), weights).await;
    let kept = caches.dashboards.get(key.clone(), generation, read).await?;
    Ok(Dashboard::clone(&kept))
}

/// The dashboard `key` names, read from the rollups.
async fn read_dashboard(
    conn: &mut db::PgConnection,
    key: DashboardKey,
    weights: Weights,
) -> Result<Dashboard, AppError> {
    let DashboardKey {
        subject,
        code,
        month,
        latest,
    } = key;
    let code = code.as_str();
    let mut parent = None;
    let (scope, scope_id, name) = match subject {
        Subject::City => (Scope::City, 0, Names::default()),
        Subject::District | Subject::Street | Subject::Community => {
            let area = db::areas::by_code(conn, code).await?;
            if area.level != subject.as_str() {
                return Err(AppError::NotFound);
            }
            let names = Names {
                zh: area.name_zh,
                en: area.name_en,
            };
            let above = match subject {
                Subject::Street => Some(Subject::District),
                Subject::Community => Some(Subject::Street),
                _ => None,
            };
            if let (Some(above), Some(code)) = (above, area.parent_code) {
                let row = db::areas::by_code(conn, &code).await?;
                parent = Some(super::Parent {
                    subject: above,
                    code,
                    name: Names {
                        zh: row.name_zh,
                        en: row.name_en,
                    },
                });
            }
            let scope = match subject {
                Subject::District => Scope::District,
                Subject::Street => Scope::Street,
                _ => Scope::Community,
            };
            (scope, area.id.0, names)
        }
        Subject::Unit => {
            let unit = m::unit(conn, code).await?.ok_or(AppError::NotFound)?;
            let names = Names {
                zh: unit.name_zh,
                en: unit.name_en,
            };
            (Scope::Unit, unit.id.0, names)
        }
    };
    let start = month.minus(TREND_MONTHS - 1);
    let kept = m::read(
        conn,
        Query {
            scope,
            scope_id: Some(scope_id),
            within: None,
            from: first_day(start)?,
            to: first_day(month)?,
            by_category: false,
        },
    )
    .await?;
    let trend = (0..TREND_MONTHS)
        .rev()
        .map(|back| {
            let at = month.minus(back);
            let counts = kept
                .iter()
                .find(|row| row.month.year() == at.year && row.month.month() == at.month)
                .map(|row| Counts::from_slice(&row.counts))
                .unwrap_or_default();
            MonthLine { month: at, counts }
        })
        .collect();
    let mut categories =
        month_lines(conn, scope, Some(scope_id), None, month, true, |_| true).await?;
    categories.sort_by(|a, b| {
        b.counts
            .filed
            .cmp(&a.counts.filed)
            .then(a.code.cmp(&b.code))
    });
    let (streets, districts, units) = match subject {
        Subject::City => (
            month_lines(conn, Scope::Street, None, None, month, false, |_| true).await?,
            month_lines(conn, Scope::District, None, None, month, false, |_| true).await?,
            // Street offices are in the streets' ranking already.
            month_lines(conn, Scope::Unit, None, None, month, false, |row| {
                row.unit_kind == "department" || row.unit_kind == "district"
            })
            .await?,
        ),
        Subject::District => (
            month_lines(
                conn,
                Scope::Street,
                None,
                Some(scope_id),
                month,
                false,
                |_| true,
            )
            .await?,
            Vec::new(),
            Vec::new(),
        ),
        Subject::Street | Subject::Community | Subject::Unit => {
            (Vec::new(), Vec::new(), Vec::new())
        }
    };
    let communities = match subject {
        Subject::Street => street_communities(conn, ids::AreaId(scope_id), month).await?,
        _ => Vec::new(),
    };
    let year = match subject {
        Subject::Community => community_year(conn, scope_id, start, month).await?,
        _ => Vec::new(),
    };
    let hotline = match subject {
        Subject::City => m::hotline_centre(conn).await?,
        _ => None,
    };
    let (answered, hotline) = match hotline {
        Some(hotline) => {
            let id = Some(hotline.id.0);
            let lines = month_lines(conn, Scope::Unit, id, None, month, true, |_| true).await?;
            (lines, Some(hotline.code))
        }
        None => (Vec::new(), None),
    };
    let mut units = units;
    if subject == Subject::City {
        // The departments' ratings by the streets that summoned them; a department rated but
        // with nothing else counted this month still ranks.
        let day = first_day(month)?;
        for row in m::summons_scores(conn, day, day).await? {
            if !matches!(row.kind.as_str(), "department" | "district") {
                continue;
            }
            let score = Some(super::SummonsScore {
                mean: row.mean,
                ratings: row.ratings,
            });
            match units.iter_mut().find(|l| l.code == row.code) {
                Some(line) => line.summons = score,
                None => units.push(Line {
                    code: row.code,
                    name: Names {
                        zh: row.name_zh,
                        en: row.name_en,
                    },
                    counts: Counts::default(),
                    summons: score,
                }),
            }
        }
    }
    let mut dashboard = Dashboard {
        subject,
        code: code.to_owned(),
        name,
        month,
        latest,
        weights,
        trend,
        categories,
        streets,
        districts,
        units,
        answered,
        hotline,
        parent,
        communities,
        year,
    };
    for lines in [
        &mut dashboard.communities,
        &mut dashboard.streets,
        &mut dashboard.districts,
        &mut dashboard.units,
    ] {
        super::rank(lines, super::SortKey::Score, false, weights);
    }
    Ok(dashboard)
}

/// Every community of street `street_id` with what it counted in `month` (nothing, for
/// most): a street's page ranks them all.
async fn street_communities(
    conn: &mut db::PgConnection,
    street_id: ids::AreaId,
    month: Month,
) -> Result<Vec<Line>, AppError> {
    let counted = month_lines(
        conn,
        Scope::Community,
        None,
        Some(street_id.0),
        month,
        false,
        |_| true,
    )
    .await?;
    Ok(db::areas::children(conn, street_id)
        .await?
        .into_iter()
        .map(|a| {
            let counts = counted
                .iter()
                .find(|l| l.code == a.code)
                .map(|l| l.counts)
                .unwrap_or_default();
            Line {
                code: a.code,
                name: Names {
                    zh: a.name_zh,
                    en: a.name_en,
                },
                counts,
                summons: None,
            }
        })
        .collect())
}

/// What community `community_id` counted from `start` to `month`, by category: every leaf
/// category (those without a request too), most filed first.
async fn community_year(
    conn: &mut db::PgConnection,
    community_id: i64,
    start: Month,
    month: Month,
) -> Result<Vec<Line>, AppError> {
    let rows = m::read(
        conn,
        Query {
            scope: Scope::Community,
            scope_id: Some(community_id),
            within: None,
            from: first_day(start)?,
            to: first_day(month)?,
            by_category: true,
        },
    )
    .await?;
    let categories = crate::requests::ssr::categories(conn).await?;
    let is_leaf = |code: &str| {
        !categories
            .iter()
            .any(|c| c.parent_code.as_deref() == Some(code))
    };
    let mut lines: Vec<Line> = categories
        .iter()
        .filter(|c| is_leaf(&c.code))
        .map(|c| {
            let sum = rows
                .iter()
                .filter(|r| r.category_code == c.code)
                .fold(Counts::default(), |sum, r| {
                    sum.plus(&Counts::from_slice(&r.counts))
                });
            Line {
                code: c.code.clone(),
                name: Names {
                    zh: c.name_zh.clone(),
                    en: c.name_en.clone(),
                },
                counts: sum,
                summons: None,
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        b.counts
            .filed
            .cmp(&a.counts.filed)
            .then(a.code.cmp(&b.code))
    });
    Ok(lines)
}

/// Table `table` of `dashboard` as CSV (UTF-8 with a byte-order mark, so that spreadsheet
/// programs read the Chinese names): one row per line, with its counts, rates and score.
pub fn csv(dashboard: &Dashboard, table: &str) -> Result<String, AppError> {
    let weights = dashboard.weights;
    let mut out = String::from("\u{feff}");
    let first = if table == "trend" { "month" } else { "code" };
    out.push_str(first);
    out.push_str(",name_zh,name_en");
    for name in db::measures::COUNTS {
        out.push(',');
        out.push_str(name);
    }
    out.push_str(",response_rate,resolution_rate,satisfaction_rate,score");
    let with_summons = table == "units";
    if with_summons {
        out.push_str(",summons_rating,summons_ratings");
    }
    out.push_str("\r\n");
    type Row<'a> = (String, &'a Names, &'a Counts, Option<super::SummonsScore>);
    let rows: Vec<Row> = match table {
        "trend" => dashboard
            .trend
            .iter()
            .map(|m| (m.month.to_string(), &dashboard.name, &m.counts, None))
            .collect(),
        "categories" | "streets" | "districts" | "units" | "communities" | "year" => {
            let lines = match table {
                "categories" => &dashboard.categories,
                "streets" => &dashboard.streets,
                "districts" => &dashboard.districts,
                "communities" => &dashboard.communities,
                "year" => &dashboard.year,
                _ => &dashboard.units,
            };
            lines
                .iter()
                .map(|l| (l.code.clone(), &l.name, &l.counts, l.summons))
                .collect()
        }
        _ => return Err(AppError::from(MeasureRefusal::TableUnknown)),
    };
    let rate = |r: Option<f64>| r.map_or_else(String::new, |r| format!("{r:.2}"));
    for (key, name, c, summons) in rows {
        let mut fields = vec![key, name.zh.clone(), name.en.clone()];
        fields.extend(c.named().iter().map(|(_, n)| n.to_string()));
        fields.extend([
            rate(c.response_rate()),
            rate(c.resolution_rate()),
            rate(c.satisfaction_rate()),
            rate(c.score(weights)),
        ]);
        if with_summons {
            fields.push(rate(summons.map(|s| s.mean)));
            fields.push(summons.map_or(0, |s| s.ratings).to_string());
        }
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). A field a
/// spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return: a unit's or a category's name an admin typed, say) gets a leading `'`,
/// so it stays text (OWASP's advice on CSV injection).
pub fn csv_field(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// What a CSV address says: `/measures/csv?scope=district&code=110105&month=2026-11&table=streets`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct CsvQuery {
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub code: String,
    pub month: Option<String>,
    #[serde(default)]
    pub table: String,
}

/// `GET /measures/csv`: one table as a CSV download, or the refusal in the visitor's language.
pub async fn csv_response(
    state: &crate::ssr::AppState,
    locale: Locale,
    query: &CsvQuery,
) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let answer = async {
        let subject = Subject::parse(&query.scope)?;
        let mut conn = state.pool.acquire().await?;
        let dashboard = dashboard(
            &mut conn,
            &state.caches,
            subject,
            &query.code,
            query.month.as_deref(),
            state.settings.score_weights,
        )
        .await?;
        let body = csv(&dashboard, &query.table)?;
        let code = query
            .code
            .replace(|c: char| !c.is_ascii_alphanumeric(), "_");
        let name = format!(
            "jiesu-{}{}-{}-{}.csv",
            subject.as_str(),
            if code.is_empty() {
                String::new()
            } else {
                format!("-{code}")
            },
            query.table,
            dashboard.month
        );
        Ok::<_, AppError>((body, name))
    }
    .await;
    match answer {
        Ok((body, name)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let message = crate::error::error_message(MeasureTexts::of(locale), &error);
            (
                status,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                message,
            )
                .into_response()
        }
    }
}
