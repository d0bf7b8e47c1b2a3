//! The cluster as an SVG ring: nodes with role, term and timer; links (cut
//! ones dashed red); messages in flight placed by interpolation at render time.

use std::rc::Rc;

use protocol_core::ClusterView;
use protocol_core::ProtocolId;
use protocol_core::anysim::{MessageView, NodeSnapshot};
use protocol_core::protocol::RoleKind;
use protocol_core::scenario;
use yew::prelude::*;

use crate::adapter;
use crate::components::{Dispatch, use_dispatch, use_lang};
use crate::model::{self, RING};
use crate::store::{Action, Gesture};
use crate::text;

#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    pub view: Rc<ClusterView>,
    pub protocol: ProtocolId,
    pub vtime: f64,
    pub selected_node: Option<u8>,
    pub selected_msg: Option<u64>,
    /// Nodes named by the violation on show.
    pub highlight: Rc<Vec<u8>>,
    /// Messages just dropped or duplicated, animated (CSS).
    #[prop_or_default]
    pub gesture: Rc<Gesture>,
}

/// A role's CSS class and `data-role` (not shown).
pub fn role_name(role: RoleKind) -> &'static str {
    match role {
        RoleKind::Leader => "leader",
        RoleKind::Candidate => "candidate",
        RoleKind::Follower => "follower",
        RoleKind::Other => "other",
    }
}

fn role_letter(role: RoleKind) -> &'static str {
    match role {
        RoleKind::Leader => "L",
        RoleKind::Candidate => "C",
        RoleKind::Follower => "F",
        RoleKind::Other => "?",
    }
}

#[component]
pub fn Cluster(p: &ClusterProps) -> Html {
    use_lang();
    let n = p.view.nodes.len();
    let c = RING.center;
    let dispatch = use_dispatch();
    let links = (1..=n as u8).flat_map(|a| (a + 1..=n as u8).map(move |b| (a, b))).map(|(a, b)| {
        let (pa, pb) = (RING.node(a, n), RING.node(b, n));
        // Clicking a working link cuts it both ways (a wide, invisible line
        // above the drawn one takes the click; Enter works from the keyboard).
        let cut = {
            let d = dispatch.clone();
            move || {
                d.dispatch(Action::Intervene(scenario::Action::Cut { from: a, to: b }));
                d.dispatch(Action::Intervene(scenario::Action::Cut { from: b, to: a }));
            }
        };
        let onclick = {
            let cut = cut.clone();
            Callback::from(move |_: MouseEvent| cut())
        };
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                cut();
            }
        });
        let working = !p.view.cut.contains(&(a, b)) && !p.view.cut.contains(&(b, a));
        html! {
            <>
                <line class="link" x1={f(pa.x)} y1={f(pa.y)} x2={f(pb.x)} y2={f(pb.y)} />
                if working {
                    <line class="link-hit" data-link={format!("{a}-{b}")} x1={f(pa.x)} y1={f(pa.y)} x2={f(pb.x)}
                        y2={f(pb.y)} tabindex="0" role="button" aria-label={text::cut_link_label(a, b)}
                        {onclick} {onkeydown}><title>{text::cut_link_label(a, b)}</title></line>
                }
            </>
        }
    });
    let cuts = p.view.cut.iter().map(|&(a, b)| {
        let (s, e) = RING.edge_segment(a, b, n, 3.0);
        html! {
            <line class="cut" data-cut={format!("{a}-{b}")} x1={f(s.x)} y1={f(s.y)} x2={f(e.x)} y2={f(e.y)}
                marker-end="url(#blocked)" />
        }
    });
    let nodes = p.view.nodes.iter().map(|node| {
        node_html(&dispatch, node, n, p.vtime, p.selected_node == Some(node.id), p.highlight.contains(&node.id))
    });
    let at = |m: &MessageView| RING.message(m.from, m.to, n, model::progress(m.sent_at, m.deliver_at, p.vtime));
    let falling = p.gesture.dropped.iter().map(|m| {
        let pos = at(m);
        let class = classes!("msg", "falling", format!("k{}", adapter::kind_class(p.protocol, m.kind)));
        html! {
            <g {class} data-falling={m.id.to_string()} transform={format!("translate({:.1} {:.1})", pos.x, pos.y)}
                aria-hidden="true">
                <g class="fall"><circle class="dot" r="6" /></g>
            </g>
        }
    });
    // A duplicate: a ghost leaves the original and flies to where its copy
    // starts.
    let split = p.gesture.split.as_ref().and_then(|(orig, copy)| {
        let copy = p.view.messages.iter().find(|m| m.id == *copy)?;
        let (from, to) = (at(orig), at(copy));
        let class = classes!("msg", "splitting", format!("k{}", adapter::kind_class(p.protocol, orig.kind)));
        Some(html! {
            <g {class} data-split={copy.id.to_string()} transform={format!("translate({:.1} {:.1})", from.x, from.y)}
                aria-hidden="true">
                <g class="split" style={format!("--dx:{:.1}px;--dy:{:.1}px", to.x - from.x, to.y - from.y)}>
                    <circle class="dot" r="6" />
                </g>
            </g>
        })
    });
    let msgs = p
        .view
        .messages
        .iter()
        .map(|m| message_html(&dispatch, m, n, p.protocol, p.vtime, p.selected_msg == Some(m.id)));
    html! {
        <svg class="cluster" viewBox="0 0 400 400" role="group" aria-label={text::cluster_label()}>
            <defs>
                <marker id="blocked" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
                    orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" class="cut-head" />
                </marker>
            </defs>
            <circle class="ring-guide" cx={f(c)} cy={f(c)} r={f(RING.radius)} />
            <g class="links">{ for links }{ for cuts }</g>
            <g class="nodes">{ for nodes }</g>
            <g class="messages">{ for msgs }{ for falling }{ for split }</g>
        </svg>
    }
}

