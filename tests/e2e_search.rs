//! Issue 15, item 4, in a real headless Chromium: names people use ("Den Haag" finds
//! 's-Gravenhage and Enter zooms there), a full postcode says the letters are not searched,
//! and a misspelt name offers the name meant.

mod support;

use fantoccini::key::Key;
use support::Browser;

/// Clears the search box and types `text`; returns the first option's code once the list or
/// the note shows.
async fn type_query(b: &Browser, text: &str) -> String {
    let input = b.wait_for("#search").await;
    input.clear().await.expect("clear the search box");
    input.send_keys(text).await.expect("type in the search box");
    b.wait_for("#search-list:not([hidden]) [role='option']")
        .await;
    b.js("return document.querySelector('#search-list [role=option]').dataset.code;")
        .await
}

async fn note(b: &Browser) -> String {
    b.js("const n = document.querySelector('.search-note'); return n && !n.hidden ? n.innerText : '';")
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn aliases_full_postcodes_and_near_misses() {
    let b = Browser::start(1280, 800).await;
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;

    assert_eq!(type_query(&b, "Den Haag").await, "GM0518");
    assert_eq!(note(&b).await, "");
    let national: f64 = b
        .js("return +document.querySelector('.map-canvas').dataset.scale;")
        .await;
    b.wait_for("#search")
        .await
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("Enter");
    b.wait_for_path("/gemeente/GM0518").await;
    b.wait_for(".panel-area[data-code='GM0518']").await;
    let start = std::time::Instant::now();
    loop {
        let scale: f64 = b
            .js("return +document.querySelector('.map-canvas').dataset.scale;")
            .await;
        if scale > national * 3.0 {
            break;
        }
        assert!(
            start.elapsed() < support::TIMEOUT,
            "no zoom to Den Haag: {scale} (national {national})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    assert_eq!(type_query(&b, "den bosch").await, "GM0796");

    type_query(&b, "3511 AB").await;
    let n = note(&b).await;
    assert!(n.contains("postcode 3511") && n.contains("AB"), "{n:?}");

    assert_eq!(type_query(&b, "Oosterdoksieland").await, "BU0363AF01");
    let n = note(&b).await;
    assert!(n.contains("Bedoelde u"), "{n:?}");
    b.screenshot("search-near-miss-desktop").await;
    b.close().await;
}

/// "Waar ben ik?" with the browser's position emulated: the Domplein in Utrecht selects its
/// buurt; a refused permission says so.
#[tokio::test(flavor = "multi_thread")]
async fn where_am_i_selects_the_buurt_of_the_position() {
    let b = Browser::start(1280, 800).await;
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;
    b.cdp(
        "Browser.grantPermissions",
        serde_json::json!({ "permissions": ["geolocation"] }),
    )
    .await;
    b.cdp(
        "Emulation.setGeolocationOverride",
        serde_json::json!({ "latitude": 52.09073, "longitude": 5.12222, "accuracy": 10 }),
    )
    .await;
    b.click(".locate-button").await;
    b.wait_for(".panel-area[data-code^='BU0344']").await;
    let path = b.path().await;
    println!("Domplein, Utrecht: {path}");
    assert!(path.starts_with("/buurt/BU0344"), "{path}");

    b.cdp(
        "Browser.setPermission",
        serde_json::json!({ "permission": { "name": "geolocation" }, "setting": "denied" }),
    )
    .await;
    b.click(".locate-button").await;
    b.wait_for_text(".locate-status", "Geen toestemming").await;
    b.close().await;
}
