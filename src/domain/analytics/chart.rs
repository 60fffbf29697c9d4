//! Accessible charts drawn on the server: SVG strings with a `<title>` and `<desc>` the SVG is labelled by, axis
//! labels, a `<title>` on every bar and point (the value on hover and for screen readers), and the same numbers as an
//! HTML table, the alternative for people who cannot read the picture. Pure string building, so the SSR page, an
//! emailed report and a test all get the same markup. Colours come from CSS classes (`chart-series-0`, …), so the
//! page's theme decides them and forced-colours mode still works.

use std::fmt::Write;

/// One named row of numbers, one per category.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSeries {
    pub name: String,
    pub values: Vec<f64>,
}

/// What a chart shows: categories along x (days, buckets, agents) and one or more series.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    /// Unique on the page: the prefix of the ids the SVG is labelled by.
    pub id: String,
    pub title: String,
    /// One or two sentences saying what the chart shows, read out instead of the drawing.
    pub description: String,
    pub x_label: String,
    pub y_label: String,
    pub categories: Vec<String>,
    pub series: Vec<ChartSeries>,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 56.0;
const Y_TICKS: usize = 4;
/// At most this many x labels are written; the others are left out (they stay in the table and the bars' titles).
const MAX_X_LABELS: usize = 12;

/// Escapes text for XML and HTML content and attribute values.
pub fn escape_markup(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// A number as the charts write it: whole numbers without decimals, others with up to two.
pub fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// The top of the y axis: the largest value rounded up to 1, 2 or 5 times a power of ten (at least 1), so the
/// ticks are round numbers.
pub fn nice_axis_max(largest: f64) -> f64 {
    if !largest.is_finite() || largest <= 1.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(largest.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|step| step * magnitude).find(|top| *top >= largest).unwrap_or(largest)
}

struct Frame {
    axis_max: f64,
    plot_width: f64,
    plot_height: f64,
}

impl Frame {
    fn of(data: &ChartData) -> Frame {
        let largest = data.series.iter().flat_map(|series| series.values.iter().copied()).fold(0.0, f64::max);
        Frame { axis_max: nice_axis_max(largest), plot_width: WIDTH - LEFT - RIGHT, plot_height: HEIGHT - TOP - BOTTOM }
    }

    fn y(&self, value: f64) -> f64 {
        TOP + self.plot_height * (1.0 - (value.max(0.0) / self.axis_max).min(1.0))
    }
}

/// Opens the SVG with its title, description, axes, y ticks and axis labels.
fn open_svg(data: &ChartData, frame: &Frame) -> String {
    let id = escape_markup(&data.id);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape_markup(&data.title),
        escape_markup(&data.description)
    );
    let bottom = TOP + frame.plot_height;
    let _ = write!(
        svg,
        "<g class=\"chart-axes\" aria-hidden=\"true\"><line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{bottom}\"/>\
         <line x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\"/>",
        LEFT + frame.plot_width
    );
    for tick in 0..=Y_TICKS {
        let value = frame.axis_max * tick as f64 / Y_TICKS as f64;
        let y = frame.y(value);
        let _ = write!(
            svg,
            "<text class=\"chart-tick\" x=\"{}\" y=\"{y:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
            LEFT - 6.0,
            format_value(value)
        );
    }
    let _ = write!(
        svg,
        "<text class=\"chart-axis-label\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>\
         <text class=\"chart-axis-label\" transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text></g>",
        LEFT + frame.plot_width / 2.0,
        HEIGHT - 8.0,
        escape_markup(&data.x_label),
        TOP + frame.plot_height / 2.0,
        escape_markup(&data.y_label)
    );
    svg
}

/// The x labels under the categories' centres, thinned to at most [`MAX_X_LABELS`].
fn write_x_labels(svg: &mut String, data: &ChartData, centre_of: impl Fn(usize) -> f64) {
    let count = data.categories.len();
    let every = count.div_ceil(MAX_X_LABELS).max(1);
    svg.push_str("<g class=\"chart-x-labels\" aria-hidden=\"true\">");
    for (index, category) in data.categories.iter().enumerate().filter(|(index, _)| index % every == 0) {
        let _ = write!(
            svg,
            "<text class=\"chart-tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            centre_of(index),
            TOP + (HEIGHT - TOP - BOTTOM) + 18.0,
            escape_markup(category)
        );
    }
    svg.push_str("</g>");
}

