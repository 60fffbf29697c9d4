//! Tidings core: what the business is, independent of pixels and HTTP.
//!
//! `domain` is pure and compiles to wasm (the browser shares these types); `store` and `service` need the
//! `server` feature and hold everything that touches the database.

#[cfg(feature = "server")]
pub mod blob;
#[cfg(feature = "server")]
pub mod channel;
pub mod domain;
#[cfg(feature = "server")]
pub mod markdown;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;
