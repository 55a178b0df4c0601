//! The gazetteer: every known place, and an index from name keys to places.
//!
//! Loaded from three files in the data directory (formats in the README):
//!
//! - `gazetteer.tsv` (generated, required): countries, subdivisions and
//!   GeoNames populated places with their names;
//! - `gazetteer-extra.tsv` (hand-kept, optional): extra places, aliases
//!   that pin a name to one place, names that pin nothing (the other
//!   places of the name stay candidates), and names that are never places;
//! - `common-words.tsv` (generated, optional): names that are also frequent
//!   French or English words, which need stronger evidence;
//! - `given-names.txt` (generated, optional): given names;
//! - `place-names.tsv` (generated, optional): a place's name in each
//!   language that has one (CLDR, iso3166-2, GeoNames), for display.
//!
//! Every name of one to [`MAX_NAME_TOKENS`] words is indexed under its
//! [`key`](crate::normalize::key); the build script loads all of it on each
//! build, so parsing is a single pass with no regex and a fast hasher.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use model::PlaceKind;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::normalize::{fold, is_word_char, push_folded_word, push_key_word, words};
use crate::normalize::{mixed_cyrillic_folds_and_keys, unstemmed_fold_and_key};

/// Names longer than this many words are not indexed (nor looked for).
pub const MAX_NAME_TOKENS: usize = 4;

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GazetteerPlace {
    /// Stable id: `kg`, `kg-b`, `batken-1528675` or a hand-kept id.
    pub id: String,
    /// Display name: the first of its names in the gazetteer.
    pub name: String,
    /// Its name per language (`en`, `fr`, `ru`) from `place-names.tsv`.
    pub names: model::Names,
    /// Country, region, city, village or feature.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code of its country, uppercase.
    pub country: Option<String>,
    /// GeoNames id, for GeoNames places.
    pub geonameid: Option<u32>,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population, 0 when unknown.
    pub population: u64,
    /// First-level subdivision (`KG-B` or `KG.09`), may be empty.
    pub admin1: String,
}

/// One name of one place, as stored under a key of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameRef {
    /// Index of the place in [`Gazetteer::places`].
    pub place: u32,
    /// Hash of the name's fold: equal to the text's when the text spells
    /// the name exactly, up to case and accents.
    pub fold_hash: u32,
    /// The name is written in capitals (`USA`): only capitals match it.
    pub acronym: bool,
    /// The name is the place's own (display) name, not one of its
    /// alternate names: `Naryn` is the own name of the Kyrgyz town and
    /// only an old name of the Uzbek town Haqqulobod.
    pub main: bool,
    /// Text in Latin letters may meet the name under its key: false for a
    /// Cyrillic name's stems and inflected forms (`Киргизия` stems to
    /// `киргиз`, keyed like the demonym `Kyrgyz`), which only Cyrillic text
    /// is folded to; its nominative as written (`киргизия`) meets Latin
    /// text as any name does.
    pub latin: bool,
    /// The name of a region without its kind of subdivision, that a town of
    /// its country bears too, lying elsewhere (`Minsk` of `Minsk Region`:
    /// the city is in Minsk City): the region only after or before a region
    /// word (`the Minsk region`, `la région d'Abaï`), never bare
    /// ([`Gazetteer::add_cue_only_names`]).
    pub cue_only: bool,
}

/// What the index holds under one key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntry {
    /// The names stored under the key (empty for a mere prefix).
    pub names: Vec<NameRef>,
    /// Whether a longer name, or a multi-word exclusion, starts with the
    /// words of this key: the matcher stops widening a window as soon as
    /// this is false, so most windows cost one lookup.
    pub continues: bool,
}

/// A name from `gazetteer-extra.tsv` that is never a place, or never a
/// given one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exclusion {
    /// The name is never a place.
    Always,
    /// The name never refers to these places (indices into the places).
    Places(Vec<u32>),
}

/// Every known place and the index of their names.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Gazetteer {
    places: Vec<GazetteerPlace>,
    index: FxHashMap<Box<str>, KeyEntry>,
    aliases: FxHashMap<Box<str>, u32>,
    exclusions: FxHashMap<Box<str>, Exclusion>,
    /// Per common word, its Zipf frequency: the highest of its languages,
    /// then in French and in English (Russian words are stems, read in the
    /// highest only).
    common_words: FxHashMap<Box<str>, [f32; 3]>,
    /// Folded given names: the capitalised word after one is a surname.
    given_names: FxHashSet<Box<str>>,
    /// The districts ([`PlaceKind::District`]) by the key of a name less
    /// its district words (`Суджанский Район` under `суджанск`, `Isfara
    /// District` under `isfara`): kept out of [`Gazetteer::lookup`]'s
    /// index, as only a district word next to the name selects a district
    /// ([`Gazetteer::districts_named`]).
    districts: FxHashMap<Box<str>, Vec<u32>>,
}

/// The file names read by [`Gazetteer::load`].
pub const GAZETTEER_FILE: &str = "gazetteer.tsv";
/// The hand-kept file, optional.
pub const EXTRA_FILE: &str = "gazetteer-extra.tsv";
/// The common-words list, optional.
pub const COMMON_WORDS_FILE: &str = "common-words.tsv";

/// File name of the given names (optional), generated from names-dataset.
pub const GIVEN_NAMES_FILE: &str = "given-names.txt";

/// File name of the names per language (optional): `id<TAB>lang<TAB>name`.
pub const PLACE_NAMES_FILE: &str = "place-names.tsv";

impl Gazetteer {
    /// Loads `gazetteer.tsv`, and `gazetteer-extra.tsv` and
    /// `common-words.tsv` when present, from the data directory.
    ///
    /// # Errors
    /// [`Error::Io`] when `gazetteer.tsv` (or a present optional file)
    /// cannot be read; [`Error::Parse`] naming the file and line of the
    /// first malformed record.
    pub fn load(data_dir: &Path) -> Result<Self> {
        let main_path = data_dir.join(GAZETTEER_FILE);
        let main = std::fs::read_to_string(&main_path).map_err(|e| Error::io(&main_path, e))?;
        let extra_path = data_dir.join(EXTRA_FILE);
        let extra = read_optional(&extra_path)?;
        let common_path = data_dir.join(COMMON_WORDS_FILE);
        let common = read_optional(&common_path)?;
        let given_path = data_dir.join(GIVEN_NAMES_FILE);
        let given = read_optional(&given_path)?;
        let place_names_path = data_dir.join(PLACE_NAMES_FILE);
        let place_names = read_optional(&place_names_path)?;
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_main(&main_path, &main)?;
        gazetteer.add_extra(&extra_path, &extra)?;
        gazetteer.add_place_names(&place_names_path, &place_names)?;
        gazetteer.add_common_words(&common_path, &common)?;
        gazetteer.add_given_names(&given);
        Ok(gazetteer)
    }

