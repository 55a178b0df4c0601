//! Deep links: `#place=<id>` opens a place's popup, `#article=<id>` the
//! reader on an article, and
//! `#at=<lon>,<lat>,<px per km>` sets the first view, so a link (or a
//! test, or a screenshot) can show exactly one state of the map.

/// What a URL fragment asks for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fragment {
    /// The place whose popup to open.
    pub place: Option<String>,
    /// The article to show in the reader.
    pub article: Option<String>,
    /// Longitude, latitude and zoom (px per km) of the first view.
    pub at: Option<(f64, f64, f64)>,
}

/// Parses `#place=batken-1528735&at=70.8,40.1,2`; unknown keys and
/// malformed values are ignored.
pub fn parse(hash: &str) -> Fragment {
    let mut fragment = Fragment::default();
    for pair in hash.trim_start_matches('#').split('&') {
        let Some((key, value)) = pair.split_once('=') else { continue };
        match key {
            "place" if !value.is_empty() => fragment.place = Some(value.to_owned()),
            "article" if !value.is_empty() => fragment.article = Some(value.to_owned()),
            "at" => {
                let numbers: Vec<f64> = value.split(',').filter_map(|n| n.trim().parse().ok()).collect();
                if let [lon, lat, scale] = numbers[..] {
                    if lon.is_finite() && lat.is_finite() && scale.is_finite() && scale > 0.0 {
                        fragment.at = Some((lon, lat, scale));
                    }
                }
            }
            _ => {}
        }
    }
    fragment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_place_and_view() {
        let f = parse("#place=vorukh-1220164&at=70.6,39.9,4&article=000_x");
        assert_eq!(f.place.as_deref(), Some("vorukh-1220164"));
        assert_eq!(f.article.as_deref(), Some("000_x"));
        assert_eq!(f.at, Some((70.6, 39.9, 4.0)));
    }

    #[test]
    fn ignores_what_it_does_not_understand() {
        assert_eq!(parse(""), Fragment::default());
        assert_eq!(parse("#at=1,2&place=&x=y"), Fragment::default());
        assert_eq!(parse("#at=1,2,-3").at, None);
        assert_eq!(parse("#at=1,NaN,3").at, None);
    }
}
