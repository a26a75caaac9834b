//! Mounts the browser app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(seclab::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("seclab-app is the browser app: serve it with `scripts/serve.sh` (see README.md); the command line is `seclab`.");
}
