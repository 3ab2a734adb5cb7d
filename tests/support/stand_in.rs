//! Local stand-ins for the online services of `config.json`, served by the test's static
//! server under `/_stand-in/` (these machines cannot reach PDOK):
//!
//! * `/_stand-in/tiles/{z}/{x}/{y}.png`: 256 px PNG tiles of the XYZ Web Mercator grid, pale
//!   grey with one red square centred on [`MARKER`] (the Domtoren, Utrecht) in whichever tile
//!   holds it, so a test can check that a tile lands on the right pixel;
//! * `/_stand-in/locatieserver/v3_1/free?q=…`: PDOK Locatieserver v3.1 `free` answers in the
//!   documented JSON shape, for a handful of known places.
//!
//! [`config`] is the `config.json` that points the app at them.
use buurtkaart_core::carto::tiles::grid_position;

/// Where the stand-in tiles draw their marker: the Domtoren, Utrecht (lon, lat).
pub const MARKER: (f64, f64) = (5.1214, 52.0907);

/// Half the marker's side, in tile pixels (the square is 2 × this + 1 wide).
pub const MARKER_HALF: i64 = 3;

/// A `config.json` with both services on their stand-ins.
pub fn config() -> String {
    serde_json::json!({
        "tiles": {
            "url": "/_stand-in/tiles/{z}/{x}/{y}.png",
            "attribution": "Kaart: Kadaster / PDOK",
            "min_zoom": 6,
            "max_zoom": 19
        },
        "geocoder": { "url": "/_stand-in/locatieserver/v3_1" }
    })
    .to_string()
}

/// A `config.json` whose services cannot be reached: a local port that was free a moment ago
/// (connection refused, as for a host that is down).
pub fn unreachable_config() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    serde_json::json!({
        "tiles": { "url": format!("http://127.0.0.1:{port}/tiles/{{z}}/{{x}}/{{y}}.png") },
        "geocoder": { "url": format!("http://127.0.0.1:{port}/locatieserver/v3_1") }
    })
    .to_string()
}

/// The answer for a stand-in path (with query), if it is one: status, content type, body.
pub fn answer(path_and_query: &str) -> Option<(u16, &'static str, Vec<u8>)> {
    let rest = path_and_query.strip_prefix("/_stand-in/")?;
    if let Some(tile) = rest.strip_prefix("tiles/") {
        return Some(match parse_tile(tile) {
            Some((z, x, y)) => (200, "image/png", tile_png(z, x, y)),
            None => (404, "text/plain", b"no such tile".to_vec()),
        });
    }
    if let Some(query) = rest.strip_prefix("locatieserver/v3_1/free?") {
        let q = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("q="))
            .map(percent_decode)
            .unwrap_or_default();
        return Some((200, "application/json", free_answer(&q).into_bytes()));
    }
    Some((404, "text/plain", b"no such stand-in".to_vec()))
}

fn parse_tile(s: &str) -> Option<(u8, u32, u32)> {
    let s = s.strip_suffix(".png")?;
    let mut it = s.split('/');
    let z: u8 = it.next()?.parse().ok()?;
    let x: u32 = it.next()?.parse().ok()?;
    let y: u32 = it.next()?.parse().ok()?;
    (z <= 22 && it.next().is_none() && x < (1 << z) && y < (1 << z)).then_some((z, x, y))
}

/// A tile: pale grey, a slightly darker 1 px frame, and the red marker where it falls.
fn tile_png(z: u8, x: u32, y: u32) -> Vec<u8> {
    const N: usize = 256;
    let mut rgba = vec![0u8; N * N * 4];
    let (mx, my) = grid_position(MARKER.0, MARKER.1, z);
    let (px, py) = (
        ((mx - x as f64) * N as f64).floor() as i64,
        ((my - y as f64) * N as f64).floor() as i64,
    );
    for row in 0..N {
        for col in 0..N {
            let frame = row == 0 || col == 0;
            let marker =
                (col as i64 - px).abs() <= MARKER_HALF && (row as i64 - py).abs() <= MARKER_HALF;
            let c = if marker {
                [230, 0, 0, 255]
            } else if frame {
                [200, 200, 200, 255]
            } else {
                [236, 236, 236, 255]
            };
            rgba[(row * N + col) * 4..][..4].copy_from_slice(&c);
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, N as u32, N as u32);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().expect("png header");
        w.write_image_data(&rgba).expect("png data");
    }
    out
}

/// Known places: (label, type, lon, lat, words that find it).
const PLACES: &[(&str, &str, f64, f64)] = &[
    (
        "Domplein 1, 3512JC Utrecht",
        "adres",
        5.12130356,
        52.09085068,
    ),
    ("Domplein, Utrecht", "weg", 5.12153, 52.09079),
    ("3512JC Utrecht", "postcode", 5.12141, 52.09062),
    (
        "Kalverstraat 1, 1012NX Amsterdam",
        "adres",
        4.89178,
        52.37311,
    ),
    (
        "Coolsingel 40, 3011AD Rotterdam",
        "adres",
        4.47845,
        51.92258,
    ),
];

/// A Locatieserver `free` answer for `q`: places whose label contains every word of `q`
/// (case and spaces ignored), plus a gemeente the app must ignore.
fn free_answer(q: &str) -> String {
    let norm = |s: &str| s.to_lowercase().replace([' ', ','], "");
    let words: Vec<String> = q
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(norm)
        .collect();
    let docs: Vec<serde_json::Value> = PLACES
        .iter()
        .filter(|(label, ..)| {
            let l = norm(label);
            !words.is_empty() && words.iter().all(|w| l.contains(w.as_str()))
        })
        .enumerate()
        .map(|(i, (label, kind, lon, lat))| {
            serde_json::json!({
                "type": kind, "weergavenaam": label, "id": format!("stand-in-{i}"),
                "score": 10.0 - i as f64,
                "centroide_ll": format!("POINT({lon} {lat})"),
            })
        })
        .chain((!words.is_empty()).then(|| {
            serde_json::json!({"type": "gemeente", "weergavenaam": "Gemeente Nergens",
                "centroide_ll": "POINT(5.0 52.0)"})
        }))
        .collect();
    serde_json::json!({
        "response": { "numFound": docs.len(), "start": 0, "maxScore": 10.0,
            "numFoundExact": true, "docs": docs }
    })
    .to_string()
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("q={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
