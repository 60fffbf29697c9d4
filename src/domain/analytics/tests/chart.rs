use crate::domain::analytics::{
    escape_markup, format_value, nice_axis_max, render_bar_chart, render_data_table, render_line_chart, ChartData,
    ChartSeries,
};

fn created_per_day() -> ChartData {
    ChartData {
        id: "created".into(),
        title: "Tickets created per day".into(),
        description: "Tickets created each day from 9 to 11 March <2026>.".into(),
        x_label: "Day".into(),
        y_label: "Tickets".into(),
        categories: vec!["Mar 9".into(), "Mar 10".into(), "Mar 11".into()],
        series: vec![
            ChartSeries { name: "Created".into(), values: vec![2.0, 1.0, 0.0] },
            ChartSeries { name: "Resolved".into(), values: vec![1.0, 1.5, 0.0] },
        ],
    }
}

#[test]
fn bar_charts_are_labelled_images_with_a_title_per_bar() {
    let svg = render_bar_chart(&created_per_day());
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("aria-labelledby=\"created-title created-desc\""));
    assert!(svg.contains("<title id=\"created-title\">Tickets created per day</title>"));
    assert!(svg.contains("<desc id=\"created-desc\">Tickets created each day from 9 to 11 March &lt;2026&gt;.</desc>"));
    assert!(svg.contains(">Day</text>") && svg.contains(">Tickets</text>"), "axis labels");
    assert_eq!(svg.matches("<rect ").count(), 6);
    assert!(svg.contains("<title>Created, Mar 9: 2</title>"));
    assert!(svg.contains("<title>Resolved, Mar 10: 1.5</title>"));
    assert!(svg.ends_with("</svg>"));
}

#[test]
fn line_charts_draw_one_titled_point_per_category() {
    let mut data = created_per_day();
    data.series.truncate(1);
    let svg = render_line_chart(&data);
    assert_eq!(svg.matches("<polyline").count(), 1);
    assert_eq!(svg.matches("<circle").count(), 3);
    assert!(svg.contains("<title>Mar 11: 0</title>"), "one series needs no series name");
}

#[test]
fn the_table_alternative_has_the_same_numbers() {
    let html = render_data_table(&created_per_day());
    assert!(html.contains("<caption>Tickets created per day</caption>"));
    assert!(html.contains("<th scope=\"col\">Day</th><th scope=\"col\">Created</th><th scope=\"col\">Resolved</th>"));
    assert!(html.contains("<tr><th scope=\"row\">Mar 10</th><td>1</td><td>1.5</td></tr>"));
}

#[test]
fn many_categories_get_thinned_labels_but_all_bars() {
    let mut data = created_per_day();
    data.categories = (1..=90).map(|day| format!("d{day}")).collect();
    data.series = vec![ChartSeries { name: "Created".into(), values: vec![1.0; 90] }];
    let svg = render_bar_chart(&data);
    assert_eq!(svg.matches("<rect ").count(), 90);
    assert!(svg.matches("class=\"chart-tick\"").count() <= 12 + 5);
}

#[test]
fn axes_round_up_and_numbers_read_plainly() {
    assert_eq!(nice_axis_max(0.0), 1.0);
    assert_eq!(nice_axis_max(7.0), 10.0);
    assert_eq!(nice_axis_max(13.0), 20.0);
    assert_eq!(nice_axis_max(450.0), 500.0);
    assert_eq!(nice_axis_max(f64::NAN), 1.0);
    assert_eq!(format_value(3.0), "3");
    assert_eq!(format_value(0.126), "0.13");
    assert_eq!(format_value(2.5), "2.5");
    assert_eq!(escape_markup("a<b & \"c\" 'd'"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;");
}

#[test]
fn table_cells_can_link_to_the_tickets_behind_them() {
    let html = crate::domain::analytics::render_linked_data_table(&created_per_day(), |row, series| {
        (series == 0).then(|| format!("/agent/tickets?day={row}&x=\"y\""))
    });
    assert!(html.contains("<td><a href=\"/agent/tickets?day=0&amp;x=&quot;y&quot;\">2</a></td><td>1</td>"), "{html}");
    assert_eq!(html.matches("<a href=").count(), 3);
    assert_eq!(render_data_table(&created_per_day()).matches("<a ").count(), 0);
}
