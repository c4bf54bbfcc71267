//! Learning café: tables, hosts, rounds seated for mixing, and the phone's table.

use super::*;
use crate::util::unprocessable;

pub(super) fn router() -> Routes {
    Routes::new().route("/live/{lid}/cafe", post(cafe_control))
}

/// How many table colours have names; more tables reuse them with other letters.
const TABLE_COLOURS: usize = 8;

/// A café table on the facilitator's page.
#[derive(Debug)]
pub struct CafeTableView {
    pub index: usize,
    pub letter: char,
    pub question: String,
    pub host: Option<u32>,
    /// Who sits there this round, by shown name or number.
    pub seated: Vec<String>,
}

impl CafeTableView {
    /// Whether the person with this number hosts the table.
    pub fn is_host(&self, number: impl Count) -> bool {
        self.host.map(i64::from) == Some(number.count())
    }
}

#[derive(Debug)]
pub struct CafeRunView {
    pub round: u32,
    pub rounds: u32,
    pub finished: bool,
    /// Ended by the facilitator: phones show no table and new notes belong to none.
    pub ended: bool,
    pub tables: Vec<CafeTableView>,
    /// (number, label) of everyone present, to choose hosts from.
    pub people: Vec<(u32, String)>,
    pub repeats: usize,
    pub pairs: usize,
    pub random: Option<String>,
}

fn label(c: &Ctx, a: &vuoro_store::Attendee) -> String {
    a.shown_name
        .clone()
        .unwrap_or_else(|| c.tn("live-participant-n", "n", i64::from(a.number)))
}

pub(crate) async fn cafe_run_view(
    state: &AppState,
    c: &Ctx,
    live: &LiveSession,
) -> AppResult<Option<CafeRunView>> {
    let Some(cafe) = state.store.cafe(live.id).await? else {
        return Ok(None);
    };
    let attendees = state.store.attendees(live.id).await?;
    let name_of = |n: u32| {
        attendees.iter().find(|a| a.number == n).map_or_else(
            || c.tn("live-participant-n", "n", i64::from(n)),
            |a| label(c, a),
        )
    };
    let current = cafe.seating.last();
    let tables = cafe
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| CafeTableView {
            index: i,
            letter: vuoro_core::cafe::table_letter(i),
            question: t.question.clone(),
            host: t.host,
            seated: current
                .and_then(|r| r.tables.get(i))
                .map(|tb| tb.members().map(name_of).collect())
                .unwrap_or_default(),
        })
        .collect();
    let report = cafe.report();
    Ok(Some(CafeRunView {
        round: cafe.round(),
        rounds: cafe.rounds,
        finished: cafe.finished(),
        ended: cafe.ended,
        tables,
        people: attendees.iter().map(|a| (a.number, label(c, a))).collect(),
        repeats: report.repeats,
        pairs: report.distinct_pairs,
        random: cafe
            .random_repeats()
            .map(|r| crate::i18n::decimal1(c.lang, r)),
    }))
}

