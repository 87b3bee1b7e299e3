//! The rows as CSV records, as the output contract writes them: lists `|`-joined,
//! confidence with two decimals, an absent number as an empty field. Field by field, in
//! the contract's column order (`HEADERS` in `tables.rs`), without a serde pass.
//!
//! The records are written straight into the document's byte buffer, as the `csv` crate
//! writes them with its defaults (a field holding a comma, a quote, a carriage return or
//! a line feed is put in quotes, its quotes doubled; `\n` ends a record). The
//! crate's writer ran a state machine over every byte, behind a writer built per table
//! per document: a tenth of a run's time in a profile went to rendering. The tests check
//! that the bytes equal the crate's, field for field.

use super::rows::{ClaimRow, EntityRow, ErrorRow, MentionRow};

/// One record being written into a buffer.
pub(crate) struct Out<'a> {
    buf: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Out<'a> {
    /// A record appended to `buf`.
    pub(crate) fn new(buf: &'a mut Vec<u8>) -> Out<'a> {
        Out { buf, first: true }
    }

    /// Appends one field. Inlined into each row's writer: a call per field (some 180,000
    /// per MB of news) spent more on saving registers than on most fields' bytes.
    #[inline(always)]
    fn field(&mut self, f: impl AsRef<[u8]>) {
        let f = f.as_ref();
        if !std::mem::take(&mut self.first) {
            self.buf.push(b',');
        }
        if !needs_quotes(f) {
            self.buf.extend_from_slice(f);
            return;
        }
        self.quoted(f);
    }

    /// Appends a field that needs quotes (a text with a comma, mostly).
    #[inline(never)]
    fn quoted(&mut self, f: &[u8]) {
        self.buf.push(b'"');
        // Quotes doubled; most quoted fields (text with a comma) hold none, and memchr
        // passes over them many bytes at a time.
        let mut from = 0;
        for q in memchr::memchr_iter(b'"', f) {
            self.buf.extend_from_slice(&f[from..=q]);
            self.buf.push(b'"');
            from = q + 1;
        }
        self.buf.extend_from_slice(&f[from..]);
        self.buf.push(b'"');
    }

    /// Appends a list field: the items joined by `|`, quoted as one field would be.
    fn list(&mut self, items: &[String]) {
        match items {
            [] => self.field(""),
            [one] => self.field(one),
            _ => self.field(items.join("|")),
        }
    }

    fn int(&mut self, n: usize) {
        self.field(itoa::Buffer::new().format(n));
    }

    fn opt(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.int(n),
            None => self.field(""),
        }
    }

    /// Ends the record. (Every table has several columns, so a record is never the one
    /// empty field that a CSV writer must write as `""`.)
    fn end(self) {
        self.buf.push(b'\n');
    }
}

/// True when a field holds a byte that makes it quoted: a comma, a quote, CR or LF. Eight
/// bytes a step (a table lookup per byte was half of rendering's instructions); a field's
/// last bytes are read by one more load that ends where the field ends.
fn needs_quotes(f: &[u8]) -> bool {
    if f.len() < 8 {
        return f.iter().any(|&b| SPECIAL[usize::from(b)]);
    }
    let load = |i: usize| u64::from_le_bytes(f[i..i + 8].try_into().unwrap_or([0; 8]));
    let mut i = 0;
    while i + 8 < f.len() {
        if special_bytes(load(i)) != 0 {
            return true;
        }
        i += 8;
    }
    special_bytes(load(f.len() - 8)) != 0
}

/// Nonzero exactly when some byte of `w` is one of the four that make a field quoted.
#[inline]
fn special_bytes(w: u64) -> u64 {
    use crate::words::bytes_equal;
    bytes_equal(w, b',') | bytes_equal(w, b'"') | bytes_equal(w, b'\n') | bytes_equal(w, b'\r')
}

/// The bytes that make a field quoted, by byte.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// A row that writes itself as one CSV record.
pub(crate) trait CsvRow {
    /// Appends the row's fields and ends the record.
    fn write_csv(&self, w: Out<'_>);
}

impl CsvRow for EntityRow<'_> {
    fn write_csv(&self, mut w: Out<'_>) {
        w.field(self.doc_id);
        w.field(self.entity_id);
        w.field(self.name);
        w.field(self.etype);
        w.int(self.mentions);
        w.list(self.aliases);
        w.list(self.roles);
        w.field(self.wikidata.unwrap_or(""));
        w.end();
    }
}

impl CsvRow for MentionRow<'_> {
    fn write_csv(&self, mut w: Out<'_>) {
        w.field(self.doc_id);
        w.field(self.entity_id);
        w.int(self.start);
        w.int(self.end);
        w.field(self.text);
        w.field(self.etype);
        w.field(self.source.as_ref());
        w.end();
    }
}

