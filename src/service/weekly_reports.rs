//! The weekly report mailed to supervisors and admins (`TIDINGS_WEEKLY_REPORT`, by default Monday 07:00 UTC,
//! when email is configured): last week's summary against the week before, in each reader's language. Each reader
//! gets each week's report once, whichever instance is first; a send that fails is tried again the next round.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{ServiceError, Services};
use crate::channel::outbound::StaffMail;
use crate::domain::analytics::{weekly_report_mail, AnalyticsFilter};
use crate::domain::Role;

impl Services {
    /// Checks every `every` whether a weekly report is due, and sends it.
    pub async fn run_weekly_reports(self, every: Duration) {
        let mut ticker = tokio::time::interval(every.max(Duration::from_secs(1)));
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            match self.send_due_weekly_reports(super::now()).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "weekly reports sent"),
                Err(err) => tracing::warn!(error = %err, "weekly report round failed"),
            }
        }
    }

    /// One round at `at`: the reports of the week due then, to every active supervisor and admin who has not got
    /// it yet. Returns how many were sent. Nothing happens without a schedule or without email.
    pub async fn send_due_weekly_reports(&self, at: DateTime<Utc>) -> Result<usize, ServiceError> {
        let settings = self.settings();
        let (Some(schedule), Some(mailer)) = (settings.weekly_report, settings.senders.staff_mail.clone()) else {
            return Ok(0);
        };
        let Some((week, period)) = schedule.due_report(at) else { return Ok(0) };
        let readers: Vec<_> =
            self.store().list_active_staff().await?.into_iter().filter(|user| user.role >= Role::Supervisor).collect();
        let mut report = None;
        let mut sent = 0;
        for reader in readers {
            if !self.store().claim_weekly_report(&week, &reader.id, at).await? {
                continue;
            }
            if report.is_none() {
                report = Some(self.summary_report(period, &AnalyticsFilter::default()).await?);
            }
            let Some(report) = &report else { continue };
            let mail = weekly_report_mail(report, &week, reader.locale, settings.public_url.as_deref());
            let staff_mail = StaffMail {
                to: reader.email.clone(),
                to_name: reader.name.clone(),
                subject: mail.subject,
                text: mail.text,
                html: mail.html,
            };
            match mailer.send_staff_mail(&staff_mail).await {
                Ok(()) => sent += 1,
                Err(err) => {
                    tracing::warn!(week = %week, user = %reader.id, error = %err, "weekly report not sent; trying again later");
                    self.store().release_weekly_report(&week, &reader.id).await?;
                }
            }
        }
        Ok(sent)
    }
}
