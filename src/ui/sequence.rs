//! The `kex-mitm` lab: a live sequence diagram of Alice, Mallory and Bob. Mallory's decisions
//! are kept in a signal; every change re-runs core's deterministic simulation and the view draws
//! the trace it returns. The diagram is an ordered list, so its text is its own alternative.

use leptos::prelude::*;

use crate::core::engines::host::{Body, LabKey, Request};
use crate::core::strings::S;
use crate::core::views::kex::{short_hex, Action, Leg, Outcome, Party, Side, Step, Trace};
use crate::core::views::{ViewData, ViewRequest};
use crate::ui::state::{use_state, AppState};

fn msg_number(m: Leg) -> usize {
    Leg::ALL.iter().position(|x| *x == m).expect("listed") + 1
}

fn msg_label(m: Leg) -> S {
    match m {
        Leg::AliceKey => S::KexMsgAliceKey,
        Leg::BobKey => S::KexMsgBobKey,
        Leg::Reading => S::KexMsgReading,
    }
}

fn party_name(p: Party) -> &'static str {
    match p {
        Party::Alice => "Alice",
        Party::Bob => "Bob",
        Party::Mallory => "Mallory",
    }
}

fn action_word(a: Action) -> S {
    match a {
        Action::Forward => S::KexForwarded,
        Action::Replace => S::KexReplaced,
        Action::Drop => S::KexDropped,
    }
}

/// "1 · Alice → Bob : clé publique éphémère d'Alice ‖ signature Ed25519"
fn caption(state: AppState, m: Leg, signed: bool) -> String {
    let mut text = format!("{} · {} → {}{}{}", msg_number(m), party_name(m.sender()), party_name(m.receiver()), state.t(S::Colon), state.t(msg_label(m)));
    if signed && m != Leg::Reading {
        text.push(' ');
        text.push_str(state.t(S::KexSigned));
    }
    text
}

/// The bytes of one leg, shortened: a key (its signature is named, not shown) or the sealed reading.
fn wire_text(m: Leg, wire: &[u8]) -> String {
    match m {
        Leg::Reading => short_hex(wire),
        _ => short_hex(&wire[..32.min(wire.len())]),
    }
}

fn outcome_text(state: AppState, t: &Trace) -> &'static str {
    state.t(match &t.outcome {
        Outcome::Waiting(_) => S::KexWaiting,
        Outcome::Delivered { .. } if t.mallory.read.is_some() => S::KexDeliveredRead,
        Outcome::Delivered { .. } => S::KexDelivered,
        Outcome::Aborted { by: Party::Alice, .. } => S::KexAbortedAlice,
        Outcome::Aborted { .. } => S::KexAbortedBob,
        Outcome::Refused => S::KexRefused,
        Outcome::Dropped(_) => S::KexDroppedOutcome,
    })
}

fn step_view(state: AppState, step: Step, signed: bool) -> impl IntoView {
    let m = step.msg;
    let rightward = m.receiver() == Party::Bob;
    let sent_text = wire_text(m, &step.sent);
    let arrived_text = step.delivered.as_deref().map(|w| wire_text(m, w));
    let leg = move |class: &'static str, word: S, text: Option<String>| {
        view! {
            <span class=format!("kex-leg {class}")>
                <span class="visually-hidden">{state.tr(word)} {state.tr(S::Colon)}</span>
                <span class="mono">{text.unwrap_or_else(|| state.t(S::KexLost).to_string())}</span>
            </span>
        }
    };
    let sent = leg("kex-sent", S::KexSent, Some(sent_text));
    let arrived = leg("kex-delivered", S::KexArrived, arrived_text);
    let (left, right) = if rightward { (sent.into_any(), arrived.into_any()) } else { (arrived.into_any(), sent.into_any()) };
    let direction = if rightward { "kex-right" } else { "kex-left" };
    let action = match step.action {
        Action::Forward => "kex-forward",
        Action::Replace => "kex-replace",
        Action::Drop => "kex-drop",
    };
    view! {
        <li class=format!("kex-msg {direction} {action}")>
            <span class="kex-caption">{move || caption(state, m, signed)}</span>
            <span class="kex-life" aria-hidden="true"></span>
            {left}
            <span class="kex-act"><span>{move || state.t(action_word(step.action))}</span></span>
            {right}
            <span class="kex-life" aria-hidden="true"></span>
        </li>
    }
}

fn key_or_none(state: AppState, key: Option<[u8; 32]>, class: &str) -> impl IntoView {
    match key {
        Some(k) => view! { <output class=format!("mono {class}")>{hex::encode(k)}</output> }.into_any(),
        None => view! { <span class="meta">{state.tr(S::KexNone)}</span> }.into_any(),
    }
}

fn side_view(state: AppState, id: &'static str, title: S, side: Side, reading: Option<String>) -> impl IntoView {
    let verified = side.verified;
    view! {
        <section class="kex-party" aria-labelledby=id>
            <h4 id=id>{state.tr(title)}</h4>
            <dl>
                <dt>{state.tr(S::KexEphemeral)}</dt>
                <dd class="mono">{short_hex(&side.ephemeral_public)}</dd>
                <dt>{state.tr(S::KexPeer)}</dt>
                <dd class="mono">{side.peer_public.map(|k| short_hex(&k)).unwrap_or_default()}</dd>
                {verified.map(|ok| view! {
                    <dt>{state.tr(S::KexVerified)}</dt>
                    <dd class=if ok { "correct" } else { "wrong" }>{move || state.t(if ok { S::KexValid } else { S::KexInvalid })}</dd>
                })}
                <dt>{state.tr(S::KexSessionKey)}</dt>
                <dd>{key_or_none(state, side.session_key, &format!("{id}-key"))}</dd>
                {reading.map(|r| view! {
                    <dt>{state.tr(S::KexReadingReceived)}</dt>
                    <dd><output class="mono kex-bob-reading">{r}</output></dd>
                })}
            </dl>
        </section>
    }
}

