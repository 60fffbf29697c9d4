//! The SQL fragments a ticket list or change is assembled from. Only fixed text and generated `$n`
//! parameters are written here; every value is bound.

use super::ticket_records::{TextSearch, TicketChanges, TicketFilter};

/// Builds `WHERE …` for a ticket filter, its values bound in order.
pub(crate) fn filter_clause(
    filter: &TicketFilter,
    backend: super::Backend,
    sql: &mut super::assembled_sql::AssembledSql,
) -> String {
    use super::assembled_sql::BindValue;
    use super::ticket_records::AssigneeFilter;
    let mut conditions = vec!["1 = 1".to_string()];
    if let Some(requester) = &filter.requester_id {
        conditions.push(format!("t.requester_id = {}", sql.text(requester)));
    }
    if !filter.statuses.is_empty() {
        // Statuses are written as literals (the enum's own fixed names, never client text) so that the planner can
        // prove a match with the partial index of unfinished tickets, which a bound parameter would hide.
        let mut list: Vec<&'static str> = filter.statuses.iter().map(|s| s.as_str()).collect();
        list.sort_unstable();
        list.dedup();
        let literals: Vec<String> = list.iter().map(|name| format!("'{name}'")).collect();
        conditions.push(format!("t.status IN ({})", literals.join(", ")));
    }
    if !filter.priorities.is_empty() {
        let list: Vec<String> = filter.priorities.iter().map(|p| sql.text(p.as_str())).collect();
        conditions.push(format!("t.priority IN ({})", list.join(", ")));
    }
    match &filter.assignee {
        None => {}
        Some(AssigneeFilter::Unassigned) => conditions.push("t.assignee_id IS NULL".into()),
        Some(AssigneeFilter::User(id)) => conditions.push(format!("t.assignee_id = {}", sql.text(id))),
    }
    if let Some(team) = &filter.team_id {
        conditions.push(format!("t.team_id = {}", sql.text(team)));
    }
    if let Some(channel) = filter.channel {
        conditions.push(format!("t.channel = {}", sql.text(channel.as_str())));
    }
    if let Some(tag) = &filter.tag {
        let param = sql.param(BindValue::Text(Some(tag.clone())));
        conditions.push(format!("EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id AND g.tag = {param})"));
    }
    if let Some(search) = filter.text.as_ref().filter(|search| !search.terms.is_empty()) {
        conditions.push(text_condition(search, backend, sql));
    }
    if let Some(category) = &filter.category {
        // The category itself, or one below it: compared with `=` on a prefix rather than LIKE, because
        // SQLite's LIKE ignores case and would let `billing` find `Billing/Refunds`.
        let exact = sql.text(category);
        let below = sql.text(&format!("{category}/"));
        conditions.push(format!("(t.category = {exact} OR substr(t.category, 1, length({below})) = {below})"));
    }
    if let Some(ticket_type) = &filter.ticket_type {
        conditions.push(format!("t.ticket_type = {}", sql.text(ticket_type)));
    }
    if let Some(from) = filter.created_from {
        conditions.push(format!("t.created_at >= {}", sql.param(BindValue::Time(Some(from)))));
    }
    if let Some(before) = filter.created_before {
        conditions.push(format!("t.created_at < {}", sql.param(BindValue::Time(Some(before)))));
    }
    if let Some(from) = filter.resolved_from {
        conditions.push(format!("t.resolved_at >= {}", sql.param(BindValue::Time(Some(from)))));
    }
    if let Some(before) = filter.resolved_before {
        conditions.push(format!("t.resolved_at < {}", sql.param(BindValue::Time(Some(before)))));
    }
    format!("WHERE {}", conditions.join(" AND "))
}

/// `SELECT COUNT(*)` for a filter that is only a search, where a backend can count without the tickets table
/// (PostgreSQL counts its per-ticket search rows; SQLite's general query is as fast), or `None`.
pub(crate) fn search_only_count(
    filter: &TicketFilter,
    backend: super::Backend,
    sql: &mut super::assembled_sql::AssembledSql,
) -> Option<String> {
    let search = filter.text.as_ref().filter(|search| !search.terms.is_empty())?;
    let only_search = *filter == TicketFilter { text: filter.text.clone(), ..TicketFilter::default() };
    if !only_search || backend != super::Backend::Postgres {
        return None;
    }
    let param = sql.text(&search.terms.join(" "));
    Some(super::postgres_search::count_matching(&param, search.include_internal))
}

/// SQLite: the FTS5 index (terms are letters and digits only, quoted so none reads as an operator).
/// PostgreSQL: one tsvector per ticket. Either way every term must occur somewhere in the ticket (subject or
/// any message; internal notes only for staff), and the words are bound, never spliced.
fn text_condition(
    search: &TextSearch,
    backend: super::Backend,
    sql: &mut super::assembled_sql::AssembledSql,
) -> String {
    match backend {
        super::Backend::Sqlite => {
            let params: Vec<String> = search.terms.iter().map(|term| sql.text(&format!("\"{term}\""))).collect();
            super::sqlite_search::matching_tickets(&params, search.include_internal)
        }
        super::Backend::Postgres => {
            let param = sql.text(&search.terms.join(" "));
            super::postgres_search::matching_tickets(&param, search.include_internal)
        }
    }
}

/// Builds `SET …` for a ticket change, its values bound in order after those already in `sql`.
pub(crate) fn set_clause(
    changes: &TicketChanges,
    updated_at: chrono::DateTime<chrono::Utc>,
    sql: &mut super::assembled_sql::AssembledSql,
) -> String {
    use super::assembled_sql::BindValue::{Text, Time};
    let mut sets = vec![format!("updated_at = {}", sql.param(Time(Some(updated_at))))];
    let mut set = |column: &str, value| sets.push(format!("{column} = {}", sql.param(value)));
    if let Some(subject) = &changes.subject {
        set("subject", Text(Some(subject.clone())));
    }
    if let Some(status) = changes.status {
        set("status", Text(Some(status.as_str().into())));
    }
    if let Some(priority) = changes.priority {
        set("priority", Text(Some(priority.as_str().into())));
    }
    if let Some(category) = &changes.category {
        set("category", Text(category.clone()));
    }
    if let Some(ticket_type) = &changes.ticket_type {
        set("ticket_type", Text(ticket_type.clone()));
    }
    if let Some(assignee) = &changes.assignee_id {
        set("assignee_id", Text(assignee.clone()));
    }
    if let Some(team) = &changes.team_id {
        set("team_id", Text(team.clone()));
    }
    if let Some(at) = changes.first_response_at {
        set("first_response_at", Time(at));
    }
    if let Some(at) = changes.resolved_at {
        set("resolved_at", Time(at));
    }
    // A change that can move an SLA clock asks the SLA watcher to look at the ticket, in the same transaction: the
    // service recomputes right after the commit, and should that fail the watcher catches up on its next round.
    let moves_sla = changes.status.is_some()
        || changes.priority.is_some()
        || changes.team_id.is_some()
        || changes.first_response_at.is_some()
        || changes.resolved_at.is_some();
    if moves_sla {
        set("sla_next_change_at", Time(Some(updated_at)));
    }
    format!("SET {}", sets.join(", "))
}