impl CsvRow for ClaimRow<'_> {
    fn write_csv(&self, mut w: Out<'_>) {
        w.field(self.doc_id);
        w.int(self.claim_id);
        for f in [
            self.kind,
            self.speaker,
            self.speaker_id,
            self.speaker_type,
            self.speaker_role,
            self.cue,
        ] {
            w.field(f);
        }
        w.int(self.start);
        w.int(self.end);
        w.field(self.text);
        w.field(self.rule);
        w.field(format!("{:.2}", self.confidence));
        w.field(self.speaker_mention);
        w.opt(self.speaker_start);
        w.opt(self.speaker_end);
        w.opt(self.cue_start);
        w.opt(self.cue_end);
        w.end();
    }
}

impl CsvRow for ErrorRow<'_> {
    fn write_csv(&self, mut w: Out<'_>) {
        w.field(self.doc_id);
        w.field(self.source);
        w.opt(self.line);
        w.field(self.level);
        w.field(self.message);
        w.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_of(row: &dyn CsvRow) -> String {
        let mut buf = Vec::new();
        row.write_csv(Out::new(&mut buf));
        String::from_utf8(buf).unwrap()
    }

    /// The `csv` crate's bytes for one record of these fields, with its defaults.
    fn crate_csv(fields: &[&str]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        w.write_record(fields).unwrap();
        w.into_inner().unwrap()
    }

    #[test]
    fn fields_are_written_as_the_csv_crate_writes_them() {
        let tricky = [
            "",
            "plain",
            "a,b",
            "say \"no\"",
            "\"",
            "\"\"",
            "two\nlines",
            "cr\rhere",
            "crlf\r\n",
            " lead and trail ",
            "#hash",
            "tab\tinside",
            "semi;colon",
            "“curly” ‘quotes’ and ünïcode",
            "ends with quote\"",
            "\"starts with quote",
            "comma, \"quote\" and\nnewline",
        ];
        // Every field in every position, and pairs of them in one record.
        for a in tricky {
            for b in tricky {
                let mut buf = Vec::new();
                let mut w = Out::new(&mut buf);
                w.field(a);
                w.field(b);
                w.field("x");
                w.end();
                assert_eq!(
                    String::from_utf8(buf).unwrap(),
                    String::from_utf8(crate_csv(&[a, b, "x"])).unwrap(),
                    "fields {a:?}, {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_special_byte_is_found_at_every_position() {
        for len in (0..20).chain(30..70) {
            let plain = vec![b'a'; len];
            assert!(!needs_quotes(&plain));
            for at in 0..len {
                for b in [b',', b'"', b'\r', b'\n'] {
                    let mut f = plain.clone();
                    f[at] = b;
                    assert!(needs_quotes(&f), "{b} at {at} of {len}");
                }
                // Bytes next to the special ones, and high bytes, are plain.
                for b in [b'+', b'-', b'!', b'#', 0x0b, 0x0c, 0x0e, 0x80, 0xac, 0xff] {
                    let mut f = plain.clone();
                    f[at] = b;
                    assert!(!needs_quotes(&f), "{b} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn lists_of_one_or_none_are_written_like_joined_ones() {
        let mut one = Vec::new();
        let mut w = Out::new(&mut one);
        w.list(&["a, b".to_string()]);
        w.list(&[]);
        w.list(&["x".to_string(), "y\"z".to_string()]);
        w.end();
        assert_eq!(
            String::from_utf8(one).unwrap(),
            String::from_utf8(crate_csv(&["a, b", "", "x|y\"z"])).unwrap()
        );
    }

    #[test]
    fn lists_are_joined_and_fields_quoted() {
        let aliases = vec!["Brook".to_string(), "A. Brook".to_string()];
        let roles = vec!["admiral, retired".to_string()];
        let row = EntityRow {
            doc_id: "d",
            entity_id: "person:ada-brook",
            name: "Ada Brook",
            etype: "PERSON",
            mentions: 3,
            aliases: &aliases,
            roles: &roles,
            wikidata: None,
        };
        assert_eq!(
            csv_of(&row),
            "d,person:ada-brook,Ada Brook,PERSON,3,Brook|A. Brook,\"admiral, retired\",\n"
        );
        let row = EntityRow {
            wikidata: Some("Q42"),
            ..row
        };
        assert_eq!(
            csv_of(&row),
            "d,person:ada-brook,Ada Brook,PERSON,3,Brook|A. Brook,\"admiral, retired\",Q42\n"
        );
    }

    #[test]
    fn absent_numbers_are_empty_fields() {
        let row = ErrorRow {
            doc_id: "",
            source: "a.jsonl",
            line: None,
            level: "error",
            message: "no text",
        };
        assert_eq!(csv_of(&row), ",a.jsonl,,error,no text\n");
    }
}
