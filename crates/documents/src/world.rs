//! The typst `World` the template is compiled in: one source (the template), one data file (the
//! document as JSON), the fonts compiled into this crate, no clock, no file system, no packages.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::RenderError;

const TEMPLATE: &str = include_str!("formal.typ");

/// The path the template reads the document from (`json("/data.json")`).
const DATA_PATH: &str = "/data.json";

/// Fonts of `data/fonts` (see its README): scripts that typst-assets' Libertinus Serif lacks.
const EXTRA_FONTS: [&[u8]; 6] = [
    include_bytes!("../../../data/fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../../data/fonts/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../../../data/fonts/NotoSerifArmenian-Regular.ttf"),
    include_bytes!("../../../data/fonts/NotoSerifArmenian-Bold.ttf"),
    include_bytes!("../../../data/fonts/NotoSerifGeorgian-Regular.ttf"),
    include_bytes!("../../../data/fonts/NotoSerifGeorgian-Bold.ttf"),
];

/// The one family taken from typst-assets: it covers Latin, Greek, Cyrillic and Hebrew.
const BASE_FAMILY: &str = "Libertinus Serif";

/// What every render shares: parsed once per process.
pub(crate) struct Assets {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
}

static ASSETS: OnceLock<Assets> = OnceLock::new();

pub(crate) fn assets() -> &'static Assets {
    ASSETS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .filter(|font| font.info().family == BASE_FAMILY)
            .chain(EXTRA_FONTS.into_iter().flat_map(|data| Font::iter(Bytes::new(data))))
            .collect();
        Assets {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: Source::detached(TEMPLATE),
        }
    })
}

impl Assets {
    /// The families of the loaded fonts, one entry per face.
    #[cfg(test)]
    pub(crate) fn families(&self) -> impl Iterator<Item = &str> {
        self.fonts.iter().map(|font| font.info().family.as_str())
    }

    /// Whether some loaded font has a glyph for `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        self.fonts.iter().any(|font| font.info().coverage.contains(u32::from(c)))
    }
}

/// One compilation: the shared assets plus this document's data.
pub(crate) struct DocWorld {
    assets: &'static Assets,
    data_id: FileId,
    data: Bytes,
}

impl DocWorld {
    pub(crate) fn new(data: Vec<u8>) -> Result<Self, RenderError> {
        let path = VirtualPath::new(DATA_PATH).map_err(|err| RenderError::Internal(err.to_string()))?;
        Ok(Self {
            assets: assets(),
            data_id: RootedPath::new(VirtualRoot::Project, path).intern(),
            data: Bytes::new(data),
        })
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.assets.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.assets.book
    }

    fn main(&self) -> FileId {
        self.assets.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.assets.main.id() { Ok(self.assets.main.clone()) } else { Err(not_found(id)) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id { Ok(self.data.clone()) } else { Err(not_found(id)) }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.assets.fonts.get(index).cloned()
    }

    /// No clock: the document's date is text given by the caller, and `datetime.today()` is `none`.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
