//! An article's way to the public: draft -> in review -> published -> archived. Agents (and supervisors) write drafts
//! and send them for review; only admins approve and publish, unpublish, archive and bring an article back.

use serde::{Deserialize, Serialize};

use crate::domain::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    InReview,
    Published,
    Archived,
}

impl ArticleStatus {
    pub const ALL: [ArticleStatus; 4] =
        [ArticleStatus::Draft, ArticleStatus::InReview, ArticleStatus::Published, ArticleStatus::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::InReview => "in_review",
            ArticleStatus::Published => "published",
            ArticleStatus::Archived => "archived",
        }
    }

    pub fn parse(raw: &str) -> Option<ArticleStatus> {
        ArticleStatus::ALL.into_iter().find(|status| status.as_str() == raw.trim())
    }

    /// Whether visitors and customers see articles in this status (help center, widget, REST, sitemap).
    pub fn is_public(self) -> bool {
        self == ArticleStatus::Published
    }

    /// Whether an agent who is not an admin may still change the content (a published or archived article is
    /// changed by admins only, so nothing goes public unreviewed).
    pub fn agents_may_edit(self) -> bool {
        matches!(self, ArticleStatus::Draft | ArticleStatus::InReview)
    }
}

/// Why a status change was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkflowError {
    /// The role may not make this change (403).
    NotAllowed,
    /// No such step in the workflow, or the article is there already (422).
    NoSuchStep,
}

/// Whether `role` may move an article from `from` to `to`.
pub fn check_status_change(role: Role, from: ArticleStatus, to: ArticleStatus) -> Result<(), WorkflowError> {
    use ArticleStatus::*;
    if role < Role::Agent {
        return Err(WorkflowError::NotAllowed);
    }
    let step_exists = matches!(
        (from, to),
        (Draft, InReview | Published | Archived)
            | (InReview, Draft | Published | Archived)
            | (Published, Draft | Archived)
            | (Archived, Draft | Published)
    );
    if !step_exists {
        return Err(WorkflowError::NoSuchStep);
    }
    let writers_step = matches!((from, to), (Draft, InReview) | (InReview, Draft));
    if writers_step || role == Role::Admin {
        Ok(())
    } else {
        Err(WorkflowError::NotAllowed)
    }
}

#[cfg(test)]
mod tests {
    use super::ArticleStatus::*;
    use super::*;

    #[test]
    fn agents_only_send_for_review_and_take_back() {
        assert_eq!(check_status_change(Role::Agent, Draft, InReview), Ok(()));
        assert_eq!(check_status_change(Role::Supervisor, InReview, Draft), Ok(()));
        for to in [Published, Archived] {
            assert_eq!(check_status_change(Role::Agent, InReview, to), Err(WorkflowError::NotAllowed));
            assert_eq!(check_status_change(Role::Supervisor, Draft, to), Err(WorkflowError::NotAllowed));
        }
        assert_eq!(check_status_change(Role::Agent, Published, Draft), Err(WorkflowError::NotAllowed));
    }

    #[test]
    fn customers_change_nothing() {
        for from in ArticleStatus::ALL {
            for to in ArticleStatus::ALL {
                assert!(check_status_change(Role::Customer, from, to).is_err());
            }
        }
    }

    #[test]
    fn admins_publish_unpublish_archive_and_restore() {
        for (from, to) in [
            (Draft, Published),
            (InReview, Published),
            (Published, Draft),
            (Published, Archived),
            (Archived, Published),
            (Archived, Draft),
        ] {
            assert_eq!(check_status_change(Role::Admin, from, to), Ok(()), "{from:?} -> {to:?}");
        }
    }

    #[test]
    fn staying_put_or_skipping_back_into_review_is_no_step() {
        for status in ArticleStatus::ALL {
            assert_eq!(check_status_change(Role::Admin, status, status), Err(WorkflowError::NoSuchStep));
        }
        assert_eq!(check_status_change(Role::Admin, Published, InReview), Err(WorkflowError::NoSuchStep));
        assert_eq!(check_status_change(Role::Admin, Archived, InReview), Err(WorkflowError::NoSuchStep));
    }

    #[test]
    fn only_published_articles_are_public_and_only_unpublished_ones_are_agent_editable() {
        let public: Vec<_> = ArticleStatus::ALL.into_iter().filter(|s| s.is_public()).collect();
        assert_eq!(public, [Published]);
        assert!(Draft.agents_may_edit() && InReview.agents_may_edit());
        assert!(!Published.agents_may_edit() && !Archived.agents_may_edit());
        for status in ArticleStatus::ALL {
            assert_eq!(ArticleStatus::parse(status.as_str()), Some(status));
        }
    }
}
