//! Tracking analytics on the sample game.

use courtside::analysis::tracking::{
    HeatOptions, MotionOptions, TrackFilter, movement, occupancy, playback, possessions,
};
use courtside::data::{Table, TableKind};

fn sample_tracking() -> Table {
    courtside::sample::open_embedded()
        .unwrap()
        .into_iter()
        .find(|t| t.kind == TableKind::Tracking)
        .unwrap()
}

#[test]
fn the_sample_game_gives_basketball_figures() {
    let t = sample_tracking();
    let players = movement(t.lazy(), &MotionOptions::default()).unwrap();
    for p in &players {
        eprintln!(
            "{:<18} {:>6.0} s {:>7.0} m top {:.2} m/s acc {} dec {} zones m {:?}",
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
            (3500.0..5300.0).contains(&p.distance_m),
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
        // Most of a game is walked and jogged; sprints are a small share.
        assert!(
            p.zone_m[3] < 0.25 * p.distance_m,
            "{}: {:?}",
            p.player,
            p.zone_m
        );
        assert!(
            p.zone_s[0] > 0.4 * p.tracked_s,
            "{}: {:?}",
            p.player,
            p.zone_s
        );
        // Zones and periods add up to the whole.
        let zones: f64 = p.zone_m.iter().sum();
        let periods: f64 = p.period_m.iter().map(|(_, m)| m).sum();
        assert!((zones - p.distance_m).abs() < 1e-6 * p.distance_m);
        assert!((periods - p.distance_m).abs() < 1e-6 * p.distance_m);
        assert_eq!(p.period_m.len(), 4);
        assert!((100..600).contains(&p.accels), "{}: {}", p.player, p.accels);
    }
}

#[test]
fn the_sample_heatmap_gathers_near_the_baskets() {
    let t = sample_tracking();
    let heat = occupancy(t.lazy(), &TrackFilter::default(), &HeatOptions::default()).unwrap();
    assert_eq!(heat.players, 10);
    // Ten players for 2,880 s each, but the last frame of each of the 4 periods, which has
    // no next frame to time it by: 28,800 − 10 × 4 × 0.04 s.
    assert!((heat.total_s - 28_798.4).abs() < 1e-6, "{}", heat.total_s);
    // Seconds per cell within 25 ft of a basket against the middle third of the court.
    let (mut near, mut near_n, mut mid, mut mid_n) = (0.0, 0, 0.0, 0);
    for r in 0..heat.rows {
        for c in 0..heat.cols {
            let x = (c as f64 + 0.5) * heat.cell_ft;
            let y = (r as f64 + 0.5) * heat.cell_ft;
            let s = heat.seconds[r * heat.cols + c];
            let to_basket = (x - 5.25).hypot(y - 25.0).min((x - 88.75).hypot(y - 25.0));
            if to_basket < 25.0 {
                near += s;
                near_n += 1;
            } else if (31.0..63.0).contains(&x) {
                mid += s;
                mid_n += 1;
            }
        }
    }
    let (near, mid) = (near / near_n as f64, mid / mid_n as f64);
    assert!(
        near > 3.0 * mid,
        "near {near:.1} s/cell, mid {mid:.1} s/cell"
    );

    // One basket: the play is mirrored to x < 47, so the far half is nearly empty.
    let one = occupancy(
        t.lazy(),
        &TrackFilter::default(),
        &HeatOptions {
            one_basket: true,
            ..Default::default()
        },
    )
    .unwrap();
    let far: f64 = (0..one.rows)
        .flat_map(|r| (0..one.cols).map(move |c| (r, c)))
        .filter(|(_, c)| (*c as f64 + 0.5) * one.cell_ft > 60.0)
        .map(|(r, c)| one.seconds[r * one.cols + c])
        .sum();
    assert!((one.total_s - heat.total_s).abs() < 1e-6 * heat.total_s);
    assert!(far < 0.1 * one.total_s, "{far} of {}", one.total_s);
}

#[test]
fn a_players_second_quarter_and_a_possession_play_back() {
    let t = sample_tracking();
    let hale = TrackFilter {
        players: vec!["Marcus Hale".into()],
        periods: vec![2],
        ..Default::default()
    };
    let m = movement(hale.apply(t.lazy()), &MotionOptions::default()).unwrap();
    assert_eq!(m.len(), 1);
    assert!((m[0].tracked_s - 720.0).abs() < 0.1, "{}", m[0].tracked_s);
    let all = movement(t.lazy(), &MotionOptions::default()).unwrap();
    let whole = all.iter().find(|p| p.player == "Marcus Hale").unwrap();
    let q2 = whole.period_m.iter().find(|(p, _)| *p == 2).unwrap().1;
    assert!((m[0].distance_m - q2).abs() < 1e-6 * q2);

    let p = playback(t.lazy(), None, Some(2)).unwrap();
    assert_eq!(p.tracks.len(), 11);
    assert!(p.tracks.last().unwrap().ball, "the ball is drawn last");
    assert_eq!(p.to_ms - p.from_ms, 720_000 - 40);
    assert_eq!(p.clock_at(p.from_ms), Some(720.0));
    let spans = possessions(&p, 1_000);
    // A 12-minute quarter of 10–22 s possessions.
    assert!((25..70).contains(&spans.len()), "{}", spans.len());
    assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0));
}

