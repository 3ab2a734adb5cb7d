//! The `postMessage` messages of an embed.
//!
//! **Sent** to the parent page whenever the embed's content height changes (load, resize, panel
//! opened), all three at once so that common newsroom resize scripts work without ours:
//!
//! | shape | for |
//! |---|---|
//! | `{"type":"buurtkaart:height","id":"buurtkaart-GM0344","height":612}` | our `embed.js` |
//! | `{"datawrapper-height":{"buurtkaart-GM0344":612}}` | Datawrapper's responsive-iframe snippet |
//! | `"pymxPYMx{childId}xPYMxheightxPYMx612"` (only with `childId` in the URL) | Pym.js parents |
//!
//! **Sent** for the host page's own code (`embed.js` exposes them as `buurtkaart.on(…)`):
//!
//! | shape | when |
//! |---|---|
//! | `{"type":"buurtkaart:ready","id":"buurtkaart-GM0344"}` | once, when the map is first drawn |
//! | `{"type":"buurtkaart:select","id":…,"code":"BU03440311","name":"Wilhelminapark e.o.","level":"buurt"}` | a click, tap or Enter on an area |
//!
//! **Accepted** from the parent window only: `{"type":"buurtkaart:theme","theme":"dark"|"light"|"auto"}`
//! (an object or the same as a JSON string). Everything else is ignored.
use super::options::DarkMode;
use buurtkaart_model::Level;
use serde_json::{json, Value};

/// `type` of the height message.
pub const HEIGHT_TYPE: &str = "buurtkaart:height";
/// `type` of the theme message.
pub const THEME_TYPE: &str = "buurtkaart:theme";
/// `type` of the message sent once the map is first drawn.
pub const READY_TYPE: &str = "buurtkaart:ready";
/// `type` of the message sent when a reader chooses an area.
pub const SELECT_TYPE: &str = "buurtkaart:select";
/// Longest incoming message text looked at; anything longer is ignored unparsed.
pub const MAX_INCOMING: usize = 1024;
/// The largest height believed (CSS px); a larger one is a bug or an attack, not a map.
pub const MAX_HEIGHT: u32 = 20_000;

/// Our own height message.
///
/// ```
/// use buurtkaart_core::embed::message::height_message;
/// assert_eq!(height_message("bk-1", 612).to_string(), r#"{"height":612,"id":"bk-1","type":"buurtkaart:height"}"#);
/// ```
pub fn height_message(id: &str, height: u32) -> Value {
    json!({ "type": HEIGHT_TYPE, "id": id, "height": height })
}

/// The embed `id` is drawn.
///
/// ```
/// use buurtkaart_core::embed::message::ready_message;
/// assert_eq!(ready_message("bk-1").to_string(), r#"{"id":"bk-1","type":"buurtkaart:ready"}"#);
/// ```
pub fn ready_message(id: &str) -> Value {
    json!({ "type": READY_TYPE, "id": id })
}

/// A reader of embed `id` chose area `code` (named `name`, at `level`) by click, tap or Enter.
///
/// ```
/// use buurtkaart_core::embed::message::select_message;
/// use buurtkaart_model::Level;
/// let m = select_message("bk-1", "BU03440311", "Wilhelminapark e.o.", Level::Buurt);
/// assert_eq!(m["type"], "buurtkaart:select");
/// assert_eq!((m["code"].as_str(), m["name"].as_str(), m["level"].as_str()),
///            (Some("BU03440311"), Some("Wilhelminapark e.o."), Some("buurt")));
/// ```
pub fn select_message(id: &str, code: &str, name: &str, level: Level) -> Value {
    json!({ "type": SELECT_TYPE, "id": id, "code": code, "name": name, "level": level.id() })
}

/// The same height in Datawrapper's shape (`{"datawrapper-height": {id: h}}`).
pub fn datawrapper_message(id: &str, height: u32) -> Value {
    let mut inner = serde_json::Map::new();
    inner.insert(id.to_string(), json!(height));
    json!({ "datawrapper-height": inner })
}