fn f(x: f64) -> String {
    format!("{x:.1}")
}

fn node_html(dispatch: &Dispatch, node: &NodeSnapshot, n: usize, t: f64, selected: bool, highlight: bool) -> Html {
    let pos = RING.node(node.id, n);
    let id = node.id;
    let onclick = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SelectNode(Some(id))))
    };
    let onkeydown = {
        let d = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                e.stop_propagation();
                d.dispatch(Action::SelectNode(Some(id)));
            }
        })
    };
    let r = RING.node_radius;
    // Labels go outside the ring, away from the messages in the middle.
    let out = {
        let (dx, dy) = (pos.x - RING.center, pos.y - RING.center);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        (dx / len, dy / len)
    };
    let timer = node.timer.map(|(set, deadline)| model::timer_left(set, deadline, t));
    let timer_arc = match (timer, &node.view) {
        (Some(left), Some(_)) => html! {
            <circle class="timer" r={f(r + 5.0)} pathLength="100"
                stroke-dasharray={format!("{:.2} 100", left * 100.0)} transform="rotate(-90)" />
        },
        _ => html! {},
    };
    let mut class = classes!("node");
    if selected {
        class.push("selected");
    }
    if highlight {
        class.push("violating");
    }
    let (role, body, aria) = match &node.view {
        None => {
            class.push("role-crashed");
            (
                "crashed",
                html! {
                    <>
                        <text class="letter" y="2">{"✕"}</text>
                        <text class="epoch" y="17">{text::crashed()}</text>
                    </>
                },
                text::node_crashed_aria(id),
            )
        }
        Some(v) => {
            let role = role_name(v.role);
            class.push(format!("role-{role}"));
            let quorum = v.quorum.as_ref().map(|q| {
                html! {
                    <text class="quorum" x={f(out.0 * (r + 17.0) - out.0.signum() * 8.0 * f64::from(u8::from(out.0.abs() > 0.5)))}
                        y={f(out.1 * (r + 17.0) + if out.1 < -0.5 { -14.0 } else { 14.0 })}
                        text-anchor={if out.0 > 0.5 { "start" } else if out.0 < -0.5 { "end" } else { "middle" }}>
                        {text::quorum_short(q.have.len(), q.need)}{" "}{text::quorum_word(q.what)}
                    </text>
                }
            });
            (
                role,
                html! {
                    <>
                        <text class="letter" y="3">{role_letter(v.role)}</text>
                        <text class="epoch" y="18">{text::epoch_short(v.epoch_label, v.epoch)}</text>
                        { for quorum }
                    </>
                },
                text::node_aria(id, v.role_label, v.epoch_label, v.epoch),
            )
        }
    };
    html! {
        <g {class} data-node={id.to_string()} data-role={role} transform={format!("translate({:.1} {:.1})", pos.x, pos.y)}
            tabindex="0" role="button" aria-label={aria} aria-pressed={selected.to_string()} {onclick} {onkeydown}>
            <circle class="timer-track" r={f(r + 5.0)} />
            { timer_arc }
            <circle class="body" r={f(r)} />
            { body }
            <text class="name" x={f(out.0 * (r + 17.0))} y={f(out.1 * (r + 17.0))}>{text::node_name(id)}</text>
        </g>
    }
}

