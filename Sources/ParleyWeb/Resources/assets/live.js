// Parley agent app, live: the server's events (one stream per screen, on the session cookie) make
// the page fetch itself again and swap in the parts that changed; the draft being written is never
// touched. Presence tells other agents who has the conversation open and who is typing.
const body = document.body;
const me = body.dataset.agent;
const csrf = body.dataset.csrf;
const conversation = document.querySelector("[data-conversation]")?.dataset.conversation;
const presence = document.getElementById("presence");
const others = new Map();

let refreshing = null;
function refresh(threadToo) {
  clearTimeout(refreshing);
  refreshing = setTimeout(async () => {
    const response = await fetch(location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    if (!response.ok || response.redirected) return;
    const next = new DOMParser().parseFromString(await response.text(), "text/html");
    const swap = (selector) => {
      const now = document.querySelector(selector);
      const then = next.querySelector(selector);
      if (now && then) now.replaceWith(then);
    };
    swap("#rows");
    swap(".count-line");
    swap(".views");
    swap(".list .empty");
    swap("#unread-badge");
    if (threadToo) {
      const thread = document.querySelector(".thread");
      const atEnd = thread && thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
      updateThread(thread, next.querySelector(".thread"));
      swap(".status-line");
      // The actions hold forms an agent may be filling in: left alone while one is open or focused.
      const actions = document.querySelector(".actions");
      if (actions && !actions.querySelector("details[open]") && !actions.contains(document.activeElement)) swap(".actions");
      const fresh = document.querySelector(".thread");
      if (fresh && atEnd) fresh.scrollTop = fresh.scrollHeight;
    }
    document.title = next.title;
  }, 250);
}

// The same messages: only their delivery lines change, so nothing the agent opened closes. New
// messages: the thread is replaced, and what was open in it opens again.
function updateThread(thread, fresh) {
  if (!thread || !fresh) return;
  const ids = (list) => [...list.querySelectorAll(":scope > li")].map((li) => li.id).join(" ");
  if (ids(thread) === ids(fresh)) {
    for (const li of fresh.querySelectorAll(":scope > li")) {
      const footer = li.querySelector("footer");
      const current = document.getElementById(li.id)?.querySelector("footer");
      if (footer && current && footer.innerHTML !== current.innerHTML) current.replaceWith(footer);
    }
    return;
  }
  const open = [...thread.querySelectorAll("details[open]")].map((d) => `${d.closest("li")?.id}|${d.className}`);
  thread.replaceWith(fresh);
  for (const details of fresh.querySelectorAll("details")) {
    if (open.includes(`${details.closest("li")?.id}|${details.className}`)) details.open = true;
  }
}

function showPresence() {
  if (!presence) return;
  const now = Date.now();
  const lines = [];
  for (const [id, entry] of others) {
    if (entry.until < now) others.delete(id);
    else lines.push((entry.typing ? presence.dataset.typing : presence.dataset.viewing).replace("{name}", entry.name));
  }
  presence.textContent = lines.join(" · ");
}

function notify(data) {
  if (!("Notification" in window) || Notification.permission !== "granted" || !document.hidden) return;
  new Notification(document.title, { tag: data.conversation });
}

if (body.dataset.live && "EventSource" in window) {
  const source = new EventSource(body.dataset.live);
  const changed = (event) => {
    const data = JSON.parse(event.data);
    if (String(data.agent ?? "") === me && event.type !== "message.created") return;
    refresh(data.conversation === conversation);
    if (event.type === "conversation.created") notify(data);
  };
  for (const type of ["conversation.created", "conversation.updated", "message.created", "sla.breached"]) {
    source.addEventListener(type, changed);
  }
  source.addEventListener("agent.presence", (event) => {
    const data = JSON.parse(event.data);
    if (data.conversation !== conversation || String(data.agent) === me) return;
    const typing = data.detail === "typing";
    others.set(data.agent, { name: data.agent_name, typing, until: Date.now() + (typing ? 6000 : 45000) });
    showPresence();
  });
  // A callback window is about to open: the assigned agent (or everyone, when nobody is) hears of it.
  source.addEventListener("callback.due", (event) => {
    const data = JSON.parse(event.data);
    if (data.agent && String(data.agent) !== me) return;
    notify({ conversation: data.conversation });
    refresh(data.conversation === conversation);
  });
  // The visitor in a live chat is writing: shown like an agent typing, under the customer's name.
  source.addEventListener("visitor.typing", (event) => {
    const data = JSON.parse(event.data);
    if (data.conversation !== conversation) return;
    others.set("visitor", { name: presence.dataset.customer, typing: true, until: Date.now() + 6000 });
    showPresence();
  });
  // Whatever happened between the page's rendering and the stream's (re)connection is fetched now.
  source.addEventListener("open", () => refresh(true));
  // A page left open in the back/forward cache must not keep its stream: browsers allow only a
  // few connections per server, and the next page would wait for one.
  addEventListener("pagehide", () => source.close());
  setInterval(showPresence, 2000);
}

function announce(state) {
  if (!conversation) return;
  const form = new URLSearchParams({ csrf_token: csrf, state });
  fetch(`/app/conversations/${conversation}/presence`, { method: "POST", body: form, credentials: "same-origin" }).catch(() => {});
}

if (conversation) {
  announce("viewing");
  setInterval(() => document.hidden || announce("viewing"), 30000);
  let lastTyping = 0;
  document.getElementById("text")?.addEventListener("input", () => {
    if (Date.now() - lastTyping > 3000) {
      lastTyping = Date.now();
      announce("typing");
    }
  });
}
