//! The `/admin/rules` page as a browser without JavaScript uses it, on SQLite and PostgreSQL: rendered on the
//! server for admins with each rule and the warning of a disabled one, read-only for supervisors, 403 for agents;
//! the plain form posts create, refuse (the 422 shown next to the field, with its path), edit and delete rules, and
//! the preview (the form sent by GET) lists the open tickets a draft would match.

use crate::common;

use common::pages::{location, page, post_urlencoded as post};
use common::tickets::{body_json, get, id_of, sign_in, staff_ticket};
use common::TestApp;
use serde_json::json;

on_both_backends!(
    the_page_lists_rules_with_their_warnings_for_admins_only,
    rules_are_created_refused_previewed_edited_and_deleted_without_javascript,
);

/// A rule typed into the page's form.
fn rule_form<'a>(name: &'a str, conditions: &'a str, actions: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("trigger", "ticket_created"),
        ("since", "status_changed_at"),
        ("after", ""),
        ("after_unit", "days"),
        ("enabled", "on"),
        ("position", ""),
        ("conditions", conditions),
        ("actions", actions),
    ]
}

async fn the_page_lists_rules_with_their_warnings_for_admins_only(app: TestApp) {
    let admin = app.admin().await;
    let (_, leaver) = sign_in(&app, &admin, "leaver@example.com", "agent").await;
    let (agent, _) = sign_in(&app, &admin, "stayer@example.com", "agent").await;
    let (supervisor, _) = sign_in(&app, &admin, "sup@example.com", "supervisor").await;
    let agent_id = id_of(&leaver);
    let rule = json!({"name": "To the leaver", "trigger": {"type": "ticket_created"},
                      "actions": [{"type": "assign_agent", "agent_id": agent_id}]});
    let response = admin.post(app.url("/api/v1/rules")).json(&rule).send().await.unwrap();
    assert_eq!(response.status(), 201);
    let rule_id = id_of(&body_json(response).await);
    let response = admin
        .patch(app.url(&format!("/api/v1/users/{agent_id}")))
        .json(&json!({"active": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let (status, html) = page(&app, &admin, "/admin/rules").await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!(r#"data-rule="{rule_id}""#)) && html.contains("To the leaver"),
        "the rule is listed"
    );
    assert!(html.contains("data-rule-warning") && html.contains("Disabled by Tidings:"), "the warning is visible");
    assert!(
        html.contains(&format!("actions[0].agent_id: there is no active agent “{agent_id}” any more.")),
        "the warning says what is gone"
    );
    assert!(html.contains(r#"href="/admin/rules""#), "the admin navigation links the page");
    assert!(html.contains(r#"id="rule-form""#) && html.contains(r#"for="rule-conditions""#), "admins get the form");

    let (status, html) = page(&app, &supervisor, "/admin/rules").await;
    assert_eq!(status, 200, "supervisors may read the rules");
    assert!(html.contains("To the leaver") && html.contains(r#"id="rules-read-only""#));
    assert!(!html.contains(r#"id="rule-form""#), "but not change them");

    assert_eq!(agent.get(app.url("/admin/rules")).send().await.unwrap().status(), 403);
    let visitor = app.browser().get(app.url("/admin/rules")).send().await.unwrap();
    assert!(location(&visitor).starts_with("/login"), "visitors are sent to sign in");
    let fields = rule_form("Agent's", "", r#"[{"type": "add_tag", "tag": "x"}]"#);
    let forged = post(&app, &agent, "/admin/rules", &fields).await;
    assert!(location(&forged).contains("error=forbidden"), "agents cannot post rules either");
}

async fn rules_are_created_refused_previewed_edited_and_deleted_without_javascript(app: TestApp) {
    let admin = app.admin().await;
    sign_in(&app, &admin, "vip@example.com", "customer").await;
    let urgent = id_of(&staff_ticket(&app, &admin, "vip@example.com", "Down", json!({"priority": "urgent"})).await);
    let low = id_of(&staff_ticket(&app, &admin, "vip@example.com", "Question", json!({"priority": "low"})).await);
    let hot = r#"{"all": [{"field": "priority", "op": "is", "value": "urgent"}]}"#;
    let tag = r#"[{"type": "add_tag", "tag": "hot"}]"#;

    let created = post(&app, &admin, "/admin/rules", &rule_form("Hot tickets", hot, tag)).await;
    assert_eq!((created.status().as_u16(), location(&created).as_str()), (303, "/admin/rules?notice=rule_created"));
    let (_, html) = page(&app, &admin, "/admin/rules?notice=rule_created").await;
    assert!(html.contains("Hot tickets") && html.contains("Rule created."));
    let rules = body_json(get(&app, &admin, "/api/v1/rules").await).await;
    let saved = rules["items"].as_array().unwrap().iter().find(|rule| rule["name"] == "Hot tickets").unwrap().clone();
    assert_eq!(saved["conditions"], serde_json::from_str::<serde_json::Value>(hot).unwrap());

    let impossible = r#"{"all": [{"field": "priority", "op": "is", "value": "high"},
                                 {"field": "priority", "op": "is", "value": "low"}]}"#;
    let refused = post(&app, &admin, "/admin/rules", &rule_form("Never", impossible, tag)).await;
    let back = location(&refused);
    assert!(back.starts_with("/admin/rules?error=impossible_conditions&field=conditions"), "{back}");
    let (status, html) = page(&app, &admin, &back).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"id="rule-conditions-error""#), "the 422 is shown next to the conditions");
    assert!(html.contains("These conditions can never all be true."));
    assert!(html.contains(r#"aria-invalid="true""#) && html.contains(r#"value="Never""#), "what was typed is kept");

    let not_json = post(&app, &admin, "/admin/rules", &rule_form("Broken", hot, "[{")).await;
    let back = location(&not_json);
    assert!(back.starts_with("/admin/rules?error=invalid_json&field=actions"), "{back}");
    let (_, html) = page(&app, &admin, &back).await;
    assert!(html.contains(r#"id="rule-actions-error""#) && html.contains("This is not valid JSON."));

    let mut preview = rule_form("Hot tickets", hot, tag);
    preview.push(("preview", "1"));
    let query = query_of(&preview);
    let (status, html) = page(&app, &admin, &format!("/admin/rules?{query}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"id="rule-preview-result""#), "the preview is shown");
    assert!(html.contains(&format!(r#"href="/agent/tickets/{urgent}""#)), "with a link to the matching ticket");
    assert!(!html.contains(&format!(r#"href="/agent/tickets/{low}""#)), "and not the low one");

    let id = id_of(&saved);
    let (_, html) = page(&app, &admin, &format!("/admin/rules?edit={id}")).await;
    assert!(html.contains(&format!(r#"action="/admin/rules/{id}""#)) && html.contains(r#"value="Hot tickets""#));
    let edited = post(&app, &admin, &format!("/admin/rules/{id}"), &rule_form("Urgent tickets", hot, tag)).await;
    assert_eq!(location(&edited), "/admin/rules?notice=rule_saved");
    let (_, html) = page(&app, &admin, &format!("/admin/rules?delete={id}")).await;
    assert!(html.contains(r#"id="rule-delete-confirm""#) && html.contains("Urgent tickets"), "deleting asks first");
    let deleted = post(&app, &admin, &format!("/admin/rules/{id}/delete"), &[]).await;
    assert_eq!(location(&deleted), "/admin/rules?notice=rule_deleted");
    let (_, html) = page(&app, &admin, "/admin/rules").await;
    assert!(!html.contains("Urgent tickets"), "deleted rules are gone");
}

/// The pairs as a query string.
fn query_of(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}
