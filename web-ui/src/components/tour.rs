//! Narration beside the cluster: a scenario's notes, and the guided tour
//! that pauses at each note with Next and Back.

use yew::prelude::*;

use crate::components::{use_dispatch, use_lang};
use crate::store::{Action, Tour};
use crate::text;

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    /// The note shown without a tour: (index, count, text).
    pub note: Option<(usize, usize, String)>,
    /// Every note's text (for the tour).
    pub notes: Vec<String>,
    pub tour: Option<Tour>,
}

#[component]
pub fn Narration(p: &NarrationProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let send = |a: Action| {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(a.clone()))
    };
    let total = p.notes.len();
    if let Some(t) = &p.tour {
        let at = t.at.min(total.saturating_sub(1));
        let last = at + 1 >= total;
        let moving = t.target.is_some();
        return html! {
            <section class="panel narration tour" aria-label={text::tour()} data-narration={at.to_string()}
                data-tour-step={at.to_string()} data-tour-total={total.to_string()} data-tour-moving={moving.to_string()}>
                <p class="step">{text::tour()}{" · "}{text::narration_step(at, total)}
                    if moving { {" · "}{text::tour_moving()} }
                </p>
                <p class="note-text" aria-live="polite">{p.notes.get(at).cloned().unwrap_or_default()}</p>
                if last && !moving { <p class="hint">{text::tour_done()}</p> }
                <div class="actions">
                    <button type="button" data-tour="back" onclick={send(Action::TourBack)} disabled={at == 0 && !moving}>
                        <span aria-hidden="true">{"◀︎ "}</span>{text::tour_back()}
                    </button>
                    <button type="button" class="primary" data-tour="next" onclick={send(Action::TourNext)}
                        disabled={last && !moving}>
                        {text::tour_next()}<span aria-hidden="true">{" ▶︎"}</span>
                    </button>
                    <button type="button" class="link" data-tour="exit" onclick={send(Action::TourExit)}>{text::tour_exit()}</button>
                </div>
            </section>
        };
    }
    let Some((i, total, note)) = &p.note else {
        if total == 0 {
            return html! {};
        }
        return html! {
            <section class="panel narration" aria-label={text::narration()}>
                <button type="button" data-tour="start" onclick={send(Action::TourStart)}>{text::tour_start()}</button>
            </section>
        };
    };
    html! {
        <section class="panel narration" aria-label={text::narration()} data-narration={i.to_string()}>
            <p class="step">{text::narration()}{" · "}{text::narration_step(*i, *total)}</p>
            <p>{note.clone()}</p>
            <div class="actions">
                <button type="button" data-tour="start" onclick={send(Action::TourStart)}>{text::tour_start()}</button>
            </div>
        </section>
    }
}
