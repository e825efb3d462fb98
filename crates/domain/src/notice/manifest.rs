//! Lists of people to screen (a passenger manifest, a list of visa applicants) as CSV: a header row naming
//! the columns, then one person per row. Quoted fields (RFC 4180) may hold commas, quotes and line breaks;
//! a semicolon or tab separator is recognised from the header. Every bad row is reported with its line.

/// One person of a list, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub name: String,
    pub birth_date: Option<String>,
    pub nationality: Option<String>,
}

/// A problem in the file: the line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// Splits CSV text into records of fields, each with the line it starts on.
fn records(text: &str, sep: char) -> Result<Vec<(usize, Vec<String>)>, RowError> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut fields = Vec::new();
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == sep => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut fields)));
                line += 1;
                start = line;
                any = false;
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(RowError { line: start, reason: "a quoted field is not closed".into() });
    }
    if any {
        fields.push(field);
        out.push((start, fields));
    }
    Ok(out.into_iter().filter(|(_, f)| f.iter().any(|x| !x.trim().is_empty())).collect())
}

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase().replace([' ', '-'], "_");
        names.contains(&h.as_str())
    })
}

/// Reads a list. The header must name a `name` column, or given-name and surname columns; `birth_date` (or
/// `dob`, `date_of_birth`) and `nationality` are optional. Returns the good rows and the bad ones.
pub fn parse(text: &str) -> Result<(Vec<Row>, Vec<RowError>), RowError> {
    let first = text.lines().next().unwrap_or_default();
    let sep = [';', '\t', ','].into_iter().max_by_key(|s| first.matches(*s).count()).unwrap_or(',');
    let mut recs = records(text, sep)?.into_iter();
    let Some((_, header)) = recs.next() else {
        return Err(RowError { line: 1, reason: "the file is empty".into() });
    };
    let name = column(&header, &["name", "full_name", "passenger", "passenger_name"]);
    let given = column(&header, &["given_names", "given_name", "first_name", "forename", "firstname"]);
    let surname = column(&header, &["surname", "last_name", "family_name", "lastname"]);
    let dob = column(&header, &["birth_date", "date_of_birth", "dob", "birthdate"]);
    let nat = column(&header, &["nationality", "citizenship", "country"]);
    if name.is_none() && given.is_none() && surname.is_none() {
        return Err(RowError {
            line: 1,
            reason: "the header names no name column (name, or given_names and surname)".into(),
        });
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (line, fields) in recs {
        let get =
            |i: Option<usize>| i.and_then(|i| fields.get(i)).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let full = get(name).or_else(|| {
            let parts: Vec<String> = [get(given), get(surname)].into_iter().flatten().collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        });
        let Some(full) = full else {
            errors.push(RowError { line, reason: "no name".into() });
            continue;
        };
        if full.chars().count() > 300 {
            errors.push(RowError { line, reason: "the name is longer than 300 characters".into() });
            continue;
        }
        rows.push(Row { line, name: full, birth_date: get(dob), nationality: get(nat) });
    }
    Ok((rows, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_dates_and_nationalities_with_quotes_and_separators() {
        let text =
            "Name,DOB,Nationality\nSergei Plohov,1975-03-05,RU\n\"Petrova, Anna\",,\n\"O\"\"Brien\nJohn\",1980,IE\n";
        let (rows, errors) = parse(text).unwrap_or_default();
        assert_eq!(errors, vec![]);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            Row {
                line: 2,
                name: "Sergei Plohov".into(),
                birth_date: Some("1975-03-05".into()),
                nationality: Some("RU".into())
            }
        );
        assert_eq!(rows[1].name, "Petrova, Anna");
        assert_eq!(rows[2].name, "O\"Brien\nJohn");
        assert_eq!(rows[2].line, 4);
        let semicolons = "surname;given_names\nПлохов;Сергей\n";
        assert_eq!(parse(semicolons).map(|(r, _)| r[0].name.clone()), Ok("Сергей Плохов".into()));
    }

    #[test]
    fn bad_rows_and_files_are_named() {
        let (rows, errors) = parse("name,dob\n,1970\nAnna,1970\n").unwrap_or_default();
        assert_eq!(rows.len(), 1);
        assert_eq!(errors, vec![RowError { line: 2, reason: "no name".into() }]);
        assert_eq!(parse("").err().map(|e| e.line), Some(1));
        assert!(parse("a,b\n1,2\n").err().is_some_and(|e| e.reason.contains("no name column")));
        assert!(parse("name\n\"open").err().is_some_and(|e| e.reason.contains("not closed")));
    }
}
