use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::core::progress::{is_attempted, is_solved, score};
use crate::core::strings::S;
use crate::ui::state::use_state;
use crate::ui::with_pack;

#[component]
pub fn TrackPage() -> impl IntoView {
    let state = use_state();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    with_pack(move |pack| {
        let Some(track) = pack.tracks.iter().find(|t| t.id == id()).cloned() else {
            return view! { <h1>{state.tr(S::TrackNotFound)}</h1> <p><A href="/">{state.tr(S::BackToTracks)}</A></p> }.into_any();
        };
        let title = track.title.clone();
        let summary = track.summary.clone();
        view! {
            <p class="breadcrumb"><A href="/">{state.tr(S::BackToTracks)}</A></p>
            <h1>{state.text(title.clone())}</h1>
            <p>{state.text(summary.clone())}</p>
            <ol class="exercise-list">
                {track.exercises.iter().filter_map(|eid| pack.exercise(eid).cloned()).map(|ex| {
                    let ex2 = ex.clone();
                    let status = move || state.progress.with(|p| {
                        let ep = p.get(&ex2);
                        let label = if is_solved(&ex2, ep) { S::SolvedOne } else if is_attempted(ep) { S::AttemptedOne } else { S::NotStarted };
                        format!("{} · {} {}/{}", state.t(label), state.t(S::Score), score(&ex2, ep), ex2.max_points())
                    });
                    let title = ex.title.clone();
                    view! {
                        <li class="card">
                            <h2 class="h3"><A href=format!("/exercise/{}", ex.id)>{state.text(title.clone())}</A></h2>
                            <p class="meta">
                                {move || format!("{} {}/5 · {} {} · ", state.t(S::Difficulty), ex.difficulty, ex.minutes, state.t(S::Minutes))}
                                {status}
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    })
}
