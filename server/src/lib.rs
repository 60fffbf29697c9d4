//! The Tidings server: HTTP (pages, server functions, REST), configuration and operations. The
//! binary in `main.rs` is a thin command line over this library, which tests use directly.

pub mod canned_forms;
pub mod channel_config;
pub mod channel_overview;
pub mod cli;
pub mod config;
pub mod csat_forms;
pub mod csrf;
pub mod customer_forms;
pub mod demo;
pub mod forms;
pub mod help_center;
pub mod identity;
pub mod ops;
pub mod rest;
pub mod rule_forms;
pub mod startup;
pub mod state;
pub mod ticket_forms;
pub mod ticket_work_forms;
pub mod uploads;
pub mod widget;
pub mod ws;
