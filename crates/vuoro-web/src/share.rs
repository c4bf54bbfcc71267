//! Sharing the summary with the whole community: most of a work community never joined a
//! session from a phone, so they hold no participant token. The orderer or the facilitator
//! (`ProcessAction::ShareSummary`) makes a link with an unguessable token, shown once as an
//! address and a QR code; anyone holding it reads the summary and, while it is out for
//! comments, comments on it without an account, exactly as a participant would: the link never
//! shows a draft and never names anyone. Only the token's SHA-256 hash is stored, one link of a
//! process works at a time, and a revoked link answers with a page saying so (410).
//!
//! Comments through a link are bounded twice: per client address and link in memory
//! ([`CommentLimiter`], bounded like the other limiters) and per link in the database
//! ([`COMMENTS_PER_LINK`], counted in the same statement as the insert).

use crate::AppState;
use crate::client::ClientAddr;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::form::FormData;
use crate::live::PCtx;
use crate::processes::{helsinki_time, load, require};
use crate::routes::Routes;
use crate::summary::{CommentReply, read_view};
use crate::util::{hash_token, qr_svg, random_token, redirect, same_secret, site_url};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use lru::LruCache;
use serde::Deserialize;
use std::net::IpAddr;
use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use vuoro_core::permission::ProcessAction;
use vuoro_core::summary::{self, SummaryState};
use vuoro_store::{Process, StoreError, SummaryLink, SummaryLinkComment, SummaryVersion};

pub fn router() -> Routes {
    Routes::new()
        .route(
            "/processes/{id}/summary/share",
            get(share_page).post(share_change),
        )
        .route("/shared/{token}", get(read).post(comment))
}

/// Comments one link carries in all: a leaked link cannot fill the database.
pub const COMMENTS_PER_LINK: u64 = 500;
/// Comments one client address may leave through one link at once: a team behind one office
/// address comments together...
pub const COMMENT_BURST: f64 = 20.0;
/// ...and then one more every this long.
pub const COMMENT_REFILL: Duration = Duration::from_secs(30);
/// Client addresses the limiter remembers; when full, the one untouched longest goes.
const MAX_KEYS: usize = 10_000;

// ---------------------------------------------------------------------------------------------
// The limit per client

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Comments per client address (an IPv6 /64) and link, as a token bucket in a bounded table.
#[derive(Debug)]
pub struct CommentLimiter(Mutex<LruCache<(i64, IpAddr), Bucket>>);

impl Default for CommentLimiter {
    fn default() -> Self {
        Self(Mutex::new(LruCache::new(
            NonZeroUsize::new(MAX_KEYS).unwrap_or(NonZeroUsize::MIN),
        )))
    }
}

impl CommentLimiter {
    /// Takes one comment for `addr` on `link`, or says how many seconds to wait.
    pub fn take(&self, link: i64, addr: IpAddr) -> Result<(), u64> {
        self.take_at(link, addr, Instant::now())
    }

    fn take_at(&self, link: i64, addr: IpAddr, now: Instant) -> Result<(), u64> {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let key = (link, crate::auth::client_key(addr));
        let b = t.get_or_insert_mut(key, || Bucket {
            tokens: COMMENT_BURST,
            at: now,
        });
        let gained = now.duration_since(b.at).as_secs_f64() / COMMENT_REFILL.as_secs_f64();
        b.tokens = (b.tokens + gained).min(COMMENT_BURST);
        b.at = now;
        if b.tokens < 1.0 {
            let wait = (1.0 - b.tokens) * COMMENT_REFILL.as_secs_f64();
            return Err(wait.ceil().max(1.0) as u64);
        }
        b.tokens -= 1.0;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Staff: make and revoke the link

#[derive(Template, WebTemplate)]
#[template(path = "summary_share.html")]
struct SharePage {
    c: Ctx,
    process: Process,
    /// The address and its QR code, only in the answer that made the link: the token is not
    /// stored, so it cannot be shown again.
    made: Option<(String, String)>,
    /// When the working link was made, if one works.
    active_since: Option<String>,
    /// The summary is out for comments or published, so a link would show something.
    readable: bool,
    /// Asking before revoking.
    ask_revoke: bool,
    /// Told after a revocation.
    revoked: bool,
}

#[derive(Deserialize)]
struct ShareQuery {
    ask: Option<String>,
    revoked: Option<String>,
}

fn is_readable(v: Option<&SummaryVersion>) -> bool {
    v.is_some_and(|v| v.state.readable_by_participants())
}

async fn share_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
    Query(q): Query<ShareQuery>,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::ShareSummary, p.state)?;
    let link = state.store.summary_link(p.id).await?;
    let readable = is_readable(state.store.summary(p.id).await?.as_ref());
    Ok(SharePage {
        made: None,
        ask_revoke: q.ask.as_deref() == Some("revoke") && link.is_some(),
        active_since: link.map(|l| helsinki_time(l.created_at)),
        revoked: q.revoked.is_some(),
        readable,
        process: p,
        c,
    }
    .into_response())
}

