//! The preset library: scenario files shipped with the app, grouped by
//! protocol and lesson. Each preset states which invariants it breaks, and
//! the tests hold it to that.
//!
//! Every preset `<id>.json` has its Simplified Chinese texts next to it in
//! `<id>.zh.json`: `{ "title", "description", "notes": [...] }`, the notes in
//! the order of the English ones (their steps stay in the English file).
//! A preset without its Chinese file does not compile.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{ProtocolId, Scenario};
use crate::explain::Lang;

#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Stable id, used in links to a preset (`#preset=raft/figure8`).
    pub id: &'static str,
    pub protocol: ProtocolId,
    /// The lesson it belongs to, for grouping in the library.
    pub lesson: &'static str,
    /// The invariants this preset is meant to break (empty: none).
    pub breaks: &'static [&'static str],
    json: &'static str,
    zh_json: &'static str,
}

/// A preset's title, description and tour notes in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Texts {
    title: String,
    description: String,
    notes: Vec<String>,
}

/// The texts of a preset in both languages (`zh` is `None` when its file is
/// unusable; the tests make sure none is).
struct Translated {
    en: Texts,
    zh: Option<Texts>,
}

impl Preset {
    /// The preset's scenario. Presets are checked by the tests, so parsing
    /// cannot fail in a release.
    pub fn scenario(&self) -> Scenario {
        Scenario::from_json(self.json).unwrap_or_else(|e| panic!("preset {} is invalid: {e}", self.id))
    }

    pub fn shows_bug(&self) -> bool {
        !self.breaks.is_empty()
    }

    /// The title in `lang` (English where a translation is missing).
    pub fn title(&self, lang: Lang) -> &'static str {
        &self.texts(lang).title
    }

    /// The one-line description in `lang` (English where a translation is missing).
    pub fn description(&self, lang: Lang) -> &'static str {
        &self.texts(lang).description
    }

    /// The tour notes' texts in `lang`, in the order of the scenario's notes.
    pub fn notes(&self, lang: Lang) -> Vec<String> {
        self.texts(lang).notes.clone()
    }

    /// The name of the preset's lesson in `lang`.
    pub fn lesson_name(&self, lang: Lang) -> &'static str {
        lesson_name(self.lesson, lang)
    }

    /// The Chinese file as written, parse errors included (for the tests).
    fn zh_texts(&self) -> Result<Texts, serde_json::Error> {
        serde_json::from_str(self.zh_json)
    }

    /// The texts in `lang`, parsed once for all presets on first use.
    fn texts(&self, lang: Lang) -> &'static Texts {
        static ALL: OnceLock<Vec<Translated>> = OnceLock::new();
        let all = ALL.get_or_init(|| {
            PRESETS
                .iter()
                .map(|p| {
                    let s = p.scenario();
                    let en = Texts {
                        title: s.title,
                        description: s.description,
                        notes: s.notes.into_iter().map(|n| n.text).collect(),
                    };
                    let zh = p.zh_texts().ok().filter(|zh| zh.notes.len() == en.notes.len());
                    Translated { en, zh }
                })
                .collect()
        });
        let i = PRESETS.iter().position(|p| p.id == self.id).expect("every preset is in PRESETS");
        match lang {
            Lang::Zh => all[i].zh.as_ref().unwrap_or(&all[i].en),
            Lang::En => &all[i].en,
        }
    }
}

/// A lesson's name in `lang` (the English name where none is known).
pub fn lesson_name(lesson: &str, lang: Lang) -> &str {
    match lang {
        Lang::En => lesson,
        Lang::Zh => lesson_zh(lesson).unwrap_or(lesson),
    }
}

fn lesson_zh(lesson: &str) -> Option<&'static str> {
    Some(match lesson {
        "Basics" => "基础",
        "Faults" => "故障",
        "Liveness" => "活性",
        "Safety" => "安全性",
        "Bugs" => "缺陷",
        // The algorithm's name, as the Chinese literature writes it.
        "Flexible Paxos" => "Flexible Paxos",
        _ => return None,
    })
}

/// Whether `file` is `id` followed by `.json` (checked when compiling, so
/// that the Chinese file `<id>.zh.json` sits next to the English one).
const fn is_file_of(id: &str, file: &str) -> bool {
    let (id, file) = (id.as_bytes(), file.as_bytes());
    let ext = b".json";
    if file.len() != id.len() + ext.len() {
        return false;
    }
    let mut i = 0;
    while i < file.len() {
        let expected = if i < id.len() { id[i] } else { ext[i - id.len()] };
        if file[i] != expected {
            return false;
        }
        i += 1;
    }
    true
}

