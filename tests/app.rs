//! The desktop app, driven as a user would with egui_kittest: open the sample, filter, switch
//! views, change a band, export, open a corrupt file, restart.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use courtside::analysis::load::Bands;
use courtside::app::CourtsideApp;
use courtside::app::state::{View, Workspace};
use courtside::court::{self, BasicZone};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use polars::prelude::*;

mod common;

fn harness(ws: Workspace) -> Harness<'static, CourtsideApp> {
    Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .build_eframe(move |cc| CourtsideApp::with_workspace(&cc.egui_ctx, ws, Vec::new()))
}

/// Steps frames until `done` holds (work runs on other threads meanwhile).
fn wait(h: &mut Harness<'_, CourtsideApp>, what: &str, done: impl Fn(&CourtsideApp) -> bool) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}; messages: {:?}",
            h.state().messages
        );
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run_steps(2);
}

fn shots_ready(app: &CourtsideApp) -> bool {
    app.shots_result().is_some() && !app.busy()
}

/// FGA and FGM per basic zone of one sample player, counted here from the raw rows.
fn sample_player_zones(player: &str) -> Vec<(u64, u64)> {
    sample_zones(col("player").eq(lit(player)))
}

/// FGA and FGM per basic zone of the sample's shots that pass `filter`.
fn sample_zones(filter: Expr) -> Vec<(u64, u64)> {
    let tables = courtside::sample::open_embedded().unwrap();
    let shots = tables
        .iter()
        .find(|t| t.kind == courtside::data::TableKind::Shots)
        .unwrap();
    let df = shots
        .lazy()
        .filter(filter)
        .select([col("x_ft"), col("y_ft"), col("made")])
        .collect()
        .unwrap();
    let x = df.column("x_ft").unwrap().cast(&DataType::Float64).unwrap();
    let y = df.column("y_ft").unwrap().cast(&DataType::Float64).unwrap();
    let made = df.column("made").unwrap().bool().unwrap().clone();
    let mut counts = vec![(0u64, 0u64); BasicZone::ALL.len()];
    for ((x, y), m) in x
        .f64()
        .unwrap()
        .iter()
        .zip(y.f64().unwrap().iter())
        .zip(made.iter())
    {
        let z = court::basic_zone(x.unwrap(), y.unwrap()) as usize;
        counts[z].0 += 1;
        counts[z].1 += u64::from(m.unwrap_or(false));
    }
    counts
}

/// The zone table shown, as (zone, fga, fgm).
fn shown_zones(app: &CourtsideApp) -> Vec<(String, String, String)> {
    let t = &app.shots_result().unwrap().rows;
    let at = |n: &str| t.columns.iter().position(|c| c == n).unwrap();
    t.rows
        .iter()
        .map(|r| {
            (
                r[at("zone")].clone(),
                r[at("fga")].clone(),
                r[at("fgm")].clone(),
            )
        })
        .collect()
}

#[test]
fn picking_a_player_shows_that_players_zone_table() {
    let mut h = harness(Workspace::default());
    wait(&mut h, "the sample's shots", shots_ready);
    let all = shown_zones(h.state());
    assert_eq!(all[0].0, "Restricted Area");
    // The sample season: every shot, before any filter.
    h.get_by_label_contains("All shots · 14,692 shots");

    let player = "Marcus Hale";
    h.get_by_label("Players").focus();
    h.get_by_label("Players").type_text("hale");
    h.run_steps(2);
    h.get_by_label_contains(&format!("{player} · ")).click();
    wait(&mut h, "the player's zone table", |app| {
        shots_ready(app) && app.shots_result().unwrap().query.filter.players == [player]
    });

    let expected = sample_player_zones(player);
    let total: u64 = expected.iter().map(|c| c.0).sum();
    assert!(total > 300, "a starter takes hundreds of shots: {total}");
    let shown = shown_zones(h.state());
    for (zone, fga, fgm) in &shown {
        let i = BasicZone::ALL
            .iter()
            .position(|z| z.label() == zone)
            .unwrap();
        assert_eq!(
            (fga.parse::<u64>().unwrap(), fgm.parse::<u64>().unwrap()),
            expected[i],
            "{zone}"
        );
    }
    assert_ne!(shown, all, "the table changed to the player's");
    h.get_by_label_contains(&format!(
        "{player} · {} shots",
        courtside::format::thousands(total)
    ));
}

