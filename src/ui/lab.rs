//! The embedded lab: every engine's tools, drawn from their self-description (inputs, labels,
//! button), so a new engine needs no new view unless it wants a special one.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::engines::{self, InputKind, ToolOutput};
use crate::core::exercise::{Exercise, Lab};
use crate::core::grading::instance_seed;
use crate::core::i18n::Bilingual;
use crate::core::strings::S;
use crate::ui::state::use_state;

#[component]
pub fn LabPanel(lab: Lab, vars: BTreeMap<String, String>, exercise: Arc<Exercise>) -> impl IntoView {
    let state = use_state();
    let Some(engine) = engines::find(&lab.kind) else { return ().into_any() };
    let tools = engine.tools(&lab.params);
    let workbench_href = engine.workbench_link(&lab.params, &vars).map(|(tool, fields)| {
        let mut href = format!("/workbench?tool={tool}");
        for (k, v) in fields {
            href.push_str(&format!("&{k}={}", String::from(js_sys::encode_uri_component(&v))));
        }
        href
    });
    let lab = Arc::new(lab);
    view! {
        <section class="lab" aria-labelledby="lab-title">
            <h2 id="lab-title">{move || state.t(S::Lab)} " — " {move || engine.title().get(state.lang.get())}</h2>
            {tools.into_iter().map(|tool| {
                let values: BTreeMap<&'static str, RwSignal<String>> = tool
                    .inputs
                    .iter()
                    .map(|i| (i.id, RwSignal::new(i.prefill.and_then(|v| vars.get(v).cloned()).unwrap_or_default())))
                    .collect();
                let result: RwSignal<Option<Result<Vec<ToolOutput>, Bilingual>>> = RwSignal::new(None);
                let form_id = format!("tool-{}", tool.id);
                let run = {
                    let values = values.clone();
                    let lab = lab.clone();
                    let exercise = exercise.clone();
                    move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        let inputs: BTreeMap<String, String> = values.iter().map(|(k, v)| (k.to_string(), v.get_untracked())).collect();
                        let seed = state.progress.with_untracked(|p| instance_seed(&exercise, &p.seed_bytes()));
                        result.set(Some(engine.run_tool(&lab.params, &seed, tool.id, &inputs)));
                    }
                };
                view! {
                    <form class="tool" aria-labelledby=format!("{form_id}-title") on:submit=run>
                        <h3 id=format!("{form_id}-title")>{move || tool.title.get(state.lang.get())}</h3>
                        <p class="meta">{move || tool.help.get(state.lang.get())}</p>
                        {tool.inputs.iter().map(|input| {
                            let value = values[input.id];
                            let id = format!("{form_id}-{}", input.id);
                            let label = input.label;
                            let control = match input.kind {
                                InputKind::Select(options) => view! {
                                    <select id=id.clone() on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                                        {options.iter().map(|o| view! { <option value=*o>{o.to_uppercase()}</option> }).collect_view()}
                                    </select>
                                }.into_any(),
                                _ => view! {
                                    <input type="text" id=id.clone() autocomplete="off" spellcheck="false" class="mono"
                                        prop:value=move || value.get()
                                        on:input=move |ev| value.set(event_target_value(&ev))/>
                                }.into_any(),
                            };
                            view! { <div class="field"><label for=id>{move || label.get(state.lang.get())}</label>{control}</div> }
                        }).collect_view()}
                        <button type="submit">{move || tool.button.get(state.lang.get())}</button>
                        <div class="tool-result" role="status" aria-live="polite">
                            {move || result.get().map(|r| match r {
                                Ok(outputs) => view! {
                                    <dl>
                                        {outputs.into_iter().map(|o| view! {
                                            <dt>{move || o.label.get(state.lang.get())}</dt>
                                            <dd><output class="mono">{o.value.clone()}</output></dd>
                                        }).collect_view()}
                                    </dl>
                                }.into_any(),
                                Err(message) => view! { <p class="error">{move || state.t(S::Error)} {move || state.t(S::Colon)} {move || message.get(state.lang.get()).to_string()}</p> }.into_any(),
                            })}
                        </div>
                    </form>
                }
            }).collect_view()}
            {workbench_href.map(|href| view! { <p><leptos_router::components::A href=href>{move || state.t(S::OpenInWorkbench)}</leptos_router::components::A></p> })}
        </section>
    }
    .into_any()
}
