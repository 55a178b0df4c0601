//! Viewport maths: projected kilometres <-> screen pixels, zoom, pan, fit.
//!
//! Pure functions only, so they are tested natively. The map's world is the
//! projected plane of [`model::Albers::csto`] (kilometres, `y` north); the
//! screen has `y` down, origin at the top-left of the map element.

/// An axis-aligned box in projected kilometres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// West edge.
    pub min_x: f64,
    /// South edge.
    pub min_y: f64,
    /// East edge.
    pub max_x: f64,
    /// North edge.
    pub max_y: f64,
}

impl Bounds {
    /// The smallest box holding every point, `None` for no points.
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Bounds> {
        points.into_iter().fold(None, |bounds, (x, y)| {
            Some(match bounds {
                None => Bounds {
                    min_x: x,
                    min_y: y,
                    max_x: x,
                    max_y: y,
                },
                Some(b) => Bounds {
                    min_x: b.min_x.min(x),
                    min_y: b.min_y.min(y),
                    max_x: b.max_x.max(x),
                    max_y: b.max_y.max(y),
                },
            })
        })
    }

    /// Width in kilometres.
    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    /// Height in kilometres.
    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    /// Centre point.
    pub fn center(&self) -> (f64, f64) {
        (
            (self.min_x + self.max_x) / 2.0,
            (self.min_y + self.max_y) / 2.0,
        )
    }

    /// The box grown by `km` on every side.
    pub fn grown(&self, km: f64) -> Bounds {
        Bounds {
            min_x: self.min_x - km,
            min_y: self.min_y - km,
            max_x: self.max_x + km,
            max_y: self.max_y + km,
        }
    }
}

/// How far the view may zoom and pan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// The view's centre stays inside this box, so the map cannot be lost.
    pub pan: Bounds,
    /// Smallest zoom, in pixels per kilometre.
    pub min_scale: f64,
    /// Largest zoom, in pixels per kilometre.
    pub max_scale: f64,
}

impl Limits {
    /// Limits for a world of `extent` seen in a `width` x `height` px
    /// viewport: zoom out until the whole extent fits, zoom in to
    /// [`MAX_SCALE`], keep the centre over the extent.
    pub fn for_extent(extent: Bounds, width: f64, height: f64) -> Limits {
        let fit = fit_scale(extent, width, height, 0.0);
        Limits {
            pan: extent,
            min_scale: fit.min(MAX_SCALE),
            max_scale: MAX_SCALE,
        }
    }
}

/// Deepest zoom: 8 px per km (125 m per px). The basemap is quantised to
/// 100 m, so zooming further would only magnify its simplification.
pub const MAX_SCALE: f64 = 8.0;

/// What the map shows: a centre, a zoom, and the viewport's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Centre of the viewport, projected kilometres east.
    pub center_x: f64,
    /// Centre of the viewport, projected kilometres north.
    pub center_y: f64,
    /// Zoom: screen pixels per projected kilometre.
    pub scale: f64,
    /// Viewport width in CSS pixels.
    pub width: f64,
    /// Viewport height in CSS pixels.
    pub height: f64,
}

