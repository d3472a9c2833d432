//! Spatial binning of shots for charts: hexagons, square cells, and a kernel density.
//! Dense arrays over the court (no hashing), filled in parallel chunks.

use rayon::prelude::*;

use crate::analysis::shots::{NO_ZONE, ShotSet};
use crate::court::{self, BasicZone};

/// The area binned, in feet (shot frame): the half court plus a margin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

impl Extent {
    /// The NBA half court, baseline to half-court line.
    pub const HALF_COURT: Extent = Extent {
        x0: -25.0,
        x1: 25.0,
        y0: -5.25,
        y1: 41.75,
    };
}

/// One hexagon: its centre, and the shots whose nearest centre it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hex {
    pub cx: f64,
    pub cy: f64,
    pub attempts: u64,
    pub made: u64,
    /// The basic zone most of its shots are in (its colour comes from that zone, so a
    /// hexagon straddling a line takes the zone of its shots, not of its centre).
    pub zone: BasicZone,
}

/// Pointy-top hexagons `width` feet across the flats, centres in offset rows over `extent`.
#[derive(Clone, Copy, Debug)]
struct HexGrid {
    width: f64,
    row: f64,
    extent: Extent,
    cols: usize,
    rows: usize,
}

impl HexGrid {
    fn new(width: f64, extent: Extent) -> Self {
        let row = width * 3f64.sqrt() / 2.0;
        let cols = ((extent.x1 - extent.x0) / width).ceil() as usize + 2;
        let rows = ((extent.y1 - extent.y0) / row).ceil() as usize + 2;
        HexGrid {
            width,
            row,
            extent,
            cols,
            rows,
        }
    }

    fn center(&self, c: usize, r: usize) -> (f64, f64) {
        let offset = if r % 2 == 1 { self.width / 2.0 } else { 0.0 };
        (
            self.extent.x0 + c as f64 * self.width + offset,
            self.extent.y0 + r as f64 * self.row,
        )
    }

    /// The index of the hexagon holding `(x, y)`: the nearest centre of the two nearest rows.
    fn index(&self, x: f64, y: f64) -> Option<usize> {
        let fr = (y - self.extent.y0) / self.row;
        // NaN coordinates fail both tests and fall out here.
        let usable = fr > -1.0 && x >= self.extent.x0 - self.width;
        if !usable {
            return None;
        }
        let r0 = fr.floor().max(0.0) as usize;
        let mut best: Option<(f64, usize)> = None;
        for r in [r0, r0 + 1] {
            if r >= self.rows {
                continue;
            }
            let offset = if r % 2 == 1 { self.width / 2.0 } else { 0.0 };
            let c = ((x - self.extent.x0 - offset) / self.width).round();
            if c < 0.0 || c as usize >= self.cols {
                continue;
            }
            let (cx, cy) = self.center(c as usize, r);
            let d = (x - cx).powi(2) + (y - cy).powi(2);
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, r * self.cols + c as usize));
            }
        }
        best.map(|(_, i)| i)
    }
}

/// Dense counts `(attempts, made)` per cell, summed over parallel chunks.
/// Per cell: attempts, makes, and attempts per basic zone (the source's label where it has
/// one, else from coordinates).
#[derive(Clone, Copy, Debug, Default)]
struct Cell {
    attempts: u64,
    made: u64,
    zones: [u32; 7],
}

fn dense_counts(
    shots: &ShotSet,
    cells: usize,
    index: impl Fn(f64, f64) -> Option<usize> + Sync,
) -> Vec<Cell> {
    const CHUNK: usize = 1 << 16;
    let n = shots.len();
    let labels = shots.labels[0].as_deref();
    (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let mut counts = vec![Cell::default(); cells];
            for i in c * CHUNK..((c + 1) * CHUNK).min(n) {
                let (x, y) = (shots.x[i] as f64, shots.y[i] as f64);
                if let Some(k) = index(x, y) {
                    let zone = match labels.map(|l| l[i]) {
                        Some(code) if code != NO_ZONE => code as usize,
                        _ => court::zones::basic_zone_index(x, y),
                    };
                    let cell = &mut counts[k];
                    cell.attempts += 1;
                    cell.made += u64::from(shots.made[i]);
                    cell.zones[zone] += 1;
                }
            }
            counts
        })
        .reduce(
            || vec![Cell::default(); cells],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    x.attempts += y.attempts;
                    x.made += y.made;
                    for (p, q) in x.zones.iter_mut().zip(y.zones) {
                        *p += q;
                    }
                }
                a
            },
        )
}

