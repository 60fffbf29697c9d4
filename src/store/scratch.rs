//! Throwaway PostgreSQL databases for tests and benchmarks: one fresh database per run, so runs never
//! see each other's rows.

use sqlx::Connection;

use super::DbError;

/// Creates a new empty database on the server of `admin_url` and returns a URL for it.
pub async fn create_scratch_postgres_database(admin_url: &str) -> Result<String, DbError> {
    let mut url = url_without_path(admin_url);
    let name = format!("tidings_scratch_{}", uuid::Uuid::now_v7().simple());
    let mut conn = sqlx::PgConnection::connect(admin_url).await?;
    // The name is generated here from hex digits only; identifiers cannot be bound as parameters.
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await?;
    conn.close().await?;
    url.push('/');
    url.push_str(&name);
    Ok(url)
}

fn url_without_path(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let authority = rest.split(['/', '?']).next().unwrap_or(rest);
    format!("{scheme}://{authority}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_part_of_the_url_is_replaced() {
        assert_eq!(super::url_without_path("postgres://u@127.0.0.1:5433/tidings_test"), "postgres://u@127.0.0.1:5433");
        assert_eq!(super::url_without_path("postgres://h:1/db?sslmode=disable"), "postgres://h:1");
    }
}
