//! What the CLI test files share: running the binary, and scratch folders.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `motcua args…` with `stdin` fed from a thread (so a large input
/// cannot deadlock against the output pipes) and collects its output.
pub fn motcua(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// A scratch folder for one test, named after it, removed when the guard
/// drops (also when the test fails).
#[allow(dead_code)] // not every test file needs one
pub fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("motcua-{name}-"))
        .tempdir()
        .unwrap()
}

/// The rows of a register the command wrote as CSV (its byte-order mark
/// checked and dropped, the header row not included).
#[allow(dead_code)] // only the register tests read one
pub fn register_rows(stdout: &[u8]) -> Vec<csv::StringRecord> {
    let csv = std::str::from_utf8(stdout).unwrap();
    let body = csv.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
    csv::Reader::from_reader(body.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}
