//! Tracking analytics on the sample game.

use courtside::analysis::tracking::{MotionOptions, movement};
use courtside::data::TableKind;

#[test]
fn the_sample_game_gives_basketball_figures() {
    let tables = courtside::sample::open_embedded().unwrap();
    let t = tables
        .iter()
        .find(|t| t.kind == TableKind::Tracking)
        .unwrap();
    let players = movement(t.lazy(), &MotionOptions::default()).unwrap();
    for p in &players {
        eprintln!(
            "{:<18} {:>6.0} s {:>7.0} m top {:.2} m/s acc {} dec {} zones {:?}",
            p.player, p.tracked_s, p.distance_m, p.top_speed_mps, p.accels, p.decels, p.zone_m
        );
    }
    assert_eq!(players.len(), 10, "ten players, the ball left out");
    for p in &players {
        // A full game on the court: 48 minutes tracked; basketball distances and top speeds.
        assert!(
            (p.tracked_s - 2880.0).abs() < 1.0,
            "{}: {}",
            p.player,
            p.tracked_s
        );
        assert!(
            (3000.0..5500.0).contains(&p.distance_m),
            "{}: {}",
            p.player,
            p.distance_m
        );
        assert!(
            (6.0..9.0).contains(&p.top_speed_mps),
            "{}: {}",
            p.player,
            p.top_speed_mps
        );
    }
}
