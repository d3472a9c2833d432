//! Colour-blind-safe palettes: a diverging red–blue (ColorBrewer RdBu) for "better or worse
//! than the baseline", and viridis for densities.

use serde::{Deserialize, Serialize};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Linear blend from `self` (t = 0) to `o` (t = 1).
    pub fn mix(self, o: Rgb, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Rgb(m(self.0, o.0), m(self.1, o.1), m(self.2, o.2))
    }
}

/// Background, court lines and text.
pub const PAPER: Rgb = Rgb(252, 250, 246);
pub const LINES: Rgb = Rgb(90, 90, 90);
pub const INK: Rgb = Rgb(30, 30, 30);
pub const MUTED: Rgb = Rgb(110, 110, 110);
/// Made and missed shots (blue and orange: distinct for every kind of colour vision).
pub const MADE: Rgb = Rgb(33, 102, 172);
pub const MISSED: Rgb = Rgb(230, 120, 20);

/// ColorBrewer RdBu, blue (low) to red (high).
const RDBU: [Rgb; 11] = [
    Rgb(5, 48, 97),
    Rgb(33, 102, 172),
    Rgb(67, 147, 195),
    Rgb(146, 197, 222),
    Rgb(209, 229, 240),
    Rgb(247, 247, 247),
    Rgb(253, 219, 199),
    Rgb(244, 165, 130),
    Rgb(214, 96, 77),
    Rgb(178, 24, 43),
    Rgb(103, 0, 31),
];

/// Viridis, dark (low) to yellow (high), sampled at 9 stops.
const VIRIDIS: [Rgb; 9] = [
    Rgb(68, 1, 84),
    Rgb(71, 44, 122),
    Rgb(59, 81, 139),
    Rgb(44, 113, 142),
    Rgb(33, 144, 141),
    Rgb(39, 173, 129),
    Rgb(92, 200, 99),
    Rgb(170, 220, 50),
    Rgb(253, 231, 37),
];

/// The colour at `t` in [0, 1] along evenly spaced `stops`.
pub(crate) fn sample(stops: &[Rgb], t: f64) -> Rgb {
    let t = if t.is_nan() { 0.5 } else { t.clamp(0.0, 1.0) };
    let f = t * (stops.len() - 1) as f64;
    let i = (f.floor() as usize).min(stops.len() - 2);
    stops[i].mix(stops[i + 1], f - i as f64)
}

/// The diverging colour of `value` on a scale from `-limit` (blue) to `+limit` (red);
/// values beyond are clipped.
pub fn diverging(value: f64, limit: f64) -> Rgb {
    sample(&RDBU, 0.5 + value / (2.0 * limit))
}

/// The sequential colour of `t` in [0, 1].
pub fn sequential(t: f64) -> Rgb {
    sample(&VIRIDIS, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_is_white_at_zero_and_clips() {
        assert_eq!(diverging(0.0, 0.12), Rgb(247, 247, 247));
        assert_eq!(diverging(0.5, 0.12), diverging(0.12, 0.12));
        assert_eq!(diverging(-1.0, 0.12), Rgb(5, 48, 97));
        assert_eq!(sequential(1.0), Rgb(253, 231, 37));
    }
}
