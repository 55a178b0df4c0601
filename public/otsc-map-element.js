// <otsc-map> custom element: the map inside any page's DOM, without an
// iframe, in a shadow root so that no style leaks either way.
//
//   <script type="module" src="https://…/otsc-map-element.js"></script>
//   <otsc-map place="batken-1528735" lang="fr" theme="dark" embed style="height:480px"></otsc-map>
//
// Attributes (all optional; see examples/README.md): place, lang (en|fr|ru;
// default: the browser's language), theme (dark|light; default: the
// reader's prefers-color-scheme), embed, article (ids, comma-separated), at
// (lon,lat,pxPerKm). Changing one re-mounts the map. Size the element with
// CSS (default height 480px).
//
// This file sits next to the built site (dist/): it imports `loader.js`
// (Trunk's loader, moved to a file by crates/bundle), which resolves the
// wasm against its own URL, so the host page can live anywhere (the site's
// host must then allow CORS for module scripts and the wasm when it is
// another origin). No inline script or style is used: fine under a strict
// Content-Security-Policy (script-src of the site's origin).

const LOADER_URL = new URL("./loader.js", import.meta.url);
const ATTRIBUTES = ["place", "lang", "theme", "embed", "article", "at"];

// The host page is not the standalone map: never mount on its <body>.
globalThis.otscMapNoAutomount = true;

let bindingsPromise;

/** The wasm module's exports, loaded once for every element of the page. */
function wasmBindings() {
  bindingsPromise ??= import(LOADER_URL.href).then(() => {
    if (typeof globalThis.wasmBindings?.mount !== "function") {
      throw new Error(`otsc-map: ${LOADER_URL} did not expose mount()`);
    }
    return globalThis.wasmBindings;
  });
  return bindingsPromise;
}

/** Styles of the element itself, shared by every instance; constructable
 * (adopted) so that a strict CSP without 'unsafe-inline' allows them. */
const hostSheet = new CSSStyleSheet();
// `all: initial` stops inheritance from the host page (fonts, colours): the
// shadow root already stops the host's selectors.
hostSheet.replaceSync(`
  :host { all: initial; display: block; position: relative; height: 480px; contain: content; }
  :host([hidden]) { display: none; }
  .otsc-map-root { position: absolute; inset: 0; }
`);

class OtscMapElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #root;
  #unmount = null;
  #generation = 0;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    shadow.adoptedStyleSheets = [hostSheet];
    this.#root = document.createElement("div");
    this.#root.className = "otsc-map-root";
    shadow.append(this.#root);
  }

  connectedCallback() {
    this.#remount();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#stop();
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue && this.isConnected) this.#remount();
  }

  /** The mount() options from the attributes present. */
  #options() {
    // The data files sit next to this script, not next to the host page.
    const options = { base: new URL("./", import.meta.url).href };
    for (const name of ATTRIBUTES) {
      if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
    }
    return options;
  }

  async #remount() {
    // Attribute changes may come faster than the wasm loads: only the
    // latest request mounts.
    const generation = ++this.#generation;
    let bindings;
    try {
      bindings = await wasmBindings();
    } catch (error) {
      console.error(error);
      return;
    }
    if (generation !== this.#generation || !this.isConnected) return;
    this.#stop();
    this.#unmount = bindings.mount(this.#root, this.#options());
    this.dispatchEvent(new CustomEvent("otsc-map:ready", { bubbles: true, composed: true }));
  }

  #stop() {
    if (typeof this.#unmount === "function") this.#unmount();
    this.#unmount = null;
    this.#root.replaceChildren();
  }
}

if (!customElements.get("otsc-map")) {
  customElements.define("otsc-map", OtscMapElement);
}
