//! A learning café run in a live session: tables with a question and a host, rounds in which
//! the guests move so that they meet as many different people as possible (seated by
//! [`crate::mixing`]), and the host's summary that carries over to the next group at the table.
//!
//! Participants are named here by their number in the session (the order they joined), so a
//! seating stored as JSON never holds a participant id.

use crate::mixing::{self, MixingError, MixingReport, Round};
use crate::text::{self, FieldErrors, limits};
use serde::{Deserialize, Serialize};

pub const MAX_TABLES: usize = 26;
pub const MAX_ROUNDS: u32 = 6;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CafeTable {
    pub question: String,
    /// The host's participant number; hosts stay at their table.
    pub host: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cafe {
    pub tables: Vec<CafeTable>,
    pub rounds: u32,
    /// Every round seated so far, first round first.
    pub seating: Vec<Round<u32>>,
    /// Ended by the facilitator: nobody sits at a table any more, and notes written from now on
    /// belong to no table. Cafés saved before this field existed read as not ended.
    #[serde(default)]
    pub ended: bool,
}

/// The letter of a table: A, B, C…
pub fn table_letter(index: usize) -> char {
    char::from(b'A' + (index % 26) as u8)
}

impl Cafe {
    /// A café from the facilitator's form: the number of rounds and one question per line, a
    /// table for each question.
    pub fn from_form(rounds: &str, questions: &str) -> Result<Cafe, FieldErrors> {
        let mut e = FieldErrors::new();
        let rounds = e.take("rounds", text::number(rounds, 1, i64::from(MAX_ROUNDS)));
        let questions = e.take(
            "questions",
            text::lines(questions, MAX_TABLES, limits::SHORT),
        );
        match (rounds, questions) {
            (Some(r), Some(questions)) => Ok(Cafe {
                tables: questions
                    .into_iter()
                    .map(|question| CafeTable {
                        question,
                        host: None,
                    })
                    .collect(),
                rounds: u32::try_from(r).unwrap_or(1),
                seating: Vec::new(),
                ended: false,
            }),
            _ => Err(e),
        }
    }

    /// The round being played, from 1; 0 before the first.
    pub fn round(&self) -> u32 {
        self.seating.len() as u32
    }

    /// Whether every planned round has been played (the café may still run its last one).
    pub fn finished(&self) -> bool {
        self.round() >= self.rounds
    }

    /// Ends the café: whatever round runs is over, and nobody has a table any more.
    pub fn end(&mut self) {
        self.ended = true;
    }

    /// Whether a round is being played now: one has started and the café has not ended.
    pub fn running(&self) -> bool {
        self.round() > 0 && !self.ended
    }

    /// Seats the next round among the people present now, avoiding repeated encounters with
    /// everyone seated in earlier rounds. Hosts who are not present leave their table hostless.
    pub fn next_round(&mut self, present: &[u32], seed: u64) -> Result<(), MixingError> {
        if self.ended {
            return Err(MixingError::Ended);
        }
        let hosts: Vec<Option<u32>> = self
            .tables
            .iter()
            .map(|t| t.host.filter(|h| present.contains(h)))
            .collect();
        let round = mixing::plan_round(&self.seating, present, self.tables.len(), &hosts, seed)?;
        self.seating.push(round);
        Ok(())
    }

    /// The table of a participant in the current round; none once the café has ended.
    pub fn table_of(&self, number: u32) -> Option<usize> {
        if self.ended {
            return None;
        }
        self.seating
            .last()?
            .tables
            .iter()
            .position(|t| t.host == Some(number) || t.guests.contains(&number))
    }

    /// The table this participant hosts, if any.
    pub fn hosted_by(&self, number: u32) -> Option<usize> {
        self.tables.iter().position(|t| t.host == Some(number))
    }

    pub fn report(&self) -> MixingReport {
        mixing::report(&self.seating)
    }

    /// Repeated encounters a random seating of the same people would give, averaged over a few
    /// seeds, for the facilitator to compare against.
    pub fn random_repeats(&self) -> Option<f64> {
        let present: Vec<u32> = {
            let mut all: Vec<u32> = self
                .seating
                .iter()
                .flat_map(|r| {
                    r.tables
                        .iter()
                        .flat_map(|t| t.host.into_iter().chain(t.guests.iter().copied()))
                })
                .collect();
            all.sort_unstable();
            all.dedup();
            all
        };
        let hosts: Vec<Option<u32>> = self
            .tables
            .iter()
            .map(|t| t.host.filter(|h| present.contains(h)))
            .collect();
        let rounds = self.seating.len();
        if rounds == 0 {
            return None;
        }
        let runs: Vec<usize> = (0..8u64)
            .filter_map(|seed| {
                mixing::random_assignment(&present, self.tables.len(), rounds, &hosts, seed)
                    .ok()
                    .map(|r| mixing::repeated_encounters(&r))
            })
            .collect();
        (!runs.is_empty()).then(|| runs.iter().sum::<usize>() as f64 / runs.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_makes_a_table_per_question() {
        let c =
            Cafe::from_form("3", "Mikä toimii?\n\nMitä kehitämme?\n Kuka auttaa? ").expect("valid");
        assert_eq!(c.tables.len(), 3);
        assert_eq!(c.tables[2].question, "Kuka auttaa?");
        assert_eq!(c.rounds, 3);
        assert_eq!(c.round(), 0);
        assert!(Cafe::from_form("0", "x").is_err());
        assert!(Cafe::from_form("2", "  ").is_err());
        assert!(Cafe::from_form("2", &"q\n".repeat(27)).is_err());
        assert_eq!(table_letter(0), 'A');
        assert_eq!(table_letter(2), 'C');
    }

    #[test]
    fn rounds_seat_everyone_hosts_stay_and_mixing_beats_random() {
        let mut c = Cafe::from_form("3", "A\nB\nC").expect("valid");
        c.tables[0].host = Some(1);
        c.tables[1].host = Some(2);
        let present: Vec<u32> = (1..=12).collect();
        for r in 1..=3u64 {
            c.next_round(&present, r).expect("seated");
            for p in &present {
                assert!(c.table_of(*p).is_some(), "{p} has a table");
            }
            assert_eq!(c.table_of(1), Some(0), "the host stays");
            assert_eq!(c.table_of(2), Some(1));
        }
        assert!(c.finished());
        assert_eq!(c.hosted_by(2), Some(1));
        assert_eq!(c.hosted_by(5), None);
        let ours = c.report().repeats as f64;
        let random = c.random_repeats().expect("rounds exist");
        assert!(
            ours < random,
            "{ours} repeats against {random} for random seating"
        );
    }

    #[test]
    fn an_ended_cafe_seats_nobody_and_plays_no_more_rounds() {
        let mut c = Cafe::from_form("2", "A\nB").expect("valid");
        let present: Vec<u32> = (1..=6).collect();
        c.next_round(&present, 1).expect("seated");
        assert!(c.running());
        assert!(c.table_of(3).is_some());
        c.end();
        assert!(!c.running());
        assert_eq!(c.table_of(3), None, "nobody has a table after the end");
        assert_eq!(c.next_round(&present, 2), Err(MixingError::Ended));
        assert_eq!(c.round(), 1, "the rounds played stay for the report");
    }

    #[test]
    fn a_host_who_left_frees_the_table() {
        let mut c = Cafe::from_form("2", "A\nB").expect("valid");
        c.tables[0].host = Some(9);
        let present: Vec<u32> = (1..=6).collect();
        c.next_round(&present, 1)
            .expect("seated without the absent host");
        assert_eq!(c.table_of(9), None);
    }
}
