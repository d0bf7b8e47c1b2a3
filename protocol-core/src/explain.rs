//! Explanations in no particular language: a catalogue phrase and its named
//! arguments (nodes, terms, indices), rendered on demand in the reader's
//! language. Each phrase carries its English (what the CLI prints) and its
//! Simplified Chinese side by side, so a phrase without a translation does
//! not compile; both use the same `{name}` placeholders (checked by a test).

use std::fmt;

use serde::{Serialize, Serializer};

/// A language of the explanations and of the UI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// In the language picker's order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The id in links (`&lang=zh`) and in localStorage.
    pub fn id(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// An id from a link or from storage; None for anything else.
    pub fn parse(id: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.id().eq_ignore_ascii_case(id.trim()))
    }

    /// The `<html lang>` tag (the script matters for the choice of CJK font).
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The language's own name, for the picker (the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文（简体）",
        }
    }

    /// The browser's language (`navigator.language`): Chinese for any "zh…".
    pub fn from_browser(language: &str) -> Lang {
        if language.trim().get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh")) { Lang::Zh } else { Lang::En }
    }

    /// The language a page opens in: the link's (`&lang=`), else the one
    /// the user chose before (localStorage), else the browser's.
    pub fn initial(link: Option<Lang>, stored: Option<&str>, browser: &str) -> Lang {
        link.or_else(|| stored.and_then(Lang::parse)).unwrap_or_else(|| Lang::from_browser(browser))
    }
}

/// One sentence of a catalogue: a stable id and its templates, where
/// `{name}` stands for the argument called `name`.
#[derive(Debug, PartialEq, Eq)]
pub struct Phrase {
    pub id: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

impl Phrase {
    pub fn template(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// The placeholder names of a template, in order of appearance.
    pub fn placeholders(template: &str) -> Vec<&str> {
        let mut names = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            names.push(&rest[open + 1..open + close]);
            rest = &rest[open + close + 1..];
        }
        names
    }
}

/// A phrase with its arguments: what the trace keeps instead of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub phrase: &'static Phrase,
    pub args: Vec<(&'static str, String)>,
}

impl Text {
    pub fn new(phrase: &'static Phrase, args: Vec<(&'static str, String)>) -> Self {
        debug_assert!(
            {
                let mut used = Phrase::placeholders(phrase.en);
                used.sort_unstable();
                used.dedup();
                let mut given: Vec<&str> = args.iter().map(|(k, _)| *k).collect();
                given.sort_unstable();
                used == given
            },
            "phrase {} takes the placeholders of {:?}, got {:?}",
            phrase.id,
            phrase.en,
            args
        );
        Text { phrase, args }
    }

    /// The phrase's own argument called `name`.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// The text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        self.render(self.phrase.template(lang))
    }

    /// Fills `template` (this phrase in some language) with the arguments;
    /// a placeholder without an argument stays as it is.
    pub fn render(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            out.push_str(&rest[..open]);
            let name = &rest[open + 1..open + close];
            match self.arg(name) {
                Some(v) => out.push_str(v),
                None => out.push_str(&rest[open..=open + close]),
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(self.phrase.en))
    }
}

