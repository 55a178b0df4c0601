//! The map: its state (created by [`crate::state`]), its gestures
//! ([`crate::gestures`]), its links to the world outside, and the stack of layers.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use crate::components::{
    article_list::ArticleList, article_view::ArticleView, attribution::Attribution,
    basemap::Basemap, controls::Controls, embed_dialog::FullMapLink, filter_chip::FilterChip,
    language_picker::LanguagePicker, legend::Legend, markers::Markers, popup::Popup,
    scale_bar::ScaleBar, search::Search, timeline::Timeline, zone_dialog::ZoneDialog, zones::Zones,
};
use crate::data::MapData;
use crate::gestures::Gestures;
use crate::state::{provide_map_state, Setup};
use crate::{iframe, resize, url_sync};

/// The viewport-filling map element with every layer inside it.
#[component]
pub fn Map(
    /// Everything to draw.
    data: Arc<MapData>,
    /// The first state and how the app is hosted.
    setup: Setup,
) -> impl IntoView {
    let size = setup.size.unwrap_or_else(resize::window_size);
    let state = provide_map_state(data, &setup, size);
    let gestures = Gestures::new(&state);
    if setup.standalone {
        // The standalone page is the map: the window's size and keys are its own.
        resize::follow_window_size(state.context.clone());
        let keys = window_event_listener(ev::keydown, move |event| gestures.escape(&event));
        on_cleanup(move || keys.remove());
        url_sync::sync_url(state.context.clone());
        iframe::talk_to_parent(state.context.clone());
    } else {
        resize::follow_element_size(state.context.clone());
    }

    let crate::state::Panels(panels) = expect_context();
    crate::occluders::follow_panels(state.root, panels);
    let stage = first_view_stages(state.lang);
    // Memos, so that a layer is built once, when its stage comes: a plain
    // `stage.get() >= wanted` re-ran each layer's closure at every later
    // stage, and built the whole basemap a second time with the panels.
    let basemap_drawn = Memo::new(move |_| stage.get() >= Stage::Basemap);
    let lines_drawn = Memo::new(move |_| stage.get() >= Stage::Lines);
    let panels_drawn = Memo::new(move |_| stage.get() >= Stage::Panels);
    let (lang, hosting) = (state.lang, state.hosting);
    let strings = move || lang.get().strings();
    view! {
        <main
            data-testid="map"
            class="map"
            class:mounted=!setup.standalone
            class:embed=hosting.embed
            lang=move || lang.get().code()
            data-theme=hosting.theme.map(|t| t.code())
            node_ref=state.root
            tabindex="0"
            aria-label=move || strings().map_label
            // Busy while the first view is drawn in stages: assistive
            // technologies (and the browser tests) wait for the whole of it.
            aria-busy=move || (!panels_drawn.get()).then_some("true")
            on:pointerdown=move |e| gestures.pointer_down(e)
            on:pointermove=move |e| gestures.pointer_move(e)
            on:pointerup=move |e| gestures.pointer_end(e)
            on:pointercancel=move |e| gestures.pointer_end(e)
            on:wheel=move |e| gestures.wheel(e)
            on:dblclick=move |e| gestures.double_click(e)
            on:click=move |e| gestures.click(e)
            on:keydown=move |e| gestures.key_down(e)
        >
            <div class="pane" node_ref=gestures.pane()>
                {move || basemap_drawn.get().then(|| view! { <Basemap lines=lines_drawn.into() /> })}
                {move || lines_drawn.get().then(|| view! { <Zones /> })}
                <Markers />
            </div>
            // The title card, the filter chip and the article list stack in
            // one column, so each sits below the last whatever its height
            // (language, search results, the width of a phone).
            <div class="top-left">
                <header class="ui title-card">
                    <h1>{move || strings().title}</h1>
                    <Search />
                    <FullMapLink />
                    <LanguagePicker />
                </header>
                <FilterChip />
                {move || panels_drawn.get().then(|| view! { <ArticleList /> })}
            </div>
            <Controls />
            // The legend and scale bar, the timeline and the attribution
            // line share the bottom in flow: each stays clear of the others
            // whatever their heights (the links of what is shown make the
            // line wrap on a phone, where the legend goes above the timeline).
            <div class="bottom">
                <div class="bottom-left">
                    <Legend />
                    <ScaleBar />
                </div>
                {move || panels_drawn.get().then(|| view! { <Timeline /> })}
                <Attribution />
            </div>
            <Popup />
            <ZoneDialog />
            <ArticleView />
        </main>
    }
}

/// The parts of the first view, in the order they are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// The markers, the title card, the controls, the legend.
    Markers,
    /// The countries' shapes.
    Basemap,
    /// The coasts and borders, and the zones' areas.
    Lines,
    /// The article list and the timeline.
    Panels,
}

impl Stage {
    /// The stage drawn after this one.
    fn next(self) -> Option<Stage> {
        match self {
            Stage::Markers => Some(Stage::Basemap),
            Stage::Basemap => Some(Stage::Lines),
            Stage::Lines => Some(Stage::Panels),
            Stage::Panels => None,
        }
    }
}

/// Draws the first view in four tasks, one [`Stage`] each, with a paint
/// between them: drawn in one, it blocked the page for about 600 ms on a
/// phone-speed CPU (Lighthouse's total blocking time counts what a task
/// takes beyond 50 ms). The markers come first: they are what a reader
/// looks for and clicks. Before the panels, a task of its own readies the
/// dates the timeline writes ([`crate::i18n::prepare_date_format`]).
fn first_view_stages(lang: RwSignal<crate::permalink::Lang>) -> ReadSignal<Stage> {
    let (stage, set_stage) = signal(Stage::Markers);
    // After the next paint: a timeout set in an animation frame runs once
    // that frame is on screen.
    fn after_next_paint(then: impl FnOnce() + 'static) {
        request_animation_frame(move || set_timeout(then, std::time::Duration::ZERO));
    }
    // Draws `stage` after the next paint, then the stages after it. The
    // map may be gone by then (an unmounted embed): `try_set` and
    // `try_get_untracked` say so, and nothing more is drawn.
    fn draw_from(
        stage: Stage,
        set_stage: WriteSignal<Stage>,
        lang: RwSignal<crate::permalink::Lang>,
    ) {
        after_next_paint(move || {
            let draw = move || {
                if set_stage.try_set(stage).is_none() {
                    if let Some(next) = stage.next() {
                        draw_from(next, set_stage, lang);
                    }
                }
            };
            if stage != Stage::Panels {
                draw();
            } else if let Some(lang) = lang.try_get_untracked() {
                crate::i18n::prepare_date_format(lang);
                set_timeout(draw, std::time::Duration::ZERO);
            }
        });
    }
    if let Some(next) = Stage::Markers.next() {
        draw_from(next, set_stage, lang);
    }
    stage
}
