//! The data panel: the open sources with their kind, size, dates, column mapping and problems.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::app::state::SourceRef;
use crate::app::work::OpenedTable;
use crate::app::{CourtsideApp, SourceState};
use crate::data::mapping::ColumnMapping;
use crate::format::thousands;

/// What a click in the panel asks for.
enum Action {
    Close(u64),
    Retry(u64),
    Remap {
        id: u64,
        paths: Vec<PathBuf>,
        mapping: ColumnMapping,
    },
    Reset {
        id: u64,
        paths: Vec<PathBuf>,
    },
}

/// Draws the data panel.
pub fn ui(app: &mut CourtsideApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.heading("Data");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Open…")
                .on_hover_text("Ctrl+O, or drop files on the window")
                .clicked()
            {
                app.open_dialog(false);
            }
        });
    });
    ui.separator();
    let mut action: Option<Action> = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        if let Some(l) = &mut app.live {
            live(ui, l);
        }
        if app.sources.is_empty() && app.live.is_none() {
            ui.label(
                "Nothing open. Open Parquet, CSV or NDJSON files (File ▸ Open), or drop them here.",
            );
        }
        for s in &app.sources {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let (icon, tip) = match &s.state {
                        SourceState::Loading(_) => ("…", "Reading"),
                        SourceState::Failed(_) => ("⚠", "Could not be read"),
                        SourceState::Ready(_) => ("✔", "Open"),
                    };
                    ui.label(icon).on_hover_text(tip);
                    let full = match &s.reference {
                        SourceRef::Sample => {
                            "The generated sample season, built into Courtside".into()
                        }
                        SourceRef::Path(p) => p.display().to_string(),
                    };
                    ui.strong(s.reference.name()).on_hover_text(full);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui
                            .small_button("✕")
                            .on_hover_text("Close this source")
                            .clicked()
                        {
                            action = Some(Action::Close(s.id));
                        }
                    });
                });
                match &s.state {
                    SourceState::Loading(since) => {
                        ui.horizontal(|ui| {
                            crate::app::views::spinner(ui);
                            ui.label(format!("Reading… {} s", since.elapsed().as_secs()));
                            if ui.button("Cancel").clicked() {
                                action = Some(Action::Close(s.id));
                            }
                        });
                    }
                    SourceState::Failed(f) => {
                        ui.colored_label(ui.visuals().error_fg_color, &f.message);
                        if let Some(fix) = &f.fix {
                            ui.add_space(4.0);
                            ui.strong(format!(
                                "Which column holds `{}` (a {} table)?",
                                fix.column, fix.kind
                            ));
                            ui.horizontal_wrapped(|ui| {
                                for c in &fix.columns {
                                    if ui.button(c).on_hover_text("Map it, save the mapping in the workspace, and read the file again").clicked() {
                                        let mut mapping = app
                                            .ws
                                            .mappings
                                            .get(&fix.path)
                                            .cloned()
                                            .unwrap_or_default();
                                        mapping.kind = Some(fix.kind);
                                        mapping.columns.insert(fix.column.clone(), c.clone());
                                        action = Some(Action::Remap {
                                            id: s.id,
                                            paths: vec![fix.path.clone()],
                                            mapping,
                                        });
                                    }
                                }
                            });
                        }
                        if ui.button("Try again").clicked() {
                            action = Some(Action::Retry(s.id));
                        }
                    }
                    SourceState::Ready(tables) => {
                        for t in tables {
                            if let Some(a) = table(ui, s.id, &s.reference, t, app) {
                                action = Some(a);
                            }
                        }
                    }
                }
            });
        }
    });
    match action {
        Some(Action::Close(id)) => app.close(id),
        Some(Action::Retry(id)) => app.reopen(id),
        Some(Action::Remap { id, paths, mapping }) => {
            for p in &paths {
                app.ws.mappings.set(p, mapping.clone());
            }
            app.reopen(id);
        }
        Some(Action::Reset { id, paths }) => {
            for p in &paths {
                app.ws.mappings.remove(p);
            }
            app.reopen(id);
        }
        None => {}
    }
}

