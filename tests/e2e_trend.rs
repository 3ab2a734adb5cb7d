//! Issue 18 in a real headless Chromium: the trend view (`/?weergave=trend`).
//!
//! - The national means of 2002, 2012 and 2022 in the view's table, and their counts, equal the
//!   means computed here from the **raw** history file under `../shared/data` (every wijk with a
//!   score that year), not from the app's data files; the chart is drawn with 2012 marked and the
//!   generated words name both periods.
//! - The group chooser and the period reach the URL; a gemeente's own line appears.
//! - The view in an embed: the map is coloured by the change.
//! - Screenshots at desktop and phone size, light and dark.

mod support;

use buurtkaart::format;
use buurtkaart::lang::Lang;
use std::collections::BTreeMap;
use std::path::PathBuf;
use support::{Browser, BrowserOptions};

/// The raw history file (`$BUURTKAART_SOURCE` or `../shared/data` beside the repository).
fn raw_history() -> Option<String> {
    let source = std::env::var_os("BUURTKAART_SOURCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| support::repo_root().join("../shared/data"));
    std::fs::read_to_string(
        source.join("ssp-leefbaarometer-wijken/Leefbaarometer-scores wijken 2002-2022.csv"),
    )
    .ok()
}

/// Mean `lbm` and count per year over every row of the raw CSV. The name may hold commas, so
/// the fields are read from the end of the line (8 after the name: jaar, lbm, afw and 5 dims).
fn national_means(csv: &str) -> BTreeMap<u16, (f64, usize)> {
    let mut sums: BTreeMap<u16, (f64, usize)> = BTreeMap::new();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        &header[header.len() - 8..header.len() - 6],
        ["jaar", "lbm"],
        "{header:?}"
    );
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let year: u16 = f[f.len() - 8].trim().parse().unwrap();
        let lbm: f64 = f[f.len() - 7].trim().parse().unwrap();
        let e = sums.entry(year).or_default();
        e.0 += lbm;
        e.1 += 1;
    }
    sums.into_iter()
        .map(|(y, (s, n))| (y, (s / n as f64, n)))
        .collect()
}

/// The number of areas the map shows at full strength (`""` when nothing is emphasised).
async fn emphasis(b: &Browser) -> String {
    b.js("return document.querySelector('.map-canvas').dataset.emphasis || '';")
        .await
}

async fn cell(b: &Browser, year: u16, line: &str) -> (String, String) {
    b.js(&format!(
        "const td = document.querySelector(\".trend-table tr[data-year='{year}'] td[data-line='{line}']\");
         return [td.querySelector('.trend-value').textContent, (td.querySelector('.trend-n') || {{}}).textContent || ''];"
    ))
    .await
}

