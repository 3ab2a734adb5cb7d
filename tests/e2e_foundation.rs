//! Issue 2's promises, checked in a real headless Chromium against the release build in `dist/`:
//! the header says "Buurtkaart", `/` has a `#map`, the "Over" link leads to `/over`, and `/over`
//! works as a deep link. Also makes the README's screenshots at desktop and phone size.

mod support;

use support::{png_size, Browser, BrowserOptions, Fault};

/// Opens `/` by URL, checks the skeleton, follows the "Over" link and saves a screenshot.
async fn home_then_over(width: u32, height: u32, shot: &str) {
    let b = Browser::start(width, height).await;

    b.goto("/").await;
    b.wait_for_text("header", "Buurtkaart").await;
    b.wait_for("#map").await;
    let viewport: (u32, u32) = b
        .js("return [window.innerWidth, window.innerHeight];")
        .await;
    assert_eq!(viewport, (width, height), "viewport size");
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "the map page logged errors: {errors:#?}");

    let path = b.screenshot(shot).await;
    assert_eq!(
        png_size(&path),
        (width, height),
        "{} has the wrong size",
        path.display()
    );

    b.click("a[href$='/over']").await;
    b.wait_for_path("/over").await;
    b.wait_for_text("h1", "Over Buurtkaart").await;
    b.close().await;
}

#[tokio::test]
async fn desktop_home_and_over_link() {
    home_then_over(1280, 800, "foundation-desktop").await;
}

#[tokio::test]
async fn phone_home_and_over_link() {
    home_then_over(390, 844, "foundation-phone").await;
}

#[tokio::test]
async fn over_is_a_deep_link() {
    let b = Browser::start(1280, 800).await;
    b.goto("/over").await;
    b.wait_for_text("h1", "Over Buurtkaart").await;
    b.wait_for_text("header", "Buurtkaart").await;
    assert_eq!(b.path().await, "/over");
    // The deep link was answered by the SPA fallback with index.html, not a 404.
    let over = b
        .requests()
        .into_iter()
        .find(|r| r.path == "/over")
        .expect("the server saw no request for /over");
    assert_eq!(over.status, 200);
    let header_link: String = b
        .js("return document.querySelector('header a[href$=\"/over\"]').textContent;")
        .await;
    assert_eq!(header_link.trim(), "Over");
    // Crawlers find a real robots.txt, not the app's index.html (Lighthouse's SEO audit).
    let robots: String = b
        .js("return fetch('/robots.txt').then(r => r.ok ? r.text() : 'HTTP ' + r.status);")
        .await;
    assert!(
        robots.starts_with("User-agent: *"),
        "robots.txt: {robots:?}"
    );
    b.close().await;
}

/// The harness itself: content types, SPA fallback limits, faults, dark mode, phone emulation.
#[tokio::test]
async fn harness_serves_types_faults_and_emulation() {
    let b = Browser::start_with(BrowserOptions {
        width: 390,
        height: 844,
        dark: true,
        faults: vec![
            Fault::status("/fault-503.json", 503),
            Fault::status("/retry-me", 500).times(1),
            Fault::truncate("/index.html", 10).times(1),
        ],
        ..Default::default()
    })
    .await;
    b.goto("/").await;
    b.wait_for("#map").await;
    // Ask the page itself, so the checks cover what the browser sees.
    let script = r#"
        const wasm = performance.getEntriesByType('resource').map(e => e.name).find(n => n.endsWith('.wasm'));
        const head = await fetch(wasm, { method: 'HEAD' });
        const fault = await fetch('/fault-503.json');
        const missing = await fetch('/nope.js');
        const failed = await fetch('/retry-me');
        const retried = await fetch('/retry-me');
        const truncated = await (await fetch('/index.html')).text();
        const whole = await (await fetch('/index.html')).text();
        return [head.headers.get('content-type'), fault.status, missing.status,
                [failed.status, retried.status], truncated.length, whole.length > 100,
                matchMedia('(prefers-color-scheme: dark)').matches,
                matchMedia('(pointer: coarse)').matches, navigator.language];
    "#;
    let answers: (
        String,
        u16,
        u16,
        (u16, u16),
        usize,
        bool,
        bool,
        bool,
        String,
    ) = b
        .js(&format!("return (async () => {{ {script} }})();"))
        .await;
    assert_eq!(
        answers,
        (
            "application/wasm".to_string(),
            503,
            404,
            (500, 200),
            10,
            true,
            true,
            true,
            "nl-NL".to_string()
        ),
        "wasm type, injected 503, 404, 500 then SPA fallback, truncated once then whole, dark, touch, language"
    );
    b.close().await;
}
