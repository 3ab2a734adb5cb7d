//! Issue 9 in a real headless Chromium: the CSV and SVG downloads of a view whose area names
//! are hostile (markup, quotes, spreadsheet formulas, right-to-left text, emoji). The downloads
//! are made through the buttons of the share bar and caught in the page (the `<a download>`
//! click is intercepted and its blob read back), so the bytes checked are the bytes a reader
//! would save.
//!
//! * CSV: starts with the UTF-8 byte-order mark; every text cell that starts with `=`, `+`, `-`
//!   or `@` is neutralised with a leading `'`; quotes are doubled; names come back intact.
//! * SVG: parses as XML (`DOMParser`, no `parsererror`), has no `<script` and no `on…`
//!   attribute, and the title shows the hostile name as text.

mod support;

use serde_json::Value;
use std::path::PathBuf;
use support::{Browser, BrowserOptions};

/// Hostile names: `(level file, code, name)`.
const HOSTILE: &[(&str, &str, &str)] = &[
    ("buurt.areas.json", "BU0363AF01", "=cmd|' /C calc'!A0"),
    ("buurt.areas.json", "BU0363AF02", "+SUM(1;1) Lastage"),
    ("buurt.areas.json", "BU0363AF03", "-2+3 Scheepvaart"),
    ("buurt.areas.json", "BU0363AF04", "@SUM(A1) Rapenburg"),
    (
        "buurt.areas.json",
        "BU0363AF05",
        "\"Quote's\" & <b>vet</b>; Nieuwmarkt",
    ),
    (
        "buurt.areas.json",
        "BU0363AF06",
        "<script>alert(1)</script>Uilenburg",
    ),
    (
        "buurt.areas.json",
        "BU0363AF07",
        "\u{202E}حي الاختبار Valkenburg",
    ),
    (
        "buurt.areas.json",
        "BU0363AF08",
        "Zuiderkerk 🏠🌳\u{1F3F3}\u{FE0F}",
    ),
    (
        "gemeente.areas.json",
        "GM0363",
        "=HYPERLINK(\"http://x\") <svg onload=alert(3)> Amsterdam 🏠",
    ),
];

/// Catches downloads: a click on an `<a download href="blob:…">` reads the blob instead.
const CATCH: &str = "window.__downloads = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download') && this.href.startsWith('blob:')) {
      const entry = { name: this.getAttribute('download'), done: false };
      window.__downloads.push(entry);
      fetch(this.href).then(r => r.blob()).then(async b => {
        const bytes = new Uint8Array(await b.arrayBuffer());
        entry.type = b.type;
        entry.bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        entry.text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        entry.done = true;
      });
      return;
    }
    return click.call(this);
  };
  window.__dialogs = [];
  for (const f of ['alert', 'confirm', 'prompt']) {
    window[f] = (...a) => { window.__dialogs.push(f + ':' + a.join(',')); };
  }";

/// A copy of dist/ with the [`HOSTILE`] names, in a folder of its own per `tag` (tests run in
/// parallel).
fn hostile_dist(tag: &str) -> PathBuf {
    support::dist_with_names(tag, |file, code, _| {
        HOSTILE
            .iter()
            .find(|(f, c, _)| *f == file && *c == code)
            .map(|(_, _, name)| name.to_string())
    })
}

