//! Chromedriver's own commands, which fantoccini does not know: the
//! (pre-W3C, still supported) browser log, and the DevTools protocol
//! passthrough. Both are a POST of a JSON body to an endpoint of the session.

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

/// A chromedriver vendor command: `POST session/{id}/{path}` with `body`.
#[derive(Debug)]
pub(crate) struct VendorCommand {
    /// The endpoint under the session, e.g. `se/log`.
    path: &'static str,
    /// The JSON body.
    body: Value,
}

impl VendorCommand {
    /// `se/log`: returns (and clears) the browser's console entries.
    pub(crate) fn browser_log() -> Self {
        Self {
            path: "se/log",
            body: json!({ "type": "browser" }),
        }
    }

    /// `goog/cdp/execute`: runs DevTools protocol `command` with `params`
    /// and returns its result object.
    pub(crate) fn cdp(command: &str, params: Value) -> Self {
        Self {
            path: "goog/cdp/execute",
            body: json!({ "cmd": command, "params": params }),
        }
    }
}

impl WebDriverCompatibleCommand for VendorCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_post_their_body_to_their_session_endpoint() {
        let base = url::Url::parse("http://127.0.0.1:9515/").unwrap();
        let log = VendorCommand::browser_log();
        assert_eq!(
            log.endpoint(&base, Some("abc")).unwrap().as_str(),
            "http://127.0.0.1:9515/session/abc/se/log"
        );
        let (method, body) = log.method_and_body(&base);
        assert_eq!(method, http::Method::POST);
        assert_eq!(body.as_deref(), Some(r#"{"type":"browser"}"#));
        let cdp = VendorCommand::cdp("Performance.enable", json!({}));
        assert_eq!(
            cdp.endpoint(&base, Some("abc")).unwrap().as_str(),
            "http://127.0.0.1:9515/session/abc/goog/cdp/execute"
        );
        let body: Value = serde_json::from_str(&cdp.method_and_body(&base).1.unwrap()).unwrap();
        assert_eq!(body, json!({ "cmd": "Performance.enable", "params": {} }));
    }
}
