//! Network faults: isolate a node, partition into groups, cut one direction,
//! heal, and set loss, duplication and latency.

use protocol_core::scenario::{Action as Do, NetworkChange};
use yew::prelude::*;

use crate::components::{input_value, use_dispatch, use_lang};
use crate::model;
use crate::store::Action;
use crate::text;

#[derive(Properties, PartialEq)]
pub struct NetworkProps {
    pub nodes: usize,
    pub selected: Option<u8>,
}

#[component]
pub fn NetworkPanel(p: &NetworkProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let n = p.nodes;
    // Group label (0 = A, 1 = B) per node; reset when the cluster size changes.
    let groups = use_state(|| vec![0u8; n]);
    let labels: Vec<u8> = if groups.len() == n { (*groups).clone() } else { vec![0; n] };
    let cut_from = use_state(|| 1u8);
    let cut_to = use_state(|| 2u8);
    let loss = use_state(|| "0".to_string());
    let dup = use_state(|| "0".to_string());
    let lat_lo = use_state(|| "10".to_string());
    let lat_hi = use_state(|| "30".to_string());

    let send = |a: Do| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Intervene(a.clone())))
    };
    let isolate = match p.selected {
        Some(s) if usize::from(s) <= n => html! {
            <button data-act="isolate" onclick={send(Do::Partition { groups: model::isolate(s, n) })}>{text::isolate(s)}</button>
        },
        _ => {
            html! { <button data-act="isolate" disabled=true title={text::isolate_hint()}>{text::isolate_hint()}</button> }
        }
    };
    let group_buttons = (0..n).map(|i| {
        let groups = groups.clone();
        let g = labels[i];
        let labels = labels.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let mut l = labels.clone();
            l[i] = 1 - l[i].min(1);
            groups.set(l);
        });
        html! {
            <button class={format!("group g{g}")} data-group-node={(i + 1).to_string()} {onclick}
                aria-label={text::group_button(i as u8 + 1, g)}>{text::group_button(i as u8 + 1, g)}</button>
        }
    });
    let partition = send(Do::Partition { groups: model::groups_from_labels(&labels) });
    let select = |state: &UseStateHandle<u8>| {
        let state = state.clone();
        let options = (1..=n as u8)
            .map(|i| html! { <option value={i.to_string()} selected={*state == i}>{text::node_name(i)}</option> });
        let onchange = {
            let state = state.clone();
            Callback::from(move |e: Event| {
                if let Ok(v) = input_value(&e).parse::<u8>() {
                    state.set(v);
                }
            })
        };
        html! { <select {onchange}>{ for options }</select> }
    };
    let cut = {
        let d = d.clone();
        let (a, b) = (*cut_from, *cut_to);
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Intervene(Do::Cut { from: a, to: b })))
    };
    let field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(input_value(&e)))
    };
    let apply = {
        let d = d.clone();
        let (loss, dup, lo, hi) = ((*loss).clone(), (*dup).clone(), (*lat_lo).clone(), (*lat_hi).clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let latency = match (lo.trim().parse::<u64>(), hi.trim().parse::<u64>()) {
                (Ok(a), Ok(b)) => Some([a, b]),
                _ => None,
            };
            let change = NetworkChange { loss: model::percent(&loss), duplicate: model::percent(&dup), latency };
            d.dispatch(Action::Intervene(Do::Set(change)));
        })
    };
    html! {
        <section class="panel network" aria-label={text::network()}>
            <h2>{text::network()}</h2>
            <div class="actions">
                { isolate }
                <button data-act="heal" onclick={send(Do::Heal {})}>{text::heal()}</button>
            </div>
            <fieldset>
                <legend>{text::groups()}</legend>
                <div class="groups">{ for group_buttons }</div>
                <button data-act="partition" onclick={partition}>{text::partition()}</button>
            </fieldset>
            <fieldset class="cut-row">
                <legend>{text::cut_label()}</legend>
                <label>{text::cut_from()}{" "}{ select(&cut_from) }</label>
                <label>{text::cut_to()}{" "}{ select(&cut_to) }</label>
                <button data-act="cut" onclick={cut}>{text::cut()}</button>
            </fieldset>
            <form class="net-settings" onsubmit={apply}>
                <label>{text::loss()}<input type="number" min="0" max="100" step="1" value={(*loss).clone()} oninput={field(&loss)} /></label>
                <label>{text::dup()}<input type="number" min="0" max="100" step="1" value={(*dup).clone()} oninput={field(&dup)} /></label>
                <label>{text::latency()}
                    <span class="pair">
                        <input type="number" min="1" step="1" value={(*lat_lo).clone()} oninput={field(&lat_lo)} />
                        {"–"}
                        <input type="number" min="1" step="1" value={(*lat_hi).clone()} oninput={field(&lat_hi)} />
                    </span>
                </label>
                <button data-act="set-network" type="submit">{text::apply()}</button>
            </form>
        </section>
    }
}
