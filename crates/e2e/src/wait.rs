//! The one way the tests wait: on a condition, for a bounded time.
//!
//! fantoccini's own `Client::wait()` only awaits elements and URLs; the tests
//! also await page state (a fragment, a computed style, a fetched file), so
//! every wait goes through [`wait_until`] instead, which checks often at first
//! (most conditions hold within a frame or two) and less often later (a
//! rebuild may take minutes), and names what it waited for when it gives up.

use std::cell::RefCell;
use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::Error;

/// The first pause between two checks; it doubles up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(25);
/// The longest pause between two checks.
const MAX_PAUSE: Duration = Duration::from_secs(1);

/// Checks `condition` until it holds, for at most `timeout`. The condition
/// may fail with this crate's [`Error`] or any error made from it (such as
/// `anyhow::Error`, in tests).
///
/// # Errors
/// [`Error::Timeout`] naming `what`, or the condition's own error (which ends
/// the wait at once: a failing query does not get better by asking again).
pub async fn wait_until<F, Fut, E>(
    what: &str,
    timeout: Duration,
    mut condition: F,
) -> std::result::Result<(), E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = std::result::Result<bool, E>>,
    E: From<Error>,
{
    let started = Instant::now();
    let mut pause = FIRST_PAUSE;
    loop {
        if condition().await? {
            return Ok(());
        }
        let waited = started.elapsed();
        if waited >= timeout {
            return Err(Error::Timeout {
                what: what.to_owned(),
                waited,
            }
            .into());
        }
        tokio::time::sleep(pause.min(timeout - waited)).await;
        pause = (pause * 2).min(MAX_PAUSE);
    }
}

/// Reads a value until it has stayed the same (by `same`) for `quiet`, for
/// at most `timeout`, and returns it: for state the page keeps changing
/// for a while (an animated zoom, a fragment rewritten once the view rests).
///
/// # Errors
/// As [`wait_until`].
pub async fn wait_for_settled<T, F, Fut, E>(
    what: &str,
    timeout: Duration,
    quiet: Duration,
    same: impl Fn(&T, &T) -> bool,
    mut read: F,
) -> std::result::Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = std::result::Result<T, E>>,
    E: From<Error>,
{
    // The value read last and since when it has not changed.
    let last: RefCell<Option<(T, Instant)>> = RefCell::new(None);
    wait_until::<_, _, E>(what, timeout, || {
        let now = read();
        let (last, same) = (&last, &same);
        async move {
            let now = now.await?;
            let mut last = last.borrow_mut();
            match &*last {
                Some((value, since)) if same(value, &now) => Ok(since.elapsed() >= quiet),
                _ => {
                    *last = Some((now, Instant::now()));
                    Ok(false)
                }
            }
        }
    })
    .await?;
    let (value, _) = last
        .into_inner()
        .expect("wait_until returns Ok only after a read");
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[tokio::test]
    async fn returns_as_soon_as_the_condition_holds() {
        let checks = Cell::new(0);
        wait_until("the third check", Duration::from_secs(5), || async {
            checks.set(checks.get() + 1);
            Ok::<_, Error>(checks.get() == 3)
        })
        .await
        .unwrap();
        assert_eq!(checks.get(), 3);
    }

    #[tokio::test]
    async fn gives_up_after_the_timeout_naming_what_it_waited_for() {
        let started = Instant::now();
        let error = wait_until("Godot", Duration::from_millis(200), || async {
            Ok::<_, Error>(false)
        })
        .await
        .unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(error.to_string().contains("waiting for Godot"), "{error}");
    }

    #[tokio::test]
    async fn a_settled_value_is_the_one_that_stopped_changing() {
        let reads = Cell::new(0);
        let started = Instant::now();
        let value = wait_for_settled(
            "the count to stop",
            Duration::from_secs(5),
            Duration::from_millis(100),
            |a: &u32, b: &u32| a == b,
            || async {
                reads.set(reads.get() + 1);
                Ok::<_, Error>(reads.get().min(4))
            },
        )
        .await
        .unwrap();
        assert_eq!(value, 4);
        assert!(started.elapsed() >= Duration::from_millis(100));
    }

    #[tokio::test]
    async fn a_failing_check_ends_the_wait_with_its_error() {
        let error = wait_until("nothing", Duration::from_secs(5), || async {
            Err::<bool, _>(Error::Unexpected {
                doing: "checking".into(),
                value: "garbage".into(),
            })
        })
        .await
        .unwrap_err();
        assert!(matches!(error, Error::Unexpected { .. }), "{error}");
    }
}
