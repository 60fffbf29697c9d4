//! The embeddable support widget, browser side. A host page embeds `/widget.js` (the loader: a launcher button);
//! on first open the loader frames `/widget/frame`, a light server-rendered page with its own script and styles that
//! talks to the widget REST API (`rest::widget`) and the websocket. The frame is the one page other sites may frame.

mod assets;
mod frame;
mod frame_page;
mod texts;

use axum::routing::get;
use axum::Router;

use crate::state::AppState;

/// `/widget.js`, `/widget/frame` and the frame's script and stylesheet.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/widget.js", get(assets::loader))
        .route("/widget-frame.js", get(assets::frame_script))
        .route("/widget-frame.css", get(assets::frame_style))
        .route("/widget/frame", get(frame::frame))
}
