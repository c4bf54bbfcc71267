//! Live sessions: join codes, the facilitator's timer and the position in the method's stages.
//! Times are passed in as milliseconds since the Unix epoch, so everything here is pure and
//! testable without a clock.

use serde::{Deserialize, Serialize};

/// The letters of join codes: capitals and digits without the ones people mix up when reading a
/// projector or typing on a phone (0/O, 1/I/L, 5/S, 2/Z, 8/B).
pub const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";
pub const CODE_LEN: usize = 6;

/// A six-character code participants type to join a live session.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JoinCode(String);

impl JoinCode {
    /// A code from 64 random bits.
    pub fn from_random(mut bits: u64) -> Self {
        let n = CODE_ALPHABET.len() as u64;
        let mut s = String::with_capacity(CODE_LEN);
        for _ in 0..CODE_LEN {
            s.push(char::from(CODE_ALPHABET[(bits % n) as usize]));
            bits /= n;
        }
        Self(s)
    }

    /// Reads a code as people type it: any case, with spaces or dashes, and with the
    /// look-alike characters a person may type for the ones we use.
    pub fn parse(input: &str) -> Option<Self> {
        let mut s = String::with_capacity(CODE_LEN);
        for ch in input.chars() {
            if ch.is_whitespace() || ch == '-' {
                continue;
            }
            let c = ch.to_ascii_uppercase();
            let c = match c {
                '0' | 'O' => 'Q',
                _ => c,
            };
            if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) {
                return None;
            }
            s.push(c);
        }
        (s.len() == CODE_LEN).then_some(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code split in two halves, easier to read aloud and from a projector.
    pub fn spaced(&self) -> String {
        format!("{} {}", &self.0[..3], &self.0[3..])
    }
}

impl std::fmt::Display for JoinCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The timer of the current stage. It counts down from `duration_ms`; a pause keeps what is
/// left; extending adds to the duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Timer {
    pub duration_ms: i64,
    /// When it was last started, if it runs now.
    pub running_since: Option<i64>,
    /// Time used before the last start.
    pub used_ms: i64,
}

impl Timer {
    pub fn new(minutes: u32) -> Self {
        Self {
            duration_ms: i64::from(minutes) * 60_000,
            running_since: None,
            used_ms: 0,
        }
    }

    pub fn used(&self, now: i64) -> i64 {
        self.used_ms + self.running_since.map_or(0, |t| (now - t).max(0))
    }

    /// What is left, never below zero.
    pub fn remaining(&self, now: i64) -> i64 {
        (self.duration_ms - self.used(now)).max(0)
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn start(&mut self, now: i64) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    pub fn pause(&mut self, now: i64) {
        if self.running_since.is_some() {
            self.used_ms = self.used(now);
            self.running_since = None;
        }
    }

    pub fn extend(&mut self, minutes: u32) {
        self.duration_ms += i64::from(minutes) * 60_000;
    }
}

/// What the facilitator does to the session's course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Start,
    Pause,
    /// Adds minutes to the current stage.
    Extend(u32),
    /// The next question of the stage, or the next stage after its last question.
    Next,
    Previous,
}

/// Where a live session is: which stage of its phase and which question of that stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Position {
    pub stage: usize,
    pub question: usize,
}

