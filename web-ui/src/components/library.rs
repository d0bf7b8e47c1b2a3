//! The preset library: every preset, grouped by protocol and lesson, with
//! its title, one-line description, and whether it shows a bug. Opening one
//! starts it (with its guided tour when it has notes).

use protocol_core::ProtocolId;
use protocol_core::scenario::presets::{self, PRESETS, Preset};
use yew::prelude::*;

use crate::adapter;
use crate::components::{dialog_close, use_dispatch, use_lang};
use crate::store::Action;
use crate::text;

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub on_close: Callback<()>,
}

/// Lessons of a protocol in the order their first preset appears.
fn lessons(protocol: ProtocolId) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for p in PRESETS.iter().filter(|p| p.protocol == protocol) {
        if !out.contains(&p.lesson) {
            out.push(p.lesson);
        }
    }
    out
}

#[component]
pub fn Library(p: &LibraryProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let focus = crate::components::share::use_focus_on_open();
    let entry = |preset: &'static Preset| {
        let s = preset.scenario();
        let tour = !s.notes.is_empty();
        let onclick = {
            let d = d.clone();
            let close = p.on_close.clone();
            Callback::from(move |_| {
                d.dispatch(Action::Load(Box::new(preset.scenario())));
                if tour {
                    d.dispatch(Action::TourStart);
                }
                close.emit(());
            })
        };
        html! {
            <li>
                <button type="button" class="preset" data-preset={preset.id} {onclick}>
                    <span class="preset-title">{preset.title(text::lang())}</span>
                    if preset.shows_bug() {
                        <span class="bug-tag" data-bug="">{text::shows_bug()}</span>
                    }
                    if tour { <span class="tag">{text::has_tour()}</span> }
                    <span class="preset-desc">{preset.description(text::lang())}</span>
                </button>
            </li>
        }
    };
    let groups = ProtocolId::ALL.iter().filter(|pr| adapter::available(**pr)).map(|&pr| {
        let name = text::protocol_name(pr.id());
        let sections = lessons(pr).into_iter().map(|lesson| {
            let items = PRESETS.iter().filter(|x| x.protocol == pr && x.lesson == lesson).map(entry);
            html! {
                <section class="lesson" data-lesson={lesson}>
                    <h4>{text::lesson_heading(name, presets::lesson_name(lesson, text::lang()))}</h4>
                    <ul>{ for items }</ul>
                </section>
            }
        });
        html! {
            <section class="protocol-group" data-protocol={pr.id()}>
                <h3>{name}</h3>
                { for sections }
            </section>
        }
    });
    let (close, onkeydown) = dialog_close(&p.on_close);
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="library-title" data-library="open" {onkeydown}>
            <div class="dialog library" tabindex="-1" ref={focus}>
                <h2 id="library-title">{text::library_title()}</h2>
                <p class="hint">{text::library_intro()}</p>
                { for groups }
                <div class="actions">
                    <button type="button" class="primary" data-library="close" onclick={close}>{text::close()}</button>
                </div>
            </div>
        </div>
    }
}
