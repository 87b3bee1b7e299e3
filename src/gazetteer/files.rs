//! Reading a gazetteer folder's files: which there are, and their text, with errors that
//! name the file (and the line, for text that is not UTF-8).

use crate::error::GazetteerError;
use std::fs;
use std::path::Path;

/// The files of `dir` whose name ends in `.ext`, in sorted order.
pub(super) fn dir_files(dir: &Path, ext: &str) -> Result<Vec<std::path::PathBuf>, GazetteerError> {
    let rd = fs::read_dir(dir).map_err(|e| GazetteerError {
        file: dir.display().to_string(),
        line: 0,
        message: format!("cannot read folder: {e}"),
    })?;
    let mut files: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    Ok(files)
}

/// The text of a file, or where it is not UTF-8 (by line).
pub(super) fn read_file(p: &Path) -> Result<String, GazetteerError> {
    let bytes = fs::read(p).map_err(|e| GazetteerError {
        file: p.display().to_string(),
        line: 0,
        message: format!("cannot read: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        GazetteerError {
            file: p.display().to_string(),
            line,
            message: "not valid UTF-8".to_string(),
        }
    })
}
