//! The dashboard's charts, drawn on the server by the domain's chart renderers: created and resolved per day, the
//! backlog over time, resolution times in buckets, the peak-hours heatmap and a breakdown per dimension. Each has
//! a heading and its numbers as a table (under "Show as table"); table cells link to the tickets behind them.

use leptos::prelude::*;
use tidings::domain::analytics::{
    day_query, group_query, render_bar_chart, render_heatmap, render_heatmap_table, render_line_chart,
    render_linked_data_table, Breakdown, ChartData, ChartSeries, DashboardReport, Dimension, DrillMetric, HeatmapData,
};
use tidings::domain::{Channel, Locale, Priority};

use super::styles::{H2, MUTED};
use crate::api::directory::Directory;
use crate::i18n::{
    bucket_label, category_label, channel_name, priority_name, t, use_locale, weekday_names, AgentKey, AnalyticsKey,
    TicketKey,
};

/// One chart with its heading and its table.
#[component]
fn ChartFigure(id: &'static str, title: String, svg: String, table: String) -> impl IntoView {
    let locale = use_locale();
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    view! {
        <section aria-labelledby=labelled_by class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-chart=id>
            <h3 id=heading class="text-base font-semibold text-slate-900">{title}</h3>
            <div class="mt-2 overflow-x-auto" inner_html=svg></div>
            <details class="mt-2">
                <summary class="cursor-pointer text-sm font-medium text-indigo-700">{t(locale, AnalyticsKey::ShowTable)}</summary>
                <div class="mt-2 overflow-x-auto" inner_html=table></div>
            </details>
        </section>
    }
}

fn day_label(locale: Locale, day: chrono::NaiveDate) -> String {
    match locale {
        Locale::En => day.format("%b %-d").to_string(),
        Locale::De => day.format("%-d.%-m.").to_string(),
    }
}

fn series(name: &str, values: impl IntoIterator<Item = f64>) -> ChartSeries {
    ChartSeries { name: name.to_owned(), values: values.into_iter().collect() }
}

fn dimension_title(dimension: Dimension) -> AnalyticsKey {
    match dimension {
        Dimension::Channel => AnalyticsKey::ByChannel,
        Dimension::Team => AnalyticsKey::ByTeam,
        Dimension::Agent => AnalyticsKey::ByAgent,
        Dimension::Priority => AnalyticsKey::ByPriority,
        Dimension::Category => AnalyticsKey::ByCategory,
    }
}

/// A group's name as people read it.
fn group_name(locale: Locale, directory: &Directory, dimension: Dimension, key: Option<&str>) -> String {
    let Some(key) = key else {
        let none = match dimension {
            Dimension::Team => t(locale, AgentKey::NoTeam),
            Dimension::Agent => t(locale, TicketKey::Unassigned),
            _ => t(locale, AnalyticsKey::NoCategory),
        };
        return none.to_owned();
    };
    let named = |pairs: Vec<(String, String)>| pairs.into_iter().find(|(id, _)| id == key).map(|(_, name)| name);
    match dimension {
        Dimension::Channel => Channel::parse(key).map(|c| channel_name(locale, c).to_owned()),
        Dimension::Priority => Priority::parse(key).map(|p| priority_name(locale, p).to_owned()),
        Dimension::Category => Some(category_label(locale, key)),
        Dimension::Team => named(directory.teams.iter().map(|tm| (tm.id.clone(), tm.name.clone())).collect()),
        Dimension::Agent => named(directory.agents.iter().map(|a| (a.id.clone(), a.name.clone())).collect()),
    }
    .unwrap_or_else(|| key.to_owned())
}

/// The two day charts: created and resolved, and the backlog.
fn day_charts(locale: Locale, report: &DashboardReport) -> impl IntoView {
    let filter = &report.filter;
    let days: Vec<_> = report.daily.iter().map(|point| point.day).collect();
    let categories: Vec<String> = days.iter().map(|day| day_label(locale, *day)).collect();
    let created_resolved = ChartData {
        id: "chart-daily".into(),
        title: t(locale, AnalyticsKey::CreatedResolvedTitle).into(),
        description: t(locale, AnalyticsKey::CreatedResolvedDesc).into(),
        x_label: t(locale, AnalyticsKey::Day).into(),
        y_label: t(locale, AnalyticsKey::Tickets).into(),
        categories: categories.clone(),
        series: vec![
            series(t(locale, AnalyticsKey::Created), report.daily.iter().map(|p| p.created as f64)),
            series(t(locale, AnalyticsKey::Resolved), report.daily.iter().map(|p| p.resolved as f64)),
        ],
    };
    let daily_table = render_linked_data_table(&created_resolved, |row, column| {
        let metric = if column == 0 { DrillMetric::Created } else { DrillMetric::Resolved };
        days.get(row).map(|day| day_query(metric, *day, filter).href("/agent/tickets", 1))
    });
    let backlog = ChartData {
        id: "chart-backlog".into(),
        title: t(locale, AnalyticsKey::BacklogTitle).into(),
        description: t(locale, AnalyticsKey::BacklogDesc).into(),
        x_label: t(locale, AnalyticsKey::Day).into(),
        y_label: t(locale, AnalyticsKey::Tickets).into(),
        categories,
        series: vec![series(t(locale, AnalyticsKey::Unfinished), report.daily.iter().map(|p| p.backlog.max(0) as f64))],
    };
    let backlog_table = render_linked_data_table(&backlog, |row, _| {
        days.get(row).map(|day| day_query(DrillMetric::Backlog, *day, filter).href("/agent/tickets", 1))
    });
    view! {
        <ChartFigure id="chart-daily" title=created_resolved.title.clone() svg=render_bar_chart(&created_resolved) table=daily_table />
        <ChartFigure id="chart-backlog" title=backlog.title.clone() svg=render_line_chart(&backlog) table=backlog_table />
    }
}

