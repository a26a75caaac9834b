//! The one form component of the lab: it draws any tool from its [`ToolSpec`] (an engine's tool
//! in an exercise, or a workbench tool), sends the run to the worker, shows progress and a stop
//! button for long runs, and puts the typed outputs into words in the learner's language.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::engines::host::{Body, LabKey, Request};
use crate::core::exercise::Exercise;
use crate::core::i18n::Lang;
use crate::core::msg::Msg;
use crate::core::strings::S;
use crate::core::tools::{Cost, FieldKind, Output, ToolRun, ToolSpec, Value};
use crate::ui::state::use_state;
use crate::ui::storage::now;
use crate::ui::worker;

/// Where a tool runs: on a learner's instance (queries counted against the budget), or in the
/// workbench.
#[derive(Clone)]
pub enum Target {
    Lab { key: LabKey, exercise: Arc<Exercise>, budget: Option<u32> },
    Workbench,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Running { job: u32, done: u64, total: u64, note: Option<Msg> },
    Done(Result<ToolRun, Msg>, f64),
}

#[component]
pub fn ToolForm(
    spec: &'static ToolSpec,
    /// "tool" in exercises, "wb" in the workbench: the prefix of every id in the form.
    prefix: &'static str,
    /// The value each field starts with.
    initial: BTreeMap<String, String>,
    target: Target,
) -> impl IntoView {
    let state = use_state();
    let values: BTreeMap<&'static str, RwSignal<String>> = spec.fields.iter().map(|f| (f.id, RwSignal::new(initial.get(f.id).cloned().unwrap_or_else(|| f.default.to_string())))).collect();
    let status = RwSignal::new(Status::Idle);
    let form_id = format!("{prefix}-{}", spec.id);
    let run = {
        let values = values.clone();
        let target = target.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if matches!(status.get_untracked(), Status::Running { .. }) {
                return;
            }
            let inputs: BTreeMap<String, String> = values.iter().map(|(k, v)| (k.to_string(), v.get_untracked())).collect();
            let start = js_sys::Date::now();
            let request = match &target {
                Target::Lab { key, exercise, budget } => {
                    if spec.oracle && !state.progress.with_untracked(|p| p.may_query(exercise, *budget)) {
                        status.set(Status::Done(Err(Msg::BudgetExhausted()), 0.0));
                        return;
                    }
                    Request::Tool { lab: key.clone(), tool: spec.id.into(), inputs }
                }
                Target::Workbench => Request::Workbench { tool: spec.id.into(), inputs },
            };
            let exercise = match &target {
                Target::Lab { exercise, .. } => Some(exercise.clone()),
                Target::Workbench => None,
            };
            let job = worker::send(request, move |body| match body {
                Body::Progress { done, total, note } => status.update(|s| {
                    if let Status::Running { job, .. } = *s {
                        *s = Status::Running { job, done, total, note };
                    }
                }),
                Body::Result(run) => {
                    if let (Some(ex), true) = (exercise.clone(), run.queries > 0) {
                        let n = run.queries;
                        state.update_progress(move |p| p.spend_queries(&ex, n, now()));
                    }
                    status.set(Status::Done(Ok(run), js_sys::Date::now() - start));
                }
                Body::Error(m) => status.set(Status::Done(Err(m), js_sys::Date::now() - start)),
                _ => status.set(Status::Done(Err(Msg::WorkerUnexpected()), 0.0)),
            });
            status.set(Status::Running { job, done: 0, total: 0, note: None });
        }
    };
    let title_id = format!("{form_id}-title");
    let heading = {
        let title_id = title_id.clone();
        move || {
            let text = move || spec.title.text(state.lang.get());
            if prefix == "wb" {
                view! { <h2 id=title_id.clone()>{text}</h2> }.into_any()
            } else {
                view! { <h3 id=title_id.clone()>{text}</h3> }.into_any()
            }
        }
    };
    view! {
        <form class="tool" class:workbench-tool=prefix == "wb" id=form_id.clone() aria-labelledby=title_id on:submit=run>
            {heading}
            <p class="meta">{state.label(spec.help)}</p>
            {(spec.cost == Cost::Long).then(|| view! { <p class="meta">{state.tr(S::WorkbenchHeavy)}</p> })}
            {spec.fields.iter().map(|f| {
                let value = values[f.id];
                let id = format!("{form_id}-{}", f.id);
                let label = f.label;
                let control = match f.kind {
                    FieldKind::Select(options) => view! {
                        <select id=id.clone() prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                            {options.iter().map(|o| view! { <option value=*o selected=*o == value.get_untracked()>{if prefix == "wb" { o.to_string() } else { o.to_uppercase() }}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    FieldKind::Number { .. } => view! {
                        <input type="text" inputmode="numeric" id=id.clone() autocomplete="off" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                    }.into_any(),
                    FieldKind::LongText => view! {
                        <textarea id=id.clone() rows="4" class="mono" spellcheck="false" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                    }.into_any(),
                    _ if prefix == "wb" && matches!(f.id, "data" | "input") => view! {
                        <textarea id=id.clone() rows="3" class="mono" spellcheck="false" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
                    }.into_any(),
                    _ => view! {
                        <input type="text" id=id.clone() class="mono" autocomplete="off" spellcheck="false" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                    }.into_any(),
                };
                view! { <div class="field"><label for=id>{state.label(label)}</label>{control}</div> }
            }).collect_view()}
            <div class="actions">
                <button type="submit" prop:disabled=move || matches!(status.get(), Status::Running { .. })>{state.label(spec.button)}</button>
                {move || match status.get() {
                    Status::Running { job, .. } if spec.cost == Cost::Long => Some(view! {
                        <button type="button" class="secondary stop" on:click=move |_| worker::cancel(job)>{state.tr(S::Stop)}</button>
                    }),
                    _ => None,
                }}
            </div>
            <div class="tool-result" role="status" aria-live="polite" aria-busy=move || matches!(status.get(), Status::Running { .. }).to_string()>
                {move || match status.get() {
                    // A light run answers in milliseconds: no "computing" to announce meanwhile.
                    Status::Idle => ().into_any(),
                    Status::Running { .. } if spec.cost == Cost::Light => ().into_any(),
                    Status::Running { done, total, note, .. } => view! {
                        <p>
                            {if total > 0 {
                                view! { <progress class="job-bar" max=total value=done aria-label=state.tr(S::WorkbenchRunning)></progress> }.into_any()
                            } else {
                                view! { <progress class="job-bar" aria-label=state.tr(S::WorkbenchRunning)></progress> }.into_any()
                            }}
                            " " {state.tr(S::WorkbenchRunning)}
                        </p>
                        {note.map(|n| view! { <p class="meta job-note">{state.message(n.clone())}</p> })}
                    }.into_any(),
                    Status::Done(Ok(run), ms) => view! {
                        {(spec.id == "rsa-keygen").then(|| crate::core::workbench::key_links(&run)).flatten().map(|links| view! {
                            <p class="key-links">{state.tr(S::KeygenUseKey)} " "
                                {links.into_iter().map(|(name, link)| view! { <leptos_router::components::A href=workbench_href(&link)>{name}</leptos_router::components::A> " " }).collect_view()}
                            </p>
                        })}
                        <Outputs outputs=run.outputs/>
                        {(prefix == "wb").then(|| view! { <p class="meta">{move || format!("{}{}{} ms", state.t(S::WorkbenchElapsed), state.t(S::Colon), ms.round() as u64)}</p> })}
                    }.into_any(),
                    Status::Done(Err(message), _) => view! {
                        <p class="error">{state.tr(S::Error)} {state.tr(S::Colon)} {state.message(message.clone())}</p>
                    }.into_any(),
                }}
            </div>
        </form>
    }
}

/// A tool's outputs as a description list, each value shown for its type.
#[component]
pub fn Outputs(outputs: Vec<Output>) -> impl IntoView {
    let state = use_state();
    view! {
        <dl>
            {outputs.into_iter().map(|o| {
                let label = o.label.clone();
                view! {
                    <dt>{state.message(label.clone())}</dt>
                    <dd>{value_view(o.value, state.lang)}</dd>
                }
            }).collect_view()}
        </dl>
    }
}

fn value_view(value: Value, lang: RwSignal<Lang>) -> AnyView {
    match value {
        Value::Verdict { ok, text } => view! {
            <output class=if ok { "verdict-ok" } else { "verdict-bad" }>{move || text.render(lang.get())}</output>
        }
        .into_any(),
        Value::Msg(m) => view! { <output>{move || m.render(lang.get())}</output> }.into_any(),
        Value::Table { head, rows } => view! {
            <table class="output-table">
                <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{move || h.render(lang.get())}</th> }).collect_view()}</tr></thead>
                <tbody>{rows.into_iter().map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{value_view(c, lang)}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
            </table>
        }
        .into_any(),
        other => view! { <output class="mono">{other.plain().unwrap_or_default()}</output> }.into_any(),
    }
}

/// The page's address of a workbench link, its values encoded by the browser.
pub fn workbench_href(link: &crate::core::engines::WorkbenchLink) -> String {
    link.href(|v| String::from(js_sys::encode_uri_component(v)))
}
