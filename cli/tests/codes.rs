//! The command's own error codes are the ones `motcua::CLI_CODES` lists
//! (so that bindings can explain them), and none is a library code (#21).

use std::{fs, path::Path};

#[test]
fn every_code_the_command_writes_is_listed_in_the_core() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for entry in fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            // Every `code: "…"` literal the command builds an error with.
            for (i, _) in text.match_indices("code: \"") {
                let rest = &text[i + 7..];
                let code = &rest[..rest.find('"').unwrap()];
                found.push((
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    code.to_owned(),
                ));
            }
        }
    }
    assert!(found.len() >= 5, "{found:?}");
    for (file, code) in &found {
        assert!(
            motcua::CLI_CODES.iter().any(|(c, ..)| c == code),
            "{file}: {code} is not in motcua::CLI_CODES"
        );
        assert!(
            !motcua::ERROR_CODES
                .iter()
                .any(|(_, codes)| codes.contains(&code.as_str())),
            "{file}: {code} is also a library code"
        );
    }
    // And every listed code is used.
    for (code, ..) in motcua::CLI_CODES {
        assert!(
            found.iter().any(|(_, c)| c == code),
            "{code} is listed but never written"
        );
    }
}
