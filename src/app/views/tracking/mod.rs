//! The tracking view: a period's timeline with its possessions, a scrubber that plays them
//! back (players and ball with short trails, 1× to 8×), the heatmap of the selected range on
//! the court, and distance per speed zone or per period beside it.

use egui::{Align2, Color32, FontId, Pos2, RichText, Stroke, Ui, vec2};

use crate::analysis::tracking::{HeatOptions, MotionOptions, TrackFilter, period_name};
use crate::app::jobs::{AppError, Jobs, drop_elsewhere};
use crate::app::state::{TrackBars, TrackSettings};
use crate::app::views::{Ask, ViewContext};
use crate::app::work::{self, TrackData, TrackQuery, TrackResult};
use crate::charts::bars;
use crate::charts::court::layout;
use crate::charts::palette;
use crate::charts::screen::colour;
use crate::charts::screen::{self as draw, PanZoom};
use crate::charts::tracking::to_court;
use crate::court::Court;
use crate::report::{Block, ChartBlock, TableBlock};
use crate::request::tracking::PlaybackResult;
use crate::request::tracking::TrackChart;

mod timeline;
use timeline::{advance, timeline};

/// The gap limit of playback and measurement, ms.
const MAX_GAP_MS: i64 = 200;
/// How much of the past a trail shows, ms.
const TRAIL_MS: i64 = 1_200;

/// The tracking view's jobs, and what they give.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Tracking,
    Playback,
}

enum Output {
    Tracking(Box<TrackResult>),
    Playback(Box<PlaybackResult>),
}

/// The tracking view's state between frames (the settings persist in the workspace).
pub struct TrackView {
    jobs: Jobs<Slot, Output>,
    pub result: Option<Box<TrackResult>>,
    pub playback: Option<Box<PlaybackResult>>,
    /// Why the heatmap's query failed.
    pub error: Option<String>,
    /// Why the period's frames could not be loaded.
    pub playback_error: Option<String>,
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
    /// The view; `ctx` is asked for a frame when a query ends.
    pub fn new(ctx: &egui::Context) -> Self {
        Self {
            jobs: Jobs::new(Some(ctx.clone())),
            result: None,
            playback: None,
            error: None,
            playback_error: None,
            dirty: true,
            playback_dirty: true,
            submitted: None,
            submitted_playback: None,
            playhead: None,
            playing: false,
            pan: PanZoom::default(),
        }
    }

    /// Whether a query runs.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// What runs, with how long it has run.
    pub fn running(&self) -> Vec<(String, std::time::Duration)> {
        self.jobs.running()
    }

    /// Takes the finished queries' results.
    pub fn poll(&mut self, ctx: &mut ViewContext<'_>) {
        for done in self.jobs.poll(std::time::Duration::from_millis(4)) {
            match done.result {
                Ok(Output::Tracking(r)) => {
                    *ctx.last_query = Some(done.elapsed);
                    self.error = None;
                    drop_elsewhere(self.result.replace(r));
                }
                Ok(Output::Playback(p)) => {
                    self.playback_error = None;
                    drop_elsewhere(self.playback.replace(p));
                }
                Err(AppError::Cancelled) => {}
                Err(e) if done.slot == Slot::Playback => self.playback_error = Some(e.to_string()),
                Err(e) => {
                    // What was measured before is not what the filters now ask.
                    drop_elsewhere(self.result.take());
                    self.error = Some(e.to_string());
                }
            }
        }
    }

    /// Submits the playback and the heatmap query when their inputs changed.
    pub fn submit(&mut self, s: &TrackSettings, ctx: &ViewContext<'_>) {
        let Some(data) = &ctx.data.tracking else {
            return;
        };
        let key = game_period(s, data);
        if self.playback_dirty || self.submitted_playback.as_ref() != Some(&key) {
            let frame = data.frame.clone();
            let (g, p) = key.clone();
            self.jobs
                .submit(Slot::Playback, "loading the period's frames", move |_| {
                    work::playback_query(&frame, g.as_deref(), p)
                        .map(|r| Output::Playback(Box::new(r)))
                });
            self.submitted_playback = Some(key);
            self.playback_dirty = false;
        }
        let q = query(s, data);
        if self.dirty || self.submitted.as_ref() != Some(&q) {
            let frame = data.frame.clone();
            let q2 = q.clone();
            let strict = ctx.strict;
            self.jobs
                .submit(Slot::Tracking, "measuring movement", move |c| {
                    let r = work::track_query(&frame, &q2, c)?;
                    r.left_out
                        .check_strict(strict, "the open tracking", "selected row")?;
                    Ok(Output::Tracking(Box::new(r)))
                });
            self.submitted = Some(q);
            self.dirty = false;
        }
    }

