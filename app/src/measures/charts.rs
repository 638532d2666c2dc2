//! Charts drawn as SVG on the server: no script, readable by a screen reader (a title and a
//! description name what the chart shows; the page prints the same numbers as a table next
//! to it), and told apart without colour (each series has its own dash pattern).

use super::MonthLine;
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 40.0;

/// One line of a trend chart: its label, its class (colour and dash, in the stylesheet) and a
/// value per month (`None` leaves a gap).
pub struct Series {
    pub label: &'static str,
    pub class: &'static str,
    pub values: Vec<Option<f64>>,
}

/// The points of `values` on the chart, split where a value is missing.
fn segments(
    values: &[Option<f64>],
    x: impl Fn(usize) -> f64,
    y: impl Fn(f64) -> f64,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, value) in values.iter().enumerate() {
        match value {
            Some(v) => {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(&format!("{:.1},{:.1}", x(i), y(*v)));
            }
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Rates (0–100 %) by month, one line per series.
#[component]
pub fn TrendChart(
    /// Unique on the page: the title's and description's ids derive from it.
    id: &'static str,
    title: String,
    description: String,
    trend: Vec<MonthLine>,
    series: Vec<Series>,
) -> impl IntoView {
    let n = trend.len().max(2);
    let step = (WIDTH - LEFT - RIGHT) / (n - 1) as f64;
    let x = move |i: usize| LEFT + step * i as f64;
    let y = |v: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - v / 100.0);
    let grid = [0.0, 25.0, 50.0, 75.0, 100.0]
        .into_iter()
        .map(|v| {
            view! {
                <line class="grid" x1=LEFT x2=WIDTH - RIGHT y1=y(v) y2=y(v) />
                <text class="axis" x=LEFT - 6.0 y=y(v) + 4.0 text-anchor="end">{format!("{v:.0}%")}</text>
            }
        })
        .collect_view();
    let months = trend
        .iter()
        .enumerate()
        .map(|(i, m)| {
            view! {
                <text class="axis" x=x(i) y=HEIGHT - BOTTOM + 16.0 text-anchor="middle">
                    {format!("{:02}", m.month.month)}
                </text>
            }
        })
        .collect_view();
    let years = trend
        .iter()
        .enumerate()
        .filter(|(i, m)| *i == 0 || m.month.month == 1)
        .map(|(i, m)| {
            view! {
                <text class="axis" x=x(i) y=HEIGHT - BOTTOM + 32.0 text-anchor="middle">
                    {m.month.year.to_string()}
                </text>
            }
        })
        .collect_view();
    let lines = series
        .iter()
        .map(|s| {
            let class = format!("series {}", s.class);
            let polylines = segments(&s.values, x, y)
                .into_iter()
                .map(|points| view! { <polyline class=class.clone() points=points /> })
                .collect_view();
            let dots = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v)))
                .map(|(i, v)| view! { <circle class=class.clone() cx=x(i) cy=y(v) r="3" /> })
                .collect_view();
            view! { <g>{polylines}{dots}</g> }
        })
        .collect_view();
    let legend = series
        .iter()
        .map(|s| {
            view! {
                <li>
                    <svg class="key" viewBox="0 0 28 10" width="28" height="10" aria-hidden="true">
                        <line class=format!("series {}", s.class) x1="0" y1="5" x2="28" y2="5" />
                    </svg>
                    {s.label}
                </li>
            }
        })
        .collect_view();
    let drawing = view! { {grid}{months}{years}{lines} };
    let legend = view! { <ul class="legend">{legend}</ul> };
    figure(id, title, description, HEIGHT, drawing, Some(legend))
}

/// Horizontal bars: a label and a whole number each, longest first as given.
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    description: String,
    bars: Vec<(String, i64)>,
) -> impl IntoView {
    const ROW: f64 = 26.0;
    const LABEL: f64 = 200.0;
    let height = ROW * bars.len().max(1) as f64 + 8.0;
    let most = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let room = WIDTH - LABEL - 60.0;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let top = 4.0 + ROW * i as f64;
            let length = room * value as f64 / most;
            view! {
                <text class="axis" x=LABEL - 8.0 y=top + 16.0 text-anchor="end">{label}</text>
                <rect class="bar" x=LABEL y=top + 4.0 width=format!("{length:.1}") height=ROW - 8.0 />
                <text class="value" x=LABEL + length + 6.0 y=top + 16.0>{value.to_string()}</text>
            }
        })
        .collect_view();
    figure(id, title, description, height, rows, None::<()>)
}

/// An SVG chart `height` high in a `<figure>`, named for screen readers by its title and
/// description (`{id}-title`, `{id}-desc`), with what follows the drawing (a legend).
fn figure(
    id: &str,
    title: String,
    description: String,
    height: f64,
    drawing: impl IntoView,
    after: Option<impl IntoView>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by>
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description}</desc>
                {drawing}
            </svg>
            {after}
        </figure>
    }
}