impl View {
    /// Screen point (px from the top-left) of a projected point.
    pub fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.center_x) * self.scale + self.width / 2.0,
            (self.center_y - y) * self.scale + self.height / 2.0,
        )
    }

    /// Projected point under a screen point; inverse of [`View::to_screen`].
    pub fn to_world(&self, px: f64, py: f64) -> (f64, f64) {
        (
            self.center_x + (px - self.width / 2.0) / self.scale,
            self.center_y - (py - self.height / 2.0) / self.scale,
        )
    }

    /// The SVG `transform` that draws projected kilometres (y north) at
    /// this view: one affine map, so paths are built once and never rebuilt.
    pub fn svg_transform(&self) -> String {
        let tx = self.width / 2.0 - self.center_x * self.scale;
        let ty = self.height / 2.0 + self.center_y * self.scale;
        format!(
            "matrix({s:.6} 0 0 {neg:.6} {tx:.3} {ty:.3})",
            s = self.scale,
            neg = -self.scale
        )
    }

    /// The CSS transform that makes a picture drawn at `drawn` look like
    /// this view: screen point `p` of `drawn` goes to `scale * p + (tx, ty)`.
    /// Returned as `(scale, tx, ty)`, for `translate(tx, ty) scale(scale)`
    /// with the origin at the top-left. Both views must share their size.
    pub fn transform_from(&self, drawn: &View) -> (f64, f64, f64) {
        let (wx, wy) = drawn.to_world(0.0, 0.0);
        let (tx, ty) = self.to_screen(wx, wy);
        (self.scale / drawn.scale, tx, ty)
    }

    /// Zooms by `factor` keeping the world point under `(px, py)` fixed
    /// (the pointer for the wheel and pinch, the centre for the buttons),
    /// then applies the limits.
    pub fn zoom_about(&self, factor: f64, px: f64, py: f64, limits: &Limits) -> View {
        let scale = (self.scale * factor).clamp(limits.min_scale, limits.max_scale);
        let (wx, wy) = self.to_world(px, py);
        let zoomed = View {
            center_x: wx - (px - self.width / 2.0) / scale,
            center_y: wy + (py - self.height / 2.0) / scale,
            scale,
            ..*self
        };
        zoomed.clamped(limits)
    }

    /// Moves the map by a screen offset (dragging right moves it right).
    pub fn pan_by(&self, dx: f64, dy: f64, limits: &Limits) -> View {
        View {
            center_x: self.center_x - dx / self.scale,
            center_y: self.center_y + dy / self.scale,
            ..*self
        }
        .clamped(limits)
    }

    /// The view with its zoom and centre brought within the limits.
    pub fn clamped(&self, limits: &Limits) -> View {
        let pan = limits.pan;
        View {
            center_x: self.center_x.clamp(pan.min_x, pan.max_x.max(pan.min_x)),
            center_y: self.center_y.clamp(pan.min_y, pan.max_y.max(pan.min_y)),
            scale: self.scale.clamp(limits.min_scale, limits.max_scale),
            ..*self
        }
    }

    /// The same world centre and zoom in a viewport of another size.
    pub fn resized(&self, width: f64, height: f64) -> View {
        View {
            width: width.max(1.0),
            height: height.max(1.0),
            ..*self
        }
    }

    /// The view that shows `bounds` whole, with `margin_px` free on every side.
    pub fn fit(bounds: Bounds, width: f64, height: f64, margin_px: f64, limits: &Limits) -> View {
        let (center_x, center_y) = bounds.center();
        let scale = fit_scale(bounds, width, height, margin_px);
        View {
            center_x,
            center_y,
            scale,
            width,
            height,
        }
        .clamped(limits)
    }

    /// The smallest pan that brings screen point `(px, py)` inside the box
    /// `left..right` x `top..bottom` (px); used to keep a marker clear of
    /// a popup laid over part of the map.
    pub fn reveal(&self, px: f64, py: f64, area: (f64, f64, f64, f64), limits: &Limits) -> View {
        let (left, top, right, bottom) = area;
        let dx = if px < left {
            left - px
        } else if px > right {
            right - px
        } else {
            0.0
        };
        let dy = if py < top {
            top - py
        } else if py > bottom {
            bottom - py
        } else {
            0.0
        };
        self.pan_by(dx, dy, limits)
    }
}

/// Pixels per km at which `bounds` fills the viewport minus margins.
fn fit_scale(bounds: Bounds, width: f64, height: f64, margin_px: f64) -> f64 {
    let usable_w = (width - 2.0 * margin_px).max(width * 0.25).max(1.0);
    let usable_h = (height - 2.0 * margin_px).max(height * 0.25).max(1.0);
    let sx = usable_w / bounds.width().max(1.0);
    let sy = usable_h / bounds.height().max(1.0);
    sx.min(sy)
}

