//! The store contract suite as one test binary (each file used to be its own binary, each linking the store).

#[macro_use]
mod common;

mod analytics_contract;
mod attachment_store_contract;
mod canned_contract;
mod contact_contract;
mod delivery_contract;
mod import_contract;
mod kb_contract;
mod kb_search_contract;
mod kb_search_scale_contract;
mod live_store_contract;
mod routing_contract;
mod rule_contract;
mod sla_contract;
mod store_contract;
mod ticket_queue_contract;
mod ticket_store_contract;
mod ticket_work_contract;
mod triage_contract;
