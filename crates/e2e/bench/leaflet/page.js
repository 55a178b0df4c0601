// The reference of the site benchmark (scripts/bench-site): the map's own
// places (its places.geojson) on a plain Leaflet 1.9 page, as a newsroom
// would write it. Natural Earth 110m countries (world-atlas, converted to
// GeoJSON by topojson-client), one SVG circle marker per place, a popup
// built on click with the excerpts. No tiles: nothing but this directory.
"use strict";

// A popup lists this many excerpts, then says how many more there are.
const EXCERPTS_SHOWN = 100;

const element = (tag, text) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
};

function popup(place, articles) {
  const content = element("div");
  const mentions = place.mentions || [];
  content.append(element("h2", place.name));
  content.append(element("p", `${mentions.length} mention${mentions.length === 1 ? "" : "s"}`));
  const list = element("ul");
  for (const mention of mentions.slice(0, EXCERPTS_SHOWN)) {
    const item = element("li", mention.excerpt || mention.text || "");
    const article = articles.get(mention.article);
    if (article && article.url) {
      const link = element("a", article.title || article.url);
      link.href = article.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      item.append(" ", link);
    }
    list.append(item);
  }
  content.append(list);
  if (mentions.length > EXCERPTS_SHOWN) {
    content.append(element("p", `and ${mentions.length - EXCERPTS_SHOWN} more`));
  }
  return content;
}

async function main() {
  const [countries, places] = await Promise.all(
    ["countries.geojson", "places.geojson"].map((url) => fetch(url).then((answer) => answer.json())),
  );
  const articles = new Map((places.articles || []).map((article) => [article.id, article]));
  const features = places.features.filter((feature) => feature.geometry && feature.geometry.type === "Point");
  const map = L.map("map", { worldCopyJump: false });
  map.attributionControl.addAttribution("GeoNames, Natural Earth");
  const latLngs = features.map((feature) => [feature.geometry.coordinates[1], feature.geometry.coordinates[0]]);
  // A view first: Leaflet projects vector layers when they are added.
  map.fitBounds(latLngs.length ? latLngs : [[35, 20], [60, 90]], { padding: [24, 24] });
  L.geoJSON(countries, {
    interactive: false,
    style: { color: "#8a9199", weight: 0.6, fillColor: "#fbfaf7", fillOpacity: 1 },
  }).addTo(map);
  features.forEach((feature, index) => {
    const place = feature.properties;
    const mentions = (place.mentions || []).length;
    const marker = L.circleMarker(latLngs[index], {
      radius: Math.min(16, 4 + Math.sqrt(mentions)),
      weight: 1,
      color: "#7a1f1f",
      fillColor: "#c0392b",
      fillOpacity: 0.8,
    }).addTo(map);
    // Named like the map's markers, so the benchmark clicks the same place.
    marker.getElement().setAttribute("aria-label", place.name);
    marker.bindPopup(() => popup(place, articles), { maxWidth: 360 });
  });
}

main();
