//! Reading Natural Earth's countries from npm `world-atlas` (TopoJSON).

use std::path::Path;

use geo::Coord;
use model::ArcRef;
use topojson::{Topology as TopoTopology, Value};

use crate::codes::CountryCodes;
use crate::error::{read_json, Error, Result};
use crate::topology::{Shape, Topology};

/// Natural Earth units that world-atlas leaves without an ISO numeric id,
/// and the country each belongs to on this map. Baikonur is Kazakh
/// territory leased to Russia: it is merged back into Kazakhstan (its
/// border dissolved). Units not listed keep an empty code and their own
/// outline (Somaliland, Northern Cyprus, Siachen Glacier...).
const UNITS_WITHOUT_ID: &[(&str, &str)] = &[("Baikonur", "KZ"), ("Kosovo", "XK")];

/// Reads the `countries` object of a world-atlas topology into shapes of
/// longitude/latitude arcs, one shape per geometry, coded with `codes`.
///
/// # Errors
/// When the file cannot be read, is not a TopoJSON topology, has no
/// `countries` geometry collection, or refers to arcs it does not have.
pub fn read_world_atlas(path: &Path, codes: &CountryCodes) -> Result<Topology> {
    let topology: TopoTopology = read_json(path)?;
    let shape_error = |reason: String| Error::Shape {
        path: path.to_owned(),
        reason,
    };
    let arcs = decode_arcs(&topology);
    let countries = topology
        .objects
        .iter()
        .find(|object| object.name == "countries")
        .ok_or_else(|| shape_error("no `countries` object".into()))?;
    let Value::GeometryCollection(geometries) = &countries.geometry.value else {
        return Err(shape_error(
            "`countries` is not a GeometryCollection".into(),
        ));
    };
    let mut shapes = Vec::with_capacity(geometries.len());
    for geometry in geometries {
        let name = geometry
            .properties
            .as_ref()
            .and_then(|p| p.get("name"))
            .and_then(|n| n.as_str())
            .unwrap_or_default()
            .to_owned();
        let id = geometry.id.as_ref().and_then(|id| id.as_str());
        let code = match id {
            Some(id) => codes.alpha2(id).unwrap_or_default(),
            None => UNITS_WITHOUT_ID
                .iter()
                .find(|(unit, _)| *unit == name)
                .map_or("", |(_, code)| code),
        };
        let polygons: Vec<&Vec<Vec<i32>>> = match &geometry.value {
            Value::Polygon(rings) => vec![rings],
            Value::MultiPolygon(polygons) => polygons.iter().collect(),
            _ => {
                return Err(shape_error(format!(
                    "{name}: not a Polygon or MultiPolygon"
                )))
            }
        };
        let rings: Vec<Vec<ArcRef>> = polygons
            .into_iter()
            .flatten()
            .map(|ring| ring.iter().map(|&arc| ArcRef::from(arc)).collect())
            .collect();
        for &arc in rings.iter().flatten() {
            if arc.index() >= arcs.len() {
                return Err(shape_error(format!(
                    "{name}: arc {arc} out of range ({} arcs)",
                    arcs.len()
                )));
            }
        }
        shapes.push(Shape {
            code: code.to_owned(),
            name,
            rings,
        });
    }
    Ok(Topology { arcs, shapes })
}

/// Decodes quantised, delta-encoded arcs (TopoJSON § 2.1.2) to degrees.
fn decode_arcs(topology: &TopoTopology) -> Vec<Vec<Coord>> {
    topology
        .arcs
        .iter()
        .map(|arc| match &topology.transform {
            Some(transform) => {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|position| {
                        x += position[0];
                        y += position[1];
                        Coord {
                            x: x * transform.scale[0] + transform.translate[0],
                            y: y * transform.scale[1] + transform.translate[1],
                        }
                    })
                    .collect()
            }
            None => arc
                .iter()
                .map(|position| Coord {
                    x: position[0],
                    y: position[1],
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_small_quantised_topology() {
        let dir = std::env::temp_dir().join(format!("basemap-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tiny.json");
        std::fs::write(
            &path,
            r#"{"type":"Topology","transform":{"scale":[0.5,0.25],"translate":[-10,20]},
                "arcs":[[[0,0],[4,0],[0,4],[-4,0],[0,-4]]],
                "objects":{"countries":{"type":"GeometryCollection","geometries":[
                  {"type":"Polygon","arcs":[[0]],"id":"417","properties":{"name":"Kyrgyzstan"}},
                  {"type":"Polygon","arcs":[[-1]],"properties":{"name":"Baikonur"}}]}}}"#,
        )
        .unwrap();
        let topology = read_world_atlas(&path, &CountryCodes::from_pairs([(417, "KG")])).unwrap();
        assert_eq!(topology.arcs[0][1], Coord { x: -8.0, y: 20.0 });
        assert_eq!(topology.arcs[0][2], Coord { x: -8.0, y: 21.0 });
        assert_eq!(topology.shapes[0].code, "KG");
        assert_eq!(topology.shapes[1].code, "KZ");
        assert_eq!(topology.shapes[1].rings, vec![vec![ArcRef::backward(0)]]);

        std::fs::write(&path, r#"{"type":"Topology","arcs":[],"objects":{}}"#).unwrap();
        let message = read_world_atlas(&path, &CountryCodes::default())
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("tiny.json") && message.contains("countries"),
            "{message}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
