//! SportVU tracking JSON (SPEC 7): one JSON document per game,
//! `{"gameid", "gamedate", "events": [{"home", "visitor", "moments": [[period, epoch_ms,
//! game_clock, shot_clock, null, [[team_id, player_id, x, y, z] × 11]], …]}]}` at 25 Hz, in
//! full-court feet. Consecutive events repeat many of the same moments; each is read once.

use std::collections::{HashMap, HashSet};
use std::io::BufReader;
use std::path::Path;

use polars::prelude::*;
use serde::Deserialize;

use crate::data::error::{DataError, Result};

#[derive(Deserialize)]
struct Game {
    gameid: Option<String>,
    #[serde(default)]
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    home: Option<Team>,
    visitor: Option<Team>,
    #[serde(default)]
    moments: Vec<Moment>,
}

#[derive(Deserialize)]
struct Team {
    teamid: Option<i64>,
    abbreviation: Option<String>,
    name: Option<String>,
    #[serde(default)]
    players: Vec<Player>,
}

#[derive(Deserialize)]
struct Player {
    playerid: Option<i64>,
    firstname: Option<String>,
    lastname: Option<String>,
}

/// `[period, epoch_ms, game_clock, shot_clock, null, positions]`.
type Moment = (
    i64,
    f64,
    Option<f64>,
    serde::de::IgnoredAny,
    serde::de::IgnoredAny,
    Vec<Vec<Option<f64>>>,
);

/// Whether the first bytes of a file look like a SportVU document.
pub fn looks_like(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    text.trim_start().starts_with('{')
        && (text.contains("\"events\"") || text.contains("\"moments\""))
}

