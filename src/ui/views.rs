//! The view registry: each special view an engine may name in `SPEC.view`, drawn from the data
//! its instance sends from the worker (`core::views`). Adding a view is one line in [`DRAWERS`].

use leptos::prelude::*;

use crate::core::engines::host::{Body, LabKey, Request};
use crate::core::strings::S;
use crate::core::views::{Fleet, Picture, ViewData, ViewRequest};
use crate::ui::state::use_state;
use crate::ui::worker;

type Drawer = fn(LabKey) -> AnyView;

/// Every view the page can draw, by the name engines use.
pub static DRAWERS: &[(&str, Drawer)] = &[
    ("pictures", |key| view! { <Pictures key=key/> }.into_any()),
    ("fleet", |key| view! { <FleetGrid key=key/> }.into_any()),
    ("sequence", |key| view! { <crate::ui::sequence::KexSequence key=key/> }.into_any()),
    ("capture", |key| view! { <crate::ui::capture::CaptureViewer key=key/> }.into_any()),
];

pub fn draw(name: &str, key: LabKey) -> AnyView {
    match DRAWERS.iter().find(|(n, _)| *n == name) {
        Some((_, drawer)) => drawer(key),
        None => ().into_any(),
    }
}

/// Asks the worker for a view's data.
async fn fetch(key: LabKey, request: ViewRequest) -> Option<ViewData> {
    match worker::ask(Request::View { lab: key, request }).await {
        Body::View(data) => Some(data),
        _ => None,
    }
}

/// Images side by side on canvases (the ECB picture: the icon in clear, in ECB and in CBC).
#[component]
fn Pictures(key: LabKey) -> impl IntoView {
    let state = use_state();
    let pictures = RwSignal::new(Vec::<Picture>::new());
    leptos::task::spawn_local(async move {
        if let Some(ViewData::Pictures(p)) = fetch(key, ViewRequest::Pictures).await {
            pictures.set(p);
        }
    });
    view! {
        <div class="pictures">
            {move || pictures.get().into_iter().map(|p| {
                let canvas = NodeRef::<leptos::html::Canvas>::new();
                let (w, h, rgba) = (p.width, p.height, p.rgba);
                Effect::new(move || {
                    use wasm_bindgen::JsCast;
                    let Some(canvas) = canvas.get() else { return };
                    let Ok(Some(ctx)) = canvas.get_context("2d") else { return };
                    let Ok(ctx) = ctx.dyn_into::<web_sys::CanvasRenderingContext2d>() else { return };
                    if let Ok(data) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(&rgba), w, h) {
                        let _ = ctx.put_image_data(&data, 0.0, 0.0);
                    }
                });
                let (alt, caption) = (p.alt, p.caption);
                view! {
                    <figure class="picture">
                        <canvas id=p.id node_ref=canvas width=w.to_string() height=h.to_string() role="img" aria-label=state.label(alt)></canvas>
                        <figcaption>{state.label(caption)}</figcaption>
                    </figure>
                }
            }).collect_view()}
        </div>
    }
}

/// KM-01: the whole fleet after one compromise, each device marked in words and a symbol, not
/// by colour alone.
#[component]
fn FleetGrid(key: LabKey) -> impl IntoView {
    let state = use_state();
    let fleet = RwSignal::new(None::<Fleet>);
    let scheme = RwSignal::new(String::new());
    let breach = RwSignal::new(String::new());
    {
        let key = key.clone();
        leptos::task::spawn_local(async move {
            if let Some(ViewData::Fleet(f)) = fetch(key, ViewRequest::initial("fleet")).await {
                scheme.set(f.schemes.first().cloned().unwrap_or_default());
                breach.set(f.target.clone());
                fleet.set(Some(f));
            }
        });
    }
    let cells = RwSignal::new(None::<Vec<(String, bool)>>);
    let show = move |_| {
        let key = key.clone();
        let request = ViewRequest::Fleet { scheme: scheme.get_untracked(), breach: Some(breach.get_untracked()) };
        leptos::task::spawn_local(async move {
            if let Some(ViewData::Fleet(f)) = fetch(key, request).await {
                cells.set(f.exposed.map(|e| f.devices.into_iter().zip(e).collect()));
            }
        });
    };
    // The controls are drawn once; only the result below them changes (focus stays put).
    move || {
        fleet.get().map(|f| {
            let show = show.clone();
            let total = f.devices.len();
            view! {
                <section class="tool fleet" aria-labelledby="fleet-title">
                    <h3 id="fleet-title">{state.tr(S::FleetTitle)}</h3>
                    <p class="meta">{state.tr(S::FleetHelp)}</p>
                    <div class="field">
                        <label for="fleet-scheme">{state.tr(S::FleetScheme)}</label>
                        <select id="fleet-scheme" on:change=move |ev| scheme.set(event_target_value(&ev)) prop:value=move || scheme.get()>
                            {f.schemes.iter().map(|o| view! { <option value=o.clone()>{o.to_uppercase()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="fleet-breach">{state.tr(S::FleetBreach)}</label>
                        <select id="fleet-breach" on:change=move |ev| breach.set(event_target_value(&ev)) prop:value=move || breach.get()>
                            {f.devices.iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
                            <option value="server">{state.tr(S::FleetServer)}</option>
                        </select>
                    </div>
                    <button type="button" on:click=show>{state.tr(S::FleetButton)}</button>
                    <div role="status" aria-live="polite">
                        {move || cells.get().map(|cells| {
                            let count = cells.iter().filter(|(_, e)| *e).count();
                            view! {
                                <p class="fleet-count"><strong>{count}</strong> " / " {total} " " {state.tr(S::FleetCount)}</p>
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
        })
    }
}
