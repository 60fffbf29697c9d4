//! The actions of a firing that reach outside the ticket's fields: a canned reply to the customer (sent on the
//! ticket's channel like a staff reply), an internal note, a notification of staff, and a webhook (a JSON POST to
//! an outside URL). Replies and notes are written by the `automation` user; each outcome lands on the timeline.

use std::net::IpAddr;
use std::time::Duration;

use serde_json::json;

use super::rule_runs::event_by_rules;
use super::rules::AUTOMATION_USER_ID;
use super::secrets::new_id;
use super::{now, ServiceError, Services};
use crate::domain::canned::{render_placeholders, PlaceholderValues};
use crate::domain::rules::{Action, EventKind, NotifyTarget};
use crate::domain::{MessageBody, Role};
use crate::store::{MessageRecord, TicketChanges, TicketRecord};

/// How long a webhook receiver has to answer.
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);

/// An action the ticket's fields do not show.
pub(super) enum OutsideAction<'a> {
    CannedReply { canned_id: &'a str },
    InternalNote { text: &'a str },
    Notify { target: &'a NotifyTarget, text: &'a str },
    Webhook { url: &'a str },
}

impl<'a> OutsideAction<'a> {
    pub(super) fn of(action: &'a Action) -> Option<OutsideAction<'a>> {
        match action {
            Action::SendCannedReply { canned_id } => Some(OutsideAction::CannedReply { canned_id }),
            Action::AddInternalNote { text } => Some(OutsideAction::InternalNote { text }),
            Action::Notify { target, text } => Some(OutsideAction::Notify { target, text }),
            Action::Webhook { url } => Some(OutsideAction::Webhook { url }),
            _ => None,
        }
    }
}

/// Which rule is acting, for the records it leaves.
pub(super) struct FiringContext<'a> {
    pub(super) rule_id: &'a str,
    pub(super) rule_name: &'a str,
    pub(super) event_kind: EventKind,
}

impl Services {
    pub(super) async fn carry_out_outside(
        &self,
        ticket: &TicketRecord,
        firing: &FiringContext<'_>,
        action: OutsideAction<'_>,
    ) -> Result<(), ServiceError> {
        match action {
            OutsideAction::CannedReply { canned_id } => self.send_canned_reply_by_rule(ticket, canned_id).await,
            OutsideAction::InternalNote { text } => self.add_automatic_message(ticket, text, true).await,
            OutsideAction::Notify { target, text } => self.notify_by_rule(ticket, firing, target, text).await,
            OutsideAction::Webhook { url } => {
                self.post_webhook_by_rule(ticket, firing, url);
                Ok(())
            }
        }
    }

    async fn send_canned_reply_by_rule(&self, ticket: &TicketRecord, canned_id: &str) -> Result<(), ServiceError> {
        let canned =
            self.store().find_canned_response(canned_id).await?.ok_or(ServiceError::NotFound("canned reply"))?;
        let requester = self.store().find_user(&ticket.requester_id).await?;
        let values = PlaceholderValues {
            customer_name: requester.as_ref().map(|user| user.name.clone()),
            customer_email: requester.map(|user| user.email),
            ticket_number: Some(ticket.number),
            ticket_subject: Some(ticket.subject.clone()),
            agent_name: None,
        };
        self.add_automatic_message(ticket, &render_placeholders(&canned.body, &values), false).await
    }

    /// A public reply (sent on the ticket's channel when one is configured) or an internal note by `automation`
    /// (rules, the CSAT survey). Neither stamps the first response nor moves the status: an automatic answer is no
    /// agent's answer.
    pub(super) async fn add_automatic_message(
        &self,
        ticket: &TicketRecord,
        text: &str,
        internal: bool,
    ) -> Result<(), ServiceError> {
        let body = MessageBody::parse(text)?.into_string();
        let id = new_id();
        let planned = if internal {
            None
        } else {
            self.plan_reply_delivery(ticket, &id, None).await.unwrap_or_else(|err| {
                tracing::info!(ticket = %ticket.id, error = %err, "automatic reply kept in the portal only");
                None
            })
        };
        let queued = planned.is_some();
        let message = MessageRecord {
            id,
            ticket_id: ticket.id.clone(),
            author_id: AUTOMATION_USER_ID.into(),
            body,
            internal,
            channel: planned.as_ref().map_or(ticket.channel, |planned| planned.channel),
            created_at: now(),
            provider_message_id: planned.as_ref().and_then(|planned| planned.provider_message_id.clone()),
            delivery: planned.map(|planned| planned.delivery),
        };
        self.store().insert_message_with_attachments(&message, &[], &TicketChanges::default(), &[]).await?;
        if queued {
            self.wake_outbox();
        }
        Ok(())
    }

    /// Tells staff on the ticket's timeline (`rule_notified`, sent live like every timeline change) who was meant.
    async fn notify_by_rule(
        &self,
        ticket: &TicketRecord,
        firing: &FiringContext<'_>,
        target: &NotifyTarget,
        text: &str,
    ) -> Result<(), ServiceError> {
        let staff = self.store().list_active_staff().await?;
        let mut recipients: Vec<String> = match target {
            NotifyTarget::Supervisors => {
                staff.iter().filter(|user| user.role >= Role::Supervisor).map(|user| user.id.clone()).collect()
            }
            NotifyTarget::Assignee => ticket.assignee_id.iter().cloned().collect(),
            NotifyTarget::Team => staff
                .iter()
                .filter(|user| ticket.team_id.as_ref().is_some_and(|team| user.team_ids.contains(team)))
                .map(|user| user.id.clone())
                .collect(),
            NotifyTarget::User(id) => vec![id.clone()],
        };
        recipients.sort();
        let data = json!({
            "rule": { "id": firing.rule_id, "name": firing.rule_name },
            "target": target,
            "recipients": recipients,
            "text": text,
        });
        let at = now();
        let entry = event_by_rules(&ticket.id, "rule_notified", data, at);
        self.store().update_ticket(&ticket.id, &TicketChanges::default(), &[entry], at).await?;
        Ok(())
    }

    /// POSTs the event as JSON in the background (a slow receiver never holds up the ticket) and records the
    /// answer on the timeline (`rule_webhook`).
    fn post_webhook_by_rule(&self, ticket: &TicketRecord, firing: &FiringContext<'_>, url: &str) {
        let body = json!({
            "event": firing.event_kind,
            "rule": { "id": firing.rule_id, "name": firing.rule_name },
            "ticket": {
                "id": ticket.id,
                "number": ticket.number.0,
                "subject": ticket.subject,
                "status": ticket.status.as_str(),
                "priority": ticket.priority.as_str(),
                "team_id": ticket.team_id,
                "assignee_id": ticket.assignee_id,
                "tags": ticket.tags,
            },
            "sent_at": now(),
        });
        let services = self.clone();
        let (url, ticket_id, rule_id) = (url.to_string(), ticket.id.clone(), firing.rule_id.to_string());
        tokio::spawn(async move {
            let outcome = services.deliver_webhook(&url, &body).await;
            let data = match &outcome {
                Ok(status) => json!({ "rule": { "id": rule_id }, "url": url, "status": status }),
                Err(reason) => json!({ "rule": { "id": rule_id }, "url": url, "error": reason }),
            };
            if let Err(reason) = &outcome {
                tracing::warn!(ticket = %ticket_id, rule = %rule_id, error = %reason, "rule webhook failed");
            }
            let at = now();
            let entry = event_by_rules(&ticket_id, "rule_webhook", data, at);
            if let Err(err) = services.store().update_ticket(&ticket_id, &TicketChanges::default(), &[entry], at).await
            {
                tracing::warn!(ticket = %ticket_id, error = %err, "recording a rule webhook failed");
            }
        });
    }

    async fn deliver_webhook(&self, url: &str, body: &serde_json::Value) -> Result<u16, String> {
        check_webhook_host(url, self.settings().rules_webhook_allow_private).await?;
        let client = reqwest::Client::builder()
            .timeout(WEBHOOK_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| err.to_string())?;
        let response = client.post(url).json(body).send().await.map_err(|err| err.to_string())?;
        let status = response.status();
        if status.is_success() {
            Ok(status.as_u16())
        } else {
            Err(format!("the receiver answered {status}"))
        }
    }
}

/// Refuses hosts that resolve to loopback, private, link-local or unspecified addresses (a rule must not reach
/// into the server's own network), unless the operator allowed it (`TIDINGS_RULES_WEBHOOK_ALLOW_PRIVATE`).
async fn check_webhook_host(url: &str, allow_private: bool) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|err| format!("invalid URL: {err}"))?;
    let host = parsed.host_str().ok_or("the URL has no host")?.trim_start_matches('[').trim_end_matches(']');
    let port = parsed.port_or_known_default().unwrap_or(80);
    if allow_private {
        return Ok(());
    }
    let addresses = tokio::net::lookup_host((host, port)).await.map_err(|err| format!("cannot resolve: {err}"))?;
    for address in addresses {
        if is_internal(address.ip()) {
            return Err(format!("{host} resolves to an internal address"));
        }
    }
    Ok(())
}

fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback() || v4.is_private() || v4.is_link_local() || v4.is_unspecified() || v4.is_broadcast()
        }
        IpAddr::V6(v6) => {
            v6.is_loopback()
                || v6.is_unspecified()
                || (v6.segments()[0] & 0xfe00) == 0xfc00
                || (v6.segments()[0] & 0xffc0) == 0xfe80
        }
    }
}
