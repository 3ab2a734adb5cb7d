//! The scale bar under the map: a round length (1, 2 or 5 times a power of ten metres) that
//! fits a given width at the current zoom.

/// The longest round length that is at most `max_px` long at `px_per_km`: its length on screen
/// (px) and its label ("500 m", "2 km"). `None` for a scale that is not a positive number.
///
/// ```
/// use buurtkaart_core::carto::scale_bar::scale_bar;
/// // National view: 2.5 px per km, at most 120 px → 40 km is 100 px.
/// // National view, 2.5 px per km: 120 px is 48 km, so the bar shows 20 km in 50 px.
/// assert_eq!(scale_bar(2.5, 120.0), Some((50.0, "20 km".to_string())));
/// // Zoomed in, 600 px per km: 120 px is 200 m.
/// assert_eq!(scale_bar(600.0, 120.0), Some((120.0, "200 m".to_string())));
/// assert_eq!(scale_bar(f64::NAN, 120.0), None);
/// ```
pub fn scale_bar(px_per_km: f64, max_px: f64) -> Option<(f64, String)> {
    if !(px_per_km.is_finite() && px_per_km > 0.0 && max_px > 0.0) {
        return None;
    }
    let max_m = max_px / px_per_km * 1000.0;
    let power = 10f64.powi(max_m.log10().floor() as i32);
    let step = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|k| k * power)
        .find(|&m| m <= max_m)?;
    let label = if step >= 1000.0 {
        format!("{} km", (step / 1000.0).round())
    } else {
        format!("{} m", step.round())
    };
    Some((step / 1000.0 * px_per_km, label))
}
