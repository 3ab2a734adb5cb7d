//! prefers-reduced-motion: no CSS transition or animation runs, and the zoom buttons jump to
//! the new scale in one frame (the map never animates a zoom).

use super::{ready, wait_until};
use crate::support::{Browser, BrowserOptions};
use serde_json::json;

/// Longest transition or animation (seconds) declared on any element of the page.
const LONGEST_MOTION: &str = "
    const secs = v => Math.max(0, ...v.split(',').map(s => parseFloat(s) * (s.trim().endsWith('ms') ? 0.001 : 1)));
    let worst = [0, ''];
    for (const e of document.querySelectorAll('*')) {
      const s = getComputedStyle(e);
      const t = Math.max(secs(s.transitionDuration), s.animationName !== 'none' ? secs(s.animationDuration) : 0);
      if (t > worst[0]) worst = [t, e.tagName + '.' + (e.getAttribute('class') || '')];
    }
    return worst;";

async fn emulate(b: &Browser, reduce: bool) {
    let value = if reduce { "reduce" } else { "no-preference" };
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-reduced-motion", "value": value }] }),
    )
    .await;
}

#[tokio::test]
async fn reduced_motion_turns_off_transitions_and_zoom_jumps() {
    let b = Browser::start_with(BrowserOptions {
        width: 390,
        height: 844,
        reduced_motion: true,
        ..Default::default()
    })
    .await;
    ready(&b, "/").await;

    // Without the preference the bottom sheet slides; with it nothing moves.
    emulate(&b, false).await;
    let (normal, what): (f64, String) = b.js(LONGEST_MOTION).await;
    assert!(
        normal > 0.0,
        "expected the sheet's slide without reduced motion"
    );
    emulate(&b, true).await;
    let (reduced, still): (f64, String) = b.js(LONGEST_MOTION).await;
    println!("longest transition/animation: {normal} s ({what}) → {reduced} s with reduced motion");
    assert_eq!(
        reduced, 0.0,
        "motion left with prefers-reduced-motion: {still}"
    );

    // The zoom button changes the scale once, straight to the new value: record every scale
    // the map draws from the click on.
    let before: f64 = b
        .js("return +document.querySelector('.map-canvas').dataset.scale;")
        .await;
    let _: bool = b
        .js("window.__scales = []; new MutationObserver(() => window.__scales.push(+document.querySelector('.map-canvas').dataset.scale))
               .observe(document.querySelector('.map-canvas'), { attributes: true, attributeFilter: ['data-scale'] });
             document.querySelector('.zoom-in').click(); return true;")
        .await;
    wait_until(&b, "return window.__scales.length > 0;", "the zoomed frame").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let scales: Vec<f64> = b.js("return window.__scales;").await;
    println!("zoom-in: {before} → {scales:?}");
    assert!(
        scales.iter().all(|s| (s / before - 1.6).abs() < 1e-6),
        "the zoom passed through in-between scales: {before} → {scales:?}"
    );
    b.close().await;
}
