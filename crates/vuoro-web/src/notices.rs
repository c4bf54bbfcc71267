//! Notices: the community's addresses a summary is mailed to, the summary's mail when it goes
//! out for comments and when it is published, a reminder to a session's facilitator the day
//! before, and the follow-up of a practice on its due date.
//!
//! The summary's mail is rendered before the state changes and written with it in one
//! transaction (`NoticeStore::move_summary`), which also deletes the members' addresses when
//! the summary is published. Reminders and follow-ups come from one pass, [`run`], which a loop
//! calls every [`INTERVAL`]: the pure selection in `vuoro_core::notices` says what is due at
//! the pass's `now`, and each message carries a dedupe key, so passes in several server
//! processes, or again after a restart, write it once.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind};
use crate::form::FormData;
use crate::i18n;
use crate::mail::Recipient;
use crate::processes::{format_date, load, require};
use crate::routes::Routes;
use crate::util::{hash_token, random_token, redirect, unprocessable};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Duration;
use time::OffsetDateTime;
use vuoro_core::notices::{
    Community, CommunityError, CommunityInput, PlannedProcess, community_lang, follow_up_dates,
    follow_ups_due, helsinki, local_date, reminder_dates, reminders_due,
};
use vuoro_core::permission::ProcessAction;
use vuoro_core::summary::{Summary, SummaryState};
use vuoro_core::{Lang, ProcessId, Role, UserId};
use vuoro_store::notices::COMMUNITY_MAIL_KEY;
use vuoro_store::{MailKind, NewMail, Process, ProcessFilter, StoreError, SummaryMove, User};

/// How often the loop runs a pass. A reminder is due for hours, so a few minutes late is on
/// time; and each pass reads only the sessions of two days and the practices of three.
pub const INTERVAL: Duration = Duration::from_secs(5 * 60);

pub fn router() -> Routes {
    Routes::new().route("/processes/{id}/community", get(page).post(save))
}

// ---------------------------------------------------------------------------------------------
// The community's addresses

/// The two fields, as the order form and the community page show them.
pub(crate) fn community_fields(
    lang: Lang,
    input: &CommunityInput,
    errors: &[CommunityError],
) -> Vec<Field> {
    let t = |k: &str| i18n::t(lang, k);
    let mut lines = Vec::new();
    let mut list = Vec::new();
    for e in errors {
        match e {
            CommunityError::Line { line, text } => lines.push(i18n::t_args(
                lang,
                "community-error-line",
                &[
                    ("line", i18n::n(*line as i64)),
                    ("text", i18n::s(text.clone())),
                ],
            )),
            CommunityError::TooMany { max } => lines.push(i18n::t_args(
                lang,
                "community-error-too-many",
                &[("max", i18n::n(*max as i64))],
            )),
            CommunityError::List(_) => list.push(t("community-error-list")),
            CommunityError::Both => list.push(t("community-error-both")),
        }
    }
    let joined = |v: Vec<String>| (!v.is_empty()).then(|| v.join(" "));
    let mut addresses = Field::new(
        "community_addresses",
        t("community-addresses"),
        Kind::Textarea,
    )
    .hint(t("community-addresses-hint"))
    .value(&input.addresses);
    addresses.error = joined(lines);
    let mut list_field = Field::new("community_list", t("community-list"), Kind::Text)
        .hint(t("community-list-hint"))
        .value(&input.list)
        .max(vuoro_core::text::limits::EMAIL);
    list_field.error = joined(list);
    vec![addresses, list_field]
}

/// The two fields of a posted form.
pub(crate) fn community_input(form: &FormData) -> CommunityInput {
    CommunityInput {
        addresses: form.string("community_addresses"),
        list: form.string("community_list"),
    }
}

/// What the process page says of the community's addresses.
#[derive(Debug)]
pub struct CommunityLine {
    pub text: String,
    /// Links to the community page, where they are given.
    pub can_edit: bool,
}

