//! The tracking view: a period's timeline with its possessions, a scrubber that plays them
//! back (players and ball with short trails, 1× to 8×), the heatmap of the selected range on
//! the court, and distance per speed zone or per period beside it.

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

use crate::analysis::tracking::{HeatOptions, MotionOptions, TrackFilter, clock, period_name};
use crate::app::CourtsideApp;
use crate::app::jobs::Slot;
use crate::app::state::{TrackBars, TrackSettings};
use crate::app::work::{self, Output, PlaybackResult, TrackData, TrackQuery, TrackResult};
use crate::charts::egui::{self as draw, PanZoom, colour};
use crate::charts::palette;
use crate::charts::tracking::{from_court, to_court};
use crate::court::Court;

/// The gap limit of playback and measurement, ms.
const MAX_GAP_MS: i64 = 200;
/// How much of the past a trail shows, ms.
const TRAIL_MS: i64 = 1_200;

/// The tracking view's state between frames (the settings persist in the workspace).
#[derive(Default)]
pub struct TrackView {
    pub result: Option<Box<TrackResult>>,
    pub playback: Option<Box<PlaybackResult>>,
    pub error: Option<String>,
    dirty: bool,
    playback_dirty: bool,
    submitted: Option<TrackQuery>,
    submitted_playback: Option<(Option<String>, Option<i32>)>,
    /// The playback position, `t_ms`.
    pub playhead: Option<i64>,
    pub playing: bool,
    pan: PanZoom,
}

impl TrackView {
    /// The open data changed: queries and playback run again.
    pub fn data_changed(&mut self) {
        self.dirty = true;
        self.playback_dirty = true;
    }

    /// The period's span, `t_ms`, once its frames are loaded.
    pub fn span(&self) -> Option<(i64, i64)> {
        let p = &self.playback.as_ref()?.playback;
        (p.to_ms > p.from_ms).then_some((p.from_ms, p.to_ms))
    }
}

/// The game and period the settings pick, or the data's first.
fn game_period(s: &TrackSettings, data: &TrackData) -> (Option<String>, Option<i32>) {
    let game = s
        .game
        .clone()
        .filter(|g| data.roster.games.contains(g))
        .or_else(|| data.roster.games.first().cloned());
    let period = s
        .period
        .filter(|p| data.roster.periods.contains(p))
        .or_else(|| data.roster.periods.first().copied());
    (game, period)
}

/// The query the settings describe.
pub fn query(s: &TrackSettings, data: &TrackData) -> TrackQuery {
    let (game, period) = game_period(s, data);
    TrackQuery {
        filter: TrackFilter {
            players: s.players.clone(),
            teams: Vec::new(),
            games: game.into_iter().collect(),
            periods: period.map(|p| p as i8).into_iter().collect(),
            clock_s: None,
            time_ms: s.range,
        },
        heat: HeatOptions {
            cell_m: s.grid_m,
            one_basket: s.one_basket,
            max_gap_ms: MAX_GAP_MS,
        },
        motion: MotionOptions {
            max_gap_ms: MAX_GAP_MS,
            smooth_ms: (s.smooth_s * 1000.0).round() as i64,
            bands_mps: s.bands.clone(),
            ..Default::default()
        },
        court: s.court,
    }
}

/// Submits the playback and the heatmap query when their inputs changed.
pub fn submit(app: &mut CourtsideApp) {
    let Some(data) = &app.combined.tracking else {
        return;
    };
    let key = game_period(&app.ws.tracking, data);
    if app.tracking.playback_dirty || app.tracking.submitted_playback.as_ref() != Some(&key) {
        let frame = data.frame.clone();
        let (g, p) = key.clone();
        app.jobs
            .submit(Slot::Playback, "loading the period's frames", move |_| {
                work::playback_query(&frame, g.as_deref(), p).map(|r| Output::Playback(Box::new(r)))
            });
        app.tracking.submitted_playback = Some(key);
        app.tracking.playback_dirty = false;
    }
    let q = query(&app.ws.tracking, data);
    if app.tracking.dirty || app.tracking.submitted.as_ref() != Some(&q) {
        let frame = data.frame.clone();
        let q2 = q.clone();
        app.jobs
            .submit(Slot::Tracking, "measuring movement", move |c| {
                work::track_query(&frame, &q2, c).map(|r| Output::Tracking(Box::new(r)))
            });
        app.tracking.submitted = Some(q);
        app.tracking.dirty = false;
    }
}