macro_rules! preset {
    ($id:literal, $protocol:ident, $lesson:literal, [$($breaks:literal),*], $file:literal) => {
        Preset {
            id: $id,
            protocol: ProtocolId::$protocol,
            lesson: $lesson,
            breaks: &[$($breaks),*],
            json: {
                assert!(is_file_of($id, $file), concat!("preset ", $id, " must be in ", $id, ".json"));
                include_str!(concat!("../../presets/", $file))
            },
            zh_json: include_str!(concat!("../../presets/", $id, ".zh.json")),
        }
    };
}

pub const PRESETS: &[Preset] = &[
    preset!("raft/election", Raft, "Basics", [], "raft/election.json"),
    preset!("raft/replication", Raft, "Basics", [], "raft/replication.json"),
    preset!("raft/leader-crash", Raft, "Faults", [], "raft/leader-crash.json"),
    preset!("raft/split-vote", Raft, "Faults", [], "raft/split-vote.json"),
    preset!("raft/minority-partition", Raft, "Faults", [], "raft/minority-partition.json"),
    preset!("raft/partial-partition", Raft, "Liveness", [], "raft/partial-partition.json"),
    preset!("raft/partial-partition-prevote", Raft, "Liveness", [], "raft/partial-partition-prevote.json"),
    preset!("raft/figure8", Raft, "Safety", [], "raft/figure8.json"),
    preset!(
        "raft/bug-commit-by-counting",
        Raft,
        "Bugs",
        ["LeaderCompleteness", "StateMachineSafety"],
        "raft/bug-commit-by-counting.json"
    ),
    preset!("raft/bug-vote-not-persisted", Raft, "Bugs", ["ElectionSafety"], "raft/bug-vote-not-persisted.json"),
    preset!(
        "raft/bug-no-up-to-date-check",
        Raft,
        "Bugs",
        ["LeaderCompleteness", "StateMachineSafety", "AckedWriteDurable"],
        "raft/bug-no-up-to-date-check.json"
    ),
    preset!(
        "raft/bug-truncate-on-any-append",
        Raft,
        "Bugs",
        ["LeaderCompleteness", "StateMachineSafety", "AckedWriteDurable"],
        "raft/bug-truncate-on-any-append.json"
    ),
    preset!("multipaxos/single-decree", Multipaxos, "Basics", [], "multipaxos/single-decree.json"),
    preset!("multipaxos/steady-state", Multipaxos, "Basics", [], "multipaxos/steady-state.json"),
    preset!("multipaxos/takeover", Multipaxos, "Safety", [], "multipaxos/takeover.json"),
    preset!("multipaxos/dueling-proposers", Multipaxos, "Faults", [], "multipaxos/dueling-proposers.json"),
    preset!("multipaxos/dueling-no-backoff", Multipaxos, "Liveness", [], "multipaxos/dueling-no-backoff.json"),
    preset!("multipaxos/dueling-backoff", Multipaxos, "Liveness", [], "multipaxos/dueling-backoff.json"),
    preset!("multipaxos/lagging-learner", Multipaxos, "Faults", [], "multipaxos/lagging-learner.json"),
    preset!("multipaxos/flexible-quorums", Multipaxos, "Flexible Paxos", [], "multipaxos/flexible-quorums.json"),
    preset!(
        "multipaxos/flexible-non-intersecting",
        Multipaxos,
        "Flexible Paxos",
        ["Agreement", "AckedWriteDurable"],
        "multipaxos/flexible-non-intersecting.json"
    ),
    preset!(
        "multipaxos/bug-ignore-promised-values",
        Multipaxos,
        "Bugs",
        ["Agreement", "AckedWriteDurable"],
        "multipaxos/bug-ignore-promised-values.json"
    ),
    preset!(
        "multipaxos/bug-accept-below-promise",
        Multipaxos,
        "Bugs",
        ["PromiseKept", "Agreement", "AckedWriteDurable"],
        "multipaxos/bug-accept-below-promise.json"
    ),
    preset!(
        "multipaxos/bug-acceptor-amnesia",
        Multipaxos,
        "Bugs",
        ["Agreement", "AckedWriteDurable"],
        "multipaxos/bug-acceptor-amnesia.json"
    ),
    preset!(
        "multipaxos/bug-skip-phase1-on-takeover",
        Multipaxos,
        "Bugs",
        ["Agreement", "AckedWriteDurable"],
        "multipaxos/bug-skip-phase1-on-takeover.json"
    ),
    preset!("vsr/normal-operation", Vsr, "Basics", [], "vsr/normal-operation.json"),
    preset!("vsr/primary-crash", Vsr, "Faults", [], "vsr/primary-crash.json"),
    preset!("vsr/recovery", Vsr, "Faults", [], "vsr/recovery.json"),
    preset!("vsr/state-transfer", Vsr, "Faults", [], "vsr/state-transfer.json"),
    preset!("vsr/longer-log-loses", Vsr, "Safety", [], "vsr/longer-log-loses.json"),
    preset!("vsr/recovery-nonce", Vsr, "Safety", [], "vsr/recovery-nonce.json"),
    preset!(
        "vsr/bug-log-by-op-only",
        Vsr,
        "Bugs",
        ["CommittedPrefixAgreement", "AckedWriteDurable"],
        "vsr/bug-log-by-op-only.json"
    ),
    preset!(
        "vsr/bug-stale-prepare-ok",
        Vsr,
        "Bugs",
        ["CommittedPrefixAgreement", "AckedWriteDurable"],
        "vsr/bug-stale-prepare-ok.json"
    ),
    preset!(
        "vsr/bug-recovery-without-nonce",
        Vsr,
        "Bugs",
        ["CommittedPrefixAgreement", "AckedWriteDurable"],
        "vsr/bug-recovery-without-nonce.json"
    ),
];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The scenario the page opens with.
pub fn default_scenario() -> Scenario {
    find("raft/election").map(Preset::scenario).unwrap_or_else(|| Scenario::new(ProtocolId::Raft))
}

