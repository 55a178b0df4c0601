//! The timeline's maths: articles per month over the span of the dated
//! articles, and the thumbs' positions <-> the time range. Pure, tested
//! natively; drawn by `components/timeline.rs`.

use model::{MonthRange, YearMonth};

/// Articles per month, from the first dated article's month to the last's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    /// The first month of the span.
    pub first: YearMonth,
    /// Articles per month, one entry per month of the span (zeros too).
    pub counts: Vec<u32>,
}

impl Histogram {
    /// The span of `span` (every article's month: the timeline's extent,
    /// whatever the filter) with the counts of `counted` (the articles
    /// the filter keeps); `None` when no article is dated.
    pub fn new(
        span: impl IntoIterator<Item = YearMonth>,
        counted: impl IntoIterator<Item = YearMonth>,
    ) -> Option<Histogram> {
        let (mut first, mut last) = (None::<YearMonth>, None::<YearMonth>);
        for month in span {
            first = Some(first.map_or(month, |f| f.min(month)));
            last = Some(last.map_or(month, |l| l.max(month)));
        }
        let (first, last) = (first?, last?);
        let mut counts = vec![0; usize::try_from(first.months_until(last)).ok()? + 1];
        for month in counted {
            if let Some(count) = usize::try_from(first.months_until(month))
                .ok()
                .and_then(|i| counts.get_mut(i))
            {
                *count += 1;
            }
        }
        Some(Histogram { first, counts })
    }

    /// How many months the span has (at least 1).
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Never empty (clippy's `len_without_is_empty`).
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The month at thumb position `index` (clamped to the span).
    pub fn month(&self, index: usize) -> YearMonth {
        let last = self.len().saturating_sub(1);
        self.first.plus(i32::try_from(index.min(last)).unwrap_or(0))
    }

    /// The thumb position of `month` (clamped to the span).
    pub fn index(&self, month: YearMonth) -> usize {
        let offset = self.first.months_until(month).max(0);
        usize::try_from(offset)
            .unwrap_or(0)
            .min(self.len().saturating_sub(1))
    }

    /// The thumbs' positions for `range` (the whole span without one).
    pub fn thumbs(&self, range: Option<MonthRange>) -> (usize, usize) {
        match range {
            Some(range) => (self.index(range.from), self.index(range.to)),
            None => (0, self.len() - 1),
        }
    }

    /// The range of thumbs at `from` and `to`; `None` when they hold the
    /// whole span (no time filter, so undated articles are shown again).
    pub fn range(&self, from: usize, to: usize) -> Option<MonthRange> {
        let (from, to) = (from.min(to), from.max(to));
        if from == 0 && to + 1 >= self.len() {
            None
        } else {
            Some(MonthRange::new(self.month(from), self.month(to)))
        }
    }

    /// The month playing shows after `range`: the next one after its start
    /// (the first month when no range or at the end), or `None` when the
    /// last month has been shown.
    pub fn play_step(&self, range: Option<MonthRange>, started: bool) -> Option<MonthRange> {
        let next = match range {
            Some(range) if started => self.index(range.from) + 1,
            Some(range) if self.index(range.from) + 1 < self.len() => self.index(range.from),
            _ => 0,
        };
        (next < self.len()).then(|| MonthRange::new(self.month(next), self.month(next)))
    }

    /// The highest count, at least 1 (the bars' scale).
    pub fn peak(&self) -> u32 {
        self.counts.iter().copied().max().unwrap_or(0).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    fn seeds() -> Histogram {
        let months = [ym("2021-06"), ym("2022-10"), ym("2022-01")];
        Histogram::new(months, months[1..].iter().copied()).unwrap()
    }

    #[test]
    fn counts_every_month_of_the_span() {
        let h = seeds();
        assert_eq!((h.first, h.len()), (ym("2021-06"), 17));
        assert_eq!(h.counts.iter().sum::<u32>(), 2, "only the counted articles");
        assert_eq!(h.counts[h.index(ym("2022-10"))], 1);
        assert_eq!(h.peak(), 1);
        assert_eq!(Histogram::new([], []), None);
    }

    #[test]
    fn thumbs_and_ranges_agree() {
        let h = seeds();
        assert_eq!(h.thumbs(None), (0, 16));
        assert_eq!(h.range(0, 16), None, "the whole span is no filter");
        let october = h.range(16, 16).unwrap();
        assert_eq!(october.to_string(), "2022-10..2022-10");
        assert_eq!(h.thumbs(Some(october)), (16, 16));
        assert_eq!(h.range(5, 2).unwrap().to_string(), "2021-08..2021-11");
        // A range from a URL outside the span is clamped.
        assert_eq!(h.thumbs(Some("2000-01..2030-01".parse().unwrap())), (0, 16));
    }

    #[test]
    fn playing_steps_through_every_month_then_stops() {
        let h = seeds();
        let mut range = h.play_step(None, false);
        let mut played = Vec::new();
        while let Some(r) = range {
            played.push(r.from);
            range = h.play_step(Some(r), true);
        }
        assert_eq!(played.len(), 17);
        assert_eq!(played.first(), Some(&ym("2021-06")));
        assert_eq!(played.last(), Some(&ym("2022-10")));
        // Play starts from the range's start, or over when at the end.
        let from_january = h.play_step(Some("2022-01..2022-03".parse().unwrap()), false);
        assert_eq!(from_january.unwrap().to_string(), "2022-01..2022-01");
        let at_end = h.play_step(Some("2022-10..2022-10".parse().unwrap()), false);
        assert_eq!(at_end.unwrap().to_string(), "2021-06..2021-06");
    }
}