fn point_title(data: &ChartData, series: &ChartSeries, index: usize, value: f64) -> String {
    let category = data.categories.get(index).map(String::as_str).unwrap_or_default();
    let prefix = if data.series.len() > 1 { format!("{}, ", series.name) } else { String::new() };
    escape_markup(&format!("{prefix}{category}: {}", format_value(value)))
}

/// A bar chart; several series stand side by side in each category.
pub fn render_bar_chart(data: &ChartData) -> String {
    let frame = Frame::of(data);
    let mut svg = open_svg(data, &frame);
    let slot = frame.plot_width / data.categories.len().max(1) as f64;
    let bar_width = slot * 0.8 / data.series.len().max(1) as f64;
    for (series_index, series) in data.series.iter().enumerate() {
        let _ = write!(svg, "<g class=\"chart-series-{series_index}\">");
        for (index, value) in series.values.iter().copied().enumerate().take(data.categories.len()) {
            let x = LEFT + slot * index as f64 + slot * 0.1 + bar_width * series_index as f64;
            let y = frame.y(value);
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar_width:.1}\" height=\"{:.1}\"><title>{}</title></rect>",
                TOP + frame.plot_height - y,
                point_title(data, series, index, value)
            );
        }
        svg.push_str("</g>");
    }
    write_x_labels(&mut svg, data, |index| LEFT + slot * (index as f64 + 0.5));
    svg.push_str("</svg>");
    svg
}

/// A line chart: one polyline per series with a marked, titled point per category.
pub fn render_line_chart(data: &ChartData) -> String {
    let frame = Frame::of(data);
    let mut svg = open_svg(data, &frame);
    let gaps = data.categories.len().saturating_sub(1).max(1) as f64;
    let x_of = |index: usize| LEFT + frame.plot_width * index as f64 / gaps;
    for (series_index, series) in data.series.iter().enumerate() {
        let values: Vec<f64> = series.values.iter().copied().take(data.categories.len()).collect();
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(index, value)| format!("{:.1},{:.1}", x_of(index), frame.y(*value)))
            .collect();
        let _ = write!(
            svg,
            "<g class=\"chart-series-{series_index}\"><polyline fill=\"none\" points=\"{}\"/>",
            points.join(" ")
        );
        for (index, value) in values.iter().copied().enumerate() {
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"><title>{}</title></circle>",
                x_of(index),
                frame.y(value),
                point_title(data, series, index, value)
            );
        }
        svg.push_str("</g>");
    }
    write_x_labels(&mut svg, data, x_of);
    svg.push_str("</svg>");
    svg
}

/// The chart's numbers as a table: a caption (the title), the x label over the categories, one column per series.
pub fn render_data_table(data: &ChartData) -> String {
    render_linked_data_table(data, |_, _| None)
}

/// [`render_data_table`] where a cell may be a link: `link_of(category_index, series_index)` gives its address
/// (the dashboard's drill-down into the tickets behind a number).
pub fn render_linked_data_table(data: &ChartData, link_of: impl Fn(usize, usize) -> Option<String>) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<table class=\"chart-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
        escape_markup(&data.title),
        escape_markup(&data.x_label)
    );
    for series in &data.series {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape_markup(&series.name));
    }
    html.push_str("</tr></thead><tbody>");
    for (index, category) in data.categories.iter().enumerate() {
        let _ = write!(html, "<tr><th scope=\"row\">{}</th>", escape_markup(category));
        for (series_index, series) in data.series.iter().enumerate() {
            let cell = series.values.get(index).map(|value| format_value(*value)).unwrap_or_default();
            match link_of(index, series_index) {
                Some(href) => {
                    let _ = write!(html, "<td><a href=\"{}\">{cell}</a></td>", escape_markup(&href));
                }
                None => {
                    let _ = write!(html, "<td>{cell}</td>");
                }
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}
