//! The "Embed map" button and its dialog (an iframe snippet to copy), and
//! the "Open the full map" link an embedded map shows instead.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::embed::{iframe_snippet, with_fragment};
use crate::permalink::{self, Permalink};
use crate::state::{Hosting, UiLang};
use crate::url_sync::current_permalink;

/// The current page URL with `fragment`.
fn page_url(fragment: &Permalink) -> String {
    let href = window().location().href().unwrap_or_default();
    with_fragment(&href, &permalink::format(fragment))
}

/// In an embedded standalone map: a link to the same state, full page.
#[component]
pub fn FullMapLink() -> impl IntoView {
    let hosting = expect_context::<Hosting>();
    let UiLang(lang) = expect_context();
    (hosting.embed && hosting.standalone).then(|| {
        let href = move || page_url(&Permalink { embed: false, ..current_permalink() });
        view! {
            <a class="full-map" data-testid="full-map-link" href=href target="_blank" rel="noopener">
                {move || lang.get().strings().open_full_map} " ↗"
            </a>
        }
    })
}

/// What the copy button last did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// The button opening the embed dialog, and the dialog.
#[component]
pub fn EmbedButton() -> impl IntoView {
    let UiLang(lang) = expect_context();
    let open = RwSignal::new(false);
    let copy_state = RwSignal::new(CopyState::Idle);
    let button_ref = NodeRef::<leptos::html::Button>::new();
    let textarea_ref = NodeRef::<leptos::html::Textarea>::new();
    let owner = Owner::current();
    let snippet = move || {
        let fragment = match &owner {
            Some(owner) => owner.with(current_permalink),
            None => current_permalink(),
        };
        let lang = lang.get();
        // The snippet names its language even when it is the reader's
        // default: the host page's readers should see what was embedded.
        iframe_snippet(
            &page_url(&Permalink {
                embed: true,
                lang: Some(lang),
                ..fragment
            }),
            lang.strings().iframe_title,
        )
    };
    let close = move || {
        open.set(false);
        if let Some(button) = button_ref.get_untracked() {
            let _ = button.focus();
        }
    };
    let copy = move |_| {
        let Some(textarea) = textarea_ref.get_untracked() else {
            return;
        };
        let text = textarea.value();
        let fallback = {
            let textarea = textarea.clone();
            move || {
                textarea.select();
                let copied = document()
                    .dyn_into::<web_sys::HtmlDocument>()
                    .ok()
                    .and_then(|d| d.exec_command("copy").ok())
                    .unwrap_or(false);
                copy_state.set(if copied {
                    CopyState::Copied
                } else {
                    CopyState::Failed
                });
            }
        };
        let clipboard = window().navigator().clipboard();
        // `navigator.clipboard` is missing in insecure contexts (http on another host).
        if clipboard.is_undefined() {
            fallback();
            return;
        }
        let promise = clipboard.write_text(&text);
        type Callback = wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue)>;
        let on_done = Callback::new(move |_| copy_state.set(CopyState::Copied));
        let on_error = Callback::new(move |_| fallback());
        let _ = promise.then2(&on_done, &on_error);
        // One copy, one pair of callbacks: small, and the promise needs them later.
        on_done.forget();
        on_error.forget();
    };
    Effect::new(move |_| {
        if open.get() {
            if let Some(textarea) = textarea_ref.get() {
                let _ = textarea.focus();
                textarea.select();
            }
        }
    });
    let strings = move || lang.get().strings();
    view! {
        <button
            class="embed-button"
            data-testid="embed-button"
            aria-label=move || strings().embed
            title=move || strings().embed_tip
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            node_ref=button_ref
            on:click=move |_| {
                copy_state.set(CopyState::Idle);
                open.update(|o| *o = !*o);
            }
        >
            "</>"
        </button>
        <Show when=move || open.get()>
            <div
                class="embed-dialog"
                role="dialog"
                data-testid="embed-dialog"
                aria-labelledby="embed-title"
                on:keydown=move |event: web_sys::KeyboardEvent| {
                    if event.key() == "Escape" {
                        event.stop_propagation();
                        close();
                    }
                }
            >
                <div class="popup-head">
                    <h2 id="embed-title">{move || strings().embed_title}</h2>
                    <button class="close" data-testid="embed-close" aria-label=move || strings().close on:click=move |_| close()>"×"</button>
                </div>
                <p class="embed-help" id="embed-help">{move || strings().embed_help}</p>
                <textarea
                    data-testid="embed-snippet"
                    aria-labelledby="embed-help"
                    readonly
                    rows="4"
                    node_ref=textarea_ref
                    prop:value=snippet.clone()
                ></textarea>
                <div class="embed-actions">
                    <button class="copy" data-testid="embed-copy" on:click=copy>{move || strings().copy}</button>
                    <span class="copy-feedback" role="status" aria-live="polite">
                        {move || match copy_state.get() {
                            CopyState::Idle => "",
                            CopyState::Copied => strings().copied,
                            CopyState::Failed => strings().copy_failed,
                        }}
                    </span>
                </div>
            </div>
        </Show>
    }
}
