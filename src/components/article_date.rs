//! An article's date as every part of the app shows it (popup, reader,
//! article list): in the interface's words, with a `<time>` element for
//! machines, and said to be inferred when the geocoder took it from the
//! article's text rather than its header.

use leptos::prelude::*;
use model::site::IndexArticle;

use crate::i18n::format_date;
use crate::state::UiLang;

/// The day of an article's date when it is written in ISO (`2021-06-17`).
pub fn iso_day(article: &IndexArticle) -> Option<u8> {
    let date = article.date.as_deref()?;
    (date.len() == 10 && date.as_bytes().get(7) == Some(&b'-'))
        .then(|| date.get(8..)?.parse().ok())
        .flatten()
}

/// The date of `article`, or nothing when it is undated.
#[component]
pub fn ArticleDate(
    /// The article, as the index lists it.
    article: IndexArticle,
) -> impl IntoView {
    let UiLang(lang) = expect_context();
    let day = iso_day(&article);
    let month = article.month;
    // A header date the geocoder could not read is shown as written.
    let written = article.date.clone();
    let machine = month.map(|m| match day {
        Some(day) => format!("{m}-{day:02}"),
        None => m.to_string(),
    });
    let text = move || match month {
        Some(month) => format_date(lang.get(), month, day),
        None => written.clone().unwrap_or_default(),
    };
    (month.is_some() || article.date.is_some()).then(|| {
        view! {
            <time datetime=machine data-testid="article-date">{text}</time>
            {article.date_inferred.then(|| view! {
                " "
                <em class="inferred" data-testid="inferred">
                    "(" {move || lang.get().strings().inferred} ")"
                </em>
            })}
        }
    })
}
