//! The store contract: every case runs against SQLite and PostgreSQL, so both backends behave alike.
//! PostgreSQL comes from TIDINGS_TEST_PG_URL (the test command starts a throwaway server); with
//! TIDINGS_REQUIRE_PG=1 (CI) a missing URL fails the run instead of skipping.

use crate::common;

use chrono::{Duration, Utc};
use std::sync::Arc;
use tidings::domain::{Locale, Role, Team};
use tidings::service::now;
use tidings::store::{ApiTokenRecord, DbError, NewUserRecord, SessionRecord, Store, UserUpdate};

contract!(
    users_round_trip_verbatim,
    emails_are_unique,
    users_list_newest_first_with_teams,
    active_staff_are_every_active_agent_supervisor_and_admin,
    partial_updates_change_only_what_is_set,
    unknown_teams_are_refused_whole,
    sessions_expire_and_end,
    deactivated_users_have_no_live_sessions,
    api_tokens_belong_to_their_owner,
    team_names_are_unique_regardless_of_case,
    concurrent_writes_all_land,
);

fn new_user(email: &str, role: Role) -> NewUserRecord {
    NewUserRecord {
        id: uuid_like(),
        email: email.to_string(),
        name: format!("User {email}"),
        role,
        locale: Locale::En,
        password_hash: "$argon2id$fake".into(),
        created_at: now(),
    }
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("id-{:08}-{}", NEXT.fetch_add(1, Ordering::Relaxed), Utc::now().timestamp_nanos_opt().unwrap_or(0))
}

fn update() -> UserUpdate {
    UserUpdate { updated_at: now(), ..UserUpdate::default() }
}

async fn users_round_trip_verbatim(store: Arc<dyn Store>) {
    let mut record = new_user("quote@example.com", Role::Agent);
    record.name = "O'Brien \"Bob\" 🚀 '; DROP TABLE users; --".into();
    record.locale = Locale::De;
    store.insert_user(&record).await.unwrap();
    let user = store.find_user(&record.id).await.unwrap().expect("found");
    assert_eq!(user.name, record.name);
    assert_eq!((user.role, user.locale, user.active), (Role::Agent, Locale::De, true));
    assert_eq!(user.created_at, record.created_at, "timestamps keep microseconds on both backends");
    let (by_email, hash) = store.find_credentials("quote@example.com").await.unwrap().expect("by email");
    assert_eq!((by_email.id, hash), (record.id.clone(), record.password_hash.clone()));
    assert!(store.find_user("nobody").await.unwrap().is_none());
    assert!(store.find_credentials("nobody@example.com").await.unwrap().is_none());
}

async fn emails_are_unique(store: Arc<dyn Store>) {
    store.insert_user(&new_user("same@example.com", Role::Customer)).await.unwrap();
    let err = store.insert_user(&new_user("same@example.com", Role::Agent)).await.unwrap_err();
    assert!(matches!(err, DbError::Conflict(_)), "{err:?}");
}

async fn users_list_newest_first_with_teams(store: Arc<dyn Store>) {
    let team = Team { id: "team-1".into(), name: "Billing".into() };
    store.insert_team(&team, now()).await.unwrap();
    let mut ids = Vec::new();
    for i in 0..5 {
        let mut record = new_user(&format!("u{i}@example.com"), Role::Agent);
        record.created_at = now() + Duration::seconds(i);
        store.insert_user(&record).await.unwrap();
        ids.push(record.id);
    }
    store.update_user(&ids[3], &UserUpdate { team_ids: Some(vec![team.id.clone()]), ..update() }).await.unwrap();
    let (page, total) = store.list_users(2, 1).await.unwrap();
    assert_eq!(total, 5);
    assert_eq!(page.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), [ids[3].as_str(), ids[2].as_str()]);
    assert_eq!(page[0].team_ids, vec![team.id.clone()]);
    assert!(page[1].team_ids.is_empty());

    let mut found = store.find_users(&[ids[3].clone(), "no-such-user".into(), ids[0].clone()]).await.unwrap();
    found.sort_by_key(|user| user.email.clone());
    assert_eq!(found.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), [ids[0].as_str(), ids[3].as_str()]);
    assert_eq!(found[1].team_ids, vec![team.id.clone()], "with their teams");
    assert!(store.find_users(&[]).await.unwrap().is_empty());
}

