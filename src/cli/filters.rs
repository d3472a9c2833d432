//! The shot filters shared by `shots` and `zones`.

use chrono::NaiveDate;

use crate::analysis::shots::ShotFilter;

/// Filters on shots.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only this player's shots (repeat for several).
    #[arg(long = "player", value_name = "NAME")]
    pub players: Vec<String>,
    /// Only this team's shots (repeat for several).
    #[arg(long = "team", value_name = "TEAM")]
    pub teams: Vec<String>,
    /// Only shots against this team (repeat for several).
    #[arg(long = "opponent", value_name = "TEAM")]
    pub opponents: Vec<String>,
    /// Only this season, e.g. 2023-24 (repeat for several).
    #[arg(long = "season", value_name = "SEASON")]
    pub seasons: Vec<String>,
    /// Only games on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Only games on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// Only this period: 1–4, 5 and up for overtime (repeat for several).
    #[arg(long = "period", value_name = "N")]
    pub periods: Vec<i8>,
    /// Only shots with at least this many seconds left in the period.
    #[arg(long, value_name = "SECONDS")]
    pub clock_min: Option<f32>,
    /// Only shots with at most this many seconds left in the period (e.g. 120 for the last two
    /// minutes).
    #[arg(long, value_name = "SECONDS")]
    pub clock_max: Option<f32>,
    /// Only this basic zone, e.g. "Left Corner 3" (repeat for several).
    #[arg(long = "zone", value_name = "ZONE")]
    pub zones: Vec<String>,
    /// Only made shots.
    #[arg(long, conflicts_with = "missed")]
    pub made: bool,
    /// Only missed shots.
    #[arg(long)]
    pub missed: bool,
    /// Only this action, e.g. "Pullup Jump shot" (repeat for several).
    #[arg(long = "action", value_name = "ACTION")]
    pub actions: Vec<String>,
}

impl FilterArgs {
    /// The filter these arguments describe.
    pub fn filter(&self) -> ShotFilter {
        ShotFilter {
            players: self.players.clone(),
            teams: self.teams.clone(),
            opponents: self.opponents.clone(),
            seasons: self.seasons.clone(),
            from: self.from,
            to: self.to,
            periods: self.periods.clone(),
            clock_min_s: self.clock_min,
            clock_max_s: self.clock_max,
            zones: self.zones.clone(),
            made: if self.made {
                Some(true)
            } else if self.missed {
                Some(false)
            } else {
                None
            },
            actions: self.actions.clone(),
        }
    }
}
