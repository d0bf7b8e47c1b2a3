//! Share links: `<page>#s=1.<base64url of the deflated scenario JSON>`.
//!
//! The `1.` is the link version: a later version adds a new prefix and keeps
//! decoding this one, so a link shared today replays in every later release.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::{Scenario, ScenarioError, phrases};
use crate::explain::Text;
use crate::text;

/// Links longer than this are refused (SCENARIO.md).
pub const MAX_LINK_BYTES: usize = 8 * 1024;
/// A decompressed scenario larger than this is refused (no zip bombs).
const MAX_JSON_BYTES: usize = 1 << 20;
const VERSION_1: &str = "1.";

/// The fragment payload (`1.…`) for a scenario, without `#s=`.
pub fn encode(scenario: &Scenario) -> String {
    let json = serde_json::to_string(scenario).expect("a scenario always serializes");
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{VERSION_1}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// A full link: `page` followed by `#s=` and the payload.
pub fn link(page: &str, scenario: &Scenario) -> String {
    format!("{page}#s={}", encode(scenario))
}

/// Decodes a whole link, a `#s=…` fragment or a bare `1.…` payload.
pub fn decode(link: &str) -> Result<Scenario, ScenarioError> {
    let err = |reason: Text| ScenarioError::new("link", reason);
    let link = link.trim();
    if link.len() > MAX_LINK_BYTES {
        return Err(err(text!(phrases::LINK_TOO_LONG, len = link.len(), max = MAX_LINK_BYTES)));
    }
    let payload = match link.find("#s=") {
        Some(i) => &link[i + 3..],
        None => link.strip_prefix("s=").unwrap_or(link),
    };
    // Other fragment parameters may follow the scenario (`&…`).
    let payload = payload.split('&').next().unwrap_or_default();
    let Some(body) = payload.strip_prefix(VERSION_1) else {
        let version = payload.split('.').next().unwrap_or_default();
        return Err(if payload.contains('.') && !version.is_empty() && version.len() <= 4 {
            err(text!(phrases::LINK_VERSION, version = format!("{version:?}")))
        } else {
            err(text!(phrases::NOT_A_LINK))
        });
    };
    let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| err(text!(phrases::LINK_NOT_BASE64)))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_JSON_BYTES)
        .map_err(|_| err(text!(phrases::LINK_NOT_DEFLATE)))?;
    let json = String::from_utf8(json).map_err(|_| err(text!(phrases::LINK_NOT_TEXT)))?;
    Scenario::from_json(&json)
}