#[test]
fn switching_to_load_and_changing_a_band_threshold_recolours_the_team() {
    let mut h = harness(Workspace::default());
    wait(&mut h, "the sample", shots_ready);
    h.get_by_label("Load").click();
    wait(&mut h, "the team overview", |app| {
        app.load_result().is_some() && !app.busy()
    });
    assert_eq!(h.state().ws.view, View::Load);
    let day = h.state().load_result().unwrap().day;
    h.get_by_label_contains(&format!("Team on {day}"));
    let before = h.state().load_result().unwrap().rows.clone();
    let elevated = |rows: &[courtside::request::load::OverviewRow]| {
        rows.iter()
            .filter(|r| matches!(r.band.as_deref(), Some("elevated" | "high risk")))
            .count()
    };

    // Normal now ends at 0.85: players between 0.85 and 1.3 turn elevated.
    h.get_by_label("Normal up to").set_value_accesskit(0.85);
    wait(&mut h, "the overview with the new band", |app| {
        !app.busy() && app.load_result().unwrap().query.bands.normal == 0.85
    });
    let bands = Bands {
        normal: 0.85,
        ..Bands::default()
    };
    let after = &h.state().load_result().unwrap().rows;
    for r in after {
        assert_eq!(
            r.band.as_deref(),
            r.acwr.map(|a| bands.of(a)),
            "{}",
            r.player
        );
    }
    let moved = before
        .iter()
        .filter(|r| r.acwr.is_some_and(|a| a > 0.85 && a <= 1.3))
        .count();
    assert!(moved > 0, "some players sit between 0.85 and 1.3");
    assert_eq!(elevated(after), elevated(&before) + moved);
}

#[test]
fn a_load_range_gives_days_in_bands_and_the_daily_series_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Workspace {
        view: View::Load,
        ..Default::default()
    });
    wait(&mut h, "the team overview", |app| {
        app.load_result().is_some() && !app.busy()
    });
    h.state_mut().ws.export.folder = Some(dir.path().to_path_buf());
    let day = h.state().load_result().unwrap().day;
    // Eight weeks up to the day by default; four weeks on a click.
    assert_eq!(
        h.state().load_result().unwrap().range,
        (day - chrono::Days::new(55), day)
    );
    h.get_by_label("4 weeks").click();
    let from = day - chrono::Days::new(27);
    wait(&mut h, "four weeks", |app| {
        !app.busy() && app.load_result().unwrap().range == (from, day)
    });
    h.get_by_label(&format!("Days in bands, {from} to {day}"))
        .click();
    h.run_steps(2);
    let r = h.state().load_result().unwrap();
    let days: Vec<u32> = r
        .band_days
        .column("days")
        .unwrap()
        .u32()
        .unwrap()
        .into_no_null_iter()
        .collect();
    assert_eq!(days, vec![28; 15], "every player, every day of the range");
    h.get_by_label("High risk");
    // The daily series of the range, as CSV.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    h.get_by_label("CSV table").click();
    h.run_steps(4);
    h.get_by_label(&format!("Every player's daily series, {from} to {day}"))
        .click();
    h.run_steps(2);
    assert_eq!(
        h.state().export.load_table,
        courtside::app::state::LoadTable::Daily
    );
    h.get_by_label("File name").focus();
    h.run_steps(1);
    h.get_by_label("File name").type_text("daily");
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Export").click();
    let csv = dir.path().join("daily.csv");
    wait(&mut h, "the CSV", |_| csv.is_file());
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 15 * 28, "{}", text.lines().next().unwrap());
    assert!(rows.iter().all(|r| {
        let date = r.split(',').nth(1).unwrap();
        date >= from.to_string().as_str() && date <= day.to_string().as_str()
    }));
}

#[test]
fn exports_png_and_csv_of_what_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Workspace::default());
    wait(&mut h, "the sample", shots_ready);
    h.state_mut().ws.export.folder = Some(dir.path().to_path_buf());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);

    h.get_by_label("CSV table").click();
    h.get_by_label("File name").focus();
    h.run_steps(1);
    h.get_by_label("File name").type_text("zones");
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Export").click();
    let csv = dir.path().join("zones.csv");
    wait(&mut h, "the CSV", |_| csv.is_file());
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "zone,fga,fgm,fg_pct,pts_per_shot,efg_pct,share,baseline_fg_pct,fg_pct_diff,baseline,baseline_shots"
    );
    let shown = shown_zones(h.state());
    for ((zone, fga, fgm), line) in shown.iter().zip(lines) {
        assert!(line.starts_with(&format!("{zone},{fga},{fgm},")), "{line}");
    }

    h.get_by_label("PNG").click();
    h.get_by_label("File name").focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File name").type_text("chart");
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Export").click();
    let png = dir.path().join("chart.png");
    wait(&mut h, "the PNG", |app| png.is_file() && !app.busy());
    let img = image::open(&png).unwrap();
    assert_eq!((img.width(), img.height()), (1000, 1100));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
}

