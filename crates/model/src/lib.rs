//! The data contract of the OTSC conflict map.
//!
//! One set of types, shared by the geocoder that writes the place data and
//! the app that reads it, so the two can never disagree on a field:
//!
//! - [`PlaceCollection`]: the places GeoJSON, a FeatureCollection of Point
//!   features (one per [`Place`]) with a foreign member `articles`
//!   listing every [`Article`] the mentions point into.
//! - [`Basemap`]: the projected, simplified country outlines the app draws.
//! - [`region`]: the CSTO member states and the region of interest, from
//!   `data/region.tsv`.
//! - [`Albers`]: the map projection, applied to the basemap when it is built
//!   (`crates/basemap`) and to each place by the app when it loads the data
//!   (`src/data.rs`); the places GeoJSON keeps longitude and latitude.
//! - [`YearMonth`], [`MonthRange`]: the months articles are dated to and
//!   the time filter's range (`when=YYYY-MM..YYYY-MM`).
//! - [`site`]: the files of the map site (names and formats) that the
//!   geocoder writes and the app fetches.
//!
//! ```
//! use model::{Article, Mention, Place, PlaceCollection, PlaceKind};
//!
//! let places = PlaceCollection {
//!     articles: vec![Article {
//!         id: "000_batken".into(),
//!         title: "Tension à la frontière".into(),
//!         date: None,
//!         inferred_date: None,
//!         url: None,
//!         lang: Some("fr".into()),
//!         text: Some("La ville de Batken.".into()),
//!     }],
//!     places: vec![Place {
//!         id: "batken-1528735".into(),
//!         name: "Batken".into(),
//!         names: [("ru", "Баткен")].map(|(l, n)| (l.to_owned(), n.to_owned())).into(),
//!         kind: PlaceKind::City,
//!         country: Some("KG".into()),
//!         geonameid: Some(1528735),
//!         lon: 70.81944,
//!         lat: 40.06259,
//!         mentions: vec![Mention {
//!             article: "000_batken".into(),
//!             text: "Batken".into(),
//!             start: 10,
//!             end: 16,
//!             excerpt: "La ville de Batken.".into(),
//!             excerpt_start: 0,
//!         }],
//!     }],
//! };
//! let json = places.to_geojson_string()?;
//! assert_eq!(PlaceCollection::from_geojson_str(&json)?, places);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod article;
mod basemap;
mod date;
mod error;
pub mod packed;
mod place;
mod projection;
pub mod region;
pub mod site;

pub use article::{is_web_url, Article};
pub use basemap::{packed_arcs, ArcRef, Basemap, BasemapCountry, COORDINATE_UNIT_KM};
pub use date::{BadMonth, MonthRange, YearMonth};
pub use error::{Error, Result};
pub use place::{
    name_in, GeojsonArticles, GeojsonExcerpts, GeojsonWriter, Mention, MentionRef, MentionWriter,
    Names, Place, PlaceCollection, PlaceId, PlaceKind, NAME_LANGUAGES,
};
pub use projection::Albers;
