//! Compiles the built-in gazetteers into the binary: lists every file under `gazetteers/`
//! (entity `.tsv` files and the language folders `lexicon/<code>/`) so `include_str!` picks them up, and the tool
//! needs no data files beside it once installed.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("gazetteers");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed={}", root.join("lexicon").display());
    let mut src = String::from("pub static ENTITY_FILES: &[(&str, &str)] = &[\n");
    for p in files(&root, "tsv") {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().unwrap().to_string_lossy();
        writeln!(
            src,
            "    ({name:?}, include_str!({:?})),",
            p.display().to_string()
        )
        .unwrap();
    }
    // The language folders: lexicon/<code>/ (code, file name, text).
    src.push_str("];\npub static LANGUAGE_FILES: &[(&str, &str, &str)] = &[\n");
    let mut langs: Vec<PathBuf> = match fs::read_dir(root.join("lexicon")) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect(),
        Err(_) => Vec::new(),
    };
    langs.sort();
    for dir in langs {
        println!("cargo:rerun-if-changed={}", dir.display());
        let code = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut fs_: Vec<PathBuf> = files(&dir, "txt");
        fs_.extend(files(&dir, "tsv"));
        fs_.sort();
        for p in fs_ {
            println!("cargo:rerun-if-changed={}", p.display());
            let name = p.file_name().unwrap().to_string_lossy();
            writeln!(
                src,
                "    ({code:?}, {name:?}, include_str!({:?})),",
                p.display().to_string()
            )
            .unwrap();
        }
    }
    src.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("builtin_gazetteers.rs");
    fs::write(out, src).unwrap();
}