    /// Builds a gazetteer from the texts of the three files (the last two
    /// may be empty), as [`Gazetteer::load`] would; errors name the files
    /// by their usual names.
    ///
    /// ```
    /// let gazetteer = geocoder::Gazetteer::from_strs(
    ///     "kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan\n",
    ///     "alias\tKirghizstan\tkg\n",
    ///     "",
    /// )?;
    /// assert_eq!(gazetteer.places().len(), 1);
    /// assert_eq!(gazetteer.lookup(&geocoder::normalize::key("Kirghizstan")).len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Parse`] for a malformed line.
    pub fn from_strs(main: &str, extra: &str, common_words: &str) -> Result<Self> {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_main(Path::new(GAZETTEER_FILE), main)?;
        gazetteer.add_extra(Path::new(EXTRA_FILE), extra)?;
        gazetteer.add_common_words(Path::new(COMMON_WORDS_FILE), common_words)?;
        Ok(gazetteer)
    }

    /// Writes the gazetteer as bytes that [`Gazetteer::from_snapshot`]
    /// reads back (postcard): the cache's snapshot of a loaded gazetteer,
    /// streamed (not held whole in memory).
    pub(crate) fn write_snapshot(&self, out: impl std::io::Write) -> std::io::Result<()> {
        postcard::to_io(self, out)
            .map(|_| ())
            .map_err(std::io::Error::other)
    }

    /// The gazetteer of [`Gazetteer::to_snapshot`]'s bytes, checked: every
    /// place index it holds must name one of its places. An error says
    /// why the bytes are not a snapshot.
    pub(crate) fn from_snapshot(bytes: &[u8]) -> std::result::Result<Self, String> {
        let gazetteer: Gazetteer = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
        let places = gazetteer.places.len();
        let fits = |place: &u32| (*place as usize) < places;
        let names_fit = gazetteer
            .index
            .values()
            .all(|entry| entry.names.iter().all(|n| fits(&n.place)));
        let exclusions_fit = gazetteer.exclusions.values().all(|e| match e {
            Exclusion::Always => true,
            Exclusion::Places(p) => p.iter().all(fits),
        });
        let districts_fit = gazetteer.districts.values().all(|d| d.iter().all(fits));
        if !(names_fit && exclusions_fit && districts_fit && gazetteer.aliases.values().all(fits)) {
            return Err("a place index out of range".to_owned());
        }
        Ok(gazetteer)
    }

    /// Every place, in file order.
    pub fn places(&self) -> &[GazetteerPlace] {
        &self.places
    }

    /// The place at an index from a [`NameRef`].
    pub fn place(&self, index: u32) -> &GazetteerPlace {
        &self.places[index as usize]
    }

    /// The names whose [`key`](crate::normalize::key) is `key`.
    pub fn lookup(&self, key: &str) -> &[NameRef] {
        self.index
            .get(key)
            .map_or(&[], |entry| entry.names.as_slice())
    }