/// Reads a SportVU file into the canonical tracking columns, with notes for the user.
pub fn read(path: &Path) -> Result<(DataFrame, Vec<String>)> {
    let file = std::fs::File::open(path).map_err(|source| DataError::Unreadable {
        path: path.into(),
        cause: source,
    })?;
    let game: Game =
        serde_json::from_reader(BufReader::new(file)).map_err(|e| DataError::Invalid {
            path: path.into(),
            detail: format!(
                "this is not a SportVU tracking document ({e}). A SportVU file is one JSON object \
                 with `events`, each holding `moments`."
            ),
        })?;
    let game_id = game.gameid.clone().unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default()
    });
    // Names of teams and players, from every event's rosters.
    let mut teams: HashMap<i64, String> = HashMap::new();
    let mut people: HashMap<i64, String> = HashMap::new();
    for e in &game.events {
        for t in [&e.home, &e.visitor].into_iter().flatten() {
            if let Some(id) = t.teamid {
                let name = t
                    .abbreviation
                    .clone()
                    .or_else(|| t.name.clone())
                    .unwrap_or_else(|| id.to_string());
                teams.entry(id).or_insert(name);
            }
            for p in &t.players {
                if let Some(id) = p.playerid {
                    let name = [p.firstname.as_deref(), p.lastname.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ");
                    people.entry(id).or_insert(if name.is_empty() {
                        id.to_string()
                    } else {
                        name
                    });
                }
            }
        }
    }
    let mut seen: HashSet<(i64, i64)> = HashSet::new();
    let (mut repeated, mut short) = (0usize, 0usize);
    let mut period: Vec<i8> = Vec::new();
    let mut t_ms: Vec<i64> = Vec::new();
    let mut clock: Vec<Option<f32>> = Vec::new();
    let mut team: Vec<Option<String>> = Vec::new();
    let mut player_id: Vec<String> = Vec::new();
    let mut player: Vec<String> = Vec::new();
    let (mut x, mut y, mut z): (Vec<f32>, Vec<f32>, Vec<Option<f32>>) =
        (Vec::new(), Vec::new(), Vec::new());
    let mut moments: Vec<&Moment> = game.events.iter().flat_map(|e| &e.moments).collect();
    moments.sort_by(|a, b| {
        (a.0, a.1)
            .partial_cmp(&(b.0, b.1))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for m in moments {
        let t = m.1.round() as i64;
        if !seen.insert((m.0, t)) {
            repeated += 1;
            continue;
        }
        for pos in &m.5 {
            let [Some(tid), Some(pid), Some(px), Some(py), pz] = pos[..] else {
                short += 1;
                continue;
            };
            let (tid, pid) = (tid as i64, pid as i64);
            let ball = tid == -1 || pid == -1;
            period.push(m.0.clamp(0, 127) as i8);
            t_ms.push(t);
            clock.push(m.2.map(|c| c as f32));
            team.push(if ball {
                None
            } else {
                Some(teams.get(&tid).cloned().unwrap_or_else(|| tid.to_string()))
            });
            player_id.push(if ball { "ball".into() } else { pid.to_string() });
            player.push(if ball {
                "ball".into()
            } else {
                people.get(&pid).cloned().unwrap_or_else(|| pid.to_string())
            });
            x.push(px as f32);
            y.push(py as f32);
            z.push(pz.map(|v| v as f32));
        }
    }
    let n = t_ms.len();
    if n == 0 {
        return Err(DataError::Empty {
            path: path.into(),
            detail: "the SportVU document holds no moments".into(),
        });
    }
    let df = DataFrame::new(
        n,
        vec![
            Column::new("game_id".into(), vec![game_id; n]),
            Column::new("period".into(), period),
            Column::new("t_ms".into(), t_ms),
            Column::new("game_clock_s".into(), clock),
            Column::new("team".into(), team),
            Column::new("player_id".into(), player_id),
            Column::new("player".into(), player),
            Column::new("x_ft".into(), x),
            Column::new("y_ft".into(), y),
            Column::new("z_ft".into(), z),
        ],
    )
    .map_err(|source| DataError::Polars {
        path: path.into(),
        context: "cannot build the tracking table".into(),
        source,
    })?;
    let mut notes = vec!["SportVU moments read into canonical tracking columns".to_string()];
    if repeated > 0 {
        notes.push(format!(
            "{repeated} moments repeated in consecutive events were read once"
        ));
    }
    if short > 0 {
        notes.push(format!(
            "{short} positions without team, player, x and y were left out"
        ));
    }
    Ok((df, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_repeated_across_events_are_read_once_with_names() {
        let doc = r#"{"gameid":"0021500492","gamedate":"2016-01-01","events":[
          {"eventId":"1",
           "home":{"name":"Toronto Raptors","teamid":1610612761,"abbreviation":"TOR","players":[{"lastname":"Lowry","firstname":"Kyle","playerid":200768}]},
           "visitor":{"name":"Dallas Mavericks","teamid":1610612742,"abbreviation":"DAL","players":[]},
           "moments":[
             [1,1451351428029,708.0,12.93,null,[[-1,-1,44.16,26.23,5.74],[1610612761,200768,40.0,20.0,0.0]]],
             [1,1451351428069,707.96,12.89,null,[[-1,-1,44.5,26.0,5.1],[1610612761,200768,40.5,20.0,0.0]]]]},
          {"eventId":"2","home":null,"visitor":null,
           "moments":[
             [1,1451351428069,707.96,12.89,null,[[-1,-1,44.5,26.0,5.1],[1610612761,200768,40.5,20.0,0.0]]],
             [1,1451351428109,707.92,null,null,[[-1,-1,45.0,25.5,4.0],[1610612761,200768,41.0,20.0,0.0]]]]}]}"#;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0021500492.json");
        std::fs::write(&path, doc).unwrap();
        assert!(looks_like(doc.as_bytes()));
        let (df, notes) = read(&path).unwrap();
        assert_eq!(df.height(), 6, "three moments of two objects");
        assert!(
            notes.iter().any(|n| n.starts_with("1 moments repeated")),
            "{notes:?}"
        );
        let players: Vec<_> = df
            .column("player")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        assert_eq!(
            players,
            [
                "ball",
                "Kyle Lowry",
                "ball",
                "Kyle Lowry",
                "ball",
                "Kyle Lowry"
            ]
        );
        assert_eq!(
            df.column("team").unwrap().str().unwrap().get(1),
            Some("TOR")
        );
        let t: Vec<_> = df
            .column("t_ms")
            .unwrap()
            .i64()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        assert_eq!(t[4] - t[0], 80);
        assert_eq!(
            df.column("game_id").unwrap().str().unwrap().get(0),
            Some("0021500492")
        );
    }
}
