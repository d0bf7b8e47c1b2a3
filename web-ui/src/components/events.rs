//! The event list (with the kernel's explanations), the invariant panel and
//! the violation banner.

use std::rc::Rc;

use protocol_core::invariants::Violation;
use yew::prelude::*;

use crate::components::{use_dispatch, use_lang};
use crate::store::{Action, SimHandle};
use crate::text;

/// How many events around the current one the list shows.
const BEFORE: usize = 60;
const AFTER: usize = 15;

#[derive(Properties, PartialEq)]
pub struct EventListProps {
    pub sim: SimHandle,
    pub version: u64,
    pub position: usize,
}

#[component]
pub fn EventList(p: &EventListProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let sim = p.sim.0.borrow();
    let events = sim.events();
    let lo = p.position.saturating_sub(BEFORE);
    let hi = (p.position + AFTER).min(events.len());
    // Newest first, so the current event is always at the top.
    let rows = (lo..hi).rev().map(|i| {
        let e = &events[i];
        let mut class = classes!("event");
        if i + 1 == p.position {
            class.push("current");
        }
        if i >= p.position {
            class.push("future");
        }
        if !e.violations.is_empty() {
            class.push("violation");
        }
        if matches!(e.what, protocol_core::trace::What::Do { .. }) {
            class.push("intervention");
        }
        let d = d.clone();
        let onclick = Callback::from(move |_| d.dispatch(Action::Seek(i + 1)));
        let notes = e.notes.iter().map(|n| html! { <li>{text::explain(n)}</li> });
        let violations =
            e.violations.iter().map(|v| html! { <li class="v">{v.invariant}{": "}{text::explain(&v.detail)}</li> });
        html! {
            <li {class} data-event={(i + 1).to_string()}>
                <button {onclick} aria-current={(i + 1 == p.position).then_some("step")}>
                    <span class="num">{text::event_number(i)}</span>
                    <span class="time">{text::event_time(e.time)}</span>
                    <span class="headline">{text::headline(e)}</span>
                </button>
                if !e.notes.is_empty() || !e.violations.is_empty() {
                    <ul class="notes">{ for violations }{ for notes }</ul>
                }
            </li>
        }
    });
    html! {
        <section class="panel events" aria-label={text::events()}>
            <h2>{text::events()}<small>{text::events_hint()}</small></h2>
            if events.is_empty() {
                <p class="hint">{text::events_empty()}</p>
            }
            <ol class="event-list">{ for rows }</ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct InvariantProps {
    pub names: &'static [&'static str],
    pub violations: Rc<Vec<Violation>>,
    pub position: usize,
}

#[component]
pub fn InvariantPanel(p: &InvariantProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let items = p.names.iter().map(|name| {
        let v = p.violations.iter().find(|v| v.invariant == *name && v.event < p.position);
        let (class, status) = if v.is_some() { ("inv bad", text::violated()) } else { ("inv ok", text::holds()) };
        let detail = v.map(|v| {
            let d = d.clone();
            let target = v.event + 1;
            html! {
                <button class="link" onclick={Callback::from(move |_| d.dispatch(Action::Seek(target)))}>
                    {text::event_number(v.event)}{": "}{text::explain(&v.detail)}
                </button>
            }
        });
        html! {
            <li {class} data-invariant={*name} data-status={if v.is_some() { "violated" } else { "holds" }}>
                <span class="badge">{if v.is_some() { "✕" } else { "✓" }}</span>
                <span class="inv-name" title={text::invariant_help(name)}>{*name}</span>
                <span class="status">{status}</span>
                <p class="inv-help">{text::invariant_help(name)}</p>
                { for detail }
            </li>
        }
    });
    html! {
        <section class="panel invariants" aria-label={text::invariants()}>
            <h2>{text::invariants()}</h2>
            <ul>{ for items }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub violation: Violation,
}

#[component]
pub fn ViolationBanner(p: &BannerProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let v = &p.violation;
    let target = v.event + 1;
    let go = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Seek(target)))
    };
    let dismiss = Callback::from(move |_| d.dispatch(Action::DismissBanner));
    html! {
        <div class="banner" role="alert" data-banner={v.invariant}>
            <strong>{text::violation_banner(v.invariant, v.event, v.time_ms)}</strong>
            <p>{text::explain(&v.detail)}</p>
            <p>{text::violation_nodes(&v.nodes)}</p>
            <div class="actions">
                <button onclick={go}>{text::go_to_event()}</button>
                <button onclick={dismiss}>{text::dismiss()}</button>
            </div>
        </div>
    }
}
