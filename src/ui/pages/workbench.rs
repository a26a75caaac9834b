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
    /// An RSA key generation in the worker: candidates tested so far, primes found (of 2).
    Keygen(u64, usize),
    Done(JobResult, f64),
}

/// RSA key generation with progress: the worker searches p, then q, a few candidates per step
/// (`rsa-prime-step`), and the page shows the counts between steps; then `rsa-assemble`.
async fn generate_key(bits: u32, status: RwSignal<Status>, start: f64) {
    let mut bridge = bridge();
    let mut primes: Vec<String> = Vec::new();
    let mut tested = 0u64;
    status.set(Status::Keygen(0, 0));
    while primes.len() < 2 {
        let step = bridge.run(Job { tool: "rsa-prime-step".into(), inputs: BTreeMap::from([("bits".to_string(), (bits / 2).to_string())]) }).await;
        match step {
            Ok(lines) if lines.len() == 2 => {
                tested += lines[1].value.parse::<u64>().unwrap_or(0);
                if !lines[0].value.is_empty() && !primes.contains(&lines[0].value) {
                    primes.push(lines[0].value.clone());
                }
                status.set(Status::Keygen(tested, primes.len()));
            }
            Ok(_) => return status.set(Status::Done(Err(Bilingual::new("réponse inattendue du worker", "unexpected answer from the worker")), js_sys::Date::now() - start)),
            Err(e) => return status.set(Status::Done(Err(e), js_sys::Date::now() - start)),
        }
    }
    let inputs = BTreeMap::from([("p".to_string(), primes[0].clone()), ("q".to_string(), primes[1].clone())]);
    let result = bridge.run(Job { tool: "rsa-assemble".into(), inputs }).await;
    status.set(Status::Done(result, js_sys::Date::now() - start));
}

/// Links that open the RSA tools with a generated key (n, e, p, q).
fn key_links(lines: &[crate::ui::worker::Line]) -> Option<Vec<(&'static str, String)>> {
    let find = |prefix: &str| lines.iter().find(|l| l.en.starts_with(prefix)).map(|l| l.value.clone());
    let (n, e, p, q) = (find("n = p·q")?, find("e (hex)")?, find("p (hex)")?, find("q (hex)")?);
    let enc = |v: &str| String::from(js_sys::encode_uri_component(v));
    let common = format!("n={}&e={}&p={}&q={}", enc(&n), enc(&e), enc(&p), enc(&q));
    Some(vec![
        ("RSA-OAEP", format!("/workbench?tool=rsa-oaep&operation=encrypt&encoding=utf8&data=hello&{common}")),
        ("RSA PKCS#1 v1.5", format!("/workbench?tool=rsa-pkcs1v15&operation=encrypt&encoding=utf8&data=hello&{common}")),
        ("RSA-PSS", format!("/workbench?tool=rsa-pss&operation=sign&encoding=utf8&data=hello&signature=&{common}")),
    ])
}

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
            if tool.id == "rsa-keygen" {
                let bits = inputs.get("bits").and_then(|b| b.parse::<u32>().ok()).unwrap_or(1024);
                leptos::task::spawn_local(generate_key(bits, status, start));
            } else if tool.heavy {
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
            <button type="submit" prop:disabled=move || matches!(status.get(), Status::Running | Status::Keygen(..))>{move || state.t(S::Run)}</button>
            <div class="tool-result" role="status" aria-live="polite">
                {move || match status.get() {
                    Status::Idle => ().into_any(),
                    Status::Running => view! { <p><progress aria-label=move || state.t(S::WorkbenchRunning)></progress> " " {move || state.t(S::WorkbenchRunning)}</p> }.into_any(),
                    Status::Keygen(tested, primes) => view! {
                        <p>{move || state.t(S::KeygenProgress)}</p>
                        <progress class="keygen-bar" max="2" value=primes aria-label=move || state.t(S::KeygenProgress)></progress>
                        <p class="meta keygen-counts">
                            {move || state.t(S::KeygenCandidates)} {move || state.t(S::Colon)} <span class="keygen-tested">{tested}</span>
                            " · " {move || state.t(S::KeygenPrimes)} {move || state.t(S::Colon)} <span class="keygen-primes">{primes}</span> " / 2"
                        </p>
                    }.into_any(),
                    Status::Done(Ok(lines), ms) => view! {
                        {(tool.id == "rsa-keygen").then(|| key_links(&lines)).flatten().map(|links| view! {
                            <p class="key-links">{move || state.t(S::KeygenUseKey)} " "
                                {links.into_iter().map(|(name, href)| view! { <leptos_router::components::A href=href>{name}</leptos_router::components::A> " " }).collect_view()}
                            </p>
                        })}
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
