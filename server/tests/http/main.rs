//! One test binary for the whole suite: each module was its own binary, and every one linked the whole
//! server, which cost a link and ~600 MB of disk apiece.

#[macro_use]
mod common;

mod admin_channels;
mod analytics;
mod analytics_fixture;
mod attachments;
mod auth;
mod bad_input;
mod canned_and_customers;
mod chats;
mod contacts;
mod crash_recovery;
mod csat;
mod dashboard;
mod email_imap;
mod email_in;
mod email_out;
mod help_center;
mod kb_feedback;
mod kb_search;
mod kb_workflow;
mod live;
mod live_instances;
mod pages;
mod roles;
mod routing;
mod rules;
mod rules_page;
mod rules_time;
mod sla;
mod sla_escalation;
mod sla_watcher;
mod telegram;
mod ticket_lifecycle;
mod ticket_pages;
mod ticket_queue;
mod ticket_work;
mod tickets;
mod triage;
mod weekly_report;
mod whatsapp;
mod widget_page;
mod workspace_pages;
