//! Helpers of the accessibility tests (issue 8) and one file per journey: keys only, touch
//! only, reduced motion, colour vision and contrast.

mod colour;
mod keyboard;
mod motion;
mod touch;
mod vision;

use crate::support::Browser;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde::Deserialize;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// One axe-core violation: rule id, impact, number of nodes, help text, first targets.
#[derive(Debug, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: String,
    pub nodes: u64,
    pub help: String,
    pub targets: Vec<String>,
}

/// Runs axe-core (all rules, including colour contrast) on the page.
pub async fn axe(b: &Browser) -> Vec<Violation> {
    let path = crate::support::repo_root().join(".tools/node_modules/axe-core/axe.min.js");
    let src = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run ./scripts/setup)", path.display()));
    let _: Value = b.js(&format!("{src}\nreturn true;")).await;
    let v: Value = b
        .js("return axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact || '', nodes: v.nodes.length, help: v.help, targets: v.nodes.slice(0, 3).map(n => String(n.target)) })));")
        .await;
    serde_json::from_value(v).expect("axe result")
}

/// Runs axe on `screen`, prints the count of all violations and fails on serious or critical
/// ones. Returns the number of violating nodes.
pub async fn check(b: &Browser, screen: &str) -> u64 {
    let found = axe(b).await;
    let total: u64 = found.iter().map(|v| v.nodes).sum();
    println!(
        "axe {screen}: {total} violations ({} rules){}",
        found.len(),
        found
            .iter()
            .map(|v| format!(
                "\n  {} [{}] x{}: {} {:?}",
                v.id, v.impact, v.nodes, v.help, v.targets
            ))
            .collect::<String>()
    );
    let bad: Vec<_> = found
        .iter()
        .filter(|v| v.impact == "serious" || v.impact == "critical")
        .collect();
    assert!(
        bad.is_empty(),
        "{screen}: serious/critical axe violations: {bad:#?}"
    );
    total
}

/// Opens `path` and waits until the first choropleth is on screen.
pub async fn ready(b: &Browser, path: &str) {
    b.goto(path).await;
    b.wait_for_mark("choropleth-ready").await;
}

/// Sends key actions to whatever has the focus (WebDriver key actions, as a keyboard would:
/// no element is focused or clicked first): each of `held` goes down (a chord such as
/// Shift+Tab), then each of `keys` is pressed and released in order, then `held` comes up.
async fn key_actions(b: &Browser, held: &[char], keys: &[char]) {
    let mut seq = KeyActions::new("keyboard".to_string());
    for &k in held {
        seq = seq.then(KeyAction::Down { value: k });
    }
    for &k in keys {
        seq = seq
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    for &k in held.iter().rev() {
        seq = seq.then(KeyAction::Up { value: k });
    }
    b.client
        .perform_actions(seq)
        .await
        .unwrap_or_else(|e| panic!("keys {held:?} + {keys:?}: {e}"));
    let _ = b.client.release_actions().await;
}

/// Presses and releases `keys` in order.
pub async fn keys(b: &Browser, keys: &[char]) {
    key_actions(b, &[], keys).await;
}

/// Presses one special key.
pub async fn press(b: &Browser, key: Key) {
    keys(b, &[char::from(key)]).await;
}

/// Shift+Tab.
pub async fn shift_tab(b: &Browser) {
    key_actions(b, &[char::from(Key::Shift)], &[char::from(Key::Tab)]).await;
}

/// Types `text` key by key.
pub async fn type_text(b: &Browser, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    keys(b, &chars).await;
}

/// The focused element, and whether its focus is visible (an outline of at least 2 px, or a
/// box shadow such as the map's inset ring).
#[derive(Debug, Clone, Deserialize)]
pub struct Focused {
    /// Element name; shown (through `Debug`) in failure messages.
    #[allow(dead_code)]
    pub tag: String,
    pub id: String,
    pub class: String,
    pub text: String,
    pub visible: bool,
    /// Inside `#detail-panel`.
    pub in_panel: bool,
}

impl Focused {
    /// Has this CSS class.
    pub fn is(&self, class: &str) -> bool {
        self.class.split_whitespace().any(|c| c == class)
    }
}

/// Describes `document.activeElement`.
pub async fn focused(b: &Browser) -> Focused {
    b.js(
        "const e = document.activeElement || document.body; const s = getComputedStyle(e);
         const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
         const shadow = s.boxShadow !== 'none';
         return { tag: e.tagName.toLowerCase(), id: e.id || '', class: e.getAttribute('class') || '',
           text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 50),
           visible: outline || shadow, in_panel: !!e.closest('#detail-panel') };",
    )
    .await
}