/// The preset a loaded scenario (a file or a share link, which carry the
/// English texts) was made from: same protocol, same English title and as
/// many notes.
pub fn for_scenario(scenario: &Scenario) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| {
        let en = p.texts(Lang::En);
        p.protocol == scenario.protocol && en.title == scenario.title && en.notes.len() == scenario.notes.len()
    })
}

/// The tour notes of a loaded scenario in `lang`, in the order of its notes;
/// `None` for English or when the scenario is not a preset.
pub fn translated_notes(scenario: &Scenario, lang: Lang) -> Option<Vec<String>> {
    match lang {
        Lang::En => None,
        Lang::Zh => for_scenario(scenario).map(|p| p.notes(lang)),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn has_cjk(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// The tokens a translation keeps verbatim: node names (`S3`), section
    /// citations (`§5.4.2`), values (`x=1`), identifiers with `_` or an inner
    /// capital (`commit_by_counting`, `nextIndex`, `AppendEntries`), numbers.
    fn kept_tokens(text: &str) -> BTreeSet<String> {
        let chars: Vec<char> = text.chars().collect();
        let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut tokens = BTreeSet::new();
        let mut i = 0;
        while i < chars.len() {
            let start = i;
            if chars[i] == '§' {
                i += 1;
                while at(i).is_ascii_digit() || at(i) == '.' {
                    i += 1;
                }
                tokens.insert(chars[start..i].iter().collect::<String>().trim_end_matches('.').to_string());
            } else if word(chars[i]) {
                while word(at(i)) {
                    i += 1;
                }
                let w: String = chars[start..i].iter().collect();
                if at(i) == '=' && at(i + 1).is_ascii_digit() {
                    i += 1;
                    while at(i).is_ascii_digit() {
                        i += 1;
                    }
                    tokens.insert(chars[start..i].iter().collect());
                } else if is_kept_word(&w) {
                    tokens.insert(w);
                }
            } else {
                i += 1;
            }
        }
        tokens
    }

    fn is_kept_word(w: &str) -> bool {
        let node = w.len() > 1 && w.starts_with('S') && w[1..].bytes().all(|b| b.is_ascii_digit());
        let camel = w.as_bytes().windows(2).any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
        node || camel || w.contains('_') || w.bytes().all(|b| b.is_ascii_digit())
    }

    #[test]
    fn the_tokenizer_finds_what_a_translation_must_keep() {
        let tokens = kept_tokens(
            "S1 appends lost=1 (§5.4.2.), then (1,S5): commit_by_counting, nextIndex; AppendEntries 3 of 5.",
        );
        let expected =
            ["1", "3", "5", "AppendEntries", "S1", "S5", "commit_by_counting", "lost=1", "nextIndex", "§5.4.2"];
        assert_eq!(tokens, expected.iter().map(|t| t.to_string()).collect());
        let numbers_only = kept_tokens("Figure 8: the leader, S((1 mod 3)+1), PMS, up-to-date");
        assert_eq!(numbers_only, ["1", "3", "8"].iter().map(|t| t.to_string()).collect());
    }

    #[test]
    fn every_preset_has_a_chinese_translation() {
        for p in PRESETS {
            let zh = p.zh_texts().unwrap_or_else(|e| panic!("{}.zh.json: {e}", p.id));
            let en = p.scenario();
            assert!(has_cjk(&zh.title) && has_cjk(&zh.description), "{}: title or description", p.id);
            assert_eq!(zh.notes.len(), en.notes.len(), "{}: number of notes", p.id);
            for (i, note) in zh.notes.iter().enumerate() {
                assert!(has_cjk(note), "{}: note {i} is not in Chinese: {note:?}", p.id);
            }
        }
    }

    #[test]
    fn chinese_texts_keep_nodes_citations_values_and_identifiers() {
        for p in PRESETS {
            let en = p.scenario();
            let zh = p.zh_texts().unwrap();
            let pairs = [(&en.title, &zh.title), (&en.description, &zh.description)]
                .into_iter()
                .chain(en.notes.iter().map(|n| &n.text).zip(&zh.notes));
            for (en, zh) in pairs {
                let missing: Vec<String> = kept_tokens(en).difference(&kept_tokens(zh)).cloned().collect();
                assert!(missing.is_empty(), "{}: {missing:?} missing from\n  {zh}\n  (English: {en})", p.id);
            }
        }
    }

    #[test]
    fn texts_follow_the_language() {
        for p in PRESETS {
            let s = p.scenario();
            assert_eq!(p.title(Lang::En), s.title);
            assert_eq!(p.description(Lang::En), s.description);
            assert_eq!(p.notes(Lang::En), s.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>());
            let zh = p.zh_texts().unwrap();
            assert_eq!((p.title(Lang::Zh), p.description(Lang::Zh)), (zh.title.as_str(), zh.description.as_str()));
            assert_eq!(p.notes(Lang::Zh), zh.notes);
        }
        assert_eq!(find("raft/figure8").unwrap().title(Lang::Zh), "Raft：图 8 的提交陷阱");
    }

    #[test]
    fn every_lesson_has_a_chinese_name() {
        for p in PRESETS {
            assert!(lesson_zh(p.lesson).is_some(), "lesson {:?} of {}", p.lesson, p.id);
        }
        assert_eq!(lesson_name("Bugs", Lang::Zh), "缺陷");
        assert_eq!(lesson_name("Bugs", Lang::En), "Bugs");
        assert_eq!(find("raft/split-vote").unwrap().lesson_name(Lang::Zh), "故障");
    }

    #[test]
    fn a_loaded_preset_is_found_by_its_english_title_and_notes() {
        let titles: BTreeSet<&str> = PRESETS.iter().map(|p| p.title(Lang::En)).collect();
        assert_eq!(titles.len(), PRESETS.len(), "two presets share a title");
        for p in PRESETS {
            let s = p.scenario();
            assert_eq!(for_scenario(&s).map(|f| f.id), Some(p.id));
            assert_eq!(translated_notes(&s, Lang::Zh), Some(p.notes(Lang::Zh)), "{}", p.id);
            assert_eq!(translated_notes(&s, Lang::En), None);
            // What a share link carries survives the round trip.
            let shared = Scenario::from_json(&s.to_json()).unwrap();
            assert_eq!(for_scenario(&shared).map(|f| f.id), Some(p.id));
        }
        let mut s = find("raft/figure8").unwrap().scenario();
        s.title.push_str(" (mine)");
        assert!(for_scenario(&s).is_none() && translated_notes(&s, Lang::Zh).is_none());
        let mut s = find("raft/figure8").unwrap().scenario();
        s.notes.pop();
        assert_eq!(translated_notes(&s, Lang::Zh), None);
        assert_eq!(translated_notes(&Scenario::new(ProtocolId::Raft), Lang::Zh), None);
    }

    /// Every scenario file in `presets/` is in the table, and every Chinese
    /// file belongs to one.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_preset_file_is_in_the_table() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
        let mut english = BTreeSet::new();
        let mut chinese = BTreeSet::new();
        for dir in std::fs::read_dir(&root).unwrap() {
            let dir = dir.unwrap().path();
            let protocol = dir.file_name().unwrap().to_str().unwrap().to_string();
            for file in std::fs::read_dir(&dir).unwrap() {
                let name = file.unwrap().file_name().into_string().unwrap();
                if let Some(stem) = name.strip_suffix(".zh.json") {
                    chinese.insert(format!("{protocol}/{stem}"));
                } else if let Some(stem) = name.strip_suffix(".json") {
                    english.insert(format!("{protocol}/{stem}"));
                }
            }
        }
        let table: BTreeSet<String> = PRESETS.iter().map(|p| p.id.to_string()).collect();
        assert_eq!(english, table, "preset files and the PRESETS table differ");
        assert_eq!(chinese, table, "Chinese files and the PRESETS table differ");
    }
}