    /// Draws the tracking view.
    pub fn ui(&mut self, ui: &mut Ui, s: &mut TrackSettings, ctx: &mut ViewContext<'_>) {
        let Some(data) = ctx.data.tracking.as_ref() else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(120.0);
                    ui.heading("No tracking data open");
                    ui.label(
                        "Open a tracking file (canonical Parquet/CSV/NDJSON, SportVU JSON or \
                         Kinexon CSV) with File ▸ Open, follow a live tracking feed, or open the \
                         sample season, which has one game.",
                    );
                });
            });
            return;
        };
        egui::Panel::left("tracking filters")
            .resizable(true)
            .default_size(250.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    filters(self, s, data, ui);
                    ui.separator();
                    // What the view shows, with its request, onto the report.
                    let q = query(s, data);
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .button("Heatmap to report")
                            .on_hover_text("Add the heatmap of the selected range to the report")
                            .clicked()
                        {
                            ctx.asks.push(Ask::AddToReport(Box::new(Block::Charts(vec![
                                ChartBlock::Tracking {
                                    request: q.clone(),
                                    chart: TrackChart::Heatmap,
                                },
                            ]))));
                        }
                        let bars = match s.bars {
                            TrackBars::Speed => TrackChart::Speed,
                            TrackBars::Distance => TrackChart::Distance,
                        };
                        if ui
                            .button("Bars to report")
                            .on_hover_text("Add the speed-zone or period bars shown to the report")
                            .clicked()
                        {
                            ctx.asks.push(Ask::AddToReport(Box::new(Block::Charts(vec![
                                ChartBlock::Tracking {
                                    request: q.clone(),
                                    chart: bars,
                                },
                            ]))));
                        }
                        if ui
                            .button("Summary to report")
                            .on_hover_text("Add the players' summary table to the report")
                            .clicked()
                        {
                            ctx.asks
                                .push(Ask::AddToReport(Box::new(Block::Table(Box::new(
                                    TableBlock::TrackingSummary { request: q },
                                )))));
                        }
                    });
                });
            });
        egui::Panel::right("tracking bars")
            .resizable(true)
            .default_size(560.0)
            .show(ui, |ui| side(self, s, ui));
        egui::CentralPanel::default().show(ui, |ui| {
            timeline(self, s, ui);
            ui.add_space(4.0);
            court(self, s, ui);
        });
        if self.playing {
            advance(self, s, ui.ctx());
        }
    }

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
        heatmap: true,
    }
}

fn filters(tracking: &mut TrackView, s: &mut TrackSettings, data: &TrackData, ui: &mut Ui) {
    let (game, period) = game_period(s, data);
    ui.heading("Tracking");
    let label = ui.label(RichText::new("Game").strong());
    egui::ComboBox::from_id_salt("track game")
        .selected_text(game.clone().unwrap_or_else(|| "—".into()))
        .show_ui(ui, |ui| {
            for g in &data.roster.games {
                if ui.selectable_label(game.as_ref() == Some(g), g).clicked() {
                    s.game = Some(g.clone());
                    s.range = None;
                }
            }
        })
        .response
        .labelled_by(label.id);
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
fn court(v: &mut TrackView, s: &TrackSettings, ui: &mut Ui) {
    let Some(r) = v.result.as_ref() else {
        match &v.error {
            Some(e) => ui.colored_label(ui.visuals().error_fg_color, e),
            None => ui.label("Measuring…"),
        };
        return;
    };
    // The heatmap as its export lays it out at this size; the players and the ball at the
    // playhead are drawn over it.
    let size = ui.available_size().max(vec2(200.0, 300.0));
    let scene = layout(&r.spec, size.x as f64, size.y as f64);
    let cr = draw::chart(ui, &scene, Some(&r.mesh), Some(&mut v.pan), size);
    let Some(layer) = scene.court.as_ref() else {
        return;
    };
    let painter = ui.painter_at(cr.court_rect.unwrap_or(cr.response.rect));
    if let (Some(p), Some(head)) = (v.playback.as_ref(), playhead(v, s)) {
        // The court the heatmap was measured on, not one chosen since.
        let court = r.query.court;
        let mut teams: Vec<Option<String>> = Vec::new();
        for t in p.playback.tracks.iter().filter(|t| !t.ball) {
            if !teams.contains(&t.team) {
                teams.push(t.team.clone());
            }
        }
        let k = cr.scale;
        let project = |x: f32, y: f32| -> Pos2 {
            let (a, b) = to_court(x as f64, y as f64, court);
            cr.placement.screen_from_court(layer, a, b)
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
                let picked = s.players.is_empty() || s.players.contains(&t.name);
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
    if let Some(tip) = cr.tip {
        cr.response.on_hover_text_at_pointer(tip);
    }
}

fn playhead(v: &TrackView, s: &TrackSettings) -> Option<i64> {
    let (from, to) = v.span()?;
    let (a, _) = s.range.unwrap_or((from, to));
    Some(v.playhead.unwrap_or(a).clamp(from, to))
}

/// The bars and the summary table of the range.
fn side(v: &mut TrackView, s: &mut TrackSettings, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut s.bars, TrackBars::Speed, "Speed zones");
        ui.selectable_value(&mut s.bars, TrackBars::Distance, "Distance by period");
    });
    let Some(r) = v.result.as_ref() else {
        return;
    };
    let bars = match s.bars {
        TrackBars::Speed => &r.speed,
        TrackBars::Distance => &r.periods,
    };
    let h = (150.0 + 40.0 * r.players.len() as f32)
        .min(ui.available_height() * 0.6)
        .max(260.0);
    let size = vec2(ui.available_width(), h);
    let scene = bars::layout(bars, size.x as f64, size.y as f64);
    let c = draw::chart(ui, &scene, None, None, size);
    if let Some(tip) = c.tip {
        c.response.on_hover_text_at_pointer(tip);
    }
    for n in &r.notes {
        ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {n}"));
    }
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
