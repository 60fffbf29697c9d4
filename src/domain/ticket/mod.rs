//! Tickets: a conversation on any channel is a ticket. These are the rules every channel, the portal, the
//! agent workspace and the REST API share: the lifecycle, priorities, channels, numbers, tags, categories and
//! the reporting stamps.

mod category;
mod channel;
mod context;
mod created_range;
mod list_query;
mod merge;
mod number;
mod priority;
mod search;
mod split;
mod stamps;
mod status;
mod tag;
mod views;

pub use category::CategoryPath;
pub use channel::Channel;
pub use context::TicketContext;
pub use created_range::CreatedRange;
pub use list_query::{encode_query_value, TicketListQuery};
pub use merge::{check_merge, merged_tags, MergeSide};
pub use number::TicketNumber;
pub use priority::Priority;
pub use search::search_terms;
pub use split::{check_split, split_subject};
pub use stamps::{next_first_response_at, next_resolved_at, Stamps};
pub use status::{TicketStatus, TransitionActor, TransitionError};
pub use tag::Tag;
pub use views::{
    text_to_html, Attachment, Author, Message, NamedRef, Requester, Ticket, TicketCsat, TicketEvent, TicketRef,
    TicketWithMessages,
};
