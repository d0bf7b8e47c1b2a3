//! Logs as a grid: one row per node, one column per index; each entry
//! coloured by its term, committed entries marked, divergent ones flagged.

use std::rc::Rc;

use protocol_core::ClusterView;
use yew::prelude::*;

use crate::components::use_lang;
use crate::model;
use crate::text;

#[derive(Properties, PartialEq)]
pub struct LogProps {
    pub view: Rc<ClusterView>,
    pub highlight: Rc<Vec<u8>>,
}

#[component]
pub fn LogView(p: &LogProps) -> Html {
    use_lang();
    let nodes = &p.view.nodes;
    let width = nodes.iter().filter_map(|n| n.view.as_ref()).map(|v| v.log.len()).max().unwrap_or(0).max(1);
    let prefix =
        model::committed_prefix(nodes.iter().filter_map(|n| n.view.as_ref()).map(|v| (v.commit, v.log.as_slice())));
    let empty = nodes.iter().all(|n| n.view.as_ref().is_none_or(|v| v.log.is_empty()));
    let header = (1..=width).map(|i| html! { <span class="idx">{i}</span> });
    let rows = nodes.iter().map(|n| {
        let cells: Html = match &n.view {
            None => html! { <span class="crashed-row">{text::crashed()}</span> },
            Some(v) => v
                .log
                .iter()
                .map(|e| {
                    let committed = e.index <= v.commit;
                    let mut class = classes!("entry");
                    if committed {
                        class.push("committed");
                    }
                    if e.index == v.commit {
                        class.push("commit-point");
                    }
                    if model::diverges(&prefix, e) {
                        class.push("diverges");
                    }
                    html! {
                        <span {class} style={format!("--hue: {}", model::epoch_hue(e.epoch))}
                            data-index={e.index.to_string()} data-term={e.epoch.to_string()}
                            title={text::log_cell_title(e.index, v.epoch_label, e.epoch, &e.label, committed)}>
                            <b>{e.epoch}</b><small>{&e.label}</small>
                        </span>
                    }
                })
                .collect(),
        };
        let class = if p.highlight.contains(&n.id) { "log-row violating" } else { "log-row" };
        html! {
            <div {class} data-log-node={n.id.to_string()}>
                <span class="who">{text::node_name(n.id)}</span>
                <div class="cells">{ cells }</div>
            </div>
        }
    });
    html! {
        <section class="panel logs" aria-label={text::logs()}>
            <h2>{text::logs()}</h2>
            <div class="log-grid" style={format!("--cols: {width}")}>
                <div class="log-row header"><span class="who"></span><div class="cells">{ for header }</div></div>
                { for rows }
            </div>
            if empty {
                <p class="hint">{text::log_empty()}</p>
            }
            <p class="hint">{text::log_hint()}</p>
        </section>
    }
}
