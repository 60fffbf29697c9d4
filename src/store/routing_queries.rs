//! Routing's storage: agents' capacity, availability, load and skills, teams' strategies and round-robin
//! cursors, skill requirements, the team queues, and storing a routing decision so that capacity holds even when
//! several tickets are routed at once. Written once over `$n` SQL for both backends.

use async_trait::async_trait;

use super::routing_records::{
    RoutedAssignment, RoutedClaim, RoutingAgentRecord, TeamQueueRecord, TeamRoutingRecord, WaitingTicketRecord,
};
use super::DbError;
use crate::domain::routing::{SkillRule, TeamRouting};

#[async_trait]
pub trait RoutingStore: Send + Sync {
    /// Active staff (of one team when `team_id` is given) with availability, capacity, load, teams and skills,
    /// by name.
    async fn list_routing_agents(&self, team_id: Option<&str>) -> Result<Vec<RoutingAgentRecord>, DbError>;
    /// Replaces a user's skills; false if there is no such user.
    async fn replace_agent_skills(&self, user_id: &str, skills: &[(String, u8)]) -> Result<bool, DbError>;
    /// Every team's routing setting, by name.
    async fn list_team_routing(&self) -> Result<Vec<TeamRoutingRecord>, DbError>;
    async fn find_team_routing(&self, team_id: &str) -> Result<Option<TeamRoutingRecord>, DbError>;
    /// Sets how a team hands out tickets; false if there is no such team.
    async fn set_team_routing(&self, team_id: &str, routing: TeamRouting) -> Result<bool, DbError>;
    /// The skill requirements in the order they were given.
    async fn list_skill_requirements(&self) -> Result<Vec<SkillRule>, DbError>;
    async fn replace_skill_requirements(&self, rules: &[SkillRule]) -> Result<(), DbError>;
    /// Up to `limit` tickets waiting in a team's queue: VIP requesters' first, then the oldest.
    async fn list_waiting_tickets(&self, team_id: &str, limit: u32) -> Result<Vec<WaitingTicketRecord>, DbError>;
    /// The queue of every team that has waiting tickets.
    async fn list_team_queues(&self) -> Result<Vec<TeamQueueRecord>, DbError>;
    /// Stores a routing decision in one transaction after checking it still holds (see [`RoutedClaim`]):
    /// assigns the ticket, moves the team's round-robin cursor to the agent and records `events`.
    async fn assign_routed(&self, assignment: &RoutedAssignment) -> Result<RoutedClaim, DbError>;
}

/// An agent's current load: unfinished tickets plus chats still going, on `t` for the agent in `$1`.
pub(crate) const AGENT_LOAD: &str = "SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = $1 AND \
     ((t.channel <> 'chat' AND t.status IN ('new', 'open', 'pending')) \
     OR (t.channel = 'chat' AND t.status IN ('new', 'open')))";
/// Unassigned and unfinished: waiting in its team's queue.
pub(crate) const WAITING: &str = "t.assignee_id IS NULL AND t.status IN ('new', 'open', 'pending')";

