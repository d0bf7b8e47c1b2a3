//! Scenario files: download the scenario or the trace, open a file by
//! picking it or dropping it on the page. A file that cannot be opened shows
//! what is wrong (naming the field) and keeps the current run.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use crate::components::{Dispatch, use_dispatch, use_lang};
use crate::session::{self, FileProblem};
use crate::store::{Action, Notice};
use crate::text;

/// Saves `contents` as a file called `name` (a temporary blob URL).
pub fn download(name: &str, mime: &str, contents: &str) {
    if let Some(blob) = text_blob(mime, contents) {
        download_blob(name, &blob);
    }
}

/// `contents` as a blob of type `mime`.
pub fn text_blob(mime: &str, contents: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&contents.into());
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).ok()
}

/// Saves `blob` as a file called `name`.
pub fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    if let Ok(a) = doc.create_element("a").map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Reads `file` as text and opens it as a scenario.
fn open_file(d: Dispatch, file: web_sys::File) {
    let name = file.name();
    let fail = |d: &Dispatch, name: String, problem: FileProblem| {
        d.dispatch(Action::Notify(Notice::BadFile { name, problem }));
    };
    if file.size() > session::MAX_FILE_BYTES as f64 {
        fail(&d, name, FileProblem::TooBig { bytes: file.size() as usize, max: session::MAX_FILE_BYTES });
        return;
    }
    let Ok(reader) = web_sys::FileReader::new() else { return };
    let r = reader.clone();
    let (d2, name2) = (d.clone(), name.clone());
    let onload = Closure::once(move |_: web_sys::ProgressEvent| {
        let contents = r.result().ok().and_then(|v| v.as_string()).unwrap_or_default();
        match session::read_scenario_file(&contents) {
            Ok(s) => {
                d2.dispatch(Action::Load(Box::new(s)));
                d2.dispatch(Action::Pause);
                d2.dispatch(Action::Notify(Notice::OpenedFile(name2)));
            }
            Err(problem) => fail(&d2, name2, problem),
        }
    });
    reader.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    if reader.read_as_text(&file).is_err() {
        fail(&d, name, FileProblem::Unreadable);
    }
}

/// The "Open file…" button (a file input styled as a button).
#[component]
pub fn OpenFile() -> Html {
    use_lang();
    let d = use_dispatch();
    let onchange = Callback::from(move |e: Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(d.clone(), file);
        }
        input.set_value("");
    });
    html! {
        <label class="button file-button" title={text::open_file_title()}>
            {text::open_file()}
            <input type="file" accept=".json,application/json" data-import="" class="visually-hidden" {onchange} />
        </label>
    }
}

/// Dropping a file anywhere on the page opens it; `dragging` is set while a
/// file is held over the page.
#[hook]
pub fn use_file_drop(d: Dispatch, dragging: UseStateHandle<bool>) {
    use_effect_with((), move |_| {
        let mut listeners = Vec::new();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let opts = EventListenerOptions::enable_prevent_default();
            let over = dragging.clone();
            listeners.push(EventListener::new_with_options(&doc, "dragover", opts, move |e| {
                e.prevent_default();
                if !*over {
                    over.set(true);
                }
            }));
            let leave = dragging.clone();
            listeners.push(EventListener::new(&doc, "dragleave", move |e| {
                let e = e.unchecked_ref::<web_sys::DragEvent>();
                // Leaving the window (not moving between elements).
                if e.client_x() <= 0 && e.client_y() <= 0 {
                    leave.set(false);
                }
            }));
            listeners.push(EventListener::new_with_options(&doc, "drop", opts, move |e| {
                e.prevent_default();
                dragging.set(false);
                let e = e.unchecked_ref::<web_sys::DragEvent>();
                if let Some(file) = e.data_transfer().and_then(|t| t.files()).and_then(|f| f.get(0)) {
                    open_file(d.clone(), file);
                }
            }));
        }
        move || drop(listeners)
    });
}