/// Resolution buckets and the peak-hours heatmap (no queue filter selects these, so their tables are plain).
fn shape_charts(locale: Locale, report: &DashboardReport) -> impl IntoView {
    let buckets = ChartData {
        id: "chart-resolution".into(),
        title: t(locale, AnalyticsKey::ResolutionTitle).into(),
        description: t(locale, AnalyticsKey::ResolutionDesc).into(),
        x_label: t(locale, AnalyticsKey::ResolutionTime).into(),
        y_label: t(locale, AnalyticsKey::Tickets).into(),
        categories: (0..report.resolution_buckets.len()).map(|index| bucket_label(locale, index).to_owned()).collect(),
        series: vec![series(t(locale, AnalyticsKey::Resolved), report.resolution_buckets.iter().map(|n| *n as f64))],
    };
    let heat = HeatmapData {
        id: "chart-peak".into(),
        title: t(locale, AnalyticsKey::PeakTitle).into(),
        description: t(locale, AnalyticsKey::PeakDesc).into(),
        row_label: t(locale, AnalyticsKey::Weekday).into(),
        column_label: t(locale, AnalyticsKey::Hour).into(),
        row_labels: weekday_names(locale).iter().map(|name| (*name).to_owned()).collect(),
        column_labels: (0..24).map(|hour| format!("{hour:02}")).collect(),
        cells: report.peak_hours.cells.iter().map(|row| row.to_vec()).collect(),
    };
    view! {
        <ChartFigure id="chart-resolution" title=buckets.title.clone() svg=render_bar_chart(&buckets) table=tidings::domain::analytics::render_data_table(&buckets) />
        <ChartFigure id="chart-peak" title=heat.title.clone() svg=render_heatmap(&heat) table=render_heatmap_table(&heat) />
    }
}

fn breakdown_chart(locale: Locale, report: &DashboardReport, directory: &Directory, breakdown: &Breakdown) -> AnyView {
    let dimension = breakdown.dimension;
    let id = match dimension {
        Dimension::Channel => "chart-by-channel",
        Dimension::Team => "chart-by-team",
        Dimension::Agent => "chart-by-agent",
        Dimension::Priority => "chart-by-priority",
        Dimension::Category => "chart-by-category",
    };
    let title = t(locale, dimension_title(dimension)).to_owned();
    if breakdown.rows.is_empty() {
        let heading = format!("{id}-heading");
        let labelled_by = heading.clone();
        return view! {
            <section aria-labelledby=labelled_by class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-chart=id>
                <h3 id=heading class="text-base font-semibold text-slate-900">{title}</h3>
                <p class=format!("mt-2 {MUTED}")>{t(locale, AnalyticsKey::NothingInPeriod)}</p>
            </section>
        }
        .into_any();
    }
    let data = ChartData {
        id: id.into(),
        title: title.clone(),
        description: t(locale, AnalyticsKey::BreakdownDesc).into(),
        x_label: t(locale, AnalyticsKey::Group).into(),
        y_label: t(locale, AnalyticsKey::Tickets).into(),
        categories: breakdown
            .rows
            .iter()
            .map(|row| group_name(locale, directory, dimension, row.key.as_deref()))
            .collect(),
        series: vec![
            series(t(locale, AnalyticsKey::Created), breakdown.rows.iter().map(|row| row.created as f64)),
            series(t(locale, AnalyticsKey::Resolved), breakdown.rows.iter().map(|row| row.resolved as f64)),
        ],
    };
    let table = render_linked_data_table(&data, |row, column| {
        let metric = if column == 0 { DrillMetric::Created } else { DrillMetric::Resolved };
        let key = breakdown.rows.get(row)?.key.as_deref();
        group_query(metric, report.period(), &report.filter, dimension, key).map(|q| q.href("/agent/tickets", 1))
    });
    view! { <ChartFigure id title svg=render_bar_chart(&data) table /> }.into_any()
}

#[component]
pub fn DashboardCharts(report: DashboardReport, directory: Directory) -> impl IntoView {
    let locale = use_locale();
    let breakdowns: Vec<AnyView> =
        report.breakdowns.iter().map(|breakdown| breakdown_chart(locale, &report, &directory, breakdown)).collect();
    view! {
        <section aria-labelledby="charts-heading" class="mt-8">
            <h2 id="charts-heading" class=H2>{t(locale, AnalyticsKey::Charts)}</h2>
            <div class="mt-3 grid grid-cols-1 gap-4 xl:grid-cols-2">
                {day_charts(locale, &report)}
                {shape_charts(locale, &report)}
                {breakdowns}
            </div>
        </section>
    }
}
