//! Progress: counts and score per track, export to a JSON file, import that merges.

use leptos::prelude::*;

use crate::core::msg::Msg;
use crate::core::progress::{self, track_summary, MergeError};
use crate::core::strings::S;
use crate::ui::state::{use_state, PackLoad};
use crate::ui::storage;
use crate::ui::with_pack;

const MAX_IMPORT_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

#[derive(Clone, PartialEq)]
enum ImportMessage {
    Done { added: usize, updated: usize, unchanged: usize },
    Failed(Msg),
}

#[component]
pub fn ProgressPage() -> impl IntoView {
    let state = use_state();
    let message: RwSignal<Option<ImportMessage>> = RwSignal::new(None);

    let export = move |_| {
        let text = state.progress.with_untracked(progress::encode);
        let date = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
        storage::download(&format!("seclab-progress-{}.json", &date[..10.min(date.len())]), &text);
    };

    let import = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        if file.size() > MAX_IMPORT_BYTES {
            message.set(Some(ImportMessage::Failed(Msg::ImportTooLarge())));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = match gloo_file::futures::read_as_text(&gloo_file::File::from(file)).await {
                Ok(t) => t,
                Err(e) => {
                    message.set(Some(ImportMessage::Failed(Msg::ImportUnreadableFile(e.to_string()))));
                    return;
                }
            };
            let theirs = match progress::decode(&text) {
                Ok(p) => p,
                Err(e) => {
                    message.set(Some(ImportMessage::Failed(e.msg())));
                    return;
                }
            };
            // Merge into a copy: on refusal nothing changes.
            let mut merged = state.progress.get_untracked();
            match merged.merge(&theirs) {
                Ok(report) => {
                    if let PackLoad::Ready(pack) = state.pack.get_untracked() {
                        merged.reconcile(&pack);
                    }
                    state.update_progress(move |p| *p = merged);
                    message.set(Some(ImportMessage::Done { added: report.added, updated: report.updated, unchanged: report.unchanged }));
                }
                Err(MergeError::OtherLearner { .. }) => {
                    message.set(Some(ImportMessage::Failed(Msg::ImportOtherLearner())));
                }
            }
        });
    };

    view! {
        <h1>{state.tr(S::ProgressTitle)}</h1>
        <p>{state.tr(S::ProgressLocalNote)}</p>
        {with_pack(move |pack| {
            let pack2 = pack.clone();
            view! {
                <table class="summary">
                    <caption class="visually-hidden">{state.tr(S::ProgressTitle)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{state.tr(S::Track)}</th>
                            <th scope="col">{state.tr(S::ColExercises)}</th>
                            <th scope="col">{state.tr(S::ColSolved)}</th>
                            <th scope="col">{state.tr(S::ColAttempted)}</th>
                            <th scope="col">{state.tr(S::Score)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {pack.tracks.iter().map(|t| {
                            let pack = pack.clone();
                            let tid = t.id.clone();
                            let title = t.title.clone();
                            let s = move || state.progress.with(|p| track_summary(&pack, &tid, p));
                            let s1 = s.clone();
                            let s2 = s.clone();
                            let s3 = s.clone();
                            view! {
                                <tr data-track=t.id.clone()>
                                    <th scope="row">{state.text(title.clone())}</th>
                                    <td>{move || s1().exercises}</td>
                                    <td class="solved-count">{move || s2().solved}</td>
                                    <td>{move || s3().attempted}</td>
                                    <td>{move || { let x = s(); format!("{}/{}", x.score, x.max_score) }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{state.tr(S::Total)}</th>
                            {move || {
                                let totals = state.progress.with(|p| pack2.tracks.iter().map(|t| track_summary(&pack2, &t.id, p)).fold((0, 0, 0, 0, 0), |a, s| (a.0 + s.exercises, a.1 + s.solved, a.2 + s.attempted, a.3 + s.score, a.4 + s.max_score)));
                                view! {
                                    <td>{totals.0}</td>
                                    <td id="total-solved">{totals.1}</td>
                                    <td>{totals.2}</td>
                                    <td>{format!("{}/{}", totals.3, totals.4)}</td>
                                }
                            }}
                        </tr>
                    </tfoot>
                </table>
            }
        })}
        <div class="actions">
            <button type="button" on:click=export>{state.tr(S::Export)}</button>
            <label class="file-button" for="import-file">{state.tr(S::Import)}</label>
            <input type="file" id="import-file" accept=".json,application/json" on:change=import/>
        </div>
        <div class="import-message" role="status" aria-live="polite">
            {move || message.get().map(|m| match m {
                ImportMessage::Done { added, updated, unchanged } => view! {
                    <p class="verdict correct">{move || format!("{}{}{added} {}, {updated} {}, {unchanged} {}.", state.t(S::ImportDone), state.t(S::Colon), state.t(S::ImportAdded), state.t(S::ImportUpdated), state.t(S::ImportUnchanged))}</p>
                }.into_any(),
                ImportMessage::Failed(text) => view! {
                    <p class="verdict wrong">{move || format!("{} {}", state.t(S::ImportFailed), text.render(state.lang.get()))}</p>
                }.into_any(),
            })}
        </div>
    }
}
