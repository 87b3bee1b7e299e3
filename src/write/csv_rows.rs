//! The rows as CSV records, as the output contract writes them: lists `|`-joined,
//! confidence with two decimals, an absent number as an empty field. Field by field, in
//! the contract's column order (`HEADERS` in `tables.rs`), without a serde pass.

use super::rows::{ClaimRow, EntityRow, ErrorRow, MentionRow};

type Out = csv::Writer<Vec<u8>>;

/// A row that writes itself as one CSV record.
pub(crate) trait CsvRow {
    /// Appends the row's fields and ends the record.
    fn write_csv(&self, w: &mut Out) -> csv::Result<()>;
}

fn int(w: &mut Out, n: usize) -> csv::Result<()> {
    w.write_field(itoa::Buffer::new().format(n))
}

fn opt(w: &mut Out, n: Option<usize>) -> csv::Result<()> {
    match n {
        Some(n) => int(w, n),
        None => w.write_field(""),
    }
}

fn end(w: &mut Out) -> csv::Result<()> {
    w.write_record(None::<&[u8]>)
}

impl CsvRow for EntityRow<'_> {
    fn write_csv(&self, w: &mut Out) -> csv::Result<()> {
        w.write_field(self.doc_id)?;
        w.write_field(self.entity_id)?;
        w.write_field(self.name)?;
        w.write_field(self.etype)?;
        int(w, self.mentions)?;
        w.write_field(self.aliases.join("|"))?;
        w.write_field(self.roles.join("|"))?;
        w.write_field(self.wikidata.unwrap_or(""))?;
        end(w)
    }
}

impl CsvRow for MentionRow<'_> {
    fn write_csv(&self, w: &mut Out) -> csv::Result<()> {
        w.write_field(self.doc_id)?;
        w.write_field(self.entity_id)?;
        int(w, self.start)?;
        int(w, self.end)?;
        w.write_field(self.text)?;
        w.write_field(self.etype)?;
        w.write_field(&self.source)?;
        end(w)
    }
}

impl CsvRow for ClaimRow<'_> {
    fn write_csv(&self, w: &mut Out) -> csv::Result<()> {
        w.write_field(self.doc_id)?;
        int(w, self.claim_id)?;
        for f in [
            self.kind,
            self.speaker,
            self.speaker_id,
            self.speaker_type,
            self.speaker_role,
            self.cue,
        ] {
            w.write_field(f)?;
        }
        int(w, self.start)?;
        int(w, self.end)?;
        w.write_field(self.text)?;
        w.write_field(self.rule)?;
        w.write_field(format!("{:.2}", self.confidence))?;
        w.write_field(self.speaker_mention)?;
        opt(w, self.speaker_start)?;
        opt(w, self.speaker_end)?;
        opt(w, self.cue_start)?;
        opt(w, self.cue_end)?;
        end(w)
    }
}

impl CsvRow for ErrorRow<'_> {
    fn write_csv(&self, w: &mut Out) -> csv::Result<()> {
        w.write_field(self.doc_id)?;
        w.write_field(self.source)?;
        opt(w, self.line)?;
        w.write_field(self.level)?;
        w.write_field(self.message)?;
        end(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_of(row: &dyn CsvRow) -> String {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        row.write_csv(&mut w).unwrap();
        String::from_utf8(w.into_inner().unwrap()).unwrap()
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
