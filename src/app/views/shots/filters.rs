//! The shots view's left panel: filters, the baseline, the chart and the comparison.

use chrono::NaiveDate;
use egui::Ui;

use super::ShotsView;
use crate::analysis::shots::ShotFilter;
use crate::app::state::{Compare, ShotSettings};
use crate::app::views::{self, Ask};
use crate::app::work::ShotData;
use crate::charts::spec::ChartKind;
use crate::court::{BasicZone, Court};
use crate::request::shots::Baseline;

fn toggle<T: PartialEq + Clone>(list: &mut Vec<T>, v: &T) {
    match list.iter().position(|x| x == v) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(v.clone()),
    }
}

/// A player search with the chosen players as removable chips. `id` keeps two searches apart.
fn player_picker(
    ui: &mut Ui,
    label: &str,
    data: &ShotData,
    chosen: &mut Vec<String>,
    search: &mut String,
    focus: bool,
) {
    let r = views::labelled_text(ui, label, search, "Search players (Ctrl+F)");
    if focus {
        r.request_focus();
    }
    ui.horizontal_wrapped(|ui| {
        for p in chosen.clone() {
            if ui
                .button(format!("✕ {p}"))
                .on_hover_text("Remove from the selection")
                .clicked()
            {
                toggle(chosen, &p);
            }
        }
    });
    let q = search.trim().to_lowercase();
    if q.is_empty() {
        return;
    }
    let mut shown = 0;
    for (p, team) in &data.players {
        if !p.to_lowercase().contains(&q) {
            continue;
        }
        shown += 1;
        if shown > 12 {
            ui.weak("… type more to narrow the list");
            break;
        }
        let text = if team.is_empty() {
            p.clone()
        } else {
            format!("{p} · {team}")
        };
        if ui.selectable_label(chosen.contains(p), text).clicked() {
            toggle(chosen, p);
        }
    }
    if shown == 0 {
        ui.weak("No player matches");
    }
}

/// The kinds of baseline, as the picker names them.
const BASELINES: [&str; 5] = [
    "The league",
    "The league excluding us",
    "A player",
    "Other dates",
    "A baseline file",
];

fn kind_of(b: &Baseline) -> usize {
    match b {
        Baseline::League => 0,
        Baseline::LeagueExcludingUs => 1,
        Baseline::Player(_) => 2,
        Baseline::Dates(..) => 3,
        Baseline::File(_) => 4,
    }
}

