//! The embedded lab of an exercise: the engine's tools, drawn by the one form component from
//! the engine's description, the query budget, the engine's special view if it has one, and a
//! link into the workbench. Every run happens in the worker, on the learner's instance.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::engines::host::{LabKey, Opened};
use crate::core::engines::EngineSpec;
use crate::core::exercise::Exercise;
use crate::core::strings::S;
use crate::ui::state::use_state;
use crate::ui::tool_form::{Target, ToolForm};

#[component]
pub fn LabPanel(spec: &'static EngineSpec, key: LabKey, opened: Opened, exercise: Arc<Exercise>, solved: Memo<bool>) -> impl IntoView {
    let state = use_state();
    let budget = opened.budget;
    let ex_used = exercise.clone();
    let used = Memo::new(move |_| state.progress.with(|p| p.queries(&ex_used)));
    let workbench_href = opened.workbench.as_ref().map(crate::ui::tool_form::workbench_href);
    let target = Target::Lab { key: key.clone(), exercise: exercise.clone(), budget };
    let vars = opened.variables.clone();
    let form = move |tool: &'static crate::core::tools::ToolSpec| {
        view! { <ToolForm spec=tool prefix="tool" initial=tool.start_values(&vars) target=target.clone()/> }
    };
    let (always, after): (Vec<_>, Vec<_>) = spec.tools.iter().partition(|t| !t.after_solving);
    let form_after = form.clone();
    view! {
        <section class="lab" aria-labelledby="lab-title">
            <h2 id="lab-title">{state.tr(S::Lab)} " — " {state.label(spec.title)}</h2>
            {budget.map(|b| view! {
                <p class="budget" aria-live="polite">
                    {state.tr(S::QueriesUsed)} {state.tr(S::Colon)}
                    <strong class="queries-used">{move || used.get()}</strong> " / " {b}
                </p>
                <progress class="budget-bar" max=b value=move || used.get().min(b) aria-label=state.tr(S::QueriesUsed)></progress>
            })}
            {always.into_iter().map(form).collect_view()}
            {move || solved.get().then(|| after.iter().map(|t| form_after(t)).collect_view())}
            {spec.view.map(|name| crate::ui::views::draw(name, key.clone()))}
            {workbench_href.map(|href| view! { <p><leptos_router::components::A href=href>{state.tr(S::OpenInWorkbench)}</leptos_router::components::A></p> })}
        </section>
    }
}