    /// Every key of the index with the names stored under it (none for a
    /// mere prefix of longer names), in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = (&str, &[NameRef])> {
        self.index
            .iter()
            .map(|(key, entry)| (&**key, entry.names.as_slice()))
    }

    /// What the index holds under `key`: names, and whether longer names
    /// start with it. `None` when no name starts with these words.
    pub fn entry(&self, key: &str) -> Option<&KeyEntry> {
        self.index.get(key)
    }

    /// The place a name (given by its key) is pinned to by an alias.
    pub fn alias(&self, key: &str) -> Option<u32> {
        self.aliases.get(key).copied()
    }

    /// Whether a name (given by its fold) is excluded, and how.
    pub fn exclusion(&self, fold: &str) -> Option<&Exclusion> {
        self.exclusions.get(fold)
    }

    /// The highest Zipf frequency (French or English) of a folded word that
    /// is also an ordinary word, if it is listed as common.
    pub fn common_word_zipf(&self, fold: &str) -> Option<f32> {
        self.common_words.get(fold).map(|z| z[0])
    }

    /// Whether a folded word is, as a word, one of `lang`'s (`fr` or `en`)
    /// rather than a name: at least `min_zipf` frequent in that language
    /// and `margin` more frequent there than in the other one. A person's
    /// name is about as frequent in French and in English text (`anna`
    /// 4.19 and 4.37, `roman` 4.71 and 4.50), a word of one language is
    /// not (`block` 3.50 and 4.88, `grant` 3.92 and 4.67).
    pub fn is_word_of(&self, fold: &str, lang: &str, min_zipf: f32, margin: f32) -> bool {
        let Some(&[_, fr, en]) = self.common_words.get(fold) else {
            return false;
        };
        let (own, other) = match lang {
            "fr" => (fr, en),
            "en" => (en, fr),
            _ => return false,
        };
        own >= min_zipf && own - other >= margin
    }

    /// Whether a folded word is a given name (`data/given-names.txt`).
    pub fn is_given_name(&self, fold: &str) -> bool {
        self.given_names.contains(fold)
    }

    /// Adds given names, one folded name a line (`#` comments allowed), as
    /// [`Gazetteer::load`] does from [`GIVEN_NAMES_FILE`].
    pub fn add_given_names(&mut self, text: &str) {
        self.given_names.extend(
            lines(text)
                .map(|(_, line)| line.trim())
                .filter(|name| !name.is_empty())
                .map(Box::from),
        );
    }

    /// Number of distinct keys in the name index.
    pub fn key_count(&self) -> usize {
        self.index
            .values()
            .filter(|entry| !entry.names.is_empty())
            .count()
    }

    fn add_main(&mut self, path: &Path, text: &str) -> Result<()> {
        self.places.reserve(text.len() / 120);
        // About one key per name: sizing the index once spares rehashing
        // it a dozen times while it grows.
        let names = memchr::memchr_iter(b'|', text.as_bytes()).count() + text.len() / 120;
        self.index.reserve(names);
        let mut scratch = Scratch::default();
        let mut region_names: Vec<(u32, &str)> = Vec::new();
        let mut country_names: Vec<&str> = Vec::new();
        for (number, line) in lines(text) {
            let Some(fields) = split_fields::<9>(line) else {
                let found = line.split('\t').count();
                return Err(Error::parse(
                    path,
                    number,
                    format!("expected 9 tab-separated columns, found {found}"),
                ));
            };
            let fail = |what: &str, value: &str| {
                Error::parse(path, number, format!("bad {what} `{value}`"))
            };
            let kind = fields[1]
                .parse::<PlaceKind>()
                .map_err(|_| fail("kind", fields[1]))?;
            let geonameid = match fields[3] {
                "" => None,
                id => Some(id.parse().map_err(|_| fail("geonameid", id))?),
            };
            let lat =
                parse_coordinate(fields[4], 90.0).ok_or_else(|| fail("latitude", fields[4]))?;
            let lon =
                parse_coordinate(fields[5], 180.0).ok_or_else(|| fail("longitude", fields[5]))?;
            let population = match fields[6] {
                "" => 0,
                p => p.parse().map_err(|_| fail("population", p))?,
            };
            let names = fields[8];
            let place = GazetteerPlace {
                id: non_empty(fields[0])
                    .ok_or_else(|| fail("id", fields[0]))?
                    .to_owned(),
                name: display_name(names)
                    .ok_or_else(|| fail("names", names))?
                    .to_owned(),
                kind,
                country: non_empty(fields[2]).map(str::to_owned),
                geonameid,
                lat,
                lon,
                population,
                admin1: fields[7].to_owned(),
                names: model::Names::new(),
            };
            if kind == PlaceKind::District {
                self.push_district(place, names, &mut scratch);
                continue;
            }
            if kind == PlaceKind::Region {
                region_names.push((self.places.len() as u32, names));
            } else if kind == PlaceKind::Country {
                country_names.push(names);
            }
            self.push_place(place, names, &mut scratch);
        }
        self.add_cue_only_names(&region_names, &mut scratch);
        self.add_french_compass_names(&region_names, &country_names, &mut scratch);
        Ok(())
    }

    /// Indexes the French names of regions that English names by a point
    /// of the compass before a country's name (`East Kazakhstan`, `West
    /// Azerbaijan`): French puts the adjective after the country's name,
    /// joined by a hyphen (`Kazakhstan-Oriental`, `Azerbaïdjan-Occidental`,
    /// `Australie-Méridionale`),
    /// and the sources give subdivisions almost no French names. Every
    /// one-word Latin name of the country is so joined. `region_names` are
    /// the regions' indices and `|`-separated names, `country_names` the
    /// countries' names.
    fn add_french_compass_names(
        &mut self,
        region_names: &[(u32, &str)],
        country_names: &[&str],
        scratch: &mut Scratch,
    ) {
        const COMPASS: [(&str, &str); 4] = [
            ("East ", "Oriental"),
            ("West ", "Occidental"),
            ("North ", "Septentrional"),
            ("South ", "Méridional"),
        ];
        let mut forms: Vec<(u32, String)> = Vec::new();
        for &(region, names) in region_names {
            for name in names.split('|') {
                let Some((country, adjective)) = COMPASS.iter().find_map(|(point, adjective)| {
                    Some((name.trim().strip_prefix(point)?, adjective))
                }) else {
                    continue;
                };
                let Some(country) = country_names
                    .iter()
                    .find(|names| names.split('|').any(|n| n == country))
                else {
                    continue;
                };
                for word in country.split('|') {
                    if !word.contains(' ') && !word.chars().any(crate::normalize::is_cyrillic) {
                        // The gender is the country name's, unknown here:
                        // the form of the other never occurs in a text.
                        forms.push((region, format!("{word}-{adjective}")));
                        forms.push((region, format!("{word}-{adjective}e")));
                    }
                }
            }
        }
        for (region, form) in forms {
            scratch.fold_and_key(&form);
            let (fold, key) = (scratch.fold.clone(), scratch.key.clone());
            let hash = fold_hash(&fold);
            if !self
                .lookup(&key)
                .iter()
                .any(|n| n.place == region && n.fold_hash == hash)
            {
                self.insert_name(region, &fold, &key, false, false);
            }
        }
    }

    /// Indexes the bare names of regions that the data generator leaves
    /// out because a town of the same country bears them and lies in
    /// another subdivision (`Minsk Region`, `Abai Region`, `Moscow Oblast`:
    /// the city of Minsk is in Minsk City, the towns named Abay lie outside
    /// Abai Region), as names the region has only with a region word
    /// ([`NameRef::cue_only`]): the bare name still means the town.
    /// `region_names` are the regions' indices and `|`-separated names.
    fn add_cue_only_names(&mut self, region_names: &[(u32, &str)], scratch: &mut Scratch) {
        let mut bare_names: Vec<(u32, &str)> = Vec::new();
        for &(region, names) in region_names {
            for name in names.split('|') {
                let Some((bare, kind)) = name.trim().rsplit_once(' ') else {
                    continue;
                };
                if crate::text_words::REGION_CUES.contains(&fold(kind)) {
                    bare_names.push((region, bare));
                }
            }
        }
        for (region, bare) in bare_names {
            scratch.fold_and_key(bare);
            let hash = fold_hash(&scratch.fold);
            let country = self.places[region as usize].country.as_deref();
            let names = self.lookup(&scratch.key);
            let town_of_the_country = names.iter().any(|n| {
                let place = &self.places[n.place as usize];
                n.fold_hash == hash
                    && matches!(place.kind, PlaceKind::City | PlaceKind::Village)
                    && place.country.as_deref() == country
            });
            let named_so = names
                .iter()
                .any(|n| n.place == region && n.fold_hash == hash);
            if town_of_the_country && !named_so {
                let key = scratch.key.clone();
                self.insert_name_ref(
                    &key,
                    NameRef {
                        place: region,
                        fold_hash: hash,
                        acronym: false,
                        main: false,
                        latin: true,
                        cue_only: true,
                    },
                );
            }
        }
    }

    fn add_extra(&mut self, path: &Path, text: &str) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        // Aliases and exclusions may name places defined anywhere, so
        // places go first, then the rest.
        let records: Vec<(usize, Vec<&str>)> = lines(text)
            .map(|(n, line)| (n, line.split('\t').map(str::trim).collect()))
            .collect();
        for (number, fields) in &records {
            let fail = |reason: String| Error::parse(path, *number, reason);
            match fields[0] {
                "place" => {
                    if fields.len() != 7 {
                        return Err(fail(format!(
                            "a place record has 7 columns (place, id, kind, country, lat, lon, names), found {}",
                            fields.len()
                        )));
                    }
                    let kind = fields[2]
                        .parse::<PlaceKind>()
                        .map_err(|_| fail(format!("bad kind `{}`", fields[2])))?;
                    let lat = parse_coordinate(fields[4], 90.0)
                        .ok_or_else(|| fail(format!("bad latitude `{}`", fields[4])))?;
                    let lon = parse_coordinate(fields[5], 180.0)
                        .ok_or_else(|| fail(format!("bad longitude `{}`", fields[5])))?;
                    let name = display_name(fields[6]).ok_or_else(|| fail("no names".into()))?;
                    let id = non_empty(fields[1]).ok_or_else(|| fail("empty id".into()))?;
                    let place = GazetteerPlace {
                        id: id.to_owned(),
                        name: name.to_owned(),
                        kind,
                        country: non_empty(fields[3]).map(str::to_ascii_uppercase),
                        geonameid: None,
                        lat,
                        lon,
                        population: 0,
                        admin1: String::new(),
                        names: model::Names::new(),
                    };
                    // A hand-kept place replaces a generated one with the
                    // same id (to fix its coordinates or names), which
                    // then keeps no names.
                    if let Some(old) = self.places.iter().position(|p| p.id == id) {
                        let old = old as u32;
                        self.index
                            .values_mut()
                            .for_each(|entry| entry.names.retain(|r| r.place != old));
                        self.places[old as usize].id.push_str("#replaced");
                    }
                    self.push_place(place, fields[6], &mut Scratch::default());
                }
                "alias" | "name" | "exclude" => {}
                other => {
                    return Err(fail(format!(
                        "unknown record `{other}` (expected place, alias, name or exclude)"
                    )))
                }
            }
        }
        let ids: FxHashMap<&str, u32> = self
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i as u32))
            .collect();
        let mut aliases = Vec::new();
        let mut names = Vec::new();
        for (number, fields) in &records {
            let fail = |reason: String| Error::parse(path, *number, reason);
            let target = |id: &str| {
                ids.get(id)
                    .copied()
                    .ok_or_else(|| fail(format!("unknown place id `{id}`")))
            };
            match (fields[0], fields.len()) {
                ("alias", 3) => aliases.push((fields[1], target(fields[2])?)),
                ("name", 3) => names.push((fields[1], target(fields[2])?)),
                ("name", n) => {
                    return Err(fail(format!(
                        "a name record has 3 columns (name, name, id), found {n}"
                    )))
                }
                ("alias", n) => {
                    return Err(fail(format!(
                        "an alias record has 3 columns (alias, name, id), found {n}"
                    )))
                }
                ("exclude", 2) => {
                    let fold = index_exclusion(&mut self.index, fields[1]);
                    self.exclusions.insert(fold.into(), Exclusion::Always);
                }
                ("exclude", 3) => {
                    let place = target(fields[2])?;
                    let fold = index_exclusion(&mut self.index, fields[1]);
                    let entry = self
                        .exclusions
                        .entry(fold.into())
                        .or_insert(Exclusion::Places(vec![]));
                    if let Exclusion::Places(places) = entry {
                        places.push(place);
                    }
                }
                ("exclude", n) => {
                    return Err(fail(format!(
                        "an exclude record has 2 or 3 columns (exclude, name[, id]), found {n}"
                    )))
                }
                _ => {}
            }
        }
        for (name, place) in aliases {
            let (fold, key) = fold_and_key(name);
            self.aliases.insert(key.as_str().into(), place);
            self.insert_name(place, &fold, &key, is_acronym(name), false);
        }
        // A name, unlike an alias, pins nothing: the other places that
        // bear it stay candidates, and the article's context decides.
        for (name, place) in names {
            let (fold, key) = fold_and_key(name);
            self.insert_name(place, &fold, &key, is_acronym(name), false);
        }
        Ok(())
    }

    /// Adds names per language, `id<TAB>lang<TAB>name` a line, as
    /// [`Gazetteer::load`] does from [`PLACE_NAMES_FILE`].
    ///
    /// # Errors
    /// [`Error::Parse`] naming `path` and the line of a malformed record or
    /// of an id that is no place.
    pub fn add_place_names(&mut self, path: &Path, text: &str) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let ids: FxHashMap<&str, usize> = self
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut names = Vec::new();
        for (number, line) in lines(text) {
            let Some([id, lang, name]) = split_fields::<3>(line) else {
                return Err(Error::parse(path, number, "expected id<TAB>lang<TAB>name"));
            };
            let place = *ids
                .get(id)
                .ok_or_else(|| Error::parse(path, number, format!("unknown place id `{id}`")))?;
            if lang.is_empty() || name.trim().is_empty() {
                return Err(Error::parse(path, number, "empty language or name"));
            }
            names.push((place, lang, name.trim()));
        }
        for (place, lang, name) in names {
            if lang == "ru" {
                self.mark_russian_name(place as u32, name);
            }
            self.places[place]
                .names
                .insert(lang.to_owned(), name.to_owned());
        }
        Ok(())
    }

    /// Marks a place's Russian name (`place-names.tsv`), in every form the
    /// gazetteer indexes it by (its stem, its nominative, its cases), as an
    /// own name ([`NameRef::main`]): the gazetteer's own names are Latin,
    /// and to Cyrillic text the Russian name is what the own name is to
    /// Latin text (`в Ставрополе` is Stavropol, whose Russian name is
    /// `Ставрополь`, not Tolyatti, once so named and larger). Only names
    /// the place has already; nothing is added to the index.
    fn mark_russian_name(&mut self, place: u32, name: &str) {
        if !name.chars().any(crate::normalize::is_cyrillic) {
            return;
        }
        let (fold, key) = fold_and_key(name);
        let mut forms = vec![(fold.clone(), key)];
        forms.extend(unstemmed_fold_and_key(name));
        for form in russian_case_forms(name, &fold) {
            let mut key = String::new();
            push_key_of_fold(&form, &mut key);
            forms.push((form, key));
        }
        for (fold, key) in forms {
            let hash = fold_hash(&fold);
            if let Some(entry) = self.index.get_mut(key.as_str()) {
                for name in entry.names.iter_mut() {
                    if name.place == place && name.fold_hash == hash {
                        name.main = true;
                    }
                }
            }
        }
    }

    fn add_common_words(&mut self, path: &Path, text: &str) -> Result<()> {
        for (number, line) in lines(text) {
            let Some([word, fr, en, ru]) = split_fields::<4>(line) else {
                return Err(Error::parse(
                    path,
                    number,
                    "expected word<TAB>zipf_fr<TAB>zipf_en<TAB>zipf_ru",
                ));
            };
            let zipf = |z: &str| {
                z.trim()
                    .parse::<f32>()
                    .map_err(|_| Error::parse(path, number, format!("bad Zipf frequency `{z}`")))
            };
            let (fr, en) = (zipf(fr)?, zipf(en)?);
            let zipf = [fr.max(en).max(zipf(ru)?), fr, en];
            // Russian words that share a stem fold together: the most
            // frequent one counts.
            let entry = self.common_words.entry(fold(word).into()).or_insert(zipf);
            *entry = [0, 1, 2].map(|i| entry[i].max(zipf[i]));
        }
        Ok(())
    }

    /// The districts whose name, less its district words, has the key of
    /// `key` (a [`crate::normalize::key`] of the words next to a district
    /// word), in gazetteer order; empty for none.
    ///
    /// ```
    /// let gazetteer = geocoder::Gazetteer::from_strs(
    ///     "isfara-district-8213700\tdistrict\tTJ\t8213700\t40.1\t70.6\t0\tTJ-SU\tNohiyai Isfara|Isfara District\n",
    ///     "",
    ///     "",
    /// )?;
    /// let key = geocoder::normalize::key("Isfara");
    /// assert_eq!(gazetteer.districts_named(&key), [0]);
    /// assert!(gazetteer.lookup(&key).is_empty(), "a district is never named bare");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn districts_named(&self, key: &str) -> &[u32] {
        self.districts.get(key).map_or(&[], Vec::as_slice)
    }

    /// Adds a district: a place whose names go to the district index only,
    /// each less its district words ([`crate::text_words::DISTRICT_WORDS`]).
    fn push_district(&mut self, place: GazetteerPlace, names: &str, scratch: &mut Scratch) {
        let index = self.places.len() as u32;
        self.places.push(place);
        for name in names.split('|') {
            scratch.fold_and_key(name.trim());
            let core: Vec<&str> = scratch
                .fold
                .split(' ')
                .zip(scratch.key.split(' '))
                .filter(|(fold, _)| {
                    !fold.is_empty() && !crate::text_words::DISTRICT_WORDS.contains(fold)
                })
                .map(|(_, key)| key)
                .collect();
            if core.is_empty() || core.len() > MAX_NAME_TOKENS {
                continue;
            }
            let places = self.districts.entry(core.join(" ").into()).or_default();
            if !places.contains(&index) {
                places.push(index);
            }
        }
    }

    fn push_place(&mut self, place: GazetteerPlace, names: &str, scratch: &mut Scratch) {
        let index = self.places.len() as u32;
        let region = place.kind == PlaceKind::Region;
        // A region of the map the sources name in Latin letters only (the
        // Armenian marzes: `Syunik`, `Vayots Dzor`) still has its Russian
        // adjective, `Сюникской`, `Вайоц-Дзорской области`: its Latin names
        // plus `sk`, keyed, meet the adjective's stem transliterated.
        let latin_only_region = region
            && place
                .country
                .as_deref()
                .is_some_and(|c| model::region::region_of_interest().any(|r| r == c))
            && !names.chars().any(crate::normalize::is_cyrillic);
        self.places.push(place);
        for (position, name) in names.split('|').enumerate() {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            if latin_only_region && !fold(name).ends_with("sk") {
                scratch.fold_and_key(&format!("{name}sk"));
                self.insert_name_form(index, &scratch.fold, &scratch.key, false, false, false);
            }
            if region {
                if let Some(adjective) = russian_region_adjective(name) {
                    // Indexed like a name of its own (without the adjective
                    // of the adjective that `russian_adjectives` would add).
                    scratch.fold_and_key(adjective);
                    self.insert_name_form(index, &scratch.fold, &scratch.key, false, false, false);
                    if let Some((fold, key)) = unstemmed_fold_and_key(adjective) {
                        self.insert_name_form(index, &fold, &key, false, false, false);
                    }
                    if let Some(land) = russian_land_name(adjective) {
                        scratch.fold_and_key(&land);
                        self.insert_name_form(
                            index,
                            &scratch.fold,
                            &scratch.key,
                            false,
                            false,
                            false,
                        );
                    }
                }
            }
            scratch.fold_and_key(name);
            let words = scratch.fold.bytes().filter(|&b| b == b' ').count() + 1;
            if !scratch.fold.is_empty() && words <= MAX_NAME_TOKENS {
                let unstemmed = unstemmed_fold_and_key(name);
                // A Cyrillic name's stem is for Cyrillic text only, unless
                // the stemmer left the name as it is.
                let stem_is_written = unstemmed.as_ref().is_none_or(|(f, _)| *f == scratch.fold);
                self.insert_name_form(
                    index,
                    &scratch.fold,
                    &scratch.key,
                    is_acronym(name),
                    position == 0,
                    stem_is_written,
                );
                if let Some((fold, key)) = unstemmed {
                    self.insert_name(index, &fold, &key, false, position == 0);
                }
                for (fold, key) in mixed_cyrillic_folds_and_keys(name, MAX_NAME_TOKENS) {
                    self.insert_name_form(index, &fold, &key, false, position == 0, false);
                }
                for form in russian_case_forms(name, &scratch.fold) {
                    scratch.key.clear();
                    push_key_of_fold(&form, &mut scratch.key);
                    self.insert_name_form(index, &form, &scratch.key, false, false, false);
                }
                for adjective in russian_adjectives(name) {
                    scratch.fold_and_key(&adjective);
                    self.insert_name_form(index, &scratch.fold, &scratch.key, false, false, false);
                }
            }
        }
    }

    fn insert_name(&mut self, place: u32, fold: &str, key: &str, acronym: bool, main: bool) {
        self.insert_name_form(place, fold, key, acronym, main, true);
    }

    /// [`Gazetteer::insert_name`] of a name that Latin text may meet or
    /// not ([`NameRef::latin`]).
    fn insert_name_form(
        &mut self,
        place: u32,
        fold: &str,
        key: &str,
        acronym: bool,
        main: bool,
        latin: bool,
    ) {
        let name = NameRef {
            place,
            fold_hash: fold_hash(fold),
            acronym,
            main,
            latin,
            cue_only: false,
        };
        self.insert_name_ref(key, name);
    }

    /// Stores `name` under `key`, once per place and spelling.
    fn insert_name_ref(&mut self, key: &str, name: NameRef) {
        mark_prefixes(&mut self.index, key);
        // Look up before inserting: a key is allocated only the first time
        // (and a key already there, most of them, costs one lookup).
        let refs = match self.index.get_mut(key) {
            Some(entry) => &mut entry.names,
            None => &mut self.index.entry(key.into()).or_default().names,
        };
        let same = |r: &&mut NameRef| {
            r.place == name.place && r.fold_hash == name.fold_hash && r.acronym == name.acronym
        };
        match refs.iter_mut().find(same) {
            // The same spelling given twice: it is the own name if either
            // is, and Latin text meets it if either may.
            Some(existing) => {
                existing.main |= name.main;
                existing.latin |= name.latin;
                existing.cue_only &= name.cue_only;
            }
            None => refs.push(name),
        }
    }
}

