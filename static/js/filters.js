// Live filtering for any listing, as progressive enhancement: the filter form is a plain GET
// form that works without this file.
//
// Contract: a <form data-live-filter> and, on the same page, one element [data-results] with
// an id. When a filter changes (or the form is submitted), the page for the new query string
// is fetched, the [data-results] element with the same id is swapped in, and the URL follows
// (history.pushState; back/forward work). The filter form itself is refreshed as well, so
// facet counts stay right. While loading the results carry aria-busy; afterwards the result
// summary ([role=status]) is announced by screen readers.
(function () {
  const form = document.querySelector("form[data-live-filter]");
  const results = document.querySelector("[data-results][id]");
  if (!form || !results || !window.fetch || !window.history.pushState) return;

  let controller = null;

  function queryOf(formElement) {
    const params = new URLSearchParams(new FormData(formElement));
    for (const [key, value] of [...params.entries()]) if (value === "") params.delete(key);
    return params.toString();
  }

  async function load(url, push) {
    if (controller) controller.abort();
    controller = new AbortController();
    const current = document.getElementById(results.id);
    current.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { "X-Requested-With": "fetch" } });
      if (!response.ok) throw new Error(response.status);
      const html = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = html.getElementById(results.id);
      const freshForm = html.getElementById(form.id);
      if (!fresh) throw new Error("no results region");
      current.replaceWith(fresh);
      const liveForm = document.getElementById(form.id);
      if (freshForm && liveForm && !liveForm.contains(document.activeElement)) liveForm.replaceWith(freshForm);
      else if (freshForm && liveForm) syncCounts(liveForm, freshForm);
      if (push) history.pushState({ liveFilter: true }, "", url);
      bind();
    } catch (error) {
      if (error.name !== "AbortError") window.location.href = url; // fall back to a full load
    } finally {
      const region = document.getElementById(results.id);
      if (region) region.removeAttribute("aria-busy");
    }
  }

  // Keep the focused control in place; only update the counts next to the options.
  function syncCounts(liveForm, freshForm) {
    liveForm.querySelectorAll("label[for]").forEach((label) => {
      const fresh = freshForm.querySelector(`label[for="${CSS.escape(label.htmlFor)}"]`);
      if (fresh) label.innerHTML = fresh.innerHTML;
    });
  }

  function bind() {
    const liveForm = document.getElementById(form.id);
    if (!liveForm || liveForm.dataset.bound) return;
    liveForm.dataset.bound = "true";
    liveForm.addEventListener("change", (event) => {
      if (event.target.matches("input[type=checkbox], select, input[type=radio]")) {
        load(`${location.pathname}?${queryOf(liveForm)}`, true);
      }
    });
    liveForm.addEventListener("submit", (event) => {
      event.preventDefault();
      load(`${location.pathname}?${queryOf(liveForm)}`, true);
    });
  }

  window.addEventListener("popstate", () => load(location.href, false));
  bind();
})();
