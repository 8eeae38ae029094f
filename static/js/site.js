// Progressive enhancement only: every feature works without this file.
document.documentElement.classList.add("js");

// Close the mobile menu with Escape and return focus to its toggle.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const menu = document.querySelector("[data-menu][open]");
  if (menu) {
    menu.open = false;
    menu.querySelector("summary").focus();
  }
});