/// Clicks `button` and returns the caught download (`name`, `type`, `bom`, `text`).
async fn download(b: &Browser, button: &str) -> Value {
    let before: u64 = b.js("return window.__downloads.length;").await;
    b.click(button).await;
    let start = std::time::Instant::now();
    loop {
        let d: Value = b
            .js(&format!(
                "const d = window.__downloads[{before}]; return d && d.done ? d : null;"
            ))
            .await;
        if !d.is_null() {
            return d;
        }
        let status: String = b
            .js("const s = document.querySelector('.share-bar .share-status'); return s ? s.innerText : '';")
            .await;
        assert!(
            start.elapsed() < support::TIMEOUT,
            "{button}: no download; status {status:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The cells of a `;`-separated CSV with `"` quoting (CRLF line ends).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ';') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A browser on Amsterdam's buurten with the [`HOSTILE`] names (a dist/ copy in a folder named
/// after `tag`), its downloads caught: every hostile buurt is in view, and the gemeente's name
/// titles the exports.
async fn amsterdam_with_hostile_names(tag: &str) -> (Browser, PathBuf) {
    let dist = hostile_dist(tag);
    let b = Browser::start_with(BrowserOptions {
        dist: Some(dist.clone()),
        ..Default::default()
    })
    .await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": CATCH }),
    )
    .await;
    b.goto("/gemeente/GM0363?niveau=buurt").await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for(".share-bar .export-geojson").await;
    (b, dist)
}

#[tokio::test]
async fn csv_and_svg_downloads_of_hostile_names_are_safe() {
    let (b, dist) = amsterdam_with_hostile_names("export").await;

    // CSV.
    let csv = download(&b, ".share-bar .export-csv").await;
    println!("csv: {} ({})", csv["name"], csv["type"]);
    assert!(csv["name"].as_str().unwrap().ends_with(".csv"));
    assert_eq!(csv["bom"], true, "the CSV starts with the UTF-8 BOM");
    let text = csv["text"].as_str().unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "BOM kept as the first character"
    );
    let rows = parse_csv(text.trim_start_matches('\u{feff}'));
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (code, naam, waarde) = (col("Code"), col("Naam"), col("Waarde"));
    for (file, c, name) in HOSTILE.iter().filter(|(f, ..)| *f == "buurt.areas.json") {
        let row = rows
            .iter()
            .find(|r| r.get(code).map(String::as_str) == Some(*c))
            .unwrap_or_else(|| panic!("{file}: no row for {c}"));
        let cell = &row[naam];
        let expected = if name.starts_with(['=', '+', '-', '@']) {
            format!("'{name}")
        } else {
            name.to_string()
        };
        assert_eq!(cell, &expected, "{c}: name cell");
    }
    // Every text cell (all but the value) is safe to open in a spreadsheet.
    for row in &rows[1..] {
        for (i, cell) in row.iter().enumerate() {
            assert!(
                i == waarde || !cell.starts_with(['=', '+', '-', '@']),
                "row {row:?}: cell {i} {cell:?} could run as a formula"
            );
        }
        assert_eq!(row.len(), header.len(), "row {row:?}: one cell per column");
    }
    // Quotes are doubled in the file itself.
    assert!(
        text.contains("\"\"\"Quote's\"\" & <b>vet</b>; Nieuwmarkt\""),
        "quotes doubled and the cell quoted"
    );
    // The gemeente, as the parent of the wijk rows or not at all, is neutralised too.
    assert!(
        !text.contains(";=HYPERLINK") && !text.contains(";\"=HYPERLINK"),
        "the gemeente name is neutralised wherever it appears"
    );

    // SVG.
    let svg = download(&b, ".share-bar .export-svg").await;
    println!("svg: {} ({})", svg["name"], svg["type"]);
    assert!(svg["name"].as_str().unwrap().ends_with(".svg"));
    let text = svg["text"].as_str().unwrap();
    assert!(
        !text.to_lowercase().contains("<script"),
        "no <script in the SVG"
    );
    assert!(!text.contains("<svg onload"), "the hostile name is escaped");
    let check: Value = b
        .js(&format!(
            "const doc = new DOMParser().parseFromString({}, 'image/svg+xml');
             const all = [...doc.querySelectorAll('*')];
             return {{
               parseError: !!doc.querySelector('parsererror'),
               root: doc.documentElement.nodeName,
               scripts: doc.querySelectorAll('script').length,
               handlers: all.flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
               foreign: all.filter(e => e.namespaceURI !== 'http://www.w3.org/2000/svg').map(e => e.nodeName),
               title: (doc.querySelector('title') || {{}}).textContent || '',
               texts: [...doc.querySelectorAll('text')].map(t => t.textContent),
             }};",
            serde_json::to_string(text).unwrap()
        ))
        .await;
    println!("svg check: {check}");
    assert_eq!(check["parseError"], false, "the SVG parses as XML");
    assert_eq!(check["root"], "svg");
    assert_eq!(check["scripts"], 0);
    assert_eq!(
        check["handlers"],
        serde_json::json!([]),
        "no on… attributes"
    );
    assert_eq!(
        check["foreign"],
        serde_json::json!([]),
        "no elements from names"
    );
    let shown = format!("{} {}", check["title"], check["texts"]);
    assert!(
        shown.contains("<svg onload=alert(3)> Amsterdam 🏠"),
        "the gemeente name is shown as text: {shown}"
    );

    let dialogs: Vec<String> = b.js("return window.__dialogs;").await;
    assert!(dialogs.is_empty(), "dialogs opened: {dialogs:?}");
    b.close().await;
    let _ = std::fs::remove_dir_all(dist);
}

/// Twice the signed area of a ring of `[lon, lat]` positions (positive: counter-clockwise).
fn ring_area(ring: &[Value]) -> f64 {
    let p: Vec<(f64, f64)> = ring
        .iter()
        .map(|q| (q[0].as_f64().unwrap(), q[1].as_f64().unwrap()))
        .collect();
    p.windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum()
}

/// Checks one Polygon's rings (RFC 7946 § 3.1.6): closed, four positions or more, in the
/// Netherlands, exterior counter-clockwise and holes clockwise. Returns the number of rings.
fn check_polygon(code: &str, rings: &[Value]) -> usize {
    assert!(!rings.is_empty(), "{code}: a polygon without rings");
    for (k, ring) in rings.iter().enumerate() {
        let ring = ring.as_array().unwrap();
        assert!(
            ring.len() >= 4,
            "{code}: ring {k} has {} positions",
            ring.len()
        );
        assert_eq!(ring.first(), ring.last(), "{code}: ring {k} is not closed");
        for q in ring {
            let q = q.as_array().unwrap();
            assert_eq!(q.len(), 2, "{code}: [lon, lat]");
            let (lon, lat) = (q[0].as_f64().unwrap(), q[1].as_f64().unwrap());
            assert!(
                (3.2..7.3).contains(&lon) && (50.7..53.6).contains(&lat),
                "{code}: [{lon}, {lat}] is not lon/lat in the Netherlands"
            );
        }
        let a = ring_area(ring);
        if k == 0 {
            assert!(a > 0.0, "{code}: exterior ring clockwise");
        } else {
            assert!(a < 0.0, "{code}: hole {k} counter-clockwise");
        }
    }
    rings.len()
}

#[tokio::test]
async fn geojson_download_is_rfc7946_with_the_csvs_areas_and_values() {
    let (b, dist) = amsterdam_with_hostile_names("export-geojson").await;
    let label: String = b
        .js("return document.querySelector('.share-bar .export-geojson').textContent;")
        .await;
    assert_eq!(label, "Geodata (GeoJSON)");

    let csv = download(&b, ".share-bar .export-csv").await;
    let rows = parse_csv(csv["text"].as_str().unwrap().trim_start_matches('\u{feff}'));
    let header = rows[0].clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let geo = download(&b, ".share-bar .export-geojson").await;
    let name = geo["name"].as_str().unwrap();
    println!("geojson: {name} ({})", geo["type"]);
    assert!(name.ends_with(".geojson"), "{name}");
    assert_eq!(geo["type"], "application/geo+json");
    let text = geo["text"].as_str().unwrap();
    assert!(
        !text.contains("NaN") && !text.contains("Infinity"),
        "no NaN"
    );
    // Read back with serde_json alone, independent of the writer.
    let doc: Value = serde_json::from_str(text).expect("the GeoJSON parses as JSON");
    assert_eq!(doc["type"], "FeatureCollection");
    let features = doc["features"].as_array().unwrap();
    assert_eq!(
        features.len(),
        rows.len() - 1,
        "one feature per CSV row (the areas in view)"
    );
    let (mut polygons, mut holes) = (0, 0);
    for (f, row) in features.iter().zip(&rows[1..]) {
        assert_eq!(f["type"], "Feature");
        let p = &f["properties"];
        let code = p["code"].as_str().unwrap();
        assert_eq!(code, row[col("Code")], "features in the CSV's order");
        assert_eq!(f["id"], code);
        assert_eq!(p["niveau"], "buurt");
        // Names as they are (JSON needs no formula guard): the CSV's with its guard removed.
        let plain = |column: &str| {
            let cell = row[col(column)].as_str();
            cell.strip_prefix('\'')
                .filter(|n| n.starts_with(['=', '+', '-', '@']))
                .unwrap_or(cell)
                .to_string()
        };
        assert_eq!(p["naam"], plain("Naam"), "{code}: name");
        assert_eq!(
            p["wijk"].as_str().unwrap_or(""),
            plain("Ligt in"),
            "{code}: wijk"
        );
        assert_eq!(
            p["gemeente"].as_str().unwrap_or(""),
            plain("Gemeente"),
            "{code}: gemeente"
        );
        // The value as in the CSV (decimal comma there), missing as null with no class.
        let csv_value = row[col("Waarde")].replace(',', ".");
        match p["waarde"].as_f64() {
            Some(v) => {
                assert!(
                    (v - csv_value.parse::<f64>().unwrap()).abs() < 1e-9,
                    "{code}: value"
                );
                assert_eq!(p["klasse"], row[col("Klasse")].as_str(), "{code}: class");
            }
            None => {
                assert!(
                    p["waarde"].is_null() && csv_value.is_empty(),
                    "{code}: missing value"
                );
                assert!(p["klasse"].is_null(), "{code}: a class without a value");
            }
        }
        let g = &f["geometry"];
        let coords = g["coordinates"].as_array().unwrap();
        match g["type"].as_str().unwrap() {
            "Polygon" => {
                holes += check_polygon(code, coords) - 1;
                polygons += 1;
            }
            "MultiPolygon" => {
                for poly in coords {
                    holes += check_polygon(code, poly.as_array().unwrap()) - 1;
                    polygons += 1;
                }
            }
            t => panic!("{code}: geometry {t}"),
        }
    }
    println!(
        "{} features, {polygons} polygons, {holes} holes",
        features.len()
    );
    assert!(features.len() > 300, "Amsterdam's buurten");
    let hostile = features
        .iter()
        .find(|f| f["properties"]["code"] == "BU0363AF07")
        .expect("a hostile buurt in view");
    assert_eq!(
        hostile["properties"]["naam"],
        "\u{202E}حي الاختبار Valkenburg"
    );
    assert_eq!(
        hostile["properties"]["gemeente"],
        "=HYPERLINK(\"http://x\") <svg onload=alert(3)> Amsterdam 🏠"
    );
    // At most six decimals in every number of the file.
    let long = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|n| n.split_once('.').is_some_and(|(_, f)| f.len() > 6));
    assert_eq!(long, None, "a coordinate with more than six decimals");
    b.close().await;
    let _ = std::fs::remove_dir_all(dist);
}