/// What the selection is compared with: the league, a player, other dates, or a file. A new
/// kind takes effect once its player, dates or file is chosen; until then the chart keeps
/// its baseline, so it never compares with something the user did not pick.
fn baseline_picker(
    ui: &mut Ui,
    s: &mut ShotSettings,
    data: &ShotData,
    view: &mut ShotsView,
    asks: &mut Vec<Ask>,
) {
    ui.heading("Compare with");
    if let Some(r) = &view.result
        && r.query.baseline == s.baseline
    {
        // What the chart compares with, exactly.
        ui.label(format!("Now: {}", r.baseline.label()));
    }
    if view.baseline_pending == Some(kind_of(&s.baseline)) {
        view.baseline_pending = None;
    }
    let mut k = view.baseline_pending.unwrap_or(kind_of(&s.baseline));
    let before = k;
    ui.horizontal_wrapped(|ui| {
        for (i, n) in BASELINES.iter().enumerate() {
            ui.radio_value(&mut k, i, *n);
        }
    });
    if k != before {
        view.baseline_search.clear();
        if k <= 1 {
            s.baseline = if k == 0 {
                Baseline::League
            } else {
                Baseline::LeagueExcludingUs
            };
            view.baseline_pending = None;
        } else {
            view.baseline_pending = (k != kind_of(&s.baseline)).then_some(k);
        }
        if k == 3 {
            // The period before the selection's, as long, when it has dates; else blank.
            let (from, to) = match (s.filter.from, s.filter.to) {
                (Some(a), Some(b)) if b >= a => {
                    let days = (b - a).num_days() + 1;
                    (
                        Some(a - chrono::Duration::days(days)),
                        Some(a - chrono::Duration::days(1)),
                    )
                }
                _ => (None, None),
            };
            let text = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            view.baseline_from = text(from);
            view.baseline_to = text(to);
        }
    }
    match k {
        0 => {
            ui.weak(
                "Every shot of every game of the seasons in view, whatever the dates, periods \
                 or clock chosen.",
            );
        }
        1 => {
            ui.weak(
                "The league over the seasons in view, without the selection's own team: the \
                 teams chosen, or the team(s) of the players chosen.",
            );
        }
        2 => {
            match &s.baseline {
                Baseline::Player(p) => ui.label(format!("{p}, at the same moments")),
                _ => ui.weak("Choose the player to compare with:"),
            };
            views::labelled_text(
                ui,
                "Baseline player",
                &mut view.baseline_search,
                "Search players",
            );
            let q = view.baseline_search.trim().to_lowercase();
            if !q.is_empty() {
                for (name, _) in data
                    .players
                    .iter()
                    .filter(|(n, _)| n.to_lowercase().contains(&q))
                    .take(8)
                {
                    let on = matches!(&s.baseline, Baseline::Player(p) if p == name);
                    if ui.selectable_label(on, name).clicked() {
                        s.baseline = Baseline::Player(name.clone());
                        view.baseline_search.clear();
                    }
                }
            }
        }
        3 => {
            ui.weak("The same selection over these dates.");
            let first = date_field(ui, "Baseline from", &mut view.baseline_from, data.first);
            let last = date_field(ui, "Baseline to", &mut view.baseline_to, data.last);
            if first.is_some() || last.is_some() {
                let parse = |t: &str| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok();
                if let (Some(a), Some(b)) = (parse(&view.baseline_from), parse(&view.baseline_to))
                    && a <= b
                {
                    s.baseline = Baseline::Dates(a, b);
                }
            }
            if data.first.is_none() {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    "The open shots have no dates to compare over.",
                );
            }
        }
        _ => {
            ui.weak("A file of FGA and FGM per zone, like league_avg_2024_by_zone.csv:");
            if let Baseline::File(p) = &s.baseline
                && view.baseline_file.is_empty()
            {
                view.baseline_file = p.display().to_string();
            }
            ui.horizontal(|ui| {
                if ui.button("Choose…").clicked() {
                    asks.push(Ask::PickBaselineFile);
                }
                ui.weak("or type its path:");
            });
            let r = views::labelled_text(
                ui,
                "Baseline file",
                &mut view.baseline_file,
                "/path/to/file.csv",
            );
            let path = std::path::PathBuf::from(view.baseline_file.trim());
            if r.changed() && path.is_file() {
                s.baseline = Baseline::File(path.clone());
            }
            if !view.baseline_file.trim().is_empty() && !path.is_file() {
                ui.colored_label(ui.visuals().error_fg_color, "No such file");
            }
        }
    }
}

/// A drop-down of values with checkboxes; none chosen means all.
fn multi(ui: &mut Ui, label: &str, all: &str, values: &[String], chosen: &mut Vec<String>) {
    let text = match chosen.len() {
        0 => all.to_string(),
        1 => chosen[0].clone(),
        n => format!("{n} chosen"),
    };
    let name = ui.label(label);
    egui::ComboBox::from_id_salt(label)
        .selected_text(text)
        .width(ui.available_width() - 8.0)
        .height(360.0)
        .show_ui(ui, |ui| {
            if ui.selectable_label(chosen.is_empty(), all).clicked() {
                chosen.clear();
            }
            for v in values {
                let mut on = chosen.contains(v);
                if ui.checkbox(&mut on, v).changed() {
                    toggle(chosen, v);
                }
            }
        })
        .response
        .labelled_by(name.id);
}

fn periods(ui: &mut Ui, available: &[i8], chosen: &mut Vec<i8>) {
    ui.horizontal_wrapped(|ui| {
        for p in available {
            if ui
                .selectable_label(chosen.contains(p), crate::analysis::period_name(*p as i32))
                .clicked()
            {
                toggle(chosen, p);
            }
        }
    });
}

