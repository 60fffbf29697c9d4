//! Knowledge-base search with more matches than the store ranks by relevance (a short prefix typed into a large
//! help center): title matches still come first, then the newest articles, and the total stays exact.

use crate::common;
use crate::kb_contract::article;

use common::fixtures::user;

use chrono::Duration;
use std::sync::Arc;
use tidings::domain::kb::ArticleStatus;
use tidings::domain::{Locale, Role};
use tidings::service::now;
use tidings::store::{ArticleFilter, ArticleSearch, SearchForm, SearchWord, Store, RANKED_MATCHES_AT_MOST};

contract!(past_the_ranking_limit_title_matches_come_first_then_the_newest);

async fn past_the_ranking_limit_title_matches_come_first_then_the_newest(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let start = now() - Duration::days(30);
    let insert = |slug: String, title: String, body: String, minutes: i64| {
        let store = store.clone();
        let author = author.clone();
        async move {
            let mut record = article(&author, Locale::De, &slug, &title, &body, &[]);
            record.created_at = start + Duration::minutes(minutes);
            store.insert_article(&record).await.unwrap();
        }
    };
    // The oldest article is the only one with the word in its title.
    insert("passage-planen".into(), "Passage planen".into(), "Kurz.".into(), 0).await;
    // Bodies only: every article but the newest repeats the word, so by relevance the newest would come last.
    let bodies = RANKED_MATCHES_AT_MOST as i64;
    for n in 1..=bodies {
        let body =
            if n == bodies { "Eine passage.".to_string() } else { "passage passage passage passage".to_string() };
        insert(format!("artikel-{n}"), format!("Artikel {n}"), body, n).await;
    }

    let search = ArticleSearch {
        words: vec![SearchWord { forms: vec![SearchForm { words: vec!["pass".into()], prefix: true }] }],
        any_word: false,
        titles_only: false,
        filter: ArticleFilter {
            statuses: vec![ArticleStatus::Published],
            lang: Some(Locale::De),
            limit: 3,
            ..ArticleFilter::default()
        },
    };
    let (found, total) = store.search_articles(&search).await.unwrap();
    assert_eq!(total, RANKED_MATCHES_AT_MOST + 1, "the total is exact");
    let slugs: Vec<&str> = found.iter().map(|a| a.content.slug.as_str()).collect();
    let newest = format!("artikel-{bodies}");
    let next = format!("artikel-{}", bodies - 1);
    assert_eq!(slugs, ["passage-planen", newest.as_str(), next.as_str()]);

    let second_page = ArticleSearch { filter: ArticleFilter { offset: 3, ..search.filter.clone() }, ..search.clone() };
    let (found, _) = store.search_articles(&second_page).await.unwrap();
    assert_eq!(found[0].content.slug, format!("artikel-{}", bodies - 2), "pages continue in the same order");
}