/// Draws the tracking view.
pub fn ui(app: &mut CourtsideApp, ui: &mut Ui) {
    if app.combined.tracking.is_none() {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(120.0);
                ui.heading("No tracking data open");
                ui.label(
                    "Open a tracking file (canonical Parquet/CSV/NDJSON, SportVU JSON or Kinexon \
                     CSV) with File ▸ Open, follow a live tracking feed, or open the sample season, \
                     which has one game.",
                );
            });
        });
        return;
    }
    egui::Panel::left("tracking filters")
        .resizable(true)
        .default_size(250.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| filters(app, ui));
        });
    egui::Panel::right("tracking bars")
        .resizable(true)
        .default_size(560.0)
        .show(ui, |ui| side(app, ui));
    egui::CentralPanel::default().show(ui, |ui| {
        timeline(app, ui);
        ui.add_space(4.0);
        court(app, ui);
    });
    if app.tracking.playing {
        advance(app, ui.ctx());
    }
}

fn filters(app: &mut CourtsideApp, ui: &mut Ui) {
    let CourtsideApp {
        ws,
        combined,
        tracking,
        ..
    } = app;
    let Some(data) = combined.tracking.as_ref() else {
        return;
    };
    let s = &mut ws.tracking;
    let (game, period) = game_period(s, data);
    ui.heading("Tracking");
    ui.label(RichText::new("Game").strong());
    egui::ComboBox::from_id_salt("track game")
        .selected_text(game.clone().unwrap_or_else(|| "—".into()))
        .show_ui(ui, |ui| {
            for g in &data.roster.games {
                if ui.selectable_label(game.as_ref() == Some(g), g).clicked() {
                    s.game = Some(g.clone());
                    s.range = None;
                }
            }
        });
    ui.label(RichText::new("Period").strong());
    ui.horizontal_wrapped(|ui| {
        for p in &data.roster.periods {
            if ui
                .selectable_label(period == Some(*p), period_name(*p))
                .clicked()
            {
                s.period = Some(*p);
                s.range = None;
                tracking.playhead = None;
            }
        }
    });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Players").strong());
        if !s.players.is_empty() && ui.small_button("All").clicked() {
            s.players.clear();
        }
    });
    let mut team: Option<&String> = None;
    for (name, t) in &data.roster.players {
        if t.as_ref() != team {
            team = t.as_ref();
            ui.label(RichText::new(t.clone().unwrap_or_default()).weak().small());
        }
        let mut on = s.players.contains(name);
        if ui.checkbox(&mut on, name).changed() {
            if on {
                s.players.push(name.clone());
            } else {
                s.players.retain(|p| p != name);
            }
        }
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Heatmap").strong());
    ui.add(
        egui::Slider::new(&mut s.grid_m, 0.5..=3.0)
            .step_by(0.25)
            .text("m cells"),
    );
    ui.checkbox(&mut s.one_basket, "One basket")
        .on_hover_text("Mirror play so that it always attacks the basket at the bottom");
    egui::ComboBox::from_label("Court")
        .selected_text(s.court.spec().name)
        .show_ui(ui, |ui| {
            for c in [Court::Nba, Court::Wnba, Court::Ncaa, Court::Fiba] {
                ui.selectable_value(&mut s.court, c, c.spec().name);
            }
        });
    ui.add_space(6.0);
    ui.label(RichText::new("Speed").strong());
    ui.add(
        egui::Slider::new(&mut s.smooth_s, 0.0..=1.0)
            .step_by(0.1)
            .text("s smoothing"),
    );
    ui.label(
        RichText::new(format!(
            "Zones from {} m/s",
            s.bands
                .iter()
                .map(|b| format!("{b}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .weak(),
    );
}

/// The period's clock at `t`, as "Q2 7:31".
fn clock_text(app: &CourtsideApp, t: i64) -> String {
    let Some(p) = &app.tracking.playback else {
        return String::new();
    };
    let p = &p.playback;
    match p.clock_at(t) {
        Some(c) => format!("{} {}", period_name(p.period), clock(c)),
        None => format!(
            "{} +{:.1} s",
            period_name(p.period),
            (t - p.from_ms) as f64 / 1000.0
        ),
    }
}

/// Play controls and the scrubber.
fn timeline(app: &mut CourtsideApp, ui: &mut Ui) {
    let Some((from, to)) = app.tracking.span() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading the period's frames…");
        });
        return;
    };
    let range = app.ws.tracking.range.unwrap_or((from, to));
    let head = playhead(app).unwrap_or(range.0);
    let possessions = app
        .tracking
        .playback
        .as_ref()
        .map(|p| p.possessions.clone())
        .unwrap_or_default();
    // Wrapped, so that a narrow window never pushes the scrubber past the panel.
    ui.horizontal_wrapped(|ui| {
        let playing = app.tracking.playing;
        if ui
            .button(if playing { "❚❚ Pause" } else { "▶ Play" })
            .on_hover_text("Space")
            .clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Space))
        {
            app.tracking.playing = !playing;
            if !playing && head >= range.1 {
                app.tracking.playhead = Some(range.0);
            }
        }
        for speed in [1.0, 2.0, 4.0, 8.0] {
            ui.selectable_value(&mut app.ws.tracking.speed, speed, format!("{speed}×"));
        }
        ui.separator();
        let current = possessions
            .iter()
            .position(|(a, b)| *a <= head && head < *b);
        let prev = match current {
            Some(i) => i.checked_sub(1),
            None => possessions.iter().rposition(|(_, b)| *b <= head),
        };
        let next = match current {
            Some(i) => (i + 1 < possessions.len()).then_some(i + 1),
            None => possessions.iter().position(|(a, _)| *a > head),
        };
        let mut pick = |i: Option<usize>| {
            if let Some(&(a, b)) = i.and_then(|i| possessions.get(i)) {
                app.ws.tracking.range = Some((a, b));
                app.tracking.playhead = Some(a);
            }
        };
        if ui
            .add_enabled(prev.is_some(), egui::Button::new("◀ Possession"))
            .on_hover_text("Select and play the previous possession")
            .clicked()
        {
            pick(prev);
        }
        if ui
            .add_enabled(next.is_some(), egui::Button::new("Possession ▶"))
            .on_hover_text("Select and play the next possession")
            .clicked()
        {
            pick(next);
        }
        if ui
            .add_enabled(
                app.ws.tracking.range.is_some(),
                egui::Button::new("Whole period"),
            )
            .clicked()
        {
            app.ws.tracking.range = None;
        }
        ui.separator();
        ui.label(RichText::new(clock_text(app, head)).strong().monospace());
        ui.label(
            RichText::new(format!(
                "range {} – {} ({:.1} s)",
                clock_text(app, range.0),
                clock_text(app, range.1),
                (range.1 - range.0) as f64 / 1000.0
            ))
            .weak(),
        );
    });

    // The scrubber: the period, its possessions, the selected range and the playhead. A click
    // moves the playhead; a drag selects a range.
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, 34.0), Sense::click_and_drag());
    let response = response.on_hover_text("Click to move the playhead, drag to select a range");
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Timeline scrubber"));
    let painter = ui.painter_at(rect);
    let span = (to - from).max(1) as f32;
    let x_of = |t: i64| rect.left() + rect.width() * ((t - from) as f32 / span);
    let t_of = |x: f32| from + (((x - rect.left()) / rect.width()).clamp(0.0, 1.0) * span) as i64;
    let visuals = ui.visuals();
    painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
    for (i, (a, b)) in possessions.iter().enumerate() {
        let r = Rect::from_x_y_ranges(x_of(*a)..=x_of(*b), rect.top() + 22.0..=rect.bottom() - 2.0);
        let c = if i % 2 == 0 {
            Color32::from_rgb(120, 150, 190)
        } else {
            Color32::from_rgb(190, 150, 110)
        };
        painter.rect_filled(r.shrink2(vec2(0.5, 0.0)), 1.0, c.gamma_multiply(0.7));
    }
    let sel = Rect::from_x_y_ranges(
        x_of(range.0)..=x_of(range.1),
        rect.top()..=rect.top() + 20.0,
    );
    painter.rect_filled(sel, 3.0, visuals.selection.bg_fill.gamma_multiply(0.8));
    let hx = x_of(head);
    painter.line_segment(
        [pos2(hx, rect.top()), pos2(hx, rect.bottom())],
        Stroke::new(2.0, Color32::from_rgb(214, 60, 50)),
    );
    if response.dragged()
        && let (Some(o), Some(p)) = (
            ui.input(|i| i.pointer.press_origin()),
            response.interact_pointer_pos(),
        )
    {
        let (a, b) = (t_of(o.x), t_of(p.x));
        if (b - a).abs() >= 1_000 {
            app.ws.tracking.range = Some((a.min(b), a.max(b)));
            app.tracking.playhead = Some(a.min(b));
        }
    }
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let t = t_of(p.x);
        app.tracking.playhead = Some(t);
        if t < range.0 || t > range.1 {
            app.ws.tracking.range = None;
        }
    }
}

