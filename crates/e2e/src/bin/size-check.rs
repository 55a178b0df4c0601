//! `size-check [DIR]`: prints the gzipped size of every file a first view of
//! the built site (default `dist`) loads, and fails when the total exceeds
//! the budget ([`e2e::SIZE_BUDGET_BYTES`]). Chunks fetched on demand and the
//! downloads are not counted (`SizeReport::first_view`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use e2e::{SizeReport, SIZE_BUDGET_BYTES};

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("size-check: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Returns whether the site fits the budget.
fn run() -> anyhow::Result<bool> {
    let dir = PathBuf::from(std::env::args_os().nth(1).unwrap_or_else(|| "dist".into()));
    let report = SizeReport::measure(&dir)
        .with_context(|| {
            format!(
                "measuring {} (run `trunk build --release` first?)",
                dir.display()
            )
        })?
        .first_view();
    anyhow::ensure!(!report.files.is_empty(), "{} holds no file", dir.display());
    println!("{report}");
    let total = report.total_gzipped();
    if report.fits(SIZE_BUDGET_BYTES) {
        println!("size-check: first view {total} bytes gzipped, within the {SIZE_BUDGET_BYTES}-byte budget");
        Ok(true)
    } else {
        eprintln!("size-check: first view {total} bytes gzipped, OVER the {SIZE_BUDGET_BYTES}-byte budget");
        Ok(false)
    }
}