/// The same height as Pym.js's string message for child `child_id`.
pub fn pym_message(child_id: &str, height: u32) -> String {
    format!("pymxPYMx{child_id}xPYMxheightxPYMx{height}")
}

/// Reads a theme message (JSON text of an object); `None` for anything else.
///
/// ```
/// use buurtkaart_core::embed::{message::parse_theme, DarkMode};
/// assert_eq!(parse_theme(r#"{"type":"buurtkaart:theme","theme":"dark"}"#), Some(DarkMode::Dark));
/// assert_eq!(parse_theme(r#"{"type":"buurtkaart:theme","theme":"purple"}"#), None);
/// ```
pub fn parse_theme(text: &str) -> Option<DarkMode> {
    if text.len() > MAX_INCOMING {
        return None;
    }
    let v: Value = serde_json::from_str(text).ok()?;
    let obj = v.as_object()?;
    if obj.get("type")?.as_str()? != THEME_TYPE {
        return None;
    }
    match obj.get("theme")?.as_str()? {
        "dark" => Some(DarkMode::Dark),
        "light" => Some(DarkMode::Light),
        "auto" => Some(DarkMode::Auto),
        _ => None,
    }
}

/// Reads a height message (JSON text) as the builder's preview receives it; `None` unless it
/// is ours with a whole, positive height up to [`MAX_HEIGHT`].
pub fn parse_height(text: &str) -> Option<u32> {
    if text.len() > MAX_INCOMING {
        return None;
    }
    let v: Value = serde_json::from_str(text).ok()?;
    if v.get("type")?.as_str()? != HEIGHT_TYPE {
        return None;
    }
    let h = v.get("height")?.as_f64()?;
    (h.is_finite() && h > 0.0 && h <= MAX_HEIGHT as f64).then(|| h.ceil() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datawrapper_shape() {
        assert_eq!(
            datawrapper_message("buurtkaart-GM0344", 640).to_string(),
            r#"{"datawrapper-height":{"buurtkaart-GM0344":640}}"#
        );
        assert_eq!(
            pym_message("kaart", 640),
            "pymxPYMxkaartxPYMxheightxPYMx640"
        );
    }

    #[test]
    fn theme_messages_are_validated() {
        assert_eq!(
            parse_theme(r#"{"type":"buurtkaart:theme","theme":"light"}"#),
            Some(DarkMode::Light)
        );
        assert_eq!(
            parse_theme(r#"{"type":"buurtkaart:theme","theme":"auto","extra":1}"#),
            Some(DarkMode::Auto)
        );
        for bad in [
            "",
            "dark",
            "null",
            "[]",
            r#"{"theme":"dark"}"#,
            r#"{"type":"buurtkaart:height","theme":"dark"}"#,
            r#"{"type":"buurtkaart:theme","theme":true}"#,
            r#"{"type":"buurtkaart:theme","theme":"DARK"}"#,
            r#"{"type":["buurtkaart:theme"],"theme":"dark"}"#,
        ] {
            assert_eq!(parse_theme(bad), None, "{bad}");
        }
        let huge = format!(
            r#"{{"type":"buurtkaart:theme","theme":"dark","x":"{}"}}"#,
            "a".repeat(5000)
        );
        assert_eq!(parse_theme(&huge), None);
    }

    #[test]
    fn height_messages_round_trip_and_junk_is_refused() {
        assert_eq!(
            parse_height(&height_message("x", 612).to_string()),
            Some(612)
        );
        assert_eq!(
            parse_height(r#"{"type":"buurtkaart:height","height":611.2}"#),
            Some(612)
        );
        for bad in [
            r#"{"type":"buurtkaart:height","height":-1}"#,
            r#"{"type":"buurtkaart:height","height":0}"#,
            r#"{"type":"buurtkaart:height","height":1e9}"#,
            r#"{"type":"buurtkaart:height","height":"600"}"#,
            r#"{"datawrapper-height":{"x":600}}"#,
        ] {
            assert_eq!(parse_height(bad), None, "{bad}");
        }
    }
}
