//! Exercise Markdown, rendered by the worker (core's renderer, no raw HTML) and shown here. The
//! page keeps the HTML of each text it has seen, so switching language back is instant.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

use crate::core::engines::host::{Body, Request};
use crate::ui::worker;

thread_local! {
    static RENDERED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Markdown `source` (placeholders already substituted) as HTML in a `div` of class `class`.
#[component]
pub fn Markdown(#[prop(into)] source: Signal<String>, class: &'static str, #[prop(optional)] tag: Option<&'static str>) -> impl IntoView {
    let state = crate::ui::state::use_state();
    let html = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<crate::core::msg::Msg>);
    Effect::new(move |_| {
        let text = source.get();
        if let Some(done) = RENDERED.with(|r| r.borrow().get(&text).cloned()) {
            html.set(Some(done));
            return;
        }
        leptos::task::spawn_local(async move {
            match worker::ask(Request::Markdown { source: text.clone() }).await {
                Body::Html(rendered) => {
                    RENDERED.with(|r| r.borrow_mut().insert(text.clone(), rendered.clone()));
                    // Only the latest text: a language switch while rendering must not show the old one.
                    if source.get_untracked() == text {
                        html.set(Some(rendered));
                    }
                }
                Body::Error(m) => {
                    html.set(Some(String::new()));
                    failed.set(Some(m));
                }
                _ => {}
            }
        });
    });
    let body = move || html.get().unwrap_or_default();
    let error = move || failed.get().map(|m| view! { <p class="error" role="alert">{state.message(m.clone())}</p> });
    let waiting = move || html.with(Option::is_none);
    match tag {
        Some("li") => view! { <li class:loading=waiting><div class=class inner_html=body></div> {error}</li> }.into_any(),
        _ => view! { <div class=class class:loading=waiting inner_html=body></div> {error} }.into_any(),
    }
}
