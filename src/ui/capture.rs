//! The capture viewer of the protocol engines: the frames of a capture listed with their time,
//! direction and endpoints; the selected frame's decoded fields beside its bytes, the bytes of
//! the field under the cursor (or the keyboard's current field) highlighted; a filter by frame
//! type. Both lists are listboxes driven by the arrow keys, and a live line says in words which
//! bytes the current field spans, so a screen reader never has to read the hex dump.

use leptos::prelude::*;

use crate::core::engines::host::{Body, LabKey, Request};
use crate::core::strings::S;
use crate::core::views::capture::{Capture, Direction, Field, Frame};
use crate::core::views::{ViewData, ViewRequest};
use crate::ui::state::{use_state, AppState};

/// Bytes per line of the hex dump.
const LINE: usize = 16;

/// The position a navigation key moves to in a list of `len` items, if it is one.
fn moved(key: &str, at: usize, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    match key {
        "ArrowDown" | "ArrowRight" => Some((at + 1).min(len - 1)),
        "ArrowUp" | "ArrowLeft" => Some(at.saturating_sub(1)),
        "Home" => Some(0),
        "End" => Some(len - 1),
        "PageDown" => Some((at + 10).min(len - 1)),
        "PageUp" => Some(at.saturating_sub(10)),
        _ => None,
    }
}

fn direction_text(state: AppState, d: Direction) -> String {
    match d {
        Direction::Up => format!("↑ {}", state.t(S::CaptureUp)),
        Direction::Down => format!("↓ {}", state.t(S::CaptureDown)),
    }
}

