//! The menu bar, keyboard shortcuts, native file dialogs and the live badge.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::app::state::{SourceRef, Theme, View};
use crate::app::{CourtsideApp, Picked, SourceState};

impl CourtsideApp {
    /// Runs a native dialog off the UI thread; its choice comes back by channel.
    pub(crate) fn dialog(&self, pick: impl FnOnce() -> Option<Picked> + Send + 'static) {
        let tx = self.picked_tx.clone();
        // macOS allows its panels only on the main thread; there they are modal anyway.
        if cfg!(target_os = "macos") {
            if let Some(p) = pick() {
                let _ = tx.send(p);
            }
            return;
        }
        let _ = std::thread::Builder::new()
            .name("courtside: file dialog".into())
            .spawn(move || {
                if let Some(p) = pick() {
                    let _ = tx.send(p);
                }
            });
    }

    pub(crate) fn open_dialog(&self, folders: bool) {
        self.dialog(move || {
            let d = rfd::FileDialog::new().set_title("Open data");
            let picked = if folders {
                d.pick_folders()
            } else {
                d.add_filter(
                    "Data (Parquet, CSV, NDJSON)",
                    &["parquet", "csv", "ndjson", "jsonl", "json", "txt"],
                )
                .add_filter("All files", &["*"])
                .pick_files()
            };
            picked.map(Picked::Open)
        });
    }

    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let (open, export, shots, load, track, report, find, save, copy, data) =
            ctx.input_mut(|i| {
                (
                    i.consume_shortcut(&cmd(Key::O)),
                    i.consume_shortcut(&cmd(Key::E)),
                    i.consume_shortcut(&cmd(Key::Num1)),
                    i.consume_shortcut(&cmd(Key::Num2)),
                    i.consume_shortcut(&cmd(Key::Num3)),
                    i.consume_shortcut(&cmd(Key::Num4)),
                    i.consume_shortcut(&cmd(Key::F)),
                    i.consume_shortcut(&cmd(Key::S)),
                    i.consume_shortcut(&KeyboardShortcut::new(
                        Modifiers::COMMAND | Modifiers::SHIFT,
                        Key::C,
                    )),
                    i.consume_shortcut(&cmd(Key::D)),
                )
            });
        if open {
            self.open_dialog(false);
        }
        if export {
            self.export.open = true;
        }
        if shots {
            self.ws.view = View::Shots;
        }
        if load {
            self.ws.view = View::Load;
        }
        if track {
            self.ws.view = View::Tracking;
        }
        if report {
            self.ws.view = View::Report;
        }
        if find {
            self.ws.view = View::Shots;
            self.shots.focus_search = true;
        }
        if save {
            self.save_workspace_dialog();
        }
        if copy {
            self.copy_table(ctx);
        }
        if data {
            self.ws.show_data_panel = !self.ws.show_data_panel;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.open_paths(dropped);
        }
    }

    pub(super) fn save_workspace_dialog(&self) {
        self.dialog(|| {
            rfd::FileDialog::new()
                .set_title("Save workspace")
                .set_file_name("workspace.courtside.json")
                .add_filter("Courtside workspace", &["json"])
                .save_file()
                .map(Picked::SaveWorkspace)
        });
    }

    pub(super) fn menu(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if menu_item(ui, "Open files…", Key::O) {
                    self.open_dialog(false);
                }
                if ui.button("Open folder…").clicked() {
                    self.open_dialog(true);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.ws.recent.is_empty() {
                        ui.weak("No recent files");
                    }
                    for p in self.ws.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.open_paths(vec![p]);
                        }
                    }
                });
                if ui.button("Follow a live file…").clicked() {
                    self.dialog(|| {
                        rfd::FileDialog::new()
                            .set_title("Follow a live feed file")
                            .add_filter(
                                "Live feed (NDJSON, CSV)",
                                &["ndjson", "jsonl", "json", "csv"],
                            )
                            .pick_file()
                            .map(Picked::Follow)
                    });
                }
                if ui.button("Open the sample season").clicked()
                    && !self
                        .sources
                        .iter()
                        .any(|s| s.reference == SourceRef::Sample)
                {
                    self.ws.sources.push(SourceRef::Sample);
                    self.start_open(SourceRef::Sample);
                }
                ui.separator();
                if menu_item(ui, "Export…", Key::E) {
                    self.export.open = true;
                }
                ui.separator();
                if ui.button("Save workspace…").clicked() {
                    self.save_workspace_dialog();
                }
                if ui.button("Open workspace…").clicked() {
                    self.dialog(|| {
                        rfd::FileDialog::new()
                            .set_title("Open workspace")
                            .add_filter("Courtside workspace", &["json"])
                            .pick_file()
                            .map(Picked::OpenWorkspace)
                    });
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui.button("Copy table").clicked() {
                    self.copy_table(ui.ctx());
                }
            });
            ui.menu_button("View", |ui| {
                ui.checkbox(&mut self.ws.show_data_panel, "Data panel");
                if ui
                    .checkbox(&mut self.ws.strict, "Strict")
                    .on_hover_text(
                        "Refuse an answer that leaves rows out (no coordinates, no player or \
                         date) instead of giving it with a note, as --strict on the command line",
                    )
                    .changed()
                {
                    self.shots.dirty = true;
                    self.load.dirty = true;
                    self.tracking.data_changed();
                }
                ui.separator();
                ui.label("Theme");
                ui.radio_value(&mut self.ws.theme, Theme::System, "As the system");
                ui.radio_value(&mut self.ws.theme, Theme::Light, "Light");
                ui.radio_value(&mut self.ws.theme, Theme::Dark, "Dark");
            });
            ui.separator();
            let failed = self
                .sources
                .iter()
                .filter(|s| matches!(s.state, SourceState::Failed(_)))
                .count();
            let n = self.sources.len();
            let sources = format!("{n} source{}", if n == 1 { "" } else { "s" });
            let data = if failed > 0 {
                format!("Data ({sources}, {failed} failed)")
            } else {
                format!("Data ({sources})")
            };
            ui.toggle_value(&mut self.ws.show_data_panel, data)
                .on_hover_text("Show the open sources (Ctrl+D)");
            ui.separator();
            self.live_badge(ui);
            ui.selectable_value(&mut self.ws.view, View::Shots, "Shots")
                .on_hover_text("Ctrl+1");
            ui.selectable_value(&mut self.ws.view, View::Load, "Load")
                .on_hover_text("Ctrl+2");
            ui.selectable_value(&mut self.ws.view, View::Tracking, "Tracking")
                .on_hover_text("Ctrl+3");
            ui.selectable_value(&mut self.ws.view, View::Report, "Report")
                .on_hover_text("Ctrl+4");
        });
    }

    fn live_badge(&mut self, ui: &mut egui::Ui) {
        let Some(l) = &self.live else {
            return;
        };
        let paused = l.paused();
        let ago = l
            .last_event
            .map(|t| format!("{:.1} s ago", t.elapsed().as_secs_f64()))
            .unwrap_or_else(|| "waiting".into());
        let text = if paused {
            "❚❚ Paused".to_string()
        } else {
            format!("● LIVE {:.0}/s · {ago}", l.rate())
        };
        let colour = if paused {
            ui.visuals().weak_text_color()
        } else {
            egui::Color32::from_rgb(214, 60, 50)
        };
        ui.label(egui::RichText::new(text).color(colour).strong())
            .on_hover_text(format!(
                "Following {}: {} rows, {} lines skipped",
                l.path.display(),
                crate::format::thousands(l.rows),
                l.skipped.len()
            ));
        if ui.button(if paused { "Resume" } else { "Pause" }).clicked() {
            l.set_paused(!paused);
        }
        if ui
            .button("Stop")
            .on_hover_text("Stop following the live file")
            .clicked()
        {
            self.stop_following();
        }
        ui.separator();
    }
}

/// A menu entry with its Ctrl (⌘) shortcut shown; whether it was clicked.
fn menu_item(ui: &mut egui::Ui, text: &str, key: Key) -> bool {
    let shortcut = ui
        .ctx()
        .format_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key));
    ui.add(egui::Button::new(text).shortcut_text(shortcut))
        .clicked()
}