async fn active_staff_are_every_active_agent_supervisor_and_admin(store: Arc<dyn Store>) {
    let team = Team { id: "team-1".into(), name: "Support".into() };
    store.insert_team(&team, now()).await.unwrap();
    let mut expected = Vec::new();
    for (i, role) in [Role::Customer, Role::Agent, Role::Supervisor, Role::Admin, Role::Agent].into_iter().enumerate() {
        let record = new_user(&format!("staff{i}@example.com"), role);
        store.insert_user(&record).await.unwrap();
        if role != Role::Customer {
            expected.push(record.id);
        }
    }
    let gone = expected.pop().unwrap();
    store.update_user(&gone, &UserUpdate { active: Some(false), ..update() }).await.unwrap();
    store.update_user(&expected[0], &UserUpdate { team_ids: Some(vec![team.id.clone()]), ..update() }).await.unwrap();

    let mut staff = store.list_active_staff().await.unwrap();
    staff.sort_by_key(|user| user.email.clone());
    assert_eq!(staff.iter().map(|u| u.id.clone()).collect::<Vec<_>>(), expected, "no customer, no deactivated agent");
    assert_eq!(staff[0].team_ids, vec![team.id.clone()], "with their teams");
    assert!(staff[1].team_ids.is_empty());
}

async fn partial_updates_change_only_what_is_set(store: Arc<dyn Store>) {
    let record = new_user("partial@example.com", Role::Customer);
    store.insert_user(&record).await.unwrap();
    let changed = store
        .update_user(&record.id, &UserUpdate { role: Some(Role::Supervisor), ..update() })
        .await
        .unwrap()
        .expect("exists");
    assert_eq!((changed.role, changed.name.as_str(), changed.active), (Role::Supervisor, record.name.as_str(), true));
    let changed = store
        .update_user(&record.id, &UserUpdate { active: Some(false), password_hash: Some("new".into()), ..update() })
        .await
        .unwrap()
        .expect("exists");
    assert_eq!((changed.role, changed.active), (Role::Supervisor, false));
    assert_eq!(store.find_password_hash(&record.id).await.unwrap().as_deref(), Some("new"));
    assert!(store.update_user("missing", &update()).await.unwrap().is_none());
}

async fn unknown_teams_are_refused_whole(store: Arc<dyn Store>) {
    let team = Team { id: "team-a".into(), name: "A".into() };
    store.insert_team(&team, now()).await.unwrap();
    let record = new_user("teams@example.com", Role::Agent);
    store.insert_user(&record).await.unwrap();
    store.update_user(&record.id, &UserUpdate { team_ids: Some(vec!["team-a".into()]), ..update() }).await.unwrap();
    let err = store
        .update_user(
            &record.id,
            &UserUpdate {
                name: Some("Renamed".into()),
                team_ids: Some(vec!["team-a".into(), "ghost".into()]),
                ..update()
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, DbError::MissingReference(_)), "{err:?}");
    let user = store.find_user(&record.id).await.unwrap().unwrap();
    assert_eq!((user.name.as_str(), user.team_ids), (record.name.as_str(), vec!["team-a".to_string()]), "rolled back");
}

fn session(key: &str, user_id: &str, ttl: Duration) -> SessionRecord {
    SessionRecord {
        key_hash: key.into(),
        user_id: user_id.into(),
        created_at: now(),
        expires_at: now() + ttl,
        ip: Some("127.0.0.1".into()),
        user_agent: None,
    }
}

