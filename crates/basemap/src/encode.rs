//! Quantising and delta-encoding arcs for the basemap file.

use geo::Coord;
use model::COORDINATE_UNIT_KM;

/// Rounds projected kilometres to the basemap grid ([`COORDINATE_UNIT_KM`]),
/// dropping points that fall on the same cell as the one before.
///
/// ```
/// use geo::Coord;
/// let q = basemap::quantise(&[Coord { x: 0.04, y: 0.0 }, Coord { x: 0.01, y: 0.0 }, Coord { x: 1.26, y: -0.5 }]);
/// assert_eq!(q, vec![[0, 0], [13, -5]]);
/// ```
pub fn quantise(points: &[Coord]) -> Vec<[i32; 2]> {
    let mut cells: Vec<[i32; 2]> = Vec::with_capacity(points.len());
    for point in points {
        let cell = [to_units(point.x), to_units(point.y)];
        if cells.last() != Some(&cell) {
            cells.push(cell);
        }
    }
    cells
}

fn to_units(km: f64) -> i32 {
    // |km| < 40,000: always fits.
    (km / COORDINATE_UNIT_KM).round() as i32
}

/// The first point as is, then each point as its difference from the
/// previous one: the arc encoding of [`model::Basemap::arcs`].
///
/// ```
/// assert_eq!(basemap::delta_encode(&[[5, 5], [7, 4], [7, 9]]), vec![[5, 5], [2, -1], [0, 5]]);
/// ```
pub fn delta_encode(cells: &[[i32; 2]]) -> Vec<[i32; 2]> {
    let mut previous = [0, 0];
    cells
        .iter()
        .map(|&[x, y]| {
            let delta = [x - previous[0], y - previous[1]];
            previous = [x, y];
            delta
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_decodes_what_is_encoded() {
        let points: Vec<Coord> = [
            (-1234.56, 789.01),
            (-1234.0, 790.0),
            (2500.04, -3100.96),
            (2500.0, -3100.99),
        ]
        .iter()
        .map(|&(x, y)| Coord { x, y })
        .collect();
        let cells = quantise(&points);
        assert_eq!(cells.len(), 3, "the last point shares the third's cell");
        let basemap = model::Basemap {
            arcs: vec![delta_encode(&cells)],
            countries: vec![],
        };
        let decoded = basemap.arc_points(0);
        assert_eq!(decoded.len(), 3);
        for (point, (x, y)) in points.iter().zip(&decoded) {
            assert!(
                (point.x - x).abs() <= COORDINATE_UNIT_KM / 2.0 + 1e-9,
                "{point:?} {x}"
            );
            assert!(
                (point.y - y).abs() <= COORDINATE_UNIT_KM / 2.0 + 1e-9,
                "{point:?} {y}"
            );
        }
    }
}
