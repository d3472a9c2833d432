//! What follows a source's first chart, when the views are idle: the filters' lists, then
//! the check of every value; and what the views wait for meanwhile.

use super::work::{self, Output};
use super::{AppError, AppSlot, CourtsideApp, SourceState};

impl CourtsideApp {
    /// Whether sources are being read or combined: what the views wait for (a data check,
    /// which follows the first chart, is not).
    pub(super) fn reading(&self) -> bool {
        self.jobs
            .any_running(|s| matches!(s, AppSlot::Open(_) | AppSlot::Combine))
    }

    /// Whether the open shots' filter lists are still to make.
    pub(super) fn unlisted(&self) -> bool {
        self.combined.shots.as_ref().is_some_and(|s| !s.listed)
    }

    /// The open sources with tables still to check.
    pub(super) fn unchecked(&self) -> impl Iterator<Item = u64> + '_ {
        self.sources.iter().filter_map(|s| match &s.state {
            SourceState::Ready(tables) if tables.iter().any(|t| t.checking.is_some()) => Some(s.id),
            _ => None,
        })
    }

    /// Starts checking the open sources' tables once nothing else runs: a check passes over
    /// every value, which on an archive takes seconds that the first chart should not wait.
    pub(super) fn check_when_idle(&mut self) {
        let idle = !self.jobs.busy()
            && !self.shots.busy()
            && !self.load.busy()
            && !self.tracking.busy()
            && !self.report.busy();
        if !idle {
            return;
        }
        // The filters' lists first: a user reaches for them before the check's report.
        if let Some(data) = self.combined.shots.as_ref().filter(|s| !s.listed) {
            let data = data.clone();
            self.jobs
                .submit(AppSlot::Lists, "listing players and teams", move |_| {
                    work::list_shots(&data)
                        .map(|d| Output::Listed(Box::new(d)))
                        .map_err(AppError::query)
                });
            return;
        }
        let Some(id) = self.unchecked().next() else {
            return;
        };
        let Some(tables) = self
            .sources
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| match &s.state {
                SourceState::Ready(t) => Some(
                    t.iter()
                        .filter_map(|t| t.checking.clone())
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
        else {
            return;
        };
        let name = self
            .sources
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.reference.name())
            .unwrap_or_default();
        self.jobs
            .submit(AppSlot::Inspect(id), format!("checking {name}"), move |c| {
                work::inspect_tables(&tables, c)
            });
    }

    /// A source's check is done: its tables' reports replace their first look.
    pub(super) fn checked(
        &mut self,
        id: u64,
        reports: Vec<Result<crate::data::quality::Inspection, String>>,
    ) {
        let Some(s) = self.sources.iter_mut().find(|s| s.id == id) else {
            return;
        };
        let SourceState::Ready(tables) = &mut s.state else {
            return;
        };
        let mut reports = reports.into_iter();
        for t in tables.iter_mut().filter(|t| t.checking.is_some()) {
            t.checking = None;
            match reports.next() {
                Some(Ok(info)) => t.info = info,
                Some(Err(e)) => t.info.problems.push(format!("cannot check the data: {e}")),
                None => {}
            }
        }
        self.combined.frame_warnings = self.frame_warnings();
    }

    /// What the open sources' frame checks found, as the shots view says it.
    pub(super) fn frame_warnings(&self) -> Vec<String> {
        self.sources
            .iter()
            .filter_map(|s| match &s.state {
                SourceState::Ready(t) => Some(t),
                _ => None,
            })
            .flatten()
            .flat_map(|t| t.frame_warnings())
            .collect()
    }
}
