//! The browser's end of `/ws`: one socket per tab, opened when the first topic is wanted, resubscribed with `since`
//! after every reconnect (so nothing said while it was down is missed), and closed when no page wants a topic.
//! Only compiled for the browser.

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use tidings::domain::live::{ClientFrame, LiveEvent, ServerFrame};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, MessageEvent, WebSocket};

use crate::live::{now_ms, LiveModel, TYPING_SHOWN_MS};

/// The longest wait between reconnect attempts.
const MAX_BACKOFF_MS: u64 = 15_000;

#[derive(Default)]
struct Connection {
    socket: Option<WebSocket>,
    /// Each wanted topic and how many components want it.
    wanted: HashMap<String, usize>,
    model: Option<RwSignal<LiveModel>>,
    failures: u32,
    /// The socket's event handlers, kept alive as long as it is.
    handlers: Vec<Closure<dyn FnMut(Event)>>,
    reconnect_pending: bool,
}

thread_local! {
    static CONNECTION: RefCell<Connection> = RefCell::default();
}

/// One more component wants `topic`.
pub fn want(model: RwSignal<LiveModel>, topic: &str) {
    let first = CONNECTION.with_borrow_mut(|connection| {
        connection.model = Some(model);
        let count = connection.wanted.entry(topic.to_string()).or_default();
        *count += 1;
        *count == 1
    });
    if !first {
        return;
    }
    if is_open() {
        let since = model.with_untracked(|model| model.seqs.get(topic).copied());
        send(&ClientFrame::Subscribe { topic: topic.to_string(), since });
    } else if CONNECTION.with_borrow(|connection| connection.socket.is_none() && !connection.reconnect_pending) {
        connect();
    }
}

/// One component less wants `topic`; the last one unsubscribes.
pub fn unwant(topic: &str) {
    let last = CONNECTION.with_borrow_mut(|connection| match connection.wanted.get_mut(topic) {
        Some(count) if *count > 1 => {
            *count -= 1;
            false
        }
        Some(_) => {
            connection.wanted.remove(topic);
            true
        }
        None => false,
    });
    if last && is_open() {
        send(&ClientFrame::Unsubscribe { topic: topic.to_string() });
    }
}

/// Sends a frame if the socket is open (typing and read receipts are not worth queueing).
pub fn send(frame: &ClientFrame) {
    let Ok(text) = serde_json::to_string(frame) else { return };
    CONNECTION.with_borrow(|connection| {
        if let Some(socket) = connection.socket.as_ref().filter(|socket| socket.ready_state() == WebSocket::OPEN) {
            let _ = socket.send_with_str(&text);
        }
    });
}

fn is_open() -> bool {
    CONNECTION.with_borrow(|connection| {
        connection.socket.as_ref().is_some_and(|socket| socket.ready_state() == WebSocket::OPEN)
    })
}

fn socket_url() -> Option<String> {
    let location = window().location();
    let scheme = if location.protocol().ok()? == "https:" { "wss" } else { "ws" };
    Some(format!("{scheme}://{}/ws", location.host().ok()?))
}

fn connect() {
    let Some(url) = socket_url() else { return };
    let Ok(socket) = WebSocket::new(&url) else {
        schedule_reconnect();
        return;
    };
    let on_open = Closure::<dyn FnMut(Event)>::new(|_| on_open());
    let on_message = Closure::<dyn FnMut(Event)>::new(|event: Event| {
        if let Some(text) = event.dyn_ref::<MessageEvent>().and_then(|message| message.data().as_string()) {
            on_text(&text);
        }
    });
    let on_close = Closure::<dyn FnMut(Event)>::new(|_| on_close());
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    CONNECTION.with_borrow_mut(|connection| {
        connection.socket = Some(socket);
        connection.handlers = vec![on_open, on_message, on_close];
    });
}

fn on_open() {
    let (topics, model) = CONNECTION.with_borrow_mut(|connection| {
        connection.failures = 0;
        (connection.wanted.keys().cloned().collect::<Vec<_>>(), connection.model)
    });
    let Some(model) = model else { return };
    model.update(|model| model.set_connected(true));
    for topic in topics {
        let since = model.with_untracked(|model| model.seqs.get(&topic).copied());
        send(&ClientFrame::Subscribe { topic, since });
    }
}

fn on_text(text: &str) {
    let Ok(frame) = serde_json::from_str::<ServerFrame>(text) else { return };
    let Some(model) = CONNECTION.with_borrow(|connection| connection.model) else { return };
    let typing = matches!(&frame, ServerFrame::Event { event: LiveEvent::Typing { .. }, .. });
    model.update(|model| model.apply(frame, now_ms()));
    if typing {
        // Take the notice down once it runs out, unless a newer typing frame extended it.
        set_timeout(
            move || {
                let now = now_ms();
                model.maybe_update(|model| model.expire_typing(now));
            },
            Duration::from_millis(TYPING_SHOWN_MS as u64 + 100),
        );
    }
}

fn on_close() {
    let model = CONNECTION.with_borrow_mut(|connection| {
        connection.socket = None;
        connection.model
    });
    if let Some(model) = model {
        model.update(|model| model.set_connected(false));
    }
    schedule_reconnect();
}

/// Tries again after a growing pause (1 s, 2 s, 4 s … 15 s), as long as some page still wants a topic.
fn schedule_reconnect() {
    let delay = CONNECTION.with_borrow_mut(|connection| {
        if connection.wanted.is_empty() || connection.reconnect_pending {
            return None;
        }
        connection.reconnect_pending = true;
        connection.failures += 1;
        Some((1_000u64 << connection.failures.min(4).saturating_sub(1)).min(MAX_BACKOFF_MS))
    });
    let Some(delay) = delay else { return };
    set_timeout(
        || {
            CONNECTION.with_borrow_mut(|connection| connection.reconnect_pending = false);
            if CONNECTION.with_borrow(|connection| connection.socket.is_none() && !connection.wanted.is_empty()) {
                connect();
            }
        },
        Duration::from_millis(delay),
    );
}