#[test]
fn a_corrupt_file_shows_its_error_and_the_app_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.parquet");
    std::fs::write(&bad, b"PAR1 this is not a parquet file PAR1").unwrap();
    let mut h = harness(Workspace::default());
    wait(&mut h, "the sample", shots_ready);
    h.state_mut().open_paths(vec![bad.clone()]);
    wait(&mut h, "the corrupt file's error", |app| {
        app.sources
            .iter()
            .any(|s| matches!(&s.state, courtside::app::SourceState::Failed(_)))
    });
    let node = h.get_by_label_contains("broken.parquet:");
    let text = format!("{:?}", node);
    assert!(
        text.contains("Parquet") || text.contains("parquet"),
        "{text}"
    );
    // The rest keeps working: the sample's shots are there and the load view opens.
    assert!(h.state().shots_result().is_some());
    h.get_by_label("Load").click();
    wait(&mut h, "the overview", |app| {
        app.load_result().is_some() && !app.busy()
    });
    h.get_by_label("Try again");
}

/// eframe's storage, in memory.
#[derive(Default)]
struct Memory(HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn restarting_restores_the_workspace() {
    let mut storage = Memory::default();
    {
        let mut h = harness(Workspace::default());
        wait(&mut h, "the sample", shots_ready);
        h.get_by_label("Players").focus();
        h.get_by_label("Players").type_text("hale");
        h.run_steps(2);
        h.get_by_label_contains("Marcus Hale · ").click();
        h.get_by_label("Q4").click();
        h.get_by_label("Zones").click();
        h.get_by_label("Load").click();
        h.run_steps(2);
        eframe::App::save(h.state_mut(), &mut storage);
    }
    let restored = Workspace::restore(Some(&storage as &dyn eframe::Storage)).unwrap();
    assert_eq!(restored.view, View::Load);
    assert_eq!(restored.shots.filter.players, ["Marcus Hale"]);
    assert_eq!(restored.shots.filter.periods, [4]);
    let mut h = harness(restored);
    wait(&mut h, "the restored views", |app| {
        app.load_result().is_some() && shots_ready(app)
    });
    h.get_by_label_contains("Team on ");
    let r = h.state().shots_result().unwrap();
    assert_eq!(r.query.filter.players, ["Marcus Hale"]);
    assert_eq!(r.query.chart, courtside::charts::spec::ChartKind::Zones);
}

#[test]
fn a_workspace_file_opens_the_same_setup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scouting.courtside.json");
    let mut ws = Workspace::default();
    ws.shots.filter.periods = vec![1];
    ws.view = View::Load;
    let mut h = harness(ws.clone());
    wait(&mut h, "the sample", shots_ready);
    h.state_mut().save_workspace(&path);
    let mut other = harness(Workspace::default());
    other.state_mut().open_workspace(&path);
    wait(&mut other, "the opened workspace", shots_ready);
    assert_eq!(other.state().ws, ws);
    assert!(Path::new(&path).is_file());
}

#[test]
fn the_app_shows_currys_season_from_the_nba_log() {
    let Some(data) = common::shared_data() else {
        return;
    };
    let csv = data.join("nba-shots/NBA_2024_Shots.csv");
    let mut h = harness(Workspace {
        sources: vec![courtside::app::state::SourceRef::Path(csv)],
        ..Default::default()
    });
    wait(&mut h, "the NBA season", shots_ready);
    h.get_by_label_contains("All shots · 218,701 shots");
    h.get_by_label("Players").focus();
    h.get_by_label("Players").type_text("stephen cur");
    h.run_steps(2);
    h.get_by_label("Stephen Curry · Golden State Warriors")
        .click();
    wait(&mut h, "Curry's zones", |app| {
        shots_ready(app) && app.shots_result().unwrap().query.filter.players == ["Stephen Curry"]
    });
    let r = h.state().shots_result().unwrap();
    let fga: u64 = r.zones.iter().map(|z| z.fga).sum();
    let fgm: u64 = r.zones.iter().map(|z| z.fgm).sum();
    let fg3m: u64 = r.zones.iter().map(|z| z.fg3m).sum();
    // SPEC's oracle: 650 of 1,445, and 357 threes made.
    assert_eq!((fgm, fga, fg3m), (650, 1445, 357));
    h.get_by_label_contains("Stephen Curry · 1,445 shots");
}

