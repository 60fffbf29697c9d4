/*! Tidings support widget loader. Embed with
 *  <script src="https://SUPPORT-HOST/widget.js" data-brand="your-brand" async></script>
 * It adds a launcher button; the support page itself opens in an iframe from the Tidings origin on first use, so
 * this page never loads more than this file unless the visitor asks for help, and cannot read the conversation. */
(function () {
  'use strict';
  if (window.TidingsWidget) return;
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  var brand = script.getAttribute('data-brand') || 'default';
  var tag = (document.documentElement.getAttribute('lang') || navigator.language || 'en').toLowerCase();
  var lang = tag.split(/[-_]/)[0] === 'de' ? 'de' : 'en';
  var label = lang === 'de' ? 'Hilfe' : 'Help';
  var isColor = function (value) { return /^#[0-9a-f]{6}$/i.test(value || ''); };

  var css =
    ':host{all:initial}' +
    '.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;margin:0;padding:0;' +
    'border:0;border-radius:50%;background:#1f2937;color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer;' +
    'display:flex;align-items:center;justify-content:center}' +
    '.launcher:focus-visible{outline:3px solid #111827;outline-offset:3px;box-shadow:0 0 0 3px #fff}' +
    '.launcher svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;' +
    'stroke-linejoin:round}' +
    '.dot{position:absolute;top:2px;right:2px;width:12px;height:12px;border:2px solid #fff;border-radius:50%;' +
    'background:#dc2626;display:none}.unread .dot{display:block}' +
    '.panel{position:fixed;right:20px;bottom:88px;z-index:2147483000;width:380px;height:600px;' +
    'max-width:calc(100vw - 40px);max-height:calc(100vh - 108px);border-radius:12px;overflow:hidden;' +
    'background:#fff;box-shadow:0 12px 40px rgba(0,0,0,.3);display:none}' +
    '.panel.open{display:block}' +
    '.panel iframe{display:block;width:100%;height:100%;border:0;color-scheme:normal}' +
    '@media (max-width:479.98px){.panel{inset:0;width:100%;height:100%;max-width:none;max-height:none;' +
    'border-radius:0}.panel.open~.launcher{display:none}}';

  var host = document.createElement('div');
  host.id = 'tidings-widget';
  // Inline !important beats any rule of the host page, so its CSS cannot hide or move the widget's root.
  ['all:initial', 'position:fixed', 'right:0', 'bottom:0', 'width:0', 'height:0', 'z-index:2147483000'].forEach(
    function (rule) {
      var parts = rule.split(':');
      host.style.setProperty(parts[0], parts[1], 'important');
    });
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  if (root.adoptedStyleSheets !== undefined && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
    // A constructed sheet is not an inline <style>, so a strict style-src on the host page does not block it.
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }

  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'tidings-launcher';
  button.className = 'launcher';
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'tidings-panel');
  var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z');
  svg.appendChild(path);
  var dot = document.createElement('span');
  dot.className = 'dot';
  button.appendChild(svg);
  button.appendChild(dot);

  var panel = document.createElement('div');
  panel.id = 'tidings-panel';
  panel.className = 'panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', 'Support');
  root.appendChild(panel);
  root.appendChild(button);

  var frame = null;
  var ready = false;
  var open = false;

  // The brand colour: from data-color until the frame says (with the text colour the server chose for it).
  function paint(color, ink) {
    if (!isColor(color)) return;
    button.style.background = color;
    if (isColor(ink)) {
      button.style.color = ink;
      return;
    }
    var rgb = [1, 3, 5].map(function (i) { return parseInt(color.substr(i, 2), 16) / 255; });
    var lum = rgb.map(function (c) { return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); });
    var light = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    button.style.color = 1.05 / (light + 0.05) >= (light + 0.05) / 0.0589 ? '#fff' : '#111827';
  }
  paint(script.getAttribute('data-color'));

  function tell(type) {
    if (frame && ready) frame.contentWindow.postMessage({ type: type }, origin);
  }

  function createFrame() {
    var page = location.origin + location.pathname;
    frame = document.createElement('iframe');
    frame.title = 'Support';
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups ' +
      'allow-popups-to-escape-sandbox');
    frame.src = origin + '/widget/frame?brand=' + encodeURIComponent(brand) + '&lang=' + lang +
      '&page=' + encodeURIComponent(page) + '&title=' + encodeURIComponent((document.title || '').slice(0, 200));
    panel.appendChild(frame);
  }

  function show() {
    if (!frame) createFrame();
    open = true;
    panel.classList.add('open');
    button.classList.remove('unread');
    button.setAttribute('aria-expanded', 'true');
    if (ready) {
      frame.focus();
      tell('tidings:shown');
    }
  }

  function hide(returnFocus) {
    if (!open) return;
    open = false;
    panel.classList.remove('open');
    button.setAttribute('aria-expanded', 'false');
    tell('tidings:hidden');
    if (returnFocus) button.focus();
  }

  button.addEventListener('click', function () {
    if (open) hide(false); else show();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && open) hide(true);
  });
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.type === 'tidings:ready') {
      ready = true;
      paint(data.color, data.ink);
      if (open) show();
    } else if (data.type === 'tidings:close') {
      hide(true);
    } else if (data.type === 'tidings:unread' && !open) {
      button.classList.add('unread');
    }
  });

  if (document.body) document.body.appendChild(host);
  else document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(host); });
  window.TidingsWidget = { open: show, close: function () { hide(true); } };
})();