/// Presses Tab (or Shift+Tab) until `want` holds for the focused element, at most `max` times;
/// returns every element focused on the way (the last one is the match).
pub async fn tab_until(
    b: &Browser,
    back: bool,
    max: usize,
    want: impl Fn(&Focused) -> bool,
) -> Vec<Focused> {
    let mut seen = Vec::new();
    for _ in 0..max {
        if back {
            shift_tab(b).await;
        } else {
            press(b, Key::Tab).await;
        }
        let f = focused(b).await;
        let hit = want(&f);
        seen.push(f);
        if hit {
            return seen;
        }
    }
    panic!("not reached within {max} Tab presses; focused on the way: {seen:#?}");
}

/// Waits until `script` (a function body) returns true.
pub async fn wait_until(b: &Browser, script: &str, what: &str) {
    let start = Instant::now();
    loop {
        if b.js::<bool>(script).await {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// One touch event through CDP (`touchStart`, `touchMove`, `touchEnd`) with fingers at `points`
/// (CSS px in the viewport; finger ids are their indexes).
pub async fn touch(b: &Browser, kind: &str, points: &[(f64, f64)]) {
    b.touch(kind, points).await;
}

/// Moves fingers from `from` to `to` in `steps` touch moves (start and end included).
pub async fn drag(b: &Browser, from: &[(f64, f64)], to: &[(f64, f64)], steps: usize) {
    touch(b, "touchStart", from).await;
    for s in 1..=steps {
        let t = s as f64 / steps as f64;
        let pts: Vec<(f64, f64)> = from
            .iter()
            .zip(to)
            .map(|(a, z)| (a.0 + (z.0 - a.0) * t, a.1 + (z.1 - a.1) * t))
            .collect();
        touch(b, "touchMove", &pts).await;
        tokio::time::sleep(Duration::from_millis(16)).await;
    }
    touch(b, "touchEnd", &[]).await;
}

/// The map's scale (`data-scale`) once it exceeds `min`, or where it stands after 4 s (zooms
/// animate: waited for, not slept over).
pub async fn scale_above(b: &Browser, min: f64) -> f64 {
    let mut scale = f64::NAN;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        scale = b
            .js("return +document.querySelector('.map-canvas').dataset.scale;")
            .await;
        if scale > min {
            break;
        }
    }
    scale
}

/// Centre of the first element matching `css` once it has stopped moving (sheet slides, scrolls)
/// and is the element a finger there would touch.
pub async fn settled_centre(b: &Browser, css: &str) -> (f64, f64) {
    let start = Instant::now();
    let mut last = centre(b, css).await;
    loop {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let now = centre(b, css).await;
        let on_top: bool = b
            .js(&format!(
                "const e = document.querySelector({css}); const t = document.elementFromPoint({x}, {y}); return !!t && (t === e || e.contains(t));",
                css = json!(css),
                x = now.0,
                y = now.1
            ))
            .await;
        if now == last && on_top {
            return now;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{css} did not settle under the finger: {last:?} → {now:?}, on top: {on_top}"
        );
        last = now;
    }
}

/// Centre of the first element matching `css`, in viewport CSS px.
pub async fn centre(b: &Browser, css: &str) -> (f64, f64) {
    b.wait_for(css).await;
    b.js(&format!(
        "const r = document.querySelector({}).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2];",
        json!(css)
    ))
    .await
}
