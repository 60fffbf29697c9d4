//! Pure domain types and rules, shared by the server and the browser.

pub mod input;
pub mod locale;
pub mod policy;
pub mod ticket;
pub mod user;

pub use input::{Email, FieldError, Password, PersonName, TeamName};
pub use locale::Locale;
pub use policy::{authorize, is_allowed, Action};
pub use ticket::{
    CategoryPath, Channel, Priority, Stamps, Tag, TicketNumber, TicketStatus, TransitionActor, TransitionError,
};
pub use user::{ApiToken, NewApiToken, Role, Team, User};
