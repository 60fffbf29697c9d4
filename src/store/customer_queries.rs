//! Customer lookup in the store: customers with their ticket counts, written once over `$n` SQL for both
//! backends (see `queries.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::assembled_sql::AssembledSql;
use super::DbError;

/// A customer account with how many tickets they filed and how many of those are unfinished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerRecord {
    pub id: String,
    pub name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
    pub ticket_count: u64,
    pub open_ticket_count: u64,
}

#[async_trait]
pub trait CustomerStore: Send + Sync {
    /// One page of customers (role `customer` only), newest first, and how many match in all. With
    /// `search`, only those whose name or email contains it, ignoring case; the text is bound.
    async fn search_customers(
        &self,
        search: Option<&str>,
        limit: u32,
        offset: u64,
    ) -> Result<(Vec<CustomerRecord>, u64), DbError>;
    /// The customer with this id; `None` for unknown ids and for staff accounts.
    async fn find_customer(&self, id: &str) -> Result<Option<CustomerRecord>, DbError>;
}

/// A customer row: id, name, email, created_at, ticket count, unfinished ticket count.
pub(crate) type CustomerRow = (String, String, String, DateTime<Utc>, i64, i64);

pub(crate) fn customer_record(row: CustomerRow) -> CustomerRecord {
    let (id, name, email, created_at, tickets, open) = row;
    CustomerRecord {
        id,
        name,
        email,
        created_at,
        ticket_count: u64::try_from(tickets).unwrap_or_default(),
        open_ticket_count: u64::try_from(open).unwrap_or_default(),
    }
}

/// `FROM users u WHERE …` for customers, optionally narrowed by a search text, its values bound in order.
pub(crate) fn customers_from(search: Option<&str>, sql: &mut AssembledSql) -> String {
    use super::like::{contains_condition, contains_pattern};
    let role = sql.text(crate::domain::Role::Customer.as_str());
    let mut text = format!("FROM users u WHERE u.role = {role}");
    if let Some(needle) = search {
        let pattern = sql.text(&contains_pattern(needle));
        text.push_str(&format!(
            " AND ({} OR {})",
            contains_condition("u.name", &pattern),
            contains_condition("u.email", &pattern)
        ));
    }
    text
}

/// The columns of a [`CustomerRow`], counting tickets with correlated subqueries.
pub(crate) fn customer_columns(sql: &mut AssembledSql) -> String {
    let unfinished: Vec<String> =
        crate::domain::UNFINISHED_STATUSES.iter().map(|status| sql.text(status.as_str())).collect();
    format!(
        "u.id, u.name, u.email, u.created_at, \
         (SELECT COUNT(*) FROM tickets t WHERE t.requester_id = u.id), \
         (SELECT COUNT(*) FROM tickets t WHERE t.requester_id = u.id AND t.status IN ({}))",
        unfinished.join(", ")
    )
}

/// Implements [`CustomerStore`] for a backend struct with `reader()`.
macro_rules! impl_customer_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::CustomerStore for $store {
            async fn search_customers(
                &self,
                search: Option<&str>,
                limit: u32,
                offset: u64,
            ) -> Result<(Vec<$crate::store::CustomerRecord>, u64), $crate::store::DbError> {
                use $crate::store::assembled_sql::{bind_all, AssembledSql, BindValue};
                use $crate::store::customer_queries::{customer_columns, customer_record, customers_from, CustomerRow};
                let mut count_sql = AssembledSql::default();
                let count_text = format!("SELECT COUNT(*) {}", customers_from(search, &mut count_sql));
                let total: i64 =
                    bind_all(sqlx::query_scalar(&count_text), &count_sql.binds).fetch_one(self.reader()).await?;
                let mut page_sql = AssembledSql::default();
                let columns = customer_columns(&mut page_sql);
                let from = customers_from(search, &mut page_sql);
                let limit = page_sql.param(BindValue::Int(i64::from(limit)));
                let offset = page_sql.param(BindValue::Int(i64::try_from(offset).unwrap_or(i64::MAX)));
                let page_text = format!(
                    "SELECT {columns} {from} ORDER BY u.created_at DESC, u.id DESC LIMIT {limit} OFFSET {offset}"
                );
                let rows: Vec<CustomerRow> =
                    bind_all(sqlx::query_as(&page_text), &page_sql.binds).fetch_all(self.reader()).await?;
                Ok((rows.into_iter().map(customer_record).collect(), u64::try_from(total).unwrap_or_default()))
            }

            async fn find_customer(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::CustomerRecord>, $crate::store::DbError> {
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                use $crate::store::customer_queries::{customer_columns, customer_record, customers_from, CustomerRow};
                let mut sql = AssembledSql::default();
                let columns = customer_columns(&mut sql);
                let from = customers_from(None, &mut sql);
                let id_param = sql.text(id);
                let text = format!("SELECT {columns} {from} AND u.id = {id_param}");
                let row: Option<CustomerRow> =
                    bind_all(sqlx::query_as(&text), &sql.binds).fetch_optional(self.reader()).await?;
                Ok(row.map(customer_record))
            }
        }
    };
}

pub(crate) use impl_customer_store;
