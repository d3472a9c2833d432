//! The synthetic league of the sample: our team, its opponents, players with distinct shot
//! profiles, and an 82-game schedule per season.

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// Our team: the one whose load and tracking the sample holds.
pub const TEAM: &str = "Bay City Breakers";
/// Our team's short code (player ids are `BCB-nn`).
pub const TEAM_CODE: &str = "BCB";

/// Opponents: name and short code.
pub const OPPONENTS: &[(&str, &str)] = &[
    ("Northfield Ravens", "NFR"),
    ("Lakeshore Pilots", "LSP"),
    ("Copper Valley Miners", "CVM"),
    ("Summit City Peaks", "SCP"),
    ("Riverside Kings", "RSK"),
    ("Ironwood Giants", "IWG"),
    ("Coastal Mariners", "CMA"),
    ("Prairie Storm", "PRS"),
    ("Metro Knights", "MKN"),
    ("Desert Suns", "DSU"),
    ("Harborview Hawks", "HVH"),
    ("Granite Bears", "GRB"),
    ("Twin Rivers Otters", "TRO"),
    ("Capital Foxes", "CFX"),
];

/// Zones in the order shot profiles list them (as `court::BasicZone`, without backcourt).
pub const ZONES: usize = 6;

/// League shares of attempts per zone (2023-24): RA, paint, mid, left corner, right corner,
/// above the break.
pub const LEAGUE_MIX: [f64; ZONES] = [0.2957, 0.1970, 0.1124, 0.0527, 0.0486, 0.2916];
/// League FG% per zone (2023-24), same order.
pub const LEAGUE_FG: [f64; ZONES] = [0.663, 0.4405, 0.4186, 0.386, 0.3938, 0.3597];

/// A player and how he shoots.
#[derive(Clone, Debug)]
pub struct Player {
    pub id: String,
    pub name: String,
    /// Field-goal attempts per game when he plays his usual minutes.
    pub fga: f64,
    /// Relative weight of each zone (multiplies the league mix).
    pub mix: [f64; ZONES],
    /// FG% relative to the league, per zone (1.0 = league average).
    pub skill: [f64; ZONES],
    /// Usual minutes per game.
    pub minutes: f64,
}

