//! The timeline: articles per month as a small histogram, a range of two
//! thumbs ("From", "To": native range inputs, so the keyboard, touch and
//! screen readers work as everywhere), a button playing the months in
//! order, and the count of what the map shows (always visible).
//!
//! The range is [`TimeRange`] (the URL's `when=`); the thumbs at both ends
//! of the span mean no range. The maths is in [`crate::timeline`].

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use model::YearMonth;

use crate::i18n::format_date;
use crate::shown::Shown;
use crate::state::{ArticleFilter, MapContext, ShownArticles, TimeRange, UiLang};
use crate::timeline::Histogram;

/// How long each month shows while the timeline plays.
const PLAY_STEP: Duration = Duration::from_millis(900);

/// Height of the histogram's bars at the peak, in its own units.
const BAR_HEIGHT: u32 = 24;

/// The timeline card at the bottom of the map.
#[component]
pub fn Timeline() -> impl IntoView {
    let context = expect_context::<MapContext>();
    let ArticleFilter(filter) = expect_context();
    let TimeRange(when) = expect_context();
    let ShownArticles(shown) = expect_context();
    let UiLang(lang) = expect_context();
    let data = context.data.clone();
    // The span is every dated article's; the bars count what the article
    // filter keeps, so the months of the chosen articles stand out.
    let histogram = Memo::new(move |_| {
        let kept = filter.with(|ids| Shown::new(&data, ids, None));
        let months = |keep: bool| {
            data.articles
                .iter()
                .enumerate()
                .filter(|(i, _)| !keep || kept.article(*i as u32))
                .filter_map(|(_, a)| a.month)
                .collect::<Vec<YearMonth>>()
        };
        Histogram::new(months(false), months(true)).map(Arc::new)
    });
    let counts = {
        let data = context.data.clone();
        Memo::new(move |_| {
            shown.with(|shown| {
                let places = data.places.iter().filter(|p| shown.place(&p.place)).count();
                (shown.article_count(), places)
            })
        })
    };
    let strings = move || lang.get().strings();
    let playing = RwSignal::new(false);
    let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    let stop = move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(None);
        playing.set(false);
    };
    let play = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        let Some(h) = histogram.get_untracked() else {
            return;
        };
        when.set(h.play_step(when.get_untracked(), false));
        playing.set(true);
        let handle = set_interval_with_handle(
            move || match histogram
                .get_untracked()
                .and_then(|h| h.play_step(when.get_untracked(), true))
            {
                Some(next) => when.set(Some(next)),
                None => stop(),
            },
            PLAY_STEP,
        );
        timer.set_value(handle.ok());
    };
    on_cleanup(move || {
        if let Some(Some(handle)) = timer.try_get_value() {
            handle.clear();
        }
    });

    let thumbs = move || {
        histogram
            .get()
            .map(|h| h.thumbs(when.get()))
            .unwrap_or((0, 0))
    };
    // A thumb never passes the other: the moved one stops at it.
    let set_from = move |ev: leptos::ev::Event| {
        let Some(h) = histogram.get_untracked() else {
            return;
        };
        let (_, to) = h.thumbs(when.get_untracked());
        let from = event_target_value(&ev)
            .parse::<usize>()
            .unwrap_or(0)
            .min(to);
        // The input may already show past the other thumb while the range
        // does not change: put it back at once.
        event_target::<web_sys::HtmlInputElement>(&ev).set_value(&from.to_string());
        stop();
        when.set(h.range(from, to));
    };
    let set_to = move |ev: leptos::ev::Event| {
        let Some(h) = histogram.get_untracked() else {
            return;
        };
        let (from, _) = h.thumbs(when.get_untracked());
        let to = event_target_value(&ev)
            .parse::<usize>()
            .unwrap_or(0)
            .max(from);
        event_target::<web_sys::HtmlInputElement>(&ev).set_value(&to.to_string());
        stop();
        when.set(h.range(from, to));
    };
    let month_text = move |index: usize| {
        histogram
            .get()
            .map(|h| format_date(lang.get(), h.month(index), None))
            .unwrap_or_default()
    };
    let range_text = move || match (when.get(), histogram.get()) {
        (Some(range), Some(_)) if range.from == range.to => {
            format_date(lang.get(), range.from, None)
        }
        (Some(range), Some(_)) => format!(
            "{} – {}",
            format_date(lang.get(), range.from, None),
            format_date(lang.get(), range.to, None)
        ),
        (_, None) => strings().no_dates.to_owned(),
        (None, Some(_)) => strings().all_dates.to_owned(),
    };
    let bars = move || {
        let h = histogram.get()?;
        let (from, to) = h.thumbs(when.get());
        let peak = h.peak();
        let bars = h
            .counts
            .iter()
            .enumerate()
            .map(|(i, &count)| {
                let height = if count == 0 {
                    0
                } else {
                    (count * BAR_HEIGHT).div_ceil(peak).max(2)
                };
                view! {
                    <rect
                        class="bar"
                        class:in-range=(from..=to).contains(&i)
                        x=i.to_string()
                        y=(BAR_HEIGHT - height).to_string()
                        width="0.8"
                        height=height.to_string()
                    />
                }
            })
            .collect_view();
        Some(view! {
            <svg
                class="histogram"
                data-testid="histogram"
                aria-hidden="true"
                viewBox=format!("-0.1 0 {} {BAR_HEIGHT}", h.len())
                preserveAspectRatio="none"
            >
                {bars}
            </svg>
        })
    };
    let max = move || histogram.get().map_or(0, |h| h.len() - 1).to_string();

    view! {
        <section class="ui timeline" data-testid="timeline" aria-label=move || strings().timeline>
            <p class="shown-count" data-testid="shown-count" aria-live="polite">
                {move || {
                    let (articles, places) = counts.get();
                    strings().shown_count(articles, places)
                }}
            </p>
            <Show when=move || histogram.with(Option::is_some)>
                <div class="timeline-row">
                    <button
                        class="play"
                        data-testid="play"
                        aria-pressed=move || playing.get().to_string()
                        aria-label=move || strings().play[usize::from(playing.get())]
                        title=move || strings().play[usize::from(playing.get())]
                        on:click=play
                    >
                        {move || if playing.get() { "❚❚" } else { "▶" }}
                    </button>
                    <div class="range">
                        {bars}
                        <input
                            type="range"
                            class="thumb from"
                            data-testid="time-from"
                            min="0"
                            max=max
                            step="1"
                            aria-label=move || strings().from
                            prop:value=move || thumbs().0.to_string()
                            aria-valuetext=move || month_text(thumbs().0)
                            on:input=set_from
                        />
                        <input
                            type="range"
                            class="thumb to"
                            data-testid="time-to"
                            min="0"
                            max=max
                            step="1"
                            aria-label=move || strings().to
                            prop:value=move || thumbs().1.to_string()
                            aria-valuetext=move || month_text(thumbs().1)
                            on:input=set_to
                        />
                    </div>
                </div>
                <p class="range-text">
                    <span data-testid="range-text">{range_text}</span>
                    <Show when=move || when.with(Option::is_some)>
                        <button
                            class="all-dates"
                            data-testid="all-dates"
                            on:click=move |_| {
                                stop();
                                when.set(None);
                            }
                        >
                            {move || strings().all_dates}
                        </button>
                    </Show>
                </p>
            </Show>
        </section>
    }
}
