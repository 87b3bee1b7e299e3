//! The Parquet tables' columns: their types, one document's rows as owned column values
//! (built on the worker threads), and the Arrow builders the writer appends them to.

use super::super::rows::{ClaimRow, EntityRow, ErrorRow, MentionRow, two_decimals};
use super::super::tables::HEADERS;
use super::super::{Outcome, error_row, rows};
use arrow_array::ArrayRef;
use arrow_array::builder::{Float64Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_schema::{DataType, Field, FieldRef, Schema, SchemaRef};
use std::sync::Arc;

/// How a column is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// UTF-8, never null.
    Str,
    /// UTF-8, null where CSV leaves the field empty.
    OptStr,
    /// int64, never null.
    Int,
    /// int64, null where CSV leaves the field empty.
    OptInt,
    /// float64.
    Float,
    /// `list<string>`, never null (an empty list where CSV is empty).
    List,
}

use Kind::{Float, Int, List, OptInt, OptStr, Str};

/// Each table's column types, column for column with `HEADERS`.
#[rustfmt::skip]
pub(super) const KINDS: [&[Kind]; 4] = [
    &[Str, Str, Str, Str, Int, List, List, OptStr],
    &[Str, Str, Int, Int, Str, Str, Str],
    &[Str, Int, Str, Str, Str, Str, Str, Str, Int, Int, Str, Str, Float, Str,
      OptInt, OptInt, OptInt, OptInt],
    &[Str, Str, OptInt, Str, Str],
];

impl Kind {
    /// The Arrow type of such a column.
    fn data_type(self) -> DataType {
        match self {
            Str | OptStr => DataType::Utf8,
            Int | OptInt => DataType::Int64,
            Float => DataType::Float64,
            List => DataType::List(item_field()),
        }
    }

    /// Whether such a column may hold nulls.
    fn nullable(self) -> bool {
        matches!(self, OptInt | OptStr)
    }
}

/// The item of a list column: a string, never null.
fn item_field() -> FieldRef {
    Arc::new(Field::new_list_field(DataType::Utf8, false))
}

/// Table `t`'s schema: `HEADERS` typed by `KINDS`.
pub(super) fn schema(t: usize) -> SchemaRef {
    let fields: Vec<Field> = HEADERS[t]
        .iter()
        .zip(KINDS[t])
        .map(|(name, &kind)| Field::new(*name, kind.data_type(), kind.nullable()))
        .collect();
    Arc::new(Schema::new(fields))
}

/// One document's rows for the four tables (entities, mentions, claims, errors), as
/// column values: what the worker threads hand to the writer.
#[derive(Debug)]
pub struct Columns {
    pub(super) tables: [Cols; 4],
}

/// Strings in one buffer: the `i`-th is `text[ends[i - 1]..ends[i]]`.
#[derive(Debug, Default)]
struct Strs {
    text: String,
    ends: Vec<usize>,
}

impl Strs {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(s, &e)| &self.text[s..e])
    }
}

/// One column's values for one document's rows.
#[derive(Debug)]
enum Values {
    Str(Strs),
    /// Strings, and for each row whether it has one (the absent ones add nothing to the
    /// buffer).
    OptStr(Strs, Vec<bool>),
    Int(Vec<i64>),
    OptInt(Vec<Option<i64>>),
    Float(Vec<f64>),
    /// Every list's items, and for each row how many items the lists up to it hold.
    List(Strs, Vec<usize>),
}

/// One table's rows of one document, column by column. Rows are added a field at a
/// time, in column order, and closed with [`end`](Cols::end).
#[derive(Debug)]
pub(super) struct Cols {
    values: Vec<Values>,
    rows: usize,
    /// The column the next field goes to.
    next: usize,
}

impl Cols {
    fn new(kinds: &[Kind]) -> Cols {
        let values = kinds
            .iter()
            .map(|k| match k {
                Str => Values::Str(Strs::default()),
                OptStr => Values::OptStr(Strs::default(), Vec::new()),
                Int => Values::Int(Vec::new()),
                OptInt => Values::OptInt(Vec::new()),
                Float => Values::Float(Vec::new()),
                List => Values::List(Strs::default(), Vec::new()),
            })
            .collect();
        Cols {
            values,
            rows: 0,
            next: 0,
        }
    }

    /// The next field's column.
    fn field(&mut self) -> &mut Values {
        self.next += 1;
        &mut self.values[self.next - 1]
    }

    fn str(&mut self, s: &str) -> &mut Cols {
        match self.field() {
            Values::Str(v) => v.push(s),
            other => panic!("a string in a column of {other:?}"),
        }
        self
    }

    fn opt_str(&mut self, s: Option<&str>) -> &mut Cols {
        match self.field() {
            Values::OptStr(v, present) => {
                present.push(s.is_some());
                if let Some(s) = s {
                    v.push(s);
                }
            }
            other => panic!("an optional string in a column of {other:?}"),
        }
        self
    }

    fn int(&mut self, n: usize) -> &mut Cols {
        match self.field() {
            Values::Int(v) => v.push(int64(n)),
            other => panic!("an integer in a column of {other:?}"),
        }
        self
    }

    fn opt(&mut self, n: Option<usize>) -> &mut Cols {
        match self.field() {
            Values::OptInt(v) => v.push(n.map(int64)),
            other => panic!("an optional integer in a column of {other:?}"),
        }
        self
    }

