//! The status bar: what is open, how many shots the selection holds, the last query's time,
//! what runs, and the latest message.

use crate::app::{AppSlot, CourtsideApp};
use crate::format::thousands;

impl CourtsideApp {
    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let all = self
                .combined
                .shots
                .as_ref()
                .map(|s| s.frame.height())
                .unwrap_or(0);
            match (&self.shots.result, all) {
                (_, 0) => {
                    ui.label("No shots open");
                }
                (Some(r), all) => {
                    ui.label(format!(
                        "Shots: {} of {}",
                        thousands(r.shots as u64),
                        thousands(all as u64)
                    ));
                }
                (None, all) => {
                    ui.label(format!("Shots: {}", thousands(all as u64)));
                }
            }
            ui.separator();
            match &self.combined.load {
                Some(l) => ui.label(format!(
                    "Load: {} rows, {} players",
                    thousands(l.frame.height() as u64),
                    l.players.len()
                )),
                None => ui.label("No load open"),
            };
            if let Some(t) = self.last_query {
                ui.separator();
                ui.label(format!("Last query {:.0} ms", t.as_secs_f64() * 1000.0));
            }
            let running = self.running();
            // A long read shows how far it has got, and can be stopped.
            if let Some((slot, label, done, total)) = self.jobs.progress().into_iter().next() {
                ui.separator();
                ui.label(label);
                ui.add(
                    egui::ProgressBar::new(done as f32 / total as f32)
                        .desired_width(240.0)
                        .text(format!("{} of {} rows", thousands(done), thousands(total))),
                );
                if let AppSlot::Open(id) = slot
                    && ui
                        .small_button("Cancel")
                        .on_hover_text("Stop reading and close this source")
                        .clicked()
                {
                    self.close(id);
                }
            } else if let Some((label, _)) = running.first() {
                ui.separator();
                crate::app::views::spinner(ui);
                ui.label(if running.len() > 1 {
                    format!("{label} (+{} more)", running.len() - 1)
                } else {
                    label.clone()
                });
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some((error, text)) = self.messages.last() {
                    let t = if *error {
                        egui::RichText::new(text).color(ui.visuals().error_fg_color)
                    } else {
                        egui::RichText::new(text).weak()
                    };
                    ui.add(egui::Label::new(t).truncate()).on_hover_text(text);
                }
            });
        });
    }
}
