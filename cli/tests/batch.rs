//! `motcua decode` over a batch (#23): files and folders, one JSON line per
//! photo in order, the register, and the progress bar on a terminal.

use std::path::Path;

mod common;
use common::{motcua, register_rows, scratch};

fn photo(name: &str) -> String {
    format!("{}/../examples/photos/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A folder of uploads: two photos (one in a subfolder), a broken one,
/// and a file that is not a photo.
fn uploads(dir: &Path) {
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy(photo("card.png"), dir.join("a-card.PNG")).unwrap();
    std::fs::copy(photo("receipt.jpg"), dir.join("sub/receipt.jpg")).unwrap();
    std::fs::write(dir.join("sub/broken.webp"), b"not a photo").unwrap();
    std::fs::write(dir.join("notes.txt"), b"not read").unwrap();
}

#[test]
fn files_and_folders_give_a_json_line_per_photo_in_order() {
    let dir = scratch("batch");
    uploads(dir.path());
    let d = dir.path().to_str().unwrap();
    let card = photo("card.png");
    for jobs in ["1", "3"] {
        let run = motcua(&["decode", &card, d, "--jobs", jobs], b"");
        // The broken photo makes the status 1.
        assert_eq!(run.status.code(), Some(1));
        let lines: Vec<serde_json::Value> = String::from_utf8(run.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let files: Vec<&str> = lines.iter().map(|l| l["file"].as_str().unwrap()).collect();
        let under = |p: &[&str]| {
            p.iter()
                .fold(dir.path().to_path_buf(), |a, c| a.join(c))
                .display()
                .to_string()
        };
        assert_eq!(
            files,
            [
                card.clone(),
                under(&["a-card.PNG"]),
                under(&["sub", "broken.webp"]),
                under(&["sub", "receipt.jpg"])
            ],
            "jobs {jobs}"
        );
        assert!(lines[0]["codes"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("001090123456|"));
        assert_eq!(lines[2]["ok"], false);
        assert_eq!(lines[2]["error"]["code"], "image_format");
        assert!(lines[3]["codes"][0]["text"].as_str().unwrap().starts_with("https://"));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("4 photos, 3 with a code read"), "{stderr}");
    }
}

#[test]
fn a_batch_of_card_photos_becomes_the_register() {
    let dir = scratch("batch-register");
    uploads(dir.path());
    let d = dir.path().to_str().unwrap();
    let run = motcua(
        &[
            "decode",
            d,
            "--cccd",
            "--format",
            "csv",
            "--mask",
            "--as-of",
            "2026-12-01",
        ],
        b"",
    );
    let rows = register_rows(&run.stdout);
    let csv = String::from_utf8(run.stdout).unwrap();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[0][1].ends_with("a-card.PNG"));
    assert_eq!(&rows[0][5], "*********456");
    assert!(rows[1][13].starts_with("image_format: "));
    // The receipt's code is not a card: refused, with the card error.
    assert!(rows[2][13].starts_with("field_count: "));
    assert!(!csv.contains("Nguyễn Văn A"));
    // The register needs --cccd.
    let run = motcua(&["decode", d, "--format", "csv"], b"");
    assert_eq!(run.status.code(), Some(1));
    assert!(run.stdout.is_empty());
}

#[test]
fn each_card_of_a_json_batch_is_the_line_motcua_cccd_prints_for_it() {
    // A card photo and a receipt photo (whose code is no card).
    let (card, receipt) = (photo("card.png"), photo("receipt.jpg"));
    let run = motcua(
        &["decode", &card, &receipt, "--cccd", "--mask", "--as-of", "2026-12-01"],
        b"",
    );
    assert_eq!(run.status.code(), Some(1));
    let stdout = String::from_utf8(run.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    for (line, photo) in lines.iter().zip([&card, &receipt]) {
        let text = motcua(&["decode", photo, "--format", "json"], b"");
        let code: serde_json::Value = serde_json::from_slice(&text.stdout).unwrap();
        let payload = code["text"].as_str().unwrap();
        let alone = motcua(&["cccd", "--mask", "--as-of", "2026-12-01"], payload.as_bytes());
        // Byte for byte, key order included (`ok` first), as the whole of
        // `cards` (without the stdin line number).
        let want = String::from_utf8(alone.stdout)
            .unwrap()
            .replacen(",\"line\":1,", ",", 1);
        let cards = format!("\"cards\":[{}]", want.trim_end());
        assert!(line.contains(&cards), "{line}\n{cards}");
    }
}

#[test]
fn each_dossier_of_a_json_batch_is_the_line_motcua_dossier_decode_prints_for_it() {
    // A receipt photo and a card photo (whose code is no dossier).
    let (receipt, card) = (photo("receipt.jpg"), photo("card.png"));
    let run = motcua(&["decode", &receipt, &card, "--dossier", "--mask"], b"");
    assert_eq!(run.status.code(), Some(1));
    let stdout = String::from_utf8(run.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    for (line, photo) in lines.iter().zip([&receipt, &card]) {
        let text = motcua(&["decode", photo, "--format", "json"], b"");
        let code: serde_json::Value = serde_json::from_slice(&text.stdout).unwrap();
        let payload = code["text"].as_str().unwrap();
        let alone = motcua(&["dossier", "decode", "--mask"], format!("{payload}\n").as_bytes());
        // Byte for byte, key order included (`ok` first), as the whole of
        // `dossiers` (without the stdin line number).
        let want = String::from_utf8(alone.stdout)
            .unwrap()
            .replacen(",\"line\":1,", ",", 1);
        let dossiers = format!("\"dossiers\":[{}]", want.trim_end());
        assert!(line.contains(&dossiers), "{line}\n{dossiers}");
    }
}

/// On a terminal the batch draws a progress bar on stderr; in a pipe it
/// does not (the line above). `script` gives the command a terminal.
#[cfg(unix)]
#[test]
fn a_terminal_gets_a_progress_bar() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` (util-linux) to make a terminal");
        return;
    }
    let dir = scratch("batch-bar");
    uploads(dir.path());
    let log = dir.path().join("tty.log");
    let cmd = format!(
        "{} decode {} --jobs 1 >/dev/null",
        env!("CARGO_BIN_EXE_motcua"),
        dir.path().display()
    );
    let run = std::process::Command::new("script")
        .args(["-qec", &cmd, log.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let _ = run;
    let tty = String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned();
    assert!(tty.contains("ảnh / photos"), "{tty}");
    assert!(tty.contains("3/3"), "{tty}");
}