/// The box to frame first: where the places concentrate, weighted by how
/// often they are mentioned, with far outliers (Washington in an article
/// about Central Asia) dropped.
///
/// Keeps the points within four times the weighted median distance from
/// the weighted median point (and always those within 1000 km of it), then
/// takes their bounding box.
pub fn focus_bounds(points: &[((f64, f64), f64)]) -> Option<Bounds> {
    let xs: Vec<(f64, f64)> = points.iter().map(|&((x, _), w)| (x, w)).collect();
    let ys: Vec<(f64, f64)> = points.iter().map(|&((_, y), w)| (y, w)).collect();
    let (mx, my) = (weighted_median(&xs)?, weighted_median(&ys)?);
    let distances: Vec<(f64, f64)> = points
        .iter()
        .map(|&((x, y), w)| (((x - mx).powi(2) + (y - my).powi(2)).sqrt(), w))
        .collect();
    let cutoff = (4.0 * weighted_median(&distances)?).max(1000.0);
    Bounds::around(
        points
            .iter()
            .zip(&distances)
            .filter(|(_, &(d, _))| d <= cutoff)
            .map(|(&(p, _), _)| p),
    )
}

/// The value that splits the total weight in half (lower one on a tie).
fn weighted_median(values: &[(f64, f64)]) -> Option<f64> {
    let mut sorted: Vec<(f64, f64)> = values
        .iter()
        .copied()
        .filter(|(v, w)| v.is_finite() && *w > 0.0)
        .collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = sorted.iter().map(|(_, w)| w).sum();
    let mut running = 0.0;
    for (value, weight) in &sorted {
        running += weight;
        if running >= total / 2.0 {
            return Some(*value);
        }
    }
    None
}

