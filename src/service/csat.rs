//! Customer satisfaction: the one survey a resolved ticket's customer is sent (a message with a signed, single-use
//! link), the answer given through that link, and the rating as the ticket shows it.
//!
//! The link is the only authority an answer needs, so answering takes no actor; every way a link can fail (malformed,
//! forged, expired, answered before, unknown) is the same `NotFound`, which says nothing about the ticket.

use chrono::{Duration, SubsecRound};

use super::secrets::{new_id, random_token, sha256_hex};
use super::{now, ServiceError, Services};
use crate::domain::analytics::{
    issue_csat_token, should_send_survey, survey_invitation, survey_link, verify_csat_token, CsatComment, CsatRating,
    CsatSigningKey, SurveyCandidate, SURVEY_VALID_DAYS,
};
use crate::domain::{Locale, TicketCsat};
use crate::store::{CsatSurveyRecord, DbError};

/// The name the generated signing secret is kept under (`instance_secrets`).
const CSAT_SECRET_NAME: &str = "csat_signing_key";

impl Services {
    /// Sends the ticket's survey if it is due: the ticket is resolved, not a merged duplicate and was never sent
    /// one. The survey is stored before the message goes out, and the store takes one per ticket, so two instances
    /// resolving at once still ask once.
    pub(super) async fn offer_csat_survey(&self, ticket_id: &str) -> Result<(), ServiceError> {
        let Some(ticket) = self.store().find_ticket(ticket_id).await? else { return Ok(()) };
        let candidate = SurveyCandidate {
            status: ticket.status,
            merged_duplicate: ticket.merged_into.is_some(),
            survey_already_sent: self.store().find_ticket_csat_survey(ticket_id).await?.is_some(),
        };
        if !should_send_survey(candidate) {
            return Ok(());
        }
        let sent_at = now();
        let expires_at = (sent_at + Duration::days(SURVEY_VALID_DAYS)).trunc_subsecs(0);
        let survey_id = new_id();
        let key = self.csat_signing_key().await?;
        let token = issue_csat_token(&key, &survey_id, expires_at)
            .ok_or_else(|| ServiceError::Internal(format!("survey id {survey_id} cannot be signed")))?;
        let survey = CsatSurveyRecord {
            id: survey_id,
            ticket_id: ticket.id.clone(),
            token_hash: sha256_hex(&token),
            channel: ticket.channel.as_str().to_owned(),
            sent_at,
            expires_at,
            answered_at: None,
            rating: None,
            comment: None,
        };
        match self.store().insert_csat_survey(&survey).await {
            Ok(()) => {}
            // Another instance sent it a moment ago.
            Err(DbError::Conflict(_)) => return Ok(()),
            Err(err) => return Err(err.into()),
        }
        let locale = self.store().find_user(&ticket.requester_id).await?.map_or(Locale::En, |user| user.locale);
        let link = survey_link(self.settings().public_url.as_deref(), &token);
        self.add_automatic_message(&ticket, &survey_invitation(locale, &link), false).await
    }

    /// Records a rating (1 to 5) with an optional comment through a survey link, once. A bad rating or comment is a
    /// 422 on its field, but only for a genuine link: anything wrong with the link is a 404 first.
    pub async fn answer_csat_survey(
        &self,
        token: &str,
        rating: i64,
        comment: Option<&str>,
    ) -> Result<TicketCsat, ServiceError> {
        let not_found = || ServiceError::NotFound("survey");
        let key = self.csat_signing_key().await?;
        let at = now();
        verify_csat_token(&key, token, at).map_err(|_| not_found())?;
        let rating = CsatRating::from_i64(rating)?;
        let comment = CsatComment::parse(comment)?;
        let answered = self
            .store()
            .answer_csat_survey(&sha256_hex(token), rating.value(), comment.as_ref().map(CsatComment::as_str), at)
            .await?
            .ok_or_else(not_found)?;
        self.follow_ticket_change(&answered.ticket_id).await;
        Ok(TicketCsat { rating: rating.value(), comment: comment.map(|comment| comment.as_str().to_owned()) })
    }

    /// Whether a survey link is genuine, unexpired and not yet answered: the rating page asks before it shows the
    /// form. `false` for every kind of bad link alike.
    pub async fn csat_survey_is_open(&self, token: &str) -> Result<bool, ServiceError> {
        let key = self.csat_signing_key().await?;
        let at = now();
        if verify_csat_token(&key, token, at).is_err() {
            return Ok(false);
        }
        Ok(self
            .store()
            .find_csat_survey_by_token_hash(&sha256_hex(token))
            .await?
            .is_some_and(|survey| survey.answered_at.is_none() && survey.expires_at > at))
    }

    /// The ticket's rating as its JSON shows it (`csat`), once answered.
    pub(super) async fn ticket_csat(&self, ticket_id: &str) -> Result<Option<TicketCsat>, ServiceError> {
        let Some(survey) = self.store().find_ticket_csat_survey(ticket_id).await? else { return Ok(None) };
        let Some(rating) = survey.rating else { return Ok(None) };
        let rating =
            u8::try_from(rating).map_err(|_| ServiceError::Internal(format!("survey {} rating", survey.id)))?;
        Ok(Some(TicketCsat { rating, comment: survey.comment }))
    }

    /// The configured secret, else the installation's generated one (made by the first instance that needs it).
    async fn csat_signing_key(&self) -> Result<CsatSigningKey, ServiceError> {
        let key = self
            .inner
            .csat_key
            .get_or_try_init(|| async {
                if let Some(key) = &self.settings().csat_secret {
                    return Ok(key.clone());
                }
                let candidate = random_token("");
                let stored = self.store().find_or_insert_instance_secret(CSAT_SECRET_NAME, &candidate, now()).await?;
                CsatSigningKey::new(stored.into_bytes())
                    .ok_or_else(|| ServiceError::Internal("the stored CSAT secret is too short".into()))
            })
            .await?;
        Ok(key.clone())
    }
}