fn date_field(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    hint: Option<NaiveDate>,
) -> Option<Option<NaiveDate>> {
    let hint = hint
        .map(|d| d.to_string())
        .unwrap_or_else(|| "YYYY-MM-DD".into());
    let r = views::labelled_text(ui, label, text, &hint);
    let t = text.trim();
    let parsed = if t.is_empty() {
        Some(None)
    } else {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().map(Some)
    };
    if parsed.is_none() {
        ui.colored_label(ui.visuals().error_fg_color, "Write the date as YYYY-MM-DD");
    }
    r.changed().then_some(parsed).flatten()
}

pub(super) fn filters(
    ui: &mut Ui,
    s: &mut ShotSettings,
    data: Option<&ShotData>,
    view: &mut ShotsView,
    asks: &mut Vec<Ask>,
) {
    ui.horizontal(|ui| {
        ui.heading("Filters");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Clear all").clicked() {
                s.filter = ShotFilter::default();
                view.from_text.clear();
                view.to_text.clear();
            }
        });
    });
    let Some(data) = data else {
        ui.label("Open a shot file to filter its shots.");
        return;
    };
    let focus = std::mem::take(&mut view.focus_search);
    player_picker(
        ui,
        "Players",
        data,
        &mut s.filter.players,
        &mut view.search,
        focus,
    );
    ui.add_space(6.0);
    multi(ui, "Team", "All teams", &data.teams, &mut s.filter.teams);
    multi(
        ui,
        "Opponent",
        "All opponents",
        &data.opponents,
        &mut s.filter.opponents,
    );
    if data.seasons.len() > 1 || !s.filter.seasons.is_empty() {
        multi(
            ui,
            "Season",
            "All seasons",
            &data.seasons,
            &mut s.filter.seasons,
        );
    }
    ui.add_space(6.0);
    if let Some(d) = date_field(ui, "From", &mut view.from_text, data.first) {
        s.filter.from = d;
    }
    if let Some(d) = date_field(ui, "To", &mut view.to_text, data.last) {
        s.filter.to = d;
    }
    ui.add_space(6.0);
    ui.label("Period");
    periods(ui, &data.periods, &mut s.filter.periods);
    ui.add_space(6.0);
    egui::CollapsingHeader::new("Zone")
        .default_open(!s.filter.zones.is_empty())
        .show(ui, |ui| {
            for z in BasicZone::ALL {
                let label = z.label().to_string();
                let mut on = s.filter.zones.contains(&label);
                if ui.checkbox(&mut on, z.label()).changed() {
                    toggle(&mut s.filter.zones, &label);
                }
            }
        });
    ui.label("Result");
    ui.horizontal(|ui| {
        ui.radio_value(&mut s.filter.made, None, "All");
        ui.radio_value(&mut s.filter.made, Some(true), "Made");
        ui.radio_value(&mut s.filter.made, Some(false), "Missed");
    });
    ui.separator();
    baseline_picker(ui, s, data, view, asks);
    ui.separator();
    ui.heading("Chart");
    ui.horizontal_wrapped(|ui| {
        for (k, name) in [
            (ChartKind::Hex, "Hex"),
            (ChartKind::Zones, "Zones"),
            (ChartKind::Scatter, "Scatter"),
            (ChartKind::Grid, "Grid"),
            (ChartKind::Kde, "Density"),
        ] {
            ui.selectable_value(&mut s.chart, k, name);
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Court");
        egui::ComboBox::from_id_salt("court")
            .selected_text(s.court.spec().name)
            .show_ui(ui, |ui| {
                for c in [Court::Nba, Court::Wnba, Court::Ncaa, Court::Fiba] {
                    ui.selectable_value(&mut s.court, c, c.spec().name);
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.separator();
    let mut comparing = s.compare.is_some();
    if ui
        .checkbox(&mut comparing, "Compare side by side")
        .changed()
    {
        s.compare = comparing.then(Compare::default);
    }
    if let Some(c) = &mut s.compare {
        ui.weak("The right-hand chart: the same filters, with these players or periods instead.");
        player_picker(
            ui,
            "Compare players",
            data,
            &mut c.players,
            &mut view.compare_search,
            false,
        );
        ui.label("Compare periods");
        periods(ui, &data.periods, &mut c.periods);
    }
}
