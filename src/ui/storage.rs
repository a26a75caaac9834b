//! The one place that touches browser storage (through gloo-storage). The codec and the merge
//! rules are in `core::progress`; this adapter only reads, writes and keeps things aside.

use gloo_storage::{LocalStorage, Storage};

use crate::core::i18n::Lang;
use crate::core::progress::{self, Progress};

pub const PROGRESS_KEY: &str = "seclab.progress";
pub const LANG_KEY: &str = "seclab.lang";
pub const THEME_KEY: &str = "seclab.theme";
/// Prefix of the keys under which unreadable progress is kept, never overwritten.
pub const KEPT_ASIDE_PREFIX: &str = "seclab.progress.unreadable.";

#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Stored progress could not be read; it is kept under `key`.
    KeptAside {
        key: String,
        raw: String,
    },
    StorageFull,
    StorageUnavailable,
}

fn raw() -> Option<web_sys::Storage> {
    // `LocalStorage::raw` panics where storage is disabled; ask the window first.
    web_sys::window()?.local_storage().ok().flatten().map(|_| LocalStorage::raw())
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

pub fn new_seed() -> [u8; 32] {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).expect("the browser's crypto.getRandomValues is available");
    seed
}

pub fn get_raw(key: &str) -> Option<String> {
    raw()?.get_item(key).ok().flatten()
}

fn set_raw(key: &str, value: &str) -> Result<(), Notice> {
    let storage = raw().ok_or(Notice::StorageUnavailable)?;
    storage.set_item(key, value).map_err(|_| Notice::StorageFull)
}

/// Keeps unreadable text under a fresh key; returns that key.
fn keep_aside(text: &str) -> Result<String, Notice> {
    let storage = raw().ok_or(Notice::StorageUnavailable)?;
    let mut key = format!("{KEPT_ASIDE_PREFIX}{}", now() as u64);
    let mut n = 1;
    while storage.get_item(&key).ok().flatten().is_some() {
        key = format!("{KEPT_ASIDE_PREFIX}{}-{n}", now() as u64);
        n += 1;
    }
    storage.set_item(&key, text).map_err(|_| Notice::StorageFull)?;
    Ok(key)
}

/// Loads progress, or starts a new one. What cannot be read is kept aside, untouched.
pub fn load() -> (Progress, Vec<Notice>) {
    let mut notices = Vec::new();
    if raw().is_none() {
        return (Progress::new(new_seed(), now()), vec![Notice::StorageUnavailable]);
    }
    match get_raw(PROGRESS_KEY) {
        None => (Progress::new(new_seed(), now()), notices),
        Some(text) => match progress::decode(&text) {
            Ok(p) => (p, notices),
            Err(_) => {
                let fresh = Progress::new(new_seed(), now());
                match keep_aside(&text) {
                    Ok(key) => {
                        // Only once the text is safe under its own key does the fresh start replace it.
                        if let Err(n) = set_raw(PROGRESS_KEY, &progress::encode(&fresh)) {
                            notices.push(n);
                        }
                        notices.push(Notice::KeptAside { key, raw: text });
                    }
                    Err(n) => notices.push(n),
                }
                (fresh, notices)
            }
        },
    }
}

/// Saves progress. Another tab may have saved since: what is stored is merged in first, so
/// neither tab overwrites the other's answers.
pub fn save(progress: &mut Progress) -> Result<(), Notice> {
    if let Some(text) = get_raw(PROGRESS_KEY) {
        match progress::decode(&text) {
            Ok(stored) if stored.seed == progress.seed => {
                let _ = progress.merge(&stored);
            }
            Ok(_) => {
                // Another identity was stored (an import in another tab): keep it aside too.
                keep_aside(&text)?;
            }
            Err(_) => {
                keep_aside(&text)?;
            }
        }
    }
    set_raw(PROGRESS_KEY, &progress::encode(progress))
}

pub fn load_lang() -> Option<Lang> {
    get_raw(LANG_KEY).and_then(|c| Lang::from_code(&c))
}

pub fn save_lang(lang: Lang) {
    let _ = set_raw(LANG_KEY, lang.code());
}

pub fn load_theme() -> Option<String> {
    get_raw(THEME_KEY)
}

pub fn save_theme(theme: &str) {
    let _ = set_raw(THEME_KEY, theme);
}

/// Offers `text` as a file download (export, or progress kept aside).
pub fn download(filename: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(anchor) = document.and_then(|d| d.create_element("a").ok()).and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        anchor.set_href(&url);
        anchor.set_download(filename);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
