//! Who a ticket can be given to: the workspace's assignee pickers and the names on the activity timeline need
//! every active staff member, which the admin-only user list does not offer agents.

use super::{Actor, ServiceError, Services};
use crate::domain::{authorize, Action, User};

impl Services {
    /// Active agents, supervisors and admins, by name (staff only).
    pub async fn list_assignees(&self, actor: &Actor) -> Result<Vec<User>, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let mut staff = self.store().list_active_staff().await?;
        staff.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.email.cmp(&b.email)));
        Ok(staff)
    }
}