/// Implements [`RoutingStore`]; `$lock` is the clause that locks the agent's row while a decision is stored
/// (`FOR UPDATE` on PostgreSQL; SQLite's single writer already serialises).
macro_rules! impl_routing_store {
    ($store:ty, $lock:literal) => {
        #[async_trait::async_trait]
        impl $crate::store::RoutingStore for $store {
            async fn list_routing_agents(
                &self,
                team_id: Option<&str>,
            ) -> Result<Vec<$crate::store::RoutingAgentRecord>, $crate::store::DbError> {
                type Row = (String, String, String, String, i64, i64, i64);
                let in_team = "AND ($1 IS NULL OR u.id IN (SELECT m.user_id FROM team_members m WHERE m.team_id = $1))";
                let sql = format!(
                    "SELECT u.id, u.name, u.role, u.availability, CAST(u.max_tickets AS BIGINT), \
                     (SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = u.id AND t.channel <> 'chat' \
                      AND t.status IN ('new', 'open', 'pending')), \
                     (SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = u.id AND t.channel = 'chat' \
                      AND t.status IN ('new', 'open')) \
                     FROM users u WHERE u.active AND u.role <> 'customer' {in_team} ORDER BY u.name, u.id"
                );
                let rows: Vec<Row> = sqlx::query_as(&sql).bind(team_id).fetch_all(self.reader()).await?;
                let memberships: Vec<(String, String)> =
                    sqlx::query_as("SELECT user_id, team_id FROM team_members ORDER BY team_id")
                        .fetch_all(self.reader())
                        .await?;
                let skills: Vec<(String, String, i32)> =
                    sqlx::query_as("SELECT user_id, skill, level FROM agent_skills ORDER BY skill")
                        .fetch_all(self.reader())
                        .await?;
                let corrupt = |what: String| $crate::store::DbError::Corrupt(what);
                rows.into_iter()
                    .map(|(user_id, name, role, availability, max_tickets, open_tickets, open_chats)| {
                        Ok($crate::store::RoutingAgentRecord {
                            role: $crate::domain::Role::parse(&role)
                                .ok_or_else(|| corrupt(format!("role {role:?}")))?,
                            availability: $crate::domain::live::Availability::parse(&availability)
                                .ok_or_else(|| corrupt(format!("availability {availability:?}")))?,
                            max_tickets: max_tickets as u32,
                            open_tickets: open_tickets as u32,
                            open_chats: open_chats as u32,
                            team_ids: memberships
                                .iter()
                                .filter(|(member, _)| *member == user_id)
                                .map(|(_, team)| team.clone())
                                .collect(),
                            skills: skills
                                .iter()
                                .filter(|(owner, _, _)| *owner == user_id)
                                .map(|(_, skill, level)| (skill.clone(), *level as u8))
                                .collect(),
                            user_id,
                            name,
                        })
                    })
                    .collect()
            }

            async fn replace_agent_skills(
                &self,
                user_id: &str,
                skills: &[(String, u8)],
            ) -> Result<bool, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                let exists: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if exists.is_none() {
                    return Ok(false);
                }
                sqlx::query("DELETE FROM agent_skills WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
                for (skill, level) in skills {
                    sqlx::query("INSERT INTO agent_skills (user_id, skill, level) VALUES ($1, $2, $3)")
                        .bind(user_id)
                        .bind(skill)
                        .bind(i32::from(*level))
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn list_team_routing(&self) -> Result<Vec<$crate::store::TeamRoutingRecord>, $crate::store::DbError> {
                let rows: Vec<(String, String, String, Option<String>)> =
                    sqlx::query_as("SELECT id, name, routing_strategy, routing_cursor FROM teams ORDER BY name_key")
                        .fetch_all(self.reader())
                        .await?;
                rows.into_iter().map($crate::store::routing_queries::team_routing).collect()
            }

            async fn find_team_routing(
                &self,
                team_id: &str,
            ) -> Result<Option<$crate::store::TeamRoutingRecord>, $crate::store::DbError> {
                let row: Option<(String, String, String, Option<String>)> =
                    sqlx::query_as("SELECT id, name, routing_strategy, routing_cursor FROM teams WHERE id = $1")
                        .bind(team_id)
                        .fetch_optional(self.reader())
                        .await?;
                row.map($crate::store::routing_queries::team_routing).transpose()
            }

            async fn set_team_routing(
                &self,
                team_id: &str,
                routing: $crate::domain::routing::TeamRouting,
            ) -> Result<bool, $crate::store::DbError> {
                let done = sqlx::query("UPDATE teams SET routing_strategy = $2 WHERE id = $1")
                    .bind(team_id)
                    .bind(routing.as_str())
                    .execute(self.writer())
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn list_skill_requirements(
                &self,
            ) -> Result<Vec<$crate::domain::routing::SkillRule>, $crate::store::DbError> {
                let rows: Vec<(Option<String>, Option<String>, String, i32)> = sqlx::query_as(
                    "SELECT category_prefix, language, skill, min_level FROM skill_requirements ORDER BY position",
                )
                .fetch_all(self.reader())
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(category, language, skill, min_level)| $crate::domain::routing::SkillRule {
                        category,
                        language,
                        skill,
                        min_level: min_level as u8,
                    })
                    .collect())
            }

            async fn replace_skill_requirements(
                &self,
                rules: &[$crate::domain::routing::SkillRule],
            ) -> Result<(), $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM skill_requirements").execute(&mut *tx).await?;
                for (position, rule) in rules.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO skill_requirements (id, category_prefix, language, skill, min_level, position) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(format!("rule-{position}"))
                    .bind(rule.category.as_deref())
                    .bind(rule.language.as_deref())
                    .bind(&rule.skill)
                    .bind(i32::from(rule.min_level))
                    .bind(position as i32)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn list_waiting_tickets(
                &self,
                team_id: &str,
                limit: u32,
            ) -> Result<Vec<$crate::store::WaitingTicketRecord>, $crate::store::DbError> {
                type Row = (
                    String,
                    String,
                    Option<String>,
                    Option<String>,
                    String,
                    chrono::DateTime<chrono::Utc>,
                    Option<String>,
                );
                let sql = format!(
                    "SELECT t.id, t.team_id, t.category, t.language, t.channel, t.created_at, u.segment \
                     FROM tickets t JOIN users u ON u.id = t.requester_id WHERE t.team_id = $1 AND {} \
                     ORDER BY CASE WHEN u.segment = 'vip' THEN 0 ELSE 1 END, t.created_at, t.id LIMIT $2",
                    $crate::store::routing_queries::WAITING
                );
                let rows: Vec<Row> =
                    sqlx::query_as(&sql).bind(team_id).bind(i64::from(limit)).fetch_all(self.reader()).await?;
                rows.into_iter()
                    .map(|(ticket_id, team_id, category, language, channel, created_at, requester_segment)| {
                        Ok($crate::store::WaitingTicketRecord {
                            channel: $crate::domain::Channel::parse(&channel)
                                .ok_or_else(|| $crate::store::DbError::Corrupt(format!("channel {channel:?}")))?,
                            ticket_id,
                            team_id,
                            category,
                            language,
                            created_at,
                            requester_segment,
                        })
                    })
                    .collect()
            }

            async fn list_team_queues(&self) -> Result<Vec<$crate::store::TeamQueueRecord>, $crate::store::DbError> {
                type Row = (String, i64, Option<chrono::DateTime<chrono::Utc>>, i64);
                let sql = format!(
                    "SELECT t.team_id, COUNT(*), MIN(t.created_at), \
                     CAST(SUM(CASE WHEN u.segment = 'vip' THEN 1 ELSE 0 END) AS BIGINT) \
                     FROM tickets t JOIN users u ON u.id = t.requester_id \
                     WHERE t.team_id IS NOT NULL AND {} GROUP BY t.team_id ORDER BY t.team_id",
                    $crate::store::routing_queries::WAITING
                );
                let rows: Vec<Row> = sqlx::query_as(&sql).fetch_all(self.reader()).await?;
                Ok(rows
                    .into_iter()
                    .map(|(team_id, waiting, oldest_created_at, vip_waiting)| $crate::store::TeamQueueRecord {
                        team_id,
                        waiting: waiting as u32,
                        oldest_created_at,
                        vip_waiting: vip_waiting as u32,
                    })
                    .collect())
            }

            async fn assign_routed(
                &self,
                assignment: &$crate::store::RoutedAssignment,
            ) -> Result<$crate::store::RoutedClaim, $crate::store::DbError> {
                use $crate::store::RoutedClaim;
                let mut tx = self.begin_write().await?;
                // Locking the agent's row makes deciders of the same agent take turns (capacity is per agent).
                let agent: Option<(i64, String)> = sqlx::query_as(concat!(
                    "SELECT CAST(u.max_tickets AS BIGINT), u.availability FROM users u \
                     WHERE u.id = $1 AND u.active AND u.role <> 'customer' \
                     AND EXISTS (SELECT 1 FROM team_members m WHERE m.user_id = u.id AND m.team_id = $2) ",
                    $lock
                ))
                .bind(&assignment.agent_id)
                .bind(&assignment.team_id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((capacity, availability)) = agent else { return Ok(RoutedClaim::AgentUnavailable) };
                if availability != $crate::domain::live::Availability::Online.as_str() {
                    return Ok(RoutedClaim::AgentUnavailable);
                }
                let load: i64 = sqlx::query_scalar($crate::store::routing_queries::AGENT_LOAD)
                    .bind(&assignment.agent_id)
                    .fetch_one(&mut *tx)
                    .await?;
                if load >= capacity {
                    return Ok(RoutedClaim::AtCapacity);
                }
                let done = sqlx::query(
                    "UPDATE tickets SET assignee_id = $1, updated_at = $2 WHERE id = $3 AND team_id = $4 \
                     AND assignee_id IS NULL AND status IN ('new', 'open', 'pending')",
                )
                .bind(&assignment.agent_id)
                .bind(assignment.at)
                .bind(&assignment.ticket_id)
                .bind(&assignment.team_id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Ok(RoutedClaim::NotWaiting);
                }
                sqlx::query("UPDATE teams SET routing_cursor = $2 WHERE id = $1")
                    .bind(&assignment.team_id)
                    .bind(&assignment.agent_id)
                    .execute(&mut *tx)
                    .await?;
                Self::insert_event_rows(&mut tx, &assignment.events).await?;
                Self::append_live_event(
                    &mut tx,
                    $crate::store::LiveChange::TicketUpdated,
                    &assignment.ticket_id,
                    None,
                    assignment.at,
                )
                .await?;
                tx.commit().await?;
                self.live_committed();
                let ticket =
                    $crate::store::TicketStore::find_ticket(self, &assignment.ticket_id).await?.ok_or_else(|| {
                        $crate::store::DbError::Corrupt(format!("ticket {} vanished", assignment.ticket_id))
                    })?;
                Ok(RoutedClaim::Assigned(Box::new(ticket)))
            }
        }
    };
}

pub(crate) use impl_routing_store;

/// A `teams` row's routing columns.
pub(crate) fn team_routing(
    (team_id, name, routing, cursor): (String, String, String, Option<String>),
) -> Result<super::TeamRoutingRecord, DbError> {
    let routing = TeamRouting::parse(&routing).ok_or_else(|| DbError::Corrupt(format!("routing {routing:?}")))?;
    Ok(super::TeamRoutingRecord { team_id, name, routing, cursor })
}
