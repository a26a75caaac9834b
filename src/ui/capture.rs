//! The capture viewer of the protocol engines: the frames of a capture listed with their time,
//! direction and endpoints; the selected frame's decoded fields beside its bytes, the bytes of
//! the field under the cursor (or the keyboard's current field) highlighted; a filter by frame
//! type. Both lists are listboxes driven by the arrow keys, and a live line says in words which
//! bytes the current field spans, so a screen reader never has to read the hex dump.
//!
//! The shell is a Leptos view; the rows, fields and bytes are written with plain DOM calls
//! (text nodes only, no HTML parsing) and their state is toggled in place. A capture has
//! hundreds of bytes: a reactive view per byte would cost the page more code and more time.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

/// "Client Identifier: door-3 — bytes 12 to 21 (10): 64 6f 6f 72 …"
fn field_sentence(state: AppState, frame: &Frame, f: &Field) -> String {
    let colon = state.t(S::Colon);
    if f.len == 0 {
        return format!("{}{colon}{}", f.name, f.value);
    }
    let bytes: Vec<String> = frame.field_bytes(f).iter().map(|b| format!("{b:02x}")).collect();
    format!("{}{colon}{} — {} {} {} {} ({}){colon}{}", f.name, f.value, state.t(S::CaptureBytes), f.start, state.t(S::CaptureTo), f.start + f.len - 1, f.len, bytes.join(" "))
}

/// A new element with a class and, if given, a text.
fn element(tag: &str, class: &str, text: Option<&str>) -> Option<web_sys::Element> {
    let el = document().create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if let Some(t) = text {
        el.set_text_content(Some(t));
    }
    Some(el)
}

/// A span of the frame list, its visible text followed by a separator for screen readers.
fn cell(row: &web_sys::Element, class: &str, hidden_before: Option<&str>, text: &str, hidden_after: &str) {
    let Some(span) = element("span", class, None) else { return };
    if let Some(before) = hidden_before.and_then(|t| element("span", "visually-hidden", Some(t))) {
        let _ = span.append_child(&before);
    }
    let _ = span.append_with_str_1(text);
    if let Some(after) = element("span", "visually-hidden", Some(hidden_after)).filter(|_| !hidden_after.is_empty()) {
        let _ = span.append_child(&after);
    }
    let _ = row.append_child(&span);
}

/// The index an event's target (or its nearest ancestor) carries in `data-{key}`.
fn index_of(ev: &web_sys::Event, key: &str) -> Option<usize> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(&format!("[data-{key}]")).ok()??.get_attribute(&format!("data-{key}"))?.parse().ok()
}

/// Marks the children of `list` whose `data-{key}` is `at` as selected (class and aria).
fn mark(list: &web_sys::Element, key: &str, at: Option<usize>, class: &str) {
    let children = list.children();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        let on = at.is_some() && child.get_attribute(&format!("data-{key}")).and_then(|v| v.parse().ok()) == at;
        let _ = child.class_list().toggle_with_force(class, on);
        let _ = child.set_attribute("aria-selected", if on { "true" } else { "false" });
    }
}