/// Makes a multi-word excluded name reachable by the matcher (it must
/// shadow the names inside it); returns its fold.
fn index_exclusion(index: &mut FxHashMap<Box<str>, KeyEntry>, name: &str) -> String {
    let (fold, key) = fold_and_key(name);
    if key.contains(' ') {
        mark_prefixes(index, &key);
        index.entry(key.into_boxed_str()).or_default();
    }
    fold
}

/// Marks every proper word prefix of `key` (`saint` for `saint peterburg`)
/// as continued by a longer name.
fn mark_prefixes(index: &mut FxHashMap<Box<str>, KeyEntry>, key: &str) {
    for (end, _) in key.match_indices(' ') {
        let prefix = &key[..end];
        match index.get_mut(prefix) {
            Some(entry) => entry.continues = true,
            None => {
                index.insert(
                    prefix.into(),
                    KeyEntry {
                        names: Vec::new(),
                        continues: true,
                    },
                );
            }
        }
    }
}

/// The 32-bit hash of a fold, as stored in [`NameRef::fold_hash`].
pub fn fold_hash(fold: &str) -> u32 {
    let mut hasher = FxHasher::default();
    fold.hash(&mut hasher);
    hasher.finish() as u32
}

/// The fold and the key of a name, computed in one pass over its words.
fn fold_and_key(name: &str) -> (String, String) {
    let mut scratch = Scratch::default();
    scratch.fold_and_key(name);
    (scratch.fold, scratch.key)
}

