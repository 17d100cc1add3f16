/* Parley chat widget: <script src="https://PARLEY/widget.js" data-shop="SLUG" async></script>
   Optional: data-lang="pl", data-identity="JWT signed by the shop", data-consent="granted" (see docs/live-chat.md).
   Everything lives in its own shadow root and every failure stays inside it. */
(function () {
  "use strict";
  var me = document.currentScript || document.querySelector('script[src*="/widget.js"][data-shop]');
  if (!me || window.__parleyWidget) return;
  window.__parleyWidget = true;
  var shop = me.getAttribute("data-shop");
  var base = new URL(me.src, location.href).origin;
  var key = "parley:" + shop;
  var T = {}, cfg = null, ws = null, state = load(), shown = {}, newest = 0, agentRead = 0, handledBy = null;
  var open = false, unread = 0, retry = 0, lastTyping = 0, typingTimer = null, root, el = {};

  function load() {
    try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { return {}; }
  }
  function save() {
    try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode: the chat still works on this page */ }
  }
  function t(name, values) {
    var text = T[name] || name;
    for (var k in values || {}) text = text.split("{" + k + "}").join(values[k]);
    return text;
  }
  // A paperclip drawn, not an emoji: not every system has an emoji font.
  function clip() {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), path = document.createElementNS(ns, "path");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("style", "vertical-align:-3px;margin-right:4px");
    path.setAttribute("d", "M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5");
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "1.8");
    path.setAttribute("stroke-linecap", "round");
    svg.appendChild(path);
    return svg;
  }

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text != null) node.textContent = text;
    return node;
  }
  function uid() {
    var a = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  // White or near-black text, whichever reads better on the brand colour (WCAG relative luminance).
  function ink(hex) {
    var m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
    if (!m) return "#fff";
    var n = parseInt(m[1], 16), c = [n >> 16, (n >> 8) & 255, n & 255].map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? "#fff" : "#111";
  }

  var css =
    ":host{all:initial}[hidden]{display:none!important}*{box-sizing:border-box;font:15px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans Devanagari',sans-serif}" +
    ".launch{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:0 20px;height:56px;background:var(--a);color:var(--i);cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.25);display:flex;align-items:center;gap:8px;font-weight:600}" +
    ".launch:focus-visible,button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}" +
    ".badge{background:#c0392b;color:#fff;border-radius:10px;padding:0 7px;font-size:13px;min-width:20px;text-align:center}" +
    ".panel{position:fixed;right:20px;bottom:88px;z-index:2147483000;width:370px;max-width:calc(100vw - 24px);height:560px;max-height:calc(100vh - 110px);background:#fff;color:#1b1b1b;border-radius:14px;box-shadow:0 8px 32px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden}" +
    "header{background:var(--a);color:var(--i);padding:12px 14px;display:flex;align-items:center;gap:10px}" +
    "header img{width:32px;height:32px;border-radius:6px;background:#fff;object-fit:contain}" +
    "header h2{margin:0;font-size:16px;font-weight:700;flex:1}header p{margin:0;font-size:13px;opacity:.95}" +
    ".x{background:transparent;border:0;color:inherit;font-size:22px;cursor:pointer;width:36px;height:36px;border-radius:18px}" +
    ".clip{font-size:18px;height:40px;flex:none}" +
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f6f7f9}" +
    ".m{max-width:82%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word;background:#fff;border:1px solid #dde1e6}" +
    ".m.visitor{align-self:flex-end;background:var(--a);color:var(--i);border-color:transparent}" +
    ".m.assistant{background:#eef4ff}.who{display:block;font-size:12px;font-weight:600;margin-bottom:2px;opacity:.85}" +
    ".m a{color:inherit}.note{align-self:center;font-size:13px;color:#4a4f55;text-align:center}" +
    ".meta{align-self:flex-end;font-size:12px;color:#4a4f55;margin-top:-4px}" +
    ".typing{min-height:20px;padding:0 14px;font-size:13px;color:#4a4f55;background:#f6f7f9}" +
    ".actions{padding:6px 12px;background:#f6f7f9;display:flex;flex-wrap:wrap;gap:6px}" +
    ".ghost{background:#fff;border:1px solid #9aa3ad;border-radius:16px;padding:5px 12px;cursor:pointer;color:#1b1b1b;font-size:14px}" +
    "form{display:flex;gap:8px;padding:10px;border-top:1px solid #dde1e6;background:#fff;align-items:flex-end}" +
    "textarea{flex:1;resize:none;border:1px solid #9aa3ad;border-radius:10px;padding:8px 10px;max-height:120px;min-height:40px;color:#1b1b1b;background:#fff}" +
    ".send{background:var(--a);color:var(--i);border:0;border-radius:10px;padding:0 14px;height:40px;cursor:pointer;font-weight:600}" +
    ".mail{display:flex;gap:6px;padding:8px 12px;background:#fff8e5;flex-wrap:wrap;align-items:center}.mail p{margin:0;font-size:13px;flex-basis:100%}" +
    ".mail input{flex:1;border:1px solid #9aa3ad;border-radius:8px;padding:6px 8px;min-width:0}" +
    ".cb{display:flex;flex-direction:column;align-items:stretch;gap:4px;padding:8px 12px;background:#fff8e5;max-height:60%;overflow-y:auto;border-top:1px solid #dde1e6}" +
    ".cb p{margin:0 0 4px;font-size:13px}.cb label{font-size:13px;font-weight:600}" +
    ".cb select,.cb textarea,.cb input{border:1px solid #9aa3ad;border-radius:8px;padding:6px 8px;color:#1b1b1b;background:#fff}" +
    ".cb [role=alert]{color:#a61b1b;margin:0;font-size:13px}.cb .actions{padding:0;background:none}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
    "@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}.launch{right:12px;bottom:12px}}";

  function build() {
    var host = make("div", { id: "parley-widget" });
    document.body.appendChild(host);
    root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    root.appendChild(make("style", {}, css));
    var accent = cfg.color || "#1f5f8b";
    host.style.setProperty("--a", accent);
    host.style.setProperty("--i", ink(accent));
    var wrap = make("div", { lang: cfg.language, dir: "ltr" });
    el.launch = make("button", { class: "launch", type: "button", "aria-expanded": "false", "aria-controls": "parley-panel" });
    el.launchText = make("span", {}, t("open"));
    el.badge = make("span", { class: "badge", hidden: "" });
    el.launch.append(el.launchText, el.badge);
    el.panel = make("div", { class: "panel", id: "parley-panel", role: "dialog", "aria-labelledby": "parley-title", hidden: "" });
    var header = make("header");
    if (cfg.logo) header.appendChild(make("img", { src: cfg.logo, alt: "" }));
    var titles = make("div", { style: "flex:1" });
    titles.append(make("h2", { id: "parley-title" }, cfg.shop), (el.status = make("p", {}, "")));
    el.close = make("button", { class: "x", type: "button", "aria-label": t("close") }, "×");
    header.append(titles, el.close);
    el.log = make("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": t("dialog"), tabindex: "0" });
    el.log.appendChild(make("div", { class: "m assistant" }, cfg.greeting));
    el.typing = make("div", { class: "typing", "aria-live": "polite" });
    el.actions = make("div", { class: "actions" });
    el.person = make("button", { class: "ghost", type: "button" }, t("person"));
    el.transcript = make("button", { class: "ghost", type: "button", hidden: "" }, t("transcript"));
    el.callback = make("button", { class: "ghost callback", type: "button" }, t("callback"));
    el.actions.append(el.person, el.transcript, el.callback);
    el.cb = callbackForm();
    el.mail = make("form", { class: "mail", hidden: "" });
    var mailLabel = make("label", { for: "parley-mail", class: "sr" }, t("emailLabel"));
    el.mailInput = make("input", { id: "parley-mail", type: "email", autocomplete: "email", required: "", placeholder: t("emailLabel") });
    el.mail.append(make("p", {}, t("emailPrompt")), mailLabel, el.mailInput, make("button", { class: "ghost", type: "submit" }, t("emailSave")));
    el.form = make("form");
    var label = make("label", { for: "parley-text", class: "sr" }, t("label"));
    el.text = make("textarea", { id: "parley-text", rows: "1", placeholder: t("placeholder"), maxlength: "5000" });
    el.file = make("input", { type: "file", accept: "image/png,image/jpeg,image/gif,image/webp,application/pdf", hidden: "" });
    el.attach = make("button", { class: "x clip", type: "button", "aria-label": t("attach"), title: t("attach") });
    el.attach.appendChild(clip());
    el.form.append(el.attach, el.file, label, el.text, make("button", { class: "send", id: "parley-send", type: "submit" }, t("send")));
    el.panel.append(header, el.log, el.typing, el.actions, el.cb, el.mail, el.form);
    wrap.append(el.launch, el.panel);
    root.appendChild(wrap);
    status();

    el.launch.addEventListener("click", function () { toggle(!open); });
    el.close.addEventListener("click", function () { toggle(false); });
    el.person.addEventListener("click", function () { send({ type: "handover" }); });
    el.callback.addEventListener("click", openCallback);
    el.attach.addEventListener("click", function () { el.file.click(); });
    el.file.addEventListener("change", function () { if (el.file.files[0]) upload(el.file.files[0]); el.file.value = ""; });
    el.transcript.addEventListener("click", function () {
      if (send({ type: "transcript" })) note(t("transcriptSent", { email: state.email }));
    });
    el.form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });
    el.mail.addEventListener("submit", function (e) {
      e.preventDefault();
      var email = el.mailInput.value.trim();
      if (!email) return;
      state.email = email;
      save();
      send({ type: "email", email: email });
      el.mail.hidden = true;
      note(t("emailSaved", { email: email }));
      status();
      if (el.text.value.trim()) submit();
    });
    el.text.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
    });
    el.text.addEventListener("input", function () {
      var now = Date.now();
      if (now - lastTyping > 3000 && state.conversation) { lastTyping = now; send({ type: "typing" }); }
    });
    // While open, Tab stays inside the chat and Escape closes it; closed, the page keeps its own order.
    el.panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { toggle(false); return; }
      if (e.key !== "Tab") return;
      var items = Array.prototype.filter.call(el.panel.querySelectorAll("button,textarea,input,[tabindex='0'],a[href]"), function (n) {
        return !n.closest("[hidden]") && !n.disabled;
      });
      if (!items.length) return;
      var first = items[0], last = items[items.length - 1], active = root.activeElement;
      if (e.shiftKey && active === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && active === last) { e.preventDefault(); first.focus(); }
    });
    document.addEventListener("visibilitychange", seen);
    if (state.open) toggle(true);
  }

  // A callback request: the shop's free windows in the visitor's own time, a phone number, a note.
  function callbackForm() {
    var form = make("form", { class: "cb", hidden: "" });
    var field = function (id, label, input) {
      input.id = id;
      return [make("label", { for: id }, label), input];
    };
    el.cbPhone = make("input", { type: "tel", autocomplete: "tel", required: "", name: "phone" });
    el.cbWhen = make("select", { required: "", name: "start" });
    el.cbNote = make("textarea", { rows: "2", maxlength: "1000", name: "note" });
    // People never see or reach this field; bots that fill every field do.
    var trap = make("div", { "aria-hidden": "true", style: "position:absolute;left:-9999px" });
    el.cbTrap = make("input", { type: "text", name: "website", tabindex: "-1", autocomplete: "off" });
    trap.appendChild(el.cbTrap);
    el.cbError = make("p", { role: "alert" });
    var buttons = make("div", { class: "actions" });
    var cancel = make("button", { class: "ghost", type: "button" }, t("cancel"));
    buttons.append(make("button", { class: "send", type: "submit" }, t("callbackSend")), cancel);
    form.append.apply(form, [make("p", {}, t("callbackIntro"))]
      .concat(field("parley-cb-phone", t("callbackPhone"), el.cbPhone))
      .concat(field("parley-cb-when", t("callbackWhen"), el.cbWhen))
      .concat(field("parley-cb-note", t("callbackNote"), el.cbNote))
      .concat([trap, el.cbError, buttons]));
    cancel.addEventListener("click", function () { form.hidden = true; el.callback.focus(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); requestCallback(); });
    return form;
  }

  function zone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  }

  function openCallback() {
    el.cb.hidden = false;
    el.cbError.textContent = "";
    el.cbWhen.textContent = "";
    fetch(base + "/widget/v1/" + encodeURIComponent(shop) + "/callbacks/windows?tz=" + encodeURIComponent(zone()) + "&lang=" + cfg.language, { credentials: "omit" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        (d.windows || []).forEach(function (w) { el.cbWhen.appendChild(make("option", { value: w.start }, w.label)); });
        if (!(d.windows || []).length) el.cbError.textContent = t("callbackNone");
      })
      .catch(function () { el.cbError.textContent = t("callbackNone"); });
    el.cbPhone.focus();
  }

  function requestCallback() {
    var body = { phone: el.cbPhone.value, start: el.cbWhen.value, time_zone: zone(), note: el.cbNote.value, locale: cfg.language,
                 token: state.token || null, website: el.cbTrap.value };
    fetch(base + "/widget/v1/" + encodeURIComponent(shop) + "/callbacks", {
      method: "POST", credentials: "omit", headers: { "Content-Type": "text/plain" }, body: JSON.stringify(body)
    })
      .then(function (r) { return r.json().then(function (d) { return { ok: r.ok, d: d }; }); })
      .then(function (res) {
        if (!res.ok) {
          var f = res.d.field || "";
          el.cbError.textContent = f === "phone" ? t("callbackPhoneError") : f === "start" ? t("callbackTimeError") : t("error", { detail: res.d.detail || "" });
          (f === "phone" ? el.cbPhone : el.cbWhen).setAttribute("aria-invalid", "true");
          return;
        }
        el.cb.hidden = true;
        note(t("callbackDone", { window: res.d.window, phone: el.cbPhone.value }));
        el.callback.focus();
      })
      .catch(function () { el.cbError.textContent = t("error", { detail: "" }); });
  }

  function toggle(show) {
    open = show;
    state.open = show;
    save();
    el.panel.hidden = !show;
    el.launch.setAttribute("aria-expanded", String(show));
    el.launchText.textContent = show ? t("close") : t("open");
    if (show) {
      connect();
      seen();
      el.text.focus();
      el.log.scrollTop = el.log.scrollHeight;
    } else {
      el.launch.focus();
    }
  }

  function status() {
    el.status.textContent = ws && ws.readyState !== 1 ? t("reconnecting") : cfg.agents_online ? t("online") : t("offline");
    el.person.hidden = handledBy === "person";
    el.transcript.hidden = !state.email || !state.conversation;

  }

  function seen() {
    if (!open || document.hidden) return;
    unread = 0;
    badge();
    if (newest > (state.read || 0)) {
      state.read = newest;
      save();
      send({ type: "read", up_to: newest });
    }
  }

  function badge() {
    el.badge.hidden = unread === 0;
    el.badge.textContent = String(unread);
    el.launch.setAttribute("aria-label", unread ? t("open") + " (" + t("unread", { count: unread }) + ")" : t("open"));
  }

  function note(text) {
    el.log.appendChild(make("div", { class: "note" }, text));
    el.log.scrollTop = el.log.scrollHeight;
  }

  function show(m) {
    if (m.id && shown[m.id]) return;
    var pendingNode = m.client_id && el.log.querySelector('[data-client="' + m.client_id + '"]');
    var node = pendingNode || make("div");
    node.className = "m " + m.author;
    node.textContent = "";
    if (m.author !== "visitor") node.appendChild(make("span", { class: "who" }, m.author === "agent" ? (m.name || t("shop")) : t("assistant")));
    if (m.files) node.appendChild(clip());
    linked(node, m.text);
    if (m.pending) {
      node.setAttribute("data-client", m.client_id);
      node.appendChild(make("span", { class: "sr" }, " " + t("sending")));
      node.style.opacity = ".7";
    } else {
      node.removeAttribute("data-client");
      node.style.opacity = "";
    }
    if (!node.parentNode) el.log.appendChild(node);
    if (m.id) {
      shown[m.id] = true;
      node.setAttribute("data-id", m.id);
      newest = Math.max(newest, m.id);
      if (m.author !== "visitor" && m.id > (state.read || 0) && (!open || document.hidden)) { unread++; badge(); }
    }
    readMark();
    el.log.scrollTop = el.log.scrollHeight;
  }

  // "Read" under the visitor's newest message the shop has seen.
  function readMark() {
    var old = el.log.querySelector(".meta");
    if (old) old.remove();
    var mine = el.log.querySelectorAll(".m.visitor:not([data-client])");
    var lastMine = mine[mine.length - 1];
    if (lastMine && agentRead && Number(lastMine.getAttribute("data-id")) <= agentRead) {
      lastMine.after(make("div", { class: "meta" }, t("read")));
    }
  }

  // Text with its http(s) addresses as links (an article, a tracking page); never HTML.
  function linked(node, text) {
    text.split(/(https?:\/\/[^\s<>"]+)/).forEach(function (part, i) {
      if (part) node.appendChild(i % 2 ? make("a", { href: part, target: "_blank", rel: "noopener noreferrer" }, part) : document.createTextNode(part));
    });
  }

  function submit() {
    var text = el.text.value.trim();
    if (!text) return;
    // The shop asks for an address first, so that every chat can be answered later.
    if (cfg.prechat && !state.email && !state.conversation) {
      el.mail.hidden = false;
      el.mailInput.focus();
      return;
    }
    el.text.value = "";
    var m = { client_id: uid(), text: text, page: location.href.slice(0, 1000) };
    state.pending = (state.pending || []).concat([m]);
    save();
    show({ author: "visitor", text: text, client_id: m.client_id, pending: true });
    if (!send({ type: "send", client_id: m.client_id, text: text, page: m.page })) connect();
    if (!cfg.agents_online && !state.email) el.mail.hidden = false;
  }

  // A picture or PDF: sent as a form, which needs no CORS preflight; it shows like any message.
  function upload(file) {
    if (file.size > 5 * 1024 * 1024) { note(t("fileTooLarge")); return; }
    var id = uid();
    show({ author: "visitor", text: file.name, files: 1, client_id: id, pending: true });
    var body = new FormData();
    body.append("token", state.token || "");
    body.append("client_id", id);
    body.append("file", file, file.name);
    fetch(base + "/widget/v1/" + encodeURIComponent(shop) + "/attachments", { method: "POST", body: body, credentials: "omit" })
      .then(function (r) { return r.json().then(function (d) { return { ok: r.ok, d: d }; }); })
      .then(function (res) {
        if (res.ok) {
          show(res.d.message);
          // A first message opens the conversation: reconnecting lets the socket follow it.
          if (!state.conversation && ws) { state.conversation = true; ws.close(); }
          save();
          return;
        }
        var node = el.log.querySelector('[data-client="' + id + '"]');
        if (node) node.remove();
        note(t("error", { detail: res.d.detail || "" }));
      })
      .catch(function () { note(t("error", { detail: "" })); });
  }

  function send(frame) {
    if (!ws || ws.readyState !== 1) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  function connect() {
    if (ws && ws.readyState <= 1) return;
    ws = new WebSocket(base.replace(/^http/, "ws") + cfg.socket);
    status();
    ws.onopen = function () {
      retry = 0;
      var identity = me.getAttribute("data-identity") || window.ParleyIdentity || null;
      ws.send(JSON.stringify({ type: "hello", token: state.token || null, identity: identity, locale: cfg.language, after: newest }));
    };
    ws.onmessage = function (e) {
      try { receive(JSON.parse(e.data)); } catch (err) { /* a bad frame must not stop the chat */ }
    };
    ws.onclose = function () {
      status();
      // Back off up to 30 s; a visitor who only browses reconnects when they come back to the chat.
      if (!open && !(state.pending || []).length && !state.conversation) return;
      setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, retry++)));
    };
  }

  function receive(f) {
    if (f.type === "welcome") {
      if (f.token) state.token = f.token;
      state.conversation = f.conversation || state.conversation;
      handledBy = f.handled_by;
      cfg.agents_online = f.agents_online;
      (f.messages || []).forEach(show);
      // Sent while the connection was down: the same ids again, so the server stores each once.
      (state.pending || []).forEach(function (m) { send({ type: "send", client_id: m.client_id, text: m.text, page: m.page }); });
      save();
      status();
      seen();
    } else if (f.type === "ack") {
      state.pending = (state.pending || []).filter(function (m) { return m.client_id !== f.client_id; });
      state.conversation = f.conversation || state.conversation;
      save();
      show(f.message);
    } else if (f.type === "message") {
      show(f.message);
      el.typing.textContent = "";
      seen();
    } else if (f.type === "typing") {
      el.typing.textContent = t("typing", { name: f.name || t("shop") });
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { el.typing.textContent = ""; }, 5000);
    } else if (f.type === "read") {
      agentRead = Math.max(agentRead, f.up_to || 0);
      readMark();
    } else if (f.type === "handler") {
      if (f.handled_by === "person" && handledBy !== "person") note(t("handedOver"));
      handledBy = f.handled_by;
      status();
    } else if (f.type === "error") {
      if (!f.client_id) note(t("error", { detail: f.detail }));
    }
  }

  function start() {
    var lang = me.getAttribute("data-lang") || document.documentElement.lang || "";
    var langs = (navigator.languages || [navigator.language || ""]).join(",");
    fetch(base + "/widget/v1/" + encodeURIComponent(shop) + "/config?lang=" + encodeURIComponent(lang) + "&langs=" + encodeURIComponent(langs), {
      credentials: "omit"
    })
      .then(function (r) { if (!r.ok) throw new Error("config " + r.status); return r.json(); })
      .then(function (c) {
        cfg = c;
        T = c.texts || {};
        build();
        // A returning visitor hears answers that came while they were away.
        if (state.token && (state.conversation || (state.pending || []).length)) connect();
      })
      .catch(function (e) { if (window.console) console.warn("Parley widget:", e.message); });
  }

  // Browsing history (docs/live-chat.md): recorded only while the page says the visitor consented.
  // Parley.push([...]) works before and after this script loads; nothing here may break the page.
  var consent = false, outbox = [], flushing = false, flushTimer = null, pageSent = false;
  function track(e) {
    if (!consent) return;
    e.at = new Date().toISOString();
    outbox.push(e);
    clearTimeout(flushTimer);
    flushTimer = setTimeout(flush, state.token ? 1000 : 50);
  }
  function flush(leaving) {
    // The first batch waits for its answer: it brings the visitor token the next ones use.
    if (!consent || !outbox.length || flushing) return;
    var url = base + "/widget/v1/" + encodeURIComponent(shop) + "/events";
    var body = JSON.stringify({ token: state.token || null, consent: true, events: outbox.splice(0, 20) });
    // A string body is text/plain: a simple cross-origin request, no preflight.
    if (leaving === true && state.token && navigator.sendBeacon && navigator.sendBeacon(url, body)) return flush(true);
    flushing = true;
    fetch(url, { method: "POST", body: body, keepalive: true, credentials: "omit", headers: { "Content-Type": "text/plain" } })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (a) { if (a.token && consent) { state.token = a.token; save(); } })
      .catch(function () { /* history is a nicety; the page and the chat go on */ })
      .then(function () { flushing = false; flush(); });
  }
  function field(v) { return v == null ? undefined : String(v).slice(0, 1000); }
  // A cut address leads elsewhere: one too long for the server is left out instead.
  function link(u) { return u == null || String(u).length > 1000 ? undefined : String(u); }
  function command(c) {
    try {
      var v = c[1] || {};
      if (c[0] === "consent") {
        consent = c[1] === true;
        if (!consent) outbox = [];
        else if (!pageSent) { pageSent = true; track({ type: "page", url: link(location.href), title: field(document.title) }); }
      } else if (c[0] === "view") {
        track({ type: String(v.type || "product"), id: field(v.id), name: field(v.name), url: link(v.url || location.href), title: field(v.title),
          price: field(v.price), currency: field(v.currency), image: link(v.image) });
      } else if (c[0] === "cart") {
        track({ type: "cart", url: link(location.href), total: field(v.total), currency: field(v.currency),
          items: (v.items || []).slice(0, 50).map(function (i) {
            return { id: field(i.id), name: field(i.name), quantity: Math.min(9999, Math.max(1, Math.round(i.quantity) || 1)), price: field(i.price) };
          }) });
      }
    } catch (e) { /* a malformed command must not stop the others */ }
  }
  function browsing() {
    var queued = window.Parley;
    window.Parley = { push: function () { Array.prototype.forEach.call(arguments, command); } };
    if (me.getAttribute("data-consent") === "granted") command(["consent", true]);
    if (queued && queued.forEach) queued.forEach(command);
    addEventListener("pagehide", function () { flush(true); });
    document.addEventListener("visibilitychange", function () { if (document.hidden) flush(true); });
  }

  try {
    browsing();
    if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
  } catch (e) {
    if (window.console) console.warn("Parley widget:", e);
  }
})();
