//! Seeding over the REST API: the categories, then each English article and its German translation, published
//! at once, by `concurrency` workers.

use anyhow::{bail, Context};
use serde::Deserialize;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::corpus::{article_pair, Article};
use crate::vocab::CATEGORIES;

#[derive(Deserialize)]
struct Created {
    id: String,
    slug: String,
}

/// Creates the categories (the first half top-level, the second half one under each of them); their ids.
pub async fn create_categories(http: &reqwest::Client, base: &str, nonce: &str) -> anyhow::Result<Vec<String>> {
    let half = CATEGORIES.len() / 2;
    let mut ids: Vec<String> = Vec::with_capacity(CATEGORIES.len());
    for (i, (name, name_de)) in CATEGORIES.iter().enumerate() {
        let mut body = json!({ "name": name, "name_de": name_de, "slug": format!("{}-{nonce}", name.to_lowercase()) });
        if i >= half {
            body["parent_id"] = json!(ids[i - half]);
        }
        let response = http.post(format!("{base}/api/v1/kb/categories")).json(&body).send().await?;
        let status = response.status();
        if !status.is_success() {
            bail!("POST /api/v1/kb/categories answered {status}: {}", response.text().await.unwrap_or_default());
        }
        let created: Created = response.json().await.context("the created category")?;
        ids.push(created.id);
    }
    Ok(ids)
}

/// What seeding took.
pub struct Seeded {
    /// Articles created, both languages.
    pub created: usize,
    pub failed: usize,
    pub elapsed: Duration,
    /// Per POST, both languages.
    pub latencies: Vec<Duration>,
    /// The English slug of each article number that was created.
    pub english_slugs: Vec<String>,
}

/// Creates articles 0..`count` in English and German (the German one a translation of the English one).
pub async fn seed_articles(
    http: &reqwest::Client,
    base: &str,
    seed: u64,
    count: usize,
    concurrency: usize,
    categories: &[String],
) -> anyhow::Result<Seeded> {
    let next = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(AtomicUsize::new(0));
    let categories = Arc::new(categories.to_vec());
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (http, base) = (http.clone(), base.to_string());
        let (next, failures, categories) = (next.clone(), failures.clone(), categories.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut slugs = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= count {
                    break;
                }
                if n > 0 && n % 2000 == 0 {
                    eprintln!("kb-load: seeding article {n} of {count} ({:.0} s)", started.elapsed().as_secs_f64());
                }
                let (english, german) = article_pair(seed, n);
                let category = &categories[english.category % categories.len()];
                let sent = Instant::now();
                let original = match post(&http, &base, &english, "en", category, None).await {
                    Ok(created) => created,
                    Err(err) => {
                        if failures.fetch_add(1, Ordering::Relaxed) < 5 {
                            eprintln!("kb-load: article {n} (en) failed: {err:#}");
                        }
                        continue;
                    }
                };
                latencies.push(sent.elapsed());
                let sent = Instant::now();
                match post(&http, &base, &german, "de", category, Some(&original.id)).await {
                    Ok(_) => {
                        latencies.push(sent.elapsed());
                        slugs.push((n, original.slug, true));
                    }
                    Err(err) => {
                        if failures.fetch_add(1, Ordering::Relaxed) < 5 {
                            eprintln!("kb-load: article {n} (de) failed: {err:#}");
                        }
                        slugs.push((n, original.slug, false));
                    }
                }
            }
            (latencies, slugs)
        }));
    }
    let mut latencies = Vec::new();
    let mut slugs = Vec::new();
    for worker in workers {
        let (mut worker_latencies, mut worker_slugs) = worker.await?;
        latencies.append(&mut worker_latencies);
        slugs.append(&mut worker_slugs);
    }
    let elapsed = started.elapsed();
    slugs.sort_by_key(|(n, _, _)| *n);
    let english_slugs: Vec<String> = slugs.iter().map(|(_, en, _)| en.clone()).collect();
    let translations = slugs.iter().filter(|(_, _, translated)| *translated).count();
    Ok(Seeded {
        created: english_slugs.len() + translations,
        failed: failures.load(Ordering::Relaxed),
        elapsed,
        latencies,
        english_slugs,
    })
}

async fn post(
    http: &reqwest::Client,
    base: &str,
    article: &Article,
    lang: &str,
    category: &str,
    translation_of: Option<&str>,
) -> anyhow::Result<Created> {
    let mut body = json!({
        "lang": lang,
        "title": article.title,
        "body_markdown": article.body,
        "category_id": category,
        "tags": article.tags,
        "status": "published",
    });
    if let Some(original) = translation_of {
        body["translation_of"] = json!(original);
    }
    let response = http.post(format!("{base}/api/v1/kb/articles")).json(&body).send().await?;
    let status = response.status();
    if status != reqwest::StatusCode::CREATED {
        bail!("POST /api/v1/kb/articles answered {status}: {}", response.text().await.unwrap_or_default());
    }
    Ok(response.json().await?)
}

/// The slugs of every published English article, oldest first, read page by page from the API.
pub async fn published_english_slugs(http: &reqwest::Client, base: &str) -> anyhow::Result<Vec<String>> {
    let mut slugs = Vec::new();
    for page in 1.. {
        let answer: serde_json::Value = http
            .get(format!("{base}/api/v1/kb/articles"))
            .query(&[("lang", "en"), ("status", "published"), ("per_page", "100"), ("page", &page.to_string())])
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let items = answer["items"].as_array().cloned().unwrap_or_default();
        if items.is_empty() {
            break;
        }
        slugs.extend(items.iter().filter_map(|item| item["slug"].as_str().map(str::to_owned)));
    }
    slugs.reverse();
    Ok(slugs)
}
