//! The map projection: Albers equal-area conic, spherical.
//!
//! Atlases of the region use a conic projection: shapes stay recognisable
//! from the Caucasus to Xinjiang, and Moscow is not inflated as in Web
//! Mercator. Albers rather than Lambert because it stays finite over the
//! whole globe, so far places (Washington) still land on a drawn country.
//!
//! Longitudes are used as given in `[-180, 180]`, never wrapped: the cut of
//! the conic's fan is the antimeridian itself, where Natural Earth already
//! splits its shapes, so nothing smears across the map.

/// Parameters of a spherical Albers equal-area conic projection.
///
/// Projected coordinates are in kilometres, `x` east and `y` north.
///
/// ```
/// use model::Albers;
/// let albers = Albers::csto();
/// let (x, y) = albers.project(70.8, 40.06); // Batken
/// let (lon, lat) = albers.invert(x, y);
/// assert!((lon - 70.8).abs() < 1e-9 && (lat - 40.06).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Albers {
    lon0: f64,
    n: f64,
    c: f64,
    rho0: f64,
    radius: f64,
}

impl Albers {
    /// The projection of this map: standard parallels 35° and 55° N,
    /// central meridian 60° E, origin latitude 45° N, Earth radius 6371 km.
    pub fn csto() -> Albers {
        Albers::new(60.0, 35.0, 55.0, 45.0)
    }

    const RADIUS_KM: f64 = 6371.0;

    /// A projection with the given central meridian, standard parallels and
    /// origin latitude, in degrees.
    pub fn new(lon0: f64, parallel1: f64, parallel2: f64, lat0: f64) -> Albers {
        let (s1, s2, s0) = (
            parallel1.to_radians().sin(),
            parallel2.to_radians().sin(),
            lat0.to_radians().sin(),
        );
        let c1 = parallel1.to_radians().cos();
        let n = (s1 + s2) / 2.0;
        let c = c1 * c1 + 2.0 * n * s1;
        let radius = Self::RADIUS_KM;
        let rho0 = radius * (c - 2.0 * n * s0).sqrt() / n;
        Albers {
            lon0,
            n,
            c,
            rho0,
            radius,
        }
    }

    /// Projects longitude and latitude (degrees) to `(x, y)` kilometres.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let rho = self.rho(lat);
        let theta = self.n * (lon - self.lon0).to_radians();
        (rho * theta.sin(), self.rho0 - rho * theta.cos())
    }

    /// Inverts [`Albers::project`]: `(x, y)` kilometres to longitude and latitude.
    pub fn invert(&self, x: f64, y: f64) -> (f64, f64) {
        let dy = self.rho0 - y;
        let rho = (x * x + dy * dy).sqrt();
        let theta = x.atan2(dy);
        let ratio = rho * self.n / self.radius;
        let sin_lat = ((self.c - ratio * ratio) / (2.0 * self.n)).clamp(-1.0, 1.0);
        (
            self.lon0 + (theta / self.n).to_degrees(),
            sin_lat.asin().to_degrees(),
        )
    }

    fn rho(&self, lat: f64) -> f64 {
        let s = lat.to_radians().sin();
        self.radius * (self.c - 2.0 * self.n * s).max(0.0).sqrt() / self.n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_is_zero() {
        let (x, y) = Albers::csto().project(60.0, 45.0);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9);
    }

    #[test]
    fn north_is_up_and_east_is_right_in_central_asia() {
        let albers = Albers::csto();
        let almaty = albers.project(76.95, 43.25);
        let batken = albers.project(70.82, 40.06);
        let moscow = albers.project(37.62, 55.75);
        assert!(almaty.0 > batken.0, "Almaty lies east of Batken");
        assert!(moscow.1 > almaty.1, "Moscow lies north of Almaty");
    }

    #[test]
    fn distances_are_roughly_true_near_the_standard_parallels() {
        // Moscow to Almaty is about 3,100 km on the sphere.
        let albers = Albers::csto();
        let (x1, y1) = albers.project(37.62, 55.75);
        let (x2, y2) = albers.project(76.95, 43.25);
        let km = ((x1 - x2).powi(2) + (y1 - y2).powi(2)).sqrt();
        assert!((2_950.0..3_250.0).contains(&km), "{km} km");
    }

    #[test]
    fn round_trips_over_the_globe() {
        let albers = Albers::csto();
        for lon in (-180..=180).step_by(15) {
            for lat in (-85..=85).step_by(10) {
                let (x, y) = albers.project(lon as f64, lat as f64);
                let (lon2, lat2) = albers.invert(x, y);
                assert!((lon as f64 - lon2).abs() < 1e-6, "{lon},{lat} -> {lon2}");
                assert!((lat as f64 - lat2).abs() < 1e-6, "{lon},{lat} -> {lat2}");
            }
        }
    }

    #[test]
    fn antimeridian_sides_stay_apart() {
        // Both sides of the 180° meridian are the two edges of the fan.
        let albers = Albers::csto();
        let east = albers.project(179.9, 66.0);
        let west = albers.project(-179.9, 66.0);
        assert!(east.0 > 0.0 && west.0 < 0.0);
    }
}