/// Hexagons `width` feet across with at least one shot, inside `extent`.
pub fn hexbin(shots: &ShotSet, width: f64, extent: Extent) -> Vec<Hex> {
    let grid = HexGrid::new(width.max(0.1), extent);
    let inside =
        |x: f64, y: f64| x >= extent.x0 && x <= extent.x1 && y >= extent.y0 && y <= extent.y1;
    let counts = dense_counts(shots, grid.cols * grid.rows, |x, y| {
        if inside(x, y) { grid.index(x, y) } else { None }
    });
    counts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.attempts > 0)
        .map(|(i, c)| {
            let (cx, cy) = grid.center(i % grid.cols, i / grid.cols);
            // Ties go to the first zone in BasicZone::ALL order.
            let top = (0..c.zones.len()).fold(
                0,
                |best, z| if c.zones[z] > c.zones[best] { z } else { best },
            );
            Hex {
                cx,
                cy,
                attempts: c.attempts,
                made: c.made,
                zone: BasicZone::ALL[top],
            }
        })
        .collect()
}

/// Square cells `size` feet wide over `extent`, row by row from the baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub extent: Extent,
    pub size: f64,
    pub cols: usize,
    pub rows: usize,
    /// Per cell, row-major from (x0, y0).
    pub values: Vec<f64>,
}

impl Grid {
    fn empty(size: f64, extent: Extent) -> Self {
        let cols = ((extent.x1 - extent.x0) / size).ceil().max(1.0) as usize;
        let rows = ((extent.y1 - extent.y0) / size).ceil().max(1.0) as usize;
        Grid {
            extent,
            size,
            cols,
            rows,
            values: vec![0.0; cols * rows],
        }
    }

    /// The value of the cell holding (x, y), if inside.
    pub fn at(&self, x: f64, y: f64) -> Option<f64> {
        self.index(x, y).map(|i| self.values[i])
    }

    fn index(&self, x: f64, y: f64) -> Option<usize> {
        let e = self.extent;
        let inside = x >= e.x0 && x < e.x1 && y >= e.y0 && y < e.y1;
        if !inside {
            return None;
        }
        let c = ((x - e.x0) / self.size) as usize;
        let r = ((y - e.y0) / self.size) as usize;
        (c < self.cols && r < self.rows).then_some(r * self.cols + c)
    }

    /// The lower-left corner of cell `(c, r)`.
    pub fn corner(&self, c: usize, r: usize) -> (f64, f64) {
        (
            self.extent.x0 + c as f64 * self.size,
            self.extent.y0 + r as f64 * self.size,
        )
    }

    /// The largest value.
    pub fn max(&self) -> f64 {
        self.values.iter().copied().fold(0.0, f64::max)
    }
}

/// Attempts per square cell `size` feet wide.
pub fn grid(shots: &ShotSet, size: f64, extent: Extent) -> Grid {
    let mut g = Grid::empty(size.max(0.1), extent);
    let counts = dense_counts(shots, g.values.len(), |x, y| g.index(x, y));
    g.values = counts.iter().map(|c| c.attempts as f64).collect();
    g
}