    fn float(&mut self, x: f64) -> &mut Cols {
        match self.field() {
            Values::Float(v) => v.push(x),
            other => panic!("a float in a column of {other:?}"),
        }
        self
    }

    fn list(&mut self, items: &[String]) -> &mut Cols {
        match self.field() {
            Values::List(v, ends) => {
                items.iter().for_each(|s| v.push(s));
                ends.push(v.ends.len());
            }
            other => panic!("a list in a column of {other:?}"),
        }
        self
    }

    /// Appends these rows to a table's builders (one a column); returns how many.
    pub(super) fn append_to(&self, builders: &mut [Builder]) -> usize {
        for (b, v) in builders.iter_mut().zip(&self.values) {
            b.append(v);
        }
        self.rows
    }

    /// Closes the row: every column has its field.
    fn end(&mut self) {
        assert_eq!(self.next, self.values.len(), "a row fills every column");
        self.next = 0;
        self.rows += 1;
    }
}

/// Counts and offsets as int64 (documents are far smaller than `i64::MAX`).
fn int64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A row that adds itself to its table's columns, in the contract's column order
/// (`HEADERS`), as `csv_rows.rs` writes it to CSV.
trait ParquetRow {
    fn put(&self, c: &mut Cols);
}

impl ParquetRow for EntityRow<'_> {
    fn put(&self, c: &mut Cols) {
        c.str(self.doc_id)
            .str(self.entity_id)
            .str(self.name)
            .str(self.etype);
        c.int(self.mentions)
            .list(self.aliases)
            .list(self.roles)
            .opt_str(self.wikidata)
            .end();
    }
}

impl ParquetRow for MentionRow<'_> {
    fn put(&self, c: &mut Cols) {
        c.str(self.doc_id)
            .str(self.entity_id)
            .int(self.start)
            .int(self.end);
        c.str(self.text).str(self.etype).str(&self.source).end();
    }
}

impl ParquetRow for ClaimRow<'_> {
    fn put(&self, c: &mut Cols) {
        c.str(self.doc_id)
            .int(self.claim_id)
            .str(self.kind)
            .str(self.speaker);
        c.str(self.speaker_id)
            .str(self.speaker_type)
            .str(self.speaker_role);
        c.str(self.cue)
            .int(self.start)
            .int(self.end)
            .str(self.text)
            .str(self.rule);
        c.float(two_decimals(self.confidence))
            .str(self.speaker_mention);
        c.opt(self.speaker_start).opt(self.speaker_end);
        c.opt(self.cue_start).opt(self.cue_end).end();
    }
}

impl ParquetRow for ErrorRow<'_> {
    fn put(&self, c: &mut Cols) {
        c.str(self.doc_id).str(self.source).opt(self.line);
        c.str(self.level).str(self.message).end();
    }
}

fn put_rows<T: ParquetRow>(c: &mut Cols, rows: &[T]) {
    rows.iter().for_each(|r| r.put(c));
}

/// A document's rows for the four tables, or its error row.
pub(super) fn render(outcome: &Outcome) -> Columns {
    let mut tables = KINDS.map(Cols::new);
    match outcome {
        Ok((doc, ex)) => {
            let rows = rows(doc, ex, &doc.source);
            put_rows(&mut tables[0], &rows.entities);
            put_rows(&mut tables[1], &rows.mentions);
            put_rows(&mut tables[2], &rows.claims);
            put_rows(&mut tables[3], &rows.warnings);
        }
        Err(e) => error_row(e).put(&mut tables[3]),
    }
    Columns { tables }
}

/// An Arrow builder for one column of a table.
pub(super) enum Builder {
    Str(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    List(ListBuilder<StringBuilder>),
}

impl Builder {
    pub(super) fn new(kind: Kind) -> Builder {
        match kind {
            Str | OptStr => Builder::Str(StringBuilder::new()),
            Int | OptInt => Builder::Int(Int64Builder::new()),
            Float => Builder::Float(Float64Builder::new()),
            List => Builder::List(ListBuilder::new(StringBuilder::new()).with_field(item_field())),
        }
    }

    fn append(&mut self, values: &Values) {
        match (self, values) {
            (Builder::Str(b), Values::Str(v)) => v.iter().for_each(|s| b.append_value(s)),
            (Builder::Str(b), Values::OptStr(v, present)) => {
                let mut values = v.iter();
                for &p in present {
                    if p {
                        b.append_option(values.next());
                    } else {
                        b.append_null();
                    }
                }
            }
            (Builder::Int(b), Values::Int(v)) => b.append_slice(v),
            (Builder::Int(b), Values::OptInt(v)) => b.extend(v.iter().copied()),
            (Builder::Float(b), Values::Float(v)) => b.append_slice(v),
            (Builder::List(b), Values::List(items, ends)) => {
                let mut items = items.iter();
                let mut done = 0;
                for &end in ends {
                    items
                        .by_ref()
                        .take(end - done)
                        .for_each(|s| b.values().append_value(s));
                    b.append(true);
                    done = end;
                }
            }
            _ => unreachable!("builders and values both follow KINDS"),
        }
    }

    pub(super) fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Str(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::List(b) => Arc::new(b.finish()),
        }
    }
}
