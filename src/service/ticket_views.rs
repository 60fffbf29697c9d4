//! Turning stored tickets, messages and events into what clients see, with people and teams named.

use std::collections::HashMap;

use super::sla_rules::SlaRules;
use super::{ServiceError, Services};
use crate::domain::sla::{TicketSla, TicketSlaHistory};
use crate::domain::{text_to_html, Author, Message, NamedRef, Requester, Team, Ticket, TicketEvent, User};
use crate::store::{EventRecord, MessageRecord, TicketRecord};

/// Users and teams looked up once per answer, however many tickets or messages name them; likewise the SLA rules
/// and the SLA histories of tickets under a policy.
pub(super) struct Names {
    users: HashMap<String, Option<User>>,
    teams: Option<Vec<Team>>,
    sla_rules: Option<SlaRules>,
    sla_histories: HashMap<String, TicketSlaHistory>,
    /// Triage's sentiment per ticket (`None`: not triaged).
    sentiments: HashMap<String, Option<String>>,
}

impl Names {
    pub(super) fn new() -> Names {
        Names {
            users: HashMap::new(),
            teams: None,
            sla_rules: None,
            sla_histories: HashMap::new(),
            sentiments: HashMap::new(),
        }
    }

    /// A list of tickets, their people looked up in one query.
    pub(super) async fn tickets(
        &mut self,
        services: &Services,
        records: Vec<TicketRecord>,
    ) -> Result<Vec<Ticket>, ServiceError> {
        self.prefetch(services, &records).await?;
        let mut tickets = Vec::with_capacity(records.len());
        for record in records {
            tickets.push(self.ticket(services, record).await?);
        }
        Ok(tickets)
    }

    /// Looks up, in one query, the requesters and assignees of `records` not known yet.
    async fn prefetch(&mut self, services: &Services, records: &[TicketRecord]) -> Result<(), ServiceError> {
        let mut wanted: Vec<String> = records
            .iter()
            .flat_map(|record| std::iter::once(&record.requester_id).chain(record.assignee_id.as_ref()))
            .filter(|id| !self.users.contains_key(*id))
            .cloned()
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let found = services.store().find_users(&wanted).await?;
        for id in wanted {
            self.users.insert(id, None);
        }
        for user in found {
            self.users.insert(user.id.clone(), Some(user));
        }
        let under_policy: Vec<String> = records
            .iter()
            .filter(|record| record.sla.policy_id.is_some() && !self.sla_histories.contains_key(&record.id))
            .map(|record| record.id.clone())
            .collect();
        self.sla_histories.extend(services.store().ticket_sla_histories(&under_policy).await?);
        let ids: Vec<String> = records.iter().map(|record| record.id.clone()).collect();
        self.load_sentiments(services, ids).await
    }

    /// The ticket's SLA at this moment under the policy it was last computed with; `None` without one.
    async fn sla(&mut self, services: &Services, record: &TicketRecord) -> Result<Option<TicketSla>, ServiceError> {
        if record.sla.policy_id.is_none() {
            return Ok(None);
        }
        if !self.sla_histories.contains_key(&record.id) {
            let found = services.store().ticket_sla_histories(std::slice::from_ref(&record.id)).await?;
            self.sla_histories.extend(found);
        }
        let Some(history) = self.sla_histories.get(&record.id) else { return Ok(None) };
        let rules = match &mut self.sla_rules {
            Some(rules) => rules,
            None => self.sla_rules.insert(SlaRules::load(services).await?),
        };
        Ok(rules.view(record, history, super::now()))
    }

    async fn load_sentiments(&mut self, services: &Services, ids: Vec<String>) -> Result<(), ServiceError> {
        let found = services.store().list_ticket_sentiments(&ids).await?;
        for id in ids {
            self.sentiments.insert(id, None);
        }
        for (id, sentiment) in found {
            self.sentiments.insert(id, Some(sentiment));
        }
        Ok(())
    }