#[test]
fn a_missing_column_is_mapped_in_the_data_panel() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("wellness.csv");
    std::fs::write(
        &csv,
        "athlete,date,player_load\nAnna,2024-01-01,300\nAnna,2024-01-02,320\nBea,2024-01-01,280\n",
    )
    .unwrap();
    let mut h = harness(Workspace {
        sources: vec![courtside::app::state::SourceRef::Path(csv.clone())],
        ..Default::default()
    });
    wait(&mut h, "the missing column", |app| {
        app.sources
            .iter()
            .any(|s| matches!(&s.state, courtside::app::SourceState::Failed(_)))
    });
    assert!(h.state().ws.show_data_panel, "the panel opens by itself");
    h.get_by_label("Which column holds `player` (a load table)?");
    h.get_by_label("athlete").click();
    wait(&mut h, "the mapped file", |app| {
        app.load_result().is_some() && !app.busy()
    });
    let players: Vec<&str> = h
        .state()
        .load_result()
        .unwrap()
        .series
        .iter()
        .map(|s| s.player.as_str())
        .collect();
    assert_eq!(players, ["Anna", "Bea"]);
    let saved = h.state().ws.mappings.get(&csv).unwrap();
    assert_eq!(saved.columns["player"], "athlete");
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap().lines().count(),
        4,
        "the file is untouched"
    );
}

#[test]
fn scroll_zooms_the_court_drag_pans_and_a_double_click_resets() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 950.0))
        .with_step_dt(0.01)
        .build_eframe(|cc| {
            CourtsideApp::with_workspace(&cc.egui_ctx, Workspace::default(), Vec::new())
        });
    wait(&mut h, "the sample", shots_ready);
    let title = h.get_by_label("All shots").rect();
    let at = egui::pos2(title.left() + 220.0, title.bottom() + 260.0);
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 300.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(30);
    let zoomed = h.state().shots.pan_zoom();
    assert!(zoomed.zoom > 1.5, "{zoomed:?}");

    h.drag_at(at);
    for dx in [10.0, 40.0, 80.0] {
        h.hover_at(at + egui::vec2(dx, 0.0));
        h.run_steps(1);
    }
    h.drop_at(at + egui::vec2(80.0, 0.0));
    h.run_steps(2);
    let panned = h.state().shots.pan_zoom();
    let (a, b) = (zoomed.centre.unwrap(), panned.centre.unwrap());
    // Dragging right moves the court right: the centre of the view moves left on the court.
    assert!(b.x < a.x - 1.0, "{a:?} -> {b:?}");

    h.hover_at(at);
    for pressed in [true, false, true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_steps(3);
    assert_eq!(h.state().shots.pan_zoom(), Default::default());
}

/// Appends text to a feed file, as a live system does.
fn append_to(feed: &Path, text: &str) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(feed)
        .unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// `n` canonical shot lines of the sample, from row `from`, as NDJSON.
fn shot_lines(from: usize, n: usize) -> String {
    let tables = courtside::sample::open_embedded().unwrap();
    let shots = tables
        .iter()
        .find(|t| t.kind == courtside::data::TableKind::Shots)
        .unwrap();
    let mut df = shots.lazy().slice(from as i64, n as u32).collect().unwrap();
    let mut buf = Vec::new();
    JsonWriter::new(&mut buf)
        .with_json_format(JsonFormat::JsonLines)
        .finish(&mut df)
        .unwrap();
    String::from_utf8(buf).unwrap()
}

fn live_shots(app: &CourtsideApp) -> usize {
    app.shots_result().map_or(0, |r| r.shots)
}

