//! The inspector: a selected node (state, durable apart from volatile, and
//! node actions) or a selected message (payload and message actions).

use protocol_core::anysim::{MessageView, NodeSnapshot};
use protocol_core::scenario::{Action as Do, DelayBy, Matcher};
use yew::prelude::*;

use crate::components::cluster::role_name;
use crate::components::{input_value, use_dispatch, use_lang};
use crate::model;
use crate::store::Action;
use crate::text;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub node: Option<NodeSnapshot>,
    /// The selected message's id, and the message if it is still in flight.
    pub msg: Option<(u64, Option<MessageView>)>,
    pub next_value: String,
}

#[component]
pub fn Inspector(p: &InspectorProps) -> Html {
    use_lang();
    let body = match (&p.node, &p.msg) {
        (Some(n), _) => html! { <NodeInspector node={n.clone()} next_value={p.next_value.clone()} /> },
        (None, Some((id, m))) => html! { <MessageInspector id={*id} msg={m.clone()} /> },
        (None, None) => html! { <p class="hint">{text::inspector_empty()}</p> },
    };
    html! {
        <section class="panel inspector" aria-label={text::inspector()}>
            <h2>{text::inspector()}</h2>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct NodeProps {
    node: NodeSnapshot,
    next_value: String,
}

#[component]
fn NodeInspector(p: &NodeProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let value = use_state(String::new);
    let id = p.node.id;
    let act = |a: Do| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Intervene(a.clone())))
    };
    let request = {
        let d = d.clone();
        let value = value.clone();
        let suggested = p.next_value.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let v = if value.trim().is_empty() { suggested.clone() } else { value.trim().to_string() };
            d.dispatch(Action::Intervene(Do::Request { node: id, value: v }));
            value.set(String::new());
        })
    };
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(input_value(&e)))
    };
    let Some(v) = &p.node.view else {
        return html! {
            <div class="node-inspector" data-inspector-node={id.to_string()}>
                <h3>{text::node_title(id, text::crashed())}</h3>
                <p class="hint">{text::node_is_crashed()}</p>
                <div class="actions">
                    <button data-act="restart" onclick={act(Do::Restart { node: id, amnesia: false })}>{text::restart()}</button>
                    <button data-act="amnesia" title={text::restart_amnesia_title()}
                        onclick={act(Do::Restart { node: id, amnesia: true })}>{text::restart_amnesia()}</button>
                </div>
            </div>
        };
    };
    let rows = |durable: bool| {
        v.fields
            .iter()
            .filter(|f| f.durable == durable)
            // The value as the kernel writes it.
            .map(|f| html! { <tr><th scope="row">{text::kernel_label(f.name)}</th><td>{text::kernel_value(&f.value)}</td></tr> })
            .collect::<Html>()
    };
    let quorum = match &v.quorum {
        Some(q) => html! {
            <p class="quorum-line" data-quorum={format!("{}/{}", q.have.len(), q.need)}>
                <strong>{text::quorum(q.what, q.have.len(), q.need)}</strong>{" · "}{text::who(&q.have)}
            </p>
        },
        None => html! { <p class="hint">{text::no_quorum()}</p> },
    };
    html! {
        <div class="node-inspector" data-inspector-node={id.to_string()}>
            <h3 class={format!("role-{}", role_name(v.role))}>{text::node_title(id, text::kernel_label(v.role_label))}</h3>
            <p>{text::epoch_line(v.epoch_label, v.epoch, v.commit)}</p>
            { quorum }
            <div class="actions">
                <button data-act="crash" class="danger" onclick={act(Do::Crash { node: id })}>{text::crash()}</button>
                <button data-act="timeout" onclick={act(Do::Timeout { node: id })}>{text::fire_timer()}</button>
            </div>
            <form class="request" onsubmit={request}>
                <label>
                    <span>{text::request_value()}</span>
                    <input type="text" maxlength="64" placeholder={p.next_value.clone()} value={(*value).clone()} oninput={on_value} />
                </label>
                <button data-act="request" type="submit">{text::client_request()}</button>
            </form>
            <div class="fields">
                <table class="durable">
                    <caption>{text::durable()}</caption>
                    <tbody>{ rows(true) }</tbody>
                </table>
                <table class="volatile">
                    <caption>{text::volatile()}</caption>
                    <tbody>{ rows(false) }</tbody>
                </table>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MsgProps {
    id: u64,
    msg: Option<MessageView>,
}

#[component]
fn MessageInspector(p: &MsgProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let delay = use_state(|| "100".to_string());
    let id = p.id;
    let Some(m) = &p.msg else {
        return html! {
            <div class="msg-inspector" data-inspector-msg={id.to_string()} data-gone="true">
                <h3>{text::msg_title(id, text::message())}</h3>
                <p class="hint">{text::message_gone()}</p>
            </div>
        };
    };
    let act = |a: Do| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Intervene(a.clone())))
    };
    let on_delay = {
        let delay = delay.clone();
        Callback::from(move |e: InputEvent| delay.set(input_value(&e)))
    };
    let do_delay = {
        let d = d.clone();
        let delay = delay.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let ms = delay.trim().parse::<u64>().unwrap_or(100).clamp(1, 60_000);
            d.dispatch(Action::Intervene(Do::Delay(DelayBy { id: Some(id), ms, ..DelayBy::default() })));
        })
    };
    let class = if model::is_reply(m.kind) { "msg-kind reply" } else { "msg-kind" };
    html! {
        <div class="msg-inspector" data-inspector-msg={id.to_string()}>
            <h3 class={class}>{text::msg_title(id, m.kind)}</h3>
            <p>{text::msg_route(m.from, m.to)}</p>
            <p class="payload">{text::explain(&m.summary)}</p>
            <p class="hint">{text::msg_times(m.sent_at, m.deliver_at)}</p>
            <div class="actions">
                <button data-act="deliver" onclick={act(Do::Deliver(Matcher::id(id)))}>{text::deliver_now()}</button>
                <button data-act="drop" class="danger" onclick={act(Do::Drop(Matcher::id(id)))}>{text::drop_msg()}</button>
                <button data-act="duplicate" onclick={act(Do::Duplicate(Matcher::id(id)))}>{text::duplicate()}</button>
            </div>
            <form class="delay" onsubmit={do_delay}>
                <button data-act="delay" type="submit">{text::delay()}</button>
                <label>
                    <span>{text::delay_ms()}</span>
                    <input type="number" min="1" max="60000" step="10" value={(*delay).clone()} oninput={on_delay} />
                </label>
            </form>
        </div>
    }
}
