//! An open space run in a live session: participants propose topics in a marketplace, everyone
//! sees them and picks where to go, and the facilitator places each topic into a cell of the
//! schedule (a time slot and a space: a room, or a breakout link online). While a slot runs, each
//! topic's group writes its own notes.
//!
//! This module holds the set-up and the rules; the topics and the picks are rows in the store,
//! because many phones propose and pick at the same moment and none of them may overwrite
//! another's.

use crate::text::{self, FieldError, FieldErrors, limits};
use serde::{Deserialize, Serialize};

pub const MAX_SLOTS: usize = 8;
pub const MAX_SPACES: usize = 20;
/// Topics one session takes: more would not fit on any schedule wall.
pub const MAX_TOPICS: u64 = 200;
/// Topics one participant may propose, so that one voice cannot fill the marketplace.
pub const TOPICS_PER_PERSON: u64 = 5;
/// A topic is a title, not an essay.
pub const TOPIC_MAX: usize = limits::NAME;

/// A place where a topic's group meets: a room, a corner, or an online breakout room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Space {
    pub name: String,
    /// The breakout room's address, for online groups.
    pub link: Option<String>,
}

impl Space {
    /// A space from one line of the form: its name, optionally followed by an http(s) link.
    fn parse(line: &str) -> Result<Space, FieldError> {
        let (name, link) = match line.rsplit_once(char::is_whitespace) {
            Some((name, last)) if last.to_ascii_lowercase().starts_with("http") => {
                (name.trim(), text::url(last)?)
            }
            _ if line.to_ascii_lowercase().starts_with("http") => {
                return Err(FieldError::Invalid);
            }
            _ => (line, None),
        };
        Ok(Space {
            name: text::bounded(name, limits::NAME)?,
            link,
        })
    }
}

/// A cell of the schedule: a time slot and a space, both from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Cell {
    pub slot: u32,
    pub space: u32,
}

impl Cell {
    /// The value a form sends for a cell: `slot-space`.
    pub fn parse(s: &str) -> Option<Cell> {
        let (slot, space) = s.split_once('-')?;
        Some(Cell {
            slot: slot.parse().ok()?,
            space: space.parse().ok()?,
        })
    }

