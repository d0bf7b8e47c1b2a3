//! Things over the page: the new-scenario dialog, the help overlay, the
//! share box and notices.

use protocol_core::scenario::presets::PRESETS;
use protocol_core::scenario::{Auto, OptionValue};
use protocol_core::{MAX_NODES, MIN_NODES, ProtocolId, Scenario};
use yew::prelude::*;

use crate::adapter;
use crate::components::{
    bug_checkbox, form_toggle, form_update, input_checked, input_value, option_checkbox, use_dispatch, use_lang,
};
use crate::store::{Action, Notice};
use crate::text;

#[derive(Clone, PartialEq)]
struct Form {
    preset: String,
    protocol: ProtocolId,
    nodes: usize,
    seed: u64,
    options: Vec<&'static str>,
    variants: Vec<&'static str>,
    manual: bool,
}

impl Form {
    fn scenario(&self) -> Scenario {
        if let Some(p) = PRESETS.iter().find(|p| p.id == self.preset) {
            return p.scenario();
        }
        let mut s = Scenario::new(self.protocol);
        s.nodes = self.nodes.clamp(MIN_NODES, MAX_NODES);
        s.seed = self.seed;
        s.variant = self.variants.iter().map(|v| v.to_string()).collect();
        s.options = self.options.iter().map(|o| (o.to_string(), OptionValue::Bool(true))).collect();
        if self.manual {
            s.auto = Auto { deliver: false, timers: false };
        }
        s
    }
}

#[component]
pub fn SetupDialog() -> Html {
    use_lang();
    let d = use_dispatch();
    let form = use_state(|| Form {
        preset: String::new(),
        protocol: ProtocolId::Raft,
        nodes: 5,
        seed: 1,
        options: Vec::new(),
        variants: Vec::new(),
        manual: false,
    });
    let update = |f: fn(&mut Form, &Event)| form_update(&form, f);
    let toggle = |list: fn(&mut Form) -> &mut Vec<&'static str>, id: &'static str| form_toggle(&form, list, id);
    let start = {
        let d = d.clone();
        let form = form.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.dispatch(Action::Load(Box::new(form.scenario())));
        })
    };
    let cancel = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::SetSetup(false)))
    };
    let custom = form.preset.is_empty();
    let presets = PRESETS.iter().filter(|p| adapter::available(p.protocol)).map(|p| {
        let l = text::lang();
        html! {
            <option value={p.id} selected={form.preset == p.id}>
                {p.lesson_name(l)}{text::colon()}{text::preset_label(p.title(l), p.shows_bug())}
            </option>
        }
    });
    let protocols = ProtocolId::ALL.iter().map(|p| {
        let ok = adapter::available(*p);
        html! {
            <option value={p.id()} disabled={!ok} selected={form.protocol == *p}>
                {text::protocol_name(p.id())}{if ok { "" } else { " " }}{if ok { "" } else { text::not_yet() }}
            </option>
        }
    });
    let options = adapter::options(form.protocol)
        .iter()
        .map(|o| option_checkbox(o, form.options.contains(o), toggle(|f| &mut f.options, o), !custom));
    let bugs = adapter::variants(form.protocol)
        .iter()
        .map(|v| bug_checkbox(v, form.variants.contains(v), toggle(|f| &mut f.variants, v), !custom));
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="setup-title">
            <form class="dialog setup" onsubmit={start}>
                <h2 id="setup-title">{text::setup_title()}</h2>
                <label class="row">
                    <span>{text::preset()}</span>
                    <select data-setup="preset" onchange={update(|f, e| f.preset = input_value(e))}>
                        <option value="" selected={custom}>{text::preset_custom()}</option>
                        { for presets }
                    </select>
                </label>
                <fieldset disabled={!custom}>
                    <label class="row">
                        <span>{text::protocol()}</span>
                        <select onchange={update(|f, e| {
                            if let Some(p) = ProtocolId::ALL.into_iter().find(|p| p.id() == input_value(e)) {
                                f.protocol = p;
                            }
                        })}>{ for protocols }</select>
                    </label>
                    <label class="row">
                        <span>{text::nodes()}</span>
                        <input type="number" data-setup="nodes" min={MIN_NODES.to_string()} max={MAX_NODES.to_string()}
                            value={form.nodes.to_string()}
                            onchange={update(|f, e| if let Ok(n) = input_value(e).parse() { f.nodes = n })} />
                    </label>
                    <label class="row">
                        <span>{text::seed()}</span>
                        <input type="number" data-setup="seed" min="0" value={form.seed.to_string()}
                            onchange={update(|f, e| if let Ok(n) = input_value(e).parse() { f.seed = n })} />
                    </label>
                    <label class="check">
                        <input type="checkbox" data-setup="manual" checked={form.manual}
                            onchange={update(|f, e| f.manual = input_checked(e))} />
                        {text::manual()}
                    </label>
                    <h3>{text::options()}</h3>
                    { for options }
                    <h3 class="bugs-heading">{text::bugs()}</h3>
                    { for bugs }
                </fieldset>
                <div class="actions">
                    <button type="submit" class="primary" data-setup="start">{text::start()}</button>
                    <button type="button" onclick={cancel}>{text::cancel()}</button>
                </div>
            </form>
        </div>
    }
}

#[component]
pub fn HelpOverlay() -> Html {
    use_lang();
    let d = use_dispatch();
    let close = Callback::from(move |_| d.dispatch(Action::ToggleHelp));
    let keys = text::help_keys().map(|(k, what)| html! { <tr><th><kbd>{k}</kbd></th><td>{what}</td></tr> });
    let paras = text::help_text().map(|p| html! { <p>{p}</p> });
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-help="open">
            <div class="dialog help">
                <h2 id="help-title">{text::help_heading()}</h2>
                <table class="keys"><tbody>{ for keys }</tbody></table>
                { for paras }
                <div class="actions"><button class="primary" onclick={close} autofocus=true>{text::close()}</button></div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub notice: Notice,
}

#[component]
pub fn NoticeBar(p: &NoticeProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let dismiss = Callback::from(move |_| d.dispatch(Action::DismissNotice));
    let error = p.notice.is_error();
    let class = if error { "notice error" } else { "notice" };
    html! {
        <div {class} role="status" data-notice={if error { "error" } else { "info" }}>
            <span>{p.notice.text()}</span>
            <button class="link" onclick={dismiss} aria-label={text::dismiss()}>{"✕"}</button>
        </div>
    }
}
