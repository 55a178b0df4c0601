//! The one way the tests wait: on a condition, for a bounded time.
//!
//! fantoccini's own `Client::wait()` only awaits elements and URLs; the tests
//! also await page state (a fragment, a computed style, a fetched file), so
//! every wait goes through [`wait_until`] instead, which checks often at first
//! (most conditions hold within a frame or two) and less often later (a
//! rebuild may take minutes), and names what it waited for when it gives up.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The first pause between two checks; it doubles up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(25);
/// The longest pause between two checks.
const MAX_PAUSE: Duration = Duration::from_secs(1);

/// Checks `condition` until it holds, for at most `timeout`.
///
/// # Errors
/// [`Error::Timeout`] naming `what`, or the condition's own error (which ends
/// the wait at once: a failing query does not get better by asking again).
pub async fn wait_until<F, Fut>(what: &str, timeout: Duration, mut condition: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<bool>>,
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
            });
        }
        tokio::time::sleep(pause.min(timeout - waited)).await;
        pause = (pause * 2).min(MAX_PAUSE);
    }
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
            Ok(checks.get() == 3)
        })
        .await
        .unwrap();
        assert_eq!(checks.get(), 3);
    }

    #[tokio::test]
    async fn gives_up_after_the_timeout_naming_what_it_waited_for() {
        let started = Instant::now();
        let error = wait_until("Godot", Duration::from_millis(200), || async { Ok(false) })
            .await
            .unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(error.to_string().contains("waiting for Godot"), "{error}");
    }

    #[tokio::test]
    async fn a_failing_check_ends_the_wait_with_its_error() {
        let error = wait_until("nothing", Duration::from_secs(5), || async {
            Err(Error::Unexpected {
                doing: "checking".into(),
                value: "garbage".into(),
            })
        })
        .await
        .unwrap_err();
        assert!(matches!(error, Error::Unexpected { .. }), "{error}");
    }
}
