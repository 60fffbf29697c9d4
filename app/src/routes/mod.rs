//! One page per file. Pages compose components; they hold no business rules.

pub mod account;
pub mod admin_channels;
pub mod admin_teams;
pub mod admin_users;
pub mod agent;
pub mod agent_canned;
pub mod agent_chats;
pub mod agent_customer;
pub mod agent_customers;
pub mod agent_queue;
pub mod agent_ticket;
pub mod help;
pub mod home;
pub mod login;
pub mod no_access;
pub mod not_found;
pub mod portal;
pub mod portal_new;
pub mod portal_ticket;
pub mod register;