/// Moves the playhead by the frame's time at the chosen speed; stops at the range's end.
fn advance(app: &mut CourtsideApp, ctx: &egui::Context) {
    let Some((from, to)) = app.tracking.span() else {
        return;
    };
    let (a, b) = app.ws.tracking.range.unwrap_or((from, to));
    let dt = ctx.input(|i| i.stable_dt).min(0.1);
    let step = (dt * 1000.0 * app.ws.tracking.speed) as i64;
    let head = app.tracking.playhead.unwrap_or(a).max(a) + step.max(1);
    if head >= b {
        app.tracking.playhead = Some(b);
        app.tracking.playing = false;
    } else {
        app.tracking.playhead = Some(head);
    }
    ctx.request_repaint();
}

fn team_colour(team: Option<&String>, teams: &[Option<String>]) -> Color32 {
    match teams.iter().position(|t| t.as_ref() == team) {
        Some(0) => colour(palette::MADE),
        Some(1) => colour(palette::MISSED),
        _ => Color32::from_gray(120),
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect()
}

/// The heatmap of the range, with the players and the ball at the playhead over it.
fn court(app: &mut CourtsideApp, ui: &mut Ui) {
    let Some(r) = app.tracking.result.as_ref() else {
        match &app.tracking.error {
            Some(e) => ui.colored_label(ui.visuals().error_fg_color, e),
            None => ui.label("Measuring…"),
        };
        return;
    };
    let size = vec2(
        ui.available_width(),
        (ui.available_height() - 70.0).max(200.0),
    );
    let cr = draw::court(ui, &r.spec, &r.mesh, &mut app.tracking.pan, size);
    // Title over the court's top-left corner.
    let painter = ui.painter_at(cr.rect());
    painter.text(
        cr.rect().left_top() + vec2(10.0, 8.0),
        Align2::LEFT_TOP,
        &r.spec.title,
        FontId::proportional(16.0),
        colour(palette::INK),
    );
    painter.text(
        cr.rect().left_top() + vec2(10.0, 28.0),
        Align2::LEFT_TOP,
        &r.spec.subtitle,
        FontId::proportional(12.0),
        colour(palette::MUTED),
    );
    if let (Some(p), Some(head)) = (app.tracking.playback.as_ref(), playhead(app)) {
        let court = app.ws.tracking.court;
        let mut teams: Vec<Option<String>> = Vec::new();
        for t in p.playback.tracks.iter().filter(|t| !t.ball) {
            if !teams.contains(&t.team) {
                teams.push(t.team.clone());
            }
        }
        let k = cr.scale();
        let project = |x: f32, y: f32| -> Pos2 {
            let (a, b) = to_court(x as f64, y as f64, court);
            cr.to_screen(a, b)
        };
        for t in &p.playback.tracks {
            let c = if t.ball {
                Color32::from_rgb(120, 60, 10)
            } else {
                team_colour(t.team.as_ref(), &teams)
            };
            // A trail fading into the past.
            let trail: Vec<Pos2> = (0..=TRAIL_MS / 40)
                .rev()
                .filter_map(|i| t.at(head - i * 40, MAX_GAP_MS))
                .map(|(x, y)| project(x, y))
                .collect();
            for (i, w) in trail.windows(2).enumerate() {
                let a = (i + 1) as f32 / trail.len() as f32;
                painter.line_segment([w[0], w[1]], Stroke::new(2.0, c.gamma_multiply(a * 0.8)));
            }
            let Some((x, y)) = t.at(head, MAX_GAP_MS) else {
                continue;
            };
            let at = project(x, y);
            if t.ball {
                painter.circle(
                    at,
                    (0.6 * k).max(4.0),
                    Color32::from_rgb(230, 120, 20),
                    Stroke::new(1.5, c),
                );
            } else {
                let picked =
                    app.ws.tracking.players.is_empty() || app.ws.tracking.players.contains(&t.name);
                let radius = (1.1 * k).max(7.0);
                painter.circle(
                    at,
                    radius,
                    if picked { c } else { c.gamma_multiply(0.45) },
                    Stroke::new(1.5, Color32::WHITE),
                );
                painter.text(
                    at,
                    Align2::CENTER_CENTER,
                    initials(&t.name),
                    FontId::proportional(radius * 0.95),
                    Color32::WHITE,
                );
            }
        }
    }
    if let Some((x, y)) = cr.hover {
        let (tx, ty) = from_court(x, y, app.ws.tracking.court);
        if let Some(sec) = r.heat.at(tx, ty)
            && sec > 0.0
        {
            cr.response
                .on_hover_text_at_pointer(format!("{sec:.1} s in this cell"));
        }
    }
    draw::legend(ui, &r.spec.legend);
}

fn playhead(app: &CourtsideApp) -> Option<i64> {
    let (from, to) = app.tracking.span()?;
    let (a, _) = app.ws.tracking.range.unwrap_or((from, to));
    Some(app.tracking.playhead.unwrap_or(a).clamp(from, to))
}

/// The bars and the summary table of the range.
fn side(app: &mut CourtsideApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut app.ws.tracking.bars, TrackBars::Speed, "Speed zones");
        ui.selectable_value(
            &mut app.ws.tracking.bars,
            TrackBars::Distance,
            "Distance by period",
        );
    });
    let Some(r) = app.tracking.result.as_ref() else {
        return;
    };
    let bars = match app.ws.tracking.bars {
        TrackBars::Speed => &r.speed,
        TrackBars::Distance => &r.periods,
    };
    let h = (150.0 + 40.0 * r.players.len() as f32).clamp(260.0, ui.available_height() * 0.6);
    draw::bars(ui, bars, vec2(ui.available_width(), h));
    ui.add_space(8.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("track summary")
            .striped(true)
            .num_columns(6)
            .show(ui, |ui| {
                for h in [
                    "Player",
                    "Minutes",
                    "Distance",
                    "Top speed",
                    "Accels",
                    "Decels",
                ] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for m in &r.players {
                    ui.label(&m.player);
                    ui.label(format!("{:.1}", m.tracked_s / 60.0));
                    ui.label(format!("{:.0} m", m.distance_m));
                    ui.label(format!("{:.2} m/s", m.top_speed_mps));
                    ui.label(m.accels.to_string());
                    ui.label(m.decels.to_string());
                    ui.end_row();
                }
            });
    });
}