/// In JSON (the CLI's trace, the trace download) a text is its English.
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Declares a catalogue: one `pub static` [`Phrase`] per entry
/// (`NAME = "English" / "中文";`), its id `"<prefix>.<NAME>"`, and
/// `pub static PHRASES` listing them all.
#[macro_export]
macro_rules! phrases {
    ($prefix:literal; $($(#[$doc:meta])* $name:ident = $en:literal / $zh:literal;)*) => {
        $($(#[$doc])* pub static $name: $crate::explain::Phrase =
            $crate::explain::Phrase { id: concat!($prefix, ".", stringify!($name)), en: $en, zh: $zh };)*
        /// Every phrase of this catalogue.
        pub static PHRASES: &[&$crate::explain::Phrase] = &[$(&$name),*];
    };
}

/// A [`Text`] from a phrase and `name = value` arguments (`name` alone
/// means `name = name`); values are formatted with `Display`. The phrase is
/// a static (`GRANTS_VOTE`), or `*if c { &A } else { &B }` to choose one.
#[macro_export]
macro_rules! text {
    ($phrase:expr $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::explain::Text::new(&$phrase, vec![$((stringify!($name), $crate::text!(@value $name $(= $value)?).to_string())),*])
    };
    (@value $name:ident) => { $name };
    (@value $name:ident = $value:expr) => { $value };
}

/// Every phrase the kernel can say, across all protocols.
pub fn catalogue() -> impl Iterator<Item = &'static Phrase> {
    [
        crate::sim::phrases::PHRASES,
        crate::scenario::phrases::PHRASES,
        crate::invariants::phrases::PHRASES,
        crate::raft::phrases::PHRASES,
        crate::raft::payload::PHRASES,
        crate::paxos::phrases::PHRASES,
        crate::paxos::payload::PHRASES,
        crate::vsr::phrases::PHRASES,
        crate::vsr::payload::PHRASES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::phrases! { "test";
        GRANT = "S{node} grants its vote to S{candidate} for term {term}"
              / "S{node} 在任期 {term} 投票给 S{candidate}";
    }

    #[test]
    fn the_browser_language_picks_the_default() {
        assert_eq!(Lang::from_browser("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_browser("zh"), Lang::Zh);
        assert_eq!(Lang::from_browser("ZH-tw"), Lang::Zh);
        assert_eq!(Lang::from_browser("en-US"), Lang::En);
        assert_eq!(Lang::from_browser("de"), Lang::En);
        assert_eq!(Lang::from_browser(""), Lang::En);
        assert_eq!(Lang::from_browser("z"), Lang::En);
    }

    #[test]
    fn a_link_beats_the_stored_choice_which_beats_the_browser() {
        assert_eq!(Lang::initial(Some(Lang::Zh), Some("en"), "en-US"), Lang::Zh);
        assert_eq!(Lang::initial(Some(Lang::En), Some("zh"), "zh-CN"), Lang::En);
        assert_eq!(Lang::initial(None, Some("zh"), "en-US"), Lang::Zh);
        assert_eq!(Lang::initial(None, Some("en"), "zh-CN"), Lang::En);
        // Junk in storage is ignored.
        assert_eq!(Lang::initial(None, Some("klingon"), "zh-CN"), Lang::Zh);
        assert_eq!(Lang::initial(None, None, "fr"), Lang::En);
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.id()), Some(l));
        }
        assert_eq!(Lang::parse("<b>"), None);
    }

    #[test]
    fn renders_named_arguments_in_any_order() {
        let (node, term) = (2, 5);
        let t = crate::text!(GRANT, node, candidate = 3, term);
        assert_eq!(t.to_string(), "S2 grants its vote to S3 for term 5");
        assert_eq!(t.in_lang(Lang::Zh), "S2 在任期 5 投票给 S3");
        assert_eq!(t.phrase.id, "test.GRANT");
        assert_eq!(PHRASES, [&GRANT]);
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"S2 grants its vote to S3 for term 5\"");
    }

    #[test]
    fn placeholders_are_listed_in_order() {
        assert_eq!(Phrase::placeholders(GRANT.en), ["node", "candidate", "term"]);
        assert_eq!(Phrase::placeholders("no arguments"), Vec::<&str>::new());
    }

    /// Every phrase reads as Chinese and takes exactly the English one's
    /// placeholders, so no argument is lost or left unfilled in translation.
    #[test]
    fn every_kernel_phrase_is_translated_with_the_same_placeholders() {
        for p in catalogue() {
            let mut en = Phrase::placeholders(p.en);
            let mut zh = Phrase::placeholders(p.zh);
            en.sort_unstable();
            zh.sort_unstable();
            assert_eq!(en, zh, "{}", p.id);
            assert!(p.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{} is not translated", p.id);
        }
    }

    #[test]
    fn every_kernel_phrase_has_a_unique_id() {
        let mut ids: Vec<&str> = catalogue().map(|p| p.id).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
