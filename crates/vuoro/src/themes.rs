//! `vuoro themes FILE`: the theme engine of the facilitator's board on a file of notes.
//!
//! The file is either plain text, one note per line, or a CSV whose header has a `text` column
//! (the header decides: a first line that parses as CSV with a field named `text`). Lines are
//! numbered from 1 as in an editor; in a CSV a note is numbered by the line its record starts
//! on, so the header is line 1 and the numbers still point into the file.

use serde::Serialize;

/// A note and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub line: usize,
    pub text: String,
}

/// The notes in `input`: its non-blank lines, or the `text` column of a CSV.
pub fn read_notes(input: &str) -> Result<Vec<Line>, String> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let records = parse_csv(input);
    let column = records.first().and_then(|(_, header)| {
        header
            .iter()
            .position(|f| f.trim().eq_ignore_ascii_case("text"))
    });
    let Some(column) = column else {
        return Ok(input
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| Line {
                line: i + 1,
                text: l.trim().to_owned(),
            })
            .collect());
    };
    let mut out = Vec::new();
    for (line, fields) in records.into_iter().skip(1) {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let text = fields
            .get(column)
            .ok_or_else(|| format!("line {line}: no `text` field"))?;
        if !text.trim().is_empty() {
            out.push(Line {
                line,
                text: text.trim().to_owned(),
            });
        }
    }
    Ok(out)
}

/// CSV records (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks), each
/// with the line number it starts on.
fn parse_csv(input: &str) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                fields.push(std::mem::take(&mut field));
                records.push((start, std::mem::take(&mut fields)));
                line += 1;
                start = line;
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((start, fields));
    }
    records
}

#[derive(Debug, Serialize)]
pub struct Output {
    pub themes: Vec<ThemeOut>,
    pub lines: Vec<LineOut>,
}

#[derive(Debug, Serialize)]
pub struct ThemeOut {
    pub label: String,
    pub size: usize,
    /// Line numbers of the most representative notes, the closest first.
    pub representative: Vec<usize>,
}

#[derive(Debug, Serialize)]
pub struct LineOut {
    pub line: usize,
    /// Index into `themes`; null for a note with no word that counts.
    pub theme: Option<usize>,
}

/// Themes of the notes as the command prints them.
pub fn run(notes: &[Line], k: Option<usize>) -> Output {
    let texts: Vec<&str> = notes.iter().map(|l| l.text.as_str()).collect();
    // Voikko's base forms where it is installed, as the server uses them.
    let opts = vuoro_text::Options {
        k,
        lemmatizer: vuoro_voikko::shared()
            .map(|v| v as std::sync::Arc<dyn vuoro_text::lemma::Lemmatizer>),
        ..vuoro_text::Options::default()
    };
    let found = vuoro_text::themes(&texts, &opts);
    Output {
        themes: found
            .themes
            .iter()
            .map(|t| ThemeOut {
                label: t.label_text(),
                size: t.size(),
                representative: t.representative.iter().map(|i| notes[*i].line).collect(),
            })
            .collect(),
        lines: notes
            .iter()
            .zip(&found.assignment)
            .map(|(l, a)| LineOut {
                line: l.line,
                theme: *a,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[Line]) -> Vec<(usize, &str)> {
        v.iter().map(|l| (l.line, l.text.as_str())).collect()
    }

    #[test]
    fn plain_lines_skip_blanks_and_keep_line_numbers() {
        let got = read_notes("kiire on\n\n  etätyö toimii \r\nkahvi, pulla\n").unwrap_or_default();
        assert_eq!(
            texts(&got),
            [(1, "kiire on"), (3, "etätyö toimii"), (4, "kahvi, pulla")]
        );
    }

    #[test]
    fn a_csv_with_a_text_column_gives_that_column() {
        let input = "id,Text,label\n1,\"liikaa, töitä\",a\n2,\"hän sanoi \"\"ei\"\"\nja lähti\",b\n\n3,etätyö,c";
        let got = read_notes(input).unwrap_or_default();
        assert_eq!(
            texts(&got),
            [
                (2, "liikaa, töitä"),
                (3, "hän sanoi \"ei\"\nja lähti"),
                (6, "etätyö")
            ]
        );
    }

    #[test]
    fn a_first_line_without_a_text_field_is_a_note() {
        let got = read_notes("text messages all day\nkiire").unwrap_or_default();
        assert_eq!(texts(&got), [(1, "text messages all day"), (2, "kiire")]);
    }

    #[test]
    fn a_csv_row_without_the_column_is_an_error() {
        assert!(read_notes("label,text\nonly-label\n").is_err());
    }

    #[test]
    fn output_points_at_lines() {
        let notes = read_notes(
            "text\nkopiokone rikki\ntulostin ja kopiokone rikki\n👍\netätyö kotona hyvä\netätyö kotona",
        )
        .unwrap_or_default();
        let out = run(&notes, Some(2));
        assert_eq!(out.lines.len(), 5);
        assert_eq!(out.lines[0].line, 2);
        assert_eq!(out.lines[2].theme, None);
        assert_eq!(out.lines[0].theme, out.lines[1].theme);
        let sizes: usize = out.themes.iter().map(|t| t.size).sum();
        assert_eq!(sizes, 4);
        for t in &out.themes {
            assert!(t.representative.iter().all(|l| (2..=6).contains(l)));
        }
    }
}