/// The facilitator sets up the café, names hosts, and starts each round.
async fn cafe_control(
    State(state): State<AppState>,
    c: Ctx,
    Path(lid): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    if !live.open {
        return Err(AppError::Conflict("error-live-closed"));
    }
    // Setting up and choosing hosts happen on the set-up view; rounds and the end on the runner.
    let back = match form.get("do") {
        "setup" | "hosts" => redirect(&format!("/live/{}/setup#cafe", live.id)),
        _ => redirect(&format!("/live/{}/run#cafe", live.id)),
    };
    let now = OffsetDateTime::now_utc();
    let cafe = match form.get("do") {
        "setup" => {
            match vuoro_core::cafe::Cafe::from_form(form.get("rounds"), form.get("questions")) {
                Ok(cafe) => cafe,
                Err(e) => {
                    let error =
                        e.0.iter()
                            .map(|(field, fe)| {
                                format!(
                                    "{}: {}",
                                    c.t(&format!("cafe-{field}")),
                                    crate::fields::message(c.lang, fe)
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" ");
                    let draft = RunDraft {
                        cafe: CafeDraft {
                            rounds: form.string("rounds"),
                            questions: form.string("questions"),
                            error: Some(error),
                        },
                        ..RunDraft::default()
                    };
                    let p = state.store.process(live.process).await?;
                    let view = setup_view(&state, c, live, p, draft).await?;
                    return Ok(unprocessable(view));
                }
            }
        }
        "hosts" => {
            let mut cafe = state
                .store
                .cafe(live.id)
                .await?
                .ok_or(AppError::Conflict("error-no-cafe"))?;
            let present: Vec<u32> = state
                .store
                .attendees(live.id)
                .await?
                .iter()
                .map(|a| a.number)
                .collect();
            let mut chosen: Vec<u32> = Vec::new();
            for (i, t) in cafe.tables.iter_mut().enumerate() {
                let host = form
                    .get(&format!("host_{i}"))
                    .parse::<u32>()
                    .ok()
                    .filter(|n| present.contains(n));
                // One person hosts one table; a second choice of the same person is ignored.
                t.host = host.filter(|h| !chosen.contains(h));
                chosen.extend(t.host);
            }
            cafe
        }
        "next" => {
            let mut cafe = state
                .store
                .cafe(live.id)
                .await?
                .ok_or(AppError::Conflict("error-no-cafe"))?;
            if cafe.finished() || cafe.ended {
                return Err(AppError::Conflict("error-cafe-finished"));
            }
            let present: Vec<u32> = state
                .store
                .attendees(live.id)
                .await?
                .iter()
                .map(|a| a.number)
                .collect();
            let seed = u64::from_le_bytes(
                live.id.as_uuid().as_bytes()[8..16]
                    .try_into()
                    .unwrap_or([0; 8]),
            ) ^ u64::from(cafe.round());
            cafe.next_round(&present, seed)
                .map_err(|_| AppError::Conflict("error-cafe-too-few"))?;
            cafe
        }
        // Ends the café explicitly: phones stop showing a table (they reload on the event) and
        // notes written from now on answer the stage's question, not a table's.
        "end" => {
            let mut cafe = state
                .store
                .cafe(live.id)
                .await?
                .ok_or(AppError::Conflict("error-no-cafe"))?;
            cafe.end();
            cafe
        }
        _ => return Err(AppError::BadRequest("error-malformed-form")),
    };
    state.store.save_cafe(live.id, &cafe, now).await?;
    Ok(back)
}

/// The café as one phone sees it.
#[derive(Debug)]
pub struct PhoneCafe {
    pub round: u32,
    pub rounds: u32,
    pub letter: char,
    /// Colour class and name key of the table, for children to recognise it.
    pub colour: usize,
    pub question: String,
    pub host: bool,
    /// What the last group at this table left for the next.
    pub previous: Option<String>,
    /// The table's notes this round, for its host.
    pub table_notes: Vec<NoteView>,
}

/// Where a participant sits in the current café round.
#[derive(Debug)]
pub(crate) struct Seat {
    pub(crate) cafe: vuoro_core::cafe::Cafe,
    number: u32,
    pub(crate) table: usize,
}

impl Seat {
    pub(crate) fn question(&self) -> String {
        self.cafe
            .tables
            .get(self.table)
            .map(|t| t.question.clone())
            .unwrap_or_default()
    }

    pub(crate) fn hosts(&self) -> bool {
        self.cafe.hosted_by(self.number) == Some(self.table)
    }
}

/// The participant's seat in the running café round, if a round runs and they have a table.
pub(crate) async fn cafe_seat(
    state: &AppState,
    live: &LiveSession,
    me: &Participant,
) -> AppResult<Option<Seat>> {
    let Some(cafe) = state.store.cafe(live.id).await? else {
        return Ok(None);
    };
    if cafe.round() == 0 {
        return Ok(None);
    }
    let attendees = state.store.attendees(live.id).await?;
    let Some(number) = attendees
        .iter()
        .find(|a| a.participant == me.id)
        .map(|a| a.number)
    else {
        return Ok(None);
    };
    Ok(cafe.table_of(number).map(|table| Seat {
        cafe,
        number,
        table,
    }))
}

/// The café as the phone of someone at `seat` shows it, from the session's notes.
pub(crate) fn phone_cafe(seat: &Seat, notes: &[Note]) -> PhoneCafe {
    let round = seat.cafe.round();
    let table = seat.table;
    let at_table = |r: u32| {
        notes.iter().filter(move |n| {
            n.place
                .is_some_and(|p| p.round == r && p.table as usize == table)
        })
    };
    let previous = if round > 1 {
        at_table(round - 1)
            .rfind(|n| n.place.is_some_and(|p| p.summary) && !n.hidden)
            .map(|n| n.text.clone())
    } else {
        None
    };
    let host = seat.hosts();
    let table_notes = if host {
        at_table(round)
            .filter(|n| !n.hidden)
            .map(note_view)
            .collect()
    } else {
        Vec::new()
    };
    PhoneCafe {
        round,
        rounds: seat.cafe.rounds,
        letter: vuoro_core::cafe::table_letter(table),
        colour: table % TABLE_COLOURS,
        question: seat.question(),
        host,
        previous,
        table_notes,
    }
}