/// Makes a link (`do=make`) or revokes the working one (`do=revoke`, posted from the
/// confirmation).
async fn share_change(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let (p, pa) = load(&state, &c, &id).await?;
    require(&pa, ProcessAction::ShareSummary, p.state)?;
    let user = c.user()?.id;
    let now = OffsetDateTime::now_utc();
    let back = format!("/processes/{}/summary/share", p.id);
    match form.get("do") {
        "make" => {
            // Nothing to read yet: a link would only show its holders an empty page.
            if !is_readable(state.store.summary(p.id).await?.as_ref()) {
                return Err(AppError::Conflict("error-conflict"));
            }
            let token = random_token();
            let link = match state
                .store
                .make_summary_link(p.id, &hash_token(&token), user, now)
                .await
            {
                Ok(l) => l,
                // Another link works (made in another tab): show the page as it is.
                Err(StoreError::Conflict(_)) => return Ok(redirect(&back)),
                Err(e) => return Err(e.into()),
            };
            let url = site_url(&headers, &format!("/shared/{token}"));
            let qr = qr_svg(&url);
            let mut r = SharePage {
                made: Some((url, qr)),
                active_since: Some(helsinki_time(link.created_at)),
                readable: true,
                ask_revoke: false,
                revoked: false,
                process: p,
                c,
            }
            .into_response();
            // The answer holds the secret: no cache keeps it.
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(r)
        }
        "revoke" => match state.store.revoke_summary_link(p.id, user, now).await {
            // Revoked now, or already by someone else: either way no link works.
            Ok(()) | Err(StoreError::NotFound) => Ok(redirect(&format!("{back}?revoked=1"))),
            Err(e) => Err(e.into()),
        },
        _ => Err(AppError::BadRequest("error-malformed-form")),
    }
}

// ---------------------------------------------------------------------------------------------
// Anyone holding the link

/// What a token opens.
enum Opened {
    /// A working link, its process and the summary as readers may read it.
    Reads(Box<(SummaryLink, Process, SummaryVersion)>),
    /// The page to answer instead: revoked, or nothing to read right now.
    Refused(Response),
}

async fn open(state: &AppState, p: &PCtx, token: &str) -> AppResult<Opened> {
    // Tokens are 64 hex characters; anything else is not worth a query.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let hash = hash_token(token);
    let link = state
        .store
        .summary_link_by_hash(&hash)
        .await?
        // The query found it by its hash; comparing again in constant time keeps any timing
        // difference of the index lookup from mattering.
        .filter(|l| same_secret(&l.token_hash, &hash))
        .ok_or(AppError::NotFound)?;
    if link.revoked.is_some() {
        return Ok(Opened::Refused(crate::live::page_error(
            p,
            "p-share-revoked",
            StatusCode::GONE,
        )));
    }
    let process = state.store.process(link.process).await?;
    // What participants may read, never more: a draft is the writers' own.
    match state
        .store
        .summary(process.id)
        .await?
        .filter(|v| v.state.readable_by_participants())
    {
        Some(v) => Ok(Opened::Reads(Box::new((link, process, v)))),
        None => Ok(Opened::Refused(crate::live::page_error(
            p,
            "p-share-not-now",
            StatusCode::NOT_FOUND,
        ))),
    }
}

#[derive(Deserialize)]
struct Thanks {
    thanks: Option<String>,
}

