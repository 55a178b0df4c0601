//! The benchmark's reference: the map's own places on a plain Leaflet page.
//!
//! [`LeafletPage::write`] assembles, in a directory of its own, the page of
//! `crates/e2e/bench/leaflet/` (HTML, a little CSS and JS), Leaflet 1.9's
//! `leaflet.js` and `leaflet.css` (npm `leaflet`), the Natural Earth 110m
//! countries as GeoJSON (npm `world-atlas`, converted by npm
//! `topojson-client`: `scripts/bench-site` does both) and the site's own
//! `places.geojson`. The same [`crate::StaticServer`] serves it and the same
//! probes measure it, with [`LEAFLET`] naming its parts.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::probe::Selectors;

/// The parts of the Leaflet page, for the probes. Its markers carry the
/// place's name as `aria-label`, as the map's do.
pub const LEAFLET: Selectors<'static> = Selectors {
    surface: "#map",
    marker: "path.leaflet-interactive",
    popup_content: ".leaflet-popup-content li",
    avoid: ".leaflet-interactive, .leaflet-control, .leaflet-popup, a, button",
};

/// The page's own files, compiled in so the benchmark runs from anywhere.
const PAGE_FILES: &[(&str, &str)] = &[
    ("index.html", include_str!("../bench/leaflet/index.html")),
    ("page.css", include_str!("../bench/leaflet/page.css")),
    ("page.js", include_str!("../bench/leaflet/page.js")),
];

/// A Leaflet reference page written to a directory.
#[derive(Debug, Clone)]
pub struct LeafletPage {
    /// The directory to serve.
    pub dir: PathBuf,
}

impl LeafletPage {
    /// Writes the page into `dir` (created, emptied of an older page's
    /// files): Leaflet's `leaflet.js` and `leaflet.css` from `leaflet_dist`
    /// (the npm package's `dist/`), `countries` (a GeoJSON file) as
    /// `countries.geojson`, and `places` (a site's `places.geojson`).
    ///
    /// # Errors
    /// [`Error::Read`] naming the file that cannot be read or written.
    pub fn write(dir: &Path, leaflet_dist: &Path, countries: &Path, places: &Path) -> Result<Self> {
        let io_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Read { path, source }
        };
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir).map_err(io_error(dir))?;
        for (name, text) in PAGE_FILES {
            let path = dir.join(name);
            fs::write(&path, text).map_err(io_error(&path))?;
        }
        let copies = [
            (leaflet_dist.join("leaflet.js"), "leaflet.js"),
            (leaflet_dist.join("leaflet.css"), "leaflet.css"),
            (countries.to_path_buf(), "countries.geojson"),
            (places.to_path_buf(), "places.geojson"),
        ];
        for (from, name) in copies {
            fs::copy(&from, dir.join(name)).map_err(io_error(&from))?;
        }
        Ok(Self {
            dir: dir.to_path_buf(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_page_its_library_and_both_data_files() {
        let scratch = std::env::temp_dir().join(format!("e2e-leaflet-{}", std::process::id()));
        let sources = scratch.join("sources");
        fs::create_dir_all(&sources).unwrap();
        for name in [
            "leaflet.js",
            "leaflet.css",
            "world.geojson",
            "places.geojson",
        ] {
            fs::write(sources.join(name), name).unwrap();
        }
        let out = scratch.join("page");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("stale.txt"), "old").unwrap();
        let page = LeafletPage::write(
            &out,
            &sources,
            &sources.join("world.geojson"),
            &sources.join("places.geojson"),
        )
        .unwrap();
        let mut names: Vec<_> = fs::read_dir(&page.dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "countries.geojson",
                "index.html",
                "leaflet.css",
                "leaflet.js",
                "page.css",
                "page.js",
                "places.geojson"
            ]
        );
        assert_eq!(
            fs::read_to_string(out.join("countries.geojson")).unwrap(),
            "world.geojson"
        );
        let html = fs::read_to_string(out.join("index.html")).unwrap();
        assert!(html.contains(r#"<script src="leaflet.js">"#), "{html}");

        let missing =
            LeafletPage::write(&out, &scratch.join("nope"), &sources, &sources).unwrap_err();
        assert!(missing.to_string().contains("nope"), "{missing}");
    }
}