fn seconds(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// "Client Identifier: bytes 12 to 21 (10), 64 6f 6f 72 …"
fn field_sentence(state: AppState, frame: &Frame, f: &Field) -> String {
    let bytes: Vec<String> = frame.field_bytes(f).iter().map(|b| format!("{b:02x}")).collect();
    if f.len == 0 {
        return format!("{}{}{}", f.name, state.t(S::Colon), f.value);
    }
    format!("{}{}{} — {} {} {} {} ({}){}{}", f.name, state.t(S::Colon), f.value, state.t(S::CaptureBytes), f.start, state.t(S::CaptureTo), f.start + f.len - 1, f.len, state.t(S::Colon), bytes.join(" "))
}

#[component]
pub fn CaptureViewer(key: LabKey) -> impl IntoView {
    let state = use_state();
    let captures = RwSignal::new(Vec::<Capture>::new());
    let chosen = RwSignal::new(0usize);
    // The frame type shown, "" for every type.
    let kind = RwSignal::new(String::new());
    let selected = RwSignal::new(0usize);
    let current_field = RwSignal::new(None::<usize>);
    leptos::task::spawn_local(async move {
        if let Body::View(ViewData::Captures(c)) = crate::ui::worker::ask(Request::View { lab: key, request: ViewRequest::Captures }).await {
            captures.set(c);
        }
    });
    let capture = Memo::new(move |_| captures.with(|c| c.get(chosen.get()).cloned()));
    // Indices of the frames the filter lets through.
    let visible = Memo::new(move |_| {
        let kind = kind.get();
        capture.with(|c| c.as_ref().map(|c| c.frames.iter().enumerate().filter(|(_, f)| kind.is_empty() || f.kind == kind).map(|(i, _)| i).collect::<Vec<_>>()).unwrap_or_default())
    });
    let frame = Memo::new(move |_| capture.with(|c| c.as_ref().and_then(|c| c.frames.get(selected.get()).cloned())));
    let select_frame = move |i: usize| {
        selected.set(i);
        current_field.set(None);
    };
    // The selection follows the filter: a hidden frame gives way to the first one shown.
    Effect::new(move || {
        let shown = visible.get();
        if !shown.contains(&selected.get_untracked()) {
            select_frame(shown.first().copied().unwrap_or(0));
        }
    });
    let on_frames_key = move |ev: leptos::ev::KeyboardEvent| {
        let shown = visible.get_untracked();
        let at = shown.iter().position(|i| *i == selected.get_untracked()).unwrap_or(0);
        if let Some(to) = moved(&ev.key(), at, shown.len()) {
            ev.prevent_default();
            select_frame(shown[to]);
            scroll_into_view(&format!("cap-frame-{}", shown[to]));
        }
    };
    let on_fields_key = move |ev: leptos::ev::KeyboardEvent| {
        let len = frame.with_untracked(|f| f.as_ref().map(|f| f.fields.len()).unwrap_or(0));
        let at = current_field.get_untracked().unwrap_or(0);
        let to = if current_field.get_untracked().is_none() && matches!(ev.key().as_str(), "ArrowDown" | "ArrowRight") { Some(0) } else { moved(&ev.key(), at, len) };
        if let Some(to) = to {
            ev.prevent_default();
            current_field.set(Some(to));
            scroll_into_view(&format!("cap-field-{to}"));
        }
    };

    let chooser = move || {
        let list = captures.get();
        (list.len() > 1).then(|| {
            view! {
                <div class="field">
                    <label for="capture-choice">{move || state.t(S::CaptureChoice)}</label>
                    <select id="capture-choice" prop:value=move || chosen.get().to_string() on:change=move |ev| {
                        chosen.set(event_target_value(&ev).parse().unwrap_or(0));
                        kind.set(String::new());
                        select_frame(0);
                    }>
                        {list.into_iter().enumerate().map(|(i, c)| view! { <option value=i.to_string() data-capture=c.id>{move || c.title.text(state.lang.get())}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
    };
    let filter = move || {
        let kinds = capture.with(|c| c.as_ref().map(Capture::kinds).unwrap_or_default());
        view! {
            <div class="field">
                <label for="capture-filter">{move || state.t(S::CaptureFilter)}</label>
                <select id="capture-filter" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">{move || state.t(S::CaptureAllTypes)}</option>
                    {kinds.into_iter().map(|k| view! { <option value=k.clone()>{k.clone()}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let frame_list = move || {
        let Some(c) = capture.get() else { return ().into_any() };
        let shown = visible.get();
        view! {
            <div class="capture-head" aria-hidden="true">
                <span>"#"</span><span>{move || state.t(S::CaptureTime)}</span><span>{move || state.t(S::CaptureDirection)}</span>
                <span>{move || state.t(S::CaptureEndpoints)}</span><span>{move || state.t(S::CaptureType)}</span><span>{move || state.t(S::CaptureSummary)}</span>
            </div>
            <div
                id="capture-frames"
                class="capture-frames"
                role="listbox"
                tabindex="0"
                aria-label=move || state.t(S::CaptureFrames)
                aria-activedescendant=move || format!("cap-frame-{}", selected.get())
                on:keydown=on_frames_key
            >
                {shown.into_iter().map(|i| {
                    let f = c.frames[i].clone();
                    view! {
                        <div
                            id=format!("cap-frame-{i}")
                            class="capture-frame"
                            class:selected=move || selected.get() == i
                            role="option"
                            aria-selected=move || (selected.get() == i).to_string()
                            on:click=move |_| select_frame(i)
                        >
                            <span><span class="visually-hidden">{move || state.t(S::CaptureFrame)} " "</span>{i + 1}<span class="visually-hidden">", "</span></span>
                            <span class="mono">{seconds(f.time_ms)}<span class="visually-hidden">" s, "</span></span>
                            <span>{move || direction_text(state, f.direction)}<span class="visually-hidden">", "</span></span>
                            <span class="mono">{format!("{} → {}", f.source, f.destination)}<span class="visually-hidden">", "</span></span>
                            <span>{format!("{} {}", f.protocol, f.kind)}<span class="visually-hidden">", "</span></span>
                            <span>{f.summary.clone()}</span>
                        </div>
                    }
                }).collect_view()}
            </div>
        }
        .into_any()
    };
    let detail = move || {
        let Some(f) = frame.get() else { return ().into_any() };
        let number = selected.get() + 1;
        let fields = f.fields.clone();
        let frame_for_hex = f.clone();
        let frame_for_status = f.clone();
        let hex_lines: Vec<usize> = (0..f.bytes.len().div_ceil(LINE)).collect();
        view! {
            <div class="capture-detail">
                <div class="capture-fields-pane">
                    <h4 id="capture-fields-title">{move || state.t(S::CaptureFields)} " — " {move || state.t(S::CaptureFrame)} " " {number} " (" {f.protocol.clone()} " " {f.kind.clone()} ")"</h4>
                    <div
                        id="capture-fields"
                        class="capture-fields"
                        role="listbox"
                        tabindex="0"
                        aria-labelledby="capture-fields-title"
                        aria-activedescendant=move || current_field.get().map(|j| format!("cap-field-{j}"))
                        on:keydown=on_fields_key
                        on:mouseleave=move |_| current_field.set(None)
                    >
                        {fields.into_iter().enumerate().map(|(j, field)| view! {
                            <div
                                id=format!("cap-field-{j}")
                                class=format!("capture-field depth-{}", field.depth)
                                class:current=move || current_field.get() == Some(j)
                                role="option"
                                aria-selected=move || (current_field.get() == Some(j)).to_string()
                                on:mouseenter=move |_| current_field.set(Some(j))
                                on:click=move |_| current_field.set(Some(j))
                            >
                                <span class="name">{field.name.clone()}</span>
                                <span class="value mono">{field.value.clone()}</span>
                            </div>
                        }).collect_view()}
                    </div>
                </div>
                <div class="capture-hex-pane">
                    <h4>{move || state.t(S::CaptureBytesTitle)} " (" {f.bytes.len()} ")"</h4>
                    // The dump is for the eyes; the live line below says the same in words.
                    <pre class="hexdump" aria-hidden="true" on:mouseleave=move |_| current_field.set(None)>
                        {hex_lines.into_iter().map(|line| {
                            let frame = frame_for_hex.clone();
                            let start = line * LINE;
                            let end = (start + LINE).min(frame.bytes.len());
                            view! {
                                <span class="offset">{format!("{start:04x}  ")}</span>
                                {(start..end).map(|at| {
                                    let frame_hl = frame.clone();
                                    let frame_hover = frame.clone();
                                    let lit = move || current_field.get().and_then(|j| frame_hl.fields.get(j).map(|f| (f.start..f.start + f.len).contains(&at))).unwrap_or(false);
                                    view! {
                                        <span class="byte" class:lit=lit on:mouseenter=move |_| current_field.set(frame_hover.field_at(at))>{format!("{:02x}", frame.bytes[at])}</span>
                                        {if at + 1 < end { " " } else { "\n" }}
                                    }
                                }).collect_view()}
                            }
                        }).collect_view()}
                    </pre>
                    <p id="capture-field-status" class="capture-status" role="status" aria-live="polite">
                        {move || match current_field.get().and_then(|j| frame_for_status.fields.get(j).cloned()) {
                            Some(field) => field_sentence(state, &frame_for_status, &field),
                            None => state.t(S::CaptureHint).to_string(),
                        }}
                    </p>
                </div>
            </div>
        }
        .into_any()
    };

    move || {
        (!captures.with(Vec::is_empty)).then(|| {
            view! {
                <section class="tool capture" aria-labelledby="capture-title">
                    <h3 id="capture-title">{move || capture.with(|c| c.as_ref().map(|c| c.title.text(state.lang.get()).to_string()).unwrap_or_default())}</h3>
                    <p class="meta">{move || state.t(S::CaptureHelp)}</p>
                    <div class="capture-controls">{chooser}{filter}</div>
                    {frame_list}
                    {detail}
                </section>
            }
        })
    }
}

fn scroll_into_view(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
