//! The transliteration tables compiled into the binary (see tables/README.md for each one's standard and
//! source). A test checks that every file in tables/ is listed here and parses.

/// Tables that document spellings but are not schemes: the Latin foldings and letter equivalences are
/// applied by code (`normalize::latin_variants`, `key`); ICAO's Arabic table is a reversible encoding for the
/// machine-readable zone (X-escapes such as XAA, XKH) that names in data and in the visual zone do not use.
pub const INFORMATIONAL: &[&str] = &["az-ascii", "equivalences", "ar-icao9303"];

macro_rules! tables {
    ($($name:literal),* $(,)?) => {
        /// (file name without extension, contents)
        pub const ALL: [(&str, &str); [$($name),*].len()] = [$(($name, include_str!(concat!("../tables/", $name, ".tsv")))),*];
    };
}

tables!(
    "ar-common",
    "ar-fa-common-names",
    "ar-icao9303",
    "az-ascii",
    "az-cyrillic-latin",
    "be-national",
    "cyrillic-icao9303",
    "cyrillic-iso9",
    "equivalences",
    "fa-common",
    "hy-bgn-pcgn",
    "hy-passport",
    "ka-national2002",
    "kk-latin2021",
    "ky-bgn",
    "mn-mns5217",
    "ru-bgn-pcgn",
    "ru-gost779b",
    "ru-mvd",
    "ru-scholarly",
    "tg-bgn",
    "uk-national2010",
    "uz-latin1995",
);

#[cfg(test)]
mod tests {
    #[test]
    fn every_table_file_is_compiled_in() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tables");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".tsv")).map(str::to_owned))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = super::ALL.iter().map(|(n, _)| (*n).to_owned()).collect();
        listed.sort();
        assert_eq!(listed, on_disk);
    }
}
