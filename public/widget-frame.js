/*! Tidings support widget: the script of the frame page (/widget/frame). It talks to the widget REST API
 * (/api/v1/widget/...) with the visitor's token and to /ws for live chat. All texts come from the page (data-texts),
 * all markup is built with textContent, never innerHTML. */
(function () {
  'use strict';
  var data = document.body.dataset;
  if (!data.texts) return; // the "unknown brand" page has nothing to drive
  var T = JSON.parse(data.texts);
  var brand = data.brand;
  var lang = data.lang;
  var embedded = window.parent !== window;
  var $ = function (id) { return document.getElementById(id); };

  // ---- what survives a page load: the visitor's token and open conversation, per brand. Kept in this frame's
  // localStorage; a browser that blocks storage in third-party frames still allows a partitioned cookie (CHIPS, https
  // only), scoped to /widget so no API call carries it; failing both, it lasts this page load.
  var storageKey = 'tidings-widget:' + brand;
  var cookieName = 'tidings_widget_' + brand;
  function readState() {
    try { return JSON.parse(localStorage.getItem(storageKey)) || {}; } catch (e) { /* blocked: try the cookie */ }
    try {
      var cookie = document.cookie.split('; ').find(function (pair) { return pair.indexOf(cookieName + '=') === 0; });
      return cookie ? JSON.parse(decodeURIComponent(cookie.slice(cookieName.length + 1))) : {};
    } catch (e) { return {}; }
  }
  var state = readState();
  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (e) {
      try {
        document.cookie = cookieName + '=' + encodeURIComponent(JSON.stringify(state)) +
          '; Path=/widget; Max-Age=2592000; Secure; SameSite=None; Partitioned';
      } catch (ignored) { /* this page load only */ }
    }
  }

  // ---- the host page (loader): only {type} messages, nothing private, so a best-effort target origin is enough --
  var parentOrigin = '*';
  try {
    parentOrigin = (location.ancestorOrigins && location.ancestorOrigins[0]) ||
      (document.referrer ? new URL(document.referrer).origin : '*');
  } catch (e) { parentOrigin = '*'; }
  var visible = !embedded;
  function tellParent(message) {
    if (embedded) window.parent.postMessage(message, parentOrigin);
  }
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || !event.data) return;
    if (event.data.type === 'tidings:shown') {
      visible = true;
      var tab = activeTab();
      if (tab) tab.focus();
      markRead();
    } else if (event.data.type === 'tidings:hidden') {
      visible = false;
    }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') tellParent({ type: 'tidings:close' });
  });
  if (embedded) $('widget-close').addEventListener('click', function () { tellParent({ type: 'tidings:close' }); });
  else $('widget-close').hidden = true;

  // ---- helpers ---------------------------------------------------------------------------------------------------
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function failure(status, error) {
    var err = new Error((error && error.message) || 'request failed');
    err.status = status;
    err.code = (error && error.code) || (status ? 'internal' : 'network');
    err.field = error && error.field;
    return err;
  }
  async function api(method, path, payload, token) {
    var headers = { Accept: 'application/json', 'X-Tidings-Brand': brand };
    if (payload) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = 'Bearer ' + token;
    var response;
    try {
      response = await fetch('/api/v1' + path, {
        method: method, headers: headers, credentials: 'omit', body: payload ? JSON.stringify(payload) : undefined,
      });
    } catch (e) { throw failure(0, null); }
    var json = await response.json().catch(function () { return null; });
    if (!response.ok) throw failure(response.status, json && json.error);
    return json;
  }
  function errorText(err) { return T.errors[err.code] || err.message || T.errors.internal; }
  function sessionGone(err) { return err.status === 401 || err.code === 'wrong_brand'; }
  async function startSession(name, email) {
    var body = { brand: brand, name: name || null, email: email || null, locale: lang };
    return (await api('POST', '/widget/sessions', body)).token;
  }
  function forgetSession() {
    state = {};
    save();
  }
  function context() {
    var shared = {
      page_url: data.page, page_title: data.pageTitle, browser: data.browser, os: data.os,
      language: navigator.language, screen: screen.width + 'x' + screen.height,
    };
    try { shared.time_zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { /* not shared */ }
    Object.keys(shared).forEach(function (key) { if (!shared[key]) delete shared[key]; });
    return shared;
  }
  function firstLine(text) {
    var line = (text.split('\n').find(function (part) { return part.trim(); }) || '').trim();
    return line.length > 80 ? line.slice(0, 80) + '…' : line;
  }

  // ---- tabs (WAI-ARIA tabs with automatic activation) ------------------------------------------------------------
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  function activeTab() {
    return tabs.find(function (tab) { return tab.getAttribute('aria-selected') === 'true'; });
  }
  function selectTab(tab, focus) {
    tabs.forEach(function (other) {
      var selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(other.getAttribute('aria-controls')).hidden = !selected;
    });
    if (focus) tab.focus();
    if (tab.id === 'tab-faq') loadFaqOnce();
    if (tab.id === 'tab-chat') refreshAvailability();
  }
  tabs.forEach(function (tab) { tab.addEventListener('click', function () { selectTab(tab, false); }); });
  $('widget-tabs').addEventListener('keydown', function (event) {
    var index = tabs.indexOf(document.activeElement);
    var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (index < 0 || next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], true);
  });

  // ---- FAQ: the help center's published articles in the visitor's language, searched as they type --------------
  var faqLoaded = false;
  var faqEmptyText = $('faq-empty').textContent;
  var faqAsked = 0;
  var faqTimer = null;
  function loadFaqOnce() {
    if (faqLoaded) return;
    faqLoaded = true;
    searchFaq('');
  }
  async function searchFaq(query) {
    var asked = ++faqAsked;
    var items = [];
    try {
      var path = '/kb/articles?per_page=8&lang=' + lang + (query ? '&q=' + encodeURIComponent(query) : '');
      var page = await api('GET', path);
      items = page && Array.isArray(page.items) ? page.items : [];
    } catch (e) { items = []; }
    if (asked !== faqAsked) return; // a newer search has been sent meanwhile
    var list = $('faq-results');
    list.replaceChildren.apply(list, items.map(function (article) {
      var details = el('details');
      var link = el('a', T.faq_read);
      link.href = '/help/' + encodeURIComponent(article.lang) + '/articles/' + encodeURIComponent(article.slug);
      link.target = '_blank';
      link.rel = 'noopener';
      var more = el('p');
      more.append(link);
      details.append(el('summary', article.title || ''), el('p', article.excerpt || ''), more);
      var item = el('li');
      item.dataset.slug = article.slug;
      item.append(details);
      return item;
    }));
    list.hidden = items.length === 0;
    $('faq-empty').hidden = items.length > 0;
    $('faq-empty').textContent = query ? T.faq_none : faqEmptyText;
  }
  $('faq-form').addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(faqTimer);
    searchFaq($('faq-query').value.trim());
  });
  $('faq-query').addEventListener('input', function () {
    clearTimeout(faqTimer);
    faqTimer = setTimeout(function () { searchFaq($('faq-query').value.trim()); }, 250);
  });

  // ---- forms: the ticket form and the chat's offline form both file a ticket ----------------------------------
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  var FIELD_OF = { body: 'message' };
  function clearErrors(prefix) {
    var form = $(prefix + '-form');
    form.querySelectorAll('.error').forEach(function (line) { line.hidden = true; line.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (input) { input.removeAttribute('aria-invalid'); });
  }
  // Shows the error next to its field when the form has that field, else under the form; returns the field.
  function showError(prefix, field, text) {
    var input = field ? $(prefix + '-' + field) : null;
    var line = input ? $(prefix + '-' + field + '-error') : $(prefix + '-error');
    line.textContent = text;
    line.hidden = false;
    if (input) input.setAttribute('aria-invalid', 'true');
    return input;
  }
  function checkRequired(prefix, values, required) {
    var first = null;
    required.forEach(function (name) {
      var code = !values[name] ? 'required' : name === 'email' && !EMAIL.test(values[name]) ? 'invalid_email' : null;
      if (!code) return;
      showError(prefix, name, T.errors[code]);
      first = first || $(prefix + '-' + name);
    });
    return first;
  }
  async function identifiedToken(name, email) {
    if (state.token && state.email === email && (state.name || '') === name) return state.token;
    var token = await startSession(name, email);
    // An open chat keeps its own session; otherwise this visitor is now known by name and email.
    if (!state.conversation) {
      state = { token: token, name: name, email: email };
      save();
    }
    return token;
  }
  async function fileTicket(values, subject) {
    var token = await identifiedToken(values.name, values.email);
    return api('POST', '/widget/tickets', { subject: subject, body: values.message, context: context() }, token);
  }
  function handleTicketForm(prefix, required, subjectOf) {
    var form = $(prefix + '-form');
    var submit = $(prefix + '-submit');
    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      if (submit.disabled) return;
      clearErrors(prefix);
      var values = {};
      form.querySelectorAll('input, textarea').forEach(function (input) { values[input.name] = input.value.trim(); });
      var invalid = checkRequired(prefix, values, required);
      if (invalid) {
        invalid.focus();
        return;
      }
      var label = submit.textContent;
      submit.disabled = true;
      submit.textContent = T.sending;
      try {
        var ticket;
        try {
          ticket = await fileTicket(values, subjectOf(values));
        } catch (err) {
          if (!sessionGone(err)) throw err;
          forgetSession();
          ticket = await fileTicket(values, subjectOf(values));
        }
        prefillIdentity();
        form.hidden = true;
        $(prefix + '-done-text').textContent = T.ticket_done.replace('{number}', ticket.number);
        $(prefix + '-done').hidden = false;
        $(prefix + '-done').focus();
      } catch (err) {
        var field = err.status === 422 ? FIELD_OF[err.field] || err.field : null;
        var input = showError(prefix, field && $(prefix + '-' + field) ? field : null, errorText(err));
        if (input) input.focus();
      } finally {
        submit.disabled = false;
        submit.textContent = label;
      }
    });
  }
  handleTicketForm('ticket', ['email', 'subject', 'message'], function (values) { return values.subject; });
  handleTicketForm('offline', ['email', 'message'], function (values) {
    return firstLine(values.message) || T.offline_subject;
  });
  $('ticket-again').addEventListener('click', function () {
    $('ticket-form').reset();
    prefillIdentity();
    $('ticket-form').hidden = false;
    $('ticket-done').hidden = true;
    $('ticket-subject').focus();
  });
  function prefillIdentity() {
    ['ticket', 'offline'].forEach(function (prefix) {
      if (state.name) $(prefix + '-name').value = state.name;
      if (state.email) $(prefix + '-email').value = state.email;
    });
  }

  // ---- chat -----------------------------------------------------------------------------------------------------
  var chat = { socket: null, retries: 0, retryTimer: 0, typingTimer: 0, lastTyping: 0, seen: {}, ticket: null };
  var chatAvailable = data.chatAvailable === 'true';
  var log = $('chat-log');
  var intro = $('chat-empty');
  var input = $('chat-input');

  function showChatMode() {
    var live = Boolean(state.conversation) || chatAvailable;
    $('chat-live').hidden = !live;
    $('chat-offline').hidden = live;
  }
  async function refreshAvailability() {
    if (state.conversation) return;
    try {
      chatAvailable = (await api('GET', '/widget/brands/' + encodeURIComponent(brand))).chat_available;
    } catch (e) { /* keep what the page said */ }
    showChatMode();
  }
  function ended() {
    return Boolean(chat.ticket) && (chat.ticket.status === 'resolved' || chat.ticket.status === 'closed');
  }
  function showStatus(ticket) {
    if (ticket) chat.ticket = ticket;
    if (!chat.ticket) return;
    var assignee = chat.ticket.assignee;
    $('chat-status').textContent = ended() ? T.ended : assignee ? T.joined.replace('{name}', assignee.name) : T.waiting;
  }
  function addMessage(message, quiet) {
    if (!message || message.internal || chat.seen[message.id]) return;
    chat.seen[message.id] = true;
    if (intro.parentNode) intro.remove();
    var mine = Boolean(message.author) && message.author.role === 'customer';
    var item = el('div', undefined, 'message ' + (mine ? 'mine' : 'theirs'));
    item.append(el('span', mine ? T.you : (message.author && message.author.name) || T.support, 'author'),
      el('p', message.body));
    log.append(item);
    log.scrollTop = log.scrollHeight;
    if (mine) return;
    chat.lastTheirs = message.id;
    hideTyping();
    if (visible) markRead();
    else if (!quiet) tellParent({ type: 'tidings:unread' });
  }
  function showTyping() {
    $('chat-typing').hidden = false;
    clearTimeout(chat.typingTimer);
    chat.typingTimer = setTimeout(hideTyping, 6000);
  }
  function hideTyping() {
    clearTimeout(chat.typingTimer);
    $('chat-typing').hidden = true;
  }
  function socketOpen() { return Boolean(chat.socket) && chat.socket.readyState === WebSocket.OPEN; }
  function send(frame) {
    if (!socketOpen()) return false;
    chat.socket.send(JSON.stringify(frame));
    return true;
  }
  function markRead() {
    if (!chat.lastTheirs || chat.lastTheirs === chat.lastRead || !state.conversation) return;
    var read = { type: 'read', ticket_id: state.conversation, message_id: chat.lastTheirs };
    if (send(read)) chat.lastRead = chat.lastTheirs;
  }
  function closeSocket() {
    var socket = chat.socket;
    chat.socket = null;
    clearTimeout(chat.retryTimer);
    if (socket) socket.close();
  }
  function forgetConversation() {
    closeSocket();
    delete state.conversation;
    delete state.seq;
    save();
    chat.ticket = null;
    chat.seen = {};
    log.replaceChildren(intro);
    $('chat-status').textContent = '';
    showChatMode();
  }
  function connect() {
    clearTimeout(chat.retryTimer);
    if (!state.token || !state.conversation || chat.socket) return;
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + location.host + '/ws?token=' + encodeURIComponent(state.token) +
      '&brand=' + encodeURIComponent(brand));
    chat.socket = socket;
    socket.onopen = function () {
      chat.retries = 0;
      var since = typeof state.seq === 'number' ? state.seq : null;
      socket.send(JSON.stringify({ type: 'subscribe', topic: 'ticket:' + state.conversation, since: since }));
    };
    socket.onmessage = function (event) {
      try { handleFrame(JSON.parse(event.data)); } catch (e) { /* not a frame of ours */ }
    };
    socket.onclose = function () {
      if (chat.socket !== socket) return;
      chat.socket = null;
      if (!state.conversation) return;
      $('chat-status').textContent = T.reconnecting;
      // Exponential backoff with jitter, so a restarted server is not met by every visitor at once.
      var delay = Math.min(30000, 1000 * Math.pow(2, chat.retries++)) * (0.5 + Math.random() / 2);
      chat.retryTimer = setTimeout(connect, delay);
    };
  }
  function handleFrame(frame) {
    if (frame.topic && frame.topic !== 'ticket:' + state.conversation) return;
    if (frame.type === 'event') {
      if (typeof frame.seq === 'number' && (typeof state.seq !== 'number' || frame.seq > state.seq)) {
        state.seq = frame.seq;
        save();
      }
      var event = frame.event || {};
      if (event.kind === 'message_created') {
        addMessage(event.message, false);
        showStatus(event.ticket);
      } else if (event.kind === 'ticket_updated' || event.kind === 'ticket_created') {
        showStatus(event.ticket);
      } else if (event.kind === 'typing' && event.user && event.user.role !== 'customer') {
        showTyping();
      }
    } else if (frame.type === 'subscribed') {
      // Subscribing without `since` could miss what happened just before: load the thread after subscribing.
      var fresh = typeof state.seq !== 'number';
      state.seq = Math.max(state.seq || 0, frame.seq);
      save();
      if (fresh) reloadConversation(); else showStatus(null);
      markRead();
    } else if (frame.type === 'resync') {
      state.seq = frame.seq;
      save();
      reloadConversation();
    } else if (frame.type === 'error' && frame.code === 'not_found' && frame.topic) {
      forgetConversation();
    }
  }
  async function reloadConversation() {
    if (!state.conversation) return;
    try {
      var path = '/widget/conversations/' + encodeURIComponent(state.conversation);
      var ticket = await api('GET', path, null, state.token);
      chat.seen = {};
      log.replaceChildren();
      (ticket.messages || []).forEach(function (message) { addMessage(message, true); });
      if (!log.firstChild) log.append(intro);
      showStatus(ticket);
    } catch (err) {
      if (sessionGone(err)) {
        forgetConversation();
        forgetSession();
      } else if (err.status === 404) {
        forgetConversation();
      }
    }
  }
  async function deliver(text) {
    if (!state.token) {
      state.token = await startSession(null, null);
      save();
    }
    if (state.conversation && ended()) forgetConversation();
    if (state.conversation) {
      try {
        var path = '/widget/conversations/' + encodeURIComponent(state.conversation) + '/messages';
        addMessage(await api('POST', path, { body: text }, state.token), true);
        return;
      } catch (err) {
        if (err.status !== 404 && err.status !== 409) throw err;
        forgetConversation();
      }
    }
    var ticket = await api('POST', '/widget/conversations', { body: text, context: context() }, state.token);
    state.conversation = ticket.id;
    delete state.seq;
    save();
    addMessage({ id: 'first', body: text, author: { role: 'customer' } }, true);
    showStatus(ticket);
    showChatMode();
    connect();
  }
  async function submitChat() {
    var text = input.value.trim();
    var button = $('chat-send');
    if (!text || button.disabled) return;
    $('chat-error').hidden = true;
    button.disabled = true;
    try {
      try {
        await deliver(text);
      } catch (err) {
        if (!sessionGone(err)) throw err;
        forgetConversation();
        forgetSession();
        await deliver(text);
      }
      input.value = '';
    } catch (err) {
      $('chat-error').textContent = errorText(err);
      $('chat-error').hidden = false;
    } finally {
      button.disabled = false;
      input.focus();
    }
  }
  $('chat-form').addEventListener('submit', function (event) {
    event.preventDefault();
    submitChat();
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitChat();
    }
  });
  input.addEventListener('input', function () {
    var now = Date.now();
    if (!state.conversation || now - chat.lastTyping < 3000) return;
    if (send({ type: 'typing', ticket_id: state.conversation })) chat.lastTyping = now;
  });
  window.addEventListener('online', connect);

  // ---- start ----------------------------------------------------------------------------------------------------
  prefillIdentity();
  showChatMode();
  if (state.token && state.conversation) {
    selectTab($('tab-chat'), false);
    reloadConversation().then(connect);
  } else {
    selectTab($('tab-faq'), false);
  }
  tellParent({ type: 'tidings:ready', color: data.color, ink: data.ink });
})();
