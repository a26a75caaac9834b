//! Mounts the browser app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The app is drawn in the task after the one that instantiates the wasm: on a first visit
    // the browser compiles each function as it first runs, and both in one task held the page
    // for more than 50 ms.
    wasm_bindgen_futures::spawn_local(async {
        seclab::ui::state::yield_to_browser().await;
        leptos::mount::mount_to_body(seclab::ui::App);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("seclab-app is the browser app: serve it with `scripts/serve.sh` (see README.md); the command line is `seclab`.");
}
