//! Issue 17, link previews: what a crawler gets for an area's URL (plain HTTP GET, no
//! JavaScript) from the static server, as a static host with
//! `try_files $uri $uri/index.html /index.html` answers it: the area's own title and
//! description, Open Graph and Twitter tags, a 1200 × 630 share image of at most 300 KB, the
//! oEmbed discovery link and a `rich` oEmbed answer with the embed's iframe; and that the app
//! still boots on such a page.
//!
//! Needs `dist/` with the previews: `trunk build --release` then
//! `cargo run --release -p buurtkaart-pipeline -- previews` (./scripts/test does both).

mod support;

use serde_json::Value;
use std::path::Path;
use support::server::StaticServer;
use support::Browser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Utrecht, one of its wijken and one of its buurten.
const GEMEENTE: &str = "/gemeente/GM0344";
const WIJK: &str = "/wijk/WK034401";
const BUURT: &str = "/buurt/BU03440112";

/// An answer: status, content type and body.
struct Answer {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain HTTP/1.1 GET, as a link-preview crawler makes it (no JavaScript, no cookies).
async fn get(origin: &str, path: &str) -> Answer {
    let host = origin.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host)
        .await
        .unwrap_or_else(|e| panic!("connect {host}: {e}"));
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: facebookexternalhit/1.1\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("GET {path}: no header end"));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw[split + 4..].to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    assert!(
        header("transfer-encoding").is_empty(),
        "GET {path}: chunked answers are not read here"
    );
    Answer {
        status,
        content_type: header("content-type"),
        body,
    }
}

