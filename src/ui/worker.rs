//! The lab's Web Worker (`src/bin/seclab-worker.rs` registers it) and the page's client for it.
//!
//! The worker wraps core's [`Host`]: every request of the protocol goes to `Host::handle`; while
//! long jobs are pending it advances them a few milliseconds at a time, yielding to its event
//! loop in between so that a cancel can arrive. The page talks to it through [`ask`] (one
//! answer) and [`send`] (every event of a job: progress, then the result), spawning it on first
//! use or when the page is idle ([`warm_up`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo_worker::{HandlerId, Spawnable, Worker, WorkerBridge, WorkerScope};

use crate::core::engines::host::{Body, Envelope, Event, Host, Request};
use crate::core::msg::Msg;

/// Where trunk puts the worker's loader, relative to the page's base URL.
pub const WORKER_LOADER: &str = "seclab-worker_loader.js";

/// How long the worker works on jobs before giving its event loop a turn.
const SLICE_MS: f64 = 8.0;

pub enum Tick {
    Step,
}

pub struct LabWorker {
    host: Host,
    stepping: bool,
    /// Which page connection asked for each job.
    owners: HashMap<u32, HandlerId>,
}

fn worker_now() -> f64 {
    js_sys::Date::now()
}

/// A macrotask boundary inside the worker, so that queued messages (a cancel) are delivered; a
/// message to itself rather than `setTimeout(0)`, which is stretched to 4 ms once nested.
async fn next_turn() {
    crate::ui::state::yield_to_browser().await;
}

impl LabWorker {
    /// Sends an event to the connection that asked for its job; the last event of a job
    /// forgets the job.
    fn emit(&mut self, scope: &WorkerScope<Self>, event: Event, fallback: Option<HandlerId>) {
        let last = !matches!(event.body, Body::Progress { .. });
        let to = if last { self.owners.remove(&event.job) } else { self.owners.get(&event.job).copied() };
        if let Some(to) = to.or(fallback) {
            scope.respond(to, event);
        }
    }

    fn schedule(&mut self, scope: &WorkerScope<Self>) {
        if self.host.busy() && !self.stepping {
            self.stepping = true;
            scope.send_future(async {
                next_turn().await;
                Tick::Step
            });
        }
    }
}

impl Worker for LabWorker {
    type Message = Tick;
    type Input = Envelope;
    type Output = Event;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        LabWorker { host: Host::new(), stepping: false, owners: HashMap::new() }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, _tick: Tick) {
        self.stepping = false;
        let start = worker_now();
        // Each event goes out as soon as it exists: the page shows every step's progress.
        while self.host.busy() && worker_now() - start < SLICE_MS {
            let mut events = Vec::new();
            self.host.step(&mut |e| events.push(e));
            for e in events {
                self.emit(scope, e, None);
            }
        }
        self.schedule(scope);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, envelope: Envelope, id: HandlerId) {
        if !matches!(envelope.request, Request::Cancel { .. }) {
            self.owners.insert(envelope.job, id);
        }
        let mut events = Vec::new();
        self.host.handle(envelope, &mut |e| events.push(e));
        for e in events {
            self.emit(scope, e, Some(id));
        }
        self.schedule(scope);
    }
}

type Listener = Rc<dyn Fn(Body)>;

struct Client {
    bridge: WorkerBridge<LabWorker>,
    next: u32,
    listeners: HashMap<u32, Listener>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// Set when a request timed out, cleared by any answer: later requests then fail at once
    /// instead of each waiting out its own time-out.
    static SILENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn deliver(event: Event) {
    SILENT.with(|s| s.set(false));
    let last = !matches!(event.body, Body::Progress { .. });
    let listener = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut()?;
        if last {
            c.listeners.remove(&event.job)
        } else {
            c.listeners.get(&event.job).cloned()
        }
    });
    if let Some(l) = listener {
        l(event.body);
    }
}

/// Starts the worker if it is not running yet (the page calls this once the track list is on
/// screen, so the worker's download never delays it).
pub fn warm_up() {
    CLIENT.with(|c| {
        if c.borrow().is_none() {
            let bridge = LabWorker::spawner().callback(deliver).with_loader(true).as_module(true).spawn(WORKER_LOADER);
            *c.borrow_mut() = Some(Client { bridge, next: 1, listeners: HashMap::new() });
        }
    });
}

/// Sends a request; `listener` gets every event of its job (progress, then one result or
/// error). Returns the job's number, for [`cancel`].
pub fn send(request: Request, listener: impl Fn(Body) + 'static) -> u32 {
    warm_up();
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.as_mut().expect("spawned above");
        let job = c.next;
        c.next += 1;
        c.listeners.insert(job, Rc::new(listener));
        c.bridge.send(Envelope { job, request });
        job
    })
}

/// Stops a long job; its listener gets a "stopped" error.
pub fn cancel(job: u32) {
    CLIENT.with(|c| {
        if let Some(c) = c.borrow().as_ref() {
            c.bridge.send(Envelope { job: 0, request: Request::Cancel { job } });
        }
    });
}

/// How long the page waits for an answer before it says the worker is not answering.
const ANSWER_TIMEOUT_MS: i32 = 20_000;

/// Resolves after `ms` milliseconds (the page's timer).
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Sends a request and waits for its answer (progress events are ignored). A worker that never
/// answers (it could not load, or it crashed) gives an error the page shows, not an endless wait.
pub async fn ask(request: Request) -> Body {
    use futures::future::{select, Either};
    if SILENT.with(|s| s.get()) {
        return Body::Error(Msg::WorkerNoAnswer());
    }
    let (tx, rx) = futures::channel::oneshot::channel();
    let tx = RefCell::new(Some(tx));
    send(request, move |body| {
        if !matches!(body, Body::Progress { .. }) {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(body);
            }
        }
    });
    match select(rx, Box::pin(sleep_ms(ANSWER_TIMEOUT_MS))).await {
        Either::Left((Ok(body), _)) => body,
        Either::Left((Err(_), _)) | Either::Right(_) => {
            SILENT.with(|s| s.set(true));
            Body::Error(Msg::WorkerNoAnswer())
        }
    }
}
