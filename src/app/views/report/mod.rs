//! The Report view: pages with thumbnails, the selected page drawn at full size by the same
//! layout as the PDF, its blocks added, moved, removed and edited; templates applied; the
//! report saved, and exported as PDF or PNG pages. Building, drawing and writing run on the
//! job runner.

use std::path::PathBuf;

use egui::{RichText, Ui, vec2};

use crate::app::jobs::{AppError, Jobs};
use crate::app::views::{self, Ask, ViewContext};
use crate::app::work::Combined;
use crate::report::build::{self, ReportData};
use crate::report::pdf::{self, PageImage};
use crate::report::{Block, ChartBlock, Page, Paper, Report, TableBlock};

mod apply;

/// What the view's jobs are for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReportSlot {
    Render,
    Apply,
    Export,
}

/// What they give.
pub enum ReportOutput {
    /// The pages as pixels, and the problems of blocks that could not be made.
    Rendered(Vec<PageImage>, Vec<String>),
    Applied(Box<Report>),
    Exported(String),
}

/// Applying a template: to whom and which games.
pub struct ApplyDialog {
    pub open: bool,
    /// 0: opponent, 1: development.
    pub template: usize,
    pub team: String,
    pub player: String,
    pub last_games: u32,
    pub top: u32,
}

/// The Report view's state.
pub struct ReportView {
    pub report: Report,
    pub selected: usize,
    /// Unsaved changes.
    pub changed: bool,
    /// A template was just applied: a new report, not yet saved anywhere.
    pub applied: bool,
    pub apply: ApplyDialog,
    pub error: Option<String>,
    jobs: Jobs<ReportSlot, ReportOutput>,
    /// What the shown pages were drawn from: the data's generation and the report.
    drawn: Option<(u64, Report)>,
    pages: Vec<egui::TextureHandle>,
    problems: Vec<String>,
}

/// Text naming a block in the block list.
fn describe(b: &Block) -> String {
    let filter = |f: &crate::analysis::shots::ShotFilter| crate::request::shots::title_of(f);
    match b {
        Block::Cover => "Cover".into(),
        Block::Notes(_) => "Notes".into(),
        Block::Charts(cs) => cs
            .iter()
            .map(|c| match c {
                ChartBlock::Shots {
                    filter: f,
                    kind,
                    baseline,
                    ..
                } => format!("{kind:?} chart · {} · vs {}", filter(f), baseline.name()),
                ChartBlock::Tracking { chart, .. } => format!("Tracking {chart:?}"),
                ChartBlock::Load { chart, player, .. } => format!(
                    "Load {chart:?}{}",
                    player
                        .as_deref()
                        .map(|p| format!(" · {p}"))
                        .unwrap_or_default()
                ),
            })
            .collect::<Vec<_>>()
            .join(" | "),
        Block::Table(t) => match t.as_ref() {
            TableBlock::Zones { filter: f, .. } => format!("Zone table · {}", filter(f)),
            TableBlock::TopActions { filter: f, .. } => format!("Top actions · {}", filter(f)),
            TableBlock::ByPeriod { filter: f, .. } => format!("By period · {}", filter(f)),
            TableBlock::TrackingSummary { .. } => "Tracking summary".into(),
            TableBlock::LoadOverview { day, .. } => format!(
                "Load overview{}",
                day.map(|d| format!(" · {d}")).unwrap_or_default()
            ),
        },
    }
}

fn data_of(c: &Combined) -> ReportData {
    ReportData {
        shots: c.shots.as_ref().map(|s| s.frame.as_ref().clone().lazy()),
        load: c.load.as_ref().map(|l| l.frame.as_ref().clone().lazy()),
        tracking: c.tracking.as_ref().map(|t| t.frame.as_ref().clone().lazy()),
    }
}

use polars::prelude::IntoLazy;

