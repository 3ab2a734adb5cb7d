//! Progress display on stderr (hidden when not a terminal or when quiet).

use indicatif::{ProgressBar, ProgressStyle};
use std::time::{Duration, Instant};

/// Shows one step at a time, with a spinner or a bar, and keeps the time of each step.
#[derive(Debug)]
pub struct Progress {
    enabled: bool,
    bar: Option<ProgressBar>,
    started: Instant,
    /// Finished steps and how long they took.
    pub steps: Vec<(String, Duration)>,
}

impl Progress {
    /// A progress display; `enabled = false` shows nothing.
    pub fn new(enabled: bool) -> Self {
        Progress {
            enabled,
            bar: None,
            started: Instant::now(),
            steps: Vec::new(),
        }
    }

    /// Starts a step of `len` units (0 = a spinner).
    pub fn start(&mut self, name: &str, len: u64) {
        self.finish();
        self.started = Instant::now();
        self.steps.push((name.to_string(), Duration::ZERO));
        if !self.enabled {
            return;
        }
        let bar = if len == 0 {
            let b = ProgressBar::new_spinner();
            b.enable_steady_tick(Duration::from_millis(120));
            b
        } else {
            let b = ProgressBar::new(len);
            if let Ok(s) = ProgressStyle::with_template("{msg:32} [{bar:30}] {pos}/{len} {elapsed}")
            {
                b.set_style(s.progress_chars("=> "));
            }
            b
        };
        bar.set_message(name.to_string());
        self.bar = Some(bar);
    }

    /// Advances the current bar by one.
    pub fn inc(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    /// Ends the current step.
    pub fn finish(&mut self) {
        if let Some(last) = self.steps.last_mut() {
            if last.1 == Duration::ZERO {
                last.1 = self.started.elapsed();
            }
        }
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}
