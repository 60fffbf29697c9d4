//! Stored knowledge-base rows turned into what clients see.

use crate::domain::kb::{Article, ArticleSummary, ArticleTranslation, KbCategory, TocEntry};
use crate::domain::{Locale, NamedRef};
use crate::store::{ArticleRecord, KbCategoryRecord};

/// A category's name in `lang` (German falls back to the English name).
pub(super) fn category_name(record: &KbCategoryRecord, lang: Locale) -> String {
    match lang {
        Locale::De => record.name_de.clone().filter(|name| !name.is_empty()).unwrap_or_else(|| record.name.clone()),
        Locale::En => record.name.clone(),
    }
}

pub(super) fn category_view(record: &KbCategoryRecord, lang: Locale, article_count: i64) -> KbCategory {
    KbCategory {
        id: record.id.clone(),
        name: category_name(record, lang),
        slug: record.slug.clone(),
        parent_id: record.parent_id.clone(),
        position: record.position,
        article_count,
    }
}

fn article_category(record: &ArticleRecord) -> Option<NamedRef> {
    let id = record.content.category_id.clone()?;
    let english = record.category_name.clone().unwrap_or_default();
    let name = match record.lang {
        Locale::De => record.category_name_de.clone().filter(|name| !name.is_empty()).unwrap_or(english),
        Locale::En => english,
    };
    Some(NamedRef { id, name })
}

pub(super) fn summary_view(record: ArticleRecord) -> ArticleSummary {
    ArticleSummary {
        category: article_category(&record),
        id: record.id,
        slug: record.content.slug,
        lang: record.lang,
        title: record.content.title,
        excerpt: record.content.excerpt,
        tags: record.content.tags,
        status: record.status,
        version: record.version,
        views: record.views,
        helpful: record.helpful,
        not_helpful: record.not_helpful,
        updated_at: record.updated_at,
        published_at: record.published_at,
    }
}

pub(super) fn translation_view(record: &ArticleRecord) -> ArticleTranslation {
    ArticleTranslation {
        id: record.id.clone(),
        lang: record.lang,
        slug: record.content.slug.clone(),
        title: record.content.title.clone(),
        status: record.status,
    }
}

/// The whole article; `translations` are the other languages' versions the asker may see.
pub(super) fn article_view(record: ArticleRecord, translations: Vec<ArticleTranslation>) -> Article {
    let toc: Vec<TocEntry> = serde_json::from_str(&record.content.toc_json).unwrap_or_default();
    Article {
        category: article_category(&record),
        author: NamedRef { id: record.author_id, name: record.author_name },
        id: record.id,
        slug: record.content.slug,
        lang: record.lang,
        title: record.content.title,
        body_markdown: record.content.body_markdown,
        body_html: record.content.body_html,
        excerpt: record.content.excerpt,
        tags: record.content.tags,
        status: record.status,
        version: record.version,
        views: record.views,
        helpful: record.helpful,
        not_helpful: record.not_helpful,
        created_at: record.created_at,
        updated_at: record.updated_at,
        published_at: record.published_at,
        toc,
        translations,
    }
}