/// Appends the key of a fold (words separated by single spaces): what
/// [`Scratch::fold_and_key`] gives for a name of that fold.
fn push_key_of_fold(fold: &str, key: &mut String) {
    for (i, word) in fold.split(' ').enumerate() {
        if i > 0 {
            key.push(' ');
        }
        push_key_word(word, key);
    }
}

/// Buffers reused from name to name while loading: no allocation per name.
#[derive(Debug, Default)]
struct Scratch {
    fold: String,
    key: String,
}

impl Scratch {
    /// Sets `fold` and `key` to the fold and the key of `name`.
    fn fold_and_key(&mut self, name: &str) {
        let Scratch { fold, key } = self;
        fold.clear();
        key.clear();
        for word in words(name) {
            let word_start = fold.len() + usize::from(!fold.is_empty());
            if !fold.is_empty() {
                fold.push(' ');
                key.push(' ');
            }
            push_folded_word(word, fold);
            push_key_word(&fold[word_start..], key);
        }
    }
}

/// The Russian adjectives of a Cyrillic name, which the stemmer folds to
/// their stem: Russian names a region, a district or a town's surroundings
/// by an adjective in `-ск-` (`Баткенская область`, `в Сюникской области`,
/// `Белгородская`), or in `-ийск-` after a consonant (`Согд`: `в Согдийской
/// области`), whose every case the stemmer folds to the name plus `ск` or
/// `ийск` (`баткенск`, `согдийск`). None when the name is not Cyrillic or
/// already ends so (`Курск`: `Курская` folds to the name itself).
fn russian_adjectives(name: &str) -> impl Iterator<Item = String> {
    let last = name.chars().next_back();
    let cyrillic = last.is_some_and(crate::normalize::is_cyrillic);
    // Lowercased only for a Cyrillic name: most names are Latin.
    let lower = if cyrillic {
        crate::normalize::to_lowercase(name)
    } else {
        String::new()
    };
    let cyrillic = cyrillic && !lower.ends_with("ск");
    let after_consonant = cyrillic && last.is_some_and(is_russian_consonant) && !name.contains(' ');
    [
        cyrillic.then(|| format!("{lower}ск")),
        after_consonant.then(|| format!("{lower}ийск")),
    ]
    .into_iter()
    .flatten()
}

