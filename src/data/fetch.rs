//! Fetching data files relative to the document's base URL. The only network code of the app.
use super::error::DataError;
use gloo_net::http::Request;

/// The URL of data file `file` (e.g. `manifest.json`), relative to `<base href>`.
pub fn data_url(file: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".to_string());
    let base = base.split(['?', '#']).next().unwrap_or("/");
    let dir = match base.rfind('/') {
        Some(i) => &base[..=i],
        None => "/",
    };
    format!("{dir}data/{file}")
}

/// Fetches a data file as text.
pub async fn fetch_text(file: &str) -> Result<String, DataError> {
    let url = data_url(file);
    let resp = Request::get(&url)
        .send()
        .await
        .map_err(|e| DataError::Network {
            file: file.to_string(),
            message: e.to_string(),
        })?;
    if !resp.ok() {
        return Err(DataError::Status {
            file: file.to_string(),
            status: resp.status(),
        });
    }
    resp.text().await.map_err(|e| DataError::Network {
        file: file.to_string(),
        message: e.to_string(),
    })
}
