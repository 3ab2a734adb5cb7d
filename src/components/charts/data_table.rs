//! The text equivalent of a chart: a table that screen readers read and sighted users don't see.
use leptos::prelude::*;

/// A visually hidden data table (inside a `.sr-only` wrapper) with a caption, column headers and rows whose
/// first cell is the row header. An empty header (the corner over the row headers) becomes a `<td>`.
#[component]
pub fn DataTable(
    /// What the table shows (read first).
    caption: String,
    /// Column headers, the first one over the row headers.
    headers: Vec<String>,
    /// Rows of cells; the first cell of each row is its header.
    rows: Vec<Vec<String>>,
) -> impl IntoView {
    // The wrapper hides the table: a table itself ignores the 1 px width and would widen the page.
    view! {
        <div class="sr-only">
        <table class="chart-table">
            <caption>{caption}</caption>
            <thead>
                // An empty corner header is a plain cell: an empty `<th>` names nothing.
                <tr>{headers.into_iter().map(|h| if h.trim().is_empty() {
                    view! { <td></td> }.into_any()
                } else {
                    view! { <th scope="col">{h}</th> }.into_any()
                }).collect_view()}</tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| {
                    let mut cells = row.into_iter();
                    let head = cells.next().unwrap_or_default();
                    view! {
                        <tr>
                            <th scope="row">{head}</th>
                            {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
