//! The embedded lab: every engine's tools, drawn from their self-description (inputs, labels,
//! button), so a new engine needs no new view unless it wants a special one.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::engines::{self, InputKind, ToolRun};
use crate::core::exercise::{Exercise, Lab};
use crate::core::grading::instance_seed;
use crate::core::i18n::{Bilingual, Lang};
use crate::core::strings::S;
use crate::ui::state::use_state;

#[component]
pub fn LabPanel(lab: Lab, vars: BTreeMap<String, String>, exercise: Arc<Exercise>) -> impl IntoView {
    let state = use_state();
    let Some(engine) = engines::find(&lab.kind) else { return ().into_any() };
    let tools = engine.tools(&lab.params);
    let budget = engine.budget(&lab.params);
    let ex_used = exercise.clone();
    let used = Memo::new(move |_| state.progress.with(|p| p.queries(&ex_used)));
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
            {budget.map(|b| view! {
                <p class="budget" aria-live="polite">
                    {move || state.t(S::QueriesUsed)} {move || state.t(S::Colon)}
                    <strong class="queries-used">{move || used.get()}</strong> " / " {b}
                </p>
                <progress class="budget-bar" max=b value=move || used.get().min(b) aria-label=move || state.t(S::QueriesUsed)></progress>
            })}
            {tools.into_iter().map(|tool| {
                let values: BTreeMap<&'static str, RwSignal<String>> = tool
                    .inputs
                    .iter()
                    .map(|i| (i.id, RwSignal::new(i.prefill.and_then(|v| vars.get(v).cloned()).unwrap_or_default())))
                    .collect();
                let result: RwSignal<Option<Result<ToolRun, Bilingual>>> = RwSignal::new(None);
                let form_id = format!("tool-{}", tool.id);
                let run = {
                    let values = values.clone();
                    let lab = lab.clone();
                    let exercise = exercise.clone();
                    move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        let inputs: BTreeMap<String, String> = values.iter().map(|(k, v)| (k.to_string(), v.get_untracked())).collect();
                        let (seed, allowed) = state.progress.with_untracked(|p| (instance_seed(&exercise, &p.seed_bytes()), p.may_query(&exercise, budget)));
                        if tool.oracle && !allowed {
                            result.set(Some(Err(Bilingual::new(S::BudgetExhausted.get(Lang::Fr), S::BudgetExhausted.get(Lang::En)))));
                            return;
                        }
                        let run = engine.run_tool(&lab.params, &seed, tool.id, &inputs);
                        if let Ok(r) = &run {
                            if r.queries > 0 {
                                let ex = exercise.clone();
                                let n = r.queries;
                                state.update_progress(move |p| p.spend_queries(&ex, n, crate::ui::storage::now()));
                            }
                        }
                        result.set(Some(run));
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
                                Ok(run) => view! {
                                    <dl>
                                        {run.outputs.into_iter().map(|o| view! {
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
            {(lab.kind == "ecb-picture").then(|| view! { <EcbPictures exercise=exercise.clone()/> })}
            {(lab.kind == "cbc-padding-oracle").then(|| view! { <PaddingReplay exercise=exercise.clone()/> })}
            {(lab.kind == "fleet-keys").then(|| view! { <FleetGrid exercise=exercise.clone()/> })}
            {(lab.kind == "kex-mitm").then(|| view! { <crate::ui::sequence::KexSequence exercise=exercise.clone() params=lab.params.clone()/> })}
            {workbench_href.map(|href| view! { <p><leptos_router::components::A href=href>{move || state.t(S::OpenInWorkbench)}</leptos_router::components::A></p> })}
        </section>
    }
    .into_any()
}

/// Once the padding-oracle exercise is solved: the whole attack, replayed in slices of a few
/// milliseconds with a progress bar, so the page never freezes.
#[component]
fn PaddingReplay(exercise: Arc<Exercise>) -> impl IntoView {
    use crate::core::engines::padding_oracle::{ciphertext, gateway, iv, Answer, Attack};
    let state = use_state();
    let ex = exercise.clone();
    let solved = Memo::new(move |_| state.progress.with(|p| crate::core::progress::is_solved(&ex, p.get(&ex))));
    let progress = RwSignal::new(None::<(usize, usize, u64)>);
    let recovered = RwSignal::new(None::<String>);
    let running = RwSignal::new(false);
    let replay = move |_| {
        let Some(lab) = exercise.lab.clone() else { return };
        let seed = state.progress.with_untracked(|p| instance_seed(&exercise, &p.seed_bytes()));
        running.set(true);
        recovered.set(None);
        leptos::task::spawn_local(async move {
            let mut attack = Attack::new(&iv(&seed), &ciphertext(&seed));
            let total = attack.ct.len();
            let mut failed = false;
            while !attack.done() && !failed {
                let start = js_sys::Date::now();
                // About 8 ms of work, then give the page back.
                while !attack.done() && js_sys::Date::now() - start < 8.0 {
                    let mut oracle = |prev: &[u8], block: &[u8]| gateway(&lab.params, &seed, prev, block, None) == Answer::Accepted;
                    if !attack.step(&mut oracle) {
                        failed = true;
                        break;
                    }
                }
                progress.set(Some((attack.recovered(), total, attack.queries)));
                crate::ui::state::yield_to_browser().await;
            }
            recovered.set(attack.result().map(|r| String::from_utf8_lossy(&r).into_owned()));
            running.set(false);
        });
    };
    move || solved.get().then(|| {
        let replay = replay.clone();
        view! {
            <section class="tool replay" aria-labelledby="replay-title">
                <h3 id="replay-title">{move || state.t(S::ReplayTitle)}</h3>
                <p class="meta">{move || state.t(S::ReplayHelp)}</p>
                <button type="button" on:click=replay prop:disabled=move || running.get()>{move || state.t(S::ReplayButton)}</button>
                <div role="status" aria-live="polite">
                    {move || progress.get().map(|(done, total, queries)| view! {
                        <progress class="replay-bar" max=total value=done aria-label=move || state.t(S::ReplayTitle)></progress>
                        <p class="replay-count">{move || format!("{done}/{total} {} · {queries} {}", state.t(S::ReplayBytes), state.t(S::ReplayQueries))}</p>
                    })}
                    {move || recovered.get().map(|text| view! { <p>{move || state.t(S::ReplayResult)} {move || state.t(S::Colon)} <output class="mono replay-result">{text.clone()}</output></p> })}
                </div>
            </section>
        }
    })
}

/// The icon in clear, in ECB and in CBC, drawn on canvases side by side.
#[component]
fn EcbPictures(exercise: Arc<Exercise>) -> impl IntoView {
    use crate::core::engines::ecb_picture::{encrypted, picture, HEIGHT, WIDTH};
    let state = use_state();
    let seed = state.progress.with_untracked(|p| instance_seed(&exercise, &p.seed_bytes()));
    let images = [
        ("picture-clear", S::PictureClear, S::PictureClearAlt, picture()),
        ("picture-ecb", S::PictureEcb, S::PictureEncryptedAlt, encrypted("ecb", &seed)),
        ("picture-cbc", S::PictureCbc, S::PictureEncryptedAlt, encrypted("cbc", &seed)),
    ];
    view! {
        <div class="pictures">
            {images.into_iter().map(|(id, caption, alt, rgba)| {
                let canvas = NodeRef::<leptos::html::Canvas>::new();
                Effect::new(move || {
                    use wasm_bindgen::JsCast;
                    let Some(canvas) = canvas.get() else { return };
                    let Ok(Some(ctx)) = canvas.get_context("2d") else { return };
                    let Ok(ctx) = ctx.dyn_into::<web_sys::CanvasRenderingContext2d>() else { return };
                    if let Ok(data) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(&rgba), WIDTH as u32, HEIGHT as u32) {
                        let _ = ctx.put_image_data(&data, 0.0, 0.0);
                    }
                });
                view! {
                    <figure class="picture">
                        <canvas id=id node_ref=canvas width=WIDTH.to_string() height=HEIGHT.to_string() role="img" aria-label=move || state.t(alt)></canvas>
                        <figcaption>{move || state.t(caption)}</figcaption>
                    </figure>
                }
            }).collect_view()}
        </div>
    }
}

/// KM-01: the whole fleet after one compromise, each device marked in words and a symbol, not
/// by colour alone.
#[component]
fn FleetGrid(exercise: Arc<Exercise>) -> impl IntoView {
    use crate::core::engines::fleet_keys::{attack, devices, target, Breach, Scheme, SCHEMES};
    let state = use_state();
    let seed = state.progress.with_untracked(|p| instance_seed(&exercise, &p.seed_bytes()));
    let names = devices(&seed);
    let scheme = RwSignal::new(SCHEMES[0].to_string());
    let breach = RwSignal::new(target(&seed));
    let shown = RwSignal::new(None::<Vec<(String, bool)>>);
    let show = {
        let names = names.clone();
        move |_| {
            let Some(s) = Scheme::parse(&scheme.get_untracked()) else { return };
            let who = breach.get_untracked();
            let b = if who == "server" { Breach::Server } else { Breach::Device(who) };
            let exposed = attack(&seed, s, &b).exposed();
            shown.set(Some(names.iter().map(|n| (n.clone(), exposed.contains(n))).collect()));
        }
    };
    let total = names.len();
    view! {
        <section class="tool fleet" aria-labelledby="fleet-title">
            <h3 id="fleet-title">{move || state.t(S::FleetTitle)}</h3>
            <p class="meta">{move || state.t(S::FleetHelp)}</p>
            <div class="field">
                <label for="fleet-scheme">{move || state.t(S::FleetScheme)}</label>
                <select id="fleet-scheme" on:change=move |ev| scheme.set(event_target_value(&ev)) prop:value=move || scheme.get()>
                    {SCHEMES.iter().map(|o| view! { <option value=*o>{o.to_uppercase()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="fleet-breach">{move || state.t(S::FleetBreach)}</label>
                <select id="fleet-breach" on:change=move |ev| breach.set(event_target_value(&ev)) prop:value=move || breach.get()>
                    {names.iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
                    <option value="server">{move || state.t(S::FleetServer)}</option>
                </select>
            </div>
            <button type="button" on:click=show>{move || state.t(S::FleetButton)}</button>
            <div role="status" aria-live="polite">
                {move || shown.get().map(|cells| {
                    let count = cells.iter().filter(|(_, e)| *e).count();
                    view! {
                        <p class="fleet-count"><strong>{count}</strong> " / " {total} " " {move || state.t(S::FleetCount)}</p>
                        <ul class="fleet-grid">
                            {cells.into_iter().map(|(name, exposed)| view! {
                                <li class=if exposed { "fleet-exposed" } else { "fleet-safe" }>
                                    <span class="mono">{name}</span>
                                    <span class="mark">{if exposed { "⚠ " } else { "✓ " }}{move || state.t(if exposed { S::FleetExposed } else { S::FleetSafe })}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                })}
            </div>
        </section>
    }
}
