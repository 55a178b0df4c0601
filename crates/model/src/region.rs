//! The countries the map is about, read from `data/region.tsv`, their one
//! definition: the CSTO member states, and the region of interest (the
//! members and every country bordering one of them by land).
//!
//! The basemap draws the members apart, the geocoder prefers the region of
//! interest among homonyms, and the gazetteer generator (`scripts/gazetteer.py`,
//! which reads the same file) keeps small places there only.
//!
//! ```
//! assert!(model::region::is_csto_member("KG"));
//! assert!(!model::region::is_csto_member("UZ"));
//! assert!(model::region::in_region_of_interest("UZ"));
//! assert!(!model::region::in_region_of_interest("PK"));
//! assert_eq!(model::region::csto_members().count(), 6);
//! ```

/// `data/region.tsv`: code, role (`member` or `neighbour`), English name.
const REGION_TSV: &str = include_str!("../../../data/region.tsv");

/// `(code, role)` of every country of the file.
fn countries() -> impl Iterator<Item = (&'static str, &'static str)> {
    REGION_TSV
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            Some((fields.next()?, fields.next()?))
        })
}

/// The CSTO member states, ISO 3166-1 alpha-2 codes in file order.
pub fn csto_members() -> impl Iterator<Item = &'static str> {
    countries()
        .filter(|&(_, role)| role == "member")
        .map(|(code, _)| code)
}

/// The region of interest: the members, then their land neighbours.
pub fn region_of_interest() -> impl Iterator<Item = &'static str> {
    countries().map(|(code, _)| code)
}

/// Whether `code` (ISO 3166-1 alpha-2) is a CSTO member state.
pub fn is_csto_member(code: &str) -> bool {
    csto_members().any(|member| member == code)
}

/// Whether `code` (ISO 3166-1 alpha-2) is in the region of interest.
pub fn in_region_of_interest(code: &str) -> bool {
    region_of_interest().any(|country| country == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_a_code_a_role_and_a_name() {
        let rows: Vec<_> = REGION_TSV
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        assert_eq!(rows.len(), countries().count());
        for row in rows {
            let fields: Vec<_> = row.split('\t').collect();
            assert_eq!(fields.len(), 3, "{row:?}");
            assert!(
                fields[0].len() == 2 && fields[0].bytes().all(|b| b.is_ascii_uppercase()),
                "{row:?}"
            );
            assert!(matches!(fields[1], "member" | "neighbour"), "{row:?}");
        }
    }

    #[test]
    fn the_six_members_are_in_the_region_of_interest() {
        let members: Vec<_> = csto_members().collect();
        assert_eq!(members, ["AM", "BY", "KG", "KZ", "RU", "TJ"]);
        assert!(members.iter().all(|code| in_region_of_interest(code)));
        assert!(!in_region_of_interest(""));
    }
}
