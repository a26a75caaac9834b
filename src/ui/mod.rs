//! The browser interface: Leptos components that show core's data and call core's functions.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

pub mod capture;
pub mod lab;
pub mod markdown;
pub mod pages;
pub mod sequence;
pub mod state;
pub mod storage;
pub mod tool_form;
pub mod views;
pub mod worker;

use crate::core::i18n::Lang;
use crate::core::strings::S;
use state::{use_state, AppState, PackLoad};
use storage::Notice;

/// The folder of the lab's own pack, relative to the page's base URL.
pub const PACK_BASE: &str = "exercises/";

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);

    leptos::task::spawn_local(async move {
        state.pack.set(state::load_pack(PACK_BASE, move |c| state.catalog.set(Some(c))).await);
        // Once the track list is drawn, the worker (every engine and tool) starts loading, so the
        // first exercise opened finds it ready without having delayed the first screen.
        state::yield_to_browser().await;
        state::yield_to_browser().await;
        worker::warm_up();
    });

    // The document follows the language and theme; both are remembered.
    Effect::new(move || {
        let lang = state.lang.get();
        storage::save_lang(lang);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        document().set_title(&format!("SecLab — {}", S::Tagline.get(lang)));
    });
    Effect::new(move || {
        let theme = state.theme.get();
        storage::save_theme(&theme);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", &theme);
        }
    });

    // Another tab saved progress: merge it in rather than overwrite it later.
    let listener = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        if ev.key().as_deref() == Some(storage::PROGRESS_KEY) {
            if let Some(text) = ev.new_value() {
                state.merge_from_other_tab(&text);
            }
        }
    });
    on_cleanup(move || listener.remove());

    view! {
        <Router>
            <a class="skip-link" href="#main">{state.tr(S::SkipToContent)}</a>
            <Header/>
            <Notices/>
            <PackBanner/>
            <main id="main" tabindex="-1">
                <Routes fallback=move || view! { <h1>{state.tr(S::NotFound)}</h1> }>
                    <Route path=path!("/") view=pages::home::Home/>
                    <Route path=path!("/track/:id") view=pages::track::TrackPage/>
                    <Route path=path!("/exercise/:id") view=pages::exercise::ExercisePage/>
                    <Route path=path!("/progress") view=pages::progress::ProgressPage/>
                    <Route path=path!("/settings") view=pages::settings::SettingsPage/>
                    <Route path=path!("/workbench") view=pages::workbench::WorkbenchPage/>
                </Routes>
            </main>
            <footer class="site-footer"><p>{state.tr(S::Footer)}</p></footer>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let state = use_state();
    let toggle = move |_| state.lang.update(|l| *l = l.other());
    view! {
        <header class="site-header">
            <p class="brand"><A href="/">"SecLab"</A></p>
            <nav aria-label=state.tr(S::NavMain)>
                <ul>
                    <li><A href="/">{state.tr(S::NavHome)}</A></li>
                    <li><A href="/workbench">{state.tr(S::NavWorkbench)}</A></li>
                    <li><A href="/progress">{state.tr(S::NavProgress)}</A></li>
                    <li><A href="/settings">{state.tr(S::NavSettings)}</A></li>
                </ul>
            </nav>
            <button
                type="button"
                class="lang-switch"
                on:click=toggle
                aria-label=state.tr(S::LanguageSwitchLabel)
                lang=move || state.lang.get().other().code()
            >
                {state.tr(S::LanguageSwitch)}
            </button>
        </header>
    }
}

/// Storage problems, said plainly, with what to do.
#[component]
fn Notices() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="notices" role="status">
            <For
                each=move || state.notices.get()
                key=|n| format!("{n:?}")
                children=move |notice| {
                    let dismiss = {
                        let notice = notice.clone();
                        move |_| state.notices.update(|n| n.retain(|x| x != &notice))
                    };
                    let body = match notice.clone() {
                        Notice::KeptAside { key, raw } => {
                            let raw = raw.clone();
                            view! {
                                <p>{state.tr(S::StorageUnreadable)} " (" <code>{key.clone()}</code> ")"</p>
                                <button type="button" on:click=move |_| storage::download("seclab-progress-unreadable.json", &raw)>
                                    {state.tr(S::DownloadKeptAside)}
                                </button>
                            }.into_any()
                        }
                        Notice::StorageFull => view! { <p>{state.tr(S::StorageFull)}</p> }.into_any(),
                        Notice::StorageUnavailable => view! { <p>{state.tr(S::StorageUnavailable)}</p> }.into_any(),
                    };
                    view! {
                        <div class="notice warning">
                            {body}
                            <button type="button" class="secondary" on:click=dismiss>{state.tr(S::Dismiss)}</button>
                        </div>
                    }
                }
            />
        </div>
    }
}

/// Files of the pack that could not be loaded: named, with the error, above every page.
#[component]
fn PackBanner() -> impl IntoView {
    let state = use_state();
    move || {
        let diags = match state.pack.get() {
            PackLoad::Ready(pack) => pack.errors().cloned().collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        (!diags.is_empty()).then(|| {
            let files: Vec<String> = diags.iter().map(|d| d.file.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
            view! {
                <section class="banner error" role="alert" aria-labelledby="banner-title">
                    <h2 id="banner-title">{state.tr(S::BannerBrokenFiles)}</h2>
                    <ul class="broken-files">{files.into_iter().map(|f| view! { <li><code>{f}</code></li> }).collect_view()}</ul>
                    <details>
                        <summary>{state.tr(S::BannerDetails)}</summary>
                        <pre class="diagnostics">{diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")}</pre>
                    </details>
                </section>
            }
        })
    }
}

/// Shows `ready` once the pack is loaded, a status line before, the reasons if it failed.
pub fn with_pack<V: IntoView + 'static>(ready: impl Fn(std::sync::Arc<crate::core::exercise::Pack>) -> V + Send + Sync + 'static) -> impl IntoView {
    let state = use_state();
    move || match state.pack.get() {
        PackLoad::Loading => view! { <p role="status" class="loading">{state.tr(S::Loading)}</p> }.into_any(),
        PackLoad::Failed(diags) => view! {
            <section class="banner error" role="alert">
                <h2>{state.tr(S::PackFailed)}</h2>
                <pre class="diagnostics">{diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")}</pre>
            </section>
        }
        .into_any(),
        PackLoad::Ready(pack) => ready(pack).into_any(),
    }
}

/// Picks the text of a bilingual field in the current language, with a notice when only the
/// other language exists.
pub fn localized(text: &crate::core::exercise::Text, lang: Lang) -> (String, bool) {
    let (t, fallback) = text.get(lang);
    (t.to_string(), fallback)
}
