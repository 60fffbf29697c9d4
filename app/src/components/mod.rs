//! Building blocks shared by the pages: page chrome, form pieces and the role guard.

pub mod admin_nav;
pub mod area_nav;
pub mod form_field;
pub mod header;
pub mod language_switcher;
pub mod new_user_form;
pub mod redirect_to;
pub mod role_guard;
pub mod sign_out_form;
pub mod styles;
pub mod user_row;
pub mod user_table;