#[test]
fn following_a_live_file_fills_the_chart_and_pause_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("game.ndjson");
    let append = |text: &str| append_to(&feed, text);
    let mut h = harness(Workspace {
        sources: Vec::new(),
        ..Default::default()
    });
    h.state_mut().follow(feed.clone());
    h.run_steps(2);
    h.get_by_label_contains("LIVE");
    // Two hundred shots, the last line cut in half, and one malformed line.
    let first = shot_lines(0, 200);
    let (a, b) = first.split_at(first.len() - 20);
    append(a);
    wait(&mut h, "the first shots", |app| {
        live_shots(app) == 199 && !app.busy()
    });
    append(b);
    append("{\"broken\":\n");
    wait(&mut h, "the rest of the cut line", |app| {
        live_shots(app) == 200 && !app.busy()
    });
    wait(&mut h, "the skipped line", |app| {
        app.live.as_ref().is_some_and(|l| l.skipped.len() == 1)
    });
    h.get_by_label_contains("LIVE");

    h.get_by_label("Pause").click();
    h.run_steps(2);
    h.get_by_label_contains("Paused");
    append(&shot_lines(200, 100));
    let until = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < until {
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(live_shots(h.state()), 200, "paused: the chart holds");

    h.get_by_label("Resume").click();
    wait(&mut h, "the shots after resuming", |app| {
        live_shots(app) == 300 && !app.busy()
    });
    let live = h.state().live.as_ref().unwrap();
    assert_eq!((live.rows, live.skipped.len()), (300, 1));
    assert_eq!(live.skipped[0].line, 201);
}

/// The frames of the sample (every 40 ms from the period's start) within `[a, b]`, timed:
/// each counts until the next frame in the range, so 10 players × (last − first).
fn sample_range_seconds(from: i64, a: i64, b: i64) -> f64 {
    let first = from + (a - from + 39).div_euclid(40) * 40;
    let last = from + (b - from).div_euclid(40) * 40;
    10.0 * (last - first) as f64 / 1000.0
}

fn tracking_ready(app: &CourtsideApp) -> bool {
    app.tracking.result.as_ref().is_some_and(|r| {
        r.query.filter.time_ms == app.ws.tracking.range
            && r.query.filter.players == app.ws.tracking.players
    }) && app.tracking.span().is_some()
        && !app.busy()
}

#[test]
fn scrubbing_the_tracking_timeline_changes_the_heatmaps_range() {
    let mut ws = Workspace {
        view: View::Tracking,
        ..Default::default()
    };
    ws.tracking.period = Some(2);
    let mut h = harness(ws);
    wait(&mut h, "the tracking view", tracking_ready);
    let (from, to) = h.state().tracking.span().unwrap();
    assert_eq!(
        to - from,
        720_000 - 40,
        "Q2 of the sample: 12 minutes at 25 Hz"
    );
    let whole = h.state().tracking.result.as_ref().unwrap().heat.total_s;
    assert!(
        (whole - sample_range_seconds(from, from, to)).abs() < 1e-6,
        "{whole}"
    );

    // Drag across the scrubber from a quarter to half of the period.
    let r = h.get_by_label("Timeline scrubber").rect();
    let at = |f: f32| egui::pos2(r.left() + r.width() * f, r.center().y);
    h.hover_at(at(0.25));
    h.drag_at(at(0.25));
    for f in [0.3, 0.4, 0.5] {
        h.hover_at(at(f));
        h.run_steps(1);
    }
    h.drop_at(at(0.5));
    h.run_steps(2);
    let (a, b) = h
        .state()
        .ws
        .tracking
        .range
        .expect("the drag selects a range");
    // The scrubber stays put while it is dragged.
    assert_eq!(h.get_by_label("Timeline scrubber").rect(), r);
    assert!(r.right() < h.get_by_label("Speed zones").rect().left());
    let span = (to - from) as f64;
    assert!(((a - from) as f64 / span - 0.25).abs() < 0.005, "{a}");
    assert!(((b - from) as f64 / span - 0.5).abs() < 0.005, "{b}");
    wait(&mut h, "the range's heatmap", tracking_ready);
    let heat = h.state().tracking.result.as_ref().unwrap().heat.total_s;
    assert!(
        (heat - sample_range_seconds(from, a, b)).abs() < 1e-6,
        "{heat}"
    );
    assert!(heat < 0.3 * whole);

    // The next possession: the range becomes it, and so does the heatmap.
    h.get_by_label("Possession ▶").click();
    h.run_steps(2);
    let p = h.state().ws.tracking.range.unwrap();
    let possessions = &h.state().tracking.playback.as_ref().unwrap().possessions;
    assert!(possessions.contains(&p), "{p:?}");
    assert!(p.0 >= a, "the possession after the playhead");
    wait(&mut h, "the possession's heatmap", tracking_ready);
    let heat = h.state().tracking.result.as_ref().unwrap();
    assert!((heat.heat.total_s - sample_range_seconds(from, p.0, p.1)).abs() < 1e-6);
    for m in &heat.players {
        assert!(
            (m.tracked_s - (p.1 - p.0) as f64 / 1000.0).abs() < 0.041,
            "{}",
            m.tracked_s
        );
    }

    // One player: only their time.
    h.get_by_role_and_label(Role::CheckBox, "Marcus Hale")
        .click();
    h.run_steps(2);
    wait(&mut h, "Hale's heatmap", tracking_ready);
    let r = h.state().tracking.result.as_ref().unwrap();
    assert_eq!(r.heat.players, 1);
    assert!((r.heat.total_s - sample_range_seconds(from, p.0, p.1) / 10.0).abs() < 1e-6);

    // Play at 8×: the playhead moves through the possession.
    h.get_by_label("8×").click();
    h.get_by_label("▶ Play").click();
    h.run_steps(20);
    let head = h.state().tracking.playhead.unwrap();
    assert!(head > p.0 && head <= p.1, "{head} in {p:?}");
}

