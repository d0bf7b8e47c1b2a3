//! The Explore panel's Web Worker: it runs one search (`explorer::run`) and
//! posts its reports; the panel stops it with `Worker.terminate()`. Built by
//! trunk as a separate, lazily loaded wasm (see index.html); it uses the
//! explorer and the kernel only, never Yew.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
    use web_ui::{explore_wire, explorer};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let out = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        // Anything but a plan is ignored.
        let Some(plan) = e.data().as_string().and_then(|m| explore_wire::decode_plan(&m).ok()) else { return };
        explorer::run(plan, &js_sys::Date::now, &mut |s| {
            let _ = out.post_message(&explore_wire::encode(s).into());
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its handler.
    on_message.forget();
    let _ = scope.post_message(&explore_wire::READY.into());
}

/// Natively there is nothing to run (the workspace builds every target).
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
