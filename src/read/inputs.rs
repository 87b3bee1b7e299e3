//! What the command-line inputs hold: files named directly, folders walked (regular files
//! only, each folder once however symlinks loop), standard input. File kinds go by
//! extension, in any case: `.txt`, `.jsonl` or `.ndjson`, each possibly compressed
//! (`.gz`, `.zst`).

use super::Source;
use crate::error::Error;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// How a file's bytes are compressed, by its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip (`.gz`), all members.
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

/// What a file holds, by its extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One text document.
    Text,
    /// JSON lines, one document a line.
    JsonLines,
}

/// A file's compression, kind (`None` when the name says neither .txt nor .jsonl) and
/// document stem ("a.TXT.gz" -> "a").
pub fn classify(p: &Path) -> (Compression, Option<Kind>, String) {
    let name = p
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let (rest, compression) = match ext_of(&name) {
        Some((stem, e)) if e.eq_ignore_ascii_case("gz") => (stem, Compression::Gzip),
        Some((stem, e)) if e.eq_ignore_ascii_case("zst") => (stem, Compression::Zstd),
        _ => (name.as_str(), Compression::None),
    };
    match ext_of(rest) {
        Some((stem, e)) if e.eq_ignore_ascii_case("txt") => {
            (compression, Some(Kind::Text), stem.to_string())
        }
        Some((stem, e)) if e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson") => {
            (compression, Some(Kind::JsonLines), stem.to_string())
        }
        Some((stem, _)) => (compression, None, stem.to_string()),
        None => (compression, None, rest.to_string()),
    }
}

/// ("a.b", "c") for "a.b.c"; `None` without a dot (or for a dot file).
fn ext_of(name: &str) -> Option<(&str, &str)> {
    name.rfind('.')
        .filter(|&i| i > 0)
        .map(|i| (&name[..i], &name[i + 1..]))
}

/// The inputs expanded into sources, in order, and the files folders held that are not
/// documents.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The sources to read, in order.
    pub sources: Vec<Source>,
    /// Files inside folders skipped for their name (not .txt or .jsonl, maybe compressed).
    pub skipped: Vec<PathBuf>,
}

/// Expands the command-line inputs. Folders are walked recursively, their documents
/// sorted by path; a file named directly is read whatever its name (text unless it says
/// .jsonl), and a pipe (`<(zcat a.jsonl.gz)`) is read as JSON lines when it starts with
/// `{`.
pub fn expand(inputs: &[PathBuf]) -> Result<Inputs, Error> {
    let mut out = Inputs::default();
    // Files by their real path: a file named twice (directly and inside a folder, or
    // through two links) is read once.
    let mut seen_files = HashSet::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::MissingInput(p.clone()),
            _ => Error::io(p, e),
        })?;
        if meta.is_dir() {
            let mut walk = Walk {
                seen_files: std::mem::take(&mut seen_files),
                ..Walk::default()
            };
            walk.dir(p)?;
            seen_files = std::mem::take(&mut walk.seen_files);
            walk.files.sort_by(|a, b| a.0.cmp(&b.0));
            out.sources.extend(walk.files.into_iter().map(|(_, s)| s));
            out.skipped.extend(walk.skipped);
        } else if meta.is_file() {
            if !seen_files.insert(p.canonicalize().unwrap_or_else(|_| p.clone())) {
                continue;
            }
            out.sources.push(match classify(p).1 {
                Some(Kind::JsonLines) => Source::JsonLines(p.clone()),
                _ => Source::Text(p.clone()),
            });
        } else {
            // A FIFO, a process substitution, a character device: read as a stream.
            out.sources.push(Source::Pipe(p.clone()));
        }
    }
    Ok(out)
}

#[derive(Default)]
struct Walk {
    /// Folders read, by their real path: a symlink loop or a second link to a folder
    /// already read is not walked again.
    seen_dirs: HashSet<PathBuf>,
    /// Files found, by their real path (a file linked twice is read once).
    seen_files: HashSet<PathBuf>,
    files: Vec<(PathBuf, Source)>,
    skipped: Vec<PathBuf>,
}

impl Walk {
    fn dir(&mut self, dir: &Path) -> Result<(), Error> {
        let real = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
        if !self.seen_dirs.insert(real) {
            return Ok(());
        }
        let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in rd {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let path = entry.path();
            // Follows symlinks; a dangling link is a file that cannot be read.
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    if classify(&path).1.is_some() {
                        let why = format!("cannot read: {e}");
                        self.files.push((path.clone(), Source::Refused(path, why)));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                self.dir(&path)?;
                continue;
            }
            let kind = classify(&path).1;
            if kind.is_none() || hidden(path.file_name()) {
                self.skipped.push(path);
                continue;
            }
            if !meta.is_file() {
                // A FIFO would block the run forever; a device is not a document.
                let why = "not a regular file (a FIFO, socket or device inside a folder is \
                           not read; name it on the command line to read it as a stream)"
                    .to_string();
                self.files.push((path.clone(), Source::Refused(path, why)));
                continue;
            }
            let real = path.canonicalize().unwrap_or_else(|_| path.clone());
            if !self.seen_files.insert(real) {
                continue;
            }
            let source = match kind {
                Some(Kind::JsonLines) => Source::JsonLines(path.clone()),
                _ => Source::Text(path.clone()),
            };
            self.files.push((path, source));
        }
        Ok(())
    }
}

/// Editor and system leftovers (".#a.txt", ".DS_Store") are not documents.
fn hidden(name: Option<&OsStr>) -> bool {
    name.is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension_in_any_case() {
        use Compression::*;
        let cases: &[(&str, Compression, Option<Kind>, &str)] = &[
            ("a.txt", None, Some(Kind::Text), "a"),
            ("dir/A.TXT", None, Some(Kind::Text), "A"),
            ("a.txt.gz", Gzip, Some(Kind::Text), "a"),
            ("b.JSONL", None, Some(Kind::JsonLines), "b"),
            ("b.ndjson.zst", Zstd, Some(Kind::JsonLines), "b"),
            ("notes.md", None, Option::None, "notes"),
            ("README", None, Option::None, "README"),
            ("v1.2.txt", None, Some(Kind::Text), "v1.2"),
        ];
        for &(name, c, kind, stem) in cases {
            assert_eq!(
                classify(Path::new(name)),
                (c, kind, stem.to_string()),
                "{name}"
            );
        }
    }
}
