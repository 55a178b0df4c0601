//! The reader panel: the whole text of an article that has no URL, with
//! the selected place's mentions highlighted.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::excerpt::segments;
use crate::state::{MapContext, MapRoot, OpenArticle, SelectedPlace, UiLang};

/// The reader panel, shown while an article is open.
#[component]
pub fn ArticleView() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let OpenArticle(open) = expect_context();
    let SelectedPlace(selected) = expect_context();
    let MapRoot(root) = expect_context();
    let UiLang(lang) = expect_context();
    move || {
        let id = open.get()?;
        let article = context.data.collection.article(&id)?.clone();
        let text = article.text.clone().unwrap_or_default();
        // Mentions of the selected place in this article, as byte ranges
        // of the file (the text is the file as stored).
        let ranges: Vec<std::ops::Range<usize>> = selected
            .get_untracked()
            .and_then(|place| context.data.place(&place).cloned())
            .map(|p| {
                p.place
                    .mentions
                    .iter()
                    .filter(|m| m.article == id)
                    .map(|m| m.start..m.end)
                    .collect()
            })
            .unwrap_or_default();
        let body = segments(&text, &ranges)
            .into_iter()
            .map(|s| {
                let t = s.text.to_owned();
                if s.marked {
                    view! { <mark>{t}</mark> }.into_any()
                } else {
                    t.into_any()
                }
            })
            .collect_view();
        let close_ref = NodeRef::<leptos::html::Button>::new();
        let body_ref = NodeRef::<leptos::html::Div>::new();
        Effect::new(move |_| {
            if let Some(button) = close_ref.get() {
                let _ = button.focus();
            }
            if let Some(mark) = body_ref
                .get()
                .and_then(|b| b.query_selector("mark").ok().flatten())
            {
                mark.scroll_into_view();
            }
        });
        let close_id = id.clone();
        Some(view! {
            <section class="ui reader" role="dialog" aria-modal="true" aria-labelledby="reader-title">
                <div class="reader-head">
                    <h2 id="reader-title">{article.title.clone()}</h2>
                    <button
                        class="close"
                        aria-label=move || lang.get().strings().close_article
                        node_ref=close_ref
                        on:click=move |_| {
                            open.set(None);
                            focus_reader_button(root, &close_id);
                        }
                    >
                        "×"
                    </button>
                </div>
                {article.date.clone().map(|d| view! { <p class="reader-date"><time datetime=d.clone()>{d.clone()}</time></p> })}
                <div data-testid="article-text" class="article-text" tabindex="0" node_ref=body_ref>
                    {body}
                </div>
            </section>
        })
    }
}

/// Gives the focus back to the popup button that opened article `id`.
pub fn focus_reader_button(root: NodeRef<leptos::html::Main>, id: &str) {
    let Some(main) = root.get_untracked() else {
        return;
    };
    let Ok(buttons) = main.query_selector_all("[data-testid=read-article]") else {
        return;
    };
    for i in 0..buttons.length() {
        if let Some(button) = buttons
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            if button.get_attribute("data-article").as_deref() == Some(id) {
                let _ = button.focus();
                return;
            }
        }
    }
}