/// Whether `c` is a Russian consonant letter (upper or lower case), after
/// which a noun declines by endings added to it (`Курск`, `Курска`).
fn is_russian_consonant(c: char) -> bool {
    "бвгджзклмнпрстфхцчшщБВГДЖЗКЛМНПРСТФХЦЧШЩ".contains(c)
}

/// The oblique cases of a one-word Cyrillic name, declined as a noun by its
/// last letter (`Махачкала`: `Махачкалы`, `Махачкале`, `Махачкалу`,
/// `Махачкалой`). The stemmer may cut a nominative further than its cases
/// (`махачкала` to `махачка`, `махачкале` to `махачкал`), so that neither
/// the nominative's stem nor its unstemmed fold meets them: the gazetteer
/// indexes their stems too. Names ending in another vowel (`Душанбе`,
/// `Шебекино`, `Баку`) do not decline. Empty for other names.
///
/// `own` is the name's fold, and the forms are returned folded: each fold
/// is computed once (the Russian stemmer is most of a Cyrillic name's
/// loading time).
fn russian_case_forms(name: &str, own: &str) -> Vec<String> {
    let Some(last) = name.chars().next_back() else {
        return Vec::new();
    };
    if !crate::normalize::is_cyrillic(last) || name.contains(' ') {
        return Vec::new();
    }
    let lower = crate::normalize::to_lowercase(name);
    let Some(last) = lower.chars().next_back() else {
        return Vec::new();
    };
    let stem = &lower[..lower.len() - last.len_utf8()];
    let (base, endings): (&str, &[&str]) = match Some(last) {
        Some('а') => (stem, &["ы", "и", "е", "у", "ой"]),
        Some('я') => (stem, &["и", "е", "ю", "ей"]),
        Some('ь') => (stem, &["и", "я", "ю", "е", "ем"]),
        Some('й') => (stem, &["я", "ю", "е", "ем"]),
        Some(c) if is_russian_consonant(c) => (lower.as_str(), &["а", "у", "е", "ом"]),
        _ => return Vec::new(),
    };
    // A masculine name in `-ец`, `-ок` or `-ёл` after a consonant loses
    // the vowel in its cases, `-ец` softened after `л` (`Елец`: `Ельца`, `в
    // Ельце`; `Череповец`: `Череповца`; `Торжок`: `в Торжке`; `Орёл`, `Орел`:
    // `в Орле`): the stemmer cuts `ельце` to `ельц`, which neither the
    // nominative nor its regular cases meet. A name whose vowel stays
    // (`Восток`: `Востока`) gets forms no text writes, which meet nothing.
    let fleeting = ["ец", "ок", "ёк", "ел", "ёл"].iter().find_map(|suffix| {
        let head = lower
            .strip_suffix(suffix)
            .filter(|head| head.chars().next_back().is_some_and(is_russian_consonant))?;
        let soft = if *suffix == "ец" && head.ends_with('л') {
            "ь"
        } else {
            ""
        };
        let last = suffix.chars().next_back()?;
        Some(format!("{head}{soft}{last}"))
    });
    let mut forms: Vec<String> = Vec::new();
    for base in std::iter::once(base).chain(fleeting.as_deref()) {
        for ending in endings {
            let folded = fold(&format!("{base}{ending}"));
            if folded != own && !forms.contains(&folded) {
                forms.push(folded);
            }
        }
    }
    forms
}

