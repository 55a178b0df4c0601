//! `fold-names`: the geocoder's fold of names, for the data generator.
//!
//! ```text
//! fold-names < names.txt > folds.tsv
//! ```
//!
//! Reads one name a line on standard input and writes, for each, one line
//! `fold<TAB>unstemmed fold`: [`geocoder::normalize::fold`] (what the
//! matcher compares: `Kyzyl-Bel’` gives `kyzyl bel`, `Баткене` the stem
//! `баткен`) and the fold without the Russian stemmer
//! ([`geocoder::normalize::unstemmed_fold_and_key`], the same as the fold
//! for a name without Cyrillic letters), under which the gazetteer indexes a
//! Cyrillic name too. `scripts/gazetteer.py` folds every name through it,
//! so that the gazetteer's names can never be compared otherwise than the
//! matcher compares them. Each line is answered as soon as it is read, so
//! that the generator can also ask one name at a time.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use geocoder::normalize::{fold, unstemmed_fold_and_key};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (a closed pipe): nothing is left to answer.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fold-names: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> std::io::Result<()> {
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let name = line.trim_end_matches(['\n', '\r']);
        let folded = fold(name);
        let unstemmed = unstemmed_fold_and_key(name).map(|(f, _)| f);
        writeln!(out, "{folded}\t{}", unstemmed.as_deref().unwrap_or(&folded))?;
        // Answer at once when nothing more has been read (one name at a
        // time), in bulk otherwise.
        if input.buffer().is_empty() {
            out.flush()?;
        }
    }
    out.flush()
}
