//! The Explore panel (issue 11): choose what to search (random executions
//! from a first seed, or every order of events to a depth), start and stop a
//! search, watch its progress, and replay the counterexample.
//!
//! The search runs in a Web Worker, started by Start (the worker's wasm is
//! fetched then, not with the page) and terminated by Stop, by a new search
//! or by closing the panel; see `explorer.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use protocol_core::ProtocolId;
use protocol_core::explore::Fault;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::prelude::*;

use crate::adapter;
use crate::components::{
    bug_checkbox, form_toggle, form_update, input_checked, input_value, option_checkbox, use_dispatch, use_lang,
};
use crate::explore_wire;
use crate::explorer::{Failure, Form, FormError, MAX_DEPTH, Mode, Phase, Plan, Progress, Snapshot};
use crate::store::Action;
use crate::text;

/// The worker's start-up script, named after its content by
/// web-ui/post-build.js and found in `<meta name="explore-worker">`.
fn worker_url() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    doc.query_selector("meta[name=explore-worker]").ok()??.get_attribute("content")
}

/// A search's worker and the panel's ear on it; dropping it terminates the
/// worker.
struct Job {
    worker: Worker,
    _listeners: [EventListener; 2],
}

impl Drop for Job {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The running search's worker, and what the last search reported.
#[derive(Default)]
struct Runner {
    job: Option<Job>,
    shown: Option<Snapshot>,
}

/// Starts a worker on `plan`: it gets the plan once it is ready, and each
/// report it sends is shown; it is terminated after the last one.
fn spawn(plan: Plan, runner: Rc<RefCell<Runner>>, redraw: UseForceUpdateHandle) -> Option<Job> {
    let worker = Worker::new(&worker_url()?).ok()?;
    let to_worker = worker.clone();
    let (failing, redraw_failed) = (runner.clone(), redraw.clone());
    let listener = EventListener::new(&worker, "message", move |e| {
        let Some(msg) = e.dyn_ref::<MessageEvent>().and_then(|m| m.data().as_string()) else { return };
        if msg == explore_wire::READY {
            let _ = to_worker.post_message(&explore_wire::encode_plan(&plan).into());
            return;
        }
        let Ok(snapshot) = explore_wire::decode(&msg) else { return };
        if !snapshot.phase.active() {
            to_worker.terminate();
        }
        runner.borrow_mut().shown = Some(snapshot);
        redraw.force_update();
    });
    // Its script or wasm did not load, or it crashed: say so in the panel
    // (handled, so not also an error in the console), keeping the progress
    // last reported.
    let failed = EventListener::new(&worker, "error", move |e| {
        e.prevent_default();
        fail(&failing, &redraw_failed);
    });
    Some(Job { worker, _listeners: [listener, failed] })
}

/// Ends the search shown with the worker's failure. (The job stays: this
/// runs inside its listener, which must not be dropped while it runs.)
fn fail(runner: &Rc<RefCell<Runner>>, redraw: &UseForceUpdateHandle) {
    let mut r = runner.borrow_mut();
    if let Some(job) = &r.job {
        job.worker.terminate();
    }
    if let Some(shown) = r.shown.as_mut().filter(|s| s.phase.active()) {
        shown.phase = Phase::Failed(Failure::Worker);
    }
    drop(r);
    redraw.force_update();
}

#[derive(Properties, PartialEq)]
pub struct ExploreProps {
    pub on_close: Callback<()>,
}

#[component]
pub fn ExplorePanel(p: &ExploreProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let focus = crate::components::share::use_focus_on_open();
    let form = use_state(Form::default);
    let error = use_state(|| None::<FormError>);
    let runner = use_mut_ref(Runner::default);
    let redraw = use_force_update();
    {
        // Closing the panel stops the search.
        let runner = runner.clone();
        use_effect_with((), move |_| move || *runner.borrow_mut() = Runner::default());
    }

    {
        // Escape closes the panel wherever the focus is (the fieldset is
        // disabled while searching, which drops the focus to the body).
        let close = p.on_close.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                gloo::events::EventListener::new(&doc, "keydown", move |e| {
                    if e.dyn_ref::<KeyboardEvent>().is_some_and(|k| k.key() == "Escape") {
                        close.emit(());
                    }
                })
            });
            move || drop(listener)
        });
    }

    let update = |f: fn(&mut Form, &Event)| form_update(&form, f);
    let toggle = |list: fn(&mut Form) -> &mut Vec<&'static str>, id: &'static str| form_toggle(&form, list, id);
    let toggle_fault = |fault: Fault| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            next.faults.retain(|x| *x != fault);
            if input_checked(&e) {
                next.faults.push(fault);
            }
            form.set(next);
        })
    };

    let start = {
        let form = form.clone();
        let error = error.clone();
        let runner = runner.clone();
        let redraw = redraw.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            *runner.borrow_mut() = Runner::default();
            match form.validate() {
                Err(msg) => error.set(Some(msg)),
                Ok(plan) => {
                    error.set(None);
                    let shown = Snapshot { phase: Phase::Searching, progress: Progress::start(&plan) };
                    let job = spawn(plan, runner.clone(), redraw.clone());
                    let started = job.is_some();
                    *runner.borrow_mut() = Runner { job, shown: Some(shown) };
                    if !started {
                        fail(&runner, &redraw);
                    }
                }
            }
            redraw.force_update();
        })
    };
    let stop = {
        let runner = runner.clone();
        let redraw = redraw.clone();
        Callback::from(move |e: MouseEvent| {
            // Never a submit, even if the browser reuses the Start button.
            e.prevent_default();
            {
                let mut r = runner.borrow_mut();
                r.job = None;
                if let Some(s) = r.shown.as_mut() {
                    s.stop();
                }
            }
            redraw.force_update();
        })
    };

    let r = runner.borrow();
    let search = r.shown.as_ref();
    let running = search.is_some_and(|s| s.phase.active());
    let replay = match search.map(|s| &s.phase) {
        Some(Phase::Found { scenario, .. }) => {
            let scenario = scenario.clone();
            let d = d.clone();
            let close = p.on_close.clone();
            Some(Callback::from(move |_: MouseEvent| {
                d.dispatch(Action::LoadCounterexample(scenario.clone()));
                close.emit(());
            }))
        }
        _ => None,
    };
    let (state, status) = search.map_or_else(|| ("idle", text::explore_idle().to_string()), Snapshot::status);
    let progress = search.map(|s| s.progress);
    let (start_button, stop_button, replay_button) = (use_node_ref(), use_node_ref(), use_node_ref());
    {
        // The focus follows the search to the button that acts next: Stop
        // while it runs, then Replay or Start. Without this, disabling the
        // fieldset (or removing the button pressed) drops it to the page.
        let buttons = (start_button.clone(), stop_button.clone(), replay_button.clone());
        use_effect_with(state, move |state| {
            let next = match *state {
                "idle" => None,
                "searching" | "shrinking" => Some(&buttons.1),
                "found" => Some(&buttons.2),
                _ => Some(&buttons.0),
            };
            if let Some(b) = next.and_then(NodeRef::cast::<web_sys::HtmlElement>) {
                let _ = b.focus();
            }
        });
    }
    let exhaustive = form.mode == Mode::Exhaustive;
    let modes =
        Mode::ALL.iter().map(|m| html! { <option value={m.id()} selected={form.mode == *m}>{m.label()}</option> });

    let protocols = ProtocolId::ALL.iter().filter(|p| adapter::available(**p)).map(|p| {
        html! { <option value={p.id()} selected={form.protocol == *p}>{text::protocol_name(p.id())}</option> }
    });
    let options = adapter::options(form.protocol)
        .iter()
        .map(|o| option_checkbox(o, form.options.contains(o), toggle(|f| &mut f.options, o), false));
    let bugs = adapter::variants(form.protocol)
        .iter()
        .map(|v| bug_checkbox(v, form.variants.contains(v), toggle(|f| &mut f.variants, v), false));
    let faults = Fault::ALL.iter().map(|&f| {
        let id = f.id();
        html! {
            <label class="check" title={text::fault_help(id)}>
                <input type="checkbox" data-fault={id} checked={form.faults.contains(&f)} onchange={toggle_fault(f)} />
                <code>{id}</code>
            </label>
        }
    });
    let close = {
        let c = p.on_close.clone();
        Callback::from(move |_| c.emit(()))
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="explore-title" data-explore="open">
            <form class="dialog explore" tabindex="-1" ref={focus} onsubmit={start} novalidate=true>
                <h2 id="explore-title">{text::explore_heading()}</h2>
                <p class="hint">{text::explore_intro()}</p>
                <fieldset disabled={running}>
                    <label class="row">
                        <span>{text::protocol()}</span>
                        <select data-explore="protocol" onchange={update(|f, e| {
                            if let Some(p) = ProtocolId::ALL.into_iter().find(|p| p.id() == input_value(e))
                                && f.protocol != p
                            {
                                f.protocol = p;
                                f.variants.clear();
                                f.options.clear();
                            }
                        })}>{ for protocols }</select>
                    </label>
                    <label class="row">
                        <span>{text::explore_mode()}</span>
                        <select data-explore="mode" aria-describedby="explore-mode-hint" onchange={update(|f, e| {
                            if let Some(m) = Mode::ALL.into_iter().find(|m| m.id() == input_value(e)) {
                                f.mode = m;
                            }
                        })}>{ for modes }</select>
                    </label>
                    <p class="hint" id="explore-mode-hint" data-explore="mode-hint">{form.mode.hint()}</p>
                    if exhaustive {
                        <label class="row">
                            <span>{text::explore_depth()}</span>
                            <input type="number" data-explore="depth" min="1" max={MAX_DEPTH.to_string()}
                                value={form.depth.clone()} onchange={update(|f, e| f.depth = input_value(e))} />
                        </label>
                    } else {
                        <label class="row">
                            <span>{text::nodes()}</span>
                            <input type="number" data-explore="nodes" value={form.nodes.clone()}
                                onchange={update(|f, e| f.nodes = input_value(e))} />
                        </label>
                        <label class="row">
                            <span>{text::explore_first_seed()}</span>
                            <input type="number" data-explore="seed" min="1" value={form.seed.clone()}
                                onchange={update(|f, e| f.seed = input_value(e))} />
                        </label>
                        <div class="row explore-budget">
                            <span>{text::explore_budget()}</span>
                            <input type="number" data-explore="budget" aria-label={text::explore_budget()}
                                value={form.budget.clone()} onchange={update(|f, e| f.budget = input_value(e))} />
                            <select data-explore="budget-kind" aria-label={text::explore_budget()}
                                onchange={update(|f, e| f.budget_kind = input_value(e))}>
                                <option value="executions" selected={form.budget_kind == "executions"}>{text::explore_executions()}</option>
                                <option value="seconds" selected={form.budget_kind == "seconds"}>{text::explore_seconds()}</option>
                            </select>
                        </div>
                        <h3>{text::explore_faults()}</h3>
                        <div class="explore-faults">{ for faults }</div>
                    }
                    if !adapter::options(form.protocol).is_empty() {
                        <h3>{text::options()}</h3>
                        { for options }
                    }
                    <h3 class="bugs-heading">{text::bugs()}</h3>
                    { for bugs }
                </fieldset>
                if let Some(e) = &*error {
                    <p class="notice error" role="alert" data-explore="error">{e.text()}</p>
                }
                <div class="explore-status" role="status" aria-live="polite" data-explore="status" data-state={state}
                    data-count={progress.map_or(0, |p| p.count()).to_string()}>
                    <strong>{status}</strong>
                    if let Some(p) = progress { <span data-explore="progress">{p.text()}</span> }
                </div>
                <div class="actions">
                    if running {
                        <button key="stop" type="button" class="primary" data-explore="stop" onclick={stop} ref={stop_button}>{text::explore_stop()}</button>
                    } else {
                        <button key="start" type="submit" class="primary" data-explore="start" ref={start_button}>{text::explore_start()}</button>
                    }
                    if let Some(onclick) = replay {
                        <button type="button" class="primary" data-explore="replay" {onclick} ref={replay_button}>{text::explore_replay()}</button>
                    }
                    <button type="button" data-explore="close" onclick={close}>{text::close()}</button>
                </div>
            </form>
        </div>
    }
}
