//! A document's text as HTML with its marks: claims, speaker mentions, cues and entity
//! mentions as nested `<span>`s. Marks may cross ("a claim that ends inside a name"): HTML
//! cannot cross, so a mark cut by another's end is closed and reopened as a continuation
//! piece. Only a mark's first piece carries its id attribute (`data-claim-id`), so a
//! reviewer's page, or a test, counts one element per mark.

use crate::types::Span;
use std::fmt::Write;

/// One mark over the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Byte range in the text.
    pub span: Span,
    /// Nesting rank when two marks share a start and an end: lower is outside.
    pub rank: u8,
    /// Attributes of every piece (`class="…" data-c="3"`), already escaped.
    pub attrs: String,
    /// Attributes only the first piece carries (`data-claim-id="…"`), already escaped.
    pub first: String,
}

/// `text` escaped for HTML, with `marks` as `<span>`s.
pub fn render(text: &str, marks: &[Mark]) -> String {
    let mut order: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].span.end <= text.len())
        .collect();
    // Outer marks first: earlier start, then longer, then lower rank.
    order.sort_by_key(|&i| {
        let m = &marks[i];
        (m.span.start, std::cmp::Reverse(m.span.end), m.rank, i)
    });
    let mut bounds: Vec<usize> = order
        .iter()
        .flat_map(|&i| [marks[i].span.start, marks[i].span.end])
        .chain([0, text.len()])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();

    let mut out = String::with_capacity(text.len() * 2);
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0; // next mark of `order` to open
    for (bi, &p) in bounds.iter().enumerate() {
        // Close the marks ending here; the marks above them on the stack are cut and
        // reopened as continuation pieces.
        if let Some(lowest) = stack.iter().position(|&i| marks[i].span.end <= p) {
            let cut: Vec<usize> = stack.drain(lowest..).collect();
            for _ in &cut {
                out.push_str("</span>");
            }
            for i in cut {
                if marks[i].span.end > p {
                    open(&mut out, &marks[i], false);
                    stack.push(i);
                }
            }
        }
        while next < order.len() && marks[order[next]].span.start == p {
            let i = order[next];
            next += 1;
            open(&mut out, &marks[i], true);
            if marks[i].span.end == p {
                out.push_str("</span>");
            } else {
                stack.push(i);
            }
        }
        if let Some(&q) = bounds.get(bi + 1) {
            escape_into(&mut out, &text[p..q]);
        }
    }
    for _ in stack {
        out.push_str("</span>");
    }
    out
}

fn open(out: &mut String, m: &Mark, first: bool) {
    let _ = write!(out, "<span {}", m.attrs);
    if first && !m.first.is_empty() {
        let _ = write!(out, " {}", m.first);
    }
    if !first {
        out.push_str(" data-cont=\"1\"");
    }
    out.push('>');
}

/// Appends `s` with `&`, `<`, `>` and `"` escaped.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // NUL is not allowed in HTML (and marks the writer's placeholders).
            '\0' => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
}

/// `s` escaped for an HTML attribute or text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, name: &str) -> Mark {
        Mark {
            span: Span::new(start, end),
            rank: 0,
            attrs: format!("class=\"{name}\""),
            first: format!("id=\"{name}\""),
        }
    }

    /// The text with the markup taken out.
    fn plain(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }

    #[test]
    fn nested_marks_nest() {
        let html = render("Ada said no.", &[mark(0, 12, "c"), mark(0, 3, "m")]);
        assert_eq!(
            html,
            "<span class=\"c\" id=\"c\"><span class=\"m\" id=\"m\">Ada</span> said no.</span>"
        );
    }

    #[test]
    fn crossing_marks_are_cut_and_keep_one_id() {
        let text = "one two three";
        let html = render(text, &[mark(0, 7, "a"), mark(4, 13, "b")]);
        assert_eq!(html.matches("id=\"a\"").count(), 1);
        assert_eq!(html.matches("id=\"b\"").count(), 1);
        assert_eq!(html.matches("data-cont").count(), 1);
        assert_eq!(plain(&html), text);
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }

    #[test]
    fn text_is_escaped_and_empty_marks_still_appear() {
        let text = "a <b> & \"c\"";
        let html = render(text, &[mark(2, 2, "e"), mark(0, 1, "x")]);
        assert!(html.contains("&lt;b&gt; &amp; &quot;c&quot;"));
        assert_eq!(html.matches("id=\"e\"").count(), 1);
        assert_eq!(plain(&html), text);
    }

    #[test]
    fn multibyte_text_is_cut_on_char_boundaries() {
        let text = "“Já,” disse Zoë.";
        let z = text.find("Zoë").unwrap();
        let html = render(
            text,
            &[mark(0, text.len(), "c"), mark(z, z + "Zoë".len(), "m")],
        );
        assert_eq!(plain(&html), text);
    }
}
