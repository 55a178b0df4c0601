//! `bundle DIST --output FILE`: the site as one self-contained HTML file.
//! `bundle DIST --split-loader`: Trunk's inline loader moved to `loader.js`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Post-processes a site built by Trunk.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The built site (the directory holding index.html).
    dist: PathBuf,
    /// Write the single-file page here.
    #[arg(long, short, required_unless_present = "split_loader")]
    output: Option<PathBuf>,
    /// Move the inline loader script of DIST/index.html to DIST/loader.js, in place.
    #[arg(long, conflicts_with = "output")]
    split_loader: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bundle: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> bundle::Result<()> {
    if args.split_loader {
        if bundle::split_loader(&args.dist)? {
            eprintln!(
                "bundle: moved the loader of {} to {}",
                args.dist.display(),
                bundle::LOADER_FILE
            );
        }
        return Ok(());
    }
    let Some(output) = &args.output else {
        unreachable!("clap requires --output")
    };
    let page = bundle::single_file(&args.dist)?;
    if let Some(dir) = output.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| bundle::Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(output, &page).map_err(|source| bundle::Error::Io {
        path: output.clone(),
        source,
    })?;
    eprintln!(
        "bundle: wrote {} ({} KB)",
        output.display(),
        page.len() / 1024
    );
    Ok(())
}