/// A scale bar: a round distance (1, 2 or 5 x 10^k km) and its length in
/// pixels, the longest that fits in `max_px` at this zoom.
pub fn scale_bar(scale: f64, max_px: f64) -> (f64, f64) {
    let max_km = max_px / scale;
    let mut step = 10f64.powf(max_km.log10().floor());
    for candidate in [5.0, 2.0, 1.0] {
        if candidate * step <= max_km {
            step *= candidate;
            break;
        }
    }
    (step, step * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            pan: Bounds {
                min_x: -5000.0,
                min_y: -3000.0,
                max_x: 5000.0,
                max_y: 3000.0,
            },
            min_scale: 0.01,
            max_scale: MAX_SCALE,
        }
    }

    fn view() -> View {
        View {
            center_x: 1000.0,
            center_y: -500.0,
            scale: 0.5,
            width: 800.0,
            height: 600.0,
        }
    }

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
    }

    #[test]
    fn centre_maps_to_the_middle_and_north_is_up() {
        let v = view();
        assert!(close(v.to_screen(1000.0, -500.0), (400.0, 300.0)));
        let (_, north) = v.to_screen(1000.0, 0.0);
        assert!(north < 300.0, "a point further north is higher on screen");
        let (east, _) = v.to_screen(1200.0, -500.0);
        assert_eq!(east, 500.0);
    }

    #[test]
    fn screen_and_world_round_trip() {
        let v = view();
        for &(px, py) in &[(0.0, 0.0), (123.5, 456.25), (800.0, 600.0)] {
            let (x, y) = v.to_world(px, py);
            assert!(close(v.to_screen(x, y), (px, py)));
        }
    }

    #[test]
    fn svg_transform_agrees_with_to_screen() {
        let v = view();
        // matrix(a 0 0 d e f): screen = (a x + e, d y + f)
        let numbers: Vec<f64> = v
            .svg_transform()
            .trim_start_matches("matrix(")
            .trim_end_matches(')')
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y) = (1234.0, -987.0);
        let by_matrix = (numbers[0] * x + numbers[4], numbers[3] * y + numbers[5]);
        let (sx, sy) = v.to_screen(x, y);
        assert!((by_matrix.0 - sx).abs() < 0.01 && (by_matrix.1 - sy).abs() < 0.01);
    }

    #[test]
    fn transform_from_moves_the_drawn_picture_onto_the_new_view() {
        let drawn = view();
        let now = drawn
            .zoom_about(1.7, 650.0, 120.0, &limits())
            .pan_by(-40.0, 25.0, &limits());
        let (k, tx, ty) = now.transform_from(&drawn);
        for &(x, y) in &[(1000.0, -500.0), (1234.0, -987.0), (-300.0, 800.0)] {
            let (px, py) = drawn.to_screen(x, y);
            assert!(close((k * px + tx, k * py + ty), now.to_screen(x, y)));
        }
        assert_eq!(drawn.transform_from(&drawn), (1.0, 0.0, 0.0));
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let v = view();
        let (px, py) = (650.0, 120.0);
        let before = v.to_world(px, py);
        let zoomed = v.zoom_about(2.0, px, py, &limits());
        assert_eq!(zoomed.scale, 1.0);
        assert!(close(zoomed.to_world(px, py), before));
    }

    #[test]
    fn zoom_stops_at_the_limits() {
        let v = view();
        assert_eq!(v.zoom_about(1e6, 400.0, 300.0, &limits()).scale, MAX_SCALE);
        assert_eq!(v.zoom_about(1e-6, 400.0, 300.0, &limits()).scale, 0.01);
    }

    #[test]
    fn pan_follows_the_drag_and_is_clamped() {
        let v = view();
        let panned = v.pan_by(100.0, -50.0, &limits());
        // The map moves right and up: the centre goes west and south.
        assert_eq!((panned.center_x, panned.center_y), (800.0, -600.0));
        // Dragging far left and down: the centre stops at the east and north edges.
        let lost = v.pan_by(-1e7, 1e7, &limits());
        assert_eq!((lost.center_x, lost.center_y), (5000.0, 3000.0));
    }

    #[test]
    fn fit_shows_the_whole_box_with_margins() {
        let bounds = Bounds {
            min_x: 0.0,
            min_y: 0.0,
            max_x: 2000.0,
            max_y: 500.0,
        };
        let v = View::fit(bounds, 800.0, 600.0, 40.0, &limits());
        let (left, bottom) = v.to_screen(bounds.min_x, bounds.min_y);
        let (right, top) = v.to_screen(bounds.max_x, bounds.max_y);
        assert!(left >= 39.99 && right <= 760.01 && top >= 39.99 && bottom <= 560.01);
        assert!(
            (right - left - 720.0).abs() < 1e-6,
            "the limiting side fills the width"
        );
    }

    #[test]
    fn reveal_pans_just_enough() {
        let v = view();
        let moved = v.reveal(400.0, 500.0, (0.0, 0.0, 800.0, 250.0), &limits());
        let (_, y) = moved.to_screen(v.to_world(400.0, 500.0).0, v.to_world(400.0, 500.0).1);
        assert!((y - 250.0).abs() < 1e-6);
        assert_eq!(
            v.reveal(400.0, 100.0, (0.0, 0.0, 800.0, 250.0), &limits()),
            v
        );
    }

    #[test]
    fn focus_drops_a_far_outlier_but_keeps_the_cluster() {
        let almaty = ((1300.0, -100.0), 10.0);
        let batken = ((800.0, -500.0), 12.0);
        let moscow = ((-700.0, 1000.0), 3.0);
        let washington = ((-9000.0, 6000.0), 1.0);
        let bounds = focus_bounds(&[almaty, batken, moscow, washington]).unwrap();
        assert_eq!(
            bounds,
            Bounds {
                min_x: -700.0,
                min_y: -500.0,
                max_x: 1300.0,
                max_y: 1000.0
            }
        );
    }

    #[test]
    fn focus_of_nothing_is_none() {
        assert_eq!(focus_bounds(&[]), None);
    }

    #[test]
    fn scale_bar_picks_a_round_distance_that_fits() {
        assert_eq!(scale_bar(0.5, 100.0), (200.0, 100.0));
        let (km, px) = scale_bar(0.37, 100.0);
        assert_eq!(km, 200.0);
        assert!(px <= 100.0 && px > 50.0);
        assert_eq!(scale_bar(8.0, 100.0).0, 10.0);
    }
}
