//! One exercise: statement with the learner's own values, the lab, questions with immediate
//! verdicts, hints one at a time, and the solution once solved (or given up).

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::core::engines::host::{Body, LabKey, Opened, Request};
use crate::core::engines::{self, LabVerdict};
use crate::core::exercise::{Exercise, Grading, Question};
use crate::core::grading::grid::{self, cell_key, grade_grid, open_reason};
use crate::core::grading::{grade_local, instance_seed, Answer, Verdict};
use crate::core::markdown;
use crate::core::msg::Msg;
use crate::core::progress::{is_solved, score};
use crate::core::strings::S;
use crate::ui::lab::LabPanel;
use crate::ui::markdown::Markdown;
use crate::ui::state::use_state;
use crate::ui::storage::now;
use crate::ui::{localized, with_pack};

#[component]
pub fn ExercisePage() -> impl IntoView {
    let state = use_state();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    with_pack(move |pack| {
        let Some(ex) = pack.exercise(&id()).cloned() else {
            return view! { <h1>{state.tr(S::ExerciseNotFound)}</h1> <p><A href="/">{state.tr(S::BackToTracks)}</A></p> }.into_any();
        };
        let ex = Arc::new(ex);
        {
            let ex = ex.clone();
            state.update_progress(move |p| p.visit(&ex, now()));
        }
        let track = pack.track_of(&ex.id).cloned();
        // The learner's instance is built in the worker; until it answers, the page says so.
        let key = ex.lab.as_ref().map(|lab| LabKey::new(&lab.kind, &lab.params, &state.progress.with_untracked(|p| instance_seed(&ex, &p.seed_bytes()))));
        let instance = RwSignal::new(if key.is_some() { Instance::Loading } else { Instance::NoLab });
        if let Some(key) = key.clone() {
            leptos::task::spawn_local(async move {
                instance.set(match crate::ui::worker::ask(Request::Open { lab: key }).await {
                    Body::Opened(o) => Instance::Ready(o),
                    Body::Error(m) => Instance::Failed(m),
                    _ => Instance::Failed(Msg::LabUnavailable()),
                });
            });
        }
        let vars = Memo::new(move |_| {
            instance.with(|i| match i {
                Instance::Ready(o) => o.variables.clone(),
                _ => BTreeMap::new(),
            })
        });
        let statement_vars = vars;
        let ex_statement = ex.clone();
        let statement = Memo::new(move |_| {
            let (text, fallback) = localized(&ex_statement.statement, state.lang.get());
            (markdown::substitute(&text, &statement_vars.get()), fallback)
        });
        let waiting = move || matches!(instance.get(), Instance::Loading);
        let ex_score = ex.clone();
        let score_line = move || state.progress.with(|p| format!("{}{}{}/{}", state.t(S::Score), state.t(S::Colon), score(&ex_score, p.get(&ex_score)), ex_score.max_points()));
        let ex_solved = ex.clone();
        let solved = Memo::new(move |_| state.progress.with(|p| is_solved(&ex_solved, p.get(&ex_solved))));
        let title = ex.title.clone();
        let ex_lab = ex.clone();
        let requires: Vec<(String, crate::core::exercise::Text)> = ex.requires.iter().filter_map(|r| pack.exercise(r).map(|e| (r.clone(), e.title.clone()))).collect();
        view! {
            <p class="breadcrumb">
                {track.map(|t| { let tt = t.title.clone(); view! { <A href=format!("/track/{}", t.id)>{state.text(tt.clone())}</A> } })}
            </p>
            <article class="exercise" aria-labelledby="exercise-title">
                <h1 id="exercise-title">{state.text(title.clone())}</h1>
                <p class="meta">
                    {let (difficulty, minutes, competencies) = (ex.difficulty, ex.minutes, ex.competencies.join(", "));
                    move || format!("{} {difficulty}/5 · {minutes} {} · {}{}{competencies}", state.t(S::Difficulty), state.t(S::Minutes), state.t(S::Competencies), state.t(S::Colon))}
                </p>
                <p class="score" aria-live="polite">{score_line}</p>
                {(!requires.is_empty()).then(|| view! {
                    <p class="meta">{state.tr(S::Recommended)} {state.tr(S::Colon)}
                        {requires.iter().map(|(rid, rt)| { let rt = rt.clone(); view! { <A href=format!("/exercise/{rid}")>{state.text(rt.clone())}</A> " " } }).collect_view()}
                    </p>
                })}
                <section aria-labelledby="statement-title">
                    <h2 id="statement-title">{state.tr(S::Statement)}</h2>
                    {move || statement.get().1.then(|| view! { <p class="notice-lang">{state.tr(S::OtherLanguageNotice)}</p> })}
                    {move || waiting().then(|| view! { <p class="loading" role="status"><progress aria-label=state.tr(S::PreparingInstance)></progress> " " {state.tr(S::PreparingInstance)}</p> })}
                    {move || (!waiting()).then(|| view! { <Markdown source=Signal::derive(move || statement.get().0) class="markdown"/> })}
                    {ex.lab.is_some().then(|| view! { <p class="meta">{state.tr(S::YourInstance)}</p> })}
                </section>
                {let (key, spec) = (key.clone(), ex.lab.as_ref().and_then(|l| engines::find(&l.kind)));
                move || match (instance.get(), key.clone(), spec) {
                    (Instance::Ready(opened), Some(key), Some(spec)) => Some(view! { <LabPanel spec=spec key=key opened=opened exercise=ex_lab.clone() solved=solved/> }.into_any()),
                    (Instance::Failed(m), _, _) => Some(view! { <p class="error" role="alert">{move || Msg::LabUnavailable().render(state.lang.get())} " (" {state.message(m.clone())} ")"</p> }.into_any()),
                    _ => None,
                }}
                <section aria-labelledby="questions-title">
                    <h2 id="questions-title">{state.tr(S::Questions)}</h2>
                    {ex.questions.iter().enumerate().map(|(i, q)| view! { <QuestionView exercise=ex.clone() question=q.clone() number=i + 1 vars=vars key=key.clone()/> }).collect_view()}
                    {move || solved.get().then(|| view! { <p class="verdict correct" role="status">{state.tr(S::ExerciseSolved)}</p> })}
                </section>
                <Hints exercise=ex.clone() vars=vars/>
                <Solution exercise=ex.clone() solved=solved vars=vars/>
            </article>
        }
        .into_any()
    })
}

