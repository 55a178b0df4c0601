//! Geocoder (placeholder, being written).
