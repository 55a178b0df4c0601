//! The reader panel: the whole text of an article that has no URL, with
//! the selected place's mentions highlighted, fetched when it opens.

use leptos::prelude::*;
use model::site::IndexArticle;
use wasm_bindgen::JsCast;

use crate::components::article_date::ArticleDate;
use crate::excerpt::segments;
use crate::state::{MapContext, MapRoot, OpenArticle, SelectedPlace, UiLang};

/// The reader panel, shown while an article is open. Its text is fetched
/// when it opens (`model::site::ArticleText`), with a loading state.
#[component]
pub fn ArticleView() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let OpenArticle(open) = expect_context();
    move || {
        let id = open.get()?;
        let (position, article) = context.data.article(&id)?;
        Some(
            view! { <Reader id=id.clone() position=position title=article.title.clone() article=article.clone() /> },
        )
    }
}

/// The dialog of article `id` (at `position` in the index).
#[component]
fn Reader(id: String, position: u32, title: String, article: IndexArticle) -> impl IntoView {
    let context = expect_context::<MapContext>();
    let OpenArticle(open) = expect_context();
    let SelectedPlace(selected) = expect_context();
    let MapRoot(root) = expect_context();
    let UiLang(lang) = expect_context();
    let text = LocalResource::new({
        let data = context.data.clone();
        move || {
            let data = data.clone();
            async move { data.article_text(position).await }
        }
    });
    // Mentions of the selected place in this article, as byte ranges of
    // the file (the text is the file as stored).
    let place = selected
        .get_untracked()
        .and_then(|id| context.data.place(&id))
        .map(|p| p.position as u32);
    let close_ref = NodeRef::<leptos::html::Button>::new();
    let body_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(button) = close_ref.get() {
            let _ = button.focus();
        }
    });
    Effect::new(move |_| {
        // Once the text is there, bring the first mention into view.
        if text.get().is_some() {
            request_animation_frame(move || {
                if let Some(mark) = body_ref
                    .get_untracked()
                    .and_then(|b| b.query_selector("mark").ok().flatten())
                {
                    mark.scroll_into_view();
                }
            });
        }
    });
    let body = move || {
        Suspend::new(async move {
            match text.await {
                Ok(article) => {
                    let ranges: Vec<std::ops::Range<usize>> = article
                        .marks
                        .iter()
                        .filter(|[p, _, _]| Some(*p) == place)
                        .map(|&[_, start, end]| start as usize..end as usize)
                        .collect();
                    let body = segments(&article.text, &ranges)
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
                    view! {
                        <div data-testid="article-text" class="article-text" tabindex="0" node_ref=body_ref>
                            {body}
                        </div>
                    }
                    .into_any()
                }
                Err(error) => view! {
                    <p class="reader-status" role="alert">
                        {move || lang.get().strings().load_failed} " " {error.to_string()}
                    </p>
                }
                .into_any(),
            }
        })
    };
    let close_id = id.clone();
    view! {
        <section class="ui reader" role="dialog" aria-modal="true" aria-labelledby="reader-title">
            <div class="reader-head">
                <h2 id="reader-title">{title}</h2>
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
            {article.date.is_some().then(|| view! { <p class="reader-date"><ArticleDate article=article /></p> })}
            <Suspense fallback=move || {
                view! {
                    <p class="reader-status" role="status">{move || lang.get().strings().loading}</p>
                }
            }>{body}</Suspense>
        </section>
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
