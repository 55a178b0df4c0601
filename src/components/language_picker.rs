//! The language control: a labelled `<select>` ("Language" / "Langue" /
//! "Язык"), each language listed under its own name.

use leptos::prelude::*;

use crate::permalink::Lang;
use crate::state::UiLang;

/// Switches the interface language (kept in the URL as `lang=` by `url_sync`).
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let UiLang(lang) = expect_context();
    let options = Lang::ALL
        .into_iter()
        .map(|option| {
            view! {
                <option
                    value=option.code()
                    lang=option.code()
                    prop:selected=move || lang.get() == option
                >
                    {option.endonym()}
                </option>
            }
        })
        .collect_view();
    view! {
        <label class="language" data-testid="language">
            <span class="language-label">{move || lang.get().strings().language}</span>
            <select
                data-testid="language-select"
                prop:value=move || lang.get().code()
                on:change=move |event| {
                    if let Some(chosen) = Lang::parse(&event_target_value(&event)) {
                        lang.set(chosen);
                    }
                }
            >
                {options}
            </select>
        </label>
    }
}
