//! The KPI cards: each number of a period with the previous period's and the trend in words and an arrow (never
//! colour alone). Both numbers are links to the ticket queue filtered to the tickets behind them.

use leptos::prelude::*;
use tidings::domain::analytics::{
    drill_down_query, trend, AnalyticsFilter, DrillMetric, PeriodSummary, ReportPeriod, SummaryReport, Trend,
};
use tidings::domain::Locale;

use super::styles::{LINK, MUTED};
use crate::i18n::{duration_text, percent, t, trend_text, use_locale, AnalyticsKey};

/// How a KPI's value is written.
#[derive(Clone, Copy)]
enum Format {
    Count,
    Duration,
    Percent,
    Rating,
}

/// One card: the JSON name of the number (`data-kpi`), its label, how to write it and which tickets it counts.
struct Kpi {
    name: &'static str,
    label: AnalyticsKey,
    format: Format,
    metric: DrillMetric,
    value: fn(&PeriodSummary) -> Option<f64>,
}

fn count(value: u64) -> Option<f64> {
    // u64 -> f64 is exact below 2^53, far above any ticket count.
    Some(value as f64)
}

fn seconds(value: Option<i64>) -> Option<f64> {
    value.map(|seconds| seconds as f64)
}

const CREATED: Kpi = Kpi {
    name: "tickets_created",
    label: AnalyticsKey::TicketsCreated,
    format: Format::Count,
    metric: DrillMetric::Created,
    value: |s| count(s.tickets_created),
};

const RESOLVED: Kpi = Kpi {
    name: "tickets_resolved",
    label: AnalyticsKey::TicketsResolved,
    format: Format::Count,
    metric: DrillMetric::Resolved,
    value: |s| count(s.tickets_resolved),
};

const BACKLOG: Kpi = Kpi {
    name: "backlog",
    label: AnalyticsKey::Backlog,
    format: Format::Count,
    metric: DrillMetric::Backlog,
    value: |s| count(s.backlog),
};

const FIRST_RESPONSE_P50: Kpi = Kpi {
    name: "first_response_p50_s",
    label: AnalyticsKey::FirstResponseP50,
    format: Format::Duration,
    metric: DrillMetric::Created,
    value: |s| seconds(s.first_response_p50_s),
};

const FIRST_RESPONSE_P90: Kpi = Kpi {
    name: "first_response_p90_s",
    label: AnalyticsKey::FirstResponseP90,
    format: Format::Duration,
    metric: DrillMetric::Created,
    value: |s| seconds(s.first_response_p90_s),
};

const RESOLUTION_P50: Kpi = Kpi {
    name: "resolution_p50_s",
    label: AnalyticsKey::ResolutionP50,
    format: Format::Duration,
    metric: DrillMetric::Resolved,
    value: |s| seconds(s.resolution_p50_s),
};

const RESOLUTION_P90: Kpi = Kpi {
    name: "resolution_p90_s",
    label: AnalyticsKey::ResolutionP90,
    format: Format::Duration,
    metric: DrillMetric::Resolved,
    value: |s| seconds(s.resolution_p90_s),
};

const SLA_COMPLIANCE: Kpi = Kpi {
    name: "sla_compliance",
    label: AnalyticsKey::SlaCompliance,
    format: Format::Percent,
    metric: DrillMetric::Resolved,
    value: |s| s.sla_compliance,
};

const REOPEN_RATE: Kpi = Kpi {
    name: "reopen_rate",
    label: AnalyticsKey::ReopenRate,
    format: Format::Percent,
    metric: DrillMetric::Resolved,
    value: |s| s.reopen_rate,
};

const CSAT_AVERAGE: Kpi = Kpi {
    name: "csat_avg",
    label: AnalyticsKey::CsatAverage,
    format: Format::Rating,
    metric: DrillMetric::Resolved,
    value: |s| s.csat_avg,
};

const CSAT_RESPONSE_RATE: Kpi = Kpi {
    name: "csat_response_rate",
    label: AnalyticsKey::CsatResponseRate,
    format: Format::Percent,
    metric: DrillMetric::Resolved,
    value: |s| s.csat_response_rate,
};

