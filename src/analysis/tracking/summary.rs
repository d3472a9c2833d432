//! The per-player movement summary as a table, for the view and for CSV export.

use polars::prelude::*;

use super::motion::{MotionOptions, Movement};

/// The per-player summary as a table: minutes tracked, distance, top speed, distance per
/// zone, accelerations and decelerations.
pub fn summary_frame(players: &[Movement], opts: &MotionOptions) -> PolarsResult<DataFrame> {
    let r2 = |v: f64| (v * 100.0).round() / 100.0;
    let mut columns = vec![
        Column::new(
            "player".into(),
            players.iter().map(|p| p.player.clone()).collect::<Vec<_>>(),
        ),
        Column::new(
            "team".into(),
            players.iter().map(|p| p.team.clone()).collect::<Vec<_>>(),
        ),
        Column::new(
            "minutes_tracked".into(),
            players
                .iter()
                .map(|p| r2(p.tracked_s / 60.0))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "distance_m".into(),
            players.iter().map(|p| r2(p.distance_m)).collect::<Vec<_>>(),
        ),
        Column::new(
            "top_speed_mps".into(),
            players
                .iter()
                .map(|p| r2(p.top_speed_mps))
                .collect::<Vec<_>>(),
        ),
    ];
    for (z, name) in opts.zone_names().iter().enumerate() {
        let name = name.replace(" m/s", "").replace('–', "_").replace("≥ ", "");
        let label = if z + 1 == opts.bands_mps.len() {
            format!("m_above_{name}_mps")
        } else {
            format!("m_{name}_mps")
        };
        columns.push(Column::new(
            label.as_str().into(),
            players
                .iter()
                .map(|p| r2(p.zone_m.get(z).copied().unwrap_or(0.0)))
                .collect::<Vec<_>>(),
        ));
    }
    columns.push(Column::new(
        "accels".into(),
        players.iter().map(|p| p.accels).collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "decels".into(),
        players.iter().map(|p| p.decels).collect::<Vec<_>>(),
    ));
    DataFrame::new(players.len(), columns)
}
