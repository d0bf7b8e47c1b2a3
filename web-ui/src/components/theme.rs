//! The Theme button: system, light or dark, kept in localStorage and applied
//! as `data-theme` on the page (the CSS uses light-dark() colours).

use yew::prelude::*;

use crate::components::use_lang;
use crate::model::Theme;
use crate::text;

const KEY: &str = "quorumscope.theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn apply(theme: Theme) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.id()),
        };
    }
}

#[component]
pub fn ThemeButton() -> Html {
    use_lang();
    let theme = use_state(|| Theme::parse(&storage().and_then(|s| s.get_item(KEY).ok().flatten()).unwrap_or_default()));
    {
        let t = *theme;
        use_effect_with(t, move |t| apply(*t));
    }
    let onclick = {
        let theme = theme.clone();
        Callback::from(move |_| {
            let next = theme.next();
            if let Some(s) = storage() {
                let _ = s.set_item(KEY, next.id());
            }
            theme.set(next);
        })
    };
    html! {
        <button data-control="theme" data-theme-choice={theme.id()} title={text::theme_title()} {onclick}>
            {text::theme_label(*theme)}
        </button>
    }
}
