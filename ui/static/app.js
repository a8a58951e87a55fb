// citeqa web chat: a click on a citation marker, a source card or a closest passage asks the
// server for the article panel. Links look like <a href="#cq=KIND:DOC:START:END">; the payload
// goes through a hidden textbox and button (ids cq-open-payload / cq-open-btn), and the panel
// then scrolls to the highlighted passage (id cq-active).
(() => {
  if (window.__citeqaBridge) return;
  window.__citeqaBridge = true;

  function send(payload) {
    const box = document.querySelector("#cq-open-payload textarea, #cq-open-payload input");
    const btn = document.querySelector("#cq-open-btn");
    if (!box || !btn) return;
    box.value = payload;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(() => btn.click(), 0);
  }

  document.addEventListener(
    "click",
    (ev) => {
      const el = ev.target instanceof Element ? ev.target.closest('a[href^="#cq="]') : null;
      if (!el) return;
      ev.preventDefault();
      ev.stopPropagation();
      document.querySelectorAll("a.cq-selected").forEach((a) => a.classList.remove("cq-selected"));
      el.classList.add("cq-selected");
      send(el.getAttribute("href").slice(4));
    },
    true,
  );

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
})();
