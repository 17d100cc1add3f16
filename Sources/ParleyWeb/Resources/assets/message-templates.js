// Order-update texts: each language's preview follows what is typed, rendered by the server exactly
// as it would be sent. Without this script the form's "Preview" button shows the same by a page load.
const PAUSE = 250;

for (const card of document.querySelectorAll("[data-editor]")) {
  const form = card.querySelector("form[data-preview]");
  const error = card.querySelector("[data-error]");
  const show = (name) => card.querySelector(`[data-show="${name}"]`);
  let timer;
  let latest = 0;

  async function refresh() {
    const asked = ++latest;
    let response;
    let answer;
    try {
      response = await fetch(form.dataset.preview, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      answer = await response.json();
    } catch {
      return; // offline or signed out: the buttons still work
    }
    // An older answer arriving late must not cover a newer one.
    if (asked !== latest) return;
    for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
    if (response.status === 422) {
      error.textContent = answer.message;
      error.hidden = false;
      if (answer.field) form.elements[answer.field]?.setAttribute("aria-invalid", "true");
      return;
    }
    if (!response.ok) return;
    error.hidden = true;
    error.textContent = "";
    show("subject").textContent = answer.subject;
    show("text").textContent = answer.text;
    show("sms").textContent = answer.sms;
    show("segments").textContent = answer.segments;
    show("html").srcdoc = answer.html;
    card.dataset.previewed = String(asked);
  }

  form.addEventListener("input", () => {
    card.querySelector("[data-unsaved]").hidden = false;
    card.querySelector("[data-notice]")?.remove();
    clearTimeout(timer);
    timer = setTimeout(refresh, PAUSE);
  });
}