/// The followed feed: rows, restarts, and every skipped line with its reason.
fn live(ui: &mut Ui, l: &mut crate::app::live::Live) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.strong(format!(
            "Live: {}",
            l.path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ))
        .on_hover_text(l.path.display().to_string());
        ui.label(format!("{} rows", thousands(l.rows)));
        ui.horizontal(|ui| {
            let label = ui.label("Refresh every (ms)");
            let mut ms = l.interval.as_millis() as u64;
            if ui
                .add(egui::DragValue::new(&mut ms).range(100..=10_000).speed(10))
                .labelled_by(label.id)
                .changed()
            {
                l.interval = std::time::Duration::from_millis(ms);
            }
        });
        if l.restarts > 0 {
            ui.label(format!("read again from the start {} time(s)", l.restarts));
        }
        if let Some(n) = &l.notice {
            ui.colored_label(ui.visuals().warn_fg_color, n);
        }
        let skipped = l.skipped.len();
        if skipped == 0 {
            ui.weak("No line skipped");
        } else {
            egui::CollapsingHeader::new(format!("{skipped} lines skipped"))
                .id_salt("live-skipped")
                .show(ui, |ui| {
                    for s in l.skipped.iter().take(500) {
                        ui.label(format!("line {}: {}", s.line, s.reason));
                    }
                    if skipped > 500 {
                        ui.weak(format!("… and {} more", skipped - 500));
                    }
                });
        }
    });
}

/// The mapping saved for a table's files (its first file's), or none yet.
fn saved_mapping(app: &CourtsideApp, t: &OpenedTable) -> ColumnMapping {
    t.paths
        .first()
        .and_then(|p| app.ws.mappings.get(p))
        .cloned()
        .unwrap_or_default()
}

fn table(
    ui: &mut Ui,
    id: u64,
    reference: &SourceRef,
    t: &OpenedTable,
    app: &CourtsideApp,
) -> Option<Action> {
    let i = &t.info;
    let mut action = None;
    ui.label(RichText::new(format!("{} · {} · {}", i.kind, i.vendor, i.format)).strong());
    let mut reach = vec![crate::format::plural(i.rows, "row")];
    for (n, what) in [
        (i.games, "game"),
        (i.players, "player"),
        (i.teams, "team"),
        (i.sessions, "session"),
    ] {
        if let Some(n) = n {
            reach.push(crate::format::plural(n, what));
        }
    }
    ui.label(reach.join(" · "));
    if t.checking.is_some() {
        ui.horizontal(|ui| {
            crate::app::views::spinner(ui);
            ui.weak("Checking every value (dates, players, gaps, duplicates, the court frame)…");
        });
    }
    if let (Some(a), Some(b)) = (&i.first_date, &i.last_date) {
        ui.label(format!("{a} to {b}"));
    }
    for p in &i.problems {
        ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {p}"));
    }
    let editable = matches!(reference, SourceRef::Path(_)) && !t.paths.is_empty();
    for f in i.frame.iter().flat_map(|c| &c.findings) {
        let Some(fix) = &f.fix else { continue };
        if editable
            && ui
                .button(format!("Accept the fix: {}", fix.describe()))
                .on_hover_text(
                    "Read the coordinates with this fix from now on: saved with the file's \
                     column mapping in the workspace (Reset to the automatic mapping takes it back)",
                )
                .clicked()
        {
            let mut mapping = saved_mapping(app, t);
            mapping.kind = Some(i.kind);
            // On top of any saved: it was proposed for the coordinates as fixed.
            mapping.coordinates.push(fix.clone());
            action = Some(Action::Remap {
                id,
                paths: t.paths.clone(),
                mapping,
            });
        }
    }
    for n in &i.notes {
        ui.weak(n);
    }
    egui::CollapsingHeader::new("Column mapping")
        .id_salt(("mapping", id, &i.name))
        .show(ui, |ui| {
            if i.user_mapping {
                ui.weak("Includes your mapping.");
            }
            egui::Grid::new(("mapping-grid", id, &i.name))
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for c in &i.mapping {
                        let label = ui.label(c.canonical);
                        if editable {
                            let mut chosen = c.source.clone();
                            egui::ComboBox::from_id_salt(("map", id, c.canonical))
                                .selected_text(&c.source)
                                .width(170.0)
                                .show_ui(ui, |ui| {
                                    for s in &t.source_columns {
                                        ui.selectable_value(&mut chosen, s.clone(), s);
                                    }
                                })
                                .response
                                .labelled_by(label.id);
                            if chosen != c.source {
                                let mut mapping = saved_mapping(app, t);
                                mapping.kind = Some(i.kind);
                                mapping.columns.insert(c.canonical.to_string(), chosen);
                                action = Some(Action::Remap {
                                    id,
                                    paths: t.paths.clone(),
                                    mapping,
                                });
                            }
                        } else {
                            ui.label(&c.source);
                        }
                        ui.end_row();
                    }
                });
            if !i.missing.is_empty() {
                ui.weak(format!("Not in this source: {}", i.missing.join(", ")));
            }
            if editable && i.user_mapping && ui.button("Reset to the automatic mapping").clicked() {
                action = Some(Action::Reset {
                    id,
                    paths: t.paths.clone(),
                });
            }
        });
    ui.add_space(4.0);
    action
}