fn scroll_into_view(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
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

    let frames_ref = NodeRef::<html::Div>::new();
    let fields_ref = NodeRef::<html::Div>::new();
    let hex_ref = NodeRef::<html::Pre>::new();
    // The frame list, written again when the capture, the filter or the language changes.
    Effect::new(move || {
        let Some(list) = frames_ref.get() else { return };
        let lang = state.lang.get();
        let shown = visible.get();
        list.set_inner_html("");
        capture.with(|c| {
            let Some(c) = c else { return };
            for i in shown {
                let f = &c.frames[i];
                let Some(row) = element("div", "capture-frame", None) else { continue };
                row.set_id(&format!("cap-frame-{i}"));
                let _ = row.set_attribute("role", "option");
                let _ = row.set_attribute("data-i", &i.to_string());
                cell(&row, "", Some(&format!("{} ", S::CaptureFrame.get(lang))), &(i + 1).to_string(), ", ");
                cell(&row, "mono", None, &seconds(f.time_ms), " s, ");
                cell(&row, "", None, &direction_text(state, f.direction), ", ");
                cell(&row, "mono", None, &format!("{} → {}", f.source, f.destination), ", ");
                cell(&row, "", None, &format!("{} {}", f.protocol, f.kind), ", ");
                cell(&row, "", None, &f.summary, "");
                let _ = list.append_child(&row);
            }
        });
        mark(&list, "i", Some(selected.get_untracked()), "selected");
    });
    Effect::new(move || {
        let at = selected.get();
        if let Some(list) = frames_ref.get() {
            mark(&list, "i", Some(at), "selected");
        }
    });
    // The selected frame's fields and bytes.
    Effect::new(move || {
        let (Some(fields), Some(hex)) = (fields_ref.get(), hex_ref.get()) else { return };
        fields.set_inner_html("");
        hex.set_inner_html("");
        frame.with(|f| {
            let Some(f) = f else { return };
            for (j, field) in f.fields.iter().enumerate() {
                let Some(row) = element("div", &format!("capture-field depth-{}", field.depth), None) else { continue };
                row.set_id(&format!("cap-field-{j}"));
                let _ = row.set_attribute("role", "option");
                let _ = row.set_attribute("aria-selected", "false");
                let _ = row.set_attribute("data-j", &j.to_string());
                for (class, text) in [("name", &field.name), ("value mono", &field.value)] {
                    if let Some(span) = element("span", class, Some(text)) {
                        let _ = row.append_child(&span);
                    }
                }
                let _ = fields.append_child(&row);
            }
            for (at, byte) in f.bytes.iter().enumerate() {
                if at % LINE == 0 {
                    if let Some(offset) = element("span", "offset", Some(&format!("{at:04x}  "))) {
                        let _ = hex.append_child(&offset);
                    }
                }
                if let Some(span) = element("span", "byte", Some(&format!("{byte:02x}"))) {
                    let _ = span.set_attribute("data-at", &at.to_string());
                    let _ = hex.append_child(&span);
                }
                let _ = hex.append_with_str_1(if at % LINE == LINE - 1 || at + 1 == f.bytes.len() { "\n" } else { " " });
            }
        });
    });
    // The current field: marked in the list, its bytes lit in the dump.
    Effect::new(move || {
        let at = current_field.get();
        let (Some(fields), Some(hex)) = (fields_ref.get(), hex_ref.get()) else { return };
        mark(&fields, "j", at, "current");
        let span = frame.with(|f| at.and_then(|j| f.as_ref()?.fields.get(j).map(|x| x.start..x.start + x.len))).unwrap_or(0..0);
        let bytes = hex.get_elements_by_class_name("byte");
        for i in 0..bytes.length() {
            if let Some(b) = bytes.item(i) {
                let _ = b.class_list().toggle_with_force("lit", span.contains(&(i as usize)));
            }
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
        let to = match current_field.get_untracked() {
            None if matches!(ev.key().as_str(), "ArrowDown" | "ArrowRight") => Some(0),
            at => moved(&ev.key(), at.unwrap_or(0), len),
        };
        if let Some(to) = to {
            ev.prevent_default();
            current_field.set(Some(to));
            scroll_into_view(&format!("cap-field-{to}"));
        }
    };
    let byte_field = move |ev: leptos::ev::MouseEvent| {
        let at = index_of(&ev, "at");
        current_field.set(frame.with_untracked(|f| f.as_ref().and_then(|f| f.field_at(at?))));
    };

    let chooser = move || {
        let list = captures.get();
        (list.len() > 1).then(|| {
            view! {
                <div class="field">
                    <label for="capture-choice">{state.tr(S::CaptureChoice)}</label>
                    <select id="capture-choice" prop:value=move || chosen.get().to_string() on:change=move |ev| {
                        chosen.set(event_target_value(&ev).parse().unwrap_or(0));
                        kind.set(String::new());
                        select_frame(0);
                    }>
                        {list.into_iter().enumerate().map(|(i, c)| view! { <option value=i.to_string() data-capture=c.id>{state.label(c.title)}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
    };
    let kinds = move || capture.with(|c| c.as_ref().map(Capture::kinds).unwrap_or_default()).into_iter().map(|k| view! { <option value=k.clone()>{k.clone()}</option> }).collect_view();

    view! {
        <section class="tool capture" aria-labelledby="capture-title" hidden=move || captures.with(Vec::is_empty)>
            <h3 id="capture-title">{move || capture.with(|c| c.as_ref().map(|c| c.title.text(state.lang.get()).to_string()).unwrap_or_default())}</h3>
            <p class="meta">{state.tr(S::CaptureHelp)}</p>
            <div class="capture-controls">
                {chooser}
                <div class="field">
                    <label for="capture-filter">{state.tr(S::CaptureFilter)}</label>
                    <select id="capture-filter" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{state.tr(S::CaptureAllTypes)}</option>
                        {kinds}
                    </select>
                </div>
            </div>
            <div class="capture-head" aria-hidden="true">
                <span>"#"</span><span>{state.tr(S::CaptureTime)}</span><span>{state.tr(S::CaptureDirection)}</span>
                <span>{state.tr(S::CaptureEndpoints)}</span><span>{state.tr(S::CaptureType)}</span><span>{state.tr(S::CaptureSummary)}</span>
            </div>
            <div
                id="capture-frames"
                class="capture-frames"
                role="listbox"
                tabindex="0"
                node_ref=frames_ref
                aria-label=state.tr(S::CaptureFrames)
                aria-activedescendant=move || format!("cap-frame-{}", selected.get())
                on:keydown=on_frames_key
                on:click=move |ev| if let Some(i) = index_of(&ev, "i") { select_frame(i) }
            ></div>
            <div class="capture-detail">
                <div class="capture-fields-pane">
                    <h4 id="capture-fields-title">
                        {move || frame.with(|f| f.as_ref().map(|f| format!("{} — {} {} ({} {})", state.t(S::CaptureFields), state.t(S::CaptureFrame), selected.get() + 1, f.protocol, f.kind)).unwrap_or_default())}
                    </h4>
                    <div
                        id="capture-fields"
                        class="capture-fields"
                        role="listbox"
                        tabindex="0"
                        node_ref=fields_ref
                        aria-labelledby="capture-fields-title"
                        aria-activedescendant=move || current_field.get().map(|j| format!("cap-field-{j}"))
                        on:keydown=on_fields_key
                        on:mouseover=move |ev| if let Some(j) = index_of(&ev, "j") { current_field.set(Some(j)) }
                        on:click=move |ev| if let Some(j) = index_of(&ev, "j") { current_field.set(Some(j)) }
                        on:mouseleave=move |_| current_field.set(None)
                    ></div>
                </div>
                <div class="capture-hex-pane">
                    <h4>{move || format!("{} ({})", state.t(S::CaptureBytesTitle), frame.with(|f| f.as_ref().map(|f| f.bytes.len()).unwrap_or(0)))}</h4>
                    // The dump is for the eyes; the live line below says the same in words.
                    <pre class="hexdump" aria-hidden="true" node_ref=hex_ref on:mouseover=byte_field on:mouseleave=move |_| current_field.set(None)></pre>
                    <p id="capture-field-status" class="capture-status" role="status" aria-live="polite">
                        {move || frame.with(|f| match (f, current_field.get()) {
                            (Some(f), Some(j)) if j < f.fields.len() => field_sentence(state, f, &f.fields[j]),
                            _ => state.t(S::CaptureHint).to_string(),
                        })}
                    </p>
                </div>
            </div>
        </section>
    }
}