#[test]
fn a_kinexon_export_in_metres_from_the_centre_is_read_in_feet_from_the_corner() {
    use courtside::data::adapters::Vendor;
    // Two players, 10 s at 20 Hz: A runs 4 m/s along x from the centre, B stands at a corner
    // (−14, −7.5 m from the centre of a 28 × 15 m court).
    let mut csv = String::from(
        "ts in ms,sensor id,mapped id,full name,number,group id,group name,x in m,y in m\n",
    );
    for i in 0..=200 {
        let t = 1_700_000_000_000i64 + i * 50;
        csv += &format!("{t},11,p1,Anna Lind,7,1,Home,{:.3},0.0\n", i as f64 * 0.2);
        csv += &format!("{t},12,p2,Bea Nord,9,2,Away,-14.0,-7.5\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kinexon-game-3.csv");
    std::fs::write(&path, csv).unwrap();
    let tables = courtside::data::open(&path, &Default::default()).unwrap();
    let t = &tables[0];
    assert_eq!((t.kind, t.vendor), (TableKind::Tracking, Vendor::Kinexon));
    let df = t.lazy().collect().unwrap();
    let x = df.column("x_ft").unwrap().f32().unwrap();
    let y = df.column("y_ft").unwrap().f32().unwrap();
    // The centre of the court is (47, 25) ft; −14 m is 45.93 ft left of it.
    assert!((x.get(0).unwrap() - 47.0).abs() < 1e-4);
    assert!((y.get(0).unwrap() - 25.0).abs() < 1e-4);
    assert!((x.get(1).unwrap() - (47.0 - 14.0 / 0.3048) as f32).abs() < 1e-3);
    assert_eq!(
        df.column("game_id").unwrap().str().unwrap().get(0),
        Some("kinexon-game-3")
    );
    let m = movement(t.lazy(), &MotionOptions::default()).unwrap();
    let anna = m.iter().find(|p| p.player == "Anna Lind").unwrap();
    assert_eq!(anna.team.as_deref(), Some("Home"));
    assert!((anna.distance_m - 40.0).abs() < 1e-3, "{}", anna.distance_m);
    assert!((anna.top_speed_mps - 4.0).abs() < 1e-3);
    let bea = m.iter().find(|p| p.player == "Bea Nord").unwrap();
    assert_eq!(bea.distance_m, 0.0);
}

#[test]
fn a_sportvu_game_opens_as_tracking_and_charts_from_the_command_line() {
    use courtside::data::adapters::Vendor;
    // One event of 4 s at 25 Hz: a player runs 5 m/s along x, the ball follows.
    let mut moments = Vec::new();
    for i in 0..=100 {
        let x = 20.0 + i as f64 * 5.0 * 0.04 / 0.3048;
        moments.push(format!(
            "[2,{},{:.2},10.0,null,[[-1,-1,{x:.4},25.0,3.0],[1610612744,201939,{x:.4},24.0,0.0]]]",
            1_450_000_000_000i64 + i * 40,
            600.0 - i as f64 * 0.04
        ));
    }
    let doc = format!(
        r#"{{"gameid":"0021500001","gamedate":"2015-10-27","events":[{{"eventId":"1","home":{{"name":"Golden State Warriors","teamid":1610612744,"abbreviation":"GSW","players":[{{"lastname":"Curry","firstname":"Stephen","playerid":201939}}]}},"visitor":{{"teamid":1,"players":[]}},"moments":[{}]}}]}}"#,
        moments.join(",")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("game.json");
    std::fs::write(&path, doc).unwrap();
    let tables = courtside::data::open(&path, &Default::default()).unwrap();
    let t = &tables[0];
    assert_eq!((t.kind, t.vendor), (TableKind::Tracking, Vendor::SportVu));
    let m = movement(t.lazy(), &MotionOptions::default()).unwrap();
    assert_eq!(m.len(), 1, "the ball is not a player");
    assert_eq!(
        (m[0].player.as_str(), m[0].team.as_deref()),
        ("Stephen Curry", Some("GSW"))
    );
    assert!((m[0].distance_m - 20.0).abs() < 1e-3, "{}", m[0].distance_m);
    assert_eq!(m[0].period_m.len(), 1);

    let out = dir.path().join("curry.csv");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_courtside"))
        .args([
            "tracking",
            path.to_str().unwrap(),
            "--player",
            "Stephen Curry",
        ])
        .args([
            "--period",
            "2",
            "--from-clock",
            "10:00",
            "--to-clock",
            "9:58",
        ])
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    // From 10:00 to 9:58 on the clock: 2 s at 5 m/s.
    assert_eq!(row[0], "Stephen Curry");
    let d: f64 = row[3].parse().unwrap();
    assert!((d - 10.0).abs() < 0.01, "{text}");
}
