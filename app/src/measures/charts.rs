//! Charts drawn on the server: no script, readable by a screen reader (a title and a
//! description name what the chart shows; the page prints the same numbers as a table next
//! to it), and told apart without colour (each series has its own dash pattern). Their words
//! stay at least 12 CSS px on a 360-px phone: the trend chart is drawn for a phone's width (and
//! grows no wider than the stylesheet lets it), the bar chart's labels are HTML text.

use super::MonthLine;
use leptos::prelude::*;

/// The trend chart's drawing size: about the width a 360-px phone gives it, so that its 13-unit
/// text (the stylesheet's) stays above 12 CSS px there.
const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 38.0;

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
                <text class="axis" x=LEFT - 5.0 y=y(v) + 4.0 text-anchor="end">
                    {format!("{v:.0}%")}
                </text>
            }
        })
        .collect_view();
    let months = trend
        .iter()
        .enumerate()
        .map(|(i, m)| {
            view! {
                <text class="axis" x=x(i) y=HEIGHT - BOTTOM + 15.0 text-anchor="middle">
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
                <text class="axis" x=x(i) y=HEIGHT - BOTTOM + 31.0 text-anchor="middle">
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
                .map(|(i, v)| view! { <circle class=class.clone() cx=x(i) cy=y(v) r="2.5" /> })
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
    let drawing = view! {
        {grid}
        {months}
        {years}
        {lines}
    };
    let legend = view! { <ul class="legend">{legend}</ul> };
    figure(id, title, description, HEIGHT, drawing, Some(legend))
}

/// Horizontal bars: a label and a whole number each, longest first as given. The labels and
/// numbers are HTML text in a grid (they wrap and keep their size on a phone); each bar is a
/// small SVG, since the page's CSP allows no inline styles to size a box.
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    description: String,
    bars: Vec<(String, i64)>,
) -> impl IntoView {
    let most = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let rows = bars
        .into_iter()
        .map(|(label, value)| {
            let length = 100.0 * value as f64 / most;
            view! {
                <span class="bar-label">{label}</span>
                <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none">
                    <rect class="bar" x="0" y="0" width=format!("{length:.1}") height="10" />
                </svg>
                <span class="bar-value">{value.to_string()}</span>
            }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart bars" role="img" aria-labelledby=labelled_by>
            <span id=title_id hidden>
                {title}
            </span>
            <span id=desc_id hidden>
                {description}
            </span>
            {rows}
        </figure>
    }
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