/// The period's cards.
const PERIOD_KPIS: [Kpi; 11] = [
    CREATED,
    RESOLVED,
    BACKLOG,
    FIRST_RESPONSE_P50,
    FIRST_RESPONSE_P90,
    RESOLUTION_P50,
    RESOLUTION_P90,
    SLA_COMPLIANCE,
    REOPEN_RATE,
    CSAT_AVERAGE,
    CSAT_RESPONSE_RATE,
];

/// Today's cards: what a team watches during the day.
const TODAY_KPIS: [Kpi; 5] =
    [CREATED, RESOLVED, Kpi { label: AnalyticsKey::OpenNow, ..BACKLOG }, FIRST_RESPONSE_P50, CSAT_AVERAGE];

/// Which cards, under which heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KpiSet {
    /// Every number of the chosen period, against the period before.
    Period,
    /// A few numbers of today (UTC), against yesterday.
    Today,
}

impl KpiSet {
    fn kpis(self) -> &'static [Kpi] {
        match self {
            KpiSet::Period => &PERIOD_KPIS,
            KpiSet::Today => &TODAY_KPIS,
        }
    }

    /// The prefix of the section's element ids.
    fn id(self) -> &'static str {
        match self {
            KpiSet::Period => "kpi",
            KpiSet::Today => "today",
        }
    }

    fn heading(self) -> AnalyticsKey {
        match self {
            KpiSet::Period => AnalyticsKey::Kpis,
            KpiSet::Today => AnalyticsKey::TodayLive,
        }
    }

    fn previous(self) -> AnalyticsKey {
        match self {
            KpiSet::Period => AnalyticsKey::PreviousPeriod,
            KpiSet::Today => AnalyticsKey::Yesterday,
        }
    }
}

fn written(locale: Locale, format: Format, value: Option<f64>) -> String {
    let Some(value) = value else { return t(locale, AnalyticsKey::NoValue).to_owned() };
    match format {
        Format::Count => format!("{value:.0}"),
        Format::Duration => duration_text(locale, value.round() as i64),
        Format::Percent => percent(locale, value),
        Format::Rating => {
            let text = format!("{value:.1} / 5");
            if locale == Locale::De {
                text.replace('.', ",")
            } else {
                text
            }
        }
    }
}

fn arrow(trend: Trend) -> &'static str {
    match trend {
        Trend::Up => "▲",
        Trend::Down => "▼",
        Trend::Same => "=",
        Trend::NoComparison => "–",
    }
}

#[component]
pub fn KpiCards(
    report: SummaryReport,
    /// The filter the numbers are for; the links carry it to the queue.
    filter: AnalyticsFilter,
    #[prop(default = KpiSet::Period)] set: KpiSet,
) -> impl IntoView {
    let locale = use_locale();
    let period = ReportPeriod { from: report.from, to: report.to };
    let prefix = set.id();
    let cards: Vec<_> = set
        .kpis()
        .iter()
        .map(|kpi| {
            let (current, previous) = ((kpi.value)(&report.current), (kpi.value)(&report.previous));
            let moved = trend(current, previous);
            let current_href = drill_down_query(kpi.metric, period, &filter).href("/agent/tickets", 1);
            let previous_href = drill_down_query(kpi.metric, period.previous(), &filter).href("/agent/tickets", 1);
            let label_id = format!("{prefix}-{}", kpi.name);
            view! {
                <li class="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-kpi=kpi.name>
                    <p id=label_id class="text-sm font-medium text-slate-700">{t(locale, kpi.label)}</p>
                    <p class="mt-1 text-2xl font-semibold text-slate-900">
                        <a href=current_href class=LINK data-role="current">{written(locale, kpi.format, current)}</a>
                    </p>
                    <p class=format!("mt-1 {MUTED}")>
                        {t(locale, set.previous())}" "
                        <a href=previous_href class=LINK data-role="previous">{written(locale, kpi.format, previous)}</a>
                    </p>
                    <p class="mt-1 text-sm font-medium text-slate-800" data-trend=format!("{moved:?}").to_lowercase()>
                        <span aria-hidden="true">{arrow(moved)}" "</span>
                        {trend_text(locale, moved)}
                    </p>
                </li>
            }
        })
        .collect();
    let heading_id = format!("{prefix}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by class="mt-6">
            <h2 id=heading_id class="text-lg font-semibold text-slate-900">{t(locale, set.heading())}</h2>
            <ul id=format!("{prefix}-cards") class="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">{cards}</ul>
        </section>
    }
}