#[component]
pub fn KexSequence(key: LabKey) -> impl IntoView {
    let state = use_state();
    let actions = RwSignal::new(Vec::<Action>::new());
    let trace = RwSignal::new(Trace::default());
    // Mallory's decisions go to the worker, which replays the run on the learner's instance.
    let waiting = RwSignal::new(true);
    let fetch = move |list: Vec<Action>| {
        let key = key.clone();
        waiting.set(true);
        leptos::task::spawn_local(async move {
            if let Body::View(ViewData::Sequence(t)) = crate::ui::worker::ask(Request::View { lab: key, request: ViewRequest::Sequence { actions: list.clone() } }).await {
                if actions.get_untracked() == list {
                    trace.set(*t);
                    waiting.set(false);
                }
            }
        });
    };
    fetch(Vec::new());
    let finished = move || waiting.get() || trace.with(|t| t.finished());
    let decide = {
        let fetch = fetch.clone();
        move |a: Action| {
            actions.update(|v| v.push(a));
            fetch(actions.get_untracked());
        }
    };
    let restart = move |_| {
        actions.set(Vec::new());
        fetch(Vec::new());
    };
    let announce = move || {
        trace.with(|t| match t.steps.last() {
            None => String::new(),
            Some(step) => format!("{} {}{}{}. {}", state.t(S::KexMessage), msg_number(step.msg), state.t(S::Colon), state.t(action_word(step.action)), outcome_text(state, t)),
        })
    };
    let (d1, d2, d3) = (decide.clone(), decide.clone(), decide);
    view! {
        <section class="tool kex" aria-labelledby="kex-title">
            <h3 id="kex-title">{state.tr(S::KexTitle)}</h3>
            <p class="meta">{state.tr(S::KexHelp)}</p>
            <div class="kex-diagram">
                <div class="kex-lifelines" aria-hidden="true">
                    <span>"Alice"</span><span></span><span>"Mallory"</span><span></span><span>"Bob"</span>
                </div>
                <ol class="kex-messages" aria-label=state.tr(S::KexDiagram)>
                    {move || {
                        let t = trace.get();
                        let signed = t.authenticated;
                        t.steps.into_iter().map(|s| step_view(state, s, signed)).collect_view()
                    }}
                </ol>
                {move || trace.with(|t| t.steps.is_empty()).then(|| view! { <p class="meta kex-empty">{state.tr(S::KexNoMessage)}</p> })}
            </div>
            <div class="kex-controls" role="group" aria-labelledby="kex-next">
                <p id="kex-next">
                    {move || trace.with(|t| match t.pending() {
                        Some(m) => format!("{}{}{}", state.t(S::KexNext), state.t(S::Colon), caption(state, m, t.authenticated)),
                        None => state.t(S::KexFinished).to_string(),
                    })}
                </p>
                <div class="actions">
                    <button type="button" on:click=move |_| d1(Action::Forward) prop:disabled=finished>{state.tr(S::KexForward)}</button>
                    <button type="button" on:click=move |_| d2(Action::Replace) prop:disabled=finished>{state.tr(S::KexReplace)}</button>
                    <button type="button" on:click=move |_| d3(Action::Drop) prop:disabled=finished>{state.tr(S::KexDrop)}</button>
                    <button type="button" class="secondary" on:click=restart>{state.tr(S::KexRestart)}</button>
                </div>
            </div>
            <p class="kex-live" role="status" aria-live="polite">{announce}</p>
            <div class="kex-result">
                <p class="kex-outcome"><strong>{state.tr(S::KexOutcome)} {state.tr(S::Colon)}</strong> {move || trace.with(|t| outcome_text(state, t))}</p>
                {move || trace.with(|t| match t.outcome {
                    Outcome::Aborted { alert, .. } => Some(view! {
                        <p>{state.tr(S::KexAlertCode)} {state.tr(S::Colon)} <output class="mono kex-alert">{hex::encode(alert)}</output></p>
                    }),
                    _ => None,
                })}
            </div>
            <div class="kex-parties">
                {move || {
                    let t = trace.get();
                    let bob_reading = match &t.outcome {
                        Outcome::Delivered { reading } => Some(reading.clone()),
                        _ => None,
                    };
                    let mallory = t.mallory.clone();
                    view! {
                        {side_view(state, "kex-alice", S::KexAlice, t.alice.clone(), None)}
                        <section class="kex-party kex-mallory" aria-labelledby="kex-mallory">
                            <h4 id="kex-mallory">{state.tr(S::KexMallory)}</h4>
                            <dl>
                                <dt>{state.tr(S::KexEphemeral)}</dt>
                                <dd class="mono">{short_hex(&mallory.public)}</dd>
                                <dt>{state.tr(S::KexKeyWithAlice)}</dt>
                                <dd>{key_or_none(state, mallory.key_with_alice, "kex-mallory-alice-key")}</dd>
                                <dt>{state.tr(S::KexKeyWithBob)}</dt>
                                <dd>{key_or_none(state, mallory.key_with_bob, "kex-mallory-bob-key")}</dd>
                                <dt>{state.tr(S::KexDecrypted)}</dt>
                                <dd>{match mallory.read.clone() {
                                    Some(r) => view! { <output class="mono kex-read">{r}</output> }.into_any(),
                                    None => view! { <span class="meta">{state.tr(S::KexNone)}</span> }.into_any(),
                                }}</dd>
                            </dl>
                        </section>
                        {side_view(state, "kex-bob", S::KexBob, t.bob.clone(), bob_reading)}
                    }
                }}
            </div>
        </section>
    }
}