/// A Gaussian kernel density of attempts (bandwidth `bandwidth` feet) on cells `size` feet
/// wide, scaled to a maximum of 1. It is evaluated on court cells only, so no density shows
/// past the baseline or the sidelines.
pub fn kde(shots: &ShotSet, size: f64, bandwidth: f64, extent: Extent) -> Grid {
    let mut g = grid(shots, size, extent);
    let sigma = (bandwidth / g.size).max(0.5);
    let radius = (3.0 * sigma).ceil() as isize;
    let kernel: Vec<f64> = (-radius..=radius)
        .map(|i| (-(i as f64).powi(2) / (2.0 * sigma * sigma)).exp())
        .collect();
    // Separable blur: rows, then columns; cells beyond the court contribute nothing.
    let (cols, rows) = (g.cols as isize, g.rows as isize);
    let blur = |src: &[f64], along_x: bool| -> Vec<f64> {
        (0..rows * cols)
            .into_par_iter()
            .map(|i| {
                let (c, r) = (i % cols, i / cols);
                kernel
                    .iter()
                    .enumerate()
                    .map(|(k, w)| {
                        let d = k as isize - radius;
                        let (cc, rr) = if along_x { (c + d, r) } else { (c, r + d) };
                        if cc < 0 || rr < 0 || cc >= cols || rr >= rows {
                            0.0
                        } else {
                            w * src[(rr * cols + cc) as usize]
                        }
                    })
                    .sum()
            })
            .collect()
    };
    let once = blur(&g.values, true);
    g.values = blur(&once, false);
    let max = g.max();
    if max > 0.0 {
        for v in &mut g.values {
            *v /= max;
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shots(points: &[(f32, f32, bool)]) -> ShotSet {
        ShotSet {
            x: points.iter().map(|p| p.0).collect(),
            y: points.iter().map(|p| p.1).collect(),
            made: points.iter().map(|p| p.2).collect(),
            three: vec![false; points.len()],
            labels: [None, None, None],
        }
    }

    #[test]
    fn each_shot_lands_in_its_nearest_hexagon() {
        let s = shots(&[(0.0, 0.0, true), (0.1, 0.1, false), (10.0, 10.0, true)]);
        let hexes = hexbin(&s, 1.5, Extent::HALF_COURT);
        assert_eq!(hexes.iter().map(|h| h.attempts).sum::<u64>(), 3);
        assert_eq!(hexes.len(), 2);
        for h in &hexes {
            // Every shot is within a hexagon's circumradius of its centre.
            let r = 1.5 / 3f64.sqrt() + 1e-9;
            assert!(s.x.iter().zip(&s.y).any(|(x, y)| {
                ((*x as f64 - h.cx).powi(2) + (*y as f64 - h.cy).powi(2)).sqrt() <= r
            }));
        }
        let both = hexes.iter().find(|h| h.attempts == 2).unwrap();
        assert_eq!(both.made, 1);
    }

    #[test]
    fn a_hexagon_takes_the_zone_of_its_shots() {
        // Corner threes just beyond the line, in a hexagon whose centre may sit inside it.
        let s = shots(&[(-22.1, 3.0, true), (-22.2, 3.1, false), (-22.1, 3.2, true)]);
        let hexes = hexbin(&s, 1.5, Extent::HALF_COURT);
        assert!(
            hexes.iter().all(|h| h.zone == BasicZone::LeftCorner3),
            "{hexes:?}"
        );
    }

    #[test]
    fn kde_stays_on_the_court() {
        // A pile of shots on the baseline corner: density peaks there, and the grid has no
        // cell beyond the court to leak into.
        let s = shots(&[(-24.9, -5.0, true); 50]);
        let g = kde(&s, 0.5, 2.0, Extent::HALF_COURT);
        assert_eq!(g.corner(0, 0), (-25.0, -5.25));
        let (x_end, y_end) = g.corner(g.cols, g.rows);
        assert!(x_end >= 25.0 && y_end >= 41.75);
        assert_eq!(g.max(), 1.0);
        assert_eq!(g.values[0], 1.0);
        // Far away there is nothing.
        assert!(g.values[g.values.len() - 1] < 1e-9);
    }

    #[test]
    fn grid_counts_attempts_per_cell() {
        let s = shots(&[(0.2, 0.2, true), (0.7, 0.7, false), (-0.2, 0.2, false)]);
        let g = grid(&s, 1.0, Extent::HALF_COURT);
        assert_eq!(g.values.iter().sum::<f64>(), 3.0);
        assert_eq!(g.max(), 2.0);
    }

    #[test]
    fn a_grid_cell_reports_the_attempts_under_the_pointer() {
        let s = shots(&[(0.2, 0.2, true), (0.4, 0.3, false), (5.0, 5.0, true)]);
        let g = grid(&s, 1.0, Extent::HALF_COURT);
        // Cells start at x −25 and y −5.25: [0, 1) × [−0.25, 0.75) holds the first two.
        assert_eq!(g.at(0.5, 0.5), Some(2.0));
        assert_eq!(g.at(5.5, 5.5), Some(1.0));
        assert_eq!(g.at(10.0, 10.0), Some(0.0));
        assert_eq!(g.at(30.0, 0.0), None, "off the court");
    }
}
