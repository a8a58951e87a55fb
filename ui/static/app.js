// citeqa web chat page script.
// - A click on a citation marker, a source card or a closest passage (<a href="#cq=KIND:DOC:S:E">)
//   asks the server for the article panel through a hidden textbox and button
//   (ids cq-open-payload / cq-open-btn); the panel then scrolls to the passage (id cq-active).
//   On a narrow screen the panel opens over the chat; "Back to answer" closes it.
// - The library's row buttons (<a href="#cq-doc=read:DOC"> / "#cq-doc=remove:DOC") go through
//   cq-doc-payload / cq-doc-btn; Remove asks for a confirmation in place first.
// - The theme button switches light / dark and remembers the choice in localStorage.
(() => {
  if (window.__citeqaBridge) return;
  window.__citeqaBridge = true;
  const NARROW = "(max-width: 900px)";
  let lastCite = null;

  function send(boxId, btnId, payload) {
    const box = document.querySelector(`#${boxId} textarea, #${boxId} input`);
    const btn = document.querySelector(`#${btnId}`);
    if (!box || !btn) return;
    box.value = payload;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(() => btn.click(), 0);
  }

  const panelCol = () => document.querySelector("#cq-panel-col");

  function openPanel() {
    if (window.matchMedia(NARROW).matches) panelCol()?.classList.add("cq-open");
  }

  window.citeqaBack = () => {
    panelCol()?.classList.remove("cq-open");
    if (lastCite && document.body.contains(lastCite)) {
      lastCite.scrollIntoView({ block: "center" });
    }
  };

  function confirmRemove(el) {
    if (el.dataset.armed === "1") {
      send("cq-doc-payload", "cq-doc-btn", el.getAttribute("href").slice(8));
      el.textContent = "Removing…";
      return;
    }
    el.dataset.armed = "1";
    el.classList.add("cq-armed");
    el.textContent = "Confirm remove";
    el.setAttribute("aria-label", `Confirm: remove ${el.dataset.title || "this article"}`);
    setTimeout(() => {
      if (!document.body.contains(el) || el.textContent === "Removing…") return;
      el.dataset.armed = "";
      el.classList.remove("cq-armed");
      el.textContent = "Remove";
    }, 5000);
  }

  document.addEventListener(
    "click",
    (ev) => {
      const target = ev.target instanceof Element ? ev.target : null;
      if (!target) return;
      if (target.closest("#cq-theme")) {
        const dark = !document.body.classList.contains("dark");
        document.body.classList.toggle("dark", dark);
        try { localStorage.setItem("citeqa-theme", dark ? "dark" : "light"); } catch (e) {}
        return;
      }
      if (target.closest(".cq-back")) {
        ev.preventDefault();
        window.citeqaBack();
        return;
      }
      const doc = target.closest('a[href^="#cq-doc="]');
      if (doc) {
        ev.preventDefault();
        ev.stopPropagation();
        if (doc.classList.contains("cq-remove")) confirmRemove(doc);
        else send("cq-doc-payload", "cq-doc-btn", doc.getAttribute("href").slice(8));
        return;
      }
      const el = target.closest('a[href^="#cq="]');
      if (!el) return;
      ev.preventDefault();
      ev.stopPropagation();
      document.querySelectorAll("a.cq-selected").forEach((a) => a.classList.remove("cq-selected"));
      el.classList.add("cq-selected");
      lastCite = el;
      openPanel();
      send("cq-open-payload", "cq-open-btn", el.getAttribute("href").slice(4));
    },
    true,
  );

  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && panelCol()?.classList.contains("cq-open")) {
      window.citeqaBack();
    }
  });

  // Called by the app after the panel was updated: bring the passage into view.
  window.citeqaScrollToPassage = () => {
    let tries = 0;
    const go = () => {
      const mark = document.querySelector("#cq-panel #cq-active");
      if (mark) {
        mark.scrollIntoView({ block: "center", behavior: "smooth" });
        return;
      }
      if (tries++ < 40) setTimeout(go, 50);
    };
    go();
  };

  // After an answer: the box again takes the typing, without scrolling the page on a phone.
  window.citeqaFocusInput = () => {
    const box = document.querySelector("#cq-input textarea");
    if (box && !window.matchMedia(NARROW).matches) box.focus({ preventScroll: true });
  };

  // The saved theme applies on load (a ?__theme= parameter, when given, wins).
  const applySaved = () => {
    if (new URL(location.href).searchParams.get("__theme")) return;
    let saved = null;
    try { saved = localStorage.getItem("citeqa-theme"); } catch (e) {}
    if (saved) document.body.classList.toggle("dark", saved === "dark");
  };
  if (document.body) applySaved();
  else document.addEventListener("DOMContentLoaded", applySaved);
  window.addEventListener("load", () => setTimeout(applySaved, 0));
})();
