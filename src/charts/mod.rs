//! Charts. Each chart kind is data ([`spec`] for charts on a court, [`load`], [`bars`]) and
//! one layout function that turns it and a size into a [`scene::Scene`]: everything to draw.
//! Two thin backends draw scenes and know no chart: [`screen`] (egui) and [`export`]
//! (plotters: PNG, SVG). So the screen, the files and the command line cannot disagree.

pub mod bars;
pub mod court;
pub mod export;
pub mod load;
pub mod palette;
pub mod scene;
pub mod screen;
pub mod spec;
pub mod tracking;

use std::path::Path;

use crate::charts::export::{ImageFormat, RenderError};
use crate::charts::scene::Scene;

/// Any chart Courtside draws.
#[derive(Clone, Debug)]
pub enum Chart {
    /// A shot chart or the tracking heatmap.
    Court(spec::ChartSpec),
    /// One player's load timeline.
    Timeline(load::Timeline),
    /// One player's weekly load.
    Weekly(load::Weekly),
    /// The team's ACWR bands day by day.
    Team(load::TeamBands),
    /// Speed-zone or period bars.
    Bars(bars::Bars),
}

impl Chart {
    /// The chart laid out at `w` × `h` pixels.
    pub fn layout(&self, w: f64, h: f64) -> Scene<'_> {
        match self {
            Chart::Court(c) => court::layout(c, w, h),
            Chart::Timeline(t) => load::timeline_layout(t, w, h),
            Chart::Weekly(t) => load::weekly_layout(t, w, h),
            Chart::Team(t) => load::team_layout(t, w, h),
            Chart::Bars(b) => bars::layout(b, w, h),
        }
    }

    /// The size of a file of this chart unless asked otherwise, at 96 dpi: a half court
    /// 1000 × 1100, a full court 700 × 1200, bars as tall as their rows need, load charts
    /// 1200 × 700.
    pub fn natural_size(&self) -> (u32, u32) {
        match self {
            Chart::Court(c) if c.full_court => (700, 1200),
            Chart::Court(_) => (1000, 1100),
            Chart::Bars(b) => (1100, (160 + 48 * b.rows.len() as u32).max(420)),
            Chart::Timeline(_) | Chart::Weekly(_) | Chart::Team(_) => (1200, 700),
        }
    }

    /// The chart's title.
    pub fn title(&self) -> &str {
        match self {
            Chart::Court(c) => &c.title,
            Chart::Timeline(t) => &t.title,
            Chart::Weekly(t) => &t.title,
            Chart::Team(t) => &t.title,
            Chart::Bars(b) => &b.title,
        }
    }

    /// Writes the chart as PNG or SVG (by the file's extension), atomically: `width` ×
    /// `height` at 96 dpi; a PNG at another `dpi` has more pixels and the same layout.
    pub fn write(&self, path: &Path, width: u32, height: u32, dpi: u32) -> Result<(), RenderError> {
        let (w, h) = (width as f64, height as f64);
        match ImageFormat::of(path) {
            Some(ImageFormat::Png) => {
                let k = dpi as f64 / 96.0;
                export::png(&self.layout((w * k).trunc(), (h * k).trunc()), path)
            }
            Some(ImageFormat::Svg) => export::svg(&self.layout(w, h), path),
            None => export::write(&self.layout(w, h), path),
        }
    }
}
