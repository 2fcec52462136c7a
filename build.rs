//! Builds the scenario gallery into the page: every `*.json` of the corpus
//! (`$DOCTOR_CORPUS_DIR`, default `../shared/corpus`) becomes an entry of
//! `$OUT_DIR/scenarios.rs`, which `src/ui/scenarios.rs` includes. The page then needs
//! no request to show or load a scenario.
//!
//! The files are embedded with insignificant JSON whitespace removed. For the wasm32
//! page a missing or empty corpus is a build error; native builds (engine, tests,
//! `doctor`) do not need it and get an empty list.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=DOCTOR_CORPUS_DIR");
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = env::var_os("DOCTOR_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared/corpus"));
    let for_page = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("scenarios.rs");

    let files = match corpus_files(&dir) {
        Ok(files) if !files.is_empty() => files,
        Ok(_) if for_page => fail(&format!(
            "the scenario corpus at {} holds no .json files; the page's gallery is built from it",
            dir.display()
        )),
        Err(e) if for_page => fail(&format!(
            "cannot read the scenario corpus at {}: {e}. The page's gallery is built from it: \
             check out ../shared beside this crate or set DOCTOR_CORPUS_DIR",
            dir.display()
        )),
        _ => Vec::new(),
    };
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut code = String::from(
        "/// `(file name, scenario JSON)` for every scenario of the corpus, in file-name order.\n\
         pub static SCENARIO_FILES: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => fail(&format!("cannot read {}: {e}", path.display())),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, {:?}),", minify_json(&text));
    }
    code.push_str("];\n");
    if let Err(e) = fs::write(&out, code) {
        fail(&format!("cannot write {}: {e}", out.display()));
    }
}

fn corpus_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Drops whitespace outside JSON strings. The page parses the text anyway, so a
/// malformed file still fails there, with the parser's message.
fn minify_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    println!("cargo:warning={msg}");
    std::process::exit(1);
}
