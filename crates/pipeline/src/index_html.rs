//! Keeps `index.html` pointing at the current data files: its preload script reads a table of
//! logical → hashed names between two markers, and its `<noscript>` download links name files.
//! The pipeline rewrites both after each build, and `check` fails when they are out of date.

use crate::hashing::Names;
use buurtkaart_model::naming::logical_name;

/// Start of the generated name table in `index.html`.
pub const BEGIN: &str = "/* data-names: begin (written by the data pipeline) */";
/// End of the generated name table.
pub const END: &str = "/* data-names: end */";

/// `html` with the name table and every `data/…` link set to `names`, or why it cannot be.
pub fn relink(html: &str, names: &Names) -> Result<String, String> {
    let start = html
        .find(BEGIN)
        .ok_or_else(|| format!("marker {BEGIN:?} not found"))?
        + BEGIN.len();
    let end = start
        + html[start..]
            .find(END)
            .ok_or_else(|| format!("marker {END:?} not found"))?;
    let table = serde_json::to_string(&names.table()).map_err(|e| e.to_string())?;
    let with_table = format!("{} {table} {}", &html[..start], &html[end..]);
    Ok(relink_hrefs(&with_table, names))
}

/// Every `href="data/…"` set to the current hashed name of the file it names.
fn relink_hrefs(html: &str, names: &Names) -> String {
    const HREF: &str = "href=\"data/";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(HREF) {
        let (head, tail) = rest.split_at(i + HREF.len());
        out.push_str(head);
        let len = tail.find('"').unwrap_or(tail.len());
        out.push_str(&names.name(&logical_name(&tail[..len])));
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::Output;

    #[test]
    fn writes_the_table_and_the_links_and_is_stable() {
        let out = Output {
            files: [("buurt.lbm.json", "1"), ("pack/GM0001.json", "2")]
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect(),
        };
        let names = Names::of(&out);
        let html = format!(
            "<script>var names = {BEGIN} {{}} {END};</script>\
             <a href=\"data/buurt.lbm.json\">b</a><a href=\"data/manifest.json\">m</a>"
        );
        let once = relink(&html, &names).unwrap();
        let lbm = names.name("buurt.lbm.json");
        assert!(once.contains(&format!("href=\"data/{lbm}\"")), "{once}");
        assert!(once.contains("href=\"data/manifest.json\""));
        assert!(once.contains(&format!("\"pack/\":\"{}\"", names.name("pack/"))));
        assert_eq!(relink(&once, &names).unwrap(), once);
        assert!(relink("<html></html>", &names).is_err());
    }
}
