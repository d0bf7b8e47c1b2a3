//! Play/pause, step, speed, and the timeline scrubber with its marks.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{input_value, use_dispatch, use_lang};
use crate::model::{self, Mark, MarkKind};
use crate::store::Action;
use crate::text;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub playing: bool,
    pub speed: f64,
    pub position: usize,
    pub events_len: usize,
    pub vtime: f64,
    pub marks: Rc<Vec<Mark>>,
}

#[component]
pub fn Controls(p: &ControlsProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let play = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::TogglePlay))
    };
    let back = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::StepBack))
    };
    let fwd = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::StepForward))
    };
    let speed = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(v) = input_value(&e).parse::<i32>() {
                d.dispatch(Action::SetSpeed(model::speed_from_slider(v)));
            }
        })
    };
    let scrub = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(v) = input_value(&e).parse::<usize>() {
                d.dispatch(Action::Seek(v));
            }
        })
    };
    let len = p.events_len.max(1);
    let marks = p.marks.iter().map(|m| {
        let left = (m.event as f64 + 1.0) / len as f64 * 100.0;
        let class = match m.kind {
            MarkKind::Intervention => "mark intervention",
            MarkKind::Violation => "mark violation",
        };
        let d = d.clone();
        let target = m.event + 1;
        html! {
            <button {class} style={format!("left: {left:.2}%")} tabindex="-1" aria-hidden="true"
                data-mark={target.to_string()} onclick={Callback::from(move |_| d.dispatch(Action::Seek(target)))}></button>
        }
    });
    let (play_label, play_icon) = if p.playing { (text::pause(), "❚❚") } else { (text::play(), "▶") };
    html! {
        <div class="controls">
            <div class="buttons">
                <button data-control="back" title={text::step_back_title()} onclick={back} disabled={p.position == 0}>
                    <span aria-hidden="true">{"◀︎ "}</span>{text::step_back()}
                </button>
                <button data-control="play" class="primary" title={text::play_title()} onclick={play}
                    aria-pressed={p.playing.to_string()} data-playing={p.playing.to_string()}>
                    <span aria-hidden="true">{play_icon}{" "}</span>{play_label}
                </button>
                <button data-control="forward" title={text::step_forward_title()} onclick={fwd}>
                    {text::step_forward()}<span aria-hidden="true">{" ▶︎"}</span>
                </button>
                <label class="speed">
                    <span>{text::speed()}</span>
                    <input type="range" data-control="speed" min={(-model::SPEED_STEPS).to_string()}
                        max={model::SPEED_STEPS.to_string()} step="1"
                        value={model::slider_from_speed(p.speed).to_string()} oninput={speed} />
                    <output>{text::speed_value(p.speed)}</output>
                </label>
            </div>
            <div class="scrubber">
                <label class="visually-hidden" for="scrubber">{text::timeline()}</label>
                <div class="track">
                    <input id="scrubber" type="range" data-control="timeline" min="0" max={p.events_len.to_string()}
                        step="1" value={p.position.to_string()} oninput={scrub} />
                    <div class="marks">{ for marks }</div>
                </div>
                <span class="clock" data-position={p.position.to_string()} data-events={p.events_len.to_string()}>
                    {text::clock(p.position, p.events_len, p.vtime)}
                </span>
            </div>
        </div>
    }
}
