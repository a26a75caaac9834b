//! The application state shared by every page, provided once as a typed context.

use std::sync::Arc;

use leptos::prelude::*;

use super::storage::{self, Notice};
use crate::core::exercise::{self, Diagnostic, Pack};
use crate::core::i18n::Lang;
use crate::core::progress::Progress;
use crate::core::strings::S;

#[derive(Clone, Debug)]
pub enum PackLoad {
    Loading,
    Ready(Arc<Pack>),
    Failed(Vec<Diagnostic>),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub theme: RwSignal<String>,
    pub pack: RwSignal<PackLoad>,
    /// The catalogue alone, as soon as it is read: the track list shows from it while the
    /// exercise files load.
    pub catalog: RwSignal<Option<Arc<exercise::Catalog>>>,
    pub progress: RwSignal<Progress>,
    pub notices: RwSignal<Vec<Notice>>,
}

pub const THEMES: [&str; 3] = ["light", "dark", "contrast"];

impl AppState {
    /// The state as this browser last left it (progress, language, theme from storage).
    pub fn load() -> AppState {
        let (progress, notices) = storage::load();
        let lang = storage::load_lang().or_else(|| web_sys::window().and_then(|w| w.navigator().language()).and_then(|l| Lang::from_code(&l))).unwrap_or(Lang::Fr);
        let theme = storage::load_theme().filter(|t| THEMES.contains(&t.as_str())).unwrap_or_else(|| "light".into());
        AppState {
            lang: RwSignal::new(lang),
            theme: RwSignal::new(theme),
            pack: RwSignal::new(PackLoad::Loading),
            catalog: RwSignal::new(None),
            progress: RwSignal::new(progress),
            notices: RwSignal::new(notices),
        }
    }

    /// A reactive interface string.
    pub fn t(&self, s: S) -> &'static str {
        s.get(self.lang.get())
    }

    /// An interface string as a view or attribute that follows the language. Every use shares
    /// this one closure type: a `move || state.t(..)` written at each place is a new type, and
    /// each one made Leptos build its rendering code again (about 30 KB of the page's wasm).
    pub fn tr(self, s: S) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || s.get(self.lang.get())
    }

    /// A catalogue label that follows the language (one closure type, as for [`AppState::tr`]).
    pub fn label(self, m: crate::core::msg::M) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || m.text(self.lang.get())
    }

    /// A catalogue message with its arguments, in the current language.
    pub fn message(self, m: crate::core::msg::Msg) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        move || m.render(self.lang.get())
    }

    /// An exercise file's text in the current language (the other one if it is missing).
    pub fn text(self, t: exercise::Text) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        move || t.get(self.lang.get()).0.to_string()
    }

    pub fn notify(&self, notice: Notice) {
        self.notices.update(|n| {
            if !n.contains(&notice) {
                n.push(notice)
            }
        });
    }

    /// Changes progress and saves it at once; a failed save is shown, never silent.
    pub fn update_progress<R>(&self, change: impl FnOnce(&mut Progress) -> R) -> R {
        let mut result = None;
        self.progress.update(|p| {
            result = Some(change(p));
            if let Err(notice) = storage::save(p) {
                self.notify(notice);
            }
        });
        result.expect("update ran")
    }

    /// Another tab saved: merge its progress into ours (never the other way round here).
    pub fn merge_from_other_tab(&self, text: &str) {
        if let Ok(theirs) = crate::core::progress::decode(text) {
            self.progress.update(|p| {
                if p.seed == theirs.seed {
                    let _ = p.merge(&theirs);
                }
            });
        }
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url)
        // Instructors edit files while the lab is served: never take a stale copy.
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {} {}", response.status(), response.status_text()));
    }
    response.text().await.map_err(|e| e.to_string())
}

/// Fetches the served pack: catalog.toml, then every file it lists, in parallel.
pub async fn load_pack(base: &str, on_catalog: impl Fn(Arc<exercise::Catalog>)) -> PackLoad {
    let catalog_url = format!("{base}catalog.toml");
    let source = match fetch_text(&catalog_url).await {
        Ok(s) => s,
        Err(e) => return PackLoad::Failed(vec![exercise::diagnostic::unreadable(&catalog_url, &e)]),
    };
    let catalog = match exercise::parse_catalog(base, &source) {
        Ok(c) => c,
        Err(d) => return PackLoad::Failed(d),
    };
    // Reading and drawing the tracks are two tasks: on a first visit the browser compiles each
    // wasm function when it first runs, and both at once held the page for over 50 ms.
    yield_to_browser().await;
    on_catalog(Arc::new(catalog.clone()));
    let mut builder = exercise::pack::PackBuilder::new(catalog);
    let paths = builder.files();
    let texts = futures::future::join_all(paths.iter().map(|p| {
        let url = format!("{base}{p}");
        async move { fetch_text(&url).await }
    }))
    .await;
    // Parsed in slices of a few milliseconds: the whole pack at once would hold the page too long,
    // and one file per task would spend more time waiting than parsing.
    let mut slice_start = js_sys::Date::now();
    for (path, text) in paths.iter().zip(texts) {
        if js_sys::Date::now() - slice_start > SLICE_MS {
            yield_to_browser().await;
            slice_start = js_sys::Date::now();
        }
        builder.add(path, text.as_deref().map_err(String::as_str));
    }
    yield_to_browser().await;
    PackLoad::Ready(Arc::new(builder.finish()))
}

/// How long the page works before it lets the browser paint and take input.
const SLICE_MS: f64 = 8.0;

/// Lets the browser run other tasks (input, paint) before going on. A message to ourselves rather
/// than `setTimeout(0)`, which browsers stretch to 4 ms once timeouts nest.
pub async fn yield_to_browser() {
    // The channel lives until the message has come back.
    let channel = web_sys::MessageChannel::new().ok();
    let promise = js_sys::Promise::new(&mut |resolve, _| match &channel {
        Some(channel) => {
            channel.port1().set_onmessage(Some(&resolve));
            let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
        }
        None => {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    drop(channel);
}
