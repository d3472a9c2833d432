//! The tracking view's timeline: play controls, possessions, the scrubber, and playback.

use egui::{Color32, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

use super::{TrackView, playhead};
use crate::analysis::tracking::{clock, period_name};
use crate::app::state::TrackSettings;

/// The period's clock at `t`, as "Q2 7:31".
fn clock_text(v: &TrackView, t: i64) -> String {
    let Some(p) = &v.playback else {
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
pub(super) fn timeline(v: &mut TrackView, s: &mut TrackSettings, ui: &mut Ui) {
    let Some((from, to)) = v.span() else {
        ui.horizontal(|ui| match &v.playback_error {
            Some(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            None => {
                crate::app::views::spinner(ui);
                ui.label("Loading the period's frames…");
            }
        });
        return;
    };
    let range = s.range.unwrap_or((from, to));
    let head = playhead(v, s).unwrap_or(range.0);
    let possessions = v
        .playback
        .as_ref()
        .map(|p| p.possessions.clone())
        .unwrap_or_default();
    // Wrapped, so that a narrow window never pushes the scrubber past the panel.
    ui.horizontal_wrapped(|ui| {
        let playing = v.playing;
        if ui
            .button(if playing { "❚❚ Pause" } else { "▶ Play" })
            .on_hover_text("Space")
            .clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Space))
        {
            v.playing = !playing;
            if !playing && head >= range.1 {
                v.playhead = Some(range.0);
            }
        }
        for speed in [1.0, 2.0, 4.0, 8.0] {
            ui.selectable_value(&mut s.speed, speed, format!("{speed}×"));
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
                s.range = Some((a, b));
                v.playhead = Some(a);
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
            .add_enabled(s.range.is_some(), egui::Button::new("Whole period"))
            .clicked()
        {
            s.range = None;
        }
        ui.separator();
        ui.label(RichText::new(clock_text(v, head)).strong().monospace());
        ui.label(
            RichText::new(format!(
                "range {} – {} ({:.1} s)",
                clock_text(v, range.0),
                clock_text(v, range.1),
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
            s.range = Some((a.min(b), a.max(b)));
            v.playhead = Some(a.min(b));
        }
    }
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let t = t_of(p.x);
        v.playhead = Some(t);
        if t < range.0 || t > range.1 {
            s.range = None;
        }
    }
}

/// Moves the playhead by the frame's time at the chosen speed; stops at the range's end.
pub(super) fn advance(v: &mut TrackView, s: &TrackSettings, ctx: &egui::Context) {
    let Some((from, to)) = v.span() else {
        return;
    };
    let (a, b) = s.range.unwrap_or((from, to));
    let dt = ctx.input(|i| i.stable_dt).min(0.1);
    let step = (dt * 1000.0 * s.speed) as i64;
    let head = v.playhead.unwrap_or(a).max(a) + step.max(1);
    if head >= b {
        v.playhead = Some(b);
        v.playing = false;
    } else {
        v.playhead = Some(head);
    }
    ctx.request_repaint();
}
