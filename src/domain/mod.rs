//! Pure domain types and rules, shared by the server and the browser.

pub mod analytics;
pub mod attachment;
pub mod brand;
pub mod canned;
pub mod channel_overview;
pub mod customer;
pub mod delivery;
pub mod input;
pub mod kb;
pub mod live;
pub mod locale;
pub mod policy;
pub mod routing;
pub mod rules;
pub mod sla;
pub mod ticket;
pub mod triage;
pub mod user;
pub mod whatsapp_template;

pub use attachment::{AcceptedFile, AttachmentPolicy, FileKind, UploadRefusal};
pub use brand::{BrandColor, BrandName, BrandSlug};
pub use canned::{
    render_placeholders, CannedBody, CannedResponse, CannedTitle, PlaceholderValues, RenderedCanned, KNOWN_PLACEHOLDERS,
};
pub use customer::{CustomerProfile, CustomerSummary, UNFINISHED_STATUSES};
pub use input::{Email, FieldError, MessageBody, Password, PersonName, Subject, TeamName};
pub use locale::Locale;
pub use policy::{authorize, is_allowed, may_see_message, may_see_ticket, Action};
pub use ticket::{
    check_merge, check_split, encode_query_value, merged_tags, split_subject, CreatedRange, MergeSide, TicketContext,
    TicketListQuery, TicketRef,
};
pub use ticket::{
    search_terms, text_to_html, Attachment, Author, CategoryPath, Channel, Message, NamedRef, Priority, Requester,
    Stamps, Tag, Ticket, TicketCsat, TicketEvent, TicketNumber, TicketStatus, TicketWithMessages, TransitionActor,
    TransitionError,
};
pub use user::{ApiToken, NewApiToken, Role, Team, User};
