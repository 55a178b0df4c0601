//! `size-check [DIR]`: prints the gzipped size of every file a first view of
//! the built site (default `dist`) loads, and fails when the total exceeds
//! the budget ([`bundle::SIZE_BUDGET_BYTES`]). What counts is what the page
//! loads before the map is usable ([`bundle::SizeReport::first_view`]).

use std::path::PathBuf;
use std::process::ExitCode;

use bundle::{SizeReport, SIZE_BUDGET_BYTES};

fn main() -> ExitCode {
    let dir = PathBuf::from(std::env::args_os().nth(1).unwrap_or_else(|| "dist".into()));
    let report = match SizeReport::first_view(&dir) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("size-check: {error} (run `trunk build --release` first?)");
            return ExitCode::from(2);
        }
    };
    println!("{report}");
    let total = report.total_gzipped();
    if report.fits(SIZE_BUDGET_BYTES) {
        println!("size-check: first view {total} bytes gzipped, within the {SIZE_BUDGET_BYTES}-byte budget");
        ExitCode::SUCCESS
    } else {
        eprintln!("size-check: first view {total} bytes gzipped, OVER the {SIZE_BUDGET_BYTES}-byte budget");
        ExitCode::FAILURE
    }
}