    pub fn code(self) -> String {
        format!("{}-{}", self.slot, self.space)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSpace {
    /// The time slots, as the facilitator names them ("10.00–10.45").
    pub slots: Vec<String>,
    pub spaces: Vec<Space>,
    /// Whether participants may propose topics now.
    pub marketplace: bool,
    /// The slot whose groups meet now, from 0.
    pub running: Option<u32>,
    /// The facilitator ended the group work: no slot runs, the marketplace is closed, and
    /// phones say so. Starting a slot again takes it up again. Set-ups saved before this field
    /// existed read as not ended.
    #[serde(default)]
    pub ended: bool,
}

impl OpenSpace {
    /// An open space from the facilitator's form: one time slot per line and one space per
    /// line. The marketplace opens at once, since that is what a set-up is for.
    pub fn from_form(slots: &str, spaces: &str) -> Result<OpenSpace, FieldErrors> {
        let mut e = FieldErrors::new();
        let slots = e.take("slots", text::lines(slots, MAX_SLOTS, limits::NAME));
        let spaces = e.take(
            "spaces",
            text::lines(spaces, MAX_SPACES, limits::NAME + limits::URL + 1)
                .and_then(|l| l.iter().map(|l| Space::parse(l)).collect()),
        );
        match (slots, spaces) {
            (Some(slots), Some(spaces)) => Ok(OpenSpace {
                slots,
                spaces,
                marketplace: true,
                running: None,
                ended: false,
            }),
            _ => Err(e),
        }
    }

    /// A new set-up that keeps the state of this one (marketplace, running slot) where it
    /// still fits.
    pub fn reshaped(&self, new: OpenSpace) -> OpenSpace {
        OpenSpace {
            marketplace: self.marketplace,
            running: self.running.filter(|s| (*s as usize) < new.slots.len()),
            ended: self.ended,
            ..new
        }
    }

    /// The form's text for the slots and spaces, to edit the set-up.
    pub fn slots_text(&self) -> String {
        self.slots.join("\n")
    }

    pub fn spaces_text(&self) -> String {
        self.spaces
            .iter()
            .map(|s| match &s.link {
                Some(l) => format!("{} {l}", s.name),
                None => s.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn has(&self, cell: Cell) -> bool {
        (cell.slot as usize) < self.slots.len() && (cell.space as usize) < self.spaces.len()
    }

    /// Every cell of the schedule, slot by slot.
    pub fn cells(&self) -> impl Iterator<Item = Cell> + '_ {
        (0..self.slots.len() as u32).flat_map(move |slot| {
            (0..self.spaces.len() as u32).map(move |space| Cell { slot, space })
        })
    }

    pub fn slot_name(&self, slot: u32) -> &str {
        self.slots.get(slot as usize).map_or("", String::as_str)
    }

    pub fn space(&self, space: u32) -> Option<&Space> {
        self.spaces.get(space as usize)
    }

    /// Starts the given slot's groups (taking up ended group work again), or ends the running
    /// slot with `None` (a break between slots; the open space goes on).
    pub fn run(&mut self, slot: Option<u32>) -> Result<(), FieldError> {
        if slot.is_some_and(|s| s as usize >= self.slots.len()) {
            return Err(FieldError::Invalid);
        }
        self.running = slot;
        if slot.is_some() {
            self.ended = false;
        }
        Ok(())
    }

    /// Ends the group work: the running slot ends and the marketplace closes, and phones show
    /// that the groups are over instead of the open space.
    pub fn end(&mut self) {
        self.running = None;
        self.marketplace = false;
        self.ended = true;
    }
}

/// A topic's title as a participant or the facilitator typed it.
pub fn topic_title(s: &str) -> Result<String, FieldError> {
    text::bounded(s, TOPIC_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_makes_slots_and_spaces_with_links() {
        let os = OpenSpace::from_form(
            "10.00–10.45\n\n 11.00–11.45 ",
            "Sali A\nPieni neuvotteluhuone\nVerkko 1 https://meet.example/abc",
        )
        .expect("valid");
        assert_eq!(os.slots, ["10.00–10.45", "11.00–11.45"]);
        assert_eq!(os.spaces.len(), 3);
        assert_eq!(os.spaces[1].name, "Pieni neuvotteluhuone");
        assert_eq!(os.spaces[1].link, None);
        assert_eq!(os.spaces[2].name, "Verkko 1");
        assert_eq!(
            os.spaces[2].link.as_deref(),
            Some("https://meet.example/abc")
        );
        assert!(os.marketplace);
        assert_eq!(os.cells().count(), 6);
        assert_eq!(
            os.spaces_text().lines().nth(2),
            Some("Verkko 1 https://meet.example/abc")
        );
        let again = OpenSpace::from_form(&os.slots_text(), &os.spaces_text()).expect("valid");
        assert_eq!(
            again, os,
            "the edit form's text reads back as the same set-up"
        );
    }

    #[test]
    fn bad_set_ups_name_the_field() {
        let e = OpenSpace::from_form(" \n", "A").expect_err("no slots");
        assert_eq!(e.get("slots"), Some(&FieldError::Required));
        let e = OpenSpace::from_form("1", &"tila\n".repeat(MAX_SPACES + 1)).expect_err("many");
        assert!(matches!(
            e.get("spaces"),
            Some(FieldError::OutOfRange { .. })
        ));
        let e = OpenSpace::from_form("1", "Huone javascript:alert(1)").map(|o| o.spaces);
        assert_eq!(
            e.expect("not a link, so part of the name")[0].name,
            "Huone javascript:alert(1)"
        );
        let e = OpenSpace::from_form("1", "Huone httpx:alert(1)").expect_err("bad link");
        assert_eq!(e.get("spaces"), Some(&FieldError::Invalid));
        let e = OpenSpace::from_form("1", "https://only.link/").expect_err("no name");
        assert_eq!(e.get("spaces"), Some(&FieldError::Invalid));
    }

    #[test]
    fn cells_round_trip_and_stay_inside_the_schedule() {
        let os = OpenSpace::from_form("a\nb", "x\ny\nz").expect("valid");
        for c in os.cells() {
            assert_eq!(Cell::parse(&c.code()), Some(c));
            assert!(os.has(c));
        }
        assert!(!os.has(Cell { slot: 2, space: 0 }));
        assert!(!os.has(Cell { slot: 0, space: 3 }));
        assert_eq!(Cell::parse("1-"), None);
        assert_eq!(Cell::parse("x-1"), None);
    }

    #[test]
    fn a_reshaped_set_up_keeps_what_still_fits() {
        let mut os = OpenSpace::from_form("a\nb\nc", "x").expect("valid");
        os.marketplace = false;
        os.run(Some(2)).expect("slot exists");
        assert_eq!(os.run(Some(3)), Err(FieldError::Invalid));
        let smaller = os.reshaped(OpenSpace::from_form("a\nb", "x\ny").expect("valid"));
        assert!(!smaller.marketplace);
        assert_eq!(smaller.running, None, "the running slot is gone");
        let same = os.reshaped(OpenSpace::from_form("a\nb\nc", "x").expect("valid"));
        assert_eq!(same.running, Some(2));
    }

    #[test]
    fn ending_the_group_work_stops_every_slot_and_a_new_slot_takes_it_up() {
        let mut os = OpenSpace::from_form("a\nb", "x").expect("valid");
        os.run(Some(0)).expect("slot exists");
        os.end();
        assert!(os.ended);
        assert_eq!(os.running, None);
        assert!(!os.marketplace, "no topics after the end");
        let kept = os.reshaped(OpenSpace::from_form("a\nb\nc", "x").expect("valid"));
        assert!(kept.ended, "editing the set-up does not undo the end");
        os.run(Some(1)).expect("slot exists");
        assert!(!os.ended);
        os.run(None).expect("a break");
        assert!(!os.ended, "a break between slots is not the end");
    }

    #[test]
    fn topic_titles_are_bounded() {
        assert_eq!(topic_title("  Työrauha  ").as_deref(), Ok("Työrauha"));
        assert_eq!(topic_title(" "), Err(FieldError::Required));
        assert!(topic_title(&"x".repeat(TOPIC_MAX + 1)).is_err());
    }
}