async fn sessions_expire_and_end(store: Arc<dyn Store>) {
    let record = new_user("sessions@example.com", Role::Agent);
    store.insert_user(&record).await.unwrap();
    for key in ["live-1", "live-2", "live-3"] {
        store.insert_session(&session(key, &record.id, Duration::hours(1))).await.unwrap();
    }
    store.insert_session(&session("stale", &record.id, Duration::seconds(-1))).await.unwrap();
    assert_eq!(store.find_session_user("live-1", now()).await.unwrap().unwrap().id, record.id);
    assert!(store.find_session_user("stale", now()).await.unwrap().is_none(), "expired");
    assert_eq!(store.delete_expired_sessions(now()).await.unwrap(), 1);
    store.delete_session("live-1").await.unwrap();
    assert!(store.find_session_user("live-1", now()).await.unwrap().is_none(), "logged out");
    assert_eq!(store.delete_user_sessions(&record.id, Some("live-2")).await.unwrap(), 1);
    assert!(store.find_session_user("live-2", now()).await.unwrap().is_some(), "kept");
    assert!(store.find_session_user("live-3", now()).await.unwrap().is_none(), "ended");
}

async fn deactivated_users_have_no_live_sessions(store: Arc<dyn Store>) {
    let record = new_user("gone@example.com", Role::Agent);
    store.insert_user(&record).await.unwrap();
    store.insert_session(&session("k", &record.id, Duration::hours(1))).await.unwrap();
    store.update_user(&record.id, &UserUpdate { active: Some(false), ..update() }).await.unwrap();
    assert!(store.find_session_user("k", now()).await.unwrap().is_none());
    assert_eq!(store.count_active_admins().await.unwrap(), 0);
}

async fn api_tokens_belong_to_their_owner(store: Arc<dyn Store>) {
    let owner = new_user("owner@example.com", Role::Agent);
    let other = new_user("other@example.com", Role::Agent);
    store.insert_user(&owner).await.unwrap();
    store.insert_user(&other).await.unwrap();
    let token = ApiTokenRecord {
        id: "tok-1".into(),
        user_id: owner.id.clone(),
        name: "CI".into(),
        token_hash: "hash-1".into(),
        created_at: now(),
    };
    store.insert_api_token(&token).await.unwrap();
    let found = store.find_token_owner("hash-1").await.unwrap().expect("owner");
    assert_eq!(
        (found.token_id.as_str(), found.user.id.as_str(), found.last_used_at),
        ("tok-1", owner.id.as_str(), None)
    );
    let used_at = now();
    store.touch_api_token("tok-1", used_at).await.unwrap();
    assert_eq!(store.list_api_tokens(&owner.id).await.unwrap()[0].last_used_at, Some(used_at));
    assert!(!store.delete_api_token(&other.id, "tok-1").await.unwrap(), "not theirs");
    assert!(store.delete_api_token(&owner.id, "tok-1").await.unwrap());
    assert!(store.find_token_owner("hash-1").await.unwrap().is_none());
}

async fn team_names_are_unique_regardless_of_case(store: Arc<dyn Store>) {
    store.insert_team(&Team { id: "t1".into(), name: "Support".into() }, now()).await.unwrap();
    store.insert_team(&Team { id: "t2".into(), name: "Billing".into() }, now()).await.unwrap();
    let err = store.insert_team(&Team { id: "t3".into(), name: "SUPPORT".into() }, now()).await.unwrap_err();
    assert!(matches!(err, DbError::Conflict(_)), "{err:?}");
    let names: Vec<String> = store.list_teams().await.unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(names, ["Billing", "Support"]);
}

async fn concurrent_writes_all_land(store: Arc<dyn Store>) {
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let record = new_user(&format!("c{i}@example.com"), Role::Customer);
                store.insert_user(&record).await?;
                store.update_user(&record.id, &UserUpdate { name: Some(format!("Renamed {i}")), ..update() }).await?;
                store.insert_session(&session(&format!("s{i}"), &record.id, Duration::hours(1))).await?;
                Ok::<_, DbError>(())
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task").expect("every concurrent write succeeds");
    }
    assert_eq!(store.list_users(100, 0).await.unwrap().1, 24);
}