/// The `content` of `<meta property="{property}" …>` (or `name=`), unescaped enough to compare.
fn meta(html: &str, property: &str) -> Option<String> {
    let needles = [
        format!(r#"<meta property="{property}" content=""#),
        format!(r#"<meta name="{property}" content=""#),
    ];
    needles.iter().find_map(|n| {
        let start = html.find(n.as_str())? + n.len();
        let end = start + html[start..].find('"')?;
        Some(unescape(&html[start..end]))
    })
}

/// An attribute value of the first tag that starts with `tag_start`.
fn attr(html: &str, tag_start: &str, name: &str) -> Option<String> {
    let tag = &html[html.find(tag_start)?..];
    let tag = &tag[..tag.find('>')?];
    let key = format!(r#"{name}=""#);
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn title(html: &str) -> String {
    let start = html.find("<title>").expect("a <title>") + "<title>".len();
    unescape(&html[start..start + html[start..].find("</title>").unwrap()])
}

/// The path of an absolute URL (the pages name the configured public URL; the test server runs
/// on another port).
fn path_of(url: &str) -> String {
    let rest = url
        .split_once("://")
        .map(|(_, r)| r)
        .unwrap_or_else(|| panic!("not an absolute URL: {url}"));
    rest[rest.find('/').unwrap_or(rest.len())..].to_string()
}

fn server() -> StaticServer {
    let dist = support::dist_dir();
    assert!(
        dist.join("gemeente/GM0344/index.html").is_file(),
        "{} has no link previews: run `cargo run --release -p buurtkaart-pipeline -- previews` after `trunk build --release` (./scripts/test does)",
        dist.display()
    );
    StaticServer::start(&dist, "/", Vec::new())
}

/// Checks the tags of one page and returns its HTML.
async fn check_page(origin: &str, path: &str, title_has: &str) -> String {
    let page = get(origin, path).await;
    assert_eq!(page.status, 200, "GET {path}");
    assert!(
        page.content_type.starts_with("text/html"),
        "{path}: {}",
        page.content_type
    );
    let html = page.text();
    assert!(html.len() < 40_000, "{path}: {} bytes of HTML", html.len());
    let t = title(&html);
    assert!(
        t.contains(title_has) && t.ends_with("– Buurtkaart"),
        "{path}: title {t:?}"
    );
    assert_eq!(
        meta(&html, "og:title").as_deref(),
        Some(t.as_str()),
        "{path}"
    );
    let description = meta(&html, "description").unwrap_or_default();
    assert!(
        description.starts_with("Leefbaarheid in ") && description.contains("Bron: Leefbaarometer"),
        "{path}: description {description:?}"
    );
    assert_eq!(
        meta(&html, "og:description").as_deref(),
        Some(description.as_str())
    );
    assert_eq!(meta(&html, "og:locale").as_deref(), Some("nl_NL"));
    assert_eq!(meta(&html, "og:type").as_deref(), Some("website"));
    assert_eq!(
        meta(&html, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"));
    assert_eq!(meta(&html, "og:image:height").as_deref(), Some("630"));
    assert!(meta(&html, "og:image:alt").is_some_and(|a| a.starts_with("Kaart van ")));
    let canonical = attr(&html, r#"<link rel="canonical""#, "href").expect("a canonical link");
    assert!(canonical.ends_with(path), "{path}: canonical {canonical}");
    assert_eq!(meta(&html, "og:url").as_deref(), Some(canonical.as_str()));
    // The same app shell as the fallback: the hashed script and wasm, the boot shell.
    let shell = get(origin, "/index.html").await.text();
    for (tag, what) in [
        ("<link rel=\"modulepreload\"", "script"),
        ("<link rel=\"preload\" href=", "wasm"),
    ] {
        let href = attr(&shell, tag, "href").unwrap_or_else(|| panic!("the shell names no {what}"));
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "{path} lacks the app's {what} {href}"
        );
    }
    assert!(
        html.contains("<script type=\"module\">"),
        "{path}: no loader"
    );
    assert!(html.contains(r#"id="boot-shell""#), "{path}: no boot shell");
    html
}

#[tokio::test]
async fn a_crawler_sees_each_areas_own_preview() {
    let server = server();
    let origin = server.origin.clone();
    let g = check_page(&origin, GEMEENTE, "Utrecht").await;
    let w = check_page(&origin, WIJK, ", Utrecht").await;
    let b = check_page(&origin, BUURT, ", Utrecht").await;
    assert!(
        meta(&g, "description").unwrap().contains("(klasse "),
        "a gemeente's class in words"
    );
    assert!(
        meta(&w, "description").unwrap().contains("geen klasse"),
        "wijken have no class"
    );
    assert_ne!(title(&w), title(&b));

    // A name with an apostrophe is escaped in the HTML and reads right once parsed.
    let bosch = check_page(&origin, "/gemeente/GM0796", "'s-Hertogenbosch").await;
    assert!(bosch.contains("<title>&#39;s-Hertogenbosch – Buurtkaart</title>"));

    // The share image: a 1200 × 630 PNG of at most 300 KB; a buurt shows its gemeente's.
    let image = meta(&b, "og:image").unwrap();
    assert_eq!(Some(image.clone()), meta(&g, "og:image"));
    let png = get(&origin, &path_of(&image)).await;
    assert_eq!(png.status, 200, "GET {image}");
    assert_eq!(png.content_type, "image/png");
    let dir = support::repo_root().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("preview-GM0344.png");
    std::fs::write(&file, &png.body).unwrap();
    assert_eq!(support::png_size(&file), (1200, 630));
    assert!(png.body.len() <= 300 * 1024, "{} bytes", png.body.len());

    // oEmbed: discovered from the page, type rich, the builder's iframe code.
    let href = attr(
        &b,
        r#"<link rel="alternate" type="application/json+oembed""#,
        "href",
    )
    .expect("an oEmbed discovery link");
    let answer = get(&origin, &path_of(&href)).await;
    assert_eq!(answer.status, 200, "GET {href}");
    assert!(answer.content_type.starts_with("application/json"));
    let o: Value = serde_json::from_slice(&answer.body).expect("oEmbed JSON");
    assert_eq!(o["type"], "rich");
    assert_eq!(o["version"], "1.0");
    assert_eq!(o["provider_name"], "Buurtkaart");
    assert!(o["width"].as_u64().is_some() && o["height"].as_u64().is_some());
    let title = o["title"].as_str().unwrap();
    assert!(title.contains("Utrecht"), "{title}");
    let html = o["html"].as_str().unwrap();
    assert!(
        html.starts_with("<iframe src=\"")
            && html.contains("/embed/buurt/BU03440112?indicator=lbm_klasse"),
        "{html}"
    );
    assert!(html.contains("embed.js"), "{html}");
    // Where iframes are stripped: the gemeente's share image, linked to the full map.
    assert!(
        html.contains("<noscript><a href=") && html.contains(&format!("<img src=\"{image}\"")),
        "{html}"
    );

    // The shell at `/` (and every path without a page) carries the national image.
    let home = get(&origin, "/").await.text();
    let national = meta(&home, "og:image").expect("og:image on /");
    assert!(national.ends_with("/previews/nederland.png"), "{national}");
    assert!(
        !home.contains("rel=\"canonical\""),
        "the fallback must not claim one URL"
    );
    let png = get(&origin, &path_of(&national)).await;
    assert_eq!(png.status, 200);
    assert!(png.body.len() <= 300 * 1024);
    // A path without a page still gets the fallback.
    let about = get(&origin, "/over").await;
    assert_eq!(about.status, 200);
    assert!(about.text().contains(r#"id="boot-shell""#));
}

#[tokio::test]
async fn every_gemeente_has_a_small_share_image() {
    let dist = support::dist_dir();
    let dir = dist.join("previews");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = std::fs::metadata(&path).unwrap().len();
        assert_eq!(support::png_size(&path), (1200, 630), "{}", path.display());
        assert!(bytes <= 300 * 1024, "{}: {bytes} bytes", path.display());
        n += 1;
    }
    let gemeenten = std::fs::read_dir(dist.join("gemeente")).unwrap().count();
    assert!(
        n > gemeenten,
        "{n} images for {gemeenten} gemeenten (and one national)"
    );
    assert!(Path::new(&dir.join("nederland.png")).is_file());
}

#[tokio::test]
async fn the_app_boots_on_a_preview_page() {
    let b = Browser::start(1280, 800).await;
    b.goto(BUURT).await;
    b.wait_for_mark("choropleth-ready").await;
    // The page served was the preview (its tags are there), and the app took over.
    let og: String = b
        .js("var m = document.querySelector('meta[property=\"og:title\"]'); return m ? m.content : '';")
        .await;
    assert!(og.ends_with(", Utrecht – Buurtkaart"), "og:title {og:?}");
    b.wait_for(".panel-name").await;
    assert_eq!(b.path().await, BUURT);
    // The app's own title agrees with the static one.
    let start = std::time::Instant::now();
    loop {
        let t: String = b.js("return document.title;").await;
        if t == og {
            break;
        }
        assert!(
            start.elapsed().as_secs() < 20,
            "document.title {t:?} never became {og:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.close().await;
}