/// Applies a control to the position and the timer. `questions` gives the number of questions
/// of each stage and `minutes` each stage's length; a new stage gets a fresh, stopped timer.
pub fn control(
    pos: Position,
    timer: Timer,
    c: Control,
    questions: &[usize],
    minutes: &[u32],
    now: i64,
) -> (Position, Timer) {
    let mut timer = timer;
    match c {
        Control::Start => timer.start(now),
        Control::Pause => timer.pause(now),
        Control::Extend(m) => timer.extend(m),
        Control::Next => {
            let qs = questions.get(pos.stage).copied().unwrap_or(0);
            if pos.question + 1 < qs {
                return (
                    Position {
                        question: pos.question + 1,
                        ..pos
                    },
                    timer,
                );
            }
            if pos.stage + 1 < questions.len() {
                let stage = pos.stage + 1;
                let t = Timer::new(minutes.get(stage).copied().unwrap_or(0));
                return (Position { stage, question: 0 }, t);
            }
        }
        Control::Previous => {
            if pos.question > 0 {
                return (
                    Position {
                        question: pos.question - 1,
                        ..pos
                    },
                    timer,
                );
            }
            if pos.stage > 0 {
                let stage = pos.stage - 1;
                let q = questions.get(stage).copied().unwrap_or(0).saturating_sub(1);
                let t = Timer::new(minutes.get(stage).copied().unwrap_or(0));
                return (Position { stage, question: q }, t);
            }
        }
    }
    (pos, timer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_unambiguous_characters() {
        for bits in [0u64, 1, 12345, u64::MAX, 0xDEAD_BEEF_CAFE] {
            let c = JoinCode::from_random(bits);
            assert_eq!(c.as_str().len(), CODE_LEN);
            assert_eq!(JoinCode::parse(c.as_str()), Some(c.clone()));
        }
        assert_ne!(JoinCode::from_random(1), JoinCode::from_random(2));
    }

    #[test]
    fn codes_are_read_as_people_type_them() {
        let c = JoinCode::parse("acd-efg").expect("valid");
        assert_eq!(c.as_str(), "ACDEFG");
        assert_eq!(JoinCode::parse(" ACD EFG "), Some(c.clone()));
        assert_eq!(c.spaced(), "ACD EFG");
        assert_eq!(
            JoinCode::parse("0CDEFG").map(|c| c.0),
            Some("QCDEFG".into())
        );
        assert_eq!(JoinCode::parse("ACDEF"), None, "too short");
        assert_eq!(JoinCode::parse("ACDEFGH"), None, "too long");
        assert_eq!(JoinCode::parse("ACDEF1"), None, "1 is never used");
        assert_eq!(JoinCode::parse("ÄCDEFG"), None);
    }

    #[test]
    fn the_timer_counts_down_pauses_and_extends() {
        let mut t = Timer::new(10);
        assert_eq!(t.remaining(0), 600_000);
        t.start(1_000);
        assert_eq!(t.remaining(61_000), 540_000);
        t.pause(61_000);
        assert_eq!(
            t.remaining(999_000),
            540_000,
            "a paused timer keeps its time"
        );
        t.extend(5);
        assert_eq!(t.remaining(999_000), 840_000);
        t.start(1_000_000);
        t.start(1_010_000);
        assert_eq!(
            t.remaining(1_060_000),
            780_000,
            "starting twice does not reset"
        );
        assert_eq!(t.remaining(9_999_999), 0, "never below zero");
    }

    #[test]
    fn next_and_previous_walk_questions_then_stages() {
        let qs = [0, 2, 1];
        let mins = [5, 20, 10];
        let p0 = Position::default();
        let mut t = Timer::new(5);
        t.start(0);
        let (p, t1) = control(p0, t, Control::Next, &qs, &mins, 1000);
        assert_eq!(
            p,
            Position {
                stage: 1,
                question: 0
            }
        );
        assert_eq!(
            t1,
            Timer::new(20),
            "a new stage gets a fresh, stopped timer"
        );
        let (p, _) = control(p, t1, Control::Next, &qs, &mins, 0);
        assert_eq!(
            p,
            Position {
                stage: 1,
                question: 1
            }
        );
        let (p, _) = control(p, t1, Control::Next, &qs, &mins, 0);
        assert_eq!(
            p,
            Position {
                stage: 2,
                question: 0
            }
        );
        let (p, t3) = control(p, Timer::new(10), Control::Next, &qs, &mins, 0);
        assert_eq!(
            p,
            Position {
                stage: 2,
                question: 0
            },
            "the last stage stays"
        );
        let (p, _) = control(p, t3, Control::Previous, &qs, &mins, 0);
        assert_eq!(
            p,
            Position {
                stage: 1,
                question: 1
            }
        );
        let (p, _) = control(
            Position {
                stage: 1,
                question: 0,
            },
            t3,
            Control::Previous,
            &qs,
            &mins,
            0,
        );
        assert_eq!(
            p,
            Position {
                stage: 0,
                question: 0
            }
        );
    }
}
