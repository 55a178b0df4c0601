//! The app's components, one per file.

pub mod article_date;
pub mod article_list;
pub mod article_view;
pub mod attribution;
pub mod basemap;
pub mod controls;
pub mod embed_dialog;
pub mod filter_chip;
pub mod legend;
pub mod map;
pub mod markers;
pub mod popup;
pub mod scale_bar;
pub mod search;
pub mod timeline;
pub mod zone_dialog;
pub mod zones;
