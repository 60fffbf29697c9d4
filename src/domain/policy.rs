//! Every authorisation decision in Tidings is made here, by role and action, so REST handlers, server
//! functions and websocket subscriptions cannot drift apart. Ownership checks (a customer's own ticket)
//! come on top of this in the services.

use super::user::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read one's own account, change one's own password and language.
    ManageOwnAccount,
    /// Use the customer portal (own tickets).
    UseCustomerPortal,
    /// Use the agent workspace (inbox, tickets, customers).
    UseAgentWorkspace,
    /// Use the supervisor views (dashboards, SLA).
    UseSupervisorViews,
    /// Use the admin area.
    UseAdminArea,
    /// Create and revoke one's own API tokens.
    ManageOwnApiTokens,
    /// List every user account.
    ListUsers,
    /// Create accounts of any role, change roles, deactivate.
    ManageUsers,
    /// See the teams.
    ListTeams,
    /// Create and rename teams, change membership.
    ManageTeams,
    /// File tickets of one's own and follow them (the customer side of tickets).
    FileOwnTickets,
    /// See every ticket, answer, write internal notes, change status, priority and assignment.
    WorkTickets,
    /// Use canned responses, and write and change one's own (personal or shared).
    ManageCannedResponses,
    /// Change or delete shared canned responses that someone else wrote.
    ManageOthersSharedCannedResponses,
    /// Look customers up and see their profile with their tickets.
    LookUpCustomers,
    /// Read knowledge-base articles in every status, write drafts and send them for review.
    WriteArticles,
    /// Approve, publish, unpublish and archive articles, and change published ones.
    PublishArticles,
    /// Create and arrange the knowledge-base categories.
    ManageKbCategories,
    /// See the SLA calendars and policies (supervisors plan shifts and explain due times with them).
    ReadSlaSettings,
    /// Create, change and delete SLA calendars and policies.
    ManageSlaSettings,
    /// See the automation rules and their warnings (supervisors explain what happened to a ticket with them).
    ReadRules,
    /// Create, change, preview and delete automation rules.
    ManageRules,
}

impl Action {
    pub const ALL: [Action; 22] = [
        Action::ManageOwnAccount,
        Action::UseCustomerPortal,
        Action::UseAgentWorkspace,
        Action::UseSupervisorViews,
        Action::UseAdminArea,
        Action::ManageOwnApiTokens,
        Action::ListUsers,
        Action::ManageUsers,
        Action::ListTeams,
        Action::ManageTeams,
        Action::FileOwnTickets,
        Action::WorkTickets,
        Action::ManageCannedResponses,
        Action::ManageOthersSharedCannedResponses,
        Action::LookUpCustomers,
        Action::WriteArticles,
        Action::PublishArticles,
        Action::ManageKbCategories,
        Action::ReadSlaSettings,
        Action::ManageSlaSettings,
        Action::ReadRules,
        Action::ManageRules,
    ];
}

/// Whether `role` may perform `action`.
pub fn is_allowed(role: Role, action: Action) -> bool {
    use Action::*;
    match action {
        ManageOwnAccount => true,
        UseCustomerPortal | FileOwnTickets => role == Role::Customer,
        UseAgentWorkspace
        | ManageOwnApiTokens
        | ListTeams
        | WorkTickets
        | ManageCannedResponses
        | LookUpCustomers
        | WriteArticles => role >= Role::Agent,
        UseSupervisorViews | ManageOthersSharedCannedResponses | ReadSlaSettings | ReadRules => {
            role >= Role::Supervisor
        }
        UseAdminArea | ListUsers | ManageUsers | ManageTeams | PublishArticles | ManageKbCategories
        | ManageSlaSettings | ManageRules => role == Role::Admin,
    }
}

/// The refusal a service turns into 403.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Forbidden {
    pub role: Role,
    pub action: Action,
}

pub fn authorize(role: Role, action: Action) -> Result<(), Forbidden> {
    if is_allowed(role, action) {
        Ok(())
    } else {
        Err(Forbidden { role, action })
    }
}

/// Whether a user may see a ticket at all: staff see every ticket, a customer only those they asked. The one rule
/// behind REST, server functions and websocket subscriptions.
pub fn may_see_ticket(role: Role, user_id: &str, requester_id: &str) -> bool {
    is_allowed(role, Action::WorkTickets) || (is_allowed(role, Action::FileOwnTickets) && requester_id == user_id)
}

/// Whether a user who may see a ticket may also see one of its messages: internal notes are for staff only.
pub fn may_see_message(role: Role, internal: bool) -> bool {
    !internal || is_allowed(role, Action::WorkTickets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;

    #[test]
    fn customers_see_their_own_tickets_and_no_internal_notes() {
        assert!(may_see_ticket(Role::Customer, "c1", "c1"));
        assert!(!may_see_ticket(Role::Customer, "c2", "c1"));
        for staff in [Role::Agent, Role::Supervisor, Role::Admin] {
            assert!(may_see_ticket(staff, "a1", "c1"));
            assert!(may_see_message(staff, true));
        }
        assert!(may_see_message(Role::Customer, false));
        assert!(!may_see_message(Role::Customer, true));
    }

    /// The whole matrix, written out: (action, customer, agent, supervisor, admin).
    const MATRIX: [(Action, bool, bool, bool, bool); 22] = [
        (ManageOwnAccount, true, true, true, true),
        (UseCustomerPortal, true, false, false, false),
        (UseAgentWorkspace, false, true, true, true),
        (UseSupervisorViews, false, false, true, true),
        (UseAdminArea, false, false, false, true),
        (ManageOwnApiTokens, false, true, true, true),
        (ListUsers, false, false, false, true),
        (ManageUsers, false, false, false, true),
        (ListTeams, false, true, true, true),
        (ManageTeams, false, false, false, true),
        (FileOwnTickets, true, false, false, false),
        (WorkTickets, false, true, true, true),
        (ManageCannedResponses, false, true, true, true),
        (ManageOthersSharedCannedResponses, false, false, true, true),
        (LookUpCustomers, false, true, true, true),
        (WriteArticles, false, true, true, true),
        (PublishArticles, false, false, false, true),
        (ManageKbCategories, false, false, false, true),
        (ReadSlaSettings, false, false, true, true),
        (ManageSlaSettings, false, false, false, true),
        (ReadRules, false, false, true, true),
        (ManageRules, false, false, false, true),
    ];

    #[test]
    fn every_role_and_action_is_decided_as_the_table_says() {
        assert_eq!(MATRIX.len(), Action::ALL.len(), "every action must appear in the matrix");
        for action in Action::ALL {
            let row = MATRIX.iter().find(|row| row.0 == action).expect("action missing from matrix");
            let expected = [row.1, row.2, row.3, row.4];
            for (role, allowed) in Role::ALL.into_iter().zip(expected) {
                assert_eq!(is_allowed(role, action), allowed, "{role:?} / {action:?}");
                assert_eq!(authorize(role, action).is_ok(), allowed);
            }
        }
    }
}
