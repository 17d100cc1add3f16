// Parley agent app: keyboard shortcuts and small conveniences. Every action also works as a plain
// form post, so nothing here is needed to read or answer.
const composer = document.getElementById("composer");
const text = document.getElementById("text");
const help = document.getElementById("shortcuts");

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

function submit(selector) {
  const form = document.querySelector(selector);
  if (form) form.requestSubmit();
}

function step(offset) {
  const rows = [...document.querySelectorAll("#rows .row > a")];
  if (rows.length === 0) return;
  const current = rows.findIndex((link) => link.getAttribute("aria-current") === "true" || link === document.activeElement);
  const next = rows[Math.min(rows.length - 1, Math.max(0, current + offset))] ?? rows[0];
  if (current === -1) next.focus();
  else next.click();
}

function focusComposer(intent) {
  if (!text) return;
  composer.dataset.intent = intent;
  composer.classList.toggle("as-note", intent === "note");
  text.focus();
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target === text) {
    event.preventDefault();
    const button = composer.querySelector(`button[value="${composer.dataset.intent === "note" ? "note" : "reply"}"]`);
    composer.requestSubmit(button);
    return;
  }
  if (event.key === "Escape" && event.target === text) {
    text.blur();
    return;
  }
  if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    j: () => step(1),
    k: () => step(-1),
    r: () => focusComposer("reply"),
    n: () => focusComposer("note"),
    a: () => submit('form[data-shortcut="a"]'),
    e: () => submit('form[data-shortcut="e"]'),
    "/": () => document.getElementById("q")?.focus(),
    "?": () => help?.showModal(),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

document.querySelector("[data-help]")?.addEventListener("click", () => help?.showModal());

// The newest message in view when a conversation opens, unless the address names another.
const thread = document.querySelector(".thread");
if (thread && !location.hash) thread.scrollTop = thread.scrollHeight;

// SMS parts, counted by the server as the agent types, while the reply goes out by SMS.
const channel = document.getElementById("channel");
const segments = document.getElementById("segments");
let counting = null;
function countSegments() {
  if (!channel || !segments || !text) return;
  if (channel.value !== "sms") {
    segments.textContent = "";
    return;
  }
  clearTimeout(counting);
  counting = setTimeout(async () => {
    const form = new URLSearchParams({ csrf_token: document.body.dataset.csrf, text: text.value });
    const response = await fetch("/app/sms-segments", { method: "POST", body: form, credentials: "same-origin" });
    if (!response.ok) return;
    const { count, remaining } = await response.json();
    segments.textContent = segments.dataset[count === 1 ? "one" : "other"].replace("{n}", count).replace("{left}", remaining);
  }, 200);
}
text?.addEventListener("input", countSegments);
channel?.addEventListener("change", countSegments);
countSegments();

// Desktop notifications of new conversations while Parley is in a background tab: asked for only
// when the agent presses the button in the profile, as browsers require.
const enable = document.getElementById("enable-notifications");
const enabled = document.getElementById("notifications-on");
if (enable && "Notification" in window) {
  const show = () => {
    enable.hidden = Notification.permission !== "default";
    if (enabled) enabled.hidden = Notification.permission !== "granted";
  };
  enable.addEventListener("click", () => Notification.requestPermission().then(show));
  show();
}