impl ReportView {
    /// The view, with `report` open.
    pub fn new(ctx: &egui::Context, report: Report) -> Self {
        Self {
            report,
            selected: 0,
            changed: false,
            applied: false,
            apply: ApplyDialog {
                open: false,
                template: 0,
                team: String::new(),
                player: String::new(),
                last_games: 10,
                top: 5,
            },
            error: None,
            jobs: Jobs::new(Some(ctx.clone())),
            drawn: None,
            pages: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Whether work runs.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
    }

    /// What runs, with how long it has run.
    pub fn running(&self) -> Vec<(String, std::time::Duration)> {
        self.jobs.running()
    }

    /// How many pages are drawn.
    pub fn drawn_pages(&self) -> usize {
        self.pages.len()
    }

    /// Adds a block to the selected page, or to a new page after it when that page already
    /// holds a chart and two other blocks, or two charts (a first page when there is none).
    pub fn add(&mut self, block: Block) -> usize {
        if self.report.pages.is_empty() {
            self.report.pages.push(Page::default());
        }
        let mut i = self.selected.min(self.report.pages.len() - 1);
        let page = &self.report.pages[i];
        let charts = page
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Charts(_)))
            .count();
        let full = charts >= 2
            || (charts == 1 && page.blocks.len() >= 3)
            || page.blocks.iter().any(|b| matches!(b, Block::Cover));
        if full {
            i += 1;
            self.report.pages.insert(
                i,
                Page {
                    title: format!("Page {}", i + 1),
                    ..Default::default()
                },
            );
            self.selected = i;
        }
        self.report.pages[i].blocks.push(block);
        self.changed = true;
        i + 1
    }

    /// Takes finished work; returns a message for the status bar.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<(bool, String)> {
        let mut out = None;
        for done in self.jobs.poll(std::time::Duration::from_millis(4)) {
            match done.result {
                Ok(ReportOutput::Rendered(images, problems)) => {
                    self.pages = images
                        .into_iter()
                        .enumerate()
                        .map(|(i, (w, h, rgb))| {
                            ctx.load_texture(
                                format!("report-page-{i}"),
                                egui::ColorImage::from_rgb([w as usize, h as usize], &rgb),
                                egui::TextureOptions::LINEAR,
                            )
                        })
                        .collect();
                    self.problems = problems;
                    self.error = None;
                }
                Ok(ReportOutput::Applied(r)) => {
                    self.report = *r;
                    self.selected = 0;
                    self.changed = true;
                    self.applied = true;
                    out = Some((
                        false,
                        format!("Applied the template: {}", self.report.title),
                    ));
                }
                Ok(ReportOutput::Exported(msg)) => out = Some((false, msg)),
                Err(AppError::Cancelled) => {}
                Err(e) => {
                    self.error = Some(e.to_string());
                    out = Some((true, e.to_string()));
                }
            }
        }
        out
    }

    /// Draws the pages again when the report or the data changed.
    pub fn submit(&mut self, data: &Combined, generation: u64) {
        // A comparison, not a serialisation, each frame.
        if self
            .drawn
            .as_ref()
            .is_some_and(|(g, r)| *g == generation && *r == self.report)
        {
            return;
        }
        let report = self.report.clone();
        self.drawn = Some((generation, report.clone()));
        let d = data_of(data);
        self.jobs
            .submit(ReportSlot::Render, "drawing the report", move |c| {
                let pages = build::build(&report, &d, c)?;
                let problems = pages
                    .iter()
                    .flat_map(|p| {
                        p.parts.iter().filter_map(move |b| match b {
                            build::Part::Problem(w) => Some(format!("{}: {w}", p.title)),
                            _ => None,
                        })
                    })
                    .collect();
                let images = pdf::page_images(&report, &pages)
                    .map_err(crate::request::RequestError::Render)?;
                Ok(ReportOutput::Rendered(images, problems))
            });
    }

    /// Writes the report as a PDF (or PNG pages into a folder) on the job runner.
    pub fn export(&mut self, data: &Combined, path: PathBuf, is_pdf: bool) {
        let path = if is_pdf && path.extension().is_none() {
            path.with_extension("pdf")
        } else {
            path
        };
        let report = self.report.clone();
        let d = data_of(data);
        self.jobs
            .submit(ReportSlot::Export, "exporting the report", move |c| {
                let pages = build::build(&report, &d, c)?;
                let err = |e: crate::charts::export::RenderError| {
                    crate::request::RequestError::Render(e.to_string())
                };
                if is_pdf {
                    pdf::write_pdf(&report, &pages, &path).map_err(err)?;
                } else {
                    pdf::write_pngs(&report, &pages, &path).map_err(err)?;
                }
                Ok(ReportOutput::Exported(format!(
                    "Exported the report ({} pages) to {}",
                    pages.len(),
                    path.display()
                )))
            });
    }

    /// Draws the view.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        ctx: &mut ViewContext<'_>,
        path: Option<&PathBuf>,
        recent: &[PathBuf],
    ) {
        egui::Panel::left("report-pages")
            .resizable(true)
            .default_size(250.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    self.side(ui, ctx, path);
                    let others: Vec<&PathBuf> =
                        recent.iter().filter(|p| Some(*p) != path).collect();
                    if !others.is_empty() {
                        ui.separator();
                        ui.heading("Recent reports");
                        for p in others {
                            let name = p
                                .file_name()
                                .map(|n| n.to_string_lossy().to_string())
                                .unwrap_or_default();
                            if ui
                                .link(name)
                                .on_hover_text(p.display().to_string())
                                .clicked()
                            {
                                ctx.asks.push(Ask::OpenReportFile(p.clone()));
                            }
                        }
                    }
                })
            });
        egui::Panel::right("report-blocks")
            .resizable(true)
            .default_size(330.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.blocks(ui))
            });
        egui::CentralPanel::default().show(ui, |ui| self.page(ui));
        self.apply_window(ui.ctx(), ctx.data);
    }

    fn side(&mut self, ui: &mut Ui, ctx: &mut ViewContext<'_>, path: Option<&PathBuf>) {
        ui.heading("Report");
        let before = self.report.clone();
        views::labelled_text(ui, "Report title", &mut self.report.title, "Title");
        views::labelled_text(ui, "Author", &mut self.report.author, "Who prepared it");
        ui.horizontal(|ui| {
            ui.radio_value(&mut self.report.paper, Paper::A4, "A4");
            ui.radio_value(&mut self.report.paper, Paper::Letter, "US Letter");
            ui.checkbox(&mut self.report.landscape, "Landscape");
        });
        ui.weak(match path {
            Some(p) => format!(
                "{}{}",
                p.display(),
                if self.changed { " (not saved)" } else { "" }
            ),
            None => "Not saved yet".into(),
        });
        ui.horizontal_wrapped(|ui| {
            if ui.button("New").on_hover_text("An empty report").clicked() {
                ctx.asks.push(Ask::NewReport);
            }
            if ui.button("Open…").clicked() {
                ctx.asks.push(Ask::OpenReport);
            }
            if ui.button("Save").clicked() {
                ctx.asks.push(Ask::SaveReport(false));
            }
            if ui.button("Save as…").clicked() {
                ctx.asks.push(Ask::SaveReport(true));
            }
        });
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Apply template…")
                .on_hover_text("An opponent scouting report or a player development report, for a team or player")
                .clicked()
            {
                self.apply.open = true;
            }
            if ui.button("Export PDF…").clicked() {
                ctx.asks.push(Ask::ExportReport(true));
            }
            if ui.button("Export PNG pages…").clicked() {
                ctx.asks.push(Ask::ExportReport(false));
            }
        });
        ui.separator();
        ui.heading("Pages");
        let n = self.report.pages.len();
        for i in 0..n {
            let title = match self.report.pages[i].title.trim() {
                "" => format!("{}. (untitled)", i + 1),
                t => format!("{}. {t}", i + 1),
            };
            ui.horizontal(|ui| {
                if let Some(t) = self.pages.get(i) {
                    let size = t.size_vec2();
                    let h = 64.0;
                    ui.image((t.id(), vec2(size.x * h / size.y, h)));
                }
                if ui
                    .add(egui::Button::selectable(self.selected == i, title).truncate())
                    .clicked()
                {
                    self.selected = i;
                }
            });
        }
        self.selected = self.selected.min(n.saturating_sub(1));
        ui.horizontal_wrapped(|ui| {
            if ui.button("Add page").clicked() {
                self.report.pages.insert(
                    (self.selected + 1).min(self.report.pages.len()),
                    Page {
                        title: "New page".into(),
                        ..Default::default()
                    },
                );
                self.selected = (self.selected + 1).min(self.report.pages.len() - 1);
            }
            let s = self.selected;
            if ui
                .add_enabled(s > 0, egui::Button::new("Move page up"))
                .clicked()
            {
                self.report.pages.swap(s, s - 1);
                self.selected = s - 1;
            }
            if ui
                .add_enabled(s + 1 < n, egui::Button::new("Move page down"))
                .clicked()
            {
                self.report.pages.swap(s, s + 1);
                self.selected = s + 1;
            }
            if ui
                .add_enabled(n > 1, egui::Button::new("Remove page"))
                .clicked()
            {
                self.report.pages.remove(s);
                self.selected = s.saturating_sub(1);
            }
        });
        if self.report != before {
            self.changed = true;
        }
    }

    fn blocks(&mut self, ui: &mut Ui) {
        let Some(page) = self.report.pages.get_mut(self.selected) else {
            return;
        };
        let before = page.clone();
        ui.heading(format!("Page {}", self.selected + 1));
        views::labelled_text(ui, "Page title", &mut page.title, "Title");
        ui.add_space(4.0);
        let n = page.blocks.len();
        let mut action: Option<(usize, i32)> = None;
        for i in 0..n {
            ui.separator();
            ui.horizontal(|ui| {
                ui.add(
                    egui::Label::new(RichText::new(describe(&page.blocks[i])).strong()).truncate(),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("✕")
                        .on_hover_text("Remove the block")
                        .clicked()
                    {
                        action = Some((i, 0));
                    }
                    if ui
                        .add_enabled(i + 1 < n, egui::Button::new("▼").small())
                        .on_hover_text("Move down")
                        .clicked()
                    {
                        action = Some((i, 1));
                    }
                    if ui
                        .add_enabled(i > 0, egui::Button::new("▲").small())
                        .on_hover_text("Move up")
                        .clicked()
                    {
                        action = Some((i, -1));
                    }
                });
            });
            if let Block::Notes(text) = &mut page.blocks[i] {
                let l = ui.weak("# heading · - bullet · **bold**");
                ui.add(
                    egui::TextEdit::multiline(text)
                        .id_salt(("notes", self.selected, i))
                        .desired_rows(4)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            }
        }
        match action {
            Some((i, 0)) => {
                page.blocks.remove(i);
            }
            Some((i, d)) => page.blocks.swap(i, (i as i32 + d) as usize),
            None => {}
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            if ui.button("Add notes").clicked() {
                page.blocks.push(Block::Notes(String::new()));
            }
            if ui.button("Add cover").clicked() {
                page.blocks.insert(0, Block::Cover);
            }
        });
        ui.weak("Charts and tables come from the other views: their \"Add … to report\" buttons add what they show to this page.");
        if *page != before {
            self.changed = true;
        }
    }

    fn page(&mut self, ui: &mut Ui) {
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        for p in &self.problems {
            ui.colored_label(ui.visuals().warn_fg_color, p);
        }
        let Some(t) = self.pages.get(self.selected) else {
            ui.centered_and_justified(|ui| {
                if self.jobs.busy() {
                    crate::app::views::spinner(ui);
                } else {
                    ui.label("An empty report. Add charts and tables from the other views, or apply a template.");
                }
            });
            return;
        };
        let size = t.size_vec2();
        let avail = ui.available_size();
        let k = (avail.x / size.x).min(avail.y / size.y).min(1.5);
        ui.vertical_centered(|ui| {
            ui.image((t.id(), size * k));
        });
    }
}