/// Frames `from..to` of the sample game (11 objects each) as NDJSON lines.
fn tracking_lines(from: usize, to: usize) -> String {
    let tables = courtside::sample::open_embedded().unwrap();
    let t = tables
        .iter()
        .find(|t| t.kind == courtside::data::TableKind::Tracking)
        .unwrap();
    let mut df = t
        .lazy()
        .slice((from * 11) as i64, ((to - from) * 11) as u32)
        .collect()
        .unwrap();
    let mut buf = Vec::new();
    JsonWriter::new(&mut buf)
        .with_json_format(JsonFormat::JsonLines)
        .finish(&mut df)
        .unwrap();
    String::from_utf8(buf).unwrap()
}

#[test]
fn a_live_tracking_feed_grows_the_heatmap() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("tracking.ndjson");
    let append = |text: &str| append_to(&feed, text);
    let mut h = harness(Workspace {
        sources: Vec::new(),
        view: View::Tracking,
        ..Default::default()
    });
    h.get_by_label("No tracking data open");
    h.state_mut().follow(feed.clone());
    // Two seconds of play: 50 frames of ten players and the ball.
    append(&tracking_lines(0, 50));
    let seconds = |app: &CourtsideApp| {
        app.tracking
            .result
            .as_ref()
            .map(|r| r.heat.total_s)
            .unwrap_or(0.0)
    };
    // Each player's 49 steps of 40 ms.
    wait(&mut h, "two seconds of tracking", |app| {
        (seconds(app) - 10.0 * 49.0 * 0.04).abs() < 1e-6 && !app.busy()
    });
    assert_eq!(
        h.state().live.as_ref().unwrap().kind,
        Some(courtside::data::TableKind::Tracking)
    );
    append(&tracking_lines(50, 150));
    wait(&mut h, "six seconds of tracking", |app| {
        (seconds(app) - 10.0 * 149.0 * 0.04).abs() < 1e-6 && !app.busy()
    });
    let r = h.state().tracking.result.as_ref().unwrap();
    assert_eq!(r.players.len(), 10);
    assert_eq!(h.state().tracking.span(), Some((0, 149 * 40)));
}

#[test]
fn comparing_with_a_player_waits_for_the_player_then_colours_against_them() {
    let mut h = harness(Workspace::default());
    wait(&mut h, "the sample", shots_ready);
    let league = h.state().shots_result().unwrap().baseline.clone();
    h.get_by_label("A player").click();
    h.run_steps(3);
    // Nothing is compared with a player nobody chose.
    assert_eq!(
        h.state().ws.shots.baseline,
        courtside::request::shots::Baseline::League
    );
    h.get_by_label("Baseline player").focus();
    h.run_steps(1);
    h.get_by_label("Baseline player").type_text("Kofi");
    h.run_steps(2);
    h.get_by_label("Kofi Mensah").click();
    wait(&mut h, "the chart against Mensah", |app| {
        shots_ready(app)
            && app.shots_result().unwrap().query.baseline
                == courtside::request::shots::Baseline::Player("Kofi Mensah".into())
    });
    let r = h.state().shots_result().unwrap();
    assert!(
        r.baseline.name.starts_with("Kofi Mensah"),
        "{}",
        r.baseline.name
    );
    assert_ne!(
        r.baseline, league,
        "Mensah's FG% by zone is not the league's"
    );
    // The table says what it compares with, exactly.
    let label = r.baseline.label();
    assert!(
        label.starts_with("Kofi Mensah at the same moments, "),
        "{label}"
    );
    h.get_by_label(&format!(
        "vs base: FG% minus the baseline's, in points. Baseline: {label}."
    ));
    h.get_by_label(
        "Kofi Mensah's shots at the same moments: the same seasons, dates, periods and clock.",
    );
}

