mod support;
use serde_json::json;
use support::{Browser, BrowserOptions};
#[tokio::test]
async fn timeline() {
    let b = Browser::start_with(BrowserOptions {
        width: 390,
        height: 844,
        ..Default::default()
    })
    .await;
    b.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 }))
        .await;
    b.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": "window.__L=[];new PerformanceObserver(l=>{for(const e of l.getEntries())window.__L.push([e.startTime,e.duration]);}).observe({type:'longtask',buffered:true});" })).await;
    b.goto("/").await;
    b.wait_for_mark("choropleth-ready").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let out: Vec<(String, f64, f64)> = b.js("const m = performance.getEntriesByType('mark').map(e=>['mark '+e.name,e.startTime,0]); const l = window.__L.map(t=>['LONG',t[0],t[1]]); return m.concat(l).sort((a,b)=>a[1]-b[1]);").await;
    for (n, t, d) in out {
        println!("{t:8.0} {d:6.0} {n}");
    }
    b.close().await;
}
