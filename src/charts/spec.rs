//! A chart as plain data: marks in court coordinates (feet, shot frame), a title, a legend.
//! Both renderers draw exactly this, so an export looks like the screen.

use serde::{Deserialize, Serialize};

use crate::analysis::bins::{self, Extent};
use crate::analysis::shots::{NamedBaseline, ShotSet, ZoneCount};
use crate::charts::palette::{self, Rgb};
use crate::court::{self, BasicZone, Court, CourtSpec};

/// The kinds of shot chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// Every shot: made (blue circle) or missed (orange cross).
    Scatter,
    /// Goldsberry hexagons: size grows with attempts, colour is the zone's FG% vs baseline.
    Hex,
    /// Attempts per square cell.
    Grid,
    /// Smoothed density of attempts, on the court only.
    Kde,
    /// Basic zones filled by FG% vs baseline, labelled with FG% and attempts.
    Zones,
}

/// What to draw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Mark {
    /// A filled polygon; hovering it tells `tip`.
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Rgb,
        tip: Option<String>,
    },
    /// A filled rectangle, (x0, y0) to (x1, y1); hovering it tells `tip`.
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Rgb,
        tip: Option<String>,
    },
    /// One shot.
    Shot { x: f64, y: f64, made: bool },
    /// Text centred on (x, y); `size` is relative to the chart's body text.
    Label {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        bold: bool,
        colour: Rgb,
    },
}

/// The legend under the court.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Legend {
    None,
    MadeMissed {
        made: u64,
        missed: u64,
    },
    /// A diverging scale from −limit to +limit percentage points.
    Diverging {
        limit_pts: f64,
        caption: String,
    },
    /// A sequential scale.
    Sequential {
        low: String,
        high: String,
        caption: String,
    },
}

/// A chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartSpec {
    pub title: String,
    pub subtitle: String,
    pub court: CourtSpec,
    pub full_court: bool,
    pub marks: Vec<Mark>,
    pub legend: Legend,
    /// Shown over the court when there is nothing to draw ("No shots match …").
    pub message: Option<String>,
}

/// Options of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartOptions {
    pub kind: ChartKind,
    pub court: Court,
    pub full_court: bool,
    /// Hexagon width, feet.
    pub hex_width: f64,
    /// Grid cell, feet.
    pub cell: f64,
    /// KDE bandwidth, feet.
    pub bandwidth: f64,
    /// Colour limit for FG% vs baseline, percentage points.
    pub clip_pts: f64,
    /// How lengths are shown.
    pub units: Units,
}

impl ChartOptions {
    /// The options the app and reports draw with (the command line's defaults) for a kind
    /// of chart on a court.
    pub fn of(kind: ChartKind, court: Court) -> ChartOptions {
        ChartOptions {
            kind,
            court,
            units: Units::of(court),
            ..Default::default()
        }
    }
}

/// How lengths are shown on charts (data stay in feet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Units {
    #[value(name = "ft")]
    Feet,
    #[value(name = "m")]
    Metres,
}

impl Units {
    /// The usual units of a court: metres for FIBA, feet otherwise.
    pub fn of(court: Court) -> Units {
        if court.spec().metric {
            Units::Metres
        } else {
            Units::Feet
        }
    }

    /// `feet` shown in these units: "1.5 ft" or "0.46 m".
    pub fn length(self, feet: f64) -> String {
        match self {
            Units::Feet => format!("{feet:.1} ft"),
            Units::Metres => format!("{:.2} m", feet / crate::court::lines::FT_PER_M),
        }
    }
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            kind: ChartKind::Hex,
            court: Court::Nba,
            full_court: false,
            hex_width: 1.5,
            cell: 1.0,
            bandwidth: 2.0,
            clip_pts: 12.0,
            units: Units::Feet,
        }
    }
}

/// What a chart is made from.
pub struct ChartInput<'a> {
    pub shots: &'a ShotSet,
    /// Basic-zone counts of `shots`.
    pub zones: &'a [ZoneCount],
    /// What the selection is compared with, named exactly in the subtitle of the charts
    /// that compare.
    pub baseline: Option<&'a NamedBaseline>,
    /// Who and what: "Stephen Curry · 2023-24".
    pub title: String,
    /// Dates covered, e.g. "2023-10-24 to 2024-04-14", if known.
    pub dates: Option<String>,
}

