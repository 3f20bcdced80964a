//! Byte offsets <-> line/column, in one place.
//!
//! Offsets are byte offsets into the file text exactly as read (a BOM, if any, included).
//! Lines and columns are 1-based; columns count Unicode scalar values, like rustc and most
//! editors' status bars. JS callers also get UTF-16 offsets (what a JS string index is).

/// A byte range in one file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }
}

/// Line starts of one text, computed once, queried per finding.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// UTF-16 offset of each line start; left empty for ASCII text, where it equals the byte offset.
    line_utf16_starts: Vec<usize>,
    ascii: bool,
}

/// A resolved position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let ascii = text.is_ascii();
        let mut line_utf16_starts = Vec::new();
        if !ascii {
            // Per line, one UTF-16 unit per character and a second one for each four-byte
            // character (both counts are word-at-a-time loops, unlike `encode_utf16`).
            let mut units = 0;
            let mut previous = 0;
            for &start in &line_starts {
                let line = &text[previous..start];
                units += line.chars().count() + line.bytes().filter(|&b| b >= 0xF0).count();
                line_utf16_starts.push(units);
                previous = start;
            }
        }
        LineIndex { text, line_starts, line_utf16_starts, ascii }
    }

    /// The 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Clamp to the text and back off to a char boundary, so input-derived offsets never panic.
    pub fn snap(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = self.snap(offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let mut column = self.text[start..offset].chars().count() + 1;
        if offset > 0 && self.bom_on(line) {
            column -= 1;
        }
        Position { line: line as u32 + 1, column: column as u32 }
    }

    /// Whether 0-based `line` starts with a byte-order mark, which is not a column: the first
    /// character after it is in column 1.
    fn bom_on(&self, line: usize) -> bool {
        line == 0 && self.text.starts_with('\u{feff}')
    }

    /// The byte offset of a 1-based line and column (columns count characters; a column past the
    /// end of its line is the line's end); `None` for a line the text does not have.
    pub fn offset_of(&self, position: Position) -> Option<usize> {
        let line = (position.line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(line)?;
        let end = self.line_starts.get(line + 1).map_or(self.text.len(), |next| *next);
        let line_text = &self.text[start..end];
        let mut column = (position.column as usize).saturating_sub(1);
        if self.bom_on(line) {
            column += 1;
        }
        Some(start + line_text.char_indices().nth(column).map_or(line_text.len(), |(i, _)| i))
    }

    /// UTF-16 code units before `offset`: the index of that place in a JS string.
    pub fn utf16_offset(&self, offset: usize) -> usize {
        let offset = self.snap(offset);
        if self.ascii {
            return offset;
        }
        let line = self.line_of(offset);
        self.line_utf16_starts[line] + self.text[self.line_starts[line]..offset].encode_utf16().count()
    }

    /// The full text of the 1-based `line`, without its line break (CR included).
    pub fn line_text(&self, line: u32) -> &'a str {
        let index = (line as usize).saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.line_starts[index];
        let end = self.line_starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    pub fn text(&self) -> &'a str {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let index = LineIndex::new("ab\nçd\r\nef");
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(3), Position { line: 2, column: 1 });
        // `ç` is two bytes but one column.
        assert_eq!(index.position(5), Position { line: 2, column: 2 });
        assert_eq!(index.position(8), Position { line: 3, column: 1 });
        assert_eq!(index.line_text(2), "çd");
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let text = "a😀b\nc";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(index.utf16_offset(b), 3);
        assert_eq!(index.utf16_offset(text.len()), 6);
        // Every offset of a text mixing one- to four-byte characters over several lines.
        let text = "ab\nçé😀\r\n€\n\n𝄞x\n";
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(index.utf16_offset(offset), text[..offset].encode_utf16().count(), "at {offset}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}DROP TABLE a;\nDROP TABLE b;";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3), Position { line: 1, column: 1 });
        assert_eq!(index.position(8), Position { line: 1, column: 6 });
        assert_eq!(index.position(text.find("b;").unwrap()), Position { line: 2, column: 12 });
        for offset in [3, 8, 17] {
            assert_eq!(index.offset_of(index.position(offset)), Some(offset));
        }
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_char_are_clamped() {
        let index = LineIndex::new("é");
        assert_eq!(index.position(1), Position { line: 1, column: 1 });
        assert_eq!(index.position(99), Position { line: 1, column: 2 });
    }
}
