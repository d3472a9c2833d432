//! The lines of a court as data, in the shot frame (feet, hoop at the origin, `+y` towards
//! half court): what both renderers draw, so an export looks like the screen.

use serde::{Deserialize, Serialize};

// Beside `M_PER_FT` in `court`; still reachable here, where the charts have always found it.
pub use super::FT_PER_M;

/// A court's dimensions, in feet (SPEC 3.3).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CourtSpec {
    pub name: &'static str,
    pub length: f64,
    pub width: f64,
    /// Hoop centre from the baseline.
    pub hoop: f64,
    pub arc_radius: f64,
    /// Distance of the corner three line from the hoop centre, across the court.
    pub corner_x: f64,
    pub restricted_area: f64,
    pub lane_width: f64,
    /// Free-throw line from the baseline.
    pub lane_depth: f64,
    pub free_throw_circle: f64,
    /// Backboard face from the baseline.
    pub backboard: f64,
    pub backboard_width: f64,
    pub rim_radius: f64,
    pub center_circle: f64,
    /// Whether the source of the dimensions is metric (display in metres by default).
    pub metric: bool,
}

/// The courts Courtside draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Court {
    #[default]
    Nba,
    Wnba,
    Ncaa,
    Fiba,
}

impl Court {
    /// The court's dimensions.
    pub fn spec(self) -> CourtSpec {
        let nba = CourtSpec {
            name: "NBA",
            length: 94.0,
            width: 50.0,
            hoop: 5.25,
            arc_radius: 23.75,
            corner_x: 22.0,
            restricted_area: 4.0,
            lane_width: 16.0,
            lane_depth: 19.0,
            free_throw_circle: 6.0,
            backboard: 4.0,
            backboard_width: 6.0,
            rim_radius: 0.75,
            center_circle: 6.0,
            metric: false,
        };
        let m = FT_PER_M;
        match self {
            Court::Nba => nba,
            Court::Wnba => CourtSpec {
                name: "WNBA",
                arc_radius: 22.15,
                ..nba
            },
            Court::Ncaa => CourtSpec {
                name: "NCAA",
                arc_radius: 22.15,
                corner_x: 21.65,
                lane_width: 12.0,
                ..nba
            },
            Court::Fiba => CourtSpec {
                name: "FIBA",
                length: 28.0 * m,
                width: 15.0 * m,
                hoop: 1.575 * m,
                arc_radius: 6.75 * m,
                corner_x: 6.6 * m,
                restricted_area: 1.25 * m,
                lane_width: 4.9 * m,
                lane_depth: 5.8 * m,
                free_throw_circle: 1.8 * m,
                backboard: 1.2 * m,
                backboard_width: 1.8 * m,
                rim_radius: 0.225 * m,
                center_circle: 1.8 * m,
                metric: true,
            },
        }
    }
}

/// A line to draw: a polyline through points (x, y) in feet, shot frame.
pub type Polyline = Vec<(f64, f64)>;

