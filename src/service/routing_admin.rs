//! Setting routing up and watching it: agents' skills, teams' strategies, skill requirements (admins), and the
//! agents' loads and the team queues (supervisors).

use super::{Actor, ServiceError, Services};
use crate::domain::routing::{
    parse_level, parse_skill_name, AgentSkill, RoutingAgent, SkillRule, TeamQueue, TeamRouting,
};
use crate::domain::{authorize, Action, FieldError, NamedRef};

/// A skill as submitted: the level is checked here (1 to 5), so it arrives as any number.
#[derive(Clone, Debug, Default)]
pub struct SkillInput {
    pub skill: String,
    pub level: i64,
}

/// A skill requirement as submitted.
#[derive(Clone, Debug, Default)]
pub struct SkillRuleInput {
    pub category: Option<String>,
    pub language: Option<String>,
    pub skill: String,
    pub min_level: i64,
}

/// The most skills one agent has, and the most skill requirements.
const MAX_SKILLS: usize = 50;
const MAX_SKILL_RULES: usize = 200;

impl Services {
    /// Every active staff member's availability, load against capacity, skills and teams (supervisors).
    pub async fn routing_agents(&self, actor: &Actor) -> Result<Vec<RoutingAgent>, ServiceError> {
        authorize(actor.user.role, Action::UseSupervisorViews)?;
        let teams = self.store().list_teams().await?;
        let agents = self.store().list_routing_agents(None).await?;
        Ok(agents
            .into_iter()
            .map(|agent| RoutingAgent {
                load: agent.open_tickets.saturating_add(agent.open_chats),
                teams: agent
                    .team_ids
                    .iter()
                    .filter_map(|id| teams.iter().find(|team| &team.id == id))
                    .map(|team| NamedRef { id: team.id.clone(), name: team.name.clone() })
                    .collect(),
                skills: agent.skills.into_iter().map(|(skill, level)| AgentSkill { skill, level }).collect(),
                id: agent.user_id,
                name: agent.name,
                role: agent.role,
                availability: agent.availability,
                open_tickets: agent.open_tickets,
                open_chats: agent.open_chats,
                capacity: agent.max_tickets,
            })
            .collect())
    }

    /// Every team's routing strategy and waiting queue (supervisors).
    pub async fn routing_queues(&self, actor: &Actor) -> Result<Vec<TeamQueue>, ServiceError> {
        authorize(actor.user.role, Action::UseSupervisorViews)?;
        let queues = self.store().list_team_queues().await?;
        let teams = self.store().list_team_routing().await?;
        Ok(teams
            .into_iter()
            .map(|team| {
                let queue = queues.iter().find(|queue| queue.team_id == team.team_id);
                TeamQueue {
                    team: NamedRef { id: team.team_id, name: team.name },
                    routing_strategy: team.routing,
                    waiting: queue.map_or(0, |queue| queue.waiting),
                    oldest_waiting_since: queue.and_then(|queue| queue.oldest_created_at),
                    vip_waiting: queue.map_or(0, |queue| queue.vip_waiting),
                }
            })
            .collect())
    }

    /// Replaces a staff member's skills (admins): names are folded to lower case, levels must be 1 to 5.
    pub async fn set_agent_skills(
        &self,
        actor: &Actor,
        user_id: &str,
        skills: Vec<SkillInput>,
    ) -> Result<Vec<AgentSkill>, ServiceError> {
        authorize(actor.user.role, Action::ManageUsers)?;
        if skills.len() > MAX_SKILLS {
            return Err(
                FieldError::new("skills", "too_many_skills", format!("Give at most {MAX_SKILLS} skills.")).into()
            );
        }
        let mut parsed: Vec<(String, u8)> = Vec::with_capacity(skills.len());
        for input in &skills {
            let skill = parse_skill_name(&input.skill)?;
            let level = parse_level(input.level, "level").map_err(|err| FieldError {
                message: format!("Give {skill} a level from 1 to 5 (not {}).", input.level),
                ..err
            })?;
            if parsed.iter().any(|(known, _)| *known == skill) {
                return Err(FieldError::new("skill", "duplicate_skill", format!("{skill} is listed twice.")).into());
            }
            parsed.push((skill, level));
        }
        parsed.sort();
        let user = self.store().find_user(user_id).await?.ok_or(ServiceError::NotFound("user"))?;
        if !user.role.is_staff() {
            return Err(
                FieldError::new("skills", "not_staff", "Only agents, supervisors and admins have skills.").into()
            );
        }
        if !self.store().replace_agent_skills(user_id, &parsed).await? {
            return Err(ServiceError::NotFound("user"));
        }
        Ok(parsed.into_iter().map(|(skill, level)| AgentSkill { skill, level }).collect())
    }

    /// Sets how a team hands out its tickets (admins); a routed team's waiting queue is handed out at once.
    pub async fn set_team_routing(&self, actor: &Actor, team_id: &str, raw: &str) -> Result<TeamQueue, ServiceError> {
        authorize(actor.user.role, Action::ManageTeams)?;
        let routing = TeamRouting::parse(raw).ok_or_else(|| {
            let names: Vec<&str> = TeamRouting::ALL.iter().map(|routing| routing.as_str()).collect();
            FieldError::new("routing_strategy", "unknown_strategy", format!("Choose one of: {}.", names.join(", ")))
        })?;
        if !self.store().set_team_routing(team_id, routing).await? {
            return Err(ServiceError::NotFound("team"));
        }
        if routing.strategy().is_some() {
            self.drain_queue(team_id).await;
        }
        self.routing_queues(actor)
            .await?
            .into_iter()
            .find(|queue| queue.team.id == team_id)
            .ok_or(ServiceError::NotFound("team"))
    }

    /// The skill requirements, in order (supervisors).
    pub async fn skill_requirements(&self, actor: &Actor) -> Result<Vec<SkillRule>, ServiceError> {
        authorize(actor.user.role, Action::UseSupervisorViews)?;
        Ok(self.store().list_skill_requirements().await?)
    }

    /// Replaces the skill requirements (admins).
    pub async fn set_skill_requirements(
        &self,
        actor: &Actor,
        rules: Vec<SkillRuleInput>,
    ) -> Result<Vec<SkillRule>, ServiceError> {
        authorize(actor.user.role, Action::ManageTeams)?;
        if rules.len() > MAX_SKILL_RULES {
            let message = format!("Give at most {MAX_SKILL_RULES} skill requirements.");
            return Err(FieldError::new("requirements", "too_many_rules", message).into());
        }
        let parsed = rules
            .iter()
            .map(|rule| {
                SkillRule::parse(rule.category.as_deref(), rule.language.as_deref(), &rule.skill, rule.min_level)
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.store().replace_skill_requirements(&parsed).await?;
        Ok(parsed)
    }
}
