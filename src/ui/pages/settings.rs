use leptos::prelude::*;

use crate::core::i18n::Lang;
use crate::core::strings::S;
use crate::ui::state::{use_state, THEMES};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_state();
    view! {
        <h1>{state.tr(S::SettingsTitle)}</h1>
        <fieldset>
            <legend>{state.tr(S::Language)}</legend>
            {Lang::ALL.into_iter().map(|lang| {
                let id = format!("lang-{}", lang.code());
                view! {
                    <div class="choice">
                        <input type="radio" name="lang" id=id.clone() value=lang.code()
                            prop:checked=move || state.lang.get() == lang
                            on:change=move |_| state.lang.set(lang)/>
                        <label for=id lang=lang.code()>{if lang == Lang::Fr { "Français" } else { "English" }}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <fieldset>
            <legend>{state.tr(S::Theme)}</legend>
            {THEMES.into_iter().map(|theme| {
                let id = format!("theme-{theme}");
                let label = match theme { "dark" => S::ThemeDark, "contrast" => S::ThemeContrast, _ => S::ThemeLight };
                view! {
                    <div class="choice">
                        <input type="radio" name="theme" id=id.clone() value=theme
                            prop:checked=move || state.theme.get() == theme
                            on:change=move |_| state.theme.set(theme.to_string())/>
                        <label for=id>{state.tr(label)}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
