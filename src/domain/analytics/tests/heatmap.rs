use crate::domain::analytics::{heat_level, render_heatmap, render_heatmap_table, HeatmapData};

fn two_days() -> HeatmapData {
    HeatmapData {
        id: "peak".into(),
        title: "Tickets created by weekday and hour".into(),
        description: "Busiest: Monday 09:00 <UTC>.".into(),
        row_label: "Weekday".into(),
        column_label: "Hour".into(),
        row_labels: vec!["Mon".into(), "Tue".into()],
        column_labels: (0..24).map(|hour| format!("{hour:02}:00")).collect(),
        cells: vec![
            (0..24).map(|hour| if hour == 9 { 8 } else { 0 }).collect(),
            (0..24).map(|hour| if hour == 14 { 3 } else { 0 }).collect(),
        ],
    }
}

#[test]
fn levels_split_the_busiest_cell_in_four_and_keep_zero_apart() {
    assert_eq!(heat_level(0, 8), 0);
    assert_eq!(heat_level(1, 8), 1);
    assert_eq!(heat_level(3, 8), 2);
    assert_eq!(heat_level(8, 8), 4);
    assert_eq!(heat_level(5, 0), 0);
}

#[test]
fn heatmaps_are_labelled_images_with_a_title_per_cell() {
    let svg = render_heatmap(&two_days());
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"peak-title peak-desc\""));
    assert!(svg.contains("<title id=\"peak-title\">Tickets created by weekday and hour</title>"));
    assert!(svg.contains("<desc id=\"peak-desc\">Busiest: Monday 09:00 &lt;UTC&gt;.</desc>"));
    assert_eq!(svg.matches("<rect ").count(), 48, "one cell per weekday and hour");
    assert!(svg.contains("class=\"heat-4\"") && svg.contains("<title>Mon, 09:00: 8</title>"));
    assert!(svg.contains("class=\"heat-2\"") && svg.contains("<title>Tue, 14:00: 3</title>"));
    assert!(svg.contains(">Mon</text>") && svg.contains(">00:00</text>"), "row and column labels");
    assert!(svg.ends_with("</svg>"));
}

#[test]
fn the_table_alternative_has_every_cell() {
    let html = render_heatmap_table(&two_days());
    assert!(html.starts_with("<table class=\"chart-table\"><caption>Tickets created by weekday and hour</caption>"));
    assert!(html.contains("<th scope=\"col\">Weekday</th><th scope=\"col\">00:00</th>"));
    assert!(html.contains("<tr><th scope=\"row\">Mon</th>"));
    assert_eq!(html.matches("<td>").count(), 48);
    assert_eq!(html.matches("<td>8</td>").count(), 1);
}