#[component]
fn QuestionView(exercise: Arc<Exercise>, question: Question, number: usize, vars: Memo<BTreeMap<String, String>>, key: Option<LabKey>) -> impl IntoView {
    let state = use_state();
    let qid = question.id.clone();
    let dom_id = format!("q-{}", question.id);
    let stored = {
        let ex = exercise.clone();
        let qid = qid.clone();
        move || state.progress.with(|p| p.get(&ex).and_then(|e| e.questions.get(&qid).cloned()))
    };
    let initial = {
        let ex = exercise.clone();
        let qid = qid.clone();
        state.progress.with_untracked(|p| p.get(&ex).and_then(|e| e.questions.get(&qid).cloned()))
    };
    let is_grid = matches!(question.grading, Grading::Grid { .. });
    let text = RwSignal::new(initial.as_ref().filter(|_| !matches!(question.grading, Grading::Choice { .. } | Grading::Grid { .. })).map(|q| q.answer.clone()).unwrap_or_default());
    // A grid: the option chosen per cell ("row.col"), and the grid last graded, whose cells show
    // ✔ or ✘ (and, when right, their reason) while they keep the value graded.
    let cells = RwSignal::new(initial.as_ref().filter(|_| is_grid).map(|q| grid::from_stored(&q.answer)).unwrap_or_default());
    let graded = RwSignal::new(initial.as_ref().filter(|_| is_grid).map(|q| grid::from_stored(&q.answer)));
    let grid_verdict = {
        let grading = question.grading.clone();
        Memo::new(move |_| match (&grading, graded.get()) {
            (Grading::Grid { columns, options, rows }, Some(given)) => grade_grid(columns, options, rows, &given).ok(),
            _ => None,
        })
    };
    let ticked = RwSignal::new(
        initial
            .as_ref()
            .filter(|_| matches!(question.grading, Grading::Choice { .. }))
            .map(|q| q.answer.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let feedback = RwSignal::new(initial.as_ref().map(|q| if q.correct { Verdict::Correct } else { Verdict::Wrong }));
    let correct = {
        let stored = stored.clone();
        Memo::new(move |_| stored().map(|q| q.correct).unwrap_or(false))
    };
    let attempts = move || stored().map(|q| q.attempts).unwrap_or(0);
    let gave_up = {
        let ex = exercise.clone();
        Memo::new(move |_| state.progress.with(|p| p.get(&ex).and_then(|e| e.gave_up_at).is_some()))
    };
    let is_choice = matches!(question.grading, Grading::Choice { .. });
    let grading = RwSignal::new(false);
    let submit = {
        let ex = exercise.clone();
        let qid = qid.clone();
        let ex_q = exercise.clone();
        let qid_q = qid.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let answer = if is_grid {
                Answer::Grid(cells.get_untracked())
            } else if is_choice {
                Answer::Choices(ticked.get_untracked())
            } else {
                Answer::Text(text.get_untracked())
            };
            let ex = ex.clone();
            let qid = qid.clone();
            let record = move |verdict: Verdict| {
                let verdict = state.update_progress(move |p| p.record(&ex, &qid, &answer, verdict, now()));
                feedback.set(Some(verdict));
            };
            let Some(question) = ex_q.question(&qid_q) else { return };
            match (grade_local(question, &Answer::Text(text.get_untracked())).filter(|_| !is_choice), &question.grading, key.clone()) {
                // A lab answer is graded by the engine, in the worker, against this learner's instance.
                (None, Grading::Lab { check }, Some(lab)) => {
                    let request = Request::Grade { lab, check: check.clone(), answer: text.get_untracked() };
                    grading.set(true);
                    leptos::task::spawn_local(async move {
                        let verdict = match crate::ui::worker::ask(request).await {
                            Body::Verdict(v) => Verdict::from(v),
                            Body::Error(m) => Verdict::from(LabVerdict::Unreadable(m)),
                            _ => Verdict::Unreadable(Msg::LabUnavailable()),
                        };
                        grading.set(false);
                        record(verdict);
                    });
                }
                _ => {
                    let local = if is_grid {
                        Answer::Grid(cells.get_untracked())
                    } else if is_choice {
                        Answer::Choices(ticked.get_untracked())
                    } else {
                        Answer::Text(text.get_untracked())
                    };
                    let verdict = grade_local(question, &local).unwrap_or(Verdict::Unreadable(Msg::LabUnavailable()));
                    if is_grid && !matches!(verdict, Verdict::Unreadable(_)) {
                        graded.set(Some(cells.get_untracked()));
                    }
                    record(verdict);
                }
            }
        }
    };
    let prompt = question.prompt.clone();
    let heading_id = format!("{dom_id}-title");
    let input_id = format!("{dom_id}-input");
    let status_id = format!("{dom_id}-status");
    let field = match &question.grading {
        Grading::Grid { columns, options, rows } => {
            let disabled = move || correct.get() || gave_up.get();
            let columns = columns.clone();
            let header = columns.clone();
            view! {
                <div class="grid-wrap">
                    <table class="grid" id=format!("{dom_id}-grid")>
                        <caption>{state.tr(S::GridCaption)}</caption>
                        <thead>
                            <tr>
                                <td></td>
                                {header.iter().map(|c| { let t = c.text.clone(); view! { <th scope="col">{state.text(t.clone())}</th> } }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {rows.iter().enumerate().map(|(r, row)| {
                                let row_text = row.text.clone();
                                let row = Arc::new(row.clone());
                                view! {
                                    <tr>
                                        <th scope="row">{state.text(row_text.clone())}</th>
                                        {columns.iter().enumerate().map(|(c, column)| {
                                            let key = cell_key(&row.id, &column.id);
                                            let select_id = format!("{dom_id}--{}--{}", row.id, column.id);
                                            let (row_text, column_text) = (row.text.clone(), column.text.clone());
                                            let label = move || format!("{} — {}", localized(&row_text, state.lang.get()).0, localized(&column_text, state.lang.get()).0);
                                            let key_change = key.clone();
                                            let key_verdict = key.clone();
                                            let row_verdict = row.clone();
                                            let verdict_id = format!("{select_id}-verdict");
                                            let reason_id = format!("{select_id}-reason");
                                            view! {
                                                <td class="cell">
                                                    <select id=select_id aria-label=label prop:disabled=disabled on:change=move |ev| {
                                                        let value = event_target_value(&ev);
                                                        cells.update(|m| { m.insert(key_change.clone(), value); });
                                                    }>
                                                        <option value="" prop:selected={ let key = key.clone(); move || cells.with(|m| m.get(&key).is_none_or(|v| v.is_empty())) }>{state.tr(S::GridChoose)}</option>
                                                        {options.iter().map(|o| {
                                                            let (oid, otext, key) = (o.id.clone(), o.text.clone(), key.clone());
                                                            let oid_sel = oid.clone();
                                                            view! { <option value=oid prop:selected=move || cells.with(|m| m.get(&key) == Some(&oid_sel))>{state.text(otext.clone())}</option> }
                                                        }).collect_view()}
                                                    </select>
                                                    {move || {
                                                        // Only while the cell keeps the value that was graded.
                                                        let given = graded.with(|g| g.as_ref().and_then(|g| g.get(&key_verdict).cloned()))?;
                                                        if cells.with(|m| m.get(&key_verdict) != Some(&given)) {
                                                            return None;
                                                        }
                                                        let cell = grid_verdict.with(|v| v.as_ref().and_then(|v| v.cell(r, c).cloned()))?;
                                                        Some(if cell.right {
                                                            let reason = open_reason(&row_verdict, c, &cell.given).unwrap_or_default();
                                                            view! {
                                                                <span class="cell-verdict correct" id=verdict_id.clone()>"✔ " {state.tr(S::CellRight)}</span>
                                                                <span class="reason" id=reason_id.clone()>{state.text(reason.clone())}</span>
                                                            }.into_any()
                                                        } else {
                                                            view! { <span class="cell-verdict wrong" id=verdict_id.clone()>"✘ " {state.tr(S::CellWrong)}</span> }.into_any()
                                                        })
                                                    }}
                                                </td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        Grading::Choice { multiple, choices, .. } => {
            let multiple = *multiple;
            let legend_key = if multiple { S::TickAll } else { S::TickOne };
            view! {
                <fieldset>
                    <legend>{state.tr(legend_key)}</legend>
                    {choices.iter().map(|c| {
                        let cid = c.id.clone();
                        let cid_check = cid.clone();
                        let cid_change = cid.clone();
                        let choice_dom = format!("{dom_id}-{}", c.id);
                        let ctext = c.text.clone();
                        view! {
                            <div class="choice">
                                <input
                                    type=if multiple { "checkbox" } else { "radio" }
                                    id=choice_dom.clone()
                                    name=dom_id.clone()
                                    value=cid.clone()
                                    prop:checked=move || ticked.with(|t| t.contains(&cid_check))
                                    prop:disabled=move || correct.get() || gave_up.get()
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        ticked.update(|t| {
                                            if !multiple { t.clear(); }
                                            t.retain(|x| x != &cid_change);
                                            if on { t.push(cid_change.clone()); }
                                        });
                                    }
                                />
                                <label for=choice_dom>{state.text(ctext.clone())}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        // A lab check whose answer is a file (an ACL, a configuration): a text area.
        Grading::Lab { check } if exercise.lab.as_ref().and_then(|lab| engines::find(&lab.kind)).and_then(|spec| spec.check(check)).is_some_and(|c| c.answer == engines::AnswerKind::LongText) => {
            let input_id2 = input_id.clone();
            view! {
                <label for=input_id.clone()>{state.tr(S::YourAnswer)}</label>
                <textarea
                    id=input_id2
                    rows="12"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=status_id.clone()
                    prop:value=move || text.get()
                    prop:disabled=move || correct.get() || gave_up.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            }
            .into_any()
        }
        other => {
            let unit = match other {
                Grading::Numeric { unit: Some(u), .. } => Some(u.clone()),
                _ => None,
            };
            let input_id2 = input_id.clone();
            view! {
                <label for=input_id.clone()>{state.tr(S::YourAnswer)} {unit.map(|u| format!(" ({u})"))}</label>
                <input
                    type="text"
                    id=input_id2
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=status_id.clone()
                    prop:value=move || text.get()
                    prop:disabled=move || correct.get() || gave_up.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
            }
            .into_any()
        }
    };
    let status_id2 = status_id.clone();
    view! {
        <form class="question" aria-labelledby=heading_id.clone() on:submit=submit>
            <h3 id=heading_id.clone()>{move || format!("{} {number}", state.t(S::Question))}</h3>
            <Markdown source=Signal::derive(move || markdown::substitute(&localized(&prompt, state.lang.get()).0, &vars.get())) class="markdown prompt"/>
            {field}
            <div class="actions">
                <button type="submit" prop:disabled=move || correct.get() || gave_up.get() || grading.get()>{state.tr(S::Submit)}</button>
                <span class="meta">{move || format!("{} {}", attempts(), state.t(S::Attempts))}</span>
            </div>
            <p id=status_id2 class="verdict" role="status" aria-live="polite">
                {move || feedback.get().map(|v| match v {
                    Verdict::Correct => view! { <span class="correct">"✔ " {state.tr(S::Correct)}</span> }.into_any(),
                    Verdict::Wrong => view! { <span class="wrong">"✘ " {state.tr(S::Wrong)}</span> }.into_any(),
                    Verdict::Unreadable(m) => view! { <span class="unreadable">{state.message(m.clone())}</span> }.into_any(),
                })}
                {move || grid_verdict.get().map(|v| view! { " " <span class="grid-score">{move || Msg::GridScore(v.right(), v.total()).render(state.lang.get())}</span> })}
            </p>
        </form>
    }
}

#[component]
fn Hints(exercise: Arc<Exercise>, vars: Memo<BTreeMap<String, String>>) -> impl IntoView {
    let state = use_state();
    let ex = exercise.clone();
    let revealed = Memo::new(move |_| state.progress.with(|p| p.get(&ex).map(|e| e.hints_revealed as usize).unwrap_or(0)));
    let total = exercise.hints.len();
    let hints = exercise.hints.clone();
    let ex_reveal = exercise.clone();
    let reveal = move |_: leptos::ev::MouseEvent| {
        let ex = ex_reveal.clone();
        state.update_progress(move |p| p.reveal_hint(&ex, now()));
    };
    let next_cost = {
        let hints = hints.clone();
        move || hints.get(revealed.get()).map(|h| h.cost).unwrap_or(0)
    };
    view! {
        <section aria-labelledby="hints-title">
            <h2 id="hints-title">{state.tr(S::Hints)}</h2>
            {(total == 0).then(|| view! { <p>{state.tr(S::NoHints)}</p> })}
            <ol class="hints">
                {move || hints.iter().take(revealed.get()).map(|h| {
                    let t = h.text.clone();
                    view! { <Markdown source=Signal::derive(move || markdown::substitute(&localized(&t, state.lang.get()).0, &vars.get())) class="markdown" tag="li"/> }
                }).collect_view()}
            </ol>
            {move || (total > 0).then(|| if revealed.get() < total {
                let reveal = reveal.clone();
                let next_cost = next_cost.clone();
                view! { <button type="button" on:click=reveal>{move || format!("{} ({} {} {})", state.t(S::RevealHint), state.t(S::HintCost), next_cost(), state.t(S::Points))}</button> }.into_any()
            } else {
                view! { <p class="meta">{state.tr(S::NoMoreHints)}</p> }.into_any()
            })}
        </section>
    }
}

#[component]
fn Solution(exercise: Arc<Exercise>, solved: Memo<bool>, vars: Memo<BTreeMap<String, String>>) -> impl IntoView {
    let state = use_state();
    let ex = exercise.clone();
    let gave_up = Memo::new(move |_| state.progress.with(|p| p.get(&ex).and_then(|e| e.gave_up_at).is_some()));
    let ex_give = exercise.clone();
    let give_up = move |_| {
        let ex = ex_give.clone();
        state.update_progress(move |p| p.give_up(&ex, now()));
    };
    let solution = exercise.solution.clone();
    view! {
        <section aria-labelledby="solution-title">
            <h2 id="solution-title">{state.tr(S::Solution)}</h2>
            {move || {
                if solved.get() || gave_up.get() {
                    let solution = solution.clone();
                    let body = Signal::derive(move || solution.as_ref().map(|s| markdown::substitute(&localized(s, state.lang.get()).0, &vars.get())).unwrap_or_default());
                    view! {
                        {gave_up.get().then(|| view! { <p class="meta">{state.tr(S::GaveUp)}</p> })}
                        <Markdown source=body class="markdown solution"/>
                    }.into_any()
                } else {
                    view! {
                        <p class="meta">{state.tr(S::SolutionLocked)}</p>
                        <button type="button" class="secondary" on:click=give_up.clone()>{state.tr(S::GiveUp)}</button>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The learner's instance of an exercise's lab, as the worker reports it.
#[derive(Clone, PartialEq)]
enum Instance {
    NoLab,
    Loading,
    Ready(Opened),
    Failed(Msg),
}
