//! The lab's Web Worker: runs heavy computations (password hashing today; long attacks later)
//! off the page's thread. Trunk builds it as its own wasm, fetched only when first needed.

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo_worker::Registrable;
    console_error_panic_hook::set_once();
    seclab::ui::worker::WorkbenchJob::registrar().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("seclab-worker runs in the browser; trunk builds it with the app.");
}
