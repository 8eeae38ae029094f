// Onderwijsmakers: progressive enhancement only.
// E-mail addresses reach the page in reversed halves (data-u, data-d) with a readable
// fallback ("naam [at] domein [punt] be"), so scrapers do not find them. Here the address
// is put back together as a working link.
(function () {
  "use strict";
  const reverse = (text) => Array.from(text || "").reverse().join("");
  document.querySelectorAll("[data-protected-email]").forEach((element) => {
    const user = reverse(element.dataset.u);
    const domain = reverse(element.dataset.d);
    if (!user || !domain) return;
    const address = user + String.fromCharCode(64) + domain;
    const link = document.createElement("a");
    link.href = "mai" + "lto:" + address;
    link.textContent = address;
    element.replaceChildren(link);
  });
})();