    async fn sentiment(&mut self, services: &Services, ticket_id: &str) -> Result<Option<String>, ServiceError> {
        if !self.sentiments.contains_key(ticket_id) {
            self.load_sentiments(services, vec![ticket_id.to_string()]).await?;
        }
        Ok(self.sentiments.get(ticket_id).cloned().flatten())
    }

    async fn user(&mut self, services: &Services, id: &str) -> Result<Option<User>, ServiceError> {
        if !self.users.contains_key(id) {
            let user = services.store().find_user(id).await?;
            self.users.insert(id.to_string(), user);
        }
        Ok(self.users.get(id).cloned().flatten())
    }

    async fn team(&mut self, services: &Services, id: &str) -> Result<Option<NamedRef>, ServiceError> {
        if self.teams.is_none() {
            self.teams = Some(services.store().list_teams().await?);
        }
        let teams = self.teams.as_deref().unwrap_or_default();
        Ok(teams
            .iter()
            .find(|team| team.id == id)
            .map(|team| NamedRef { id: team.id.clone(), name: team.name.clone() }))
    }

    pub(super) async fn ticket(&mut self, services: &Services, record: TicketRecord) -> Result<Ticket, ServiceError> {
        let requester = self
            .user(services, &record.requester_id)
            .await?
            .map(|user| Requester { id: user.id, name: user.name, email: user.email })
            .ok_or_else(|| ServiceError::Internal(format!("ticket {} has no requester", record.id)))?;
        let assignee = match &record.assignee_id {
            Some(id) => self.user(services, id).await?.map(|user| NamedRef { id: user.id, name: user.name }),
            None => None,
        };
        let team = match &record.team_id {
            Some(id) => self.team(services, id).await?,
            None => None,
        };
        let context = record
            .context
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|err| ServiceError::Internal(format!("ticket {} context: {err}", record.id)))?;
        let sla = self.sla(services, &record).await?;
        let sentiment = self.sentiment(services, &record.id).await?;
        let csat = services.ticket_csat(&record.id).await?;
        Ok(Ticket {
            id: record.id,
            number: record.number.get(),
            subject: record.subject,
            status: record.status,
            priority: record.priority,
            ticket_type: record.ticket_type,
            category: record.category,
            tags: record.tags,
            channel: record.channel,
            requester,
            assignee,
            team,
            created_at: record.created_at,
            updated_at: record.updated_at,
            first_response_at: record.first_response_at,
            resolved_at: record.resolved_at,
            sla,
            language: record.language,
            sentiment,
            csat,
            context,
            merged_into: record.merged_into,
            split_from: record.split_from,
        })
    }

    pub(super) async fn message(
        &mut self,
        services: &Services,
        record: MessageRecord,
    ) -> Result<Message, ServiceError> {
        let author = self
            .user(services, &record.author_id)
            .await?
            .map(|user| Author { id: user.id, name: user.name, role: user.role })
            .ok_or_else(|| ServiceError::Internal(format!("message {} has no author", record.id)))?;
        Ok(Message {
            body_html: text_to_html(&record.body),
            id: record.id,
            ticket_id: record.ticket_id,
            author,
            body: record.body,
            internal: record.internal,
            channel: record.channel,
            // Filled in by the caller, which loads a whole thread's files in one query.
            attachments: Vec::new(),
            created_at: record.created_at,
            delivery: record
                .delivery
                .map(|delivery| crate::domain::delivery::Delivery { status: delivery.status, error: delivery.error }),
        })
    }

    pub(super) async fn event(
        &mut self,
        services: &Services,
        record: EventRecord,
    ) -> Result<TicketEvent, ServiceError> {
        let actor = match &record.actor_id {
            Some(id) => self.user(services, id).await?.map(|user| NamedRef { id: user.id, name: user.name }),
            None => None,
        };
        let data = serde_json::from_str(&record.data).unwrap_or(serde_json::Value::Null);
        Ok(TicketEvent { id: record.id, kind: record.kind, actor, data, created_at: record.created_at })
    }
}