#[tokio::test]
async fn trend_table_holds_the_national_means_of_the_raw_file() {
    let Some(csv) = raw_history() else {
        eprintln!("skipped: the raw history file under ../shared/data is not there");
        return;
    };
    let means = national_means(&csv);
    let b = Browser::start(1280, 800).await;
    b.goto("/?weergave=trend").await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for(".trend-table tr[data-year='2022'] td[data-line='national']")
        .await;
    for year in [2002u16, 2012, 2022] {
        let (mean, n) = means[&year];
        let (value, count) = cell(&b, year, "national").await;
        assert_eq!(value, format::number(mean, 4, Lang::Nl), "{year}");
        assert_eq!(
            count,
            format!("n = {}", format::number(n as f64, 0, Lang::Nl)),
            "{year}"
        );
        eprintln!("national mean {year}: {value} ({count})");
    }
    // The chart: every year on the axis that the panel labels, 2012 marked, the lines drawn.
    let svg: String = b
        .js("return document.querySelector('.trend-chart svg').textContent")
        .await;
    for y in ["2002", "2012", "2022"] {
        assert!(svg.contains(y), "{svg}");
    }
    let marks: usize = b
        .js("return document.querySelectorAll('.trend-chart .mark').length")
        .await;
    assert_eq!(marks, 1);
    let lines: usize = b
        .js("return document.querySelectorAll('.trend-chart path.line').length")
        .await;
    assert_eq!(lines, 4, "national + three groups");
    // The words: both periods, with the national change computed from the raw file.
    let words: String = b
        .js("return document.querySelector(\".trend-sentences li[data-line='national']\").textContent")
        .await;
    let before = format::signed(means[&2012].0 - means[&2002].0, 3, Lang::Nl);
    let after = format::signed(means[&2022].0 - means[&2012].0, 3, Lang::Nl);
    assert!(words.contains(&format!("2002–2012: {before}")), "{words}");
    assert!(words.contains(&format!("2012–2022: {after}")), "{words}");
    // The map: the wijk level, coloured by the change 2012 → 2022.
    b.wait_for_text(".legend-title", "2012 → 2022").await;
    assert!(b.console_errors().await.is_empty());

    // Group by tenure: the URL keeps it; the headers name owner-occupied homes.
    b.choose("#trend-group", "koop").await;
    b.wait_for_text(".trend-table thead", "koop").await;
    assert!(b.path().await.contains("groep=koop"), "{}", b.path().await);
    // The period before 2012 on the map.
    b.choose("#trend-period", "2002-2012").await;
    b.wait_for_text(".legend-title", "2002 → 2012").await;
    assert!(b.path().await.contains("tot=2012"), "{}", b.path().await);
    // A gemeente: its own line.
    b.choose("#trend-filter", "0344").await;
    b.wait_for(".trend-table td[data-line='gemeente']").await;
    b.wait_for_text(".trend-table thead", "Utrecht").await;
    // The gemeente is in the URL: the link is the view, and it opens with Utrecht's line.
    let path = b.path().await;
    assert!(path.contains("gemeente=GM0344"), "{path}");
    b.goto(&path).await;
    b.wait_for(".trend-table td[data-line='gemeente']").await;
    b.wait_for_text(".trend-table thead", "Utrecht").await;

    // Pointing at a group's line (here by keyboard, on its legend entry) shows its wijken on
    // the map: the others are dimmed; leaving it shows all again.
    b.wait_for_mark("choropleth-ready").await;

    let _: bool = b
        .js("document.querySelectorAll('.trend-chart .chart-legend li')[2].focus(); return true;")
        .await;
    let start = std::time::Instant::now();
    let shown = loop {
        let e = emphasis(&b).await;
        if !e.is_empty() {
            break e.parse::<usize>().unwrap();
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "no emphasis"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    println!("a group line of Utrecht: {shown} wijken at full strength");
    assert!(shown > 0 && shown < 40, "{shown}");
    b.screenshot("trend-line-pointed-desktop-light").await;
    let _: bool = b.js("document.activeElement.blur(); return true;").await;
    let start = std::time::Instant::now();
    while !emphasis(&b).await.is_empty() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "still emphasised"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}

#[tokio::test]
async fn trend_in_an_embed_colours_the_map_by_change() {
    let b = Browser::start(640, 520).await;
    b.goto("/embed/gemeente/GM0344?weergave=trend").await;
    b.wait_for_mark("choropleth-ready").await;
    b.wait_for_text(".legend-title", "2012 → 2022").await;
    b.wait_for_text("body", "Leefbaarometer 3.0, meting 2022")
        .await;
    // Under the map: the lines of the country and of Utrecht, and what Utrecht's line says.
    b.wait_for(".embed-trend .trend-chart svg path.line").await;
    b.wait_for_text(".embed-trend-words", "wijken van Utrecht")
        .await;
    b.wait_for_text(".embed-trend-words", "2002–2012").await;
    let lines: usize = b
        .js("return document.querySelectorAll('.embed-trend .chart-legend li').length;")
        .await;
    assert!(lines >= 2, "{lines} lines");
    // Its words describe the map it shows: wijken by change, not buurten by class.
    b.wait_for_text(
        "#embed-alt",
        "gekleurd naar Verandering van de Leefbaarometerscore per wijk",
    )
    .await;
    b.screenshot("trend-embed").await;
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}

#[tokio::test]
async fn screenshots_of_the_trend_view() {
    for (w, h, dark, name) in [
        (1280, 800, false, "trend-desktop"),
        (1280, 800, true, "trend-desktop-dark"),
        (390, 844, false, "trend-phone"),
        (390, 844, true, "trend-phone-dark"),
    ] {
        let b = Browser::start_with(BrowserOptions {
            width: w,
            height: h,
            dark,
            ..Default::default()
        })
        .await;
        b.goto("/wijk/WK034401?weergave=trend").await;
        b.wait_for_mark("choropleth-ready").await;
        b.wait_for(".trend-table td[data-line='wijk']").await;
        b.scroll_to(".trend-panel").await;
        b.screenshot(name).await;
        // The words and the table under the chart.
        b.scroll_to(".trend-sentences").await;
        b.screenshot(&format!("{name}-words")).await;
        b.scroll_to(".trend-table").await;
        b.screenshot(&format!("{name}-table")).await;
        assert!(b.console_errors().await.is_empty(), "{name}");
        b.close().await;
    }
}

#[tokio::test]
async fn the_lines_download_as_csv_with_the_table_s_figures() {
    let dir = std::env::temp_dir().join(format!("buurtkaart-trend-csv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let b = Browser::start(1280, 800).await;
    b.allow_downloads(&dir).await;
    b.goto("/?weergave=trend&gemeente=GM0344").await;
    b.wait_for(".trend-table td[data-line='gemeente']").await;
    let (cell_2022, _) = cell(&b, 2022, "national").await;
    b.click(".trend-csv").await;
    let path = support::wait_for_download(&dir, "csv").await;
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(name, "leefbaarheid-trend-klasse-utrecht.csv");
    let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    let rows: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    println!("{}\n{}", rows[0], rows[rows.len() - 2]);
    assert!(
        rows[0]
            .to_lowercase()
            .starts_with("jaar;landelijk gemiddelde"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("Utrecht"), "{}", rows[0]);
    let last = rows.iter().find(|r| r.starts_with("2022;")).unwrap();
    assert!(
        last.starts_with(&format!("2022;{cell_2022};")),
        "{last} vs table {cell_2022}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    b.close().await;
}
