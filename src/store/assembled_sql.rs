//! SQL assembled from optional parts (filters, partial updates): the text carries `$n` parameters made
//! here, the values are bound in order, so no value ever becomes SQL text.

use chrono::{DateTime, Utc};
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::{Database, Encode, Type};

/// A value to bind in SQL assembled from optional parts (filters, partial updates).
#[derive(Clone, Debug)]
pub(crate) enum BindValue {
    Text(Option<String>),
    Time(Option<DateTime<Utc>>),
    Int(i64),
}

/// SQL assembled from optional parts: the text uses `$n` parameters, `binds` holds the values in order.
#[derive(Default)]
pub(crate) struct AssembledSql {
    pub binds: Vec<BindValue>,
}

impl AssembledSql {
    /// Adds a value and returns the `$n` that stands for it.
    pub(crate) fn param(&mut self, value: BindValue) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    pub(crate) fn text(&mut self, value: &str) -> String {
        self.param(BindValue::Text(Some(value.to_string())))
    }
}

/// Binds assembled values in order to any sqlx query type of either backend.
pub(crate) trait BindValues<'q>: Sized {
    fn bind_value(self, value: &'q BindValue) -> Self;
}

pub(crate) fn bind_all<'q, Q: BindValues<'q>>(mut query: Q, binds: &'q [BindValue]) -> Q {
    for value in binds {
        query = query.bind_value(value);
    }
    query
}

/// One implementation for each sqlx query type (`Query`, `QueryAs<O>`, `QueryScalar<O>`).
macro_rules! bind_values_for {
    ($query:ident $(, $output:ident)?) => {
        impl<'q, DB: Database $(, $output)?> BindValues<'q> for $query<'q, DB, $($output,)? <DB as Database>::Arguments<'q>>
        where
            Option<String>: Encode<'q, DB> + Type<DB>,
            Option<DateTime<Utc>>: Encode<'q, DB> + Type<DB>,
            i64: Encode<'q, DB> + Type<DB>,
        {
            fn bind_value(self, value: &'q BindValue) -> Self {
                match value {
                    BindValue::Text(text) => self.bind(text.clone()),
                    BindValue::Time(at) => self.bind(*at),
                    BindValue::Int(number) => self.bind(*number),
                }
            }
        }
    };
}

bind_values_for!(Query);
bind_values_for!(QueryAs, O);
bind_values_for!(QueryScalar, O);