/// The shared page as any answer shows it: no one reads it from a cache or a referrer.
fn private(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

async fn read(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    Path(token): Path<String>,
    Query(q): Query<Thanks>,
) -> AppResult<Response> {
    let p = PCtx::new(&headers, &c);
    let (_, process, v) = match open(&state, &p, &token).await? {
        Opened::Reads(found) => *found,
        Opened::Refused(r) => return Ok(private(r)),
    };
    let reply = CommentReply {
        thanks: q.thanks.is_some(),
        ..CommentReply::default()
    };
    let action = format!("/shared/{token}");
    let page = read_view(&state, p, process, None, action, v, reply).await?;
    Ok(private(page.into_response()))
}

/// A comment through the link, while the summary is out for comments. Whatever refuses it,
/// the page comes back with the text kept and the reason.
async fn comment(
    State(state): State<AppState>,
    c: Ctx,
    headers: HeaderMap,
    client: ClientAddr,
    Path(token): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let p = PCtx::new(&headers, &c);
    let (link, process, v) = match open(&state, &p, &token).await? {
        Opened::Reads(found) => *found,
        Opened::Refused(r) => return Ok(private(r)),
    };
    let action = format!("/shared/{token}");
    let refused = |key: &str, status: StatusCode, wait: Option<u64>| (p.t(key), status, wait);
    let checked = if v.state != SummaryState::Review {
        Err(refused(
            "p-summary-comments-closed",
            StatusCode::CONFLICT,
            None,
        ))
    } else {
        match summary::comment(form.get("text")) {
            Err(vuoro_core::FieldError::Required) => Err(refused(
                "p-summary-comment-empty",
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
            )),
            Err(_) => Err(refused(
                "p-summary-comment-long",
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
            )),
            Ok(text) => match state.shares.take(link.id, client.0) {
                Err(wait) => Err(refused(
                    "p-share-too-fast",
                    StatusCode::TOO_MANY_REQUESTS,
                    Some(wait),
                )),
                Ok(()) => {
                    let added = state
                        .store
                        .add_summary_link_comment(
                            &SummaryLinkComment {
                                process: process.id,
                                version: v.version,
                                link: link.id,
                                text,
                                lang: p.code().to_owned(),
                                created_at: OffsetDateTime::now_utc(),
                            },
                            COMMENTS_PER_LINK,
                        )
                        .await?;
                    if added {
                        Ok(())
                    } else {
                        Err(refused("p-share-full", StatusCode::TOO_MANY_REQUESTS, None))
                    }
                }
            },
        }
    };
    match checked {
        Ok(()) => Ok(private(redirect(&format!("{action}?thanks=1#comment")))),
        Err((error, status, wait)) => {
            let reply = CommentReply {
                draft: form.string("text"),
                error: Some(error),
                thanks: false,
            };
            let mut r = read_view(&state, p, process, None, action, v, reply)
                .await?
                .into_response();
            *r.status_mut() = status;
            if let Some(w) = wait {
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(w));
            }
            Ok(private(r))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_comments_at_once_and_a_flood_is_slowed() {
        let l = CommentLimiter::default();
        let ip = IpAddr::from([198, 51, 100, 7]);
        let t0 = Instant::now();
        for _ in 0..COMMENT_BURST as u32 {
            assert_eq!(l.take_at(1, ip, t0), Ok(()));
        }
        assert_eq!(l.take_at(1, ip, t0), Err(30));
        assert_eq!(l.take_at(2, ip, t0), Ok(()), "another link");
        assert_eq!(
            l.take_at(1, IpAddr::from([198, 51, 100, 8]), t0),
            Ok(()),
            "another address"
        );
        // A neighbour in the same IPv6 /64 is the same client.
        let v6 = |last: u16| IpAddr::from([0x2001, 0xdb8, 0, 1, 0, 0, 0, last]);
        for _ in 0..COMMENT_BURST as u32 {
            assert_eq!(l.take_at(1, v6(1), t0), Ok(()));
        }
        assert!(l.take_at(1, v6(2), t0).is_err());
        assert_eq!(l.take_at(1, ip, t0 + COMMENT_REFILL), Ok(()), "refilled");
    }
}
