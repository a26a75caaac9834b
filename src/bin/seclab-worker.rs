//! The lab's Web Worker: every engine and workbench tool runs here, off the page's thread, behind
//! the protocol of `core::engines::host`. Trunk builds it as its own wasm, fetched once the page
//! has shown the track list (or when first needed).

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo_worker::Registrable;
    console_error_panic_hook::set_once();
    seclab::ui::worker::LabWorker::registrar().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("seclab-worker runs in the browser; trunk builds it with the app.");
}
