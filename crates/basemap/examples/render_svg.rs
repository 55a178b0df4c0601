//! Draws a basemap file as SVG, to look at the result (e.g. with
//! `chromium --headless --screenshot`).
//!
//! ```text
//! cargo run --release -p basemap --example render_svg -- data/basemap.json out.svg \
//!     [west south east north]
//! ```
//! The optional box, in degrees, frames the picture (default: the whole map).
//! A few reference places are drawn as red dots.

use std::fmt::Write;

use anyhow::Context;
use model::{Albers, Basemap};

const PLACES: &[(&str, f64, f64)] = &[
    ("Batken", 70.82, 40.06),
    ("Vorukh", 70.55, 39.85),
    ("Isfara", 70.63, 40.13),
    ("Almaty", 76.95, 43.25),
    ("Moscow", 37.62, 55.75),
    ("Yerevan", 44.51, 40.18),
];

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, rest @ ..] = args.as_slice() else {
        anyhow::bail!("usage: render_svg <basemap.json> <out.svg> [west south east north]");
    };
    let text = std::fs::read_to_string(input).with_context(|| format!("cannot read {input}"))?;
    let basemap = Basemap::from_json_str(&text).with_context(|| input.clone())?;
    let albers = Albers::csto();

    let (mut x0, mut y0, mut x1, mut y1);
    if let [w, s, e, n] = rest {
        let (w, s, e, n): (f64, f64, f64, f64) = (w.parse()?, s.parse()?, e.parse()?, n.parse()?);
        (x0, y0, x1, y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for i in 0..=20 {
            let t = f64::from(i) / 20.0;
            for (lon, lat) in [
                (w + t * (e - w), s),
                (w + t * (e - w), n),
                (w, s + t * (n - s)),
                (e, s + t * (n - s)),
            ] {
                let (x, y) = albers.project(lon, lat);
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
        }
    } else {
        (x0, y0, x1, y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for index in 0..basemap.arcs.len() {
            for (x, y) in basemap.arc_points(index) {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
        }
    }
    let (width, height) = (x1 - x0, y1 - y0);
    let stroke = width / 1500.0;
    let mut svg = String::new();
    writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {} {width} {height}" width="1600" height="{}">"#,
        -y1,
        (1600.0 * height / width).round()
    )?;
    writeln!(
        svg,
        r##"<rect x="{x0}" y="{}" width="{width}" height="{height}" fill="#cfe3f0"/>"##,
        -y1
    )?;
    for country in &basemap.countries {
        let fill = if country.csto { "#f4c27a" } else { "#f2efe6" };
        let mut d = String::new();
        for ring in &country.rings {
            for (i, (x, y)) in basemap.ring_points(ring).into_iter().enumerate() {
                write!(d, "{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x, -y)?;
            }
            d.push('Z');
        }
        writeln!(
            svg,
            r##"<path data-country="{}" fill="{fill}" fill-rule="evenodd" stroke="#555" stroke-width="{stroke}" d="{d}"/>"##,
            country.code
        )?;
        let (lx, ly) = (
            f64::from(country.label[0]) * 0.1,
            f64::from(country.label[1]) * 0.1,
        );
        writeln!(
            svg,
            r##"<circle cx="{lx}" cy="{}" r="{}" fill="#2060c0"/>"##,
            -ly,
            stroke * 3.0
        )?;
    }
    for (name, lon, lat) in PLACES {
        let (x, y) = albers.project(*lon, *lat);
        writeln!(
            svg,
            r##"<circle cx="{x}" cy="{}" r="{}" fill="red"/>"##,
            -y,
            stroke * 3.0
        )?;
        writeln!(
            svg,
            r##"<text x="{}" y="{}" font-size="{}" fill="#900">{name}</text>"##,
            x + stroke * 4.0,
            -y,
            stroke * 14.0
        )?;
    }
    svg.push_str("</svg>\n");
    std::fs::write(output, svg).with_context(|| format!("cannot write {output}"))?;
    Ok(())
}
