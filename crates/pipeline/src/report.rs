//! The summary printed at the end of a build.

use crate::join::JoinReport;
use crate::lod::Validity;
use crate::shapes::ShapeStats;
use crate::simplify::SimplifyStats;
use buurtkaart_model::Level;
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// Raw and gzip size of one output file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSize {
    /// Relative path.
    pub path: String,
    /// Bytes.
    pub bytes: usize,
    /// Bytes after gzip -9.
    pub gzip: usize,
}

/// Counts of one level.
#[derive(Debug, Clone)]
pub struct LevelSummary {
    /// Which level.
    pub level: Level,
    /// Areas in the index.
    pub areas: usize,
    /// Areas with a boundary.
    pub with_geometry: usize,
    /// Non-missing values per indicator.
    pub columns: BTreeMap<String, usize>,
    /// Geometry counts.
    pub stats: ShapeStats,
    /// Simplification counts of the national overview.
    pub overview_stats: SimplifyStats,
    /// Validation of the national overview.
    pub overview: Validity,
    /// Validation of the detail geometry (the per-gemeente files).
    pub detail: Validity,
}

/// Everything the summary shows.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Per level.
    pub levels: Vec<LevelSummary>,
    /// Join report.
    pub join: JoinReport,
    /// Every output file.
    pub files: Vec<FileSize>,
    /// Files of the first national view.
    pub first_view: Vec<String>,
    /// Steps and their duration.
    pub steps: Vec<(String, Duration)>,
    /// Total run time.
    pub total: Duration,
    /// Wijken with a history.
    pub history_attached: usize,
    /// History codes not attached.
    pub history_excluded: usize,
    /// Detail files.
    pub details: usize,
}

impl Summary {
    /// Total gzip bytes of the first national view.
    pub fn first_view_gzip(&self) -> usize {
        self.files
            .iter()
            .filter(|f| self.first_view.contains(&f.path))
            .map(|f| f.gzip)
            .sum()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "== Levels")?;
        for l in &self.levels {
            let s = &l.stats;
            writeln!(
                f,
                "{:9} {:6} areas, {:6} with boundary",
                l.level.id(),
                l.areas,
                l.with_geometry
            )?;
            writeln!(
                f,
                "          vertices: source {} → quantised {} → snapped {} (moved {}, inserted {}, {} folds merged, {} rings and {} areas reverted; guard: {} rounds, {} pairs kept apart, {} pairs still worse) → {} arcs with {} positions → simplified {} ({} arcs protected); {} polygons and {} holes dropped as collapsed; {} areas made invalid by the grid repaired, {} not",
                s.quantise.vertices_in,
                s.quantise.vertices_out,
                s.snap.vertices_out,
                s.snap.moved,
                s.snap.inserted,
                s.snap.folds,
                s.snap.reverted_rings,
                s.snap.reverted_areas,
                s.rounds,
                s.apart,
                s.worse_pairs,
                s.arcs,
                s.simplify.before,
                s.simplify.after,
                s.simplify.protected_arcs,
                s.quantise.dropped_polygons,
                s.quantise.dropped_holes,
                s.quantise.repaired,
                s.quantise.unrepaired,
            )?;
            writeln!(
                f,
                "          overview: {} positions ({} arcs protected, {} conflicts in the input)",
                l.overview_stats.after,
                l.overview_stats.protected_arcs,
                l.overview_stats.input_conflicts,
            )?;
            for (what, v) in [("overview", &l.overview), ("detail", &l.detail)] {
                writeln!(
                    f,
                    "          valid {what}: {} areas checked, 0 made invalid by the grid or by simplification ({} invalid as in the source); area error p50 {:.2} %, p95 {:.2} %, max {:.2} %",
                    v.areas,
                    v.invalid_in_source,
                    100.0 * v.area_error(0.5),
                    100.0 * v.area_error(0.95),
                    100.0 * v.area_error(1.0),
                )?;
            }
            let cols: Vec<String> = l.columns.iter().map(|(k, v)| format!("{k} {v}")).collect();
            writeln!(f, "          values: {}", cols.join(", "))?;
        }
        writeln!(f, "== Joins")?;
        for line in &self.join.lines {
            writeln!(f, "  {line}")?;
        }
        for (kind, codes) in &self.join.unjoined {
            let shown: Vec<&str> = codes.iter().take(12).map(String::as_str).collect();
            let more = codes.len().saturating_sub(shown.len());
            writeln!(
                f,
                "  {kind} ({}): {}{}",
                codes.len(),
                shown.join("; "),
                if more > 0 {
                    format!("; … {more} more")
                } else {
                    String::new()
                }
            )?;
        }
        writeln!(
            f,
            "  history: {} wijken attached, {} history codes excluded; {} detail files",
            self.history_attached, self.history_excluded, self.details
        )?;
        writeln!(f, "== Files (bytes raw / gzip -9)")?;
        let (mut raw, mut gz, mut n_detail, mut raw_d, mut gz_d) = (0, 0, 0, 0, 0);
        for file in &self.files {
            raw += file.bytes;
            gz += file.gzip;
            if ["detail/", "geo/", "pack/"]
                .iter()
                .any(|d| file.path.starts_with(d))
            {
                n_detail += 1;
                raw_d += file.bytes;
                gz_d += file.gzip;
                continue;
            }
            let mark = if self.first_view.contains(&file.path) {
                " *"
            } else {
                ""
            };
            writeln!(
                f,
                "  {:28} {:>10} {:>10}{mark}",
                file.path, file.bytes, file.gzip
            )?;
        }
        writeln!(
            f,
            "  {:28} {:>10} {:>10}",
            format!("per gemeente ({n_detail} files)"),
            raw_d,
            gz_d
        )?;
        writeln!(f, "  {:28} {:>10} {:>10}", "total", raw, gz)?;
        writeln!(
            f,
            "  first national view (*): {} bytes gzip (target 800,000)",
            self.first_view_gzip()
        )?;
        writeln!(f, "== Time")?;
        for (step, d) in &self.steps {
            writeln!(f, "  {step:36} {:>8.2} s", d.as_secs_f64())?;
        }
        write!(f, "  {:36} {:>8.2} s", "total", self.total.as_secs_f64())
    }
}
