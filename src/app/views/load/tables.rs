//! The load view's tables: the team on the day (sortable) and the days in each band over
//! the range.

use egui::{RichText, Ui, vec2};
use egui_extras::{Column, TableBuilder};

use crate::app::state::{LoadSettings, LoadSort};
use crate::app::work::TableText;
use crate::charts::load::band_colour;
use crate::charts::screen::colour;
use crate::request::load::{LoadResult, OverviewRow};

/// The overview's row indices in the order shown.
pub fn order(r: &LoadResult, s: &LoadSettings) -> Vec<usize> {
    let rows = &r.rows;
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    let num = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
    let by = |f: &dyn Fn(&OverviewRow) -> f64, idx: &mut Vec<usize>| {
        idx.sort_by(|a, b| f(&rows[*a]).total_cmp(&f(&rows[*b])))
    };
    match s.sort {
        LoadSort::Risk => {}
        LoadSort::Player => idx.sort_by(|a, b| rows[*a].player.cmp(&rows[*b].player)),
        LoadSort::Load => by(&|r| r.load, &mut idx),
        LoadSort::Acwr => by(&|r| num(r.acwr), &mut idx),
        LoadSort::Weekly => by(&|r| r.weekly, &mut idx),
        LoadSort::Monotony => by(&|r| num(r.monotony), &mut idx),
        LoadSort::Strain => by(&|r| num(r.strain), &mut idx),
        LoadSort::DaysSince => idx.sort_by_key(|i| rows[*i].days_since.unwrap_or(i64::MAX)),
    }
    if s.descending {
        idx.reverse();
    }
    idx
}

/// The overview's rows in the order shown.
pub fn sorted<'a>(r: &'a LoadResult, s: &LoadSettings) -> Vec<&'a OverviewRow> {
    order(r, s).into_iter().map(|i| &r.rows[i]).collect()
}

pub(super) const HEADERS: [(&str, LoadSort); 8] = [
    ("Player", LoadSort::Player),
    ("Day load", LoadSort::Load),
    ("ACWR", LoadSort::Acwr),
    ("Band", LoadSort::Risk),
    ("7-day", LoadSort::Weekly),
    ("Monotony", LoadSort::Monotony),
    ("Strain", LoadSort::Strain),
    ("Days since", LoadSort::DaysSince),
];

pub(super) fn cells(r: &OverviewRow) -> [String; 8] {
    let opt =
        |v: Option<f64>, d: usize| v.map(|v| format!("{v:.d$}")).unwrap_or_else(|| "—".into());
    [
        r.player.clone(),
        format!("{:.0}", r.load),
        opt(r.acwr, 2),
        match (&r.band, r.warmup, r.no_recent) {
            (_, _, true) => "no recent data".into(),
            (Some(b), true, _) => format!("{b} (warm-up)"),
            (Some(b), false, _) => b.clone(),
            (None, _, _) => "—".into(),
        },
        format!("{:.0}", r.weekly),
        opt(r.monotony, 2),
        opt(r.strain, 0),
        r.days_since
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
    ]
}

/// The team on the day, sortable by any column.
pub(super) fn overview_table(
    ui: &mut Ui,
    r: &LoadResult,
    s: &mut LoadSettings,
    selected: Option<String>,
    table_h: f32,
) {
    ui.weak("Highest risk first, then players with no session for a week or more; click a column to sort, a player for the timeline. Warm-up: under 28 days of history, the ratio is not yet reliable.");
    let rows = sorted(r, s);
    let mut clicked: Option<String> = None;
    ui.push_id("overview", |ui| {
        // A click anywhere on a row picks the player, so cell text is not selectable.
        ui.style_mut().interaction.selectable_labels = false;
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(table_h)
            .min_scrolled_height(table_h.min(160.0))
            .column(Column::initial(170.0).at_least(120.0))
            .columns(Column::initial(84.0).at_least(50.0), 2)
            .column(Column::initial(200.0).at_least(120.0).clip(true))
            .columns(Column::initial(96.0).at_least(60.0), 4)
            .header(22.0, |mut h| {
                for (name, sort) in HEADERS {
                    h.col(|ui| {
                        let arrow = if s.sort == sort {
                            if s.descending { " ▼" } else { " ▲" }
                        } else {
                            ""
                        };
                        if ui
                            .button(RichText::new(format!("{name}{arrow}")).strong())
                            .on_hover_text("Sort by this column")
                            .clicked()
                        {
                            if s.sort == sort {
                                s.descending = !s.descending;
                            } else {
                                s.sort = sort;
                                s.descending = matches!(
                                    sort,
                                    LoadSort::Acwr
                                        | LoadSort::Load
                                        | LoadSort::Weekly
                                        | LoadSort::Strain
                                        | LoadSort::Monotony
                                );
                            }
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let o = rows[row.index()];
                    row.set_selected(selected.as_deref() == Some(o.player.as_str()));
                    for (i, text) in cells(o).into_iter().enumerate() {
                        row.col(|ui| {
                            if i == 3 {
                                let band = if o.no_recent { None } else { o.band.as_deref() };
                                let c = colour(band_colour(band));
                                ui.horizontal(|ui| {
                                    let (rect, _) = ui.allocate_exact_size(
                                        vec2(12.0, 12.0),
                                        egui::Sense::hover(),
                                    );
                                    ui.painter().rect_filled(rect, 2.0, c);
                                    let t = RichText::new(text);
                                    ui.label(if o.warmup || o.no_recent {
                                        t.italics()
                                    } else {
                                        t
                                    });
                                });
                            } else {
                                ui.label(text);
                            }
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(o.player.clone());
                    }
                });
            });
    });
    if let Some(p) = clicked {
        s.player = Some(p);
    }
}

/// The days in each band per player over the range; returns the player clicked.
pub(super) fn band_days_table(
    ui: &mut Ui,
    r: &LoadResult,
    selected: Option<&str>,
    table_h: f32,
) -> Option<String> {
    let t = TableText::of(&r.band_days);
    let mut clicked = None;
    let headers = [
        "Player",
        "Days",
        "Sessions",
        "High risk",
        "Elevated",
        "Normal",
        "Under-loaded",
        "No ACWR",
        "Warm-up",
    ];
    ui.push_id("band-days", |ui| {
        ui.style_mut().interaction.selectable_labels = false;
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(table_h)
            .min_scrolled_height(table_h.min(160.0))
            .column(Column::initial(170.0).at_least(120.0))
            .columns(Column::initial(80.0).at_least(50.0), headers.len() - 1)
            .header(22.0, |mut h| {
                for (i, name) in headers.iter().enumerate() {
                    h.col(|ui| {
                        if (3..=6).contains(&i) {
                            let band = ["high risk", "elevated", "normal", "under-loaded"][i - 3];
                            let (rect, _) =
                                ui.allocate_exact_size(vec2(12.0, 12.0), egui::Sense::hover());
                            ui.painter()
                                .rect_filled(rect, 2.0, colour(band_colour(Some(band))));
                        }
                        ui.strong(*name);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, t.rows.len(), |mut row| {
                    let cells = &t.rows[row.index()];
                    row.set_selected(selected == Some(cells[0].as_str()));
                    for c in cells {
                        row.col(|ui| {
                            ui.label(c);
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(cells[0].clone());
                    }
                });
            });
    });
    clicked
}