/// The colloquial name of a region whose Russian name is an adjective in
/// `-ская` and a kind of subdivision, which Russian news use as often as
/// the official one: the adjective's base plus `-щина`, or `-чина` after
/// `д`, `т`, `ж` (`Брянская`: `на Брянщине`; `Белгородская`: `на
/// Белгородчине`; `Воронежская`: `Воронежчина`). `None` for another
/// adjective.
fn russian_land_name(adjective: &str) -> Option<String> {
    let lower = crate::normalize::to_lowercase(adjective);
    let base = lower.strip_suffix("ская")?;
    let last = base
        .chars()
        .next_back()
        .filter(|&c| is_russian_consonant(c))?;
    let ending = if matches!(last, 'д' | 'т' | 'ж') {
        "чина"
    } else {
        "щина"
    };
    Some(format!("{base}{ending}"))
}

/// The adjective of a region's Russian name made of an adjective and a kind
/// of subdivision (`Воронежская Область`, `Курская область`: Russian names
/// most oblasts and krais so, and news write the adjective with the kind in
/// lowercase, `в Воронежской области`, or alone). `None` for other names.
fn russian_region_adjective(name: &str) -> Option<&str> {
    let (adjective, kind) = name.rsplit_once(' ')?;
    let cyrillic = adjective.chars().any(crate::normalize::is_cyrillic);
    (cyrillic && !adjective.contains(' ') && crate::text_words::REGION_CUES.contains(&fold(kind)))
        .then_some(adjective)
}

/// The `N` tab-separated fields of a line, or `None` if it has another
/// number of fields; no allocation.
fn split_fields<const N: usize>(line: &str) -> Option<[&str; N]> {
    // A byte loop: `str::split` searches each short field with a call of
    // its own (the searcher was a tenth of the load's time).
    let mut fields = [""; N];
    let (mut field, mut start) = (0, 0);
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == b'\t' {
            if field + 1 == N {
                return None;
            }
            fields[field] = &line[start..i];
            field += 1;
            start = i + 1;
        }
    }
    if field + 1 != N {
        return None;
    }
    fields[field] = &line[start..];
    Some(fields)
}

fn is_acronym(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
}

fn read_optional(path: &PathBuf) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(Error::io(path, e)),
    }
}

fn parse_coordinate(text: &str, limit: f64) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && v.abs() <= limit)
}

