use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::progress::track_summary;
use crate::core::strings::S;
use crate::ui::state::{use_state, PackLoad};
use crate::ui::{localized, with_pack};

#[component]
pub fn Home() -> impl IntoView {
    let state = use_state();
    // Until every exercise file is read, the tracks show from the catalogue alone.
    let early = move || match (state.pack.get(), state.catalog.get()) {
        (PackLoad::Loading, Some(catalog)) => Some(view! {
            <h2>{state.tr(S::Tracks)}</h2>
            <ul class="cards">
                {catalog.tracks.iter().map(|track| {
                    let (title, blurb, count) = (track.title.clone(), track.summary.clone(), track.files.len());
                    view! {
                        <li class="card">
                            <h3><A href=format!("/track/{}", track.id)>{state.text(title.clone())}</A></h3>
                            <p>{state.text(blurb.clone())}</p>
                            <p class="meta">{move || format!("{count} {}", state.t(S::ExercisesCount))}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }),
        _ => None,
    };
    view! {
        <h1>{state.tr(S::Tagline)}</h1>
        {early}
        {move || (state.catalog.with(Option::is_none) || !matches!(state.pack.get(), PackLoad::Loading)).then(|| with_pack(move |pack| {
            let continue_pack = pack.clone();
            let continue_link = move || {
                let visit = state.progress.with(|p| p.last_visit.clone())?;
                let id = visit.exercise.strip_prefix(&format!("{}/", continue_pack.info.id))?.to_string();
                let ex = continue_pack.exercise(&id)?;
                let title = localized(&ex.title, state.lang.get()).0;
                Some(view! {
                    <p class="continue">
                        <A href=format!("/exercise/{id}")>{state.tr(S::ContinueWhereIWas)} " — " {title.clone()}</A>
                    </p>
                })
            };
            let tracks = pack.tracks.clone();
            view! {
                {continue_link}
                <h2>{state.tr(S::Tracks)}</h2>
                <ul class="cards">
                    {tracks.into_iter().map(|track| {
                        let pack = pack.clone();
                        let id = track.id.clone();
                        let summary = move || state.progress.with(|p| track_summary(&pack, &id, p));
                        let title = track.title.clone();
                        let blurb = track.summary.clone();
                        view! {
                            <li class="card">
                                <h3><A href=format!("/track/{}", track.id)>{state.text(title.clone())}</A></h3>
                                <p>{state.text(blurb.clone())}</p>
                                <p class="meta">
                                    {move || { let s = summary(); format!("{} {} · {} {} · {} {}", s.exercises, state.t(S::ExercisesCount), s.solved, state.t(S::Solved), s.attempted, state.t(S::Attempted)) }}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        }))}
    }
}
