//! `--timings`: where the time of a command went, printed on stderr.

use std::time::{Duration, Instant};

/// Time spent per phase of a command.
pub struct Timings {
    enabled: bool,
    start: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Timings that print only when `enabled`.
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            start: Instant::now(),
            phases: Vec::new(),
        }
    }

    /// Runs `f`, adding its time to `phase`.
    pub fn time<T>(&mut self, phase: &'static str, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let out = f();
        let spent = t.elapsed();
        match self.phases.iter_mut().find(|(p, _)| *p == phase) {
            Some((_, d)) => *d += spent,
            None => self.phases.push((phase, spent)),
        }
        out
    }

    /// Prints the phases and the total on stderr, if enabled.
    pub fn report(&self) {
        if !self.enabled {
            return;
        }
        let mut line: Vec<String> = self
            .phases
            .iter()
            .map(|(p, d)| format!("{p} {}", fmt(*d)))
            .collect();
        line.push(format!("total {}", fmt(self.start.elapsed())));
        eprintln!("timings: {}", line.join(" · "));
    }
}

fn fmt(d: Duration) -> String {
    if d.as_secs_f64() >= 1.0 {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    }
}
