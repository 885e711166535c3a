//! What the CLI test files share: running the binary, and scratch folders.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `motcua args…` with `stdin` fed from a thread (so a large input
/// cannot deadlock against the output pipes) and collects its output.
pub fn motcua(args: &[&str], stdin: &[u8]) -> Output {
    let mut tries = 0;
    let mut child = loop {
        match Command::new(env!("CARGO_BIN_EXE_motcua"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(child) => break child,
            // Under wine 8.0 (scripts/test-windows) CreateProcess now and
            // then fails with ERROR_INTERNAL_ERROR (1359), one test at a
            // time too, on commits whose tests pass in the next run: the
            // command never started, so starting it again tests the same.
            Err(e) if cfg!(windows) && e.raw_os_error() == Some(1359) && tries < 5 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Err(e) => panic!("cannot start motcua: {e}"),
        }
    };
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
