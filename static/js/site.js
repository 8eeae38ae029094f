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

// On wide screens the menu is always open (the CSS hides its toggle there).
const wide = window.matchMedia("(min-width: 56rem)");
const syncMenu = () => {
  const menu = document.querySelector("[data-menu]");
  if (menu && wide.matches) menu.open = true;
};
wide.addEventListener("change", syncMenu);
syncMenu();