/// Our roster, with profiles a coach would recognise.
pub fn our_players() -> Vec<Player> {
    let p =
        |n: usize, name: &str, fga: f64, minutes: f64, mix: [f64; ZONES], skill: [f64; ZONES]| {
            Player {
                id: format!("{TEAM_CODE}-{n:02}"),
                name: name.into(),
                fga,
                mix,
                skill,
                minutes,
            }
        };
    vec![
        // Movement shooter: lives above the break.
        p(
            1,
            "Marcus Hale",
            17.0,
            34.0,
            [0.5, 0.4, 0.8, 1.2, 1.2, 2.1],
            [0.95, 0.95, 1.0, 1.05, 1.05, 1.12],
        ),
        // Rim-running centre: dunks and put-backs.
        p(
            2,
            "Dante Okafor",
            9.0,
            28.0,
            [2.6, 1.0, 0.2, 0.0, 0.0, 0.02],
            [1.08, 1.0, 0.85, 1.0, 1.0, 0.7],
        ),
        // Slasher: attacks the rim, streaky from three.
        p(
            3,
            "Jalen Brooks",
            15.0,
            32.0,
            [1.8, 1.3, 0.7, 0.5, 0.5, 0.6],
            [1.04, 1.02, 0.97, 0.9, 0.9, 0.9],
        ),
        // Stretch four: pick-and-pop threes.
        p(
            4,
            "Theo Lindqvist",
            11.0,
            30.0,
            [0.7, 0.6, 0.9, 1.4, 1.4, 1.6],
            [1.0, 0.98, 1.03, 1.04, 1.04, 1.03],
        ),
        // Mid-range maestro.
        p(
            5,
            "Isaiah Grant",
            16.0,
            33.0,
            [0.7, 1.2, 2.8, 0.4, 0.4, 0.7],
            [0.97, 1.05, 1.12, 0.95, 0.95, 0.98],
        ),
        // 3-and-D corner specialist.
        p(
            6,
            "Kofi Mensah",
            7.0,
            26.0,
            [0.5, 0.3, 0.3, 4.0, 4.0, 1.0],
            [0.98, 0.95, 0.9, 1.1, 1.1, 1.0],
        ),
        // Balanced wing.
        p(
            7,
            "Luca Moretti",
            9.0,
            24.0,
            [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        ),
        // Post scorer.
        p(
            8,
            "Andre Whitfield",
            8.0,
            20.0,
            [1.6, 2.4, 0.6, 0.1, 0.1, 0.1],
            [1.02, 1.08, 0.95, 0.8, 0.8, 0.8],
        ),
        // Bench pull-up guard.
        p(
            9,
            "Sam Okoro",
            8.0,
            16.0,
            [0.6, 0.8, 1.6, 0.6, 0.6, 1.4],
            [0.92, 0.96, 1.0, 0.95, 0.95, 0.97],
        ),
        p(
            10,
            "Eli Navarro",
            5.0,
            14.0,
            [1.2, 1.0, 0.8, 1.1, 1.1, 0.9],
            [0.98, 0.98, 0.98, 0.98, 0.98, 0.98],
        ),
        p(
            11,
            "Reggie Tate",
            3.0,
            8.0,
            [0.8, 0.8, 1.0, 1.2, 1.2, 1.3],
            [0.95, 0.95, 0.95, 0.95, 0.95, 0.95],
        ),
        p(
            12,
            "Noah Pierce",
            3.0,
            7.0,
            [2.0, 1.5, 0.5, 0.1, 0.1, 0.1],
            [1.0, 1.0, 0.9, 0.8, 0.8, 0.8],
        ),
        p(
            13,
            "Cam Delgado",
            2.0,
            5.0,
            [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            [0.95, 0.95, 0.95, 0.95, 0.95, 0.95],
        ),
        // Two-way players: on the load sheet, rarely in games.
        p(
            14,
            "Ty Rowan",
            1.0,
            3.0,
            [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            [0.9, 0.9, 0.9, 0.9, 0.9, 0.9],
        ),
        p(
            15,
            "Milo Ferris",
            1.0,
            3.0,
            [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            [0.9, 0.9, 0.9, 0.9, 0.9, 0.9],
        ),
    ]
}

const FIRST: &[&str] = &[
    "Aaron", "Bryce", "Caleb", "Darius", "Evan", "Felix", "Gavin", "Hugo", "Ivan", "Jamal", "Kyle",
    "Lamar", "Malik", "Nico", "Omar", "Pavel", "Quinn", "Rafael", "Silas", "Tariq", "Uriah",
    "Victor", "Wes", "Xavier", "Yusuf", "Zion",
];
const LAST: &[&str] = &[
    "Adams", "Bennett", "Carter", "Diallo", "Ellis", "Fischer", "Garcia", "Hayes", "Ibaka",
    "Jensen", "Kowalski", "Lopez", "Mitchell", "Ndiaye", "Owens", "Petrovic", "Quarles", "Reyes",
    "Sato", "Thompson", "Udoka", "Vasquez", "Walker", "Young", "Zubac",
];

/// An opponent's nine-man rotation, each player a league-average profile nudged at random.
pub fn opponent_players(code: &str, rng: &mut ChaCha8Rng) -> Vec<Player> {
    let fgas = [16.0, 14.0, 12.0, 11.0, 10.0, 8.0, 7.0, 5.0, 4.0];
    // Names are unique across the league: player k is (FIRST[k % 26], LAST[(k / 26 + k) % 25]).
    let team = OPPONENTS.iter().position(|(_, c)| *c == code).unwrap_or(0);
    fgas.iter()
        .enumerate()
        .map(|(i, &fga)| {
            let mut mix = [1.0; ZONES];
            let mut skill = [1.0; ZONES];
            for z in 0..ZONES {
                mix[z] = rng.random_range(0.6..1.4);
                skill[z] = rng.random_range(0.93..1.07);
            }
            // Left and right corners look alike for a player.
            mix[4] = mix[3];
            Player {
                id: format!("{code}-{:02}", i + 1),
                name: {
                    let k = team * fgas.len() + i;
                    format!(
                        "{} {}",
                        FIRST[k % FIRST.len()],
                        LAST[(k / FIRST.len() + k) % LAST.len()]
                    )
                },
                fga,
                mix,
                skill,
                minutes: 36.0 - 3.0 * i as f64,
            }
        })
        .collect()
}

/// One game of our season.
#[derive(Clone, Debug)]
pub struct Game {
    pub id: String,
    pub date: NaiveDate,
    pub season: String,
    /// Index into [`OPPONENTS`].
    pub opponent: usize,
    pub home: bool,
    /// Periods played (4, or more with overtime).
    pub periods: i8,
}

/// A season's games, and the season's bounds.
#[derive(Clone, Debug)]
pub struct Schedule {
    pub season: String,
    /// The first day of training camp.
    pub camp_start: NaiveDate,
    /// The last day of the regular season.
    pub season_end: NaiveDate,
    pub games: Vec<Game>,
}

/// The season label of a season starting in `year` (`2023` → `2023-24`).
pub fn season_label(year: i32) -> String {
    format!("{year}-{:02}", (year + 1) % 100)
}

/// An 82-game schedule from late October to mid-April, never three games on three days.
pub fn schedule(year: i32, rng: &mut ChaCha8Rng) -> Schedule {
    let start = NaiveDate::from_ymd_opt(year, 10, 24).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(year + 1, 4, 14).unwrap_or_default();
    // Gaps between games: back-to-backs happen, never twice in a row.
    let mut days = vec![0usize];
    let mut last_gap = 2;
    while days.len() < 82 {
        let r: f64 = rng.random();
        let gap = match r {
            r if r < 0.25 && last_gap > 1 => 1,
            r if r < 0.70 => 2,
            r if r < 0.92 => 3,
            _ => 4,
        };
        last_gap = gap;
        days.push(days[days.len() - 1] + gap);
    }
    let mut order: Vec<usize> = (0..82).map(|i| i % OPPONENTS.len()).collect();
    order.shuffle(rng);
    let season = season_label(year);
    let games = days
        .iter()
        .enumerate()
        .map(|(i, &d)| Game {
            id: format!("{season}-{:03}", i + 1),
            date: start + Days::new(d as u64),
            season: season.clone(),
            opponent: order[i],
            home: rng.random_bool(0.5),
            periods: if rng.random_bool(0.06) { 5 } else { 4 },
        })
        .collect();
    Schedule {
        season,
        camp_start: NaiveDate::from_ymd_opt(year, 9, 26).unwrap_or_default(),
        season_end: end.max(start + Days::new(days[81] as u64)),
        games,
    }
}
