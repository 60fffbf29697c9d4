//! Users, roles and teams as the rest of the system sees them (never with a password hash).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::locale::Locale;

/// What a person may do in Tidings. Ordered: each role can do at least what the one before it can,
/// except that the customer portal is for customers only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Customer,
    Agent,
    Supervisor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Customer, Role::Agent, Role::Supervisor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    /// Parses the wire name of a role; anything else is refused (and reported as 422 upstream).
    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }

    /// Staff are everyone who works tickets rather than files them.
    pub fn is_staff(self) -> bool {
        self >= Role::Agent
    }

    /// The area a user lands in after signing in.
    pub fn home_path(self) -> &'static str {
        match self {
            Role::Customer => "/portal",
            Role::Agent | Role::Supervisor => "/agent",
            Role::Admin => "/admin",
        }
    }
}

/// A user account as shown to clients (REST `user` object).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub locale: Locale,
    pub active: bool,
    pub team_ids: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// Staff: the most tickets plus chats routing gives them at once (default 20).
    #[serde(default = "default_max_tickets")]
    pub max_tickets: u32,
    /// Customers: a segment such as `vip` (VIP customers' tickets are routed first).
    #[serde(default)]
    pub segment: Option<String>,
}

/// The capacity a new account starts with (the column's default).
pub const DEFAULT_MAX_TICKETS: u32 = 20;

fn default_max_tickets() -> u32 {
    DEFAULT_MAX_TICKETS
}

/// A team of agents (REST `{id, name}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: String,
    pub name: String,
}

/// An API token as listed later: the secret itself is never shown again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The answer to creating a token: the only time the secret is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NewApiToken {
    pub id: String,
    pub name: String,
    pub token: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_only_their_wire_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("Admin"), None);
        assert_eq!(Role::parse("superuser"), None);
        assert_eq!(Role::parse(""), None);
    }

    #[test]
    fn each_role_lands_in_its_own_area() {
        assert_eq!(Role::Customer.home_path(), "/portal");
        assert_eq!(Role::Agent.home_path(), "/agent");
        assert_eq!(Role::Supervisor.home_path(), "/agent");
        assert_eq!(Role::Admin.home_path(), "/admin");
    }

    #[test]
    fn staff_are_agents_and_above() {
        assert!(!Role::Customer.is_staff());
        assert!(Role::Agent.is_staff() && Role::Supervisor.is_staff() && Role::Admin.is_staff());
    }
}
