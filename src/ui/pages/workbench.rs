//! The crypto workbench: every tool of `core::workbench::TOOLS`, drawn by the one form component
//! and run in the lab's worker.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::core::strings::S;
use crate::core::workbench::{self, Category, TOOLS};
use crate::ui::state::use_state;
use crate::ui::tool_form::{Target, ToolForm};

#[component]
pub fn WorkbenchPage() -> impl IntoView {
    let state = use_state();
    let query = use_query_map();
    let initial = query.with_untracked(|q| q.get("tool")).filter(|t| workbench::info(t).is_some()).unwrap_or_else(|| "aes".to_string());
    let selected = RwSignal::new(initial);
    // A link inside the workbench (a generated key opened in another tool) changes the tool.
    Effect::new(move |_| {
        if let Some(t) = query.with(|q| q.get("tool")).filter(|t| workbench::info(t).is_some()) {
            if t != selected.get_untracked() {
                selected.set(t);
            }
        }
    });
    view! {
        <h1>{state.tr(S::WorkbenchTitle)}</h1>
        <p>{state.tr(S::WorkbenchIntro)}</p>
        <div class="field">
            <label for="tool-picker">{state.tr(S::WorkbenchTool)}</label>
            <select id="tool-picker" prop:value=move || selected.get() on:change=move |ev| selected.set(event_target_value(&ev))>
                {Category::ALL.into_iter().map(|c| view! {
                    <optgroup label=move || c.title().text(state.lang.get())>
                        {TOOLS.iter().filter(|t| t.category == c).map(|t| view! {
                            <option value=t.spec.id selected=t.spec.id == selected.get_untracked()>{state.label(t.spec.title)}</option>
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </div>
        {move || workbench::info(&selected.get()).map(|tool| {
            // Fields start from the tool's defaults, or from the link that opened the page.
            let from_link = query.with_untracked(|q| q.get("tool").as_deref() == Some(tool.spec.id));
            let initial: BTreeMap<String, String> = tool
                .spec
                .fields
                .iter()
                .map(|f| (f.id.to_string(), if from_link { query.with_untracked(|q| q.get(f.id)) } else { None }.unwrap_or_else(|| f.default.to_string())))
                .collect();
            view! {
                <ToolForm spec=&tool.spec prefix="wb" initial=initial target=Target::Workbench/>
                <p class="meta">{state.tr(S::WorkbenchStandard)} {state.tr(S::Colon)} {tool.standard}</p>
            }
        })}
    }
}