fn message_html(dispatch: &Dispatch, m: &MessageView, n: usize, protocol: ProtocolId, t: f64, selected: bool) -> Html {
    let p = model::progress(m.sent_at, m.deliver_at, t);
    let pos = RING.message(m.from, m.to, n, p);
    let id = m.id;
    let onclick = {
        let d = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            d.dispatch(Action::SelectMessage(Some(id)));
        })
    };
    let d = dispatch.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            e.stop_propagation();
            d.dispatch(Action::SelectMessage(Some(id)));
        }
    });
    let mut class = classes!("msg", format!("k{}", adapter::kind_class(protocol, m.kind)));
    if model::is_reply(m.kind) {
        class.push("reply");
    }
    if selected {
        class.push("selected");
    }
    html! {
        <g {class} data-msg={id.to_string()} data-kind={m.kind} transform={format!("translate({:.1} {:.1})", pos.x, pos.y)}
            tabindex="0" role="button" aria-label={text::msg_aria(id, m.kind, m.from, m.to)} {onclick} {onkeydown}>
            <circle class="hit" r="11" />
            <circle class="dot" r="6" />
            <text class="abbr" y="-9">{model::abbreviation(m.kind)}</text>
        </g>
    }
}

/// The legend: roles, message types, timers and cut links.
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub protocol: ProtocolId,
}

#[component]
pub fn Legend(p: &LegendProps) -> Html {
    use_lang();
    let roles = [RoleKind::Leader, RoleKind::Candidate, RoleKind::Follower].into_iter().map(|r| {
        let name = match r {
            RoleKind::Leader => text::role_leader(),
            RoleKind::Candidate => text::role_candidate(),
            _ => text::role_follower(),
        };
        html! {
            <li class={format!("role-{}", role_name(r))}>
                <span class="swatch">{role_letter(r)}</span>{name}
            </li>
        }
    });
    let kinds = adapter::message_kinds(p.protocol).iter().filter(|k| !model::is_reply(k)).map(|k| {
        html! {
            <li class={format!("k{}", adapter::kind_class(p.protocol, k))}>
                <span class="msg-swatch"></span><abbr title={*k}>{model::abbreviation(k)}</abbr>{" "}{*k}
            </li>
        }
    });
    html! {
        <details class="legend" open=true>
            <summary>{text::legend()}</summary>
            <ul class="legend-roles" aria-label={text::legend_roles()}>
                { for roles }
                <li class="role-crashed"><span class="swatch">{"✕"}</span>{text::crashed()}</li>
            </ul>
            <ul class="legend-msgs" aria-label={text::legend_messages()}>
                { for kinds }
                <li class="reply-hint"><span class="msg-swatch hollow"></span>{text::reply_hint()}</li>
            </ul>
            <p class="legend-note">{text::legend_timer()}</p>
            <p class="legend-note">{text::legend_cut()}</p>
        </details>
    }
}