/// Builds the chart.
pub fn build(input: &ChartInput<'_>, opts: &ChartOptions) -> ChartSpec {
    let court = opts.court.spec();
    let n = input.shots.len() as u64;
    let made: u64 = input.shots.made.iter().filter(|m| **m).count() as u64;
    let mut sub = vec![crate::format::plural(n, "shot")];
    if n > 0 {
        sub.push(format!("FG {:.1}%", 100.0 * made as f64 / n as f64));
    }
    if let Some(d) = &input.dates {
        sub.push(d.clone());
    }
    let compares = matches!(opts.kind, ChartKind::Hex | ChartKind::Zones);
    if let Some(b) = input.baseline.filter(|_| compares) {
        sub.push(format!("vs {}", b.label()));
    }
    let mut spec = ChartSpec {
        title: input.title.clone(),
        subtitle: sub.join(" · "),
        court,
        full_court: opts.full_court,
        marks: Vec::new(),
        legend: Legend::None,
        message: None,
    };
    if n == 0 {
        spec.message = Some("No shots match these filters".into());
        return spec;
    }
    let extent = extent(&court, opts.full_court);
    let vs = format!(
        "FG% vs {} by zone, clipped to ±{:.0} pts",
        input.baseline.map_or("no baseline", |b| b.name.as_str()),
        opts.clip_pts
    );
    match opts.kind {
        ChartKind::Scatter => {
            spec.marks = (0..input.shots.len())
                .map(|i| Mark::Shot {
                    x: input.shots.x[i] as f64,
                    y: input.shots.y[i] as f64,
                    made: input.shots.made[i],
                })
                .collect();
            spec.legend = Legend::MadeMissed {
                made,
                missed: n - made,
            };
        }
        ChartKind::Hex => {
            let hexes = bins::hexbin(input.shots, opts.hex_width, extent);
            let most = hexes.iter().map(|h| h.attempts).max().unwrap_or(1) as f64;
            let circumradius = opts.hex_width / 3f64.sqrt();
            spec.marks = hexes
                .iter()
                .map(|h| {
                    let scale =
                        ((1.0 + h.attempts as f64).ln() / (1.0 + most).ln()).clamp(0.25, 1.0);
                    let r = circumradius * scale;
                    let points = (0..6)
                        .map(|k| {
                            let a =
                                std::f64::consts::PI / 6.0 + k as f64 * std::f64::consts::PI / 3.0;
                            (h.cx + r * a.cos(), h.cy + r * a.sin())
                        })
                        .collect();
                    Mark::Polygon {
                        points,
                        fill: zone_colour(h.zone, input, opts.clip_pts),
                        tip: Some(format!(
                            "This hexagon: FGA {} · FGM {} · FG {:.1}%",
                            h.attempts,
                            h.made,
                            100.0 * h.made as f64 / h.attempts.max(1) as f64
                        )),
                    }
                })
                .collect();
            spec.legend = Legend::Diverging {
                limit_pts: opts.clip_pts,
                caption: format!(
                    "{vs}; {} hexagons, size grows with attempts",
                    opts.units.length(opts.hex_width)
                ),
            };
        }
        ChartKind::Grid | ChartKind::Kde => {
            let g = if opts.kind == ChartKind::Grid {
                bins::grid(input.shots, opts.cell, extent)
            } else {
                bins::kde(input.shots, 0.5, opts.bandwidth, extent)
            };
            let max = g.max().max(f64::MIN_POSITIVE);
            for r in 0..g.rows {
                for c in 0..g.cols {
                    let v = g.values[r * g.cols + c] / max;
                    // A KDE fades smoothly; a cut at 1 % punches holes in it.
                    if v <= if opts.kind == ChartKind::Kde {
                        0.002
                    } else {
                        0.0
                    } {
                        continue;
                    }
                    let (x0, y0) = g.corner(c, r);
                    let tip = (opts.kind == ChartKind::Grid).then(|| {
                        format!(
                            "This {} cell: FGA {:.0}",
                            opts.units.length(g.size),
                            g.values[r * g.cols + c]
                        )
                    });
                    spec.marks.push(Mark::Rect {
                        x0,
                        y0,
                        x1: (x0 + g.size).min(extent.x1),
                        y1: (y0 + g.size).min(extent.y1),
                        fill: palette::sequential(v.sqrt()),
                        tip,
                    });
                }
            }
            spec.legend = if opts.kind == ChartKind::Grid {
                Legend::Sequential {
                    low: "1".into(),
                    high: format!("{:.0}", g.max()),
                    caption: format!("attempts per {} cell", opts.units.length(g.size)),
                }
            } else {
                Legend::Sequential {
                    low: "fewer".into(),
                    high: "more".into(),
                    caption: format!(
                        "density of attempts, {} bandwidth",
                        opts.units.length(opts.bandwidth)
                    ),
                }
            };
        }
        ChartKind::Zones => {
            spec.marks = zone_regions(input, opts.clip_pts, extent);
            spec.legend = Legend::Diverging {
                limit_pts: opts.clip_pts,
                caption: vs,
            };
        }
    }
    spec
}