fn describe(c: &Ctx, m: &vuoro_store::CommunityMail) -> String {
    match (&m.community, m.deleted) {
        (Some(Community::List(l)), _) => c.t1("community-is-list", "address", l),
        (Some(Community::People(a)), _) => c.tn("community-are-people", "count", a.len() as i64),
        (None, Some((at, count))) => i18n::t_args(
            c.lang,
            "community-deleted",
            &[
                ("count", i18n::n(i64::from(count))),
                (
                    "date",
                    i18n::s(format_date(
                        helsinki()
                            .ok()
                            .and_then(|tz| local_date(&tz, at))
                            .unwrap_or(at.date()),
                    )),
                ),
            ],
        ),
        (None, None) => c.t("community-none"),
    }
}

/// The process page's line on the community's addresses.
pub(crate) async fn process_line(
    state: &AppState,
    c: &Ctx,
    p: &Process,
    pa: &vuoro_core::permission::ProcessActor,
) -> AppResult<CommunityLine> {
    let m = state.store.community_mail(p.id).await?;
    Ok(CommunityLine {
        text: describe(c, &m),
        can_edit: pa.can(ProcessAction::EditCommunity, p.state),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "community.html")]
struct CommunityPage {
    c: Ctx,
    process: Process,
    /// What is kept now, in words.
    status: String,
    /// The form, unless the summary is published (nothing more is mailed then).
    fields: Vec<Field>,
    published: bool,
    has_errors: bool,
    saved: bool,
    /// Mail is configured: without it nothing is sent, and the page says so.
    mail_on: bool,
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

async fn is_published(state: &AppState, p: ProcessId) -> AppResult<bool> {
    Ok(state
        .store
        .summary(p)
        .await?
        .is_some_and(|v| v.state == SummaryState::Published))
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditCommunity, p.state)?;
    let m = state.store.community_mail(p.id).await?;
    let published = is_published(&state, p.id).await?;
    let input = CommunityInput::from_community(m.community.as_ref());
    Ok(CommunityPage {
        status: describe(&c, &m),
        fields: community_fields(c.lang, &input, &[]),
        published,
        has_errors: false,
        saved: q.saved.is_some(),
        mail_on: mail_on(&state),
        process: p,
        c,
    }
    .into_response())
}

async fn save(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::EditCommunity, p.state)?;
    // Once published nothing more is mailed, and the members' addresses must not come back.
    if is_published(&state, p.id).await? {
        return Err(AppError::Conflict("error-conflict"));
    }
    let input = community_input(&form);
    match input.validate() {
        Ok(community) => {
            state
                .store
                .set_community_mail(p.id, community.as_ref(), OffsetDateTime::now_utc())
                .await?;
            Ok(redirect(&format!("/processes/{}/community?saved=1", p.id)))
        }
        Err(errors) => {
            let m = state.store.community_mail(p.id).await?;
            Ok(unprocessable(CommunityPage {
                status: describe(&c, &m),
                fields: community_fields(c.lang, &input, &errors),
                published: false,
                has_errors: true,
                saved: false,
                mail_on: mail_on(&state),
                process: p,
                c,
            }))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The summary's mail

/// Saves a summary version that moves it to `to` (out for comments, or published), with one
/// mail per community address carrying a new shared link, in one transaction; publishing also
/// deletes the members' addresses. Returns the query the summary page is shown with
/// afterwards (`?mailed=N&deleted=N`), or the store's refusal (`Conflict` for a stale base).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn move_summary(
    state: &AppState,
    p: &Process,
    base: Option<u32>,
    summary: &Summary,
    to: SummaryState,
    actor: UserId,
    now: OffsetDateTime,
) -> Result<String, StoreError> {
    let addresses = match state.store.community_mail(p.id).await?.community {
        Some(Community::People(a)) => a,
        Some(Community::List(l)) => vec![l],
        None => Vec::new(),
    };
    let kind = if to == SummaryState::Published {
        MailKind::SummaryPublished
    } else {
        MailKind::SummaryForComments
    };
    // The link's token is stored only as its hash, so a working link cannot be put in a mail:
    // the mail carries a new one, which replaces it.
    let token = random_token();
    let lang = community_lang(&p.order.languages);
    let mut outbox = Vec::new();
    if let Some(url) = public_link(state, &format!("/shared/{token}")) {
        for (i, a) in addresses.iter().enumerate() {
            let args = vec![
                ("process", i18n::s(p.title.clone())),
                ("link", i18n::s(url.clone())),
            ];
            let recipient = Recipient::address(a.as_str(), lang);
            if let Some(m) = state.compose(kind, recipient, args).await? {
                outbox.push(NewMail {
                    dedupe: Some(format!(
                        "{COMMUNITY_MAIL_KEY}{}:{}:{}:{i}",
                        p.id,
                        to.code(),
                        base.unwrap_or(0)
                    )),
                    ..m
                });
            }
        }
    }
    let hash = hash_token(&token);
    let m = SummaryMove {
        process: p.id,
        base,
        summary,
        state: to,
        actor,
        at: now,
        link: (!outbox.is_empty()).then_some(hash.as_str()),
    };
    let moved = state.store.move_summary(&m, &outbox).await?;
    if !outbox.is_empty() {
        state.mail_queued();
    }
    let mut query = Vec::new();
    if !outbox.is_empty() {
        query.push(format!("mailed={}", outbox.len()));
    }
    if moved.replaced {
        query.push("renewed=1".to_owned());
    }
    if moved.deleted > 0 {
        query.push(format!("deleted={}", moved.deleted));
    }
    Ok(if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    })
}

/// What the summary page tells after a move, from its query.
#[derive(Debug, Default, Deserialize)]
pub struct MovedQuery {
    pub mailed: Option<u32>,
    pub renewed: Option<String>,
    pub deleted: Option<u32>,
}

impl MovedQuery {
    /// The sentences, in the reader's language.
    pub fn told(&self, c: &Ctx) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(n) = self.mailed {
            out.push(c.tn("community-mailed", "count", i64::from(n)));
        }
        if self.renewed.is_some() {
            out.push(c.t("community-link-renewed"));
        }
        if let Some(n) = self.deleted {
            out.push(c.tn("community-deleted-now", "count", i64::from(n)));
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Reminders and follow-ups

/// What one pass wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Reminders and follow-ups due now (written or already in the outbox).
    pub due: usize,
    /// Messages written by this pass (a message already written is not written again).
    pub written: u64,
    /// The community's sent messages deleted from the outbox.
    pub forgotten: u64,
}

/// One pass at `now`: the reminders and follow-ups due, each written to the outbox once
/// (dedupe keys), and the community's sent messages deleted. Safe in several processes at once.
pub async fn run(state: &AppState, now: OffsetDateTime) -> Result<Pass, StoreError> {
    let forgotten = state.store.forget_sent_community_mail().await?;
    if !mail_on(state) {
        return Ok(Pass {
            forgotten,
            ..Pass::default()
        });
    }
    let tz = helsinki().map_err(|e| StoreError::Backend(format!("time zone: {e}")))?;
    let mut mails = Vec::new();
    let mut due = 0;

    if let Some((from, to)) = reminder_dates(&tz, now) {
        let list = state
            .store
            .processes(&ProcessFilter {
                from: Some(from),
                to: Some(to),
                ..ProcessFilter::default()
            })
            .await?;
        let list: Vec<Process> = list
            .into_iter()
            .filter(|p| !p.state.is_final() && p.facilitator.is_some())
            .collect();
        let ids: Vec<ProcessId> = list.iter().map(|p| p.id).collect();
        let plans = state.store.current_plans(&ids).await?;
        let planned: Vec<PlannedProcess<'_>> = list
            .iter()
            .filter_map(|p| {
                Some(PlannedProcess {
                    id: p.id,
                    state: p.state,
                    facilitator: p.facilitator,
                    sessions: &plans.get(&p.id)?.plan.sessions,
                })
            })
            .collect();
        let by_id: HashMap<ProcessId, &Process> = list.iter().map(|p| (p.id, p)).collect();
        let reminders = reminders_due(&tz, now, &planned);
        let people = accounts(state, reminders.iter().map(|r| r.to)).await?;
        for r in reminders {
            due += 1;
            let (Some(p), Some(s)) = (
                by_id.get(&r.process),
                plans
                    .get(&r.process)
                    .and_then(|v| v.plan.session(r.session)),
            ) else {
                continue;
            };
            let place = s
                .place
                .clone()
                .or_else(|| s.online_link.clone())
                .unwrap_or_else(|| "–".to_owned());
            let args = vec![
                ("process", i18n::s(p.title.clone())),
                ("session", i18n::s(s.title.clone())),
                ("date", i18n::s(format_date(s.date))),
                (
                    "time",
                    i18n::s(format!("{:02}.{:02}", s.start.hour(), s.start.minute())),
                ),
                ("place", i18n::s(place)),
                (
                    "link",
                    i18n::s(
                        public_link(state, &format!("/processes/{}", p.id)).unwrap_or_default(),
                    ),
                ),
            ];
            let Some(u) = people.get(&r.to) else {
                continue;
            };
            if !crate::partners::facilitates(state.store.as_ref(), p.org, r.to).await? {
                continue;
            }
            let to = Recipient::user(u);
            if let Some(m) = state.compose(MailKind::SessionReminder, to, args).await? {
                mails.push(NewMail {
                    dedupe: Some(r.dedupe()),
                    ..m
                });
            }
        }
    }

    if let Some((from, to)) = follow_up_dates(&tz, now) {
        let practices = state.store.practices_due(from, to).await?;
        let follow = follow_ups_due(&tz, now, &practices);
        let people = accounts(state, follow.iter().map(|f| f.to)).await?;
        for f in follow {
            due += 1;
            let Some(pr) = practices.iter().find(|p| p.practice == f.practice) else {
                continue;
            };
            let args = vec![
                ("process", i18n::s(pr.process_title.clone())),
                ("practice", i18n::s(pr.title.clone())),
                ("date", i18n::s(format_date(f.due))),
                (
                    "link",
                    i18n::s(
                        public_link(state, &format!("/processes/{}/practices", f.process))
                            .unwrap_or_default(),
                    ),
                ),
            ];
            let Some(u) = people.get(&f.to) else {
                continue;
            };
            // Someone who left the organisation, lost the role or was removed is not mailed
            // about its processes any more (a notice names the process and what its community
            // agreed).
            let org = state.store.process(f.process).await?.org;
            let holds = if f.to == pr.orderer {
                state.store.roles(org, f.to).await?.has(Role::Orderer)
            } else {
                crate::partners::facilitates(state.store.as_ref(), org, f.to).await?
            };
            if !holds {
                continue;
            }
            let to = Recipient::user(u);
            if let Some(m) = state.compose(MailKind::PracticeFollowUp, to, args).await? {
                mails.push(NewMail {
                    dedupe: Some(f.dedupe()),
                    ..m
                });
            }
        }
    }
    let written = if mails.is_empty() {
        0
    } else {
        state.store.enqueue_mail(&mails, now).await?
    };
    if written > 0 {
        state.mail_queued();
    }
    Ok(Pass {
        due,
        written,
        forgotten,
    })
}

/// The accounts notices go to, in one query.
async fn accounts(
    state: &AppState,
    ids: impl Iterator<Item = UserId>,
) -> Result<HashMap<UserId, User>, StoreError> {
    let ids: Vec<UserId> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    state.store.users(&ids).await
}

/// Runs [`run`] every [`INTERVAL`] until the runtime ends. A failed pass is logged and the
/// next one tries again: what was due is still due, and dedupe keys keep it from doubling.
pub fn start(state: AppState) {
    tokio::spawn(async move {
        loop {
            match run(&state, OffsetDateTime::now_utc()).await {
                Ok(p) if p.written > 0 => {
                    tracing::info!(written = p.written, due = p.due, "notices queued")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "notices pass failed"),
            }
            tokio::time::sleep(INTERVAL).await;
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Mail, through the one composer

fn mail_on(state: &AppState) -> bool {
    state.mail_enabled()
}

/// `public_url` + `path`, when mail is configured.
fn public_link(state: &AppState, path: &str) -> Option<String> {
    state.mail_enabled().then(|| state.mail_link(path))
}