#[test]
fn a_report_built_by_clicking_is_saved_and_reopened_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scout.courtside-report.json");
    let mut h = harness(Workspace::default());
    wait(&mut h, "the sample", shots_ready);
    // The shots view's chart, with its request, onto the report's first page.
    h.get_by_label("Chart to report").click();
    h.run_steps(2);
    let block = h.state().report.report.pages[0].blocks[0].clone();
    let courtside::report::Block::Charts(charts) = &block else {
        panic!("a chart block: {block:?}");
    };
    assert!(matches!(
        &charts[0],
        courtside::report::ChartBlock::Shots { kind, .. } if *kind == h.state().ws.shots.chart
    ));
    h.get_by_label("Report").click();
    h.run_steps(2);
    assert_eq!(h.state().ws.view, View::Report);
    // A second page with a note, moved before the chart's page.
    h.get_by_label("Add page").click();
    h.run_steps(2);
    h.get_by_label("Add notes").click();
    h.run_steps(2);
    let notes = "# heading · - bullet · **bold**";
    h.get_by_label(notes).focus();
    h.run_steps(1);
    h.get_by_label(notes).type_text("Deny the corner three");
    h.run_steps(2);
    h.get_by_label("Move page up").click();
    h.run_steps(2);
    wait(&mut h, "both pages drawn", |app| {
        !app.busy() && app.report.drawn_pages() == 2
    });
    let built = h.state().report.report.clone();
    assert_eq!(built.pages.len(), 2);
    assert_eq!(
        built.pages[0].blocks,
        [courtside::report::Block::Notes(
            "Deny the corner three".into()
        )]
    );
    assert_eq!(built.pages[1].blocks, [block]);
    // Saved where the user chose (the dialog's answer), and listed in the workspace.
    h.state_mut().ws.report.path = Some(path.clone());
    h.run_steps(2);
    h.get_by_label("Save").click();
    wait(&mut h, "the report file", |_| path.is_file());
    let ws = h.state().ws.clone();
    assert_eq!(ws.report.recent, std::slice::from_ref(&path));
    // The app opened again on that workspace finds the report as it was.
    let mut again = harness(ws);
    again.run_steps(2);
    assert_eq!(again.state().report.report, built);
    assert_eq!(
        courtside::report::Report::read(&path).unwrap(),
        built,
        "the file holds it"
    );
}

#[test]
fn the_app_survives_hostile_files_and_says_what_is_wrong_with_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        files.push(p);
    };
    add(
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
    );
    add(
        "noise.parquet",
        (0..3000u32).map(|i| (i * 7919 % 251) as u8).collect(),
    );
    add(
        "noise.csv",
        (0..3000u32).map(|i| (i * 104_729 % 256) as u8).collect(),
    );
    add(
        "ragged.csv",
        b"game_id,game_date,team,player,x_ft,y_ft,made\ng,2024-01-01,A\n".to_vec(),
    );
    add("empty.ndjson", Vec::new());
    let n = files.len();
    let mut h = harness(Workspace {
        sources: files
            .into_iter()
            .map(courtside::app::state::SourceRef::Path)
            .collect(),
        ..Default::default()
    });
    wait(&mut h, "every source read or refused", |app| {
        !app.busy()
            && app
                .sources
                .iter()
                .all(|s| !matches!(s.state, courtside::app::SourceState::Loading(_)))
    });
    let failed: Vec<String> = h
        .state()
        .sources
        .iter()
        .filter_map(|s| match &s.state {
            courtside::app::SourceState::Failed(f) => Some(format!("{f:?}")),
            _ => None,
        })
        .collect();
    assert_eq!(failed.len(), n, "each file is refused: {failed:?}");
    // The window is still drawn, and the data panel names each file's problem.
    h.run_steps(2);
    assert!(h.state().ws.show_data_panel, "the panel opens by itself");
}