fn non_empty(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

fn display_name(names: &str) -> Option<&str> {
    names
        .split('|')
        .next()
        .map(str::trim)
        .filter(|n| n.chars().any(is_word_char))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_declensions_and_adjectives_of_a_name() {
        let cases = russian_case_forms("Махачкала", &fold("Махачкала"));
        assert!(cases.contains(&fold("Махачкале")), "{cases:?}");
        assert!(
            !cases.contains(&fold("Махачкала")),
            "the nominative is indexed already"
        );
        assert!(
            russian_case_forms("Душанбе", &fold("Душанбе")).is_empty(),
            "indeclinable"
        );
        assert!(russian_case_forms("Makhachkala", "makhachkala").is_empty());
        // A fleeting vowel: `Елец`, `в Ельце`; `Череповец`, `Череповца`.
        let cases = russian_case_forms("Елец", &fold("Елец"));
        assert!(cases.contains(&fold("Ельце")), "{cases:?}");
        let cases = russian_case_forms("Череповец", &fold("Череповец"));
        assert!(cases.contains(&fold("Череповца")), "{cases:?}");
        // `-ок` and `-ёл` (written `-ел` too) lose theirs as well: `Торжок`,
        // `в Торжке`; `Городок`, `Городка`; `Орёл`, `в Орле`, `под Орлом`.
        let cases = russian_case_forms("Торжок", &fold("Торжок"));
        assert!(cases.contains(&fold("Торжке")), "{cases:?}");
        let cases = russian_case_forms("Городок", &fold("Городок"));
        assert!(cases.contains(&fold("Городка")), "{cases:?}");
        for name in ["Орёл", "Орел"] {
            let cases = russian_case_forms(name, &fold(name));
            assert!(cases.contains(&fold("Орле")), "{name}: {cases:?}");
            assert!(cases.contains(&fold("Орлом")), "{name}: {cases:?}");
        }
        let adjectives: Vec<String> = russian_adjectives("Согд").collect();
        assert_eq!(adjectives, ["согдск", "согдийск"]);
        assert_eq!(russian_adjectives("Курск").count(), 0);
    }
    use crate::normalize::key;

    const MAIN: &str = "\
# id kind country geonameid lat lon population admin1 names
am\tcountry\tAM\t\t40.2\t45.0\t0\t\tArmenia|Arménie
kg\tcountry\tKG\t\t41.46\t74.56\t0\t\tKyrgyzstan|Kirghizistan|Kirghizie
batken-1528675\tcity\tKG\t1528675\t40.06259\t70.81944\t26958\tKG-B\tBatken
goris-174895\tcity\tAM\t174895\t39.50\t46.34\t20379\tAM-SU\tGoris
";

    #[test]
    fn a_region_named_east_of_a_country_has_its_french_name() {
        let main = "\
au\tcountry\tAU\t\t-25.0\t134.0\t0\t\tAustralia|Australie
au-sa\tregion\tAU\t2061327\t-30.0\t135.0\t0\t\tSouth Australia
kz\tcountry\tKZ\t\t48.0\t67.0\t0\t\tKazakhstan|Казахстан
kz-63\tregion\tKZ\t1517381\t49.10\t84.77\t0\t\tShyghys Qazaqstan oblysy|East Kazakhstan
kz-27\tregion\tKZ\t607847\t49.56\t50.22\t0\t\tBatys Qazaqstan oblysy|West Kazakhstan
";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let places = |name: &str| -> Vec<&str> {
            gazetteer
                .lookup(&key(name))
                .iter()
                .map(|n| gazetteer.place(n.place).id.as_str())
                .collect()
        };
        assert_eq!(places("Kazakhstan-Oriental"), ["kz-63"]);
        assert_eq!(places("Kazakhstan-Occidental"), ["kz-27"]);
        assert!(places("Kazakhstan-Septentrional").is_empty());
        assert_eq!(places("Australie-Méridionale"), ["au-sa"]);
    }

    #[test]
    fn a_russian_region_has_its_colloquial_name() {
        assert_eq!(russian_land_name("Брянская").as_deref(), Some("брянщина"));
        assert_eq!(
            russian_land_name("Белгородская").as_deref(),
            Some("белгородчина")
        );
        assert_eq!(russian_land_name("Донецкая"), None);
        let main = "ru-bry\tregion\tRU\t\t53.0\t33.5\t0\t\tBryansk|Брянская Область\n";
        let gazetteer = Gazetteer::from_strs(main, "", "").unwrap();
        let (fold, key) = fold_and_key("Брянщине");
        let names = gazetteer.lookup(&key);
        assert!(
            names.iter().any(|n| n.fold_hash == fold_hash(&fold)),
            "{names:?}"
        );
    }

    #[test]
    fn names_are_indexed_by_key() {
        let gazetteer = Gazetteer::from_strs(MAIN, "", "").unwrap();
        assert_eq!(gazetteer.places().len(), 4);
        let refs = gazetteer.lookup(&key("Arménie"));
        assert_eq!(refs.len(), 1);
        assert_eq!(gazetteer.place(refs[0].place).id, "am");
        assert_eq!(gazetteer.place(refs[0].place).name, "Armenia");
        assert_eq!(refs[0].fold_hash, fold_hash("armenie"));
        assert!(!refs[0].main, "Arménie is an alternate name");
        assert!(
            gazetteer.lookup(&key("Armenia"))[0].main,
            "Armenia is the display name"
        );
        let batken = gazetteer.place(gazetteer.lookup("batken")[0].place);
        assert_eq!(batken.geonameid, Some(1528675));
        assert_eq!(batken.population, 26958);
        assert!(gazetteer.lookup("gori").is_empty());
    }

    #[test]
    fn extra_file_adds_places_aliases_and_exclusions() {
        let extra = "\
# hand-kept
place\tvorukh-enclave\tvillage\ttj\t39.85\t70.58\tVorukh|Vorukh enclave

alias\tVoroukh\tvorukh-enclave
exclude\tIl
exclude\tGoris\tbatken-1528675
";
        let gazetteer = Gazetteer::from_strs(MAIN, extra, "il\t6.1\t4.0\t0.0\n").unwrap();
        let vorukh = gazetteer.alias(&key("Voroukh")).unwrap();
        assert_eq!(gazetteer.place(vorukh).country.as_deref(), Some("TJ"));
        assert_eq!(gazetteer.lookup(&key("Vorukh enclave")).len(), 1);
        assert_eq!(gazetteer.exclusion("il"), Some(&Exclusion::Always));
        assert!(matches!(gazetteer.exclusion("goris"), Some(Exclusion::Places(p)) if p.len() == 1));
        assert_eq!(gazetteer.common_word_zipf("il"), Some(6.1));
        assert!(gazetteer.is_word_of("il", "fr", 4.0, 0.7));
        assert!(!gazetteer.is_word_of("il", "en", 4.0, 0.7));
        assert!(!gazetteer.is_word_of("il", "fr", 6.5, 0.7));
        assert!(!gazetteer.is_word_of("il", "fr", 4.0, 3.0));
    }

    #[test]
    fn malformed_lines_are_errors_naming_file_and_line() {
        let cases = [
            ("kg\tcountry\tKG\n", "", "gazetteer.tsv:1: expected 9"),
            (
                "kg\tnation\tKG\t\t41\t74\t0\t\tKyrgyzstan\n",
                "",
                "gazetteer.tsv:1: bad kind `nation`",
            ),
            (
                "# c\nkg\tcountry\tKG\t\t141\t74\t0\t\tKyrgyzstan\n",
                "",
                "gazetteer.tsv:2: bad latitude `141`",
            ),
            (
                MAIN,
                "\n\nalias\tVoroukh\tnowhere\n",
                "gazetteer-extra.tsv:3: unknown place id `nowhere`",
            ),
            (
                MAIN,
                "plaec\tx\n",
                "gazetteer-extra.tsv:1: unknown record `plaec`",
            ),
            (
                MAIN,
                "place\tx\tvillage\tKG\t1\n",
                "gazetteer-extra.tsv:1: a place record has 7 columns",
            ),
            (
                MAIN,
                "name\tBadakhshan\n",
                "gazetteer-extra.tsv:1: a name record has 3 columns",
            ),
            (
                MAIN,
                "name\tBadakhshan\tnowhere\n",
                "gazetteer-extra.tsv:1: unknown place id `nowhere`",
            ),
        ];
        for (main, extra, message) in cases {
            let error = Gazetteer::from_strs(main, extra, "")
                .unwrap_err()
                .to_string();
            assert!(error.starts_with(message), "{error}");
        }
    }

    #[test]
    fn a_snapshot_reads_back_and_its_place_indices_are_checked() {
        let gazetteer = Gazetteer::from_strs(MAIN, "alias\tKirghizstan\tkg\n", "").unwrap();
        let snapshot = |g: &Gazetteer| {
            let mut bytes = Vec::new();
            g.write_snapshot(&mut bytes).unwrap();
            bytes
        };
        let read = Gazetteer::from_snapshot(&snapshot(&gazetteer)).unwrap();
        assert_eq!(read.places, gazetteer.places);
        assert_eq!(read.index, gazetteer.index);
        assert_eq!(read.aliases, gazetteer.aliases);
        // Well-formed, but naming a place it does not hold.
        let mut short = Gazetteer::from_strs(MAIN, "", "").unwrap();
        short.places.pop();
        let error = Gazetteer::from_snapshot(&snapshot(&short)).unwrap_err();
        assert!(error.contains("out of range"), "{error}");
        assert!(Gazetteer::from_snapshot(b"\xff\xff\xff").is_err());
    }

    #[test]
    fn fields_split_as_str_split_does() {
        for line in [
            "",
            "a",
            "a\tb",
            "a\tb\tc",
            "\t\t",
            "\tb\t",
            "é\tж\t",
            "a\tb\tc\td",
        ] {
            let expected: Vec<&str> = line.split('\t').collect();
            let three = split_fields::<3>(line).map(|f| f.to_vec());
            assert_eq!(
                three,
                (expected.len() == 3).then(|| expected.clone()),
                "{line:?}"
            );
            let one = split_fields::<1>(line).map(|f| f.to_vec());
            assert_eq!(one, (expected.len() == 1).then_some(expected), "{line:?}");
        }
    }

    #[test]
    fn missing_gazetteer_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = Gazetteer::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("gazetteer.tsv"), "{error}");
    }
}
