//! The crypto workbench: every tool of `core::workbench::TOOLS`, drawn from its description.
//! Light tools run at once on the page; heavy ones (PBKDF2, Argon2) in the lab's worker.

use std::cell::RefCell;
use std::collections::BTreeMap;

use gloo_worker::oneshot::OneshotBridge;
use gloo_worker::Spawnable;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::core::i18n::Bilingual;
use crate::core::strings::S;
use crate::core::workbench::{self, Category, FieldKind, ToolInfo, TOOLS};
use crate::ui::state::use_state;
use crate::ui::worker::{lines, Job, JobResult, WorkbenchJob, WORKER_LOADER};

thread_local! {
    /// One worker for the page's lifetime, spawned on the first heavy job.
    static BRIDGE: RefCell<Option<OneshotBridge<WorkbenchJob>>> = const { RefCell::new(None) };
}

fn bridge() -> OneshotBridge<WorkbenchJob> {
    BRIDGE.with(|b| {
        b.borrow_mut()
            .get_or_insert_with(|| WorkbenchJob::spawner().with_loader(true).as_module(true).spawn(WORKER_LOADER))
            .fork()
    })
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Running,
    Done(JobResult, f64),
}

#[component]
pub fn WorkbenchPage() -> impl IntoView {
    let state = use_state();
    let query = use_query_map();
    let initial = query.with_untracked(|q| q.get("tool")).filter(|t| workbench::info(t).is_some()).unwrap_or_else(|| "aes".to_string());
    let selected = RwSignal::new(initial);
    view! {
        <h1>{move || state.t(S::WorkbenchTitle)}</h1>
        <p>{move || state.t(S::WorkbenchIntro)}</p>
        <div class="field">
            <label for="tool-picker">{move || state.t(S::WorkbenchTool)}</label>
            <select id="tool-picker" prop:value=move || selected.get() on:change=move |ev| selected.set(event_target_value(&ev))>
                {Category::ALL.into_iter().map(|c| view! {
                    <optgroup label=move || c.title().get(state.lang.get())>
                        {TOOLS.iter().filter(|t| t.category == c).map(|t| view! {
                            <option value=t.id selected=t.id == selected.get_untracked()>{move || t.title.get(state.lang.get())}</option>
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </div>
        {move || workbench::info(&selected.get()).map(|tool| view! { <ToolForm tool=tool/> })}
    }
}

#[component]
fn ToolForm(tool: &'static ToolInfo) -> impl IntoView {
    let state = use_state();
    let query = use_query_map();
    // Fields start from the tool's defaults, or from the link that opened the page.
    let from_link = query.with_untracked(|q| q.get("tool").as_deref() == Some(tool.id));
    let values: BTreeMap<&'static str, RwSignal<String>> = tool
        .fields
        .iter()
        .map(|f| {
            let start = if from_link { query.with_untracked(|q| q.get(f.id)) } else { None };
            (f.id, RwSignal::new(start.unwrap_or_else(|| f.default.to_string())))
        })
        .collect();
    let status = RwSignal::new(Status::Idle);
    let run = {
        let values = values.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let inputs: BTreeMap<String, String> = values.iter().map(|(k, v)| (k.to_string(), v.get_untracked())).collect();
            let start = js_sys::Date::now();
            if tool.heavy {
                status.set(Status::Running);
                let mut bridge = bridge();
                leptos::task::spawn_local(async move {
                    let result = bridge.run(Job { tool: tool.id.to_string(), inputs }).await;
                    status.set(Status::Done(result, js_sys::Date::now() - start));
                });
            } else {
                let result = workbench::run_light(tool.id, &inputs).map(lines);
                status.set(Status::Done(result, js_sys::Date::now() - start));
            }
        }
    };
    let form_id = format!("wb-{}", tool.id);
    view! {
        <form class="tool workbench-tool" id=form_id.clone() aria-labelledby=format!("{form_id}-title") on:submit=run>
            <h2 id=format!("{form_id}-title")>{move || tool.title.get(state.lang.get())}</h2>
            <p>{move || tool.description.get(state.lang.get())}</p>
            {tool.heavy.then(|| view! { <p class="meta">{move || state.t(S::WorkbenchHeavy)}</p> })}
            {tool.fields.iter().map(|f| {
                let value = values[f.id];
                let id = format!("{form_id}-{}", f.id);
                let label = f.label;
                let control = match f.kind {
                    FieldKind::Select(options) => view! {
                        <select id=id.clone() prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                            {options.iter().map(|o| view! { <option value=*o selected=*o == value.get_untracked()>{*o}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    FieldKind::Number { .. } => view! {
                        <input type="text" inputmode="numeric" id=id.clone() autocomplete="off" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                    }.into_any(),
                    _ if matches!(f.id, "data" | "input") => view! {
                        <textarea id=id.clone() rows="3" class="mono" spellcheck="false" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                    }.into_any(),
                    _ => view! {
                        <input type="text" id=id.clone() class="mono" autocomplete="off" spellcheck="false" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                    }.into_any(),
                };
                view! { <div class="field"><label for=id>{move || label.get(state.lang.get())}</label>{control}</div> }
            }).collect_view()}
            <button type="submit" prop:disabled=move || status.get() == Status::Running>{move || state.t(S::Run)}</button>
            <div class="tool-result" role="status" aria-live="polite">
                {move || match status.get() {
                    Status::Idle => ().into_any(),
                    Status::Running => view! { <p><progress aria-label=move || state.t(S::WorkbenchRunning)></progress> " " {move || state.t(S::WorkbenchRunning)}</p> }.into_any(),
                    Status::Done(Ok(lines), ms) => view! {
                        <dl>
                            {lines.into_iter().map(|l| view! {
                                <dt>{move || if state.lang.get() == crate::core::i18n::Lang::Fr { l.fr.clone() } else { l.en.clone() }}</dt>
                                <dd><output class="mono">{l.value.clone()}</output></dd>
                            }).collect_view()}
                        </dl>
                        <p class="meta">{move || format!("{}{}{:.0} ms", state.t(S::WorkbenchElapsed), state.t(S::Colon), ms)}</p>
                    }.into_any(),
                    Status::Done(Err(message), _) => error_view(message).into_any(),
                }}
            </div>
            <p class="meta">{move || state.t(S::WorkbenchStandard)} {move || state.t(S::Colon)} {tool.standard}</p>
        </form>
    }
}

fn error_view(message: Bilingual) -> impl IntoView {
    let state = use_state();
    view! { <p class="error">{move || state.t(S::Error)} {move || state.t(S::Colon)} {move || message.get(state.lang.get()).to_string()}</p> }
}