/// Points of an arc of radius `r` around `(cx, cy)`, from angle `a0` to `a1` (radians, 0 along
/// +x, counter-clockwise).
fn arc(cx: f64, cy: f64, r: f64, a0: f64, a1: f64) -> Polyline {
    let steps = ((a1 - a0).abs() * r).ceil().max(8.0) as usize * 2;
    (0..=steps)
        .map(|i| {
            let a = a0 + (a1 - a0) * i as f64 / steps as f64;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

impl CourtSpec {
    /// `y` of the baseline in the shot frame.
    pub fn baseline_y(&self) -> f64 {
        -self.hoop
    }

    /// `y` of the half-court line.
    pub fn half_court_y(&self) -> f64 {
        self.length / 2.0 - self.hoop
    }

    /// `y` where the corner three's straight line meets the arc.
    pub fn corner_break_y(&self) -> f64 {
        (self.arc_radius.powi(2) - self.corner_x.powi(2))
            .max(0.0)
            .sqrt()
    }

    /// The lines of one half, around the hoop at the origin.
    fn half_lines(&self) -> Vec<Polyline> {
        let (b, hw) = (self.baseline_y(), self.width / 2.0);
        let lw = self.lane_width / 2.0;
        let ft = b + self.lane_depth;
        let brk = self.corner_break_y();
        let theta = brk.atan2(self.corner_x);
        let mut lines = vec![
            // Lane.
            vec![(-lw, b), (-lw, ft), (lw, ft), (lw, b)],
            // Free-throw circle: solid half towards half court (the dashed inner half is drawn
            // solid and lighter by renderers that can; here it is left out).
            arc(0.0, ft, self.free_throw_circle, 0.0, std::f64::consts::PI),
            // Restricted area, with its short straight legs to the backboard.
            {
                let mut ra = vec![(-self.restricted_area, b + self.backboard)];
                ra.extend(arc(
                    0.0,
                    0.0,
                    self.restricted_area,
                    std::f64::consts::PI,
                    0.0,
                ));
                ra.push((self.restricted_area, b + self.backboard));
                ra
            },
            // Backboard.
            vec![
                (-self.backboard_width / 2.0, b + self.backboard),
                (self.backboard_width / 2.0, b + self.backboard),
            ],
            // Rim.
            arc(0.0, 0.0, self.rim_radius, 0.0, 2.0 * std::f64::consts::PI),
        ];
        // Three-point line: corners then the arc.
        let mut three = vec![(-self.corner_x, b), (-self.corner_x, brk)];
        three.extend(arc(
            0.0,
            0.0,
            self.arc_radius,
            std::f64::consts::PI - theta,
            theta,
        ));
        three.extend([(self.corner_x, brk), (self.corner_x, b)]);
        lines.push(three);
        // Sidelines and baseline.
        lines.push(vec![
            (-hw, self.half_court_y()),
            (-hw, b),
            (hw, b),
            (hw, self.half_court_y()),
        ]);
        lines
    }

    /// The lines of the court: the half with the hoop at the origin, or the full court with
    /// the far half mirrored beyond half court.
    pub fn lines(&self, full: bool) -> Vec<Polyline> {
        let hw = self.width / 2.0;
        let half = self.half_court_y();
        let mut lines = self.half_lines();
        lines.push(vec![(-hw, half), (hw, half)]);
        // The centre circle's half on this side of the half-court line.
        lines.push(arc(
            0.0,
            half,
            self.center_circle,
            std::f64::consts::PI,
            2.0 * std::f64::consts::PI,
        ));
        if full {
            let far = self.length - 2.0 * self.hoop;
            let mirrored: Vec<Polyline> = self
                .half_lines()
                .into_iter()
                .map(|l| l.into_iter().map(|(x, y)| (x, far - y)).collect())
                .collect();
            lines.extend(mirrored);
            lines.push(arc(
                0.0,
                half,
                self.center_circle,
                0.0,
                std::f64::consts::PI,
            ));
        }
        lines
    }

    /// The area drawn: (x min, x max, y min, y max) in feet.
    pub fn bounds(&self, full: bool) -> (f64, f64, f64, f64) {
        let hw = self.width / 2.0;
        let top = if full {
            self.length - self.hoop
        } else {
            self.half_court_y()
        };
        (-hw, hw, self.baseline_y(), top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nba_corner_three_breaks_14_ft_from_the_baseline() {
        let nba = Court::Nba.spec();
        assert!((nba.corner_break_y() - nba.baseline_y() - 14.2).abs() < 0.1);
        assert_eq!(nba.half_court_y(), 41.75);
    }

    #[test]
    fn fiba_is_metric_and_smaller() {
        let f = Court::Fiba.spec();
        assert!(f.metric);
        assert!((f.length - 91.86).abs() < 0.01);
        assert!((f.arc_radius - 22.15).abs() < 0.01);
    }

    #[test]
    fn three_point_line_stays_at_the_arc_radius() {
        let nba = Court::Nba.spec();
        let three = nba
            .lines(false)
            .into_iter()
            .find(|l| l.len() > 20 && l[0].0 == -22.0)
            .unwrap();
        for (x, y) in &three[2..three.len() - 2] {
            assert!(((x * x + y * y).sqrt() - 23.75).abs() < 1e-9);
        }
    }
}
