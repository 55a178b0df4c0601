//! Builds the map's basemap: Natural Earth country outlines, projected with
//! [`model::Albers::csto`], simplified and stored as shared arcs
//! ([`model::Basemap`]), plus each country's label point.
//!
//! The steps, one module each:
//!
//! - [`read_world_atlas`]: npm `world-atlas` TopoJSON (Natural Earth 10m)
//!   into a [`Topology`] of shared arcs in degrees, countries coded with
//!   [`CountryCodes`] and named with [`CountryNames`] (CLDR).
//! - [`TRANSFERS`] and [`Topology::dissolve_internal_arcs`]: Baikonur back
//!   into Kazakhstan, Crimea into Ukraine.
//! - [`cut_at_antimeridian`]: no arc steps across the 180th meridian.
//! - [`split_by_zone`] and [`simplify_arc`]: Visvalingam–Whyatt (georust
//!   `geo`), fine in the [`Zone::Detail`] box (Caucasus to Xinjiang), coarse
//!   elsewhere; arcs, not polygons, are simplified, so a shared border stays
//!   the same on both sides.
//! - [`label_point`]: pole of inaccessibility (`polylabel`).
//! - [`quantise`] and [`delta_encode`]: the 100 m grid of the file.
//!
//! [`build`] runs them all.
//!
//! ```
//! use geo::Coord;
//! // A line crossing the 180th meridian is cut there.
//! let pieces = basemap::split_at_antimeridian(&[Coord { x: 179.5, y: 65.0 }, Coord { x: -179.5, y: 65.0 }]);
//! assert_eq!(pieces.len(), 2);
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod antimeridian;
mod codes;
mod encode;
mod error;
mod measure;
mod pipeline;
mod simplify;
mod source;
mod topology;

pub use antimeridian::{cut_at_antimeridian, split_at_antimeridian};
pub use codes::{CountryCodes, CountryNames};
pub use encode::{delta_encode, quantise};
pub use error::{Error, Result};
pub use measure::{label_point, ring_area, ring_contains, shape_area, shape_contains};
pub use pipeline::{build, build_from_topology, CodesSource, Config, CountryLabel, Output};
pub use simplify::{simplify_arc, split_by_zone, zone_of_piece, Zone};
pub use source::read_world_atlas;
pub use topology::{Shape, Topology};
