//! The peak-hours heatmap: a grid of weekdays (rows) by hours (columns) drawn as an SVG whose every cell carries a
//! `<title>` with its count, five intensity classes (`heat-0` … `heat-4`, coloured by the page's CSS, so forced
//! colours still show the outlines), and the same numbers as a table for people who cannot read the picture.

use std::fmt::Write;

use super::chart::{escape_markup, format_value};

/// What a heatmap shows: `cells[row][column]`, one row per `row_labels` entry and one column per `column_labels`.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatmapData {
    /// Unique on the page: the prefix of the ids the SVG is labelled by.
    pub id: String,
    pub title: String,
    pub description: String,
    pub row_label: String,
    pub column_label: String,
    pub row_labels: Vec<String>,
    pub column_labels: Vec<String>,
    pub cells: Vec<Vec<u64>>,
}

const CELL: f64 = 24.0;
const LEFT: f64 = 64.0;
const TOP: f64 = 32.0;
const BOTTOM: f64 = 16.0;
/// How many intensity classes there are; class 0 is an empty cell.
pub const HEAT_LEVELS: u64 = 5;

/// The intensity class of `count` against the busiest cell: 0 for none, then 1 to 4 in equal steps.
pub fn heat_level(count: u64, busiest: u64) -> u64 {
    if count == 0 || busiest == 0 {
        return 0;
    }
    (count * (HEAT_LEVELS - 1)).div_ceil(busiest).clamp(1, HEAT_LEVELS - 1)
}

impl HeatmapData {
    fn busiest(&self) -> u64 {
        self.cells.iter().flatten().copied().max().unwrap_or(0)
    }

    fn count(&self, row: usize, column: usize) -> u64 {
        self.cells.get(row).and_then(|cells| cells.get(column)).copied().unwrap_or(0)
    }
}

/// The heatmap as a labelled SVG image.
pub fn render_heatmap(data: &HeatmapData) -> String {
    let id = escape_markup(&data.id);
    let columns = data.column_labels.len();
    let width = LEFT + CELL * columns as f64 + 8.0;
    let height = TOP + CELL * data.row_labels.len() as f64 + BOTTOM;
    let busiest = data.busiest();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" role=\"img\" viewBox=\"0 0 {width} \
         {height}\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc \
         id=\"{id}-desc\">{}</desc>",
        escape_markup(&data.title),
        escape_markup(&data.description)
    );
    svg.push_str("<g class=\"chart-x-labels\" aria-hidden=\"true\">");
    for (column, label) in data.column_labels.iter().enumerate().filter(|(column, _)| column % 3 == 0) {
        let x = LEFT + CELL * (column as f64 + 0.5);
        let _ = write!(
            svg,
            "<text class=\"chart-tick\" x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            TOP - 8.0,
            escape_markup(label)
        );
    }
    svg.push_str("</g>");
    for (row, row_name) in data.row_labels.iter().enumerate() {
        let y = TOP + CELL * row as f64;
        let _ = write!(
            svg,
            "<text class=\"chart-tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" dominant-baseline=\"middle\" \
             aria-hidden=\"true\">{}</text>",
            LEFT - 6.0,
            y + CELL / 2.0,
            escape_markup(row_name)
        );
        for (column, column_name) in data.column_labels.iter().enumerate() {
            let count = data.count(row, column);
            let label = format!("{row_name}, {column_name}: {}", format_value(count as f64));
            let _ = write!(
                svg,
                "<rect class=\"heat-{}\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
                heat_level(count, busiest),
                LEFT + CELL * column as f64,
                CELL - 2.0,
                CELL - 2.0,
                escape_markup(&label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The heatmap's numbers as a table: one row per row label, one column per column label.
pub fn render_heatmap_table(data: &HeatmapData) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<table class=\"chart-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
        escape_markup(&data.title),
        escape_markup(&data.row_label)
    );
    for label in &data.column_labels {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape_markup(label));
    }
    html.push_str("</tr></thead><tbody>");
    for (row, label) in data.row_labels.iter().enumerate() {
        let _ = write!(html, "<tr><th scope=\"row\">{}</th>", escape_markup(label));
        for column in 0..data.column_labels.len() {
            let _ = write!(html, "<td>{}</td>", data.count(row, column));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}