#[test]
fn a_scaled_shot_file_is_told_beside_the_chart_and_its_fix_is_accepted_in_the_data_panel() {
    // The sample season with its coordinates in tenths of a foot.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tenths.parquet");
    let sample = courtside::sample::open_embedded().unwrap();
    let shots = sample
        .iter()
        .find(|t| t.kind == courtside::data::TableKind::Shots)
        .unwrap();
    let mut df = shots
        .lazy()
        .with_columns([col("x_ft") / lit(10.0f32), col("y_ft") / lit(10.0f32)])
        .collect()
        .unwrap();
    courtside::export::write_parquet(&file, &mut df, &[]).unwrap();
    let mut h = harness(Workspace {
        sources: vec![courtside::app::state::SourceRef::Path(file.clone())],
        show_data_panel: true,
        ..Default::default()
    });
    wait(&mut h, "the shots", shots_ready);
    h.get_by_label_contains(
        "tenths.parquet: the coordinates disagree with the source's own two- and three-point \
         values",
    );
    h.get_by_label_contains("Fix: ×10; accept it in the data panel (Ctrl+D)");
    h.get_by_label("Accept the fix: ×10").click();
    wait(&mut h, "the fixed file", |app| {
        shots_ready(app) && app.combined.frame_warnings.is_empty()
    });
    assert!(
        h.query_by_label_contains("coordinates disagree").is_none(),
        "the warning is gone"
    );
    let saved = h.state().ws.mappings.get(&file).unwrap();
    assert_eq!(saved.coordinates[0].to_string(), "scale=10");
    // The zone table is the sample's again.
    let shown = shown_zones(h.state());
    let (fga, fgm) = sample_zones(lit(true))[0];
    assert_eq!(
        shown[0],
        (
            "Restricted Area".to_string(),
            fga.to_string(),
            fgm.to_string()
        )
    );
}

#[test]
fn load_rows_left_out_are_said_and_strict_mode_refuses_them() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("load.csv");
    std::fs::write(
        &csv,
        "player,date,player_load\nAnn,2024-01-01,300\n,2024-01-02,250\nAnn,2024-01-03,310\n",
    )
    .unwrap();
    let mut h = harness(Workspace {
        sources: vec![courtside::app::state::SourceRef::Path(csv.clone())],
        view: View::Load,
        ..Default::default()
    });
    wait(&mut h, "the load", |app| {
        app.load_result().is_some() && !app.busy()
    });
    h.get_by_label("⚠ 1 session row left out: no player");
    // View ▸ Strict: the same data is refused, with the count and the way out.
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Strict").click();
    wait(&mut h, "the refusal", |app| {
        app.load.error.is_some() && !app.busy()
    });
    let e = h.state().load.error.clone().unwrap();
    assert!(
        e.contains("1 session row left out: no player")
            && e.contains("strict mode asks for every row"),
        "{e}"
    );
    assert!(
        h.state().load_result().is_none(),
        "no figure under the error"
    );
    assert!(
        h.state().ws.strict,
        "the setting is kept with the workspace"
    );
}

#[test]
fn the_chart_comes_first_and_the_data_check_after() {
    use courtside::app::SourceState;
    let mut h = harness(Workspace::default());
    // The first chart does not wait for the check of every value…
    wait(&mut h, "the sample's shots", |app| {
        app.shots_result().is_some()
    });
    // …which follows once the views are idle, and replaces the first look.
    wait(&mut h, "the check", |app| !app.busy());
    let app = h.state();
    let mut checked = 0;
    for s in &app.sources {
        let SourceState::Ready(tables) = &s.state else {
            panic!("a source is not open");
        };
        for t in tables {
            assert!(
                t.checking.is_none(),
                "{} is still being checked",
                t.info.name
            );
            checked += 1;
            if t.info.kind == courtside::data::TableKind::Shots {
                // Only the check counts players and finds the dates.
                assert_eq!(t.info.players, Some(139), "{:?}", t.info.players);
                assert!(t.info.first_date.is_some());
            }
        }
    }
    assert_eq!(checked, 3, "shots, load and tracking");
    // The app holds the columns its views read: no player ids beside the names.
    let shots = app.combined.shots.as_ref().unwrap();
    assert!(shots.frame.column("player").is_ok());
    assert!(shots.frame.column("player_id").is_err());
}
