// The map of organisations, as progressive enhancement. Without this file, without Leaflet or
// without tiles the page is the same list of organisations and addresses; the map only adds to it.
//
// Contract: an element [data-kaart][hidden] names in data-kaart-source the id of a JSON island
// (json_script) holding {tile_url, attribution, icon, icon_retina, shadow, points: [{name, lat,
// lng, address, url?}]}. The map is drawn there from the page's own data: no extra request. On
// the directory the live filter (filters.js) swaps the island with the results; the markers follow.
(function () {
  const container = document.querySelector("[data-kaart]");
  if (!container || !window.L) return;
  const sourceId = container.dataset.kaartSource;

  function readData() {
    const island = document.getElementById(sourceId);
    if (!island) return null;
    try {
      return JSON.parse(island.textContent);
    } catch (error) {
      return null;
    }
  }

  const data = readData();
  if (!data || !data.points || !data.points.length) return;

  container.hidden = false;
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", data.points.length === 1 ? "Kaart" : "Kaart van de organisaties");
  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(data.tile_url, { attribution: data.attribution, maxZoom: 19 }).addTo(map);
  const icon = L.icon({
    iconUrl: data.icon,
    iconRetinaUrl: data.icon_retina,
    shadowUrl: data.shadow,
    iconSize: [25, 41],
    iconAnchor: [12, 41],
    popupAnchor: [1, -34],
    shadowSize: [41, 41],
  });
  const markers = L.layerGroup().addTo(map);

  function popup(point) {
    // Built as elements, not HTML text: names and addresses are shown as text.
    const box = document.createElement("div");
    const name = document.createElement(point.url ? "a" : "strong");
    name.textContent = point.name;
    if (point.url) name.href = point.url;
    box.appendChild(name);
    if (point.address) {
      const address = document.createElement("p");
      address.className = "kaart__address";
      address.textContent = point.address;
      box.appendChild(address);
    }
    return box;
  }

  function show(points) {
    markers.clearLayers();
    const bounds = [];
    for (const point of points) {
      const marker = L.marker([point.lat, point.lng], { icon: icon, title: point.name, alt: point.name });
      marker.bindPopup(popup(point));
      markers.addLayer(marker);
      bounds.push([point.lat, point.lng]);
    }
    if (bounds.length === 1) map.setView(bounds[0], Number(container.dataset.kaartZoom) || 15);
    else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  }

  show(data.points);

  // The live filter replaced the results (and the island in them): show their markers.
  let current = document.getElementById(sourceId);
  new MutationObserver(function () {
    const island = document.getElementById(sourceId);
    if (island === current) return;
    current = island;
    const fresh = readData();
    container.hidden = !(fresh && fresh.points && fresh.points.length);
    if (!container.hidden) {
      map.invalidateSize();
      show(fresh.points);
    }
  }).observe(document.querySelector("main") || document.body, { childList: true, subtree: true });
})();
