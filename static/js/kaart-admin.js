// The admin's map on an organisation (organisaties/panels.py): a click, or dragging the pin,
// fills in the latitude and longitude fields; typed coordinates move the pin. No geocoding.
(function () {
  function init(container) {
    if (!window.L || container.dataset.ready) return;
    const lat = document.getElementById("id_latitude");
    const lng = document.getElementById("id_longitude");
    if (!lat || !lng) return;
    container.dataset.ready = "1";
    const leuven = [50.8798, 4.7005];
    const map = L.map(container).setView(leuven, 13);
    L.tileLayer(container.dataset.tileUrl, { attribution: container.dataset.attribution, maxZoom: 19 }).addTo(map);
    const icon = L.icon({
      iconUrl: container.dataset.icon,
      iconRetinaUrl: container.dataset.iconRetina,
      shadowUrl: container.dataset.shadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      shadowSize: [41, 41],
    });
    let marker = null;

    function current() {
      const a = parseFloat(lat.value.replace(",", "."));
      const b = parseFloat(lng.value.replace(",", "."));
      return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : null;
    }

    function place(position, pan) {
      if (!marker) {
        marker = L.marker(position, { icon: icon, draggable: true, alt: "Gekozen plaats" }).addTo(map);
        marker.on("dragend", function () {
          fill(marker.getLatLng());
        });
      } else {
        marker.setLatLng(position);
      }
      if (pan) map.setView(position, Math.max(map.getZoom(), 16));
    }

    function fill(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lng.value = latlng.lng.toFixed(6);
      for (const input of [lat, lng]) input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    const start = current();
    if (start) place(start, true);
    map.on("click", function (event) {
      place(event.latlng, false);
      fill(event.latlng);
    });
    for (const input of [lat, lng]) {
      input.addEventListener("change", function () {
        const position = current();
        if (position) place(position, false);
      });
    }
    // The panel may be in a tab that was hidden while the map was made.
    new ResizeObserver(function () {
      map.invalidateSize();
    }).observe(container);
  }

  function start() {
    document.querySelectorAll("[data-location-picker]").forEach(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
