//! Interface translations through Fluent. Every UI string is a message id looked up here; a missing
//! message falls back to English, then to the id itself (and is found by the completeness test).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

/// A language the interface ships in: code, its own name, right-to-left or not, Fluent source.
pub struct Locale {
    pub code: &'static str,
    pub name: &'static str,
    pub rtl: bool,
    source: &'static str,
}

pub const LOCALES: [Locale; 6] = [
    Locale { code: "en", name: "English", rtl: false, source: include_str!("../i18n/en.ftl") },
    Locale { code: "ru", name: "Русский", rtl: false, source: include_str!("../i18n/ru.ftl") },
    Locale { code: "ar", name: "العربية", rtl: true, source: include_str!("../i18n/ar.ftl") },
    Locale { code: "fr", name: "Français", rtl: false, source: include_str!("../i18n/fr.ftl") },
    Locale { code: "es", name: "Español", rtl: false, source: include_str!("../i18n/es.ftl") },
    Locale { code: "zh", name: "中文", rtl: false, source: include_str!("../i18n/zh.ftl") },
];

pub const DEFAULT_LOCALE: &str = "en";

pub struct I18n {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

#[derive(Debug, thiserror::Error)]
#[error("translation file {locale}.ftl: {message}")]
pub struct I18nError {
    locale: &'static str,
    message: String,
}

impl I18n {
    pub fn load() -> Result<Self, I18nError> {
        let mut bundles = HashMap::new();
        for l in &LOCALES {
            let res = FluentResource::try_new(l.source.to_string())
                .map_err(|(_, errs)| I18nError { locale: l.code, message: format!("{errs:?}") })?;
            let langid: LanguageIdentifier =
                l.code.parse().map_err(|e| I18nError { locale: l.code, message: format!("{e}") })?;
            let mut b = FluentBundle::new_concurrent(vec![langid]);
            b.add_resource(res).map_err(|errs| I18nError { locale: l.code, message: format!("{errs:?}") })?;
            bundles.insert(l.code, b);
        }
        Ok(Self { bundles })
    }

    /// The supported locale code for a requested one (`ru-RU` → `ru`), or `None`.
    pub fn supported(code: &str) -> Option<&'static str> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        LOCALES.iter().find(|l| l.code == primary).map(|l| l.code)
    }

    /// Picks the best locale from an `Accept-Language` header.
    pub fn negotiate(accept_language: Option<&str>) -> &'static str {
        let mut prefs: Vec<(f32, &str)> = accept_language
            .unwrap_or("")
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let tag = it.next()?.trim();
                let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse().ok()).unwrap_or(1.0);
                Some((q, tag))
            })
            .collect();
        prefs.sort_by(|a, b| b.0.total_cmp(&a.0));
        prefs.iter().find_map(|(_, tag)| Self::supported(tag)).unwrap_or(DEFAULT_LOCALE)
    }

    pub fn tr(&self, locale: &str) -> Tr<'_> {
        let code = Self::supported(locale).unwrap_or(DEFAULT_LOCALE);
        Tr { i18n: self, code }
    }

    fn format(&self, code: &str, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let b = self.bundles.get(code)?;
        let msg = b.get_message(id)?;
        let pattern = msg.value()?;
        let mut errs = Vec::new();
        Some(b.format_pattern(pattern, args, &mut errs).into_owned())
    }

    /// Message ids present in English but missing in `code`.
    pub fn missing(&self, code: &str) -> Vec<String> {
        let ids = message_ids(LOCALES[0].source);
        let have = LOCALES.iter().find(|l| l.code == code).map(|l| message_ids(l.source)).unwrap_or_default();
        ids.into_iter().filter(|id| !have.contains(id)).collect()
    }
}

fn message_ids(src: &str) -> Vec<String> {
    src.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

/// Fluent output without the Unicode isolation marks it adds around arguments (right for HTML, noise in
/// PDFs, e-mail and JSON).
pub fn plain(s: String) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}

/// A translator bound to one locale, handed to every template.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    i18n: &'a I18n,
    pub code: &'static str,
}

impl<'a> Tr<'a> {
    /// The message `id`, in this locale or English.
    pub fn t(&self, id: &str) -> String {
        self.i18n
            .format(self.code, id, None)
            .or_else(|| self.i18n.format(DEFAULT_LOCALE, id, None))
            .unwrap_or_else(|| id.to_string())
    }

    /// The message `id` with one named argument.
    pub fn t1(&self, id: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), FluentValue::from(value.to_string()));
        self.i18n
            .format(self.code, id, Some(&args))
            .or_else(|| self.i18n.format(DEFAULT_LOCALE, id, Some(&args)))
            .unwrap_or_else(|| id.to_string())
    }

    /// The message `id` with named arguments.
    pub fn ta(&self, id: &str, named: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in named {
            args.set(name.to_string(), FluentValue::from(value.to_string()));
        }
        self.i18n
            .format(self.code, id, Some(&args))
            .or_else(|| self.i18n.format(DEFAULT_LOCALE, id, Some(&args)))
            .unwrap_or_else(|| id.to_string())
    }

    pub fn dir(&self) -> &'static str {
        if LOCALES.iter().any(|l| l.code == self.code && l.rtl) { "rtl" } else { "ltr" }
    }

    pub fn locales(&self) -> &'static [Locale] {
        &LOCALES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_is_complete() {
        let i = I18n::load().unwrap();
        for code in ["ru", "ar", "fr", "es", "zh"] {
            assert_eq!(i.missing(code), Vec::<String>::new(), "{code} lacks messages");
        }
    }

    #[test]
    fn lookups_fall_back_and_direction_follows_the_script() {
        let i = I18n::load().unwrap();
        assert_eq!(i.tr("ru").t("nav-home"), "Главная");
        assert_eq!(i.tr("xx").code, "en");
        assert_eq!(i.tr("ar").dir(), "rtl");
        assert_eq!(i.tr("ru").dir(), "ltr");
        assert_eq!(i.tr("en").t("no-such-message"), "no-such-message");
        assert_eq!(I18n::negotiate(Some("de-DE,ru;q=0.8,en;q=0.5")), "ru");
        assert_eq!(I18n::negotiate(None), "en");
    }
}
