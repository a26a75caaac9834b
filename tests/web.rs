//! In-browser tests (wasm-bindgen-test in headless Chromium): the storage adapter against the
//! real localStorage, corrupted data included, and a component mounted in the real DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use seclab::core::progress::{self, Progress, QuestionProgress};
use seclab::ui::state::AppState;
use seclab::ui::storage::{self, Notice, KEPT_ASIDE_PREFIX, PROGRESS_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn kept_aside_keys() -> Vec<String> {
    let s = local();
    (0..s.length().unwrap()).filter_map(|i| s.key(i).unwrap()).filter(|k| k.starts_with(KEPT_ASIDE_PREFIX)).collect()
}

#[wasm_bindgen_test]
fn a_first_visit_makes_a_seed_and_keeps_it() {
    local().clear().unwrap();
    let (mut first, notices) = storage::load();
    assert!(notices.is_empty());
    assert_eq!(first.seed.len(), 64);
    storage::save(&mut first).unwrap();
    let (again, notices) = storage::load();
    assert!(notices.is_empty());
    assert_eq!(again.seed, first.seed);
    let (other, _) = {
        local().clear().unwrap();
        storage::load()
    };
    assert_ne!(other.seed, first.seed, "seeds are random per learner");
}

#[wasm_bindgen_test]
fn corrupted_progress_is_kept_aside_untouched_and_never_overwritten() {
    local().clear().unwrap();
    local().set_item(PROGRESS_KEY, "{\"kind\": \"seclab-progress\", oops").unwrap();
    let (mut fresh, notices) = storage::load();
    let key = match &notices[..] {
        [Notice::KeptAside { key, raw }] => {
            assert_eq!(raw, "{\"kind\": \"seclab-progress\", oops");
            key.clone()
        }
        other => panic!("expected one kept-aside notice, got {other:?}"),
    };
    assert_eq!(local().get_item(&key).unwrap().as_deref(), Some("{\"kind\": \"seclab-progress\", oops"));
    storage::save(&mut fresh).unwrap();
    // A second corruption is kept under another key; the first stays as it was.
    local().set_item(PROGRESS_KEY, "garbage 2").unwrap();
    let _ = storage::load();
    let keys = kept_aside_keys();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert_eq!(local().get_item(&key).unwrap().as_deref(), Some("{\"kind\": \"seclab-progress\", oops"));
}

#[wasm_bindgen_test]
fn saving_merges_what_another_tab_saved() {
    local().clear().unwrap();
    let mut ours = Progress::new([4; 32], 1.0);
    let mut theirs = ours.clone();
    let q = |correct, at| QuestionProgress { attempts: 1, correct, answer: "x".into(), answered_at: at };
    theirs.exercises.entry("seclab-core/other-tab".into()).or_default().questions.insert("q1".into(), q(true, 5.0));
    local().set_item(PROGRESS_KEY, &progress::encode(&theirs)).unwrap();
    ours.exercises.entry("seclab-core/this-tab".into()).or_default().questions.insert("q1".into(), q(true, 6.0));
    storage::save(&mut ours).unwrap();
    let stored = progress::decode(&local().get_item(PROGRESS_KEY).unwrap().unwrap()).unwrap();
    assert!(stored.exercises.contains_key("seclab-core/other-tab"));
    assert!(stored.exercises.contains_key("seclab-core/this-tab"));
}

async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_settings_page_mounts_and_switches_language() {
    local().clear().unwrap();
    local().set_item(storage::LANG_KEY, "fr").unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), || {
        provide_context(AppState::load());
        view! { <seclab::ui::pages::settings::SettingsPage/> }
    });
    tick().await;
    assert_eq!(host.query_selector("h1").unwrap().unwrap().text_content().unwrap(), "Réglages");
    let english: web_sys::HtmlInputElement = host.query_selector("#lang-en").unwrap().unwrap().dyn_into().unwrap();
    assert!(!english.checked());
    english.click();
    tick().await;
    assert_eq!(host.query_selector("h1").unwrap().unwrap().text_content().unwrap(), "Settings");
    assert_eq!(host.query_selector("legend").unwrap().unwrap().text_content().unwrap(), "Language");
    drop(handle);
}

/// Every view an engine may declare (core's list, which the engines' own test holds them to)
/// has a drawer in the page's view registry, and no drawer is left without a view.
#[wasm_bindgen_test]
fn every_declared_view_has_a_drawer() {
    let drawn: Vec<&str> = seclab::ui::views::DRAWERS.iter().map(|(name, _)| *name).collect();
    for view in seclab::core::views::VIEWS {
        assert!(drawn.contains(view), "view {view} has no drawer in ui::views::DRAWERS");
    }
    assert_eq!(drawn.len(), seclab::core::views::VIEWS.len());
    for spec in seclab::core::engines::SPECS {
        if let Some(view) = spec.view {
            assert!(drawn.contains(&view), "{} declares view {view}, which the page cannot draw", spec.kind);
        }
    }
}
