//! Applying a template from the Report view: the dialog, and the job that expands it.

use super::{ReportOutput, ReportSlot, ReportView, data_of};
use crate::app::views;
use crate::app::work::Combined;
use crate::report::Dates;
use crate::report::template::{self, Target};

impl ReportView {
    pub(super) fn start_apply(&mut self, data: &Combined) {
        let template = match self.apply.template {
            0 => template::opponent(self.apply.top),
            _ => template::development(),
        };
        let target = Target {
            team: Some(self.apply.team.trim().to_string()).filter(|t| !t.is_empty()),
            player: Some(self.apply.player.trim().to_string()).filter(|t| !t.is_empty()),
            dates: Dates::LastGames(self.apply.last_games.max(1)),
            author: Some(self.report.author.clone()).filter(|a| !a.is_empty()),
        };
        // Applied again to the same template: the notes stay on their pages.
        let previous =
            (self.report.template.as_deref() == Some(&template)).then(|| self.report.clone());
        let d = data_of(data);
        self.jobs
            .submit(ReportSlot::Apply, "applying the template", move |_| {
                template::apply(&template, &target, &d, previous.as_ref())
                    .map(|r| ReportOutput::Applied(Box::new(r)))
            });
    }

    pub(super) fn apply_window(&mut self, ctx: &egui::Context, data: &Combined) {
        if !self.apply.open {
            return;
        }
        let mut open = true;
        let mut go = false;
        egui::Window::new("Apply template")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let a = &mut self.apply;
                ui.radio_value(&mut a.template, 0, "Opponent scouting report (a team)");
                ui.radio_value(&mut a.template, 1, "Player development report (a player)");
                let teams: Vec<String> = data.shots.as_ref().map(|s| s.teams.clone()).unwrap_or_default();
                if a.template == 0 {
                    egui::ComboBox::from_label("Team")
                        .selected_text(if a.team.is_empty() { "Choose a team" } else { a.team.as_str() })
                        .show_ui(ui, |ui| {
                            for t in &teams {
                                ui.selectable_value(&mut a.team, t.clone(), t);
                            }
                        });
                    ui.horizontal(|ui| {
                        ui.label("Top players");
                        ui.add(egui::DragValue::new(&mut a.top).range(1..=15));
                    });
                } else {
                    views::labelled_text(ui, "Player", &mut a.player, "Full name, as in the data");
                }
                ui.horizontal(|ui| {
                    ui.label("Last games");
                    ui.add(egui::DragValue::new(&mut a.last_games).range(1..=100));
                });
                ui.weak("Applied to a report made from a template, the notes already written stay on their pages (a player's on his page; notes of pages that go are kept on a last page). Charts and tables added by hand are not kept.");
                let ready = if a.template == 0 { !a.team.is_empty() } else { !a.player.trim().is_empty() };
                if ui.add_enabled(ready, egui::Button::new("Apply")).clicked() {
                    go = true;
                }
            });
        if go {
            self.start_apply(data);
            open = false;
        }
        self.apply.open = open;
    }
}
