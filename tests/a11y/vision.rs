//! Colour vision and contrast: the legend classes stay apart under simulated deuteranopia,
//! protanopia and tritanopia (Chromium's own simulation, measured on screenshots), for both
//! palettes; the key text colours meet WCAG AA on their backgrounds, light and dark.

use super::colour::{base64, contrast, delta_e2000, lab};
use super::ready;
use crate::support::{save_screenshot, Browser};
use serde_json::json;
use std::time::Duration;

const DEFICIENCIES: [&str; 4] = ["none", "deuteranopia", "protanopia", "tritanopia"];

/// Smallest CIEDE2000 difference we accept between any two legend classes under a
/// simulation. About 5 and more: told apart side by side on a map without hunting.
const MIN_DELTA_E: f64 = 5.0;

/// A PNG of the viewport (or of `clip`: x, y, width, height) as CDP captures it, scaled.
async fn capture(b: &Browser, clip: Option<[f64; 4]>, scale: f64) -> String {
    let (w, h): (f64, f64) = b.js("return [innerWidth, innerHeight];").await;
    let [x, y, width, height] = clip.unwrap_or([0.0, 0.0, w, h]);
    let shot = b
        .cdp(
            "Page.captureScreenshot",
            json!({ "format": "png", "clip": { "x": x, "y": y, "width": width, "height": height, "scale": scale } }),
        )
        .await;
    shot["data"].as_str().expect("screenshot data").to_string()
}

/// Colours of the legend's class swatches (no-data left out) as the screen shows them now.
async fn swatch_colours(b: &Browser) -> Vec<[u8; 3]> {
    let rect: [f64; 4] = b
        .js("const r = document.querySelector('.legend-items').getBoundingClientRect(); return [r.x, r.y, r.width, r.height];")
        .await;
    let points: Vec<(f64, f64)> = b
        .js("return [...document.querySelectorAll('.legend-item .swatch:not(.nodata)')].map(s => { const r = s.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });")
        .await;
    let png = capture(b, Some(rect), 1.0).await;
    let rel: Vec<(f64, f64)> = points
        .iter()
        .map(|(x, y)| ((x - rect[0]).floor(), (y - rect[1]).floor()))
        .collect();
    // Decode in the page: the simulation filter applies to the screen, not to this canvas.
    b.js(&format!(
        "const img = new Image(); img.src = 'data:image/png;base64,{png}';
         return img.decode().then(() => {{
           const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
           const g = c.getContext('2d'); g.drawImage(img, 0, 0);
           return {}.map(([x, y]) => {{
             const d = g.getImageData(x - 1, y - 1, 3, 3).data; const m = [0, 0, 0];
             for (let i = 0; i < 36; i += 4) {{ m[0] += d[i]; m[1] += d[i + 1]; m[2] += d[i + 2]; }}
             return m.map(v => Math.round(v / 9));
           }});
         }});",
        json!(rel)
    ))
    .await
}

/// Smallest difference between any two colours, and between neighbouring classes.
fn min_differences(colours: &[[u8; 3]]) -> (f64, f64) {
    let labs: Vec<[f64; 3]> = colours.iter().map(|&c| lab(c)).collect();
    let mut any = f64::MAX;
    for i in 0..labs.len() {
        for j in i + 1..labs.len() {
            any = any.min(delta_e2000(labs[i], labs[j]));
        }
    }
    let next = labs
        .windows(2)
        .map(|w| delta_e2000(w[0], w[1]))
        .fold(f64::MAX, f64::min);
    (any, next)
}

#[tokio::test]
async fn legend_classes_stay_apart_with_colour_blindness() {
    let b = Browser::start(1280, 800).await;
    let mut table = vec![
        "| palette | simulation | classes | min ΔE00 (any two) | min ΔE00 (neighbours) |"
            .to_string(),
        "|---|---|---|---|---|".to_string(),
    ];
    let mut failures = Vec::new();
    for (palette, path) in [("std", "/"), ("alt", "/?palet=alt")] {
        ready(&b, path).await;
        b.wait_for(".legend-item .swatch").await;
        for def in DEFICIENCIES {
            b.cdp(
                "Emulation.setEmulatedVisionDeficiency",
                json!({ "type": def }),
            )
            .await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let colours = swatch_colours(&b).await;
            assert!(
                colours.len() >= 5,
                "{palette}/{def}: legend swatches {colours:?}"
            );
            let (any, next) = min_differences(&colours);
            println!("{palette} {def}: {colours:?}");
            table.push(format!(
                "| {palette} | {def} | {} | {any:.1} | {next:.1} |",
                colours.len()
            ));
            if any < MIN_DELTA_E {
                failures.push(format!("{palette}/{def}: min ΔE00 {any:.1}"));
            }
            if palette == "std" && def != "none" {
                let png = base64(&capture(&b, None, 0.5).await).expect("base64 screenshot");
                save_screenshot(&format!("vision-{def}"), &png);
            }
        }
        b.cdp(
            "Emulation.setEmulatedVisionDeficiency",
            json!({ "type": "none" }),
        )
        .await;
    }
    println!("{}", table.join("\n"));
    assert!(
        failures.is_empty(),
        "legend classes too close: {failures:?}"
    );
    b.close().await;
}

#[tokio::test]
async fn key_text_colours_meet_wcag_aa() {
    let b = Browser::start(1280, 800).await;
    ready(&b, "/").await;
    // (text variable, background variable, what it is)
    let pairs = [
        ("--text", "--surface", "body text on the sidebar"),
        ("--text", "--bg", "body text on the page"),
        ("--muted", "--surface", "labels, hints, sources"),
        ("--muted", "--bg", "muted text on the page"),
        ("--accent", "--surface", "links, table rows"),
        (
            "--accent-text",
            "--accent",
            "primary buttons, chosen suggestion",
        ),
        ("--pos-text", "--surface", "'better' figures in the panel"),
        ("--neg-text", "--surface", "'worse' figures in the panel"),
    ];
    let mut failures = Vec::new();
    println!("| pair | light | dark |\n|---|---|---|");
    let mut rows: Vec<String> = pairs
        .iter()
        .map(|p| format!("| {} ({} on {})", p.2, p.0, p.1))
        .collect();
    for theme in ["light", "dark"] {
        let _: bool = b
            .js(&format!(
                "document.documentElement.dataset.theme = '{theme}'; return true;"
            ))
            .await;
        for (i, (fg, bg, what)) in pairs.iter().enumerate() {
            let (f, k): ([u8; 3], [u8; 3]) = b
                .js(&format!(
                    "const hex = n => {{ const v = getComputedStyle(document.documentElement).getPropertyValue(n).trim();
                        const c = document.createElement('canvas').getContext('2d'); c.fillStyle = v; const h = c.fillStyle;
                        return [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16)); }};
                     return [hex('{fg}'), hex('{bg}')];"
                ))
                .await;
            let ratio = contrast(f, k);
            rows[i].push_str(&format!(" | {ratio:.1}"));
            if ratio < 4.5 {
                failures.push(format!("{theme}: {what} ({fg} on {bg}) {ratio:.2}"));
            }
        }
    }
    for r in rows {
        println!("{r} |");
    }
    assert!(failures.is_empty(), "under WCAG AA 4.5:1: {failures:#?}");
    b.close().await;
}
