//! The category tree of the knowledge base: anyone reads it (with article counts for the help center), admins add
//! to it.

use super::secrets::new_id;
use super::{now, Actor, ServiceError, Services};
use crate::domain::kb::slug::{check_slug, slugify};
use crate::domain::kb::KbCategory;
use crate::domain::{authorize, Action, FieldError, Locale};
use crate::store::{DbError, KbCategoryRecord};

use super::kb_views::category_view;

/// A new category as submitted.
#[derive(Clone, Debug, Default)]
pub struct KbCategoryInput {
    pub name: String,
    pub name_de: Option<String>,
    pub slug: Option<String>,
    pub parent_id: Option<String>,
    pub position: Option<i64>,
}

const MAX_CATEGORY_NAME_CHARS: usize = 80;

impl Services {
    /// Every category named in `lang`, each with the number of published articles in `lang` directly in it.
    pub async fn list_kb_categories(&self, lang: Locale) -> Result<Vec<KbCategory>, ServiceError> {
        let counts = self.store().count_published_articles(lang).await?;
        let count_of = |id: &str| counts.iter().find(|(category, _)| category == id).map_or(0, |(_, n)| *n);
        let records = self.store().list_kb_categories().await?;
        Ok(records.iter().map(|record| category_view(record, lang, count_of(&record.id))).collect())
    }

    pub async fn create_kb_category(&self, actor: &Actor, input: KbCategoryInput) -> Result<KbCategory, ServiceError> {
        authorize(actor.user.role, Action::ManageKbCategories)?;
        let name = check_name("name", &input.name)?;
        let name_de = input.name_de.as_deref().filter(|n| !n.trim().is_empty()).map(|n| check_name("name_de", n));
        let slug = match input.slug.as_deref().filter(|slug| !slug.trim().is_empty()) {
            Some(slug) => check_slug(slug)?,
            None => slugify(&name),
        };
        if input.parent_id.is_some() {
            self.check_category(input.parent_id.as_deref()).await.map_err(|_| {
                ServiceError::Invalid(FieldError::new(
                    "parent_id",
                    "unknown_category",
                    "There is no such parent category.",
                ))
            })?;
        }
        let record = KbCategoryRecord {
            id: new_id(),
            parent_id: input.parent_id,
            slug: slug.clone(),
            name,
            name_de: name_de.transpose()?,
            position: input.position.unwrap_or(0),
            created_at: now(),
        };
        match self.store().insert_kb_category(&record).await {
            Ok(()) => Ok(category_view(&record, Locale::En, 0)),
            Err(DbError::Conflict(_)) => Err(ServiceError::Conflict {
                code: "slug_taken",
                field: Some("slug"),
                message: format!("There is already a category with the slug \"{slug}\"."),
            }),
            Err(err) => Err(err.into()),
        }
    }

    /// The ids of a category (by id or slug) and of every category below it; `None` for no category. An unknown
    /// category is 422.
    pub(super) async fn category_and_descendants(
        &self,
        category: Option<&str>,
    ) -> Result<Option<Vec<String>>, ServiceError> {
        let Some(wanted) = category.map(str::trim).filter(|c| !c.is_empty()) else { return Ok(None) };
        let all = self.store().list_kb_categories().await?;
        let root = all.iter().find(|c| c.id == wanted || c.slug == wanted).ok_or_else(|| {
            ServiceError::Invalid(FieldError::new(
                "category",
                "unknown_category",
                format!("There is no category \"{wanted}\"."),
            ))
        })?;
        let mut ids = vec![root.id.clone()];
        let mut at = 0;
        while at < ids.len() {
            let parent = ids[at].clone();
            ids.extend(all.iter().filter(|c| c.parent_id.as_deref() == Some(parent.as_str())).map(|c| c.id.clone()));
            at += 1;
        }
        Ok(Some(ids))
    }
}

fn check_name(field: &'static str, raw: &str) -> Result<String, ServiceError> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > MAX_CATEGORY_NAME_CHARS {
        return Err(ServiceError::Invalid(FieldError::new(
            field,
            "invalid_name",
            format!("A category name has 1 to {MAX_CATEGORY_NAME_CHARS} characters."),
        )));
    }
    Ok(name.to_string())
}