fn extent(court: &CourtSpec, full: bool) -> Extent {
    let (x0, x1, y0, y1) = court.bounds(full);
    Extent { x0, x1, y0, y1 }
}

/// A zone's colour: its FG% minus the baseline's, on the diverging scale.
fn zone_colour(zone: BasicZone, input: &ChartInput<'_>, clip_pts: f64) -> Rgb {
    let c = input.zones[zone as usize];
    match (
        c.fg_pct(),
        input.baseline.and_then(|b| b.fg.get(zone.label())),
    ) {
        (Some(fg), Some(base)) => palette::diverging(fg - base, clip_pts / 100.0),
        _ => Rgb(200, 200, 200),
    }
}

/// Where each basic zone's label goes.
fn label_anchor(zone: BasicZone) -> Option<(f64, f64)> {
    Some(match zone {
        BasicZone::RestrictedArea => (0.0, 1.2),
        BasicZone::Paint => (0.0, 9.5),
        BasicZone::MidRange => (0.0, 17.5),
        BasicZone::LeftCorner3 => (-23.5, 3.5),
        BasicZone::RightCorner3 => (23.5, 3.5),
        BasicZone::AboveTheBreak3 => (0.0, 30.0),
        BasicZone::Backcourt => return None,
    })
}

/// The basic zones as filled runs of 0.25 ft cells, with their FG% and attempts.
fn zone_regions(input: &ChartInput<'_>, clip_pts: f64, extent: Extent) -> Vec<Mark> {
    let step = 0.25;
    let mut marks = Vec::new();
    let cols = ((extent.x1 - extent.x0) / step).round() as usize;
    let rows = ((extent.y1 - extent.y0) / step).round() as usize;
    for r in 0..rows {
        let y0 = extent.y0 + r as f64 * step;
        let yc = y0 + step / 2.0;
        let mut run: Option<(usize, BasicZone)> = None;
        for c in 0..=cols {
            let zone =
                (c < cols).then(|| court::basic_zone(extent.x0 + (c as f64 + 0.5) * step, yc));
            match (run, zone) {
                (Some((_, z)), Some(now)) if z == now => {}
                _ => {
                    if let Some((start, z)) = run {
                        marks.push(Mark::Rect {
                            x0: extent.x0 + start as f64 * step,
                            y0,
                            x1: extent.x0 + c as f64 * step,
                            y1: y0 + step,
                            fill: zone_colour(z, input, clip_pts),
                            tip: None,
                        });
                    }
                    run = zone.map(|z| (c, z));
                }
            }
        }
    }
    for (zone, count) in BasicZone::ALL.iter().zip(input.zones) {
        let (Some((x, y)), Some(fg)) = (label_anchor(*zone), count.fg_pct()) else {
            continue;
        };
        // Dark text on light fills, white on dark; the 3 ft corners get smaller text.
        let fill = zone_colour(*zone, input, clip_pts);
        let colour = if luminance(fill) < 0.45 {
            Rgb(255, 255, 255)
        } else {
            palette::INK
        };
        let size = if matches!(zone, BasicZone::LeftCorner3 | BasicZone::RightCorner3) {
            0.7
        } else {
            1.0
        };
        marks.push(Mark::Label {
            x,
            y,
            text: format!("{:.1}%", fg * 100.0),
            size,
            bold: true,
            colour,
        });
        marks.push(Mark::Label {
            x,
            y: y - 1.8,
            text: format!("{}/{}", count.fgm, count.fga),
            size: 0.8 * size,
            bold: false,
            colour,
        });
    }
    marks
}

/// Relative luminance (0 black, 1 white), for choosing a text colour over a fill.
fn luminance(c: Rgb) -> f64 {
    (0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64) / 255.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_show_in_the_court_units() {
        assert_eq!(Units::of(Court::Fiba), Units::Metres);
        assert_eq!(Units::of(Court::Nba), Units::Feet);
        assert_eq!(Units::Feet.length(1.5), "1.5 ft");
        assert_eq!(Units::Metres.length(1.5), "0.46 m");
    }
}
