//! The conflict zones file ([`ZONES`]): areas where places that the same
//! articles name lie close together, found at build time by the geocoder
//! (`crates/geocoder/src/zones.rs` documents the method and its
//! parameters) and drawn by the app under the markers.

use serde::{Deserialize, Serialize};

/// The zones ([`ZoneFile`]), fetched by the first view beside the index
/// (kept out of it so the index stays small).
pub const ZONES: &str = "zones.json";

/// The contents of [`ZONES`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ZoneFile {
    /// The zones, ordered by their first place's position; the search
    /// file refers to one by its position here.
    pub zones: Vec<Zone>,
}

/// One conflict zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    /// Its name: from `data/zones.tsv` when a hand-kept record names it,
    /// else its most named places joined by en dashes.
    pub label: String,
    /// The places it is made of, as positions in
    /// [`super::SiteIndex::places`], ascending (packed:
    /// [`crate::packed::ascending`]).
    #[serde(with = "crate::packed::ascending")]
    pub places: Vec<u32>,
    /// The articles that name any of its places, as positions in
    /// [`super::SiteIndex::articles`], ascending (packed: a zone of a
    /// large corpus lists thousands, which JSON numbers made the largest
    /// part of this file).
    #[serde(with = "crate::packed::ascending")]
    pub articles: Vec<u32>,
    /// Its outline: rings of points projected with
    /// [`crate::Albers::csto`] and quantised to
    /// [`crate::COORDINATE_UNIT_KM`] (absolute, not delta-encoded), outer
    /// rings and holes alike (filled with the even-odd rule).
    pub rings: Vec<Vec<[i32; 2]>>,
    /// Where its label goes: the top of the outline, centred, in the
    /// same units as `rings`.
    pub label_at: [i32; 2],
}

impl Zone {
    /// Whether article `article` (a position in
    /// [`super::SiteIndex::articles`]) is one of the zone's.
    pub fn has_article(&self, article: u32) -> bool {
        self.articles.binary_search(&article).is_ok()
    }
}
