//! Every user-facing string of the UI, in English and Simplified Chinese.
//! Components never hard-code visible text: they call these functions.
//!
//! A typed catalogue, not Fluent or gettext. Each text item is a function
//! that returns the string for the current [`lang()`], with the English and
//! the Chinese side by side: `texts!` items for fixed strings (the macro
//! takes both, so a missing translation does not compile), and functions with
//! an exhaustive `match lang() { … }` for formatted ones (a new language is a
//! compile error at every one of them until it is written). Why not Fluent:
//! `fluent-bundle` with its ICU plural rules, locale ids and memoizer adds
//! more than 100 KB gzipped to a page already over its size budget, and its
//! string keys fail at run time (a raw key on the page) where these fail at
//! compile time; English and Chinese need no plural machinery. What this costs:
//! translations live in Rust source, not in files a translator edits alone,
//! and every language is in the one wasm binary (the Chinese adds 16 KB
//! gzipped: 10 KB of UTF-8 strings before compression, and the second arm of
//! every formatted text).
//!
//! The language is a thread-local that the app sets as it renders
//! (`components::language`); components call `use_lang()` so that they
//! re-render when it changes. The strings are split by area: `controls`
//! (header, controls, help, notices, share, files, library, tours), `cluster`
//! (the cluster, legend, inspector, network and logs, and the kernel's fixed
//! labels), `events` (event headlines, actions, invariants), `dialogs` (new
//! scenario, Explore, protocols and their options), `diagram` (space-time
//! diagram, compare).
//!
//! Not written here: what the kernel says (each event's explanation,
//! violation details, message payloads, reasons for refusing a scenario, a
//! link or an action) is a `protocol_core::explain::Text` in both languages,
//! shown with [`explain`]; the presets' titles, descriptions and tours come
//! translated from `protocol_core::scenario::presets`. Identifiers that
//! Chinese texts keep in English stay so (message types, invariant ids,
//! option and variant ids, field names
//! such as commitIndex). The Chinese terms: `web-ui/GLOSSARY.zh.md`.

use std::cell::Cell;

mod cluster;
mod controls;
mod diagram;
mod dialogs;
mod events;

pub use cluster::*;
pub use controls::*;
pub use diagram::*;
pub use dialogs::*;
pub use events::*;

/// The app's name, the same in every language.
pub const APP_NAME: &str = "QuorumScope";

pub use protocol_core::explain::Lang;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language texts are rendered in.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// Sets the language texts are rendered in (the app does it as it renders).
pub fn set_lang(l: Lang) {
    LANG.with(|c| c.set(l));
}

/// A kernel explanation (an event's note, a violation's detail) in the
/// current language.
pub fn explain(t: &protocol_core::explain::Text) -> String {
    t.in_lang(lang())
}

/// One of two strings, by the current language.
pub fn tr(en: &'static str, zh: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// Fixed text items: `name: "English", "中文";` becomes `pub fn name() ->
/// &'static str`, and the test table `$table` lists every item with both
/// strings.
macro_rules! texts {
    ($table:ident; $($(#[$doc:meta])* $name:ident: $en:literal, $zh:literal;)*) => {
        $(
            $(#[$doc])*
            pub fn $name() -> &'static str {
                $crate::text::tr($en, $zh)
            }
        )*
        /// Every item of this module: (name, English, Chinese).
        #[cfg(test)]
        pub(super) const $table: &[(&str, &str, &str)] = &[$((stringify!($name), $en, $zh)),*];
    };
}
use texts;

/// A list of servers: "S1, S3" / "S1、S3".
fn servers(nodes: &[u8]) -> String {
    let sep = tr(", ", "、");
    nodes.iter().map(|n| format!("S{n}")).collect::<Vec<_>>().join(sep)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Runs `f` with texts in `l`, then goes back to English.
    pub(crate) fn in_lang<T>(l: Lang, f: impl FnOnce() -> T) -> T {
        set_lang(l);
        let out = f();
        set_lang(Lang::En);
        out
    }

    pub(crate) fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
    }

    #[test]
    fn every_fixed_text_has_both_languages() {
        let tables = [controls::CONTROLS, cluster::CLUSTER, events::EVENTS, dialogs::DIALOGS, diagram::DIAGRAM];
        let mut names = std::collections::HashSet::new();
        for (name, en, zh) in tables.into_iter().flatten() {
            assert!(names.insert(*name), "{name} is defined twice");
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{name} is empty");
            assert!(!has_cjk(en), "{name}: Chinese in the English text {en:?}");
            assert!(has_cjk(zh), "{name}: the Chinese text {zh:?} is not Chinese");
            assert_eq!(en.ends_with('…'), zh.ends_with('…'), "{name}: an ellipsis in one language only");
        }
        assert!(names.len() > 150, "{} items", names.len());
    }

    /// A preset loaded from a link (English texts) reads in Chinese; a
    /// scenario of one's own keeps its texts; kernel explanations follow too.
    #[test]
    fn presets_and_explanations_follow_the_language() {
        let preset = protocol_core::scenario::presets::find("raft/figure8").unwrap();
        let s = preset.scenario();
        let notes = in_lang(Lang::Zh, || tour_notes(&s));
        assert_eq!(notes.len(), s.notes.len());
        assert!(notes.iter().all(|n| has_cjk(n)));
        assert!(has_cjk(&in_lang(Lang::Zh, || scenario_title(&s))));
        assert_eq!(tour_notes(&s)[0], s.notes[0].text);
        let mut own = s.clone();
        own.title = "Mine".into();
        assert_eq!(in_lang(Lang::Zh, || scenario_title(&own)), "Mine");
        assert_eq!(in_lang(Lang::Zh, || tour_notes(&own))[0], s.notes[0].text);
        let mut sim = protocol_core::AnySim::new(s).unwrap();
        sim.run_to_end();
        let note = sim.events().iter().flat_map(|e| &e.notes).next().unwrap();
        assert!(has_cjk(&in_lang(Lang::Zh, || explain(note))));
        assert!(!has_cjk(&explain(note)));
    }

    #[test]
    fn tr_follows_the_language() {
        assert_eq!(in_lang(Lang::Zh, play), "播放");
        assert_eq!(play(), "Play");
        assert_eq!(in_lang(Lang::Zh, || servers(&[1, 3])), "S1、S3");
        assert_eq!(servers(&[1, 3]), "S1, S3");
    }
}
